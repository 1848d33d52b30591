"""Reading a report: sentences in, events and claims out.

The reader works sentence by sentence and keeps a little state across
them, as an analyst does: the date the narrative is on, the source named
last (for "the watchdog said"), the events of the sentence before (for a
toll given one sentence after the attack). It knows no report's wording;
everything it recognises comes from the gazetteer, the source registry and
the patterns in ``claim``, ``event`` and ``dates``.
"""
from __future__ import annotations

import copy
import datetime as dt
import difflib
import re
from dataclasses import dataclass, field, replace

from conflictmap.reading import claims as claims_mod, figures as figures_mod
from conflictmap.reading.claims import Claim
from conflictmap.reading.dates import find_dates
from conflictmap.reading.vocabulary import vocabulary
from conflictmap.reading.events import EVENT_TYPES, GENERIC_TYPE, VIOLENCE, Event, event_types, type_near
from conflictmap.places.gazetteer import ARTICLES, Gazetteer, distance_km, name_key
from conflictmap.places.place import Place, Precision
from conflictmap.places.country import (NAME_AFTER, NAME_BEFORE, country_named, country_names, country_of_name,
                                        infer_country)
from conflictmap.reading.mentions import LANDMARK_WORDS, TIME_WORDS, in_brackets, unknown_place_spans
from conflictmap.reading.parse import parse
from conflictmap.reading.speakers import Speech, speeches
from conflictmap.reading.text import Report, Sentence, sentences
from conflictmap.reading.sources import Source, SourceMention, SourceRegistry

SPEECH = re.compile(r"\b(said|says|say|saying|reported|reports|reporting|according to|claimed|claims|claim|told|stated|"
                    r"concluded|confirmed|added|adding|announced|estimated|documented|recorded|counted|put|puts|placed|"
                    r"places|citing|cited|quoted|quoting|denied|denies|deny|asserted|noted|tallied|listed|warned|"
                    r"mention|mentioned|report|gave|give|provide|expects|blamed|blames|blaming|accused|accuses|"
                    r"accusing)\b", re.I)
PRONOUN = re.compile(r"(?:^|[,\"]\s*)(?:it|he|she|they|the (?:[\w-]+ ){0,2}(?:group|body|monitor|watchdog|"
                     r"organi[sz]ation|agency|network|committees?|office))\s+(?:\w+\s+){0,2}?(?:said|says|added|"
                     r"reported|put|placed|stated|told|noted|estimated|did not|also)\b", re.I)
HEDGE = re.compile(r"\b(reportedly|reports? (?:say|said|suggest)|reports from [\w ]{0,30}|other reports(?: suggest)?)\b",
                   re.I)
# "the capital", "the Libyan capital", "Yemen's capital": the report's country's capital (another country's
# demonym names that country's capital, which is no place of this report)
CAPITAL = re.compile(r"\b(?:the\s+)?(?:(?P<whose>[A-Z][a-z]+(?:['\u2019]s)?)\s+)?(?i:capital)(?:'s)?\b")
CONTEXT_ONLY = re.compile(r"^-(?:based|born|headquartered)\b|^\s+(?:-|--)?\s*based\b"
                          # "Afaq TV", "Al-Mayadeen television": a broadcaster named after a place
                          r"|^\s+(?:TV|television|radio|channel)\b"
                          # "in the Pokrovsk direction": a sector of the front, named after a town it leads to
                          r"|^\s+(?:direction|axis|sector|salient)\b")
_NAME = r"(?:(?:al|el|ad|ar|as|at|an|Al|El)-)?'?[A-Z][\w'-]+(?:\s+(?:(?:al|el|ad|ar|as|at|an)-)?'?[A-Z][\w'-]+){0,2}"
UNKNOWN_PLACE = re.compile(
    rf"\b(?:the\s+)?(?:village|town|city|district|neighbou?rhood|suburb|area|camp|hamlet|region|township|county|"
    rf"municipality|settlement|locality|commune) of\s+({_NAME})"
    rf"|\b({_NAME})\s+(?:checkpoint|neighbou?rhood|district|village|suburb|area|quarter|air ?base|airport|port|"
    rf"township|county|municipality|settlement|locality|commune|"
    rf"(?:(?:refugee|displacement|IDP)\s+)?camp|"
    rf"military airport)\b"
    rf"|\bin\s+({_NAME}),?\s+(?:a\s+(?:town|village)\s+)?(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
    rf"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\b"
)
# "the central province of Homs": the words that say a name is a division's
DIVISION_OF = re.compile(r"\b(?:province|region|governorate|state|oblast|district)\s+of\s+$", re.I)
# A division that opens a sentence as its setting: "In the central province of Homs, ...", "In Idlib province, ..."
FRONTED_SETTING = re.compile(r"\s*In\s+(?:the\s+)?(?:[\w-]+\s+)?(?:province|region|governorate|state|oblast)\s+of\s+\0\s*,"
                             r"|\s*In\s+\0\s+(?:province|region|governorate|state|oblast)\s*,")
# Civilians killed by someone: "killing 26 villagers", "gunmen killed 12 civilians"
CIVILIANS_KILLED = re.compile(rf"\b(?:killed|killing|kill|kills|shot dead|massacred|executed)\s+(?:at least\s+|some\s+|"
                              rf"about\s+|more than\s+)?(?:\w+\s+){{0,2}}?"
                              rf"(?:{'|'.join(vocabulary().killed_in_a_village)})\b", re.I)
# The nouns of an attack and its weapons, and one referred back to with the definite article: "the attack",
# "the terrorist bombing", "the blasts"
_EVENT_NOUNS = "|".join(vocabulary().event_nouns)
EVENT_NOUN = re.compile(rf"\b(?:{_EVENT_NOUNS})\b", re.I)
THE_EVENT = re.compile(r"\b(?:the|that|this|Monday's|Tuesday's|Wednesday's|Thursday's|Friday's|Saturday's|Sunday's)\s+"
                       rf"(?:\w+\s+){{0,2}}?(?:{_EVENT_NOUNS})\b", re.I)
# A place located by the text in another it names right after: "the Hamidiyeh market in Damascus"
LOCATED_IN = re.compile(r"(?:\s+(?:market|square|district|neighbou?rhood|quarter|area|camp|village|suburb))?"
                        r",?\s+in\s+(?:the\s+)?(?:(?:city|town|province|capital)\s+of\s+)?([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)")
DATE_REACH = 5  # paragraphs after the one that gave the narrative date that an undated event still takes it
CITY_REACH_KM = 20.0  # how far from a city's point a place the text puts in that city may lie (a city and its edges)
LOCATED_KM = 60.0  # how far a namesake may lie from the place the text locates it in (a governorate's reach)
# An attack that was prevented or only planned: its target is no event's place
AVERTED = re.compile(r"\b(?:prevent|stop|foil|thwart|avert|deter)\w*\b[^.;]{0,60}?\bfrom\s+(?:attacking|striking|reaching|"
                     r"hitting|bombing|entering)\s+(?:the\s+)?$"
                     r"|\b(?:plan(?:ned|ning|s)?|intend\w*|plott\w*|threaten\w*)\s+(?:\w+\s+)?to\s+(?:attack|strike|bomb|hit|"
                     r"storm)\s+(?:the\s+)?$", re.I)
# What strikes a building just before its name: "a strike hit the Al-Ahli hospital", "shelling of Nasser Hospital"
STRUCK_BEFORE = re.compile(r"\b(?:hit|struck|strikes?|targeted|targeting|bombed|bombing|shelled|shelling|attacked|attacks?|"
                           r"raided|raid|stormed|besieged|near|outside|inside|at the gates? of|in front of|fell|landed|"
                           r"exploded|vicinity of)\b"
                           r"[^.;]{0,40}$", re.I)
# Nouns that point back to a body, whatever its kind ("the group", "the militia")
ORGANISATION_NOUNS = frozenset({"group", "organisation", "organization", "movement", "militia", "body"})
# A capitalised preposition that opens a sentence is no part of the name after it ("In Nuseirat camp")
LEADING_PREPOSITION = re.compile(r"(?:In|At|On|Near|From|Outside|Inside|Around|Across|Throughout|Along)\s+")
# "a Syrian village Sousian", "the town Kukawa": the kind of place, then its name (found apart from the
# above, whose "Syrian village" would otherwise take the words first)
UNKNOWN_PLACE_NAMED = re.compile(rf"\b(?:village|town|city|district|neighbou?rhood|suburb|camp|hamlet|township|"
                                 rf"settlement|locality)\s+({_NAME})")
# "the Salaheddine and Sakhour neighbourhoods": two places of one kind
UNKNOWN_PLACES = re.compile(rf"\b({_NAME})\s+and\s+({_NAME})\s+(?:neighbou?rhoods|districts|villages|suburbs|"
                            rf"towns|areas|quarters)\b")
NOT_A_PLACE_WORD = frozenset({"the", "a", "an", "this", "that", "one", "syrian", "free", "regime", "government",
                              "opposition", "rebel", "army", "islamic", "state", "military", "security", "their",
                              "southern", "northern", "eastern", "western", "central", "its", "his", "her", "our",
                              "damascus", "syria", "air", "same", "residential", "rebel-held", "government-held",
                              "earth", "world", "force"}) \
    | TIME_WORDS | {f"{w}." for w in TIME_WORDS}  # "on Oct. 7": a day, not a place
# Background: the war as a whole, not an event ("the war has killed some 300,000 people").
BACKGROUND = re.compile(
    r"\b(?:conflict|war|uprising|revolt|crisis|revolution|unrest|offensive|invasion|campaign|insurgency|"
    r"rebellion|civil war)(?:'s)?,?\s+(?:(?:which|that)\s+)?"
    r"(?:has|have|had)\s+(?:\w+\s+)?(?:killed|claimed|left)\b"
    # "The war began when Hamas-led militants attacked southern Israel on Oct. 7, 2023, killing some 1,200"
    r"|\b(?:war|conflict|invasion|uprising)\s+(?:began|started|erupted|broke out)\s+(?:when|after|in\s+\d{4})\b"
    r"|\b(?:during|since the (?:start|beginning|outbreak) of|over the course of|in the course of) the "
    r"(?:[\w-]+\s+){0,3}(?:conflict|war|uprising|revolt|crisis|revolution)\b"
    r"|\bsince (?:the (?:start|beginning) of )?(?:March\s+)?2011\b"
    r"|\b(?:killed|died)\s+(?:in|during|since)\s+(?:the\s+|Syria's\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:conflict|war|uprising|revolt|crisis|revolution)\b"
    r"|\b(?:conflict|war|uprising|revolt|crisis|revolution),?\s+which\s+(?:began|started|erupted)\b"
    # "the deadliest bombing in the capital since January, when twin bombings killed 32": a record, and the
    # attack that held it before
    r"|\b(?:deadliest|worst|bloodiest|biggest|largest)\b[^.;]{0,80}\bsince\b[^.;]{0,40},?\s+when\b", re.I)
CAPTION = re.compile(r"\((?:[^()]*/)?[^()]*(?:Getty Images|AFP|Reuters|AP Photo|EPA|Photo)[^()]*\)\s*$")
_DATELINE_DAY = r"(?:,?\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+" \
                r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?)(?:,?\s+\d{4})?)?"
DATELINE = re.compile(r"^(?:[A-Z][a-z'.-]+(?: [A-Z][a-z'.-]+)?\s+(?:[\u2014\u2013]|--)\s+(?=[A-Z0-9])|"  # "Mogadishu \u2014 At least"
                      r"(?:[A-Z][a-z'.-]+(?: [A-Z][a-z'.-]+)?,\s*){1,3}(?:[A-Z]{2,}|[A-Z][a-z]+\s*\([^)]{1,40}\))"
                      r"\s*(?:[\u2014\u2013]|--?)\s*|"
                      # "Kabul, Afghanistan \u2014", "KABUL, Afghanistan, Aug. 5 \u2014", "KABUL (Pajhwok):", "KABUL:"
                      # ("GOMA, Democratic Republic of Congo (Reuters) -": a country's name with its "of")
                      r"(?:[A-Z][A-Za-z'.-]+(?: [A-Z][A-Za-z'.-]+){0,2},\s*[A-Z][a-z]+(?: (?:of |the |and )?[A-Z][a-z]+){0,3}"
                      + _DATELINE_DAY + r"\s*(?:\([^)]{1,40}\))?\s*(?:[\u2014\u2013]|--?)\s*"
                      r"|(?!(?:URL|DATE|UPDATE|UPDATED|NOTE|EDITOR|EDITORS|WARNING|BREAKING|WATCH|READ|PHOTO|VIDEO|"
                      r"CORRECTION|CLARIFICATION|SOURCE|SOURCES|TITLE|AUTHOR|BY)\b)"
                      r"[A-Z][A-Z'.-]{2,}(?: [A-Z][A-Z'.-]+){0,2}(?:,\s*[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})?"
                      + _DATELINE_DAY + r"\s*(?:\([^)]{1,40}\))?\s*:\s+)|"
                      # "Homs, SANA -", "Sweida, Damascus, SANA -": a state agency's dateline in title case
                      r"[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)*(?:,\s*[A-Z][\w]+(?: [A-Z][\w]+){0,2}(?:\.?\s+\d{1,2})?)?"
                      + _DATELINE_DAY + r"\s*"
                      r"(?:\([^)]{1,40}\))?\s*"
                      r"(?:[\u2014\u2013]|--?)\s*|[A-Z]{3,}(?: [A-Z]{3,})*,?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
                      r"Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s*(?:\([^)]*\))?\s*(?:[\u2014\u2013-]\s*)?)")
# "said on Tuesday", "told Reuters on Monday", "reported late on Friday": when a source spoke
PART_AFTER_TOTAL = re.compile(rf"\b(?:{claims_mod.PART_WORDS})\s+(?:(?:at least|some|about)\s+)?$", re.I)
UNNAMED_IN = re.compile(r"\ban?\s+(?:small\s+|remote\s+)?(?:village|town|hamlet|camp|settlement|market|school)\s+in\s+"
                        r"(?:the\s+)?(?:(?:\w+ern|central|remote|restive)\s+)?(?:[\w-]+['\u2019]s\s+)?$", re.I)
