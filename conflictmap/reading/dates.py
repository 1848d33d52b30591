"""Dates as reports write them, resolved against the report's own date.

"On Wednesday" in a paper of Thursday 7 February 2013 is the 6th; the same
words with no publication date stay unknown rather than guessed. Quoted
speech is skipped: "this morning" inside a monitor's quote is the
monitor's morning, not the newspaper's.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from conflictmap.reading.numbers import parse_number

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {m: i + 1 for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"))}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})(?:,?\s+(\d{{4}}))?\b")
MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
WEEKDAY = re.compile(r"\b(?:(last|this|next|on|since|late|early)\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|"
                     r"Saturday|Sunday)(?:'s)?\b(\s+(?:morning|evening|night|afternoon))?")
# A capitalised word right after a weekday that is no month: with "the" or "a" before, the weekday is in a name
NAMED_AFTER = re.compile(r"(?!'s)\s(?!(?:January|February|March|April|May|June|July|August|September|October|November|"
                         r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b)[A-Z][a-z]+")
MONTH_YEAR = re.compile(rf"\b(?:in\s+|during\s+|since\s+)?(?<!\d\s)({_MONTH})\s+(\d{{4}})\b")
# "in October", "during March": a month of the report's year, or the year before for a month still to come
MONTH_ALONE = re.compile(r"\b(?:in|during|since|last|early|late|mid-?)\s+(January|February|March|April|June|July|"
                         r"August|September|October|November|December)\b(?!\s*\d)")
# "two days ago", "a day ago"; "last weekend", "this weekend" (ACLED time precision 2, a week or a weekend)
DAYS_AGO = re.compile(r"\b(?:a|one|(\w+))\s+days?\s+ago\b", re.I)
WEEKEND = re.compile(r"\b(last|this|over the|at the)\s+weekend\b", re.I)
WEEK = re.compile(r"\b(last week|this week|earlier this week|past week|last month|this month|earlier this month|"
                  r"past 24 hours|last 24 hours|previous 24 hours|past twenty-four hours|(?<=the )past day|(?<=the )last day(?! of))\b", re.I)
OVERNIGHT = re.compile(r"\bovernight\b", re.I)
RELATIVE = re.compile(r"\b(yesterday|today|tonight|last night|this morning|this evening|this afternoon)\b", re.I)


@dataclass(frozen=True)
class DateMention:
    """A date a sentence gives, with how precisely it is known."""

    start: int
    end: int
    text: str
    date: dt.date | None
    precision: str = "day"
    is_span_start: bool = False
    last_day: dt.date | None = None  # the end of a span ("last week", "March 2013", "since Monday")


def find_dates(sentence: str, pub_date: dt.date | None) -> list[DateMention]:
    """Dates in a sentence, resolved against ``pub_date`` where relative.

    >>> [m.date.isoformat() for m in find_dates("clashes on Wednesday", dt.date(2013, 2, 7))]
    ['2013-02-06']
    """
    found: list[DateMention] = []
    for match in DAY_MONTH_YEAR.finditer(sentence):
        found.append(_absolute(match, int(match[1]), match[2], match[3], pub_date))
    for match in MONTH_DAY_YEAR.finditer(sentence):
        if any(m.start <= match.start() < m.end for m in found):
            continue
        if match[1].lower().rstrip(".") == "may" and not match[3]:
            continue  # "may 5" is too often the verb
        found.append(_absolute(match, int(match[2]), match[1], match[3], pub_date))
    for match in WEEKDAY.finditer(sentence):
        if any(m.start <= match.start() < m.end for m in found):
            continue
        if not match[1] and not match[3] and NAMED_AFTER.match(sentence, match.end()) and \
                re.search(r"\b(?:the|a|an)\s+$", sentence[max(0, match.start() - 5):match.start()], re.I):
            continue  # "the Sunday Times", "a Friday Prayer leader": a weekday in a name is no date
        date = weekday_before(pub_date, match[2]) if pub_date else None
        if date and (match[1] or "").lower() == "last" and (pub_date - date).days < 2:
            date -= dt.timedelta(days=7)
        since = (match[1] or "").lower() == "since"
        found.append(DateMention(match.start(), match.end(), match.group(), date, "day", is_span_start=since,
                                 last_day=pub_date if since and date else None))
    for match in MONTH_YEAR.finditer(sentence):
        if any(m.start <= match.start(1) < m.end for m in found):
            continue
        first = _safe_date(int(match[2]), MONTHS[match[1].lower().rstrip(".")], 1)
        if first is not None:
            found.append(DateMention(match.start(), match.end(), match.group(), first, "month",
                                     last_day=_month_end(first)))
    for match in MONTH_ALONE.finditer(sentence):
        if any(m.start <= match.start(1) < m.end for m in found):
            continue
        month = MONTHS[match[1].lower().rstrip(".")]
        first = None
        if pub_date is not None:  # the latest such month up to the report's own
            first = _safe_date(pub_date.year if month <= pub_date.month else pub_date.year - 1, month, 1)
        found.append(DateMention(match.start(), match.end(), match.group(), first, "month",
                                 last_day=_month_end(first) if first else None))
    for match in WEEK.finditer(sentence):
        found.append(_span(match, pub_date))
    for match in DAYS_AGO.finditer(sentence):
        days = parse_number(match[1]) if match[1] else 1
        date = pub_date - dt.timedelta(days=days) if pub_date and days is not None else None
        found.append(DateMention(match.start(), match.end(), match.group(), date, "day"))
    for match in WEEKEND.finditer(sentence):
        date = last_day = None
        if pub_date is not None:  # the Saturday and Sunday before the report (its own, when it is a weekend day)
            date = pub_date - dt.timedelta(days=(pub_date.weekday() - 5) % 7)
            if match[1].lower() == "last" and pub_date.weekday() >= 5:
                date -= dt.timedelta(days=7)
            last_day = date + dt.timedelta(days=1)
        found.append(DateMention(match.start(), match.end(), match.group(), date, "week", last_day=last_day))
    for match in RELATIVE.finditer(sentence):
        word = match[1].lower()
        date = None
        if pub_date:
            date = pub_date - dt.timedelta(days=1) if word in ("yesterday", "last night") else pub_date
        found.append(DateMention(match.start(), match.end(), match.group(), date, "day"))
    overnight = OVERNIGHT.search(sentence)
    if overnight and not found:
        # "killed four people overnight, the governor said": the night before the report, as "last night"
        date = pub_date - dt.timedelta(days=1) if pub_date else None
        found.append(DateMention(overnight.start(), overnight.end(), overnight.group(), date, "day"))
    found = [_since(m, sentence, pub_date) for m in found]
    found.sort(key=lambda m: m.start)
    return [m for m in found if m.date is None or m.date.year >= 1900]


SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.I)


def _since(mention: DateMention, sentence: str, pub_date: dt.date | None) -> DateMention:
    """ "since 20 January": a span from that day to the report, never an event on that day."""
    if mention.is_span_start or mention.date is None or not SINCE.search(sentence[:mention.start]):
        return mention
    return replace(mention, is_span_start=True, last_day=pub_date if pub_date and pub_date >= mention.date else None)


def _span(match: re.Match, pub_date: dt.date | None) -> DateMention:
    """ "last week", "earlier this month", "the past 24 hours": a span ending at or before the report."""
    words = match[1].lower()
    if pub_date is None:
        return DateMention(match.start(), match.end(), match.group(), None, "week" if "week" in words else "day")
    if "24" in words or "twenty-four" in words or words.endswith(" day"):  # "the past day": the day before
        return DateMention(match.start(), match.end(), match.group(), pub_date - dt.timedelta(days=1), "day",
                           last_day=pub_date)
    if "month" in words:
        first = pub_date.replace(day=1)
        if words.startswith("last"):
            first = (first - dt.timedelta(days=1)).replace(day=1)
            return DateMention(match.start(), match.end(), match.group(), first, "month", last_day=_month_end(first))
        return DateMention(match.start(), match.end(), match.group(), first, "month", last_day=pub_date)
    monday = pub_date - dt.timedelta(days=pub_date.weekday())
    if words.startswith("last"):
        return DateMention(match.start(), match.end(), match.group(), monday - dt.timedelta(days=7), "week",
                           last_day=monday - dt.timedelta(days=1))
    if words.startswith("past"):
        return DateMention(match.start(), match.end(), match.group(), pub_date - dt.timedelta(days=7), "week",
                           last_day=pub_date)
    return DateMention(match.start(), match.end(), match.group(), monday, "week", last_day=pub_date)


def _month_end(first: dt.date) -> dt.date:
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def weekday_before(pub_date: dt.date, weekday: str) -> dt.date:
    """The latest day named ``weekday`` on or before ``pub_date``.

    >>> weekday_before(dt.date(2013, 2, 7), "Wednesday").isoformat()
    '2013-02-06'
    """
    target = WEEKDAYS.index(weekday.lower())
    return pub_date - dt.timedelta(days=(pub_date.weekday() - target) % 7)


def _absolute(match: re.Match, day: int, month_name: str, year: str | None,
              pub_date: dt.date | None) -> DateMention:
    month = MONTHS[month_name.lower().rstrip(".")]
    resolved: dt.date | None = None
    if year:
        resolved = _safe_date(int(year), month, day)
    elif pub_date:
        resolved = _safe_date(pub_date.year, month, day)
        if resolved and resolved > pub_date + dt.timedelta(days=1):
            resolved = _safe_date(pub_date.year - 1, month, day)
    return DateMention(match.start(), match.end(), match.group(), resolved, "day")


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
