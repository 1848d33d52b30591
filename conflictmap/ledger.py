"""The ledger of an incident: every source's claim across all the reports that tell it.

One car bomb, five reports: the side panel lists each claim (source, figures,
breakdown, scope, date of the claim, quote, which report), the range of the
figures, where sources disagree, and how the toll moved over time ("SOHR:
30 on 11 Mar → 59 on 12 Mar → 74 on 20 Mar"). Figures are never added
across sources; ACLED's single figure for an incident is the lowest credible
one (``conservative``: ACLED codebook, "Fatalities": the most conservative
reported figure). Pure functions over rows of ``EventStore.claims_frame``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

BREAKDOWN = ("civilians", "rebels", "government", "children", "women")
COLUMNS = ["source", "killed", "killed_qualifier", "injured", "breakdown", "scope", "claim_date", "quote", "report",
           "event_id"]
UNATTRIBUTED = "(unattributed)"


@dataclass(frozen=True)
class Move:
    """One source's figure on one day, in the order the claims were made."""

    source: str
    day: dt.date | None
    killed: int


def _day(value: object) -> dt.date | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _claim_days(claims: pd.DataFrame) -> list[dt.date | None]:
    """A claim's date, else its report's publication date (``report_date``), else None."""
    own = claims["claim_date"] if "claim_date" in claims else pd.Series([None] * len(claims), index=claims.index)
    report = claims["report_date"] if "report_date" in claims else pd.Series([None] * len(claims), index=claims.index)
    return [_day(a) or _day(b) for a, b in zip(own, report)]


