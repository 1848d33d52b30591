"""The charts under the map: claims drawn as points on their days, never as lines across days without claims;
the same rows sent compactly (Streamlit sends a chart's data with every full run); the window's shading moved
by two parameters bound to the page's inputs."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from conflictmap import charts, timeline


def _marks(spec: dict) -> list[str]:
    marks = []
    for layer in spec.get("layer", []):
        mark = layer.get("mark")
        marks.append(mark if isinstance(mark, str) else mark["type"])
    return marks


def test_claims_are_points_on_the_days_they_were_made_with_nothing_between():
    events = pd.DataFrame({"id": ["a", "b", "c"], "event_type": ["shelling"] * 3,
                           "event_date": [dt.date(2013, 2, 1), dt.date(2013, 2, 1), dt.date(2013, 2, 20)]})
    claims = pd.DataFrame({"event_id": ["a", "a", "b", "c"], "source": ["SOHR", "SANA", "SOHR", "SOHR"],
                           "killed": [10, 4, 2, 30]})
    frame = timeline.casualties(events, claims, dt.timedelta(days=1))
    spec = charts.casualties(frame, dt.date(2013, 2, 1), dt.date(2013, 2, 5)).to_dict()
    marks = _marks(spec)
    assert "line" not in marks and "area" not in marks and "trail" not in marks
    assert marks[-1] in ("circle", "point")
    rows = spec["datasets"][spec["layer"][-1]["data"]["name"]]  # what the browser draws
    # One point per source and day that has a claim: SOHR on 1 and 20 February, SANA on 1 February only.
    assert sorted((r["source"], str(r["period"])[:10], r["killed"]) for r in rows) == [
        ("SANA", "2013-02-01", 4), ("SOHR", "2013-02-01", 12), ("SOHR", "2013-02-20", 30)]
    encoding = spec["layer"][-1]["encoding"]
    assert encoding["color"]["field"] == "source" and encoding["y"]["field"] == "killed"


def test_counts_are_bars_with_the_window_shaded():
    frame = pd.DataFrame({"period": pd.to_datetime(["2013-02-01"]), "event_type": ["shelling"], "events": [3]})
    spec = charts.counts(frame, dt.date(2013, 2, 1), dt.date(2013, 2, 5)).to_dict()
    assert _marks(spec) == ["rect", "bar"]


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


def test_the_type_legend_reads_as_words():
    frame = pd.DataFrame({"period": [dt.date(2014, 1, 6)], "event_type": ["suicide_bombing"], "events": [2]})
    spec = charts.counts(frame, dt.date(2014, 1, 1), dt.date(2014, 1, 31)).to_dict()
    legend = spec["layer"][1]["encoding"]["color"]["legend"]
    assert "replace(datum.label" in legend["labelExpr"]


def test_the_shaded_window_is_two_parameters_bound_to_the_pages_inputs():
    """The band's ends are parameters bound to the hidden inputs the page's window element sets, so a slider
    move moves the shading without the chart (and its data) being sent again."""
    frame = pd.DataFrame({"period": pd.to_datetime(["2013-02-01"]), "event_type": ["shelling"], "events": [3]})
    for chart in (charts.counts(frame, dt.date(2013, 2, 1), dt.date(2013, 2, 5)),
                  charts.casualties(frame.rename(columns={"event_type": "source", "events": "killed"}),
                                    dt.date(2013, 2, 1), dt.date(2013, 2, 5))):
        spec = chart.to_dict()
        params = {p["name"]: p for p in spec["params"]}
        assert {p["bind"]["element"] for p in params.values()} == {f"#{i}" for i in charts.WINDOW_INPUTS}
        # They start at the window: 1 February 00:00 UTC to the end of 5 February, in ms as Vega-Lite reads dates.
        values = sorted(p["value"] for p in params.values())
        assert [pd.Timestamp(v, unit="ms") for v in values] == [pd.Timestamp("2013-02-01"), pd.Timestamp("2013-02-06")]
        band = spec["layer"][0]
        assert band["mark"]["type"] == "rect"
        used = " ".join(t["calculate"] for t in band["transform"])
        assert all(name in used for name in params)  # the rectangle's ends are the parameters, not data


def test_window_values_are_the_days_bounds_in_milliseconds():
    values = charts.window_values(dt.date(2013, 2, 1), dt.date(2013, 2, 1))
    assert list(values) == list(charts.WINDOW_INPUTS)
    first, after = values.values()
    assert pd.Timestamp(first, unit="ms") == pd.Timestamp("2013-02-01")
    assert after - first == 86_400_000  # one day's window covers the whole day


def test_a_sources_name_reaches_the_chart_without_characters_that_reorder_it():
    frame = pd.DataFrame({"period": [pd.Timestamp("2013-02-01")], "source": ["Monitor \u202e001"], "killed": [3]})
    spec = charts.casualties(frame, dt.date(2013, 2, 1), dt.date(2013, 2, 5)).to_dict()
    rows = spec["datasets"][spec["layer"][-1]["data"]["name"]]
    assert [r["source"] for r in rows] == ["Monitor 001"]
