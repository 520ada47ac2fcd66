"""SPEC section 6 matching rules, one table per rule, on hand-made gold/prediction pairs."""

from __future__ import annotations

import pytest

from claimkit.corpus import GoldClaim, GoldDocument, GoldStance
from claimkit.scoring import (
    MISSING,
    SPURIOUS,
    amounts_match,
    best_matching,
    names_match,
    normalize_name,
    predicted_stances,
    score_corpus,
    score_document,
)

# --------------------------------------------------------------------------- builders


def gclaim(subject="Mira Holt", amount=5000, kind="follower_loss", qualifier=("exact",), duration=None,
           role="affected") -> GoldClaim:
    return GoldClaim(kind, subject, amount, tuple(qualifier), duration, role)


def pclaim(subject="Mira Holt", amount=5000, kind="follower_loss", qualifier="exact", duration=None,
           role="affected", mention="lost 5,000 followers") -> dict:
    return {
        "kind": kind, "subject": subject, "platform": "Twitter", "amount": amount, "amount_text": str(amount),
        "qualifier": qualifier, "duration_seconds": duration, "period_text": None, "start_date": None,
        "end_date": None, "source_role": role, "source_speaker": subject,
        "mentions": [{"start": 0, "end": len(mention), "text": mention}],
    }


def gstance(speaker, role, cause, stance) -> GoldStance:
    return GoldStance(speaker, role, cause, stance)


def pstance(speaker, role, stance, confidence=0.9, statement=0, evidence="they said so") -> dict:
    return {"statement": statement, "speaker": speaker, "role": role, "stance": stance,
            "confidence": confidence, "evidence": {"start": 0, "end": len(evidence), "text": evidence}}


def expl(cause, stances=(), official="not_addressed", anonymous=()) -> dict:
    return {"cause": cause, "mentions": [], "stances": list(stances), "official_position": official,
            "supporters": [], "deniers": [], "queriers": [], "commenters": [],
            "anonymous_stances": list(anonymous)}


def gdoc(doc_id="d1", claims=(), stances=(), official=None) -> GoldDocument:
    return GoldDocument(id=doc_id, text="some text", claims=tuple(claims), stances=tuple(stances),
                        official=dict(official or {}))


def pred(doc_id="d1", claims=(), explanations=(), statements=()) -> dict:
    return {"id": doc_id, "published": None, "platform": "Twitter", "statements": list(statements),
            "claims": list(claims), "explanations": list(explanations)}


def claim_counts(gold_claims, predicted_claims):
    scores = score_document(gdoc(claims=gold_claims), pred(claims=predicted_claims)).claims
    return scores.tp, scores.fp, scores.fn


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Mira Holt", "mira holt"),
        ("The Daily Ledger", "daily ledger"),
        ("@PlatformHelp", "platformhelp"),
        ("Dev Raman 🚀✨", "dev raman"),
        ("O'Neill", "oneill"),
        ("Ana-Lucia Ferro", "ana lucia ferro"),
        ("  KOFI   ASANTE!! ", "kofi asante"),
        ("The", "the"),
        ("Theo Brandt", "theo brandt"),
        ("Sam\u200dLee", "samlee"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_name(name, expected):
    assert normalize_name(name) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Holt", "Mira Holt", True),
        ("Mira Holt", "holt", True),
        ("mira  HOLT.", "Mira Holt", True),
        ("The Ledger", "Ledger", True),
        ("@mira", "Mira Holt", True),
        ("Mira Holt", "Mira Stone", False),
        ("Mira Holton", "Mira Holt", False),
        ("Kofi", "Kojo Asante", False),
        ("", "Mira Holt", False),
        ("🚀", "Mira Holt", False),
    ],
)
def test_names_match(a, b, expected):
    assert names_match(a, b) is expected
    assert names_match(b, a) is expected


