"""EventStore on a real SQLite file and a real PostgreSQL server."""
from __future__ import annotations

import copy
import datetime as dt

import pytest

from conflictmap.reading.reader import Extractor
from conflictmap.reading.text import Report
from conflictmap.sample import SAMPLE_DIR, sample_payload

TEXT = ("Government warplanes struck Douma on Tuesday, killing 12 people, the Syrian Observatory for Human Rights "
        "said. State media denied any strike on Douma. Rebels shelled Jobar on Monday, activists said.")


@pytest.fixture(scope="module")
def payload(gazetteer, registry) -> dict:
    return Extractor(gazetteer, registry).extract(Report(TEXT, pub_date=dt.date(2015, 8, 19))).to_dict()


def test_ingest_stores_events_claims_and_places(store, payload):
    result = store.ingest(payload, publisher="Test wire")
    assert result.added and result.events == len(payload["events"]) == 2
    counts = store.counts()
    # Two claims: the Observatory's 12 and state media's denial. The activists speak of clashes in Jobar but of no
    # one killed or hurt, so their word is no claim (a figure-less claim needs casualties to be spoken of).
    assert counts == {"reports": 1, "places": 2, "events": 2, "claims": 2}
    frame = store.events_frame()
    assert sorted(frame["place_name"]) == ["Douma", "Jobar"]
    codes = frame.set_index("place_name")[["geo_precision", "where_prec"]]
    assert codes.loc["Jobar"].tolist() == [1, 1] and codes.loc["Douma"].tolist() == [1, 1]
    assert set(frame["publisher"]) == {"Test wire"}
    claims = store.claims_frame()
    douma = frame.loc[frame["place_name"] == "Douma", "id"].item()
    assert sorted(claims.loc[claims["event_id"] == douma, "source"]) == ["Syrian Observatory for Human Rights",
                                                                         "Syrian state media"]


def test_ingesting_the_same_report_twice_changes_nothing(store, payload):
    store.ingest(payload)
    before = store.counts()
    again = store.ingest(copy.deepcopy(payload))
    assert not again.added
    assert store.counts() == before


INJURED_TEXT = ("Dozens were wounded when shells hit the market in Douma on Tuesday, the governor said. "
                "A car bomb killed five people in Homs on Tuesday and left at least 40 injured, SANA said. "
                "Rockets hit Aleppo on Tuesday, killing three and wounding between 15 and 20 people, activists said.")
INJURED_WORDS = ["injured", "injured_qualifier", "injured_text", "injured_conventional", "injured_high"]


def test_a_claim_keeps_its_injured_figures_words_and_reingesting_changes_nothing(store, gazetteer, registry,
                                                                                 tmp_path):
    from conflictmap.store import EventStore

    read = Extractor(gazetteer, registry).extract(Report(INJURED_TEXT, pub_date=dt.date(2015, 8, 19))).to_dict()
    store.ingest(read)

    def words(on: EventStore) -> dict[str, list]:
        claims = on.claims_frame().astype(object)
        claims = claims.where(claims.notna(), None)
        return {row["event_place"]: [row[k] for k in INJURED_WORDS] for row in claims.to_dict("records")}

    expected = {"Douma": [None, None, "dozens", 12, None], "Homs": [40, "at least", None, None, None],
                "Aleppo": [15, None, None, None, 20]}
    assert words(store) == expected
    before = store.counts(), store.dump()
    assert not store.ingest(copy.deepcopy(read)).added
    assert (store.counts(), store.dump()) == before
    copy_store = EventStore(f"sqlite:///{tmp_path / 'copy.db'}")  # the dump carries the words to another database
    try:
        copy_store.load(store.dump())
        assert words(copy_store) == expected
    finally:
        copy_store.dispose()


def test_time_window_selects_by_event_date(store, payload):
    store.ingest(payload)
    assert store.date_span() == (dt.date(2015, 8, 17), dt.date(2015, 8, 18))
    only = store.events_frame(dt.date(2015, 8, 18), dt.date(2015, 8, 18))
    assert list(only["place_name"]) == ["Douma"]
    assert store.events_frame(dt.date(2016, 1, 1), None).empty


