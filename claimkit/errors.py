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
        where = f"{self.location}: " if self.location else ""
        text = " ".join(self.message.split())
        return f"[{self.code}] {where}{text}"

    def __str__(self) -> str:
        return self.one_line()


class InputError(ClaimkitError):
    """An input document cannot be read (missing, binary, empty, too large...)."""

    code = "E100"


class MissingFileError(InputError):
    code = "E101"


class NotAFileError(InputError):
    code = "E102"


class BinaryInputError(InputError):
    code = "E103"


class EncodingError(InputError):
    code = "E104"


class EmptyInputError(InputError):
    code = "E105"


class TooLargeError(InputError):
    code = "E106"


class JsonlError(InputError):
    """A JSONL line is not valid JSON or lacks a field."""

    code = "E107"


class DateError(InputError):
    code = "E108"


class GoldError(ClaimkitError):
    """A gold corpus line breaks the SPEC's gold format (names file, line and field)."""

    code = "E200"


class ConfigError(ClaimkitError):
    """A configuration value is invalid."""

    code = "E300"


class ModelNotFoundError(ConfigError):
    """A model (spaCy pipeline, encoder, NLI model, classifier head) cannot be loaded."""

    code = "E301"


class BackendUnavailableError(ConfigError):
    """A stance backend needs optional packages that are not installed."""

    code = "E302"
