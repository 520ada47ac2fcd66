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

Determinism: fixed seed, `torch.use_deterministic_algorithms(True)`, one
thread (with one thread and the encoder's equal-length batches a text's
vector does not depend on the texts batched with it), inputs in a fixed
order. Embeddings are cached in eval/cache/ by encoder + text hash.

    python eval/train_stance.py            # writes the shipped head
    python eval/train_stance.py --check    # retrains into a temp dir, compares with the shipped head
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform as platform_module
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmarks import (  # noqa: E402
    DEFAULT_DATASETS,
    FROM_SEMEVAL,
    LABELS,
    clean_semeval,
    f1_scores,
    read_jsonl,
)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO / "corpora" / "dev.jsonl"
DEFAULT_CACHE = REPO / "eval" / "cache"
DEFAULT_SEED = 13
DEFAULT_TEAM_WEIGHT = 5.0
FOLDS = 3  # cross-validation folds for model selection, by a hash of each example's group
SOURCES = ("team", "rumoureval2019", "semeval2016")


@dataclass(frozen=True)
class Example:
    """One training pair. `group` keeps related rows on one side of the held-out split."""

    text: str
    target: str
    label: str
    source: str
    group: str
    context: str | None = None
    speaker_role: str | None = None
    cue_flags: str = ""


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- public data ----------------------------------------------------------------


def rumoureval_examples(path: Path) -> list[Example]:
    """RumourEval rows as examples; the thread (source tweet) is the group."""
    return [
        Example(row["text"], row["source_text"], row["label"], "rumoureval2019",
                row["source_text"], row.get("reply_to_text"))
        for row in read_jsonl(path)
    ]


def semeval_examples(path: Path) -> list[Example]:
    """SemEval-2016 rows as examples (favor/against/none -> support/deny/comment)."""
    return [
        Example(clean_semeval(row["text"]), row["target"], FROM_SEMEVAL[row["label"]],
                "semeval2016", row["id"])
        for row in read_jsonl(path)
    ]


# --- the team corpus --------------------------------------------------------------


def gold_stance(gold: Sequence[dict], cause: str, speaker: str, handle: str | None, role: str) -> str | None:
    """The gold stance of the first (speaker, cause) tuple a prediction matches, or None.

    Speakers match as the scorer matches them (`claimkit.scoring`): same
    `platform` / `reporter` role, or `names_match` with the statement's handle.
    """
    from claimkit.scoring import VOICE_ROLES, names_match

    for tuple_ in gold:
        if tuple_.get("cause") != cause:
            continue
        if tuple_.get("role") in VOICE_ROLES and role == tuple_["role"]:
            return tuple_["stance"]
        if names_match(speaker, tuple_.get("speaker"), handle_a=handle):
            return tuple_["stance"]
    return None


class _Recorder:
    """A stance backend that answers like the wrapped one and keeps every input it is asked about."""

    def __init__(self, backend) -> None:
        self.backend, self.name, self.inputs = backend, backend.name, []

    def predict(self, items):
        self.inputs.extend(items)
        return self.backend.predict(items)


def _statement_at(statements, position: int):
    """The innermost statement whose span holds `position`, or None."""
    holding = [s for s in statements if s.start <= position < s.end]
    return min(holding, key=lambda s: s.end - s.start) if holding else None


