"""An extraction under review: the analyst's corrections applied to the ``extract`` JSON before it is saved.

The Ingest page shows two tables over a draft, events and claims, and hands
back the edited rows; ``apply`` turns them into the payload that
``EventStore.ingest`` stores. Nothing here touches the database or
Streamlit, so every correction (a removed event, a typed coordinate, a
fixed figure) is checked the same way in tests and on the page.
"""
from __future__ import annotations

import calendar
import copy
import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from conflictmap import redact
from conflictmap.reading.events import ACLED_TYPES
from conflictmap.places.gazetteer import name_key
from conflictmap.places.chain import place_record
from conflictmap.places.place import Precision

EVENT_COLUMNS = ("keep", "id", "date", "event_type", "place", "lat", "lon", "precision", "quote")
CLAIM_COLUMNS = ("keep", "event_id", "claim", "source", "killed", "injured", "civilians", "quote")
FIGURES = ("killed", "injured", "civilians")
EVENT_KINDS = tuple(ACLED_TYPES)
PRECISIONS = tuple(p.value for p in Precision)


class DraftError(ValueError):
    """A correction that cannot be saved as it is (a date that is no date, a latitude of 200 …)."""


def event_rows(payload: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per extracted event, in ``EVENT_COLUMNS``: what the analyst reviews and corrects."""
    return [{"keep": True, "id": e["id"], "date": e.get("date"), "event_type": e["event_type"],
             "place": e["place"].get("mention") or e["place"].get("name"), "lat": e["place"].get("lat"),
             "lon": e["place"].get("lon"), "precision": e["place"].get("precision"), "quote": e.get("quote") or ""}
            for e in payload.get("events", [])]


def claim_rows(payload: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per claim of an event, numbered within its event, in ``CLAIM_COLUMNS``."""
    return [{"keep": True, "event_id": e["id"], "claim": n, "source": c.get("source"),
             **{f: c.get(f) for f in FIGURES}, "quote": c.get("quote") or ""}
            for e in payload.get("events", []) for n, c in enumerate(e.get("claims", []))]


def unresolved(payload: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Events without coordinates, with the sentence that names the place: what is left to pin."""
    return [{"id": e["id"], "place": e["place"].get("mention") or e["place"].get("name"), "quote": e.get("quote") or ""}
            for e in payload.get("events", []) if e["place"].get("lat") is None]


# Capitalised words that are days and months, not places ("on Wednesday", "in March").
CALENDAR_WORDS = frozenset(w.lower() for w in (*calendar.day_name, *calendar.month_name, *calendar.month_abbr) if w)


def unplaced_names(payload: Mapping[str, Any], known: Callable[[str], bool] | None = None) -> list[dict[str, str]]:
    """Capitalised names in the draft's event sentences that the reader did not place, each with its sentence.

    A report may name a place no gazetteer knows and no cue word marks
    ("shells slammed into Sakhour and Bustan al-Qasr": Bustan al-Qasr is
    placed, Sakhour would vanish). Every run of proper nouns (spaCy's
    ``PROPN`` tag, ``reading.parse``) in the sentences of the events and
    their claims is listed, except what the draft already accounts for: the
    events' place names and mentions, the claims' sources and how the report
    named them, days and months, countries and their demonyms
    (``places.country.country_named``), words in capitals (a dateline, an
    acronym), and names ``known`` says a gazetteer
    knows (so a setting such as "Damascus" is not listed). Returns
    ``{"name", "quote", "event_id"}`` dicts, one per name (its first
    sentence), in the order of the report.
    """
    from conflictmap.places.country import country_named
    from conflictmap.reading.parse import parse

    accounted: set[str] = set()
    sentences: list[tuple[str, str]] = []
    for event in payload.get("events", []):
        place = event.get("place") or {}
        accounted.update(name_key(str(place.get(k))) for k in ("name", "mention", "display_name") if place.get(k))
        texts = [event.get("quote") or "", *((c.get("quote") or "") for c in event.get("claims", []))]
        sources = [str(c.get(k)) for c in event.get("claims", []) for k in ("source", "source_mention") if c.get(k)]
        accounted.update(name_key(s) for s in sources)
        sentences.extend((event["id"], t) for t in dict.fromkeys(texts) if t)
    said = " | ".join(name_key(s) for e in payload.get("events", []) for c in e.get("claims", [])
                      for s in (c.get("source"), c.get("source_mention")) if s)
    found: dict[str, dict[str, str]] = {}
    for (event_id, text), doc in zip(sentences, parse([t for _, t in sentences])):
        for name in _proper_runs(doc):
            key = name_key(name)
            if (not key or key in found or key in accounted or (key in said) or name.lower() in CALENDAR_WORDS
                    or name.isupper()  # a dateline ("ADEN") or an acronym (a body, not a place)
                    or country_named(name) or (known is not None and known(name))):
                continue
            found[key] = {"name": name, "quote": text, "event_id": event_id}
    return list(found.values())


def known_by(gazetteer: Any, registry: Any) -> Callable[[str], bool]:
    """``unplaced_names``'s ``known``: a name the gazetteer has a place for (in any setting), or a source the
    registry knows by exactly that name ("Reuters", "LCC")."""
    def known(name: str) -> bool:
        if gazetteer.candidates(name, quiet=True):
            return True
        return any(m.start == 0 and m.end == len(name) for m in registry.find(name))

    return known


def _proper_runs(doc: Any) -> list[str]:
    """The runs of proper nouns in a parsed sentence that start with a capital ("Bustan al-Qasr"); "of" and
    "for" between two of them belong to the run ("Organisation of Islamic Cooperation")."""
    runs, start, tokens = [], None, [*doc, None]
    for i, token in enumerate(tokens):
        following = tokens[i + 1] if token is not None else None
        joined = (start is not None and following is not None and (
            token.lower_ in ("of", "for") and following.pos_ == "PROPN"
            or token.text in ("-", "'", "’") and not tokens[i - 1].whitespace_ and not token.whitespace_))
        inside = token is not None and (token.pos_ == "PROPN" or joined)
        if inside:
            start = i if start is None else start
            continue
        if start is not None:
            text = doc[start:i].text.strip(" -'’")
            if text[:1].isupper() and not any(ch.isdigit() or ch in ",;:()" for ch in text):
                runs.append(text)
            start = None
    return runs


def place_event(payload: Mapping[str, Any], event_id: str, place: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``payload`` with one event at ``place`` (a ``place_record``), its mention kept."""
    out = copy.deepcopy(dict(payload))
    for item in out.get("events", []):
        if item["id"] == event_id:
            mention = item["place"].get("mention") or item["place"].get("name")
            item["place"] = {**{k: place.get(k) for k in ("id", "name", "display_name", "lat", "lon", "precision",
                                                          "admin1", "coord_source")}, "mention": mention}
            item["place"]["display_name"] = item["place"]["display_name"] or item["place"]["name"]
            return out
    raise DraftError(f"no event {event_id} in this report")


def apply(payload: Mapping[str, Any], events: Sequence[Mapping[str, Any]], claims: Sequence[Mapping[str, Any]] = (),
          *, who: str = "analyst") -> dict[str, Any]:
    """The payload with the analyst's rows applied: removed events and claims gone, corrections in.

    Coordinates typed by hand make a place of their own (``typed:<name>@<lat>,<lon>``)
    that says who typed them. Rows are matched by event id and claim number,
    so the table's order does not matter.

    >>> p = {"report": {"id": "r"}, "events": [{"id": "r-1", "event_type": "clash", "place": {"mention": "Douma"}}]}
    >>> apply(p, [{"id": "r-1", "keep": False}])["events"]
    []
    """
    out = copy.deepcopy(dict(payload))
    by_event = {row["id"]: row for row in events if _blank(row.get("id")) is not None}
    added = [row for row in events if _blank(row.get("id")) is None and _truthy(row.get("keep", True))
             and any(_blank(row.get(k)) is not None for k in ("date", "event_type", "place", "lat", "lon"))]
    by_claim = {(row["event_id"], int(row["claim"])): row for row in claims}
    kept = []
    for item in out.get("events", []):
        row = by_event.get(item["id"])
        if row is not None and not _truthy(row.get("keep", True)):
            continue
        if row is not None:
            _apply_event(item, row, who)
        item["claims"] = [_apply_claim(item["id"], n, c, by_claim.get((item["id"], n)))
                          for n, c in enumerate(item.get("claims", []))
                          if _truthy((by_claim.get((item["id"], n)) or {}).get("keep", True))]
        kept.append(item)
    report_id = (out.get("report") or {}).get("id") or "report"
    taken = {item["id"] for item in out.get("events", [])}
    for n, row in enumerate(added, start=1):
        kept.append(_added_event(row, _free_id(f"{report_id}-added-", n, taken), who))
    out["events"] = kept
    mentions = {name_key(e["place"].get("mention") or "") for e in kept if e["place"].get("lat") is None}
    out["unresolved"] = [u for u in out.get("unresolved", []) if name_key(u.get("mention", "")) in mentions]
    _no_nul(out)
    return out


def _no_nul(value: Any, where: str = "") -> None:
    """Raise ``DraftError`` at the first text holding a NUL character, named by where it is (``report
    publisher``, ``event r-1 place mention`` …): PostgreSQL stores no text with a NUL in it, and a cell or
    form field sent by a crafted message may carry one."""
    if isinstance(value, str):
        if "\x00" in value:
            raise DraftError(f"{where.strip() or 'a field'} holds a NUL character; type it again")
    elif isinstance(value, Mapping):
        label = f"event {value['id']}" if isinstance(value.get("id"), str) and "claims" in value else where
        for key, item in value.items():
            _no_nul(item, f"{label} {key}")
    elif isinstance(value, (list, tuple)):
        for item in value:
            _no_nul(item, where)


def _added_event(row: Mapping[str, Any], event_id: str, who: str) -> dict[str, Any]:
    """An event the analyst added to the draft's table (one the reader missed): a type and a place are needed;
    without coordinates it stays unplaced (pins and the gazetteer place it when the draft is located again)."""
    where = f"the added event {event_id}"
    kind, mention = _blank(row.get("event_type")), _blank(row.get("place"))
    if kind is None or mention is None:
        raise DraftError(f"{where}: give at least its type and its place")
    item = {"id": event_id, "date": None, "date_precision": "day", "event_type": kind, "types": [kind],
            "place": {"id": None, "name": mention, "display_name": mention, "mention": mention, "lat": None,
                      "lon": None, "precision": None, "admin1": None, "coord_source": None},
            "claims": [], "quote": _blank(row.get("quote")) or f"added at ingest by {who}"}
    _apply_event(item, {k: v for k, v in row.items() if k not in ("id", "keep")}, who)
    return item


def _free_id(prefix: str, n: int, taken: set[str]) -> str:
    while f"{prefix}{n}" in taken:
        n += 1
    taken.add(f"{prefix}{n}")
    return f"{prefix}{n}"


def _apply_event(item: dict[str, Any], row: Mapping[str, Any], who: str) -> None:
    where = f"event {item['id']}"
    if "date" in row:
        item["date"] = _iso_date(row["date"], where)
    if "event_type" in row:
        kind = _blank(row["event_type"]) or item["event_type"]
        if kind not in EVENT_KINDS:
            raise DraftError(f"{where}: {kind!r} is not an event type; choose one of {', '.join(EVENT_KINDS)}")
        if kind != item["event_type"]:
            item["types"] = [kind] + [t for t in item.get("types", []) if t != kind]
        item["event_type"] = kind
    place = item["place"]
    mention = _blank(row.get("place")) or place.get("mention") or place.get("name")
    if not mention:
        raise DraftError(f"{where}: the place mention cannot be empty")
    place["mention"] = mention
    lat, lon = _number(row.get("lat", place.get("lat"))), _number(row.get("lon", place.get("lon")))
    precision = _blank(row.get("precision")) or place.get("precision")
    if precision is not None and precision not in PRECISIONS:
        raise DraftError(f"{where}: {precision!r} is not a precision; choose one of {', '.join(PRECISIONS)}")
    if (lat is None) != (lon is None):
        raise DraftError(f"{where}: give both latitude and longitude, or neither")
    if lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise DraftError(f"{where}: {lat}, {lon} is not a coordinate")
    if lat is None:
        if place.get("lat") is not None:  # the analyst cleared a wrong place: the event stays, unplaced
            item["place"] = {"id": None, "name": mention, "display_name": mention, "mention": mention, "lat": None,
                             "lon": None, "precision": None, "admin1": None, "coord_source": None}
        return
    if (lat, lon) != (place.get("lat"), place.get("lon")):
        item["place"] = {"id": f"typed:{name_key(mention)}@{lat:.5f},{lon:.5f}", "name": mention,
                         "display_name": mention, "mention": mention, "lat": lat, "lon": lon,
                         "precision": precision or Precision.TOWN.value, "admin1": None,
                         "coord_source": f"typed at ingest by {who}"}
    elif precision != place.get("precision"):
        place["precision"] = precision


def _apply_claim(event_id: str, n: int, claim: dict[str, Any], row: Mapping[str, Any] | None) -> dict[str, Any]:
    if row is None:
        return claim
    where = f"claim {n} of event {event_id}"
    if "source" in row:
        claim["source"] = _blank(row["source"])
    for name in FIGURES:
        if name in row:
            value = _number(row[name])
            if value is not None and (value < 0 or value != int(value)):
                raise DraftError(f"{where}: {name} must be a whole number of people, not {row[name]!r}")
            claim[name] = int(value) if value is not None else None
    return claim


def _iso_date(value: Any, where: str) -> str | None:
    if _blank(value) is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        raise DraftError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def _blank(value: Any) -> Any:
    """None for what a table cell holds when it is empty (None, NaN, NaT, "")."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() in ("", "NaT", "nan"):
        return None
    return value.strip() if isinstance(value, str) else value


def _number(value: Any) -> float | None:
    value = _blank(value)
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise DraftError(f"{value!r} is not a number") from None


def _truthy(value: Any) -> bool:
    return bool(value) if _blank(value) is not None else True


def locate(payload: Mapping[str, Any], geocoder: Any, *, progress: Any = None) -> tuple[dict[str, Any], dict[str, str]]:
    """Try the geocoding chain (pin → cache → gazetteer → online) on the draft's unplaced events.

    ``geocoder`` is a ``conflictmap.places.chain.Geocoder``; the setting of each
    name is the city or governorate its sentence names, as when stored events
    are retried. ``progress(done, total, name)`` is called before each lookup
    (online lookups wait a second each). Returns the new payload and, for
    each event still unplaced, why.
    """
    out = dict(payload)
    todo = unresolved(payload)
    reasons: dict[str, str] = {}
    for n, item in enumerate(todo):
        if progress is not None:
            progress(n, len(todo), item["place"])
        setting = geocoder.gazetteer.context(item["quote"].replace(item["place"], " "))
        found = geocoder.resolve(item["place"], near=setting)
        if found.resolved:
            out = place_event(out, item["id"], place_record(found.match.place))
        else:
            reasons[item["id"]] = redact.scrub(found.reason) or "no place found"  # a provider's URL may hold a key
    return out, reasons
