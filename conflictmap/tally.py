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


def claim_table(event_id: str, claims: pd.DataFrame) -> pd.DataFrame:
    """One row per claim, in the columns the side panel shows."""
    own = claims[claims["event_id"] == event_id] if len(claims) else claims
    columns = ["source", "source_mention", "killed", "injured", *BREAKDOWN, "scope", "denial", "flag",
               "claim_date", "quote", "report_url"]
    table = own.reindex(columns=columns).reset_index(drop=True)
    for column in ("killed", "injured", *BREAKDOWN):
        table[column] = table[column].astype("Int64")
    return table


def tallies(claims: pd.DataFrame, event_ids: list[str]) -> dict[str, Tally]:
    """A tally for each event, grouped once so the map does not rescan claims per point."""
    grouped = {key: frame for key, frame in claims.groupby("event_id")} if len(claims) else {}
    empty = claims.iloc[0:0]
    return {eid: tally(eid, grouped.get(eid, empty)) for eid in event_ids}


def by_source(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per source over the given claims: how much it covers and how it compares.

    ``events`` counts the events the source made any claim about, ``killed``
    adds up its highest figure for each event (a source's updated toll does
    not count twice), and ``highest``/``lowest`` count the events where its
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
    figures = per_event.groupby("source").agg(killed=("killed", "sum"), highest=("highest", "sum"),
                                              lowest=("lowest", "sum"))
    covered = named.groupby("source")["event_id"].nunique().rename("events")
    denials = named[named["denial"].astype(bool)].groupby("source")["event_id"].nunique().rename("denials")
    table = pd.concat([covered, figures, denials], axis=1).fillna(0).astype(int).reset_index()
    table = table.rename(columns={"index": "source"})
    return table.reindex(columns=columns).sort_values(["events", "killed"], ascending=False).reset_index(drop=True)


def summaries(claims: pd.DataFrame, event_ids: list[str]) -> dict[str, str]:
    """``Tally.summary`` for many events at once, grouped in pandas: what a long listing needs.

    Equal, event for event, to ``tallies(claims, event_ids)[e].summary``, at a
    fraction of the cost (one groupby instead of one scan per event).
    """
    if not len(claims):
        return {eid: Tally(eid, 0, None, None, False, (), ()).summary for eid in event_ids}
    killed = pd.to_numeric(claims["killed"], errors="coerce")
    figured = claims.assign(killed=killed).dropna(subset=["killed"])
    lowest = figured.groupby("event_id")["killed"].min()
    highest = figured.groupby("event_id")["killed"].max()
    per_source = figured.groupby(["event_id", "source"])["killed"].max().groupby(level=0).nunique()
    denials = claims[claims["denial"].astype(bool)].dropna(subset=["source"])
    denied = {key: tuple(dict.fromkeys(group["source"])) for key, group in denials.groupby("event_id")}
    out = {}
    for eid in event_ids:
        low, high = lowest.get(eid), highest.get(eid)
        by = denied.get(eid, ())
        disagree = bool(per_source.get(eid, 0) > 1) or (bool(by) and low is not None)
        out[eid] = Tally(eid, 0, None if low is None else int(low), None if high is None else int(high),
                         disagree, by, ()).summary
    return out


def window_claims(columns: "EventColumns", start: dt.date | None, end: dt.date | None,
                  mask: np.ndarray | None = None) -> pd.DataFrame:
    """The claims of the window's events that pass ``mask``, from the map's columns (no database read).

    Columns ``event_id`` (the event's row), ``source`` (None: unattributed),
    ``killed`` (float, NaN when no figure) and ``denial``: what ``by_source``
    reads. Work grows with the events and claims held, like the map's own
    counts and charts, never with a query per view.
    """
    from conflictmap.columns import UNSIZED

    span = columns.window(start, end)
    keep = np.zeros(len(columns), dtype=bool)
    keep[span] = True if mask is None else mask[span]
    own = keep[columns.claim_row]
    sources = np.empty(len(columns.sources), dtype=object)
    sources[:] = columns.sources
    killed = columns.claim_killed[own].astype(float)
    killed[killed == UNSIZED] = np.nan
    return pd.DataFrame({"event_id": columns.claim_row[own], "source": sources[columns.claim_source[own]],
                         "killed": killed, "denial": columns.claim_denial[own]})
