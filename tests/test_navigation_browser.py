"""The view travels in a real browser: the share box's full link, and the sidebar's links between pages.

Uses the app and browser fixtures of ``test_app_browser`` (the bundled sample, no internet).
"""
from __future__ import annotations

from urllib.parse import parse_qs, urljoin, urlsplit

from test_app_browser import IN_WINDOW, _map_frame, _wait_markers, app_url, located_events  # noqa: F401
from test_dashboard_browser import _idle

VIEW = "from=2013-02-04&to=2013-02-08&type=suicide_bombing"


def _share_link(page) -> str:
    box = page.locator("section[data-testid='stSidebar'] [data-testid='stCode']").last
    box.wait_for(timeout=60_000)
    return box.inner_text().strip()


def test_the_copied_link_is_a_full_url_that_reopens_the_view_in_a_fresh_context(browser, app_url,  # noqa: F811
                                                                                 located_events):  # noqa: F811
    suicide = [e for e in located_events if e["event_type"] == "suicide_bombing"]
    first = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = first.new_page()
    page.goto(f"{app_url}/?{VIEW}")
    page.get_by_text("suicide bombings only").first.wait_for(timeout=60_000)
    link = _share_link(page)
    first.close()

    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}" == app_url and parts.path == "/"
    query = parse_qs(parts.query)
    assert query["from"] == ["2013-02-04"] and query["to"] == ["2013-02-08"] and query["type"] == ["suicide_bombing"]

    fresh = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = fresh.new_page()
    page.goto(link)
    caption = page.get_by_text("suicide bombings only").first
    caption.wait_for(timeout=60_000)
    assert "from 4 February 2013 to 8 February 2013" in caption.inner_text()
    assert _wait_markers(_map_frame(page), len(suicide), what=IN_WINDOW) == len(suicide)
    fresh.close()


def test_tallies_opened_from_the_sidebar_keeps_the_window_and_filters(browser, app_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{app_url}/?{VIEW}&play=0")
    page.get_by_text("suicide bombings only").first.wait_for(timeout=60_000)
    sidebar = page.locator("section[data-testid='stSidebar']")
    assert "app" not in sidebar.get_by_role("link").all_inner_texts()  # the first page is the Map
    _idle(page)
    tallies = sidebar.get_by_role("link", name="Tallies")
    href = urlsplit(urljoin(f"{app_url}/", tallies.get_attribute("href")))
    assert href.path == "/Tallies" and parse_qs(href.query)["type"] == ["suicide_bombing"]
    # the link is followed as a browser follows it; a click landing in one of the map's reruns can be answered by
    # the rerun on a loaded machine, which says nothing about where the link leads
    page.goto(f"{app_url}{href.path}?{href.query}")
    page.get_by_role("heading", name="Tallies by source").wait_for(timeout=60_000)
    caption = page.get_by_text("suicide bombings only").first
    caption.wait_for(timeout=30_000)
    assert "from 4 February 2013 to 8 February 2013" in caption.inner_text()
    query = parse_qs(urlsplit(page.url).query)
    assert urlsplit(page.url).path == "/Tallies" and query["type"] == ["suicide_bombing"]

    # and back: the map reopens the same view from the Tallies page's sidebar
    _idle(page)
    back = urlsplit(urljoin(f"{app_url}/", page.locator("section[data-testid='stSidebar']")
                            .get_by_role("link", name="Map").get_attribute("href")))
    page.goto(f"{app_url}{back.path}?{back.query}")
    caption = page.get_by_text("suicide bombings only").first
    caption.wait_for(timeout=60_000)
    assert "from 4 February 2013 to 8 February 2013" in caption.inner_text()
    context.close()


def test_a_link_filter_the_data_cannot_satisfy_opens_an_empty_map_and_says_so(browser, app_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{app_url}/?from=2013-02-03&to=2013-02-09&type=airstrike")  # the sample has no airstrike
    notice = page.locator("[data-testid='stAlert']").filter(has_text="Nothing in the data matches")
    notice.first.wait_for(timeout=60_000)
    assert "event type airstrike" in notice.first.inner_text()
    page.get_by_text("airstrikes only").first.wait_for(timeout=30_000)  # the caption keeps the filter
    assert "0 events" in page.get_by_text("airstrikes only").first.inner_text()
    assert _wait_markers(_map_frame(page), 0, what=IN_WINDOW) == 0
    assert "type=airstrike" in page.url
    context.close()
