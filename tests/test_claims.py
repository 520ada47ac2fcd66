"""Claim extraction (claimkit.claims) on sentences the team wrote.

Each table row is one short text run through the whole pipeline (the claims
need the statements attribution finds), and the claims it must (or must not)
yield. The `analyzer` fixture loads the spaCy model once per session.
"""

from __future__ import annotations

import pytest

from claimkit.claims import ClaimMention, merge_mentions, qualifier_of
from claimkit.types import Statement

PUBLISHED = "2024-04-05"


def claims_of(analyzer, text, published=PUBLISHED):
    return analyzer.analyze(text, published=published).claims


def summary(claims):
    return [(c.kind, c.subject, c.amount) for c in claims]


# --------------------------------------------------------------------------- amounts


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Marcus Webb lost 80,000 followers on Tuesday.", 80_000),
        ("Marcus Webb lost 900000 followers on Tuesday.", 900_000),
        ("Marcus Webb lost 20M followers on Tuesday.", 20_000_000),
        ("Marcus Webb lost 80k followers on Tuesday.", 80_000),
        ("Marcus Webb lost 1.7 million followers on Tuesday.", 1_700_000),
        ("Marcus Webb lost two million followers on Tuesday.", 2_000_000),
        ("Marcus Webb lost 10,000+ followers on Tuesday.", 10_000),
        ("Marcus Webb lost 3.5m subscribers on Tuesday.", 3_500_000),
    ],
)
def test_amount_forms(analyzer, text, amount):
    assert summary(claims_of(analyzer, text)) == [("follower_loss", "Marcus Webb", amount)]


# --------------------------------------------------------------------------- qualifiers


@pytest.mark.parametrize(
    ("words", "qualifier"),
    [
        ("lost 5,000", "exact"),
        ("lost about 5,000", "approx"),
        ("lost around 5,000", "approx"),
        ("lost roughly 5,000", "approx"),
        ("lost some 5,000", "approx"),
        ("reportedly lost 5,000", "approx"),
        ("lost ~5,000", "approx"),
        ("lost more than 5,000", "over"),
        ("lost over 5,000", "over"),
        ("lost at least 5,000", "over"),
        ("lost upwards of 5,000", "over"),
        ("lost 5,000+", "over"),
        ("lost close to 5,000", "under"),
        ("lost almost 5,000", "under"),
        ("lost nearly 5,000", "under"),
        ("lost up to 5,000", "under"),
        ("lost fewer than 5,000", "under"),
        ("lost less than 5,000", "under"),
        ("lost under 5,000", "under"),
    ],
)
def test_qualifiers(analyzer, words, qualifier):
    found = claims_of(analyzer, f"Dana Whitfield {words} followers last night.")
    assert [(c.amount, c.qualifier) for c in found] == [(5_000, qualifier)]


@pytest.mark.parametrize(
    ("text", "number", "qualifier"),
    [
        ("lost 2 million or so followers", "2 million", "approx"),
        ("lost 40,000 or more followers", "40,000", "over"),
        ("lost nearly 80,000", "80,000", "under"),
        ("lost well over 80,000", "80,000", "over"),
        ("(~80,000 gone)", "80,000", "approx"),
        ("lost 80,000 followers", "80,000", "exact"),
        ("I woke up to 12,000 fewer followers", "12,000", "exact"),
        ("we removed up to 12,000 accounts", "12,000", "under"),
    ],
)
def test_qualifier_of(text, number, qualifier):
    start = text.index(number)
    assert qualifier_of(text, start, start + len(number)) == qualifier


# --------------------------------------------------------------------------- spans of time


@pytest.mark.parametrize(
    ("span", "seconds"),
    [
        ("in the last 36 hours", 129_600),
        ("in just 15 days", 1_296_000),
        ("in one minute", 60),
        ("in a day", 86_400),
        ("in 24 hours", 86_400),
        ("in the last week", 604_800),
        ("over two days", 172_800),
        ("in a month", 2_592_000),
        ("overnight", None),
        ("this week", None),
        ("over the past few hours", None),
        ("between Wednesday and Friday", None),
    ],
)
def test_durations(analyzer, span, seconds):
    (claim,) = claims_of(analyzer, f"Dana Whitfield lost 5,000 followers {span}.")
    assert claim.duration_seconds == seconds
    assert claim.period_text == span


