"""Data in and out: imports from ACLED, UCDP GED and our own dump; exports to CSV, GeoJSON and JSON.

Writers are pure functions over ``EventStore`` frames, so the dashboard's
download buttons and the command line give the same bytes. Every CSV cell
that a spreadsheet would run as a formula (text starting with = + - @) is
written with a leading apostrophe: exported notes and quotes are report
text, and report text is untrusted. Our own importers take the apostrophe
off again.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pandas as pd

from conflictmap import acled, ledger, ucdp
from conflictmap.dataset import ImportFileError, ImportRowError, claims_by_event, neutralise, open_text
from conflictmap.filters import Filters
from conflictmap.store import CLAIM_FIELDS, EventStore, ImportResult

IMPORT_FORMATS = ("acled", "ucdp", "json")
EXPORT_FORMATS = ("acled", "ucdp", "geojson", "json")
FORMAT_LABELS = {"acled": "ACLED CSV", "ucdp": "UCDP GED CSV", "geojson": "GeoJSON",
                 "json": "conflictmap JSON (imports back losslessly)"}
MEDIA_TYPES = {"acled": "text/csv", "ucdp": "text/csv", "geojson": "application/geo+json",
               "json": "application/json"}
EXTENSIONS = {"acled": "csv", "ucdp": "csv", "geojson": "geojson", "json": "json"}
EVENT_PROPERTIES = ("id", "event_date", "event_date_end", "date_text", "date_precision", "event_type", "place_name",
                    "display_name", "place_mention", "precision", "admin1", "coord_source", "report_id", "report_url",
                    "publisher", "quote")
CLAIM_PROPERTIES = (*CLAIM_FIELDS, "claim_date", "report_id")


@dataclass
class ImportReport:
    """What an import did, and the rows it refused (line and reason each)."""

    format: str
    result: ImportResult
    errors: list[ImportRowError] = field(default_factory=list)

    @property
    def summary(self) -> str:
        r = self.result
        text = f"{r.added} record(s) added ({r.events} events, {r.claims} claims), {r.skipped} already stored"
        return text + (f", {len(self.errors)} row(s) refused" if self.errors else "")


def import_file(store: EventStore, source: str | Path | IO[str] | bytes, fmt: str) -> ImportReport:
    """Read a file in ``fmt`` and store its good rows in one transaction; bad rows come back as errors.

    >>> # import_file(EventStore(), "acled.csv", "acled").summary
    """
    if fmt == "json":
        stream = open_text(source)
        try:
            dump = json.load(stream)
        except json.JSONDecodeError as exc:
            raise ImportFileError(f"not JSON: {exc}") from None
        finally:
            if stream is not source:
                stream.close()
        if not isinstance(dump, dict):
            raise ImportFileError("not a conflictmap dump: the JSON is not an object")
        try:
            return ImportReport(fmt, store.load(dump))
        except (KeyError, TypeError, AttributeError) as exc:
            raise ImportFileError(f"not a conflictmap dump: {exc!r} is missing or malformed") from None
    readers = {"acled": acled.parse, "ucdp": ucdp.parse}
    if fmt not in readers:
        raise ValueError(f"unknown import format {fmt!r}; choose one of {', '.join(IMPORT_FORMATS)}")
    parsed = readers[fmt](source)
    return ImportReport(fmt, store.import_payloads(parsed.payloads), parsed.errors)


def export_text(store: EventStore, fmt: str, start: dt.date | None = None, end: dt.date | None = None,
                filters: Filters | None = None) -> str:
    """The database, or the events dated ``start``..``end`` (and passing ``filters``: what the map shows), in ``fmt``.

    The JSON dump is a copy of the database and ignores ``filters``.
    """
    if fmt == "json":
        return json.dumps(store.dump(start, end), ensure_ascii=False, indent=1) + "\n"
    events = store.events_frame(start, end)
    claims = store.claims_frame(events["id"].tolist())
    if filters is not None and filters.active:
        events = filters.apply(events, claims)
        claims = claims[claims["event_id"].isin(set(events["id"]))]
    events, claims = ledger.one_per_incident(events, claims)  # one row per incident, every report's claims in it
    if fmt == "geojson":
        return json.dumps(geojson(events, claims), ensure_ascii=False) + "\n"
    if fmt == "acled":
        return csv_text(acled.export_rows(events, claims), acled.COLUMNS)
    if fmt == "ucdp":
        return csv_text(ucdp.export_rows(events, claims), ucdp.COLUMNS)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")


def csv_text(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """Rows as CSV with exactly ``columns`` for a header, every cell formula-safe.

    >>> csv_text([{"a": "=1+1", "b": -2}], ["a", "b"]).splitlines()
    ['a,b', "'=1+1,-2"]
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    return neutralise(_plain(value))


def geojson(events: pd.DataFrame, claims: pd.DataFrame) -> dict[str, Any]:
    """Events as an RFC 7946 FeatureCollection: Point [longitude, latitude], claims in the properties.

    An event not yet placed has a null geometry (RFC 7946, 3.2), so nothing is dropped.
    """
    by_event = claims_by_event(claims)
    features = []
    for event in events.to_dict("records"):
        lat, lon = _plain(event.get("lat")), _plain(event.get("lon"))
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        properties = {name: _plain(event.get(name)) for name in EVENT_PROPERTIES}
        properties["types"] = [t for t in (event.get("types") or "").split(",") if t]
        raw = event.get("attributes")
        properties["attributes"] = json.loads(raw) if isinstance(raw, str) and raw else {}
        properties["claims"] = [{name: _plain(claim.get(name)) for name in CLAIM_PROPERTIES}
                                for claim in by_event.get(event["id"], [])]
        features.append({"type": "Feature", "id": event["id"], "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def _plain(value: Any) -> Any:
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
