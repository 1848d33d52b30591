"""UCDP GED imports: three estimates and the deaths by side as the data set's claims."""
from __future__ import annotations

import pytest
from synthetic import csv_text, ucdp_row

from conflictmap.exchange import ucdp
from conflictmap.exchange.rows import ImportFileError
from conflictmap.exchange import import_file


def parse(text: str):  # noqa: ANN201 - a Parsed
    return ucdp.parse(text.encode("utf-8"))


def test_a_row_becomes_an_event_with_best_low_and_high_claims():
    parsed = parse(csv_text([ucdp_row(4)], ucdp.COLUMNS))
    assert parsed.errors == []
    event = parsed.payloads[0]["events"][0]
    assert (event["id"], event["date"], event["date_end"], event["event_type"]) == \
        ("ucdp-900004", "2013-02-06", "2013-02-06", "clash")
    assert (event["place"]["name"], event["place"]["admin1"], event["place"]["lon"]) == \
        ("Place 4 town", "Rif Dimashq", 36.404)
    figures = {c["killed_qualifier"]: c for c in event["claims"]}
    assert {q: c["killed"] for q, c in figures.items()} == {"best estimate": 8, "low estimate": 6,
                                                           "high estimate": 12}
    best = figures["best estimate"]
    assert (best["government"], best["rebels"], best["civilians"]) == (2, 5, 1)
    assert {c["source"] for c in event["claims"]} == {"UCDP GED"}
    assert {c["source_kind"] for c in event["claims"]} == {"dataset"}
    assert best["source_mention"] == "Synthetic Monitor;Synthetic Agency"
    assert event["attributes"]["side_a"] == "Government of Syria"


@pytest.mark.parametrize("violence, deaths, expected, kind", [
    (1, {"deaths_a": 3, "deaths_b": 4, "deaths_civilians": 0}, (3, 4, 0), "clash"),
    (2, {"deaths_a": 3, "deaths_b": 4, "deaths_civilians": 1}, (None, 7, 1), "clash"),
    (3, {"deaths_a": 0, "deaths_b": 0, "deaths_civilians": 9}, (None, None, 9), "massacre"),
])
def test_deaths_by_side_follow_the_type_of_violence(violence, deaths, expected, kind):
    row = ucdp_row(1, type_of_violence=violence, **deaths)
    event = parse(csv_text([row], ucdp.COLUMNS)).payloads[0]["events"][0]
    best = event["claims"][0]
    assert (best["government"], best["rebels"], best["civilians"]) == expected
    assert event["event_type"] == kind


@pytest.mark.parametrize("where_prec, date_prec, precision, date_precision", [
    (1, 1, "town", "day"), (3, 2, "district", "days"), (4, 3, "governorate", "week"), (6, 4, "country", "month"),
    (7, 5, "country", "year"),
])
def test_precision_codes(where_prec, date_prec, precision, date_precision):
    event = parse(csv_text([ucdp_row(1, where_prec=where_prec, date_prec=date_prec)], ucdp.COLUMNS)) \
        .payloads[0]["events"][0]
    assert (event["place"]["precision"], event["date_precision"]) == (precision, date_precision)


@pytest.mark.parametrize("change, reason", [
    ({"best": ""}, "best is empty"),
    ({"low": 9}, "low 9, best 8, high 12 are not in order"),
    ({"type_of_violence": 4}, "type_of_violence is '4'"),
    ({"date_start": "6 Feb"}, "date_start '6 Feb' is not a date"),
    ({"date_end": "2013-02-01"}, "date_end 2013-02-01 is before date_start 2013-02-06"),
    ({"where_prec": 8}, "where_prec is '8'"),
    ({"date_prec": 0}, "date_prec is '0'"),
    ({"latitude": "-91"}, "latitude -91 is outside -90..90"),
    ({"deaths_a": "two"}, "deaths_a is 'two', not a number"),
])
def test_bad_rows_are_reported_with_line_and_reason(change, reason):
    parsed = parse(csv_text([ucdp_row(1), ucdp_row(2, **change)], ucdp.COLUMNS))
    assert [(e.line, reason in e.reason) for e in parsed.errors] == [(3, True)], parsed.errors
    assert len(parsed.payloads) == 1


def test_a_file_that_is_not_the_ged_is_refused_whole():
    with pytest.raises(ImportFileError, match="not a UCDP GED CSV"):
        parse("event_id_cnty,event_date\nX,2013-01-01\n")


def test_import_stores_once(store):
    text = csv_text([ucdp_row(1), ucdp_row(2, best="x")], ucdp.COLUMNS).encode()
    report = import_file(store, text, "ucdp")
    assert (report.result.added, report.result.events, report.result.claims) == (1, 1, 3)
    assert [e.line for e in report.errors] == [3]
    claims = store.claims_frame()
    assert sorted(claims["killed"]) == [6, 8, 12]
    assert set(store.events_frame()["event_date_end"].astype(str)) == {"2013-02-06"}
    before = store.counts()
    assert import_file(store, text, "ucdp").result.added == 0
    assert store.counts() == before


def test_the_data_set_is_a_registered_source():
    from conflictmap.reading.sources import SourceRegistry

    assert SourceRegistry.default().get(ucdp.DATASET).kind == "dataset"
