"""Incidents: the events from many reports that describe one happening.

Five outlets report one car bomb; the reader makes five events of it, one a
report. The linker groups them into one incident so the map shows one point
and the side panel every source's figure side by side. It is pure logic: it
takes the linker's view of each event (``Sighting``) and gives back which
incident each event belongs to, the automatic joins with their reasons, and
the uncertain matches to propose to an editor.

Two events can be one incident when
- their places are the same or one contains the other (a district event joins
  a city-level report of the same attack: gazetteer parent, ``admin1`` and
  distance within the coarser place's radius), or unplaced names that are
  spelt alike (Sousian = Sousiyan = Susian), or a name no gazetteer knows
  that its report puts in the other place (Karrada, "in Baghdad"); never
  two countries, and never two rows of one data set (``DATASETS``);
- their dates overlap within their precision (one day of slack for a midnight
  bomb reported as Saturday by some and Sunday by others), or, for an event
  whose report gave no date of its own, within the days before publication;
  such an event (or one with no date at all) counts its date as agreeing only
  when it is the sole fit of its place (``sole_fits``: everything on record
  there that it fits tells one happening), and is never joined automatically
  when it fits another happening there as well (``torn``; what proves another
  happening: ``two_happenings``);
- their types are compatible (``FAMILIES``: an explosion and a suicide
  bombing can be one; a clash and an airstrike cannot); a less specific word
  for the same attack agrees nearly as well as the same word (``GENERIC_OF``);
- their figures do not rule it out (early tolls grow: 12 revised to 40 is one
  incident; 2 killed against 300 killed is not).

Any of place, date or type can rule a pair out; otherwise the three give a
score between 0 and 1 (``WEIGHTS``). Pairs at or above ``JOIN_AT`` join
automatically, those from ``PROPOSE_AT`` up to it are proposed to an editor,
the rest stay apart. Grouping is order-free: candidate pairs are taken best
first (ties by event id), and two groups join only when no pair across them
is ruled out and no two events come from one report (the reader already
decided those are different happenings). Editors' decisions enter as
``must_link`` and ``cannot_link`` pairs, and win over the score.

Candidate pairs come from blocks (``candidate_pairs``): events are compared
only within one first-level division (or one unplaced name) and a few days,
so 100,000 events link in seconds, not in the 5·10⁹ comparisons of all pairs.
"""
from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from conflictmap.places.gazetteer import name_key

# Score at or above which an event joins an incident without asking; from PROPOSE_AT up to it an editor is asked.
# Set on the incident development set (../shared/eval/incidents.json); see BENCHMARKS.md for the measured scores.
JOIN_AT = 0.75
PROPOSE_AT = 0.55
# How much each piece of evidence counts in the score (they add up to 1).
WEIGHTS = {"place": 0.40, "date": 0.35, "type": 0.25}
# Types that can describe one happening: each set is a family of readings of the same kind of attack.
# "bombing", "suicide_bombing" and "explosion" are one family (ACLED's "Remote explosive" and "Suicide bomb");
# "airstrike", "shelling" and "chemical_attack" are attacks from afar (a missile is read as either).
# A "massacre" says whom, not how: it is compatible with every type (``BROAD_TYPES``).
FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"bombing", "suicide_bombing", "explosion"}),
    frozenset({"airstrike", "shelling", "chemical_attack", "explosion"}),
)
BROAD_TYPES = frozenset({"massacre"})
# A type and the less specific words for the same kind of attack (ACLED files both "Suicide bomb" and "Remote
# explosive" under "Explosions/Remote violence"): "a bombing" is what an outlet writes when it does not say that
# the bomber died with it, "an explosion" when it does not say what exploded. A report that says less does not
# disagree with one that says more, so such a pair counts GENERIC_TYPE for its type, nearly as much as one type
# (1.0), more than two specific types of one family (0.75: an airstrike and shelling are different deliveries
# that outlets confuse).
GENERIC_OF: dict[str, frozenset[str]] = {
    "bombing": frozenset({"suicide_bombing"}),
    "explosion": frozenset({"bombing", "suicide_bombing", "airstrike", "shelling", "chemical_attack"}),
}
GENERIC_TYPE = 0.9
# Types that say little about how: compatible with any other, but weak evidence.
VAGUE_TYPES = frozenset({"other", "attack", ""})
TYPE_WORDS = {"suicide_bombing": "a suicide bombing", "bombing": "a bombing", "explosion": "an explosion",
              "airstrike": "an airstrike", "shelling": "shelling", "clash": "a clash", "massacre": "a massacre",
              "chemical_attack": "a chemical attack", "other": "of no stated type", "attack": "an attack"}
# Data sets whose rows are events already told apart by their coders (conflictmap.exchange.acled/ucdp DATASET):
# two rows of one never become one incident; a row and a report's event can.
DATASETS = frozenset({"ACLED", "UCDP GED"})
# Places from finest to coarsest, and how far (km) a finer place may lie from a coarser one's point and be in it.
RANK = {"neighbourhood": 0, "town": 1, "city": 2, "district": 3, "governorate": 4, "country": 5}
CONTAINS_KM = {"neighbourhood": 3.0, "town": 8.0, "city": 20.0, "district": 50.0, "governorate": 160.0,
               "country": 1500.0}
# Evidence of "same place" by how much ground the place covers: one village says more than one governorate.
# An unplaced name (None) may be a village or a city.
SAME_PLACE: dict[str | None, float] = {"neighbourhood": 1.0, "town": 1.0, "city": 0.85, "district": 0.8,
                                       "governorate": 0.6, "country": 0.3, None: 0.85}
