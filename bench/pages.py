"""Each page's server cost per view at 100,000 SYNTHETIC events, the current tree against a baseline tree.

Every page (the map, Reports, Review, Tallies) is opened as an anonymous
viewer (``editor_password`` set) through Streamlit's AppTest, in a fresh
Python process per tree and page, on the same SQLite file of synthetic
events. A first view pays for whatever is built once per data version (the
map's columns); then warm views (new sessions in the same server process,
as further visitors) are timed, and one more view runs under ``tracemalloc``
for the Python memory it allocates at its peak. The process's peak resident
memory is reported too. A view that runs past ``--timeout`` is stopped and
reported as such (the baseline's Review at 100,000 events runs for hours).

    git archive <baseline commit> | tar -x -C /tmp/baseline
    python -m bench.pages --baseline /tmp/baseline --size 100k

Server work only: what a browser does with the page is ``bench/browser.py``.
"""
from __future__ import annotations

import argparse
import os
import shutil
import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from bench import common, synth

PAGES = {"map": "app.py", "reports": "pages/1_Reports.py", "review": "pages/3_Review.py",
         "tallies": "pages/4_Tallies.py"}
# The child: one tree, one page, in its own process, so neither memory nor caches leak between runs.
CHILD = textwrap.dedent("""
    import json, os, resource, statistics, sys, time, tracemalloc
    sys.path.insert(0, os.getcwd())
    from streamlit.testing.v1 import AppTest

    page, warm, query = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])

    def view():
        app = AppTest.from_file(page, default_timeout=10_000)
        app.secrets["editor_password"] = "a passphrase nobody types here"  # an anonymous viewer
        for key, value in query.items():
            app.query_params[key] = value
        started = time.perf_counter()
        app.run()
        took = time.perf_counter() - started
        if app.exception:
            raise SystemExit("the page failed: " + str(app.exception[0].message))
        return took

    first = view()
    times = [view() for _ in range(warm)]
    tracemalloc.start()
    view()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(json.dumps({"first_s": first, "warm_s": statistics.median(times), "peak_mb": peak / 1e6,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
""")


def measure(tree: Path, page: str, url: str, *, warm: int, timeout: float, query: dict) -> dict:
    """One tree's cost for one page, in a fresh process; ``{"stopped": timeout}`` when it ran too long."""
    home = Path(tempfile.mkdtemp(prefix="conflictmap-pages-"))
    env = {**os.environ, "CONFLICTMAP_DATABASE_URL": url, "CONFLICTMAP_HOME": str(home),
           "CONFLICTMAP_CACHE_DIR": str(home / "cache"), "CONFLICTMAP_GEOCODER": "off"}
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, page, str(warm), json.dumps(query)], cwd=tree, env=env,
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"stopped": timeout}
    if done.returncode != 0:
        return {"failed": (done.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _schema_for(tree: Path, path: Path) -> None:
    """Take the copy back to the newest migration ``tree`` knows (Alembic's downgrade, for the tables only
    a later version added), so an older tree opens it as its own."""
    import sqlite3

    known = sorted(p.name.split("_", 1)[0] for p in (tree / "conflictmap" / "migrations" / "versions").glob("0*.py"))
    with sqlite3.connect(path) as conn:
        current = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        if current not in known:
            conn.execute("DROP TABLE IF EXISTS signin_attempts")  # 0005's only change
            conn.execute("UPDATE alembic_version SET version_num = ?", (known[-1],))


def cell(result: dict, key: str, unit: str) -> str:
    if "stopped" in result:
        return f"stopped after {result['stopped']:.0f} s"
    if "failed" in result:
        return "failed: " + result["failed"][:60]
    return f"{result[key]:.2f} {unit}" if unit == "s" else f"{result[key]:.0f} {unit}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="a checkout of the code to compare against")
    parser.add_argument("--size", default="100k", help="events: a number or 1k, 10k, 100k")
    parser.add_argument("--warm", type=int, default=3, help="warm views timed per page (median)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds a page's whole run may take")
    parser.add_argument("--pages", nargs="*", default=list(PAGES))
    args = parser.parse_args(argv)
    n = synth.SIZES.get(args.size) or int(args.size)
    url, built = common.database(n)
    print(f"{n:,} synthetic events ({'built in %.0f s' % built if built else 'database reused'}); "
          f"{common.machine()}")
    query = {"from": "2012-01-01", "to": "2019-12-31"}  # the whole span, as a shared link may ask
    trees = {"now": common.ROOT, **({"baseline": args.baseline.resolve()} if args.baseline else {})}
    # Each tree reads its own copy of the file: the current code migrates a database the baseline cannot read.
    source = Path(url.removeprefix("sqlite:///"))
    urls = {}
    for label in trees:
        copy = source.with_name(f"{source.stem}-{label}.db")
        shutil.copyfile(source, copy)
        _schema_for(trees[label], copy)
        urls[label] = f"sqlite:///{copy}"
    print("| page | tree | first view | warm view (median) | Python memory at the peak of a view | process peak RSS |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name in args.pages:
        for label, tree in trees.items():
            result = measure(tree, PAGES[name], urls[label], warm=args.warm, timeout=args.timeout, query=query)
            print(f"| {name} | {label} | {cell(result, 'first_s', 's')} | {cell(result, 'warm_s', 's')} | "
                  f"{cell(result, 'peak_mb', 'MB')} | {cell(result, 'rss_mb', 'MB')} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
