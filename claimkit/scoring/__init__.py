"""SPEC section 6 scoring: gold documents and prediction dicts in, typed scores out.

Modules: `gold` (gold documents: `claimkit.corpus` re-exported), `predictions`
(prediction dicts to records), `matching` (the assignment and the match rules),
`metrics` (the score records), `score` (`score_document`, `score_corpus`).

Every function here is pure. Predictions are the SPEC's JSON objects, exactly
what `claimkit extract --format jsonl` prints (`Analysis.to_dict()`), so a
saved extract output and a live pipeline run score the same. The matching
rules, and the choices made where the SPEC is silent, are in docs/eval.md.

Example:
    >>> from claimkit.corpus import GoldClaim, GoldDocument
    >>> gold = GoldDocument(id="d1", text="...", claims=(GoldClaim(
    ...     "follower_loss", "Jo Reed", 3000, ("exact",), 60, "affected"),))
    >>> prediction = {"id": "d1", "claims": [{"kind": "follower_loss", "subject": "Reed",
    ...     "amount": 3000, "qualifier": "exact", "duration_seconds": 60,
    ...     "source_role": "affected"}], "explanations": []}
    >>> score_corpus([gold], [prediction]).claims.f1
    1.0
"""

from __future__ import annotations

from claimkit.names import names_match, normalize_name
from claimkit.scoring.gold import (
    GOLD_CAUSES,
    OTHER_CAUSE,
    GoldClaim,
    GoldDocument,
    GoldStance,
    load_gold,
    read_gold_records,
)
from claimkit.scoring.predictions import (
    PredictedClaim,
    PredictedStance,
    predicted_claims,
    predicted_official,
    predicted_stances,
)
from claimkit.scoring.matching import (
    AMOUNT_TOLERANCE_DIVISOR,
    VOICE_ROLES,
    amounts_match,
    best_matching,
    claim_agreement,
    claim_matches,
    qualifier_ok,
    speakers_match,
)
from claimkit.scoring.metrics import (
    MISSING,
    NOT_ADDRESSED,
    SPURIOUS,
    ClaimScores,
    DocumentScore,
    EvalReport,
    OfficialScores,
    ScoreError,
    StanceScores,
    describe,
)
from claimkit.scoring.score import (
    index_predictions,
    score_claims,
    score_corpus,
    score_document,
    score_official,
    score_stances,
)

__all__ = [
    "AMOUNT_TOLERANCE_DIVISOR",
    "ClaimScores",
    "DocumentScore",
    "EvalReport",
    "GOLD_CAUSES",
    "GoldClaim",
    "GoldDocument",
    "GoldStance",
    "MISSING",
    "NOT_ADDRESSED",
    "OTHER_CAUSE",
    "OfficialScores",
    "PredictedClaim",
    "PredictedStance",
    "SPURIOUS",
    "ScoreError",
    "StanceScores",
    "VOICE_ROLES",
    "amounts_match",
    "best_matching",
    "claim_agreement",
    "claim_matches",
    "describe",
    "index_predictions",
    "load_gold",
    "names_match",
    "normalize_name",
    "predicted_claims",
    "predicted_official",
    "predicted_stances",
    "qualifier_ok",
    "read_gold_records",
    "score_claims",
    "score_corpus",
    "score_document",
    "score_official",
    "score_stances",
    "speakers_match",
]
