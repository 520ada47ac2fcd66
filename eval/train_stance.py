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

Model selection: a small grid of head settings is scored on a held-out slice
of the training data (15 % of RumourEval threads, 15 % of SemEval tweets, 20 %
of team documents, chosen by hash); the best setting by the mean of the
held-out scores (RumourEval macro-F1, SemEval F_avg, team macro-F1) is then
refit on all the training data and written as
`claimkit/data/stance_head.safetensors` + `stance_head.json`.

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
HELD_OUT = {"rumoureval2019": 15, "semeval2016": 15, "team": 20}  # percent, by group hash
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


def _names_match():
    """`claimkit.scoring.names_match`, or the SPEC section 6 rule if scoring is not there yet."""
    try:
        from claimkit.scoring import names_match

        return names_match, "claimkit.scoring.names_match"
    except ImportError:
        import re

        def norm(name: str) -> list[str]:
            words = re.sub(r"[^\w\s]", " ", name.lower().replace("@", "")).split()
            return words[1:] if words[:1] == ["the"] else words

        def names_match(a: str, b: str) -> bool:
            x, y = norm(a), norm(b)
            return bool(x and y) and (x == y or set(x) <= set(y) or set(y) <= set(x))

        return names_match, "SPEC section 6 fallback (claimkit.scoring not available)"


def gold_stance(gold: Sequence[dict], cause: str, speaker: str, handle: str | None, role: str, match) -> str | None:
    """The gold stance of the (speaker, cause) tuple a statement matches, or None."""
    for tuple_ in gold:
        if tuple_.get("cause") != cause:
            continue
        if tuple_.get("role") in ("platform", "reporter"):
            if role == tuple_["role"]:
                return tuple_["stance"]
            continue
        names = [name for name in (speaker, handle) if name]
        if any(match(tuple_["speaker"], name) for name in names):
            return tuple_["stance"]
    return None


def team_examples(corpus: Path, spacy_model: str | None) -> tuple[list[Example], dict[str, Any]]:
    """Examples from the team's gold corpus, through the pipeline (see the module docstring)."""
    if not corpus.is_file():
        return [], {"status": f"absent ({corpus.relative_to(REPO) if corpus.is_relative_to(REPO) else corpus}): trained on public data only"}
    from claimkit import Analyzer
    from claimkit.ingest import make_document
    from claimkit.lexicon.causes import DESCRIPTIONS
    from claimkit.pipeline import masked_text

    match, matcher = _names_match()
    options = {"stance_backend": "rules"}
    if spacy_model:
        options["spacy_model"] = spacy_model
    analyzer = Analyzer(**options)
    rows = read_jsonl(corpus)
    examples: list[Example] = []
    records = unlabelled = 0
    for number, row in enumerate(rows, start=1):
        document = make_document(
            row["text"], row["id"], published=row.get("published"), platform=row.get("platform"),
            author=row.get("author"), location=f"{corpus.name}:{number}",
        )
        analysis = analyzer.analyze(document)
        doc = analyzer.nlp(masked_text(document))
        for explanation in analysis.explanations:
            if explanation.cause not in DESCRIPTIONS:
                continue
            for record in explanation.stances:
                records += 1
                statement = analysis.statements[record.statement]
                label = gold_stance(row.get("stances", []), explanation.cause, statement.speaker,
                                    statement.handle, statement.role, match)
                if label is None:
                    unlabelled += 1
                    continue
                span = doc.char_span(record.evidence.start, record.evidence.end, alignment_mode="expand")
                sentence = span.sent.text if span is not None else record.evidence.text
                examples.append(Example(sentence, DESCRIPTIONS[explanation.cause], label, "team", row["id"]))
        if number % 10 == 0 or number == len(rows):
            say(f"team corpus: {number}/{len(rows)} documents, {len(examples)} examples")
    summary = {
        "status": "used",
        "documents": len(rows),
        "stance_records": records,
        "skipped_no_gold": unlabelled,
        "name_matching": matcher,
    }
    return examples, summary


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


def held_out(example: Example) -> bool:
    """Whether an example is in the model-selection slice (by a hash of its group)."""
    bucket = int(hashlib.sha256(f"{example.source}|{example.group}".encode()).hexdigest(), 16) % 100
    return bucket < HELD_OUT[example.source]


