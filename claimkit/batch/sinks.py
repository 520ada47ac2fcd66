"""Sinks for `claimkit batch`: JSONL, Parquet and SQLite, chosen by the output's suffix.

Every sink writes a chunk of records atomically and can tell, on `--resume`,
which document keys it already holds:

- **JSONL** (`.jsonl`): the chunk's lines are written, flushed and fsynced,
  then one line `{"end": <byte offset>, "keys": [...]}` is appended to the
  ledger `OUTPUT.ledger` and fsynced. On resume the output is cut back to
  the last ledger offset, which drops a chunk the ledger never confirmed and
  any half-written trailing line.
- **SQLite** (`.sqlite`, `.db`): one transaction per chunk; the keys are the
  `documents.key` column.
- **Parquet** (`.parquet`): a directory with one sub-directory per table
  (`documents/`, `statements/`, ...), each holding numbered part files. A part
  gathers `docs_per_part` documents as one row group per chunk; it is written
  under a hidden temporary name and renamed when full (the `documents` part
  last, which commits it). On resume, temporary files and parts without their
  `documents` part are removed, and the keys are read from `documents/`.
  A kill loses at most the open part, which the resumed run writes again.
  Read it with `pyarrow.parquet.read_table("out.parquet/claims")`, pandas or
  DuckDB (`'out.parquet/claims/*.parquet'`).

New formats register a class under their suffix with `register_sink`.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from claimkit.batch.records import TABLES, Record, to_rows
from claimkit.errors import OutputError

LEDGER_SUFFIX = ".ledger"
DOCS_PER_PART = 10_000


class Sink(Protocol):
    """What `claimkit.batch.run` needs of an output."""

    #: Keys of the documents the output already holds (filled on resume).
    done: set[str]
    #: Number of documents the output already holds (the next document's position).
    position: int

    def write(self, records: list[Record]) -> None:
        """Write one chunk of records atomically."""

    def close(self) -> None:
        """Finish the output (flush and close files)."""


SinkFactory = Callable[..., Sink]
SINKS: dict[str, SinkFactory] = {}


def register_sink(suffix: str, factory: SinkFactory) -> None:
    """Register a sink for outputs ending in `suffix` (e.g. ".csv"): `factory(path, resume, **options)`."""
    SINKS[suffix.lower()] = factory


def open_sink(path: str | os.PathLike, resume: bool = False, **options) -> Sink:
    """The sink for `path`, by its suffix, opened for a new run or to resume one.

    `options` go to the sink (e.g. `docs_per_part` of the Parquet sink).

    Raises:
        OutputError: unknown suffix, or an output that cannot be written or resumed.
    """
    path = Path(path)
    factory = SINKS.get(path.suffix.lower())
    if factory is None:
        raise OutputError(
            f"unknown output format {path.suffix or '(no suffix)'!r}; "
            f"name the output with one of: {', '.join(sorted(SINKS))}",
            str(path),
        )
    if not path.parent.exists():
        raise OutputError(f"the directory {str(path.parent)!r} does not exist", str(path))
    try:
        return factory(path, resume, **options)
    except OSError as err:
        raise OutputError(f"cannot write: {err.strerror or err}", str(path)) from None


def _fsync(handle) -> None:
    handle.flush()
    os.fsync(handle.fileno())


# --------------------------------------------------------------------------- JSONL


class JsonlSink:
    """One SPEC object per line, with a ledger of committed chunks (see the module docstring)."""

    def __init__(self, path: Path, resume: bool, **_options) -> None:
        self.path = path
        self.ledger_path = path.with_name(path.name + LEDGER_SUFFIX)
        self.done: set[str] = set()
        self.position = 0
        end = 0
        if resume and path.exists():
            end = self._read_ledger()
        else:
            self.ledger_path.unlink(missing_ok=True)
        self.out = path.open("r+b" if resume and path.exists() else "wb")
        self.out.truncate(end)
        self.out.seek(end)
        self.ledger = self.ledger_path.open("ab")

    def _read_ledger(self) -> int:
        """Keys and committed end of the output; cuts an unconfirmed tail off the ledger."""
        if not self.ledger_path.exists():
            if self.path.stat().st_size:
                raise OutputError(
                    f"cannot resume: there is no ledger {self.ledger_path.name!r} next to it "
                    "(it was not written by claimkit batch); run without --resume to start over",
                    str(self.path),
                )
            return 0
        end = good = 0
        with self.ledger_path.open("rb") as handle:
            for line in handle:
                if not line.endswith(b"\n"):
                    break
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:
                    break
                end = entry["end"]
                self.done.update(entry["keys"])
                self.position += len(entry["keys"])
                good += len(line)
        with self.ledger_path.open("r+b") as handle:
            handle.truncate(good)
        if end > self.path.stat().st_size:
            raise OutputError("cannot resume: the output is shorter than its ledger says", str(self.path))
        return end

    def write(self, records: list[Record]) -> None:
        if not records:
            return
        self.out.write("".join(r.json_line() + "\n" for r in records).encode("utf-8"))
        _fsync(self.out)
        entry = {"end": self.out.tell(), "keys": [r.key for r in records]}
        self.ledger.write((json.dumps(entry) + "\n").encode("utf-8"))
        _fsync(self.ledger)
        self.done.update(entry["keys"])
        self.position += len(records)

    def close(self) -> None:
        self.out.close()
        self.ledger.close()


# --------------------------------------------------------------------------- SQLite

_PRIMARY_KEYS = {
    "documents": ("key",),
    "statements": ("doc_key", "idx"),
    "claims": ("doc_key", "idx"),
    "explanations": ("doc_key", "idx"),
    "mentions": ("doc_key", "owner", "owner_idx", "idx"),
    "stances": ("doc_key", "explanation_idx", "anonymous", "idx"),
}
_INDEXES = (
    ("documents", ("id",)), ("documents", ("position",)), ("claims", ("kind",)),
    ("claims", ("subject",)), ("explanations", ("cause",)), ("stances", ("stance",)),
    ("statements", ("role",)),
)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_schema() -> list[str]:
    """The SQL that creates the six tables, their keys and indexes."""
    statements = []
    for table, columns in TABLES.items():
        parts = [f"{_quote(c)} {t}" for c, t in columns]
        parts.append(f"PRIMARY KEY ({', '.join(map(_quote, _PRIMARY_KEYS[table]))})")
        if table != "documents":
            parts.append('FOREIGN KEY ("doc_key") REFERENCES "documents" ("key") ON DELETE CASCADE')
        statements.append(f"CREATE TABLE IF NOT EXISTS {_quote(table)} (\n  " + ",\n  ".join(parts) + "\n)")
        if table != "documents":
            statements.append(f'CREATE INDEX IF NOT EXISTS "{table}_doc_key" ON {_quote(table)} ("doc_key")')
    for table, columns in _INDEXES:
        name = f"{table}_{'_'.join(columns)}"
        statements.append(f"CREATE INDEX IF NOT EXISTS {_quote(name)} ON {_quote(table)} ({', '.join(map(_quote, columns))})")
    return statements


class SqliteSink:
    """Tables `documents`, `statements`, `claims`, `mentions`, `stances`, `explanations`; one transaction a chunk."""

    def __init__(self, path: Path, resume: bool, **_options) -> None:
        if not resume:
            for leftover in (path, path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal")):
                leftover.unlink(missing_ok=True)
        self.path = path
        try:
            self.db = sqlite3.connect(path, isolation_level=None)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA synchronous = FULL")
            for statement in sqlite_schema():
                self.db.execute(statement)
            self.done = {row[0] for row in self.db.execute('SELECT "key" FROM "documents"')}
            top = self.db.execute('SELECT MAX("position") FROM "documents"').fetchone()[0]
        except sqlite3.DatabaseError as err:
            raise OutputError(f"not a claimkit SQLite output ({err})", str(path)) from None
        self.position = 0 if top is None else top + 1
        self._inserts = {
            table: f"INSERT INTO {_quote(table)} ({', '.join(_quote(c) for c, _ in columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})"
            for table, columns in TABLES.items()
        }

    def write(self, records: list[Record]) -> None:
        if not records:
            return
        rows: dict[str, list[tuple]] = {table: [] for table in TABLES}
        for offset, record in enumerate(records):
            for table, table_rows in to_rows(record, self.position + offset).items():
                columns = [c for c, _ in TABLES[table]]
                rows[table].extend(tuple(r[c] for c in columns) for r in table_rows)
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for table in TABLES:  # documents first: the foreign keys point at it
                if rows[table]:
                    self.db.executemany(self._inserts[table], rows[table])
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.done.update(r.key for r in records)
        self.position += len(records)

    def close(self) -> None:
        self.db.close()


# --------------------------------------------------------------------------- Parquet

_ARROW_TYPES = {"TEXT": "string", "INTEGER": "int64", "BOOLEAN": "bool", "REAL": "float64"}


def arrow_schemas():
    """The Arrow schema of each table."""
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "bool": pa.bool_(), "float64": pa.float64()}
    return {
        table: pa.schema([(c, types[_ARROW_TYPES[t]]) for c, t in columns])
        for table, columns in TABLES.items()
    }


class ParquetSink:
    """A directory of per-table part files (see the module docstring)."""

    def __init__(self, path: Path, resume: bool, docs_per_part: int = DOCS_PER_PART, **_options) -> None:
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise OutputError("writing Parquet needs pyarrow: pip install 'claimkit[batch]'", str(path)) from None
        self._pq = pq
        self.path = path
        self.docs_per_part = docs_per_part
        self.schemas = arrow_schemas()
        if path.exists() and not resume:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        if path.exists() and not path.is_dir():
            raise OutputError("cannot resume: not a directory of Parquet parts", str(path))
        for table in TABLES:
            (path / table).mkdir(parents=True, exist_ok=True)
        self.done: set[str] = set()
        self.position = 0
        self.part = self._recover()
        self._writers: dict = {}
        self._in_part = 0

    def _part_name(self, number: int) -> str:
        return f"part-{number:06d}.parquet"

    def _recover(self) -> int:
        """Remove what a killed run left half-done; read the committed keys. Returns the next part number."""
        committed = sorted(p.name for p in (self.path / "documents").glob("part-*.parquet"))
        for table in TABLES:
            for leftover in (self.path / table).glob(".*.tmp"):
                leftover.unlink()
            for part in (self.path / table).glob("part-*.parquet"):
                if part.name not in committed:
                    part.unlink()
        for name in committed:
            keys = self._pq.read_table(self.path / "documents" / name, columns=["key"]).column("key").to_pylist()
            self.done.update(keys)
            self.position += len(keys)
        return int(committed[-1][5:11]) + 1 if committed else 0

    def _temporary(self, table: str) -> Path:
        return self.path / table / f".{self._part_name(self.part)}.tmp"

    def write(self, records: list[Record]) -> None:
        import pyarrow as pa

        if not records:
            return
        if not self._writers:
            self._writers = {t: self._pq.ParquetWriter(self._temporary(t), self.schemas[t]) for t in TABLES}
        rows: dict[str, list[dict]] = {table: [] for table in TABLES}
        for offset, record in enumerate(records):
            for table, table_rows in to_rows(record, self.position + offset).items():
                rows[table].extend(table_rows)
        for table in TABLES:
            self._writers[table].write_table(pa.Table.from_pylist(rows[table], schema=self.schemas[table]))
        self.position += len(records)
        self._pending = getattr(self, "_pending", []) + [r.key for r in records]
        self._in_part += len(records)
        if self._in_part >= self.docs_per_part:
            self._commit()

    def _commit(self) -> None:
        """Close the open part and rename it into place, `documents` last."""
        if not self._writers:
            return
        for writer in self._writers.values():
            writer.close()
        for table in [t for t in TABLES if t != "documents"] + ["documents"]:
            temporary = self._temporary(table)
            with temporary.open("rb") as handle:
                os.fsync(handle.fileno())
            temporary.rename(self.path / table / self._part_name(self.part))
        self.done.update(getattr(self, "_pending", []))
        self._pending = []
        self._writers = {}
        self._in_part = 0
        self.part += 1

    def close(self) -> None:
        self._commit()


register_sink(".jsonl", JsonlSink)
register_sink(".sqlite", SqliteSink)
register_sink(".db", SqliteSink)
register_sink(".parquet", ParquetSink)


# --------------------------------------------------------------------------- reading back


def read_output(path: str | os.PathLike) -> list[dict]:
    """The documents' JSON objects a batch output holds, in output order, whatever its format.

    Example:
        >>> [d["id"] for d in read_output("out.sqlite")]   # doctest: +SKIP
        ['post-1', 'post-2']
    """
    from claimkit.batch.records import from_rows

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        with path.open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]
    if suffix in (".sqlite", ".db"):
        db = sqlite3.connect(path)
        db.row_factory = sqlite3.Row
        try:
            tables = {t: [dict(r) for r in db.execute(f"SELECT * FROM {_quote(t)}")] for t in TABLES}
        finally:
            db.close()
        for row in tables["documents"]:
            row["relevant"] = bool(row["relevant"])
        return from_rows(tables)
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        tables = {}
        for table in TABLES:
            parts = sorted((path / table).glob("part-*.parquet"))
            tables[table] = [row for part in parts for row in pq.read_table(part).to_pylist()]
        return from_rows(tables)
    raise OutputError(f"cannot read back {suffix!r} outputs", str(path))