# An unplaced name against a city, when its report does not say where the name lies (it may be anywhere in the
# country), and two unplaced names their reports put in one city (Rabweh and the Palace of Justice, Damascus, the
# same day): perhaps one spot, perhaps two. With the same day, the same type and close figures this reaches
# 0.4 * 0.2 + 0.35 + 0.25 + 0.05 = 0.73: the grey zone, never an automatic join on this alone.
UNSURE_PLACE = 0.2
# Two points of the same rank closer than this are taken as one place named twice (a square and its street).
SAME_SPOT_KM = 1.5
# A report without a date of its own speaks of the days before it was published.
REPORT_LOOKBACK_DAYS = 10
# ... and most often of the last of them: news is told the day it happens or the next. An event dated by its
# report only, against another event dated RECENT_DAYS or less before that report's publication, counts
# RECENT_DATE for its date (instead of 0.3 for "reported in the same days"); an event dated earlier in the
# lookback may still be it, and where both are on record the undated event is torn (``torn``): proposed only.
# Same city, same type: 0.4 * 0.85 + 0.35 * 0.5 + 0.25 = 0.765, a join; related types 0.70, proposed.
RECENT_DAYS = 2
RECENT_DATE = 0.5
# Evidence of the date for an event its report does not date (no date, or only the publication's days) when it is
# the sole fit: every event it could be is one consistent happening (same or containing place, compatible types,
# figures within a factor of two) and nothing else on record at that place fits it. Without a date such an event
# could be any happening of its kind at that place; with nothing else to be, it is as good as "dates overlap"
# less a margin. Same city, same type and this reach 0.4 * 0.85 + 0.35 * 0.6 + 0.25 = 0.80: a join; a city,
# related types and differing figures stay below 0.75 (proposed).
SOLE_DATE = 0.6
# An undated event with more candidates than this is not a sole fit (and is not checked pair by pair).
SOLE_MAX_CANDIDATES = 40
# Days of slack between two day-precise dates: a midnight bomb is Saturday for one outlet and Sunday for another.
DAY_SLACK = 1
# The day an event without a date of its own is told on ("on Saturday", "Aug. 26" in a report without a date,
# ``Sighting.weekday``/``month_day``): evidence of the date when the other event's date is that day, by how much
# the words pin it (a weekday is one day in seven: as good as a sole fit; a month and day without the year one in
# 365); NAMED_DAY_BESIDE when the other's date is a day beside it (a midnight bomb: for a weekday no more than a
# date unknown, since three weekdays in seven are that or beside it). When it is neither, the pair
# counts no date evidence at all and the named day is not one the event could be (``day_misfit``): the undated
# Saturday bombing in the Old City of Damascus fits the 11 March 2017 bombing (a Saturday), not the 15 March one
# (a Wednesday). Soft, not a rule-out: a reader can take a day from the wrong sentence ("reported Friday").
NAMED_DAY = {"weekday": 0.6, "month_day": 0.8}
NAMED_DAY_BESIDE = {"weekday": 0.25, "month_day": 0.5}
# Two events without dates whose reports name one day: any two Thursdays of any years, so a weekday tells little
# more than "date of one unknown" (0.25); a month and day somewhat more.
NAMED_DAY_BOTH = {"weekday": 0.3, "month_day": 0.5}
# Characters of an event's sentence searched for the places it names (``Sighting.quote_words``).
QUOTE_CHARS = 600
# Words beside a city's name that make it the province or the land around ("eastern Aleppo", "the Aleppo
# countryside", "north of Baghdad", "8 km from Idlib"): a name placed so does not lie in the city (Aleppo is a
# city and a governorate; Sousian "in eastern Aleppo" is 40 km from the city).
BEYOND_CITY = frozenset("""province governorate countryside outskirts rural region oblast state suburbs near outside
from km kilometres kilometers miles north south east west northern southern eastern western north-western
north-eastern south-western south-eastern northwestern northeastern southwestern southeastern northwest northeast
southwest southeast""".split())
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = {name: k for k, names in enumerate(
    ("january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul", "august aug",
     "september sep sept", "october oct", "november nov", "december dec"), start=1) for name in names.split()}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)
_MONTH_DAY = re.compile(rf"\b(?:({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
                        rf"|(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\b\.?)", re.I)
# Figures rule a pair out only when the smaller toll is below 1/FIGURE_RATIO of the larger and they differ by
# at least FIGURE_GAP: tolls grow (Karrada 86 -> 324, Kabul airport 13 -> 170), so only gross misfits count.
FIGURE_RATIO = 30
FIGURE_GAP = 50
NAME_ALIKE = 0.8  # difflib ratio at which two unplaced names count as spellings of one name
# Words that name a kind of place, not which one: "Rabweh district" and "al-Rabwa" are one name.
GENERIC_WORDS = frozenset("""a an the of in near and district neighbourhood neighborhood quarter area city town village
province governorate state region cemetery camp idp market markets station railway airport international hotel
hospital square street road restaurant central old north south east west northern southern eastern western
north-western north-eastern south-western south-eastern northwestern northeastern southwestern southeastern outdoor
capital countryside outskirts""".split())
# Generic words that name a spot inside a place: "Kabul airport" lies in Kabul, "Rabweh district" is Rabweh.
SUBPLACE_WORDS = frozenset("cemetery camp market markets station airport hotel hospital square street road "
                           "restaurant".split())
_POSSESSIVE = re.compile(r"['\u2019]s\b", re.I)
_LEADING = re.compile(r"^(?:the\s+)", re.I)


@dataclass(frozen=True)
class Sighting:
    """The linker's view of one stored or freshly read event.

    ``start``/``end`` are the first and last day it can have happened (from its
    date and precision); ``dated_by`` is ``"event"`` when the report dates it,
    ``"report"`` when only the publication date bounds it, None when nothing
    does. ``killed`` is the (lowest, highest) killed figure of its event-scope
    claims, or None. ``country`` is the place's ISO 3166-1 alpha-2 code, or
    None. For a placed event ``admin1`` and ``parent`` are the gazetteer's;
    for a name no gazetteer knows they are where the report puts it ("the
    Karrada district of Baghdad": parent "Baghdad", Baghdad's ``admin1``),
    when the report says. ``dataset`` names the data set (``DATASETS``) an
    imported event comes from: a data set tells its own events apart, as a
    report does, so two of its events are never one incident. ``weekday``
    (0 Monday .. 6 Sunday, as ``datetime.date.weekday``) and ``month_day``
    ((month, day), no year) are the day an event without a date of its own
    is told on ("on Thursday", "Aug. 26" in a report without a date: see
    ``day_named``). ``quote`` is the report's sentence about the event.
    """

    id: str
    report_id: str
    event_type: str
    start: dt.date | None = None
    end: dt.date | None = None
    dated_by: str | None = None
    place_id: str | None = None
    place_name: str = ""
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    admin1: str | None = None
    parent: str | None = None
    killed: tuple[int, int] | None = None
    types: tuple[str, ...] = ()
    country: str | None = None
    dataset: str | None = None
    weekday: int | None = None
    month_day: tuple[int, int] | None = None
    quote: str = ""

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None

    @functools.cached_property
    def name(self) -> str:
        """The place name as compared: "Kabul's" is Kabul, "the Syrian capital" keeps its words."""
        return _clean(self.place_name)

    @functools.cached_property
    def quote_words(self) -> frozenset[str]:
        """Skeletons of the telling words of the event's sentence (``_tokens``): which places it names."""
        return _tokens(self.quote[:QUOTE_CHARS]) if self.quote else frozenset()


