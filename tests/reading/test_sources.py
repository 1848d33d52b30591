"""The source registry: its file, and who a sentence's words name in a report about each country.

Every sentence here is written for the test; none is taken from a report.
"""
from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from conflictmap.places.country import countries
from conflictmap.reading.sources import (_AFTER, _ASCII_TWINS, KINDS, REGISTRY_FILE, Source, SourceRegistry,
                                         _alias_pattern, _bare, _country_words, _Hit, load_sources)
from conflictmap.reading.text import sentences

# The registry's entries from before it knew other wars: what a Syrian report was read with.
SYRIAN_ERA = ("Syrian Observatory for Human Rights", "Sham News Network", "Syrian state media", "Syrian government",
              "Local Coordination Committees", "Activists", "Syrian Civil Defence (White Helmets)",
              "SMART News Agency", "Raqqa is Being Slaughtered Silently", "US Central Command",
              "Russian Defence Ministry", "UN Human Rights Office", "Free Syrian Army",
              "Syrian American Medical Society", "Doctors Without Borders", "Agence France-Presse", "Reuters",
              "Associated Press", "Al Jazeera", "ACLED", "UCDP GED")
# Aliases the later registry gave some of those entries, for the wars they also report on.
ADDED_SINCE = {"Doctors without Borders", "Igor Konashenkov", "Michelle Bachelet", "Moscow's defence ministry",
               "Moscow's defense ministry", "Médecins Sans Frontières", "Russia's Ministry of Defence",
               "Russia's Ministry of Defense", "Russian Ministry of Defence", "Russian Ministry of Defense",
               "U.N. human rights office", "UN human rights chief", "UN rights chief", "UN rights office",
               "Volker Turk", "Volker Türk"}
WARS = ("SY", "YE", "SD", "UA", "RU", "PS", "IL", "IQ", "AF", "MM", "LY", "SO", "ET", "ML", "BF", "NE", "CD", "NG",
        "LB")


def _write(tmp_path: Path, entries: list[dict]) -> Path:
    path = tmp_path / "sources.json"
    path.write_text(json.dumps({"sources": entries}), encoding="utf-8")
    return path


def _named(registry: SourceRegistry, sentence: str, country: str | None) -> list[str]:
    return [m.source.name for m in registry.find(sentence, country=country) if not m.refers_back]


# -- the file ---------------------------------------------------------------

def test_the_country_field_loads(tmp_path):
    path = _write(tmp_path, [
        {"name": "Example Ministry", "short": "EM", "kind": "government", "country": "YE",
         "aliases": ["Example Min"], "generic": ["the example ministry"]},
        {"name": "Example Agency", "kind": "news agency", "aliases": ["EXA"]},
    ])
    ministry, agency = load_sources(path)
    assert (ministry.country, ministry.generic, ministry.aliases) == ("YE", ("the example ministry",), ("Example Min",))
    assert (agency.country, agency.generic, agency.short) == (None, (), "Example Agency")


def test_the_bundled_registry_gives_each_syrian_era_entry_its_country(registry):
    countries_of = {s.name: s.country for s in registry.sources}
    assert countries_of["Syrian Observatory for Human Rights"] == "SY"
    assert countries_of["Syrian government"] == "SY"
    assert countries_of["Russian Defence Ministry"] == "RU"
    assert countries_of["US Central Command"] == "US"
    assert countries_of["ACLED"] is None and countries_of["Reuters"] is None


@pytest.mark.parametrize("country", ["ye", "Yemen", "YEM", 7])
def test_a_country_that_is_no_alpha2_code_is_refused_naming_the_entry(tmp_path, country):
    path = _write(tmp_path, [{"name": "Broken Entry", "kind": "monitor", "country": country}])
    with pytest.raises(ValueError, match="Broken Entry"):
        load_sources(path)


def test_generic_words_need_a_country(tmp_path):
    path = _write(tmp_path, [{"name": "Nobody's Ministry", "kind": "government", "generic": ["the ministry"]}])
    with pytest.raises(ValueError, match="Nobody's Ministry"):
        load_sources(path)


def test_every_entry_has_a_known_kind_and_country(registry):
    known = countries()
    for source in registry.sources:
        assert source.kind in KINDS, source.name
        assert source.country is None or source.country in known, source.name


