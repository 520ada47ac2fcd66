"""`claimkit eval`: run the pipeline on gold corpora and score it (SPEC section 6).

`evaluate` scores the SPEC JSON of every analysis (`Analysis.to_dict()`),
which is exactly what `claimkit extract --format jsonl` prints, so its
numbers equal those of any independent scorer run on that output. With
`predictions` it scores saved extract output instead of running the pipeline.
`run_cli` is the command: it renders the report as a terminal table, JSON or
Markdown.

Example:
    >>> from claimkit.evaluate import evaluate
    >>> report = evaluate(["corpora/dev.jsonl"])                    # doctest: +SKIP
    >>> round(report.claims.f1, 3), report.official.n                 # doctest: +SKIP
    (0.812, 41)
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console
from rich.table import Table

from claimkit.config import ENV_DEBUG, Config
from claimkit.corpus import load_gold
from claimkit.errors import AnalysisError, ClaimkitError, GoldError, InputError, JsonlError, MissingFileError
from claimkit.ingest import expand_paths
from claimkit.limits import Deadline
from claimkit.scoring import MISSING, SPURIOUS, EvalReport, describe, score_corpus
from claimkit.types import CLAIM_KINDS, STANCES, Document

if TYPE_CHECKING:
    from claimkit.pipeline import Analyzer

Predictions = str | Path | Iterable[Mapping[str, Any]] | Mapping[str, Mapping[str, Any]]
Section = tuple[str, list[str], list[list[str]]]
DEFAULT_DEADLINE = Deadline()
#: Exit code of `claimkit eval` when some document's analysis failed (the others were scored).
EXIT_FAILED = 1
STOPPED = "evaluation stopped: a corpus with a broken line cannot be scored honestly; fix the line and rerun"


def read_predictions(path: str | Path) -> list[dict[str, Any]]:
    """Read saved `claimkit extract` output: JSONL (`--format jsonl`) or JSON (`--format json`).

    Raises:
        InputError: the file is missing or unreadable, a line is not a JSON
            object, lacks an `id`, or repeats one (naming file and line).
    """
    path = Path(path)
    location = str(path)
    if not path.is_file():
        raise MissingFileError("no such predictions file", location)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read predictions: {err}", location) from None
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        items = [(f"{location}:{n}", line) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    else:
        records = whole if isinstance(whole, list) else [whole]
        items = [(f"{location}[{n}]", record) for n, record in enumerate(records)]
    predictions: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for where, item in items:
        if isinstance(item, str):
            try:
                item = json.loads(item)
            except json.JSONDecodeError as err:
                raise JsonlError(f"malformed JSON ({err.msg} at column {err.colno})", where) from None
        if not isinstance(item, dict):
            raise JsonlError(f"expected a JSON object (one extract result), found {type(item).__name__}", where)
        doc_id = item.get("id")
        if doc_id is None or doc_id == "":
            raise JsonlError('field "id" is missing; predictions are paired with gold by id', where)
        if str(doc_id) in seen:
            raise JsonlError(f"id {str(doc_id)!r} repeats {seen[str(doc_id)]}; ids must be unique", where)
        seen[str(doc_id)] = where
        predictions.append(item)
    return predictions


def _tracked(items: Iterator[Any], total: int, enabled: bool) -> Iterator[Any]:
    """Yield `items`, with a rich progress bar on stderr when enabled and stderr is a terminal."""
    console = Console(stderr=True)
    if not enabled or not console.is_terminal:
        yield from items
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("analysing", total=total)
        for item in items:
            yield item
            progress.advance(task)


def evaluate(
    paths: str | Path | Iterable[str | Path],
    config: Config | None = None,
    analyzer: Analyzer | None = None,
    progress: bool = False,
    predictions: Predictions | None = None,
    deadline: Deadline | float | None = DEFAULT_DEADLINE,
    on_skip: Callable[[ClaimkitError], None] | None = None,
) -> EvalReport:
    """Score the pipeline (or saved predictions) against gold corpora.

    Args:
        paths: Gold JSONL file(s); glob patterns are expanded.
        config: Pipeline configuration (ignored when `analyzer` is given).
        analyzer: A loaded `Analyzer` to reuse.
        progress: Show a progress bar on stderr (only when it is a terminal).
        predictions: Score these instead of running the pipeline: a path to
            saved `claimkit extract --format jsonl` (or `--format json`)
            output, prediction dicts, or a mapping id -> prediction.
        deadline: Per-document time limit (`claimkit.limits`; default
            `Deadline()`, None for none). A document over it, or one whose
            analysis fails, is skipped: scored as an empty prediction (its
            gold claims and stances count as misses) and reported.
        on_skip: Called with the `AnalysisError` (E900, or `DeadlineError`
            E901 for the deadline) of each skipped document; `run_cli` prints
            it as one line on stderr.

    Returns:
        An `EvalReport`; `seconds` is the wall time of the pipeline run
        (model loading excluded; 0.0 when scoring saved predictions). A
        document whose analysis fails is scored as predicting nothing and
        listed in `failed` with its id and the error; the others are still
        analysed (set CLAIMKIT_DEBUG=1 to raise instead).

    Raises:
        GoldError: a gold line breaks the SPEC format (file, line, field).
        InputError: the predictions file cannot be read.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    gold = load_gold(list(paths))
    if predictions is not None:
        if isinstance(predictions, str | Path):
            predictions = read_predictions(predictions)
        return score_corpus(gold, predictions, seconds=0.0)
    if analyzer is None:
        from claimkit.pipeline import Analyzer

        analyzer = Analyzer(config)
    failed: list[tuple[str, str]] = []

    def on_error(document: Document, err: Exception) -> None:
        if os.environ.get(ENV_DEBUG):
            raise err
        if not isinstance(err, AnalysisError):  # a DeadlineError (E901) is one already
            err = AnalysisError(f"analysis failed ({type(err).__name__}: {err})", document.location)
        failed.append((document.id, err.one_line()))
        if on_skip is not None:
            on_skip(err)

    start = time.perf_counter()
    analyses = analyzer.pipe((doc.to_document() for doc in gold), on_error=on_error, deadline=deadline)
    results = [analysis.to_dict() for analysis in _tracked(analyses, len(gold), progress)]
    seconds = time.perf_counter() - start
    report = score_corpus(gold, results, seconds=seconds)
    report.failed = failed
    return report


