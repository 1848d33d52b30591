"""The shared row-reader: files as analysts have them (Excel, semicolon locales, no header, old date forms)."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from synthetic import acled_row, csv_text, ucdp_row

from conflictmap.exchange import acled, import_file, ucdp
from conflictmap.exchange.encoding import TextError, decode
from conflictmap.exchange.rows import DAYFIRST, MONTHFIRST, CellError, DateReader, ImportFileError, sniff_delimiter


def written(rows: list[dict], columns, *, delimiter: str = ",", encoding: str = "utf-8", bom: bool = False,
            newline: str = "\n") -> bytes:
    """Rows as a spreadsheet would save them: its delimiter, encoding, BOM and line ends."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), delimiter=delimiter, lineterminator=newline,
                            extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode(encoding)


def test_a_windows_1252_file_from_excel_is_read_with_its_accents(store):
    data = written([acled_row(1, notes="Shelling near the café in Darâa — 3 killed"), acled_row(2)], acled.COLUMNS,
                   encoding="cp1252", newline="\r\n")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    report = import_file(store, data, "acled")
    assert (report.added, report.refused) == (2, 0)
    quotes = store.events_frame().set_index("id")["quote"]
    assert quotes["acled-SYN1"] == "Shelling near the café in Darâa — 3 killed"


def test_a_bad_row_of_a_windows_1252_file_is_refused_with_its_line_and_column():
    data = written([acled_row(1, notes="café"), acled_row(2, fatalities="beaucoup")], acled.COLUMNS,
                   encoding="cp1252")
    parsed = acled.parse(data)
    assert parsed.encoding.lower().replace("_", "-") in ("cp1252", "windows-1252")
    [error] = parsed.errors
    assert (error.line, error.column) == (3, "fatalities")
    assert str(error).startswith("line 3, column fatalities: fatalities is 'beaucoup'")


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_semicolon_and_tab_files_with_decimal_commas_are_read(store, delimiter):
    rows = [acled_row(1, latitude="33,5123", longitude="36,2911"), acled_row(2, latitude="33,6", longitude="36,1")]
    report = import_file(store, written(rows, acled.COLUMNS, delimiter=delimiter, bom=True), "acled")
    assert (report.added, report.refused) == (2, 0), [str(e) for e in report.errors]
    events = store.events_frame().set_index("id")
    assert (events.loc["acled-SYN1", "lat"], events.loc["acled-SYN1", "lon"]) == (33.5123, 36.2911)


def test_a_decimal_comma_in_a_comma_separated_file_is_not_guessed():
    parsed = acled.parse(written([acled_row(1, latitude="33,5")], acled.COLUMNS))
    [error] = parsed.errors
    assert error.column == "latitude" and "not a number" in error.reason


@pytest.mark.parametrize("line, expected", [("a,b;c", ","), ("a;b;c,d", ";"), ("a\tb\tc", "\t"), ("a|b|c", "|"),
                                            ("single", ",")])
def test_the_delimiter_is_sniffed_from_the_header(line, expected):
    assert sniff_delimiter(line) == expected


def test_a_ged_file_without_its_header_row_is_named_as_such():
    body = csv_text([ucdp_row(1), ucdp_row(2)], ucdp.COLUMNS).split("\n", 1)[1]
    with pytest.raises(ImportFileError) as caught:
        ucdp.parse(body.encode())
    message = str(caught.value)
    assert "line 1: the first line is data, not a header" in message
    assert "UCDP GED file without its header row" in message and "49 columns" in message
    assert "Add the header row" in message


def test_a_header_of_other_columns_is_not_mistaken_for_data():
    with pytest.raises(ImportFileError, match="header lacks id, latitude"):
        ucdp.parse(b"name,value,other\nx,y,z\n")


