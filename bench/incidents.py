"""Incident linking: how well (the shared development set) and how fast (100,000 SYNTHETIC events).

    python -m bench.incidents score [../shared]     # pairwise precision/recall, reader output and gold events
    python -m bench.incidents score --why [../shared]  # ... and why each missed true pair of the reader's is missed
    python -m bench.incidents speed [100000]        # blocked linking vs all pairs on a smaller set
    python -m bench.incidents import [100000]       # import into SQLite, linked as it is stored vs not linked
    python -m bench.incidents columns DATABASE_URL  # the map's columns with and without one point per incident

Quality: every report of ``../shared/corpus/incidents/`` is read by today's
reader (``conflictmap.reading.reader``), its events linked, and the reports grouped
together compared with ``../shared/eval/incidents.json`` (pairs of reports,
as that set's README scores them). The same is done with events built from
the gold file itself (one event per report and incident, with the gold
date, type and claims, and the place name the report writes, looked up in
the gazetteer): the linker's score when the reading is right.

Speed: synthetic events (``bench.synth``) are linked with the blocked
candidate generation; the naive baseline compares all pairs, on a smaller
size (all pairs of 100,000 events are 5·10⁹ comparisons), and its time per
pair is given beside.
"""
from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import sys
import time
from pathlib import Path
from typing import Any

from conflictmap import incident
from conflictmap.places.gazetteer import Gazetteer

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


# -- the shared development set ---------------------------------------------------------------------
def gold(shared: Path = SHARED) -> dict[str, Any]:
    return json.loads((shared / "eval" / "incidents.json").read_text(encoding="utf-8"))


def gold_groups(truth: dict[str, Any]) -> list[list[str]]:
    """The gold incidents as report groups (a report counts for every incident it is in or mentions)."""
    groups = [i["reports"] + i.get("mentioned_in", []) for i in truth["incidents"]]
    groups += [[d["report"]] for d in truth.get("decoy_events", [])]
    return groups


def forbidden_pairs(truth: dict[str, Any]) -> list[tuple[str, str]]:
    """Decoy report × report of an incident it must not be linked to (unless gold groups them anyway)."""
    reports = {i["id"]: i["reports"] for i in truth["incidents"]}
    allowed = incident.report_pairs(gold_groups(truth))
    pairs = []
    for decoy in truth.get("decoys", []):
        for target in decoy["decoy_for"]:
            for other in reports.get(target, []):
                pair = (min(decoy["report"], other), max(decoy["report"], other))
                if pair not in allowed and decoy["report"] != other:
                    pairs.append(pair)
    return sorted(set(pairs))


def reader_payloads(shared: Path = SHARED) -> list[dict[str, Any]]:
    """Today's reader on every report of the set; the report id is the file's name (inc-NN)."""
    from conflictmap.reading.reader import extract
    from conflictmap.reading.text import read_report_file

    payloads = []
    for path in sorted((shared / "corpus" / "incidents").glob("inc-*.txt")):
        payload = extract(read_report_file(str(path))).to_dict()
        name = path.stem
        payload["report"]["id"] = name
        for k, item in enumerate(payload["events"]):
            item["id"] = f"{name}-{k}"
        payloads.append(payload)
    return payloads


def gold_payloads(truth: dict[str, Any], shared: Path = SHARED,
                  gazetteer: Gazetteer | None = None) -> list[dict[str, Any]]:
    """One event per report and gold incident, as a perfect reader would give it.

    The place is the first of the incident's ``place_as_written`` that the
    report's text contains (else the incident's normalized place), looked up
    in the gazetteer of the incident's country; unknown names stay unplaced,
    as the reader leaves them. Its setting is the next ``place_as_written``
    the text contains that the gazetteer places as a city or coarser (the
    Baghdad of "the Karrada district of Baghdad"): the name is looked up near
    it, and an unplaced name keeps it as ``parent`` with its ``admin1`` and
    country. Each payload carries the incident's country, as the reader's
    carries the report's.
    """
    gazetteer = gazetteer or Gazetteer.default()
    texts = {p.stem: p.read_text(encoding="utf-8").lower()
             for p in (shared / "corpus" / "incidents").glob("inc-*.txt")}
    dates = {r["report"]: r.get("date") for r in truth["reports"]}
    coarse = {"city", "district", "governorate", "country"}
    per_report: dict[str, list[dict[str, Any]]] = {}
    countries: dict[str, str | None] = {}
    for item in truth["incidents"] + truth.get("decoy_events", []):
        reports = item.get("reports") or [item["report"]]
        country = item.get("country")
        for report in reports + item.get("mentioned_in", []):
            text = texts.get(report, "")
            written = [w for w in item.get("place_as_written", []) if w.lower() in text]
            name = written[0] if written else item["place"]
            setting = None
            for wider in written[1:]:
                found = gazetteer.geocode(wider, strict=True, country=country)
                if found and found.place.precision.value in coarse:
                    setting = found.place
                    break
            match = gazetteer.geocode(name, strict=True, country=country, near=setting.name if setting else None)
            place = match.place if match else None
            claims = [{"killed": c.get("killed"), "scope": "event" if c.get("scope") == "event" else "subset",
                       "denial": bool(c.get("denial"))}
                      for c in item.get("claims", []) if c.get("report") == report]
            countries.setdefault(report, country)
            per_report.setdefault(report, []).append({
                "id": f"{report}-{item['id']}", "date": item["date"], "date_precision": "day",
                "event_type": item["event_type"], "types": [item["event_type"]], "claims": claims,
                "place": {"id": place.id if place else None, "name": place.name if place else name,
                          "mention": name, "lat": place.lat if place else None,
                          "lon": place.lon if place else None,
                          "precision": place.precision.value if place else None,
                          "admin1": place.admin1 if place else setting.admin1 if setting else None,
                          "parent": place.parent if place else setting.name if setting else None,
                          "country": place.country if place else setting.country if setting else None}})
    return [{"report": {"id": report, "pub_date": dates.get(report) if dates.get(report) != "unknown" else None},
             "events": events, "country": countries.get(report)} for report, events in sorted(per_report.items())]


