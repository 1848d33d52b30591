"""The reading rules on sentences written here (not taken from any report).

Each test names a way reports are written; the gold-driven tests in
``test_extract.py`` and ``test_evaluate.py`` check the same rules on real text.
"""
from __future__ import annotations

import datetime as dt

import pytest

from conflictmap.reading.reader import Extractor
from conflictmap.reading.text import Report

PUB = dt.date(2014, 3, 5)  # a Wednesday


@pytest.fixture(scope="module")
def read(gazetteer, registry):
    extractor = Extractor(gazetteer, registry)

    def run(text: str, pub_date: dt.date | None = PUB) -> dict:
        return extractor.extract(Report(text=text, pub_date=pub_date)).to_dict()
    return run


def _at(result: dict, name: str) -> list[dict]:
    return [e for e in result["events"] if e["place"]["name"] == name or e["place"]["mention"] == name]


def _claims(result: dict) -> list[tuple]:
    return sorted({(c["source"], c["killed"], c["injured"]) for e in result["events"] for c in e["claims"]},
                  key=str)


def test_a_list_gives_each_place_its_own_figure(read):
    r = read("The Local Coordination Committees said three people were killed in Homs, two in Hama and one "
             "in Douma on Tuesday.")
    assert [c["killed"] for c in _at(r, "Homs")[0]["claims"]] == [3]
    assert [c["killed"] for c in _at(r, "Hama")[0]["claims"]] == [2]
    assert [c["killed"] for c in _at(r, "Douma")[0]["claims"]] == [1]


def test_a_list_keeps_the_parts_each_place_is_given(read):
    r = read("The monitor counted six civilians and three rebels killed in Homs on Tuesday, and two soldiers "
             "in Hama.")
    homs = _at(r, "Homs")[0]["claims"]
    assert [(c["killed"], c["civilians"], c["rebels"]) for c in homs] == [(None, 6, 3)]
    assert [c["killed"] for c in _at(r, "Hama")[0]["claims"]] == [2]


def test_a_source_telling_of_an_attack_without_a_figure_is_a_source_of_it(read):
    r = read("A local council official said on Tuesday that warplanes struck a bakery in Douma.")
    douma = _at(r, "Douma")[0]["claims"]
    assert [(c["source_mention"], c["killed"], c["scope"]) for c in douma] == \
        [("A local council official", None, "no casualty figure")]


def test_the_speaker_of_the_inner_clause_owns_its_figure(read):
    r = read("Warplanes hit Douma on Tuesday. State media gave no details, but a local activist told Reuters that "
             "as many as 50 were killed.")
    assert ("Activists", 50, None) in _claims(r)
    assert ("Syrian state media", 50, None) not in _claims(r)


def test_where_a_speaking_body_sits_is_no_place_and_bounds_no_figure(gazetteer, registry):
    extractor = Extractor(gazetteer, registry)
    r = extractor.extract(Report(text="The Health Ministry in Gaza said airstrikes on the Nuseirat camp killed 31 "
                                      "people overnight.", pub_date=PUB), country="PS").to_dict()
    assert [e["place"]["mention"] for e in r["events"]] == ["Nuseirat camp"]
    assert [(c["killed"], c["scope"]) for c in r["events"][0]["claims"]] == [(31, "event")]


def test_a_country_named_as_the_topic_is_no_nationwide_bound(gazetteer, registry):
    extractor = Extractor(gazetteer, registry)
    r = extractor.extract(Report(text="In Sudan, paramilitary forces shelled a market in Nyala on Monday, killing 9 "
                                      "civilians, a doctors' union said.", pub_date=PUB), country="SD").to_dict()
    assert [(e["place"]["mention"], [c["killed"] for c in e["claims"]]) for e in r["events"]] == [("Nyala", [9])]
    assert r["nationwide_claims"] == []


def test_a_running_total_where_no_place_is_named_is_the_countrys(gazetteer, registry):
    extractor = Extractor(gazetteer, registry)
    r = extractor.extract(Report(text="Air strikes hit Rafah on Monday, killing 9 people, medics said. The health "
                                      "ministry says 31,000 people have been killed since the war began.",
                                 pub_date=PUB), country="PS").to_dict()
    assert [c["killed"] for e in r["events"] for c in e["claims"]] == [9]
    assert [(c["killed"], c["scope"]) for c in r["nationwide_claims"]] == [(31000, "cumulative")]


def test_a_figure_waiting_for_its_place_joins_the_blast_that_names_it(gazetteer, registry):
    extractor = Extractor(gazetteer, registry)
    r = extractor.extract(Report(text="A suicide bomber struck a mosque in the north on Friday, killing 30 "
                                      "worshippers, officials said. The blast hit a mosque in Kunduz.",
                                 pub_date=PUB), country="AF").to_dict()
    assert [(e["place"]["mention"], e["event_type"], [c["killed"] for c in e["claims"]]) for e in r["events"]] == \
        [("Kunduz", "suicide_bombing", [30])]


def test_a_word_inside_a_longer_hyphenated_name_is_no_place(read):
    r = read("Shelling hit the Tal-Homs Gate market on Tuesday, activists said.")
    assert "Homs" not in [e["place"]["name"] for e in r["events"]]


def test_the_town_of_a_speakers_office_is_no_event_place(read):
    r = read("Troops shelled Douma on Tuesday, killing four, said Ahmad Halabi, the mayor of the nearby town of "
             "Harasta.")
    assert [e["place"]["name"] for e in r["events"]] == ["Douma"]


def test_who_holds_a_place_is_no_event_there_and_a_month_alone_moves_no_narrative(gazetteer, registry):
    extractor = Extractor(gazetteer, registry)
    r = extractor.extract(Report(text="Clashes near Marib killed 12 fighters on Tuesday, military sources said. The "
                                      "rebels, who control the capital Sanaa, began an offensive in January. In "
                                      "Taiz, a sniper killed a child, a rights group said.",
                                 pub_date=dt.date(2021, 5, 6)), country="YE").to_dict()
    assert sorted(e["place"]["name"] for e in r["events"]) == ["Ma'rib", "Taiz"]
    assert {e["date"] for e in r["events"]} == {"2021-05-04"}


def test_a_landmark_is_a_mention_of_its_own_placed_at_its_town(read):
    r = read("Mortar shells hit Umayyad Square in Damascus on Tuesday, wounding three, state media said. Another "
             "shell struck Aleppo University, killing a student.")
    found = {e["place"]["mention"]: e["place"]["name"] for e in r["events"]}
    assert found == {"Umayyad Square": "Damascus", "Aleppo University": "Aleppo"}


def test_a_person_introduced_by_role_keeps_that_role_when_named_again(read):
    r = read("Homs resident and activist Karim al-Tawil said clashes in Baba Amr lasted all night. Al-Tawil added "
             "that tanks shelled Baba Amr and that at least six people were killed.")
    assert ("Activists", 6, None) in _claims(r)


def test_a_sentence_breaking_down_the_last_figure_is_its_sources(read):
    r = read("The Observatory said 90 people died across the country on Monday. Most of them were in Hama "
             "province, where 20 civilians and four rebels were killed.")
    hama = [c for e in r["events"] for c in e["claims"]]
    assert [(c["source"], c["civilians"], c["rebels"]) for c in hama] == \
        [("Syrian Observatory for Human Rights", 20, 4)]


def test_the_capital_is_the_reports_countrys_and_a_town_of_x_is_a_place(gazetteer, registry):
    extractor = Extractor(gazetteer, registry)
    r = extractor.extract(Report(text="Militias clashed in the Libyan capital on Monday, killing 12, the health "
                                      "ministry said.", pub_date=PUB), country="LY").to_dict()
    assert [e["place"]["name"] for e in r["events"]] == ["Tripoli"]
    r = extractor.extract(Report(text="Militias clashed in the Iraqi capital on Monday, killing 12, the health "
                                      "ministry said.", pub_date=PUB), country="LY").to_dict()
    assert r["events"] == []
    r = extractor.extract(Report(text="A drone hit the village of Qarsh Ulay on Sunday, killing three, rescue "
                                      "services said.", pub_date=PUB), country="ET").to_dict()
    assert [(e["place"]["mention"], [(c["source_mention"], c["killed"]) for c in e["claims"]])
            for e in r["events"]] == [("Qarsh Ulay", [("rescue services", 3)])]


def test_a_list_of_villages_is_a_list_and_a_demonym_is_no_place(gazetteer, registry):
    extractor = Extractor(gazetteer, registry)
    r = extractor.extract(Report(text="Strikes killed nine people in the villages of Qarqaf, Bint Jbeil and Zawtar "
                                      "on Tuesday, the health ministry said.", pub_date=PUB), country="LB").to_dict()
    assert [e["place"]["mention"] for e in r["events"]] == ["Qarqaf", "Bint Jbeil", "Zawtar"]
    assert {tuple(c["shared_by"]) for e in r["events"] for c in e["claims"]} == {("Qarqaf", "Bint Jbeil", "Zawtar")}
    r = extractor.extract(Report(text="A missile hit the Ukrainian village of Kivsharivka on Monday, killing two, "
                                      "officials said.", pub_date=PUB), country="UA").to_dict()
    assert "Ukrainian" not in [e["place"]["mention"] for e in r["events"]]


@pytest.mark.parametrize("dateline", ["Hama, SANA \u2013 ", "Homs, Syria (AP) \u2014 ", "Tartus, Latakia, SANA - "])
def test_a_title_case_dateline_is_no_place(read, dateline):
    r = read(dateline + "Rockets hit the town of Mhardeh on Tuesday, killing two civilians.")
    assert [e["place"]["name"] for e in r["events"]] == ["Mhardeh"]


def test_a_town_in_its_province_named_city_in_is_one_event(read):
    r = read("Rocket shells hit Salamiyah city in Hama eastern countryside on Tuesday, killing a child.")
    assert [e["place"]["name"] for e in r["events"]] == ["Salamiyah"]


def test_an_unnamed_bodys_spokesperson_speaks_for_the_body_just_named(read):
    r = read("At least 60 civilians were killed in Idlib on Monday, the UN human rights office said. "
             "Spokesperson Lina Haddad told a briefing that 90 people had been wounded.")
    assert {c["source"] for e in r["events"] for c in e["claims"]} == {"UN Human Rights Office"}


def test_a_town_and_its_surroundings_in_a_province_is_one_event(read):
    r = read("Nine of the dead were killed in strikes on the town of Saraqeb and its surroundings in eastern Idlib "
             "province on Tuesday, the Observatory said.")
    assert [e["place"]["name"] for e in r["events"]] == ["Saraqeb"]


def test_a_wire_agency_after_according_to_relays_the_source_it_names(read):
    r = read("The Syrian Observatory for Human Rights said 14 soldiers were killed in an ambush near Palmyra, "
             "according to Reuters.")
    assert [(c["source"], c["killed"]) for e in r["events"] for c in e["claims"]] == \
        [("Syrian Observatory for Human Rights", 14)]


@pytest.mark.parametrize("text, country, name", [
    ("Fifty died when a missile hit the rail station of Kramatorsk, a city in Ukraine's Donetsk region, "
     "officials said.", "UA", "Kramatorsk"),
    ("Shelling killed four people in the village of Ariha near Idlib on Monday, the Observatory said.", "SY", "Ariha"),
    ("In the northeastern Kharkiv region, shelling killed two civilians in the village of Kupiansk, the regional "
     "prosecutor's office said.", "UA", "Kupyansk"),
    ("Nine were killed when a strike hit a house in the Nuseirat camp in central Gaza, medics said.", "PS", "Nuseirat"),
])
def test_a_place_named_only_to_locate_another_is_no_event(gazetteer, registry, text, country, name):
    r = Extractor(gazetteer, registry).extract(Report(text=text, pub_date=PUB), country=country).to_dict()
    assert [e["place"]["name"] for e in r["events"]] == [name]


