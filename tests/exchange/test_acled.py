"""ACLED imports: rows to events and claims, refused rows with line and reason, one transaction."""
from __future__ import annotations

import csv
import io
import json

import pytest
from synthetic import acled_row, csv_text

from conflictmap.exchange import acled
from conflictmap.exchange.rows import ImportFileError, _one_line_rows
from conflictmap.exchange import import_file


def parse(text: str):  # noqa: ANN201 - a Parsed
    return acled.parse(text.encode("utf-8"))


def test_a_row_becomes_an_event_with_the_data_sets_claim():
    parsed = parse(csv_text([acled_row(3, fatalities=4, source="Monitor X; Agency Y")], acled.COLUMNS))
    assert parsed.errors == []
    record = parsed.payloads[0]
    event = record["events"][0]
    assert (event["id"], event["date"], event["event_type"], event["date_precision"]) == \
        ("acled-SYN3", "2013-02-06", "clash", "day")
    assert (event["place"]["name"], event["place"]["lat"], event["place"]["precision"]) == ("Place 3", 33.503, "town")
    claim = event["claims"][0]
    assert (claim["source"], claim["source_mention"], claim["source_kind"], claim["killed"]) == \
        ("ACLED", "Monitor X; Agency Y", "dataset", 4)
    assert event["attributes"]["actor1"] == "Synthetic Force A"
    assert record["report"]["publisher"] == "ACLED"


@pytest.mark.parametrize("event_type, sub_event_type, ours", [
    ("Battles", "Armed clash", "clash"),
    ("Battles", "Government regains territory", "clash"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "shelling"),
    ("Explosions/Remote violence", "Air/drone strike", "airstrike"),
    ("Explosions/Remote violence", "Suicide bomb", "suicide_bombing"),
    ("Explosions/Remote violence", "Chemical weapon", "chemical_attack"),
    ("Explosions/Remote violence", "Grenade", "explosion"),
    ("Violence against civilians", "Attack", "massacre"),
    ("Protests", "Peaceful protest", "other"),
])
def test_acled_types_map_onto_ours(event_type, sub_event_type, ours):
    assert acled.our_type(event_type, sub_event_type) == ours


def test_older_exports_with_numeric_interaction_codes_are_read():
    old = acled_row(1, inter1=1, inter2=7, interaction=17, event_date="06 February 2013", time_precision=2,
                    geo_precision=3)
    lone = acled_row(2, inter1=2, inter2="", interaction=20)
    parsed = parse(csv_text([old, lone], acled.COLUMNS))
    assert parsed.errors == []
    first, second = (p["events"][0] for p in parsed.payloads)
    assert (first["attributes"]["inter1"], first["attributes"]["inter2"], first["attributes"]["interaction"]) == \
        ("State forces", "Civilians", "State forces-Civilians")
    assert (first["date"], first["date_precision"], first["place"]["precision"]) == ("2013-02-06", "week",
                                                                                      "governorate")
    assert second["attributes"]["interaction"] == "Rebel group only"


def test_a_file_without_the_codebook_columns_is_refused_whole():
    with pytest.raises(ImportFileError, match="lacks .*fatalities"):
        acled.parse(b"event_id_cnty,event_date,latitude,longitude\nA,2013-01-01,1,1\n")
    with pytest.raises(ImportFileError, match="empty"):
        acled.parse(b"")


BAD_ROWS = [
    ({"event_date": "2013-02-31"}, "event_date '2013-02-31' is not a date"),
    ({"event_date": ""}, "event_date is empty"),
    ({"latitude": "north"}, "latitude is 'north', not a number"),
    ({"latitude": "95"}, "latitude 95 is outside -90..90"),
    ({"longitude": ""}, "longitude is empty"),
    ({"fatalities": "many"}, "fatalities is 'many', not a number"),
    ({"fatalities": "-2"}, "not a whole number of zero or more"),
    ({"fatalities": "2.5"}, "not a whole number of zero or more"),
    ({"time_precision": "9"}, "time_precision is '9'"),
    ({"geo_precision": "4"}, "geo_precision is '4'"),
    ({"event_id_cnty": ""}, "event_id_cnty is empty"),
]


