"""Who a data-set row is: an event conflictmap exported itself, or a data set's event and which version of it.

Importing must never double data or relabel figures. Two rules decide:

* **Our own rows come home unchanged.** conflictmap's ACLED and UCDP
  exports mark each event read from reports (ACLED ``tags`` and GED
  ``relid`` hold ``conflictmap report=<report id>``) and keep its own id.
  On the way back, an id already stored changes nothing; into another
  database the event is stored under its own id and report, its figures
  under the sources that gave them, never "ACLED" or "UCDP GED".
* **A data set's revision replaces what it revises.** A row whose event is
  stored already (same ``event_id_cnty`` or GED ``id``) replaces the stored
  values when its version is newer (ACLED ``timestamp``; the GED's
  ``relid`` version), and the change goes into the event's history; an
  equal or older version changes nothing.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

MARK = "conflictmap report="
KEY = "_identity"  # where a row reader leaves a payload's Identity (``rows.IDENTITY``); kept apart in ``Parsed``
LOWEST = "lowest figure claimed"  # what an exported figure of ours is (ACLED's rule)


@dataclass(frozen=True)
class Identity:
    """A parsed row's event id, the data set it belongs to (None: conflictmap's own), and its version."""

    event_id: str
    dataset: str | None
    version: int | None


@dataclass
class Sorted:
    """A file's rows sorted against the database: to add, to revise, or left as they are (and why)."""

    added: list[dict[str, Any]] = field(default_factory=list)
    revised: list[dict[str, Any]] = field(default_factory=list)
    unchanged: int = 0
    ours: int = 0
    older: int = 0


def our_record(report_id: str, event: dict[str, Any], *, name: str, admin1: str | None, lat: float | None,
               lon: float | None, precision: str, country: str | None) -> dict[str, Any]:
    """The record of one event conflictmap exported itself: its report, the event at its place, its claims.

    The place gets a stable id from what the export says of it (none
    when it has no coordinates: an unplaced event keeps only its mention).
    """
    from conflictmap.exchange.rows import IDENTITY, place_key

    located = lat is not None and lon is not None
    place = {"id": place_key("cm", name, admin1, lat, lon, precision) if located else None, "name": name,
             "display_name": name, "mention": name, "lat": lat, "lon": lon, "precision": precision,
             "admin1": admin1, "coord_source": None, "country": country}
    return {"report": {"id": report_id, "publisher": None, "title": None, "url": None, "pub_date": None,
                       "note": None},
            "events": [{**event, "place": place}], "nationwide_claims": [],
            IDENTITY: Identity(event["id"], None, None)}


def identify(row: Mapping[str, str], key_column: str, mark_column: str, what: str) -> tuple[str, str | None]:
    """A row's own event id, and the report id when conflictmap marked the row as its own (else None).

    Raises ``CellError`` for a row without an id.
    """
    from conflictmap.exchange.rows import CellError

    key = row.get(key_column, "")
    if not key:
        raise CellError(key_column, f"{key_column} is empty; every {what} row has its event id")
    return key, ours(row.get(mark_column, ""))


def mark(report_id: str) -> str:
    """The mark an export puts on an event read from reports.

    >>> ours(mark("r-1a2b"))
    'r-1a2b'
    """
    return f"{MARK}{report_id}"


def ours(text: str) -> str | None:
    """The report id in a cell marked by ``mark`` (among ``;``-separated tags), or None."""
    if MARK not in text:
        return None
    for part in text.split(";"):
        part = part.strip()
        if part.startswith(MARK) and len(part) > len(MARK):
            return part[len(MARK):].strip()
    return None


def group_ours(payloads: list[dict[str, Any]], identities: list[Any]) -> tuple[list[dict[str, Any]], list[Any]]:
    """Rows of conflictmap's own events gathered by report: one record per report, as the database keeps them.

    A data set's rows are one record each and pass as they are.
    """
    out: list[dict[str, Any]] = []
    ids: list[Any] = []
    by_report: dict[str, int] = {}
    for payload, identity in zip(payloads, identities):
        if isinstance(identity, Identity) and identity.dataset is None:
            report_id = payload["report"]["id"]
            if report_id in by_report:
                at = by_report[report_id]
                out[at]["events"].extend(payload["events"])
                ids[at].append(identity)
                continue
            by_report[report_id] = len(out)
            out.append({**payload, "events": list(payload["events"])})
            ids.append([identity])
            continue
        out.append(payload)
        ids.append(identity)
    return out, ids


def stored_version(attributes: str | None, column: str, version: Any) -> int | None:
    """The version a stored event's data-set attributes hold (``timestamp`` or ``relid``), via ``version``."""
    if not attributes:
        return None
    try:
        value = json.loads(attributes).get(column)
    except (ValueError, AttributeError):
        return None
    try:
        return version({column: str(value)}) if value not in (None, "") else None
    except (ValueError, OverflowError):
        return None


def sort_rows(payloads: Iterable[Any], identities: Iterable[Identity | list[Identity]],
              stored: Mapping[str, str | None], versions: Mapping[str, tuple[str, Any]]) -> Sorted:
    """Sort parsed payloads (or their positions: ``Sorted`` holds whatever is given) against ``stored``
    (event id -> its attributes JSON, for the ids already stored).

    ``versions`` maps a data set's name to (its version column, the
    function reading a version from a row). A row without a version, for an
    event stored already, changes nothing: without versions no row can be
    called newer.
    """
    out = Sorted()
    for payload, found in zip(payloads, identities):
        if isinstance(found, list):  # a record of several events (GeoJSON): stored as a whole, or left alone
            if any(identity.event_id in stored for identity in found):
                out.unchanged += len(found)
                out.ours += len(found)
            else:
                out.added.append(payload)
            continue
        identity: Identity = found
        if identity.event_id not in stored:
            out.added.append(payload)
            continue
        if identity.dataset is None:
            out.ours += 1
            out.unchanged += 1
            continue
        column, reader = versions[identity.dataset]
        have = stored_version(stored[identity.event_id], column, reader)
        if identity.version is not None and (have is None or identity.version > have):
            out.revised.append(payload)
        else:
            out.unchanged += 1
            if identity.version is not None and have is not None and identity.version < have:
                out.older += 1
    return out