def predicted_groups(payloads: list[dict[str, Any]], **options: Any) -> tuple[list[list[str]], incident.Linking]:
    """Link the payloads' events; each incident becomes the group of its events' reports."""
    sightings = incident.from_payloads(payloads)
    linking = incident.link(sightings, **options)
    report_of = {s.id: s.report_id for s in sightings}
    groups = [[report_of[e] for e in members] for members in linking.incidents().values()]
    return groups, linking


def score(payloads: list[dict[str, Any]], truth: dict[str, Any], **options: Any) -> incident.PairScore:
    groups, _ = predicted_groups(payloads, **options)
    return incident.score_pairs(groups, gold_groups(truth), forbidden_pairs(truth))


# Kinds of misses, from the best pair of events of the two reports (``why``).
WHY_KINDS = {"different dates": "a date rules it out", "types that differ": "the types rule it out",
             "different places": "the places rule it out", "figures too far apart": "the figures rule it out",
             "both from one report": "one report"}


def why(payloads: list[dict[str, Any]], truth: dict[str, Any], **options: Any) -> list[dict[str, Any]]:
    """Why each true pair of reports that the linking misses is missed: one row per pair.

    For the two reports' events, every pair is scored as ``incident.link``
    scores it (``incident.scored_pairs``: sole fits and torn events included;
    pairs the blocks never bring together are compared directly), and the
    best pair (join over propose over apart, then score) gives the kind:
    "no event" (a report has none), "groups held apart" (the pair would join,
    but another event of one report, or a pair ruled out across the groups,
    keeps the groups apart), "torn" (proposed: without a date of its own it
    fits another happening too), "undated, no sole fit" (proposed: without a
    date of its own, and what else is on record there is not one story),
    "grey zone" (proposed), "below the grey
    zone", one of ``WHY_KINDS`` (ruled out), each with "not paired by the
    blocks" added when the blocking never compared the best pair.
    ``{"reports", "kind", "events", "score", "reason"}`` per row, sorted.
    """
    groups, _ = predicted_groups(payloads, **options)
    missed = sorted(incident.report_pairs(gold_groups(truth)) - incident.report_pairs(groups))
    items = sorted(incident.from_payloads(payloads), key=lambda s: s.id)
    scoring = {k: v for k, v in options.items() if k in ("join_at", "propose_at")}
    known = {(i, j): match for i, j, match in incident.scored_pairs(items, **scoring)}
    by_report: dict[str, list[int]] = {}
    for k, item in enumerate(items):
        by_report.setdefault(item.report_id, []).append(k)
    rank = {"join": 2, "propose": 1, "apart": 0}
    rows = []
    for left, right in missed:
        pairs = [(min(i, j), max(i, j)) for i in by_report.get(left, []) for j in by_report.get(right, [])]
        if not pairs:
            rows.append({"reports": (left, right), "kind": "no event", "events": None, "score": 0.0,
                         "reason": f"no event read in {left if left not in by_report else right}"})
            continue
        found = [(pair, known.get(pair) or incident.compare(items[pair[0]], items[pair[1]], **scoring))
                 for pair in pairs]
        pair, match = max(found, key=lambda f: (rank[f[1].decision], f[1].score, f[0]))
        if match.decision == "join":
            kind = "groups held apart"
        elif match.decision == "propose":
            kind = "torn" if "may be another happening" in match.reason else \
                "undated, no sole fit" if "date of one unknown" in match.reason \
                or "reported in the same days" in match.reason else "grey zone"
        else:
            kind = next((v for k, v in WHY_KINDS.items() if match.reason.startswith(k)), "below the grey zone")
        if pair not in known:
            kind += " (not paired by the blocks)"
        a, b = items[pair[0]], items[pair[1]]
        against = [what for what, test in (("date", incident.compare_dates), ("type", incident.compare_types),
                                           ("place", incident.compare_places), ("figures", incident.compare_figures))
                   if test(a, b) is None]
        rows.append({"reports": (left, right), "kind": kind, "events": (a.id, b.id), "score": match.score,
                     "reason": match.reason + (f" [ruled out by: {', '.join(against)}]" if against else "")})
    return rows


