"""The two plain-folium baselines' event layers, defined once for the running app and the server figures.

* ``add_markers``: one folium Marker with a popup per event, what most folium dashboards do;
* ``geojson_group``: one folium.GeoJson layer in a feature group, one SVG path per event,
  passed to streamlit-folium as ``feature_group_to_add``.
"""
from __future__ import annotations

import html

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template


def add_markers(fmap: folium.Map, events: pd.DataFrame) -> None:
    """A Marker with a popup per event, on the map itself (so the map is rebuilt on each rerun)."""
    # folium's popups parse their HTML with jQuery, whose CDN is unreachable here: a two-line stand-in.
    shim = MacroElement()
    shim._template = Template("{% macro script(this, kwargs) %}window.$ = window.$ || function (s) {"
                              " var d = document.createElement('div'); d.innerHTML = s;"
                              " return [d.firstElementChild]; };{% endmacro %}")
    shim.add_to(fmap)
    for row in events.itertuples(index=False):
        folium.Marker([row.lat, row.lon], popup=html.escape(f"{row.display_name} {row.event_type} {row.event_date}"),
                      tooltip=f"event {html.escape(row.id)}").add_to(fmap)


def geojson_group(events: pd.DataFrame) -> folium.FeatureGroup:
    """All events as one GeoJson layer of circle markers with an id tooltip."""
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [row.lon, row.lat]},
                 "properties": {"id": row.id, "type": row.event_type}} for row in events.itertuples(index=False)]
    group = folium.FeatureGroup(name="Events")
    folium.GeoJson({"type": "FeatureCollection", "features": features},
                   marker=folium.CircleMarker(radius=5, fill=True, fill_opacity=0.8, weight=1),
                   tooltip=folium.GeoJsonTooltip(fields=["id"])).add_to(group)
    return group
