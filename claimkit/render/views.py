"""Row views shared by the terminal table and the Markdown renderer.

Each function turns an `Analysis` into plain rows of strings, so both
renderers show the same columns in the same order.
"""

from __future__ import annotations

import re

from claimkit.types import Analysis, Claim, Explanation, StanceRecord

CLAIM_HEADERS = ("#", "kind", "subject", "amount", "qualifier", "span", "platform", "said by")
MATRIX_HEADERS = ("explanation", "official position", "supporters", "deniers", "queries")
STATEMENT_HEADERS = ("#", "speaker", "role", "cue", "text")

# A sentence ends at . ! ? (then a space) or at a line break.
SENTENCE_END = re.compile(r"(?<=[.!?])([\"'”’)]*)\s+|\n")

KIND_LABELS = {
    "follower_loss": "loss",
    "follower_gain": "gain",
    "accounts_removed": "removed",
}


def format_amount(claim: Claim) -> str:
    """"80,000 (80,000)" style: the number and the text it was read from."""
    if claim.amount is None:
        if claim.amount_low is not None and claim.amount_high is not None:
            return f"{claim.amount_low:,}–{claim.amount_high:,}"
        return claim.amount_text
    number = f"{claim.amount:,}"
    return number if claim.amount_text.replace(" ", "") == number else f"{number} ({claim.amount_text})"


def format_span(claim: Claim) -> str:
    """The claim's time span: text, seconds and dates where known."""
    parts = []
    if claim.period_text:
        parts.append(claim.period_text)
    if claim.duration_seconds is not None:
        parts.append(f"{claim.duration_seconds:,} s")
    if claim.start_date or claim.end_date:
        parts.append(f"{claim.start_date or '?'} → {claim.end_date or '?'}")
    return "; ".join(parts) or "—"


def claim_rows(analysis: Analysis) -> list[tuple[str, ...]]:
    """One row per claim, numbered from 0 like the statements (and the JSON indexes)."""
    return [
        (
            str(i),
            KIND_LABELS.get(c.kind, c.kind),
            c.subject,
            format_amount(c),
            c.qualifier,
            format_span(c),
            c.platform or "—",
            f"{c.source_speaker} ({c.source_role})",
        )
        for i, c in enumerate(analysis.claims)
    ]


def _names(names: list[str]) -> str:
    return ", ".join(names) or "—"


def matrix_rows(analysis: Analysis) -> list[tuple[str, ...]]:
    """One row per explanation: official position, supporters, deniers, queriers."""
    return [
        (e.cause, e.official_position, _names(e.supporters), _names(e.deniers), _names(e.queriers))
        for e in analysis.explanations
    ]


def evidence_lines(explanation: Explanation, width: int | None = None, analysis: Analysis | None = None) -> list[str]:
    """`speaker (role) stance (confidence) on "cue": sentence` for each stance, strongest first.

    With `analysis`, the quote is the sentence of the statement that holds
    the evidence; without it, the evidence span alone. The quote is whole
    unless `width` asks to shorten it.
    """
    lines = []
    ordered = sorted(explanation.stances, key=lambda s: -s.confidence)
    for stance in ordered + explanation.anonymous_stances:
        cue = " ".join(stance.evidence.text.split())
        quote = _shorten(evidence_sentence(stance, analysis) or cue, width)
        who = stance.voice if stance.voice and stance.voice != stance.speaker else ""
        name = f"{stance.speaker} ({stance.role}{', ' + who if who else ''})"
        head = f"{name} {stance.stance} ({stance.confidence:.2f})"
        lines.append(f'{head}: "{quote}"' if quote == cue else f'{head} on "{cue}": {quote}')
    return lines


def evidence_sentence(stance: StanceRecord, analysis: Analysis | None) -> str | None:
    """The sentence of the stance's statement around its evidence span (None if unknown).

    Example: evidence "apolitical" in the statement `"Our tools are
    apolitical," a spokesperson said. They act on spam.` gives
    `"Our tools are apolitical," a spokesperson said.`
    """
    if analysis is None or not 0 <= stance.statement < len(analysis.statements):
        return None
    statement = analysis.statements[stance.statement]
    start = stance.evidence.start - statement.start
    end = stance.evidence.end - statement.start
    text = statement.text
    if not (0 <= start <= end <= len(text)) or text[start:end] != stance.evidence.text:
        return None
    left = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    right = next((m.start() + len(m.group(1) or "") for m in SENTENCE_END.finditer(text, end)), len(text))
    return " ".join(text[left:right].split()) or None


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence(s) of `text` around `text[start:end]`, whitespace collapsed.

    Example:
        >>> sentence_around("It began. Jo lost 500 followers overnight. Then more.", 13, 33)
        'Jo lost 500 followers overnight.'
    """
    left, right = sentence_bounds(text, start, end)
    return " ".join(text[left:right].split())


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the sentence(s) of `text` around `text[start:end]`."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    left = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    right = next((m.start() + len(m.group(1) or "") for m in SENTENCE_END.finditer(text, end)), len(text))
    return left, max(right, end)


def claim_sentence(analysis: Analysis, claim: Claim) -> str:
    """The full sentence of the claim's first mention (never cut).

    From the input text when the analysis has it, else from the claim's
    statement (saved JSON output carries statements, not the text).
    """
    if not claim.mentions:
        return ""
    mention = claim.mentions[0]
    if analysis.text and analysis.text[mention.start : mention.end] == mention.text:
        return sentence_around(analysis.text, mention.start, mention.end)
    candidates = list(analysis.statements)
    if claim.statement is not None and 0 <= claim.statement < len(candidates):
        candidates.insert(0, candidates[claim.statement])
    for statement in candidates:
        if statement.start <= mention.start and mention.end <= statement.end:
            return sentence_around(statement.text, mention.start - statement.start, mention.end - statement.start)
    return " ".join(mention.text.split())


def _shorten(text: str, width: int | None) -> str:
    text = " ".join(text.split())
    return text if width is None or len(text) <= width else text[: width - 1] + "…"


def statement_rows(analysis: Analysis, width: int | None = 100) -> list[tuple[str, ...]]:
    """One row per statement (numbered from 0, as claims and the JSON `statement` indexes), its text
    shortened to `width` (None: whole)."""
    rows = []
    for i, s in enumerate(analysis.statements):
        rows.append((str(i), s.speaker, s.role, s.cue, _shorten(s.text, width)))
    return rows