def test_vague_span_resolves_dates_against_publication(analyzer):
    (claim,) = claims_of(analyzer, "Dana Whitfield lost 5,000 followers overnight.", published="2024-04-05")
    assert (claim.start_date, claim.end_date) == ("2024-04-04", "2024-04-05")


def test_relative_span_resolves_dates_against_publication(analyzer):
    (claim,) = claims_of(analyzer, "Dana Whitfield lost 5,000 followers in the last 36 hours.", published="2024-04-05")
    assert (claim.start_date, claim.end_date) == ("2024-04-03", "2024-04-05")


def test_span_resolves_against_the_post_date(analyzer):
    text = "Lost 700 followers overnight, no idea why. — Priya Nair (@priyanair) March 2, 2023"
    (claim,) = claims_of(analyzer, text, published="2023-03-09")
    assert (claim.start_date, claim.end_date) == ("2023-03-01", "2023-03-02")


def test_a_span_after_another_number_is_not_this_ones(analyzer):
    text = (
        "Meta said it disabled 800 million fake accounts in the spring. "
        "That compares with 600 million in the winter, meaning it disabled more than 1.4 billion in six months."
    )
    found = {c.amount: c.duration_seconds for c in claims_of(analyzer, text)}
    assert found[600_000_000] is None
    assert found[1_400_000_000] == 15_552_000


# --------------------------------------------------------------------------- kinds


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Marcus Webb gained 12,000 followers after the debate.", ("follower_gain", "Marcus Webb", 12_000)),
        ("Marcus Webb regained 3,000 followers by Friday.", ("follower_gain", "Marcus Webb", 3_000)),
        ("Marcus Webb recovered about 3,000 followers by Friday.", ("follower_gain", "Marcus Webb", 3_000)),
        ("Marcus Webb added 145,000 subscribers on the same day.", ("follower_gain", "Marcus Webb", 145_000)),
        ("Twitter suspended 45,000 accounts linked to the campaign.", ("accounts_removed", "Twitter", 45_000)),
        ("X removed around 2.4 million bots last month.", ("accounts_removed", "X", 2_400_000)),
        ("Instagram deleted 2 million fake accounts in a week.", ("accounts_removed", "Instagram", 2_000_000)),
        ("YouTube took down 1.2 million channels between April and June.", ("accounts_removed", "YouTube", 1_200_000)),
        ("Twitter locked 50,000 suspicious accounts on Tuesday.", ("accounts_removed", "Twitter", 50_000)),
        ("Twitter challenged 8.5 million accounts a week.", ("accounts_removed", "Twitter", 8_500_000)),
        ("TikTok removed 40 million fake followers in the quarter.", ("accounts_removed", "TikTok", 40_000_000)),
    ],
)
def test_claim_kinds(analyzer, text, expected):
    assert summary(claims_of(analyzer, text)) == [expected]


def test_platform_removing_followers_and_likes(analyzer):
    text = "We removed 90 million likes and 35 million followers created by inauthentic apps."
    analysis = analyzer.analyze(text + " — TikTok Safety (@tiktoksafety) May 3, 2023", published="2023-05-03")
    assert summary(analysis.claims) == [("accounts_removed", "TikTok", 35_000_000)]


# --------------------------------------------------------------------------- subjects


