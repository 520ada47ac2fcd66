"""The classifier head of the `learned` backend: the model, its training arguments, training,
and the safetensors + JSON files it is saved as."""

from __future__ import annotations

import json
import torch
from dataclasses import asdict, dataclass
from pathlib import Path
from torch import nn
from typing import Any

from claimkit.errors import ConfigError, ModelNotFoundError
from claimkit.stance.learned.features import FEATURES_VERSION, KNOWN_BLOCKS
from claimkit.types import STANCES

#: Output order of the head.
LABELS: tuple[str, ...] = STANCES
HEAD_FORMAT = "claimkit.stance_head"
TRAIN_HINT = (
    "rebuild it with `python eval/train_stance.py` (see docs/stance-backends.md), "
    "or unset --stance-head / CLAIMKIT_STANCE_HEAD to use the head shipped with claimkit"
)


def default_head_path() -> Path:
    """Where the shipped head lives: `claimkit/data/stance_head.safetensors`."""
    return Path(__file__).resolve().parents[2] / "data" / "stance_head.safetensors"


def meta_path(head_path: str | Path) -> Path:
    """The JSON that describes a head: same name, `.json` suffix."""
    return Path(head_path).with_suffix(".json")


class StanceHead(nn.Module):
    """Standardise the features, then an MLP (or a linear layer) to 4 logits.

    Args:
        in_dim: Number of input features.
        hidden: Hidden units; 0 makes the head a logistic regression.
        dropout: Dropout before the output layer (training only).
        input_dropout: Dropout on the standardised features (training only).
    """

    def __init__(self, in_dim: int, hidden: int = 256, dropout: float = 0.0, input_dropout: float = 0.0) -> None:
        super().__init__()
        self.in_dim, self.hidden = in_dim, hidden
        self.register_buffer("feature_mean", torch.zeros(in_dim))
        self.register_buffer("feature_scale", torch.ones(in_dim))
        if hidden:
            self.layers = nn.Sequential(
                nn.Dropout(input_dropout), nn.Linear(in_dim, hidden), nn.ReLU(),
                nn.Dropout(dropout), nn.Linear(hidden, len(LABELS)),
            )
        else:
            self.layers = nn.Sequential(nn.Dropout(input_dropout), nn.Linear(in_dim, len(LABELS)))

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        """Logits, (n, 4), in `LABELS` order."""
        return self.layers((features - self.feature_mean) / self.feature_scale)


@dataclass(frozen=True)
class HeadArgs:
    """How to train a head (checked on creation).

    Attributes:
        hidden: Hidden units (0: logistic regression).
        epochs: Passes over the training set.
        batch_size: Examples per optimiser step.
        lr: AdamW learning rate.
        weight_decay: AdamW weight decay.
        dropout: Dropout rate before the output layer while training.
        input_dropout: Dropout rate on the input features while training.
        class_weight: `none`, `balanced` (each label weighs the same in
            total) or `sqrt` (weights by the square root of `balanced`).
        seed: Seed of the initial weights, dropout and shuffling.
    """

    hidden: int = 256
    epochs: int = 5
    batch_size: int = 64
    lr: float = 1e-3
    weight_decay: float = 1e-2
    dropout: float = 0.3
    input_dropout: float = 0.3
    class_weight: str = "sqrt"
    seed: int = 13

    def __post_init__(self) -> None:
        if self.hidden < 0 or self.epochs < 1 or self.batch_size < 1:
            raise ConfigError(
                f"hidden must be >= 0, epochs and batch_size >= 1; got {self.hidden}, "
                f"{self.epochs}, {self.batch_size}"
            )
        if not (self.lr > 0 and self.weight_decay >= 0 and 0 <= self.dropout < 1 and 0 <= self.input_dropout < 1):
            raise ConfigError("lr must be > 0, weight_decay >= 0 and 0 <= dropout, input_dropout < 1")
        if self.class_weight not in ("none", "balanced", "sqrt"):
            raise ConfigError(
                f"class_weight must be none, balanced or sqrt, got {self.class_weight!r}"
            )


def example_weights(labels: torch.Tensor, weights: torch.Tensor, scheme: str) -> torch.Tensor:
    """Per-example weights times the class weights of `scheme` (see `HeadArgs`)."""
    if scheme == "none":
        return weights
    totals = torch.zeros(len(LABELS)).index_add_(0, labels, weights)
    present = totals > 0
    balanced = torch.zeros(len(LABELS))
    balanced[present] = totals.sum() / (present.sum() * totals[present])
    per_class = balanced.sqrt() if scheme == "sqrt" else balanced
    return weights * per_class[labels]


