"""The map's files: the events' columns where the dashboard serves them, written once per data version.

The dashboard serves one folder (``folder()``) as static files. The browser
fetches the events' columns from it once per data version (binary typed
arrays, gzipped once when written: ``columns.EventColumns.to_binary``), a filter's mask
once per filter, and Leaflet with the canvas layer's library (one file) and the country outlines
once (``fastlayer.fast_map(files=...)``). Files are named by their content's hash and written by
rename, so several server processes and writers can share the folder. Whoever
changes the data (``import``, ``ingest``, the Ingest page) prepares the new
version's files, so the first analyst to open the map afterwards does not
wait for them to be built. The server's own columns are written beside them
(``columns-….bin``, uncompressed) and memory-mapped by a server that starts on
that data version (``load_columns``), so a restart does not rebuild them. A server
that finds no files for its data version (after an edit, say) has a child process
build and write them (``prepare_in_child``) and maps what it wrote.

The files of a data version are found through an index named by the hash of
the database URL and ``EventStore.data_version()``, which changes with every
import, ingest, edit and pin: files of older data are never found under a
newer version. A file that is missing or does not read back whole (its name
is the hash of its content) counts as not written, and is written again.
"""
from __future__ import annotations

import gzip
import hashlib
import mmap
import os
import subprocess
import sys
import time
from pathlib import Path

from conflictmap.columns import EventColumns

PARTS = ("core", "detail")
SERVER_PART = "server"
GZIP_LEVEL = 9  # written once per data version, fetched by every browser: the smallest file is worth the time
KEEP_OLD_S = 86_400  # a page opened before an import may still fetch the older files
MASK_PATTERN = "mask-{}.json"
MAX_MASKS = 256  # filter masks kept (about 4 MB at 100,000 events); the least recently used go first
CHILD_TIMEOUT_S = 1800  # a child that has not prepared the files by then is given up (1,000,000 events: about a minute)
_CHILD = ("import os\nfrom conflictmap import mapfiles\nfrom conflictmap.store import EventStore\n"
          "mapfiles.prepare(EventStore(os.environ['CONFLICTMAP_DATABASE_URL']))")


def folder() -> Path:
    """``CONFLICTMAP_CACHE_DIR`` (or ~/.cache/conflictmap)/map, made if missing."""
    explicit = os.environ.get("CONFLICTMAP_CACHE_DIR")
    base = Path(explicit) if explicit else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "conflictmap"
    path = base / "map"
    path.mkdir(parents=True, exist_ok=True)
    return path


def published(url: str, version: tuple) -> tuple[str, str] | None:
    """The names of the columns' browser files already written for this database and data version, if all are there.

    Each is checked against the hash in its name (a few milliseconds at 100,000 events), so a file cut
    short or overwritten is not served; it is written again.
    """
    names = _indexed(url, version)
    if names is None or not all(_whole(folder() / name) for name in names[:len(PARTS)]):
        return None
    return names[0], names[1]


def publish_columns(url: str, version: tuple, columns: EventColumns) -> tuple[str, str]:
    """Write the columns' browser parts, the server's columns and the index that finds them; returns the
    browser parts' names.

    The browser parts are gzipped once here (``GZIP_LEVEL``) and served as they are: Streamlit's server
    sends a ``.gz`` file as ``application/gzip`` without compressing it again, and the browser inflates
    it (``DecompressionStream``). The JSON columns before them were gzipped by the server on every request.
    """
    names = [publish_bytes(columns.to_binary(part), f"events-{{}}.{part}.bin.gz", compress=True) for part in PARTS]
    names.append(publish_bytes(columns.to_binary(SERVER_PART), "columns-{}.bin"))
    index = _index(url, version)
    _write(index, " ".join(names))
    prune(keep=set(names) | {index.name})
    return names[0], names[1]


def load_columns(url: str, version: tuple) -> EventColumns | None:
    """The server's columns written for this database and data version, memory-mapped; None when there are
    none, or the file is missing, cut short or not the columns (the caller builds them and publishes again).

    The arrays are views of the map: the operating system keeps in memory the pages a window, a filter
    or a listing touches, shared between the server processes that open the same file.
    """
    names = _indexed(url, version)
    if names is None or len(names) <= len(PARTS):
        return None
    path = folder() / names[len(PARTS)]
    if not _whole(path):
        return None
    try:
        with open(path, "rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        return EventColumns.from_binary(mapped)
    except (OSError, ValueError):
        return None


def prepare(store) -> tuple[str, str]:  # noqa: ANN001 - an EventStore
    """The current data version's files, written now unless they already are (after an import, say)."""
    version = store.data_version()
    if published(store.url, version) and load_columns(store.url, version) is not None:
        return published(store.url, version)
    return publish_columns(store.url, version, EventColumns.from_rows(*store.map_rows()))


def prepare_in_child(url: str, *, timeout: float = CHILD_TIMEOUT_S) -> bool:
    """``prepare`` for the database at ``url`` in a child process (this Python, ``python -c``): True once it
    has ended well (its files are written), False when it could not run or failed (the caller builds them).

    Building reads every event into Python objects: at 1,000,000 events ``prepare`` peaks at 3.2 GB, and a
    long-lived server that builds the columns itself keeps much of that (563 MB with three sessions, where
    a server that mapped the prepared files held 362 MB; BENCHMARKS.md, "The map at 1,000,000 events in
    the browser"). A child hands all of it back when it ends. The URL travels in the child's environment,
    not on its command line (which other users of the machine can list), and nothing the child prints is
    kept or shown: an error there may name the database.
    """
    package_root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "CONFLICTMAP_DATABASE_URL": url,
           "PYTHONPATH": os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p)}
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def publish_bytes(data: bytes, pattern: str, *, compress: bool = False) -> str:
    """Write ``data`` (gzipped when ``compress``) under a name made from the hash of what is written.

    ``pattern`` has one ``{}``. The gzip header carries no time, so the same columns give the same name.
    """
    if compress:
        data = gzip.compress(data, GZIP_LEVEL, mtime=0)
    name = pattern.format(_digest(data))
    if not _whole(folder() / name):
        _write_bytes(folder() / name, data)
    return name


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
        if path.name not in keep and path.suffix in (".json", ".txt", ".gz", ".bin") \
                and now - path.stat().st_mtime > age_s:
            path.unlink(missing_ok=True)


def _indexed(url: str, version: tuple) -> list[str] | None:
    index = _index(url, version)
    try:
        names = index.read_text(encoding="utf-8").split()
    except FileNotFoundError:
        return None
    return names if len(names) >= len(PARTS) else None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _whole(path: Path) -> bool:
    """Whether a file written by ``publish_bytes`` is there and still holds what its name says."""
    stem = path.name.split(".", 1)[0]
    expected = stem.split("-", 1)[1] if "-" in stem else ""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return False
    return digest.hexdigest()[:16] == expected


def _index(url: str, version: tuple) -> Path:
    return folder() / f"version-{hashlib.sha256(repr((url, version)).encode()).hexdigest()[:16]}.txt"


def _write(target: Path, text: str) -> None:
    """Write by rename, so a browser or another process never reads half a file."""
    _write_bytes(target, text.encode("utf-8"))


def _write_bytes(target: Path, data: bytes) -> None:
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    partial.replace(target)
