"""The `learned` stance backend: encoder + head, loaded once; `build` is its registry factory."""

from __future__ import annotations

import torch
from collections.abc import Sequence
from typing import Any

from claimkit.errors import ModelNotFoundError
from claimkit.stance.base import StanceInput, StancePrediction
from claimkit.stance.encoder import BATCH_SIZE, SentenceEncoder, load_encoder
from claimkit.stance.learned.features import embed_pairs, feature_width
from claimkit.stance.learned.head import LABELS, StanceHead, TRAIN_HINT, default_head_path, load_head


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
