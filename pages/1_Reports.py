"""Reports and places to pin: what is stored, and what could not be placed.

Nothing an extractor reads is dropped: an event whose place the gazetteer
does not know is stored without coordinates and listed here until an
analyst pins it.
"""
from __future__ import annotations

import streamlit as st

from conflictmap import dashboard

st.set_page_config(page_title="conflictmap · reports", page_icon="🗺️", layout="wide")
store = dashboard.store()

st.title("Reports")
reports = store.reports_frame()
st.caption(f"{len(reports)} report(s) stored in the {store.backend} database.")
st.dataframe(reports, hide_index=True, width="stretch",
             column_config={"url": st.column_config.LinkColumn("url")})

st.subheader("Places to pin")
events = store.events_frame()
unplaced = events[events["lat"].isna()]
if len(unplaced):
    st.caption("Events whose place is not in the gazetteer: kept, not mapped, until someone pins them.")
    st.dataframe(unplaced[["event_date", "place_mention", "event_type", "quote", "report_id"]],
                 hide_index=True, width="stretch")
else:
    st.caption("Every stored event has a place on the map.")