OCCURRED = re.compile(r"\b[Tt]he\s+(?:incident|attack|strike|air\s?strike|bombing|blast|explosion|raid|shelling|"
                      r"massacre|assault|ambush)\s+(?:\w+\s+){0,2}?(?:occurred|happened|took place|was carried out)\b")
SAID_ON = re.compile(r"\b(?:said|says|told(?:\s+[A-Z][\w.]*){1,3}|reported|announced|added|stated|confirmed|"
                     # "according to several news reports Friday", "in a statement on Sunday": the day of the telling
                     r"wrote|posted|(?:news\s+|media\s+)?reports|(?:a|its|their|the)\s+statement)\s+(?:(?:late|early)\s+)?(?:on\s+)?(?:(?:late|early)\s+)?$")
MIDNIGHT = re.compile(r"\b(?:midnight|overnight|night)\b", re.I)
RELATIVE_WORD = re.compile(r"(?i)(?:yesterday|today|tonight|last night|this )")
HISTORY = re.compile(r"\b(?:began|begun|started|erupted|broke out|launched|since|first)\s+(?:in\s+)?$", re.I)
# ("continued into Sunday" ends a span there; "an inquiry into a strike last month" does not)
SPAN_END = re.compile(r"\b(?:until|till|through)\b[^,;]{0,25}$|\binto\s+(?:(?:the|early|late)\s+)*$", re.I)
# "said it plans to launch an assault", "vowed to retake the town": an intention, not a happening.
INTENT = re.compile(rf"\b(?:{'|'.join(vocabulary().intent_verbs)})\s+to\b|\b(?:will|would|is going to)\s+(?:\w+\s+)?"
                    r"(?:launch|attack|strike|retake|storm|bomb|shell)\b", re.I)
ALL_FIGURES = re.compile(r"\b(?:gave|give|provided|confirmed|released)\s+(?:the\s+|all\s+the\s+)?(?:casualty\s+|death\s+)?"
                         r"(?:figures|tolls|numbers)\b", re.I)
TOLL_REFERENCE = re.compile(r"\bthe (?:death )?toll\b|\bthe (?:deaths|dead|casualties|victims|(?:casualty\s+)?figures?)\b|"
                            # "That is according to the governor", "Those figures come from the ministry"
                            r"^(?:That|This|Those|These)(?:['\u2019]s|\s+(?:is|was|are|were|figures?|toll|numbers?|"
                            r"count))\b", re.I)
# A toll that moves: "the death toll rose to 10", "the number of dead climbed to 40"
TOLL_NAMED = re.compile(r"\b(?:(?:death )?toll|number of (?:the )?(?:dead|deaths|victims|people killed))\s+"
                        r"(?:\w+\s+){0,2}?(?:rose|has risen|had risen|climbed|increased|jumped|went up|reached)\b", re.I)
NO_FIGURE = re.compile(r"\b(?:did not|didn't|does not) (?:give|provide|offer) (?:a |any )?(?:death )?(?:toll|figures?|"
                       r"casualty figures?|numbers?)|\bgave no (?:death )?(?:toll|figures?)\b", re.I)
# A body, by the lemma of its head noun: where it sits or whose name a place is part of is no event's place
# ("the Health Ministry in Gaza said", "the Hama Police Command", "the Aleppo Media Center")
INSTITUTION = r"network|group|agency|committee|council|cent(?:re|er)|office|ministry|observatory|monitor|command|" \
              r"directorate|department|authority|service|organi[sz]ation|police|army|military|hospital|union|" \
              r"society|foundation|channel|television|media|outlet"
HELD = re.compile(r"\b(?:control|controls|controlled|hold|holds|govern|governs|administer|administers|rule|rules|"
                  r"dominate|dominates)\s+(?:the\s+|much of\s+|most of\s+|parts of\s+)?(?:[a-z-]+\s+){0,2}$")
# A landmark: a named square, hospital, university, market ... ("George Khoury Square", "the Museum Market",
# "Damascus University", "the University of Aleppo")
_LANDMARK_WORD = r"Square|Hospital|University|Mosque|Market|Bakery|Stadium|Bridge|Street|Avenue|Church|Hotel|" \
                 r"Roundabout|Sports City|School|Airport|Prison"
LANDMARK = re.compile(rf"(?P<name>(?:(?:al-|el-)?[A-Z][\w'\u2019-]+\s+){{1,4}}(?:{_LANDMARK_WORD})\b|"
                      rf"(?:University|Faculty|Hospital|Mosque|Church) of (?:[A-Z][\w'\u2019-]+\s?){{1,3}})")
SPOKESPERSON = re.compile(r"^(?:(?:a|an|the|its|their)\s+)?spokes(?:man|woman|person)\b(?!\s+(?:for|of)\b)", re.I)
# "ministry spokesman Youssef al-Hadhri", "a police spokeswoman": the body's noun before the title
BODY_SPOKESPERSON = re.compile(r"^(?:(?:a|an|the|its|their)\s+)?(?P<body>[a-z][\w-]*)\s+spokes(?:man|woman|person)\b"
                               r"(?!\s+(?:for|of)\b)", re.I)
# A sentence that breaks down the figure just given: its parts are the same source's
CONTINUES = re.compile(r"^\W*(?:the majority|most of (?:them|the dead|those|the victims)|of (?:them|those|the dead)|"
                       r"among (?:them|those|the dead|the victims)|they included|the dead included|"
                       r"the victims included)\b", re.I)
# An office held in a place ("the mayor of the nearby town of Bankass") says where the speaker works
OFFICE = re.compile(r"\b(?:mayor|governor|official|spokes(?:man|woman|person)|director|chief|commander|head|"
                    r"minister|administrator|representative)(?:[ -]general)?\s+(?:of|for|in)\b", re.I)
SILENCE = re.compile(r"\b(?:did not|didn't|does not|made no) (?:mention|report)(?: of)? (?:the|civilian|any civilian|"
                     r"casualties)\b", re.I)
FIRST_PERSON = re.compile(r"\b[Ww]e (?:are|call|have|urge|remind|welcome|condemn|note)\b")
EXAMPLES = re.compile(r"\b(?:cities|towns|areas|places|provinces|regions|villages)\s+(?:such as|including|like)\b",
                      re.I)
REGION_BEFORE = re.compile(r"\b(?:northern|southern|eastern|western|central|north-western|north-eastern|"
                           r"south-western|south-eastern|northwestern|northeastern|southwestern|southeastern|rural)"
                           r"(?:\s+rural)?\s+$", re.I)
# A compass word before a city's name names a part of the city ("west Mosul", "in eastern Kharkiv"); "of"
# after it ("west of Mosul") is a locator, read by LOCATOR_BEFORE
CITY_PART = re.compile(r"(?<![\w-])(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+$", re.I)
DIVISION_AFTER = re.compile(r"\s+(?:district|region|province|governorate|county|township|cercle|oblast|raion|"
                            r"department|prefecture|municipality|state|local government area|LGA)\b", re.I)
REGION_AFTER = re.compile(r"\s+(?:province|provinces|governorate|countryside)\b", re.I)
LOCATOR_BEFORE = re.compile(r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?"
                            r"(?:(?:Syrian\s+)?capital\s+|city\s+of\s+|town\s+of\s+)?$"
                            r"|\b\d+\s*(?:km|kilometres|kilometers|miles)\s+(?:\w+\s+)?(?:of|from)\s+(?:the\s+)?"
                            r"(?:(?:state|provincial|regional|\w+ern)\s+)?(?:capital,?\s+|city\s+of\s+|town\s+of\s+)?$",
                            re.I)
# Verbs whose subject, a place's name, stands for its government or its people ("Kyiv braced", "Damascus denied")
# ("said" is left out: a misparsed list of places often ends as the subject of the source's "said")
METONYMY_VERBS = frozenset({"brace", "prepare", "deny", "accuse", "blame", "warn", "urge", "vow", "insist",
                            "respond", "condemn", "demand", "welcome", "reject", "hope", "fear", "threaten",
                            "retaliate", "agree", "refuse", "seek", "want"})
SPOKE_FROM = re.compile(r"\b(?:said|says|told(?:\s+(?:[A-Z][\w.]*|reporters|journalists)){0,3}|speaking|spoke)"
                        r"(?:\s+(?:by|over\s+the)\s+(?:tele)?phone)?\s+(?:from|in)\s+(?:the\s+)?"
                        r"(?:(?:city|town|capital|village)\s+of\s+)?$")
# "treated at Ayder Hospital in Mekelle", "rushed to hospitals in Aleppo": where the victims were taken
TAKEN_TO = re.compile(r"\b(?:treated|taken|rushed|admitted|brought|transferred|evacuated|transported|received)\s+"
                      r"(?:to|at|in)\s+(?:(?:the|a|an)\s+)?(?:[\w'-]+\s+){0,4}?(?:(?:in|at|of)\s+(?:the\s+)?)?$", re.I)
CONTAINER_AFTER = re.compile(r"\s+(?:suburbs?|countryside|outskirts)\s+of\b", re.I)
IN_GAP = r"(?:\s+(?:area|district|neighbou?rhood|quarter|suburb)\s+of|,?(?:\s+(?:city|towns?|villages?|camps?|port|region|area|air ?base|airport|military base))?" \
         r"(?:\s+and\s+its\s+(?:surroundings|outskirts|countryside|suburbs))?\s+" \
         r"(?:located\s+|situated\s+)?(?:in|near)|,|,\s+an?\s+(?:[\w-]+\s+)?(?:city|town|village|district)\s+in" \
         r"|\s+(?:district|sub-?district|village|town|camp|area|neighbou?rhood),)" \
         r"(?:\s+the)?(?:\s+(?:\w+ern|central))?(?:\s+[A-Z][\w-]+['\u2019]s(?:\s+(?:\w+ern|central))?)?" \
         r"(?:\s+(?:part|countryside|province) of)?" \
         r"(?:\s+(?:(?:recently|newly)\s+)?[\w-]+(?:ed|-held|-controlled)\s+(?:city|town|village) of)?\s+"
NAMED_NEAR = re.compile(r"\s+(?:(?:region|area|town|village|city|district|countryside|suburbs?|camp|base|air\s?base|"
                        r"airport|neighbou?rhood)\s+)?(?:just\s+)?near\s+(?:the\s+)?", re.I)
PART_WORD_END = re.compile(r"\s(?:area|district|neighbou?rhood|quarter|suburb)$", re.I)
PART_OF = re.compile(r"\s+(?:area|district|neighbou?rhood|quarter|suburb)\s+of\b", re.I)
DISTRICT_WORDS = re.compile(r"\b(?:neighbou?rhoods?|districts?|quarters?|areas?|camps?)\b", re.I)
# "Damascus' Kfar Souseh", "Baghdad's mainly Shiite district of Sadr City"
POSSESSIVE_GAP = r"(?:'s?|\u2019s?)\s+(?:(?:[\w-]+\s+){0,3}?(?:district|neighbou?rhood|quarter|suburb|area)\s+of\s+)?"
LIST_ITEM = re.compile(rf"\b(?P<num>\d+|{'|'.join(figures_mod.NUMBER_WORDS)})\s+(?:(?:people|persons|others|more|"
                       rf"civilians)\s+)?(?:of\s+(?:them|whom)\s+)?(?:(?:were|was)\s+)?(?:(?:killed|died)\s+)?in\b", re.I)
# ("the toll could rise" keeps the figure: it may grow, and is the speaker's meanwhile)
TOLL_DIFFERS = re.compile(r"\b(?:was|is|were|are|be|been)\s+(?:much\s+|far\s+|likely\s+|probably\s+)?(?:higher|lower|"
                          r"greater|larger|smaller)\b|\b(?:underestimated?|understated|overstated|inflated|exaggerated|"
                          r"disputed?)\b", re.I)
# ", citing a police source," after an outlet the parse could not make a speaker
CITING_AFTER = re.compile(r",\s+(?:citing|quoting)\s+(?P<cited>(?:(?:an?|the)\s+)?[\w'\u2019-]+(?:\s+[\w'\u2019-]+){0,5}?)\s*,")
PARTY_BEFORE = re.compile(r"\b(?:between|(?<!gathered )(?<!compiled )(?<!collected )(?<!published )(?<!issued )"
                          r"(?<!released )(?<!provided )(?<!documented )(?<!verified )(?<!confirmed )(?<!reported )by|"
                          r"against|on|with|of)\s+(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,2}$", re.I)
RAISING_TOLL = re.compile(r",\s+(?:raising|bringing|taking|pushing|lifting)\s+the\s+(?:\w+\s+){0,2}?(?:toll|number)",
                          re.I)
CLAUSE_BREAK = re.compile(r",\s+(?:but|while|whereas|where)\b|;\s+|\s+while\s+|,\s+and\s+(?=[A-Z])"
                          # "..., raising the toll since October to 36,000": the running total is a claim of its own
                          r"|,\s+(?=(?:raising|bringing|taking|pushing|lifting)\s+the\s+(?:\w+\s+){0,2}?(?:toll|number))")
GENERIC_TYPES = ("other", "explosion", GENERIC_TYPE, "strike")
DEMONYMS = frozenset({"palestinian", "kurdish", "turkish", "lebanese", "iraqi", "iranian", "russian", "american",
                      "alawite", "sunni", "shiite", "shia", "christian", "druze", "armenian", "syrian", "arab"})
DEFAULT_COUNTRY = "SY"  # where conflictmap started; a report that names no country is read as Syrian
REGIONS = (Precision.CITY, Precision.GOVERNORATE, Precision.DISTRICT, Precision.TOWN)


@dataclass
class Extraction:
    """What a report says: its events, its nationwide totals, and the places nobody could find."""

    report: Report
    events: list[Event] = field(default_factory=list)
    nationwide_claims: list[Claim] = field(default_factory=list)
    unresolved: list[dict[str, str]] = field(default_factory=list)
    country: str | None = None

    def to_dict(self) -> dict:
        """The JSON contract of ``python -m conflictmap extract``."""
        return {
            "report": {"id": self.report.id, "url": self.report.url, "publisher": self.report.publisher,
                       "pub_date": self.report.pub_date.isoformat() if self.report.pub_date else None},
            "events": [event_to_dict(e) for e in self.events],
            "nationwide_claims": [claim_to_dict(c) for c in self.nationwide_claims],
            "unresolved": list(self.unresolved),
            "country": self.country,
        }


