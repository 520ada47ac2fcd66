"""Claims on the patterns of real news language (issue 8), on sentences the team wrote.

Every sentence here is the team's own: names, handles and figures are
invented, modelled on the shapes real reporting takes (ranked lists, Indian
digit grouping and lakh, coordinated subjects, handles, nicknames, platform
nominals). Each row is (text, the claims expected as (kind, subject, amount),
and optionally the qualifier of each). A claim list is complete: a claim not
listed is a false positive, so the rows test precision as well as recall.
"""

from __future__ import annotations

import pytest

from claimkit.names import names_match

LOSS, GAIN, REMOVED = "follower_loss", "follower_gain", "accounts_removed"

# (id, text, [(kind, subject, amount)])
ROWS = [
    # ---------------------------------------------------------------- lists and coordination
    (
        "ranked-list-lines",
        "The stars who lost the most page likes on Facebook\n\n"
        "Analytics firm PageHound tracked 40,000 pages since the clean-up began.\n\n"
        "1. Dara Moss: -2,114,300 (4.1% of likes)\n"
        "2. Velo Kids: -1,908,112 (3.2% of likes)\n"
        "3. Ostin Grey: -1,200,450 (5.0% of likes)\n",
        [(LOSS, "Dara Moss", 2_114_300), (LOSS, "Velo Kids", 1_908_112), (LOSS, "Ostin Grey", 1_200_450)],
    ),
    (
        "dash-list-with-titles",
        "Ministers lose Twitter followers as the site removes locked accounts.\n\n"
        "Other politicians who lost followers are as follows:\n\n"
        "-Transport Minister Ravi Sen - 52,318\n\n"
        "-Opposition leader Mira Kaul- 18,440\n",
        [(LOSS, "Ravi Sen", 52_318), (LOSS, "Mira Kaul", 18_440)],
    ),
    (
        "all-lost-coordination",
        "Twitter removed locked accounts this week. Nora Vance, Eli Brandt, and Suki Tan all lost "
        "3 million followers, as well.",
        [(LOSS, "Nora Vance", 3_000_000), (LOSS, "Eli Brandt", 3_000_000), (LOSS, "Suki Tan", 3_000_000)],
    ),
    (
        "relative-clause-on-coordinated-names",
        "Instagram deleted spam accounts overnight. Other stars whose follower count fell were singers "
        "Joss Reyes and Ka$h Lane, who lost 1.2 million followers.",
        [(LOSS, "Joss Reyes", 1_200_000), (LOSS, "Ka$h Lane", 1_200_000)],
    ),
    (
        "each-with-and-others",
        "In June, Tomas Quill, rapper Zedd Oyelaran, and others lost more than 2 million Instagram "
        "followers each in a mass cleanup.",
        [(LOSS, "Tomas Quill", 2_000_000), (LOSS, "Zedd Oyelaran", 2_000_000)],
    ),
    (
        "and-others-mid-sentence",
        "Facebook has slashed page likes before — in December, Sam Okoro, rapper Zeff, and others "
        "lost more than 3 million Instagram followers each in a mass cleanup.",
        [(LOSS, "Sam Okoro", 3_000_000), (LOSS, "Zeff", 3_000_000)],
    ),
    (
        "and-others-at-sentence-start",
        "Instagram deleted spam accounts. Tomas Quill, rapper Zedd Oyelaran, and others lost more than "
        "2 million followers each.",
        [(LOSS, "Tomas Quill", 2_000_000), (LOSS, "Zedd Oyelaran", 2_000_000)],
    ),
    (
        "respectively-pairs",
        "Data tracker CountWatch showed that Ines Marr and singer Bo Link lost over 1,52,300 and "
        "98,410 followers in the last 30 days.",
        [(LOSS, "Ines Marr", 152_300), (LOSS, "Bo Link", 98_410)],
    ),
    (
        "conjoined-clauses",
        "Instagram blamed a bug. According to her figures, Lia Stone lost roughly 1.5 million followers, "
        "Cam Odell lost 700,000 and even Ray Blum lost 320,000.",
        [(LOSS, "Lia Stone", 1_500_000), (LOSS, "Cam Odell", 700_000), (LOSS, "Ray Blum", 320_000)],
    ),
    (
        "names-after-a-source-clause",
        "Instagram purged spam accounts. According to the designer Pim Adler, who posted a chart of the "
        "biggest drops on Instagram, Kai Dorn lost 2, 455, 310 followers for a 12% drop, Mina Falk lost "
        "1, 300, 963 for a 5% drop and Lio Brandt lost 310, 506 for a 2% drop.",
        [(LOSS, "Kai Dorn", 2_455_310), (LOSS, "Mina Falk", 1_300_963), (LOSS, "Lio Brandt", 310_506)],
    ),
    # ---------------------------------------------------------------- number forms
    (
        "spaced-digit-groups",
        "Instagram purged fake accounts. Kai Dorn lost 2, 455, 310 followers for a 12% drop and "
        "Mina Falk lost 904, 127 for a 3% drop.",
        [(LOSS, "Kai Dorn", 2_455_310), (LOSS, "Mina Falk", 904_127)],
    ),
    (
        "lakh",
        "Twitter's clean-up hit film stars. Actor Dev Sarin lost more than 6 lakh followers while "
        "singer Asha Kulkarni lost 2.5 lakh.",
        [(LOSS, "Dev Sarin", 600_000), (LOSS, "Asha Kulkarni", 250_000)],
    ),
    (
        "indian-grouping-subscribers",
        "YouTube removed spam subscriptions. After that, Gamer Jun lost 35,000 subscribers, but "
        "Nova-Beats ended up losing 3,00,000 subscribers.",
        [(LOSS, "Gamer Jun", 35_000), (LOSS, "Nova-Beats", 300_000)],
    ),
    (
        "n-plus-and-fractions",
        "Twitter removed locked accounts. Jo Park lost 10,000-plus followers overnight, and Lyle Grant "
        "lost one and a half million.",
        [(LOSS, "Jo Park", 10_000), (LOSS, "Lyle Grant", 1_500_000)],
    ),
    # ---------------------------------------------------------------- subjects
    (
        "handle-not-platform",
        "Twitter locked thousands of accounts. \"We will not be silenced on Twitter!\" wrote "
        "@MapleRoadie, who said he lost 2,700 followers by Tuesday morning.",
        [(LOSS, "MapleRoadie", 2_700)],
    ),
    (
        "pronoun-not-platform",
        "Omar Reyes wrote to the CEO of Twitter about his shrinking audience. In March alone, he lost "
        "31,207 followers.",
        [(LOSS, "Omar Reyes", 31_207)],
    ),
    (
        "executive-of-the-platform",
        "Lena Fisk, head of product at Twitter, said on Friday that she lost 90,000 followers after "
        "Twitter removed locked accounts.",
        [(LOSS, "Lena Fisk", 90_000)],
    ),
    (
        "nominal-pointing-back",
        "Chief Minister Arun Vale and Opposition Leader Sita Rao lost thousands of Twitter followers. "
        "The Opposition Leader, on the other hand, lost 21,406 followers.",
        [(LOSS, "Sita Rao", 21_406)],
    ),
    (
        "surname-then-pronoun",
        "Singers Tom Hart, Joe Linn and Alia Verma took the biggest hit. Closer to home, it is bad news "
        "for Verma senior. From 2,100,000, her count came down to 1,950,000 – she lost around "
        "150,000 followers.",
        [(LOSS, "Alia Verma", 150_000)],
    ),
    (
        "nicknames-and-initials",
        "Actors Rohan Mehra and Kabir Dev Khanna are among the most followed on Twitter. According to "
        "reports, Big M has lost more than 5 lakh followers while KDK has lost more than 2 lakh "
        "followers.",
        [(LOSS, "Rohan Mehra", 500_000), (LOSS, "Kabir Dev Khanna", 200_000)],
    ),
    (
        "possessive-handle",
        "Minister Arun Vale's personal Twitter handle lost 1,12,000 followers in the sweep.",
        [(LOSS, "Arun Vale", 112_000)],
    ),
    (
        "parent-company-apposition",
        "Instagram's parent company Facebook has removed 754 million fake accounts in the past quarter "
        "alone.",
        [(REMOVED, "Facebook", 754_000_000)],
    ),
    (
        "names-buried-in-a-list-subject",
        "YouTube removed spam subscribers. Data tracker Statly revealed that Dorsa and Canadian singer "
        "Remy Vance lost over 1,20,500 and 88,300 followers in the last 30 days.",
        [(LOSS, "Dorsa", 120_500), (LOSS, "Remy Vance", 88_300)],
    ),
    (
        "hyphenated-channel",
        "YouTube deleted spam subscriptions. Rival channel K-Tunes lost 40,000 subscribers. Because "
        "M-Wave ended up losing 2,00,000 subscribers, K-Tunes took the crown.",
        [(LOSS, "K-Tunes", 40_000), (LOSS, "M-Wave", 200_000)],
    ),
    (
        "nickname-of-initials-only-in-text",
        "Superstars like Tara Vohra, Dev Prakash Raina and Imran Sethi lost followers. According to "
        "reports, DPR has lost more than 3 lakh followers.",
        [(LOSS, "Dev Prakash Raina", 300_000)],
    ),
    # ---------------------------------------------------------------- kinds
    (
        "people-who-followed-increased",
        "Opposition MP Lata Ghosh kept losing followers. During this time, the number of people who "
        "followed Chief Minister Dev Rao on Twitter increased by almost 20 lakh.",
        [(GAIN, "Dev Rao", 2_000_000)],
    ),
    (
        "purchased-followers-gain",
        "Twitter's purge exposed fake followers. Investigators found that the singer Rhea Lind bought "
        "roughly 400,000 of her followers.",
        [(GAIN, "Rhea Lind", 400_000)],
    ),
    (
        "page-likes-loss",
        "Facebook removed likes from memorialized accounts. Orchid Lane's page lost 120,000 likes.",
        [(LOSS, "Orchid Lane", 120_000)],
    ),
    # ---------------------------------------------------------------- not claims
    (
        "two-totals-with-adjective",
        "X purged bots. Mara Quinn saw her follower count plummet from a robust 4.1 million to around "
        "3.6 million.",
        [],
    ),
    (
        "year-abbreviation-in-headline",
        "Facebook Closed 410M Fake Accounts in Q3'19\n\nFacebook said it shut down 410 million fake "
        "accounts in the quarter.",
        [(REMOVED, "Facebook", 410_000_000)],
    ),
    (
        "no-single-account-holder",
        "Athletes are among those who have lost followers on Twitter as over a million followers have "
        "vanished from accounts belonging to dozens of prominent users, The Daily Ledger reported.",
        [],
    ),
    (
        "cut-off-last-sentence",
        "Twitter removed locked accounts. Nina Rowe lost 45,000 followers, while the site's founder "
        "shared he lost",
        [(LOSS, "Nina Rowe", 45_000)],
    ),
]


