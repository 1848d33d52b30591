"""The charts under the map, as Altair specifications (no Streamlit here).

Bars count events by type; points give each source's killed claimed, one
colour a source, never added across sources. A claim is a point on the day
(or week) of its events and nowhere else: no line joins two days, because a
line across days without claims would suggest figures nobody gave. A shaded
band marks the timeline's window, so a play step shows in the chart as on
the map; it moves in the browser, without the chart being sent again.
"""
from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from conflictmap.mapview import TYPE_COLOURS
from conflictmap.safetext import plain

HEIGHT = 220


def counts(frame: pd.DataFrame, start: dt.date, end: dt.date) -> alt.LayerChart:
    """Events per period and type (``timeline.counts``: ``period, event_type, events``) as stacked bars."""
    types = sorted(frame["event_type"].unique())
    colour = alt.Color("event_type:N", title="type",
                       scale=alt.Scale(domain=types, range=[TYPE_COLOURS.get(t, "#777777") for t in types]),
                       legend=alt.Legend(labelExpr="replace(datum.label, /_/g, ' ')"))  # "suicide bombing"
    bars = alt.Chart(_compact(frame)).mark_bar().encode(
        x=alt.X("period:T", title=None), y=alt.Y("sum(events):Q", title="events"), color=colour,
        tooltip=["period:T", "event_type:N", "events:Q"])
    return alt.layer(_band(start, end), bars).properties(height=HEIGHT)


def casualties(frame: pd.DataFrame, start: dt.date, end: dt.date) -> alt.LayerChart:
    """Each source's killed claimed (``timeline.casualties``: ``period, source, killed``) as points, one per
    source and period that has a claim; nothing is drawn between them."""
    # (a source's name is the report's text: drawn without the characters that would reorder it, safetext.plain)
    points = alt.Chart(_compact(frame.assign(source=frame["source"].map(plain)))).mark_circle(size=70, opacity=0.85).encode(
        x=alt.X("period:T", title=None), y=alt.Y("killed:Q", title="killed claimed"),
        color=alt.Color("source:N", title="source"),
        tooltip=[alt.Tooltip("period:T", title="day"), alt.Tooltip("source:N", title="source"),
                 alt.Tooltip("killed:Q", title="killed claimed")])
    return alt.layer(_band(start, end), points).properties(height=HEIGHT)


# The window's shading moves without the chart being sent again: its two ends are Vega-Lite parameters bound
# to hidden inputs on the page (``BindDirect``), which the page's window element sets on every slider move
# (``fastlayer.WINDOW_JS``). The values are milliseconds since 1970 (UTC), as Vega-Lite reads a date.
WINDOW_INPUTS = ("cm-window-from", "cm-window-to")


def window_values(start: dt.date, end: dt.date) -> dict[str, int]:
    """The inputs' values for a window: its first day's start and the start of the day after its last, in ms.

    >>> window_values(dt.date(1970, 1, 2), dt.date(1970, 1, 2))
    {'cm-window-from': 86400000, 'cm-window-to': 172800000}
    """
    first = (start - dt.date(1970, 1, 1)).days * 86_400_000
    after = ((end - dt.date(1970, 1, 1)).days + 1) * 86_400_000
    return dict(zip(WINDOW_INPUTS, (first, after)))


def _band(start: dt.date, end: dt.date) -> alt.Chart:
    """The shaded window: one rectangle whose ends are the two bound parameters (they start at ``start, end``)."""
    first, after = window_values(start, end).values()
    ends = [alt.param(name=f"cm_window_{side}", value=value, bind=alt.BindDirect(element=f"#{element}"))
            for side, value, element in zip(("from", "to"), (first, after), WINDOW_INPUTS)]
    return (alt.Chart(pd.DataFrame({"band": [0]})).mark_rect(opacity=0.12, color="#444444")
            .transform_calculate(start="toNumber(cm_window_from)", end="toNumber(cm_window_to)")
            .encode(x="start:T", x2="end:T").add_params(*ends))


def _compact(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as categories, counts in the smallest integer: Streamlit sends a chart's data as Arrow with
    every full run of the page (a slider move no longer sends it: ``_band``), and a category is a dictionary
    there, each name sent once (the two charts' 186 KB at 10,000 events fell to 39 KB; BENCHMARKS.md)."""
    return frame.assign(**{c: frame[c].astype("category") for c in frame.columns
                           if pd.api.types.infer_dtype(frame[c], skipna=True) == "string"},
                        **{c: pd.to_numeric(frame[c], downcast="integer") for c in frame.columns
                           if pd.api.types.is_integer_dtype(frame[c])})
