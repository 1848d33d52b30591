"""The dashboard in a real browser: Debian's Chromium driven by playwright.

The map lives in streamlit-folium's iframe, which AppTest cannot see, so
these tests run the app as a user does (``streamlit run app.py``) on a
fresh database that gets the bundled sample, with no internet.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import dashboard_server

from conflictmap.sample import SAMPLE_DIR, sample_payload

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, chromium):
    home = tmp_path_factory.mktemp("home")
    env = {k: v for k, v in os.environ.items() if k != "CONFLICTMAP_DATABASE_URL"}
    env.update(CONFLICTMAP_HOME=str(home), CONFLICTMAP_CACHE_DIR=str(home / "cache"))
    with dashboard_server("app.py", ROOT, env) as (url, _):
        yield url


@pytest.fixture(scope="module")
def located_events(gazetteer) -> list[dict]:
    payload = sample_payload(SAMPLE_DIR / "damascus-2013-02-06.json", gazetteer)
    return [e for e in payload["events"] if e["place"]["lat"] is not None]


def _map_frame(page):
    page.wait_for_selector("iframe[title*='st_folium']", timeout=60_000)
    deadline = time.time() + 30
    while time.time() < deadline:
        frame = next((f for f in page.frames if "st_folium" in f.url), None)
        if frame is not None:
            return frame
        time.sleep(0.2)
    raise AssertionError("no map frame")


PAINTED = "window.conflictmapLayer.drawnEvents()"  # events painted on screen (points and counted circles)
IN_WINDOW = "window.conflictmapLayer.windowCount()"  # the window's events, on screen or not


def _markers(frame, what: str = PAINTED) -> int:
    """A count from the map's canvas layer, -1 before its data arrives."""
    return frame.evaluate(f"window.conflictmapLayer && window.conflictmapLayer.ready() ? {what} : -1")


def _wait_markers(frame, expected: int, timeout: float = 30, what: str = PAINTED) -> int:
    """The count once it has held ``expected`` for a second (a rerun may pass through other counts)."""
    deadline = time.time() + timeout
    count, steady = -1, 0
    while time.time() < deadline:
        count = _markers(frame, what)
        steady = steady + 1 if count == expected else 0
        if steady >= 4:
            return count
        time.sleep(0.25)
    return count


def test_map_draws_every_located_event_without_internet(browser, app_url, located_events):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    external: list[str] = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:",
                                                                                     "blob:", "about:")) else None)
    page.goto(app_url)
    frame = _map_frame(page)
    assert _wait_markers(frame, len(located_events)) == len(located_events)
    assert frame.evaluate("typeof L !== 'undefined' && !!window.map")
    # Only map tiles may come from outside (the default base map's, until the analyst switches).
    assert all("tile.openstreetmap.org" in url for url in external), external
    page.close()


