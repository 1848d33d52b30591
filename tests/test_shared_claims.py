"""One figure for several places is one claim: stored once-shared, counted once in totals and exports.

The report sentences here are written for these tests. The reader puts the
figure on each place it names, marked ``shared_by``; the store keeps a copy
on each event with one ``shared_key``; the timeline, the Tallies page and the
exports count it once; the side panel says which places it is shared with.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import numpy as np
import pytest
from sqlalchemy import text

from conflictmap import ledger, tally, timeline
from conflictmap.columns import EventColumns
from conflictmap.exchange import formats
from conflictmap.reading.reader import Report, extract
from conflictmap.store import EventStore

SHARED = ("Government shelling killed 40 people in Harasta, Arbin and Kafr Batna on Wednesday, "
          "the Syrian Observatory for Human Rights said.")
ALONE = "In Douma, an air strike killed 7 people on Tuesday, the Syrian Observatory for Human Rights said."
SOHR = "Syrian Observatory for Human Rights"
DAY = dt.timedelta(days=1)


@pytest.fixture(scope="module")
def payload() -> dict:
    """The reader's extraction of a report giving one figure for three towns and another for one town."""
    found = extract(Report(text=f"{SHARED}\n\n{ALONE}", pub_date=dt.date(2013, 8, 22))).to_dict()
    places = {e["place"]["mention"]: e for e in found["events"]}
    assert {"Harasta", "Arbin", "Kafr Batna", "Douma"} <= set(places)
    for name in ("Harasta", "Arbin", "Kafr Batna"):
        claim, = [c for c in places[name]["claims"] if c["killed"] == 40]
        assert claim["shared_by"] == ["Harasta", "Arbin", "Kafr Batna"]
    assert [c["shared_by"] for c in places["Douma"]["claims"]] == [[]]
    return found


def _sohr_killed(frame) -> int:
    return int(frame.set_index("source").loc[SOHR, "killed"])


def test_a_shared_claim_is_stored_as_copies_with_one_key(store, payload):
    store.ingest(payload)
    claims = store.claims_frame()
    shared = claims[claims["killed"] == 40]
    assert len(shared) == 3 and shared["event_id"].nunique() == 3
    assert shared["shared_key"].nunique() == 1 and shared["shared_key"].notna().all()
    assert [json.loads(v) for v in shared["shared_by"]] == [["Harasta", "Arbin", "Kafr Batna"]] * 3
    alone = claims[claims["killed"] == 7]
    assert alone["shared_key"].isna().all() and alone["shared_by"].isna().all()


def test_totals_count_a_shared_figure_once(store, payload):
    store.ingest(payload)
    columns = EventColumns.from_rows(*store.map_rows())
    assert _sohr_killed(tally.source_table(columns, None, None)) == 47
    assert _sohr_killed(tally.by_source(tally.window_claims(columns, None, None))) == 47
    assert _sohr_killed(tally.by_source(store.claims_frame())) == 47
    events, claims = columns.frames()
    series = timeline.casualties(events, claims, DAY)
    assert series[series["source"] == SOHR]["killed"].sum() == 47
    # One of the three towns alone in view: the figure still counts (once), on that town's day.
    arbin = set(store.events_frame().query("place_mention == 'Arbin'")["id"])
    only = tally.source_table(columns, None, None, np.isin(columns.ids, list(arbin)))
    assert _sohr_killed(only) == 40


def test_the_same_figure_for_one_place_still_adds_up(store):
    """Two towns with 40 each, said separately, are 80: only copies of one shared claim count once."""
    found = extract(Report(text="Shelling killed 40 people in Harasta on Monday, the Syrian Observatory for Human "
                                "Rights said.\n\nShelling killed 40 people in Arbin on Monday, the Syrian Observatory"
                                " for Human Rights said.", pub_date=dt.date(2013, 8, 22))).to_dict()
    store.ingest(found)
    columns = EventColumns.from_rows(*store.map_rows())
    assert _sohr_killed(tally.source_table(columns, None, None)) == 80


def _csv(textual: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(textual)))


