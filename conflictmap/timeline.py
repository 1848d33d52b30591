"""The timeline: the slider's step, how the window steps when it plays, and the series drawn under the map.

A short war diary steps a day at a time; years of data step a week, four
weeks or a quarter at a time, or the slider would move a pixel per week and
its arrow keys (and Play) would crawl through the years. Casualties are
charted per source, never summed across sources, because sources disagree.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

# The slider's and Play's steps, in days, smallest first: a span gets the smallest that leaves it at most
# MAX_POSITIONS positions (a day up to four months, a week up to 2.3 years, four weeks up to 9 years ...).
STEPS = (1, 7, 28, 91, 364)
MAX_POSITIONS = 120
WEEKLY_AFTER_DAYS = MAX_POSITIONS  # spans longer than this step a week (or more) at a time


def step_for(low: dt.date, high: dt.date) -> dt.timedelta:
    """The slider's step and Play's: the smallest of ``STEPS`` (days) that leaves the span ``low``..``high``
    at most ``MAX_POSITIONS`` positions, so the whole span is some hundred key presses or Play steps at most,
    and a slider of any width moves by whole steps. The largest step serves any longer span.

    >>> step_for(dt.date(2013, 2, 1), dt.date(2013, 3, 1)).days, step_for(dt.date(2012, 1, 1), dt.date(2014, 1, 1)).days
    (1, 7)
    >>> step_for(dt.date(2011, 3, 15), dt.date(2024, 12, 31)).days
    91
    """
    days = (high - low).days
    return dt.timedelta(days=next((step for step in STEPS if days <= step * MAX_POSITIONS), STEPS[-1]))


def exact_window(start: dt.date | None, end: dt.date | None, low: dt.date, high: dt.date
                 ) -> tuple[dt.date, dt.date]:
    """The window two typed dates ask for, to the day: inside ``low``..``high``, in order (dates typed the
    wrong way round are swapped), an empty end meaning ``high`` and an empty start ``low``.

    >>> exact_window(dt.date(2014, 5, 9), dt.date(2013, 1, 2), dt.date(2012, 1, 1), dt.date(2020, 1, 1))
    (datetime.date(2013, 1, 2), datetime.date(2014, 5, 9))
    """
    start, end = start or low, end or high
    if start > end:
        start, end = end, start
    clamp = lambda day: min(max(day, low), high)  # noqa: E731
    return clamp(start), clamp(end)


def slid(new: tuple[dt.date, dt.date], old: tuple[dt.date, dt.date], step: dt.timedelta
         ) -> tuple[dt.date, dt.date]:
    """The window after a slider move: the end the analyst moved where the slider put it, the other kept to
    the day.

    The slider knows only its grid (the first day plus whole steps), so touching one thumb rounds both to
    it: a window a link or the date boxes set (4 March 2015 – 9 July 2016 on a quarter's grid) would lose
    its untouched end. An end that moved by half a step or less was only rounded, and keeps its old day.

    >>> q = dt.timedelta(days=91)
    >>> slid((dt.date(2015, 5, 5), dt.date(2016, 6, 1)), (dt.date(2015, 3, 4), dt.date(2016, 7, 9)), q)
    (datetime.date(2015, 5, 5), datetime.date(2016, 7, 9))
    """
    half = step / 2
    start = old[0] if abs(new[0] - old[0]) <= half else new[0]
    end = old[1] if abs(new[1] - old[1]) <= half else new[1]
    return (start, end) if start <= end else new


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
    """The period of each date: its day, its week's Monday (steps of a week), or its month's first day
    (steps of four weeks or more: years of weekly bars would be thinner than a pixel)."""
    if step.days >= 28:
        return dates.dt.to_period("M").dt.start_time.dt.date
    if step.days >= 7:
        return (dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")).dt.date
    return dates.dt.date


def series(columns, mask: np.ndarray | None, step: dt.timedelta) -> tuple[pd.DataFrame, pd.DataFrame]:  # noqa: ANN001
    """``counts`` (``period, event_type, events``) and ``casualties`` (``period, source, killed``) of the
    events ``mask`` (bool, one per row of ``columns``) keeps, all without one, read from the map's columns
    (``columns.EventColumns``) in numpy: row for row what ``counts(events, step)`` and
    ``casualties(events, claims, step)`` give for ``events, claims = columns.frames(mask)`` (tested equal).

    No frame of the events or claims is made: at 1,000,000 events (3,000,000 claims) those frames took
    8.5 s and left the process about 360 MB larger (Python's date and text objects, which its
    allocator keeps once freed); this takes about a second and keeps nothing
    (BENCHMARKS.md, "The map at 1,000,000 events in the browser").
    """
    from conflictmap.columns import TYPES, UNSIZED

    keep = np.ones(len(columns.day), dtype=bool) if mask is None else np.asarray(mask, dtype=bool)
    rows = np.flatnonzero(keep)
    own = keep[columns.claim_row] & (columns.claim_killed != UNSIZED)
    return (counts_of(columns.day[rows], columns.type_code[rows], TYPES, step),
            casualties_of(columns.day, columns.claim_row[own], columns.claim_source[own],
                          columns.claim_killed[own], columns.claim_shared[own], columns.sources, step))


def counts_of(days: np.ndarray, types: np.ndarray, names: Sequence[str], step: dt.timedelta) -> pd.DataFrame:
    """``counts`` from arrays: ``days`` (days since 1970-01-01, one per event) and ``types`` (codes into
    ``names``). Rows by period, then type name, as pandas' groupby orders them."""
    if not len(days):
        return pd.DataFrame(columns=["period", "event_type", "events"])
    names = list(names)
    periods, at = _periods(np.asarray(days), step)
    key = at * len(names) + _ranks(names)[np.asarray(types, dtype=np.intp)]
    tally = np.bincount(key, minlength=len(periods) * len(names))
    found = np.flatnonzero(tally)
    by_rank = sorted(range(len(names)), key=names.__getitem__)
    return pd.DataFrame({"period": _dates(periods[found // len(names)]),
                         "event_type": _strings([names[by_rank[r]] for r in found % len(names)]),
                         "events": tally[found].astype(np.int64)})


def casualties_of(days: np.ndarray, event: np.ndarray, source: np.ndarray, killed: np.ndarray,
                  shared: np.ndarray, sources: Sequence[str | None], step: dt.timedelta) -> pd.DataFrame:
    """``casualties`` from arrays, one entry per claim with a figure: ``event`` (a row of ``days``, the
    events' days since 1970-01-01), ``source`` (a code into ``sources``; None is "(unattributed)"),
    ``killed``, ``shared`` (``tally.units``' code, -1 when of one place). Each counting unit adds its
    highest figure once, on its earliest event's day; rows by period, then source name.

    One sort of the claims by unit; the sums per period and source are a ``bincount`` over a few
    thousand keys. Temporaries are dropped as soon as they are read (at 3,000,000 claims each is
    12-24 MB).
    """
    from conflictmap.tally import units

    if not len(event):
        return pd.DataFrame(columns=["period", "source", "killed"])
    names = sorted({"(unattributed)" if s is None else s for s in sources})
    code = {name: i for i, name in enumerate(names)}  # sorted: a code is its name's rank
    recode = np.array([code["(unattributed)" if s is None else s] for s in sources], dtype=np.int32)
    source = recode[np.asarray(source, dtype=np.intp)]
    event = np.asarray(event)
    unit = units(event, source, np.asarray(shared), width=len(names))
    order = np.argsort(unit, kind="stable")
    unit = unit[order]
    starts = np.flatnonzero(np.concatenate(([True], unit[1:] != unit[:-1])))
    del unit
    highest = np.maximum.reduceat(np.asarray(killed)[order], starts)
    first_day = np.minimum.reduceat(np.asarray(days)[event[order]], starts)
    said_by = source[order[starts]]  # one source per unit: units join pairs of one source only
    del order, source
    periods, at = _periods(first_day, step)
    key = at * len(names) + said_by
    size = len(periods) * len(names)
    found = np.flatnonzero(np.bincount(key, minlength=size))
    total = np.bincount(key, weights=highest, minlength=size)[found]  # float64: exact below 2**53
    return pd.DataFrame({"period": _dates(periods[found // len(names)]),
                         "source": _strings([names[c] for c in found % len(names)]),
                         "killed": np.rint(total).astype(np.int64)})


def _periods(days: np.ndarray, step: dt.timedelta) -> tuple[np.ndarray, np.ndarray]:
    """The periods ``days`` fall in (their first days, sorted) and each day's index among them: ``_period_days``
    of each distinct day between the first and the last (a few thousand), then one lookup per day."""
    low = int(days.min())
    table = _period_days(np.arange(low, int(days.max()) + 1, dtype=np.int64), step)
    periods, index = np.unique(table, return_inverse=True)
    return periods, index[np.asarray(days, dtype=np.int64) - low]


def _period_days(days: np.ndarray, step: dt.timedelta) -> np.ndarray:
    """``_period`` on day numbers (days since 1970-01-01, a Thursday): the day, its week's Monday, or its
    month's first day."""
    if step.days >= 28:
        return days.astype("datetime64[D]").astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    if step.days >= 7:
        return days - (days + 3) % 7
    return days


def _ranks(names: list[str]) -> np.ndarray:
    """Each name's place in sorted order (the codes of ``names`` turned into sortable ones)."""
    rank = np.empty(len(names), dtype=np.int64)
    rank[sorted(range(len(names)), key=names.__getitem__)] = np.arange(len(names))
    return rank


def _dates(days: np.ndarray) -> np.ndarray:
    """Day numbers as ``datetime.date`` objects (what ``_period`` gives), one per row of a small frame."""
    epoch = dt.date(1970, 1, 1)
    return _strings([epoch + dt.timedelta(days=int(d)) for d in days])


def _strings(values: list) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out