def event_to_dict(event: Event) -> dict:
    place = event.place
    return {
        "id": event.id,
        "date": event.date,
        "date_precision": event.date_precision,
        "date_text": event.date_text,
        "date_end": event.date_end,
        "event_type": event.event_type,
        "types": list(event.types),
        "place": {
            "id": place.id if place else None,
            "name": place.name if place else event.place_mention,
            "display_name": place.display_name if place else event.place_mention,
            "mention": event.place_mention,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "precision": place.precision.value if place else None,
            "admin1": place.admin1 if place else None,
            "coord_source": place.source if place else None,
        },
        "claims": [claim_to_dict(c) for c in event.claims],
        "quote": event.quote,
    }


def claim_to_dict(c: Claim) -> dict:
    return {
        "source": c.source, "source_mention": c.source_mention, "source_kind": c.source_kind,
        "killed": c.killed, "injured": c.injured, "civilians": c.civilians, "rebels": c.rebels,
        "government": c.government, "children": c.children, "women": c.women,
        "killed_qualifier": c.killed_qualifier, "killed_text": c.killed_text,
        "killed_conventional": c.killed_conventional, "killed_high": c.killed_high, "scope": c.scope,
        "injured_qualifier": c.injured_qualifier, "injured_text": c.injured_text,
        "injured_conventional": c.injured_conventional, "injured_high": c.injured_high,
        "denial": c.denial, "flag": c.flag, "relayed_by": c.relayed_by, "date": c.date, "quote": c.quote,
        "shared_by": list(c.shared_by),
    }


@dataclass
class _Pending:
    """A figure whose place is not named yet ("a rebel-held town"); the next event of its kind takes it."""

    claim: Claim
    event_type: str | None
    # counted over a region or several places ("across southern Lebanon", "in two villages in western Niger"):
    # a place told next with a count of its own is a part of it, not where it was counted
    regional: bool = False


@dataclass
class _State:
    date: str | None = None
    date_text: str | None = None
    date_end: str | None = None
    precision: str = "day"
    date_paragraph: int = 0  # the paragraph whose words last set the narrative date (the lede's, at first)
    date_sentence: int = 0  # how many sentences ago the narrative date was last set
    last_source: SourceMention | None = None
    last_events: list[Event] = field(default_factory=list)
    last_claims: list[tuple[Event | None, Claim]] = field(default_factory=list)
    last_type: str | None = None
    paragraph: int = -1
    pending: list[_Pending] = field(default_factory=list)
    people: dict[str, Source] = field(default_factory=dict)
    contains: dict[str, set[str]] = field(default_factory=dict)
    unnamed: set[str] = field(default_factory=set)  # keys of regions told as holding an unnamed village or town
    landmarks: set[str] = field(default_factory=set)  # name keys of landmarks mentioned: events of their own
    author: Source | None = None
    idle_speaker: SourceMention | None = None
    seen: set[str] = field(default_factory=set)
    spoken: list[SourceMention] = field(default_factory=list)  # every speaker so far, in order
    events_paragraph: int = -1
    talk: list[_Talk] = field(default_factory=list)
    previous_source: SourceMention | None = None  # the source the sentence just read named, if any
    armed_group: Source | None = None  # the armed group named last, as a side or a speaker
    unsourced: list[tuple[Event | None, Claim]] = field(default_factory=list)  # every figure told with no source


@dataclass(frozen=True)
class _Talk:
    """A speaker of the current sentence: who it resolves to, and what the parse says it governs."""

    mention: SourceMention
    speech: Speech
    governs: tuple[int, ...]  # character offsets of the tokens the speaker's verb governs

    def covers(self, start: int, end: int) -> bool:
        return any(start <= g < end for g in self.governs)


REGIONAL = re.compile(r"\b(?:across|throughout|in)\s+(?:the\s+)?(?:(?:north|south|east|west|northern|southern|eastern|"
                      r"western|central|north-?eastern|north-?western|south-?eastern|south-?western)\s+(?:parts\s+of\s+)?"
                      r"(?-i:[A-Z])[\w'-]+|(?:two|three|four|five|six|several|many|a number of|\d+)\s+(?:villages|towns|"
                      r"cities|districts|provinces|neighbou?rhoods|areas|camps|regions|states|localities))\b", re.I)
ABROAD = re.compile(r"^\s*(?:(?:Meanwhile|Elsewhere|Separately|Also),?\s+)?(?:[Ii]n|[Aa]cross)\s+(?:neighbou?ring\s+)?(?:the\s+)?"
                    r"([A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,3})\s*,")
ARMED_ANAPHOR = re.compile(r"(?:the\s+)?(?:[\w-]+\s+)?(?:militant|extremist|jihadist|jihadi|insurgent|islamist|armed|rebel|terrorist|"
                           r"separatist|paramilitary)\s+(?:group|organi[sz]ation|movement|militia|outfit|faction)\b",
                           re.I)
GROUP_SAYS = re.compile(r"[\s,]*(?:[\w'\u2019-]+\s+){0,3}?(?:said|says|stated|claimed|announced|denied|added)\b")
# Universal POS classes of words that never name a place (Universal Dependencies v2 tag set)
FUNCTION_POS = frozenset({"NUM", "PRON", "DET", "ADP", "SCONJ", "CCONJ", "AUX", "PART"})


