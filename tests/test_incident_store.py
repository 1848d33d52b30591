"""Incidents in the database: linking on ingest, relinking, and editors' splits, joins and proposals with undo."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from conflictmap.cli import main
from conflictmap.reading.reader import extract
from conflictmap.reading.text import Report

from test_incident import REPORTS  # our own sentences: one car bomb told twice, the same town later, the next town


def _payload(name: str, text: str | None = None) -> dict:
    day, words = REPORTS[name]
    return extract(Report(text=text or words, pub_date=dt.date.fromisoformat(day))).to_dict()


def _incidents(store) -> dict[str, str]:
    frame = store.events_frame()
    return dict(zip(frame["id"], frame["incident_id"]))


def _ingest_all(store, order=("first", "revised", "later", "next_town")) -> dict[str, str]:
    ids = {}
    for name in order:
        payload = _payload(name)
        store.ingest(payload, publisher=name)
        ids[name] = payload["events"][0]["id"]
    return ids


def test_ingesting_links_reports_of_one_attack_and_keeps_decoys_apart(store):
    ids = _ingest_all(store, ("next_town", "revised", "later", "first"))
    of = _incidents(store)
    assert of[ids["first"]] == of[ids["revised"]]
    assert len({of[ids["first"]], of[ids["later"]], of[ids["next_town"]]}) == 3
    frame = store.events_frame().set_index("id")
    assert frame.loc[ids["first"], "incident_link"] == "auto" and pd.isna(frame.loc[ids["later"], "incident_link"])
    assert frame.loc[ids["revised"], "incident_reason"].startswith("same place (Douma) and same day, both a bombing")
    store.relink_incidents()
    assert _incidents(store) == of


def test_split_then_undo_gives_the_incident_back_with_history(store):
    ids = _ingest_all(store)
    store.split_event(ids["revised"], editor="ana@example.org", reason="another car bomb, says the editor")
    of = _incidents(store)
    assert of[ids["first"]] != of[ids["revised"]]
    store.relink_incidents()  # the split holds on a relink
    assert _incidents(store)[ids["first"]] != _incidents(store)[ids["revised"]]
    history = store.incident_history()
    split = history.iloc[0]
    assert (split["action"], split["editor"], split["reason"]) == \
        ("split", "ana@example.org", "another car bomb, says the editor")
    store.undo_incident_decision(int(split["id"]), editor="bo@example.org", reason="it was the same")
    of = _incidents(store)
    assert of[ids["first"]] == of[ids["revised"]]
    assert store.incident_history().iloc[0]["undone_by"] == "bo@example.org"


def test_with_automatic_joins_off_matches_wait_as_proposals_for_an_editor(store):
    ids = _ingest_all(store)
    store.set_auto_joins(False, editor="ana@example.org", reason="we check every join")
    assert not store.auto_joins()
    of = _incidents(store)
    assert of[ids["first"]] != of[ids["revised"]]
    proposals = store.proposals_frame()
    pair = proposals[(proposals["event_a"].isin([ids["first"], ids["revised"]]))
                     & (proposals["event_b"].isin([ids["first"], ids["revised"]]))]
    assert len(pair) == 1 and "same day" in pair.iloc[0]["reason"]
    store.decide_proposal(int(pair.iloc[0]["id"]), confirm=True, editor="ana@example.org")
    frame = store.events_frame().set_index("id")
    assert frame.loc[ids["first"], "incident_id"] == frame.loc[ids["revised"], "incident_id"]
    assert frame.loc[ids["first"], "incident_link"] == "editor"
    assert store.proposals_frame().query("event_a == @ids['first'] and event_b == @ids['revised']").empty


def test_an_editor_joins_what_the_linker_kept_apart_and_rejections_hold(store):
    ids = _ingest_all(store)
    store.join_incidents(ids["first"], ids["later"], editor="ana@example.org", reason="the same bomb, dated late")
    of = _incidents(store)
    assert of[ids["first"]] == of[ids["later"]] != of[ids["revised"]]  # "revised" is dated days from "later"
    proposals = store.proposals_frame()
    asked = proposals[proposals[["event_a", "event_b"]].isin([ids["first"], ids["revised"]]).all(axis=1)]
    assert len(asked) == 1
    store.decide_proposal(int(asked.iloc[0]["id"]), confirm=False, editor="ana@example.org", reason="not one")
    joined = store.incident_history().query("action == 'join'").iloc[0]
    store.undo_incident_decision(int(joined["id"]), editor="ana@example.org")
    of = _incidents(store)
    assert len({of[ids["first"]], of[ids["later"]], of[ids["revised"]]}) == 3  # the rejection still stands
    rejected = store.incident_history().query("action == 'reject'").iloc[0]
    assert rejected["reason"] == "not one" and pd.isna(rejected["undone_at"])
    store.undo_incident_decision(int(rejected["id"]), editor="ana@example.org")
    of = _incidents(store)
    assert of[ids["first"]] == of[ids["revised"]] != of[ids["later"]]


def test_the_relink_command(tmp_path, capsys):
    from conflictmap.store import EventStore

    url = f"sqlite:///{tmp_path / 'events.db'}"
    store = EventStore(url)
    _ingest_all(store)
    before = _incidents(store)
    assert main(["incidents", "--relink", "--database", url]) == 0
    out = capsys.readouterr().out
    assert "4 events in 3 incidents" in out and "1 automatic joins" in out
    assert _incidents(EventStore(url)) == before
    assert main(["incidents", "--auto", "off", "--database", url]) == 0
    assert "4 events in 4 incidents" in capsys.readouterr().out


def test_the_json_dump_keeps_every_report_and_round_trips_incidents_and_decisions(store, tmp_path):
    from conflictmap.store import EventStore

    ids = _ingest_all(store)
    store.split_event(ids["revised"], editor="ana@example.org", reason="checking")
    store.join_incidents(ids["later"], ids["first"], editor="ana@example.org", reason="one bomb")
    dump = store.dump()
    assert {e["id"]: e["incident_id"] for e in dump["events"]} == _incidents(store)
    assert len(dump["events"]) == 4 and len(dump["claims"]) == 4  # every report's events and claims
    assert [d["action"] for d in dump["incident_decisions"]] == ["split", "join"]
    copy = EventStore(f"sqlite:///{tmp_path / 'copy.db'}")
    copy.load(dump)
    assert _incidents(copy) == _incidents(store)
    copy.relink_incidents()  # the decisions came along: relinking the copy gives the same incidents
    assert _incidents(copy) == _incidents(store)
    assert list(copy.incident_history()["action"]) == ["join", "split"]


def test_exports_have_one_row_per_incident_with_the_lowest_credible_figure(store):
    import csv
    import io
    import json

    from conflictmap import exchange

    _ingest_all(store)
    rows = list(csv.DictReader(io.StringIO(exchange.export_text(store, "acled"))))
    assert len(rows) == 3  # four events, three incidents
    douma = [r for r in rows if r["event_date"] == "2017-03-11" and "Douma" in r["location"]]
    assert len(douma) == 1 and douma[0]["fatalities"] == "12"
    assert "Syrian Observatory for Human Rights" in douma[0]["source"]
    assert "Violations Documentation Center" in douma[0]["source"]
    features = json.loads(exchange.export_text(store, "geojson"))["features"]
    assert len(features) == 3


def test_linking_each_report_as_it_comes_gives_what_a_full_relink_gives(store):
    import random

    rng = random.Random(4)
    towns = [("sy-rif-douma", "Douma", 33.572, 36.403, "Rif Dimashq"), ("sy-rif-harasta", "Harasta", 33.558, 36.365,
             "Rif Dimashq"), ("sy-alp-al-bab", "Al-Bab", 36.371, 37.516, "Aleppo")]
    for r in range(40):
        items = []
        for k in range(rng.choice((1, 2))):
            pid, name, lat, lon, admin = rng.choice(towns)
            day = None if rng.random() < 0.15 else f"2017-03-{rng.randrange(1, 12):02d}"
            items.append({"id": f"r{r}-{k}", "date": day, "event_type": rng.choice(["bombing", "explosion", "clash"]),
                          "quote": "made up", "place": {"id": pid, "name": name, "mention": name, "lat": lat,
                                                        "lon": lon, "precision": "town", "admin1": admin},
                          "claims": [{"source": "SOHR", "killed": rng.randrange(1, 30), "scope": "event",
                                      "quote": "made up"}]})
        store.ingest({"report": {"id": f"r{r}", "pub_date": "2017-03-12"}, "events": items})
    as_they_came = _incidents(store)
    assert len(set(as_they_came.values())) < len(as_they_came)
    store.relink_incidents()
    assert _incidents(store) == as_they_came


def test_a_report_whose_linking_fails_is_not_stored_half(store, monkeypatch):
    from conflictmap import incident

    _ingest_all(store, ("first",))
    before = store.counts()

    def broken(*args, **kwargs):
        raise RuntimeError("linker broke")

    monkeypatch.setattr(incident, "link", broken)
    try:
        store.ingest(_payload("revised"))
    except RuntimeError:
        pass
    else:
        raise AssertionError("the linker's failure was swallowed")
    assert store.counts() == before  # the report, its events and claims were rolled back with the linking


def test_the_shared_incident_set_ingested_in_any_order_gives_the_same_incidents(shared, tmp_path):
    import random

    from bench import incidents as shared_set
    from conflictmap.store import EventStore

    payloads = shared_set.reader_payloads(shared)
    results = []
    for seed in range(3):
        order = payloads[:]
        random.Random(seed).shuffle(order)
        store = EventStore(f"sqlite:///{tmp_path / f'order-{seed}.db'}")
        for payload in order:
            store.ingest(payload)
        frame = store.events_frame()
        results.append(sorted(sorted(group) for group in frame.groupby("incident_id")["id"].apply(list)))
        store.relink_incidents()
        assert _incidents(store) == dict(zip(frame["id"], frame["incident_id"]))
        store.dispose()
    assert results[0] == results[1] == results[2]
    assert any(len(group) > 1 for group in results[0])


# -- linking as data arrives and as editors re-place events ------------------------------------------------
def _event(event_id: str, *, place: dict, day: str = "2017-03-11", kind: str = "bombing", killed: int = 12) -> dict:
    return {"id": event_id, "date": day, "event_type": kind, "quote": "made up", "place": place,
            "claims": [{"source": "SOHR", "killed": killed, "scope": "event", "quote": "made up"}]}


DOUMA = {"id": "sy-rif-douma", "name": "Douma", "mention": "Douma", "lat": 33.572, "lon": 36.403, "precision": "town",
         "admin1": "Rif Dimashq"}
UNPLACED = {"id": None, "name": "Souq al-Hal", "mention": "Souq al-Hal", "lat": None, "lon": None, "precision": None,
            "admin1": None}


def _one_each(*items: tuple[str, dict]) -> list[dict]:
    return [{"report": {"id": report, "pub_date": "2017-03-12"}, "events": [item]} for report, item in items]


def test_an_import_links_its_events_with_each_other_and_with_what_was_stored(store):
    store.ingest(_one_each(("r-stored", _event("stored", place=DOUMA)))[0])
    result = store.import_payloads(_one_each(("r-a", _event("a", place=DOUMA, killed=14)),
                                             ("r-b", _event("b", place=DOUMA, kind="clash")),
                                             ("r-c", _event("c", place=DOUMA, day="2017-03-20"))))
    assert result.added == 3
    of = _incidents(store)
    assert of["a"] == of["stored"] and len({of["a"], of["b"], of["c"]}) == 3
    frame = store.events_frame().set_index("id")
    assert frame.loc["a", "incident_link"] == "auto" and "same place (Douma)" in frame.loc["a", "incident_reason"]
    store.relink_incidents()
    assert _incidents(store) == of  # what the import linked is what a full relink gives


def test_an_import_obeys_the_switch_and_the_editors_decisions(store):
    store.ingest(_one_each(("r-stored", _event("stored", place=DOUMA)))[0])
    store.ingest(_one_each(("r-told", _event("told", place=DOUMA)))[0])
    store.split_event("told", editor="ana@example.org", reason="two bombs that day")
    store.set_auto_joins(False, editor="ana@example.org", reason="we check every join")
    store.import_payloads(_one_each(("r-new", _event("new", place=DOUMA))))
    of = _incidents(store)
    assert len({of["stored"], of["told"], of["new"]}) == 3  # nothing joined on its own; the split stands
    asked = {tuple(sorted(p)) for p in store.proposals_frame()[["event_a", "event_b"]].itertuples(index=False)}
    assert ("new", "stored") in asked and ("stored", "told") not in asked
    store.set_auto_joins(True, editor="ana@example.org", reason="back on")
    of = _incidents(store)
    assert of["new"] in (of["stored"], of["told"]) and of["stored"] != of["told"]


def test_pinning_an_unplaced_name_links_its_events(store):
    store.import_payloads(_one_each(("r-a", _event("a", place=DOUMA)), ("r-b", _event("b", place=UNPLACED))))
    assert _incidents(store)["a"] != _incidents(store)["b"]  # a name no gazetteer knows: only proposed
    store.pin_place("name:souq al-hal", lat=33.575, lon=36.401, who="ana@example.org", name="Souq al-Hal",
                    precision="neighbourhood", admin1="Rif Dimashq", event_ids=["b"])
    frame = store.events_frame().set_index("id")
    assert frame.loc["a", "incident_id"] == frame.loc["b", "incident_id"]
    assert "Souq al-Hal lies in Douma" in frame.loc["b", "incident_reason"]
    # the pin moved to another governorate: the events part again
    store.pin_place("pin:souq al-hal", lat=36.2, lon=37.15, who="ana@example.org", admin1="Aleppo")
    assert _incidents(store)["a"] != _incidents(store)["b"]


def test_re_placing_an_event_relinks_it_and_its_former_incident(store):
    harasta = {**DOUMA, "id": "sy-rif-harasta", "name": "Harasta", "mention": "Harasta", "lat": 33.558, "lon": 36.365}
    store.import_payloads(_one_each(("r-a", _event("a", place=DOUMA)), ("r-b", _event("b", place=DOUMA))))
    assert _incidents(store)["a"] == _incidents(store)["b"]
    store.place_event("b", harasta)
    frame = store.events_frame().set_index("id")
    assert frame.loc["a", "incident_id"] != frame.loc["b", "incident_id"]
    assert pd.isna(frame.loc["a", "incident_link"]) and pd.isna(frame.loc["b", "incident_link"])


def test_an_editors_edit_relinks_but_never_undoes_an_editors_join(store):
    store.import_payloads(_one_each(("r-a", _event("a", place=DOUMA)), ("r-b", _event("b", place=DOUMA)),
                                    ("r-c", _event("c", place=DOUMA, day="2017-03-15"))))
    of = _incidents(store)
    assert of["a"] == of["b"] != of["c"]
    store.edit_events({"b": {"event_date": "2017-03-25"}}, editor="ana@example.org", reason="the report's date")
    of = _incidents(store)
    assert of["a"] != of["b"]  # an automatic join follows the data
    store.join_incidents("a", "c", editor="ana@example.org", reason="one bomb, dated late by one outlet")
    store.edit_events({"c": {"event_type": "clash", "event_date": "2017-04-30"}}, editor="bo@example.org")
    of = _incidents(store)
    assert of["a"] == of["c"]  # an editor's join stands whatever later edits say
    store.delete_event("c", editor="bo@example.org", reason="a duplicate")
    assert pd.isna(store.events_frame().set_index("id").loc["a", "incident_link"])  # alone again


def test_an_incident_told_across_a_windows_edge_counts_in_one_window_only(store):
    import csv
    import io
    import json

    from conflictmap import exchange
    from conflictmap.columns import EventColumns

    store.import_payloads(_one_each(("r-a", _event("a", place=DOUMA, day="2017-03-31", killed=20)),
                                    ("r-b", _event("b", place=DOUMA, day="2017-04-01", killed=26)),
                                    ("r-c", _event("c", place=DOUMA, day="2017-04-20", killed=3))))
    assert _incidents(store)["a"] == _incidents(store)["b"]  # a midnight bomb, dated a day apart
    march, april = (dt.date(2017, 3, 1), dt.date(2017, 3, 31)), (dt.date(2017, 4, 1), dt.date(2017, 4, 30))
    columns = EventColumns.from_frames(store.events_frame(), store.claims_frame())
    assert (columns.count(*march), columns.count(*april)) == (1, 1)  # the map: the incident in March, c in April
    exported = {}
    for name, window in (("march", march), ("april", april)):
        rows = list(csv.DictReader(io.StringIO(exchange.export_text(store, "acled", *window))))
        features = json.loads(exchange.export_text(store, "geojson", *window))["features"]
        assert len(rows) == len(features) == 1
        exported[name] = rows[0]
    assert exported["march"]["fatalities"] == "20"  # the lowest credible figure of both reports
    assert exported["april"]["fatalities"] == "3"
    everything = list(csv.DictReader(io.StringIO(exchange.export_text(store, "acled"))))
    assert len(everything) == 2


def test_a_dump_of_a_database_where_editors_make_every_join_keeps_it_so(store, tmp_path):
    from conflictmap.store import EventStore

    store.import_payloads(_one_each(("r-a", _event("a", place=DOUMA)), ("r-b", _event("b", place=DOUMA))))
    store.set_auto_joins(False, editor="ana@example.org", reason="we check every join")
    copy = EventStore(f"sqlite:///{tmp_path / 'copy.db'}")
    copy.load(store.dump())
    assert not copy.auto_joins() and _incidents(copy) == _incidents(store)
    assert _incidents(copy)["a"] != _incidents(copy)["b"]
    copy.relink_incidents()
    assert _incidents(copy) == _incidents(store)
    copy.dispose()


def test_merging_two_events_of_one_incident_leaves_one_event_alone_and_unmerging_relinks_them(store):
    store.import_payloads(_one_each(("r-a", _event("a", place=DOUMA)), ("r-b", _event("b", place=DOUMA))))
    store.merge_events("a", "b", editor="ana@example.org", reason="one event told twice")
    frame = store.events_frame().set_index("id")
    assert list(frame.index) == ["a"] and pd.isna(frame.loc["a", "incident_link"])
    store.unmerge_event("b", editor="ana@example.org")
    of = _incidents(store)
    assert of["a"] == of["b"]


def test_one_review_save_of_edits_and_deletions_relinks_once_for_all(store):
    store.import_payloads(_one_each(("r-a", _event("a", place=DOUMA)), ("r-b", _event("b", place=DOUMA)),
                                    ("r-c", _event("c", place=DOUMA, day="2017-03-14"))))
    assert _incidents(store)["a"] == _incidents(store)["b"] != _incidents(store)["c"]
    store.save_review({"c": {"event_date": "2017-03-11"}}, ["b"], editor="ana@example.org", reason="checked")
    frame = store.events_frame().set_index("id")
    assert frame.loc["a", "incident_id"] == frame.loc["c", "incident_id"] and "b" not in frame.index


def test_an_acled_row_and_a_report_of_one_clash_export_as_one_row_with_the_lowest_figure(store):
    import csv
    import io

    from synthetic import acled_row, csv_text

    from conflictmap.exchange import acled, export_text, import_file

    place = {"id": "p-1", "name": "Place 1", "mention": "Place 1", "lat": 33.501, "lon": 36.3, "precision": "town",
             "admin1": "Damascus"}
    store.ingest({"report": {"id": "r-wire", "pub_date": "2013-02-07"},
                  "events": [_event("wire", place=place, day="2013-02-06", kind="clash", killed=3)]}, publisher="Wire")
    report = import_file(store, csv_text([acled_row(1, fatalities=5), acled_row(2, latitude=34.9, location="Far")],
                                         acled.COLUMNS).encode(), "acled")
    assert report.result.added == 2  # linked as it was stored: no relink asked for
    of = _incidents(store)
    assert of["acled-SYN1"] == of["wire"] != of["acled-SYN2"]
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(export_text(store, "acled")))}
    assert set(rows) == {"SYN1", "SYN2"}
    assert rows["SYN1"]["fatalities"] == "3" and rows["SYN1"]["source"] == "Synthetic Monitor; SOHR"
    assert rows["SYN2"]["fatalities"] == "2" and rows["SYN2"]["source"] == "Synthetic Monitor"


def test_an_undated_event_is_relinked_against_its_whole_place_whatever_the_window(store):
    """An undated event joins only the one happening it can be (incident.sole_fits), so a relink around a new
    report reads every event of the undated one's blocks, at any date: it then gives what a full relink gives."""
    elsewhere = {**DOUMA, "id": "sy-alp-al-bab", "name": "Al-Bab", "mention": "Al-Bab", "lat": 36.371, "lon": 37.516,
                 "admin1": "Aleppo"}  # events enough that a relink around one report is not a full one
    store.import_payloads(_one_each(("r-march", _event("march", place=DOUMA)),
                                    ("r-sept", _event("sept", place=DOUMA, day="2017-09-01")),
                                    *((f"r-far-{k}", _event(f"far-{k}", place=elsewhere, day=f"2017-05-{k * 5 + 1:02d}"))
                                      for k in range(4))))
    store.ingest({"report": {"id": "r-undated", "pub_date": None},
                  "events": [{**_event("undated", place=DOUMA), "date": None}]})
    of = _incidents(store)
    assert len({of["march"], of["sept"], of["undated"]}) == 3  # two happenings it fits: an editor is asked
    assert {tuple(sorted(p)) for p in store.proposals_frame()[["event_a", "event_b"]].values.tolist()} \
        >= {("march", "undated"), ("sept", "undated")}
    store.ingest(_one_each(("r-june", _event("june", place=DOUMA, day="2017-06-15")))[0])  # March, Sept: far off
    as_it_came = _incidents(store)
    assert as_it_came["undated"] not in (as_it_came["june"], as_it_came["march"], as_it_came["sept"])
    store.relink_incidents()
    assert _incidents(store) == as_it_came


