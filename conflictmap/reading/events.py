"""Events: what happened where and when, with every source's claims about it.

The taxonomy is small on purpose: analysts filter by it and export it to
ACLED's codebook, so each type maps onto ACLED's ``event_type`` and
``sub_event_type``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from conflictmap.reading.claims import Claim
from conflictmap.reading.vocabulary import Vocabulary, vocabulary
from conflictmap.places.place import Place

# The cue words of each type, from ``vocabulary.json`` ("event_types"), checked in the file's order:
# the first type a sentence matches is its type. "attack" (violence said but not how) and "strike"
# (a strike said of no weapon) are never stored: the reader settles them to a specific type.
EVENT_TYPES: dict[str, str] = {name: "|".join(cues) for name, cues in vocabulary().event_types}
ACLED_TYPES: dict[str, tuple[str, str]] = {
    "clash": ("Battles", "Armed clash"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "airstrike": ("Explosions/Remote violence", "Air/drone strike"),
    "bombing": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "suicide_bombing": ("Explosions/Remote violence", "Suicide bomb"),
    "explosion": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "massacre": ("Violence against civilians", "Attack"),
    "chemical_attack": ("Explosions/Remote violence", "Chemical weapon"),
    "other": ("Strategic developments", "Other"),
}
# Words that make a sentence about violence even when no type word is present ("violence_words").
VIOLENCE = re.compile(rf"\b({'|'.join(vocabulary().violence_words)})\b", re.I)


def type_patterns(words: Vocabulary) -> list[tuple[str, re.Pattern[str]]]:
    """Each type's cue words as one case-insensitive pattern between word boundaries, in checking order.

    ``words.event_types`` comes from ``vocabulary.json``; each entry was checked as a
    pattern when the file was read, so ``re.error`` is raised only by entries that break
    the joined alternation (a global flag such as ``(?i)`` in mid-pattern).
    """
    return [(name, re.compile(rf"\b(?:{'|'.join(cues)})\b", re.I)) for name, cues in words.event_types]


_TYPE_PATTERNS = type_patterns(vocabulary())


GENERIC_TYPE = "attack"


def event_types(text: str) -> list[str]:
    """The types a sentence speaks of, most specific first.

    >>> event_types("two suicide car bombings targeted a base")
    ['suicide_bombing', 'bombing']
    """
    return [name for name, pattern in _TYPE_PATTERNS if pattern.search(text)]


def type_near(text: str, position: int) -> str | None:
    """The type word nearest a place mention; the specific types win ties within a clause."""
    best: tuple[int, int, str] | None = None
    for rank, (name, pattern) in enumerate(_TYPE_PATTERNS):
        for match in pattern.finditer(text):
            distance = min(abs(match.start() - position), abs(match.end() - position))
            key = (distance // 80, rank, name)
            if best is None or key < best:
                best = key
    return best[2] if best else None


@dataclass
class Event:
    """One incident at one place on one date, with the claims about it.

    ``place`` is None when the text names a place that could not be
    geocoded: the event is kept (with ``place_mention``) for an analyst to pin.
    """

    event_type: str
    place: Place | None
    place_mention: str
    date: str | None
    date_precision: str = "day"
    date_end: str | None = None
    date_text: str | None = None
    quote: str = ""
    types: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    id: str = ""
    report_id: str = ""
