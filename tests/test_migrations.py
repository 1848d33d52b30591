"""Schema migrations: a database from before migrations upgrades in place and keeps its rows."""
from __future__ import annotations

import datetime as dt

import pytest
from conftest import postgres_schema
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import (Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Table,
                        Text, create_engine, inspect, text)

from conflictmap.store import EventStore, head_revision, metadata


def legacy_metadata(with_date_spans: bool = False) -> MetaData:
    """The tables exactly as conflictmap created them before migrations (``metadata.create_all``).

    ``with_date_spans``: the later shape, whose events and claims already had
    ``event_date_end``, ``date_text`` and ``killed_conventional``.
    """
    old = MetaData()
    spans = [Column("event_date_end", Date), Column("date_text", Text)] if with_date_spans else []
    conventional = [Column("killed_conventional", Integer)] if with_date_spans else []
    Table("reports", old, Column("id", String(32), primary_key=True), Column("url", Text),
          Column("publisher", Text), Column("pub_date", Date), Column("title", Text), Column("note", Text),
          Column("ingested_at", DateTime(timezone=True), nullable=False))
    Table("places", old, Column("id", String(120), primary_key=True), Column("name", Text, nullable=False),
          Column("display_name", Text, nullable=False), Column("lat", Float), Column("lon", Float),
          Column("precision", String(20)), Column("admin1", Text), Column("coord_source", Text))
    Table("events", old, Column("id", String(64), primary_key=True),
          Column("report_id", String(32), ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
          Column("place_id", String(120), ForeignKey("places.id")), Column("place_mention", Text, nullable=False),
          Column("event_date", Date), Column("date_precision", String(10), nullable=False, default="day"),
          *spans, Column("event_type", String(30), nullable=False), Column("types", Text, nullable=False, default=""),
          Column("quote", Text, nullable=False, default=""), Index("ix_events_date", "event_date"))
    Table("claims", old, Column("id", Integer, primary_key=True, autoincrement=True),
          Column("report_id", String(32), ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
          Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE")), Column("source", Text),
          Column("source_mention", Text), Column("source_kind", Text), Column("killed", Integer),
          Column("injured", Integer), Column("civilians", Integer), Column("rebels", Integer),
          Column("government", Integer), Column("children", Integer), Column("women", Integer),
          Column("killed_qualifier", Text), Column("killed_text", Text), *conventional,
          Column("scope", String(40), nullable=False, default="event"),
          Column("denial", Boolean, nullable=False, default=False), Column("flag", Text),
          Column("relayed_by", Text), Column("claim_date", Date), Column("quote", Text, nullable=False, default=""),
          Index("ix_claims_event", "event_id"))
    return old


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    """An empty database with no tables: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        handle = create_engine(f"sqlite:///{tmp_path / 'legacy.db'}")
        yield handle
        handle.dispose()
        return
    with postgres_schema(request.getfixturevalue("postgres_url"), prefix="m") as handle:
        yield handle


def open_store(engine) -> EventStore:  # noqa: ANN001 - an Engine
    return EventStore(str(engine.url), engine=engine)


@pytest.mark.parametrize("with_date_spans", [False, True], ids=["first-schema", "with-date-spans"])
def test_a_database_from_before_migrations_upgrades_in_place(engine, with_date_spans):
    legacy_metadata(with_date_spans).create_all(engine)
    now = dt.datetime(2024, 5, 1, 12, tzinfo=dt.timezone.utc)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO reports (id, publisher, ingested_at) VALUES ('r1', 'Old wire', :t)"),
                     {"t": now})
        conn.execute(text("INSERT INTO places (id, name, display_name, lat, lon) "
                          "VALUES ('p1', 'Douma', 'Douma', 33.57, 36.4)"))
        conn.execute(text("INSERT INTO events (id, report_id, place_id, place_mention, event_date, date_precision, "
                          "event_type, types, quote) VALUES ('e1', 'r1', 'p1', 'Douma', '2013-02-06', 'day', "
                          "'airstrike', 'airstrike', 'old quote')"))
        conn.execute(text("INSERT INTO claims (report_id, event_id, source, killed, scope, denial, quote) "
                          "VALUES ('r1', 'e1', 'SOHR', 12, 'event', false, 'q')"))
    assert not inspect(engine).has_table("alembic_version")

    store = open_store(engine)
    assert store.counts() == {"reports": 1, "places": 1, "events": 1, "claims": 1}
    columns = {c["name"] for c in inspect(engine).get_columns("events")}
    assert {"event_date_end", "date_text", "attributes", "merged_into", "deleted_at"} <= columns
    assert "killed_conventional" in {c["name"] for c in inspect(engine).get_columns("claims")}
    event = store.events_frame().iloc[0]
    assert (event["id"], event["place_name"], event["quote"], event["publisher"]) == \
        ("e1", "Douma", "old quote", "Old wire")
    assert list(store.claims_frame()["killed"]) == [12]
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
    # The upgraded database takes new rows in the new columns.
    store.import_payloads([{"report": {"id": "r2"}, "events": [{
        "id": "e2", "date": "2013-02-07", "date_end": "2013-02-09", "event_type": "clash", "attributes": {"a": 1},
        "place": {"id": None, "name": "Nowhere", "lat": None}, "claims": []}]}])
    assert store.counts()["events"] == 2
    assert open_store(engine).counts()["events"] == 2  # opening again changes nothing


def test_a_new_database_gets_exactly_the_tables_the_code_declares(engine):
    open_store(engine)
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []
    assert set(inspect(engine).get_table_names()) == {"alembic_version", *metadata.tables}


@pytest.mark.parametrize("with_date_spans", [False, True], ids=["first-schema", "with-date-spans"])
def test_an_upgraded_database_matches_a_new_one(engine, with_date_spans):
    legacy_metadata(with_date_spans).create_all(engine)
    open_store(engine)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []


def test_a_database_whose_build_already_made_later_tables_upgrades(engine):
    """A development build made the geocoding tables with ``create_all`` before it had migrations."""
    legacy_metadata(with_date_spans=True).create_all(engine)
    metadata.create_all(engine, tables=[metadata.tables[name] for name in
                                        ("geocode_cache", "place_pins", "geocode_attempts")])
    assert open_store(engine).counts()["events"] == 0
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []


def at_revision_with_a_claim(engine, revision: str, injured: int | None = None) -> None:  # noqa: ANN001 - an Engine
    """Bring an empty database to ``revision`` and store one report, one event and SOHR's claim of 12 killed
    (and ``injured``) in it, as that revision's tables take them."""
    from alembic import command

    from conflictmap.store import _alembic_config

    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        try:
            command.upgrade(config, revision)
        finally:
            config.attributes.pop("connection", None)
        conn.execute(text("INSERT INTO reports (id, ingested_at) VALUES ('r1', :t)"),
                     {"t": dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc)})
        conn.execute(text("INSERT INTO events (id, report_id, place_mention, event_date, date_precision, event_type, "
                          "types, quote) VALUES ('e1', 'r1', 'Douma', '2013-02-06', 'day', 'shelling', 'shelling', 'q')"))
        conn.execute(text("INSERT INTO claims (report_id, event_id, source, killed, injured, scope, denial, quote) "
                          "VALUES ('r1', 'e1', 'SOHR', 12, :injured, 'event', false, 'q')"), {"injured": injured})


def test_a_database_at_0006_gains_shared_claims_and_keeps_its_claims(engine):
    """Revision 0007 adds ``claims.shared_key`` and ``shared_by`` to a database holding claims: old claims
    stay claims of one place, and the upgraded database stores a figure shared by several places."""
    at_revision_with_a_claim(engine, "0006")
    assert "shared_key" not in {c["name"] for c in inspect(engine).get_columns("claims")}
    store = open_store(engine)
    assert {"shared_key", "shared_by"} <= {c["name"] for c in inspect(engine).get_columns("claims")}
    old = store.claims_frame()
    assert list(old["killed"]) == [12] and old["shared_key"].isna().all()
    claim = {"source": "SOHR", "killed": 30, "quote": "30 died in two towns", "shared_by": ["Arbin", "Zamalka"]}
    store.ingest({"report": {"id": "r2"}, "events": [
        {"id": f"e2{i}", "date": "2013-02-07", "event_type": "shelling", "place": {"id": None, "name": name},
         "claims": [claim]} for i, name in enumerate(("Arbin", "Zamalka"))], "nationwide_claims": []})
    new = store.claims_frame().query("killed == 30")
    assert len(new) == 2 and new["shared_key"].nunique() == 1 and new["shared_key"].notna().all()
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()


def test_a_database_at_0007_gains_the_injured_words_and_keeps_its_claims(engine):
    """Revision 0008 adds ``claims.injured_qualifier``, ``injured_text``, ``injured_conventional`` and
    ``injured_high`` to a database holding a claim: the old claim keeps its figures with the new fields empty,
    and the upgraded database stores and reads back an injured figure's words."""
    at_revision_with_a_claim(engine, "0007", injured=40)
    words = ("injured_qualifier", "injured_text", "injured_conventional", "injured_high")
    assert not set(words) & {c["name"] for c in inspect(engine).get_columns("claims")}
    store = open_store(engine)
    assert set(words) <= {c["name"] for c in inspect(engine).get_columns("claims")}
    old = store.claims_frame()
    assert (list(old["killed"]), list(old["injured"])) == ([12], [40]) and old[list(words)].isna().all().all()
    store.ingest({"report": {"id": "r2"}, "events": [
        {"id": "e2", "date": "2013-02-07", "event_type": "shelling", "place": {"id": None, "name": "Arbin"},
         "claims": [{"source": "SOHR", "injured": None, "injured_text": "dozens", "injured_conventional": 12,
                     "quote": "dozens wounded"},
                    {"source": "SANA", "injured": 15, "injured_high": 20, "injured_qualifier": "around",
                     "quote": "15 to 20 wounded"}]}], "nationwide_claims": []})
    new = store.claims_frame(["e2"]).set_index("source")
    assert new.loc["SOHR", ["injured_text", "injured_conventional"]].tolist() == ["dozens", 12]
    assert new.loc["SANA", ["injured", "injured_high", "injured_qualifier"]].tolist() == [15, 20, "around"]
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision() == "0008"

