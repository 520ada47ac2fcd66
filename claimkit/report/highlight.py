"""A document's text cut into pieces, each piece knowing which statements, claims and evidence cover it.

The report draws each piece as one `<span>`; overlapping marks (a claim
inside a statement inside a sentence) become classes and data attributes of
the same pieces, so nothing needs nested or crossing tags.

Mark ids, shared with the rest of the report (links point at them):
`d{doc}-s{n}` statement n, `d{doc}-c{n}` claim n (its mentions, and its
sentence), `d{doc}-x{e}-{n}` stance n of explanation e.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claimkit.render.views import sentence_bounds
from claimkit.types import Analysis

#: Mark kinds, most specific first (a click shows the first one present).
KINDS = ("e", "c", "t", "s")


@dataclass
class Piece:
    """A run of text with the marks covering it (`marks[kind]` = ids) and the ids anchored here."""

    text: str
    marks: dict[str, list[str]] = field(default_factory=dict)
    anchors: list[str] = field(default_factory=list)

    @property
    def classes(self) -> str:
        """CSS classes: one per kind of mark present."""
        return " ".join(f"m{kind}" for kind in KINDS if self.marks.get(kind))


def document_text(analysis: Analysis) -> tuple[str, bool]:
    """The text to show and whether it is the full input.

    Saved JSON output has no text: the statements are put back at their
    offsets (the gaps between them left blank).
    """
    if analysis.text:
        return analysis.text, True
    end = max((s.end for s in analysis.statements), default=0)
    chars = [" "] * end
    for statement in analysis.statements:
        chars[statement.start : statement.end] = statement.text
    return "".join(chars), False


def marks_of(doc: int, analysis: Analysis, text: str) -> list[tuple[int, int, str, str]]:
    """Every mark `(start, end, kind, id)` whose span is inside the text and matches it."""
    def fits(start: int, end: int, expected: str | None = None) -> bool:
        return 0 <= start < end <= len(text) and (expected is None or text[start:end] == expected)

    marks = []
    for n, statement in enumerate(analysis.statements):
        if fits(statement.start, statement.end):
            marks.append((statement.start, statement.end, "s", f"d{doc}-s{n}"))
    for n, claim in enumerate(analysis.claims):
        for k, mention in enumerate(claim.mentions):
            if fits(mention.start, mention.end, mention.text):
                marks.append((mention.start, mention.end, "c", f"d{doc}-c{n}"))
                if k == 0:
                    left, right = sentence_bounds(text, mention.start, mention.end)
                    marks.append((left, right, "t", f"d{doc}-c{n}"))
    for e, explanation in enumerate(analysis.explanations):
        for n, record in enumerate(explanation.stances):
            span = record.evidence
            if fits(span.start, span.end, span.text):
                marks.append((span.start, span.end, "e", f"d{doc}-x{e}-{n}"))
    return marks


def pieces(doc: int, analysis: Analysis) -> tuple[list[Piece], bool]:
    """The document cut at every mark boundary; the first piece of each mark (but sentences) anchors its id."""
    text, full = document_text(analysis)
    marks = marks_of(doc, analysis, text)
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    result: list[Piece] = []
    anchored: set[str] = set()
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece = Piece(text[start:end])
        for m_start, m_end, kind, mark_id in marks:
            if m_start <= start and end <= m_end:
                piece.marks.setdefault(kind, []).append(mark_id)
                anchor = mark_id if kind != "t" else None
                if anchor and anchor not in anchored:
                    anchored.add(anchor)
                    piece.anchors.append(anchor)
        result.append(piece)
    return result, full
