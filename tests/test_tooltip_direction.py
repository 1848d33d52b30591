"""The map's tooltips are drawn by the browser from the event columns' text (``columns.py``, ``fastlayer.js``):
a directional override in a place name or a source would reorder what the tooltip draws, so the shown
text goes through ``safetext.plain`` as on the pages. The filter's terms and sources, and the database,
keep what was stored."""
from __future__ import annotations

import json

from conflictmap.columns import EventColumns, unpack
from conflictmap.filters import Filters

CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
PLACE = "Town \u202egnillehs"
SOURCE = "Monitor \u202e001\u202c"


def _columns(store) -> EventColumns:
    store.ingest({"report": {"id": "r1", "pub_date": "2013-02-07"}, "events": [
        {"id": "r1-1", "date": "2013-02-07", "event_type": "shelling", "quote": "Shelling.",
         "place": {"id": "p1", "name": PLACE, "mention": PLACE, "lat": 33.5,
                   "lon": 36.3, "precision": "town"},
         "claims": [{"source": SOURCE, "killed": 10, "scope": "event", "quote": "10 died"}]}]})
    return EventColumns.from_frames(store.events_frame(), store.claims_frame())


def test_no_directional_control_reaches_the_map_tooltips(store):
    payload = json.loads(_columns(store).to_json())
    shown = json.dumps(payload, ensure_ascii=False)
    assert "gnillehs" in shown and "001" in shown  # the text is there, as letters
    assert not CONTROLS & set(shown)


def test_the_binary_parts_the_browser_reads_carry_no_directional_control(store):
    columns = _columns(store)
    core, _ = unpack(columns.to_binary("core"))
    detail, _ = unpack(columns.to_binary("detail"))
    assert core["place_names"] == ["Town gnillehs"]
    assert detail["lines"] and all("Monitor 001" in line for line in detail["lines"])
    assert not CONTROLS & set(json.dumps([core, detail], ensure_ascii=False))


def test_the_filters_and_the_store_keep_the_text_as_stored(store):
    columns = _columns(store)
    assert PLACE in columns.terms and SOURCE in columns.sources
    assert columns.mask(Filters(places=(PLACE,))).tolist() == [True]
    assert columns.mask(Filters(sources=(SOURCE,))).tolist() == [True]
    assert store.claims_frame()["source"].tolist() == [SOURCE]
    back = EventColumns.from_binary(columns.to_binary("server"))  # a restarted server reads the same
    assert back.place_names == columns.place_names and list(back.lines) == list(columns.lines)
