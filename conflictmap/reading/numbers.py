"""Numbers as reports write them: digits with separators, words, dozens, ranges.

"1,300", "Thirty-five", "twenty one", "one hundred and twenty", "a dozen",
"two dozen", "1.2 million" all read as integers. Compound number words are read by the
``text2num`` library (Allo-Media, MIT), which implements English number
grammar; "dozen" is a counting word it does not know, so it is multiplied
here. Ranges ("between 15 and 20", "15 to 20", "15-20") are read by the
figure patterns in ``conflictmap.reading.claims`` with this module's pattern on both
ends, giving a low and a high figure (UCDP GED's ``low``/``high``).
"""
from __future__ import annotations

import re

from text_to_num import text2num

UNITS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
         "seventeen eighteen nineteen").split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
SCALES = ("hundred", "thousand")
_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
_TEN = "|".join(TENS)
# "twenty", "twenty-one", "twenty one"
_UP_TO_99 = rf"(?:(?:{_TEN})(?:[\s-](?:{_UNIT}))?|{_UNIT})"
# "one hundred and twenty", "a hundred", "two thousand five hundred"
_WORDS = (rf"(?:(?:{_UP_TO_99}|an?)\s+(?:hundred|thousand)(?:(?:\s+and)?\s+{_UP_TO_99})?"
          rf"|{_UP_TO_99})")
_DOZEN = r"(?:a|one|two|three|four|five|six|half\s+a)\s+dozen"
# The pattern of one number, without word boundaries (callers add theirs).
# "1.2 million", "500 thousand", "half a million": a scale word after digits (tolls of whole wars)
_SCALED = r"\d+(?:\.\d+)?\s+(?:million|thousand)|half\s+a\s+million"
NUMBER = rf"{_SCALED}|\d{{1,3}}(?:,\d{{3}})+|\d+|{_DOZEN}|{_WORDS}"
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
DOZENS = {"a": 12, "one": 12, "two": 24, "three": 36, "four": 48, "five": 60, "six": 72, "half a": 6}
MAX_FIGURE = 10_000_000  # above this a "figure" is a phone number, a year run together or noise


def parse_number(text: str) -> int | None:
    """``"1,200"`` → 1200, ``"Thirty-five"`` → 35, ``"two dozen"`` → 24; None for anything else.

    >>> [parse_number(t) for t in ("1,300", "twenty one", "one hundred and twenty", "a dozen", "1.2 million", "several")]
    [1300, 21, 120, 12, 1200000, None]
    """
    words = re.sub(r"\s+", " ", text.strip().lower())
    if _DIGITS.fullmatch(words):
        value = int(words.replace(",", ""))
        return value if value < MAX_FIGURE else None
    scaled = re.fullmatch(r"(\d+(?:\.\d+)?) (million|thousand)", words)
    if scaled or words == "half a million":
        value = round(float(scaled.group(1)) * (1_000_000 if scaled.group(2) == "million" else 1_000)) if scaled \
            else 500_000
        return value if value < MAX_FIGURE else None
    dozen = re.fullmatch(r"(a|one|two|three|four|five|six|half a) dozen", words)
    if dozen:
        return DOZENS[dozen.group(1)]
    words = re.sub(r"^an? (hundred|thousand)", r"one \1", words)
    try:
        return text2num(words.replace("-", " "), "en")
    except ValueError:
        return None
