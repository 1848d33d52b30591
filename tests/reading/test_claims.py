from __future__ import annotations

import pytest

from conflictmap.reading.claims import Claim, claim_from_figures, is_denial, scope_of
from conflictmap.reading.figures import figures, parse_number


@pytest.mark.parametrize("text, expected", [
    ("a bomb killed 19 soldiers and wounded 30 people", [(19, "government", "killed"), (30, "total", "injured")]),
    ("at least 88 people -- including 20 civilians, 41 rebels and 36 government troops -- were killed",
     [(88, "total", "killed"), (20, "civilians", "killed"), (41, "rebels", "killed"), (36, "government", "killed")]),
    ("the toll rose to 64, including 19 children and six women",
     [(64, "total", "killed"), (19, "children", "killed"), (6, "women", "killed")]),
    ("killing at least 40 people and wounding 100 others", [(40, "total", "killed"), (100, "total", "injured")]),
    ("two suicide car bombings targeted a base on 30th street", []),
    ("the shelling lasted 12 hours", []),
    # things counted are not people; the toll that has risen counts the dead, not the wounded named after it
    ("the toll of the rockets that hit three villages has risen to eight civilians, besides fifteen injured",
     [(8, "civilians", "killed"), (15, "total", "injured")]),
    ("a resident was killed and some 14 others wounded", [(1, "civilians", "killed"), (14, "total", "injured")]),
    # people of any kind, counted as the subject of a casualty predicate
    ("five unarmed nurses, including a midwife, were assassinated", [(5, "total", "killed")]),
    ("three paramedics died in the strike", [(3, "total", "killed")]),
    ("at least 11 farmers were wounded", [(11, "total", "injured")]),
    ("three mortar shells were fired", []),
    ("Nine of the dead were killed in the market", [(9, "total", "killed")]),
    ("The other four died in raids", [(4, "total", "killed")]),
    ("the clinic received 300 wounded people and 40 bodies", [(300, "total", "injured"), (40, "total", "killed")]),
    ("two aid workers \u2013 a driver and a nurse \u2013 died in the strike", [(2, "total", "killed")]),
])
def test_figures(text, expected):
    assert [(f.value, f.category, f.outcome) for f in figures(text)] == expected


def test_a_breakdown_that_does_not_add_up_is_flagged():
    text = "at least 88 people, including 20 civilians, 41 rebels and 36 government troops, were killed"
    claim = claim_from_figures(figures(text), source="S", source_mention="s", quote=text, scope="event")
    assert (claim.killed, claim.killed_qualifier, claim.civilians, claim.rebels, claim.government) == \
        (88, "at least", 20, 41, 36)
    assert claim.flag == "breakdown sums to 97, more than the 88 total"
    assert Claim("S", "s", killed=10, civilians=4, rebels=6).with_flag().flag is None


def test_one_category_alone_is_also_the_total():
    claim = claim_from_figures(figures("killed 19 soldiers"), source="S", source_mention="s", quote="", scope="event")
    assert (claim.killed, claim.government) == (19, 19)


@pytest.mark.parametrize("text, parts", [
    ("troops killed 12 civilians and four army defectors", {"civilians": 12}),
    ("three children, five women, 11 fighters and 40 other men were killed", {"children": 3, "women": 5, "rebels": 11}),
])
def test_counts_listed_side_by_side_are_parts_and_no_total(text, parts):
    # Literal reading: the text gives parts, and their sum is not the source's figure.
    claim = claim_from_figures(figures(text), source="S", source_mention="s", quote=text, scope="event", clause=text)
    assert claim.killed is None
    assert {k: v for k, v in {"civilians": claim.civilians, "children": claim.children, "women": claim.women,
                              "rebels": claim.rebels}.items() if v is not None} == parts


@pytest.mark.parametrize("text, killed", [
    ("shelling killed at least 30 people, 11 of them children", 30),
    ("eight soldiers were killed and 25 wounded", 8),
    ("the raid killed nine fighters and destroyed three houses", 9),
])
def test_a_count_beside_other_words_is_still_the_total(text, killed):
    claim = claim_from_figures(figures(text), source="S", source_mention="s", quote=text, scope="event", clause=text)
    assert claim.killed == killed


def test_a_count_of_dead_earlier_is_a_claim_of_its_own():
    from conflictmap.reading.claims import claims_from_figures
    text = "more than 50 bodies were recovered, adding to 17 killed earlier in the day"
    claims = claims_from_figures(figures(text), text, source="S", source_mention="s", quote=text, scope="event")
    assert [(c.killed, c.scope) for c in claims] == [(17, "event (killed earlier)"), (50, "event")]


@pytest.mark.parametrize("text, expected", [
    ("the shells hit a club, killing a guard and wounding 22 others", [(1, "government", "killed"), (22, "total", "injured")]),
    ("a rocket struck the road, wounding a child", [(1, "children", "injured")]),
    ("another person died in the shelling", [(1, "total", "killed")]),
])
def test_one_victim_after_a_casualty_verb(text, expected):
    assert [(f.value, f.category, f.outcome) for f in figures(text)] == expected


