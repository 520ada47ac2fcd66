"""Ingestion: turn files, JSONL lines and standard input into `Document`s.

Reading never stops at the first bad input: `read_inputs` yields a
`Document` for every good input and an `InputError` (naming the file and
line) for every bad one, so a batch keeps going and reports what it skipped.
"""

from __future__ import annotations

import glob
import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from claimkit.errors import (
    BinaryInputError,
    DateError,
    EmptyInputError,
    EncodingError,
    InputError,
    JsonlError,
    MissingFileError,
    NotAFileError,
    TooLargeError,
)
from claimkit.types import Document

STDIN = "-"
JSONL_SUFFIXES = (".jsonl", ".ndjson")
# ` date 2021-06-15 ` at the very start of a file (leading space optional).
HEADER_RE = re.compile(r"\A[ \t]?date[ \t]+(\d{4}-\d{2}-\d{2})(?=\s)")
# UTF-8 needs at most 4 bytes a character: a larger file cannot fit `max_chars`.
BYTES_PER_CHAR = 4
SNIFF_BYTES = 8192


def parse_date(value: str, location: str | None = None, field: str = "date") -> date:
    """Parse an ISO date (YYYY-MM-DD).

    Raises:
        DateError: naming the location and field when the value is not a date.
    """
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise DateError(
            f"{field} {value!r} is not a date; expected YYYY-MM-DD, e.g. 2018-02-21",
            location,
        ) from None


def split_header(text: str) -> tuple[date | None, int]:
    """Find the optional ` date YYYY-MM-DD` header.

    Returns:
        The header's date (or None) and the offset where the body starts.

    Example:
        >>> split_header(" date 2021-06-15 Twitter Support said ...")
        (datetime.date(2021, 6, 15), 16)
    """
    match = HEADER_RE.match(text)
    if not match:
        return None, 0
    try:
        return date.fromisoformat(match.group(1)), match.end()
    except ValueError:
        return None, 0


def make_document(
    text: str,
    doc_id: str = "text",
    published: date | str | None = None,
    platform: str | None = None,
    source: str | None = None,
    author: str | None = None,
    location: str = "<text>",
) -> Document:
    """Build a `Document` from raw text, reading its ` date` header.

    `published`, when given, overrides the header.
    """
    header_date, body_start = split_header(text)
    if isinstance(published, str):
        published = parse_date(published, location, "published")
    return Document(
        id=doc_id,
        text=text,
        published=published or header_date,
        platform=platform or None,
        source=source,
        author=author or None,
        body_start=body_start,
        location=location,
    )


def decode(data: bytes, location: str) -> str:
    """Decode UTF-8 bytes (a BOM is dropped), refusing binary data.

    Raises:
        BinaryInputError: the data holds NUL bytes.
        EncodingError: the data is not UTF-8; the message gives line and byte.
    """
    if b"\x00" in data[:SNIFF_BYTES] or b"\x00" in data:
        raise BinaryInputError("binary data (NUL bytes), not a text document", location)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise EncodingError(
            f"not UTF-8 (bad byte 0x{data[err.start]:02x} on line {line}, byte {err.start}); "
            "convert it, e.g. `iconv -f latin1 -t utf-8`",
            location,
        ) from None


def _read_bytes(path: Path, max_chars: int) -> bytes:
    location = str(path)
    if not path.exists():
        raise MissingFileError("no such file", location)
    if path.is_dir():
        raise NotAFileError("is a directory; give the files inside it or a glob", location)
    if not path.is_file():
        raise NotAFileError("not a regular file", location)
    size = path.stat().st_size
    if size > max_chars * BYTES_PER_CHAR:
        raise TooLargeError(
            f"file is {size:,} bytes, over the limit for {max_chars:,} characters; "
            "split it or raise --max-chars",
            location,
        )
    try:
        return path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", location) from None


def _check_text(text: str, location: str, max_chars: int) -> None:
    if not text.strip():
        raise EmptyInputError("empty document (no text)", location)
    if len(text) > max_chars:
        raise TooLargeError(
            f"document has {len(text):,} characters, over the limit of {max_chars:,}; "
            "split it or raise --max-chars",
            location,
        )


def text_document(
    data: bytes,
    doc_id: str,
    location: str,
    published: date | None = None,
    max_chars: int = 1_000_000,
) -> Document:
    """A `Document` from the bytes of a plain-text file."""
    text = decode(data, location)
    _check_text(text, location, max_chars)
    return make_document(text, doc_id, published=published, source=location, location=location)


