"""Matching predictions to gold: the one-to-one assignment, and when a claim or a speaker matches."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from claimkit.scoring.gold import GoldClaim, GoldStance
from claimkit.names import names_match
from claimkit.scoring.predictions import PredictedClaim, PredictedStance

# Amounts match when |predicted - gold| <= gold / AMOUNT_TOLERANCE_DIVISOR (0.5 %).
AMOUNT_TOLERANCE_DIVISOR = 200
# Gold roles for which any predicted speaker with the same role is the same speaker.
VOICE_ROLES: tuple[str, ...] = ("platform", "reporter")


def best_matching(n_gold: int, n_pred: int, weight: Callable[[int, int], int | None]) -> dict[int, int]:
    """A one-to-one matching of gold items to predictions of maximum total weight.

    The Hungarian algorithm (shortest augmenting paths), so a prediction
    that could match two gold items never blocks another match: give every
    allowed pair a weight large enough and the result is a maximum matching.

    Args:
        n_gold: Number of gold items.
        n_pred: Number of predictions.
        weight: For a (gold, prediction) pair, None when they may not match,
            else a positive integer; the matching maximises the sum.

    Returns:
        gold index -> prediction index for every matched gold item.

    Example:
        >>> # gold 0 may take prediction 0 or 1, gold 1 only prediction 0
        >>> best_matching(2, 2, lambda g, p: 1 if (g, p) != (1, 1) else None)
        {0: 1, 1: 0}
    """
    weights = [[weight(g, p) for p in range(n_pred)] for g in range(n_gold)]
    if not any(w is not None for row in weights for w in row):
        return {}
    allowed = weights
    transposed = n_gold > n_pred
    if transposed:
        weights = [list(column) for column in zip(*weights, strict=True)]
    # Minimum-cost assignment of every row (rows <= columns); forbidden pairs cost 0
    # and are dropped afterwards, so the optimum is a maximum-weight matching.
    cost = [[-(w or 0) for w in row] for row in weights]
    rows, cols = len(cost), len(cost[0])
    row_pot, col_pot = [0] * (rows + 1), [0] * (cols + 1)
    owner, way = [0] * (cols + 1), [0] * (cols + 1)  # column -> row (1-based), path
    for row in range(1, rows + 1):
        owner[0], col = row, 0
        slack = [float("inf")] * (cols + 1)
        used = [False] * (cols + 1)
        while owner[col]:
            used[col] = True
            current, delta, next_col = owner[col], float("inf"), 0
            for j in range(1, cols + 1):
                if not used[j]:
                    reduced = cost[current - 1][j - 1] - row_pot[current] - col_pot[j]
                    if reduced < slack[j]:
                        slack[j], way[j] = reduced, col
                    if slack[j] < delta:
                        delta, next_col = slack[j], j
            for j in range(cols + 1):
                if used[j]:
                    row_pot[owner[j]] += delta
                    col_pot[j] -= delta
                else:
                    slack[j] -= delta
            col = next_col
        while col:
            previous = way[col]
            owner[col] = owner[previous]
            col = previous
    pairs = {owner[j] - 1: j - 1 for j in range(1, cols + 1) if owner[j]}
    if transposed:
        pairs = {g: p for p, g in pairs.items()}
    return {g: pairs[g] for g in sorted(pairs) if allowed[g][pairs[g]] is not None}


def amounts_match(predicted: float, gold: int) -> bool:
    """Whether a predicted amount is within 0.5 % of the gold amount (inclusive).

    Example:
        >>> amounts_match(1005, 1000), amounts_match(1006, 1000)
        (True, False)
    """
    return abs(predicted - gold) * AMOUNT_TOLERANCE_DIVISOR <= abs(gold)


def qualifier_ok(predicted: Any, gold: Sequence[str]) -> bool:
    """The predicted qualifier is right when it is one of the gold list."""
    if isinstance(predicted, list):
        return bool(predicted) and all(q in gold for q in predicted)
    return predicted in gold


def claim_matches(pred: PredictedClaim, gold: GoldClaim) -> bool:
    """SPEC section 6: same kind, subject names match, amounts within 0.5 %."""
    return (
        pred.kind == gold.kind
        and names_match(pred.subject, gold.subject, handle_a=pred.handle)
        and amounts_match(pred.amount, gold.amount)
    )


def claim_agreement(pred: PredictedClaim, gold: GoldClaim) -> int:
    """How many of qualifier, duration and source_role a matched prediction gets right (0-3)."""
    return (
        qualifier_ok(pred.qualifier, gold.qualifier)
        + (pred.duration_seconds == gold.duration_seconds)
        + (pred.source_role == gold.source_role)
    )


def speakers_match(pred: PredictedStance, gold: GoldStance) -> bool:
    """Whether a predicted tuple's speaker is the gold tuple's speaker.

    Names match (`names_match`, with the prediction's handle), or the gold
    role is `platform` or `reporter` and the prediction has that same role.
    """
    if gold.role in VOICE_ROLES and pred.role == gold.role:
        return True
    return names_match(pred.speaker, gold.speaker, handle_a=pred.handle)
