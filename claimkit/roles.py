"""Roles that need the claims: who is `affected`.

A speaker is affected when the document makes them the subject of a follower
loss or gain claim, or when one of their statements speaks in the first
person about their own followers ("Have recovered almost all the followers I
lost"). Platform voices and the reporter keep their roles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from claimkit.names import names_match

OWN_FOLLOWERS_RE = re.compile(
    r"\b(?:my|our)\s+(?:\w+\s+){0,2}(?:followers|subscribers|fans|follower\s+count|subscriber\s+count)\b"
    r"|\b(?:followers|subscribers|fans)\s+(?:that\s+)?(?:I|we)\s+(?:had\s+)?(?:lost|gained|had)\b"
    r"|\b(?:I|I've|I’ve|I'd|we|we've|we’ve)\s+(?:have\s+|had\s+|just\s+|already\s+)*(?:lost|gained|regained|recovered|shed|dropped)\b(?:\s+\S+){0,4}\s+(?:followers|subscribers|fans)\b"
    r"|\b(?:I|we)\s+(?:have|had|now\s+have)\s+[\d,.]+\s*[kKmM]?\s+(?:fewer|less|more)\s+(?:followers|subscribers)\b",
    re.IGNORECASE,
)


def speaks_of_own_followers(text: str) -> bool:
    """True when a statement speaks in the first person about its author's followers."""
    return bool(OWN_FOLLOWERS_RE.search(text))


def mark_affected(statements: Sequence, mentions: Sequence) -> list:
    """Statements with the `affected` role set for every affected speaker.

    Args:
        statements: The attributed statements.
        mentions: Claim mentions (`claims.ClaimMention`) with their subjects.
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
