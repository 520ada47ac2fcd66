"""Result types shared by every stage, the API, the renderers and eval.

These dataclasses are the only thing the pipeline stages, the CLI, the
renderers and the evaluator exchange. Field names follow the SPEC (section 2);
fields the SPEC does not name are documented extensions (docs/schema.md).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal, get_args

Role = Literal["platform", "affected", "third_party", "reporter"]
Cue = Literal["said", "wrote", "tweeted", "stated", "posted", "embed", "none"]
ClaimKind = Literal["follower_loss", "follower_gain", "accounts_removed"]
Qualifier = Literal["exact", "approx", "over", "under"]
Cause = Literal[
    "bot_spam_purge",
    "locked_accounts",
    "inactive_accounts",
    "political_bias",
    "technical_glitch",
    "genuine_unfollows",
    "other",
]
StanceLabel = Literal["support", "deny", "query", "comment"]
OfficialPosition = Literal["endorsed", "rejected", "not_addressed"]

# The label tuples are the `Literal` types' values, declared once above.
ROLES: tuple[str, ...] = get_args(Role)
CLAIM_KINDS: tuple[str, ...] = get_args(ClaimKind)
QUALIFIERS: tuple[str, ...] = get_args(Qualifier)
#: The `Claim` fields a gold annotation gives (SPEC section 5, `claims[]`).
GOLD_CLAIM_FIELDS: tuple[str, ...] = ("kind", "subject", "amount", "qualifier", "duration_seconds", "source_role")
#: The causes the pipeline detects; "other" is a gold-only label (claimkit.corpus.OTHER_CAUSE).
CAUSES: tuple[str, ...] = tuple(cause for cause in get_args(Cause) if cause != "other")
STANCES: tuple[str, ...] = get_args(StanceLabel)
OFFICIAL_POSITIONS: tuple[str, ...] = get_args(OfficialPosition)
CUES: tuple[str, ...] = get_args(Cue)

REPORTER = "reporter"


def _fields(cls: type, data: Any, **converted: Any) -> dict[str, Any]:
    """The keyword arguments for `cls` from a JSON object: known keys only, required keys checked.

    Raises:
        SchemaError: `data` is not an object, or lacks a key without a default.
    """
    from dataclasses import MISSING, fields

    from claimkit.errors import SchemaError

    if not isinstance(data, dict):
        raise SchemaError(f"{cls.__name__}: expected a JSON object, found {type(data).__name__}")
    known = fields(cls)
    missing = [
        f.name
        for f in known
        if f.name not in data and f.name not in converted
        and f.default is MISSING and f.default_factory is MISSING
    ]
    if missing:
        raise SchemaError(f"{cls.__name__}: missing key(s) {', '.join(missing)}")
    values = {f.name: data[f.name] for f in known if f.name in data}
    values.update(converted)
    return values


def _list(data: dict[str, Any], key: str, owner: str) -> list[Any]:
    from claimkit.errors import SchemaError

    value = data.get(key) or []
    if not isinstance(value, list):
        raise SchemaError(f"{owner}.{key}: expected an array, found {type(value).__name__}")
    return value


def _each(data: dict[str, Any], key: str, owner: str, build: Any) -> list[Any]:
    """`build` applied to each item of the array `data[key]`; errors name `owner.key[i]`."""
    from claimkit.errors import SchemaError

    items = []
    for i, item in enumerate(_list(data, key, owner)):
        try:
            items.append(build(item))
        except SchemaError as err:
            raise SchemaError(f"{owner}.{key}[{i}]: {err.message}") from None
    return items


@dataclass(frozen=True)
class Document:
    """One input document: an article, a post or a thread.

    Attributes:
        id: The file stem, or the JSONL `id`.
        text: The full input text; every offset in the results points into it.
        published: Publication date, used to resolve relative time.
        platform: The platform the document is about, when known.
        source: Where the document came from (file path, "<stdin>", URL).
        author: Voice of the unattributed text (team extension; default is
            the reporter). An official blog post sets it to the platform.
        body_start: Offset where the body starts (after the header lines).
        location: "file" or "file:line", for error messages.
        meta: Input metadata kept in the output (`source`, `author`, `url`
            and any other JSONL key; team extension, docs/schema.md).
        warnings: What reading noticed but did not refuse, e.g. a
            `published` value that is not a date (the document is undated).
    """

    id: str
    text: str
    published: date | None = None
    platform: str | None = None
    source: str | None = None
    author: str | None = None
    body_start: int = 0
    location: str = "<text>"
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    warnings: tuple[str, ...] = ()


@dataclass
class Span:
    """A character span of the input text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        """This object as a JSON-ready dict (SPEC keys plus documented extensions)."""
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        """The span from its JSON object (`to_dict`'s inverse)."""
        return cls(**_fields(cls, data))


