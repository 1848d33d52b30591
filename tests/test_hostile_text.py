"""Report text that tries to be code: it shows as text everywhere, runs nowhere, and exports harmlessly.

A report's place names, sources, quotes, title and URL carry script tags,
event handlers, attribute break-outs, ``javascript:`` links and spreadsheet
formulas. They go in through ``EventStore.ingest`` like any report. The
dashboard runs in Debian's Chromium; every frame (the map's iframe
included) is searched for what an injection would leave, and any dialog
fails the test. The checks are generic (dialogs, injected elements, a
marker a payload would set), so they hold whatever draws the map.
"""
from __future__ import annotations

import contextlib
import csv
import io
import os
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import dashboard_server, free_port as _free_port

from conflictmap.exchange import export_text
from conflictmap.store import EventStore

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = "<script>alert(1);window.top.__pwned=1</script>"
IMG = "<img src=x onerror=\"alert(1);window.top.__pwned=1\">"
BREAKOUT = "\"><svg onload=\"alert(1);window.top.__pwned=1\">"
SINGLE = "'><iframe src=javascript:alert(1)>"
LINK = "[open](javascript:alert(1)) javascript:alert(1)"
FORMULA = "=HYPERLINK(\"http://attacker.example\",\"x\")"
# Elements and attributes an injection would leave behind in any frame.
INJECTED = ("img[src='x']", "[onerror]", "[onload]", "svg[onload]", "iframe[src^='javascript']",
            "a[href^='javascript']", "script:not([src])")


def hostile_payload() -> dict:
    def place(n: int, text: str) -> dict:
        return {"id": f"hostile-place-{n}", "name": f"Town {text}", "display_name": f"Town {text}",
                "mention": f"Town {text}", "lat": 33.5 + n / 50, "lon": 36.3 + n / 50, "precision": "town",
                "admin1": f"Province {text}", "coord_source": f"source {text}"}

    def claim(text: str, killed: int) -> dict:
        return {"source": f"Monitor {text}", "source_mention": f"the monitor {text}", "killed": killed,
                "scope": "event", "date": "2013-02-06", "quote": f"{text} said {killed} died",
                "killed_text": text, "injured_text": text, "flag": text}

    texts = [SCRIPT, IMG, BREAKOUT, SINGLE, LINK, FORMULA]
    events = [{"id": f"hostile-{n}", "date": "2013-02-06", "event_type": "shelling", "types": ["shelling"],
               "quote": f"Shelling hit the town {text} today.", "place": place(n, text),
               "claims": [claim(text, n + 1), claim(texts[(n + 1) % len(texts)], n + 3)]}
              for n, text in enumerate(texts)]
    events.append({"id": "hostile-unplaced", "date": "2013-02-06", "event_type": "clash", "types": ["clash"],
                   "quote": f"Clashes near {IMG}.", "claims": [claim(SCRIPT, 2)],
                   "place": {"id": None, "name": f"Village {IMG}", "mention": f"Village {IMG}", "lat": None,
                             "lon": None}})
    return {"report": {"id": "hostile-report", "pub_date": "2013-02-07", "title": f"Title {SCRIPT}",
                       "publisher": f"Wire {BREAKOUT}", "url": "javascript:alert(1)", "note": IMG},
            "events": events,
            "nationwide_claims": [{**claim(BREAKOUT, 40), "scope": "daily_total"}]}


def test_csv_exports_of_hostile_text_run_no_formula(store):
    store.ingest({**hostile_payload(), "events": [
        {**e, "quote": FORMULA, "claims": [{**c, "source": "@SUM(A1)"} for c in e["claims"]]}
        for e in hostile_payload()["events"]]})
    for fmt in ("acled", "ucdp"):
        cells = [cell for row in csv.reader(io.StringIO(export_text(store, fmt))) for cell in row]
        assert cells
        for cell in cells:
            if cell[:1] in ("=", "+", "@", "\t", "\r"):
                pytest.fail(f"{fmt}: a cell a spreadsheet would run: {cell!r}")
            if cell.startswith("-"):
                float(cell)
        assert any(cell.startswith("'=HYPERLINK" if fmt == "acled" else "'@SUM(A1)") for cell in cells), fmt