@dataclass(frozen=True)
class Match:
    """How two events compare: a score in 0..1 (0 when ruled out), the decision, and why in plain words."""

    a: str
    b: str
    score: float
    decision: str  # "join", "propose" or "apart"
    reason: str


@dataclass
class Linking:
    """The result of ``link``: ``incident_of`` maps every event id to its incident id.

    ``joins`` are the automatic joins that made the groups (best first), ``proposals`` the grey-zone
    matches between different incidents, for an editor to confirm or reject.
    """

    incident_of: dict[str, str]
    joins: list[Match] = field(default_factory=list)
    proposals: list[Match] = field(default_factory=list)

    def incidents(self) -> dict[str, list[str]]:
        """``{incident id: [event ids, sorted]}``."""
        groups: dict[str, list[str]] = defaultdict(list)
        for event_id, incident_id in self.incident_of.items():
            groups[incident_id].append(event_id)
        return {k: sorted(v) for k, v in sorted(groups.items())}


# -- building sightings -------------------------------------------------------------------------------
def span(date: str | dt.date | None, precision: str | None = "day",
         end: str | dt.date | None = None) -> tuple[dt.date, dt.date] | None:
    """First and last day a date of a precision covers.

    >>> span("2017-03-01", "month")
    (datetime.date(2017, 3, 1), datetime.date(2017, 3, 31))
    """
    if date is None or date == "":
        return None
    first = date if isinstance(date, dt.date) else dt.date.fromisoformat(str(date)[:10])
    last: dt.date
    if end:
        last = end if isinstance(end, dt.date) else dt.date.fromisoformat(str(end)[:10])
    elif precision == "week":
        last = first + dt.timedelta(days=6)
    elif precision == "month":
        following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        last = following - dt.timedelta(days=1)
    elif precision == "year":
        last = first.replace(month=12, day=31)
    else:
        last = first
    return first, max(first, last)


def killed_range(claims: Iterable[Mapping[str, Any]]) -> tuple[int, int] | None:
    """(lowest, highest) killed figure among claims about the event itself (not subsets, not denials)."""
    figures = [int(c["killed"]) for c in claims
               if c.get("killed") is not None and not c.get("denial")
               and str(c.get("scope") or "event") == "event"]
    return (min(figures), max(figures)) if figures else None


def from_payload(item: Mapping[str, Any], report: Mapping[str, Any] | None = None, *,
                 parent: str | None = None) -> Sighting:
    """A sighting from one event of the ``extract`` JSON (``report`` is the payload's ``report`` part).

    An event without a date takes the report's publication date as its bound
    (the ``REPORT_LOOKBACK_DAYS`` before it), and the day its ``date_text``
    names, if any (``day_named``). The country is the place's own
    (``place.country``), never the report's: a report about Turkish soldiers
    in al-Bab is read as Turkish, its events are in Syria. Raises KeyError
    when the event has no ``id`` or ``event_type``.
    """
    report = report or {}
    place = item.get("place") or {}
    publisher = report.get("publisher")
    dates = span(item.get("date"), item.get("date_precision"), item.get("date_end"))
    dated_by = "event" if dates else None
    weekday, month_day = (None, None) if dates else day_named(item.get("date_text"))
    if dates is None and report.get("pub_date"):
        published = dt.date.fromisoformat(str(report["pub_date"])[:10])
        dates, dated_by = (published - dt.timedelta(days=REPORT_LOOKBACK_DAYS), published), "report"
    return Sighting(
        id=str(item["id"]), report_id=str(report.get("id") or item.get("report_id") or ""),
        event_type=str(item["event_type"]), start=dates[0] if dates else None, end=dates[1] if dates else None,
        dated_by=dated_by, place_id=place.get("id") if place.get("lat") is not None else None,
        place_name=(place.get("name") if place.get("lat") is not None else None) or place.get("mention")
        or place.get("name") or "",
        lat=place.get("lat"), lon=place.get("lon"), precision=place.get("precision"),
        admin1=place.get("admin1"), parent=parent or place.get("parent"),
        killed=killed_range(item.get("claims") or []), types=tuple(item.get("types") or ()),
        country=place.get("country") or None, dataset=publisher if publisher in DATASETS else None,
        weekday=weekday, month_day=month_day, quote=str(item.get("quote") or ""))


def day_named(text: str | None) -> tuple[int | None, tuple[int, int] | None]:
    """(weekday 0..6, (month, day)) named by a date's words without a year, each None when not named.

    The reader keeps such words (``date_text``) for an event whose report has
    no date to resolve them against.

    >>> day_named("thursday"), day_named("aug. 26"), day_named("Saturday, 11 March"), day_named("today")
    ((3, None), (None, (8, 26)), (5, (3, 11)), (None, None))
    """
    if not text:
        return None, None
    weekday = _WEEKDAY.search(text)
    found = _MONTH_DAY.search(text)
    month_day = None
    if found:
        month = _MONTHS[(found.group(1) or found.group(4)).lower()]
        day = int(found.group(2) or found.group(3))
        try:
            dt.date(2000, month, day)  # a leap year: 29 February is a day
            month_day = (month, day)
        except ValueError:
            pass
    return (WEEKDAYS.index(weekday.group(1).capitalize()) if weekday else None), month_day


def from_payloads(payloads: Iterable[Mapping[str, Any]]) -> list[Sighting]:
    """Every event of many ``extract`` JSON payloads."""
    return [from_payload(item, payload.get("report")) for payload in payloads for item in payload.get("events", [])]


# -- comparing two events ----------------------------------------------------------------------------
@functools.lru_cache(maxsize=65_536)
def _clean(name: str) -> str:
    return _LEADING.sub("", _POSSESSIVE.sub("", name or "")).strip()


@functools.lru_cache(maxsize=65_536)
def _skeleton(name: str) -> str:
    """Consonants of a name's key, doubled letters once: Sousian, Sousiyan and Susian meet; so do Karrada and Karada."""
    key = name_key(_clean(name)).replace(" ", "")
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouyhw]", "", key))


@functools.lru_cache(maxsize=65_536)
def _tokens(name: str) -> frozenset[str]:
    """Skeletons of a name's telling words: "Rann IDP camp, Kala-Balge" -> {rn, kl, blg}; generic words dropped."""
    words = [w for w in re.split(r"[^\w]+", _clean(name).lower()) if w and w not in GENERIC_WORDS]
    return frozenset(k for k in (_skeleton(w) for w in words) if len(k) >= 2)


