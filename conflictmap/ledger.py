"""The ledger of an incident: every source's claim across all the reports that tell it.

One car bomb, five reports: the side panel lists each claim (source, figures,
breakdown, scope, date of the claim, quote, which report), the range of the
figures, where sources disagree, and how the toll moved over time ("SOHR:
30 on 11 Mar → 59 on 12 Mar → 74 on 20 Mar"). Figures are never added
across sources; ACLED's single figure for an incident is the lowest credible
one (``conservative``: ACLED codebook, "Fatalities": the most conservative
reported figure). Pure functions over rows of ``EventStore.claims_frame``.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pandas as pd

BREAKDOWN = ("civilians", "rebels", "government", "children", "women")
COLUMNS = ["source", "killed", "killed_qualifier", "injured", "injured_qualifier", "breakdown", "scope", "claim_date", "quote", "report",
           "event_id"]
UNATTRIBUTED = "(unattributed)"


@dataclass(frozen=True)
class Move:
    """One source's figure on one day, in the order the claims were made."""

    source: str
    day: dt.date | None
    killed: int


def _day(value: object) -> dt.date | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _claim_days(claims: pd.DataFrame) -> list[dt.date | None]:
    """A claim's date, else its report's publication date (``report_date``), else None."""
    own = claims["claim_date"] if "claim_date" in claims else pd.Series([None] * len(claims), index=claims.index)
    report = claims["report_date"] if "report_date" in claims else pd.Series([None] * len(claims), index=claims.index)
    return [_day(a) or _day(b) for a, b in zip(own, report)]


