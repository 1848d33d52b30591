"""Event columns: every dated, located event as a few flat arrays, built once per data version.

The map and the timeline need the same handful of fields for every event
(day, place, type, size, id), and need them fast: a Python object per event
on each slider move costs seconds at 100,000 events. ``EventColumns`` holds
them column by column, sorted by day, so a time window is two binary
searches, and ships them to the browser as one compact JSON that the
canvas layer (``conflictmap.fastlayer``) filters by itself.

Text shown on the map (place names, claim lines) is dictionary-encoded:
each distinct string travels once and is written into the page as text,
never as HTML, so report text cannot become markup.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from conflictmap.mapview import TYPE_COLOURS, claim_line, marker_radius
from conflictmap.place import Precision

EPOCH = dt.date(1970, 1, 1)
FORMAT = "conflictmap-events/1"
TYPES = tuple(TYPE_COLOURS)
PRECISIONS = tuple(p.value for p in Precision)
# How large an area an event placed only to this precision is drawn, in metres: the size of
# such a place, so a town-level event shows as "somewhere in this town", never as a pin.
PRECISION_RADIUS_M = {"neighbourhood": 0, "city": 4000, "town": 2000, "district": 12000,
                      "governorate": 40000, "country": 150000}
UNSIZED = -1
_CLAIM_KEYS = ("source", "killed", "killed_qualifier", "killed_text", "injured", "civilians", "rebels",
               "government", "scope", "denial")


def day_number(value: dt.date | str) -> int:
    """Days since 1970-01-01, the timeline's unit in Python and in the browser.

    >>> day_number(dt.date(1970, 1, 2))
    1
    """
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return (value - EPOCH).days


@dataclass
class EventColumns:
    """Dated, located events as parallel arrays sorted by (day, id).

    ``size`` is the highest killed figure any source claims for the event
    (``UNSIZED`` when none does): the map's size rule, the same as
    ``mapview.marker_radius``.
    """

    ids: np.ndarray                      # object: event ids
    day: np.ndarray                      # int32: days since 1970-01-01
    place: np.ndarray                    # int32: index into place_names/place_lat/...
    type_code: np.ndarray                # uint8: index into TYPES
    size: np.ndarray                     # int32: highest killed claimed, or UNSIZED
    disagree: np.ndarray                 # bool: sources disagree
    line_count: np.ndarray               # int32: claim lines of each event, in order
    line_index: np.ndarray               # int32: flat indexes into lines
    place_names: list[str] = field(default_factory=list)
    place_lat: np.ndarray = field(default_factory=lambda: np.zeros(0))
    place_lon: np.ndarray = field(default_factory=lambda: np.zeros(0))
    place_precision: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int8))
    lines: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)

    # -- building -------------------------------------------------------------
    @classmethod
    def from_frames(cls, events: pd.DataFrame, claims: pd.DataFrame) -> "EventColumns":
        """Build from ``EventStore.events_frame()`` and ``claims_frame()``; undated or unplaced events are left out.

        Everything is grouped and encoded with pandas, so 100,000 events take
        a second or two, once per data version, and nothing per slider move.
        """
        located = events.dropna(subset=["lat", "lon", "event_date"])
        days = pd.to_datetime(located["event_date"].astype(str)).to_numpy().astype("datetime64[D]").astype(np.int64)
        located = located.assign(day=days)
        located = located.sort_values(["day", "id"], kind="stable").reset_index(drop=True)
        name = located["display_name"].where(located["display_name"].notna(), located["place_mention"]).astype(str)
        precision = located["precision"].where(located["precision"].isin(PRECISIONS), Precision.TOWN.value)
        place_key = pd.DataFrame({"name": name, "lat": located["lat"].astype(float),
                                  "lon": located["lon"].astype(float), "precision": precision})
        codes, uniques = pd.factorize(pd.Series(list(zip(*(place_key[k] for k in place_key))), dtype=object))
        uniq = pd.DataFrame(list(uniques), columns=list(place_key.columns)) if len(uniques) else place_key.iloc[0:0]
        type_code = located["event_type"].map({t: i for i, t in enumerate(TYPES)}).fillna(TYPES.index("other"))

        ids = located["id"].astype(str).to_numpy(dtype=object)
        size, disagree, line_count, line_index, lines = _claim_columns(ids, claims)
        return cls(ids=ids, day=located["day"].to_numpy(dtype=np.int32), place=codes.astype(np.int32),
                   type_code=type_code.to_numpy(dtype=np.uint8), size=size, disagree=disagree,
                   line_count=line_count, line_index=line_index,
                   place_names=[str(n) for n in uniq["name"]], place_lat=uniq["lat"].to_numpy(dtype=float),
                   place_lon=uniq["lon"].to_numpy(dtype=float),
                   place_precision=np.array([PRECISIONS.index(p) for p in uniq["precision"]], dtype=np.int8),
                   lines=lines)

    # -- the window -----------------------------------------------------------
    def window(self, start: dt.date | None, end: dt.date | None) -> slice:
        """The rows dated ``start``..``end`` (both kept), as a slice: two binary searches.

        The browser's layer does the same search on the same sorted days, so
        both sides agree on which events a window holds.
        """
        low = 0 if start is None else int(np.searchsorted(self.day, day_number(start), side="left"))
        high = len(self.day) if end is None else int(np.searchsorted(self.day, day_number(end), side="right"))
        return slice(low, max(low, high))

    def window_ids(self, start: dt.date | None, end: dt.date | None) -> list[str]:
        return [str(i) for i in self.ids[self.window(start, end)]]

    def radius(self, row: int) -> float:
        """The pixel radius of one event's point: ``mapview.marker_radius`` of its highest figure."""
        value = int(self.size[row])
        return marker_radius(None if value == UNSIZED else value)

    # -- shipping -------------------------------------------------------------
    def to_payload(self, part: str = "all") -> dict:
        """The compact JSON the browser layer reads: ``core``, ``detail`` or ``all`` of it.

        ``core`` is what a first paint needs (day, place, type, size); ``detail``
        is what tooltips and clicks need (ids, claim lines, disagreement), sent
        second so the map paints before it arrives. Days are delta-encoded
        (they are sorted, so most deltas are 0 or 1) and ids are split into a
        shared prefix (the report) and a suffix.
        """
        days = self.day.astype(np.int64)
        core = {
            "format": FORMAT,
            "types": list(TYPES),
            "precisions": list(PRECISIONS),
            "precision_radius_m": [PRECISION_RADIUS_M[p] for p in PRECISIONS],
            "places": {"name": self.place_names,
                       "lat": [round(float(v), 5) for v in self.place_lat],
                       "lon": [round(float(v), 5) for v in self.place_lon],
                       "precision": self.place_precision.tolist()},
            "first_day": int(days[0]) if len(days) else 0,
            "day_delta": np.diff(days, prepend=days[:1]).tolist() if len(days) else [],
            "place": self.place.tolist(),
            "type": self.type_code.tolist(),
            "size": self.size.tolist(),
        }
        if part == "core":
            return core
        prefixes: dict[str, int] = {}
        prefix_code, suffix = [], []
        for event_id in self.ids:
            cut = event_id.rfind("-") + 1
            prefix_code.append(prefixes.setdefault(event_id[:cut], len(prefixes)))
            suffix.append(event_id[cut:])
        if all(s.isdigit() and (s == "0" or not s.startswith("0")) for s in suffix):
            suffix = [int(s) for s in suffix]  # "12" and 12 read back alike; saves the quotes
        detail = {
            "format": FORMAT,
            "n": len(self),
            "lines": self.lines,
            "disagree": self.disagree.astype(np.int8).tolist(),
            "line_count": self.line_count.tolist(),
            "line_index": self.line_index.tolist(),
            "id_prefixes": list(prefixes),
            "id_prefix": prefix_code,
            "id_suffix": suffix,
        }
        return detail if part == "detail" else {**core, **detail}

    def to_json(self, part: str = "all") -> str:
        return safe_json(self.to_payload(part))


