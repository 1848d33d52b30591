"""The ledger of an incident: every claim across reports, the range, disagreement flags, and how figures moved."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from conflictmap import ledger


def _claims() -> pd.DataFrame:
    rows = [
        # source, killed, injured, civilians, scope, denial, claim_date, report_date, publisher, event_id
        ("SOHR", 30, None, None, "event", False, None, "2017-03-11", "Wire A", "e1"),
        ("SOHR", 59, None, 47, "event", False, None, "2017-03-12", "Wire B", "e2"),
        ("State TV", 40, 120, None, "event", False, "2017-03-12", "2017-03-12", "Wire B", "e2"),
        ("Foreign ministry", 40, 120, None, "subset: nationals", False, None, "2017-03-12", "Wire B", "e2"),
        ("SOHR", 74, 120, None, "event", False, None, "2017-03-20", "Blog", "e3"),
        ("Ministry", None, None, None, "event", True, None, "2017-03-20", "Blog", "e3"),
    ]
    return pd.DataFrame(rows, columns=["source", "killed", "injured", "civilians", "scope", "denial", "claim_date",
                                       "report_date", "publisher", "event_id"]).assign(quote="our own words")


def test_the_table_lists_every_claim_oldest_first_with_its_report_and_breakdown():
    table = ledger.table(_claims())
    assert list(table.columns) == ledger.COLUMNS and len(table) == 6
    assert table["claim_date"].tolist()[0] == dt.date(2017, 3, 11)
    assert table["claim_date"].tolist()[-1] == dt.date(2017, 3, 20)
    assert table.loc[table["killed"] == 59, "breakdown"].item() == "civilians 47"
    assert set(table["report"]) == {"Wire A", "Wire B", "Blog"}


def test_range_and_acled_figure_leave_out_subsets_and_denials():
    assert ledger.figure_range(_claims()) == (30, 74)
    assert ledger.conservative(_claims()) == 30
    assert ledger.figure_range(_claims().iloc[3:4]) == (None, None)


def test_flags_name_disagreement_denial_and_partial_figures():
    flags = ledger.flags(_claims())
    assert "sources disagree: SOHR 74, State TV 40" in flags
    assert "denied by Ministry" in flags
    assert any(f.startswith("figures for part of the incident") and "subset: nationals" in f for f in flags)
    agreeing = _claims().iloc[[2]]
    assert ledger.flags(agreeing) == []


def test_movement_follows_each_source_over_time():
    lines = ledger.movement(_claims())
    assert lines[0] == "SOHR: 30 (11 Mar 2017) → 59 (12 Mar 2017) → 74 (20 Mar 2017)"
    assert lines[-1] == "all sources: 30 on 11 Mar 2017, 74 by 20 Mar 2017"
    assert ledger.latest_by_source(_claims()) == {"SOHR": 74, "State TV": 40}


def test_an_empty_incident_has_an_empty_ledger():
    empty = _claims().iloc[0:0]
    assert ledger.table(empty).empty and ledger.figure_range(empty) == (None, None)
    assert ledger.movement(empty) == [] and ledger.flags(empty) == []