# -- in the browser ------------------------------------------------------------------
@contextlib.contextmanager
def _serving(home: Path, payload: dict, reason: tuple[str, str] | None = None):
    """The dashboard on a database holding ``payload`` (and an unplaced event's stored ``reason``)."""
    url = f"sqlite:///{home / 'hostile.db'}"
    store = EventStore(url)
    store.ingest(payload)
    if reason:
        store.record_attempt(*reason)
    store.dispose()
    env = {**os.environ, "CONFLICTMAP_DATABASE_URL": url, "CONFLICTMAP_HOME": str(home),
           "CONFLICTMAP_GEOCODER": "off"}
    with dashboard_server("app.py", ROOT, env) as served:
        yield served


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory, chromium):
    with _serving(tmp_path_factory.mktemp("hostile"), hostile_payload()) as (base, served_port):
        yield base, served_port




def test_the_images_health_check_command_passes_against_a_running_dashboard(hostile_app):
    from test_dockerfile import healthcheck_command

    _, port = hostile_app
    command = [part.replace("localhost:8501", f"127.0.0.1:{port}") for part in healthcheck_command()]
    assert subprocess.run(command, timeout=30).returncode == 0
    stopped = [part.replace("localhost:8501", f"127.0.0.1:{_free_port()}") for part in healthcheck_command()]
    assert subprocess.run(stopped, timeout=30, capture_output=True).returncode != 0  # and can fail