def test_two_speakers_in_one_sentence_keep_their_own_figures(read):
    r = read("Shelling hit Douma on Tuesday. Activists said the shelling killed 30, but state media reported 12 dead.")
    assert _claims(r) == [("Activists", 30, None), ("Syrian state media", 12, None)]


def test_a_figure_before_its_place_waits_for_the_place(read):
    r = read("A raid by jets on an opposition-held town killed 14 people on Tuesday, activists said.\n\n"
             "Residents of Douma said the dead included four children.")
    douma = _at(r, "Douma")
    assert douma and douma[0]["event_type"] == "airstrike"
    assert ("Activists", 14, None) in [(c["source"], c["killed"], c["injured"]) for c in douma[0]["claims"]]


def test_a_town_in_its_province_is_one_event(read):
    r = read("Warplanes struck a market in Maarat al-Numan in Idlib province on Tuesday, killing nine people, "
             "the Syrian Observatory for Human Rights said.")
    assert [e["place"]["name"] for e in r["events"]] == ["Maarat al-Numan"]


def test_a_place_that_only_locates_another_is_no_event(read):
    r = read("Rebels overran a checkpoint 20 km north of Hama on Tuesday, fighting in the town of Soran.")
    assert not _at(r, "Hama")


def test_an_updated_toll_keeps_the_earlier_one(read):
    r = read("Shelling of Jobar on Tuesday killed 40 people, up from an earlier toll of 25, the Observatory said.")
    claims = _at(r, "Jobar")[0]["claims"]
    assert sorted(c["killed"] for c in claims) == [25, 40]
    assert any("earlier" in c["scope"] for c in claims)


def test_the_dead_and_the_wounded_from_one_source_are_one_claim(read):
    r = read("A car bomb exploded in Homs on Tuesday. State media put the death toll at 11. It said 40 people "
             "were wounded.")
    assert _claims(r) == [("Syrian state media", 11, 40)]


def test_silence_is_kept_apart_from_denial(read):
    r = read("Activists said an air strike killed eight people in Douma on Tuesday. State media did not mention "
             "the strike.")
    silent = [c for c in _at(r, "Douma")[0]["claims"] if c["source"] == "Syrian state media"]
    assert silent and silent[0]["scope"] == "no report" and silent[0]["denial"] is False


def test_the_war_as_a_whole_is_background(read):
    r = read("The conflict has killed more than 140,000 people since 2011. Clashes in Qaboun on Tuesday killed "
             "six rebels, activists said.")
    assert _claims(r) == [("Activists", 6, None)]


def test_a_dateline_is_not_a_place(read):
    r = read("ALEPPO, Syria (Reuters) - Shelling hit Homs on Tuesday, killing four people, activists said.")
    assert [e["place"]["name"] for e in r["events"]] == ["Homs"]


def test_wounded_after_the_number_and_dates_are_not_figures(read):
    r = read("Rocket fire on Jaramana on 3 March killed 5 civilians and left 17 wounded, state media said.")
    assert _claims(r) == [("Syrian state media", 5, 17)]
    assert _at(r, "Jaramana")[0]["date"] == "2014-03-03"


def test_without_a_report_date_days_stay_unknown_but_apart(read):
    r = read("A blast in Homs on Monday killed 7 people, the Observatory said. Another blast in Homs on Friday "
             "killed 3 people, the Observatory said.", pub_date=None)
    homs = _at(r, "Homs")
    assert len(homs) == 2 and all(e["date"] is None for e in homs)
    assert sorted(e["date_text"] for e in homs) == ["friday", "monday"]


def test_a_named_activist_speaks_for_activists(read):
    r = read("Clashes broke out in Barzeh on Tuesday, activist Omar Haddad said. Haddad added that at least "
             "three fighters were killed.")
    assert ("Activists", 3, None) in _claims(r)


def test_a_hedged_amount_is_kept_as_words(read):
    r = read("Shelling of Arbeen on Tuesday killed 20 people, activists said. Other reports suggest the toll "
             "may have exceeded 50.")
    hedged = [c for c in _at(r, "Arbeen")[0]["claims"] if c["source"] is None]
    assert hedged and hedged[0]["killed"] is None and "50" in hedged[0]["killed_text"]


@pytest.mark.parametrize("text, expected", [
    ("Rebels shelled the government-held Jaramana suburb of Damascus on Tuesday, killing two people, state media "
     "said.", ["Jaramana"]),
    ("Jets struck a square in Douma, east of Damascus, on Tuesday, killing 11 people, activists said.",
     ["Douma"]),
    ("In the city of Aleppo, fighting raged in the Zarzour and Qaterji neighbourhoods on Tuesday, the Observatory "
     "said.", ["Zarzour", "Qaterji"]),
])
def test_a_suburb_or_district_is_the_event_and_its_city_the_setting(read, text, expected):
    r = read(text)
    assert [e["place"]["mention"] for e in r["events"]] == expected


def test_a_figure_with_were_killed_and_the_war_toll(read):
    r = read("Shelling hit Homs on Tuesday. The Local Coordination Committees said 20 were killed. More than "
             "140,000 people have been killed in Syria's civil war.")
    assert _claims(r) == [("Local Coordination Committees", 20, None)]
    assert r["nationwide_claims"] == []


def test_a_source_the_registry_does_not_know_keeps_its_name(read):
    r = read("Gunmen executed five men in Mayadin on Tuesday, according to the Euphrates Post network.")
    assert ("Euphrates Post network", 5, None) in _claims(r)


def test_no_toll_is_kept_as_a_claim_without_a_figure(read):
    r = read("Helicopters dropped barrel bombs on Daraya on Tuesday, the Observatory said. It did not give a toll.")
    claims = _at(r, "Daraya")[0]["claims"]
    assert [(c["source"], c["killed"], c["scope"]) for c in claims] == \
        [("Syrian Observatory for Human Rights", None, "no casualty figure")]


def test_a_risen_toll_and_a_weekly_total(read):
    r = read("Shelling hit Jobar on Tuesday. The Observatory said the toll had risen to 30. Nearly 200 people have "
             "been killed in Jobar in the past week, according to the Observatory.")
    claims = [(c["killed"], c["scope"]) for e in _at(r, "Jobar") for c in e["claims"]]
    assert (30, "event") in claims and (200, "cumulative") in claims


def test_a_place_that_was_hit_is_an_event(read):
    r = read("The hospital in the Sukkari neighbourhood was hit directly on Tuesday, the charity said.")
    assert [e["place"]["mention"] for e in r["events"]] == ["Sukkari"]
    assert r["unresolved"] and r["unresolved"][0]["mention"] == "Sukkari"


def test_the_agency_in_a_dateline_is_not_the_speaker(read):
    r = read("BEIRUT, March 4 (Reuters) - An air strike killed at least 9 people in Douma on Tuesday, a war monitor "
             "said. The Syrian Observatory for Human Rights said the toll could rise.")
    assert _claims(r) == [("Syrian Observatory for Human Rights", 9, None)]


def test_an_unknown_organisation_with_an_appositive_speaks_and_a_denial_in_other_words(read):
    r = read("Shelling hit Arbeen on Tuesday. The Damascus Medical Relief Organization, a charity that runs clinics, "
             "put the death toll at 12. The army said it had never targeted civilians.")
    claims = _claims(r)
    assert ("Damascus Medical Relief Organization", 12, None) in claims
    assert any(c["denial"] for e in r["events"] for c in e["claims"])


def test_a_state_outlets_own_story_speaks_in_its_voice_and_a_wire_storys_does_not(read, registry):
    sana = read("Homs, SANA - A terrorist car bomb killed five citizens in Homs on Tuesday.")
    state_media = registry.find("SANA")[0].source.name
    assert _claims(sana) == [(state_media, 5, None)]
    wire = read("BEIRUT (Reuters) - A car bomb killed five people in Homs on Tuesday.")
    assert _claims(wire) == [(None, 5, None)]


def test_the_report_country_limits_places_and_a_foreign_ministry_keeps_its_name(read):
    r = read("SANAA, Yemen (AP) - The Houthi-run health ministry said an airstrike killed 40 people in Saada.")
    assert r["country"] == "YE"
    assert [e["place"]["name"] for e in r["events"]] == ["Saada"] and r["events"][0]["place"]["lat"] is not None
    assert _claims(r) == [("Yemen Health Ministry (Houthi-run)", 40, None)]  # the registry's Yemeni entry, not Syria's


def test_a_part_of_a_toll_just_given_is_counted_on_its_own(gazetteer, registry):
    r = Extractor(gazetteer, registry).extract(Report(
        text="Air strikes killed at least 32 people across the Gaza Strip on Saturday, health officials said.\n\n"
             "Fourteen of those were killed when a strike hit a house in Jabalia, medics said.", pub_date=PUB),
        country="PS").to_dict()
    assert [(c["source"], c["killed"], c["scope"]) for c in r["nationwide_claims"]] == \
        [("health officials", 32, "nationwide")]
    assert [e["place"]["name"] for e in r["events"]] == ["Jabalia"]  # the Strip itself is no event
    assert [(c["source"], c["killed"]) for c in r["events"][0]["claims"]] == [("medics", 14)]


def test_the_dateline_decides_a_report_whose_text_names_two_countries_equally(read):
    r = read("KYIV, Ukraine (Reuters) - A Russian missile hit an apartment block in Zaporizhzhia overnight, "
             "killing seven people, the governor said. Russia's defence ministry denied targeting civilians.")
    assert r["country"] == "UA"
    assert [(e["place"]["name"], e["place"]["lat"] is not None) for e in r["events"]] == [("Zaporizhzhya", True)]


def test_a_war_since_a_month_does_not_move_the_narrative_date(read):
    r = read("Shelling hit a market in Douma on Sunday, killing nine people, activists said.\n\n"
             "The army, which has besieged the town since April 2013, did not comment.\n\n"
             "Warplanes struck Harasta, killing four people, the Observatory said.")
    assert {e["place"]["name"]: e["date"] for e in r["events"]} == {"Douma": "2014-03-02", "Harasta": "2014-03-02"}


def test_a_spokesman_titled_by_the_body_just_named_speaks_for_it(read):
    r = read("Air strikes killed 12 people in Douma on Monday, the health ministry said.\n\n"
             "Ministry spokesman Ahmad Khalil told Reuters that two more bodies were found in Harasta.")
    sources = {c["source_mention"]: c["source"] for e in r["events"] for c in e["claims"]}
    assert sources["Ministry spokesman Ahmad Khalil"] == sources["the health ministry"]


def test_where_the_speaker_works_is_no_place_of_the_event(read):
    r = read("Shelling hit a market in Douma on Sunday, killing nine people, activists said.\n\n"
             "Medical workers at the Al-Mujtahid Hospital said they had received 19 bodies.")
    assert [e["place"]["name"] for e in r["events"]] == ["Douma"]
    assert ("Medical workers at the Al-Mujtahid Hospital", 19) in \
        [(c["source_mention"], c["killed"]) for c in r["events"][0]["claims"]]


def test_villages_whose_residents_were_attacked_are_events_even_with_a_namesake_abroad(gazetteer, registry):
    # Welingara is also a Gambian village: a namesake abroad that is no city does not make it foreign
    r = Extractor(gazetteer, registry).extract(Report(
        text="Gunmen on motorbikes opened fire on residents of Ogossagou and Welingara on Monday, killing 40 "
             "civilians, a local official said.", pub_date=PUB), country="ML").to_dict()
    assert sorted(e["place"]["mention"] for e in r["events"]) == ["Ogossagou", "Welingara"]
    assert sorted(u["mention"] for u in r["unresolved"]) == ["Ogossagou", "Welingara"]


