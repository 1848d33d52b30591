"""Score the extractor against gold readings of real reports.

Extraction rules are only trustworthy when measured on reports nobody here
wrote. This module reads the two gold formats the team keeps (the seed
report's ``seed_gold.json`` and the development set's ``dev-NN.json``), runs
the extractor on the report each names, and counts what it got right.

What is counted (the same rules for both formats):

* **places**: the distinct places of the gold events (a gold event's place,
  its normalised name, and the places that share its figure) against the
  distinct places of the extracted events. Two names are the same place when
  their transliteration keys agree or the gazetteer resolves both to the same
  entry. An extracted place is correct when it is a gold event's place or one
  of the neighbourhoods the gold names inside an event. Country-wide gold
  "events" are totals, not places, and are left out; optional gold events
  count neither for nor against.
* **claims**: every gold claim against every extracted claim of the report
  (events' claims and nationwide totals together), one to one. A pair
  matches when the source is the same (both unattributed, or the gold's
  written or normalised source resolves through the registry to the
  extracted source) and the killed and injured figures are equal.
* **event type** and **date**: for each gold event whose place was found,
  the extracted event at that place that fits best; the type is right when
  it is the gold type or one the gold accepts, the date when it equals the
  gold date (an unknown gold date must stay unknown).
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from conflictmap.reading.reader import Extractor
from conflictmap.places.gazetteer import Gazetteer, name_key
from conflictmap.reading.text import read_report_file
from conflictmap.reading.sources import SourceRegistry

COUNTRY_WORDS = frozenset({"syria", "nationwide"})
UNATTRIBUTED = frozenset({"unattributed", "none", ""})
COUNTS = ("places_gold", "places_found", "places_extracted", "places_correct", "claims_gold", "claims_found",
          "claims_extracted", "claims_correct", "events_matched", "types_right", "dates_right")
_PARENS = re.compile(r"\([^)]*\)")
# "Harmala checkpoint" and "Harmala" name one place for scoring.
FEATURE_WORDS = re.compile(r"\s+(?:checkpoint|district|area|neighbou?rhood|quarter|air ?base|airport|province|"
                           r"governorate|countryside)$", re.I)


@dataclass(frozen=True)
class GoldClaim:
    """One source's figure as the gold reads it."""

    sources: frozenset[str]
    written: str | None
    killed: int | None
    injured: int | None
    quote: str = ""


@dataclass(frozen=True)
class GoldEvent:
    """One event of the gold reading; ``names`` are all the names it accepts."""

    label: str
    names: tuple[str, ...]
    inside: tuple[str, ...]
    types: frozenset[str]
    date: str | None
    admin: str | None
    optional: bool = False
    nationwide: bool = False


@dataclass
class Gold:
    """A report's gold reading, in one shape whichever file it came from."""

    name: str
    text_file: Path
    pub_date: dt.date | None
    events: list[GoldEvent]
    claims: list[GoldClaim]


@dataclass
class Score:
    """Counts for one report (or the sum of several)."""

    name: str
    places_gold: int = 0
    places_found: int = 0
    places_extracted: int = 0
    places_correct: int = 0
    claims_gold: int = 0
    claims_found: int = 0
    claims_extracted: int = 0
    claims_correct: int = 0
    events_matched: int = 0
    types_right: int = 0
    dates_right: int = 0
    misses: list[str] = field(default_factory=list)

    def __add__(self, other: "Score") -> "Score":
        total = Score(name="total")
        for name in COUNTS:
            setattr(total, name, getattr(self, name) + getattr(other, name))
        total.misses = self.misses + other.misses
        return total

    @property
    def place_recall(self) -> float:
        return _ratio(self.places_found, self.places_gold)

    @property
    def place_precision(self) -> float:
        return _ratio(self.places_correct, self.places_extracted)

    @property
    def claim_recall(self) -> float:
        return _ratio(self.claims_found, self.claims_gold)

    @property
    def claim_precision(self) -> float:
        return _ratio(self.claims_correct, self.claims_extracted)

    @property
    def type_accuracy(self) -> float:
        return _ratio(self.types_right, self.events_matched)

    @property
    def date_accuracy(self) -> float:
        return _ratio(self.dates_right, self.events_matched)

    def as_dict(self) -> dict:
        return {"report": self.name,
                "place_recall": round(self.place_recall, 3), "place_precision": round(self.place_precision, 3),
                "claim_recall": round(self.claim_recall, 3), "claim_precision": round(self.claim_precision, 3),
                "type_accuracy": round(self.type_accuracy, 3), "date_accuracy": round(self.date_accuracy, 3),
                "counts": {k: getattr(self, k) for k in COUNTS},
                "misses": self.misses}


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


