"""What `batch` writes per document, and its flat tables (SQLite, Parquet).

A worker turns each document into a `Record`: its key, whether it was
relevant, and the SPEC's JSON object (`Analysis.to_dict()`, plus
`"relevant": false` for a document the filter skipped). Sinks write records;
the table sinks flatten them with `to_rows` into the six tables `documents`,
`statements`, `claims`, `mentions`, `stances`, `explanations`, and
`from_rows` rebuilds the JSON object (so every sink can be read back and
compared).

Keys: a document's key is a hash of its id and text (`document_key`), so a
resumed run recognises what it wrote even when two inputs share an id.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from claimkit.types import Document

KEY_CHARS = 24


def document_key(document: Document) -> str:
    """A stable key for a document: a hash of its id and its text.

    Example:
        >>> from claimkit import make_document
        >>> document_key(make_document("I lost 500 followers.", "a")) == document_key(make_document("I lost 500 followers.", "a"))
        True
    """
    digest = hashlib.sha256(f"{document.id}\x00{document.text}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:KEY_CHARS]


@dataclass(frozen=True)
class BadLine:
    """A bad input line an engine read (Ray read tasks): its one-line error and where it was."""

    line: str
    location: str | None

    def one_line(self) -> str:
        return self.line


@dataclass(frozen=True)
class Resumed:
    """A document the output already holds (`--resume`): counted, not written again."""

    key: str


class Record:
    """One analysed (or filtered-out) document, ready for a sink.

    Attributes:
        key: `document_key` of the document.
        relevant: False when the relevance filter skipped the full pipeline.
        data: The SPEC's JSON object for the document.

    A worker builds it with `Record.serialised`: the JSON line is made there,
    and only the line (with the counts) travels back to the writer, which is
    cheaper to pickle than the nested object; `data` is decoded from the line
    on first use (the table sinks), never for JSONL.
    """

    __slots__ = ("key", "relevant", "_data", "_line", "claims", "explanations")

    def __init__(self, key: str, relevant: bool, data: dict[str, Any] | None = None, *,
                 line: str | None = None, claims: int | None = None, explanations: int | None = None) -> None:
        if data is None and line is None:
            raise ValueError("a Record needs its data or its JSON line")
        self.key = key
        self.relevant = relevant
        self._data = data
        self._line = line
        self.claims = claims if claims is not None else len((data or {}).get("claims") or [])
        self.explanations = explanations if explanations is not None else len((data or {}).get("explanations") or [])

    @classmethod
    def serialised(cls, key: str, relevant: bool, data: dict[str, Any]) -> Record:
        """The record as its JSON line and counts only (what a worker sends back)."""
        record = cls(key, relevant, data)
        return cls(key, relevant, line=record.json_line(), claims=record.claims, explanations=record.explanations)

    @property
    def data(self) -> dict[str, Any]:
        if self._data is None:
            self._data = json.loads(self._line)
        return self._data

    def json_line(self) -> str:
        """The JSONL line: exactly `claimkit extract --format jsonl`'s line for a relevant document."""
        if self._line is None:
            self._line = json.dumps(self._data, ensure_ascii=False)
        return self._line

    def __getstate__(self) -> tuple:
        if self._line is not None:  # the line is enough: do not pickle the object too
            return (self.key, self.relevant, None, self._line, self.claims, self.explanations)
        return (self.key, self.relevant, self._data, None, self.claims, self.explanations)

    def __setstate__(self, state: tuple) -> None:
        self.key, self.relevant, self._data, self._line, self.claims, self.explanations = state

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return (self.key, self.relevant, self.data) == (other.key, other.relevant, other.data)

    def __repr__(self) -> str:
        return f"Record(key={self.key!r}, relevant={self.relevant!r}, claims={self.claims})"


# --------------------------------------------------------------------------- flat tables