class Watch:
    """Every dialog any frame opens (dismissed at once), for the assertion at the end."""

    def __init__(self, page) -> None:
        self.dialogs: list[str] = []
        page.on("dialog", self._seen)

    def _seen(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


def _settle(page, text: str) -> None:
    page.get_by_text(text).first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # let the map's iframe and late elements draw


def _poke_every_interactive_thing(page) -> int:
    """Hover and click whatever each frame marks as interactive (markers, paths, canvas points)."""
    poked = 0
    for frame in page.frames:
        try:
            handles = frame.query_selector_all(".leaflet-interactive, .leaflet-marker-icon, [role='button'] svg")
        except Exception:  # noqa: BLE001 - a frame that went away during the rerun
            continue
        for handle in handles[:40]:
            try:
                handle.dispatch_event("mouseover")
                handle.dispatch_event("click")
                poked += 1
            except Exception:  # noqa: BLE001 - detached by a rerun
                continue
    page.wait_for_timeout(1000)
    return poked


def _assert_nothing_ran(page, watch: Watch) -> None:
    assert watch.dialogs == [], watch.dialogs
    for frame in page.frames:
        try:
            found = {selector: frame.locator(selector).count() for selector in INJECTED}
            marker = frame.evaluate("() => window.__pwned === undefined ? null : window.__pwned")
        except Exception:  # noqa: BLE001 - a frame replaced during a rerun
            continue
        # Streamlit's own inline scripts are none of ours: only count script elements carrying our payload.
        found["script:not([src])"] = frame.evaluate(
            "() => [...document.querySelectorAll('script:not([src])')].filter(s => s.text.includes('__pwned')).length")
        assert not any(found.values()), (frame.url, found)
        assert marker is None, f"a payload ran in {frame.url}"


def test_hostile_text_shows_as_text_on_the_map_page_and_runs_nowhere(browser, hostile_app):
    base, _ = hostile_app
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    watch = Watch(page)
    page.goto(base)
    _settle(page, "Nationwide and daily totals")
    _poke_every_interactive_thing(page)
    _assert_nothing_ran(page, watch)

    # The side panel of each event: place, quote and the claims table carry the payloads.
    for n in range(6):
        page.goto(f"{base}/?from=2013-02-03&to=2013-02-09&event=hostile-{n}")
        _settle(page, "Lowest claimed")
        body = page.inner_text("body")
        assert "Shelling hit the town" in body
        _assert_nothing_ran(page, watch)
    page.goto(f"{base}/?from=2013-02-03&to=2013-02-09&event=hostile-0")
    _settle(page, "Lowest claimed")
    assert "<script>alert(1);window.top.__pwned=1</script>" in page.inner_text("body")  # shown, literally
    _poke_every_interactive_thing(page)
    _assert_nothing_ran(page, watch)
    page.close()


@pytest.mark.parametrize("path, heading", [("Reports", "Places to pin"), ("Review", "History of an event")])
def test_hostile_text_runs_nowhere_on_the_other_pages(browser, hostile_app, path, heading):
    base, _ = hostile_app
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    watch = Watch(page)
    page.goto(f"{base}/{path}")
    _settle(page, heading)
    _poke_every_interactive_thing(page)
    _assert_nothing_ran(page, watch)
    page.close()


# -- Markdown: every page, every field ---------------------------------------------------
MD_IMAGE = "![x](http://attacker.example/p.png)"
MD_LINK = "[Read the full story](http://phish.example)"
# Images from the attacker's host and links to the phishing host (Streamlit's own heading anchors aside).
# An image fetched from the attacker's host, or a link that leads to the phishing host. A link to the app itself
# whose query carries the text (the sidebar's page links keep the view, filters included) leads nowhere else.
DRAWN_FROM_REPORT_TEXT = ("() => [...document.querySelectorAll('img[src], a[href]')].filter(e => { "
                          "try { const host = new URL(e.src || e.href, location.href).hostname; "
                          "return host.includes('attacker') || host.includes('phish'); } catch (err) { return false; } "
                          "}).map(e => e.outerHTML)")
MARKDOWN_KINDS = ("title", "header", "subheader", "markdown", "caption", "error", "warning", "info", "success",
                  "metric", "expander", "status", "toast")


def markdown_payload() -> dict:
    """The attack of the Markdown kind in every field a report can fill."""
    text = f"{MD_IMAGE} {MD_LINK}"
    place = {"id": "md-place", "name": f"Town {text}", "display_name": f"Town {text}", "mention": f"Town {text}",
             "lat": 33.5, "lon": 36.3, "precision": "town", "admin1": f"Province {text}", "coord_source": text}
    claims = [{"source": f"Monitor {text}", "source_mention": text, "killed": 3, "killed_qualifier": text,
               "scope": "event", "date": "2013-02-06", "quote": text, "flag": text},
              {"source": f"Agency {text}", "source_mention": text, "denial": True, "scope": "event",
               "date": "2013-02-06", "quote": text}]
    return {"report": {"id": "md-report", "pub_date": "2013-02-07", "title": text, "publisher": text,
                       "url": "http://phish.example", "note": text},
            "events": [{"id": "md-1", "date": "2013-02-06", "event_type": "shelling", "types": ["shelling"],
                        "quote": text, "place": place, "claims": claims},
                       {"id": "md-2", "date": "2013-02-06", "event_type": "clash", "types": ["clash"],
                        "quote": text, "claims": claims[:1],
                        "place": {"id": None, "name": f"Village {text}", "mention": f"Village {text}",
                                  "lat": None, "lon": None}}],
            "nationwide_claims": [{**claims[0], "scope": "daily_total"}]}


def _rendered_markdown(app) -> list[str]:
    """Every string the page hands to Streamlit's Markdown renderer (st.table's cells included)."""
    found = []
    for kind in MARKDOWN_KINDS:
        for element in app.get(kind):
            for name in ("value", "label", "body"):
                value = getattr(element, name, None)
                if isinstance(value, str):
                    found.append(value)
    for table in app.get("table"):
        found.extend(str(cell) for cell in table.value.to_numpy().ravel())
    return found


@pytest.fixture
def markdown_home(fresh_home):
    store = EventStore(f"sqlite:///{fresh_home / 'conflictmap.db'}")
    from conflictmap.places.gazetteer import Gazetteer
    from conflictmap.sample import load_samples

    load_samples(store, Gazetteer.default())
    store.ingest(markdown_payload())
    store.record_attempt("md-2", f"provider said {MD_LINK}")
    store.pin_place("md-place", lat=33.51, lon=36.31, who=f"editor {MD_IMAGE}")
    store.dispose()
    return fresh_home


@pytest.mark.parametrize("page, params, secrets", [
    ("app.py", {"from": "2013-02-03", "to": "2013-02-09"}, {}),
    ("app.py", {"from": "2013-02-03", "to": "2013-02-09", "event": "md-1"}, {}),
    ("app.py", {"from": "2013-02-03", "to": "2013-02-09", "actor": MD_LINK, "source": f"Monitor {MD_IMAGE}",
                "place": MD_LINK}, {}),
    ("pages/1_Reports.py", {}, {}),
    ("pages/1_Reports.py", {}, {"editor_password": "correct horse"}),
    ("pages/3_Review.py", {}, {}),
    ("pages/3_Review.py", {}, {"editor_password": "correct horse"}),
    ("pages/4_Tallies.py", {"from": "2013-02-03", "to": "2013-02-09", "actor": MD_IMAGE, "source": MD_LINK,
                            "place": MD_IMAGE, "type": MD_LINK}, {}),
])
def test_markdown_in_reports_and_links_shows_as_text_on_every_page(markdown_home, page, params, secrets):
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / page), default_timeout=90)
    for key, value in secrets.items():
        app.secrets[key] = value
    for key, value in params.items():
        app.query_params[key] = value
    if page == "app.py":  # as after the map's first report back: the whole page
        app.session_state["map_drawn"] = True
    app.run()
    assert not app.exception, app.exception
    shown = _rendered_markdown(app)
    assert shown
    for text in shown:
        assert "](" not in text and "![" not in text, f"{page}: rendered as Markdown: {text!r}"
        assert "<http" not in text
        plain = text.replace("\\", "")  # what is left once Markdown's escapes are read: no bare link either
        assert "://" not in plain and "www." not in plain and "a@phish" not in plain, f"{page}: a bare link: {text!r}"


