"""Input paths: glob expansion and the checks that a path is a readable regular file."""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from claimkit.errors import InputError, MissingFileError, NotAFileError, UnreadableError

STDIN = "-"


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
