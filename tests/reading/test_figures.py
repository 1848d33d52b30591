"""Casualty figures read from a sentence (sentences written here)."""
from __future__ import annotations

import pytest

from conflictmap.reading.figures import figures


@pytest.mark.parametrize("sentence, expected", [
    ("At least 18 people died and 40 were hurt when a car bomb exploded.", [(18, "killed"), (40, "injured")]),
    ("The service later put the number of injured at 51.", [(51, "injured")]),
    ("The number of people wounded rose to 80 overnight.", [(80, "injured")]),
    ("The number of dead reached 40.", [(40, "killed")]),
])
def test_the_injured_are_counted_however_the_sentence_names_them(sentence, expected):
    assert [(f.value, f.outcome) for f in figures(sentence)] == expected


@pytest.mark.parametrize("sentence", ["No one was hurt in the attack.", "The governor said no one was killed or injured."])
def test_no_one_counts_nobody(sentence):
    assert figures(sentence) == []


def test_one_after_no_one_still_counts():
    assert [(f.value, f.outcome) for f in figures("No one was hurt, but one soldier was killed.")] == [(1, "killed")]
