"""No page a viewer opens costs more than the map: work counted, never timed.

Each page is opened twice through AppTest on a small and a five-times
larger database of SYNTHETIC events (``bench.synth``). What is counted is
the rows the pages read from the database (every frame ``EventStore``
builds, and ``map_rows``, the map's own once-per-data-version read) and the
rows they hand to tables. On a warm view (the map's columns built, as any
map view leaves them) the work must not grow with the data: Review and
Reports read a page, Tallies reads nothing but counters.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from conflictmap.store import EventStore

ROOT = Path(__file__).resolve().parent.parent
SMALL, LARGE = 400, 2000
PAGES = {"review": "pages/3_Review.py", "tallies": "pages/4_Tallies.py", "reports": "pages/1_Reports.py",
         "map": "app.py"}


class Counter:
    """Rows read from the database by EventStore, counted on the class (every handle the page opens)."""

    def __init__(self, monkeypatch) -> None:
        self.rows = 0
        frame, map_rows = EventStore._frame, EventStore.map_rows
        counter = self

        def counted_frame(store, query) -> pd.DataFrame:  # noqa: ANN001
            found = frame(store, query)
            counter.rows += len(found)
            return found

        def counted_map_rows(store):  # noqa: ANN001
            found = map_rows(store)
            counter.rows += len(found[0]) + len(found[1])
            return found

        monkeypatch.setattr(EventStore, "_frame", counted_frame)
        monkeypatch.setattr(EventStore, "map_rows", counted_map_rows)


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    from bench.synth import build

    folder = tmp_path_factory.mktemp("cost")
    urls = {}
    for n in (SMALL, LARGE):
        urls[n] = f"sqlite:///{folder / f'synthetic-{n}.db'}"
        build(n, urls[n])
    return urls


def _view_rows(monkeypatch, tmp_path, url: str, page: str, secrets: dict) -> tuple[int, int]:
    """Rows read by a first (cold) and a second (warm) view of ``page`` in one server process."""
    import streamlit as st

    monkeypatch.setenv("CONFLICTMAP_DATABASE_URL", url)
    monkeypatch.setenv("CONFLICTMAP_HOME", str(tmp_path))
    st.cache_resource.clear()
    st.cache_data.clear()
    counter = Counter(monkeypatch)
    reads = []
    for _ in range(2):
        before = counter.rows
        app = AppTest.from_file(str(ROOT / page), default_timeout=120)
        for key, value in secrets.items():
            app.secrets[key] = value
        app.query_params["from"], app.query_params["to"] = "2012-01-01", "2019-12-31"
        if page == "app.py":  # as after the map's first report back: the whole page
            app.session_state["map_drawn"] = True
        app.run()
        assert not app.exception, app.exception
        reads.append(counter.rows - before)
    st.cache_resource.clear()
    return reads[0], reads[1]


@pytest.mark.parametrize("page, secrets, bound", [
    ("review", {"editor_password": "x"}, 3 * 200),  # a viewer: a page of events
    ("review", {}, 3 * 200 + 200),  # the local editor: a page, the removed events (none) and a history
    ("reports", {"editor_password": "x"}, 3 * 200),  # a page of reports, unplaced events and pins
    ("tallies", {"editor_password": "x"}, 0),  # the map's columns, already built: no rows at all
])
def test_a_warm_view_reads_a_bounded_number_of_rows_whatever_the_data(databases, monkeypatch, tmp_path, page,
                                                                       secrets, bound):
    small = _view_rows(monkeypatch, tmp_path, databases[SMALL], PAGES[page], secrets)
    large = _view_rows(monkeypatch, tmp_path, databases[LARGE], PAGES[page], secrets)
    assert large[1] <= bound, f"{page}: a warm view read {large[1]} rows at {LARGE} events"
    assert large[1] == small[1] or large[1] <= bound // 2, (small, large)


def test_tallies_costs_no_more_than_the_map(databases, monkeypatch, tmp_path):
    """Cold, Tallies reads what the map reads once per data version, and not a row more."""
    tallies = _view_rows(monkeypatch, tmp_path, databases[LARGE], PAGES["tallies"], {"editor_password": "x"})
    the_map = _view_rows(monkeypatch, tmp_path, databases[LARGE], PAGES["map"], {"editor_password": "x"})
    assert tallies[0] <= the_map[0], (tallies, the_map)
