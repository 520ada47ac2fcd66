"""Predictions as the scorer reads them: the SPEC's JSON objects (`Analysis.to_dict()`) to
claim and stance records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from claimkit.scoring.gold import OTHER_CAUSE
from claimkit.names import normalize_name
from claimkit.scoring.metrics import NOT_ADDRESSED


@dataclass(frozen=True)
class PredictedClaim:
    """A scorable predicted claim, read from a prediction dict."""

    kind: Any
    subject: str
    amount: int | float
    qualifier: Any
    duration_seconds: Any
    source_role: Any
    handle: str | None
    evidence: str
    data: Mapping[str, Any]


@dataclass(frozen=True)
class PredictedStance:
    """A predicted (speaker, role, cause, stance) tuple, read from `explanations[].stances`."""

    speaker: str
    role: Any
    cause: str
    stance: Any
    confidence: float
    handle: str | None
    evidence: str

    def to_dict(self) -> dict[str, Any]:
        """This record as a JSON-ready dict."""
        return {
            "speaker": self.speaker,
            "role": self.role,
            "cause": self.cause,
            "stance": self.stance,
            "confidence": self.confidence,
        }


def _dicts(value: Any) -> list[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _number(value: Any) -> int | float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _handles(prediction: Mapping[str, Any]) -> dict[str, str]:
    """Normalised speaker name -> handle, from the prediction's statements."""
    handles: dict[str, str] = {}
    for statement in _dicts(prediction.get("statements")):
        handle = statement.get("handle")
        if isinstance(handle, str) and handle:
            handles.setdefault(normalize_name(str(statement.get("speaker") or "")), handle)
    return handles


def _span_text(span: Any) -> str:
    return str(span.get("text") or "") if isinstance(span, Mapping) else ""


def predicted_claims(prediction: Mapping[str, Any]) -> tuple[list[PredictedClaim], int]:
    """The scorable claims of a prediction, and how many were skipped for a null amount.

    A claim whose `amount` is null (or not a number) is not scored: it is
    neither matched nor a false positive.
    """
    handles = _handles(prediction)
    found: list[PredictedClaim] = []
    skipped = 0
    for claim in _dicts(prediction.get("claims")):
        amount = _number(claim.get("amount"))
        if amount is None:
            skipped += 1
            continue
        subject = str(claim.get("subject") or "")
        mentions = [_span_text(m) for m in _dicts(claim.get("mentions"))]
        evidence = next((m for m in mentions if m), "") or str(claim.get("amount_text") or "")
        found.append(
            PredictedClaim(
                kind=claim.get("kind"),
                subject=subject,
                amount=amount,
                qualifier=claim.get("qualifier"),
                duration_seconds=claim.get("duration_seconds"),
                source_role=claim.get("source_role"),
                handle=handles.get(normalize_name(subject)),
                evidence=evidence,
                data=claim,
            )
        )
    return found, skipped


def predicted_stances(prediction: Mapping[str, Any]) -> list[PredictedStance]:
    """One predicted tuple per (speaker, cause), from `explanations[].stances`.

    Speakers are compared by `normalize_name`. Where a speaker has several
    stances on one cause, the highest `confidence` stands for the pair (the
    first on a tie, in explanation then stance order). Cause `other` and
    entries outside `stances` (such as `anonymous_stances`) are ignored.
    """
    statements = _dicts(prediction.get("statements"))
    best: dict[tuple[str, str], PredictedStance] = {}
    for explanation in _dicts(prediction.get("explanations")):
        cause = str(explanation.get("cause") or "")
        if cause == OTHER_CAUSE:
            continue
        for record in _dicts(explanation.get("stances")):
            speaker = str(record.get("speaker") or "")
            index = record.get("statement")
            handle = None
            if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(statements):
                handle = statements[index].get("handle") or None
            confidence = _number(record.get("confidence"))
            stance = PredictedStance(
                speaker=speaker,
                role=record.get("role"),
                cause=cause,
                stance=record.get("stance"),
                confidence=float(confidence) if confidence is not None else 0.0,
                handle=handle if isinstance(handle, str) else None,
                evidence=_span_text(record.get("evidence")),
            )
            key = (normalize_name(speaker), cause)
            if key not in best or stance.confidence > best[key].confidence:
                best[key] = stance
    return list(best.values())


def predicted_official(prediction: Mapping[str, Any], cause: str) -> tuple[str, str]:
    """The predicted official position on `cause` (`not_addressed` when not listed) and its evidence."""
    for explanation in _dicts(prediction.get("explanations")):
        if explanation.get("cause") == cause:
            evidence = " | ".join(
                _span_text(s.get("evidence"))
                for s in _dicts(explanation.get("stances"))
                if s.get("role") == "platform" and _span_text(s.get("evidence"))
            )
            return str(explanation.get("official_position") or NOT_ADDRESSED), evidence
    return NOT_ADDRESSED, ""
