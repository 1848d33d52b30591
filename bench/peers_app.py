"""conflictmap's peers in the browser benchmark: the empty page (the floor), a careful folium page, a pydeck page.

    PEER=empty streamlit run bench/peers_app.py    # the timeline and a count: what any Streamlit page costs
    PEER=folium streamlit run bench/peers_app.py   # one circle per place, canvas renderer, the frame cached
    PEER=pydeck streamlit run bench/peers_app.py   # one circle per place, deck.gl (Streamlit's own pydeck_chart)

Each reads the same database as the dashboard once per server process (the
events' dates and places, sorted by date, held in memory: ``st.cache_resource``),
and on every rerun counts the window's events per place with two binary
searches and one ``bincount``. What each draws and how the benchmark knows it
has drawn it:

* **empty**: no map; the caption "N events shown" is the page's answer;
* **folium**: the base map is fixed (``LocalAssetMap`` with ``prefer_canvas``,
  Leaflet served by the app as for conflictmap) and the circles travel as
  streamlit-folium's ``feature_group_to_add``; a last script in the group
  sets ``window.peerShown = N`` on Leaflet's next animation frame, after the
  canvas has redrawn;
* **pydeck**: a ``ScatterplotLayer`` of the places with their counts, no base
  tiles (``map_style=None``: no internet here); the clock stops when the
  caption under the chart says N and the chart's canvas exists.

No tooltips, no side panel, no filters: these pages do less than conflictmap,
which is the point of a peer that is as fast as a map can be made the plain way.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import folium  # noqa: E402
import numpy as np  # noqa: E402
import streamlit as st  # noqa: E402
from branca.element import MacroElement  # noqa: E402
from jinja2 import Template  # noqa: E402

from conflictmap import dashboard, mapview, timeline  # noqa: E402
from conflictmap.store import EventStore, default_url  # noqa: E402

PEER = os.environ.get("PEER", "empty")
EPOCH = dt.date(1970, 1, 1)


@st.cache_resource
def events() -> dict[str, np.ndarray]:
    """Every placed event's day (days since 1970, sorted) and place (an index into ``lat``/``lon``)."""
    store = EventStore(default_url())
    frame = store.events_frame()[["event_date", "place_id", "lat", "lon"]].dropna()
    store.dispose()
    days = np.array([(d - EPOCH).days for d in frame["event_date"]], dtype=np.int32)
    codes, places = frame["place_id"].factorize()
    first = frame.groupby(codes)[["lat", "lon"]].first()
    order = np.argsort(days, kind="stable")
    return {"day": days[order], "place": codes[order].astype(np.int32),
            "lat": first["lat"].to_numpy(), "lon": first["lon"].to_numpy()}


def window_counts(start: dt.date, end: dt.date) -> np.ndarray:
    """Events per place dated ``start``..``end``."""
    data = events()
    low = np.searchsorted(data["day"], (start - EPOCH).days, side="left")
    high = np.searchsorted(data["day"], (end - EPOCH).days, side="right")
    return np.bincount(data["place"][low:high], minlength=len(data["lat"]))


class Shown(MacroElement):
    """``window.peerShown = N`` once Leaflet has drawn the frame (its next animation frame)."""

    _template = Template("{% macro script(this, kwargs) %}L.Util.requestAnimFrame(function () {"
                         " window.peerShown = {{ this.count }}; });{% endmacro %}")

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = int(count)


def base_map() -> folium.Map:
    """Built on each rerun, as the dashboard's is (streamlit-folium adds the circles to it), but the same map."""
    return mapview.LocalAssetMap(location=list(mapview.SYRIA_CENTRE), zoom_start=mapview.SYRIA_ZOOM,
                                 asset_base=dashboard.ASSET_BASE, prefer_canvas=True)


def folium_circles(counts: np.ndarray) -> folium.FeatureGroup:
    data = events()
    group = folium.FeatureGroup(name="Places")
    for index in np.flatnonzero(counts):
        folium.CircleMarker([float(data["lat"][index]), float(data["lon"][index])],
                            radius=float(3 + np.sqrt(counts[index])), weight=1, fill=True,
                            fill_opacity=0.7).add_to(group)
    Shown(counts.sum()).add_to(group)
    return group


st.set_page_config(page_title=f"peer: {PEER}", layout="wide")
st.title(f"peer: {PEER}")
data = events()
low, high = EPOCH + dt.timedelta(int(data["day"][0])), EPOCH + dt.timedelta(int(data["day"][-1]))
if "window" not in st.session_state:
    params = st.query_params.to_dict()
    st.session_state["window"] = (dt.date.fromisoformat(params.get("from", low.isoformat())),
                                  dt.date.fromisoformat(params.get("to", high.isoformat())))
start, end = st.slider("Timeline", min_value=low, max_value=high, key="window", format="D MMM YYYY",
                       step=timeline.step_for(low, high))  # the dashboard's step: one key press, one window change
counts = window_counts(start, end)
if PEER == "folium":
    from streamlit_folium import st_folium

    st_folium(base_map(), key="map", feature_group_to_add=folium_circles(counts), returned_objects=[], height=560,
              use_container_width=True)
elif PEER == "pydeck":
    import pydeck as pdk

    shown = np.flatnonzero(counts)
    places = [{"lon": float(data["lon"][i]), "lat": float(data["lat"][i]), "r": float(300 + 200 * np.sqrt(counts[i]))}
              for i in shown]
    layer = pdk.Layer("ScatterplotLayer", places, get_position=["lon", "lat"], get_radius="r",
                      get_fill_color=[200, 30, 0, 160], pickable=False)
    view = pdk.ViewState(latitude=mapview.SYRIA_CENTRE[0], longitude=mapview.SYRIA_CENTRE[1],
                         zoom=mapview.SYRIA_ZOOM)
    st.pydeck_chart(pdk.Deck(layers=[layer], initial_view_state=view, map_style=None), height=560)
st.caption(f"{int(counts.sum())} events shown")
