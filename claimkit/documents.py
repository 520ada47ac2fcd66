"""Documents from text: decoding bytes, checking them, reading header lines.

`make_document` is the one place a `Document` is built from raw text: the
text is normalised, its header lines (` date`, ` author`, ` source`,
` url`) are read, and given metadata overrides them. `decode` turns a
file's bytes into text (UTF-8, a BOM dropped, or UTF-16 when its BOM says
so) and refuses binary data.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from claimkit.errors import BinaryInputError, DateError, EmptyInputError, EncodingError, TooLargeError
from claimkit.headers import header_date, parse_date, read_headers, split_header
from claimkit.normalize import normalize_text
from claimkit.types import Document

DEFAULT_MAX_CHARS = 1_000_000
# UTF-8 needs at most 4 bytes a character: a larger file cannot fit `max_chars`.
BYTES_PER_CHAR = 4
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
META_KEYS = ("source", "author", "url")


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
        >>> make_document(" date 2018-02-21\\nI lost 500 followers.").published
        datetime.date(2018, 2, 21)
        >>> make_document(" author Jo Reed\\nI lost 500 followers.").meta
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


def decode(data: bytes, location: str) -> str:
    """Decode UTF-8 bytes (a BOM is dropped), or UTF-16 when a UTF-16 BOM says so; refuse binary data.

    Raises:
        BinaryInputError: the data holds NUL bytes (binary, or UTF-16 text without a BOM).
        EncodingError: the data is not UTF-8; the message gives line and byte.
    """
    if data.startswith(UTF16_BOMS):  # the BOM says UTF-16: decode it (the BOM is dropped)
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise EncodingError(
                f"UTF-16 BOM but not valid UTF-16 (at byte {err.start}); convert it to UTF-8", location
            ) from None
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
