"""Review: every stored event in one table; editors correct, delete and merge, and every change is kept.

Each change records who made it, when, and the old and new value (the
history below the table). Two editors can work at once: an edit made on
values that changed since the table was loaded is refused and the
conflicting fields are named, so nobody's correction is silently lost.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from conflictmap import dashboard, incidentreview, navigation, review, signin, validate
from conflictmap.safetext import md, plain, table as safe_table
from conflictmap.store import EVENT_KINDS, StoreUnavailable

st.set_page_config(page_title="conflictmap · review", page_icon="🗺️", layout="wide")
navigation.sidebar()
store = dashboard.store()
editor = signin.sign_in_panel()  # viewers see the table read-only
LOADED = "review_loaded"  # the table as this editor loaded it: the values their edits are checked against
VERSION = "review_version"

st.title("Review events")
for kind, message in st.session_state.pop("review_messages", []):  # already escaped where they were made
    getattr(st, kind)(message)


def _done(*messages: tuple[str, str]) -> None:
    """Reload the table from the database after a change, keeping the messages for the next run."""
    st.session_state["review_messages"] = list(messages)
    st.session_state.pop(LOADED, None)
    st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1
    st.rerun()


COLUMNS = ["id", "event_date", "event_date_end", "date_precision", "event_type", "place_mention", "display_name",
           "lat", "lon", "precision", "quote", "publisher", "report_id", "incident_id", "incident_link",
           "incident_reason"]
# A page of the table at a time: a view reads and sends at most this many events, at any size of data.
PAGE_ROWS = 200
total = store.live_event_count()
pages = max(1, -(-total // PAGE_ROWS))
page = int(st.number_input(f"Page (of {pages}; {PAGE_ROWS} events a page, by date)", min_value=1, max_value=pages,
                           value=1, step=1, key="review_page"))
reload = st.button("Reload from the database", help="Take in what other editors saved since you opened the table.")
if reload or st.session_state.get(LOADED, (None, None))[0] != page:
    frame = store.events_frame(limit=PAGE_ROWS, offset=(page - 1) * PAGE_ROWS)
    st.session_state[LOADED] = (page, frame[COLUMNS].reset_index(drop=True))
loaded: pd.DataFrame = st.session_state[LOADED][1]
version = st.session_state.get(VERSION, 0)
first = (page - 1) * PAGE_ROWS
st.caption(f"{total} event(s)" + (f"; {first + 1}–{first + len(loaded)} shown" if total > len(loaded) else "")
           + ". " + ("Edit cells, tick *delete*, then save; each change is logged with your name. Saving stores "
                     "all of your changes or none of them." if editor else "Read-only: " + signin.access().description))
if editor is None:
    # Viewers get a plain table: no editor widgets, and cells that cannot start a formula in its CSV download.
    st.dataframe(safe_table(loaded), key=f"review_table_{version}", hide_index=True, width="stretch")
    st.stop()

# Read-only text columns are formula-safe in the table's CSV download; edited columns stay as stored.
table = safe_table(loaded.assign(delete=False)[["delete", *COLUMNS]],
                   columns=["display_name", "publisher", "incident_reason"])
edited = st.data_editor(
    table, key=f"review_table_{version}", hide_index=True, width="stretch",
    disabled=[c for c in table.columns if c not in (*review.EDITABLE_COLUMNS, review.DELETE_COLUMN)],
    column_config={"delete": st.column_config.CheckboxColumn("delete"),
                   "event_date": st.column_config.DateColumn("date", min_value=validate.EARLIEST),
                   "event_date_end": st.column_config.DateColumn("until", min_value=validate.EARLIEST),
                   "date_precision": st.column_config.SelectboxColumn("date precision",
                                                                      options=["day", "days", "week", "month", "year"]),
                   "event_type": st.column_config.SelectboxColumn("type", options=list(EVENT_KINDS)),
                   "place_mention": st.column_config.TextColumn("place mention"),
                   "display_name": st.column_config.TextColumn(
                       "place", help="A place's position and precision change by pinning it on the Reports page."),
                   "lat": st.column_config.NumberColumn("lat", format="%.4f"),
                   "lon": st.column_config.NumberColumn("lon", format="%.4f")})

reason = st.text_input("Why (kept with every change; required to merge)", key="review_reason")
if st.button("Save changes", type="primary"):
    found = review.changes(loaded, edited)
    if found.empty:
        st.info("Nothing changed.")
    elif found.refused(reason):
        st.error(md(f"Nothing was saved: {found.refused(reason)}"))
    else:
        try:
            count, deleted = store.save_review(found.edits, found.deletes, editor=editor.name, reason=reason or None,
                                               expected=found.expected)
        except (ValueError, StoreUnavailable) as exc:  # StaleEdit too: another editor's change is named
            st.error(md(f"Nothing was saved (a save stores all of its changes or none): {exc}"))
        else:
            _done(("success", md(f"Saved {count} change(s) and {deleted} deletion(s) by {editor.name}.")))

# Pickers list the events of this page (and the latest removed ones): labels are built once per page.
labels = {f"{r.event_date or '?'} · {r.place_mention} · {r.event_type} · {r.id}": r.id
          for r in loaded.itertuples(index=False)}
st.subheader("Merge duplicates")
st.caption("The same incident read from two reports: the second event's claims move to the first, which then "
           "carries both reports' figures. The merge keeps its reason and can be undone below. Both events are "
           "chosen from the page shown above.")
if labels:
    with st.form("merge"):
        keep = st.selectbox("Keep", list(labels), key="merge_keep", format_func=plain)
        absorb = st.selectbox("Merge into it", list(labels), index=min(1, len(labels) - 1), key="merge_absorb",
                              format_func=plain)
        merge_reason = st.text_input("Why are they the same incident?", key="merge_reason")
        if st.form_submit_button("Merge"):
            try:
                moved = store.merge_events(labels[keep], labels[absorb], editor=editor.name, reason=merge_reason)
            except (ValueError, StoreUnavailable) as exc:
                st.error(md(f"Not merged: {exc}"))
            else:
                _done(("success", md(f"Merged {labels[absorb]} into {labels[keep]}: {moved} claim(s) moved.")))

removed = store.removed_events(limit=PAGE_ROWS)
if len(removed):
    st.subheader("Undo a merge or a deletion")
    undo = {(f"{r.id} · {r.place_mention} · merged into {r.merged_into}" if isinstance(r.merged_into, str)
             else f"{r.id} · {r.place_mention} · deleted"): r for r in removed.itertuples(index=False)}
    with st.form("undo"):
        choice = st.selectbox("Event", list(undo), key="undo_event", format_func=plain)
        if st.form_submit_button("Undo"):
            row = undo[choice]
            try:
                if isinstance(row.merged_into, str):
                    store.unmerge_event(row.id, editor=editor.name, reason=reason or None)
                else:
                    store.restore_event(row.id, editor=editor.name, reason=reason or None)
            except (ValueError, StoreUnavailable) as exc:
                st.error(md(f"Not undone: {exc}"))
            else:
                _done(("success", md(f"Brought back {row.id}.")))

# Incident decisions name their editors: the section is for editors only (viewers stopped above), and it
# picks from this page's events like the merge form.
incidentreview.editor_panel(store, editor.name, _done, loaded)

# The history names editors (their e-mail addresses under an identity provider): for editors only.
st.subheader("History of an event")
places = {**dict(zip(loaded["id"], loaded["place_mention"])), **dict(zip(removed["id"], removed["place_mention"]))}
if places:
    chosen = st.selectbox("Event", list(places), key="history_event", format_func=lambda i: plain(f"{i} · {places[i]}"))
    history = store.history(chosen)
    if len(history):
        st.dataframe(safe_table(history[["changed_at", "editor", "action", "field", "old_value", "new_value",
                                         "reason"]]), hide_index=True, width="stretch")
    else:
        st.caption("No change recorded: the event is as it was read.")
