"""ACLED: reading its CSV exports into events and claims, and writing ours in its columns.

An ACLED row is one event with one fatality figure; that figure is a claim
attributed to the data set "ACLED" (its ``source`` column, the outlets ACLED
read, becomes the claim's ``source_mention``), so it sits beside the
monitors' and agencies' figures instead of replacing them. Columns
conflictmap has no place for (actors, codes, ids, tags) travel in the
event's ``attributes`` and come back out on export.

Every layout ACLED has published is read, detected from the header: the
current 31 columns, the 2019-2022 export (``data_id``, ``iso3``), and the
layout before 2019 (upper-case names, ``ALLY_ACTOR_1``, ``GWNO``, no
``sub_event_type``, event types such as "Battle-No change of territory" or
"Remote violence"; ACLED Codebook 2017). Numeric ``inter1``/``inter2``/
``interaction`` codes become the current codebook's words. A row's version
is its ``timestamp``: a newer one revises the stored event
(``provenance``). Rows conflictmap exported itself carry
``conflictmap report=<id>`` in ``tags`` and come back as that event.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

import pandas as pd

from conflictmap.reading.events import ACLED_TYPES
from conflictmap.exchange import provenance
from conflictmap.exchange.countries import country, event_country
from conflictmap import validate
from conflictmap.exchange.rows import DATASET_KIND, IDENTITY, CellError, ColumnTable, DateReader, ImportRowError, \
    Layout, Parsed, ParsedColumns, Table, claims_by_event, missing, parse_table, paused_gc, place_key, read_columns, \
    read_table, share_out, short_id
from conflictmap.places.place import Precision

DATASET = "ACLED"
# The current codebook's export, in its order.
COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
           "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
           "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
           "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp")
# What every layout ACLED has published holds: before 2019 there was no sub_event_type.
REQUIRED = ("event_id_cnty", "event_date", "event_type", "latitude", "longitude", "fatalities")
# Names older releases gave today's columns (ACLED versions 1-8 wrote ALLY_ACTOR_1, upper case).
ALIASES = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2", "lat": "latitude", "lon": "longitude",
           "long": "longitude", "event_id": "event_id_cnty"}
LAYOUT = Layout("ACLED", REQUIRED, COLUMNS, ALIASES, ("event_date",))
# Columns stored in conflictmap's own fields; everything else is kept in ``attributes``.
CORE = frozenset({"event_id_cnty", "event_date", "year", "time_precision", "admin1", "location", "latitude",
                  "longitude", "geo_precision", "source", "notes", "fatalities"})
# Numeric actor types of exports before the text labels.
INTER_CODES = {"1": "State forces", "2": "Rebel group", "3": "Political militia", "4": "Identity militia",
               "5": "Rioters", "6": "Protesters", "7": "Civilians", "8": "External/Other forces"}
TIME_PRECISION = {"1": "day", "2": "week", "3": "month"}
TIME_PRECISION_OUT = {"day": 1, "days": 2, "week": 2, "month": 3, "year": 3}
GEO_PRECISION = {"1": Precision.TOWN, "2": Precision.DISTRICT, "3": Precision.GOVERNORATE}
GEO_PRECISION_OUT = {Precision.NEIGHBOURHOOD.value: 1, Precision.CITY.value: 1, Precision.TOWN.value: 1,
                     Precision.DISTRICT.value: 2, Precision.GOVERNORATE.value: 3, Precision.COUNTRY.value: 3}
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Riots": "Political violence",
            "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}
# ACLED's sub-event type back to ours; a sub-event type we have no word for falls back on its event type.
_BY_SUB_EVENT: dict[str, str] = {}
for _ours, (_type, _sub) in ACLED_TYPES.items():
    _BY_SUB_EVENT.setdefault(_sub, _ours)
# Event types of the current codebook, and of the codebook before 2019 (ACLED Codebook 2017, section 3).
_BY_EVENT_TYPE = {"Battles": "clash", "Explosions/Remote violence": "explosion",
                  "Violence against civilians": "massacre", "Battle-No change of territory": "clash",
                  "Battle-Government regains territory": "clash", "Battle-Non-state actor overtakes territory": "clash",
                  "Remote violence": "explosion"}


def our_type(event_type: str, sub_event_type: str) -> str:
    """conflictmap's type for an ACLED type pair (today's, or an older event type alone).

    >>> our_type("Explosions/Remote violence", "Air/drone strike"), our_type("Remote violence", "")
    ('airstrike', 'explosion')
    """
    return _BY_SUB_EVENT.get(sub_event_type) or _BY_EVENT_TYPE.get(event_type) or "other"


def interaction_words(code: str) -> str:
    """An old two-digit interaction code in words ("17" -> "State forces-Civilians"); words pass through."""
    if not code.isdigit():
        return code
    first, second = code[:1], code[1:2] or "0"
    if second == "0":
        return f"{INTER_CODES.get(first, first)} only"
    return f"{INTER_CODES.get(first, first)}-{INTER_CODES.get(second, second)}"


def revision(row: Mapping[str, str]) -> int | None:
    """ACLED's version of a row: its ``timestamp`` (Unix seconds of the last change), None when absent."""
    text = row.get("timestamp", "")
    try:
        return int(float(text)) if text else None
    except (ValueError, OverflowError):
        raise CellError("timestamp", f"timestamp is {text!r}, not Unix seconds") from None