@pytest.fixture(scope="module")
def markdown_app(tmp_path_factory, chromium):
    with _serving(tmp_path_factory.mktemp("markdown"), markdown_payload(),
                  ("md-2", f"provider said {MD_LINK}")) as (base, _):
        yield base


@pytest.mark.parametrize("path, heading", [
    ("/?from=2013-02-03&to=2013-02-09&event=md-1", "Lowest claimed"),
    ("/?from=2013-02-03&to=2013-02-09&actor=%5BRead%5D(http%3A%2F%2Fphish.example)", "Nationwide and daily totals"),
    ("/Reports", "Places to pin"),
    ("/Review", "Review events"),
    ("/Tallies?from=2013-02-03&to=2013-02-09&actor=!%5Bx%5D(http%3A%2F%2Fattacker.example%2Fp.png)",
     "Tallies by source"),
])
def test_no_page_draws_an_image_or_a_link_from_report_text(browser, markdown_app, path, heading):
    """The browser fetches nothing from the attacker, and no link to the phishing site is drawn, in any frame."""
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    fetched = []
    page.on("request", lambda request: fetched.append(request.url)
            if urlsplit(request.url).hostname in ("attacker.example", "phish.example") else None)
    page.goto(markdown_app + path)
    _settle(page, heading)
    _poke_every_interactive_thing(page)
    assert fetched == []
    for frame in page.frames:
        try:
            drawn = frame.evaluate(DRAWN_FROM_REPORT_TEXT)
        except Exception:  # noqa: BLE001 - a frame replaced during a rerun
            continue
        assert drawn == [], (frame.url, drawn)
    page.close()


def test_markdown_in_a_pasted_report_shows_as_text_on_the_ingest_page(fresh_home):
    """The Ingest page too: publisher, URL, place names and quotes of a report being read."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "pages" / "2_Ingest.py"), default_timeout=90).run()
    app.text_area(key="paste").input(
        "DATE: 2013-03-04\nAn airstrike on the village of Kafr ![x](http://attacker.example/p.png) killed 3 "
        f"civilians, the {MD_LINK} network reported. Shelling killed 12 people in Douma on Monday, {MD_IMAGE} "
        "said.")
    app.text_input(key="publisher").input(MD_IMAGE)
    app.text_input(key="url").input("http://phish.example")
    app.button(key="FormSubmitter:read_reports-Read").click().run()
    assert not app.exception
    shown = _rendered_markdown(app)
    assert any("phish" in text for text in shown)  # the URL is on the page, as text
    for text in shown:
        assert "](" not in text and "![" not in text and "://" not in text.replace("\\", ""), text
