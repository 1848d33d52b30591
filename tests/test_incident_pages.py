"""Incidents on the pages (AppTest): the Tallies page counts an incident once; Review confirms a proposal."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conflictmap.reading.reader import extract
from conflictmap.reading.text import Report

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


def _hostile_incident(home: Path) -> list[str]:
    """Two reports of one shelling whose every text field is Markdown that would draw an image and a link."""
    from test_hostile_text import MD_IMAGE, MD_LINK

    from conflictmap.store import EventStore

    text = f"{MD_IMAGE} {MD_LINK}"
    store = EventStore(f"sqlite:///{home / 'conflictmap.db'}")
    place = {"id": "md-town", "name": f"Town {text}", "display_name": f"Town {text}", "mention": f"Town {text}",
             "lat": 33.5, "lon": 36.3, "precision": "town", "admin1": f"Province {text}"}
    ids = []
    for n, killed in ((1, 5), (2, 9)):
        claim = {"source": f"Monitor {n} {text}", "killed": killed, "killed_qualifier": text, "scope": "event",
                 "date": f"2013-02-0{5 + n}", "quote": text}
        store.ingest({"report": {"id": f"md-r{n}", "pub_date": f"2013-02-0{5 + n}", "publisher": text},
                      "events": [{"id": f"md-e{n}", "date": "2013-02-05", "event_type": "shelling",
                                  "types": ["shelling"], "quote": text, "place": place, "claims": [claim]}]})
        ids.append(f"md-e{n}")
    frame = store.events_frame()
    store.dispose()
    assert frame["incident_id"].nunique() == 1, "the two reports should tell one incident"
    return ids


@pytest.mark.parametrize("page, params, secrets", [
    ("app.py", {"from": "2013-02-01", "to": "2013-02-09", "event": "md-e1"}, {}),
    ("pages/3_Review.py", {}, {}),  # the local editor: the Incidents section and its decisions
])
def test_an_incidents_ledger_and_decisions_show_report_text_as_text(fresh_home, page, params, secrets):
    from test_hostile_text import _rendered_markdown

    from conflictmap.store import EventStore

    first, second = _hostile_incident(fresh_home)
    store = EventStore(f"sqlite:///{fresh_home / 'conflictmap.db'}")
    store.split_event(second, editor="ana@example.org", reason="[why](http://phish.example)")
    store.join_incidents(first, second, editor="ana@example.org", reason="![x](http://attacker.example/p.png)")
    store.dispose()
    app = AppTest.from_file(str(ROOT / page), default_timeout=90)
    for key, value in {**secrets, **params}.items():
        (app.secrets if key in secrets else app.query_params)[key] = value
    if page == "app.py":  # as after the map's first report back: the whole page
        app.session_state["map_drawn"] = True
    app.run()
    assert not app.exception, app.exception
    shown = _rendered_markdown(app)
    if page == "app.py":  # the ledger lists both reports' sources
        assert sum("Monitor 1" in t or "Monitor 2" in t for t in shown) >= 2
    for text in shown:
        assert "](" not in text and "![" not in text, f"{page}: rendered as Markdown: {text!r}"
        assert "://" not in text.replace("\\", ""), f"{page}: a bare link: {text!r}"


def test_viewers_do_not_see_the_incidents_section(fresh_home):
    _hostile_incident(fresh_home)
    app = AppTest.from_file(str(ROOT / "pages" / "3_Review.py"), default_timeout=60)
    app.secrets["editor_password"] = "x"
    app.run()
    assert not app.exception
    assert "Incidents" not in [h.value for h in app.subheader]
    assert not [s for s in app.selectbox if s.key and s.key.startswith("incident_")]
