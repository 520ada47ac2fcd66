"""Stance backends, registered under their names.

`rules` needs only spaCy; `learned` (all-MiniLM-L6-v2 encoder + a trained
head) and `nli` (any Hugging Face NLI model) need the `learned` / `nli`
extras (torch and transformers). Backends are imported only when chosen.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from claimkit.errors import BackendUnavailableError, ConfigError
from claimkit.stance.base import StanceBackend, StanceInput, StancePrediction

if TYPE_CHECKING:
    from claimkit.config import Config

#: name -> "module:factory"; a factory takes (config, nlp) and returns a backend.
BACKENDS: dict[str, str] = {
    "rules": "claimkit.stance.rules:build",
    "learned": "claimkit.stance.learned:build",
    "nli": "claimkit.stance.nli:build",
}

EXTRAS = {"learned": "learned", "nli": "nli"}


def load_backend(config: Config, nlp=None) -> StanceBackend:
    """Build the stance backend that `config.stance_backend` names.

    Raises:
        ConfigError: unknown backend name.
        BackendUnavailableError: the backend's optional packages are missing.
    """
    name = config.stance_backend
    if name not in BACKENDS:
        raise ConfigError(f"unknown stance backend {name!r}; expected one of: {', '.join(BACKENDS)}")
    module_name, factory = BACKENDS[name].split(":")
    try:
        module = import_module(module_name)
    except ImportError as err:
        extra = EXTRAS.get(name, name)
        raise BackendUnavailableError(
            f"the {name!r} stance backend needs {err.name or 'extra packages'}; "
            f'install it with: pip install "claimkit[{extra}]" (install torch first, see README)'
        ) from None
    return getattr(module, factory)(config, nlp)


__all__ = ["BACKENDS", "StanceBackend", "StanceInput", "StancePrediction", "load_backend"]
