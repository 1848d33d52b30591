"""The one door to the database: every SQL statement of conflictmap lives here.

An SQLite file by default (one analyst, no server) and PostgreSQL by URL for
a team's hosted dashboard; the same SQLAlchemy Core statements serve both.
Writes happen in one transaction each, and a report is keyed by a hash of
its text, so ingesting it again changes nothing.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import operator
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import (Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData, String,
                        Table, Text, any_, bindparam, create_engine, event, func, inspect, select, text)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, StatementError

from conflictmap import redact, validate
from conflictmap.reading.events import ACLED_TYPES

DEFAULT_DB_NAME = "conflictmap.db"
ENV_URL = "CONFLICTMAP_DATABASE_URL"
ENV_HOME = "CONFLICTMAP_HOME"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The schema as it was before migrations: a database with tables but no version is at this revision.
BASELINE_REVISION = "0001"
# Any constant works; it makes two processes opening one PostgreSQL database migrate one after the other.
MIGRATION_LOCK = 7_346_021
LINKING_LOCK = 7_346_022  # likewise for linking incidents: two ingests on PostgreSQL link one after the other
DUMP_FORMAT = "conflictmap-dump"
DUMP_VERSION = 1
# Rows per INSERT batch: bounds memory, and keeps SQLite under its bound-parameter limit in IN lists.
BATCH = 5000

metadata = MetaData()

reports = Table(
    "reports", metadata,
    Column("id", String(32), primary_key=True),
    Column("url", Text),
    Column("publisher", Text),
    Column("pub_date", Date),
    Column("title", Text),
    Column("note", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)
places = Table(
    "places", metadata,
    Column("id", String(120), primary_key=True),
    Column("name", Text, nullable=False),
    Column("display_name", Text, nullable=False),
    Column("lat", Float),
    Column("lon", Float),
    Column("precision", String(20)),
    Column("admin1", Text),
    Column("coord_source", Text),
)
events = Table(
    "events", metadata,
    Column("id", String(64), primary_key=True),
    Column("report_id", String(32), ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    Column("place_id", String(120), ForeignKey("places.id")),
    Column("place_mention", Text, nullable=False),
    Column("event_date", Date),
    Column("date_precision", String(10), nullable=False, default="day"),
    Column("event_date_end", Date),
    Column("date_text", Text),
    Column("event_type", String(30), nullable=False),
    Column("types", Text, nullable=False, default=""),
    Column("quote", Text, nullable=False, default=""),
    Column("attributes", Text),  # JSON: a data set's own fields (actors, codes) kept for export
    Column("merged_into", String(64)),  # set when an editor merged this event into another
    Column("deleted_at", DateTime(timezone=True)),  # set when an editor deleted it; both are undone exactly
    Column("incident_id", String(64)),  # the incident it tells (conflictmap.incident); events of one incident share it
    Column("incident_link", String(10)),  # how it shares it: "auto" (the linker) or "editor"; None when alone
    Column("incident_reason", Text),  # why it shares it: the linker's words and score, or an editor's join
    Index("ix_events_date", "event_date"),
    Index("ix_events_incident", "incident_id"),
)
claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", String(32), ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE")),
    Column("source", Text),
    Column("source_mention", Text),
    Column("source_kind", Text),
    Column("killed", Integer),
    Column("injured", Integer),
    Column("civilians", Integer),
    Column("rebels", Integer),
    Column("government", Integer),
    Column("children", Integer),
    Column("women", Integer),
    Column("killed_qualifier", Text),
    Column("killed_text", Text),
    Column("killed_conventional", Integer),
    # the injured figure's words, as the killed one's: "at least", "dozens" (and ACLED's 12), a range's upper end
    Column("injured_qualifier", Text),
    Column("injured_text", Text),
    Column("injured_conventional", Integer),
    Column("injured_high", Integer),
    Column("scope", String(40), nullable=False, default="event"),
    Column("denial", Boolean, nullable=False, default=False),
    Column("flag", Text),
    Column("relayed_by", Text),
    Column("claim_date", Date),
    Column("quote", Text, nullable=False, default=""),
    # One figure for several places ("1,300 killed in A, B and C") is one claim: each of those events holds a
    # copy, the copies have one ``shared_key`` (the function below), and ``shared_by`` lists the places (JSON text).
    Column("shared_key", String(40)),
    Column("shared_by", Text),
    Index("ix_claims_event", "event_id"),
    Index("ix_claims_shared", "shared_key"),
)
# -- geocoding: online answers, analysts' pins, and why a place is still unplaced --------
geocode_cache = Table(
    "geocode_cache", metadata,
    Column("key", String(400), primary_key=True),  # provider|country|near|name key
    Column("provider", String(60), nullable=False),
    Column("query", Text, nullable=False),
    Column("near", Text),
    Column("found", Boolean, nullable=False),
    Column("place_id", String(120)),
    Column("name", Text),
    Column("display_name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("precision", String(20)),
    Column("admin1", Text),
    Column("country", String(2)),
    Column("coord_source", Text),
    Column("confidence", Float),
    Column("raw", Text),
    Column("cached_at", DateTime(timezone=True), nullable=False),
)
place_pins = Table(
    "place_pins", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target", String(200), nullable=False),  # a place id, or "name:<name key>" for an unplaced name
    Column("place_id", String(120), nullable=False),
    Column("name", Text, nullable=False),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("precision", String(20), nullable=False),
    Column("admin1", Text),
    Column("previous_lat", Float),
    Column("previous_lon", Float),
    Column("previous_source", Text),
    Column("who", Text, nullable=False),
    Column("pinned_at", DateTime(timezone=True), nullable=False),
    Column("note", Text),
    Index("ix_place_pins_target", "target"),
)
geocode_attempts = Table(
    "geocode_attempts", metadata,
    Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("reason", Text, nullable=False),
    Column("attempts", Integer, nullable=False, default=1),
    Column("tried_at", DateTime(timezone=True), nullable=False),
)
PLACE_FIELDS = ("place_id", "name", "display_name", "lat", "lon", "precision", "admin1", "country", "coord_source",
                "confidence")
event_changes = Table(
    "event_changes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), nullable=False),  # no foreign key: the history outlives what it describes
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Column("editor", Text, nullable=False),
    Column("action", String(20), nullable=False),  # edit, delete, restore, merge, unmerge
    Column("field", Text),
    Column("old_value", Text),  # JSON
    Column("new_value", Text),  # JSON
    Column("reason", Text),
    Index("ix_event_changes_event", "event_id"),
)
# Failed editor-password sign-ins: one row per client address, and the row "*" for every client together.
signin_attempts = Table(
    "signin_attempts", metadata,
    Column("client", String(200), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("first_failure", DateTime(timezone=True), nullable=False),
    Column("last_failure", DateTime(timezone=True), nullable=False),
)
ALL_CLIENTS = "*"
# -- incidents: grey-zone proposals, editors' decisions (split, join, confirm, reject, auto on/off), the switch --
incident_proposals = Table(
    "incident_proposals", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_a", String(64), nullable=False),
    Column("event_b", String(64), nullable=False),
    Column("score", Float, nullable=False),
    Column("reason", Text, nullable=False),
    Column("proposed_at", DateTime(timezone=True), nullable=False),
)
incident_decisions = Table(
    "incident_decisions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(12), nullable=False),  # split, join, confirm, reject, auto_off, auto_on
    Column("event_a", String(64)),
    Column("event_b", String(64)),
    Column("pairs", Text),  # JSON [[a, b], ...]: the pairs a split keeps apart
    Column("score", Float),
    Column("editor", Text, nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=False),
    Column("reason", Text),
    Column("undone_by", Text),
    Column("undone_at", DateTime(timezone=True)),
    Column("undo_reason", Text),
)
incident_settings = Table(
    "incident_settings", metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)
# Events an analyst sees: not deleted, not merged into another.
LIVE = events.c.deleted_at.is_(None) & events.c.merged_into.is_(None)
EVENT_KINDS = tuple(ACLED_TYPES)  # every type conflictmap knows, "other" included
# Fields an editor may change, with how a new value is read.
EDITABLE: dict[str, Any] = {
    "event_date": lambda v: _date(v), "event_date_end": lambda v: _date(v), "date_precision": str, "event_type": str,
    "types": lambda v: v if isinstance(v, str) else ",".join(v), "place_mention": str, "quote": str,
}
# Event fields the incident linker reads: an edit of one relinks the event (``EventStore._relink_touching``).
LINKING_FIELDS = frozenset({"event_date", "event_date_end", "date_precision", "event_type", "types", "place_mention"})
REQUIRED_FIELDS = frozenset({"date_precision", "event_type", "types", "place_mention", "quote"})
# Above this many ids, filter in pandas rather than bind every id (SQLite caps the parameters of a statement).
IN_LIMIT = 900
CLAIM_FIELDS = ("source", "source_mention", "source_kind", "killed", "injured", "civilians", "rebels", "government",
                "children", "women", "killed_qualifier", "killed_text", "killed_conventional", "scope", "denial", "flag",
                "relayed_by", "quote", "injured_qualifier", "injured_text", "injured_conventional", "injured_high")


class StoreUnavailable(RuntimeError):
    """The database cannot be reached, or stays locked past the busy timeout; nothing was written.

    The message names the database by ``safe_url`` (never its password) and
    gives the driver's reason with any password taken out, so it can be shown
    on a page or in a log as it is.
    """

    def __init__(self, url: str, reason: str) -> None:
        self.url = safe_url(url)
        self.reason = reason
        super().__init__(f"the database {self.url} cannot be used: {reason}")

    @classmethod
    def from_error(cls, exc: BaseException, url: str) -> "StoreUnavailable":
        orig = getattr(exc, "orig", None) or exc
        lines = [line.strip() for line in str(orig).splitlines() if line.strip()]
        return cls(url, scrub(lines[0] if lines else type(exc).__name__, url))


def safe_url(url: str) -> str:
    """A database URL fit to show: the password masked in every form SQLAlchemy accepts (``redact.safe_db_url``).

    >>> safe_url("postgresql://ana:s3cret@db.example.org:5432/conflictmap?password=s3cret")
    'postgresql://ana:***@db.example.org:5432/conflictmap?password=***'
    """
    return redact.safe_db_url(url)


def scrub(text: str, url: str) -> str:
    """``text`` with the URL's password(s) (and the URL itself) replaced, for messages that quote a driver."""
    return redact.scrub(text.replace(url, safe_url(url)), redact.db_url_secrets(url))


class StaleEdit(ValueError):
    """Another editor changed an event after this editor loaded it: nothing was written.

    ``conflicts`` maps each event id to ``{field: (value seen, value stored now)}``.
    """

    def __init__(self, conflicts: Mapping[str, Mapping[str, tuple[Any, Any]]]) -> None:
        self.conflicts = {k: dict(v) for k, v in conflicts.items()}
        parts = [f"{event_id}: " + ", ".join(f"{name} (you saw {_shown(old)}, now {_shown(new)})"
                                            for name, (old, new) in fields.items())
                 for event_id, fields in self.conflicts.items()]
        super().__init__("another editor changed these events since you loaded them; reload and edit again — "
                         + "; ".join(parts))


def _shown(value: Any) -> str:
    return "empty" if value is None else str(_json_value(value))


@dataclass(frozen=True)
class IngestResult:
    """What an ingest did: ``added`` is False when the report was already stored."""

    report_id: str
    added: bool
    events: int
    claims: int


@dataclass(frozen=True)
class ImportResult:
    """What a bulk import did: records (reports) added and already stored, events and claims written."""

    added: int
    skipped: int
    events: int
    claims: int
    updated: int = 0  # events a data set's newer version revised (``import_payloads(revisions=...)``)


PLACE_COLUMNS = ("id", "name", "display_name", "lat", "lon", "precision", "admin1", "coord_source")


@dataclass
class ImportColumns:
    """An import's rows built column by column by a data set's reader (``exchange.acled.parse_columns``).

    Row ``i`` of ``reports``, ``events`` and ``claims`` belong together (a
    data-set row: one report, its event, the event's claim). Each maps a
    column of that table to its values, one a row, as ``import_payloads``
    would write them (dates as ``datetime.date``); a column left out is
    empty (or its default). ``places`` maps each ``events["place_id"]`` to
    that place's values in ``PLACE_COLUMNS`` order. The store sets
    ``ingested_at`` and the incident columns.
    """

    reports: dict[str, list[Any]]
    events: dict[str, list[Any]]
    claims: dict[str, list[Any]]
    places: dict[str, tuple[Any, ...]]

    def __len__(self) -> int:
        return len(self.reports["id"])

    def take(self, rows: Sequence[int]) -> ImportColumns:
        """The rows at ``rows`` (positions, in the order given)."""
        if len(rows) == len(self) and all(i == n for n, i in enumerate(rows)):
            return self

        def pick(column: list[Any]) -> list[Any]:
            return [column[i] for i in rows]

        return ImportColumns({k: pick(v) for k, v in self.reports.items()},
                             {k: pick(v) for k, v in self.events.items()},
                             {k: pick(v) for k, v in self.claims.items()}, self.places)


def default_url(secrets: Mapping[str, Any] | None = None) -> str:
    """Where the data lives: ``CONFLICTMAP_DATABASE_URL``, then secrets, then a local SQLite file.

    The file sits in ``CONFLICTMAP_HOME`` (default ``~/.local/share/conflictmap``)
    and is created on first use.
    """
    url = os.environ.get(ENV_URL)
    if not url and secrets:
        url = secrets.get("database_url") or (secrets.get("database") or {}).get("url")
    return url or local_url()


def local_url() -> str:
    """The local SQLite file used when no database URL is configured: ``$CONFLICTMAP_HOME/conflictmap.db``
    (default home ``~/.local/share/conflictmap``, created here)."""
    home = Path(os.environ.get(ENV_HOME) or Path.home() / ".local" / "share" / "conflictmap")
    home.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{home / DEFAULT_DB_NAME}"


def _date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