def team_examples(corpus: Path, spacy_model: str | None) -> tuple[list[Example], dict[str, Any]]:
    """Examples from the team's gold corpus, through the pipeline (see the module docstring).

    The pipeline runs unchanged (rules backend) and every `StanceInput` it
    sends to the backend is kept: exactly the pairs a backend sees at run
    time, one per cause mention. Each is labelled with the gold stance of
    its statement's (speaker, cause) tuple, or skipped when there is none.
    """
    if not corpus.is_file():
        return [], {"status": f"absent ({_shown(corpus)}): trained on public data only"}
    from claimkit import Analyzer
    from claimkit.config import Config
    from claimkit.ingest import make_document
    from claimkit.stance import load_backend

    class RecordingAnalyzer(Analyzer):
        @property
        def stance(self):
            if self._stance is None:
                self._stance = _Recorder(load_backend(self.config, self.nlp))
            return self._stance

    config = Config.from_options(stance_backend="rules", spacy_model=spacy_model)
    analyzer = RecordingAnalyzer(config)
    rows = read_jsonl(corpus)
    examples: list[Example] = []
    mentions = unlabelled = 0
    for number, row in enumerate(rows, start=1):
        document = make_document(
            row["text"], row["id"], published=row.get("published"), platform=row.get("platform"),
            author=row.get("author"), location=f"{corpus.name}:{number}",
        )
        analysis = analyzer.analyze(document)
        recorder = analyzer.stance
        asked, recorder.inputs = recorder.inputs, []
        for item in asked:
            mentions += 1
            start = (item.span.start_char if item.span is not None else 0) + max(item.cue_start, 0)
            statement = _statement_at(analysis.statements, start)
            label = None
            if statement is not None and not statement.anonymous:
                label = gold_stance(row.get("stances", []), item.cause, statement.speaker,
                                    statement.handle, statement.role)
            if label is None:
                unlabelled += 1
                continue
            examples.append(Example(item.text, item.target, label, "team", row["id"],
                                    speaker_role=item.speaker_role or statement.role,
                                    cue_flags=item.cue_flags))
        if number % 10 == 0 or number == len(rows):
            say(f"team corpus: {number}/{len(rows)} documents, {len(examples)} examples")
    summary = {
        "status": "used",
        "file": _shown(corpus),
        "documents": len(rows),
        "gold_stance_tuples": sum(len(row.get("stances", [])) for row in rows),
        "cause_mentions": mentions,
        "skipped_no_gold": unlabelled,
        "examples": len(examples),
        "name_matching": "claimkit.scoring (names_match, platform/reporter role rule)",
    }
    return examples, summary


def _shown(path: Path) -> str:
    """A path relative to the repository when it is inside it."""
    path = path.resolve()
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


# --- embeddings -------------------------------------------------------------------


def encoder_key(encoder) -> str:
    """Identifies the encoder's weights (config + weight files when local), for the cache."""
    digest = hashlib.sha256(f"{encoder.name}|{encoder.max_length}".encode())
    folder = Path(encoder.path)
    if folder.is_dir():
        for name in sorted(os.listdir(folder)):
            if name.endswith((".safetensors", ".bin", "config.json", "vocab.txt", "tokenizer.json")):
                digest.update(name.encode())
                digest.update(sha256_file(folder / name).encode())
    return digest.hexdigest()[:20]


def embed_all(encoder, texts: Sequence[str], cache_dir: Path | None) -> dict[str, Any]:
    """text -> vector for every text, from the cache where possible (then saved)."""
    import torch
    from safetensors.torch import load_file, save_file

    cache_file = cache_dir / "embeddings" / f"{encoder_key(encoder)}.safetensors" if cache_dir else None
    cached: dict[str, torch.Tensor] = load_file(str(cache_file)) if cache_file and cache_file.is_file() else {}
    unique = sorted(set(texts))
    missing = [t for t in unique if sha256_text(t) not in cached]
    say(f"embeddings: {len(unique)} distinct texts, {len(unique) - len(missing)} cached, {len(missing)} to embed")
    started = time.perf_counter()
    chunk = 512
    for start in range(0, len(missing), chunk):
        part = missing[start : start + chunk]
        for text, vector in zip(part, encoder.encode(part), strict=True):
            cached[sha256_text(text)] = vector.clone()
        done = min(start + chunk, len(missing))
        rate = done / max(time.perf_counter() - started, 1e-9)
        say(f"  embedded {done}/{len(missing)} ({rate:.0f} texts/s)")
    if cache_file and missing:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        save_file(cached, str(cache_file))
    return {t: cached[sha256_text(t)] for t in unique}


