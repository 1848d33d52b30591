"""The canvas layer in a real browser: it draws the window Python computes, escapes text, reports clicks.

The map is rendered to a standalone page (Leaflet from the installed
package, events inline), opened from a file in Debian's Chromium.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from conflictmap import fastlayer
from conflictmap.columns import EventColumns, day_number
from conflictmap.filters import Filters

HOSTILE = '<img src=x onerror="window.pwned=1"><b>bold</b>'
TOWNS = [("Jobar", 33.531, 36.337, "neighbourhood"), (HOSTILE, 34.56, 38.28, "town"),
         ("Homs Governorate", 34.3, 38.3, "governorate"), ("Aleppo", 36.2, 37.16, "city")]
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"]


def _frames(n: int = 400):
    """``n`` events spread over four places and forty days, with a claim each."""
    rows, claims = [], []
    for i in range(n):
        name, lat, lon, precision = TOWNS[i % len(TOWNS)]
        rows.append({"id": f"rep{i % 7}-{i}", "lat": lat, "lon": lon, "precision": precision,
                     "event_date": dt.date(2013, 1, 1) + dt.timedelta(days=(i * 7) % 40), "display_name": name,
                     "place_mention": name, "event_type": ["clash", "shelling", "airstrike"][i % 3]})
        claims.append({"id": i, "event_id": f"rep{i % 7}-{i}", "source": HOSTILE if i == 1 else "SOHR",
                       "killed": i % 30, "injured": None, "civilians": None, "rebels": None, "government": None,
                       "killed_qualifier": None, "killed_text": None, "scope": "event", "denial": False})
    return pd.DataFrame(rows), pd.DataFrame(claims)


@pytest.fixture(scope="module")
def page_with_map(chromium, tmp_path_factory):
    from playwright.sync_api import sync_playwright
    import js_lib_leaflet

    folder = tmp_path_factory.mktemp("map")
    leaflet = Path(js_lib_leaflet.__file__).resolve().parent / "static" / "js_lib_leaflet"
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copy(leaflet / name, folder / name)
    columns = EventColumns.from_frames(*_frames())
    fmap = fastlayer.fast_map(".", columns)
    fastlayer.EventWindow(None, dt.date(2013, 1, 5), dt.date(2013, 1, 20)).add_to(fmap)
    (folder / "map.html").write_text(fmap.get_root().render(), encoding="utf-8")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=BROWSER_ARGS)
        page = browser.new_page(viewport={"width": 1000, "height": 800})
        page.goto((folder / "map.html").as_uri())
        page.wait_for_function("window.conflictmapLayer && window.conflictmapLayer.ready()", timeout=20_000)
        yield page, columns
        browser.close()


@pytest.mark.parametrize("start, end", [("2013-01-05", "2013-01-20"), ("2013-01-01", "2013-02-09"),
                                        ("2013-01-13", "2013-01-13"), ("2013-03-01", "2013-03-09"),
                                        ("2012-12-01", "2013-01-02")])
def test_browser_filter_draws_the_window_python_computes(page_with_map, start, end):
    page, columns = page_with_map
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    page.evaluate(f"window.conflictmapLayer.show({{start: {day_number(first)}, end: {day_number(last)}}})")
    page.evaluate("window.map_fit = window.conflictmapLayer._map.fitBounds([[33.3, 35.9], [36.5, 38.7]])")
    drawn = page.evaluate("window.conflictmapLayer.windowIds()")
    assert drawn == columns.window_ids(first, last)
    # Every event of the window is painted: as a point or inside a counted circle.
    assert page.evaluate("window.conflictmapLayer.drawnEvents()") == len(drawn)


@pytest.mark.parametrize("filters", [Filters(types=("airstrike",)), Filters(min_killed=20),
                                     Filters(sources=(HOSTILE,)), Filters(types=("clash",), min_killed=10)],
                         ids=lambda f: f.describe())
def test_browser_draws_what_the_filters_mask_keeps(page_with_map, filters):
    page, columns = page_with_map
    first, last = dt.date(2013, 1, 3), dt.date(2013, 2, 1)
    mask = columns.mask(filters)
    state = {"start": day_number(first), "end": day_number(last), "mask": columns.mask_payload(mask)}
    page.evaluate("state => window.conflictmapLayer.show(state)", state)
    page.evaluate("window.conflictmapLayer._map.fitBounds([[33.3, 35.9], [36.5, 38.7]])")
    drawn = page.evaluate("window.conflictmapLayer.windowIds()")
    assert drawn == columns.window_ids(first, last, mask) and 0 < len(drawn) < columns.count(first, last)
    assert page.evaluate("window.conflictmapLayer.drawnEvents()") == len(drawn)
    page.evaluate("state => window.conflictmapLayer.show(state)", {**state, "mask": None})
    assert page.evaluate("window.conflictmapLayer.windowIds()") == columns.window_ids(first, last)


def test_tooltip_text_is_never_markup_and_a_click_reports_the_event(page_with_map):
    page, columns = page_with_map
    page.evaluate(f"window.conflictmapLayer.show({{start: {day_number(dt.date(2013, 1, 1))}, "
                  f"end: {day_number(dt.date(2013, 2, 9))}}})")
    page.evaluate("window.conflictmapLayer._map.setView([34.56, 38.28], 12, {animate: false})")
    page.evaluate("window.clicked = []; window.conflictmapLayer.on('click', e => window.clicked.push("
                  "e.sourceTarget.getTooltip().getContent()))")
    point = page.evaluate("(() => { const p = window.conflictmapLayer._map.latLngToContainerPoint([34.56, 38.28]);"
                          " const b = window.conflictmapLayer._map.getContainer().getBoundingClientRect();"
                          " return [b.left + p.x, b.top + p.y]; })()")
    page.mouse.move(point[0], point[1])
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=5_000)
    assert HOSTILE in tooltip.inner_text()
    assert tooltip.locator("img, b").count() == 0
    assert "placed only to the town" in tooltip.inner_text()
    page.mouse.click(point[0], point[1])
    page.mouse.click(point[0], point[1])
    clicked = page.evaluate("window.clicked")
    here = [i for i in columns.window_ids(None, None) if int(i.split("-")[1]) % len(TOWNS) == 1]
    assert len(clicked) == 2 and clicked[0] != clicked[1]        # a second click steps to the next event here
    assert all(c.startswith("event ") and c[len("event "):] in here for c in clicked)
    assert page.evaluate("window.pwned") is None


def test_window_element_is_tiny_and_escapes_what_it_carries():
    import folium

    fmap = folium.Map()
    window = fastlayer.EventWindow("../events.json", dt.date(2013, 1, 1), dt.date(2013, 2, 1),
                                   selected=HOSTILE, detail="../events.detail.json")
    window.add_to(fmap)
    script = window._template.module.script(window)
    assert "<" not in script.replace("\\u003c", "") and len(script) < 400
    assert window.state["start"] == day_number(dt.date(2013, 1, 1))


def test_the_dashboards_map_fetches_its_library_and_outlines_once_instead_of_carrying_them(tmp_path, monkeypatch):
    """With ``files``, the base map's script (re-sent on every full run) names two files instead of holding them:
    one with Leaflet and the layer's library (loaded as one, not one after the other), and the outlines."""
    import js_lib_leaflet

    from conflictmap import mapfiles, mapview

    monkeypatch.setenv("CONFLICTMAP_CACHE_DIR", str(tmp_path))
    inline = fastlayer.fast_map("/assets").get_root().render()
    linked = fastlayer.fast_map("/assets", files="../files").get_root().render()
    script = next(mapfiles.folder().glob("leaflet-fastlayer-*.js"))
    outlines = next(mapfiles.folder().glob("outlines-*.geojson"))
    leaflet = (Path(js_lib_leaflet.__file__).resolve().parent / "static" / "js_lib_leaflet" / "leaflet.js")
    text = script.read_text(encoding="utf-8")
    assert text.index(leaflet.read_text(encoding="utf-8")) < text.index(fastlayer.library_js())
    assert text.startswith(fastlayer.PREFETCH.read_text(encoding="utf-8"))
    assert mapview.outlines()["features"] and \
        __import__("json").loads(outlines.read_text(encoding="utf-8")) == mapview.outlines()
    assert f'<script src="../files/{script.name}"></script>' in linked
    assert "/assets/leaflet.js" not in linked and "/assets/leaflet.js" in inline   # Leaflet is in the one file
    assert f'fetch("../files/{outlines.name}")' in linked
    assert fastlayer.library_js()[:200] in inline and fastlayer.library_js()[:200] not in linked
    assert len(linked) < len(inline) - len(fastlayer.library_js()) - 50_000