def features_for(examples: Sequence[Example], blocks: Sequence[str], vectors: dict, encoder):
    from claimkit.stance.base import StanceInput
    from claimkit.stance.learned import embed_pairs

    items = [StanceInput(e.text, e.target, context=e.context) for e in examples]
    return embed_pairs(encoder, items, blocks, embeddings=vectors)


def weights_for(examples: Sequence[Example], team_weight: float):
    import torch

    return torch.tensor([team_weight if e.source == "team" else 1.0 for e in examples])


def labels_for(examples: Sequence[Example]):
    import torch

    return torch.tensor([LABELS.index(e.label) for e in examples])


def held_out_scores(head, features, examples: Sequence[Example]) -> dict[str, float]:
    """Per-source held-out scores: macro-F1 (RumourEval, team) and F_avg (SemEval)."""
    import torch

    from claimkit.stance.learned import LABELS as HEAD_LABELS

    with torch.inference_mode():
        predicted = [HEAD_LABELS[i] for i in head(features).argmax(dim=1).tolist()]
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


def candidates(seed: int) -> list[tuple[str, tuple[str, ...], Any]]:
    """The settings the held-out slice chooses from: (name, feature blocks, head arguments)."""
    from claimkit.stance.learned import DEFAULT_BLOCKS, HeadArgs

    with_context = (*DEFAULT_BLOCKS, "u*c", "has_context")
    base = HeadArgs(seed=seed)  # one hidden layer of 256, dropout 0.3, sqrt class weights
    return [
        ("mlp256-5ep", DEFAULT_BLOCKS, base),
        ("mlp256-3ep", DEFAULT_BLOCKS, replace(base, epochs=3)),
        ("mlp256-10ep", DEFAULT_BLOCKS, replace(base, epochs=10)),
        ("mlp256-5ep-balanced", DEFAULT_BLOCKS, replace(base, class_weight="balanced")),
        ("mlp256-5ep-context", with_context, base),
    ]


def train(args: argparse.Namespace) -> dict[str, Any]:
    """Build the data, select a setting, refit on everything, write the head. Returns the summary."""
    import torch

    from claimkit.stance.encoder import DEFAULT_ENCODER_NAME, DEFAULT_ENCODER_PACKAGE, SentenceEncoder
    from claimkit.stance.learned import head_args_dict, save_head, train_head

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
    train_part = [e for e in examples if not held_out(e)]
    dev_part = [e for e in examples if held_out(e)]
    say(f"selection: {len(train_part)} train / {len(dev_part)} held-out examples")
    selection = []
    choices = candidates(args.seed)
    if args.no_select:
        choices = choices[:1]
    for name, blocks, head_args in choices:
        t1 = time.perf_counter()
        head = train_head(
            features_for(train_part, blocks, vectors, encoder), labels_for(train_part),
            weights_for(train_part, args.team_weight), head_args,
        )
        scores = held_out_scores(head, features_for(dev_part, blocks, vectors, encoder), dev_part)
        mean = round(sum(scores.values()) / len(scores), 4)
        selection.append({"name": name, "held_out": scores, "mean": mean})
        say(f"  {name:<26} held-out {scores} mean {mean:.4f} ({time.perf_counter() - t1:.1f}s)")
    best = max(range(len(selection)), key=lambda i: (selection[i]["mean"], -i))
    name, blocks, head_args = choices[best]
    timings["selection"] = time.perf_counter() - t0
    say(f"chosen: {name}; refitting on all {len(examples)} examples")

    t0 = time.perf_counter()
    head = train_head(features_for(examples, blocks, vectors, encoder), labels_for(examples),
                      weights_for(examples, args.team_weight), head_args)
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
            "blocks": list(blocks),
            "question": "statement contains '?'",
            "negation": "statement matches claimkit.stance.learned.NEGATION_RE",
        },
        "training": {
            "setting": name,
            "args": head_args_dict(head_args),
            "seed": args.seed,
            "threads": args.threads,
            "team_weight": args.team_weight,
            "examples": {
                source: dict(sorted(Counter(e.label for e in examples if e.source == source).items()))
                for source in SOURCES
            },
            "team_corpus": team_summary,
            "inputs_sha256": {key: sha256_file(path) for key, path in sorted(files.items())},
            "examples_sha256": example_digest.hexdigest(),
            "selection": {
                "held_out_percent": HELD_OUT,
                "train_examples": len(train_part),
                "held_out_examples": len(dev_part),
                "candidates": selection,
                "chosen": name,
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
        "chosen": name,
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
