"""Who speaks in a sentence, read from its dependency parse.

A figure belongs to whoever reports it. In English that is the subject of
a reporting verb ("the Observatory *said*", "a doctor *told* AP"), the
object of "according to", the agent of a passive report ("was reported
*by* SANA"), or the author of a document that is the subject ("a report
*by* Syrian Tracker says"). The object of "told" is the outlet that relays
the words, not their source. Pronouns and bare role nouns ("it said", "the
group added", "the source said") point back to the speaker named before.
This is the attribution step of PETRARCH-style event coders (Schrodt,
"PETRARCH2", 2015), done on spaCy's parse instead of on patterns of words.
"""
from __future__ import annotations

from dataclasses import dataclass

from conflictmap.reading.mentions import TIME_WORDS
from conflictmap.reading.vocabulary import vocabulary

SUBJECTS = ("nsubj", "nsubjpass")
LEADING = ("det", "punct", "cc", "prep")
TRAILING_PUNCT = ",;:-\u2013\u2014 "
DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
INTERCEPTED = frozenset({"drone", "missile", "rocket", "uav", "aircraft", "plane", "jet", "helicopter", "projectile"})
CASUALTY_LEMMAS = frozenset({"kill", "wound", "injure", "die", "strike", "hit", "shell", "bomb", "attack", "massacre"})


@dataclass(frozen=True)
class Speech:
    """One reported statement in a sentence.

    ``start``/``end`` are character offsets of the speaker's words in the
    sentence, ``verb`` the token index of the reporting predicate,
    ``governs`` the token indices of what the speaker says (the verb's
    clause without the speaker), ``refers_back`` whether the words point to
    a speaker named before ("it", "the group"), ``relay`` the outlet the
    words were told to ("told Reuters"), ``denies`` whether the verb denies.
    """

    text: str
    start: int
    end: int
    head: str
    name: str
    verb: int
    governs: frozenset[int]
    refers_back: bool = False
    relay: str | None = None
    denies: bool = False
    role: str | None = None
    head_lemma: str | None = None  # the lemma of the speaker's head noun ("ministry", "resident")
    # Whether the statement is about who carried out an attack: None if not, else whether it disputes it
    # (False: "blamed the coalition for the strike", "claimed responsibility", "said it had struck";
    # True: "denied any role in the attack", "said it had not targeted the prison")
    responsibility: bool | None = None
    blames: bool = False  # a blaming verb with someone blamed ("The army blamed jihadists."), of whatever deed
    # the words of the party a pointer back stands for, where the sentence names it: "blamed the Free Syrian Army
    # for the attack, which the group denied" (the group is the one blamed)
    stands_for: str | None = None
    # whether the responsibility is said with a verb of blaming, claiming or denying ("blaming opposition forces
    # for the attack", "an attack claimed by al-Shabaab"), not only told ("said the strike was carried out by Y")
    outright: bool = False


# Verbs that count more than they speak: under another's reporting verb, the reporter is the source
COUNTING_VERBS = frozenset({"receive", "record", "document", "count", "register", "tally", "list", "verify"})


