"""Pins: an analyst puts an unplaced name on the map, or moves a place that sits in the wrong spot.

A pin keeps who set it, when, and the previous position (``EventStore.pin_place``);
the chain (``conflictmap.places.chain``) uses it before anything else from then on.
"""
from __future__ import annotations

from typing import Any

from conflictmap.places.gazetteer import name_key
from conflictmap.store import EventStore

LOCAL_EDITOR = "local editor"


def pin(store: EventStore, mention_or_place_id: str, *, lat: float, lon: float, who: str | None = None,
        precision: str = "town", name: str | None = None, admin1: str | None = None) -> dict[str, Any]:
    """Pin a stored place id, or an unplaced name (every unplaced event so named is placed there).

    Used by the dashboard and ``python -m conflictmap pin``; ``who`` is
    "local editor" when no sign-in is configured.
    """
    who = who or LOCAL_EDITOR
    target = mention_or_place_id
    event_ids = None
    known = set(store.events_frame()["place_id"].dropna())
    if target not in known:
        key = name_key(target)
        target = f"name:{key}"
        unplaced = store.unresolved_events()
        event_ids = [r.id for r in unplaced.itertuples(index=False) if name_key(r.place_mention) == key]
        name = name or mention_or_place_id
    return store.pin_place(target, lat=lat, lon=lon, who=who, name=name, precision=precision, admin1=admin1,
                           event_ids=event_ids)


def pin_targets(store: EventStore) -> dict[str, str]:
    """What an analyst can pin, label → target: unplaced names first, then every stored place."""
    targets: dict[str, str] = {}
    unplaced = store.unresolved_events()
    for mention, group in unplaced.groupby("place_mention", sort=True):
        targets[f"{mention} (unplaced, {len(group)} event(s))"] = str(mention)
    placed = store.events_frame().dropna(subset=["place_id"]).drop_duplicates("place_id")
    for row in placed.sort_values("display_name").itertuples(index=False):
        targets[f"{row.display_name} ({row.lat:.5f}, {row.lon:.5f}) [{row.place_id}]"] = str(row.place_id)
    return targets
