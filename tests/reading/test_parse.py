"""The parse: the model's attribute rules run without spaCy's Matcher must annotate exactly as spaCy does."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from conflictmap.reading.parse import DISABLED, MODEL, TokenRules, nlp
from conflictmap.reading.text import clean_text, sentences

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

# Sentences written here to reach the rules' corners: contractions, "gonna", "there is", the rule's regular
# expressions ("nothin'", "y'all", "ain't"), doubled spaces, pronouns by their role, "but" as an adverb.
WRITTEN = [
    "They ain't gonna stop the shelling, and y'all know it.",
    "There is nothin'  left of the market , it said.",
    "Let's count the dead: I saw them, you saw them, it was over but the crying.",
    "Whether the army did it or not, none of that matters, said the doctor, who'd seen it all.",
    "The ministry has said that it will not comment; that is its right.",
]


def _annotations(docs) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, t.dep_, t.lemma_, str(t.morph)) for doc in docs for t in doc]


def test_the_token_rules_annotate_as_spacys_attribute_ruler():
    texts = list(WRITTEN)
    if SHARED.is_dir():  # the development reports, where present, as a larger sample
        for path in sorted(SHARED.glob("dev-*.txt"))[:12]:
            texts += [s.text for s in sentences(clean_text(path.read_text(encoding="utf-8")))]
    reference = spacy.load(MODEL, exclude=list(DISABLED))
    assert "attribute_ruler" in reference.pipe_names
    ours = _annotations(nlp().pipe(texts))
    theirs = _annotations(reference.pipe(texts))
    assert len(ours) == len(theirs) > 500
    assert [a for a, b in zip(ours, theirs) if a != b] == []


def test_a_rule_the_token_rules_cannot_read_is_refused():
    with pytest.raises(ValueError, match="unknown attribute"):
        TokenRules([{"patterns": [[{"SHAPE": "dd"}]], "attrs": {"POS": "NUM"}, "index": 0}])
    with pytest.raises(ValueError, match="unknown predicate"):
        TokenRules([{"patterns": [[{"LOWER": {"FUZZY": "kiled"}}]], "attrs": {"POS": "VERB"}, "index": 0}])


def test_a_later_rule_wins_and_a_rule_of_two_tokens_sets_the_token_at_its_index():
    rules = TokenRules([
        {"patterns": [[{"LOWER": "shelling"}]], "attrs": {"POS": "VERB"}, "index": 0},
        {"patterns": [[{"TAG": {"IN": ["NN", "VBG"]}, "LOWER": "shelling"}]], "attrs": {"POS": "NOUN"}, "index": 0},
        {"patterns": [[{"LOWER": "the"}, {"LOWER": {"REGEX": "^shell"}}]], "attrs": {"LEMMA": "shell"}, "index": 1},
    ])
    doc = rules(nlp().make_doc("the shelling"))
    assert (doc[1].pos_, doc[1].lemma_) == ("VERB", "shell")  # the tokenizer alone gives no tag: the second
    # rule cannot match
    doc = nlp()("the shelling stopped")
    doc = rules(doc)
    assert doc[1].pos_ == "NOUN" and doc[1].lemma_ == "shell"


def test_importing_the_reader_does_not_import_spacy():
    # the model (and spaCy with it) loads on the first parse, not when a page imports the reader
    import subprocess
    import sys

    code = "import sys, conflictmap.reading.reader; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "False"
