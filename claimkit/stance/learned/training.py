"""Training the `learned` backend's head, deterministically (`eval/train_stance.py` drives it).

Training data (the test sets of the benchmarks and corpora/test.jsonl are
never read): the team corpus (`corpora/dev.jsonl`, through the pipeline: the
`StanceInput`s the pipeline sends the stance stage, labelled with the gold
stance of their statement's (speaker, cause) tuple), RumourEval 2019 Twitter
train (reply vs. source tweet, the parent as context) and SemEval-2016
Task 6 train (tweet vs. topic). A few head settings (`candidates`) are
compared by 3-fold cross-validation (folds by thread, tweet and document);
the best is refit on everything and saved with `save_head`.

Determinism: fixed seed, `torch.use_deterministic_algorithms(True)`, one
thread, inputs in a fixed order. Embeddings are cached by encoder + text
hash in `TrainingArgs.cache`.

Example:
    >>> from claimkit.stance.learned.training import TrainingArgs, train
    >>> report = train(TrainingArgs(datasets=Path("../shared/datasets"),
    ...                             corpus=Path("corpora/dev.jsonl"),
    ...                             out=Path("/tmp/stance_head.safetensors")))  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import os
import platform as platform_module
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import torch

from claimkit.errors import ConfigError, MissingFileError
from claimkit.stance.base import StanceInput
from claimkit.stance.datasets import LABELS as SDQC_LABELS
from claimkit.stance.datasets import f1_scores
from claimkit.stance.encoder import DEFAULT_ENCODER_NAME, DEFAULT_ENCODER_PACKAGE, SentenceEncoder
from claimkit.stance.learned.examples import (
    Example,
    rumoureval_examples,
    say,
    semeval_examples,
    team_examples,
)
from claimkit.stance.learned.features import BLOCK_DESCRIPTIONS, DEFAULT_BLOCKS, embed_pairs
from claimkit.stance.learned.head import LABELS, HeadArgs, head_args_dict, load_head, save_head, train_head

DEFAULT_SEED = 13
DEFAULT_TEAM_WEIGHT = 5.0
FOLDS = 3  # cross-validation folds for model selection, by a hash of each example's group
SOURCES = ("team", "rumoureval2019", "semeval2016")


@dataclass(frozen=True)
class TrainingArgs:
    """What to train on and where to write (checked on creation).

    Attributes:
        datasets: Folder of the public datasets (`rumoureval2019/train.jsonl`,
            `semeval2016_stance/train.jsonl`).
        corpus: The team's gold corpus (JSONL); absent: public data only.
        out: Head path (`.safetensors`; the JSON is written beside it).
        cache: Embedding cache folder, or None for no cache.
        encoder_model: Encoder id or path (None: the packaged all-MiniLM-L6-v2).
        spacy_model: spaCy pipeline for the team corpus analysis.
        seed: Seed of the weights, dropout and shuffling.
        threads: torch threads (fixed, for determinism).
        team_weight: Weight of a team-corpus example.
        select: Compare the candidate settings (False: train the first).
        root: Paths inside it are recorded relative to it (the repository).
    """

    datasets: Path
    corpus: Path
    out: Path
    cache: Path | None = None
    encoder_model: str | None = None
    spacy_model: str | None = None
    seed: int = DEFAULT_SEED
    threads: int = 1
    team_weight: float = DEFAULT_TEAM_WEIGHT
    select: bool = True
    root: Path | None = None

    def __post_init__(self) -> None:
        if self.threads < 1 or not self.team_weight > 0:
            raise ConfigError(f"threads must be >= 1 and team_weight > 0; got {self.threads}, {self.team_weight}")


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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


def fold_of(example: Example) -> int:
    """The cross-validation fold of an example: a hash of its source and group
    (RumourEval thread, SemEval tweet, team document), so a thread or a
    document never straddles two folds."""
    return int(hashlib.sha256(f"{example.source}|{example.group}".encode()).hexdigest(), 16) % FOLDS


def features_for(examples: Sequence[Example], blocks: Sequence[str], vectors: dict, encoder):
    items = [
        StanceInput(e.text, e.target, context=e.context, speaker_role=e.speaker_role, cue_flags=e.cue_flags)
        for e in examples
    ]
    return embed_pairs(encoder, items, blocks, embeddings=vectors)


def weights_for(examples: Sequence[Example], team_weight: float):
    return torch.tensor([team_weight if e.source == "team" else 1.0 for e in examples])


def labels_for(examples: Sequence[Example]):
    return torch.tensor([LABELS.index(e.label) for e in examples])


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
            scores[source] = round(sum(f1_scores(gold, pred, SDQC_LABELS).values()) / len(SDQC_LABELS), 4)
    return scores


@dataclass(frozen=True)
class Candidate:
    """A head setting that model selection compares."""

    name: str
    blocks: tuple[str, ...]
    args: HeadArgs
    team_weight: float


def candidates(seed: int, team_weight: float) -> list[Candidate]:
    """The settings cross-validation chooses from (the first is the default).

    All are one-hidden-layer MLPs (256 units, 5 epochs, AdamW); they differ
    in class weighting, input dropout, team weight and feature blocks.
    """
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


def train(args: TrainingArgs) -> dict[str, Any]:
    """Build the data, select a setting, refit on everything, write the head. Returns the summary.

    Example:
        >>> report = train(TrainingArgs(datasets=Path("../shared/datasets"),
        ...                             corpus=Path("corpora/dev.jsonl"),
        ...                             out=Path("/tmp/head.safetensors")))   # doctest: +SKIP
        >>> report["chosen"]                                                  # doctest: +SKIP
        'mlp256-role-cue'
    """
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
            raise MissingFileError(f"training file {path} not found; pass --datasets DIR")
    corpus = Path(args.corpus)
    say(f"team corpus: {corpus}")
    team, team_summary = team_examples(corpus, args.spacy_model, args.root)
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
    vectors = embed_all(encoder, texts, args.cache)
    timings["embeddings"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    choices = candidates(args.seed, args.team_weight)
    if not args.select:
        choices = choices[:1]
    say(f"selection: {FOLDS}-fold cross-validation of {len(choices)} settings")
    selection = []
    for candidate in choices:
        t1 = time.perf_counter()
        scores = {} if not args.select else cross_validate(candidate, examples, vectors, encoder)
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
    if args.cache is not None:
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
    (head_a, meta_a), (head_b, meta_b) = load_head(a), load_head(b)
    result["identical_weights"] = meta_a["in_dim"] == meta_b["in_dim"] and all(
        torch.equal(x, y) for x, y in zip(head_a.state_dict().values(), head_b.state_dict().values(), strict=True)
    )
    if meta_a["in_dim"] == meta_b["in_dim"]:
        probe = torch.randn(2000, meta_a["in_dim"], generator=torch.Generator().manual_seed(0))
        with torch.inference_mode():
            agree = head_a(probe).argmax(1) == head_b(probe).argmax(1)
        result["same_predictions_on_random_probe"] = bool(agree.all())
        result["probe_agreement"] = round(float(agree.float().mean()), 4)
    result.update(_selection_gap(meta_a, meta_b))
    result["reproduced"] = bool(
        result["identical_weights"] or result.get("same_predictions_on_random_probe") or (
            result["same_examples"]
            and result["same_setting"]
            and result["largest_cv_gap"] <= CV_TOLERANCE
            and result.get("probe_agreement", 0.0) >= PROBE_TOLERANCE
        )
    )
    return result


#: Retrained on another CPU, float arithmetic differs in the last bits and the
#: weights with it: a head is reproduced when it learnt from exactly the same
#: examples (their SHA-256), the same setting wins, every
#: cross-validation score is within this of the shipped one, and ...
CV_TOLERANCE = 0.02
#: ... at least this share of a random probe gets the same label.
PROBE_TOLERANCE = 0.9


def _selection_gap(meta_a: dict[str, Any], meta_b: dict[str, Any]) -> dict[str, Any]:
    """Whether two heads' trainings chose the same setting, and the largest gap between their CV scores."""
    sel_a = meta_a.get("training", {}).get("selection", {})
    sel_b = meta_b.get("training", {}).get("selection", {})
    scores_b = {c["name"]: c["cross_validation"] for c in sel_b.get("candidates", [])}
    gaps = [
        abs(value - scores_b[c["name"]][source])
        for c in sel_a.get("candidates", [])
        if c["name"] in scores_b
        for source, value in c["cross_validation"].items()
        if source in scores_b[c["name"]]
    ]
    examples_a = meta_a.get("training", {}).get("examples_sha256")
    return {
        "same_examples": examples_a is not None and examples_a == meta_b.get("training", {}).get("examples_sha256"),
        "same_setting": sel_a.get("chosen") is not None and sel_a.get("chosen") == sel_b.get("chosen"),
        "largest_cv_gap": round(max(gaps), 4) if gaps else 1.0,
    }
