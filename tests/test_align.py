"""Alignment: the explanation matrix and the official position."""

from __future__ import annotations

from claimkit.align import align, official_position
from claimkit.types import CauseMention, Span, StanceRecord, Statement


def statement(speaker, role, anonymous=False):
    return Statement(speaker, None, role, "said", "text", 0, 4, anonymous=anonymous)


def record(index, speaker, role, stance, confidence):
    return StanceRecord(index, speaker, role, stance, confidence, Span(0, 4, "text"), voice=speaker)


def test_platform_voices_speak_as_the_platform_and_set_the_official_position():
    statements = [statement("Twitter Support", "platform"), statement("Twitter spokesperson", "platform"), statement("Ana Ruiz", "affected")]
    mentions = [CauseMention("locked_accounts", i, 0, 4, "text") for i in range(3)]
    stances = {
        "locked_accounts": [
            record(0, "Twitter Support", "platform", "support", 0.8),
            record(1, "Twitter spokesperson", "platform", "support", 0.7),
            record(2, "Ana Ruiz", "affected", "query", 0.9),
        ]
    }
    [explanation] = align(mentions, stances, statements, "Twitter")
    assert explanation.official_position == "endorsed"
    assert {s.speaker for s in explanation.stances if s.role == "platform"} == {"Twitter"}
    assert {s.voice for s in explanation.stances if s.role == "platform"} == {"Twitter Support", "Twitter spokesperson"}
    assert explanation.supporters == ["Twitter"]
    assert explanation.queriers == ["Ana Ruiz"]


def test_official_position_rejected_and_not_addressed():
    assert official_position([record(0, "X", "platform", "deny", 0.9)]) == "rejected"
    assert official_position([record(0, "X", "platform", "comment", 0.9)]) == "not_addressed"
    assert official_position([record(0, "Ana", "third_party", "support", 0.9)]) == "not_addressed"


def test_official_position_follows_the_platform_majority():
    records = [
        record(0, "X", "platform", "support", 0.7),
        record(1, "X", "platform", "support", 0.7),
        record(2, "X", "platform", "deny", 0.85),
    ]
    assert official_position(records) == "endorsed"


def test_anonymous_voices_are_kept_apart():
    statements = [statement("one user", "third_party", anonymous=True), statement("Ben Cole", "third_party")]
    mentions = [CauseMention("bot_spam_purge", 0, 0, 4, "text"), CauseMention("bot_spam_purge", 1, 0, 4, "text")]
    stances = {"bot_spam_purge": [record(0, "one user", "third_party", "support", 0.7), record(1, "Ben Cole", "third_party", "deny", 0.8)]}
    [explanation] = align(mentions, stances, statements, "X")
    assert [s.speaker for s in explanation.stances] == ["Ben Cole"]
    assert [s.speaker for s in explanation.anonymous_stances] == ["one user"]
    assert explanation.deniers == ["Ben Cole"] and explanation.supporters == []


def test_causes_listed_in_the_order_first_raised():
    statements = [statement("reporter", "reporter")]
    mentions = [CauseMention("technical_glitch", 0, 0, 4, "a"), CauseMention("bot_spam_purge", 0, 5, 8, "b"), CauseMention("technical_glitch", 0, 9, 12, "c")]
    explanations = align(mentions, {}, statements, None)
    assert [e.cause for e in explanations] == ["technical_glitch", "bot_spam_purge"]
    assert len(explanations[0].mentions) == 2


def test_end_to_end_matrix(analyzer):
    text = (
        "I just lost 2,000 followers. Is this a glitch? — Mia Holt (@miaholt) July 12, 2018\n\n"
        "Twitter said the accounts removed were locked accounts whose owners never confirmed a phone number, "
        "and that its tools are apolitical."
    )
    result = analyzer.analyze(text)
    matrix = {e.cause: e for e in result.explanations}
    assert matrix["technical_glitch"].queriers == ["Mia Holt"]
    assert matrix["locked_accounts"].official_position == "endorsed"
    assert matrix["political_bias"].official_position == "rejected"
