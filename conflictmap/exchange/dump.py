"""conflictmap's own JSON dump: a lossless copy of the database (or a date window), and reading it back.

``EventStore.dump`` writes every table's rows; ``load`` reads them in one
transaction, leaving reports already stored as they are, so a dump read
back into the database it came from changes nothing.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import IO

from conflictmap.exchange.rows import ImportFileError, read_source
from conflictmap.store import EventStore, ImportResult


def text(store: EventStore, start: dt.date | None = None, end: dt.date | None = None) -> str:
    """The dump as JSON text (UTF-8, one-space indent, a final newline)."""
    return json.dumps(store.dump(start, end), ensure_ascii=False, indent=1) + "\n"


def load(store: EventStore, source: str | Path | IO[str] | IO[bytes] | bytes) -> ImportResult:
    """Read a dump into ``store``; ``ImportFileError`` says why a file is not one."""
    body, _, name = read_source(source)
    try:
        dump = json.loads(body)
    except json.JSONDecodeError as exc:
        raise ImportFileError(f"{name}, line {exc.lineno}: not JSON ({exc.msg})") from None
    if not isinstance(dump, dict):
        raise ImportFileError(f"{name}: not a conflictmap dump: the JSON is not an object")
    try:
        return store.load(dump)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ImportFileError(f"{name}: not a conflictmap dump: {exc!r} is missing or malformed") from None