#: table -> (column, type) in order; types are SQLite's, mapped to Arrow by the Parquet sink.
#: `extra` holds, as JSON, any key a later version adds to the JSON object.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (
        ("key", "TEXT"), ("position", "INTEGER"), ("id", "TEXT"), ("published", "TEXT"),
        ("platform", "TEXT"), ("relevant", "BOOLEAN"), ("n_statements", "INTEGER"),
        ("n_claims", "INTEGER"), ("n_explanations", "INTEGER"), ("extra", "TEXT"),
    ),
    "statements": (
        ("doc_key", "TEXT"), ("idx", "INTEGER"), ("speaker", "TEXT"), ("handle", "TEXT"),
        ("role", "TEXT"), ("cue", "TEXT"), ("text", "TEXT"), ("start", "INTEGER"), ("end", "INTEGER"),
        ("date", "TEXT"), ("speaker_text", "TEXT"), ("anonymous", "BOOLEAN"), ("extra", "TEXT"),
    ),
    "claims": (
        ("doc_key", "TEXT"), ("idx", "INTEGER"), ("kind", "TEXT"), ("subject", "TEXT"),
        ("platform", "TEXT"), ("amount", "INTEGER"), ("amount_text", "TEXT"), ("qualifier", "TEXT"),
        ("duration_seconds", "INTEGER"), ("period_text", "TEXT"), ("start_date", "TEXT"),
        ("end_date", "TEXT"), ("source_role", "TEXT"), ("source_speaker", "TEXT"),
        ("amount_low", "INTEGER"), ("amount_high", "INTEGER"), ("total", "INTEGER"),
        ("statement", "INTEGER"), ("extra", "TEXT"),
    ),
    "explanations": (
        ("doc_key", "TEXT"), ("idx", "INTEGER"), ("cause", "TEXT"), ("official_position", "TEXT"),
        ("supporters", "TEXT"), ("deniers", "TEXT"), ("queriers", "TEXT"), ("commenters", "TEXT"),
        ("extra", "TEXT"),
    ),
    # Spans of claims (`owner` "claim") and of explanations ("explanation").
    "mentions": (
        ("doc_key", "TEXT"), ("owner", "TEXT"), ("owner_idx", "INTEGER"), ("idx", "INTEGER"),
        ("start", "INTEGER"), ("end", "INTEGER"), ("text", "TEXT"), ("extra", "TEXT"),
    ),
    # Stances of an explanation; `anonymous` marks its `anonymous_stances`.
    "stances": (
        ("doc_key", "TEXT"), ("explanation_idx", "INTEGER"), ("anonymous", "BOOLEAN"), ("idx", "INTEGER"),
        ("statement", "INTEGER"), ("speaker", "TEXT"), ("role", "TEXT"), ("stance", "TEXT"),
        ("confidence", "REAL"), ("evidence_start", "INTEGER"), ("evidence_end", "INTEGER"),
        ("evidence_text", "TEXT"), ("voice", "TEXT"), ("backend", "TEXT"), ("extra", "TEXT"),
    ),
}
#: Columns holding a list of names, stored as JSON text.
LIST_COLUMNS = frozenset({"supporters", "deniers", "queriers", "commenters"})
DOCUMENT_KEYS = ("id", "published", "platform", "statements", "claims", "explanations", "relevant")


def _columns(table: str) -> list[str]:
    return [name for name, _ in TABLES[table]]


