"""The `claimkit` command: a thin typer layer over the Python API.

Commands parse options, call the API and render. Bad input never prints a
traceback: each bad file or line gets one `[code] file:line: message` line on
stderr, the other inputs are still processed, and the exit code is 1. A bad
option (unknown name, bad value, missing model) is one line and exit 2.

Exit codes:
    0: every input was analysed.
    1: some input was skipped (each one reported on stderr), or none was given.
    2: usage error: unknown option, bad option value, missing model or backend,
       output file that cannot be written.
    130: interrupted (Ctrl-C).
    141: the reader of the output went away (`claimkit ... | head`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import IO, Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from claimkit.cli_options import (
    BackendOpt,
    CodeOpt,
    EncoderOpt,
    FormatOpt,
    InputsArg,
    MaxCharsOpt,
    NliOpt,
    OutputOpt,
    PlatformOpt,
    PlatformsOpt,
    AuthorOpt,
    PublishedOpt,
    SourceOpt,
    SpacyOpt,
    StanceHeadOpt,
    TableName,
    TaxonomyOpt,
)
from claimkit.cli_support import (  # noqa: F401 - re-exported for the commands and tests
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PIPE,
    EXIT_USAGE,
    FILE_WIDTH,
    PROGRESS_MIN,
    Run,
    _Console,
    _isatty,
    build_config,
    check_format,
    check_output,
    estimate_documents,
    fail,
    finish_output,
    import_code,
    load_analyzer,
    make_console,
    open_output,
    published_date,
    report_analyses,
    start_run,
)
from claimkit.errors import ClaimkitError
from claimkit.ingest import STDIN
from claimkit.types import Analysis

# Typer vendors click in recent releases: take its exception classes from where
# typer's own `BadParameter` lives, so the old and new layouts both work.
_click_exceptions = sys.modules[typer.BadParameter.__module__]
ClickException = _click_exceptions.ClickException
ClickAbort = getattr(_click_exceptions, "Abort", typer.Abort)

class ClaimkitGroup(TyperGroup):
    """Typer's group with one-line usage errors and a quiet broken pipe.

    Click prints a usage block and a boxed error for a bad option; claimkit
    prints `claimkit: error: ...` on one line and exits 2, in the console
    script and under `CliRunner` alike.
    """

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(
                args=args, prog_name=prog_name, complete_var=complete_var, standalone_mode=False, **extra
            )
        except ClickException as err:
            code = _click_error(err)
        except (ClickAbort, typer.Abort):
            typer.echo("claimkit: aborted", err=True)
            code = EXIT_INPUT
        code = code if isinstance(code, int) else EXIT_OK
        if standalone_mode:
            sys.exit(code)
        return code

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(EXIT_PIPE) from None
        except KeyboardInterrupt:
            typer.echo("claimkit: interrupted", err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None


def _click_error(err: Any) -> int:
    """Print a click error as one line; `claimkit` alone (help shown) prints nothing more."""
    if type(err).__name__ == "NoArgsIsHelpError":
        return err.exit_code
    ctx = getattr(err, "ctx", None)
    message = " ".join(err.format_message().replace("Value error, ", "").split())
    hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
    typer.echo(f"claimkit: error: {message}{hint}", err=True)
    return err.exit_code


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the final flush does not raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


app = typer.Typer(
    name="claimkit",
    cls=ClaimkitGroup,
    help="Extract follower claims, speakers, explanations and stances from articles and posts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version_callback(value: bool) -> None:
    if value:
        from claimkit import __version__

        typer.echo(f"claimkit {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Extract follower claims, speakers, explanations and stances from articles and posts."""
    # Model-loading progress bars of the optional backends are noise on stderr.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