def test_an_unknown_village_hit_on_two_days_is_two_events(read):
    r = read("Rockets hit the villages of Sakhour and Mlihat on Saturday, killing nine civilians, police said.\n\n"
             "On Monday, five civilians were wounded in an attack on a bus in Sakhour village.")
    dates = sorted(e["date"] for e in r["events"] if e["place"]["mention"] == "Sakhour")
    assert dates == ["2014-03-01", "2014-03-03"]


def _read_in(gazetteer, registry, text: str, country: str) -> dict:
    return Extractor(gazetteer, registry).extract(Report(text=text, pub_date=PUB), country=country).to_dict()


def test_a_state_capital_named_to_locate_a_village_is_neither_the_capital_nor_an_event(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Gunmen killed 37 farmers near the village of Zabarmari, about 20 km from the "
                 "state capital Maiduguri, on Saturday, the governor said.", "NG")
    assert [e["place"]["mention"] for e in r["events"]] == ["Zabarmari"]


def test_where_the_wounded_were_treated_is_no_place_of_the_event(gazetteer, registry):
    r = _read_in(gazetteer, registry, "An air strike on a market in the Tigray region killed 51 people on Tuesday, "
                 "a health official said, and 33 wounded were being treated at Ayder Referral Hospital in Mekelle.",
                 "ET")
    assert [e["place"]["name"] for e in r["events"]] == ["Tigrai"]


def test_speakers_parsed_as_an_apposition_of_the_victims_still_speak(gazetteer, registry):
    r = _read_in(gazetteer, registry, "An air strike on a market in the Tigray region killed more than 50 people, "
                 "a health official and a witness said on Wednesday.", "ET")
    assert [c["source_mention"] for c in r["events"][0]["claims"]] == ["a health official and a witness"]


def test_a_denial_word_negated_is_no_denial(read):
    r = read("Warplanes struck a market in Douma on Tuesday, killing nine people, activists said.\n\n"
             "A military spokesman did not deny the strike, but said only fighters were targeted.")
    assert not any(c["denial"] for e in r["events"] for c in e["claims"])


def test_a_count_by_a_later_day_keeps_the_events_day(read):
    r = read("Shelling killed 12 people in Douma on Saturday, activists said.\n\n"
             "By Sunday, the death toll had climbed to 16, the Observatory said.\n\n"
             "Elsewhere, two civilians were killed in shelling of Harasta, activists said.")
    assert {e["place"]["name"]: e["date"] for e in r["events"]} == {"Douma": "2014-03-01", "Harasta": "2014-03-01"}


def test_a_toll_since_an_abbreviated_month_is_a_running_total(gazetteer, registry):
    r = _read_in(gazetteer, registry, "An Israeli strike killed two men near Nabatieh on Tuesday, the agency said.\n\n"
                 "Lebanon's Health Ministry said the death toll since Oct. 8 had risen to 420.", "LB")
    assert [(c["killed"], c["scope"]) for c in r["nationwide_claims"]] == [(420, "cumulative")]


def test_people_who_fled_are_no_casualties(read):
    r = read("Rebels stormed the camp near Douma on Sunday, killing 30 people, activists said.\n\n"
             "The UN said at least 400,000 people had fled the camp since the assault began, and that 10 aid "
             "workers were among the dead.")
    figures = {c["killed"] for e in r["events"] for c in e["claims"]} | {c["killed"] for c in r["nationwide_claims"]}
    assert 400000 not in figures and 10 in figures


def test_a_part_of_the_dead_is_a_breakdown_without_a_total(read):
    r = read("Warplanes bombed Saraqeb on Monday, killing at least 11 civilians, activists said.\n\n"
             "The Syrian Observatory for Human Rights said the dead included three children.")
    observatory = [c for e in r["events"] for c in e["claims"] if c["source"] == "Syrian Observatory for Human Rights"]
    assert [(c["killed"], c["children"]) for c in observatory] == [(None, 3)]


def test_two_hospitals_speak_each_for_itself_and_keep_their_hyphens(read):
    r = read("Nasser Hospital in Khan Younis said it had received 18 bodies after strikes on Monday.\n\n"
             "Al-Aqsa Martyrs Hospital in Deir al-Balah said nine people were killed when a strike hit a home.")
    sources = [c["source"] for e in r["events"] for c in e["claims"]] + [c["source"] for c in r["nationwide_claims"]]
    assert "Al-Aqsa Martyrs Hospital in Deir al-Balah" in sources and len(set(sources)) == 2


def test_a_capitals_dateline_with_a_two_word_country_is_no_place(read):
    r = read("JUBA, South Sudan (Reuters) - Clashes between rival communities killed 56 people in Warrap state "
             "over the weekend, a local official said.")
    assert r["country"] == "SS"
    assert [e["place"]["name"] for e in r["events"]] == ["Warrap"]


def test_the_countrys_capital_by_its_demonym_decides_the_country(read):
    r = read("TRIPOLI (Reuters) - Clashes between armed groups in the Libyan capital killed 27 people, the Health "
             "Ministry said.\n\nFighting erupted in the Souq al-Juma and Ain Zara districts late on Friday.")
    assert r["country"] == "LY"
    assert [e["place"]["mention"] for e in r["events"]][1:] == ["Souq al-Juma", "Ain Zara"]


@pytest.mark.parametrize("text, killed, injured", [
    ("The Observatory said the death toll was 12, among them four pilgrims.", 12, None),
    ('"The number of the dead has reached 56 and 30 others were wounded," the minister told Reuters.', 56, 30),
])
def test_a_toll_stated_with_was_or_the_number_of_the_dead(read, text, killed, injured):
    r = read("A car bomb exploded in Sayyida Zeinab on Saturday. " + text)
    assert [(c["killed"], c["injured"]) for e in r["events"] for c in e["claims"]] == [(killed, injured)]


def test_a_port_in_the_country_is_where_the_port_is_not_a_national_bound(gazetteer, registry):
    r = _read_in(gazetteer, registry, "U.S. airstrikes on a fuel port in Yemen killed at least 74 people on Thursday, "
                 "the rebels said.\n\nThe strikes hit the Ras Isa port in Hodeida province, the health ministry said.",
                 "YE")
    assert not r["nationwide_claims"]
    assert [(e["place"]["mention"], [c["killed"] for c in e["claims"]][:1]) for e in r["events"]] == [("Ras Isa", [74])]


def test_a_centre_speaks_and_two_of_the_dead_are_a_breakdown(read):
    r = read("Clashes killed 27 people in Douma on Friday, activists said.\n\n"
             "The emergency medicine centre said two of the dead were civilians.")
    centre = [c for e in r["events"] for c in e["claims"] if c["source_mention"] == "The emergency medicine centre"]
    assert [(c["killed"], c["civilians"]) for c in centre] == [(None, 2)]


def test_parts_of_a_national_total_stay_national_and_the_report_is_its_authors(read):
    r = read("The Syrian Network for Human Rights documented the killing of 112 civilians in Syria in March, it "
             "said in its monthly report.\n\n"
             "Regime forces were responsible for the deaths of 37 civilians, the network said.\n\n"
             "In the city of Daraa alone, 14 civilians were killed by gunmen, according to the report.")
    assert [c["killed"] for c in r["nationwide_claims"]] == [112, 37]
    assert [(c["source"], c["killed"]) for c in _at(r, "Daraa")[0]["claims"]] == \
        [("Syrian Network for Human Rights", 14)]


def test_names_with_an_ayn_are_whole_names(read):
    r = read("Shelling on Ras al-\u2018Ain killed three civilians and hit Kafr \u2018Uwayd, activists said.")
    assert [e["place"]["mention"] for e in r["events"]] == ["Ras al-'Ain", "Kafr 'Uwayd"]
    assert r["events"][0]["place"]["name"] == "Ras al-Ain"


def test_the_day_of_the_event_wins_over_the_day_of_the_telling(read):
    r = read("A rebel commander told AP on Tuesday that the army shelled Douma late on Monday, killing five.")
    assert [e["date"] for e in r["events"]] == ["2014-03-03"]


def test_the_deadliest_since_the_war_began_is_a_comparison_not_a_running_total(read):
    r = read("At least 40 people were killed when a drone struck a market in Douma on Sunday, activists said, one "
             "of the deadliest attacks on the town since the war began.")
    assert [(c["killed"], c["scope"]) for e in r["events"] for c in e["claims"]] == [(40, "event")]


def test_a_named_camp_is_a_place_and_the_deaths_of_people_are_a_figure(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Paramilitary fighters killed 47 people in an attack on the Abu Shouk camp "
                 "last week, the UN said.\n\nThe office had verified the deaths of 12 aid workers in the state since "
                 "January, it said.", "SD")
    assert [e["place"]["mention"] for e in r["events"]] == ["Abu Shouk"]
    assert [(c["killed"], c["scope"]) for c in r["nationwide_claims"]] == [(12, "cumulative")]


def test_a_place_in_quoted_words_is_no_place_of_the_narrated_count(read):
    r = read('"The situation in Douma is catastrophic," a UN spokesperson told reporters, adding that 47 people were '
             'killed in a single attack on Harasta last week.')
    assert [e["place"]["name"] for e in r["events"]] == ["Harasta"]


def test_a_village_in_a_countrys_region_with_a_lookalike_city_abroad_is_the_event(gazetteer, registry):
    # "Kuriga" folds to the key of Morocco's Khouribga: a lookalike is no namesake
    r = _read_in(gazetteer, registry, "Gunmen abducted 287 students from a school in Kuriga in Nigeria's northwestern "
                 "Kaduna state on Thursday, a teacher said.\n\nOne teacher was killed in the attack, the local "
                 "government chairman said.", "NG")
    assert [e["place"]["mention"] for e in r["events"]] == ["Kuriga"]
    assert ("the local government chairman", 1) in [(c["source_mention"], c["killed"]) for c in r["events"][0]["claims"]]


def test_dozens_and_more_than_a_hundred_stay_two_figures(read):
    r = read("Rebels killed dozens of people in an attack on Douma, residents said.\n\n"
             "A resident who asked not to be named said he had counted more than 100 bodies.")
    figures = sorted((c["killed"] or 0, c["killed_text"] or "") for e in r["events"] for c in e["claims"])
    assert figures[0][0] == 0 and "dozens" in figures[0][1].lower() and figures[1][0] == 100


def test_an_earlier_attack_this_month_with_its_toll_is_dated_to_the_month(read):
    r = read("Shelling killed six people in Douma on Tuesday, medics said.\n\n"
             "Earlier this month, an attack on a funeral in Harasta killed 18 people, the group said.")
    assert {e["place"]["name"]: (e["date"], e["date_precision"]) for e in r["events"]} == \
        {"Douma": ("2014-03-04", "day"), "Harasta": ("2014-03-01", "month")}


def test_a_dateline_is_no_speaker_of_the_lede(gazetteer, registry):
    r = _read_in(gazetteer, registry, "JERUSALEM (AP) \u2014 Israeli airstrikes killed at least 17 people in the Gaza "
                 "Strip overnight, including a family of six, Palestinian health officials said Monday.", "PS")
    assert [c["source_mention"] for c in r["nationwide_claims"]] == ["Palestinian health officials"]


