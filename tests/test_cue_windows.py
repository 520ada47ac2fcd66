"""The cue `Matcher` run over windows (`StartIndex`) finds what it finds over the whole doc."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.tokens import Doc

from claimkit.causes import CueMatcher, StartIndex
from claimkit.ingest import read_inputs
from claimkit.taxonomy import builtin_taxonomy, load_taxonomy

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


@pytest.fixture(scope="module")
def matcher(nlp):
    return CueMatcher(builtin_taxonomy(), nlp.vocab, lambda text: [t.text for t in nlp.make_doc(text)])


def _pattern_words(matcher) -> list[str]:
    """Every word a shipped cue pattern names, by LOWER or LEMMA."""
    words = set()
    for cause in matcher.taxonomy.causes:
        for cue in cause.cues:
            for pattern in cue.patterns:
                for spec in pattern if isinstance(pattern, list) else [{"LOWER": w} for w in pattern.split()]:
                    for attr in ("LOWER", "LEMMA"):
                        value = spec.get(attr)
                        words |= {value} if isinstance(value, str) else set((value or {}).get("IN", []))
    return sorted(words)


def test_the_shipped_taxonomy_gets_an_index(matcher):
    assert matcher.starts is not None
    # Indexed by telling words, not by the articles and auxiliaries that open some patterns.
    hashes = {matcher.matcher.vocab.strings[w] for w in ("the", "is", "a", "be")}
    assert not hashes & matcher.starts.lowers.keys()


def test_windows_equal_the_whole_doc_on_the_team_corpora(nlp, matcher):
    documents = [d for d in read_inputs([str(CORPORA / "dev.jsonl"), str(CORPORA / "test.jsonl")])
                 if not isinstance(d, Exception)]
    docs = list(nlp.pipe([d.text for d in documents]))
    assert docs and sum(len(matcher.matcher(doc)) for doc in docs) > 50
    for doc in docs:
        assert matcher._match(doc) == matcher.matcher(doc)


def test_a_post_without_cue_words_has_no_window(nlp, matcher):
    assert matcher.starts.windows(nlp("Lovely weather in Leeds today, off to the match.")) == []


@given(st.data())
def test_windows_equal_the_whole_doc_on_random_word_runs(matcher, data):
    vocabulary = _pattern_words(matcher) + ["the", "of", "my", "lost", "x", ",", "."]
    words = data.draw(st.lists(st.sampled_from(vocabulary), max_size=40))
    lemmas = [data.draw(st.sampled_from([w, "be", "account", "bot", "lock"])) for w in words]
    doc = Doc(matcher.matcher.vocab, words=words, lemmas=lemmas)
    assert matcher._match(doc) == matcher.matcher(doc)


def test_an_unbounded_pattern_falls_back_to_the_whole_doc(nlp):
    taxonomy = load_taxonomy({"causes": [{
        "label": "ai_moderation", "description": "an automated moderation model removed accounts",
        "patterns": [[{"LOWER": "moderation"}, {"OP": "*"}, {"LOWER": "model"}]],
    }]})
    matcher = CueMatcher(taxonomy, nlp.vocab)
    assert matcher.starts is None
    doc = nlp("The moderation system and its new model removed accounts.")
    found = [doc[s:e].text for _, s, e in matcher.doc_matches(doc)]
    assert "moderation system and its new model" in found and found == [doc[s:e].text for _, s, e in matcher.matcher(doc)]


@pytest.mark.parametrize(
    ("pattern", "indexed"),
    [
        ([{"LOWER": {"IN": ["bots", "spam"]}}], True),
        ([{"OP": "?"}, {"LEMMA": "purge"}], True),
        ([{"LOWER": {"REGEX": "^bot"}}], False),
        ([{"LOWER": "bots", "OP": "?"}], False),
        ([{"POS": "NOUN"}], False),
    ],
)
def test_which_patterns_can_be_indexed(nlp, pattern, indexed):
    assert (StartIndex.of([pattern], nlp.vocab.strings) is not None) is indexed


@pytest.mark.parametrize(
    ("words", "windows"),
    [
        # Each word opens only the window its own patterns need: "omega" starts
        # its two-token pattern, "zeta" ends a four-token one.
        (["omega", "y", "a", "b", "c", "d", "zeta"], [(0, 2), (3, 7)]),
        # A later word whose window starts earlier still merges into one window.
        (["a", "omega", "y", "b", "zeta"], [(1, 5)]),
        (["a", "b", "c"], []),
    ],
)
def test_windows_follow_each_words_own_patterns(nlp, words, windows):
    taxonomy = load_taxonomy({"causes": [{
        "label": "demo", "description": "made-up cues with different reach",
        "patterns": [[{}, {}, {}, {"LOWER": "zeta"}], [{"LOWER": "omega"}, {"LOWER": "y"}]],
    }]})
    matcher = CueMatcher(taxonomy, nlp.vocab)
    doc = Doc(nlp.vocab, words=words)
    assert matcher.starts.windows(doc) == windows
    assert matcher._match(doc) == matcher.matcher(doc)
