"""The newsroom view: claimkit's results across many documents.

`build` takes any iterable of `Analysis` (from `Analyzer.pipe`, `claimkit
extract --format jsonl` output read back with `Analysis.from_dict`, batch
output files) and returns a `CorpusView`:

- `accounts`: one per person, organisation or platform, every surface form kept (`resolve`);
- `changes`: the claims about one account and one event grouped into one
  reported change, with the spread of figures and a disagreement flag; undated
  claims of one account and kind from several documents are one change of
  unknown event window (`consolidate`);
- `timelines`: each account's dated gains and losses (`timeline`);
- `matrix`: per cause, supporters, deniers and queriers across documents, and
  the platforms' dated official positions (`matrix`).

Example:
    >>> from claimkit import Analyzer
    >>> from claimkit.newsroom import build
    >>> analyzer = Analyzer()                                                     # doctest: +SKIP
    >>> view = build(analyzer.pipe(["...", "..."]))                               # doctest: +SKIP
    >>> [(c.account, c.low, c.high, c.disagreement) for c in view.changes]        # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlparse

from claimkit.newsroom.consolidate import consolidate, disagree, figure_range, window_of
from claimkit.newsroom.matrix import corpus_matrix
from claimkit.newsroom.model import (
    Account,
    CauseRow,
    ClaimRef,
    CorpusView,
    DocumentInfo,
    OfficialStatement,
    ReportedChange,
    SpeakerStance,
    StanceRef,
    Summary,
    Timeline,
    TimelinePoint,
)
from claimkit.newsroom.resolve import Resolver, document_mentions
from claimkit.newsroom.timeline import signed_change, timelines
from claimkit.platforms import Platforms
from claimkit.render.views import claim_sentence
from claimkit.types import Analysis, Claim


def document_info(index: int, analysis: Analysis) -> DocumentInfo:
    """The document's metadata: outlet from `source` (or the host of its URL), author, url."""
    meta = analysis.meta or {}
    source = meta.get("source") if isinstance(meta.get("source"), str) else None
    url = meta.get("url") if isinstance(meta.get("url"), str) else None
    if source and source.startswith(("http://", "https://")):
        url = url or source
        source = None
    outlet = source or (_host(url) if url else None)
    author = meta.get("author") if isinstance(meta.get("author"), str) else None
    event = meta.get("event") if isinstance(meta.get("event"), str) else None
    return DocumentInfo(index, analysis.id, analysis.published, analysis.platform, outlet, author, url, analysis,
                        event)


def _host(url: str) -> str | None:
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


def claim_date(analysis: Analysis, claim: Claim) -> str | None:
    """Where a claim sits in time: its end or start date, its statement's date, the publication date."""
    if claim.end_date or claim.start_date:
        return claim.end_date or claim.start_date
    statements = analysis.statements
    if claim.statement is not None and 0 <= claim.statement < len(statements) and statements[claim.statement].date:
        return statements[claim.statement].date
    return analysis.published


def build(analyses: Iterable[Analysis], platforms: Platforms | None = None) -> CorpusView:
    """The newsroom view of a corpus.

    Args:
        analyses: Any iterable of `Analysis` (consumed once).
        platforms: The platform data that tells platforms from people
            (default: the shipped data; pass an `Analyzer`'s own for a `--platforms` file).

    Returns:
        A `CorpusView`: documents, accounts, every claim located, reported
        changes, timelines, the corpus matrix and summary counts.
    """
    documents = tuple(document_info(i, a) for i, a in enumerate(analyses))
    resolver = Resolver(document_mentions(documents), platforms)
    names = {a.key: a.name for a in resolver.accounts}
    refs = tuple(
        ClaimRef(
            document=info.index,
            claim_index=n,
            claim=claim,
            account=resolver.key_of(claim.subject),
            date=claim_date(info.analysis, claim),
            outlet=info.outlet,
            sentence=claim_sentence(info.analysis, claim),
            event=info.event,
        )
        for info in documents
        for n, claim in enumerate(info.analysis.claims)
        if claim.subject.strip()
    )
    changes = tuple(consolidate(refs, platforms))
    lines = tuple(timelines(refs))
    matrix = tuple(corpus_matrix(documents, resolver.key_of, names))
    subjects = {r.account for r in refs}
    accounts = tuple(a for a in resolver.accounts if a.key in subjects or len(a.documents) > 1)
    dates = sorted(d.published for d in documents if d.published)
    summary = Summary(
        documents=len(documents),
        documents_with_claims=sum(1 for d in documents if d.analysis.claims),
        claims=len(refs),
        statements=sum(len(d.analysis.statements) for d in documents),
        accounts=len(subjects),
        shared_accounts=sum(1 for docs in _documents_by_account(refs).values() if len(docs) > 1),
        changes=len(changes),
        disagreements=sum(1 for c in changes if c.disagreement),
        undated_differences=sum(1 for c in changes if c.differs and not c.disagreement),
        causes=len(matrix),
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        platforms=tuple(sorted({d.platform for d in documents if d.platform})),
        outlets=tuple(sorted({d.outlet for d in documents if d.outlet})),
        undated_disagreements=sum(1 for c in changes if c.disagreement and c.undated),
    )
    return CorpusView(documents, accounts, refs, changes, lines, matrix, summary)


def _documents_by_account(refs: Iterable[ClaimRef]) -> dict[str, set[int]]:
    found: dict[str, set[int]] = {}
    for ref in refs:
        found.setdefault(ref.account, set()).add(ref.document)
    return found


__all__ = [
    "Account",
    "CauseRow",
    "ClaimRef",
    "CorpusView",
    "DocumentInfo",
    "OfficialStatement",
    "ReportedChange",
    "Resolver",
    "SpeakerStance",
    "StanceRef",
    "Summary",
    "Timeline",
    "TimelinePoint",
    "build",
    "claim_date",
    "consolidate",
    "corpus_matrix",
    "disagree",
    "document_info",
    "figure_range",
    "signed_change",
    "timelines",
    "window_of",
]
