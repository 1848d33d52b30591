"""Who speaks, read from the dependency parse (sentences written here)."""
from __future__ import annotations

import pytest

from conflictmap.reading.parse import parse
from conflictmap.reading.speakers import speeches


def _speakers(sentence: str) -> list:
    return speeches(parse([sentence])[0])


@pytest.mark.parametrize("sentence, speaker", [
    ("An officer at the Hama Police Command told SANA that a rocket killed four people.",
     "An officer at the Hama Police Command"),
    ("Qasimi said the explosion killed three people.", "Qasimi"),
    ("On Sunday, 150 people died across the country, according to the Observatory.", "the Observatory"),
    ("The town council said 12 people were killed.", "The town council"),
    ("A study of the dead by Syrian Tracker says that 2,310 people have been killed.", "Syrian Tracker"),
    ("The death toll was reported by the health ministry.", "the health ministry"),
])
def test_the_speaker_is_the_subject_agent_or_author(sentence, speaker):
    assert [s.text for s in _speakers(sentence)] == [speaker]


def test_the_agency_told_is_a_relay_not_the_speaker():
    (speech,) = _speakers("Manbij-based activist Karim Hadad told The Associated Press that 61 were killed.")
    assert speech.text == "Manbij-based activist Karim Hadad"
    assert speech.relay == "Associated Press" and speech.role == "Activists"


def test_an_aside_is_no_part_of_the_speakers_name():
    (speech,) = _speakers("The Damascus Medical Relief Organization, a charity that runs clinics, put the toll at 12.")
    assert speech.name == "The Damascus Medical Relief Organization"
    assert speech.text.startswith("The Damascus Medical Relief Organization, a charity")


@pytest.mark.parametrize("sentence", ["It said 14 people died.", "The group added that 14 people died.",
                                      "The source said 14 people died."])
def test_pronouns_and_bare_role_nouns_point_back(sentence):
    (speech,) = _speakers(sentence)
    assert speech.refers_back


@pytest.mark.parametrize("sentence", ["Videos showed 14 bodies.", "Nearly 12 hours of fighting left 14 dead."])
def test_things_do_not_speak(sentence):
    assert _speakers(sentence) == []


def test_two_subjects_speak_together_and_the_day_is_no_part_of_them():
    (speech,) = _speakers("The exiled opposition council and local rights groups on Friday charged that gunmen "
                          "executed eight men.")
    assert speech.text == "The exiled opposition council and local rights groups"


def test_the_innermost_speaker_owns_the_figure_and_a_described_outlet_is_no_pointer_back():
    (first, second) = _speakers("It gave no breakdown, but a local activist told Reuters that as many as 50 were "
                                "killed.")
    assert (first.text, first.refers_back) == ("It", True)
    assert second.role == "Activists"
    (outlet,) = _speakers("The Turkish news agency said there were casualties.")
    assert not outlet.refers_back


def test_a_name_described_by_an_appositive_is_the_speaker():
    (speech,) = _speakers("Homs Is Burning Now, a volunteer network in the province, said on Monday that a "
                          "clinic was hit.")
    assert speech.text.startswith("Homs Is Burning Now") and speech.role is None


def test_a_name_parsed_as_the_verbs_modifier_is_still_its_subject():
    (speech,) = _speakers("Airwars estimated that between 12 and 20 civilians died in the raids.")
    assert speech.text == "Airwars"


def test_hearsay_has_no_speaker_and_a_misparsed_lede_is_cut_at_its_last_comma():
    assert _speakers("Rescuers pulled two men from the rubble after a strike said to be carried out by jets.") == []
    (speech,) = _speakers("HOMS, Syria (AP)  --  Rockets on a market in the old city killed at least 14 people, "
                          "including children, a rights group and local media said Tuesday.")
    assert "killed" not in speech.text


@pytest.mark.parametrize("sentence, disputes", [
    ("The Houthis blamed the Saudi-led coalition for the strike.", False),
    ("The government accused the militia of committing a massacre in the village.", False),
    ("The al Shabaab group claimed responsibility for the bombing.", False),
    ("The military said it had struck a command centre hidden in the school.", False),
    ("The army said the attack was carried out by jihadists.", False),
    ("The village chief said a local militia was behind the massacre.", False),
    ("The ministry denied targeting the hospital.", True),
    ("The coalition said it had not targeted the prison.", True),
    ("The army denied that its jets had struck the market.", True),
    ("A spokesman said the group had nothing to do with the killings.", True),
    ("The government said the reports of a strike on the camp were baseless.", True),
])
def test_who_did_it_is_read_from_the_verb_and_what_it_governs(sentence, disputes):
    (speech,) = _speakers(sentence)
    assert speech.responsibility is disputes


