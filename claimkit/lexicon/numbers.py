"""Number words, scale words and the words of spans of time (data for `claimkit.numbers`).

The dicts map a word to its value. The `*_PATTERN` entries are regex
alternations (source strings, no enclosing group) that `claimkit.numbers`
puts into its amount and span regexes, matched case-insensitively unless
the entry says otherwise. The sets are lower case.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- amounts

#: Number words below twenty, with the articles and "single" that count as one ("a million").
UNITS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
#: Tens ("twenty-five").
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
#: Scale words of a spelled-out number ("two million", "4 lakh").
SCALES = {"hundred": 100, "thousand": 1_000, "lakh": 100_000, "million": 1_000_000, "crore": 10_000_000, "billion": 1_000_000_000, "trillion": 10**12}
#: Scale words and letters after digits ("80k", "1.7 million", "12 crores"), lower case.
SUFFIXES = {
    "k": 1_000, "thousand": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000,
    "mil": 1_000_000, "million": 1_000_000, "millions": 1_000_000, "b": 1_000_000_000,
    "bn": 1_000_000_000, "billion": 1_000_000_000, "lakh": 100_000, "lakhs": 100_000,
    "crore": 10_000_000, "crores": 10_000_000, "trillion": 10**12,
}
#: Units that are no number word on their own: "a", "an", "single" count only before a
#: scale ("a million"), "zero" is no amount.
NOT_NUMBER_WORDS = frozenset({"a", "an", "single", "zero"})
#: The same suffixes as a regex, case-sensitive: "m" and "M" are millions, "B" billions.
SUFFIX_PATTERN = r"k|K|m|M|mn|mln|mil|million|millions|bn|b|B|billion|trillion|thousand|lakhs?|crores?"
#: Words that start a spelled amount before any number word ("a million", "half a million").
AMOUNT_ARTICLES_PATTERN = r"half\s+a|a|an"
#: Scale words a fraction is taken of ("one and a half million", "a quarter of a million").
FRACTION_SCALE_PATTERN = r"thousand|million|billion|lakh|crore"
#: Fractions of a scale and their share.
FRACTIONS = {"half": 0.5, "quarter": 0.25}

# --------------------------------------------------------------------------- spans of time

#: Units of time and their length in seconds (a month is 30 days, a year 365).
SECONDS = {
    "second": 1, "sec": 1, "minute": 60, "min": 60, "hour": 3600, "hr": 3600,
    "day": 86_400, "week": 604_800, "fortnight": 1_209_600, "month": 2_592_000,
    "year": 31_536_000,
}
#: The same units as a regex, singular and plural ("36 hours", "15days").
UNIT_PATTERN = r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|months?|years?"
#: Words for the number of units besides digits and number words ("a couple of days", "a few hours").
SPAN_NUMBER_WORDS_PATTERN = (
    r"a|an|a\s+single|one\s+single|a\s+couple\s+of|a\s+few|several|few|couple\s+of|a\s+matter\s+of|matter\s+of"
)
#: Of those, the ones that give no exact number (the span is vague).
VAGUE_SPAN_NUMBERS = frozenset({"a few", "several", "few", "a couple of", "couple of", "a matter of", "matter of"})
#: Of those, the ones that mean one unit ("in a single day").
ONE_SPAN_NUMBERS = frozenset({"a", "an", "a single", "one single"})
#: Prepositions that open a span ("in the last 36 hours", "within 24 hours", "over two days").
SPAN_PREPOSITIONS_PATTERN = r"in|over|within|during|across|inside|for|under"
#: Words between the preposition and the number ("in just 15 days", "over the course of a week").
SPAN_MODIFIERS_PATTERN = (
    r"just|only|about|around|roughly|less\s+than|under|barely|the|a|an|last|past|first|previous|"
    r"next|following|those|these|same|initial|span\s+of|space\s+of|course\s+of|mere|short|single"
)
#: Modifiers that make a span with no number one unit ("in the last week", "over the next hour").
ONE_UNIT_MODIFIERS = frozenset({"last", "past", "previous", "next", "following", "first", "initial"})
#: Last modifiers that make a span with no number one unit ("in a day", "in a single hour").
ONE_UNIT_ARTICLES = frozenset({"a", "an", "single"})
#: Unit abbreviations whose "s" makes no plural: a span with no number may end in them
#: ("in the last hrs"), never in a plural unit ("in the last days").
UNIT_ABBREVIATIONS = frozenset({"hrs", "mins", "secs"})
#: Modifiers that make a "for" phrase a span of change ("for the last 3 days", not "for 3 days").
FOR_SPAN_MODIFIERS = frozenset({"last", "past"})
#: Modifiers that make a span end now (a relative span: "in the past 24 hours").
RELATIVE_MODIFIERS = frozenset({"last", "past", "previous"})
#: Words that open a span counted back from now ("lower than it was 36 hours ago").
AGO_OPENERS_PATTERN = r"than|since|compared\s+(?:with|to)"
#: Words that may stand between the opener and the number ("than it was 36 hours ago").
AGO_FILLERS_PATTERN = r"it|they|he|she|i|we|there|was|were|had|did|is|stood|the\s+count|my\s+count"
#: Spans with no number: resolvable to dates, never a duration (a whole regex).
VAGUE_SPAN_PATTERN = (
    r"\b(?:overnight|last\s+night|yesterday|today|this\s+morning|this\s+week|last\s+week|"
    r"this\s+month|last\s+month|this\s+weekend|over\s+the\s+weekend|last\s+weekend|"
    r"in\s+recent\s+(?:days|weeks|hours)|(?:in|over)\s+the\s+(?:past|last)\s+(?:few|several|couple\s+of)\s+\w+|"
    r"the\s+(?:past|last)\s+(?:few|several|couple\s+of)\s+(?:hours|days|weeks|months)|"
    r"within\s+(?:hours|minutes|days)|in\s+(?:hours|minutes|days)|in\s+a\s+matter\s+of\s+\w+|"
    r"since\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last\s+\w+)|"
    r"between\s+\w+\s+and\s+\w+day)\b"
)
