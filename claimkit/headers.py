"""Text header lines: ` date YYYY-MM-DD`, ` author NAME`, ` source NAME`, ` url URL`, and date parsing.

A text document may start with header lines, each on its own line and in
any order (the ` date` header may be followed by the body on the same line);
`claimkit.ingest` reads them into the `Document` (date, author, and `meta`).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from claimkit.errors import DateError

# ` date 2021-06-15 ` at the very start of a file (leading space optional).
HEADER_RE = re.compile(r"\A[ \t]?date[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|\Z)")
DATE_LINE_RE = re.compile(r"[ \t]?date[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|\Z)")
# ` author NAME`, ` source NAME`, ` url URL`: a whole line each, before or after ` date`.
META_LINE_RE = re.compile(r"[ \t]?(author|source|url)[ \t]+(\S[^\r\n]*?)[ \t]*(?=\r?\n|\Z)")
NEWLINE_RE = re.compile(r"\r?\n")


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
        >>> read_headers(" date 2018-07-12\\n author Jo Reed\\nI lost 500 followers.")
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
