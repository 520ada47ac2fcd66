"""Every error claimkit raises, each with a code and a message that says how to fix it.

The CLI turns a `ClaimkitError` into one line on stderr and a non-zero exit;
it never prints a traceback for bad input.
"""

from __future__ import annotations


class ClaimkitError(Exception):
    """Base class: `code` is stable, `location` names the file (and line)."""

    code = "E000"

    def __init__(self, message: str, location: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def one_line(self) -> str:
        """The error as the CLI prints it: `[E101] file:line: message`."""
        location = self.location.replace("\n", "\\n") if self.location else ""
        where = f"{location}: " if location else ""
        text = " ".join(self.message.split())
        return f"[{self.code}] {where}{text}"

    def __str__(self) -> str:
        return self.one_line()


class InputError(ClaimkitError):
    """An input document cannot be read (missing, binary, empty, too large...)."""

    code = "E100"


class MissingFileError(InputError):
    """The file does not exist, or a glob pattern matches no file."""

    code = "E101"


class NotAFileError(InputError):
    """The path is a directory, a named pipe, a device or a socket."""

    code = "E102"


class BinaryInputError(InputError):
    """The file holds binary data (NUL bytes) or UTF-16 text."""

    code = "E103"


class EncodingError(InputError):
    """The file is not UTF-8; the message gives the line and byte."""

    code = "E104"


class EmptyInputError(InputError):
    """The document (or JSONL file) holds no text."""

    code = "E105"


class TooLargeError(InputError):
    """The document is longer than `--max-chars`."""

    code = "E106"


class JsonlError(InputError):
    """A JSONL line is not valid JSON or lacks a field."""

    code = "E107"


class DateError(InputError):
    """A date (header, JSONL field or --published) is not YYYY-MM-DD."""

    code = "E108"


class UnreadableError(InputError):
    """The file exists but cannot be read (permission denied, I/O error)."""

    code = "E109"


class OutputError(ClaimkitError):
    """The output file (`-o`) cannot be written."""

    code = "E110"


class AnalysisError(ClaimkitError):
    """Analysing one document failed unexpectedly (a claimkit bug: please report it)."""

    code = "E900"


class GoldError(ClaimkitError):
    """A gold corpus line breaks the SPEC's gold format (names file, line and field)."""

    code = "E200"


class SchemaError(ClaimkitError, ValueError):
    """A saved result (JSON output read back with `from_dict`) lacks a key or has a wrong type."""

    code = "E210"


class ConfigError(ClaimkitError):
    """A configuration value is invalid."""

    code = "E300"


class ModelNotFoundError(ConfigError):
    """A model (spaCy pipeline, encoder, NLI model, classifier head) cannot be loaded."""

    code = "E301"


class BackendUnavailableError(ConfigError):
    """A stance backend needs optional packages that are not installed."""

    code = "E302"


class TaxonomyError(ConfigError):
    """A cause-taxonomy file (`--taxonomy`, `CLAIMKIT_TAXONOMY`) is missing or malformed."""

    code = "E303"


class PlatformsError(ConfigError):
    """A platforms file (`--platforms`, `CLAIMKIT_PLATFORMS`) is missing or malformed."""

    code = "E304"


class BatchError(ClaimkitError):
    """A `claimkit batch` run stopped: too many bad input lines, or an output that cannot be resumed."""

    code = "E400"
