"""GeoJSON (RFC 7946): the events as a FeatureCollection, and the same file read back.

Each event is a Feature with a Point ``[longitude, latitude]`` (a null
geometry when it is not yet placed, RFC 7946 section 3.2, so nothing is
dropped), its fields, its country (ISO 3166-1 alpha-2) and its claims in
the properties. Reading it back, a feature whose event is stored changes
nothing; into another database it is stored under its own id and report,
each claim under its own source.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

import pandas as pd

from conflictmap import validate
from conflictmap.exchange import provenance
from conflictmap.exchange.countries import event_country
from conflictmap.exchange.rows import ImportFileError, ImportRowError, Parsed, claims_by_event, place_key, \
    read_source, share_out
from conflictmap.store import CLAIM_FIELDS

EVENT_PROPERTIES = ("id", "event_date", "event_date_end", "date_text", "date_precision", "event_type", "place_name",
                    "display_name", "place_mention", "precision", "admin1", "coord_source", "report_id", "report_url",
                    "publisher", "quote")
CLAIM_PROPERTIES = (*CLAIM_FIELDS, "claim_date", "report_id", "shared_key")


PINNED = re.compile(r"^pin by .*", re.S)


def public_coord_source(source: str | None) -> str | None:
    """Where a point came from, as anyone with the file may read it: a pin says "pin", never which editor set it
    (``"pin by a@example.org at 2026-11-30 06:00 UTC"`` → ``"pin"``); the pin's history is for editors."""
    return PINNED.sub("pin", source) if isinstance(source, str) else source


def collection(events: pd.DataFrame, claims: pd.DataFrame) -> dict[str, Any]:
    """Events (``EventStore.events_frame``) and their claims as an RFC 7946 FeatureCollection."""
    by_event = claims_by_event(claims)
    records = events.to_dict("records")
    shares = share_out(records, by_event)
    features = []
    for event in records:
        lat, lon = plain(event.get("lat")), plain(event.get("lon"))
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        properties = {name: plain(event.get(name)) for name in EVENT_PROPERTIES}
        properties["coord_source"] = public_coord_source(properties["coord_source"])
        properties["country"] = event_country(event)
        properties["types"] = [t for t in (event.get("types") or "").split(",") if t]
        raw = event.get("attributes")
        properties["attributes"] = json.loads(raw) if isinstance(raw, str) and raw else {}
        counted = {id(claim) for claim in shares.counted[event["id"]]}
        properties["claims"] = [{**{name: plain(claim.get(name)) for name in CLAIM_PROPERTIES},
                                 **_sharing(claim, id(claim) in counted)} for claim in by_event.get(event["id"], [])]
        if shares.note(event["id"]):
            properties["shared_note"] = shares.note(event["id"])
        features.append({"type": "Feature", "id": event["id"], "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def _sharing(claim: Mapping[str, Any], counted: bool) -> dict[str, Any]:
    """A shared claim's places (``shared_by``, a list) and whether its figure counts in this feature
    (``counted``: true in the first feature holding it, false in the others; summing the claims with
    ``counted`` true counts the figure once). Nothing for a claim of one place."""
    places = claim.get("shared_by")
    if isinstance(places, str) and places:
        places = json.loads(places)
    if not places or not isinstance(places, list) or len(places) < 2:
        return {}
    return {"shared_by": places, "counted": counted}


def plain(value: Any) -> Any:
    """A frame cell as plain JSON data: NaN/NaT to None, numpy numbers to Python's, dates in ISO form."""
    if value is None or isinstance(value, (str, int, list, dict)) and not isinstance(value, bool):
        return value
    if pd.isna(value):
        return None
    if isinstance(value, (dt.date, dt.datetime, pd.Timestamp)):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def parse(source: str | Path | IO[str] | IO[bytes] | bytes, *, order: str | None = None) -> Parsed:
    """Read a FeatureCollection conflictmap wrote: one record per report, each feature's event in it.

    A feature that cannot be read is refused with its number (``line`` is
    the feature's position, from 1). ``order`` is accepted for a uniform
    signature; GeoJSON dates are ISO.
    """
    text, encoding, name = read_source(source)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(f"{name}, line {exc.lineno}: not JSON ({exc.msg}); export the file again") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or \
            not isinstance(data.get("features"), list):
        raise ImportFileError(f"{name}: not a GeoJSON FeatureCollection (RFC 7946); export it again as GeoJSON")
    parsed = Parsed(encoding=encoding, delimiter="")
    records: dict[str, dict[str, Any]] = {}
    identities: dict[str, list[provenance.Identity]] = {}
    for number, feature in enumerate(data["features"], 1):
        try:
            report_id, event = _event(feature)
            validate.payload({"report": {"id": report_id}, "events": [event]})
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            parsed.errors.append(ImportRowError(number, f"feature {number}: {exc!s}; it is left out", file=name))
            continue
        properties = feature["properties"]
        record = records.setdefault(report_id, {
            "report": {"id": report_id, "url": properties.get("report_url"), "publisher": properties.get("publisher"),
                       "title": None, "pub_date": None, "note": None},
            "events": [], "nationwide_claims": []})
        record["events"].append(event)
        identities.setdefault(report_id, []).append(provenance.Identity(event["id"], None, None))
        parsed.lines.append(number)
    parsed.payloads = list(records.values())
    parsed.identities = [identities[key] for key in records]
    return parsed


def _event(feature: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    properties = feature["properties"]
    event_id = str(feature.get("id") or properties["id"])
    report_id = properties["report_id"]
    if not isinstance(report_id, str) or not report_id:
        raise ValueError("report_id is missing")
    geometry = feature.get("geometry")
    lon, lat = (geometry["coordinates"][:2] if geometry else (None, None))
    name = properties.get("place_name") or properties.get("place_mention") or ""
    place_id = place_key("geojson", name, properties.get("display_name"), lat, lon, properties.get("precision"),
                         properties.get("admin1")) if lat is not None else None
    claims = [{**{k: c.get(k) for k in CLAIM_FIELDS}, "date": c.get("claim_date"),
               **({"shared_by": list(c["shared_by"])} if isinstance(c.get("shared_by"), list) else {})}
              for c in properties.get("claims") or []]
    return report_id, {
        "id": event_id, "date": properties.get("event_date"), "date_end": properties.get("event_date_end"),
        "date_text": properties.get("date_text"), "date_precision": properties.get("date_precision") or "day",
        "event_type": properties["event_type"], "types": properties.get("types") or [properties["event_type"]],
        "quote": properties.get("quote") or "", "attributes": properties.get("attributes") or None,
        "place": {"id": place_id, "name": name, "display_name": properties.get("display_name") or name,
                  "mention": properties.get("place_mention") or name, "lat": lat, "lon": lon,
                  "precision": properties.get("precision"), "admin1": properties.get("admin1"),
                  "coord_source": properties.get("coord_source"), "country": properties.get("country")},
        "claims": claims,
    }
