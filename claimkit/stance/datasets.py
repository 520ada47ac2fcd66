"""The public stance datasets as rows: reading them, their label maps and per-label F1.

Torch-free, so the benchmark scripts can score any backend (`rules` too) and
the `learned` backend's training (`claimkit.stance.learned.training`) reads
the same rows the same way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

#: The SDQC labels, in the order scores list them.
LABELS = ("support", "deny", "query", "comment")
#: SDQC prediction -> SemEval-2016 label.
TO_SEMEVAL = {"support": "favor", "deny": "against", "query": "none", "comment": "none"}
#: SemEval-2016 gold label -> SDQC training label.
FROM_SEMEVAL = {"favor": "support", "against": "deny", "none": "comment"}
#: The marker the SemEval-2016 organisers appended to every tweet.
SEMEVAL_MARKER = "#SemST"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """All JSON objects of a JSONL file."""
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def clean_semeval(text: str) -> str:
    """A SemEval-2016 tweet without the `#SemST` marker the organisers added.

    Example:
        >>> clean_semeval("Climate change is real #SemST")
        'Climate change is real'
    """
    return " ".join(text.replace(SEMEVAL_MARKER, " ").split())


def f1_scores(gold: Sequence[str], predicted: Sequence[str], labels: Iterable[str]) -> dict[str, float]:
    """Per-label F1 (0 when a label is neither predicted nor gold correctly)."""
    scores = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        scores[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return scores
