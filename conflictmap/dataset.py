"""Rows of other projects' data sets (ACLED, UCDP GED): reading them, and saying which rows are bad.

An import reads every row, keeps the good ones and reports each bad one
with its line number and the reason, so an analyst can fix a file without
guessing. The readers here are shared by ``acled`` and ``ucdp``; each of
those turns a row into the ``extract`` JSON that ``EventStore`` stores.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pandas as pd

from conflictmap import validate

DATASET_KIND = "dataset"
# What our CSV exports put before a cell that a spreadsheet would run as a formula.
FORMULA_PREFIX = "'"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class ImportRowError(ValueError):
    """One row that cannot be imported: the line of the file it starts on, and why."""

    line: int
    reason: str

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


class ImportFileError(ValueError):
    """The file as a whole is not what its format says (no header, columns missing)."""


@dataclass
class Parsed:
    """A file read: the records to store and the rows that were refused."""

    payloads: list[dict[str, Any]] = field(default_factory=list)
    errors: list[ImportRowError] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.payloads) + len(self.errors)


def open_text(source: str | Path | IO[str] | IO[bytes] | bytes) -> IO[str]:
    """A text stream over a path, bytes, a binary file (an upload) or a text file; a BOM is dropped."""
    if isinstance(source, (io.BufferedIOBase, io.RawIOBase)):  # Streamlit's UploadedFile is a BytesIO
        source = source.read()
    if isinstance(source, bytes):
        try:
            return io.StringIO(source.decode("utf-8-sig"), newline="")
        except UnicodeDecodeError as exc:
            raise ImportFileError(f"the file is not UTF-8 text (byte {exc.start})") from None
    if isinstance(source, (str, Path)):
        return open(source, encoding="utf-8-sig", newline="")  # noqa: SIM115 - the caller closes it
    return source


def read_rows(stream: IO[str], required: Sequence[str], what: str) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a CSV as (line the row starts on, column -> text), after checking the header.

    A quoted field may span lines (ACLED notes do), so the line is the
    row's first, as an editor shows it.
    """
    reader = csv.reader(stream)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise ImportFileError(f"the file is empty; expected a {what} CSV with a header row") from None
    except csv.Error as exc:
        raise ImportFileError(f"line 1: {exc}; not a {what} CSV header") from None
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportFileError(f"not a {what} CSV: the header lacks {', '.join(missing)}")
    width = len(header)
    line = reader.line_num
    for record in _records(reader, lambda: line + 1):
        start, line = line + 1, reader.line_num
        if not record or (len(record) == 1 and not record[0].strip()):
            continue
        if len(record) != width:
            yield start, {"__error__": f"{len(record)} fields where the header has {width}"}
            continue
        cells = list(map(str.strip, record))
        if FORMULA_PREFIX in "".join(cells):  # look cell by cell only when an apostrophe is there at all
            cells = [restore(cell) for cell in cells]
        yield start, dict(zip(header, cells))


def _records(reader: Iterator[list[str]], where: Callable[[], int]) -> Iterator[list[str]]:
    """The reader's records; a cell over the CSV module's limit (128 KiB) or broken quoting refuses the file.

    Past such a fault the reader cannot tell where rows begin, so nothing after it could be trusted.
    """
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ImportFileError(f"line {where()}: {exc}; the file cannot be read past it") from None
        yield record


def restore(value: str) -> str:
    """Undo the apostrophe our own CSV exports put before a formula-like cell."""
    if value.startswith(FORMULA_PREFIX) and value[1:2] and value[1] in FORMULA_STARTS:
        return value[1:]
    return value


def neutralise(value: Any) -> Any:
    """A cell a spreadsheet will show, never run: text starting with = + - @ gets a leading apostrophe.

    Numbers stay numbers (a longitude of -3.7 is data, not a formula).

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise(-3.7), neutralise("-3.7")
    ('\\'=HYPERLINK("http://x")', -3.7, '-3.7')
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    try:
        float(value)
        return value
    except ValueError:
        return FORMULA_PREFIX + value


def integer(row: dict[str, str], column: str, *, required: bool = True) -> int | None:
    """A non-negative whole number from a cell ("12", "12.0"); empty is None unless required."""
    text = row.get(column, "")
    if text == "":
        if required:
            raise ValueError(f"{column} is empty")
        return None
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"{column} is {text!r}, not a number") from None
    if not number.is_integer() or number < 0:
        raise ValueError(f"{column} is {text!r}, not a whole number of zero or more")
    return int(number)


def coordinate(row: dict[str, str], column: str, limit: float) -> float:
    text = row.get(column, "")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{column} is {text!r}, not a number" if text else f"{column} is empty") from None
    if math.isnan(value) or not -limit <= value <= limit:
        raise ValueError(f"{column} {text} is outside -{limit:g}..{limit:g}")
    return value


def parse_date(text: str, column: str, formats: Iterable[str]) -> dt.date:
    if not text:
        raise ValueError(f"{column} is empty")
    if len(text) == 10 and text[4:5] == "-":  # ISO dates, the common case, without strptime's cost
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    for fmt in formats:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{column} {text!r} is not a date this importer reads")


def short_id(prefix: str, key: str, limit: int = 32) -> str:
    """``prefix-key``, or a hash of it when that would not fit the column."""
    plain = f"{prefix}-{key}"
    if len(plain) <= limit:
        return plain
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:limit - len(prefix) - 1]}"


def place_key(prefix: str, *parts: object) -> str:
    """A stable place id for a data set's location: rows naming the same spot share a place."""
    digest = hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:20]
    return f"{prefix}:{digest}"


def parse_file(source: str | Path | IO[str] | IO[bytes] | bytes, required: Sequence[str], what: str,
               to_payload: Callable[[dict[str, str]], dict[str, Any]]) -> Parsed:
    """Read a whole file with ``to_payload``; rows it refuses become ``ImportRowError``s."""
    stream = open_text(source)
    parsed = Parsed()
    seen: dict[str, int] = {}
    try:
        for line, row in read_rows(stream, required, what):
            if "__error__" in row:
                parsed.errors.append(ImportRowError(line, row["__error__"]))
                continue
            try:
                payload = to_payload(row)
                validate.payload(payload)
            except ValueError as exc:
                parsed.errors.append(ImportRowError(line, str(exc)))
                continue
            key = payload["report"]["id"]
            if key in seen:
                parsed.errors.append(ImportRowError(line, f"the same event as line {seen[key]} ({key})"))
                continue
            seen[key] = line
            parsed.payloads.append(payload)
    finally:
        if stream is not source:
            stream.close()
    return parsed


def missing(value: Any) -> bool:
    """None or NaN: how a frame cell says "no value"."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT


def claims_by_event(claims: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """Claims as plain records grouped by event, in one pass (slicing a frame per event is slow)."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    if len(claims):
        for record in claims.to_dict("records"):
            grouped.setdefault(record["event_id"], []).append(record)
    return grouped
