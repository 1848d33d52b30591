"""The dashboard when the database is away: a plain message without secrets, and recovery when it is back.

An outage is played for real: the app talks to PostgreSQL through a small
TCP relay that the test cuts and restores, and to a port nobody listens on.
Every page text and every log line is searched for the password.
"""
from __future__ import annotations

import datetime as dt
import logging
import socket
import threading
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from conflictmap.store import EventStore, StoreUnavailable, safe_url, scrub

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Zq7-never-shown-9Xw"
TEXT_ELEMENTS = ("title", "header", "subheader", "markdown", "caption", "error", "warning", "info", "success",
                 "exception", "code", "text", "metric")


class Relay:
    """A TCP relay to a server that can be cut (listener and live connections) and restored on the same port."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._sockets: list[socket.socket] = []
        self._listener: socket.socket | None = None

    def up(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            try:
                listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread; close alone may not (Linux)
            except OSError:
                pass
            listener.close()
        for sock in self._sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        self._sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            self._sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def page_text(app: AppTest) -> str:
    parts = []
    for kind in TEXT_ELEMENTS:
        for element in app.get(kind):
            parts.append(str(getattr(element, "value", "")) + str(getattr(element, "label", "")))
            parts.append(str(element.proto))
    return "\n".join(parts)


@pytest.fixture
def clean_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("CONFLICTMAP_HOME", str(tmp_path))
    import streamlit as st

    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_safe_url_masks_the_password_and_scrub_takes_it_out_of_messages():
    url = f"postgresql://ana:{PASSWORD}@db.example.org:5432/conflictmap"
    assert safe_url(url) == "postgresql://ana:***@db.example.org:5432/conflictmap"
    assert safe_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"
    message = scrub(f"could not connect to {url}; password {PASSWORD} rejected", url)
    assert PASSWORD not in message and "ana:***@db.example.org" in message


def test_an_unreachable_database_is_a_typed_error_without_the_password():
    url = f"postgresql://ana:{PASSWORD}@127.0.0.1:{free_port()}/conflictmap"
    with pytest.raises(StoreUnavailable) as raised:
        EventStore(url)
    assert PASSWORD not in str(raised.value) and "ana:***@127.0.0.1" in str(raised.value)
    assert "refused" in raised.value.reason.lower() or "connect" in raised.value.reason.lower()


def test_dashboard_says_the_database_is_away_and_comes_back_with_it(clean_cache, monkeypatch, tmp_path, caplog,
                                                                     capfd):
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("CONFLICTMAP_DATABASE_URL", f"postgresql://ana:{PASSWORD}@127.0.0.1:{free_port()}/cm")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.secrets["editor_password"] = PASSWORD
    app.run()
    assert not app.exception
    assert "cannot be reached right now" in app.error[0].value and "ana:***@127.0.0.1" in app.error[0].value
    assert not app.get("download_button")  # the page stopped: nothing half-drawn from no data

    monkeypatch.setenv("CONFLICTMAP_DATABASE_URL", f"sqlite:///{tmp_path / 'back.db'}")
    from conflictmap.places.gazetteer import Gazetteer
    from conflictmap.sample import load_samples

    load_samples(EventStore(f"sqlite:///{tmp_path / 'back.db'}"), Gazetteer.default())  # a named database: its data
    app.session_state["map_drawn"] = True  # as after the map's first report back: the whole page
    app.run()
    assert not app.exception and not app.error
    assert app.title[0].value == "conflictmap" and len(app.get("download_button")) == 1  # a viewer: the map's view

    text = page_text(app) + "\n".join(r.getMessage() for r in caplog.records) + "".join(capfd.readouterr())
    assert PASSWORD not in text


@pytest.mark.parametrize("form, secret", [
    ("ana:{p}@127.0.0.1:{port}/cm", PASSWORD),
    ("ana@127.0.0.1:{port}/cm?password={p}", PASSWORD),
    ("ana@127.0.0.1:{port}/cm?sslmode=disable&password={p}", PASSWORD),
    ("ana:{p}@127.0.0.1:{port}/cm", PASSWORD.replace("-never-", "-never@")),  # an @ left unescaped
])
def test_the_banner_masks_the_password_in_every_url_form(clean_cache, monkeypatch, caplog, capfd, form, secret):
    """A password in the user part, as a query parameter, or with an unescaped @ never reaches the page."""
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("CONFLICTMAP_DATABASE_URL", "postgresql://" + form.format(p=secret, port=free_port()))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not app.exception
    assert "cannot be reached right now" in app.error[0].value and "***" in app.error[0].value
    text = page_text(app) + "\n".join(r.getMessage() for r in caplog.records) + "".join(capfd.readouterr())
    for part in (secret, *secret.split("@")):
        assert part not in text


def test_the_shipped_config_shows_viewers_no_error_details():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] in ("type", "none")


def test_an_outage_of_postgresql_mid_session_and_the_recovery(clean_cache, monkeypatch, postgres_url):
    from sqlalchemy import create_engine, text

    parts = urlsplit(postgres_url)
    relay = Relay((parts.hostname, parts.port or 5432))
    relay.up()
    schema = f"o_{uuid.uuid4().hex[:10]}"
    admin = create_engine(postgres_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    relayed = (f"postgresql://{parts.username}:{parts.password}@127.0.0.1:{relay.port}{parts.path}"
               f"?options=-csearch_path%3D{schema}")
    monkeypatch.setenv("CONFLICTMAP_DATABASE_URL", relayed)
    try:
        # a team's database is never filled with the sample by the app (conflictmap.sample.fills): the test puts
        # one report in itself, to see it again after the outage
        from conflictmap.places.gazetteer import Gazetteer
        from conflictmap.sample import load_samples

        seeded = EventStore(relayed)
        load_samples(seeded, Gazetteer.default())
        seeded.engine.dispose()
        app = AppTest.from_file(str(ROOT / "pages" / "1_Reports.py"), default_timeout=60).run()
        assert not app.exception and "1 report(s) stored in the postgresql database." in \
            [c.value for c in app.caption]

        relay.down()
        app.run()
        assert not app.exception
        assert app.error and "cannot be reached right now" in app.error[0].value
        assert f"{parts.username}:***@127.0.0.1:{relay.port}" in app.error[0].value

        relay.up()
        app.run()
        assert not app.exception and not app.error
        assert "1 report(s) stored in the postgresql database." in [c.value for c in app.caption]
    finally:
        relay.down()
        import streamlit as st

        st.cache_resource.clear()  # the cached store's connections go with it before the schema does
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def test_a_write_to_a_locked_sqlite_file_is_refused_plainly_and_lands_once_the_lock_is_gone(tmp_path):
    import sqlite3

    from sqlalchemy import create_engine

    from test_validate import extraction

    path = tmp_path / "locked.db"
    EventStore(f"sqlite:///{path}").dispose()  # migrated, empty
    impatient = EventStore(f"sqlite:///{path}", engine=create_engine(f"sqlite:///{path}",
                                                                     connect_args={"timeout": 0.3}))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process in the middle of a long write
    try:
        with pytest.raises(StoreUnavailable, match="database is locked"):
            impatient.ingest(extraction())
        assert impatient.counts()["reports"] == 0  # reading still works while the writer holds the lock
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert impatient.ingest(extraction()).added and impatient.counts()["reports"] == 1
    impatient.dispose()


def test_the_first_run_draws_the_map_and_timeline_and_the_rest_follows_the_maps_report(fresh_home):
    """Before the map has reported back (its layer reports once it has painted), the page holds the map, the
    timeline and the count; the filters, date boxes, charts, tables, export and share link come with the run
    that report starts, with the filters a link set."""
    first = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    first.query_params.update({"from": "2013-02-01", "to": "2013-02-09", "type": "shelling"})
    first.run()
    assert not first.exception
    assert first.get("slider") and any("shelling" in c.value for c in first.caption)  # the count, filtered
    assert first.get("bidi_component")  # the window element: the charts' inputs exist before any chart
    for kind in ("multiselect", "date_input", "dataframe", "vega_lite_chart", "code", "selectbox",
                 "download_button"):
        assert not first.get(kind), kind
    assert any("follow once the map is drawn" in c.value for c in first.caption)

    first.session_state["map"] = {"center": {"lat": 33.5, "lng": 36.3}, "zoom": 9}  # streamlit-folium's report
    first.run()
    assert not first.exception
    assert first.multiselect(key="f_types").value == ["shelling"]      # the link's filter, now in its list
    assert len(first.get("date_input")) == 2 and first.get("dataframe") and first.get("code")
    assert first.get("download_button") and first.selectbox(key="export_format")
    assert len(first.get("vega_lite_chart")) == 2 and first.get("bidi_component")   # the charts; the window element
    assert not any("follow once the map is drawn" in c.value for c in first.caption)


def test_the_first_run_reads_the_filter_lists_only_when_a_link_sets_a_list_filter(fresh_home, monkeypatch):
    """The filter lists' choices (a scan of every claim's source, the places' labels, the countries) wait for
    the map's first report, as the filters do; a link with a list filter the data lacks still gets its
    notice in the first run."""
    import streamlit as st

    st.cache_data.clear()
    calls = []
    scan = EventStore.choices
    monkeypatch.setattr(EventStore, "choices", lambda self: calls.append(1) or scan(self))
    plain = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    plain.query_params.update({"from": "2013-02-01", "to": "2013-02-09"})
    plain.run()
    assert not plain.exception and plain.get("slider")
    assert calls == []  # the first run did not read them
    plain.session_state["map"] = {"center": {"lat": 33.5, "lng": 36.3}, "zoom": 9}  # streamlit-folium's report
    plain.run()
    assert not plain.exception and calls == [1]
    assert "shelling" in plain.multiselect(key="f_types").options

    linked = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    linked.query_params.update({"from": "2013-02-01", "to": "2013-02-09", "type": "airstrike"})  # the sample has none
    linked.run()
    assert not linked.exception
    assert any("Nothing in the data matches" in i.value and "event type airstrike" in i.value for i in linked.info)


def test_a_server_with_no_prepared_columns_has_a_child_build_them(fresh_home, monkeypatch):
    """Above ``BUILD_ELSEWHERE_FROM`` events the server never reads the events itself: a child process builds
    and writes the columns (its peak ends with it) and the server maps them."""
    import streamlit as st

    from conflictmap import dashboard
    from conflictmap.store import default_url

    st.cache_data.clear()
    monkeypatch.setenv("CONFLICTMAP_CACHE_DIR", str(fresh_home / "cache"))
    monkeypatch.setattr(dashboard, "BUILD_ELSEWHERE_FROM", 1)
    monkeypatch.setattr(EventStore, "map_rows", lambda self: pytest.fail("the events were read in the server"))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.query_params.update({"from": "2013-02-01", "to": "2013-02-09"})
    app.run()
    assert not app.exception
    stored = EventStore(default_url())  # the sample database the page made
    dated = stored.events_frame(dt.date(2013, 2, 1), dt.date(2013, 2, 9)).dropna(subset=["event_date"])
    stored.dispose()
    assert len(dated) > 1  # the sample has events in that window, so the count below says something
    assert any(c.value.startswith(f"{len(dated)} events from ") for c in app.caption), \
        (len(dated), [c.value for c in app.caption])
    assert list((fresh_home / "cache" / "map").glob("columns-*.bin"))  # written by the child, mapped here
