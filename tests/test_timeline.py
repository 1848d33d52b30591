from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from conflictmap.tally import by_source
from conflictmap.timeline import MAX_POSITIONS, advance, casualties, counts, exact_window, rewound, slid, step_for

D = dt.date


def test_short_spans_step_by_day_and_long_ones_by_week():
    assert step_for(D(2013, 2, 1), D(2013, 3, 1)).days == 1
    assert step_for(D(2012, 1, 1), D(2014, 1, 1)).days == 7


@pytest.mark.parametrize("days", [0, 6, 120, 121, 400, 840, 841, 2000, 3360, 3361, 5000, 10_950, 43_000])
def test_any_span_is_some_hundred_steps_or_fewer(days):
    """A day a step for a war diary; over years the step grows so the slider, its arrow keys and Play cross
    the whole span in at most MAX_POSITIONS steps (a century: a year a step, the largest)."""
    low = D(1990, 1, 1)
    high = low + dt.timedelta(days=days)
    step = step_for(low, high)
    assert days <= 120 and step.days == 1 or days / step.days <= MAX_POSITIONS or step.days == 364
    assert step_for(low, low + dt.timedelta(days=days + 1)) >= step  # a longer span never steps finer
    window, steps = (low, low + dt.timedelta(days=30)), 0
    while window is not None:
        window, steps = advance(*window, low, high), steps + 1
    assert steps <= MAX_POSITIONS + 1 or step.days == 364


def test_play_over_twelve_years_steps_a_quarter():
    low, high = D(2012, 2, 7), D(2024, 2, 27)
    assert step_for(low, high).days == 91
    assert advance(D(2015, 3, 4), D(2016, 7, 9), low, high) == (D(2015, 6, 3), D(2016, 10, 8))


def test_a_slider_move_keeps_the_end_it_did_not_move():
    """The slider rounds both ends to its grid when one moves; the untouched end keeps its day."""
    quarter = dt.timedelta(days=91)
    old = (D(2015, 3, 4), D(2016, 7, 9))
    assert slid((D(2015, 5, 5), D(2016, 6, 1)), old, quarter) == (D(2015, 5, 5), D(2016, 7, 9))  # start moved
    assert slid((D(2015, 2, 2), D(2016, 8, 31)), old, quarter) == (D(2015, 3, 4), D(2016, 8, 31))  # end moved
    assert slid((D(2015, 2, 2), D(2016, 6, 1)), old, quarter) == old  # only rounded: nothing moved
    assert slid((D(2013, 2, 5), D(2013, 2, 6)), (D(2013, 2, 4), D(2013, 2, 6)), dt.timedelta(days=1)) == \
        (D(2013, 2, 5), D(2013, 2, 6))  # a day's step rounds nothing


def test_typed_dates_give_the_window_to_the_day():
    low, high = D(2012, 2, 7), D(2024, 2, 27)
    assert exact_window(D(2015, 3, 4), D(2016, 7, 9), low, high) == (D(2015, 3, 4), D(2016, 7, 9))
    assert exact_window(D(2016, 7, 9), D(2015, 3, 4), low, high) == (D(2015, 3, 4), D(2016, 7, 9))
    assert exact_window(D(2001, 1, 1), None, low, high) == (low, high)


def test_play_moves_the_window_and_stops_at_the_end():
    low, high = D(2013, 2, 1), D(2013, 2, 10)
    assert advance(D(2013, 2, 1), D(2013, 2, 3), low, high) == (D(2013, 2, 2), D(2013, 2, 4))
    assert advance(D(2013, 2, 7), D(2013, 2, 9), low, high) == (D(2013, 2, 8), D(2013, 2, 10))
    assert advance(D(2013, 2, 8), D(2013, 2, 10), low, high) is None
    windows, window = [], (D(2013, 2, 1), D(2013, 2, 3))
    while window is not None and len(windows) < 20:
        windows.append(window)
        window = advance(*window, low, high)
    assert windows[-1] == (D(2013, 2, 8), D(2013, 2, 10)) and len(windows) == 8  # then it stops


def test_play_pressed_at_the_end_starts_from_the_beginning():
    low, high = D(2013, 2, 1), D(2013, 2, 10)
    assert rewound(D(2013, 2, 8), D(2013, 2, 10), low, high) == (D(2013, 2, 1), D(2013, 2, 3))
    assert rewound(D(2013, 2, 4), D(2013, 2, 6), low, high) == (D(2013, 2, 4), D(2013, 2, 6))


EVENTS = pd.DataFrame([{"id": "a", "event_date": D(2014, 3, 3), "event_type": "airstrike"},
                       {"id": "b", "event_date": D(2014, 3, 4), "event_type": "shelling"},
                       {"id": "c", "event_date": D(2014, 3, 12), "event_type": "airstrike"}])