def test_the_wars_history_is_background_not_an_event_or_a_date(gazetteer, registry):
    r = _read_in(gazetteer, registry, "A missile hit a building in the Lviv region on Thursday, killing two people, "
                 "the governor said.\n\n"
                 "Russia launched a full-scale invasion of Ukraine in February 2022. Since then, the U.N. has verified "
                 "more than 12,000 civilian deaths.\n\n"
                 "The war began when troops attacked Kharkiv on Feb. 24, 2022, killing dozens.\n\n"
                 "Fighting also continued near Kupiansk on Friday, the army said.", "UA")
    assert [(c["killed"], c["scope"]) for c in r["nationwide_claims"]] == [(12000, "cumulative")]
    assert {e["place"]["name"]: e["date"] for e in r["events"]} == {"Lviv": "2014-02-27", "Kupyansk": "2014-02-28"}


def test_a_city_that_braces_or_denies_is_its_government_not_a_place(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Drones hit a power station in the Lviv region overnight, killing four people, "
                 "officials said, as Kyiv braced for more attacks.", "UA")
    assert [e["place"]["name"] for e in r["events"]] == ["Lviv"]


@pytest.mark.parametrize("dateline", ["KABUL: ", "KABUL (Pajhwok): ", "Kabul, Afghanistan \u2014 ",
                                      "KABUL, Afghanistan, Aug. 5 \u2014 ", "KABUL, 5 August 2021 \u2014 "])
def test_datelines_of_every_form_are_no_place(gazetteer, registry, dateline):
    r = _read_in(gazetteer, registry, dateline + "A bomb killed five people in Kunduz on Monday, police said.", "AF")
    assert [e["place"]["mention"] for e in r["events"]] == ["Kunduz"]


def test_who_holds_a_place_is_no_place(read):
    r = read("Fighters attacked a Taliban-controlled checkpoint on Monday, killing five, officials said.")
    assert not r["events"]


def test_a_town_named_to_locate_a_village_by_what_befell_it_is_no_event(read):
    r = read("On Friday a truck bomb went off at a checkpoint in Sousiyan near the newly seized town of "
             "al-Bab, and 50 rebels died, activists said.")
    assert [e["place"]["mention"] for e in r["events"]] == ["Sousiyan"]


def test_where_a_source_spoke_from_and_a_newspapers_street_are_no_places(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Gunmen killed nine people in Rann on Monday, a local official told Reuters by "
                 "phone from Maiduguri, the Wall Street Journal reported.", "NG")
    assert [e["place"]["mention"] for e in r["events"]] == ["Rann"]


def test_a_place_inside_a_persons_name_says_little_of_the_country():
    from conflictmap.places.country import infer_country
    assert infer_country("A drone strike killed ten civilians in Kabul, said Capt. Bill Urban, near Hamid Karzai "
                         "International Airport.") == "AF"


def test_a_reports_header_line_is_no_dateline():
    from conflictmap.reading.reader import DATELINE
    assert DATELINE.match("URL: https://example.org/story") is None and DATELINE.match("KABUL: The Taliban said")


def test_the_datelines_day_gives_way_to_the_day_of_the_attack(gazetteer, registry):
    r = Extractor(gazetteer, registry).extract(Report(
        text="BAGHDAD, July 4 (UPI) \u2014 Officials raised the number killed by Sunday's truck bomb in Baghdad "
             "to 165.", pub_date=dt.date(2016, 7, 4)), country="IQ").to_dict()
    assert [e["date"] for e in r["events"]] == ["2016-07-03"]


def test_an_attack_around_midnight_runs_into_the_next_day(read):
    r = read("A suicide bomber struck a market in Douma around midnight on Saturday, killing 80, police said.")
    assert [(e["date"], e["date_end"]) for e in r["events"]] == [("2014-03-01", "2014-03-02")]


def test_the_sources_named_again_are_the_sources_named_before(gazetteer, registry):
    r = _read_in(gazetteer, registry, "ADEN, Yemen (Reuters) - A drone attack claimed by Yemen's Houthis killed at least "
                 "six soldiers at a military base in the southern province of Abyan on Saturday, two military sources "
                 "said.\n\nThe sources, who asked not to be identified, said the drone targeted a gathering of troops "
                 "at the al-Anad air base.", "YE")
    assert {c["source"] for e in r["events"] for c in e["claims"]} == {"two military sources"}


def test_a_village_whose_homes_were_torched_is_an_event(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Soldiers entered Let Yet Kone village on Tuesday, torched dozens of homes and "
                 "shot residents, the group said.", "MM")
    assert [e["place"]["mention"] for e in r["events"]] == ["Let Yet Kone"]


def test_a_compass_word_before_a_city_names_its_part_placed_at_the_city(gazetteer, registry):
    r = _read_in(gazetteer, registry, "An air strike killed 20 civilians in west Mosul on Friday, police said.", "IQ")
    assert [(e["place"]["mention"], e["place"]["name"]) for e in r["events"]] == [("west Mosul", "Mosul")]


def test_the_subject_of_a_reporting_verb_speaks_whatever_its_noun(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Shells hit a market in Omdurman on Saturday. A volunteer at a nearby clinic, "
                 "who asked not to be named, told Reuters that 34 people were killed.", "SD")
    claims = [(c["source"], c["killed"]) for e in r["events"] for c in e["claims"]]
    assert claims == [("volunteer at a nearby clinic", 34)]


def test_an_attack_word_as_a_misparsed_subject_does_not_speak(read):
    r = read("A witness who saw the aftermath of an attack by a warplane said: 'I counted 12 bodies in Douma.'")
    assert all(c["source"] != "attack" for e in r["events"] for c in e["claims"])


def test_the_preposition_that_opens_a_sentence_is_no_part_of_a_camps_name(gazetteer, registry):
    r = _read_in(gazetteer, registry, "In Maqbula refugee camp, a strike on a house killed 12 people, medics said.",
                 "PS")
    assert [e["place"]["mention"] for e in r["events"]] == ["Maqbula"]


def test_a_strike_said_of_no_weapon_is_from_the_air_and_a_missile_strike_is_shelling(gazetteer, registry):
    r = _read_in(gazetteer, registry, "A strike on a house in Jabalia killed seven people on Monday, medics said.", "PS")
    assert [e["event_type"] for e in r["events"]] == ["airstrike"]
    r = _read_in(gazetteer, registry, "A missile strike on a hotel in Kharkiv killed two people on Monday, the "
                 "governor said.", "UA")
    assert [e["event_type"] for e in r["events"]] == ["shelling"]


def test_the_dead_who_were_buried_are_counted_and_the_buried_under_rubble_are_not(read):
    r = read("Gunmen attacked Douma on Monday. A resident said 19 people were buried on Tuesday.")
    assert [c["killed"] for e in r["events"] for c in e["claims"]] == [19]
    r = read("Shells hit Douma on Monday. Rescuers said 19 people were still buried under the rubble.")
    assert [c["killed"] for e in r["events"] for c in e["claims"]] == []


def test_a_toll_that_rises_is_the_toll_of_the_event_whose_dead_were_counted(gazetteer, registry):
    r = _read_in(gazetteer, registry, "A drone struck a house in Odesa overnight, killing five people, the governor "
                 "said. Russia said it had hit military targets in the Mykolaiv region. Later, the death toll rose "
                 "to 10, the emergency service said.", "UA")
    figures = {e["place"]["name"]: sorted(c["killed"] for c in e["claims"] if c["killed"]) for e in r["events"]}
    assert figures["Odesa"] == [5, 10] and not any(v for k, v in figures.items() if k != "Odesa")


def test_a_speaker_described_in_the_lede_and_named_below_is_one_source(gazetteer, registry):
    r = _read_in(gazetteer, registry, "A drone struck a house in Odesa overnight, killing five people, the regional "
                 "governor said.\n\nGovernor Oleh Kiper said on Telegram that rescuers were still at work. Eight "
                 "people were wounded, he said.", "UA")
    assert len({c["source"] for e in r["events"] for c in e["claims"]}) == 1
    assert r["events"][0]["claims"][0]["source_mention"] == "the regional governor"


def test_a_denial_made_as_a_habit_disputes_no_event(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Shells hit a market in Omdurman on Saturday, killing 28 people, a doctors' "
                 "group said. The group has denied targeting civilians in the past.", "SD")
    assert [(c["killed"], c["denial"]) for e in r["events"] for c in e["claims"]] == [(28, False)]


def test_the_group_is_the_body_the_sentence_before_named(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Shells hit a market in Omdurman on Saturday, killing 28 people, a doctors' "
                 "group said. The Rapid Support Forces were blamed. The group denied shelling the market.",
                 "SD")
    sources = {c["source"] for e in r["events"] for c in e["claims"]}
    assert "Rapid Support Forces" in sources and len(sources) == 2


def test_a_capital_named_by_its_country_and_its_name_is_mentioned_by_its_name(gazetteer, registry):
    r = _read_in(gazetteer, registry, "A car bomb exploded outside a hotel in Somalia's capital Mogadishu on Sunday, "
                 "killing nine people, police said.", "SO")
    assert [e["place"]["mention"] for e in r["events"]] == ["Mogadishu"]


def test_a_province_that_opens_a_sentence_sets_it_and_bars_namesakes_elsewhere(read):
    r = read("In the central province of Homs, a car bomb killed four people in the Zahraa neighbourhood, the "
             "Observatory said.")
    assert [(e["place"]["mention"], e["place"]["id"]) for e in r["events"]] == [("Zahraa", None)]


def test_a_vague_amount_counts_fighters_and_soldiers_too(read):
    r = read("State media said troops killed scores of terrorists in Douma on Monday.")
    assert [(c["killed"], c["killed_text"]) for e in r["events"] for c in e["claims"]] == [(None, "scores")]
    r = read("Dozens were killed in Douma on Monday, activists said.")
    assert [(c["killed_text"], c["killed_conventional"]) for e in r["events"] for c in e["claims"]] == [("dozens", 12)]


def test_armed_men_killing_villagers_with_no_weapon_said_is_violence_against_civilians(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Gunmen attacked Ogossagou on Wednesday, killing 26 villagers, a local "
                 "official said.", "ML")
    assert [e["event_type"] for e in r["events"]] == ["massacre"]
    r = _read_in(gazetteer, registry, "Gunmen attacked an army post in Ogossagou on Wednesday, killing 26 "
                 "soldiers, a local official said.", "ML")
    assert [e["event_type"] for e in r["events"]] == ["clash"]


def test_members_of_one_family_are_counted(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Eleven members of one family, among them six children, died when an airstrike "
                 "hit their home in Khan Younis on Sunday, the civil defence said.", "PS")
    assert [(c["killed"], c["children"]) for e in r["events"] for c in e["claims"]] == [(11, 6)]


def test_a_township_named_with_its_word_is_a_place_and_aircraft_bomb_from_the_air(gazetteer, registry):
    r = _read_in(gazetteer, registry, "The rebels said junta aircraft had bombed Kyaukmaw township on Saturday, "
                 "killing eight people.", "MM")
    assert [(e["place"]["mention"], e["event_type"]) for e in r["events"]] == [("Kyaukmaw", "airstrike")]


def test_a_speaker_shares_its_subject_with_the_verb_joined_by_and(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Gunmen killed 37 farmers near Kukawa on Saturday, police said. Babagana Zulum, "
                 "the state governor, visited the village on Sunday and put the death toll at 40.", "NG")
    assert sorted((c["killed"], c["source_mention"]) for e in r["events"] for c in e["claims"]) == \
        [(37, "police"), (40, "Babagana Zulum, the state governor")]


def test_the_speakers_joined_to_a_misparsed_subject_speak(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Extremists killed at least 37 farmers in northeastern Nigeria's Borno state, "
                 "police and local officials said Sunday.", "NG")
    assert [c["source_mention"] for c in r["nationwide_claims"] + [c for e in r["events"] for c in e["claims"]]] \
        == ["police and local officials"]


