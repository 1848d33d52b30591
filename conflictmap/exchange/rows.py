"""The one row-reader every data-set format shares: text as it arrives, a header, and rows with their lines.

Files reach analysts re-saved by Excel, exported in a semicolon locale, or
cut from a larger file without its header. So a file is read as it is:

* **encoding**: UTF-8 (with or without BOM) first; otherwise the encoding
  ``charset-normalizer`` detects (Windows-1252 from Excel, say), named in
  any refusal;
* **delimiter**: sniffed from the header line (``csv.Sniffer``, among
  ``, ; TAB |``); a semicolon or tab file may write decimal commas
  ("33,51"), which the number readers accept;
* **header**: matched case-insensitively, a format's older column names
  mapped onto today's (``aliases``); a first line made of data rather than
  column names is named as such;
* **dates**: ISO, "06 February 2013", "06-February-2013", and numeric
  day-first or month-first dates when the file itself settles the order
  (some date has a first number over 12, or a second); otherwise the row is
  refused with a reason that says how to state it (``--dayfirst``,
  ``--monthfirst``).

Every refusal names the file, the line, the column, and what to do.
"""
from __future__ import annotations

import contextlib
import csv
import datetime as dt
import gc
import hashlib
import io
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pandas as pd

from conflictmap import validate
from conflictmap.exchange.encoding import TextError, decode
from conflictmap.exchange.spreadsheet import FORMULA_PREFIX, restore

if TYPE_CHECKING:
    from conflictmap.store import ImportColumns

DATASET_KIND = "dataset"
IDENTITY = "_identity"  # where a format's row reader leaves the row's provenance.Identity; moved to Parsed
DELIMITERS = ",;\t|"
DATE_FORMATS = ("%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%B %d, %Y", "%b %d, %Y", "%d %B, %Y", "%Y/%m/%d")
# What may follow an ISO date in a cell: nothing, or a time ("2013-02-06 00:00:00.000", "2013-02-06T10:00Z");
# "2013-02-06/2013-02-08" or "2013-02-06 approx." is not one day, and is refused rather than cut to its start.
_ISO_REST = re.compile(r"$|[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T].*)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
DAYFIRST, MONTHFIRST = "dayfirst", "monthfirst"


@dataclass
class ImportRowError(ValueError):
    """One row that cannot be imported: the line of the file it starts on, why, and where.

    ``column`` names the cell when one cell is at fault; ``file`` the file's name when known.
    """

    line: int
    reason: str
    column: str | None = None
    file: str | None = None

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.reason}"


class ImportFileError(TextError):
    """The file as a whole is not what its format says (not text, no header, columns missing)."""


class CellError(ValueError):
    """A bad cell: the reason, and the column it is in (raised by the cell readers below)."""

    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column


@dataclass
class Parsed:
    """A file read: the records to store (with the line each came from) and the rows that were refused."""

    payloads: list[dict[str, Any]] = field(default_factory=list)
    errors: list[ImportRowError] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    identities: list[Any] = field(default_factory=list)  # each payload's provenance.Identity (or a list of them)
    encoding: str = "utf-8"
    delimiter: str = ","

    @property
    def rows(self) -> int:
        return len(self.payloads) + len(self.errors)


@dataclass
class ParsedColumns:
    """A file read column by column (``acled.parse_columns``): the rows to store as a store's ``ImportColumns``.

    ``identities[i]`` and ``lines[i]`` belong to row ``i`` of ``batch``;
    ``payload(i)`` is that row read by the row-by-row reader (the record a
    revision of a stored event needs). ``errors`` are the refused rows, as
    ``Parsed`` holds them.
    """

    batch: ImportColumns
    identities: list[Any]
    lines: list[int]
    errors: list[ImportRowError]
    payload: Callable[[int], dict[str, Any]]
    encoding: str = "utf-8"
    delimiter: str = ","

    @property
    def rows(self) -> int:
        return len(self.identities) + len(self.errors)


