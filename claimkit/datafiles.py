"""Reading the JSON data files a user passes (`--taxonomy`, `--platforms`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from claimkit.errors import ClaimkitError


def read_json_file(path: Path, error: type[ClaimkitError], what: str) -> Any:
    """The parsed JSON of `path`, or `error` naming the file and what went wrong.

    Args:
        path: The file.
        error: The error class to raise (e.g. `TaxonomyError`).
        what: The file's kind in messages ("taxonomy", "platforms").
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"no such {what} file", str(path)) from None
    except (OSError, UnicodeDecodeError) as err:
        raise error(f"cannot read it ({getattr(err, 'strerror', None) or err})", str(path)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise error(f"not valid JSON: {err.msg} (line {err.lineno}, column {err.colno})", str(path)) from None
