"""Tallies: who claims how many, side by side, without merging sources.

An analyst needs to see at a glance that the monitor says 19 and the state
agency says nothing, and whether a source's parts add up. ACLED's rule for
one number is the most conservative (lowest) figure reported; the tally
gives it and keeps every source's figure beside it.
"""
from __future__ import annotations

from dataclasses import dataclass

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from conflictmap.columns import EventColumns

BREAKDOWN = ("civilians", "rebels", "government")


@dataclass(frozen=True)
class Tally:
    """The figures claimed for one event."""

    event_id: str
    sources: int
    lowest: int | None
    highest: int | None
    disagree: bool
    denied_by: tuple[str, ...]
    flags: tuple[str, ...]

    @property
    def conservative(self) -> int | None:
        """ACLED's convention: the lowest figure reported."""
        return self.lowest

    @property
    def summary(self) -> str:
        """One line for a tooltip or a caption."""
        if self.lowest is None:
            figure = "no figure claimed"
        elif self.lowest == self.highest:
            figure = f"{self.lowest} killed"
        else:
            figure = f"{self.lowest}–{self.highest} killed"
        bits = [figure]
        if self.disagree:
            bits.append("sources disagree")
        if self.denied_by:
            bits.append("denied by " + ", ".join(self.denied_by))
        return "; ".join(bits)

    @property
    def disagreement(self) -> str:
        """The summary without "sources disagree", for a warning that says so itself: "12–19 killed;
        denied by SANA"."""
        return self.summary.replace("; sources disagree", "")


def tally(event_id: str, claims: pd.DataFrame) -> Tally:
    """Summarise the claims of one event (rows of ``EventStore.claims_frame``)."""
    own = claims[claims["event_id"] == event_id] if len(claims) else claims
    figures = [int(v) for v in own["killed"].dropna()] if len(own) else []
    denied = tuple(dict.fromkeys(own.loc[own["denial"].astype(bool), "source"].dropna())) if len(own) else ()
    flags = tuple(dict.fromkeys(own["flag"].dropna())) if len(own) else ()
    by_source = own.dropna(subset=["killed"]).groupby("source")["killed"].max() if len(own) else pd.Series(dtype=int)
    return Tally(
        event_id=event_id,
        sources=int(own["source"].nunique()) if len(own) else 0,
        lowest=min(figures) if figures else None,
        highest=max(figures) if figures else None,
        disagree=by_source.nunique() > 1 or (bool(denied) and bool(figures)),
        denied_by=denied,
        flags=flags,
    )


def tallies(claims: pd.DataFrame, event_ids: list[str]) -> dict[str, Tally]:
    """A tally for each event, grouped once so the map does not rescan claims per point."""
    grouped = {key: frame for key, frame in claims.groupby("event_id")} if len(claims) else {}
    empty = claims.iloc[0:0]
    return {eid: tally(eid, grouped.get(eid, empty)) for eid in event_ids}