@pytest.mark.parametrize("change, reason", BAD_ROWS)
def test_bad_rows_are_reported_with_line_and_reason(change, reason):
    text = csv_text([acled_row(1), acled_row(2, **change), acled_row(3)], acled.COLUMNS)
    parsed = parse(text)
    assert [e.line for e in parsed.errors] == [3]
    assert reason in parsed.errors[0].reason
    assert [p["report"]["id"] for p in parsed.payloads] == ["acled-SYN1", "acled-SYN3"]


def test_line_numbers_count_lines_inside_quoted_notes_and_repeats_are_refused():
    rows = [acled_row(1, notes="first line\nsecond line\nthird"), acled_row(2, fatalities="x"), acled_row(1)]
    text = csv_text(rows, acled.COLUMNS)
    parsed = parse(text)
    assert [(e.line, e.reason) for e in parsed.errors] == [
        (5, "fatalities is 'x', not a number; write it in digits"), (6, "the same event as line 2 (acled-SYN1); keep one of the two rows")]
    short = text + "SYN9,2013-02-06\n"
    assert parse(short).errors[-1].line == 7
    assert "2 fields where the header has 31" in parse(short).errors[-1].reason


def test_good_rows_land_bad_rows_are_listed_and_a_second_import_adds_nothing(store):
    text = csv_text([acled_row(1), acled_row(2, latitude="x"), acled_row(3, fatalities=0)], acled.COLUMNS)
    first = import_file(store, text.encode(), "acled")
    assert (first.result.added, first.result.events, first.result.claims) == (2, 2, 2)
    assert [(e.line, "latitude" in e.reason) for e in first.errors] == [(3, True)]
    events = store.events_frame()
    assert sorted(events["id"]) == ["acled-SYN1", "acled-SYN3"]
    assert json.loads(events.loc[events["id"] == "acled-SYN1", "attributes"].item())["actor2"] == "Synthetic Group B"
    claims = store.claims_frame()
    assert sorted(zip(claims["event_id"], claims["killed"])) == [("acled-SYN1", 1), ("acled-SYN3", 0)]
    before = store.counts()
    again = import_file(store, text.encode(), "acled")
    assert (again.added, again.updated, again.unchanged, again.refused) == (0, 0, 2, 1)
    assert store.counts() == before


def test_a_failure_mid_import_leaves_the_database_as_it_was(store):
    import_file(store, csv_text([acled_row(1)], acled.COLUMNS).encode(), "acled")
    before = store.counts()
    good = parse(csv_text([acled_row(n) for n in range(2, 40)], acled.COLUMNS)).payloads
    broken = json.loads(json.dumps(good[-1]))
    broken["report"]["id"] = "acled-broken"
    broken["events"][0]["id"] = "acled-broken"
    broken["events"][0]["event_type"] = None  # NOT NULL: the last event cannot be written
    with pytest.raises(Exception):
        store.import_payloads([*good, broken])
    assert store.counts() == before


def test_the_data_set_is_a_registered_source():
    from conflictmap.reading.sources import SourceRegistry

    assert SourceRegistry.default().get(acled.DATASET).kind == "dataset"


def test_an_upload_is_read_like_a_file(store):
    import io

    upload = io.BytesIO(("\ufeff" + csv_text([acled_row(1)], acled.COLUMNS)).encode("utf-8"))  # with a BOM
    assert import_file(store, upload, "acled").result.added == 1
    with pytest.raises(ImportFileError, match="header lacks event_date"):
        acled.parse(io.BytesIO(b"event_id_cnty\n\xff\xfe\n"))


