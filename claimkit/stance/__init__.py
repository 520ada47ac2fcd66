"""Stance backends, looked up by name in `claimkit.registry.stance_backends`.

`rules` needs only spaCy; `learned` (all-MiniLM-L6-v2 encoder + a trained
head) and `nli` (any Hugging Face NLI model) need the `learned` / `nli`
extras (torch and transformers). Backends are imported only when chosen.
Another package adds a backend through the `claimkit_stance_backends`
entry-point group, or at run time with
`claimkit.registry.stance_backends.register(name, func=factory)` (see
docs/extending.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimkit import registry
from claimkit.errors import BackendUnavailableError, ConfigError
from claimkit.stance.base import StanceBackend, StanceInput, StancePrediction

if TYPE_CHECKING:
    from claimkit.config import Config


def backend_names() -> list[str]:
    """Every registered stance backend name, sorted (built-in and plugin ones)."""
    return registry.names(registry.stance_backends)


def load_backend(config: Config, nlp=None, taxonomy: Any = None) -> StanceBackend:
    """Build the stance backend that `config.stance_backend` names.

    Args:
        config: The configuration (`stance_backend` names the backend).
        nlp: The spaCy pipeline, for backends that parse.
        taxonomy: The `Taxonomy` in use, passed to factories that take a
            `taxonomy` keyword (the nli backend reads its templates there).

    Raises:
        ConfigError: unknown backend name.
        BackendUnavailableError: the backend's optional packages are missing.
    """
    name = config.stance_backend
    try:
        factory = registry.lookup(registry.stance_backends, name, "stance backend")
        if taxonomy is not None and registry.accepts(factory, "taxonomy"):
            return factory(config, nlp, taxonomy=taxonomy)
        return factory(config, nlp)
    except registry.UnknownName as err:
        raise ConfigError(str(err)) from None
    except registry.ExtraMissing as err:
        extra = err.extra or name
        raise BackendUnavailableError(
            f"the {name!r} stance backend needs {err.name or 'extra packages'}; "
            f'install it with: pip install "claimkit[{extra}]" (install torch first, see README)'
        ) from None


__all__ = ["StanceBackend", "StanceInput", "StancePrediction", "backend_names", "load_backend"]
