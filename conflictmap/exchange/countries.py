"""The country of an event, in the words and codes ACLED and UCDP write it.

ACLED's ``country`` is a short English name, ``iso`` the numeric ISO 3166-1
code and ``region`` one of ACLED's regions; UCDP's ``country`` is its own
name and ``country_id`` the Gleditsch-Ward number. Names and numeric codes
come from ``pycountry`` (the ISO 3166 tables); ACLED's regions, UCDP's
names where they differ, and G-W numbers are in the small table below, for
the countries the reports conflictmap reads cover.

Sources: ACLED Codebook (2023), "region"; Gleditsch & Ward, "A revised list
of independent states since 1816" (1999, list as updated on
ksgleditsch.com); UCDP GED Codebook 23.1, "country"/"country_id" (Gaza and
the West Bank are coded under Israel, 666).
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry

OUTLINES = Path(__file__).resolve().parents[2] / "data" / "outlines" / "wars-50m.geojson"

# alpha-2: (ACLED country, ACLED region, UCDP country, Gleditsch-Ward number)
TABLE: dict[str, tuple[str, str, str, int]] = {
    "SY": ("Syria", "Middle East", "Syria", 652),
    "IQ": ("Iraq", "Middle East", "Iraq", 645),
    "YE": ("Yemen", "Middle East", "Yemen (North Yemen)", 678),
    "LB": ("Lebanon", "Middle East", "Lebanon", 660),
    "JO": ("Jordan", "Middle East", "Jordan", 663),
    "IL": ("Israel", "Middle East", "Israel", 666),
    "PS": ("Palestine", "Middle East", "Israel", 666),
    "TR": ("Turkey", "Middle East", "Turkey", 640),
    "IR": ("Iran", "Middle East", "Iran", 630),
    "SA": ("Saudi Arabia", "Middle East", "Saudi Arabia", 670),
    "EG": ("Egypt", "Northern Africa", "Egypt", 651),
    "LY": ("Libya", "Northern Africa", "Libya", 620),
    "SD": ("Sudan", "Northern Africa", "Sudan", 625),
    "SS": ("South Sudan", "Eastern Africa", "South Sudan", 626),
    "SO": ("Somalia", "Eastern Africa", "Somalia", 520),
    "ET": ("Ethiopia", "Eastern Africa", "Ethiopia", 530),
    "ML": ("Mali", "Western Africa", "Mali", 432),
    "BF": ("Burkina Faso", "Western Africa", "Burkina Faso", 439),
    "NE": ("Niger", "Western Africa", "Niger", 436),
    "NG": ("Nigeria", "Western Africa", "Nigeria", 475),
    "TD": ("Chad", "Middle Africa", "Chad", 483),
    "CD": ("Democratic Republic of Congo", "Middle Africa", "DR Congo (Zaire)", 490),
    "UA": ("Ukraine", "Europe", "Ukraine", 369),
    "RU": ("Russia", "Europe", "Russia (Soviet Union)", 365),
    "AF": ("Afghanistan", "South Asia", "Afghanistan", 700),
    "MM": ("Myanmar", "Southeast Asia", "Myanmar (Burma)", 775),
}
_BY_NAME = {row[0].lower(): code for code, row in TABLE.items()}
for _code, _row in TABLE.items():  # UCDP's names after ACLED's: "Israel" stays IL although PS is coded under it
    _BY_NAME.setdefault(_row[2].lower(), _code)


@dataclass(frozen=True)
class Country:
    """One country in both data sets' words: ``alpha2`` (ISO), ACLED's name/iso/region, UCDP's name/G-W id."""

    alpha2: str
    acled_name: str
    iso: int
    region: str
    ucdp_name: str
    gw: int | None

    def acled(self) -> dict[str, Any]:
        return {"country": self.acled_name, "iso": self.iso, "region": self.region}

    def ucdp(self) -> dict[str, Any]:
        return {"country": self.ucdp_name, "country_id": "" if self.gw is None else self.gw}


@lru_cache(maxsize=512)
def country(alpha2: str | None) -> Country | None:
    """The country of an ISO 3166-1 alpha-2 code, or None for a code ISO does not have.

    >>> country("SY").iso, country("SY").ucdp_name, country("UA").region
    (760, 'Syria', 'Europe')
    """
    if not alpha2:
        return None
    found = pycountry.countries.get(alpha_2=alpha2.upper())
    if found is None:
        return None
    name = getattr(found, "common_name", None) or found.name
    row = TABLE.get(found.alpha_2)
    if row:
        return Country(found.alpha_2, row[0], int(found.numeric), row[1], row[2], row[3])
    return Country(found.alpha_2, name, int(found.numeric), "", name, None)