@pytest.mark.parametrize("sentence", [
    "No group has claimed responsibility for the attack.",  # names no one
    "A military spokesman did not deny the strike.",  # a denial negated disputes nothing
    "State media denied that any attack had taken place in the city.",  # the event's denial, not a role's
    "The governor blamed the heavy rain for the floods.",  # no attack
    # the "it" that struck is the army the speaker talks about, not the speaker
    "The watchdog condemned the strikes, arguing that in some cases it may have hit civilians on purpose.",
])
def test_a_statement_about_anything_else_says_nothing_of_who_did_it(sentence):
    assert all(s.responsibility is None for s in _speakers(sentence))


@pytest.mark.parametrize("sentence, speaker", [
    ("Reuters, citing medics, reported that three more bodies were recovered.", "medics"),
    ("Strikes killed 38 people, the television reported on Friday, citing health officials.", "health officials"),
])
def test_an_outlet_citing_a_source_relays_it(sentence, speaker):
    assert [s.text for s in _speakers(sentence)] == [speaker]


def test_citing_what_is_no_speaker_names_no_one_new():
    assert [s.text for s in _speakers("The ministry said it withdrew, citing security concerns.")] == ["The ministry"]


def test_the_counted_dead_before_the_speakers_are_never_the_speaker():
    (speech,) = _speakers("Warplanes bombed a market in the north on Tuesday, killing at least 40 people including "
                          "children, a local group and witnesses said.")
    assert speech.text == "a local group and witnesses"
    (speech,) = _speakers("Two security sources and a local resident told Reuters that 50 were killed.")
    assert speech.text == "Two security sources and a local resident"


def test_speakers_the_parse_left_without_a_verb_are_the_words_before_it():
    (speech,) = _speakers("The military carried out airstrikes on a village in the Sagaing region on Tuesday, killing "
                          "at least 40 people including children, a local resistance group and witnesses said.")
    assert speech.text == "a local resistance group and witnesses"


@pytest.mark.parametrize("sentence, disputes", [
    ("Al Shabaab claimed the attack in a radio broadcast.", False),
    ("The air force said it had shot down 20 of the 25 drones launched.", None),  # an interception
    ("The army said it destroyed three drones over the city.", None),
])
def test_claiming_the_attack_is_responsibility_and_an_interception_is_not(sentence, disputes):
    (speech,) = _speakers(sentence)
    assert speech.responsibility is disputes


def test_no_one_named_with_no_speaks():
    assert _speakers("No group has claimed responsibility for the attack.") == []


def test_a_group_a_restrictive_clause_defines_is_a_new_speaker_not_one_named_before():
    (speech,) = _speakers("A drone strike killed 14 people, the local resistance group that controls the area said.")
    assert not speech.refers_back
    (speech,) = _speakers("The group, which has activists across the country, said 5 children were among the dead.")
    assert speech.refers_back


def test_calling_the_reports_of_an_attack_baseless_disowns_it():
    (speech,) = _speakers("The RSF called the reports that its fighters had shelled the camp baseless.")
    assert speech.text == "The RSF" and speech.responsibility is True
    assert _speakers("The ministry called for a ceasefire after the attack.") == []


def test_the_thing_struck_is_what_makes_a_deed_an_interception():
    (speech,) = _speakers("The ministry said its forces had struck a plant that builds drones.")
    assert speech.responsibility is False  # a strike on a workshop, whatever the workshop makes
    (speech,) = _speakers("The air force said it had shot down 20 drones and a missile.")
    assert speech.responsibility is None


def test_a_denial_the_parse_joins_to_the_reported_deed_is_the_speakers():
    speakers = _speakers("Russia's defence ministry said its forces had struck a workshop and denied hitting homes.")
    assert [s.text for s in speakers] == ["Russia's defence ministry"]


def test_whose_count_it_is_speaks_and_a_relative_clause_of_saying_is_the_speakers():
    assert [s.text for s in _speakers("The health ministry's toll stood at 18.")] == ["The health ministry"]
    assert [s.text for s in _speakers("According to the ministry's tally, 18 people died.")] == ["the ministry"]
    assert [s.text for s in _speakers("Its toll stood at 18.")] == []  # whose, the sentences before tell
    (speech,) = _speakers("Shelling killed 19 people, according to the ministry, which said 40 more were wounded.")
    assert speech.text == "the ministry"


def test_a_subject_that_cannot_speak_leaves_the_words_after_the_last_comma_to_speak():
    (speech,) = _speakers("Fighting between the army and a rival force killed at least 40 people in the western "
                          "city of Homs, a doctors' group said Friday.")
    assert speech.text == "a doctors' group"
    (speech,) = _speakers("Two security sources told Reuters the army's toll was closer to 40.")
    assert speech.text == "Two security sources"  # the army's toll is what they speak of
