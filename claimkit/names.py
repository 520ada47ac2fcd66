"""Name normalisation and matching, shared by the pipeline and the scorer.

The rule is the SPEC's (section 6): lower-case, drop `@`, punctuation and a
leading "the"; two names match when equal, when one's tokens are a subset of
the other's ("Kher" ~ "Anupam Kher"), or when a handle equals the name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_DROP_RE = re.compile(r"[^\w\s]")


def normalize_name(name: str | None) -> str:
    """Lower-case, without `@`, punctuation, symbols or a leading "the".

    Example:
        >>> normalize_name("The @TwitterSupport!"), normalize_name("🇺🇸MFLYNNJR🇺🇸")
        ('twittersupport', 'mflynnjr')
    """
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name).lower().replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    text = text.replace("'", "")
    text = _DROP_RE.sub(" ", text.replace("_", " "))
    text = " ".join(text.split())
    return re.sub(r"^the\s+", "", text)


def name_tokens(name: str | None) -> frozenset[str]:
    """The set of normalised tokens of a name."""
    return frozenset(normalize_name(name).split())


def names_match(a: str | None, b: str | None, handle_a: str | None = None, handle_b: str | None = None) -> bool:
    """True when two names refer to the same speaker by the SPEC's rule.

    Example:
        >>> names_match("Kher", "Anupam Kher"), names_match("Jack", "Jill")
        (True, False)
    """
    na, nb = normalize_name(a), normalize_name(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    ta, tb = set(na.split()), set(nb.split())
    if ta <= tb or tb <= ta:
        return True
    squash_a, squash_b = na.replace(" ", ""), nb.replace(" ", "")
    for handle, other in ((handle_a, squash_b), (handle_b, squash_a)):
        if handle and normalize_name(handle).replace(" ", "") == other:
            return True
    return False


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