@dataclass(frozen=True)
class Layout:
    """What a format needs from a header: its required columns, older names of columns, and its full width.

    ``aliases`` maps a column name a past release used onto today's;
    ``columns`` is today's full header (to recognise a file shipped
    without one).
    """

    what: str
    required: tuple[str, ...]
    columns: tuple[str, ...]
    aliases: Mapping[str, str] = field(default_factory=dict)
    date_columns: tuple[str, ...] = ()

    @property
    def a(self) -> str:
        """The format's name after its article, as a refusal says it ("an ACLED", "a UCDP GED")."""
        return f"{'an' if self.what[:1] in 'AEIO' else 'a'} {self.what}"


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Hold the cyclic garbage collector while a file's rows are built.

    An import keeps every row and record of a file in memory at once (the
    dates of the whole file decide their order); each of those hundreds of
    thousands of acyclic dicts would otherwise trigger collections that walk
    all the others, which cost 40% of the parse at 100,000 rows. Nothing is
    leaked: collection resumes when the block ends.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


# -- text -------------------------------------------------------------------
def read_source(source: str | Path | IO[str] | IO[bytes] | bytes) -> tuple[str, str, str]:
    """Any source (path, bytes, binary or text stream) as (text, encoding, name to show)."""
    name = "the file"
    if isinstance(source, (str, Path)):
        name = Path(source).name
        data: bytes | str = Path(source).read_bytes()
    elif isinstance(source, bytes):
        data = source
    else:
        name = Path(getattr(source, "name", "") or "the file").name or "the file"
        data = source.read()
    if isinstance(data, str):
        return data.removeprefix("\ufeff"), "utf-8", name
    try:
        text, encoding = decode(data, name)
    except ImportFileError:
        raise
    except TextError as exc:
        raise ImportFileError(str(exc)) from None
    return text, encoding, name


def open_text(source: str | Path | IO[str] | IO[bytes] | bytes) -> IO[str]:
    """A text stream over any source, decoded as ``read_source`` does."""
    text, _, _ = read_source(source)
    return io.StringIO(text, newline="")


def sniff_delimiter(first_line: str) -> str:
    """The delimiter of a CSV from its header line: ``csv.Sniffer`` among ``, ; TAB |``, else a comma.

    >>> sniff_delimiter("event_id_cnty;event_date;fatalities")
    ';'
    """
    try:
        found = csv.Sniffer().sniff(first_line, delimiters=DELIMITERS).delimiter
    except csv.Error:
        found = ","
    # The sniffer can pick a character that merely repeats; the header splits best on the real one.
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    if counts.get(found, 0) < counts[best]:
        found = best
    return found if counts.get(found, 0) else ","


# -- header -----------------------------------------------------------------
def header_names(cells: Sequence[str], layout: Layout) -> list[str]:
    """A header's cells as today's column names: trimmed, lower-case, older names mapped by ``layout.aliases``."""
    names = []
    for cell in cells:
        name = cell.strip().strip('"').lower().replace(" ", "_")
        names.append(layout.aliases.get(name, name))
    return names


def looks_like_data(cells: Sequence[str]) -> bool:
    """A first line of values rather than column names: two or more cells are numbers or dates.

    >>> looks_like_data(["SYN1", "2013-02-06", "2013", "Battles"]), looks_like_data(["id", "name", "col2"])
    (True, False)
    """
    values = 0
    for cell in cells:
        text = cell.strip()
        if _NUMERIC_DATE.match(text) or (len(text) >= 8 and text[4:5] == "-" and text[:4].isdigit()):
            values += 1
            continue
        try:
            float(text.replace(",", "."))
            values += 1
        except ValueError:
            pass
    return values >= 2


def check_header(cells: Sequence[str], layout: Layout, name: str, text: str = "") -> list[str]:
    """Today's column names for ``cells``; ``ImportFileError`` names what is wrong and what to do.

    ``text``, the whole file, lets the refusal say where the header is when
    a title or blank lines stand above it.
    """
    header = header_names(cells, layout)
    missing = [c for c in layout.required if c not in header]
    if not missing:
        return header
    below = _header_line(text, layout)
    if below is not None:
        raise ImportFileError(f"{name}, line 1: the header row is line {below}, below {below - 1} line(s) of "
                              "title or blank lines; delete the lines above the header and import it again")
    if looks_like_data(cells) and not set(header) & set(layout.columns):
        width = (f"{len(cells)} columns, as the {layout.what} has" if len(cells) == len(layout.columns)
                 else f"{len(cells)} columns")
        raise ImportFileError(
            f"{name}, line 1: the first line is data, not a header ({width}): {layout.a} file without its "
            f"header row. Add the header row as the first line ({','.join(layout.columns[:6])},… as the "
            f"{layout.what} codebook names them) and import it again")
    raise ImportFileError(f"{name}, line 1: not {layout.a} CSV: the header lacks {', '.join(missing)}. "
                          f"Export the file again with every column, or rename its columns as the codebook does")