def test_a_word_of_a_title_is_no_role(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Shelling killed 52 people in Abu Shouk camp on Friday, said Jane Doe, the UN "
                 "Resident Coordinator in Sudan.", "SD")
    assert all(c["source"] != "Activists" for e in r["events"] for c in e["claims"])


def test_an_event_referred_back_to_on_another_day_is_the_event_told(read):
    r = read("A suicide bomber blew himself up in Douma on Tuesday, killing 50 people, activists said. Images "
             "released on Thursday showed the aftermath of the terrorist attack across Douma.")
    assert [(e["place"]["name"], e["date"]) for e in r["events"]] == [("Douma", "2014-03-04")]


def test_attacks_told_as_the_background_of_another_are_not_it(gazetteer, registry):
    r = _read_in(gazetteer, registry, "A car bomb killed 11 people in Baghdad on Tuesday. The bombing came a week "
                 "after an earlier attack in Karbala, which killed 300 people.", "IQ")
    karbala = [e for e in r["events"] if e["place"]["name"] == "Karbala"]
    assert [(e["date"], [(c["killed"], c["scope"]) for c in e["claims"]]) for e in karbala] == [(None, [(300, "event")])]


def test_broadcasters_and_places_abroad_are_no_places(gazetteer, registry):
    r = _read_in(gazetteer, registry, "A bomb killed 30 pilgrims in Damascus on Saturday. Al-Mayadeen, a "
                 "Lebanon-based TV station, reported the bombs targeted buses.", "SY")
    assert [e["place"]["name"] for e in r["events"]] == ["Damascus"]
    r = _read_in(gazetteer, registry, "A bomb killed 13 troops in Kabul on Thursday. At the mortuary at Dover Air "
                 "Force Base in Delaware, service members prepared for the coffins of the troops killed.", "AF")
    assert [e["place"]["name"] for e in r["events"]] == ["Kabul"]


def test_the_wars_toll_in_a_clause_is_background(read):
    r = read("It came as Syrians marked the anniversary of the civil war, which has killed more than 400,000 people "
             "in Homs and elsewhere.")
    assert not r["events"] and not r["nationwide_claims"]


def test_a_namesake_far_from_the_city_the_text_puts_a_place_in_stays_unplaced(read):
    r = read("A suicide bomber struck near the crowded Hamidiyeh market in Damascus on Wednesday, killing 31 people.")
    hamidiyeh = [e for e in r["events"] if e["place"]["mention"] == "Hamidiyeh"]
    assert [e["place"]["id"] for e in hamidiyeh] in ([], [None])


def test_the_target_of_an_attack_that_was_prevented_is_no_place(gazetteer, registry):
    r = _read_in(gazetteer, registry, "A drone strike killed ten people in Kabul on Sunday. The strike was used to "
                 "prevent suicide bombers from attacking Hamid Karzai International Airport, officials said.", "AF")
    assert [e["place"]["mention"] for e in r["events"]] == ["Kabul"]


def test_a_place_named_after_its_kind_without_of(read):
    r = read("A car bomb killed 60 people today in a Syrian village Qurqaniya held by rebels.")
    assert [e["place"]["mention"] for e in r["events"]] == ["Qurqaniya"]


def test_a_city_then_the_district_where_the_same_bombing_struck_is_one_event(read):
    r = read("Two bombs killed 30 people in Damascus on Saturday, the Observatory said. State television said the "
             "bombs went off near the Old City of Damascus.")
    assert [(e["place"]["mention"], [c["killed"] for c in e["claims"] if c["killed"]]) for e in r["events"]] == \
        [("Old City of Damascus", [30])]


def test_the_city_in_the_title_of_a_speaker_is_no_event(read):
    r = read("A bomb killed 30 people in Douma on Saturday. The director general of the capital's Mujtahed hospital "
             "told AFP there were 28 dead.")
    assert [e["place"]["name"] for e in r["events"]] == ["Douma"]


@pytest.mark.parametrize("text, kind", [
    ("Five rebels were killed by a mine in Douma on Thursday.", "bombing"),
    ("Hours later, a second bomber attacked a restaurant in Douma, killing several people.", "bombing"),
    ("Warplanes and gunships pounded Douma on Thursday, killing 12 people.", "airstrike"),
])
def test_mines_bombers_and_gunships(read, text, kind):
    assert [e["event_type"] for e in read(text)["events"]] == [kind]


def test_a_relative_clause_about_the_speaker_names_no_source(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Suicide bombers killed 18 people in Gwoza on Saturday. \"I counted more than "
                 "20 bodies,\" said Ali Kachalla, a member of a local militia that helps the military.", "NG")
    assert {c["source"] for e in r["events"] for c in e["claims"] if c["killed"] == 20} == {"Ali Kachalla"}


def test_a_clause_that_says_who_leads_a_group_still_names_it(read):
    r = read("Four children were killed by troops in Homs on Tuesday, said the group, which is led by Rami "
             "Abdelrahman.")
    assert {c["source"] for e in r["events"] for c in e["claims"]} == {"Syrian Observatory for Human Rights"}


def test_a_hospital_that_speaks_is_no_place_of_the_event(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Another strike in Khan Younis killed a man and his wife, Nasser Hospital said.",
                 "PS")
    assert [e["place"]["mention"] for e in r["events"]] == ["Khan Younis"]


def test_a_district_named_through_its_citys_possessive_is_the_place(gazetteer, registry):
    r = _read_in(gazetteer, registry, "A car bomb ripped through a market in Baghdad's mainly Shiite district of Sadr "
                 "City on Tuesday, killing 35 people, medical sources said.", "IQ")
    assert [e["place"]["mention"] for e in r["events"]] == ["Sadr City"]


def test_the_attack_that_held_a_record_before_is_background(gazetteer, registry):
    r = _read_in(gazetteer, registry, "A car bomb killed 35 people in Sadr City on Tuesday. It was the deadliest "
                 "bombing in the Iraqi capital since January, when twin suicide bombings killed 32 people in Tayaran "
                 "Square.", "IQ")
    assert [(e["place"]["mention"], sorted(c["killed"] for c in e["claims"])) for e in r["events"]] == \
        [("Sadr City", [35])]


def test_a_dateline_of_a_city_and_a_dash_is_no_place(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Mogadishu \u2014 At least five soldiers were killed when militants attacked "
                 "a base in Bariire village on Thursday, an officer said.", "SO")
    assert [e["place"]["mention"] for e in r["events"]] == ["Bariire"]


def test_a_familys_name_is_no_place(gazetteer, registry):
    r = _read_in(gazetteer, registry, "An airstrike on a house belonging to the Abu Nasr family in Jabalia killed "
                 "seven people on Monday, the civil defence said.", "PS")
    assert [e["place"]["name"] for e in r["events"]] == ["Jabalia"]


def test_a_hospital_that_receives_the_wounded_is_no_place_and_a_hospital_struck_is(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Teams at the South Hospital in El Fasher received 51 wounded people and 12 "
                 "dead after shells hit the town's main market on Sunday.", "SD")
    assert [e["place"]["mention"] for e in r["events"]] == ["El Fasher"]
    r = _read_in(gazetteer, registry, "A strike hit the Kamal Adwan Hospital in Beit Lahia on Sunday, killing four "
                 "people, medics said.", "PS")
    assert [e["place"]["mention"] for e in r["events"]] == ["Kamal Adwan Hospital"]


def test_a_village_in_an_area_of_a_province_is_not_also_an_event_in_the_province(read):
    r = read("Three civilians were killed on Wednesday when regime forces shelled the town of Kansafra in Jabal "
             "al-Zawiya, southern Idlib, local sources said.")
    assert [e["place"]["mention"] for e in r["events"]] == ["Kansafra"]


def test_the_martyrdom_of_citizens_counts_the_dead(gazetteer, registry):
    r = _read_in(gazetteer, registry, "The Civil Defence announced the martyrdom of seven citizens, including three "
                 "children, in an airstrike on a house in Jabalia camp on Monday.", "PS")
    assert [(c["killed"], c["children"]) for e in r["events"] for c in e["claims"]] == [(7, 3)]


def test_a_hospital_that_received_the_dead_is_the_source_and_its_town_the_place(gazetteer, registry):
    r = _read_in(gazetteer, registry, "MSF teams at the South Hospital in El Fasher received 51 wounded people and "
                 "12 dead after shells hit the town's main market on Sunday.", "SD")
    assert [(e["place"]["name"], [(c["source"], c["killed"], c["injured"]) for c in e["claims"]])
            for e in r["events"]] == [("El Fasher", [("Doctors Without Borders", 12, 51)])]


def test_the_running_total_a_toll_raises_is_a_claim_of_its_own(gazetteer, registry):
    r = _read_in(gazetteer, registry, "The health ministry said 30 people were killed and 70 wounded in the strike on "
                 "Jabalia, raising the toll since October to 36,000.", "PS")
    assert [(c["killed"], c["injured"]) for e in r["events"] for c in e["claims"]] == [(30, 70)]
    assert [(c["killed"], c["scope"][:10]) for c in r["nationwide_claims"]] == [(36000, "cumulative")]
    assert [e["date"] for e in r["events"]] != ["2013-10-01"]  # "since October" starts a span; no event's day


def test_the_weapons_of_the_attack_told_strike_a_district_as_that_attack(read):
    r = read("Warplanes struck Aleppo on Monday, killing 20 people, activists said. The bombs hit the Bustan "
             "al-Qasr district, they said.")
    assert [(e["place"]["mention"], e["event_type"], [c["killed"] for c in e["claims"]]) for e in r["events"]] == \
        [("Bustan al-Qasr", "airstrike", [20])]


def test_a_dateline_naming_a_country_with_of_is_no_place(gazetteer, registry):
    r = Extractor(gazetteer, registry).extract(Report(
        text="GOMA, Democratic Republic of Congo (Reuters) - M23 rebels attacked the town of Rutshuru on Tuesday, "
             "killing 11 civilians, local leaders said.", pub_date=PUB)).to_dict()
    assert [e["place"]["mention"] for e in r["events"]] == ["Rutshuru"]


def test_a_vague_amount_as_the_verbs_object_is_a_figure(read):
    r = read("Shelling hit Douma on Monday and killed dozens, activists said.")
    assert [(c["killed"], c["killed_text"]) for e in r["events"] for c in e["claims"]] == [(None, "dozens")]


def test_a_city_that_opens_a_sentence_holds_the_area_it_goes_on_to_name(gazetteer, registry):
    r = _read_in(gazetteer, registry, "In Khan Younis, two people were killed when a drone struck a tent in the "
                 "Mawasi area, medics said.", "PS")
    assert [(e["place"]["name"], [c["killed"] for c in e["claims"]]) for e in r["events"]] == [("Al-Mawasi", [2])]


def test_killings_with_machetes_are_violence_against_civilians_and_the_neutralised_are_dead(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Militiamen killed eight people with machetes in Bunia on Sunday, local "
                 "officials said.", "CD")
    assert [e["event_type"] for e in r["events"]] == ["massacre"]
    r = _read_in(gazetteer, registry, "The army said 45 terrorists were neutralised near Mopti on Tuesday.", "ML")
    assert [(c["killed"], c["rebels"]) for e in r["events"] for c in e["claims"]] == [(45, 45)]


def _responsibility(r: dict) -> list[tuple[str, bool]]:
    return [(c["source_mention"], c["denial"]) for e in r["events"] for c in e["claims"]
            if c["scope"] == "responsibility"]


