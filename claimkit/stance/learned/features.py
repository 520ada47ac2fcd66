"""Pair features of the `learned` backend: the blocks a head reads (see `claimkit.stance.learned`)."""

from __future__ import annotations

import re
import torch
from collections.abc import Sequence

from claimkit.errors import ConfigError
from claimkit.lexicon.stance import DENY_PATTERN, NEGATION_PATTERN, QUESTION_PATTERN
from claimkit.stance.base import StanceInput
from claimkit.stance.encoder import BATCH_SIZE, SentenceEncoder
from claimkit.types import ROLES

#: Version of the feature code; a head built by another version is refused.
FEATURES_VERSION = 1
QUESTION_RE = re.compile(QUESTION_PATTERN)
NEGATION_RE = re.compile(NEGATION_PATTERN, re.IGNORECASE)
DENY_RE = re.compile(DENY_PATTERN, re.IGNORECASE)
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
