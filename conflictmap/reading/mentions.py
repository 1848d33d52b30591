"""Place names the gazetteer does not know, found by the parse.

A report names villages, camps and neighbourhoods no gazetteer lists
("shells slammed into Sakhour", "gunmen killed 12 in Kafr 'Uwayd"). They
are no less events for that: an analyst pins them later. A proper noun that
is the object of a locative preposition (in, into, at, near, outside …) or
of an attack verb ("gunmen stormed Ogossagou"), or is joined by "and" to one, and that is no day or month, no body ("the Free
Syrian Army"), no landmark ("Sayid Ahmed Mosque", kept under its town) and
no people, is such a name. This is the
"toponym from context" step of geoparsers such as Mordecai (Halterman,
JOSS 2017), done on spaCy's parse.
"""
from __future__ import annotations

LOCATIVE = frozenset({"in", "into", "at", "near", "outside", "around", "on", "across", "inside", "towards", "toward"})
NOT_PLACES = frozenset({"PERSON", "ORG", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                        "QUANTITY", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT"})


def unknown_place_spans(doc) -> list[tuple[int, int, str]]:
    """``(start, end, name)`` character spans of place-like proper names in a parsed sentence, in order."""
    out: list[tuple[int, int, str]] = []
    text = doc.text  # spaCy joins it from the tokens on every call: once here
    for token in doc:
        if token.pos_ != "PROPN" or token.dep_ == "compound":
            continue
        first_of_list = token
        while first_of_list.dep_ == "conj" and first_of_list.head.i != first_of_list.i:
            first_of_list = first_of_list.head  # "Aitaroun, Bint Jbeil and Khiam": the list's first name
        if not (_locative(first_of_list) or _attacked(first_of_list)):
            continue
        if token.ent_type_ in NOT_PLACES or _locator(token) or in_brackets(text, token.idx) or _not_a_place(token):
            continue
        first = token
        while first.i > 0 and _joins(doc[first.i - 1], token):
            first = doc[first.i - 1]
        start, end = first.idx, token.idx + len(token.text)
        if end - start < 3:
            continue  # "on X": no place is named in one or two letters
        out.append((start, end, text[start:end]))
    return out


REGIONS = frozenset({"middle east", "gulf", "levant", "europe", "asia", "africa", "north africa", "sahel",
                     "horn of africa", "west", "east", "arabian peninsula", "caucasus", "balkans"})


def _locator(token) -> bool:
    """ "Jabatha in Qunaitara", "a town in the Middle East": the name only locates another."""
    holder = token.head.head if _locative(token) and token.head.lower_ != "of" else None
    name = " ".join(t.lower_ for t in token.subtree if t.pos_ == "PROPN")
    prep = token.head
    right_after_a_name = prep.i > 0 and token.doc[prep.i - 1].pos_ == "PROPN" and prep.lower_ == "in"
    return name in REGIONS or right_after_a_name or (holder is not None and holder.i < token.i
                                                     and (holder.pos_ == "PROPN" or holder.lemma_.lower() in PLACE_NOUNS))


PLACE_NOUNS = frozenset({"town", "village", "city", "district", "neighbourhood", "neighborhood", "suburb", "camp",
                         "area", "quarter", "region", "province", "governorate", "hamlet", "settlement"})


def in_brackets(text: str, start: int) -> bool:
    """Whether offset ``start`` of ``text`` lies inside round brackets."""
    before = text[:start]
    return before.count("(") > before.count(")")


TIME_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may "
                       "june july august september october november december jan feb mar apr jun jul aug sep sept "
                       "oct nov dec today yesterday tomorrow".split())
# Heads that make a name a body, not a place ("in the Free Syrian Army", "in the Security Council")
BODY_WORDS = frozenset("army forces force council committee committees observatory ministry front brigade brigades "
                       "battalion party group organization organisation agency network coalition movement union "
                       "command police government authority authorities company corporation news media "
                       "television tv channel radio times post press skype facebook twitter youtube telegram "
                       "whatsapp instagram".split())
# Facilities, named inside a town: landmarks, not places of their own here ("Sayid Ahmed Mosque", "George
# Khoury Square", "the Faculty of Architecture")
LANDMARK_WORDS = frozenset("mosque church square faculty university school college hospital clinic market bakery "
                           "stadium hall street avenue road bridge building tower hotel restaurant station airport "
                           "prison palace court courthouse embassy museum park".split())


def _not_a_place(token) -> bool:
    """A day, a month, or a body named after a locative: "on Monday", "in March", "in the Free Syrian Army"."""
    return (token.lower_ in TIME_WORDS or token.lower_ in BODY_WORDS or token.lower_ in LANDMARK_WORDS
            or token.like_num)


def _locative(token) -> bool:
    """The object of a locative preposition, or the name in "the town of Finote Selam"."""
    if token.dep_ != "pobj":
        return False
    prep = token.head
    return prep.lower_ in LOCATIVE or (prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS | DWELLERS)


# "residents of Ogossagou", "the outskirts of Kadugli": the name after "of" is where they are
DWELLERS = frozenset({"resident", "inhabitant", "villager", "outskirt", "outskirts", "centre", "center", "heart"})


# Verbs whose object is where violence happened: "gunmen stormed Ogossagou", "jets struck Kafr Nabl"
ATTACK_VERBS = frozenset({"storm", "shell", "strike", "attack", "hit", "bomb", "raid", "capture", "seize", "overrun",
                          "besiege", "target", "pound", "bombard", "overrun", "retake", "recapture", "surround",
                          "invade", "burn", "torch", "loot"})


def _attacked(token) -> bool:
    """A proper name that is the object of an attack verb."""
    return (token.dep_ == "dobj" and token.head.lemma_.lower() in ATTACK_VERBS
            and not token.text.isupper())  # "strikes targeting ISIL": an acronym is a group, not a place


def _joins(left, head) -> bool:
    """Whether the word before belongs to the name: a compound part, an article "al-", a hyphen."""
    if left.head.i == head.i and left.dep_ in ("compound", "nmod") and left.pos_ == "PROPN":
        return True  # ("Kafr 'Uwayd" is parsed with "Kafr" as a modifier of the name)
    if left.text in ("'", "\u2018", "\u02bf") and not left.whitespace_:
        return True  # "Kafr 'Uwayd": an ayn opens the word
    return left.text in ("-", "al", "el", "Al", "El") or (left.text.endswith("-") and len(left.text) <= 4)
