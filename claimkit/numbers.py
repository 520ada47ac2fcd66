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
from functools import lru_cache

from claimkit.lexicon.numbers import (
    AGO_FILLERS_PATTERN,
    AGO_OPENERS_PATTERN,
    AMOUNT_ARTICLES_PATTERN,
    FOR_SPAN_MODIFIERS,
    FRACTION_SCALE_PATTERN,
    FRACTIONS,
    NOT_NUMBER_WORDS,
    ONE_SPAN_NUMBERS,
    ONE_UNIT_ARTICLES,
    ONE_UNIT_MODIFIERS,
    RELATIVE_MODIFIERS,
    SCALES,
    SECONDS,
    SPAN_MODIFIERS_PATTERN,
    SPAN_NUMBER_WORDS_PATTERN,
    SPAN_PREPOSITIONS_PATTERN,
    SUFFIX_PATTERN,
    SUFFIXES,
    TENS,
    UNIT_ABBREVIATIONS,
    UNIT_PATTERN,
    UNITS,
    VAGUE_SPAN_NUMBERS,
    VAGUE_SPAN_PATTERN,
)

#: More followers than that is not a claim (the world has about 10^10 people).
FOLLOWER_CEILING = 10**11
#: More removed accounts than that is not a claim.
ACCOUNT_CEILING = 10**12
#: Amounts are exact up to this; a larger one parses as `TOO_LARGE`.
AMOUNT_LIMIT = 10**15
TOO_LARGE = AMOUNT_LIMIT + 1
NUMBER_WORDS = sorted({*UNITS, *TENS, *SCALES} - NOT_NUMBER_WORDS, key=len, reverse=True)

#: Indian grouping: the last three digits, then pairs ("3,05,120", "12,40,000", "1,00,00,000").
_INDIAN_DIGITS = r"\d{1,2},(?:\d{2},)+\d{3}(?!\d)"
#: Not the end of a list of small numbers ("120, 340 and 560" is three numbers).
_NOT_A_LIST = r"(?![ \u00a0]*,?[ \u00a0]*(?:and|or|&)[ \u00a0]+\d{1,3}(?![\d,]))"
_GAP = r"[ \u00a0\u2009]"
#: Digit groups written with a space after a comma: one number, never its parts
#: ("3, 538, 228", "831, 971"; in Indian grouping "2, 84,746", "1, 51,509").
_SPACED_DIGITS = (
    rf"\d{{1,2}},{_GAP}?(?:\d{{2}},{_GAP}?)+\d{{3}}(?!\d){_NOT_A_LIST}"
    rf"|\d{{1,3}}(?:,\d{{3}})*(?:,{_GAP}\d{{3}})(?:,{_GAP}?\d{{3}})*(?!\d){_NOT_A_LIST}"
)
_DIGITS = rf"{_INDIAN_DIGITS}|{_SPACED_DIGITS}|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?"
#: A number written with digits, an optional scale word or letter and an optional "+" or "-plus".
DIGIT_AMOUNT_RE = re.compile(
    rf"(?<![\w.,$£€¥#/:])(?<![\w.,]-)(?P<num>{_DIGITS})(?:[ \t]?(?P<suffix>{SUFFIX_PATTERN}))?(?![\w])(?![/:.,]\d)"
    rf"(?P<plus>\+|-plus\b)?(?![\d])"
)
_WORD = "|".join(NUMBER_WORDS)
#: A number written in words: "two million", "twenty-five thousand", "a million", "half a million".
WORD_AMOUNT_RE = re.compile(
    rf"\b(?P<words>(?:{AMOUNT_ARTICLES_PATTERN}|{_WORD})(?:[\s-]+(?:and\s+)?(?:{_WORD}))*)\b",
    re.IGNORECASE,
)
_WHOLE = rf"\d+|(?:{_WORD})(?:[\s-]+(?:{_WORD}))*"
#: Fractions of a scale: "one and a half million", "a million and a half", "a quarter of a million",
#: "three-quarters of a million", "2 and a half lakh".
FRACTION_AMOUNT_RE = re.compile(
    rf"\b(?:(?P<whole>{_WHOLE}|an?)\s+and\s+an?\s+(?P<frac>half|quarter)\s+(?P<scale>{FRACTION_SCALE_PATTERN})"
    rf"|(?P<whole2>{_WHOLE}|an?)\s+(?P<scale2>{FRACTION_SCALE_PATTERN})\s+and\s+an?\s+(?P<frac2>half|quarter)"
    rf"|(?P<part>an?\s+quarter|three[\s-]+quarters)(?:\s+of)?\s+an?\s+(?P<scale3>{FRACTION_SCALE_PATTERN})"
    rf"|an?\s+quarter\s+(?P<scale4>{FRACTION_SCALE_PATTERN}))\b",
    re.IGNORECASE,
)

