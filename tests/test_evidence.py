"""claimkit.evidence: the sentence an eval error concerns."""

from __future__ import annotations

import pytest

from claimkit.evidence import cause_words, claim_sentence, sentence_at, sentence_bounds, stance_sentence

TEXT = (
    "Pop duo Lark & Finch lost 1.2 million followers overnight. Their manager Ivo Dean blamed a glitch.\n"
    "Orla Quist saw her count fall by 3, 410, 275. The company said it had removed spam accounts."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two 1.5 million.\nThree", ["One.", "Two 1.5 million.", "Three"]),
        ("He wrote: “It is bots.” Then he left.", ["He wrote: “It is bots.”", "Then he left."]),
        ("No end here", ["No end here"]),
        ("", []),
    ],
)
def test_sentence_bounds(text, expected):
    assert [text[s:e] for s, e in sentence_bounds(text)] == expected


@pytest.mark.parametrize(
    ("subject", "amount", "expected"),
    [
        ("Lark & Finch", 1_200_000, "Pop duo Lark & Finch lost 1.2 million followers overnight."),
        ("Lark & Finch", 1_203_000, "Pop duo Lark & Finch lost 1.2 million followers overnight."),  # within 0.5 %
        ("Orla Quist", 3_410_275, "Orla Quist saw her count fall by 3, 410, 275."),  # digit groups apart
        ("Ivo Dean", 77, "Their manager Ivo Dean blamed a glitch."),  # no amount: the sentence naming the subject
        ("Nobody", 77, ""),
    ],
)
def test_claim_sentence(subject, amount, expected):
    assert claim_sentence(TEXT, subject, amount) == expected


@pytest.mark.parametrize(
    ("speaker", "role", "cause", "expected"),
    [
        ("Ivo Dean", "third_party", "technical_glitch", "Their manager Ivo Dean blamed a glitch."),
        ("Twitter", "platform", "bot_spam_purge", "The company said it had removed spam accounts."),
    ],
)
def test_stance_sentence(speaker, role, cause, expected):
    assert stance_sentence(TEXT, speaker, role, cause) == expected


def test_sentence_at_and_long_sentences_are_cut():
    assert sentence_at(TEXT, TEXT.index("glitch")) == "Their manager Ivo Dean blamed a glitch."
    assert sentence_at(TEXT, len(TEXT) + 5) == ""
    long = "A " + "very " * 200 + "long table."
    cut = sentence_at(long, 500)
    assert cut.startswith("… ") and len(cut) < 320


def test_cause_words_come_from_the_taxonomy_cues():
    assert {"glitch", "bugs", "outage"} <= cause_words("technical_glitch")
    assert "spam" in cause_words("bot_spam_purge")
    assert cause_words("no_such_cause") == frozenset()
