"""Event columns: every dated event as a few flat arrays, built once per data version.

The map, the timeline, the filters and the charts need the same handful of
fields for every event (day, place, type, size, id, who claimed what), and
need them fast: a Python object per event on each slider move costs seconds
at 100,000 events. ``EventColumns`` holds them column by column, sorted by
day, so a time window is two binary searches and a filter is a few numpy
comparisons. The located events are shipped to the browser as binary typed
arrays (``to_binary``: a small JSON header, then little-endian arrays the
browser views as ``Int32Array``, ``Float32Array`` … without parsing) that the
canvas layer (``conflictmap.fastlayer``) windows by itself; a filter travels
as a bit mask over those rows (``mask_payload``). The server's own columns are
written in the same container (``to_binary("server")``) and read back from a
memory map (``from_binary``), so a restarted server does not rebuild them.

Text shown on the map (place names, claim lines) is dictionary-encoded:
each distinct string travels once and is written into the page as text,
never as HTML, so report text cannot become markup. It goes without
Unicode's directional formatting characters (``safetext.plain``), so a
tooltip draws a source stored as ``"Monitor \u202e001"`` as written, not as
"Monitor 100"; the filter's terms and sources, and the database, keep them.
"""
from __future__ import annotations

import base64
import datetime as dt
import json
import struct
from collections.abc import Sequence
from itertools import repeat
from operator import itemgetter
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from conflictmap.filters import Filters, actor_text, in_countries
from conflictmap.mapview import TYPE_COLOURS, claim_line, marker_radius
from conflictmap.places.place import Precision
from conflictmap.safetext import plain

EPOCH = dt.date(1970, 1, 1)
FORMAT = "conflictmap-events/1"
# The binary container (``pack``/``unpack``): MAGIC, the header's length (uint32, little-endian), the
# header (UTF-8 JSON, padded with spaces), then each array at an offset that is a multiple of 8, so the
# browser can view it in place as a typed array. The header names each array's numpy dtype, offset and length.
BINARY_FORMAT = "conflictmap-events/2"
MAGIC = b"CMEV"
ALIGN = 8
# The dtypes a browser part may use and the typed array that views each (static/fastlayer.js: VIEWS).
BROWSER_DTYPES = ("|u1", "|i1", "<u2", "<i2", "<u4", "<i4", "<f4", "<f8")
TYPES = tuple(TYPE_COLOURS)
PRECISIONS = tuple(p.value for p in Precision)
# How large an area an event placed only to this precision is drawn, in metres: the size of
# such a place, so a town-level event shows as "somewhere in this town", never as a pin.
PRECISION_RADIUS_M = {"neighbourhood": 0, "city": 4000, "town": 2000, "district": 12000,
                      "governorate": 40000, "country": 150000}
UNSIZED = -1
MASK_FORMAT = "conflictmap-mask/1"
UNPLACED = -1
# What ``from_rows`` reads, in this order. ``display`` is what the map calls the place; ``admin1``,
# ``place_name`` and ``place_mention`` are what the place filter matches; ``attributes`` holds actors.
EVENT_FIELDS = ("id", "event_date", "event_type", "display", "lat", "lon", "precision", "admin1", "place_name",
                "place_mention", "attributes")
# An event row may carry one more field after these: its incident id. The map then draws one point per
# incident (``one_per_incident``), so a window's count and charts count an incident once.
INCIDENT_FIELD = len(EVENT_FIELDS)
# Which of an incident's events stands for it on the map: the most precisely placed, then the earliest.
_PLACE_RANK = {"neighbourhood": 0, "town": 1, "city": 2, "district": 3, "governorate": 4, "country": 5}
_CLAIM_KEYS = ("source", "killed", "killed_qualifier", "killed_text", "injured", "civilians", "rebels",
               "government", "scope", "denial")
# A claim row may end with its ``shared_key`` (one figure for several places: count it once in totals), and
# after it with the injured figure's words, which only the claim's line shows ("at least 40 injured").
_LINE_WORDS = ("injured_qualifier", "injured_text", "injured_high")
CLAIM_FIELDS = ("event_id",) + _CLAIM_KEYS + ("shared_key",) + _LINE_WORDS
_SHARED = len(_CLAIM_KEYS) + 1  # where the shared key sits in a claim row
_FIGURES = {"killed", "injured", "civilians", "rebels", "government", "injured_high"}
# The arrays with one value per event, and their types when there are none.
_EMPTY = {"ids": object, "day": np.int32, "place": np.int32, "type_code": np.uint8, "size": np.int32,
          "disagree": bool, "line_count": np.int32, "line_index": np.int32, "admin_code": np.int32,
          "name_code": np.int32, "mention_code": np.int32, "actor_code": np.int32}
