"""How fast the extractor reads: a 5 KB report warm, a 1 MB text, reports per second.

Texts come from the team's corpus (``../shared/corpus``) when it is there,
with every number changed from copy to copy so no cache can answer for the
reader; without the corpus, a synthetic text built from the gazetteer and
the source registry stands in (marked SYNTHETIC in the output).

The baseline, measured in the same run, is the least any reader must do:
split the text into sentences and look every word up in the gazetteer.
The ratio says what the extraction rules cost on top of that.

    python bench/extract.py
"""
from __future__ import annotations

import datetime as dt
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


def timed(fn, repeat: int) -> list[float]:
    runs = []
    for _ in range(repeat):
        _figures.cache_clear()
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return runs


def main() -> None:
    rng = random.Random(7)
    start = time.perf_counter()
    gazetteer, registry = Gazetteer.default(), SourceRegistry.default()
    extractor = Extractor(gazetteer, registry)
    extractor.extract(Report(text="Shelling killed 3 people in Homs, activists said.", pub_date=PUB_DATE))
    print(f"gazetteer, registry and language model ready in {time.perf_counter() - start:.2f} s")
    texts, origin = corpus_texts()
    print(f"texts: {origin}")

    five = [build(texts, 5_000, rng) for _ in range(20)]
    extractor.extract(Report(text=five[0], pub_date=PUB_DATE))  # warm up
    ours = [t for text in five for t in timed(lambda: extractor.extract(Report(text=text, pub_date=PUB_DATE)), 1)]
    base = [t for text in five for t in timed(lambda: baseline(text, gazetteer), 1)]
    print(f"5 KB report, warm, median of {len(five)}: extract {statistics.median(ours) * 1000:.1f} ms, "
          f"baseline {statistics.median(base) * 1000:.1f} ms, ratio {statistics.median(ours) / statistics.median(base):.1f}x "
          f"(aim < 150 ms)")

    reports = [Report(text=varied(rng.choice(texts), rng), pub_date=PUB_DATE) for _ in range(200)]
    start = time.perf_counter()
    if hasattr(extractor, "extract_many"):  # several reports through one nlp.pipe batch
        for n in range(0, len(reports), 20):
            extractor.extract_many(reports[n:n + 20])
    else:
        for report in reports:
            extractor.extract(report)
    elapsed = time.perf_counter() - start
    print(f"reports per second (200 corpus-sized reports): {len(reports) / elapsed:.0f} (aim >= 20)")

    big = build(texts, 1_000_000, rng)
    ours_big = timed(lambda: extractor.extract(Report(text=big, pub_date=PUB_DATE)), 1)
    base_big = timed(lambda: baseline(big, gazetteer), 1)
    print(f"1 MB text, one run: extract {statistics.median(ours_big):.2f} s, baseline "
          f"{statistics.median(base_big):.2f} s, ratio {statistics.median(ours_big) / statistics.median(base_big):.1f}x "
          f"(aim < 5 s)")


if __name__ == "__main__":
    main()