# -- reading gold files ----------------------------------------------------------------------------------------

def gold_files(paths: Iterable[str | Path]) -> list[Path]:
    """The gold files under each path (a file, or a folder of ``*.json``)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.glob("*.json") if _is_gold(p))
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(2, "no such file or folder", str(path))
    return found


def _is_gold(path: Path) -> bool:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(raw, dict) and "events" in raw and ("text_file" in raw or "report" in raw)


def read_gold(path: Path) -> Gold:
    """Read either gold format; the report file is found beside the eval folder."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    base = path.parent.parent
    pub = dt.date.fromisoformat(raw["pub_date"]) if raw.get("pub_date") else None
    if "text_file" in raw:
        return _dev_gold(path.stem, base / raw["text_file"], pub, raw)
    if "report" in raw:
        return _seed_gold(path.stem, base / raw["report"], pub, raw)
    raise ValueError(f"{path}: not a gold reading (no 'text_file' or 'report')")


def _split_names(text: str | None) -> list[str]:
    if not text:
        return []
    return [p.strip() for p in re.split(r"[/;,]| and ", _PARENS.sub("", text)) if p.strip()]


def _dev_gold(name: str, text: Path, pub: dt.date | None, raw: dict) -> Gold:
    events, claims = [], []
    for e in raw["events"]:
        names = tuple(dict.fromkeys([e["place"], *_split_names(e.get("place_normalized")),
                                     *e.get("places_joint", [])]))
        nationwide = bool(COUNTRY_WORDS & {name_key(n) for n in names})
        events.append(GoldEvent(label=e["place"], names=names, inside=tuple(e.get("sub_places", [])),
                                types=frozenset([e["event_type"], *e.get("event_type_acceptable", [])]),
                                date=e.get("date"), admin=(e.get("admin_context") or "").split(";")[0] or None,
                                nationwide=nationwide))
        for c in e["claims"]:
            written = c.get("source")
            norm = c.get("source_normalized") or ""
            unattributed = written is None or norm.strip().lower() in UNATTRIBUTED
            sources = frozenset() if unattributed else frozenset(filter(None, [written, norm]))
            claims.append(GoldClaim(sources=sources, written=None if unattributed else written,
                                    killed=c.get("killed"), injured=c.get("injured"), quote=c.get("quote", "")))
    return Gold(name=name, text_file=text, pub_date=pub, events=events, claims=claims)


def _seed_gold(name: str, text: Path, pub: dt.date | None, raw: dict) -> Gold:
    events, claims = [], []
    for e in raw["events"]:
        events.append(GoldEvent(label=e["place"], names=tuple(dict.fromkeys([e["place"], *e.get("accept", [])])),
                                inside=tuple(raw.get("optional_places", [])), types=frozenset(e.get("types", [])), date=e.get("date"),
                                admin=e.get("admin1"), optional=bool(e.get("optional"))))
        for c in e["claims"]:
            sources = frozenset(filter(None, [c.get("source"), *c.get("accept", [])]))
            claims.append(GoldClaim(sources=sources, written=c.get("source"), killed=c.get("killed"),
                                    injured=c.get("injured"), quote=c.get("quote_contains", "")))
    return Gold(name=name, text_file=text, pub_date=pub, events=events, claims=claims)


# -- scoring ---------------------------------------------------------------------------------------------------

