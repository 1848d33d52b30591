"""How fast the extractor reads: a 5 KB report warm, a 1 MB text, reports per second.

Texts come from the team's corpus (``../shared/corpus``) when it is there,
with every number changed from copy to copy so no cache can answer for the
reader; without the corpus, a synthetic text built from the gazetteer and
the source registry stands in (marked SYNTHETIC in the output).

The baseline, measured in the same run, is the least any reader must do:
split the text into sentences and look every word up in the gazetteer.
The ratio says what the extraction rules cost on top of that. The load
average of the machine is printed before and after: the figures mean little
without it on a shared machine.

    python bench/extract.py                          # every measure
    python bench/extract.py --only 5kb rate          # leave out the 1 MB text (20 s and more)
    python bench/extract.py --only rate --profile /tmp/rate.prof   # cProfile of the reports-per-second run
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import pstats
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from conflictmap.reading.figures import _figures  # noqa: E402
from conflictmap.reading.reader import Extractor  # noqa: E402
from conflictmap.places.gazetteer import Gazetteer  # noqa: E402
from conflictmap.reading.text import Report, sentences  # noqa: E402
from conflictmap.reading.sources import SourceRegistry  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
PUB_DATE = dt.date(2014, 3, 5)
MEASURES = ("5kb", "rate", "1mb")


def corpus_texts() -> tuple[list[str], str]:
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    if files:
        return [f.read_text(encoding="utf-8").split("\n", 2)[-1] for f in files], f"corpus ({len(files)} reports)"
    return [synthetic_report(random.Random(n)) for n in range(12)], "SYNTHETIC reports"


def synthetic_report(rng: random.Random) -> str:
    """A made-up report in the shape of a wire story (SYNTHETIC: no real event)."""
    towns = ["Douma", "Jobar", "Qaboun", "Homs", "Hama", "Idlib", "Maarat al-Numan", "Raqqa", "Daraa", "Aleppo"]
    sources = ["the Syrian Observatory for Human Rights", "activists", "state media", "the Local Coordination Committees"]
    lines = []
    for _ in range(8):
        town, source = rng.choice(towns), rng.choice(sources)
        lines.append(f"Shelling hit {town} on Monday, killing at least {rng.randint(2, 90)} people, {source} said. "
                     f"Clashes in {rng.choice(towns)} wounded {rng.randint(2, 40)} fighters, according to {source}.")
    return "\n\n".join(lines)


def varied(text: str, rng: random.Random) -> str:
    """The same prose with different figures, so repeated copies are new sentences."""
    return re.sub(r"\d+", lambda m: str(rng.randint(2, 400)), text)


def build(texts: list[str], size: int, rng: random.Random) -> str:
    out, total = [], 0
    while total < size:
        piece = varied(rng.choice(texts), rng)
        out.append(piece)
        total += len(piece) + 2
    return "\n\n".join(out)[:size]


def baseline(text: str, gazetteer: Gazetteer) -> int:
    return sum(len(gazetteer.scan(s.text)) for s in sentences(text))


def timed(fn, repeat: int, clock=time.perf_counter) -> list[float]:
    runs = []
    for _ in range(repeat):
        _figures.cache_clear()
        start = clock()
        fn()
        runs.append(clock() - start)
    return runs


def both_clocks(fn) -> tuple[float, float]:
    """Seconds ``fn`` took on the wall clock and in this process's CPU time (all its threads). On a machine
    other work shares, the CPU time moves far less with the load than the wall clock does."""
    _figures.cache_clear()
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def load() -> str:
    return "load average " + " ".join(f"{n:.2f}" for n in os.getloadavg())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="+", choices=MEASURES, default=list(MEASURES), help="the measures to take")
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of the reports-per-second run to FILE "
                                                           "and print its 25 most costly functions")
    args = parser.parse_args(argv)
    print(f"before: {load()} on {os.cpu_count()} cores")
    rng = random.Random(7)
    start = time.perf_counter()
    gazetteer, registry = Gazetteer.default(), SourceRegistry.default()
    extractor = Extractor(gazetteer, registry)
    extractor.extract(Report(text="Shelling killed 3 people in Homs, activists said.", pub_date=PUB_DATE))
    print(f"gazetteer, registry and language model ready in {time.perf_counter() - start:.2f} s")
    texts, origin = corpus_texts()
    print(f"texts: {origin}")

    # the texts are drawn whether or not a measure runs, so each measure reads the same texts in any selection
    five = [build(texts, 5_000, rng) for _ in range(20)]
    if "5kb" in args.only:
        extractor.extract(Report(text=five[0], pub_date=PUB_DATE))  # warm up
        ours = [both_clocks(lambda: extractor.extract(Report(text=text, pub_date=PUB_DATE))) for text in five]
        base = [t for text in five for t in timed(lambda: baseline(text, gazetteer), 1)]
        wall, cpu = (statistics.median(t[n] for t in ours) for n in (0, 1))
        print(f"5 KB report, warm, median of {len(five)}: extract {wall * 1000:.1f} ms (CPU {cpu * 1000:.1f} ms), "
              f"baseline {statistics.median(base) * 1000:.1f} ms, "
              f"ratio {wall / statistics.median(base):.1f}x (aim < 150 ms)")

    reports = [Report(text=varied(rng.choice(texts), rng), pub_date=PUB_DATE) for _ in range(200)]
    if "rate" in args.only:
        profile = cProfile.Profile() if args.profile else None
        start, cpu = time.perf_counter(), time.process_time()
        if profile:
            profile.enable()
        if hasattr(extractor, "extract_many"):  # several reports through one nlp.pipe batch
            for n in range(0, len(reports), 20):
                extractor.extract_many(reports[n:n + 20])
        else:
            for report in reports:
                extractor.extract(report)
        if profile:
            profile.disable()
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"reports per second (200 corpus-sized reports): {len(reports) / elapsed:.1f} "
              f"(per CPU second {len(reports) / cpu:.1f}) (aim >= 20)")
        if profile:
            profile.dump_stats(args.profile)
            pstats.Stats(profile).sort_stats("tottime").print_stats(25)

    if "1mb" in args.only:
        big = build(texts, 1_000_000, rng)
        ours_big = timed(lambda: extractor.extract(Report(text=big, pub_date=PUB_DATE)), 1)
        base_big = timed(lambda: baseline(big, gazetteer), 1)
        print(f"1 MB text, one run: extract {statistics.median(ours_big):.2f} s, baseline "
              f"{statistics.median(base_big):.2f} s, "
              f"ratio {statistics.median(ours_big) / statistics.median(base_big):.1f}x (aim < 5 s)")
    print(f"after: {load()}")


if __name__ == "__main__":
    main()
