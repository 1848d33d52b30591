"""The links between pages carry the view; the app's public root is configurable."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from conflictmap import navigation
from conflictmap.view import decode

ROOT = Path(__file__).resolve().parent.parent


def test_the_view_travels_and_play_and_foreign_keys_stay_behind():
    params = {"from": "2013-02-04", "to": "2013-02-08", "type": ["suicide_bombing", "airstrike"], "play": "1",
              "actor": "ISIS", "utm_source": "chat", "event": "e1"}
    carried = navigation.carried(params)
    assert "play" not in carried and "utm_source" not in carried
    view = decode(carried)
    assert (view.start, view.end, view.event) == (dt.date(2013, 2, 4), dt.date(2013, 2, 8), "e1")
    assert view.filters.types == ("suicide_bombing", "airstrike") and view.filters.actor == "ISIS"
    assert navigation.carried({}) == {}


def test_every_page_has_a_link_and_every_link_a_page():
    scripts = {p.script for p in navigation.PAGES}
    assert scripts == {"app.py", *(f"pages/{f.name}" for f in (ROOT / "pages").glob("*.py"))}
    assert navigation.PAGES[0].label == "Map" and navigation.PAGES[0].path == ""


def test_public_url_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("CONFLICTMAP_PUBLIC_URL", " https://maps.example.org/cm ")
    assert navigation.public_url() == "https://maps.example.org/cm"
    monkeypatch.delenv("CONFLICTMAP_PUBLIC_URL")
    assert navigation.public_url() is None  # no secrets.toml in the tests' working directory
