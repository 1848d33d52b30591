"""The events' columns as files: bytes on the wire, the server's cost per request, and a restart's cost.

For each size, on the benchmark's SQLite database of N synthetic events (``bench/synth.py``):

* **bytes**: the browser's two parts as JSON (``to_json``, the format before; Streamlit's server
  gzipped it on every request at its level 5) beside the binary parts (``to_binary``, gzipped once
  at ``mapfiles.GZIP_LEVEL`` when written, sent as they are);
* **per request**: the server's CPU to send the parts, JSON gzipped at level 5 (what each browser's
  fetch cost before) against reading the prepared ``.gz`` file;
* **a restart**: in a fresh process each (median of ``--runs``), the server's columns rebuilt from the
  database (``EventStore.map_rows`` + ``EventColumns.from_rows``, what a restarted server did before)
  against memory-mapped from the file ``mapfiles.publish_columns`` wrote (``mapfiles.load_columns``),
  with the process's resident memory after a rerun's work (the window's ids, a filter's mask, the
  charts' frames) minus its memory before (the libraries imported, the database opened).

    python -m bench.columns --sizes 10k 100k
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

from bench import common

# Run in a fresh process: the columns rebuilt or mapped, then a rerun's work; prints seconds and RSS.
_CHILD = """
import json, sys, time
from pathlib import Path
from conflictmap import mapfiles
from conflictmap.columns import EventColumns
from conflictmap.filters import Filters
from conflictmap.store import EventStore
import numpy as np, pandas as pd

def rss():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

store = EventStore(sys.argv[1])
version = store.data_version()
before = rss()
started = time.perf_counter()
if sys.argv[2] == "rebuild":
    columns = EventColumns.from_rows(*store.map_rows())
else:
    columns = mapfiles.load_columns(store.url, version)
    assert columns is not None, "no columns file"
took = time.perf_counter() - started
ids = columns.window_ids(None, None, limit=200)
mask = columns.mask(Filters(types=("airstrike",)))
events, claims = columns.frames(mask)
print(json.dumps({"s": took, "rss_mb": rss() - before, "n": len(columns), "ids": ids[:3]}))
"""


def measure(n: int, runs: int) -> dict:
    from conflictmap import mapfiles
    from conflictmap.columns import EventColumns
    from conflictmap.store import EventStore

    url, _ = common.database(n)
    store = EventStore(url)
    columns = EventColumns.from_rows(*store.map_rows())
    out = {"n": n}
    for part in ("core", "detail"):
        text = columns.to_json(part).encode()
        binary = columns.to_binary(part)
        packed = gzip.compress(binary, mapfiles.GZIP_LEVEL, mtime=0)
        started = time.perf_counter()
        sent = gzip.compress(text, 5)
        out[f"{part}_json_gzip_s"] = time.perf_counter() - started
        out[f"{part}_json_bytes"], out[f"{part}_json_gzip_bytes"] = len(text), len(sent)
        out[f"{part}_binary_bytes"], out[f"{part}_binary_gzip_bytes"] = len(binary), len(packed)
    cache = tempfile.mkdtemp(prefix="conflictmap-bench-columns-")
    env = dict(os.environ, CONFLICTMAP_CACHE_DIR=cache)
    os.environ["CONFLICTMAP_CACHE_DIR"] = cache
    started = time.perf_counter()
    names = mapfiles.publish_columns(store.url, store.data_version(), columns)
    out["publish_s"] = time.perf_counter() - started
    started = time.perf_counter()
    for name in names:
        (mapfiles.folder() / name).read_bytes()
    out["binary_read_s"] = time.perf_counter() - started
    out["server_file_bytes"] = sum(p.stat().st_size for p in mapfiles.folder().glob("columns-*.bin"))
    store.dispose()
    for way in ("rebuild", "mapped"):
        results = [json.loads(subprocess.run([sys.executable, "-c", _CHILD, url, way], env=env, check=True,
                                             capture_output=True, text=True, cwd=common.ROOT).stdout)
                   for _ in range(runs)]
        assert len({json.dumps(r["ids"]) for r in results}) == 1
        out[f"{way}_s"] = statistics.median(r["s"] for r in results)
        out[f"{way}_rss_mb"] = statistics.median(r["rss_mb"] for r in results)
        out[f"{way}_ids"] = results[0]["ids"]
    assert out["rebuild_ids"] == out["mapped_ids"], "the mapped columns answer differently"
    return out


def table(rows: list[dict]) -> str:
    kb = lambda v: f"{v / 1024:,.0f} KB"  # noqa: E731
    lines = ["| events | columns sent, JSON gzip (core + detail) | binary gzip (core + detail) | server CPU per fetch: "
             "JSON gzipped / file read | restart: rebuilt / mapped (s) | restart: memory rebuilt / mapped (MB) |",
             "|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {kb(r['core_json_gzip_bytes'] + r['detail_json_gzip_bytes'])} "
            f"({kb(r['core_json_gzip_bytes'])} + {kb(r['detail_json_gzip_bytes'])}) | "
            f"{kb(r['core_binary_gzip_bytes'] + r['detail_binary_gzip_bytes'])} "
            f"({kb(r['core_binary_gzip_bytes'])} + {kb(r['detail_binary_gzip_bytes'])}) | "
            f"{(r['core_json_gzip_s'] + r['detail_json_gzip_s']) * 1000:.0f} ms / {r['binary_read_s'] * 1000:.1f} ms | "
            f"{r['rebuild_s']:.2f} / {r['mapped_s']:.3f} | {r['rebuild_rss_mb']:.0f} / {r['mapped_rss_mb']:.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["10k", "100k"])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    rows = []
    for size in args.sizes:
        row = measure(common.synth.SIZES.get(size) or int(size), args.runs)
        print(json.dumps(row), flush=True)
        rows.append(row)
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
