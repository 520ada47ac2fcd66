"""Claim consolidation: the claims about one account and one event into one `ReportedChange`.

Two claims report the same change when they are about the same account, of
the same kind, on the same platform (when both name one; a platform and the
one it was renamed from, X and Twitter, are one), close in time (their dates within `WINDOW_DAYS` of the
change's reports), and their spans do not say otherwise: a loss "in one
minute" and a loss "over the week" are two changes, even on the same day.
Two claims of one document are two changes: the pipeline has already merged
the places where a document restates one claim, so what is left are
different figures for different periods ("583 million in the first quarter,
800 million in the second").

Each change says how its event window is known (`ReportedChange.window`):

- "dated": every report has a date (its own, its statement's or the
  publication date) and they lie within the window;
- "event": the input tags the documents with one `event` key, which settles
  it (claims of different events are different changes);
- "undated": no report has a date or an event tag. Undated claims about one
  account and kind from different documents are one change unless their own
  text says otherwise: spans more than `SPAN_FACTOR` apart, or sentences that
  name different years ("in 2014" against "in 2018"). The event window is
  unknown, so the grouping is of lower confidence. Dated and undated claims
  are never one change.

Each report's figure, read with its qualifier, allows a range of true values
(`QUALIFIER_RANGE`): "about 300,000" allows 255,000–345,000, "over 300,000"
anything from 300,000 up, an exact 340,000 only rounding. The reports of a
dated or event change disagree when no single value fits them all. Undated
reports may have been counted at different moments, so they disagree only
when their ranges are more than `UNDATED_TOLERANCE` apart (the highest lower
bound over the lowest upper bound): 340,000, "about 300,000" and 204,000
disagree (×1.65 beyond the qualifiers), 300,000 and 340,000 only differ
(×1.12), "over 200,000" and 340,000 do not even differ.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from claimkit.newsroom.model import ClaimRef, ReportedChange, Window
from claimkit.platforms import Platforms, builtin_platforms

#: Reports whose dates lie within this many days of a change's belong to it.
WINDOW_DAYS = 10
#: Spans (duration_seconds) further apart than this factor are different changes.
SPAN_FACTOR = 3.0
#: Undated reports disagree when their ranges are further apart than this factor.
UNDATED_TOLERANCE = 1.25
#: The range of true values each qualifier allows, as factors of the figure.
QUALIFIER_RANGE: dict[str, tuple[float, float]] = {
    "exact": (0.995, 1.005),  # published figures are rounded
    "approx": (0.85, 1.15),
    "over": (1.0, float("inf")),
    "under": (0.5, 1.0),
}
# A year written in figures (1900-2099), not part of a longer number ("2,018", "2018.5").
_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d]|[.,]\d)")


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


def disagree(refs: Sequence[ClaimRef], tolerance: float = 1.0) -> bool:
    """True when no single figure lies in every report's range (ranges `tolerance` apart at most are let through).

    Example: 340,000 and 204,000 disagree at any tolerance up to ×1.65; 300,000 and 340,000 at ×1.12.
    """
    ranges = [r for r in (figure_range(ref) for ref in refs) if r is not None]
    if len(ranges) < 2:
        return False
    return max(low for low, _ in ranges) > min(high for _, high in ranges) * tolerance


def window_of(refs: Sequence[ClaimRef]) -> Window:
    """How the reports are placed in one event: "dated", "event" (one `event` tag) or "undated"."""
    if all(_day(r.date) for r in refs):
        return "dated"
    events = {r.event for r in refs}
    if len(events) == 1 and None not in events:
        return "event"
    return "undated"


def years_named(ref: ClaimRef) -> frozenset[str]:
    """The years the claim's own text names: its period and its sentence, its figures left out.

    Example: "Quinn lost 2,018 followers in the 2014 purge" names 2014 only.
    """
    claim = ref.claim
    text = " ".join(filter(None, (claim.period_text, ref.sentence)))
    for figure in {claim.amount_text, *(m.text for m in claim.mentions)}:
        if figure:
            text = text.replace(figure, " ")
    return frozenset(_YEAR.findall(text))


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


def platform_families(platforms: Platforms | None = None) -> dict[str, frozenset[str]]:
    """Each platform with the ones it was renamed from or to ("X" and "Twitter" are one family)."""
    entries = (platforms or builtin_platforms()).entries
    families = {e.name: {e.name} for e in entries}
    for entry in entries:
        if entry.renamed_from:
            joined = families[entry.name] | families.get(entry.renamed_from, {entry.renamed_from})
            for name in joined:
                families[name] = joined
    return {name: frozenset(family) for name, family in families.items()}


def _platforms_fit(group: list[ClaimRef], ref: ClaimRef, families: dict[str, frozenset[str]]) -> bool:
    platform = ref.claim.platform
    if not platform:
        return True
    family = families.get(platform, frozenset({platform}))
    return all(r.claim.platform in family for r in group if r.claim.platform)


def _years_fit(group: list[ClaimRef], ref: ClaimRef) -> bool:
    """No report of the group names only years this one does not (undated reports' one clue to their event)."""
    years = years_named(ref)
    return not years or all(not named or named & years for named in map(years_named, group))


def _dates_fit(group: list[ClaimRef], ref: ClaimRef) -> bool:
    events = {r.event for r in group if r.event}
    if ref.event and events and ref.event not in events:
        return False
    day = _day(ref.date)
    days = [d for d in (_day(r.date) for r in group) if d]
    if day is None or not days:
        if day is None and not days and not ref.event and not events:
            return _years_fit(group, ref)  # undated and untagged: the text's own years decide
        return day is None and not days or bool(ref.event and ref.event in events)
    return all(abs((day - d).days) <= WINDOW_DAYS for d in days)


def _tolerance(refs: Sequence[ClaimRef]) -> float:
    return UNDATED_TOLERANCE if window_of(refs) == "undated" else 1.0


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
        disagreement=disagree(refs, _tolerance(refs)),
        outlets=outlets,
        differs=disagree(refs),
        window=window_of(refs),
    )


