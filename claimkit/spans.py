"""Span creation over spaCy Docs that can never be inverted or out of bounds.

spaCy raises `IndexError [E035]` when a span would end before it starts,
e.g. `doc.char_span(68, 66)`. Every stage makes character spans through
`char_span` here: offsets are clamped to the text and an empty or inverted
range is no span (None), so a rule that computes its bounds from two
mentions that overlap gets "nothing between them" instead of a crash.

Example:
    >>> import spacy
    >>> doc = spacy.blank("en")("Jo lost 2, 84,746 followers")
    >>> char_span(doc, 8, 27).text, char_span(doc, 20, 10)
    ('2, 84,746 followers', None)
"""

from __future__ import annotations

from typing import Literal

AlignmentMode = Literal["strict", "contract", "expand"]


def clamp(start: int, end: int, length: int) -> tuple[int, int]:
    """`[start, end)` clamped into `[0, length]`, with `end >= start`.

    Example:
        >>> clamp(-3, 5, 4), clamp(6, 2, 10)
        ((0, 4), (6, 6))
    """
    start = min(max(start, 0), length)
    end = min(max(end, start), length)
    return start, end


def char_span(doc, start: int, end: int, alignment_mode: AlignmentMode = "expand"):
    """`doc.char_span(start, end, alignment_mode=...)`, or None for an empty or inverted range.

    Never raises: the offsets are clamped to the text first, and a range that
    spaCy still cannot align (a boundary inside whitespace that belongs to no
    token) is None, like any range that does not align.
    """
    start, end = clamp(start, end, len(doc.text))
    if start >= end:
        return None
    try:
        span = doc.char_span(start, end, alignment_mode=alignment_mode)
    except (IndexError, ValueError):
        return None
    return span if span is not None and span.start < span.end else None


def tokens_span(doc, start: int, end: int):
    """`doc[start:end]` with token bounds clamped to the Doc (empty when inverted)."""
    start, end = clamp(start, end, len(doc))
    return doc[start:end]
