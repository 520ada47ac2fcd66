"""Markdown view: the same claims table and explanation matrix as the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from claimkit.render import views
from claimkit.types import Analysis


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub-flavoured Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def render(analyses: Sequence[Analysis], evidence: bool = True, statements: bool = False) -> str:
    """Markdown for several documents: heading, (statements,) claims, matrix and evidence."""
    parts = []
    for analysis in analyses:
        parts.append(f"## {_cell(analysis.id)}\n")
        parts.append(
            f"Published: {analysis.published or 'unknown'} · Platform: {_cell(analysis.platform or 'unknown')}\n"
        )
        if statements:
            if analysis.statements:
                rows = views.statement_rows(analysis, width=None)
                parts.append("### Statements\n\n" + table(views.STATEMENT_HEADERS, rows) + "\n")
            else:
                parts.append("### Statements\n\nNo statements found.\n")
        if analysis.claims:
            parts.append("### Claims\n\n" + table(views.CLAIM_HEADERS, views.claim_rows(analysis)) + "\n")
        else:
            parts.append("### Claims\n\nNo follower claims found.\n")
        parts.append(render_matrix(analysis, evidence))
    return "\n".join(parts)


def render_output(analyses: Sequence[Analysis], statements: bool = False, **options: Any) -> str:
    """The `markdown` output format (`render` with the claims, matrix and evidence)."""
    return render(analyses, statements=statements) if analyses else ""


render_output.per_document = True  # type: ignore[attr-defined]
render_output.separator = "\n"  # type: ignore[attr-defined]


def render_matrix(analysis: Analysis, evidence: bool = True) -> str:
    """The explanation matrix and, with `evidence`, the quotes behind it."""
    if not analysis.explanations:
        return "### Explanations\n\nNo explanations raised.\n"
    out = ["### Explanations\n", table(views.MATRIX_HEADERS, views.matrix_rows(analysis)), ""]
    if evidence:
        for explanation in analysis.explanations:
            out.append(f"**{explanation.cause}** (official: {explanation.official_position})\n")
            out += [f"- {_cell(line)}" for line in views.evidence_lines(explanation, analysis=analysis)]
            out.append("")
    return "\n".join(out)