def speeches(doc) -> list[Speech]:
    """Every speaker of a parsed sentence (a spaCy ``Doc``), in order of the speaker's words."""
    words = vocabulary()
    out: list[Speech] = []
    taken: set[int] = set()
    whole = doc.text  # joined from the tokens on every call: once here
    for token in doc:
        speaker = verb = None
        if token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            speaker = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            verb = token.head if token.head.i != token.i else token
            speaker = _owner(speaker, words) or speaker  # "according to the ministry's tally"
        elif token.lower_ == "per" and token.dep_ == "prep":
            # "per the city's mayor", "Per the health ministry, ...": "according to" in one word (a rate,
            # "per day", names no one: only a noun that can speak is taken below)
            speaker = next((c for c in token.children if c.dep_ == "pobj"), None)
            verb = token.head if token.head.i != token.i else token
            if speaker is not None and not _can_speak(speaker, words):
                speaker = None
        elif token.pos_ == "NOUN" and token.dep_ in SUBJECTS and (owner := _owner(token, words)) is not None and not any(
                a.lemma_.lower() in words.reporting_verbs for a in (token.head, *token.head.ancestors)):
            # "The health ministry's toll stood at 18": whose count it is speaks (not where another speaks of
            # it: "two sources told Reuters the army's toll was closer to 40")
            speaker, verb = owner, token.head
        elif token.lemma_.lower() in words.relay_verbs and token.pos_ == "VERB" and \
                token.dep_ in ("advcl", "acl", "xcomp", "conj"):
            continue  # "Reuters, citing medics, reported": the reporting verb's speaker is the cited (_cited)
        elif token.lemma_.lower() == "call" and token.pos_ == "VERB" and any(
                t.lemma_.lower() in words.denial_words for t in token.subtree):
            # "The RSF called the reports that its fighters shelled the camp baseless": a denial, spoken
            verb = token
            speaker = _subject(token)
        elif token.lemma_.lower() in words.reporting_verbs and token.pos_ in ("VERB", "AUX") and not (
                token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to"
                and any(c.dep_ == "xcomp" for c in token.children)
                and not any(c.dep_ == "nsubj" for c in token.children)):
            # ("a strike said to be carried out by X" is hearsay: nobody speaks; "the Taliban claimed to have
            # killed 40" has a subject who speaks)
            if token.lemma_.lower() in COUNTING_VERBS and token.dep_ == "ccomp" and \
                    token.head.lemma_.lower() in words.reporting_verbs and _subject(token.head) is not None:
                continue  # "The ICRC said a hospital it supports had received 29 bodies": who says it speaks
            verb = token
            speaker = _subject(token)
            if speaker is not None and speaker.dep_ == "nsubjpass":
                speaker = _agent(token)
            if speaker is None:
                speaker = _agent(token)
            if speaker is None:
                speaker = _left_before(doc, token)
        if speaker is not None and speaker.lower_ in ("which", "who") and verb is not None and verb.dep_ == "relcl":
            speaker = verb.head  # "according to the ministry, which said ...": the ministry says it
        if speaker is None or verb is None or speaker.i in taken:
            continue
        if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in speaker.children):
            continue  # "No group has claimed responsibility": nobody speaks
        speaker = _author(speaker, words) or speaker
        cited = _cited(verb, speaker, words)
        if cited is not None and cited.i not in taken:
            # "Reuters, citing medics, reported ...", "the TV reported, citing health officials": the outlet
            # relays, the cited speak (the outlet stays a mention of the sentence, its relay)
            speaker = cited
        # "according to the report", "its statement said": the document of the source just named
        document_back = speaker.lemma_.lower() in words.document_nouns and speaker.lemma_.lower() != "toll" and any(
            c.dep_ in ("det", "poss") and c.lower_ in ("the", "its", "their", "this") for c in speaker.children)
        if (speaker.lower_ in words.not_speakers or speaker.lemma_.lower() in words.not_speakers) \
                and speaker.pos_ != "PRON" and not document_back:
            # "Fighting between the army and the RSF killed 40 people in El Geneina, a doctors' group said
            # Friday", parsed with the fighting as the subject: the words after the last comma speak
            speaker = _left_before(doc, verb) if verb.lemma_.lower() in words.reporting_verbs else None
            if speaker is None or speaker.i in taken:
                continue
        if speaker.pos_ == "PRON" and speaker.lower_ not in ("it", "he", "she", "they"):
            continue
        counted = speaker.left_edge.i > 0 and doc[speaker.left_edge.i - 1].lemma_.lower() in CASUALTY_LEMMAS \
            and any(c.dep_ == "nummod" for c in speaker.children)
        if not _can_speak(speaker, words) or counted:
            # "killed 37 farmers in Borno state, police and local officials said", parsed with the farmers as
            # the subject and the speakers joined to the state ("killing at least 40 people, a local group and
            # witnesses said": the counted dead, the object of "killing", are never the speaker)
            # the subject and the speakers joined to the state: the speaking nouns joined inside it speak
            joined = [t for t in speaker.subtree if t.dep_ == "conj" and t.i > speaker.i and _can_speak(t, words)
                      and t.pos_ == "NOUN" and t.i < verb.i]
            # ("killed at least 40 people in the city of El Geneina, a doctors' group said", parsed with the
            # group as an apposition of the city: the described body after the last comma speaks)
            described = [t for t in speaker.subtree if t.dep_ == "appos" and t.i > speaker.i and t.i < verb.i
                         and _can_speak(t, words) and doc[t.left_edge.i - 1].text == ","] if counted else []
            if joined:
                speaker = joined[0]
            elif described:
                speaker = described[-1]
            elif counted or not _says(speaker, verb):
                speaker = _left_before(doc, verb)  # (as for a subject that is no speaker, above)
                if speaker is None or speaker.i in taken:
                    continue
        span = _span(speaker, verb)
        if span is None:
            continue
        first, last = span
        named = _named_before(doc, first) if speaker.pos_ in ("NOUN", "ADJ") else None
        if named is not None:  # "Raqqa is Being Slaughtered Silently, an activist group, said": the name speaks
            first, speaker = named, named
        taken.update(range(first.i, last.i + 1))
        text = whole[first.idx:last.idx + len(last.text)]
        head_word = speaker.lemma_.lower()
        refers_back = speaker.pos_ == "PRON" or document_back or (
            head_word in words.anaphoric_nouns and not _named(doc[first.i:last.i + 1])
            # "the Syrian news agency", "the Kurdish group": a described body, not a pointer back
            and not any(t.is_title and t.pos_ == "ADJ" for t in doc[first.i + 1:speaker.i])
            # "the local resistance group that controls the area": a clause that says which group is a new one
            # ("The group, which relies on activists, said": an aside about the group already named)
            and not any(c.dep_ in ("relcl", "acl") and doc[c.left_edge.i - 1].text != "," for c in speaker.children)
            and any(t.lower_ == "the" for t in doc[first.i:speaker.i]))
        governs = frozenset(t.i for t in verb.subtree if not first.i <= t.i <= last.i)
        core = [t for t in doc[first.i:last.i + 1] if not _aside(t, speaker)]
        name = " ".join(t.text_with_ws for t in core).strip() if core else text
        name = "".join(t.text_with_ws for t in core).strip(TRAILING_PUNCT) if core else text
        out.append(Speech(text=text, name=name, start=first.idx, end=last.idx + len(last.text), head=speaker.text,
                          verb=verb.i, governs=governs, refers_back=refers_back, relay=_relay(verb),
                          denies=verb.lemma_.lower() in words.denial_verbs,
                          head_lemma=speaker.lemma_.lower(),
                          responsibility=_responsibility(doc, verb, doc[first.i:last.i + 1], words),
                          # (a bare blame, the deed unsaid: "blamed the opposition for the crisis" says it)
                          blames=verb.lemma_.lower() in ("blame", "accuse") and any(
                              c.dep_ == "dobj" for c in verb.children) and not any(
                              c.dep_ == "prep" and c.lower_ in ("for", "of", "over") and (
                                  c.head.i == verb.i or c.head.head.i == verb.i) for c in verb.subtree),
                          stands_for=_blamed(verb) if refers_back else None,
                          outright=_outright(verb, words),
                          role=None if named is not None else
                          next((words.person_roles[t.lemma_.lower()] for t in doc[first.i:last.i + 1]
                                # "the UN Resident Coordinator": a word of a title is no role
                                if t.lemma_.lower() in words.person_roles and t.text.islower()), None)))
    out.sort(key=lambda s: s.start)
    return out


