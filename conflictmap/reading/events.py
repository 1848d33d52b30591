"""Events: what happened where and when, with every source's claims about it.

The taxonomy is small on purpose: analysts filter by it and export it to
ACLED's codebook, so each type maps onto ACLED's ``event_type`` and
``sub_event_type``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from conflictmap.reading.claims import Claim
from conflictmap.places.place import Place

# Checked in this order: the first that a sentence matches is its type.
EVENT_TYPES: dict[str, str] = {
    "chemical_attack": r"chemical (?:attack|weapons?|agents?)|sarin|chlorine|nerve (?:agent|gas)|gas attack|toxic gas",
    "suicide_bombing": r"suicide (?:car |truck )?(?:bomb(?:ings?|ers?|s)?|attack(?:ers?|s)?|blasts?)",
    # one-sided violence against people (ACLED's "Violence against civilians: Attack"), a massacre or one killing
    "massacre": r"massacre[sd]?|mass (?:killing|execution|beheading)s?|executed|beheaded|beheading|assassinat(?:ed|ions?)|"
                r"murdered|in cold blood|gunned down",
    "airstrike": r"air ?strikes?|air raids?|warplanes?|jets?|helicopters?|barrel bombs?|drones?|drone strikes?|UAVs?|"
                 r"aircraft|(?:military |fighter |war )?planes?|gunships?|"
                 r"glide bombs?|barrels? (?:packed|filled|of explosives)|"
                 r"aerial (?:bombardment|attack|bombing)s?|bombed from the air|air force|US-led coalition|"
                 r"coalition (?:strikes?|raids?|jets|aircraft|planes)|"
                 # the strikes of forces that strike from the air ("an Israeli strike on a tent camp")
                 r"(?:Israeli|U\.?S\.?|American|Saudi-led|Turkish) (?:military )?strikes?",
    "bombing": r"car bombs?|bombings?|bombers?|bombs? (?:exploded|went off|detonated|blew up|ripped|tore|hit|struck|killed)|"
               r"by (?:\w+ )?bombs|booby[- ]trapped|improvised explosive|IEDs?|explosive device|bomb (?:attack|blast)|"
               r"roadside bombs?|land ?mines?|(?:by|on|hit|struck) an? mine|mines? (?:blast|explosion|exploded)|(?:motorcycle|truck|bicycle) bombs?|sticky bombs?",
    "shelling": r"shell(?:ing|ed|s)?|bombard(?:ment|ments|ed|ing)|mortars?|artillery|rockets?|missiles?|tank fire|"
                r"pounded|pounding",
    "explosion": r"explosions?|blasts?|blew up|blown up|exploded|detonated",
    "clash": r"clash(?:es|ed)?|fighting|fought|battles?|combat|firefights?|gunfire|skirmish(?:es)?|ambush(?:ed)?|"
             r"stormed|fights?",
    # A word that says violence happened but not how; the reader settles it to a specific type
    # said of the same event, or to "clash". Never stored.
    "attack": r"(?:counter-?)?attack(?:ed|s|ing)?|offensive|assault|raid(?:ed|s)?",
    # "a strike on a house killed 12": a strike said of no weapon comes from the air (ACLED's "Air/drone
    # strike") unless the same event is told with a weapon ("a missile strike" is shelling). Never stored.
    "strike": r"(?<!hunger )(?<!general )(?<!on )(?<!to )strikes?",
}
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
# Words that make a sentence about violence even when no type word is present.
VIOLENCE = re.compile(r"\b(killed|killing|dead|wounded|injured|casualties|death toll|fighting|targeted|struck|hit|"
                      r"strikes?|"
                      r"fir(?:ed|ing) on|opened fire|shot dead|captured|seized|overran|advanced?|(?:was|were) hit|"
                      r"destroyed|bombed|abducted|kidnapped|stormed|attacked|torched|burned|raided|looted|"
                      r"shot|shelled|executed)\b", re.I)
_TYPE_PATTERNS = [(name, re.compile(rf"\b(?:{pattern})\b", re.I)) for name, pattern in EVENT_TYPES.items()]


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
