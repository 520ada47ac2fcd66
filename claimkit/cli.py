"""The `claimkit` command: a thin typer layer over the Python API.

Commands parse options, call the API and render. Bad input never prints a
traceback: each bad file or line gets one `[code] file:line: message` line on
stderr, the other inputs are still processed, and the exit code is 1.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from claimkit.config import Config
from claimkit.errors import ClaimkitError, ConfigError, InputError
from claimkit.ingest import parse_date, read_inputs
from claimkit.types import Analysis, Document

app = typer.Typer(
    name="claimkit",
    help="Extract follower claims, speakers, explanations and stances from articles and posts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_INPUT = 1
EXIT_USAGE = 2


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


class Backend(str, Enum):
    rules = "rules"
    learned = "learned"
    nli = "nli"


InputsArg = Annotated[
    list[str],
    typer.Argument(help="Text or JSONL files, globs (quoted), or - for standard input.", show_default=False),
]
PublishedOpt = Annotated[
    Optional[str], typer.Option("--published", help="Publication date YYYY-MM-DD (overrides headers and JSONL).")
]
PlatformOpt = Annotated[
    Optional[str], typer.Option("--platform", help="Platform to assume when a document does not name one.")
]
SpacyOpt = Annotated[
    Optional[str],
    typer.Option("--spacy-model", help="spaCy pipeline (env CLAIMKIT_SPACY_MODEL).", show_default=False),
]
BackendOpt = Annotated[
    Optional[Backend],
    typer.Option("--stance-backend", "-b", help="Stance backend (env CLAIMKIT_STANCE_BACKEND).", show_default=False),
]
NliOpt = Annotated[
    Optional[str], typer.Option("--nli-model", help="NLI model id or path for the nli backend (env CLAIMKIT_NLI_MODEL).")
]
EncoderOpt = Annotated[
    Optional[str], typer.Option("--encoder-model", help="Encoder id or path for the learned backend.")
]
MaxCharsOpt = Annotated[
    Optional[int], typer.Option("--max-chars", help="Longest document accepted, in characters.", min=1)
]
OutputOpt = Annotated[
    Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of standard output.")
]


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print one error line on stderr and return the exit to raise."""
    typer.echo(f"claimkit: error: {message}", err=True)
    return typer.Exit(code)


def build_config(**options) -> Config:
    """A `Config` from CLI options (None keeps the default or environment value)."""
    backend = options.get("stance_backend")
    if isinstance(backend, Enum):
        options["stance_backend"] = backend.value
    try:
        return Config.from_options(**options)
    except ConfigError as err:
        raise fail(err.one_line()) from None


def published_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value, "--published")
    except ClaimkitError as err:
        raise fail(err.one_line()) from None


def _analyses(inputs: list[str], config: Config, published: date | None, errors: list[InputError]):
    """Analyse every readable input; collect the errors of the others (reported as they come)."""
    from claimkit.pipeline import Analyzer

    try:
        analyzer = Analyzer(config)
    except ClaimkitError as err:
        raise fail(err.one_line()) from None

    def documents() -> Iterator[Document]:
        for item in read_inputs(inputs, published=published, max_chars=config.max_chars):
            if isinstance(item, InputError):
                errors.append(item)
                typer.echo(f"claimkit: skipped: {item.one_line()}", err=True)
            else:
                yield item

    try:
        yield from analyzer.pipe(documents())
    except ClaimkitError as err:
        raise fail(err.one_line()) from None


def _finish(errors: list[InputError], done: int) -> None:
    if errors:
        typer.echo(f"claimkit: {done} document(s) analysed, {len(errors)} input(s) skipped", err=True)
        raise typer.Exit(EXIT_INPUT)
    if done == 0:
        raise fail("no documents to analyse", EXIT_INPUT)


def _writer(output: Path | None):
    if output is None:
        return sys.stdout
    try:
        return output.open("w", encoding="utf-8")
    except OSError as err:
        raise fail(f"{output}: cannot write: {err.strerror}") from None


@app.command("extract")
def extract_command(
    inputs: InputsArg,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    published: PublishedOpt = None,
    platform: PlatformOpt = None,
    spacy_model: SpacyOpt = None,
    stance_backend: BackendOpt = None,
    nli_model: NliOpt = None,
    encoder_model: EncoderOpt = None,
    max_chars: MaxCharsOpt = None,
    statements: Annotated[bool, typer.Option("--statements", help="Table format: list the statements too.")] = False,
    output: OutputOpt = None,
) -> None:
    """Extract claims, speakers and the explanation matrix from documents.

    Example: claimkit extract article.txt --format jsonl
    """
    config = build_config(
        spacy_model=spacy_model, stance_backend=stance_backend, nli_model=nli_model,
        encoder_model=encoder_model, max_chars=max_chars, platform=platform,
    )
    errors: list[InputError] = []
    results = _analyses(inputs, config, published_date(published), errors)
    done = _render(results, fmt, output, statements)
    _finish(errors, done)


def _render(results: Iterator[Analysis], fmt: Format, output: Path | None, statements: bool) -> int:
    from claimkit.render import markdown, render_json, render_jsonl_line, table

    out = _writer(output)
    done = 0
    try:
        if fmt is Format.jsonl:
            for analysis in results:
                out.write(render_jsonl_line(analysis) + "\n")
                out.flush()
                done += 1
        elif fmt is Format.json:
            collected = list(results)
            done = len(collected)
            if collected:
                out.write(render_json(collected) + "\n")
        elif fmt is Format.markdown:
            for analysis in results:
                out.write(markdown.render([analysis]) + "\n")
                done += 1
        else:
            console = Console(file=out, width=None if out is sys.stdout else 160)
            for analysis in results:
                table.print_analysis(console, analysis, statements=statements)
                done += 1
    finally:
        if out is not sys.stdout:
            out.close()
    return done


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
    max_chars: MaxCharsOpt = None,
    output: OutputOpt = None,
) -> None:
    """Show only the explanation matrix, with the evidence quote behind each stance."""
    from claimkit.render import markdown, table

    config = build_config(
        spacy_model=spacy_model, stance_backend=stance_backend, nli_model=nli_model,
        encoder_model=encoder_model, max_chars=max_chars, platform=platform,
    )
    errors: list[InputError] = []
    out = _writer(output)
    done = 0
    console = Console(file=out, width=None if out is sys.stdout else 160)
    try:
        for analysis in _analyses(inputs, config, published_date(published), errors):
            if markdown_out:
                out.write(f"## {analysis.id}\n\n" + markdown.render_matrix(analysis) + "\n")
            else:
                console.print(f"[bold]{analysis.id}[/bold]")
                table.print_matrix(console, analysis, evidence=True)
            done += 1
    finally:
        if out is not sys.stdout:
            out.close()
    _finish(errors, done)


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
) -> None:
    """Score the pipeline (or saved predictions) against gold corpora (SPEC sections 5 and 6).

    Example: claimkit eval corpora/dev.jsonl --json
    """
    from claimkit import evaluate

    config = build_config(
        spacy_model=spacy_model, stance_backend=stance_backend, nli_model=nli_model,
        encoder_model=encoder_model,
    )
    try:
        code = evaluate.run_cli(
            corpus, config, as_json=as_json, show_errors=errors, report=report, predictions=predictions
        )
    except ClaimkitError as err:
        raise fail(err.one_line(), EXIT_INPUT) from None
    raise typer.Exit(code)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("claimkit: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
