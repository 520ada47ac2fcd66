"""`--engine ray`: the whole job as one Ray Data dataset, read on the cluster.

    read_datasource(InputDatasource)  ->  map_batches(RayAnalyzer, actor pool)  ->  driver: sinks

- **Read.** `InputDatasource` gives Ray one read task per input unit (a
  file, a folder, a dataset: `sources.input_units`). Each task runs
  claimkit's own readers (`sources.read_unit`) where Ray schedules it, so
  a bad line becomes a row carrying its one-line error (file and line) instead
  of a document, in its place in the stream. Inputs must be readable from
  every node (a shared file system or object store mount).
- **Analyse.** `RayAnalyzer` is a callable class: one `Analyzer` (and
  relevance filter) per actor, built once. It passes error rows through,
  marks the documents `--resume` already holds (the output's keys travel to
  the actors once, in the constructor) and analyses the rest.
- **Write.** The driver takes the rows in input order (`preserve_order`),
  reports each bad line, applies `--max-error-rate`, and writes the records
  to the sink in chunks (`chunk_size`), each atomic as with the local engine.

The output equals the local engine's for the same input (`tests/test_batch_ray.py`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

import pyarrow as pa
import ray
from ray.data import Datasource, ReadTask
from ray.data.block import BlockMetadata

from claimkit.batch.engines import DocumentProcessor, Outcome, WorkerSpec, freeze_heap
from claimkit.batch.records import BadLine, Record, Resumed, document_key
from claimkit.batch.sources import Columns, Unit, read_unit
from claimkit.errors import InputError
from claimkit.types import Document

#: Rows per block a read task yields.
ROWS_PER_BLOCK = 1024
DOCUMENT_FIELDS = ("id", "text", "published", "platform", "source", "author", "location")
SCHEMA = pa.schema(
    [("unit", pa.int64()), ("index", pa.int64()), ("error", pa.string()), ("error_location", pa.string())]
    + [(name, pa.string()) for name in DOCUMENT_FIELDS]
    + [("body_start", pa.int64()), ("meta", pa.string()), ("warnings", pa.string())]
)


StreamItem = Outcome | BadLine | Resumed


def document_row(document: Document) -> dict[str, Any]:
    """A document as a flat row of `SCHEMA` (meta and warnings as JSON)."""
    row: dict[str, Any] = {name: getattr(document, name) for name in DOCUMENT_FIELDS}
    row["published"] = document.published.isoformat() if document.published else None
    row["body_start"] = document.body_start
    row["meta"] = json.dumps(document.meta or {}, ensure_ascii=False, default=str)
    row["warnings"] = json.dumps(list(document.warnings), ensure_ascii=False)
    return row


def row_document(row: dict[str, Any]) -> Document:
    """`document_row`'s inverse."""
    published = row["published"]
    return Document(
        **{name: row[name] for name in DOCUMENT_FIELDS if name != "published"},
        published=date.fromisoformat(published) if published else None,
        body_start=int(row["body_start"]),
        meta=json.loads(row["meta"] or "{}"),
        warnings=tuple(json.loads(row["warnings"] or "[]")),
    )


def _item_row(unit: int, index: int, item: Document | InputError) -> dict[str, Any]:
    empty = {name: None for name in SCHEMA.names}
    if isinstance(item, InputError):
        return {**empty, "unit": unit, "index": index, "error": item.one_line(), "error_location": item.location}
    return {**empty, **document_row(item), "unit": unit, "index": index}


def read_unit_blocks(position: int, unit: Unit, published: date | None, max_chars: int,
                     columns: Columns | None) -> Iterator[pa.Table]:
    """One unit's items as `SCHEMA` tables of at most `ROWS_PER_BLOCK` rows (what a read task runs)."""
    rows: list[dict[str, Any]] = []
    emitted = False
    for index, item in enumerate(read_unit(unit, published, max_chars, columns)):
        rows.append(_item_row(position, index, item))
        if len(rows) >= ROWS_PER_BLOCK:
            yield pa.Table.from_pylist(rows, schema=SCHEMA)
            rows, emitted = [], True
    if rows or not emitted:
        yield pa.Table.from_pylist(rows, schema=SCHEMA)


class InputDatasource(Datasource):
    """claimkit's inputs as a Ray Data datasource: one read task per input unit, in input order."""

    def __init__(self, units: list[Unit], published: date | None, max_chars: int, columns: Columns | None) -> None:
        self.units = units
        self.published = published
        self.max_chars = max_chars
        self.columns = columns

    def estimate_inmemory_data_size(self) -> int | None:
        return None

    def get_read_tasks(self, parallelism: int, per_task_row_limit: int | None = None, data_context=None) -> list[ReadTask]:
        tasks = []
        for position, unit in enumerate(self.units):
            name = unit if isinstance(unit, str) else None
            metadata = BlockMetadata(num_rows=None, size_bytes=None, exec_stats=None,
                                     input_files=(name,) if name else None)
            args = (position, unit, self.published, self.max_chars, self.columns)
            tasks.append(ReadTask(lambda args=args: read_unit_blocks(*args), metadata, schema=SCHEMA))
        return tasks