def _claims(analyzer, text):
    result = analyzer.analyze(text, published="2020-01-15")
    return [(c.kind, c.subject, c.amount) for c in result.claims if c.amount is not None]


def _matches(found, expected) -> bool:
    kind, subject, amount = found
    return kind == expected[0] and amount == expected[2] and names_match(subject, expected[1])


@pytest.mark.parametrize(("text", "expected"), [row[1:] for row in ROWS], ids=[row[0] for row in ROWS])
def test_news_pattern_claims(analyzer, text, expected):
    found = _claims(analyzer, text)
    missing = [e for e in expected if not any(_matches(f, e) for f in found)]
    spurious = [f for f in found if not any(_matches(f, e) for e in expected)]
    assert (missing, spurious) == ([], [])


@pytest.mark.parametrize(
    ("text", "qualifiers"),
    [
        ("Twitter removed locked accounts. Jo Park lost 10,000-plus followers overnight.", ["over"]),
        ("Twitter's clean-up hit film stars. Actor Dev Sarin lost more than 6 lakh followers.", ["over"]),
        ("Instagram blamed a bug. Lia Stone lost roughly 1.5 million followers, Cam Odell lost 700,000.",
         ["approx", "exact"]),
    ],
)
def test_news_pattern_qualifiers(analyzer, text, qualifiers):
    result = analyzer.analyze(text)
    assert [c.qualifier for c in result.claims] == qualifiers


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        # the totals of a two-total change do not take the span from the change stated beside them
        ("X purged bots. Mara Quinn's count went from a robust 4.1 million to around 3.5 million in a "
         "single day, a loss of roughly six lakh followers.", 86_400),
    ],
)
def test_news_pattern_durations(analyzer, text, seconds):
    result = analyzer.analyze(text)
    assert [(c.amount, c.duration_seconds) for c in result.claims] == [(600_000, seconds)]
