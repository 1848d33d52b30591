from __future__ import annotations

import datetime as dt

import pytest

from conflictmap.reading.text import Report, clean_text, paragraphs, read_report_file, sentences, split_header


def test_header_lines_give_url_and_date(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("URL: http://example.org/a\nDATE: 2013-12-16\nShelling hit Homs.\n", encoding="utf-8")
    report = read_report_file(str(path))
    assert report.url == "http://example.org/a"
    assert report.pub_date == dt.date(2013, 12, 16)
    assert report.text.strip() == "Shelling hit Homs."


def test_unknown_date_stays_unknown_and_an_explicit_one_wins(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("URL: x\nDATE: unknown\nText.\n", encoding="utf-8")
    assert read_report_file(str(path)).pub_date is None
    assert read_report_file(str(path), pub_date=dt.date(2012, 1, 1)).pub_date == dt.date(2012, 1, 1)


def test_no_header_keeps_every_line():
    header, body = split_header("Shelling hit Homs.\nMore.")
    assert header == {} and body == "Shelling hit Homs.\nMore."


@pytest.mark.parametrize("raw, clean", [
    ('\\"Heavy fighting,\\" he said', '"Heavy fighting," he said'),
    ("\u201cQuoted\u201d and \u2018single\u2019", "\"Quoted\" and 'single'"),
    ("Cairo\\'s summit", "Cairo's summit"),
])
def test_scraping_artefacts_are_undone(raw, clean):
    assert clean_text(raw) == clean


def test_hard_line_breaks_inside_a_sentence_are_joined():
    assert paragraphs("Two car bombs hit\nthe city on Monday.\n\nNext paragraph.") == [
        "Two car bombs hit the city on Monday.", "Next paragraph."]


def test_sentences_keep_quotes_that_span_several_sentences():
    parts = sentences('"It was heavy. Very heavy," said a resident. Troops left.')
    assert [p.text for p in parts] == ['"It was heavy.', 'Very heavy," said a resident.', "Troops left."]
    second = parts[1]
    assert not second.outside_quotes(0)  # still inside the quotation
    assert second.outside_quotes(second.text.index("said"))


def test_abbreviations_and_initials_do_not_end_sentences():
    parts = sentences("Gen. Ali met U.S. envoys. George W. Bush spoke.")
    assert len(parts) == 2


def test_same_text_same_id_whatever_the_artefacts():
    assert Report('He said \\"yes\\".').id == Report('He said "yes".').id
    assert Report("a").id != Report("b").id


def test_markdown_emphasis_copied_from_a_web_page_is_dropped():
    assert clean_text("The **army** denied it, __SANA__ said; 2 * 3 stays.") == "The army denied it, SANA said; 2 * 3 stays."


def test_a_bold_speaker_still_speaks():
    from conflictmap.reading.reader import extract

    r = extract(Report(text="Shelling killed 12 people in Douma on Monday, the **Local Coordination Committees** "
                            "said.")).to_dict()
    assert [c["source_mention"] for e in r["events"] for c in e["claims"]] == ["the Local Coordination Committees"]
