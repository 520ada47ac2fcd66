"""Scoring a document and a corpus (SPEC section 6): gold documents and prediction dicts in, `EvalReport` out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from claimkit.scoring.gold import OTHER_CAUSE, GoldClaim, GoldDocument, GoldStance
from claimkit.names import normalize_name
from claimkit.scoring.matching import (
    best_matching,
    claim_agreement,
    claim_matches,
    qualifier_ok,
    speakers_match,
)
from claimkit.scoring.metrics import (
    ClaimScores,
    DocumentScore,
    EvalReport,
    MISSING,
    OfficialScores,
    SPURIOUS,
    ScoreError,
    StanceScores,
)
from claimkit.scoring.predictions import (
    PredictedClaim,
    PredictedStance,
    predicted_claims,
    predicted_official,
    predicted_stances,
)


def score_claims(
    doc_id: str, gold: Sequence[GoldClaim], predicted: Sequence[PredictedClaim]
) -> tuple[ClaimScores, list[ScoreError]]:
    """Match claims one-to-one and count them.

    The matching has the most pairs possible (`claim_matches`); among such
    matchings, the one whose pairs agree on the most attributes
    (`claim_agreement`) is taken, so a duplicate prediction never costs a
    correct qualifier.
    """
    scores, errors = ClaimScores(), []
    # Each pair is worth more than all attribute agreements together: cardinality first.
    pair_value = 3 * min(len(gold), len(predicted)) + 1

    def weight(g: int, p: int) -> int | None:
        if not claim_matches(predicted[p], gold[g]):
            return None
        return pair_value + claim_agreement(predicted[p], gold[g])

    matching = best_matching(len(gold), len(predicted), weight)
    for g, claim in enumerate(gold):
        if g not in matching:
            scores.count(claim.kind, "fn")
            errors.append(ScoreError(doc_id, "claim", "miss", claim.to_dict(), None))
            continue
        pred = predicted[matching[g]]
        scores.count(claim.kind, "tp")
        checks = (
            ("qualifier", qualifier_ok(pred.qualifier, claim.qualifier)),
            ("duration", pred.duration_seconds == claim.duration_seconds),
            ("source_role", pred.source_role == claim.source_role),
        )
        for name, ok in checks:
            if ok:
                setattr(scores, f"{name}_correct", getattr(scores, f"{name}_correct") + 1)
            else:
                errors.append(
                    ScoreError(doc_id, "claim", f"wrong_{name}", claim.to_dict(), dict(pred.data), pred.evidence)
                )
    matched = set(matching.values())
    for p, pred in enumerate(predicted):
        if p not in matched:
            scores.count(pred.kind, "fp")
            errors.append(ScoreError(doc_id, "claim", "false_positive", None, dict(pred.data), pred.evidence))
    return scores, errors


def score_stances(
    doc_id: str, gold: Sequence[GoldStance], predicted: Sequence[PredictedStance]
) -> tuple[StanceScores, list[ScoreError]]:
    """Align stance tuples one-to-one on speaker + cause, count matches, fill the confusion matrix.

    The alignment first has the most pairs with the same stance (these are
    the true positives: as many as any one-to-one matching on speaker, cause
    and stance can have), then the most pairs, then the most pairs whose
    normalised names are equal. Aligned pairs with different stances are a
    false positive and a miss each, and feed macro-F1.
    """
    scores, errors = StanceScores(), []
    gold = [g for g in gold if g.cause != OTHER_CAUSE]
    # Tiers, each worth more than everything below it put together:
    # a pair with the same stance > any pair > a pair whose names are equal.
    pair_value = min(len(gold), len(predicted)) + 1
    agree_value = pair_value * pair_value

    def weight(g: int, p: int) -> int | None:
        pred, tuple_ = predicted[p], gold[g]
        if pred.cause != tuple_.cause or not speakers_match(pred, tuple_):
            return None
        same_name = normalize_name(pred.speaker) == normalize_name(tuple_.speaker)
        return agree_value * (pred.stance == tuple_.stance) + pair_value + same_name

    aligned = best_matching(len(gold), len(predicted), weight)
    aligned_pred = {p: g for g, p in aligned.items()}
    for g, tuple_ in enumerate(gold):
        other = predicted[aligned[g]] if g in aligned else None
        scores.note(tuple_.stance, str(other.stance) if other else MISSING)
        if other is not None and other.stance == tuple_.stance:
            scores.tp += 1
            continue
        scores.fn += 1
        note = f"predicted {other.stance} for {other.speaker}" if other else ""
        errors.append(ScoreError(doc_id, "stance", "miss", tuple_.to_dict(), None, "", note))
    for p, pred in enumerate(predicted):
        partner = gold[aligned_pred[p]] if p in aligned_pred else None
        if partner is None:
            scores.note(SPURIOUS, str(pred.stance))
        elif partner.stance == pred.stance:
            continue
        scores.fp += 1
        note = f"gold has {partner.stance} for {partner.speaker}" if partner else ""
        errors.append(ScoreError(doc_id, "stance", "false_positive", None, pred.to_dict(), pred.evidence, note))
    return scores, errors


def score_official(
    doc_id: str, gold: Mapping[str, str], prediction: Mapping[str, Any]
) -> tuple[OfficialScores, list[ScoreError]]:
    """Accuracy of the official position on every cause in gold `official`.

    A cause the prediction does not list counts as `not_addressed`; cause
    `other` is not scored.
    """
    scores, errors = OfficialScores(), []
    for cause, position in gold.items():
        if cause == OTHER_CAUSE:
            continue
        predicted, evidence = predicted_official(prediction, cause)
        scores.note(position, predicted)
        if predicted != position:
            errors.append(
                ScoreError(
                    doc_id,
                    "official",
                    "wrong_position",
                    {"cause": cause, "position": position},
                    {"cause": cause, "position": predicted},
                    evidence,
                )
            )
    return scores, errors


def score_document(gold: GoldDocument, prediction: Mapping[str, Any] | None) -> DocumentScore:
    """Score one gold document against its prediction dict (None: nothing was predicted).

    With no prediction every gold claim and tuple is a miss and every
    official position counts as `not_addressed`.
    """
    result = DocumentScore(id=gold.id, predicted=prediction is not None)
    prediction = prediction or {}
    claims, skipped = predicted_claims(prediction)
    result.claims, claim_errors = score_claims(gold.id, gold.claims, claims)
    result.claims.skipped = skipped
    result.stances, stance_errors = score_stances(gold.id, gold.stances, predicted_stances(prediction))
    result.official, official_errors = score_official(gold.id, gold.official, prediction)
    result.errors = claim_errors + stance_errors + official_errors
    return result


def index_predictions(
    predictions: Iterable[Mapping[str, Any]] | Mapping[str, Mapping[str, Any]],
) -> dict[str, Mapping[str, Any]]:
    """Prediction dicts by id (a mapping id -> prediction passes through).

    Raises:
        ValueError: a prediction has no id, or two share one.
    """
    if isinstance(predictions, Mapping):
        return {str(k): v for k, v in predictions.items()}
    indexed: dict[str, Mapping[str, Any]] = {}
    for number, prediction in enumerate(predictions, start=1):
        doc_id = prediction.get("id") if isinstance(prediction, Mapping) else None
        if doc_id is None or doc_id == "":
            raise ValueError(f"prediction {number} has no id; predictions are paired with gold by id")
        if str(doc_id) in indexed:
            raise ValueError(f"prediction id {doc_id!r} occurs twice; ids must be unique")
        indexed[str(doc_id)] = prediction
    return indexed


def score_corpus(
    gold: Sequence[GoldDocument],
    predictions: Iterable[Mapping[str, Any]] | Mapping[str, Mapping[str, Any]],
    seconds: float = 0.0,
) -> EvalReport:
    """Score predictions against a gold corpus (SPEC section 6), micro-averaged.

    Args:
        gold: The gold documents.
        predictions: Prediction dicts (the SPEC JSON of each analysis), or a
            mapping id -> prediction. They are paired with gold by `id`; a
            prediction for an id not in gold is listed in `unscored`.
        seconds: Wall time of the pipeline run, reported as is.
    """
    indexed = index_predictions(predictions)
    report = EvalReport(
        documents=len(gold), claims=ClaimScores(), stances=StanceScores(), official=OfficialScores(), seconds=seconds
    )
    ids = set()
    for doc in gold:
        ids.add(doc.id)
        score = score_document(doc, indexed.get(doc.id))
        report.per_document.append(score)
        report.claims.add(score.claims)
        report.stances.add(score.stances)
        report.official.add(score.official)
    report.unscored = [doc_id for doc_id in indexed if doc_id not in ids]
    return report