def test_a_failure_mid_ingest_leaves_the_database_as_it_was(store, payload):
    store.ingest(payload)
    before = store.counts()
    broken = copy.deepcopy(payload)
    broken["report"]["id"] = "another-report"
    broken["events"][1]["id"] = broken["events"][0]["id"] + "-b"
    broken["events"][1]["event_type"] = None  # NOT NULL: the second event cannot be written
    with pytest.raises(Exception):
        store.ingest(broken)
    assert store.counts() == before
    assert "another-report" not in set(store.reports_frame()["id"])


def test_nationwide_totals_are_kept_apart(store, gazetteer):
    store.ingest(sample_payload(SAMPLE_DIR / "damascus-2013-02-06.json", gazetteer))
    totals = store.nationwide_frame()
    assert list(totals["killed"]) == [107]
    assert list(totals["claim_date"]) == [dt.date(2013, 2, 6)]
    assert store.nationwide_frame(dt.date(2013, 2, 7), None).empty
    assert store.claims_frame()["scope"].eq("event").all()


def test_default_url_is_a_local_sqlite_file(tmp_path, monkeypatch):
    from conflictmap.store import EventStore, default_url

    monkeypatch.delenv("CONFLICTMAP_DATABASE_URL", raising=False)
    monkeypatch.setenv("CONFLICTMAP_HOME", str(tmp_path / "home"))
    url = default_url()
    assert url == f"sqlite:///{tmp_path / 'home' / 'conflictmap.db'}"
    EventStore(url).dispose()
    assert (tmp_path / "home" / "conflictmap.db").exists()
    monkeypatch.setenv("CONFLICTMAP_DATABASE_URL", "postgresql://u:p@db/x")
    assert default_url() == "postgresql://u:p@db/x"
    monkeypatch.delenv("CONFLICTMAP_DATABASE_URL")
    assert default_url({"database_url": "postgresql://from/secrets"}) == "postgresql://from/secrets"


# -- geocoding tables: cache, attempts, pins ------------------------------------
def test_geocode_cache_round_trip_and_replacement(store):
    assert store.cached_answer("nominatim|SY||jubar") is None
    place = {"place_id": "nominatim:node/1", "name": "Jobar", "display_name": "Damascus - Jobar", "lat": 33.53,
             "lon": 36.34, "precision": "neighbourhood", "admin1": "Damascus", "country": "SY",
             "coord_source": "nominatim:node/1", "confidence": 0.6}
    store.cache_answer("nominatim|SY||jubar", provider="nominatim", query="Jobar", near=None, place=place)
    hit = store.cached_answer("nominatim|SY||jubar")
    assert hit["found"] and (hit["lat"], hit["precision"], hit["confidence"]) == (33.53, "neighbourhood", 0.6)
    store.cache_answer("nominatim|SY||jubar", provider="nominatim", query="Jobar", near=None, place=None)
    assert store.cached_answer("nominatim|SY||jubar")["found"] is False


def test_attempts_keep_the_latest_reason_and_count(store, payload):
    unplaced = copy.deepcopy(payload)
    unplaced["events"][0]["place"].update(id=None, lat=None, lon=None)
    store.ingest(unplaced)
    event_id = unplaced["events"][0]["id"]
    store.record_attempt(event_id, "nominatim: timed out")
    store.record_attempt(event_id, "nominatim: rate limited")
    row = store.unresolved_events().set_index("id").loc[event_id]
    assert (row["reason"], row["attempts"]) == ("nominatim: rate limited", 2)
    store.place_event(event_id, {"id": "x-1", "name": "Douma", "lat": 33.57, "lon": 36.40, "precision": "town"})
    assert store.unresolved_events().empty