def row_payload(row: Mapping[str, str], cells: DateReader | None = None) -> dict[str, Any]:
    """One ACLED row as the ``extract`` JSON: a record holding one event and the data set's claim.

    A row conflictmap itself exported (``tags`` holds its mark) becomes
    that event again, with the figure under the sources that gave it.
    """
    cells = cells or DateReader()
    key, report_id = provenance.identify(row, "event_id_cnty", "tags", "ACLED")
    if report_id:
        return _our_payload(row, key, report_id, cells)
    day = cells.date(row, "event_date").isoformat()  # type: ignore[union-attr] - required: a date or CellError
    lat, lon = cells.coordinate(row, "latitude", 90), cells.coordinate(row, "longitude", 180)
    fatalities = cells.integer(row, "fatalities")
    time_code, geo_code = _codes(row)
    kind = our_type(row.get("event_type", ""), row.get("sub_event_type", ""))
    attributes = {k: v for k, v in row.items() if k not in CORE and v != ""}
    for column in ("inter1", "inter2"):
        if attributes.get(column) == "0":  # old exports: 0 means there is no second actor
            del attributes[column]
        elif attributes.get(column, "").isdigit():
            attributes[column] = INTER_CODES.get(attributes[column], attributes[column])
    if "interaction" in attributes:
        attributes["interaction"] = interaction_words(attributes["interaction"])
    location = row.get("location") or row.get("admin2") or row.get("admin1") or key
    precision = GEO_PRECISION[geo_code].value
    admin1 = row.get("admin1") or None
    notes = row.get("notes", "")
    event_id = short_id("acled", key, 64)
    return {
        "report": {"id": short_id("acled", key), "publisher": DATASET, "title": f"ACLED event {key}", "url": None,
                   "pub_date": None, "note": None},
        "events": [{
            "id": event_id, "date": day, "date_precision": TIME_PRECISION[time_code],
            "event_type": kind, "types": [kind], "quote": notes, "attributes": attributes,
            "place": {"id": _place_id(location, admin1, lat, lon, precision) if lat and lon else
                      place_key("acled", location, admin1, lat, lon, precision), "name": location,
                      "display_name": location, "mention": location, "lat": lat, "lon": lon,
                      "precision": precision, "admin1": admin1, "coord_source": DATASET,
                      "country": _country_of(row.get("iso", ""), row.get("country"))},
            "claims": [{"source": DATASET, "source_mention": row.get("source") or None, "source_kind": DATASET_KIND,
                        "killed": fatalities, "scope": "event", "date": day, "quote": notes}],
        }],
        "nationwide_claims": [],
        provenance.KEY: provenance.Identity(event_id, DATASET, revision(row)),
    }


