"""The Review page through AppTest: read-only for viewers; merge, undo and history for editors.

Cell edits go through the stale-edit check in the store (``test_history``)
and the table diff (``test_review``); the browser test edits a real table.
"""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from conflictmap.exchange.htmltext import markdown_literal

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "pages" / "3_Review.py")




def test_viewers_see_every_event_read_only(fresh_home):
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.secrets["editor_password"] = "correct horse"
    app.run()
    assert not app.exception
    table = app.dataframe[0]
    read_only = table.proto.DESCRIPTOR.fields_by_name["editing_mode"].enum_type.values_by_name["READ_ONLY"].number
    assert table.proto.editing_mode == read_only and len(table.value) == 8  # the bundled sample, a plain table
    assert not any(b.label in ("Save changes", "Merge") for b in app.button)
    assert any(c.value.startswith("8 event(s). Read-only") for c in app.caption)
    # The change history names editors: viewers do not get it, nor the removed events.
    assert not [s.value for s in app.subheader if "History" in s.value or "Undo" in s.value]


def test_an_editor_merges_two_events_and_undoes_it_with_history(fresh_home):
    app = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not app.exception and not app.dataframe[0].proto.disabled
    events = app.dataframe[0].value
    keep, absorb = events["id"].iloc[0], events["id"].iloc[1]
    labels = app.selectbox(key="merge_keep").options
    app.selectbox(key="merge_keep").set_value(next(o for o in labels if o.endswith(keep)))
    app.selectbox(key="merge_absorb").set_value(next(o for o in labels if o.endswith(absorb)))
    app.button(key="FormSubmitter:merge-Merge").click().run()
    assert any("a merge needs a reason" in e.value for e in app.error)

    app.text_input(key="merge_reason").input("the same shelling, two reports")
    app.button(key="FormSubmitter:merge-Merge").click().run()
    assert not app.exception
    assert any(markdown_literal(f"Merged {absorb} into {keep}") in s.value for s in app.success)
    assert absorb not in set(app.dataframe[0].value["id"]) and len(app.dataframe[0].value) == 7

    app.selectbox(key="history_event").set_value(keep).run()
    history = app.dataframe[-1].value
    assert list(history["action"]) == ["merge"] and list(history["editor"]) == ["local editor"]
    assert list(history["reason"]) == ["the same shelling, two reports"]

    undo = app.selectbox(key="undo_event")
    undo.set_value(next(o for o in undo.options if o.startswith(absorb)))
    app.button(key="FormSubmitter:undo-Undo").click().run()
    assert not app.exception
    assert absorb in set(app.dataframe[0].value["id"]) and len(app.dataframe[0].value) == 8
    app.selectbox(key="history_event").set_value(absorb).run()
    assert list(app.dataframe[-1].value["action"]) == ["merge", "unmerge"]


def test_saving_an_untouched_table_changes_nothing(fresh_home):
    """The table's own values (dates, empty cells) read back equal to what was loaded: no phantom edits."""
    app = AppTest.from_file(PAGE, default_timeout=60).run()
    next(b for b in app.button if b.label == "Save changes").click().run()
    assert not app.exception and not app.error
    assert [i.value for i in app.info] == ["Nothing changed."]


def test_a_save_that_fails_stores_nothing_and_says_so(fresh_home):
    """One event edited, one deleted, but another editor deleted the second meanwhile: nothing is stored,
    the message says so, and saving again without that deletion is not blamed on another editor."""
    from conflictmap.store import EventStore

    app = AppTest.from_file(PAGE, default_timeout=60).run()
    events = app.dataframe[0].value
    first, second = events["id"].iloc[0], events["id"].iloc[1]
    store = EventStore(f"sqlite:///{fresh_home / 'conflictmap.db'}")
    store.delete_event(second, editor="someone else")
    app.session_state["review_table_0"] = {"edited_rows": {0: {"event_type": "airstrike"}, 1: {"delete": True}},
                                            "added_rows": [], "deleted_rows": []}
    next(b for b in app.button if b.label == "Save changes").click().run()
    assert not app.exception
    assert any("Nothing was saved" in e.value for e in app.error)
    assert store.events_frame().set_index("id").at[first, "event_type"] != "airstrike"
    assert store.history(first).empty

    app.session_state["review_table_0"] = {"edited_rows": {0: {"event_type": "airstrike"}},
                                            "added_rows": [], "deleted_rows": []}
    next(b for b in app.button if b.label == "Save changes").click().run()
    assert not app.error, [e.value for e in app.error]
    assert any(s.value.startswith("Saved 1 change") for s in app.success)
    assert store.events_frame().set_index("id").at[first, "event_type"] == "airstrike"
    store.dispose()


def test_a_nul_in_an_edited_cell_or_the_reason_saves_nothing_and_says_where(fresh_home):
    """A crafted message can put a NUL in a cell: PostgreSQL refused the save with a DataError the page did
    not catch (SQLite stored it). Now nothing is saved and the message names the field."""
    from conflictmap.safetext import md
    from conflictmap.store import EventStore

    app = AppTest.from_file(PAGE, default_timeout=60).run()
    first = app.dataframe[0].value["id"].iloc[0]
    store = EventStore(f"sqlite:///{fresh_home / 'conflictmap.db'}")
    before = store.events_frame().set_index("id").at[first, "place_mention"]
    for cell, reason, named in (({"place_mention": "Jobar\x00"}, "", "place_mention"),
                                ({"place_mention": "Jobar east"}, "why\x00", "the reason")):
        app.text_input(key="review_reason").input(reason)
        app.session_state["review_table_0"] = {"edited_rows": {0: cell}, "added_rows": [], "deleted_rows": []}
        next(b for b in app.button if b.label == "Save changes").click().run()
        assert not app.exception
        assert any("Nothing was saved" in e.value and md(named) in e.value for e in app.error), \
            [e.value for e in app.error]
        assert store.events_frame().set_index("id").at[first, "place_mention"] == before
        assert store.history(first).empty
    store.dispose()
