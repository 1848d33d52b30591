"""Reading a report: sentences in, events and claims out.

The reader works sentence by sentence and keeps a little state across
them, as an analyst does: the date the narrative is on, the source named
last (for "the watchdog said"), the events of the sentence before (for a
toll given one sentence after the attack). It knows no report's wording;
everything it recognises comes from the gazetteer, the source registry and
the patterns in ``claim``, ``event`` and ``dates``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from conflictmap import claim as claims_mod
from conflictmap.claim import Claim
from conflictmap.dates import find_dates
from conflictmap.event import VIOLENCE, Event, event_types, type_near
from conflictmap.gazetteer import Gazetteer, name_key
from conflictmap.place import Place, Precision
from conflictmap.report import Report, Sentence, sentences
from conflictmap.source import SourceMention, SourceRegistry

SPEECH = re.compile(r"\b(said|says|say|saying|reported|reports|reporting|according to|claimed|claims|told|stated|"
                    r"concluded|confirmed|added|announced|estimated|documented|recorded|counted|put the (?:death )?toll|"
                    r"citing|cited|quoted|quoting|denied|denies|deny|asserted|noted|tallied|listed|warned)\b", re.I)
HEDGE = re.compile(r"\b(reportedly|reports? (?:say|said|suggest)|reports from|other reports)\b", re.I)
CAPITAL = re.compile(r"\b(?:the\s+)?(?:Syrian\s+)?capital(?:'s)?\b", re.I)
CONTEXT_ONLY = re.compile(r"^-(?:based|born|headquartered)\b|^\s+(?:-|--)?\s*based\b")
UNKNOWN_PLACE = re.compile(
    r"\b(?:the\s+)?(?:village|town|city|district|neighbou?rhood|suburb|area|camp|hamlet|region) of\s+"
    r"((?:(?:al|el|ad|ar|as|at)-)?[A-Z][\w'-]+(?:\s+(?:(?:al|el|ad)-)?[A-Z][\w'-]+){0,2})"
    r"|\b((?:(?:al|el)-)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})\s+(?:checkpoint|neighbou?rhood|district|village|suburb)\b"
)
NOT_A_PLACE_WORD = frozenset({"the", "a", "an", "this", "that", "one", "syrian", "free", "regime", "government",
                              "opposition", "rebel", "army", "islamic", "state", "military", "security", "their",
                              "southern", "northern", "eastern", "western", "central"})


@dataclass
class Extraction:
    """What a report says: its events, its nationwide totals, and the places nobody could find."""

    report: Report
    events: list[Event] = field(default_factory=list)
    nationwide_claims: list[Claim] = field(default_factory=list)
    unresolved: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The JSON contract of ``python -m conflictmap extract``."""
        return {
            "report": {"id": self.report.id, "url": self.report.url, "publisher": self.report.publisher,
                       "pub_date": self.report.pub_date.isoformat() if self.report.pub_date else None},
            "events": [event_to_dict(e) for e in self.events],
            "nationwide_claims": [claim_to_dict(c) for c in self.nationwide_claims],
            "unresolved": list(self.unresolved),
        }


def event_to_dict(event: Event) -> dict:
    place = event.place
    return {
        "id": event.id,
        "date": event.date,
        "date_precision": event.date_precision,
        "event_type": event.event_type,
        "types": list(event.types),
        "place": {
            "id": place.id if place else None,
            "name": place.name if place else event.place_mention,
            "display_name": place.display_name if place else event.place_mention,
            "mention": event.place_mention,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "precision": place.precision.value if place else None,
            "admin1": place.admin1 if place else None,
            "coord_source": place.source if place else None,
        },
        "claims": [claim_to_dict(c) for c in event.claims],
        "quote": event.quote,
    }


def claim_to_dict(c: Claim) -> dict:
    return {
        "source": c.source, "source_mention": c.source_mention, "source_kind": c.source_kind,
        "killed": c.killed, "injured": c.injured, "civilians": c.civilians, "rebels": c.rebels,
        "government": c.government, "children": c.children, "women": c.women,
        "killed_qualifier": c.killed_qualifier, "killed_text": c.killed_text, "scope": c.scope,
        "denial": c.denial, "flag": c.flag, "relayed_by": c.relayed_by, "date": c.date, "quote": c.quote,
    }


