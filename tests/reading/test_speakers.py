"""Who speaks, read from the dependency parse (sentences written here)."""
from __future__ import annotations

import pytest

from conflictmap.reading.parse import parse
from conflictmap.reading.speakers import speeches


def _speakers(sentence: str) -> list:
    return speeches(parse([sentence])[0])


@pytest.mark.parametrize("sentence, speaker", [
    ("A source at the Sweida Police Command told SANA that mortar rounds killed nine people.",
     "A source at the Sweida Police Command"),
    ("Barrazi said the blast killed at least six people.", "Barrazi"),
    ("On Sunday, 150 people died across the country, according to the Observatory.", "the Observatory"),
    ("The town council said 12 people were killed.", "The town council"),
    ("A report on the toll by Syrian Tracker says that 9,571 people have been killed.", "Syrian Tracker"),
    ("The death toll was reported by the health ministry.", "the health ministry"),
])
def test_the_speaker_is_the_subject_agent_or_author(sentence, speaker):
    assert [s.text for s in _speakers(sentence)] == [speaker]


def test_the_agency_told_is_a_relay_not_the_speaker():
    (speech,) = _speakers("Kobani-based activist Mustafa Bali told The Associated Press that 142 were killed.")
    assert speech.text == "Kobani-based activist Mustafa Bali"
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
    (speech,) = _speakers("The opposition National Council and activist groups on Sunday charged that militia "
                          "executed 10 civilians.")
    assert speech.text == "The opposition National Council and activist groups"
