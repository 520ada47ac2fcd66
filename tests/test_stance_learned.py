"""The `learned` stance backend: the shipped head, the features, training determinism.

These tests load the packaged all-MiniLM-L6-v2 encoder offline. They check
that the backend works and is reproducible, not how accurate it is (see
docs/stance-backends.md for the benchmark numbers). The retraining test is
slow (minutes) and opt-in: `pytest --runslow` or `CLAIMKIT_RUNSLOW=1`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import assert_valid_predictions

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from claimkit.config import Config  # noqa: E402
from claimkit.errors import ConfigError, ModelNotFoundError  # noqa: E402
from claimkit.stance import StanceInput, load_backend  # noqa: E402
from claimkit.stance.learned import (  # noqa: E402
    KNOWN_BLOCKS,
    LABELS,
    HeadArgs,
    default_head_path,
    feature_width,
    meta_path,
    pair_features,
    train_head,
)
from claimkit.types import STANCES  # noqa: E402

pytestmark = pytest.mark.torch
REPO = Path(__file__).resolve().parents[1]

INPUTS = [
    StanceInput("Twitter says it removed millions of bots and fake accounts.",
                "the platform removed bots, spam, fake or automated accounts", cause="bot_spam_purge"),
    StanceInput("People aren't being purged. BOTS are being purged.",
                "the platform deliberately targeted a political group or viewpoint", cause="political_bias",
                speaker_role="third_party"),
    StanceInput("Is there a glitch in your app or something else?",
                "a bug or technical glitch in the app or in the counting", cause="technical_glitch"),
    StanceInput("Our tools are apolitical.",
                "the platform deliberately targeted a political group or viewpoint", cause="political_bias",
                speaker_role="platform", cue_flags="deny"),
    StanceInput("so sad, praying for everyone", "10 people dead after shooting at HQ of newspaper",
                context="10 people dead after shooting at HQ of newspaper"),
    StanceInput("Hillary for president!", "Hillary Clinton"),
]


@pytest.fixture(scope="module")
def backend():
    return load_backend(Config(stance_backend="learned"))


def test_shipped_head_predicts_a_label_and_confidence_per_input(backend):
    assert_valid_predictions(backend, INPUTS)


def test_batches_give_what_one_by_one_gives(backend):
    together = backend.predict(INPUTS)
    alone = [backend.predict([item])[0] for item in INPUTS]  # six small calls
    assert [p.stance for p in together] == [p.stance for p in alone]
    assert [p.confidence for p in together] == pytest.approx([p.confidence for p in alone], abs=1e-5)


def test_shipped_head_is_described():
    path = default_head_path()
    meta = json.loads(meta_path(path).read_text("utf-8"))
    assert meta["labels"] == list(LABELS) == list(STANCES)
    assert meta["encoder"]["name"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert set(meta["features"]["blocks"]) <= set(KNOWN_BLOCKS)
    assert meta["training"]["seed"] == meta["training"]["args"]["seed"]
    assert all(len(digest) == 64 for digest in meta["training"]["inputs_sha256"].values())
    assert path.stat().st_size < 50 * 1024 * 1024


@pytest.mark.parametrize("blocks", [("u", "v", "u*v", "|u-v|", "question", "negation"), KNOWN_BLOCKS, ("role", "cue")])
def test_feature_width(blocks):
    n, dim = 3, 8
    u, v, c = torch.rand(n, dim), torch.rand(n, dim), torch.zeros(n, dim)
    features = pair_features(blocks, u, v, c, torch.zeros(n), ["a?", "not b", "c"], ["platform", None, "reporter"], ["deny", "", ""])
    assert features.shape == (n, feature_width(blocks, dim))


@pytest.mark.parametrize(
    ("text", "question", "negation"),
    [
        ("Is it a glitch?", 1.0, 0.0),
        ("They aren't bots.", 0.0, 1.0),
        ("No, these are not real people", 0.0, 1.0),
        ("Twitter removed the bots.", 0.0, 0.0),
        ("Nothing to see here?", 1.0, 1.0),
    ],
)
def test_surface_flags(text, question, negation):
    features = pair_features(("question", "negation"), torch.zeros(1, 2), torch.zeros(1, 2), torch.zeros(1, 2), torch.zeros(1), [text])
    assert features.tolist() == [[question, negation]]


def test_unknown_feature_block_is_refused():
    with pytest.raises(ConfigError, match="feature blocks"):
        pair_features(("u", "sentiment"), torch.zeros(1, 2), torch.zeros(1, 2), torch.zeros(1, 2), torch.zeros(1), ["x"])


def _synthetic(seed: int = 0):
    generator = torch.Generator().manual_seed(seed)
    features = torch.randn(200, 12, generator=generator)
    labels = (features[:, 0] > 0).long() * 2 + (features[:, 1] > 0).long()
    return features, labels


@pytest.mark.parametrize("hidden", [0, 16])
def test_training_is_deterministic(hidden):
    features, labels = _synthetic()
    args = HeadArgs(hidden=hidden, epochs=3, batch_size=32, seed=7)
    weights = torch.ones(len(labels))
    first = train_head(features, labels, weights, args).state_dict()
    second = train_head(features, labels, weights, args).state_dict()
    assert first.keys() == second.keys()
    assert all(torch.equal(first[name], second[name]) for name in first)
    other = train_head(features, labels, weights, HeadArgs(hidden=hidden, epochs=3, batch_size=32, seed=8)).state_dict()
    assert not all(torch.equal(first[name], other[name]) for name in first)


def test_training_learns_a_separable_set():
    features, labels = _synthetic()
    head = train_head(features, labels, args=HeadArgs(hidden=16, epochs=40, lr=1e-2, dropout=0.0, seed=1))
    with torch.inference_mode():
        accuracy = (head(features).argmax(dim=1) == labels).float().mean().item()
    assert accuracy > 0.9


@pytest.mark.parametrize("bad", [{"hidden": -1}, {"epochs": 0}, {"class_weight": "inverse"}, {"dropout": 1.0}])
def test_head_args_are_checked(bad):
    with pytest.raises(ConfigError):
        HeadArgs(**bad)


def test_missing_head_says_how_to_fix_it(tmp_path):
    with pytest.raises(ModelNotFoundError, match="train_stance.py"):
        load_backend(Config(stance_backend="learned", stance_head=str(tmp_path / "head.safetensors")))


def test_missing_encoder_says_how_to_fix_it(tmp_path):
    with pytest.raises(ModelNotFoundError, match="--encoder-model"):
        load_backend(Config(stance_backend="learned", encoder_model=str(tmp_path / "no-encoder")))


def test_head_from_another_path_is_used(tmp_path):
    """`Config.stance_head` points the backend at another head (here: a copy of the shipped one)."""
    source = default_head_path()
    copy = tmp_path / "copy.safetensors"
    copy.write_bytes(source.read_bytes())
    meta_path(copy).write_bytes(meta_path(source).read_bytes())
    backend = load_backend(Config(stance_backend="learned", stance_head=str(copy)))
    assert backend.predict(INPUTS[:1])[0].stance in STANCES


def _runslow(request) -> bool:
    return bool(request.config.getoption("--runslow", default=False)) or os.environ.get("CLAIMKIT_RUNSLOW") == "1"


@pytest.mark.slow
def test_retraining_reproduces_the_shipped_head(request):
    if not _runslow(request):
        pytest.skip("slow: retrains the head (minutes); run with --runslow or CLAIMKIT_RUNSLOW=1")
    datasets = REPO.parent / "shared" / "datasets"
    if not datasets.is_dir():
        pytest.skip(f"public datasets not found at {datasets}")
    run = subprocess.run(
        [sys.executable, str(REPO / "eval" / "train_stance.py"), "--check"],
        capture_output=True, text=True, timeout=1800, cwd=REPO,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert run.returncode == 0, run.stdout + run.stderr[-3000:]
    result = json.loads(run.stdout)
    # byte for byte on the machine that trained it; on another CPU, the same examples and setting within tolerance
    assert result["identical_bytes"] or (result["same_examples"] and result["reproduced"]), run.stdout
