"""Ingestion: turn files, JSONL lines and standard input into `Document`s.

Reading never stops at the first bad input: `read_inputs` yields a
`Document` for every good input and an `InputError` (naming the file and
line) for every bad one, so a batch keeps going and reports what it skipped.

Publication dates follow the SPEC's precedence: `--published` (the
`published` argument), else the text's ` date YYYY-MM-DD` header, else the
JSONL `published` field, else unknown. A header or field that is not a real
date leaves the document undated and adds a warning to `Document.warnings`.

Metadata flows through: a text file's header lines ` author NAME`,
` source NAME` and ` url URL` (beside ` date`), a JSONL line's `source`,
`author`, `url` and any other key, end up in `Document.meta` (and so in the
output's `meta`).
"""

from __future__ import annotations

import glob
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime
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
    UnreadableError,
)
from claimkit.normalize import normalize_text
from claimkit.types import Document

STDIN = "-"
STDIN_NAME = "<stdin>"
JSONL_SUFFIXES = (".jsonl", ".ndjson")
DEFAULT_MAX_CHARS = 1_000_000
# ` date 2021-06-15 ` at the very start of a file (leading space optional).
HEADER_RE = re.compile(r"\A[ \t]?date[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|\Z)")
DATE_LINE_RE = re.compile(r"[ \t]?date[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|\Z)")
# ` author NAME`, ` source NAME`, ` url URL`: a whole line each, before or after ` date`.
META_LINE_RE = re.compile(r"[ \t]?(author|source|url)[ \t]+(\S[^\r\n]*?)[ \t]*(?=\r?\n|\Z)")
NEWLINE_RE = re.compile(r"\r?\n")
# A JSON object opens with `{"` (or is `{}`): standard input starting so is JSONL.
JSONL_START_RE = re.compile(rb"\A\s*\{\s*[\"}]")
# UTF-8 needs at most 4 bytes a character: a larger file cannot fit `max_chars`.
BYTES_PER_CHAR = 4
SNIFF_BYTES = 8192
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
OPTIONAL_FIELDS = ("platform", "source", "author", "url")
# JSONL keys read into `Document` fields; every other key is kept in `meta`,
# except the gold annotation of a corpus line (SPEC section 7).
DOCUMENT_KEYS = ("id", "text", "published", "platform")
GOLD_KEYS = ("claims", "stances", "official")
META_KEYS = ("source", "author", "url")


# --------------------------------------------------------------------------- dates and headers


def parse_date(value: object, location: str | None = None, field: str = "date") -> date:
    """Parse an ISO date (YYYY-MM-DD); an ISO date-time keeps its date.

    Raises:
        DateError: naming the location and field when the value is not a date.

    Example:
        >>> parse_date("2018-02-21")
        datetime.date(2018, 2, 21)
    """
    if isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    if isinstance(value, str):
        text = value.strip()
        for parse in (date.fromisoformat, lambda v: datetime.fromisoformat(v).date()):
            try:
                return parse(text)
            except ValueError:
                continue
    raise DateError(
        f"{field} {value!r} is not a date; expected YYYY-MM-DD, e.g. 2018-02-21",
        location,
    )


def read_headers(text: str) -> tuple[dict[str, str], int]:
    """The header lines at the start of a text: ` date`, ` author`, ` source`, ` url`.

    Each header is a line of its own (the ` date` header may be followed by
    the body on the same line), in any order, each at most once; the first
    line that is not a header ends them. A ` date` header whose date does
    not exist ends the headers too (see `header_date`).

    Returns:
        The header values by name (`date` as written) and the offset where the body starts.

    Example:
        >>> read_headers(" date 2018-07-12\n author Jo Reed\nI lost 500 followers.")
        ({'date': '2018-07-12', 'author': 'Jo Reed'}, 31)
    """
    found, body, _ = _scan_headers(text)
    return found, body


