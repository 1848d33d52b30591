"""Nonsense values are refused with a reason: in the pure checks, in the store, in imports and edits."""
from __future__ import annotations

import datetime as dt

import pytest
from synthetic import acled_row, csv_text, ucdp_row

from conflictmap import validate
from conflictmap.exchange import acled, ucdp
from conflictmap.exchange import export_text, import_file
from conflictmap.validate import InvalidValue

TODAY = dt.date(2026, 11, 27)


def extraction(report_id: str = "r-valid", **changes) -> dict:
    """A small, sane extraction; ``changes`` replace parts of its one event, place or claim."""
    place = {"id": "p-syn", "name": "Synthetic Town", "mention": "Synthetic Town", "lat": 33.5, "lon": 36.3,
             "precision": "town", **changes.pop("place", {})}
    claim = {"source": "Synthetic Monitor", "killed": 12, "civilians": 3, "rebels": 4, "government": 5,
             "scope": "event", "date": "2013-02-06", "quote": "Twelve were killed.", **changes.pop("claim", {})}
    event = {"id": f"{report_id}-1", "date": "2013-02-06", "event_type": "shelling", "types": ["shelling"],
             "quote": "Shelling hit Synthetic Town.", "place": place, "claims": [claim], **changes}
    return {"report": {"id": report_id, "pub_date": "2013-02-07"}, "events": [event], "nationwide_claims": []}


@pytest.mark.parametrize("lat, lon, words", [
    (90.0001, 36.3, "latitude 90.0001 is outside -90..90"),
    (-91, 0, "latitude -91 is outside"),
    (33.5, 180.5, "longitude 180.5 is outside -180..180"),
    (float("nan"), 36.3, "latitude nan is outside"),
    ("33.5", 36.3, "is not a number"),
    (33.5, None, "needs both latitude and longitude"),
])
def test_coordinates_off_the_globe_are_refused(lat, lon, words):
    with pytest.raises(InvalidValue, match=words):
        validate.coordinates(lat, lon)


@pytest.mark.parametrize("lat, lon", [(90, 180), (-90, -180), (0, 0), (None, None)])
def test_coordinates_on_the_edge_or_unknown_pass(lat, lon):
    validate.coordinates(lat, lon)


@pytest.mark.parametrize("value, words", [
    ("1899-12-31", "before 1900"), (dt.date(1066, 10, 14), "before 1900"),
    ("2026-11-29", "in the future"), ("2999-01-01", "in the future"), ("06/02/2013", "not a date"),
])
def test_dates_before_1900_or_in_the_future_are_refused(value, words):
    with pytest.raises(InvalidValue, match=words):
        validate.date(value, today=TODAY)


@pytest.mark.parametrize("value", ["1900-01-01", "2013-02-06", "2026-11-28", None, dt.datetime(2013, 2, 6, 12)])
def test_dates_from_1900_to_tomorrow_pass(value):
    validate.date(value, today=TODAY)


def test_date_range_is_exactly_what_date_accepts():
    first, last = validate.date_range(TODAY)
    assert (first, last) == (dt.date(1900, 1, 1), dt.date(2026, 11, 28))
    validate.date(first, today=TODAY)
    validate.date(last, today=TODAY)
    for outside in (first - dt.timedelta(days=1), last + dt.timedelta(days=1)):
        with pytest.raises(InvalidValue):
            validate.date(outside, today=TODAY)


@pytest.mark.parametrize("claim, words", [
    ({"killed": -1}, "killed -1 is negative"),
    ({"injured": -40}, "injured -40 is negative"),
    ({"killed": 1_000_001}, "killed 1000001 is more than 1,000,000"),
    ({"children": 2.5}, "children 2.5 is not a whole number"),
    ({"killed": "12"}, "killed '12' is not a whole number"),
    ({"killed": True}, "not a whole number"),
    ({"killed": 10, "civilians": 600_000, "rebels": 300_000, "government": 200_000}, "adds up to 1100000"),
])
def test_bad_casualty_figures_are_refused(claim, words):
    with pytest.raises(InvalidValue, match=words):
        validate.figures(claim)


