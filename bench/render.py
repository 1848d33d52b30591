"""Server figures: what one rerun costs in Python, and what the map sends, ours against two baselines.

* ours: the dashboard's rerun path (data version, window count, a page of the
  listing with its tallies, nationwide totals, the base map and the window
  element turned into streamlit-folium's strings), plus, once per data
  version, building the events' columns; and the same with a filter set
  (the mask counted and packed on every move; computing the mask and the
  charts' series once per filter), against filtering the window's frames;
* markers: one folium Marker with a popup per event of the window, rendered;
* geojson: one folium.GeoJson layer of the window's events, rendered as
  streamlit-folium renders a ``feature_group_to_add``.

    python -m bench.render --sizes 1k 10k 100k
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import time

import folium
import numpy as np

from bench import baseline, common
from conflictmap import fastlayer, mapview, tally, timeline
from conflictmap.columns import EventColumns, safe_json
from conflictmap.filters import Filters
from conflictmap.store import EventStore

ASSETS = "../conflictmap.dashboard.leaflet_assets"


def _timed(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return common.median(times), result


def _st_folium_strings(fmap: folium.Map, group: folium.FeatureGroup | None) -> int:
    """What st_folium computes before sending: the map's script, its hash key, the feature group's script."""
    import streamlit_folium as sf

    fmap.get_root().render()
    leaflet = sf._get_map_string(fmap)
    sf.generate_js_hash(leaflet, "map", False)
    size = len(leaflet) + len(sf._get_header(fmap)) + len(sf._get_html(fmap))
    if group is not None:
        size += len(sf._get_feature_group_string(group, map=fmap))
    return size


FILTER = Filters(types=("airstrike", "shelling"), sources=("Syrian Observatory for Human Rights",), min_killed=2)


def ours_rerun(store: EventStore, url: str, start: dt.date, end: dt.date, columns: EventColumns,
               mask: np.ndarray | None = None) -> int:
    """The dashboard's rerun, less Streamlit itself (see app.py); with ``mask``, a filter is set."""
    store.data_version()
    columns.count(start, end, mask)
    events = store.window_events(start, end, ids=columns.window_ids(start, end, mask, limit=200))
    claims = store.claims_frame(events["id"].tolist())
    tally.summaries(claims, events["id"].tolist())
    store.nationwide_frame(start, end)
    mask_url = None
    if mask is not None:
        text = safe_json(columns.mask_payload(mask))  # packed and named by its hash on every move
        mask_url = f"mask-{hashlib.sha256(text.encode()).hexdigest()[:16]}.json"
    window = fastlayer.EventWindow(url, start, end, None, mask=mask_url)
    return _st_folium_strings(fastlayer.fast_map(ASSETS), window)


def filter_change(columns: EventColumns, low: dt.date, high: dt.date) -> None:
    """Once per filter: the mask and the charts' series (see dashboard.filter_mask and timeline_series)."""
    events, claims = columns.frames(columns.mask(FILTER))
    step = timeline.step_for(low, high)
    timeline.counts(events, step)
    timeline.casualties(events, claims, step)


def frames_filter(store: EventStore, start: dt.date, end: dt.date) -> int:
    """The reference: filtering the window's events and claims as frames on each move (the earlier path)."""
    events = store.window_events(start, end)
    return len(FILTER.apply(events, store.claims_frame(events["id"].tolist())))


def baseline_rerun(kind: str, store: EventStore, start: dt.date, end: dt.date) -> int:
    events = store.events_frame(start, end).dropna(subset=["lat", "lon"])
    fmap = mapview.LocalAssetMap(location=list(mapview.SYRIA_CENTRE), zoom_start=7, asset_base=ASSETS)
    if kind == "markers":
        baseline.add_markers(fmap, events)
        return _st_folium_strings(fmap, None)
    return _st_folium_strings(fmap, baseline.geojson_group(events))


def measure(n: int, *, runs: int, baselines: tuple[str, ...]) -> dict:
    url, insert_s = common.database(n)
    store = EventStore(url)
    low, high = store.date_span()
    start, end = low, high  # the whole span: every event in the window, the heaviest rerun
    out = {"n": n, "insert_s": insert_s}
    started = time.perf_counter()
    rows = store.map_rows()
    out["columns_read_s"] = time.perf_counter() - started
    columns = EventColumns.from_rows(*rows)
    core, detail = columns.to_binary("core"), columns.to_binary("detail")  # what the browser is sent
    out["columns_build_s"] = time.perf_counter() - started
    out["columns_bytes"] = len(core) + len(detail)
    out["columns_gzip_bytes"] = len(gzip.compress(core, 9)) + len(gzip.compress(detail, 9))  # mapfiles.GZIP_LEVEL
    out["columns_core_gzip_bytes"] = len(gzip.compress(core, 9))
    out["ours_rerun_s"], out["ours_rerun_bytes"] = _timed(lambda: ours_rerun(store, "events.json", start, end,
                                                                             columns), runs)
    mask = columns.mask(FILTER)
    out["filtered_events"] = int(mask.sum())
    out["ours_filtered_rerun_s"], _ = _timed(lambda: ours_rerun(store, "events.json", start, end, columns, mask), runs)
    out["ours_filter_change_s"], _ = _timed(lambda: filter_change(columns, low, high), runs)
    out["frames_filter_s"], _ = _timed(lambda: frames_filter(store, start, end), 1 if n >= 10_000 else runs)
    out["window_plan"] = store.window_plan(start, end).splitlines()[0]
    for kind in baselines:
        out[f"{kind}_rerun_s"], out[f"{kind}_rerun_bytes"] = _timed(
            lambda: baseline_rerun(kind, store, start, end), 1 if n >= 10_000 else runs)
    store.dispose()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["1k", "10k", "100k"])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baselines", nargs="*", default=["geojson", "markers"])
    args = parser.parse_args(argv)
    for size in args.sizes:
        n = common.synth.SIZES.get(size) or int(size)
        print(json.dumps(measure(n, runs=args.runs, baselines=tuple(args.baselines))), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
