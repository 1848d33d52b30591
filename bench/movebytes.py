"""What one slider move sends to the browser, element by element (Streamlit's websocket messages, decoded).

    python -m bench.movebytes --size 10k [--app ours|empty|folium_places|pydeck_places|geojson_per_event]

Opens the app on the benchmark's database of N synthetic events (``bench.common.database``),
waits for the page to settle, presses ArrowRight on the timeline's start
thumb, and records every websocket frame the server sends until the page
has settled again. Each frame is a ``ForwardMsg``; the deltas are grouped by
element type (a component's arguments, an Altair chart, a data frame,
markdown …) with their sizes in bytes as sent. Prints one JSON line.
"""
from __future__ import annotations

import argparse
import base64
import json
from collections import Counter

from bench import browser, common


def _element_kind(msg) -> str:  # noqa: ANN001 - a ForwardMsg
    kind = msg.WhichOneof("type")
    if kind != "delta":
        return kind or "?"
    delta = msg.delta
    which = delta.WhichOneof("type")
    if which == "new_element":
        element = delta.new_element.WhichOneof("type")
        if element == "component_instance":
            return f"component:{delta.new_element.component_instance.component_name}"
        return element or "element"
    return which or "delta"


def measure(app: str, n: int, timeout: float = 90) -> dict:
    from playwright.sync_api import sync_playwright
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    url, _ = common.database(n)
    window = browser.plan(url)
    script, env = browser.APPS[app]
    frames: list[bytes] = []
    recording = [False]
    with common.running_app(script, url, **env) as (base, _), sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=common.CHROMIUM, args=common.BROWSER_ARGS)
        page = chromium.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        page.route("**/*.png", lambda route: route.abort())
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")

        def received(event: dict) -> None:
            if recording[0]:
                data = event["response"]["payloadData"]
                frames.append(base64.b64decode(data) if event["response"]["opcode"] == 2 else data.encode())

        cdp.on("Network.webSocketFrameReceived", received)
        page.goto(base + f"?from={window['from']}&to={window['to']}")
        if browser.wait_shown(page, app, window["before"], timeout) is None:
            raise RuntimeError(f"{app} did not show the window within {timeout} s")
        page.wait_for_timeout(1500)
        browser.settle(page, timeout)
        thumb = page.get_by_role("slider").first
        thumb.focus()
        recording[0] = True
        thumb.press("ArrowRight")
        browser.wait_shown(page, app, window["after"], timeout)
        page.wait_for_timeout(500)
        browser.settle(page, timeout)
        recording[0] = False
        chromium.close()
    sizes: Counter = Counter()
    counts: Counter = Counter()
    for raw in frames:
        msg = ForwardMsg()
        try:
            msg.ParseFromString(raw)
        except Exception:  # noqa: BLE001 - not a ForwardMsg
            sizes["undecoded"] += len(raw)
            continue
        kind = _element_kind(msg)
        sizes[kind] += len(raw)
        counts[kind] += 1
    return {"app": app, "n": n, "bytes": sum(sizes.values()), "frames": len(frames),
            "by_kind": dict(sizes.most_common()), "messages": dict(counts)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="10k")
    parser.add_argument("--app", default="ours", choices=list(browser.APPS))
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.app, common.synth.SIZES.get(args.size) or int(args.size))), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
