"""Sources: who says a figure, under one canonical name.

Reports name the same monitor a dozen ways ("the Syrian Observatory for
Human Rights", "the Britain-based Observatory", "Rami Abdelrahman", "the
watchdog"). Tallies per source only mean something when these meet under
one name, so every mention resolves through a registry kept in
``data/sources.json`` that users can extend.
"""
from __future__ import annotations

import functools
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

REGISTRY_FILE = Path(__file__).resolve().parents[2] / "data" / "sources.json"
KINDS = ("monitor", "state media", "government", "armed group", "activists", "UN/NGO", "hospital", "news agency",
         "dataset")
_LEAD = re.compile(r"(?:(?:the|The)\s+)?(?:(?:[A-Z][A-Za-z.]*|state)[- ](?:based|run|owned)\s+)?$")


@dataclass(frozen=True)
class Source:
    """A reporter of casualty figures: canonical name, short label, kind, aliases."""

    name: str
    short: str
    kind: str
    aliases: tuple[str, ...] = ()
    anaphora: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class SourceMention:
    """Where a sentence names a source, and the words it used."""

    source: Source
    text: str
    start: int
    end: int
    refers_back: bool = False


class SourceRegistry:
    """The known sources, and a matcher that finds them in a sentence.

    >>> reg = SourceRegistry.default()
    >>> [m.source.short for m in reg.find("the Britain-based Observatory said")]
    ['SOHR']
    """

    def __init__(self, sources: list[Source]) -> None:
        self.sources = sources
        self._by_name = {s.name.lower(): s for s in sources}
        entries: list[tuple[str, Source, bool]] = []
        for source in sources:
            for alias in {source.name, *source.aliases}:
                entries.append((alias, source, False))
            for phrase in source.anaphora:
                entries.append((phrase, source, True))
        entries.sort(key=lambda e: len(e[0]), reverse=True)
        self._entries = entries
        pattern = "|".join(re.escape(alias).replace(r"\ ", r"[\s-]+") for alias, _, _ in entries)
        self._pattern = re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE)
        self._lookup = {_fold(alias): (source, is_anaphora) for alias, source, is_anaphora in entries}
        self._acronyms = {_fold(a) for a, _, _ in entries if a.isupper()}

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

    def find(self, sentence: str) -> list[SourceMention]:
        """Sources named in ``sentence``, in order; acronyms must be written in capitals.

        Phrases such as "the watchdog" come back with ``refers_back`` set: the
        extractor resolves them to the source of that kind named last.
        """
        return list(self._find(sentence))

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - a registry lives as long as the process anyway
    def _find(self, sentence: str) -> tuple[SourceMention, ...]:
        found: list[SourceMention] = []
        for match in self._pattern.finditer(sentence):
            folded = _fold(match.group())
            if folded in self._acronyms and not match.group().isupper():
                continue
            source, refers_back = self._lookup[folded]
            lead = _LEAD.search(sentence[: match.start()])
            start = lead.start() if lead and lead.group().strip() and not refers_back else match.start()
            found.append(SourceMention(source=source, text=sentence[start:match.end()].strip(),
                                       start=start, end=match.end(), refers_back=refers_back))
        return tuple(found)


def load_sources(path: Path) -> list[Source]:
    """Read a registry file: ``{"sources": [{name, short, kind, aliases, anaphora}]}``."""
    with open(path, encoding="utf-8") as handle:
        raw = json.load(handle)
    out = []
    for entry in raw["sources"]:
        kind = entry.get("kind", "")
        if kind not in KINDS:
            raise ValueError(f"{path.name}: source {entry.get('name')!r} has unknown kind {kind!r}")
        out.append(Source(name=entry["name"], short=entry.get("short", entry["name"]), kind=kind,
                          aliases=tuple(entry.get("aliases", ())), anaphora=tuple(entry.get("anaphora", ()))))
    return out


def _fold(text: str) -> str:
    return re.sub(r"[\s-]+", " ", text.lower()).strip()