# --- training and selection ----------------------------------------------------------


def fold_of(example: Example) -> int:
    """The cross-validation fold of an example: a hash of its source and group
    (RumourEval thread, SemEval tweet, team document), so a thread or a
    document never straddles two folds."""
    return int(hashlib.sha256(f"{example.source}|{example.group}".encode()).hexdigest(), 16) % FOLDS


def features_for(examples: Sequence[Example], blocks: Sequence[str], vectors: dict, encoder):
    from claimkit.stance.base import StanceInput
    from claimkit.stance.learned import embed_pairs

    items = [
        StanceInput(e.text, e.target, context=e.context, speaker_role=e.speaker_role, cue_flags=e.cue_flags)
        for e in examples
    ]
    return embed_pairs(encoder, items, blocks, embeddings=vectors)


def weights_for(examples: Sequence[Example], team_weight: float):
    import torch

    return torch.tensor([team_weight if e.source == "team" else 1.0 for e in examples])


def labels_for(examples: Sequence[Example]):
    import torch

    from claimkit.stance.learned import LABELS as HEAD_LABELS

    return torch.tensor([HEAD_LABELS.index(e.label) for e in examples])


def scores_by_source(examples: Sequence[Example], predicted: Sequence[str]) -> dict[str, float]:
    """Macro-F1 over the four labels (team, RumourEval) and F_avg (SemEval), per source."""
    scores = {}
    for source in SOURCES:
        index = [i for i, e in enumerate(examples) if e.source == source]
        if not index:
            continue
        gold = [examples[i].label for i in index]
        pred = [predicted[i] for i in index]
        if source == "semeval2016":
            f1 = f1_scores(gold, pred, ("support", "deny"))
            scores[source] = round((f1["support"] + f1["deny"]) / 2, 4)
        else:
            scores[source] = round(sum(f1_scores(gold, pred, LABELS).values()) / len(LABELS), 4)
    return scores


@dataclass(frozen=True)
class Candidate:
    """A head setting that model selection compares."""

    name: str
    blocks: tuple[str, ...]
    args: Any  # HeadArgs
    team_weight: float


def candidates(seed: int, team_weight: float) -> list[Candidate]:
    """The settings cross-validation chooses from (the first is the default).

    All are one-hidden-layer MLPs (256 units, 5 epochs, AdamW); they differ
    in class weighting, input dropout, team weight and feature blocks.
    """
    from claimkit.stance.learned import DEFAULT_BLOCKS, HeadArgs

    base = HeadArgs(seed=seed)  # dropout 0.3 (input and hidden), sqrt class weights
    return [
        Candidate("mlp256", DEFAULT_BLOCKS, base, team_weight),
        Candidate("mlp256-no-input-dropout", DEFAULT_BLOCKS, replace(base, input_dropout=0.0), team_weight),
        Candidate("mlp256-balanced", DEFAULT_BLOCKS, replace(base, class_weight="balanced"), team_weight),
        Candidate("mlp256-team2x", DEFAULT_BLOCKS, base, 2 * team_weight),
        Candidate("mlp256-context", (*DEFAULT_BLOCKS, "u*c", "has_context"), base, team_weight),
        Candidate("mlp256-role-cue", (*DEFAULT_BLOCKS, "role", "cue"), base, team_weight),
        Candidate("mlp256-cos-deny-cue", (*DEFAULT_BLOCKS, "cos", "deny_cue"), replace(base, input_dropout=0.1), team_weight),
    ]


