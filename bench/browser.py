"""Browser figures: the running dashboard in Debian's Chromium, driven by playwright, beside its peers.

For each app on a SQLite database of N synthetic events:

* ``ours``: conflictmap's ``app.py``;
* ``empty``: the floor, a Streamlit page with the timeline and a count and no map (``bench/peers_app.py``);
* ``folium_places``: a careful folium page, one circle per place, canvas renderer, the frame cached;
* ``pydeck_places``: a pydeck page (Streamlit's ``pydeck_chart``), one circle per place;
* ``geojson_per_event``: plain folium at its most literal, one SVG path per event in a GeoJson layer
  through ``feature_group_to_add``, the window re-queried on every rerun (``bench/baseline_app.py``);
* ``markers``: one Marker with a popup per event, the map rebuilt on every rerun.

Figures:

* first view: from opening the URL to the map showing the window's events;
  bytes the browser received (HTTP, as transferred, plus Streamlit's websocket);
* slider move: from the key press on the timeline to the map showing the new
  window's events, with the zoom read before and after (Leaflet maps only);
  the bytes that move brought (websocket frames and HTTP bodies, from the key
  press until 300 ms after the map showed the new window);
* memory: the server process's resident memory with three sessions open, and that of a server just
  started on the map's prepared files after one session's view;
* for conflictmap, the same slider move with a filter set (airstrikes only),
  which the browser applies as a mask over the rows it already has.

    python -m bench.browser --sizes 10k 100k --apps empty folium_places pydeck_places ours --runs 2 --table
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import time

from bench import common
from conflictmap import timeline
from conflictmap.store import EventStore

APPS = {"ours": ("app.py", {}),
        "empty": ("bench/peers_app.py", {"PEER": "empty"}),
        "folium_places": ("bench/peers_app.py", {"PEER": "folium"}),
        "pydeck_places": ("bench/peers_app.py", {"PEER": "pydeck"}),
        "geojson_per_event": ("bench/baseline_app.py", {"BASELINE": "geojson"}),
        "markers": ("bench/baseline_app.py", {"BASELINE": "markers"})}
# Apps that cache nothing between sessions: their first visit counts as a run like the others.
UNCACHED = ("geojson_per_event", "markers")
# Apps whose answer is on the page itself, not inside streamlit-folium's iframe.
ON_PAGE = ("empty", "pydeck_places")
_CAPTION = ("[...document.querySelectorAll('[data-testid=stCaptionContainer]')]"
            ".map(e => e.textContent.match(/^(\\d+) events shown$/)).find(Boolean)")
# How each app's map says "I show this many events".
SHOWN = {
    "ours": "(() => { const l = window.conflictmapLayer; if (!l || !l.ready() || !l.drawCount) return -1;"
            " return l.windowCount(); })()",
    "empty": f"(() => {{ const m = {_CAPTION}; return m ? +m[1] : -1; }})()",
    "pydeck_places": f"(() => {{ if (!document.querySelector('[data-testid=stDeckGlJsonChart] canvas')) return -1;"
                     f" const m = {_CAPTION}; return m ? +m[1] : -1; }})()",
    "folium_places": "window.peerShown === undefined ? -1 : window.peerShown",
    "geojson_per_event": "document.querySelectorAll('path.leaflet-interactive').length",
    "markers": "document.querySelectorAll('.leaflet-marker-icon').length",
}
ZOOM = "window.map ? window.map.getZoom() : null"
FILTER_TYPE = "airstrike"


@functools.lru_cache(maxsize=None)
def plan(url: str) -> dict:
    """The window the runs open (from a day on the slider's grid, a tenth into the events, to the last) and the
    event counts before and after one step of the slider (``timeline.step_for``: a key press moves the start
    one step along the grid of the data's first day plus whole steps)."""
    store = EventStore(url)
    located = store.events_frame().dropna(subset=["lat", "lon", "event_date"])
    low, high = store.date_span()
    store.dispose()
    step = timeline.step_for(low, high)
    ordered = sorted(located["event_date"])
    first = low + step * -(-(ordered[len(ordered) // 10] - low).days // step.days)  # on the grid
    while not ((located["event_date"] >= first) & (located["event_date"] < first + step)).any():
        first += step
    last = ordered[-1]
    inside = (located["event_date"] >= first) & (located["event_date"] <= last)
    stays = inside & (located["event_date"] >= first + step)
    before, after = int(inside.sum()), int(stays.sum())
    kind = located["event_type"] == FILTER_TYPE
    filtered_before, filtered_after = int((inside & kind).sum()), int((stays & kind).sum())
    # Read once per database and run (every app of a size shares it: at 1,000,000 events the frame takes a while)
    return {"from": first, "to": last, "before": before, "after": after, "filtered_before": filtered_before,
            "filtered_after": filtered_after}


def _map_frames(page):
    return [f for f in page.frames if "st_folium" in f.url]


def wait_shown(page, app: str, expected: int, timeout: float) -> float | None:
    """Seconds until some map frame shows ``expected`` events, or None on time-out."""
    started = time.perf_counter()
    deadline = started + timeout
    while time.perf_counter() < deadline:
        for frame in ([page.main_frame] if app in ON_PAGE else _map_frames(page)):
            try:
                if frame.evaluate(SHOWN[app]) == expected:
                    return time.perf_counter() - started
            except Exception:  # noqa: BLE001 - a frame being replaced by a rerun
                pass
        page.wait_for_timeout(10)  # not time.sleep: playwright learns of new frames only while it runs
    return None


def settle(page, timeout: float) -> None:
    """Wait until the page has finished loading: no script run in progress, three checks in a row.

    The slider is timed on a settled page, for every app alike, so the figure is the
    move's own cost, not the move queued behind the rest of the first view (our charts,
    drawn once the map has reported back, or a baseline's listing).
    """
    quiet, deadline = 0, time.perf_counter() + timeout
    while quiet < 3 and time.perf_counter() < deadline:
        running = page.locator("[data-testid='stStatusWidget']").filter(has_text="Running").count()
        quiet = 0 if running else quiet + 1
        page.wait_for_timeout(150)


def _zoom(page):
    for frame in _map_frames(page):
        try:
            return frame.evaluate(ZOOM)
        except Exception:  # noqa: BLE001
            pass
    return None


# Counts websocket bytes inside the page: listening from Python (CDP) ships every frame's payload out of
# the browser, which slowed the page being timed, the baselines' most.
WS_COUNTER = """(() => {
  if (window.__cmWsBytes !== undefined) return;
  window.__cmWsBytes = 0;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => {
        const d = e.data;
        window.__cmWsBytes += d.byteLength !== undefined ? d.byteLength : (d.size !== undefined ? d.size : String(d).length);
      });
    }
  };
})();"""
RESOURCES = "performance.getEntriesByType('resource').map(e => [e.name, e.transferSize])"


def _bytes(page) -> dict:
    """What the page has received: HTTP as transferred (gzip counted compressed; by resource timing, in every
    frame) and Streamlit's websocket frames; ``map_http`` is the part under ``/component/`` (the map), and
    ``columns_http`` the part of it that is the events' columns (``mapfiles``: ``events-…``)."""
    counts = {"http": 0, "ws": 0, "map_http": 0, "columns_http": 0}
    for frame in page.frames:
        try:
            entries = frame.evaluate(RESOURCES)
        except Exception:  # noqa: BLE001 - a frame going away
            continue
        for name, size in entries:
            counts["http"] += size
            counts["map_http"] += size if "/component/" in name else 0
            counts["columns_http"] += size if "/component/" in name and "/events-" in name else 0
    counts["ws"] = page.evaluate("window.__cmWsBytes || 0")
    return counts


def measure(app: str, n: int, *, runs: int, timeout: float, memory: bool | None = None) -> dict:
    """One app on ``n`` events: a cold first view, then ``runs`` warm first views and slider moves.

    Only conflictmap caches anything between sessions (the events' columns),
    so for a baseline the cold view counts as its first run. ``memory``
    (default: for ours only) opens three sessions and reads the server's RSS.
    """
    memory = app != "markers" if memory is None else memory
    counts_cold = app in UNCACHED
    from playwright.sync_api import sync_playwright

    url, _ = common.database(n)
    window = plan(url)
    script, env = APPS[app]
    query = f"?from={window['from']}&to={window['to']}"
    out = {"app": app, "n": n, "window_events": window["before"], "first_view_s": [], "slider_s": [],
           "zoom_kept": [], "bytes": None, "cold_first_view_s": None, "rss_mb_3_sessions": None,
           "timeouts": 0, "filtered_first_view_s": [], "filtered_slider_s": [], "move_bytes": []}
    with common.running_app(script, url, **env) as (base, proc), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=common.CHROMIUM, args=common.BROWSER_ARGS)
        for run in range(runs if counts_cold else runs + 1):
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            context.add_init_script(WS_COUNTER)
            page = context.new_page()
            page.route("**/*.png", lambda route: route.abort())  # tiles: no internet here, fail fast and alike
            started = time.perf_counter()
            page.goto(base + query)
            shown = wait_shown(page, app, window["before"], timeout)
            if shown is None:
                out["timeouts"] += 1
                context.close()
                break
            took = time.perf_counter() - started
            if run == 0:
                out["cold_first_view_s"] = took
            if run > 0 or counts_cold:
                out["first_view_s"].append(took)
            for frame in _map_frames(page):
                frame.evaluate("void (window.map && window.map.setView([33.9, 36.8], 9, {animate: false}))")
            page.wait_for_timeout(400)
            settle(page, timeout)
            page.wait_for_timeout(1000)  # conflictmap's charts follow the map's first report: let them come
            settle(page, timeout)
            zoom_before = _zoom(page)
            thumb = page.get_by_role("slider").first
            thumb.focus(timeout=timeout * 1000)
            received = _bytes(page)
            started = time.perf_counter()
            thumb.press("ArrowRight", timeout=timeout * 1000)  # a page busy painting answers late
            moved = wait_shown(page, app, window["after"], timeout)
            if moved is None:
                out["timeouts"] += 1
                context.close()
                break
            if run > 0 or counts_cold:
                out["slider_s"].append(time.perf_counter() - started)
            page.wait_for_timeout(300)
            after = _bytes(page)
            out["move_bytes"].append({"ws": after["ws"] - received["ws"], "http": after["http"] - received["http"]})
            if app not in ON_PAGE:
                out["zoom_kept"].append(_zoom(page) == zoom_before)
            if run == 0:
                page.wait_for_timeout(700)  # the second part of our columns, if still on its way
                out["bytes"] = _bytes(page)  # the first view, the second part of the columns, one slider move
            context.close()
        for run in range(runs if app == "ours" and out["timeouts"] == 0 else 0):
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            page.route("**/*.png", lambda route: route.abort())
            started = time.perf_counter()
            page.goto(base + query + f"&type={FILTER_TYPE}")
            if wait_shown(page, app, window["filtered_before"], timeout) is None:
                out["timeouts"] += 1
                context.close()
                break
            out["filtered_first_view_s"].append(time.perf_counter() - started)
            settle(page, timeout)
            thumb = page.get_by_role("slider").first
            thumb.focus(timeout=timeout * 1000)
            started = time.perf_counter()
            thumb.press("ArrowRight", timeout=timeout * 1000)
            if wait_shown(page, app, window["filtered_after"], timeout) is not None:
                out["filtered_slider_s"].append(time.perf_counter() - started)
            context.close()
        if out["timeouts"] == 0 and memory:
            contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in range(3)]
            for context in contexts:
                page = context.new_page()
                page.route("**/*.png", lambda route: route.abort())
                page.goto(base + query)
                wait_shown(page, app, window["before"], timeout)
            out["rss_mb_3_sessions"] = common.rss_mb(proc.pid)
            out["peak_rss_mb"] = common.rss_mb(proc.pid, "VmHWM")  # the server's most, its cold build included
            for context in contexts:
                context.close()
        browser.close()
    if app == "ours" and out["timeouts"] == 0:
        (out["prepared_cold_first_view_s"], out["prepared_rss_mb_1_session"],
         out["prepared_rss_mb_3_sessions"]) = _prepared_cold_view(url, base_query=query, expected=window["before"],
                                                                  timeout=timeout)
    out["first_view_median_s"] = common.median(out["first_view_s"])
    out["slider_median_s"] = common.median(out["slider_s"])
    out["filtered_first_view_median_s"] = common.median(out["filtered_first_view_s"])
    out["filtered_slider_median_s"] = common.median(out["filtered_slider_s"])
    return out


def _prepared_cold_view(url: str, *, base_query: str, expected: int, timeout: float
                        ) -> tuple[float | None, float, float]:
    """A first view on a server just started, with the map's files prepared as an import leaves them; the
    server's resident memory (MB) once that view has settled (the page then holds the server's columns), and
    once two more sessions have opened the same view and settled (three sessions on a server that never built
    the columns itself: what a server started after an import holds; ``rss_mb_3_sessions`` above is the
    server that built them on its first view)."""
    from playwright.sync_api import sync_playwright

    script, env = APPS["ours"]
    with common.running_app(script, url, prepared=True, **env) as (base, proc), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=common.CHROMIUM, args=common.BROWSER_ARGS)
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        page.route("**/*.png", lambda route: route.abort())
        started = time.perf_counter()
        page.goto(base + base_query)
        shown = wait_shown(page, "ours", expected, timeout)
        took = time.perf_counter() - started
        settle(page, timeout)
        page.wait_for_timeout(1000)  # the charts and counts follow the map's first report
        settle(page, timeout)
        rss = common.rss_mb(proc.pid)
        for _ in range(2):
            more = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            more.route("**/*.png", lambda route: route.abort())
            more.goto(base + base_query)
            wait_shown(more, "ours", expected, timeout)
            settle(more, timeout)
            more.wait_for_timeout(1000)
            settle(more, timeout)
        rss_3 = common.rss_mb(proc.pid)
        browser.close()
    return (took if shown is not None else None), rss, rss_3


def measure_safely(app: str, n: int, *, runs: int, timeout: float) -> dict:
    """``measure``, but a baseline that breaks down is recorded as such, not the end of the run."""
    try:
        return measure(app, n, runs=runs, timeout=timeout)
    except Exception as error:  # noqa: BLE001 - reported in the table
        return {"app": app, "n": n, "error": f"{type(error).__name__}: {str(error).splitlines()[0][:120]}",
                "first_view_s": [], "slider_s": [], "zoom_kept": [], "bytes": None, "cold_first_view_s": None,
                "rss_mb_3_sessions": None, "timeouts": 1, "first_view_median_s": float("nan"),
                "slider_median_s": float("nan")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["1k", "10k", "100k"])
    parser.add_argument("--apps", nargs="+", default=list(APPS))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=90)
    parser.add_argument("--table", action="store_true", help="end with the Markdown table of bench/run.py")
    args = parser.parse_args(argv)
    rows = []
    for size in args.sizes:
        for app in args.apps:
            row = measure_safely(app, common.synth.SIZES.get(size) or int(size), runs=args.runs, timeout=args.timeout)
            row["timeout_s"] = args.timeout
            rows.append(row)
            print(json.dumps(row, default=str), flush=True)
    if args.table:
        from bench.run import browser_table

        print(browser_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
