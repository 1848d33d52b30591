"""Numbers written every way, and ranges, as the figures step reads them."""
from __future__ import annotations

import pytest

from conflictmap.reading.figures import figures
from conflictmap.reading.numbers import parse_number


@pytest.mark.parametrize("text, value", [
    ("19", 19), ("1,300", 1300), ("Thirty-five", 35), ("twenty one", 21), ("one hundred and twenty", 120),
    ("a hundred", 100), ("a dozen", 12), ("two dozen", 24), ("seven", 7), ("several", None), ("", None),
    ("99999999999", None),
])
def test_a_number_reads_as_written(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("sentence", [
    "Between 15 and 20 people were killed.", "15 to 20 people were killed.", "15-20 people were killed.",
    "fifteen to twenty people were killed.",
])
def test_a_range_reads_the_same_every_way(sentence):
    (figure,) = figures(sentence)
    assert (figure.value, figure.high, figure.outcome) == (15, 20, "killed")


def test_a_hyphenated_number_word_is_no_range():
    (figure,) = figures("Thirty-five civilians were killed.")
    assert (figure.value, figure.high, figure.category) == (35, None, "civilians")


@pytest.mark.parametrize("sentence", ["Fighting from 2011 to 2013 killed 5 people.", "Since 2012, 5 people died."])
def test_a_year_is_no_count(sentence):
    assert [f.value for f in figures(sentence)] == [5]


@pytest.mark.parametrize("sentence, value", [
    ("Twenty one people were killed and a dozen wounded.", (21, 12)),
    ("Shelling killed 30 martyrs.", (30, None)),
    ("Strikes killed 25 Palestinians.", (25, None)),
    ("The bodies of 23 members of one family were found.", (23, None)),
])
def test_victims_are_counted_whatever_they_are_called(sentence, value):
    found = figures(sentence)
    killed = next((f.value for f in found if f.outcome == "killed"), None)
    injured = next((f.value for f in found if f.outcome == "injured"), None)
    assert (killed, injured) == value


@pytest.mark.parametrize("sentence, figure", [
    ("A sixth deserter was killed near Rastan.", (1, "government", "killed")),
    ("In Damascus, a citizen was killed.", (1, "civilians", "killed")),
    ("One child was wounded.", (1, "children", "injured")),
])
def test_one_victim_said_with_an_article_is_one(sentence, figure):
    assert [(f.value, f.category, f.outcome) for f in figures(sentence)] == [figure]


def test_glued_sentences_are_two():
    from conflictmap.reading.text import sentences

    assert [s.text for s in sentences("Gunmen shot four farmers in the field.A fifth man was killed.")] == \
        ["Gunmen shot four farmers in the field.", "A fifth man was killed."]


def test_a_scale_word_after_digits_is_read_with_it():
    assert [parse_number(t) for t in ("1.2 million", "2 million", "500 thousand", "half a million")] == [
        1_200_000, 2_000_000, 500_000, 500_000]
