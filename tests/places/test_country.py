"""A report's country from its words: country names, demonyms, capitals and places; capitals per country."""
from __future__ import annotations

import json

import pytest

from conflictmap.places.country import countries, country_named, infer_country


@pytest.mark.parametrize("text, code", [
    ("Artillery struck the Iraqi capital overnight.", "IQ"),
    ("Yemen's Houthi-run health ministry gave the toll.", "YE"),
    ("SANAA, Yemen - A strike hit a market.", "YE"),
    ("Shelling hit Khan Younis and Rafah.", "PS"),
    ("Fighting spread through Omdurman.", "SD"),
    ("Ukrainian officials said Kharkiv was shelled.", "UA"),
    ("A Burmese air force jet bombed the village.", "MM"),
    ("Police said the blast damaged a bridge.", None),
    ("Nothing here names a place.", None),
])
def test_infer_country_reads_names_demonyms_and_places(text, code):
    assert infer_country(text) == code


def test_a_tie_names_no_country():
    assert infer_country("Iraq and Syria signed a deal.") is None


def test_the_dateline_breaks_a_tie_and_outweighs_nothing_the_text_says():
    assert infer_country("Iraq and Syria signed a deal.", dateline="BAGHDAD (Reuters) -") == "IQ"
    assert infer_country("Shelling hit Aleppo and Homs.", dateline="BEIRUT (AP) -") == "SY"  # filed next door
    assert infer_country("Nothing here names a place.", dateline="KYIV, Ukraine -") == "UA"


def test_every_development_report_is_read_as_its_country(shared):
    for gold_file in sorted((shared / "eval").glob("dev-*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        text = (shared / "corpus" / f"{gold_file.stem}.txt").read_text(encoding="utf-8")
        assert infer_country(text) == gold.get("country", "SY"), gold_file.stem


def test_country_facts_come_from_the_registry():
    yemen = countries()["YE"]
    assert "Yemeni" in yemen.demonyms and "Yemen" in yemen.names
    assert yemen.capital_lat == pytest.approx(15.35, abs=0.1)
    assert len(countries()) > 240
    assert (country_named("Yemen"), country_named("Iraqi"), country_named("Atlantis")) == ("YE", "IQ", None)


@pytest.mark.parametrize("text, code", [
    # the attacker's demonym counts less than the places hit
    ("Russian missiles struck an apartment block in Dnipro and Russian drones hit Kharkiv.", "UA"),
    ("Israeli airstrikes hit homes in Khan Younis and Rafah, Israeli forces said.", "PS"),
])
def test_an_attackers_demonym_weighs_less_than_the_places_hit(text, code):
    assert infer_country(text) == code


def test_a_country_named_as_the_neighbour_is_not_the_reports():
    from conflictmap.places.country import infer_country
    assert infer_country("Jihadists killed 30 soldiers in central Mali on Tuesday. In neighbouring Burkina Faso, "
                         "an attack killed 12.") == "ML"


@pytest.mark.parametrize("text, code", [
    # the attacker named as the subject of its attack, against the place it hit
    ("Russia launched 15 drones at Odesa overnight. A Russian bomb hit Kharkiv.", "UA"),
    ("Israel struck Rafah on Monday, and Israel has pounded Khan Younis for a week.", "PS"),
])
def test_a_country_that_attacks_weighs_less_than_the_places_hit(text, code):
    assert infer_country(text) == code


def test_a_name_several_countries_share_leans_to_the_larger_place():
    # Odesa, Ukraine (a million people) over Odessa, Texas; a curated Syrian town over an Israeli city
    assert infer_country("Drones hit Odesa overnight, killing two people.") == "UA"
    assert infer_country("Shelling on Ras al-'Ain killed three civilians.") == "SY"


def test_a_name_two_countries_share_about_equally_decides_nothing():
    # "Hay": a Vietnamese and an Iraqi town of about the same size; the report's default country stands
    text = "Mortars fell on the neighbourhood of Hay al-Nakheel on Tuesday, wounding 5 people, activists said."
    assert infer_country(text) is None


@pytest.mark.parametrize("text", [
    # the attacker named in every sentence, as it acts and speaks, against the one city hit
    "Russia launched a wave of drones and missiles overnight, Russian forces hitting energy sites. Russia's defence "
    "ministry said it had struck military targets, and the Kremlin said Moscow would continue the campaign. A "
    "Russian missile killed four people in Zaporizhzhia, the regional governor said.",
    "A Russian missile hit a port in Odesa on Tuesday. Russia said it had hit a warehouse. Moscow has targeted "
    "the port repeatedly.",
])
def test_a_side_named_again_and_again_weighs_no_more_than_twice_an_armed_force(text):
    assert infer_country(text) == "UA"


def test_a_place_located_by_the_next_counts_by_that_one():
    # "Lido" is also a Chinese town; the text puts it in Mogadishu
    assert infer_country("A suicide bomber struck a beach restaurant at Lido in Mogadishu on Friday.") == "SO"


@pytest.mark.parametrize("text, code", [
    ("Militants attacked an army convoy near Tillaberi in western Niger, killing 12 soldiers.", "NE"),
    ("Gunmen killed 20 people in Niger State, police said.", "NG"),  # a Nigerian state, not the country
    ("Refugees crossed into Chad from Darfur after the RSF attacked El Geneina.", "SD"),  # where people fled to
])
def test_a_country_name_that_is_also_a_word_counts_where_it_stands_as_the_country(text, code):
    assert infer_country(text) == code


def test_a_country_accused_of_backing_a_side_is_a_side():
    text = "Shelling hit Goma on Friday, killing 12 people. Kinshasa accuses Rwanda of backing the rebels."
    assert infer_country(text) == "CD"


def test_congo_in_wire_copy_is_the_democratic_republic_and_its_long_name_is_read_whole():
    assert infer_country("Rebels shelled a camp near Goma, in eastern Congo, on Friday.") == "CD"
    assert infer_country("Fighting spread across the Democratic Republic of Congo.") == "CD"
    assert infer_country("Troops deployed in Brazzaville, the capital of the Republic of Congo.") == "CG"


def test_an_acronym_or_a_word_of_a_country_name_is_no_town_abroad():
    # "OCHA" is written like an alternate name of Aachen, "Republic" is a town in the United States
    body = "Bombs struck a camp near Goma on Friday. OCHA put the number of injured at 40."
    assert infer_country(body, dateline="GOMA, Democratic Republic of Congo -") == "CD"


def test_a_name_as_written_beats_a_transliteration_apart_and_a_province_is_a_division():
    # "Samarra" is the Iraqi city, not Samara on the Volga; "Salahuddin province" is no Aleppo neighbourhood
    assert infer_country("Hospital officials said 17 people were killed in Samarra, in Salahuddin province, on "
                         "Monday.") == "IQ"