@lru_cache(maxsize=512)
def by_name(name: str | None) -> str | None:
    """The alpha-2 code of a country name as ACLED, UCDP, ISO or Natural Earth write it."""
    if not name:
        return None
    text = name.strip()
    if text.lower() in _BY_NAME:
        return _BY_NAME[text.lower()]
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        return None


@lru_cache(maxsize=1024)
def by_number(number: str | int | None) -> str | None:
    """The alpha-2 code of a numeric ISO 3166-1 code ("760", 760)."""
    try:
        found = pycountry.countries.get(numeric=f"{int(float(number)):03d}")  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None
    return found.alpha_2 if found else None


def by_gw(number: str | int | None) -> str | None:
    """The alpha-2 code of a Gleditsch-Ward number in the table (666 gives IL)."""
    try:
        wanted = int(float(number))  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None
    return next((code for code, row in TABLE.items() if row[3] == wanted), None)


def event_country(event: Mapping[str, Any]) -> str | None:
    """The alpha-2 code of an event (an ``events_frame`` record), from what is known of its place.

    In this order: the place's own ``country``; the data set's own fields
    (ACLED ``iso``/``country``, UCDP ``country_id``/``country``) for an
    event imported from one; the country outline holding its coordinates;
    a gazetteer place id's country prefix (``sy-…``). None when nothing
    says.
    """
    code = event.get("country")
    if isinstance(code, str) and len(code) == 2:
        return code.upper()
    raw = event.get("attributes")
    attributes = json.loads(raw) if isinstance(raw, str) and raw else {}
    for found in (by_number(attributes.get("iso")) if attributes.get("iso") not in (None, "") else None,
                  by_gw(attributes.get("country_id")) if attributes.get("country_id") not in (None, "") else None,
                  by_name(attributes.get("country"))):
        if found:
            return found
    lat, lon = event.get("lat"), event.get("lon")
    if isinstance(lat, float) and isinstance(lon, float) and lat == lat and lon == lon:
        found = at_point(round(lat, 6), round(lon, 6))
        if found:
            return found
    place = event.get("place_id")
    if isinstance(place, str) and len(place) > 3 and place[2] == "-" and place[:2].isalpha():
        return place[:2].upper() if country(place[:2]) else None
    return None


@lru_cache(maxsize=1)
def _outlines() -> list[tuple[str, tuple[float, float, float, float], list[list[tuple[float, float]]]]]:
    """The bundled Natural Earth outlines as (alpha-2, bounding box, rings of (lon, lat))."""
    try:
        features = json.loads(OUTLINES.read_text(encoding="utf-8"))["features"]
    except (OSError, ValueError, KeyError):
        return []
    shapes = []
    for feature in features:
        code = by_name(feature.get("properties", {}).get("name"))
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates", [])
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        rings = [[(float(x), float(y)) for x, y, *_ in ring] for polygon in polygons for ring in polygon]
        if not code or not rings:
            continue
        xs = [x for ring in rings for x, _ in ring]
        ys = [y for ring in rings for _, y in ring]
        shapes.append((code, (min(xs), min(ys), max(xs), max(ys)), rings))
    return shapes


@lru_cache(maxsize=65536)
def at_point(lat: float, lon: float) -> str | None:
    """The alpha-2 code of the bundled outline holding a point, or None outside them all.

    The placing code's world outlines (``conflictmap.places.outline``) answer
    where they are installed; otherwise the Levant outlines bundled with the
    map, by the even-odd rule.

    >>> at_point(33.51, 36.29)
    'SY'
    """
    try:
        from conflictmap.places.outline import countries_of
    except ImportError:
        countries_of = None
    if countries_of is not None:
        return countries_of([lat], [lon])[0]
    for code, (x0, y0, x1, y1), rings in _outlines():
        if not (x0 <= lon <= x1 and y0 <= lat <= y1):
            continue
        inside = False
        for ring in rings:
            for (xa, ya), (xb, yb) in zip(ring, ring[1:] + ring[:1]):
                if (ya > lat) != (yb > lat) and lon < xa + (lat - ya) * (xb - xa) / (yb - ya):
                    inside = not inside
        if inside:
            return code
    return None
