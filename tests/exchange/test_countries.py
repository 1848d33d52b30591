"""Countries in ACLED's and UCDP's words, and exports that name each event's country."""
from __future__ import annotations

import csv
import io

import pytest
from synthetic import acled_row, csv_text

from conflictmap.exchange import acled, export_text, import_file, ucdp
from conflictmap.exchange.countries import TABLE, at_point, by_gw, by_name, by_number, country, event_country


@pytest.mark.parametrize("alpha2, acled_words, iso, region, ucdp_words, gw", [
    ("SY", "Syria", 760, "Middle East", "Syria", 652),
    ("YE", "Yemen", 887, "Middle East", "Yemen (North Yemen)", 678),
    ("UA", "Ukraine", 804, "Europe", "Ukraine", 369),
    ("PS", "Palestine", 275, "Middle East", "Israel", 666),
    ("SD", "Sudan", 729, "Northern Africa", "Sudan", 625),
    ("MM", "Myanmar", 104, "Southeast Asia", "Myanmar (Burma)", 775),
])
def test_a_country_in_both_data_sets_words(alpha2, acled_words, iso, region, ucdp_words, gw):
    found = country(alpha2)
    assert found.acled() == {"country": acled_words, "iso": iso, "region": region}
    assert found.ucdp() == {"country": ucdp_words, "country_id": gw}


def test_every_table_row_is_an_iso_country_and_names_lead_back():
    for code, (acled_name, _, _, gw) in TABLE.items():
        assert country(code).iso > 0
        assert by_name(acled_name) == code
        assert by_number(country(code).iso) == code
    assert by_gw(666) == "IL" and by_name("Türkiye") == "TR" and country("XX") is None


def test_a_country_outside_the_table_still_has_its_iso_name_and_number():
    found = country("FR")
    assert (found.acled_name, found.iso, found.region, found.gw) == ("France", 250, "", None)


def test_an_event_s_country_comes_from_its_place_then_the_data_set_then_the_outline():
    assert event_country({"country": "ye", "lat": 33.5, "lon": 36.3}) == "YE"
    assert event_country({"attributes": '{"iso": "804"}', "lat": 33.5, "lon": 36.3}) == "UA"
    assert event_country({"attributes": '{"country_id": "678"}'}) == "YE"
    assert event_country({"lat": 33.51, "lon": 36.29}) == "SY" == at_point(33.51, 36.29)
    assert event_country({"lat": 36.2, "lon": 44.0}) == "IQ"
    assert event_country({"place_id": "lb-beirut", "lat": None, "lon": None}) == "LB"
    assert event_country({"lat": None, "lon": None}) is None


def test_exports_name_every_event_s_country(store, gazetteer, registry):
    from exchange.test_export import fill

    fill(store, gazetteer, registry)
    import_file(store, csv_text([acled_row(9, iso="", country="", region="", latitude=36.2, longitude=44.0)],
                                acled.COLUMNS).encode(), "acled")
    rows = list(csv.DictReader(io.StringIO(export_text(store, "acled"))))
    assert all(r["country"] and r["iso"] and r["region"] for r in rows), [r["event_id_cnty"] for r in rows]
    by_id = {r["event_id_cnty"]: r for r in rows}
    assert (by_id["SYN9"]["country"], by_id["SYN9"]["iso"], by_id["SYN9"]["region"]) == ("Iraq", "368", "Middle East")
    ours = [r for r in rows if not r["event_id_cnty"].startswith("SYN")]
    assert ours and {(r["country"], r["iso"]) for r in ours} == {("Syria", "760")}
    ged = list(csv.DictReader(io.StringIO(export_text(store, "ucdp"))))
    assert all(r["country"] and r["country_id"] for r in ged)
    assert {(r["country"], r["country_id"]) for r in ged if r["id"] == "acled-SYN9"} == {("Iraq", "645")}
    assert {(r["country"], r["country_id"]) for r in ged if r["id"].startswith("9000")} == {("Syria", "652")}
    features = __import__("json").loads(export_text(store, "geojson"))["features"]
    assert all(f["properties"]["country"] for f in features if f["geometry"])
