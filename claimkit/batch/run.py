"""`claimkit.batch.run`: stream inputs through the filter and the pipeline into a sink.

The run reads its inputs lazily (`sources`), skips what a resumed output
already holds, cuts the rest into chunks, lets an engine analyse them
(`engines`) and writes each chunk's records atomically (`sinks`), in input
order. Bad input lines are reported and counted; when more than
`max_error_rate` of the lines read so far are bad (after `min_lines`), the
run stops with a `BatchError`, keeping what it wrote.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from claimkit.batch.engines import DEFAULT_BATCH_SIZE, LocalEngine, WorkerSpec
from claimkit.batch.records import BadLine, Resumed, document_key
from claimkit.batch.sinks import open_sink
from claimkit.batch.sources import Columns, HFSource, input_units, read_sources
from claimkit.config import Config
from claimkit.errors import BatchError, ClaimkitError, ConfigError, InputError
from claimkit.limits import Deadline
from claimkit.types import Document

ENGINES = ("local", "ray")
DEFAULT_CHUNK_SIZE = 1024
DEFAULT_MAX_ERROR_RATE = 0.01
DEFAULT_MIN_LINES = 100
DEFAULT_DEADLINE = Deadline()


@dataclass
class BatchSummary:
    """What a batch run did.

    Attributes:
        output: The output path.
        documents: Documents written by this run.
        relevant: Of those, the ones the full pipeline analysed.
        claims: Claims found.
        explanations: Explanations found.
        errors: Bad input lines or files skipped, plus documents whose analysis failed.
        resumed: Documents skipped because the output already held them.
        seconds: Wall time of the run.
        startup_seconds: Of those, the time until every worker had its models
            loaded (None for Ray, whose actors start per window).
        engine: `local` or `ray`.
        workers: Worker processes (or Ray actors).
        stopped: Why the run stopped early (the error line), if it did.
    """

    output: str
    documents: int = 0
    relevant: int = 0
    claims: int = 0
    explanations: int = 0
    errors: int = 0
    resumed: int = 0
    seconds: float = 0.0
    startup_seconds: float | None = None
    engine: str = "local"
    workers: int = 1
    stopped: str | None = None
    error_lines: list[str] = field(default_factory=list, repr=False)

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data (what `--summary FILE` writes)."""
        data = asdict(self)
        data.pop("error_lines")
        data["seconds"] = round(self.seconds, 3)
        if self.startup_seconds is not None:
            data["startup_seconds"] = round(self.startup_seconds, 3)
        data["docs_per_second"] = round(self.docs_per_second, 2)
        return data

    def one_line(self) -> str:
        """The closing line on stderr: documents, relevant, claims, errors, seconds."""
        resumed = f" (+{self.resumed:,} already in the output)" if self.resumed else ""
        return (
            f"claimkit batch: {self.documents:,} documents{resumed}, {self.relevant:,} relevant, "
            f"{self.claims:,} claims, {self.errors:,} errors, {self.seconds:.1f} s "
            f"({self.docs_per_second:,.1f} docs/s) -> {self.output}"
        )


def default_workers() -> int:
    """The machine's cores (`os.cpu_count()`)."""
    return os.cpu_count() or 1


