"""What an editor changed in the Review table, read as edits with the values seen, and deletions."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from conflictmap.review import changes

LOADED = pd.DataFrame({"id": ["e1", "e2"], "event_date": [dt.date(2013, 2, 6), None],
                       "event_type": ["clash", "shelling"], "place_mention": ["Jobar", "Douma"],
                       "lat": [33.5, float("nan")]})


def test_an_unchanged_table_has_no_changes():
    assert changes(LOADED, LOADED.assign(delete=False)).empty


def test_edits_carry_the_value_seen_and_deletions_are_listed():
    edited = LOADED.assign(delete=[False, True])
    edited.loc[0, "event_date"] = pd.Timestamp("2013-02-05")  # the date editor hands back timestamps
    edited.loc[0, "place_mention"] = "Jobar "
    found = changes(LOADED, edited)
    assert found.edits == {"e1": {"event_date": "2013-02-05", "place_mention": "Jobar "}}
    assert found.expected == {"e1": {"event_date": "2013-02-06", "place_mention": "Jobar"}}
    assert found.deletes == ["e2"]


def test_empty_cells_compare_equal_and_a_cleared_cell_is_none():
    edited = LOADED.copy()
    edited["event_date"] = [dt.date(2013, 2, 6), pd.NaT]
    assert changes(LOADED, edited).empty
    edited.loc[0, "event_date"] = None
    assert changes(LOADED, edited).edits == {"e1": {"event_date": None}}


def test_columns_that_are_not_editable_are_ignored():
    assert changes(LOADED, LOADED.assign(lat=[1.0, 2.0])).empty
