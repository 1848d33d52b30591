"""Nonsense values refused at the door, each with the reason an analyst can act on.

Report text, data-set rows and editors' changes all pass through here before
the store writes them: a coordinate off the globe, a date in the future or
before 1900, a negative or absurd casualty figure, or a breakdown larger than
any sane total is a typo or a broken file, never data. Pure functions, no
database: ``EventStore`` calls them, and the importers call them per row so
a refused row carries its line number while the good rows still land.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

EARLIEST = dt.date(1900, 1, 1)
# A report filed late in the evening west of UTC may be dated tomorrow already.
FUTURE_GRACE = dt.timedelta(days=1)
# No single event or daily total in any war comes near this; above it a figure is a typo.
MAX_CASUALTIES = 1_000_000
FIGURES = ("killed", "injured", "civilians", "rebels", "government", "children", "women", "killed_conventional",
           "injured_conventional", "injured_high")
# Parts of the dead by side: together they cannot exceed a sane total either.
SIDES = ("civilians", "rebels", "government")


@dataclass
class InvalidValue(ValueError):
    """A value refused, with where it sits (``field``) and why, in words for the analyst."""

    field: str
    reason: str

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}"


def coordinates(lat: Any, lon: Any, *, where: str = "place") -> None:
    """Refuse a latitude outside -90..90 or a longitude outside -180..180 (both present or both absent).

    >>> coordinates(33.5, 36.3)
    >>> coordinates(95, 36.3)
    Traceback (most recent call last):
    ...
    conflictmap.validate.InvalidValue: place: latitude 95 is outside -90..90
    """
    if lat is None and lon is None:
        return
    if lat is None or lon is None:
        raise InvalidValue(where, "a coordinate needs both latitude and longitude")
    for name, value, limit in (("latitude", lat, 90), ("longitude", lon, 180)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InvalidValue(where, f"{name} {value!r} is not a number")
        if math.isnan(value) or not -limit <= value <= limit:
            raise InvalidValue(where, f"{name} {value} is outside -{limit}..{limit}")


def date(value: Any, *, where: str = "date", today: dt.date | None = None) -> None:
    """Refuse a date before 1900 or after tomorrow; None (unknown) passes.

    >>> date("2013-02-06")
    >>> date("1899-12-31")
    Traceback (most recent call last):
    ...
    conflictmap.validate.InvalidValue: date: 1899-12-31 is before 1900
    """
    if value is None:
        return
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value))
        except ValueError:
            raise InvalidValue(where, f"{value!r} is not a date (YYYY-MM-DD)") from None
    if value < EARLIEST:
        raise InvalidValue(where, f"{value} is before {EARLIEST.year}")
    if value > date_range(today)[1]:
        raise InvalidValue(where, f"{value} is in the future")


def date_range(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The first and last day ``date`` accepts: (1900-01-01, tomorrow in UTC), for date inputs to offer.

    >>> date_range(dt.date(2026, 11, 30))
    (datetime.date(1900, 1, 1), datetime.date(2026, 12, 1))
    """
    return EARLIEST, (today or dt.datetime.now(dt.timezone.utc).date()) + FUTURE_GRACE


def figures(claim: Mapping[str, Any], *, where: str = "claim") -> None:
    """Refuse negative or absurd casualty figures, and a breakdown by side larger than any sane total.

    >>> figures({"killed": 12, "civilians": 3})
    >>> figures({"killed": -1})
    Traceback (most recent call last):
    ...
    conflictmap.validate.InvalidValue: claim: killed -1 is negative
    """
    for name in FIGURES:
        value = claim.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or \
                (isinstance(value, float) and not value.is_integer()):
            raise InvalidValue(where, f"{name} {value!r} is not a whole number")
        if value < 0:
            raise InvalidValue(where, f"{name} {value} is negative")
        if value > MAX_CASUALTIES:
            raise InvalidValue(where, f"{name} {value} is more than {MAX_CASUALTIES:,}; a typo?")
    parts = sum(claim.get(name) or 0 for name in SIDES)
    if parts > MAX_CASUALTIES:
        raise InvalidValue(where, f"the breakdown by side adds up to {parts}, more than {MAX_CASUALTIES:,}")


def claim(item: Mapping[str, Any], *, where: str = "claim") -> None:
    figures(item, where=where)
    date(item.get("date", item.get("claim_date")), where=f"{where} date")


def payload(extraction: Mapping[str, Any]) -> None:
    """Check one report's extraction (the ``extract`` JSON) before it is stored; the first fault is raised.

    >>> payload({"report": {"id": "r1"}, "events": [{"id": "e1", "date": "2999-01-01", "place": {}}]})
    Traceback (most recent call last):
    ...
    conflictmap.validate.InvalidValue: event e1 date: 2999-01-01 is in the future
    """
    report = extraction.get("report") or {}
    date(report.get("pub_date"), where="report pub_date")
    for item in extraction.get("events") or []:
        label = f"event {item.get('id')}"
        place = item.get("place") or {}
        coordinates(place.get("lat"), place.get("lon"), where=f"{label} place")
        date(item.get("date"), where=f"{label} date")
        date(item.get("date_end"), where=f"{label} date_end")
        for n, each in enumerate(item.get("claims") or [], 1):
            claim(each, where=f"{label} claim {n}")
    for n, each in enumerate(extraction.get("nationwide_claims") or [], 1):
        claim(each, where=f"nationwide claim {n}")
