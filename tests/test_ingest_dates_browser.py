"""Dates on the Ingest page in a real browser: a publication date of any year since 1900 is taken and used.

Streamlit's date input offers ten years either side of today unless told
otherwise; conflict archives go back decades. A module of its own, with its
own server and database, because it saves a report and reads the store back.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import dashboard_server

from conflictmap.store import DEFAULT_DB_NAME, EventStore

ROOT = Path(__file__).resolve().parent.parent
# Written for this test: no DATE header, so the weekday can only come from the form's publication date.
REPORT = "Shelling killed 12 people in Douma on Sunday, the Syrian Observatory for Human Rights said."


@pytest.fixture(scope="module")
def server(tmp_path_factory, chromium):
    home = tmp_path_factory.mktemp("home")
    env = {k: v for k, v in os.environ.items() if k != "CONFLICTMAP_DATABASE_URL"}
    env.update(CONFLICTMAP_HOME=str(home), CONFLICTMAP_CACHE_DIR=str(home / "cache"), CONFLICTMAP_GEOCODER="off")
    with dashboard_server("app.py", ROOT, env) as (url, _):
        yield url, home


def test_a_2013_publication_date_typed_on_ingest_dates_the_stored_events(browser, server):
    url, home = server
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    page.goto(f"{url}/Ingest")
    page.get_by_label("Paste a report").wait_for(timeout=60_000)
    page.get_by_label("Paste a report").fill(REPORT)
    page.get_by_role("spinbutton", name="year, Publication date").click()
    page.keyboard.type("20130305")  # typed, segment by segment; a Tuesday: "on Sunday" is 3 March 2013
    page.get_by_label("Publisher").click()  # leave the date field
    typed = [page.get_by_role("spinbutton", name=f"{part}, Publication date").inner_text()
             for part in ("year", "month", "day")]
    assert typed == ["2013", "03", "05"]
    page.get_by_role("button", name="Read").click()
    page.get_by_text("published 2013-03-05").wait_for(timeout=60_000)
    page.get_by_role("button", name="Save 1 report(s)").click()
    page.get_by_text("saved 1 event(s)").wait_for(timeout=60_000)
    page.close()

    store = EventStore(f"sqlite:///{home / DEFAULT_DB_NAME}")
    events = store.events_frame()
    douma = events[events["place_mention"] == "Douma"]
    assert douma["event_date"].astype(str).tolist() == ["2013-03-03"]