@app.command("extract")
def extract_command(
    inputs: InputsArg,
    fmt: FormatOpt = "table",
    published: PublishedOpt = None,
    platform: PlatformOpt = None,
    spacy_model: SpacyOpt = None,
    stance_backend: BackendOpt = None,
    nli_model: NliOpt = None,
    encoder_model: EncoderOpt = None,
    stance_head: StanceHeadOpt = None,
    max_chars: MaxCharsOpt = None,
    taxonomy: TaxonomyOpt = None,
    platforms: PlatformsOpt = None,
    code: CodeOpt = None,
    statements: Annotated[bool, typer.Option("--statements", help="Table and Markdown: list the statements too.")] = False,
    table_name: Annotated[
        TableName, typer.Option("--table", help="CSV: which records, one row each (claims, stances, statements, explanations).")
    ] = TableName.claims,
    bom: Annotated[bool, typer.Option("--bom", help="CSV: start with a UTF-8 byte-order mark (for spreadsheets).")] = False,
    author: AuthorOpt = None,
    source: SourceOpt = None,
    output: OutputOpt = None,
) -> None:
    """Extract claims, speakers and the explanation matrix from documents.

    Example: claimkit extract article.txt posts.jsonl --format jsonl
    """
    run, analyzer, out = start_run(
        inputs, output, published, code=code, fmt=fmt, author=author, source=source, spacy_model=spacy_model,
        stance_backend=stance_backend, nli_model=nli_model, encoder_model=encoder_model,
        stance_head=stance_head, max_chars=max_chars, platform=platform, taxonomy=taxonomy,
        platforms=platforms,
    )
    try:
        render(run.analyses(analyzer), fmt, out, statements, table_name.value, bom)
    finally:
        finish_output(out)
    run.finish()


def render(
    results: Iterator[Analysis],
    fmt: str,
    out: IO[str],
    statements: bool = False,
    table_name: str = "claims",
    bom: bool = False,
) -> None:
    """Write the analyses in the output format `fmt`.

    A renderer marked `per_document` writes each document as it comes;
    any other (JSON, CSV, most plugins) gets them all at once.
    """
    from claimkit.render import get_renderer

    renderer = get_renderer(fmt)
    tty = _isatty(out)
    options: dict[str, Any] = {"statements": statements, "width": None if tty else FILE_WIDTH, "color": tty,
                               "table": table_name, "bom": bom}
    if tty:
        options["width"] = make_console(out).width
    if not getattr(renderer, "per_document", False):
        text = renderer(list(results), **options)
        if text:
            out.write(text)
        return
    separator = getattr(renderer, "separator", "")
    for number, analysis in enumerate(results):
        out.write((separator if number else "") + renderer([analysis], **options))
        out.flush()


@app.command("explain")
def explain_command(
    inputs: InputsArg,
    markdown_out: Annotated[bool, typer.Option("--markdown", help="Markdown instead of the terminal view.")] = False,
    published: PublishedOpt = None,
    platform: PlatformOpt = None,
    spacy_model: SpacyOpt = None,
    stance_backend: BackendOpt = None,
    nli_model: NliOpt = None,
    encoder_model: EncoderOpt = None,
    stance_head: StanceHeadOpt = None,
    max_chars: MaxCharsOpt = None,
    taxonomy: TaxonomyOpt = None,
    platforms: PlatformsOpt = None,
    code: CodeOpt = None,
    author: AuthorOpt = None,
    source: SourceOpt = None,
    output: OutputOpt = None,
) -> None:
    """Show only the explanation matrix, with the evidence quote behind each stance.

    Example: claimkit explain article.txt
    """
    from claimkit.render import markdown, table

    run, analyzer, out = start_run(
        inputs, output, published, code=code, author=author, source=source, spacy_model=spacy_model,
        stance_backend=stance_backend, nli_model=nli_model, encoder_model=encoder_model,
        stance_head=stance_head, max_chars=max_chars, platform=platform, taxonomy=taxonomy,
        platforms=platforms,
    )
    console = make_console(out)
    try:
        for number, analysis in enumerate(run.analyses(analyzer)):
            if markdown_out:
                out.write(("\n" if number else "") + f"## {analysis.id}\n\n" + markdown.render_matrix(analysis))
            else:
                if number:
                    console.print()
                table.print_heading(console, analysis)
                table.print_matrix(console, analysis, evidence=True)
            out.flush()
    finally:
        finish_output(out)
    run.finish()