def test_a_range_of_one_kind_of_victim_keeps_its_upper_end():
    text = "between 12 and 20 civilians died"
    claim = claim_from_figures(figures(text), source="S", source_mention="s", quote=text, scope="event", clause=text)
    assert (claim.killed, claim.killed_high, claim.civilians) == (12, 20, 12)


def test_vague_amounts_are_kept_as_words():
    claim = claim_from_figures(figures("dozens of people were killed"), source=None, source_mention=None,
                               quote="", scope="event")
    assert claim.killed is None and claim.killed_text == "dozens"


@pytest.mark.parametrize("text, expected", [
    # (injured, injured_qualifier, injured_text, injured_conventional, injured_high), as the killed figure keeps them
    ("Dozens were wounded when shells hit the market", (None, None, "dozens", 12, None)),
    ("the blast killed five and left at least 40 injured", (40, "at least", None, None, None)),
    ("between 15 and 20 people were wounded", (15, None, None, None, 20)),
    ("the strike killed nine people and wounded several others", (None, None, "several", None, None)),
    ("a shell wounded 7 people", (7, None, None, None, None)),
])
def test_the_injured_figure_keeps_its_words(text, expected):
    claim = claim_from_figures(figures(text), source="S", source_mention="s", quote=text, scope="event", clause=text)
    assert claim is not None
    assert (claim.injured, claim.injured_qualifier, claim.injured_text, claim.injured_conventional,
            claim.injured_high) == expected


def test_a_vague_amount_of_dead_and_hurt_together_is_no_injured_figure():
    # "a number of children dead or wounded": one amount for both (casualties given together), neither figure;
    # the same amount of the wounded alone is the injured figure's words
    for text, words in (("the shelling left a number of children dead or wounded", None),
                        ("the shelling killed and injured dozens", None),
                        ("a number of people were wounded in the shelling", "a number")):
        claim = claim_from_figures(figures(text), source="S", source_mention="s", quote=text, scope="event",
                                   clause=text)
        assert (claim and claim.injured_text) == words, text


@pytest.mark.parametrize("text, scope", [
    ("were killed nationwide on Wednesday", "nationwide"),
    ("killed across Syria", "nationwide"),
    ("in the past 24 hours", "24 hours"),
    ("more than 100 killed since Monday", "cumulative"),
    ("4,000 killed since 2011", "cumulative"),
    ("300 killed since the war began", "cumulative"),
    ("killed in the market", "event"),
])
def test_scope(text, scope):
    assert scope_of(text) == scope


@pytest.mark.parametrize("country, text, scope", [
    ("YE", "12 people were killed across Yemen on Friday", "nationwide"),
    ("UA", "strikes throughout Ukraine killed nine", "nationwide"),
    ("SD", "at least 40 people died in Sudan on Monday", "nationwide"),
    ("SD", "at least 40 people died in Sudan's Darfur region", "event"),
    ("SD", "killed across Syria", "event"),
    ("UA", "forces fired 30 drones at Ukraine, killing five", "nationwide"),  # another country's name bounds nothing in a report about Sudan
])
def test_the_reports_own_country_bounds_a_nationwide_figure(country, text, scope):
    from conflictmap.places.country import country_names
    from conflictmap.reading.claims import nationwide_pattern
    assert scope_of(text, nationwide_pattern(country_names(country))) == scope


def test_denials_and_numbers():
    assert is_denial("State media denied any attack")
    assert not is_denial("State media did not mention the attack")
    assert parse_number("1,200") == 1200 and parse_number("nineteen") == 19 and parse_number("many") is None


def test_a_vague_amount_keeps_its_words_and_acleds_number_beside_them():
    from conflictmap.reading.claims import claim_from_figures
    from conflictmap.reading.figures import figures

    text = "the shelling killed dozens of people"
    claim = claim_from_figures(figures(text), source=None, source_mention=None, quote=text, scope="event")
    assert claim.killed is None
    assert claim.killed_text == "dozens"
    assert claim.killed_conventional == 12


def test_an_earlier_toll_comes_first():
    from conflictmap.reading.claims import claims_from_figures
    from conflictmap.reading.figures import figures

    text = "the toll rose to 60, up from an initial toll of 45"
    found = claims_from_figures(figures(text), text, source="X", source_mention="X", quote=text, scope="event")
    assert [(c.killed, c.scope) for c in found] == [(45, "event (earlier toll)"), (60, "event")]


def test_one_person_of_a_family_listed_is_no_toll_of_one():
    from conflictmap.reading.claims import claim_from_figures
    from conflictmap.reading.figures import figures
    text = "A shell hit a house, killing a man, his wife and their three children, relatives said."
    claim = claim_from_figures(figures(text), source=None, source_mention=None, quote=text, scope="event", clause=text)
    assert claim.killed is None and claim.children == 3  # the parts the text gives, and no sum of them
    text = "A shell hit a house, killing a man and wounding two of his neighbours."
    claim = claim_from_figures(figures(text), source=None, source_mention=None, quote=text, scope="event", clause=text)
    assert claim.killed == 1
