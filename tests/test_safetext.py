"""Untrusted text shown as text: Markdown escaped, JavaScript strings encoded, table cells formula-safe.

The JavaScript encoder is checked by a real JavaScript engine (Node, else
Chromium): each hostile string, put between single quotes, double quotes and
backticks, and inside a ``<script>`` element, must read back exactly and run
nothing.
"""
from __future__ import annotations

import json
import shutil
import subprocess

import pandas as pd
import pytest

from conflictmap import mapview, safetext

HOSTILE_JS = [
    "`); window.__pwned = 1; (`",
    "${window.__pwned = 1}",
    "</script><script>window.__pwned = 1</script>",
    "line\u2028separator\u2029paragraph",
    "quote ' double \" back \\ slash",
    "<!-- comment --> & amp",
    "nul\x00 tab\t cr\r lf\n bom\ufeff",
    "emoji 🗺️ and Arabic دمشق",
]
HOSTILE_MD = ["![x](http://attacker.example/p.png)", "[Read the full story](http://phish.example)",
              "<http://attacker.example>", "www.attacker.example", "# heading", "**bold** _it_ `code`",
              ":red[colour] :material/home: $x^2$", "1. list", "> quote", "| a | b |", "&lt;entity&gt;"]


def _node() -> str | None:
    return shutil.which("node") or shutil.which("nodejs")


@pytest.mark.parametrize("text", HOSTILE_JS)
def test_the_js_body_has_nothing_that_ends_a_string_or_a_script(text):
    body = safetext.js_body(text)
    for bad in ("`", "${", "'", '"', "</", "<", "\u2028", "\u2029", "\n", "\r", "\x00"):
        assert bad not in body, (bad, body)
    assert safetext.js_string(text) == f'"{body}"'


def test_a_javascript_engine_reads_every_string_back_in_every_kind_of_literal(tmp_path):
    node = _node()
    if node is None:
        pytest.skip("no Node.js to run JavaScript (the browser test covers the same strings)")
    lines = ["globalThis.__pwned = 0; const out = [];"]
    for text in HOSTILE_JS:
        body = safetext.js_body(text)
        lines.append(f"out.push(['{body}', \"{body}\", `{body}`]);")
    lines.append("console.log(JSON.stringify({out, pwned: globalThis.__pwned}));")
    script = tmp_path / "strings.js"
    script.write_text("\n".join(lines), encoding="utf-8")
    result = json.loads(subprocess.run([node, str(script)], capture_output=True, text=True, check=True,
                                       timeout=60).stdout)
    assert result["pwned"] == 0
    assert result["out"] == [[text] * 3 for text in HOSTILE_JS]


def test_inside_a_script_element_in_the_browser(browser):
    """The encoded strings inside a real page's <script>: the element is not ended early, nothing runs."""
    page = browser.new_page()
    bodies = [safetext.js_body(t) for t in HOSTILE_JS]
    script = "window.out = [" + ",".join(f"[`{b}`, '{b}', \"{b}\"]" for b in bodies) + "];"
    page.set_content(f"<html><body><script>window.__pwned = 0; {script}</script></body></html>")
    assert page.evaluate("window.__pwned") == 0
    assert page.evaluate("window.out") == [[t] * 3 for t in HOSTILE_JS]
    assert page.evaluate("document.scripts.length") == 1
    page.close()