def _header_line(text: str, layout: Layout, lines: int = 20) -> int | None:
    """The line (2 or more, among the first ``lines``) that holds a header with every required column, or None."""
    for number, line in enumerate(text.split("\n", lines)[1:lines], 2):
        if not line.strip():
            continue
        cells = next(csv.reader([line.rstrip("\r")], delimiter=sniff_delimiter(line)), [])
        if all(column in header_names(cells, layout) for column in layout.required):
            return number
    return None


# -- rows -------------------------------------------------------------------
@dataclass
class Table:
    """A file's header and rows, read once: (line the row starts on, column -> text) or the row's fault."""

    name: str
    encoding: str
    delimiter: str
    header: list[str]
    rows: list[tuple[int, dict[str, str] | str]]


def read_table(source: str | Path | IO[str] | IO[bytes] | bytes, layout: Layout) -> Table:
    """Read a whole CSV into a ``Table``; a file that cannot be read at all raises ``ImportFileError``.

    A quoted field may span lines (ACLED notes do), so a row's line is its
    first, as an editor shows it. A cell over the CSV module's limit
    (128 KiB) or broken quoting stops the file there: past such a fault no
    row boundary can be trusted. A row holding a NUL character is refused
    with its line and column (PostgreSQL cannot store one in text, and
    SQLite would keep it, so the two databases would not agree). A header
    naming a column twice is read when the two agree on every row; at the
    first row where they differ the file is refused (a row keeps one value
    a column, and the other would be lost without a word).
    """
    text, encoding, name, delimiter, reader, cells = _opened(source, layout)
    header = check_header(cells, layout, name, text)
    twice = _twice(header)
    rows: list[tuple[int, dict[str, str] | str]] = []
    for start, record in _records(reader, name, header, nul="\0" in text):
        if isinstance(record, str):
            rows.append((start, record))
            continue
        values = list(map(str.strip, record))
        if FORMULA_PREFIX in "".join(values):  # look cell by cell only when an apostrophe is there at all
            values = [restore(v) for v in values]
        for first, again in twice:
            if values[first] != values[again]:
                raise _named_twice(name, header, first, again, start)
        rows.append((start, dict(zip(header, values))))
    return Table(name, encoding, delimiter, header, rows)


def _twice(header: Sequence[str]) -> list[tuple[int, int]]:
    """Each column the header names again (after older names are mapped): (its first place, the later one)."""
    first: dict[str, int] = {}
    return [(first[column], k) for k, column in enumerate(header) if first.setdefault(column, k) != k]


def _named_twice(name: str, header: Sequence[str], first: int, again: int, line: int) -> ImportFileError:
    """The refusal of a file whose two columns of one name hold different text: one row keeps one of them only."""
    return ImportFileError(f"{name}, line {line}: the header names {_shown(header[first])} twice (columns "
                           f"{first + 1} and {again + 1}, older names mapped onto today's), and this row holds "
                           "different text in them; only one could be kept. Rename or delete one of the two columns "
                           "and import the file again")


def _opened(source: str | Path | IO[str] | IO[bytes] | bytes, layout: Layout) -> tuple[str, str, str, str, Any,
                                                                                         list[str]]:
    """A CSV's text, encoding, name, delimiter, a ``csv`` reader past its first line, and that line's cells."""
    text, encoding, name = read_source(source)
    first_line = text[:text.find("\n")] if "\n" in text[:65536] else text[:65536]
    delimiter = sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        cells = next(reader)
    except StopIteration:
        raise ImportFileError(f"{name} is empty; expected {layout.a} CSV with a header row") from None
    except csv.Error as exc:
        raise ImportFileError(f"{name}, line 1: {exc}; not {layout.a} CSV header") from None
    if not any(cell.strip() for cell in cells) and not text.strip():
        raise ImportFileError(f"{name} holds only blank lines; expected {layout.a} CSV with a header row")
    return text, encoding, name, delimiter, reader, cells