@pytest.mark.parametrize(
    ("post", "kind", "amount"),
    [
        ("I just lost 2,500 followers in one minute.", "follower_loss", 2_500),
        ("Lost 2.3k followers in the last 24 hours. Not complaining.", "follower_loss", 2_300),
        ("Down 6,500 subscribers in two days. Odd.", "follower_loss", 6_500),
        ("Woke up 1,250 followers lighter this morning.", "follower_loss", 1_250),
        ("Is everyone losing followers? I'm nearly 450 down today.", "follower_loss", 450),
        ("Said goodbye to 75 followers this morning, every one a bot.", "follower_loss", 75),
        ("My subscriber count is 12,000 lower than it was 48 hours ago!", "follower_loss", 12_000),
        ("Over the past ten days more than 45000 people have disappeared from my follower list!", "follower_loss", 45_000),
        ("Club pages are losing followers. Ours lost around 3,200 this week as well.", "follower_loss", 3_200),
        ("Good news: I've gained 150 new followers in a week.", "follower_gain", 150),
        ("The 95 subscribers I lost in the purge are back.", "follower_gain", 95),
        ("Honest moment: I bought 5,000 followers back in 2019.", "follower_gain", 5_000),
    ],
)
def test_first_person_posts_take_the_author_as_subject(analyzer, post, kind, amount):
    text = f"{post} — Jo Reed (@joreed) February 21, 2018"
    found = [c for c in claims_of(analyzer, text, published="2018-02-21") if c.kind == kind]
    assert [(c.subject, c.amount, c.source_role) for c in found] == [("Jo Reed", amount, "affected")]


def test_reply_in_a_thread_takes_its_author_as_subject(analyzer):
    text = (
        "Purge update: 4.2k followers gone since Tuesday night. — Dee Carter (@deecarter) July 13, 2018\n\n"
        "@deecarter Same, lost 800 here. — Sam Ng (@samng) July 13, 2018"
    )
    found = claims_of(analyzer, text, published="2018-07-13")
    assert [(c.subject, c.amount, c.source_role) for c in found] == [("Dee Carter", 4_200, "affected"), ("Sam Ng", 800, "affected")]


def test_recovered_followers_also_state_the_loss(analyzer):
    text = "Small update: the 95 subs I lost in the cleanup are back, in just 9 days. — Jo Reed (@joreed) May 1, 2019"
    found = sorted((c.kind, c.amount, c.duration_seconds) for c in claims_of(analyzer, text, published="2019-05-01"))
    assert found == [("follower_gain", 95, 777_600), ("follower_loss", 95, None)]


@pytest.mark.parametrize(
    ("text", "subject", "amount"),
    [
        ("Singh's 450k drop probably comes from the same sweep.", "Singh", 450_000),
        ("Priya Singh's fall of roughly 450k is part of the same sweep.", "Priya Singh", 450_000),
        ("The tracker put Adele's loss at about 1.3 million.", "Adele", 1_300_000),
        ("Analysts put Harry Styles down about 1.1 million.", "Harry Styles", 1_100_000),
        ("The BBC's news account lost roughly 600,000 followers.", "BBC", 600_000),
        ("Obama's account shed 2.4 million followers overnight.", "Obama", 2_400_000),
    ],
)
def test_possessive_and_named_subjects(analyzer, text, subject, amount):
    text = "Follower counts fell sharply this week. " + text
    assert summary(claims_of(analyzer, text)) == [("follower_loss", subject, amount)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The purge cost Selena Gomez nearly 1 million followers.", ("follower_loss", "Selena Gomez", 1_000_000)),
        ("Priya Shah saw 20,000 followers vanish over the weekend.", ("follower_loss", "Priya Shah", 20_000)),
        ("Tom Lee's fans dwindled by 2,000 on Monday.", ("follower_loss", "Tom Lee", 2_000)),
        ("Tom Lee was hit with a loss of 4,000 followers.", ("follower_loss", "Tom Lee", 4_000)),
        ("Mia Torres saw her follower count drop by 120,000 overnight.", ("follower_loss", "Mia Torres", 120_000)),
        ("Overnight, roughly 3,500 followers unfollowed the pop star Lena Cruz.", ("follower_loss", "Lena Cruz", 3_500)),
        ("Some 2 million followers disappeared from Cristiano Ronaldo's Instagram.", ("follower_loss", "Cristiano Ronaldo", 2_000_000)),
        ("The purge wiped 50,000 followers off Tom Lee's account.", ("follower_loss", "Tom Lee", 50_000)),
        ("Maya Ruiz's count bounced back by 5,000 on Friday.", ("follower_gain", "Maya Ruiz", 5_000)),
        ("Maya Ruiz is up 300 followers since the weekend.", ("follower_gain", "Maya Ruiz", 300)),
    ],
)
def test_verb_frames(analyzer, text, expected):
    text = "Follower counts fell sharply this week. " + text
    assert summary(claims_of(analyzer, text)) == [expected]


