"""How close ``python -m conflictmap geocode NAME --near GOVERNORATE --country XX`` lands to published coordinates.

Runs the command as a user would (offline, a scratch database) for every row
of ``bench/reference_places.csv`` and counts the answers within 2 km
(neighbourhoods, camps, sites) or 5 km (towns and cities) of the published
point, and the answers that lie in another country than the row's (by the
country's outline). Rows whose source is a GeoNames id check name resolution
(spelling, namesakes, context) against the same data the gazetteer mirrors;
the others come from published pages independent of the bundled GeoNames
extract. The rows of other countries than Syria are the event places of the
development set's reports from other wars (dev-29 … dev-36), asked for as
the report writes them, with the gold reading's ``admin_context`` as context.

Two more groups (column ``group``): curated rows of today's wars checked
against a second published point (another Wikipedia edition, or a second
point the same page gives), and rows with ``ask`` = ``bare``, asked as
``geocode NAME --offline`` with neither a country nor a context: how a name
that several countries bear is placed when nothing else is known.

    python bench/reference.py
"""
from __future__ import annotations

import csv
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LIST = ROOT / "bench" / "reference_places.csv"
LIMIT_KM = {"neighbourhood": 2.0, "district": 2.0, "town": 5.0, "city": 5.0}


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def main() -> int:
    rows = list(csv.DictReader(open(LIST, encoding="utf-8")))
    home = tempfile.mkdtemp(prefix="conflictmap-bench-")
    env = {**os.environ, "CONFLICTMAP_HOME": home, "CONFLICTMAP_GEOCODER": "off"}
    from conflictmap.places.outline import within

    groups: dict[str, list[bool]] = {"independent pages": [], "GeoNames (resolution check)": [],
                                     "other wars (dev-29 … dev-36)": []}
    bare = "no country, no context"
    misplaced = unplaced = abroad = 0
    for row in rows:
        country = row.get("country") or "SY"
        asked = ([] if row.get("ask") == "bare" else ["--near", row["near"], "--country", country])
        out = subprocess.run([sys.executable, "-m", "conflictmap", "geocode", row["name"], *asked,
                              "--format", "json", "--offline"],
                             cwd=ROOT, env=env, capture_output=True, text=True)
        limit = LIMIT_KM[row["kind"]]
        if out.returncode == 0:
            found = json.loads(out.stdout)
            off = km((float(row["lat"]), float(row["lon"])), (found["lat"], found["lon"]))
            ok, what = off <= limit, f"{off:6.2f} km  {found['display_name']} [{found['source']}]"
            misplaced += not ok
            if not within(country, found["lat"], found["lon"]).inside:
                abroad += 1
                what += f"  OUTSIDE {country}"
        else:
            ok, what = False, "not found: " + out.stderr.strip().splitlines()[-1]
            unplaced += 1
        if row.get("ask") == "bare":
            group = bare
        elif row.get("group"):
            group = row["group"]
        elif country != "SY":
            group = "other wars (dev-29 … dev-36)"
        else:
            group = "GeoNames (resolution check)" if row["source"].startswith("geonames:") else "independent pages"
        groups.setdefault(group, []).append(ok)
        near = "(nothing)" if row.get("ask") == "bare" else row["near"][:12]
        print(f"{'ok ' if ok else 'BAD'} {row['kind']:13} {row['name'][:28]:28} near {near:12} {what}")
    every = [ok for oks in groups.values() for ok in oks]
    print()
    for name, oks in groups.items():
        print(f"{name}: {sum(oks)}/{len(oks)} within limit ({100 * sum(oks) / max(len(oks), 1):.1f}%)")
    print(f"all: {sum(every)}/{len(every)} within 2 km (neighbourhoods) / 5 km (towns, cities) "
          f"= {100 * sum(every) / len(every):.1f}%; misplaced {misplaced}, left unplaced {unplaced}, "
          f"in another country {abroad}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