def _records(reader: Any, name: str, header: Sequence[str], *,
             nul: bool = True) -> Iterator[tuple[int, list[str] | str]]:
    """A ``csv`` reader's rows after the header: (line the row starts on, its cells, or why the row is refused).

    Blank lines are skipped; a row of the wrong width, or holding a NUL
    character, is refused; broken quoting or a cell over the ``csv``
    module's limit raises ``ImportFileError`` with the line. ``nul=False``
    says the text holds no NUL (no row is looked at for one).
    """
    width = len(header)
    line = reader.line_num
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ImportFileError(f"{name}, line {line + 1}: {_csv_fault(exc)}; the file cannot be read past it. "
                                  "Fix the quoting there and import it again") from None
        start, line = line + 1, reader.line_num
        if not record or (len(record) == 1 and not record[0].strip()):
            continue
        if len(record) != width:
            yield start, (f"{len(record)} fields where the header has {width}; a delimiter or quote inside a cell "
                          "is not escaped")
            continue
        if nul and "\0" in "".join(record):
            column = next(header[k] for k, cell in enumerate(record) if "\0" in cell)
            yield start, (f"the cell of column {_shown(column)} holds a NUL character (0x00), which PostgreSQL "
                          "cannot store in text; remove it (files damaged in copying hold them) and import the row "
                          "again")
            continue
        yield start, record


def _shown(column: str) -> str:
    """A column name from the file's header as a refusal prints it: as written, or quoted and escaped when it
    holds control characters (a header is the file's text, and a terminal obeys escape codes)."""
    return column if column.isprintable() else repr(column)


def _csv_fault(exc: csv.Error) -> str:
    """The ``csv`` module's error in words that say what to look for: a cell over its limit is mostly a quote
    never closed, which runs the rows after it into one cell."""
    if "field larger than field limit" in str(exc):
        return (f"a cell longer than {csv.field_size_limit():,} characters (a quote that is never closed "
                "runs the lines after it into one cell)")
    return str(exc)


@dataclass
class ColumnTable:
    """A file's header and rows, read once, held column by column (``read_columns``).

    ``columns[k]`` holds the text of header column ``k`` for every row of
    the right width, ``lines[i]`` the line row ``i`` starts on; ``faults``
    are the rows of the wrong width, (line, reason), as ``Table`` keeps them.
    """

    name: str
    encoding: str
    delimiter: str
    header: list[str]
    lines: list[int]
    columns: list[list[str]]
    faults: list[tuple[int, str]]

    def column(self, name: str) -> list[str]:
        """The column of that name (the last of that name, as a row's dict keeps it), or "" for every row."""
        for k in range(len(self.header) - 1, -1, -1):
            if self.header[k] == name:
                return self.columns[k]
        return [""] * len(self.lines)

    def row(self, i: int) -> dict[str, str]:
        """Row ``i`` as ``read_table`` gives it: column name -> text."""
        return dict(zip(self.header, (column[i] for column in self.columns)))

    def table(self) -> Table:
        """The same file as a ``Table`` (rows and faults in line order), for the row-by-row reader."""
        rows: list[tuple[int, dict[str, str] | str]] = [(line, self.row(i)) for i, line in enumerate(self.lines)]
        rows.extend(self.faults)
        rows.sort(key=lambda found: found[0])
        return Table(self.name, self.encoding, self.delimiter, self.header, rows)


def read_columns(source: str | Path | IO[str] | IO[bytes] | bytes, layout: Layout) -> ColumnTable:
    """Read a whole CSV as ``read_table`` does (the same encodings, delimiters, header checks, lines and faults),
    but keep its cells column by column: no dictionary per row.

    Raises ``ImportFileError`` as ``read_table`` does.
    """
    text, encoding, name, delimiter, reader, cells = _opened(source, layout)
    header = check_header(cells, layout, name, text)
    columns = _one_line_rows(text, delimiter, cells)
    if columns is not None:
        return _agreeing(ColumnTable(name, encoding, delimiter, header, list(range(2, len(columns[0]) + 2)),
                                     _cleaned(columns), []))
    records: list[list[str]] = []
    lines: list[int] = []
    faults: list[tuple[int, str]] = []
    for start, record in _records(reader, name, header, nul="\0" in text):
        if isinstance(record, str):
            faults.append((start, record))
        else:
            records.append(record)
            lines.append(start)
    columns = [list(column) for column in zip(*records)] if records else [[] for _ in header]
    del records
    return _agreeing(ColumnTable(name, encoding, delimiter, header, lines, _cleaned(columns), faults))