def _outright(verb, words) -> bool:
    """Whether a statement uses a verb of blaming, claiming or denying: its own, or one it governs that has no
    subject of its own ("said, blaming the rebels"; "said 32 had been killed and blamed the Katiba Macina")."""
    own = verb.lemma_.lower()
    return own in words.blame_verbs or own in words.denial_verbs or own == "claim" or any(
        t.i != verb.i and t.lemma_.lower() in words.blame_verbs | words.denial_verbs and t.dep_ in ("advcl", "xcomp", "conj")
        and not any(g.dep_ in ("nsubj", "nsubjpass") for g in t.children) for t in verb.subtree)


def _blames_beside_passive(token, words) -> bool:
    """ "said that 32 people had been killed and blamed the Katiba Macina": the parse joins the blame to the
    passive it follows, but an active verb with an object of its own cannot share a passive's subject (nor the
    dead's, "14 had died and blamed"), so the blame is the speaker's."""
    head = token.head
    return (token.dep_ == "conj" and token.lemma_.lower() in words.blame_verbs
            and not any(g.dep_ in ("nsubj", "nsubjpass", "auxpass") for g in token.children)
            and any(g.dep_ == "dobj" for g in token.children)
            and (any(g.dep_ == "nsubjpass" for g in head.children) or head.lemma_.lower() in ("die", "perish")))


