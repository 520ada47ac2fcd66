"""Readers for `claimkit batch`: every input streamed as `Document`s or `InputError`s.

Formats, by what an input is:

| input | read as |
| --- | --- |
| `*.jsonl`, `*.ndjson`, also `.gz` / `.zst` compressed | one document a line (`claimkit.ingest`'s JSONL rules) |
| `*.parquet` | one document a row (columns `text`, `id`, `published`, ...) |
| a folder holding a saved Hugging Face dataset (`save_to_disk`) | one document a row |
| any other folder | its `*.txt` files, recursively, in sorted order |
| a glob (`'news/*.txt'`) | the files it matches, sorted |
| any other file | one text document (`claimkit.ingest`) |
| `HFSource(name, split)` (`--hf-dataset`) | `datasets.load_dataset`, streamed |

Rows (Parquet, datasets) go through the same checks as JSONL lines: a row is
turned into a JSON line and read by `claimkit.ingest.jsonl_documents`, so a
bad row is an `InputError` naming `file:row` exactly like a bad JSONL line,
and ids default the same way (`<stem>-<row>`). Nothing is read ahead: memory
stays flat however large the input.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from claimkit.errors import InputError, MissingFileError, UnreadableError
from claimkit.ingest import DEFAULT_MAX_CHARS, expand_inputs, jsonl_documents, read_inputs
from claimkit.jsonl import bounded_lines
from claimkit.types import Document

Item = Document | InputError
JSONL_SUFFIXES = (".jsonl", ".ndjson")
COMPRESSIONS = (".gz", ".zst")
PARQUET_SUFFIXES = (".parquet", ".pq")
TEXT_GLOB = "**/*.txt"
HF_MARKERS = ("dataset_info.json", "state.json", "dataset_dict.json")
ROWS_PER_BATCH = 1024


@dataclass(frozen=True)
class HFSource:
    """A dataset on the Hugging Face hub (or a local loading script), read with `datasets.load_dataset`.

    Attributes:
        name: Dataset name or path, as `load_dataset` takes it.
        split: The split to read.
        text_column: Column holding the document text.
        id_column: Column holding the document id (None: `<name>-<row>`).
        config: Dataset configuration name, if any.
    """

    name: str
    split: str = "train"
    text_column: str = "text"
    id_column: str | None = "id"
    config: str | None = None


@dataclass(frozen=True)
class Columns:
    """Which columns of a table (Parquet, saved dataset) hold the text and the id."""

    text: str = "text"
    id: str | None = "id"


def read_sources(
    inputs: Iterable[str | os.PathLike | HFSource],
    published: date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    columns: Columns | None = None,
) -> Iterator[Item]:
    """Stream every input's documents (and the errors of its bad lines), in input order.

    Args:
        inputs: Paths, globs, folders or `HFSource`s.
        published: Overrides every document's publication date.
        max_chars: Longest document accepted.
        columns: Text and id columns of Parquet files and datasets.

    Example:
        >>> for item in read_sources(["posts.jsonl.zst", "news/"]):   # doctest: +SKIP
        ...     print(item.one_line() if isinstance(item, InputError) else item.id)
    """
    for unit in input_units(inputs):
        yield from read_unit(unit, published, max_chars, columns)


Unit = str | HFSource | InputError


def input_units(inputs: Iterable[str | os.PathLike | HFSource]) -> Iterator[Unit]:
    """The inputs as units of reading, in order: a file or folder name, an `HFSource`,
    or the `InputError` of a pattern matching nothing. Each unit is read on its
    own (`read_unit`), which lets a Ray read task take one."""
    for item in inputs:
        if isinstance(item, HFSource):
            yield item
        else:
            yield from expand_inputs([item])


def read_unit(
    unit: Unit, published: date | None = None, max_chars: int = DEFAULT_MAX_CHARS, columns: Columns | None = None
) -> Iterator[Item]:
    """One unit's documents and bad-line errors (an error unit is its own one item)."""
    if isinstance(unit, InputError):
        yield unit
    elif isinstance(unit, HFSource):
        yield from _guard(_hub_rows(unit, published, max_chars), unit.name)
    else:
        yield from _guard(_read_path(unit, published, max_chars, columns or Columns()), unit)


def _guard(items: Iterator[Item], location: str) -> Iterator[Item]:
    """Turn a reader's unexpected I/O failure into one `InputError` for that input."""
    try:
        yield from items
    except InputError as err:
        yield err
    except (OSError, EOFError, ValueError) as err:
        yield UnreadableError(f"cannot read: {err}", location)


