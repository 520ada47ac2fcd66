"""Helpers of the `claimkit` command: option checks, reading a run's inputs, output files.

Kept apart from `claimkit/cli.py` (which declares the commands) so each
module stays readable; nothing here declares a command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Any

import typer
from rich.console import Console

from claimkit.config import ENV_DEBUG, Config
from claimkit.errors import AnalysisError, ClaimkitError, ConfigError, DuplicateIdError, InputError, OutputError
from claimkit.ingest import JSONL_SUFFIXES, STDIN, expand_inputs, parse_date, read_inputs
from claimkit.types import Analysis, Document

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_PIPE = 141
FILE_WIDTH = 160  # terminal-table width when writing to a file or a pipe
PROGRESS_MIN = 5  # a progress bar for more documents than this, on a terminal


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print one error line on stderr and return the exit to raise."""
    typer.echo(f"claimkit: error: {message}", err=True)
    return typer.Exit(code)


def import_code(paths: list[Path] | None) -> None:
    """Import each `--code` file (its registrations take effect), or exit 2 with one line."""
    from claimkit.registry import import_code as load

    for path in paths or []:
        try:
            load(path)
        except FileNotFoundError:
            raise fail(ConfigError("no such file (--code)", str(path)).one_line()) from None
        except Exception as err:  # noqa: BLE001 - the user's code; reported in one line
            message = f"importing it failed ({type(err).__name__}: {' '.join(str(err).split())})"
            raise fail(ConfigError(message, str(path)).one_line()) from None


def check_format(fmt: str) -> None:
    """Exit 2 with one line unless `fmt` names a registered output format."""
    from claimkit.render import get_renderer

    try:
        get_renderer(fmt)
    except ConfigError as err:
        raise fail(err.one_line()) from None


def build_config(**options) -> Config:
    """A `Config` from CLI options (None keeps the default or environment value)."""
    try:
        return Config.from_options(**options)
    except ConfigError as err:
        raise fail(err.one_line()) from None


def published_date(value: str | None) -> date | None:
    """The `--published` date, or a one-line usage error (exit 2)."""
    if value is None:
        return None
    try:
        return parse_date(value, "--published", "value")
    except ClaimkitError as err:
        raise fail(err.one_line()) from None


def load_analyzer(config: Config):  # -> claimkit.pipeline.Analyzer
    """An `Analyzer` with its spaCy pipeline and stance backend loaded, or exit 2 with one line."""
    from claimkit.pipeline import Analyzer

    try:
        analyzer = Analyzer(config)
        analyzer.stance  # noqa: B018 - load the backend now, before any output
    except ClaimkitError as err:
        raise fail(err.one_line()) from None
    return analyzer


class Run:
    """One `extract` / `explain` run: reads the inputs, analyses them, counts what was skipped."""

    def __init__(
        self,
        inputs: list[str],
        config: Config,
        published: date | None,
        author: str | None = None,
        source: str | None = None,
    ) -> None:
        self.config = config
        self.published = published
        self.author = author
        self.source = source
        self.errors: list[ClaimkitError] = []
        self.done = 0
        self.claims = 0
        self.progress = None  # a rich Progress on a terminal, for more than a few documents
        # Globs are expanded now, before any output file exists to be matched;
        # a pattern that matches nothing is reported when reading starts.
        expanded = list(expand_inputs(inputs))
        self.inputs = [item for item in expanded if not isinstance(item, InputError)]
        self.unmatched = [item for item in expanded if isinstance(item, InputError)]

    def skip(self, error: ClaimkitError) -> None:
        self.errors.append(error)
        self.echo(f"claimkit: skipped: {error.one_line()}")

    def documents(self) -> Iterator[Document]:
        for error in self.unmatched:
            self.skip(error)
        if STDIN in self.inputs and _isatty(sys.stdin):
            typer.echo("claimkit: reading standard input (end it with Ctrl-D)", err=True)
        yield from self.read(self.inputs)

    def read(self, inputs: list[str], stdin: Any = None) -> Iterator[Document]:
        """The documents of `inputs`; each bad input reported and skipped, each warning printed."""
        for item in read_inputs(
            inputs, published=self.published, max_chars=self.config.max_chars, stdin=stdin,
            author=self.author, source=self.source,
        ):
            if isinstance(item, DuplicateIdError):  # reported; the document follows under a new id
                self.errors.append(item)
                self.echo(f"claimkit: duplicate id: {item.one_line()}")
            elif isinstance(item, InputError):
                self.skip(item)
            else:
                for warning in item.warnings:
                    self.warn(warning)
                yield item

    def warn(self, message: str) -> None:
        self.echo(f"claimkit: warning: {message}")

    def echo(self, line: str) -> None:
        """One line on stderr (above the progress bar when there is one)."""
        if self.progress is not None:
            self.progress.console.print(line, markup=False, highlight=False)
        else:
            typer.echo(line, err=True)

    def analyses(self, analyzer, documents: Iterator[Document] | None = None) -> Iterator[Analysis]:
        def on_error(document: Document, err: Exception) -> None:
            if os.environ.get(ENV_DEBUG):
                raise err
            self.skip(
                AnalysisError(
                    f"analysis failed ({type(err).__name__}: {err}); this is a claimkit bug, please "
                    f"report it with the input (set {ENV_DEBUG}=1 for the traceback)",
                    document.location,
                )
            )

        with self.progress_bar():
            try:
                for analysis in analyzer.pipe(documents if documents is not None else self.documents(),
                                              on_error=on_error):
                    self.count(analysis)
                    yield analysis
            except ClaimkitError as err:
                raise fail(err.one_line()) from None

    def count(self, analysis: Analysis) -> None:
        """Count one finished analysis (and advance the progress bar)."""
        self.done += 1
        self.claims += len(analysis.claims)
        if self.progress is not None:
            self.progress.advance(self.task)

    @contextmanager
    def progress_bar(self) -> Iterator[None]:
        """A progress bar on stderr while analysing, when stderr is a terminal and there are many documents."""
        total = estimate_documents(self.inputs) if _isatty(sys.stderr) else 0
        if total <= PROGRESS_MIN or self.progress is not None:
            yield
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        progress = Progress(
            TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            console=Console(stderr=True), transient=True,
        )
        self.progress, self.task = progress, progress.add_task("analysing", total=total)
        try:
            with progress:
                yield
        finally:
            self.progress = None

    def finish(self) -> None:
        """Print the one-line summary; exit 1 when an input was skipped or nothing was analysed."""
        if self.errors:
            typer.echo(
                f"claimkit: {self.done} document(s) analysed, {len(self.errors)} input(s) skipped", err=True
            )
            raise typer.Exit(EXIT_INPUT)
        if self.done == 0:
            raise fail("no documents to analyse", EXIT_INPUT)
        typer.echo(f"claimkit: {self.done} document(s) analysed, {self.claims} claim(s) found", err=True)


