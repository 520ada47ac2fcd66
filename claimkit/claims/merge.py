"""Merging: the mentions of one claim become one `Claim`, with the fields of the most direct source."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from claimkit.claims.records import ClaimMention
from claimkit.names import name_tokens, names_match
from claimkit.numbers import out_of_bounds, resolve_period
from claimkit.types import Claim, IgnoredFigure, Span, Statement

ROLE_PRIORITY = {"affected": 0, "platform": 1, "third_party": 2, "reporter": 3}
AMOUNT_TOLERANCE = 0.005


def _same_claim(a: ClaimMention, b: ClaimMention) -> bool:
    if a.kind != b.kind or a.amount is None or b.amount is None:
        return False
    if abs(a.amount - b.amount) > AMOUNT_TOLERANCE * max(a.amount, b.amount):
        return False
    return names_match(a.subject, b.subject)


def merge_mentions(
    mentions: Sequence[ClaimMention], statements: Sequence[Statement], published: date | None
) -> list[Claim]:
    """Merge the mentions of each claim; the most direct source gives the fields."""
    groups: list[list[ClaimMention]] = []
    for mention in mentions:
        group = next((g for g in groups if _same_claim(g[0], mention)), None)
        if group is None:
            groups.append([mention])
        elif not any(m.start == mention.start and m.end == mention.end for m in group):
            group.append(mention)
    return [_claim(group, statements, published) for group in groups]


def _source_role(mention: ClaimMention, statements: Sequence[Statement]) -> str:
    statement = statements[mention.statement]
    if mention.first_person or (statement.role != "platform" and names_match(statement.speaker, mention.subject)):
        return "affected"
    # A speaker affected by their own claims is a third party to someone else's.
    return "third_party" if statement.role == "affected" else statement.role


def _claim(group: Sequence[ClaimMention], statements: Sequence[Statement], published: date | None) -> Claim:
    ranked = sorted(group, key=lambda m: (ROLE_PRIORITY[_source_role(m, statements)], m.start))
    primary = ranked[0]
    timed = next((m for m in ranked if m.duration_seconds is not None), None) or next((m for m in ranked if m.period_text), None)
    subject = max((m.subject for m in group), key=lambda s: (len(name_tokens(s)), len(s)))
    statement = statements[primary.statement]
    reference = _reference_date(statements[(timed or primary).statement].date, published)
    period = timed.period_text if timed else None
    seconds = timed.duration_seconds if timed else None
    start, end = resolve_period(period, seconds, reference) if timed and timed.period_relative else (None, None)
    total = next((m.total for m in ranked if m.total is not None), None)
    return Claim(
        kind=primary.kind,  # type: ignore[arg-type]
        subject=subject,
        platform=primary.platform,
        amount=primary.amount,
        amount_text=primary.amount_text,
        qualifier=primary.qualifier,  # type: ignore[arg-type]
        duration_seconds=seconds,
        period_text=period,
        start_date=start.isoformat() if start else None,
        end_date=end.isoformat() if end else None,
        source_role=_source_role(primary, statements),  # type: ignore[arg-type]
        source_speaker=statement.speaker,
        mentions=[Span(m.start, m.end, "") for m in sorted(group, key=lambda m: m.start)],
        amount_low=primary.amount_low,
        amount_high=primary.amount_high,
        total=total,
        statement=primary.statement,
    )


def _reference_date(statement_date: str | None, published: date | None) -> date | None:
    if statement_date:
        try:
            return date.fromisoformat(statement_date)
        except ValueError:
            return published
    return published


def with_mention_text(claims: Sequence[Claim], text: str) -> list[Claim]:
    """Fill each mention's text from the document."""
    return [replace(c, mentions=[Span(m.start, m.end, text[m.start : m.end]) for m in c.mentions]) for c in claims]


def drop_out_of_bounds(mentions: Sequence[ClaimMention], text: str) -> tuple[list[ClaimMention], list[IgnoredFigure]]:
    """Split the mentions into claims and figures out of bounds (`numbers.out_of_bounds`).

    A mention whose amount, bounds or total is over its kind's ceiling, or
    whose span of time is over 100 years, is not a claim: it becomes an
    `IgnoredFigure` with the reason, and merges with nothing.

    Example:
        >>> m = ClaimMention("follower_loss", "Jo", 10**14, "10^14", "exact", 0, 4, 0, None)
        >>> kept, ignored = drop_out_of_bounds([m], "lost")
        >>> kept, ignored[0].reason
        ([], 'amount over the ceiling of 100,000,000,000 followers')
    """
    kept: list[ClaimMention] = []
    ignored: list[IgnoredFigure] = []
    for mention in mentions:
        amounts = (mention.amount, mention.amount_low, mention.amount_high, mention.total)
        reason = out_of_bounds(mention.kind, amounts, mention.duration_seconds)
        if reason is None:
            kept.append(mention)
        else:
            ignored.append(IgnoredFigure(text[mention.start : mention.end], mention.start, mention.end, reason,
                                         mention.kind))
    return kept, ignored
