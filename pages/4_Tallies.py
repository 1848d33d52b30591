"""Tallies by source for the window and filters of the shared view.

Which source covers most events, how many dead each claims in all, and how
often each gives the highest or the lowest figure where sources disagree.
The view comes from the page's address, as on the map page.
"""
from __future__ import annotations

import streamlit as st

from conflictmap import dashboard, navigation, tally, view as views
from conflictmap.safetext import md, table as safe_table

st.set_page_config(page_title="conflictmap · tallies", page_icon="🗺️", layout="wide")
navigation.sidebar()
store = dashboard.store()
st.title("Tallies by source")

span = store.date_span()
if span is None:
    st.info("No dated events yet.")
    st.stop()
# The same per-version columns and filter masks the map holds: a view reads no events from the database,
# and costs what a map view costs however many events there are.
shared = views.decode({key: st.query_params.get_all(key) for key in st.query_params})
selection = shared.selection
version = store.data_version()
columns = dashboard.event_columns(version)
mask = dashboard.filter_mask(version, selection.filters)
st.caption(md(selection.caption(columns.count(shared.start, shared.end, mask)))
           + " The sidebar's links carry this view to every page; this page's address reopens it.")

table = tally.source_table(columns, shared.start, shared.end, mask)
if table.empty:
    st.caption("No claims in this view.")
else:
    # Headings in words, narrow enough that every column shows without a sideways scroll; the help says more.
    st.dataframe(safe_table(table), hide_index=True, width="stretch", column_config={
        "source": st.column_config.TextColumn("Source", width=280),
        "events": st.column_config.NumberColumn("Events covered", width=120),
        "killed": st.column_config.NumberColumn("Killed claimed", width=120,
                                                help="The source's highest figure for each event, added up"),
        "highest": st.column_config.NumberColumn("Highest figure", width=120,
                                                 help="Events where its figure was the highest of the sources"),
        "lowest": st.column_config.NumberColumn("Lowest figure", width=120,
                                                help="Events where its figure was the lowest of the sources"),
        "denials": st.column_config.NumberColumn("Denied", width=100, help="Events the source denied")})
st.query_params.from_dict(views.encode(shared))
