"""Sources: who says a figure, under one canonical name.

Reports name the same monitor a dozen ways ("the Syrian Observatory for
Human Rights", "the Britain-based Observatory", "Rami Abdelrahman", "the
watchdog"). Tallies per source only mean something when these meet under
one name, so every mention resolves through a registry kept in
``data/sources.json`` that users can extend.

Every war has its own "health ministry", "army" and "state media". An
entry's ``generic`` words are such institution words: they name the entry
only in a report about the entry's own ``country`` (ISO 3166-1 alpha-2), or
where a country's name or demonym stands right before them ("Syrian state
media", "Yemen's health ministry"). Its ``aliases`` are proper names and
acronyms ("SANA", "the Houthi-run health ministry"), which name it in any
report.
"""
from __future__ import annotations

import bisect
import functools
import json
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from conflictmap.places.country import countries

REGISTRY_FILE = Path(__file__).resolve().parents[2] / "data" / "sources.json"
KINDS = ("monitor", "state media", "government", "armed group", "activists", "UN/NGO", "hospital", "news agency",
         "dataset")
# A report whose country is not known reads generic words as Syria's, where conflictmap started
# (the reader's own default country is the same).
DEFAULT_COUNTRY = "SY"
_LEAD = re.compile(r"(?:(?:the|The)\s+)?(?:(?:[A-Z][A-Za-z.]*|state)[- ](?:based|run|owned)\s+)?$")
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
# What may follow a source's words: no letter, digit or hyphen, and no apostrophe that glues more letters on
# ("the army's men" reads as the army; "SANA'A" is a city, not SANA).
_AFTER = r"(?![\w-]|['\u2019](?!s\b)\w)"
# Where a source's words may begin: a run of ASCII letters and digits after no word character or hyphen.
_WORD_START = re.compile(r"(?<![\w-])[A-Za-z0-9]+")
# The four letters outside ASCII that Python's re, ignoring case, takes for ASCII ones ("\u0130" for "i", the
# Kelvin sign for "k"; re documentation, re.IGNORECASE). Words and sentences are keyed with these folded.
_ASCII_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_KEY = re.compile(r"[a-z0-9]*")
_RUN = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class Source:
    """A reporter of casualty figures: canonical name, short label, kind, aliases.

    ``country`` is the ISO 3166-1 alpha-2 code of the state or war the source
    belongs to (None for international ones: agencies, the UN, NGOs, data
    sets); ``generic`` lists institution words ("health ministry") that name
    it only in a report about that country.
    """

    name: str
    short: str
    kind: str
    aliases: tuple[str, ...] = ()
    anaphora: tuple[str, ...] = field(default=(), compare=False)
    country: str | None = None
    generic: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class SourceMention:
    """Where a sentence names a source, and the words it used."""

    source: Source
    text: str
    start: int
    end: int
    refers_back: bool = False


@dataclass(frozen=True)
class _Entry:
    """One way of naming a source: the words, whose they are, and how they name it."""

    words: str
    source: Source
    refers_back: bool = False
    generic: bool = False


@dataclass(frozen=True)
class _Scanned:
    """A sentence as the index reads it: where words may begin, and its runs of ASCII letters and digits."""

    text: str
    # (offset, index in ``runs`` of the first run there or after, registry words tried there, country words)
    starts: list[tuple[int, int, tuple[str, ...], tuple[str, ...]]]
    offsets: list[int]  # of ``starts``
    runs: tuple[str, ...]  # in lower case, "U.N.-run" is ("u", "n", "run")


@dataclass(frozen=True)
class _Hit:
    """Where a sentence names a registry's words: plain words, or generic words after a country's name."""

    start: int
    end: int
    named: str | None = None  # the country word of "Yemen's health ministry"
    generic_start: int = 0  # where "health ministry" begins