# --------------------------------------------------------------------------- rendering


def _num(value: float) -> str:
    return f"{value:.3f}"


def _prf_row(name: str, counts: Mapping[str, Any]) -> list[str]:
    ratios = [_num(counts[k]) for k in ("precision", "recall", "f1")]
    return [name, *ratios, *(str(counts[k]) for k in ("tp", "fp", "fn"))]


def report_sections(report: EvalReport) -> list[Section]:
    """The scores as titled tables (title, headers, rows), shared by the terminal and Markdown views."""
    data = report.to_dict(errors=False)
    claims, stances, official = data["claims"], data["stances"], data["official"]
    sections: list[Section] = []
    claim_rows = [_prf_row("all", claims)]
    claim_rows += [_prf_row(kind, counts) for kind, counts in claims["per_kind"].items()
                   if kind in CLAIM_KINDS or any(counts[k] for k in ("tp", "fp", "fn"))]
    sections.append(("Claims", ["kind", "precision", "recall", "F1", "tp", "fp", "fn"], claim_rows))
    sections.append((
        "Claim attributes (over matched pairs)",
        ["qualifier accuracy", "duration accuracy", "source_role accuracy", "matched", "skipped (null amount)"],
        [[_num(claims["qualifier_accuracy"]), _num(claims["duration_accuracy"]),
          _num(claims["source_role_accuracy"]), str(claims["tp"]), str(claims["skipped_null_amount"])]],
    ))
    sections.append((
        "Stances",
        ["precision", "recall", "F1", "macro-F1", "tp", "fp", "fn", "aligned pairs"],
        [[*(_num(stances[k]) for k in ("precision", "recall", "f1", "macro_f1")),
          *(str(stances[k]) for k in ("tp", "fp", "fn", "aligned"))]],
    ))
    sections.append((
        "Stance labels (over aligned pairs)",
        ["label", "precision", "recall", "F1", "gold", "predicted"],
        [[label, *(_num(s[k]) for k in ("precision", "recall", "f1")), str(s["gold"]), str(s["predicted"])]
         for label, s in stances["per_label"].items()],
    ))
    confusion = stances["confusion"]
    predicted_labels = list(STANCES) + sorted(
        {p for row in confusion.values() for p in row} - set(STANCES) - {MISSING}
    ) + [MISSING]
    rows = [
        [label, *(str(confusion.get(label, {}).get(p, 0)) for p in predicted_labels)]
        for label in (*STANCES, SPURIOUS)
    ]
    sections.append((
        f"Stance confusion (rows gold, columns predicted; {MISSING} = no prediction, {SPURIOUS} = no gold)",
        ["gold / predicted", *predicted_labels],
        rows,
    ))
    sections.append((
        "Official positions",
        ["accuracy", "correct", "n"],
        [[_num(official["accuracy"]), str(official["correct"]), str(official["n"])]],
    ))
    return sections