@pytest.mark.parametrize(
    ("a", "b", "handle_a", "handle_b", "expected"),
    [
        ("Mimi", "Mira Holt", "@MiraHolt", None, True),
        ("Mimi", "Mira Holt", "@mira_holt", None, True),
        ("Mira Holt", "Mimi", None, "@MiraHolt", True),
        ("Mimi", "MH", "@miraholt", "@MiraHolt", True),
        ("Mimi", "Mira Holt", "@someoneelse", None, False),
        ("Mimi", "Mira Holt", None, None, False),
    ],
)
def test_names_match_with_handles(a, b, handle_a, handle_b, expected):
    assert names_match(a, b, handle_a=handle_a, handle_b=handle_b) is expected


# --------------------------------------------------------------------------- claims


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        (1_005_000, 1_000_000, True),   # exactly 0.5 % over
        (995_000, 1_000_000, True),     # exactly 0.5 % under
        (1_005_001, 1_000_000, False),
        (994_999, 1_000_000, False),
        (3015, 3000, True),
        (3016, 3000, False),
        (80_000, 80_000, True),
        (0, 0, True),
        (1, 0, False),
    ],
)
def test_amount_tolerance_boundary(predicted, gold, expected):
    assert amounts_match(predicted, gold) is expected


@pytest.mark.parametrize(
    ("gold_claims", "predicted_claims", "expected"),
    [
        # exact match
        ([gclaim()], [pclaim()], (1, 0, 0)),
        # inside / outside the 0.5 % tolerance through the whole matcher
        ([gclaim(amount=20_000_000)], [pclaim(amount=20_100_000)], (1, 0, 0)),
        ([gclaim(amount=20_000_000)], [pclaim(amount=20_100_001)], (0, 1, 1)),
        # kind must be equal
        ([gclaim(kind="follower_loss")], [pclaim(kind="follower_gain")], (0, 1, 1)),
        # subject names match by token subset, not otherwise
        ([gclaim(subject="Mira Holt")], [pclaim(subject="Holt")], (1, 0, 0)),
        ([gclaim(subject="Mira Holt")], [pclaim(subject="Dev Raman")], (0, 1, 1)),
        # a prediction with a null amount is not scored at all
        ([gclaim()], [pclaim(amount=None)], (0, 0, 1)),
        ([], [pclaim(amount=None)], (0, 0, 0)),
        # one prediction cannot match two gold claims
        ([gclaim(amount=80_000), gclaim(amount=80_200)], [pclaim(amount=80_100)], (1, 0, 1)),
        # one gold claim cannot absorb two predictions (the same claim predicted twice)
        ([gclaim()], [pclaim(), pclaim()], (1, 1, 0)),
    ],
)
def test_claim_matching(gold_claims, predicted_claims, expected):
    assert claim_counts(gold_claims, predicted_claims) == expected


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_claim_matching_is_maximum_not_greedy(order):
    # P1 (1004) fits both gold claims and is the closest to A; P2 (995) fits only A.
    # Greedy would give A the P1 and leave B unmatched; augmenting paths match both.
    golds = [gclaim(amount=1000), gclaim(amount=1009)]
    preds = [pclaim(amount=1004), pclaim(amount=995)]
    assert amounts_match(1004, 1009) and not amounts_match(995, 1009)
    assert claim_counts(golds, [preds[i] for i in order]) == (2, 0, 0)


def test_more_matched_claims_beat_better_attributes():
    # P1 fits both gold claims and agrees with A on every attribute; P2 fits only A and
    # agrees on nothing. Matching P1-B and P2-A finds both claims: that wins.
    golds = [gclaim(amount=1000, qualifier=["exact"], duration=60, role="affected"),
             gclaim(amount=1009, qualifier=["over"], duration=86_400, role="third_party")]
    preds = [pclaim(amount=1004, qualifier="exact", duration=60, role="affected"),
             pclaim(amount=995, qualifier="under", duration=None, role="reporter")]
    scores = score_document(gdoc(claims=golds), pred(claims=preds)).claims
    assert (scores.tp, scores.fp, scores.fn) == (2, 0, 0)
    assert scores.qualifier_accuracy == 0.0


def test_best_matching_reassigns_along_augmenting_path():
    options = {0: [0, 1], 1: [0], 2: [1, 2]}
    matching = best_matching(3, 3, lambda g, p: 1 if p in options[g] else None)
    assert matching == {0: 1, 1: 0, 2: 2}


