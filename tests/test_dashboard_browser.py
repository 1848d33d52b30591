"""The analyst's dashboard in a real browser: filters in the link, play, downloads, screenshots.

Uses the app and browser fixtures of ``test_app_browser`` (the bundled sample,
no internet). Screenshots of the main views are saved under ``docs/`` for the
README when ``CONFLICTMAP_SCREENSHOTS`` is set.
"""
from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import datetime as dt

import pytest

from conftest import dashboard_server
from conflictmap.exchange import acled
from test_app_browser import IN_WINDOW, ROOT, _map_frame, _wait_markers, app_url, located_events  # noqa: F401

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _shot(page, name: str) -> None:
    if os.environ.get("CONFLICTMAP_SCREENSHOTS"):
        DOCS.mkdir(exist_ok=True)
        page.screenshot(path=str(DOCS / name), full_page=False)


def _idle(page, timeout_s: float = 30) -> None:
    """Wait until the app has finished its reruns (the map's first report back causes one): a click on a
    download button during a rerun is answered by the rerun, not with the file."""
    quiet = 0
    for _ in range(int(timeout_s / 0.3)):
        running = page.locator("[data-testid='stStatusWidget']").filter(has_text="Running").count()
        quiet = quiet + 1 if not running else 0
        if quiet >= 3:
            return
        page.wait_for_timeout(300)


