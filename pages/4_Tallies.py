"""Tallies by source for the window and filters of the shared view.

Which source covers most events, how many dead each claims in all, and how
often each gives the highest or the lowest figure where sources disagree.
The view comes from the page's address, as on the map page.
"""
from __future__ import annotations

import streamlit as st

from conflictmap import dashboard, ledger, tally, view as views

st.set_page_config(page_title="conflictmap · tallies", page_icon="🗺️", layout="wide")
store = dashboard.store()
st.title("Tallies by source")

span = store.date_span()
if span is None:
    st.info("No dated events yet.")
    st.stop()
shared = views.decode({key: st.query_params.get_all(key) for key in st.query_params})
selection = shared.selection
events = store.window_events(shared.start, shared.end)
claims = store.claims_frame(events["id"].tolist())
events = selection.filters.apply(events, claims)
claims = claims[claims["event_id"].isin(set(events["id"]))]
events, claims = ledger.one_per_incident(events, claims)  # an incident told by several reports counts once
st.caption(selection.caption(len(events)) + " Open this page from the map's link to carry its window and filters.")

table = tally.by_source(claims)
if table.empty:
    st.caption("No claims in this view.")
else:
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "events": st.column_config.NumberColumn("events covered"),
        "killed": st.column_config.NumberColumn("killed claimed (highest per event)"),
        "highest": st.column_config.NumberColumn("times the highest figure"),
        "lowest": st.column_config.NumberColumn("times the lowest figure"),
        "denials": st.column_config.NumberColumn("events denied")})
st.query_params.from_dict(views.encode(shared))
