"""Event columns: the fast path holds exactly the events the slow path would draw, with the same figures."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from conflictmap import mapview
from conflictmap.columns import UNSIZED, EventColumns, day_number
from conflictmap.tally import tally

HOSTILE = '<img src=x onerror="alert(1)"></script><script>alert(2)</script>'
PLACES = [
    {"id": "sy-a", "name": "Jobar", "display_name": "Damascus - Jobar", "lat": 33.531, "lon": 36.337,
     "precision": "neighbourhood"},
    {"id": "sy-b", "name": HOSTILE, "lat": 34.56, "lon": 38.28, "precision": "town"},
    {"id": "sy-c", "name": "Homs Governorate", "lat": 34.3, "lon": 38.3, "precision": "governorate"},
    {"id": None, "name": "Nowhere", "lat": None, "lon": None, "precision": None},
]
WINDOWS = [(None, None), (dt.date(2013, 2, 1), dt.date(2013, 2, 1)), (dt.date(2013, 2, 2), dt.date(2013, 2, 5)),
           (dt.date(2013, 1, 1), dt.date(2013, 1, 31)), (dt.date(2013, 2, 6), None), (None, dt.date(2013, 2, 3)),
           (dt.date(2013, 3, 1), dt.date(2013, 3, 2))]


def _claim(source, killed=None, **extra):
    return {"source": source, "killed": killed, "scope": "event", "quote": HOSTILE, **extra}


def _payload(report: str, day: int, events: list[tuple]) -> dict:
    """One report; each event is (place index, type, [claims], date or None)."""
    items = []
    for n, (place, kind, claims, date) in enumerate(events, 1):
        place_row = dict(PLACES[place], mention=PLACES[place]["name"])
        items.append({"id": f"{report}-{n}", "place": place_row, "date": date, "event_type": kind,
                      "quote": HOSTILE, "claims": claims})
    return {"report": {"id": report, "pub_date": f"2013-02-{day:02d}"}, "events": items}


@pytest.fixture
def filled(store):
    payloads = [
        _payload("r1", 1, [(0, "shelling", [_claim("SOHR", 19), _claim("SANA", 4)], "2013-02-01"),
                           (1, "clash", [_claim("SOHR", 3)], "2013-02-01"),
                           (3, "clash", [_claim("SOHR", 2)], "2013-02-01")]),
        _payload("r2", 3, [(2, "airstrike", [_claim("LCC", 7), _claim("SANA", denial=True)], "2013-02-03"),
                           (0, "massacre", [], "2013-02-04"),
                           (1, "bombing", [_claim("SOHR", 5), _claim("SOHR", 5)], None)]),
        _payload("r10", 6, [(0, "clash", [_claim("SNHR", 1, injured=4)], "2013-02-06"),
                            (2, "unknown-type", [_claim(HOSTILE, 12)], "2013-02-06"),
                            (1, "shelling", [_claim("SOHR", 0)], "2013-02-07")]),
    ]
    for payload in payloads:
        store.ingest(payload)
    return store


def test_window_holds_the_same_events_as_the_slow_path(filled):
    columns = EventColumns.from_frames(filled.events_frame(), filled.claims_frame())
    for start, end in WINDOWS:
        slow = filled.events_frame(start, end).dropna(subset=["lat", "lon", "event_date"])  # what the map can place
        fast = columns.window_ids(start, end)
        assert sorted(fast) == sorted(slow["id"]), (start, end)
        assert [day_number(d) for d in slow["event_date"]] == columns.day[columns.window(start, end)].tolist()


def test_sizes_disagreement_and_lines_match_the_tally(filled):
    events, claims = filled.events_frame(), filled.claims_frame()
    columns = EventColumns.from_frames(events, claims)
    lines_at = 0
    for row, event_id in enumerate(columns.ids):
        summary = tally(event_id, claims[claims["event_id"] == event_id])
        assert columns.size[row] == (UNSIZED if summary.highest is None else summary.highest), event_id
        assert bool(columns.disagree[row]) == summary.disagree, event_id
        assert columns.radius(row) == mapview.marker_radius(summary.highest)
        own = claims[claims["event_id"] == event_id]
        count = int(columns.line_count[row])
        shown = [columns.lines[i] for i in columns.line_index[lines_at:lines_at + count]]
        assert shown == [mapview.claim_line(c) for c in own.to_dict("records")], event_id
        lines_at += count
    assert columns.place_names[columns.place[0]] == "Damascus - Jobar"
    assert columns.day[0] == day_number("2013-02-01")


def test_payload_is_compact_and_safe_inside_a_script(filled):
    columns = EventColumns.from_frames(filled.events_frame(), filled.claims_frame())
    text = columns.to_json()
    assert "<" not in text and ">" not in text
    payload = json.loads(text)
    assert HOSTILE in payload["places"]["name"]          # kept as text, not dropped
    assert payload["id_prefixes"] == ["r1-", "r2-", "r10-"]
    ids = [payload["id_prefixes"][p] + str(s) for p, s in zip(payload["id_prefix"], payload["id_suffix"])]
    assert ids == list(columns.ids)
    days, day = [], payload["first_day"]
    for delta in payload["day_delta"]:
        day += delta
        days.append(day)
    assert days == columns.day.tolist()
    assert payload["types"][payload["type"][ids.index("r10-2")]] == "other"
    core, detail = json.loads(columns.to_json("core")), json.loads(columns.to_json("detail"))
    assert {**core, **detail} == payload and "id_suffix" not in core and "day_delta" not in detail


def test_no_events_give_empty_columns():
    import pandas as pd

    events = pd.DataFrame(columns=["id", "lat", "lon", "event_date", "display_name", "place_mention", "precision",
                                   "event_type"])
    columns = EventColumns.from_frames(events, pd.DataFrame())
    assert len(columns) == 0 and columns.window_ids(None, None) == []
    assert json.loads(columns.to_json())["day_delta"] == []


def test_listing_summaries_equal_the_tally(filled):
    from conflictmap.tally import summaries, tallies

    claims = filled.claims_frame()
    ids = filled.events_frame()["id"].tolist()
    assert summaries(claims, ids) == {eid: t.summary for eid, t in tallies(claims, ids).items()}
    assert summaries(claims.iloc[0:0], ids[:1]) == {ids[0]: "no figure claimed"}


def test_lean_map_read_gives_the_same_columns(filled):
    lean = EventColumns.from_frames(*filled.map_frames())
    full = EventColumns.from_frames(filled.events_frame(), filled.claims_frame())
    assert lean.to_payload() == full.to_payload() and len(lean) == 7  # 9 events: 1 undated, 1 unplaced
