"""Event columns: the fast path holds exactly the events the slow path would draw, with the same figures."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from conflictmap import mapview
from conflictmap.filters import Filters
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
    drawn = columns.located()
    for start, end in WINDOWS:
        dated = filled.events_frame(start, end).dropna(subset=["event_date"])
        assert columns.window_ids(start, end) == dated["id"].tolist(), (start, end)
        assert columns.count(start, end) == len(dated)
        slow = dated.dropna(subset=["lat", "lon"])  # what the map can place
        assert drawn.window_ids(start, end) == slow["id"].tolist(), (start, end)
        assert [day_number(d) for d in slow["event_date"]] == drawn.day[drawn.window(start, end)].tolist()


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
    assert ids == list(columns.located().ids) and "r1-3" in columns.ids and "r1-3" not in ids  # r1-3: unplaced
    days, day = [], payload["first_day"]
    for delta in payload["day_delta"]:
        day += delta
        days.append(day)
    assert days == columns.located().day.tolist()
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
    lean = EventColumns.from_rows(*filled.map_rows())
    full = EventColumns.from_frames(filled.events_frame(), filled.claims_frame())
    assert lean.to_payload() == full.to_payload()
    assert len(lean) == 8 and len(lean.located()) == 7  # 9 events: 1 undated, 1 unplaced
    for name in ("ids", "day", "place", "size", "disagree", "admin_code", "name_code", "mention_code",
                 "claim_row", "claim_source", "claim_killed"):
        assert getattr(lean, name).tolist() == getattr(full, name).tolist(), name
    assert (lean.terms, lean.actors, lean.sources) == (full.terms, full.actors, full.sources)


@pytest.fixture
def varied(store):
    """Events with governorates, actors, several sources, unplaced and undated ones: every filter has work."""
    places = [dict(PLACES[0], admin1="Damascus"), dict(PLACES[1], admin1="Deir ez-Zor"),
              dict(PLACES[2], admin1="Homs"), PLACES[3]]
    sources = ["SOHR", "LCC", "SANA", HOSTILE, None]
    items = []
    for n in range(60):
        place = dict(places[n % 4], mention=["Jobar", "Mayadin", "Homs", "Nowhere"][n % 4])
        claims = [_claim(sources[(n + k) % 5], None if (n + k) % 7 == 0 else (n * 3 + k) % 40,
                         denial=(n + k) % 11 == 0) for k in range(n % 4)]
        items.append({"id": f"v-{n}", "place": place, "date": None if n % 13 == 5 else f"2014-0{1 + n % 5}-{1 + n % 27:02d}",
                      "event_type": mapview_types()[n % 5], "quote": "made up", "claims": claims,
                      "attributes": {"actor1": ["Military Forces of Syria", "Jaish al-Islam", ""][n % 3],
                                     "actor2": "Civilians" if n % 6 == 0 else ""}})
    store.ingest({"report": {"id": "v", "pub_date": "2014-06-01"}, "events": items})
    return store


def mapview_types():
    return ["clash", "airstrike", "shelling", "bombing", "massacre"]


FILTERS = [
    Filters(), Filters(types=("airstrike",)), Filters(types=("clash", "bombing")), Filters(places=("Damascus",)),
    Filters(places=("Homs", "Nowhere")), Filters(places=("Mayadin",)), Filters(sources=("SOHR",)),
    Filters(sources=(HOSTILE, "SANA")), Filters(min_killed=20), Filters(min_killed=0), Filters(actor="jaish"),
    Filters(actor="civilians"), Filters(actor="nobody"), Filters(types=("airstrike",), sources=("LCC",), min_killed=5),
    Filters(places=("Damascus",), actor="military", sources=("SOHR", "SANA")),
]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: f.describe() or "none")
def test_mask_keeps_what_the_filters_keep(varied, filters):
    events, claims = varied.events_frame(), varied.claims_frame()
    columns = EventColumns.from_rows(*varied.map_rows())
    slow = filters.apply(events.dropna(subset=["event_date"]), claims).sort_values(["event_date", "id"])
    mask = columns.mask(filters)
    assert (mask is None) == (not filters.active)
    for start, end in [(None, None), (dt.date(2014, 2, 1), dt.date(2014, 3, 15))]:
        days = pd.to_datetime(slow["event_date"]).dt.date
        window = slow[days.map(lambda d: (start is None or d >= start) and (end is None or d <= end)).astype(bool)]
        assert sorted(columns.window_ids(start, end, mask)) == sorted(window["id"]), (start, end)
        assert columns.count(start, end, mask) == len(window)


@pytest.mark.parametrize("filters", FILTERS[:9], ids=lambda f: f.describe() or "none")
def test_charts_from_columns_equal_the_slow_path(varied, filters):
    from conflictmap import timeline

    events, claims = varied.events_frame(), varied.claims_frame()
    columns = EventColumns.from_rows(*varied.map_rows())
    slow = filters.apply(events.dropna(subset=["event_date"]), claims)
    fast_events, fast_claims = columns.frames(columns.mask(filters))
    for step in (dt.timedelta(days=1), dt.timedelta(days=7)):
        assert timeline.counts(fast_events, step).to_dict("records") == timeline.counts(slow, step).to_dict("records")
        fast = timeline.casualties(fast_events, fast_claims, step)
        assert fast.astype({"killed": int}).to_dict("records") == \
            timeline.casualties(slow, claims, step).astype({"killed": int}).to_dict("records")


def test_mask_travels_as_bits_over_the_drawn_rows(varied):
    import base64

    import numpy as np

    columns = EventColumns.from_rows(*varied.map_rows())
    mask = columns.mask(Filters(sources=("SOHR",)))
    payload = columns.mask_payload(mask)
    drawn = columns.located()
    bits = np.unpackbits(np.frombuffer(base64.b64decode(payload["bits"]), dtype=np.uint8), bitorder="little")
    kept = [drawn.ids[i] for i in range(payload["n"]) if bits[i]]
    assert payload["n"] == len(drawn) < len(columns)
    assert kept == [i for i in columns.window_ids(None, None, mask) if i in set(drawn.ids)] and kept


def test_taking_rows_keeps_each_events_lines(varied):
    columns = EventColumns.from_rows(*varied.map_rows())
    rows = [r for r in range(len(columns)) if r % 3 != 1]
    part = columns.take(rows)
    starts = [0]
    for count in columns.line_count:
        starts.append(starts[-1] + int(count))
    for new, old in enumerate(rows):
        mine = part.line_index[sum(part.line_count[:new]):sum(part.line_count[:new + 1])].tolist()
        assert mine == columns.line_index[starts[old]:starts[old + 1]].tolist()
        assert part.ids[new] == columns.ids[old]
    assert sorted(set(part.claim_row.tolist())) == [n for n, old in enumerate(rows) if columns.line_count[old]]


def test_an_incident_told_by_several_reports_is_one_point_with_every_claim(store):
    """Two reports of one shelling in Jobar, a lone event between them in the order, and a second shared incident."""
    store.ingest(_payload("ra", 2, [(0, "shelling", [_claim("SOHR", 12)], "2013-02-01"),
                                    (1, "clash", [_claim("LCC", 3)], "2013-02-01"),
                                    (2, "airstrike", [_claim("LCC", 9)], "2013-02-03")]))
    store.ingest(_payload("rb", 4, [(0, "shelling", [_claim("SANA", 40)], "2013-02-01"),
                                    (2, "airstrike", [_claim("SOHR", 11)], "2013-02-03")]))
    rows = store.map_rows()
    assert len(rows[0]) == 5
    columns = EventColumns.from_rows(*rows)
    assert len(columns) == 3 and columns.count(None, None) == 3  # an incident counts once
    jobar = next(i for i, p in enumerate(columns.place) if columns.place_names[p] == "Damascus - Jobar")
    assert columns.size[jobar] == 40 and columns.disagree[jobar]
    lines = [columns.lines[k] for k in columns.line_index[sum(columns.line_count[:jobar]):][:columns.line_count[jobar]]]
    assert any("SOHR" in line for line in lines) and any("SANA" in line for line in lines)
    store.split_event("rb-1", editor="ana@example.org", reason="another shelling")
    assert EventColumns.from_rows(*store.map_rows()).count(None, None) == 4


# -- the binary columns -------------------------------------------------------------------------------------
def _read_like_the_browser(data: bytes) -> dict:
    """A decoder written from the format's description, mirroring static/fastlayer.js (readColumns,
    parseColumns, decode, addDetail) rather than calling ``columns.unpack``: the magic, a little-endian
    uint32 header length, the JSON header, then each array at header offset + its own offset."""
    import struct

    import numpy as np

    assert data[:4] == b"CMEV"
    (length,) = struct.unpack_from("<I", data, 4)
    body = 8 + length
    assert body % 8 == 0
    raw = json.loads(data[8:body].decode("utf-8"))
    views = {"|u1": "B", "|i1": "b", "<u2": "H", "<i2": "h", "<u4": "I", "<i4": "i", "<f4": "f", "<f8": "d"}
    for name, (kind, offset, count, planes) in raw["arrays"].items():
        assert kind in views and (body + offset) % struct.calcsize(views[kind]) == 0  # a typed array can view it
        size, start = struct.calcsize(views[kind]), body + offset
        stored = data[start:start + count * size]
        if planes:  # plane b holds byte b of every number: put each number's bytes back together
            stored = bytes(stored[b * count + i] for i in range(count) for b in range(size))
        raw[name] = list(struct.unpack_from(f"<{count}{views[kind]}", stored))
    out = {}
    if raw["part"] == "core":
        out["day"] = list(np.cumsum(raw["day_delta"]) + raw["first_day"]) if raw["n"] else []
        out["place"], out["type"], out["size"] = raw["place"], [raw["types"][t] for t in raw["type"]], raw["size"]
        out["places"] = list(zip(raw["place_names"], raw["place_lat"], raw["place_lon"],
                                 [raw["precisions"][p] for p in raw["place_precision"]]))
    else:
        out["ids"] = [raw["id_prefixes"][p] + str(s) for p, s in zip(raw["id_prefix"], raw["id_suffix"])]
        starts = np.concatenate(([0], np.cumsum(raw["line_count"]))).astype(int)
        out["lines"] = [[raw["lines"][raw["line_index"][j]] for j in range(a, b)] for a, b in zip(starts, starts[1:])]
        out["disagree"] = [bool(v) for v in raw["disagree"]]
    return out


def test_binary_columns_read_back_as_the_events_with_their_text(filled):
    from conflictmap.columns import TYPES, PRECISIONS

    columns = EventColumns.from_frames(filled.events_frame(), filled.claims_frame())
    shown = columns.located()
    core, detail = (_read_like_the_browser(columns.to_binary(part)) for part in ("core", "detail"))
    assert core["day"] == shown.day.tolist() and core["size"] == shown.size.tolist()
    assert core["type"] == [TYPES[t] for t in shown.type_code] and "other" in core["type"]
    assert [core["places"][p][0] for p in core["place"]] == [shown.place_names[p] for p in shown.place]
    assert HOSTILE in [p[0] for p in core["places"]]  # text kept as it is, never dropped
    for (name, lat, lon, precision), want_lat, want_lon, want_prec in zip(
            core["places"], shown.place_lat, shown.place_lon, shown.place_precision):
        assert abs(lat - want_lat) < 1e-5 and abs(lon - want_lon) < 1e-5 and precision == PRECISIONS[want_prec]
    assert detail["ids"] == list(shown.ids) and "r1-3" not in detail["ids"]  # r1-3 is unplaced: not sent
    starts = [0, *shown.line_count.cumsum().tolist()]
    assert detail["lines"] == [[shown.lines[shown.line_index[j]] for j in range(a, b)]
                               for a, b in zip(starts, starts[1:])]
    assert any(HOSTILE in line for lines in detail["lines"] for line in lines)
    assert detail["disagree"] == shown.disagree.tolist() and any(detail["disagree"])


@pytest.mark.parametrize("ids", [["a-1", "a-2", "b-07"], ["ACLED9", "x-4294967296", "ünïcode-1"]])
def test_binary_ids_that_are_not_plain_numbers_travel_as_text(ids):
    rows = [(event_id, "2013-02-01", "clash", "Jobar", 33.5, 36.3, "town", None, None, None, None) for event_id in ids]
    detail = _read_like_the_browser(EventColumns.from_rows(sorted(rows), []).to_binary("detail"))
    assert detail["ids"] == sorted(ids)


def test_no_events_give_empty_binary_columns():
    columns = EventColumns.from_rows([], [])
    assert _read_like_the_browser(columns.to_binary("core"))["day"] == []
    assert EventColumns.from_binary(columns.to_binary("server")).ids.tolist() == []


def test_the_servers_binary_columns_answer_as_the_built_ones(varied):
    import numpy as np

    built = EventColumns.from_frames(varied.events_frame(), varied.claims_frame())
    loaded = EventColumns.from_binary(built.to_binary("server"))
    assert [str(i) for i in loaded.ids] == [str(i) for i in built.ids] and list(loaded.lines) == built.lines
    for filters in (Filters(types=("airstrike",)), Filters(sources=("SOHR",)), Filters(min_killed=2)):
        assert np.array_equal(loaded.mask(filters), built.mask(filters))
    assert loaded.window_ids(None, None) == built.window_ids(None, None)
    assert loaded.to_payload() == built.to_payload()


@pytest.mark.parametrize("cut", [0, 3, 9, 40, -1])
def test_a_cut_or_foreign_binary_file_is_refused(filled, cut):
    data = EventColumns.from_frames(filled.events_frame(), filled.claims_frame()).to_binary("server")
    with pytest.raises(ValueError):
        EventColumns.from_binary(data[:cut] if cut >= 0 else data[:-9])
    with pytest.raises(ValueError):
        EventColumns.from_binary(b"{" + data[1:])


def test_the_maps_claim_lines_keep_the_injured_figures_words(store):
    """The lines the map shows (from the lean read and from the frames, and in the binary the browser reads)
    carry the injured figure's qualifier, vague words and range, and a hostile word stays text."""
    store.ingest(_payload("r1", 1, [
        (0, "shelling", [_claim("SOHR", 3, injured=40, injured_qualifier="at least"),
                         _claim("SANA", injured=15, injured_high=20)], "2013-02-01"),
        (1, "clash", [_claim("LCC", injured_text="dozens", injured_conventional=12),
                      _claim("Other", injured_text=HOSTILE)], "2013-02-01")]))
    lean = EventColumns.from_rows(*store.map_rows())
    full = EventColumns.from_frames(store.events_frame(), store.claims_frame())
    want = ["SOHR: 3 killed, at least 40 injured", "SANA: 15–20 injured", "LCC: dozens injured",
            f"Other: {HOSTILE} injured"]
    assert lean.lines == full.lines == want
    detail = _read_like_the_browser(lean.to_binary("detail"))
    assert [line for lines in detail["lines"] for line in lines] == want
    assert "<" not in lean.to_json()