def _agreeing(table: ColumnTable) -> ColumnTable:
    """``table``, unless two columns of one name differ on some row: ``read_table``'s refusal, at the same line."""
    for first, again in _twice(table.header):
        if table.columns[first] != table.columns[again]:
            row = next(i for i, (a, b) in enumerate(zip(table.columns[first], table.columns[again])) if a != b)
            raise _named_twice(table.name, table.header, first, again, table.lines[row])
    return table


def _cleaned(columns: list[list[str]]) -> list[list[str]]:
    """Cells as ``read_table`` keeps them: trimmed, and our CSV writer's apostrophe before a formula taken off."""
    columns = [list(map(str.strip, column)) for column in columns]
    for column in columns:
        if f"\0{FORMULA_PREFIX}" in "\0" + "\0".join(column):  # some cell may start with it: look cell by cell
            column[:] = [restore(value) for value in column]
    return columns


_END = "\x01"  # what ``_one_line_rows`` puts after every line's last cell: a control character no CSV export holds


def _line_over(text: str, limit: int) -> bool:
    """Whether some line of ``text`` is longer than ``limit`` characters (a cell that long needs such a line).

    One ``rfind`` per ``limit`` characters, not one step per line: a few hundred steps for a 30 MB file.
    """
    start = 0
    while len(text) - start > limit:
        found = text.rfind("\n", start, start + limit + 1)
        if found < 0:
            return True
        start = found + 1
    return False


def _one_line_rows(text: str, delimiter: str, header: list[str]) -> list[list[str]] | None:
    """A CSV's cells column by column through pandas' C parser, when every row is one line of the header's width.

    Otherwise None, and ``read_columns`` reads the file with the ``csv``
    module as ``read_table`` does. pandas reads the cells as the ``csv``
    module does (quotes, doubled quotes, a quote inside a cell), twice as
    fast, and gives equal texts one object, which makes every later step
    of an import cheaper (BENCHMARKS.md, Import); but it pads a short row
    with empty cells, skips blank lines and counts no lines. So each line
    gets one more cell, ``_END``: a row whose last cell is not that one was
    short (or its quoted cell went on to the next line), and as many rows
    as lines means that no row spans two. A file that holds ``_END``, a
    NUL, a carriage return outside a CRLF line ending, or a line longer
    than the ``csv`` module's cell limit (where that module may refuse a
    cell pandas would read) is left to the ``csv`` module too.
    """
    if _END in text or "\0" in text or _line_over(text, csv.field_size_limit()):
        return None
    newline = "\n"
    if "\r" in text:
        if text.count("\r") != text.count("\r\n") or text.count("\r\n") != text.count("\n"):
            return None
        newline = "\r\n"
    lines = text.count(newline) + (not text.endswith(newline))
    marked = text.replace(newline, f"{delimiter}{_END}{newline}")
    if not text.endswith(newline):
        marked += f"{delimiter}{_END}"
    try:
        frame = pd.read_csv(io.StringIO(marked), sep=delimiter, header=None, dtype=object, na_filter=False,
                            keep_default_na=False, skip_blank_lines=False, quotechar='"', doublequote=True,
                            escapechar=None, skipinitialspace=False, engine="c")
    except (ValueError, pd.errors.ParserError, csv.Error):  # a row wider than the header, a quote never closed
        return None
    if len(frame) != lines or frame.shape[1] != len(header) + 1:
        return None
    columns = [frame[k].tolist() for k in frame.columns]
    if columns[-1].count(_END) != lines or [column[0] for column in columns[:-1]] != header:
        return None
    return [column[1:] for column in columns[:-1]]


