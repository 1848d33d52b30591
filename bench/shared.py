"""Totals with figures shared by several places: the Tallies table and the casualty series.

    python -m bench.shared [--shared]

100,000 synthetic events and 300,000 claims from 40 sources (seeded); with
``--shared``, 3 claims in 100 are copies of a figure given for three places
at once (one ``shared_key`` per three). Times ``tally.source_table`` and
``timeline.casualties`` (weekly) over the whole span, best of three. Run it
in a checkout of the commit before shared claims for the "before" column
(the extra key is ignored there). Prints one line per measure.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import time

from conflictmap import tally, timeline
from conflictmap.columns import EventColumns

EVENTS, CLAIMS, SOURCES = 100_000, 300_000, 40


def columns(shared: bool) -> EventColumns:
    rng = random.Random(1)
    base = dt.date(2013, 1, 1)
    events = sorted([(f"e{i:06d}", base + dt.timedelta(days=i % 700), "shelling", f"P{i % 500}",
                      33.0 + (i % 500) / 1000, 36.0, "town", "Damascus", f"P{i % 500}", f"P{i % 500}", None)
                     for i in range(EVENTS)], key=lambda row: (row[1], row[0]))
    sources = [f"S{k}" for k in range(SOURCES)]
    claims = [(f"e{rng.randrange(EVENTS):06d}", rng.choice(sources), rng.randrange(1, 200), None, None, None, None,
               None, None, "event", False, f"k{j // 3}" if shared and j % 100 < 3 else None) for j in range(CLAIMS)]
    return EventColumns.from_rows(events, claims)


def best_of(fn, runs: int = 3) -> float:  # noqa: ANN001 - a callable
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", action="store_true", help="3 claims in 100 are copies of a shared figure")
    args = parser.parse_args()
    found = columns(args.shared)
    week = dt.timedelta(days=7)
    print(f"source_table: {best_of(lambda: tally.source_table(found, None, None)):.3f} s")
    print(f"casualties: {best_of(lambda: timeline.casualties(*found.frames(), week)):.3f} s")


if __name__ == "__main__":
    main()
