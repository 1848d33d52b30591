"""Text with a NUL character given to the store's writing methods: PostgreSQL would refuse it with a DataError
(``psycopg.DataError: PostgreSQL text fields cannot contain NUL (0x00) bytes``) where every other bad value
is a ValueError the pages catch and show, and SQLite would store it. The Review table's save and the Ingest
page's drafts check before they call the store (``review.Changes.refused``, ``draft.apply``); a merge, undo,
incident reason, pin, and any other caller reach the store with it, which refuses it the same on both
databases, naming the field, and writes nothing."""
from __future__ import annotations

import pytest

PAYLOAD = {"report": {"id": "r", "pub_date": "2013-02-07"}, "events": [
    {"id": f"r-{n}", "date": "2013-02-07", "event_type": "clash", "quote": "q",
     "place": {"id": None, "name": "Douma", "mention": "Douma", "lat": None, "lon": None}, "claims": []}
    for n in (1, 2)]}
PLACED = {"report": {"id": "p", "pub_date": "2013-02-08"}, "events": [
    {"id": "p-1", "date": "2013-02-08", "event_type": "shelling", "quote": "q",
     "place": {"id": "gn:1", "name": "Harasta", "mention": "Harasta", "lat": 33.56, "lon": 36.36, "precision": "town"},
     "claims": [{"source": "Monitor", "killed": 3, "scope": "event", "quote": "3 died"}]}]}


def test_a_nul_in_an_edit_or_a_reason_is_a_value_error_and_changes_nothing(store):
    store.ingest(PAYLOAD)
    with pytest.raises(ValueError, match="NUL"):
        store.save_review({"r-1": {"place_mention": "Dou\x00ma"}}, [], editor="e", reason="x")
    with pytest.raises(ValueError, match="NUL"):
        store.merge_events("r-1", "r-2", editor="e", reason="same\x00")
    assert set(store.events_frame()["place_mention"]) == {"Douma"} and store.history("r-1").empty


def _stored(store) -> tuple:
    """Everything the store holds that a write could change, comparable before and after."""
    pins = store.pins_frame().drop(columns=["pinned_at"], errors="ignore")
    return store.dump(), pins.to_dict("records")


# (what is called, the field the message must name); each call carries one NUL, everything else is valid.
WRITES = [
    (lambda s: s.edit_events({"r-1": {"quote": "a\x00b"}}, editor="e"), "event r-1 quote"),
    (lambda s: s.edit_events({"r-1": {"quote": "fine"}}, editor="e", reason="why\x00"), "the reason"),
    (lambda s: s.save_review({}, ["r-1"], editor="e", reason="gone\x00"), "the reason"),
    (lambda s: s.save_review({"r-1": {"quote": "ok"}}, [], editor="e\x00"), "the editor's name"),
    (lambda s: s.delete_event("r-1", editor="e", reason="\x00"), "the reason"),
    (lambda s: s.merge_events("r-1", "r-2", editor="e", reason="same\x00"), "the reason"),
    (lambda s: s.unmerge_event("r-1", editor="e", reason="\x00x"), "the reason"),
    (lambda s: s.restore_event("r-1", editor="e", reason="\x00x"), "the reason"),
    (lambda s: s.split_event("r-1", editor="e", reason="apart\x00"), "the reason"),
    (lambda s: s.join_incidents("r-1", "r-2", editor="e", reason="together\x00"), "the reason"),
    (lambda s: s.set_auto_joins(False, editor="e", reason="off\x00"), "the reason"),
    (lambda s: s.undo_incident_decision(int(s.incident_history()["id"].iloc[0]), editor="e", reason="back\x00"),
     "the reason"),
    (lambda s: s.pin_place("gn:1", lat=33.5, lon=36.3, who="e", note="moved\x00"), "the pin's note"),
    (lambda s: s.pin_place("name:douma", lat=33.5, lon=36.3, who="e", name="Dou\x00ma", event_ids=["r-1"]),
     "the pin's name"),
    (lambda s: s.ingest({**PLACED, "report": {"id": "q", "pub_date": "2013-02-09"}}, title="T\x00"),
     "the report's title"),
    (lambda s: s.ingest({"report": {"id": "q", "pub_date": "2013-02-09"}, "events": [
        {**PLACED["events"][0], "id": "q-1", "claims": [{"source": "Mon\x00", "killed": 1, "scope": "event",
                                                         "quote": "1"}]}]}), "the extraction events claims source"),
]


@pytest.mark.parametrize("write, field", WRITES, ids=[f"{i}-{f}" for i, (_, f) in enumerate(WRITES)])
def test_every_write_refuses_a_nul_naming_the_field_and_writes_nothing(store, write, field):
    store.ingest(PAYLOAD)
    store.ingest(PLACED)
    store.join_incidents("r-1", "p-1", editor="e", reason="a decision to undo")
    before = _stored(store)
    with pytest.raises(ValueError, match=f"^{field} holds a NUL character; type it again$"):
        write(store)
    assert _stored(store) == before


def test_text_without_a_nul_is_stored_as_typed(store):
    """The check refuses only a NUL: other control characters and directional marks are the editor's text."""
    store.ingest(PAYLOAD)
    typed = "line\tone\u202e\u200fend"
    store.save_review({"r-1": {"quote": typed}}, [], editor="e", reason=typed)
    stored = store.events_frame().set_index("id").loc["r-1", "quote"]
    assert stored == typed and store.history("r-1")["reason"].tolist() == [typed]