# -- speed ---------------------------------------------------------------------------------------------
def synthetic_sightings(n: int, *, seed: int = 7) -> list[incident.Sighting]:
    """``n`` synthetic events: two thirds told once, and a second report retelling a third of them.

    A retelling is at the same place, the same or the next day, a type of the same family, and a revised
    toll, so the linker has real work (the true joins) besides the chance meetings of unrelated events.
    """
    import dataclasses
    import random

    from bench import synth

    rng = random.Random(seed)
    told = incident.from_payloads(synth.payloads(n - n // 3, seed=seed))
    family = {"bombing": "suicide_bombing", "suicide_bombing": "explosion", "airstrike": "shelling"}
    retold = []
    for k, original in enumerate(rng.sample(told, n // 3)):
        shift = dt.timedelta(days=rng.choice((0, 0, 1)))
        killed = original.killed and (original.killed[0], original.killed[1] + rng.randrange(0, 20))
        retold.append(dataclasses.replace(
            original, id=f"retold-{k:07d}", report_id=f"retold-{seed}-{k // 25:07d}",
            event_type=family.get(original.event_type, original.event_type),
            start=original.start and original.start + shift, end=original.end and original.end + shift,
            killed=killed))
    return told + retold


def synthetic_payloads(n: int, *, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` synthetic events as extraction payloads: two thirds told once, a third retold by second reports.

    The payload form of ``synthetic_sightings`` (same place, the same or the next day, a type of the same family,
    a revised toll), for importing into a database.
    """
    import copy
    import random

    from bench import synth

    rng = random.Random(seed)
    told = list(synth.payloads(n - n // 3, seed=seed))
    events = [(payload, item) for payload in told for item in payload["events"]]
    family = {"bombing": "suicide_bombing", "suicide_bombing": "explosion", "airstrike": "shelling"}
    retold: list[dict[str, Any]] = []
    for k, (payload, original) in enumerate(rng.sample(events, n // 3)):
        if k % 25 == 0:
            retold.append({"report": {**payload["report"], "id": f"retold-{seed}-{k // 25:07d}"}, "events": []})
        item = copy.deepcopy(original)
        day = dt.date.fromisoformat(item["date"]) + dt.timedelta(days=rng.choice((0, 0, 1)))
        item.update(id=f"retold-{k:07d}", date=day.isoformat(),
                    event_type=family.get(item["event_type"], item["event_type"]))
        item["types"] = [item["event_type"]]
        for claim in item["claims"]:
            if claim.get("killed") is not None:
                claim["killed"] += rng.randrange(0, 20)
        retold[-1]["events"].append(item)
    return told + retold


def import_speed(n: int) -> dict[str, float]:
    """Import ``n`` synthetic events into a fresh SQLite file twice in one process: as ``import`` does now
    (linked in the same transaction), and with the linking step skipped (the import before it linked)."""
    import tempfile

    from conflictmap.store import EventStore

    payloads = synthetic_payloads(n)
    out: dict[str, float] = {"events": n}
    original, first = EventStore._relink_touching, EventStore._link_first
    with tempfile.TemporaryDirectory() as folder:
        for label, relink in (("without_linking", lambda self, conn, ids: None), ("with_linking", original)):
            EventStore._relink_touching = relink  # type: ignore[method-assign]
            if label == "without_linking":  # nor the linking of a first import before its writes
                EventStore._link_first = lambda self, conn, *rows: True  # type: ignore[method-assign]
            try:
                store = EventStore(f"sqlite:///{folder}/{label}.db")
                start, cpu = time.perf_counter(), time.process_time()
                store.import_payloads(payloads)
                out[f"{label}_s"] = time.perf_counter() - start
                out[f"{label}_cpu_s"] = time.process_time() - cpu
                frame = store.events_frame()
                out[f"{label}_incidents"] = int(frame["incident_id"].fillna(frame["id"]).nunique())
                store.dispose()
            finally:
                EventStore._relink_touching, EventStore._link_first = original, first  # type: ignore[method-assign]
    return out


def naive_link(sightings: list[incident.Sighting]) -> int:
    """The baseline: compare every pair; returns the pairs that would join."""
    return sum(1 for a, b in itertools.combinations(sightings, 2) if incident.compare(a, b).decision == "join")


def speed(n: int, baseline_n: int) -> dict[str, float]:
    made = time.perf_counter()
    sightings = synthetic_sightings(n)
    built = time.perf_counter() - made
    start, cpu = time.perf_counter(), time.process_time()
    linking = incident.link(sightings)
    took, took_cpu = time.perf_counter() - start, time.process_time() - cpu
    small = sightings[:baseline_n]
    start = time.process_time()
    incident.link(small)
    blocked_small = time.process_time() - start
    start = time.process_time()
    naive_link(small)
    naive_small = time.process_time() - start  # CPU seconds: the machine may be shared
    pairs = baseline_n * (baseline_n - 1) / 2
    return {"events": n, "build_s": built, "link_s": took, "link_cpu_s": took_cpu, "incidents": len(set(linking.incident_of.values())),
            "joins": len(linking.joins), "proposals": len(linking.proposals),
            "baseline_events": baseline_n, "blocked_small_s": blocked_small, "naive_small_s": naive_small,
            "naive_full_estimate_s": naive_small / pairs * n * (n - 1) / 2}


def columns(url: str, runs: int = 3) -> dict[str, float]:
    """Build the map's columns from one read of a linked database, with the incident grouping and without
    (the rows stripped of their incident id, as before incidents), alternately in one process."""
    from conflictmap.columns import INCIDENT_FIELD, EventColumns
    from conflictmap.store import EventStore

    store = EventStore(url)
    started = time.perf_counter()
    events, claims = store.map_rows()
    read = time.perf_counter() - started
    plain = [row[:INCIDENT_FIELD] for row in events]
    with_incidents, without = [], []
    for _ in range(runs):
        started = time.perf_counter()
        grouped = EventColumns.from_rows(events, claims)
        with_incidents.append(time.perf_counter() - started)
        started = time.perf_counter()
        ungrouped = EventColumns.from_rows(plain, claims)
        without.append(time.perf_counter() - started)
    return {"events": len(events), "points_without": len(ungrouped), "points_with": len(grouped), "read_s": read,
            "build_without_s": sorted(without)[runs // 2], "build_with_s": sorted(with_incidents)[runs // 2]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    s = sub.add_parser("score")
    s.add_argument("shared", nargs="?", default=str(SHARED))
    s.add_argument("--why", action="store_true", help="say why each true pair the reader's events miss is missed")
    p = sub.add_parser("speed")
    p.add_argument("n", nargs="?", type=int, default=100_000)
    p.add_argument("--baseline", type=int, default=3_000)
    i = sub.add_parser("import")
    i.add_argument("n", nargs="?", type=int, default=100_000)
    c = sub.add_parser("columns")
    c.add_argument("url")
    args = parser.parse_args(argv)
    if args.what == "import":
        print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in import_speed(args.n).items()}))
        return 0
    if args.what == "columns":
        print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in columns(args.url).items()}))
        return 0
    if args.what == "score":
        shared = Path(args.shared)
        truth = gold(shared)
        read = reader_payloads(shared)
        for label, payloads in (("reader", read), ("gold events", gold_payloads(truth, shared))):
            for how, options in (("automatic joins", {}),
                                 ("every proposal confirmed", {"join_at": incident.PROPOSE_AT})):
                result = score(payloads, truth, **options)
                print(f"{label}, {how}: precision {result.precision:.3f} recall {result.recall:.3f} "
                  f"({result.correct_pairs} of {result.predicted_pairs} predicted pairs right, "
                  f"{result.true_pairs} true pairs; decoy links {result.decoy_links})")
        if args.why:
            rows = why(read, truth)
            print(f"\nreader, automatic joins: {len(rows)} true pairs missed")
            for row in rows:
                print(f"  {row['reports'][0]} {row['reports'][1]}  {row['kind']}: {row['events']} "
                      f"{row['score']:.3f} {row['reason']}")
            counts: dict[str, int] = {}
            for row in rows:
                counts[row["kind"]] = counts.get(row["kind"], 0) + 1
            for kind, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                print(f"  {count:3d}  {kind}")
        return 0
    result = speed(args.n, args.baseline)
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()}, indent=1))
    print(f"at {dt.date.today()}: {args.n} events linked in {result['link_s']:.1f} s "
          f"({result['link_cpu_s']:.1f} s CPU); all pairs would take "
          f"~{result['naive_full_estimate_s'] / 3600:.1f} h (measured on {args.baseline})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
