"""Text normalisation on ingestion: make any string safe to parse, in linear time.

`make_document` (and so the CLI, the API and eval) passes every input text
through `normalize_text` before anything else reads it. The normalised text is
what a `Document` and an `Analysis` hold (`Analysis.text`), and **every
offset claimkit reports indexes into the normalised text**, never into the raw
input. The steps, in order:

1. Lone surrogates (U+D800-U+DFFF, which a JSONL line can carry as a
   `"\\ud800"` escape and which UTF-8 cannot encode) become U+FFFD.
2. NFC (`unicodedata.normalize("NFC", ...)`): "e" + U+0301 becomes "é".
   This step alone may shorten the text; the later ones keep its length.
3. Control characters (Unicode category Cc, NUL included) other than
   the whitespace ones that end or indent lines (newline, carriage return,
   tab) become a space, so a stray NUL or escape keeps the offsets of what
   follows. Carriage returns stay so CRLF files read back as written.
4. Pathological tokens are capped: in any run of non-whitespace characters
   longer than `MAX_TOKEN_CHARS` (1,000), the characters past the cap become
   spaces; in any run of one repeated punctuation or symbol character longer
   than `MAX_REPEAT_CHARS` (100), so do the repeats past that cap. Both keep
   the length, so tokenizing and parsing stay linear in the text's length
   (a 148,000-character token or a few thousand dashes would otherwise take
   seconds) while the offsets of everything else are unchanged.

Example:
    >>> normalize_text("lost 500\\x00 followers\\x1b\\r\\n")
    'lost 500  followers \\r\\n'
    >>> normalize_text("cafe\\u0301 \\ud800")
    'café \\ufffd'
"""

from __future__ import annotations

import re
import unicodedata

REPLACEMENT = "\ufffd"
#: Longest run of non-whitespace characters kept as it is; the rest become spaces.
MAX_TOKEN_CHARS = 1_000
#: Longest run of one repeated punctuation or symbol character ("-----", "!!!!").
MAX_REPEAT_CHARS = 100

_SURROGATE_RE = re.compile("[\ud800-\udfff]")
# Category Cc except tab (U+0009), newline (U+000A) and carriage return (U+000D).
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _long_run_re(cap: int) -> re.Pattern[str]:
    # Anchored at the start of a run, so a failed attempt costs O(1): linear overall.
    return re.compile(rf"(?<!\S)\S{{{cap + 1},}}")


def _repeat_re(cap: int) -> re.Pattern[str]:
    # A punctuation or symbol character not preceded by itself, then `cap` or more repeats.
    return re.compile(rf"([^\w\s])(?<!\1\1)\1{{{cap},}}")


_LONG_RUN_RE = _long_run_re(MAX_TOKEN_CHARS)
_REPEAT_RE = _repeat_re(MAX_REPEAT_CHARS)


def replace_surrogates(text: str) -> str:
    """Lone surrogates (unencodable in UTF-8) replaced by U+FFFD; the length is kept."""
    return _SURROGATE_RE.sub(REPLACEMENT, text)


def replace_controls(text: str) -> str:
    """Control characters other than newline, carriage return and tab replaced by a space; the length is kept."""
    return _CONTROL_RE.sub(" ", text)


def cap_runs(text: str, max_token: int = MAX_TOKEN_CHARS, max_repeat: int = MAX_REPEAT_CHARS) -> str:
    """Cap very long tokens and long runs of one punctuation character; the length is kept.

    Example:
        >>> cap_runs("lost " + "-" * 5 + " x", max_repeat=2)
        'lost --    x'
    """
    if max_token == MAX_TOKEN_CHARS and max_repeat == MAX_REPEAT_CHARS:
        long_run, repeat = _LONG_RUN_RE, _REPEAT_RE
    else:
        long_run, repeat = _long_run_re(max_token), _repeat_re(max_repeat)
    text = repeat.sub(lambda m: m.group(0)[:max_repeat] + " " * (len(m.group(0)) - max_repeat), text)
    return long_run.sub(lambda m: m.group(0)[:max_token] + " " * (len(m.group(0)) - max_token), text)


def normalize_text(text: str) -> str:
    """The text every stage reads: surrogates replaced, NFC, controls blanked, long runs capped.

    See the module docstring for the steps; offsets in results index into
    this function's output.
    """
    text = replace_surrogates(text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return cap_runs(replace_controls(text))


def is_normalized(text: str) -> bool:
    """Whether `normalize_text` would leave the text unchanged."""
    return normalize_text(text) == text