def test_no_words_name_two_entries_of_one_country():
    owners: dict[tuple[str | None, str], set[str]] = defaultdict(set)
    for source in load_sources(REGISTRY_FILE):
        for words in {source.name, *source.aliases, *source.generic}:
            owners[source.country, " ".join(words.lower().replace("-", " ").split())].add(source.name)
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert shared == {}


def test_no_proper_name_belongs_to_two_entries():
    """Generic words are shared between countries by design; a proper name or acronym names one source."""
    owners: dict[str, set[str]] = defaultdict(set)
    for source in load_sources(REGISTRY_FILE):
        for words in {source.name, *source.aliases}:
            owners[" ".join(words.lower().replace("-", " ").split())].add(source.name)
    assert {words: names for words, names in owners.items() if len(names) > 1} == {}


@pytest.mark.parametrize("country", WARS)
def test_every_war_has_its_sources(registry, country):
    own = [s for s in registry.sources if s.country == country]
    assert len(own) >= 4, [s.name for s in own]
    assert {s.kind for s in own} & {"government", "armed group"}


def test_the_registry_is_broad():
    assert len(load_sources(REGISTRY_FILE)) > 200


# -- country preference -------------------------------------------------------

@pytest.mark.parametrize("sentence, country, expected", [
    # a report's own institutions
    ("The health ministry said 14 people died.", "YE", "Yemen Health Ministry (Houthi-run)"),
    ("The health ministry said 14 people died.", "PS", "Gaza Health Ministry"),
    ("The health ministry said 14 people died.", "LB", "Lebanese Health Ministry"),
    ("The health ministry said 14 people died.", "IQ", "Iraqi Health Ministry"),
    ("State media reported the strike.", "YE", "Saba News Agency (government)"),
    ("State media reported the strike.", "SD", "Sudan News Agency"),
    ("State media reported the strike.", "RU", "Russian state media"),
    ("The army said it repelled the attack.", "SD", "Sudanese Armed Forces"),
    ("The army said it repelled the attack.", "MM", "Myanmar military government (State Administration Council)"),
    ("The military said six soldiers died.", "IL", "Israel Defense Forces"),
    ("The defence ministry put the toll at nine.", "UA", "Ukrainian Defence Ministry"),
    ("The defence ministry put the toll at nine.", "RU", "Russian Defence Ministry"),
    ("The interior ministry gave the figure.", "AF", "Afghan Interior Ministry"),
    ("The government said the raid killed 30.", "ET", "Ethiopian government"),
    ("Police said three people died.", "NG", "Nigeria Police Force"),
    ("Police said three people died.", "UA", "National Police of Ukraine"),
    ("Civil defence crews pulled out four bodies.", "PS", "Gaza Civil Defence"),
    ("Civil defence crews pulled out four bodies.", "LB", "Lebanese Civil Defence"),
    ("The state news agency said 20 fighters were killed.", "IQ", "Iraqi News Agency"),
    ("The UN mission counted 11 deaths.", "LY", "UN Support Mission in Libya"),
    ("The UN mission counted 11 deaths.", "AF", "UN Assistance Mission in Afghanistan"),
    ("The Red Crescent recovered 12 bodies.", "PS", "Palestine Red Crescent Society"),
    ("Civil society leaders said 40 villagers were killed.", "CD", "Congolese civil society"),
    # another country's, where its name or demonym says so
    ("Syrian state media reported the strike.", "YE", "Syrian state media"),
    ("The Sudanese army said it repelled the attack.", "YE", "Sudanese Armed Forces"),
    ("Lebanon's health ministry said 14 people died.", "IL", "Lebanese Health Ministry"),
    ("The Iraqi police said three people died.", "SY", "Iraqi police"),
    ("The Russian army claimed the village.", "UA", "Russian Defence Ministry"),
    ("The Congolese army said 12 rebels died.", "RW", "Armed Forces of the Democratic Republic of the Congo"),
    # proper names in any report
    ("The Houthi-run health ministry said 14 people died.", "SY", "Yemen Health Ministry (Houthi-run)"),
    ("The Houthi-run health ministry said 14 people died.", None, "Yemen Health Ministry (Houthi-run)"),
    ("Gaza's health ministry said 14 people died.", "IL", "Gaza Health Ministry"),
    ("The state news agency SANA said five died.", "YE", "Syrian state media"),
    ("The Rapid Support Forces said they took the base.", "UA", "Rapid Support Forces"),
    ("The IDF said it struck a launcher.", "LB", "Israel Defense Forces"),
    ("The state-run Saba news agency said eight died.", "YE", "Saba News Agency (government)"),
    ("The Houthi-run Saba news agency said eight died.", "YE", "Saba News Agency (Houthi-run)"),
    ("Ukraine's General Staff said 30 attacks were repelled.", None, "General Staff of the Armed Forces of Ukraine"),
    ("The governor of the Kharkiv region said two died.", "UA", "Kharkiv Regional Military Administration"),
    ("AAPP has counted 5,000 civilians killed.", "MM", "Assistance Association for Political Prisoners"),
    ("Al-Shabaab claimed the attack on its radio.", "SO", "al-Shabaab"),
    ("ISWAP fighters overran the base, the army said.", "NG", "Islamic State West Africa Province"),
    ("M23 said it had taken the town.", "CD", "M23"),
])
def test_words_name_the_right_countrys_source(registry, sentence, country, expected):
    assert expected in _named(registry, sentence, country)


