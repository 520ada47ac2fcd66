"""Result types: JSON round trip through `to_dict` / `from_dict`, and schema errors on bad JSON."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimkit.errors import ClaimkitError, SchemaError
from claimkit.types import (
    CAUSES,
    CLAIM_KINDS,
    OFFICIAL_POSITIONS,
    QUALIFIERS,
    ROLES,
    STANCES,
    Analysis,
    Claim,
    Explanation,
    Span,
    StanceRecord,
    Statement,
)

THREAD = (
    " date 2020-07-09\n"
    "Marco Díaz lost 15,000 followers after the purge, he wrote on Thursday.\n\n"
    "I lost about 15,000 followers in the last 36 hours. Twitter is targeting conservatives! "
    "— Marco Díaz (@marcodiaz) July 9, 2020\n\n"
    "Twitter said the accounts were locked for suspicious activity and are not counted until "
    "their owners confirm a phone number.\n"
)


def roundtrip(obj):
    return type(obj).from_dict(json.loads(json.dumps(obj.to_dict())))


# --------------------------------------------------------------------------- each type, by hand

SPAN = Span(4, 9, "spam!")
STATEMENT = Statement(speaker="Ada Ng", handle="adang", role="affected", cue="embed", text="I lost 90 followers.",
                      start=0, end=20, date="2021-01-02", speaker_text="Ng", anonymous=False)
CLAIM = Claim(kind="follower_loss", subject="Ada Ng", platform="Twitter", amount=None, amount_text="8 to 10 million",
              qualifier="approx", duration_seconds=None, period_text="this week", start_date=None, end_date=None,
              source_role="affected", source_speaker="Ada Ng", mentions=[Span(0, 5, "lost"), SPAN],
              amount_low=8_000_000, amount_high=10_000_000, total=None, statement=3)
RECORD = StanceRecord(statement=2, speaker="Twitter", role="platform", stance="deny", confidence=0.875,
                      evidence=SPAN, voice="a spokesperson", backend="rules")
EXPLANATION = Explanation(cause="political_bias", mentions=[SPAN], stances=[RECORD], official_position="rejected",
                          supporters=["Ada Ng"], deniers=["Twitter"], queriers=[], commenters=["Bo"],
                          anonymous_stances=[RECORD])


@pytest.mark.parametrize("obj", [SPAN, STATEMENT, CLAIM, RECORD, EXPLANATION], ids=lambda o: type(o).__name__)
def test_each_type_round_trips(obj):
    back = roundtrip(obj)
    assert back == obj
    assert back is not obj
    assert back.to_dict() == obj.to_dict()


def test_nested_spans_come_back_as_spans():
    assert all(isinstance(m, Span) for m in roundtrip(CLAIM).mentions)
    explanation = roundtrip(EXPLANATION)
    assert isinstance(explanation.stances[0], StanceRecord) and isinstance(explanation.stances[0].evidence, Span)
    assert isinstance(explanation.anonymous_stances[0], StanceRecord)


def test_analysis_by_hand_round_trips():
    from claimkit.types import IgnoredFigure

    ignored = [IgnoredFigure("lost 10000000000000 followers", 4, 32, "amount over the ceiling", "follower_loss")]
    analysis = Analysis(id="ada", published="2021-01-02", platform="Twitter", statements=[STATEMENT],
                        claims=[CLAIM], explanations=[EXPLANATION], text="not serialised", ignored=ignored)
    assert analysis.to_dict()["ignored"] == [ignored[0].to_dict()]
    back = Analysis.from_dict(json.loads(analysis.to_json()))
    assert back == analysis
    assert back.text == ""  # the input text is not part of the JSON object, so not compared
    assert Analysis.from_json(analysis.to_json(indent=2)) == analysis


# --------------------------------------------------------------------------- a real analysis


def test_real_analysis_round_trips(analyzer):
    analysis = analyzer.analyze(THREAD, doc_id="marco")
    assert analysis.claims and analysis.statements and analysis.explanations  # a meaningful round trip
    back = Analysis.from_dict(json.loads(analysis.to_json()))
    assert back == analysis
    assert back.to_json() == analysis.to_json()


def test_text_is_kept_when_the_dict_has_it(analyzer):
    analysis = analyzer.analyze(THREAD, doc_id="marco")
    back = Analysis.from_dict(analysis.to_dict(include_text=True))
    assert back.text == THREAD


# --------------------------------------------------------------------------- tolerance and schema errors


def test_unknown_keys_are_ignored_and_extensions_default():
    data = {"id": "x", "published": None, "statements": [], "claims": [], "explanations": [], "future_key": 1}
    assert Analysis.from_dict(data) == Analysis("x", None, None, [], [], [])
    minimal = {key: value for key, value in STATEMENT.to_dict().items()
               if key not in ("speaker_text", "anonymous")}
    assert Statement.from_dict(minimal).anonymous is False
    claim = {key: value for key, value in CLAIM.to_dict().items()
             if key not in ("amount_low", "amount_high", "total", "statement")}
    assert Claim.from_dict(claim).amount_low is None
    explanation = {key: value for key, value in EXPLANATION.to_dict().items()
                   if key not in ("commenters", "anonymous_stances")}
    assert Explanation.from_dict(explanation).commenters == []


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ([], "Analysis: expected a JSON object, found list"),
        ({"published": None}, "Analysis: missing key(s) id"),
        ({"id": "x", "claims": [{"kind": "follower_loss"}]}, "Analysis.claims[0]: Claim: missing key(s) subject"),
        ({"id": "x", "claims": "none"}, "Analysis.claims: expected an array, found str"),
        ({"id": "x", "explanations": [{**EXPLANATION.to_dict(), "stances": [{"statement": 1}]}]},
         "Analysis.explanations[0]: Explanation.stances[0]: StanceRecord: missing key(s) speaker"),
        ({"id": "x", "claims": [{**CLAIM.to_dict(), "mentions": [{"start": 1}]}]},
         "Analysis.claims[0]: Claim.mentions[0]: Span: missing key(s) end, text"),
    ],
)
def test_schema_errors_say_where(data, words):
    with pytest.raises(SchemaError) as caught:
        Analysis.from_dict(data)
    assert words in caught.value.message
    assert isinstance(caught.value, ClaimkitError) and isinstance(caught.value, ValueError)


# --------------------------------------------------------------------------- property: any valid claim round trips

names = st.text(min_size=1, max_size=20)
maybe_int = st.none() | st.integers(min_value=0, max_value=10**12)
spans = st.builds(Span, start=st.integers(0, 10**6), end=st.integers(0, 10**6), text=st.text(max_size=30))
claims = st.builds(
    Claim, kind=st.sampled_from(CLAIM_KINDS), subject=names, platform=st.none() | names, amount=maybe_int,
    amount_text=st.text(max_size=20), qualifier=st.sampled_from(QUALIFIERS), duration_seconds=maybe_int,
    period_text=st.none() | st.text(max_size=20), start_date=st.none() | st.just("2020-01-01"),
    end_date=st.none() | st.just("2020-01-02"), source_role=st.sampled_from(ROLES), source_speaker=names,
    mentions=st.lists(spans, max_size=3), amount_low=maybe_int, amount_high=maybe_int, total=maybe_int,
    statement=st.none() | st.integers(0, 50),
)
records = st.builds(
    StanceRecord, statement=st.integers(0, 50), speaker=names, role=st.sampled_from(ROLES),
    stance=st.sampled_from(STANCES), confidence=st.floats(0, 1), evidence=spans, voice=st.text(max_size=10),
    backend=st.sampled_from(["rules", "learned", "nli"]),
)
explanations = st.builds(
    Explanation, cause=st.sampled_from(CAUSES), mentions=st.lists(spans, max_size=2),
    stances=st.lists(records, max_size=3), official_position=st.sampled_from(OFFICIAL_POSITIONS),
    supporters=st.lists(names, max_size=2), deniers=st.lists(names, max_size=2), queriers=st.lists(names, max_size=2),
    commenters=st.lists(names, max_size=2), anonymous_stances=st.lists(records, max_size=1),
)


@settings(max_examples=60, deadline=None)
@given(claims=st.lists(claims, max_size=3), explanations=st.lists(explanations, max_size=2),
       doc_id=names, published=st.none() | st.just("2020-01-02"))
def test_any_analysis_round_trips(claims, explanations, doc_id, published):
    analysis = Analysis(id=doc_id, published=published, platform=None, statements=[STATEMENT],
                        claims=claims, explanations=explanations)
    assert Analysis.from_json(analysis.to_json()) == analysis
