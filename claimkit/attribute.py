"""Attribution: split a document into statements with speaker, role and cue (stub)."""

from __future__ import annotations

from claimkit.types import REPORTER, Document, Statement


def attribute(doc, document: Document, platform: str | None) -> list[Statement]:
    text = doc.text
    start = document.body_start + (len(text[document.body_start:]) - len(text[document.body_start:].lstrip()))
    end = len(text.rstrip())
    return [Statement(REPORTER, None, "reporter", "none", text[start:end], start, end)]
