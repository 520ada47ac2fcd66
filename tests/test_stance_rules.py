"""The rules stance backend: each label, negation, contrast, questions, hedges.

Sentences are the team's own. Each row names the speaker whose stance toward
a cause is checked, through the public API (the matrix a journalist reads).
"""

from __future__ import annotations

import pytest

from claimkit.stance import StanceInput
from claimkit.stance.rules import RulesStance, generic_stance


def stance_of(analyzer, text, cause, speaker=None, platform="Twitter"):
    result = analyzer.analyze(text, platform=platform)
    explanation = result.explanation(cause)
    assert explanation is not None, f"{cause} not raised in {text!r}"
    records = [s for s in explanation.stances if speaker is None or s.speaker == speaker]
    assert records, [s.speaker for s in explanation.stances]
    return max(records, key=lambda r: r.confidence).stance


@pytest.mark.parametrize(
    ("text", "cause", "stance"),
    [
        # support, including hedged support
        ("They are removing bot accounts right now.", "bot_spam_purge", "support"),
        ("I think the followers I lost were inactive.", "inactive_accounts", "support"),
        ("Maybe it's a glitch in the counter.", "technical_glitch", "support"),
        ("This purge only hits conservatives.", "political_bias", "support"),
        # deny: negation
        ("This is not a glitch.", "technical_glitch", "deny"),
        ("There is no evidence of political bias in the numbers.", "political_bias", "deny"),
        ("I don't think it's bots at all.", "bot_spam_purge", "deny"),
        ("Nobody's account has been locked this week.", "locked_accounts", "deny"),
        ("It isn't just happening to conservatives.", "political_bias", "deny"),
        # deny: contrast
        ("The drop reflects the bot removal drive rather than genuine users leaving.", "genuine_unfollows", "deny"),
        ("It's a spam clean-up, not a political one.", "political_bias", "deny"),
        ("Glitch? Unlikely.", "technical_glitch", "deny"),
        # deny: rejecting words and rejecting cues
        ("Claims of censorship are baseless.", "political_bias", "deny"),
        ("Our tools are apolitical.", "political_bias", "deny"),
        ("It is very unlikely to be a targeting of conservative users.", "political_bias", "deny"),
        # query
        ("Is there a glitch in your app?", "technical_glitch", "query"),
        ("Did Instagram just delete the fake accounts or what?", "bot_spam_purge", "query"),
        ("Is there a bug in the app or is something else happening!!", "technical_glitch", "query"),
        ("She asked whether bots were behind it.", "bot_spam_purge", "query"),
        # comment
        ("If it is a glitch, it should be fixed by Friday.", "technical_glitch", "comment"),
        ("Accusations of censorship spread quickly on Wednesday.", "political_bias", "comment"),
    ],
)
def test_stance_labels(analyzer, text, cause, stance):
    assert stance_of(analyzer, text, cause) == stance


def test_contrast_denies_one_cause_and_supports_the_other(analyzer):
    text = "People aren't being purged. BOTS are being purged. And it isn't just happening to conservatives."
    post = text + " — Lee Ward (@leeward) May 1, 2020"
    assert stance_of(analyzer, post, "political_bias", "Lee Ward") == "deny"
    assert stance_of(analyzer, post, "bot_spam_purge", "Lee Ward") == "support"


def test_reporter_narrating_others_claims_comments(analyzer):
    text = "Some users claimed that conservatives were being targeted."
    assert stance_of(analyzer, text, "political_bias", "reporter") == "comment"


def test_not_caused_by_denies_but_not_undermined_by_does_not(analyzer):
    assert stance_of(analyzer, "The drop was not caused by bots.", "bot_spam_purge") == "deny"
    assert stance_of(analyzer, "Our service must not be undermined by spam.", "bot_spam_purge") == "support"


def test_confirming_details_describes_the_lock(analyzer):
    text = (
        'Twitter Support said, "Accounts that have not confirmed a phone number are not counted '
        'until they do."'
    )
    assert stance_of(analyzer, text, "locked_accounts") == "support"


def test_silence_is_not_a_denial(analyzer):
    text = "YouTube did not mention politics in its announcement."
    result = analyzer.analyze(text, platform="YouTube")
    explanation = result.explanation("political_bias")
    assert explanation is None or all(s.stance != "deny" for s in explanation.stances)


def test_confidence_is_between_zero_and_one(analyzer):
    result = analyzer.analyze("Is it bots? It is not a glitch. Maybe people unfollowed.")
    for explanation in result.explanations:
        for record in explanation.stances:
            assert 0.0 <= record.confidence <= 1.0
            assert record.backend == "rules"


@pytest.mark.parametrize(
    ("text", "target", "stance"),
    [
        ("Is this really confirmed?", "The mayor resigned", "query"),
        ("That's a hoax, nothing happened.", "The mayor resigned", "deny"),
        ("Breaking: the mayor resigned this morning.", "The mayor resigned", "support"),
        ("Thinking of everyone in the city tonight.", "The mayor resigned", "comment"),
    ],
)
def test_free_target_mode(text, target, stance):
    assert generic_stance(text, target).stance == stance


def test_backend_predicts_one_per_input_without_a_span(nlp):
    backend = RulesStance(nlp)
    items = [
        StanceInput("They deleted the bots.", "bots", cause="bot_spam_purge", cue_start=16, cue_end=20),
        StanceInput("Was it a glitch?", "a glitch", cause="technical_glitch", cue_start=9, cue_end=15),
        StanceInput("Some free text", "a rumour"),
    ]
    predictions = backend.predict(items)
    assert [p.stance for p in predictions] == ["support", "query", "comment"]
