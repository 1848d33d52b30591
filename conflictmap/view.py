"""The analyst's view as a value, and its round trip through the URL.

A team shares the dashboard as a link; the link must reopen the same
window and selection. ``encode`` and ``decode`` are exact inverses for every
valid view, and ``decode`` ignores what it cannot read rather than failing
on a hand-edited link.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class View:
    """What the dashboard shows: a time window and the selected event."""

    start: dt.date | None = None
    end: dt.date | None = None
    event: str | None = None

    def clamp(self, low: dt.date, high: dt.date) -> "View":
        """The view with its window inside ``low``..``high`` (the data's span) and in order."""
        start = min(max(self.start or low, low), high)
        end = max(min(self.end or high, high), low)
        if start > end:
            start, end = low, high
        return View(start, end, self.event)

    @property
    def caption(self) -> str:
        """The window in plain words, as shown under the slider."""
        if self.start is None or self.end is None:
            return "all dates"
        if self.start == self.end:
            return f"events of {_day(self.start)}"
        return f"events from {_day(self.start)} to {_day(self.end)}"


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def encode(view: View) -> dict[str, str]:
    """The URL query parameters of a view.

    >>> encode(View(dt.date(2013, 2, 1), dt.date(2013, 2, 9), "e1"))
    {'from': '2013-02-01', 'to': '2013-02-09', 'event': 'e1'}
    """
    params: dict[str, str] = {}
    if view.start:
        params["from"] = view.start.isoformat()
    if view.end:
        params["to"] = view.end.isoformat()
    if view.event:
        params["event"] = view.event
    return params


def decode(params: Mapping[str, str]) -> View:
    """A view from URL query parameters; unreadable values are left out."""
    return View(start=_date(params.get("from")), end=_date(params.get("to")),
                event=(params.get("event") or None))


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
