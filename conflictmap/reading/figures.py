"""Casualty figures in a sentence: a number, what it counts, and whether they died or were hurt.

"19 soldiers were killed", "killing at least 40", "the toll rose to 76 from
36", "between 15 and 20 people", "dozens of civilians": each is a ``Figure``
with its value (numbers written every way are read by
``conflictmap.reading.numbers``), the category it counts (civilians,
rebels, government, children, women, or the total), the outcome (killed or
injured) and any qualifier ("at least"). The claims step decides whose
figures they are. Vague amounts keep ACLED's conventional reading beside
the words (ACLED Codebook 2023, "Fatalities": "dozens" 12, "hundreds" 100).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from conflictmap.reading import numbers
from conflictmap.reading.vocabulary import vocabulary

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "one hundred": 100,
}
# ACLED's reading of vague amounts ("tens" 10, "dozens" 12, "hundreds" 100). Kept beside the
# words as a convention, never as the source's own figure.
CONVENTIONAL = {"tens": 10, "dozens": 12, "hundreds": 100}
_WORDS = vocabulary()
# Vague amounts, each read as words ("vague_amounts" in vocabulary.json).
VAGUE_AMOUNTS: tuple[str, ...] = _WORDS.vague_amounts
QUALIFIERS = {
    "at least": "at least", "more than": "more than", "over": "more than", "upwards of": "more than",
    "exceeding": "more than", "above": "more than", "in excess of": "more than", "up to": "up to", "as many as": "up to", "about": "around",
    "around": "around", "nearly": "around", "almost": "around", "some": "around",
    "approximately": "around", "roughly": "around", "an estimated": "around",
}
# Who the figure counts: the noun after the number decides the breakdown column ("category_nouns").
CATEGORY_NOUNS: dict[str, str] = {category: "|".join(nouns) for category, nouns in _WORDS.category_nouns}
# the nouns a vague amount counts as a whole ("dozens of terrorists"); "a number of children" is a part
_VAGUE_NOUNS = "|".join(CATEGORY_NOUNS[k] for k in ("total", "civilians", "rebels", "government"))
# The words that say people died, and that they were hurt ("killed_words", "injured_words").
KILLED_WORDS = "|".join(_WORDS.killed_words)
INJURED_WORDS = "|".join(_WORDS.injured_words)
_NUM = numbers.NUMBER
MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
# Counted things that are not people: "the toll from shells which hit two villages" counts no one ("not_people").
NOT_PEOPLE = "|".join(_WORDS.not_people)
NOT_A_COUNT = rf"(?!\s*(?:%|percent|km|kilo|mile|metres|meters|minutes?|am\b|pm\b|a\.m|p\.m|" \
              rf"(?:{NOT_PEOPLE}|{MONTHS})\b))"
# "may have exceeded 100": a hedged amount is kept as words, not as a number.
HEDGED = re.compile(r"\b(may|might|could|likely to|expected to|feared to)\b"
                    # ("the toll could rise as several of the 12 wounded ...": the toll may grow; the 12 are no guess)
                    r"(?!\s+(?:still\s+|further\s+)?(?:rise|climb|increase|grow|go up)\b)[^.;]{0,30}$", re.I)
_ANY_NUMBER = re.compile(rf"\d|\b(?:{_NUM}|{'|'.join(VAGUE_AMOUNTS)})\b", re.I)
_QUAL = "|".join(sorted(QUALIFIERS, key=len, reverse=True))
_CATS = "|".join(f"(?P<{k}>{v})" for k, v in CATEGORY_NOUNS.items())
FIGURE = re.compile(
    rf"(?:\b(?P<qual>{_QUAL})\s+)?(?:\bbetween\s+(?P<low>{_NUM})\s+and\s+|\b(?P<low2>\d[\d,]*\s*(?=-|to\b)|(?:{_NUM})(?=\s+to\b))"
    rf"(?:-|\s*to)\s*)?"
    rf"\b(?P<num>{_NUM})\b{NOT_A_COUNT}(?P<mods>(?:\s+(?!and\b|of\b|were\b|was\b|in\b|including\b)"
    rf"[A-Za-z][\w-]*){{0,3}}?)\s+(?:{_CATS})\b",
    re.I,
)
BARE_FIGURE = re.compile(
    rf"\b(?:(?P<verb>killing|killed|kills|executed|executing|beheaded|bodies of|(?:deaths|killings?) of|"
    rf"(?<=\d\s)from|up from|toll (?:rose |climbed |has risen )?(?:to|of|at)|"
    rf"(?:rose|risen|climbed|jumped|increased|grew|grown) to|dead|died|"
    rf"wounding|wounded|injuring|injured)\s+(?:(?P<qual>{_QUAL})\s+)?(?:between\s+(?P<low1>{_NUM})\s+and\s+)?"
    rf"(?P<num>{_NUM})\b{NOT_A_COUNT})"
    # "with 240 wounded", "and 31 injured": a number standing before its outcome
    rf"|(?:(?P<qual2>{_QUAL})\s+)?(?:\bbetween\s+(?P<low2>{_NUM})\s+and\s+|\b(?P<low3>\d[\d,]*)\s*(?:-|\u2013|to)\s*)?"
    rf"\b(?P<num2>{_NUM})\s+(?:(?:people|persons|others|more)\s+)?"
    rf"(?:(?:were|was|are|have been|had been|being)\s+|(?:have|has|had)\s+(?=died\b))?"
    rf"(?P<verb2>wounded|injured|hurt|dead|killed|died)\b"
    # "Eleven of the dead", "four of the wounded"
    rf"|(?:(?P<qual4>{_QUAL})\s+)?\b(?P<num4>{_NUM})\s+of\s+(?:(?:the|them|those)\s+(?P<verb4>dead|killed|victims|wounded|"
    rf"injured)\b"
    # "Fourteen of those were killed", "two of them died": the part of a toll just given, counted on its own
    rf"|(?:them|those|these)\s+(?:(?:were|was|have been|had been)\s+(?:later\s+)?)?(?P<verb5>killed|wounded|injured|died)\b)"
    # "the death toll of the massacre at 96", "the toll exceeding 90"
    rf"|\b(?:toll|(?:the|its|their|a) (?:figure|tally|count)|number of (?:the )?(?:dead|deaths|victims|fatalities|"
    rf"martyrs|those killed|(?:[a-z]+\s+){{1,2}}?(?:killed|dead)|"
    rf"(?P<hurt>injured|wounded|injuries|(?:people|those) (?:injured|wounded))))\b"
    rf"(?:,?\s+(?!and\b)[\w'\u2019-]+){{0,7}}?,?\s+(?P<verb3>at|of|to|reached|exceeding|exceeded|above|over|"
    rf"exceed|hit|passed|topped|surpassed|stood at|was|is|stands at|now stands at|numbered|totalled|totaled)\s+(?:(?P<qual3>{_QUAL})\s+)?"
    rf"(?:between\s+(?P<low4>{_NUM})\s+and\s+)?(?P<num3>{_NUM})\b"
    rf"{NOT_A_COUNT}",
    re.I,
)
# Any people counted as the subject of a casualty predicate: "four unarmed medics, among them one surgeon,
# were assassinated", "12 farmers were killed", "three paramedics died". The noun is not a victim noun this
# module knows, so the count is the total, with no breakdown column.
GENERIC_VICTIMS = re.compile(
    rf"(?:\b(?P<qual>{_QUAL})\s+)?\b(?P<num>{_NUM})\b{NOT_A_COUNT}\s+(?P<noun>(?:[a-z][\w-]*\s+){{0,2}}?[a-z][a-z-]*s"
    rf"(?:\s+of\s+war)?)\b"
    rf"(?:\s*,[^,;.]{{1,60}},|\s+[\u2013\u2014-]{{1,2}}\s[^;.\u2013\u2014]{{1,100}}\s[\u2013\u2014-]{{1,2}})?\s+"
    rf"(?:(?:also|reportedly|all)\s+)?"
    rf"(?:(?:were|was|have been|had been|are|being)\s+(?:(?:also|reportedly|all)\s+)?(?P<passive>killed|wounded|injured|"
    rf"assassinated|murdered|slaughtered|executed|beheaded|shot dead|gunned down|martyred|hurt)|"
    rf"(?:(?:have|had)\s+)?(?P<intransitive>died|perished|lost their lives|were among the dead|were among the wounded))\b",
    re.I,
)
TOLL_QUALIFIERS = {"exceeding": "more than", "exceeded": "more than", "above": "more than", "over": "more than",
                   "passed": "more than", "topped": "more than", "exceed": "more than", "surpassed": "more than"}


@dataclass(frozen=True)
class Figure:
    """A number in a sentence and what it counts."""

    value: int | None
    category: str  # total, civilians, rebels, government, children, women
    outcome: str  # killed or injured
    qualifier: str | None
    start: int
    end: int
    text: str
    vague: str | None = None
    high: int | None = None  # the upper end of a range ("between 15 and 20"); ``value`` is the lower


def parse_number(text: str) -> int | None:
    """``"1,200"`` → 1200, ``"nineteen"`` → 19, ``"two dozen"`` → 24; None for anything else
    (``conflictmap.reading.numbers.parse_number``)."""
    return numbers.parse_number(text)


def figures(sentence: str) -> list[Figure]:
    """The casualty figures of a sentence, in order.

    >>> [(f.value, f.category, f.outcome) for f in figures("a bomb killed 19 soldiers and wounded 30 people")]
    [(19, 'government', 'killed'), (30, 'total', 'injured')]
    """
    return list(_figures(sentence))


def _no_one(sentence: str, figure: Figure) -> bool:
    """ "No one was hurt", "no one was killed": the "one" of "no one" counts nobody."""
    return figure.text.lower().startswith("one") and re.search(r"\bno\s+$", sentence[:figure.start], re.I) is not None


@functools.lru_cache(maxsize=4096)
def _figures(sentence: str) -> tuple[Figure, ...]:
    """Figures of one sentence, remembered: the reader asks about a sentence and its clauses more than once."""
    if not _ANY_NUMBER.search(sentence) and not ONE_VICTIM.search(sentence):
        return ()
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for match in FIGURE.finditer(sentence):
        category = next(k for k in CATEGORY_NOUNS if match.group(k))
        said = re.search(rf"\b(?:{INJURED_WORDS}|dead|slain)\b", match.group("mods") or "", re.I)
        if category == "total" and match.group("total").lower() in ("dead", "deaths", "lives", "bodies", "casualties"):
            outcome = "injured" if match.group("total").lower() == "casualties" else "killed"
        elif said:  # "1,100 wounded people", "12 dead civilians": the word inside the count says it
            outcome = "injured" if re.fullmatch(INJURED_WORDS, said.group(), re.I) else "killed"
        else:
            outcome = _outcome(sentence, match.start("num"), match.end())
        if outcome is None:
            continue
        value = parse_number(match.group("num"))
        if value is None:
            continue
        low = match.group("low") or match.group("low2")
        high = None
        if low is not None and (parse_number(low) or 0) < value:
            value, high = parse_number(low), value
        qual = QUALIFIERS.get((match.group("qual") or "").lower())
        found.append(Figure(value, category, outcome, qual, match.start(), match.end(), match.group(), high=high))
        taken.append((match.start("num"), match.end("num")))
    for match in BARE_FIGURE.finditer(sentence):
        group = next(g for g in ("num", "num2", "num3", "num4") if match.group(g))
        suffix = group[3:]
        if any(a <= match.start(group) < b for a, b in taken):
            continue
        value = parse_number(match.group(group))
        if value is None:
            continue
        if suffix == "3" and re.match(r"(?:the|its|their|a) (?:figure|tally|count)\b", match.group(), re.I) and \
                re.search(r"\bof\b", sentence[match.start():match.start(group)]):
            continue  # "the count of displaced families reached 300": a count of something, not the toll
        verb = (match.group("verb" + suffix) or match.group("verb5") if suffix != "3" else
                "injured" if match.group("hurt") else "toll").lower()  # "put the number of injured at 51"
        outcome = "injured" if re.match(INJURED_WORDS, verb) else "killed"
        qual = QUALIFIERS.get((match.group("qual" + suffix) or "").lower())
        if suffix == "3":
            qual = qual or TOLL_QUALIFIERS.get(match.group("verb3").lower())
        vague = None
        if HEDGED.search(sentence[max(0, match.start() - 40):match.start(group)]):
            vague = sentence[match.start():match.end()].strip()
            value, qual = None, None
        category = "total"
        if suffix == "4":  # "two of the dead were civilians": a part of the toll, by kind
            kind = re.match(r"\s+(?:were|was)\s+(?:all\s+)?(?:" + _CATS + r")\b", sentence[match.end():], re.I)
            category = next((k for k in CATEGORY_NOUNS if kind.group(k)), "total") if kind else "total"
        low_group = {"": "low1", "2": "low2" if match.group("low2") else "low3", "3": "low4"}.get(suffix)
        low = match.group(low_group) if low_group else None
        start, high = match.start(group), None
        if low is not None and value is not None and (parse_number(low) or 0) < value:
            # "wounding between 15 and 20", "15 to 20 wounded": the range, read from its low end
            value, high, start = parse_number(low), value, match.start(low_group)
        found.append(Figure(value, category, outcome, qual, start, match.end(), sentence[start:match.end(group)],
                            vague=vague, high=high))
        taken.append((match.start(group), match.end(group)))
    for match in GENERIC_VICTIMS.finditer(sentence):
        if any(a <= match.start("num") < b for a, b in taken) or any(f.start <= match.start("num") < f.end for f in found):
            continue
        if re.fullmatch(NOT_PEOPLE, match.group("noun").split()[-1], re.I):
            continue  # "three mortar shells were fired"
        value = parse_number(match.group("num"))
        if value is None:
            continue
        verb = (match.group("passive") or match.group("intransitive")).lower()
        outcome = "injured" if re.match(INJURED_WORDS, verb) or verb.endswith("wounded") else "killed"
        found.append(Figure(value, "total", outcome, QUALIFIERS.get((match.group("qual") or "").lower()),
                            match.start(), match.end("noun"), sentence[match.start():match.end("noun")]))
        taken.append((match.start("num"), match.end("num")))
    for amount in VAGUE_AMOUNTS:
        # "dozens of civilians", "scores of terrorists", and with no noun "dozens were killed"
        for match in re.finditer(rf"\b{amount}\b(?:\s+of)?(?:\s+\w+){{0,2}}?\s+(?:{_VAGUE_NOUNS})\b"
                                 rf"|\b{amount}\b(?=\s+(?:more\s+)?(?:were|have been|had been|was)\s+(?:{KILLED_WORDS}|"
                                 rf"{INJURED_WORDS})\b)", sentence, re.I):
            if any(f.start <= match.start() < f.end for f in found):
                continue
            outcome = _outcome(sentence, match.start(), match.end())
            if outcome:  # a vague amount is the count itself, whoever it counts: kept as words
                found.append(Figure(None, "total", outcome, None, match.start(), match.end(), match.group(),
                                    vague=amount))
        # "killed 21 civilians and wounded dozens": the amount as the verb's object, with no noun
        for match in re.finditer(rf"\b(?P<verb>{INJURED_WORDS}|{KILLED_WORDS})\s+(?:at least\s+|more than\s+)?"
                                 rf"(?P<amount>{amount})\b(?!\s+(?:of|more)\b)", sentence, re.I):
            if any(f.start <= match.start("amount") < f.end for f in found):
                continue
            outcome = "injured" if re.fullmatch(INJURED_WORDS, match.group("verb"), re.I) else "killed"
            found.append(Figure(None, "total", outcome, None, match.start("amount"), match.end("amount"),
                                match.group("amount"), vague=amount))
    for match in PART_OF_THEM.finditer(sentence):  # "killed 43 people, 29 of them children": a part, by kind
        if any(f.start <= match.start("num") < f.end for f in found):
            continue
        category = next((k for k in CATEGORY_NOUNS if match.group(k)), "total")
        before = [f for f in found if f.end <= match.start()]
        outcome = before[-1].outcome if before else _outcome(sentence, match.start(), match.end())
        value = parse_number(match.group("num"))
        if category != "total" and outcome and value is not None:
            found.append(Figure(value, category, outcome, None, match.start(), match.end(), match.group()))
    for match in FAMILY_OF.finditer(sentence):  # "killing a family of five": the family counted
        if any(f.start <= match.start("num") < f.end for f in found):
            continue
        outcome = _outcome(sentence, match.start(), match.end())
        value = parse_number(match.group("num"))
        if outcome and value is not None:
            found.append(Figure(value, "total", outcome, None, match.start(), match.end(), match.group()))
    for match in ONE_VICTIM.finditer(sentence):
        if any(f.start <= match.start() < f.end for f in found):
            continue
        noun = (match.group("noun") or match.group("noun2") or match.group("noun3")).lower()
        if re.fullmatch(NOT_PEOPLE, noun, re.I):
            continue
        category = next((k for k, words in SINGULAR.items() if noun in words), "total")
        verb = match.group("verb") or match.group("verb2") or match.group("verb3") or match.group("verb4")
        outcome = "injured" if re.match(INJURED_WORDS, verb, re.I) else "killed"
        found.append(Figure(1, category, outcome, None, match.start(), match.end(), match.group()))
    found = [f for f in found if not _a_year(sentence, f)]
    found.sort(key=lambda f: f.start)
    return tuple(f for f in _inherit_outcome(sentence, found) if not _no_one(sentence, f))


# "A fifth deserter was killed", "a citizen was killed": one victim, said with an article ("singular_nouns").
SINGULAR: dict[str, tuple[str, ...]] = dict(_WORDS.singular_nouns)
_SINGULAR = "|".join(w for words in SINGULAR.values() for w in words)
# Posts one person holds ("office_nouns", a ministry aside) and other single leaders: "killed the governor"
_POSTS = "|".join(sorted((w for w in _WORDS.office_nouns if w != "ministry"), key=len, reverse=True)) + \
    "|leader|deputy|imam|priest|judge|general|colonel|sheikh|emir|chairman"
# Any other noun said of one person who died counts one ("one Chadian peacekeeper died"); the nouns listed
# say which breakdown column they count.
ONE_VICTIM = re.compile(rf"\b(?:a|an|one|another|1)\s+(?:[\w-]+\s+){{0,2}}?(?P<noun>{_SINGULAR}|[A-Za-z][a-z-]*[a-rt-z])\s+"
                        rf"(?:(?:was|has been|had been)\s+(?:also\s+)?(?:shot\s+)?(?P<verb>killed|dead|wounded|injured|"
                        rf"executed|beheaded|martyred)|(?:also\s+)?(?P<verb3>died|perished))\b"
                        # "killing a citizen", "wounding one child"
                        rf"|\b(?P<verb2>killing|wounding|injuring|killed|wounded|injured)\s+(?:a|an|one)\s+"
                        rf"(?:[\w-]+\s+){{0,2}}?(?P<noun2>{_SINGULAR})\b"
                        # "killed the governor of West Darfur": one person, named by the post held
                        rf"|\b(?P<verb4>killing|killed|assassinating|assassinated)\s+the\s+(?:[\w-]+\s+)?"
                        rf"(?P<noun3>{_POSTS})\b(?!s)", re.I)
PART_OF_THEM = re.compile(rf"\b(?P<num>{_NUM})\s+of\s+(?:them|whom)\s+(?:were\s+|being\s+)?(?:{_CATS})\b", re.I)
FAMILY_OF = re.compile(rf"\b(?:a|an|one|the|entire|whole)\s+(?:entire\s+|whole\s+)?family\s+of\s+(?P<num>{_NUM})\b"
                       rf"(?!\s+(?:{NOT_PEOPLE})\b)", re.I)
YEAR_BEFORE = re.compile(r"\b(?:in|since|from|between|of|until|to|through|and)\s+$", re.I)


def _a_year(sentence: str, figure: Figure) -> bool:
    """ "from 2011 to 2013 killed 5": a number that reads as a year is no count."""
    value = figure.high or figure.value
    if value is None or not 1900 <= value <= 2100 or not re.fullmatch(r"\d{4}", str(value)):
        return False
    return bool(YEAR_BEFORE.search(sentence[:figure.start]) or re.match(r"\s*(?:-|to)\s*(?:19|20)\d\d", sentence[figure.end:])
                or re.search(r"(?:19|20)\d\d\s*(?:-|to)\s*$", sentence[:figure.start]))


def _inherit_outcome(sentence: str, found: list[Figure]) -> list[Figure]:
    """Parts in brackets or after "including" count what the total before them counts.

    "17 people were killed (12 soldiers and five civilians) and 90 wounded":
    the five civilians were killed, though "wounded" is the nearer word.
    """
    out: list[Figure] = []
    total: Figure | None = None
    for figure in found:
        if figure.category == "total":
            total = figure
        elif total is not None and figure.outcome != total.outcome:
            between = sentence[total.end:figure.start]
            if re.search(r"\(|including|of (?:them|whom)", between) and ")" not in between:
                figure = replace(figure, outcome=total.outcome)
        out.append(figure)
    return out


TOLL_RISEN = re.compile(r"\b(?:death )?toll\b[^.;]{0,160}\b(?:rose|risen|climbed|increased|jumped|reached|grew|grown|"
                        r"stands|stood|is|was|hit|passed|topped)(?:\s+(?:to|at))?\s+(?:(?:at least|more than|some|"
                        r"about|around|nearly|over)\s+)?$", re.I)


# What befalls people counted that is no casualty: fleeing, arrest, rescue ("400,000 people had fled")
OTHER_FATE = re.compile(r"\s*(?:(?:were|was|are|is|have|has|had)\s+)?(?:(?:been|being|also|reportedly)\s+)*"
                        r"(?:fled|flee|fleeing|displaced|evacuated|arrested|detained|rescued|released|freed|returned|"
                        r"sheltering|living|left|gathered|crossed|protested|marched|attended|trapped|missing|"
                        r"stranded|relocated|deported)\b", re.I)


PART_BEFORE = re.compile(rf"\b(?:including|among them|among whom)\s+(?:(?:{_QUAL})\s+)?$", re.I)


def _outcome(sentence: str, start: int, end: int) -> str | None:
    """Killed or injured: the nearest casualty word after the figure, else before it, in one clause."""
    after = sentence[end:end + 90]
    before = sentence[max(0, start - 60):start]
    after = re.split(r"[;]|\bwhile\b|\bbut\b", after)[0]
    if PART_BEFORE.search(sentence[max(0, start - 40):start]):
        # "killed 52 people, ..., including 18 people sheltering in a school": a part of the toll said before,
        # whatever the words after it say of where they were
        told = list(re.finditer(rf"\b({KILLED_WORDS}|{INJURED_WORDS})\b", sentence[:start], re.I))
        if told:
            return "injured" if re.fullmatch(INJURED_WORDS, told[-1].group(), re.I) else "killed"
    if OTHER_FATE.match(after):
        return None  # "400,000 people had fled the camp ... and 10 aid workers were among the dead"
    right_after = re.match(rf"\s*(?:(?:were|was|have been|had been)\s+)?({KILLED_WORDS}|{INJURED_WORDS})\b", after, re.I)
    if right_after:  # "a man was killed and about 20 others wounded": the participle after the count
        return "injured" if re.fullmatch(INJURED_WORDS, right_after.group(1), re.I) else "killed"
    if TOLL_RISEN.search(sentence[:start]):  # "the death toll ... has risen to nine civilians"
        return "killed"
    hit_after = re.search(rf"\b({KILLED_WORDS}|{INJURED_WORDS})\b", after, re.I)
    hits_before = list(re.finditer(rf"\b({KILLED_WORDS}|{INJURED_WORDS})\b", before, re.I))
    word = None
    if hits_before and len(before) - hits_before[-1].end() <= 25 and not re.search(r"[,;.]", before[hits_before[-1].end():]):
        word = hits_before[-1].group()  # "killed 19 soldiers", "killing at least 40"
    elif hit_after and hit_after.start() < 45:
        word = hit_after.group()
    elif hits_before:
        word = hits_before[-1].group()
    elif hit_after:
        word = hit_after.group()
    if word is None:
        return None
    return "injured" if re.fullmatch(INJURED_WORDS, word, re.I) else "killed"
