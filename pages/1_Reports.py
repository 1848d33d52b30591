"""Reports and places to pin: what is stored, and what could not be placed.

Nothing an extractor reads is dropped: an event whose place the gazetteer
does not know is stored without coordinates and listed here, with the reason,
until an analyst pins it. A pin also moves a place that was put in the wrong
spot; every pin keeps who set it, when, and where the place was before.
"""
from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from conflictmap import dashboard, mapview, navigation, signin
from conflictmap.places.pins import pin, pin_targets
from conflictmap.places.place import Precision
from conflictmap.redact import scrub
from conflictmap.safetext import md, plain, table as safe_table

LIST_ROWS = 200  # rows each list shows; the counts say how many there are

st.set_page_config(page_title="conflictmap · reports", page_icon="🗺️", layout="wide")
navigation.sidebar()
store = dashboard.store()

st.title("Reports")
# Every list is bounded: a page view costs the same at 100 and at 100,000 events.
counts = store.listing_counts()
reports = store.reports_frame(limit=LIST_ROWS)
st.caption(f"{counts['reports']} report(s) stored in the {store.backend} database"
           + (f"; the newest {len(reports)} are listed." if counts["reports"] > len(reports) else "."))
# Links are shown as text: a report's URL is whatever its file or its importer said.
st.dataframe(safe_table(reports.astype(object).where(reports.notna(), "")), hide_index=True, width="stretch",
             column_config={c: c.replace("_", " ") for c in reports.columns})  # no "None", headings in words

st.subheader("Places to pin")
unplaced = store.unresolved_events(limit=LIST_ROWS)
if len(unplaced):
    st.caption("Events whose place could not be found: kept, not mapped, until someone pins them. "
               "`python -m conflictmap geocode --retry-unresolved` tries the online geocoder again."
               + (f" The first {len(unplaced)} of {counts['unplaced']} by date." if counts["unplaced"] > len(unplaced)
                  else ""))
    # Reasons stored before credentials were scrubbed on the way in are scrubbed on the way out too.
    unplaced["reason"] = [scrub(r) if isinstance(r, str) else "not in the offline gazetteer" for r in unplaced["reason"]]
    listed = unplaced[["event_date", "place_mention", "event_type", "reason", "quote", "report_id"]]
    st.dataframe(safe_table(listed.astype(object).where(listed.notna(), "")), hide_index=True, width="stretch",
                 column_config={"event_date": "date", "place_mention": "as named", "event_type": "type",
                                "report_id": "report"})
else:
    st.caption("Every stored event has a place on the map.")

editor = signin.sign_in_panel()  # only editors may pin; viewers of a hosted link see the lists
if editor is None:
    st.caption("Pinning needs an editor: " + signin.access().description)
targets = pin_targets(store) if editor is not None else {}  # every stored place: read for editors only
if targets and editor is not None:
    st.markdown("**Pin a place** — an unplaced name, or a place that sits in the wrong spot. "
                "Click the map to take its coordinates, or type them.")
    clicked = (st_folium(mapview.base_map(dashboard.ASSET_BASE, location=(33.51, 36.29), zoom=11,
                                          outlines_url=dashboard.outlines_url()), key="pin_map",
                         returned_objects=["last_clicked"], height=320, use_container_width=True) or {})
    point = clicked.get("last_clicked")
    if point and point != st.session_state.get("pin_point"):
        st.session_state["pin_point"] = point
        st.session_state["pin_lat"], st.session_state["pin_lon"] = round(point["lat"], 5), round(point["lng"], 5)
    st.session_state.setdefault("pin_lat", None)  # empty until a point is clicked or typed: Pin unedited moves
    st.session_state.setdefault("pin_lon", None)  # nothing
    with st.form("pin"):
        label = st.selectbox("Place", list(targets), format_func=plain)
        left, right, kind = st.columns(3)
        lat = left.number_input("Latitude", min_value=-90.0, max_value=90.0, format="%.5f", key="pin_lat")
        lon = right.number_input("Longitude", min_value=-180.0, max_value=180.0, format="%.5f", key="pin_lon")
        precision = kind.selectbox("Precision", [p.value for p in Precision], index=0)
        submitted = st.form_submit_button("Pin")
        if submitted and (lat is None or lon is None):
            st.error("Not pinned: click the map or type a latitude and a longitude first.")
        elif submitted:
            try:
                done = pin(store, targets[label], lat=lat, lon=lon, who=editor.name, precision=precision)
            except ValueError as exc:
                st.error(f"Not pinned: {md(exc)}")
            else:
                st.session_state["pinned"] = md(f"Pinned {done['name']} at {done['lat']:.5f}, {done['lon']:.5f} "
                                                 f"by {done['who']}.")
                st.rerun()  # the lists above change with the pin
if "pinned" in st.session_state:
    st.success(st.session_state.pop("pinned"))

pins = store.pins_frame(limit=LIST_ROWS)
if len(pins):
    st.subheader("Pins")
    st.caption("Every correction, newest first, with the place's previous position"
               + (f" (the newest {len(pins)} of {counts['pins']})." if counts["pins"] > len(pins) else ".")
               + ("" if editor is not None else " Who set each pin is shown to editors."))
    # Who pinned (an e-mail address under an identity provider) is for editors, like the change history.
    shown = ["pinned_at", *(["who"] if editor is not None else []), "name", "lat", "lon", "precision", "previous_lat",
             "previous_lon", *(["previous_source"] if editor is not None else []), "place_id"]
    st.dataframe(safe_table(pins[shown]), hide_index=True, width="stretch")