def _responsibility(doc, verb, speaker_words, words) -> bool | None:
    """Whether a statement says who carried out an attack, and whether it disputes that.

    Returns None for a statement about anything else, False for one that
    assigns or takes responsibility, True for one that disputes it. Read from
    the reporting verb and what it governs, as PETRARCH-style coders read a
    source-verb-target triple (Schrodt, "PETRARCH2", 2015):

    - a blaming verb about an attack: "the Houthis blamed the coalition for the
      strike", "accused the RSF of committing a massacre" (False);
    - "claimed responsibility for the bombing", "took credit" (False);
    - a denial verb about an attack or a role in one: "denied involvement",
      "rejected the accusations of shelling the market" (True);
    - a speaker saying its own side struck: "said it had struck a command
      centre in the school" (False), or did not: "said it had not targeted the
      prison" (True).

    "No group has claimed responsibility" names no one: None.
    """
    if any(t.lower_ in ("no", "nobody", "none", "neither") for t in speaker_words):
        return None
    lemma = verb.lemma_.lower()
    # what another speaker inside the words says is that speaker's ("Islamic State claimed the blast, police
    # said": the police report the claim, they assign nothing; "said it denied" is the speaker's own word)
    quoted = {t.i for c in verb.subtree if c.i != verb.i and c.pos_ in ("VERB", "AUX")
              and (c.lemma_.lower() in words.reporting_verbs or c.lemma_.lower() in words.blame_verbs)
              and any(g.dep_ == "nsubj" and g.pos_ != "PRON" for g in c.children) for t in c.subtree}
    governed = [t for t in verb.subtree if t.i != verb.i and not speaker_words.start <= t.i < speaker_words.end
                and t.i not in quoted]
    lemmas = {t.lemma_.lower() for t in governed}
    about_attack = bool(lemmas & words.attack_nouns or lemmas & words.attack_verbs)
    about_role = bool(lemmas & words.responsibility_nouns)
    if lemma == "claim":  # "claimed responsibility for the bombing", "claimed the attack" (not "the lives of")
        taken = [c for c in verb.children if c.dep_ == "dobj" and (
            c.lemma_.lower() in ("responsibility", "credit") or c.lemma_.lower() in words.attack_nouns)]
        return False if taken else None
    if lemma in words.blame_verbs or any(  # "..., state TV said, blaming opposition forces for the attack"
            c.dep_ in ("advcl", "xcomp", "conj") and c.lemma_.lower() in words.blame_verbs
            and not any(g.dep_ == "nsubj" for g in c.children) for c in verb.children):
        return False if about_attack or about_role else None
    if any(_blames_beside_passive(t, words) for t in governed):
        return False  # the deaths it is joined to are the deed blamed
    if lemma in words.denial_verbs:
        if any(c.dep_ == "neg" for c in verb.children):
            return None  # "did not deny the strike" disputes nothing
        if verb.dep_ == "relcl" and (verb.head.lemma_.lower() in words.attack_nouns
                                     or verb.sent.root.lemma_.lower() in words.blame_verbs):
            return True  # "accused Rwanda of sending troops, which Rwanda denies": the accused disowns it
        # "denied any role in the attack", "denied targeting the market", "denied that its jets struck":
        # the speaker disowns the deed (a denial that the attack happened at all is the event's denial)
        return True if (about_attack and about_role) or any(_own_deed(t, words) for t in governed) else None
    denied = [t for t in governed if t.lemma_.lower() in words.denial_words]
    negated = any(t.dep_ == "neg" for t in governed)
    if about_attack and (denied or (about_role and negated) or _nothing_to_do(governed)):
        # "said the reports of a strike were baseless", "said it was not responsible for the attack",
        # "said it had nothing to do with the shelling"
        return True
    if about_attack and (about_role or any(t.lower_ == "behind" and t.dep_ == "prep" for t in governed) or any(
            t.dep_ == "agent" and t.head.lemma_.lower() in words.attack_verbs for t in governed)):
        # "said Y was responsible for the attack", "said Y was behind the bombing",
        # "said the strike was carried out by Y"
        return False
    for clause in verb.children:  # what the speaker says it did, said directly ("said it had struck"), not
        # an "it" deeper in the words ("condemned the strikes, arguing that it may have hit civilians")
        if clause.dep_ == "ccomp" and _own_deed(clause, words, gerund=False):
            return any(c.dep_ == "neg" for c in clause.children)
    return None


