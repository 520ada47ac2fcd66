"""The readable terminal view (rich tables).

Every cell is plain text (`rich.text.Text`), never markup: a speaker called
"[deleted]" or a file named "post[1].txt" prints as it is.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimkit.render import views
from claimkit.types import Analysis


def _table(title: str, headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", show_lines=False)
    for header in headers:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def heading(analysis: Analysis) -> Text:
    """`id · published · platform`, in bold."""
    bits = [analysis.id, analysis.published or "date unknown", analysis.platform or "platform unknown"]
    return Text(" · ".join(bits), style="bold")


def print_heading(console: Console, analysis: Analysis) -> None:
    """The document's heading line."""
    console.print(heading(analysis))


def print_analysis(console: Console, analysis: Analysis, statements: bool = False) -> None:
    """Claims, then the explanation matrix (and, with `statements`, the statements first)."""
    print_heading(console, analysis)
    if statements:
        if analysis.statements:
            console.print(_table("Statements", views.STATEMENT_HEADERS, views.statement_rows(analysis)))
        else:
            console.print("No statements found.")
    if analysis.claims:
        console.print(_table("Claims", views.CLAIM_HEADERS, views.claim_rows(analysis)))
    else:
        console.print("No follower claims found.")
    print_matrix(console, analysis, evidence=False)


def print_matrix(console: Console, analysis: Analysis, evidence: bool = True) -> None:
    """The explanation matrix; with `evidence`, the quotes behind each row."""
    if not analysis.explanations:
        console.print("No explanations raised.")
        return
    console.print(_table("Explanations", views.MATRIX_HEADERS, views.matrix_rows(analysis)))
    if evidence:
        for explanation in analysis.explanations:
            title = Text(explanation.cause, style="bold")
            title.append(f" — official: {explanation.official_position}", style="")
            console.print(title)
            for line in views.evidence_lines(explanation, analysis=analysis):
                # Hard-wrapped to the terminal's width; one line each in a file or a pipe.
                console.print(Text(f"  {line}"), highlight=False, soft_wrap=not console.is_terminal)
            console.print()


def render(
    analyses: Sequence[Analysis], statements: bool = False, width: int | None = 160,
    color: bool = False, **options: Any,
) -> str:
    """The `table` output format as text: `print_analysis` for each document, a blank line between.

    Args:
        width: Columns of the table (160 suits files and pipes).
        color: Keep the terminal styles (bold headings) as ANSI codes.
    """
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, color_system="auto" if color else None)
    for number, analysis in enumerate(analyses):
        if number:
            console.print()
        print_analysis(console, analysis, statements=statements)
    return buffer.getvalue()


render.per_document = True  # type: ignore[attr-defined]
render.separator = "\n"  # type: ignore[attr-defined]