def by_source(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per source over the given claims: how much it covers and how it compares.

    ``events`` counts the events the source made any claim about, ``killed``
    adds up its highest figure for each event (a source's updated toll does
    not count twice; a figure it gave for several places at once counts
    once: ``units``), and ``highest``/``lowest`` count the events where its
    figure was the top or the bottom among two or more sources that gave one.
    """
    columns = ["source", "events", "killed", "highest", "lowest", "denials"]
    if claims.empty:
        return pd.DataFrame(columns=columns)
    named = claims.assign(source=claims["source"].fillna("(unattributed)"))
    per_event = named.dropna(subset=["killed"]).groupby(["event_id", "source"])["killed"].max().reset_index()
    contested = per_event.groupby("event_id")["source"].transform("size") > 1
    top = per_event.groupby("event_id")["killed"].transform("max")
    bottom = per_event.groupby("event_id")["killed"].transform("min")
    spread = top != bottom
    per_event["highest"] = contested & spread & (per_event["killed"] == top)
    per_event["lowest"] = contested & spread & (per_event["killed"] == bottom)
    figures = per_event.groupby("source").agg(highest=("highest", "sum"), lowest=("lowest", "sum"))
    figured = named.dropna(subset=["killed"])
    figures["killed"] = unit_totals(figured).groupby("source")["killed"].sum()
    covered = named.groupby("source")["event_id"].nunique().rename("events")
    denials = named[named["denial"].astype(bool)].groupby("source")["event_id"].nunique().rename("denials")
    table = pd.concat([covered, figures, denials], axis=1).fillna(0).astype(int).reset_index()
    table = table.rename(columns={"index": "source"})
    return table.reindex(columns=columns).sort_values(["events", "killed"], ascending=False).reset_index(drop=True)


def units(event: np.ndarray, source: np.ndarray, shared: np.ndarray, width: int | None = None) -> np.ndarray:
    """Each claim's counting unit: what a total adds once (an int64 label per claim).

    ``event``, ``source`` and ``shared`` are non-negative integer codes per
    claim (``shared`` is -1 for a claim of one place; the copies of one
    shared claim have one code). A unit is normally (event, source): a
    source's updated toll for an event does not count twice. A figure one
    source gave for several places at once ("1,300 killed in A, B and C",
    the copies of one shared claim) joins those places' (event, source)
    pairs into one unit, so a total over them counts the figure once; a
    source's own figure for one of those places then counts only where it
    is higher (it is part of the shared figure otherwise).

    >>> units(np.array([0, 1, 2, 0]), np.array([0, 0, 0, 1]), np.array([5, 5, -1, -1])).tolist()
    [0, 0, 4, 1]

    A label is ``event * width + source`` of the unit's first pair, so
    ``label % width`` is its source (``width``: more than any source code).
    """
    width = width or (int(source.max()) + 1 if len(source) else 1)
    pair = event.astype(np.int64) * width + source.astype(np.int64)
    linked = np.flatnonzero(shared >= 0)
    if not len(linked):
        return pair
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    anchors: dict[tuple[int, int], int] = {}
    for i in linked:
        here = int(pair[i])
        there = anchors.setdefault((int(shared[i]), int(source[i])), here)
        a, b = root(here), root(there)
        if a != b:
            parent[max(a, b)] = min(a, b)
    if not parent:
        return pair
    keys = np.array(sorted(parent), dtype=np.int64)
    roots = np.array([root(int(k)) for k in keys], dtype=np.int64)
    at = np.searchsorted(keys, pair).clip(max=len(keys) - 1)
    hit = keys[at] == pair
    out = pair.copy()
    out[hit] = roots[at[hit]]
    return out


def shared_codes(claims: pd.DataFrame) -> np.ndarray:
    """The ``shared`` codes of a claims frame: its ``shared`` column, else ``shared_key`` factorised; -1 when
    a claim is of one place (or the frame says nothing of sharing)."""
    if "shared" in claims:
        return claims["shared"].fillna(-1).to_numpy(dtype=np.int64)
    if "shared_key" in claims:
        return pd.factorize(claims["shared_key"], use_na_sentinel=True)[0].astype(np.int64)
    return np.full(len(claims), -1, dtype=np.int64)


def claim_units(claims: pd.DataFrame) -> np.ndarray:
    """``units`` of a claims frame (``event_id``, ``source`` without missing values, and ``shared`` or
    ``shared_key`` where claims are shared): one label per row."""
    event = pd.factorize(claims["event_id"])[0]
    source = pd.factorize(claims["source"])[0]
    return units(event, source, shared_codes(claims))


def unit_totals(claims: pd.DataFrame) -> pd.DataFrame:
    """Each counting unit (``units``) of claims with a figure: ``unit``, ``source`` and ``killed`` (its
    highest figure): what a total over them adds. ``claims`` as ``claim_units`` reads them, ``killed``
    without missing values."""
    if not len(claims):
        return pd.DataFrame(columns=["unit", "source", "killed"])
    frame = pd.DataFrame({"unit": claim_units(claims), "source": claims["source"].to_numpy(),
                          "killed": claims["killed"].to_numpy()})
    return frame.groupby("unit", sort=False).agg(source=("source", "first"), killed=("killed", "max")).reset_index()


def summaries(claims: pd.DataFrame, event_ids: list[str]) -> dict[str, str]:
    """``Tally.summary`` for many events at once, grouped in pandas: what a long listing needs.

    Equal, event for event, to ``tallies(claims, event_ids)[e].summary``, at a
    fraction of the cost (one groupby instead of one scan per event).
    """
    return {eid: found.summary for eid, found in quick_tallies(claims, event_ids).items()}


def quick_tallies(claims: pd.DataFrame, event_ids: list[str]) -> dict[str, Tally]:
    """A ``Tally`` for many events by one groupby: lowest, highest, disagreement and denials (``sources`` and
    ``flags`` left empty, as a listing shows neither)."""
    if not len(claims):
        return {eid: Tally(eid, 0, None, None, False, (), ()) for eid in event_ids}
    killed = pd.to_numeric(claims["killed"], errors="coerce")
    figured = claims.assign(killed=killed).dropna(subset=["killed"])
    lowest = figured.groupby("event_id")["killed"].min()
    highest = figured.groupby("event_id")["killed"].max()
    per_source = figured.groupby(["event_id", "source"])["killed"].max().groupby(level=0).nunique()
    denials = claims[claims["denial"].fillna(False).astype(bool)].dropna(subset=["source"])
    denied = {key: tuple(dict.fromkeys(group["source"])) for key, group in denials.groupby("event_id")}
    out = {}
    for eid in event_ids:
        low, high = lowest.get(eid), highest.get(eid)
        by = denied.get(eid, ())
        disagree = bool(per_source.get(eid, 0) > 1) or (bool(by) and low is not None)
        out[eid] = Tally(eid, 0, None if low is None else int(low), None if high is None else int(high),
                         disagree, by, ())
    return out


LISTING_COLUMNS = ["Date", "Killed claimed", "What and where"]


def killed_words(found: Tally) -> str:
    """A tally in a few words for a listing's cell: "19", "12–19, disputed", "denied", "" (no claim).

    >>> killed_words(Tally("e", 2, 12, 19, True, ("SANA",), ()))
    '12–19, disputed, denied'
    """
    if found.lowest is None:
        figure = ""
    elif found.lowest == found.highest:
        figure = str(found.lowest)
    else:
        figure = f"{found.lowest}–{found.highest}"
    return ", ".join(p for p in (figure, "disputed" if found.disagree else "", "denied" if found.denied_by else "")
                     if p)


def listing(events: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """The events of a window as the side panel lists them, in ``LISTING_COLUMNS``, headed in words.

    ``events`` as ``EventStore.window_events`` gives them (``id``,
    ``event_date``, ``place_name``, ``display_name``, ``place_mention``,
    ``event_type``),
    ``claims`` their ``claims_frame``. ``Date`` stays a date (it sorts);
    ``What and where`` reads "shelling in Qadam (named “Kidm”)": the
    place's own name, and the report's name for it when that is more than
    another spelling ("Qaboon" for Qaboun is not; ``gazetteer.name_key``),
    "(unplaced)" when no place was found. Three columns, so the listing fits
    the side panel without a horizontal scroll; every cell is text, "" where
    there is nothing to say.
    """
    if not len(events):
        return pd.DataFrame(columns=LISTING_COLUMNS)
    found = quick_tallies(claims, events["id"].tolist())
    places = []
    # The place's own name ("Barzeh", not "Damascus - Barzeh"): short enough for the panel's width.
    names = events["place_name"] if "place_name" in events else events["display_name"]
    for name, fallback, mention in zip(names, events["display_name"], events["place_mention"]):
        display, mention = _plain(name) or _plain(fallback), _plain(mention)
        if not display:
            places.append(f"{mention} (unplaced)" if mention else "(unplaced)")
        elif mention and mention.lower() not in display.lower() and name_key(mention) != name_key(display):
            places.append(f"{display} (named “{mention}”)")
        else:
            places.append(display)
    return pd.DataFrame({"Date": pd.to_datetime(events["event_date"], errors="coerce").dt.date.tolist(),
                         "Killed claimed": [killed_words(found[e]) for e in events["id"]],
                         "What and where": [f"{_plain(t).replace('_', ' ')} in {place}"
                                            for t, place in zip(events["event_type"], places)]},
                        columns=LISTING_COLUMNS)


def name_key(name: str) -> str:
    from conflictmap.places.gazetteer import name_key as key

    return key(name)


def _plain(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def window_claims(columns: "EventColumns", start: dt.date | None, end: dt.date | None,
                  mask: np.ndarray | None = None) -> pd.DataFrame:
    """The claims of the window's events that pass ``mask``, from the map's columns (no database read).

    Columns ``event_id`` (the event's row), ``source`` (None: unattributed),
    ``killed`` (float, NaN when no figure) and ``denial``: what ``by_source``
    reads. Work grows with the events and claims held, like the map's own
    counts and charts, never with a query per view.
    """
    from conflictmap.columns import UNSIZED

    own = keep_claims(columns, start, end, mask)
    sources = np.empty(len(columns.sources), dtype=object)
    sources[:] = columns.sources
    killed = columns.claim_killed[own].astype(float)
    killed[killed == UNSIZED] = np.nan
    return pd.DataFrame({"event_id": columns.claim_row[own], "source": sources[columns.claim_source[own]],
                         "killed": killed, "denial": columns.claim_denial[own], "shared": columns.claim_shared[own]})


def source_table(columns: "EventColumns", start: dt.date | None, end: dt.date | None,
                 mask: np.ndarray | None = None) -> pd.DataFrame:
    """``by_source`` over the window's events that pass ``mask``, computed on the map's columns in numpy.

    The same table, row for row, as ``by_source(window_claims(...))``, in a
    tenth of the time at 300,000 claims: pairs of (event, source) are sorted
    once instead of grouped by pandas several times.
    """
    from conflictmap.columns import UNSIZED

    own = keep_claims(columns, start, end, mask)
    columns_out = ["source", "events", "killed", "highest", "lowest", "denials"]
    if not own.any():
        return pd.DataFrame(columns=columns_out)
    names = ["(unattributed)" if s is None else str(s) for s in columns.sources]
    # Sources that read the same once "(unattributed)" is spelt out count as one, as in by_source.
    name_code = {name: i for i, name in enumerate(dict.fromkeys(names))}
    width = len(name_code)
    source = np.array([name_code[n] for n in names], dtype=np.int64)[columns.claim_source[own]]
    event = columns.claim_row[own].astype(np.int64)
    killed = columns.claim_killed[own]
    denial = columns.claim_denial[own]
    covered = np.bincount(_distinct(event * width + source) % width, minlength=width)
    denied = np.bincount(_distinct((event * width + source)[denial]) % width, minlength=width)
    figured = killed != UNSIZED
    pair = event[figured] * width + source[figured]
    value = killed[figured].astype(np.int64)
    order = np.lexsort((value, pair))
    pair, value = pair[order], value[order]
    last = np.r_[pair[1:] != pair[:-1], True] if len(pair) else np.zeros(0, dtype=bool)
    pair, value = pair[last], value[last]  # each source's highest figure per event
    pair_event, pair_source = pair // width, pair % width
    starts = np.r_[True, pair_event[1:] != pair_event[:-1]] if len(pair) else np.zeros(0, dtype=bool)
    group = np.cumsum(starts) - 1
    sizes = np.bincount(group) if len(group) else np.zeros(0, dtype=np.int64)
    top = np.full(len(sizes), np.iinfo(np.int64).min)
    bottom = np.full(len(sizes), np.iinfo(np.int64).max)
    np.maximum.at(top, group, value)
    np.minimum.at(bottom, group, value)
    contested = (sizes[group] > 1) & (top[group] != bottom[group])
    highest = np.bincount(pair_source[contested & (value == top[group])], minlength=width)
    lowest = np.bincount(pair_source[contested & (value == bottom[group])], minlength=width)
    shared = columns.claim_shared[own][figured]
    if (shared < 0).all():
        total = np.bincount(pair_source, weights=value, minlength=width).astype(np.int64)
    else:  # a figure given for several places at once counts once in the total (``units``)
        unit = units(event[figured], source[figured], shared, width)
        order = np.lexsort((killed[figured], unit))
        unit, unit_value = unit[order], killed[figured][order].astype(np.int64)
        last = np.r_[unit[1:] != unit[:-1], True] if len(unit) else np.zeros(0, dtype=bool)
        total = np.bincount(unit[last] % width, weights=unit_value[last], minlength=width).astype(np.int64)
    table = pd.DataFrame({"source": list(name_code), "events": covered, "killed": total, "highest": highest,
                          "lowest": lowest, "denials": denied})
    table = table[table["events"] > 0]
    return table.reindex(columns=columns_out).sort_values(["events", "killed"], ascending=False).reset_index(drop=True)


def keep_claims(columns: "EventColumns", start: dt.date | None, end: dt.date | None,
                mask: np.ndarray | None = None) -> np.ndarray:
    """Which of the columns' claims belong to the window's events that pass ``mask`` (a boolean per claim)."""
    span = columns.window(start, end)
    keep = np.zeros(len(columns), dtype=bool)
    keep[span] = True if mask is None else mask[span]
    return keep[columns.claim_row]


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, by one sort (numpy's hash-based ``unique`` is several times slower on these)."""
    ordered = np.sort(values)
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if len(ordered) else ordered
