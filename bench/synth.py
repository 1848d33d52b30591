"""SYNTHETIC events for benchmarks: realistic spread, made up entirely. Never real reports.

Events fall on the gazetteer's Syrian places (weighted by population, so
Aleppo and Damascus get more than a hamlet), over several years, with the
conflictmap event types and two to four sources per event whose figures
disagree as real sources do. Every report, event and quote says SYNTHETIC.

    python -m bench.synth 100000 /tmp/synthetic.db   # a SQLite file with 100,000 events
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time

from conflictmap.places.gazetteer import Gazetteer
from conflictmap.store import EventStore

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1M": 1_000_000}
FIRST_DAY = dt.date(2012, 1, 1)
DAYS = 8 * 365
EVENTS_PER_REPORT = 25
SOURCES = ("Syrian Observatory for Human Rights", "Local Coordination Committees", "Syrian state media",
           "Violations Documentation Center", "Syrian Network for Human Rights", "Sham News Network")
# How often each stored type occurs, roughly as in ACLED's Syria file; named, so a new type in the
# reader's vocabulary cannot silently shift the weights.
TYPE_WEIGHTS = {"clash": 30, "shelling": 25, "airstrike": 20, "bombing": 6, "suicide_bombing": 2,
                "explosion": 5, "massacre": 3, "chemical_attack": 1, "other": 8}
TYPES = tuple(TYPE_WEIGHTS)
LABEL = "SYNTHETIC"


def places(gazetteer: Gazetteer | None = None) -> list:
    """The located Syrian places of the gazetteer, the ground synthetic events fall on."""
    gazetteer = gazetteer or Gazetteer.default()
    return [p for p in gazetteer.places() if p.country == "SY" and p.located]


def payloads(n: int, *, seed: int = 7, gazetteer: Gazetteer | None = None):
    """``n`` synthetic events as extraction payloads of ``EVENTS_PER_REPORT`` events each."""
    rng = random.Random(seed)
    ground = places(gazetteer)
    weights = [1 + (p.population or 500) ** 0.5 for p in ground]
    made = 0
    report = 0
    while made < n:
        report += 1
        report_id = f"synthetic-{seed}-{report:07d}"
        items = []
        for k in range(1, min(EVENTS_PER_REPORT, n - made) + 1):
            place = rng.choices(ground, weights)[0]
            kind = rng.choices(TYPES, tuple(TYPE_WEIGHTS.values()))[0]
            day = FIRST_DAY + dt.timedelta(days=int(rng.triangular(0, DAYS, DAYS * 0.35)))
            items.append({"id": f"{report_id}-{k}", "date": day.isoformat(), "event_type": kind, "types": [kind],
                          "quote": f"{LABEL} event for benchmarking, not a real report.",
                          "place": {"id": place.id, "name": place.name, "display_name": place.display_name,
                                    "mention": place.name, "lat": place.lat, "lon": place.lon,
                                    "precision": place.precision.value, "admin1": place.admin1,
                                    "coord_source": place.source},
                          "claims": _claims(rng, day)})
        made += len(items)
        yield {"report": {"id": report_id, "publisher": f"{LABEL} benchmark data", "title": f"{LABEL} report",
                          "pub_date": FIRST_DAY.isoformat()}, "events": items}


def _claims(rng: random.Random, day: dt.date) -> list[dict]:
    """Two to four sources; figures around one true toll, some high, some low, sometimes a denial."""
    toll = int(rng.paretovariate(1.3)) - 1
    claims = []
    for source in rng.sample(SOURCES, rng.randint(2, 4)):
        if source == "Syrian state media" and rng.random() < 0.4:
            claims.append({"source": source, "denial": True, "scope": "event", "date": day.isoformat(),
                           "quote": f"{LABEL} denial."})
            continue
        figure = max(0, int(round(toll * rng.uniform(0.6, 1.5))))
        claims.append({"source": source, "killed": figure, "injured": rng.choice([None, figure * 2]),
                       "scope": "event", "date": day.isoformat(), "quote": f"{LABEL} claim."})
    return claims


def build(n: int, url: str, *, seed: int = 7) -> float:
    """Fill the database at ``url`` with ``n`` synthetic events; returns the seconds the inserts took."""
    store = EventStore(url)
    batch, took = [], 0.0
    for payload in payloads(n, seed=seed):
        batch.append(payload)
        if len(batch) >= 400:
            started = time.perf_counter()
            store.ingest_many(batch)
            took += time.perf_counter() - started
            batch = []
    if batch:
        started = time.perf_counter()
        store.ingest_many(batch)
        took += time.perf_counter() - started
    store.dispose()
    return took


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", help="events: a number or 1k, 10k, 100k, 1M")
    parser.add_argument("database", help="SQLite file to create")
    args = parser.parse_args(argv)
    n = SIZES.get(args.size) or int(args.size)
    took = build(n, f"sqlite:///{args.database}")
    print(f"{n} {LABEL} events into {args.database} in {took:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