def safe_json(value) -> str:
    """JSON that can sit inside a ``<script>``: no ``<``, ``>`` or ``&`` survive as such."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _claim_columns(ids: np.ndarray, claims: pd.DataFrame):
    """Per event: highest figure, disagreement, and its claim lines (dictionary-encoded)."""
    n = len(ids)
    size = np.full(n, UNSIZED, dtype=np.int32)
    disagree = np.zeros(n, dtype=bool)
    line_count = np.zeros(n, dtype=np.int32)
    if n == 0 or claims is None or not len(claims):
        return size, disagree, line_count, np.zeros(0, dtype=np.int32), []
    rows = pd.Index(ids).get_indexer(claims["event_id"].astype(object))
    own = claims.assign(row=rows)[rows >= 0]
    own = own.sort_values(["row", "id"] if "id" in own else ["row"], kind="stable")
    killed = pd.to_numeric(own["killed"], errors="coerce")
    highest = killed.groupby(own["row"]).max().dropna()
    size[highest.index.to_numpy(dtype=np.int64)] = highest.to_numpy().astype(np.int32)
    # The same rule as tally.tally: sources' figures differ, or someone denies what others count.
    with_figure = own.assign(killed=killed).dropna(subset=["killed"])
    per_source = with_figure.groupby(["row", "source"])["killed"].max().groupby(level=0).nunique()
    denied = own.loc[own["denial"].astype(bool), "row"].unique()
    figured = with_figure["row"].unique()
    disagree[per_source[per_source > 1].index.to_numpy(dtype=np.int64)] = True
    disagree[np.intersect1d(denied, figured).astype(np.int64)] = True
    # Each distinct claim is worded once by mapview.claim_line.
    keys = own.reindex(columns=list(_CLAIM_KEYS)).astype(object)
    keys = keys.where(keys.notna(), None)
    factor, unique_keys = pd.factorize(pd.Series(list(zip(*(keys[k] for k in _CLAIM_KEYS))), dtype=object))
    lines = [claim_line(dict(zip(_CLAIM_KEYS, key))) for key in unique_keys]
    counts = own.groupby("row").size()
    line_count[counts.index.to_numpy(dtype=np.int64)] = counts.to_numpy()
    return size, disagree, line_count, factor.astype(np.int32), lines
