"""Claim consolidation: the claims about one account and one event into one `ReportedChange`.

Two claims report the same change when they are about the same account, of
the same kind, close in time (their dates within `WINDOW_DAYS` of the
change's reports), and their spans do not say otherwise: a loss "in one
minute" and a loss "over the week" are two changes, even on the same day.
Two claims of one document are two changes: the pipeline has already merged
the places where a document restates one claim, so what is left are
different figures for different periods ("583 million in the first quarter,
800 million in the second"). Undated claims (no claim, statement or
publication date) are grouped per account and kind, but never flagged as
disagreeing (only as `differs`): nothing says they are about one event.
An input that tags its documents with an `event` key settles it: claims of
different events are different changes, and undated claims of one event are
one change.

Each report's figure, read with its qualifier, allows a range of true values
(`QUALIFIER_RANGE`): "about 300,000" allows 255,000–345,000, "over 300,000"
anything from 300,000 up, an exact 340,000 only rounding. The reports
disagree when no single value fits them all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from claimkit.newsroom.model import ClaimRef, ReportedChange

#: Reports whose dates lie within this many days of a change's belong to it.
WINDOW_DAYS = 10
#: Spans (duration_seconds) further apart than this factor are different changes.
SPAN_FACTOR = 3.0
#: The range of true values each qualifier allows, as factors of the figure.
QUALIFIER_RANGE: dict[str, tuple[float, float]] = {
    "exact": (0.995, 1.005),  # published figures are rounded
    "approx": (0.85, 1.15),
    "over": (1.0, float("inf")),
    "under": (0.5, 1.0),
}


def figure_range(ref: ClaimRef) -> tuple[float, float] | None:
    """The true values a report allows, or None when it gives no figure.

    Example: a claim of "about 300,000" gives (255000.0, 345000.0).
    """
    claim = ref.claim
    if claim.amount is None:
        if claim.amount_low is not None and claim.amount_high is not None:
            return float(claim.amount_low), float(claim.amount_high)
        return None
    low, high = QUALIFIER_RANGE.get(claim.qualifier, QUALIFIER_RANGE["approx"])
    return claim.amount * low, claim.amount * high


def disagree(refs: Sequence[ClaimRef]) -> bool:
    """True when no single figure lies in every report's range."""
    ranges = [r for r in (figure_range(ref) for ref in refs) if r is not None]
    if len(ranges) < 2:
        return False
    return max(low for low, _ in ranges) > min(high for _, high in ranges)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _spans_fit(group: list[ClaimRef], ref: ClaimRef) -> bool:
    seconds = ref.claim.duration_seconds
    if not seconds:
        return True
    known = [r.claim.duration_seconds for r in group if r.claim.duration_seconds]
    return all(max(seconds, k) / min(seconds, k) <= SPAN_FACTOR for k in known)


def _dates_fit(group: list[ClaimRef], ref: ClaimRef) -> bool:
    events = {r.event for r in group if r.event}
    if ref.event and events and ref.event not in events:
        return False
    day = _day(ref.date)
    days = [d for d in (_day(r.date) for r in group) if d]
    if day is None or not days:
        return day is None and not days or bool(ref.event and ref.event in events)
    return all(abs((day - d).days) <= WINDOW_DAYS for d in days)


def _one_event(refs: Sequence[ClaimRef]) -> bool:
    """The reports are placed in one event: all dated (within the window), or all tagged with one event."""
    events = {r.event for r in refs}
    return all(_day(r.date) for r in refs) or (len(events) == 1 and None not in events)


def _change(refs: list[ClaimRef]) -> ReportedChange:
    first = refs[0]
    figures = []
    for ref in refs:
        claim = ref.claim
        if claim.amount is not None:
            figures.append(claim.amount)
        elif claim.amount_low is not None and claim.amount_high is not None:
            figures += [claim.amount_low, claim.amount_high]
    low = min(figures) if figures else None
    high = max(figures) if figures else None
    platforms = Counter(r.claim.platform for r in refs if r.claim.platform)
    dates = sorted(r.date for r in refs if _day(r.date))
    outlets = tuple(dict.fromkeys(r.outlet for r in refs if r.outlet))
    return ReportedChange(
        account=first.account,
        kind=first.claim.kind,
        platform=platforms.most_common(1)[0][0] if platforms else None,
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        reports=tuple(refs),
        low=low,
        high=high,
        ratio=round(high / low, 3) if low and high is not None and len(figures) > 1 else None,
        disagreement=_one_event(refs) and disagree(refs),
        outlets=outlets,
        differs=disagree(refs),
    )


def consolidate(refs: Iterable[ClaimRef]) -> list[ReportedChange]:
    """Group claims into reported changes, by account, kind, date window and span.

    Reports are taken in date order (undated last); each joins a change of
    its account and kind whose reports are all within the window, from other
    documents, of its event, and whose spans fit (the first such change its
    figure agrees with, else the first), or it starts a new change. Undated
    reports are grouped together, apart from dated ones.

    Returns:
        The changes, by account, then date.
    """
    ordered = sorted(refs, key=lambda r: (r.account, r.claim.kind, _day(r.date) is None, r.date or "",
                                          r.document, r.claim_index))
    groups: list[list[ClaimRef]] = []
    open_groups: dict[tuple[str, str], list[list[ClaimRef]]] = {}
    for ref in ordered:
        candidates = open_groups.setdefault((ref.account, ref.claim.kind), [])
        fitting = [g for g in candidates if _dates_fit(g, ref) and _spans_fit(g, ref)
                   and all(r.document != ref.document for r in g)]
        group = next((g for g in fitting if not disagree([*g, ref])), fitting[0] if fitting else None)
        if group is None:
            group = []
            candidates.append(group)
            groups.append(group)
        group.append(ref)
    changes = [_change(g) for g in groups]
    return sorted(changes, key=lambda c: (c.account, c.first is None, c.first or "", c.kind))
