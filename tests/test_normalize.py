"""Text normalisation on ingestion: every step, and that offsets point into the normalised text."""

from __future__ import annotations

import pytest

from claimkit.ingest import make_document
from claimkit.normalize import (
    MAX_REPEAT_CHARS,
    MAX_TOKEN_CHARS,
    cap_runs,
    is_normalized,
    normalize_text,
    replace_controls,
    replace_surrogates,
)

NORMALISED = [
    # (raw, normalised)
    ("I lost 500 followers.", "I lost 500 followers."),
    ("lone \ud800 high", "lone \ufffd high"),
    ("lone \udfff low", "lone \ufffd low"),
    ("pair as two escapes \ud83d\ude00", "pair as two escapes \ufffd\ufffd"),
    ("NUL\x00inside", "NUL inside"),
    ("bell\x07 escape\x1b del\x7f c1\x85", "bell  escape  del  c1 "),
    ("line\r\nend\tkept\n\rold mac\x0bvt\x0cff", "line\r\nend\tkept\n\rold mac vt ff"),
    ("cafe\u0301 decomposed", "caf\u00e9 decomposed"),
    ("Ångström \u212b sign", "Ångström \u00c5 sign"),
    ("emoji 😀 and ü stay", "emoji 😀 and ü stay"),
]


@pytest.mark.parametrize(("raw", "expected"), NORMALISED)
def test_normalize_text(raw, expected):
    assert normalize_text(raw) == expected
    assert is_normalized(expected)
    normalize_text(raw).encode("utf-8")  # never raises


@pytest.mark.parametrize("step", [replace_surrogates, replace_controls, cap_runs])
@pytest.mark.parametrize("raw", ["a\ud800b\x00c\r\n", "x" * 5000 + " tail", "-" * 3000, "ok"])
def test_every_step_but_nfc_keeps_the_length(step, raw):
    assert len(step(raw)) == len(raw)


def test_a_very_long_token_keeps_its_first_characters_then_spaces():
    raw = "Twitter lost " + "x" * 148_000 + " followers"
    out = normalize_text(raw)
    assert len(out) == len(raw)
    assert out.startswith("Twitter lost " + "x" * MAX_TOKEN_CHARS + " ")
    assert max(len(run) for run in out.split()) == MAX_TOKEN_CHARS
    assert out.endswith(" followers")


def test_a_run_of_repeated_punctuation_is_capped():
    raw = "Twitter lost" + "-" * 3000 + "5 followers"
    out = normalize_text(raw)
    assert len(out) == len(raw)
    assert "-" * MAX_REPEAT_CHARS in out and "-" * (MAX_REPEAT_CHARS + 1) not in out
    assert out.endswith("5 followers")


def test_short_runs_and_words_are_untouched():
    raw = "Wait!!! -- he said... https://example.com/" + "a" * 200
    assert normalize_text(raw) == raw


def test_cap_runs_with_custom_caps():
    assert cap_runs("abcdef gh", max_token=3) == "abc    gh"
    assert cap_runs("a!!!!b", max_repeat=2) == "a!!  b"


def test_documents_hold_the_normalised_text_and_header_still_read():
    document = make_document(" date 2022-03-03\x00\r\nCafe\u0301 lost 5\x00 followers \ud800")
    assert document.text == " date 2022-03-03 \r\nCafé lost 5  followers \ufffd"
    assert document.published.isoformat() == "2022-03-03"
    assert document.text[document.body_start :].startswith(" \r\nCafé")


def test_analysis_offsets_index_into_the_normalised_text(analyzer):
    raw = "Cafe\u0301 Owner said: \"I lost 5,000 followers overnight.\"\x00 \ud800"
    result = analyzer.analyze(raw, published="2022-03-03")
    assert result.text == normalize_text(raw)
    assert result.claims and result.statements
    for statement in result.statements:
        assert result.text[statement.start : statement.end] == statement.text
    for claim in result.claims:
        for mention in claim.mentions:
            assert result.text[mention.start : mention.end] == mention.text
    result.to_json().encode("utf-8")


def test_a_hand_built_document_is_normalised_by_the_analyzer(analyzer):
    from claimkit.types import Document

    result = analyzer.analyze(Document(id="d", text="I lost 500 followers today \ud800\x00."))
    assert result.text == "I lost 500 followers today \ufffd ."


@pytest.mark.parametrize(
    "text",
    [
        "Jo Reed lost 5,000 followers\ufffd on Twitter.",  # a broken emoji glued to the noun
        "Jo Reed lost 5,000 followers \ufffd on Twitter.",
        "Jo Reed lost 5,000\ufffdfollowers on Twitter.",
        "Jo Reed lost 5,000 followers\ud83d on Twitter.",  # a lone surrogate, replaced on ingestion
    ],
)
def test_a_replacement_character_next_to_the_noun_keeps_the_claim(analyzer, text):
    from claimkit.testing.invariants import violations

    result = analyzer.analyze(text)
    assert [(c.subject, c.amount) for c in result.claims] == [("Jo Reed", 5000)]
    assert "\ufffd" in result.statements[0].text  # the results record the text, not what the parser saw
    assert violations(result, result.text) == []
