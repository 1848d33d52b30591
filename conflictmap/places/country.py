"""Countries: their names, demonyms and capitals, and the country a report is about.

The facts come from maintained packages, not from this code: country names,
alternative spellings, demonyms and capitals with their coordinates from
``countryinfo`` (MIT), ISO 3166-1 codes and names from ``pycountry``.
``DEMONYM_SUPPLEMENT`` adds the few adjectives reports use that
countryinfo lacks (it gives one demonym a country).

``infer_country(text)`` weighs what a report says about where it is:
country names ("Yemen's Houthi-run health ministry", a dateline "SANAA,
Yemen"), demonyms ("the Iraqi capital") and the cities and first-level
divisions it names.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conflictmap.places.gazetteer import Gazetteer

# Adjectives and short names reports use that countryinfo does not list (one demonym a country there).
DEMONYM_SUPPLEMENT = {
    "PS": ("Palestinian", "Gazan"), "MM": ("Burmese", "Myanmar's"), "AE": ("Emirati",), "GB": ("British",),
    "US": ("American",), "CD": ("Congolese",), "SD": ("Sudanese",), "SS": ("South Sudanese",),
    "UA": ("Ukrainian",), "RU": ("Russian",), "IL": ("Israeli",), "SY": ("Syrian",), "IQ": ("Iraqi",),
    "AF": ("Afghan",), "SO": ("Somali",), "LY": ("Libyan",), "YE": ("Yemeni",), "LB": ("Lebanese",),
}
# Short names reports use for countries whose ISO and countryinfo names are longer.
NAME_SUPPLEMENT = {
    "PS": ("Gaza Strip", "West Bank", "Palestine", "Gaza"), "SY": ("Syria",), "RU": ("Russia",), "IR": ("Iran",),
    "MM": ("Myanmar", "Burma"), "CD": ("DR Congo", "DRC", "Democratic Republic of Congo", "Congo"),
    "CG": ("Republic of Congo",), "KR": ("South Korea",), "KP": ("North Korea",),
    "LA": ("Laos",), "VN": ("Vietnam",), "TZ": ("Tanzania",), "BO": ("Bolivia",), "VE": ("Venezuela",),
    "GB": ("Britain", "UK"), "US": ("United States", "USA"),
}
# Names the wires give one country that the reference data files under another: "Congo" on its own is the
# Democratic Republic of the Congo in AP and Reuters copy (AP Stylebook, "Congo"); the other is "Republic of Congo"
NAME_ELSEWHERE = {"CG": {"Congo"}}
# Words that name a country and are also ordinary words or first names in English prose.
AMBIGUOUS = frozenset({"Jordan", "Chad", "Georgia", "Turkey", "China", "Guinea", "Niger", "Jersey", "Israel's"})
# ... and where they stand as a country: after "in"/"of"/"across" and a compass word ("in western Niger"), or
# before "'s", never before more of a name ("Niger State", "Niger Delta", "Jordan Smith"); "into Chad", said of
# refugees, names where people fled to, not the war's country
_AMBIGUOUS_AS_COUNTRY = re.compile(
    r"(?:\b(?:in|of|across)\s+(?:(?:the\s+)?(?:north|south|east|west|northern|"
    r"southern|eastern|western|central|north-?western|north-?eastern|south-?western|south-?eastern)\s+)?"
    r"(?P<name>Jordan|Chad|Niger|Guinea|Turkey)\b(?![\w-]|\s+[A-Z])"
    r"|\b(?P<poss>Jordan|Chad|Niger|Guinea|Turkey)['\u2019]s\s+(?!father|mother|wife|husband|son|daughter)[a-z])")
NAME_WEIGHT = 3.0  # "Yemen", "Yemen's"
DEMONYM_WEIGHT = 2.0  # "Iraqi", "the Yemeni capital"
# The country read must lead the next by at least the smallest piece of evidence (an attacker's demonym): a name
# that two countries' places share about equally ("Hay", a Vietnamese and an Iraqi town) decides nothing
LEAD = 0.5
DATELINE_WEIGHT = 0.75  # where the story was filed: a tie-breaker, less than any word of the text
PLACE_WEIGHT = 2.0  # a city or first-level division, shared between the countries that have one of that name
# ... in proportion to the population of each country's largest place of that name (GeoNames), each counted as at
# least this many people, so that a division or a curated row with no population still has its share
SIZE_FLOOR = 20_000
# A curated row (a first-level division, or a town, camp or district the supplement adds because reports of
# today's wars name it) has no population of its own: it counts as a large city ("Ras al-Ain" is the Syrian
# town of the supplement before Rosh Ha'Ayin, an Israeli city of 73,000)
CURATED_SIZE = 500_000
INSIDE_A_NAME = 0.25
# A capitalised word right before or after a place's name: the name may be part of a longer proper name
NAME_BEFORE = re.compile(r"(?<![.!?]\s)\b(?!(?:In|At|On|The|From|Near|And|Of|Outside|Inside|Across|Around|To|By|"
                          r"For|With|But|As|After|Before|Since|Both|North|South|East|West|Northern|Southern|Eastern|"
                          r"Western|Central)\s)[A-Z][\w'-]+\s+$")
NAME_AFTER = re.compile(r"\s+(?!(?:And|Or|In|On|At|Province|Governorate|Region|State|City|Oblast)\b)[A-Z][a-z]")
# A demonym before an armed force or a weapon names who attacks as often as where: "Russian missiles struck
# Dnipro", "Israeli airstrikes on Jabalia", "Saudi-led coalition". It counts, but less than a place.
ARMED_DEMONYM_WEIGHT = 0.5
# A place located by the next one the text names: "Lido in Mogadishu", "Sake, in North Kivu"
# a first-level division named by its word ("Salahuddin province"); the reader's list also counts districts
ADMIN1_AFTER = re.compile(r"\s+(?:province|governorate|region|state|oblast)\b", re.I)
LOCATED = re.compile(r",?\s+in\s+(?:the\s+)?(?:(?:city|town|province|region|state|capital)\s+of\s+)?[A-Z]")
# A country named as the one accused or blamed is a side: "Kinshasa accuses Rwanda of backing the rebels"
ACCUSED = re.compile(r"\b(?:accuse[sd]?|accusing|blame[sd]?|blaming|backed by|supported by|armed by)\s+$", re.I)
SIDE_CAP = 1.0  # however often a report names a country as a side, that counts at most as two such mentions
ARMED = re.compile(r"(?:-(?:led|backed|allied|aligned|supported|sponsored)\b|\s+(?:(?:air|naval|special|armed|ground|security)\s+)?(?:forces?|troops|army|military|"
                   r"missiles?|rockets?|strikes?|airstrikes?|air ?raids?|drones?|shelling|jets|warplanes|aircraft|"
                   r"bombardment|attacks?|offensive|soldiers|navy|artillery|tanks?|shells?|(?:glide |cluster )?bombs?|"
                   r"occupation|invasion|occupiers)\b)", re.I)
# A country that attacks is a side, not the place: "Russia launched 15 drones overnight", "Israel struck
# Rafah". A name right before an attack verb counts as little as an armed force.
ATTACKS = re.compile(r"\s+(?:has\s+|had\s+|have\s+)?(?:(?:repeatedly|also|again)\s+)?(?:launched|fired|struck|strikes|"
                     r"attacked|attacks|bombed|bombs|shelled|shells|pounded|pounds|targeted|targets|hit|invaded|"
                     r"carried out|unleashed|dropped|stepped up|"
                     # a country or a capital that speaks or acts is a side: "Russia said", "Moscow denies it",
                     # "Rwanda denies", "Moscow would continue the campaign", "the Kremlin says"
                     r"said|says|say|denied|denies|deny|accused|accuses|blamed|blames|claimed|claims|warned|warns|"
                     r"would|will|has|had|insists|insisted|rejected|rejects|urged|urges)\b", re.I)
# A country's body that speaks names a side as often as the place: "Russia's defence ministry denied it" in a
# report from Zaporizhzhia. It counts as little as an armed force.
BODY = re.compile(r"\s+(?:(?:defen[cs]e|foreign|interior|health|information)\s+)?(?:ministry|minister|government|"
                  r"officials?|president|spokes(?:man|woman|person)|embassy|envoy|ambassador|authorities|"
                  r"state media|news agency)\b", re.I)


@dataclass(frozen=True)
class Country:
    """One country: ISO 3166-1 alpha-2 ``code``, its names, demonyms and capital (name, latitude, longitude)."""

    code: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    capital_lat: float | None
    capital_lon: float | None


@functools.lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """Every country countryinfo knows, by ISO alpha-2 code."""
    import countryinfo
    import pycountry

    out: dict[str, Country] = {}
    for info in countryinfo.all_countries():
        try:
            data = info.info()
            code = (data.get("ISO") or {}).get("alpha2")
        except Exception:  # noqa: BLE001 - a country without ISO data names nothing we can store
            continue
        if not code:
            continue
        iso = pycountry.countries.get(alpha_2=code)
        names = {data.get("name") or "", *(data.get("altSpellings") or ()), *NAME_SUPPLEMENT.get(code, ())}
        if iso is not None:
            names |= {iso.name, getattr(iso, "common_name", ""), getattr(iso, "official_name", "")}
        names = {n for n in names if len(n) > 3 and not n.isupper() and "," not in n} | set(NAME_SUPPLEMENT.get(code, ()))
        names -= NAME_ELSEWHERE.get(code, set())
        demonyms = {d for d in (data.get("demonym") or "").split(",") if d.strip()} | set(DEMONYM_SUPPLEMENT.get(code, ()))
        latlng = data.get("capital_latlng") or [None, None]
        out[code] = Country(code=code, name=data.get("name") or code, names=tuple(sorted(names)),
                            demonyms=tuple(sorted(d.strip() for d in demonyms)), capital=data.get("capital") or None,
                            capital_lat=latlng[0] if len(latlng) == 2 else None,
                            capital_lon=latlng[1] if len(latlng) == 2 else None)
    return out


@functools.lru_cache(maxsize=1)
def _ambiguous_codes() -> dict[str, str]:
    """The country each AMBIGUOUS name is, where it stands as one ("Niger" -> "NE")."""
    return {name: country.code for country in countries().values() for name in country.names if name in AMBIGUOUS}


@functools.lru_cache(maxsize=1)
def _words() -> tuple[re.Pattern[str], dict[str, tuple[str, float]]]:
    """One pattern for every country name and demonym; the table says whose and how much each weighs."""
    table: dict[str, tuple[str, float]] = {}
    for country in countries().values():
        for demonym in country.demonyms:
            table.setdefault(demonym, (country.code, DEMONYM_WEIGHT))
        for name in country.names:
            table[name] = (country.code, NAME_WEIGHT)
    table = {k: v for k, v in table.items() if k not in AMBIGUOUS and k[:1].isupper()}
    words = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")(?:['\u2019]s)?\b")
    return pattern, table


def country_names(code: str) -> tuple[str, ...]:
    """The names a report may give the country of ISO 3166-1 alpha-2 ``code`` ("Syria", "Syrian Arab
    Republic"); empty for a code no country has."""
    country = countries().get(code.upper())
    return tuple(sorted({country.name, *country.names})) if country is not None else ()


def country_named(text: str) -> str | None:
    """The ISO code of a country name or demonym written on its own ("Yemen", "Iraqi"), else None."""
    pattern, table = _words()
    match = pattern.fullmatch(text.strip())
    return table[match.group(1)][0] if match else None


def country_of_name(name: str) -> str | None:
    """The ISO code of a country's name written where it can only be the country ("In neighbouring Niger,"):
    ``country_named``, and also the names that are ordinary words elsewhere ("Niger", "Chad", "Jordan")."""
    return country_named(name) or _ambiguous_codes().get(name.strip())


def country_evidence(text: str, gazetteer: "Gazetteer | None" = None, *, dateline: bool = False) -> Counter[str]:
    """How strongly ``text`` points at each country: ISO code → weight (names 3, demonyms 2, places 2; a
    demonym or a possessive name before an armed force, a weapon or a speaking body, or a name or capital
    that acts or speaks, 0.5, and such mentions of a side 1.0 at most in all). A place name several
    countries share is split between them by population. A place name inside a country's name ("Republic")
    or written in capitals in the body ("OCHA", an acronym) counts nothing; ``dateline`` True reads a
    capitalised dateline's "GOMA" as the city."""
    from conflictmap.places.place import Precision

    pattern, table = _words()
    score: Counter[str] = Counter()
    sides: Counter[str] = Counter()  # evidence that names a country as a side, capped at SIDE_CAP in all
    for match in pattern.finditer(text):
        code, weight = table[match.group(1)]
        possessive = match.end() > match.end(1)
        if re.match(r"\s+capital\b", text[match.end():match.end() + 9], re.I):
            weight = NAME_WEIGHT  # "the Libyan capital", "Sudan's capital": a place of that country, by name
        if ((weight == DEMONYM_WEIGHT or possessive) and (ARMED.match(text, match.end())
                                                          or BODY.match(text, match.end()))) or \
                (weight == NAME_WEIGHT and not possessive and (ATTACKS.match(text, match.end()) or ACCUSED.search(
                    text, max(0, match.start() - 30), match.start()))):
            # "Russian missiles", "Israeli airstrikes", "Russia's defence ministry": often the other side's
            weight = ARMED_DEMONYM_WEIGHT
        if re.search(r"\b(?:neighbou?ring|nearby|across the border in)\s+$", text[max(0, match.start() - 25):match.start()],
                     re.I):
            weight = 0.0  # "In neighbouring Burkina Faso, ...": named as another country than the report's
        (sides if weight == ARMED_DEMONYM_WEIGHT else score)[code] += weight
    for match in _AMBIGUOUS_AS_COUNTRY.finditer(text):  # "in western Niger", "Chad's army": the country itself
        code = _ambiguous_codes().get(match.group("name") or match.group("poss"))
        if code and match.group("poss") and (ARMED.match(text, match.end("poss") + 2)
                                             or BODY.match(text, match.end("poss") + 2)):
            sides[code] += ARMED_DEMONYM_WEIGHT  # "Chad's army", "Turkey's defence ministry": a side
        elif code:
            score[code] += NAME_WEIGHT
    if gazetteer is not None:
        named = [m.span(1) for m in pattern.finditer(text)]
        for start, end, mention, found in gazetteer.scan(text, countries=()):
            if any(a < end and start < b for a, b in named):
                continue  # "Republic" of "Democratic Republic of Congo": a country's name, not a town's
            if mention.isupper() and " " not in mention and not dateline:
                continue  # "OCHA", "ISPR": an acronym in the body is a body's (a dateline's "GOMA" is a city)
            spelled = [p for p in found if _letters(p.name) == _letters(mention)]
            if spelled:
                found = spelled  # "Samarra" is the Iraqi city as written, not Samara, a transliteration apart
            if ADMIN1_AFTER.match(text, end):
                # "Salahuddin province": a division of that name, not a neighbourhood that shares it
                found = [p for p in found if p.precision is Precision.GOVERNORATE]
            sizes: dict[str, int] = {}
            for p in found:
                if p.precision in (Precision.CITY, Precision.GOVERNORATE) or not p.id.startswith("geonames:"):
                    size = p.population + (SIZE_FLOOR if p.id.startswith("geonames:") else CURATED_SIZE)
                    sizes[p.country] = max(sizes.get(p.country, 0), size)
            # "Bill Urban", "Hamid Karzai International Airport": a place's name inside a longer proper name
            # (a person's, a building's) says little about where the report is
            inside = NAME_BEFORE.search(text, max(0, start - 25), start) or NAME_AFTER.match(text, end)
            total = sum(sizes.values())
            # "Moscow says it targets only military sites", "the Kremlin denies it": a capital that speaks or
            # acts stands for its government, a side, no more than an armed force is
            acting = bool(ATTACKS.match(text, end)) and not inside
            # "a restaurant at Lido in Mogadishu": the place that locates it says more of where than its name
            located = INSIDE_A_NAME if LOCATED.match(text, end) else 1.0
            for code, size in sizes.items():  # "Odesa": the Ukrainian city of a million more than Odessa, Texas
                if acting:
                    sides[code] += ARMED_DEMONYM_WEIGHT * size / total
                else:
                    score[code] += PLACE_WEIGHT * size / total * (INSIDE_A_NAME if inside else 1.0) * located
    for code, weight in sides.items():  # a report about Ukraine names Russia as the attacker in every line
        score[code] += min(weight, SIDE_CAP)
    return score


def _letters(name: str) -> str:
    """A name's letters alone, in lower case: "Samarra'" and "Samarra" are one spelling."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if c.isalpha() and c.isascii())


def infer_country(text: str, gazetteer: "Gazetteer | None" = None, *, dateline: str = "") -> str | None:
    """The ISO alpha-2 code of the country a report is about, or None when it names none.

    ``gazetteer`` adds the evidence of the places it names (default: the
    bundled gazetteer of every country, built once). ``dateline`` is where
    the story was filed ("KYIV, Ukraine (Reuters) -"): often not where it
    happened ("BEIRUT" for Syria), so it weighs less than any word of the
    text (``DATELINE_WEIGHT``) and decides only between countries the text
    names equally, or when the text names none.

    >>> infer_country("Yemen's Houthi-run health ministry said ...")
    'YE'
    >>> infer_country("Russian shelling hit Kharkiv, Russia's defence ministry said.", dateline="KYIV, Ukraine -")
    'UA'
    >>> infer_country("A Russian bomb hit Kharkiv. Russia launched 15 drones.", dateline="KHARKIV, Ukraine -")
    'UA'
    """
    if gazetteer is None:
        gazetteer = _world()
    score = country_evidence(text, gazetteer)
    (best, top), (_, second) = (score.most_common(2) + [("", 0.0), ("", 0.0)])[:2]
    if top > 0 and top - second >= LEAD:
        return best  # the text alone decides
    filed = country_evidence(dateline, gazetteer, dateline=True).most_common(2) if dateline.strip() else []
    if filed and (len(filed) == 1 or filed[0][1] > filed[1][1]):
        # the dateline decides between the countries the text names about equally, or when it names none
        code = filed[0][0]
        if top - score.get(code, 0.0) < LEAD:
            return code
    return None


@functools.lru_cache(maxsize=1)
def _world() -> "Gazetteer":
    from conflictmap.places.gazetteer import Gazetteer

    return Gazetteer.default(countries=())
