"""The timeline: how the window steps when it plays, and the series drawn under the map.

A short war diary steps a day at a time; years of data step a week at a
time, or playing it would take all afternoon. Casualties are charted per
source, never summed across sources, because sources disagree.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

WEEKLY_AFTER_DAYS = 120


def step_for(low: dt.date, high: dt.date) -> dt.timedelta:
    """One day for spans up to four months, one week beyond."""
    return dt.timedelta(days=1 if (high - low).days <= WEEKLY_AFTER_DAYS else 7)


def advance(start: dt.date, end: dt.date, low: dt.date, high: dt.date) -> tuple[dt.date, dt.date] | None:
    """The next window of the same width when playing; None once the window has reached ``high`` (the end
    of the data): play stops there rather than loop.

    >>> advance(dt.date(2013, 2, 1), dt.date(2013, 2, 3), dt.date(2013, 2, 1), dt.date(2013, 2, 10))
    (datetime.date(2013, 2, 2), datetime.date(2013, 2, 4))
    >>> advance(dt.date(2013, 2, 8), dt.date(2013, 2, 10), dt.date(2013, 2, 1), dt.date(2013, 2, 10)) is None
    True
    """
    if end >= high:
        return None
    width = end - start
    new_end = min(end + step_for(low, high), high)
    return new_end - width, new_end


def rewound(start: dt.date, end: dt.date, low: dt.date, high: dt.date) -> tuple[dt.date, dt.date]:
    """Where Play starts: the window itself, or the first window of its width when it already ends at ``high``.

    >>> rewound(dt.date(2013, 2, 8), dt.date(2013, 2, 10), dt.date(2013, 2, 1), dt.date(2013, 2, 10))
    (datetime.date(2013, 2, 1), datetime.date(2013, 2, 3))
    """
    if end < high:
        return start, end
    return low, min(low + (end - start), high)


def casualties(events: pd.DataFrame, claims: pd.DataFrame, step: dt.timedelta) -> pd.DataFrame:
    """Killed claimed per period and source: ``period, source, killed`` (long form, for a chart).

    Each source counts its highest figure per event once, on the event's date.
    A figure a source gave for several places at once (the copies of one
    shared claim: ``shared`` or ``shared_key`` in ``claims``) counts once,
    on the earliest date among those places' events (``tally.units``).
    """
    from conflictmap.tally import claim_units

    if events.empty or claims.empty:
        return pd.DataFrame(columns=["period", "source", "killed"])
    own = claims[claims["event_id"].isin(set(events["id"]))].dropna(subset=["killed"])
    if own.empty:
        return pd.DataFrame(columns=["period", "source", "killed"])
    own = own.assign(source=own["source"].fillna("(unattributed)"))
    dates = pd.to_datetime(events.set_index("id")["event_date"])
    own = own.assign(unit=claim_units(own), date=own["event_id"].map(dates).to_numpy())
    per_unit = own.groupby("unit", sort=False).agg(source=("source", "first"), killed=("killed", "max"),
                                                   date=("date", "min"))
    per_unit["period"] = _period(per_unit["date"], step)
    return per_unit.groupby(["period", "source"])["killed"].sum().reset_index()


def counts(events: pd.DataFrame, step: dt.timedelta) -> pd.DataFrame:
    """Events per period and type: ``period, event_type, events``."""
    if events.empty:
        return pd.DataFrame(columns=["period", "event_type", "events"])
    frame = events.assign(period=_period(pd.to_datetime(events["event_date"]), step))
    return frame.groupby(["period", "event_type"]).size().rename("events").reset_index()


def _period(dates: pd.Series, step: dt.timedelta) -> pd.Series:
    if step.days >= 7:
        return (dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")).dt.date
    return dates.dt.date
