"""The ledger of an incident: every claim across reports, the range, disagreement flags, and how figures moved."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

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


# -- each claim as an analyst reads it --------------------------------------------------------------
def _frame_claims() -> pd.DataFrame:
    """Claims as ``claims_frame`` returns them: NaN for missing figures, None for missing text."""
    rows = [
        {"source": "Syrian Observatory for Human Rights", "source_mention": "the Observatory", "killed": 21.0,
         "killed_qualifier": "at least", "injured": 100.0, "civilians": 4.0, "government": 24.0, "scope": "event",
         "denial": False, "claim_date": "2013-02-06", "quote": "At least 21 died,\n the Observatory said.",
         "relayed_by": None, "report_id": "r1", "publisher": None, "report_url": "https://www.news.example/a"},
        {"source": "Syrian state media", "source_mention": "It", "killed": float("nan"), "killed_text": "dozens",
         "killed_conventional": 12.0, "scope": "event (earlier toll)", "denial": False, "claim_date": None,
         "report_date": "2013-02-05", "quote": "State media spoke of dozens.", "relayed_by": "Reuters",
         "report_id": "r2", "publisher": "Wire B"},
        {"source": None, "source_mention": None, "killed": float("nan"), "scope": "nationwide", "denial": True,
         "claim_date": None, "quote": None, "report_id": "r2", "publisher": "Wire B"},
    ]
    return pd.DataFrame(rows)


def test_a_card_reads_like_the_claim_with_its_qualifiers_breakdown_scope_date_and_quote():
    by_source = {card.source: card for card in ledger.cards(_frame_claims())}
    observatory, state = by_source["Syrian Observatory for Human Rights"], by_source["Syrian state media"]
    denial = by_source[ledger.UNATTRIBUTED]
    assert observatory.named == "the Observatory"
    assert observatory.figures == "at least 21 killed, 100 injured"
    assert observatory.breakdown == "4 civilians, 24 government forces"
    assert observatory.lines() == [
        "Syrian Observatory for Human Rights, named “the Observatory”",
        "at least 21 killed, 100 injured · of them 4 civilians, 24 government forces · claimed 6 Feb 2013 · "
        "in news.example",
        "“At least 21 died, the Observatory said.”"]
    assert state.named == ""  # "It" names no one
    assert state.figures == "“dozens” killed (read as 12)"
    assert state.scope == "earlier toll" and state.day == dt.date(2013, 2, 5)  # the report's date stands in
    assert "relayed by Reuters" in state.details and "in Wire B" in state.details
    assert denial.source == ledger.UNATTRIBUTED and denial.figures == "denies it"
    assert denial.scope == "nationwide total" and "date not given" in denial.details and denial.quote == ""


def test_cards_go_oldest_first_and_name_the_report_only_when_there_are_several():
    found = ledger.cards(_frame_claims())
    assert [c.day for c in found] == [dt.date(2013, 2, 5), dt.date(2013, 2, 6), None]
    one_report = ledger.cards(_frame_claims().iloc[[0]])
    assert one_report[0].report == "" and not any(d.startswith("in ") for d in one_report[0].lines()[1].split(" · "))


def test_no_card_shows_none_nan_or_a_column_name():
    for card in ledger.cards(_frame_claims()):
        text = " ".join(card.lines()) + card.markdown() + card.quote_markdown()
        for raw in ("None", "nan", "NaN", "<NA>", "source_mention", "claim_date", "killed_qualifier", "_"):
            assert raw not in text, (raw, text)


def test_card_markdown_escapes_report_text():
    claims = _frame_claims().iloc[[0]].assign(source="[x](http://phish.example)", quote="![i](http://a.example/p)")
    card = ledger.cards(claims)[0]
    assert "](" not in card.markdown() and "](" not in card.quote_markdown()
    assert card.markdown().startswith("**") and "\\[x\\]" in card.markdown()


def test_the_totals_table_is_headed_in_words_with_no_empty_marker():
    table = ledger.totals_table(_frame_claims())
    assert list(table.columns) == ledger.TOTALS_COLUMNS
    assert table["Counts"].tolist() == ["earlier toll", "the whole event", "nationwide total"]
    assert table.loc[1, "Source"] == "Syrian Observatory for Human Rights (“the Observatory”)"
    cells = table.to_numpy().ravel().tolist()
    assert all(isinstance(c, str) for c in cells) and not any(c in ("None", "nan") for c in cells)


def test_disagreement_is_said_once_per_source_and_notes_leave_the_warnings_out():
    assert ledger.disagreement(_claims()) == "SOHR 74, State TV 40"
    assert ledger.disagreement(_claims().iloc[[2]]) is None
    notes = ledger.notes(_claims())
    assert not any(n.startswith(("sources disagree", "denied by", "parts do not add up")) for n in notes)
    assert notes[0].startswith("figures for part") and notes[1].startswith("SOHR: 30")


@pytest.mark.parametrize("lowest, highest, sources, words", [
    (12, 19, 3, "Lowest claimed 12, highest claimed 19, by 3 sources"),
    (None, None, 1, "No figure of the killed claimed (by 1 source)"),
])
def test_range_words(lowest, highest, sources, words):
    assert ledger.range_words(lowest, highest, sources) == words


def test_a_claim_about_who_did_it_reads_as_such_with_no_figure():
    rows = pd.DataFrame([
        {"source": "Houthis", "killed": None, "injured": None, "scope": "responsibility", "denial": False,
         "quote": "They blamed the coalition.", "event_id": "e1", "report_date": "2016-10-09"},
        {"source": "Saudi-led coalition", "killed": None, "injured": None, "scope": "responsibility",
         "denial": True, "quote": "It denied any role.", "event_id": "e1", "report_date": "2016-10-09"}])
    by_source = {card.source: card for card in ledger.cards(rows)}
    blame, denial = by_source["Houthis"], by_source["Saudi-led coalition"]
    assert blame.figures == "no figure" and blame.scope == "on who did it"
    assert denial.figures == "denies it" and denial.scope == "on who did it"
    assert ledger.figure_range(rows) == (None, None)  # neither counts the dead


def test_a_card_keeps_the_injured_figures_words_as_text():
    """The injured figure reads as the killed one does: its qualifier, its range, a vague amount in the
    report's words with ACLED's reading beside it; report words are escaped for Markdown, never followed."""
    claims = pd.DataFrame([
        {"source": "SANA", "killed": 5.0, "injured": 40.0, "injured_qualifier": "at least", "scope": "event",
         "denial": False, "claim_date": "2013-02-06", "quote": "q"},
        {"source": "SOHR", "killed": float("nan"), "injured": 15.0, "injured_high": 20.0, "scope": "event",
         "denial": False, "claim_date": "2013-02-07", "quote": "q"},
        {"source": "LCC", "killed": float("nan"), "injured": float("nan"), "injured_text": "dozens",
         "injured_conventional": 12.0, "scope": "event", "denial": False, "claim_date": "2013-02-08", "quote": "q"},
        {"source": "Other", "killed": float("nan"), "injured": float("nan"),
         "injured_text": "[many](http://phish.example) *all*", "scope": "event", "denial": False,
         "claim_date": "2013-02-09", "quote": "q"},
    ])
    by_source = {card.source: card for card in ledger.cards(claims)}
    assert by_source["SANA"].figures == "5 killed, at least 40 injured"
    assert by_source["SOHR"].figures == "15–20 injured"
    assert by_source["LCC"].figures == "“dozens” injured (read as 12)"
    hostile = by_source["Other"]
    assert hostile.figures == "“[many](http://phish.example) *all*” injured"
    assert "](" not in hostile.markdown() and "\\*all\\*" in hostile.markdown()
    assert ledger.table(claims)["injured_qualifier"].tolist() == ["at least", "", "", ""]
