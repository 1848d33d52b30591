"""The reader's vocabularies, kept as data in ``vocabulary.json`` beside this module.

Reporting verbs, casualty words, victim nouns, event-type cues and the words
that point back to a speaker named earlier are lists an analyst can read and
extend. The lemma lists are sets the code asks about; the pattern lists
(``event_types``, ``violence_words``, ``event_nouns``, ``intent_verbs``, ``killed_in_a_village``, ``arrest_words``, ``killed_words``, ``injured_words``,
``category_nouns``, ``not_people``, ``singular_nouns``, ``vague_amounts``)
keep their order and are joined into regular expressions by the modules that
use them (``events``, ``figures``).
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

VOCABULARY_FILE = Path(__file__).resolve().parent / "vocabulary.json"


@dataclass(frozen=True)
class Vocabulary:
    """Frozen word sets (lower-case lemmas), the role → source map, and ordered pattern lists.

    The grouped lists (``event_types``, ``category_nouns``, ``singular_nouns``) are
    ``(name, entries)`` pairs in the file's order, since the first group that matches wins.
    """

    reporting_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    blame_verbs: frozenset[str]
    responsibility_nouns: frozenset[str]
    attack_verbs: frozenset[str]
    attack_nouns: frozenset[str]
    denial_words: frozenset[str]
    relay_verbs: frozenset[str]
    document_nouns: frozenset[str]
    anaphoric_nouns: frozenset[str]
    person_roles: dict[str, str]
    not_speakers: frozenset[str]
    speaker_nouns: frozenset[str]
    office_nouns: frozenset[str]
    # Ordered pattern lists: each entry is a word, a phrase or a regular-expression fragment,
    # matched case-insensitively between word boundaries; earlier entries are tried first.
    event_types: tuple[tuple[str, tuple[str, ...]], ...]
    violence_words: tuple[str, ...]
    event_nouns: tuple[str, ...]
    intent_verbs: tuple[str, ...]
    killed_in_a_village: tuple[str, ...]
    arrest_words: tuple[str, ...]
    killed_words: tuple[str, ...]
    injured_words: tuple[str, ...]
    category_nouns: tuple[tuple[str, tuple[str, ...]], ...]
    not_people: tuple[str, ...]
    singular_nouns: tuple[tuple[str, tuple[str, ...]], ...]
    vague_amounts: tuple[str, ...]


SET_LISTS = ("reporting_verbs", "denial_verbs", "blame_verbs", "responsibility_nouns", "attack_verbs",
             "attack_nouns", "denial_words", "relay_verbs", "document_nouns", "anaphoric_nouns",
             "not_speakers", "speaker_nouns", "office_nouns")
PATTERN_LISTS = ("violence_words", "event_nouns", "intent_verbs", "killed_in_a_village", "arrest_words", "killed_words", "injured_words", "not_people", "vague_amounts")
GROUPED_LISTS = ("event_types", "category_nouns", "singular_nouns")


def _entries(name: str, value: object) -> tuple[str, ...]:
    """One ordered list of non-empty entries, each a valid regular expression."""
    if not isinstance(value, list) or not value:
        raise ValueError(f"vocabulary list {name!r} must be a non-empty list of words")
    for entry in value:
        if not isinstance(entry, str) or not entry.strip():
            raise ValueError(f"vocabulary list {name!r} holds an empty or non-text entry: {entry!r}")
        try:
            re.compile(entry)
        except re.error as error:
            raise ValueError(f"vocabulary list {name!r}: {entry!r} is no valid pattern ({error})") from None
    return tuple(value)


def _grouped(name: str, value: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """An ordered mapping of group name -> ordered entries, as pairs (the file's order kept)."""
    if not isinstance(value, dict) or not value:
        raise ValueError(f"vocabulary list {name!r} must be a non-empty object of lists")
    return tuple((key, _entries(f"{name}.{key}", words)) for key, words in value.items())


@functools.lru_cache(maxsize=1)
def vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    """Read the vocabulary file once (cached per path).

    Returns a frozen ``Vocabulary``. Raises ``KeyError`` naming a list the file
    lacks, and ``ValueError`` naming a list that is empty, holds an entry that
    is not text, or an entry that is no valid regular expression.
    """
    raw = json.loads(path.read_text(encoding="utf-8"))
    sets = {name: frozenset(w.lower() for w in raw[name]) for name in SET_LISTS}
    patterns = {name: _entries(name, raw[name]) for name in PATTERN_LISTS}
    grouped = {name: _grouped(name, raw[name]) for name in GROUPED_LISTS}
    return Vocabulary(person_roles=dict(raw["person_roles"]), **sets, **patterns, **grouped)