@pytest.mark.parametrize("text, order, expected", [
    ("2013-02-06", None, dt.date(2013, 2, 6)),
    ("2013-02-06 00:00:00.000", None, dt.date(2013, 2, 6)),
    ("06 February 2013", None, dt.date(2013, 2, 6)),
    ("06-February-2013", None, dt.date(2013, 2, 6)),
    ("6 Feb 2013", None, dt.date(2013, 2, 6)),
    ("Feb 6, 2013", None, dt.date(2013, 2, 6)),
    ("2013-02-06T10:00:00Z", None, dt.date(2013, 2, 6)),
    ("2013-02-06 10:00", None, dt.date(2013, 2, 6)),
    ("18/04/2001", None, dt.date(2001, 4, 18)),
    ("04/18/2001", None, dt.date(2001, 4, 18)),
    ("05/04/2001", DAYFIRST, dt.date(2001, 4, 5)),
    ("05/04/2001", MONTHFIRST, dt.date(2001, 5, 4)),
    ("05.04.2001", DAYFIRST, dt.date(2001, 4, 5)),
    ("04/04/2001", None, dt.date(2001, 4, 4)),
])
def test_dates_in_the_forms_data_sets_and_excel_write(text, order, expected):
    assert DateReader(order).date({"event_date": text}, "event_date") == expected


@pytest.mark.parametrize("text, order, words", [
    ("05/04/2001", None, "--dayfirst or --monthfirst"),
    ("31/04/2001", DAYFIRST, "not a date read day-first"),
    ("Tuesday", None, "not a date this importer reads"),
    ("2013-02-06/2013-02-08", None, "not a date this importer reads"),  # a span, not its first day
    ("2013-02-06 approx.", None, "not a date this importer reads"),
])
def test_dates_that_cannot_be_read_say_why_and_what_to_do(text, order, words):
    with pytest.raises(CellError, match=words) as caught:
        DateReader(order).date({"event_date": text}, "event_date")
    assert caught.value.column == "event_date"


def test_one_unambiguous_date_settles_the_order_of_the_whole_file(store):
    rows = [acled_row(1, event_date="18/04/2001"), acled_row(2, event_date="05/04/2001")]
    assert import_file(store, written(rows, acled.COLUMNS), "acled").added == 2
    dates = store.events_frame().set_index("id")["event_date"]
    assert dates["acled-SYN2"] == dt.date(2001, 4, 5)  # day-first, as the 18 proved


def test_a_file_of_only_ambiguous_dates_is_refused_row_by_row_until_the_order_is_stated(store, tmp_path):
    from conflictmap.cli import main

    path = tmp_path / "excel.csv"
    path.write_bytes(written([acled_row(1, event_date="05/04/2001"), acled_row(2, event_date="04/04/2001")],
                             acled.COLUMNS, delimiter=";"))
    parsed = acled.parse(str(path))
    [error] = parsed.errors  # 04/04 reads the same either way
    assert (error.line, error.column) == (2, "event_date") and "--dayfirst" in error.reason
    url = store.url if hasattr(store, "url") else None
    if url and url.startswith("sqlite"):
        assert main(["import", str(path), "--format", "acled", "--database", url]) == 1
        assert main(["import", str(path), "--format", "acled", "--monthfirst", "--database", url]) == 0
        assert store.events_frame().set_index("id")["event_date"]["acled-SYN1"] == dt.date(2001, 5, 4)


def test_a_file_that_proves_both_orders_keeps_neither():
    rows = [acled_row(1, event_date="18/04/2001"), acled_row(2, event_date="04/18/2001"),
            acled_row(3, event_date="05/04/2001")]
    parsed = acled.parse(written(rows, acled.COLUMNS))
    assert [e.line for e in parsed.errors] == [4]


def test_binary_files_are_refused_with_the_reason():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 20
    with pytest.raises(TextError, match="map.png is not text"):
        decode(png, "map.png")
    with pytest.raises(ImportFileError, match="is not text"):
        acled.parse(png)