def test_parentheticals_in_a_list(analyzer):
    text = "The sweep hit stars like Ariana Grande (8M loss) and Neymar (5M) hardest."
    assert summary(claims_of(analyzer, text)) == [
        ("follower_loss", "Ariana Grande", 8_000_000),
        ("follower_loss", "Neymar", 5_000_000),
    ]


def test_n_of_its_m_followers_keeps_the_total(analyzer):
    text = "Senator Grace Holt escaped lightly, shedding 96,000 of her 31.4 million followers."
    (claim,) = claims_of(analyzer, text)
    assert (claim.subject, claim.amount, claim.total) == ("Grace Holt", 96_000, 31_400_000)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two million followers were wiped from Obama's account overnight.", ("follower_loss", "Obama", 2_000_000)),
        ("Campaigner Leo Grant said more than 1,500 of his followers had disappeared.", ("follower_loss", "Leo Grant", 1_500)),
        ("About 70,000 accounts were suspended by Twitter last week.", ("accounts_removed", "Twitter", 70_000)),
    ],
)
def test_passive_forms(analyzer, text, expected):
    assert summary(claims_of(analyzer, text)) == [expected]


def test_reported_speech_subject_is_the_speaker(analyzer):
    text = "Nina Park, a television host, said she had lost 350 followers in a day."
    (claim,) = claims_of(analyzer, text)
    assert (claim.subject, claim.amount, claim.duration_seconds, claim.source_role) == ("Nina Park", 350, 86_400, "affected")


def test_bare_number_after_a_loss_verb_in_a_follower_story(analyzer):
    text = "Follower counts fell across the site. Nina Park, a television host, chimed in that she had lost 350 in a day."
    assert summary(claims_of(analyzer, text)) == [("follower_loss", "Nina Park", 350)]


def test_relative_clause_subject_reports_their_own_loss(analyzer):
    text = "Dana Cole, who had reported losing roughly 2,600 followers overnight, saw her count recover."
    (claim,) = claims_of(analyzer, text)
    assert (claim.subject, claim.amount, claim.source_role) == ("Dana Cole", 2_600, "affected")


def test_anaphoric_noun_takes_the_earlier_name(analyzer):
    text = (
        "The clean-up hurt the record label Nova Sound more than its rivals. "
        "The Guardian reported that the label had shed more than 80,000 subscribers."
    )
    assert summary(claims_of(analyzer, text)) == [("follower_loss", "Nova Sound", 80_000)]


def test_followers_coming_back_belong_to_the_speaker(analyzer):
    text = "Commentator Rob Fuller said he had lost 3,300 followers overnight, and he said 900 of them had already come back."
    assert sorted(summary(claims_of(analyzer, text))) == [
        ("follower_gain", "Rob Fuller", 900),
        ("follower_loss", "Rob Fuller", 3_300),
    ]


# --------------------------------------------------------------------------- implicit claims


def test_gapped_list_of_names_and_numbers(analyzer):
    text = "Drake shed 1.2 million followers, Adele 800,000 and Ed Sheeran about 650,000, the tracker showed."
    assert [(c.subject, c.amount, c.qualifier) for c in claims_of(analyzer, text)] == [
        ("Drake", 1_200_000, "exact"),
        ("Adele", 800_000, "exact"),
        ("Ed Sheeran", 650_000, "approx"),
    ]


def test_each_distributes_the_amount(analyzer):
    text = "Sen. Alice Brown, Rep. Carl Diaz and Sen. Ruth Ellis each lost about 50,000 followers in the first three weeks."
    found = claims_of(analyzer, text)
    assert sorted(c.subject for c in found) == ["Alice Brown", "Carl Diaz", "Ruth Ellis"]
    assert {(c.amount, c.qualifier, c.duration_seconds) for c in found} == {(50_000, "approx", 1_814_400)}


