"""Synthetic ACLED and UCDP GED rows for the import tests: made up here, no third-party data."""
from __future__ import annotations

import csv
import io

from conflictmap.exchange import acled, ucdp


def acled_row(n: int = 1, **values: object) -> dict[str, object]:
    row: dict[str, object] = {column: "" for column in acled.COLUMNS}
    row.update({
        "event_id_cnty": f"SYN{n}", "event_date": "2013-02-06", "year": 2013, "time_precision": 1,
        "disorder_type": "Political violence", "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "Synthetic Force A", "inter1": "State forces", "actor2": "Synthetic Group B",
        "inter2": "Rebel group", "interaction": "State forces-Rebel group", "iso": 760, "region": "Middle East",
        "country": "Syria", "admin1": "Damascus", "admin2": "Damascus", "location": f"Place {n}",
        "latitude": round(33.5 + n / 1000, 4), "longitude": 36.3, "geo_precision": 1, "source": "Synthetic Monitor",
        "source_scale": "National", "notes": f"Synthetic event number {n}.", "fatalities": n % 7,
        "tags": "", "timestamp": 1700000000,
    })
    row.update(values)
    return row


def ucdp_row(n: int = 1, **values: object) -> dict[str, object]:
    row: dict[str, object] = {column: "" for column in ucdp.COLUMNS}
    row.update({
        "id": 900000 + n, "relid": f"SYN-{n}", "year": 2013, "active_year": 1, "code_status": "Clear",
        "type_of_violence": 1, "conflict_name": "Syria: Government", "dyad_name": "Government of Syria - Rebels",
        "side_a": "Government of Syria", "side_b": "Synthetic rebels", "number_of_sources": 2,
        "source_original": "Synthetic Monitor;Synthetic Agency", "where_prec": 1,
        "where_coordinates": f"Place {n} town", "where_description": "a synthetic town", "adm_1": "Rif Dimashq",
        "adm_2": "Duma district", "latitude": 33.57, "longitude": round(36.4 + n / 1000, 4),
        "geom_wkt": f"POINT ({round(36.4 + n / 1000, 4)} 33.57)", "priogrid_gid": 1, "country": "Syria", "country_id": 652,
        "region": "Middle East", "event_clarity": 1, "date_prec": 1, "date_start": "2013-02-06 00:00:00.000",
        "date_end": "2013-02-06 00:00:00.000", "deaths_a": 2, "deaths_b": 5, "deaths_civilians": 1,
        "deaths_unknown": 0, "best": 8, "high": 12, "low": 6, "gwnoa": 652, "gwnob": "",
    })
    row.update(values)
    return row


def csv_text(rows: list[dict[str, object]], columns: tuple[str, ...] | list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
