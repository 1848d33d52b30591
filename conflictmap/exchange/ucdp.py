"""UCDP GED: reading its event CSV into events and claims, and writing ours in its 49 columns.

UCDP gives three estimates for each event (``low``, ``best``, ``high``) and
the deaths by side; all are figures the data set claims, so they become
three claims attributed to "UCDP GED" (``killed_qualifier`` says which
estimate), the best one carrying the breakdown by side. The tally then
shows UCDP's low-high range beside the other sources' figures.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

import pandas as pd

from conflictmap.exchange import provenance
from conflictmap.exchange.countries import by_gw, by_name, country, event_country
from conflictmap.exchange.rows import DATASET_KIND, CellError, DateReader, Layout, Parsed, Table, claims_by_event, \
    missing, parse_table, paused_gc, place_key, read_table, SHARED_NOTE, share_out, short_id
from conflictmap.places.place import Precision

DATASET = "UCDP GED"
COLUMNS = ("id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
           "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
           "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
           "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
           "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
           "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec", "date_start",
           "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
           "gwnoa", "gwnob")
REQUIRED = ("id", "latitude", "longitude", "date_start", "best", "low", "high")
# Names of GED releases before 5.0 (2015) and of its shapefile columns (cut to ten characters).
ALIASES = {"best_est": "best", "low_est": "low", "high_est": "high", "type_of_vi": "type_of_violence",
           "where_coor": "where_coordinates", "where_desc": "where_description", "date_end_": "date_end",
           "deaths_civ": "deaths_civilians", "deaths_unk": "deaths_unknown", "ged_id": "id", "source_ori": "source_original",
           "country_i": "country_id", "countryid": "country_id"}
LAYOUT = Layout("UCDP GED", REQUIRED, COLUMNS, ALIASES, ("date_start", "date_end"))
CORE = frozenset({"id", "latitude", "longitude", "date_start", "date_end", "best", "low", "high", "date_prec",
                  "where_coordinates", "adm_1", "geom_wkt"})
ESTIMATES = (("best", "best estimate"), ("low", "low estimate"), ("high", "high estimate"))
VIOLENCE = {"1": "clash", "2": "clash", "3": "massacre"}  # state-based, non-state, one-sided
DATE_PREC = {"1": "day", "2": "days", "3": "week", "4": "month", "5": "year"}
DATE_PREC_OUT = {v: int(k) for k, v in DATE_PREC.items()}
WHERE_PREC = {"1": Precision.TOWN, "2": Precision.TOWN, "3": Precision.DISTRICT, "4": Precision.GOVERNORATE,
              "5": Precision.GOVERNORATE, "6": Precision.COUNTRY, "7": Precision.COUNTRY}
WHERE_PREC_OUT = {Precision.NEIGHBOURHOOD.value: 1, Precision.CITY.value: 1, Precision.TOWN.value: 1,
                  Precision.DISTRICT.value: 3, Precision.GOVERNORATE.value: 4, Precision.COUNTRY.value: 6}


def revision(row: Mapping[str, str]) -> int | None:
    """The GED's version of a row: the number after the last hyphen of ``relid`` ("SYR-2013-1-411-2" is 2).

    UCDP gives a revised event a new ``relid`` under the same ``id``; a
    ``relid`` without a trailing number (or none) has no version.

    >>> revision({"relid": "SYR-2013-1-411-12"}), revision({"relid": ""})
    (12, None)
    """
    text = row.get("relid", "")
    tail = text.rsplit("-", 1)[-1] if "-" in text else ""
    return int(tail) if tail.isdigit() else None


def breakdown(row: Mapping[str, str], cells: DateReader | None = None) -> dict[str, int | None]:
    """Deaths by side in conflictmap's breakdown: side A of state-based violence is a government.

    >>> breakdown({"type_of_violence": "1", "deaths_a": "2", "deaths_b": "5", "deaths_civilians": "1"})
    {'government': 2, 'rebels': 5, 'civilians': 1}
    """
    cells = cells or DateReader()
    side_a, side_b = cells.integer(row, "deaths_a", required=False), cells.integer(row, "deaths_b", required=False)
    civilians = cells.integer(row, "deaths_civilians", required=False)
    violence = row.get("type_of_violence")
    if violence == "1":
        return {"government": side_a, "rebels": side_b, "civilians": civilians}
    if violence == "2":
        rebels = None if side_a is None and side_b is None else (side_a or 0) + (side_b or 0)
        return {"government": None, "rebels": rebels, "civilians": civilians}
    return {"government": None, "rebels": None, "civilians": civilians}


def _common(row: Mapping[str, str], cells: DateReader) -> tuple:
    start = cells.date(row, "date_start")
    end = cells.date(row, "date_end", required=False)
    if end is not None and end < start:
        raise CellError("date_end", f"date_end {end} is before date_start {start}")
    figures = {column: cells.integer(row, column) for column, _ in ESTIMATES}
    if not figures["low"] <= figures["best"] <= figures["high"]:
        raise CellError("best", f"low {figures['low']}, best {figures['best']}, high {figures['high']} "
                                "are not in order")
    date_code = row.get("date_prec") or "1"
    where_code = row.get("where_prec") or "1"
    if date_code not in DATE_PREC:
        raise CellError("date_prec", f"date_prec is {date_code!r}; the codebook has 1 to 5")
    if where_code not in WHERE_PREC:
        raise CellError("where_prec", f"where_prec is {where_code!r}; the codebook has 1 to 7")
    return start, end, figures, date_code, where_code


def _row_country(row: Mapping[str, str]) -> str | None:
    return by_gw(row["country_id"]) if row.get("country_id") else by_name(row.get("country"))


def row_payload(row: Mapping[str, str], cells: DateReader | None = None) -> dict[str, Any]:
    """One GED row as the ``extract`` JSON: one event, UCDP's three estimates as claims.

    A row conflictmap itself exported (``relid`` holds its mark) becomes
    that event again, its figures under the sources that gave them.
    """
    cells = cells or DateReader()
    key, report_id = provenance.identify(row, "id", "relid", "GED")
    if report_id:
        return _our_payload(row, key, report_id, cells)
    violence = row.get("type_of_violence", "")
    if violence not in VIOLENCE:
        raise CellError("type_of_violence", f"type_of_violence is {violence!r}; the codebook has 1, 2 or 3")
    start, end, figures, date_code, where_code = _common(row, cells)
    lat, lon = cells.coordinate(row, "latitude", 90), cells.coordinate(row, "longitude", 180)
    parts = breakdown(row, cells)
    place_name = row.get("where_coordinates") or row.get("adm_2") or row.get("adm_1") or row.get("country") or key
    admin1 = row.get("adm_1") or None
    precision = WHERE_PREC[where_code].value
    mention = row.get("source_original") or None
    claims = [{"source": DATASET, "source_mention": mention, "source_kind": DATASET_KIND,
               "killed": figures[column], "killed_qualifier": words, "scope": "event", "date": start.isoformat(),
               "quote": "", **(parts if column == "best" else {})} for column, words in ESTIMATES]
    kind = VIOLENCE[violence]
    return {
        "report": {"id": short_id("ucdp", key), "publisher": DATASET, "title": f"UCDP GED event {key}",
                   "url": None, "pub_date": None, "note": None},
        "events": [{
            "id": short_id("ucdp", key, 64), "date": start.isoformat(), "date_end": end.isoformat() if end else None,
            "date_precision": DATE_PREC[date_code], "event_type": kind, "types": [kind],
            "quote": row.get("where_description") or row.get("source_headline") or "",
            "attributes": {k: v for k, v in row.items() if k not in CORE and v != ""},
            "place": {"id": place_key("ucdp", place_name, admin1, lat, lon, precision), "name": place_name,
                      "display_name": place_name, "mention": place_name, "lat": lat, "lon": lon,
                      "precision": precision, "admin1": admin1, "coord_source": DATASET,
                      "country": _row_country(row)},
            "claims": claims,
        }],
        "nationwide_claims": [],
        provenance.KEY: provenance.Identity(short_id("ucdp", key, 64), DATASET, revision(row)),
    }


def _our_payload(row: Mapping[str, str], key: str, report_id: str, cells: DateReader) -> dict[str, Any]:
    """A row of conflictmap's own GED export: its event again, lowest and highest figure under their sources."""
    start, end, figures, date_code, where_code = _common(row, cells)
    lat, lon = cells.point(row)
    sources = row.get("source_original") or None
    kind = "massacre" if row.get("type_of_violence") == "3" else "other"
    wanted = sorted({figures["low"], figures["high"]}) if sources or figures["high"] else []
    claims = [{"source": sources, "killed": n, "killed_qualifier": provenance.LOWEST if n == figures["low"]
               else "highest figure claimed", "scope": "event", "date": start.isoformat(), "quote": ""}
              for n in wanted]
    event = {"id": key, "date": start.isoformat(), "date_end": end.isoformat() if end and end != start else None,
             "date_precision": DATE_PREC[date_code], "event_type": kind, "types": [kind],
             "quote": row.get("where_description") or "", "claims": claims}
    return provenance.our_record(report_id, event, name=row.get("where_coordinates") or key,
                                 admin1=row.get("adm_1") or None, lat=lat, lon=lon,
                                 precision=WHERE_PREC[where_code].value, country=_row_country(row))


