"""Corrections to an extraction before it is saved: removed events, typed places, fixed figures."""
from __future__ import annotations

import math

import pytest

from conflictmap import draft
from conflictmap.reading.reader import Extractor
from conflictmap.places.gazetteer import name_key
from conflictmap.places.chain import Geocoder
from conflictmap.reading.text import Report

# Written for these tests: two places the gazetteer knows, one it does not.
TEXT = ("Shelling killed 12 people in Douma on Monday, the Syrian Observatory for Human Rights said.\n"
        "In Homs, clashes between rebels and government forces killed 5 rebels, activists said.\n"
        "An airstrike on the village of Kafr Qurnayt killed 3 civilians, the Local Coordination Committees "
        "reported.")


@pytest.fixture(scope="module")
def payload(gazetteer, registry) -> dict:
    import datetime as dt

    return Extractor(gazetteer, registry).extract(Report(TEXT, pub_date=dt.date(2013, 3, 4))).to_dict()


def _ids(payload: dict) -> dict[str, str]:
    return {e["place"]["mention"]: e["id"] for e in payload["events"]}


def test_rows_show_what_was_read(payload):
    rows = {r["place"]: r for r in draft.event_rows(payload)}
    assert set(rows) == {"Douma", "Homs", "Kafr Qurnayt"}
    assert rows["Douma"]["lat"] is not None and rows["Kafr Qurnayt"]["lat"] is None
    assert all(r["keep"] for r in rows.values())
    claims = draft.claim_rows(payload)
    assert sorted(c["killed"] for c in claims) == [3, 5, 12]
    assert [u["place"] for u in draft.unresolved(payload)] == ["Kafr Qurnayt"]


def test_untouched_rows_change_nothing(payload):
    assert draft.apply(payload, draft.event_rows(payload), draft.claim_rows(payload)) == payload


def test_a_removed_event_and_a_removed_claim_are_gone(payload):
    ids = _ids(payload)
    rows = [{**r, "keep": r["id"] != ids["Homs"]} for r in draft.event_rows(payload)]
    claims = [{**c, "keep": c["killed"] != 12} for c in draft.claim_rows(payload)]
    out = draft.apply(payload, rows, claims)
    assert [e["place"]["mention"] for e in out["events"]] == ["Douma", "Kafr Qurnayt"]
    assert out["events"][0]["claims"] == []
    assert len(payload["events"]) == 3  # the original is untouched


def test_corrections_to_type_date_figure_and_source(payload):
    ids = _ids(payload)
    rows = [{**r, "event_type": "airstrike", "date": "2013-03-03"} if r["id"] == ids["Douma"] else r
            for r in draft.event_rows(payload)]
    claims = [{**c, "killed": 14.0, "source": "Violations Documentation Center"} if c["event_id"] == ids["Douma"]
              else c for c in draft.claim_rows(payload)]
    event = next(e for e in draft.apply(payload, rows, claims)["events"] if e["id"] == ids["Douma"])
    assert (event["event_type"], event["types"][0], event["date"]) == ("airstrike", "airstrike", "2013-03-03")
    assert (event["claims"][0]["killed"], event["claims"][0]["source"]) == (14, "Violations Documentation Center")


def test_typed_coordinates_make_a_place_that_says_who_typed_them(payload):
    ids = _ids(payload)
    rows = [{**r, "lat": 35.4, "lon": 36.6, "precision": "town"} if r["id"] == ids["Kafr Qurnayt"] else r
            for r in draft.event_rows(payload)]
    out = draft.apply(payload, rows, who="ana@example.org")
    place = next(e for e in out["events"] if e["id"] == ids["Kafr Qurnayt"])["place"]
    assert (place["lat"], place["lon"], place["precision"]) == (35.4, 36.6, "town")
    assert place["id"] == f"typed:{name_key('Kafr Qurnayt')}@35.40000,36.60000"
    assert place["coord_source"] == "typed at ingest by ana@example.org" and place["mention"] == "Kafr Qurnayt"
    assert out["unresolved"] == []


def test_clearing_coordinates_unplaces_an_event(payload):
    ids = _ids(payload)
    rows = [{**r, "lat": math.nan, "lon": None} if r["id"] == ids["Homs"] else r for r in draft.event_rows(payload)]
    place = next(e for e in draft.apply(payload, rows)["events"] if e["id"] == ids["Homs"])["place"]
    assert place["id"] is None and place["lat"] is None and place["mention"] == "Homs"