def test_comparison_restates_the_claim_for_another_period(analyzer):
    text = "Meta disabled 1.6 billion fake accounts in the second quarter, the company said. That compares with 1.1 billion in the first quarter."
    assert summary(claims_of(analyzer, text)) == [
        ("accounts_removed", "Facebook", 1_600_000_000),
        ("accounts_removed", "Facebook", 1_100_000_000),
    ]


# --------------------------------------------------------------------------- not claims


@pytest.mark.parametrize(
    "text",
    [
        "Marcus Webb has 41.2 million followers on the platform.",
        "Marcus Webb now has close to 12 million subscribers.",
        "Marcus Webb, who joined the platform in 2009, posts daily.",
        "Marcus Webb lost 12 percent of his followers.",
        "Marcus Webb lost 9.8 per cent of his likes.",
        "On March 11, 2015 Marcus Webb logged in again.",
        "Brands pay as much as $100,000 for a sponsored post.",
        "His count went from 88m to 86m followers in a week.",
        "Our club page went from 230k to 214k overnight.",
        "The video drew 2 million views and 300,000 likes.",
        "Thousands of users said they had lost followers.",
        "The company emailed 480,112 people who had followed those accounts.",
        "Facebook removed 312 Pages for breaking its spam rules.",
        "The company estimates that about 6 per cent of its accounts are fake, up from 4 to 5 per cent.",
        "In 2018, Twitter lost 1 million monthly users.",
        "The account, with 12,000 followers, was suspended.",
        "About 40% of her followers are bots, and 1,000 of them were removed.",
        "She is now 5,000 followers short of a million.",
        "He lost 3 games in a row and dropped to 14th place.",
        "The company, which has 330 million users, lost $1.2 billion last year.",
        "TikTok said it prevented 3.9 billion fake follow requests.",
        "TikTok said it removed 4.6 million videos.",
        "Drake dropped below 150 million followers on Friday.",
        "His tally now stands at 9.8 million.",
        "The account fell to 61 million followers.",
    ],
)
def test_non_claims(analyzer, text):
    text = "Follower counts fell sharply this week. " + text
    assert summary(claims_of(analyzer, text)) == []


def test_bare_numbers_need_a_follower_story(analyzer):
    assert summary(claims_of(analyzer, "Marcus Webb lost 400 on the final hand of the night.")) == []


def test_earlier_total_is_not_a_second_claim(analyzer):
    text = "Follower counts fell. Bieber lost 20 million followers, down from 111 million."
    assert summary(claims_of(analyzer, text)) == [("follower_loss", "Bieber", 20_000_000)]


def test_range_keeps_bounds_and_no_amount(analyzer):
    (claim,) = claims_of(analyzer, "Marcus Webb lost 8 to 10 million followers in the purge.")
    assert (claim.amount, claim.amount_low, claim.amount_high) == (None, 8_000_000, 10_000_000)


# --------------------------------------------------------------------------- merging


def test_headline_and_post_merge_into_one_affected_claim(analyzer):
    text = (
        "Actor Maria Lopez loses 65,000 followers in 48 hours\n\n"
        "I have lost 65,000 followers in the last 48 hours! Is the app broken? "
        "— Maria Lopez (@mlopez) June 10, 2021"
    )
    (claim,) = claims_of(analyzer, text, published="2021-06-11")
    assert (claim.subject, claim.amount, claim.source_role, len(claim.mentions)) == ("Maria Lopez", 65_000, "affected", 2)
    assert claim.duration_seconds == 172_800


def test_platform_source_outranks_the_reporter(analyzer):
    text = "Twitter suspends 45,000 accounts\n\nTwitter said it had suspended 45,000 accounts linked to the campaign."
    (claim,) = claims_of(analyzer, text)
    assert (claim.subject, claim.source_role, len(claim.mentions)) == ("Twitter", "platform", 2)


def _mention(kind, subject, amount, statement, start, first_person=False):
    return ClaimMention(kind, subject, amount, str(amount), "exact", start, start + 5, statement, "X", first_person=first_person)