def _credible(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims that count the whole incident: scope "event", not a denial, with a killed figure."""
    if not len(claims):
        return claims
    scope = claims["scope"].fillna("event") if "scope" in claims else "event"
    denial = claims["denial"].fillna(False).astype(bool) if "denial" in claims else False
    keep = (scope == "event") & ~denial & claims["killed"].notna()
    return claims[keep]


def table(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per claim in ``COLUMNS``, oldest claim first: what the side panel lists.

    ``breakdown`` reads "civilians 10, government 2"; ``report`` names the
    report by publisher, else address, else id; ``claim_date`` falls back on
    the report's date.
    """
    if not len(claims):
        return pd.DataFrame(columns=COLUMNS)
    rows = []
    for record, day in zip(claims.to_dict("records"), _claim_days(claims)):
        parts = [f"{name} {int(record[name])}" for name in BREAKDOWN
                 if name in record and record[name] is not None and not pd.isna(record[name])]
        report = next((str(record[k]) for k in ("publisher", "report_url", "report_id")
                       if record.get(k) is not None and not pd.isna(record.get(k))), "")
        rows.append({"source": record.get("source") or UNATTRIBUTED,
                     "killed": None if pd.isna(record.get("killed")) else int(record["killed"]),
                     "killed_qualifier": _text(record.get("killed_qualifier")),
                     "injured": None if pd.isna(record.get("injured")) else int(record["injured"]),
                     "injured_qualifier": _text(record.get("injured_qualifier")),
                     "breakdown": ", ".join(parts), "scope": record.get("scope") or "event",
                     "claim_date": day, "quote": record.get("quote") or "", "report": report,
                     "event_id": record.get("event_id")})
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["_order"] = [d or dt.date.max for d in out["claim_date"]]
    out = out.sort_values(["_order", "source"], kind="stable").drop(columns="_order").reset_index(drop=True)
    for column in ("killed", "injured"):
        out[column] = out[column].astype("Int64")
    return out


def figure_range(claims: pd.DataFrame) -> tuple[int | None, int | None]:
    """(lowest, highest) killed among claims about the whole incident (subsets and denials left out)."""
    credible = _credible(claims)
    if not len(credible):
        return None, None
    figures = credible["killed"].astype(int)
    return int(figures.min()), int(figures.max())


def conservative(claims: pd.DataFrame) -> int | None:
    """ACLED's single figure for the incident: the lowest credible one (None when nobody gives one)."""
    return figure_range(claims)[0]


def flags(claims: pd.DataFrame) -> list[str]:
    """Plain-words warnings: sources that disagree (each source's latest figure), denials, parts not adding up."""
    out: list[str] = []
    credible = _credible(claims)
    if len(credible):
        latest = latest_by_source(claims)
        if len(set(latest.values())) > 1:
            out.append("sources disagree: " + ", ".join(f"{s} {k}" for s, k in latest.items()))
    if "denial" in claims and len(claims):
        denied = claims[claims["denial"].fillna(False).astype(bool)]
        names = list(dict.fromkeys(denied["source"].fillna(UNATTRIBUTED)))
        if names:
            out.append("denied by " + ", ".join(names))
    if "flag" in claims and len(claims):
        out.extend(f"parts do not add up: {f}" for f in dict.fromkeys(claims["flag"].dropna()))
    if "scope" in claims and len(claims):
        partial = [s for s in dict.fromkeys(claims["scope"].dropna()) if s != "event"]
        if partial:
            out.append("figures for part of the incident or beyond it: " + ", ".join(partial))
    return out


def moves(claims: pd.DataFrame) -> list[Move]:
    """Every credible figure with its day, oldest first (undated last), ties by source."""
    credible = _credible(claims)
    found = [Move(str(source) if source is not None and not pd.isna(source) else UNATTRIBUTED, day, int(killed))
             for source, day, killed in zip(credible["source"], _claim_days(credible), credible["killed"])]
    return sorted(found, key=lambda m: (m.day or dt.date.max, m.source, m.killed))


def latest_by_source(claims: pd.DataFrame) -> dict[str, int]:
    """Each source's latest figure (its highest on its latest day): a revised toll replaces the early one."""
    out: dict[str, tuple[dt.date, int]] = {}
    for move in moves(claims):
        day = move.day or dt.date.min
        if move.source not in out or (day, move.killed) >= out[move.source]:
            out[move.source] = (day, move.killed)
    return {source: killed for source, (_, killed) in out.items()}


def movement(claims: pd.DataFrame) -> list[str]:
    """How the figures moved, one line per source that gave more than one figure, plus the overall drift.

    >>> frame = pd.DataFrame({"source": ["SOHR", "SOHR"], "killed": [12, 40], "scope": ["event"] * 2,
    ...                       "denial": [False] * 2, "claim_date": ["2017-03-11", "2017-03-14"]})
    >>> movement(frame)
    ['SOHR: 12 (11 Mar 2017) → 40 (14 Mar 2017)', 'all sources: 12 on 11 Mar 2017, 40 by 14 Mar 2017']
    """
    found = moves(claims)
    lines = []
    for source in dict.fromkeys(m.source for m in found):
        own = [m for m in found if m.source == source]
        steps = [own[0]] + [m for prev, m in zip(own, own[1:]) if m.killed != prev.killed]
        if len(steps) > 1:
            lines.append(f"{source}: " + " → ".join(f"{m.killed} ({_words(m.day)})" for m in steps))
    dated = [m for m in found if m.day is not None]
    if len(dated) > 1 and dated[0].day != dated[-1].day:
        first, last = dated[0], dated[-1]
        top = max(m.killed for m in dated if m.day == last.day)
        lines.append(f"all sources: {first.killed} on {_words(first.day)}, {top} by {_words(last.day)}")
    return lines


def _words(day: dt.date | None) -> str:
    return day.strftime("%-d %b %Y") if day else "undated"


PLACE_RANK = {"neighbourhood": 0, "town": 1, "city": 2, "district": 3, "governorate": 4, "country": 5}


def one_per_incident(events: pd.DataFrame, claims: pd.DataFrame, start: dt.date | None = None,
                     end: dt.date | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per incident for exports: the incident's most precisely placed event (then the earliest, then
    the smallest id) stands for it, and every claim of its events is re-addressed to that row.

    ``events`` as ``EventStore.events_frame`` gives them (``incident_id`` None: an event alone), ``claims``
    as ``claims_frame``. ACLED's fatalities of the row are then the lowest credible figure over all the
    incident's reports (``acled.export_rows``), never a sum over reports. With ``start``/``end``, an
    incident is kept when the event standing for it is dated in that window (as the map counts it), so
    exports of two windows never both hold it; ``events`` should then hold every event of its incidents
    (``EventStore.with_incident_members``).
    """
    if not len(events) or "incident_id" not in events:
        return events, claims
    group = events["incident_id"].where(events["incident_id"].notna(), events["id"])
    if group.nunique() == len(events) and start is None and end is None:
        return events, claims
    located = events["lat"].notna() if "lat" in events else pd.Series(False, index=events.index)
    rank = events["precision"].map(PLACE_RANK).fillna(6).where(located, 9) if "precision" in events else 0
    ordered = events.assign(_group=group, _rank=rank, _day=events["event_date"].astype(str))
    ordered = ordered.sort_values(["_group", "_rank", "_day", "id"], kind="stable")
    keeper = ordered.groupby("_group")["id"].transform("first")
    moved = dict(zip(ordered["id"], keeper))
    kept = events[events["id"].isin(set(keeper))]
    if start is not None or end is not None:
        day = pd.to_datetime(kept["event_date"], errors="coerce").dt.date
        inside = day.notna()
        if start is not None:
            inside &= day.map(lambda d: d is not None and not pd.isna(d) and d >= start)
        if end is not None:
            inside &= day.map(lambda d: d is not None and not pd.isna(d) and d <= end)
        kept = kept[inside.astype(bool)]
    if len(claims):
        claims = claims.assign(event_id=claims["event_id"].map(lambda e: moved.get(e, e)))
        if start is not None or end is not None:
            claims = claims[claims["event_id"].isin(set(kept["id"])) | claims["event_id"].isna()]
    return kept, claims


# -- how an analyst reads a claim ------------------------------------------------------------------
# The reader's scopes (``reading.claims.scope_of``; ``reading.reader``: "unplaced", "no casualty figure",
# "responsibility": a speaker blaming, claiming or disowning the attack) and
# the exports' ("daily_total"), in words. A claim about the whole event says nothing more.
SCOPE_WORDS = {"event": "", "nationwide": "nationwide total", "24 hours": "over the past 24 hours",
               "cumulative": "running total", "daily_total": "daily total", "unplaced": "no place named",
               "no casualty figure": "", "no report": "said nothing of casualties",
               "responsibility": "on who did it"}
BREAKDOWN_WORDS = {"civilians": "civilians", "rebels": "rebels", "government": "government forces",
                   "children": "children", "women": "women"}
# How a report may name a source without saying more than its name ("It said"), left out of the card.
PRONOUNS = frozenset({"it", "he", "she", "they", "this", "that", "which", "who"})
TOTALS_COLUMNS = ["Date", "Source", "Figures", "Of them", "Counts", "Note", "Quote"]


@dataclass(frozen=True)
class ClaimCard:
    """One claim as an analyst reads it; every field is plain text ("" when the report says nothing).

    ``source`` is the source's name, ``named`` how the report named it (when
    that says more than the name), ``figures`` the figures with their
    qualifiers ("at least 21 killed, 100 injured"), ``breakdown`` who the dead
    were ("4 civilians, 24 government forces"), ``scope`` what the figure
    counts beyond the event ("nationwide total"), ``day`` the claim's date
    (else the report's), ``report`` which report made it, ``quote`` the
    report's sentence, ``relayed`` who passed the claim on ("Reuters"),
    ``flag`` why its parts do not add up (the panel says so in a warning),
    ``shared`` the other places one figure was given for ("Zamalka and
    Moadamiyeh": the claim is shared with them and counted once).
    """

    source: str
    named: str
    figures: str
    breakdown: str
    scope: str
    day: dt.date | None
    report: str
    quote: str
    relayed: str = ""
    flag: str = ""
    shared: str = ""

    @property
    def details(self) -> list[str]:
        """The second line's parts after the figures: breakdown, scope, date, relay, report."""
        parts = [f"of them {self.breakdown}" if self.breakdown else "", self.scope,
                 f"claimed {_words(self.day)}" if self.day else "date not given",
                 f"relayed by {self.relayed}" if self.relayed else "", f"in {self.report}" if self.report else ""]
        return [p for p in parts if p]

    def lines(self) -> list[str]:
        """The card as plain text lines: who, what they claim, the quote.

        >>> ClaimCard("SOHR", "the Observatory", "19 killed", "", "", dt.date(2013, 2, 6), "", "19 died.").lines()
        ['SOHR, named “the Observatory”', '19 killed · claimed 6 Feb 2013', '“19 died.”']
        """
        who = f"{self.source}, named “{self.named}”" if self.named else self.source
        out = [who, " · ".join([self.figures, *self.details])]
        if self.shared:
            out.append(self.shared_words)
        if self.quote:
            out.append(f"“{self.quote}”")
        return out

    def markdown(self) -> str:
        """Who and what, for Streamlit's Markdown: the source in bold, the figures and details on the next
        line; every piece of report text escaped (``safetext.md``), so it shows exactly as the report wrote
        it. The quote goes under it (``quote_markdown``)."""
        from conflictmap.safetext import md

        who = f"**{md(self.source)}**" + (f", named “{md(self.named)}”" if self.named else "")
        shared = f"  \n{md(self.shared_words)}" if self.shared else ""
        return f"{who}  \n{md(' · '.join([self.figures, *self.details]))}{shared}"

    @property
    def shared_words(self) -> str:
        """ "shared with Zamalka and Moadamiyeh (one figure for these places, counted once)"; "" when not shared."""
        return f"shared with {self.shared} (one figure for these places, counted once)" if self.shared else ""

    def quote_markdown(self) -> str:
        """The quote in quotation marks, escaped for Markdown ("" without a quote)."""
        from conflictmap.safetext import md

        return f"“{md(self.quote)}”" if self.quote else ""


def _host(address: str) -> str:
    """ "https://www.news.az/news/x" → "news.az"; an address without a host as it is."""
    from urllib.parse import urlsplit

    try:
        host = urlsplit(address).hostname or ""
    except ValueError:
        host = ""
    return host.removeprefix("www.") or address


def _text(value: object) -> str:
    """A report's text field as one clean line; "" for None, NaN and blanks."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    return " ".join(str(value).split())


def _count(value: object) -> int | None:
    """A figure as an int; None for None, NaN, pd.NA and anything that is not a number."""
    try:
        return None if value is None or pd.isna(value) else int(value)
    except (TypeError, ValueError):
        return None


def figure_words(record: dict) -> str:
    """A claim's figures with their qualifiers, in words.

    >>> figure_words({"killed": 21.0, "killed_qualifier": "at least", "injured": 100})
    'at least 21 killed, 100 injured'
    >>> figure_words({"killed": None, "killed_text": "dozens", "killed_conventional": 12})
    '“dozens” killed (read as 12)'
    >>> figure_words({"killed": 5, "injured": 15, "injured_high": 20, "injured_qualifier": "around"})
    '5 killed, around 15–20 injured'
    >>> figure_words({"denial": True})
    'denies it'

    The injured figure keeps its words as the killed one does ("“dozens” injured (read as 12)").
    """
    parts = [words for outcome in ("killed", "injured") if (words := _figure(record, outcome))]
    denial = record.get("denial")
    if denial is not None and not (isinstance(denial, float) and pd.isna(denial)) and bool(denial):
        return "denies it" + (f" (says {', '.join(parts)})" if parts else "")
    return ", ".join(parts) or "no figure"


def _figure(record: dict, outcome: str) -> str:
    """One figure in words, "killed" or "injured": "at least 40 injured", "15–20 injured" (with ``*_high``),
    "“dozens” injured (read as 12)" (the report's words, and ACLED's conventional number); "" without."""
    value = _count(record.get(outcome))
    if value is not None:
        high = _count(record.get(f"{outcome}_high"))
        amount = f"{value}–{high}" if high is not None and high > value else str(value)
        return " ".join(p for p in (_text(record.get(f"{outcome}_qualifier")), f"{amount} {outcome}") if p)
    if _text(record.get(f"{outcome}_text")):
        conventional = _count(record.get(f"{outcome}_conventional"))
        return (f"“{_text(record.get(f'{outcome}_text'))}” {outcome}"
                + (f" (read as {conventional})" if conventional is not None else ""))
    return ""


def breakdown_words(record: dict) -> str:
    """Who the dead were, as the claim breaks them down: "4 civilians, 24 government forces" ("" without)."""
    return ", ".join(f"{n} {BREAKDOWN_WORDS[name]}" for name in BREAKDOWN
                     if (n := _count(record.get(name))) is not None)


def scope_words(scope: object) -> str:
    """What a figure counts, when it is more or less than the event: "nationwide total", "earlier toll"
    ("" for the whole event). Scopes not known here show as written, underscores as spaces.

    >>> scope_words("responsibility")
    'on who did it'
    >>> scope_words("event (earlier toll)")
    'earlier toll'
    """
    text = _text(scope)
    if text in SCOPE_WORDS:
        return SCOPE_WORDS[text]
    if text.startswith("event (") and text.endswith(")"):  # "event (earlier toll)"
        return text[len("event ("):-1]
    return text.replace("_", " ")


def named_as(source: str, mention: object) -> str:
    """How the report named the source, when that says more than its name ("" when not)."""
    said = _text(mention)
    if not said or _bare(said) in PRONOUNS or _bare(said) == _bare(source):
        return ""
    return said


def _bare(name: str) -> str:
    """A name without its article and case: "A Red Cross worker" → "red cross worker"."""
    words = name.lower().split()
    return " ".join(words[1:] if len(words) > 1 and words[0] in ("the", "a", "an") else words)


def cards(claims: pd.DataFrame, *, with_report: bool | None = None) -> list[ClaimCard]:
    """Each claim of ``claims`` (rows of ``EventStore.claims_frame`` or ``nationwide_frame``) as a
    ``ClaimCard``, oldest claim first (undated last), ties by source.

    ``with_report`` names each claim's report (publisher, else the host of its address);
    by default only when the claims come from more than one report.
    """
    if not len(claims):
        return []
    records = claims.to_dict("records")
    days = _claim_days(claims)
    if with_report is None:
        with_report = "report_id" in claims and claims["report_id"].nunique() > 1
    found = []
    for record, day in zip(records, days):
        source = _text(record.get("source")) or UNATTRIBUTED
        report = _text(record.get("publisher")) or _host(_text(record.get("report_url")))
        found.append(ClaimCard(source=source, named=named_as(source, record.get("source_mention")),
                               figures=figure_words(record), breakdown=breakdown_words(record),
                               scope=scope_words(record.get("scope")), day=day,
                               report=report if with_report else "", quote=_text(record.get("quote")),
                               relayed=_text(record.get("relayed_by")), flag=_text(record.get("flag")),
                               shared=shared_with(record.get("shared_by"), record.get("event_place"))))
    order = sorted(range(len(found)), key=lambda i: (found[i].day or dt.date.max, found[i].source))
    return [found[i] for i in order]


def shared_with(shared_by: object, here: object = None) -> str:
    """The other places of a shared claim in words: "Zamalka and Moadamiyeh"; "" for a claim of one place.

    ``shared_by`` is the claim's place mentions (JSON text as stored, or a
    list), ``here`` the mention of the event the claim is shown on (left
    out; all are named when it is not among them).

    >>> shared_with('["Ain Tarma", "Zamalka", "Moadamiyeh"]', "Ain Tarma")
    'Zamalka and Moadamiyeh'
    """
    if isinstance(shared_by, str):
        try:
            shared_by = json.loads(shared_by)
        except ValueError:
            return ""
    if not isinstance(shared_by, (list, tuple)) or len(shared_by) < 2:
        return ""
    names = [str(n) for n in shared_by if _text(n)]
    here_key = _text(here).strip().lower()
    others = [n for n in names if n.strip().lower() != here_key] if here_key else names
    others = list(dict.fromkeys(others)) or names
    return others[0] if len(others) == 1 else ", ".join(others[:-1]) + " and " + others[-1]


def totals_table(claims: pd.DataFrame) -> pd.DataFrame:
    """Nationwide and daily totals (rows of ``EventStore.nationwide_frame``) in ``TOTALS_COLUMNS``, headed
    in words, every cell text ("" where the report says nothing), oldest first. ``Note`` says where a
    claim's parts do not add up."""
    rows = [{"Date": _words(card.day) if card.day else "", "Source": card.source + (f" (“{card.named}”)"
                                                                                     if card.named else ""),
             "Figures": card.figures, "Of them": card.breakdown, "Counts": card.scope or "the whole event",
             "Note": f"parts do not add up: {card.flag}" if card.flag else "", "Quote": card.quote} for card in cards(claims, with_report=False)]
    return pd.DataFrame(rows, columns=TOTALS_COLUMNS)


def disagreement(claims: pd.DataFrame) -> str | None:
    """Each source's latest figure where they differ ("SOHR 74, State TV 40"), else None."""
    latest = latest_by_source(claims)
    if len(set(latest.values())) > 1:
        return ", ".join(f"{s} {k}" for s, k in latest.items())
    return None


def notes(claims: pd.DataFrame) -> list[str]:
    """What the incident's panel adds under its warnings: figures about part of it, and how the figures moved
    (disagreement, denials and parts that do not add up are the warnings themselves)."""
    said = [f for f in flags(claims) if f.startswith("figures for part")]
    return said + movement(claims)


def range_words(lowest: int | None, highest: int | None, sources: int) -> str:
    """The panel's summary line: "Lowest claimed 12, highest claimed 19, by 3 sources".

    >>> range_words(19, 19, 1)
    'Lowest claimed 19, highest claimed 19, by 1 source'
    >>> range_words(None, None, 0)
    'No figure of the killed claimed'
    """
    by = f"by {sources} source{'' if sources == 1 else 's'}"
    if lowest is None:
        return "No figure of the killed claimed" + (f" ({by})" if sources else "")
    return f"Lowest claimed {lowest}, highest claimed {highest}, {by}"


def event_words(event_type: object, day: object, precision: object) -> str:
    """The panel's line under the place: "suicide bombing · 6 Feb 2013 · placed to the city".

    >>> event_words("suicide_bombing", "2013-02-06", None)
    'suicide bombing · 6 Feb 2013 · not placed'
    """
    when = _day(day)
    where = f"placed to the {_text(precision)}" if _text(precision) else "not placed"
    return " · ".join([_text(event_type).replace("_", " "), _words(when) if when else "date unknown", where])