@pytest.mark.parametrize(("n_gold", "n_pred"), [(1, 4), (4, 1), (3, 5), (5, 3), (0, 2), (2, 0)])
def test_best_matching_is_maximum_on_rectangular_tables(n_gold, n_pred):
    # every gold item may match every prediction: the matching has min(n_gold, n_pred) pairs
    matching = best_matching(n_gold, n_pred, lambda g, p: 1)
    assert len(matching) == min(n_gold, n_pred)
    assert len(set(matching.values())) == len(matching)
    assert all(0 <= p < n_pred for p in matching.values())


def test_best_matching_prefers_weight_only_among_allowed_pairs():
    # gold 0 / prediction 0 is heavy, but taking it would leave gold 1 unmatched
    weights = {(0, 0): 5, (0, 1): 3, (1, 0): 3}
    assert best_matching(2, 2, lambda g, p: weights.get((g, p))) == {0: 1, 1: 0}
    assert best_matching(2, 2, lambda g, p: None) == {}


def test_duplicate_prediction_does_not_cost_a_correct_qualifier():
    # two predictions of one claim, the second with the right qualifier: it is the one matched
    golds = [gclaim(qualifier=["approx"])]
    preds = [pclaim(qualifier="exact"), pclaim(qualifier="approx")]
    scores = score_document(gdoc(claims=golds), pred(claims=preds)).claims
    assert (scores.tp, scores.fp, scores.qualifier_accuracy) == (1, 1, 1.0)


@pytest.mark.parametrize(
    ("gold_claim", "predicted_claim", "accuracies"),
    [
        (gclaim(qualifier=["over", "approx"]), pclaim(qualifier="approx"), (1.0, 1.0, 1.0)),
        (gclaim(qualifier=["approx"]), pclaim(qualifier="exact"), (0.0, 1.0, 1.0)),
        (gclaim(duration=86_400), pclaim(duration=86_400), (1.0, 1.0, 1.0)),
        (gclaim(duration=None), pclaim(duration=86_400), (1.0, 0.0, 1.0)),
        (gclaim(duration=129_600), pclaim(duration=None), (1.0, 0.0, 1.0)),
        (gclaim(role="third_party"), pclaim(role="reporter"), (1.0, 1.0, 0.0)),
    ],
)
def test_claim_attribute_accuracy(gold_claim, predicted_claim, accuracies):
    scores = score_document(gdoc(claims=[gold_claim]), pred(claims=[predicted_claim])).claims
    assert scores.tp == 1
    assert (scores.qualifier_accuracy, scores.duration_accuracy, scores.source_role_accuracy) == accuracies


def test_attribute_accuracy_counts_matched_pairs_only():
    golds = [gclaim(amount=5000, qualifier=["over"]), gclaim(subject="Dev Raman", amount=700)]
    preds = [pclaim(amount=5000, qualifier="over"), pclaim(subject="Ana Ferro", amount=1, qualifier="under")]
    scores = score_document(gdoc(claims=golds), pred(claims=preds)).claims
    assert (scores.tp, scores.fp, scores.fn) == (1, 1, 1)
    assert scores.qualifier_accuracy == 1.0


def test_claim_errors_carry_the_mention_text():
    score = score_document(gdoc(claims=[gclaim()]), pred(claims=[pclaim(amount=9, mention="nine fans gone")]))
    kinds = {(e.task, e.kind): e for e in score.errors}
    assert kinds[("claim", "false_positive")].evidence == "nine fans gone"
    assert kinds[("claim", "miss")].gold["amount"] == 5000


# --------------------------------------------------------------------------- stances


def test_highest_confidence_stands_for_the_pair():
    prediction = pred(explanations=[expl("bot_spam_purge", [
        pstance("Dev Raman", "third_party", "support", 0.6),
        pstance("Dev Raman", "third_party", "deny", 0.9),
        pstance("dev raman!", "third_party", "query", 0.7),
    ])])
    tuples = predicted_stances(prediction)
    assert [(t.speaker, t.stance) for t in tuples] == [("Dev Raman", "deny")]