def _open_map(browser, url: str, expected: int):
    """A new page on the dashboard, once the map shows ``expected`` markers."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    frame = _map_frame(page)
    assert _wait_markers(frame, expected) == expected
    frame.wait_for_function("window.conflictmapLayer.complete()", timeout=30_000)  # ids and claims for tooltips
    return page, frame


def test_slider_changes_markers_and_keeps_the_zoom(browser, app_url, located_events):
    page, frame = _open_map(browser, app_url, len(located_events))
    frame.evaluate("window.map.setView([33.51, 36.30], 11, {animate: false})")
    before = frame.evaluate("[window.map.getZoom(), window.map.getCenter().lat, window.map.getCenter().lng]")

    start_thumb = page.get_by_role("slider").first
    start_thumb.focus()
    for _ in range(4):  # the window starts three days before the sample's one day
        start_thumb.press("ArrowRight")
        page.wait_for_timeout(150)
    page.get_by_text("Events from 7 February 2013").wait_for(timeout=30_000)
    assert _wait_markers(frame, 0, what=IN_WINDOW) == 0
    assert _markers(frame) == 0

    for _ in range(4):
        start_thumb.press("ArrowLeft")
        page.wait_for_timeout(150)
    page.get_by_text("Events from 3 February 2013").wait_for(timeout=30_000)
    assert _wait_markers(frame, len(located_events), what=IN_WINDOW) == len(located_events)
    in_damascus = [e for e in located_events if e["place"]["name"] != "Palmyra"]
    assert _markers(frame) == len(in_damascus)  # Palmyra is off screen at this zoom
    after = frame.evaluate("[window.map.getZoom(), window.map.getCenter().lat, window.map.getCenter().lng]")
    assert after[0] == before[0] == 11
    assert abs(after[1] - before[1]) < 1e-6 and abs(after[2] - before[2]) < 1e-6
    page.close()


def test_palmyra_shows_its_tally_in_tooltip_and_panel(browser, app_url, located_events):
    page, frame = _open_map(browser, app_url, len(located_events))
    palmyra = next(e for e in located_events if e["place"]["name"] == "Palmyra")
    frame.evaluate(f"window.map.setView([{palmyra['place']['lat']}, {palmyra['place']['lon']}], 9, {{animate: false}})")
    page.wait_for_timeout(500)
    point = frame.evaluate(
        f"(() => {{ const p = window.map.latLngToContainerPoint([{palmyra['place']['lat']}, "
        f"{palmyra['place']['lon']}]); return [p.x, p.y]; }})()")
    map_box = frame.locator("#map_div").bounding_box()
    page.mouse.move(map_box["x"] + point[0], map_box["y"] + point[1])
    tooltip = frame.locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=10_000)
    assert "Syrian Observatory for Human Rights: 19 killed" in tooltip.inner_text()

    page.mouse.click(map_box["x"] + point[0], map_box["y"] + point[1])
    page.get_by_text("Lowest claimed").wait_for(timeout=30_000)
    # Elements stream in one by one: wait for the claim's source, not just the summary line.
    page.get_by_text("Syrian Observatory for Human Rights", exact=True).first.wait_for(timeout=30_000)
    body = page.inner_text("body")
    assert "Palmyra" in body and "19" in body
    assert f"event={palmyra['id']}" in page.url
    page.close()


def test_a_shared_link_reopens_the_selection(browser, app_url, located_events):
    palmyra = next(e for e in located_events if e["place"]["name"] == "Palmyra")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{app_url}/?from=2013-02-05&to=2013-02-06&event={palmyra['id']}")
    page.get_by_text("Syrian Observatory for Human Rights", exact=True).first.wait_for(timeout=60_000)
    assert "Lowest claimed" in page.inner_text("body")
    # The caption may stream in after the claims on a busy machine.
    page.get_by_text("5 February 2013 to 6 February 2013").first.wait_for(timeout=30_000)
    context.close()


def test_legend_and_basemap_switch(browser, app_url, located_events):
    from conflictmap.mapview import BASEMAPS, TYPE_COLOURS

    page, frame = _open_map(browser, app_url, len(located_events))
    folded = frame.locator(".conflictmap-legend").bounding_box()["height"]  # it opens folded to its heading
    assert "clash" not in frame.locator(".conflictmap-legend").inner_text()
    frame.locator(".conflictmap-legend summary").click()  # it unfolds
    legend = frame.locator(".conflictmap-legend").inner_text()
    assert all(name.replace("_", " ") in legend for name in TYPE_COLOURS)
    assert frame.locator(".conflictmap-legend").bounding_box()["height"] > 3 * folded
    assert frame.evaluate("window.conflictmapLayer._state.selected") is None  # the click reached no point
    frame.locator(".conflictmap-legend summary").click()
    frame.locator(".leaflet-control-layers").hover()
    labels = frame.locator(".leaflet-control-layers-base label").all_inner_texts()
    assert [label.strip() for label in labels] == [name for name, *_ in BASEMAPS]
    attribution = frame.locator(".leaflet-control-attribution")
    assert "OpenStreetMap" in attribution.inner_text() and "Natural Earth" in attribution.inner_text()
    frame.get_by_text("OpenTopoMap").click()
    frame.wait_for_function("document.querySelector('.leaflet-control-attribution').innerText.includes('OpenTopoMap')",
                            timeout=10_000)
    assert frame.evaluate("[...document.querySelectorAll('.leaflet-tile-pane img')].some("
                          "i => i.src.includes('opentopomap'))")
    page.close()


def test_outlines_show_where_tiles_cannot_be_fetched(browser, app_url, located_events):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.route("**/*.png", lambda route: route.abort())  # no tile server answers, as on a closed network
    page.goto(app_url)
    frame = _map_frame(page)
    assert _wait_markers(frame, len(located_events)) == len(located_events)
    outlines = frame.locator(".leaflet-outlines-pane path")
    assert outlines.count() >= 10
    # The outlines are painted, not merely present: their pane sits in the map and has a size.
    box = frame.locator(".leaflet-outlines-pane svg").bounding_box()
    assert box and box["width"] > 100 and box["height"] > 100
    page.close()
