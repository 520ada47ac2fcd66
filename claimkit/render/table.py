"""The readable terminal view (rich tables)."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table

from claimkit.render import views
from claimkit.types import Analysis


def _table(title: str, headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", show_lines=False)
    for header in headers:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


def _heading(analysis: Analysis) -> str:
    bits = [analysis.id, analysis.published or "date unknown", analysis.platform or "platform unknown"]
    return "[bold]" + " · ".join(bits) + "[/bold]"


def print_analysis(console: Console, analysis: Analysis, statements: bool = False) -> None:
    """Claims, then the explanation matrix (and optionally the statements)."""
    console.print(_heading(analysis))
    if statements:
        console.print(_table("Statements", views.STATEMENT_HEADERS, views.statement_rows(analysis)))
    if analysis.claims:
        console.print(_table("Claims", views.CLAIM_HEADERS, views.claim_rows(analysis)))
    else:
        console.print("No follower claims found.")
    print_matrix(console, analysis, evidence=False)


def print_matrix(console: Console, analysis: Analysis, evidence: bool = True) -> None:
    """The explanation matrix; with `evidence`, the quotes behind each row."""
    if not analysis.explanations:
        console.print("No explanations raised.\n")
        return
    console.print(_table("Explanations", views.MATRIX_HEADERS, views.matrix_rows(analysis)))
    if evidence:
        for explanation in analysis.explanations:
            console.print(f"[bold]{explanation.cause}[/bold] — official: {explanation.official_position}")
            for line in views.evidence_lines(explanation):
                console.print(f"  {line}", markup=False, highlight=False)
        console.print()
