"""Alignment: each explanation with its supporters, deniers, queriers and the official position.

Platform-role statements speak as one voice, the platform (the matrix names
it "Twitter", keeping "Twitter Support" as the record's `voice`); their
stance on a cause is the official position: support → endorsed,
deny → rejected, anything else (or silence) → not_addressed; several
platform statements vote, weighted by confidence. Anonymous
voices ("one user wrote") are kept apart, in `anonymous_stances`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from claimkit.platforms import Platforms, builtin_platforms
from claimkit.types import CauseMention, Explanation, Span, StanceRecord, Statement

OFFICIAL = {"support": "endorsed", "deny": "rejected"}


def _strongest_per_speaker(records: Sequence[StanceRecord]) -> dict[str, StanceRecord]:
    best: dict[str, StanceRecord] = {}
    for record in records:
        if record.speaker not in best or record.confidence > best[record.speaker].confidence:
            best[record.speaker] = record
    return best


def official_position(records: Sequence[StanceRecord]) -> str:
    """endorsed / rejected / not_addressed from the platform's records.

    The platform's statements vote, each with its confidence: one stray
    reading of one sentence does not overturn what the platform says throughout.
    """
    weights = {"support": 0.0, "deny": 0.0}
    for record in records:
        if record.role == "platform" and record.stance in weights:
            weights[record.stance] += record.confidence
    if not any(weights.values()):
        return "not_addressed"
    return OFFICIAL["support" if weights["support"] >= weights["deny"] else "deny"]


def _names(best: Mapping[str, StanceRecord], stance: str) -> list[str]:
    return [speaker for speaker, record in best.items() if record.stance == stance]


def align(
    mentions: Sequence[CauseMention],
    stances: Mapping[str, Sequence[StanceRecord]],
    statements: Sequence[Statement],
    platform: str | None,
    platforms: Platforms | None = None,
) -> list[Explanation]:
    """One `Explanation` per cause the document raises, in the order first raised.

    Every cause of the taxonomy in use counts, a user's added ones too.

    Args:
        platforms: The `Analyzer`'s platform data, to name platform voices
            (default: the shipped data).
    """
    platforms = platforms or builtin_platforms()
    order = []
    for mention in mentions:
        if mention.cause not in order:
            order.append(mention.cause)
    explanations = []
    for cause in order:
        records = []
        anonymous = []
        for record in stances.get(cause, []):
            statement = statements[record.statement]
            if statement.anonymous:
                anonymous.append(record)
            elif record.role == "platform":
                records.append(replace(record, speaker=platforms.voice(statement.speaker, platform)))
            else:
                records.append(record)
        best = _strongest_per_speaker(records)
        explanations.append(
            Explanation(
                cause=cause,
                mentions=[Span(m.start, m.end, m.text) for m in mentions if m.cause == cause],
                stances=records,
                official_position=official_position(records),  # type: ignore[arg-type]
                supporters=_names(best, "support"),
                deniers=_names(best, "deny"),
                queriers=_names(best, "query"),
                commenters=_names(best, "comment"),
                anonymous_stances=anonymous,
            )
        )
    return explanations
