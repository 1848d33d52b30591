"""Pipeline figures: bulk import, extraction and gazetteer rates.

* import: N synthetic events (three claims each on average) into a new
  SQLite file through ``EventStore.ingest_many``, the path a bulk importer
  (an ACLED file, say) takes; and, for comparison, the first 2,000 through
  the one-report-at-a-time ``ingest``;
* extraction: reports a second through ``Extractor.extract`` over the team's
  corpus (``../shared/corpus``, read in place, never copied);
* gazetteer: ``Gazetteer.geocode`` lookups a second over names of places it
  holds (as written, lower-cased, an alternative name) and names it does not.

    python -m bench.pipeline --events 100000
"""
from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from pathlib import Path

from bench import common, synth
from conflictmap.reading.reader import Extractor
from conflictmap.places.gazetteer import Gazetteer
from conflictmap.reading.text import Report
from conflictmap.reading.sources import SourceRegistry
from conflictmap.store import EventStore

CORPUS = Path(os.environ.get("CONFLICTMAP_SHARED", common.ROOT.parent / "shared")) / "corpus"


def import_rate(n: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        bulk = synth.build(n, f"sqlite:///{folder}/bulk.db")
        store = EventStore(f"sqlite:///{folder}/single.db")
        payloads = list(synth.payloads(min(n, 2000), seed=11))
        started = time.perf_counter()
        for payload in payloads:
            store.ingest(payload)
        single = time.perf_counter() - started
        store.dispose()
    return {"events": n, "bulk_s": bulk, "bulk_events_per_s": n / bulk,
            "single_events_per_s": min(n, 2000) / single}


def extraction_rate(rounds: int = 3) -> dict:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    if not texts:
        return {"reports": 0, "reports_per_s": None, "note": f"no corpus at {CORPUS}"}
    extractor = Extractor(Gazetteer.default(), SourceRegistry.default())
    extractor.extract(Report(texts[0]))  # warm caches
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            extractor.extract(Report(text))
    took = time.perf_counter() - started
    chars = sum(len(t) for t in texts) / len(texts)
    return {"reports": len(texts) * rounds, "mean_chars": round(chars), "reports_per_s": len(texts) * rounds / took}


def gazetteer_rate(lookups: int = 100_000) -> dict:
    gazetteer = Gazetteer.default()
    rng = random.Random(3)
    places = synth.places(gazetteer)
    names = []
    for place in places:
        names += [place.name, place.name.lower()] + list(place.alt_names[:1])
    names += [f"Nowhere {i}" for i in range(len(names) // 10)]
    queries = [rng.choice(names) for _ in range(lookups)]
    started = time.perf_counter()
    found = sum(gazetteer.geocode(q) is not None for q in queries)
    took = time.perf_counter() - started
    return {"lookups": lookups, "found": found, "lookups_per_s": lookups / took}


def main_result(events: int) -> dict:
    return {"import": import_rate(events), "extraction": extraction_rate(), "gazetteer": gazetteer_rate()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args(argv)
    print(json.dumps(main_result(args.events)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