def train_head(
    features: torch.Tensor,
    labels: torch.Tensor,
    weights: torch.Tensor | None = None,
    args: HeadArgs | None = None,
) -> StanceHead:
    """Train a head, deterministically for a given seed and thread count.

    Args:
        features: (n, in_dim) float features (`pair_features`).
        labels: (n,) label indices into `LABELS`.
        weights: (n,) example weights (default 1).
        args: Training arguments.

    Returns:
        The trained head, in eval mode.

    Example:
        >>> head = train_head(torch.randn(8, 5), torch.tensor([0, 1, 2, 3] * 2),
        ...                   args=HeadArgs(hidden=0, epochs=2))
        >>> head(torch.randn(1, 5)).shape
        torch.Size([1, 4])
    """
    args = args or HeadArgs()
    features = features.float()
    labels = labels.long()
    weights = torch.ones(len(labels)) if weights is None else weights.float()
    sample_weights = example_weights(labels, weights, args.class_weight)
    was_deterministic = torch.are_deterministic_algorithms_enabled()
    torch.use_deterministic_algorithms(True)
    try:
        torch.manual_seed(args.seed)
        shuffle = torch.Generator().manual_seed(args.seed)
        head = StanceHead(features.shape[1], args.hidden, args.dropout, args.input_dropout)
        head.feature_mean.copy_(features.mean(dim=0))
        head.feature_scale.copy_(features.std(dim=0, unbiased=False).clamp(min=1e-3))
        optimiser = torch.optim.AdamW(head.parameters(), lr=args.lr, weight_decay=args.weight_decay)
        loss_fn = nn.CrossEntropyLoss(reduction="none")
        head.train()
        for _ in range(args.epochs):
            order = torch.randperm(len(labels), generator=shuffle)
            for start in range(0, len(order), args.batch_size):
                batch = order[start : start + args.batch_size]
                losses = loss_fn(head(features[batch]), labels[batch])
                loss = (losses * sample_weights[batch]).sum() / sample_weights[batch].sum()
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
    finally:
        torch.use_deterministic_algorithms(was_deterministic)
    return head.eval()


def save_head(head: StanceHead, path: str | Path, meta: dict[str, Any]) -> None:
    """Write the head's weights (safetensors) and its JSON description beside them.

    The JSON gets `format`, `labels`, `in_dim`, `hidden` and `features_version`
    on top of `meta`; both files are written with sorted keys, so equal
    inputs give equal bytes.
    """
    from safetensors.torch import save_file

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tensors = {name: t.detach().contiguous().clone() for name, t in head.state_dict().items()}
    save_file(tensors, str(path), metadata={"format": HEAD_FORMAT})
    path.chmod(0o644)  # safetensors writes 0600; the head ships in the package
    description = dict(meta)
    description.update(
        format=HEAD_FORMAT,
        labels=list(LABELS),
        in_dim=head.in_dim,
        hidden=head.hidden,
        features_version=FEATURES_VERSION,
    )
    meta_path(path).write_text(json.dumps(description, indent=2, sort_keys=True) + "\n", "utf-8")


def load_head(path: str | Path) -> tuple[StanceHead, dict[str, Any]]:
    """Read a head and its JSON description.

    Raises:
        ModelNotFoundError: a file is missing or does not hold a claimkit head;
            the message says how to rebuild it.
    """
    from safetensors.torch import load_file

    path = Path(path)
    description = meta_path(path)
    for needed in (path, description):
        if not needed.is_file():
            raise ModelNotFoundError(
                f"no stance head file at {needed} (a head is {path.name} plus {description.name}); "
                + TRAIN_HINT
            )
    try:
        meta = json.loads(description.read_text("utf-8"))
        tensors = load_file(str(path))
    except (OSError, ValueError) as err:
        raise ModelNotFoundError(f"cannot read the stance head at {path}: {err}; " + TRAIN_HINT) from None
    problems = []
    if meta.get("format") != HEAD_FORMAT:
        problems.append(f"format is {meta.get('format')!r}, expected {HEAD_FORMAT!r}")
    if tuple(meta.get("labels", ())) != LABELS:
        problems.append(f"labels are {meta.get('labels')!r}, expected {list(LABELS)!r}")
    if meta.get("features_version") != FEATURES_VERSION:
        problems.append(
            f"it was built for feature code version {meta.get('features_version')!r}, "
            f"this claimkit computes version {FEATURES_VERSION}"
        )
    blocks = meta.get("features", {}).get("blocks", [])
    if any(block not in KNOWN_BLOCKS for block in blocks) or not blocks:
        problems.append(f"unknown feature blocks {blocks!r}")
    if problems:
        raise ModelNotFoundError(f"the stance head at {path} is not usable: {'; '.join(problems)}; " + TRAIN_HINT)
    head = StanceHead(int(meta["in_dim"]), int(meta["hidden"]))
    try:
        head.load_state_dict(tensors)
    except RuntimeError as err:
        raise ModelNotFoundError(
            f"the stance head at {path} does not match its JSON ({' '.join(str(err).split())[:200]}); "
            + TRAIN_HINT
        ) from None
    return head.eval(), meta


def head_args_dict(args: HeadArgs) -> dict[str, Any]:
    """`HeadArgs` as a plain dict (for the head's JSON)."""
    return asdict(args)