class Evaluator:
    """Runs the extractor on gold reports and counts agreements."""

    def __init__(self, extractor: Extractor, gazetteer: Gazetteer, registry: SourceRegistry) -> None:
        self.extractor = extractor
        self.gazetteer = gazetteer
        self.registry = registry

    @classmethod
    def default(cls) -> "Evaluator":
        gazetteer, registry = Gazetteer.default(), SourceRegistry.default()
        return cls(Extractor(gazetteer, registry), gazetteer, registry)

    def score_file(self, path: Path) -> Score:
        gold = read_gold(path)
        report = read_report_file(str(gold.text_file), pub_date=gold.pub_date)
        return self.score(gold, self.extractor.extract(report).to_dict())

    def score(self, gold: Gold, extraction: dict) -> Score:
        score = Score(name=gold.name)
        self._score_places(gold, extraction["events"], score)
        self._score_claims(gold, extraction, score)
        return score

    # places, types and dates

    def _identity(self, name: str, admin: str | None = None) -> set[str]:
        ids = {"key:" + name_key(name), "key:" + name_key(FEATURE_WORDS.sub("", name))}
        match = self.gazetteer.geocode(name, near=admin)
        if match is not None:
            ids.add("id:" + match.place.id)
        return ids

    def _extracted_identity(self, event: dict) -> set[str]:
        place = event["place"]
        ids = {"key:" + name_key(place["name"]), "key:" + name_key(place["mention"])}
        if place.get("id"):
            ids.add("id:" + place["id"])
        return ids

    def _score_places(self, gold: Gold, events: list[dict], score: Score) -> None:
        scored = [g for g in gold.events if not g.nationwide]
        groups: dict[frozenset[str], list[GoldEvent]] = {}
        for g in scored:
            ids = frozenset().union(*(self._identity(n, g.admin) for n in g.names))
            same = next((k for k in groups if k & ids), None)
            if same is None:
                groups[ids] = [g]
            else:  # one place told as two gold events: the group answers to every name of both
                groups[same | ids] = groups.pop(same) + [g]
        inside = set().union(*(self._identity(n, g.admin) for g in scored for n in g.inside)) if scored else set()
        extracted: dict[frozenset[str], list[dict]] = {}
        for event in events:
            ids = frozenset(self._extracted_identity(event))
            same = next((k for k in extracted if k & ids), None)
            if same is None:
                extracted[ids] = [event]
            else:
                extracted[same | ids] = extracted.pop(same) + [event]

        for ids, members in groups.items():
            required = [g for g in members if not g.optional]
            hits = [e for k, es in extracted.items() if k & ids for e in es]
            if required:
                score.places_gold += 1
                score.places_found += bool(hits)
                if not hits:
                    score.misses.append(f"place not found: {required[0].label}")
            for g in required:
                if not hits:
                    continue
                score.events_matched += 1
                best = max(hits, key=lambda e: (e["date"] == g.date, e["event_type"] in g.types))
                score.types_right += best["event_type"] in g.types
                score.dates_right += best["date"] == g.date
                if best["event_type"] not in g.types:
                    score.misses.append(f"type at {g.label}: {best['event_type']} not in {sorted(g.types)}")
                if best["date"] != g.date:
                    score.misses.append(f"date at {g.label}: {best['date']} for {g.date}")

        known = set().union(*groups) | inside
        for ids, es in extracted.items():
            score.places_extracted += 1
            if ids & known:
                score.places_correct += 1
            else:
                score.misses.append(f"place not in gold: {es[0]['place']['mention']}")

    # claims

    def _canonical(self, text: str, country: str | None = None) -> set[str]:
        """The registry's names for a source as the gold wrote it, read in the report's country
        ("the health ministry" of a report about Yemen is Yemen's)."""
        return {m.source.name for m in self.registry.find(text, country=country)} | {text.strip().lower()}

    def _same_source(self, gold: GoldClaim, claim: dict, country: str | None = None) -> bool:
        source = claim.get("source")
        if not gold.sources:
            return source is None
        if source is None:
            return False
        wanted = set().union(*(self._canonical(s, country) for s in gold.sources))
        mention = (claim.get("source_mention") or "").strip().lower()
        return source in wanted or source.lower() in wanted or (mention != "" and mention in wanted)

    def _score_claims(self, gold: Gold, extraction: dict, score: Score) -> None:
        everything = [(e["id"], c) for e in extraction["events"] for c in e["claims"]] + \
            [("", c) for c in extraction["nationwide_claims"]]
        # A figure shared by several places ("shelled Qaboun and Barzeh, killing four") is one claim.
        claims = list({(c.get("source"), c.get("killed"), c.get("injured"), c.get("quote"),
                        tuple(c.get("shared_by") or ()) or event_id): c for event_id, c in everything}.values())
        unused = list(range(len(claims)))
        score.claims_gold += len(gold.claims)
        score.claims_extracted += len(claims)
        for g in gold.claims:
            pick = next((i for i in unused if self._same_source(g, claims[i], extraction.get("country"))
                         and claims[i].get("killed") == g.killed and claims[i].get("injured") == g.injured), None)
            if pick is None:
                score.misses.append(f"claim not found: {g.written or 'unattributed'} killed={g.killed} "
                                    f"injured={g.injured}")
                continue
            unused.remove(pick)
            score.claims_found += 1
        score.claims_correct += score.claims_found
        for i in unused:
            c = claims[i]
            score.misses.append(f"claim not in gold: {c.get('source') or 'unattributed'} killed={c.get('killed')} "
                                f"injured={c.get('injured')}")


