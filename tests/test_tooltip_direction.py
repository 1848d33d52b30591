"""The map's tooltips are drawn by the browser from the event columns' text (``columns.py``, ``fastlayer.js``):
a directional override in a place name or a source reorders what the tooltip draws, as on the pages
(``safetext.plain`` takes them out there; the columns do not yet)."""
from __future__ import annotations

import json

import pytest

from conflictmap.columns import EventColumns

CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@pytest.mark.xfail(strict=True, reason="columns.py puts place names and claim lines in the browser's payload as "
                                       "stored; passing them through conflictmap.safetext.plain (for the shown "
                                       "text only, not the filter's terms) would make this pass")
def test_no_directional_control_reaches_the_map_tooltips(store):
    store.ingest({"report": {"id": "r1", "pub_date": "2013-02-07"}, "events": [
        {"id": "r1-1", "date": "2013-02-07", "event_type": "shelling", "quote": "Shelling.",
         "place": {"id": "p1", "name": "Town \u202egnillehs", "mention": "Town \u202egnillehs", "lat": 33.5,
                   "lon": 36.3, "precision": "town"},
         "claims": [{"source": "Monitor \u202e001\u202c", "killed": 10, "scope": "event", "quote": "10 died"}]}]})
    payload = json.loads(EventColumns.from_frames(store.events_frame(), store.claims_frame()).to_json())
    shown = json.dumps(payload, ensure_ascii=False)
    assert "gnillehs" in shown and "001" in shown  # the text is there, as letters
    assert not CONTROLS & set(shown)
