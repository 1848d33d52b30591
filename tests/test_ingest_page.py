"""The Ingest page through AppTest: read a pasted report, review it, pin, choose a place, save once.

Editing cells of the draft tables happens in the browser test; the
corrections themselves are tested in ``test_draft``.
"""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from conflictmap.places.gazetteer import name_key
from conflictmap.store import EventStore

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "pages" / "2_Ingest.py")
# Written for these tests.
REPORT = ("DATE: 2013-03-04\n"
          "Shelling killed 12 people in Douma on Monday, the Syrian Observatory for Human Rights said.\n"
          "In Homs, clashes between rebels and government forces killed 5 rebels, activists said.\n"
          "An airstrike on the village of Kafr Qurnayt killed 3 civilians, the Local Coordination Committees "
          "reported.")




def _read(text: str) -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=60).run()
    app.text_area(key="paste").input(text)
    app.button(key="FormSubmitter:read_reports-Read").click().run()
    assert not app.exception
    return app


def _drafts(app: AppTest) -> dict:
    return app.session_state["ingest_drafts"]


def _events(home: Path):
    store = EventStore(f"sqlite:///{home / 'conflictmap.db'}")
    frame = store.events_frame()
    store.dispose()
    return frame


def test_viewers_cannot_open_the_ingest_page(fresh_home):
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.secrets["editor_password"] = "correct horse"
    app.run()
    assert not app.exception
    assert any("needs an editor" in i.value for i in app.info)
    assert not app.text_area


def test_a_pasted_report_is_shown_for_review_and_nothing_is_saved_before_save(fresh_home):
    app = _read(REPORT)
    events = app.dataframe(key=next(k for k in _keys(app) if k.startswith("events_"))).value
    assert sorted(events["place"]) == ["Douma", "Homs", "Kafr Qurnayt"]
    assert events.set_index("place")["lat"].isna().to_dict() == {"Douma": False, "Homs": False, "Kafr Qurnayt": True}
    claims = app.dataframe(key=next(k for k in _keys(app) if k.startswith("claims_"))).value
    assert sorted(claims["killed"]) == [3, 5, 12]
    unplaced = app.dataframe[-1].value
    assert list(unplaced["place"]) == ["Kafr Qurnayt"] and "airstrike on the village" in unplaced["quote"].iloc[0]
    assert any("published 2013-03-04" in c.value for c in app.caption)
    assert "Kafr Qurnayt" not in set(_events(fresh_home)["place_mention"])  # reviewed, not stored


def test_pinning_an_unplaced_name_places_it_in_the_draft_and_saving_stores_it_once(fresh_home):
    app = _read(REPORT)
    report_id = next(iter(_drafts(app)))
    assert app.number_input(key=f"pin_lat_{report_id}").value is None  # empty: Pin unedited places nothing
    app.button(key=f"FormSubmitter:pin_{report_id}-Pin").click().run()
    assert any("Not pinned" in e.value for e in app.error)
    assert all(e["place"]["lat"] is None for e in _drafts(app)[report_id]["payload"]["events"]
               if e["place"]["mention"] == "Kafr Qurnayt")
    app.number_input(key=f"pin_lat_{report_id}").set_value(35.31)
    app.number_input(key=f"pin_lon_{report_id}").set_value(36.52)
    app.button(key=f"FormSubmitter:pin_{report_id}-Pin").click().run()
    assert not app.exception
    place = next(e["place"] for e in _drafts(app)[report_id]["payload"]["events"]
                 if e["place"]["mention"] == "Kafr Qurnayt")
    assert (place["lat"], place["lon"], place["id"]) == (35.31, 36.52, f"pin:{name_key('Kafr Qurnayt')}")
    assert "Unplaced names" not in " ".join(m.value for m in app.markdown)

    next(b for b in app.button if b.label.startswith("Save 1 report")).click().run()
    assert not app.exception
    assert any("saved 3 event(s) and 3 claim(s)" in s.value for s in app.success)
    stored = _events(fresh_home).set_index("place_mention")
    assert (stored.loc["Kafr Qurnayt", "lat"], stored.loc["Kafr Qurnayt", "lon"]) == (35.31, 36.52)
    assert not _drafts(app)

    again = _read(REPORT)
    next(b for b in again.button if b.label.startswith("Save 1 report")).click().run()
    assert any("already stored, nothing changed" in s.value for s in again.success)
    assert list(_events(fresh_home)["place_mention"]).count("Douma") == 1


