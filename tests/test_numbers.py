"""Amount, span and date parsers (claimkit.numbers): pure functions, no model."""

from __future__ import annotations

from datetime import date

import pytest

from claimkit.numbers import find_amounts, find_spans, parse_amount, resolve_period, words_to_int


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("80,000", 80_000),
        ("900000", 900_000),
        ("20M", 20_000_000),
        ("80k", 80_000),
        ("2.2k", 2_200),
        ("1.7 million", 1_700_000),
        ("3 million", 3_000_000),
        ("4.3m", 4_300_000),
        ("12bn", 12_000_000_000),
        ("1.5 billion", 1_500_000_000),
        ("10,000+", 10_000),
        ("two million", 2_000_000),
        ("twenty-five thousand", 25_000),
        ("a million", 1_000_000),
        ("half a million", 500_000),
        ("five lakh", 500_000),
        ("1 crore", 10_000_000),
        ("one hundred and twenty", 120),
        # Indian grouping, lakh and crore
        ("3,05,120", 305_120),
        ("12,40,000", 1_240_000),
        ("1,00,00,000", 10_000_000),
        ("9 lakh", 900_000),
        ("1.2 crore", 12_000_000),
        ("two lakh", 200_000),
        ("2.5 lakhs", 250_000),
        # digit groups with a space after the comma
        ("4, 120, 950", 4_120_950),
        ("612, 408", 612_408),
        ("4, 27,310", 427_310),  # Indian grouping with a space
        # fractions of a scale, N-plus
        ("one and a half million", 1_500_000),
        ("2 and a half lakh", 250_000),
        ("a million and a half", 1_500_000),
        ("three-quarters of a million", 750_000),
        ("a quarter of a million", 250_000),
        ("500-plus", 500),
        ("2.3mn", 2_300_000),
        ("14K", 14_000),
    ],
)
def test_parse_amount(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["some", "a", "thousands", "millions", "", "many"])
def test_parse_amount_rejects_words_without_a_number(text):
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("two million", 2_000_000), ("seventy thousand", 70_000), ("a hundred", 100), ("an", None), ("million", None)],
)
def test_words_to_int(text, value):
    assert words_to_int(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("she lost 10,000+ followers", [("10,000", 10_000, True, False)]),
        ("about 1.2M gone", [("1.2M", 1_200_000, False, False)]),
        ("lost two million fans", [("two million", 2_000_000, False, True)]),
        ("thread 1/3 at 12:30", []),
        ("lost 500 and then 20k", [("500", 500, False, False), ("20k", 20_000, False, False)]),
        # the parts of a grouped number are never numbers of their own
        ("Vela lost 4, 120, 950 fans", [("4, 120, 950", 4_120_950, False, False)]),
        ("Oduya 2, 301, 077 and Maren 612, 408",
         [("2, 301, 077", 2_301_077, False, False), ("612, 408", 612_408, False, False)]),
        ("fell by 3,05,120", [("3,05,120", 305_120, False, False)]),
        # ... but a list stays a list
        ("scores of 120, 340 and 560", [("120", 120, False, False), ("340", 340, False, False), ("560", 560, False, False)]),
        ("in 2019, 300 accounts", [("2019", 2019, False, False), ("300", 300, False, False)]),
        ("a 10,000-plus drop", [("10,000", 10_000, True, False)]),
        ("nearly one and a half million fans", [("one and a half million", 1_500_000, False, True)]),
        ("a million and a half followers", [("a million and a half", 1_500_000, False, True)]),
    ],
)
def test_find_amounts(text, expected):
    found = [(a.text, a.value, a.plus, a.spelled) for a in find_amounts(text)]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "span", "seconds"),
    [
        ("lost 80,000 in the last 36 hours", "in the last 36 hours", 129_600),
        ("lost 3,000 in just 15 days", "in just 15 days", 1_296_000),
        ("lost 3,000 in one minute", "in one minute", 60),
        ("lost 350 in a day", "in a day", 86_400),
        ("lost 400 in 24 hours", "in 24 hours", 86_400),
        ("lost 400 within a single day", "within a single day", 86_400),
        ("lost 900 in the last week", "in the last week", 604_800),
        ("lost 900 over the past month", "over the past month", 2_592_000),
        ("lost 900 in a year", "in a year", 31_536_000),
        ("lost 900 over two days", "over two days", 172_800),
        ("got 150 back in the next hour", "in the next hour", 3_600),
        ("in those same two weeks", "in those same two weeks", 1_209_600),
        ("lost 900 in the space of 30 hours", "in the space of 30 hours", 108_000),
        ("lost 650 in the past day", "in the past day", 86_400),
        ("is 12,000 lower than it was 48 hours ago", "than it was 48 hours ago", 172_800),
    ],
)
def test_explicit_spans(text, span, seconds):
    spans = find_spans(text)
    assert [(s.text, s.seconds) for s in spans] == [(span, seconds)]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("lost 3,000 overnight", "overnight"),
        ("lost 3,000 this week", "this week"),
        ("lost 3,000 over the past few hours", "over the past few hours"),
        ("lost 3,000 between Wednesday and Friday", "between Wednesday and Friday"),
        ("down 75 since yesterday", "since yesterday"),
        ("lost 3,000 in recent days", "in recent days"),
        ("lost 120 in the first few days", "in the first few days"),
    ],
)
def test_vague_spans_have_no_duration(text, span):
    spans = find_spans(text)
    assert [(s.text, s.seconds) for s in spans] == [(span, None)]


def test_for_without_last_is_not_a_span():
    assert find_spans("she has been on the site for 12 years") == []