@app.command("eval")
def eval_command(
    corpus: Annotated[list[str], typer.Argument(help="Gold JSONL corpus file(s) or globs.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the SPEC's JSON object.")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="List every miss and false positive.")] = False,
    report: Annotated[Optional[Path], typer.Option("--report", help="Write the results as Markdown to FILE.md.")] = None,
    predictions: Annotated[
        Optional[Path],
        typer.Option("--predictions", help="Score saved `extract --format jsonl` output instead of running the pipeline."),
    ] = None,
    spacy_model: SpacyOpt = None,
    stance_backend: BackendOpt = None,
    nli_model: NliOpt = None,
    encoder_model: EncoderOpt = None,
    stance_head: StanceHeadOpt = None,
    platform: PlatformOpt = None,
    max_chars: MaxCharsOpt = None,
    taxonomy: TaxonomyOpt = None,
    platforms: PlatformsOpt = None,
    code: CodeOpt = None,
) -> None:
    """Score the pipeline (or saved predictions) against gold corpora (SPEC sections 5 and 6).

    The pipeline options are those of `extract`; they are ignored with --predictions.

    Example: claimkit eval corpora/dev.jsonl --json
    """
    from claimkit import evaluate

    import_code(code)
    config = build_config(
        spacy_model=spacy_model, stance_backend=stance_backend, nli_model=nli_model,
        encoder_model=encoder_model, stance_head=stance_head, platform=platform, max_chars=max_chars,
        taxonomy=taxonomy, platforms=platforms,
    )
    try:
        code = evaluate.run_cli(
            corpus, config, as_json=as_json, show_errors=errors, report=report, predictions=predictions
        )
    except ClaimkitError as err:
        raise fail(err.one_line(), EXIT_INPUT) from None
    raise typer.Exit(code)


class Engine(str, Enum):
    """Engines of `claimkit batch`."""
    local = "local"
    ray = "ray"


@app.command("batch")
def batch_command(
    inputs: Annotated[
        Optional[list[str]],
        typer.Argument(help="JSONL (.gz/.zst), Parquet, text files, folders, globs or saved datasets.",
                       show_default=False, metavar="INPUT"),
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Output: .jsonl, .parquet, .sqlite, .db or .csv (claims table).",
                                         show_default=False)] = ...,
    workers: Annotated[Optional[int], typer.Option("--workers", "-w", min=1, help="Worker processes (default: all cores).")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Skip documents the output holds; append the rest.")] = False,
    engine: Annotated[Engine, typer.Option("--engine", help="local processes, or Ray (pip install 'claimkit[ray]').")] = Engine.local,
    ray_address: Annotated[Optional[str], typer.Option("--ray-address", help="Existing Ray cluster (default: a local one).")] = None,
    no_filter: Annotated[bool, typer.Option("--no-filter", help="Run the full pipeline on every document.")] = False,
    max_error_rate: Annotated[float, typer.Option("--max-error-rate", min=0.0, max=1.0,
                                                  help="Stop when more than this share of input lines is bad.")] = 0.01,
    summary: Annotated[Optional[Path], typer.Option("--summary", help="Also write the summary as JSON to FILE.")] = None,
    chunk_size: Annotated[int, typer.Option("--chunk-size", min=1, help="Documents per chunk (unit of work and of atomic writes).")] = 1024,
    deadline: Annotated[Optional[float], typer.Option("--deadline", min=0.0, show_default=False, help=(
        "Seconds one document may take (default: max(10, 1 per 1,000 characters)); 0 for no limit. "
        "A document past it is skipped with E901."))] = None,
    hf_dataset: Annotated[Optional[str], typer.Option("--hf-dataset", help="A Hugging Face dataset to read (datasets.load_dataset).")] = None,
    split: Annotated[str, typer.Option("--split", help="Split of --hf-dataset.")] = "train",
    text_column: Annotated[str, typer.Option("--text-column", help="Text column of Parquet files and datasets.")] = "text",
    id_column: Annotated[str, typer.Option("--id-column", help="Id column of Parquet files and datasets.")] = "id",
    progress: Annotated[Optional[bool], typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal).",
                                                     show_default=False)] = None,
    published: PublishedOpt = None,
    platform: PlatformOpt = None,
    spacy_model: SpacyOpt = None,
    stance_backend: BackendOpt = None,
    nli_model: NliOpt = None,
    encoder_model: EncoderOpt = None,
    stance_head: StanceHeadOpt = None,
    max_chars: MaxCharsOpt = None,
) -> None:
    """Analyse large inputs on every core (or a Ray cluster) into JSONL, Parquet or SQLite.

    Example: claimkit batch 'posts/*.jsonl.zst' -o posts.sqlite --workers 4 --resume
    """
    from claimkit.batch import Columns, HFSource, run
    from claimkit.errors import BatchError

    config = build_config(spacy_model=spacy_model, stance_backend=stance_backend, nli_model=nli_model,
                          encoder_model=encoder_model, stance_head=stance_head, max_chars=max_chars, platform=platform)
    sources: list = list(inputs or [])
    if hf_dataset:
        sources.append(HFSource(hf_dataset, split, text_column, id_column or None))
    if not sources:
        raise fail("give at least one INPUT or --hf-dataset")
    check_output(output, [s for s in sources if isinstance(s, str)])
    try:
        result = run(sources, output, workers=workers, resume=resume, engine=engine.value,
                     relevance_filter=not no_filter, config=config, published=published_date(published),
                     columns=Columns(text_column, id_column or None), chunk_size=chunk_size,
                     max_error_rate=max_error_rate, summary_path=summary, progress=progress, ray_address=ray_address,
                     **({} if deadline is None else {"deadline": deadline or None}))
    except BatchError as err:
        raise fail(err.one_line(), EXIT_INPUT) from None
    except ClaimkitError as err:
        raise fail(err.one_line()) from None
    typer.echo(result.one_line(), err=True)
    if result.errors:
        raise typer.Exit(EXIT_INPUT)
    if result.documents + result.resumed == 0:
        raise fail("no documents to analyse", EXIT_INPUT)