@dataclass
class Statement:
    """An attributed utterance (SPEC section 2, `statements`).

    `speaker` is the speaker's fullest display name in the document (so that
    "Kher" and "the actor" resolve to "Anupam Kher"); `speaker_text` is how
    this statement names them. Anonymous speakers ("one user wrote") keep
    their description as `speaker` and set `anonymous`.
    """

    speaker: str
    handle: str | None
    role: Role
    cue: Cue
    text: str
    start: int
    end: int
    date: str | None = None
    speaker_text: str | None = None
    anonymous: bool = False

    def to_dict(self) -> dict[str, Any]:
        """This object as a JSON-ready dict (SPEC keys plus documented extensions)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Statement:
        """The statement from its JSON object (`to_dict`'s inverse)."""
        return cls(**_fields(cls, data))


@dataclass
class Claim:
    """A quantitative claim about followers or removed accounts (SPEC section 2)."""

    kind: ClaimKind
    subject: str
    platform: str | None
    amount: int | None
    amount_text: str
    qualifier: Qualifier
    duration_seconds: int | None
    period_text: str | None
    start_date: str | None
    end_date: str | None
    source_role: Role
    source_speaker: str
    mentions: list[Span] = field(default_factory=list)
    amount_low: int | None = None
    amount_high: int | None = None
    total: int | None = None
    statement: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """This object as a JSON-ready dict (SPEC keys plus documented extensions)."""
        data = asdict(self)
        data["mentions"] = [m.to_dict() for m in self.mentions]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        """The claim from its JSON object (`to_dict`'s inverse)."""
        mentions = _each(data, "mentions", "Claim", Span.from_dict) if isinstance(data, dict) else []
        return cls(**_fields(cls, data, mentions=mentions))


@dataclass
class CauseMention:
    """A place where a statement raises a cause, with its evidence span."""

    cause: str
    statement: int
    start: int
    end: int
    text: str
    cue: str = ""


@dataclass
class StanceRecord:
    """One statement's stance toward one cause.

    `speaker` is the voice the matrix shows: the platform's name for every
    platform-role statement (the platform speaks with many voices, its
    official position is theirs together), the speaker otherwise; `voice` is
    the statement's own speaker ("Twitter Support", "a spokesperson").
    """

    statement: int
    speaker: str
    role: Role
    stance: StanceLabel
    confidence: float
    evidence: Span
    voice: str = ""
    backend: str = ""

    def to_dict(self) -> dict[str, Any]:
        """This object as a JSON-ready dict (SPEC keys plus documented extensions)."""
        data = asdict(self)
        data["evidence"] = self.evidence.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StanceRecord:
        """The stance record from its JSON object (`to_dict`'s inverse)."""
        converted = {}
        if isinstance(data, dict) and "evidence" in data:
            converted["evidence"] = Span.from_dict(data["evidence"])
        return cls(**_fields(cls, data, **converted))


@dataclass
class Explanation:
    """One competing explanation (cause) and who lines up behind it."""

    cause: str
    mentions: list[Span]
    stances: list[StanceRecord]
    official_position: OfficialPosition
    supporters: list[str]
    deniers: list[str]
    queriers: list[str]
    commenters: list[str] = field(default_factory=list)
    anonymous_stances: list[StanceRecord] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """This object as a JSON-ready dict (SPEC keys plus documented extensions)."""
        return {
            "cause": self.cause,
            "mentions": [m.to_dict() for m in self.mentions],
            "stances": [s.to_dict() for s in self.stances],
            "official_position": self.official_position,
            "supporters": list(self.supporters),
            "deniers": list(self.deniers),
            "queriers": list(self.queriers),
            "commenters": list(self.commenters),
            "anonymous_stances": [s.to_dict() for s in self.anonymous_stances],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Explanation:
        """The explanation from its JSON object (`to_dict`'s inverse)."""
        converted: dict[str, Any] = {}
        if isinstance(data, dict):
            converted = {
                "mentions": _each(data, "mentions", "Explanation", Span.from_dict),
                "stances": _each(data, "stances", "Explanation", StanceRecord.from_dict),
                "anonymous_stances": _each(data, "anonymous_stances", "Explanation", StanceRecord.from_dict),
            }
            for key in ("supporters", "deniers", "queriers", "commenters"):
                if key in data:
                    converted[key] = list(_list(data, key, "Explanation"))
        return cls(**_fields(cls, data, **converted))


@dataclass
class IgnoredFigure:
    """A figure that reads like a claim but is out of bounds, so it is not one (team extension).

    "lost 1111…1 followers" (over `numbers.FOLLOWER_CEILING`), "10^13
    accounts removed" (over `numbers.ACCOUNT_CEILING`) or a change "in the
    last 9999…9 hours" (over 100 years): reported here with the reason,
    never among the claims.

    Attributes:
        text: The mention's text, equal to `input[start:end]`.
        start, end: Character offsets into the (normalised) input text.
        reason: Why it is not a claim, e.g. "amount over the ceiling of 100,000,000,000 followers".
        kind: The claim kind it would have had.
    """

    text: str
    start: int
    end: int
    reason: str
    kind: str = ""

    def to_dict(self) -> dict[str, Any]:
        """This object as a JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> IgnoredFigure:
        """The ignored figure from its JSON object (`to_dict`'s inverse)."""
        return cls(**_fields(cls, data))


@dataclass
class Analysis:
    """Everything claimkit found in one document.

    Example:
        >>> import claimkit
        >>> result = claimkit.analyze("I just lost 3000 followers in one minute. "
        ...     "— Jo Reed (@joreed) February 21, 2018")
        >>> result.claims[0].amount
        3000
    """

    id: str
    published: str | None
    platform: str | None
    statements: list[Statement]
    claims: list[Claim]
    explanations: list[Explanation]
    # The input text is not part of the JSON object, so equality ignores it:
    # `Analysis.from_dict(json.loads(a.to_json())) == a`.
    text: str = field(default="", repr=False, compare=False)
    ignored: list[IgnoredFigure] = field(default_factory=list)
    # Input metadata (`source`, `author`, `url`, other JSONL keys): team extension.
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        """The SPEC's JSON object for this document (plus the `meta` extension)."""
        data: dict[str, Any] = {
            "id": self.id,
            "published": self.published,
            "platform": self.platform,
            "statements": [s.to_dict() for s in self.statements],
            "claims": [c.to_dict() for c in self.claims],
            "explanations": [e.to_dict() for e in self.explanations],
            "ignored": [i.to_dict() for i in self.ignored],
            "meta": dict(self.meta),
        }
        if include_text:
            data["text"] = self.text
        return data

    def to_json(self, indent: int | None = None) -> str:
        """The document's JSON object as a string (one line unless `indent`)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """An analysis from its JSON object, e.g. a line of `claimkit extract --format jsonl`.

        Keys the types do not know are ignored, and so may be the team's
        extensions (`platform`, `speaker_text`, ...); a missing SPEC key raises
        `SchemaError` naming where, e.g. `Analysis.claims[0]: Claim: missing key(s) kind`.

        Example:
            >>> import json
            >>> a = Analysis("doc", None, None, [], [], [])
            >>> Analysis.from_dict(json.loads(a.to_json())) == a
            True
        """
        converted: dict[str, Any] = {}
        if isinstance(data, dict):
            converted = {
                "published": data.get("published"),
                "platform": data.get("platform"),
                "statements": _each(data, "statements", "Analysis", Statement.from_dict),
                "claims": _each(data, "claims", "Analysis", Claim.from_dict),
                "explanations": _each(data, "explanations", "Analysis", Explanation.from_dict),
                "text": data.get("text") or "",
                "ignored": _each(data, "ignored", "Analysis", IgnoredFigure.from_dict),
                "meta": dict(data["meta"]) if isinstance(data.get("meta"), dict) else {},
            }
        return cls(**_fields(cls, data, **converted))

    @classmethod
    def from_json(cls, line: str) -> Analysis:
        """An analysis from one JSON line (`to_json`'s inverse)."""
        return cls.from_dict(json.loads(line))

    def to_markdown(self) -> str:
        """A Markdown report: claims table and explanation matrix."""
        from claimkit.render import markdown

        return markdown.render([self])

    def explanation(self, cause: str) -> Explanation | None:
        """The explanation entry for `cause`, or None if the document does not raise it."""
        return next((e for e in self.explanations if e.cause == cause), None)