def test_exports_sum_to_a_shared_figure_once(store, payload):
    store.ingest(payload)
    acled = _csv(formats.export_text(store, "acled"))
    assert sum(int(r["fatalities"]) for r in acled) == 47
    shared_rows = [r for r in acled if "Shared figure" in r["notes"]]
    assert len(shared_rows) == 3
    assert sorted(int(r["fatalities"]) for r in shared_rows) == [0, 0, 40]
    counted, = [r for r in shared_rows if r["fatalities"] == "40"]
    others = [r for r in shared_rows if r is not counted]
    assert all(f"counted on the row for {counted['location']}" in r["notes"] for r in others)
    ucdp = _csv(formats.export_text(store, "ucdp"))
    for column in ("best", "low", "high"):
        assert sum(int(r[column]) for r in ucdp) == 47
    assert sum("Shared figure" in r["where_description"] for r in ucdp) == 3
    features = json.loads(formats.export_text(store, "geojson"))["features"]
    claims = [c for f in features for c in f["properties"]["claims"]]
    assert sum(c["killed"] for c in claims if c.get("counted", True)) == 47
    assert sum(c.get("counted") is False for c in claims) == 2


def test_the_dump_and_geojson_round_trip_a_shared_claim(store, payload, tmp_path):
    store.ingest(payload)
    key = store.claims_frame().dropna(subset=["shared_key"])["shared_key"].iloc[0]
    for fmt in ("json", "geojson"):
        copy = EventStore(f"sqlite:///{tmp_path / f'copy-{fmt}.db'}")
        path = tmp_path / f"out.{fmt}"
        path.write_text(formats.export_text(store, fmt), encoding="utf-8")
        formats.import_file(copy, path, fmt)
        claims = copy.claims_frame()
        shared = claims[claims["killed"] == 40]
        assert len(shared) == 3 and set(shared["shared_key"]) == {key}, fmt
        assert {tuple(json.loads(v)) for v in shared["shared_by"]} == {("Harasta", "Arbin", "Kafr Batna")}
        columns = EventColumns.from_rows(*copy.map_rows())
        assert _sohr_killed(tally.source_table(columns, None, None)) == 47
        copy.dispose()


def test_the_panel_says_which_places_share_the_figure(store, payload):
    store.ingest(payload)
    events = store.events_frame()
    arbin = events[events["place_mention"] == "Arbin"]["id"].iloc[0]
    card, = [c for c in ledger.cards(store.claims_frame([arbin])) if c.figures.startswith("40")]
    assert card.shared == "Harasta and Kafr Batna"
    assert "shared with Harasta and Kafr Batna" in card.markdown()
    assert "shared with Harasta and Kafr Batna" in "\n".join(card.lines())
    douma = events[events["place_mention"] == "Douma"]["id"].iloc[0]
    assert all(not c.shared for c in ledger.cards(store.claims_frame([douma])))


def test_claims_stored_before_sharing_existed_read_as_claims_of_one_place(store, payload):
    store.ingest(payload)
    with store.engine.begin() as conn:  # as a database upgraded from before revision 0007 holds them
        conn.execute(text("UPDATE claims SET shared_key = NULL, shared_by = NULL"))
    columns = EventColumns.from_rows(*store.map_rows())
    assert _sohr_killed(tally.source_table(columns, None, None)) == 127
    assert all(not c.shared for c in ledger.cards(store.claims_frame()))


@pytest.mark.parametrize("fmt", ["acled", "ucdp", "geojson"])
def test_an_export_with_a_shared_figure_comes_home_unchanged(store, payload, tmp_path, fmt):
    """Export, import into a fresh database, export again: the same file, its shared figure counted once."""
    store.ingest(payload)
    first = formats.export_text(store, fmt)
    path = tmp_path / f"first.{fmt}"
    path.write_text(first, encoding="utf-8")
    copy = EventStore(f"sqlite:///{tmp_path / 'copy.db'}")
    formats.import_file(copy, path, fmt)
    assert formats.export_text(copy, fmt) == first
    copy.dispose()