def _subplaces(name: str) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[^\w]+", name.lower()) if w in SUBPLACE_WORDS)


@functools.lru_cache(maxsize=262_144)
def name_relation(a: str, b: str) -> str | None:
    """"same" when two names are spellings of one, "within" when one's words are among the other's, else None.

    >>> name_relation("Sousian", "Susian"), name_relation("Kabul", "Kabul airport"), name_relation("Rann", "Harem")
    ('same', 'within', None)
    """
    ka, kb = _skeleton(a), _skeleton(b)
    if not ka or not kb:
        return None
    if ka == kb or (min(len(ka), len(kb)) >= 3 and difflib.SequenceMatcher(None, ka, kb).ratio() >= NAME_ALIKE):
        return "same"
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return None
    if ta == tb:
        sub_a, sub_b = _subplaces(a), _subplaces(b)
        return "same" if sub_a == sub_b or (sub_a and sub_b) else "within"
    small, large = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if all(any(x == y or (min(len(x), len(y)) >= 3 and difflib.SequenceMatcher(None, x, y).ratio() >= NAME_ALIKE)
               for y in large) for x in small):
        return "within"
    return None


def _names_alike(a: str, b: str) -> bool:
    return name_relation(a, b) == "same"


def _distance_km(a: Sighting, b: Sighting) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def compare_places(a: Sighting, b: Sighting) -> tuple[float, str] | None:
    """(evidence 0..1, words) for two places, or None when they rule the pair out.

    Ruled out: two countries; two placed places of one rank apart; a finer
    place outside a coarser one (``admin1``, distance); an unplaced name put
    in another first-level division than the other place. A name no gazetteer
    knows lies in the place its report puts it in (``parent``), or in a
    governorate of its ``admin1``; without such words it only *may* lie in a
    city, unless its own sentence names that city too ("Karada in the center
    of Baghdad": it lies there), and two such names of
    one city are perhaps one spot, perhaps two (``UNSURE_PLACE``: enough to
    propose, never to join on its own).
    """
    if a.country and b.country and a.country != b.country:
        return None
    if a.place_id and a.place_id == b.place_id:
        return SAME_PLACE.get(a.precision or "", 0.85), f"same place ({a.name or a.place_id})"
    if a.located and b.located:
        ra, rb = RANK.get(a.precision or "", 1), RANK.get(b.precision or "", 1)
        if ra == rb or {a.precision, b.precision} <= {"town", "city"}:
            near = _distance_km(a, b)
            if near <= SAME_SPOT_KM or (a.name and _names_alike(a.name, b.name)
                                        and near <= CONTAINS_KM.get(a.precision or "", 8.0)):
                return 0.9, f"{a.name} and {b.name} are one spot"
            return None
        inner, outer = (a, b) if ra < rb else (b, a)
        if _contains(outer, inner):
            return 0.75, f"{inner.name} lies in {outer.name}"
        return None
    relation = name_relation(a.name, b.name) if a.name and b.name else None
    if relation == "same":
        words = f"same place name ({a.name} / {b.name})" if a.name != b.name else f"same place ({a.name})"
        return SAME_PLACE[None], words
    if relation == "within":
        inner, outer = (a, b) if len(_tokens(a.name)) >= len(_tokens(b.name)) else (b, a)
        return 0.75, f"{inner.name} lies in {outer.name}"
    # A name no gazetteer knows, where its report puts it: "the Karrada district of Baghdad" lies in Baghdad.
    for inner, outer in ((a, b), (b, a)):
        if not inner.located and inner.parent and outer.name and name_relation(inner.parent, outer.name) == "same":
            return 0.75, f"{inner.name} lies in {outer.name}"
    if a.admin1 and b.admin1 and name_key(a.admin1) != name_key(b.admin1):
        return None  # the report puts the unplaced name in another first-level division
    if not a.located and not b.located:
        if a.parent and b.parent and name_relation(a.parent, b.parent) == "same":
            return UNSURE_PLACE, f"{a.name} and {b.name}, both in {a.parent}"
        if a.admin1 and b.admin1:
            return UNSURE_PLACE, f"{a.name} and {b.name}, both in {a.admin1}"
        return 0.15, f"different place names ({a.name or '?'} / {b.name or '?'})"
    # One placed, one not: the unplaced name may lie inside the placed one (a square in a city).
    placed, loose = (a, b) if a.located else (b, a)
    rank = RANK.get(placed.precision or "", 1)
    if loose.admin1 and placed.admin1 and rank >= RANK["governorate"]:
        return 0.75, f"{loose.name or 'an unplaced name'} lies in {placed.name}"
    if RANK["city"] <= rank <= RANK["governorate"] and placed.name and _names(loose.quote_words, placed.name) \
            and (rank > RANK["city"] or _names_the_city(loose.quote, placed.name)):
        # Its own sentence names the city: "Karada in the center of Baghdad" (the reader did not place Karada).
        return 0.75, f"{loose.name or 'an unplaced name'} lies in {placed.name}, as its report's sentence says"
    if rank >= RANK["city"]:
        return UNSURE_PLACE, f"{loose.name or 'an unplaced name'} may lie in {placed.name}"
    return 0.15, f"{loose.name or 'an unplaced name'} and {placed.name} may differ"


def _names(words: frozenset[str], name: str) -> bool:
    """Whether a sentence's words (``Sighting.quote_words``) name a place: every telling word of the name is among
    them (as skeletons, ``_skeleton``: "Bagdad" is Baghdad; the blocks, ``block_keys``, meet on the same words)."""
    wanted = _tokens(name)
    return bool(wanted) and wanted <= words


def _names_the_city(quote: str, name: str) -> bool:
    """Whether a sentence names a city as the city, not its province or its surroundings: "in the center of
    Baghdad" does; "in eastern Aleppo", "the Aleppo countryside", "north of Baghdad", "8 km from Idlib" do not
    (``BEYOND_CITY`` within three words before the name or one after)."""
    wanted = _tokens(name)
    words = re.findall(r"[\w'\u2019-]+", quote[:QUOTE_CHARS].lower())
    for k, word in enumerate(words):
        if _skeleton(word) in wanted and not BEYOND_CITY.intersection(words[max(0, k - 3):k] + words[k + 1:k + 2]):
            return True
    return False