def estimate_documents(inputs: list[str]) -> int:
    """About how many documents the inputs hold: one per text file, one per JSONL line (stdin unknown)."""
    total = 0
    for item in inputs:
        if item == STDIN:
            continue
        path = Path(item)
        if path.suffix.lower() in JSONL_SUFFIXES:
            try:
                with path.open("rb") as handle:
                    total += sum(chunk.count(b"\n") for chunk in iter(lambda h=handle: h.read(1 << 20), b""))
            except OSError:
                continue
        else:
            total += 1
    return total


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def check_output(output: Path | None, inputs: list[str]) -> None:
    """Refuse an output file that is an input (it would be emptied before it is read)."""
    if output is None or str(output) == STDIN or not output.exists():
        return
    target = output.resolve()
    for item in inputs:
        if item != STDIN and Path(item).exists() and Path(item).resolve() == target:
            raise fail(OutputError("is also an input; choose another output file", str(output)).one_line())


def open_output(output: Path | None) -> IO[str]:
    """Standard output, or the `-o` file opened for writing (one-line error and exit 2 if it cannot be)."""
    if output is None or str(output) == STDIN:
        return sys.stdout
    try:
        return output.open("w", encoding="utf-8")
    except OSError as err:
        reason = err.strerror or str(err)
        if isinstance(err, FileNotFoundError):
            reason = f"{reason} (the directory {str(output.parent)!r} does not exist)"
        raise fail(OutputError(f"cannot write: {reason}", str(output)).one_line()) from None


class _Console(Console):
    """A rich console whose broken pipe ends the run like any other write (exit 141)."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def make_console(out: IO[str]) -> Console:
    """A rich console: the terminal's width on a terminal, 160 columns in a file or pipe."""
    return _Console(file=out, width=None if _isatty(out) else FILE_WIDTH)


def start_run(
    inputs: list[str], output: Path | None, published: str | None, code: list[Path] | None = None,
    fmt: str | None = None, author: str | None = None, source: str | None = None, **options,
):
    """Shared start of `extract` and `explain`: `--code`, format, config, inputs, models (before the output opens), output."""
    import_code(code)
    if fmt is not None:
        check_format(fmt)
    config = build_config(**options)
    run = Run(inputs, config, published_date(published), author=author, source=source)
    check_output(output, run.inputs)
    analyzer = load_analyzer(config)
    return run, analyzer, open_output(output)


def finish_output(out: IO[str]) -> None:
    """Close the output unless it is standard output."""
    if out is not sys.stdout:
        out.close()


def report_analyses(run: Run, config: Config) -> Iterator[Analysis]:
    """The inputs of `claimkit report` in order: saved output read back, documents analysed (models load once)."""
    from claimkit.report.inputs import is_saved_file, read_saved_file, saved_analyses, split_stdin

    for error in run.unmatched:
        run.skip(error)
    analyzer = None
    pending: list[str] = []

    def analyse(items: list[str], stdin: Any = None) -> Iterator[Analysis]:
        nonlocal analyzer
        if analyzer is None:
            analyzer = load_analyzer(config)
        yield from run.analyses(analyzer, run.read(items, stdin=stdin))

    for item in run.inputs:
        saved = is_saved_file(item)
        stdin = None
        if item == STDIN:
            stream = getattr(sys.stdin, "buffer", None)
            if stream is not None:
                saved, stdin = split_stdin(stream)
        if not saved:
            if stdin is None:
                pending.append(item)
                continue
        if pending:
            yield from analyse(pending)
            pending = []
        if not saved:
            yield from analyse([item], stdin=stdin)
            continue
        found = saved_analyses(stdin.getvalue(), "<stdin>") if stdin is not None else read_saved_file(item)
        for result in found:
            if isinstance(result, InputError):
                run.skip(result)
            else:
                run.count(result)
                yield result
    if pending:
        yield from analyse(pending)
