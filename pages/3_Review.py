"""Review: every stored event in one table; editors correct, delete and merge, and every change is kept.

Each change records who made it, when, and the old and new value (the
history below the table). Two editors can work at once: an edit made on
values that changed since the table was loaded is refused and the
conflicting fields are named, so nobody's correction is silently lost.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from conflictmap import dashboard, incidentreview, review, signin
from conflictmap.htmltext import markdown_literal as md
from conflictmap.store import EVENT_KINDS

st.set_page_config(page_title="conflictmap · review", page_icon="🗺️", layout="wide")
store = dashboard.store()
editor = signin.sign_in_panel()  # viewers see the table read-only
LOADED = "review_loaded"  # the table as this editor loaded it: the values their edits are checked against
VERSION = "review_version"

st.title("Review events")
for kind, message in st.session_state.pop("review_messages", []):
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
reload = st.button("Reload from the database", help="Take in what other editors saved since you opened the table.")
if reload or LOADED not in st.session_state:
    st.session_state[LOADED] = store.events_frame()[COLUMNS].reset_index(drop=True)
loaded: pd.DataFrame = st.session_state[LOADED]
version = st.session_state.get(VERSION, 0)
st.caption(f"{len(loaded)} event(s). " + ("Edit cells, tick *delete*, then save; each change is logged with your "
                                         "name." if editor else "Read-only: " + signin.access().description))
table = loaded.assign(delete=False)[["delete", *COLUMNS]]
edited = st.data_editor(
    table, key=f"review_table_{version}", hide_index=True, width="stretch", disabled=True if editor is None else
    [c for c in table.columns if c not in (*review.EDITABLE_COLUMNS, review.DELETE_COLUMN)],
    column_config={"delete": st.column_config.CheckboxColumn("delete"),
                   "event_date": st.column_config.DateColumn("date"),
                   "event_date_end": st.column_config.DateColumn("until"),
                   "date_precision": st.column_config.SelectboxColumn("date precision",
                                                                      options=["day", "days", "week", "month", "year"]),
                   "event_type": st.column_config.SelectboxColumn("type", options=list(EVENT_KINDS)),
                   "place_mention": st.column_config.TextColumn("place mention"),
                   "display_name": st.column_config.TextColumn(
                       "place", help="A place's position and precision change by pinning it on the Reports page."),
                   "lat": st.column_config.NumberColumn("lat", format="%.4f"),
                   "lon": st.column_config.NumberColumn("lon", format="%.4f")})

if editor is not None:
    reason = st.text_input("Why (kept with every change; required to merge)", key="review_reason")
    if st.button("Save changes", type="primary"):
        found = review.changes(loaded, edited)
        if found.empty:
            st.info("Nothing changed.")
        else:
            try:
                count = store.edit_events(found.edits, editor=editor.name, reason=reason or None,
                                          expected=found.expected) if found.edits else 0
                for event_id in found.deletes:
                    store.delete_event(event_id, editor=editor.name, reason=reason or None)
            except ValueError as exc:  # StaleEdit too: another editor's change is named, not overwritten
                st.error(md(f"Not saved: {exc}"))
            else:
                _done(("success", md(f"Saved {count} change(s) and {len(found.deletes)} deletion(s) "
                                     f"by {editor.name}.")))

    st.subheader("Merge duplicates")
    st.caption("The same incident read from two reports: the second event's claims move to the first, which then "
               "carries both reports' figures. The merge keeps its reason and can be undone below.")
    labels = {f"{r.event_date or '?'} · {r.place_mention} · {r.event_type} · {r.id}": r.id
              for r in loaded.itertuples(index=False)}
    with st.form("merge"):
        keep = st.selectbox("Keep", list(labels), key="merge_keep")
        absorb = st.selectbox("Merge into it", list(labels), index=min(1, len(labels) - 1), key="merge_absorb")
        merge_reason = st.text_input("Why are they the same incident?", key="merge_reason")
        if st.form_submit_button("Merge"):
            try:
                moved = store.merge_events(labels[keep], labels[absorb], editor=editor.name, reason=merge_reason)
            except ValueError as exc:
                st.error(md(f"Not merged: {exc}"))
            else:
                _done(("success", md(f"Merged {labels[absorb]} into {labels[keep]}: {moved} claim(s) moved.")))

    removed = store.events_frame(include_removed=True)
    removed = removed[removed["merged_into"].notna() | removed["deleted_at"].notna()]
    if len(removed):
        st.subheader("Undo a merge or a deletion")
        undo = {(f"{r.id} · {r.place_mention} · merged into {r.merged_into}" if isinstance(r.merged_into, str)
                 else f"{r.id} · {r.place_mention} · deleted"): r for r in removed.itertuples(index=False)}
        with st.form("undo"):
            choice = st.selectbox("Event", list(undo), key="undo_event")
            if st.form_submit_button("Undo"):
                row = undo[choice]
                try:
                    if isinstance(row.merged_into, str):
                        store.unmerge_event(row.id, editor=editor.name, reason=reason or None)
                    else:
                        store.restore_event(row.id, editor=editor.name, reason=reason or None)
                except ValueError as exc:
                    st.error(md(f"Not undone: {exc}"))
                else:
                    _done(("success", md(f"Brought back {row.id}.")))

if editor is not None:
    incidentreview.editor_panel(store, editor.name, _done)

st.subheader("History of an event")
every = store.events_frame(include_removed=True)
if len(every):
    chosen = st.selectbox("Event", list(every["id"]), key="history_event",
                          format_func=lambda i: f"{i} · {every.set_index('id').at[i, 'place_mention']}")
    history = store.history(chosen)
    if len(history):
        st.dataframe(history[["changed_at", "editor", "action", "field", "old_value", "new_value", "reason"]],
                     hide_index=True, width="stretch")
    else:
        st.caption("No change recorded: the event is as it was read.")
