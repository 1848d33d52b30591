"""Incidents in a real browser: two reports of one attack are one point; split in Review gives two; undo one.

Debian's Chromium under playwright, the dashboard run as a user runs it
(``streamlit run app.py``) on a database that holds two reports written
here (our own sentences) about one car bomb.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from conftest import dashboard_server
from test_app_browser import IN_WINDOW, _map_frame, _wait_markers

from conflictmap.reading.reader import extract
from conflictmap.reading.text import Report

ROOT = Path(__file__).resolve().parent.parent
REPORTS = [("2017-03-12", "A car bomb killed 12 people in Douma on Saturday, the Syrian Observatory for Human Rights "
                          "said."),
           ("2017-03-14", "The death toll from the car bombing in Douma on Saturday rose to 40, the Violations "
                          "Documentation Center said.")]
SOURCES = ("Syrian Observatory for Human Rights", "Violations Documentation Center")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, chromium):
    from conflictmap.store import EventStore

    home = tmp_path_factory.mktemp("incident-home")
    url = f"sqlite:///{home / 'events.db'}"
    store = EventStore(url)
    for day, text in REPORTS:
        store.ingest(extract(Report(text=text, pub_date=dt.date.fromisoformat(day))).to_dict())
    assert store.events_frame()["incident_id"].nunique() == 1
    store.dispose()
    env = {k: v for k, v in os.environ.items() if k != "CONFLICTMAP_DATABASE_URL"}
    env.update(CONFLICTMAP_HOME=str(home), CONFLICTMAP_CACHE_DIR=str(home / "cache"), CONFLICTMAP_DATABASE_URL=url)
    with dashboard_server("app.py", ROOT, env) as (server, _):
        yield server


def _points(browser, url: str, expected: int):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    frame = _map_frame(page)
    assert _wait_markers(frame, expected, timeout=60, what=IN_WINDOW) == expected
    return page, frame


def test_one_point_for_two_reports_split_and_undo_in_review(browser, app_url):
    page, frame = _points(browser, app_url, 1)
    frame.wait_for_function("window.conflictmapLayer.complete()", timeout=30_000)
    douma = (33.57175, 36.4027)  # where the gazetteer puts Douma; the point is drawn there
    frame.evaluate(f"window.map.setView([{douma[0]}, {douma[1]}], 11, {{animate: false}})")
    page.wait_for_timeout(500)
    point = frame.evaluate(f"(() => {{ const p = window.map.latLngToContainerPoint([{douma[0]}, {douma[1]}]); "
                           "return [p.x, p.y]; })()")
    box = frame.locator("#map_div").bounding_box()
    page.mouse.move(box["x"] + point[0], box["y"] + point[1])
    tooltip = frame.locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=10_000)
    assert all(source in tooltip.inner_text() for source in SOURCES)
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])
    for source in SOURCES:  # the panel lists both reports' sources
        page.get_by_text(source, exact=True).first.wait_for(timeout=30_000)
    body = page.inner_text("body")
    assert "One incident told by 2 events in 2 reports" in body
    assert "linked: same place (Douma) and same day, both a bombing" in body
    page.close()

    review = browser.new_page(viewport={"width": 1400, "height": 1600})
    review.goto(f"{app_url}/Review")
    review.get_by_label("Why is it another happening?").fill("a second car bomb, says the editor")
    review.get_by_role("button", name="Split out").click()
    review.get_by_text("out of its incident").first.wait_for(timeout=60_000)
    page, _ = _points(browser, app_url, 2)
    page.close()

    review.get_by_role("button", name="Undo").click()
    review.get_by_text("Undid decision").first.wait_for(timeout=60_000)
    review.close()
    page, _ = _points(browser, app_url, 1)
    page.close()
