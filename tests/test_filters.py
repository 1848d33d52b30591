"""Filters select events and say so in the same words (a table of made-up events)."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from conflictmap.filters import Filters, Selection, Window

EVENTS = pd.DataFrame([
    {"id": "a", "event_type": "airstrike", "admin1": "Idlib", "place_name": "Saraqeb", "place_mention": "Saraqeb",
     "event_date": dt.date(2014, 3, 1), "event_date_end": None, "attributes": None},
    {"id": "b", "event_type": "shelling", "admin1": "Damascus", "place_name": "Jobar", "place_mention": "Jobar",
     "event_date": dt.date(2014, 3, 2), "event_date_end": None,
     "attributes": json.dumps({"actor1": "Military Forces of Syria", "actor2": "Jaish al-Islam"})},
    {"id": "c", "event_type": "clash", "admin1": "Damascus", "place_name": "Qaboun", "place_mention": "Qaboun",
     "event_date": dt.date(2014, 2, 24), "event_date_end": dt.date(2014, 3, 2), "attributes": None},
    {"id": "d", "event_type": "airstrike", "admin1": "Aleppo", "place_name": None, "place_mention": "Sakhour",
     "event_date": None, "event_date_end": None, "attributes": "not json"},
])
CLAIMS = pd.DataFrame([
    {"event_id": "a", "source": "Activists", "killed": 15, "denial": False},
    {"event_id": "a", "source": "Syrian Observatory for Human Rights", "killed": 17, "denial": False},
    {"event_id": "b", "source": "Syrian state media", "killed": 3, "denial": False},
    {"event_id": "c", "source": "Syrian Observatory for Human Rights", "killed": None, "denial": False},
])


@pytest.mark.parametrize("filters, ids, words", [
    (Filters(), ["a", "b", "c", "d"], ""),
    (Filters(types=("airstrike",)), ["a", "d"], "airstrikes only"),
    (Filters(types=("airstrike", "clash")), ["a", "c", "d"], "airstrikes and clashes only"),
    (Filters(places=("Damascus",)), ["b", "c"], "in Damascus"),
    (Filters(places=("Sakhour",)), ["d"], "in Sakhour"),
    (Filters(sources=("Syrian Observatory for Human Rights",)), ["a", "c"],
     "where Syrian Observatory for Human Rights made a claim"),
    (Filters(min_killed=16), ["a"], "with at least 16 killed claimed by some source"),
    (Filters(actor="jaish"), ["b"], "with an actor named like “jaish”"),
    (Filters(types=("airstrike",), min_killed=1), ["a"],
     "airstrikes only; with at least 1 killed claimed by some source"),
])
def test_each_filter_selects_and_describes(filters, ids, words):
    assert list(filters.apply(EVENTS, CLAIMS)["id"]) == ids
    assert filters.describe() == words
    assert filters.active == bool(words)


def test_a_window_keeps_events_whose_span_touches_it():
    week_of = Window(dt.date(2014, 2, 28), dt.date(2014, 2, 28))
    assert list(week_of.apply(EVENTS)["id"]) == ["c"]  # known only to a span that covers the day
    assert list(Window(dt.date(2014, 3, 2), None).apply(EVENTS)["id"]) == ["b", "c"]
    assert "d" not in set(Window().apply(EVENTS)["id"])  # undated events are listed, not mapped


def test_the_caption_and_the_selection_agree():
    selection = Selection(Window(dt.date(2014, 3, 1), dt.date(2014, 3, 2)), Filters(types=("shelling",)))
    shown = selection.apply(EVENTS, CLAIMS)
    assert list(shown["id"]) == ["b"]
    assert selection.caption(len(shown)) == "1 event from 1 March 2014 to 2 March 2014; shelling only."
    assert Filters(types=("shelling",)).without("types") == Filters()


def test_a_country_filter_keeps_the_events_placed_in_it():
    events = pd.DataFrame({"id": ["sanaa", "deir", "nowhere", "mariupol"], "event_type": ["airstrike"] * 4,
                           "lat": [15.35, 35.33, None, 47.10], "lon": [44.21, 40.14, None, 37.55],
                           "place_mention": ["Sanaa", "Deir ez-Zor", "a village", "Mariupol"]})
    claims = pd.DataFrame(columns=["event_id", "source", "killed"])
    chosen = Filters(countries=("YE", "UA"))
    assert chosen.apply(events, claims)["id"].tolist() == ["sanaa", "mariupol"]
    assert chosen.describe() == "in Yemen or Ukraine" and chosen.active
    assert not chosen.without("countries").active


def test_the_country_filter_gives_the_same_events_on_columns_and_frames():
    from conflictmap.columns import EventColumns

    events = pd.DataFrame({"id": ["a", "b", "c"], "event_date": ["2024-03-01"] * 3, "event_type": ["shelling"] * 3,
                           "display_name": ["Sanaa", "Aleppo", "x"], "place_mention": ["Sanaa", "Aleppo", "x"],
                           "lat": [15.35, 36.2, None], "lon": [44.21, 37.13, None]})
    columns = EventColumns.from_frames(events, pd.DataFrame(columns=["event_id", "source", "killed"]))
    mask = columns.mask(Filters(countries=("SY",)))
    assert [str(i) for i in columns.ids[mask]] == ["b"]


def test_the_place_filter_offers_places_of_every_precision_with_their_governorate():
    from conflictmap.filters import place_labels

    labels = place_labels(zip(EVENTS["place_name"], EVENTS["admin1"]),
                          EVENTS.loc[EVENTS["place_name"].isna(), "place_mention"])
    assert labels == {"Aleppo": "Aleppo (governorate)", "Damascus": "Damascus (governorate)",
                      "Idlib": "Idlib (governorate)", "Jobar": "Jobar, Damascus", "Qaboun": "Qaboun, Damascus",
                      "Sakhour": "Sakhour (not placed)", "Saraqeb": "Saraqeb, Idlib"}
    for value in labels:  # every value offered selects the events it names
        assert len(Filters(places=(value,)).apply(EVENTS, CLAIMS)) > 0, value
    assert Filters(places=("Jobar",)).apply(EVENTS, CLAIMS)["id"].tolist() == ["b"]
    shared = place_labels([("Qusayr", "Homs"), ("Qusayr", "Idlib"), ("Qusayr", None)])
    assert shared["Qusayr"] == "Qusayr, Homs or Idlib"
