"""Result types shared by every stage, the API, the renderers and eval.

These dataclasses are the only thing the pipeline stages, the CLI, the
renderers and the evaluator exchange. Field names follow the SPEC (section 2);
fields the SPEC does not name are documented extensions (docs/schema.md).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

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

ROLES: tuple[str, ...] = ("platform", "affected", "third_party", "reporter")
CLAIM_KINDS: tuple[str, ...] = ("follower_loss", "follower_gain", "accounts_removed")
QUALIFIERS: tuple[str, ...] = ("exact", "approx", "over", "under")
CAUSES: tuple[str, ...] = (
    "bot_spam_purge",
    "locked_accounts",
    "inactive_accounts",
    "political_bias",
    "technical_glitch",
    "genuine_unfollows",
)
STANCES: tuple[str, ...] = ("support", "deny", "query", "comment")
OFFICIAL_POSITIONS: tuple[str, ...] = ("endorsed", "rejected", "not_addressed")

REPORTER = "reporter"


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
        body_start: Offset where the body starts (after a ` date` header).
        location: "file" or "file:line", for error messages.
    """

    id: str
    text: str
    published: date | None = None
    platform: str | None = None
    source: str | None = None
    author: str | None = None
    body_start: int = 0
    location: str = "<text>"


@dataclass
class Span:
    """A character span of the input text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


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
        return asdict(self)


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
        data = asdict(self)
        data["mentions"] = [m.to_dict() for m in self.mentions]
        return data


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
        data = asdict(self)
        data["evidence"] = self.evidence.to_dict()
        return data


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
    text: str = field(default="", repr=False)

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        """The SPEC's JSON object for this document."""
        data: dict[str, Any] = {
            "id": self.id,
            "published": self.published,
            "platform": self.platform,
            "statements": [s.to_dict() for s in self.statements],
            "claims": [c.to_dict() for c in self.claims],
            "explanations": [e.to_dict() for e in self.explanations],
        }
        if include_text:
            data["text"] = self.text
        return data

    def to_json(self, indent: int | None = None) -> str:
        """The document's JSON object as a string (one line unless `indent`)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_markdown(self) -> str:
        """A Markdown report: claims table and explanation matrix."""
        from claimkit.render import markdown

        return markdown.render([self])

    def explanation(self, cause: str) -> Explanation | None:
        """The explanation entry for `cause`, or None if the document does not raise it."""
        return next((e for e in self.explanations if e.cause == cause), None)