@pytest.mark.parametrize(
    ("span", "seconds", "start", "end"),
    [
        ("in the last 36 hours", 129_600, date(2021, 6, 13), date(2021, 6, 15)),
        ("in a day", 86_400, date(2021, 6, 14), date(2021, 6, 15)),
        ("in the last week", 604_800, date(2021, 6, 8), date(2021, 6, 15)),
        ("overnight", None, date(2021, 6, 14), date(2021, 6, 15)),
        ("yesterday", None, date(2021, 6, 14), date(2021, 6, 14)),
        ("this morning", None, date(2021, 6, 15), date(2021, 6, 15)),
        ("this week", None, date(2021, 6, 14), date(2021, 6, 15)),  # 2021-06-15 is a Tuesday
        ("last week", None, date(2021, 6, 7), date(2021, 6, 13)),
        ("last month", None, date(2021, 5, 1), date(2021, 5, 31)),
        ("between Wednesday and Friday", None, None, None),
    ],
)
def test_resolve_period(span, seconds, start, end):
    assert resolve_period(span, seconds, date(2021, 6, 15)) == (start, end)


def test_resolve_period_without_reference_date():
    assert resolve_period("overnight", None, None) == (None, None)


# --------------------------------------------------------------------------- bounds (no OverflowError)

from claimkit.numbers import (  # noqa: E402
    ACCOUNT_CEILING,
    AMOUNT_LIMIT,
    FOLLOWER_CEILING,
    MAX_SPAN_SECONDS,
    SPAN_TOO_LONG,
    TOO_LARGE,
    amount_ceiling,
    out_of_bounds,
)

HUGE = "1" * 400


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (HUGE, TOO_LARGE),
        ("9" * 16, TOO_LARGE),
        ("9" * 5000 + "k", TOO_LARGE),
        ("100000000000000000000", TOO_LARGE),
        ("999,999,999,999,999,999,999 million", TOO_LARGE),
        ("1" + "0" * 15, AMOUNT_LIMIT),
        ("0" * 30 + "5", 5),
        ("5." + "0" * 600 + "1", 5),
        (" ".join(["one"] + ["hundred"] * 40), TOO_LARGE),
        ("999999 billion", 999_999_000_000_000),
        ("9999999 billion", TOO_LARGE),
    ],
)
def test_parse_amount_saturates_instead_of_overflowing(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize(
    "text",
    [
        f"lost {HUGE} followers in the last {'9' * 400} hours",
        "in 100000000000000000000 weeks",
        f"over {'9' * 320}.5 years",
        f"than it was {'7' * 500} days ago",
    ],
)
def test_huge_numbers_in_text_never_raise(text):
    amounts = find_amounts(text)
    spans = find_spans(text)
    assert all(0 <= a.value <= TOO_LARGE for a in amounts)
    assert spans and all(s.seconds == SPAN_TOO_LONG for s in spans)
    for s in spans:
        assert resolve_period(s.text, s.seconds, date(2021, 6, 15)) == (None, date(2021, 6, 15))


@pytest.mark.parametrize(
    ("span", "seconds", "reference", "expected"),
    [
        ("in the last 100 years", MAX_SPAN_SECONDS, date(150, 1, 1), (date(50, 1, 25), date(150, 1, 1))),
        ("in the last 100 years", MAX_SPAN_SECONDS, date(50, 1, 1), (None, date(50, 1, 1))),
        ("yesterday", None, date(1, 1, 1), (None, date(1, 1, 1))),
        ("last week", None, date(1, 1, 3), (None, date(1, 1, 3))),
        ("in 3 days", SPAN_TOO_LONG * 10**6, date(2020, 1, 1), (None, date(2020, 1, 1))),
    ],
)
def test_resolve_period_near_the_calendars_start_or_past_the_bound(span, seconds, reference, expected):
    assert resolve_period(span, seconds, reference) == expected


@pytest.mark.parametrize(
    ("kind", "amounts", "seconds", "reason"),
    [
        ("follower_loss", [FOLLOWER_CEILING], 3600, None),
        ("follower_loss", [FOLLOWER_CEILING + 1], None, "ceiling of 100,000,000,000 followers"),
        ("follower_gain", [None, TOO_LARGE], None, "followers"),
        ("accounts_removed", [FOLLOWER_CEILING + 1], None, None),
        ("accounts_removed", [ACCOUNT_CEILING + 1], None, "ceiling of 1,000,000,000,000 accounts"),
        ("follower_loss", [500], MAX_SPAN_SECONDS, None),
        ("follower_loss", [500], SPAN_TOO_LONG, "over 100 years"),
        ("follower_loss", [None], None, None),
    ],
)
def test_out_of_bounds(kind, amounts, seconds, reason):
    found = out_of_bounds(kind, amounts, seconds)
    assert (found is None) == (reason is None)
    if reason:
        assert reason in found
    assert amount_ceiling(kind) == (ACCOUNT_CEILING if kind == "accounts_removed" else FOLLOWER_CEILING)


def test_remembered_amounts_are_fresh_lists_and_the_memo_stays_bounded():
    from claimkit.numbers import AMOUNT_MEMO_MAX_CHARS, AMOUNT_MEMO_TEXTS, _remembered_amounts

    first = find_amounts("She lost 5,000 followers and two million views.")
    first.clear()
    assert [a.value for a in find_amounts("She lost 5,000 followers and two million views.")] == [5000, 2000000]
    for n in range(AMOUNT_MEMO_TEXTS + 10):
        find_amounts(f"post {n} lost {n} followers")
    assert _remembered_amounts.cache_info().currsize == AMOUNT_MEMO_TEXTS
    _remembered_amounts.cache_clear()
    long_text = "lost 12 followers. " + "x" * AMOUNT_MEMO_MAX_CHARS
    assert [a.value for a in find_amounts(long_text)] == [12]
    assert _remembered_amounts.cache_info().currsize == 0