def test_pins_record_who_when_and_the_previous_value(store, payload):
    store.ingest(payload)
    jobar = store.events_frame().set_index("place_name").loc["Jobar"]
    pin = store.pin_place(jobar["place_id"], lat=33.54, lon=36.35, who="analyst")
    assert (pin["previous_lat"], pin["previous_lon"]) == (jobar["lat"], jobar["lon"])
    second = store.pin_place(jobar["place_id"], lat=33.535, lon=36.345, who="reviewer", note="checked")
    assert second["previous_lat"] == 33.54
    latest = store.pin_for(jobar["place_id"])
    assert (latest["who"], latest["lat"], latest["note"]) == ("reviewer", 33.535, "checked")
    assert list(store.pins_frame()["who"]) == ["reviewer", "analyst"]
    assert store.events_frame().set_index("place_name").loc["Jobar", "lat"] == 33.535
    with pytest.raises(ValueError):
        store.pin_place("no-such-place", lat=1, lon=1, who="x")
    with pytest.raises(ValueError):
        store.pin_place(jobar["place_id"], lat=133, lon=1, who="x")


# -- the map's fast path -------------------------------------------------------
def _renamed(payload: dict, report_id: str) -> dict:
    copied = copy.deepcopy(payload)
    copied["report"]["id"] = report_id
    for n, item in enumerate(copied["events"], 1):
        item["id"] = f"{report_id}-{n}"
    return copied


def test_bulk_ingest_stores_what_ingest_stores(store, payload, tmp_path):
    from conflictmap.store import EventStore

    one_by_one = EventStore(f"sqlite:///{tmp_path / 'single.db'}")
    batch = [_renamed(payload, f"rep{i}") for i in range(3)]
    for item in batch:
        one_by_one.ingest(item)
    added = store.ingest_many(batch)
    assert added == sum(len(p["events"]) for p in batch)
    assert store.counts() == one_by_one.counts()
    columns = ["id", "place_id", "event_date", "event_type", "lat", "lon", "precision"]
    assert store.events_frame()[columns].equals(one_by_one.events_frame()[columns])
    fields = ["event_id", "source", "killed", "denial", "scope"]
    assert store.claims_frame()[fields].astype(str).equals(one_by_one.claims_frame()[fields].astype(str))
    one_by_one.dispose()


def test_bulk_import_writes_what_ingest_writes(store, payload, tmp_path):
    """import_payloads (executemany on SQLite, COPY on PostgreSQL) against ingest one by one: the same rows."""
    from conflictmap.store import EventStore

    one_by_one = EventStore(f"sqlite:///{tmp_path / 'single.db'}")
    batch = [_renamed(payload, f"rep{i}") for i in range(3)]
    for item in batch:
        one_by_one.ingest(item)
    result = store.import_payloads(batch)
    assert (result.added, result.events) == (3, sum(len(p["events"]) for p in batch))
    assert store.counts() == one_by_one.counts()
    columns = ["id", "report_id", "place_id", "event_date", "date_precision", "event_type", "types", "quote", "lat",
               "lon", "precision"]
    assert store.events_frame()[columns].astype(str).equals(one_by_one.events_frame()[columns].astype(str))
    fields = ["event_id", "source", "killed", "denial", "scope", "claim_date", "quote"]
    assert store.claims_frame()[fields].astype(str).equals(one_by_one.claims_frame()[fields].astype(str))
    assert store.claims_frame()["denial"].any()  # booleans travel as booleans
    assert store.import_payloads(batch).added == 0 and store.counts() == one_by_one.counts()
    one_by_one.dispose()


def test_a_bulk_write_of_a_stored_key_fails_as_an_integrity_error_and_leaves_nothing(store, payload):
    """The error import_payloads' careful pass waits for, whichever way the rows travel; the places skip theirs."""
    from sqlalchemy.exc import IntegrityError

    from conflictmap.store import EventStore, places, reports

    store.ingest(payload)
    before = store.counts()
    row = {"id": "dup", "url": None, "publisher": None, "pub_date": dt.date(2015, 8, 19), "title": None,
           "note": None, "ingested_at": dt.datetime(2015, 8, 19, tzinfo=dt.timezone.utc)}
    place = {"id": "p:dup", "name": "Somewhere", "display_name": "Somewhere", "lat": 33.5, "lon": 36.3,
             "precision": "town", "admin1": None, "coord_source": None}
    with pytest.raises(IntegrityError):
        with store._write() as conn:
            EventStore._insert_many(conn, places, [place], ignore_existing=True)
            EventStore._insert_many(conn, places, [place, dict(place, name="Elsewhere")], ignore_existing=True)
            EventStore._insert_many(conn, reports, [row, row])
    assert store.counts() == before
    with store._write() as conn:
        EventStore._insert_many(conn, places, [place], ignore_existing=True)
        EventStore._insert_many(conn, places, [place, dict(place, name="Elsewhere")], ignore_existing=True)
    assert store.counts()["places"] == before["places"] + 1