def test_first_stance_wins_a_confidence_tie():
    prediction = pred(explanations=[expl("technical_glitch", [
        pstance("Dev Raman", "third_party", "support", 0.8),
        pstance("Dev Raman", "third_party", "deny", 0.8),
    ])])
    assert [t.stance for t in predicted_stances(prediction)] == ["support"]


def test_other_cause_and_anonymous_stances_are_ignored():
    prediction = pred(explanations=[
        expl("other", [pstance("Dev Raman", "third_party", "support")]),
        expl("political_bias", [], anonymous=[pstance("one user", "third_party", "support")]),
    ])
    assert predicted_stances(prediction) == []
    gold = gdoc(stances=[gstance("Dev Raman", "third_party", "other", "support")])
    scores = score_document(gold, prediction).stances
    assert (scores.tp, scores.fp, scores.fn) == (0, 0, 0)


def stance_counts(gold_stances, explanations, statements=()):
    scores = score_document(gdoc(stances=gold_stances), pred(explanations=explanations, statements=statements)).stances
    return scores.tp, scores.fp, scores.fn


@pytest.mark.parametrize(
    ("gold_stances", "explanations", "expected"),
    [
        # speaker, cause and stance all match
        ([gstance("Mira Holt", "affected", "political_bias", "support")],
         [expl("political_bias", [pstance("Holt", "affected", "support")])], (1, 0, 0)),
        # wrong stance: a false positive and a miss
        ([gstance("Mira Holt", "affected", "political_bias", "support")],
         [expl("political_bias", [pstance("Mira Holt", "affected", "query")])], (0, 1, 1)),
        # wrong cause
        ([gstance("Mira Holt", "affected", "political_bias", "support")],
         [expl("technical_glitch", [pstance("Mira Holt", "affected", "support")])], (0, 1, 1)),
        # other speaker
        ([gstance("Mira Holt", "affected", "political_bias", "support")],
         [expl("political_bias", [pstance("Dev Raman", "third_party", "support")])], (0, 1, 1)),
        # gold platform role: any predicted platform speaker is the platform
        ([gstance("Twitter", "platform", "political_bias", "deny")],
         [expl("political_bias", [pstance("Vijaya Gadde", "platform", "deny")])], (1, 0, 0)),
        ([gstance("Twitter", "platform", "political_bias", "deny")],
         [expl("political_bias", [pstance("Twitter Safety", "platform", "deny")])], (1, 0, 0)),
        # ... but only with that role
        ([gstance("Twitter", "platform", "political_bias", "deny")],
         [expl("political_bias", [pstance("Vijaya Gadde", "third_party", "deny")])], (0, 1, 1)),
        # gold reporter role: the article's voice, whatever name the prediction gives it
        ([gstance("reporter", "reporter", "bot_spam_purge", "comment")],
         [expl("bot_spam_purge", [pstance("The Daily Ledger", "reporter", "comment")])], (1, 0, 0)),
        ([gstance("reporter", "reporter", "bot_spam_purge", "comment")],
         [expl("bot_spam_purge", [pstance("Dev Raman", "third_party", "comment")])], (0, 1, 1)),
        # an affected speaker does not get the any-speaker rule
        ([gstance("Mira Holt", "affected", "locked_accounts", "support")],
         [expl("locked_accounts", [pstance("Dev Raman", "affected", "support")])], (0, 1, 1)),
        # one-to-one: two platform voices on one cause are one gold tuple and one false positive
        ([gstance("Twitter", "platform", "bot_spam_purge", "support")],
         [expl("bot_spam_purge", [pstance("Twitter Support", "platform", "support"),
                                  pstance("Jack Dorsey", "platform", "support")])], (1, 1, 0)),
    ],
)
def test_stance_matching(gold_stances, explanations, expected):
    assert stance_counts(gold_stances, explanations) == expected


