"""What an editor changed in the Review table: edits (with the values seen), deletions.

The page loads the events once, shows them in an editable table and, on
save, hands both frames here. Each edit carries the value the editor saw,
so ``EventStore.edit_events(expected=…)`` can refuse it when another editor
changed that field in the meantime instead of silently overwriting it.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

# Columns of ``EventStore.events_frame`` an editor may change in the table.
EDITABLE_COLUMNS = ("event_date", "event_date_end", "date_precision", "event_type", "place_mention", "quote")
DELETE_COLUMN = "delete"


@dataclass
class Changes:
    """``edits`` and ``expected`` as ``edit_events`` takes them; ``deletes`` lists event ids."""

    edits: dict[str, dict[str, Any]] = field(default_factory=dict)
    expected: dict[str, dict[str, Any]] = field(default_factory=dict)
    deletes: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.edits and not self.deletes

    def refused(self, reason: str | None = None) -> str | None:
        """Why these changes cannot be saved as they are, or None: a NUL character in an edited cell or in the
        reason (PostgreSQL stores no text holding one; a crafted message can put one in a cell).

        >>> Changes(edits={"e1": {"quote": "a\\x00b"}}).refused()
        'event e1, quote: holds a NUL character; type it again'
        """
        for event_id, fields in self.edits.items():
            for column, value in fields.items():
                if isinstance(value, str) and "\x00" in value:
                    return f"event {event_id}, {column}: holds a NUL character; type it again"
        if reason and "\x00" in reason:
            return "the reason holds a NUL character; type it again"
        return None


def changes(loaded: pd.DataFrame, edited: pd.DataFrame) -> Changes:
    """Compare the table as loaded with the table as edited, row by event id.

    >>> a = pd.DataFrame({"id": ["e1"], "event_type": ["clash"]})
    >>> changes(a, a.assign(event_type=["shelling"])).edits
    {'e1': {'event_type': 'shelling'}}
    """
    out = Changes()
    before = loaded.set_index("id")
    for row in edited.to_dict("records"):
        event_id = row["id"]
        if event_id not in before.index:
            continue
        if _plain(row.get(DELETE_COLUMN)):
            out.deletes.append(event_id)
            continue
        old = before.loc[event_id]
        for column in EDITABLE_COLUMNS:
            if column not in row or column not in old.index:
                continue
            was, now = _plain(old[column]), _plain(row[column])
            if was != now:
                out.edits.setdefault(event_id, {})[column] = now
                out.expected.setdefault(event_id, {})[column] = was
    return out


def _plain(value: Any) -> Any:
    """A table cell as the store reads it: empty cells None, timestamps ISO days, numpy scalars plain."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, str) and not value.strip():
        return None
    return value
