"""The map's files: written once per data version, found again by any process, prepared by whoever writes data."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conflictmap import mapfiles
from conflictmap.columns import EventColumns, unpack

ROOT = Path(__file__).resolve().parent.parent


def _read(path: Path) -> dict:
    """A browser part as the layer reads it (static/fastlayer.js: inflate, readColumns): header and arrays."""
    header, arrays = unpack(gzip.decompress(path.read_bytes()))
    return {**header, **{name: values.tolist() for name, values in arrays.items()}}


def _payload(report: str, n: int, kind: str = "clash") -> dict:
    return {"report": {"id": report, "pub_date": "2013-02-07"},
            "events": [{"id": f"{report}-{k}", "date": f"2013-02-0{k}", "event_type": kind, "quote": "made up",
                        "place": {"id": "sy-x", "name": "Jobar", "mention": "Jobar", "lat": 33.53, "lon": 36.34,
                                  "precision": "neighbourhood"},
                        "claims": [{"source": "SOHR", "killed": k, "scope": "event", "quote": "made up"}]}
                       for k in range(1, n + 1)]}


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFLICTMAP_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "map"


def test_prepared_files_are_found_again_and_hold_the_columns(store, cache):
    store.ingest(_payload("r1", 3))
    names = mapfiles.prepare(store)
    assert mapfiles.published(store.url, store.data_version()) == names
    core = _read(cache / names[0])
    expected = EventColumns.from_rows(*store.map_rows()).to_payload("core")
    assert [core[k] for k in ("first_day", "day_delta", "place", "type", "size")] == \
        [expected[k] for k in ("first_day", "day_delta", "place", "type", "size")] and len(core["place"]) == 3
    assert mapfiles.prepare(store) == names  # nothing new to write

    store.ingest(_payload("r2", 2, "airstrike"))  # a new data version (other incidents): not published until prepared
    assert mapfiles.published(store.url, store.data_version()) is None
    newer = mapfiles.prepare(store)
    assert newer != names and len(_read(cache / newer[0])["place"]) == 5
    assert (cache / names[0]).exists()  # an open page may still fetch the older files


def test_a_missing_part_means_not_published(store, cache):
    store.ingest(_payload("r1", 2))
    names = mapfiles.prepare(store)
    (cache / names[1]).unlink()
    assert mapfiles.published(store.url, store.data_version()) is None


def test_the_server_maps_the_columns_written_for_its_data_version(store, cache):
    store.ingest(_payload("r1", 3))
    mapfiles.prepare(store)
    built = EventColumns.from_rows(*store.map_rows())
    loaded = mapfiles.load_columns(store.url, store.data_version())
    assert loaded is not None and not loaded.day.flags.owndata  # a view of the mapped file, not a copy
    assert [str(i) for i in loaded.ids] == [str(i) for i in built.ids] and list(loaded.lines) == built.lines
    assert loaded.to_payload() == built.to_payload()  # what the browser would be sent, from the mapped file


def test_stale_columns_are_never_served_after_the_data_changes(store, cache):
    store.ingest(_payload("r1", 3))
    old = mapfiles.prepare(store)
    store.ingest(_payload("r2", 2, "airstrike"))  # new data: the old version's files stay for open pages
    version = store.data_version()
    assert mapfiles.published(store.url, version) is None and mapfiles.load_columns(store.url, version) is None
    new = mapfiles.prepare(store)
    assert new != old and len(mapfiles.load_columns(store.url, version)) == 5
    event = store.events_frame()["id"].iloc[0]
    store.edit_events({event: {"event_type": "shelling"}}, editor="ana@example.org")  # an edit
    assert store.data_version() != version and mapfiles.load_columns(store.url, store.data_version()) is None


@pytest.mark.parametrize("damage", ["missing", "truncated", "overwritten"])
def test_a_missing_or_corrupt_file_is_written_again(store, cache, damage):
    store.ingest(_payload("r1", 3))
    names = mapfiles.prepare(store)
    index = (cache / mapfiles._index(store.url, store.data_version()).name).read_text().split()
    for name in (names[0], index[2]):  # a browser part and the server's columns
        path = cache / name
        if damage == "missing":
            path.unlink()
        elif damage == "truncated":
            path.write_bytes(path.read_bytes()[:40])
        else:
            data = bytearray(path.read_bytes())
            data[-1] ^= 0xFF
            path.write_bytes(bytes(data))
    version = store.data_version()
    assert mapfiles.published(store.url, version) is None and mapfiles.load_columns(store.url, version) is None
    assert mapfiles.prepare(store) == names  # the same content, written whole again
    assert len(_read(cache / names[0])["place"]) == 3 and len(mapfiles.load_columns(store.url, version)) == 3


def test_the_import_command_prepares_the_map(tmp_path, cache):
    from conflictmap import exchange
    from conflictmap.store import EventStore

    origin = EventStore(f"sqlite:///{tmp_path / 'origin.sqlite'}")
    origin.ingest(_payload("r1", 4))
    source = tmp_path / "events.json"
    source.write_text(exchange.export_text(origin, "json", None, None), encoding="utf-8")
    origin.dispose()
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    env = {"CONFLICTMAP_CACHE_DIR": str(cache.parent), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "conflictmap", "import", str(source), "--format", "json",
                           "--database", url],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    store = EventStore(url)
    try:
        names = mapfiles.published(store.url, store.data_version())
        assert names is not None and len(_read(cache / names[0])["place"]) == 4
        assert mapfiles.load_columns(store.url, store.data_version()) is not None  # the server's part too
    finally:
        store.dispose()


def test_filter_masks_are_capped_and_the_least_recently_used_go_first(cache, monkeypatch):
    """Every distinct filter a visitor tries leaves a mask: the folder holds at most MAX_MASKS of them."""
    import os
    import time

    monkeypatch.setattr(mapfiles, "MAX_MASKS", 5)
    names = []
    for n in range(12):
        names.append(mapfiles.publish_mask(json.dumps({"bits": n})))
        stamp = time.time() - 1000 + n  # distinct ages without sleeping
        os.utime(cache / names[-1], (stamp, stamp))
        if n == 3:
            mapfiles.publish_mask(json.dumps({"bits": 0}))  # the first filter is used again: it is recent now
            os.utime(cache / names[0], (stamp + 0.5, stamp + 0.5))
    left = sorted(p.name for p in cache.glob("mask-*.json"))
    assert len(left) == 5
    assert names[0] not in left and names[-1] in left and names[1] not in left
    again = mapfiles.publish_mask(json.dumps({"bits": 1}))  # a dropped mask comes back when used
    assert again == names[1] and (cache / again).exists() and len(list(cache.glob("mask-*.json"))) == 5


def test_the_upload_limit_is_the_smallest_the_ingest_page_allows():
    import math
    import tomllib

    from conflictmap.exchange.upload import MAX_BYTES

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == math.ceil(MAX_BYTES / 1_048_576)


def test_a_child_process_prepares_the_files_this_process_then_maps(tmp_path, cache, monkeypatch):
    """The columns are read and built in the child (this process never reads the events), and this process
    maps what it wrote; a child that cannot open the database says so by returning False."""
    from conflictmap.store import EventStore

    url = f"sqlite:///{tmp_path / 'events.db'}"
    writer = EventStore(url)
    writer.ingest(_payload("r1", 3))
    monkeypatch.setattr(EventStore, "map_rows", lambda self: pytest.fail("the events were read in this process"))
    assert mapfiles.load_columns(url, writer.data_version()) is None
    assert mapfiles.prepare_in_child(url)
    columns = mapfiles.load_columns(url, writer.data_version())
    assert columns is not None and sorted(columns.ids) == ["r1-1", "r1-2", "r1-3"]
    assert mapfiles.published(url, writer.data_version()) is not None  # the browser's parts too
    writer.dispose()
    (tmp_path / "garbage.db").write_bytes(b"not a database, " * 100)
    assert not mapfiles.prepare_in_child(f"sqlite:///{tmp_path / 'garbage.db'}")