def test_who_blames_whom_is_a_claim_of_the_event_with_no_figure(read):
    r = read("An air strike hit a prison in Saada on Friday, killing at least 70 people, the health ministry said.\n\n"
             "The Houthis blamed the Saudi-led coalition for the strike.\n\n"
             "The coalition said it had not targeted the prison.")
    (event,) = r["events"]
    assert _responsibility(r) == [("The Houthis", False), ("The coalition", True)]
    blame = next(c for c in event["claims"] if c["scope"] == "responsibility")
    assert blame["killed"] is None and blame["injured"] is None
    assert blame["quote"].startswith("The Houthis blamed")
    assert any(c["killed"] == 70 for c in event["claims"])  # the figure stays the ministry's


def test_a_group_claiming_an_attack_and_one_disowning_it_are_both_heard(read):
    r = read("A car bomb exploded outside a hotel in Mogadishu on Sunday, killing 12 people, police said.\n\n"
             "Al Shabaab claimed responsibility for the attack.\n\n"
             "No other group has claimed responsibility.")
    assert _responsibility(r) == [("Al Shabaab", False)]


def test_blame_beside_another_sources_figure_keeps_both(read):
    r = read("Artillery shells hit a market in Douma on Wednesday.\n\n"
             "The shelling killed 17 people, the governor said, as the opposition blamed the army "
             "for the attack.")
    claims = r["events"][0]["claims"]
    assert any(c["killed"] == 17 for c in claims)
    assert [c["source_mention"] for c in claims if c["scope"] == "responsibility"] == ["the opposition"]


def test_a_denial_that_anything_happened_is_the_events_denial_not_a_role(read):
    r = read("Warplanes struck Douma on Tuesday, killing nine people, activists said.\n\n"
             "State media denied that any attack had taken place.")
    denials = [c for e in r["events"] for c in e["claims"] if c["denial"]]
    assert [c["scope"] for c in denials] == ["event"]


def test_a_country_named_as_the_attacker_is_no_village_of_that_name(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Russia launched 15 drones at Odesa overnight, killing two people, "
                 "the governor said.", "UA")
    assert [e["place"]["name"] for e in r["events"]] == ["Odesa"]


def test_per_names_the_source_as_according_to_does(read):
    r = read("Barrel bombs hit Douma on Tuesday. Per the health ministry, seven people were killed.")
    assert [(c["source_mention"], c["killed"]) for c in r["events"][0]["claims"]] == [("the health ministry", 7)]
    r = read("Shelling killed three people per day in Douma last week, activists said.")
    assert [c["source_mention"] for c in r["events"][0]["claims"]] == ["activists"]


def test_that_is_according_to_gives_the_figure_just_told_to_its_source(read):
    r = read("Barrel bombs hit Douma on Tuesday, killing seven people and wounding 42. "
             "That is according to the Syrian Observatory for Human Rights.")
    assert [(c["source"], c["killed"], c["injured"]) for c in r["events"][0]["claims"]] == \
        [("Syrian Observatory for Human Rights", 7, 42)]


def test_the_number_of_injured_put_at_a_figure_counts_the_injured(read):
    r = read("Barrel bombs hit Douma on Tuesday, killing seven people, activists said. "
             "The Observatory later put the number of injured at 51.")
    assert ("Syrian Observatory for Human Rights", None, 51) in _claims(r)


def test_attackers_killed_are_a_part_of_the_toll_by_side(read):
    r = read("Gunmen stormed a hotel in Damascus on Friday. Seven attackers were killed, police said.")
    (claim,) = r["events"][0]["claims"]
    assert claim["rebels"] == 7


def test_a_place_name_inside_a_speakers_own_name_is_no_place(read):
    r = read("Shelling killed 12 people in Aleppo on Monday, said activist Ahmad Hama Saleh.")
    assert [e["place"]["name"] for e in r["events"]] == ["Aleppo"]
    r = read("Shelling on Douma killed four civilians, said Omar Haleb, a paramedic with the rescue service.")
    assert [e["place"]["name"] for e in r["events"]] == ["Douma"]  # Haleb, Aleppo's Arabic name, is his name


def test_raids_that_take_people_are_arrests_not_battles(read):
    r = read("Security forces carried out raids and arrests in Douma on Monday, activists said.")
    assert [e["event_type"] for e in r["events"]] == ["other"]
    r = read("Troops raided Douma on Monday, killing four fighters, activists said.")
    assert [e["event_type"] for e in r["events"]] == ["clash"]


def test_the_narrative_date_does_not_reach_a_figureless_event_told_far_from_it(read):
    lede = ("Barrel bombs hit Douma on Monday, killing nine people, activists said. The bombs fell on a market. "
            "Rescuers searched the rubble. Residents fled to shelters. Shops stayed closed. Schools were shut. ")
    r = read(lede + "Rebels also reported fights with troops in Harasta.")
    assert _at(r, "Douma")[0]["date"] == "2014-03-03"
    assert _at(r, "Harasta")[0]["date"] is None  # background, told without a date of its own
    r = read(lede + "Shelling killed two people in Harasta.")
    assert _at(r, "Harasta")[0]["date"] == "2014-03-03"  # a toll told in the narrative is of its day


def test_a_bare_blame_right_after_an_attack_is_of_that_attack(read):
    r = read("Gunmen killed 30 villagers in Douma on Sunday, residents said. The army blamed jihadists.")
    assert _responsibility(r) == [("The army", False)]
    r = read("Gunmen killed 30 villagers in Douma on Sunday, residents said.\n\n"
             "The president blamed the opposition for the economic crisis.")
    assert _responsibility(r) == []  # the blame names its own matter


def test_one_side_accusing_and_the_other_denying_in_one_sentence_are_two_claims(read):
    r = read("Shelling hit Douma on Friday, killing 12 people, activists said. The opposition accused the army of "
             "the attack, which the army denied.")
    assert _responsibility(r) == [("The opposition", False), ("the army", True)]


def test_a_toll_put_by_a_source_is_its_figure_and_the_speakers_own_count_is_none(read):
    r = read("Shelling hit a market in Douma on Friday, killing 31 people, a doctor said. Local activists put the "
             "death toll higher, at 45.")
    assert ("Activists", 45, None) in _claims(r)
    r = read("An air strike on a village near Douma killed at least 25 people, including eight children, two "
             "residents and a member of a local rebel group said on Tuesday.")
    (claim,) = [c for e in r["events"] for c in e["claims"]]
    assert (claim["killed"], claim["civilians"], claim["children"]) == (25, None, 8)


def test_a_count_put_in_an_attack_is_the_attacks_place_figure(read):
    r = read("Air strikes across Syria killed at least 40 people on Monday, the Observatory said, including 12 in a "
             "raid on a school sheltering displaced families in Douma.")
    assert [(c["source"], c["killed"]) for c in _at(r, "Douma")[0]["claims"]] == [
        ("Syrian Observatory for Human Rights", 12)]
    r = read("Air strikes across Syria killed at least 40 people on Monday, the Observatory said, including 12 in a "
             "raid on a school by the river, and later that day the army shelled Douma.")  # a count's own phrase ends at the comma
    assert all(c["killed"] != 12 for c in _at(r, "Douma")[0]["claims"])


def test_a_party_to_the_fighting_is_not_who_speaks(read):
    r = read("BEIRUT (AP) \u2014 Fighting between the Free Syrian Army and a rival force killed at least 40 people in "
             "the town of Douma, a doctors' group said Friday.")
    assert [c["source_mention"] for e in r["events"] for c in e["claims"]] == ["a doctors' group"]


def test_a_speaker_who_says_the_toll_was_higher_does_not_take_the_figure(read):
    r = read("Gunmen attacked a mosque in Douma on Sunday, killing 11 people, security sources said.\n\n"
             "A local resident who asked not to be named said the death toll was higher. \"We buried 16 people this "
             "afternoon,\" the resident told Reuters.")
    assert ("security sources", 11, None) in _claims(r)
    assert ("Activists", 16, None) in _claims(r)
    # no speaker in the parse: the body named as the one shelling is still not who speaks
    r = read("Twelve people died in shelling by the Syrian army on Douma on Monday, it was reported.")
    assert [c["source"] for e in r["events"] for c in e["claims"]] == [None]
    r = read("Gunmen attacked a mosque in Douma on Sunday, killing 11 people, security sources said.\n\n"
             "A local resident said the death toll could rise.")
    assert ("security sources", 11, None) in _claims(r)  # a resident is not who the sources were


def test_the_day_of_the_reports_or_the_statement_is_not_the_attacks(read):
    r = read("An inquiry into a deadly air strike last month in Douma found it killed 10 civilians, according to "
             "several news reports Friday.")
    assert [(e["date"], e["date_text"]) for e in r["events"]] == [("2014-02-01", None)]
    r = read("Shelling killed 12 people in Douma on Monday, the ministry said in a statement on Tuesday.")
    assert [e["date"] for e in r["events"]] == ["2014-03-03"]


def test_where_the_incident_occurred_is_the_place_of_the_attack_told_before(read):
    r = read("A fighter jet mistakenly bombed a camp in the north, killing at least 50 people, aid workers said.\n\n"
             "The incident occurred on Tuesday morning in Douma, as food was handed out.")
    (event,) = _at(r, "Douma")
    assert event["event_type"] == "airstrike"
    assert [c["killed"] for c in event["claims"]] == [50]


def test_a_village_in_a_region_named_later_is_where_the_regions_figure_belongs(gazetteer, registry):
    text = ("An air strike by the military on a village in the Sagaing region killed at least 30 people, residents "
            "said on Tuesday.\n\n\"The jets bombed the school in Let Yet Kone village,\" one resident told Reuters.")
    r = _read_in(gazetteer, registry, text, "MM")
    assert [(e["place"]["name"], [c["killed"] for c in e["claims"]]) for e in r["events"]] == [("Let Yet Kone", [30])]
    r = _read_in(gazetteer, registry, text.replace("on a village in the Sagaing region", "across the Sagaing region"),
                 "MM")  # a toll of the whole region stays the region's
    assert ("Sagaing", [30]) in [(e["place"]["name"], [c["killed"] for c in e["claims"]]) for e in r["events"]]


def test_a_total_with_its_parts_before_two_places_is_the_total_and_the_speakers_city_bounds_nothing(read):
    r = read("At least 43 civilians, including 17 children, were killed in air strikes in Douma and Harasta, according "
             "to the health ministry in Syria.")
    assert [[(c["killed"], c["children"]) for c in e["claims"]] for e in r["events"]] == [[(43, 17)], [(43, 17)]]


def test_the_last_of_a_speakers_names_is_no_place_even_where_a_town_bears_it(read):
    r = read("Six people died in an explosion at a market in Douma on Saturday, police spokesman Ahmed Salem Harasta "
             "said.")
    assert [e["place"]["mention"] for e in r["events"]] == ["Douma"]


def test_a_group_claiming_the_attack_is_not_the_source_of_the_toll_the_police_give(read):
    r = read("BEIRUT (Reuters) - Islamic State claimed responsibility on Thursday for a bomb blast at a mosque in Douma "
             "that killed 21 "
             "people, including a cleric, police said.")
    assert sorted((c["source_mention"], c["killed"], c["scope"]) for e in r["events"] for c in e["claims"]) == [
        ("Islamic State", None, "responsibility"), ("police", 21, "event")]


def test_fighters_killed_with_no_weapon_said_are_a_clash_not_other(read):
    r = read("Security forces killed 30 militants in an operation near Douma on Wednesday, the ministry said.")
    assert [e["event_type"] for e in r["events"]] == ["clash"]
    r = read("Security forces arrested 30 men in an operation near Douma on Wednesday, the ministry said.")
    assert [e["event_type"] for e in r["events"]] in ([], ["other"])