def _contains(outer: Sighting, inner: Sighting) -> bool:
    if inner.parent and outer.name and name_key(inner.parent) == name_key(outer.name):
        return True
    if outer.admin1 and inner.admin1 and outer.admin1 != inner.admin1:
        return False
    if outer.precision in ("governorate", "country") and outer.admin1 and outer.admin1 == inner.admin1:
        return True
    return _distance_km(outer, inner) <= CONTAINS_KM.get(outer.precision or "", 8.0)


def _named_fit(x: Sighting, y: Sighting) -> tuple[float, str] | None:
    """How the day ``x``'s report names (``x`` has no date of its own) fits ``y``'s date or named day.

    (evidence, words); evidence 0.0 when it does not fit; None when nothing
    can be told (``y`` has neither, or a weekday against a span of a week or more).
    """
    if x.month_day is not None:
        kind, named = "month_day", dt.date(2000, *x.month_day).strftime("%d %B").lstrip("0")
    elif x.weekday is not None:
        kind, named = "weekday", WEEKDAYS[x.weekday]
    else:
        return None
    if y.start is not None and y.end is not None:
        if kind == "weekday" and (y.end - y.start).days >= 6:
            return None
        def fits(day: dt.date) -> bool:
            return (day.month, day.day) == x.month_day if kind == "month_day" else day.weekday() == x.weekday
        days = [y.start + dt.timedelta(days=k) for k in range((y.end - y.start).days + 1)]
        if y.dated_by != "event":  # the other is bounded by its report's days only: a misfit is all that tells
            beside = days + [days[0] - dt.timedelta(days=DAY_SLACK), days[-1] + dt.timedelta(days=DAY_SLACK)]
            return None if any(fits(d) for d in beside) else (0.0, f"{named}, its report's day, is not in "
                                                                   f"the days the other report tells of")
        if any(fits(d) for d in days):
            return NAMED_DAY[kind], f"{y.start} is the {named} its report names"
        if any(fits(d + dt.timedelta(days=k)) for d in days for k in (-DAY_SLACK, DAY_SLACK)):
            return NAMED_DAY_BESIDE[kind], f"{y.start} is a day beside the {named} its report names"
        return 0.0, f"{y.start} is not the {named} its report names"
    if kind == "month_day" and y.month_day is not None:
        gap = abs((dt.date(2000, *x.month_day) - dt.date(2000, *y.month_day)).days)
    elif kind == "weekday" and y.weekday is not None and y.month_day is None:
        gap = min((x.weekday - y.weekday) % 7, (y.weekday - x.weekday) % 7)  # type: ignore[operator]
    else:
        return None
    if gap == 0:
        return NAMED_DAY_BOTH[kind], f"both told on {named}"
    if gap <= DAY_SLACK:
        return min(NAMED_DAY_BESIDE[kind], NAMED_DAY_BOTH[kind]), f"told on days side by side ({named} and the other's)"
    return 0.0, f"told on other days ({named} and the other's)"


def named_day(a: Sighting, b: Sighting) -> tuple[float, str] | None:
    """(evidence, words) from the days the reports name for events without a date of their own, or None.

    The weaker side wins (a misfit, evidence 0.0, over a fit). See ``NAMED_DAY``.
    """
    verdicts = [fit for x, y in ((a, b), (b, a))
                if x.dated_by != "event" and (x.weekday is not None or x.month_day is not None)
                and (fit := _named_fit(x, y)) is not None]
    return min(verdicts, key=lambda v: v[0]) if verdicts else None


def day_misfit(a: Sighting, b: Sighting) -> bool:
    """Whether a day a report names for an event without a date of its own rules out the other's date."""
    found = named_day(a, b)
    return found is not None and found[0] == 0.0


def compare_dates(a: Sighting, b: Sighting, *, sole: bool = False) -> tuple[float, str] | None:
    """(evidence 0..1, words) for two dates, or None when they rule the pair out.

    ``sole`` says that the side(s) their reports do not date are each the sole
    fit of the other (``sole_fits``): their evidence is then ``SOLE_DATE``
    instead of the weak "date of one unknown" (0.25) or "reported in the same
    days" (0.3). A day the report names for such a side (``named_day``) gives
    its own evidence; one that does not fit gives none, sole fit or not.
    """
    base = _compare_dates(a, b, sole=sole)
    if base is None or (a.dated_by == "event" and b.dated_by == "event"):
        return base
    named = named_day(a, b)
    if named is None:
        return base
    if named[0] == 0.0:
        return named
    return named if named[0] >= base[0] else base


def _compare_dates(a: Sighting, b: Sighting, *, sole: bool = False) -> tuple[float, str] | None:
    if a.start is None or b.start is None or a.end is None or b.end is None:
        if sole:
            return SOLE_DATE, "date unknown but nothing else on record there fits"
        return 0.25, "date of one unknown"
    gap = max((a.start - b.end).days, (b.start - a.end).days, 0)
    by_event = a.dated_by == "event" and b.dated_by == "event"
    if by_event and a.start == a.end and b.start == b.end:
        if gap == 0:
            return 1.0, "same day"
        if gap <= DAY_SLACK:
            return 0.7, "a day apart"
        return None
    if gap > (DAY_SLACK if by_event else 0):
        return None
    if by_event:
        return 0.75, "dates overlap"
    if sole:
        return SOLE_DATE, "reported in the same days and nothing else on record there fits"
    dated = [x for x in (a, b) if x.dated_by == "event"]
    loose = [x for x in (a, b) if x.dated_by == "report"]
    if dated and loose and (loose[0].end - dated[0].end).days <= RECENT_DAYS:  # type: ignore[operator]
        return RECENT_DATE, "told in a report published within days of it"
    return 0.3, "reported in the same days"


def compare_types(a: Sighting, b: Sighting) -> tuple[float, str] | None:
    """(evidence 0..1, words) for two event types, or None when they cannot be one happening.

    The same type 1.0; a type and a less specific word for it (``GENERIC_OF``: a
    bombing and a suicide bombing) ``GENERIC_TYPE``; two types of one family
    (``FAMILIES``: an airstrike and shelling) 0.75; a massacre and any type 0.6;
    a vague type ("other", "attack") and any type 0.4.

    >>> compare_types(Sighting("a", "r1", "bombing"), Sighting("b", "r2", "suicide_bombing"))
    (0.9, 'a bombing and a suicide bombing')
    """
    ta, tb = a.event_type, b.event_type
    if ta == tb and ta not in VAGUE_TYPES:
        return 1.0, f"both {TYPE_WORDS.get(ta, ta)}"
    if ta in VAGUE_TYPES or tb in VAGUE_TYPES:
        return 0.4, f"{TYPE_WORDS.get(ta, ta)} and {TYPE_WORDS.get(tb, tb)}"
    if ta in BROAD_TYPES or tb in BROAD_TYPES:
        return 0.6, f"{TYPE_WORDS.get(ta, ta)} and {TYPE_WORDS.get(tb, tb)}"
    if tb in GENERIC_OF.get(ta, ()) or ta in GENERIC_OF.get(tb, ()):
        return GENERIC_TYPE, f"{TYPE_WORDS.get(ta, ta)} and {TYPE_WORDS.get(tb, tb)}"
    if compatible(ta, tb):
        return 0.75, f"{TYPE_WORDS.get(ta, ta)} and {TYPE_WORDS.get(tb, tb)}"
    return None


