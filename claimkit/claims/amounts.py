"""The words around a number, read as text: its qualifier, numbers that are not amounts,
ranges, totals, and the span of time it covers."""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimkit.lexicon.claims import (
    MONEY_AFTER_PATTERN,
    MONEY_BEFORE_PATTERN,
    MONTH_WORDS,
    NUMBER_LABELS,
    PARTICLE_UP_VERBS,
    PERCENT_AFTER_PATTERN,
    POSSESSIVE_PATTERN,
    QUALIFIER_AFTER,
    QUALIFIER_PATTERN,
    QUALIFIER_PHRASES,
    RANGE_CLOSERS_PATTERN,
    RANGE_SEPARATORS,
    SCALE_PATTERN,
    SPELLED_SCALE_PATTERN,
    TIME_UNITS,
    TOTAL_NOUN_PATTERN,
    YEAR_COUNT_AFTER_PATTERN,
)
from claimkit.numbers import AmountMatch, SpanMatch
from claimkit.spans import doc_text


def _before(text: str, amount: AmountMatch, width: int = 40) -> str:
    """The words before a number, lower case, spaces collapsed (a trailing space kept)."""
    return re.sub(r"\s+", " ", text[max(0, amount.start - width) : amount.start].lower())


def _after(text: str, amount: AmountMatch, width: int = 30) -> str:
    return text[amount.end : amount.end + width].lower()


def qualifier_of(text: str, start: int, end: int, plus: bool = False) -> str:
    """The qualifier of the number at text[start:end] (SPEC section 2).

    Example:
        >>> qualifier_of("lost nearly 80,000 followers", 12, 18)
        'under'

    "up to" is "under" unless its "up" belongs to the verb ("woke up to 12,000 fewer").
    """
    before = " ".join(text[max(0, start - 40) : start].lower().split())
    for phrase in sorted(QUALIFIER_PHRASES, key=len, reverse=True):
        match = re.search(rf"(?:^|[\s(]){re.escape(phrase)}\s*$", before)
        if match and not (phrase == "up to" and before[: match.start()].split()[-1:] in ([w] for w in PARTICLE_UP_VERBS)):
            return QUALIFIER_PHRASES[phrase]
    if plus:
        return "over"
    after = text[end : end + 16].lower()
    for phrase in sorted(QUALIFIER_AFTER, key=len, reverse=True):
        if phrase == "+":
            continue
        if re.match(rf"\s*{re.escape(phrase)}\b" if phrase[-1].isalpha() else rf"\s*{re.escape(phrase)}", after):
            return QUALIFIER_AFTER[phrase]
    if re.search(r"\breportedly\b(?:\s+\S+){0,3}\s*$", before):
        return "approx"
    return "exact"


def _is_excluded(text: str, amount: AmountMatch) -> bool:
    """Percentages, dates, times, money, years, ordinals and list numbers are not amounts."""
    after = text[amount.end : amount.end + 12].lower()
    before = text[max(0, amount.start - 12) : amount.start].lower()
    if re.match(PERCENT_AFTER_PATTERN, after):
        return True
    if re.search(r"\w['’]$", before):
        return True  # a year written short after a quarter or a name ("Q1'18", "Class of '09" has a space)
    next_word = re.match(r"[\s-]*([a-z%]+)", after)
    if next_word and (next_word.group(1) in TIME_UNITS or next_word.group(1) in MONTH_WORDS):
        return True
    prev_word = re.search(r"([a-z]+)\W*$", before)
    if prev_word and prev_word.group(1) in MONTH_WORDS | NUMBER_LABELS:
        return True
    if re.search(MONEY_BEFORE_PATTERN, before) or re.match(MONEY_AFTER_PATTERN, after):
        return True
    if not amount.spelled and re.fullmatch(r"(?:19|20)\d\d", amount.text) and "," not in amount.text:
        return not re.match(YEAR_COUNT_AFTER_PATTERN, after)
    return bool(amount.spelled and amount.value == 1 and not re.match(SPELLED_SCALE_PATTERN, after))


def _from_to(text: str, amount: AmountMatch) -> bool:
    """Part of "from 145m to 143m": a change implied by two totals, not a claim."""
    before = text[max(0, amount.start - 60) : amount.start].lower()
    after = text[amount.end : amount.end + 40].lower()
    # "from 6.2 million to ...", "plummet from a robust 6.2 million to around 5.3 million"
    if re.search(rf"\bfrom\s+(?:[a-z]+\s+){{0,2}}?{QUALIFIER_PATTERN}?\s*$", before) and re.match(rf"\s*(?:\w+\s+){{0,2}}(?:followers\s+)?(?:{RANGE_CLOSERS_PATTERN})\b", after):
        return True
    return bool(re.search(rf"\bfrom\s+(?:[a-z]+\s+){{0,2}}?[\d.,]+\s*{SCALE_PATTERN}?\s*(?:\w+\s+)?(?:down\s+|up\s+)?to\s*{QUALIFIER_PATTERN}?\s*$", before))


def _range_partner(text: str, amounts: Sequence[AmountMatch], index: int) -> AmountMatch | None:
    """The upper bound when this amount starts a range ("8 to 10 million", "between 40,000 and 80,000")."""
    if index + 1 >= len(amounts):
        return None
    first, second = amounts[index], amounts[index + 1]
    between = text[first.end : second.start].strip().lower()
    before = text[max(0, first.start - 10) : first.start].lower()
    if between in RANGE_SEPARATORS or (between == "and" and "between" in before):
        return second
    return None


def _total_after(text: str, amount: AmountMatch) -> int | None:
    """M in "N of his M followers"."""
    match = re.match(rf"\s+of\s+{POSSESSIVE_PATTERN}\s+(?:own\s+)?(?:\w+\s+)?([\d.,]+\s*{SCALE_PATTERN}?)\s+(?:\w+\s+)?{TOTAL_NOUN_PATTERN}", text[amount.end : amount.end + 80], re.IGNORECASE)
    if not match:
        return None
    from claimkit.numbers import parse_amount

    return parse_amount(match.group(1))


def _nearest_span(
    spans: Sequence[SpanMatch], amount: AmountMatch, sent, scope=None, blockers: Sequence[tuple[int, int]] = ()
) -> tuple[int | None, str | None, bool]:
    """The span of time closest to the amount in its sentence (after it preferred).

    A span belongs to another number when one stands between them
    (`blockers`: the (start, end) offsets of the document's amounts), or one
    just before the span is nearer to it: in "1.2 billion
    in Q4, meaning it removed 3 billion in six months" the six months are the
    3 billion's. A span that opens the sentence frames all of it. With `scope`
    (a relative clause), only spans inside it count.
    """
    low, high = sent.start_char, sent.end_char
    if scope is not None:
        tokens = list(scope)
        low, high = min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)
    text = doc_text(sent.doc)

    def blocked(s: SpanMatch) -> bool:
        if s.start >= amount.end:
            return any(amount.end <= start < s.start for start, _ in blockers)
        if not text[low : s.start].strip(" \t\n\"'“‘("):
            return False  # fronted: "In those three weeks, A gained 3 and B 2"
        between = any(s.end <= start < amount.start for start, _ in blockers)
        closer = any(low <= start and end <= s.start and s.start - end < amount.start - s.end for start, end in blockers)
        return between or closer

    inside = [s for s in spans if low <= s.start and s.end <= high and not blocked(s)]
    if not inside:
        return None, None, False

    def distance(s: SpanMatch) -> int:
        return s.start - amount.end if s.start >= amount.end else 2 * (amount.start - s.end) + 20

    best = min(inside, key=distance)
    return best.seconds, best.text, best.relative