def read(source: str | Path | IO[str] | IO[bytes] | bytes) -> Table:
    """A GED CSV as a ``Table`` (header checked against the layouts UCDP has published)."""
    return read_table(source, LAYOUT)


def parse(source: str | Path | IO[str] | IO[bytes] | bytes, *, order: str | None = None) -> Parsed:
    """Read a UCDP GED CSV: the records to store, and each refused row with its line and reason."""
    with paused_gc():
        return parse_table(read(source), LAYOUT, row_payload, order=order)


# -- export -------------------------------------------------------------------
def export_rows(events: pd.DataFrame, claims: pd.DataFrame) -> list[dict[str, Any]]:
    """Events in the GED's 49 columns.

    An event imported from the GED gives back its own estimates; one read
    from reports gets ``low``/``high`` from the lowest and highest figure
    claimed and ``best`` from the lowest (the conservative reading). A
    figure given for several places at once counts on the first of their
    rows only, and ``where_description`` says so on each of them
    (``rows.share_out``), so ``best``, ``low`` and ``high`` summed over the
    file count it once.
    """
    by_event = claims_by_event(claims)
    records = events.to_dict("records")
    shares = share_out(records, by_event)
    rows = []
    for event in records:
        attributes = _own_attributes(event)
        own = by_event.get(event["id"], [])
        start = None if missing(event["event_date"]) else event["event_date"]
        end = start if missing(event.get("event_date_end")) else event["event_date_end"]
        lat, lon = event.get("lat"), event.get("lon")
        located = not missing(lat) and not missing(lon)
        row = {column: attributes.get(column, "") for column in COLUMNS}
        if not row["country"] or row["country_id"] in (None, ""):
            found = country(event_country(event))
            for column, value in (found.ucdp().items() if found else ()):
                if row.get(column) in (None, ""):
                    row[column] = value
        precision = None if missing(event.get("precision")) else event["precision"]
        where = WHERE_PREC_OUT.get(precision or "", "")
        if attributes.get("where_prec") and WHERE_PREC.get(str(attributes["where_prec"])) and \
                WHERE_PREC[str(attributes["where_prec"])].value == precision:
            where = attributes["where_prec"]
        row.update({
            "id": event["id"][len("ucdp-"):] if event["id"].startswith("ucdp-") else event["id"],
            "year": row["year"] or (start.year if start else ""),
            "where_prec": where,
            "where_coordinates": event.get("display_name") or event["place_mention"],
            "adm_1": "" if missing(event.get("admin1")) else event["admin1"],
            "latitude": lat if located else "", "longitude": lon if located else "",
            "geom_wkt": f"POINT ({lon} {lat})" if located else "",
            "date_prec": DATE_PREC_OUT.get(event["date_precision"], 1),
            "date_start": start.isoformat() if start else "", "date_end": end.isoformat() if end else "",
            **_estimates(shares.counted[event["id"]]),
        })
        if shares.note(event["id"]):  # a figure shared with other places: counted on one row, said on each
            row["where_description"] = " ".join(p for p in (str(row.get("where_description") or ""),
                                                            shares.note(event["id"])) if p)
        elif not attributes and str(event.get("quote") or "").startswith(SHARED_NOTE):
            row["where_description"] = event["quote"]  # such a row read back: its note is all it kept
        if not attributes:
            row["type_of_violence"] = 3 if event["event_type"] == "massacre" else ""
            row["source_original"] = "; ".join(dict.fromkeys(c["source"] for c in own if not missing(c["source"])))
            row["relid"] = provenance.mark(event["report_id"])
        rows.append(row)
    return rows


def _estimates(own: list[dict[str, Any]]) -> dict[str, Any]:
    by_word = {c["killed_qualifier"]: int(c["killed"]) for c in own
               if c["source"] == DATASET and not missing(c["killed"])}
    if all(words in by_word for _, words in ESTIMATES):
        return {column: by_word[words] for column, words in ESTIMATES}
    figures = [int(c["killed"]) for c in own if c["scope"] == "event" and not missing(c["killed"])]
    if not figures:
        return {"best": 0, "low": 0, "high": 0}
    return {"best": min(figures), "low": min(figures), "high": max(figures)}


def _own_attributes(event: Mapping[str, Any]) -> dict[str, Any]:
    """The source row's fields, when the event came from this data set; another data set's mean other things."""
    if event.get("publisher") != DATASET or not isinstance(event.get("attributes"), str):
        return {}
    return json.loads(event["attributes"])
