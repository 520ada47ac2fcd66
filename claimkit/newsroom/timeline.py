"""Per-account timelines: every claim about an account, dated, gains and losses, across documents."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from claimkit.newsroom.model import ClaimRef, Timeline, TimelinePoint

#: The sign of each claim kind on a timeline (an account removal is a loss).
SIGNS: dict[str, int] = {"follower_loss": -1, "follower_gain": 1, "accounts_removed": -1}


def signed_change(ref: ClaimRef) -> int | None:
    """The claim's figure, negative for losses; a range counts at its midpoint; None without a figure.

    Example: "lost 80,000 followers" gives -80000, "8 to 10 million removed" -9000000.
    """
    claim = ref.claim
    amount = claim.amount
    if amount is None and claim.amount_low is not None and claim.amount_high is not None:
        amount = (claim.amount_low + claim.amount_high) // 2
    if amount is None:
        return None
    return SIGNS.get(claim.kind, -1) * amount


def timelines(refs: Iterable[ClaimRef]) -> list[Timeline]:
    """One timeline per account: its claims in date order, undated ones last.

    Claims on the same date keep document order, then claim order.
    """
    by_account: dict[str, list[ClaimRef]] = defaultdict(list)
    for ref in refs:
        by_account[ref.account].append(ref)
    result = []
    for account, items in sorted(by_account.items()):
        items.sort(key=lambda r: (r.date is None, r.date or "", r.document, r.claim_index))
        points = tuple(TimelinePoint(r.date, signed_change(r), r) for r in items)
        result.append(Timeline(account, points))
    return result
