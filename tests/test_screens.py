"""The substring screens in front of case-insensitive expressions (`claimkit.screens`)."""

from __future__ import annotations

import importlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimkit.screens import fold, required_literals, screen_passes


def _lexicon_patterns() -> dict[str, str]:
    """Every `*_PATTERN` string of claimkit's lexicon modules."""
    found = {}
    for name in ("causes", "claims", "evidence", "newsroom", "numbers", "platforms", "roles", "speech", "stance"):
        module = importlib.import_module(f"claimkit.lexicon.{name}")
        for attr, value in vars(module).items():
            if attr.endswith("_PATTERN") and isinstance(value, str):
                found[f"{name}.{attr}"] = value
    return found


PATTERNS = _lexicon_patterns()


def test_literals_of_a_pattern_with_alternatives_groups_and_boundaries():
    assert required_literals(r"follow|\bfans?\b|(?:fake|spam)\s+accounts") == ("accounts", "fan", "follow")
    assert required_literals(r"(?:bots?|purge)d?") == ("bot", "purge")
    assert required_literals(r"(?:ab)+c?") == ("ab",)


@pytest.mark.parametrize("pattern", [r"\d+", r"bots|\w+", r"(?:bot)?", r"[a-z]+", r"bot|", "(", r"caf\u00e9"])
def test_no_literals_when_some_match_needs_none(pattern):
    assert required_literals(pattern) is None


def test_the_follower_context_has_a_screen():
    from claimkit.lexicon.claims import FOLLOWER_CONTEXT_PATTERN

    literals = required_literals(FOLLOWER_CONTEXT_PATTERN)
    assert literals is not None and "follow" in literals


def test_screen_passes_without_literals_and_on_folded_text():
    assert screen_passes(None, "anything")
    assert screen_passes(("follow",), "FOLLOWERS")
    assert screen_passes(("subscri",), "SUBſCRIBERS")  # long s: re.IGNORECASE matches it to "s"
    assert not screen_passes(("follow",), "a quiet day")


_PIECES = ["follow", "FOLLOW", "Foll", "ow", "subscri", "SUBſCRI", "fan", "FANS", "likes", "LİKES", "lıkes", "purge",
           "bot", "BOTS", "fake", "spam", "inactive", "dormant", "locked", "accounts", "ACCOUNTS", " ", "  ", "\n",
           "-", "s", "d", "K", "k", "\u212a", "ı", "İ", "9", "é", ".", "@"]


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(sorted(PATTERNS)), st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_a_text_the_screen_stops_never_matches(name, text):
    """Every lexicon pattern: a text with none of its literals (folded) has no IGNORECASE match."""
    pattern = PATTERNS[name]
    literals = required_literals(pattern)
    if re.search(pattern, text, re.IGNORECASE):
        assert screen_passes(literals, text), (name, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join), st.integers(min_value=0, max_value=6))
def test_the_filter_context_check_equals_the_expression(text, body_start):
    from claimkit.batch.filter import RelevanceFilter

    relevance = _filter(RelevanceFilter)
    expected = bool(relevance._claim_context.search(text, body_start))
    assert relevance._has_claim_context(text, body_start) == expected
    assert relevance._has_claim_context(text, body_start, fold(text)) == expected


_FILTERS: dict = {}


def _filter(cls):
    if "filter" not in _FILTERS:
        import spacy

        _FILTERS["filter"] = cls(spacy.blank("en"))
    return _FILTERS["filter"]
