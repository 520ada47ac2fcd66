"""Name normalisation and matching, shared by the pipeline and the scorer.

The rule is the SPEC's (section 6): lower-case, drop `@`, punctuation and a
leading "the"; two names match when equal, when one's tokens are a subset of
the other's ("Kher" ~ "Anupam Kher"), or when a handle equals the name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

_APOSTROPHES = frozenset("'’ʼ`´")
_VARIATION_SELECTORS = frozenset(range(0xFE00, 0xFE10)) | frozenset(range(0xE0100, 0xE01F0))


def normalize_name(name: str | None) -> str:
    """A name as the matcher compares it.

    Lower-cased (Unicode case folding); `@`, apostrophes and zero-width or
    variation characters dropped; other punctuation, symbols and emoji turned
    into spaces; a leading "the" dropped (unless it is the whole name).

    Example:
        >>> normalize_name("The @Twitter_Support 🐦")
        'twitter support'
        >>> normalize_name("O'Brien")
        'obrien'
    """
    if not name:
        return ""
    chars: list[str] = []
    for char in unicodedata.normalize("NFKC", name).casefold():
        category = unicodedata.category(char)
        if char == "@" or char in _APOSTROPHES or category == "Cf" or ord(char) in _VARIATION_SELECTORS:
            continue
        chars.append(" " if category[0] in "PSZC" else char)
    tokens = "".join(chars).split()
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(tokens)


def handle_key(handle: str | None) -> str:
    """A handle as names are compared: normalised, without spaces."""
    return normalize_name(handle).replace(" ", "")


def names_match(a: str | None, b: str | None, handle_a: str | None = None, handle_b: str | None = None) -> bool:
    """Whether two speaker or subject names denote the same person (SPEC section 6).

    True when, after `normalize_name`, the names are equal, or one's tokens
    are a subset of the other's ("Kher" ~ "Anupam Kher"), or a handle equals
    the other name (compared without spaces, so `@CandaceOwens` ~ "Candace
    Owens"), or both handles are given and equal.

    Example:
        >>> names_match("Kher", "Anupam Kher")
        True
        >>> names_match("Jo", "Candace Owens", handle_a="@CandaceOwens")
        True
    """
    norm_a, norm_b = normalize_name(a), normalize_name(b)
    if norm_a and norm_b:
        if norm_a == norm_b:
            return True
        tokens_a, tokens_b = set(norm_a.split()), set(norm_b.split())
        if tokens_a <= tokens_b or tokens_b <= tokens_a:
            return True
    key_a, key_b = handle_key(handle_a), handle_key(handle_b)
    if key_a and key_a in (norm_b.replace(" ", ""), key_b):
        return True
    return bool(key_b) and key_b == norm_a.replace(" ", "")


def name_tokens(name: str | None) -> frozenset[str]:
    """The set of normalised tokens of a name."""
    return frozenset(normalize_name(name).split())


def fullest_name(name: str, candidates: Iterable[str]) -> str:
    """The longest candidate whose tokens include all of `name`'s ("Kher" → "Anupam Kher")."""
    tokens = name_tokens(name)
    if not tokens:
        return name
    best = name
    for candidate in candidates:
        other = name_tokens(candidate)
        if tokens <= other and (len(other), len(candidate)) > (len(name_tokens(best)), len(best)):
            best = candidate
    return best
