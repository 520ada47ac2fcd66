"""Cause detection and per-statement stance (interface; detection being built).

`detect_causes` finds where statements raise each cause of the SPEC taxonomy;
`stance_inputs` turns each mention into a `StanceInput` (the sentence around
the cue, the cue offsets inside it, the cause and its description);
`classify` asks a stance backend and keeps, per statement and cause, the
strongest prediction.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimkit.lexicon.causes import DESCRIPTIONS
from claimkit.stance.base import StanceBackend, StanceInput
from claimkit.types import CauseMention, Span, StanceRecord, Statement


def detect_causes(doc, statements: Sequence[Statement]) -> list[CauseMention]:
    """Every place a statement raises a cause (stub: none yet)."""
    return []


def mention_sentence(doc, mention: CauseMention):
    """The spaCy sentence that holds a cause mention."""
    return doc.char_span(mention.start, mention.end, alignment_mode="expand")[0].sent


def stance_inputs(mentions: Sequence[CauseMention], doc) -> list[StanceInput]:
    """One `StanceInput` per mention: its sentence, with cue offsets relative to it."""
    inputs = []
    for mention in mentions:
        sent = mention_sentence(doc, mention)
        base = sent.start_char
        inputs.append(
            StanceInput(
                text=sent.text,
                target=DESCRIPTIONS[mention.cause],
                cause=mention.cause,
                cue_start=mention.start - base,
                cue_end=mention.end - base,
                span=sent,
            )
        )
    return inputs


def classify(
    mentions: Sequence[CauseMention],
    statements: Sequence[Statement],
    doc,
    backend: StanceBackend,
) -> dict[str, list[StanceRecord]]:
    """Stance per (statement, cause): cause -> records, the strongest mention per statement."""
    if not mentions:
        return {}
    predictions = backend.predict(stance_inputs(mentions, doc))
    best: dict[tuple[str, int], StanceRecord] = {}
    for mention, prediction in zip(mentions, predictions, strict=True):
        statement = statements[mention.statement]
        record = StanceRecord(
            statement=mention.statement,
            speaker=statement.speaker,
            role=statement.role,
            stance=prediction.stance,
            confidence=round(prediction.confidence, 4),
            evidence=Span(mention.start, mention.end, doc.text[mention.start : mention.end]),
            voice=statement.speaker,
            backend=backend.name,
        )
        key = (mention.cause, mention.statement)
        if key not in best or record.confidence > best[key].confidence:
            best[key] = record
    out: dict[str, list[StanceRecord]] = {}
    for (cause, _), record in sorted(best.items(), key=lambda item: item[0][1]):
        out.setdefault(cause, []).append(record)
    return out
