"""The records claim extraction passes between its steps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimkit.types import Statement


@dataclass(frozen=True)
class ClaimMention:
    """One place a claim is stated, before mentions of the same claim are merged.

    `first_person` marks a claim its subject states themself: in the first
    person ("I lost 3000"), in a post that leaves the subject implicit
    ("Lost 1.1k followers today"), or in reported speech whose speaker is the
    subject ("Kher said he had lost 80,000").
    """

    kind: str
    subject: str
    amount: int | None
    amount_text: str
    qualifier: str
    start: int
    end: int
    statement: int
    platform: str | None
    duration_seconds: int | None = None
    period_text: str | None = None
    period_relative: bool = False
    total: int | None = None
    amount_low: int | None = None
    amount_high: int | None = None
    first_person: bool = False


@dataclass(frozen=True)
class _Reading:
    """What the words around a number make of it: the kind and the word that says so."""

    kind: str
    trigger: object  # spaCy Token
    extra: tuple[tuple[str, object], ...] = ()  # further (kind, trigger) pairs for the same number


def statement_at(statements: Sequence[Statement], offset: int) -> int | None:
    """Index of the statement that holds a character offset (the narrowest)."""
    best = None
    for index, statement in enumerate(statements):
        if statement.start <= offset < statement.end:
            if best is None or (statement.end - statement.start) < (statements[best].end - statements[best].start):
                best = index
    return best
