"""The formula guard: no CSV cell conflictmap writes starts a formula, in any locale; numbers stay numbers."""
from __future__ import annotations

import csv
import io

import pytest

from conflictmap.exchange.spreadsheet import FORMULA_STARTS, cell, csv_text, dangerous, frame_csv, neutralise, restore

ATTACKS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1",
           "\uff1d1+1", "\uff0bcmd", "\uff0d2+3", "\uff20SUM(A1)", "  =1+1", "\u00a0=1", "\u3000=1", " @x"]


@pytest.mark.parametrize("value", ATTACKS)
def test_every_way_a_cell_can_start_a_formula_is_neutralised(value):
    assert dangerous(value)
    written = neutralise(value)
    assert written.startswith("'") and restore(written) == value


@pytest.mark.parametrize("value", [-3.7, 0, 12, "-3.7", "+7", "-1e5", "Douma", "'tis", "", "a=b", "x-y"])
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert neutralise(value) == value


@pytest.mark.parametrize("value", ["x;=1+1", "Douma; -2+3", "a;@SUM(A1)", "b;\uff1dcmd"])
def test_a_semicolon_locale_cannot_split_a_cell_into_a_formula(value):
    text = csv_text([{"note": value, "n": -2}], ["note", "n"])
    for delimiter in (",", ";"):  # how a comma locale and a semicolon locale each split the line
        cells = [c for row in csv.reader(io.StringIO(text), delimiter=delimiter) for c in row]
        assert not any(c.lstrip(" \u00a0\u3000").startswith(FORMULA_STARTS) and not c.lstrip("-").replace(".", "").isdigit()
                       for c in cells), cells
    assert list(csv.DictReader(io.StringIO(text))) == [{"note": value, "n": "-2"}]


def test_cells_are_quoted_only_when_they_must_be():
    assert cell("Douma") == "Douma" and cell("a,b") == '"a,b"' and cell('say "x"') == '"say ""x"""'
    assert cell(None) == "" and cell(float("nan")) == "" and cell(33.51) == "33.51" and cell(7) == "7"


def test_a_frame_downloads_as_guarded_csv():
    import pandas as pd

    frame = pd.DataFrame({"place": ["=cmd", "Douma"], "killed": [3, None], "lon": [-3.7, 36.3]})
    rows = list(csv.DictReader(io.StringIO(frame_csv(frame))))
    assert rows[0] == {"place": "'=cmd", "killed": "3.0", "lon": "-3.7"}
    assert rows[1]["killed"] == ""