class RayAnalyzer:
    """A Ray Data callable class: one `Analyzer` per actor; a batch of rows in, one outcome each out."""

    def __init__(self, spec: WorkerSpec, done: frozenset[str] = frozenset()) -> None:
        self.processor = DocumentProcessor(spec)
        freeze_heap()  # an actor's process lives for its models
        self.done = done

    def __call__(self, batch: pa.Table) -> pa.Table:
        rows = batch.to_pylist()  # a pyarrow Table: None stays None (numpy batches turn it into NaN)
        out: dict[str, list] = {column: [None] * len(rows) for column in OUTCOME_COLUMNS}
        out["unit"] = [row["unit"] for row in rows]
        out["index"] = [row["index"] for row in rows]

        def put(i: int, kind: str, **values: Any) -> None:
            out["kind"][i] = kind
            for column, value in values.items():
                out[column][i] = value

        chosen: list[tuple[int, Document]] = []
        for i, row in enumerate(rows):
            if row["error"] is not None:
                put(i, "bad_line", text=row["error"], location=row["error_location"])
                continue
            document = row_document(row)
            key = document_key(document)
            if key in self.done:
                put(i, "resumed", key=key)
            else:
                chosen.append((i, document))
        outcomes = self.processor([document for _, document in chosen])
        for (i, _), outcome in zip(chosen, outcomes):
            if isinstance(outcome, str):
                put(i, "error", text=outcome)
            else:
                put(i, "record", key=outcome.key, relevant=outcome.relevant, text=outcome.json_line(),
                    claims=outcome.claims, explanations=outcome.explanations)
        return pa.table(out, schema=OUTCOME_SCHEMA)  # typed even when a column holds only nulls


#: The columns a `RayAnalyzer` adds, one row per input row: `kind` says which
#: outcome it is (`record`, `error`, `bad_line`, `resumed`); `text` holds the
#: record's JSON line or the one-line error, as it is (not wrapped in more JSON).
OUTCOME_SCHEMA = pa.schema(
    [("unit", pa.int64()), ("index", pa.int64()), ("kind", pa.string()), ("key", pa.string()),
     ("relevant", pa.bool_()), ("text", pa.string()), ("location", pa.string()),
     ("claims", pa.int64()), ("explanations", pa.int64())]
)
OUTCOME_COLUMNS = tuple(OUTCOME_SCHEMA.names[2:])  # after the input row's unit and index


def stream_item(row: dict[str, Any]) -> StreamItem:
    """A `RayAnalyzer` outcome row back as a record, an error line, a `BadLine` or a `Resumed`."""
    kind = row["kind"]
    if kind == "bad_line":
        return BadLine(row["text"], row["location"])
    if kind == "resumed":
        return Resumed(row["key"])
    if kind == "error":
        return row["text"]
    return Record(row["key"], bool(row["relevant"]), line=row["text"], claims=int(row["claims"]),
                  explanations=int(row["explanations"]))


class RayEngine:
    """The job on a Ray cluster (or a local Ray instance) through Ray Data, read included."""

    name = "ray"

    def __init__(self, spec: WorkerSpec, workers: int = 1, address: str | None = None) -> None:
        self.spec = spec
        self.workers = workers
        self.address = address
        self.ready_at: float | None = None  # actors start inside the dataset's execution: not measured

    def _start(self) -> None:
        if not ray.is_initialized():
            options: dict[str, Any] = {"ignore_reinit_error": True, "include_dashboard": False, "log_to_driver": False}
            if self.address:
                options["address"] = self.address
            else:
                options["num_cpus"] = self.workers
            ray.init(**options)
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False

    def dataset(self, units: list[Unit], done: Iterable[str] = (), published: date | None = None,
                max_chars: int | None = None, columns: Columns | None = None):
        """The Ray dataset of the job: read tasks, then the actor pool; rows `unit`, `index` and `OUTCOME_COLUMNS`."""
        from claimkit.ingest import DEFAULT_MAX_CHARS

        self._start()
        source = InputDatasource(units, published, max_chars or DEFAULT_MAX_CHARS, columns)
        # Reads take no CPU of their own: the actors hold the cluster's CPUs for the
        # whole run, and a read task asking for one would wait for them forever.
        return ray.data.read_datasource(source, num_cpus=0).map_batches(
            RayAnalyzer,
            fn_constructor_kwargs={"spec": self.spec, "done": frozenset(done)},
            batch_size=self.spec.batch_size,
            compute=ray.data.ActorPoolStrategy(size=self.workers),
            batch_format="pyarrow",
        )

    def stream(self, units: list[Unit], chunk_size: int, done: Iterable[str] = (), **read: Any) -> Iterator[list[StreamItem]]:
        """The job's items in input order, in lists of at most `chunk_size` records (plus the items between)."""
        items: list[StreamItem] = []
        records = 0
        for row in self.dataset(units, done, **read).iter_rows():
            item = stream_item(row)
            items.append(item)
            records += isinstance(item, Record)
            if records >= chunk_size:
                yield items
                items, records = [], 0
        if items:
            yield items


__all__ = ["InputDatasource", "RayAnalyzer", "RayEngine", "document_row", "row_document"]
