"""The online geocoder: any geopy provider, Nominatim by default, one request a second at most.

It is the last resort of the chain (``conflictmap.places.chain``): asked only for
names the database and the offline gazetteer do not know. It biases the
search to the country and to the bounding box of the report's context, and
turns every way a provider can fail (no network, timeouts, 429, 500, a body
that is not JSON) into one typed error, ``GeocodeUnavailable``, whose reason
the analyst sees next to the unplaced event.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from conflictmap.places.place import Match, Place, Precision

DEFAULT_PROVIDER = "nominatim"
DEFAULT_USER_AGENT = "conflictmap (https://github.com/conflictmap/conflictmap)"
DEFAULT_TIMEOUT = 10.0
DEFAULT_MIN_DELAY = 1.0  # Nominatim's usage policy: at most one request per second
OFF = frozenset({"", "off", "none", "offline", "0", "false", "no"})
ENV = {
    "provider": "CONFLICTMAP_GEOCODER",
    "user_agent": "CONFLICTMAP_GEOCODER_USER_AGENT",
    "domain": "CONFLICTMAP_GEOCODER_DOMAIN",
    "scheme": "CONFLICTMAP_GEOCODER_SCHEME",
    "timeout": "CONFLICTMAP_GEOCODER_TIMEOUT",
    "min_delay": "CONFLICTMAP_GEOCODER_MIN_DELAY",
    "options": "CONFLICTMAP_GEOCODER_OPTIONS",
}
# Half-width in degrees of the box searched around a context place, by its precision.
BOX_DEGREES = {Precision.NEIGHBOURHOOD: 0.05, Precision.CITY: 0.25, Precision.TOWN: 0.15,
               Precision.DISTRICT: 0.5, Precision.GOVERNORATE: 1.2, Precision.COUNTRY: 6.0}
# Nominatim's addresstype / type, as a precision.
OSM_PRECISION = {
    "neighbourhood": Precision.NEIGHBOURHOOD, "suburb": Precision.NEIGHBOURHOOD, "quarter": Precision.NEIGHBOURHOOD,
    "city_district": Precision.NEIGHBOURHOOD, "borough": Precision.NEIGHBOURHOOD, "residential": Precision.NEIGHBOURHOOD,
    "city": Precision.CITY, "town": Precision.TOWN, "village": Precision.TOWN, "hamlet": Precision.TOWN,
    "isolated_dwelling": Precision.TOWN, "locality": Precision.TOWN, "municipality": Precision.TOWN,
    "county": Precision.DISTRICT, "district": Precision.DISTRICT, "state_district": Precision.DISTRICT,
    "state": Precision.GOVERNORATE, "province": Precision.GOVERNORATE, "region": Precision.GOVERNORATE,
    "country": Precision.COUNTRY,
}


class GeocodeUnavailable(Exception):
    """The provider could not answer: no network, a timeout, a refusal or garbage. ``reason`` says which."""

    def __init__(self, reason: str, *, provider: str = DEFAULT_PROVIDER) -> None:
        super().__init__(f"{provider}: {reason}")
        self.reason = reason
        self.provider = provider


@dataclass(frozen=True)
class OnlineConfig:
    """Which provider to ask and how; read from the environment by ``from_env``.

    ``options`` go to the geopy class as keyword arguments (an ``api_key`` for
    a commercial provider, for instance), so any geopy geocoder can be chosen
    by configuration alone.
    """

    provider: str = DEFAULT_PROVIDER
    user_agent: str = DEFAULT_USER_AGENT
    domain: str | None = None
    scheme: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    min_delay: float = DEFAULT_MIN_DELAY
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def enabled(self) -> bool:
        return self.provider.strip().lower() not in OFF

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "OnlineConfig":
        """``CONFLICTMAP_GEOCODER=off`` disables online lookups; the other variables tune the provider."""
        env = os.environ if environ is None else environ
        options = env.get(ENV["options"])
        return cls(provider=env.get(ENV["provider"], DEFAULT_PROVIDER),
                   user_agent=env.get(ENV["user_agent"]) or DEFAULT_USER_AGENT,
                   domain=env.get(ENV["domain"]) or None, scheme=env.get(ENV["scheme"]) or None,
                   timeout=float(env.get(ENV["timeout"]) or DEFAULT_TIMEOUT),
                   min_delay=float(env.get(ENV["min_delay"]) or DEFAULT_MIN_DELAY),
                   options=json.loads(options) if options else {})


class OnlineGeocoder:
    """A geopy geocoder behind geopy's ``RateLimiter``, answering with ``Match`` like the gazetteer.

    >>> # OnlineGeocoder(OnlineConfig(domain="127.0.0.1:8080", scheme="http")).geocode("Jobar")
    """

    def __init__(self, config: OnlineConfig | None = None, *, country: str = "SY",
                 sleep: Callable[[float], None] | None = None) -> None:
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import get_geocoder_for_service

        self.config = config or OnlineConfig()
        self.country = country
        self.provider = self.config.provider.strip().lower()
        kwargs: dict[str, Any] = {"user_agent": self.config.user_agent, "timeout": self.config.timeout,
                                  **dict(self.config.options)}
        if self.config.domain:
            kwargs["domain"] = self.config.domain
        if self.config.scheme:
            kwargs["scheme"] = self.config.scheme
        try:
            self._geocoder = get_geocoder_for_service(self.provider)(**kwargs)
        except Exception as exc:  # noqa: BLE001 - an unknown provider or a bad option is a configuration error
            raise ValueError(f"cannot use geocoder {self.provider!r}: {exc}") from exc
        self._limited = RateLimiter(self._geocoder.geocode, min_delay_seconds=self.config.min_delay,
                                    max_retries=0, error_wait_seconds=max(5.0, self.config.min_delay),
                                    swallow_exceptions=False)
        if sleep is not None:  # tests watch the waits instead of sitting through them
            self._watch(sleep)
        self.requests = 0

    @property
    def name(self) -> str:
        return self.provider

    def _watch(self, sleep: Callable[[float], None]) -> None:
        """Hand the limiter's waits to ``sleep`` and let its clock run on by what it waited."""
        from timeit import default_timer

        waited = [0.0]

        def fake_sleep(seconds: float) -> None:
            sleep(seconds)
            waited[0] += seconds

        self._limited._sleep = fake_sleep  # type: ignore[method-assign]
        self._limited._clock = lambda: default_timer() + waited[0]  # type: ignore[method-assign]

    def geocode(self, query: str, *, near: Place | None = None) -> Match | None:
        """The provider's best place for ``query`` in the country, near ``near`` when given.

        Raises ``GeocodeUnavailable`` when the provider cannot answer; returns
        None when it answered that it knows no such place.
        """
        from geopy.exc import GeocoderRateLimited, GeocoderTimedOut, GeocoderUnavailable, GeopyError

        self.requests += 1
        try:
            location = self._limited(query, **self._bias(near))
        except GeocoderTimedOut as exc:
            raise GeocodeUnavailable(f"timed out ({exc})", provider=self.provider) from exc
        except GeocoderRateLimited as exc:
            raise GeocodeUnavailable(f"rate limited by the provider ({exc})", provider=self.provider) from exc
        except GeocoderUnavailable as exc:
            raise GeocodeUnavailable(f"no network or provider down ({exc})", provider=self.provider) from exc
        except GeopyError as exc:
            raise GeocodeUnavailable(f"provider error ({exc})", provider=self.provider) from exc
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise GeocodeUnavailable(f"unreadable answer ({exc!r})", provider=self.provider) from exc
        if location is None:
            return None
        try:
            place = self._place(query, location)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise GeocodeUnavailable(f"unreadable answer ({exc!r})", provider=self.provider) from exc
        confidence = _confidence(location.raw)
        return Match(place=place, mention=query, confidence=confidence)

    def _bias(self, near: Place | None) -> dict[str, Any]:
        """Nominatim's country and viewbox bias, Photon's location bias; other providers get the plain query.

        A bias, not a bound: the chain holds every answer against the country's outline.
        """
        if self.provider == "photon":
            return {"location_bias": (near.lat, near.lon)} if near is not None and near.located else {}
        if self.provider != "nominatim":
            return {}
        bias: dict[str, Any] = {"addressdetails": True}
        if self.country:
            bias["country_codes"] = self.country.lower()
        if near is not None and near.located:
            half = BOX_DEGREES.get(near.precision, 0.3)
            bias["viewbox"] = [(near.lat - half, near.lon - half), (near.lat + half, near.lon + half)]
        return bias

    def _place(self, query: str, location: Any) -> Place:
        raw = location.raw if isinstance(location.raw, Mapping) else {}
        if isinstance(raw.get("properties"), Mapping):  # Photon answers GeoJSON features
            props = raw["properties"]
            raw = {"name": props.get("name"), "type": props.get("type") or props.get("osm_value"),
                   "osm_type": props.get("osm_type"), "osm_id": props.get("osm_id"),
                   "address": {"country_code": props.get("countrycode"), "state": props.get("state"),
                               "city": props.get("city")}}
        if (self.provider == "nominatim" and not (raw.get("lat") and raw.get("lon"))) or \
                (location.latitude == 0 and location.longitude == 0):
            raise ValueError("an answer without coordinates")  # geopy reads missing ones as 0, 0
        kind = str(raw.get("addresstype") or raw.get("type") or "")
        precision = OSM_PRECISION.get(kind, Precision.TOWN)
        address = raw.get("address") if isinstance(raw.get("address"), Mapping) else {}
        name = str(raw.get("name") or "").strip() or str(location.address or query).split(",")[0].strip() or query
        if raw.get("osm_type") and raw.get("osm_id"):
            ident = f"{self.provider}:{raw['osm_type']}/{raw['osm_id']}"
        elif raw.get("place_id"):
            ident = f"{self.provider}:{raw['place_id']}"
        else:
            ident = f"{self.provider}:{location.latitude:.5f},{location.longitude:.5f}"
        parent = address.get("city") or address.get("town") if precision is Precision.NEIGHBOURHOOD else None
        country = str(address.get("country_code") or "").upper()  # as the provider says; the chain checks the outline
        return Place(id=ident, name=name, lat=float(location.latitude), lon=float(location.longitude),
                     precision=precision, admin1=address.get("state"), parent=parent, country=country,
                     source=ident)


def _confidence(raw: Any) -> float:
    """Nominatim's importance, bounded; an online answer is never as sure as a curated row."""
    try:
        importance = float(raw.get("importance"))
    except (AttributeError, TypeError, ValueError):
        return 0.5
    return round(min(0.8, max(0.3, importance)), 3)
