"""Who is `affected` (claimkit.roles): pure functions over statements and claim mentions."""

from __future__ import annotations

import pytest

from claimkit.claims import ClaimMention
from claimkit.roles import mark_affected, speaks_of_own_followers
from claimkit.types import Statement


def statement(speaker, role="third_party", text="", anonymous=False):
    return Statement(speaker, None, role, "said", text, 0, len(text), anonymous=anonymous)


def mention(kind, subject):
    return ClaimMention(kind, subject, 1_000, "1,000", "exact", 0, 5, 0, "X")


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ("I just lost 2,500 followers in one minute.", True),
        ("Have won back nearly all the followers I lost.", True),
        ("My follower count is 7,000 lower than it was yesterday.", True),
        ("I've gained about 120 new followers this week.", True),
        ("I have 3,000 fewer followers than yesterday.", True),
        ("Right, I'm down 1,150 since breakfast.", True),
        ("I'm nearly 430 down today.", True),
        ("We're 320 followers lighter today.", True),
        ("Twitter is deleting bots, not people.", False),
        ("Your followers were never real.", False),
        ("He lost 3,000 followers overnight.", False),
        ("I think they are removing fake accounts.", False),
    ],
)
def test_speaks_of_own_followers(text, own):
    assert speaks_of_own_followers(text) is own


def test_subject_of_a_follower_claim_is_affected():
    statements = [statement("Rhea Kapoor", text="Is the app glitching?"), statement("Grok", text="It doesn't look like a glitch.")]
    marked = mark_affected(statements, [mention("follower_loss", "Kapoor")])
    assert [s.role for s in marked] == ["affected", "third_party"]


def test_every_statement_of_an_affected_speaker_is_marked():
    statements = [statement("Jo Reed", text="Down 3 followers."), statement("Jo Reed", text="Bots, probably.")]
    marked = mark_affected(statements, [mention("follower_gain", "Jo Reed")])
    assert [s.role for s in marked] == ["affected", "affected"]


def test_first_person_statement_is_affected_without_a_claim():
    statements = [statement("Jo Reed", text="My followers keep vanishing, what is going on?")]
    assert [s.role for s in mark_affected(statements, [])] == ["affected"]


@pytest.mark.parametrize(
    ("speaker", "role", "anonymous"),
    [("Twitter", "platform", False), ("reporter", "reporter", False), ("one user", "third_party", True)],
)
def test_platform_reporter_and_anonymous_keep_their_roles(speaker, role, anonymous):
    statements = [statement(speaker, role=role, text="I lost 500 followers today.", anonymous=anonymous)]
    marked = mark_affected(statements, [mention("follower_loss", speaker)])
    assert [s.role for s in marked] == [role]


def test_accounts_removed_subject_is_not_affected():
    statements = [statement("Twitter", text="We removed 70,000 accounts.")]
    marked = mark_affected(statements, [mention("accounts_removed", "Twitter")])
    assert [s.role for s in marked] == ["third_party"]