def evaluate(paths: Sequence[str | Path], evaluator: Evaluator | None = None) -> tuple[list[Score], Score]:
    """Score every gold file under ``paths``; returns per-report scores and their total."""
    evaluator = evaluator or Evaluator.default()
    scores = [evaluator.score_file(p) for p in gold_files(paths)]
    total = Score(name="total")
    for s in scores:
        total = total + s
    return scores, total


DEVELOP = "dev-01 … dev-24"
MEASURE = "dev-25 … dev-36"


def halves(scores: Sequence[Score]) -> dict[str, Score]:
    """The development set's two halves and the whole, by report name.

    Rules are written on dev-01 … dev-24 and only measured on dev-25 … dev-36
    (the team's DEV-SET.md), so a rule that fits one report and nothing else
    shows up as a gap between the two. Returns ``{"dev-01 … dev-24": Score,
    "dev-25 … dev-36": Score, "seed": Score, "all": Score}``; a half with no
    report in ``scores`` is an empty Score.
    """
    out = {DEVELOP: Score(name=DEVELOP), MEASURE: Score(name=MEASURE), "seed": Score(name="seed"),
           "all": Score(name="all")}
    for s in scores:
        match = re.fullmatch(r"dev-(\d+)", s.name)
        part = "seed" if match is None else DEVELOP if int(match.group(1)) <= 24 else MEASURE
        out[part] = out[part] + s
        out["all"] = out["all"] + s
    for name, score in out.items():
        score.name = name
    return out


MEASURES = ("place_recall", "place_precision", "claim_recall", "claim_precision", "type_accuracy", "date_accuracy")


def raise_floors(scores: Sequence[Score], floors: dict[str, dict[str, float]]) -> tuple[dict, list[str]]:
    """The ratchet's next floors: each score of ``halves(scores)`` where it is higher, never lower.

    ``floors`` maps a part (``"dev-01 … dev-24"``, ``"dev-25 … dev-36"``,
    ``"seed"``, ``"all"``) to ``{measure: floor}``, each a ratio in 0…1.
    Returns the new floors (scores rounded down to three places, so a floor
    is never above what was measured) and one line per score that fell
    below its floor, which keeps its old floor. A part no report of
    ``scores`` belongs to keeps its floors untouched.
    """
    parts = halves(scores)
    out: dict[str, dict[str, float]] = {}
    fallen: list[str] = []
    for part, score in parts.items():
        old = floors.get(part, {})
        if not (score.places_gold or score.claims_gold or score.places_extracted or score.claims_extracted):
            out[part] = dict(old)  # no report of this part was read: its floors stay as they were
            continue
        out[part] = {}
        for measure in MEASURES:
            now = math.floor(getattr(score, measure) * 1000 + 1e-6) / 1000
            was = old.get(measure, 0.0)
            if now < was:
                fallen.append(f"{part} {measure}: {now:.3f} is below its floor {was:.3f}")
            out[part][measure] = max(now, was)
    return out, fallen


def format_table(scores: list[Score], total: Score) -> str:
    """A plain-text table: one row per report and the total."""
    head = f"{'report':<16}{'place R':>9}{'place P':>9}{'claim R':>9}{'claim P':>9}{'type':>7}{'date':>7}"
    rows = [head, "-" * len(head)]
    for s in [*scores, total]:
        if s is total:
            rows.append("-" * len(head))
        rows.append(f"{s.name:<16}{s.place_recall:>9.2f}{s.place_precision:>9.2f}{s.claim_recall:>9.2f}"
                    f"{s.claim_precision:>9.2f}{s.type_accuracy:>7.2f}{s.date_accuracy:>7.2f}")
    split = halves(scores)
    for name in (DEVELOP, MEASURE):
        s = split[name]
        rows.append(f"{name:<16}{s.place_recall:>9.2f}{s.place_precision:>9.2f}{s.claim_recall:>9.2f}"
                    f"{s.claim_precision:>9.2f}{s.type_accuracy:>7.2f}{s.date_accuracy:>7.2f}")
    rows.append(f"counts: places {total.places_found}/{total.places_gold} found, {total.places_correct}/"
                f"{total.places_extracted} correct; claims {total.claims_found}/{total.claims_gold} found, "
                f"{total.claims_correct}/{total.claims_extracted} correct; events matched {total.events_matched}, "
                f"types right {total.types_right}, dates right {total.dates_right}")
    return "\n".join(rows)
