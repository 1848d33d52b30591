"""Page logic through Streamlit's AppTest (the map itself is covered in the browser tests)."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent




def _with_an_unplaced_name(home: Path) -> None:
    """The bundled sample plus a report naming a place no gazetteer knows, stored before the page opens."""
    from conflictmap.places.gazetteer import Gazetteer
    from conflictmap.sample import load_samples
    from conflictmap.store import EventStore

    store = EventStore(f"sqlite:///{home / 'conflictmap.db'}")
    load_samples(store, Gazetteer.default())
    store.ingest({"report": {"id": "farms", "pub_date": "2013-02-07"}, "nationwide_claims": [],
                  "events": [{"id": "farms-1", "date": "2013-02-06", "event_type": "shelling", "types": ["shelling"],
                              "quote": "Shelling hit Zamalka Farms.", "claims": [],
                              "place": {"id": None, "name": "Zamalka Farms", "mention": "Zamalka Farms",
                                        "lat": None, "lon": None}}]})
    store.dispose()


def test_reports_page_lists_the_sample_with_every_place_on_the_map(fresh_home):
    app = AppTest.from_file(str(ROOT / "pages" / "1_Reports.py"), default_timeout=60).run()
    assert not app.exception
    captions = [c.value for c in app.caption]
    assert "1 report(s) stored in the sqlite database." in captions
    assert "Every stored event has a place on the map." in captions


def test_reports_page_lists_a_place_to_pin(fresh_home):
    _with_an_unplaced_name(fresh_home)
    app = AppTest.from_file(str(ROOT / "pages" / "1_Reports.py"), default_timeout=60).run()
    for frame in app.dataframe:  # a report without a title or an address shows empty cells, never "None"
        assert not frame.value.isna().any().any()
    assert not app.exception
    unplaced = app.dataframe[1].value
    assert list(unplaced["place_mention"]) == ["Zamalka Farms"]


def test_dashboard_lists_nationwide_totals_apart(fresh_home):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.session_state["map_drawn"] = True  # as after the map's first report back: the whole page
    app.run()
    assert not app.exception
    totals = app.dataframe[-1].value
    assert list(totals.columns) == ["Date", "Source", "Figures", "Of them", "Counts", "Note", "Quote"]
    assert list(totals["Source"]) == ["Sham News Network (“Sham network”)"]  # as the report named it
    assert list(totals["Figures"]) == ["at least 107 killed"] and list(totals["Counts"]) == ["nationwide total"]
    assert "breakdown sums to 122" in totals["Note"].iloc[0]
    assert not any(str(cell) in ("None", "nan", "NaN", "<NA>") for cell in totals.to_numpy().ravel())


def test_reports_page_pins_an_unplaced_name_and_keeps_the_record(fresh_home):
    _with_an_unplaced_name(fresh_home)
    app = AppTest.from_file(str(ROOT / "pages" / "1_Reports.py"), default_timeout=60).run()
    label = next(o for o in app.selectbox[0].options if o.startswith("Zamalka Farms (unplaced"))
    app.selectbox[0].set_value(label)
    app.number_input[0].set_value(33.5290)
    app.number_input[1].set_value(36.3190)
    app.button[0].click().run()
    assert not app.exception
    assert any("Pinned Zamalka Farms" in s.value and "local editor" in s.value for s in app.success)
    pins = app.dataframe[-1].value
    assert list(pins["who"]) == ["local editor"] and list(pins["name"]) == ["Zamalka Farms"]
    assert "Every stored event has a place on the map." in [c.value for c in app.caption]

    from conflictmap.store import EventStore

    store = EventStore(f"sqlite:///{fresh_home / 'conflictmap.db'}")
    placed = store.events_frame().set_index("place_mention").loc["Zamalka Farms"]
    assert (placed["lat"], placed["lon"]) == (33.529, 36.319)


def test_reports_page_moves_a_placed_place(fresh_home):
    app = AppTest.from_file(str(ROOT / "pages" / "1_Reports.py"), default_timeout=60).run()
    label = next(o for o in app.selectbox[0].options if "[sy-dam-jobar]" in o)
    app.selectbox[0].set_value(label)
    app.number_input[0].set_value(33.5335)
    app.number_input[1].set_value(36.3399)
    app.button[0].click().run()
    assert not app.exception
    pins = app.dataframe[-1].value
    assert pins["previous_lat"].iloc[0] == pytest.approx(33.531) and pins["place_id"].iloc[0] == "sy-dam-jobar"


def test_dashboard_offers_exports_of_the_window_and_the_whole_database(fresh_home):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.session_state["map_drawn"] = True  # as after the map's first report back: the whole page
    app.run()
    assert not app.exception
    buttons = app.get("download_button")
    assert len(buttons) == 2
    labels = [b.proto.label for b in buttons]
    assert labels[0].startswith("What the map shows (") and labels[1] == "The whole database"
    app.selectbox(key="export_format").set_value("geojson").run()
    assert not app.exception
    assert [b.proto.label for b in app.get("download_button")] == labels


def test_viewers_download_only_what_the_map_shows(fresh_home):
    """No JSON dump (deleted and merged events, the history naming editors) and no whole database for viewers;
    editors keep both."""
    viewer = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    viewer.secrets["editor_password"] = "correct horse"
    viewer.session_state["map_drawn"] = True  # as after the map's first report back: the whole page
    viewer.run()
    assert not viewer.exception
    dump = "conflictmap JSON (imports back losslessly)"
    assert viewer.selectbox(key="export_format").options == ["ACLED CSV", "UCDP GED CSV", "GeoJSON"]
    assert [b.proto.label for b in viewer.get("download_button")] == [
        b.proto.label for b in viewer.get("download_button") if b.proto.label.startswith("What the map shows")]
    assert len(viewer.get("download_button")) == 1
    editor = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)  # no secrets: the local editor
    editor.session_state["map_drawn"] = True
    editor.run()
    assert dump in editor.selectbox(key="export_format").options and len(editor.get("download_button")) == 2


def test_viewers_do_not_see_who_pinned_a_place(fresh_home):
    from conflictmap.store import EventStore

    app = AppTest.from_file(str(ROOT / "pages" / "1_Reports.py"), default_timeout=60).run()  # loads the sample
    store = EventStore(f"sqlite:///{fresh_home / 'conflictmap.db'}")
    store.pin_place("sy-dam-jobar", lat=33.5335, lon=36.3399, who="ana@example.org")
    store.dispose()
    viewer = AppTest.from_file(str(ROOT / "pages" / "1_Reports.py"), default_timeout=60)
    viewer.secrets["editor_password"] = "correct horse"
    viewer.run()
    pins = viewer.dataframe[-1].value
    assert "who" not in pins.columns and "ana@example.org" not in pins.to_string()
    assert "ana@example.org" in app.run().dataframe[-1].value["who"].tolist()  # the editor sees it


def test_the_pin_form_starts_empty_and_refuses_until_a_point_is_given(fresh_home):
    app = AppTest.from_file(str(ROOT / "pages" / "1_Reports.py"), default_timeout=60).run()
    label = next(o for o in app.selectbox[0].options if "[sy-dam-jobar]" in o)
    app.selectbox[0].set_value(label)
    assert app.number_input[0].value is None and app.number_input[1].value is None
    app.button[0].click().run()
    assert not app.exception
    assert any("Not pinned: click the map or type" in e.value for e in app.error)
    from conflictmap.store import EventStore

    store = EventStore(f"sqlite:///{fresh_home / 'conflictmap.db'}")
    assert store.pins_frame().empty  # nothing moved
    app.number_input[0].set_value(33.5335)
    app.button[0].click().run()  # a latitude alone is not a point
    assert any("Not pinned" in e.value for e in app.error) and store.pins_frame().empty


# Our own sentences: two sources' tolls of one car bomb, in two reports of one day.
DISAGREEING = [("2017-03-12", "A car bomb killed 12 people in Douma on Saturday, the Syrian Observatory for Human "
                              "Rights said."),
               ("2017-03-12", "A car bomb killed 19 people in Douma on Saturday, the Local Coordination Committees "
                              "said.")]


def test_the_side_panel_says_sources_disagree_once_with_each_claim_and_its_quote(fresh_home):
    import datetime as dt

    from conflictmap.reading.reader import extract
    from conflictmap.reading.text import Report
    from conflictmap.store import EventStore

    store = EventStore(f"sqlite:///{fresh_home / 'conflictmap.db'}")
    ids = []
    for day, text in DISAGREEING:
        payload = extract(Report(text=text, pub_date=dt.date.fromisoformat(day))).to_dict()
        store.ingest(payload)
        ids.append(payload["events"][0]["id"])
    assert len(store.incident_events(store.events_frame().set_index("id").loc[ids[0], "incident_id"])) == 2
    store.dispose()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params.update({"from": "2017-03-01", "to": "2017-03-31", "event": ids[0]})
    app.run()
    assert not app.exception
    said = [e.value for kind in ("warning", "text", "markdown", "caption") for e in app.get(kind)]
    assert sum(text.lower().count("sources disagree") for text in said) == 1
    assert any("Sources disagree" in w.value and "12" in w.value and "19" in w.value for w in app.warning)
    cards = " ".join(m.value for m in app.markdown).replace("\\", "")
    assert "**Syrian Observatory for Human Rights**" in cards and "**Local Coordination Committees**" in cards
    assert any("A car bomb killed 19 people" in c.value.replace("\\", "") for c in app.caption)
