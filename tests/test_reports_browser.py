"""The Reports page's pin in a real browser: click the map, pin the unplaced name, see the record.

A module of its own, with its own server and database, because pinning
changes the sample that the dashboard's browser tests count markers on.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import dashboard_server
from tests.test_app_browser import _map_frame
from tests.test_pages import _with_an_unplaced_name

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, chromium):
    """The dashboard on the bundled sample plus one report whose place no gazetteer knows."""
    home = tmp_path_factory.mktemp("home")
    _with_an_unplaced_name(home)
    env = {k: v for k, v in os.environ.items() if k != "CONFLICTMAP_DATABASE_URL"}
    env.update(CONFLICTMAP_HOME=str(home), CONFLICTMAP_CACHE_DIR=str(home / "cache"))
    with dashboard_server("app.py", ROOT, env) as (url, _):
        yield url


def test_clicking_the_map_fills_the_pin_and_the_pin_is_recorded(browser, app_url):
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    page.goto(f"{app_url}/Reports")
    page.get_by_text("Pin a place").wait_for(timeout=60_000)
    frame = _map_frame(page)
    frame.wait_for_function("typeof window.map !== 'undefined'", timeout=30_000)
    latitude = page.get_by_label("Latitude")
    assert latitude.input_value() == ""  # empty until a point is clicked or typed
    page.get_by_role("button", name="Pin").click()
    page.get_by_text("Not pinned: click the map or type").wait_for(timeout=30_000)
    frame.locator(".leaflet-container").click(position={"x": 300, "y": 100})
    page.wait_for_function("document.querySelector('input[aria-label=\"Latitude\"]').value !== ''",
                           timeout=30_000)
    clicked = float(latitude.input_value())
    assert 33.4 < clicked < 33.7
    page.get_by_role("button", name="Pin").click()
    page.get_by_text("Pinned Zamalka Farms at").wait_for(timeout=30_000)
    assert "by local editor" in page.get_by_text("Pinned Zamalka Farms at").inner_text()
    page.get_by_text("Every stored event has a place on the map.").wait_for(timeout=30_000)
    page.close()
