"""Round trips for every export format: back into the same database changes nothing; into a fresh one, same file.

The database holds every kind of record (a report read by the extractor,
the bundled sample, ACLED and UCDP GED rows), on SQLite and PostgreSQL.
"""
from __future__ import annotations

import pytest
from exchange.test_export import fill

from conflictmap.exchange import EXPORT_FORMATS, export_text, import_file
from conflictmap.store import EventStore


def snapshot(store: EventStore) -> tuple:
    """Everything an import could change: the counts, every event's history, and each format's export."""
    return store.counts(), len(store.dump()["changes"]), export_text(store, "json")


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_an_export_read_back_into_its_own_database_changes_nothing(store, gazetteer, registry, fmt):
    fill(store, gazetteer, registry)
    before = snapshot(store)
    exported = export_text(store, fmt)
    report = import_file(store, exported.encode("utf-8"), fmt)
    assert not report.errors, [str(e) for e in report.errors]
    assert (report.added, report.updated) == (0, 0), report.summary
    assert snapshot(store) == before  # no event, claim, place or history row more; no value changed


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_an_export_read_into_a_fresh_database_exports_the_same_file(store, gazetteer, registry, tmp_path, fmt):
    fill(store, gazetteer, registry)
    exported = export_text(store, fmt)
    fresh = EventStore(f"sqlite:///{tmp_path / 'fresh.db'}")
    try:
        if fmt != "json":  # the dump brings the switch of automatic joins along; a CSV or GeoJSON file cannot
            fresh.set_auto_joins(False, editor="test@example.org", reason="as in the original")
        report = import_file(fresh, exported.encode("utf-8"), fmt)
        assert not report.errors, [str(e) for e in report.errors]
        assert report.added == len(store.events_frame()) or fmt == "json"
        assert export_text(fresh, fmt) == exported
        # and that copy, read back into itself, changes nothing either
        again = import_file(fresh, exported.encode("utf-8"), fmt)
        assert (again.added, again.updated) == (0, 0)
        sources = set(fresh.claims_frame()["source"].dropna())
        if fmt in ("acled", "ucdp"):
            # The report's figures keep their sources: "ACLED" only on ACLED's rows, "UCDP GED" only on the GED's.
            acled_events = {e for e in fresh.events_frame()["id"] if e.startswith("acled-")}
            labelled = fresh.claims_frame()
            assert set(labelled.loc[labelled["source"] == "ACLED", "event_id"]) <= acled_events
            assert sources - {"ACLED", "UCDP GED"}, "the report's own sources are there"
    finally:
        fresh.dispose()