class Extractor:
    """Reads reports with one gazetteer and one source registry.

    >>> # Extractor(Gazetteer.default(), SourceRegistry.default()).extract(report)
    """

    def __init__(self, gazetteer: Gazetteer, registry: SourceRegistry, *, country: str | None = None) -> None:
        self.gazetteer = gazetteer
        self.registry = registry
        self.country = country
        self.nationwide = claims_mod.nationwide_pattern(country_names(country or DEFAULT_COUNTRY) or ("Syria",))

    def extract(self, report: Report, *, country: str | None = None) -> Extraction:
        """Read a report's events, claims and unplaced names.

        The country the report is about (ISO 3166-1 alpha-2) is the one given
        here, else the extractor's, else the one its places, demonyms and
        country names point to (``places.country.infer_country``), else Syria.
        Every place is sought in that country alone.
        """
        return self.extract_many([report], country=country)[0]

    def extract_many(self, reports: list[Report], *, country: str | None = None) -> list[Extraction]:
        """Read several reports, their sentences parsed together in one ``nlp.pipe`` batch.

        Returns one ``Extraction`` per report, in order; each report's country
        is decided as ``extract`` says.
        """
        split = [sentences(r.text) for r in reports]  # each report is split into sentences once
        bodies = [[s for s in parts if not s.is_heading] for parts in split]
        # the parse is the costly step: a sentence with no reporting verb and no violence has nothing it could find
        docs = iter(parse([_undated(s.text) if _worth_parsing(s.text) else "" for body in bodies for s in body]))
        out = []
        for report, parts, body in zip(reports, split, bodies):
            chosen = (country or self.country or infer_country(_without_datelines(parts), dateline=_dateline(parts))
                      or DEFAULT_COUNTRY).upper()
            reader = copy.copy(self)
            reader.country = chosen
            reader.nationwide = claims_mod.nationwide_pattern(country_names(chosen) or (chosen,))
            result = reader._extract(report, parts, [next(docs) for _ in body])
            result.country = chosen
            out.append(result)
        return out

    def _extract(self, report: Report, parts: list[Sentence], docs: list) -> Extraction:
        result = Extraction(report=report)
        state = _State(date=self._first_date(parts, report), author=self._author(parts))
        events: dict[tuple[str, str | None], Event] = {}
        body = [s for s in parts if not s.is_heading]  # headlines repeat the body in fewer, vaguer words
        for sentence, doc in zip(body, docs):
            abroad = ABROAD.match(sentence.text)
            code = country_of_name(abroad.group(1)) if abroad else None
            if code is None or code == self.country:
                self._read(sentence, doc, report, state, events, result)
                continue
            # "In neighbouring Niger, gunmen killed seven soldiers near Tera": the sentence is set in another
            # country, whose places, institutions and bounds it names
            home = (self.country, self.nationwide)
            self.country, self.nationwide = code, claims_mod.nationwide_pattern(country_names(code) or (code,))
            try:
                self._read(sentence, doc, report, state, events, result)
            finally:
                self.country, self.nationwide = home
        if not events and state.pending:
            self._place_by_speaker(state, events)
        for pending in state.pending:
            # (a day's or a running toll said with no place keeps its bound: "45 killed over the past 24 hours")
            bounded = pending.claim.scope.startswith(("24 hours", "cumulative"))
            result.nationwide_claims.append(pending.claim if bounded else replace(pending.claim, scope="unplaced"))
        result.events = self._fold_containers(list(events.values()), state)
        self._merge_unresolved(result)
        report_id = report.id  # a hash of the whole text: computed once
        _name_described(result, state.spoken)
        for n, event in enumerate(result.events, start=1):
            event.id = f"{report_id}-{n}"
            event.report_id = report_id
            event.claims = merge_claims(event.claims)
            _settle_type(event)
        result.nationwide_claims = merge_claims(result.nationwide_claims)
        self._drop_echoes(result)
        known = {name_key(e.place_mention) for e in result.events if e.place is None}
        result.unresolved = [u for u in result.unresolved if name_key(u["mention"]) in known]
        return result

    # -- one sentence -------------------------------------------------------
    def _read(self, sentence: Sentence, doc, report: Report, state: _State,
              events: dict[tuple[str, str | None], Event], result: Extraction) -> None:
        text = sentence.text
        state.talk = self._talk(doc, state)
        if sentence.paragraph != state.paragraph:
            state.paragraph = sentence.paragraph
            state.last_type = None
            state.idle_speaker = None
        state.date_sentence += 1
        self._advance_date(sentence, report, state)
        background = bool(BACKGROUND.search(text)) or claims_mod.is_habitual_denial(text)
        caption = bool(CAPTION.search(text))
        mentions = self._sources(text, state)
        places = [] if background else self._places(sentence, doc, state)
        if state.date_sentence == 0 and (state.date or state.date_text) and not places and not background and \
                _tells_of_casualties(text) and state.last_events:
            self._date_undated(state, events)
        counted = figures_mod.figures(text) if len(places) > 1 else ()
        if counted and all(sentence.outside_quotes(f.start) for f in counted):
            # '"The situation in El Fasher is catastrophic," she said, adding that 47 were killed in an attack on
            # the Abu Shouk camp': a place in the quoted words is no place of the narrated count
            narrated = [p for p in places if sentence.outside_quotes(p[0])]
            places = narrated or places
        types = event_types(text)
        violent = bool(types) or bool(VIOLENCE.search(text)) or _tells_of_casualties(text) or (
            # "The incident occurred on Tuesday in Rann": where the attack told before without a place happened
            bool(state.pending or state.last_events) and OCCURRED.search(text) is not None)
        denial = claims_mod.is_denial(text)
        touched: list[Event] = []
        for start, mention, place in places:
            key = (("L:" + name_key(mention)) if name_key(mention) in state.landmarks else
                   place.id if place else "?" + name_key(mention), state.date or state.date_text)
            earlier = _told_as_earlier(text, start)
            if earlier:  # "The blast followed an earlier attack in Susian": not on the day the narrative is at
                key = (key[0], "earlier")
            event = events.get(key)
            told = _told_before(text, start)
            if event is None and told:
                # "images showed the aftermath of the attack on Sousiyan", told on another day than the attack:
                # the event already told at that place, not a new one on the day of the telling
                event = next((e for k, e in events.items() if k[0] == key[0]), None)
            if event is None:
                if not violent or denial:
                    continue
                # one place: the sentence's most specific type ("The blast hit a checkpoint of rebels fighting
                # ..."); several places: the type told nearest each
                event_type = (types[0] if len(places) == 1 and types else type_near(text, start)) or state.last_type
                if state.last_events and (OCCURRED.search(text) or (
                        told and state.events_paragraph >= sentence.paragraph - 1)):
                    # "Warplanes struck Aleppo ... The bombs hit the Sakhour district": the weapon of the attack
                    # told, which a district of the city it struck takes
                    event_type = state.last_events[0].event_type
                    # (a district the gazetteer files under that city folds the city away, _fold_containers; an
                    # unplaced one stays an event of its own, so that the city's point and figures stay on the map)
                event = Event(event_type=event_type or "other", place=place, place_mention=mention,
                              date=state.date, date_end=state.date_end, date_precision=state.precision,
                              quote=text, types=[event_type] if event_type else [])
                event.date_text = None if state.date else state.date_text
                if event.date and state.date_sentence > DATE_REACH and not find_dates(text, report.pub_date) \
                        and not figures_mod.figures(text):
                    # "The group also reported fights in Al-Bab", paragraphs after the lede's day: the narrative
                    # date carries only as far as the narrative does
                    event.date, event.date_end, event.date_text = None, None, None
                if earlier:
                    event.date, event.date_end, event.date_text = None, None, None
                events[key] = event
                if place is None:
                    result.unresolved.append({"mention": mention, "quote": text})
                if not caption:
                    self._take_pending(event, state, text)
            else:
                if state.date_end and state.date_end > (event.date_end or event.date or ""):
                    event.date_end = state.date_end
                extra = type_near(text, start)
                if violent and extra and extra not in event.types:
                    event.types.append(extra)
            if event not in touched:
                touched.append(event)
        if not places and types and not background and not caption and state.events_paragraph == sentence.paragraph:
            # "In particular, airstrikes were recorded": says how the events just named happened
            for event in state.last_events:
                event.types.extend(t for t in types if t not in event.types)
        bound = [] if background else self._bound_figures(text, places, touched, mentions, state)
        bound_ids = {id(e) for e, _ in bound}
        # "Medical officials confirmed the toll": the figure just given is theirs, no new claim
        retold = (not background and TOLL_REFERENCE.search(text) is not None and not figures_mod.figures(text)
                  and self._reattribute(text, mentions, state))
        # A source telling of casualties, or of an attack or a raid it places, is a source of that event
        # even without a figure (who reported what is what an analyst weighs).
        # Of violence without casualties, an organisation's report counts (a person's description of the
        # scene, "residents reported intense bombing", does not).
        tells = _tells_of_casualties(text) or (violent and bool(touched) and not INTENT.search(text) and
                                               bool(state.talk) and state.talk[0].speech.role is None)
        # The war's own toll is background, unless someone gives it: "the health ministry says 31,000 have been
        # killed since the war began" is that ministry's running total.
        found_claims = [] if background and not state.talk else \
            self._claims(text, mentions, state, denial, tells and not retold)
        if background:
            found_claims = [replace(c, scope="cumulative") for c in found_claims if c.killed is not None]
        new_claims: list[tuple[Event | None, Claim]] = []
        for event, claim in bound:
            claim = replace(claim, date=state.date)
            event.claims.append(claim)
            new_claims.append((event, claim))
        targets = [e for e in touched if id(e) not in bound_ids] if bound else (touched or state.last_events)
        if not touched and not bound and TOLL_NAMED.search(text) and not any(
                c.killed is not None for e in targets for c in e.claims):
            # "Later, the death toll rose to 10": the toll of the event whose dead were counted, not of the
            # last place named (a denial's "military targets in the region" counted no one)
            counted_events = [e for e in events.values() if any(c.killed is not None for c in e.claims)]
            targets = counted_events[-1:] or targets
        for claim in found_claims:
            claim = replace(claim, date=state.date)
            claim_targets = _in_clause(claim, targets, places)
            if bound and claim.scope == "responsibility":
                for event in dict.fromkeys(e for e, _ in bound):  # who did what the bound figures counted
                    event.claims.append(claim)
                    new_claims.append((event, claim))
                continue
            if bound and claim.scope != "nationwide":
                continue  # the sentence's figures were shared out among its places
            if claim.scope == "nationwide":
                result.nationwide_claims.append(claim)
                new_claims.append((None, claim))
            elif claim.scope.startswith("cumulative") and (not touched or RAISING_TOLL.search(text)):
                # "37,000 killed since October 7", said where no place is named: a running total for the
                # country, never pinned on the last place named
                result.nationwide_claims.append(claim)
                new_claims.append((None, claim))
            elif not targets and claim.source and state.last_claims and all(
                    e is None and c.source == claim.source and c.scope in ("nationwide", "cumulative")
                    for e, c in state.last_claims):
                # "The network documented 112 civilians killed in Syria in March. Regime forces were responsible
                # for 37 of them, it said": a part of the source's national total, by who killed them
                if claim.scope == "event":  # ("Over the past 24 hours, 85 were killed, it said" keeps its own bound)
                    claim = replace(claim, scope=state.last_claims[-1][1].scope)
                result.nationwide_claims.append(claim)
                new_claims.append((None, claim))
            elif not targets or caption:
                state.pending.append(_Pending(claim, types[0] if types else None,
                                              regional=REGIONAL.search(claim.quote or text) is not None))
                new_claims.append((None, claim))
            else:
                if len(claim_targets) > 1:  # one figure for several places: the same claim, shared
                    claim = replace(claim, shared_by=tuple(e.place_mention for e in claim_targets))
                for event in claim_targets:
                    if claim not in event.claims:
                        event.claims.append(claim)
                    new_claims.append((event, claim))
        if not found_claims and not bound and mentions and not retold:
            self._reattribute(text, mentions, state)
        if new_claims:
            state.last_claims = new_claims
            state.unsourced.extend((e, c) for e, c in new_claims if c.source is None)
        if touched:
            state.last_events = touched
            state.events_paragraph = sentence.paragraph
        if types:
            state.last_type = types[0]
        speaker = self._speaker(text, mentions, state)
        # "The group reported fights in al-Bab. One fight killed 16": the next figure is still the group's.
        figured = any(c.killed is not None or c.injured is not None or c.killed_text for c in found_claims)
        state.idle_speaker = speaker if speaker is not None and not figured and not bound else None
        if speaker is not None:
            state.last_source = speaker
        elif mentions:
            state.last_source = mentions[-1]
        state.previous_source = speaker or (mentions[-1] if mentions else None)

    def _advance_date(self, sentence: Sentence, report: Report, state: _State) -> None:
        """The narrative date moves with each date the narrator gives (not one that ends a span)."""
        text = sentence.text
        found_dates = find_dates(text, report.pub_date)
        dateline = DATELINE.match(text)
        if dateline and len(found_dates) > 1:
            # "MOSUL, May 9 (AFP) — Sunday's blast killed 30": the day of filing gives way
            found_dates = [d for d in found_dates if d.start >= dateline.end()] or found_dates
        if len(found_dates) > 1:
            # "told AP on Tuesday that the army shelled Douma late on Monday": the day of the telling gives way
            # to the day of the event
            told = [d for d in found_dates if SAID_ON.search(text[max(0, d.start - 40):d.start])]
            found_dates = [d for d in found_dates if d not in told] or found_dates
        for found in found_dates:
            # "... in October that killed 32": another time is another telling; the last speaker's word stops
            state.idle_speaker = None
            if not sentence.outside_quotes(found.start) and RELATIVE_WORD.match(found.text):
                continue  # "this morning" in a quote is the speaker's morning
            if re.search(r"\bby\s+(?:late\s+|early\s+)?$", text[max(0, found.start - 12):found.start], re.I) \
                    and not re.search(r"['\u2019]s$", found.text):  # ("killed by Sunday's bomb" is that day's)
                continue  # "By Sunday, the toll had climbed to 16": when a count was made, not when anything happened
            if SPAN_END.search(text[max(0, found.start - 30):found.start]):
                if found.date and state.date and found.date.isoformat() > state.date:
                    state.date_end = found.date.isoformat()  # "until Saturday" ends the span
                continue
            if found.precision == "month" and HISTORY.search(text[max(0, found.start - 30):found.start]):
                continue  # "the uprising began in March 2011" is history, not this event's date
            if found.precision in ("month", "year") and found.date and report.pub_date and \
                    (report.pub_date - found.date).days > 180:
                continue  # "Russia launched a full-scale invasion in February 2022": history, told for context
            if found.precision != "day" and found.text.lower().startswith("since"):
                continue  # "at war since April 2023": the war's span, no event's date ("since Thursday" starts one)
            if found.precision == "month" and not re.search(r"\d{4}", found.text) and not (
                    re.search(r"\b(?:this|last|past)\b", found.text, re.I) and _tells_of_casualties(text)):
                # "launched an offensive in February": background that the narrative does not move to ("Earlier
                # this month, an attack on a funeral killed 18" is another event, in that month)
                continue
            if found.date:
                state.date, state.date_text = found.date.isoformat(), None
                state.date_paragraph, state.date_sentence = sentence.paragraph, 0
                state.date_end = found.last_day.isoformat() if found.last_day else None
                state.precision = found.precision
                if found.precision == "day" and not found.last_day and MIDNIGHT.search(
                        text[max(0, found.start - 30):found.end + 25]):
                    # "around midnight on Saturday", "Saturday night": the night runs into the next day
                    state.date_end = (found.date + dt.timedelta(days=1)).isoformat()
            elif report.pub_date is None:
                state.date, state.date_text, state.date_end = None, _date_words(found.text), None
                state.date_paragraph, state.date_sentence = sentence.paragraph, 0
                state.precision = found.precision
            return

    @staticmethod
    def _date_undated(state: _State, events: dict[tuple[str, str | None], Event]) -> None:
        """The report's events told with no date take the first day the narrative then gives of the dead.

        "A suicide truck bomb killed 149 people in Baghdad's Karrada district. ... Over half of those killed
        Sunday died in the fire": Sunday is the bombing's day.
        """
        for event in state.last_events:
            if event.date or event.date_text:
                continue
            key = next((k for k, e in events.items() if e is event), None)
            event.date, event.date_end, event.date_precision = state.date, state.date_end, state.precision
            event.date_text = None if state.date else state.date_text
            if key is not None and (key[0], state.date or state.date_text) not in events:
                del events[key]
                events[(key[0], state.date or state.date_text)] = event

    def _take_pending(self, event: Event, state: _State, text: str = "") -> None:
        keep = []
        counted = any(f.value is not None for f in figures_mod.figures(text)) if text else False
        for pending in state.pending:
            if pending.regional and counted:
                keep.append(pending)
                continue
            # "a suicide bomber struck ... the blast hit the mosque": a generic word takes a specific one's figure
            if pending.event_type in (None, event.event_type) or event.event_type in GENERIC_TYPES:
                event.claims.append(pending.claim)
                if event.event_type in GENERIC_TYPES and pending.event_type:
                    event.event_type = pending.event_type
                    event.types.insert(0, pending.event_type)
            else:
                keep.append(pending)
        state.pending = keep

    def _reattribute(self, text: str, mentions: list[SourceMention], state: _State) -> bool:
        """ "The death toll was reported by the Observatory": the figure just given is this source's.

        Returns whether a figure was given to the speaker.
        """
        speaker = self._speaker(text, mentions, state)
        if speaker is None or not TOLL_REFERENCE.search(text) or not state.talk or TOLL_DIFFERS.search(text):
            return False  # ("said the death toll was higher": the speaker disputes the figure, not gives it)
        if figures_mod.figures(text):
            # "Survivors told AFP the toll was between 60 and 80", "doctors said the toll could exceed 55": a
            # figure of its own (even hedged), not a confirmation of the one told
            return False
        moved_any = False
        told = state.last_claims
        if ALL_FIGURES.search(text):
            # "Police and hospital officials gave the casualty figures on condition of anonymity": every figure the
            # report told without a source (the wire's closing line), not only the last sentence's
            told = told + [pair for pair in state.unsourced if pair not in told]
        for event, claim in told:
            if claim.source == speaker.source.name:
                continue
            if claim.source_kind == "unknown" and claim.source and not _may_be(claim.source, speaker.source.kind):
                continue  # "security sources said ... A local resident said": another speaker, not the same named
            moved = replace(claim, source=speaker.source.name, source_mention=speaker.text,
                            source_kind=speaker.source.kind)
            if event is not None:
                if (claim.source_kind == "unknown" or claim.source is None) and claim in event.claims:
                    # "a war monitor said ... The Observatory said": named now; "... killing seven. That is
                    # according to the governor": the report's figure was the governor's all along
                    event.claims.remove(claim)
                event.claims.append(moved)
                moved_any = True
        return moved_any

    def _sources(self, text: str, state: _State) -> list[SourceMention]:
        """Sources in the sentence; "the watchdog" resolves to the last source named.

        The agency in a dateline ("BEIRUT (Reuters) -") filed the story; it is not a speaker.
        """
        out = []
        dateline = DATELINE.match(text)
        for mention in self.registry.find(text, country=self.country):
            if dateline and mention.start < dateline.end():
                continue
            if mention.refers_back:
                # "the watchdog" points back to a source already named, and only as a speaker
                if mention.source.name not in state.seen or not _spoken(mention, state):
                    continue
            out.append(mention)
            state.seen.add(mention.source.name)
            if mention.source.kind == "armed group" and not mention.refers_back:
                state.armed_group = mention.source
        for talk in state.talk:  # speakers the registry does not know, from the parse
            mention = talk.mention
            if not any(m.start < mention.end and mention.start < m.end for m in out):
                out.append(mention)
        for surname, source in state.people.items():
            for match in re.finditer(rf"\b(?:al-|Al-)?{re.escape(surname.split('-')[-1])}\b", text, re.I):
                if not any(m.start <= match.start() < m.end for m in out):
                    out.append(SourceMention(source=source, text=match.group(), start=match.start(), end=match.end()))
        out.sort(key=lambda m: m.start)
        return out

    def _places(self, sentence: Sentence, doc, state: _State) -> list[tuple[int, str, Place | None]]:
        """Places in a sentence that can carry an event, with where they stand."""
        text = sentence.text
        found: list[tuple[int, str, Place | None]] = []
        dateline = DATELINE.match(text)
        blocked = [(m.start, m.end) for m in self.registry.find(text, country=self.country)]
        if dateline:
            blocked.append((0, dateline.end()))
        # "the Hama Police Command", "the Aleppo Media Center": a place that names a body is no event's place
        blocked += [(t.idx, t.idx + len(t.text)) for t in doc
                    if t.dep_ == "compound" and re.fullmatch(INSTITUTION, t.head.lemma_.lower())]
        # "The Health Ministry in Gaza said", "a source at the Hama Police Command": where a body sits is no
        # event's place (where people are, "residents of Douma said", may be)
        blocked += [(t.mention.start, t.mention.end) for t in state.talk
                    if re.fullmatch(INSTITUTION, t.speech.head_lemma or "", re.I) or OFFICE.search(t.mention.text)]
        # "Medical workers at al-Nao Hospital said they received 19 bodies": where the speaker works
        blocked += [(t.mention.start + m.start(), t.mention.end) for t in state.talk
                    if (m := re.search(r"\bat\s", t.mention.text))]
        spans: list[tuple[int, int]] = []
        # "as Kyiv braced for more attacks", "Moscow denied it": a capital that speaks or waits is its government
        standing_for = [(t.idx, t.idx + len(t.text)) for t in doc if t.dep_ == "nsubj" and t.pos_ == "PROPN"
                        and t.head.lemma_.lower() in METONYMY_VERBS]
        # "One peacekeeper died", "Since Monday": a word the parse reads as a number, pronoun, determiner,
        # preposition or conjunction is no place, whatever a town's other name in the gazetteer
        function_words = {t.idx for t in doc if t.pos_ in FUNCTION_POS}
        for start, end, mention, candidates in self.gazetteer.scan(text, countries=self.country):
            if any(a <= start < b for a, b in blocked) or CONTEXT_ONLY.match(text[end:end + 12]):
                continue
            if start in function_words and " " not in mention:
                continue
            if any(start <= a < end for a, b in standing_for):
                continue
            if any(t.mention.start == start and t.speech.head in mention for t in state.talk):
                continue  # "Al-Mayadeen, a Lebanon-based TV station, reported": the name speaks, it is no place
            if HELD.search(text[max(0, start - 40):start]):
                continue  # "the Houthis, who control the capital Sanaa": who holds a place is no event there
            if _in_speakers_name(text, start, end, mention, state.talk):
                continue  # "governor Musa Kutum Ibrahim said", "police spokesman Abdullahi Haruna Kiyawa said"
            if re.match(r"\s+(?:family|clan|tribe|brothers)\b", text[end:end + 12], re.I):
                continue  # "a house belonging to the Abu Nasr family": a family's name, not a place
            glued = re.search(r"([^\W\d_]+)-$", text[max(0, start - 12):start])
            if glued and glued.group(1).lower() not in ARTICLES:
                continue  # "the Gozar-e-Sayed Abad mosque": a word inside a longer name is no place of its own
            if re.match(r"-(?:North|South|East|West|Nord|Sud|Est|Ouest|Central|Centre)\b", text[end:end + 9]):
                continue  # "the Centre-North region": the first word of a longer name is not the place "Centre"
            if country_named(mention) not in (None, self.country):
                continue  # "Russia launched 15 drones" in a report about Ukraine: the country, not a village's
                # other name (GeoNames lists "Russia" among a Ukrainian village's alternate names)
            candidates = [p for p in candidates if p.country == self.country]
            if not candidates or (in_brackets(text, start) and start > 1 and text[:start].rstrip().endswith("(")):
                continue  # "Domair (Damascus Suburbs)": the bracket says where the place before it lies
            found.append((start, mention, None))
            spans.append((start, end))
        for match in CAPITAL.finditer(text):
            if any(a <= match.start() < b for a, b in spans + blocked) or \
                    HELD.search(text[max(0, match.start() - 40):match.start()]):
                continue
            if re.search(r"\b(?:state|provincial|regional|district|county|governorate)\s+$", text[:match.start()]):
                continue  # "the state capital Maiduguri": a division's seat, named right after, not the country's
            of = re.match(r"\s+of\s+(?:the\s+)?([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)", text[match.end():])
            if of and country_named(of.group(1)) is None:
                continue  # "Bahir Dar, the capital of Amhara region": a region's seat, said of the town before
            whose = match.group("whose")
            if whose and country_named(re.sub(r"['\u2019]s$", "", whose)) not in (None, self.country):
                continue  # "the Iraqi capital" in a report about Syria
            if CONTEXT_ONLY.match(text[match.end():match.end() + 12]):
                continue
            named_next = re.match(r",?\s*", text[match.end():]).end() + match.end()
            if any(a == named_next for a, _ in spans):
                continue  # "Somalia's capital Mogadishu": the name that follows is the mention
            found.append((match.start(), match.group(), self.gazetteer.capital(self.country)))
            spans.append((match.start(), match.end()))
        named = [(m.start(i), m.group(i)) for m in UNKNOWN_PLACE.finditer(text)
                 for i in range(1, 4) if m.group(i)]
        named += [(m.start(i), m.group(i)) for m in UNKNOWN_PLACES.finditer(text) for i in (1, 2)]
        named += [(m.start(1), m.group(1)) for m in UNKNOWN_PLACE_NAMED.finditer(text)]
        talk = [(t.mention.start, t.mention.end) for t in state.talk]
        parsed = [(start, name) for start, end, name in unknown_place_spans(doc)
                  if not any(a < end and start < b for a, b in spans + blocked + talk)
                  and country_named(name) is None and not self._known_abroad(name)]
        longest: dict[int, str] = {}
        for start, name in named + parsed:
            lead = LEADING_PREPOSITION.match(name)
            if lead and lead.end() < len(name):  # "In Nuseirat camp, a strike ...": the sentence's first word
                start, name = start + lead.end(), name[lead.end():]
            owner = re.match(r".*['\u2019]s\s+", name)
            if owner:  # "Mali's Bankass district": the country's name says whose the place is, not what it is
                start, name = start + owner.end(), name[owner.end():]  # at one start, the fuller name ("Souq al-Juma", not "Souq al")
            if len(name) > len(longest.get(start, "")):
                longest[start] = name
        for start, name in sorted(longest.items()):
            if name.split()[0].lower() in NOT_A_PLACE_WORD | DEMONYMS or any(a <= start < b for a, b in spans + blocked):
                continue
            if CONTEXT_ONLY.match(text[start + len(name):start + len(name) + 12]):
                continue
            if re.search(r"-(?:controlled|held|run|led|backed|based|allied|linked|affiliated|occupied)$", name, re.I):
                continue  # "Taliban-controlled", "Houthi-held": who holds a place, not its name
            if country_named(name) is not None:
                continue  # "the Ukrainian village of Hroza": a demonym or a country is no unknown place
            if self.gazetteer.candidates(name, country=self.country):
                continue
            setting = re.match(r",?\s+(?:in|near)\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)", text[start + len(name):])
            if setting and (country_named(setting.group(1)) not in (None, self.country) or (
                    self._known_abroad(setting.group(1))
                    and not self.gazetteer.candidates(setting.group(1), country=self.country))):
                continue  # "Dover Air Force Base in Delaware": a place abroad, named by where it lies
            found.append((start, name, None))
            spans.append((start, start + len(name)))
        found.sort(key=lambda f: f[0])
        # "Hospital officials in Tikrit said 17 were killed in Samarra": where the speakers are is no event's place
        # when the sentence names another (alone, "police in Kirkuk said a bomb killed 3", it is the best there is)
        speakers_at = [(t.mention.start + m.end(), t.mention.end) for t in state.talk
                       if (m := re.search(r"\b(?:in|at)\s", t.mention.text))]
        inside = [f for f in found if any(a <= f[0] < b for a, b in speakers_at)]
        if inside and len(inside) < len(found):
            found = [f for f in found if f not in inside]
        return self._landmarks(self._resolve(found, text, state), text, spans + blocked, state)

    def _landmarks(self, places: list[tuple[int, str, Place | None]], text: str, taken: list[tuple[int, int]],
                   state: _State) -> list[tuple[int, str, Place | None]]:
        """A landmark named in a sentence is a mention of its own, placed at its town.

        "Damascus University", "George Khoury Square in al-Abbasiyeen", "the Museum Market": the event
        happened there, and the analyst sees that name; the point is its town (the place named inside
        it or right after it with "in", else the place of the events just told).
        """
        out = list(places)
        for match in LANDMARK.finditer(text):
            name = match.group("name")
            start, end = match.start("name"), match.end("name")
            if name.split()[0].lower() in NOT_A_PLACE_WORD or any(a <= start < b for a, b in taken
                                                                  if not (start <= a and b <= end)):
                continue
            if TAKEN_TO.search(text[max(0, start - 45):start]):
                continue  # "33 wounded were treated at Ayder Referral Hospital": where victims were taken
            if AVERTED.search(text[max(0, start - 90):start]):
                continue
            if any(t.mention.start <= start and end <= t.mention.end and t.speech.head in name for t in state.talk):
                continue  # "Nasser Hospital said": the hospital speaks, the event was elsewhere
            if re.search(r"\b(?:hospital|clinic|medical (?:center|centre|complex))$", name, re.I) and not \
                    STRUCK_BEFORE.search(text[max(0, start - 60):start]):
                continue  # "teams at the South Hospital received 51 wounded": where victims were brought
            if re.match(r"\s+[A-Z][a-z]", text[end:end + 3]):
                continue  # "the Wall Street Journal": a landmark's words inside a longer name
            inside = [p for p in out if start <= p[0] < end]
            after = [p for p in out if end <= p[0] <= end + 30 and re.match(r"\s*(?:,\s*)?(?:in|at|near)\b",
                                                                                text[end:p[0]])]
            holder = (inside or after or [None])[0]
            town = holder[2] if holder else next((e.place for e in state.last_events if e.place is not None), None)
            if holder is not None:
                out.remove(holder)
            out.append((start, name, town))
            state.landmarks.add(name_key(name))
        out.sort(key=lambda f: f[0])
        return out

    def _resolve(self, found: list[tuple[int, str, Place | None]], text: str,
                 state: _State) -> list[tuple[int, str, Place | None]]:
        """Pick namesakes by the sentence's other places; drop places named only to locate others."""
        settled = [(s, m, p) for s, m, p in found if p is not None]
        anchors = [p for _, _, p in settled if p.precision in (Precision.CITY, Precision.GOVERNORATE)]
        resolved: list[tuple[int, str, Place | None]] = []
        setting: Place | None = None  # "In the province of Homs, ...": the division the whole sentence is in
        for start, mention, place in found:
            end = start + len(mention)
            if place is None and self.gazetteer.candidates(mention, country=self.country):
                capital = self.gazetteer.capital(self.country)
                regional = REGION_BEFORE.search(text[max(0, start - 25):start]) or REGION_AFTER.match(text[end:end + 16]) \
                    or DIVISION_OF.search(text[max(0, start - 40):start])
                if regional and not (capital and name_key(capital.name) == name_key(mention)):
                    place = self._governorate(mention)  # "northern Hama", "Idlib province"; "southern Damascus" is the city
                if place is None:
                    near = next((a for a in anchors if name_key(a.name) != name_key(mention)), None)
                    match = self.gazetteer.geocode(mention, near=near, country=self.country)
                    place = match.place if match else None
                if place is not None and place.country != self.country:
                    continue
                if place is not None and setting is not None and place.precision is not Precision.GOVERNORATE \
                        and not _within(place, setting):
                    place = None  # a namesake in another province than the one the sentence is set in: unplaced
                located = LOCATED_IN.match(text[end:end + 60])
                holder = self.gazetteer.geocode(located.group(1), country=self.country) if located and place else None
                if holder is not None and DIVISION_AFTER.match(text[end:end + 60], located.end(1)) and \
                        name_key(place.admin1 or "") == name_key(located.group(1)):
                    holder = None  # "near Tera in the Tillaberi region": the region of its name holds it, not the town
                if place is not None and holder is not None and place.precision is not Precision.GOVERNORATE \
                        and holder.place.id != place.id and distance_km(place, holder.place) > LOCATED_KM:
                    place = None  # "the Hamidiyeh market in Damascus": a namesake 150 km away is not it
            if place is not None and place.precision is Precision.GOVERNORATE and FRONTED_SETTING.match(
                    text[:start] + "\0" + text[end:end + 16]):
                setting = place
            part = CITY_PART.search(text[max(0, start - 18):start])
            if place is not None and place.precision in (Precision.CITY, Precision.TOWN) and part:
                # "west Mosul", "eastern Kharkiv": the analyst reads the part of the city; the point is the city
                start, mention = start - len(part.group()), part.group() + mention
            resolved.append((start, mention, place))
        out: list[tuple[int, str, Place | None]] = []
        whole = [m.span() for m in self.nationwide.finditer(text)]  # "across the Gaza Strip", "in Syria"
        for i, (start, mention, place) in enumerate(resolved):
            if place is not None and place.precision is Precision.COUNTRY:
                continue
            if any(a <= start < b for a, b in whole):
                continue  # the country itself, named by a place that shares its name: a nationwide scope
            end = start + len(mention)
            before, after = text[max(0, start - 45):start], text[end:end + 40]
            others = [r for j, r in enumerate(resolved) if j != i]
            if LOCATOR_BEFORE.search(before):
                continue  # "a town southwest of Damascus", "50km west of Raqqa"
            if re.search(r"\bcapital\s+of\s+(?:the\s+)?$", before):
                continue  # "Bahir Dar, the capital of Amhara region": the region only says where the town is
            if any(o_start + len(o_mention) <= start and NAMED_NEAR.fullmatch(text, o_start + len(o_mention), start)
                   for o_start, o_mention, _ in others):
                continue  # "the eastern Ghouta region near Damascus": a named place, located by one near it
            if TAKEN_TO.search(before):
                continue  # "the wounded were treated at a hospital in Mekelle": where victims were taken
            if AVERTED.search(text[max(0, start - 90):start]):
                continue  # "to prevent bombers from attacking the airport": an attack that did not happen there
            if SPOKE_FROM.search(before):
                continue  # "an official told Reuters by phone from Maiduguri": where the source spoke
            if place is not None and place.precision in (Precision.GOVERNORATE, Precision.DISTRICT) and \
                    UNNAMED_IN.search(before):
                # "a strike on a village in the central Sagaing region": the event is at a place within the region
                # that the report may name later ("the strike hit a school in Let Yet Kone village")
                state.unnamed.add(_place_key(mention, place))
            if place is None and DIVISION_AFTER.match(text, end) and any(
                    o_start + len(o_mention) <= start and re.fullmatch(IN_GAP, text[o_start + len(o_mention):start])
                    for o_start, o_mention, _ in others):
                continue  # "the town of Parachinar in Pakistan's Kurram district": a division, named to locate
            inner = self._contained(start, end, mention, place, others, text)
            if inner:
                for key in inner:
                    state.contains.setdefault(_place_key(mention, place), set()).add(key)
                continue
            if CONTAINER_AFTER.match(after) and place is not None and \
                    place.precision in (Precision.CITY, Precision.GOVERNORATE):
                continue  # "the Damascus suburb of Douma": the city only locates the suburb
            out.append((start, mention, place))
        return out

    def _contained(self, start: int, end: int, mention: str, place: Place | None,
                   others: list[tuple[int, str, Place | None]], text: str) -> list[str]:
        """The places this one only locates: "Qadam in Damascus", "the Waer district of Homs"."""
        if place is None or place.precision not in REGIONS:
            return []
        inner = []
        for o_start, o_mention, o_place in others:
            o_end = o_start + len(o_mention)
            if o_end < start - 80 or o_start > end + 80:
                continue  # only a neighbour can be located by this place
            gap = text[o_end:start] if o_end <= start else text[end:o_start]
            explicit = False
            if o_end <= start and gap.strip() == "," and re.match(r"\s*(?:,|and)\s+[A-Z]", text[end:end + 8]):
                continue  # "the villages of Aitaroun, Bint Jbeil and Khiam": a list, not a place and its setting
            if o_end <= start and place.precision is Precision.GOVERNORATE and re.fullmatch(
                    r"\s+in\s+(?:the\s+)?[A-Z][\w'-]+(?:[ -][\w'-]+){0,3},\s+(?:(?:\w+ern|central)\s+)?", gap):
                inner.append(_place_key(o_mention, o_place))  # "Kansafra in Jabal al-Zawiya, southern Idlib"
                continue
            if o_end <= start and re.fullmatch(IN_GAP, gap):
                # "Maarat al-Numan in Idlib", "Kafr Roma, Idlib province"; "the Jaramana suburb of Damascus"
                explicit = bool(PART_OF.match(gap))
                # "Sadr City, Baghdad,": a place, then the city it lies in, named after a comma
                explicit = explicit or (gap.strip() == "," and o_place is not None and place.precision is Precision.CITY
                                        and o_place.id != place.id and distance_km(o_place, place) <= CITY_REACH_KM)
                if explicit and _rank(place) > _rank(o_place):
                    continue  # "the Damascus suburb of Douma": Douma does not contain Damascus
                # "the Nuseirat camp in central Gaza": the text says which contains which, even where the
                # gazetteer files the finer place under another division of the same name
                explicit = explicit or (o_place is not None and _rank(place) < _rank(o_place)
                                        and REGION_BEFORE.search(gap) is not None)
                # "the village of Diallassagou in Mali's Bankass district": the text calls it a division
                explicit = explicit or DIVISION_AFTER.match(text, end) is not None
            elif o_end <= start and re.fullmatch(r"\s+of\s+(?:the\s+)?(?:(?:city|town)\s+of\s+)?", gap) and \
                    PART_WORD_END.search(o_mention):
                explicit = True  # "the Obolonskyi district of Kyiv": the name the report gave with its kind
            elif o_start >= end and re.fullmatch(POSSESSIVE_GAP, gap):
                explicit = True  # "Damascus' Kfar Souseh district", "Homs's Baba Amr"
            elif o_place is None and place.precision is Precision.CITY and DISTRICT_WORDS.search(text):
                explicit = True  # "in the city of Aleppo, clashes in the X and Y neighbourhoods"
            elif o_start >= end and place.precision is Precision.GOVERNORATE and o_place is not None \
                    and _rank(o_place) > _rank(place) and _within(o_place, place):
                explicit = True  # "In the Kharkiv region, shelling killed two in the village of Kupiansk"
            elif o_start >= end and place.precision is Precision.CITY and re.fullmatch(r"\s*In\s+", text[:start]) \
                    and text[end:end + 2].startswith(",") and (o_place is None or (
                        o_place.precision is not Precision.GOVERNORATE and distance_km(o_place, place) <= CITY_REACH_KM)):
                # "In Khan Younis, a drone struck a tent in the Mawasi area": the city that opens the sentence holds
                # the places it goes on to name (a gazetteer that files the area under the next division aside)
                inner.append(_place_key(o_mention, o_place))
                continue
            elif o_start >= end and o_place is None and place.precision is Precision.GOVERNORATE and (
                    DIVISION_OF.search(text[max(0, start - 40):start]) or REGION_AFTER.match(text[end:end + 16])):
                explicit = True  # "In the province of Homs, a car bomb killed four in the Zahraa neighbourhood"
            else:
                continue
            if o_place is not None and not explicit and not _within(o_place, place):
                continue
            inner.append(_place_key(o_mention, o_place))
        return inner

    def _known_abroad(self, name: str) -> bool:
        """Whether a name the report's country lacks is a city or a division elsewhere ("Moscow" in a report
        about Ukraine): a foreign place, not an unknown one. A village's namesake abroad (a Gambian
        "Welingara" in a report about Mali) does not count."""
        return any(p.precision in (Precision.CITY, Precision.GOVERNORATE, Precision.COUNTRY)
                   and difflib.SequenceMatcher(None, p.name.lower(), name.lower()).ratio() > 0.85
                   for p in self.gazetteer.candidates(name, country=()))  # not "Khouribga" for "Kuriga"

    def _governorate(self, name: str) -> Place | None:
        for place in (self.gazetteer.candidates(name, country=self.country)
                      + self.gazetteer.candidates(f"{name} Governorate", country=self.country)):
            if place.precision is Precision.GOVERNORATE and place.country == self.country:
                return place
        return None

    def _bound_figures(self, text: str, places: list[tuple[int, str, Place | None]], touched: list[Event],
                       mentions: list[SourceMention], state: _State) -> list[tuple[Event, Claim]]:
        """A list that gives each place its own figure: "two in Homs, one in Hama and one in Douma".

        In a nationwide total, a part placed by the text ("six loyalists killed
        in Aleppo") is also that place's own claim.
        """
        masked = _without_speakers(text, state.talk)  # "the Ministry of Health in Gaza said": its name bounds nothing
        if not touched or (len(places) < 2 and not self.nationwide.search(masked)):
            return []
        # (a part of a kind named after its total, "43 civilians, including 17 children", is no count of a place
        # of its own; a part of people, "including 18 people sheltering in a school in X", is X's)
        figures = [f for f in figures_mod.figures(text) if f.outcome == "killed" and f.value is not None
                   and not (f.category != "total" and PART_AFTER_TOTAL.search(text[max(0, f.start - 25):f.start]))]
        nationwide = claims_mod.scope_of(masked, self.nationwide) == "nationwide"
        if not figures:
            return []
        speaker = self._speaker(text, mentions, state)
        by_mention = {name_key(e.place_mention): e for e in touched}
        items = sorted([(f.start, f.end, f.value, False) for f in figures] +
                       [(m.start(), m.end(), figures_mod.parse_number(m.group("num")), True)
                        for m in LIST_ITEM.finditer(text)])
        bound: list[tuple[Event, Claim]] = []
        previous_end = 0
        for start, mention, place in places:
            before = [i for i in items if previous_end <= i[0] and i[1] <= start]
            previous_end = start + len(mention)
            event = by_mention.get(name_key(mention))
            if not before or event is None or before[-1][2] is None:
                continue
            gap = text[before[-1][1]:start]
            # "12 in a strike on a school sheltering families in Jabalia": a count put "in" an attack is put
            # where the attack was, a phrase of its own away (no comma, no other count between)
            if len(gap) > 45 and not (before[-1][3] and len(gap) <= 90 and not re.search(r"[,;:]", gap)):
                continue
            name = speaker.source.name if speaker else None
            said = speaker.text if speaker else None
            # "eight civilians and three fighters killed in X": the parts of X's count, and no total the text does not give
            parts = claims_mod.conjoined_run([f for f in figures if before[0][0] <= f.start and f.end <= start], text)
            claim = claims_mod.claim_from_figures(parts, source=name, source_mention=said, quote=text,
                                                  scope="event", clause=text) if len(parts) > 1 else None
            if claim is None:
                claim = Claim(source=name, source_mention=said, killed=before[-1][2], quote=text)
            bound.append((event, replace(claim, source_kind=speaker.source.kind if speaker else None,
                                         extra={**claim.extra, "listed": True})))
        # Outside a nationwide total, one figure before one place is the sentence's own claim, not a list.
        return bound if nationwide or len(bound) >= 2 else []

    def _claims(self, text: str, mentions: list[SourceMention], state: _State, denial: bool,
                violent: bool = False) -> list[Claim]:
        out: list[Claim] = []
        whole = self._speaker(text, mentions, state)
        clauses = _clauses(text)
        for clause, offset in clauses:
            clause_mentions = [m for m in mentions if offset <= m.start < offset + len(clause)]
            speaker = self._clause_speaker(offset, offset + len(clause), state,
                                           [offset + f.start for f in figures_mod.figures(clause)])
            if speaker is None and not state.talk:
                speaker = self._speaker(clause, [_shift(m, -offset) for m in clause_mentions], state)
            if speaker is None and len(clauses) > 1 and not HEDGE.search(clause):
                speaker = whole if whole is not None and len({m.source for m in mentions}) == 1 else None
            # the speaker's own name bounds nothing: "the Health Ministry in Gaza said 45 were killed in Jabalia"
            scope = claims_mod.scope_of(_without_speakers(clause, state.talk, offset), self.nationwide)
            if EXAMPLES.search(clause):
                scope = "nationwide"  # "in cities such as Hama": the figure counts more than Hama
            hedge = HEDGE.search(clause)
            if speaker is None and hedge is None and not mentions:
                speaker = state.idle_speaker
                if speaker is None and CONTINUES.match(text):
                    speaker = state.last_source  # "The majority were in Damascus province": the same count's source
            author = state.author if speaker is None and hedge is None else None
            name = speaker.source.name if speaker else author.name if author else None
            said = speaker.text if speaker else hedge.group() if hedge else author.short if author else None
            kind = speaker.source.kind if speaker else author.kind if author else None
            relay = self._relay(clause_mentions, speaker)
            # the speakers' own count is no toll ("two residents and a member of a local group said")
            found = [f for f in figures_mod.figures(clause) if not any(
                t.mention.start <= offset + f.start < t.mention.end for t in state.talk)]
            for claim in claims_mod.claims_from_figures(found, clause, source=name, source_mention=said,
                                                        quote=text, scope=scope):
                clause_span = {"clause": (offset, offset + len(clause))} if len(clauses) > 1 else {}
                out.append(replace(claim, source_kind=kind, relayed_by=relay, extra={**claim.extra, **clause_span}))
        # ("Gunmen killed 30 villagers. The army blamed jihadists.": a bare blame right after an attack is of it)
        blaming = [t for t in state.talk if (t.speech.responsibility is not None or (
            t.speech.blames and state.last_events and state.events_paragraph >= state.paragraph - 1))
                   and t.mention.source.kind != "news agency"]
        # (a speaker who gives the toll and blames, claims or denies makes both claims; one who only tells who
        # struck, or blames barely beside its own toll, makes the toll's)
        blaming = [t for t in blaming if (t.speech.responsibility is not None and t.speech.outright)
                   or all(c.source != t.mention.source.name for c in out)]
        if blaming and (out or whole is not None):
            # "The Houthis blamed the coalition for the strike", "the army said it had not targeted the prison",
            # beside another source's figure or alone: who did it, by the speaker's word, with no figure (each
            # speaker: "X accused Y of the attack, which Y denied")
            for talk in blaming:
                mention = talk.mention
                claim = Claim(source=mention.source.name, source_mention=mention.text, source_kind=mention.source.kind,
                              scope="responsibility", denial=bool(talk.speech.responsibility), quote=text,
                              relayed_by=self._relay(mentions, mention))
                if all((c.source, c.denial, c.scope) != (claim.source, claim.denial, claim.scope) for c in out):
                    out.append(claim)
            return out
        if out or whole is None:
            return out
        silent = "no report" if SILENCE.search(text) else "no casualty figure" if NO_FIGURE.search(text) else None
        if silent:
            out.append(Claim(source=whole.source.name, source_mention=whole.text, source_kind=whole.source.kind,
                             scope=silent, quote=text))
        elif denial:
            out.append(Claim(source=whole.source.name, source_mention=whole.text, source_kind=whole.source.kind,
                             scope=claims_mod.scope_of(text, self.nationwide), denial=True, quote=text,
                             relayed_by=self._relay(mentions, whole)))
        elif violent and state.talk and whole.source.kind != "news agency":
            # A speaker who tells of the violence without a figure is still a source of the event.
            out.append(Claim(source=whole.source.name, source_mention=whole.text, source_kind=whole.source.kind,
                             scope="no casualty figure", quote=text, relayed_by=self._relay(mentions, whole)))
        return out

    @staticmethod
    def _clause_speaker(start: int, end: int, state: _State, figures: list[int] = ()) -> SourceMention | None:
        """Who speaks a clause: the speaker whose verb governs its figures, one named in it, or one governing it."""
        inside = [t for t in state.talk if start <= t.mention.start < end]
        owning = [t for t in inside if any(t.covers(f, f + 1) for f in figures)]
        if owning:  # "It gave no details, but X told AP that 142 were killed": the innermost verb's speaker;
            # a wire agency ("..., according to Reuters") only relays what a source it names said; and
            # "Medical workers said they had received 19 bodies": the pronoun is the workers, named as they are
            named = [t for t in owning if not t.mention.refers_back] or owning
            # "Islamic State claimed the blast that killed 21, police said": who claims or blames tells whose deed
            # the attack was; the toll that describes it is the outer speaker's
            named = [t for t in named if t.speech.responsibility is None] or named
            return min(named, key=lambda t: (t.mention.source.kind == "news agency", len(t.speech.governs))).mention
        if inside:
            return inside[0].mention
        governing = [t for t in state.talk if t.covers(start, end)]
        return governing[0].mention if governing else None

    def _talk(self, doc, state: _State) -> list[_Talk]:
        """The sentence's speakers from its parse, each resolved to a source.

        A speaker the registry knows takes its canonical name; "it", "the
        group" or "the source" point back to the speaker named before; an
        activist, resident or witness is "Activists"; a person named before
        by role ("activist Mustafa Bali" ... "Bali said") keeps that source;
        anyone else (a governor, a police command, a hospital) is a source
        of its own under the words the report uses.
        """
        out: list[_Talk] = []
        for speech in speeches(doc):
            source = self._resolve_speaker(speech, state, doc.text[:speech.start])
            if source is None:
                continue
            mention = SourceMention(source=source, text=speech.text, start=speech.start, end=speech.end,
                                    refers_back=speech.refers_back)
            governs = tuple(sorted(doc[i].idx for i in speech.governs))
            out.append(_Talk(mention=mention, speech=speech, governs=governs))
            state.seen.add(source.name)
            state.spoken.append(mention)
        return out

    def _resolve_speaker(self, speech: Speech, state: _State, before: str = "") -> Source | None:
        found = self.registry.find(speech.text, country=self.country)
        if speech.refers_back and speech.head_lemma in ("group", "movement", "militia") and \
                not [m for m in found if not m.refers_back or m.source.name in state.seen]:
            # "Al-Shabaab fighters attacked a base in El Wak, killing 40 soldiers, the group said": the armed group
            # the sentence itself names before the pointer, where no group named before is pointed back to
            sides = [m for m in self.registry.find(before, country=self.country)
                     if m.source.kind == "armed group" and not m.refers_back]
            if sides:
                return sides[-1].source
        relative = re.search(r"\b(?:that|who|which|whose)\b(?![^,]*\b(?:led|run|headed|founded|directed|chaired) by\b)",
                             speech.text)
        if relative:  # "a member of a local militia that helps the military": the clause names who he helps
            # (not "the group, which is led by Rami Abdelrahman": that clause says who the group is)
            found = [m for m in found if m.start < relative.start()] or \
                [m for m in found if m.start >= relative.start() and m.refers_back]
        # ("hospital officials quoted by Al Jazeera": the outlet that quotes relays, it is not the speaker)
        named = [m for m in found if not m.refers_back
                 and not re.search(r"\b(?:quoted|cited|interviewed|contacted)\s+by\s+(?:the\s+)?$", speech.text[:m.start])]
        named = [m for m in named if m.source.kind != "news agency"] or named
        surname = speech.head.lower()
        if not named and state.armed_group is not None and ARMED_ANAPHOR.fullmatch(speech.text):
            # "Al-Shabab fighters stormed a hotel ... The extremist group claimed responsibility": the armed
            # group named last, not the police who spoke before
            return state.armed_group
        if not named and SPOKESPERSON.match(speech.text) and state.last_source is not None and \
                state.last_source.source.kind not in ("activists", "news agency"):
            # "spokesperson Ravina Shamdasani told a briefing", after the office was named: the office speaks
            state.people[surname] = state.last_source.source
            return state.last_source.source
        body = BODY_SPOKESPERSON.match(speech.text)
        if not named and body and state.last_source is not None and \
                body.group("body").lower() in f"{state.last_source.text} {state.last_source.source.name}".lower():
            # "... the Houthi-run health ministry said. Ministry spokesman X told Reuters": the ministry speaks
            state.people[surname] = state.last_source.source
            return state.last_source.source
        if named:
            source = named[0].source
        elif speech.role:
            source = self.registry.get(speech.role)
        elif surname in state.people:
            return state.people[surname]
        elif speech.refers_back and speech.stands_for and (
                blamed := self.registry.find(speech.stands_for, country=self.country)):
            # "blamed the Free Syrian Army for the attack, which the group denied": the party blamed disowns it
            return blamed[0].source
        elif speech.refers_back:
            anaphora = [m.source for m in found if m.refers_back and m.source.name in state.seen]
            if anaphora:
                return anaphora[0]
            previous = state.previous_source
            if surname in ORGANISATION_NOUNS and previous is not None and not previous.refers_back and \
                    previous.source.kind in ("armed group", "government", "monitor", "UN/NGO", "activists"):
                # "The RSF did not comment. The group has denied ...": the body the sentence before named
                return previous.source
            # "two military sources said ... The sources said": the speaker the same noun named before
            same_noun = [m for m in reversed(state.spoken)
                         if re.search(rf"\b{re.escape(surname)}\b", m.text, re.I) and not m.refers_back]
            if same_noun and speech.head_lemma not in ("it", "he", "she", "they"):
                return same_noun[0].source
            return state.last_source.source if state.last_source is not None else None
        else:
            name = re.sub(r"^(?:the|a|an)\s+", "", speech.name, flags=re.I)
            source = Source(name=name, short=name, kind="unknown")
        if source is not None and speech.head[:1].isupper() and not _a_body(surname):
            state.people[surname] = source  # "Bali said" later is the same speaker ("Hospital" names no one)
        elif source is not None and speech.role:
            # "Homs activist Omar Haddad said": "Haddad added" later is that activist
            names = re.findall(r"[A-Z][\w'\u2019]+", speech.text)
            if len(names) > 1:
                state.people[names[-1].lower()] = source
        return source

    def _speaker(self, text: str, mentions: list[SourceMention], state: _State) -> SourceMention | None:
        """The source that says the sentence's figures: named beside a reporting verb, or referred back to."""
        if state.talk:
            return state.talk[0].mention
        if not SPEECH.search(text) and not claims_mod.is_denial(text):
            if self._completes(text, state):
                # "... has risen to 12, the emergency service said. Sixty-one others were injured.": the count
                # goes on, in the same voice, right after the speaker's sentence, with what its count lacked
                return state.previous_source
            return None
        # (a body the sentence tells of as a party, "fighting between Sudan's army and the RSF", "shelled by the
        # army", is not who speaks)
        mentions = [m for m in mentions if not PARTY_BEFORE.search(text[max(0, m.start - 30):m.start])]
        # an armed group named where the parse found no speaker is a side in the fighting ("reports that the
        # Islamic State has abducted 400"), unless the reporting verb follows its name
        mentions = [m for m in mentions if m.source.kind != "armed group" or GROUP_SAYS.match(text, m.end)]
        ranked = [m for m in mentions if m.source.kind != "news agency" and m.source.kind != "government"] or mentions
        if ranked:
            cited = CITING_AFTER.match(text, ranked[0].end)
            if cited:  # "SANA, citing a police source, said": the source the outlet cites speaks
                words = cited.group("cited")
                name = re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.I)
                return SourceMention(source=Source(name=name, short=name, kind="unknown"), text=words,
                                     start=cited.start("cited"), end=cited.end("cited"))
            return ranked[0]
        if PRONOUN.search(text) and state.last_source is not None:
            return state.last_source
        return None

    @staticmethod
    def _completes(text: str, state: _State) -> bool:
        """Whether a sentence's figures add only the outcome the previous sentence's speaker left out (its
        dead, then "N others were injured"); a sentence with new dead and hurt, or set in a place it names ("In
        Kharkiv, three people were injured"), tells of more than that count."""
        previous = state.previous_source
        outcomes = {f.outcome for f in figures_mod.figures(text)}
        if previous is None or previous.source.kind == "news agency" or len(outcomes) != 1:
            return False
        if re.search(r"\b(?:[Ii]n|[Nn]ear|[Aa]t)\s+(?:the\s+)?(?-i:[A-Z])[\w'\u2019-]+", text):
            return False
        outcome = outcomes.pop()
        other = "killed" if outcome == "injured" else "injured"
        return any(c.source == previous.source.name and getattr(c, other) is not None and getattr(c, outcome) is None
                   for _, c in state.last_claims)

    @staticmethod
    def _relay(mentions: list[SourceMention], speaker: SourceMention | None) -> str | None:
        agencies = [m for m in mentions if m.source.kind == "news agency" and m.source != (speaker.source if speaker
                                                                                            else None)]
        return agencies[0].source.name if agencies and speaker is not None else None

    def _author(self, parts: list[Sentence]) -> Source | None:
        """A statement's own author: its figures are the author's even where no sentence names them.

        A press release headed by an organisation ("Spokesperson for the UN
        High Commissioner ...") that speaks as "we" is that organisation's claim.
        """
        body = [s for s in parts if not s.is_heading]
        if body:
            # "Homs, SANA - ...": a state outlet's own story speaks in its voice (a wire agency's does not:
            # what Reuters reports unattributed stays unattributed)
            dateline = DATELINE.match(body[0].text) or re.match(r"^[^.]{0,60}?(?:--?|\u2013|\u2014)\s", body[0].text)
            if dateline:
                named = [m.source for m in self.registry.find(dateline.group(), country=self.country)
                         if not m.refers_back]
                if named and named[0].kind not in ("news agency",):
                    return named[0]
        first_person = any(FIRST_PERSON.search(s.text) for s in body)
        if not first_person:
            return None
        for sentence in parts[:8]:
            if sentence.is_heading:
                found = [m for m in self.registry.find(sentence.text, country=self.country)
                         if m.source.kind != "news agency"]
                if found:
                    return found[0].source
        return None

    @staticmethod
    def _first_date(parts: list[Sentence], report: Report) -> str | None:
        """The date a report opens on, for events named before any date is."""
        for sentence in parts:
            text = sentence.text
            for mention in find_dates(text, report.pub_date):
                before = text[max(0, mention.start - 30):mention.start]
                if mention.precision == "month" and HISTORY.search(before):
                    continue
                if mention.precision != "day" and mention.text.lower().startswith("since"):
                    continue  # "the toll since October": a span's start, not the day the report opens on
                if mention.precision == "month" and not re.search(r"\d{4}", mention.text):
                    continue  # "in February": background, as _advance_date reads it
                if mention.date and sentence.outside_quotes(mention.start):
                    return mention.date.isoformat()
        return None

    def _place_by_speaker(self, state: _State, events: dict) -> None:
        """A report whose only figures name no place of their own happened where its speaker counted them.

        "MSF teams at the South Hospital in El Fasher received 51 wounded after shells hit the town's market":
        the town the speaker's words name is the event's place (the town, never the hospital), when the
        report tells of no other event. Only a town or city of the report's country counts.
        """
        first = state.pending[0]
        for start, end, mention, candidates in self.gazetteer.scan(first.claim.quote, countries=self.country):
            towns = [p for p in candidates if p.country == self.country
                     and p.precision in (Precision.CITY, Precision.TOWN)]
            if not towns:
                continue
            place = towns[0]
            event_type = first.event_type or next(iter(event_types(first.claim.quote)), None) or "other"
            event = Event(event_type=event_type, place=place, place_mention=mention, date=first.claim.date,
                          quote=first.claim.quote, types=[event_type])
            event.claims = [p.claim for p in state.pending]
            events[(place.id, first.claim.date)] = event
            state.pending = []
            return

    @staticmethod
    def _fold_containers(events: list[Event], state: _State) -> list[Event]:
        """A city named only as the setting of its districts' events is not an event of its own.

        "Clashes in Damascus' Qadam district" is one event, in Qadam. A city
        event that carries claims of its own (a denial, a city-wide toll) stays.
        """
        keys = {_place_key(e.place_mention, e.place) for e in events}
        out = []
        for event in events:
            key = _place_key(event.place_mention, event.place)
            inner = state.contains.get(key, set())
            if event.place is not None:
                inner = inner | {_place_key(e.place_mention, e.place) for e in events
                                 if e.place is not None and e.place.parent
                                 and name_key(e.place.parent) == name_key(event.place.name)}
            named_later = key in state.unnamed and event.place is not None
            if named_later:  # the village or town of the region that the report names
                inner = inner | {_place_key(e.place_mention, e.place) for e in events if e.place is not None
                                 and e.place.precision in (Precision.TOWN, Precision.NEIGHBOURHOOD)
                                 and e.place.admin1 and name_key(e.place.admin1) == name_key(event.place.admin1 or "")}
            inside = inner & (keys - {key})
            if inside and all(c.scope == "no casualty figure" for c in event.claims):
                continue  # a source's word without a figure does not make the setting an event
            if any(c.extra.get("listed") for c in event.claims):
                out.append(event)  # "87 killed across Syria, 31 of them in Idlib province": the list's own count
                continue
            same_day = [e for e in events if _place_key(e.place_mention, e.place) in inside
                        and (e.date, e.date_text) == (event.date, event.date_text)]
            # "30 killed by two bombs in Damascus on Saturday ... the bombings targeted buses near the Old City":
            # the city, then the district of it where the same bombing struck, is one event there
            same_kind = len(same_day) == 1 and same_day[0].event_type == event.event_type != "other"
            if len(inside) == 1 and (key in state.contains or same_kind or named_later) and same_day:
                # "a Damascus massacre ... in the Damascus suburb of Douma": one event, in Douma
                target = same_day[0]
                target.claims.extend(c for c in event.claims if c not in target.claims)
                target.types.extend(t for t in event.types if t not in target.types)
                continue
            out.append(event)
        return out

    @staticmethod
    def _merge_unresolved(result: Extraction) -> None:
        """Two spellings of one unknown place (Bghailiye, Al-Baghaliyeh) become one event, unless each has a
        day of its own and the days differ ("in Dama village on Thursday" after Saturday's attack on Dama)."""
        kept: dict[str, list[Event]] = {}
        out = []
        for event in result.events:
            if event.place is not None:
                out.append(event)
                continue
            twins = kept.setdefault(_skeleton(event.place_mention), [])
            twin = next((t for t in twins if (t.date, t.date_text) == (event.date, event.date_text)
                         or not (t.date or t.date_text) or not (event.date or event.date_text)), None)
            if twin is None:
                twins.append(event)
                out.append(event)
            else:
                twin.date = twin.date or event.date
                twin.date_text = None if twin.date else twin.date_text or event.date_text
                if len(event.place_mention) > len(twin.place_mention):
                    twin.place_mention = event.place_mention  # the fuller spelling names it
                twin.claims.extend(c for c in event.claims if c not in twin.claims)
                twin.types.extend(t for t in event.types if t not in twin.types)
                if twin.event_type == "other" and event.event_type != "other":
                    twin.event_type = event.event_type
        result.events = out

    @staticmethod
    def _drop_echoes(result: Extraction) -> None:
        """A lede that pins on a place the figure a source gives for the whole country is that total echoed.

        "Fighting in the capital has left 107 dead" over "a network said 107 were killed nationwide" is
        one claim, the network's, and never a count at the capital. An unattributed figure that a
        source gives for the same event stays: the report itself states it.
        """
        nationwide = {c.killed for c in result.nationwide_claims if c.source and c.killed is not None}
        for event in result.events:
            event.claims = [c for c in event.claims if c.source or c.killed not in nationwide]


