"""Learned stance backend: a frozen sentence encoder and a small trained head.

The statement text `u`, the target `v` (a cause's description, or a
benchmark's rumour / topic) and, when there is one, the context `c` (the
text a reply answers) are embedded with all-MiniLM-L6-v2 (mean pooling, L2
normalised; see `claimkit.stance.encoder`). The head, a one-hidden-layer MLP
(or a logistic regression when `hidden == 0`), reads pair features built from
them and gives the four SDQC labels a probability each; the prediction is the
most probable label and its probability is the confidence.

Feature blocks (the head's JSON names the blocks it was trained with):

| block | width | meaning |
| --- | --- | --- |
| `u`, `v` | d | statement and target embeddings |
| `u*v`, `|u-v|` | d | element-wise product and absolute difference |
| `c`, `u*c` | d | context embedding and its product with `u` (zeros without context) |
| `has_context` | 1 | 1 when the input has a context |
| `cos` | 1 | cosine similarity of `u` and `v` |
| `question` | 1 | 1 when the statement contains `?` (`QUESTION_RE`) |
| `negation` | 1 | 1 when the statement has a negation word (`NEGATION_RE`) |
| `deny_cue` | 1 | 1 when the statement has a word that rejects a claim (`DENY_RE`: false, hoax, lies...) |
| `role` | 4 | one-hot speaker role (platform, affected, third_party, reporter); zeros when unknown |
| `cue` | 3 | one-hot cue flag from cause detection (own_negation, deny, weak); zeros otherwise |

`role` and `cue` are known only for pipeline inputs (never for the public
benchmarks), so they can only be learned from the team corpus.

The shipped head is `claimkit/data/stance_head.safetensors` with
`stance_head.json` beside it (labels, feature blocks, encoder, seed,
training-data summary and hashes); `eval/train_stance.py` rebuilds both.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import torch
from torch import nn

from claimkit.errors import ConfigError, ModelNotFoundError
from claimkit.stance.base import StanceInput, StancePrediction
from claimkit.stance.encoder import BATCH_SIZE, SentenceEncoder, load_encoder
from claimkit.types import ROLES, STANCES

#: Output order of the head.
LABELS: tuple[str, ...] = STANCES
#: Version of the feature code; a head built by another version is refused.
FEATURES_VERSION = 1
QUESTION_RE = re.compile(r"\?")
NEGATION_RE = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without|cannot)\b|n[’']t\b",
    re.IGNORECASE,
)
DENY_RE = re.compile(
    r"\b(?:false|untrue|not true|hoax|lies|lie|lying|liars?|debunked|fake news|misinformation|"
    r"disinformation|rumou?rs?|unconfirmed|no evidence|nonsense|bs|bullshit|wrong|doubt|deny|denies|denied)\b",
    re.IGNORECASE,
)
#: `StanceInput.cue_flags` values of the `cue` block, in order.
CUE_FLAGS: tuple[str, ...] = ("own_negation", "deny", "weak")
#: Every feature block this code can compute (see the module docstring).
KNOWN_BLOCKS: tuple[str, ...] = (
    "u", "v", "u*v", "|u-v|", "cos", "c", "u*c", "has_context", "question", "negation", "deny_cue",
    "role", "cue",
)
#: What each block is, as the head's JSON records it.
BLOCK_DESCRIPTIONS: dict[str, str] = {
    "u": "statement embedding",
    "v": "target embedding",
    "u*v": "element-wise product of statement and target embeddings",
    "|u-v|": "element-wise absolute difference of statement and target embeddings",
    "cos": "cosine similarity of statement and target",
    "c": "context embedding (zeros without context)",
    "u*c": "element-wise product of statement and context embeddings (zeros without context)",
    "has_context": "1 when the input has a context",
    "question": f"1 when the statement matches /{QUESTION_RE.pattern}/",
    "negation": f"1 when the statement matches /{NEGATION_RE.pattern}/i",
    "deny_cue": f"1 when the statement matches /{DENY_RE.pattern}/i",
    "role": f"one-hot speaker role {list(ROLES)} (zeros when unknown)",
    "cue": f"one-hot cue flag {list(CUE_FLAGS)} (zeros otherwise)",
}
#: Widths of the blocks that do not scale with the embedding size.
FIXED_WIDTHS: dict[str, int] = {
    "cos": 1, "has_context": 1, "question": 1, "negation": 1, "deny_cue": 1,
    "role": len(ROLES), "cue": len(CUE_FLAGS),
}
DEFAULT_BLOCKS: tuple[str, ...] = ("u", "v", "u*v", "|u-v|", "question", "negation")
HEAD_FORMAT = "claimkit.stance_head"
TRAIN_HINT = (
    "rebuild it with `python eval/train_stance.py` (see docs/stance-backends.md), "
    "or unset --stance-head / CLAIMKIT_STANCE_HEAD to use the head shipped with claimkit"
)


def default_head_path() -> Path:
    """Where the shipped head lives: `claimkit/data/stance_head.safetensors`."""
    return Path(__file__).resolve().parent.parent / "data" / "stance_head.safetensors"


def meta_path(head_path: str | Path) -> Path:
    """The JSON that describes a head: same name, `.json` suffix."""
    return Path(head_path).with_suffix(".json")


def block_width(block: str, dim: int) -> int:
    """How many features a block adds, for embeddings of size `dim`."""
    return FIXED_WIDTHS.get(block, dim)


def feature_width(blocks: Sequence[str], dim: int) -> int:
    """Total number of features of a block list."""
    return sum(block_width(block, dim) for block in blocks)


def check_blocks(blocks: Sequence[str]) -> None:
    """Refuse unknown or repeated block names.

    Raises:
        ConfigError: naming the bad block and the known ones.
    """
    unknown = [block for block in blocks if block not in KNOWN_BLOCKS]
    if unknown or len(set(blocks)) != len(blocks) or not blocks:
        raise ConfigError(
            f"bad feature blocks {list(blocks)!r}; expected distinct names from {list(KNOWN_BLOCKS)}"
        )


def pair_features(
    blocks: Sequence[str],
    u: torch.Tensor,
    v: torch.Tensor,
    c: torch.Tensor,
    has_context: torch.Tensor,
    texts: Sequence[str],
    roles: Sequence[str | None] | None = None,
    cue_flags: Sequence[str] | None = None,
) -> torch.Tensor:
    """The feature matrix for statement, target and context embeddings.

    Args:
        blocks: Feature block names, in order (see the module docstring).
        u: Statement embeddings, (n, d).
        v: Target embeddings, (n, d).
        c: Context embeddings, (n, d); zero rows where there is no context.
        has_context: (n,) 0/1.
        texts: The n statement texts (for the surface flags).
        roles: The n speaker roles (None where unknown), for the `role` block.
        cue_flags: The n cue flags ("" where none), for the `cue` block.

    Returns:
        A float32 (n, width) tensor.
    """
    check_blocks(blocks)

    def flag(pattern: re.Pattern) -> torch.Tensor:
        return torch.tensor([[1.0 if pattern.search(t) else 0.0] for t in texts]).reshape(-1, 1)

    def one_hot(values: Sequence[str | None] | None, names: Sequence[str]) -> torch.Tensor:
        values = values if values is not None else [None] * len(texts)
        return torch.tensor([[1.0 if value == name else 0.0 for name in names] for value in values]).reshape(
            -1, len(names)
        )

    make = {
        "u": lambda: u,
        "v": lambda: v,
        "u*v": lambda: u * v,
        "|u-v|": lambda: (u - v).abs(),
        "cos": lambda: (u * v).sum(dim=1, keepdim=True),
        "c": lambda: c,
        "u*c": lambda: u * c,
        "has_context": lambda: has_context.reshape(-1, 1).float(),
        "question": lambda: flag(QUESTION_RE),
        "negation": lambda: flag(NEGATION_RE),
        "deny_cue": lambda: flag(DENY_RE),
        "role": lambda: one_hot(roles, ROLES),
        "cue": lambda: one_hot(cue_flags, CUE_FLAGS),
    }
    return torch.cat([make[block]() for block in blocks], dim=1).float()


def embed_pairs(
    encoder: SentenceEncoder,
    items: Sequence[StanceInput],
    blocks: Sequence[str],
    batch_size: int = BATCH_SIZE,
    embeddings: dict[str, torch.Tensor] | None = None,
) -> torch.Tensor:
    """Features for stance inputs: each distinct text is embedded once.

    Args:
        encoder: The sentence encoder.
        items: The inputs (`text`, `target`, `context`, `speaker_role`, `cue_flags`).
        blocks: Feature blocks to build.
        batch_size: Encoder batch size.
        embeddings: Precomputed text -> vector (e.g. a training cache);
            texts missing from it are embedded.
    """
    known = embeddings or {}
    needed = {t for item in items for t in (item.text, item.target, item.context) if t}
    missing = sorted(t for t in needed if t not in known)
    vectors = dict(zip(missing, encoder.encode(missing, batch_size), strict=True))
    vectors.update({t: known[t] for t in needed if t in known})
    zero = torch.zeros(encoder.dim)
    u = torch.stack([vectors[item.text] for item in items])
    v = torch.stack([vectors[item.target] if item.target else zero for item in items])
    c = torch.stack([vectors[item.context] if item.context else zero for item in items])
    has_context = torch.tensor([1.0 if item.context else 0.0 for item in items])
    return pair_features(
        blocks, u, v, c, has_context, [item.text for item in items],
        [item.speaker_role for item in items], [item.cue_flags for item in items],
    )


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


class LearnedStance:
    """The `learned` backend: encoder + head, loaded once.

    Args:
        encoder: The sentence encoder the head was trained on.
        head: The trained head.
        meta: The head's JSON description (its `features.blocks` are used).
        batch_size: Encoder batch size.

    Example:
        >>> from claimkit.config import Config
        >>> backend = build(Config(stance_backend="learned"), None)        # doctest: +SKIP
        >>> backend.predict([StanceInput("Twitter is purging bots.",
        ...                               "the platform removed bots")])   # doctest: +SKIP
        [StancePrediction(stance='support', confidence=0.9...)]
    """

    name = "learned"

    def __init__(
        self,
        encoder: SentenceEncoder,
        head: StanceHead,
        meta: dict[str, Any],
        batch_size: int = BATCH_SIZE,
    ) -> None:
        self.encoder, self.head, self.meta = encoder, head, meta
        self.blocks = tuple(meta["features"]["blocks"])
        self.batch_size = batch_size
        width = feature_width(self.blocks, encoder.dim)
        if width != head.in_dim:
            raise ModelNotFoundError(
                f"the stance head expects {head.in_dim} features but encoder {encoder.name!r} "
                f"gives {width} (vectors of size {encoder.dim}); the head was trained with "
                f"{meta.get('encoder', {}).get('name', 'another encoder')!r}: choose that encoder "
                "with --encoder-model, or " + TRAIN_HINT
            )

    def probabilities(self, items: Sequence[StanceInput]) -> torch.Tensor:
        """(n, 4) label probabilities, in `LABELS` order."""
        if not items:
            return torch.zeros((0, len(LABELS)))
        features = embed_pairs(self.encoder, items, self.blocks, self.batch_size)
        with torch.inference_mode():
            return torch.softmax(self.head(features), dim=1)

    def predict(self, items: Sequence[StanceInput]) -> list[StancePrediction]:
        """One prediction per input, in order: the most probable label and its probability."""
        probabilities = self.probabilities(items)
        best = probabilities.argmax(dim=1).tolist()
        return [
            StancePrediction(LABELS[label], float(min(1.0, max(0.0, row[label]))))
            for label, row in zip(best, probabilities.tolist(), strict=True)
        ]


def build(config, nlp=None) -> LearnedStance:
    """The registry's factory: encoder from `config.encoder_model`, head from `config.stance_head`.

    Raises:
        ModelNotFoundError: the encoder or the head cannot be loaded.
    """
    head, meta = load_head(config.stance_head or default_head_path())
    encoder = load_encoder(config.encoder_model or None)
    return LearnedStance(encoder, head, meta)


def head_args_dict(args: HeadArgs) -> dict[str, Any]:
    """`HeadArgs` as a plain dict (for the head's JSON)."""
    return asdict(args)
