"""Text with a NUL character given to the store's editing methods: PostgreSQL refuses it with a DataError
(``psycopg.DataError: PostgreSQL text fields cannot contain NUL (0x00) bytes``) where every other bad value
is a ValueError the pages catch and show; SQLite stores it. The Review table's save and the Ingest page's
drafts check before they call the store (``review.Changes.refused``, ``draft.apply``); a merge, undo or
incident reason, and any other caller, still reach the store with it."""
from __future__ import annotations

import pytest

PAYLOAD = {"report": {"id": "r", "pub_date": "2013-02-07"}, "events": [
    {"id": f"r-{n}", "date": "2013-02-07", "event_type": "clash", "quote": "q",
     "place": {"id": None, "name": "Douma", "mention": "Douma", "lat": None, "lon": None}, "claims": []}
    for n in (1, 2)]}


@pytest.mark.xfail(strict=True, reason="store.py does not refuse text holding a NUL in edit_events / save_review / "
                                       "merge_events / ingest: it should raise ValueError naming the field (as the "
                                       "import's rows do), the same on SQLite and PostgreSQL")
def test_a_nul_in_an_edit_or_a_reason_is_a_value_error_and_changes_nothing(store):
    store.ingest(PAYLOAD)
    with pytest.raises(ValueError, match="NUL"):
        store.save_review({"r-1": {"place_mention": "Dou\x00ma"}}, [], editor="e", reason="x")
    with pytest.raises(ValueError, match="NUL"):
        store.merge_events("r-1", "r-2", editor="e", reason="same\x00")
    assert set(store.events_frame()["place_mention"]) == {"Douma"} and store.history("r-1").empty