def run(
    inputs: Iterable[str | os.PathLike | HFSource],
    output: str | os.PathLike,
    workers: int | None = None,
    resume: bool = False,
    engine: str = "local",
    relevance_filter: bool = True,
    config: Config | None = None,
    published: date | None = None,
    columns: Columns | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_error_rate: float = DEFAULT_MAX_ERROR_RATE,
    min_lines: int = DEFAULT_MIN_LINES,
    summary_path: str | os.PathLike | None = None,
    progress: bool | None = None,
    ray_address: str | None = None,
    on_error: Callable[[str], None] | None = None,
    sink_options: dict[str, Any] | None = None,
    deadline: Deadline | float | None = DEFAULT_DEADLINE,
    **options: Any,
) -> BatchSummary:
    """Analyse every document of the inputs into `output` (`.jsonl`, `.parquet`, `.sqlite` / `.db`).

    Args:
        inputs: Files, folders, globs or `HFSource`s (see `claimkit.batch.sources`).
        output: Where to write; the suffix picks the sink.
        workers: Worker processes (Ray actors); default: the machine's cores.
        resume: Keep what the output holds, skip those documents, append the rest.
        engine: `local` (processes on this machine) or `ray`.
        relevance_filter: Send only documents that can hold a claim or a cause
            through the full pipeline (the others get `"relevant": false`).
        config: Pipeline configuration; `**options` override its fields.
        published: Overrides every document's publication date.
        columns: Text and id columns of Parquet files and datasets.
        chunk_size: Documents per chunk (the unit of work and of atomic writes).
        batch_size: Documents spaCy parses together.
        max_error_rate: Largest share of bad input lines tolerated.
        min_lines: Lines read before `max_error_rate` is checked.
        summary_path: Also write the summary there as JSON.
        progress: Show a progress bar (default: when stderr is a terminal).
        ray_address: Address of an existing Ray cluster (engine `ray`).
        on_error: Called with each error line (default: print it on stderr).
        sink_options: Options of the sink, e.g. `{"docs_per_part": 1000}` for Parquet.
        deadline: Per-document time limit (`claimkit.limits.Deadline`, or
            seconds; None for none). A document past it is skipped with
            E901, counted as an error and not written, so `--resume` retries it.

    Returns:
        A `BatchSummary`.

    Raises:
        BatchError: too many bad lines (the summary is still written).
        ConfigError, OutputError: bad options, models, or output.

    Example:
        >>> from claimkit.batch import run
        >>> summary = run(["posts.jsonl.zst"], "out.sqlite", workers=2)   # doctest: +SKIP
        >>> print(summary.one_line())                                    # doctest: +SKIP
    """
    started = time.perf_counter()
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}; expected one of: {', '.join(ENGINES)}")
    if chunk_size < 1 or batch_size < 1:
        raise ConfigError("chunk_size and batch_size must be at least 1")
    if not 0 <= max_error_rate <= 1:
        raise ConfigError(f"max_error_rate must be between 0 and 1, got {max_error_rate}")
    base = config or Config.from_options(**options)
    config = base.with_options(**options) if config and options else base
    workers = workers or default_workers()
    if isinstance(deadline, (int, float)) and deadline <= 0:
        raise ConfigError(f"deadline must be a positive number of seconds, got {deadline}")
    spec = WorkerSpec(config=config, use_filter=relevance_filter, batch_size=batch_size, deadline=deadline)
    runner = LocalEngine(spec, workers) if engine == "local" else _ray_engine(spec, workers, ray_address)
    report = on_error or (lambda line: print(f"claimkit: skipped: {line}", file=sys.stderr, flush=True))
    inputs = [inputs] if isinstance(inputs, (str, os.PathLike, HFSource)) else list(inputs)
    summary = BatchSummary(output=str(output), engine=engine, workers=workers)
    sink = open_sink(output, resume, **(sink_options or {}))
    bar = _Progress.create(progress, inputs, columns)
    counts = {"lines": 0}

    def error(line: str) -> None:
        summary.errors += 1
        if len(summary.error_lines) < 1000:
            summary.error_lines.append(line)
        report(line)
        bar.update(summary)

    def take(item) -> Document | None:
        """Count one input line; the document to analyse, or None for a bad or already written one."""
        counts["lines"] += 1
        if isinstance(item, (InputError, BadLine)):
            error(item.one_line())
            lines, bad = counts["lines"], summary.errors
            if lines >= min_lines and bad / lines > max_error_rate:
                raise BatchError(
                    f"stopped: {bad:,} of the first {lines:,} input lines are bad "
                    f"({bad / lines:.1%}, over --max-error-rate {max_error_rate:.1%}); "
                    "fix the input or raise --max-error-rate",
                    item.location.rsplit(":", 1)[0] if item.location else None,
                )
            return None
        if isinstance(item, Resumed) or document_key(item) in sink.done:
            summary.resumed += 1
            bar.advance_skipped(summary)
            return None
        return item

    def documents() -> Iterator[Document]:
        for item in read_sources(inputs, published=published, max_chars=config.max_chars, columns=columns):
            document = take(item)
            if document is not None:
                yield document

    def write(outcomes: list) -> None:
        records = [o for o in outcomes if not isinstance(o, str)]
        for line in (o for o in outcomes if isinstance(o, str)):
            error(line)
        sink.write(records)
        summary.documents += len(records)
        summary.relevant += sum(r.relevant for r in records)
        summary.claims += sum(r.claims for r in records)
        summary.explanations += sum(r.explanations for r in records)
        bar.update(summary)

    try:
        if engine == "local":
            for outcomes in runner.map(_chunks(documents(), chunk_size)):
                write(outcomes)
        else:
            # Ray reads the inputs itself; bad lines and resumed documents come back in their place.
            units = list(input_units(inputs))
            for items in runner.stream(units, chunk_size, sink.done, published=published,
                                       max_chars=config.max_chars, columns=columns):
                outcomes = []
                for item in items:
                    if isinstance(item, (BadLine, Resumed)):
                        take(item)
                    else:
                        counts["lines"] += 1
                        outcomes.append(item)
                write(outcomes)
    except BatchError as err:
        summary.stopped = err.one_line()
        raise
    finally:
        sink.close()
        bar.close()
        summary.seconds = time.perf_counter() - started
        if runner.ready_at is not None:
            summary.startup_seconds = runner.ready_at - started
        if summary_path is not None:
            write_summary(summary, summary_path)
    return summary


