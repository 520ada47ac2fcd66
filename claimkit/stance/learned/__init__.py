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
training-data summary and hashes); `eval/train_stance.py` rebuilds both
through `claimkit.stance.learned.training`.

Modules: `features` (the blocks above), `head` (the model, `HeadArgs`,
`train_head`, saving and loading), `backend` (`LearnedStance`, `build`),
`training` (the training data and model selection; imported on demand).
"""

from __future__ import annotations

from claimkit.stance.learned.features import (
    BLOCK_DESCRIPTIONS,
    CUE_FLAGS,
    DEFAULT_BLOCKS,
    DENY_RE,
    FEATURES_VERSION,
    FIXED_WIDTHS,
    KNOWN_BLOCKS,
    NEGATION_RE,
    QUESTION_RE,
    block_width,
    check_blocks,
    embed_pairs,
    feature_width,
    pair_features,
)
from claimkit.stance.learned.head import (
    HEAD_FORMAT,
    LABELS,
    TRAIN_HINT,
    HeadArgs,
    StanceHead,
    default_head_path,
    example_weights,
    head_args_dict,
    load_head,
    meta_path,
    save_head,
    train_head,
)
from claimkit.stance.learned.backend import LearnedStance, build

__all__ = [
    "BLOCK_DESCRIPTIONS",
    "CUE_FLAGS",
    "DEFAULT_BLOCKS",
    "DENY_RE",
    "FEATURES_VERSION",
    "FIXED_WIDTHS",
    "HEAD_FORMAT",
    "HeadArgs",
    "KNOWN_BLOCKS",
    "LABELS",
    "LearnedStance",
    "NEGATION_RE",
    "QUESTION_RE",
    "StanceHead",
    "TRAIN_HINT",
    "block_width",
    "build",
    "check_blocks",
    "default_head_path",
    "embed_pairs",
    "example_weights",
    "feature_width",
    "head_args_dict",
    "load_head",
    "meta_path",
    "pair_features",
    "save_head",
    "train_head",
]
