"""Corrections with history in the store: edit, delete, merge, and undoing each, on both databases."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from synthetic import acled_row, csv_text

from conflictmap.exchange import acled
from conflictmap.exchange import export_text, import_file
from conflictmap.store import EventStore

EDITOR = "analyst@example.org"


@pytest.fixture
def filled(store):
    """Two reports of one clash (SYN1 and SYN2, the same day and place) and a third event."""
    rows = [acled_row(1, fatalities=3), acled_row(2, fatalities=5), acled_row(3, event_date="2013-02-08")]
    import_file(store, csv_text(rows, acled.COLUMNS).encode(), "acled")
    return store


def test_an_edit_changes_the_event_and_logs_old_and_new(filled):
    changed = filled.edit_events({"acled-SYN1": {"event_type": "shelling", "event_date": "2013-02-05",
                                                 "quote": "Synthetic event number 1."}},
                                 editor=EDITOR, reason="second source says shelling")
    assert changed == 2  # the quote did not change, so it is not logged
    event = filled.events_frame().set_index("id").loc["acled-SYN1"]
    assert (event["event_type"], event["event_date"]) == ("shelling", dt.date(2013, 2, 5))
    history = filled.history("acled-SYN1")
    assert list(zip(history["field"], history["old_value"], history["new_value"])) == [
        ("event_type", "clash", "shelling"), ("event_date", "2013-02-06", "2013-02-05")]
    assert set(history["editor"]) == {EDITOR} and set(history["action"]) == {"edit"}
    assert set(history["reason"]) == {"second source says shelling"}
    assert history["changed_at"].notna().all()


@pytest.mark.parametrize("fields, message", [
    ({"report_id": "x"}, "cannot be edited: report_id"),
    ({"event_type": "picnic"}, "'picnic' is not an event type"),
    ({"place_mention": None}, "place_mention cannot be empty"),
])
def test_bad_edits_are_refused_and_change_nothing(filled, fields, message):
    before = filled.events_frame()
    with pytest.raises(ValueError, match=message):
        filled.edit_events({"acled-SYN3": {"quote": "changed first"}, "acled-SYN1": fields}, editor=EDITOR)
    assert filled.events_frame().equals(before)  # one transaction: the first edit is rolled back too
    assert filled.history("acled-SYN3").empty


def test_every_change_needs_an_editor(filled):
    with pytest.raises(ValueError, match="name of the editor"):
        filled.edit_events({"acled-SYN1": {"quote": "x"}}, editor=" ")
    with pytest.raises(ValueError, match="name of the editor"):
        filled.delete_event("acled-SYN1", editor="")


def test_delete_hides_the_event_everywhere_and_restore_brings_it_back(filled):
    filled.delete_event("acled-SYN3", editor=EDITOR, reason="duplicate of a report")
    assert "acled-SYN3" not in set(filled.events_frame()["id"])
    assert "acled-SYN3" not in set(filled.claims_frame()["event_id"])
    assert filled.date_span() == (dt.date(2013, 2, 6), dt.date(2013, 2, 6))
    assert "SYN3" not in export_text(filled, "acled")
    assert "acled-SYN3" in set(filled.events_frame(include_removed=True)["id"])
    with pytest.raises(ValueError, match="deleted or merged"):
        filled.edit_events({"acled-SYN3": {"quote": "x"}}, editor=EDITOR)
    filled.restore_event("acled-SYN3", editor=EDITOR)
    assert "acled-SYN3" in set(filled.events_frame()["id"])
    assert list(filled.history("acled-SYN3")["action"]) == ["delete", "restore"]


def test_a_merge_carries_both_reports_claims_and_can_be_undone(filled):
    with pytest.raises(ValueError, match="needs a reason"):
        filled.merge_events("acled-SYN1", "acled-SYN2", editor=EDITOR, reason="")
    moved = filled.merge_events("acled-SYN1", "acled-SYN2", editor=EDITOR, reason="same clash, two reports")
    assert moved == 1
    events = filled.events_frame()
    assert set(events["id"]) == {"acled-SYN1", "acled-SYN3"}
    claims = filled.claims_frame(["acled-SYN1"])
    assert sorted(claims["killed"]) == [3, 5] and set(claims["report_id"]) == {"acled-SYN1", "acled-SYN2"}
    keep, gone = filled.history("acled-SYN1"), filled.history("acled-SYN2")
    assert list(keep["action"]) == ["merge"] and list(keep["reason"]) == ["same clash, two reports"]
    assert json.loads(gone["new_value"].iloc[0])["merged_into"] == "acled-SYN1"
    with pytest.raises(ValueError, match="deleted or merged"):
        filled.merge_events("acled-SYN3", "acled-SYN2", editor=EDITOR, reason="again")

    assert filled.unmerge_event("acled-SYN2", editor=EDITOR, reason="different days after all") == 1
    assert set(filled.events_frame()["id"]) == {"acled-SYN1", "acled-SYN2", "acled-SYN3"}
    assert list(filled.claims_frame(["acled-SYN2"])["killed"]) == [5]
    assert list(filled.claims_frame(["acled-SYN1"])["killed"]) == [3]
    assert list(filled.history("acled-SYN2")["action"]) == ["merge", "unmerge"]
    with pytest.raises(ValueError, match="not merged"):
        filled.unmerge_event("acled-SYN2", editor=EDITOR)


def test_the_dump_keeps_corrections_and_their_history(filled, tmp_path):
    filled.merge_events("acled-SYN1", "acled-SYN2", editor=EDITOR, reason="same clash")
    filled.delete_event("acled-SYN3", editor=EDITOR)
    filled.edit_events({"acled-SYN1": {"date_precision": "week"}}, editor=EDITOR)
    dumped = export_text(filled, "json")
    assert len(json.loads(dumped)["changes"]) == 4
    copy = EventStore(f"sqlite:///{tmp_path / 'copy.db'}")
    import_file(copy, dumped.encode(), "json")
    assert export_text(copy, "json") == dumped
    assert set(copy.events_frame()["id"]) == {"acled-SYN1"}
    assert list(copy.history("acled-SYN1")["action"]) == ["merge", "edit"]
    copy.unmerge_event("acled-SYN2", editor=EDITOR)  # the copy can still undo the merge
    assert list(copy.claims_frame(["acled-SYN2"])["killed"]) == [5]
    copy.dispose()


def test_a_stale_edit_is_refused_and_names_the_fields(filled):
    """Two editors loaded SYN1 as a clash; the first changes it, the second's edit must not overwrite it."""
    from conflictmap.store import StaleEdit

    filled.edit_events({"acled-SYN1": {"event_type": "shelling"}}, editor="first@example.org",
                       expected={"acled-SYN1": {"event_type": "clash"}})
    with pytest.raises(StaleEdit, match=r"event_type \(you saw clash, now shelling\)") as caught:
        filled.edit_events({"acled-SYN1": {"event_type": "airstrike", "quote": "second editor"},
                            "acled-SYN3": {"quote": "also second"}}, editor="second@example.org",
                           expected={"acled-SYN1": {"event_type": "clash", "quote": "Synthetic event number 1."},
                                     "acled-SYN3": {"quote": "Synthetic event number 3."}})
    assert caught.value.conflicts == {"acled-SYN1": {"event_type": ("clash", "shelling")}}
    assert filled.events_frame().set_index("id").loc["acled-SYN1", "event_type"] == "shelling"
    assert filled.history("acled-SYN3").empty  # nothing of the refused edit was written
    assert list(filled.history("acled-SYN1")["editor"]) == ["first@example.org"]
    # Edited again on what is stored now, it goes through.
    assert filled.edit_events({"acled-SYN1": {"event_type": "airstrike"}}, editor="second@example.org",
                              expected={"acled-SYN1": {"event_type": "shelling"}}) == 1


