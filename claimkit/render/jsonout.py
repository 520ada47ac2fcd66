"""JSON and JSONL output with the SPEC's keys."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from claimkit.types import Analysis


def render_jsonl_line(analysis: Analysis) -> str:
    """One document as one JSON line."""
    return analysis.to_json()


def render_json(analyses: Sequence[Analysis]) -> str:
    """One object for one document, an array for several (SPEC section 2)."""
    if len(analyses) == 1:
        return json.dumps(analyses[0].to_dict(), ensure_ascii=False, indent=2)
    return json.dumps([a.to_dict() for a in analyses], ensure_ascii=False, indent=2)


def render(analyses: Sequence[Analysis], **options: Any) -> str:
    """The `json` output format: one object (or an array), then a newline; nothing for no documents."""
    return render_json(analyses) + "\n" if analyses else ""


def render_lines(analyses: Sequence[Analysis], **options: Any) -> str:
    """The `jsonl` output format: one line per document."""
    return "".join(render_jsonl_line(analysis) + "\n" for analysis in analyses)


render_lines.per_document = True  # type: ignore[attr-defined]
