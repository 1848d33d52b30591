"""Where a first view's time goes: one timeline of the page, the map's frame and the websocket, read in the page.

    python -m bench.firstview --size 10k [--app ours|empty|folium_places|pydeck_places] [--runs 2]

Opens the app on the benchmark's database of N synthetic events (``bench.common.database``) once to warm
the server (as ``bench.browser`` does), then ``--runs`` times in a fresh browser context, and prints for
each view the milliseconds since navigation started at which:

* the page's own files arrived (Streamlit's bundle), and each websocket message of the script's first run
  (decoded: which element; the run's start and end are Streamlit's ``new_session`` and
  ``script_finished`` messages);
* streamlit-folium's frame was put on the page, each file its frame fetched started and ended
  (Leaflet, the bundle, the layer's library, the outlines, the events' columns), and the layer's own
  marks (``performance.mark`` in ``static/fastlayer.js``: the columns asked for, arrived, decoded, first
  painted with the window);
* the charts (Vega) and the listing's table appeared;
* the benchmark's "map shows the window" test (``bench.browser.SHOWN``) first held.

Every time is read with the browser's own clocks (``performance.timeOrigin + performance.now()`` in each
frame), so the frame's and the page's times share one axis. Prints one JSON line per view, then its timeline.
"""
from __future__ import annotations

import argparse
import base64
import json
import time

from bench import browser, common

# In every frame: absolute times (ms since 1970, the browser's clock) of what the frame sees.
RECORDER = """(() => {
  if (window.__cmTimes) return;
  const now = () => performance.timeOrigin + performance.now();
  window.__cmTimes = {origin: performance.timeOrigin, ws: [], seen: {}};
  if (window === window.top) {
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(...args) {
        super(...args);
        this.addEventListener("message", (e) => {
          const d = e.data, t = now();
          if (d instanceof ArrayBuffer) window.__cmTimes.ws.push([t, new Uint8Array(d)]);
          else if (d instanceof Blob) d.arrayBuffer().then((b) => window.__cmTimes.ws.push([t, new Uint8Array(b)]));
        });
      }
    };
    const marks = {map_frame: 'iframe[src*="st_folium"], iframe[title*="st_folium"]',
                   chart: ".vega-embed", listing: '[data-testid="stDataFrame"]', slider: '[data-testid="stSlider"]',
                   title: "h1"};
    new MutationObserver(() => {
      for (const [name, sel] of Object.entries(marks))
        if (!window.__cmTimes.seen[name] && document.querySelector(sel)) window.__cmTimes.seen[name] = now();
    }).observe(document, {childList: true, subtree: true});
  }
})();"""
COLLECT = """() => {
  const t = window.__cmTimes || {origin: performance.timeOrigin, seen: {}};
  const res = performance.getEntriesByType("resource").map(e => [e.name, t.origin + e.startTime,
      t.origin + e.responseEnd, e.transferSize]);
  const marks = performance.getEntriesByType("mark").map(e => [e.name, t.origin + e.startTime]);
  return {origin: t.origin, seen: t.seen, res, marks, url: location.href};
}"""
WS = """() => (window.__cmTimes ? window.__cmTimes.ws : []).map(([t, b]) => {
  let s = ""; for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode.apply(null, b.subarray(i, i + 8192));
  return [t, btoa(s)];
})"""


def _short(url: str) -> str:
    tail = url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    return tail[:40]


def _messages(raw: list, origin: float) -> list[tuple[float, str, int]]:
    """The websocket messages as (ms since navigation, what, bytes)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    from bench.movebytes import _element_kind

    out = []
    for at, data in raw:
        payload = base64.b64decode(data)
        msg = ForwardMsg()
        try:
            msg.ParseFromString(payload)
            kind = _element_kind(msg)
        except Exception:  # noqa: BLE001 - not a ForwardMsg
            kind = "?"
        out.append((at - origin, kind, len(payload)))
    return out


def view(page, base: str, query: str, app: str, expected: int, timeout: float) -> dict:
    """One first view's timeline (ms since navigation started)."""
    started = time.perf_counter()
    page.goto(base + query)
    shown = browser.wait_shown(page, app, expected, timeout)
    took = time.perf_counter() - started
    browser.settle(page, timeout)
    page.wait_for_timeout(1500)  # what follows the map (charts, detail) lands too
    browser.settle(page, timeout)
    top = page.main_frame.evaluate(COLLECT)
    origin = top["origin"]
    events: list[tuple[float, str]] = []
    for name, at in top["seen"].items():
        events.append((at - origin, f"page: {name} element appears"))
    for name, start, end, size in top["res"]:
        if "/static/" in name and name.endswith(".js") and size > 50_000 or "/component/" in name:
            events.append((start - origin, f"page: {_short(name)} requested"))
            events.append((end - origin, f"page: {_short(name)} ({size // 1024} KB) arrived"))
    for frame in page.frames:
        if frame is page.main_frame:
            continue
        try:
            inner = frame.evaluate(COLLECT)
        except Exception:  # noqa: BLE001 - a frame going away
            continue
        label = "map" if "st_folium" in inner["url"] else _short(inner["url"])
        events.append((inner["origin"] - origin, f"{label} frame: navigation starts"))
        for name, start, end, size in inner["res"]:
            events.append((start - origin, f"{label} frame: {_short(name)} requested"))
            events.append((end - origin, f"{label} frame: {_short(name)} arrived ({size:,} B)"))
        for name, at in inner["marks"]:
            events.append((at - origin, f"{label} frame: {name}"))
    messages = _messages(page.main_frame.evaluate(WS), origin)
    run_start = next((t for t, k, _ in messages if k == "new_session"), None)
    run_end = next((t for t, k, _ in messages if k == "script_finished"), None)
    if run_start is not None:
        events.append((run_start, "ws: script run starts (new_session)"))
    if run_end is not None:
        events.append((run_end, "ws: first script run finished"))
    for at, kind, size in messages:
        if kind not in ("new_session", "script_finished", "delta", "session_status_changed") and size > 200:
            events.append((at, f"ws: {kind} ({size:,} B)"))
    events.sort()
    return {"app": app, "shown_s": None if shown is None else round(took, 3),
            "timeline": [(round(at), what) for at, what in events if at < 20_000]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="10k")
    parser.add_argument("--app", default="ours", choices=list(browser.APPS))
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=90)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    n = common.synth.SIZES.get(args.size) or int(args.size)
    url, _ = common.database(n)
    window = browser.plan(url)
    script, env = browser.APPS[args.app]
    query = f"?from={window['from']}&to={window['to']}"
    with common.running_app(script, url, **env) as (base, _), sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=common.CHROMIUM, args=common.BROWSER_ARGS)
        for run in range(args.runs + 1):  # the first view warms the server's caches, as in bench.browser
            context = chromium.new_context(viewport={"width": 1400, "height": 1000})
            context.add_init_script(RECORDER)
            page = context.new_page()
            page.route("**/*.png", lambda route: route.abort())
            result = view(page, base, query, args.app, window["before"], args.timeout)
            context.close()
            if run == 0:
                continue
            print(json.dumps(result), flush=True)
            print(f"\nview {run}: the map showed the window at {result['shown_s']} s (bench.browser's clock)")
            for at, what in result["timeline"]:
                print(f"{at:>7} ms  {what}")
        chromium.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