@pytest.mark.parametrize("change, message", [
    ({"date": "March 3rd"}, "is not a date"),
    ({"event_type": "picnic"}, "'picnic' is not an event type"),
    ({"lat": 200.0, "lon": 36.0}, "is not a coordinate"),
    ({"lat": 35.0, "lon": None}, "both latitude and longitude"),
    ({"precision": "street"}, "'street' is not a precision"),
    ({"place": "  "}, None),  # an empty mention keeps the one read
])
def test_bad_corrections_are_refused_with_the_event_named(payload, change, message):
    ids = _ids(payload)
    rows = [{**r, **change} if r["id"] == ids["Douma"] else r for r in draft.event_rows(payload)]
    if message is None:
        assert draft.apply(payload, rows)["events"][0]["place"]["mention"] == "Douma"
        return
    with pytest.raises(draft.DraftError, match=message) as caught:
        draft.apply(payload, rows)
    assert ids["Douma"] in str(caught.value)


@pytest.mark.parametrize("figure", [-1, 2.5, "many"])
def test_figures_are_whole_numbers(payload, figure):
    claims = [{**c, "killed": figure} for c in draft.claim_rows(payload)]
    with pytest.raises(draft.DraftError):
        draft.apply(payload, draft.event_rows(payload), claims)


def test_locate_places_a_pinned_name_and_keeps_why_the_others_are_not(payload, gazetteer, store):
    geocoder = Geocoder(gazetteer, store=store)
    seen = []
    out, reasons = draft.locate(payload, geocoder, progress=lambda done, total, name: seen.append((done, total, name)))
    assert seen == [(0, 1, "Kafr Qurnayt")] and out == payload
    assert list(reasons.values()) == ["not in the offline gazetteer, and online lookups are off"]
    store.pin_place(f"name:{name_key('Kafr Qurnayt')}", lat=35.3, lon=36.5, who="ana", name="Kafr Qurnayt")
    out, reasons = draft.locate(payload, geocoder)
    place = next(e for e in out["events"] if e["place"]["mention"] == "Kafr Qurnayt")["place"]
    assert (place["lat"], place["lon"], reasons) == (35.3, 36.5, {})


def test_rows_that_went_through_a_table_change_nothing(payload):
    """The page hands back pandas records: NaN for empty cells, floats for figures; none of it is a change."""
    import pandas as pd

    events = pd.DataFrame(draft.event_rows(payload), columns=draft.EVENT_COLUMNS).to_dict("records")
    claims = pd.DataFrame(draft.claim_rows(payload), columns=draft.CLAIM_COLUMNS).to_dict("records")
    assert draft.apply(payload, events, claims) == payload


# Written for these tests: a name no gazetteer knows and no cue word marks, beside one the gazetteer knows.
SAKHOUR = ("Shells slammed into Sakhour and Bustan al-Qasr on Wednesday, activists said. The Syrian Observatory "
           "for Human Rights said 19 soldiers were killed in a suicide bombing in Palmyra, east of Damascus, "
           "according to Reuters.")


@pytest.fixture(scope="module")
def sakhour(gazetteer, registry) -> dict:
    import datetime as dt

    return Extractor(gazetteer, registry).extract(Report(SAKHOUR, pub_date=dt.date(2013, 2, 7))).to_dict()


def test_a_name_the_reader_could_not_place_is_listed_with_its_sentence(sakhour, gazetteer, registry):
    placed = {e["place"]["mention"] for e in sakhour["events"]}
    assert "Bustan al-Qasr" in placed and "Sakhour" not in placed  # what the reader does on its own
    names = draft.unplaced_names(sakhour, draft.known_by(gazetteer, registry))
    assert [n["name"] for n in names] == ["Sakhour"]
    assert names[0]["quote"].startswith("Shells slammed into Sakhour")
    assert names[0]["event_id"] in {e["id"] for e in sakhour["events"]}
    # Without a gazetteer to ask, the setting and the wire are names no event accounts for either.
    assert [n["name"] for n in draft.unplaced_names(sakhour)] == ["Sakhour", "Damascus", "Reuters"]


