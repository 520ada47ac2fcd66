"""Pure parsers for amounts, spans of time and dates (no spaCy, no I/O).

Bounds: no input makes these functions raise. Amounts are parsed exactly up
to `AMOUNT_LIMIT` (10^15); anything larger (a number with hundreds of
digits) saturates at `TOO_LARGE` (10^15 + 1). Spans of time saturate at
`SPAN_TOO_LONG` (100 years and one second). Claims above a ceiling
(`FOLLOWER_CEILING` = 10^11 followers, `ACCOUNT_CEILING` = 10^12 accounts)
or over a span above `MAX_SPAN_SECONDS` (100 years) are not claims: the
claims stage reports them in `Analysis.ignored` with the reason that
`out_of_bounds` gives.

Example:
    >>> parse_amount("1.7 million"), parse_amount("80k"), parse_amount("two million")
    (1700000, 80000, 2000000)
    >>> find_spans("lost 80,000 followers in the last 36 hours")[0].seconds
    129600
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

UNITS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "lakh": 100_000, "million": 1_000_000, "crore": 10_000_000, "billion": 1_000_000_000, "trillion": 10**12}
SUFFIXES = {
    "k": 1_000, "thousand": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000,
    "mil": 1_000_000, "million": 1_000_000, "millions": 1_000_000, "b": 1_000_000_000,
    "bn": 1_000_000_000, "billion": 1_000_000_000, "lakh": 100_000, "lakhs": 100_000,
    "crore": 10_000_000, "crores": 10_000_000, "trillion": 10**12,
}
#: More followers than that is not a claim (the world has about 10^10 people).
FOLLOWER_CEILING = 10**11
#: More removed accounts than that is not a claim.
ACCOUNT_CEILING = 10**12
#: Amounts are exact up to this; a larger one parses as `TOO_LARGE`.
AMOUNT_LIMIT = 10**15
TOO_LARGE = AMOUNT_LIMIT + 1
NUMBER_WORDS = sorted({*UNITS, *TENS, *SCALES} - {"a", "an", "single", "zero"}, key=len, reverse=True)

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SUFFIX = r"k|K|m|M|mn|mln|mil|million|millions|bn|b|B|billion|trillion|thousand|lakhs?|crores?"
#: A number written with digits, an optional scale word or letter and an optional "+".
DIGIT_AMOUNT_RE = re.compile(
    rf"(?<![\w.,$£€¥#/:-])(?P<num>{_DIGITS})(?:[ \t]?(?P<suffix>{_SUFFIX}))?(?![\w])(?![/:.,]\d)(?P<plus>\+)?(?![\d])"
)
_WORD = "|".join(NUMBER_WORDS)
#: A number written in words: "two million", "twenty-five thousand", "a million", "half a million".
WORD_AMOUNT_RE = re.compile(
    rf"\b(?P<words>(?:half\s+a|a|an|{_WORD})(?:[\s-]+(?:and\s+)?(?:{_WORD}))*)\b",
    re.IGNORECASE,
)

SECONDS = {
    "second": 1, "sec": 1, "minute": 60, "min": 60, "hour": 3600, "hr": 3600,
    "day": 86_400, "week": 604_800, "fortnight": 1_209_600, "month": 2_592_000,
    "year": 31_536_000,
}
#: A change over more than 100 years is not a claim.
MAX_SPAN_SECONDS = 100 * SECONDS["year"]
#: Spans are exact up to `MAX_SPAN_SECONDS`; a longer one is given as this.
SPAN_TOO_LONG = MAX_SPAN_SECONDS + 1
_UNIT = r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|months?|years?"
_SPAN_NUMBER = rf"\d+(?:\.\d+)?|{_WORD}|a|an|a\s+single|one\s+single|a\s+couple\s+of|a\s+few|several|few|couple\s+of|a\s+matter\s+of|matter\s+of"
#: "in the last 36 hours", "in just 15 days", "within 24 hours", "over two days", "15days".
SPAN_RE = re.compile(
    rf"\b(?P<prep>in|over|within|during|across|inside|for|under)\s+"
    rf"(?P<mods>(?:(?:just|only|about|around|roughly|less\s+than|under|barely|the|a|an|last|past|first|previous|"
    rf"next|following|those|these|same|initial|span\s+of|space\s+of|course\s+of|mere|short|single)\s+)*)"
    rf"(?P<n>{_SPAN_NUMBER})?\s*-?\s*(?P<unit>{_UNIT})\b",
    re.IGNORECASE,
)
#: "lower than it was 36 hours ago", "since two days ago": a change over an explicit span.
AGO_SPAN_RE = re.compile(
    rf"\b(?:than|since|compared\s+(?:with|to))\s+(?:(?:it|they|he|she|i|we|there|was|were|had|did|is|stood|the\s+count|my\s+count)\s+){{0,3}}"
    rf"(?P<n>\d+(?:\.\d+)?|{_WORD}|a|an)\s*(?P<unit>{_UNIT})\s+ago\b",
    re.IGNORECASE,
)
#: Spans with no number: resolvable to dates, never a duration.
VAGUE_SPAN_RE = re.compile(
    r"\b(?:overnight|last\s+night|yesterday|today|this\s+morning|this\s+week|last\s+week|"
    r"this\s+month|last\s+month|this\s+weekend|over\s+the\s+weekend|last\s+weekend|"
    r"in\s+recent\s+(?:days|weeks|hours)|(?:in|over)\s+the\s+(?:past|last)\s+(?:few|several|couple\s+of)\s+\w+|"
    r"the\s+(?:past|last)\s+(?:few|several|couple\s+of)\s+(?:hours|days|weeks|months)|"
    r"within\s+(?:hours|minutes|days)|in\s+(?:hours|minutes|days)|in\s+a\s+matter\s+of\s+\w+|"
    r"since\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last\s+\w+)|"
    r"between\s+\w+\s+and\s+\w+day)\b",
    re.IGNORECASE,
)


def words_to_int(text: str) -> int | None:
    """Spelled-out numbers: "two million" → 2000000, "twenty-five thousand" → 25000.

    Returns None when the words are not a number ("a" alone, "some").
    """
    tokens = [t for t in re.split(r"[\s-]+", text.lower()) if t and t != "and"]
    if not tokens or tokens in (["a"], ["an"]):
        return None
    if tokens[:2] == ["half", "a"]:
        rest = words_to_int(" ".join(["a", *tokens[2:]]))
        return rest // 2 if rest else None
    if tokens[0] in SCALES:
        return None
    total, current, seen = 0, 0, False
    for token in tokens:
        if token in UNITS:
            current += UNITS[token]
        elif token in TENS:
            current += TENS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in SCALES:
            total += max(current, 1) * SCALES[token]
            current = 0
        else:
            return None
        seen = seen or token not in {"a", "an"}
        if total + current > AMOUNT_LIMIT:  # "hundred hundred hundred ...": saturate, stop growing
            return TOO_LARGE
    value = total + current
    return value if seen and value > 0 else None


def parse_amount(text: str) -> int | None:
    """An amount in any supported form, or None.

    Example:
        >>> [parse_amount(t) for t in ["80,000", "900000", "20M", "1.7 million", "3 million", "10,000+"]]
        [80000, 900000, 20000000, 1700000, 3000000, 10000]
    """
    text = text.strip().rstrip("+").strip()
    match = DIGIT_AMOUNT_RE.fullmatch(text)
    if match:
        digits = match.group("num").replace(",", "")
        if len(digits.split(".")[0].lstrip("0")) > len(str(AMOUNT_LIMIT)):
            return TOO_LARGE  # hundreds of digits: no float, no OverflowError
        suffix = (match.group("suffix") or "").lower()
        return min(round(float(digits) * SUFFIXES.get(suffix, 1)), TOO_LARGE)
    return words_to_int(text)


def amount_ceiling(kind: str) -> int:
    """The largest amount a claim of `kind` may have (`ACCOUNT_CEILING` or `FOLLOWER_CEILING`)."""
    return ACCOUNT_CEILING if kind == "accounts_removed" else FOLLOWER_CEILING


def out_of_bounds(kind: str, amounts: Iterable[int | None], seconds: int | None) -> str | None:
    """Why a claim with these amounts and duration is not a claim, or None when it is in bounds.

    Example:
        >>> out_of_bounds("follower_loss", [5_000], 3600) is None
        True
        >>> out_of_bounds("follower_loss", [10**12], None)
        'amount over the ceiling of 100,000,000,000 followers'
    """
    ceiling = amount_ceiling(kind)
    if any(a is not None and a > ceiling for a in amounts):
        noun = "accounts" if kind == "accounts_removed" else "followers"
        return f"amount over the ceiling of {ceiling:,} {noun}"
    if seconds is not None and seconds > MAX_SPAN_SECONDS:
        return "span of time over 100 years"
    return None


@dataclass(frozen=True)
class AmountMatch:
    """A number found in text: its value, span and whether it ends with "+"."""

    value: int
    start: int
    end: int
    text: str
    plus: bool = False
    spelled: bool = False


def find_amounts(text: str) -> list[AmountMatch]:
    """Every amount in a text, digits and words, in order, without overlaps."""
    found = []
    for match in DIGIT_AMOUNT_RE.finditer(text):
        value = parse_amount(match.group(0))
        if value is not None:
            end = match.end("suffix") if match.group("suffix") else match.end("num")
            found.append(AmountMatch(value, match.start(), end, text[match.start() : end], bool(match.group("plus"))))
    for match in WORD_AMOUNT_RE.finditer(text):
        if any(a.start < match.end() and match.start() < a.end for a in found):
            continue
        value = words_to_int(match.group("words"))
        if value is not None:
            found.append(AmountMatch(value, match.start(), match.end(), match.group(0), spelled=True))
    return sorted(found, key=lambda a: a.start)


@dataclass(frozen=True)
class SpanMatch:
    """A span of time: its text, offsets and seconds (None when vague)."""

    text: str
    start: int
    end: int
    seconds: int | None
    relative: bool = False


def _span_seconds(number: str, unit: str) -> int | None:
    number = " ".join(number.lower().split())
    unit = unit.lower().rstrip("s") or unit.lower()
    unit = {"sec": "sec", "min": "min", "hr": "hr"}.get(unit, unit)
    if number in {"a few", "several", "few", "a couple of", "couple of", "a matter of", "matter of"}:
        return None
    if number in {"a", "an", "a single", "one single"}:
        value: float | None = 1
    elif re.fullmatch(r"\d+(?:\.\d+)?", number):
        value = float(number)
    else:
        value = words_to_int(number)
    base = SECONDS.get(unit)
    if value is None or base is None:
        return None
    if value > MAX_SPAN_SECONDS:  # also "inf" from a number with hundreds of digits
        return SPAN_TOO_LONG
    return min(round(value * base), SPAN_TOO_LONG)


def find_spans(text: str) -> list[SpanMatch]:
    """Explicit and vague spans of time in a text, in order.

    Example:
        >>> [(s.text, s.seconds) for s in find_spans("lost 3000 followers in one minute overnight")]
        [('in one minute', 60), ('overnight', None)]
    """
    spans = []
    for match in SPAN_RE.finditer(text):
        mods = match.group("mods").lower().split()
        unit = match.group("unit").lower()
        if match.group("n") is None:
            # "in a day", "in the last week", "over the next hour": one unit, explicit.
            one = {"last", "past", "previous", "next", "following", "first", "initial"} & set(mods) or (mods and mods[-1] in {"a", "an", "single"})
            if not one or (unit.endswith("s") and unit not in {"hrs", "mins", "secs"}):
                continue
            seconds = _span_seconds("one", match.group("unit"))
        else:
            seconds = _span_seconds(match.group("n"), match.group("unit"))
        if match.group("prep").lower() == "for" and not ({"last", "past"} & set(mods)):
            continue
        relative = bool({"last", "past", "previous"} & set(mods))
        spans.append(SpanMatch(match.group(0), match.start(), match.end(), seconds, relative))
    for match in AGO_SPAN_RE.finditer(text):
        if not any(s.start <= match.start() < s.end for s in spans):
            seconds = _span_seconds(match.group("n"), match.group("unit"))
            spans.append(SpanMatch(match.group(0), match.start(), match.end(), seconds, True))
    for match in VAGUE_SPAN_RE.finditer(text):
        if not any(s.start <= match.start() < s.end for s in spans):
            spans.append(SpanMatch(match.group(0), match.start(), match.end(), None, True))
    return sorted(spans, key=lambda s: s.start)


def resolve_period(span_text: str | None, seconds: int | None, reference: date | None) -> tuple[date | None, date | None]:
    """Start and end dates of a span, resolved against the reference date.

    Example:
        >>> resolve_period("in the last 36 hours", 129600, date(2021, 6, 15))
        (datetime.date(2021, 6, 13), datetime.date(2021, 6, 15))
    """
    if reference is None or not span_text:
        return None, None
    try:
        return _resolve(" ".join(span_text.lower().split()), seconds, reference)
    except OverflowError:  # before 0001-01-01: the start is unknown
        return None, reference


def _resolve(text: str, seconds: int | None, reference: date) -> tuple[date | None, date | None]:
    if seconds is not None and seconds > MAX_SPAN_SECONDS:
        return None, reference
    if seconds is not None:
        days = seconds / 86_400
        return reference - timedelta(days=max(days, 0) if days == int(days) else int(days) + 1), reference
    if "overnight" in text or "last night" in text:
        return reference - timedelta(days=1), reference
    if "yesterday" in text:
        return reference - timedelta(days=1), reference - timedelta(days=1)
    if "today" in text or "this morning" in text or "hours" in text or "minutes" in text:
        return reference, reference
    monday = reference - timedelta(days=reference.weekday())
    if "this week" in text:
        return monday, reference
    if "last week" in text:
        return monday - timedelta(days=7), monday - timedelta(days=1)
    if "weekend" in text:
        saturday = reference - timedelta(days=(reference.weekday() - 5) % 7)
        return saturday, min(saturday + timedelta(days=1), reference)
    if "this month" in text:
        return reference.replace(day=1), reference
    if "last month" in text:
        last = reference.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if "days" in text or "weeks" in text:
        return None, reference
    return None, None