@dataclass
class _State:
    date: str | None = None
    last_source: SourceMention | None = None
    last_events: list[Event] = field(default_factory=list)


class Extractor:
    """Reads reports with one gazetteer and one source registry.

    >>> # Extractor(Gazetteer.default(), SourceRegistry.default()).extract(report)
    """

    def __init__(self, gazetteer: Gazetteer, registry: SourceRegistry, *, country: str = "SY") -> None:
        self.gazetteer = gazetteer
        self.registry = registry
        self.country = country

    def extract(self, report: Report) -> Extraction:
        result = Extraction(report=report)
        parts = sentences(report.text)
        state = _State(date=self._first_date(parts, report))
        events: dict[tuple[str, str | None], Event] = {}
        for sentence in parts:
            if not sentence.is_heading:  # headlines repeat the body in fewer, vaguer words
                self._read(sentence, report, state, events, result)
        result.events = list(events.values())
        for n, event in enumerate(result.events, start=1):
            event.id = f"{report.id}-{n}"
            event.report_id = report.id
        self._drop_echoes(result)
        return result

    # -- one sentence -------------------------------------------------------
    def _read(self, sentence: Sentence, report: Report, state: _State,
              events: dict[tuple[str, str | None], Event], result: Extraction) -> None:
        text = sentence.text
        narrated = [d for d in find_dates(text, report.pub_date) if sentence.outside_quotes(d.start)]
        if narrated and narrated[0].date:
            state.date = narrated[0].date.isoformat()
        mentions = self._sources(text, state)
        places = self._places(sentence)
        types = event_types(text)
        violent = bool(types) or bool(VIOLENCE.search(text))
        denial = claims_mod.is_denial(text)
        touched: list[Event] = []
        for start, mention, place in places:
            key = (place.id if place else "?" + name_key(mention), state.date)
            event = events.get(key)
            if event is None:
                if not violent or denial:
                    continue
                event_type = type_near(text, start) or "other"
                event = Event(event_type=event_type, place=place, place_mention=mention, date=state.date,
                              quote=text, types=[event_type])
                events[key] = event
                if place is None:
                    result.unresolved.append({"mention": mention, "quote": text})
            else:
                extra = type_near(text, start)
                if violent and extra and extra not in event.types:
                    event.types.append(extra)
            if event not in touched:
                touched.append(event)
        found_claims = self._claims(text, mentions, state, denial)
        if found_claims:
            targets = touched or state.last_events
            for claim in found_claims:
                claim = replace(claim, date=state.date)
                if claim.scope == "nationwide" or not targets:
                    result.nationwide_claims.append(claim if claim.scope == "nationwide"
                                                    else replace(claim, scope="unplaced"))
                    continue
                for event in targets:
                    if claim not in event.claims:
                        event.claims.append(claim)
        if touched:
            state.last_events = touched
        if mentions:
            state.last_source = mentions[-1]

    def _sources(self, text: str, state: _State) -> list[SourceMention]:
        """Sources in the sentence; "the watchdog" resolves to the last source named."""
        out = []
        for mention in self.registry.find(text):
            if mention.refers_back:
                last = state.last_source
                if last is None or last.source != mention.source:
                    continue
            out.append(mention)
        return out

    def _places(self, sentence: Sentence) -> list[tuple[int, str, Place | None]]:
        """Places in a sentence that can carry an event, with where they stand."""
        text = sentence.text
        found: list[tuple[int, str, Place | None]] = []
        blocked = [(m.start, m.end) for m in self.registry.find(text)]
        spans: list[tuple[int, int]] = []
        for start, end, mention, candidates in self.gazetteer.scan(text):
            if any(a <= start < b for a, b in blocked) or CONTEXT_ONLY.match(text[end:end + 12]):
                continue
            candidates = [p for p in candidates if p.country == self.country]
            if not candidates:
                continue
            found.append((start, mention, None))
            spans.append((start, end))
        for match in CAPITAL.finditer(text):
            if any(a <= match.start() < b for a, b in spans):
                continue
            if CONTEXT_ONLY.match(text[match.end():match.end() + 12]):
                continue
            found.append((match.start(), match.group(), self.gazetteer.capital(self.country)))
            spans.append((match.start(), match.end()))
        for match in UNKNOWN_PLACE.finditer(text):
            name = match.group(1) or match.group(2)
            start = match.start(1) if match.group(1) else match.start(2)
            if name.split()[0].lower() in NOT_A_PLACE_WORD or any(a <= start < b for a, b in spans + blocked):
                continue
            if self.gazetteer.candidates(name):
                continue
            found.append((start, name, None))
            spans.append((start, start + len(name)))
        found.sort(key=lambda f: f[0])
        return self._resolve(found, text)

    def _resolve(self, found: list[tuple[int, str, Place | None]], text: str) -> list[tuple[int, str, Place | None]]:
        """Pick namesakes by the sentence's other places; drop a city whose districts are named."""
        settled = [(s, m, p) for s, m, p in found if p is not None]
        anchors = [p for _, _, p in settled if p.precision in (Precision.CITY, Precision.GOVERNORATE)]
        resolved: list[tuple[int, str, Place | None]] = []
        for start, mention, place in found:
            if place is None and self.gazetteer.candidates(mention):
                near = next((a for a in anchors if name_key(a.name) != name_key(mention)), None)
                match = self.gazetteer.geocode(mention, near=near)
                place = match.place if match else None
                if place is not None and place.country != self.country:
                    continue
            resolved.append((start, mention, place))
        parents = {name_key(p.parent) for _, _, p in resolved if p is not None and p.parent}
        out = []
        for start, mention, place in resolved:
            if place is not None and place.precision is Precision.COUNTRY:
                continue
            if place is not None and name_key(place.name) in parents:
                continue  # "neighbourhoods of Damascus including Barzeh": the city is the setting
            out.append((start, mention, place))
        return out

    def _claims(self, text: str, mentions: list[SourceMention], state: _State, denial: bool) -> list[Claim]:
        speaker = self._speaker(text, mentions, state)
        scope = claims_mod.scope_of(text)
        name = speaker.source.name if speaker else None
        said = speaker.text if speaker else (HEDGE.search(text).group() if HEDGE.search(text) else None)
        kind = speaker.source.kind if speaker else None
        relay = self._relay(mentions, speaker)
        found = claims_mod.figures(text)
        claim = claims_mod.claim_from_figures(found, source=name, source_mention=said, quote=text, scope=scope)
        out: list[Claim] = []
        if claim is not None:
            out.append(replace(claim, source_kind=kind, relayed_by=relay))
        elif denial and speaker is not None:
            out.append(Claim(source=name, source_mention=said, source_kind=kind, scope=scope, denial=True,
                             quote=text, relayed_by=relay))
        return out

    def _speaker(self, text: str, mentions: list[SourceMention], state: _State) -> SourceMention | None:
        """The source that says the sentence's figures: named beside a reporting verb, or referred back to."""
        if not SPEECH.search(text) and not claims_mod.is_denial(text):
            return None
        speaking = [m for m in mentions if m.source.kind != "news agency"] or mentions
        if speaking:
            return speaking[0]
        pronoun = re.search(r"\b(it|he|she|they|the group|the monitor) (said|says|added|reported)\b", text, re.I)
        if pronoun and state.last_source is not None:
            return state.last_source
        return None

    @staticmethod
    def _relay(mentions: list[SourceMention], speaker: SourceMention | None) -> str | None:
        agencies = [m for m in mentions if m.source.kind == "news agency" and m is not speaker]
        return agencies[0].source.name if agencies and speaker is not None else None

    @staticmethod
    def _first_date(parts: list[Sentence], report: Report) -> str | None:
        for sentence in parts:
            for mention in find_dates(sentence.text, report.pub_date):
                if mention.date and sentence.outside_quotes(mention.start):
                    return mention.date.isoformat()
        return None

    @staticmethod
    def _drop_echoes(result: Extraction) -> None:
        """An unattributed figure that an attributed claim repeats is the lede's summary, not a new claim."""
        attributed = {c.killed for e in result.events for c in e.claims if c.source} | \
                     {c.killed for c in result.nationwide_claims if c.source}
        for event in result.events:
            event.claims = [c for c in event.claims if c.source or c.killed not in attributed]
        result.nationwide_claims = [c for c in result.nationwide_claims if c.source or c.killed not in attributed]


def extract(report: Report, gazetteer: Gazetteer | None = None, registry: SourceRegistry | None = None) -> Extraction:
    """Extract with the bundled gazetteer and registry unless others are given."""
    return Extractor(gazetteer or Gazetteer.default(), registry or SourceRegistry.default()).extract(report)