@functools.lru_cache(maxsize=65_536)
def _place_id(location: str, admin1: str | None, lat: float, lon: float, precision: str) -> str:
    """``place_key`` of an ACLED location, once per distinct place: a file names the same places again and again.

    ``-0.0`` and ``0.0`` are one key here but two texts to ``place_key``, so a zero coordinate is not cached.
    """
    return place_key("acled", location, admin1, lat, lon, precision)


@functools.lru_cache(maxsize=4_096)
def _country_of(iso: str, name: str | None) -> str | None:
    from conflictmap.exchange.countries import by_name, by_number

    return by_number(iso) if iso else by_name(name)


def _codes(row: Mapping[str, str]) -> tuple[str, str]:
    time_code = row.get("time_precision") or "1"
    geo_code = row.get("geo_precision") or "1"
    if time_code not in TIME_PRECISION:
        raise CellError("time_precision", f"time_precision is {time_code!r}; the codebook has 1, 2 or 3")
    if geo_code not in GEO_PRECISION:
        raise CellError("geo_precision", f"geo_precision is {geo_code!r}; the codebook has 1, 2 or 3")
    return time_code, geo_code


def _row_country(row: Mapping[str, str]) -> str | None:
    return _country_of(row.get("iso", ""), row.get("country"))


def _our_payload(row: Mapping[str, str], key: str, report_id: str, cells: DateReader) -> dict[str, Any]:
    """A row of conflictmap's own ACLED export: its event again, the figure under the sources that gave it."""
    date = cells.date(row, "event_date")
    lat, lon = cells.point(row)
    fatalities = cells.integer(row, "fatalities")
    time_code, geo_code = _codes(row)
    kind = our_type(row.get("event_type", ""), row.get("sub_event_type", ""))
    sources = row.get("source") or None
    claims = [] if not sources and not fatalities else [{
        "source": sources, "killed": fatalities, "killed_qualifier": provenance.LOWEST, "scope": "event",
        "date": date.isoformat(), "quote": ""}]
    event = {"id": key, "date": date.isoformat(), "date_precision": TIME_PRECISION[time_code], "event_type": kind,
             "types": [kind], "quote": row.get("notes", ""), "claims": claims}
    return provenance.our_record(report_id, event, name=row.get("location") or key, admin1=row.get("admin1") or None,
                                 lat=lat, lon=lon, precision=GEO_PRECISION[geo_code].value,
                                 country=_row_country(row))


def read(source: str | Path | IO[str] | IO[bytes] | bytes) -> Table:
    """An ACLED CSV as a ``Table`` (header checked against every layout ACLED has published)."""
    return read_table(source, LAYOUT)


def parse(source: str | Path | IO[str] | IO[bytes] | bytes, *, order: str | None = None) -> Parsed:
    """Read an ACLED CSV export: the records to store, and each refused row with its line and reason.

    ``order`` states how numeric dates are written (``"dayfirst"``/``"monthfirst"``) when the file does not.
    """
    with paused_gc():
        return parse_table(read(source), LAYOUT, row_payload, order=order)


def parse_columns(source: str | Path | IO[str] | IO[bytes] | bytes, *,
                  order: str | None = None) -> ParsedColumns | Parsed:
    """``parse`` column by column: the same rows stored, the same rows refused with the same lines and reasons.

    The file is read once (``rows.read_columns``); each column's distinct
    texts are read and checked once (an export's dates, places and figures
    repeat), by the same cell readers and ``validate`` rules as
    ``row_payload``; the table rows are built column-wise, with no
    dictionary per row. A row that any of those checks refuses is read
    again by ``row_payload`` alone, which gives its reason (and keeps
    today's words). A file holding rows conflictmap exported itself, or a
    header naming a column twice, is read by ``parse`` instead (a ``Parsed``
    comes back). At 100,000 rows this is the import's largest saving
    (BENCHMARKS.md, Import).
    """
    with paused_gc():
        table = read_columns(source, LAYOUT)
        if len(set(table.header)) == len(table.header) and \
                not any(provenance.MARK in tags for tags in table.column("tags")):
            found = _columns(table, order)
            if found is not None:
                return found
        return parse_table(table.table(), LAYOUT, row_payload, order=order)


_FAULT = object()  # a cell text that a check refuses


