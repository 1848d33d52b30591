"""Exports: the JSON dump round trip, GeoJSON per RFC 7946, ACLED and UCDP columns, formula-safe CSV."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from synthetic import acled_row, csv_text, ucdp_row

from conflictmap.exchange import acled, ucdp
from conflictmap.exchange import export_text, import_file
from conflictmap.reading.reader import Extractor
from conflictmap.reading.text import Report
from conflictmap.sample import SAMPLE_DIR, sample_payload
from conflictmap.store import EventStore

TEXT = ("Government warplanes struck Douma on Tuesday, killing 12 people, the Syrian Observatory for Human Rights "
        "said. State media denied any strike on Douma. Rebels shelled Jobar on Monday, activists said.")
# ACLED's current export, as its codebook lists it: typed out here so a change to the code cannot pass unseen.
ACLED_CODEBOOK = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                  "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                  "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                  "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                  "fatalities", "tags", "timestamp"]
UCDP_GED = ("id relid year active_year code_status type_of_violence conflict_dset_id conflict_new_id conflict_name "
            "dyad_dset_id dyad_new_id dyad_name side_a_dset_id side_a_new_id side_a side_b_dset_id side_b_new_id "
            "side_b number_of_sources source_article source_office source_date source_headline source_original "
            "where_prec where_coordinates where_description adm_1 adm_2 latitude longitude geom_wkt priogrid_gid "
            "country country_id region event_clarity date_prec date_start date_end deaths_a deaths_b "
            "deaths_civilians deaths_unknown best high low gwnoa gwnob").split()


def fill(store: EventStore, gazetteer, registry) -> None:
    """Every kind of record: a report read by the extractor, the bundled sample, ACLED and UCDP rows.

    Automatic joins are off: the synthetic rows lie on the sample's places and day, and these tests are
    about each record's row (one incident of several events is one row; see tests/test_incident_store.py).
    """
    store.set_auto_joins(False, editor="test@example.org", reason="one row per record in these tests")
    store.ingest(Extractor(gazetteer, registry).extract(Report(TEXT, pub_date=dt.date(2015, 8, 19))).to_dict(),
                 publisher="Test wire")
    store.ingest(sample_payload(SAMPLE_DIR / "damascus-2013-02-06.json", gazetteer))
    import_file(store, csv_text([acled_row(n) for n in range(1, 4)], acled.COLUMNS).encode(), "acled")
    import_file(store, csv_text([ucdp_row(n) for n in range(1, 3)], ucdp.COLUMNS).encode(), "ucdp")


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_json_dump_reads_back_losslessly_across_databases(store, tmp_path, gazetteer, registry):
    fill(store, gazetteer, registry)
    dumped = export_text(store, "json")
    assert json.loads(dumped)["claims"], "the dump holds claims"
    copy = EventStore(f"sqlite:///{tmp_path / 'copy.db'}")
    report = import_file(copy, dumped.encode(), "json")
    assert report.result.added == store.counts()["reports"]
    assert copy.counts() == store.counts()
    assert export_text(copy, "json") == dumped
    again = import_file(copy, dumped.encode(), "json")
    assert (again.result.added, again.result.skipped) == (0, store.counts()["reports"])
    assert export_text(copy, "json") == dumped
    copy.dispose()


def test_a_windowed_dump_holds_that_window(store, gazetteer, registry):
    fill(store, gazetteer, registry)
    day = dt.date(2013, 2, 6)
    dump = json.loads(export_text(store, "json", day, day))
    assert dump["events"] and {e["event_date"] for e in dump["events"]} == {"2013-02-06"}
    assert {c["claim_date"] for c in dump["claims"] if c["event_id"] is None} <= {"2013-02-06"}
    report_ids = {r["id"] for r in dump["reports"]}
    assert {e["report_id"] for e in dump["events"]} <= report_ids
    assert "Test wire" not in {r["publisher"] for r in dump["reports"]}


def test_geojson_is_an_rfc7946_feature_collection_with_claims(store, gazetteer, registry):
    from tests.places.test_chain import unplaced_payload

    fill(store, gazetteer, registry)
    store.ingest(unplaced_payload())  # three names stored without coordinates
    data = json.loads(export_text(store, "geojson"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    events = store.events_frame().set_index("id")
    assert len(data["features"]) == len(events)
    unplaced = 0
    for feature in data["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        event = events.loc[feature["id"]]
        if feature["geometry"] is None:
            unplaced += 1
            assert event["lat"] != event["lat"]  # NaN: no coordinates stored
            continue
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert (lon, lat) == (event["lon"], event["lat"])  # [longitude, latitude], in that order
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert unplaced == 3  # the unplaced names, kept to be pinned
    douma = next(f for f in data["features"] if f["properties"]["place_name"] == "Douma")
    assert {(c["source"], c["killed"]) for c in douma["properties"]["claims"]} >= {
        ("Syrian Observatory for Human Rights", 12)}
    ucdp_event = next(f for f in data["features"] if f["id"] == "ucdp-900001")
    assert sorted(c["killed"] for c in ucdp_event["properties"]["claims"]) == [6, 8, 12]


def test_acled_csv_has_the_codebook_header_and_reads_back(store, gazetteer, registry):
    fill(store, gazetteer, registry)
    text = export_text(store, "acled")
    assert text.splitlines()[0].split(",") == ACLED_CODEBOOK
    exported = rows(text)
    assert len(exported) == store.counts()["events"]
    palmyra = next(r for r in exported if r["location"] == "Palmyra")
    assert (palmyra["event_type"], palmyra["sub_event_type"], palmyra["fatalities"]) == \
        ("Explosions/Remote violence", "Suicide bomb", "19")
    mine = csv_text([acled_row(n) for n in range(1, 4)], acled.COLUMNS)
    original = acled.parse(mine.encode()).payloads
    again = acled.parse(csv_text([r for r in exported if r["event_id_cnty"].startswith("SYN")],
                                 acled.COLUMNS).encode())
    assert again.errors == []
    assert again.payloads == original  # ACLED rows come back as they went in


def test_ucdp_csv_has_the_ged_columns_and_reads_back(store, gazetteer, registry):
    fill(store, gazetteer, registry)
    text = export_text(store, "ucdp")
    assert text.splitlines()[0].split(",") == UCDP_GED and len(UCDP_GED) == 49
    exported = rows(text)
    douma = next(r for r in exported if r["where_coordinates"] == "Douma")
    assert (douma["best"], douma["low"], douma["high"]) == ("12", "12", "12")
    original = ucdp.parse(csv_text([ucdp_row(n) for n in range(1, 3)], ucdp.COLUMNS).encode()).payloads
    mine = [r for r in exported if r["id"].startswith("9000")]
    again = ucdp.parse(csv_text(mine, ucdp.COLUMNS).encode())
    assert again.errors == []
    for before, after in zip(original, again.payloads):
        b, a = before["events"][0], after["events"][0]
        assert (a["claims"], a["place"], a["date"], a["date_end"]) == (b["claims"], b["place"], b["date"],
                                                                       b["date_end"])


@pytest.mark.parametrize("fmt", ["acled", "ucdp"])
def test_csv_cells_that_look_like_formulas_are_neutralised(store, fmt):
    evil = acled_row(1, notes='=HYPERLINK("http://attacker.example","click")', source="+SUM(A1)",
                     location="@cmd", admin1="-2+3", latitude=-33.5, longitude=-70.25)
    import_file(store, csv_text([evil], acled.COLUMNS).encode(), "acled")
    exported = rows(export_text(store, fmt))
    cells = [value for row in exported for value in row.values()]
    for value in cells:
        assert not value.startswith(("=", "+", "@")) or value.startswith("'")
        if value.startswith("-"):
            float(value)  # only numbers may start with a minus sign
    assert "'@cmd" in cells and "'-2+3" in cells
    assert "-33.5" in cells and "-70.25" in cells  # negative coordinates stay numbers
    if fmt == "acled":
        row = exported[0]
        assert (row["notes"], row["source"]) == ("'=HYPERLINK(\"http://attacker.example\",\"click\")", "'+SUM(A1)")
        back = acled.parse(csv_text(exported, acled.COLUMNS).encode()).payloads[0]["events"][0]
        assert back["quote"].startswith("=HYPERLINK") and back["place"]["name"] == "@cmd"


def test_a_geojson_export_never_names_the_editor_who_pinned_a_place():
    from conflictmap.exchange.geojson import public_coord_source

    assert public_coord_source("pin by analyst@example.org at 2026-11-30 06:00 UTC") == "pin"
    assert public_coord_source("gazetteer") == "gazetteer" and public_coord_source(None) is None


def test_geojson_carries_the_injured_figures_words_into_another_database(store, gazetteer, registry, tmp_path):
    text = ("Dozens were wounded when shells hit the market in Douma on Tuesday, the governor said. "
            "Rockets hit Aleppo on Tuesday, killing three and wounding at least 15 people, activists said. "
            "A shell hit Homs on Tuesday, wounding between 15 and 20 people, SANA said.")
    store.ingest(Extractor(gazetteer, registry).extract(Report(text, pub_date=dt.date(2015, 8, 19))).to_dict())
    exported = export_text(store, "geojson")
    words = ("injured", "injured_qualifier", "injured_text", "injured_conventional", "injured_high")
    claims = [c for f in json.loads(exported)["features"] for c in f["properties"]["claims"]]
    assert sorted((c["source"], *(c[k] for k in words)) for c in claims) == [
        ("Activists", 15, "at least", None, None, None), ("Syrian state media", 15, None, None, None, 20),
        ("governor", None, None, "dozens", 12, None)]
    copy = EventStore(f"sqlite:///{tmp_path / 'copy.db'}")
    try:
        assert not import_file(copy, exported.encode(), "geojson").errors
        assert export_text(copy, "geojson") == exported
    finally:
        copy.dispose()
