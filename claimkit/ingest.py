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

import io
import os
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from claimkit.documents import (  # noqa: F401 - re-exported
    BYTES_PER_CHAR,
    DEFAULT_MAX_CHARS,
    UTF8_BOM,
    UTF16_BOMS,
    decode,
    make_document,
    text_document,
    with_metadata,
)
from claimkit.errors import InputError, TooLargeError, UnreadableError
from claimkit.headers import header_date, parse_date, read_headers, split_header  # noqa: F401 - re-exported
from claimkit.jsonl import JSONL_SUFFIXES, STDIN_NAME, bounded_lines, jsonl_documents  # noqa: F401 - re-exported
from claimkit.paths import STDIN, _check_file, _open, expand_inputs, expand_paths  # noqa: F401 - re-exported
from claimkit.types import Document

# A JSON object opens with `{"` (or is `{}`): standard input starting so is JSONL.
JSONL_START_RE = re.compile(rb"\A\s*\{\s*[\"}]")
SNIFF_BYTES = 8192


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


def _read_jsonl_file(
    path: Path, published: date | None, max_chars: int, seen_ids: dict[str, str] | None = None
) -> Iterator[Document | InputError]:
    location = str(path)
    _check_file(path)
    try:
        with _open(path) as handle:
            if handle.peek(2)[:2] in UTF16_BOMS:  # UTF-16 JSONL: decode it whole, then read its lines as UTF-8
                text = decode(handle.read(), location)
                lines: Iterable[bytes] = (f"{line}\n".encode("utf-8") for line in text.split("\n"))
            else:
                lines = bounded_lines(handle, max_chars)
            yield from jsonl_documents(lines, location, published, max_chars, seen_ids)
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


def _read_stdin(
    stream: BinaryIO, published: date | None, max_chars: int, seen_ids: dict[str, str] | None = None
) -> Iterator[Document | InputError]:
    """Standard input: JSONL when it starts with a JSON object, else one text document."""
    limit = max_chars * BYTES_PER_CHAR
    head = stream.read(SNIFF_BYTES)
    if JSONL_START_RE.match(head.removeprefix(UTF8_BOM)):
        lines = bounded_lines(io.BufferedReader(_Prepend(head, stream)), max_chars)
        yield from jsonl_documents(lines, STDIN_NAME, published, max_chars, seen_ids)
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
    seen_ids: dict[str, str] = {}
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
                for found in _read_stdin(stream, published, max_chars, seen_ids):
                    yield found if isinstance(found, InputError) else with_metadata(found, author, source)
                continue
            path = Path(item)
            if path.suffix.lower() in JSONL_SUFFIXES:
                yield from _read_jsonl_file(path, published, max_chars, seen_ids)
            else:
                yield _read_text_file(path, published, max_chars)
        except InputError as err:
            yield err