def _checked(column: list[str], read: Any) -> tuple[list[Any], bool]:
    """``read`` of each distinct text of ``column`` (``_FAULT`` where it raises ``ValueError``), per row; and
    whether any was refused."""
    def checked(text: str) -> Any:
        try:
            return read(text)
        except (ValueError, OverflowError):
            return _FAULT

    seen = {text: checked(text) for text in set(column)}
    return list(map(seen.__getitem__, column)), _FAULT in seen.values()


def _columns(table: ColumnTable, order: str | None) -> ParsedColumns | None:
    """``parse_columns``' work on a file it can read column-wise; None if a row check disagrees with ``row_payload``."""
    from conflictmap.store import ImportColumns

    column = table.column
    cells = DateReader.for_columns([column(name) for name in LAYOUT.date_columns], order=order,
                                   decimal_comma=table.delimiter != ",")

    def day(text: str) -> dt.date:
        value = cells.date({"event_date": text}, "event_date")
        validate.date(value)
        return value  # type: ignore[return-value] - required: a date or CellError

    def fatalities(text: str) -> int:
        value = cells.integer({"fatalities": text}, "fatalities")
        validate.figures({"killed": value})
        return value  # type: ignore[return-value] - required

    keys = column("event_id_cnty")
    checks = [(keys, False) if "" not in keys else _checked(keys, lambda text: text or _FAULT),
              _checked(column("event_date"), day),
              _checked(column("latitude"), lambda text: cells.coordinate({"latitude": text}, "latitude", 90)),
              _checked(column("longitude"), lambda text: cells.coordinate({"longitude": text}, "longitude", 180)),
              _checked(column("fatalities"), fatalities),
              _checked(column("time_precision"), lambda text: TIME_PRECISION[text or "1"] if (text or "1") in
                       TIME_PRECISION else _FAULT),
              _checked(column("geo_precision"), lambda text: GEO_PRECISION[text or "1"].value if (text or "1") in
                       GEO_PRECISION else _FAULT),
              _checked(column("timestamp"), lambda text: revision({"timestamp": text}))]
    refused = sorted({i for values, any_refused in checks if any_refused
                      for i, value in enumerate(values) if value is _FAULT})
    errors = [ImportRowError(line, reason, file=table.name) for line, reason in table.faults]
    for i in refused:  # the row-by-row reader names the first fault of the row, in its own words
        try:
            validate.payload(row_payload(table.row(i), cells))
        except CellError as exc:
            errors.append(ImportRowError(table.lines[i], str(exc), exc.column, table.name))
            continue
        except ValueError as exc:
            errors.append(ImportRowError(table.lines[i], str(exc), file=table.name))
            continue
        return None  # a row the checks here refused and row_payload reads: leave the file to ``parse``
    (keys, _), (dates, _), (lats, _), (lons, _), (figures, _), (spans, _), (precisions, _), (versions, _) = checks
    refused_set = set(refused)
    seen: dict[str, int] = {}
    good: list[int] = []
    event_ids = [short_id("acled", key, 64) for key in keys]
    for i, event_id in enumerate(event_ids):
        if i in refused_set:
            continue
        if event_id in seen:
            errors.append(ImportRowError(table.lines[i], f"the same event as line {seen[event_id]} ({event_id}); "
                                                         "keep one of the two rows", file=table.name))
            continue
        seen[event_id] = table.lines[i]
        good.append(i)
    errors.sort(key=lambda error: error.line)

    def pick(values: list[Any]) -> list[Any]:
        return values if len(good) == len(values) else [values[i] for i in good]

    keys, event_ids, dates, lats, lons = pick(keys), pick(event_ids), pick(dates), pick(lats), pick(lons)
    lat_texts, lon_texts, admins = pick(column("latitude")), pick(column("longitude")), pick(column("admin1"))
    admins = [admin1 or None for admin1 in admins]
    locations = [location or admin2 or admin1 or key for location, admin2, admin1, key in
                 zip(pick(column("location")), pick(column("admin2")), admins, keys)]
    precisions = pick(precisions)
    places: dict[str, tuple[Any, ...]] = {}
    place_ids: dict[tuple[Any, ...], str] = {}
    place_of = []
    for spot in zip(locations, admins, lat_texts, lon_texts, precisions, lats, lons):
        place_id = place_ids.get(spot[:5])
        if place_id is None:  # keyed by the texts: "-0.0" and "0.0" are one float but two keys (``_place_id``)
            location, admin1, _, _, precision, lat, lon = spot
            place_id = place_ids[spot[:5]] = place_key("acled", location, admin1, lat, lon, precision)
            places.setdefault(place_id, (place_id, location, location, lat, lon, precision, admin1, DATASET))
        place_of.append(place_id)
    kinds: dict[tuple[str, str], str] = {}
    types = [kinds[pair] if pair in kinds else kinds.setdefault(pair, our_type(*pair))
             for pair in zip(pick(column("event_type")), pick(column("sub_event_type")))]
    notes = pick(column("notes"))
    n = len(good)
    batch = ImportColumns(
        reports={"id": [short_id("acled", key) for key in keys], "publisher": [DATASET] * n,
                 "title": [f"ACLED event {key}" for key in keys]},
        events={"id": event_ids, "report_id": None, "place_id": place_of, "place_mention": locations,
                "event_date": dates, "date_precision": pick(spans), "event_type": types, "types": types,
                "quote": notes, "attributes": _attributes(table, pick)},
        claims={"report_id": None, "event_id": event_ids, "source": [DATASET] * n,
                "source_mention": [text or None for text in pick(column("source"))], "source_kind": [DATASET_KIND] * n,
                "killed": pick(figures), "scope": ["event"] * n, "denial": [False] * n, "claim_date": dates,
                "quote": notes},
        places=places)
    batch.events["report_id"] = batch.claims["report_id"] = batch.reports["id"]
    identities = [provenance.Identity(event_id, DATASET, version)
                  for event_id, version in zip(event_ids, pick(versions))]

    def payload(i: int) -> dict[str, Any]:
        record = row_payload(table.row(good[i]), cells)
        record.pop(IDENTITY, None)
        return record

    return ParsedColumns(batch, identities, [table.lines[i] for i in good], errors, payload, table.encoding,
                         table.delimiter)