def _blamed(verb) -> str | None:
    """The party blamed or accused in the sentence whose relative clause ``verb`` heads, as written, or None."""
    if verb.dep_ != "relcl":
        return None
    blame = next((a for a in verb.ancestors if a.lemma_.lower() in vocabulary().blame_verbs), None)
    target = next((c for c in blame.children if c.dep_ == "dobj"), None) if blame is not None else None
    if target is None:
        return None
    return "".join(t.text_with_ws for t in target.subtree).strip()


def _own_deed(clause, words, *, gerund: bool = True) -> bool:
    """Whether a verb tells an attack by the speaker's own side: "it had struck", "its forces targeted",
    "we hit", or (``gerund``) a deed with no subject of its own ("denied targeting the market")."""
    if clause.pos_ != "VERB" or clause.lemma_.lower() not in words.attack_verbs:
        return False
    if any(c.dep_ in ("prt", "advmod") and c.lower_ == "down" for c in clause.children) or any(
            c.dep_ == "dobj" and any(t.lemma_.lower() in INTERCEPTED for t in (c, *c.conjuncts))
            for c in clause.children):
        # "the air force said it had shot down 20 drones": an interception, not the attack (the thing hit
        # itself: "struck a workshop assembling drones" is an attack)
        return False
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return gerund and clause.tag_ == "VBG" and clause.dep_ in ("xcomp", "dobj", "ccomp", "pcomp")
    return subject.lower_ in ("it", "we") or any(c.dep_ == "poss" and c.lower_ in ("its", "our")
                                                  for c in subject.children)


def _nothing_to_do(tokens) -> bool:
    """ "had nothing to do with": a speaker disowning what it is said to have done."""
    lowered = [t.lower_ for t in tokens]
    return any(lowered[i:i + 4] == ["nothing", "to", "do", "with"] for i in range(len(lowered)))


def _aside(token, speaker) -> bool:
    """Whether a token belongs to an aside about the speaker (", a charity that runs clinics,")."""
    node = token
    # spaCy makes a new Token object on every access: tokens are compared by index, never by identity
    while node.i != speaker.i and node.head.i != node.i:
        if node.dep_ in ("appos", "relcl", "acl") and (node.head.i == speaker.i or (
                node.dep_ == "relcl" and node.left_edge.i > 0 and token.doc[node.left_edge.i - 1].text == ",")):
            return True  # (", who asked not to be named," said of any noun of the speaker's words is an aside)
        if node.head.i == speaker.i and node.dep_ == "punct" and not _glued(node):
            return True  # (the hyphen of "Al-Aqsa Martyrs Hospital" is part of the name)
        node = node.head
    return False


def _glued(token) -> bool:
    """Whether a token is written with no space on either side ("-" in "Al-Aqsa")."""
    return token.i > 0 and not token.doc[token.i - 1].whitespace_ and not token.whitespace_