def _row(table: str, data: dict[str, Any], fixed: dict[str, Any], skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """A table row: `fixed` columns, then the object's own keys; unknown keys go to `extra`."""
    columns = _columns(table)
    row = {c: None for c in columns}
    row.update(fixed)
    extra = {}
    for key, value in data.items():
        if key in skip or key in fixed:
            continue
        if key in row:
            row[key] = json.dumps(value, ensure_ascii=False) if key in LIST_COLUMNS else value
        else:
            extra[key] = value
    if isinstance(row.get("qualifier"), list):  # gold files allow a list; output is one label
        row["qualifier"] = json.dumps(row["qualifier"])
    row["extra"] = json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None
    return row


def to_rows(record: Record, position: int) -> dict[str, list[dict[str, Any]]]:
    """The record's rows, per table."""
    data, key = record.data, record.key
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    rows["documents"].append(_row("documents", {k: v for k, v in data.items() if k not in DOCUMENT_KEYS}, {
        "key": key, "position": position, "id": data["id"], "published": data.get("published"),
        "platform": data.get("platform"), "relevant": record.relevant,
        "n_statements": len(data.get("statements") or []), "n_claims": record.claims,
        "n_explanations": record.explanations,
    }))
    for i, statement in enumerate(data.get("statements") or []):
        rows["statements"].append(_row("statements", statement, {"doc_key": key, "idx": i}))
    for i, claim in enumerate(data.get("claims") or []):
        rows["claims"].append(_row("claims", claim, {"doc_key": key, "idx": i}, skip=("mentions",)))
        rows["mentions"].extend(_spans(key, "claim", i, claim.get("mentions") or []))
    for i, explanation in enumerate(data.get("explanations") or []):
        rows["explanations"].append(_row(
            "explanations", explanation, {"doc_key": key, "idx": i},
            skip=("mentions", "stances", "anonymous_stances"),
        ))
        rows["mentions"].extend(_spans(key, "explanation", i, explanation.get("mentions") or []))
        for anonymous, field in ((False, "stances"), (True, "anonymous_stances")):
            for j, stance in enumerate(explanation.get(field) or []):
                evidence = stance.get("evidence") or {}
                rows["stances"].append(_row("stances", stance, {
                    "doc_key": key, "explanation_idx": i, "anonymous": anonymous, "idx": j,
                    "evidence_start": evidence.get("start"), "evidence_end": evidence.get("end"),
                    "evidence_text": evidence.get("text"),
                }, skip=("evidence",)))
    return rows


def _spans(key: str, owner: str, owner_idx: int, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        _row("mentions", span, {"doc_key": key, "owner": owner, "owner_idx": owner_idx, "idx": j})
        for j, span in enumerate(spans)
    ]


def _object(row: dict[str, Any], drop: tuple[str, ...]) -> dict[str, Any]:
    """A row back as its JSON object (columns minus `drop`, `extra` merged in)."""
    data = {}
    for key, value in row.items():
        if key in drop or key == "extra":
            continue
        if key in LIST_COLUMNS and isinstance(value, str):
            value = json.loads(value)
        elif key == "qualifier" and isinstance(value, str) and value.startswith("["):
            value = json.loads(value)
        elif key == "anonymous" and value is not None:
            value = bool(value)
        data[key] = value
    if row.get("extra"):
        data.update(json.loads(row["extra"]))
    return data


def from_rows(tables: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Rebuild the documents' JSON objects (in `position` order) from their table rows.

    Inverse of `to_rows`: `from_rows(to_rows(r, 0))[0] == r.data` for every record.
    """
    by_doc: dict[str, dict[str, list]] = {}
    for name in ("statements", "claims", "explanations", "mentions", "stances"):
        for row in tables.get(name, []):
            by_doc.setdefault(row["doc_key"], {}).setdefault(name, []).append(row)
    documents = []
    for doc in sorted(tables.get("documents", []), key=lambda r: r["position"]):
        parts = by_doc.get(doc["key"], {})
        ordered = {n: sorted(parts.get(n, []), key=lambda r: r["idx"]) for n in ("statements", "claims", "explanations")}
        mentions = sorted(parts.get("mentions", []), key=lambda r: (r["owner"], r["owner_idx"], r["idx"]))
        stances = sorted(parts.get("stances", []), key=lambda r: (r["explanation_idx"], r["anonymous"], r["idx"]))
        claims = []
        for claim in ordered["claims"]:
            item = _object(claim, ("doc_key", "idx"))
            spans = [_object(m, ("doc_key", "owner", "owner_idx", "idx")) for m in mentions
                     if m["owner"] == "claim" and m["owner_idx"] == claim["idx"]]
            claims.append(_insert_after(item, "source_speaker", "mentions", spans))
        explanations = []
        for explanation in ordered["explanations"]:
            item = _object(explanation, ("doc_key", "idx"))
            i = explanation["idx"]
            spans = [_object(m, ("doc_key", "owner", "owner_idx", "idx")) for m in mentions
                     if m["owner"] == "explanation" and m["owner_idx"] == i]
            own = [s for s in stances if s["explanation_idx"] == i]
            item = _insert_after(item, "cause", "mentions", spans)
            item = _insert_after(item, "mentions", "stances", [_stance(s) for s in own if not s["anonymous"]])
            item["anonymous_stances"] = [_stance(s) for s in own if s["anonymous"]]
            explanations.append(item)
        data = {
            "id": doc["id"], "published": doc["published"], "platform": doc["platform"],
            "statements": [_object(s, ("doc_key", "idx")) for s in ordered["statements"]],
            "claims": claims, "explanations": explanations,
        }
        if not doc["relevant"]:
            data["relevant"] = False
        if doc.get("extra"):
            data.update(json.loads(doc["extra"]))
        documents.append(data)
    return documents


def _stance(row: dict[str, Any]) -> dict[str, Any]:
    data = _object(row, ("doc_key", "explanation_idx", "anonymous", "idx", "evidence_start", "evidence_end", "evidence_text"))
    evidence = {"start": row["evidence_start"], "end": row["evidence_end"], "text": row["evidence_text"]}
    return _insert_after(data, "confidence", "evidence", evidence)


def _insert_after(data: dict[str, Any], after: str, key: str, value: Any) -> dict[str, Any]:
    """`data` with `key` placed right after `after` (JSON key order as `to_dict` writes it)."""
    out: dict[str, Any] = {}
    for k, v in data.items():
        out[k] = v
        if k == after:
            out[key] = value
    if key not in out:
        out[key] = value
    return out
