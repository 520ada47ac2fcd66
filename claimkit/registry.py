"""Registries: the parts of claimkit another package (or a `--code` file) can add to.

Four registries, each a `catalogue` registry open to entry points, so a
package adds a part by declaring an entry point in its own metadata, with no
change to claimkit:

| registry | entry-point group | holds |
| --- | --- | --- |
| `stance_backends` | `claimkit_stance_backends` | factories `(config, nlp, taxonomy=None) -> StanceBackend` |
| `renderers` | `claimkit_renderers` | functions `(analyses, **options) -> str` (output formats) |
| `sinks` | `claimkit_sinks` | batch output writers (none built in yet) |
| `taxonomies` | `claimkit_taxonomies` | functions `() -> dict` (a taxonomy in the JSON form) or a path |

This module imports nothing else from claimkit: the built-in parts are
registered as `LazyFactory` objects that name their module, so choosing the
`rules` backend never imports torch, and `claimkit.config` can check a
backend name without importing the stance package.

Example:
    >>> from claimkit import registry
    >>> @registry.stance_backends.register("always-comment")
    ... def build(config, nlp, taxonomy=None):
    ...     ...
    >>> "always-comment" in registry.names(registry.stance_backends)
    True
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import catalogue

stance_backends = catalogue.create("claimkit", "stance_backends", entry_points=True)
renderers = catalogue.create("claimkit", "renderers", entry_points=True)
sinks = catalogue.create("claimkit", "sinks", entry_points=True)
taxonomies = catalogue.create("claimkit", "taxonomies", entry_points=True)

REGISTRIES: dict[str, catalogue.Registry] = {
    "stance_backends": stance_backends,
    "renderers": renderers,
    "sinks": sinks,
    "taxonomies": taxonomies,
}


class ExtraMissing(ImportError):
    """A lazily registered part needs a package that is not installed.

    Attributes:
        extra: The claimkit extra that installs it (`pip install "claimkit[extra]"`), or None.
    """

    def __init__(self, message: str, name: str | None, extra: str | None) -> None:
        super().__init__(message, name=name)
        self.extra = extra


class UnknownName(LookupError):
    """No part is registered under a name; `names` lists those that are."""

    def __init__(self, kind: str, name: str, names: list[str]) -> None:
        super().__init__(f"unknown {kind} {name!r}; expected one of: {', '.join(names) or 'none'}")
        self.kind = kind
        self.name = name
        self.names = names


class LazyFactory:
    """A registered part that imports its module only when called.

    Args:
        target: `"package.module:attribute"`.
        extra: The claimkit extra that installs what the module needs.
    """

    def __init__(self, target: str, extra: str | None = None) -> None:
        self.target = target
        self.extra = extra

    def load(self) -> Any:
        """The attribute `target` names (the module is imported now).

        Raises:
            ExtraMissing: the module (or something it imports) is not installed.
        """
        module_name, attribute = self.target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ImportError as err:
            raise ExtraMissing(str(err), err.name, self.extra) from None
        return getattr(module, attribute)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.load()(*args, **kwargs)

    def __repr__(self) -> str:
        return f"LazyFactory({self.target!r})"


def names(registry: catalogue.Registry) -> list[str]:
    """The names registered (built in, by entry point or at run time), sorted."""
    return sorted(registry.get_all())


def lookup(registry: catalogue.Registry, name: str, kind: str) -> Any:
    """The part registered under `name` (a built-in's module is imported now).

    Args:
        kind: What a part is, for the error ("stance backend", "output format").

    Raises:
        UnknownName: nothing is registered under `name` (the message lists what is).
        ExtraMissing: the part's module needs a package that is not installed.
    """
    if not isinstance(name, str) or name not in registry:
        raise UnknownName(kind, str(name), names(registry))
    part = registry.get(name)
    return part.load() if isinstance(part, LazyFactory) else part


def accepts(func: Callable[..., Any], keyword: str) -> bool:
    """Whether `func` takes the keyword argument `keyword` (or any keyword)."""
    try:
        parameters = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.name == keyword or p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters)


def import_code(path: str | Path) -> None:
    """Import a user's Python file of registrations (the CLI's `--code FILE`).

    Raises:
        FileNotFoundError: `path` is not a file.
        ImportError: the file cannot be loaded as a module.
        Exception: whatever the file itself raises.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {str(path)!r}")
    module_name = f"claimkit_user_code_{abs(hash(str(path.resolve())))}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {str(path)!r} as a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(module_name, None)
        raise


# --------------------------------------------------------------------------- built-in parts

stance_backends.register("rules", func=LazyFactory("claimkit.stance.rules:build"))
stance_backends.register("learned", func=LazyFactory("claimkit.stance.learned:build", extra="learned"))
stance_backends.register("nli", func=LazyFactory("claimkit.stance.nli:build", extra="nli"))

renderers.register("table", func=LazyFactory("claimkit.render.table:render"))
renderers.register("json", func=LazyFactory("claimkit.render.jsonout:render"))
renderers.register("jsonl", func=LazyFactory("claimkit.render.jsonout:render_lines"))
renderers.register("markdown", func=LazyFactory("claimkit.render.markdown:render_output"))
renderers.register("csv", func=LazyFactory("claimkit.render.csv:render"))

taxonomies.register("claimkit.causes.v1", func=LazyFactory("claimkit.taxonomy:builtin_data"))