class _Index:
    """Finds a registry's words in a sentence exactly as one regular expression per country did, cheaper.

    That expression, for a report about country C, was: at a word start (no letter, digit or hyphen
    before), the first of C's words that matches there (every proper name and anaphora and C's generic
    words, longest first, case ignored, any run of spaces or hyphens where the words have a space), else a
    country's name or demonym as written, an optional "'s", spaces and any country's generic words; then
    nothing that continues a word (``_AFTER``). With 2,000 ways of naming, compiling it took 0.1 s for each
    country a process met (on a quiet machine) and searching with it about 1 ms a sentence (BENCHMARKS.md).

    Here the sentence's word starts are looked up by their run of ASCII letters and digits, in lower case,
    in a table built once for every country; only the words that begin with that run are tried there, in the
    order the alternation tried them, and generic words of another country's report are passed over. Words
    whose runs of ASCII letters and digits differ from the sentence's runs there cannot match ("the health
    ministry" where the sentence says "the army"); the rest are tried with a small expression of their own.
    Words that begin with no ASCII letter or digit ("\u00c9ire") are found by one small expression of their
    own. ``scan`` then ``search`` stand for the expression's ``search``.
    """

    def __init__(self, entries: list[_Entry]) -> None:
        plain = {e.words for e in entries if not e.generic}
        # None: words any report reads; else the countries whose reports read them (generic words)
        readers: dict[str, set[str | None]] = defaultdict(set)
        for entry in entries:
            if entry.generic and entry.words not in plain:
                readers[entry.words].add(entry.source.country)
        self._readers: dict[str, frozenset[str | None] | None] = {
            **{w: None for w in plain}, **{w: frozenset(c) for w, c in readers.items()}}
        words = sorted(self._readers, key=len, reverse=True)  # as the alternation tried them
        countries = sorted(_country_words(), key=len, reverse=True)
        self._rank = {w: n for n, w in enumerate(words)}
        self._country_rank = {w: n for n, w in enumerate(countries)}
        self._words: dict[str, tuple[str, ...]] = _by_key(words)
        self._runs = {w: _runs(w) for w in words}
        self._countries: dict[str, tuple[str, ...]] = _by_key(countries)
        odd = [_alias_pattern(w) for w in self._words.get("", ())] + [
            re.escape(w) for w in self._countries.get("", ())]
        self._odd = re.compile(rf"(?<![\w-])(?=(?:{'|'.join(odd)}))", re.IGNORECASE) if odd else None
        # words led by a letter outside ASCII never begin in an ASCII sentence; "(", "'" or nothing may
        self._odd_in_ascii = any(not w[:1].isalpha()
                                 for w in (*self._words.get("", ()), *self._countries.get("", ())))
        bare = "|".join(_alias_pattern(a) for a in sorted({_bare(e.words) for e in entries if e.generic},
                                                           key=len, reverse=True))
        # after a country's name: "'s", spaces, then any country's generic words
        self._generic = re.compile(rf"(?:['\u2019]s)?\s+(?P<generic>{bare}){_AFTER}", re.IGNORECASE)
        self._patterns: dict[str, re.Pattern[str]] = {}

    def scan(self, sentence: str) -> _Scanned:
        """Every place in ``sentence`` some words may begin, with the words to try there."""
        keyed = sentence if sentence.isascii() else sentence.translate(_ASCII_TWINS)
        runs = [(match.start(), match.group().lower()) for match in _RUN.finditer(keyed)]
        found: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        for match in _WORD_START.finditer(keyed):
            key = match.group().lower()
            words, countries = self._words.get(key, ()), self._countries.get(key, ())
            if words or countries:
                found[match.start()] = (words, countries)
        if self._odd is not None and (self._odd_in_ascii or not sentence.isascii()):
            for match in self._odd.finditer(sentence):
                words, countries = found.get(match.start(), ((), ()))
                found[match.start()] = (
                    tuple(sorted({*words, *self._words.get("", ())}, key=self._rank.__getitem__)),
                    tuple(sorted({*countries, *self._countries.get("", ())}, key=self._country_rank.__getitem__)))
        offsets = sorted(found)
        run_starts = [at for at, _ in runs]
        starts = [(at, bisect.bisect_left(run_starts, at), *found[at]) for at in offsets]
        return _Scanned(sentence, starts, offsets, tuple(run for _, run in runs))

    def search(self, scanned: _Scanned, pos: int, country: str) -> _Hit | None:
        """The first words at or after offset ``pos`` that a report about ``country`` reads, as the one
        expression found them."""
        sentence, runs = scanned.text, scanned.runs
        for at, first, words, countries in scanned.starts[bisect.bisect_left(scanned.offsets, pos):]:
            for alias in words:
                readers = self._readers[alias]
                if readers is not None and country not in readers:
                    continue
                # the expression matches ASCII letters and digits to ASCII ones only (and the four twins),
                # so the words it matches hold the very runs the alias holds
                wanted = self._runs[alias]
                if runs[first:first + len(wanted)] != wanted:
                    continue
                if (match := self._pattern(alias).match(sentence, at)) is not None:
                    return _Hit(at, match.end())
            for word in countries:
                if sentence.startswith(word, at) and (
                        match := self._generic.match(sentence, at + len(word))) is not None:
                    return _Hit(at, match.end(), named=word, generic_start=match.start("generic"))
        return None

    def _pattern(self, alias: str) -> re.Pattern[str]:
        pattern = self._patterns.get(alias)
        if pattern is None:
            pattern = self._patterns[alias] = re.compile(_alias_pattern(alias) + _AFTER, re.IGNORECASE)
        return pattern


