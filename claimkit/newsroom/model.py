"""The typed records of the newsroom view: accounts, reported changes, timelines, the corpus matrix.

Every record points back to where it came from: a document (by its position
in `CorpusView.documents`, since ids may repeat across input files), and the
claim or statement inside it, so a renderer can link each figure to its
sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from claimkit.types import Analysis, Claim, StanceRecord

AccountKind = Literal["person", "platform", "group"]
#: How a reported change's event window is known (see `ReportedChange.window`).
Window = Literal["dated", "event", "undated"]


@dataclass(frozen=True)
class DocumentInfo:
    """One analysed document and its input metadata.

    Attributes:
        index: Position in `CorpusView.documents` (ids may repeat across inputs).
        id: The document's id.
        published: Publication date (YYYY-MM-DD) or None.
        platform: The platform the document is about.
        outlet: Where it was published: the `source` metadata, or the host of
            its `url` (or of a `source` that is a URL).
        author: The `author` metadata.
        url: The `url` metadata (or a `source` that is a URL).
        analysis: The analysis itself.
        event: The `event` metadata, when the input tags the story.
    """

    index: int
    id: str
    published: str | None
    platform: str | None
    outlet: str | None
    author: str | None
    url: str | None
    analysis: Analysis = field(repr=False, compare=False)
    event: str | None = None


@dataclass(frozen=True)
class Account:
    """One person, organisation or platform across the corpus.

    Attributes:
        key: A stable identifier ("donald-trump").
        name: The fullest name the documents use.
        kind: "platform" for platforms and their official voices (kept apart
            from one another and from their owners), "group" for plural
            subjects ("users", "celebrities"), "person" otherwise.
        forms: Every surface form seen (names, handles, short names), sorted.
        handles: The handles seen, without `@`.
        documents: Indexes of the documents that name it.
    """

    key: str
    name: str
    kind: AccountKind
    forms: tuple[str, ...]
    handles: tuple[str, ...]
    documents: tuple[int, ...]


@dataclass(frozen=True)
class ClaimRef:
    """A claim in its document, with everything a table row needs.

    Attributes:
        document: Index into `CorpusView.documents`.
        claim_index: Index into that analysis's `claims`.
        claim: The claim.
        account: Key of the subject's `Account`.
        date: The date the change is placed at: the claim's end or start date,
            else its statement's date, else the document's publication date.
        outlet: The document's outlet.
        sentence: The full sentence of the claim's first mention.
        event: The document's `event` metadata, when the input tags its
            story (claims of different events are never one change).
    """

    document: int
    claim_index: int
    claim: Claim
    account: str
    date: str | None
    outlet: str | None
    sentence: str
    event: str | None = None


@dataclass(frozen=True)
class ReportedChange:
    """The claims about one account, of one kind, in one event window.

    Attributes:
        account: Key of the `Account`.
        kind: follower_loss, follower_gain or accounts_removed.
        platform: The platform most reports name (None when none does).
        first, last: The earliest and latest report dates (None when undated).
        reports: Every claim grouped here, by date.
        low, high: The smallest and largest figure reported (ranges count
            with their bounds); None when no report gives a number.
        ratio: high / low (None without two figures or with low 0).
        disagreement: True when no single figure fits every report within
            its qualifier ("about 300,000" fits 280,000 but not 204,000); for
            an undated change, when the reports' ranges are more than
            `consolidate.UNDATED_TOLERANCE` (×1.25) apart.
        outlets: The distinct outlets that report it.
        differs: True when no single figure fits every report, without the
            undated tolerance (an undated change can differ and not disagree).
        window: How the event window is known: "dated" (every report dated,
            within the window), "event" (the input's `event` tag), or
            "undated" (no date, no tag: the event window is unknown, and the
            grouping and its flag are of lower confidence).
    """

    account: str
    kind: str
    platform: str | None
    first: str | None
    last: str | None
    reports: tuple[ClaimRef, ...]
    low: int | None
    high: int | None
    ratio: float | None
    disagreement: bool
    outlets: tuple[str, ...]
    differs: bool = False
    window: Window = "dated"

    @property
    def undated(self) -> bool:
        """True when the event window is unknown (no report dated or tagged with an event)."""
        return self.window == "undated"

    @property
    def spread(self) -> int | None:
        """high − low, or None."""
        return None if self.low is None or self.high is None else self.high - self.low


@dataclass(frozen=True)
class TimelinePoint:
    """One dated (or undated) claim on an account's timeline.

    `change` is signed: negative for losses, positive for gains, None when
    the claim gives no single figure; `accounts_removed` claims count as
    losses of the platform's accounts.
    """

    date: str | None
    change: int | None
    ref: ClaimRef


@dataclass(frozen=True)
class Timeline:
    """An account's claims in date order (undated ones last), across documents."""

    account: str
    points: tuple[TimelinePoint, ...]

    @property
    def dated(self) -> tuple[TimelinePoint, ...]:
        """The points with a date and a figure (what a chart can draw)."""
        return tuple(p for p in self.points if p.date and p.change is not None)


@dataclass(frozen=True)
class StanceRef:
    """One stance record in its document.

    `explanation` and `index` locate it: `analysis.explanations[explanation].stances[index]`.
    """

    document: int
    explanation: int
    index: int
    record: StanceRecord
    account: str
    date: str | None
    sentence: str


@dataclass(frozen=True)
class SpeakerStance:
    """One speaker's stance toward one cause across the corpus."""

    account: str
    name: str
    roles: tuple[str, ...]
    stance: str
    refs: tuple[StanceRef, ...]

    @property
    def documents(self) -> tuple[int, ...]:
        """The documents where the speaker takes this stance."""
        return tuple(sorted({r.document for r in self.refs}))


@dataclass(frozen=True)
class OfficialStatement:
    """What one platform said about one cause in one document."""

    platform: str
    document: int
    date: str | None
    position: str
    refs: tuple[StanceRef, ...]


@dataclass(frozen=True)
class CauseRow:
    """One cause of the corpus explanation matrix.

    Attributes:
        cause: The cause label (any label the analyses use).
        documents: Indexes of the documents that raise it.
        mentions: How many times it is raised, over all documents.
        supporters, deniers, queriers, commenters: One entry per speaker.
        official: The platforms' dated positions, by date.
        positions: Each platform's latest position (the last dated
            statement; undated ones count before dated ones).
    """

    cause: str
    documents: tuple[int, ...]
    mentions: int
    supporters: tuple[SpeakerStance, ...]
    deniers: tuple[SpeakerStance, ...]
    queriers: tuple[SpeakerStance, ...]
    commenters: tuple[SpeakerStance, ...]
    official: tuple[OfficialStatement, ...]
    positions: dict[str, str]


@dataclass(frozen=True)
class Summary:
    """Corpus counts for the report's head.

    `disagreements` counts every flagged change, `undated_disagreements` those
    of them whose event window is unknown, and `undated_differences` the
    changes whose figures differ within what their qualifiers and the undated
    tolerance allow (flagged as "figures differ", not as a disagreement).
    """

    documents: int
    documents_with_claims: int
    claims: int
    statements: int
    accounts: int
    shared_accounts: int
    changes: int
    disagreements: int
    undated_differences: int
    causes: int
    first: str | None
    last: str | None
    platforms: tuple[str, ...]
    outlets: tuple[str, ...]
    undated_disagreements: int = 0


@dataclass(frozen=True)
class CorpusView:
    """Everything `claimkit.newsroom.build` finds across documents."""

    documents: tuple[DocumentInfo, ...]
    accounts: tuple[Account, ...]
    claims: tuple[ClaimRef, ...]
    changes: tuple[ReportedChange, ...]
    timelines: tuple[Timeline, ...]
    matrix: tuple[CauseRow, ...]
    summary: Summary

    def account(self, key: str) -> Account:
        """The account with this key (KeyError if none)."""
        for account in self.accounts:
            if account.key == key:
                return account
        raise KeyError(key)

    def changes_of(self, key: str) -> tuple[ReportedChange, ...]:
        """The reported changes of one account."""
        return tuple(c for c in self.changes if c.account == key)

    def timeline(self, key: str) -> Timeline | None:
        """The timeline of one account, or None."""
        return next((t for t in self.timelines if t.account == key), None)
