"""The narrative voice: the reporter's (or the document author's) statements for the rest of the text."""

from __future__ import annotations

from collections.abc import Sequence

from claimkit.attribute.common import PARAGRAPH_BREAK_RE, _trim
from claimkit.attribute.resolve import _role_for
from claimkit.platforms import Platforms, builtin_platforms
from claimkit.types import Document, REPORTER, Statement


def _narrative_statements(
    text: str, spans: Sequence[tuple[int, int]], document: Document, platforms: Platforms | None = None
) -> list[Statement]:
    """The reporter's (or author's) statements: runs of narrative within one paragraph."""
    speaker = document.author or REPORTER
    role = "reporter" if speaker == REPORTER else _role_for(speaker, None, platforms or builtin_platforms())
    cue = "none" if speaker == REPORTER else "wrote"
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        start, end = _trim(text, start, end)
        if start >= end:
            continue
        if merged and not PARAGRAPH_BREAK_RE.search(text, merged[-1][1], start) and text[merged[-1][1] : start].strip() == "":
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return [
        Statement(speaker, None, role, cue, text[a:b], a, b, None)  # type: ignore[arg-type]
        for a, b in merged
    ]