# The column layout of ACLED exports from before the current codebook (data_id, iso3, no disorder_type or tags).
OLD_LAYOUT = ("data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision",
              "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
              "inter2", "interaction", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
              "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "timestamp", "iso3")


def test_an_older_export_layout_is_read_and_exported_in_the_current_columns(store):
    from conflictmap.exchange import export_text

    row = acled_row(5, data_id=777, event_id_no_cnty=5, iso3="SYR", inter1=1, inter2=0, interaction=10,
                    event_date="06 February 2013", fatalities=2)
    report = import_file(store, csv_text([row], OLD_LAYOUT).encode(), "acled")
    assert report.errors == [] and report.result.added == 1
    attributes = json.loads(store.events_frame()["attributes"].item())
    assert (attributes["inter1"], attributes["interaction"], attributes["data_id"]) == \
        ("State forces", "State forces only", "777")
    assert "inter2" not in attributes
    exported = export_text(store, "acled").splitlines()
    assert exported[0].split(",") == list(acled.COLUMNS)
    values = dict(zip(acled.COLUMNS, exported[1].split(",")))
    assert (values["event_id_cnty"], values["event_date"], values["inter1"], values["inter2"], values["fatalities"]) \
        == ("SYN5", "2013-02-06", "State forces", "", "2")


# ACLED's layout before 2019 (versions up to 8): upper-case names, ALLY_ACTOR_n, GWNO, no sub-event types,
# numeric actor codes, day-first dates. The rows are made up here.
PRE_2019 = ("GWNO", "EVENT_ID_CNTY", "EVENT_ID_NO_CNTY", "EVENT_DATE", "YEAR", "TIME_PRECISION", "EVENT_TYPE",
            "ACTOR1", "ALLY_ACTOR_1", "INTER1", "ACTOR2", "ALLY_ACTOR_2", "INTER2", "INTERACTION", "COUNTRY",
            "ADMIN1", "ADMIN2", "ADMIN3", "LOCATION", "LATITUDE", "LONGITUDE", "GEO_PRECISION", "SOURCE", "NOTES",
            "FATALITIES")


def _pre_2019(n: int, event_type: str, date: str, **values) -> dict:
    row = {"GWNO": 652, "EVENT_ID_CNTY": f"SYR{n}", "EVENT_ID_NO_CNTY": n, "EVENT_DATE": date, "YEAR": 2001,
           "TIME_PRECISION": 1, "EVENT_TYPE": event_type, "ACTOR1": "Synthetic Force A", "ALLY_ACTOR_1": "Allies A",
           "INTER1": 1, "ACTOR2": "Synthetic Group B", "ALLY_ACTOR_2": "", "INTER2": 2, "INTERACTION": 12,
           "COUNTRY": "Syria", "ADMIN1": "Homs", "ADMIN2": "", "ADMIN3": "", "LOCATION": f"Place {n}",
           "LATITUDE": 34.7, "LONGITUDE": 36.7, "GEO_PRECISION": 1, "SOURCE": "Synthetic wire",
           "NOTES": "A made-up note.", "FATALITIES": n}
    row.update(values)
    return row


def test_the_layout_before_sub_event_types_is_read(store):
    from conflictmap.exchange import export_text

    rows = [_pre_2019(1, "Battle-No change of territory", "18/04/2001"),
            _pre_2019(2, "Remote violence", "06-February-2001"),
            _pre_2019(3, "Violence against civilians", "05/04/2001", INTER1=7, INTER2=0, INTERACTION=70)]
    report = import_file(store, csv_text(rows, PRE_2019).encode(), "acled")
    assert (report.added, report.refused) == (3, 0), [str(e) for e in report.errors]
    events = store.events_frame().set_index("id")
    assert events.loc[["acled-SYR1", "acled-SYR2", "acled-SYR3"], "event_type"].tolist() == \
        ["clash", "explosion", "massacre"]
    assert [str(d) for d in events.loc[["acled-SYR1", "acled-SYR2", "acled-SYR3"], "event_date"]] == \
        ["2001-04-18", "2001-02-06", "2001-04-05"]
    first = json.loads(events.loc["acled-SYR1", "attributes"])
    assert (first["assoc_actor_1"], first["inter1"], first["inter2"], first["interaction"], first["gwno"]) == \
        ("Allies A", "State forces", "Rebel group", "State forces-Rebel group", "652")
    exported = list(csv.DictReader(io.StringIO(export_text(store, "acled"))))
    assert [r["event_id_cnty"] for r in exported] == ["SYR2", "SYR3", "SYR1"]
    assert {(r["country"], r["iso"], r["region"]) for r in exported} == {("Syria", "760", "Middle East")}
    assert exported[0]["sub_event_type"] == "Remote explosive/landmine/IED"


def test_an_excel_copy_of_an_acled_export_is_read(store):
    """Re-saved in a semicolon locale: cp1252, BOM-less, CRLF, decimal commas, month-first dates."""
    rows = [acled_row(1, event_date="4/18/2023", latitude="33,51", notes="Frappe à Douma"),
            acled_row(2, event_date="2/6/2023", latitude="33,52")]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(acled.COLUMNS), delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    report = import_file(store, out.getvalue().encode("cp1252"), "acled")
    assert (report.added, report.refused) == (2, 0), [str(e) for e in report.errors]
    events = store.events_frame().set_index("id")
    assert str(events.loc["acled-SYN2", "event_date"]) == "2023-02-06"
    assert events.loc["acled-SYN1", "quote"] == "Frappe à Douma" and events.loc["acled-SYN1", "lat"] == 33.51


def test_text_that_copy_must_escape_is_stored_exactly(store):
    """Tabs, line breaks, backslashes, COPY's NULL marker and quotes reach the database as written (both backends)."""
    nasty = ['tab\there', 'two\nlines', 'back\\slash \\N \\.', '"quoted", ;semi', 'Dar\u02bfa \u062f\u0631\u0639\u0627 \U0001f600']
    rows = [acled_row(n, notes=text, location=f"Place {text}", actor1=text) for n, text in enumerate(nasty, 1)]
    report = import_file(store, csv_text(rows, acled.COLUMNS).encode(), "acled")
    assert report.errors == [] and report.result.added == len(nasty)
    events = store.events_frame().set_index("id")
    for n, text in enumerate(nasty, 1):
        event = events.loc[f"acled-SYN{n}"]
        assert event["quote"] == text.strip()
        assert event["place_mention"] == f"Place {text}".strip()
        assert json.loads(event["attributes"])["actor1"] == text.strip()
    claims = store.claims_frame().set_index("event_id")
    assert sorted(claims["quote"]) == sorted(text.strip() for text in nasty)


# -- the columnar reader against the row-by-row one ---------------------------------------------------------------
MORE_BAD_ROWS = [
    ({"event_date": "1899-12-31"}, "is before 1900"),
    ({"event_date": "2999-01-01"}, "is in the future"),
    ({"event_date": "04/05/2013"}, "could be day-first or month-first"),
    ({"fatalities": "2000000"}, "more than 1,000,000"),
    ({"latitude": "nan"}, "outside -90..90"),
    ({"longitude": "181"}, "outside -180..180"),
    ({"timestamp": "soon"}, "timestamp is 'soon'"),
    ({"fatalities": ""}, "fatalities is empty"),
]


@pytest.mark.parametrize("change, reason", BAD_ROWS + MORE_BAD_ROWS)
@pytest.mark.parametrize("one_line", [True, False], ids=["one line a row", "a note over two lines, a short row"])
def test_the_columnar_reader_refuses_what_the_row_reader_refuses_in_its_words(change, reason, one_line):
    rows = [acled_row(1), acled_row(2, **change), acled_row(3, notes="one line" if one_line else "two\nlines"),
            acled_row(4, **change), acled_row(1), acled_row(5)]
    text = csv_text(rows, acled.COLUMNS) + ("" if one_line else "SYN9,2013-02-06\n")
    by_row, by_column = acled.parse(text.encode()), acled.parse_columns(text.encode())
    assert not isinstance(by_column, type(by_row))  # read column by column, not handed back to the row reader
    assert [(e.line, e.reason, e.column, e.file) for e in by_column.errors] == \
        [(e.line, e.reason, e.column, e.file) for e in by_row.errors]
    # Row 3's notes take lines 4 and 5 when they hold a line break.
    assert [e.line for e in by_column.errors] == ([3, 5, 6] if one_line else [3, 6, 7, 9])
    assert reason in by_column.errors[0].reason
    assert by_column.lines == by_row.lines == ([2, 4, 7] if one_line else [2, 4, 8])


def _mixed_rows(note: str) -> list[dict[str, object]]:
    """Good rows of every shape a column check must get right, and bad ones of every kind."""
    good = [
        acled_row(1), acled_row(2, event_date="06 February 2013", time_precision=2, geo_precision=3),
        acled_row(3, inter1=1, inter2=0, interaction=10, location="", admin2="Douma district"),
        acled_row(4, location="", admin2="", admin1="", notes=note),
        acled_row(5, latitude="-0.0", longitude="0", location="Null Island"),
        acled_row(6, latitude="0.0", longitude="0.0", location="Null Island"),
        acled_row(7, location="Place 1", latitude=round(33.5 + 1 / 1000, 4)),  # the place of row 1 again
        acled_row(8, actor1="'=1+1", notes="'=SUM(A1)", source="", tags="t1; t2", time_precision="",
                  geo_precision=""),
        acled_row(9, notes="Ḥimṣ — قصف", actor2="", inter2="", interaction="", iso="", country="Syria"),
        acled_row(10, fatalities="3.0", timestamp="1700000000.5", event_id_cnty="X" * 40),
        acled_row(11, event_type="Remote violence", sub_event_type="", fatalities=0),
    ]
    bad = [acled_row(20 + n, **change) for n, (change, _) in enumerate(BAD_ROWS + MORE_BAD_ROWS)]
    rows = []
    for n, row in enumerate(good):
        rows.append(row)
        rows.extend(bad[n * 2:n * 2 + 2])
    rows.extend(bad[len(good) * 2:])
    rows.append(acled_row(3))  # the same event as an earlier row
    return rows


def _stored(store) -> dict[str, list[dict]]:  # noqa: ANN001 - an EventStore
    """Every row of the four tables an import writes, in key order (the time of the import left out)."""
    from sqlalchemy import select

    from conflictmap.store import claims, events, places, reports

    found = {}
    with store.engine.connect() as conn:
        for table in (reports, places, events, claims):
            rows = [dict(row._mapping) for row in conn.execute(select(table).order_by(*table.primary_key))]
            found[table.name] = [{k: v for k, v in row.items() if k != "ingested_at"} for row in rows]
    return found


@pytest.fixture
def twin(store, request, tmp_path):  # noqa: ANN001, ANN201 - a second empty EventStore on the same kind of database
    from conftest import postgres_schema

    from conflictmap.store import EventStore

    if store.backend == "sqlite":
        other = EventStore(f"sqlite:///{tmp_path / 'rowwise.db'}")
        yield other
        other.dispose()
        return
    with postgres_schema(request.getfixturevalue("postgres_url")) as engine:
        other = EventStore(store.url, engine=engine)
        yield other
        other.dispose()


SHAPES = {"one line a row": ("one line, \"quoted\"", "", "\n"),
          "Excel's CRLF": ("one line, \"quoted\"", "", "\r\n"),
          "a note over two lines, a short row": ("first\nsecond, \"quoted\"", "SYN99,2013-02-06\n", "\n")}


@pytest.mark.parametrize("shape", SHAPES)
def test_the_columnar_import_stores_what_the_row_by_row_import_stores(store, twin, tmp_path, shape):
    note, short, newline = SHAPES[shape]
    path = tmp_path / "mixed.csv"
    path.write_bytes((csv_text(_mixed_rows(note), acled.COLUMNS) + short).replace("\n", newline).encode())
    assert not isinstance(acled.parse_columns(path), type(acled.parse(path)))  # the columnar path is taken
    text = path.read_bytes().decode("utf-8")
    assert (_one_line_rows(text, ",", list(acled.COLUMNS)) is not None) == (not short)  # and pandas' reader, or not
    columnar, rowwise = import_file(store, path, "acled"), import_file(twin, path, "acled", rowwise=True)
    assert columnar.summary == rowwise.summary
    assert columnar.added == 11 and columnar.refused == len(BAD_ROWS + MORE_BAD_ROWS) + 1 + bool(short)
    assert [(e.line, e.reason, e.column, e.file) for e in columnar.errors] == \
        [(e.line, e.reason, e.column, e.file) for e in rowwise.errors]
    assert _stored(store) == _stored(twin)
    assert len(_stored(store)["places"]) == 10  # eleven events: rows 1 and 7 share a place
    # A newer release of two events, and a new one, into what each path stored: revised and added alike.
    newer = [acled_row(2, event_date="06 February 2013", time_precision=2, geo_precision=3, fatalities=9,
                       timestamp=1800000000), acled_row(5, latitude="-0.0", longitude="0", location="Null Island",
                                                        timestamp=1600000000), acled_row(30)]
    update = csv_text(newer, acled.COLUMNS).encode()
    columnar, rowwise = import_file(store, update, "acled"), import_file(twin, update, "acled", rowwise=True)
    assert (columnar.added, columnar.updated, columnar.unchanged, columnar.older) == (1, 1, 1, 1)
    assert columnar.summary == rowwise.summary
    assert _stored(store) == _stored(twin)
    before = _stored(store)
    again = import_file(store, path, "acled")  # the same file again: nothing changes
    assert (again.added, again.updated) == (0, 0) and _stored(store) == before


def test_a_file_holding_our_own_rows_is_read_row_by_row():
    own = acled_row(1, tags="conflictmap report=r-1a2b", event_id_cnty="r-1a2b-1")
    parsed = acled.parse_columns(csv_text([own, acled_row(2)], acled.COLUMNS).encode())
    assert [p["report"]["id"] for p in parsed.payloads] == ["r-1a2b", "acled-SYN2"]


def test_a_row_another_writer_stores_during_a_columnar_import_is_skipped_not_doubled(postgres_url, monkeypatch):
    """PostgreSQL lets another writer commit a report between the import's look-up and its COPY: the import's
    careful pass then skips that report, as ``import_payloads``' does. (SQLite's write lock keeps it out.)"""
    from conftest import postgres_schema

    from conflictmap import store as store_module
    from conflictmap.store import EventStore

    text = csv_text([acled_row(n) for n in range(1, 6)], acled.COLUMNS).encode()
    with postgres_schema(postgres_url) as engine:
        mine, other = EventStore(postgres_url, engine=engine), EventStore(postgres_url, engine=engine)
        insert = store_module._insert_columns

        def meanwhile(conn, table, columns, **options):  # noqa: ANN001, ANN202 - the other writer, then the COPY
            if table.name == "reports" and not other.counts()["reports"]:
                other.import_payloads(parse(csv_text([acled_row(2)], acled.COLUMNS)).payloads)
            insert(conn, table, columns, **options)

        monkeypatch.setattr(store_module, "_insert_columns", meanwhile)
        report = import_file(mine, text, "acled")
        assert (report.result.added, report.result.skipped, report.result.claims) == (4, 1, 4)
        assert mine.counts() == {"reports": 5, "places": 5, "events": 5, "claims": 5}
        mine.dispose()
        other.dispose()


def test_a_row_holding_a_nul_is_refused_with_its_line_and_the_good_rows_land_on_both_paths(store, twin):
    """A NUL made PostgreSQL's COPY fail the whole import, and SQLite stored it: now the row is refused alike."""
    rows = [acled_row(1), acled_row(2, notes="torn\x00copy"), acled_row(3, event_id_cnty="SYN\x003"), acled_row(4)]
    text = csv_text(rows, acled.COLUMNS).encode()
    columnar, rowwise = import_file(store, text, "acled"), import_file(twin, text, "acled", rowwise=True)
    assert [(e.line, e.reason) for e in columnar.errors] == [(e.line, e.reason) for e in rowwise.errors]
    assert [e.line for e in columnar.errors] == [3, 4]
    assert "column notes holds a NUL character" in columnar.errors[0].reason
    assert "column event_id_cnty holds a NUL character" in columnar.errors[1].reason
    assert columnar.summary == rowwise.summary and columnar.added == 2
    assert _stored(store) == _stored(twin)
    assert sorted(store.events_frame()["id"]) == ["acled-SYN1", "acled-SYN4"]


def test_a_cell_over_the_csv_limit_refuses_the_file_on_both_paths_and_stores_nothing(store, twin):
    """The columnar reader (pandas) read a 128 KiB+ cell that the row reader refuses: both now refuse the file."""
    import csv as csv_module

    text = csv_text([acled_row(1), acled_row(2, notes="n" * (csv_module.field_size_limit() + 1)), acled_row(3)],
                    acled.COLUMNS).encode()
    for target, rowwise in ((store, False), (twin, True)):
        with pytest.raises(ImportFileError, match="line 3: a cell longer than"):
            import_file(target, text, "acled", rowwise=rowwise)
        assert target.counts() == {"reports": 0, "places": 0, "events": 0, "claims": 0}
