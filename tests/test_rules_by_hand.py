"""Rules pinned on hand-built parses: each `Doc` is built from words, heads, deps and
entities, so these tests read the rule, not the statistical model, and a model update
cannot break them."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from claimkit.attribute import reported_speakers, speakers_of
from claimkit.claims.subjects import _owner
from claimkit.claims.tokens import _governing_verb, _speech_verb_above, _subject_tokens
from claimkit.platforms import load_platforms

VOCAB = spacy.blank("en").vocab


def parse(rows: list[tuple[str, int, str, str, str]], ents: list[str] | None = None) -> Doc:
    """A `Doc` from (word, head index, dep, pos, lemma) rows; `ents` in IOB form ("B-PERSON")."""
    words = [row[0] for row in rows]
    return Doc(
        VOCAB,
        words=words,
        spaces=[not (i + 1 < len(words) and words[i + 1] in {",", ".", "'s"}) for i in range(len(words))],
        heads=[row[1] for row in rows],
        deps=[row[2] for row in rows],
        pos=[row[3] for row in rows],
        lemmas=[row[4] for row in rows],
        ents=ents or ["O"] * len(words),
    )


# "Ana Ruiz and Ben Cole said the purge hit bots."
SAID = parse(
    [
        ("Ana", 1, "compound", "PROPN", "Ana"), ("Ruiz", 5, "nsubj", "PROPN", "Ruiz"),
        ("and", 1, "cc", "CCONJ", "and"), ("Ben", 4, "compound", "PROPN", "Ben"),
        ("Cole", 1, "conj", "PROPN", "Cole"), ("said", 5, "ROOT", "VERB", "say"),
        ("the", 7, "det", "DET", "the"), ("purge", 8, "nsubj", "NOUN", "purge"),
        ("hit", 5, "ccomp", "VERB", "hit"), ("bots", 8, "dobj", "NOUN", "bot"),
        (".", 5, "punct", "PUNCT", "."),
    ],
    ["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O"],
)

# "Some users said it was a glitch."
ANONYMOUS = parse(
    [
        ("Some", 1, "det", "DET", "some"), ("users", 2, "nsubj", "NOUN", "user"),
        ("said", 2, "ROOT", "VERB", "say"), ("it", 4, "nsubj", "PRON", "it"),
        ("was", 2, "ccomp", "AUX", "be"), ("a", 6, "det", "DET", "a"),
        ("glitch", 4, "attr", "NOUN", "glitch"), (".", 2, "punct", "PUNCT", "."),
    ]
)

# "Warren and Sanders each lost 100,000."
EACH = parse(
    [
        ("Warren", 4, "nsubj", "PROPN", "Warren"), ("and", 0, "cc", "CCONJ", "and"),
        ("Sanders", 0, "conj", "PROPN", "Sanders"), ("each", 4, "advmod", "ADV", "each"),
        ("lost", 4, "ROOT", "VERB", "lose"), ("100,000", 4, "dobj", "NUM", "100,000"),
        (".", 4, "punct", "PUNCT", "."),
    ],
    ["B-PERSON", "O", "B-PERSON", "O", "O", "B-CARDINAL", "O"],
)

# "Obama's account lost 300,000."
OWNED = parse(
    [
        ("Obama", 2, "poss", "PROPN", "Obama"), ("'s", 0, "case", "PART", "'s"),
        ("account", 3, "nsubj", "NOUN", "account"), ("lost", 3, "ROOT", "VERB", "lose"),
        ("300,000", 3, "dobj", "NUM", "300,000"), (".", 3, "punct", "PUNCT", "."),
    ],
    ["B-PERSON", "O", "O", "O", "B-CARDINAL", "O"],
)

# "Same, lost 800 here."
INTERJECTION = parse(
    [
        ("Same", 2, "nsubj", "ADJ", "same"), (",", 2, "punct", "PUNCT", ","),
        ("lost", 2, "ROOT", "VERB", "lose"), ("800", 2, "dobj", "NUM", "800"),
        ("here", 2, "advmod", "ADV", "here"), (".", 2, "punct", "PUNCT", "."),
    ]
)


def test_coordinated_subject_gives_each_named_speaker():
    assert speakers_of(SAID[1]) == [("Ana Ruiz", 0, False), ("Ben Cole", 13, False)]


def test_reported_speech_sentence_gives_speakers_and_cue():
    (sentence,) = SAID.sents
    speakers, cue = reported_speakers(sentence)
    assert [name for name, _, _ in speakers] == ["Ana Ruiz", "Ben Cole"] and cue == "said"


def test_anonymous_subject_is_flagged():
    assert speakers_of(ANONYMOUS[1]) == [("Some users", 0, True)]


def test_reported_clause_finds_its_speech_verb():
    assert _speech_verb_above(SAID[8]).text == "said"  # "hit" hangs from "said"
    assert _speech_verb_above(SAID[5]) is None  # the speech verb is not inside its own clause


def test_each_spreads_one_amount_over_conjoined_subjects():
    verb, number = EACH[4], EACH[5]
    assert _governing_verb(number).text == "lost"
    assert _subject_tokens(verb).text == "Warren"


@pytest.mark.parametrize(("doc", "index", "owner"), [(OWNED, 2, "Obama"), (EACH, 0, None)])
def test_owner_of_an_owned_noun(doc, index, owner):
    found = _owner(doc[index], load_platforms(None))
    assert (found.text if found is not None else None) == owner


def test_sentence_initial_word_before_a_comma_is_no_subject():
    assert _subject_tokens(INTERJECTION[2]) is None