_JSON = json.JSONEncoder(ensure_ascii=False).encode  # as ``store``'s attributes encoder writes one text


def _attributes(table: ColumnTable, pick: Any) -> list[str | None]:
    """Each row's ``attributes`` JSON as ``row_payload`` and the store write it (keys sorted), built column-wise:
    each column's distinct values encoded once."""
    parts = []
    for name in sorted(set(table.header) - CORE):
        def fragment(text: str, name: str = name) -> str | None:
            if text == "" or (name in ("inter1", "inter2") and text == "0"):  # 0: no second actor (old exports)
                return None
            if name in ("inter1", "inter2") and text.isdigit():
                text = INTER_CODES.get(text, text)
            elif name == "interaction":
                text = interaction_words(text)
            return f"{_JSON(name)}: {_JSON(text)}"

        values = pick(table.column(name))
        encoded = {text: fragment(text) for text in set(values)}
        parts.append(list(map(encoded.__getitem__, values)))
    if not parts:
        return [None] * len(pick(table.lines))
    joined = map(", ".join, map(functools.partial(filter, None), zip(*parts)))  # a fragment is never ""
    return [f"{{{text}}}" if text else None for text in joined]


# -- export -------------------------------------------------------------------
def export_rows(events: pd.DataFrame, claims: pd.DataFrame) -> list[dict[str, Any]]:
    """Events (``EventStore.events_frame``) in ACLED's columns, one row each.

    Fatalities are the data set's own figure for an ACLED event alone and,
    for an event read from reports or an incident that holds an ACLED row
    and reports (``ledger.one_per_incident``), the lowest figure any source
    claims for the whole event (ACLED's own rule); ``source`` names every
    source that gave a figure, ACLED's own sources first. A figure given for
    several places at once counts on the first of their rows only; each of
    their rows says so in ``notes`` (``rows.share_out``), so ``fatalities``
    summed over the file counts it once.
    """
    by_event = claims_by_event(claims)
    records = events.to_dict("records")
    shares = share_out(records, by_event)
    rows = []
    for event in records:
        attributes = _own_attributes(event)
        own = by_event.get(event["id"], [])
        acled_type, acled_sub = ACLED_TYPES.get(event["event_type"], ACLED_TYPES["other"])
        if attributes.get("sub_event_type") and our_type(attributes.get("event_type", ""),
                                                         attributes["sub_event_type"]) == event["event_type"]:
            acled_type, acled_sub = attributes.get("event_type", acled_type), attributes["sub_event_type"]
        date: dt.date | None = None if missing(event["event_date"]) else event["event_date"]
        row = {column: attributes.get(column, "") for column in COLUMNS}
        _fill_country(row, event)
        if not attributes:
            row["tags"] = provenance.mark(event["report_id"])
        row.update({
            "event_id_cnty": attributes.get("event_id_cnty") or _original_key(event["id"]),
            "event_date": date.isoformat() if date else "",
            "year": date.year if date else "",
            "time_precision": TIME_PRECISION_OUT.get(event["date_precision"], 1),
            "disorder_type": attributes.get("disorder_type") or DISORDER.get(acled_type, ""),
            "event_type": acled_type, "sub_event_type": acled_sub,
            "admin1": _text(event.get("admin1")), "location": _text(event.get("display_name")) or event["place_mention"],
            "latitude": _number(event.get("lat")), "longitude": _number(event.get("lon")),
            "geo_precision": GEO_PRECISION_OUT.get(_text(event.get("precision")), ""),
            "source": _sources(own, event), "notes": _notes(event["quote"], shares.note(event["id"])),
            "fatalities": _fatalities(shares.counted[event["id"]]),
        })
        rows.append(row)
    return rows