def _scan_headers(text: str) -> tuple[dict[str, str], int, int]:
    """`read_headers`, plus the offset of the line that ended the headers."""
    found: dict[str, str] = {}
    pos = body = 0
    while True:
        match = DATE_LINE_RE.match(text, pos)
        if match and "date" not in found and _real_date(match.group(1)):
            found["date"] = match.group(1)
        else:
            match = META_LINE_RE.match(text, pos)
            if not match or match.group(1) in found:
                break
            found[match.group(1)] = match.group(2)
        body = match.end()
        newline = NEWLINE_RE.match(text, body)
        if not newline:
            break
        pos = newline.end()
    return found, body, pos


def _real_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def split_header(text: str) -> tuple[date | None, int]:
    """Find the optional ` date YYYY-MM-DD` header (and the other header lines).

    Returns:
        The header's date (or None) and the offset where the body starts
        (after every header line, see `read_headers`). A header whose date
        does not exist (2018-02-30) is not a header: it gives `(None, 0)`
        when it comes first; the readers report it with `header_date`.

    Example:
        >>> split_header(" date 2021-06-15 Twitter Support said ...")
        (datetime.date(2021, 6, 15), 16)
    """
    found, body = read_headers(text)
    return (date.fromisoformat(found["date"]) if "date" in found else None), body


def header_date(text: str, location: str) -> date | None:
    """The ` date` header's date; a header with an impossible date is an error.

    Raises:
        DateError: the header reads like `date 2018-13-45`.
    """
    found, _, stop = _scan_headers(text)
    if "date" in found:
        return date.fromisoformat(found["date"])
    match = DATE_LINE_RE.match(text, stop)
    if match:
        raise DateError(
            f"date header {match.group(1)!r} is not a real date; expected YYYY-MM-DD, "
            "or give --published to override it",
            location,
        )
    return None


def make_document(
    text: str,
    doc_id: str = "text",
    published: date | str | None = None,
    platform: str | None = None,
    source: str | None = None,
    author: str | None = None,
    location: str = "<text>",
    url: str | None = None,
    meta: dict[str, object] | None = None,
    warnings: tuple[str, ...] = (),
) -> Document:
    """Build a `Document` from raw text, reading its header lines.

    The text is normalised first (`claimkit.normalize.normalize_text`:
    surrogates and control characters replaced, NFC, pathological tokens
    capped); the `Document` holds the normalised text, which is what every
    result offset indexes into. `published`, when given, overrides the ` date` header; `author`,
    `source` and `url` override the ` author`, ` source` and ` url` headers.
    `meta` holds any other metadata (JSONL keys); the given or header
    `source`, `author` and `url` are added to it.

    Example:
        >>> make_document(" date 2018-02-21\nI lost 500 followers.").published
        datetime.date(2018, 2, 21)
        >>> make_document(" author Jo Reed\nI lost 500 followers.").meta
        {'author': 'Jo Reed'}
    """
    text = normalize_text(text)
    headers, body_start = read_headers(text)
    if published is not None and not isinstance(published, date):
        published = parse_date(published, location, "published")
    header = date.fromisoformat(headers["date"]) if "date" in headers else None
    given = {"source": source, "author": author, "url": url}
    values = {key: given[key] or headers.get(key) for key in META_KEYS}
    return Document(
        id=doc_id,
        text=text,
        published=published or header,
        platform=platform or None,
        source=values["source"] or location,
        author=values["author"] or None,
        body_start=body_start,
        location=location,
        meta={**(meta or {}), **{k: v for k, v in values.items() if v}},
        warnings=tuple(warnings),
    )


def _dated(text: str, location: str, published: date | None) -> tuple[date | None, tuple[str, ...]]:
    """`published`, else the header's date; an impossible header date is a warning, not an error."""
    if published is not None:
        return published, ()
    try:
        return header_date(text, location), ()
    except DateError as err:
        return None, (f"{err.one_line()}; the document is left undated",)


