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

import functools
import json
import os
import re
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
        self._matchers: dict[str, re.Pattern[str]] = {}

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
        pattern = self._matcher(country)
        found: list[SourceMention] = []
        pos = 0
        while (match := pattern.search(sentence, pos)) is not None:
            pos = match.end()
            if match.group("named") is not None:
                owners = _country_codes(match.group("named"))
                if country in owners:
                    pos = match.start("generic")  # the report's own country: read the words as if unnamed
                    continue
                generic = _fold(match.group("generic"))
                source = next((self._named[o, generic] for o in owners if (o, generic) in self._named), None)
                if source is not None:
                    found.append(self._mention(sentence, match, source, refers_back=False))
                continue
            folded = _fold(match.group())
            if folded in self._acronyms and not match.group().isupper():
                continue
            if folded in self._proper and not match.group()[:1].isupper():
                continue
            entry = self._choose(folded, country)
            if entry is not None:
                found.append(self._mention(sentence, match, entry.source, entry.refers_back))
        return tuple(found)

    @staticmethod
    def _mention(sentence: str, match: re.Match[str], source: Source, refers_back: bool) -> SourceMention:
        lead = _LEAD.search(sentence[: match.start()])
        start = lead.start() if lead and lead.group().strip() and not refers_back else match.start()
        return SourceMention(source=source, text=sentence[start:match.end()].strip(), start=start,
                             end=match.end(), refers_back=refers_back)

    def _choose(self, folded: str, country: str) -> _Entry | None:
        """The entry these words name in a report about ``country``: its own first, then an international one."""
        usable = [e for e in self._by_words.get(folded, ()) if not e.generic or e.source.country == country]
        if not usable:
            return None
        return min(usable, key=lambda e: (e.source.country != country, e.source.country is not None))

    def _matcher(self, country: str) -> re.Pattern[str]:
        """One pattern for a report about ``country``: every proper name, anaphora, that country's generic
        words (longest first), then generic words of any country led by a country word."""
        if country not in self._matchers:
            own = {e.words for e in self._entries if not e.generic or e.source.country == country}
            generic = {_bare(e.words) for e in self._entries if e.generic}
            words = sorted(_country_words(), key=len, reverse=True)
            plain = "|".join(_alias_pattern(a) for a in sorted(own, key=len, reverse=True))
            named = "|".join(re.escape(w) for w in words)  # as countries write them: "Chad", never "chad"
            bare = "|".join(_alias_pattern(a) for a in sorted(generic, key=len, reverse=True))
            self._matchers[country] = re.compile(
                rf"(?<![\w-])(?:(?:{plain})|(?P<named>(?-i:{named}))(?:['\u2019]s)?\s+(?P<generic>{bare}))"
                r"(?![\w-]|['\u2019](?!s\b)\w)", re.IGNORECASE)
        return self._matchers[country]


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