def parse_table(table: Table, layout: Layout, to_payload: Callable[[dict[str, str], DateReader], dict[str, Any]],
                *, order: str | None = None) -> Parsed:
    """Turn a ``Table``'s rows into payloads with ``to_payload``; refused rows become ``ImportRowError``s.

    ``order`` (``"dayfirst"``/``"monthfirst"``) states how numeric dates
    are written; without it the file's own dates decide (``DateReader.for_rows``).
    """
    parsed = Parsed(encoding=table.encoding, delimiter=table.delimiter)
    dates = DateReader.for_rows((row for _, row in table.rows if isinstance(row, dict)), layout.date_columns,
                                order=order, decimal_comma=table.delimiter != ",")
    seen: dict[str, int] = {}
    for line, row in table.rows:
        if isinstance(row, str):
            parsed.errors.append(ImportRowError(line, row, file=table.name))
            continue
        try:
            payload = to_payload(row, dates)
            validate.payload(payload)
        except CellError as exc:
            parsed.errors.append(ImportRowError(line, str(exc), exc.column, table.name))
            continue
        except ValueError as exc:
            parsed.errors.append(ImportRowError(line, str(exc), file=table.name))
            continue
        key = payload["events"][0]["id"] if payload.get("events") else payload["report"]["id"]
        if key in seen:
            parsed.errors.append(ImportRowError(line, f"the same event as line {seen[key]} ({key}); keep one of "
                                                      "the two rows", file=table.name))
            continue
        seen[key] = line
        parsed.identities.append(payload.pop(IDENTITY, None))
        parsed.payloads.append(payload)
        parsed.lines.append(line)
    return parsed


# -- cells ------------------------------------------------------------------
class DateReader:
    """Reads the date cells of one file, in the order (day-first or month-first) the file settles.

    >>> DateReader(DAYFIRST).date({"d": "18/04/2001"}, "d")
    datetime.date(2001, 4, 18)
    """

    def __init__(self, order: str | None = None, *, decimal_comma: bool = False) -> None:
        self.order = order
        self.decimal_comma = decimal_comma

    @classmethod
    def for_rows(cls, rows: Iterator[Mapping[str, str]], columns: Sequence[str], *, order: str | None = None,
                 decimal_comma: bool = False) -> DateReader:
        """The order the file's numeric dates make unambiguous: a first number over 12 means day-first.

        A file where both orders are proven (one date 18/04, another 04/18)
        keeps no order: its ambiguous dates are refused with the reason.
        """
        if order is None and columns:
            dayfirst = monthfirst = False
            for row in rows:
                for column in columns:
                    found = _NUMERIC_DATE.match(row.get(column, ""))
                    if found:
                        first, second = int(found[1]), int(found[2])
                        dayfirst |= first > 12
                        monthfirst |= second > 12
            if dayfirst != monthfirst:
                order = DAYFIRST if dayfirst else MONTHFIRST
        return cls(order, decimal_comma=decimal_comma)

    @classmethod
    def for_columns(cls, columns: Sequence[Sequence[str]], *, order: str | None = None,
                    decimal_comma: bool = False) -> DateReader:
        """``for_rows`` over a file's date columns (``ColumnTable.column``): the order its numeric dates settle."""
        distinct = ({"d": text} for column in columns for text in dict.fromkeys(column))
        return cls.for_rows(distinct, ("d",) if columns else (), order=order, decimal_comma=decimal_comma)

    def date(self, row: Mapping[str, str], column: str, *, required: bool = True) -> dt.date | None:
        text = row.get(column, "")
        if not text:
            if required:
                raise CellError(column, f"{column} is empty; every row needs a date")
            return None
        if text[4:5] == "-" and (len(text) == 10 or _ISO_REST.match(text, 10)):  # ISO, without strptime's cost
            try:
                return dt.date.fromisoformat(text[:10])
            except ValueError:
                pass
        found = _NUMERIC_DATE.match(text)
        if found:
            return self._numeric(column, text, int(found[1]), int(found[2]), int(found[3]))
        for fmt in DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise CellError(column, f"{column} {text!r} is not a date this importer reads; write it as YYYY-MM-DD "
                                "(or 06 February 2013)")

    def _numeric(self, column: str, text: str, first: int, second: int, year: int) -> dt.date:
        if self.order is None and first != second and first <= 12 and second <= 12:
            raise CellError(column, f"{column} {text!r} could be day-first or month-first, and no date in the file "
                                    "settles it; state the order with --dayfirst or --monthfirst")
        day, month = (second, first) if self.order == MONTHFIRST or (self.order is None and second > 12) \
            else (first, second)
        try:
            return dt.date(year, month, day)
        except ValueError:
            order = {DAYFIRST: "day-first", MONTHFIRST: "month-first"}.get(self.order or "", "as written")
            raise CellError(column, f"{column} {text!r} is not a date read {order}; check the order "
                                    "(--dayfirst or --monthfirst)") from None

    def number(self, row: Mapping[str, str], column: str) -> float:
        """A decimal number; "33,51" is read as 33.51 in a file whose delimiter is not a comma."""
        text = row.get(column, "")
        try:
            return float(text)
        except ValueError:
            if self.decimal_comma and _DECIMAL_COMMA.match(text):
                return float(text.replace(",", "."))
            raise CellError(column, f"{column} is {text!r}, not a number; write it in digits" if text
                            else f"{column} is empty; every row needs it") from None

    def integer(self, row: Mapping[str, str], column: str, *, required: bool = True) -> int | None:
        """A non-negative whole number ("12", "12.0", "12,0"); empty is None unless required."""
        if row.get(column, "") == "":
            if required:
                raise CellError(column, f"{column} is empty; write 0 when none")
            return None
        number = self.number(row, column)
        if not number.is_integer() or number < 0:
            raise CellError(column, f"{column} is {row[column]!r}, not a whole number of zero or more; write the "
                                    "count in digits (0 when none)")
        return int(number)

    def point(self, row: Mapping[str, str]) -> tuple[float | None, float | None]:
        """``latitude``/``longitude`` of a row that may have none (an unplaced event of ours): (None, None)."""
        if row.get("latitude", "") == "" or row.get("longitude", "") == "":
            return None, None
        return self.coordinate(row, "latitude", 90), self.coordinate(row, "longitude", 180)

    def coordinate(self, row: Mapping[str, str], column: str, limit: float) -> float:
        value = self.number(row, column)
        if math.isnan(value) or not -limit <= value <= limit:
            raise CellError(column, f"{column} {row.get(column)} is outside -{limit:g}..{limit:g}; check that "
                                    "latitude and longitude are not swapped")
        return value


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


