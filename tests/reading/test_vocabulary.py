"""The reader's vocabularies are data: the bundled file carries every list, and an added word is read."""
from __future__ import annotations

import dataclasses
import json

import pytest

from conflictmap.reading import events, figures
from conflictmap.reading.events import ACLED_TYPES, GENERIC_TYPE, EVENT_TYPES, event_types, type_patterns
from conflictmap.reading.figures import figures as read_figures
from conflictmap.reading.vocabulary import VOCABULARY_FILE, Vocabulary, vocabulary

CATEGORIES = {"total", "children", "women", "civilians", "rebels", "government"}


def _raw() -> dict:
    return json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))


def _copy(tmp_path, change) -> object:
    """A copy of the bundled file with ``change`` applied to its parsed JSON; returns its path."""
    raw = _raw()
    change(raw)
    path = tmp_path / "vocabulary.json"
    path.write_text(json.dumps(raw, indent=2), encoding="utf-8")
    return path


def test_the_bundled_file_carries_every_list_the_reader_reads():
    raw = _raw()
    words = vocabulary()
    for field in dataclasses.fields(Vocabulary):
        assert field.name in raw, f"vocabulary.json lacks {field.name!r}"
        assert getattr(words, field.name), f"{field.name!r} is empty"
        assert field.name in raw["note"] or field.name in ("reporting_verbs", "denial_verbs", "relay_verbs",
                                                          "document_nouns", "anaphoric_nouns", "person_roles",
                                                          "not_speakers"), f"the note does not explain {field.name!r}"


def test_every_event_type_has_its_cues_in_the_checking_order_of_the_file():
    types = [name for name, _ in vocabulary().event_types]
    assert set(ACLED_TYPES) - {"other"} <= set(types)
    assert {GENERIC_TYPE, "strike"} <= set(types)
    assert list(EVENT_TYPES) == types == list(_raw()["event_types"])
    # the specific types are checked before the words that say violence happened but not how
    assert types.index("suicide_bombing") < types.index("bombing") < types.index(GENERIC_TYPE)


def test_every_breakdown_column_has_its_nouns():
    words = vocabulary()
    assert {name for name, _ in words.category_nouns} == CATEGORIES
    assert {name for name, _ in words.singular_nouns} == CATEGORIES
    assert list(figures.CATEGORY_NOUNS) == list(_raw()["category_nouns"])


def test_the_module_patterns_are_built_from_the_file():
    words = vocabulary()
    assert figures.KILLED_WORDS.split("|")[:3] == list(words.killed_words[:3])
    assert "casualties" in words.injured_words and "casualties" in figures.INJURED_WORDS.split("|")
    assert figures.VAGUE_AMOUNTS == words.vague_amounts
    assert figures.SINGULAR["women"] == dict(words.singular_nouns)["women"]
    assert events.VIOLENCE.search("the convoy was ambushed and looted")


def test_the_vocabulary_is_read_once():
    assert vocabulary() is vocabulary()


def test_a_word_added_to_a_copy_of_the_file_is_read(tmp_path):
    path = _copy(tmp_path, lambda raw: (raw["killed_words"].append("obliterated"),
                                        raw["event_types"]["shelling"].append("howitzer fire"),
                                        raw["singular_nouns"]["civilians"].append("ferryman")))
    words = vocabulary(path)
    assert "obliterated" not in vocabulary().killed_words
    assert words.killed_words[-1] == "obliterated"
    assert dict(words.singular_nouns)["civilians"][-1] == "ferryman"
    # the new cue types a sentence that the bundled words leave untyped
    sentence = "Howitzer fire hit the market"
    assert event_types(sentence) == []
    assert [name for name, pattern in type_patterns(words) if pattern.search(sentence)] == ["shelling"]


def test_an_added_event_type_is_checked_where_the_file_puts_it(tmp_path):
    def add_first(raw):
        raw["event_types"] = {"drone_attack": ["drones?"], **raw["event_types"]}
    names = [name for name, _ in type_patterns(vocabulary(_copy(tmp_path, add_first)))]
    assert names[0] == "drone_attack" and names[1:] == list(EVENT_TYPES)


def test_a_missing_list_is_named(tmp_path):
    path = _copy(tmp_path, lambda raw: raw.pop("not_people"))
    with pytest.raises(KeyError, match="not_people"):
        vocabulary(path)


@pytest.mark.parametrize("name, entry", [("killed_words", "bomb(s"), ("vague_amounts", ""), ("injured_words", 7)])
def test_a_bad_entry_is_named_with_its_list(tmp_path, name, entry):
    path = _copy(tmp_path, lambda raw: raw[name].append(entry))
    with pytest.raises(ValueError, match=name):
        vocabulary(path)


def test_a_bad_entry_in_a_grouped_list_names_the_group(tmp_path):
    path = _copy(tmp_path, lambda raw: raw["category_nouns"]["women"].append("widow[s"))
    with pytest.raises(ValueError, match=r"category_nouns\.women"):
        vocabulary(path)


def test_the_bundled_words_still_read_a_figure():
    # the lists joined back are the patterns the figures step reads with
    (figure,) = read_figures("Two soldiers were killed in the ambush.")
    assert (figure.value, figure.category, figure.outcome) == (2, "government", "killed")
