"""Revisions: a data set's newer version of a stored event replaces its values, with history; older never does."""
from __future__ import annotations

import json

from synthetic import acled_row, csv_text, ucdp_row

from conflictmap.exchange import acled, import_file, ucdp


def _acled(tmp_path, name: str, **values) -> str:
    path = tmp_path / name
    path.write_text(csv_text([acled_row(1, **values), acled_row(2)], acled.COLUMNS), encoding="utf-8")
    return str(path)


def test_a_revised_acled_row_updates_the_event_and_the_history_shows_old_and_new(store, tmp_path):
    first = import_file(store, _acled(tmp_path, "v1.csv", fatalities=3, timestamp=1700000000), "acled")
    assert (first.added, first.updated, first.unchanged) == (2, 0, 0)
    revised = _acled(tmp_path, "v2.csv", fatalities=9, event_date="2013-02-07", actor2="Synthetic Group C",
                     timestamp=1700005000)
    second = import_file(store, revised, "acled")
    assert (second.added, second.updated, second.unchanged, second.refused) == (0, 1, 1, 0), second.summary
    assert "0 added, 1 updated, 1 unchanged, 0 refused" in second.summary
    event = store.events_frame().set_index("id").loc["acled-SYN1"]
    assert str(event["event_date"]) == "2013-02-07"
    assert json.loads(event["attributes"])["actor2"] == "Synthetic Group C"
    claims = store.claims_frame()
    assert claims.loc[claims["event_id"] == "acled-SYN1", "killed"].tolist() == [9]
    history = store.history("acled-SYN1")
    assert set(history["action"]) == {"revise"} and set(history["editor"]) == {"import of v2.csv"}
    by_field = history.set_index("field")
    assert (str(by_field.loc["event_date", "old_value"]), str(by_field.loc["event_date", "new_value"])) == \
        ("2013-02-06", "2013-02-07")
    old, new = (json.loads(by_field.loc["claims", c]) for c in ("old_value", "new_value"))
    assert (old[0]["killed"], new[0]["killed"], new[0]["source"]) == (3, 9, "ACLED")
    assert len(store.history("acled-SYN2")) == 0

    # The older file afterwards changes nothing, and says why.
    counts, changes = store.counts(), len(store.dump()["changes"])
    older = import_file(store, str(tmp_path / "v1.csv"), "acled")
    assert (older.added, older.updated, older.unchanged, older.older) == (0, 0, 2, 1)
    assert "1 older than the version stored" in older.summary
    assert store.counts() == counts and len(store.dump()["changes"]) == changes
    assert store.claims_frame().set_index("event_id").loc["acled-SYN1", "killed"] == 9


def test_the_same_version_again_changes_nothing(store, tmp_path):
    path = _acled(tmp_path, "v1.csv", timestamp=1700000000)
    import_file(store, path, "acled")
    again = import_file(store, path, "acled")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert len(store.dump()["changes"]) == 0


def test_a_revised_ged_row_is_recognised_by_its_relid_version(store, tmp_path):
    old = tmp_path / "ged-old.csv"
    old.write_text(csv_text([ucdp_row(1, relid="SYR-2013-1-411-1", best=8)], ucdp.COLUMNS))
    new = tmp_path / "ged-new.csv"
    new.write_text(csv_text([ucdp_row(1, relid="SYR-2013-1-411-2", best=10, high=14)], ucdp.COLUMNS))
    assert import_file(store, str(old), "ucdp").added == 1
    report = import_file(store, str(new), "ucdp")
    assert (report.added, report.updated) == (0, 1)
    claims = store.claims_frame()
    assert sorted(claims["killed"]) == [6, 10, 14]
    assert set(store.history("ucdp-900001")["editor"]) == {"import of ged-new.csv"}
    assert import_file(store, str(old), "ucdp").older == 1
    assert sorted(store.claims_frame()["killed"]) == [6, 10, 14]


def test_a_failed_revision_rolls_back_the_whole_import(store, tmp_path, monkeypatch):
    import_file(store, _acled(tmp_path, "v1.csv", fatalities=3), "acled")
    before, dump = store.counts(), store.dump()

    def broken(conn, records, *, who):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(type(store), "revise_events", lambda self, conn, records, *, who: broken(conn, records, who=who))
    path = tmp_path / "v2.csv"
    path.write_text(csv_text([acled_row(1, fatalities=5, timestamp=1800000000), acled_row(3)], acled.COLUMNS))
    try:
        import_file(store, str(path), "acled")
    except RuntimeError:
        pass
    assert store.counts() == before and store.dump()["events"] == dump["events"]