def test_the_group_that_denies_a_blame_is_the_group_blamed(read):
    r = read("Shelling killed 12 people in Douma on Monday, activists said. The army blamed the Free Syrian Army for "
             "the attack, which the group denied.")
    assert ("Free Syrian Army", True) in [(c["source"], c["denial"]) for e in r["events"] for c in e["claims"]
                                          if c["scope"] == "responsibility"]


def test_a_figure_put_by_another_source_and_the_outlet_quoting_a_source(read):
    r = read("Shelling hit Douma on Monday. The Observatory said 18 people died. The government put the figure at 5.")
    assert ("Syrian government", 5, None) in _claims(r) and ("Syrian government", 18, None) not in _claims(r)
    r = read("Shelling hit Douma on Monday. The toll was 18, according to hospital officials quoted by Al Jazeera.")
    assert [c["source"] for e in r["events"] for c in e["claims"]] == ["hospital officials"]


def test_an_undated_attack_takes_the_day_the_narrative_then_gives_of_its_dead(read):
    r = read("A suicide bomber detonated a truck in the Karrada district of Baghdad, killing at least 149 people.\n\n"
             "Over half of those killed Sunday died in the fire that followed the blast, a health official said.",
             pub_date=None)
    assert [(e["date"], e["date_text"]) for e in r["events"]] == [(None, "sunday")]
    r = read("A car bomb killed 12 people in Douma.\n\nMarie Colvin of the Sunday Times was among the dead.",
             pub_date=None)  # a weekday in a name is no date
    assert [(e["date"], e["date_text"]) for e in r["events"]] == [(None, None)]


def test_an_outlet_citing_a_source_is_not_the_source_where_the_parse_finds_no_speaker(read):
    r = read("State news agency SANA, citing a police source, said 14 people were killed in a car bomb in Homs on "
             "Monday.")
    assert [(c["source_mention"], c["killed"]) for e in r["events"] for c in e["claims"]] == [("a police source", 14)]


def test_one_victim_of_any_noun_and_a_toll_that_had_died(read):
    r = read("Mortar fire hit a base near Douma on Monday. One Jordanian peacekeeper died in the attack, the UN said.")
    assert [c["killed"] for e in r["events"] for c in e["claims"]] == [1]
    r = read("A drone struck a bus in Douma on Monday. Eleven had died by nightfall, medics said.")
    assert [c["killed"] for e in r["events"] for c in e["claims"]] == [11]
    r = read("A building was destroyed and a truck was hit in Douma on Monday, residents said.")
    assert [c["killed"] for e in r["events"] for c in e["claims"]] in ([], [None])


def test_a_number_word_opening_a_sentence_is_no_place(read):
    r = read("Mortar rounds hit the camp on Monday. One man died in the shelling, the mission said.")
    assert "One" not in [e["place"]["mention"] for e in r["events"]]


def test_a_part_after_according_to_is_no_part_of_the_speaker_and_is_its_own_places(read):
    r = read("Air strikes across Syria killed 40 people on Tuesday, according to civil defence workers, including "
             "nine people sheltering in a mosque in Douma.")
    assert {c["source_mention"] for c in r["nationwide_claims"]} == {"civil defence workers"}
    assert [(c["source_mention"], c["killed"]) for c in _at(r, "Douma")[0]["claims"]] == [("civil defence workers", 9)]


def test_an_armed_group_named_as_a_side_does_not_speak_and_the_militant_group_points_back_to_it(read):
    r = read("Reports said that Islamic State fighters had killed 30 villagers near Palmyra on Monday.")
    assert [c["source"] for e in r["events"] for c in e["claims"]] != ["Islamic State"]
    r = read("Gunmen of the Nusra Front stormed a checkpoint in Douma on Monday, killing six soldiers, the army said. "
             "The jihadist group claimed the attack in a statement.")
    assert ("Nusra Front", "responsibility") in [(c["source"], c["scope"]) for e in r["events"] for c in e["claims"]]


def test_a_speaker_who_gives_the_toll_and_blames_makes_both_claims(read):
    r = read("A car bomb exploded in Homs on Monday. The interior ministry said that 14 people had died and blamed "
             "the Nusra Front.")
    assert sorted((c["scope"], c["killed"]) for e in r["events"] for c in e["claims"]
                  if c["source_mention"] == "The interior ministry") == [("event", 14), ("responsibility", None)]
    # telling who struck, without a verb of blaming, is the toll's alone
    r = read("The Observatory said 14 people were killed in an air strike carried out by government jets on Douma.")
    assert [c["scope"] for e in r["events"] for c in e["claims"]] == ["event"]


def test_a_country_named_after_a_place_is_no_nationwide_bound(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Gunmen killed 19 villagers in the village of Ogossagou in Mali on Friday, "
                 "the mayor said.", "ML")
    assert r["nationwide_claims"] == [] and [e["place"]["mention"] for e in r["events"]] == ["Ogossagou"]


def test_a_division_named_after_a_village_only_locates_it(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Gunmen killed 19 villagers in the village of Ogossagou in central Mali's "
                 "Bankass district on Friday, the mayor said.", "ML")
    assert [e["place"]["mention"] for e in r["events"]] == ["Ogossagou"]


def test_a_speakers_acronym_in_brackets_is_kept_whole(read):
    r = read("The Syrian Network for Human Rights (SNHR) said 14 civilians were killed in Douma on Monday.")
    assert [(c["source"], c["source_mention"]) for e in r["events"] for c in e["claims"]] == [
        ("Syrian Network for Human Rights", "The Syrian Network for Human Rights (SNHR)")]


def test_a_toll_that_could_rise_does_not_hedge_the_wounded_counted(read):
    r = read("A shell hit the market in Douma on Monday, killing nine. Doctors said the toll could rise as several of "
             "the 30 wounded were in critical condition.")
    assert ("Doctors", 30) in [(c["source_mention"], c["injured"]) for e in r["events"] for c in e["claims"]]


def test_the_injured_figure_keeps_its_words_through_the_reader(read):
    # a claim with only a vague injured amount is still a claim, and the JSON contract carries its words
    r = read("Dozens were wounded when shells hit the market in Douma, the governor said.")
    [claim] = [c for e in _at(r, "Douma") for c in e["claims"]]
    assert (claim["killed"], claim["injured"], claim["injured_text"], claim["injured_conventional"]) == \
        (None, None, "dozens", 12)
    r = read("A car bomb killed five people in Homs on Tuesday and left at least 40 injured, SANA said.")
    assert [(c["killed"], c["injured"], c["injured_qualifier"]) for c in _at(r, "Homs")[0]["claims"]] == \
        [(5, 40, "at least")]
    r = read("Rockets hit Aleppo, killing three and wounding between 15 and 20 people, SANA said.")
    assert [(c["injured"], c["injured_high"]) for c in _at(r, "Aleppo")[0]["claims"]] == [(15, 20)]


def test_eliminated_and_liquidated_count_the_dead(read):
    r = read("The army said on Monday it had eliminated 12 militants in strikes near Douma.")
    assert [(c["killed"], c["rebels"]) for e in r["events"] for c in e["claims"]] == [(12, 12)]


def test_a_side_that_claimed_to_have_killed_speaks_for_its_figure(read):
    r = read("Clashes near Douma killed nine soldiers on Sunday, the governor said, while the Nusra Front claimed to "
             "have killed 30.")
    assert ("Nusra Front", 30) in [(c["source"], c["killed"]) for e in r["events"] for c in e["claims"]]
    assert ("Syrian government", 30) not in [(c["source"], c["killed"]) for e in r["events"] for c in e["claims"]]


def test_n_others_right_after_a_speakers_toll_goes_on_in_its_voice_only_to_complete_it(read):
    r = read("The toll from the shelling of Douma rose to nine on Monday, the Observatory said. Twenty others were "
             "wounded.")
    assert [(c["source"], c["killed"], c["injured"]) for e in r["events"] for c in e["claims"]] == [
        ("Syrian Observatory for Human Rights", 9, 20)]
    r = read("The toll from the shelling of Douma rose to nine on Monday, the Observatory said. In Harasta, one man "
             "was killed and three others were wounded.")
    assert (None, 1, 3) in [(c["source"], c["killed"], c["injured"]) for e in r["events"] for c in e["claims"]]


def test_an_unknown_division_named_after_a_place_only_locates_it(gazetteer, registry):
    r = _read_in(gazetteer, registry, "A bomb killed 12 people at a market in the town of Parachinar in Pakistan's "
                 "Kurram district on Friday, officials said.", "PK")
    assert [e["place"]["mention"] for e in r["events"]] == ["Parachinar"]


def test_the_toll_of_the_whole_war_is_no_events_figure(read):
    r = read("The death toll of Syria's war has passed 300,000, the UN said. On Monday, jets struck Douma, residents "
             "said.")
    assert [c["killed"] for c in r["nationwide_claims"]] == [300000]
    assert all(c["killed"] != 300000 for e in r["events"] for c in e["claims"])
    r = read("The deadliest bombing of Syria's war killed 50 people in Douma on Monday, activists said.")
    assert [c["killed"] for c in _at(r, "Douma")[0]["claims"]] == [50] and r["nationwide_claims"] == []


def test_a_family_of_n_counts_n(read):
    r = read("An air strike on Douma on Monday killed a family of six, activists said.")
    assert [c["killed"] for e in r["events"] for c in e["claims"]] == [6]


def test_n_of_them_in_a_province_is_the_provinces_own_count_beside_a_town_in_it(read):
    r = read("Jets struck the town of Saraqeb in Idlib province on Monday, killing four, activists said. The Local "
             "Coordination Committees said 60 people were killed across Syria on Monday, 25 of them in Idlib province "
             "and 12 in Homs.")
    assert [(c["source"], c["killed"]) for c in _at(r, "Idlib Governorate")[0]["claims"]] == [
        ("Local Coordination Committees", 25)]
    assert ("Local Coordination Committees", 25) not in [(c["source"], c["killed"]) for c in _at(r, "Saraqeb")[0]["claims"]]


def test_a_named_district_of_a_city_is_one_event_in_the_district(gazetteer, registry):
    r = _read_in(gazetteer, registry, "A drone hit a house in the Shevchenkivskyi district of Kyiv on Monday, killing "
                 "two people, the mayor said.", "UA")
    assert [e["place"]["mention"] for e in r["events"]] == ["Shevchenkivskyi district"]


def test_a_range_with_no_noun_keeps_both_ends(read):
    r = read("Shelling hit Douma on Saturday, killing between 3 and 5 and wounding between 15 and 20, medics said.")
    assert [(c["killed"], c["killed_high"], c["injured"], c["injured_high"]) for e in r["events"] for c in e["claims"]] \
        == [(3, 5, 15, 20)]
    r = read("Shelling hit Douma on Saturday. Three died and 15-20 were wounded, medics said.")
    assert [(c["injured"], c["injured_high"]) for e in r["events"] for c in e["claims"]] == [(15, 20)]


def test_the_britain_based_war_monitor_is_the_observatory_at_first_mention(read):
    r = read("Two dozen fighters were killed in clashes near Manbij on Friday, the Britain-based war monitor said.")
    assert [c["source"] for e in r["events"] for c in e["claims"]] == ["Syrian Observatory for Human Rights"]


def test_martyrs_who_fell_are_dead_and_a_territory_that_fell_is_not(read):
    r = read("The Local Coordination Committees said 30 martyrs fell in Homs on Monday, among them four children, and "
             "nine in Hama.")
    assert sorted((e["place"]["name"], c["killed"]) for e in r["events"] for c in e["claims"]) == [("Hama", 9),
                                                                                                  ("Homs", 30)]
    r = read("Shelling hit Douma on Monday. Two million people live in areas that fell to the army, activists said.")
    assert all(c["killed"] is None for e in r["events"] for c in e["claims"])