def test_the_map_script_files_url_names_the_columns_to_fetch_early_as_a_url_never_as_code(tmp_path, monkeypatch):
    """``prefetch`` travels in the script file's URL, percent-encoded: a quote or a tag cannot leave the attribute."""
    monkeypatch.setenv("CONFLICTMAP_CACHE_DIR", str(tmp_path))
    plain = fastlayer.fast_map("/assets", files="../files", prefetch="../files/events-ab.core.bin.gz")
    assert '.js?prefetch=../files/events-ab.core.bin.gz"></script>' in plain.get_root().render()
    odd = fastlayer.fast_map("/assets", files="../files", prefetch='../x"><script>window.pwned=1</script>')
    html = odd.get_root().render()
    assert "window.pwned" not in html.replace("window.pwned%3D1", "") and '"><script>' not in html
    assert "?prefetch=../x%22%3E%3Cscript%3E" in html


@pytest.fixture(scope="module")
def served_binary(page_with_map, tmp_path_factory):
    """A page whose layer fetches the binary columns over real HTTP, gzipped as ``mapfiles`` writes them.

    Python's file server sends a ``.gz`` file as ``application/gzip`` without a Content-Encoding, as
    Streamlit's component route does, so the browser inflates it itself. Opened in the browser of
    ``page_with_map`` (playwright's sync API runs one at a time).
    """
    import functools
    import gzip
    import http.server
    import threading

    import js_lib_leaflet

    folder = tmp_path_factory.mktemp("served")
    leaflet = Path(js_lib_leaflet.__file__).resolve().parent / "static" / "js_lib_leaflet"
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copy(leaflet / name, folder / name)
    columns = EventColumns.from_frames(*_frames(1000))
    for part in ("core", "detail"):
        (folder / f"events.{part}.bin.gz").write_bytes(gzip.compress(columns.to_binary(part), 9, mtime=0))
    (folder / "map.html").write_text(fastlayer.fast_map(".").get_root().render(), encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = page_with_map[0].context.browser.new_page(viewport={"width": 1000, "height": 800})
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/map.html")
        page.wait_for_function("window.conflictmapLayer !== undefined", timeout=20_000)
        yield page, columns
    finally:
        page.close()
        server.shutdown()


@pytest.mark.parametrize("start, end", [("2013-01-05", "2013-01-20"), ("2013-01-01", "2013-02-09"),
                                        ("2013-03-01", "2013-03-09")])
def test_browser_reads_the_binary_columns_and_draws_the_window_python_computes(served_binary, start, end):
    page, columns = served_binary
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    page.evaluate("state => window.conflictmapLayer.show(state)",
                  {"url": "events.core.bin.gz", "detail": "events.detail.bin.gz",
                   "start": day_number(first), "end": day_number(last)})
    page.wait_for_function("window.conflictmapLayer.complete()", timeout=20_000)
    page.evaluate("window.conflictmapLayer._map.fitBounds([[33.3, 35.9], [36.5, 38.7]])")
    drawn = page.evaluate("window.conflictmapLayer.windowIds()")
    assert drawn == columns.window_ids(first, last)
    assert page.evaluate("window.conflictmapLayer.drawnEvents()") == len(drawn)
    data = page.evaluate("(() => { const d = window.conflictmapLayer._data; return {names: d.places.name,"
                         " lat: Array.from(d.places.lat), day: Array.from(d.day.slice(0, 50)),"
                         " lines: d.lines, size: Array.from(d.size.slice(0, 50))}; })()")
    assert data["names"] == columns.place_names and HOSTILE in data["names"]
    assert all(abs(a - b) < 1e-5 for a, b in zip(data["lat"], columns.place_lat))
    assert data["day"] == columns.day[:50].tolist() and data["size"] == columns.size[:50].tolist()
    assert data["lines"] == columns.lines
    assert page.evaluate("window.pwned") is None


def test_browser_refuses_a_cut_binary_file(served_binary):
    page, columns = served_binary
    message = page.evaluate("""async () => {
        const buffer = await window.conflictmapColumns.inflate(await (await fetch('events.core.bin.gz')).arrayBuffer());
        try { window.conflictmapColumns.read(buffer.slice(0, buffer.byteLength - 9)); return 'read'; }
        catch (error) { return String(error.message); }
    }""")
    assert message == "columns cut short"


def test_a_move_keeps_the_filter_and_draws_the_new_window(page_with_map):
    """``move`` (what the page's window element calls on a slider move) changes the window and selection only:
    the filter's mask and the data set by the map's element stay."""
    page, columns = page_with_map
    mask = columns.mask(Filters(types=("airstrike",)))
    page.evaluate("state => window.conflictmapLayer.show(state)",
                  {"start": day_number(dt.date(2013, 1, 1)), "end": day_number(dt.date(2013, 2, 9)),
                   "mask": columns.mask_payload(mask)})
    first, last = dt.date(2013, 1, 10), dt.date(2013, 1, 25)
    page.evaluate("w => window.conflictmapLayer.move(w)",
                  fastlayer.window_state(fastlayer.EventWindow(None, first, last), {})["window"])
    assert page.evaluate("window.conflictmapLayer.windowIds()") == columns.window_ids(first, last, mask)
    page.evaluate("state => window.conflictmapLayer.show(state)", {"start": None, "end": None, "mask": None})


def test_the_window_element_carries_numbers_and_an_id_as_data_never_as_code():
    """The page's window element is one fixed script; the window and the selected event's id (which may come
    from a shared link) travel as its JSON data."""
    state = fastlayer.window_state(fastlayer.EventWindow("e.bin.gz", dt.date(2013, 1, 2), dt.date(2013, 1, 3),
                                                         selected=HOSTILE, mask="m.json"), {"cm-window-from": 5})
    assert state == {"window": {"start": day_number(dt.date(2013, 1, 2)), "end": day_number(dt.date(2013, 1, 3)),
                                "selected": HOSTILE}, "inputs": {"cm-window-from": 5}}
    assert "{{" not in fastlayer.WINDOW_JS and HOSTILE not in fastlayer.WINDOW_JS
    assert "innerHTML" not in fastlayer.WINDOW_JS and "eval" not in fastlayer.WINDOW_JS


@pytest.fixture(scope="module")
def dashboard_like_page(page_with_map, tmp_path_factory):
    """The map as the dashboard builds it (``fast_map(files=..., prefetch=...)``: Leaflet and the library in one
    file whose URL names the columns), served over real HTTP with the columns' first part held back
    ``HELD_S`` seconds, and streamlit-folium's ``window.Streamlit`` stood in for by a recorder.

    Yields a function that opens a fresh page and returns it with the server's request log.
    """
    import functools
    import gzip
    import http.server
    import os
    import threading
    import time

    root = tmp_path_factory.mktemp("dashboard-like")
    before = os.environ.get("CONFLICTMAP_CACHE_DIR")
    os.environ["CONFLICTMAP_CACHE_DIR"] = str(root)  # mapfiles.folder() is root/map: the files land there
    try:
        from conflictmap import mapfiles

        folder = mapfiles.folder()
        fmap = fastlayer.fast_map(".", files=".", prefetch="events.core.bin.gz")
        fastlayer.EventWindow("events.core.bin.gz", dt.date(2013, 1, 5), dt.date(2013, 1, 20),
                              detail="events.detail.bin.gz").add_to(fmap)
        page_html = fmap.get_root().render()
    finally:
        if before is None:
            os.environ.pop("CONFLICTMAP_CACHE_DIR", None)
        else:
            os.environ["CONFLICTMAP_CACHE_DIR"] = before
    import js_lib_leaflet

    shutil.copy(Path(js_lib_leaflet.__file__).resolve().parent / "static" / "js_lib_leaflet" / "leaflet.css", folder)
    columns = EventColumns.from_frames(*_frames(1000))
    for part in ("core", "detail"):
        (folder / f"events.{part}.bin.gz").write_bytes(gzip.compress(columns.to_binary(part), 9, mtime=0))
    (folder / "map.html").write_text(page_html, encoding="utf-8")
    requests: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            requests.append(self.path)
            if self.path.startswith("/events.core"):
                time.sleep(HELD_S)
            return super().do_GET()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    browser = page_with_map[0].context.browser
    opened = []

    def open_page():
        context = browser.new_context(viewport={"width": 1000, "height": 800})
        context.add_init_script("window.reports = []; window.Streamlit = {setComponentValue: function (v) {"
                                " window.reports.push({value: v, at: performance.now()}); }};")
        opened.append(context)
        requests.clear()
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/map.html")
        page.wait_for_function("window.conflictmapLayer !== undefined", timeout=20_000)
        return page, requests, columns

    try:
        yield open_page
    finally:
        for context in opened:
            context.close()
        server.shutdown()


HELD_S = 1.5


def _mark(page, name: str) -> float | None:
    return page.evaluate("n => { const m = performance.getEntriesByName('conflictmap: ' + n); "
                         "return m.length ? m[0].startTime : null; }", name)


def test_the_script_file_fetches_the_columns_before_the_map_exists_and_the_layer_takes_that_fetch(
        dashboard_like_page):
    page, requests, columns = dashboard_like_page()
    page.wait_for_function("window.conflictmapLayer.complete()", timeout=20_000)
    started = page.evaluate("performance.getEntriesByType('resource')"
                            ".find(e => e.name.includes('events.core')).startTime")
    assert started < _mark(page, "layer on the map") <= _mark(page, "columns asked for")
    assert _mark(page, "columns taken from the early fetch") is not None
    assert sum(path.startswith("/events.core") for path in requests) == 1          # one fetch, not two
    assert page.evaluate("window.conflictmapLayer.windowIds()") == columns.window_ids(dt.date(2013, 1, 5),
                                                                                     dt.date(2013, 1, 20))


def test_the_maps_first_report_and_the_outlines_wait_for_the_first_paint_and_later_reports_do_not(
        dashboard_like_page):
    """streamlit-folium reports where the map is as soon as it is made, which reruns the page (charts, listing):
    the layer holds that report until it has painted the window; the country outlines are drawn after it too."""
    page, _, _ = dashboard_like_page()
    page.evaluate("window.Streamlit.setComponentValue({first: 1})")           # what initComponent sends
    page.wait_for_function("performance.getEntriesByType('resource').some(e => e.name.includes('outlines')"
                           " && e.responseEnd > 0)", timeout=10_000)
    page.wait_for_timeout(300)                                                 # the outlines parsed, if they were
    assert not page.evaluate("window.conflictmapLayer._painted")               # the columns are held back
    assert page.evaluate("window.reports") == []
    assert page.locator(".leaflet-outlines-pane path").count() == 0
    page.wait_for_function("window.reports.length === 1", timeout=20_000)
    report = page.evaluate("window.reports[0]")
    assert report["value"] == {"first": 1} and report["at"] >= _mark(page, "first paint with the window")
    page.wait_for_function("document.querySelectorAll('.leaflet-outlines-pane path').length > 0", timeout=10_000)
    page.evaluate("window.Streamlit.setComponentValue({second: 2})")          # a click, the map moved: at once
    assert page.evaluate("window.reports.map(r => r.value)") == [{"first": 1}, {"second": 2}]
