"""``python -m conflictmap`` as a user runs it: a real process, real files."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The command as a user runs it; offline unless the test points it at a provider."""
    base = {**os.environ, "CONFLICTMAP_GEOCODER": "off"}
    return subprocess.run([sys.executable, "-m", "conflictmap", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**base, **(env or {})}, timeout=120)


def test_extract_prints_the_json_contract_and_writes_nothing(seed_report, tmp_path):
    home = tmp_path / "home"
    out = run("extract", str(seed_report), "--pub-date", "2013-02-07", "--format", "json",
              env={"CONFLICTMAP_HOME": str(home)})
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) >= {"events", "nationwide_claims", "unresolved"}
    palmyra = next(e for e in data["events"] if e["place"]["name"] == "Palmyra")
    assert set(palmyra["place"]) >= {"name", "mention", "lat", "lon", "precision", "admin1"}
    claim = palmyra["claims"][0]
    assert set(claim) >= {"source", "source_mention", "killed", "injured", "civilians", "rebels", "government",
                          "scope", "denial", "quote"}
    assert (claim["source"], claim["killed"]) == ("Syrian Observatory for Human Rights", 19)
    for item in data["unresolved"]:
        assert set(item) == {"mention", "quote"}
    assert not home.exists()


def test_ingest_stores_once(seed_report, tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    first = run("ingest", str(seed_report), "--pub-date", "2013-02-07", "--publisher", "Arabstoday",
                "--database", url)
    assert first.returncode == 0, first.stderr
    assert "stored report" in first.stdout
    second = run("ingest", str(seed_report), "--pub-date", "2013-02-07", "--database", url)
    assert "already stored; nothing changed" in second.stdout

    from conflictmap.store import EventStore

    store = EventStore(url)
    assert store.counts()["reports"] == 1
    assert set(store.reports_frame()["publisher"]) == {"Arabstoday"}


def test_geocode_answers_json_or_fails_clearly(tmp_path):
    home = {"CONFLICTMAP_HOME": str(tmp_path)}
    found = run("geocode", "Kidm", "--format", "json", env=home)
    assert found.returncode == 0
    place = json.loads(found.stdout)
    assert place["name"] == "Qadam" and place["precision"] == "neighbourhood" and place["admin1"] == "Damascus"
    assert place["source"] and place["lat"] and place["lon"]
    assert (place["geo_precision"], place["where_prec"], place["via"]) == (1, 1, "gazetteer")
    missing = run("geocode", "Atlantis-on-Sea", env=home)
    assert missing.returncode == 1
    assert "no place called 'Atlantis-on-Sea'" in missing.stderr and "online lookups are off" in missing.stderr


def test_geocode_places_tadamon_as_acled_writes_it(tmp_path):
    out = run("geocode", "Tadamon", "--near", "Damascus", "--format", "json", "--offline",
              env={"CONFLICTMAP_HOME": str(tmp_path)})
    assert out.returncode == 0, out.stderr
    place = json.loads(out.stdout)
    assert (place["display_name"], place["precision"]) == ("Damascus - Tadamon", "neighbourhood")
    assert place["source"].startswith("http") and 33.4 < place["lat"] < 33.6 and 36.2 < place["lon"] < 36.4


def test_geocode_finds_places_of_other_countries(tmp_path):
    home = {"CONFLICTMAP_HOME": str(tmp_path)}
    sanaa = json.loads(run("geocode", "Sanaa", "--country", "YE", "--offline", env=home).stdout)
    assert (sanaa["country"], sanaa["id"], round(sanaa["lat"], 1)) == ("YE", "ye-sanaa", 15.4)
    assert json.loads(run("geocode", "Sanaa", "--offline", env=home).stdout)["id"] == "ye-sanaa"
    assert json.loads(run("geocode", "Sanaa", "--near", "Hama", "--offline", env=home).stdout)["country"] == "SY"
    camp = json.loads(run("geocode", "Maghazi", "--near", "Deir al-Balah", "--offline", env=home).stdout)
    assert camp["country"] == "PS" and camp["precision"] == "neighbourhood"


def test_geocode_without_country_reports_namesakes_abroad(tmp_path):
    zeitoun = json.loads(run("geocode", "Zeitoun", "--offline", env={"CONFLICTMAP_HOME": str(tmp_path)}).stdout)
    assert (zeitoun["country"], zeitoun["id"]) == ("PS", "ps-zeitoun") and zeitoun["confidence"] < 1
    assert "CN" in {a["country"] for a in zeitoun["alternatives"]}  # Quanzhou, once Zaitun: offered, not chosen


def test_bad_arguments_are_refused_with_a_reason(tmp_path):
    out = run("extract", str(tmp_path / "nope.txt"))
    assert out.returncode == 2 and "no such file" in out.stderr
    bad_date = run("extract", str(tmp_path / "nope.txt"), "--pub-date", "07/02/2013")
    assert bad_date.returncode == 2 and "YYYY-MM-DD" in bad_date.stderr


def test_extract_reads_a_report_as_the_country_it_is_given(tmp_path):
    report = tmp_path / "report.txt"
    # the text alone points at Burkina Faso (a town there is named, Mali only once); the analyst knows better
    report.write_text("Jihadists killed 30 soldiers near Boni on Tuesday, the army said. An attack near Djibo in "
                      "Burkina Faso killed 12, officials said.\n", encoding="utf-8")
    inferred = json.loads(run("extract", str(report), "--pub-date", "2024-06-05").stdout)
    given = run("extract", str(report), "--pub-date", "2024-06-05", "--country", "ml")
    assert given.returncode == 0, given.stderr
    assert inferred["country"] == "BF" and json.loads(given.stdout)["country"] == "ML"
    bad = run("extract", str(report), "--country", "Mali")
    assert bad.returncode == 2 and "ISO 3166-1 alpha-2" in bad.stderr


# A GeoNames dump in its own 19-column format: a city, two of its sections, a governorate, a town abroad.
DUMP_ROWS = [
    ("9000001", "Madinat Test", "Madinat Test", "Medinet Test,مدينة تست", "34.5000", "38.5000", "P", "PPLA", "SY",
     "", "11", "", "", "", "250000", "", "400", "Asia/Damascus", "2024-01-01"),
    ("9000002", "Hayy al-Warda", "Hayy al-Warda", "Hay al Wardeh,Warda Quarter", "34.5100", "38.5100", "P", "PPLX",
     "SY", "", "11", "", "", "", "0", "", "400", "Asia/Damascus", "2024-01-01"),
    ("9000003", "Hayy al-Warda", "Hayy al-Warda", "", "32.1000", "36.1000", "P", "PPL", "SY", "", "06", "", "",
     "", "900", "", "400", "Asia/Damascus", "2024-01-01"),
    ("9000004", "Muhafazat Hims", "Muhafazat Hims", "", "34.3", "38.3", "A", "ADM1", "SY", "", "11", "", "", "",
     "0", "", "400", "Asia/Damascus", "2024-01-01"),
    ("9000005", "Wadi Test Stream", "Wadi Test Stream", "", "34.6", "38.6", "H", "STM", "SY", "", "11", "", "", "",
     "0", "", "400", "Asia/Damascus", "2024-01-01"),
]


def write_dump(path: Path, rows=DUMP_ROWS) -> Path:
    path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_gazetteer_import_reads_a_geonames_dump_and_geocode_uses_it(tmp_path):
    home = {"CONFLICTMAP_HOME": str(tmp_path / "home")}
    out = run("gazetteer", "import", str(write_dump(tmp_path / "SY.txt")), env=home)
    assert out.returncode == 0, out.stderr
    assert "imported 4 places of SY" in out.stdout  # the stream is not a place reports name
    quarter = run("geocode", "Hay al Wardeh", "--near", "Homs", "--offline", env=home)
    assert quarter.returncode == 0, quarter.stderr
    found = json.loads(quarter.stdout)
    assert found["display_name"] == "Madinat Test - Hayy al-Warda" and found["precision"] == "neighbourhood"
    assert found["admin1"] == "Homs" and found["source"] == "geonames:9000002"
    village = json.loads(run("geocode", "Hayy al-Warda", "--near", "Daraa", env=home).stdout)
    assert village["source"] == "geonames:9000003" and village["precision"] == "town"
    assert [a["id"] for a in village["alternatives"]] == ["geonames:9000002"]


def test_gazetteer_import_refuses_a_file_that_is_not_a_dump(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("name,lat,lon\nJobar,33.5,36.3\n", encoding="utf-8")
    out = run("gazetteer", "import", str(bad), env={"CONFLICTMAP_HOME": str(tmp_path)})
    assert out.returncode == 2 and "19" in out.stderr


def test_retry_unresolved_and_pin_from_the_command_line(tmp_path):
    from conflictmap.store import EventStore

    from tests.nominatim_server import NominatimServer, Row
    from tests.places.test_chain import unplaced_payload

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    store = EventStore(url)
    store.ingest(unplaced_payload())
    offline = run("geocode", "--retry-unresolved", "--database", url)
    assert offline.returncode == 0, offline.stderr
    assert "placed 1, 2 still unplaced" in offline.stdout and "online lookups are off" in offline.stdout
    with NominatimServer([Row("Zamalka Farms", 33.5301, 36.3602)]) as server:
        online = {"CONFLICTMAP_GEOCODER": "nominatim", "CONFLICTMAP_GEOCODER_DOMAIN": server.domain,
                  "CONFLICTMAP_GEOCODER_SCHEME": "http", "CONFLICTMAP_GEOCODER_MIN_DELAY": "0.01",
                  "CONFLICTMAP_GEOCODER_TIMEOUT": "3"}
        out = run("geocode", "--retry-unresolved", "--database", url, env=online)
        assert "placed 1, 1 still unplaced" in out.stdout and "nominatim knows no such place" in out.stdout
        assert server.agents and all(a.startswith("conflictmap") for a in server.agents)
    pinned = run("pin", "Harasta al-Qantara", "--lat", "33.565", "--lon", "36.38", "--database", url)
    assert pinned.returncode == 0 and "by local editor" in pinned.stdout
    assert store.unresolved_events().empty
    assert len(store.pins_frame()) == 1
    again = json.loads(run("geocode", "Harasta al-Qantara", "--database", url).stdout)
    assert (again["via"], again["lat"]) == ("pin", 33.565)


def test_a_pinned_name_places_events_of_reports_ingested_later(tmp_path):
    url = f"sqlite:///{tmp_path / 'pins.db'}"
    first = tmp_path / "first.txt"
    first.write_text("Shelling hit the neighbourhood of Hay al-Nakheel on Monday, killing 3 people, activists said.\n",
                     encoding="utf-8")
    out = run("ingest", str(first), "--pub-date", "2014-03-05", "--database", url)
    assert out.returncode == 0, out.stderr
    assert "1 place to pin" in out.stdout
    assert run("pin", "Hay al-Nakheel", "--lat", "33.529", "--lon", "36.319", "--database", url).returncode == 0
    later = tmp_path / "later.txt"
    later.write_text("Mortars fell on the neighbourhood of Hay al-Nakheel on Tuesday, wounding 5 people, "
                     "activists said.\n", encoding="utf-8")
    again = run("ingest", str(later), "--pub-date", "2014-03-12", "--database", url)
    assert again.returncode == 0, again.stderr
    assert "placed online or by pins" in again.stdout and "to pin" not in again.stdout

    from conflictmap.store import EventStore

    frame = EventStore(url).events_frame()
    assert len(frame) == 2 and frame["lat"].tolist() == [33.529, 33.529]


def test_ingest_lists_the_names_it_left_unplaced_with_their_sentence(tmp_path):
    """As the Ingest page lists them: an event's place no lookup found, and a name in an event's sentence that
    no event is placed at (Sakhour beside Bustan al-Qasr), one a line with the sentence's start, as plain text."""
    url = f"sqlite:///{tmp_path / 'names.db'}"
    text = tmp_path / "report.txt"
    text.write_text("Shelling hit the village of Tal Sinthetiya on Monday, killing 4 people, activists said. "
                    "Shells slammed into Sakhour and Bustan al-Qasr on Monday, killing 3 people, activists said.\n",
                    encoding="utf-8")
    out = run("ingest", str(text), "--pub-date", "2014-03-05", "--database", url)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert "1 place to pin" in lines[0]
    assert lines[1].startswith("  to pin: Tal Sinthetiya (") and \
        lines[1].endswith(" — Shelling hit the village of Tal Sinthetiya on Monday,…")
    assert lines[2] == "  named, not placed: Sakhour — Shells slammed into Sakhour and Bustan al-Qasr on Monday,…"
    assert len(lines) == 3
    pinned = run("pin", "Tal Sinthetiya", "--lat", "33.61", "--lon", "36.42", "--database", url)
    assert pinned.returncode == 0, pinned.stderr
    later = tmp_path / "later.txt"
    later.write_text("Mortars fell on the village of Tal Sinthetiya on Tuesday, wounding 5 people, activists said.\n",
                     encoding="utf-8")
    again = run("ingest", str(later), "--pub-date", "2014-03-12", "--database", url)
    assert again.stdout.splitlines()[1:] == []  # placed on the pin: nothing left to list


def test_unplaced_lines_are_plain_text():
    """A name or sentence from a report cannot drive the terminal: escapes and bidi overrides are dropped."""
    from conflictmap.cli import unplaced_lines

    payload = {"events": [{"id": "r-1", "place": {"mention": "Kafr\x1b]0;owned\x07 \u202eX", "lat": None},
                           "quote": "Shells\r\nhit \x1b[2J" + "a very long sentence " * 5, "claims": []}]}
    [line] = unplaced_lines(payload, {"r-1": "not\x1b[31m found"}, lambda name: True)
    assert "\x1b" not in line and "\u202e" not in line and "\r" not in line and "\x07" not in line
    assert line.startswith("  to pin: Kafr ]0;owned X (not [31m found) — Shells hit [2Ja very long") and \
        line.endswith("…")
    assert unplaced_lines(payload, {}, lambda name: True) == []  # placed meanwhile: not listed


def test_import_reports_bad_rows_and_export_writes_each_format(tmp_path, capsys):
    from synthetic import acled_row, csv_text

    from conflictmap.exchange import acled

    url = f"sqlite:///{tmp_path / 'io.db'}"
    source = tmp_path / "acled.csv"
    source.write_text(csv_text([acled_row(1), acled_row(2, fatalities="lots"), acled_row(3)], acled.COLUMNS))
    first = run("import", str(source), "--format", "acled", "--database", url)
    assert first.returncode == 1  # good rows stored, one refused: the exit status says so
    assert "2 added, 0 updated, 0 unchanged, 1 refused" in first.stdout
    assert f"{source}, line 3, column fatalities: fatalities is 'lots', not a number" in first.stderr
    second = run("import", str(source), "--format", "acled", "--database", url)
    assert "0 added, 0 updated, 2 unchanged, 1 refused" in second.stdout

    dump = tmp_path / "dump.json"
    assert run("export", "--format", "json", "--output", str(dump), "--database", url).returncode == 0
    copy = f"sqlite:///{tmp_path / 'copy.db'}"
    loaded = run("import", str(dump), "--format", "json", "--database", copy)
    assert loaded.returncode == 0 and "2 report(s) added" in loaded.stdout
    assert run("export", "--format", "json", "--database", copy).stdout == dump.read_text()

    # The other formats through the same entry point, in-process (a process each costs seconds).
    from conflictmap.cli import main

    assert main(["export", "--format", "geojson", "--database", url]) == 0
    assert len(json.loads(capsys.readouterr().out)["features"]) == 2
    assert main(["export", "--format", "acled", "--from", "2013-02-06", "--to", "2013-02-06", "--database", url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("event_id_cnty,event_date,year,") and len(lines) == 3
    assert main(["export", "--format", "ucdp", "--from", "2020-01-01", "--database", url]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_import_refuses_a_file_of_the_wrong_kind(tmp_path):
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("name,value\na,1\n")
    out = run("import", str(wrong), "--format", "ucdp", "--database", f"sqlite:///{tmp_path / 'x.db'}")
    assert out.returncode == 2 and "not a UCDP GED CSV" in out.stderr
    missing = run("import", str(tmp_path / "none.csv"), "--format", "acled")
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_an_unreachable_database_is_one_line_without_the_password(tmp_path):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"postgresql://ana:Zq7-never-shown@127.0.0.1:{port}/cm"
    out = run("export", "--format", "json", "--database", url, env={"CONFLICTMAP_HOME": str(tmp_path)})
    assert out.returncode == 3
    assert "Zq7-never-shown" not in out.stderr + out.stdout and "Traceback" not in out.stderr
    assert "the database postgresql://ana:***@127.0.0.1" in out.stderr and "nothing was written" in out.stderr


@pytest.mark.parametrize("fault, words", [("timeout", "timed out"), ("500", "provider error"),
                                          ("closed", "no network")])
def test_ingest_while_the_geocoder_fails_then_a_retry_places_the_events(tmp_path, fault, words):
    """End to end: the provider fails during ingest; the report is stored, the place waits; later it is found."""
    from conflictmap.store import EventStore

    from tests.nominatim_server import NominatimServer, Row

    url = f"sqlite:///{tmp_path / 'faults.db'}"
    text = tmp_path / "report.txt"
    text.write_text("Shelling hit the village of Tal Sinthetiya on Monday, killing 4 people, activists said. "
                    "Mortars fell on Jobar in Damascus on Monday, wounding 2, activists said.\n", encoding="utf-8")
    server = NominatimServer([Row("Tal Sinthetiya", 33.61, 36.42, addresstype="village")], delay=3.0)
    with server:
        env = {"CONFLICTMAP_GEOCODER": "nominatim", "CONFLICTMAP_GEOCODER_DOMAIN": server.domain,
               "CONFLICTMAP_GEOCODER_SCHEME": "http", "CONFLICTMAP_GEOCODER_MIN_DELAY": "0.01",
               "CONFLICTMAP_GEOCODER_TIMEOUT": "1"}
        server.mode = "ok" if fault == "closed" else fault
        down = dict(env, CONFLICTMAP_GEOCODER_DOMAIN=f"127.0.0.1:{_closed_port()}") if fault == "closed" else env
        out = run("ingest", str(text), "--pub-date", "2014-03-05", "--database", url, env=down)
        assert out.returncode == 0, out.stderr
        assert "stored report" in out.stdout and "1 place to pin" in out.stdout
        store = EventStore(url)
        left = store.unresolved_events()
        assert list(left["place_mention"]) == ["Tal Sinthetiya"] and words in left["reason"].iloc[0]
        assert len(store.events_frame()) == 2  # Jobar came from the gazetteer, untouched by the outage

        server.mode = "ok"
        again = run("geocode", "--retry-unresolved", "--database", url, env=env)
        assert again.returncode == 0, again.stderr
        assert "placed 1" in again.stdout and store.unresolved_events().empty
        placed = store.events_frame().set_index("place_mention").loc["Tal Sinthetiya"]
        assert (placed["lat"], placed["lon"]) == (33.61, 36.42)
        store.dispose()


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_import_prints_added_updated_unchanged_and_refused(tmp_path, capsys):
    from synthetic import acled_row, csv_text

    from conflictmap.cli import main
    from conflictmap.exchange import acled

    url = f"sqlite:///{tmp_path / 'rev.db'}"
    first, second = tmp_path / "release-1.csv", tmp_path / "release-2.csv"
    first.write_text(csv_text([acled_row(1, fatalities=2), acled_row(2)], acled.COLUMNS))
    second.write_text(csv_text([acled_row(1, fatalities=4, timestamp=1800000000), acled_row(2), acled_row(3),
                                acled_row(4, event_date="Tuesday")], acled.COLUMNS))
    assert main(["import", str(first), "--format", "acled", "--database", url]) == 0
    assert "2 added, 0 updated, 0 unchanged, 0 refused" in capsys.readouterr().out
    assert main(["import", str(second), "--format", "acled", "--database", url]) == 1
    out, err = capsys.readouterr()
    assert f"{second}: 1 added, 1 updated, 1 unchanged, 1 refused" in out
    assert f"{second}, line 5, column event_date: event_date 'Tuesday' is not a date this importer reads; " \
           "write it as YYYY-MM-DD" in err
    assert main(["import", str(first), "--format", "acled", "--database", url]) == 0
    assert "0 added, 0 updated, 2 unchanged, 0 refused (1 older than the version stored)" in capsys.readouterr().out