def test_stance_speaker_matches_through_the_statement_handle():
    statements = [{"speaker": "Mimi", "handle": "MiraHolt", "role": "affected", "cue": "embed",
                   "text": "bots?", "start": 0, "end": 5, "date": None}]
    gold = [gstance("Mira Holt", "affected", "bot_spam_purge", "query")]
    explanations = [expl("bot_spam_purge", [pstance("Mimi", "affected", "query", statement=0)])]
    assert stance_counts(gold, explanations, statements) == (1, 0, 0)
    assert stance_counts(gold, explanations, ()) == (0, 1, 1)


def test_stance_matching_is_maximum():
    # The reporter-role prediction could pair with either gold reporter tuple by role,
    # but only the named one can take "Lena Park": both must be matched.
    gold = [gstance("reporter", "reporter", "genuine_unfollows", "comment"),
            gstance("Lena Park", "reporter", "genuine_unfollows", "comment")]
    explanations = [expl("genuine_unfollows", [pstance("Lena Park", "reporter", "comment"),
                                               pstance("reporter", "reporter", "comment")])]
    assert stance_counts(gold, explanations) == (2, 0, 0)


def test_alignment_keeps_every_true_positive():
    # "Lena Park" (reporter role) could pair with the gold reporter tuple (agreeing) or with the
    # gold "Lena Park" tuple (disagreeing); pairing for agreement wins over pairing more tuples.
    gold = [gstance("reporter", "reporter", "political_bias", "support"),
            gstance("Lena Park", "third_party", "political_bias", "deny")]
    explanations = [expl("political_bias", [pstance("Lena Park", "reporter", "support"),
                                            pstance("reporter", "reporter", "deny")])]
    stances = score_document(gdoc(stances=gold), pred(explanations=explanations)).stances
    assert (stances.tp, stances.fp, stances.fn) == (1, 1, 1)
    assert stances.confusion == {"support": {"support": 1}, "deny": {MISSING: 1}, SPURIOUS: {"deny": 1}}


def test_macro_f1_on_aligned_pairs():
    gold = [
        gstance("Ana Ferro", "affected", "political_bias", "support"),
        gstance("Dev Raman", "third_party", "political_bias", "deny"),
        gstance("Kofi Asante", "third_party", "technical_glitch", "query"),
        gstance("Lena Park", "third_party", "inactive_accounts", "comment"),  # never predicted
    ]
    explanations = [
        expl("political_bias", [pstance("Ana Ferro", "affected", "support"),
                                pstance("Dev Raman", "third_party", "support")]),
        expl("technical_glitch", [pstance("Kofi Asante", "third_party", "query")]),
        expl("genuine_unfollows", [pstance("Sam Okoro", "third_party", "comment")]),  # not in gold
    ]
    report = score_corpus([gdoc(stances=gold)], [pred(explanations=explanations)])
    stances = report.stances
    assert (stances.tp, stances.fp, stances.fn) == (2, 2, 2)
    assert stances.aligned == 3
    assert stances.confusion["support"] == {"support": 1}
    assert stances.confusion["deny"] == {"support": 1}
    assert stances.confusion["query"] == {"query": 1}
    assert stances.confusion["comment"] == {MISSING: 1}
    assert stances.confusion[SPURIOUS] == {"comment": 1}
    labels = stances.per_label()
    assert labels["support"]["f1"] == pytest.approx(2 / 3)
    assert labels["deny"]["f1"] == 0.0
    assert labels["query"]["f1"] == 1.0
    # comment occurs only outside the aligned pairs, so it is not averaged in
    assert stances.macro_f1 == pytest.approx((2 / 3 + 0.0 + 1.0) / 3)
    assert report.to_dict()["stances"]["macro_f1"] == pytest.approx(5 / 9)


def test_macro_f1_is_zero_without_aligned_pairs():
    report = score_corpus([gdoc(stances=[gstance("Ana Ferro", "affected", "political_bias", "support")])],
                          [pred()])
    assert report.stances.macro_f1 == 0.0


# --------------------------------------------------------------------------- official positions


