"""The reader's vocabularies, kept as data in ``vocabulary.json`` beside this module.

Reporting verbs, casualty predicates, victim nouns and the words that point
back to a speaker named earlier are lists an analyst can read and extend;
the code only asks whether a lemma is in one of them.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

VOCABULARY_FILE = Path(__file__).resolve().parent / "vocabulary.json"


@dataclass(frozen=True)
class Vocabulary:
    """Frozen word sets (lower-case lemmas) and the role → source map."""

    reporting_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    relay_verbs: frozenset[str]
    document_nouns: frozenset[str]
    anaphoric_nouns: frozenset[str]
    person_roles: dict[str, str]
    not_speakers: frozenset[str]
    speaker_nouns: frozenset[str]
    office_nouns: frozenset[str]


@functools.lru_cache(maxsize=1)
def vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    """Read the vocabulary file once; raises ``KeyError`` naming a list the file lacks."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    sets = {name: frozenset(w.lower() for w in raw[name]) for name in
            ("reporting_verbs", "denial_verbs", "relay_verbs", "document_nouns", "anaphoric_nouns", "not_speakers", "speaker_nouns", "office_nouns")}
    return Vocabulary(person_roles=dict(raw["person_roles"]), **sets)