def test_an_acled_file_without_its_header_row_is_named_as_such():
    body = csv_text([acled_row(1), acled_row(2)], acled.COLUMNS).split("\n", 1)[1]
    with pytest.raises(ImportFileError, match="the first line is data, not a header .31 columns, as the ACLED has"):
        acled.parse(body.encode())


# -- read_columns: the same cells, lines and faults as read_table -------------------------------------------------
HEADER = ",".join(acled.COLUMNS)
ROW = ",".join(str(value) for value in acled_row(1).values())
SHAPES = {
    "one line a row": f"{HEADER}\n{ROW}\n{ROW.replace('SYN1', 'SYN2')}\n",
    "no newline at the end": f"{HEADER}\n{ROW}",
    "Excel's CRLF": f"{HEADER}\r\n{ROW}\r\n{ROW}\r\n",
    "quotes as the csv module reads them": f'{HEADER}\n' + ROW.replace("Synthetic Force A", '"a, ""b"" c"')
    .replace("Synthetic Group B", 'in"side').replace("Place 1", '"Place" 1').replace("National", ' "padded" ') + "\n",
    "a formula our writer guarded": f"{HEADER}\n{ROW.replace('Synthetic Force A', chr(39) + '=1+1')}\n",
    "a short row": f"{HEADER}\n{ROW}\nSYN9,2013-02-06\n{ROW}\n",
    "a row too wide": f"{HEADER}\n{ROW}\n{ROW},extra\n",
    "a note over two lines": f'{HEADER}\n' + ROW.replace("Synthetic event number 1.", '"two\nlines"') + f"\n{ROW}\n",
    "blank and space-only lines": f"{HEADER}\n\n{ROW}\n   \n{ROW}\n",
    "a lone carriage return": f"{HEADER}\n" + ROW.replace("Synthetic Monitor", '"A\rB"') + "\n",
    "a quote never closed": f'{HEADER}\n{ROW}\n{ROW.replace("Place 1", chr(34) + "Place")}\n',
    "a semicolon file": f"{HEADER}\n{ROW}\n".replace(",", ";"),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_a_file_read_column_by_column_holds_the_cells_lines_and_faults_read_row_by_row(shape):
    from conflictmap.exchange.rows import read_columns, read_table

    data = SHAPES[shape].encode()
    by_row, by_column = read_table(data, acled.LAYOUT), read_columns(data, acled.LAYOUT).table()
    assert (by_column.header, by_column.delimiter, by_column.encoding) == \
        (by_row.header, by_row.delimiter, by_row.encoding)
    assert by_column.rows == by_row.rows


@pytest.mark.parametrize("shape, fast", [("one line a row", True), ("no newline at the end", True),
                                         ("Excel's CRLF", True), ("quotes as the csv module reads them", True),
                                         ("a semicolon file", True), ("a short row", False),
                                         ("a note over two lines", False), ("blank and space-only lines", False),
                                         ("a lone carriage return", False), ("a quote never closed", False)])
def test_pandas_reads_only_files_of_one_line_a_row_of_the_headers_width(shape, fast):
    import csv as csv_module

    from conflictmap.exchange.rows import _one_line_rows

    text = SHAPES[shape]
    delimiter = ";" if "semicolon" in shape else ","
    header = next(csv_module.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    assert (_one_line_rows(text, delimiter, header) is not None) == fast


def test_a_cell_longer_than_the_csv_modules_limit_stops_both_readers_at_its_line():
    """pandas reads any length; the ``csv`` module stops at its limit. Both readers must refuse the same file."""
    from conflictmap.exchange.rows import read_columns, read_table

    limit = csv.field_size_limit()
    long_row = ROW.replace("Synthetic event number 1.", "x" * (limit + 1))
    data = f"{HEADER}\n{ROW}\n{long_row}\n{ROW}\n".encode()
    for read in (read_table, read_columns):
        with pytest.raises(ImportFileError, match=f"line 3: a cell longer than {limit:,} characters"):
            read(data, acled.LAYOUT)
    at_limit = f"{HEADER}\n{ROW}\n{ROW.replace('Synthetic event number 1.', 'x' * limit)}\n".encode()
    assert read_columns(at_limit, acled.LAYOUT).table().rows == read_table(at_limit, acled.LAYOUT).rows


@pytest.mark.parametrize("text, limit, over", [("", 3, False), ("abc", 3, False), ("abcd", 3, True),
                                               ("ab\ncd\nef\n", 2, False), ("ab\ncde\nf", 2, True),
                                               ("a\nbc\r\nd", 2, True), ("a\n" * 50 + "bcd", 3, False),
                                               ("a\n" * 50 + "bcde\n", 3, True)],
                         ids=["empty", "at the limit", "over", "short lines", "one over", "CRLF counts its CR",
                              "many short lines then one at the limit", "many short lines then one over"])
def test_a_line_longer_than_a_limit_is_found(text, limit, over):
    from conflictmap.exchange.rows import _line_over

    assert _line_over(text, limit) == over


def test_a_row_holding_a_nul_is_refused_with_its_line_and_column_by_both_readers():
    """PostgreSQL cannot store a NUL in text and SQLite would keep it: the row is refused, never stored."""
    from conflictmap.exchange.rows import read_columns, read_table

    data = f"{HEADER}\n{ROW}\n{ROW.replace('Place 1', 'Pla' + chr(0) + 'ce 1')}\n{ROW}\n".encode()
    by_row, by_column = read_table(data, acled.LAYOUT), read_columns(data, acled.LAYOUT).table()
    assert by_column.rows == by_row.rows
    assert [line for line, row in by_row.rows] == [2, 3, 4]
    fault = by_row.rows[1][1]
    assert isinstance(fault, str) and "column location holds a NUL character" in fault


@pytest.mark.parametrize("data, words", [
    (b"", "the file is empty; expected an ACLED CSV with a header row"),
    (b"event_id_cnty,event_date,latitude\nA,2013-01-01,1\n", "line 1: not an ACLED CSV: the header lacks event_type"),
    (b"\n  \r\n\n", "the file holds only blank lines; expected an ACLED CSV"),
    ("\n\n".join(["ACLED export, Syria", HEADER, ROW]).encode(),
     "line 1: the header row is line 3, below 2 line(s) of title or blank lines; delete the lines above the header"),
    (f"\r\n{HEADER}\r\n{ROW}\r\n".replace(",", ";").encode(), "the header row is line 2, below 1 line(s)"),
], ids=["empty", "columns missing", "blank lines only", "a title above the header", "a blank line above the header"])
def test_a_file_refused_whole_names_its_format_in_plain_words(data, words):
    with pytest.raises(ImportFileError) as refused:
        acled.parse(data)
    assert words in str(refused.value)
    with pytest.raises(ImportFileError, match="not a UCDP GED CSV"):
        ucdp.parse(b"id,year\n1,2013\n")


WESTERN_NOTES = ["Attaque près de Saïda: déjà deux morts, à côté de l'hôpital",
                 "Enfrentamientos en Bogotá: murió un niño, según la policía",
                 "Confrontos em Cabo Delgado: três mortos, população deslocada, ação policial",
                 "Kidal: à côté de l'école, où les élèves étaient réunis, l'explosion a tué trois"]


@pytest.mark.parametrize("rows", [1, 3, 30])
@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
@pytest.mark.parametrize("note", WESTERN_NOTES, ids=["French", "Spanish", "Portuguese", "French 2"])
def test_a_western_file_keeps_its_accents_where_another_latin_page_reads_as_cleanly(note, encoding, rows):
    """'déjà' read as 'déją' (Baltic) or 'Saïda' as 'Saļda': the detector's pick by a hair's less mess lost them."""
    data = written([acled_row(n, notes=note, location="Saïda") for n in range(1, rows + 1)], acled.COLUMNS,
                   encoding=encoding)
    text, used = decode(data)
    assert used == "cp1252" and note in text
    parsed = acled.parse_columns(data)
    assert parsed.errors == [] and set(parsed.batch.events["quote"]) == {note}


@pytest.mark.parametrize("encoding, note", [
    ("cp1251", "Обстрел города, погибли двое мирных жителей"),
    ("cp1251", "ракетний удар по Харкову, загинули троє людей"),
    ("cp1253", "Επίθεση με drone στην πόλη, σκοτώθηκαν δύο άμαχοι"),
    ("cp1255", "הפגזה על העיר, שני אזרחים נהרגו"),
    ("cp1256", "قصف مدفعي على مدينة حلب وسقوط قتيلين من المدنيين"),
], ids=["Russian", "Ukrainian", "Greek", "Hebrew", "Arabic"])
def test_a_file_in_another_scripts_code_page_is_not_taken_for_windows_1252(encoding, note):
    data = written([acled_row(n, notes=note) for n in range(1, 31)], acled.COLUMNS, encoding=encoding)
    text, used = decode(data)
    assert used == encoding and note in text


def test_a_file_mixing_utf8_and_windows_1252_is_refused_whole_not_garbled(store):
    """UTF-8 rows with Windows-1252 rows pasted below them: read as one code page, 'Saïda' became 'SaÃ¯da'."""
    utf8 = written([acled_row(n, location="Saïda", notes="déjà deux morts") for n in (1, 2, 3)], acled.COLUMNS)
    pasted = written([acled_row(4, notes="café à côté")], acled.COLUMNS, encoding="cp1252").split(b"\n", 1)[1]
    data = utf8 + pasted
    for read in (acled.parse, acled.parse_columns):
        with pytest.raises(ImportFileError, match="mixes encodings: line 2 is UTF-8 text, but line 5 .* is not UTF-8"):
            read(data)
    with pytest.raises(ImportFileError):
        import_file(store, data, "acled")
    assert store.counts() == {"reports": 0, "places": 0, "events": 0, "claims": 0}
    assert decode(pasted) == (pasted.decode("cp1252"), "cp1252")  # each part alone is read
    assert decode(utf8)[1] == "utf-8"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\n\n"], ids=["one line a row", "Excel's CRLF", "blank lines"])
def test_a_column_named_twice_is_read_while_both_agree_and_refused_where_one_would_be_lost(newline):
    """Two 'notes' columns (an analyst's own beside ACLED's): a row keeps one value a column, so the other was
    dropped without a word. Both readers refuse the file at the first row where they differ."""
    from conflictmap.exchange.rows import read_columns, read_table

    def with_second_notes(seconds: list[str]) -> bytes:
        rows = [ROW.replace("SYN1", f"SYN{n}") + f",{text}" for n, text in enumerate(seconds, 1)]
        return newline.join([HEADER + ",Notes", *rows, ""]).encode()

    agreeing = with_second_notes(["Synthetic event number 1."] * 3)
    assert read_columns(agreeing, acled.LAYOUT).table().rows == read_table(agreeing, acled.LAYOUT).rows
    assert len(read_table(agreeing, acled.LAYOUT).rows) == 3
    differing = with_second_notes(["Synthetic event number 1.", "Synthetic event number 1.", "my own note"])
    line = 4 if newline != "\n\n" else 7
    for read in (read_table, read_columns):
        with pytest.raises(ImportFileError, match=f"line {line}: the header names notes twice .columns 28 and 32"):
            read(differing, acled.LAYOUT)


def test_a_header_name_with_control_characters_is_printed_escaped_in_a_refusal():
    from conflictmap.exchange.rows import read_table

    header = HEADER + ",\x1b[2Jx"
    data = f"{header}\n{ROW},a{chr(0)}b\n".encode()
    fault = read_table(data, acled.LAYOUT).rows[0][1]
    assert isinstance(fault, str) and "column '\\x1b[2jx' holds a NUL" in fault and "\x1b" not in fault
