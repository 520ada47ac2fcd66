"""JSONL documents: one JSON object a line, every bad line reported and skipped.

Each line `{"id", "text", "published"?, "platform"?, "source"?, "author"?,
"url"?, ...}` becomes a `Document`; any other key is kept in its `meta`
(except a corpus line's gold annotation). A bad line yields an `InputError`
naming `file:line` and reading goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import BinaryIO

from claimkit.documents import (
    BYTES_PER_CHAR,
    DEFAULT_MAX_CHARS,
    META_KEYS,
    _check_text,
    _dated,
    decode,
    make_document,
)
from claimkit.errors import DateError, DuplicateIdError, EmptyInputError, InputError, JsonlError, TooLargeError
from claimkit.headers import parse_date
from claimkit.types import Document

STDIN_NAME = "<stdin>"
JSONL_SUFFIXES = (".jsonl", ".ndjson")
OPTIONAL_FIELDS = ("platform", "source", "author", "url")
# JSONL keys read into `Document` fields; every other key is kept in `meta`,
# except the gold annotation of a corpus line (SPEC section 7).
DOCUMENT_KEYS = ("id", "text", "published", "platform")
GOLD_KEYS = ("claims", "stances", "official")


def jsonl_documents(
    lines: Iterable[bytes],
    name: str,
    published: date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    seen_ids: dict[str, str] | None = None,
) -> Iterator[Document | InputError]:
    """Documents from JSONL lines `{"id", "text", "published"?, "source"?, "platform"?, "author"?}`.

    Blank lines are skipped; each bad line yields an `InputError` naming
    `name:line`, and reading goes on. A file without any document yields
    one `EmptyInputError`. An id already used (in `seen_ids`: id → where,
    shared by every file of one run) yields a `DuplicateIdError` and then the
    document, kept apart under the id with `#2` (`#3`, ...) appended.
    """
    stem = "stdin" if name == STDIN_NAME else Path(name).stem
    limit = max_chars * BYTES_PER_CHAR
    seen = 0
    ids = seen_ids if seen_ids is not None else {}
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
            document = _jsonl_document(line, stem, number, location, published, max_chars)
            first = ids.setdefault(document.id, location)
            if first != location:
                unique = _unique_id(document.id, ids)
                ids[unique] = location
                yield DuplicateIdError(
                    f'id "{document.id}" was already used at {first}; this document is kept apart as "{unique}"',
                    location,
                )
                document = replace(document, id=unique)
            yield document
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


def _unique_id(doc_id: str, ids: dict[str, str]) -> str:
    n = 2
    while f"{doc_id}#{n}" in ids:
        n += 1
    return f"{doc_id}#{n}"


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


def bounded_lines(handle: BinaryIO, max_chars: int) -> Iterator[bytes]:
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
