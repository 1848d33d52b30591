"""``python -m conflictmap``: extract, ingest, geocode, pin, import and export from the command line.

``extract`` writes nothing and prints the JSON contract that the rest of
conflictmap (and other tools) read; ``ingest`` stores the same thing.
``geocode`` walks the chain of ``conflictmap.places.chain`` (database, offline
gazetteer, online provider unless ``--offline`` or ``CONFLICTMAP_GEOCODER=off``).
``incidents --relink`` links the stored events into incidents again.
``import`` reads ACLED and UCDP GED CSVs (every published layout), GeoJSON
and our own JSON dump, and prints how many events were added, updated (a
newer version of the data set's row), unchanged and refused; refused rows
are listed on stderr (file, line, column, reason) and the exit status is 1,
while the good rows are stored. ``export`` writes the database, or a date window.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from sqlalchemy.exc import OperationalError

from conflictmap import draft, exchange, mapfiles
from conflictmap.exchange import ImportFileError
from conflictmap.reading.reader import Extractor
from conflictmap.places.gazetteer import Gazetteer
from conflictmap.places.chain import Geocoder, retry_unresolved
from conflictmap.places.pins import pin
from conflictmap.reading.text import read_report_file
from conflictmap.reading.sources import SourceRegistry
from conflictmap.store import EventStore, StoreUnavailable, default_url


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from exc


def _country(value: str) -> str:
    """An ISO 3166-1 alpha-2 code ("YE", "ua"), upper-cased; raises ``ArgumentTypeError`` for anything else."""
    import pycountry

    code = value.strip().upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise argparse.ArgumentTypeError(f"not an ISO 3166-1 alpha-2 country code: {value!r} (e.g. SY, YE, UA)")
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m conflictmap",
                                     description="Turn conflict reports into mapped events with per-source claims.")
    sub = parser.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="print the events of a report as JSON; writes nothing")
    ex.add_argument("file")
    ex.add_argument("--pub-date", type=_date, help="the report's publication date (YYYY-MM-DD)")
    ex.add_argument("--format", choices=["json"], default="json")
    ex.add_argument("--country", type=_country,
                    help="ISO 3166-1 alpha-2 code of the country the report is about (default: inferred from its text)")

    ing = sub.add_parser("ingest", help="extract a report and store its events")
    ing.add_argument("file", nargs="+")
    ing.add_argument("--pub-date", type=_date)
    ing.add_argument("--publisher")
    ing.add_argument("--url")
    ing.add_argument("--database", help="SQLAlchemy URL (default: CONFLICTMAP_DATABASE_URL or a local SQLite file)")

    ing.add_argument("--offline", action="store_true", help="place unknown names from the gazetteer only")
    ing.add_argument("--country", type=_country,
                     help="ISO 3166-1 alpha-2 code of the country the reports are about (default: inferred from "
                     "each report's text)")

    geo = sub.add_parser("geocode", help="find one place (database, gazetteer, then online), or retry unplaced events")
    geo.add_argument("name", nargs="?")
    geo.add_argument("--near", help="a city or governorate that decides between namesakes ('southern Damascus')")
    geo.add_argument("--format", choices=["json", "text"], default="json")
    geo.add_argument("--offline", action="store_true", help="never ask the online provider")
    geo.add_argument("--country", help="ISO country code of the places; without it, the country --near names, "
                     "else every country (--retry-unresolved: SY)")
    geo.add_argument("--retry-unresolved", action="store_true",
                     help="try again to place every stored event that has no place yet")
    geo.add_argument("--database", help="SQLAlchemy URL (default: CONFLICTMAP_DATABASE_URL or a local SQLite file)")

    gaz = sub.add_parser("gazetteer", help="extend the offline gazetteer")
    gaz_sub = gaz.add_subparsers(dest="action", required=True)
    imp = gaz_sub.add_parser("import", help="import a GeoNames country dump (XX.txt, 19 tab-separated columns)")
    imp.add_argument("file")

    pin_cmd = sub.add_parser("pin", help="put a place (stored place id, or an unplaced name) where it belongs")
    pin_cmd.add_argument("place", help="a stored place id (e.g. sy-dam-jobar) or the name as reports spell it")
    pin_cmd.add_argument("--lat", type=float, required=True)
    pin_cmd.add_argument("--lon", type=float, required=True)
    pin_cmd.add_argument("--precision", choices=["neighbourhood", "city", "town", "district", "governorate",
                                                 "country"], default="town")
    pin_cmd.add_argument("--who", help="who pins (default: local editor)")
    pin_cmd.add_argument("--database", help="SQLAlchemy URL")

    inc = sub.add_parser("incidents", help="link stored events that tell one happening into incidents")
    inc.add_argument("--relink", action="store_true", help="link every stored event again (same data, same incidents)")
    inc.add_argument("--auto", choices=["on", "off"], help="turn automatic joins on or off (then relink)")
    inc.add_argument("--who", help="who turns automatic joins on or off (default: local editor)")
    inc.add_argument("--format", choices=["text", "json"], default="text")
    inc.add_argument("--database", help="SQLAlchemy URL")

    ev = sub.add_parser("evaluate", help="score the extractor against gold readings of reports")
    ev.add_argument("path", nargs="+", help="gold files, or folders of them (seed_gold.json, dev-NN.json)")
    ev.add_argument("--format", choices=["text", "json"], default="text")
    ev.add_argument("--misses", action="store_true", help="list what was missed or extra, per report")
    ev.add_argument("--raise-floors", metavar="FILE",
                    help="raise the ratchet file's floors to the scores measured now, never lowering one "
                         "(tests/data/reader_scores.json); exits 1 if any score fell below its floor")

    imp = sub.add_parser("import", help="store the events of an ACLED or UCDP GED CSV, GeoJSON or a conflictmap dump")
    imp.add_argument("file")
    imp.add_argument("--format", choices=exchange.IMPORT_FORMATS, required=True)
    order = imp.add_mutually_exclusive_group()
    order.add_argument("--dayfirst", dest="order", action="store_const", const="dayfirst",
                       help="numeric dates are day-first (18/04/2001), when the file itself does not show it")
    order.add_argument("--monthfirst", dest="order", action="store_const", const="monthfirst",
                       help="numeric dates are month-first (04/18/2001)")
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
    except StoreUnavailable as exc:  # its message names the database without the password
        print(f"conflictmap: {exc}; nothing was written", file=sys.stderr)
        return 3
    except OperationalError as exc:  # the database went away (or stayed locked) during the command
        problem = StoreUnavailable.from_error(exc, getattr(args, "database", None) or default_url())
        print(f"conflictmap: {problem}; the command's last transaction was rolled back", file=sys.stderr)
        return 3
    except FileNotFoundError as exc:
        print(f"conflictmap: no such file: {exc.filename}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"conflictmap: {exc}", file=sys.stderr)
        return 2


def cmd_extract(args: argparse.Namespace) -> int:
    report = read_report_file(args.file, pub_date=args.pub_date)
    result = Extractor(Gazetteer.default(), SourceRegistry.default()).extract(report, country=args.country)
    json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    store = EventStore(args.database)
    gazetteer = Gazetteer.default()
    extractor = Extractor(gazetteer, SourceRegistry.default())
    chain = Geocoder.configured(gazetteer, store, offline=args.offline)
    for path in args.file:
        report = read_report_file(path, pub_date=args.pub_date, url=args.url, publisher=args.publisher)
        payload = extractor.extract(report, country=args.country).to_dict()
        result = store.ingest(payload)
        if result.added:
            unplaced = [e["id"] for e in payload["events"] if e["place"]["lat"] is None]
            summary = retry_unresolved(store, chain, event_ids=unplaced) if unplaced else None
            left = summary.tried - summary.placed if summary else 0
            print(f"{path}: stored report {result.report_id}: {result.events} events, {result.claims} claims"
                  + (f", {summary.placed} placed online or by pins" if summary and summary.placed else "")
                  + (f", {left} place{'s' if left != 1 else ''} to pin" if left else ""))
            still = store.unresolved_events() if unplaced else None
            reasons = {} if still is None else dict(zip(still["id"], still["reason"]))
            for line in unplaced_lines(payload, reasons, draft.known_by(gazetteer, extractor.registry)):
                print(line)
        else:
            print(f"{path}: report {result.report_id} is already stored; nothing changed")
    _prepare_map(store)
    return 0


SENTENCE_START = 60  # characters of a sentence printed beside an unplaced name


def unplaced_lines(payload: dict, reasons: Mapping[str, str | None],
                   known: Callable[[str], bool] | None = None) -> list[str]:
    """What ``ingest`` leaves to pin, as the Ingest page lists it (``draft.unresolved``, ``draft.unplaced_names``).

    ``reasons``: event id -> why it is still unplaced, for the events still without a place after the lookups
    (``EventStore.unresolved_events``); events placed meanwhile are not listed. One line a name, plain text:
    ``  to pin: Tal Sinthetiya (not found) — Shelling hit the village of Tal Sinthetiya on Monday, killing…``
    and ``  named, not placed: Sakhour — …`` for a name in the events' sentences that nothing placed. Report
    text is untrusted: control characters (a terminal's escape sequences, bidi overrides) are dropped.

    >>> unplaced_lines({"events": [{"id": "r-1", "place": {"mention": "Kafr\x1b[31m X", "lat": None},
    ...                              "quote": "Shells hit Kafr X."}]}, {"r-1": "not found"}, lambda name: True)
    ['  to pin: Kafr [31m X (not found) — Shells hit Kafr X.']
    """
    lines = []
    missing = [m for m in draft.unresolved(payload) if m["id"] in reasons]
    for item in missing:
        why = f" ({_plain(reasons[item['id']])})" if reasons[item["id"]] else ""
        lines.append(f"  to pin: {_plain(item['place'])}{why} — {_start(item['quote'])}")
    listed = {m["place"] for m in missing}
    for item in draft.unplaced_names(payload, known):
        if item["name"] not in listed:
            lines.append(f"  named, not placed: {_plain(item['name'])} — {_start(item['quote'])}")
    return lines


def _plain(text: object) -> str:
    """One line of text a terminal shows as it is: no control or bidi-override characters, spaces collapsed."""
    kept = "".join(" " if unicodedata.category(c) == "Cc" else c for c in str(text or "") if c not in BIDI_CONTROLS)
    return " ".join(kept.split())


BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _start(sentence: object) -> str:
    """A sentence's first ``SENTENCE_START`` characters, cut at a word, with "…" where it goes on."""
    text = _plain(sentence)
    if len(text) <= SENTENCE_START:
        return text
    return text[:SENTENCE_START].rsplit(" ", 1)[0] + "…"


def _prepare_map(store: EventStore) -> None:
    """Write the map's files for the data just stored, so the dashboard's next first view need not build them.

    A cache folder that cannot be written costs only that: the dashboard builds the files itself.
    """
    try:
        mapfiles.prepare(store)
    except OSError as exc:
        print(f"conflictmap: the map's files were not prepared ({exc}); the dashboard will build them", file=sys.stderr)


def cmd_geocode(args: argparse.Namespace) -> int:
    country = args.country.upper() if args.country else "SY" if args.retry_unresolved else None
    gazetteer = Gazetteer.default(countries=(country,) if country else ())  # () is every country
    store = EventStore(args.database)
    chain = Geocoder.configured(gazetteer, store, offline=args.offline, country=country)
    if args.retry_unresolved:
        summary = retry_unresolved(store, chain)
        print(f"tried {summary.tried} unplaced event(s): placed {summary.placed}, "
              f"{summary.tried - summary.placed} still unplaced")
        for reason, n in sorted(summary.reasons.items(), key=lambda kv: -kv[1]):
            print(f"  {n} x {reason}")
        return 0
    if not args.name:
        print("conflictmap: geocode needs a NAME (or --retry-unresolved)", file=sys.stderr)
        return 2
    resolution = chain.resolve(args.name, near=args.near)
    if resolution.match is None:
        print(f"conflictmap: no place called {args.name!r}: {resolution.reason}", file=sys.stderr)
        return 1
    match = resolution.match
    place = match.place
    answer = {"name": place.name, "display_name": place.display_name, "lat": place.lat, "lon": place.lon,
              "precision": place.precision.value, "geo_precision": place.precision.acled,
              "where_prec": place.precision.ucdp, "admin1": place.admin1, "country": place.country,
              "source": place.source, "id": place.id, "confidence": match.confidence, "via": resolution.via,
              "alternatives": [{"name": p.display_name, "admin1": p.admin1, "country": p.country, "lat": p.lat,
                                "lon": p.lon, "precision": p.precision.value, "id": p.id} for p in match.alternatives]}
    if args.format == "json":
        print(json.dumps(answer, ensure_ascii=False, indent=2))
    else:
        print(f"{place.display_name} ({place.precision.value}, {place.admin1}): {place.lat}, {place.lon} "
              f"[{place.source}; via {resolution.via}; confidence {match.confidence}]")
    return 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    from conflictmap.places.geonames import import_dump

    result = import_dump(args.file)
    print(f"{args.file}: imported {result.places} places of {result.country} into {result.path}")
    return 0


def cmd_pin(args: argparse.Namespace) -> int:
    store = EventStore(args.database)
    done = pin(store, args.place, lat=args.lat, lon=args.lon, who=args.who, precision=args.precision)
    was = (f" (was {done['previous_lat']}, {done['previous_lon']})" if done["previous_lat"] is not None else "")
    print(f"pinned {done['name']} at {done['lat']}, {done['lon']}{was} by {done['who']}")
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
    if args.raise_floors:
        return _raise_floors(Path(args.raise_floors), scores)
    return 0


def _raise_floors(path: Path, scores: list) -> int:
    from conflictmap.evaluate import raise_floors

    try:
        floors = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, ValueError) as exc:
        print(f"conflictmap: cannot read the floors in {path}: {exc}", file=sys.stderr)
        return 1
    raised, fallen = raise_floors(scores, floors)
    for line in fallen:
        print(f"conflictmap: {line}", file=sys.stderr)
    path.write_text(json.dumps(raised, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"floors written to {path}")
    return 1 if fallen else 0


def cmd_incidents(args: argparse.Namespace) -> int:
    store = EventStore(args.database)
    if args.auto:
        linking = store.set_auto_joins(args.auto == "on", editor=args.who or "local editor",
                                       reason="command line")
    elif args.relink:
        linking = store.relink_incidents()
    else:
        raise ValueError("say what to do: --relink, or --auto on|off")
    groups = {k: v for k, v in linking.incidents().items() if len(v) > 1}
    if args.format == "json":
        print(json.dumps({"incidents": groups, "joins": [vars(m) for m in linking.joins],
                          "proposals": [vars(m) for m in linking.proposals]}, indent=2, ensure_ascii=False))
        return 0
    print(f"{len(linking.incident_of)} events in {len(linking.incidents())} incidents; {len(groups)} incidents "
          f"told by more than one event; {len(linking.joins)} automatic joins"
          f"{'' if store.auto_joins() else ' (automatic joins are off)'}; {len(linking.proposals)} proposals "
          "for an editor (Review page)")
    _prepare_map(store)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    if not Path(args.file).is_file():
        raise FileNotFoundError(2, "no such file", args.file)
    store = EventStore(args.database)
    report = exchange.import_file(store, args.file, args.format, order=args.order)
    for error in report.errors:
        print(f"{args.file}, {error}", file=sys.stderr)
    print(f"{args.file}: {report.summary}")
    _prepare_map(store)
    return 1 if report.errors else 0


def cmd_export(args: argparse.Namespace) -> int:
    body = exchange.export_text(EventStore(args.database), args.format, args.start, args.end)
    if args.output:
        Path(args.output).write_text(body, encoding="utf-8", newline="")
    else:
        sys.stdout.write(body)
    return 0


COMMANDS = {"extract": cmd_extract, "ingest": cmd_ingest, "geocode": cmd_geocode, "gazetteer": cmd_gazetteer,
            "pin": cmd_pin, "evaluate": cmd_evaluate, "import": cmd_import, "export": cmd_export,
            "incidents": cmd_incidents}