def _name_described(result: Extraction, spoken: list[SourceMention]) -> None:
    """A speaker described in one place and named in another is one source.

    "..., the regional governor said" in the lede and "Governor Oleh Kiper said" below are
    the same person: a described speaker the registry does not know, whose head noun is a
    post one person holds (``office_nouns`` in the vocabulary), takes the source of the only
    known speaker whose words name that post. The words as written stay in ``source_mention``.
    """
    offices = vocabulary().office_nouns
    claims = [c for e in result.events for c in e.claims] + result.nationwide_claims
    holders: dict[str, set[tuple[str, str | None]]] = {}
    for mention in spoken:  # every speaker the report named, with or without a figure
        if mention.source.kind not in (None, "unknown"):
            for word in re.findall(r"[a-z][a-z-]*", mention.text.lower()):
                if word in offices:
                    holders.setdefault(word, set()).add((mention.source.name, mention.source.kind))
    rename: dict[str, tuple[str, str | None]] = {}
    for claim in claims:
        if claim.source and claim.source_kind == "unknown":
            head = claim.source.split()[-1].lower()
            if head in offices and len(holders.get(head, ())) == 1:
                rename[claim.source] = next(iter(holders[head]))
    if not rename:
        return
    def renamed(claim: Claim) -> Claim:
        if claim.source in rename and claim.source_kind == "unknown":
            source, kind = rename[claim.source]
            return replace(claim, source=source, source_kind=kind)
        return claim
    for event in result.events:
        event.claims = [renamed(c) for c in event.claims]
    result.nationwide_claims = [renamed(c) for c in result.nationwide_claims]