def _summary(report: EvalReport) -> str:
    predicted = sum(doc.predicted for doc in report.per_document)
    line = f"{report.documents} gold documents, {predicted} predicted, {report.seconds:.1f} s"
    if report.unscored:
        unscored = ", ".join(report.unscored)
        line += f"; {len(report.unscored)} prediction(s) with no gold document not scored: {unscored}"
    if report.failed:
        failed = ", ".join(doc_id for doc_id, _ in report.failed)
        line += f"; {len(report.failed)} document(s) failed, scored as predicting nothing: {failed}"
    return line


ERROR_HEADERS = ["document", "task", "kind", "gold", "predicted", "evidence", "sentence", "note"]


def error_rows(report: EvalReport) -> list[list[str]]:
    """One row per error: document, task, kind, gold, predicted, evidence, sentence, note."""
    return [
        [e.document, e.task, e.kind, describe(e.task, e.gold), describe(e.task, e.predicted), e.evidence,
         e.sentence, e.note]
        for e in report.errors
    ]


def print_report(console: Console, report: EvalReport, show_errors: bool = False) -> None:
    """The readable terminal view: rich tables, then (with `show_errors`) one block per error."""
    console.print(f"[bold]claimkit eval[/bold] — {_summary(report)}", highlight=False)
    for title, headers, rows in report_sections(report):
        table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
        for header in headers:
            table.add_column(header, overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    if not show_errors:
        return
    rows = error_rows(report)
    console.print(f"[bold]Errors ({len(rows)})[/bold]")
    for document, task, kind, gold, predicted, evidence, sentence, note in rows:
        console.print(f"{document}  {task} {kind}", style="bold", markup=False, highlight=False)
        pairs = (("gold", gold), ("predicted", predicted), ("evidence", evidence), ("sentence", sentence), ("note", note))
        for label, value in pairs:
            if label in ("gold", "predicted") or (value and value != "-"):
                console.print(f"    {label}: {value}", markup=False, highlight=False)


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|") or " "


def render_markdown(report: EvalReport, show_errors: bool = False) -> str:
    """The report as Markdown (same tables as the terminal view)."""
    lines = ["# claimkit eval", "", _summary(report), ""]
    sections = report_sections(report)
    if show_errors:
        rows = error_rows(report)
        sections.append((f"Errors ({len(rows)})", ERROR_HEADERS, rows))
    for title, headers, rows in sections:
        lines += [f"## {title}", "", "| " + " | ".join(_md_cell(h) for h in headers) + " |",
                  "|" + "---|" * len(headers)]
        lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
        lines.append("")
    return "\n".join(lines)


def run_cli(
    corpus: list[str],
    config: Config | None,
    as_json: bool = False,
    show_errors: bool = False,
    report: Path | None = None,
    predictions: Path | None = None,
) -> int:
    """`claimkit eval`: evaluate, then print a table (or JSON) and optionally write Markdown.

    `--errors` adds the error list to every output (terminal, JSON, Markdown).

    Returns:
        The exit code: 0, or `EXIT_FAILED` (1) when a document's analysis
        failed (the scores are still printed, that document counting as
        predicting nothing; each failure is one line on stderr).

    Raises:
        GoldError: a gold line is broken; nothing is scored (the message says why).
        InputError: the predictions file cannot be read.
    """
    try:
        result = evaluate(list(expand_paths(corpus)), config=config, progress=True, predictions=predictions)
    except GoldError as err:
        if err.location and re.search(r":\d+$", err.location):
            raise GoldError(f"{err.message} ({STOPPED})", err.location) from None
        raise
    if report is not None:
        try:
            Path(report).write_text(render_markdown(result, show_errors), encoding="utf-8")
        except OSError as err:
            raise InputError(f"cannot write the report: {err.strerror}", str(report)) from None
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(errors=show_errors), ensure_ascii=False, indent=2) + "\n")
    else:
        print_report(Console(), result, show_errors)
    for doc_id, message in result.failed:
        sys.stderr.write(f"claimkit: document {doc_id!r} scored as predicting nothing: {message}\n")
    if result.failed:
        sys.stderr.write(
            f"claimkit: {len(result.failed)} of {result.documents} document(s) failed or ran past the deadline; "
            f"a failure (E900) is a claimkit bug, please report it with the input (set {ENV_DEBUG}=1 for the traceback)\n"
        )
        return EXIT_FAILED
    return 0