@app.command("report")
def report_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Documents (text, JSONL, - for standard input) or saved `extract -f json/jsonl` output, or globs.",
            show_default=False,
            metavar="INPUT",
        ),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.", show_default=False)],
    title: Annotated[str, typer.Option("--title", help="The report's title.")] = "claimkit newsroom report",
    published: PublishedOpt = None,
    platform: PlatformOpt = None,
    spacy_model: SpacyOpt = None,
    stance_backend: BackendOpt = None,
    nli_model: NliOpt = None,
    encoder_model: EncoderOpt = None,
    stance_head: StanceHeadOpt = None,
    max_chars: MaxCharsOpt = None,
    taxonomy: TaxonomyOpt = None,
    platforms: PlatformsOpt = None,
    code: CodeOpt = None,
    author: AuthorOpt = None,
    source: SourceOpt = None,
) -> None:
    """Write one self-contained HTML report across documents: accounts, figures, matrix, texts.

    Saved claimkit output (JSON or JSONL objects with `statements` and
    `explanations`) is read back as it is; every other input is analysed.

    Example: claimkit report 'news/*.txt' posts.jsonl -o report.html
    """
    from claimkit.newsroom import build
    from claimkit.report import render_report

    import_code(code)
    config = build_config(
        spacy_model=spacy_model, stance_backend=stance_backend, nli_model=nli_model, encoder_model=encoder_model,
        stance_head=stance_head, max_chars=max_chars, platform=platform, taxonomy=taxonomy, platforms=platforms,
    )
    run = Run(inputs, config, published_date(published), author=author, source=source)
    check_output(output, run.inputs)
    if str(output) == STDIN:
        raise fail("give the report a file name with -o (it is one HTML file)")
    analyses = list(report_analyses(run, config))
    try:
        from claimkit.platforms import load_platforms

        html = render_report(build(analyses, load_platforms(config.platforms)), title=title)
    except ClaimkitError as err:
        raise fail(err.one_line()) from None
    out = open_output(output)
    try:
        out.write(html)
    finally:
        finish_output(out)
    if run.errors:
        typer.echo(f"claimkit: {run.done} document(s) in the report, {len(run.errors)} input(s) skipped", err=True)
        raise typer.Exit(EXIT_INPUT)
    if run.done == 0:
        raise fail("no documents for the report", EXIT_INPUT)
    typer.echo(f"claimkit: wrote {output}: {run.done} document(s), {run.claims} claim(s)", err=True)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("claimkit: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(EXIT_PIPE)