def test_another_gazetteer_place_can_be_chosen(fresh_home):
    app = _read(REPORT)
    report_id = next(iter(_drafts(app)))
    event = next(o for o in app.selectbox(key=f"alt_event_{report_id}").options if o.endswith("Homs"))
    app.selectbox(key=f"alt_event_{report_id}").set_value(event).run()
    governorate = next(o for o in app.selectbox(key=f"alt_place_{report_id}").options if "governorate" in o)
    app.selectbox(key=f"alt_place_{report_id}").set_value(governorate).run()
    app.button(key=f"alt_use_{report_id}").click().run()
    assert not app.exception
    place = next(e["place"] for e in _drafts(app)[report_id]["payload"]["events"] if e["place"]["mention"] == "Homs")
    assert (place["id"], place["precision"]) == ("sy-gov-homs", "governorate")


def test_without_a_date_the_page_says_relative_days_stay_unknown(fresh_home):
    app = _read(REPORT.split("\n", 1)[1])
    assert any("published unknown (relative days stay unknown)" in c.value for c in app.caption)
    assert all(e["date"] is None for e in next(iter(_drafts(app).values()))["payload"]["events"])


def test_reading_nothing_says_what_to_do(fresh_home):
    app = AppTest.from_file(PAGE, default_timeout=60).run()
    app.button(key="FormSubmitter:read_reports-Read").click().run()
    assert any("Paste a report or upload a file first" in w.value for w in app.warning)


def _keys(app: AppTest) -> list[str]:
    return [d.key for d in app.dataframe if d.key]


# Written for these tests: Sakhour is known to no gazetteer and marked by no cue word.
SAKHOUR = ("DATE: 2013-02-07\nShells slammed into Sakhour and Bustan al-Qasr on Wednesday, activists said.")


def test_a_name_the_reader_could_not_place_is_listed_and_can_be_pinned(fresh_home):
    app = _read(SAKHOUR)
    report_id = next(iter(_drafts(app)))
    listed = app.dataframe[-1].value
    assert list(listed["name"]) == ["Sakhour"] and listed["quote"].iloc[0].startswith("Shells slammed into Sakhour")
    assert "Unplaced names" in " ".join(m.value for m in app.markdown)
    assert "Sakhour" in app.selectbox(key=f"pin_name_{report_id}").options
    app.selectbox(key=f"pin_name_{report_id}").set_value("Sakhour")
    app.number_input(key=f"pin_lat_{report_id}").set_value(36.22)
    app.number_input(key=f"pin_lon_{report_id}").set_value(37.19)
    app.button(key=f"FormSubmitter:pin_{report_id}-Pin").click().run()
    assert not app.exception
    store = EventStore(f"sqlite:///{fresh_home / 'conflictmap.db'}")
    assert store.pin_for(f"name:{name_key('Sakhour')}")["lat"] == 36.22
    store.dispose()


def test_pasted_text_past_the_file_limit_or_with_a_nul_is_refused_with_the_reason_and_nothing_read(fresh_home):
    # The text box bounds characters (in the browser); the limit is a file's, in bytes: 1.1 million Arabic
    # letters fit the box and are 2.2 MB of UTF-8.
    for text, reason in ((REPORT + "\u062f" * 1_100_000, "the limit is 2 MB"),
                         (REPORT.replace("Douma", "Douma\x00"), "holds a NUL byte")):
        app = AppTest.from_file(PAGE, default_timeout=60).run()
        app.text_area(key="paste").set_value(text)
        app.button(key="FormSubmitter:read_reports-Read").click().run()
        assert not app.exception
        assert any(reason in e.value for e in app.error), [e.value for e in app.error]
        assert not app.session_state["ingest_drafts"]
        assert not app.warning  # not "paste a report first": it says why this one was refused