class SourceRegistry:
    """The known sources, and a matcher that finds them in a sentence.

    >>> reg = SourceRegistry.default()
    >>> [m.source.short for m in reg.find("the Britain-based Observatory said")]
    ['SOHR']
    >>> [m.source.country for m in reg.find("the health ministry said", country="YE")]
    ['YE']
    """

    def __init__(self, sources: list[Source]) -> None:
        self.sources = sources
        self._by_name = {s.name.lower(): s for s in sources}
        entries: list[_Entry] = []
        for source in sources:
            for alias in dict.fromkeys((source.name, *source.aliases)):
                entries.append(_Entry(alias, source))
            for phrase in source.anaphora:
                entries.append(_Entry(phrase, source, refers_back=True))
            for words in source.generic:
                entries.append(_Entry(words, source, generic=True))
        self._entries = entries
        self._by_words: dict[str, list[_Entry]] = {}
        for entry in entries:
            self._by_words.setdefault(_fold(entry.words), []).append(entry)
        # "SANA", "WHO": capitals only; "Amnesty", "Fano": a capital first. Listing another spelling of the
        # same words ("Unicef" beside "UNICEF") lets that spelling through too.
        self._acronyms = {w for w, es in self._by_words.items() if all(e.words.isupper() for e in es)}
        self._proper = {w for w, es in self._by_words.items()
                        if w not in self._acronyms and all(_one_proper_word(e.words) for e in es)}
        # "Yemen's health ministry", "the Sudanese army": generic words named by a country, by country
        self._named: dict[tuple[str, str], Source] = {}
        for entry in entries:
            if entry.generic and entry.source.country:
                key = (entry.source.country, _fold(_bare(entry.words)))
                self._named.setdefault(key, entry.source)
        self._index = _Index(entries)

    @classmethod
    def default(cls) -> "SourceRegistry":
        """The bundled registry plus any file named by ``CONFLICTMAP_SOURCES``."""
        sources = load_sources(REGISTRY_FILE)
        extra = os.environ.get("CONFLICTMAP_SOURCES")
        if extra:
            known = {s.name for s in sources}
            sources += [s for s in load_sources(Path(extra)) if s.name not in known]
        return cls(sources)

    def get(self, name: str) -> Source | None:
        return self._by_name.get(name.lower())

    def find(self, sentence: str, country: str | None = None) -> list[SourceMention]:
        """Sources named in ``sentence``, in order; acronyms must be written in capitals.

        ``country`` is the ISO 3166-1 alpha-2 code of the country the report
        is about (None reads as Syria, ``DEFAULT_COUNTRY``). Generic words
        ("the health ministry", "state media", "the army", "police") name
        that country's entry and no other; proper names ("SANA", "the
        Houthi-run health ministry", "IDF") name their entry in any report;
        a country word right before generic words names whose they are
        ("Syrian state media" in a report about Yemen is Syria's; "the French
        health ministry" names no entry unless the registry has France's).
        Where two entries share words, the report's country's comes first,
        then an international one.

        Phrases such as "the watchdog" come back with ``refers_back`` set: the
        extractor resolves them to the source of that kind named last.
        """
        return list(self._find(sentence, (country or DEFAULT_COUNTRY).upper()))

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - a registry lives as long as the process anyway
    def _find(self, sentence: str, country: str) -> tuple[SourceMention, ...]:
        found: list[SourceMention] = []
        scanned = self._index.scan(sentence)
        pos = 0
        while (hit := self._index.search(scanned, pos, country)) is not None:
            pos = hit.end
            if hit.named is not None:
                owners = _country_codes(hit.named)
                if country in owners:
                    pos = hit.generic_start  # the report's own country: read the words as if unnamed
                    continue
                generic = _fold(sentence[hit.generic_start:hit.end])
                source = next((self._named[o, generic] for o in owners if (o, generic) in self._named), None)
                if source is not None:
                    found.append(self._mention(sentence, hit, source, refers_back=False))
                continue
            words = sentence[hit.start:hit.end]
            folded = _fold(words)
            if folded in self._acronyms and not words.isupper():
                continue
            if folded in self._proper and not words[:1].isupper():
                continue
            entry = self._choose(folded, country)
            if entry is not None:
                found.append(self._mention(sentence, hit, entry.source, entry.refers_back))
        return tuple(found)

    @staticmethod
    def _mention(sentence: str, hit: _Hit, source: Source, refers_back: bool) -> SourceMention:
        lead = _LEAD.search(sentence[: hit.start])
        start = lead.start() if lead and lead.group().strip() and not refers_back else hit.start
        return SourceMention(source=source, text=sentence[start:hit.end].strip(), start=start,
                             end=hit.end, refers_back=refers_back)

    def _choose(self, folded: str, country: str) -> _Entry | None:
        """The entry these words name in a report about ``country``: its own first, then an international one."""
        usable = [e for e in self._by_words.get(folded, ()) if not e.generic or e.source.country == country]
        if not usable:
            return None
        return min(usable, key=lambda e: (e.source.country != country, e.source.country is not None))