def compatible(a: str, b: str) -> bool:
    """Whether two event types can describe one happening (``FAMILIES``, ``VAGUE_TYPES``).

    >>> compatible("explosion", "suicide_bombing"), compatible("clash", "airstrike")
    (True, False)
    """
    return a == b or bool({a, b} & (VAGUE_TYPES | BROAD_TYPES)) or any(a in f and b in f for f in FAMILIES)


def compare_figures(a: Sighting, b: Sighting) -> tuple[float, str] | None:
    """(adjustment -0.05..0.05, words) for two killed ranges, or None when they rule the pair out."""
    if a.killed is None or b.killed is None:
        return 0.0, ""
    low = min(a.killed[1], b.killed[1])
    high = max(a.killed[0], b.killed[0])
    if high >= FIGURE_RATIO * max(low, 1) and high - low >= FIGURE_GAP:
        return None
    if low == 0 or high <= 2 * low:
        return 0.05, "figures close"
    return 0.0, "figures differ"


def compare(a: Sighting, b: Sighting, *, join_at: float = JOIN_AT, propose_at: float = PROPOSE_AT,
            sole: bool | None = None) -> Match:
    """Score two events as one incident, with the reason in plain words.

    ``sole`` (set by ``link`` from ``sole_fits`` when a side has no date of its
    own): True when each such side has no other happening on record to be
    (its date evidence is ``SOLE_DATE``, see ``compare_dates``); False when
    such a side fits another happening as well (``torn``): the pair is then
    proposed at most, never joined, since without a date nothing tells which
    happening it is. None: neither (the score alone decides).

    >>> x = Sighting("e1", "r1", "bombing", dt.date(2017, 3, 11), dt.date(2017, 3, 11), "event", "p1", "Jobar")
    >>> compare(x, Sighting("e2", "r2", "bombing", x.start, x.end, "event", "p1", "Jobar")).reason
    'same place (Jobar) and same day, both a bombing'
    """
    if a.report_id and a.report_id == b.report_id:
        return Match(a.id, b.id, 0.0, "apart", "both from one report")
    if a.dataset and a.dataset == b.dataset:
        return Match(a.id, b.id, 0.0, "apart", f"both rows of {a.dataset}, which tells its events apart")
    # The cheap tests first: most candidate pairs fall on the date or the type.
    date = compare_dates(a, b, sole=bool(sole))
    if date is None:
        return Match(a.id, b.id, 0.0, "apart", f"different dates ({a.start} and {b.start})")
    kind = compare_types(a, b)
    if kind is None:
        return Match(a.id, b.id, 0.0, "apart", f"types that differ ({TYPE_WORDS.get(a.event_type, a.event_type)} "
                                               f"and {TYPE_WORDS.get(b.event_type, b.event_type)})")
    figures = compare_figures(a, b)
    if figures is None:
        return Match(a.id, b.id, 0.0, "apart", f"figures too far apart ({a.killed} and {b.killed} killed)")
    place = compare_places(a, b)
    if place is None:
        return Match(a.id, b.id, 0.0, "apart", f"different places ({a.name or '?'} and {b.name or '?'})")
    assert place and date and kind and figures
    score = WEIGHTS["place"] * place[0] + WEIGHTS["date"] * date[0] + WEIGHTS["type"] * kind[0] + figures[0]
    score = round(max(0.0, min(1.0, score)), 3)
    reason = f"{place[1]} and {date[1]}, {kind[1]}" + (f"; {figures[1]}" if figures[1] else "")
    decision = "join" if score >= join_at else "propose" if score >= propose_at else "apart"
    if sole is False and decision == "join" and (a.dated_by != "event" or b.dated_by != "event"):
        decision, reason = "propose", reason + "; without a date of its own it may be another happening there"
    return Match(a.id, b.id, score, decision, reason)


def consistent(a: Sighting, b: Sighting) -> bool:
    """Whether two events tell one consistent story: nothing rules the pair out (place, date, type, figures),
    no day a report names misfits (``day_misfit``), and their killed figures are within a factor of two of each
    other, or one has none."""
    if compare_dates(a, b) is None or compare_types(a, b) is None or compare_places(a, b) is None \
            or day_misfit(a, b):
        return False
    figures = compare_figures(a, b)
    return figures is not None and figures[1] != "figures differ"


def undated_candidates(items: list[Sighting], pairs: Iterable[tuple[int, int]], *,
                       propose_at: float = PROPOSE_AT) -> dict[int, list[int]]:
    """For each event without a date of its own (``dated_by`` not "event"): the events it could be.

    Its *candidates* are the events of ``pairs`` (index pairs into ``items``)
    it would at least be proposed with if its date were no question
    (``compare`` with ``sole``), unless the day its report names is not
    theirs (``day_misfit``). ``{index: [candidate indices]}``.
    """
    candidates: dict[int, list[int]] = defaultdict(list)
    for i, j in pairs:
        a, b = items[i], items[j]
        if a.dated_by == "event" and b.dated_by == "event":
            continue
        if day_misfit(a, b) or compare(a, b, sole=True, propose_at=propose_at).decision == "apart":
            continue
        for u, v in ((i, j), (j, i)):
            if items[u].dated_by != "event":
                candidates[u].append(v)
    return dict(candidates)