def _can_speak(noun, words) -> bool:
    """A person, an organisation, a pronoun, or a noun that names one (a doctor, a ministry)."""
    return (noun.pos_ in ("PROPN", "PRON") or noun.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
            or noun.lemma_.lower() in words.speaker_nouns or noun.lower_ in words.speaker_nouns)


def _says(noun, verb) -> bool:
    """Whether a common noun speaks because it is the subject of a verb that reports speech.

    "A volunteer told Reuters that ...", "the nurse said ...": the reporting verb's subject speaks
    whatever the noun, so the vocabulary's speaker nouns need not list every occupation. Only a
    verb that carries what was said (a clause, or "told" with its hearer) counts.
    """
    if noun.dep_ != "nsubj" or noun.pos_ != "NOUN" or verb.lemma_.lower() == "according":
        return False
    if verb.lemma_.lower() in vocabulary().blame_verbs and any(c.dep_ == "dobj" for c in verb.children):
        return True  # "the opposition blamed the army for the attack": whoever blames someone speaks
    return any(c.dep_ in ("ccomp", "dobj") and (c.dep_ == "ccomp" or verb.lemma_.lower() == "tell")
               for c in verb.children) or any(c.dep_ == "ccomp" for c in verb.head.children
                                               if verb.dep_ == "parataxis")


_NAME_GLUE = {"of", "for", "the", "in", "and", "is", "being", "on", "al", "-", "&"}


def _named_before(doc, first):
    """The name that an appositive describes: "NAME, an activist group in Raqqa, said".

    Returns the name's first token when the speaker's words (``first`` on) are a described noun ("a/an/the
    ... group") set off by a comma after a run of capitalised words that opens the sentence or a clause;
    else None.
    """
    if first.lower_ not in ("a", "an") or first.i < 2 or doc[first.i - 1].text != ",":
        return None
    start = first.i - 1
    while start > 0 and doc[start - 1].text not in (",", ";", ":", '"', "\u201c", "(") and first.i - start < 12:
        start -= 1
    chunk = doc[start:first.i - 1]
    words = [t for t in chunk if t.is_alpha]
    if not words or not words[0].is_title or (start > 0 and doc[start - 1].text not in (";", ":")):
        return None
    if not all(t.is_title or t.lower_ in _NAME_GLUE for t in words) or sum(t.is_title for t in words) < 2:
        return None
    return chunk[0]


def _named(tokens) -> bool:
    """Whether words name someone: a proper noun that is not a mere "London-based"."""
    for t in tokens:
        if t.pos_ != "PROPN":
            continue
        nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
        after = t.nbor(2) if t.i + 2 < len(t.doc) else None
        if nxt is not None and nxt.text == "-" and after is not None and after.lemma_ in ("base", "run", "own", "link",
                                                                                          "back", "affiliate"):
            continue
        return True
    return False


