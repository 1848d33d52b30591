"""A report as it arrives, and the clean sentences an extractor reads.

Reports reach conflictmap scraped from web pages: backslash-escaped quotes,
curly and straight quotes mixed, hard line breaks inside sentences, a
``URL:``/``DATE:`` header on files kept by the team. Cleaning happens here,
once, so that every later step reads plain sentences and keeps their exact
wording as the quote an analyst checks.
"""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

HEADER_KEYS = ("URL", "DATE")
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st no gen col lt maj sgt capt pres prof rev sen gov jan feb mar apr "
    "jun jul aug sep sept oct nov dec u.s u.n a.m p.m vs etc e.g i.e approx".split()
)
_ESCAPED = re.compile(r"\\([\"'])")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'",
                         "\u00a0": " ", "\u2013": "-", "\u2014": " -- "})
# A sentence ends at . ! ? before a capital; scraped copies glue sentences ("at the farm.A fifth"), so a
# full stop between a lower-case word and a capitalised one ends a sentence too.
_SENTENCE_END = re.compile(r"""([.!?])(["')\]]*)(?:\s+(?=["'(\[]?[A-Z0-9])|(?<=[a-z]{2}[.!?])(?=[A-Z]))""")
BULLET = re.compile(r"^\s*(?:[\u2022\u25aa\u25cf\u2023\u2043*\u2013-]|\d{1,2}[.)])\s")
_DATE_LINE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


@dataclass(frozen=True)
class Report:
    """One report: its text and what is known about where it came from.

    ``pub_date`` anchors relative dates ("on Wednesday"); without it they
    stay unknown rather than guessed.
    """

    text: str
    pub_date: dt.date | None = None
    url: str | None = None
    publisher: str | None = None
    title: str | None = None

    @property
    def id(self) -> str:
        """A content hash: the same text ingested twice is the same report."""
        body = re.sub(r"\s+", " ", clean_text(self.text)).strip()
        return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Sentence:
    """A sentence of a report, with its place in it (paragraph, order)."""

    text: str
    index: int
    paragraph: int
    is_heading: bool = False
    quoted_spans: tuple[tuple[int, int], ...] = field(default=(), compare=False)

    def outside_quotes(self, start: int) -> bool:
        """True when character ``start`` is narrated, not inside someone's quoted words."""
        return not any(a <= start < b for a, b in self.quoted_spans)


def read_report_file(path: str, *, pub_date: dt.date | None = None, url: str | None = None,
                     publisher: str | None = None) -> Report:
    """Read a report file; a leading ``URL:``/``DATE:`` header fills in what was not given.

    >>> # read_report_file("report.txt", pub_date=dt.date(2013, 2, 7))
    """
    with open(path, encoding="utf-8", errors="replace") as handle:
        raw = handle.read()
    header, body = split_header(raw)
    if pub_date is None and header.get("DATE"):
        pub_date = parse_iso_date(header["DATE"])
    return Report(text=body, pub_date=pub_date, url=url or header.get("URL"), publisher=publisher)


def split_header(raw: str) -> tuple[dict[str, str], str]:
    """Split the optional ``KEY: value`` header lines (URL, DATE) from the report body."""
    header: dict[str, str] = {}
    lines = raw.split("\n")
    taken = 0
    for line in lines[: len(HEADER_KEYS)]:
        key, sep, value = line.partition(":")
        if sep and key.strip().upper() in HEADER_KEYS:
            header[key.strip().upper()] = value.strip()
            taken += 1
        else:
            break
    return header, "\n".join(lines[taken:])


def parse_iso_date(value: str) -> dt.date | None:
    """``2013-02-07`` to a date; ``unknown`` or anything else to None."""
    match = _DATE_LINE.match(value or "")
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


MAX_SENTENCE = 2_000
# A line ending in a word that cannot end a headline was wrapped mid-sentence.
WRAPPED = re.compile(r"(?:,|\b(?:the|a|an|of|in|on|at|to|for|from|by|with|and|or|but|that|which|who|its|their|"
                     r"his|her|as|into|near|said|says|were|was|are|is|has|have|had))$")