_PER_EVENT = tuple(k for k in _EMPTY if k != "line_index")
# The arrays ``to_binary("server")`` writes as they are (ids and claim lines go their own way).
_SERVER_ARRAYS = tuple(k for k in _EMPTY if k != "ids") + (
    "place_lat", "place_lon", "place_precision", "claim_row", "claim_source", "claim_killed", "claim_denial",
    "claim_shared")


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
    """Dated events as parallel arrays sorted by (day, id).

    ``size`` is the highest killed figure any source claims for the event
    (``UNSIZED`` when none does): the map's size rule, the same as
    ``mapview.marker_radius``. An event without coordinates has ``place``
    ``UNPLACED``: it is counted, listed and charted, but not drawn.
    The fields after ``lines`` stay on the server and serve the filters and
    the charts; only ``to_payload`` travels.
    """

    ids: np.ndarray                      # object: event ids
    day: np.ndarray                      # int32: days since 1970-01-01
    place: np.ndarray                    # int32: index into place_names/place_lat/..., or UNPLACED
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
    terms: list[str] = field(default_factory=list)      # admin1s, place names and mentions
    admin_code: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))    # into terms, or -1
    name_code: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))     # into terms, or -1
    mention_code: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))  # into terms, or -1
    actors: list[str] = field(default_factory=lambda: [""])  # lower-cased actor text ("" when none is known)
    actor_code: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))    # into actors
    sources: list = field(default_factory=list)               # claim sources (None: unattributed)
    claim_row: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))     # each claim's event row
    claim_source: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))  # into sources
    claim_killed: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # or UNSIZED
    claim_denial: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))      # the claim denies
    claim_shared: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))  # shared claim's code, or -1
    _located: "EventColumns | None" = field(default=None, init=False, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.ids)

    # -- building -------------------------------------------------------------
    @classmethod
    def from_rows(cls, events: Sequence[tuple], claims: Sequence[tuple]) -> "EventColumns":
        """Build from plain rows, as the database driver hands them over (``EventStore.map_rows``).

        ``events`` are ``EVENT_FIELDS`` tuples of dated events sorted by
        (date, id); ``claims`` are ``CLAIM_FIELDS`` tuples in the order they
        were stored. Rows go straight into numpy arrays and dictionaries: a
        DataFrame per column costs more than the work itself (five seconds at
        100,000 events against about one).
        """
        if events and len(events[0]) > INCIDENT_FIELD:
            events, claims = one_per_incident(events, claims)
        n = len(events)
        if n == 0:
            return cls(**{name: np.zeros(0, dtype=kind) for name, kind in _EMPTY.items()})
        ids, dates, kinds, displays, lats, lons, precisions, admins, names, mentions, attributes = \
            _transpose(events, len(EVENT_FIELDS))
        day = np.array([d if isinstance(d, (str, dt.date)) else str(d)[:10] for d in dates],
                       dtype="datetime64[D]").astype(np.int32)
        if n > 1 and (np.diff(day) < 0).any():
            raise ValueError("events must come sorted by date")
        # Places: distinct (name, lat, lon, precision) keys; the ones without coordinates are UNPLACED.
        raw_code, raw_keys = _codes(list(zip(displays, lats, lons, precisions)))
        places: dict[tuple, int] = {}
        to_place = np.array([UNPLACED if lat is None or lon is None else
                             places.setdefault((str(display), float(lat), float(lon),
                                                precision if precision in PRECISIONS else Precision.TOWN.value),
                                               len(places))
                             for display, lat, lon, precision in raw_keys], dtype=np.int32)
        place = to_place[raw_code] if len(raw_keys) else np.zeros(n, dtype=np.int32)
        type_index = {t: i for i, t in enumerate(TYPES)}
        kind_code, kind_names = _codes(kinds)
        type_code = np.array([type_index.get(k, type_index["other"]) for k in kind_names], dtype=np.uint8)[kind_code]
        terms = [t for t in dict.fromkeys(admins + names + mentions) if t is not None]
        term_index = {t: i for i, t in enumerate(terms)}
        term_index[None] = -1
        admin_code, name_code, mention_code = (
            np.fromiter(map(term_index.__getitem__, column), dtype=np.int32, count=n)
            for column in (admins, names, mentions))
        actor_code, raw_actors = _codes(attributes)
        id_array = np.array([str(i) for i in ids], dtype=object)
        claim = _claim_columns(id_array, claims)
        keys = list(places)
        return cls(ids=id_array, day=day, place=place, type_code=type_code, size=claim["size"],
                   disagree=claim["disagree"], line_count=claim["line_count"], line_index=claim["line_index"],
                   place_names=[plain(k[0]) for k in keys], place_lat=np.array([k[1] for k in keys], dtype=float),
                   place_lon=np.array([k[2] for k in keys], dtype=float),
                   place_precision=np.array([PRECISIONS.index(k[3]) for k in keys], dtype=np.int8),
                   lines=claim["lines"], terms=terms, admin_code=admin_code,
                   name_code=name_code, mention_code=mention_code, actors=[actor_text(a) for a in raw_actors],
                   actor_code=actor_code, sources=claim["sources"], claim_row=claim["row"],
                   claim_source=claim["source"], claim_killed=claim["killed"], claim_denial=claim["denial"],
                   claim_shared=claim["shared"])

    @classmethod
    def from_frames(cls, events: pd.DataFrame, claims: pd.DataFrame) -> "EventColumns":
        """Build from ``EventStore.events_frame()`` and ``claims_frame()``; undated events are left out.

        The frames are turned into the driver's rows column by column, never cell by cell.
        """
        dated = events.dropna(subset=["event_date"])
        display = dated["display_name"].where(dated["display_name"].notna(), dated["place_mention"]).astype(str)
        empty = pd.Series(None, index=dated.index, dtype=object)
        ordered = pd.DataFrame({"id": dated["id"].astype(str), "day": _iso_days(dated["event_date"]),
                                "type": dated["event_type"], "display": display,
                                **{k: dated[k] if k in dated else empty
                                   for k in ("lat", "lon", "precision", "admin1", "place_name", "place_mention",
                                             "attributes", "incident_id")}})
        ordered = ordered.sort_values(["day", "id"], kind="stable")
        event_rows = list(zip(*(_values(ordered[c], number=c in ("lat", "lon")) for c in ordered.columns)))
        claim_rows: list[tuple] = []
        if claims is not None and len(claims):
            if "id" in claims:
                claims = claims.sort_values("id", kind="stable")
            table = claims.reindex(columns=list(CLAIM_FIELDS))
            claim_rows = list(zip(*(_values(table[c], whole=c in _FIGURES) for c in CLAIM_FIELDS)))
        return cls.from_rows(event_rows, claim_rows)

    # -- the window and the filters ------------------------------------------
    def window(self, start: dt.date | None, end: dt.date | None) -> slice:
        """The rows dated ``start``..``end`` (both kept), as a slice: two binary searches.

        The browser's layer does the same search on the same sorted days, so
        both sides agree on which events a window holds.
        """
        low = 0 if start is None else int(np.searchsorted(self.day, day_number(start), side="left"))
        high = len(self.day) if end is None else int(np.searchsorted(self.day, day_number(end), side="right"))
        return slice(low, max(low, high))

    def rows(self, start: dt.date | None, end: dt.date | None, mask: np.ndarray | None = None) -> np.ndarray:
        """Row numbers of the window's events that pass ``mask`` (all of them without one), by date."""
        span = self.window(start, end)
        found = np.arange(span.start, span.stop)
        return found if mask is None else found[mask[span]]

    def count(self, start: dt.date | None, end: dt.date | None, mask: np.ndarray | None = None) -> int:
        span = self.window(start, end)
        return span.stop - span.start if mask is None else int(np.count_nonzero(mask[span]))

    def window_ids(self, start: dt.date | None, end: dt.date | None, mask: np.ndarray | None = None,
                   limit: int | None = None) -> list[str]:
        """The ids of ``rows``, the first ``limit`` of them when given."""
        return [str(i) for i in self.ids[self.rows(start, end, mask)[:limit]]]

    def mask(self, filters: Filters) -> np.ndarray | None:
        """Which events pass ``filters`` (``None`` when nothing is filtered): ``Filters.apply`` on arrays.

        The same rules, answered in milliseconds at 100,000 events instead of
        reading the window's events and claims again on every slider move.
        """
        if not filters.active:
            return None
        keep = np.ones(len(self), dtype=bool)
        if filters.types:
            keep &= np.isin(self.type_code, [TYPES.index(t) for t in filters.types if t in TYPES])
        if filters.places:
            wanted = [i for i, term in enumerate(self.terms) if term in set(filters.places)]
            keep &= (np.isin(self.admin_code, wanted) | np.isin(self.name_code, wanted)
                     | np.isin(self.mention_code, wanted))
        if filters.actor:
            needle = filters.actor.strip().lower()
            keep &= np.isin(self.actor_code, [i for i, text in enumerate(self.actors) if needle in text])
        if filters.sources:
            wanted = [i for i, source in enumerate(self.sources) if source in set(filters.sources)]
            said = np.zeros(len(self), dtype=bool)
            said[self.claim_row[np.isin(self.claim_source, wanted)]] = True
            keep &= said
        if filters.min_killed is not None:
            keep &= (self.size != UNSIZED) & (self.size >= filters.min_killed)
        if filters.countries:  # per place, by its country outline; UNPLACED (-1) reads the trailing False
            keep &= np.array([*in_countries(self.place_lat, self.place_lon, filters.countries), False])[self.place]
        return keep

    def frames(self, mask: np.ndarray | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The events (``id``: row number, ``event_date``, ``event_type``) and their claims (``event_id``,
        ``source``, ``killed``) that ``mask`` keeps: what ``timeline.counts`` and ``casualties`` read."""
        keep = np.ones(len(self), dtype=bool) if mask is None else mask
        rows = np.flatnonzero(keep)
        events = pd.DataFrame({"id": rows, "event_date": self.day[rows].astype("datetime64[D]"),
                               "event_type": np.array(TYPES, dtype=object)[self.type_code[rows]]})
        own = keep[self.claim_row] & (self.claim_killed != UNSIZED)
        claims = pd.DataFrame({"event_id": self.claim_row[own],
                               "source": _objects(self.sources)[self.claim_source[own]],
                               "killed": self.claim_killed[own], "shared": self.claim_shared[own]})
        return events, claims

    def radius(self, row: int) -> float:
        """The pixel radius of one event's point: ``mapview.marker_radius`` of its highest figure."""
        value = int(self.size[row])
        return marker_radius(None if value == UNSIZED else value)

    # -- what the map draws ---------------------------------------------------
    def located(self) -> "EventColumns":
        """The events that have coordinates: what the browser is sent and draws."""
        if self._located is None:
            self._located = self if (self.place != UNPLACED).all() else self.take(np.flatnonzero(self.place != UNPLACED))
        return self._located

    def take(self, rows: np.ndarray) -> "EventColumns":
        """The columns of ``rows`` only (sorted row numbers), claim lines and claims carried along."""
        rows = np.asarray(rows, dtype=np.int64)
        starts = np.concatenate(([0], np.cumsum(self.line_count)[:-1])).astype(np.int64)
        counts = self.line_count[rows].astype(np.int64)
        flat = np.repeat(starts[rows] - np.concatenate(([0], np.cumsum(counts)[:-1])), counts) + np.arange(counts.sum())
        renumber = np.full(len(self), -1, dtype=np.int64)
        renumber[rows] = np.arange(len(rows))
        kept_claims = renumber[self.claim_row] >= 0
        per_row = {name: getattr(self, name)[rows] for name in _PER_EVENT}
        return replace(self, **per_row, line_index=self.line_index[flat.astype(np.int64)],
                       claim_row=renumber[self.claim_row[kept_claims]].astype(np.int32),
                       claim_source=self.claim_source[kept_claims], claim_killed=self.claim_killed[kept_claims],
                       claim_denial=self.claim_denial[kept_claims], claim_shared=self.claim_shared[kept_claims])

    def mask_payload(self, mask: np.ndarray) -> dict:
        """A filter as the browser reads it: one bit per shipped (located) row, little-endian, base64."""
        shipped = mask[self.place != UNPLACED]
        return {"format": MASK_FORMAT, "n": int(len(shipped)),
                "bits": base64.b64encode(np.packbits(shipped, bitorder="little").tobytes()).decode("ascii")}

    # -- shipping -------------------------------------------------------------
    def to_payload(self, part: str = "all") -> dict:
        """The compact JSON the browser layer reads: ``core``, ``detail`` or ``all`` of it.

        ``core`` is what a first paint needs (day, place, type, size); ``detail``
        is what tooltips and clicks need (ids, claim lines, disagreement), sent
        second so the map paints before it arrives. Days are delta-encoded
        (they are sorted, so most deltas are 0 or 1) and ids are split into a
        shared prefix (the report) and a suffix. Only located events travel.
        """
        if self.located() is not self:
            return self.located().to_payload(part)
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
            "lines": list(self.lines),
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

    def to_binary(self, part: str = "core") -> bytes:
        """``core``, ``detail`` (for the browser) or ``server`` (for ``from_binary``) as one ``pack``ed buffer.

        The browser parts hold the fields of ``to_payload(part)`` as typed arrays, each in the smallest
        type that holds it (a place index in 2 bytes below 65,536 places): days as deltas from
        ``first_day`` (sorted, so mostly 0 or 1: one byte each; gzipped, 1.5 KB at 10,000 events where
        int32 day numbers took 4.8 KB), place coordinates as float32 (about 0.4 m at 36 degrees),
        and the dictionaries (place names, claim lines, id prefixes, type and precision names) in the
        JSON header. Ids whose suffixes are all plain numbers below 2**32 travel as a uint32 array,
        other ids as text in the header. Integer arrays are stored as byte planes (``pack``). Uncompressed;
        ``mapfiles`` gzips it once when it writes it. Only located events travel in the browser parts;
        ``server`` keeps every dated event. Raises ``ValueError`` for another part.
        """
        if part == "server":
            return self._server_binary()
        if self.located() is not self:
            return self.located().to_binary(part)
        if part == "core":
            header = {"format": BINARY_FORMAT, "part": "core", "n": len(self), "types": list(TYPES),
                      "precisions": list(PRECISIONS),
                      "precision_radius_m": [PRECISION_RADIUS_M[p] for p in PRECISIONS],
                      "place_names": list(self.place_names)}
            days = self.day.astype(np.int64)
            header["first_day"] = int(days[0]) if len(days) else 0
            arrays = {"day_delta": _smallest(np.diff(days, prepend=days[:1]), signed=False),
                      "place": _smallest(self.place, signed=False),
                      "type": self.type_code.astype("|u1"), "size": _smallest(self.size, signed=True),
                      "place_lat": self.place_lat.astype("<f4"), "place_lon": self.place_lon.astype("<f4"),
                      "place_precision": self.place_precision.astype("|u1")}
            return pack(header, arrays, planes=True)
        if part != "detail":
            raise ValueError(f"unknown part {part!r}: core, detail or server")
        prefixes: dict[str, int] = {}
        prefix_code, suffix = [], []
        for event_id in self.ids:
            event_id = str(event_id)
            cut = event_id.rfind("-") + 1
            prefix_code.append(prefixes.setdefault(event_id[:cut], len(prefixes)))
            suffix.append(event_id[cut:])
        header = {"format": BINARY_FORMAT, "part": "detail", "n": len(self), "lines": list(self.lines),
                  "id_prefixes": list(prefixes)}
        arrays = {"disagree": self.disagree.astype("|u1"), "line_count": _smallest(self.line_count, signed=False),
                  "line_index": _smallest(self.line_index, signed=False),
                  "id_prefix": _smallest(np.array(prefix_code, dtype=np.int64), signed=False)}
        if all(s.isdigit() and (s == "0" or not s.startswith("0")) and len(s) < 10 and int(s) < 2**32
               for s in suffix):
            arrays["id_suffix"] = np.array([int(s) for s in suffix], dtype="<u4")
        else:
            header["id_suffix"] = suffix
        return pack(header, arrays, planes=True)

    def _server_binary(self) -> bytes:
        """Every field, for ``from_binary``: ids as fixed-width text, claim lines as one UTF-8 blob."""
        encoded = [line.encode("utf-8") for line in self.lines]
        ends = np.cumsum([len(b) for b in encoded], dtype=np.int64) if encoded else np.zeros(0, dtype=np.int64)
        header = {"format": BINARY_FORMAT, "part": "server", "n": len(self), "place_names": list(self.place_names),
                  "terms": list(self.terms), "actors": list(self.actors), "sources": list(self.sources)}
        ids = np.array([str(i) for i in self.ids], dtype=str) if len(self) else np.zeros(0, dtype="<U1")
        arrays = {"ids": ids, "line_text": np.frombuffer(b"".join(encoded), dtype="|u1"), "line_end": ends,
                  **{name: np.asarray(getattr(self, name)) for name in _SERVER_ARRAYS}}
        return pack(header, arrays)

    @classmethod
    def from_binary(cls, buffer) -> "EventColumns":  # noqa: ANN001 - bytes, a memoryview or an mmap
        """The columns ``to_binary("server")`` wrote, viewing ``buffer`` in place (no copy of the arrays).

        Given a memory map, the arrays stay in the file: the operating system pages in what a window,
        a filter or a listing touches, and a restarted server reads only the header. Raises
        ``ValueError`` when the buffer is not such a file (truncated, another format).
        """
        header, arrays = unpack(buffer)
        if header.get("part") != "server":
            raise ValueError(f"not the server's columns: part {header.get('part')!r}")
        missing = [name for name in ("ids", "line_text", "line_end", *_SERVER_ARRAYS) if name not in arrays]
        if missing:
            raise ValueError(f"the columns' file lacks {', '.join(missing)}")
        n = header["n"]
        if any(len(arrays[name]) != n for name in ("ids", *_PER_EVENT)):
            raise ValueError("the columns' file has arrays of different lengths")
        return cls(ids=arrays["ids"], lines=TextColumn(arrays["line_text"], arrays["line_end"]),
                   place_names=list(header["place_names"]), terms=list(header["terms"]),
                   actors=list(header["actors"]), sources=list(header["sources"]),
                   **{name: arrays[name] for name in _SERVER_ARRAYS})


def safe_json(value) -> str:
    """JSON that can sit inside a ``<script>``: no ``<``, ``>`` or ``&`` survive as such."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


class TextColumn(Sequence):
    """Texts kept as one UTF-8 blob and the end offset of each: a list of str that costs nothing until read.

    >>> list(TextColumn(np.frombuffer("abcé".encode(), dtype=np.uint8), np.array([1, 5])))
    ['a', 'bcé']
    """

    def __init__(self, blob: np.ndarray, ends: np.ndarray) -> None:
        self._blob, self._ends = blob, ends

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, index):  # noqa: ANN001, ANN204 - an int or a slice, as a list takes
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        start = int(self._ends[index - 1]) if index else 0
        return bytes(self._blob[start:int(self._ends[index])]).decode("utf-8")


def pack(header: dict, arrays: dict[str, np.ndarray], *, planes: bool = False) -> bytes:
    """``header`` and ``arrays`` as one buffer: ``MAGIC``, the header's length, the header, the arrays.

    Each array starts at a multiple of ``ALIGN`` bytes and is stored little-endian; the header gains
    ``arrays``: ``{name: [numpy dtype string, byte offset, length, planes]}``. With ``planes``, an
    array of 2- or 4-byte numbers is stored as its byte planes (every number's first byte, then every
    second byte …; ``planes`` 1): the high bytes of small codes are mostly alike, and gzip then takes
    an eighth less at 100,000 events (785 -> 687 KB, BENCHMARKS.md), at the cost of a copy when read.
    Without it the arrays can be viewed in place (a memory map). ``unpack`` (and the browser's
    ``readColumns``) reads both. Big-endian input is turned little-endian.
    """
    placed, offset = {}, 0
    chunks: list[bytes] = []
    for name, values in arrays.items():
        values = np.ascontiguousarray(values)
        if values.dtype.byteorder == ">":
            values = values.astype(values.dtype.newbyteorder("<"))
        split = planes and values.dtype.itemsize > 1
        placed[name] = [values.dtype.str, offset, int(len(values)), int(split)]
        chunks.append(values.view(np.uint8).reshape(-1, values.dtype.itemsize).T.tobytes() if split
                      else values.tobytes())
        pad = -len(chunks[-1]) % ALIGN
        chunks.append(b"\0" * pad)
        offset += len(chunks[-2]) + pad
    text = json.dumps({**header, "arrays": placed}, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-(len(MAGIC) + 4 + len(text)) % ALIGN)
    return b"".join([MAGIC, struct.pack("<I", len(text)), text, *chunks])


def unpack(buffer) -> tuple[dict, dict[str, np.ndarray]]:  # noqa: ANN001 - bytes, memoryview or mmap
    """``pack``'s header and arrays; the arrays are read-only views of ``buffer`` (no copy) unless stored
    as byte planes.

    Raises ``ValueError`` on anything that is not a whole packed buffer: another magic, a header that is
    not JSON, an array that runs past the end, an unknown dtype.
    """
    view = memoryview(buffer)
    if len(view) < len(MAGIC) + 4 or bytes(view[:len(MAGIC)]) != MAGIC:
        raise ValueError("not a conflictmap columns file (no CMEV magic)")
    (length,) = struct.unpack("<I", view[len(MAGIC):len(MAGIC) + 4])
    body = len(MAGIC) + 4 + length
    if body > len(view):
        raise ValueError("the columns file ends inside its header")
    try:
        header = json.loads(bytes(view[len(MAGIC) + 4:body]).decode("utf-8"))
        placed = header["arrays"]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as error:
        raise ValueError(f"the columns file's header cannot be read: {error}") from error
    if header.get("format") != BINARY_FORMAT:
        raise ValueError(f"the columns file is {header.get('format')!r}, not {BINARY_FORMAT}")
    arrays = {}
    for name, (kind, offset, length, *split) in placed.items():
        dtype = np.dtype(kind)
        start = body + offset
        if dtype.hasobject or offset % ALIGN or start + length * dtype.itemsize > len(view):
            raise ValueError(f"the columns file's array {name!r} runs past its end")
        if split and split[0]:
            stored = np.frombuffer(view, dtype=np.uint8, count=length * dtype.itemsize, offset=start)
            arrays[name] = stored.reshape(dtype.itemsize, length).T.copy().view(dtype).reshape(length)
        else:
            arrays[name] = np.frombuffer(view, dtype=dtype, count=length, offset=start)
    return header, arrays


def _smallest(values: np.ndarray, *, signed: bool) -> np.ndarray:
    """``values`` in the smallest little-endian integer type a typed array offers that holds them."""
    kinds = ("|i1", "<i2", "<i4") if signed else ("|u1", "<u2", "<u4")
    low, high = (int(values.min()), int(values.max())) if len(values) else (0, 0)
    for kind in kinds:
        info = np.iinfo(np.dtype(kind))
        if info.min <= low and high <= info.max:
            return values.astype(kind)
    raise ValueError(f"values {low}..{high} do not fit a 32-bit typed array")


def one_per_incident(events: Sequence[tuple], claims: Sequence[tuple]) -> tuple[list[tuple], list[tuple]]:
    """Keep one event row per incident (the most precisely placed, then the earliest) and give it every claim.

    ``events`` are ``EVENT_FIELDS`` rows with the incident id after them (None: an event alone), sorted by
    (date, id); ``claims`` are ``CLAIM_FIELDS`` rows. The other events' claims are re-addressed to the
    kept event, so its size, disagreement, tooltip lines and the filters see every source of the
    incident. Returns the rows kept, in their order, and the claims.
    """
    incident = np.array(list(map(itemgetter(INCIDENT_FIELD), events)), dtype=object)
    grouped = np.flatnonzero(incident != None)  # noqa: E711 - numpy's elementwise comparison
    if not len(grouped):
        return list(events), list(claims)
    codes, _ = pd.factorize(incident[grouped])
    sizes = np.bincount(codes)
    shared = sizes[codes] > 1
    members = grouped[shared]
    if not len(members):
        return list(events), list(claims)
    codes = np.unique(codes[shared], return_inverse=True)[1]  # 0..k-1 again, the lone incidents left out
    rank = np.fromiter((_PLACE_RANK.get(events[i][6], 6) if events[i][4] is not None else 9 for i in members),
                       dtype=np.int8, count=len(members))
    order = np.lexsort((members, rank, codes))
    first = np.ones(len(order), dtype=bool)
    first[1:] = codes[order][1:] != codes[order][:-1]
    keeper_of_code = members[order][first]  # per code (codes ascend in ``order``), the row kept
    keeper = keeper_of_code[codes]
    dropped = members != keeper
    moved = {str(events[i][0]): events[k][0] for i, k in zip(members[dropped], keeper[dropped])}
    keep = np.ones(len(events), dtype=bool)
    keep[members[dropped]] = False
    kept = [events[i] for i in np.flatnonzero(keep)]
    if moved:
        claims = [(moved[c[0]],) + tuple(c[1:]) if c[0] in moved else c for c in claims]
    return kept, list(claims)


def _transpose(rows: Sequence[tuple], width: int) -> list[list]:
    """Rows to columns; ``zip(*rows)`` is several times slower on hundreds of thousands of rows."""
    return [list(map(itemgetter(i), rows)) for i in range(width)]


def _codes(values: Sequence) -> tuple[np.ndarray, list]:
    """Dictionary encoding at C speed: each value's index into its distinct values, in first-seen order."""
    distinct = list(dict.fromkeys(values))
    index = {v: i for i, v in enumerate(distinct)}
    return np.fromiter(map(index.__getitem__, values), dtype=np.int32, count=len(values)), distinct


def _objects(values: list) -> np.ndarray:
    """A list as an object array, element by element (numpy would make a list of tuples two-dimensional)."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _iso_days(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values.astype(str).str[:10]).dt.strftime("%Y-%m-%d")


def _values(column: pd.Series, whole: bool = False, number: bool = False) -> list:
    """A frame's column as the driver would give it: missing values as None, figures as ints."""
    present = column.notna().tolist()
    if whole or number:
        cast = int if whole else float
        return [cast(v) if ok else None for v, ok in zip(column.tolist(), present)]
    return [v if ok else None for v, ok in zip(column.astype(object).tolist(), present)]


def _claim_columns(ids: np.ndarray, claims: Sequence[tuple]) -> dict:
    """Per event: highest figure, disagreement, its claim lines (dictionary-encoded); per claim: event row,
    source and killed, for the filters and charts.

    Disagreement follows ``tally.tally``: the sources' highest figures differ,
    or someone denies what others count.
    """
    n = len(ids)
    size = np.full(n, UNSIZED, dtype=np.int32)
    disagree = np.zeros(n, dtype=bool)
    row_of = {event_id: row for row, event_id in enumerate(ids)}
    count = len(claims)
    rows = np.fromiter(map(row_of.get, (c[0] for c in claims), repeat(-1, count)), dtype=np.int64, count=count)
    own = claims if (rows >= 0).all() else [claims[i] for i in np.flatnonzero(rows >= 0)]  # undated: no row
    rows = rows[rows >= 0]
    width = len(own[0]) if len(own) else _SHARED + 1
    columns = _transpose(own, min(width, _SHARED + 1))
    if width > _SHARED + 1:  # the line's words: the claim keys and the injured figure's words, not the shared key
        line_keys = _CLAIM_KEYS + _LINE_WORDS[:width - _SHARED - 1]
        line, keys = _codes(list(map(itemgetter(*range(1, _SHARED), *range(_SHARED + 1, width)), own)))
    else:
        line_keys = _CLAIM_KEYS
        line, keys = _codes(list(map(itemgetter(slice(1, _SHARED)), own)))
    source, sources = _codes(columns[1])
    killed = np.array(columns[2], dtype=float)
    killed = np.where(np.isnan(killed), UNSIZED, killed).astype(np.int64)
    denial = np.array(columns[_SHARED - 1], dtype=bool)
    shared = np.full(len(own), -1, dtype=np.int32)
    if len(columns) > _SHARED:  # the claims' shared keys, as codes; -1 for a claim of one place
        keyed = np.flatnonzero([key is not None for key in columns[_SHARED]])
        shared[keyed] = _codes([columns[_SHARED][i] for i in keyed])[0]
    order = np.argsort(rows, kind="stable")  # by event, in stored order within an event
    rows, line, source, killed, denial, shared = (a[order] for a in (rows, line, source, killed, denial, shared))
    np.maximum.at(size, rows, killed.astype(np.int32))
    figured = killed >= 0
    # Each source's highest figure per event, then how many different highest figures an event has.
    width = max(len(sources), 1)
    pair = rows[figured] * width + source[figured]
    by_pair = np.lexsort((killed[figured], pair))
    pair_sorted = pair[by_pair]
    last = np.concatenate((pair_sorted[1:] != pair_sorted[:-1], [True]))[:len(pair_sorted)]
    distinct = np.unique(((pair_sorted[last] // width) << 32) | killed[figured][by_pair][last])
    disagree |= np.bincount(distinct >> 32, minlength=n)[:n] > 1
    disagree[np.intersect1d(rows[denial], rows[figured])] = True
    # Each distinct claim is worded once by mapview.claim_line, as shown (safetext.plain).
    return {"size": size, "disagree": disagree, "line_count": np.bincount(rows, minlength=n).astype(np.int32),
            "line_index": line, "lines": [plain(claim_line(dict(zip(line_keys, key)))) for key in keys],
            "sources": sources, "row": rows.astype(np.int32), "source": source.astype(np.int32),
            "killed": killed, "denial": denial, "shared": shared}