def test_data_version_moves_with_every_ingest(store, payload):
    before = store.data_version()
    store.ingest(payload)
    after = store.data_version()
    assert after != before and store.data_version() == after


def test_bounded_window_pages_the_window(store, payload):
    store.ingest_many([_renamed(payload, "rep1"), _renamed(payload, "rep2")])
    start, end = dt.date(2015, 8, 1), dt.date(2015, 8, 31)
    full = store.events_frame(start, end)
    assert len(full) > 2
    assert store.window_events(start, end, limit=2)["id"].tolist() == full["id"].tolist()[:2]
    picked = full["id"].tolist()[-1]
    assert store.window_events(start, end, ids=[picked])["id"].tolist() == [picked]
    assert store.window_events(dt.date(2014, 1, 1), dt.date(2014, 1, 2), ids=[picked]).empty


def test_window_query_uses_the_date_index(tmp_path, payload):
    from conflictmap.store import EventStore

    handle = EventStore(f"sqlite:///{tmp_path / 'plan.db'}")
    handle.ingest(payload)
    assert "ix_events_date" in handle.window_plan(dt.date(2015, 8, 1), dt.date(2015, 8, 31))
    handle.dispose()


# -- a large import into empty tables: indexes built afterwards, events linked before they are written ------------
def _acled_payloads(count: int, **values: object) -> list[dict]:
    """``count`` synthetic ACLED rows read as an import reads them (records of one event and one claim each)."""
    from synthetic import acled_row, csv_text

    from conflictmap.exchange import acled

    parsed = acled.parse(csv_text([acled_row(n, **values) for n in range(1, count + 1)], acled.COLUMNS).encode())
    assert not parsed.errors
    return parsed.payloads


def _indexes(store) -> dict[str, list]:
    from sqlalchemy import inspect

    found = inspect(store.engine)
    return {table: sorted((ix["name"], tuple(ix["column_names"])) for ix in found.get_indexes(table))
            for table in ("reports", "places", "events", "claims")}


def test_a_large_import_into_empty_tables_keeps_every_index(store):
    from conflictmap.store import BATCH

    before = _indexes(store)
    assert ("ix_events_date", ("event_date",)) in before["events"] and before["claims"]
    result = store.import_payloads(_acled_payloads(BATCH + 10))
    assert result.events == BATCH + 10 == store.counts()["claims"]
    assert _indexes(store) == before
    if store.backend == "sqlite":  # and the database uses them
        assert "ix_events_date" in store.window_plan(dt.date(2013, 2, 1), dt.date(2013, 2, 28))


def test_a_large_import_that_fails_leaves_the_tables_and_their_indexes_as_they_were(store):
    """Two reports holding one event id: the events' insert fails after their indexes were dropped (SQLite)."""
    from sqlalchemy.exc import IntegrityError

    from conflictmap.store import BATCH

    payloads = _acled_payloads(BATCH + 10)
    before, indexes = store.counts(), _indexes(store)
    broken = copy.deepcopy(payloads[-1])
    broken["report"]["id"] = "another-report"
    with pytest.raises(IntegrityError):
        store.import_payloads([*payloads, broken])
    assert store.counts() == before and _indexes(store) == indexes
    assert store.import_payloads(payloads).events == BATCH + 10  # nothing half-done stands in the way
    assert _indexes(store) == indexes


def _incident_fields(store) -> dict[str, tuple]:
    frame = store.events_frame().set_index("id")
    return {event_id: tuple(None if pd_missing(v) else v for v in row)
            for event_id, row in frame[["incident_id", "incident_link", "incident_reason"]].iterrows()}


def pd_missing(value) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))


def test_one_data_set_imported_into_an_empty_database_is_one_incident_an_event(store):
    from conflictmap import incident

    payloads = _acled_payloads(40)
    store.import_payloads(payloads)
    fields = _incident_fields(store)
    assert fields == {p["events"][0]["id"]: (incident.incident_id([p["events"][0]["id"]]), None, None)
                      for p in payloads}
    store.relink_incidents()  # what linking every stored event gives
    assert _incident_fields(store) == fields and store.proposals_frame().empty


