"""Places: where an event happened, and how exactly we know it.

A coordinate without its precision misleads: a pin on the centre of Homs
for an event known only to "Homs province" looks exact and is not. Every
place therefore carries its precision and where its coordinates came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Precision(str, Enum):
    """How exactly a place is known, finest first."""

    NEIGHBOURHOOD = "neighbourhood"
    CITY = "city"
    TOWN = "town"
    DISTRICT = "district"
    GOVERNORATE = "governorate"
    COUNTRY = "country"

    @property
    def acled(self) -> int:
        """ACLED ``geo_precision``: 1 the town itself, 2 near a town or part of a region, 3 a province."""
        return ACLED_GEO_PRECISION[self]

    @property
    def ucdp(self) -> int:
        """UCDP GED ``where_prec``: 1 exact, 2 within 25 km, 3 second-order unit, 4 first-order unit, 6 country."""
        return UCDP_WHERE_PREC[self]


# How each precision is written in the two datasets analysts compare against.
ACLED_GEO_PRECISION = {
    Precision.NEIGHBOURHOOD: 1, Precision.CITY: 1, Precision.TOWN: 1,
    Precision.DISTRICT: 2, Precision.GOVERNORATE: 3, Precision.COUNTRY: 3,
}
UCDP_WHERE_PREC = {
    Precision.NEIGHBOURHOOD: 1, Precision.CITY: 2, Precision.TOWN: 1,
    Precision.DISTRICT: 3, Precision.GOVERNORATE: 4, Precision.COUNTRY: 6,
}


@dataclass(frozen=True)
class Place:
    """A named place with coordinates, precision and provenance.

    ``id`` is stable across runs (a gazetteer id such as ``sy-dam-jobar`` or
    ``geonames:170654``) so that events from different reports meet at the
    same place. ``source`` says where the coordinates come from.
    """

    id: str
    name: str
    lat: float | None
    lon: float | None
    precision: Precision
    admin1: str | None = None
    parent: str | None = None
    country: str = "SY"
    source: str = ""
    population: int = 0
    alt_names: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def display_name(self) -> str:
        """ACLED's "City - District" form for a neighbourhood, the plain name otherwise."""
        if self.parent and self.precision is Precision.NEIGHBOURHOOD:
            return f"{self.parent} - {self.name}"
        return self.name

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class Match:
    """A gazetteer's answer: the place, the words that named it, and how sure it is."""

    place: Place
    mention: str
    confidence: float = 1.0
    alternatives: tuple[Place, ...] = ()
