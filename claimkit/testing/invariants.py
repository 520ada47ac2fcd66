"""The invariants every `Analysis` keeps, whatever the input (checked by the fuzz suite and eval/fuzz.py).

What is guaranteed, checked by `violations`:

- statements lie inside the text and `text[start:end] == statement.text`;
- statements never partly overlap: two statements are disjoint, or one is
  nested inside the other (the platform's voice reported inside a post or a
  quote, "Update: Twitter Support says ...", is also a platform statement);
- every claim mention, explanation mention, stance evidence and ignored
  figure slices the text to its recorded text;
- every claim mention starts inside a statement (the claim's `statement`
  index is valid and that statement holds the first mention of the claim's
  primary source); a mention may run on past its statement's end, so only
  its start is guaranteed;
- amounts, bounds and totals are None or integers in [0, the kind's ceiling];
  durations are None or integers in [0, 100 years];
- statement indexes in stances are valid;
- the JSON round trip gives the same analysis.
"""

from __future__ import annotations

import json

from claimkit.numbers import MAX_SPAN_SECONDS, amount_ceiling
from claimkit.types import Analysis


def violations(analysis: Analysis, text: str | None = None) -> list[str]:
    """Every invariant the analysis breaks, as short messages (empty when all hold)."""
    text = analysis.text if text is None else text
    out: list[str] = []
    statements = analysis.statements
    for i, s in enumerate(statements):
        if not (0 <= s.start <= s.end <= len(text)):
            out.append(f"statement {i} [{s.start}, {s.end}) outside the text ({len(text)})")
        elif text[s.start : s.end] != s.text:
            out.append(f"statement {i} text differs from text[start:end]")
    ordered = sorted(statements, key=lambda s: (s.start, -s.end))
    for a_index, a in enumerate(ordered):
        for b in ordered[a_index + 1 :]:
            if b.start >= a.end:
                break
            if not (b.end <= a.end):
                out.append(f"statements [{a.start}, {a.end}) and [{b.start}, {b.end}) partly overlap")
    for ci, claim in enumerate(analysis.claims):
        for m in claim.mentions:
            if not (0 <= m.start <= m.end <= len(text)) or text[m.start : m.end] != m.text:
                out.append(f"claim {ci} mention [{m.start}, {m.end}) does not slice to its text")
            elif not any(s.start <= m.start < s.end for s in statements):
                out.append(f"claim {ci} mention at {m.start} starts in no statement")
        if claim.statement is not None and not (0 <= claim.statement < len(statements)):
            out.append(f"claim {ci} statement index {claim.statement} out of range")
        ceiling = amount_ceiling(claim.kind)
        for name in ("amount", "amount_low", "amount_high", "total"):
            value = getattr(claim, name)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= ceiling):
                out.append(f"claim {ci} {name} {value!r} not an integer in [0, {ceiling}]")
        seconds = claim.duration_seconds
        if seconds is not None and (not isinstance(seconds, int) or not 0 <= seconds <= MAX_SPAN_SECONDS):
            out.append(f"claim {ci} duration {seconds!r} not in [0, 100 years]")
    spans = [("explanation mention", m) for e in analysis.explanations for m in e.mentions]
    spans += [("stance evidence", s.evidence) for e in analysis.explanations for s in (*e.stances, *e.anonymous_stances)]
    spans += [("ignored figure", i) for i in analysis.ignored]
    for what, m in spans:
        if not (0 <= m.start <= m.end <= len(text)) or text[m.start : m.end] != m.text:
            out.append(f"{what} [{m.start}, {m.end}) does not slice to its text")
    for e in analysis.explanations:
        for s in (*e.stances, *e.anonymous_stances):
            if not 0 <= s.statement < len(statements):
                out.append(f"stance statement index {s.statement} out of range")
    try:
        if Analysis.from_dict(json.loads(analysis.to_json())) != analysis:
            out.append("JSON round trip differs")
    except Exception as err:  # noqa: BLE001 - reported as a violation
        out.append(f"JSON round trip failed: {type(err).__name__}: {err}")
    return out