def merge_claims(claims: list[Claim]) -> list[Claim]:
    """One claim per source and figure.

    The same source repeating a figure is one claim; a source giving the
    dead in one sentence and the wounded in the next ("It said 45 people
    were wounded") is one claim too. Different figures stay apart. A
    source's word without a figure is kept only where that source gives no
    figure for the event.
    """
    with_figures = {c.source for c in claims if c.scope != "no casualty figure"}
    claims = [c for c in claims if c.scope != "no casualty figure" or c.source not in with_figures]
    out: list[Claim] = []
    for claim in claims:
        for i, kept in enumerate(out):
            if kept.source != claim.source or kept.denial != claim.denial:
                continue
            if (kept.killed, kept.injured) == (claim.killed, claim.injured) and kept.scope == claim.scope:
                out[i] = _fill(kept, claim)
                break
            if kept.source is not None and _complementary(kept, claim):
                out[i] = _combine(kept, claim)
                break
        else:
            out.append(claim)
    return out


def _in_clause(claim: Claim, targets: list[Event], places: list[tuple[int, str, Place | None]]) -> list[Event]:
    """The events of a claim's own clause, where its sentence has several ("20 were wounded in the city, while in
    Kherson region 1 man died, according to the governor": each figure has its place); else every target."""
    span = claim.extra.get("clause")
    if not span or len(targets) < 2:
        return targets
    keys = {name_key(mention) for start, mention, _ in places if span[0] <= start < span[1]}
    inside = [e for e in targets if name_key(e.place_mention) in keys]
    return inside or targets