@pytest.mark.parametrize("sentence, country", [
    ("The health ministry said 14 people died.", "IL"),  # Israel's ministry is not in the registry, nor is it Gaza's
    ("The French health ministry said two nationals died.", "YE"),  # a named country the registry lacks
    ("The French health ministry said two nationals died.", "SY"),
    ("Police said three people died.", "SY"),  # no Syrian police entry: nothing, as before
    ("The Red Crescent recovered 12 bodies.", "SY"),
    ("State media reported the strike.", "FR"),  # a country the registry has no entries for
    ("The army said it repelled the attack.", "FR"),
])
def test_generic_words_name_no_other_countrys_source(registry, sentence, country):
    generic = [m for m in registry.find(sentence, country=country) if m.source.kind in ("government", "state media",
                                                                                         "UN/NGO")]
    assert generic == []


def test_a_mention_of_another_country_covers_its_name(registry):
    [mention] = registry.find("Officers said the Sudanese army lost nine men.", country="YE")
    assert mention.text == "the Sudanese army"
    assert "Officers said the Sudanese army lost nine men."[mention.start:mention.end] == "the Sudanese army"


def test_an_extra_file_brings_a_countrys_generic_words(tmp_path, monkeypatch):
    extra = _write(tmp_path, [{"name": "Example Interior Ministry", "kind": "government", "country": "FR",
                               "aliases": ["Example Interior Ministry"], "generic": ["interior ministry"]}])
    monkeypatch.setenv("CONFLICTMAP_SOURCES", str(extra))
    registry = SourceRegistry.default()
    assert _named(registry, "The interior ministry said two died.", "FR") == ["Example Interior Ministry"]
    assert _named(registry, "The interior ministry said two died.", "SY") == ["Syrian government"]


# -- Syria as before ----------------------------------------------------------

@pytest.mark.parametrize("sentence, expected, text", [
    ("The health ministry said 14 people died.", "Syrian government", "The health ministry"),
    ("The interior ministry said a bomb went off.", "Syrian government", "The interior ministry"),
    ("State media said 20 terrorists were killed.", "Syrian state media", "State media"),
    ("Syrian state TV said 20 terrorists were killed.", "Syrian state media", "state TV"),
    ("The state-run news agency said 20 terrorists were killed.", "Syrian state media", "The state-run news agency"),
    ("Civil defence crews pulled out four bodies.", "Syrian Civil Defence (White Helmets)", "Civil defence"),
    ("The government denied the attack.", "Syrian government", "The government"),
])
@pytest.mark.parametrize("country", [None, "SY", "sy"])
def test_a_syrian_reports_generic_words_are_syrias(registry, sentence, expected, text, country):
    [mention] = registry.find(sentence, country=country)
    assert (mention.source.name, mention.text) == (expected, text)


def _syrian_era(registry_file: Path) -> SourceRegistry:
    """The registry as a flat list of Syria's war: every word of the Syrian-era entries is a plain alias."""
    flat = []
    for source in load_sources(registry_file):
        if source.name in SYRIAN_ERA:
            generic = source.generic if source.country == "SY" else ()
            aliases = tuple(a for a in (*source.aliases, *generic) if a not in ADDED_SINCE)
            flat.append(Source(name=source.name, short=source.short, kind=source.kind, aliases=aliases,
                               anaphora=source.anaphora, country=source.country))
    return SourceRegistry(flat)


