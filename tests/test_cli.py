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
