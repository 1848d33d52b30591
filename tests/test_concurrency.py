"""Many hands on one database: two OS processes ingesting, importing and editing at once, and a killed import.

Each worker (``tests/store_worker.py``) is a separate Python process with its
own connections, as two dashboard replicas or a dashboard and a command-line
import are. They start together on a signal and overlap on purpose: both try
to store the same reports, and both edit the same event in the same moment.
Afterwards every report is stored exactly once, every count adds up, and no
edit is lost without a trace. On SQLite (WAL, busy timeout) and PostgreSQL.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from store_worker import CLAIMS_PER_REPORT, EVENTS_PER_REPORT, PLACES, open_store
from synthetic import acled_row, csv_text

from conflictmap.exchange import acled
from conflictmap.exchange import import_file

ROOT = Path(__file__).resolve().parent.parent
WORKER = Path(__file__).with_name("store_worker.py")
REPORTS_EACH = 200
OVERLAP = 60  # reports both workers store


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    """(url, schema) of an empty database no process has opened yet."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'shared.db'}", None
        return
    url = request.getfixturevalue("postgres_url")
    from sqlalchemy import create_engine, text

    schema = f"c_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    yield url, schema
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def start(mode: str, url: str, schema: str | None, *args: str) -> subprocess.Popen:
    command = [sys.executable, str(WORKER), mode, url, *(["--schema", schema] if schema else []), *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run_together(workers: list[subprocess.Popen], go: Path) -> list[dict]:
    """Wait until every worker has opened the database, start them at once, and collect their answers."""
    for worker in workers:
        line = worker.stdout.readline()
        assert line.strip() == "READY", worker.stderr.read()
    go.touch()
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err[-3000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def test_two_processes_ingesting_overlapping_reports_store_each_once(database, tmp_path):
    url, schema = database
    go = tmp_path / "go"
    first = (0, REPORTS_EACH)
    second = (REPORTS_EACH - OVERLAP, 2 * REPORTS_EACH - OVERLAP)
    a, b = run_together([start("ingest", url, schema, "--go", str(go), "--first", str(first[0]), "--last",
                               str(first[1])),
                         start("bulk", url, schema, "--go", str(go), "--first", str(second[0]), "--last",
                               str(second[1]), "--batch", "20")], go)
    distinct = second[1] - first[0]
    assert a["added"] + b["added"] == distinct  # every report landed once, whoever stored it
    assert b["skipped"] == REPORTS_EACH - b["added"]
    assert a["events"] + b["events"] == distinct * EVENTS_PER_REPORT
    assert a["claims"] + b["claims"] == distinct * CLAIMS_PER_REPORT
    store = open_store(url, schema)
    assert store.counts() == {"reports": distinct, "places": PLACES, "events": distinct * EVENTS_PER_REPORT,
                              "claims": distinct * CLAIMS_PER_REPORT}
    events = store.events_frame()
    assert events["id"].is_unique and events.groupby("report_id").size().eq(EVENTS_PER_REPORT).all()
    assert len(store.claims_frame()) == distinct * (CLAIMS_PER_REPORT - 1)  # the rest are daily totals
    assert len(store.nationwide_frame()) == distinct
    store.dispose()


def test_two_editors_changing_one_event_at_once_lose_nothing_silently(database, tmp_path):
    url, schema = database
    store = open_store(url, schema)
    import_file(store, csv_text([acled_row(1)], acled.COLUMNS).encode(), "acled")
    go, barrier = tmp_path / "go", tmp_path / "barrier"
    barrier.mkdir()
    rounds = 8
    common = ["--go", str(go), "--event", "acled-SYN1", "--rounds", str(rounds), "--barrier", str(barrier)]
    ana, ben = run_together([start("edit", url, schema, *common, "--who", "ana", "--others", "ben"),
                             start("edit", url, schema, *common, "--who", "ben", "--others", "ana")], go)
    history = store.history("acled-SYN1")
    saved = ana["outcomes"].count("saved") + ben["outcomes"].count("saved")
    assert len(history) == saved
    # The log is one unbroken chain: each change starts from the value the one before it left, so every
    # overwritten edit is there to see, with who made it and when.
    assert list(history["old_value"].iloc[1:]) == list(history["new_value"].iloc[:-1])
    assert store.events_frame().set_index("id").loc["acled-SYN1", "quote"] == history["new_value"].iloc[-1]
    if ana["stale_check"]:
        # Both read the same value, then both saved: exactly one wins each round, the other is told.
        for mine, theirs in zip(ana["outcomes"], ben["outcomes"]):
            assert sorted((mine, theirs)) == ["conflict", "saved"]
        assert saved == rounds
    else:
        assert saved == 2 * rounds  # no stale-edit check in this store: both saved, the log keeps both
    store.dispose()


@pytest.mark.parametrize("rows", [6000])
def test_a_killed_import_leaves_the_database_as_it_was(database, tmp_path, rows):
    url, schema = database
    store = open_store(url, schema)
    import_file(store, csv_text([acled_row(n) for n in range(1, 11)], acled.COLUMNS).encode(), "acled")
    before = store.counts()
    big = tmp_path / "big.csv"
    big.write_text(csv_text([acled_row(n, notes=f"Synthetic note {n}.") for n in range(100, 100 + rows)],
                            acled.COLUMNS), encoding="utf-8")
    worker = start("crash", url, schema, "--file", str(big))
    line = worker.stdout.readline()
    assert line.strip() == "INSIDE", worker.stderr.read()[-3000:]
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL
    store.dispose()

    again = open_store(url, schema)  # a new process's view: recovery after the crash, nothing half-written
    assert again.counts() == before
    report = import_file(again, big, "acled")  # and the same import then goes through whole
    assert report.result.added == rows and again.counts()["events"] == before["events"] + rows
    again.dispose()


def test_opening_a_new_sqlite_file_waits_while_another_process_holds_its_write_lock(tmp_path):
    """Two processes opening a new database together: the second waits for the first, it does not fail.

    SQLite refuses to switch a file to write-ahead logging, at once and
    without its busy handler, while another connection holds the write lock
    of a file still in rollback mode; the store must wait that out.
    """
    import sqlite3
    import threading

    from conflictmap.store import EventStore

    path = tmp_path / "new.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE scratch (x)")
    holder.execute("BEGIN IMMEDIATE")  # the other process, in the middle of creating the file
    holder.execute("INSERT INTO scratch VALUES (1)")
    released = threading.Event()

    def release() -> None:
        holder.execute("COMMIT")
        released.set()

    timer = threading.Timer(0.5, release)
    timer.start()
    try:
        store = EventStore(f"sqlite:///{path}")
    finally:
        timer.join()
        holder.close()
    assert released.is_set()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert store.counts()["events"] == 0
    store.dispose()
