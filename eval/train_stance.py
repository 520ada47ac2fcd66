"""Train the head of the `learned` stance backend, deterministically.

Training data (the test sets of the benchmarks and corpora/test.jsonl are
never read):

- the team corpus `corpora/dev.jsonl`: each document is analysed with the
  pipeline; every (statement, cause) stance record gives an example (the
  sentence holding the cause's evidence vs. the cause's description),
  labelled with the gold stance of the matching (speaker, cause) tuple
  (names matched as the scorer does; a gold `platform` / `reporter` tuple
  matches any speaker of that role). Records with no gold tuple are
  skipped. If the file is absent, the head is trained on public data only
  and the summary says so;
- RumourEval 2019 Twitter train (= RumourEval 2017 train + dev): reply vs.
  source tweet, with the parent tweet as context, SDQC labels;
- SemEval-2016 Task 6 train: tweet vs. topic, favor -> support,
  against -> deny, none -> comment.

Model selection: a few head settings (`candidates`) are compared by 3-fold
cross-validation over the training data (folds by RumourEval thread, SemEval
tweet and team document, so related rows stay together); the best by the
mean over sources of the out-of-fold scores (team macro-F1, RumourEval
macro-F1, SemEval F_avg) is refit on all the training data and written as
`claimkit/data/stance_head.safetensors` + `stance_head.json`. The benchmark
test sets are never used for selection.

The work is done by `claimkit.stance.learned.training` (importable, so a
notebook or another runner can train a head the same way); this script
parses the options, calls `train` and prints its report.

Determinism: fixed seed, `torch.use_deterministic_algorithms(True)`, one
thread (with one thread and the encoder's equal-length batches a text's
vector does not depend on the texts batched with it), inputs in a fixed
order. Embeddings are cached in eval/cache/ by encoder + text hash.

    python eval/train_stance.py            # writes the shipped head
    python eval/train_stance.py --check    # retrains into a temp dir, compares with the shipped head
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claimkit.errors import ClaimkitError  # noqa: E402
from claimkit.stance.learned import default_head_path  # noqa: E402
from claimkit.stance.learned.training import (  # noqa: E402
    DEFAULT_SEED,
    DEFAULT_TEAM_WEIGHT,
    TrainingArgs,
    compare_heads,
    train,
)

DEFAULT_DATASETS = REPO.parent / "shared" / "datasets"
DEFAULT_CORPUS = REPO / "corpora" / "dev.jsonl"
DEFAULT_CACHE = REPO / "eval" / "cache"


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the options, train (or retrain and compare with `--check`), print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", default=str(DEFAULT_DATASETS), help="public datasets folder")
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="team training corpus (gold JSONL)")
    parser.add_argument("--out", default=None, help="head path (default: the shipped claimkit/data/stance_head.safetensors)")
    parser.add_argument("--cache", default=str(DEFAULT_CACHE), help="embedding cache folder")
    parser.add_argument("--no-cache", action="store_true", help="embed everything afresh, write no cache")
    parser.add_argument("--encoder-model", default=None, help="encoder id or path (default: packaged all-MiniLM-L6-v2)")
    parser.add_argument("--spacy-model", default=None, help="spaCy pipeline for the team corpus analysis")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--threads", type=int, default=1, help="torch threads (fixed, for determinism)")
    parser.add_argument("--team-weight", type=float, default=DEFAULT_TEAM_WEIGHT, help="weight of a team-corpus example")
    parser.add_argument("--no-select", action="store_true", help="skip the grid; train the first setting")
    parser.add_argument("--check", action="store_true", help="retrain into a temp dir and compare with --out")
    args = parser.parse_args(argv)

    shipped = Path(args.out) if args.out else default_head_path()

    def training_args(out: Path) -> TrainingArgs:
        return TrainingArgs(
            datasets=Path(args.datasets),
            corpus=Path(args.corpus),
            out=out,
            cache=None if args.no_cache else Path(args.cache),
            encoder_model=args.encoder_model,
            spacy_model=args.spacy_model,
            seed=args.seed,
            threads=args.threads,
            team_weight=args.team_weight,
            select=not args.no_select,
            root=REPO,
        )

    try:
        if args.check:
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / "stance_head.safetensors"
                train(training_args(out))
                result = compare_heads(shipped, out)
            print(json.dumps({"compared_with": str(shipped), **result}, indent=2))
            return 0 if result["identical_bytes"] or result.get("reproduced") else 1
        report = train(training_args(shipped))
    except ClaimkitError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    sys.exit(main())