# --------------------------------------------------------------------------- bytes to text


def decode(data: bytes, location: str) -> str:
    """Decode UTF-8 bytes (a BOM is dropped), refusing binary data.

    Raises:
        BinaryInputError: the data holds NUL bytes (binary, or UTF-16 text).
        EncodingError: the data is not UTF-8; the message gives line and byte.
    """
    if data.startswith(UTF16_BOMS):
        raise BinaryInputError(
            "UTF-16 text; convert it to UTF-8, e.g. `iconv -f utf-16 -t utf-8`", location
        )
    if b"\x00" in data:
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


def _check_text(text: str, location: str, max_chars: int) -> None:
    if len(text) > max_chars:
        raise TooLargeError(
            f"document has {len(text):,} characters, over the limit of {max_chars:,}; "
            "split it or raise --max-chars",
            location,
        )
    _, body_start = split_header(text)
    if not text[body_start:].strip():
        what = "only a date header, no text" if body_start else "no text"
        raise EmptyInputError(f"empty document ({what})", location)


def text_document(
    data: bytes,
    doc_id: str,
    location: str,
    published: date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Document:
    """A `Document` from the bytes of a plain-text file.

    Raises:
        InputError: binary, not UTF-8, empty, too long, or an impossible date header.
    """
    text = decode(data, location)
    _check_text(text, location, max_chars)
    when, warnings = _dated(text, f"{location}:1", published)
    return make_document(text, doc_id, published=when, location=location, warnings=warnings)


# --------------------------------------------------------------------------- JSONL


def jsonl_documents(
    lines: Iterable[bytes],
    name: str,
    published: date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Document | InputError]:
    """Documents from JSONL lines `{"id", "text", "published"?, "source"?, "platform"?, "author"?}`.

    Blank lines are skipped; each bad line yields an `InputError` naming
    `name:line`, and reading goes on. A file without any document yields
    one `EmptyInputError`.
    """
    stem = "stdin" if name == STDIN_NAME else Path(name).stem
    limit = max_chars * BYTES_PER_CHAR
    seen = 0
    for number, raw in enumerate(lines, start=1):
        location = f"{name}:{number}"
        try:
            if len(raw.rstrip(b"\r\n")) > limit:
                raise TooLargeError(
                    f"line is over {limit:,} bytes, too long for {max_chars:,} characters; "
                    "split the document or raise --max-chars",
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
        raise JsonlError(
            f"malformed JSON ({err.msg} at column {err.colno}); expected one JSON object per line",
            location,
        ) from None
    if not isinstance(record, dict):
        raise JsonlError(
            f"expected a JSON object per line, found {_json_type(record)}", location
        )
    text = record.get("text")
    if text is None:
        raise JsonlError('field "text" is missing; every line needs the document\'s "text"', location)
    if not isinstance(text, str):
        raise JsonlError(f'field "text" must be a string, found {_json_type(text)}', location)
    _check_text(text, location, max_chars)
    doc_id = _record_id(record.get("id"), stem, number, location)
    for key in OPTIONAL_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise JsonlError(f'field "{key}" must be a string, found {_json_type(value)}', location)
    when, warnings = _dated(text, location, published)
    if when is None and not warnings and record.get("published") not in (None, ""):
        try:
            when = parse_date(record["published"], location, 'field "published"')
        except DateError as err:
            warnings = (f"{err.one_line()}; the document is left undated",)
    meta = {key: value for key, value in record.items() if key not in DOCUMENT_KEYS + GOLD_KEYS + META_KEYS}
    return make_document(
        text,
        doc_id,
        published=when,
        platform=record.get("platform"),
        source=record.get("source"),
        author=record.get("author"),
        url=record.get("url"),
        location=location,
        meta=meta,
        warnings=warnings,
    )


def _record_id(value: object, stem: str, number: int, location: str) -> str:
    if value is None or value == "":
        return f"{stem}-{number}"
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise JsonlError(f'field "id" must be a string or an integer, found {_json_type(value)}', location)
    return str(value)


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _bounded_lines(handle: BinaryIO, max_chars: int) -> Iterator[bytes]:
    """Lines of a JSONL stream, read without ever holding an absurdly long line.

    A line whose content is over the limit is yielded cut just past the limit
    (which `jsonl_documents` reports as too large) and the rest of it is
    skipped, so line numbers stay right.
    """
    size = max_chars * BYTES_PER_CHAR + 2  # room for the content and "\r\n"
    while line := handle.readline(size):
        if len(line) == size and not line.endswith(b"\n"):
            rest = line
            while rest and not rest.endswith(b"\n"):
                rest = handle.readline(size)
        yield line


# --------------------------------------------------------------------------- files and standard input


def expand_paths(inputs: Iterable[str | os.PathLike]) -> Iterator[str]:
    """Expand glob patterns (`corpus/*.txt`), keeping `-` and plain names as given.

    A pattern's matches are sorted, directories left out; a pattern that
    matches no file is kept, so reading it reports the miss.
    """
    for item in inputs:
        name = os.fspath(item)
        matches = _glob(name)
        yield from matches if matches else [name]


def expand_inputs(inputs: Iterable[str | os.PathLike]) -> Iterator[str | InputError]:
    """Expand glob patterns like `expand_paths`; a pattern matching no file is an error.

    The CLI expands its inputs with this before it opens an output file, so a
    pattern can never pick up the output being written.
    """
    for item in inputs:
        name = os.fspath(item)
        if name == STDIN or not glob.has_magic(name) or os.path.lexists(name):
            yield name
            continue
        matches = _glob(name)
        if not matches:
            yield MissingFileError("no file matches this pattern", name)
        yield from matches


def _glob(name: str) -> list[str]:
    if name == STDIN or not glob.has_magic(name) or os.path.lexists(name):
        return []
    return [m for m in sorted(glob.glob(name, recursive=True)) if not os.path.isdir(m)]


def _check_file(path: Path) -> os.stat_result:
    """Stat `path`, refusing what is not a readable regular file."""
    location = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise MissingFileError("broken symbolic link (its target does not exist)", location) from None
        if glob.has_magic(location):
            raise MissingFileError("no file matches this pattern", location) from None
        raise MissingFileError("no such file", location) from None
    except NotADirectoryError:
        raise MissingFileError("no such file (a parent in the path is not a directory)", location) from None
    except PermissionError:
        raise UnreadableError("permission denied; check the file's permissions", location) from None
    except OSError as err:
        raise UnreadableError(f"cannot read: {err.strerror or err}", location) from None
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise NotAFileError("is a directory; give the files inside it or a glob such as 'DIR/*.txt'", location)
    if stat.S_ISFIFO(mode):
        raise NotAFileError(
            "is a named pipe (FIFO), not a regular file; feed it to standard input with `-` instead",
            location,
        )
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise NotAFileError("is a device, not a regular file", location)
    if not stat.S_ISREG(mode):
        raise NotAFileError("is not a regular file (a socket?)", location)
    return info


def _open(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except PermissionError:
        raise UnreadableError("permission denied; check the file's permissions", str(path)) from None
    except OSError as err:
        raise UnreadableError(f"cannot read: {err.strerror or err}", str(path)) from None


def _read_text_file(path: Path, published: date | None, max_chars: int) -> Document:
    location = str(path)
    size = _check_file(path).st_size
    limit = max_chars * BYTES_PER_CHAR
    if size > limit:
        raise TooLargeError(
            f"file is {size:,} bytes, too large for the limit of {max_chars:,} characters; "
            "split it or raise --max-chars",
            location,
        )
    try:
        with _open(path) as handle:
            data = handle.read(limit + 1)  # the file may have grown since stat
    except OSError as err:
        raise UnreadableError(f"cannot read: {err.strerror or err}", location) from None
    if len(data) > limit:
        raise TooLargeError(f"file is over {limit:,} bytes; split it or raise --max-chars", location)
    return text_document(data, path.stem, location, published, max_chars)


def _read_jsonl_file(path: Path, published: date | None, max_chars: int) -> Iterator[Document | InputError]:
    location = str(path)
    _check_file(path)
    try:
        with _open(path) as handle:
            yield from jsonl_documents(_bounded_lines(handle, max_chars), location, published, max_chars)
    except OSError as err:
        raise UnreadableError(f"cannot read: {err.strerror or err}", location) from None


class _Prepend(io.RawIOBase):
    """A raw stream that replays `head`, then reads on from `rest`."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 - memoryview
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        read = getattr(self._rest, "read1", self._rest.read)
        data = read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def with_metadata(document: Document, author: str | None = None, source: str | None = None) -> Document:
    """The document with `author` and `source` set (each one only when given).

    Example:
        >>> with_metadata(make_document("I lost 500 followers."), author="Jo Reed").author
        'Jo Reed'
    """
    given = {key: value for key, value in (("author", author), ("source", source)) if value}
    if not given:
        return document
    return replace(document, **given, meta={**document.meta, **given})


def _read_stdin(stream: BinaryIO, published: date | None, max_chars: int) -> Iterator[Document | InputError]:
    """Standard input: JSONL when it starts with a JSON object, else one text document."""
    limit = max_chars * BYTES_PER_CHAR
    head = stream.read(SNIFF_BYTES)
    if JSONL_START_RE.match(head.removeprefix(UTF8_BOM)):
        lines = _bounded_lines(io.BufferedReader(_Prepend(head, stream)), max_chars)
        yield from jsonl_documents(lines, STDIN_NAME, published, max_chars)
        return
    data = head + stream.read(max(limit + 1 - len(head), 0))
    if len(data) > limit:
        raise TooLargeError(
            f"standard input is over {limit:,} bytes, too large for {max_chars:,} characters; "
            "split it or raise --max-chars",
            STDIN_NAME,
        )
    yield text_document(data, "stdin", STDIN_NAME, published, max_chars)


def read_inputs(
    inputs: Iterable[str | os.PathLike] | str | os.PathLike,
    published: date | str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    stdin: BinaryIO | None = None,
    author: str | None = None,
    source: str | None = None,
) -> Iterator[Document | InputError]:
    """Read every input, yielding documents and the errors of the bad ones.

    Args:
        inputs: Paths, glob patterns or `-` for standard input. A `.jsonl` or
            `.ndjson` file (or standard input starting with `{"`) holds one
            document a line; any other file is one text document.
        published: Overrides every document's publication date.
        max_chars: Longest document accepted, in characters.
        stdin: Stream to read for `-` (default: `sys.stdin.buffer`).
        author: The author of the documents read from standard input
            (their unattributed text is this voice; overrides headers).
        source: Their source (outlet), likewise.

    Example:
        >>> for item in read_inputs(["article.txt", "posts.jsonl"]):  # doctest: +SKIP
        ...     print(item.one_line() if isinstance(item, InputError) else item.id)
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    if published is not None and not isinstance(published, date):
        published = parse_date(published, "published")
    stdin_read = False
    for item in expand_inputs(inputs):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            if item == STDIN:
                if stdin_read:
                    raise InputError("standard input was already read; give `-` only once", STDIN_NAME)
                stdin_read = True
                stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
                if stream is None:
                    raise UnreadableError("there is no standard input to read", STDIN_NAME)
                for found in _read_stdin(stream, published, max_chars):
                    yield found if isinstance(found, InputError) else with_metadata(found, author, source)
                continue
            path = Path(item)
            if path.suffix.lower() in JSONL_SUFFIXES:
                yield from _read_jsonl_file(path, published, max_chars)
            else:
                yield _read_text_file(path, published, max_chars)
        except InputError as err:
            yield err
