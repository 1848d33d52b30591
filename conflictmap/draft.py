"""An extraction under review: the analyst's corrections applied to the ``extract`` JSON before it is saved.

The Ingest page shows two tables over a draft, events and claims, and hands
back the edited rows; ``apply`` turns them into the payload that
``EventStore.ingest`` stores. Nothing here touches the database or
Streamlit, so every correction (a removed event, a typed coordinate, a
fixed figure) is checked the same way in tests and on the page.
"""
from __future__ import annotations

import copy
import datetime as dt
import math
from collections.abc import Mapping, Sequence
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
    by_event = {row["id"]: row for row in events}
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
    out["events"] = kept
    mentions = {name_key(e["place"].get("mention") or "") for e in kept if e["place"].get("lat") is None}
    out["unresolved"] = [u for u in out.get("unresolved", []) if name_key(u.get("mention", "")) in mentions]
    return out


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