def test_official_accuracy_and_unlisted_cause_is_not_addressed():
    gold = gdoc(official={"political_bias": "rejected", "bot_spam_purge": "endorsed",
                          "locked_accounts": "not_addressed", "other": "endorsed"})
    prediction = pred(explanations=[expl("political_bias", official="rejected"),
                                    expl("bot_spam_purge", official="not_addressed")])
    official = score_document(gold, prediction).official
    assert (official.correct, official.n) == (2, 3)
    assert official.accuracy == pytest.approx(2 / 3)


def test_official_mistake_is_listed_with_platform_evidence():
    gold = gdoc(official={"political_bias": "rejected"})
    prediction = pred(explanations=[expl("political_bias", [pstance("Twitter", "platform", "support",
                                                                     evidence="we target no one")],
                                         official="endorsed")])
    errors = [e for e in score_document(gold, prediction).errors if e.task == "official"]
    assert len(errors) == 1
    assert errors[0].evidence == "we target no one"
    assert errors[0].predicted == {"cause": "political_bias", "position": "endorsed"}


# --------------------------------------------------------------------------- documents


def test_negative_document_everything_predicted_is_a_false_positive():
    prediction = pred(claims=[pclaim()], explanations=[expl("bot_spam_purge", [pstance("Mira Holt", "affected", "support")])])
    report = score_corpus([gdoc()], [prediction])
    assert (report.claims.tp, report.claims.fp, report.claims.fn) == (0, 1, 0)
    assert (report.stances.tp, report.stances.fp, report.stances.fn) == (0, 1, 0)
    assert report.claims.precision == 0.0 and report.claims.recall == 0.0
    assert report.official.n == 0 and report.official.accuracy == 0.0


def test_gold_document_without_prediction_counts_misses():
    gold = gdoc(claims=[gclaim(), gclaim(amount=10)],
                stances=[gstance("Mira Holt", "affected", "bot_spam_purge", "support")],
                official={"bot_spam_purge": "not_addressed", "political_bias": "rejected"})
    report = score_corpus([gold], [])
    assert (report.claims.fn, report.stances.fn) == (2, 1)
    assert (report.official.correct, report.official.n) == (1, 2)
    assert report.per_document[0].predicted is False


def test_documents_pair_by_id_and_counts_are_micro():
    golds = [gdoc("a", claims=[gclaim()]), gdoc("b", claims=[gclaim(amount=42), gclaim(amount=7)])]
    preds = [pred("b", claims=[pclaim(amount=42)]), pred("a", claims=[pclaim(amount=5000)]),
             pred("zzz", claims=[pclaim()])]
    report = score_corpus(golds, preds)
    assert (report.claims.tp, report.claims.fp, report.claims.fn) == (2, 0, 1)
    assert report.claims.recall == pytest.approx(2 / 3)
    assert report.unscored == ["zzz"]
    assert report.documents == 2


def test_duplicate_prediction_ids_are_refused():
    with pytest.raises(ValueError, match="twice"):
        score_corpus([gdoc()], [pred(), pred()])


def test_to_dict_has_the_spec_keys_and_bounded_numbers():
    report = score_corpus([gdoc(claims=[gclaim()], official={"political_bias": "rejected"})],
                          [pred(claims=[pclaim()])], seconds=1.5)
    data = report.to_dict()
    assert {"documents", "claims", "stances", "official", "seconds"} <= set(data)
    assert {"precision", "recall", "f1", "tp", "fp", "fn", "qualifier_accuracy", "duration_accuracy",
            "source_role_accuracy"} <= set(data["claims"])
    assert {"precision", "recall", "f1", "macro_f1"} <= set(data["stances"])
    assert {"accuracy", "n"} <= set(data["official"])
    for section, keys in (("claims", ("precision", "recall", "f1", "qualifier_accuracy")),
                          ("stances", ("precision", "recall", "f1", "macro_f1")), ("official", ("accuracy",))):
        for key in keys:
            assert isinstance(data[section][key], float) and 0.0 <= data[section][key] <= 1.0
    assert data["seconds"] == 1.5 and data["documents"] == 1
    assert data["claims"]["per_kind"]["follower_loss"]["tp"] == 1
    assert "errors" in data and "errors" not in report.to_dict(errors=False)