def sole_fits(items: list[Sighting], candidates: Mapping[int, list[int]]) -> set[int]:
    """Indices of the events without a date of their own that are a sole fit.

    An event whose report gives no date (or only its publication's days) could
    be any happening of its kind at its place. It is a sole fit when it has one
    to ``SOLE_MAX_CANDIDATES`` candidates (``undated_candidates``) and it and
    all of them, pair by pair, are ``consistent``: everything on record there
    that it fits tells one happening (Kramatorsk's station in four reports),
    so the missing date leaves no other choice. Two candidates that cannot be
    one (the courthouse and the restaurant of one afternoon, tolls of 2 and
    45, dates a week apart) leave it no sole fit. Grows with the square of the
    candidates, bounded by ``SOLE_MAX_CANDIDATES``.
    """
    sole: set[int] = set()
    for u, found in candidates.items():
        if len(found) > SOLE_MAX_CANDIDATES:
            continue
        story = [u, *found]
        if all(consistent(items[x], items[y]) for k, x in enumerate(story) for y in story[k + 1:]):
            sole.add(u)
    return sole


def torn(items: list[Sighting], candidates: Mapping[int, list[int]], u: int, v: int) -> bool:
    """Whether the undated event ``u`` fits another happening as well as ``v``'s: a candidate ``consistent``
    with ``u`` that is surely another happening than ``v``'s (``two_happenings``: the same town's bombing a week
    later). Then nothing tells which one it is, and the pair is proposed, never joined. More than
    ``SOLE_MAX_CANDIDATES`` candidates: torn."""
    found = candidates.get(u, [])
    if len(found) > SOLE_MAX_CANDIDATES:
        return True
    return any(w != v and consistent(items[u], items[w]) and two_happenings(items[v], items[w]) for w in found)


def two_happenings(v: Sighting, w: Sighting) -> bool:
    """Whether two events are surely two happenings: something rules the pair out (place, date, type, figures
    grossly apart, a day a report names), or both have dates of their own and still do not tell one story
    (``consistent``: tolls more than twice apart on the same days).

    A toll of an event without a date of its own is no such proof: it may be an
    early or a late count of the same happening (Kabul airport, 26 August 2021:
    13 dead that evening, 170 two days later), told on a day nothing records.
    """
    if ruled_out(v, w) or day_misfit(v, w):
        return True
    return v.dated_by == "event" and w.dated_by == "event" and not consistent(v, w)


def ruled_out(a: Sighting, b: Sighting) -> bool:
    """Whether the date, the types, the figures or the places of two events rule the pair out (each compare
    gives None); the cheap tests first."""
    return compare_dates(a, b) is None or compare_types(a, b) is None or compare_figures(a, b) is None \
        or compare_places(a, b) is None


# -- blocking ----------------------------------------------------------------------------------------
def block_keys(s: Sighting) -> tuple[str, ...]:
    """The blocks an event is compared within: its first-level division, its place name's skeleton and telling
    words; and a city's (to a governorate's) name words and an unplaced name's sentence's words ("q:")."""
    keys = []
    if s.admin1:
        keys.append("a:" + name_key(s.admin1))
    if s.parent and not s.located:  # an unplaced name meets the place its report puts it in
        keys.append("n:" + _skeleton(s.parent))
    if s.name:
        keys.append("n:" + _skeleton(s.name))
        keys.extend("t:" + token for token in sorted(_tokens(s.name)))
    # An unplaced name meets the placed events its sentence names ("Karada in the center of Baghdad"): in the
    # "q:" blocks, where only a placed and an unplaced event are paired (``candidate_pairs``).
    if s.located and s.name and RANK["city"] <= RANK.get(s.precision or "", 1) <= RANK["governorate"]:
        keys.extend("q:" + token for token in sorted(_tokens(s.name)))
    elif not s.located and s.quote:
        keys.extend("q:" + token for token in sorted(s.quote_words))
    return tuple(dict.fromkeys(keys)) or ("?",)


