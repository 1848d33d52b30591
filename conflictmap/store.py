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
    Column("event_date_end", Date),
    Column("date_text", Text),
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
    Column("killed_conventional", Integer),
    Column("scope", String(40), nullable=False, default="event"),
    Column("denial", Boolean, nullable=False, default=False),
    Column("flag", Text),
    Column("relayed_by", Text),
    Column("claim_date", Date),
    Column("quote", Text, nullable=False, default=""),
    Index("ix_claims_event", "event_id"),
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
CLAIM_FIELDS = ("source", "source_mention", "source_kind", "killed", "injured", "civilians", "rebels", "government",
                "children", "women", "killed_qualifier", "killed_text", "killed_conventional", "scope", "denial", "flag",
                "relayed_by", "quote")


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
                        event_date_end=_date(item.get("date_end")), date_text=item.get("date_text"),
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
        return _with_precision_codes(self._frame(query))

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
        with self.engine.begin() as conn:
            conn.execute(geocode_cache.delete().where(geocode_cache.c.key == key))
            conn.execute(geocode_cache.insert().values(**values))

    def unresolved_events(self) -> pd.DataFrame:
        """Events stored without a place, with the last reason they could not be placed."""
        query = (select(events.c.id, events.c.report_id, events.c.place_mention, events.c.event_date,
                        events.c.event_type, events.c.quote, geocode_attempts.c.reason, geocode_attempts.c.attempts,
                        geocode_attempts.c.tried_at)
                 .select_from(events.outerjoin(geocode_attempts, geocode_attempts.c.event_id == events.c.id))
                 .where(events.c.place_id.is_(None)).order_by(events.c.event_date, events.c.id))
        return self._frame(query)

    def record_attempt(self, event_id: str, reason: str) -> None:
        """Keep why an event is still unplaced, and how often it was tried."""
        now = dt.datetime.now(dt.timezone.utc)
        with self.engine.begin() as conn:
            row = conn.execute(select(geocode_attempts.c.attempts)
                               .where(geocode_attempts.c.event_id == event_id)).first()
            if row is None:
                conn.execute(geocode_attempts.insert().values(event_id=event_id, reason=reason, attempts=1,
                                                              tried_at=now))
            else:
                conn.execute(geocode_attempts.update().where(geocode_attempts.c.event_id == event_id)
                             .values(reason=reason, attempts=row.attempts + 1, tried_at=now))

    def place_event(self, event_id: str, place: Mapping[str, Any]) -> None:
        """Give an unplaced event the place a later lookup found; the place row is added if new."""
        with self.engine.begin() as conn:
            place_id = self._put_place(conn, place)
            conn.execute(events.update().where(events.c.id == event_id).values(place_id=place_id))
            conn.execute(geocode_attempts.delete().where(geocode_attempts.c.event_id == event_id))

    def pin_place(self, target: str, *, lat: float, lon: float, who: str, name: str | None = None,
                  precision: str = "town", admin1: str | None = None, event_ids: list[str] | None = None,
                  note: str | None = None) -> dict[str, Any]:
        """An analyst's pin: move a stored place, or place an unplaced name, keeping who, when and what it was.

        ``target`` is a stored place id (the place moves for every event at it)
        or ``"name:<name key>"`` for a name no gazetteer knew: a place
        ``pin:<name key>`` is created and ``event_ids`` are placed there.
        """
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"not a coordinate: {lat}, {lon}")
        now = dt.datetime.now(dt.timezone.utc)
        with self.engine.begin() as conn:
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
        return pin

    def pin_for(self, target: str) -> dict[str, Any] | None:
        """The latest pin on a place id or ``name:<key>``: it overrides every gazetteer and provider."""
        with self.engine.connect() as conn:
            row = conn.execute(select(place_pins).where(place_pins.c.target == target)
                               .order_by(place_pins.c.id.desc()).limit(1)).mappings().first()
        return dict(row) if row else None

    def pins_frame(self) -> pd.DataFrame:
        """Every pin ever set, newest first: the audit trail of analysts' corrections."""
        return self._frame(select(place_pins).order_by(place_pins.c.id.desc()))


def _with_precision_codes(frame: pd.DataFrame) -> pd.DataFrame:
    """ACLED ``geo_precision`` and UCDP ``where_prec`` beside each event's precision, for export."""
    from conflictmap.place import ACLED_GEO_PRECISION, UCDP_WHERE_PREC

    acled = {p.value: code for p, code in ACLED_GEO_PRECISION.items()}
    ucdp = {p.value: code for p, code in UCDP_WHERE_PREC.items()}
    frame["geo_precision"] = frame["precision"].map(acled).astype("Int64")
    frame["where_prec"] = frame["precision"].map(ucdp).astype("Int64")
    return frame


def _insert_ignore(conn: Connection, table: Table, values: dict[str, Any]):
    """INSERT that leaves an existing row alone, in each backend's own words."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - other backends fall back to a plain insert
        return table.insert().values(**values)
    return insert(table).values(**values).on_conflict_do_nothing()


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
