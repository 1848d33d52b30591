"""What the analyst narrowed the map to, as values that filter and describe themselves.

Each filter knows both how to select events and how to say so in plain
words, so the caption under the map can never disagree with what the map
shows (datasette's filters work the same way). Filters work on the frames
``EventStore`` returns: events, and the claims of those events.

>>> f = Filters(types=("airstrike",), min_killed=10)
>>> f.describe()
'airstrikes only; with at least 10 killed claimed by some source'
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import pandas as pd

TYPE_WORDS = {
    "clash": "clashes", "shelling": "shelling", "airstrike": "airstrikes", "bombing": "bombings",
    "suicide_bombing": "suicide bombings", "explosion": "explosions", "massacre": "massacres",
    "chemical_attack": "chemical attacks", "other": "other events",
}
ACTOR_KEYS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "side_a", "side_b")


@dataclass(frozen=True)
class Filters:
    """Everything but the time window that narrows the events shown.

    Empty fields filter nothing. ``sources`` keeps events that at least one
    of those sources made a claim about; ``min_killed`` keeps events where
    some source claims at least that many dead (the highest claim counts,
    so a disputed event is not hidden by its lowest figure). ``countries``
    (ISO 3166-1 alpha-2 codes) keeps events placed in those countries, by
    the country outline their point lies in (``places.outline.countries_of``);
    an unplaced event is in no country.
    """

    types: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    actor: str | None = None
    min_killed: int | None = None
    countries: tuple[str, ...] = ()

    def apply(self, events: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``events`` that pass every filter (claims: those of the same events)."""
        keep = pd.Series(True, index=events.index)
        if self.countries:
            keep &= pd.Series(in_countries(events.get("lat"), events.get("lon"), self.countries), index=events.index)
        if self.types:
            keep &= events["event_type"].isin(self.types)
        if self.places:
            wanted = set(self.places)
            admin = events["admin1"] if "admin1" in events else pd.Series(None, index=events.index)
            name = events["place_name"] if "place_name" in events else pd.Series(None, index=events.index)
            keep &= admin.isin(wanted) | name.isin(wanted) | events["place_mention"].isin(wanted)
        if self.actor:
            needle = self.actor.strip().lower()
            keep &= events.get("attributes", pd.Series(None, index=events.index)).map(
                lambda raw: needle in actor_text(raw))
        if self.sources or self.min_killed is not None:
            own = claims[claims["event_id"].isin(set(events.loc[keep, "id"]))] if len(claims) else claims
            if self.sources:
                said = set(own.loc[own["source"].isin(self.sources), "event_id"]) if len(own) else set()
                keep &= events["id"].isin(said)
            if self.min_killed is not None:
                highest = own.groupby("event_id")["killed"].max() if len(own) else pd.Series(dtype=float)
                enough = set(highest[highest >= self.min_killed].index)
                keep &= events["id"].isin(enough)
        return events[keep]

    def describe(self) -> str:
        """The filters in plain words ("" when nothing is filtered)."""
        words = []
        if self.countries:
            words.append("in " + _listing([country_name(c) for c in self.countries], "or"))
        if self.types:
            words.append(_listing([TYPE_WORDS.get(t, t) for t in self.types]) + " only")
        if self.sources:
            words.append("where " + _listing(list(self.sources), "or") + " made a claim")
        if self.places:
            words.append("in " + _listing(list(self.places), "or"))
        if self.actor:
            words.append(f"with an actor named like “{self.actor}”")
        if self.min_killed is not None:
            words.append(f"with at least {self.min_killed} killed claimed by some source")
        return "; ".join(words)

    @property
    def active(self) -> bool:
        return bool(self.types or self.sources or self.places or self.actor or self.min_killed is not None
                    or self.countries)

    def without(self, name: str) -> "Filters":
        """The same filters with one cleared, for a "remove this filter" control."""
        empty = {"types": (), "sources": (), "places": (), "actor": None, "min_killed": None, "countries": ()}
        return replace(self, **{name: empty[name]})


