"""Report inputs: saved claimkit output (JSON, JSONL) is read back; anything else is a document to analyse.

A file is saved output when its first JSON object has the keys of an
analysis (`statements` and `explanations`, besides `id`); a gold corpus line
(`text`, `claims`, `stances`) or a document line (`text`) is a document.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

from claimkit.errors import ClaimkitError, InputError, JsonlError, MissingFileError, SchemaError, UnreadableError
from claimkit.ingest import JSONL_SUFFIXES, STDIN, STDIN_NAME, decode
from claimkit.types import Analysis

SAVED_KEYS = ("statements", "explanations")
SNIFF_BYTES = 65536


def is_analysis(record: object) -> bool:
    """True for a JSON object shaped like `Analysis.to_dict()`."""
    return isinstance(record, dict) and all(key in record for key in SAVED_KEYS) and "id" in record


def _first_object(head: bytes) -> object:
    text = head.decode("utf-8-sig", errors="replace").lstrip()
    if text.startswith("["):
        text = text[1:].lstrip()
    try:
        record, _ = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError:
        line = text.split("\n", 1)[0]
        try:
            return json.loads(line)
        except json.JSONDecodeError:
            return None
    return record


def sniff_saved(head: bytes) -> bool:
    """Whether bytes that start a file are saved claimkit output."""
    return is_analysis(_first_object(head))


def is_saved_file(path: str) -> bool:
    """Whether the file at `path` (a `.json`, `.jsonl` or `.ndjson` file) is saved claimkit output."""
    if path == STDIN or Path(path).suffix.lower() not in (*JSONL_SUFFIXES, ".json"):
        return False
    try:
        with open(path, "rb") as handle:
            return sniff_saved(handle.read(SNIFF_BYTES))
    except OSError:
        return False


def saved_analyses(data: bytes, name: str) -> Iterator[Analysis | InputError]:
    """The analyses in saved output: one JSON value (object or array) or one object a line.

    Each bad line or object yields an `InputError` naming `name:line` (or `name[i]`).
    """
    try:
        text = decode(data, name)
    except InputError as err:
        yield err
        return
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        whole = None
    if whole is not None:
        items = whole if isinstance(whole, list) else [whole]
        for i, item in enumerate(items):
            yield _analysis(item, name if len(items) == 1 and not isinstance(whole, list) else f"{name}[{i}]")
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        location = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield JsonlError(f"malformed JSON ({err.msg} at column {err.colno})", location)
            continue
        yield _analysis(record, location)


def _analysis(record: object, location: str) -> Analysis | InputError:
    if not is_analysis(record):
        return JsonlError("not a claimkit analysis (expected the keys id, statements, claims, explanations)",
                          location)
    try:
        return Analysis.from_dict(record)  # type: ignore[arg-type]
    except SchemaError as err:
        return JsonlError(err.message, location)
    except (TypeError, ValueError, ClaimkitError) as err:
        return JsonlError(f"not a claimkit analysis ({err})", location)


def read_saved_file(path: str) -> Iterator[Analysis | InputError]:
    """The analyses of a saved output file."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        yield MissingFileError("no such file", path)
        return
    except OSError as err:
        yield UnreadableError(f"cannot read: {err.strerror or err}", path)
        return
    yield from saved_analyses(data, path)


def split_stdin(stream) -> tuple[bool, io.BytesIO]:  # noqa: ANN001 - a binary stream
    """Read standard input once: whether it is saved output, and its bytes to read again."""
    data = stream.read()
    return sniff_saved(data[:SNIFF_BYTES]), io.BytesIO(data)


__all__ = ["is_analysis", "is_saved_file", "read_saved_file", "saved_analyses", "sniff_saved", "split_stdin",
           "STDIN_NAME"]