def _subject(verb):
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    # "The Council and activist groups charged": two subjects; the one that can speak heads them
    speaking = [c for c in subjects if _can_speak(c, vocabulary())]
    subject = (speaking or subjects or [None])[0]
    if subject is None and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        # "the group said ... and added": the second verb shares the first one's subject; so does any verb
        # joined by "and" ("the governor visited the village and put the toll at 40")
        head = verb.head
        shared = next((c for c in head.children if c.dep_ == "nsubj"), None)
        joined = verb.dep_ == "conj" and verb.doc[verb.i - 1].lower_ in ("and", "then") and shared is not None \
            and _can_speak(shared, vocabulary())  # (", NAME, the governor, said" is an apposition, read below)
        if head.lemma_.lower() in vocabulary().reporting_verbs or joined:
            subject = shared
        said = head.head
        if verb.dep_ == "conj" and head.dep_ == "ccomp" and said.i != head.i and \
                verb.lemma_.lower() in vocabulary().reporting_verbs and said.lemma_.lower() in vocabulary().reporting_verbs:
            # "the ministry said its forces had struck a depot and denied hitting homes": parsed with "denied"
            # joined to the deed, but it is the speaker who denies (a deed's doer does not report it)
            subject = _subject(said)
    if subject is None:
        # "Airwars estimated that ...", parsed with the name as a modifier of the verb: a proper noun
        # right before a reporting verb that has no subject is that subject
        before = [c for c in verb.children if c.i == verb.i - 1 and c.pos_ == "PROPN"
                  and c.dep_ in ("npadvmod", "nmod", "compound", "advmod") and c.left_edge.i == 0
                  and c.lower_ not in TIME_WORDS]
        subject = before[0] if before else None
    if subject is None and verb.i > 1:
        # "... killed 50 people, a health official and a witness said", parsed with the speakers as an
        # apposition of the victims: the noun phrase between a comma and the subjectless verb speaks
        noun = verb.doc[verb.i - 1]
        while noun.dep_ == "conj" and noun.head.i < noun.i and _can_speak(noun.head, vocabulary()):
            noun = noun.head  # "a health official and a witness said"; not "killed 37 farmers ..., police said"
        if noun.pos_ in ("NOUN", "PROPN") and _can_speak(noun, vocabulary()) and noun.left_edge.i > 0 \
                and verb.doc[noun.left_edge.i - 1].text == "," and noun.dep_ in ("appos", "conj", "dobj", "npadvmod"):
            subject = noun
    return subject


def _owner(noun, words):
    """ "the ministry's toll", "the UN's tally": the body whose count a document noun is, if one that speaks."""
    if noun is None or noun.lemma_.lower() not in words.document_nouns:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    return owner if owner is not None and _can_speak(owner, words) else None


def _agent(verb):
    """ "was reported by SANA": the object of the passive's "by"."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def _author(noun, words):
    """ "a report by Syrian Tracker says": the document's author speaks."""
    if noun.lemma_.lower() not in words.document_nouns:
        return None
    for prep in noun.subtree:
        if prep.lower_ in ("by", "from") and prep.dep_ == "prep":
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "PROPN":
                return obj
    return None


PART_PREPS = frozenset({"including", "among"})


def _span(speaker, verb):
    """The speaker's words: its subtree, without what reaches into the verb or trails off."""
    # (", which said 40 more were wounded": what the speaker says in a clause about it is no part of it)
    aside = {t.i for c in speaker.children if c.dep_ == "relcl" and c.i > speaker.i
             and c.lemma_.lower() in vocabulary().reporting_verbs
             and c.left_edge.i > 0 and speaker.doc[c.left_edge.i - 1].text == "," for t in c.subtree}
    # ("according to health officials, including 18 people in a school": the parse hangs the part of the count
    # on the speaker; it is no part of who speaks)
    aside |= {t.i for c in speaker.children if c.dep_ == "prep" and c.lower_ in PART_PREPS and c.i > speaker.i
              for t in c.subtree}
    tokens = [t for t in speaker.subtree if t.i not in aside]
    for other in speaker.head.children:  # the other subjects of the same verb ("X and Y said")
        if other.dep_ in SUBJECTS and other.i != speaker.i and other.head.i == verb.i:
            theirs = list(other.subtree)
            low, high = sorted((theirs, tokens), key=lambda ts: ts[0].i)
            between = speaker.doc[low[-1].i + 1:high[0].i]
            if [t.lower_ for t in between] in ([], ["and"], ["&"]):  # joined (or misparsed apart), not a clause beside
                tokens.extend(theirs)
    tokens.sort(key=lambda t: t.i)
    tokens = tokens[:1] + [t for a, t in zip(tokens, tokens[1:]) if t.i == a.i + 1 or t.i > a.i]
    if any(t.i == verb.i for t in tokens):
        return None
    while tokens and (tokens[-1].ent_type_ in ("DATE", "TIME") or tokens[-1].lower_ in TIME_WORDS
                      or tokens[-1].dep_ == "prep"):
        tokens.pop()  # "the Council on Sunday charged": the day is no part of the speaker
    dashes = [n for n, t in enumerate(tokens) if t.text in DASHES and _spaced(t)]  # a spaced dash, not "Houthi-run"
    if dashes:  # "SANAA, Yemen (AP) - The ministry said": the dateline is no part of the speaker
        tokens = tokens[dashes[-1] + 1:]
    tokens = [t for t in tokens if t.i < verb.i or speaker.i > verb.i]
    if any(t.lemma_.lower() in CASUALTY_LEMMAS and t.pos_ == "VERB" for t in tokens):
        # a misparse that makes the whole lede the speaker ("Strikes ... killed 21, a rights group and local
        # media said"): the speaker is what follows the last comma
        commas = [n for n, t in enumerate(tokens) if t.text == ","]
        tokens = tokens[commas[-1] + 1:] if commas else []
        if any(t.lemma_.lower() in CASUALTY_LEMMAS and t.pos_ == "VERB" for t in tokens):
            return None
    while tokens and (tokens[0].dep_ in ("punct", "cc") or tokens[0].text in TRAILING_PUNCT or tokens[0].is_space):
        tokens.pop(0)  # (and the blanked dateline before a lede's speaker)
    while tokens and (tokens[-1].is_punct or tokens[-1].text in TRAILING_PUNCT or tokens[-1].dep_ == "case"):
        tokens.pop()  # (and the "'s" of "the ministry's toll")
    if not tokens:
        return None
    last = tokens[-1]
    opened = sum(t.text == "(" for t in tokens) - sum(t.text == ")" for t in tokens)
    if opened > 0 and last.i + 1 < len(last.doc) and last.doc[last.i + 1].text == ")":
        last = last.doc[last.i + 1]  # "the Syrian Network for Human Rights (SNHR)": the bracket it opened
    return tokens[0], last


