"""``python -m conflictmap``: extract, ingest, geocode, import and export from the command line.

``extract`` writes nothing and prints the JSON contract that the rest of
conflictmap (and other tools) read; ``ingest`` stores the same thing.
``import`` reads ACLED and UCDP GED CSVs and our own JSON dump; refused rows
are listed on stderr (line and reason) and the exit status is 1, while the
good rows are stored. ``export`` writes the database, or a date window.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from conflictmap import exchange
from conflictmap.dataset import ImportFileError
from conflictmap.extract import Extractor
from conflictmap.gazetteer import Gazetteer
from conflictmap.report import read_report_file
from conflictmap.source import SourceRegistry
from conflictmap.store import EventStore


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m conflictmap",
                                     description="Turn conflict reports into mapped events with per-source claims.")
    sub = parser.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="print the events of a report as JSON; writes nothing")
    ex.add_argument("file")
    ex.add_argument("--pub-date", type=_date, help="the report's publication date (YYYY-MM-DD)")
    ex.add_argument("--format", choices=["json"], default="json")

    ing = sub.add_parser("ingest", help="extract a report and store its events")
    ing.add_argument("file", nargs="+")
    ing.add_argument("--pub-date", type=_date)
    ing.add_argument("--publisher")
    ing.add_argument("--url")
    ing.add_argument("--database", help="SQLAlchemy URL (default: CONFLICTMAP_DATABASE_URL or a local SQLite file)")

    geo = sub.add_parser("geocode", help="find one place in the gazetteer")
    geo.add_argument("name")
    geo.add_argument("--near", help="a city or governorate that decides between namesakes")
    geo.add_argument("--format", choices=["json", "text"], default="json")

    ev = sub.add_parser("evaluate", help="score the extractor against gold readings of reports")
    ev.add_argument("path", nargs="+", help="gold files, or folders of them (seed_gold.json, dev-NN.json)")
    ev.add_argument("--format", choices=["text", "json"], default="text")
    ev.add_argument("--misses", action="store_true", help="list what was missed or extra, per report")

    imp = sub.add_parser("import", help="store the events of an ACLED or UCDP GED CSV, or of a conflictmap dump")
    imp.add_argument("file")
    imp.add_argument("--format", choices=exchange.IMPORT_FORMATS, required=True)
    imp.add_argument("--database", help="SQLAlchemy URL (default: CONFLICTMAP_DATABASE_URL or a local SQLite file)")

    exp = sub.add_parser("export", help="write the stored events as ACLED or UCDP CSV, GeoJSON or a JSON dump")
    exp.add_argument("--format", choices=exchange.EXPORT_FORMATS, required=True)
    exp.add_argument("--from", dest="start", type=_date, help="first event date to include (YYYY-MM-DD)")
    exp.add_argument("--to", dest="end", type=_date, help="last event date to include (YYYY-MM-DD)")
    exp.add_argument("--output", "-o", help="file to write (default: standard output)")
    exp.add_argument("--database", help="SQLAlchemy URL (default: CONFLICTMAP_DATABASE_URL or a local SQLite file)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except ImportFileError as exc:
        print(f"conflictmap: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"conflictmap: no such file: {exc.filename}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"conflictmap: {exc}", file=sys.stderr)
        return 2


def cmd_extract(args: argparse.Namespace) -> int:
    report = read_report_file(args.file, pub_date=args.pub_date)
    result = Extractor(Gazetteer.default(), SourceRegistry.default()).extract(report)
    json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    store = EventStore(args.database)
    extractor = Extractor(Gazetteer.default(), SourceRegistry.default())
    for path in args.file:
        report = read_report_file(path, pub_date=args.pub_date, url=args.url, publisher=args.publisher)
        payload = extractor.extract(report).to_dict()
        result = store.ingest(payload)
        unresolved = len(payload["unresolved"])
        if result.added:
            print(f"{path}: stored report {result.report_id}: {result.events} events, {result.claims} claims"
                  + (f", {unresolved} places to pin" if unresolved else ""))
        else:
            print(f"{path}: report {result.report_id} is already stored; nothing changed")
    return 0


def cmd_geocode(args: argparse.Namespace) -> int:
    match = Gazetteer.default().geocode(args.name, near=args.near)
    if match is None:
        print(f"conflictmap: no place called {args.name!r} in the gazetteer", file=sys.stderr)
        return 1
    place = match.place
    answer = {"name": place.name, "display_name": place.display_name, "lat": place.lat, "lon": place.lon,
              "precision": place.precision.value, "admin1": place.admin1, "country": place.country,
              "source": place.source, "id": place.id, "confidence": match.confidence,
              "alternatives": [{"name": p.display_name, "admin1": p.admin1, "lat": p.lat, "lon": p.lon}
                               for p in match.alternatives]}
    if args.format == "json":
        print(json.dumps(answer, ensure_ascii=False, indent=2))
    else:
        print(f"{place.display_name} ({place.precision.value}, {place.admin1}): {place.lat}, {place.lon} "
              f"[{place.source}]")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from conflictmap.evaluate import evaluate, format_table

    scores, total = evaluate(args.path)
    if not scores:
        print("conflictmap: no gold readings found", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps({"reports": [s.as_dict() for s in scores], "total": total.as_dict()}, indent=2))
        return 0
    print(format_table(scores, total))
    if args.misses:
        for s in scores:
            for miss in s.misses:
                print(f"{s.name}: {miss}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    if not Path(args.file).is_file():
        raise FileNotFoundError(2, "no such file", args.file)
    report = exchange.import_file(EventStore(args.database), args.file, args.format)
    for error in report.errors:
        print(f"{args.file}: {error}", file=sys.stderr)
    print(f"{args.file}: {report.summary}")
    return 1 if report.errors else 0


def cmd_export(args: argparse.Namespace) -> int:
    body = exchange.export_text(EventStore(args.database), args.format, args.start, args.end)
    if args.output:
        Path(args.output).write_text(body, encoding="utf-8", newline="")
    else:
        sys.stdout.write(body)
    return 0


COMMANDS = {"extract": cmd_extract, "ingest": cmd_ingest, "geocode": cmd_geocode, "evaluate": cmd_evaluate,
            "import": cmd_import, "export": cmd_export}
