"""Renderers: terminal table, JSON, JSONL, Markdown and CSV views of `Analysis` results.

Output formats are looked up by name in `claimkit.registry.renderers`; a
renderer is a function `(analyses, **options) -> str` (options it does not
know it ignores). One that sets `per_document = True` writes each document
as it comes (its output for several documents is its outputs for each,
joined by its `separator`, default ""); any other gets all the documents at
once. Another package adds a format through the `claimkit_renderers`
entry-point group (see docs/extending.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from claimkit import registry
from claimkit.errors import ConfigError
from claimkit.render.jsonout import render_json, render_jsonl_line
from claimkit.types import Analysis

#: The built-in output formats (plugins may register more: see `format_names`).
FORMATS = ("table", "json", "jsonl", "markdown", "csv")

Renderer = Callable[..., str]


def format_names() -> list[str]:
    """Every registered output format, sorted (built-in and plugin ones)."""
    return registry.names(registry.renderers)


def get_renderer(fmt: str) -> Renderer:
    """The renderer registered as `fmt`.

    Raises:
        ConfigError: no renderer has that name (the message lists those that do).
    """
    try:
        return registry.lookup(registry.renderers, fmt, "output format")
    except registry.UnknownName as err:
        raise ConfigError(str(err)) from None


def render(analyses: Analysis | Sequence[Analysis], fmt: str = "table", **options: Any) -> str:
    """Render one analysis or several in an output format.

    Args:
        analyses: An `Analysis` or a sequence of them.
        fmt: A registered format: table, json, jsonl, markdown, csv, or a plugin's.
        **options: Passed to the renderer (e.g. `statements=True`, `width=120`).

    Raises:
        ConfigError: unknown format.

    Example:
        >>> from claimkit import analyze
        >>> from claimkit.render import render
        >>> print(render(analyze("I lost 500 followers today."), "markdown"))  # doctest: +SKIP
    """
    items = [analyses] if isinstance(analyses, Analysis) else list(analyses)
    return get_renderer(fmt)(items, **options)


__all__ = ["FORMATS", "format_names", "get_renderer", "render", "render_json", "render_jsonl_line"]