def test_a_draft_map_tooltip_from_a_hostile_place_name_runs_nothing(browser):
    """The Ingest page's draft map: place names come from an online geocoder anyone can edit."""
    name = "Douma `); window.__pwned = 1; (` ${window.__pwned = 2} </script><script>window.__pwned = 3</script>"
    payload = {"events": [{"id": "r-1", "event_type": "shelling",
                           "place": {"name": name, "display_name": name, "lat": 33.57, "lon": 36.4,
                                     "precision": "town"}}]}
    html = mapview.draft_map(payload, "http://assets.test").get_root().render()
    from conflictmap.dashboard import leaflet_dir

    page = browser.new_page()

    def serve(route):  # Leaflet's own files, as the app serves them
        path = leaflet_dir() / route.request.url.removeprefix("http://assets.test/")
        if path.is_file():
            route.fulfill(body=path.read_bytes(), content_type="text/css" if path.suffix == ".css"
                          else "application/javascript")
        else:
            route.fulfill(status=404, body="")

    page.route("http://assets.test/**", serve)
    page.route("**/*.png", lambda route: route.fulfill(status=404, body=""))  # no tiles from the internet
    page.set_content("<script>window.__pwned = 0</script>" + html, wait_until="load")
    tips = page.evaluate("Object.keys(window).filter(k => k.startsWith('circle_marker_'))"
                         ".map(k => window[k].getTooltip().getContent())")
    assert page.evaluate("window.__pwned") == 0
    assert len(tips) == 1
    assert "Douma `); window.__pwned = 1; (` ${window.__pwned = 2} &lt;/script&gt;" in tips[0]
    page.close()


@pytest.mark.parametrize("text", HOSTILE_MD)
def test_markdown_characters_are_escaped(text):
    escaped = safetext.md(text)
    assert "](" not in escaped and "![" not in escaped
    for char in "[]()<>#*_`$:&|!":
        assert escaped.count(char) == escaped.count("\\" + char), (char, escaped)


def test_md_keeps_plain_words_and_line_breaks_as_they_are():
    assert safetext.md("Douma, Rif Dimashq\nsaid 19") == "Douma, Rif Dimashq\nsaid 19"
    assert safetext.md(None) == ""


def test_table_cells_cannot_start_a_formula_and_numbers_stay_numbers():
    frame = pd.DataFrame({"quote": ["=HYPERLINK(\"http://x\")", "@SUM(A1)", "+1+1", "-2+3", "plain", None],
                          "killed": [1, 2, 3, 4, 5, 6], "lon": [-3.7, 1.0, 2.0, 3.0, 4.0, 5.0]})
    safe = safetext.table(frame)
    assert [v for v in safe["quote"] if isinstance(v, str) and v[:1] in "=@+-"] == []
    assert safe["quote"].iloc[4] == "plain" and pd.isna(safe["quote"].iloc[5])
    assert list(safe["killed"]) == list(frame["killed"]) and list(safe["lon"]) == list(frame["lon"])
    assert frame["quote"].iloc[0].startswith("=")  # the caller's frame is left alone


# Explicit directional formatting (UAX #9): an override draws "Monitor \u202e001" as "Monitor 100", and an
# unclosed one reverses whatever the page writes after it ("Trojan Source", CVE-2021-42574).
BIDI = ["Monitor \u202e001\u202c", "Town \u202egnillehs", "\u2067lie\u2069 isolate", "\u202a\u202b\u202d embed",
        "\u200f10\u2013100\u200e marks", "\u061c101"]


@pytest.mark.parametrize("text", BIDI)
def test_no_directional_control_reaches_markdown_a_table_or_plain_text(text):
    controls = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    for shown in (safetext.md(text), safetext.plain(text), safetext.table(pd.DataFrame({"t": [text]}))["t"].iloc[0]):
        assert not controls & set(shown), repr(shown)
    assert safetext.plain(text).replace(" ", "") == "".join(c for c in text if c not in controls).replace(" ", "")


def test_arabic_and_hebrew_letters_stay_and_read_in_their_own_direction():
    assert safetext.plain("Douma \u062f\u0648\u0645\u0627 \u05d3") == "Douma \u062f\u0648\u0645\u0627 \u05d3"
    assert safetext.md("\u062f\u0645\u0634\u0642") == "\u062f\u0645\u0634\u0642"


def test_an_editable_column_keeps_its_directional_characters_for_the_database():
    frame = pd.DataFrame({"place": ["\u202eabc"], "quote": ["\u202exyz"]})
    safe = safetext.table(frame, columns=["quote"])
    assert safe["place"].iloc[0] == "\u202eabc" and safe["quote"].iloc[0] == "xyz"