def write_summary(summary: BatchSummary, path: str | os.PathLike) -> None:
    """Write the summary as JSON."""
    Path(path).write_text(json.dumps(summary.to_dict(), indent=2) + "\n", encoding="utf-8")


def _ray_engine(spec: WorkerSpec, workers: int, address: str | None):
    try:
        from claimkit.batch.ray_engine import RayEngine
    except ImportError:
        raise ConfigError("--engine ray needs Ray: pip install 'claimkit[ray]'") from None
    return RayEngine(spec, workers, address)


def _chunks(documents: Iterator[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for document in documents:
        chunk.append(document)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def estimate_total(inputs: list, columns: Columns | None = None) -> int | None:
    """Documents the inputs hold, when it is cheap to know (plain JSONL, Parquet, text files)."""
    from claimkit.ingest import expand_paths

    total = 0
    for item in inputs:
        if isinstance(item, HFSource):
            return None
        for name in expand_paths([item]):
            path = Path(name)
            lower = name.lower()
            try:
                if lower.endswith((".jsonl", ".ndjson")):
                    with path.open("rb") as handle:
                        total += sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))
                elif lower.endswith((".parquet", ".pq")):
                    import pyarrow.parquet as pq

                    total += pq.ParquetFile(path).metadata.num_rows
                elif path.is_dir() or lower.endswith((".gz", ".zst")):
                    return None
                else:
                    total += 1
            except (OSError, ImportError, ClaimkitError):
                return None
            except Exception:  # noqa: BLE001 - a bad file is reported by the reader
                return None
    return total


class _Progress:
    """A rich progress bar on stderr (documents/s, relevant share, errors, ETA), or nothing."""

    def __init__(self, bar=None, task=None) -> None:
        self.bar = bar
        self.task = task

    @classmethod
    def create(cls, show: bool | None, inputs: list, columns: Columns | None) -> _Progress:
        if show is None:
            show = sys.stderr.isatty()
        if not show:
            return cls()
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        bar = Progress(
            TextColumn("[bold]batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} docs/s"),
            TextColumn("relevant {task.fields[share]}"),
            TextColumn("errors {task.fields[errors]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        bar.start()
        task = bar.add_task("batch", total=estimate_total(inputs, columns), rate="0", share="-", errors=0)
        return cls(bar, task)

    def _fields(self, summary: BatchSummary) -> dict[str, Any]:
        elapsed = self.bar.tasks[0].elapsed or 0.0
        share = f"{summary.relevant / summary.documents:.0%}" if summary.documents else "-"
        rate = f"{summary.documents / elapsed:,.1f}" if elapsed else "0"
        return {"rate": rate, "share": share, "errors": summary.errors}

    def update(self, summary: BatchSummary) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=summary.documents + summary.resumed + summary.errors, **self._fields(summary))

    def advance_skipped(self, summary: BatchSummary) -> None:
        if self.bar is not None and summary.resumed % 1000 == 0:
            self.update(summary)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