def test_reports_with_and_without_dates_over_months_link_as_they_come_as_a_full_relink_links(store):
    """Sole fits depend on what else a place holds at any date: ingesting report by report (each relinking only
    its neighbourhood) must still give what one full relink gives."""
    import random

    rng = random.Random(11)
    towns = [("sy-rif-douma", "Douma", 33.572, 36.403, "Rif Dimashq", "town"),
             ("sy-dam-damascus", "Damascus", 33.5102, 36.29128, "Damascus", "city"),
             ("sy-alp-al-bab", "Al-Bab", 36.371, 37.516, "Aleppo", "town")]
    for r in range(36):
        published = None if rng.random() < 0.25 else dt.date(2017, 1, 1) + dt.timedelta(days=rng.randrange(0, 120))
        items = []
        for k in range(rng.choice((1, 2))):
            pid, name, lat, lon, admin, precision = rng.choice(towns)
            day = None
            if published and rng.random() < 0.6:
                day = (published - dt.timedelta(days=rng.randrange(0, 3))).isoformat()
            items.append({"id": f"r{r}-{k}", "date": day, "event_type": rng.choice(["bombing", "explosion"]),
                          "quote": "made up", "place": {"id": pid, "name": name, "mention": name, "lat": lat,
                                                        "lon": lon, "precision": precision, "admin1": admin},
                          "claims": [{"source": "SOHR", "killed": rng.choice((3, 12, 14, 40)), "scope": "event",
                                      "quote": "made up"}]})
        store.ingest({"report": {"id": f"r{r}", "pub_date": published and published.isoformat()}, "events": items})
    as_they_came = _incidents(store)
    assert len(set(as_they_came.values())) < len(as_they_came)
    store.relink_incidents()
    assert _incidents(store) == as_they_came


