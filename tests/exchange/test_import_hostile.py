"""Random and adversarial rows thrown at each importer: no crash, no hang, a clear error for each refusal.

Whatever a file holds, an import either stores its good rows and names
each bad one by line and reason, or refuses the whole file with an
``ImportFileError``/``ValueError`` that says why; never a traceback from
deep inside, and never a half-written database. The time bounds are hang
detectors, generous on a loaded machine, not benchmarks.
"""
from __future__ import annotations

import copy
import csv
import io
import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from synthetic import acled_row, csv_text, ucdp_row

from conflictmap import validate
from conflictmap.exchange import acled, ucdp
from conflictmap.exchange.rows import ImportFileError, ImportRowError
from conflictmap.exchange import export_text, import_file
from conflictmap.store import EventStore

NASTY = ["", " ", "-1", "1e400", "nan", "inf", "-0", "0x10", "1,000", "99999999999999999999", "2013-02-30",
         "2999-01-01", "1899-12-31", "0001-01-01", "=HYPERLINK(\"http://x\")", "'=1+1", "@SUM(A1)", "+1",
         "<script>alert(1)</script>", "\"><svg onload=alert(1)>", "javascript:alert(1)", "\x00", "\u202e",
         "\U0001f4a5", "\u062f\u0645\u0634\u0642", "a\nb", "\"", "''", ",", "\r\n", "NULL", "None", "true", "3.5"]
CELL = st.one_of(st.sampled_from(NASTY), st.text(max_size=40), st.integers(-10**12, 10**12).map(str),
                 st.floats(allow_nan=True, allow_infinity=True).map(repr))
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def sink(tmp_path_factory) -> EventStore:
    """One SQLite file for every example: imports must add up whatever came before."""
    handle = EventStore(f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'events.db'}")
    yield handle
    handle.dispose()


def mutated(make, columns, n: int, changes: dict[str, str]) -> dict:
    row = make(n)
    row.update({k: v for k, v in changes.items() if k in columns})
    return row


def rows_strategy(make, columns):
    change = st.dictionaries(st.sampled_from(list(columns)), CELL, max_size=6)
    return st.lists(st.tuples(st.integers(1, 50), change), min_size=1, max_size=8).map(
        lambda items: [mutated(make, columns, n, c) for n, c in items])


def data_records(text: str) -> int:
    """The CSV's non-blank data rows, as the standard library counts them."""
    records = list(csv.reader(io.StringIO(text, newline="")))[1:]
    return sum(1 for r in records if r and not (len(r) == 1 and not r[0].strip()))


def check_import(store: EventStore, text: str, fmt: str) -> None:
    before = store.counts()
    parsed = {"acled": acled.parse, "ucdp": ucdp.parse}[fmt](text.encode("utf-8"))
    assert parsed.rows == data_records(text)
    lines = len(io.StringIO(text, newline="").readlines())  # \n, \r and \r\n each end a line
    for error in parsed.errors:
        assert isinstance(error, ImportRowError) and 2 <= error.line <= lines and error.reason.strip()
    for payload in parsed.payloads:
        validate.payload(payload)  # nothing nonsensical gets through
    report = import_file(store, text.encode("utf-8"), fmt)
    assert len(report.errors) == len(parsed.errors)
    assert report.added + report.updated + report.unchanged + report.result.skipped == len(parsed.payloads)
    after = store.counts()
    assert after["reports"] - before["reports"] == report.result.added
    assert after["events"] - before["events"] == report.result.events
    assert after["claims"] - before["claims"] == report.result.claims


@SETTINGS
@given(rows=rows_strategy(acled_row, acled.COLUMNS))
def test_random_acled_rows_land_or_are_refused_by_line(sink, rows):
    check_import(sink, csv_text(rows, acled.COLUMNS), "acled")


@SETTINGS
@given(rows=rows_strategy(ucdp_row, ucdp.COLUMNS))
def test_random_ucdp_rows_land_or_are_refused_by_line(sink, rows):
    check_import(sink, csv_text(rows, ucdp.COLUMNS), "ucdp")


@SETTINGS
@given(blob=st.one_of(st.binary(max_size=3_000), st.text(max_size=3_000).map(lambda t: t.encode("utf-8"))),
       fmt=st.sampled_from(["acled", "ucdp", "json"]))
def test_garbage_files_are_refused_with_a_reason(sink, blob, fmt):
    before = sink.counts()
    try:
        import_file(sink, blob, fmt)
    except ValueError as exc:  # ImportFileError and InvalidValue are ValueErrors with a message
        assert str(exc).strip()
    assert sink.counts() == before or fmt != "json"


# -- JSON dumps with random damage -------------------------------------------------
@pytest.fixture(scope="module")
def dump(tmp_path_factory) -> dict:
    handle = EventStore(f"sqlite:///{tmp_path_factory.mktemp('dump') / 'source.db'}")
    import_file(handle, csv_text([acled_row(n) for n in range(1, 4)], acled.COLUMNS).encode(), "acled")
    import_file(handle, csv_text([ucdp_row(n) for n in range(1, 3)], ucdp.COLUMNS).encode(), "ucdp")
    data = json.loads(export_text(handle, "json"))
    handle.dispose()
    return data


JSON_VALUE = st.recursive(st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats() |
                          st.sampled_from(NASTY) | st.text(max_size=20),
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                       max_size=3), max_leaves=6)


@SETTINGS
@given(damage=st.lists(st.tuples(st.sampled_from(["reports", "places", "events", "claims", "changes", "top"]),
                                  st.integers(0, 10), st.text(max_size=12) | st.sampled_from(
                                      ["id", "lat", "lon", "event_date", "killed", "report_id", "event_id",
                                       "place_id", "ingested_at", "claim_date", "version", "format"]),
                                  JSON_VALUE | st.just("__delete__")), min_size=1, max_size=4))
def test_damaged_dumps_load_whole_or_not_at_all(tmp_path_factory, dump, damage):
    data = copy.deepcopy(dump)
    for table, index, key, value in damage:
        target = data if table == "top" else (data[table][index % len(data[table])] if data.get(table) else None)
        if not isinstance(target, dict):
            continue
        if value == "__delete__":
            target.pop(key, None)
        else:
            target[key] = value
    store = EventStore(f"sqlite:///{tmp_path_factory.mktemp('load') / 'events.db'}")
    try:
        report = import_file(store, json.dumps(data).encode(), "json")
    except ValueError as exc:
        assert str(exc).strip()
        assert store.counts() == {"reports": 0, "places": 0, "events": 0, "claims": 0}
    else:
        assert store.counts()["reports"] == report.result.added
    finally:
        store.dispose()


# -- size -----------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "event_id_cnty," * 20_000 + "x\n" + "1," * 20_000 + "1\n",
    ",".join(acled.COLUMNS) + "\n" + "\"" + "a" * 2_000_000 + "\"\n",
    ",".join(acled.COLUMNS) + "\n" + "\n" * 200_000,
    ",".join(acled.COLUMNS) + "\n" + ("," * 5 + "\n") * 50_000,
], ids=["wide-header", "two-megabyte-cell", "blank-lines", "short-rows"])
def test_huge_or_odd_files_are_read_in_bounded_time(sink, text):
    start = time.perf_counter()
    try:
        report = import_file(sink, text.encode("utf-8"), "acled")
    except ImportFileError as exc:
        assert "header lacks" in str(exc) or "line 2: a cell longer than" in str(exc)
    else:
        assert report.result.added == 0
    assert time.perf_counter() - start < 60, "the importer hung on an odd file"
