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

import threading
from bisect import bisect_left, bisect_right
from typing import Literal

from spacy.tokens import Span

AlignmentMode = Literal["strict", "contract", "expand"]

# The last Doc's text and token offsets, per thread: `doc.text` joins every
# token and spaCy's `char_span` scans the tokens, so calling either once per
# number made long documents quadratic.
_cache = threading.local()


def _cached(doc) -> tuple[str, list[int], list[int]]:
    entry = getattr(_cache, "entry", None)
    if entry is None or entry[0] is not doc or entry[1] != len(doc):
        starts = [t.idx for t in doc]
        ends = [t.idx + len(t) for t in doc]
        entry = (doc, len(doc), doc.text, starts, ends)
        _cache.entry = entry
    return entry[2], entry[3], entry[4]


def doc_text(doc) -> str:
    """`doc.text`, computed once per Doc (spaCy joins every token on each access)."""
    return _cached(doc)[0]


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

    Never raises: the offsets are clamped to the text first, and a range
    that holds no token is None. Tokens are found by binary search over the
    token offsets (spaCy's own `char_span` scans the tokens), so a call costs
    O(log n) once the Doc's offsets are cached.
    """
    text, starts, ends = _cached(doc)
    start, end = clamp(start, end, len(text))
    if start >= end:
        return None
    if alignment_mode == "expand":  # first token ending after start .. last token starting before end
        first, last = bisect_right(ends, start), bisect_left(starts, end)
    elif alignment_mode == "contract":  # first token starting at or after start .. last ending by end
        first, last = bisect_left(starts, start), bisect_right(ends, end)
    else:
        first, last = bisect_left(starts, start), bisect_right(ends, end)
        if first >= len(starts) or starts[first] != start or last == 0 or ends[last - 1] != end:
            return None
    return doc[first:last] if first < last else None


def tokens_span(doc, start: int, end: int):
    """`doc[start:end]` with token bounds clamped to the Doc (empty when inverted)."""
    start, end = clamp(start, end, len(doc))
    return doc[start:end]


def entity_at(token):
    """The named-entity span holding `token`, or None; same as searching `doc.ents`, in O(entity length).

    `doc.ents` builds every entity of the Doc on each access, so looking one
    up per token made long documents quadratic.
    """
    if token.ent_iob_ not in {"B", "I"}:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[start].ent_type_)


def entities_in(doc, start: int, end: int) -> list:
    """The named-entity spans that lie wholly inside tokens `[start, end)`, in order."""
    found = []
    start, end = clamp(start, end, len(doc))
    for i in range(start, end):
        token = doc[i]
        if token.ent_iob_ == "B":
            entity = entity_at(token)
            if entity is not None and entity.end <= end:
                found.append(entity)
    return found