CLAIMS = pd.DataFrame([
    {"event_id": "a", "source": "SOHR", "killed": 10, "denial": False},
    {"event_id": "a", "source": "SOHR", "killed": 12, "denial": False},  # an updated toll counts once
    {"event_id": "a", "source": "State media", "killed": None, "denial": True},
    {"event_id": "b", "source": "SOHR", "killed": 4, "denial": False},
    {"event_id": "b", "source": "Activists", "killed": 6, "denial": False},
    {"event_id": "c", "source": None, "killed": 2, "denial": False},
])


def test_casualties_per_source_are_never_summed_across_sources():
    daily = casualties(EVENTS, CLAIMS, dt.timedelta(days=1))
    assert daily.to_dict("records") == [
        {"period": D(2014, 3, 3), "source": "SOHR", "killed": 12},
        {"period": D(2014, 3, 4), "source": "Activists", "killed": 6},
        {"period": D(2014, 3, 4), "source": "SOHR", "killed": 4},
        {"period": D(2014, 3, 12), "source": "(unattributed)", "killed": 2},
    ]
    weekly = casualties(EVENTS, CLAIMS, dt.timedelta(days=7))
    assert weekly[weekly["source"] == "SOHR"].to_dict("records") == [
        {"period": D(2014, 3, 3), "source": "SOHR", "killed": 16}]


def test_counts_by_type():
    weekly = counts(EVENTS, dt.timedelta(days=7))
    assert weekly.to_dict("records") == [
        {"period": D(2014, 3, 3), "event_type": "airstrike", "events": 1},
        {"period": D(2014, 3, 3), "event_type": "shelling", "events": 1},
        {"period": D(2014, 3, 10), "event_type": "airstrike", "events": 1}]
    monthly = counts(EVENTS, dt.timedelta(days=91))  # years of data: a bar a month, not a week
    assert monthly.to_dict("records") == [
        {"period": D(2014, 3, 1), "event_type": "airstrike", "events": 2},
        {"period": D(2014, 3, 1), "event_type": "shelling", "events": 1}]


def test_tallies_by_source():
    table = by_source(CLAIMS).set_index("source")
    assert table.loc["SOHR"].to_dict() == {"events": 2, "killed": 16, "highest": 0, "lowest": 1, "denials": 0}
    assert table.loc["Activists"].to_dict() == {"events": 1, "killed": 6, "highest": 1, "lowest": 0, "denials": 0}
    assert table.loc["State media"].to_dict() == {"events": 1, "killed": 0, "highest": 0, "lowest": 0, "denials": 1}


def _random_columns(seed: int, n: int = 400, claims_per_event: int = 3):
    """Map columns (``EventColumns``) of made-up events and claims: several sources, an unattributed one,
    claims without a figure, and shared claims (one figure given for several places)."""
    import numpy as np

    from conflictmap.columns import TYPES, UNSIZED, EventColumns

    rng = np.random.default_rng(seed)
    day = np.sort(rng.integers(15_000, 15_000 + 400, n)).astype(np.int32)  # 2011-2012, over a year
    claim_row = np.sort(rng.integers(0, n, n * claims_per_event)).astype(np.int32)
    m = len(claim_row)
    killed = rng.integers(0, 60, m)
    killed[rng.random(m) < 0.2] = UNSIZED
    shared = np.full(m, -1, dtype=np.int32)
    copies = rng.choice(m, size=m // 10, replace=False)
    shared[copies] = rng.integers(0, m // 40, len(copies))  # about four copies a shared figure
    return EventColumns(
        ids=np.array([f"e{i}" for i in range(n)], dtype=object), day=day,
        place=np.zeros(n, dtype=np.int32), type_code=rng.integers(0, len(TYPES), n).astype(np.uint8),
        size=np.zeros(n, dtype=np.int32), disagree=np.zeros(n, dtype=bool), line_count=np.zeros(n, dtype=np.int32),
        line_index=np.zeros(0, dtype=np.int32),
        sources=["Zeta monitor", None, "Alpha agency", "SOHR", "(unattributed)"],
        claim_row=claim_row, claim_source=rng.integers(0, 5, m).astype(np.int32), claim_killed=killed,
        claim_denial=np.zeros(m, dtype=bool), claim_shared=shared)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_series_from_columns_equal_the_frames_path(seed):
    """The charts' data read from the map's columns in numpy is, row for row, what the pandas path gives."""
    import numpy as np

    from conflictmap.timeline import series

    columns = _random_columns(seed)
    rng = np.random.default_rng(seed + 100)
    for mask in (None, rng.random(len(columns)) < 0.3, np.zeros(len(columns), dtype=bool)):
        events, claims = columns.frames(mask)
        for days in (1, 7, 28, 91):
            step = dt.timedelta(days=days)
            fast_counts, fast_casualties = series(columns, mask, step)
            assert fast_counts.to_dict("records") == counts(events, step).to_dict("records")
            assert fast_casualties.to_dict("records") == casualties(events, claims, step).to_dict("records")
            if mask is None or mask.any():
                assert len(fast_counts) and len(fast_casualties)  # the comparison had rows to compare
