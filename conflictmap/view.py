"""The analyst's view as a value, and its round trip through the URL.

A team shares the dashboard as a link; the link must reopen the same
window, filters, selection, map position and play state. ``encode`` and
``decode`` are exact inverses for every valid view, and ``decode`` ignores
what it cannot read rather than failing on a hand-edited link.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode, urlsplit, urlunsplit

from conflictmap.filters import Filters, Selection, Window

LIST_KEYS = {"types": "type", "sources": "source", "places": "place", "countries": "country"}
# How the notice names each list filter, as the sidebar labels it.
LIST_WORDS = {"types": "event type", "sources": "source", "places": "place", "countries": "country"}


@dataclass(frozen=True)
class View:
    """What the dashboard shows."""

    start: dt.date | None = None
    end: dt.date | None = None
    event: str | None = None
    filters: Filters = field(default_factory=Filters)
    lat: float | None = None
    lon: float | None = None
    zoom: int | None = None
    playing: bool = False

    def clamp(self, low: dt.date, high: dt.date) -> "View":
        """The view with its window inside ``low``..``high`` (the data's span) and in order."""
        start = min(max(self.start or low, low), high)
        end = max(min(self.end or high, high), low)
        if start > end:
            start, end = low, high
        return replace(self, start=start, end=end)

    @property
    def selection(self) -> Selection:
        return Selection(Window(self.start, self.end), self.filters)

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


def encode(view: View) -> dict[str, str | list[str]]:
    """The URL query parameters of a view; lists become repeated parameters.

    >>> encode(View(dt.date(2013, 2, 1), dt.date(2013, 2, 9), "e1"))
    {'from': '2013-02-01', 'to': '2013-02-09', 'event': 'e1'}
    """
    params: dict[str, str | list[str]] = {}
    if view.start:
        params["from"] = view.start.isoformat()
    if view.end:
        params["to"] = view.end.isoformat()
    if view.event:
        params["event"] = view.event
    for attr, key in LIST_KEYS.items():
        values = list(getattr(view.filters, attr))
        if values:
            params[key] = values
    if view.filters.actor:
        params["actor"] = view.filters.actor
    if view.filters.min_killed is not None:
        params["min_killed"] = str(view.filters.min_killed)
    if view.lat is not None and view.lon is not None and view.zoom is not None:
        params["at"] = f"{view.lat:.5f},{view.lon:.5f},{view.zoom}"
    if view.playing:
        params["play"] = "1"
    return params


def decode(params: Mapping[str, str | Sequence[str]]) -> View:
    """A view from URL query parameters; unreadable values are left out."""
    lat, lon, zoom = _position(_one(params, "at"))
    filters = Filters(
        types=_many(params, "type"), sources=_many(params, "source"), places=_many(params, "place"),
        actor=_one(params, "actor") or None, min_killed=_count(_one(params, "min_killed")),
        countries=tuple(c.upper() for c in _many(params, "country") if len(c) == 2 and c.isalpha()))
    return View(start=_date(_one(params, "from")), end=_date(_one(params, "to")),
                event=_one(params, "event") or None, filters=filters, lat=lat, lon=lon, zoom=zoom,
                playing=_one(params, "play") == "1")


def _one(params: Mapping[str, str | Sequence[str]], key: str) -> str | None:
    value = params.get(key)
    if value is None or isinstance(value, str):
        return value
    return value[-1] if len(value) else None


def _many(params: Mapping[str, str | Sequence[str]], key: str) -> tuple[str, ...]:
    value = params.get(key)
    if value is None:
        return ()
    values = [value] if isinstance(value, str) else list(value)
    return tuple(dict.fromkeys(v for v in values if v))


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _count(value: str | None) -> int | None:
    try:
        number = int(value) if value else None
    except ValueError:
        return None
    return number if number is not None and number >= 0 else None


def _position(value: str | None) -> tuple[float | None, float | None, int | None]:
    try:
        lat, lon, zoom = value.split(",") if value else (None, None, None)
        lat, lon, zoom = float(lat), float(lon), int(zoom)
    except (TypeError, ValueError):
        return None, None, None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 <= zoom <= 20):
        return None, None, None
    return round(lat, 5), round(lon, 5), zoom


