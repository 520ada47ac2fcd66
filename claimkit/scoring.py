"""SPEC section 6 scoring: gold documents and prediction dicts in, typed scores out.

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

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from claimkit.corpus import OTHER_CAUSE, GoldClaim, GoldDocument, GoldStance
from claimkit.evidence import claim_sentence, sentence_at, stance_sentence
from claimkit.names import names_match, normalize_name
from claimkit.types import CLAIM_KINDS, STANCES

# Amounts match when |predicted - gold| <= gold / AMOUNT_TOLERANCE_DIVISOR (0.5 %).
AMOUNT_TOLERANCE_DIVISOR = 200
# Gold roles for which any predicted speaker with the same role is the same speaker.
VOICE_ROLES: tuple[str, ...] = ("platform", "reporter")
NOT_ADDRESSED = "not_addressed"
MISSING = "missing"
SPURIOUS = "spurious"


# Names are matched by claimkit.names (normalize_name, names_match), shared with the pipeline.


# --------------------------------------------------------------------------- matching


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


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def _f1(tp: int, fp: int, fn: int) -> float:
    return _ratio(2 * tp, 2 * tp + fp + fn)


# --------------------------------------------------------------------------- predictions


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


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class ScoreError:
    """One scoring mistake, for error analysis.

    Attributes:
        document: The document id.
        task: `claim`, `stance` or `official`.
        kind: `miss` (gold not found), `false_positive` (prediction matches
            no gold), `wrong_qualifier` / `wrong_duration` /
            `wrong_source_role` (a matched claim with a wrong attribute), or
            `wrong_position` (official position).
        gold: The gold item (None for a false positive).
        predicted: The predicted item (None for a miss).
        evidence: The prediction's evidence text: a claim's first mention, a
            stance's evidence, the platform statements on a cause ("" if none).
        note: What else is known (e.g. the stance the other side gave the same speaker and cause).
        sentence: The sentence of the gold text the error concerns: around a
            predicted mention or evidence; for a miss, the sentence that
            states the gold claim or where the gold speaker raises the cause
            (`claimkit.evidence`); "" when none is found.
    """

    document: str
    task: str
    kind: str
    gold: dict[str, Any] | None
    predicted: dict[str, Any] | None
    evidence: str = ""
    note: str = ""
    sentence: str = ""

    def to_dict(self) -> dict[str, Any]:
        """This record as a JSON-ready dict."""
        return {
            "document": self.document,
            "task": self.task,
            "kind": self.kind,
            "gold": self.gold,
            "predicted": self.predicted,
            "evidence": self.evidence,
            "note": self.note,
            "sentence": self.sentence,
        }


def describe(task: str, item: Mapping[str, Any] | None) -> str:
    """A gold or predicted item in one short line, e.g. `follower_loss Jo Reed 3000 exact 60s affected`."""
    if not item:
        return "-"
    if task == "claim":
        qualifier = item.get("qualifier")
        if isinstance(qualifier, list):
            qualifier = "/".join(map(str, qualifier))
        duration = item.get("duration_seconds")
        parts = [
            item.get("kind"),
            item.get("subject"),
            item.get("amount"),
            qualifier,
            f"{duration}s" if duration is not None else "no duration",
            item.get("source_role"),
        ]
        return " ".join(str(p) for p in parts)
    if task == "stance":
        return f"{item.get('speaker')} ({item.get('role')}) {item.get('stance')} {item.get('cause')}"
    return f"{item.get('cause')}: {item.get('position')}"


def _empty_kinds() -> dict[str, dict[str, int]]:
    return {kind: {"tp": 0, "fp": 0, "fn": 0} for kind in CLAIM_KINDS}


def _tally(confusion: dict[str, dict[str, int]], gold: str, predicted: str, n: int = 1) -> None:
    """Add `n` to the confusion cell (gold, predicted)."""
    row = confusion.setdefault(gold, {})
    row[predicted] = row.get(predicted, 0) + n


@dataclass
class _Counts:
    """True positives, false positives, false negatives, and the rates they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp), 0.0 when undefined."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        """tp / (tp + fn), 0.0 when undefined."""
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return _f1(self.tp, self.fp, self.fn)


@dataclass
class ClaimScores(_Counts):
    """Claim counts; precision, recall, F1 and the attribute accuracies derive from them.

    `qualifier_correct`, `duration_correct` and `source_role_correct` count
    matched pairs (there are `tp` of them); `skipped` counts predicted claims
    not scored because their amount is null.
    """

    qualifier_correct: int = 0
    duration_correct: int = 0
    source_role_correct: int = 0
    skipped: int = 0
    per_kind: dict[str, dict[str, int]] = field(default_factory=_empty_kinds)

    @property
    def qualifier_accuracy(self) -> float:
        """Share of matched claims whose qualifier is in the gold list."""
        return _ratio(self.qualifier_correct, self.tp)

    @property
    def duration_accuracy(self) -> float:
        """Share of matched claims with the gold duration (null = null)."""
        return _ratio(self.duration_correct, self.tp)

    @property
    def source_role_accuracy(self) -> float:
        """Share of matched claims with the gold source role."""
        return _ratio(self.source_role_correct, self.tp)

    def count(self, kind: Any, outcome: str) -> None:
        """Count one matched, missed or spurious claim of a kind."""
        setattr(self, outcome, getattr(self, outcome) + 1)
        self.per_kind.setdefault(str(kind), {"tp": 0, "fp": 0, "fn": 0})[outcome] += 1

    def add(self, other: ClaimScores) -> None:
        """Add another document's counts to these."""
        for name in ("tp", "fp", "fn", "qualifier_correct", "duration_correct", "source_role_correct", "skipped"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for kind, counts in other.per_kind.items():
            mine = self.per_kind.setdefault(kind, {"tp": 0, "fp": 0, "fn": 0})
            for key, value in counts.items():
                mine[key] += value

    def to_dict(self) -> dict[str, Any]:
        """This record as a JSON-ready dict."""
        per_kind = {
            kind: {
                **counts,
                "precision": _ratio(counts["tp"], counts["tp"] + counts["fp"]),
                "recall": _ratio(counts["tp"], counts["tp"] + counts["fn"]),
                "f1": _f1(counts["tp"], counts["fp"], counts["fn"]),
            }
            for kind, counts in self.per_kind.items()
        }
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "qualifier_accuracy": self.qualifier_accuracy,
            "duration_accuracy": self.duration_accuracy,
            "source_role_accuracy": self.source_role_accuracy,
            "skipped_null_amount": self.skipped,
            "per_kind": per_kind,
        }