def clean_text(text: str) -> str:
    """Undo scraping artefacts: escaped quotes, curly quotes, odd spaces and dashes, and the Markdown emphasis
    of text copied from a web page or a chat ("the **army** denied it" reads "the army denied it")."""
    text = _ESCAPED.sub(r"\1", text).translate(_QUOTES).replace("\r\n", "\n").replace("\r", "\n")
    return _EMPHASIS.sub(r"\2", text) if "**" in text or "__" in text else text


_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def paragraphs(text: str) -> list[str]:
    """Paragraphs of cleaned text; hard line breaks inside a sentence are joined.

    A line that does not end a sentence and is followed by a line starting in
    lower case (or a digit) continues that sentence.
    """
    out: list[str] = []
    current = ""
    for line in clean_text(text).split("\n"):
        line = line.strip()
        if not line:
            if current:
                out.append(current)
            current = ""
            continue
        if current and not re.search(r"[.!?:\"')]$", current) and (
                re.match(r"[a-z0-9(,;-]", line) or WRAPPED.search(current)):
            current = f"{current} {line}"
        else:
            if current:
                out.append(current)
            current = line
    if current:
        out.append(current)
    return out


def sentences(text: str) -> list[Sentence]:
    """Split a report into sentences, keeping which parts are quoted speech.

    Quotes are paired across the whole paragraph, because a quotation often
    runs over several sentences before its "... said X." Headlines (a short
    line without final punctuation) are kept but marked.
    """
    result: list[Sentence] = []
    for p_index, para in enumerate(paragraphs(text)):
        bounds = _sentence_bounds(para)
        # A headline: one short line without final punctuation; never a list item ("• 17 people were ...").
        heading = (not re.search(r"[.!?\"']$", para) and len(para) < 160 and len(bounds) == 1
                   and not BULLET.match(para))
        quoted = _quoted_spans(para)
        ends = [b for _, b in quoted]
        for start, end in bounds:
            raw = para[start:end]
            lead = len(raw) - len(raw.lstrip())
            piece = raw.strip()
            if not piece:
                continue
            offset = start + lead
            first = max(bisect.bisect_right(ends, offset) , 0)
            spans = []
            for a, b in quoted[first:]:
                if a >= offset + len(piece):
                    break
                spans.append((max(a - offset, 0), min(b - offset, len(piece))))
            spans = tuple(spans)
            result.append(Sentence(text=piece, index=len(result), paragraph=p_index,
                                   is_heading=heading, quoted_spans=spans))
    return result


def _sentence_bounds(paragraph: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        word = re.search(r"(\S+)$", paragraph[max(start, match.start(1) - 40):match.start(1)])
        if match[1] == "." and word and word[1].lower().rstrip(".") in ABBREVIATIONS:
            continue
        if match[1] == "." and word and re.fullmatch(r"[A-Z]", word[1]):
            continue  # an initial, as in "George W. Bush"
        bounds.append((start, match.end(2)))
        start = match.end()
    if paragraph[start:].strip():
        bounds.append((start, len(paragraph)))
    return [piece for a, b in bounds for piece in _chunks(paragraph, a, b)]


def _chunks(paragraph: str, start: int, end: int) -> list[tuple[int, int]]:
    """A "sentence" longer than any real one (a table, a list, junk) is read in pieces cut at spaces,
    so no rule ever works on more than ``MAX_SENTENCE`` characters at once."""
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = paragraph.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans inside double quotes; an unclosed quote runs to the end."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for i, char in enumerate(text):
        if char == '"':
            if opened is None:
                opened = i
            else:
                spans.append((opened, i + 1))
                opened = None
    if opened is not None and opened < len(text) - 1:
        spans.append((opened, len(text)))
    return tuple(spans)