def test_an_added_event_is_saved_unplaced_or_at_its_typed_coordinates(sakhour):
    rows = draft.event_rows(sakhour) + [
        {"keep": None, "id": None, "date": "2013-02-06", "event_type": "shelling", "place": "Sakhour",
         "lat": None, "lon": None, "precision": None, "quote": None},
        {"keep": True, "id": math.nan, "date": None, "event_type": "clash", "place": "Hanano", "lat": 36.23,
         "lon": 37.19, "precision": "neighbourhood", "quote": None},
        {"keep": None, "id": None, "date": None, "event_type": None, "place": None, "lat": None, "lon": None,
         "precision": None, "quote": None},  # an empty row the table added: nothing
    ]
    out = draft.apply(sakhour, rows, who="ana")
    added = out["events"][len(sakhour["events"]):]
    report = sakhour["report"]["id"]
    assert [e["id"] for e in added] == [f"{report}-added-1", f"{report}-added-2"]
    first, second = added
    assert (first["event_type"], first["date"], first["place"]["mention"], first["place"]["lat"]) == \
        ("shelling", "2013-02-06", "Sakhour", None)
    assert first["claims"] == [] and first["quote"] == "added at ingest by ana"
    assert (second["place"]["lat"], second["place"]["lon"], second["place"]["precision"]) == \
        (36.23, 37.19, "neighbourhood")
    assert second["place"]["coord_source"] == "typed at ingest by ana"
    assert [u["place"] for u in draft.unresolved(out)] == ["Sakhour"]  # now it can be pinned


@pytest.mark.parametrize("change, message", [
    ({"event_type": None}, "give at least its type and its place"),
    ({"place": " "}, "give at least its type and its place"),
    ({"event_type": "picnic"}, "'picnic' is not an event type"),
    ({"date": "yesterday"}, "is not a date"),
])
def test_an_added_event_without_what_it_needs_is_refused(sakhour, change, message):
    row = {"keep": True, "id": None, "date": None, "event_type": "shelling", "place": "Sakhour", "lat": None,
           "lon": None, "precision": None, "quote": None, **change}
    with pytest.raises(draft.DraftError, match=message) as caught:
        draft.apply(sakhour, draft.event_rows(sakhour) + [row])
    assert "added" in str(caught.value)  # the message names the added row


def test_an_added_event_lands_on_the_pin_of_its_name(sakhour, gazetteer, store):
    store.pin_place(f"name:{name_key('Sakhour')}", lat=36.22, lon=37.19, who="ana", name="Sakhour")
    row = {"keep": True, "id": None, "date": "2013-02-06", "event_type": "shelling", "place": "Sakhour", "lat": None,
           "lon": None, "precision": None, "quote": None}
    out, reasons = draft.locate(draft.apply(sakhour, draft.event_rows(sakhour) + [row]), Geocoder(gazetteer, store=store))
    place = out["events"][-1]["place"]
    assert (place["mention"], place["lat"], place["lon"], reasons) == ("Sakhour", 36.22, 37.19, {})


def test_a_dateline_or_an_acronym_is_no_unplaced_name(gazetteer, registry):
    import datetime as dt

    text = "HAMA (Reuters) - Shells slammed into Qarqur on Tuesday, killing two, the SNHR said."
    payload = Extractor(gazetteer, registry).extract(Report(text, pub_date=dt.date(2013, 2, 7))).to_dict()
    names = [n["name"] for n in draft.unplaced_names(payload, draft.known_by(gazetteer, registry))]
    assert "HAMA" not in names and "SNHR" not in names


# A NUL typed or sent into a cell or a form field: PostgreSQL stores no text holding one, so the Save failed
# with the database's DataError after the reports before it had been stored.
def _publisher(payload: dict, events: list) -> tuple[dict, list]:
    payload["report"]["publisher"] = "Wire\x00"
    return payload, events


@pytest.mark.parametrize("where, change", [
    ("report publisher", _publisher),
    ("place", lambda p, events: (p, [{**events[0], "place": "Douma\x00"}, *events[1:]])),
])
def test_a_nul_anywhere_in_the_draft_is_refused_with_where_it_is(payload, where, change):
    import copy

    mine = copy.deepcopy(payload)
    events = draft.event_rows(mine)
    mine, events = change(mine, events)
    with pytest.raises(draft.DraftError, match=f"{where}.*NUL"):
        draft.apply(mine, events, draft.claim_rows(mine))