def _spaced(token) -> bool:
    """Whether a token stands between spaces (which spaCy keeps as tokens of their own where doubled)."""
    doc = token.doc
    after = bool(token.whitespace_) or (token.i + 1 < len(doc) and doc[token.i + 1].is_space)
    before = token.i == 0 or bool(doc[token.i - 1].whitespace_) or doc[token.i - 1].is_space
    return after and before


def _left_before(doc, verb):
    """The speakers written right before a reporting verb the parse left without a subject.

    "..., killing at least 40 people, a local group and witnesses said.": the parse joins the speakers
    to the counted dead and gives "said" no subject; the words between the last comma and the verb are
    the speakers (their first noun, whose subtree holds the rest).
    """
    if verb.i < 2 or doc[verb.i - 1].pos_ not in ("NOUN", "PROPN") or \
            any(not (t.is_punct or t.is_space or t.lower_ in TIME_WORDS or t.lower_ in ("on", "late", "early"))
                for t in doc[verb.i + 1:]):  # only the sentence's last word: "..., X said (on Friday)."
        return None
    comma = next((t.i for t in reversed(doc[:verb.i]) if t.text == ","), None)
    if comma is None:
        return None
    nouns = [t for t in doc[comma + 1:verb.i] if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "poss")
             # (not the nouns of a clause about the speakers: "the group that controls the area said")
             and not any(a.dep_ in ("relcl", "acl") and comma < a.i < verb.i for a in t.ancestors)]
    words = vocabulary()
    return nouns[0] if nouns and all(_can_speak(t, words) for t in nouns) else None


def _cited(verb, speaker, words):
    """The source an outlet cites or quotes for what it reports ("citing medics"), if it names one that speaks."""
    for clause in [*verb.children, *speaker.children]:
        if clause.lemma_.lower() in words.relay_verbs and clause.dep_ in ("advcl", "xcomp", "conj", "acl"):
            cited = next((c for c in clause.children if c.dep_ == "dobj"), None)
            if cited is not None and _can_speak(cited, words):
                return cited
    return None


def _relay(verb):
    """ "told Reuters", "told the Associated Press": the outlet told, if any."""
    if verb.lemma_.lower() != "tell":
        return None
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
    if obj is None:
        return None
    return " ".join(t.text for t in obj.subtree if t.dep_ != "det")
