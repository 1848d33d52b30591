"""GeoNames country dumps: a whole country, neighbourhoods included, for the offline gazetteer.

The bundled ``cities500`` extract knows towns; a conflict in another country,
or a street-level war in Syria, needs GeoNames' full dump (``XX.txt`` from
download.geonames.org/export/dump/: 19 tab-separated columns). ``import_dump``
reads one, keeps the places reports name (populated places and their
sections, administrative units, camps and airbases) and writes them as a
compact JSON file in the user's data folder, where ``Gazetteer.default()``
finds them on the next start.
"""
from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from conflictmap.places.place import Place, Precision

COLUMNS = ("geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature_class",
           "feature_code", "country_code", "cc2", "admin1_code", "admin2_code", "admin3_code", "admin4_code",
           "population", "elevation", "dem", "timezone", "modification_date")
KEPT_ADMIN = {"ADM1": Precision.GOVERNORATE, "ADM2": Precision.DISTRICT, "ADM3": Precision.DISTRICT,
              "PCLI": Precision.COUNTRY}
KEPT_SPOTS = {"CMPRF", "AIRB", "AIRP", "AIRF"}  # refugee camps and airbases are named as often as towns
SECTION_CODES = {"PPLX"}  # a section of a populated place: a neighbourhood
CITY_CODES = {"PPLC", "PPLA"}
CITY_POPULATION = 50_000
PARENT_RADIUS_KM = 15.0
ENV_HOME = "CONFLICTMAP_HOME"


class ImportRowError(ValueError):
    """A line of a GeoNames dump that is not in the 19-column format."""


@dataclass(frozen=True)
class ImportResult:
    country: str
    places: int
    path: Path


def imported_dir() -> Path:
    """Where imported dumps live: ``$CONFLICTMAP_HOME/gazetteer`` (default ``~/.local/share/conflictmap``)."""
    home = Path(os.environ.get(ENV_HOME) or Path.home() / ".local" / "share" / "conflictmap")
    return home / "gazetteer"


def read_dump(path: str | Path) -> Iterator[dict[str, str]]:
    """The rows of a GeoNames dump as dicts keyed by ``COLUMNS``; a malformed line raises ``ImportRowError``."""
    with open(path, encoding="utf-8", newline="") as handle:
        for line_no, line in enumerate(handle, start=1):
            line = line.rstrip("\n").rstrip("\r")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) != len(COLUMNS):
                raise ImportRowError(f"{Path(path).name} line {line_no}: {len(cells)} columns, "
                                     f"a GeoNames dump has {len(COLUMNS)}")
            yield dict(zip(COLUMNS, cells))


def import_dump(path: str | Path, *, target: Path | None = None) -> ImportResult:
    """Read a GeoNames country dump and store its places for the gazetteer.

    >>> # import_dump("SY.txt") -> ImportResult(country='SY', places=..., path=.../geonames-SY.json)
    """
    rows = [r for r in read_dump(path) if _kept(r)]
    if not rows:
        raise ImportRowError(f"{Path(path).name}: no populated or administrative places in this file")
    countries = {r["country_code"] for r in rows}
    country = max(countries, key=lambda c: sum(1 for r in rows if r["country_code"] == c))
    governorates = {r["admin1_code"]: r["asciiname"] or r["name"] for r in rows
                    if r["feature_code"] == "ADM1" and r["country_code"] == country}
    cities = [r for r in rows if r["feature_class"] == "P" and r["feature_code"] not in SECTION_CODES
              and (r["feature_code"] in CITY_CODES or _int(r["population"]) >= CITY_POPULATION)]
    compact = []
    for r in rows:
        if r["country_code"] != country:
            continue
        parent = _parent(r, cities) if r["feature_code"] in SECTION_CODES else None
        compact.append([int(r["geonameid"]), r["name"], r["asciiname"], r["alternatenames"],
                        round(float(r["latitude"]), 6), round(float(r["longitude"]), 6), r["feature_class"],
                        r["feature_code"], country, governorates.get(r["admin1_code"], r["admin1_code"]),
                        _int(r["population"]), parent, r["admin1_code"]])
    folder = target or imported_dir()
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"geonames-{country}.json"
    tmp = out.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(compact, ensure_ascii=False), encoding="utf-8")
    tmp.replace(out)
    return ImportResult(country, len(compact), out)


def load_imported(folder: Path | None = None, *, admin1_names: dict[str, dict[str, str]] | None = None
                  ) -> list[Place]:
    """Every place of every imported dump, ready for the gazetteer."""
    folder = folder or imported_dir()
    places: list[Place] = []
    if not folder.is_dir():
        return places
    for path in sorted(folder.glob("geonames-*.json")):
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # a half-written or foreign file is not a reason to refuse to start
        names = (admin1_names or {}).get(path.stem.split("-", 1)[1], {})
        places.extend(_place(row, names) for row in rows)
    return places


def _kept(row: dict[str, str]) -> bool:
    fclass, code = row["feature_class"], row["feature_code"]
    return fclass == "P" or (fclass == "A" and code in KEPT_ADMIN) or (fclass == "S" and code in KEPT_SPOTS)


def _place(row: list, admin1_names: dict[str, str]) -> Place:
    gid, name, ascii_name, alternates, lat, lon, fclass, code, country, admin1, population, parent, admin1_code = row
    if fclass == "A":
        precision = KEPT_ADMIN.get(code, Precision.DISTRICT)
    elif code in SECTION_CODES:
        precision = Precision.NEIGHBOURHOOD
    elif code in CITY_CODES or population >= CITY_POPULATION:
        precision = Precision.CITY
    else:
        precision = Precision.TOWN
    alts = tuple(a for a in alternates.split(",") if a and _usable(a))
    return Place(id=f"geonames:{gid}", name=ascii_name or name, lat=lat, lon=lon, precision=precision,
                 admin1=admin1_names.get(admin1_code, admin1) or None, parent=parent, country=country,
                 source=f"geonames:{gid}", population=population, alt_names=(name, *alts))


def _usable(name: str) -> bool:
    if any("\u0600" <= c <= "\u06ff" for c in name):
        return True
    return name[:1].isupper() and len(name) >= 3 and not name.startswith("http")


def _parent(row: dict[str, str], cities: list[dict[str, str]]) -> str | None:
    """The city a neighbourhood belongs to: the nearest city within ``PARENT_RADIUS_KM``."""
    lat, lon = float(row["latitude"]), float(row["longitude"])
    best, best_km = None, PARENT_RADIUS_KM
    for city in cities:
        km = _km(lat, lon, float(city["latitude"]), float(city["longitude"]))
        if km < best_km:
            best, best_km = city["asciiname"] or city["name"], km
    return best


def _km(la1: float, lo1: float, la2: float, lo2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (la1, lo1, la2, lo2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _int(text: str) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return 0
