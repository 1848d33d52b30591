"""The benchmarks' synthetic events stay loadable: a generator that no longer fits the store breaks every figure."""
from __future__ import annotations

from bench import synth
from conflictmap.mapview import TYPE_COLOURS
from conflictmap.store import EventStore


def test_synthetic_types_are_the_maps_types():
    assert set(synth.TYPES) <= set(TYPE_COLOURS)


def test_synthetic_events_land_and_say_so(tmp_path):
    url = f"sqlite:///{tmp_path / 'synthetic.db'}"
    synth.build(60, url)
    store = EventStore(url)
    try:
        events = store.events_frame()
        assert len(events) == 60
        assert set(events["event_type"]) <= set(TYPE_COLOURS)
        assert len(set(events["event_type"])) > 3
        claims = store.claims_frame(events["id"].tolist())
        assert claims.groupby("event_id").size().between(2, 4).all()
        assert claims["quote"].str.contains(synth.LABEL).all()
    finally:
        store.dispose()
