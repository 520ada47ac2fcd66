"""Gold corpora: validate JSONL against the SPEC's gold format, load it with `datasets`.

A gold corpus is one or more JSONL files, one annotated document a line
(SPEC section 5). Every line is checked before anything is scored: a broken
line raises `GoldError` naming the file, the line and the field, and saying
what was expected, e.g.

    [E200] corpora/dev.jsonl:12: claims[1].qualifier[0]: "aprox" is not one of exact/approx/over/under

The validated lines are then loaded with Hugging Face `datasets`
(`load_dataset("json", ...)`). Arrow infers column types from the data, and
gold lines are not Arrow-friendly: ISO date strings turn into timestamps,
`official` dicts have different keys on every line, team extensions (`event`,
`shape`, ...) may change type, and a blank line breaks the JSON reader. So the
loader hands `datasets` a canonical copy of the validated lines in a
temporary directory, every field stored as JSON text under explicit
`Features`; the copy and the Arrow cache live and die in that directory,
which also keeps a read-only checkout (or a read-only HF cache) working.

Example:
    >>> from claimkit.corpus import load_gold
    >>> docs = load_gold(["corpora/dev.jsonl"])            # doctest: +SKIP
    >>> docs[0].claims[0].amount                            # doctest: +SKIP
    3000
"""

from __future__ import annotations

import contextlib
import json
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimkit.errors import GoldError
from claimkit.ingest import expand_paths, make_document
from claimkit.taxonomy import LABEL_RE
from claimkit.types import (
    CAUSES,
    CLAIM_KINDS,
    OFFICIAL_POSITIONS,
    QUALIFIERS,
    ROLES,
    GOLD_CLAIM_FIELDS,
    STANCES,
    Claim,
    ClaimKind,
    Document,
    Qualifier,
    Role,
)

if TYPE_CHECKING:
    import datasets

OTHER_CAUSE = "other"
GOLD_CAUSES: tuple[str, ...] = (*CAUSES, OTHER_CAUSE)
# Top-level fields the SPEC (section 5) defines; any other field is a team extension.
CORE_FIELDS: tuple[str, ...] = ("id", "text", "published", "claims", "stances", "official")
# Extensions handed to the pipeline's `Document`, so they must be strings when present.
DOCUMENT_FIELDS: tuple[str, ...] = ("platform", "author", "source")
# Columns of the canonical copy `datasets` loads; each cell holds JSON text.
COLUMNS: tuple[str, ...] = (
    "location",
    "id",
    "text",
    "published",
    "platform",
    "author",
    "source",
    "claims",
    "stances",
    "official",
    "extra",
)
ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class GoldClaim:
    """One annotated quantitative claim (SPEC section 5, `claims[]`).

    The `Claim` shape cut to the fields gold annotates (`GOLD_CLAIM_FIELDS`,
    the same names and label types as `claimkit.types.Claim`), so a
    predicted claim becomes a gold one with `GoldClaim.from_claim`.
    `qualifier` lists every qualifier the claim's mentions use; a predicted
    qualifier is right when it is any of them.
    """

    kind: ClaimKind
    subject: str
    amount: int
    qualifier: tuple[Qualifier, ...]
    duration_seconds: int | None
    source_role: Role

    @classmethod
    def from_claim(cls, claim: Claim) -> GoldClaim:
        """The gold record of a predicted `Claim` (its amount must be known)."""
        if claim.amount is None:
            raise ValueError(f"claim about {claim.subject!r} has no amount; gold claims need one")
        values = {name: getattr(claim, name) for name in GOLD_CLAIM_FIELDS}
        return cls(**{**values, "qualifier": (claim.qualifier,)})

    def to_dict(self) -> dict[str, Any]:
        """This gold record as a JSON-ready dict."""
        return {name: getattr(self, name) for name in GOLD_CLAIM_FIELDS} | {"qualifier": list(self.qualifier)}


@dataclass(frozen=True)
class GoldStance:
    """One annotated (speaker, role, cause, stance) tuple (SPEC section 5, `stances[]`)."""

    speaker: str
    role: str
    cause: str
    stance: str

    def to_dict(self) -> dict[str, Any]:
        """This gold record as a JSON-ready dict."""
        return {"speaker": self.speaker, "role": self.role, "cause": self.cause, "stance": self.stance}