def jsonl_documents(
    lines: Iterable[bytes],
    name: str,
    published: date | None = None,
    max_chars: int = 1_000_000,
) -> Iterator[Document | InputError]:
    """Documents from JSONL lines `{"id", "text", "published"?, "source"?, "platform"?}`.

    Blank lines are skipped; each bad line yields an `InputError` naming
    `name:line`, and reading goes on.
    """
    stem = Path(name).stem if name != "<stdin>" else "stdin"
    seen = 0
    for number, raw in enumerate(lines, start=1):
        location = f"{name}:{number}"
        try:
            if len(raw) > max_chars * BYTES_PER_CHAR:
                raise TooLargeError(
                    f"line is over {max_chars * BYTES_PER_CHAR:,} bytes; split the document "
                    "or raise --max-chars",
                    location,
                )
            line = decode(raw, location)
            if not line.strip():
                continue
            seen += 1
            yield _jsonl_document(line, stem, number, location, published, max_chars)
        except InputError as err:
            seen += 1
            yield err
    if not seen:
        yield EmptyInputError("empty JSONL file (no documents)", name)


def _jsonl_document(
    line: str, stem: str, number: int, location: str, published: date | None, max_chars: int
) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise JsonlError(f"malformed JSON ({err.msg} at column {err.colno})", location) from None
    if not isinstance(record, dict):
        raise JsonlError(
            f"expected a JSON object per line, found {type(record).__name__}", location
        )
    text = record.get("text")
    if not isinstance(text, str):
        raise JsonlError('field "text" is missing or not a string', location)
    _check_text(text, location, max_chars)
    doc_id = str(record.get("id") or f"{stem}-{number}")
    when = published
    if when is None and record.get("published"):
        when = parse_date(record["published"], location, 'field "published"')
    optional = {key: record.get(key) for key in ("platform", "source", "author")}
    for key, value in optional.items():
        if value is not None and not isinstance(value, str):
            raise JsonlError(f'field "{key}" must be a string', location)
    return make_document(
        text,
        doc_id,
        published=when,
        platform=optional["platform"],
        source=optional["source"] or location,
        author=optional["author"],
        location=location,
    )


def _is_jsonl(data: bytes) -> bool:
    first = data.lstrip()[:1]
    return first == b"{"


def expand_paths(inputs: Iterable[str]) -> Iterator[str]:
    """Expand glob patterns (`corpus/*.txt`), keeping `-` and plain names as given.

    A pattern that matches nothing is kept, so reading it reports the miss.
    """
    for item in inputs:
        if item != STDIN and glob.has_magic(item) and not Path(item).exists():
            matches = sorted(glob.glob(item, recursive=True))
            yield from matches or [item]
        else:
            yield item


def read_inputs(
    inputs: Iterable[str],
    published: date | None = None,
    max_chars: int = 1_000_000,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | InputError]:
    """Read every input, yielding documents and the errors of the bad ones.

    Args:
        inputs: Paths, glob patterns or `-` for standard input. A `.jsonl`
            file (or standard input starting with `{`) holds one document a line.
        published: Overrides every document's publication date.
        max_chars: Longest document accepted.
        stdin: Stream to read for `-` (default: `sys.stdin.buffer`).
    """
    for item in expand_paths(inputs):
        try:
            if item == STDIN:
                stream = stdin if stdin is not None else sys.stdin.buffer
                data = stream.read(max_chars * BYTES_PER_CHAR + 1)
                if len(data) > max_chars * BYTES_PER_CHAR:
                    raise TooLargeError("standard input is over the size limit", "<stdin>")
                if _is_jsonl(data):
                    yield from jsonl_documents(data.splitlines(), "<stdin>", published, max_chars)
                else:
                    yield text_document(data, "stdin", "<stdin>", published, max_chars)
                continue
            path = Path(item)
            if path.suffix.lower() in JSONL_SUFFIXES:
                yield from _read_jsonl_file(path, published, max_chars)
            else:
                yield text_document(
                    _read_bytes(path, max_chars), path.stem, str(path), published, max_chars
                )
        except InputError as err:
            yield err


def _read_jsonl_file(
    path: Path, published: date | None, max_chars: int
) -> Iterator[Document | InputError]:
    location = str(path)
    if not path.exists():
        raise MissingFileError("no such file", location)
    if not path.is_file():
        raise NotAFileError("is a directory or not a regular file", location)
    try:
        with path.open("rb") as handle:
            yield from jsonl_documents(_bounded_lines(handle, max_chars), location, published, max_chars)
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", location) from None


def _bounded_lines(handle: BinaryIO, max_chars: int) -> Iterator[bytes]:
    """Lines of a JSONL file, streamed without holding an absurdly long line.

    A line over the limit is yielded cut at limit + 1 bytes (which the reader
    reports as too large) and the rest of it is skipped.
    """
    limit = max_chars * BYTES_PER_CHAR
    while line := handle.readline(limit + 1):
        if len(line) > limit:
            rest = line
            while rest and not rest.endswith(b"\n"):
                rest = handle.readline(limit + 1)
        yield line
