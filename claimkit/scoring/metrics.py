"""The scores: counts, precision / recall / F1, confusions and the errors behind them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from claimkit.types import CLAIM_KINDS, STANCES

NOT_ADDRESSED = "not_addressed"
MISSING = "missing"
SPURIOUS = "spurious"


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def _f1(tp: int, fp: int, fn: int) -> float:
    return _ratio(2 * tp, 2 * tp + fp + fn)


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
    """

    document: str
    task: str
    kind: str
    gold: dict[str, Any] | None
    predicted: dict[str, Any] | None
    evidence: str = ""
    note: str = ""

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
    per-document counts, the error list).
    """

    documents: int
    claims: ClaimScores
    stances: StanceScores
    official: OfficialScores
    seconds: float = 0.0
    per_document: list[DocumentScore] = field(default_factory=list)
    unscored: list[str] = field(default_factory=list)

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
            "per_document": [doc.to_dict() for doc in self.per_document],
        }
        if errors:
            data["errors"] = [error.to_dict() for error in self.errors]
        return data