DAMASCUS = {"id": "sy-dam-damascus", "name": "Damascus", "mention": "Damascus", "lat": 33.5102, "lon": 36.29128,
            "precision": "city", "admin1": "Damascus"}


def test_the_day_an_undated_report_names_is_stored_and_picks_its_happening(store):
    """A report without a date tells of a bombing "on Saturday": it joins the Saturday bombing (11 March 2017),
    not the Wednesday one (15 March), as it is ingested and on a full relink; the words survive storage."""
    store.import_payloads(_one_each(("r-sat", _event("sat", place=DAMASCUS, killed=40)),
                                    ("r-wed", _event("wed", place=DAMASCUS, day="2017-03-15", killed=32))))
    store.ingest({"report": {"id": "r-undated", "pub_date": None},
                  "events": [{**_event("undated", place=DAMASCUS, killed=40), "date": None,
                              "date_text": "saturday"}]})
    of = _incidents(store)
    assert of["undated"] == of["sat"] != of["wed"]
    reason = store.events_frame().set_index("id").loc["undated", "incident_reason"]
    assert "is the Saturday its report names" in reason
    store.relink_incidents()
    assert _incidents(store) == of


def test_an_unplaced_name_whose_stored_sentence_names_the_city_joins_it(store):
    karada = {**UNPLACED, "name": "Karada", "mention": "Karada"}
    store.import_payloads(_one_each(("r-city", _event("city", place={**DAMASCUS}, killed=80))))
    store.ingest({"report": {"id": "r-karada", "pub_date": "2017-03-12"},
                  "events": [{**_event("karada", place=karada, killed=86),
                              "quote": "A truck blew up in Karada in the center of Damascus, killing 86."}]})
    store.ingest({"report": {"id": "r-other", "pub_date": "2017-03-12"},
                  "events": [{**_event("other", place={**karada, "name": "Kafr Susa", "mention": "Kafr Susa"},
                                       killed=86), "quote": "A truck blew up in Kafr Susa, killing 86."}]})
    of = _incidents(store)
    assert of["karada"] == of["city"] != of["other"]
    store.relink_incidents()
    assert _incidents(store) == of