#: A change over more than 100 years is not a claim.
MAX_SPAN_SECONDS = 100 * SECONDS["year"]
#: Spans are exact up to `MAX_SPAN_SECONDS`; a longer one is given as this.
SPAN_TOO_LONG = MAX_SPAN_SECONDS + 1
_SPAN_NUMBER = rf"\d+(?:\.\d+)?|{_WORD}|{SPAN_NUMBER_WORDS_PATTERN}"
#: "in the last 36 hours", "in just 15 days", "within 24 hours", "over two days", "15days".
SPAN_RE = re.compile(
    rf"\b(?P<prep>{SPAN_PREPOSITIONS_PATTERN})\s+"
    rf"(?P<mods>(?:(?:{SPAN_MODIFIERS_PATTERN})\s+)*)"
    rf"(?P<n>{_SPAN_NUMBER})?\s*-?\s*(?P<unit>{UNIT_PATTERN})\b",
    re.IGNORECASE,
)
#: "lower than it was 36 hours ago", "since two days ago": a change over an explicit span.
AGO_SPAN_RE = re.compile(
    rf"\b(?:{AGO_OPENERS_PATTERN})\s+(?:(?:{AGO_FILLERS_PATTERN})\s+){{0,3}}"
    rf"(?P<n>\d+(?:\.\d+)?|{_WORD}|a|an)\s*(?P<unit>{UNIT_PATTERN})\s+ago\b",
    re.IGNORECASE,
)
#: Spans with no number: resolvable to dates, never a duration.
VAGUE_SPAN_RE = re.compile(VAGUE_SPAN_PATTERN, re.IGNORECASE)


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


def fraction_value(match: re.Match[str]) -> int | None:
    """The value of a `FRACTION_AMOUNT_RE` match ("one and a half million" → 1500000)."""
    scale = SCALES[(match.group("scale") or match.group("scale2") or match.group("scale3") or match.group("scale4")).lower()]
    part = match.group("part")
    if part is not None or match.group("scale4"):
        share = 0.75 if part and part.lower().startswith("three") else 0.25
        return round(share * scale)
    whole_text = (match.group("whole") or match.group("whole2")).lower()
    if whole_text in {"a", "an"}:
        whole: float | None = 1
    elif whole_text.isdigit():
        whole = int(whole_text)
    else:
        whole = words_to_int(whole_text)
    if whole is None:
        return None
    share = FRACTIONS[(match.group("frac") or match.group("frac2")).lower()]
    return round((whole + share) * scale)


def parse_amount(text: str) -> int | None:
    """An amount in any supported form, or None.

    Example:
        >>> [parse_amount(t) for t in ["80,000", "900000", "20M", "1.7 million", "3 million", "10,000+"]]
        [80000, 900000, 20000000, 1700000, 3000000, 10000]
        >>> [parse_amount(t) for t in ["12,40,000", "4 lakh", "one and a half million", "500-plus"]]
        [1240000, 400000, 1500000, 500]
    """
    text = text.strip().rstrip("+").strip()
    fraction = FRACTION_AMOUNT_RE.fullmatch(text)
    if fraction:
        return fraction_value(fraction)
    match = DIGIT_AMOUNT_RE.fullmatch(text)
    if match:
        digits = re.sub(r"[,\s\u00a0\u2009]", "", match.group("num"))
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


#: `find_amounts` keeps the results of this many recent texts: the relevance
#: filter and the claims stage read the same texts a chunk apart (a chunk is
#: 1,024 documents by default).
AMOUNT_MEMO_TEXTS = 1024
#: Texts longer than this are never kept, so the memo stays small.
AMOUNT_MEMO_MAX_CHARS = 20_000


def find_amounts(text: str) -> list[AmountMatch]:
    """Every amount in a text, digits and words, in order, without overlaps.

    The results of recent short texts are kept (`AMOUNT_MEMO_TEXTS`): the
    function is pure and its matches are frozen, so a kept result is the
    result.
    """
    if len(text) > AMOUNT_MEMO_MAX_CHARS:
        return _find_amounts(text)
    return list(_remembered_amounts(text))


@lru_cache(maxsize=AMOUNT_MEMO_TEXTS)
def _remembered_amounts(text: str) -> tuple[AmountMatch, ...]:
    return tuple(_find_amounts(text))


def _find_amounts(text: str) -> list[AmountMatch]:
    found = _fraction_amounts(text)
    for match in DIGIT_AMOUNT_RE.finditer(text):
        if any(a.start < match.end() and match.start() < a.end for a in found):
            continue
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


def _fraction_amounts(text: str) -> list[AmountMatch]:
    """The fractions of a scale in a text ("one and a half million"), read before digits and words."""
    found = []
    for match in FRACTION_AMOUNT_RE.finditer(text):
        value = fraction_value(match)
        if value is not None:
            found.append(AmountMatch(value, match.start(), match.end(), match.group(0), spelled=not match.group(0)[0].isdigit()))
    return found


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
    if number in VAGUE_SPAN_NUMBERS:
        return None
    if number in ONE_SPAN_NUMBERS:
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
            one = ONE_UNIT_MODIFIERS & set(mods) or (mods and mods[-1] in ONE_UNIT_ARTICLES)
            if not one or (unit.endswith("s") and unit not in UNIT_ABBREVIATIONS):
                continue
            seconds = _span_seconds("one", match.group("unit"))
        else:
            seconds = _span_seconds(match.group("n"), match.group("unit"))
        if match.group("prep").lower() == "for" and not (FOR_SPAN_MODIFIERS & set(mods)):
            continue
        relative = bool(RELATIVE_MODIFIERS & set(mods))
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
