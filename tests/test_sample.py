"""The bundled sample: facts from the seed report, consistent with its gold reading."""
from __future__ import annotations

from conflictmap.places.gazetteer import name_key
from conflictmap.sample import SAMPLE_DIR, load_samples, sample_payload
from conflictmap.store import EventStore

SAMPLE = SAMPLE_DIR / "damascus-2013-02-06.json"


def test_sample_agrees_with_the_gold_reading(gazetteer, seed_gold):
    payload = sample_payload(SAMPLE, gazetteer)
    by_key = {name_key(e["place"]["name"]): e for e in payload["events"]}
    for gold in seed_gold["events"]:
        keys = {name_key(a) for a in gold["accept"] + [gold["place"]]}
        event = next(e for k, e in by_key.items() if k in keys)
        assert event["date"] == gold["date"] and event["event_type"] in gold["types"], gold["place"]
    figures = sorted((c["source"], c.get("killed")) for e in payload["events"] for c in e["claims"])
    figures += [(c["source"], c.get("killed")) for c in payload["nationwide_claims"]]
    gold_figures = [c.get("killed") for e in seed_gold["events"] for c in e["claims"]]
    assert sorted(f for _, f in figures if f) == sorted(f for f in gold_figures if f)


def test_sample_keeps_no_sentence_of_the_report(seed_report):
    text = seed_report.read_text(encoding="utf-8")
    sample = SAMPLE.read_text(encoding="utf-8")
    words = text.split()
    # No run of twelve words of the report appears in the bundled file.
    for i in range(len(words) - 12):
        assert " ".join(words[i:i + 12]) not in sample


def test_loading_twice_adds_nothing(tmp_path, gazetteer):
    store = EventStore(f"sqlite:///{tmp_path / 's.db'}")
    first = load_samples(store, gazetteer)
    assert [r.added for r in first] == [True]
    assert store.counts()["events"] == 8
    assert [r.added for r in load_samples(store, gazetteer)] == [False]
    assert store.counts()["events"] == 8
    events = store.events_frame().set_index("place_mention")
    assert events["lat"].notna().all()  # every place the report names has published coordinates
    assert events.loc["Abbasiyeen", "place_id"] == "sy-dam-abbasiyyin"


def test_only_the_dashboards_own_new_local_database_gets_the_sample(tmp_path, monkeypatch):
    from conflictmap.sample import fills
    from conflictmap.store import local_url

    monkeypatch.setenv("CONFLICTMAP_HOME", str(tmp_path / "home"))
    assert fills(local_url())  # the first start on a new machine
    assert not fills(f"sqlite:///{tmp_path / 'mine.db'}")  # a database the analyst named
    assert not fills("postgresql://team@db.example.org/conflictmap")
    EventStore(local_url()).dispose()  # the command line created it (an import that refused every row, say)
    assert not fills(local_url())


def _cli(args: list[str], home) -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if k != "CONFLICTMAP_DATABASE_URL"}
    env.update(CONFLICTMAP_HOME=str(home), CONFLICTMAP_GEOCODER="off")
    subprocess.run([sys.executable, "-m", "conflictmap", *args], env=env, cwd=Path(__file__).resolve().parent.parent,
                   capture_output=True, text=True, timeout=300)


def test_a_database_made_by_import_never_fills_with_the_sample(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    import streamlit as st

    from conflictmap.store import local_url

    bad = tmp_path / "refused.csv"
    bad.write_text("event_id_cnty,event_date\nX1,not a date\n", encoding="utf-8")  # every row refused
    _cli(["import", str(bad), "--format", "acled"], tmp_path)
    monkeypatch.delenv("CONFLICTMAP_DATABASE_URL", raising=False)
    monkeypatch.setenv("CONFLICTMAP_HOME", str(tmp_path))
    st.cache_resource.clear()
    root = SAMPLE_DIR.parent.parent
    app = AppTest.from_file(str(root / "app.py"), default_timeout=60).run()
    st.cache_resource.clear()
    assert not app.exception
    assert EventStore(local_url()).counts()["events"] == 0
    assert any("No dated events yet" in i.value for i in app.info)
