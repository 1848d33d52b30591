"""``python -m conflictmap`` as a user runs it: a real process, real files."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "conflictmap", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


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


def test_geocode_answers_json_or_fails_clearly():
    found = run("geocode", "Kidm", "--format", "json")
    assert found.returncode == 0
    place = json.loads(found.stdout)
    assert place["name"] == "Qadam" and place["precision"] == "neighbourhood" and place["admin1"] == "Damascus"
    assert place["source"] and place["lat"] and place["lon"]
    missing = run("geocode", "Atlantis-on-Sea")
    assert missing.returncode == 1
    assert "no place called 'Atlantis-on-Sea'" in missing.stderr


def test_bad_arguments_are_refused_with_a_reason(tmp_path):
    out = run("extract", str(tmp_path / "nope.txt"))
    assert out.returncode == 2 and "no such file" in out.stderr
    bad_date = run("extract", str(tmp_path / "nope.txt"), "--pub-date", "07/02/2013")
    assert bad_date.returncode == 2 and "YYYY-MM-DD" in bad_date.stderr


def test_import_reports_bad_rows_and_export_writes_each_format(tmp_path, capsys):
    from synthetic import acled_row, csv_text

    from conflictmap import acled

    url = f"sqlite:///{tmp_path / 'io.db'}"
    source = tmp_path / "acled.csv"
    source.write_text(csv_text([acled_row(1), acled_row(2, fatalities="lots"), acled_row(3)], acled.COLUMNS))
    first = run("import", str(source), "--format", "acled", "--database", url)
    assert first.returncode == 1  # good rows stored, one refused: the exit status says so
    assert "2 record(s) added" in first.stdout
    assert f"{source}: line 3: fatalities is 'lots', not a number" in first.stderr
    second = run("import", str(source), "--format", "acled", "--database", url)
    assert "0 record(s) added" in second.stdout and "2 already stored" in second.stdout

    dump = tmp_path / "dump.json"
    assert run("export", "--format", "json", "--output", str(dump), "--database", url).returncode == 0
    copy = f"sqlite:///{tmp_path / 'copy.db'}"
    loaded = run("import", str(dump), "--format", "json", "--database", copy)
    assert loaded.returncode == 0 and "2 record(s) added" in loaded.stdout
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
