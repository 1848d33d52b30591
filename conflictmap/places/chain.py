"""The geocoding chain, in one place: database → bundled gazetteer → rate-limited online provider.

1. The database: an analyst's pin on the name wins over everything, then a
   provider's earlier answer (cached, so a cache hit never waits for the
   rate limiter and never touches the network).
2. The offline gazetteer (curated rows, GeoNames), with context to pick
   between namesakes; a pin on the place it finds moves it.
3. The online provider, when configured, one request a second; its answer,
   or its "no such place", is cached. When it cannot answer, the place stays
   unresolved with the reason, and ``python -m conflictmap geocode
   --retry-unresolved`` tries again later. Nothing is dropped.

The report's country and context are hard limits: the gazetteer answers
only from the country, and an online answer is refused, with the reason,
when it lies outside the country's outline (``conflictmap.places.outline``;
the provider's own country field is not trusted) or further from the
context than the context's size allows (``CONTEXT_RADIUS_KM``).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from conflictmap.places import outline
from conflictmap.places.gazetteer import CONTEXT_RADIUS_KM, Gazetteer, distance_km, name_key
from conflictmap.places.online import GeocodeUnavailable, OnlineConfig, OnlineGeocoder
from conflictmap.places.place import Match, Place, Precision
from conflictmap.store import EventStore

NO_PROVIDER = "not in the offline gazetteer, and online lookups are off"


@dataclass(frozen=True)
class Resolution:
    """What the chain found for a name, which link found it, and why not when nothing did."""

    query: str
    near: str | None
    match: Match | None
    via: str  # "pin", "cache", "gazetteer", "online" or "none"
    reason: str | None = None

    @property
    def resolved(self) -> bool:
        return self.match is not None and self.match.place.located


@dataclass
class RetrySummary:
    """What ``retry_unresolved`` did: events placed, and why the others are still unplaced."""

    tried: int = 0
    placed: int = 0
    reasons: dict[str, int] = field(default_factory=dict)


class Geocoder:
    """Anything with ``geocode(query, *, near=None) -> Match | None``; this one chains the three sources.

    >>> # Geocoder(Gazetteer.default(), store=EventStore(), online=OnlineGeocoder()).geocode("Jobar")
    """

    def __init__(self, gazetteer: Gazetteer, *, store: EventStore | None = None,
                 online: OnlineGeocoder | None = None, country: str | None = "SY") -> None:
        self.gazetteer = gazetteer
        self.store = store
        self.online = online
        self.country = country
        self._down: str | None = None  # once the provider fails, the rest of the run stays offline

    @classmethod
    def configured(cls, gazetteer: Gazetteer, store: EventStore | None, *, offline: bool = False,
                   config: OnlineConfig | None = None, country: str | None = "SY") -> "Geocoder":
        """The chain as the environment configures it (``CONFLICTMAP_GEOCODER`` …); ``offline`` skips the network."""
        config = config or OnlineConfig.from_env()
        online = None if offline or not config.enabled else OnlineGeocoder(config, country=country or "")
        return cls(gazetteer, store=store, online=online, country=country)

    def geocode(self, query: str, *, near: str | Place | None = None) -> Match | None:
        return self.resolve(query, near=near).match

    def resolve(self, query: str, *, near: str | Place | None = None) -> Resolution:
        """Walk the chain for one name; see the module docstring for the order."""
        near_text = near.name if isinstance(near, Place) else near
        anchor = self.gazetteer.anchor(near, country=self.country)
        country = self.country or (anchor.country if anchor is not None else None)
        key = name_key(query)
        if self.store is not None:
            pin = self.store.pin_for(f"name:{key}")
            if pin is not None:
                return Resolution(query, near_text, Match(_pinned(pin), query, 1.0), "pin")
            cached = self.store.cached_answer(self.cache_key(query, anchor))
            if cached is not None and cached["found"] and refusal(_cached(cached), country, anchor) is None:
                return Resolution(query, near_text, Match(_cached(cached), query, cached["confidence"] or 0.5),
                                  "cache")
        else:
            cached = None
        match = self.gazetteer.geocode(query, near=anchor if anchor is not None else near, strict=anchor is not None,
                                       country=country)
        if match is not None:
            return self._with_pin(Resolution(query, near_text, match, "gazetteer"))
        if cached is not None:  # the provider said before that it knows no such place
            return Resolution(query, near_text, None, "cache", f"{cached['provider']} knows no such place")
        if self.online is None:
            return Resolution(query, near_text, None, "none", NO_PROVIDER)
        if self._down is not None:
            return Resolution(query, near_text, None, "none", self._down)
        try:
            found = self.online.geocode(query, near=anchor)
        except GeocodeUnavailable as exc:
            self._down = str(exc)
            return Resolution(query, near_text, None, "none", str(exc))
        refused = refusal(found.place, country, anchor) if found is not None else None
        if refused is not None:  # biased, not bounded: a namesake abroad is not the place the report means
            return Resolution(query, near_text, None, "online", f"{self.online.name}: {refused}")
        if found is not None and country:
            found = replace(found, place=replace(found.place, country=country))  # the outline said so
        if self.store is not None:
            self.store.cache_answer(self.cache_key(query, anchor), provider=self.online.name, query=query,
                                    near=anchor.name if anchor else None,
                                    place={**place_record(found.place), "confidence": found.confidence}
                                    if found else None, raw=None)
        if found is None:
            return Resolution(query, near_text, None, "online", f"{self.online.name} knows no such place")
        return Resolution(query, near_text, found, "online")

    def cache_key(self, query: str, anchor: Place | None) -> str:
        provider = self.online.name if self.online is not None else "-"
        return "|".join((provider, self.country or "", name_key(anchor.name) if anchor else "", name_key(query)))

    def _with_pin(self, resolution: Resolution) -> Resolution:
        """A gazetteer place an analyst has moved is used where the analyst put it."""
        if self.store is None or resolution.match is None:
            return resolution
        pin = self.store.pin_for(resolution.match.place.id)
        if pin is None:
            return resolution
        moved = replace(resolution.match.place, lat=pin["lat"], lon=pin["lon"], source=_pin_source(pin))
        return replace(resolution, match=replace(resolution.match, place=moved, confidence=1.0), via="pin")


def retry_unresolved(store: EventStore, geocoder: Geocoder, *, event_ids: Iterable[str] | None = None
                     ) -> RetrySummary:
    """Try again to place every stored event without a place; keep the reason for those still unplaced.

    The context of each name is the city or governorate its sentence names.
    """
    frame = store.unresolved_events()
    wanted = set(event_ids) if event_ids is not None else None
    summary = RetrySummary()
    seen: dict[tuple[str, str | None], Resolution] = {}
    for row in frame.itertuples(index=False):
        if wanted is not None and row.id not in wanted:
            continue
        summary.tried += 1
        mention = row.place_mention
        setting = geocoder.gazetteer.context(_without(row.quote or "", mention))
        near = setting.name if setting is not None else None
        resolution = seen.get((name_key(mention), near))
        if resolution is None:
            resolution = geocoder.resolve(mention, near=setting)
            seen[(name_key(mention), near)] = resolution
        if resolution.resolved:
            store.place_event(row.id, place_record(resolution.match.place))
            summary.placed += 1
        else:
            reason = resolution.reason or "no place found"
            store.record_attempt(row.id, reason)
            summary.reasons[reason] = summary.reasons.get(reason, 0) + 1
    return summary


def refusal(place: Place, country: str | None, anchor: Place | None) -> str | None:
    """Why an answer cannot be the place a report means, or None when it can.

    Outside ``country``'s outline (Natural Earth, ``outline.within``), or
    further from ``anchor`` than ``CONTEXT_RADIUS_KM`` allows for the
    anchor's precision (a town 15 km, a city 30, a district 60, a
    governorate 150): "--near Daraa" answered in Deir ez-Zor, 480 km away,
    is refused. A country without a bundled outline refuses every answer.
    """
    if not place.located:
        return "an answer without coordinates"
    where = f"{place.display_name} at {place.lat:.4f}, {place.lon:.4f}"
    if country:
        try:
            verdict = outline.within(country, place.lat, place.lon)
        except outline.UnknownCountry:
            return f"{where}: no outline of {country} to check it against"
        if not verdict.inside:
            lies = f"in {', '.join(verdict.elsewhere)}" if verdict.elsewhere else f"{verdict.km_outside:.0f} km outside"
            return f"{where} lies {lies}, not in {country}: refused"
    if anchor is not None and anchor.located and anchor.precision.value in CONTEXT_RADIUS_KM \
            and anchor.precision.value != "country":
        km = distance_km(place, anchor)
        limit = CONTEXT_RADIUS_KM[anchor.precision.value]
        if km > limit:
            return (f"{where} is {km:.0f} km from {anchor.display_name}, further than a "
                    f"{anchor.precision.value}'s {limit:.0f} km: refused")
    return None


def place_record(place: Place) -> dict[str, Any]:
    """A place in the shape the store and the ``extract`` JSON use."""
    return {"id": place.id, "place_id": place.id, "name": place.name, "display_name": place.display_name,
            "lat": place.lat, "lon": place.lon, "precision": place.precision.value, "admin1": place.admin1,
            "country": place.country, "coord_source": place.source}


def _pinned(pin: dict[str, Any]) -> Place:
    return Place(id=pin["place_id"], name=pin["name"], lat=pin["lat"], lon=pin["lon"],
                 precision=Precision(pin["precision"]), admin1=pin["admin1"], source=_pin_source(pin))


def _pin_source(pin: dict[str, Any]) -> str:
    return f"pin by {pin['who']} at {pin['pinned_at']:%Y-%m-%d %H:%M} UTC"


def _cached(row: dict[str, Any]) -> Place:
    return Place(id=row["place_id"], name=row["name"], lat=row["lat"], lon=row["lon"],
                 precision=Precision(row["precision"] or "town"), admin1=row["admin1"],
                 country=row["country"] or "SY", source=row["coord_source"] or row["place_id"])


def _without(text: str, mention: str) -> str:
    return text.replace(mention, " ") if mention else text
