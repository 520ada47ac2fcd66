"""Evidence sentences for error analysis: where in a gold text an error can be read.

`claimkit eval --errors` shows every miss and false positive with the
sentence it concerns. A false positive or a wrong attribute has a predicted
mention, so its sentence is the one around the mention; a miss has only the
gold record, so its sentence is searched for: the sentence that states the
gold amount (and names the subject, where several do), or the sentence where
the gold speaker raises the cause. Pure functions over plain text (no spaCy),
so scoring saved predictions needs no model.

Example:
    >>> text = "Nia Park lost 4,000 followers. Twitter said it removed bots."
    >>> claim_sentence(text, "Nia Park", 4000)
    'Nia Park lost 4,000 followers.'
    >>> sentence_at(text, 35)
    'Twitter said it removed bots.'
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimkit.lexicon.evidence import PLATFORM_VOICE
from claimkit.taxonomy import builtin_taxonomy
from claimkit.names import name_tokens
from claimkit.numbers import find_amounts

#: A sentence ends at ., ! or ? followed by space (not inside "1.7" or "U.S."), or at a line break.
_BOUNDARY_RE = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"'”’)\]]))\s+(?=[\"'“‘(\[]?[A-Z0-9@#-])|\n+")
#: Longest evidence shown; longer sentences (tables run together) are cut around the point.
MAX_SENTENCE = 300


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of a text, in order, without surrounding space.

    Example:
        >>> sentence_bounds("One. Two 1.5 million.\\nThree")
        [(0, 4), (5, 21), (22, 27)]
    """
    bounds, start = [], 0
    for match in _BOUNDARY_RE.finditer(text):
        if text[start : match.start()].strip():
            bounds.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        bounds.append((start, len(text.rstrip())))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in bounds]


def _clip(text: str, start: int, end: int, focus: int) -> str:
    """text[start:end] with spaces collapsed, cut to MAX_SENTENCE characters around `focus`."""
    if end - start > MAX_SENTENCE:
        low = max(start, min(focus - MAX_SENTENCE // 2, end - MAX_SENTENCE))
        start, end = low, low + MAX_SENTENCE
        return "… " + " ".join(text[start:end].split()) + " …"
    return " ".join(text[start:end].split())


def sentence_at(text: str, offset: int) -> str:
    """The sentence holding a character offset ("" when the offset is outside the text)."""
    if not 0 <= offset < len(text):
        return ""
    for start, end in sentence_bounds(text):
        if start <= offset < end or offset < start:
            return _clip(text, start, end, offset)
    return ""


def _mentions_name(sentence: str, name: str) -> bool:
    words = set(re.findall(r"[\w$@']+", sentence.lower().replace("@", "")))
    tokens = name_tokens(name)
    return bool(tokens) and any(t in words for t in tokens)


def claim_sentence(text: str, subject: str, amount: int) -> str:
    """The sentence that states a gold claim: its amount (within 0.5 %), the subject's name preferred.

    Falls back to a sentence naming the subject, then "".
    """
    bounds = sentence_bounds(text)
    stating: list[tuple[int, int, int]] = []
    for start, end in bounds:
        for found in find_amounts(text[start:end]):
            if abs(found.value - amount) * 200 <= abs(amount):
                stating.append((start, end, start + found.start))
                break
    if not stating:
        # Digit groups the number reader does not join ("3, 538, 228"): compare the digits alone.
        digits = str(amount)
        for start, end in bounds:
            if digits in re.sub(r"[^\d]", "", text[start:end]):
                stating.append((start, end, start))
    named = [s for s in stating if _mentions_name(text[s[0] : s[1]], subject)]
    best = (named or stating or [None])[0]
    if best is None:
        best = next(((s, e, s) for s, e in bounds if _mentions_name(text[s:e], subject)), None)
    return _clip(text, *best) if best else ""


@lru_cache(maxsize=None)
def cause_words(cause: str) -> frozenset[str]:
    """Plain words of a cause's cue phrases in the built-in taxonomy ("bots", "spam", "glitch", ...), lower case."""
    taxonomy = builtin_taxonomy()
    if cause not in taxonomy:
        return frozenset()
    words: set[str] = set()
    for cue in taxonomy.cause(cause).cues:
        for pattern in cue.patterns:
            found = pattern.split() if isinstance(pattern, str) else _matcher_words(pattern)
            words.update(w for w in found if len(w) >= 4 and w.isalpha())
    return frozenset(words)


def _matcher_words(pattern) -> list[str]:
    """The words a spaCy Matcher token pattern names (its LOWER / LEMMA / ORTH values)."""
    words: list[str] = []
    for token in pattern:
        for key in ("LOWER", "LEMMA", "ORTH", "TEXT"):
            value = token.get(key) if isinstance(token, dict) else None
            if isinstance(value, str):
                words.append(value.lower())
            elif isinstance(value, dict):
                words.extend(str(v).lower() for v in value.get("IN", ()) if isinstance(v, str))
    return words


def stance_sentence(text: str, speaker: str, role: str, cause: str) -> str:
    """The sentence where a gold speaker takes a position on a cause.

    Prefers a sentence naming the speaker (a platform speaker: any platform
    voice word) that uses a word of the cause; then one using a cause word;
    then one naming the speaker.
    """
    words = cause_words(cause)
    scored = []
    for start, end in sentence_bounds(text):
        sentence = text[start:end]
        lower = set(re.findall(r"[\w'-]+", sentence.lower()))
        names = _mentions_name(sentence, speaker) or (
            role == "platform" and any(w in lower for w in PLATFORM_VOICE)
        ) or (role == "reporter")
        cues = any(w in lower for w in words)
        if names or cues:
            scored.append((2 * cues + names, -start, start, end))
    if not scored:
        return ""
    _, _, start, end = max(scored)
    return _clip(text, start, end, start)


__all__ = ["cause_words", "claim_sentence", "sentence_at", "sentence_bounds", "stance_sentence"]