def test_sane_figures_pass_even_when_the_breakdown_disagrees_with_the_total():
    validate.figures({"killed": 107, "civilians": 50, "rebels": 40, "government": 32})  # a flag, not an error
    validate.figures({"killed": 0, "injured": None, "killed_conventional": 1_000_000})


@pytest.mark.parametrize("changes, words", [
    ({"place": {"lat": 133.5}}, "event r-valid-1 place: latitude 133.5"),
    ({"date": "1850-01-01"}, "event r-valid-1 date: 1850-01-01 is before 1900"),
    ({"date_end": "2999-01-01"}, "date_end: 2999-01-01 is in the future"),
    ({"claim": {"killed": -5}}, "claim 1: killed -5 is negative"),
    ({"claim": {"date": "1800-01-01"}}, "claim 1 date: 1800-01-01"),
])
def test_ingest_refuses_the_report_with_the_reason_and_writes_nothing(store, changes, words):
    with pytest.raises(InvalidValue, match=words):
        store.ingest(extraction(**changes))
    assert store.counts() == {"reports": 0, "places": 0, "events": 0, "claims": 0}
    assert store.ingest(extraction()).added  # a sane report still lands


def test_a_bulk_import_refuses_a_bad_record_by_its_id_and_keeps_nothing(store):
    with pytest.raises(InvalidValue, match="record r-bad: event r-bad-1 date"):
        store.import_payloads([extraction("r-good"), extraction("r-bad", date="2999-12-31")])
    assert store.counts()["reports"] == 0


def test_acled_rows_with_nonsense_are_refused_by_line_and_good_rows_land(store):
    rows = [acled_row(1), acled_row(2, event_date="2999-01-01"), acled_row(3, latitude=91),
            acled_row(4, fatalities=5_000_000), acled_row(5, event_date="1899-06-30"), acled_row(6)]
    report = import_file(store, csv_text(rows, acled.COLUMNS).encode(), "acled")
    assert report.result.added == 2 and store.counts()["events"] == 2
    reasons = {e.line: e.reason for e in report.errors}
    assert sorted(reasons) == [3, 4, 5, 6]
    assert "in the future" in reasons[3] and "latitude" in reasons[4]
    assert "more than 1,000,000" in reasons[5] and "before 1900" in reasons[6]


def test_ucdp_rows_with_a_breakdown_beyond_any_total_are_refused(store):
    rows = [ucdp_row(1), ucdp_row(2, deaths_a=900_000, deaths_b=900_000, best=8, low=6, high=12),
            ucdp_row(3, date_start="2999-01-01 00:00:00.000", date_end="2999-01-01 00:00:00.000")]
    report = import_file(store, csv_text(rows, ucdp.COLUMNS).encode(), "ucdp")
    assert report.result.added == 1
    reasons = {e.line: e.reason for e in report.errors}
    assert "breakdown by side adds up to 1800001" in reasons[3] and "in the future" in reasons[4]


def test_a_json_dump_with_nonsense_is_refused_whole(store, tmp_path):
    store.ingest(extraction())
    dumped = export_text(store, "json").replace('"lat": 33.5', '"lat": 333.5')
    from conflictmap.store import EventStore

    copy = EventStore(f"sqlite:///{tmp_path / 'copy.db'}")
    with pytest.raises(InvalidValue, match="place p-syn: latitude 333.5"):
        import_file(copy, dumped.encode(), "json")
    assert copy.counts()["reports"] == 0
    copy.dispose()


def test_edits_and_pins_refuse_nonsense_and_change_nothing(store):
    store.ingest(extraction())
    before = store.events_frame()
    with pytest.raises(InvalidValue, match="event_date: 2999-01-01 is in the future"):
        store.edit_events({"r-valid-1": {"event_date": "2999-01-01"}}, editor="analyst@example.org")
    with pytest.raises(InvalidValue, match="event_date_end: 1899-01-01 is before 1900"):
        store.edit_events({"r-valid-1": {"event_date_end": "1899-01-01"}}, editor="analyst@example.org")
    with pytest.raises(InvalidValue, match="longitude 200"):
        store.pin_place("p-syn", lat=33.5, lon=200, who="analyst@example.org")
    assert store.events_frame().equals(before) and store.pins_frame().empty