def load_sources(path: Path) -> list[Source]:
    """Read a registry file: ``{"sources": [{name, short, kind, country, aliases, generic, anaphora}]}``.

    ``country`` is optional (ISO 3166-1 alpha-2, written in capitals); an
    entry with ``generic`` words needs one. Raises ``ValueError`` naming the
    entry for an unknown kind, a malformed country code, or generic words
    without a country.
    """
    with open(path, encoding="utf-8") as handle:
        raw = json.load(handle)
    out = []
    for entry in raw["sources"]:
        name = entry.get("name")
        kind = entry.get("kind", "")
        if kind not in KINDS:
            raise ValueError(f"{path.name}: source {name!r} has unknown kind {kind!r}")
        country = entry.get("country")
        if country is not None and not (isinstance(country, str) and _COUNTRY_CODE.match(country)):
            raise ValueError(f"{path.name}: source {name!r} has country {country!r}; "
                             "give an ISO 3166-1 alpha-2 code in capitals, such as \"YE\"")
        generic = tuple(entry.get("generic", ()))
        if generic and country is None:
            raise ValueError(f"{path.name}: source {name!r} has generic words but no country they belong to")
        out.append(Source(name=entry["name"], short=entry.get("short", entry["name"]), kind=kind,
                          aliases=tuple(entry.get("aliases", ())), anaphora=tuple(entry.get("anaphora", ())),
                          country=country, generic=generic))
    return out


def _fold(text: str) -> str:
    return re.sub(r"[\s-]+", " ", text.lower()).strip()


def _bare(words: str) -> str:
    """Generic words without their article: "the army" is "Sudanese army" after a demonym."""
    return re.sub(r"^the\s+", "", words, flags=re.IGNORECASE)


def _one_proper_word(words: str) -> bool:
    """One word written with a capital ("Amnesty", "Observatory"), which prose also uses as an ordinary word."""
    return " " not in words.strip() and words[:1].isupper() and not words.isupper()


def _by_key(words: list[str]) -> dict[str, tuple[str, ...]]:
    """Words under the run of ASCII letters and digits they begin with, in lower case, in their order; words
    beginning otherwise ("\u00c9ire") under ""."""
    table: dict[str, list[str]] = defaultdict(list)
    for word in words:
        table[_KEY.match(word.translate(_ASCII_TWINS).lower()).group()].append(word)
    return {key: tuple(found) for key, found in table.items()}


def _runs(words: str) -> tuple[str, ...]:
    """The runs of ASCII letters and digits of ``words``, in lower case ("U.N.-run": "u", "n", "run")."""
    return tuple(run.lower() for run in _RUN.findall(words.translate(_ASCII_TWINS)))


def _alias_pattern(alias: str) -> str:
    return re.escape(alias).replace(r"\ ", r"[\s-]+")


@functools.lru_cache(maxsize=1)
def _country_table() -> dict[str, tuple[str, ...]]:
    """Every country name and demonym that ``places.country`` knows, as written, to the ISO codes it names
    ("Congolese": both Congos)."""
    table: dict[str, list[str]] = {}
    for code, country in sorted(countries().items()):
        for word in (*country.names, *country.demonyms):
            if word[:1].isupper() and code not in table.setdefault(word, []):
                table[word].append(code)
    return {word: tuple(codes) for word, codes in table.items()}


def _country_words() -> tuple[str, ...]:
    return tuple(_country_table())


def _country_codes(word: str) -> tuple[str, ...]:
    return _country_table().get(word, ())