def test_a_link_with_filters_reopens_them_in_a_fresh_browser(browser, app_url, located_events):  # noqa: F811
    suicide = [e for e in located_events if e["event_type"] == "suicide_bombing"]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{app_url}/?from=2013-02-04&to=2013-02-08&type=suicide_bombing")
    caption = page.get_by_text("suicide bombings only").first
    caption.wait_for(timeout=60_000)
    assert f"{len(suicide)} event" in caption.inner_text()
    frame = _map_frame(page)
    assert _wait_markers(frame, len(suicide), what=IN_WINDOW) == len(suicide)
    # The filters are drawn once the map has painted (its first report back reruns the page).
    page.locator("section[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.wait_for(timeout=30_000)
    assert "suicide bombing" in page.locator("section[data-testid='stSidebar']").inner_text()
    context.close()


def test_play_moves_the_window(browser, app_url, located_events):  # noqa: F811
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{app_url}/?from=2013-02-03&to=2013-02-04")
    page.get_by_text("from 3 February 2013 to 4 February 2013").first.wait_for(timeout=60_000)
    _idle(page)  # a click while the first view's reruns run is answered by the rerun (on a loaded machine)
    page.get_by_text("Play", exact=True).click()
    page.get_by_text("from 4 February 2013 to 5 February 2013").first.wait_for(timeout=30_000)
    page.get_by_text("from 5 February 2013 to 6 February 2013").first.wait_for(timeout=30_000)
    page.get_by_text("Play", exact=True).click()  # pause
    context.close()


def test_downloads_parse(browser, app_url, located_events):  # noqa: F811
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    palmyra = next(e for e in located_events if e["place"]["name"] == "Palmyra")
    page.goto(f"{app_url}/?from=2013-02-03&to=2013-02-09&event={palmyra['id']}")
    button = page.get_by_role("button", name="What the map shows")
    button.wait_for(timeout=60_000)
    if os.environ.get("CONFLICTMAP_SCREENSHOTS"):
        page.get_by_text("Syrian Observatory for Human Rights", exact=True).first.wait_for(timeout=60_000)
        frame = _map_frame(page)
        _wait_markers(frame, len(located_events))
        page.wait_for_timeout(2_000)
        _shot(page, "dashboard.png")
    _wait_markers(_map_frame(page), len(located_events))
    _idle(page)
    with page.expect_download() as download:
        button.click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert rows[0] == list(acled.COLUMNS)
    assert len(rows) - 1 == len(located_events)  # every event of the week: the sample places all its names

    page.locator("div[data-testid='stSelectbox']").filter(has_text="Format").first.click()
    page.keyboard.type("GeoJSON")
    page.keyboard.press("Enter")
    page.wait_for_timeout(1_000)
    _idle(page)  # the rerun that swaps the buttons' files
    with page.expect_download() as download:
        page.get_by_role("button", name="What the map shows").click()
    assert download.value.suggested_filename.endswith(".geojson")
    collection = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    placed = [f for f in collection["features"] if f["geometry"] is not None]
    assert len(placed) == len(located_events)
    for feature in placed:
        lon, lat = feature["geometry"]["coordinates"]
        assert 35 < lon < 42 and 32 < lat < 38  # RFC 7946 order: longitude first
        assert isinstance(feature["properties"]["claims"], list)
    context.close()


def test_tallies_page_reads_the_shared_view(browser, app_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{app_url}/Tallies?from=2013-02-03&to=2013-02-09")
    page.get_by_text("from 3 February 2013 to 9 February 2013").first.wait_for(timeout=60_000)
    page.locator("th", has_text="events covered").first.wait_for(state="attached", timeout=30_000)
    assert "Syrian Observatory for Human Rights" in page.content()  # the grid's cells are drawn on a canvas
    overflow = page.locator("[data-testid='stDataFrame'] .dvn-scroller").first.evaluate(
        "e => e.scrollWidth - e.clientWidth")
    assert overflow <= 2, overflow  # every column in view, headings in words
    _shot(page, "tallies.png")
    context.close()


def test_a_link_opens_the_map_where_it_was(browser, app_url, located_events):  # noqa: F811
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{app_url}/?from=2013-02-03&to=2013-02-09&at=34.55000,38.27000,10")
    frame = _map_frame(page)
    frame.wait_for_function("window.map && window.map.getZoom() === 10", timeout=60_000)
    lat, lon = frame.evaluate("[window.map.getCenter().lat, window.map.getCenter().lng]")
    assert abs(lat - 34.55) < 0.01 and abs(lon - 38.27) < 0.01
    frame.evaluate("window.map.setView([33.5, 36.3], 12, {animate: false})")
    page.wait_for_function("location.search.includes('at=33.5')", timeout=30_000)  # the link follows the map
    context.close()


def test_play_stops_at_the_end_of_the_data(browser, app_url, located_events):  # noqa: F811
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{app_url}/?from=2013-02-07&to=2013-02-08&play=1")  # the sample's slider ends on 9 February
    page.get_by_text("from 8 February 2013 to 9 February 2013").first.wait_for(timeout=60_000)
    switch = page.locator("[data-testid='stCheckbox'] input").first  # the Play toggle, the only one
    for _ in range(60):
        if not switch.is_checked():
            break
        page.wait_for_timeout(500)
    assert not switch.is_checked()
    page.wait_for_timeout(3_000)  # a looping play would have moved on to 3 February by now (1 s a step)
    assert page.get_by_text("from 8 February 2013 to 9 February 2013").first.is_visible()
    assert "play=1" not in page.url
    context.close()


def test_the_side_panel_reads_each_claim_with_its_quote_in_view(browser, app_url, located_events):  # noqa: F811
    """At 1440 px wide the claim reads as an analyst reads it (source as the report named it, figures,
    breakdown, date), its quote is on screen without scrolling, and nothing shows None, nan or a column name."""
    import re

    palmyra = next(e for e in located_events if e["place"]["name"] == "Palmyra")
    claim = palmyra["claims"][0]
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(f"{app_url}/?from=2013-02-03&to=2013-02-09&event={palmyra['id']}")
    quote = page.get_by_text(claim["quote"]).first
    quote.wait_for(timeout=60_000)
    page.get_by_role("button", name="Clear selection").wait_for(timeout=30_000)  # the panel is complete
    box = quote.bounding_box()
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 900, box
    main = page.locator("[data-testid='stMain']").inner_text()
    assert f"{claim['source']}, named “{claim['source_mention']}”" in main
    assert f"{claim['killed']} killed · of them {claim['government']} government forces · claimed 6 Feb 2013" in main
    assert "Lowest claimed 19, highest claimed 19, by 1 source" in main
    for raw in (r"\bNone\b", r"\bnan\b", r"\bNaN\b", "<NA>", "source_mention", "claim_date", "killed_qualifier"):
        assert not re.search(raw, main), raw

    _idle(page)  # a click during the map's rerun would be answered by the rerun
    page.get_by_role("button", name="Clear selection").click()
    page.get_by_text("Events in this window").wait_for(timeout=30_000)
    page.locator("th", has_text="Killed claimed").first.wait_for(state="attached", timeout=30_000)
    # The listing's columns (the tally among them) fit the panel: its grid scrolls down, never sideways.
    overflow = page.locator("[data-testid='stDataFrame'] .dvn-scroller").first.evaluate(
        "e => e.scrollWidth - e.clientWidth")
    assert overflow <= 2, overflow
    if os.environ.get("CONFLICTMAP_SCREENSHOTS"):
        _wait_markers(_map_frame(page), len(located_events))
        page.wait_for_timeout(2_000)
        _shot(page, "listing.png")
    context.close()


def test_a_long_listing_cell_wraps_and_a_selected_row_reads_in_full(browser, app_url, located_events):  # noqa: F811
    """The listing's rows hold three lines, so "shelling in Qadam (named “Kidm”)" wraps instead of being cut
    at the column's edge; a selected row is written out in full, as text, under the table."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})  # a narrow panel
    page = context.new_page()
    page.goto(f"{app_url}/?from=2013-02-03&to=2013-02-09")
    page.locator("th", has_text="What and where").first.wait_for(state="attached", timeout=60_000)
    _wait_markers(_map_frame(page), len(located_events))
    _idle(page)
    grid = page.locator("[data-testid='stDataFrame']").first
    row_px, header = 66, 36  # app.LISTING_ROW_PX; the grid's heading row
    tall = grid.locator(".dvn-scroller").first.evaluate("e => e.scrollHeight")
    assert tall >= header + len(located_events) * row_px - 2, tall  # three lines a row
    texts = []
    box = grid.bounding_box()
    for index in range(len(located_events)):
        page.mouse.click(box["x"] + 15, box["y"] + header + index * row_px + row_px / 2)  # the row's tick box
        shown = page.get_by_text(" · killed claimed: ").first
        shown.wait_for(timeout=30_000)
        page.wait_for_function(f"[...document.querySelectorAll('[data-testid=stText]')].some("
                               f"e => e.innerText.includes(' · ') && !{json.dumps(texts)}.includes(e.innerText))",
                               timeout=30_000)
        _idle(page)
        texts.append(page.locator("[data-testid='stText']").filter(has_text=" · killed claimed: ").first.inner_text())
        if "Kidm" in texts[-1]:
            break
    assert texts[-1] == "6 Feb 2013 · killed claimed: none · shelling in Qadam (named “Kidm”)", texts
    context.close()


def test_a_neighbourhood_is_found_in_the_place_filter_and_applies_from_a_link(browser, app_url,  # noqa: F811
                                                                              located_events):
    jobar = [e for e in located_events if e["place"]["name"] == "Jobar"]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{app_url}/?from=2013-02-03&to=2013-02-09")
    frame = _map_frame(page)
    _wait_markers(frame, len(located_events))
    _idle(page)
    box = page.locator("section[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(
        has_text="Governorate or place")
    box.click()
    page.keyboard.type("Jobar")
    option = page.locator("[role='option']").filter(has_text="Jobar")
    option.first.wait_for(timeout=30_000)
    assert option.all_inner_texts() == ["Jobar, Damascus"]  # the neighbourhood, with its governorate beside it
    option.first.click()
    caption = page.get_by_text("in Jobar").first
    caption.wait_for(timeout=60_000)
    assert f"{len(jobar)} event " in caption.inner_text()
    assert _wait_markers(frame, len(jobar), what=IN_WINDOW) == len(jobar)
    page.wait_for_function("location.search.includes('place=Jobar')", timeout=30_000)

    linked = context.new_page()  # the same filter from a link alone
    linked.goto(f"{app_url}/?from=2013-02-03&to=2013-02-09&place=Jobar")
    caption = linked.get_by_text("in Jobar").first
    caption.wait_for(timeout=60_000)
    assert f"{len(jobar)} event " in caption.inner_text()
    assert _wait_markers(_map_frame(linked), len(jobar), what=IN_WINDOW) == len(jobar)
    assert "Nothing in the data matches" not in linked.inner_text("body")
    assert "Jobar, Damascus" in linked.locator("section[data-testid='stSidebar']").inner_text()
    context.close()


def test_tooltips_of_points_at_each_edge_stay_inside_the_map(browser, app_url, located_events):  # noqa: F811
    palmyra = next(e for e in located_events if e["place"]["name"] == "Palmyra")
    at = f"[{palmyra['place']['lat']}, {palmyra['place']['lon']}]"
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{app_url}/?from=2013-02-03&to=2013-02-09")
    frame = _map_frame(page)
    _wait_markers(frame, len(located_events))
    frame.wait_for_function("window.conflictmapLayer.complete()", timeout=30_000)  # claim lines for tooltips
    _idle(page)
    frame.evaluate(f"window.map.setView({at}, 10, {{animate: false}})")  # Damascus's points are off screen
    box = frame.locator("#map_div").bounding_box()
    edge = 12  # pixels between the point and the map's edge
    for name, (x, y) in {"top": (box["width"] / 2, edge), "bottom": (box["width"] / 2, box["height"] - edge),
                         "left": (edge, box["height"] / 2), "right": (box["width"] - edge, box["height"] / 2),
                         "top left corner": (edge, edge)}.items():
        frame.evaluate(f"(() => {{ const p = window.map.latLngToContainerPoint({at}); "
                       f"window.map.panBy([p.x - {x}, p.y - {y}], {{animate: false}}); }})()")
        _idle(page)  # the map reports its move back, and the app reruns
        point = frame.evaluate(f"(() => {{ const p = window.map.latLngToContainerPoint({at}); return [p.x, p.y]; }})()")
        assert abs(point[0] - x) < 2 and abs(point[1] - y) < 2, (name, point)
        page.mouse.move(box["x"] + 200, box["y"] + 200)  # off the point, then onto it
        page.mouse.move(box["x"] + point[0], box["y"] + point[1])
        tooltip = frame.locator(".conflictmap-tooltip")
        try:
            tooltip.wait_for(timeout=10_000)
        except Exception as exc:
            raise AssertionError(f"no tooltip at the {name} edge") from exc
        assert "Syrian Observatory for Human Rights" in tooltip.inner_text()
        tip = tooltip.bounding_box()
        assert tip["x"] >= box["x"] and tip["y"] >= box["y"], (name, tip, box)
        assert tip["x"] + tip["width"] <= box["x"] + box["width"], (name, tip, box)
        assert tip["y"] + tip["height"] <= box["y"] + box["height"], (name, tip, box)
    context.close()


def test_clicking_a_numbered_circle_zooms_in_centred_on_it(browser, app_url, located_events):  # noqa: F811
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{app_url}/?from=2013-02-03&to=2013-02-09&at=33.70000,36.90000,8")  # Damascus's places crowd
    frame = _map_frame(page)
    _wait_markers(frame, len(located_events))
    _idle(page)
    circle = frame.evaluate("(() => { const c = window.conflictmapLayer._items.find(i => i.kind === 'cluster'); "
                            "if (!c) return null; const at = window.map.containerPointToLatLng([c.x, c.y]); "
                            "return {x: c.x, y: c.y, lat: at.lat, lng: at.lng, zoom: window.map.getZoom()}; })()")
    assert circle is not None, "no numbered circle at zoom 8"
    box = frame.locator("#map_div").bounding_box()
    assert abs(circle["x"] - box["width"] / 2) > 20 or abs(circle["y"] - box["height"] / 2) > 20  # off centre
    page.mouse.click(box["x"] + circle["x"], box["y"] + circle["y"])
    frame.wait_for_function(f"window.map.getZoom() > {circle['zoom']}", timeout=10_000)
    at = frame.evaluate(f"(() => {{ const p = window.map.latLngToContainerPoint([{circle['lat']}, {circle['lng']}]); "
                        "const s = window.map.getSize(); return [p.x - s.x / 2, p.y - s.y / 2]; })()")
    assert abs(at[0]) <= 1 and abs(at[1]) <= 1, at  # the circle's spot is now the map's centre
    context.close()


CONTROLS = {"zoom buttons": ".leaflet-control-zoom", "base map switch": ".leaflet-control-layers",
            "legend": ".conflictmap-legend", "scale bar": ".leaflet-control-scale",
            "attribution": ".leaflet-control-attribution"}


def _overlap(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and \
        a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


@pytest.mark.parametrize("width, height", [(1400, 1000), (1100, 900)])
def test_the_opening_map_shows_every_point_clear_of_legend_scale_and_attribution(browser, app_url, located_events,
                                                                                 width, height):  # noqa: F811
    """Without a link's position the map opens on the data with every point (and numbered circle) inside
    it and under none of its controls; the legend opens folded, a small box; the scale bar and the
    attribution never overlap, on a wide window and a narrow one (where the attribution wraps)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.route("**/*.png", lambda route: route.abort())  # no tiles needed
    page.goto(f"{app_url}/?from=2013-02-03&to=2013-02-09")
    frame = _map_frame(page)
    assert _wait_markers(frame, len(located_events)) == len(located_events)
    _idle(page)
    area = frame.locator("#map_div").bounding_box()
    boxes = {name: frame.locator(selector).first.bounding_box() for name, selector in CONTROLS.items()}
    assert not _overlap(boxes["scale bar"], boxes["attribution"]), boxes
    legend = boxes["legend"]
    assert legend["width"] * legend["height"] < 0.02 * area["width"] * area["height"], legend  # folded: compact
    items = frame.evaluate("window.conflictmapLayer._items.map(i => ({x: i.x, y: i.y, r: i.r}))")
    assert items
    for item in items:
        point = {"x": area["x"] + item["x"] - item["r"], "y": area["y"] + item["y"] - item["r"],
                 "width": 2 * item["r"], "height": 2 * item["r"]}
        assert area["x"] <= point["x"] and point["x"] + point["width"] <= area["x"] + area["width"], (item, area)
        assert area["y"] <= point["y"] and point["y"] + point["height"] <= area["y"] + area["height"], (item, area)
        for name, box in boxes.items():
            assert not _overlap(point, box), (name, item, box)
    frame.locator(".conflictmap-legend summary").click()  # opened, it names every type
    assert "suicide bombing" in frame.locator(".conflictmap-legend").inner_text()
    context.close()

@pytest.fixture(scope="module")
def years_url(tmp_path_factory, chromium):
    """The dashboard on twelve years of events (an ACLED file of 120 events, 37 days apart, from 2012)."""
    from synthetic import acled_row, csv_text

    from conflictmap.exchange import import_file
    from conflictmap.store import EventStore

    home = tmp_path_factory.mktemp("years")
    days = [dt.date(2012, 1, 1) + dt.timedelta(days=37 * n) for n in range(1, 121)]
    source = home / "years.csv"
    source.write_text(csv_text([acled_row(n, event_date=str(day), year=day.year) for n, day in enumerate(days, 1)],
                               acled.COLUMNS))
    url = f"sqlite:///{home / 'years.db'}"
    store = EventStore(url)
    import_file(store, source, "acled")
    store.dispose()
    env = {**os.environ, "CONFLICTMAP_DATABASE_URL": url, "CONFLICTMAP_HOME": str(home),
           "CONFLICTMAP_CACHE_DIR": str(home / "cache")}
    with dashboard_server("app.py", ROOT, env) as (address, _):
        yield address


def test_over_twelve_years_the_slider_steps_a_quarter_and_the_boxes_set_an_exact_window(browser, years_url):
    """A link's window reopens to the day; an arrow key moves the slider a quarter (not a day, which over
    twelve years took 4,400 presses); a day typed in a box sets the window exactly, and the slider, the other
    box, the caption and the link follow."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{years_url}/?from=2015-03-04&to=2016-07-09")
    page.get_by_text("from 4 March 2015 to 9 July 2016").first.wait_for(timeout=60_000)
    boxes = page.locator("[data-testid='stDateInput']")
    first, last = (boxes.filter(has_text=name).locator("input[type=date]").first for name in ("From", "To"))
    assert (first.input_value(), last.input_value()) == ("2015-03-04", "2016-07-09")
    _idle(page)
    assert "from=2015-03-04&to=2016-07-09" in page.url  # nothing snapped the link's window to the step

    start_thumb = page.get_by_role("slider").first
    start_thumb.focus()
    start_thumb.press("ArrowRight")
    # The start moves to the slider's next quarter (its grid: 7 February 2012 plus whole quarters); the end
    # the analyst did not touch stays on its day.
    page.get_by_text("from 5 May 2015 to 9 July 2016").first.wait_for(timeout=30_000)
    page.wait_for_function("location.search.includes('from=2015-05-05&to=2016-07-09')", timeout=30_000)
    _idle(page)
    assert first.input_value() == "2015-05-05" and last.input_value() == "2016-07-09"
    start_thumb.press("ArrowRight")
    page.get_by_text("from 4 August 2015 to 9 July 2016").first.wait_for(timeout=30_000)  # a quarter on

    page.get_by_role("spinbutton", name="year, To").click()  # the box's year, month and day, typed
    page.keyboard.type("20160115")
    page.locator("h1").first.click()  # the box takes its date when it loses the focus
    page.get_by_text("from 4 August 2015 to 15 January 2016").first.wait_for(timeout=30_000)
    page.wait_for_function("location.search.includes('to=2016-01-15')", timeout=30_000)
    _idle(page)
    thumbs = page.get_by_role("slider")
    assert [thumbs.nth(i).get_attribute("aria-valuetext") for i in (0, 1)] == ["4 Aug 2015", "15 Jan 2016"]
    assert first.input_value() == "2015-08-04"
    context.close()


def _element_kinds(frames: list[bytes]) -> list[str]:
    """What Streamlit's websocket messages carry: each delta's element type (a component by its name)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    kinds = []
    for raw in frames:
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            kind = element.WhichOneof("type")
            kinds.append(f"component:{element.component_instance.component_name}"
                         if kind == "component_instance" else kind)
    return kinds


def test_a_slider_move_moves_map_and_shading_without_sending_them_again(browser, app_url, located_events):  # noqa: F811
    """A slider move reruns the window's fragment alone: the map's element and the charts (with their data) are
    not sent again, yet the map draws the new window, the charts' shading moves, and the link follows; a full
    run afterwards (the map moved) keeps the moved window."""
    import base64

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    frames: list[bytes] = []
    recording = [False]
    cdp.on("Network.webSocketFrameReceived", lambda e: recording[0] and e["response"]["opcode"] == 2 and
           frames.append(base64.b64decode(e["response"]["payloadData"])))
    page.goto(app_url)
    frame = _map_frame(page)
    assert _wait_markers(frame, len(located_events), what=IN_WINDOW) == len(located_events)
    page.locator(".vega-embed").nth(1).wait_for(timeout=60_000)  # the charts follow the map's first report
    _idle(page)
    page.evaluate("document.querySelectorAll('.vega-embed').forEach(e => e.dataset.drawnBefore = '1')")
    band = "Array.from(document.querySelectorAll('.vega-embed')).map(e => e.querySelector('g.mark-rect path')" \
           ".getAttribute('d'))"
    before = page.evaluate(band)

    recording[0] = True
    thumb = page.get_by_role("slider").first
    thumb.focus()
    for _ in range(4):  # past the sample's one day: no event in the window
        thumb.press("ArrowRight")
        page.wait_for_timeout(150)
    page.get_by_text("Events from 7 February 2013").wait_for(timeout=30_000)
    assert _wait_markers(frame, 0, what=IN_WINDOW) == 0
    _idle(page)
    recording[0] = False

    kinds = _element_kinds(frames)
    assert "slider" in kinds  # the fragment was sent ...
    assert "vega_lite_chart" not in kinds and "component:streamlit_folium.st_folium" not in kinds  # ... alone
    assert page.locator(".vega-embed[data-drawn-before='1']").count() == 2  # the same charts, not redrawn
    after = page.evaluate(band)
    # The band's rectangle starts further right in both charts ("M<x>,...").
    assert all(float(a[1:].split(",")[0]) > float(b[1:].split(",")[0]) for a, b in zip(after, before)), (before, after)
    assert "from=2013-02-07" in page.url

    frame.evaluate("window.map.setView([33.51, 36.30], 9, {animate: false})")  # reported back: a full run
    page.wait_for_function("location.search.includes('%2C9')", timeout=30_000)
    _idle(page)
    assert _wait_markers(frame, 0, what=IN_WINDOW) == 0
    assert "from=2013-02-07" in page.url
    context.close()


def _runs(frames: list[bytes]) -> list[list[str]]:
    """The element types each script run sent, run by run (a run ends with Streamlit's ``script_finished``)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    runs: list[list[str]] = [[]]
    for raw in frames:
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        if msg.WhichOneof("type") == "script_finished":
            runs.append([])
        else:
            runs[-1].extend(_element_kinds([raw]))
    return [run for run in runs if run]


# What the map's first paint does not need, and what each needs of Streamlit's page code: the browser loads and
# draws it before the page's main area (the map's frame with it) appears.
AFTER_THE_PAINT = ("dataframe", "vega_lite_chart", "code", "multiselect", "date_input", "selectbox")


def test_the_first_view_draws_the_map_first_and_the_rest_once_it_has_painted(browser, app_url,  # noqa: F811
                                                                             located_events):
    """The first run sends the map and the timeline, not the tables, charts, lists, date boxes or link; the map's
    layer reports back only once it has painted the window, and the run that report starts draws the rest."""
    import base64

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    frames: list[bytes] = []
    cdp.on("Network.webSocketFrameReceived", lambda e: e["response"]["opcode"] == 2 and
           frames.append(base64.b64decode(e["response"]["payloadData"])))
    page.goto(app_url)
    frame = _map_frame(page)
    assert _wait_markers(frame, len(located_events), what=IN_WINDOW) == len(located_events)
    page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=60_000)   # the listing follows
    page.locator(".vega-embed").nth(1).wait_for(timeout=60_000)                  # and the charts
    page.locator("section[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.wait_for(timeout=30_000)
    page.locator("[data-testid='stCode']").first.wait_for(timeout=30_000)        # and the share link
    _idle(page)
    runs = _runs(frames)
    first = runs[0]
    assert "component:streamlit_folium.st_folium" in first and "slider" in first
    # The window element too: it makes the hidden inputs the charts' shading binds to, before any chart.
    assert "bidi_component" in first
    assert not set(first) & set(AFTER_THE_PAINT), first
    later = {kind for run in runs[1:] for kind in run}
    assert set(AFTER_THE_PAINT) <= later, later
    painted = frame.evaluate("performance.getEntriesByName('conflictmap: first paint with the window').length")
    assert painted == 1
    context.close()
