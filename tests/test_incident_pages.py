"""Incidents on the pages (AppTest): the Tallies page counts an incident once; Review confirms a proposal."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

from conflictmap.extract import extract
from conflictmap.report import Report

ROOT = Path(__file__).resolve().parent.parent
# Our own sentences: the Observatory's early and revised toll of one car bomb, in two reports.
REPORTS = [("2017-03-12", "A car bomb killed 12 people in Douma on Saturday, the Syrian Observatory for Human Rights "
                          "said."),
           ("2017-03-14", "The death toll from the car bombing in Douma on Saturday rose to 40, the Syrian "
                          "Observatory for Human Rights said.")]


def _store(home: Path):
    from conflictmap.store import EventStore

    store = EventStore(f"sqlite:///{home / 'conflictmap.db'}")
    ids = []
    for day, text in REPORTS:
        payload = extract(Report(text=text, pub_date=dt.date.fromisoformat(day))).to_dict()
        store.ingest(payload)
        ids.append(payload["events"][0]["id"])
    return store, ids


def test_the_tallies_page_counts_an_incident_told_twice_once(fresh_home):
    store, _ = _store(fresh_home)
    store.dispose()
    app = AppTest.from_file(str(ROOT / "pages" / "4_Tallies.py"), default_timeout=60)
    app.query_params["from"] = "2017-03-01"
    app.query_params["to"] = "2017-03-31"
    app.run()
    assert not app.exception
    table = app.dataframe[0].value.set_index("source")
    assert table.loc["Syrian Observatory for Human Rights", "events"] == 1
    assert table.loc["Syrian Observatory for Human Rights", "killed"] == 40  # the revised toll, not 12 + 40


def test_review_confirms_a_proposal_when_automatic_joins_are_off(fresh_home):
    store, ids = _store(fresh_home)
    store.set_auto_joins(False, editor="ana@example.org")
    assert store.events_frame()["incident_id"].nunique() == 2
    store.dispose()
    app = AppTest.from_file(str(ROOT / "pages" / "3_Review.py"), default_timeout=60).run()
    assert not app.exception
    proposal = app.selectbox(key="incident_proposal_choice")
    assert "same place (Douma) and same day" in proposal.value
    app.button(key="FormSubmitter:incident_proposal-Decide").click().run()
    assert not app.exception and any(s.value == "Confirmed." for s in app.success)
    from conflictmap.store import EventStore

    frame = EventStore(f"sqlite:///{fresh_home / 'conflictmap.db'}").events_frame()
    assert frame["incident_id"].nunique() == 1 and set(frame["incident_link"]) == {"editor"}