def _complementary(a: Claim, b: Claim) -> bool:
    if a.scope.split()[0] != b.scope.split()[0]:
        return False
    if a.shared_by != b.shared_by:
        return False  # "3 killed in Taiz ... 11 injured in the two cities": a figure of both is no part of one's
    if (a.killed_text and a.killed is None and b.killed is not None) or \
            (b.killed_text and b.killed is None and a.killed is not None):
        return False  # "dozens" and "more than 100": two figures, even from one source
    killed_ok = a.killed is None or b.killed is None or a.killed == b.killed or \
        a.extra.get("from_part") or b.extra.get("from_part")
    injured_ok = a.injured is None or b.injured is None or a.injured == b.injured
    return bool(killed_ok and injured_ok)


def _combine(a: Claim, b: Claim) -> Claim:
    """Two complementary statements of one source: the total wins over a lone part."""
    if a.killed is not None and b.killed is not None and a.extra.get("from_part") and not b.extra.get("from_part"):
        a, b = b, a
    merged = _fill(a, b)
    return replace(merged, extra={k: v for k, v in merged.extra.items() if k != "from_part"} if
                   merged.killed == a.killed and not a.extra.get("from_part") else merged.extra)


def _fill(a: Claim, b: Claim) -> Claim:
    """``a`` with the fields it lacks taken from ``b``."""
    changes = {}
    for name in ("killed", "injured", "civilians", "rebels", "government", "children", "women", "killed_qualifier",
                 "killed_text", "relayed_by", "flag", "injured_qualifier", "injured_text", "injured_conventional", "injured_high"):
        if getattr(a, name) is None and getattr(b, name) is not None:
            if name == "killed_qualifier" and a.killed is not None:
                continue
            changes[name] = getattr(b, name)
    return replace(a, **changes).with_flag() if changes else a