@dataclass(frozen=True)
class GoldDocument:
    """One gold document: the text and its annotations.

    Attributes:
        id: Unique id in the corpus; predictions are paired with it.
        text: The document text (a ` date` header, if any, is part of it).
        published: ISO date (YYYY-MM-DD) or None.
        claims: Annotated claims.
        stances: Annotated stance tuples.
        official: Cause -> `endorsed` / `rejected` / `not_addressed`, for the
            causes the annotator judged.
        platform: Team extension: the platform the document is about.
        author: Team extension: the voice of unattributed text (official posts).
        source: Team extension: where the text came from.
        extra: Every other field of the line (`event`, `shape`, ...), as read.
        location: `file:line` of the line, for messages.
    """

    id: str
    text: str
    published: str | None = None
    claims: tuple[GoldClaim, ...] = ()
    stances: tuple[GoldStance, ...] = ()
    official: dict[str, str] = field(default_factory=dict)
    platform: str | None = None
    author: str | None = None
    source: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    location: str = "<gold>"

    def to_document(self) -> Document:
        """The pipeline input for this document (the gold `platform` and `author` go with it)."""
        return make_document(
            self.text,
            self.id,
            published=self.published,
            platform=self.platform,
            source=self.source or self.location,
            author=self.author,
            location=self.location,
        )


# --------------------------------------------------------------------------- validation


