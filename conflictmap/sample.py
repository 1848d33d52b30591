"""The bundled sample: the events of the report conflictmap started from.

A new user opens the dashboard on something real without a network or a
report of their own. The sample keeps facts and our own notes, never the
report's text; coordinates come from the gazetteer, so there is one source
of truth for where a place is.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conflictmap.places.gazetteer import Gazetteer
from conflictmap.store import EventStore, IngestResult, local_url

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "seed"


def sample_payload(path: Path, gazetteer: Gazetteer) -> dict[str, Any]:
    """A sample file as the ``extract`` JSON that ``EventStore.ingest`` takes.

    Raises ValueError naming a place the gazetteer does not know, so a typo
    in the sample cannot silently drop an event.
    """
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    report = dict(raw["report"])
    events = []
    for n, item in enumerate(raw["events"], start=1):
        events.append({
            "id": f"{report['id']}-{n}",
            "date": item.get("date"),
            "event_type": item["event_type"],
            "types": item.get("types", [item["event_type"]]),
            "place": _place(item, gazetteer, f"{Path(path).name}: event {n}"),
            "claims": [_claim(c, item.get("date")) for c in item.get("claims", [])],
            "quote": item.get("note", ""),
        })
    nationwide = [_claim(c, c.get("date")) for c in raw.get("nationwide_claims", [])]
    return {"report": report, "events": events, "nationwide_claims": nationwide}


def _place(item: dict[str, Any], gazetteer: Gazetteer, where: str) -> dict[str, Any]:
    """The place of a sample event; one marked ``unresolved`` is kept unplaced, to be pinned."""
    mention = item.get("mention", item["place"])
    match = gazetteer.geocode(item["place"])
    if match is None:
        if not item.get("unresolved"):
            raise ValueError(f"{where}: place {item['place']!r} is not in the gazetteer")
        return {"id": None, "name": item["place"], "display_name": item["place"], "mention": mention,
                "lat": None, "lon": None, "precision": None, "admin1": None, "coord_source": None}
    place = match.place
    return {"id": place.id, "name": place.name, "display_name": place.display_name, "mention": mention,
            "lat": place.lat, "lon": place.lon, "precision": place.precision.value, "admin1": place.admin1,
            "coord_source": place.source}


def _claim(raw: dict[str, Any], date: str | None) -> dict[str, Any]:
    claim = {k: v for k, v in raw.items() if k != "note"}
    claim["quote"] = raw.get("note", "")
    claim.setdefault("date", date)
    return claim


def fills(url: str) -> bool:
    """Whether the dashboard, about to open the database at ``url``, should put the sample into it.

    Only when it is the local default database (``store.local_url``: no
    database URL is configured) and its file does not exist yet: the
    dashboard's first start on a new machine shows something real. A database
    the analyst named (a team's PostgreSQL, a file in
    ``CONFLICTMAP_DATABASE_URL``) or one the command line created (``import``,
    ``ingest``, even when every row was refused) is theirs, and never gets
    sample events they did not ask for.
    """
    local = local_url()
    return url == local and not Path(local.removeprefix("sqlite:///")).exists()


def load_samples(store: EventStore, gazetteer: Gazetteer, folder: Path = SAMPLE_DIR) -> list[IngestResult]:
    """Store every sample file; already stored samples are left as they are."""
    return [store.ingest(sample_payload(path, gazetteer)) for path in sorted(Path(folder).glob("*.json"))]
