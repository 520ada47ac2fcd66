"""Engines: where chunks of documents are analysed.

`LocalEngine` takes an iterator of chunks (lists of `Document`s) and yields,
in the same order, one list per chunk of `Record`s and error lines. Each
worker holds one `DocumentProcessor`: one `Analyzer` (models loaded once, in
the worker's initializer or the Ray actor's constructor) and one
`RelevanceFilter`.

- `LocalEngine`: the machine's cores. `workers=1` analyses in this process;
  more workers are processes started with `forkserver` (or `spawn`), fed at
  most two chunks each ahead of the writer, so memory stays flat and the
  output keeps input order. A chunk goes to the workers in parts of at most
  `DEFAULT_PART_SIZE` documents, so at the end of a run no worker waits long
  on the other's last chunk; the writer still gets whole chunks.
- `RayEngine` (`claimkit.batch.ray_engine`, needs `claimkit[ray]`): the
  whole job as one Ray Data dataset, read by Ray read tasks with claimkit's
  readers, analysed by an actor pool of `RayAnalyzer`s with this module's
  `DocumentProcessor`, written by the driver to the same sinks.

Once a worker has its models, it freezes the heap (`freeze_heap`): the
models' millions of objects live as long as the worker, and Python's cycle
collector would otherwise walk all of them on every full pass (about a
tenth of a second each on `en_core_web_sm`). Reference counting still frees
them; only the cycle collector stops looking. The in-process engine
(`workers=1`) unfreezes when its run ends, so the caller's heap is as before.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from claimkit.batch.records import Record, document_key
from claimkit.config import Config
from claimkit.errors import AnalysisError, ConfigError
from claimkit.limits import Deadline
from claimkit.types import Document

Outcome = Record | str  # a record, or the one-line error of a document that failed
DEFAULT_BATCH_SIZE = 256
#: Documents per task of a worker process (a chunk is split into parts of at most this many).
DEFAULT_PART_SIZE = 256


@dataclass(frozen=True)
class WorkerSpec:
    """What a worker needs to build its `Analyzer` and filter (picklable)."""

    config: Config
    use_filter: bool = True
    batch_size: int = DEFAULT_BATCH_SIZE
    #: Per-document time limit (`claimkit.limits.Deadline`, or seconds); None for none.
    deadline: Deadline | float | None = field(default_factory=Deadline)


def _platform_of(document: Document, text: str, config: Config) -> str | None:
    """The platform the `Analyzer` would report, without parsing."""
    try:
        from claimkit.lexicon.platforms import detect_platform
    except ImportError:  # moved by a refactor: the document's own field still holds
        detect_platform = lambda _text: None  # noqa: E731
    return document.platform or detect_platform(text) or config.platform


class DocumentProcessor:
    """One worker's models: turns a chunk of documents into records.

    Example:
        >>> processor = DocumentProcessor(WorkerSpec(Config()))            # doctest: +SKIP
        >>> [r.relevant for r in processor([make_document("I lost 500 followers.")])]  # doctest: +SKIP
        [True]
    """

    def __init__(self, spec: WorkerSpec) -> None:
        from claimkit import Analyzer

        self.spec = spec
        self.analyzer = Analyzer(spec.config)
        self.analyzer.stance  # noqa: B018 - load the backend now, not on the first relevant document
        self.filter = None
        if spec.use_filter:
            from claimkit.batch.filter import RelevanceFilter

            self.filter = RelevanceFilter.for_analyzer(self.analyzer)

    def relevant(self, document: Document) -> bool:
        """Whether the document goes through the full pipeline."""
        return self.filter is None or self.filter(document.text, document.body_start)

    def __call__(self, documents: list[Document]) -> list[Outcome]:
        flags = [self.relevant(d) for d in documents]
        failed: dict[int, str] = {}

        def on_error(document: Document, err: Exception) -> None:
            if isinstance(err, ConfigError):
                raise err
            if isinstance(err, AnalysisError):  # a DeadlineError (E901)
                failed[id(document)] = err.one_line()
                return
            failed[id(document)] = AnalysisError(
                f"analysis failed ({type(err).__name__}: {err}); this is a claimkit bug, please report it",
                document.location,
            ).one_line()

        chosen = [d for d, keep in zip(documents, flags) if keep]
        analyses = iter(list(self.analyzer.pipe(
            chosen, batch_size=self.spec.batch_size, on_error=on_error, deadline=self.spec.deadline
        )))
        outcomes: list[Outcome] = []
        for document, keep in zip(documents, flags):
            if not keep:
                outcomes.append(Record.serialised(document_key(document), False, self._irrelevant(document)))
            elif id(document) in failed:
                outcomes.append(failed[id(document)])
            else:
                outcomes.append(Record.serialised(document_key(document), True, next(analyses).to_dict()))
        return outcomes

    def _platform(self, document: Document, text: str) -> str | None:
        """The platform the `Analyzer` would report, without parsing."""
        platforms = getattr(self.analyzer, "platforms", None)
        if platforms is not None:
            return document.platform or platforms.detect(text) or self.spec.config.platform
        return _platform_of(document, text, self.spec.config)

    def _irrelevant(self, document: Document) -> dict[str, Any]:
        """The JSON object of a document the filter skipped: `extract`'s keys, nothing found, `relevant: false`."""
        from claimkit.types import Analysis

        text = " " * document.body_start + document.text[document.body_start :]
        analysis = Analysis(
            id=document.id,
            published=document.published.isoformat() if document.published else None,
            platform=self._platform(document, text),
            statements=[],
            claims=[],
            explanations=[],
        )
        if hasattr(analysis, "meta"):
            analysis.meta = dict(getattr(document, "meta", None) or {})
        return {**analysis.to_dict(), "relevant": False}


