"""The Streamlit side of reviewing incidents: split, join, confirm or reject proposals, undo, automatic joins.

The Review page calls ``editor_panel`` for a signed-in editor; every action
goes through ``EventStore`` (who, when, why kept; undoable) and the linker
(``conflictmap.incident``) regroups the events. Report text (place names,
reasons) is shown as text: in select boxes, formula-safe tables
(``safetext.table``) and escaped messages (``safetext.md``). Like the rest of
the Review page it reads a bounded amount at any size of data: the events
offered are the page's, the proposals the best ``PROPOSALS_SHOWN``, the
decisions the newest ``DECISIONS_SHOWN``.
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from conflictmap.safetext import md, plain, table as safe_table
from conflictmap.store import EventStore

PROPOSALS_SHOWN = 200
DECISIONS_SHOWN = 200
UNDOABLE = ("split", "join", "confirm", "reject", "auto_on", "auto_off")


def _label(row: pd.Series) -> str:
    return f"{row['event_date'] or '?'} · {row['place_mention']} · {row['event_type']} · {row['id']}"


def editor_panel(store: EventStore, editor: str, done: Callable[..., None], frame: pd.DataFrame) -> None:
    """The incidents section of the Review page, for a signed-in editor only (its decisions name editors).

    ``frame``: the events of the page shown (``EventStore.events_frame`` rows with ``id``, ``event_date``,
    ``place_mention``, ``event_type``, ``incident_link``), which the split and join forms offer.
    ``done(("success", message))`` reloads the page after a change.
    """
    st.subheader("Incidents")
    st.caption("Events from different reports that tell one happening share an incident: one point on the map, "
               "every source's figures in its panel. The table's incident_link column says how an event joined "
               "(auto: by the linker; editor: by a join or a confirmed proposal). Split and join offer the events "
               "of the page shown above.")
    labels = {_label(row): row["id"] for _, row in frame.iterrows()}
    shared = {_label(row): row["id"] for _, row in frame[frame["incident_link"].notna()].iterrows()}

    split_col, join_col = st.columns(2)
    with split_col.form("incident_split"):
        choice = st.selectbox("Event to take out of its incident", list(shared), key="incident_split_event",
                              format_func=plain)
        why = st.text_input("Why is it another happening?", key="incident_split_reason")
        if st.form_submit_button("Split out", disabled=not shared):
            try:
                store.split_event(shared[choice], editor=editor, reason=why)
            except ValueError as exc:
                st.error(md(f"Not split: {exc}"))
            else:
                done(("success", md(f"Split {shared[choice]} out of its incident.")))
    with join_col.form("incident_join"):
        first = st.selectbox("Event", list(labels), key="incident_join_a", format_func=plain)
        second = st.selectbox("Same happening as", list(labels), index=min(1, len(labels) - 1),
                              key="incident_join_b", format_func=plain)
        why = st.text_input("Why are they one incident?", key="incident_join_reason")
        if st.form_submit_button("Join incidents", disabled=len(labels) < 2):
            try:
                store.join_incidents(labels[first], labels[second], editor=editor, reason=why)
            except ValueError as exc:
                st.error(md(f"Not joined: {exc}"))
            else:
                done(("success", md(f"Joined the incidents of {labels[first]} and {labels[second]}.")))

    proposals = store.proposals_frame(limit=PROPOSALS_SHOWN)
    if len(proposals):
        st.caption(f"{len(proposals)} possible match(es) the linker was not sure of, best first"
                   f"{f' (the best {PROPOSALS_SHOWN})' if len(proposals) == PROPOSALS_SHOWN else ''}.")
        options = {f"{r.score:.2f} · {r.place_a} {r.date_a or '?'} ↔ {r.place_b} {r.date_b or '?'} · "
                   f"{r.reason}": r.id for r in proposals.itertuples(index=False)}
        with st.form("incident_proposal"):
            choice = st.selectbox("Proposal", list(options), key="incident_proposal_choice", format_func=plain)
            verdict = st.radio("Decision", ["Confirm: one incident", "Reject: different happenings"],
                               key="incident_proposal_verdict", horizontal=True)
            why = st.text_input("Why (optional)", key="incident_proposal_reason")
            if st.form_submit_button("Decide"):
                confirm = verdict.startswith("Confirm")
                try:
                    store.decide_proposal(int(options[choice]), confirm=confirm, editor=editor, reason=why or None)
                except ValueError as exc:
                    st.error(md(f"Not decided: {exc}"))
                else:
                    done(("success", "Confirmed." if confirm else "Rejected."))

    history = store.incident_history(limit=DECISIONS_SHOWN)
    standing = history[history["undone_at"].isna() & history["action"].isin(UNDOABLE)] if len(history) else history
    if len(standing):
        undo = {f"#{r.id} · {r.action} · {r.event_a or ''} {r.event_b or ''} · {r.editor} · {r.reason or ''}": r.id
                for r in standing.itertuples(index=False)}
        with st.form("incident_undo"):
            choice = st.selectbox("Decision to undo", list(undo), key="incident_undo_choice", format_func=plain)
            if st.form_submit_button("Undo"):
                try:
                    store.undo_incident_decision(int(undo[choice]), editor=editor)
                except ValueError as exc:
                    st.error(md(f"Not undone: {exc}"))
                else:
                    done(("success", f"Undid decision #{undo[choice]}."))
    with st.form("incident_auto"):
        auto = st.checkbox("Join events automatically when the match is strong", value=store.auto_joins(),
                           key="incident_auto")
        if st.form_submit_button("Apply"):
            if auto != store.auto_joins():
                store.set_auto_joins(auto, editor=editor)
                done(("success", "Automatic joins are " + ("on." if auto else "off: strong matches are proposed.")))
    if len(history):
        st.caption(f"Incident decisions, newest first (at most {DECISIONS_SHOWN}).")
        st.dataframe(safe_table(history[["decided_at", "editor", "action", "event_a", "event_b", "reason",
                                         "undone_by", "undone_at"]]), hide_index=True, width="stretch")
