"""Benchmark: three processes writing overlapping synthetic reports into one database at once.

SYNTHETIC DATA: the reports are made up by ``tests/store_worker.py``.

    python bench/concurrency.py [--reports 2000] [--overlap 500] [--postgres URL]

Two processes ingest reports one at a time (0..N and N-overlap..2N-overlap)
while a third imports 0..N in batches of 50, all started on one signal, into
a fresh SQLite file (WAL, busy timeout) and, with ``--postgres``, a scratch
schema of a PostgreSQL server. Prints the wall time, what each process
stored, and the final counts against the exact expected ones.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from store_worker import CLAIMS_PER_REPORT, EVENTS_PER_REPORT, PLACES, open_store  # noqa: E402


def run(url: str, schema: str | None, n: int, overlap: int, scratch: Path) -> None:
    go = scratch / f"go-{uuid.uuid4().hex[:6]}"

    def start(mode: str, first: int, last: int, *extra: str) -> subprocess.Popen:
        command = [sys.executable, str(ROOT / "tests" / "store_worker.py"), mode, url,
                   *(["--schema", schema] if schema else []), "--go", str(go), "--first", str(first),
                   "--last", str(last), *extra]
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})

    workers = [start("ingest", 0, n), start("ingest", n - overlap, 2 * n - overlap),
               start("bulk", 0, n, "--batch", "50")]
    for worker in workers:
        assert worker.stdout.readline().strip() == "READY", worker.stderr.read()
    began = time.perf_counter()
    go.touch()
    results = []
    for worker in workers:
        out, err = worker.communicate()
        if worker.returncode:
            raise SystemExit(err[-3000:])
        results.append(json.loads(out.strip().splitlines()[-1]))
    wall = time.perf_counter() - began
    store = open_store(url, schema)
    counts = store.counts()
    store.dispose()
    distinct = 2 * n - overlap
    expected = {"reports": distinct, "places": PLACES, "events": distinct * EVENTS_PER_REPORT,
                "claims": distinct * CLAIMS_PER_REPORT}
    print(f"{url.split(':', 1)[0]}: {wall:.1f} s wall; stored by each: "
          f"{[r['added'] for r in results]}; counts {counts}; "
          f"{'exact' if counts == expected else 'WRONG, expected ' + str(expected)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--overlap", type=int, default=500)
    parser.add_argument("--postgres")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as scratch:
        run(f"sqlite:///{Path(scratch) / 'shared.db'}", None, args.reports, args.overlap, Path(scratch))
        if args.postgres:
            from sqlalchemy import create_engine, text

            schema = f"bench_{uuid.uuid4().hex[:8]}"
            admin = create_engine(args.postgres.replace("postgresql://", "postgresql+psycopg://", 1))
            with admin.begin() as conn:
                conn.execute(text(f"CREATE SCHEMA {schema}"))
            try:
                run(args.postgres, schema, args.reports, args.overlap, Path(scratch))
            finally:
                with admin.begin() as conn:
                    conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
                admin.dispose()


if __name__ == "__main__":
    main()
