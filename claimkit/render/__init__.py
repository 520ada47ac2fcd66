"""Renderers: terminal table, JSON, JSONL, Markdown and CSV views of `Analysis` results."""

from __future__ import annotations

from claimkit.render.jsonout import render_json, render_jsonl_line

FORMATS = ("table", "json", "jsonl", "markdown", "csv")

__all__ = ["FORMATS", "render_json", "render_jsonl_line"]