def cross_validate(candidate: Candidate, examples: Sequence[Example], vectors: dict, encoder) -> dict[str, float]:
    """Out-of-fold scores per source: each fold predicted by a head trained on the others."""
    import torch

    from claimkit.stance.learned import train_head

    features = features_for(examples, candidate.blocks, vectors, encoder)
    labels = labels_for(examples)
    weights = weights_for(examples, candidate.team_weight)
    folds = torch.tensor([fold_of(e) for e in examples])
    predicted = [""] * len(examples)
    for fold in range(FOLDS):
        train_rows = (folds != fold).nonzero().flatten()
        test_rows = (folds == fold).nonzero().flatten()
        head = train_head(features[train_rows], labels[train_rows], weights[train_rows], candidate.args)
        with torch.inference_mode():
            best = head(features[test_rows]).argmax(dim=1).tolist()
        for row, label in zip(test_rows.tolist(), best, strict=True):
            predicted[row] = LABELS[label]
    return scores_by_source(examples, predicted)


def train(args: argparse.Namespace) -> dict[str, Any]:
    """Build the data, select a setting, refit on everything, write the head. Returns the summary."""
    import torch

    from claimkit.stance.encoder import DEFAULT_ENCODER_NAME, DEFAULT_ENCODER_PACKAGE, SentenceEncoder
    from claimkit.stance.learned import BLOCK_DESCRIPTIONS, head_args_dict, save_head, train_head

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    torch.use_deterministic_algorithms(True)
    started = time.perf_counter()
    timings: dict[str, float] = {}

    datasets = Path(args.datasets)
    files = {
        "rumoureval2019": datasets / "rumoureval2019" / "train.jsonl",
        "semeval2016": datasets / "semeval2016_stance" / "train.jsonl",
    }
    for path in files.values():
        if not path.is_file():
            raise SystemExit(f"error: training file {path} not found; pass --datasets DIR")
    corpus = Path(args.corpus)
    say(f"team corpus: {corpus}")
    team, team_summary = team_examples(corpus, args.spacy_model)
    if team_summary["status"] != "used":
        say(f"team corpus {team_summary['status']}")
    examples = team + rumoureval_examples(files["rumoureval2019"]) + semeval_examples(files["semeval2016"])
    if corpus.is_file():
        files["team"] = corpus
    timings["data"] = time.perf_counter() - started
    say(f"examples: {len(examples)} " + str(dict(Counter(e.source for e in examples))))

    t0 = time.perf_counter()
    encoder = SentenceEncoder(args.encoder_model)
    texts = [t for e in examples for t in (e.text, e.target, e.context) if t]
    vectors = embed_all(encoder, texts, None if args.no_cache else Path(args.cache))
    timings["embeddings"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    choices = candidates(args.seed, args.team_weight)
    if args.no_select:
        choices = choices[:1]
    say(f"selection: {FOLDS}-fold cross-validation of {len(choices)} settings")
    selection = []
    for candidate in choices:
        t1 = time.perf_counter()
        scores = {} if args.no_select else cross_validate(candidate, examples, vectors, encoder)
        mean = round(sum(scores.values()) / len(scores), 4) if scores else None
        selection.append({"name": candidate.name, "cross_validation": scores, "mean": mean})
        say(f"  {candidate.name:<28} {scores} mean {mean} ({time.perf_counter() - t1:.1f}s)")
    best = max(range(len(selection)), key=lambda i: (selection[i]["mean"] or 0, -i))
    chosen = choices[best]
    timings["selection"] = time.perf_counter() - t0
    say(f"chosen: {chosen.name}; refitting on all {len(examples)} examples")

    t0 = time.perf_counter()
    head = train_head(features_for(examples, chosen.blocks, vectors, encoder), labels_for(examples),
                      weights_for(examples, chosen.team_weight), chosen.args)
    timings["final_fit"] = time.perf_counter() - t0

    example_digest = hashlib.sha256()
    for e in examples:
        example_digest.update(json.dumps([e.source, e.text, e.target, e.context, e.label]).encode())
        example_digest.update(b"\n")
    meta = {
        "encoder": {
            "name": args.encoder_model or DEFAULT_ENCODER_NAME,
            "package": None if args.encoder_model else DEFAULT_ENCODER_PACKAGE,
            "pooling": "mean, L2-normalised",
            "max_length": encoder.max_length,
            "dim": encoder.dim,
            "weights_key": encoder_key(encoder),
        },
        "features": {
            "blocks": list(chosen.blocks),
            "descriptions": {block: BLOCK_DESCRIPTIONS[block] for block in chosen.blocks},
            "standardised": "each feature minus its training mean, over its training std (stored in the head)",
        },
        "training": {
            "setting": chosen.name,
            "args": head_args_dict(chosen.args),
            "seed": args.seed,
            "threads": args.threads,
            "team_weight": chosen.team_weight,
            "examples": {
                source: dict(sorted(Counter(e.label for e in examples if e.source == source).items()))
                for source in SOURCES
            },
            "team_corpus": team_summary,
            "inputs_sha256": {key: sha256_file(path) for key, path in sorted(files.items())},
            "examples_sha256": example_digest.hexdigest(),
            "selection": {
                "method": f"{FOLDS}-fold cross-validation over the training data, folds by thread / "
                "tweet / document hash; score = mean over sources of macro-F1 (team, RumourEval) "
                "and F_avg (SemEval)",
                "candidates": selection,
                "chosen": chosen.name,
            },
            "torch": torch.__version__,
        },
    }
    out = Path(args.out)
    save_head(head, out, meta)
    timings["total"] = time.perf_counter() - started
    report = {
        "head": str(out),
        "head_bytes": out.stat().st_size,
        "json_bytes": out.with_suffix(".json").stat().st_size,
        "head_sha256": sha256_file(out),
        "json_sha256": sha256_file(out.with_suffix(".json")),
        "seconds": {key: round(value, 1) for key, value in timings.items()},
        "machine": {"cpus": os.cpu_count(), "python": platform_module.python_version()},
        "chosen": chosen.name,
        "selection": selection,
        "examples": meta["training"]["examples"],
        "team_corpus": team_summary,
    }
    say(f"wrote {out} ({report['head_bytes']:,} bytes) and {out.with_suffix('.json').name} "
        f"in {timings['total']:.0f}s")
    if not args.no_cache:
        log = Path(args.cache) / "train_stance_last_run.json"
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    return report


def compare_heads(a: Path, b: Path, encoder_model: str | None = None) -> dict[str, Any]:
    """Whether two heads are byte-identical, and if not whether they predict alike."""
    same_bytes = a.read_bytes() == b.read_bytes() and a.with_suffix(".json").read_bytes() == b.with_suffix(".json").read_bytes()
    result: dict[str, Any] = {"identical_bytes": same_bytes}
    if same_bytes:
        return result
    import torch

    from claimkit.stance.learned import load_head

    (head_a, meta_a), (head_b, meta_b) = load_head(a), load_head(b)
    result["identical_weights"] = meta_a["in_dim"] == meta_b["in_dim"] and all(
        torch.equal(x, y) for x, y in zip(head_a.state_dict().values(), head_b.state_dict().values(), strict=True)
    )
    if meta_a["in_dim"] == meta_b["in_dim"]:
        probe = torch.randn(2000, meta_a["in_dim"], generator=torch.Generator().manual_seed(0))
        with torch.inference_mode():
            result["same_predictions_on_random_probe"] = bool(
                torch.equal(head_a(probe).argmax(1), head_b(probe).argmax(1))
            )
    return result


def main(argv: Sequence[str] | None = None) -> int:
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

    from claimkit.stance.learned import default_head_path

    shipped = Path(args.out) if args.out else default_head_path()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            args.out = str(Path(tmp) / "stance_head.safetensors")
            train(args)
            result = compare_heads(shipped, Path(args.out))
        print(json.dumps({"compared_with": str(shipped), **result}, indent=2))
        return 0 if result["identical_bytes"] or result.get("same_predictions_on_random_probe") else 1
    args.out = str(shipped)
    report = train(args)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    sys.exit(main())
