"""Place names the gazetteer does not know, found by the parse (sentences written here)."""
from __future__ import annotations

import pytest

from conflictmap.reading.mentions import unknown_place_spans
from conflictmap.reading.parse import parse


def _names(sentence: str) -> list[str]:
    return [name for _, _, name in unknown_place_spans(parse([sentence])[0])]


@pytest.mark.parametrize("sentence, names", [
    ("Shells slammed into Sakhour on Monday, killing 4 people.", ["Sakhour"]),
    ("Gunmen killed 12 people in Kafr Uwayd on Monday.", ["Kafr Uwayd"]),
    ("Seven died in the village of Khirbet Wadi in Qunaitara.", ["Khirbet Wadi"]),  # Qunaitara only locates it
    ("Five people died in Domair (Damascus Suburbs).", ["Domair"]),
    ("A blast killed five people in the Middle East.", []),
    ("Qasimi said the explosion killed at least five people.", []),
])
def test_a_proper_noun_after_a_locative_is_a_place(sentence, names):
    assert _names(sentence) == names


def test_a_name_of_one_letter_is_no_place():
    assert _names("Five people were killed in the shelling, officials wrote on X.") == []


def test_the_object_of_an_attack_verb_is_a_place_but_an_acronym_is_a_group():
    from conflictmap.reading.mentions import unknown_place_spans
    from conflictmap.reading.parse import parse
    doc = parse(["Gunmen on motorbikes stormed Tindirma and Koulogon on Sunday."])[0]
    assert [name for _, _, name in unknown_place_spans(doc)] == ["Tindirma", "Koulogon"]
    doc = parse(["Coalition jets struck ISIL overnight."])[0]
    assert unknown_place_spans(doc) == []