@dataclass(frozen=True)
class Window:
    """The time window: both ends inclusive; None is open."""

    start: dt.date | None = None
    end: dt.date | None = None

    def apply(self, events: pd.DataFrame) -> pd.DataFrame:
        """Events whose span touches the window: an event known only to its week or month shows
        across that span, not on one invented day."""
        if events.empty:
            return events
        begin = pd.to_datetime(events["event_date"])
        finish = pd.to_datetime(events["event_date_end"]) if "event_date_end" in events else begin
        finish = finish.fillna(begin)
        keep = begin.notna()
        if self.start is not None:
            keep &= finish >= pd.Timestamp(self.start)
        if self.end is not None:
            keep &= begin <= pd.Timestamp(self.end)
        return events[keep]

    def describe(self) -> str:
        if self.start is None and self.end is None:
            return "all dates"
        if self.start == self.end:
            return f"on {_day(self.start)}"
        if self.start is None:
            return f"up to {_day(self.end)}"
        if self.end is None:
            return f"from {_day(self.start)}"
        return f"from {_day(self.start)} to {_day(self.end)}"


@dataclass(frozen=True)
class Selection:
    """A window and the filters, with the one caption that states both."""

    window: Window = field(default_factory=Window)
    filters: Filters = field(default_factory=Filters)

    def apply(self, events: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
        return self.filters.apply(self.window.apply(events), claims)

    def caption(self, shown: int) -> str:
        """ "12 events from 1 February 2013 to 9 February 2013; airstrikes only." """
        noun = "event" if shown == 1 else "events"
        text = f"{shown} {noun} {self.window.describe()}"
        more = self.filters.describe()
        return f"{text}; {more}." if more else f"{text}."


def place_labels(pairs: Iterable[tuple[str | None, str | None]], unplaced: Iterable[str | None] = ()
                 ) -> dict[str, str]:
    """What the place filter offers: every governorate and every place name the events carry, of any
    precision, each with the governorate it lies in beside it, sorted by name.

    ``pairs`` are the events' (place name, admin1) pairs (either may be
    None), ``unplaced`` the names reports gave to events no place was found
    for. The keys are the values ``Filters.places`` matches (an admin1, a
    place's name, a report's own name for it); the values are the labels.
    A name that is also a governorate stands for the governorate (the
    filter matches every event in it). Field names: ACLED's ``admin1``.

    >>> place_labels([("Jobar", "Damascus"), ("Damascus", "Damascus"), ("Saraqeb", None)], ["Sakhour"])
    {'Damascus': 'Damascus (governorate)', 'Jobar': 'Jobar, Damascus', 'Sakhour': 'Sakhour (not placed)', 'Saraqeb': 'Saraqeb'}
    """
    within: dict[str, list[str]] = {}
    governorates = set()
    for name, admin in pairs:
        name, admin = (v if isinstance(v, str) and v else None for v in (name, admin))  # NaN, None: no name
        if admin:
            governorates.add(admin)
        if name:
            places = within.setdefault(name, [])
            if admin and admin not in places:
                places.append(admin)
    labels = {name: f"{name} (governorate)" for name in governorates}
    for name, admins in within.items():
        if name not in labels:
            labels[name] = f"{name}, {_listing(sorted(admins), 'or')}" if admins else name
    for name in unplaced:
        if isinstance(name, str) and name and name not in labels:
            labels[name] = f"{name} (not placed)"
    return dict(sorted(labels.items(), key=lambda item: (item[0].casefold(), item[0])))


def in_countries(lats, lons, countries: tuple[str, ...]) -> list[bool]:
    """Whether each point lies in one of ``countries`` (ISO alpha-2); a missing coordinate lies in none."""
    from conflictmap.places.outline import countries_of

    if lats is None or lons is None or len(lats) == 0:
        return [False] * (0 if lats is None else len(lats))
    lats, lons = pd.to_numeric(pd.Series(list(lats)), errors="coerce"), pd.to_numeric(pd.Series(list(lons)), errors="coerce")
    located = (lats.notna() & lons.notna()).to_numpy()
    found = iter(countries_of(lats[located].to_numpy(), lons[located].to_numpy()))
    wanted = set(countries)
    return [bool(ok) and next(found) in wanted for ok in located]


def country_name(code: str) -> str:
    """ "YE" → "Yemen" (countryinfo's name); an unknown code is shown as given."""
    from conflictmap.places.country import countries

    known = countries().get(code)
    return known.name if known else code


def actor_text(raw: object) -> str:
    """The actors an event's attributes name, lower-cased in one string ("" when none are known)."""
    if not raw or not isinstance(raw, str):
        return ""
    try:
        values = json.loads(raw)
    except ValueError:
        return ""
    if not isinstance(values, dict):
        return ""
    return " | ".join(str(values.get(k) or "") for k in ACTOR_KEYS).lower()


def _listing(items: list[str], last: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def _day(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""