def test_a_syrian_report_reads_as_before(registry, shared):
    """Over the Syrian reports of the corpus, every mention a flat Syrian-era registry finds is found the same
    (same source, words and span) by the registry that knows every war, with no country and with Syria's."""
    before = _syrian_era(REGISTRY_FILE)
    corpus = shared / "corpus"
    files = [corpus / "damascus-2013-02-07.txt"] + [corpus / f"dev-{n:02d}.txt" for n in range(1, 25)]
    compared = 0
    for path in files:
        body = path.read_text(encoding="utf-8").split("\n", 2)[-1]  # past the URL and DATE lines
        for sentence in sentences(body):
            old = [(m.source.name, m.text, m.start, m.end, m.refers_back) for m in before.find(sentence.text)]
            for country in (None, "SY"):
                new = [(m.source.name, m.text, m.start, m.end, m.refers_back)
                       for m in registry.find(sentence.text, country=country)]
                assert [m for m in new if m[0] in SYRIAN_ERA] == old, (path.name, sentence.text[:60])
            compared += bool(old)
    assert compared > 50


# -- spelling -----------------------------------------------------------------

@pytest.mark.parametrize("sentence, country, expected", [
    ("WHO said eight hospitals were hit.", "SD", ["World Health Organization"]),
    ("Those who said eight hospitals were hit.", "SD", []),
    ("SAF said it shot down a drone.", "SD", ["Sudanese Armed Forces"]),
    ("Saf said it shot down a drone.", "SD", []),
    ("The PDF said it took the post.", "MM", ["People's Defence Force"]),
    ("Download the pdf of the report.", "MM", []),
    ("SANA said five died.", "SY", ["Syrian state media"]),
    ("Sana said five died.", "SY", []),
    ("Amnesty said the strike was unlawful.", "SD", ["Amnesty International"]),
    ("The decree offered an amnesty to deserters.", "SY", []),
    ("UNICEF said 12 children died.", "PS", ["UNICEF"]),
    ("Unicef said 12 children died.", "PS", ["UNICEF"]),
])
def test_acronyms_and_one_word_names_keep_their_capitals(registry, sentence, country, expected):
    assert _named(registry, sentence, country) == expected


def test_a_city_spelled_with_an_apostrophe_is_no_acronym(registry):
    assert _named(registry, "SANA'A, Yemen - Airstrikes hit the port.", "YE") == []
    assert _named(registry, "SANA's count was lower.", "SY") == ["Syrian state media"]


# -- the index against the one expression it replaced --------------------------