def freeze_heap() -> bool:
    """Move every object alive now (a worker's loaded models) out of the cycle collector's passes.

    Returns whether this call froze anything: a heap someone else froze
    (`gc.get_freeze_count()` above zero) is left as it is, so only the
    caller that froze it unfreezes it.

    Example:
        >>> import gc
        >>> froze = freeze_heap()
        >>> gc.get_freeze_count() > 0
        True
        >>> if froze: gc.unfreeze()
    """
    if gc.get_freeze_count():
        return False
    gc.freeze()
    return True


# --------------------------------------------------------------------------- local processes

_PROCESSOR: DocumentProcessor | None = None
_INIT_ERROR: Exception | None = None


def _init_worker(spec: WorkerSpec) -> None:
    global _PROCESSOR, _INIT_ERROR
    try:
        _PROCESSOR = DocumentProcessor(spec)
        freeze_heap()  # this process lives for the models: never unfrozen
    except Exception as err:  # noqa: BLE001 - reported on the first chunk, not a respawn loop
        _INIT_ERROR = err


def _processor() -> DocumentProcessor:
    if _PROCESSOR is None:
        message = _INIT_ERROR.one_line() if hasattr(_INIT_ERROR, "one_line") else repr(_INIT_ERROR)
        raise ConfigError(f"worker could not start: {message}")
    return _PROCESSOR


def _process(documents: list[Document]) -> list[Outcome]:
    return _processor()(documents)


def _ready(_: int) -> int:
    """A worker's pid once its models are loaded (the initializer runs before any task)."""
    _processor()
    time.sleep(0.05)  # let the other workers take the other warm-up tasks
    return os.getpid()


def _joined(parts: list) -> list[Outcome]:
    """One chunk's outcomes from the tasks of its parts, in order."""
    return [outcome for part in parts for outcome in part.get()]


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class LocalEngine:
    """Chunks on this machine's cores, one `Analyzer` per worker process."""

    name = "local"

    def __init__(self, spec: WorkerSpec, workers: int = 1, ahead: int = 2, part_size: int | None = None) -> None:
        part_size = DEFAULT_PART_SIZE if part_size is None else part_size
        if workers < 1:
            raise ConfigError(f"workers must be at least 1, got {workers}")
        if part_size < 1:
            raise ConfigError(f"part_size must be at least 1, got {part_size}")
        self.spec = spec
        self.workers = workers
        self.ahead = ahead
        self.part_size = part_size
        #: `time.perf_counter()` when every worker had its models loaded.
        self.ready_at: float | None = None

    def map(self, chunks: Iterable[list[Document]]) -> Iterator[list[Outcome]]:
        """Each chunk's outcomes, in input order."""
        if self.workers == 1:
            processor = DocumentProcessor(self.spec)
            froze = freeze_heap()
            self.ready_at = time.perf_counter()
            try:
                for chunk in chunks:
                    yield processor(chunk)
            finally:
                if froze:
                    gc.unfreeze()
            return
        pool = _context().Pool(self.workers, initializer=_init_worker, initargs=(self.spec,))
        try:
            ready: set[int] = set()
            for _ in range(10):  # wait until every worker has loaded its models
                ready.update(pool.map(_ready, range(self.workers), chunksize=1))
                if len(ready) >= self.workers:
                    break
            self.ready_at = time.perf_counter()
            pending: deque = deque()  # per chunk, the tasks of its parts
            for chunk in chunks:
                size = self.part_size
                pending.append([pool.apply_async(_process, (chunk[i : i + size],)) for i in range(0, len(chunk), size)])
                while len(pending) >= self.workers * self.ahead:
                    yield _joined(pending.popleft())
            while pending:
                yield _joined(pending.popleft())
            pool.close()
        finally:
            pool.terminate()
            pool.join()
