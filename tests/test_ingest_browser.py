"""Ingest in a real browser: paste a report, review it, remove a false event, save, and find it on Review.

A module of its own, with its own server and database (the fixtures of
``test_app_browser``), because saving changes what the dashboard shows.
The draft tables are Streamlit's canvas grid: a cell is clicked by its
position, and read back through the grid's accessible table.
"""
from __future__ import annotations

import os

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.test_app_browser import app_url  # noqa: F401 - fixture
from tests.test_dashboard_browser import _idle  # until the page's reruns are over

# Written for this test: two places the gazetteer knows, one it does not.
REPORT = ("DATE: 2013-03-04\n"
          "Shelling killed 12 people in Douma on Monday, the Syrian Observatory for Human Rights said.\n"
          "In Homs, clashes between rebels and government forces killed 5 rebels, activists said.\n"
          "An airstrike on the village of Kafr Qurnayt killed 3 civilians, the Local Coordination Committees "
          "reported.")
HEADER, ROW = 35, 35  # the grid's header and row heights, in pixels
MARKERS = 34  # the row markers of a table that takes added rows, in pixels


@pytest.fixture(scope="module", autouse=True)
def offline_geocoder():
    """The server this module starts geocodes offline: an unknown name stays unplaced, with no network."""
    before = os.environ.get("CONFLICTMAP_GEOCODER")
    os.environ["CONFLICTMAP_GEOCODER"] = "off"
    yield
    if before is None:
        del os.environ["CONFLICTMAP_GEOCODER"]
    else:
        os.environ["CONFLICTMAP_GEOCODER"] = before


def _read(browser, url: str, report: str):
    """A new page on Ingest with ``report`` pasted and read, once its draft lists the names left unplaced."""
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    page.goto(f"{url}/Ingest")
    page.get_by_label("Paste a report").wait_for(timeout=60_000)
    page.get_by_label("Paste a report").fill(report)
    page.get_by_role("button", name="Read").click()
    page.get_by_text("Events —").wait_for(timeout=60_000)
    page.get_by_text("Unplaced names", exact=True).wait_for(timeout=30_000)
    return page


def _cell(grid, column: int, row: int):
    return grid.get_by_test_id(f"glide-cell-{column}-{row}")


def test_paste_review_remove_one_event_save_and_see_them_on_review(browser, app_url):  # noqa: F811
    page = _read(browser, app_url, REPORT)  # Kafr Qurnayt is listed unplaced, with its sentence

    grid = page.locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    # Column 0 is the row markers of a table that takes added rows; the draft's columns follow.
    places = [_cell(grid, 5, row).inner_text() for row in range(3)]
    assert places == ["Douma", "Homs", "Kafr Qurnayt"]
    report_id = _cell(grid, 2, 0).inner_text().rsplit("-", 1)[0]
    box = grid.bounding_box()
    page.mouse.click(box["x"] + MARKERS + 36, box["y"] + HEADER + ROW * 1 + ROW / 2)  # untick "keep" for Homs
    page.wait_for_function("document.querySelector('[data-testid=\"glide-cell-1-1\"]').innerText === 'false'",
                           timeout=30_000)
    assert _cell(grid, 1, 0).inner_text() == "true"

    page.get_by_role("button", name="Save 1 report(s)").click()
    page.get_by_text("saved 2 event(s) and 2 claim(s)").wait_for(timeout=60_000)

    page.get_by_role("link", name="Review").click()
    page.get_by_text("Merge duplicates").wait_for(timeout=60_000)
    table = page.locator("[data-testid='stDataFrame']").first
    table.get_by_text(f"{report_id}-1", exact=True).wait_for(state="attached", timeout=30_000)
    ids = set(table.locator("[role='gridcell']").all_inner_texts())
    assert {f"{report_id}-1", f"{report_id}-3"} <= ids and f"{report_id}-2" not in ids
    assert "Kafr Qurnayt" in ids and "Homs" not in ids
    page.close()


# Written for this test: Sakhour is known to no gazetteer and marked by no cue word; Bustan al-Qasr is known.
SAKHOUR = "DATE: 2013-02-07\nShells slammed into Sakhour and Bustan al-Qasr on Wednesday, activists said."
# Where the events table's columns are, from the grid's left edge, at this viewport (row markers included).
DATE_X, TYPE_X, PLACE_X = 278, 352, 440


def test_a_name_the_reader_missed_is_listed_and_its_event_added_in_the_table(browser, app_url):  # noqa: F811
    page = _read(browser, app_url, SAKHOUR)
    _idle(page)
    names = page.locator("[data-testid='stDataFrame']").nth(2)  # events, claims, then the names left unplaced
    assert _cell(names, 0, 0).inner_text() == "Sakhour"
    assert _cell(names, 1, 0).inner_text().startswith("Shells slammed into Sakhour")

    grid = page.locator("[data-testid='stDataFrame']").first

    def at(x: float, row: int) -> tuple[float, float]:
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        return box["x"] + x, box["y"] + HEADER + ROW * row + ROW / 2

    page.mouse.click(*at(PLACE_X, 1))  # the table's last, empty row: a click adds an event
    _idle(page)
    page.mouse.click(*at(TYPE_X, 1))  # the type first: Enter opens its list, filtered by what is typed
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    page.locator("[role='option']").first.wait_for(state="attached", timeout=10_000)
    page.keyboard.type("shelling")
    page.wait_for_timeout(500)
    page.keyboard.press("Enter")
    _idle(page)
    edits = ((PLACE_X, 5, "Sakhour"), (DATE_X, 3, "2013-02-06"))
    editor = page.locator("textarea.gdg-input")  # the grid's cell editor, open only while a cell is edited
    for _ in range(3):  # on a loaded machine a rerun can close the editor before the keys reach it: type again
        for x, column, text in edits:
            if _cell(grid, column, 1).inner_text() == text:
                continue
            page.mouse.click(*at(x, 1))
            page.keyboard.press("Enter")
            try:
                editor.wait_for(state="visible", timeout=5_000)
            except PlaywrightTimeout:
                continue
            editor.fill(text)
            page.keyboard.press("Enter")
            _idle(page)
        if all(_cell(grid, column, 1).inner_text() == text for _, column, text in edits):
            break
    assert [_cell(grid, c, 1).inner_text() for c in (1, 3, 4, 5)] == ["true", "2013-02-06", "shelling", "Sakhour"]

    page.get_by_role("button", name="Save 1 report(s)").click()
    page.get_by_text("saved 2 event(s)").wait_for(timeout=60_000)
    page.get_by_role("link", name="Review").click()
    page.get_by_text("Merge duplicates").wait_for(timeout=60_000)
    table = page.locator("[data-testid='stDataFrame']").first
    table.get_by_text("Sakhour", exact=True).wait_for(state="attached", timeout=30_000)
    page.close()
