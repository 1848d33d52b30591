"""Claims: one source's casualty figure for one event, as the report words it.

Sources disagree, so conflictmap never merges their figures into one
number: each figure is a claim of its own, with its breakdown, its scope
(this event, or a nationwide total), whether it is a denial, and the
sentence it came from. This module folds a sentence's figures
(``conflictmap.reading.figures``) into claims; the reader decides who said
them and which event they belong to.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace

from conflictmap.reading.dates import MONTHS, WEEKDAYS
from conflictmap.reading.figures import CONVENTIONAL, INJURED_WORDS, KILLED_WORDS, NOT_PEOPLE, QUALIFIERS, Figure
from conflictmap.reading.numbers import NUMBER

_QUALIFIER_WORDS = "|".join(sorted(QUALIFIERS, key=len, reverse=True))
_NATIONWIDE_WORDS = (r"nationwide|across the (?:country|nation)|throughout the country|around the country|"
                     r"all over the country")


@functools.lru_cache(maxsize=64)
def nationwide_pattern(names: tuple[str, ...] = ("Syria",)) -> re.Pattern[str]:
    """Words that make a figure count a whole country, for a report about the country of ``names``.

    "nationwide", "across the country", and the country's own names: "across Yemen", "throughout
    Sudan", "in all of Ukraine", and "in Syria" on its own ("37 people died on Thursday in Syria"),
    never "in Syria's Idlib province" nor "in northern Syria".
    """
    named = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # the toll of the whole war: "the death toll in Sudan's war", "the war in Yemen", "the country's civil war"
    war = rf"(?:(?:{named}|the country|the nation)['\u2019]s\s+(?:\w+[-\s]year[-\s]old\s+|civil\s+)?" \
          rf"(?:war|conflict|civil war)|the\s+(?:civil\s+)?(?:war|conflict)\s+in\s+(?:{named}))"
    return re.compile(rf"\b(?:{_NATIONWIDE_WORDS}|{war}|(?:across|throughout|all over|in all of|all across|around|"
                      rf"in|at|on|against|over)\s+(?:the\s+)?(?:{named})\b(?!['\u2019]s|-|\s+(?-i:[A-Z])))", re.I)


NATIONWIDE = nationwide_pattern()
# "since Monday", "since October": the day and month names of ``dates`` (full names only)
_DAY_OR_MONTH = "|".join(name.capitalize() for name in
                         (*WEEKDAYS, *(m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july"))))
_MONTH_ABBREVIATION = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"  # "since Oct. 8"
CUMULATIVE = re.compile(rf"\b((?:in|over|during) the (?:past|last) (?:week|month|few days|\w+ (?:days|weeks|months))|"
                        r"since then|since that (?:day|time)|"
                        rf"since (?:the (?:start|beginning)|\d+|{_DAY_OR_MONTH}|{_MONTH_ABBREVIATION}\.?\s+\d)|"
                        rf"so far this|to date|"
                        # "since the war began", "since the army seized power", "since the invasion"
                        r"since (?:the )?(?:war|conflict|coup|invasion|uprising|revolution|revolt|fighting|offensive|"
                        r"siege|army|military|junta|crisis|escalation|ceasefire|truce)\b|"
                        r"since the [\w-]+(?: [\w-]+)? (?:began|started|broke out|erupted|seized|took|launched))\b", re.I)
PAST_DAY = re.compile(r"\b(past|last|previous) (24|twenty-four) hours\b|\b(?:over|in|during) the (?:past|last) day\b", re.I)
DENIAL = re.compile(r"\b(denied|denies|deny|denying|dismissed|rejected|refuted|hoax|fabricated|"
                    r"never (?:used|carried out|targeted|attacked)|"
                    r"fabrication|false reports?)\b", re.I)

@dataclass(frozen=True)
class Claim:
    """One source's statement about casualties (or a denial), with its evidence.

    ``source`` is the canonical name from the registry (None when the text
    names nobody); ``source_mention`` keeps the words the report used.
    """

    source: str | None
    source_mention: str | None
    killed: int | None = None
    injured: int | None = None
    civilians: int | None = None
    rebels: int | None = None
    government: int | None = None
    children: int | None = None
    women: int | None = None
    killed_qualifier: str | None = None
    killed_text: str | None = None
    killed_conventional: int | None = None
    killed_high: int | None = None  # the upper end of a range the source gives (UCDP GED's "high")
    # the injured figure's words, as the killed figure's: "at least 40", "dozens" (ACLED's 12 beside it), "15-20"
    injured_qualifier: str | None = None
    injured_text: str | None = None
    injured_conventional: int | None = None
    injured_high: int | None = None
    scope: str = "event"
    denial: bool = False
    quote: str = ""
    flag: str | None = None
    relayed_by: str | None = None
    source_kind: str | None = None
    date: str | None = None
    shared_by: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def breakdown(self) -> dict[str, int]:
        parts = {"civilians": self.civilians, "rebels": self.rebels, "government": self.government}
        return {k: v for k, v in parts.items() if v is not None}

    def with_flag(self) -> "Claim":
        """The claim with a flag where its parts do not add up to its total."""
        parts = self.breakdown
        if self.killed is None or len(parts) < 2:
            return self
        total = sum(parts.values())
        if total == self.killed:
            return self
        relation = "more than" if total > self.killed else "less than"
        return replace(self, flag=f"breakdown sums to {total}, {relation} the {self.killed} total")


# "the dead included three children", "among the victims were two women": a part of a toll not given here
PART_OF_THE_DEAD = re.compile(r"\b(?:dead|victims|killed|casualties|fatalities)\s+(?:included|include|includes|"
                              r"were|was)\s+(?:(?:at least|about|some)\s+)?$", re.I)
PART_WORDS = r"including|among them|among whom|of whom|of them"  # what names the parts of a total just given
INCLUDING = re.compile(rf"[^.;]{{0,40}}?\b(?:{PART_WORDS})\b", re.I)


def claim_from_figures(found: list[Figure], *, source: str | None, source_mention: str | None,
                       quote: str, scope: str, clause: str = "") -> Claim | None:
    """Fold one source's figures in a sentence into a claim: total, injured and breakdown.

    A category figure alone ("19 soldiers killed") is also the total; parts
    named after a total ("60 people, including 14 civilians") are its
    breakdown, and a flag says when they do not add up.
    """
    killed = injured = None
    qualifier = vague = None
    parts: dict[str, int] = {}
    killed_figures = [f for f in found if f.outcome == "killed"]
    totals = [f for f in killed_figures if f.category == "total"]
    lead = INCLUDING.match(clause[killed_figures[0].end:]) if len(killed_figures) > 1 else None
    if not totals and lead and killed_figures[0].end + lead.end() <= killed_figures[1].start:
        # "35 civilians, including 10 children and 5 women, were killed": the first figure is the total
        totals = [killed_figures[0]]
        killed_figures = killed_figures[1:]
    if totals and not lead:
        # "six children, seven women and 16 other men were killed": parts, and no total given
        in_list = _listed(killed_figures, clause)
        totals = [t for t in totals if id(t) not in in_list]
    high = None
    if totals:
        killed, qualifier, vague, high = totals[0].value, totals[0].qualifier, totals[0].vague, totals[0].high
    listed = _listed(killed_figures, clause) if not totals else set()
    if not totals and listed:
        killed_figures = [f for f in killed_figures if f.category != "total" or id(f) not in listed]
    for figure in killed_figures:
        if figure.category != "total" and figure.value is not None:
            parts.setdefault(figure.category, figure.value)
    from_part = False
    only = next((f for f in killed_figures if f.category != "total"), None)
    if killed is None and vague is None and len(parts) == 1 and not listed and \
            not PART_OF_THE_DEAD.search(clause[max(0, only.start - 40):only.start]) and \
            not re.match(r"[\w,-]+\s+of\s+(?:the|them|those)\b", clause[only.start:only.end]):  # "two of the dead were civilians"
        killed, qualifier, high = only.value, only.qualifier, only.high
        from_part = only.category in ("children", "women")
    # the first injured number, else the first vague amount ("dozens were wounded"), with its words
    hurt = next((f for f in found if f.outcome == "injured" and f.value is not None), None) or \
        next((f for f in found if f.outcome == "injured" and f.vague and not _dead_and_hurt(f, clause)), None)
    injured = hurt.value if hurt else None
    hurt_vague = hurt.vague if hurt else None
    if killed is None and injured is None and not parts and vague is None and hurt_vague is None:
        return None
    claim = Claim(
        source=source, source_mention=source_mention, killed=killed, injured=injured,
        civilians=parts.get("civilians"), rebels=parts.get("rebels"), government=parts.get("government"),
        children=parts.get("children"), women=parts.get("women"), killed_qualifier=qualifier,
        killed_text=vague, killed_conventional=CONVENTIONAL.get((vague or "").lower()) if killed is None else None,
        killed_high=high, injured_qualifier=hurt.qualifier if hurt else None, injured_text=hurt_vague,
        injured_conventional=CONVENTIONAL.get((hurt_vague or "").lower()) if injured is None else None,
        injured_high=hurt.high if hurt else None,
        scope=scope, quote=quote, extra={"from_part": True} if from_part else {},
    )
    return claim.with_flag()


# "a number of children dead or wounded", "killing and injuring dozens": the dead and the hurt counted together
# (the gold's ``casualties_text``), so the amount is not the injured figure
_DEAD_AND_HURT = re.compile(rf"\b(?:{KILLED_WORDS})\s+(?:or|and)\s+(?:{INJURED_WORDS})\b|"
                            rf"\b(?:{INJURED_WORDS})\s+(?:or|and)\s+(?:{KILLED_WORDS})\b", re.I)


def _dead_and_hurt(figure: Figure, clause: str) -> bool:
    """Whether a vague amount counts the dead and the hurt together ("dozens killed or wounded")."""
    return _DEAD_AND_HURT.search(clause[max(0, figure.start - 25):figure.end + 20]) is not None


# A count conjoined to another ("23 civilians and five army deserters", "six children, seven women and 12
# troops"): the sentence lists parts, and the total is not the text's to give (literal reading: sums are
# never computed, as in ACLED's and UCDP's coding of reported figures).
_CONJOINED_AFTER = re.compile(rf"^(?:,\s*(?:and\s+)?|\s+and\s+)(?:(?:{_QUALIFIER_WORDS})\s+)?"
                              rf"(?:{NUMBER})\s+(?!(?:{NOT_PEOPLE}|{KILLED_WORDS}|{INJURED_WORDS}|were|was|have|"
                              rf"had|others|more|of)\b)[a-z]", re.I)
# "killing a man, his wife and their three children": one person of a family listed, not a toll of one
_KIN_AFTER = re.compile(r"^(?:,\s*|\s+and\s+)(?:his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:wife|husband|son|sons|daughter|"
                        r"daughters|child|children|brother|brothers|sister|sisters|mother|father|parents|family|"
                        r"relatives|grandchildren|grandson|granddaughter)\b", re.I)
_CONJUNCTION = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")


def conjoined_run(found: list[Figure], text: str) -> list[Figure]:
    """The figures that end ``found`` and are joined to each other by commas or "and" only.

    "eight civilians and three fighters killed in X" ends in a run of two; in
    "30 people, including 12 civilians shot by troops, and five policemen" the run
    is the five policemen alone.
    """
    if not found:
        return []
    run = [found[-1]]
    for figure in reversed(found[:-1]):
        if not _CONJUNCTION.fullmatch(text[figure.end:run[0].start]):
            break
        run.insert(0, figure)
    return run


def _listed(found: list[Figure], clause: str) -> set[int]:
    """The figures (by ``id``) that stand in a list of counts joined by commas or "and"."""
    out: set[int] = set()
    for figure in found:
        if figure.end <= len(clause) and (_CONJOINED_AFTER.match(clause[figure.end:]) or (
                figure.value == 1 and _KIN_AFTER.match(clause[figure.end:]))):
            out.add(id(figure))
            following = [f for f in found if f.start > figure.end]
            if following and following[0].start - figure.end < 45:
                out.add(id(following[0]))
    return out


EARLIER = re.compile(r"\b(?:previous|earlier|initial|first|up from|revised from|from an? (?:earlier|initial))\b"
                     # ("an earlier attack that killed 42" is another event's toll, not an older one of this event)
                     r"(?!\s+(?:\w+\s+)?(?:attacks?|bombings?|blasts?|strikes?|air ?strikes?|explosions?|raids?|"
                     r"shelling|clash(?:es)?|massacre|ambush)\b)"
                     # ("over the previous 24 hours, 135 were killed": a span, not an older toll)
                     r"(?!\s+(?:24|twenty-four|\w+)\s+(?:hours|days|weeks|months)\b|\s+(?:day|week|month|night)\b)"
                     r"[^.;]{0,25}$"
                     # "rose to 40 from 20": the figure after "from" is the older toll
                     r"|\b(?:rose|risen|climbed|increased|jumped|grew|grown|revised)\s+(?:up\s+)?to\s+\S+\s+from\s+$",
                     re.I)


# "on top of 15 dead earlier that day": a toll the source gave before this one
EARLIER_AFTER = re.compile(r"\s+(?:(?:people\s+)?(?:killed|dead|who died)\s+)?earlier\b", re.I)


def claims_from_figures(found: list[Figure], clause: str, *, source: str | None, source_mention: str | None,
                        quote: str, scope: str) -> list[Claim]:
    """The claims of one source's figures: the current toll, and any earlier toll it updates.

    "rose to 58, up from an earlier toll of 21" is two claims of
    one source, the earlier one marked as superseded.
    """
    earlier = [f for f in found if f.category == "total" and f.outcome == "killed" and f.value is not None
               and (EARLIER.search(clause[max(0, f.start - 40):f.start]) or EARLIER_AFTER.match(clause[f.end:]))]
    current = [f for f in found if f not in earlier]
    out = [Claim(source=source, source_mention=source_mention, killed=figure.value,
                 killed_qualifier=figure.qualifier, quote=quote,
                 # "on top of 15 dead earlier" counts other dead; "up from 20" is a toll this one replaces
                 scope=f"{scope} (killed earlier)" if EARLIER_AFTER.match(clause[figure.end:]) else
                 f"{scope} (earlier toll)")
           for figure in earlier]  # in time order: the earlier toll first
    claim = claim_from_figures(current, source=source, source_mention=source_mention, quote=quote, scope=scope,
                               clause=clause)
    if claim is not None:
        out.append(claim)
    return out


SUPERLATIVE = re.compile(r"\b(?:deadliest|worst|bloodiest|biggest|largest|heaviest|most\s+\w+|first|highest)\b"
                         r"[^,;.]*$", re.I)
# a place's name right before the country ("Diallassagou in Mali"; not "on Thursday in Syria")
PLACE_BEFORE = re.compile(rf"\b(?!(?:{'|'.join(name.capitalize() for name in (*WEEKDAYS, *MONTHS))})\b)"
                          # (not a people counted: "killed 200 Palestinians in Gaza" counts the whole strip)
                          r"(?-i:[A-Z])[\w'\u2019-]*[\w'\u2019-](?<![a-z]s),?\s+$")
FACILITY_BEFORE = re.compile(r"\b(?:port|city|town|village|camp|market|hospital|school|base|airport|prison|"
                             r"mosque|church|refinery|plant|factory|station|bridge|building|hotel|area|region|"
                             r"province|district|border|coast)\s+$", re.I)


def scope_of(sentence: str, nationwide: re.Pattern[str] = NATIONWIDE) -> str:
    """Whether a figure counts one event, a nationwide total, a span, or a running total.

    ``nationwide`` is the report's country's pattern (``nationwide_pattern``); Syria's by default.
    """
    for match in nationwide.finditer(sentence):
        if match.start() == 0 and sentence[match.end():match.end() + 1] == "," and \
                not re.fullmatch(_NATIONWIDE_WORDS, match.group(), re.I):
            continue  # "In Sudan, the RSF shelled a market in El Fasher": the topic, not the figure's bound
            # ("Nationwide, 61 people were killed" is the bound itself)
        if re.search(r"\b(?:war|conflict)$", match.group(), re.I) and \
                SUPERLATIVE.search(sentence[max(0, match.start() - 60):match.start()]):
            continue  # "the deadliest attack of Syria's war killed 50 in Douma": a comparison, not the war's toll
        if FACILITY_BEFORE.search(sentence[max(0, match.start() - 30):match.start()]):
            continue  # "strikes on a fuel port in Yemen killed 74": where the port is, not the figure's bound
        if match.group().lower().startswith("in ") and PLACE_BEFORE.search(sentence[max(0, match.start() - 40):match.start()]):
            continue  # "in the village of Diallassagou in Mali", "in Kidal, Mali": the country of the place named
        return "nationwide"
    if PAST_DAY.search(sentence):
        return "24 hours"
    for match in CUMULATIVE.finditer(sentence):
        if SUPERLATIVE.search(sentence[max(0, match.start() - 60):match.start()]):
            continue  # "the worst strike on the town since the war began": a comparison, not a running total
        return "cumulative"
    return "event"


# "did not deny the strike", "without denying": a denial word negated is no denial
NOT_DENIED = re.compile(r"\b(?:did not|didn't|does not|doesn't|has not|hasn't|not|without|neither)\s+"
                        r"(?:\w+\s+)?(?:deny|denied|denying)\b", re.I)


# A denial the source makes as a habit ("has denied targeting civilians in the past") disputes no one event
HABITUAL = re.compile(r"\b(?:in the past|previously|repeatedly|regularly|has long|have long|routinely|consistently|"
                      r"has always|have always)\b", re.I)


def is_denial(sentence: str) -> bool:
    """Whether a sentence denies what it tells ("denied targeting civilians"), not "did not deny the strike"."""
    return any(not NOT_DENIED.search(sentence[max(0, m.start() - 30):m.end()]) for m in DENIAL.finditer(sentence))


def is_habitual_denial(sentence: str) -> bool:
    """Whether a sentence tells of a source's denials in general ("The group has denied targeting civilians in
    the past", "Moscow has repeatedly denied ..."): background, neither a claim nor an event."""
    return is_denial(sentence) and HABITUAL.search(sentence) is not None
