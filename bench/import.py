"""Benchmark: importing ACLED rows into SQLite, the bulk path against row-by-row ingest.

SYNTHETIC DATA: the rows are generated here (made-up ids, places, actors and
notes); no real ACLED data is read or kept. The file is written to a
temporary directory and removed afterwards.

    python bench/import.py [--rows 100000] [--baseline-rows 2000] [--postgres URL] [--import-only]

Prints the bulk import's time (parse + one transaction) for all rows (the
parse column by column, ``acled.parse_columns``, with the row-by-row parse
timed beside it), a second import of the same file (everything unchanged),
a newer release of the file revising ``--revised`` events (each change
logged), exports of the result as ACLED CSV and as the JSON dump, and the
naive baseline: each row stored with ``EventStore.ingest``, one transaction per
row, timed on the first ``--baseline-rows`` rows and extrapolated.

The floor, in the same run and on each database: a plain
``pandas.read_csv`` of the same file and ``DataFrame.to_sql`` of its rows
into one table (no validation, no ids checked, no claims or places): what
storing the raw rows costs at least. ``--import-only`` measures the import
beside its floor and skips the rest.
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from conflictmap.exchange import acled  # noqa: E402
from conflictmap.exchange import export_text, import_file  # noqa: E402
from conflictmap.store import EventStore  # noqa: E402

TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Explosions/Remote violence", "Air/drone strike"), ("Violence against civilians", "Attack"),
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")]
ADMIN1 = ["Damascus", "Rural Damascus", "Aleppo", "Homs", "Hama", "Idleb", "Deir ez Zor", "Daraa"]


def write_synthetic(path: Path, rows: int, seed: int = 7, revised: int = 0) -> None:
    """A synthetic ACLED export of ``rows`` rows in the current 31 columns.

    With ``revised``, the first ``revised`` rows are a newer version (later ``timestamp``, one more death).
    """
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(acled.COLUMNS)
        for n in range(rows):
            event_type, sub = rng.choice(TYPES)
            day = 1 + n % 28
            place = rng.randrange(2000)
            writer.writerow([
                f"SYN{n}", f"2016-{1 + n % 12:02d}-{day:02d}", 2016, rng.choice((1, 1, 1, 2, 3)),
                "Political violence", event_type, sub, "Synthetic Actor A", "", "State forces",
                "Synthetic Actor B", "", "Rebel group", "State forces-Rebel group", "", 760, "Middle East",
                "Syria", rng.choice(ADMIN1), "Synthetic district", "", f"Synthetic place {place}",
                round(32 + place / 1000, 4), round(36 + place / 1500, 4), rng.choice((1, 2, 3)),
                "Synthetic Monitor", "National", f"SYNTHETIC event {n}: a made-up note for benchmarking.",
                rng.randrange(0, 30) + (n < revised), "", 1700000000 + n + (n < revised) * 1_000_000])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--baseline-rows", type=int, default=2_000)
    parser.add_argument("--revised", type=int, default=5_000, help="rows of a newer release that revise events")
    parser.add_argument("--postgres", metavar="URL", help="also time the import into this PostgreSQL database "
                        "(a scratch schema is created in it and dropped)")
    parser.add_argument("--import-only", action="store_true", help="the import and its floor only (no second "
                        "import, revision, exports or naive baseline)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="conflictmap-bench-") as folder:
        tmp = Path(folder)
        source = tmp / "synthetic-acled.csv"
        write_synthetic(source, args.rows)
        size = source.stat().st_size / 1e6
        print(f"synthetic ACLED CSV: {args.rows:,} rows, {size:.1f} MB (generated, not real data)")

        took, took_cpu = floor(source, f"sqlite:///{tmp / 'floor.db'}")
        print(f"floor, pandas read_csv + to_sql (SQLite): {took:6.2f} s  (CPU {took_cpu:.2f} s)")
        store = EventStore(f"sqlite:///{tmp / 'bulk.db'}")
        start, cpu = time.perf_counter(), time.process_time()
        report = import_file(store, source, "acled")
        bulk, bulk_cpu = time.perf_counter() - start, time.process_time() - cpu
        assert report.result.added == args.rows and not report.errors, report.summary
        print(f"bulk import (parse + one transaction): {bulk:6.2f} s  {args.rows / bulk:9,.0f} rows/s"
              f"  ({report.summary})\n"
              f"  (CPU {bulk_cpu:.2f} s; the machine's load average is {os.getloadavg()[0]:.1f})")
        print(f"  against the floor: {bulk / took:.2f}x wall, {bulk_cpu / took_cpu:.2f}x CPU")
        if args.import_only:
            store.dispose()
            if args.postgres:
                postgres_import(args.postgres, source, args.rows)
            return

        start = time.perf_counter()
        acled.parse_columns(source)
        parse_only = time.perf_counter() - start
        print(f"  of which parsing the CSV (column by column, as the import does): {parse_only:6.2f} s")
        start = time.perf_counter()
        parsed = acled.parse(source)
        print(f"  the same parse row by row (the reference): {time.perf_counter() - start:6.2f} s")

        start = time.perf_counter()
        again = import_file(store, source, "acled")
        repeat = time.perf_counter() - start
        assert again.result.added == 0 and again.unchanged == args.rows, again.summary
        print(f"same file again (all unchanged):       {repeat:6.2f} s  ({again.summary})")
        revision = tmp / "synthetic-acled-revised.csv"
        write_synthetic(revision, args.rows, revised=args.revised)
        start = time.perf_counter()
        revised = import_file(store, revision, "acled")
        took = time.perf_counter() - start
        assert revised.updated == args.revised, revised.summary
        print(f"a newer release revising {args.revised:,} events:   {took:6.2f} s  ({revised.summary})")
        for fmt in ("acled", "json"):
            start = time.perf_counter()
            body = export_text(store, fmt)
            took = time.perf_counter() - start
            print(f"export {args.rows:,} events as {fmt:<5}:        {took:6.2f} s  ({len(body) / 1e6:.1f} MB)")
        store.dispose()

        if args.postgres:
            postgres_import(args.postgres, source, args.rows)

        naive = EventStore(f"sqlite:///{tmp / 'naive.db'}")
        sample = parsed.payloads[:args.baseline_rows]
        start = time.perf_counter()
        for payload in sample:
            naive.ingest(payload)
        slow = time.perf_counter() - start
        rate = len(sample) / slow
        print(f"naive baseline, ingest() per row:      {slow:6.2f} s for {len(sample):,} rows  {rate:9,.0f} rows/s"
              f"  (~{args.rows / rate:,.0f} s extrapolated to {args.rows:,})")
        print(f"speed-up: {args.rows / bulk / rate:,.0f}x")
        naive.dispose()


def floor(source: Path, url: str, engine=None) -> tuple[float, float]:  # noqa: ANN001 - an Engine or None
    """Seconds (wall, CPU) of a plain ``pandas.read_csv`` + ``to_sql`` of the file into one new table."""
    import pandas as pd
    from sqlalchemy import create_engine

    engine = engine or create_engine(url)
    start, cpu = time.perf_counter(), time.process_time()
    frame = pd.read_csv(source)
    frame.to_sql("acled_floor", engine, index=False)
    took, took_cpu = time.perf_counter() - start, time.process_time() - cpu
    engine.dispose()
    return took, took_cpu


def postgres_import(url: str, source: Path, rows: int) -> None:
    """The same import into a scratch schema of a PostgreSQL server, beside its floor in another scratch schema.

    CPU times are this process's only: the server's own work shows in the wall time.
    """
    from sqlalchemy import create_engine, text

    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    schema = f"bench_{os.getpid()}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}_floor"))
    engine = create_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    try:
        low, low_cpu = floor(source, url, create_engine(url, connect_args={"options": f"-csearch_path={schema}_floor"}))
        print(f"floor, pandas read_csv + to_sql (PostgreSQL): {low:6.2f} s  (CPU {low_cpu:.2f} s)")
        store = EventStore(url, engine=engine)
        start, cpu = time.perf_counter(), time.process_time()
        report = import_file(store, source, "acled")
        took, took_cpu = time.perf_counter() - start, time.process_time() - cpu
        assert report.result.added == rows, report.summary
        print(f"bulk import into PostgreSQL:           {took:6.2f} s  {rows / took:9,.0f} rows/s  (CPU {took_cpu:.2f} s;"
              f" the machine's load average is {os.getloadavg()[0]:.1f})")
        print(f"  against the floor: {took / low:.2f}x wall, {took_cpu / low_cpu:.2f}x this process's CPU")
        start = time.perf_counter()
        again = import_file(store, source, "acled")
        assert again.result.added == 0 and again.unchanged == rows, again.summary
        print(f"same file again into PostgreSQL:       {time.perf_counter() - start:6.2f} s  ({again.summary})")
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            conn.execute(text(f"DROP SCHEMA {schema}_floor CASCADE"))
        admin.dispose()


if __name__ == "__main__":
    main()
