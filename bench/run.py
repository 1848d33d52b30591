"""Run every benchmark and print one table (Markdown), ours beside the two plain-folium baselines.

    python bench/run.py            # about 8-10 minutes on 2 cores; 1k, 10k and 100k events
    python bench/run.py --quick    # 1k and 10k only, fewer runs (a couple of minutes)

Databases of synthetic events are made once and kept in
``$CONFLICTMAP_BENCH_DIR`` (default: the system temp folder). Figures are
medians; the machine may be shared, so expect noise. Raw results are also
written as JSON lines next to the databases (``results.jsonl``).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import browser, common, pipeline, render  # noqa: E402

# (app, size, runs, timeout s): baselines get fewer runs where each takes minutes.
BROWSER_PLAN = [
    ("empty", "1k", 2, 90), ("folium_places", "1k", 2, 90), ("pydeck_places", "1k", 2, 90),
    ("ours", "1k", 3, 90), ("geojson_per_event", "1k", 2, 90), ("markers", "1k", 1, 120),
    ("empty", "10k", 2, 90), ("folium_places", "10k", 2, 90), ("pydeck_places", "10k", 2, 90),
    ("ours", "10k", 3, 90), ("geojson_per_event", "10k", 2, 120), ("markers", "10k", 1, 40),
    ("empty", "100k", 2, 90), ("folium_places", "100k", 2, 90), ("pydeck_places", "100k", 2, 90),
    ("ours", "100k", 3, 120), ("geojson_per_event", "100k", 1, 90),
]
QUICK_PLAN = [("empty", "1k", 1, 90), ("folium_places", "1k", 1, 90), ("pydeck_places", "1k", 1, 90),
              ("ours", "1k", 2, 90), ("geojson_per_event", "1k", 1, 90), ("markers", "1k", 1, 120),
              ("ours", "10k", 2, 90), ("geojson_per_event", "10k", 1, 120)]
# Render baselines per size (a Marker per event at 100k takes minutes in folium alone).
RENDER_BASELINES = {"1k": ("geojson", "markers"), "10k": ("geojson", "markers"), "100k": ("geojson",),
                    "1M": ()}


def _s(value) -> str:
    if value is None or value != value:  # None or NaN
        return "–"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def _ms(value) -> str:
    return "–" if value is None or value != value else f"{value * 1000:.0f}"


def _mb(value) -> str:
    return "–" if not value else f"{value / 1e6:.2f}"


def _kb(moves) -> str:
    """The median slider move's bytes in KB: websocket (+ HTTP, when the move fetched any)."""
    if not moves:
        return "–"
    ws = common.median([m["ws"] for m in moves]) / 1e3
    http = common.median([m["http"] for m in moves]) / 1e3
    return f"{ws:.1f}" + (f" + {http:.1f} HTTP" if http else "")


def _ratio(base, ours) -> str:
    if not base or not ours or base != base or ours != ours:
        return "–"
    return f"{base / ours:.0f}×" if base / ours >= 10 else f"{base / ours:.1f}×"


def filter_table(rows: list[dict]) -> str:
    lines = ["| events | kept by the filter | **ours: rerun with the filter (ms)** | ours: a new filter: mask and "
             "charts (ms) | filtering the window's frames instead (ms) | frames ÷ ours |",
             "|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['n']:,} | {r['filtered_events']:,} | **{_ms(r['ours_filtered_rerun_s'])}** | "
                     f"{_ms(r['ours_filter_change_s'])} | {_ms(r['frames_filter_s'])} | "
                     f"{_ratio(r['frames_filter_s'], r['ours_filtered_rerun_s'])} |")
    return "\n".join(lines)


def render_table(rows: list[dict]) -> str:
    lines = ["| events | columns read + built once (s) | columns sent (MB, gzip: all / first paint) | **ours: rerun (ms)** | GeoJson rerun (ms) |"
             " Marker+popup rerun (ms) | GeoJson ÷ ours | Marker ÷ ours | map text per rerun: ours / GeoJson (MB) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['n']:,} | {_s(r['columns_build_s'])} | {_mb(r['columns_gzip_bytes'])} / {_mb(r['columns_core_gzip_bytes'])} | "
                     f"**{_ms(r['ours_rerun_s'])}** | {_ms(r.get('geojson_rerun_s'))} | "
                     f"{_ms(r.get('markers_rerun_s'))} | {_ratio(r.get('geojson_rerun_s'), r['ours_rerun_s'])} | "
                     f"{_ratio(r.get('markers_rerun_s'), r['ours_rerun_s'])} | "
                     f"{_mb(r['ours_rerun_bytes'])} / {_mb(r.get('geojson_rerun_bytes'))} |")
    return "\n".join(lines)


