"""The charts' specifications: the same rows, sent compactly (Streamlit re-sends a chart's data with every move)."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from conflictmap import charts


def _frames(days: int = 400):
    start = dt.date(2013, 1, 7)
    periods = [start + dt.timedelta(weeks=n) for n in range(days)]
    counts = pd.DataFrame({"period": [p for p in periods for _ in range(3)],
                           "event_type": ["airstrike", "clash", "shelling"] * days,
                           "events": [n % 40 for n in range(3 * days)]})
    casualties = pd.DataFrame({"period": [p for p in periods for _ in range(2)],
                               "source": ["Syrian Observatory for Human Rights", "Syrian state media"] * days,
                               "killed": [n * 37 % 3000 for n in range(2 * days)]})
    return counts, casualties


def test_chart_data_keeps_every_value_and_sends_each_name_once():
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

    counts, casualties = _frames()
    for frame, chart in ((counts, charts.counts), (casualties, charts.casualties)):
        compact = charts._compact(frame)
        assert compact.astype(str).equals(frame.astype(str))  # the same rows and values
        text = [c for c in frame.columns if c in ("event_type", "source")][0]
        assert isinstance(compact[text].dtype, pd.CategoricalDtype)
        spec = _convert_altair_to_vega_lite_spec(chart(frame, dt.date(2014, 1, 1), dt.date(2014, 6, 30)))
        sent = sum(len(data) for data in spec["datasets"].values())
        plain = _convert_altair_to_vega_lite_spec(
            __import__("altair").Chart(frame).mark_point().encode(x="period:T"))
        assert sent < sum(len(data) for data in plain["datasets"].values()) / 2