SHARED_NOTE = "Shared figure: "  # how a row's note on a figure shared with other places begins


@dataclass(frozen=True)
class Shares:
    """How a file with one row per event (or incident) counts figures given for several places at once.

    ``counted[event_id]`` are the claims whose figures count on that row;
    ``notes[event_id]`` say, in words, which figures the row shares with
    other places and on which row each is counted.
    """

    counted: dict[str, list[dict[str, Any]]]
    notes: dict[str, list[str]]

    def note(self, event_id: str) -> str:
        """The row's notes as one sentence-like text ("" when it shares nothing)."""
        return " ".join(self.notes.get(event_id, []))


def share_out(events: Sequence[Mapping[str, Any]], by_event: Mapping[str, list[dict[str, Any]]]) -> Shares:
    """Count each shared claim on one row only: the first row, in file order, that holds a copy of it.

    A claim the reader gave several places ("1,300 killed in A, B and C")
    is stored as a copy on each place's event with one ``shared_key``. A
    file with one row per event must not carry the figure on every row, or
    a sum over the file counts it three times. The figure is not split
    either (no source gave a per-place figure; ACLED's codebook divides such
    a figure among the events, conflictmap keeps what was claimed): the
    first row keeps it, the others leave it out of their figures, and every
    row holding a copy says so in words (``Shares.notes``).
    """
    from conflictmap.ledger import shared_with

    place = {str(e["id"]): _plain_text(e.get("place_mention")) or _plain_text(e.get("display_name"))
             for e in events}
    owner: dict[str, str] = {}
    counted: dict[str, list[dict[str, Any]]] = {}
    notes: dict[str, list[str]] = {}
    for event in events:
        event_id = str(event["id"])
        keep = counted.setdefault(event_id, [])
        for claim in by_event.get(event_id, []):
            key = claim.get("shared_key")
            if missing(key) or not key:
                keep.append(claim)
                continue
            first = owner.setdefault(key, event_id)
            others = shared_with(claim.get("shared_by"), place[event_id]) or "other places"
            figure = "no figure" if missing(claim.get("killed")) else f"{int(claim['killed'])} killed"
            who = _plain_text(claim.get("source")) or "an unattributed source"
            where = "counted on this row" if first == event_id else \
                f"counted on the row for {place[first] or first}, left out here"
            text = f"{SHARED_NOTE}{who}'s {figure} is one figure for this place and {others}; {where}."
            if text not in notes.get(event_id, []):
                notes.setdefault(event_id, []).append(text)
            if first == event_id:
                keep.append(claim)
    return Shares(counted, notes)


def _plain_text(value: Any) -> str:
    return "" if missing(value) else str(value)