def _notes(quote: Any, shared: str) -> str:
    """ACLED's ``notes``: the event's sentence, then what it shares with other places (``rows.share_out``)."""
    quote = _text(quote)
    return f"{quote} {shared}".strip() if shared and shared not in quote else quote


def _fill_country(row: dict[str, Any], event: Mapping[str, Any]) -> None:
    """ACLED's ``country``, ``iso`` and ``region`` from the event's place, where the row has none of its own."""
    if row.get("country") and row.get("iso") not in (None, ""):
        return
    found = country(event_country(event))
    if found is not None:
        for column, value in found.acled().items():
            if row.get(column) in (None, ""):
                row[column] = value


def _original_key(event_id: str) -> str:
    return event_id[len("acled-"):] if event_id.startswith("acled-") else event_id


def _text(value: Any) -> str:
    return "" if missing(value) else str(value)


def _number(value: Any) -> Any:
    return "" if missing(value) else value


def _fatalities(own: list[dict[str, Any]]) -> int:
    """The data set's own figure for its events; ACLED's rule (the lowest claimed for the whole event, denials
    left out) for ours and for incidents that hold both; 0 for none."""
    mine = [c["killed"] for c in own if c["source"] == DATASET and not missing(c["killed"])]
    others = [c["killed"] for c in own if c["source"] != DATASET and c["scope"] == "event"
              and not c.get("denial") and not missing(c["killed"])]
    if mine and not others:
        return int(mine[0])
    figures = [*mine[:1], *others]
    return int(min(figures)) if figures else 0


def _sources(own: list[dict[str, Any]], event: Mapping[str, Any]) -> str:
    mentions = [c["source_mention"] for c in own if c["source"] == DATASET and not missing(c["source_mention"])]
    names = [s for s in dict.fromkeys(c["source"] for c in own if not missing(c["source"])) if s != DATASET]
    if mentions:  # an ACLED row: its own sources, then those of the reports of its incident
        return "; ".join([str(mentions[0]), *names])
    publisher = _text(event.get("publisher"))
    if publisher and publisher != DATASET and publisher not in names:
        names.append(publisher)
    return "; ".join(names)


def _own_attributes(event: Mapping[str, Any]) -> dict[str, Any]:
    """The source row's fields, when the event came from this data set; another data set's mean other things."""
    if event.get("publisher") != DATASET or not isinstance(event.get("attributes"), str):
        return {}
    return json.loads(event["attributes"])
