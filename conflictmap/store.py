"""The one door to the database: every SQL statement of conflictmap lives here.

An SQLite file by default (one analyst, no server) and PostgreSQL by URL for
a team's hosted dashboard; the same SQLAlchemy Core statements serve both.
Writes happen in one transaction each, and a report is keyed by a hash of
its text, so ingesting it again changes nothing.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import (Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData, String,
                        Table, Text, create_engine, event, func, select)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

DEFAULT_DB_NAME = "conflictmap.db"
ENV_URL = "CONFLICTMAP_DATABASE_URL"
ENV_HOME = "CONFLICTMAP_HOME"

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
    Column("event_type", String(30), nullable=False),
    Column("types", Text, nullable=False, default=""),
    Column("quote", Text, nullable=False, default=""),
    Index("ix_events_date", "event_date"),
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
    Column("scope", String(40), nullable=False, default="event"),
    Column("denial", Boolean, nullable=False, default=False),
    Column("flag", Text),
    Column("relayed_by", Text),
    Column("claim_date", Date),
    Column("quote", Text, nullable=False, default=""),
    Index("ix_claims_event", "event_id"),
)
CLAIM_FIELDS = ("source", "source_mention", "source_kind", "killed", "injured", "civilians", "rebels", "government",
                "children", "women", "killed_qualifier", "killed_text", "scope", "denial", "flag", "relayed_by",
                "quote")


@dataclass(frozen=True)
class IngestResult:
    """What an ingest did: ``added`` is False when the report was already stored."""

    report_id: str
    added: bool
    events: int
    claims: int


def default_url(secrets: Mapping[str, Any] | None = None) -> str:
    """Where the data lives: ``CONFLICTMAP_DATABASE_URL``, then secrets, then a local SQLite file.

    The file sits in ``CONFLICTMAP_HOME`` (default ``~/.local/share/conflictmap``)
    and is created on first use.
    """
    url = os.environ.get(ENV_URL)
    if not url and secrets:
        url = secrets.get("database_url") or (secrets.get("database") or {}).get("url")
    if url:
        return url
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
        metadata.create_all(self.engine)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def dispose(self) -> None:
        self.engine.dispose()

    # -- writing ------------------------------------------------------------
    def ingest(self, payload: Mapping[str, Any], *, url: str | None = None, publisher: str | None = None,
               title: str | None = None, note: str | None = None) -> IngestResult:
        """Store one report's extraction (the ``extract`` JSON) in a single transaction.

        A report already stored (same id) is left as it is: ingesting twice adds nothing.
        """
        meta = payload.get("report") or {}
        report_id = meta.get("id")
        if not report_id:
            raise ValueError("the extraction has no report id")
        n_events = len(payload.get("events", []))
        n_claims = sum(len(e.get("claims", [])) for e in payload.get("events", [])) + \
            len(payload.get("nationwide_claims", []))
        try:
            with self.engine.begin() as conn:
                if conn.execute(select(reports.c.id).where(reports.c.id == report_id)).first():
                    return IngestResult(report_id, False, 0, 0)
                conn.execute(reports.insert().values(
                    id=report_id, url=url or meta.get("url"), publisher=publisher or meta.get("publisher"),
                    pub_date=_date(meta.get("pub_date")), title=title or meta.get("title"),
                    note=note or meta.get("note"), ingested_at=dt.datetime.now(dt.timezone.utc)))
                for item in payload.get("events", []):
                    place_id = self._put_place(conn, item["place"])
                    conn.execute(events.insert().values(
                        id=item["id"], report_id=report_id, place_id=place_id,
                        place_mention=item["place"].get("mention") or item["place"].get("name") or "",
                        event_date=_date(item.get("date")), date_precision=item.get("date_precision") or "day",
                        event_type=item["event_type"], types=",".join(item.get("types") or [item["event_type"]]),
                        quote=item.get("quote") or ""))
                    self._put_claims(conn, report_id, item["id"], item.get("claims", []))
                self._put_claims(conn, report_id, None, payload.get("nationwide_claims", []))
        except IntegrityError:
            # Another writer stored the same report between our check and our insert.
            with self.engine.connect() as conn:
                if conn.execute(select(reports.c.id).where(reports.c.id == report_id)).first():
                    return IngestResult(report_id, False, 0, 0)
            raise
        return IngestResult(report_id, True, n_events, n_claims)

    def _put_place(self, conn: Connection, place: Mapping[str, Any]) -> str | None:
        if not place.get("id") or place.get("lat") is None:
            return None
        values = dict(id=place["id"], name=place["name"], display_name=place.get("display_name") or place["name"],
                      lat=place["lat"], lon=place["lon"], precision=place.get("precision"),
                      admin1=place.get("admin1"), coord_source=place.get("coord_source"))
        conn.execute(_insert_ignore(conn, places, values))
        return place["id"]

    @staticmethod
    def _put_claims(conn: Connection, report_id: str, event_id: str | None, items: list[Mapping[str, Any]]) -> None:
        rows = [{**{k: item.get(k) for k in CLAIM_FIELDS}, "report_id": report_id, "event_id": event_id,
                 "claim_date": _date(item.get("date")), "denial": bool(item.get("denial")),
                 "scope": item.get("scope") or "event", "quote": item.get("quote") or ""} for item in items]
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
            low, high = conn.execute(select(func.min(events.c.event_date), func.max(events.c.event_date))).one()
        return (low, high) if low is not None else None

    def events_frame(self, start: dt.date | None = None, end: dt.date | None = None) -> pd.DataFrame:
        """Events with their place, one row each; a window keeps the dates ``start``..``end``."""
        query = (select(events, places.c.name.label("place_name"), places.c.display_name, places.c.lat,
                        places.c.lon, places.c.precision, places.c.admin1, places.c.coord_source,
                        reports.c.url.label("report_url"), reports.c.publisher)
                 .select_from(events.outerjoin(places, events.c.place_id == places.c.id)
                              .join(reports, events.c.report_id == reports.c.id))
                 .order_by(events.c.event_date, events.c.id))
        if start is not None:
            query = query.where(events.c.event_date >= start)
        if end is not None:
            query = query.where(events.c.event_date <= end)
        return self._frame(query)

    def claims_frame(self, event_ids: list[str] | None = None) -> pd.DataFrame:
        """Claims attached to events (all, or those of ``event_ids``)."""
        query = (select(claims, reports.c.url.label("report_url"), reports.c.publisher)
                 .join(reports, claims.c.report_id == reports.c.id)
                 .where(claims.c.event_id.is_not(None)).order_by(claims.c.id))
        if event_ids is not None:
            query = query.where(claims.c.event_id.in_(event_ids))
        return self._frame(query)

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

    def reports_frame(self) -> pd.DataFrame:
        query = (select(reports.c.id, reports.c.url, reports.c.publisher, reports.c.pub_date, reports.c.title,
                        reports.c.note, reports.c.ingested_at, func.count(events.c.id).label("events"))
                 .select_from(reports.outerjoin(events, events.c.report_id == reports.c.id))
                 .group_by(reports.c.id).order_by(reports.c.ingested_at))
        return self._frame(query)

    def _frame(self, query) -> pd.DataFrame:
        with self.engine.connect() as conn:
            result = conn.execute(query)
            return pd.DataFrame(result.fetchall(), columns=list(result.keys()))

    # -- the map's fast path: data version, bounded windows, bulk loading ------
    def data_version(self) -> tuple:
        """Changes whenever reports, events, places or claims are added: the key of the map's cached columns."""
        with self.engine.connect() as conn:
            counts = tuple(conn.execute(select(func.count()).select_from(t)).scalar_one()
                           for t in (reports, places, events, claims))
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

    def window_count(self, start: dt.date | None, end: dt.date | None) -> int:
        """How many events the window holds (counted on the date index)."""
        query = select(func.count()).select_from(events)
        if start is not None:
            query = query.where(events.c.event_date >= start)
        if end is not None:
            query = query.where(events.c.event_date <= end)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

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
                for claim in item.get("claims", []):
                    claim_rows.append({**{k: claim.get(k) for k in CLAIM_FIELDS}, "report_id": meta["id"],
                                       "event_id": item["id"], "claim_date": _date(claim.get("date")),
                                       "denial": bool(claim.get("denial")), "scope": claim.get("scope") or "event",
                                       "quote": claim.get("quote") or ""})
        with self.engine.begin() as conn:
            existing = set(conn.execute(select(places.c.id).where(places.c.id.in_(list(place_rows)))).scalars()) \
                if place_rows else set()
            for table, rows in ((reports, report_rows), (places, [r for k, r in place_rows.items() if k not in existing]),
                                (events, event_rows), (claims, claim_rows)):
                if rows:
                    conn.execute(table.insert(), rows)
        return len(event_rows)

    def map_frames(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Dated, located events and their claims, only the columns the map's columns need.

        A lean read for ``EventColumns.from_frames``: at 100,000 events it is
        several times faster than ``events_frame()`` and ``claims_frame()``.
        """
        event_query = (select(events.c.id, events.c.event_date, events.c.event_type, events.c.place_mention,
                              places.c.display_name, places.c.lat, places.c.lon, places.c.precision)
                       .select_from(events.join(places, events.c.place_id == places.c.id))
                       .where(events.c.event_date.is_not(None), places.c.lat.is_not(None))
                       .order_by(events.c.event_date, events.c.id))
        # Every event's claims: those of undated or unplaced events are dropped when matched to the events.
        claim_query = (select(claims.c.id, claims.c.event_id, claims.c.source, claims.c.killed,
                              claims.c.killed_qualifier, claims.c.killed_text, claims.c.injured, claims.c.civilians,
                              claims.c.rebels, claims.c.government, claims.c.scope, claims.c.denial)
                       .where(claims.c.event_id.is_not(None)).order_by(claims.c.id))
        with self.engine.connect() as conn:
            frames = []
            for query in (event_query, claim_query):
                result = conn.exec_driver_sql(*_compiled(conn, query))
                names = list(result.keys())
                frames.append(pd.DataFrame.from_records(result.fetchall(), columns=names))
        return frames[0], frames[1]

    @staticmethod
    def _window_query(start: dt.date | None, end: dt.date | None):
        query = (select(events, places.c.name.label("place_name"), places.c.display_name, places.c.lat,
                        places.c.lon, places.c.precision, places.c.admin1, places.c.coord_source,
                        reports.c.url.label("report_url"), reports.c.publisher)
                 .select_from(events.outerjoin(places, events.c.place_id == places.c.id)
                              .join(reports, events.c.report_id == reports.c.id))
                 .order_by(events.c.event_date, events.c.id))
        if start is not None:
            query = query.where(events.c.event_date >= start)
        if end is not None:
            query = query.where(events.c.event_date <= end)
        return query


def _insert_ignore(conn: Connection, table: Table, values: dict[str, Any]):
    """INSERT that leaves an existing row alone, in each backend's own words."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - other backends fall back to a plain insert
        return table.insert().values(**values)
    return insert(table).values(**values).on_conflict_do_nothing()


def _compiled(conn: Connection, query) -> tuple[str, Any]:
    """A statement as driver SQL and parameters: skips SQLAlchemy's per-row processing on bulk reads."""
    compiled = query.compile(conn)
    if compiled.positiontup is not None:
        return str(compiled), tuple(compiled.params[name] for name in compiled.positiontup)
    return str(compiled), compiled.params


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001 - DB-API connection
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            if path and path != ":memory:":
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return create_engine(url, pool_pre_ping=True)
