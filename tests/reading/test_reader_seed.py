"""The extractor against the gold reading of the report conflictmap started from.

Everything asserted here comes from ``../shared/eval/seed_gold.json``; the
test holds no answer of its own.
"""
from __future__ import annotations

import datetime as dt

import pytest

from conflictmap.reading.reader import Extractor
from conflictmap.places.gazetteer import name_key
from conflictmap.reading.text import Report, read_report_file

SETTLEMENT = {"city", "town"}


@pytest.fixture(scope="module")
def extraction(seed_report, seed_gold, gazetteer, registry) -> dict:
    report = read_report_file(str(seed_report), pub_date=dt.date.fromisoformat(seed_gold["pub_date"]))
    return Extractor(gazetteer, registry).extract(report).to_dict()


def _keys(names: list[str]) -> set[str]:
    return {name_key(n) for n in names}


def _events_at(extraction: dict, accept: list[str]) -> list[dict]:
    keys = _keys(accept)
    return [e for e in extraction["events"]
            if name_key(e["place"]["name"]) in keys or name_key(e["place"]["mention"]) in keys]


def _gold_events(seed_gold: dict, optional: bool = False) -> list[dict]:
    return [e for e in seed_gold["events"] if bool(e.get("optional")) == optional]


def test_every_gold_event_is_found_once(extraction, seed_gold):
    for gold in _gold_events(seed_gold):
        found = _events_at(extraction, gold["accept"])
        assert len(found) == 1, f"{gold['place']}: {len(found)} events"
        event = found[0]
        assert event["date"] == gold["date"], gold["place"]
        assert event["event_type"] in gold["types"], (gold["place"], event["event_type"])
        precision = event["place"]["precision"]
        assert precision == gold["precision"] or {precision, gold["precision"]} <= SETTLEMENT, gold["place"]
        assert event["place"]["admin1"] == gold["admin1"], gold["place"]
        assert event["place"]["lat"] is not None and event["place"]["lon"] is not None


def test_places_named_only_as_context_are_no_events(extraction, seed_gold):
    named = {name_key(e["place"]["name"]) for e in extraction["events"]} | \
            {name_key(e["place"]["mention"]) for e in extraction["events"]}
    for place in seed_gold["not_events"]["places"]:
        assert name_key(place) not in named, place


def test_no_event_outside_gold(extraction, seed_gold):
    accepted = set()
    for gold in seed_gold["events"]:
        accepted |= _keys(gold["accept"] + [gold["place"]])
    accepted |= _keys(seed_gold.get("optional_places", []))
    for event in extraction["events"]:
        keys = {name_key(event["place"]["name"]), name_key(event["place"]["mention"])}
        # An unresolved mention may name an optional place without its last word ("Harmala" checkpoint).
        shortened = {" ".join(a.split()[:-1]) for a in accepted if " " in a}
        assert keys & (accepted | shortened), event["place"]


def _matching_claim(extraction: dict, gold_event: dict, gold_claim: dict) -> dict | None:
    pool = [c for e in _events_at(extraction, gold_event["accept"]) for c in e["claims"]]
    pool += extraction["nationwide_claims"]
    accept = _keys(gold_claim["accept"] + [gold_claim["source"]])
    for claim in pool:
        if {name_key(claim["source"] or ""), name_key(claim["source_mention"] or "")} & accept:
            if claim["killed"] == gold_claim.get("killed") and claim["denial"] == gold_claim.get("denial", False):
                return claim
    return None


def test_each_source_claim_is_read(extraction, seed_gold):
    for gold_event in seed_gold["events"]:
        for gold in gold_event["claims"]:
            claim = _matching_claim(extraction, gold_event, gold)
            assert claim is not None, (gold_event["place"], gold["source"])
            for part in ("civilians", "rebels", "government", "injured"):
                if part in gold:
                    assert claim[part] == gold[part], (gold["source"], part)
            assert gold["quote_contains"] in claim["quote"]
            expected_scope = gold.get("scope", "event")
            assert claim["scope"] == expected_scope, gold["source"]
            if expected_scope == "nationwide":
                assert claim in extraction["nationwide_claims"]
            if "flag" in gold:
                total = [int(s) for s in gold["flag"].split() if s.isdigit()][0]
                assert claim["flag"] and str(total) in claim["flag"]


def test_nationwide_totals_are_pinned_on_no_place(extraction):
    for event in extraction["events"]:
        assert all(c["scope"] != "nationwide" for c in event["claims"])


def test_no_report_date_means_no_guessed_dates(seed_report, gazetteer, registry):
    report = read_report_file(str(seed_report))
    result = Extractor(gazetteer, registry).extract(report)
    assert result.events and all(e.date is None for e in result.events)


def test_one_spelling_or_another_is_one_place(gazetteer, registry):
    text = ("Government forces shelled Kidm on Monday, a resident said. "
            "Later on Monday rebels clashed with troops in Qadam.")
    result = Extractor(gazetteer, registry).extract(Report(text, pub_date=dt.date(2013, 2, 5)))
    assert [e.place.name for e in result.events] == ["Qadam"]
    assert result.events[0].types == ["shelling", "clash"]


def test_unknown_place_is_kept_for_an_analyst_to_pin(gazetteer, registry):
    text = "Troops shelled the village of Zzyzxabad on Sunday, killing 4 people, activists said."
    result = Extractor(gazetteer, registry).extract(Report(text, pub_date=dt.date(2014, 3, 4)))
    assert [u["mention"] for u in result.unresolved] == ["Zzyzxabad"]
    event = result.events[0]
    assert event.place is None and event.place_mention == "Zzyzxabad" and event.date == "2014-03-02"
    assert event.claims[0].killed == 4 and event.claims[0].source == "Activists"


def test_a_lede_stating_a_sourced_figure_is_the_reports_own_claim(gazetteer, registry):
    # The report states the figure itself before naming its source: both claims stand (literal reading).
    text = ("Shelling of Douma killed 12 people on Tuesday. "
            "The shelling of Douma killed 12 people, the Syrian Observatory for Human Rights said.")
    result = Extractor(gazetteer, registry).extract(Report(text, pub_date=dt.date(2015, 8, 19)))
    sources = sorted(str(c.source) for e in result.events for c in e.claims)
    assert sources == ["None", "Syrian Observatory for Human Rights"]


def test_a_lede_pinning_a_nationwide_total_on_a_city_is_that_total_echoed(gazetteer, registry):
    text = ("Fighting in Homs has left 64 people dead. "
            "The Syrian Observatory for Human Rights said 64 people were killed nationwide on Tuesday.")
    result = Extractor(gazetteer, registry).extract(Report(text, pub_date=dt.date(2015, 8, 19)))
    assert [c.killed for e in result.events for c in e.claims] == []
    assert [(c.source, c.killed) for c in result.nationwide_claims] == [("Syrian Observatory for Human Rights", 64)]
