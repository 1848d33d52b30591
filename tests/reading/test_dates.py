"""Dates as reports write them, against a publication date of Wednesday 5 March 2014."""
from __future__ import annotations

import datetime as dt

import pytest

from conflictmap.reading.dates import find_dates

PUB = dt.date(2014, 3, 5)


@pytest.mark.parametrize("text, first, last, precision", [
    ("shelling on Monday", "2014-03-03", None, "day"),
    ("clashes yesterday", "2014-03-04", None, "day"),
    ("an attack on 28 February", "2014-02-28", None, "day"),
    ("raids on 3 March 2012", "2012-03-03", None, "day"),
    ("a blast on December 30", "2013-12-30", None, "day"),  # no year, and after the report: the year before
    ("fighting since Monday", "2014-03-03", "2014-03-05", "day"),
    ("35 killed in the past 24 hours", "2014-03-04", "2014-03-05", "day"),
    ("strikes last week", "2014-02-24", "2014-03-02", "week"),
    ("strikes earlier this week", "2014-03-03", "2014-03-05", "week"),
    ("a siege in June 2013", "2013-06-01", "2013-06-30", "month"),
    ("raids earlier this month", "2014-03-01", "2014-03-05", "month"),
])
def test_dates_resolve_against_the_report(text, first, last, precision):
    found = find_dates(text, PUB)
    assert found, text
    assert found[0].date.isoformat() == first
    assert (found[0].last_day.isoformat() if found[0].last_day else None) == last
    assert found[0].precision == precision


def test_without_a_report_date_nothing_is_guessed():
    assert [m.date for m in find_dates("shelling on Monday and last week", None)] == [None, None]
    assert find_dates("a siege in June 2013", None)[0].date == dt.date(2013, 6, 1)  # a full date needs no report


def test_since_a_date_is_a_span_that_ends_on_the_publication_date():
    (mention,) = find_dates("Since 20 January, shelling has killed 40 people.", dt.date(2015, 3, 4))
    assert (mention.date, mention.last_day, mention.is_span_start) == (dt.date(2015, 1, 20), dt.date(2015, 3, 4), True)


@pytest.mark.parametrize("text, pub, first, last", [
    ("a bombing in October killed 20", dt.date(2014, 11, 3), dt.date(2014, 10, 1), dt.date(2014, 10, 31)),
    ("a bombing in December killed 20", dt.date(2014, 11, 3), dt.date(2013, 12, 1), dt.date(2013, 12, 31)),
])
def test_a_month_without_a_year_is_the_latest_such_month(text, pub, first, last):
    (found,) = find_dates(text, pub)
    assert (found.date, found.last_day, found.precision) == (first, last, "month")


def test_a_month_without_a_year_or_a_report_date_stays_words():
    (found,) = find_dates("the siege began in March", None)
    assert found.date is None and found.text == "in March"


@pytest.mark.parametrize("text, first, last, precision", [
    ("shelling two days ago", dt.date(2024, 6, 4), None, "day"),
    ("clashes over the weekend", dt.date(2024, 6, 1), dt.date(2024, 6, 2), "week"),
])
def test_days_ago_and_the_weekend(text, first, last, precision):
    (found,) = find_dates(text, dt.date(2024, 6, 6))
    assert (found.date, found.last_day, found.precision) == (first, last, precision)