@dataclass
class StanceScores(_Counts):
    """Stance tuple counts and the stance confusion matrix.

    `confusion[gold][predicted]` counts aligned pairs (same speaker and
    cause); a gold tuple with no aligned prediction is counted in column
    `missing`, a predicted tuple with no aligned gold in row `spurious`.
    """

    confusion: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def aligned(self) -> int:
        """Number of (speaker, cause) pairs present in both gold and prediction."""
        return sum(n for gold, row in self.confusion.items() if gold != SPURIOUS
                   for pred, n in row.items() if pred != MISSING)

    def per_label(self) -> dict[str, dict[str, float]]:
        """Precision, recall and F1 of each stance label over the aligned pairs.

        `gold` and `predicted` count the aligned pairs carrying the label.
        """
        aligned = {
            (gold, pred): n
            for gold, row in self.confusion.items() if gold != SPURIOUS
            for pred, n in row.items() if pred != MISSING
        }
        result: dict[str, dict[str, float]] = {}
        for label in STANCES:
            tp = aligned.get((label, label), 0)
            gold = sum(n for (g, _), n in aligned.items() if g == label)
            predicted = sum(n for (_, p), n in aligned.items() if p == label)
            result[label] = {
                "precision": _ratio(tp, predicted),
                "recall": _ratio(tp, gold),
                "f1": _f1(tp, predicted - tp, gold - tp),
                "gold": gold,
                "predicted": predicted,
            }
        return result

    @property
    def macro_f1(self) -> float:
        """Mean F1 of the stance labels that occur (in gold or prediction) among the aligned pairs."""
        scores = [s["f1"] for s in self.per_label().values() if s["gold"] or s["predicted"]]
        return _ratio(sum(scores), len(scores))

    def note(self, gold: str, predicted: str) -> None:
        """Count one aligned (gold label, predicted label) pair in the confusion matrix."""
        _tally(self.confusion, gold, predicted)

    def add(self, other: StanceScores) -> None:
        """Add another document's counts to these."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        for gold, row in other.confusion.items():
            for pred, n in row.items():
                _tally(self.confusion, gold, pred, n)

    def to_dict(self) -> dict[str, Any]:
        """This record as a JSON-ready dict."""
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "macro_f1": self.macro_f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "aligned": self.aligned,
            "per_label": self.per_label(),
            "confusion": {gold: dict(row) for gold, row in self.confusion.items()},
        }


@dataclass
class OfficialScores:
    """Official-position counts over the gold `official` entries."""

    correct: int = 0
    n: int = 0
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def accuracy(self) -> float:
        """Correct official positions over gold entries."""
        return _ratio(self.correct, self.n)

    def note(self, gold: str, predicted: str) -> None:
        """Count one gold official entry and the position predicted for it."""
        self.n += 1
        self.correct += gold == predicted
        _tally(self.confusion, gold, predicted)

    def add(self, other: OfficialScores) -> None:
        """Add another document's counts to these."""
        self.correct += other.correct
        self.n += other.n
        for gold, row in other.confusion.items():
            for pred, n in row.items():
                _tally(self.confusion, gold, pred, n)

    def to_dict(self) -> dict[str, Any]:
        """This record as a JSON-ready dict."""
        return {
            "accuracy": self.accuracy,
            "n": self.n,
            "correct": self.correct,
            "confusion": {gold: dict(row) for gold, row in self.confusion.items()},
        }


