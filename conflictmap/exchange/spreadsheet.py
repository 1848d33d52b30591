"""CSV cells a spreadsheet shows and never runs: the formula guard of every CSV conflictmap writes.

Exported notes, quotes and names are report text, and report text is
untrusted. A spreadsheet runs a cell as a formula when it starts with
``= + - @`` (OWASP, "CSV Injection"), also after leading spaces, with a
tab or carriage return first, or with the full-width forms ``＝ ＋ － ＠``
that some spreadsheets fold to ASCII. In a semicolon-separator locale a
comma-separated file is split at ``;``, so ``x;=cmd`` starts a new cell
with ``=``. The guard: a leading apostrophe on any text cell that starts
(after white space) with one of those characters, and quotes around any
cell holding a ``;``, so no locale splits it. Numbers stay numbers: a
longitude of ``-3.7`` is data. conflictmap's own readers take the
apostrophe off again (``restore``).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

FORMULA_PREFIX = "'"
# Characters that start a formula in some spreadsheet: ASCII, full-width (U+FF1D, U+FF0B, U+FF0D, U+FF20),
# and the control characters that some strip before looking.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
# A cell needs quotes when it holds the delimiter, a quote, a line break, a semicolon or a tab,
# or white space at either end (which some readers trim and then run what follows).
_NEEDS_QUOTES = re.compile(r'[,"\r\n;\t]|^\s|\s$')


def dangerous(value: str) -> bool:
    """True when a spreadsheet could run ``value`` as a formula.

    >>> dangerous("=1+1"), dangerous("  @SUM(A1)"), dangerous("\\uff1dcmd"), dangerous("-3.7"), dangerous("Douma")
    (True, True, True, False, False)
    """
    stripped = value.lstrip(" \u00a0\u3000")
    if not stripped.startswith(FORMULA_STARTS) and not value.startswith(FORMULA_STARTS):
        return False
    return not _NUMBER.match(value.strip())


def neutralise(value: Any) -> Any:
    """A cell a spreadsheet will show, never run: formula-like text gets a leading apostrophe.

    Numbers stay numbers (a longitude of -3.7 is data, not a formula).

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise(-3.7), neutralise("-3.7"), neutralise(" =1")
    ('\\'=HYPERLINK("http://x")', -3.7, '-3.7', "' =1")
    """
    if isinstance(value, str) and dangerous(value):
        return FORMULA_PREFIX + value
    return value


def restore(value: str) -> str:
    """Undo the apostrophe our own CSV writer put before a formula-like cell.

    >>> restore("'=1+1"), restore("'tis")
    ('=1+1', "'tis")
    """
    if value.startswith(FORMULA_PREFIX) and dangerous(value[1:]):
        return value[1:]
    return value


_FIRST = frozenset(FORMULA_STARTS) | {" ", "\u00a0", "\u3000"}


def cell(value: Any) -> str:
    """One value as a guarded CSV field: quoted when needed, formula-like text neutralised."""
    if type(value) is str:  # the common case first: an export writes millions of these
        if value and value[0] in _FIRST and dangerous(value):
            value = FORMULA_PREFIX + value
        return '"' + value.replace('"', '""') + '"' if _NEEDS_QUOTES.search(value) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value != value:  # NaN: no value
        return ""
    if isinstance(value, (int, float)):
        return str(float(value)) if isinstance(value, float) else str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = neutralise(str(value))
    if _NEEDS_QUOTES.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_text(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """Rows as CSV with exactly ``columns`` for a header, every cell guarded (``cell``).

    >>> csv_text([{"a": "=1+1", "b": -2, "c": "x;=2"}], ["a", "b", "c"]).splitlines()
    ['a,b,c', '\\'=1+1,-2,"x;=2"']
    """
    lines = [",".join(cell(c) for c in columns)]
    lines.extend(",".join(cell(row.get(c)) for c in columns) for row in rows)
    return "\n".join(lines) + "\n"


def frame_csv(frame: Any) -> str:
    """A pandas DataFrame as guarded CSV (for any table a page offers as a download)."""
    columns = [str(c) for c in frame.columns]
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return csv_text(({str(k): v for k, v in r.items()} for r in records), columns)
