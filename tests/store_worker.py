"""A second (third …) process writing to one database, for the concurrency and crash tests.

Run as ``python tests/store_worker.py MODE URL [options]`` with the checkout on
``PYTHONPATH``. It opens its own ``EventStore`` (its own connections, as a
second dashboard replica or a command-line import would), waits for the
``--go`` file so that every worker starts at once, does its work and prints
one JSON line with what it did. The reports are made up here: short
synthetic texts in conflictmap's JSON, no real report.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

SIDES = ("Synthetic Monitor", "Synthetic Agency", "Synthetic Network")
PLACES = 12  # reports share places, so place rows are inserted by both writers at once too


def synthetic_payload(n: int) -> dict[str, Any]:
    """Report ``n``: two events (two claims and one claim) and one daily total; 2 events, 4 claims."""
    report_id = f"conc-{n:05d}"
    day = f"2014-{1 + n % 12:02d}-{1 + n % 28:02d}"

    def place(k: int) -> dict[str, Any]:
        return {"id": f"conc-place-{k}", "name": f"Synthetic Village {k}", "mention": f"Synthetic Village {k}",
                "lat": 33.0 + k / 100, "lon": 36.0 + k / 100, "precision": "town", "coord_source": "test"}

    def claim(source: str, killed: int, quote: str) -> dict[str, Any]:
        return {"source": source, "killed": killed, "scope": "event", "date": day, "quote": quote}

    first = f"Shelling of Synthetic Village {n % PLACES} left {n % 9 + 1} dead, a monitor said (report {n})."
    second = f"Clashes were reported near Synthetic Village {(n + 5) % PLACES} (report {n})."
    return {
        "report": {"id": report_id, "pub_date": day, "title": f"Synthetic report {n}"},
        "events": [
            {"id": f"{report_id}-1", "date": day, "event_type": "shelling", "types": ["shelling"], "quote": first,
             "place": place(n % PLACES),
             "claims": [claim(SIDES[0], n % 9 + 1, first), claim(SIDES[1], n % 9 + 3, first)]},
            {"id": f"{report_id}-2", "date": day, "event_type": "clash", "types": ["clash"], "quote": second,
             "place": place((n + 5) % PLACES), "claims": [claim(SIDES[2], n % 4, second)]},
        ],
        "nationwide_claims": [{"source": SIDES[2], "killed": 40 + n % 10, "scope": "daily_total", "date": day,
                               "quote": f"Forty or more died across the country (report {n})."}],
    }


EVENTS_PER_REPORT, CLAIMS_PER_REPORT = 2, 4


def open_store(url: str, schema: str | None):
    from sqlalchemy import create_engine

    from conflictmap.store import EventStore

    if schema is None:
        return EventStore(url)
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1),
                           connect_args={"options": f"-csearch_path={schema}"})
    return EventStore(url, engine=engine)


def wait_for(path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"no {path} within {timeout} s")
        time.sleep(0.005)


def ingest(store, args) -> dict[str, Any]:
    """One report at a time, as the ingest page or ``python -m conflictmap ingest`` does."""
    added = events = claims = 0
    for n in range(args.first, args.last):
        result = store.ingest(synthetic_payload(n))
        added += result.added
        events += result.events
        claims += result.claims
    return {"added": added, "events": events, "claims": claims}


def bulk(store, args) -> dict[str, Any]:
    """Batches of reports in one transaction each, as a data-set import does."""
    added = skipped = events = claims = 0
    numbers = list(range(args.first, args.last))
    for start in range(0, len(numbers), args.batch):
        result = store.import_payloads(synthetic_payload(n) for n in numbers[start:start + args.batch])
        added, skipped = added + result.added, skipped + result.skipped
        events, claims = events + result.events, claims + result.claims
    return {"added": added, "skipped": skipped, "events": events, "claims": claims}


def edit(store, args) -> dict[str, Any]:
    """Each round: read the event, meet the other editor at a barrier, then both change it at once."""
    import inspect

    stale_check = "expected" in inspect.signature(store.edit_events).parameters
    outcomes = []
    for round_ in range(args.rounds):
        seen = store.events_frame().set_index("id").loc[args.event, "quote"]
        (args.barrier / f"{args.who}-{round_}").touch()
        for other in args.others:
            wait_for(args.barrier / f"{other}-{round_}")
        extra = {"expected": {args.event: {"quote": seen}}} if stale_check else {}
        try:
            store.edit_events({args.event: {"quote": f"{args.who} round {round_}"}}, editor=args.who,
                              reason=f"round {round_}", **extra)
            outcomes.append("saved")
        except ValueError as exc:
            if type(exc).__name__ != "StaleEdit":
                raise
            outcomes.append("conflict")
        (args.barrier / f"{args.who}-{round_}-done").touch()
        for other in args.others:
            wait_for(args.barrier / f"{other}-{round_}-done")
    return {"outcomes": outcomes, "stale_check": stale_check}


def crash(store, args) -> dict[str, Any]:
    """Import a big ACLED file, and stop dead (say so, then sleep) once the first events are written.

    The test SIGKILLs the process while it sleeps inside the import's transaction.
    """
    from conflictmap import store as store_module
    from conflictmap.exchange import import_file
    from conflictmap.store import EventStore

    insert_many, insert_columns = EventStore._insert_many, store_module._insert_columns

    def then_stop(conn, table, rows, **options) -> None:  # noqa: ANN001 - SQLite's executemany or PostgreSQL's COPY
        (insert_columns if isinstance(rows, dict) else insert_many)(conn, table, rows, **options)
        if table.name == "events":
            print("INSIDE", flush=True)
            time.sleep(120)

    EventStore._insert_many = staticmethod(then_stop)
    store_module._insert_columns = then_stop  # an ACLED file's rows go column by column (import_columns)
    report = import_file(store, Path(args.file), "acled")
    return {"added": report.result.added}


MODES = {"ingest": ingest, "bulk": bulk, "edit": edit, "crash": crash}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=MODES)
    parser.add_argument("url")
    parser.add_argument("--schema")
    parser.add_argument("--go", type=Path)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--last", type=int, default=0)
    parser.add_argument("--batch", type=int, default=25)
    parser.add_argument("--event")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--who", default=f"editor-{os.getpid()}")
    parser.add_argument("--others", nargs="*", default=[])
    parser.add_argument("--barrier", type=Path)
    parser.add_argument("--file")
    args = parser.parse_args(argv)
    store = open_store(args.url, args.schema)
    if args.go is not None:
        print("READY", flush=True)
        wait_for(args.go)
    result = MODES[args.mode](store, args)
    store.dispose()
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