def test_merge_mentions_ranks_sources_and_keeps_the_fullest_name():
    statements = [
        Statement("reporter", None, "reporter", "none", "", 0, 50),
        Statement("Grok", "grok", "third_party", "embed", "", 50, 100),
        Statement("Rhea Kapoor", "rheakapoor", "affected", "embed", "", 100, 150),
    ]
    mentions = [
        _mention("follower_loss", "Kapoor", 450_000, 0, 10),
        _mention("follower_loss", "Rhea Kapoor", 451_000, 1, 60),
        _mention("follower_loss", "Rhea Kapoor", 450_000, 2, 110, first_person=True),
        _mention("follower_loss", "Ariana Grande", 450_000, 1, 70),
    ]
    claims = merge_mentions(mentions, statements, None)
    assert [(c.subject, c.source_role, c.source_speaker, len(c.mentions)) for c in claims] == [
        ("Rhea Kapoor", "affected", "Rhea Kapoor", 3),
        ("Ariana Grande", "third_party", "Grok", 1),
    ]


def test_name_stranded_by_a_misparsed_coordination_is_the_subject(analyzer):
    text = (
        "The company's own account lost about 7.7 million followers, and Lorna Vale, "
        "the most-followed singer on the service, dropped by close to 3 million."
    )
    subjects = {c.amount: c.subject for c in analyzer.analyze(text, platform="Twitter").claims}
    assert subjects[3_000_000] == "Lorna Vale"


def test_subject_names_drop_emoji(analyzer):
    text = "I've lost close to 2,000 followers today. — Mara 🐉 Quinlan (@maraq) May 3, 2019"
    [claim] = analyzer.analyze(text).claims
    assert claim.subject == "Mara Quinlan"


# --------------------------------------------------------------------------- bounds: figures that are not claims

HUNDREDS_OF_DIGITS = "1" * 300


@pytest.mark.parametrize(
    ("text", "ignored_text", "reason"),
    [
        (f"Marcus Webb lost {HUNDREDS_OF_DIGITS} followers on Tuesday.", f"lost {HUNDREDS_OF_DIGITS} followers",
         "ceiling of 100,000,000,000 followers"),
        ("Marcus Webb lost 3000000000000 followers on Tuesday.", "lost 3000000000000 followers", "followers"),
        ("Marcus Webb lost 5,000 followers in the last " + "9" * 300 + " hours.", "lost 5,000 followers",
         "over 100 years"),
        ("Marcus Webb lost 5,000 followers in 100000000000000000000 weeks.", "lost 5,000 followers",
         "over 100 years"),
        ("Marcus Webb lost 5,000 followers in 200 years.", "lost 5,000 followers", "over 100 years"),
        ("The platform said it removed 2 trillion fake accounts.", "removed 2 trillion fake accounts",
         "ceiling of 1,000,000,000,000 accounts"),
    ],
)
def test_out_of_bounds_figures_are_ignored_not_claims(analyzer, text, ignored_text, reason):
    result = analyzer.analyze(text, published=PUBLISHED)
    assert result.claims == []
    (ignored,) = result.ignored
    assert ignored.text == ignored_text == result.text[ignored.start : ignored.end]
    assert reason in ignored.reason


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Marcus Webb lost 100,000,000,000 followers on Tuesday.", 100_000_000_000),
        ("Marcus Webb lost 5,000 followers in 100 years.", 5_000),
        ("The platform said it removed 1 trillion fake accounts.", 10**12),
    ],
)
def test_figures_at_the_ceiling_are_still_claims(analyzer, text, amount):
    result = analyzer.analyze(text, published=PUBLISHED)
    assert [c.amount for c in result.claims] == [amount]
    assert result.ignored == []


def test_a_number_inside_the_previous_mention_does_not_crash_the_gapped_list(analyzer):
    # Reproduces `IndexError [E035] Error creating span with start 7 and end 5` in `_gapped`:
    # a lakh-style "2, 84,746" puts the second number inside the first one's mention.
    for text in ["Mayor Ortiz lost 2, 84,746 followers.",
                 "Mayor Lena Ortiz, according to a tracking site, lost 2, 84,746 followers and now has 3.1 million."]:
        result = analyzer.analyze(text, published=PUBLISHED)
        for claim in result.claims:
            for mention in claim.mentions:
                assert result.text[mention.start : mention.end] == mention.text