def page_address(seen: str | None, public: str | None = None, page: str = "") -> str | None:
    """The address a page is reached at, without query: ``scheme://host[:port]/path``.

    ``public`` is the app's root as the world reaches it (a deployment behind
    a proxy: ``https://maps.example.org/conflictmap``), to which ``page`` (the
    page's URL path, "" for the map) is added; without it, ``seen`` (the
    address the browser used, Streamlit's ``st.context.url``) is taken as it
    is. Either must be an http(s) address with a host, else it is ignored;
    None when neither is.

    >>> page_address("http://127.0.0.1:8501/Tallies?from=2013-02-01")
    'http://127.0.0.1:8501/Tallies'
    >>> page_address("http://10.0.0.5:8501/", "https://maps.example.org/conflictmap/", "Tallies")
    'https://maps.example.org/conflictmap/Tallies'
    """
    if public and _web(public):
        root = urlsplit(public.strip())
        path = root.path.rstrip("/") + "/" + page.strip("/")
        return urlunsplit((root.scheme, root.netloc, path, "", ""))
    if seen and _web(seen):
        at = urlsplit(seen.strip())
        return urlunsplit((at.scheme, at.netloc, at.path or "/", "", ""))
    return None


def _web(address: str) -> bool:
    parts = urlsplit(address.strip())
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def link(view: View, address: str | None) -> str:
    """The full link that reopens ``view`` at ``address`` (from ``page_address``); the query alone without one.

    >>> link(View(dt.date(2013, 2, 5), dt.date(2013, 2, 6)), "https://maps.example.org/")
    'https://maps.example.org/?from=2013-02-05&to=2013-02-06'
    """
    query = urlencode(encode(view), doseq=True)
    return (address or "") + (f"?{query}" if query else "")


def unmet(chosen: Mapping[str, Sequence[str]], known: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """The values of each list filter (``types``, ``sources``, ``places``, ``countries``) that the data
    does not have: a link made on other data, or before an edit. They stay in the filter, so the link
    opens exactly what it asks for (nothing), and ``unmet_notice`` says which.

    >>> unmet({"types": ["airstrike", "shelling"], "places": []}, {"types": ["shelling"], "places": ["Homs"]})
    {'types': ('airstrike',)}
    """
    found: dict[str, tuple[str, ...]] = {}
    for name in LIST_KEYS:
        have = set(known.get(name, ()))
        missing = tuple(v for v in chosen.get(name, ()) if v not in have)
        if missing:
            found[name] = missing
    return found


def with_unmet(known: Mapping[str, Sequence[str]], missing: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """The choices a filter widget offers: the data's, then the link's values the data does not have."""
    return {name: [*known.get(name, ()), *missing.get(name, ())] for name in {*known, *missing}}


def unmet_notice(missing: Mapping[str, Sequence[str]], describe: Mapping[str, Callable[[str], str]] | None = None
                 ) -> str | None:
    """A plain sentence naming what no longer applies; None when everything does. ``describe`` gives a
    filter's values in words (a country code as its name); plain text, for the page to escape.

    >>> unmet_notice({"types": ("airstrike",), "places": ("Jobar", "Douma")})
    'Nothing in the data matches event type airstrike; place Jobar, Douma. The map shows what the link asks for.'
    """
    parts = []
    for name, values in missing.items():
        if values:
            words = (describe or {}).get(name, str)
            parts.append(f"{LIST_WORDS.get(name, name)} {', '.join(words(v) for v in values)}")
    if not parts:
        return None
    return f"Nothing in the data matches {'; '.join(parts)}. The map shows what the link asks for."
