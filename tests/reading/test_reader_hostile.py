"""Hostile and broken text thrown at the reader: it must answer, quickly, without crashing.

Report text comes from anywhere. These properties hold for any input:
the reader returns an extraction whose JSON round-trips, every quote is a
piece of the input, and a megabyte of text is read in bounded time (the
bound here is generous, a hang detector, not a benchmark).
"""
from __future__ import annotations

import datetime as dt
import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictmap.reading.reader import Extractor
from conflictmap.reading.text import Report

WORDS = ["killed", "wounded", "at least", "more than", "dozens", "Observatory", "said", "according to", "Douma",
         "Jobar", "Qaboun", "Aleppo", "Homs", "shelling", "air strike", "on Monday", "yesterday", "(", ")", "\"",
         "'", "\u201c", "\u201d", ",", ".", ";", "\n", "\n\n", "the village of", "north of", "1e9", "10,000,000",
         "-1", "0", "99999999999999999999", "\u062f\u0645\u0634\u0642", "\u202e", "\U0001f4a5", "<script>", "al-",
         "SANA", "state media", "denied", "did not mention", "including", "civilians", "rebels", "soldiers"]
TEXT = st.one_of(
    st.text(max_size=2_000),
    st.lists(st.sampled_from(WORDS), max_size=300).map(" ".join),
    st.binary(max_size=2_000).map(lambda b: b.decode("utf-8", errors="replace")),
)


@pytest.fixture(scope="module")
def extractor(gazetteer, registry) -> Extractor:
    return Extractor(gazetteer, registry)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT, dated=st.booleans())
def test_any_text_gives_a_well_formed_extraction(extractor, text, dated):
    result = extractor.extract(Report(text=text, pub_date=dt.date(2014, 3, 5) if dated else None)).to_dict()
    assert json.loads(json.dumps(result)) == result
    flat = " ".join(text.split())
    for event in result["events"]:
        assert " ".join(event["quote"].split()) in " ".join(_cleaned(text).split()) or not flat
        for claim in event["claims"]:
            for field in ("killed", "injured", "civilians", "rebels", "government", "children", "women"):
                value = claim[field]
                assert value is None or 0 <= value < 10_000_000, (field, value)


def _cleaned(text: str) -> str:
    from conflictmap.reading.text import clean_text

    return clean_text(text)


@pytest.mark.parametrize("text", [
    "",
    " \n\n \t",
    "\x00\x01\x02 killed 5 in Homs",
    "(" * 5_000 + "killed 3 in Homs" + ")" * 5_000,
    "\"" * 10_001,
    "Homs " * 20_000,
    "killed " * 20_000,
    "1" * 100_000,
    ("A" * 300 + " ") * 300,
    "\u0642\u0635\u0641 \u0639\u0644\u0649 \u062d\u0645\u0635 " * 2_000 + " Shelling of Homs killed 4 people.",
], ids=["empty", "blank", "control", "brackets", "quotes", "places", "verbs", "digits", "long-words", "arabic"])
def test_pathological_text_is_read_in_bounded_time(extractor, text):
    start = time.perf_counter()
    extractor.extract(Report(text=text, pub_date=dt.date(2014, 3, 5)))
    # a hang guard, not a speed test (bench/extract.py measures speed): far above any normal reading
    assert time.perf_counter() - start < 120, "the reader hung on pathological text"


def test_a_megabyte_of_report_text(extractor, shared):
    corpus = [p.read_text(encoding="utf-8").split("\n", 2)[-1] for p in sorted((shared / "corpus").glob("*.txt"))]
    text = "\n\n".join(corpus * (1_000_000 // sum(map(len, corpus)) + 1))[:1_000_000]
    result = extractor.extract(Report(text=text, pub_date=dt.date(2014, 3, 5)))
    assert result.events  # its speed is measured in bench/extract.py, not asserted here
