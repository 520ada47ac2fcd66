"""What the attribution steps share: the statement record before speaker resolution,
display names, dates, paragraphs and free regions of the text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from claimkit.lexicon.speech import NAME_PREFIXES

PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n")
# Characters kept in a display name; emoji and symbols around names are dropped.
NAME_CHARS_RE = re.compile(r"[^\w\s'’.\-&]")


@dataclass
class _Found:
    """A statement before speaker resolution: span, speaker phrase and cue."""

    start: int
    end: int
    speaker: str
    cue: str
    handle: str | None = None
    date: str | None = None
    speaker_start: int = -1
    anonymous: bool = False
    role: str | None = None


def clean_name(name: str) -> str:
    """A display name without emoji, symbols or a leading article.

    Example:
        >>> clean_name("🇺🇸MFLYNNJR🇺🇸"), clean_name("Richard 🐉 Spencer"), clean_name("A Twitter spokesperson")
        ('MFLYNNJR', 'Richard Spencer', 'Twitter spokesperson')
    """
    name = NAME_CHARS_RE.sub(" ", name)
    name = " ".join(name.split()).strip(" .'’-")
    name = re.sub(r"^(?:an?|the)\s+", "", name, flags=re.IGNORECASE)
    words = name.split()
    # "Singer Ama Osei", "Veteran actor Rohan Vyas": the title is not the name.
    while len(words) > 2 and (words[0].lower() in NAME_PREFIXES or words[0][:1].islower()) and sum(
        w[:1].isupper() for w in words[1:]
    ) >= 2:
        words = words[1:]
    return " ".join(words)


def _iso(date_text: str | None) -> str | None:
    if not date_text:
        return None
    text = re.sub(r"\s+", " ", date_text.replace(",", "").replace(".", "")).strip()
    for fmt in ("%B %d %Y", "%b %d %Y"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    if text.startswith("Sept "):
        return _iso("Sep " + text[5:])
    return None


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph between `start` and `end`."""
    spans, pos = [], start
    for match in PARAGRAPH_BREAK_RE.finditer(text, start, end):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, end))
    out = []
    for a, b in spans:
        stripped = text[a:b]
        lead = len(stripped) - len(stripped.lstrip())
        if stripped.strip():
            out.append((a + lead, a + len(stripped.rstrip())))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _free_regions(start: int, end: int, taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of [start, end) that no taken span covers."""
    regions, pos = [], start
    for a, b in sorted(taken):
        if b <= pos:
            continue
        if a >= end:
            break
        if a > pos:
            regions.append((pos, a))
        pos = b
    if pos < end:
        regions.append((pos, end))
    return regions


def _paragraph_regions(text: str, regions: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    return [p for a, b in regions for p in _paragraphs(text, a, b)]


def _overlaps(a: int, b: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a < y and x < b for x, y in spans)