def test_a_named_place_near_a_city_leaves_the_city_out(read):
    r = read("Air strikes killed 20 civilians in the Ghouta region near Damascus on Monday, rescuers said.")
    assert "Damascus" not in [e["place"]["name"] for e in r["events"]]
    r = read("Rebels shot down a helicopter over Taftanaz air base in Idlib province on Monday, the Observatory said, "
             "adding that its crew of four were killed.")
    assert [e["place"]["mention"] for e in r["events"]] == ["Taftanaz"]


def test_a_second_source_giving_its_own_toll_does_not_take_the_first(read):
    r = read("Around 60 civilians were killed on Friday in the town of Douma, the governor said. Survivors told AFP "
             "the toll was between 60 and 80.")
    assert sorted((c["source_mention"], c["killed"], c["killed_high"]) for e in r["events"] for c in e["claims"]) == [
        ("Survivors", 60, 80), ("the governor", 60, None)]


def test_a_regional_total_is_not_pinned_on_a_place_told_next_with_its_own_count(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Air strikes across southern Lebanon killed 300 people on Monday, the health "
                 "ministry said. In Nabatieh, 11 people were killed, residents said.", "LB")
    assert [c["killed"] for e in r["events"] for c in e["claims"]] == [11]
    assert [c["killed"] for c in r["nationwide_claims"]] == [300]
    r = _read_in(gazetteer, registry, "Jets struck villages across southern Lebanon on Monday, killing 12, the "
                 "health ministry said. The strikes hit the town of Nabatieh.", "LB")
    assert [c["killed"] for e in r["events"] for c in e["claims"]] == [12]


def test_a_days_toll_after_a_running_total_keeps_its_own_bound(read):
    r = read("The health ministry said 9,000 people had been killed in Syria since March. Over the past 24 hours, 85 "
             "people were killed, it said.")
    scopes = dict((c["killed"], c["scope"]) for c in r["nationwide_claims"])
    assert scopes[85] == "24 hours" and scopes[9000] != "24 hours"


def test_a_sector_of_the_front_is_no_place(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Troops repelled 30 attacks in the Kupiansk direction near Synkivka on Monday, "
                 "killing 25 Russian soldiers, the general staff said.", "UA")
    assert [e["place"]["mention"] for e in r["events"]] == ["Synkivka"]


def test_killing_the_holder_of_a_post_counts_one(read):
    r = read("Gunmen killed the governor of Hama in the city on Monday, state media said.")
    assert [c["killed"] for e in r["events"] for c in e["claims"]] == [1]


def test_n_of_them_children_is_a_part_of_the_toll(read):
    r = read("An air strike killed 40 people in Douma, 12 of them children, the Observatory said.")
    assert [(c["killed"], c["children"]) for e in r["events"] for c in e["claims"]] == [(40, 12)]


def test_a_further_count_in_several_places_stays_shared_and_in_the_speakers_voice(read):
    r = read("Shelling killed 3 civilians in Homs and 2 in Hama on Sunday, medics said. A further 9 people were "
             "injured in the two cities.")
    injured = [(e["place"]["name"], c["source"], c["injured"], c["killed"]) for e in r["events"] for c in e["claims"]
               if c["injured"]]
    assert sorted(injured) == [("Hama", "medics", 9, None), ("Homs", "medics", 9, None)]


def test_a_branch_of_a_group_speaks_and_prisoners_of_war_are_counted(read):
    r = read("A bomb exploded in Kabul on Thursday. The Islamic State group's Khorasan branch claimed responsibility.")
    assert [(c["source"], c["scope"]) for e in r["events"] for c in e["claims"]] == [
        ("Islamic State Khorasan Province", "responsibility")]
    r = read("The ministry said 53 prisoners of war were killed and 75 injured in Douma on Friday.")
    assert [(c["killed"], c["injured"]) for e in r["events"] for c in e["claims"]] == [(53, 75)]


def test_overnight_with_no_day_is_the_night_before_the_report(read):
    r = read("Russian missiles killed four people in Kharkiv overnight, the governor said.", pub_date=dt.date(2024, 6, 4))
    assert [e["date"] for e in r["events"]] == ["2024-06-03"]


def test_a_count_received_under_anothers_word_is_the_reporters(read):
    r = read("The Red Cross said a hospital it supports in Douma had received 29 bodies on Monday.")
    assert [c["source"] for e in r["events"] for c in e["claims"]] == ["International Committee of the Red Cross"]


def test_officials_who_gave_the_casualty_figures_own_every_unsourced_figure(read):
    r = read("A wave of bombings hit Syria on Tuesday. A car bomb killed 12 shoppers in a market in Homs. In Damascus, "
             "two roadside bombs killed nine people. Police and hospital officials gave the casualty figures on "
             "condition of anonymity.")
    assert sorted((e["place"]["name"], c["source_mention"], c["killed"]) for e in r["events"] for c in e["claims"]) \
        == [("Damascus", "Police and hospital officials", 9), ("Homs", "Police and hospital officials", 12)]


def test_the_past_day_is_a_days_bound_and_a_feast_is_no_place(read):
    r = read("Shelling killed two civilians in Douma over the past day, the governor said.",
             pub_date=dt.date(2024, 6, 4))
    assert [(e["date"], c["scope"]) for e in r["events"] for c in e["claims"]] == [("2024-06-03", "24 hours")]
    r = read("Shelling hit Douma on the last day of Ramadan, killing three, the governor said.")
    assert [e["place"]["name"] for e in r["events"]] == ["Douma"]


def test_where_the_speakers_are_is_no_event_beside_the_place_they_name(read):
    r = read("Hospital officials in Homs said 17 people were killed in Palmyra on Monday.")
    assert [e["place"]["name"] for e in r["events"]] == ["Palmyra"]


def test_the_previous_24_hours_is_a_days_bound_not_an_earlier_toll(read):
    r = read("The ministry said 9,000 people had been killed since March. Over the previous 24 hours, 35 people were "
             "killed, it said.")
    assert [c["scope"] for c in r["nationwide_claims"] if c["killed"] == 35] == ["24 hours"]


def test_the_number_of_soldiers_killed_put_at_a_figure(read):
    r = read("Rebels attacked a checkpoint in Douma on Monday. An army officer put the number of soldiers killed at 20.")
    assert [c["killed"] for e in r["events"] for c in e["claims"]] == [20]


def test_the_group_that_speaks_is_the_armed_group_its_sentence_names(read):
    r = read("Nusra Front fighters stormed an army post near Douma on Saturday, killing 14 soldiers, the group said.")
    assert [c["source"] for e in r["events"] for c in e["claims"]] == ["Nusra Front"]


def test_a_district_then_its_province_after_a_comma_is_one_event(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Jets struck a market in Mustaba district, Hajjah province, on Monday, killing "
                 "9 people, residents said.", "YE")
    assert [e["place"]["mention"] for e in r["events"]] == ["Mustaba"]


def test_a_compass_joined_to_a_name_is_a_longer_name(gazetteer, registry):
    r = _read_in(gazetteer, registry, "The army said 11 soldiers were killed in an ambush in the Centre-North region on "
                 "Monday.", "BF")
    assert "Centre" not in [e["place"]["name"] for e in r["events"]]


def test_each_clause_keeps_its_own_place_and_source(read):
    r = read("The governor said 20 people were wounded in Homs on Tuesday, while in Hama 1 man died, according to "
             "the Observatory.")
    assert sorted((e["place"]["name"], c["source_mention"], c["killed"], c["injured"]) for e in r["events"]
                  for c in e["claims"]) == [("Hama", "the Observatory", 1, None), ("Homs", "The governor", None, 20)]


def test_a_people_counted_in_the_country_is_still_a_nationwide_count(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Israeli strikes killed 200 Palestinians in Gaza on Monday, the health ministry "
                 "said.", "PS")
    assert [c["killed"] for c in r["nationwide_claims"]] == [200] and r["events"] == []


def test_a_days_toll_with_no_place_keeps_its_bound(read):
    r = read("The health ministry said 45 people were killed in air strikes over the past 24 hours.")
    assert [(c["killed"], c["scope"]) for c in r["nationwide_claims"]] == [(45, "24 hours")]


def test_a_place_then_its_city_after_a_comma_is_one_event(gazetteer, registry):
    r = _read_in(gazetteer, registry, "A car bomb killed 11 people in Sadr City, Baghdad, on Sunday, police said.", "IQ")
    assert [e["place"]["mention"] for e in r["events"]] == ["Sadr City"]


def test_the_capital_of_a_region_is_said_of_the_town_before_it(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Fighting in Bahir Dar, the capital of Amhara region, killed 26 people on Monday, "
                 "hospital staff said.", "ET")
    assert [e["place"]["mention"] for e in r["events"]] == ["Bahir Dar"]


def test_nationwide_opening_a_sentence_is_its_bound(read):
    r = read("Nationwide, 61 people were killed on Monday, according to the Observatory.")
    assert [(c["killed"], c["scope"]) for c in r["nationwide_claims"]] == [(61, "nationwide")]


def test_the_other_outcome_told_next_with_no_speaker_completes_the_speakers_count(read):
    r = read("Clashes in Douma killed 25 protesters on Thursday, medics said. More than 200 people were injured.")
    assert [(c["source"], c["killed"], c["injured"]) for e in r["events"] for c in e["claims"]] == [("medics", 25, 200)]


def test_a_toll_that_could_exceed_a_figure_is_the_speakers_hedge_not_a_confirmation(read):
    r = read("Fighting killed 46 people in Douma on Monday, officials said. Doctors said the toll could exceed 55.")
    assert ("officials", 46) in [(c["source_mention"], c["killed"]) for e in r["events"] for c in e["claims"]]
    assert ("Doctors", 46) not in [(c["source_mention"], c["killed"]) for e in r["events"] for c in e["claims"]]


def test_a_sentence_set_in_a_neighbouring_country_reads_that_countrys_places(gazetteer, registry):
    r = _read_in(gazetteer, registry, "Jihadists killed 12 soldiers in Djibo on Monday, the army said. In neighbouring "
                 "Niger, gunmen killed seven soldiers near Tera, the defence ministry said.", "BF")
    assert sorted((e["place"]["name"], e["place"]["lat"] is not None) for e in r["events"]) == [("Djibo", True),
                                                                                                ("Tera", True)]
    r = _read_in(gazetteer, registry, "Jihadists killed 12 soldiers in Djibo on Monday, the army said. Separately, in "
                 "neighbouring Niger, gunmen killed seven soldiers near Tera, the defence ministry said.", "BF")
    assert [c["source"] for e in r["events"] if e["place"]["name"] == "Tera" for c in e["claims"]] == [
        "Nigerien Armed Forces"]
    # the region of a town's name holds it: "Tera in the Tillaberi region" is not Tera put 79 km from the town Tillaberi
    r = _read_in(gazetteer, registry, "Separately, in neighbouring Niger, gunmen killed seven soldiers near Tera in the "
                 "Tillaberi region on Sunday, the defence ministry said.", "BF")
    assert [(e["place"]["name"], e["place"]["lat"] is not None) for e in r["events"]] == [("Tera", True)]


def test_the_other_outcome_told_of_another_place_is_not_the_last_speakers(read):
    r = read("Shelling killed two people in Homs on Monday, the governor said. In Hama, three people were injured.")
    assert [(c["source"], c["injured"]) for c in _at(r, "Hama")[0]["claims"]] == [(None, 3)]
