"""Cause detection: every cause of the taxonomy, robust to paraphrase, with its evidence."""

from __future__ import annotations

import pytest


def causes_in(analyzer, text):
    result = analyzer.analyze(text, platform="Twitter")
    return {e.cause for e in result.explanations}, result


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        # bot_spam_purge
        ("They are clearing out bots this week.", "bot_spam_purge"),
        ("Most of what I lost were fake followers.", "bot_spam_purge"),
        ("The accounts that vanished were not real people.", "bot_spam_purge"),
        ("The platform is going after spam networks.", "bot_spam_purge"),
        ("Those were automated profiles all along.", "bot_spam_purge"),
        ("Plenty of influencers buy followers, and now they are gone.", "bot_spam_purge"),
        # locked_accounts
        ("Some owners were asked to confirm a phone number before logging back in.", "locked_accounts"),
        ("My sister has to prove she's human before her account counts again.", "locked_accounts"),
        ("Her account was temporarily restricted on Monday.", "locked_accounts"),
        ("Users must verify their email to unlock their accounts.", "locked_accounts"),
        # inactive_accounts
        ("The drop comes from dormant profiles nobody uses.", "inactive_accounts"),
        ("Deactivated accounts no longer count toward your total.", "inactive_accounts"),
        ("They were followers who haven't logged in for years.", "inactive_accounts"),
        ("Memorialized accounts are being removed from like counts.", "inactive_accounts"),
        # political_bias
        ("I have been shadowbanned for my opinions.", "political_bias"),
        ("This is censorship, plain and simple.", "political_bias"),
        ("They are only purging conservative accounts.", "political_bias"),
        ("The cull is politically motivated.", "political_bias"),
        # technical_glitch
        ("The app is broken again.", "technical_glitch"),
        ("Looks like a glitch in the follower counter.", "technical_glitch"),
        ("Engineers blamed a software bug for the odd numbers.", "technical_glitch"),
        ("The count is wrong because of a display error.", "technical_glitch"),
        # genuine_unfollows
        ("Fans are unfollowing her after the interview.", "genuine_unfollows"),
        ("People are leaving the platform in protest.", "genuine_unfollows"),
        ("Maybe my audience finally got tired of my jokes.", "genuine_unfollows"),
        ("The backlash cost him followers.", "genuine_unfollows"),
    ],
)
def test_each_cause_is_detected_in_paraphrase(analyzer, text, cause):
    found, _ = causes_in(analyzer, text)
    assert cause in found


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The two companies were locked in a months-long dispute.", "locked_accounts"),
        ("#TwitterLockOut was trending all morning.", "locked_accounts"),
        ("Republican strategist Dan Ortiz lost 300 followers.", "political_bias"),
        ("The company was fined for breaking privacy rules.", "technical_glitch"),
        ("That story was fake news from start to finish.", "bot_spam_purge"),
    ],
)
def test_look_alikes_raise_no_cause(analyzer, text, absent):
    found, _ = causes_in(analyzer, text)
    assert absent not in found


def test_multi_cause_statement_raises_each_cause(analyzer):
    found, _ = causes_in(analyzer, "It's either a glitch or they finally deleted the bots and the dormant accounts.")
    assert {"technical_glitch", "bot_spam_purge", "inactive_accounts"} <= found


def test_evidence_span_points_at_the_cue(analyzer):
    text = "Everyone I lost was a bot, honestly."
    _, result = causes_in(analyzer, text)
    [explanation] = result.explanations
    [mention] = explanation.mentions
    assert text[mention.start : mention.end] == mention.text == "bot"


def test_weak_cue_gives_way_to_a_strong_one(analyzer):
    found, _ = causes_in(analyzer, "The clean-up hit conservatives only, it is censorship.")
    assert "political_bias" in found and "bot_spam_purge" not in found
