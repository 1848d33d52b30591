"""Several wars in one database, in a real browser: the map opens on their extent and filters by country."""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conflictmap.exchange import acled
from conftest import dashboard_server
from test_app_browser import IN_WINDOW, _map_frame, _wait_markers

ROOT = Path(__file__).resolve().parent.parent
# (place, admin1, lat, lon): events in three countries, each placed where the place lies.
PLACES = [("Douma", "Rif Dimashq", 33.5722, 36.4026), ("Aleppo", "Aleppo", 36.2021, 37.1343),
          ("Saada", "Saada", 16.9402, 43.7639), ("Sanaa", "Amanat al-Asimah", 15.3545, 44.2065),
          ("Hodeidah", "Al Hudaydah", 14.7978, 42.9545), ("Kharkiv", "Kharkiv", 49.9818, 36.2548),
          ("Mariupol", "Donetsk", 47.0958, 37.5494)]


def acled_csv() -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=acled.COLUMNS)
    writer.writeheader()
    for i, (name, admin1, lat, lon) in enumerate(PLACES, start=1):
        writer.writerow({"event_id_cnty": f"MIX{i}", "event_date": "2024-03-0" + str(1 + i % 3), "year": "2024",
                         "time_precision": "1", "event_type": "Explosions/Remote violence",
                         "sub_event_type": "Air/drone strike", "admin1": admin1, "location": name,
                         "latitude": str(lat), "longitude": str(lon), "geo_precision": "1", "source": "Test",
                         "fatalities": str(i)})
    return out.getvalue()


@pytest.fixture(scope="module")
def wars_url(tmp_path_factory, chromium):
    home = tmp_path_factory.mktemp("wars")
    env = {k: v for k, v in os.environ.items() if k != "CONFLICTMAP_DATABASE_URL"}
    env.update(CONFLICTMAP_HOME=str(home), CONFLICTMAP_CACHE_DIR=str(home / "cache"), CONFLICTMAP_GEOCODER="off")
    data = home / "wars.csv"
    data.write_text(acled_csv(), encoding="utf-8")
    imported = subprocess.run([sys.executable, "-m", "conflictmap", "import", str(data), "--format", "acled"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert imported.returncode == 0, imported.stderr
    with dashboard_server("app.py", ROOT, env) as (url, _):
        yield url


def _bounds(frame) -> dict:
    return frame.evaluate("(() => { const b = window.map.getBounds(); return {south: b.getSouth(), "
                          "north: b.getNorth(), west: b.getWest(), east: b.getEast(), zoom: window.map.getZoom()}; })()")


def test_the_map_opens_on_the_extent_of_every_war(browser, wars_url):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(wars_url)
    frame = _map_frame(page)
    assert _wait_markers(frame, len(PLACES), what=IN_WINDOW, timeout=60) == len(PLACES)
    page.wait_for_timeout(1_000)
    view = _bounds(frame)
    for name, _, lat, lon in PLACES:
        assert view["south"] < lat < view["north"] and view["west"] < lon < view["east"], (name, view)
    assert view["north"] - view["south"] < 80  # the wars' extent, not the whole world
    page.close()


def test_the_country_filter_keeps_one_war(browser, wars_url):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{wars_url}/?country=YE")
    caption = page.get_by_text("in Yemen").first
    caption.wait_for(timeout=60_000)
    assert "3 events" in caption.inner_text()
    frame = _map_frame(page)
    assert _wait_markers(frame, 3, what=IN_WINDOW, timeout=60) == 3
    sidebar = page.locator("section[data-testid='stSidebar']").inner_text()
    assert "Yemen" in sidebar
    page.close()


def test_the_country_list_offers_the_countries_of_the_data(browser, wars_url):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(wars_url)
    _map_frame(page)
    box = page.locator("section[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
    box.click()
    options = page.locator("[role='option']")
    options.first.wait_for(timeout=30_000)
    assert sorted(set(options.all_inner_texts()) - {"Select all"}) == ["Syria", "Ukraine", "Yemen"]
    options.filter(has_text="Ukraine").click()
    page.get_by_text("in Ukraine").first.wait_for(timeout=60_000)
    assert _wait_markers(_map_frame(page), 2, what=IN_WINDOW, timeout=60) == 2
    page.close()