def _read_path(name: str, published: date | None, max_chars: int, columns: Columns) -> Iterator[Item]:
    path = Path(name)
    lower = name.lower()
    if path.is_dir():
        if any((path / marker).exists() for marker in HF_MARKERS):
            yield from _saved_dataset_rows(path, published, max_chars, columns)
        else:
            yield from _text_folder(path, published, max_chars)
        return
    base = lower[: -len(next(s for s in COMPRESSIONS if lower.endswith(s)))] if lower.endswith(COMPRESSIONS) else lower
    if base.endswith(JSONL_SUFFIXES):
        if not path.exists():
            raise MissingFileError("no such file", name)
        with open_compressed(path) as handle:
            yield from jsonl_documents(bounded_lines(handle, max_chars), name, published, max_chars)
        return
    if lower.endswith(PARQUET_SUFFIXES):
        yield from _parquet_rows(path, published, max_chars, columns)
        return
    yield from read_inputs([name], published=published, max_chars=max_chars)


def open_compressed(path: Path) -> BinaryIO:
    """A binary stream of a file, decompressing `.gz` (gzip) and `.zst` (Zstandard) on the fly."""
    lower = path.name.lower()
    if lower.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if lower.endswith(".zst"):
        try:
            import zstandard
        except ImportError:
            raise UnreadableError(
                "reading .zst files needs zstandard: pip install 'claimkit[batch]'", str(path)
            ) from None
        raw = path.open("rb")
        reader = zstandard.ZstdDecompressor().stream_reader(raw, closefd=True)
        return io.BufferedReader(reader)  # type: ignore[arg-type]
    return path.open("rb")


def _text_folder(path: Path, published: date | None, max_chars: int) -> Iterator[Item]:
    files = sorted(str(p) for p in path.glob(TEXT_GLOB) if p.is_file())
    if not files:
        yield MissingFileError("folder holds no .txt file (and is not a saved dataset)", str(path))
        return
    yield from read_inputs(files, published=published, max_chars=max_chars)


# --------------------------------------------------------------------------- tables


def _json_value(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _row_lines(rows: Iterable[dict[str, Any]], columns: Columns) -> Iterator[bytes]:
    """Table rows as JSONL lines with the SPEC's field names (`id`, `text`, ...)."""
    for row in rows:
        record = {key: _json_value(value) for key, value in row.items() if value is not None}
        if columns.text != "text":
            record.pop("text", None)
            if columns.text in row:
                record["text"] = row[columns.text]
        if columns.id != "id":
            record.pop("id", None)
            if columns.id and row.get(columns.id) is not None:
                record["id"] = row[columns.id]
        yield json.dumps(record, ensure_ascii=False, default=str).encode("utf-8")


def _parquet_rows(path: Path, published: date | None, max_chars: int, columns: Columns) -> Iterator[Item]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise UnreadableError("reading Parquet needs pyarrow: pip install 'claimkit[batch]'", str(path)) from None
    if not path.exists():
        raise MissingFileError("no such file", str(path))
    try:
        table = pq.ParquetFile(path)
    except Exception as err:  # noqa: BLE001 - pyarrow raises its own error types
        raise UnreadableError(f"not a Parquet file ({err})", str(path)) from None
    if columns.text not in table.schema_arrow.names:
        raise UnreadableError(
            f"no column {columns.text!r} (columns: {', '.join(table.schema_arrow.names)}); "
            "name the text column with --text-column",
            str(path),
        )

    def rows() -> Iterator[dict[str, Any]]:
        for batch in table.iter_batches(batch_size=ROWS_PER_BATCH):
            yield from batch.to_pylist()

    yield from jsonl_documents(_row_lines(rows(), columns), str(path), published, max_chars)


def _saved_dataset_rows(path: Path, published: date | None, max_chars: int, columns: Columns) -> Iterator[Item]:
    import datasets

    try:
        loaded = datasets.load_from_disk(str(path))
    except Exception as err:  # noqa: BLE001 - datasets raises many error types
        raise UnreadableError(f"cannot load the saved dataset ({err})", str(path)) from None
    if isinstance(loaded, datasets.DatasetDict):
        for split in loaded:
            yield from _dataset_items(loaded[split], f"{path}[{split}]", published, max_chars, columns)
        return
    yield from _dataset_items(loaded, str(path), published, max_chars, columns)


def _dataset_items(dataset, name: str, published: date | None, max_chars: int, columns: Columns) -> Iterator[Item]:
    names = list(getattr(dataset, "column_names", None) or [])
    if names and columns.text not in names:
        raise UnreadableError(
            f"no column {columns.text!r} (columns: {', '.join(names)}); name the text column with --text-column",
            name,
        )
    yield from jsonl_documents(_row_lines(iter(dataset), columns), name, published, max_chars)


def _hub_rows(source: HFSource, published: date | None, max_chars: int) -> Iterator[Item]:
    import datasets

    try:
        dataset = datasets.load_dataset(source.name, source.config, split=source.split, streaming=True)
    except Exception as err:  # noqa: BLE001 - offline, missing, or a bad split
        raise UnreadableError(f"cannot load dataset split {source.split!r} ({err})", source.name) from None
    columns = Columns(text=source.text_column, id=source.id_column)
    yield from _dataset_items(dataset, f"{source.name}[{source.split}]", published, max_chars, columns)
