"""Credentials never stored or shown: provider reasons scrubbed, database URLs masked in every form."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conflictmap import redact
from conflictmap.store import EventStore, safe_url

ROOT = Path(__file__).resolve().parent.parent
KEY = "AIzaSyD-Zq7neverShown9Xw"


@pytest.mark.parametrize("reason", [
    f"HTTP 403 for https://maps.googleapis.com/maps/api/geocode/json?address=Douma&key={KEY}",
    f"Service error: https://api.opencagedata.com/geocode/v1/json?q=Douma&key={KEY}&limit=1",
    f"401 https://geocoder.ls.hereapi.com/6.2/geocode.json?apiKey={KEY}&searchtext=Douma",
    f"https://api.mapbox.com/geocoding/v5/mapbox.places/Douma.json?access_token={KEY}",
    f"https://wxs.ign.fr/{KEY}/geoportail/ols?xls=1",  # a key in the path
    f"https://user:{KEY}@nominatim.example.org/search?q=Douma",
    f"request failed (api_key={KEY})",
    f"Authorization: Bearer {KEY}",
    f"timeout calling service with subscription-key: {KEY}",
])
def test_a_providers_reason_loses_its_key_whatever_the_provider(reason):
    cleaned = redact.scrub(reason, ())
    assert KEY not in cleaned and KEY[8:] not in cleaned
    assert "***" in cleaned


def test_a_configured_secret_is_scrubbed_wherever_it_appears(monkeypatch):
    monkeypatch.setenv("CONFLICTMAP_GEOCODER_OPTIONS", json.dumps({"api_key": "plainword77", "domain": "x.org"}))
    assert redact.scrub("the provider echoed plainword77 back") == "the provider echoed *** back"


def test_plain_reasons_are_left_as_they_are():
    for reason in ("not in the offline gazetteer", "no place found", "GeocoderTimedOut: Service timed out",
                   "HTTP Error 429: Too Many Requests for https://nominatim.openstreetmap.org/search?q=Douma"):
        assert redact.scrub(reason, ()) == reason


@pytest.mark.parametrize("url, secret", [
    ("postgresql://ana:s3cret-pass@db.example.org:5432/cm", "s3cret-pass"),
    ("postgresql://ana@db.example.org/cm?password=s3cret-pass", "s3cret-pass"),
    ("postgresql+psycopg://ana@db/cm?sslmode=require&password=s3cret-pass", "s3cret-pass"),
    ("postgresql://ana:s3cret@pass@db.example.org/cm", "s3cret@pass"),
    ("postgresql://ana:s3cret:pa/ss@db.example.org/cm", "s3cret:pa/ss"),
    ("postgresql://ana:s3cret%40pass@db.example.org/cm", "s3cret@pass"),
    ("postgresql:///cm?host=/run/postgresql&user=ana&password=s3cret-pass", "s3cret-pass"),
    ("postgresql://ana@db/cm?sslpassword=s3cret-pass", "s3cret-pass"),
])
def test_every_url_form_sqlalchemy_accepts_is_masked(url, secret):
    shown = safe_url(url)
    for part in {secret, *secret.replace(":", "@").replace("/", "@").split("@")}:
        assert len(part) < 4 or part not in shown, shown
    assert "***" in shown and "db" in shown or "/run/postgresql" in shown


def test_a_stored_reason_is_scrubbed_on_the_way_in(store):
    store.ingest({"report": {"id": "r", "pub_date": "2013-02-07"}, "nationwide_claims": [],
                  "events": [{"id": "r-1", "date": "2013-02-06", "event_type": "shelling", "types": ["shelling"],
                              "quote": "Shelling hit Kafr X.", "claims": [],
                              "place": {"id": None, "name": "Kafr X", "mention": "Kafr X", "lat": None,
                                        "lon": None}}]})
    store.record_attempt("r-1", f"HTTP 403 for https://maps.example.com/geocode?q=Kafr+X&key={KEY}")
    reason = store.unresolved_events()["reason"].iloc[0]
    assert KEY not in reason and "maps.example.com" in reason


def test_the_reports_page_scrubs_reasons_stored_before(fresh_home):
    """A reason stored by an older version, key and all, is shown to viewers without the key."""
    from sqlalchemy import update

    from conflictmap.places.gazetteer import Gazetteer
    from conflictmap.sample import load_samples
    from conflictmap.store import geocode_attempts

    store = EventStore(f"sqlite:///{fresh_home / 'conflictmap.db'}")
    load_samples(store, Gazetteer.default())
    store.ingest({"report": {"id": "r", "pub_date": "2013-02-07"}, "nationwide_claims": [],
                  "events": [{"id": "r-1", "date": "2013-02-06", "event_type": "shelling", "types": ["shelling"],
                              "quote": "Shelling hit Kafr X.", "claims": [],
                              "place": {"id": None, "name": "Kafr X", "mention": "Kafr X", "lat": None,
                                        "lon": None}}]})
    store.record_attempt("r-1", "placeholder")
    with store.engine.begin() as conn:  # as an older version stored it
        conn.execute(update(geocode_attempts).values(reason=f"403 https://maps.example.com/geocode?key={KEY}"))
    store.dispose()
    app = AppTest.from_file(str(ROOT / "pages" / "1_Reports.py"), default_timeout=60)
    app.secrets["editor_password"] = "correct horse"  # a viewer
    app.run()
    assert not app.exception
    shown = "\n".join(str(frame.value.to_numpy().tolist()) for frame in app.dataframe)
    assert "maps.example.com" in shown and KEY not in shown


def test_secrets_toml_is_ignored_by_git():
    lines = (ROOT / ".gitignore").read_text(encoding="utf-8").split("\n")
    assert ".streamlit/secrets.toml" in lines
    inside = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=ROOT, capture_output=True)
    if inside.returncode == 0:  # and git itself agrees (a source tarball has no git to ask)
        for path in (".streamlit/secrets.toml", "secrets.toml"):
            result = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT)
            assert result.returncode == 0, f"{path} is not in .gitignore"
