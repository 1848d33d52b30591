"""Imports and exports by format name: ``import_file`` and ``export_text``, what the command line and pages call.

An import reads the whole file, sorts its rows against the database (added,
updated, unchanged: ``provenance``) and stores them in one transaction;
refused rows come back with file, line, column and reason. Writers are pure
functions over ``EventStore`` frames, so the dashboard's download buttons
and the command line give the same bytes.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from conflictmap.exchange import acled, dump, geojson, provenance, ucdp
from conflictmap.exchange.rows import ImportFileError, ImportRowError, Parsed, ParsedColumns, paused_gc
from conflictmap.exchange.spreadsheet import csv_text
from conflictmap import ledger
from conflictmap.filters import Filters
from conflictmap.store import EventStore, ImportResult

IMPORT_FORMATS = ("acled", "ucdp", "geojson", "json")
EXPORT_FORMATS = ("acled", "ucdp", "geojson", "json")
FORMAT_LABELS = {"acled": "ACLED CSV", "ucdp": "UCDP GED CSV", "geojson": "GeoJSON",
                 "json": "conflictmap JSON (imports back losslessly)"}
MEDIA_TYPES = {"acled": "text/csv", "ucdp": "text/csv", "geojson": "application/geo+json",
               "json": "application/json"}
EXTENSIONS = {"acled": "csv", "ucdp": "csv", "geojson": "geojson", "json": "json"}
READERS = {"acled": acled.parse, "ucdp": ucdp.parse, "geojson": geojson.parse}
# Formats also read column by column (the same rows stored and refused as READERS', without a dictionary per row).
COLUMN_READERS = {"acled": acled.parse_columns}
# Each data set's version column and how a row's version is read (``provenance.sort_rows``).
VERSIONS = {acled.DATASET: ("timestamp", acled.revision), ucdp.DATASET: ("relid", ucdp.revision)}

__all__ = ["EXPORT_FORMATS", "EXTENSIONS", "FORMAT_LABELS", "IMPORT_FORMATS", "MEDIA_TYPES", "ImportFileError",
           "ImportReport", "ImportRowError", "csv_text", "export_text", "import_file"]


@dataclass
class ImportReport:
    """What an import did: events added, updated (a newer version), unchanged, and the rows refused."""

    format: str
    result: ImportResult
    errors: list[ImportRowError] = field(default_factory=list)
    unchanged: int = 0
    ours: int = 0  # of the unchanged: events conflictmap exported itself
    older: int = 0  # of the unchanged: rows older than the version stored
    file: str = ""

    @property
    def added(self) -> int:
        return self.result.events if self.format != "json" else self.result.added

    @property
    def updated(self) -> int:
        return self.result.updated

    @property
    def refused(self) -> int:
        return len(self.errors)

    @property
    def summary(self) -> str:
        """ "3 added, 1 updated, 2 unchanged, 0 refused" with what the numbers hold."""
        r = self.result
        if self.format == "json":
            return (f"{r.added} report(s) added ({r.events} events, {r.claims} claims), 0 updated, "
                    f"{r.skipped} unchanged, 0 refused")
        notes = []
        if self.ours:
            notes.append(f"{self.ours} exported by conflictmap itself")
        if self.older:
            notes.append(f"{self.older} older than the version stored")
        text = f"{self.added} added, {self.updated} updated, {self.unchanged + r.skipped} unchanged, " \
               f"{self.refused} refused"
        return text + (f" ({'; '.join(notes)})" if notes else "") + f"; {r.claims} claims added"


def import_file(store: EventStore, source: str | Path | IO[str] | IO[bytes] | bytes, fmt: str, *,
                order: str | None = None, who: str | None = None, rowwise: bool = False) -> ImportReport:
    """Read a file in ``fmt`` and store it in one transaction: new events added, revised ones updated.

    ``order`` (``"dayfirst"``/``"monthfirst"``) states how numeric dates
    are written when the file does not settle it; ``who`` names the import
    in the events' history (default: "import of <file name>"). An ACLED
    file is read column by column (``acled.parse_columns``); ``rowwise``
    reads it row by row instead, the reference the columnar reader is
    tested against (the same rows stored, the same refusals). Raises
    ``ImportFileError`` for a file that cannot be read at all.

    >>> # import_file(EventStore(), "acled.csv", "acled").summary
    """
    if fmt == "json":
        return ImportReport(fmt, dump.load(store, source))
    if fmt not in READERS:
        raise ValueError(f"unknown import format {fmt!r}; choose one of {', '.join(IMPORT_FORMATS)}")
    name = Path(source).name if isinstance(source, (str, Path)) else getattr(source, "name", "") or "upload"
    with paused_gc():
        parsed: Parsed | ParsedColumns = (READERS if rowwise or fmt not in COLUMN_READERS else COLUMN_READERS)[fmt](
            source, order=order)
        if isinstance(parsed, ParsedColumns):
            stored = store.event_attributes([identity.event_id for identity in parsed.identities])
            rows = provenance.sort_rows(range(len(parsed.identities)), parsed.identities, stored, VERSIONS)
            result = store.import_columns(parsed.batch.take(rows.added),
                                          revisions=[parsed.payload(i) for i in rows.revised],
                                          who=who or f"import of {Path(name).name}")
            return ImportReport(fmt, result, parsed.errors, rows.unchanged, rows.ours, rows.older, name)
        ids = [i.event_id for found in parsed.identities for i in (found if isinstance(found, list) else [found])]
        stored = store.event_attributes(ids)
        payloads, identities = provenance.group_ours(parsed.payloads, parsed.identities)
        rows = provenance.sort_rows(payloads, identities, stored, VERSIONS)
        # Every row passed validate.payload as it was read (a bad row refused with its line): not again.
        result = store.import_payloads(rows.added, revisions=rows.revised,
                                       who=who or f"import of {Path(name).name}", checked=True)
    return ImportReport(fmt, result, parsed.errors, rows.unchanged, rows.ours, rows.older, name)


def export_text(store: EventStore, fmt: str, start: dt.date | None = None, end: dt.date | None = None,
                filters: Filters | None = None) -> str:
    """The database, or the events dated ``start``..``end`` (and passing ``filters``: what the map shows), in ``fmt``.

    The JSON dump is a copy of the database and ignores ``filters``.
    """
    if fmt == "json":
        return dump.text(store, start, end)
    events = store.events_frame(start, end)
    if start is not None or end is not None:  # an incident goes in the window its map point is in
        events = store.with_incident_members(events)
    claims = store.claims_frame(events["id"].tolist())
    if filters is not None and filters.active:
        events = filters.apply(events, claims)
        claims = claims[claims["event_id"].isin(set(events["id"]))]
    events, claims = ledger.one_per_incident(events, claims, start, end)  # one row per incident, all its claims
    if fmt == "geojson":
        return json.dumps(geojson.collection(events, claims), ensure_ascii=False) + "\n"
    if fmt == "acled":
        return csv_text(acled.export_rows(events, claims), acled.COLUMNS)
    if fmt == "ucdp":
        return csv_text(ucdp.export_rows(events, claims), ucdp.COLUMNS)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")