def _credible(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims that count the whole incident: scope "event", not a denial, with a killed figure."""
    if not len(claims):
        return claims
    scope = claims["scope"].fillna("event") if "scope" in claims else "event"
    denial = claims["denial"].fillna(False).astype(bool) if "denial" in claims else False
    keep = (scope == "event") & ~denial & claims["killed"].notna()
    return claims[keep]


def table(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per claim in ``COLUMNS``, oldest claim first: what the side panel lists.

    ``breakdown`` reads "civilians 10, government 2"; ``report`` names the
    report by publisher, else address, else id; ``claim_date`` falls back on
    the report's date.
    """
    if not len(claims):
        return pd.DataFrame(columns=COLUMNS)
    rows = []
    for record, day in zip(claims.to_dict("records"), _claim_days(claims)):
        parts = [f"{name} {int(record[name])}" for name in BREAKDOWN
                 if name in record and record[name] is not None and not pd.isna(record[name])]
        report = next((str(record[k]) for k in ("publisher", "report_url", "report_id")
                       if record.get(k) is not None and not pd.isna(record.get(k))), "")
        rows.append({"source": record.get("source") or UNATTRIBUTED,
                     "killed": None if pd.isna(record.get("killed")) else int(record["killed"]),
                     "killed_qualifier": record.get("killed_qualifier") or "",
                     "injured": None if pd.isna(record.get("injured")) else int(record["injured"]),
                     "breakdown": ", ".join(parts), "scope": record.get("scope") or "event",
                     "claim_date": day, "quote": record.get("quote") or "", "report": report,
                     "event_id": record.get("event_id")})
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["_order"] = [d or dt.date.max for d in out["claim_date"]]
    out = out.sort_values(["_order", "source"], kind="stable").drop(columns="_order").reset_index(drop=True)
    for column in ("killed", "injured"):
        out[column] = out[column].astype("Int64")
    return out


def figure_range(claims: pd.DataFrame) -> tuple[int | None, int | None]:
    """(lowest, highest) killed among claims about the whole incident (subsets and denials left out)."""
    credible = _credible(claims)
    if not len(credible):
        return None, None
    figures = credible["killed"].astype(int)
    return int(figures.min()), int(figures.max())


def conservative(claims: pd.DataFrame) -> int | None:
    """ACLED's single figure for the incident: the lowest credible one (None when nobody gives one)."""
    return figure_range(claims)[0]


def flags(claims: pd.DataFrame) -> list[str]:
    """Plain-words warnings: sources that disagree (each source's latest figure), denials, parts not adding up."""
    out: list[str] = []
    credible = _credible(claims)
    if len(credible):
        latest = latest_by_source(claims)
        if len(set(latest.values())) > 1:
            out.append("sources disagree: " + ", ".join(f"{s} {k}" for s, k in latest.items()))
    if "denial" in claims and len(claims):
        denied = claims[claims["denial"].fillna(False).astype(bool)]
        names = list(dict.fromkeys(denied["source"].fillna(UNATTRIBUTED)))
        if names:
            out.append("denied by " + ", ".join(names))
    if "flag" in claims and len(claims):
        out.extend(f"parts do not add up: {f}" for f in dict.fromkeys(claims["flag"].dropna()))
    if "scope" in claims and len(claims):
        partial = [s for s in dict.fromkeys(claims["scope"].dropna()) if s != "event"]
        if partial:
            out.append("figures for part of the incident or beyond it: " + ", ".join(partial))
    return out


def moves(claims: pd.DataFrame) -> list[Move]:
    """Every credible figure with its day, oldest first (undated last), ties by source."""
    credible = _credible(claims)
    found = [Move(str(source) if source is not None and not pd.isna(source) else UNATTRIBUTED, day, int(killed))
             for source, day, killed in zip(credible["source"], _claim_days(credible), credible["killed"])]
    return sorted(found, key=lambda m: (m.day or dt.date.max, m.source, m.killed))


def latest_by_source(claims: pd.DataFrame) -> dict[str, int]:
    """Each source's latest figure (its highest on its latest day): a revised toll replaces the early one."""
    out: dict[str, tuple[dt.date, int]] = {}
    for move in moves(claims):
        day = move.day or dt.date.min
        if move.source not in out or (day, move.killed) >= out[move.source]:
            out[move.source] = (day, move.killed)
    return {source: killed for source, (_, killed) in out.items()}


def movement(claims: pd.DataFrame) -> list[str]:
    """How the figures moved, one line per source that gave more than one figure, plus the overall drift.

    >>> frame = pd.DataFrame({"source": ["SOHR", "SOHR"], "killed": [12, 40], "scope": ["event"] * 2,
    ...                       "denial": [False] * 2, "claim_date": ["2017-03-11", "2017-03-14"]})
    >>> movement(frame)
    ['SOHR: 12 (11 Mar 2017) → 40 (14 Mar 2017)', 'all sources: 12 on 11 Mar 2017, 40 by 14 Mar 2017']
    """
    found = moves(claims)
    lines = []
    for source in dict.fromkeys(m.source for m in found):
        own = [m for m in found if m.source == source]
        steps = [own[0]] + [m for prev, m in zip(own, own[1:]) if m.killed != prev.killed]
        if len(steps) > 1:
            lines.append(f"{source}: " + " → ".join(f"{m.killed} ({_words(m.day)})" for m in steps))
    dated = [m for m in found if m.day is not None]
    if len(dated) > 1 and dated[0].day != dated[-1].day:
        first, last = dated[0], dated[-1]
        top = max(m.killed for m in dated if m.day == last.day)
        lines.append(f"all sources: {first.killed} on {_words(first.day)}, {top} by {_words(last.day)}")
    return lines


def _words(day: dt.date | None) -> str:
    return day.strftime("%-d %b %Y") if day else "undated"


PLACE_RANK = {"neighbourhood": 0, "town": 1, "city": 2, "district": 3, "governorate": 4, "country": 5}


def one_per_incident(events: pd.DataFrame, claims: pd.DataFrame, start: dt.date | None = None,
                     end: dt.date | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per incident for exports: the incident's most precisely placed event (then the earliest, then
    the smallest id) stands for it, and every claim of its events is re-addressed to that row.

    ``events`` as ``EventStore.events_frame`` gives them (``incident_id`` None: an event alone), ``claims``
    as ``claims_frame``. ACLED's fatalities of the row are then the lowest credible figure over all the
    incident's reports (``acled.export_rows``), never a sum over reports. With ``start``/``end``, an
    incident is kept when the event standing for it is dated in that window (as the map counts it), so
    exports of two windows never both hold it; ``events`` should then hold every event of its incidents
    (``EventStore.with_incident_members``).
    """
    if not len(events) or "incident_id" not in events:
        return events, claims
    group = events["incident_id"].where(events["incident_id"].notna(), events["id"])
    if group.nunique() == len(events) and start is None and end is None:
        return events, claims
    located = events["lat"].notna() if "lat" in events else pd.Series(False, index=events.index)
    rank = events["precision"].map(PLACE_RANK).fillna(6).where(located, 9) if "precision" in events else 0
    ordered = events.assign(_group=group, _rank=rank, _day=events["event_date"].astype(str))
    ordered = ordered.sort_values(["_group", "_rank", "_day", "id"], kind="stable")
    keeper = ordered.groupby("_group")["id"].transform("first")
    moved = dict(zip(ordered["id"], keeper))
    kept = events[events["id"].isin(set(keeper))]
    if start is not None or end is not None:
        day = pd.to_datetime(kept["event_date"], errors="coerce").dt.date
        inside = day.notna()
        if start is not None:
            inside &= day.map(lambda d: d is not None and not pd.isna(d) and d >= start)
        if end is not None:
            inside &= day.map(lambda d: d is not None and not pd.isna(d) and d <= end)
        kept = kept[inside.astype(bool)]
    if len(claims):
        claims = claims.assign(event_id=claims["event_id"].map(lambda e: moved.get(e, e)))
        if start is not None or end is not None:
            claims = claims[claims["event_id"].isin(set(kept["id"])) | claims["event_id"].isna()]
    return kept, claims