@functools.lru_cache(maxsize=32)
def _one_expression(registry: SourceRegistry, country: str) -> re.Pattern[str]:
    """The regular expression the registry searched a report about ``country`` with before it had an index,
    built as it was built then: the oracle the index must agree with."""
    entries = registry._entries
    own = {e.words for e in entries if not e.generic or e.source.country == country}
    generic = {_bare(e.words) for e in entries if e.generic}
    plain = "|".join(_alias_pattern(a) for a in sorted(own, key=len, reverse=True))
    named = "|".join(re.escape(w) for w in sorted(_country_words(), key=len, reverse=True))
    bare = "|".join(_alias_pattern(a) for a in sorted(generic, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:(?:{plain})|(?P<named>(?-i:{named}))(?:['\u2019]s)?\s+(?P<generic>{bare}))"
                      + _AFTER, re.IGNORECASE)


def _agree(registry: SourceRegistry, sentence: str, country: str) -> int:
    """Search ``sentence`` from every offset the reader resumes at (0, each hit's end, each named country's
    generic words) with the index and with the one expression; fail where they differ. Returns the hits."""
    pattern, index = _one_expression(registry, country), registry._index
    scanned = index.scan(sentence)
    todo, seen, hits = [0], set(), 0
    while todo:
        pos = todo.pop()
        if pos in seen:
            continue
        seen.add(pos)
        old = pattern.search(sentence, pos)
        expected = None if old is None else _Hit(old.start(), old.end(), old.group("named"),
                                                 old.start("generic") if old.group("named") else 0)
        found = index.search(scanned, pos, country)
        assert found == expected, (sentence, country, pos)
        if found is not None:
            hits += 1
            todo += [found.end, found.generic_start] if found.named else [found.end]
    return hits


# Sentences written for the test, each at an edge of the expression: apostrophes, hyphens, case, a country's
# name before generic words, letters outside ASCII that re matches to ASCII ones ("\u017f", the Kelvin sign).
EDGES = (
    "The Britain-based Observatory and the Britain based observatory both said so.",
    "SANA'A was calm; SANA's count, SANA\u2019s count and Sana said otherwise.",
    "Yemen's health ministry, Yemen\u2019s health ministry, YEMEN'S health ministry and Yemen health-ministry said.",
    "The Sudanese army, the Sudanese  Army, the sudanese army and Sudanese armyless men.",
    "Al-Shabaab, al Shabaab, al-shabaab and Al - Shabaab claimed it.",
    "U.N. human rights office, UN human rights chief and U.N.-run schools.",
    "\u017fANA and \u212aharkiv regional military administration, the \u0130nterior ministry and the "
    "\u0131nterior ministry.",
    "The state-run news agency, the state run news agency and state-run-news agency said.",
    "\u00c9ire's army and the \u00c9ire army, \u0423\u043a\u0440\u0430\u0457\u043d\u0430's police said.",
    "Health ministry-run clinics, the health ministry's clinics and the health ministry_ said.",
    "activists-said, -activists said, activists- said and the watchdog's count.",
    "M\u00e9decins Sans Fronti\u00e8res, MEDECINS SANS FRONTIERES and m\u00c9decins sans fronti\u00c8res said.",
    "The UN's OCHA, the U.N. OCHA and U.N.OCHA counted 40 dead; the U N said nothing.",
)


@pytest.mark.parametrize("country", ["SY", "YE", "UA", "CD", "FR"])
def test_the_index_finds_what_one_expression_found(registry, shared, country):
    """Every sentence of the corpus and each edge above: the same words at the same offsets, from every offset
    the reader resumes at, as the one expression for the report's country found."""
    corpus = sorted((shared / "corpus").glob("*.txt"))
    texts = [sentence.text for path in corpus
             for sentence in sentences(path.read_text(encoding="utf-8").split("\n", 2)[-1])]
    hits = sum(_agree(registry, text, country) for text in (*texts, *EDGES))
    assert len(corpus) > 30 and hits > 300


def test_words_outside_ascii_and_odd_first_letters_are_found_as_before():
    """A registry whose names begin with letters outside ASCII, with punctuation, or with a letter re matches to
    an ASCII one."""
    registry = SourceRegistry([
        Source(name="\u00c4rzte ohne Grenzen", short="AoG", kind="UN/NGO", aliases=("\u00c4oG",)),
        Source(name="(Example) Watch", short="EW", kind="monitor", aliases=("'Example' Watch",)),
        Source(name="\u212aelvin Front", short="KF", kind="armed group", aliases=("\u017fome Group",)),
        Source(name="Example army", short="EA", kind="government", country="YE", generic=("the army", "police")),
    ])
    sentences_ = ("\u00c4rzte ohne Grenzen and \u00e4rzte ohne grenzen and \u00c4OG said.",
                  "(Example) Watch, (example) watch and 'Example' Watch said.",
                  "Kelvin Front, \u212aelvin front and some group and \u017fome group said.",
                  "The army and police said; Yemen's army and the Yemeni police said.")
    for country in ("YE", "SY"):
        assert sum(_agree(registry, text, country) for text in sentences_) >= 12
    assert [m.source.short for m in registry.find(sentences_[0], country="SY")] == ["AoG", "AoG", "AoG"]
    # re matches "some group" to "\u017fome Group", but its words fold to no entry's: named by neither reader
    assert [m.text for m in registry.find(sentences_[2], country="SY")] == [
        "Kelvin Front", "\u212aelvin front", "\u017fome group"]


def test_only_four_letters_outside_ascii_match_ascii_ones_ignoring_case():
    """The index keys sentences by their ASCII letters and digits, folding just these four (``_ASCII_TWINS``):
    no other character of Unicode may match an ASCII letter or digit under ``re.IGNORECASE``."""
    every = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000)
    matched = {c for a in "abcdefghijklmnopqrstuvwxyz0123456789" for c in re.findall(a, every, re.IGNORECASE)}
    assert matched == {chr(c) for c in _ASCII_TWINS}
