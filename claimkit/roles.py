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

from claimkit.lexicon.roles import OWN_FOLLOWERS_PATTERN
from claimkit.names import names_match

OWN_FOLLOWERS_RE = re.compile(OWN_FOLLOWERS_PATTERN, re.IGNORECASE)


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