def test_reports_imported_into_an_empty_database_are_linked_as_a_relink_links_them(store, tmp_path):
    """The linking done before the rows are written (no live event stored) against the usual relink afterwards."""
    from test_incident_store import _payload

    from conflictmap.store import EventStore

    payloads = []
    for name in ("first", "revised", "later", "next_town"):
        payload = _payload(name)
        payload["report"]["publisher"] = name
        payloads.append(payload)
    store.import_payloads(payloads)
    fields = _incident_fields(store)
    first, revised = payloads[0]["events"][0]["id"], payloads[1]["events"][0]["id"]
    assert fields[first][0] == fields[revised][0] and fields[first][1] == "auto"
    assert len({f[0] for f in fields.values()}) == len(fields) - 1
    proposals = store.proposals_frame()
    store.relink_incidents()
    assert _incident_fields(store) == fields
    assert store.proposals_frame()[["event_a", "event_b", "reason"]].equals(proposals[["event_a", "event_b", "reason"]])
    # The same reports into a database holding a live event (years apart, another data set): linked after the writes.
    other = EventStore(f"sqlite:///{tmp_path / 'holding.db'}")
    other.import_payloads(_acled_payloads(1, event_date="2001-01-01"))
    other.import_payloads(payloads)
    assert {k: v for k, v in _incident_fields(other).items() if k in fields} == fields
    other.dispose()


def test_an_event_committed_by_another_writer_during_an_import_into_an_empty_database_is_linked_with_it(
        postgres_url, monkeypatch):
    """PostgreSQL lets another writer commit while an import runs: the import checks again under the linking lock.

    Report "first" is ingested by a second connection just after the import linked its own events (the database
    had no live event then); the import must still end with "first" and "revised" in one incident. (SQLite's
    write lock keeps any other writer out from the check to the commit.)
    """
    from conftest import postgres_schema
    from test_incident_store import _payload

    from conflictmap.store import EventStore

    with postgres_schema(postgres_url) as engine:
        store, other = EventStore(postgres_url, engine=engine), EventStore(postgres_url, engine=engine)
        first = _payload("first")
        link_first = EventStore._link_first

        def meanwhile(self, *args):  # noqa: ANN001, ANN202 - the import's step, then the other writer's commit
            linked = link_first(self, *args)
            if self is store and not other.counts()["events"]:
                other.ingest(first, publisher="first")
            return linked

        monkeypatch.setattr(EventStore, "_link_first", meanwhile)
        payloads = []
        for name in ("revised", "later", "next_town"):
            payload = _payload(name)
            payload["report"]["publisher"] = name
            payloads.append(payload)
        store.import_payloads(payloads)
        fields = _incident_fields(store)
        assert fields[first["events"][0]["id"]][0] == fields[payloads[0]["events"][0]["id"]][0]
        store.relink_incidents()
        assert _incident_fields(store) == fields
        store.dispose()


def test_a_large_import_into_postgresql_counts_its_rows_in_the_planners_statistics(postgres_url):
    """Planned on the statistics of the tables before the import (one event), the relink's read-back of every event
    took 51 s at 20,000 rows; the import analyses the tables it filled before reading them back."""
    from conftest import postgres_schema
    from sqlalchemy import text

    from conflictmap.store import BATCH, EventStore

    with postgres_schema(postgres_url) as engine:
        store = EventStore(postgres_url, engine=engine)
        store.import_payloads(_acled_payloads(1, event_id_cnty="ONE1", event_date="2001-01-01"))
        with engine.begin() as conn:
            conn.execute(text("ANALYZE events"))  # the statistics as they stand before the import: one row
        store.import_payloads(_acled_payloads(BATCH + 10))
        with engine.connect() as conn:
            counted = conn.execute(text("SELECT reltuples FROM pg_class WHERE oid = 'events'::regclass")).scalar_one()
        assert counted >= BATCH and store.counts()["events"] == BATCH + 11
        store.dispose()
