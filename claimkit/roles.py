"""Roles that need the claims: who is `affected`.

A speaker is affected when the document makes them the subject of a follower
loss or gain claim, or when one of their statements speaks in the first
person about their own followers ("Have recovered almost all the followers I
lost", "I'm down 2,310 since this morning"). Platform voices, the reporter
and anonymous speakers keep their roles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from claimkit.names import names_match

_AMOUNT = r"[\d][\d,.]*\s*[kKmM]?"
_FOLLOWERS = r"(?:followers|subscribers|subs|fans|likes)"
_I = r"(?:I|I'm|I’m|I've|I’ve|I'd|I’d|we|we've|we’ve|we're|we’re)"

OWN_FOLLOWERS_RE = re.compile(
    # "my followers", "our follower count", "my subscriber count"
    rf"\b(?:my|our)\s+(?:\w+\s+){{0,2}}(?:{_FOLLOWERS}|follower\s+count|subscriber\s+count|follower\s+list)\b"
    # "the followers I lost", "fans that we had"
    rf"|\b{_FOLLOWERS}\s+(?:that\s+)?(?:I|we)\s+(?:had\s+|have\s+)?(?:lost|gained|had)\b"
    # "I've lost 3,000 followers", "we just gained about 500 subscribers"
    rf"|\b{_I}\s+(?:have\s+|had\s+|just\s+|already\s+|now\s+)*(?:lost|gained|regained|recovered|shed|dropped|bought)\b(?:\s+\S+){{0,4}}\s+{_FOLLOWERS}\b"
    # "I have 3,000 fewer followers"
    rf"|\b(?:I|we)\s+(?:have|had|now\s+have)\s+{_AMOUNT}\s+(?:fewer|less|more)\s+{_FOLLOWERS}\b"
    # "I'm down 2,310", "we're almost 900 down"
    rf"|\b(?:I'm|I’m|I\s+am|we're|we’re|we\s+are)\s+(?:\w+\s+)?(?:down|up)\s+(?:by\s+)?(?:about\s+|around\s+|almost\s+|nearly\s+|over\s+)?{_AMOUNT}"
    rf"|\b(?:I'm|I’m|I\s+am|we're|we’re|we\s+are)\s+(?:about\s+|around\s+|almost\s+|nearly\s+|over\s+)?{_AMOUNT}\s+(?:{_FOLLOWERS}\s+)?(?:down|up|lighter)\b",
    re.IGNORECASE,
)


def speaks_of_own_followers(text: str) -> bool:
    """True when a statement speaks in the first person about its author's followers.

    Example:
        >>> speaks_of_own_followers("I'm down 2,310 since this morning"), speaks_of_own_followers("Bots are gone")
        (True, False)
    """
    return bool(OWN_FOLLOWERS_RE.search(text))


def mark_affected(statements: Sequence, mentions: Sequence) -> list:
    """Statements with the `affected` role set for every affected speaker.

    Args:
        statements: The attributed statements.
        mentions: Claim mentions (`claims.ClaimMention`) with their subjects;
            only follower losses and gains make an account holder affected.

    Returns:
        The statements, those of affected speakers with `role="affected"`
        (platform, reporter and anonymous statements unchanged).
    """
    subjects = [m.subject for m in mentions if m.kind in {"follower_loss", "follower_gain"}]
    affected = set()
    for statement in statements:
        if statement.role in {"platform", "reporter"} or statement.anonymous:
            continue
        if any(names_match(statement.speaker, subject) for subject in subjects) or speaks_of_own_followers(statement.text):
            affected.add(statement.speaker)
    return [
        replace(s, role="affected") if s.speaker in affected and s.role not in {"platform", "reporter"} and not s.anonymous else s
        for s in statements
    ]