def browser_table(rows: list[dict]) -> str:
    ours = {r["n"]: r for r in rows if r["app"] == "ours"}
    names = {"ours": "**conflictmap**", "empty": "empty page (the floor)",
             "folium_places": "folium, one circle per place (canvas, cached)",
             "pydeck_places": "pydeck, one circle per place",
             "geojson_per_event": "folium GeoJson, one path per event, re-queried each rerun",
             "markers": "Marker+popup"}
    lines = ["| events | app | slider → map (s) | vs ours | zoom kept | first view (s) | vs ours | first view, cold "
             "server (s) | map bytes received (MB) | bytes per slider move (KB) | server RSS, 3 sessions (MB) | runs |",
             "|---:|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        mine = ours.get(r["n"], {})
        sent = (r["bytes"]["map_http"] + r["bytes"]["ws"]) if r.get("bytes") else None
        kept = "yes" if r["zoom_kept"] and all(r["zoom_kept"]) else ("no" if r["zoom_kept"] else "–")
        note = f" (did not finish within {r['timeout_s']:.0f} s)" if r["timeouts"] else ""
        lines.append(f"| {r['n']:,} | {names[r['app']]} | {_s(r['slider_median_s'])}{note} | "
                     f"{'' if r['app'] == 'ours' else _ratio(r['slider_median_s'], mine.get('slider_median_s'))} | "
                     f"{kept} | {_s(r['first_view_median_s'])} | "
                     f"{'' if r['app'] == 'ours' else _ratio(r['first_view_median_s'], mine.get('first_view_median_s'))}"
                     f" | {_s(r['cold_first_view_s'])} | {_mb(sent)} | {_kb(r.get('move_bytes'))} | "
                     f"{'–' if r['rss_mb_3_sessions'] is None else round(r['rss_mb_3_sessions'])} | "
                     f"{len(r['slider_s'])} |")
    return "\n".join(lines)


def pipeline_table(result: dict) -> str:
    imp, ext, gaz = result["import"], result["extraction"], result["gazetteer"]
    return "\n".join([
        "| figure | result |", "|---|---:|",
        f"| import: {imp['events']:,} events (≈3 claims each) into SQLite, bulk | {imp['bulk_s']:.1f} s "
        f"({imp['bulk_events_per_s']:,.0f} events/s) |",
        f"| import, one report at a time (`ingest`) | {imp['single_events_per_s']:,.0f} events/s |",
        f"| extraction ({ext['reports']} corpus reports, ≈{ext.get('mean_chars', 0):,} characters each) | "
        f"{_s(ext['reports_per_s'])} reports/s |",
        f"| gazetteer lookups ({gaz['lookups']:,}, {gaz['found']:,} found) | {gaz['lookups_per_s']:,.0f} /s |",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    sizes = ["1k", "10k"] if args.quick else ["1k", "10k", "100k"]
    common.WORK.mkdir(parents=True, exist_ok=True)
    log = open(common.WORK / "results.jsonl", "a", encoding="utf-8")

    last = [started]

    def step(what: str) -> None:
        now = time.perf_counter()
        print(f"  {what} ({now - last[0]:.0f} s; {now - started:.0f} s so far)", file=sys.stderr, flush=True)
        last[0] = now

    def keep(kind: str, row: dict) -> dict:
        log.write(json.dumps({"kind": kind, **row}, default=str) + "\n")
        log.flush()
        return row

    print(f"# conflictmap benchmarks\n\nMachine: {common.machine()}; Chromium {common.CHROMIUM}.\n", flush=True)
    render_rows = [keep("render", render.measure(common.synth.SIZES[s], runs=3 if args.quick else 5,
                                                 baselines=RENDER_BASELINES[s])) for s in sizes]
    print("## Server work per rerun (whole span in the window)\n\n" + render_table(render_rows) + "\n", flush=True)
    print(f"Window query plan (SQLite): `{render_rows[-1]['window_plan']}`\n", flush=True)
    print(f"### With a filter set ({render.FILTER.describe()})\n\n" + filter_table(render_rows) + "\n", flush=True)
    step("server figures")
    result = keep("pipeline", pipeline.main_result(100_000 if not args.quick else 10_000))
    print("## Pipeline\n\n" + pipeline_table(result) + "\n", flush=True)
    step("pipeline")
    if not args.skip_browser:
        rows = []
        for app, size, runs, timeout in (QUICK_PLAN if args.quick else BROWSER_PLAN):
            row = browser.measure_safely(app, common.synth.SIZES[size], runs=runs, timeout=timeout)
            row["timeout_s"] = timeout
            rows.append(keep("browser", row))
            step(f"browser, {app} at {size}: slider {_s(row['slider_median_s'])} s, first view "
                 f"{_s(row['first_view_median_s'])} s")
        print("## In the browser (Chromium, headless; medians)\n\n" + browser_table(rows) + "\n", flush=True)
        ours = [r for r in rows if r["app"] == "ours"]
        print("### conflictmap's first view on a server just started\n\n| events | files prepared by the import (s) "
              "| nothing prepared: columns built first (s) |\n|---:|---:|---:|\n"
              + "\n".join(f"| {r['n']:,} | {_s(r.get('prepared_cold_first_view_s'))} | "
                           f"{_s(r['cold_first_view_s'])} |" for r in ours) + "\n", flush=True)
        filtered = [r for r in ours if r.get("filtered_slider_s")]
        if filtered:
            print(f"### conflictmap with a filter set ({browser.FILTER_TYPE} only)\n\n"
                  "| events | first view (s) | slider → map (s) | runs |\n|---:|---:|---:|---:|\n"
                  + "\n".join(f"| {r['n']:,} | {_s(r['filtered_first_view_median_s'])} | "
                               f"{_s(r['filtered_slider_median_s'])} | {len(r['filtered_slider_s'])} |"
                               for r in filtered) + "\n", flush=True)
    print(f"Total time: {time.perf_counter() - started:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