class EventStore:
    """Reports, places, events and claims in one database.

    >>> store = EventStore("sqlite:///:memory:")
    >>> store.counts()["events"]
    0
    """

    def __init__(self, url: str | None = None, *, engine: Engine | None = None) -> None:
        self.url = url or default_url()
        self.engine = engine or _make_engine(self.url)
        try:
            upgrade_schema(self.engine)
        except OperationalError as exc:
            self.engine.dispose()
            raise StoreUnavailable.from_error(exc, self.url) from None

    def __repr__(self) -> str:
        return f"EventStore({safe_url(self.url)!r})"

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def check(self) -> None:
        """Raise ``StoreUnavailable`` unless the database answers now (a dashboard asks on every page run)."""
        try:
            with self.engine.connect() as conn:
                conn.execute(select(1))
        except OperationalError as exc:
            raise StoreUnavailable.from_error(exc, self.url) from None

    def dispose(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A write transaction that holds the write lock from its first statement.

        PostgreSQL locks rows as it goes. SQLite's default transaction reads
        first and asks for the lock only at the first write, so two processes
        could both check ("not stored yet", "the value the editor saw") and
        then both write; ``BEGIN IMMEDIATE`` makes the second wait (up to the
        busy timeout) until the first has committed, and then see its rows.
        A database that is away or stays locked raises ``StoreUnavailable``; nothing is written.
        """
        try:
            with self.engine.begin() as conn:
                _lock_for_writing(conn)
                yield conn
        except OperationalError as exc:  # gone, or locked past the busy timeout: rolled back, say so plainly
            raise StoreUnavailable.from_error(exc, self.url) from None

    @contextmanager
    def _reading(self, conn: Connection | None) -> Iterator[Connection]:
        """The caller's connection (inside its transaction), or a fresh one for a plain read."""
        if conn is not None:
            yield conn
            return
        with self.engine.connect() as fresh:
            yield fresh

    # -- writing ------------------------------------------------------------
    def ingest(self, payload: Mapping[str, Any], *, url: str | None = None, publisher: str | None = None,
               title: str | None = None, note: str | None = None) -> IngestResult:
        """Store one report's extraction (the ``extract`` JSON) in a single transaction.

        A report already stored (same id) is left as it is: ingesting twice adds nothing.
        Nonsense values (``conflictmap.validate``) refuse the whole report with the reason.
        """
        meta = payload.get("report") or {}
        report_id = meta.get("id")
        if not report_id:
            raise ValueError("the extraction has no report id")
        validate.payload(payload)
        _no_nul({"the extraction": payload, "the report's url": url, "the report's publisher": publisher,
                 "the report's title": title, "the report's note": note})
        n_events = len(payload.get("events", []))
        n_claims = sum(len(e.get("claims", [])) for e in payload.get("events", [])) + \
            len(payload.get("nationwide_claims", []))
        try:
            with self._write() as conn:
                if conn.execute(select(reports.c.id).where(reports.c.id == report_id)).first():
                    return IngestResult(report_id, False, 0, 0)
                conn.execute(reports.insert().values(**_report_row(
                    meta, url=url, publisher=publisher, title=title, note=note)))
                for item in payload.get("events", []):
                    place_id = self._put_place(conn, item["place"])
                    conn.execute(events.insert().values(**_event_row(report_id, item, place_id)))
                    self._put_claims(conn, report_id, item["id"], item.get("claims", []))
                self._put_claims(conn, report_id, None, payload.get("nationwide_claims", []))
                self._relink(conn, [item["id"] for item in payload.get("events", [])])
        except IntegrityError:
            # Another writer stored the same report between our check and our insert.
            with self.engine.connect() as conn:
                if conn.execute(select(reports.c.id).where(reports.c.id == report_id)).first():
                    return IngestResult(report_id, False, 0, 0)
            raise
        return IngestResult(report_id, True, n_events, n_claims)

    def _put_place(self, conn: Connection, place: Mapping[str, Any]) -> str | None:
        values = _place_row(place)
        if values is None:
            return None
        conn.execute(_insert_ignore(conn, places, values))
        return values["id"]

    @staticmethod
    def _put_claims(conn: Connection, report_id: str, event_id: str | None, items: list[Mapping[str, Any]]) -> None:
        rows = [_claim_row(report_id, event_id, item) for item in items]
        if rows:
            conn.execute(claims.insert(), rows)

    # -- reading ------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (reports, places, events, claims)}

    def is_empty(self) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(reports.c.id).limit(1)).first() is None

    def date_span(self) -> tuple[dt.date, dt.date] | None:
        """The first and last event dates, or None when no event has a date."""
        with self.engine.connect() as conn:
            low, high = conn.execute(select(func.min(events.c.event_date), func.max(events.c.event_date))
                                     .where(LIVE)).one()
        return (low, high) if low is not None else None

    def events_frame(self, start: dt.date | None = None, end: dt.date | None = None, *,
                     include_removed: bool = False, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
        """Events with their place, one row each; a window keeps the dates ``start``..``end``.

        Deleted and merged-away events are left out unless ``include_removed``.
        ``limit`` and ``offset`` give one page of them, in the same order.
        """
        query = (select(events, places.c.name.label("place_name"), places.c.display_name, places.c.lat,
                        places.c.lon, places.c.precision, places.c.admin1, places.c.coord_source,
                        reports.c.url.label("report_url"), reports.c.publisher)
                 .select_from(events.outerjoin(places, events.c.place_id == places.c.id)
                              .join(reports, events.c.report_id == reports.c.id))
                 .order_by(events.c.event_date, events.c.id))
        if not include_removed:
            query = query.where(LIVE)
        if start is not None:
            query = query.where(events.c.event_date >= start)
        if end is not None:
            query = query.where(events.c.event_date <= end)
        if limit is not None or offset:
            query = query.limit(limit).offset(offset)
        return _with_precision_codes(self._frame(query))

    def live_event_count(self) -> int:
        """How many events an analyst sees (not deleted, not merged away)."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(events).where(LIVE)).scalar_one()

    def removed_events(self, *, limit: int | None = None) -> pd.DataFrame:
        """Deleted and merged-away events (``id``, ``place_mention``, ``merged_into``, ``deleted_at``), the
        most recently removed first: what an editor can bring back."""
        query = (select(events.c.id, events.c.place_mention, events.c.merged_into, events.c.deleted_at)
                 .where(~LIVE).order_by(events.c.deleted_at.desc(), events.c.id).limit(limit))
        return self._frame(query)

    def claims_frame(self, event_ids: list[str] | None = None) -> pd.DataFrame:
        """Claims attached to events (all, or those of ``event_ids``), with their report's ``report_url``,
        ``publisher`` and ``report_date`` and their event's place mention, ``event_place``. A figure given for
        several places is a claim on each of them with one ``shared_key`` (``shared_by``: the places, JSON)."""
        query = (select(claims, reports.c.url.label("report_url"), reports.c.publisher,
                        reports.c.pub_date.label("report_date"), events.c.place_mention.label("event_place"))
                 .join(reports, claims.c.report_id == reports.c.id)
                 .join(events, claims.c.event_id == events.c.id)
                 .where(LIVE).order_by(claims.c.id))
        if event_ids is not None and len(event_ids) <= IN_LIMIT:
            query = query.where(claims.c.event_id.in_(event_ids))
        frame = self._frame(query)
        if event_ids is not None and len(event_ids) > IN_LIMIT:
            frame = frame[frame["event_id"].isin(set(event_ids))].reset_index(drop=True)
        return frame

    def nationwide_frame(self, start: dt.date | None = None, end: dt.date | None = None) -> pd.DataFrame:
        """Claims that count no single place: nationwide and daily totals."""
        query = (select(claims, reports.c.url.label("report_url"), reports.c.publisher)
                 .join(reports, claims.c.report_id == reports.c.id)
                 .where(claims.c.event_id.is_(None)).order_by(claims.c.claim_date, claims.c.id))
        if start is not None:
            query = query.where((claims.c.claim_date >= start) | claims.c.claim_date.is_(None))
        if end is not None:
            query = query.where((claims.c.claim_date <= end) | claims.c.claim_date.is_(None))
        return self._frame(query)

    def reports_frame(self, *, limit: int | None = None) -> pd.DataFrame:
        """Reports with their number of events, oldest first; with ``limit``, the newest ``limit``, newest first."""
        query = (select(reports.c.id, reports.c.url, reports.c.publisher, reports.c.pub_date, reports.c.title,
                        reports.c.note, reports.c.ingested_at, func.count(events.c.id).label("events"))
                 .select_from(reports.outerjoin(events, events.c.report_id == reports.c.id))
                 .group_by(reports.c.id))
        if limit is not None:
            return self._frame(query.order_by(reports.c.ingested_at.desc(), reports.c.id).limit(limit))
        return self._frame(query.order_by(reports.c.ingested_at))

    def _frame(self, query) -> pd.DataFrame:
        with self.engine.connect() as conn:
            result = conn.execute(query)
            return pd.DataFrame(result.fetchall(), columns=list(result.keys()))

    # -- geocoding: cache, pins and unplaced events (added with the online geocoder) ---------
    def cached_answer(self, key: str) -> dict[str, Any] | None:
        """A stored online answer: ``found`` False is a remembered "no such place"."""
        with self.engine.connect() as conn:
            row = conn.execute(select(geocode_cache).where(geocode_cache.c.key == key)).mappings().first()
        return dict(row) if row else None

    def cache_answer(self, key: str, *, provider: str, query: str, near: str | None,
                     place: Mapping[str, Any] | None, raw: str | None = None) -> None:
        """Remember what a provider answered (or that it knew no such place), replacing an older answer."""
        values = {"key": key, "provider": provider, "query": query, "near": near, "found": place is not None,
                  "raw": raw, "cached_at": dt.datetime.now(dt.timezone.utc),
                  **{f: (place or {}).get(f) for f in PLACE_FIELDS}}
        with self._write() as conn:
            conn.execute(geocode_cache.delete().where(geocode_cache.c.key == key))
            conn.execute(geocode_cache.insert().values(**values))

    def unresolved_events(self, *, limit: int | None = None) -> pd.DataFrame:
        """Events stored without a place, with the last reason they could not be placed (the first ``limit``)."""
        query = (select(events.c.id, events.c.report_id, events.c.place_mention, events.c.event_date,
                        events.c.event_type, events.c.quote, geocode_attempts.c.reason, geocode_attempts.c.attempts,
                        geocode_attempts.c.tried_at)
                 .select_from(events.outerjoin(geocode_attempts, geocode_attempts.c.event_id == events.c.id))
                 .where(events.c.place_id.is_(None)).order_by(events.c.event_date, events.c.id))
        return self._frame(query if limit is None else query.limit(limit))

    def record_attempt(self, event_id: str, reason: str) -> None:
        """Keep why an event is still unplaced, and how often it was tried."""
        reason = redact.scrub(reason)  # a provider's failure may quote its request URL, key and all
        now = dt.datetime.now(dt.timezone.utc)
        with self._write() as conn:
            row = conn.execute(select(geocode_attempts.c.attempts)
                               .where(geocode_attempts.c.event_id == event_id)).first()
            if row is None:
                conn.execute(geocode_attempts.insert().values(event_id=event_id, reason=reason, attempts=1,
                                                              tried_at=now))
            else:
                conn.execute(geocode_attempts.update().where(geocode_attempts.c.event_id == event_id)
                             .values(reason=reason, attempts=row.attempts + 1, tried_at=now))

    def place_event(self, event_id: str, place: Mapping[str, Any]) -> None:
        """Give an unplaced event the place a later lookup found; the place row is added if new; the event is
        relinked (``_relink_touching``)."""
        with self._write() as conn:
            place_id = self._put_place(conn, place)
            conn.execute(events.update().where(events.c.id == event_id).values(place_id=place_id))
            conn.execute(geocode_attempts.delete().where(geocode_attempts.c.event_id == event_id))
            self._relink_touching(conn, [event_id])

    def pin_place(self, target: str, *, lat: float, lon: float, who: str, name: str | None = None,
                  precision: str = "town", admin1: str | None = None, event_ids: list[str] | None = None,
                  note: str | None = None) -> dict[str, Any]:
        """An analyst's pin: move a stored place, or place an unplaced name, keeping who, when and what it was.

        ``target`` is a stored place id (the place moves for every event at it)
        or ``"name:<name key>"`` for a name no gazetteer knew: a place
        ``pin:<name key>`` is created and ``event_ids`` are placed there.
        Every event at the pinned place is relinked into incidents.
        """
        validate.coordinates(lat, lon, where=f"pin of {target}")
        _no_nul({"the pinned place": target, "the pin's name": name, "the pin's region": admin1,
                 "the pin's author": who, "the pin's note": note})
        now = dt.datetime.now(dt.timezone.utc)
        with self._write() as conn:
            old = conn.execute(select(places).where(places.c.id == target)).mappings().first()
            if old is None and not target.startswith("name:"):
                raise ValueError(f"no stored place {target!r} to pin")
            if old is None:
                place_id = "pin:" + target[len("name:"):]
                old = conn.execute(select(places).where(places.c.id == place_id)).mappings().first()
            else:
                place_id = target
            label = name or (old["name"] if old else target[len("name:"):])
            source = f"pin by {who} at {now:%Y-%m-%d %H:%M} UTC"
            if old is None:
                conn.execute(places.insert().values(id=place_id, name=label, display_name=label, lat=lat, lon=lon,
                                                    precision=precision, admin1=admin1, coord_source=source))
            else:
                conn.execute(places.update().where(places.c.id == place_id).values(
                    lat=lat, lon=lon, coord_source=source, precision=precision if name or old is None
                    else old["precision"] or precision, admin1=admin1 or old["admin1"]))
            if event_ids:
                conn.execute(events.update().where(events.c.id.in_(event_ids)).values(place_id=place_id))
                conn.execute(geocode_attempts.delete().where(geocode_attempts.c.event_id.in_(event_ids)))
            pin = dict(target=target, place_id=place_id, name=label, lat=lat, lon=lon,
                       precision=(old["precision"] if old is not None and old["precision"] and not name else precision),
                       admin1=admin1 or (old["admin1"] if old is not None else None),
                       previous_lat=old["lat"] if old is not None else None,
                       previous_lon=old["lon"] if old is not None else None,
                       previous_source=old["coord_source"] if old is not None else None,
                       who=who, pinned_at=now, note=note)
            conn.execute(place_pins.insert().values(**pin))
            moved = [r[0] for r in conn.execute(select(events.c.id).where((events.c.place_id == place_id) & LIVE))]
            self._relink_touching(conn, [*(event_ids or []), *moved])
        return pin

    def pin_for(self, target: str) -> dict[str, Any] | None:
        """The latest pin on a place id or ``name:<key>``: it overrides every gazetteer and provider."""
        with self.engine.connect() as conn:
            row = conn.execute(select(place_pins).where(place_pins.c.target == target)
                               .order_by(place_pins.c.id.desc()).limit(1)).mappings().first()
        return dict(row) if row else None

    def pins_frame(self, *, limit: int | None = None) -> pd.DataFrame:
        """Every pin ever set (the newest ``limit``), newest first: the audit trail of analysts' corrections."""
        return self._frame(select(place_pins).order_by(place_pins.c.id.desc()).limit(limit))

    def listing_counts(self) -> dict[str, int]:
        """How many reports, unplaced events and pins there are: what the Reports page's bounded lists count."""
        with self.engine.connect() as conn:
            return {"reports": conn.execute(select(func.count()).select_from(reports)).scalar_one(),
                    "unplaced": conn.execute(select(func.count()).select_from(events)
                                             .where(events.c.place_id.is_(None))).scalar_one(),
                    "pins": conn.execute(select(func.count()).select_from(place_pins)).scalar_one()}


    # -- bulk import, dump and load (data sets and exchange) ---------------------
    def import_payloads(self, payloads: Iterable[Mapping[str, Any]], *, revisions: Sequence[Mapping[str, Any]] = (),
                        who: str | None = None, checked: bool = False) -> ImportResult:
        """Store many extractions (one per data-set row, say) in ONE transaction, with batched inserts.

        The same contract as ``ingest``, for thousands at once: a record whose
        report id is stored already (or came earlier in the same batch) is
        skipped, so importing a file twice adds nothing; any failure rolls
        the whole batch back. Each record passes ``validate.payload`` first
        (``InvalidValue`` names the record), unless ``checked`` says the
        caller did so row by row already (``exchange.import_file``: a
        second pass cost a tenth of the import). The new and revised events
        are linked into incidents in the same transaction (``_relink_touching``).
        """
        batch: dict[str, Mapping[str, Any]] = {}
        skipped = 0
        for payload in payloads:
            report_id = (payload.get("report") or {}).get("id")
            if not report_id:
                raise ValueError("a record has no report id")
            if not checked:
                try:
                    validate.payload(payload)
                except validate.InvalidValue as exc:
                    raise validate.InvalidValue(f"record {report_id}: {exc.field}", exc.reason) from None
            if report_id in batch:
                skipped += 1
            else:
                batch[report_id] = payload
        revise = (lambda conn: self.revise_events(conn, revisions, who=who or "import")) if revisions else None
        revised = [item["id"] for record in revisions for item in record.get("events", [])]
        try:
            return self._import_batch(dict(batch), skipped, revise=revise, revised=revised)
        except IntegrityError:
            # Another writer stored some of these reports after our check (on PostgreSQL both can check at
            # once). Everything was rolled back; the careful pass skips, report by report, whatever is stored.
            return self._import_batch(dict(batch), skipped, careful=True, revise=revise, revised=revised)

    def _import_batch(self, batch: dict[str, Mapping[str, Any]], skipped: int, *, careful: bool = False,
                      revise: Callable[[Connection], int] | None = None, revised: Sequence[str] = ()) -> ImportResult:
        with self._write() as conn:
            updated = revise(conn) if revise else 0
            for chunk in _chunks(list(batch), _id_batch(conn)):
                for (stored,) in conn.execute(select(reports.c.id).where(_among(conn, reports.c.id, chunk))):
                    del batch[stored]
                    skipped += 1
            now = dt.datetime.now(dt.timezone.utc)
            report_rows = [_report_row(payload["report"], now=now) for payload in batch.values()]
            if careful and conn.dialect.name == "postgresql":
                # Another writer may be storing some of these reports right now: an INSERT that skips a key
                # waits for that writer and then skips; only the reports this batch really added get events.
                added = self._insert_reports_returning(conn, report_rows)
                report_rows = [row for row in report_rows if row["id"] in added]
                skipped += len(batch) - len(added)
                batch = {key: value for key, value in batch.items() if key in added}
            else:
                self._insert_many(conn, reports, report_rows)
            place_rows, event_rows, claim_rows = {}, [], []
            for report_id, payload in batch.items():
                for item in payload.get("events", []):
                    place = _place_row(item["place"])
                    if place is not None:
                        place_rows.setdefault(place["id"], place)
                    event_rows.append(_event_row(report_id, item, place["id"] if place else None))
                    claim_rows.extend(_claim_row(report_id, item["id"], c) for c in item.get("claims", []))
                claim_rows.extend(_claim_row(report_id, None, c) for c in payload.get("nationwide_claims", []))
            linked = not revised and self._link_first(conn, report_rows, place_rows, event_rows, claim_rows)
            self._insert_many(conn, places, list(place_rows.values()), ignore_existing=True)
            with _indexes_after(conn, events, len(event_rows)):
                self._insert_many(conn, events, event_rows)
            with _indexes_after(conn, claims, len(claim_rows)):
                self._insert_many(conn, claims, claim_rows)
            self._link_after(conn, linked, [row["id"] for row in event_rows], revised)
        return ImportResult(len(report_rows), skipped, len(event_rows), len(claim_rows), updated)

    def _link_after(self, conn: Connection, linked: bool, event_ids: list[str], revised: Sequence[str]) -> None:
        """After an import's inserts: statistics on PostgreSQL, then the relink unless ``_link_first`` linked them."""
        _analyze_after(conn, len(event_ids))  # before the linking lock: never wait for another's ANALYZE holding it
        if linked and event_ids and conn.dialect.name == "postgresql":
            # Linked before the lock (taking it before these inserts could deadlock with an ingest that holds
            # a place key and waits for the lock): now, holding it, were these still the only live events?
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LINKING_LOCK})
            linked = conn.execute(select(func.count()).select_from(events).where(LIVE)).scalar_one() == \
                len(event_ids)
        if not linked:  # events were stored already (or another writer's came in meanwhile): relink
            self._relink_touching(conn, list(event_ids) + list(revised))

    def import_columns(self, batch: ImportColumns, *, revisions: Sequence[Mapping[str, Any]] = (),
                       who: str | None = None) -> ImportResult:
        """``import_payloads`` for rows a data set's reader built column by column, validated row by row already.

        The same contract (one transaction; a report id stored already, or
        earlier in ``batch``, skipped; revisions logged; the new events
        linked) and the same rows written, without a dictionary per row:
        each table's columns go to ``executemany`` (SQLite) or ``COPY``
        (PostgreSQL) as they are, and only the columns that hold values are
        bound. ``tests/exchange/test_acled.py`` compares the stored rows
        with ``import_payloads``'. Raises as ``import_payloads`` does.
        """
        revise = (lambda conn: self.revise_events(conn, revisions, who=who or "import")) if revisions else None
        revised = [item["id"] for record in revisions for item in record.get("events", [])]
        try:
            return self._import_columns(batch, revise=revise, revised=revised)
        except IntegrityError:  # another writer stored some of these meanwhile: as import_payloads' careful pass
            return self._import_columns(batch, careful=True, revise=revise, revised=revised)

    def _import_columns(self, batch: ImportColumns, *, careful: bool = False,
                        revise: Callable[[Connection], int] | None = None, revised: Sequence[str] = ()) -> ImportResult:
        with self._write() as conn:
            updated = revise(conn) if revise else 0
            first: dict[str, int] = {}
            for i, report_id in enumerate(batch.reports["id"]):
                first.setdefault(report_id, i)
            skipped = len(batch) - len(first)
            for chunk in _chunks(list(first), _id_batch(conn)):
                for (stored,) in conn.execute(select(reports.c.id).where(_among(conn, reports.c.id, chunk))):
                    del first[stored]
                    skipped += 1
            batch = batch.take(list(first.values()))
            report_columns = {**batch.reports, "ingested_at": [dt.datetime.now(dt.timezone.utc)] * len(batch)}
            if careful and conn.dialect.name == "postgresql":  # as in _import_batch: skip what another writer stored
                keys = list(report_columns)
                added = self._insert_reports_returning(conn, [dict(zip(keys, row))
                                                              for row in zip(*report_columns.values())])
                skipped += len(batch) - len(added)
                batch = batch.take([i for i, report_id in enumerate(batch.reports["id"]) if report_id in added])
                report_columns = {**batch.reports, "ingested_at": report_columns["ingested_at"][:len(batch)]}
            else:
                _insert_columns(conn, reports, report_columns)
            event_columns = dict(batch.events)
            found = list(dict.fromkeys(p for p in event_columns["place_id"] if p is not None))
            place_columns = dict(zip(PLACE_COLUMNS, map(list, zip(*(batch.places[p] for p in found))))) if found \
                else {}
            linked = not revised and self._link_columns(conn, report_columns, place_columns, event_columns,
                                                        batch.claims)
            _insert_columns(conn, places, place_columns, ignore_existing=True)
            with _indexes_after(conn, events, len(batch)):
                _insert_columns(conn, events, event_columns)
            claimed = len(next(iter(batch.claims.values()), ()))
            with _indexes_after(conn, claims, claimed):
                _insert_columns(conn, claims, batch.claims)
            self._link_after(conn, linked, event_columns["id"], revised)
        return ImportResult(len(batch), skipped, len(batch), claimed, updated)

    def _link_columns(self, conn: Connection, report_columns: dict[str, list[Any]], place_columns: dict[str, list[Any]],
                      event_columns: dict[str, list[Any]], claim_columns: dict[str, list[Any]]) -> bool:
        """``_link_first`` for an import's columns: each event's incident set in ``event_columns`` before the insert.

        One data set's rows into a database with no live event: each event
        is its own incident, as ``_link_first`` decides. Any other case
        goes through ``_link_first`` itself, over the rows as dictionaries.
        """
        from conflictmap import incident

        new_ids = event_columns["id"]
        if not new_ids:
            return True
        if conn.execute(select(events.c.id).where(LIVE).limit(1)).first() is not None:
            return False
        must, cannot = self.incident_constraints(conn=conn)
        new = set(new_ids)
        publishers = set(report_columns.get("publisher", [None]))
        if len(publishers) == 1 and publishers <= incident.DATASETS and not any(a in new and b in new for a, b in must):
            linking = incident.Linking({event_id: incident.incident_id([event_id]) for event_id in new_ids})
            event_columns["incident_id"] = [linking.incident_of[event_id] for event_id in new_ids]
            self._replace_proposals(conn, linking, must, cannot)
            return True

        def rows(columns: dict[str, list[Any]], table: Table) -> list[dict[str, Any]]:
            keys = list(columns)
            return [{**dict.fromkeys(table.c.keys()), **dict(zip(keys, values))} for values in zip(*columns.values())]

        event_rows = rows(event_columns, events)
        linked = self._link_first(conn, rows(report_columns, reports),
                                  {row["id"]: row for row in rows(place_columns, places)}, event_rows,
                                  rows(claim_columns, claims))
        for column in ("incident_id", "incident_link", "incident_reason"):
            event_columns[column] = [row[column] for row in event_rows]
        return linked

    def _link_first(self, conn: Connection, report_rows: list[dict[str, Any]], place_rows: dict[str, dict[str, Any]],
                    event_rows: list[dict[str, Any]], claim_rows: list[dict[str, Any]]) -> bool:
        """Link the events of an import into a database with no live event before they are written.

        Then every live event after the import is one of these, so
        ``_relink`` would read back exactly these rows (``linking_rows``) and
        update each one's incident: here the same sightings are built from the
        rows about to be written (a place stored already as it is stored), and
        each event row gets its ``incident_id``, ``incident_link`` and
        ``incident_reason`` before the insert. At 100,000 ACLED rows that read
        and update cost about 4 s of a 14 s import (BENCHMARKS.md, Import).
        Returns False, having done nothing, when some live event is stored.
        SQLite's write lock holds from the check to the commit; on PostgreSQL
        another writer may commit events meanwhile, so ``_import_batch``
        checks again under the linking lock after its inserts and, if so,
        relinks as it would have without this step.
        """
        from conflictmap import incident

        if not event_rows:
            return True
        if conn.execute(select(events.c.id).where(LIVE).limit(1)).first() is not None:
            return False
        must, cannot = self.incident_constraints(conn=conn)
        new = {row["id"] for row in event_rows}
        publishers = {row["publisher"] for row in report_rows}
        if len(publishers) == 1 and publishers <= incident.DATASETS and not any(a in new and b in new for a, b in must):
            # One data set's rows alone: it tells its own events apart, so ``incident.link`` pairs none of them and
            # only an editor's join could group two: each is an incident of its own (1.3 s at 100,000 ACLED rows).
            linking = incident.Linking({event_id: incident.incident_id([event_id]) for event_id in new})
        else:
            linking = incident.link(self._new_sightings(conn, report_rows, place_rows, event_rows, claim_rows),
                                    auto=self.auto_joins(conn=conn), must_link=must, cannot_link=cannot)
        fields = _incident_fields(linking, must)
        for row in event_rows:
            row["incident_id"], row["incident_link"], row["incident_reason"] = fields[row["id"]]
        self._replace_proposals(conn, linking, must, cannot)
        return True

    @staticmethod
    def _new_sightings(conn: Connection, report_rows: list[dict[str, Any]], place_rows: dict[str, dict[str, Any]],
                       event_rows: list[dict[str, Any]], claim_rows: list[dict[str, Any]]) -> list[Any]:
        """``linking_rows`` of events not written yet: from their rows, each place as stored if it is stored already."""
        stored: dict[str, Any] = {}
        for chunk in _chunks(list(place_rows), _id_batch(conn)):
            stored.update((row.id, row._mapping) for row in conn.execute(
                select(places.c.id, places.c.name, places.c.lat, places.c.lon, places.c.precision, places.c.admin1)
                .where(_among(conn, places.c.id, chunk))))
        figures: dict[str, tuple[int, int]] = {}
        for claim in claim_rows:  # linking_rows' figures: lowest and highest killed of event-scope claims, no denials
            event_id, killed = claim["event_id"], claim["killed"]
            if event_id is None or killed is None or claim["scope"] != "event" or claim["denial"]:
                continue
            low, high = figures.get(event_id, (killed, killed))
            figures[event_id] = (min(low, killed), max(high, killed))
        reported = {row["id"]: {"id": row["id"], "pub_date": row["pub_date"], "publisher": row["publisher"]}
                    for row in report_rows}
        nowhere: dict[str, Any] = {"name": None, "lat": None, "lon": None, "precision": None, "admin1": None}
        sightings = []
        for row in event_rows:
            place = stored.get(row["place_id"]) or place_rows.get(row["place_id"]) or nowhere
            low, high = figures.get(row["id"], (None, None))
            sightings.append(_sighting(row, place, reported[row["report_id"]], low, high))
        return sightings

    # -- data-set revisions (exchange): ids stored, values replaced with history --------------
    def event_attributes(self, event_ids: Iterable[str]) -> dict[str, str | None]:
        """For each of ``event_ids`` that is stored (live or not): its data-set attributes JSON, or None."""
        found: dict[str, str | None] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(list(dict.fromkeys(event_ids)), _id_batch(conn)):
                rows = conn.execute(select(events.c.id, events.c.attributes).where(_among(conn, events.c.id, chunk)))
                found.update((event_id, attributes) for event_id, attributes in rows)
        return found

    def revise_events(self, conn: Connection, records: Sequence[Mapping[str, Any]], *, who: str) -> int:
        """Replace stored events' values with a data set's newer version, inside the caller's transaction.

        Each record is an extraction of one report holding events stored
        already; their fields, place and that report's own claims take the
        new values. Every field that changes is logged (action ``revise``,
        editor ``who``, old and new value). Returns the events changed.
        """
        now = dt.datetime.now(dt.timezone.utc)
        changed = 0
        for record in records:
            report_id = record["report"]["id"]
            for item in record.get("events", []):
                current = conn.execute(select(events).where(events.c.id == item["id"]).with_for_update()).first()
                if current is None:
                    continue
                place = _place_row(item["place"])
                if place is not None:
                    conn.execute(_insert_ignore(conn, places, place))
                new = _event_row(report_id, item, place["id"] if place else None)
                fields = ("event_date", "event_date_end", "date_precision", "event_type", "types", "quote",
                          "place_mention", "place_id", "attributes")
                updates = {f: new[f] for f in fields if new[f] != current._mapping[f]}
                for name, value in updates.items():
                    self._log(conn, item["id"], "revise", who, None, now, field=name,
                              old=current._mapping[name], new=value)
                old_claims = [dict(r._mapping) for r in conn.execute(
                    select(claims).where((claims.c.event_id == item["id"]) & (claims.c.report_id == report_id))
                    .order_by(claims.c.id))]
                new_claims = [_claim_row(report_id, item["id"], c) for c in item.get("claims", [])]
                def shown(rows):  # noqa: ANN001, ANN202 - the claims' values that matter, for the history
                    return [{k: r.get(k) for k in CLAIM_FIELDS if r.get(k) not in (None, "", False)} for r in rows]
                if shown(old_claims) != shown(new_claims):
                    conn.execute(claims.delete().where((claims.c.event_id == item["id"])
                                                       & (claims.c.report_id == report_id)))
                    if new_claims:
                        conn.execute(claims.insert(), new_claims)
                    self._log(conn, item["id"], "revise", who, None, now, field="claims",
                              old=shown(old_claims), new=shown(new_claims))
                    updates["claims"] = True
                values = {k: v for k, v in updates.items() if k != "claims"}
                if values:
                    conn.execute(events.update().where(events.c.id == item["id"]).values(**values))
                changed += bool(updates)
        return changed

    @staticmethod
    def _insert_reports_returning(conn: Connection, rows: list[dict[str, Any]]) -> set[str]:
        """Insert report rows, leaving ids stored meanwhile alone; the ids this statement added."""
        added: set[str] = set()
        statement = _insert_ignore(conn, reports).returning(reports.c.id)
        for chunk in _chunks(rows):
            added.update(conn.execute(statement, chunk).scalars())
        return added

    @staticmethod
    def _insert_many(conn: Connection, table: Table, rows: list[dict[str, Any]], *,
                     ignore_existing: bool = False) -> None:
        statement = _insert_ignore(conn, table) if ignore_existing else table.insert()
        if conn.dialect.name == "sqlite" and rows:
            # SQLAlchemy's per-row parameter handling costs more than SQLite's insert itself: compile the
            # statement once, convert values with the columns' own bind processors, and executemany.
            keys = sorted({key for row in rows[:1] for key in row} | {key for row in rows[-1:] for key in row})
            compiled = statement.compile(dialect=conn.dialect, column_keys=keys)
            order = list(compiled.positiontup)
            convert = [(i, table.c[key].type.bind_processor(conn.dialect)) for i, key in enumerate(order)]
            convert = [(i, f) for i, f in convert if f is not None]  # dates and times; text and numbers pass as they are
            sql = str(compiled)
            pick = operator.itemgetter(*order) if len(order) > 1 else (lambda row: (row[order[0]],))
            memo: dict[int, dict[Any, Any]] = {i: {None: None} for i, _ in convert}
            for chunk in _chunks(rows):
                try:
                    values = [pick(row) for row in chunk]
                except KeyError:  # rows from a dump may lack a column: it is empty then
                    values = [tuple(row.get(key) for key in order) for row in chunk]
                if convert:
                    values = _converted_columns(values, convert, memo)
                conn.exec_driver_sql(sql, values)
            return
        if conn.dialect.name == "postgresql" and rows:
            _copy_rows(conn, table, rows, ignore_existing=ignore_existing)
            return
        for chunk in _chunks(rows):
            conn.execute(statement, chunk)

    def dump(self, start: dt.date | None = None, end: dt.date | None = None) -> dict[str, Any]:
        """Every row as plain JSON data, in a stable order, for a lossless copy elsewhere.

        With a window, the dump holds the events dated ``start``..``end``, their
        claims, and the nationwide claims of those days, with the reports and
        places they need. Claim ids are left out: they mean nothing in another
        database, and ``load`` keeps the claims' order.

        >>> EventStore("sqlite:///:memory:").dump()["events"]
        []
        """
        windowed = start is not None or end is not None

        def within(column):  # noqa: ANN001, ANN202 - a date column; the condition for the window
            condition = column.is_not(None) if windowed else True
            if start is not None:
                condition = condition & (column >= start)
            if end is not None:
                condition = condition & (column <= end)
            return condition

        with self.engine.connect() as conn:
            event_rows = [dict(r._mapping) for r in conn.execute(
                select(events).where(within(events.c.event_date)).order_by(events.c.id))]
            event_ids = {r["id"] for r in event_rows}
            claim_query = select(claims).order_by(claims.c.report_id, claims.c.id)
            claim_rows = [dict(r._mapping) for r in conn.execute(claim_query)]
            if windowed:
                claim_rows = [c for c in claim_rows if c["event_id"] in event_ids or (
                    c["event_id"] is None and c["claim_date"] is not None
                    and (start is None or c["claim_date"] >= start) and (end is None or c["claim_date"] <= end))]
            report_ids = {r["report_id"] for r in event_rows} | {c["report_id"] for c in claim_rows}
            report_rows = [dict(r._mapping) for r in conn.execute(select(reports).order_by(reports.c.id))]
            place_rows = [dict(r._mapping) for r in conn.execute(select(places).order_by(places.c.id))]
            change_rows = [dict(r._mapping) for r in conn.execute(select(event_changes).order_by(event_changes.c.id))]
            decision_rows = self._incident_decision_rows(conn, event_ids if windowed else None)
        if windowed:
            change_rows = [c for c in change_rows if c["event_id"] in event_ids]
            place_ids = {r["place_id"] for r in event_rows}
            report_rows = [r for r in report_rows if r["id"] in report_ids]
            place_rows = [p for p in place_rows if p["id"] in place_ids]
        for row in (*claim_rows, *change_rows):
            del row["id"]
        return {"format": DUMP_FORMAT, "version": DUMP_VERSION, "schema": head_revision(),
                **{name: [{k: _json_value(v) for k, v in row.items()} for row in rows]
                   for name, rows in (("reports", report_rows), ("places", place_rows), ("events", event_rows),
                                      ("claims", claim_rows), ("changes", change_rows),
                                      ("incident_decisions", decision_rows))}}

    def load(self, dump: Mapping[str, Any]) -> ImportResult:
        """Read a ``dump`` back, in one transaction; reports already stored are skipped with all they hold."""
        if dump.get("format") != DUMP_FORMAT:
            raise ValueError(f"not a conflictmap dump (expected format {DUMP_FORMAT!r})")
        if int(dump.get("version", 0)) > DUMP_VERSION:
            raise ValueError(f"this dump is version {dump['version']}; this conflictmap reads up to {DUMP_VERSION}")
        _check_dump(dump)
        try:
            return self._load(dump)
        except OperationalError:
            raise  # the database, not the dump
        except StatementError as exc:  # a value of the wrong type or a broken reference: refused, rolled back
            detail = str(exc.orig).splitlines()[0][:200] if exc.orig is not None else type(exc).__name__
            raise ValueError(f"the dump's rows do not fit the database ({detail}); nothing was loaded") from None

    def _load(self, dump: Mapping[str, Any]) -> ImportResult:
        wanted = {r["id"] for r in dump.get("reports", [])}
        with self._write() as conn:
            stored: set[str] = set()
            for chunk in _chunks(sorted(wanted)):
                stored.update(row[0] for row in conn.execute(select(reports.c.id).where(reports.c.id.in_(chunk))))
            fresh = wanted - stored
            report_rows = [{**r, "pub_date": _date(r.get("pub_date")), "ingested_at": _datetime(r["ingested_at"])}
                           for r in dump.get("reports", []) if r["id"] in fresh]
            event_rows = [{**e, "event_date": _date(e.get("event_date")), "event_date_end": _date(e.get("event_date_end")),
                           "deleted_at": _datetime(e.get("deleted_at"))}
                          for e in dump.get("events", []) if e["report_id"] in fresh]
            fresh_events = {e["id"] for e in event_rows}
            change_rows = [{**{k: v for k, v in c.items() if k != "id"}, "changed_at": _datetime(c["changed_at"])}
                           for c in dump.get("changes", []) if c["event_id"] in fresh_events]
            claim_rows = [{**{k: v for k, v in c.items() if k != "id"}, "claim_date": _date(c.get("claim_date"))}
                          for c in dump.get("claims", []) if c["report_id"] in fresh]
            place_ids = {e["place_id"] for e in event_rows}
            place_rows = [dict(p) for p in dump.get("places", []) if p["id"] in place_ids]
            self._insert_many(conn, reports, report_rows)
            self._insert_many(conn, places, place_rows, ignore_existing=True)
            self._insert_many(conn, events, event_rows)
            self._insert_many(conn, claims, claim_rows)
            self._insert_many(conn, event_changes, change_rows)
            self._load_incident_decisions(conn, dump.get("incident_decisions", []), fresh_events)
            self._relink_touching(conn, sorted(fresh_events))
        return ImportResult(len(report_rows), len(stored), len(event_rows), len(claim_rows))

    # -- corrections with history (review) ------------------------------------
    def edit_events(self, edits: Mapping[str, Mapping[str, Any]], *, editor: str,
                    reason: str | None = None, expected: Mapping[str, Mapping[str, Any]] | None = None) -> int:
        """Change fields of events (``{event_id: {field: new value}}``, as a table editor gives them).

        One transaction for all; each field that really changes is logged
        with its old and new value. Returns the number of changes.
        ``expected`` holds the values the editor saw (``{event_id: {field:
        old value}}``): when another editor changed one of them since, the
        whole edit is refused with ``StaleEdit`` naming the fields, rather
        than silently overwriting the other editor's work.

        >>> # store.edit_events({"e1": {"event_type": "shelling"}}, editor="ana@example.org")
        """
        _need_editor(editor, reason)
        _no_nul({"event": edits})
        with self._write() as conn:
            return self._edit_in(conn, edits, editor, reason, expected)

    def _edit_in(self, conn: Connection, edits: Mapping[str, Mapping[str, Any]], editor: str, reason: str | None,
                 expected: Mapping[str, Mapping[str, Any]] | None) -> int:
        changed = 0
        relink: list[str] = []  # events whose date, type or place the linker reads changed
        if expected:
            self._check_expected(conn, expected)
        for event_id, fields in edits.items():
            unknown = set(fields) - set(EDITABLE)
            if unknown:
                raise ValueError(f"these event fields cannot be edited: {', '.join(sorted(unknown))}")
            current = self._live_event(conn, event_id)
            # Stamped once the row is ours: the history's order is then the order the edits took effect.
            now = dt.datetime.now(dt.timezone.utc)
            new = {name: EDITABLE[name](value) if value is not None else None for name, value in fields.items()}
            for name, value in new.items():
                if value is None and name in REQUIRED_FIELDS:
                    raise ValueError(f"{name} cannot be empty")
                if name in ("event_date", "event_date_end"):
                    validate.date(value, where=f"event {event_id} {name}")
                if name == "event_type" and value not in EVENT_KINDS:
                    raise ValueError(f"{value!r} is not an event type; choose one of {', '.join(EVENT_KINDS)}")
                if value == current[name]:
                    continue
                self._log(conn, event_id, "edit", editor, reason, now, field=name, old=current[name], new=value)
                changed += 1
            updates = {k: v for k, v in new.items() if v != current[k]}
            if updates:
                conn.execute(events.update().where(events.c.id == event_id).values(**updates))
                if LINKING_FIELDS.intersection(updates):
                    relink.append(event_id)
        self._relink_touching(conn, relink)
        return changed

    def delete_event(self, event_id: str, *, editor: str, reason: str | None = None) -> None:
        """Take an event off the map and out of exports; ``restore_event`` brings it back as it was."""
        _need_editor(editor, reason)
        with self._write() as conn:
            self._delete_in(conn, event_id, editor, reason)

    def _delete_in(self, conn: Connection, event_id: str, editor: str, reason: str | None, *,
                   relink: bool = True) -> None:
        now = dt.datetime.now(dt.timezone.utc)
        self._live_event(conn, event_id)
        conn.execute(events.update().where(events.c.id == event_id).values(deleted_at=now))
        self._log(conn, event_id, "delete", editor, reason, now, field="deleted_at", old=None, new=now)
        if relink:
            self._relink_touching(conn, [event_id])

    def save_review(self, edits: Mapping[str, Mapping[str, Any]], deletes: Iterable[str], *, editor: str,
                    reason: str | None = None, expected: Mapping[str, Mapping[str, Any]] | None = None
                    ) -> tuple[int, int]:
        """One save of the Review table, edits (as ``edit_events``) and deletions, in one transaction.

        All of it is stored or none of it: a stale field, a bad value or an
        event another editor deleted meanwhile raises (``StaleEdit``,
        ``ValueError``, ``StoreUnavailable``) and rolls everything back.
        Returns (fields changed, events deleted). A NUL character in an edit
        or the reason is a ``ValueError`` before anything is written.
        """
        _need_editor(editor, reason)
        _no_nul({"event": edits})
        deletes = list(deletes)
        with self._write() as conn:
            changed = self._edit_in(conn, edits, editor, reason, expected)
            for event_id in deletes:
                self._delete_in(conn, event_id, editor, reason, relink=False)
            self._relink_touching(conn, deletes)  # once for the whole save
        return changed, len(deletes)

    def restore_event(self, event_id: str, *, editor: str, reason: str | None = None) -> None:
        _need_editor(editor, reason)
        now = dt.datetime.now(dt.timezone.utc)
        with self._write() as conn:
            row = conn.execute(select(events.c.deleted_at).where(events.c.id == event_id)).first()
            if row is None or row.deleted_at is None:
                raise ValueError(f"event {event_id} is not deleted")
            conn.execute(events.update().where(events.c.id == event_id).values(deleted_at=None))
            self._log(conn, event_id, "restore", editor, reason, now, field="deleted_at", old=row.deleted_at,
                      new=None)
            self._relink_touching(conn, [event_id])

    def merge_events(self, keep_id: str, absorb_id: str, *, editor: str, reason: str) -> int:
        """One incident reported twice becomes one event: ``absorb_id``'s claims move to ``keep_id``.

        The absorbed event is kept, marked ``merged_into``, so ``unmerge_event``
        can undo the merge exactly; the reason is required and logged on both.
        Returns the number of claims moved.
        """
        _need_editor(editor, reason)
        if not reason or not reason.strip():
            raise ValueError("a merge needs a reason")
        if keep_id == absorb_id:
            raise ValueError("an event cannot be merged into itself")
        now = dt.datetime.now(dt.timezone.utc)
        with self._write() as conn:
            self._live_event(conn, keep_id)
            self._live_event(conn, absorb_id)
            moved = [r[0] for r in conn.execute(select(claims.c.id).where(claims.c.event_id == absorb_id)
                                                .order_by(claims.c.id))]
            conn.execute(claims.update().where(claims.c.event_id == absorb_id).values(event_id=keep_id))
            conn.execute(events.update().where(events.c.id == absorb_id).values(merged_into=keep_id))
            self._log(conn, absorb_id, "merge", editor, reason, now, field="merged_into", old=None,
                      new={"merged_into": keep_id, "claims": moved})
            self._log(conn, keep_id, "merge", editor, reason, now, field="claims", old=None,
                      new={"absorbed": absorb_id, "claims": moved})
            self._relink_touching(conn, [keep_id, absorb_id])  # the absorbed event leaves its incident
        return len(moved)

    def unmerge_event(self, absorbed_id: str, *, editor: str, reason: str | None = None) -> int:
        """Undo the last merge of ``absorbed_id``: its own claims go back to it, and it is shown again."""
        _need_editor(editor, reason)
        now = dt.datetime.now(dt.timezone.utc)
        with self._write() as conn:
            row = conn.execute(select(events.c.merged_into).where(events.c.id == absorbed_id)).first()
            if row is None or row.merged_into is None:
                raise ValueError(f"event {absorbed_id} is not merged into another")
            logged = conn.execute(select(event_changes.c.new_value)
                                  .where((event_changes.c.event_id == absorbed_id)
                                         & (event_changes.c.action == "merge"))
                                  .order_by(event_changes.c.id.desc()).limit(1)).scalar_one()
            moved = json.loads(logged)["claims"]
            for chunk in _chunks(moved, IN_LIMIT):
                conn.execute(claims.update().where(claims.c.id.in_(chunk)).values(event_id=absorbed_id))
            conn.execute(events.update().where(events.c.id == absorbed_id).values(merged_into=None))
            self._log(conn, absorbed_id, "unmerge", editor, reason, now, field="merged_into",
                      old={"merged_into": row.merged_into, "claims": moved}, new=None)
            self._log(conn, row.merged_into, "unmerge", editor, reason, now, field="claims",
                      old={"absorbed": absorbed_id, "claims": moved}, new=None)
            self._relink_touching(conn, [row.merged_into, absorbed_id])
        return len(moved)

    def history(self, event_id: str) -> pd.DataFrame:
        """Every change to one event, oldest first: who, when, what, the old and the new value, why."""
        query = (select(event_changes).where(event_changes.c.event_id == event_id)
                 .order_by(event_changes.c.changed_at, event_changes.c.id))
        frame = self._frame(query)
        for column in ("old_value", "new_value"):
            frame[column] = [_readable(v) for v in frame[column]]
        return frame

    def _live_event(self, conn: Connection, event_id: str) -> dict[str, Any]:
        # FOR UPDATE: a second editor's change waits for this one, then reads its result (PostgreSQL;
        # SQLite's write transactions are serial already).
        row = conn.execute(select(events).where(events.c.id == event_id).with_for_update()).first()
        if row is None:
            raise ValueError(f"no event {event_id}")
        if row.deleted_at is not None or row.merged_into is not None:
            raise ValueError(f"event {event_id} was deleted or merged; restore or unmerge it first")
        return dict(row._mapping)

    @staticmethod
    def _log(conn: Connection, event_id: str, action: str, editor: str, reason: str | None, when: dt.datetime, *,
             field: str | None, old: Any, new: Any) -> None:
        conn.execute(event_changes.insert().values(
            event_id=event_id, changed_at=when, editor=editor, action=action, field=field,
            old_value=json.dumps(_json_value(old), ensure_ascii=False),
            new_value=json.dumps(_json_value(new), ensure_ascii=False), reason=reason))

    # -- stale edits (two editors, one event) ------------------------------------
    def _check_expected(self, conn: Connection, expected: Mapping[str, Mapping[str, Any]]) -> None:
        """Refuse an edit made on values that changed since the editor loaded them.

        The rows are locked (``FOR UPDATE`` on PostgreSQL; SQLite has one
        writer at a time) so no other edit slips in between check and write.
        """
        conflicts: dict[str, dict[str, tuple[Any, Any]]] = {}
        for event_id, fields in expected.items():
            unknown = set(fields) - set(EDITABLE)
            if unknown:
                raise ValueError(f"these event fields cannot be edited: {', '.join(sorted(unknown))}")
            row = conn.execute(select(events).where(events.c.id == event_id).with_for_update()).first()
            if row is None:
                conflicts[event_id] = {"event": ("stored", "no longer stored")}
                continue
            if row.deleted_at is not None or row.merged_into is not None:
                conflicts[event_id] = {"event": ("live", "deleted" if row.deleted_at is not None
                                                 else f"merged into {row.merged_into}")}
                continue
            for name, seen in fields.items():
                seen = EDITABLE[name](seen) if seen is not None else None
                if seen != row._mapping[name]:
                    conflicts.setdefault(event_id, {})[name] = (seen, row._mapping[name])
        if conflicts:
            raise StaleEdit(conflicts)



    # -- editor sign-in: failed passwords, kept where every session and server process sees them --------
    def signin_failures(self, client: str, *, since: dt.datetime) -> tuple[tuple[int, dt.datetime | None], ...]:
        """Failed sign-ins since ``since``: ``((failures, last failure) of client, (…) of all clients)``,
        ``(0, None)`` where there were none."""
        with self.engine.connect() as conn:
            rows = {r.client: r for r in conn.execute(select(signin_attempts).where(
                signin_attempts.c.client.in_([client[:200], ALL_CLIENTS])))}
        return tuple((rows[key].failures, _aware(rows[key].last_failure))
                     if key in rows and _aware(rows[key].last_failure) >= since else (0, None)
                     for key in (client[:200], ALL_CLIENTS))

    def record_signin_failure(self, client: str, *, since: dt.datetime) -> None:
        """Count one failed sign-in for ``client`` and for all clients, in one transaction; counts whose last
        failure is older than ``since`` start again at one."""
        now = dt.datetime.now(dt.timezone.utc)
        with self._write() as conn:
            for key in dict.fromkeys((client[:200], ALL_CLIENTS)):
                row = conn.execute(select(signin_attempts).where(signin_attempts.c.client == key)
                                   .with_for_update()).first()
                if row is None:
                    try:
                        with conn.begin_nested():
                            conn.execute(signin_attempts.insert().values(client=key, failures=1, first_failure=now,
                                                                         last_failure=now))
                        continue
                    except IntegrityError:  # another server counted this client's first failure meanwhile
                        row = conn.execute(select(signin_attempts).where(signin_attempts.c.client == key)
                                           .with_for_update()).one()
                stale = _aware(row.last_failure) < since
                conn.execute(signin_attempts.update().where(signin_attempts.c.client == key).values(
                    failures=1 if stale else signin_attempts.c.failures + 1,
                    first_failure=now if stale else row.first_failure, last_failure=now))

    def clear_signin_failures(self, client: str) -> None:
        """Forget a client's failures after it signed in (the count for all clients stays)."""
        with self._write() as conn:
            conn.execute(signin_attempts.delete().where(signin_attempts.c.client == client[:200]))

    def signin_attempts_frame(self, *, limit: int = 50) -> pd.DataFrame:
        """The clients with failed sign-ins, the latest first (the row ``*`` counts all): for editors to see."""
        return self._frame(select(signin_attempts).order_by(signin_attempts.c.last_failure.desc()).limit(limit))
    # -- incidents: linking stored events, proposals, editors' decisions with history ------------------
    def linking_rows(self, start: dt.date | None = None, end: dt.date | None = None, *,
                     ids: list[str] | None = None, conn: Connection | None = None) -> list[Any]:
        """Live events as the linker sees them (``incident.Sighting``): place, dates (and the day an undated one's
        words name), report date, killed range, sentence.

        A window keeps the events dated within ``start``..``end`` and every undated one; ``ids`` keeps those
        events only.
        """
        if ids is not None and len(ids) > IN_LIMIT:
            return [s for chunk in _chunks(ids, IN_LIMIT) for s in self.linking_rows(start, end, ids=chunk,
                                                                                     conn=conn)]
        figures = (select(claims.c.event_id, func.min(claims.c.killed).label("low"),
                          func.max(claims.c.killed).label("high"))
                   .where(claims.c.killed.is_not(None) & (claims.c.scope == "event") & claims.c.denial.is_(False))
                   .group_by(claims.c.event_id).subquery())
        query = (select(events.c.id, events.c.report_id, events.c.event_type, events.c.types, events.c.event_date,
                        events.c.date_precision, events.c.event_date_end, events.c.date_text, events.c.quote,
                        events.c.place_mention, events.c.place_id,
                        places.c.name, places.c.lat, places.c.lon, places.c.precision, places.c.admin1,
                        reports.c.pub_date, reports.c.publisher, figures.c.low, figures.c.high)
                 .select_from(events.outerjoin(places, events.c.place_id == places.c.id)
                              .join(reports, events.c.report_id == reports.c.id)
                              .outerjoin(figures, figures.c.event_id == events.c.id))
                 .where(LIVE))
        if start is not None:
            query = query.where(events.c.event_date.is_(None) | (events.c.event_date >= start))
        if end is not None:
            query = query.where(events.c.event_date.is_(None) | (events.c.event_date <= end))
        if ids is not None:
            query = query.where(events.c.id.in_(ids))
        with self._reading(conn) as reader:
            rows = reader.execute(query).all()
        return [_sighting(r._mapping, r._mapping, {"id": r.report_id, "pub_date": r.pub_date, "publisher": r.publisher},
                          r.low, r.high) for r in rows]

    def auto_joins(self, *, conn: Connection | None = None) -> bool:
        """Whether the linker joins events on its own (on unless an editor turned it off)."""
        with self._reading(conn) as reader:
            value = reader.execute(select(incident_settings.c.value)
                                 .where(incident_settings.c.key == "auto_joins")).scalar_one_or_none()
        return value != "off"

    def set_auto_joins(self, on: bool, *, editor: str, reason: str | None = None) -> Any:
        """Turn automatic joins on or off (logged like any decision), then relink. Returns the ``Linking``."""
        _need_editor(editor, reason)
        with self._write() as conn:
            conn.execute(incident_settings.delete().where(incident_settings.c.key == "auto_joins"))
            conn.execute(incident_settings.insert().values(key="auto_joins", value="on" if on else "off"))
            self._decide(conn, "auto_on" if on else "auto_off", editor, reason)
            return self._relink(conn, None)

    def relink_incidents(self, *, around: Iterable[str] | None = None) -> Any:
        """Link stored events into incidents and store the result (``incident_id``, proposals), in one transaction.

        Without ``around`` every live event is relinked (``python -m conflictmap
        incidents --relink``): the same data and decisions give the same incidents.
        With ``around`` (event ids, e.g. a report just stored) only their
        neighbourhood is relinked: the events that share a block with them
        (``incident.block_keys``) dated within weeks of them or undated, and every
        event of the incidents those belong to. Returns the ``incident.Linking``.
        """
        with self._write() as conn:
            return self._relink(conn, around)

    def _relink(self, conn: Connection, around: Iterable[str] | None) -> Any:
        """``relink_incidents`` inside the caller's write transaction (an ingest or a decision links as it writes)."""
        from conflictmap import incident

        if conn.dialect.name == "postgresql":  # one linking at a time; the next then reads what this one wrote
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LINKING_LOCK})
        if around is not None:
            around = list(around)
            if len(around) * 2 >= conn.execute(select(func.count()).select_from(events).where(LIVE)).scalar_one():
                around = None  # most of the database (a first import): every event is in the neighbourhood anyway
        if around is None:
            sightings = self.linking_rows(conn=conn)
        else:
            sightings = self._linking_neighbourhood(around, conn)
            if not sightings:
                return incident.Linking({})
        must, cannot = self.incident_constraints(conn=conn)
        linking = incident.link(sightings, auto=self.auto_joins(conn=conn), must_link=must, cannot_link=cannot)
        fields = _incident_fields(linking, must)
        current = {}
        for chunk in _chunks(list(linking.incident_of), IN_LIMIT):
            current.update({r.id: (r.incident_id, r.incident_link, r.incident_reason) for r in conn.execute(
                select(events.c.id, events.c.incident_id, events.c.incident_link, events.c.incident_reason)
                .where(events.c.id.in_(chunk)))})
        changes = [{"eid": event_id, "ident": ident, "how": how, "why": reason}
                   for event_id, (ident, how, reason) in fields.items() if current.get(event_id) != (ident, how, reason)]
        if changes:
            conn.execute(events.update().where(events.c.id == bindparam("eid"))
                         .values(incident_id=bindparam("ident"), incident_link=bindparam("how"),
                                 incident_reason=bindparam("why")), changes)
        self._replace_proposals(conn, linking, must, cannot)
        return linking

    @staticmethod
    def _replace_proposals(conn: Connection, linking: Any, must: list[tuple[str, str]],
                           cannot: list[tuple[str, str]]) -> None:
        """The proposals about the events just linked: the old ones dropped, the linking's stored (bar decided pairs)."""
        now = dt.datetime.now(dt.timezone.utc)
        touched = list(linking.incident_of)
        if conn.execute(select(incident_proposals.c.id).limit(1)).first() is not None:
            for chunk in _chunks(touched, IN_LIMIT):
                conn.execute(incident_proposals.delete().where(incident_proposals.c.event_a.in_(chunk)
                                                               | incident_proposals.c.event_b.in_(chunk)))
        decided = {tuple(sorted(p)) for p in must + cannot}
        rows = [dict(event_a=p.a, event_b=p.b, score=p.score, reason=p.reason, proposed_at=now)
                for p in linking.proposals if tuple(sorted((p.a, p.b))) not in decided]
        if rows:
            conn.execute(incident_proposals.insert(), rows)

    def _relink_touching(self, conn: Connection, event_ids: Sequence[str]) -> Any:
        """Relink, inside the caller's transaction, around events just added or whose place, date or type changed.

        The events' former incidents are relinked too (a moved or deleted event
        leaves its incident). Editors' decisions are constraints of every
        relink (``incident_constraints``), so they always stand; with
        automatic joins off (``auto_joins``) matches are only proposed.
        Returns the ``incident.Linking``, or None when ``event_ids`` is empty.
        """
        ids = list(dict.fromkeys(event_ids))
        if not ids:
            return None
        idents: set[str] = set()
        for chunk in _chunks(ids, IN_LIMIT):
            idents.update(r[0] for r in conn.execute(select(events.c.incident_id).where(
                events.c.id.in_(chunk) & events.c.incident_id.is_not(None))))
        members: list[str] = []
        for chunk in _chunks(sorted(idents), IN_LIMIT):
            members.extend(r[0] for r in conn.execute(select(events.c.id).where(
                events.c.incident_id.in_(chunk) & LIVE)))
        return self._relink(conn, list(dict.fromkeys(ids + members)))

    def _linking_neighbourhood(self, around: list[str], conn: Connection) -> list[Any]:
        """The sightings a change to ``around`` can regroup (see ``relink_incidents``)."""
        from conflictmap import incident

        if not around:
            return []
        near = [d for chunk in _chunks(around, IN_LIMIT) for d in conn.execute(
            select(func.coalesce(events.c.event_date, reports.c.pub_date))
            .select_from(events.join(reports, events.c.report_id == reports.c.id))
            .where(events.c.id.in_(chunk))).scalars().all()]
        dated = [d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)[:10]) for d in near if d is not None]
        start = end = None
        if dated:
            reach = dt.timedelta(days=incident.REPORT_LOOKBACK_DAYS + incident.DAY_SLACK + 31)
            start, end = min(dated) - reach, max(dated) + reach
        candidates = self.linking_rows(start, end, conn=conn)
        wanted = set(around)
        keys = {k for s in candidates if s.id in wanted for k in incident.block_keys(s)}
        kept = {s.id for s in candidates if s.id in wanted or keys.intersection(incident.block_keys(s))}
        # An event its report does not date joins only as a sole fit (incident.sole_fits): everything its blocks
        # hold that it could be is read with it. One dated by its report's days alone is left as it was when those
        # days are too far from this change to meet it; one with no date at all is read with its blocks whole.
        far: set[str] = set()
        if start is not None and end is not None:
            margin = dt.timedelta(days=incident.DAY_SLACK)
            far = {s.id for s in candidates if s.dated_by == "report" and s.id not in wanted
                   and (s.start - margin < start or s.end + margin > end)}  # type: ignore[operator]
            kept -= far
        loose = {k for s in candidates if s.id in kept and s.dated_by != "event" for k in incident.block_keys(s)}
        if loose:
            if start is not None and any(s.id in kept and s.dated_by is None for s in candidates):
                candidates, far = self.linking_rows(conn=conn), set()
            done: set[str] = set()
            while loose - done:
                done |= loose
                grown = {s.id for s in candidates if s.id not in kept and s.id not in far
                         and loose.intersection(incident.block_keys(s))}
                kept |= grown
                loose = {k for s in candidates if s.id in grown and s.dated_by != "event"
                         for k in incident.block_keys(s)}
        grouped = dict(conn.execute(select(events.c.id, events.c.incident_id)
                                    .where(LIVE & events.c.incident_id.is_not(None))).all())
        incidents = {grouped[e] for e in kept if e in grouped}
        members = {e for e, i in grouped.items() if i in incidents}
        missing = members - {s.id for s in candidates}
        extra = self.linking_rows(ids=sorted(missing), conn=conn) if missing else []
        return [s for s in candidates if s.id in kept or s.id in members] + extra

    def incident_constraints(self, *, conn: Connection | None = None) -> tuple[list[tuple[str, str]],
                                                                              list[tuple[str, str]]]:
        """(must_link, cannot_link) event pairs from the editors' decisions that stand (not undone), oldest first.

        A later decision about the same pair wins: a join after a split of the same events joins them.
        """
        query = (select(incident_decisions).where(incident_decisions.c.undone_at.is_(None)
                                                  & incident_decisions.c.action.in_(("split", "join", "confirm",
                                                                                     "reject")))
                 .order_by(incident_decisions.c.decided_at, incident_decisions.c.id))
        state: dict[tuple[str, str], bool] = {}
        with self._reading(conn) as reader:
            for row in reader.execute(query):
                if row.action in ("join", "confirm"):
                    state[tuple(sorted((row.event_a, row.event_b)))] = True
                elif row.action == "reject":
                    state[tuple(sorted((row.event_a, row.event_b)))] = False
                else:
                    for a, b in json.loads(row.pairs or "[]"):
                        state[tuple(sorted((a, b)))] = False
        must = [pair for pair, keep in state.items() if keep]
        cannot = [pair for pair, keep in state.items() if not keep]
        return must, cannot

    def split_event(self, event_id: str, *, editor: str, reason: str) -> Any:
        """Take an event out of its incident: it stays apart from the incident's other events until undone."""
        _need_editor(editor, reason)
        if not reason or not reason.strip():
            raise ValueError("a split needs a reason")
        with self._write() as conn:
            ident = self._live_event(conn, event_id)["incident_id"]
            others = [r[0] for r in conn.execute(select(events.c.id).where(
                (events.c.incident_id == ident) & (events.c.id != event_id) & LIVE))] if ident else []
            if not others:
                raise ValueError(f"event {event_id} is alone in its incident; there is nothing to split")
            self._decide(conn, "split", editor, reason, a=event_id, pairs=[[event_id, o] for o in sorted(others)])
            return self._relink(conn, [event_id, *others])

    def join_incidents(self, event_a: str, event_b: str, *, editor: str, reason: str) -> Any:
        """Put the incidents of two events together (the two events are then always one incident)."""
        _need_editor(editor, reason)
        if not reason or not reason.strip():
            raise ValueError("a join needs a reason")
        if event_a == event_b:
            raise ValueError("an event is already in its own incident")
        with self._write() as conn:
            self._live_event(conn, event_a)
            self._live_event(conn, event_b)
            self._decide(conn, "join", editor, reason, a=event_a, b=event_b)
            return self._relink(conn, [event_a, event_b])

    def decide_proposal(self, proposal_id: int, *, confirm: bool, editor: str, reason: str | None = None) -> Any:
        """Confirm (join) or reject (keep apart) a grey-zone proposal; the score and reason are kept in the history."""
        _need_editor(editor, reason)
        with self._write() as conn:
            row = conn.execute(select(incident_proposals).where(incident_proposals.c.id == proposal_id)).first()
            if row is None:
                raise ValueError(f"no open proposal {proposal_id}")
            self._decide(conn, "confirm" if confirm else "reject", editor, reason or row.reason, a=row.event_a,
                         b=row.event_b, score=row.score)
            conn.execute(incident_proposals.delete().where(incident_proposals.c.id == proposal_id))
            return self._relink(conn, [row.event_a, row.event_b])

    def undo_incident_decision(self, decision_id: int, *, editor: str, reason: str | None = None) -> Any:
        """Undo a split, join, confirmation or rejection (kept in the history, marked undone), then relink."""
        _need_editor(editor, reason)
        now = dt.datetime.now(dt.timezone.utc)
        with self._write() as conn:
            row = conn.execute(select(incident_decisions).where(incident_decisions.c.id == decision_id)).first()
            if row is None or row.undone_at is not None:
                raise ValueError(f"decision {decision_id} does not stand; nothing to undo")
            conn.execute(incident_decisions.update().where(incident_decisions.c.id == decision_id)
                         .values(undone_by=editor, undone_at=now, undo_reason=reason))
            if row.action in ("auto_on", "auto_off"):
                conn.execute(incident_settings.delete().where(incident_settings.c.key == "auto_joins"))
                conn.execute(incident_settings.insert().values(
                    key="auto_joins", value="off" if row.action == "auto_on" else "on"))
            involved = [x for x in (row.event_a, row.event_b) if x]
            involved += [x for pair in json.loads(row.pairs or "[]") for x in pair]
            return self._relink(conn, involved or None)

    def incident_history(self, *, limit: int | None = None) -> pd.DataFrame:
        """Every incident decision (the newest ``limit``), newest first: action, events, who, when, why, and
        whether it was undone. It names editors: for editors' eyes only."""
        return self._frame(select(incident_decisions).order_by(incident_decisions.c.id.desc()).limit(limit))

    def proposals_frame(self, *, limit: int | None = None) -> pd.DataFrame:
        """Open grey-zone proposals (the best ``limit``), best first, with both events' place and date."""
        a, b = events.alias("a"), events.alias("b")
        query = (select(incident_proposals, a.c.place_mention.label("place_a"), a.c.event_date.label("date_a"),
                        a.c.report_id.label("report_a"), b.c.place_mention.label("place_b"),
                        b.c.event_date.label("date_b"), b.c.report_id.label("report_b"))
                 .select_from(incident_proposals.join(a, a.c.id == incident_proposals.c.event_a)
                              .join(b, b.c.id == incident_proposals.c.event_b))
                 .order_by(incident_proposals.c.score.desc(), incident_proposals.c.id).limit(limit))
        return self._frame(query)

    def with_incident_members(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` (events as ``events_frame`` gives them) with the other live events of its incidents added.

        An export of a window needs them to pick the event that stands for an
        incident as the map does (``ledger.one_per_incident``), so an incident
        told on both sides of a window's edge is counted in one window only.
        """
        idents = sorted({str(i) for i in frame["incident_id"].dropna()}) if "incident_id" in frame else []
        members: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in _chunks(idents, IN_LIMIT):
                members.update(r[0] for r in conn.execute(select(events.c.id).where(
                    events.c.incident_id.in_(chunk) & LIVE)))
        missing = sorted(members - set(frame["id"]))
        if not missing:
            return frame
        more = [_with_precision_codes(self.window_events(None, None, ids=chunk)) for chunk in _chunks(missing, IN_LIMIT)]
        return pd.concat([frame, *more], ignore_index=True)

    def incident_events(self, incident_id: str) -> list[str]:
        """The live events of one incident."""
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(select(events.c.id).where((events.c.incident_id == incident_id) & LIVE)
                                               .order_by(events.c.id))]

    @staticmethod
    def _incident_decision_rows(conn: Connection, event_ids: set[str] | None) -> list[dict[str, Any]]:
        """Incident decisions for a dump (those about ``event_ids`` when given), without their local ids."""
        rows = [dict(r._mapping) for r in conn.execute(select(incident_decisions).order_by(incident_decisions.c.id))]
        if event_ids is not None:
            rows = [r for r in rows if r["event_a"] in event_ids or r["event_b"] in event_ids]
        for row in rows:
            del row["id"]
        return rows

    def _load_incident_decisions(self, conn: Connection, rows: list[Mapping[str, Any]], fresh: set[str]) -> None:
        """A dump's incident decisions about events it brought (the incidents then relink the same).

        Into a database without decisions of its own, the switch of automatic
        joins comes along too (its history and its state), so a copy of a
        database where editors make every join links as the original did.
        """
        switches = [r for r in rows if r.get("action") in ("auto_on", "auto_off")]
        if switches and conn.execute(select(func.count()).select_from(incident_decisions)).scalar_one():
            switches = []
        taken = [{**{k: v for k, v in r.items() if k != "id"}, "decided_at": _datetime(r["decided_at"]),
                  "undone_at": _datetime(r.get("undone_at"))}
                 for r in rows if (r.get("event_a") in fresh or r.get("event_b") in fresh) or r in switches]
        self._insert_many(conn, incident_decisions, taken)
        if switches:  # the switch as it stands: the latest switch or undoing of one
            moments = [(row["decided_at"], row["action"] == "auto_on") for row in taken
                       if row["action"] in ("auto_on", "auto_off")]
            moments += [(row["undone_at"], row["action"] != "auto_on") for row in taken
                        if row["action"] in ("auto_on", "auto_off") and row["undone_at"] is not None]
            on = max(moments, key=lambda m: m[0])[1]
            conn.execute(incident_settings.delete().where(incident_settings.c.key == "auto_joins"))
            conn.execute(incident_settings.insert().values(key="auto_joins", value="on" if on else "off"))

    @staticmethod
    def _decide(conn: Connection, action: str, editor: str, reason: str | None, *, a: str | None = None,
                b: str | None = None, pairs: list | None = None, score: float | None = None) -> None:
        conn.execute(incident_decisions.insert().values(
            action=action, event_a=a, event_b=b, pairs=json.dumps(pairs) if pairs is not None else None,
            score=score, editor=editor, decided_at=dt.datetime.now(dt.timezone.utc), reason=reason))

    # -- the map's fast path: data version, bounded windows, bulk loading ------
    def data_version(self) -> tuple:
        """Changes whenever data is added, corrected or pinned: the key of the map's cached columns."""
        with self.engine.connect() as conn:
            counts = tuple(conn.execute(select(func.count()).select_from(t)).scalar_one()
                           for t in (reports, places, events, claims, event_changes, place_pins))
            # Incident decisions and their undoing regroup events without adding any
            counts += tuple(conn.execute(select(func.count(), func.count(incident_decisions.c.undone_at))).one())
            latest = conn.execute(select(func.max(reports.c.ingested_at))).scalar_one()
        return (*counts, str(latest))

    def window_events(self, start: dt.date | None, end: dt.date | None, *, limit: int | None = None,
                      ids: list[str] | None = None) -> pd.DataFrame:
        """Like ``events_frame`` but bounded: the first ``limit`` events of the window, or the events ``ids``.

        The date range is answered from ``ix_events_date`` (see ``window_plan``),
        so a page of a 100,000-event window costs milliseconds.
        """
        query = self._window_query(start, end)
        if ids is not None:
            query = query.where(events.c.id.in_(ids))
        if limit is not None:
            query = query.limit(limit)
        return self._frame(query)

    def window_plan(self, start: dt.date, end: dt.date) -> str:
        """The database's plan for a window query, so tests and benchmarks can see the index at work."""
        query = self._window_query(start, end).limit(100)
        compiled = query.compile(self.engine, compile_kwargs={"literal_binds": True})
        prefix = "EXPLAIN QUERY PLAN " if self.backend == "sqlite" else "EXPLAIN "
        with self.engine.connect() as conn:
            rows = conn.exec_driver_sql(prefix + str(compiled)).fetchall()
        return "\n".join(" ".join(str(v) for v in row) for row in rows)

    def ingest_many(self, payloads: list[Mapping[str, Any]]) -> int:
        """Store many extractions in one transaction with executemany: for bulk imports and benchmarks.

        Unlike ``ingest`` it does not look for reports already stored; a
        duplicate report id fails the whole batch. Returns the events added.
        """
        report_rows, place_rows, event_rows, claim_rows = [], {}, [], []
        now = dt.datetime.now(dt.timezone.utc)
        for payload in payloads:
            meta = payload["report"]
            report_rows.append(dict(id=meta["id"], url=meta.get("url"), publisher=meta.get("publisher"),
                                    pub_date=_date(meta.get("pub_date")), title=meta.get("title"),
                                    note=meta.get("note"), ingested_at=now))
            for item in payload.get("events", []):
                place = item["place"]
                place_id = place["id"] if place.get("id") and place.get("lat") is not None else None
                if place_id and place_id not in place_rows:
                    place_rows[place_id] = dict(
                        id=place_id, name=place["name"], display_name=place.get("display_name") or place["name"],
                        lat=place["lat"], lon=place["lon"], precision=place.get("precision"),
                        admin1=place.get("admin1"), coord_source=place.get("coord_source"))
                event_rows.append(dict(
                    id=item["id"], report_id=meta["id"], place_id=place_id,
                    place_mention=place.get("mention") or place.get("name") or "",
                    event_date=_date(item.get("date")), date_precision=item.get("date_precision") or "day",
                    event_type=item["event_type"], types=",".join(item.get("types") or [item["event_type"]]),
                    quote=item.get("quote") or ""))
                claim_rows.extend(_claim_row(meta["id"], item["id"], claim) for claim in item.get("claims", []))
        with self._write() as conn:
            existing = set(conn.execute(select(places.c.id).where(places.c.id.in_(list(place_rows)))).scalars()) \
                if place_rows else set()
            for table, rows in ((reports, report_rows), (places, [r for k, r in place_rows.items() if k not in existing]),
                                (events, event_rows), (claims, claim_rows)):
                if rows:
                    conn.execute(table.insert(), rows)
        return len(event_rows)

    def map_rows(self) -> tuple[list[tuple], list[tuple]]:
        """Dated events and every event's claims as the driver's own rows, for ``EventColumns.from_rows``.

        Fields in the order of ``columns.EVENT_FIELDS`` (then the incident id) and ``columns.CLAIM_FIELDS``.
        No DataFrame on the way: at 100,000 events building one per column
        took three times as long as reading the rows.
        """
        event_query = (select(events.c.id, events.c.event_date, events.c.event_type,
                              func.coalesce(places.c.display_name, events.c.place_mention), places.c.lat,
                              places.c.lon, places.c.precision, places.c.admin1, places.c.name,
                              events.c.place_mention, events.c.attributes, events.c.incident_id)
                       .select_from(events.outerjoin(places, events.c.place_id == places.c.id))
                       .where(events.c.event_date.is_not(None), LIVE)
                       .order_by(events.c.event_date, events.c.id))
        claim_query = (select(claims.c.event_id, claims.c.source, claims.c.killed, claims.c.killed_qualifier,
                              claims.c.killed_text, claims.c.injured, claims.c.civilians, claims.c.rebels,
                              claims.c.government, claims.c.scope, claims.c.denial, claims.c.shared_key,
                              claims.c.injured_qualifier, claims.c.injured_text, claims.c.injured_high)
                       .where(claims.c.event_id.is_not(None)).order_by(claims.c.id))
        with self.engine.connect() as conn:
            statements = [_compiled(conn, query) for query in (event_query, claim_query)]
            cursor = conn.connection.cursor()  # the driver's cursor: plain tuples, no Row per row
            try:
                found = []
                for statement, params in statements:
                    cursor.execute(statement, params)
                    found.append(cursor.fetchall())
            finally:
                cursor.close()
        return found[0], found[1]

    # -- what the filters can offer ------------------------------------------------------------
    def choices(self) -> dict[str, list[str]]:
        """The event types, sources and governorates present, for the dashboard's filter lists."""
        with self.engine.connect() as conn:
            types = conn.execute(select(events.c.event_type).where(LIVE).distinct()).scalars().all()
            sources = conn.execute(select(claims.c.source).where(claims.c.source.is_not(None)).distinct()
                                   ).scalars().all()
            admin = conn.execute(select(places.c.admin1).where(places.c.admin1.is_not(None)).distinct()
                                 ).scalars().all()
        return {"types": sorted(types), "sources": sorted(sources), "places": sorted(admin)}

    @staticmethod
    def _window_query(start: dt.date | None, end: dt.date | None):
        query = (select(events, places.c.name.label("place_name"), places.c.display_name, places.c.lat,
                        places.c.lon, places.c.precision, places.c.admin1, places.c.coord_source,
                        reports.c.url.label("report_url"), reports.c.publisher)
                 .select_from(events.outerjoin(places, events.c.place_id == places.c.id)
                              .join(reports, events.c.report_id == reports.c.id))
                 .where(LIVE).order_by(events.c.event_date, events.c.id))
        if start is not None:
            query = query.where(events.c.event_date >= start)
        if end is not None:
            query = query.where(events.c.event_date <= end)
        return query


def _check_dump(dump: Mapping[str, Any]) -> None:
    """A dump's rows pass the same checks as an extraction's; the first nonsense value refuses the file."""
    for row in dump.get("places", []):
        validate.coordinates(row.get("lat"), row.get("lon"), where=f"place {row.get('id')}")
    for row in dump.get("events", []):
        for name in ("event_date", "event_date_end"):
            validate.date(row.get(name), where=f"event {row.get('id')} {name}")
    for row in dump.get("claims", []):
        validate.claim(row, where=f"claim of event {row.get('event_id')}")


def _with_precision_codes(frame: pd.DataFrame) -> pd.DataFrame:
    """ACLED ``geo_precision`` and UCDP ``where_prec`` beside each event's precision, for export."""
    from conflictmap.places.place import ACLED_GEO_PRECISION, UCDP_WHERE_PREC

    acled = {p.value: code for p, code in ACLED_GEO_PRECISION.items()}
    ucdp = {p.value: code for p, code in UCDP_WHERE_PREC.items()}
    frame["geo_precision"] = frame["precision"].map(acled).astype("Int64")
    frame["where_prec"] = frame["precision"].map(ucdp).astype("Int64")
    return frame


def _copy_rows(conn: Connection, table: Table, rows: list[dict[str, Any]], *, ignore_existing: bool = False) -> None:
    """Rows into a PostgreSQL table through ``COPY … FROM STDIN``, inside the caller's transaction.

    COPY streams the rows in one statement (psycopg adapts each value by its
    Python type), where batched INSERTs parse and plan each batch: an import
    of 100,000 ACLED rows took 31 s before and 10 s after, back to back
    (BENCHMARKS.md, Import). A failure rolls back with the transaction, so a broken import
    leaves nothing. COPY cannot skip a stored key, so with
    ``ignore_existing`` the rows go to a temporary table first and from
    there ``INSERT … ON CONFLICT DO NOTHING``.
    """
    keys = list(dict.fromkeys([*rows[0], *rows[-1]]))
    try:
        pick = operator.itemgetter(*keys) if len(keys) > 1 else (lambda row: (row[keys[0]],))
        values = [pick(row) for row in rows]
    except KeyError:  # rows from a dump may lack a column: it is empty then
        values = [tuple(row.get(key) for key in keys) for row in rows]
    _copy_values(conn, table, keys, values, ignore_existing=ignore_existing)


def _copy_values(conn: Connection, table: Table, keys: Sequence[str], values: Iterable[Sequence[Any]], *,
                 ignore_existing: bool = False) -> None:
    """``_copy_rows`` for rows as tuples of the columns ``keys``."""
    for key in keys:
        table.c[key]  # an unknown column fails here, named, as an INSERT would
    columns = ", ".join(f'"{key}"' for key in keys)
    target = table.name
    cursor = conn.connection.driver_connection.cursor()
    statement = f"COPY into {table.name}"  # named in an error
    try:
        if ignore_existing:
            target = f"copy_{table.name}"
            cursor.execute(f'CREATE TEMPORARY TABLE IF NOT EXISTS "{target}" (LIKE "{table.name}") ON COMMIT DROP')
            cursor.execute(f'TRUNCATE "{target}"')
        with cursor.copy(f'COPY "{target}" ({columns}) FROM STDIN') as copy:
            for row_values in values:
                copy.write_row(row_values)
        if ignore_existing:
            cursor.execute(f'INSERT INTO "{table.name}" ({columns}) SELECT {columns} FROM "{target}" '
                           "ON CONFLICT DO NOTHING")
    except conn.dialect.loaded_dbapi.Error as exc:
        # The driver's own error, as SQLAlchemy names it everywhere else (IntegrityError: another writer
        # stored a key meanwhile, and import_payloads takes its careful pass).
        raise DBAPIError.instance(statement, None, exc, conn.dialect.loaded_dbapi.Error) from exc
    finally:
        cursor.close()


def _insert_columns(conn: Connection, table: Table, columns: Mapping[str, Sequence[Any]], *,
                    ignore_existing: bool = False) -> None:
    """Rows given column by column (``ImportColumns``) into ``table``, in the caller's transaction.

    Only the columns given are bound: the others take their defaults, as
    the rows of ``EventStore._insert_many`` leave them. On SQLite one
    compiled INSERT over tuples zipped from the columns, each date or time
    column converted once per distinct value; on PostgreSQL ``COPY``.
    """
    keys = [key for key, column in columns.items()]
    if not keys or not len(columns[keys[0]]):
        return
    statement = _insert_ignore(conn, table) if ignore_existing else table.insert()
    if conn.dialect.name == "sqlite":
        compiled = statement.compile(dialect=conn.dialect, column_keys=keys)
        values = []
        for key in compiled.positiontup:
            column, process = columns[key], table.c[key].type.bind_processor(conn.dialect)
            if process is not None:  # dates, times and booleans: each distinct value once
                seen: dict[Any, Any] = {None: None}
                column = [seen[v] if v in seen else seen.setdefault(v, process(v)) for v in column]
            values.append(column)
        sql, rows = str(compiled), list(zip(*values))
        for chunk in _chunks(rows):
            conn.exec_driver_sql(sql, chunk)
    elif conn.dialect.name == "postgresql":
        _copy_values(conn, table, keys, zip(*(columns[key] for key in keys)), ignore_existing=ignore_existing)
    else:  # pragma: no cover - other backends: SQLAlchemy's own executemany
        for chunk in _chunks([dict(zip(keys, values)) for values in zip(*columns.values())]):
            conn.execute(statement, chunk)


@contextmanager
def _indexes_after(conn: Connection, table: Table, rows: int) -> Iterator[None]:
    """Build an empty SQLite table's secondary indexes after a large insert into it, in the same transaction.

    One index built over 100,000 rows costs less than 100,000 inserts into
    it: dropping ``events``' two and ``claims``' two before an import into
    empty tables and creating them again afterwards (from their own
    ``CREATE INDEX`` text in ``sqlite_master``) took about 0.5 s off 100,000
    ACLED rows (BENCHMARKS.md, Import). SQLite's DDL is transactional: a
    failure in between rolls the drop back with everything else, and readers
    (write-ahead log) see the indexed table as it was throughout. Smaller
    inserts (under ``BATCH`` rows), a table holding rows, and PostgreSQL
    (where ``DROP INDEX`` would lock readers out until the commit) keep their
    indexes as they are.
    """
    if conn.dialect.name != "sqlite" or rows < BATCH or \
            conn.execute(select(1).select_from(table).limit(1)).first() is not None:
        yield
        return
    indexes = conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                                   "AND sql IS NOT NULL", (table.name,)).all()
    for name, _ in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        conn.exec_driver_sql(sql)


def _analyze_after(conn: Connection, rows: int) -> None:
    """On PostgreSQL, refresh the planner's statistics of the tables a large import (``BATCH`` rows or more) filled,
    inside its transaction, before the relink reads them back.

    The statistics still describe the tables before the import (empty, say):
    planned on them, the relink's read of every event with its place, report
    and figures (``linking_rows``) took 51 s at 20,000 rows imported into a
    database holding one event, and was still running after 13 minutes at
    100,000 (BENCHMARKS.md, Import). ``ANALYZE`` counts this transaction's
    own rows and locks out no reader or writer (a second ``ANALYZE`` of the
    table waits for this transaction, so it runs before the linking lock).
    """
    if conn.dialect.name == "postgresql" and rows >= BATCH:
        # A sample of 3,000 rows a table (the default target, 100, reads 30,000: 0.6 s at 100,000 rows) gives the
        # row counts and key spreads that plan these joins (0.06 s); autovacuum analyses fully after the commit.
        conn.exec_driver_sql("SET LOCAL default_statistics_target = 10")  # until this transaction ends
        for table in (reports, places, events, claims):
            conn.exec_driver_sql(f'ANALYZE "{table.name}"')


def _insert_ignore(conn: Connection, table: Table, values: dict[str, Any] | None = None):
    """INSERT that leaves an existing row alone, in each backend's own words (without values: for executemany)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - other backends fall back to a plain insert
        return table.insert().values(**values) if values else table.insert()
    statement = insert(table)
    return (statement.values(**values) if values else statement).on_conflict_do_nothing()


def _report_row(meta: Mapping[str, Any], *, url: str | None = None, publisher: str | None = None,
                title: str | None = None, note: str | None = None, now: dt.datetime | None = None) -> dict[str, Any]:
    return dict(id=meta["id"], url=url or meta.get("url"), publisher=publisher or meta.get("publisher"),
                pub_date=_date(meta.get("pub_date")), title=title or meta.get("title"),
                note=note or meta.get("note"), ingested_at=now or dt.datetime.now(dt.timezone.utc))


def _place_row(place: Mapping[str, Any]) -> dict[str, Any] | None:
    """A place worth a row: one with an id and coordinates (an unplaced event keeps only its mention)."""
    if not place.get("id") or place.get("lat") is None:
        return None
    return dict(id=place["id"], name=place["name"], display_name=place.get("display_name") or place["name"],
                lat=place["lat"], lon=place["lon"], precision=place.get("precision"),
                admin1=place.get("admin1"), coord_source=place.get("coord_source"))


def _event_row(report_id: str, item: Mapping[str, Any], place_id: str | None) -> dict[str, Any]:
    attributes = item.get("attributes")
    return dict(id=item["id"], report_id=report_id, place_id=place_id,
                place_mention=item["place"].get("mention") or item["place"].get("name") or "",
                event_date=_date(item.get("date")), date_precision=item.get("date_precision") or "day",
                event_type=item["event_type"], types=",".join(item.get("types") or [item["event_type"]]),
                quote=item.get("quote") or "", event_date_end=_date(item.get("date_end")), date_text=item.get("date_text"),
                attributes=_ATTRIBUTES_JSON(attributes) if attributes else None)


def _sighting(event: Mapping[str, Any], place: Mapping[str, Any], report: Mapping[str, Any], low: int | None,
              high: int | None) -> Any:
    """The linker's ``incident.Sighting`` of an event as stored: its ``events`` row, its place's ``places`` row
    (``name``, ``lat``, ``lon``, ``precision``, ``admin1``; all None when it has none), its report's ``id``,
    ``pub_date`` and ``publisher``, and the lowest and highest killed figure of its event-scope claims.

    ``linking_rows`` reads these from the database; ``EventStore._link_first`` from the rows it is about to write.
    """
    from conflictmap import incident

    return incident.from_payload(
        {"id": event["id"], "event_type": event["event_type"], "types": (event["types"] or "").split(","),
         "date": event["event_date"], "date_precision": event["date_precision"], "date_end": event["event_date_end"],
         "date_text": event["date_text"], "quote": event["quote"],
         "place": {"id": event["place_id"], "name": place["name"], "mention": event["place_mention"],
                   "lat": place["lat"], "lon": place["lon"], "precision": place["precision"], "admin1": place["admin1"]},
         "claims": [{"killed": low}, {"killed": high}] if low is not None else []},
        report)


def _incident_fields(linking: Any, must: list[tuple[str, str]]) -> dict[str, tuple[str, str | None, str | None]]:
    """Each linked event's ``(incident_id, incident_link, incident_reason)`` as ``linking`` decided them."""
    by_editor = {x for pair in must for x in pair}
    sizes: dict[str, int] = {}
    for ident in linking.incident_of.values():
        sizes[ident] = sizes.get(ident, 0) + 1
    why: dict[str, str] = {}
    for match in linking.joins:  # best first: each event keeps the strongest match that joined it
        for event_id in (match.a, match.b):
            why.setdefault(event_id, f"{match.reason} (score {match.score:.2f})")
    fields = {}
    for event_id, ident in linking.incident_of.items():
        how = None if sizes[ident] == 1 else "editor" if event_id in by_editor else "auto"
        reason = None if how is None else "joined by an editor" if how == "editor" else why.get(event_id)
        fields[event_id] = (ident, how, reason)
    return fields


# One encoder for all rows: ``json.dumps`` with options builds a new one per call.
_ATTRIBUTES_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _claim_row(report_id: str, event_id: str | None, item: Mapping[str, Any]) -> dict[str, Any]:
    places = list(item.get("shared_by") or ())
    row = dict.fromkeys(CLAIM_FIELDS)  # every field, None unless the claim has it (a claim holds a few)
    row.update([(k, v) for k, v in item.items() if k in _CLAIM_FIELD_SET])
    row.update({"report_id": report_id, "event_id": event_id,
                "claim_date": _date(item.get("date")), "denial": bool(item.get("denial")),
                "scope": item.get("scope") or "event", "quote": item.get("quote") or "",
                "shared_key": shared_key(report_id, item) if len(places) > 1 else None,
                "shared_by": _ATTRIBUTES_JSON(places) if len(places) > 1 else None})
    return row


_CLAIM_FIELD_SET = frozenset(CLAIM_FIELDS)
SHARED_FIGURES = ("killed", "killed_high", "injured", "civilians", "rebels", "government", "children", "women")


def shared_key(report_id: str, claim: Mapping[str, Any]) -> str:
    """The key the copies of one shared claim have in common: 40 hex digits of SHA-1 over the report id,
    the source, the figures (``SHARED_FIGURES``), the scope and the quote.

    The reader puts one claim on each place it names ("1,300 killed in Ain
    Tarma, Zamalka and Moadamiyeh"); every copy hashes alike, so totals can
    count the figure once. Stable across processes and databases (no salt).

    >>> a = {"source": "SOHR", "killed": 1300, "quote": "q", "shared_by": ["A", "B"]}
    >>> shared_key("r1", a) == shared_key("r1", dict(a)) != shared_key("r2", a)
    True
    """
    parts = [report_id, claim.get("source"), *(claim.get(k) for k in SHARED_FIGURES), claim.get("scope") or "event",
             claim.get("quote") or ""]
    return hashlib.sha1(_ATTRIBUTES_JSON(parts).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _alembic_config():  # noqa: ANN202 - alembic.config.Config, imported late
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest migration: the schema this code reads and writes."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def upgrade_schema(engine: Engine) -> None:
    """Bring a database to the newest schema, in place, keeping its rows.

    A new database gets every migration; one created before migrations
    existed (tables, no ``alembic_version``) is stamped as the baseline and
    upgraded from there; one already current costs one small query.
    """
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    with engine.begin() as conn:
        _lock_for_writing(conn)  # two processes opening a new SQLite file: one migrates, the other waits
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        current = MigrationContext.configure(conn).get_current_revision()
        if current == head_revision():
            return
        config = _alembic_config()
        config.attributes["connection"] = conn
        try:
            if current is None and inspect(conn).has_table("reports"):
                command.stamp(config, BASELINE_REVISION)
            command.upgrade(config, "head")
        finally:
            config.attributes.pop("connection", None)


def _lock_for_writing(conn: Connection) -> None:
    """On SQLite, take the database's write lock now (the driver has not begun a transaction yet)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _converted_columns(values: list[tuple], convert: list[tuple[int, Any]], memo: dict[int, dict[Any, Any]]) -> list:
    """Rows with the columns at ``convert``'s positions passed through their bind processors (None stays None).

    Column by column, each distinct value converted once (``memo``, per column): an import's dates repeat,
    and its rows share one ``ingested_at``. The values converted are dates, times and booleans, all hashable.
    """
    columns = list(zip(*values))
    for i, process in convert:
        seen = memo[i]
        columns[i] = [seen[v] if v in seen else seen.setdefault(v, process(v)) for v in columns[i]]
    return list(zip(*columns))


def _need_editor(editor: str, reason: str | None = None) -> None:
    """Refuse a change without an editor's name, or whose name or reason holds a NUL character (``_no_nul``)."""
    if not editor or not str(editor).strip():
        raise ValueError("every change needs the name of the editor who makes it")
    _no_nul({"the editor's name": editor, "the reason": reason})


def _no_nul(texts: Mapping[str, Any]) -> None:
    """Raise ``ValueError`` naming the first text holding a NUL character (U+0000), before anything is written.

    ``texts`` maps what each value is, as the message names it, to the value: a
    string, ``None``, or mappings and lists of them, searched depth first (a
    mapping's keys lengthen the name: ``{"event": {"r-1": {"quote": …}}}`` is
    ``event r-1 quote``). PostgreSQL stores no text holding a NUL (the driver
    raises ``DataError``: "PostgreSQL text fields cannot contain NUL (0x00)
    bytes"; SQLite would keep it), and a crafted message can put one in any
    form field. Worded as the pages' own checks word it (``draft``, ``review``).

    >>> _no_nul({"the reason": "same\\x00"})
    Traceback (most recent call last):
    ValueError: the reason holds a NUL character; type it again
    """
    for where, value in texts.items():
        if isinstance(value, str):
            if "\x00" in value:
                raise ValueError(f"{where} holds a NUL character; type it again")
        elif isinstance(value, Mapping):
            _no_nul({f"{where} {key}": item for key, item in value.items()})
        elif isinstance(value, (list, tuple)):
            for item in value:
                _no_nul({where: item})


def _readable(value: str | None) -> Any:
    """A logged JSON value for a table cell: plain values as they are, structures as compact JSON."""
    if value is None:
        return None
    decoded = json.loads(value)
    return decoded if decoded is None or isinstance(decoded, (str, int, float, bool)) else \
        json.dumps(decoded, ensure_ascii=False)


def _among(conn: Connection, column: Column, ids: list[str]):  # noqa: ANN202 - a SQL condition
    """``column IN (ids)``; on PostgreSQL ``column = ANY(array)``, one parameter however many ids.

    Thousands of bind parameters cost the driver more than the query (1.2 s
    of client time to look up 100,000 ids in chunks of 5,000 on PostgreSQL).
    """
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import ARRAY

        return column == any_(bindparam(None, ids, type_=ARRAY(String), expanding=False))
    return column.in_(ids)


def _id_batch(conn: Connection) -> int:
    """Ids per lookup: SQLite's bound on parameters keeps ``BATCH``; an array has no such bound."""
    return BATCH if conn.dialect.name != "postgresql" else 100_000


def _chunks(items: list, size: int = BATCH) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _json_value(value: Any) -> Any:
    """A column value as JSON: dates and times in ISO form, everything else as it is."""
    if isinstance(value, dt.datetime):  # SQLite hands back naive UTC, PostgreSQL aware: say UTC either way
        utc = value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value.astimezone(dt.timezone.utc)
        return utc.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _aware(value: dt.datetime) -> dt.datetime:
    """A stored timestamp in UTC with its zone (SQLite hands timestamps back without one)."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.timezone.utc)


def _datetime(value: str | dt.datetime | None) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(value)


def _compiled(conn: Connection, query) -> tuple[str, Any]:
    """A statement as driver SQL and parameters: skips SQLAlchemy's per-row processing on bulk reads."""
    compiled = query.compile(conn)
    if compiled.positiontup is not None:
        return str(compiled), tuple(compiled.params[name] for name in compiled.positiontup)
    return str(compiled), compiled.params


def _wal(cursor: Any, *, timeout: float) -> None:
    """Switch a SQLite file to write-ahead logging, waiting up to ``timeout`` seconds for other processes.

    Changing the journal mode needs the file to itself, and SQLite answers
    "database is locked" at once, without its busy handler, while another
    connection holds the write lock of a file still in rollback mode (two
    processes opening a new database together). So the switch is retried,
    with a short growing pause, until the other connection commits. A file
    already in WAL mode answers at once.
    """

    deadline = time.monotonic() + timeout
    pause = 0.01
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.25)


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001 - DB-API connection
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA foreign_keys=ON")
            if path and path != ":memory:":
                _wal(cursor, timeout=30.0)
            cursor.close()

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return create_engine(url, pool_pre_ping=True)