def test_a_stale_edit_of_a_date_or_of_a_deleted_event_is_refused(filled):
    from conflictmap.store import StaleEdit

    filled.edit_events({"acled-SYN1": {"event_date": "2013-02-05"}}, editor=EDITOR)
    with pytest.raises(StaleEdit, match="event_date"):
        filled.edit_events({"acled-SYN1": {"event_date": "2013-02-04"}}, editor=EDITOR,
                           expected={"acled-SYN1": {"event_date": "2013-02-06"}})
    filled.delete_event("acled-SYN3", editor=EDITOR)
    with pytest.raises(StaleEdit, match="deleted") as caught:
        filled.edit_events({"acled-SYN3": {"quote": "x"}}, editor=EDITOR, expected={"acled-SYN3": {"quote": None}})
    assert set(caught.value.conflicts) == {"acled-SYN3"}


def test_a_stale_check_waits_for_an_edit_in_flight_on_postgresql(filled):
    """The check and the write hold the row: an edit committed meanwhile is seen, not overwritten."""
    import threading

    from sqlalchemy import text

    from conflictmap.store import StaleEdit

    if filled.backend != "postgresql":
        pytest.skip("SQLite has one writer at a time; PostgreSQL needs the row lock")
    other = filled.engine.connect()
    transaction = other.begin()
    other.execute(text("UPDATE events SET event_type = 'shelling' WHERE id = 'acled-SYN1'"))  # not committed yet
    holder = other.execute(text("SELECT pg_backend_pid()")).scalar_one()
    outcome: list[BaseException | int] = []

    def second_editor() -> None:
        try:
            outcome.append(filled.edit_events({"acled-SYN1": {"event_type": "airstrike"}}, editor=EDITOR,
                                              expected={"acled-SYN1": {"event_type": "clash"}}))
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            outcome.append(exc)

    worker = threading.Thread(target=second_editor)
    worker.start()
    with filled.engine.connect() as watch:  # wait until the second editor is blocked on the row
        blocked = text("SELECT count(*) FROM pg_stat_activity WHERE :holder = ANY(pg_blocking_pids(pid))")
        while not watch.execute(blocked, {"holder": holder}).scalar_one():
            watch.rollback()
            worker.join(0.05)
            if not worker.is_alive():
                break
    transaction.commit()
    other.close()
    worker.join(30)
    assert len(outcome) == 1 and isinstance(outcome[0], StaleEdit), outcome
    assert filled.events_frame().set_index("id").loc["acled-SYN1", "event_type"] == "shelling"


def test_a_review_save_is_all_or_nothing(filled):
    """Edits and deletions of one save in one transaction: a deletion that fails takes the edits back too."""
    filled.delete_event("acled-SYN2", editor="someone@example.org")  # another editor, meanwhile
    before = filled.events_frame(include_removed=True)
    with pytest.raises(ValueError, match="acled-SYN2 was deleted or merged"):
        filled.save_review({"acled-SYN1": {"event_type": "shelling"}}, ["acled-SYN3", "acled-SYN2"],
                           editor=EDITOR, expected={"acled-SYN1": {"event_type": "clash"}})
    assert filled.events_frame(include_removed=True).equals(before)
    assert filled.history("acled-SYN1").empty and filled.history("acled-SYN3").empty
    # The same save without the failing deletion goes through whole, and the retry is not called stale.
    assert filled.save_review({"acled-SYN1": {"event_type": "shelling"}}, ["acled-SYN3"], editor=EDITOR,
                              expected={"acled-SYN1": {"event_type": "clash"}}) == (1, 1)
    live = set(filled.events_frame()["id"])
    assert "acled-SYN3" not in live and filled.events_frame().set_index("id").at["acled-SYN1", "event_type"] == "shelling"