def candidate_pairs(sightings: list[Sighting]) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) worth comparing: same block and dates within a day of overlapping.

    Blocks are ``block_keys``: the first-level division, the place name's
    skeleton and each telling word of it, so a district meets its city (same
    ``admin1``) and "Rann IDP camp" meets "Rann". Within a block events are
    swept in date order, so the work grows with the events per block and day,
    not with the square of all events. Undated events are compared with every
    event of their block. Two rows of one data set are never paired
    (``compare`` keeps them apart anyway). A name nothing places and whose
    sentence names no city "may lie in" any city (``UNSURE_PLACE``), and two
    such names may lie anywhere: such a proposal is made only where a block
    brings the two together.
    ``tests/test_incident.py`` checks that no other pair ``compare`` would join
    or propose is missed.
    """
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sightings):
        for key in block_keys(s):
            blocks[key].append(i)
    seen: set[tuple[int, int]] = set()
    slack = dt.timedelta(days=DAY_SLACK)
    for key, members in blocks.items():
        across = key.startswith("q:")  # a placed event and an unplaced one whose sentence names it: pair only those
        if across and (all(sightings[i].located for i in members) or not any(sightings[i].located for i in members)):
            continue
        kinds = {sightings[i].dataset for i in members}
        if len(kinds) == 1 and None not in kinds:
            continue  # rows of one data set only: its coders told them apart
        dated = sorted((i for i in members if sightings[i].start is not None),
                       key=lambda i: sightings[i].start)  # type: ignore[arg-type,return-value]
        undated = [i for i in members if sightings[i].start is None]
        # The events still open, by data set (None: reports). A data set's rows are never compared with each
        # other; its list is pruned only when another kind of event meets it, so 100,000 ACLED rows in one
        # block cost one pass, not a pass per row.
        active: dict[str | None, list[int]] = defaultdict(list)
        for i in dated:
            s = sightings[i]
            for kind, waiting in active.items():
                if kind is not None and kind == s.dataset:
                    continue
                waiting = [j for j in waiting if sightings[j].end + slack >= s.start]  # type: ignore[operator]
                active[kind] = waiting
                for j in waiting:
                    pair = (j, i) if j < i else (i, j)
                    if across and s.located == sightings[j].located:
                        continue
                    if pair not in seen:
                        seen.add(pair)
                        yield pair
            active[s.dataset].append(i)
        for k, i in enumerate(undated):
            kind = sightings[i].dataset
            for j in undated[k + 1:] + dated:
                if (kind is not None and sightings[j].dataset == kind) \
                        or (across and sightings[i].located == sightings[j].located):
                    continue
                pair = (j, i) if j < i else (i, j)
                if pair not in seen:
                    seen.add(pair)
                    yield pair


# -- grouping ----------------------------------------------------------------------------------------
def incident_id(event_ids: Iterable[str]) -> str:
    """A stable id for a group: the same events give the same id on every relink.

    >>> incident_id(["b", "a"]) == incident_id(["a", "b"])
    True
    """
    first = min(event_ids)
    return "inc-" + hashlib.sha1(first.encode("utf-8")).hexdigest()[:16]


def link(sightings: Iterable[Sighting], *, auto: bool = True, join_at: float = JOIN_AT,
         propose_at: float = PROPOSE_AT, must_link: Iterable[tuple[str, str]] = (),
         cannot_link: Iterable[tuple[str, str]] = ()) -> Linking:
    """Group events into incidents.

    ``auto`` False turns automatic joins off: matches above ``join_at`` are
    proposed instead, and only ``must_link`` pairs (editors' joins and
    confirmed proposals) group events. ``cannot_link`` pairs (editors' splits
    and rejected proposals) never end in one incident. The result does not
    depend on the order of ``sightings``.
    """
    items = sorted(sightings, key=lambda s: s.id)
    index = {s.id: i for i, s in enumerate(items)}
    parent = list(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
    banned: set[tuple[int, int]] = set()
    for x, y in cannot_link:
        if x in index and y in index:
            banned.add((min(index[x], index[y]), max(index[x], index[y])))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def blocked(ra: int, rb: int, *, editor: bool) -> bool:
        for i in members[ra]:
            for j in members[rb]:
                if (min(i, j), max(i, j)) in banned:
                    return True
                if not editor and ((items[i].report_id and items[i].report_id == items[j].report_id)
                                   or (items[i].dataset and items[i].dataset == items[j].dataset)):
                    return True
        return False

    def unite(ra: int, rb: int) -> None:
        if len(members[ra]) < len(members[rb]):
            ra, rb = rb, ra
        parent[rb] = ra
        members[ra].extend(members.pop(rb))

    for x, y in must_link:
        if x in index and y in index:
            ra, rb = root(index[x]), root(index[y])
            if ra != rb and not blocked(ra, rb, editor=True):
                unite(ra, rb)
    scored = [(-match.score, i, j, match) for i, j, match in scored_pairs(items, join_at=join_at,
                                                                          propose_at=propose_at)
              if match.decision != "apart"]
    scored.sort(key=lambda t: t[:3])
    # Pairs ruled out within a group that would form: checked lazily, only for the groups a join would unite.
    joins: list[Match] = []
    proposals: list[Match] = []
    for _, i, j, match in scored:
        ra, rb = root(i), root(j)
        if ra == rb:
            continue
        if auto and match.decision == "join":
            if blocked(ra, rb, editor=False):
                continue
            if _ruled_out(items, members[ra], members[rb]):  # a strong pair the groups disagree about: ask
                proposals.append(Match(match.a, match.b, match.score, "propose", match.reason))
                continue
            unite(ra, rb)
            joins.append(match)
        else:
            if not blocked(ra, rb, editor=False):
                proposals.append(match if match.decision == "propose" else
                                 Match(match.a, match.b, match.score, "propose", match.reason))
    incident_of: dict[str, str] = {}
    for r, group in members.items():
        ident = incident_id(items[k].id for k in group)
        for k in group:
            incident_of[items[k].id] = ident
    # Keep only proposals still between two incidents, one per pair of incidents (the best).
    best: dict[tuple[str, str], Match] = {}
    for match in proposals:
        ia, ib = incident_of[match.a], incident_of[match.b]
        if ia == ib:
            continue
        key = (min(ia, ib), max(ia, ib))
        if key not in best:
            best[key] = match
    return Linking(incident_of, joins, list(best.values()))


def scored_pairs(items: list[Sighting], *, join_at: float = JOIN_AT,
                 propose_at: float = PROPOSE_AT) -> Iterator[tuple[int, int, Match]]:
    """Every candidate pair (``candidate_pairs``) of ``items`` with its ``Match``, as ``link`` scores it.

    Pairs of two dated events are scored as they come; those with a side its
    report does not date wait until every such side's candidates are known: a
    sole fit (``sole_fits``) counts its missing date as agreeing, a torn one
    (``torn``) is proposed at most. Yields ``(i, j, match)`` with i < j,
    indices into ``items``; "apart" matches included.
    """
    waiting: list[tuple[int, int]] = []
    for i, j in candidate_pairs(items):
        if items[i].dated_by != "event" or items[j].dated_by != "event":
            waiting.append((i, j))
            continue
        yield i, j, compare(items[i], items[j], join_at=join_at, propose_at=propose_at)
    choices = undated_candidates(items, waiting, propose_at=propose_at)
    sole = sole_fits(items, choices)
    for i, j in waiting:
        loose = [(u, v) for u, v in ((i, j), (j, i)) if items[u].dated_by != "event"]
        verdict = None
        if loose and all(u in sole for u, _ in loose):
            verdict = True
        elif any(torn(items, choices, u, v) for u, v in loose):
            verdict = False
        yield i, j, compare(items[i], items[j], join_at=join_at, propose_at=propose_at, sole=verdict)


def _ruled_out(items: list[Sighting], left: list[int], right: list[int]) -> bool:
    """Whether some event of one group cannot be the same happening as some event of the other."""
    if len(left) * len(right) > 400:  # a very large group: check against its first members only
        left, right = left[:20], right[:20]
    return any(ruled_out(items[i], items[j]) for i in left for j in right)


# -- scoring against a gold grouping -----------------------------------------------------------------
@dataclass(frozen=True)
class PairScore:
    """Pairwise precision and recall over pairs of reports grouped together."""

    precision: float
    recall: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    decoy_links: int

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def report_pairs(groups: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    """Pairs of reports that share a group (a report may be in several groups)."""
    pairs: set[tuple[str, str]] = set()
    for group in groups:
        ordered = sorted(set(group))
        pairs.update((x, y) for k, x in enumerate(ordered) for y in ordered[k + 1:])
    return pairs


def score_pairs(predicted: Iterable[Iterable[str]], gold: Iterable[Iterable[str]],
                forbidden: Iterable[tuple[str, str]] = ()) -> PairScore:
    """Score predicted report groups against gold ones (the incident set's README's "simple score").

    ``forbidden`` pairs of reports (a decoy and a report of the incident it imitates) that end up grouped
    are counted as ``decoy_links``. Precision is 1.0 when nothing is predicted, recall 1.0 when nothing is true.
    """
    got, want = report_pairs(predicted), report_pairs(gold)
    correct = len(got & want)
    decoys = sum(1 for x, y in forbidden if (min(x, y), max(x, y)) in got)
    return PairScore(correct / len(got) if got else 1.0, correct / len(want) if want else 1.0,
                     len(want), len(got), correct, decoys)
