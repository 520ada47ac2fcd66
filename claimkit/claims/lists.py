"""List lines: ranked lists and tables written as text, one name and one figure per line.

News pages list the biggest losers as lines of their own:

    1. Dara Moss: -2,114,300 (4.1% of likes)
    -Transport Minister Ravi Sen - 52,318
    • Velo Kids – 1.9 million followers

A line is a list item when it holds only an optional marker (a number and a
dot, a dash or a bullet), a name, a separator (colon, dash), an optional sign,
the figure, and at most a follower noun and a parenthetical. The sign gives
the kind ("-" a loss, "+" a gain); without one, the nearest line above that
says what the list counts ("Other politicians who lost followers are as
follows:", "the biggest losers") gives it. The subject is the name after its
last title word ("Transport Minister Ravi Sen" → "Ravi Sen").
"""

from __future__ import annotations

import re

from claimkit.claims.amounts import _is_excluded, qualifier_of
from claimkit.claims.reading import _Reader
from claimkit.claims.records import ClaimMention
from claimkit.claims.subjects import TITLE_WORDS
from claimkit.claims.tokens import _lemma
from claimkit.lexicon.claims import (
    BARE_GAIN_VERBS,
    BARE_LOSS_VERBS,
    GAIN_NOUNS,
    GAIN_VERBS,
    LIST_GAIN_WORDS,
    LIST_LOSS_WORDS,
    LIST_TRAILER_PATTERN,
    LOSS_NOUNS,
    LOSS_VERBS,
    TAKING_VERBS,
)
from claimkit.numbers import AmountMatch

#: Marker, name, separator and sign before a list line's figure (matched on the line up to the figure).
LIST_HEAD_RE = re.compile(
    r"^[ \t]*(?:(?:\d{1,3}[.)]|[-–—•*·▪►])[ \t]*)?"
    r"(?P<name>[A-Z@\"“'‘][^\n:]{0,80}?)[ \t]*(?:[:–—]|[ \t]-|-[ \t]|[ \t]-[ \t])[ \t]*(?P<sign>[-+−–])?[ \t]*$"
)
#: What may follow the figure on its line: a follower noun, a parenthetical, a full stop.
LIST_TAIL_RE = re.compile(rf"^[ \t]*(?:{LIST_TRAILER_PATTERN})?[ \t]*(?:\([^)\n]*\))?[ \t]*[.;,]?[ \t]*$", re.IGNORECASE)
#: How many lines above a list item are searched for what the list counts.
HEADING_LINES = 30


def _line(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def _list_name(reader: _Reader, start: int, end: int) -> str | None:
    """The name of a list line: the words after its last title word, narrowed to the person the
    parser found at their end ("External Affairs Minister Sushma Swaraj" → "Sushma Swaraj")."""
    raw = re.sub(r"\([^)]*\)", " ", reader.text[start:end]).strip(" \t\"“”'‘’")
    words = raw.split()
    if not words or len(words) > 8:
        return None
    titled = [i for i, w in enumerate(words[:-1]) if w.lower().strip(".,") in TITLE_WORDS]
    if titled:
        words = words[titled[-1] + 1 :]
    name = " ".join(words)
    span = reader.doc.char_span(start, end, alignment_mode="contract")
    people = [e.text.strip() for e in span.ents if e.label_ == "PERSON"] if span is not None else []
    if len(people) == 1 and name.endswith(people[0]) and len(people[0].split()) >= 2:
        name = people[0]
    if not name[:1].isupper() and not name.startswith("@"):
        return None
    return reader.subjects.canonical(name)


def _kind_from_words(doc, start: int, end: int) -> str | None:
    """A loss or a gain, from the words of a heading line ("who lost followers", "biggest losers")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for token in span:
        lemma, lower = _lemma(token), token.lower_
        if lower in LIST_LOSS_WORDS or lower in LOSS_NOUNS or lemma in (LOSS_VERBS - TAKING_VERBS) | BARE_LOSS_VERBS:
            return "follower_loss"
        if lower in LIST_GAIN_WORDS or lower in GAIN_NOUNS or lemma in GAIN_VERBS | BARE_GAIN_VERBS:
            return "follower_gain"
    return None


def _list_kind(reader: _Reader, line_start: int, sign: str | None) -> str | None:
    """The kind of a list item: its sign, else the nearest heading above that says loss or gain."""
    if sign:
        return "follower_gain" if sign == "+" else "follower_loss"
    text = reader.text
    position = line_start
    for _ in range(HEADING_LINES):
        if position <= 0:
            return None
        previous_start, previous_end = _line(text, position - 1)
        if text[previous_start:previous_end].strip() and not _is_item(text, previous_start, previous_end):
            kind = _kind_from_words(reader.doc, previous_start, previous_end)
            if kind is not None:
                return kind
        position = previous_start
    return None


def _is_item(text: str, start: int, end: int) -> bool:
    line = text[start:end]
    head = re.match(r"^[ \t]*(?:\d{1,3}[.)]|[-–—•*·▪►])", line)
    return bool(head) and bool(re.search(r"\d[\d,]*\s*(?:\([^)]*\))?\s*$", line))


def list_line(reader: _Reader, amount: AmountMatch, statement_index: int) -> ClaimMention | None:
    """The claim a list line states ("2. Shakira: -6,855,640 (6.8% of likes)"), or None.

    Only in a document about followers, and only when the line has the list
    shape (see the module docstring) and the list says what it counts.
    """
    text = reader.text
    if not reader.follower_context or _is_excluded(text, amount):
        return None
    line_start, line_end = _line(text, amount.start)
    head = LIST_HEAD_RE.match(text[line_start : amount.start])
    if head is None or not LIST_TAIL_RE.match(text[amount.end : line_end]):
        return None
    name = _list_name(reader, line_start + head.start("name"), line_start + head.end("name"))
    if not name:
        return None
    sign = head.group("sign")
    kind = _list_kind(reader, line_start, "-" if sign in {"-", "−", "–"} else sign)
    if kind is None:
        return None
    line_text = text[line_start:line_end]
    return ClaimMention(
        kind=kind,
        subject=name,
        amount=amount.value,
        amount_text=amount.text,
        qualifier=qualifier_of(text, amount.start, amount.end, amount.plus),
        start=line_start + head.start("name"),
        end=amount.end,
        statement=statement_index,
        platform=reader.platforms.first_in(line_text) or reader.platform,
    )


__all__ = ["list_line"]
