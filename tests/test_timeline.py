from __future__ import annotations

import datetime as dt

import pandas as pd

from conflictmap.tally import by_source
from conflictmap.timeline import advance, casualties, counts, rewound, step_for

D = dt.date


def test_short_spans_step_by_day_and_long_ones_by_week():
    assert step_for(D(2013, 2, 1), D(2013, 3, 1)).days == 1
    assert step_for(D(2012, 1, 1), D(2014, 1, 1)).days == 7


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


def test_tallies_by_source():
    table = by_source(CLAIMS).set_index("source")
    assert table.loc["SOHR"].to_dict() == {"events": 2, "killed": 16, "highest": 0, "lowest": 1, "denials": 0}
    assert table.loc["Activists"].to_dict() == {"events": 1, "killed": 6, "highest": 1, "lowest": 0, "denials": 0}
    assert table.loc["State media"].to_dict() == {"events": 1, "killed": 0, "highest": 0, "lowest": 0, "denials": 1}
