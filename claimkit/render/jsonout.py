"""JSON and JSONL output with the SPEC's keys."""

from __future__ import annotations

import json
from collections.abc import Sequence

from claimkit.types import Analysis


def render_jsonl_line(analysis: Analysis) -> str:
    """One document as one JSON line."""
    return analysis.to_json()


def render_json(analyses: Sequence[Analysis]) -> str:
    """One object for one document, an array for several (SPEC section 2)."""
    if len(analyses) == 1:
        return json.dumps(analyses[0].to_dict(), ensure_ascii=False, indent=2)
    return json.dumps([a.to_dict() for a in analyses], ensure_ascii=False, indent=2)