@dataclass
class DocumentScore:
    """The scores of one gold document against its prediction."""

    id: str
    predicted: bool
    claims: ClaimScores = field(default_factory=ClaimScores)
    stances: StanceScores = field(default_factory=StanceScores)
    official: OfficialScores = field(default_factory=OfficialScores)
    errors: list[ScoreError] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """This record as a JSON-ready dict."""
        return {
            "id": self.id,
            "predicted": self.predicted,
            "claims": {"tp": self.claims.tp, "fp": self.claims.fp, "fn": self.claims.fn},
            "stances": {"tp": self.stances.tp, "fp": self.stances.fp, "fn": self.stances.fn},
            "official": {"correct": self.official.correct, "n": self.official.n},
        }


@dataclass
class EvalReport:
    """Corpus scores (SPEC section 6) plus the extensions for error analysis.

    `to_dict()` gives the SPEC's JSON object: `documents`, `claims`,
    `stances`, `official`, `seconds` with the SPEC's keys, plus extension
    keys (per-kind counts, per-label stance scores, confusion matrices,
    per-document counts, the documents whose analysis failed, the error list).
    `failed` lists (id, message) for each gold document whose analysis
    raised; it is scored as predicting nothing.
    """

    documents: int
    claims: ClaimScores
    stances: StanceScores
    official: OfficialScores
    seconds: float = 0.0
    per_document: list[DocumentScore] = field(default_factory=list)
    unscored: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def errors(self) -> list[ScoreError]:
        """Every miss, false positive, wrong attribute and wrong official position, document by document."""
        return [error for doc in self.per_document for error in doc.errors]

    def to_dict(self, errors: bool = True) -> dict[str, Any]:
        """This record as a JSON-ready dict."""
        data: dict[str, Any] = {
            "documents": self.documents,
            "claims": self.claims.to_dict(),
            "stances": self.stances.to_dict(),
            "official": self.official.to_dict(),
            "seconds": self.seconds,
            "predicted_documents": sum(doc.predicted for doc in self.per_document),
            "unscored_predictions": list(self.unscored),
            "failed_documents": [{"id": doc_id, "error": message} for doc_id, message in self.failed],
            "per_document": [doc.to_dict() for doc in self.per_document],
        }
        if errors:
            data["errors"] = [error.to_dict() for error in self.errors]
        return data


# --------------------------------------------------------------------------- scoring


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


def speakers_match(pred: PredictedStance, gold: GoldStance) -> bool:
    """Whether a predicted tuple's speaker is the gold tuple's speaker.

    Names match (`names_match`, with the prediction's handle), or the gold
    role is `platform` or `reporter` and the prediction has that same role.
    """
    if gold.role in VOICE_ROLES and pred.role == gold.role:
        return True
    return names_match(pred.speaker, gold.speaker, handle_a=pred.handle)


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
    errors = claim_errors + stance_errors + official_errors
    result.errors = [replace(e, sentence=error_sentence(gold, e)) for e in errors]
    return result


def _located(text: str, item: Mapping[str, Any] | None, evidence: str) -> str:
    """The sentence around a predicted item: its first mention's offsets, else where its evidence occurs."""
    for mention in _dicts((item or {}).get("mentions")):
        start = mention.get("start")
        if isinstance(start, int) and not isinstance(start, bool) and 0 <= start < len(text):
            return sentence_at(text, start)
    if evidence:
        offset = text.find(evidence)
        if offset >= 0:
            return sentence_at(text, offset)
    return ""


def error_sentence(gold: GoldDocument, error: ScoreError) -> str:
    """The gold text's sentence that an error concerns (see `ScoreError.sentence`)."""
    text = gold.text
    found = _located(text, error.predicted, error.evidence.split(" | ")[0])
    if found:
        return found
    record = error.gold or {}
    if error.task == "claim" and isinstance(record.get("amount"), int):
        return claim_sentence(text, str(record.get("subject") or ""), record["amount"])
    if error.task == "stance" and record:
        return stance_sentence(text, str(record.get("speaker")), str(record.get("role")), str(record.get("cause")))
    if error.task == "official" and record:
        platform = next((s for s in gold.stances if s.role == "platform" and s.cause == record.get("cause")), None)
        speaker = platform.speaker if platform else (gold.platform or "")
        return stance_sentence(text, speaker, "platform", str(record.get("cause")))
    return ""


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


__all__ = [
    "ClaimScores",
    "DocumentScore",
    "EvalReport",
    "OfficialScores",
    "PredictedClaim",
    "PredictedStance",
    "ScoreError",
    "StanceScores",
    "amounts_match",
    "claim_matches",
    "describe",
    "error_sentence",
    "index_predictions",
    "best_matching",
    "claim_agreement",
    "names_match",
    "normalize_name",
    "predicted_claims",
    "predicted_official",
    "predicted_stances",
    "qualifier_ok",
    "score_claims",
    "score_corpus",
    "score_document",
    "score_official",
    "score_stances",
    "speakers_match",
]
