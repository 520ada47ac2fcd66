"""Gold loading for scoring: the gold records and loaders of `claimkit.corpus`.

`claimkit.corpus` reads and checks the gold JSONL files (the format the
corpus tools and `claimkit eval` share); the scorer takes its records from
here so the scoring package names every input it reads.
"""

from __future__ import annotations

from claimkit.corpus import (
    GOLD_CAUSES,
    OTHER_CAUSE,
    GoldClaim,
    GoldDocument,
    GoldStance,
    load_gold,
    load_gold_dataset,
    read_gold_records,
    validate_record,
)

__all__ = [
    "GOLD_CAUSES",
    "OTHER_CAUSE",
    "GoldClaim",
    "GoldDocument",
    "GoldStance",
    "load_gold",
    "load_gold_dataset",
    "read_gold_records",
    "validate_record",
]