def _describe(value: Any) -> str:
    """A value as an error message shows it: JSON, shortened."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


class _Checker:
    """Checks one parsed gold line; every failure is a `GoldError` at `location`."""

    def __init__(self, location: str) -> None:
        self.location = location

    def fail(self, path: str, problem: str) -> GoldError:
        return GoldError(f"{path}: {problem}" if path else problem, self.location)

    def require(self, record: dict[str, Any], key: str, path: str, expected: str) -> Any:
        if key not in record:
            raise self.fail(path + key, f"missing field (expected {expected})")
        return record[key]

    def text(self, value: Any, path: str) -> str:
        if not isinstance(value, str) or not value.strip():
            found = '""' if value == "" else f"found {_type_name(value)} {_describe(value)}"
            raise self.fail(path, f"expected a non-empty string, {found}")
        return value

    def label(self, value: Any, path: str, labels: Sequence[str]) -> str:
        if not isinstance(value, str) or value not in labels:
            raise self.fail(path, f"{_describe(value)} is not one of {'/'.join(labels)}")
        return value

    def cause(self, value: Any, path: str) -> str:
        """A cause label: the SPEC's, "other", or a label a user's taxonomy adds (scored like any other)."""
        if not isinstance(value, str) or not (value in GOLD_CAUSES or LABEL_RE.match(value)):
            raise self.fail(
                path,
                f"{_describe(value)} is not a cause label; expected one of {'/'.join(GOLD_CAUSES)} "
                "or a taxonomy's own label (lower-case letters, digits and _)",
            )
        return value

    def integer(self, value: Any, path: str, nullable: bool = False) -> int | None:
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            expected = "a non-negative integer" + (" or null" if nullable else "")
            raise self.fail(path, f"expected {expected}, found {_describe(value)}")
        return value

    def optional_string(self, value: Any, path: str) -> str | None:
        if value is not None and not isinstance(value, str):
            raise self.fail(path, f"expected a string or null, found {_type_name(value)} {_describe(value)}")
        return value

    def items(self, value: Any, path: str) -> list[dict[str, Any]]:
        if not isinstance(value, list):
            raise self.fail(path, f"expected a list ([] when there is none), found {_type_name(value)}")
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.fail(f"{path}[{index}]", f"expected an object, found {_type_name(item)}")
        return value

    def claim(self, item: dict[str, Any], path: str) -> None:
        self.label(self.require(item, "kind", path, "/".join(CLAIM_KINDS)), path + "kind", CLAIM_KINDS)
        self.text(self.require(item, "subject", path, "the subject's name"), path + "subject")
        self.integer(self.require(item, "amount", path, "an integer"), path + "amount")
        qualifier = self.require(item, "qualifier", path, "a list such as [\"exact\"]")
        if not isinstance(qualifier, list) or not qualifier:
            raise self.fail(
                path + "qualifier",
                f"expected a non-empty list of {'/'.join(QUALIFIERS)}, found {_describe(qualifier)}",
            )
        for index, value in enumerate(qualifier):
            self.label(value, f"{path}qualifier[{index}]", QUALIFIERS)
        self.integer(
            self.require(item, "duration_seconds", path, "an integer or null"),
            path + "duration_seconds",
            nullable=True,
        )
        self.label(self.require(item, "source_role", path, "/".join(ROLES)), path + "source_role", ROLES)

    def stance(self, item: dict[str, Any], path: str) -> None:
        self.text(self.require(item, "speaker", path, "the speaker's name"), path + "speaker")
        self.label(self.require(item, "role", path, "/".join(ROLES)), path + "role", ROLES)
        self.cause(self.require(item, "cause", path, "a cause label"), path + "cause")
        self.label(self.require(item, "stance", path, "/".join(STANCES)), path + "stance", STANCES)

    def record(self, record: Any) -> None:
        if not isinstance(record, dict):
            raise self.fail("", f"expected a JSON object per line, found {_type_name(record)}")
        self.text(self.require(record, "id", "", "a unique string"), "id")
        self.text(self.require(record, "text", "", "the document text"), "text")
        published = record.get("published")
        if published is not None:
            if not isinstance(published, str) or not ISO_DATE_RE.fullmatch(published):
                raise self.fail("published", f"{_describe(published)} is not a date; expected YYYY-MM-DD or null")
            try:
                date.fromisoformat(published)
            except ValueError:
                raise self.fail("published", f"{_describe(published)} is not a real date (YYYY-MM-DD)") from None
        for key in DOCUMENT_FIELDS:
            self.optional_string(record.get(key), key)
        claims = self.items(self.require(record, "claims", "", "a list, [] when there is none"), "claims")
        for index, item in enumerate(claims):
            self.claim(item, f"claims[{index}].")
        stances = self.items(self.require(record, "stances", "", "a list, [] when there is none"), "stances")
        for index, item in enumerate(stances):
            self.stance(item, f"stances[{index}].")
        official = self.require(record, "official", "", "an object, {} when there is none")
        if not isinstance(official, dict):
            raise self.fail("official", f"expected an object (cause -> position), found {_type_name(official)}")
        for cause, position in official.items():
            self.cause(cause, f"official.{cause}")
            self.label(position, f"official.{cause}", OFFICIAL_POSITIONS)


def validate_record(record: Any, location: str) -> None:
    """Check one parsed gold line against the SPEC's gold format (section 5).

    Raises:
        GoldError: naming `location`, the field and what was expected.
    """
    _Checker(location).record(record)


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    location = str(path)
    if not path.exists():
        raise GoldError("no such gold corpus file", location)
    if not path.is_file():
        raise GoldError("not a file; give the JSONL corpus file(s) or a glob", location)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise GoldError(f"cannot read: {err.strerror}", location) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise GoldError(f"not UTF-8 (bad byte 0x{data[err.start]:02x})", f"{location}:{line}") from None
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield number, line


def read_gold_records(paths: Iterable[str | Path]) -> list[tuple[str, dict[str, Any]]]:
    """Parse and validate every line of the corpus files, in order.

    Blank lines are skipped. Ids must be unique across all the files.

    Returns:
        (location `file:line`, record) for every document.

    Raises:
        GoldError: on the first bad line, a missing file or an empty corpus.
    """
    records: list[tuple[str, dict[str, Any]]] = []
    seen: dict[str, str] = {}
    names = list(expand_paths(str(p) for p in paths))
    if not names:
        raise GoldError("no gold corpus given")
    for name in names:
        for number, line in _lines(Path(name)):
            location = f"{name}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise GoldError(f"malformed JSON ({err.msg} at column {err.colno})", location) from None
            validate_record(record, location)
            doc_id = record["id"]
            if doc_id in seen:
                raise GoldError(
                    f"id: {_describe(doc_id)} is a duplicate (first at {seen[doc_id]}); ids must be unique",
                    location,
                )
            seen[doc_id] = location
            records.append((location, record))
    if not records:
        raise GoldError("no gold documents (the corpus is empty)", ", ".join(names))
    return records


# --------------------------------------------------------------------------- loading


@contextlib.contextmanager
def _quiet_datasets() -> Iterator[None]:
    """Silence `datasets` (progress bars, cache and info logs), restoring its settings after."""
    from datasets.utils import logging as ds_logging
    from datasets.utils.tqdm import (
        are_progress_bars_disabled,
        disable_progress_bars,
        enable_progress_bars,
    )

    verbosity = ds_logging.get_verbosity()
    bars_were_disabled = are_progress_bars_disabled()
    ds_logging.set_verbosity_error()
    disable_progress_bars()
    try:
        yield
    finally:
        ds_logging.set_verbosity(verbosity)
        if not bars_were_disabled:
            enable_progress_bars()


def _canonical_row(location: str, record: dict[str, Any]) -> dict[str, str]:
    extra = {k: v for k, v in record.items() if k not in CORE_FIELDS and k not in DOCUMENT_FIELDS}
    row = {column: record.get(column) for column in COLUMNS}
    row.update(location=location, extra=extra)
    return {column: json.dumps(value, ensure_ascii=False) for column, value in row.items()}


def _features() -> datasets.Features:
    from datasets import Features, Value

    return Features({column: Value("string") for column in COLUMNS})


def load_gold_dataset(paths: Iterable[str | Path]) -> datasets.Dataset:
    """Validate the corpus and load it as a Hugging Face `Dataset`.

    Each row has the columns of `COLUMNS`, every cell JSON text (decode it
    with `json.loads`, or use `load_gold` for typed documents). The dataset
    is held in memory; nothing is written outside a temporary directory.

    Raises:
        GoldError: on the first bad line (file, line, field).
    """
    import datasets

    records = read_gold_records(paths)
    with tempfile.TemporaryDirectory(prefix="claimkit-gold-") as tmp, _quiet_datasets():
        copy = Path(tmp) / "gold.jsonl"
        with copy.open("w", encoding="utf-8") as handle:
            for location, record in records:
                handle.write(json.dumps(_canonical_row(location, record), ensure_ascii=False) + "\n")
        dataset = datasets.load_dataset(
            "json",
            data_files=str(copy),
            features=_features(),
            split="train",
            cache_dir=str(Path(tmp) / "cache"),
            keep_in_memory=True,
        )
    if len(dataset) != len(records):
        raise GoldError(f"datasets read {len(dataset)} rows from {len(records)} gold lines")
    return dataset


def _document(row: dict[str, str]) -> GoldDocument:
    data = {column: json.loads(row[column]) for column in COLUMNS}
    claims = tuple(
        GoldClaim(
            kind=c["kind"],
            subject=c["subject"],
            amount=c["amount"],
            qualifier=tuple(c["qualifier"]),
            duration_seconds=c["duration_seconds"],
            source_role=c["source_role"],
        )
        for c in data["claims"]
    )
    stances = tuple(
        GoldStance(speaker=s["speaker"], role=s["role"], cause=s["cause"], stance=s["stance"])
        for s in data["stances"]
    )
    return GoldDocument(
        id=data["id"],
        text=data["text"],
        published=data["published"],
        claims=claims,
        stances=stances,
        official=dict(data["official"]),
        platform=data["platform"],
        author=data["author"],
        source=data["source"],
        extra=data["extra"],
        location=data["location"],
    )


def load_gold(paths: str | Path | Iterable[str | Path]) -> list[GoldDocument]:
    """Load gold corpora as typed documents, in file and line order.

    Args:
        paths: One path or several; glob patterns (`corpora/*.jsonl`) are expanded.

    Raises:
        GoldError: on the first bad line, naming file, line and field.

    Example:
        >>> docs = load_gold("corpora/dev.jsonl")          # doctest: +SKIP
        >>> docs[0].official                                 # doctest: +SKIP
        {'political_bias': 'rejected'}
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    return [_document(row) for row in load_gold_dataset(paths)]