def _told_before(text: str, position: int) -> bool:
    """Whether the event noun nearest before a place refers back to an event already told: "the aftermath of
    the terrorist attack ... in Sousiyan", not "The bombing came after two attacks in Baghdad last week"."""
    nouns = [m for m in EVENT_NOUN.finditer(text[:position])]
    if not nouns:
        return False
    last = nouns[-1]
    return any(m.end() == last.end() for m in THE_EVENT.finditer(text[:last.end()]))


def _told_as_earlier(text: str, position: int) -> bool:
    """Whether the event noun nearest before a place is told as an earlier one ("an earlier attack",
    "a previous bombing"): its day is not the narrative's, and the sentence does not give it."""
    nouns = [m for m in EVENT_NOUN.finditer(text[:position])]
    return bool(nouns) and re.search(r"\b(?:earlier|previous|prior)\s+(?:\w+\s+)?$",
                                     text[max(0, nouns[-1].start() - 30):nouns[-1].start()], re.I) is not None


def _settle_type(event: Event) -> None:
    """A generic word ("attack", "blast") gives way to a specific one said of the same event."""
    if event.event_type in GENERIC_TYPES:
        specific = [t for t in EVENT_TYPES if t in event.types and t not in GENERIC_TYPES]
        if specific:
            event.event_type = specific[0]
    if event.event_type in ("other", GENERIC_TYPE) and any(
            CIVILIANS_KILLED.search(text) for text in [event.quote, *(c.quote for c in event.claims)]):
        # "Gunmen killed 26 villagers": armed men killing civilians with no weapon said is ACLED's "Violence
        # against civilians: Attack" (ACLED Codebook 2023, event type "Violence against civilians"), here "massacre"
        event.event_type = "massacre"
    if event.event_type == "other" and any(c.rebels or c.government for c in event.claims):
        # "Security forces killed 30 al Shabaab militants in an operation": fighters killed with no weapon said
        # is fighting between armed groups, ACLED's "Battles" (ACLED Codebook 2023), here "clash"
        event.event_type = GENERIC_TYPE
    if event.event_type == GENERIC_TYPE and not any(c.killed or c.injured or c.killed_text for c in event.claims) \
            and ARRESTS.search(event.quote) and not CASUALTY_WORDS.search(event.quote):
        # "security forces carried out raids and arrests in Qaimreya": raids that took people, not a battle
        # (ACLED Codebook 2023, "Strategic developments: Arrests")
        event.event_type = "other"
    if event.event_type == GENERIC_TYPE:
        event.event_type = "clash"
    if event.event_type == "strike":
        event.event_type = "airstrike"
    generic = {GENERIC_TYPE: "clash" if event.event_type != "other" else "other", "strike": "airstrike"}
    types = [generic.get(t, t) for t in event.types]
    event.types = list(dict.fromkeys([event.event_type, *types]))


ARRESTS = re.compile(rf"\b(?:{'|'.join(vocabulary().arrest_words)})\b", re.I)
CASUALTY_WORDS = re.compile(rf"\b(?:{figures_mod.KILLED_WORDS}|{figures_mod.INJURED_WORDS}|killings?|massacre)\b", re.I)


def _without_datelines(body: list[Sentence]) -> str:
    """A report's sentences without the datelines that open them: "BEIRUT (Reuters) -" says where the
    story was filed, not where it happened."""
    return "\n".join(s.text[m.end():] if (m := DATELINE.match(s.text)) else s.text for s in body)


def _a_body(word: str) -> bool:
    """Whether a speaker's head word names a body or a building ("Hospital", "Ministry"), not a person."""
    return bool(re.fullmatch(INSTITUTION, word, re.I)) or word.lower() in LANDMARK_WORDS


def _undated(text: str) -> str:
    """A sentence as it is parsed: its dateline blanked ("JERUSALEM (AP) —" is no subject of "said"), every
    offset kept."""
    match = DATELINE.match(text)
    return " " * match.end() + text[match.end():] if match else text


def _dateline(body: list[Sentence]) -> str:
    """The first dateline of a report ("KYIV, Ukraine (Reuters) -"), or ""."""
    return next((m.group() for s in body if (m := DATELINE.match(s.text))), "")


def _worth_parsing(text: str) -> bool:
    """Whether the parse could find a speaker or an unknown place of an event in a sentence."""
    return bool(SPEECH.search(text) or VIOLENCE.search(text) or CASUALTY_WORDS.search(text) or event_types(text))


def _tells_of_casualties(text: str) -> bool:
    """Whether a sentence speaks of people killed or hurt, with or without a figure."""
    return bool(CASUALTY_WORDS.search(text))


# Who a described speaker may turn out to be when named: "a war monitor" may be the Observatory, "security
# sources" may be a ministry, never a resident; a head noun not listed may be anyone.
DESCRIBED_KINDS = {
    **dict.fromkeys(("monitor", "monitors", "observatory", "watchdog"), {"monitor", "UN/NGO", "activists"}),
    **dict.fromkeys(("official", "officials", "authorities", "ministry", "government", "police", "army", "military",
                     "source", "sources", "security", "spokesman", "spokeswoman", "spokesperson", "governor", "mayor"),
                    {"government", "state media", "armed group", "unknown"}),
    **dict.fromkeys(("resident", "residents", "witness", "witnesses", "activist", "activists", "villager",
                     "villagers", "locals", "survivor", "survivors"), {"activists", "unknown"}),
    **dict.fromkeys(("doctor", "doctors", "medic", "medics", "hospital", "nurse", "paramedics"),
                    {"hospital", "government", "UN/NGO", "unknown"}),
}


def _may_be(described: str, kind: str | None) -> bool:
    """Whether a speaker described by its head noun ("a war monitor") may be a source of ``kind`` named later."""
    kinds = DESCRIBED_KINDS.get(described.split()[-1].lower())
    return kinds is None or kind in kinds


def _in_speakers_name(text: str, start: int, end: int, mention: str, talk: list[_Talk]) -> bool:
    """Whether the place name at ``start``-``end`` of a sentence is part of a speaker's own name.

    Inside a speaker's words, either after a first name and before more of the name or the comma of an aside
    ("governor Musa Kutum Ibrahim said", "said Omar Haleb, a paramedic"), or as the speaker's head word after
    another capitalised name ("police spokesman Abdullahi Haruna Kiyawa said": Kiyawa is also a town).
    """
    for spoken in talk:
        if not spoken.mention.start <= start < spoken.mention.end:
            continue
        if NAME_BEFORE.search(text, max(0, start - 25), start) and (
                NAME_AFTER.match(text, end) or re.match(r"\s*,", text[end:end + 3])):
            return True
        before = text[spoken.mention.start:start].split()
        if spoken.speech.head == mention and before and before[-1][:1].isupper():
            return True
    return False


def _without_speakers(text: str, talk: list[_Talk], offset: int = 0) -> str:
    """``text`` (which starts ``offset`` characters into its sentence) with each speaker's own words blanked, offsets
    kept: the speaker's name bounds no figure ("the Health Ministry in Gaza said 45 were killed in Jabalia")."""
    for spoken in talk:
        a, b = spoken.mention.start - offset, spoken.mention.end - offset
        if 0 <= a < b <= len(text):
            text = text[:a] + " " * (b - a) + text[b:]
    return text


def _place_key(mention: str, place: Place | None) -> str:
    return place.id if place is not None else "?" + name_key(mention)


def _date_words(text: str) -> str:
    """ "on Sunday", "Sunday's" and "sunday" are one unknown day; so are "today", "this morning" and "tonight"."""
    words = re.sub(r"\b(?:on|since|late|early|last|this)\b|'s\b|\u2019s\b", "", text.lower()).strip()
    return "today" if words in ("today", "morning", "afternoon", "evening", "tonight", "night") else words


def _rank(place: Place | None) -> int:
    """How coarse a place is: a governorate contains cities, a city its neighbourhoods."""
    order = {Precision.COUNTRY: 0, Precision.GOVERNORATE: 1, Precision.CITY: 2, Precision.DISTRICT: 3,
             Precision.TOWN: 3, Precision.NEIGHBOURHOOD: 4}
    return order.get(place.precision, 4) if place is not None else 4


def _within(inner: Place, outer: Place) -> bool:
    if inner.parent and name_key(inner.parent) == name_key(outer.name):
        return True
    if outer.precision is Precision.GOVERNORATE or (outer.admin1 and name_key(outer.admin1) == name_key(outer.name)
                                                    and inner.precision is not Precision.CITY):
        # "Maarat al-Numan in Idlib": a city that shares its governorate's name stands for the governorate
        return inner.admin1 == outer.admin1
    return inner.admin1 == outer.admin1 and inner.precision in (Precision.NEIGHBOURHOOD, Precision.DISTRICT)


def _skeleton(name: str) -> str:
    key = name_key(name).replace(" ", "")
    return re.sub(r"[aeiouy]", "", key)


def _spoken(mention: SourceMention, state: _State) -> bool:
    """Whether a registry mention is one of the sentence's speakers in the parse."""
    return any(t.mention.start <= mention.start < t.mention.end or mention.start <= t.mention.start < mention.end
               for t in state.talk)


def _clauses(text: str) -> list[tuple[str, int]]:
    """A sentence cut where a second speaker or a second figure begins ("135, but SANA reported 300")."""
    cuts = [m.start() for m in CLAUSE_BREAK.finditer(text)]
    if not cuts:
        return [(text, 0)]
    pieces, start = [], 0
    for cut in cuts:
        left, right = text[start:cut], text[cut:]
        if figures_mod.figures(left) and figures_mod.figures(right):
            pieces.append((left, start))
            start = cut
    pieces.append((text[start:], start))
    return pieces


def _shift(mention: SourceMention, by: int) -> SourceMention:
    return replace(mention, start=mention.start + by, end=mention.end + by)


def extract(report: Report, gazetteer: Gazetteer | None = None, registry: SourceRegistry | None = None) -> Extraction:
    """Extract with the bundled gazetteer and registry unless others are given."""
    return Extractor(gazetteer or Gazetteer.default(), registry or SourceRegistry.default()).extract(report)
