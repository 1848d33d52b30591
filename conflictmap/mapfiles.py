"""The map's files: the events' columns where the dashboard serves them, written once per data version.

The dashboard serves one folder (``folder()``) as static files. The browser
fetches the events' columns from it once per data version, a filter's mask
once per filter, and the canvas layer's library and the country outlines
once (``fastlayer.fast_map(files=...)``). Files are named by their content's hash and written by
rename, so several server processes and writers can share the folder. Whoever
changes the data (``import``, ``ingest``, the Ingest page) prepares the new
version's files, so the first analyst to open the map afterwards does not
wait for them to be built.
"""
from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from conflictmap.columns import EventColumns

PARTS = ("core", "detail")
KEEP_OLD_S = 86_400  # a page opened before an import may still fetch the older files
MASK_PATTERN = "mask-{}.json"
MAX_MASKS = 256  # filter masks kept (about 4 MB at 100,000 events); the least recently used go first


def folder() -> Path:
    """``CONFLICTMAP_CACHE_DIR`` (or ~/.cache/conflictmap)/map, made if missing."""
    explicit = os.environ.get("CONFLICTMAP_CACHE_DIR")
    base = Path(explicit) if explicit else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "conflictmap"
    path = base / "map"
    path.mkdir(parents=True, exist_ok=True)
    return path


def published(url: str, version: tuple) -> tuple[str, str] | None:
    """The names of the columns' files already written for this database and data version, if all are there."""
    index = _index(url, version)
    if not index.exists():
        return None
    names = index.read_text(encoding="utf-8").split()
    if len(names) != len(PARTS) or not all((folder() / name).exists() for name in names):
        return None
    return names[0], names[1]


def publish_columns(url: str, version: tuple, columns: EventColumns) -> tuple[str, str]:
    """Write the columns' parts and the index that finds them under this data version; returns the names."""
    names = [publish_text(columns.to_json(part), f"events-{{}}.{part}.json") for part in PARTS]
    index = _index(url, version)
    _write(index, " ".join(names))
    prune(keep=set(names) | {index.name})
    return names[0], names[1]


def prepare(store) -> tuple[str, str]:  # noqa: ANN001 - an EventStore
    """The current data version's files, written now unless they already are (after an import, say)."""
    version = store.data_version()
    return published(store.url, version) or publish_columns(store.url, version,
                                                             EventColumns.from_rows(*store.map_rows()))


def publish_text(text: str, pattern: str) -> str:
    """Write ``text`` under a name made from its hash (``pattern`` has one ``{}``); returns the name."""
    name = pattern.format(hashlib.sha256(text.encode()).hexdigest()[:16])
    if not (folder() / name).exists():
        _write(folder() / name, text)
    return name


def publish_mask(text: str) -> str:
    """Write a filter's mask (``text``) like ``publish_text``, keeping at most ``MAX_MASKS`` of them.

    Every distinct filter a visitor tries leaves a mask file (17 KB at
    100,000 events), so the folder is an LRU cache: a mask used again is
    touched, and writing a new one drops the least recently used beyond the
    cap. A dropped mask is written again the next time its filter is used.
    """
    name = MASK_PATTERN.format(hashlib.sha256(text.encode()).hexdigest()[:16])
    path = folder() / name
    if path.exists():
        try:
            os.utime(path)
        except FileNotFoundError:  # dropped by another process just now: write it again below
            pass
        else:
            return name
    _write(path, text)
    masks = sorted(folder().glob(MASK_PATTERN.format("*")), key=_mtime)
    for old in masks[:max(0, len(masks) - MAX_MASKS)]:
        if old.name != name:
            old.unlink(missing_ok=True)
    return name


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


def prune(keep: set[str], age_s: float = KEEP_OLD_S) -> None:
    """Drop files of older data versions once they are a day old."""
    now = time.time()
    for path in folder().iterdir():
        if path.name not in keep and path.suffix in (".json", ".txt") and now - path.stat().st_mtime > age_s:
            path.unlink(missing_ok=True)


def _index(url: str, version: tuple) -> Path:
    return folder() / f"version-{hashlib.sha256(repr((url, version)).encode()).hexdigest()[:16]}.txt"


def _write(target: Path, text: str) -> None:
    """Write by rename, so a browser or another process never reads half a file."""
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)
