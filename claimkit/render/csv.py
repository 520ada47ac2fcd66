"""Flat tables for spreadsheets and notebooks: claims, stances, statements, explanations.

One row per record of the JSON output, every row carrying its document's
id, date, platform and metadata (`source`, `author`, `url`), so a table can
be filtered and pivoted on its own. Text is never cut: the evidence
sentence is whole. `write_csv` follows RFC 4180 (comma, double quotes,
CRLF line ends, via the `csv` module); `to_frames` gives the same tables as
pandas DataFrames.

Example:
    >>> import io, claimkit
    >>> from claimkit.render.csv import write_csv
    >>> out = io.StringIO()
    >>> write_csv([claimkit.analyze("I lost 500 followers today.")], out)   # doctest: +SKIP
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from typing import IO, Any

from claimkit.render.views import claim_sentence, evidence_sentence
from claimkit.types import Analysis

BOM = "\ufeff"

DOCUMENT_COLUMNS = ("document", "published", "platform", "source", "author", "url")
CLAIM_COLUMNS = DOCUMENT_COLUMNS + (
    "claim", "subject", "kind", "amount", "amount_low", "amount_high", "amount_text", "qualifier", "total",
    "period_text", "duration_seconds", "start_date", "end_date", "claim_platform", "source_speaker",
    "source_role", "statement", "mentions", "start", "end", "mention", "sentence",
)
STANCE_COLUMNS = DOCUMENT_COLUMNS + (
    "cause", "official_position", "statement", "speaker", "voice", "role", "stance", "confidence", "backend",
    "anonymous", "evidence", "evidence_start", "evidence_end", "sentence",
)
STATEMENT_COLUMNS = DOCUMENT_COLUMNS + (
    "statement", "speaker", "speaker_text", "handle", "role", "cue", "date", "anonymous", "start", "end", "text",
)
EXPLANATION_COLUMNS = DOCUMENT_COLUMNS + (
    "cause", "official_position", "mentions", "stances", "supporters", "deniers", "queriers", "commenters",
)
#: What joins several names in one cell.
LIST_SEPARATOR = "; "

Row = dict[str, Any]


def _document(analysis: Analysis) -> Row:
    meta = analysis.meta or {}
    return {
        "document": analysis.id,
        "published": analysis.published,
        "platform": analysis.platform,
        "source": meta.get("source"),
        "author": meta.get("author"),
        "url": meta.get("url"),
    }


def claim_rows(analysis: Analysis) -> list[Row]:
    """One row per claim, with the full sentence of its first mention."""
    head = _document(analysis)
    rows = []
    for n, c in enumerate(analysis.claims):
        first = c.mentions[0] if c.mentions else None
        rows.append({
            **head,
            "claim": n, "subject": c.subject, "kind": c.kind, "amount": c.amount, "amount_low": c.amount_low,
            "amount_high": c.amount_high, "amount_text": c.amount_text, "qualifier": c.qualifier, "total": c.total,
            "period_text": c.period_text, "duration_seconds": c.duration_seconds, "start_date": c.start_date,
            "end_date": c.end_date, "claim_platform": c.platform, "source_speaker": c.source_speaker,
            "source_role": c.source_role, "statement": c.statement, "mentions": len(c.mentions),
            "start": first.start if first else None, "end": first.end if first else None,
            "mention": first.text if first else None, "sentence": claim_sentence(analysis, c),
        })
    return rows


def stance_rows(analysis: Analysis) -> list[Row]:
    """One row per stance record (anonymous stances too, marked), with the evidence sentence."""
    head = _document(analysis)
    rows = []
    for e in analysis.explanations:
        for anonymous, records in ((False, e.stances), (True, e.anonymous_stances)):
            for r in records:
                rows.append({
                    **head,
                    "cause": e.cause, "official_position": e.official_position, "statement": r.statement,
                    "speaker": r.speaker, "voice": r.voice, "role": r.role, "stance": r.stance,
                    "confidence": r.confidence, "backend": r.backend, "anonymous": anonymous,
                    "evidence": r.evidence.text, "evidence_start": r.evidence.start, "evidence_end": r.evidence.end,
                    "sentence": evidence_sentence(r, analysis) or " ".join(r.evidence.text.split()),
                })
    return rows


def statement_rows(analysis: Analysis) -> list[Row]:
    """One row per statement, its text whole."""
    head = _document(analysis)
    return [
        {**head, "statement": n, "speaker": s.speaker, "speaker_text": s.speaker_text, "handle": s.handle,
         "role": s.role, "cue": s.cue, "date": s.date, "anonymous": s.anonymous, "start": s.start, "end": s.end,
         "text": s.text}
        for n, s in enumerate(analysis.statements)
    ]


def explanation_rows(analysis: Analysis) -> list[Row]:
    """One row per explanation: official position and the speakers by stance ("; "-joined)."""
    head = _document(analysis)
    return [
        {**head, "cause": e.cause, "official_position": e.official_position, "mentions": len(e.mentions),
         "stances": len(e.stances), "supporters": LIST_SEPARATOR.join(e.supporters),
         "deniers": LIST_SEPARATOR.join(e.deniers), "queriers": LIST_SEPARATOR.join(e.queriers),
         "commenters": LIST_SEPARATOR.join(e.commenters)}
        for e in analysis.explanations
    ]


#: Table name → (columns, rows of one analysis).
TABLES: dict[str, tuple[tuple[str, ...], Callable[[Analysis], list[Row]]]] = {
    "claims": (CLAIM_COLUMNS, claim_rows),
    "stances": (STANCE_COLUMNS, stance_rows),
    "statements": (STATEMENT_COLUMNS, statement_rows),
    "explanations": (EXPLANATION_COLUMNS, explanation_rows),
}


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_csv(results: Iterable[Analysis], out: IO[str], table: str = "claims", bom: bool = False) -> int:
    """Write one table as CSV (RFC 4180), rows as the analyses come; the header even when there are none.

    Args:
        results: Analyses (consumed lazily).
        out: A text stream.
        table: "claims", "stances", "statements" or "explanations".
        bom: Start with a UTF-8 byte-order mark, so spreadsheets read UTF-8.

    Returns:
        The number of rows written.

    Raises:
        KeyError: an unknown table name.
    """
    columns, rows_of = TABLES[table]
    if bom:
        out.write(BOM)
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    count = 0
    for analysis in results:
        for row in rows_of(analysis):
            writer.writerow({key: _cell(row.get(key)) for key in columns})
            count += 1
        out.flush()
    return count


def render_csv(results: Iterable[Analysis], table: str = "claims", bom: bool = False) -> str:
    """The CSV text of one table (a renderer: analyses in, text out)."""
    import io

    out = io.StringIO()
    write_csv(results, out, table, bom)
    return out.getvalue()


def render(analyses: Iterable[Analysis], table: str = "claims", bom: bool = False, **options: Any) -> str:
    """The `csv` output format (registered in `claimkit.registry.renderers`): one table of all the documents.

    Options it does not know (`statements`, `width`, `color`) are ignored.

    Raises:
        ConfigError: an unknown table name.
    """
    from claimkit.errors import ConfigError

    if table not in TABLES:
        raise ConfigError(f"unknown CSV table {table!r}; expected one of {', '.join(TABLES)}")
    return render_csv(analyses, table, bom)


def to_frames(results: Iterable[Analysis]) -> dict[str, Any]:
    """The four tables as pandas DataFrames: `{"claims", "stances", "statements", "explanations"}`.

    Missing values are None (pandas shows them as NaN/None); columns are those of the CSV tables.

    Example:
        >>> frames = claimkit.to_frames(analyzer.pipe(texts))      # doctest: +SKIP
        >>> frames["claims"].groupby("subject")["amount"].max()     # doctest: +SKIP
    """
    import pandas as pd

    analyses = list(results)
    return {
        name: pd.DataFrame([row for a in analyses for row in rows_of(a)], columns=list(columns))
        for name, (columns, rows_of) in TABLES.items()
    }
