"""A plain-folium dashboard, the benchmark's baseline: the same page as app.py, the map rebuilt each rerun.

    BASELINE=markers streamlit run bench/baseline_app.py   # one folium Marker with a popup per event
    BASELINE=geojson streamlit run bench/baseline_app.py   # one folium.GeoJson layer via feature_group_to_add

The page around the map is the dashboard's own (title, timeline, the listing
of the window's first events, nationwide totals), so the comparison is of the
maps alone. Both read the same database and load Leaflet from the app (the
CDN is unreachable here); nothing of conflictmap's fast map is used.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st  # noqa: E402
from streamlit_folium import st_folium  # noqa: E402

from bench import baseline  # noqa: E402
from conflictmap import dashboard, mapview, tally, timeline  # noqa: E402

KIND = os.environ.get("BASELINE", "geojson")
LISTING_ROWS = 200

st.set_page_config(page_title="conflictmap baseline", layout="wide")
store = dashboard.store()
low, high = store.date_span()
st.title(f"baseline: {KIND}")
if "window" not in st.session_state:
    params = st.query_params.to_dict()
    st.session_state["window"] = (dt.date.fromisoformat(params.get("from", low.isoformat())),
                                  dt.date.fromisoformat(params.get("to", high.isoformat())))
start, end = st.slider("Timeline", min_value=low, max_value=high, key="window", format="D MMM YYYY",
                       step=timeline.step_for(low, high))  # the dashboard's step: one key press, one window change
st.caption(f"Events from {start} to {end}")
events = store.events_frame(start, end).dropna(subset=["lat", "lon"])

map_col, panel_col = st.columns([3, 2], gap="medium")
with map_col:
    fmap = mapview.LocalAssetMap(location=list(mapview.SYRIA_CENTRE), zoom_start=mapview.SYRIA_ZOOM,
                                 asset_base=dashboard.ASSET_BASE)
    if KIND == "markers":
        # What most folium dashboards do: a Marker with a popup per event, the map rebuilt on each rerun.
        baseline.add_markers(fmap, events)
        st_folium(fmap, key="map", returned_objects=["last_object_clicked_tooltip"], height=560,
                  use_container_width=True)
    else:
        # One SVG path per event: a GeoJson layer of the window through feature_group_to_add.
        st_folium(fmap, key="map", feature_group_to_add=baseline.geojson_group(events),
                  returned_objects=["last_object_clicked_tooltip"], height=560, use_container_width=True)

with panel_col:
    st.subheader("Events in this window")
    listing = store.window_events(start, end, limit=LISTING_ROWS)
    claims = store.claims_frame(listing["id"].tolist())
    listing = listing.assign(tally=list(tally.summaries(claims, listing["id"].tolist()).values()))
    st.dataframe(listing[["event_date", "display_name", "place_mention", "event_type", "tally"]], hide_index=True,
                 width="stretch")
st.subheader("Nationwide and daily totals")
st.dataframe(store.nationwide_frame(start, end), hide_index=True, width="stretch")