def consolidate(refs: Iterable[ClaimRef], platforms: Platforms | None = None) -> list[ReportedChange]:
    """Group claims into reported changes, by account, kind, platform, date window and span.

    Reports are taken in date order (undated last); each joins a change of
    its account and kind whose reports are all within the window, from other
    documents, of its event and platform, and whose spans fit (the first such
    change its figure agrees with, else the first), or it starts a new change.
    Undated reports are grouped together, apart from dated ones, unless their
    spans or the years their sentences name say they are of different events.

    Args:
        refs: The claims, located.
        platforms: The platform data that knows renames (default: the shipped data).

    Returns:
        The changes, by account, then date (undated last).
    """
    families = platform_families(platforms)
    ordered = sorted(refs, key=lambda r: (r.account, r.claim.kind, _day(r.date) is None, r.date or "",
                                          r.document, r.claim_index))
    groups: list[list[ClaimRef]] = []
    open_groups: dict[tuple[str, str], list[list[ClaimRef]]] = {}
    for ref in ordered:
        candidates = open_groups.setdefault((ref.account, ref.claim.kind), [])
        fitting = [g for g in candidates if _dates_fit(g, ref) and _spans_fit(g, ref)
                   and _platforms_fit(g, ref, families) and all(r.document != ref.document for r in g)]
        group = next((g for g in fitting if not disagree([*g, ref], _tolerance([*g, ref]))),
                     fitting[0] if fitting else None)
        if group is None:
            group = []
            candidates.append(group)
            groups.append(group)
        group.append(ref)
    changes = [_change(g) for g in groups]
    return sorted(changes, key=lambda c: (c.account, c.first is None, c.first or "", c.kind))
