"""The newsroom view: subject resolution, consolidation, timelines and the corpus matrix.

Most tables build `Analysis` objects by hand from short texts the team wrote,
so they test the cross-document logic, not the extractors; the last test runs
the pipeline on three small documents end to end.
"""

from __future__ import annotations

import pytest

from claimkit.newsroom import build, consolidate, figure_range, signed_change, timelines
from claimkit.newsroom.consolidate import years_named
from claimkit.newsroom.model import ClaimRef
from claimkit.newsroom.resolve import Resolver, account_kind, name_key
from claimkit.types import Analysis, Claim, Explanation, Span, StanceRecord, Statement


def claim(subject, amount, qualifier="exact", kind="follower_loss", *, low=None, high=None, seconds=None,
          start=None, end=None, speaker="reporter", role="reporter", text=None) -> Claim:
    shown = text or (f"{amount:,}" if amount is not None else f"{low:,} to {high:,}")
    return Claim(kind=kind, subject=subject, platform="Twitter", amount=amount, amount_text=shown,
                 qualifier=qualifier, duration_seconds=seconds, period_text=None, start_date=start, end_date=end,
                 source_role=role, source_speaker=speaker, amount_low=low, amount_high=high, mentions=[])


def ref(subject_key, c: Claim, date, document=0, index=0, event=None) -> ClaimRef:
    return ClaimRef(document=document, claim_index=index, claim=c, account=subject_key, date=date,
                    outlet=f"outlet-{document}", sentence="", event=event)


def doc(doc_id, published, text, claims=(), statements=(), explanations=(), **meta) -> Analysis:
    return Analysis(doc_id, published, "Twitter", list(statements), list(claims), list(explanations), text=text,
                    meta=meta)


def mention(text, needle) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle), needle)


# --------------------------------------------------------------------------- subject resolution


@pytest.mark.parametrize(
    ("forms", "together", "apart"),
    [
        # a short name whose words are in one longer name is that person
        ([("Mara Quinn", None), ("Quinn", None)], ["Mara Quinn", "Quinn"], []),
        # titles do not count
        ([("Senator Mara Quinn", None), ("Mara Quinn", None)], ["Senator Mara Quinn", "Mara Quinn"], []),
        # two people share the surname: the short name stays apart
        ([("Mara Quinn", None), ("Eli Quinn", None), ("Quinn", None)], ["Mara Quinn"], ["Quinn", "Eli Quinn"]),
        # a statement's handle ties the handle to the name everywhere
        ([("Jo Reed", "joreedtv"), ("@joreedtv", None)], ["Jo Reed", "@joreedtv"], []),
        # a handle that spells a name is that name
        ([("@MaraQuinn", None), ("Mara Quinn", None)], ["@MaraQuinn", "Mara Quinn"], []),
        # a platform is never merged with its regional account or its voices
        ([("Twitter", None), ("Twitter India", None), ("Twitter Support", None)], ["Twitter"],
         ["Twitter India", "Twitter Support"]),
        # an owner is not the platform
        ([("Elon Musk", None), ("X", None)], ["Elon Musk"], ["X"]),
    ],
)
def test_subjects_resolve_across_documents(forms, together, apart):
    resolver = Resolver([(form, handle, n) for n, (form, handle) in enumerate(forms)])
    keys = {resolver.key_of(f) for f in together}
    assert len(keys) == 1
    for form in apart:
        assert resolver.key_of(form) not in keys


def test_an_account_keeps_every_surface_form_and_its_documents():
    resolver = Resolver([("Mara Quinn", "maraq", 0), ("Quinn", None, 1), ("@maraq", None, 2)])
    (account,) = resolver.accounts
    assert account.name == "Mara Quinn" and account.kind == "person"
    assert account.forms == ("@maraq", "Mara Quinn", "Quinn")
    assert account.handles == ("maraq",)
    assert account.documents == (0, 1, 2)


@pytest.mark.parametrize(
    ("form", "kind"),
    [("Twitter", "platform"), ("Twitter India", "platform"), ("@TwitterSupport", "platform"),
     ("Jack Dorsey", "person"), ("Mara Quinn", "person"), ("@maraq", "person"), ("users", "group")],
)
def test_account_kind(form, kind):
    assert account_kind(form) == kind


def test_name_key_drops_titles_but_not_a_name_made_only_of_them():
    assert name_key("President Mara Quinn") == "mara quinn"
    assert name_key("The Governor") == "governor"


# --------------------------------------------------------------------------- figures and disagreement


@pytest.mark.parametrize(
    ("c", "expected"),
    [
        (claim("A", 300_000, "approx"), (255_000, 345_000)),
        (claim("A", 300_000, "over"), (300_000, float("inf"))),
        (claim("A", 300_000, "under"), (150_000, 300_000)),
        (claim("A", None, low=8_000_000, high=10_000_000), (8_000_000, 10_000_000)),
        (claim("A", None, text="thousands"), None),
    ],
)
def test_figure_range(c, expected):
    found = figure_range(ref("a", c, None))
    assert found == (pytest.approx(expected) if expected else None)


# account, [(amount, qualifier, date, document)], expected changes: [(n reports, low, high, disagreement)]
CONSOLIDATION = [
    # three outlets, one July week: 340,000 exact, about 300,000, 204,000: they disagree
    ([(340_000, "exact", "2018-07-12", 0), (300_000, "approx", "2018-07-13", 1), (204_000, "exact", "2018-07-14", 2)],
     [(3, 204_000, 340_000, True)]),
    # "about 300,000" and 320,000 agree within the qualifier
    ([(300_000, "approx", "2018-07-12", 0), (320_000, "exact", "2018-07-12", 1)], [(2, 300_000, 320_000, False)]),
    # "over 100,000" and 140,000 agree
    ([(100_000, "over", "2018-07-12", 0), (140_000, "exact", "2018-07-13", 1)], [(2, 100_000, 140_000, False)]),
    # 80,000 in February, 900,000 in July: two events, two changes, no disagreement
    ([(80_000, "exact", "2018-02-21", 0), (900_000, "exact", "2018-07-12", 1)],
     [(1, 80_000, 80_000, False), (1, 900_000, 900_000, False)]),
    # one document's two figures are two changes (first and second quarter)
    ([(583_000_000, "exact", "2018-05-15", 0), (800_000_000, "exact", "2018-05-15", 0)],
     [(1, 583_000_000, 583_000_000, False), (1, 800_000_000, 800_000_000, False)]),
    # undated reports of three outlets are one change; 340,000 / about 300,000 / 204,000 disagree (×1.65 > ×1.25)
    ([(340_000, "exact", None, 0), (300_000, "approx", None, 1), (204_000, "exact", None, 2)],
     [(3, 204_000, 340_000, True)]),
    # undated 2,000,000 against 300,000: one change, flagged
    ([(2_000_000, "exact", None, 0), (300_000, "exact", None, 1)], [(2, 300_000, 2_000_000, True)]),
    # undated 300,000 against 340,000: within the undated tolerance, not flagged
    ([(300_000, "exact", None, 0), (340_000, "exact", None, 1)], [(2, 300_000, 340_000, False)]),
    # undated "over 200,000" covers 340,000
    ([(200_000, "over", None, 0), (340_000, "exact", None, 1)], [(2, 200_000, 340_000, False)]),
    # a dated and an undated report are two changes: the undated one may be of any event
    ([(340_000, "exact", "2018-07-12", 0), (204_000, "exact", None, 1)],
     [(1, 340_000, 340_000, False), (1, 204_000, 204_000, False)]),
]


@pytest.mark.parametrize(("reports", "expected"), CONSOLIDATION)
def test_consolidation(reports, expected):
    refs = [ref("mara-quinn", claim("Mara Quinn", a, q), d, document=n, index=i)
            for i, (a, q, d, n) in enumerate(reports)]
    changes = consolidate(refs)
    assert [(len(c.reports), c.low, c.high, c.disagreement) for c in changes] == expected


def test_a_change_has_spread_ratio_dates_and_outlets():
    refs = [ref("m", claim("M", 340_000), "2018-07-12", 0), ref("m", claim("M", 204_000), "2018-07-14", 1)]
    (change,) = consolidate(refs)
    assert (change.spread, change.ratio) == (136_000, pytest.approx(1.667, abs=1e-3))
    assert (change.first, change.last) == ("2018-07-12", "2018-07-14")
    assert change.outlets == ("outlet-0", "outlet-1")
    assert change.differs


def test_undated_figures_within_the_tolerance_differ_but_do_not_disagree():
    refs = [ref("m", claim("M", 300_000), None, 0), ref("m", claim("M", 340_000), None, 1)]
    (change,) = consolidate(refs)
    assert change.differs and not change.disagreement
    assert change.window == "undated" and change.undated and change.first is None


@pytest.mark.parametrize(
    ("dates", "events", "window"),
    [(("2018-07-12", "2018-07-13"), (None, None), "dated"), ((None, None), ("purge", "purge"), "event"),
     ((None, None), (None, None), "undated"), ((None, None), ("purge", None), "undated")],
)
def test_a_change_says_how_its_event_window_is_known(dates, events, window):
    refs = [ref("m", claim("M", 3000), d, n, event=e) for n, (d, e) in enumerate(zip(dates, events, strict=True))]
    (change,) = consolidate(refs)
    assert change.window == window


@pytest.mark.parametrize(
    ("sentence", "amount_text", "years"),
    [("Quinn lost 340,000 followers in the 2014 purge.", "340,000", {"2014"}),
     ("Quinn lost 2018 followers in 2019 and 2020.", "2018", {"2019", "2020"}),
     ("Quinn lost 2,018 followers, 20180 fans and 2018.5 likes.", "2,018", set()),
     ("Quinn lost 340,000 followers.", "340,000", set())],
)
def test_years_named_by_a_claims_own_text(sentence, amount_text, years):
    c = claim("Quinn", 1, text=amount_text)
    assert years_named(ClaimRef(0, 0, c, "q", None, None, sentence)) == years


def test_undated_reports_whose_sentences_name_different_years_are_two_changes():
    a = ClaimRef(0, 0, claim("M", 340_000), "m", None, "a", "M lost 340,000 followers in 2014.")
    b = ClaimRef(1, 0, claim("M", 204_000), "m", None, "b", "M lost 204,000 followers in 2018.")
    c = ClaimRef(2, 0, claim("M", 210_000), "m", None, "c", "M lost 210,000 followers.")
    changes = consolidate([a, b, c])
    assert sorted(len(x.reports) for x in changes) == [1, 2]
    assert not any(x.disagreement for x in changes)


def test_an_event_tag_separates_and_joins_changes():
    a = ref("m", claim("M", 2_000_000), None, 0, event="purge-2018")
    b = ref("m", claim("M", 300_000), None, 1, event="deal-2022")
    c = ref("m", claim("M", 310_000), None, 2, event="deal-2022")
    d = ref("m", claim("M", 100_000), None, 3, event="deal-2022")
    changes = consolidate([a, b, c, d])
    assert sorted(len(x.reports) for x in changes) == [1, 3]
    (deal,) = [x for x in changes if len(x.reports) == 3]
    assert deal.disagreement  # one event, 100,000 against 300,000


@pytest.mark.parametrize(
    ("seconds_a", "seconds_b", "changes"),
    [(60, 86_400, 2), (86_400, 129_600, 1), (None, 60, 1)],
)
def test_spans_far_apart_are_different_changes(seconds_a, seconds_b, changes):
    refs = [ref("m", claim("M", 3000, seconds=seconds_a), "2018-02-21", 0),
            ref("m", claim("M", 3000, seconds=seconds_b), "2018-02-21", 1)]
    assert len(consolidate(refs)) == changes


@pytest.mark.parametrize(
    ("platforms", "dates", "changes"),
    [(("Instagram", "Twitter"), (None, None), 2), (("Instagram", "Twitter"), ("2018-07-12", "2018-07-12"), 2),
     (("X", "Twitter"), ("2023-07-12", "2023-07-13"), 1), (("Twitter", None), (None, None), 1)],
)
def test_a_loss_on_another_platform_is_another_change(platforms, dates, changes):
    refs = []
    for n, (platform, day) in enumerate(zip(platforms, dates, strict=True)):
        c = claim("M", 3000)
        c.platform = platform
        refs.append(ref("m", c, day, n))
    assert len(consolidate(refs)) == changes


def test_kinds_are_never_one_change():
    refs = [ref("m", claim("M", 3000), "2018-02-21", 0), ref("m", claim("M", 3000, kind="follower_gain"), "2018-02-21", 1)]
    assert {c.kind for c in consolidate(refs)} == {"follower_loss", "follower_gain"}


# --------------------------------------------------------------------------- timelines


@pytest.mark.parametrize(
    ("c", "expected"),
    [
        (claim("M", 80_000), -80_000),
        (claim("M", 5_000, kind="follower_gain"), 5_000),
        (claim("Twitter", 70_000_000, kind="accounts_removed"), -70_000_000),
        (claim("M", None, low=8_000_000, high=10_000_000), -9_000_000),
        (claim("M", None, text="thousands"), None),
    ],
)
def test_signed_change(c, expected):
    assert signed_change(ref("m", c, None)) == expected


def test_timeline_orders_by_date_across_documents_undated_last():
    refs = [
        ref("m", claim("M", 1), None, 0),
        ref("m", claim("M", 2, kind="follower_gain"), "2018-07-14", 1),
        ref("m", claim("M", 3), "2018-02-21", 2),
        ref("other", claim("O", 4), "2018-01-01", 2),
    ]
    lines = {t.account: t for t in timelines(refs)}
    assert [(p.date, p.change) for p in lines["m"].points] == [("2018-02-21", -3), ("2018-07-14", 2), (None, -1)]
    assert [p.change for p in lines["m"].dated] == [-3, 2]
    assert len(lines["other"].points) == 1


# --------------------------------------------------------------------------- build: documents to a corpus view

LEDGER = ' date 2018-07-13\nMara Quinn lost 340,000 followers this week. "These were bots," Twitter said.'
COURIER = "Quinn said she lost about 300,000 followers. She called it censorship."
POSTS = "Lost 204,000 followers since Wednesday. This is censorship."


def corpus() -> list[Analysis]:
    ledger_twitter = Statement("Twitter", None, "platform", "said", '"These were bots," Twitter said.',
                               LEDGER.index('"These'), len(LEDGER))
    ledger = doc(
        "ledger", "2018-07-13", LEDGER,
        claims=[Claim("follower_loss", "Mara Quinn", "Twitter", 340_000, "340,000", "exact", None, "this week",
                      "2018-07-09", "2018-07-13", "reporter", "reporter", [mention(LEDGER, "lost 340,000 followers")])],
        statements=[ledger_twitter],
        explanations=[Explanation(
            "bot_spam_purge", [mention(LEDGER, "bots")],
            [StanceRecord(0, "Twitter", "platform", "support", 0.9, mention(LEDGER, "bots"))],
            "endorsed", ["Twitter"], [], [])],
        source="The Ledger",
    )
    courier_quinn = Statement("Quinn", None, "affected", "said", COURIER, 0, len(COURIER))
    courier = doc(
        "courier", "2018-07-14", COURIER,
        claims=[Claim("follower_loss", "Quinn", "Twitter", 300_000, "300,000", "approx", None, None, None, None,
                      "affected", "Quinn", [mention(COURIER, "lost about 300,000 followers")], statement=0)],
        statements=[courier_quinn],
        explanations=[Explanation(
            "political_bias", [mention(COURIER, "censorship")],
            [StanceRecord(0, "Quinn", "affected", "support", 0.8, mention(COURIER, "censorship"))],
            "not_addressed", ["Quinn"], [], [])],
        url="https://courier.example/quinn",
    )
    posts = doc(
        "post-1", "2018-07-15", POSTS,
        claims=[Claim("follower_loss", "Mara Quinn", "Twitter", 204_000, "204,000", "exact", None, "since Wednesday",
                      "2018-07-11", "2018-07-15", "affected", "Mara Quinn", [mention(POSTS, "Lost 204,000 followers")])],
        statements=[Statement("Mara Quinn", "maraq", "affected", "embed", POSTS, 0, len(POSTS))],
        explanations=[Explanation(
            "political_bias", [mention(POSTS, "censorship")],
            [StanceRecord(0, "Mara Quinn", "affected", "support", 0.9, mention(POSTS, "censorship"))],
            "not_addressed", ["Mara Quinn"], [], [])],
        source="posts",
    )
    return [ledger, courier, posts]


def test_build_groups_one_account_across_outlets_and_flags_the_disagreement():
    view = build(corpus())
    (account,) = [a for a in view.accounts if a.kind == "person"]
    assert account.name == "Mara Quinn" and set(account.forms) >= {"Mara Quinn", "Quinn"}
    (change,) = view.changes_of(account.key)
    assert [r.claim.amount for r in change.reports] == [340_000, 300_000, 204_000]
    assert change.disagreement and change.outlets == ("The Ledger", "courier.example", "posts")
    assert view.summary.shared_accounts == 1 and view.summary.disagreements == 1
    assert view.claims[0].sentence == "Mara Quinn lost 340,000 followers this week."


def test_build_matrix_iterates_the_causes_the_documents_raise():
    view = build(corpus())
    assert [row.cause for row in view.matrix] == ["bot_spam_purge", "political_bias"]
    bias = view.matrix[1]
    assert [(s.name, s.documents) for s in bias.supporters] == [("Mara Quinn", (1, 2))]
    bots = view.matrix[0]
    assert bots.positions == {"Twitter": "endorsed"}
    (official,) = bots.official
    assert (official.platform, official.date, official.document) == ("Twitter", "2018-07-13", 0)


def test_a_cause_outside_the_taxonomy_shows_up_unchanged():
    text = "Mara Quinn blamed solar flares."
    custom = doc("x", "2018-07-16", text, statements=[Statement("Mara Quinn", None, "affected", "said", text, 0, 31)],
                 explanations=[Explanation("solar_flares", [mention(text, "solar flares")],
                                           [StanceRecord(0, "Mara Quinn", "affected", "support", 0.7,
                                                         mention(text, "solar flares"))],
                                           "not_addressed", ["Mara Quinn"], [], [])])
    view = build([*corpus(), custom])
    assert "solar_flares" in [row.cause for row in view.matrix]


def test_saved_output_without_text_still_gives_sentences():
    saved = [Analysis.from_dict(a.to_dict()) for a in corpus()]
    assert all(not a.text for a in saved)
    view = build(saved)
    assert view.claims[1].sentence == "Quinn said she lost about 300,000 followers."


def test_pipeline_end_to_end_on_three_small_documents(analyzer):
    texts = [
        (" date 2018-07-13\n source The Ledger\nTwitter removed locked accounts this week. Pop singer "
         "Mara Quinn lost 340,000 followers, the company said."),
        (" date 2018-07-14\n source The Courier\nMara Quinn lost about 300,000 followers after Twitter's clean-up."),
        (" date 2018-07-14\n source The Sentinel\nThe singer Mara Quinn lost 204,000 followers on Thursday."),
    ]
    analyses = list(analyzer.pipe(texts))
    view = build(analyses)
    quinn = [c for c in view.changes if view.account(c.account).name == "Mara Quinn"]
    assert len(quinn) == 1
    assert sorted(r.claim.amount for r in quinn[0].reports) == [204_000, 300_000, 340_000]
    assert quinn[0].disagreement
    assert set(quinn[0].outlets) == {"The Ledger", "The Courier", "The Sentinel"}


# Hand-written outlets, run through the pipeline: account, documents -> changes [(reports, low, high, disagreement)]
OUTLETS = [
    # three undated outlets: one change of unknown event window, flagged
    ([" source The Ledger\nPop singer Mara Quinn lost 340,000 followers after Twitter's clean-up.",
      " source The Courier\nMara Quinn lost about 300,000 followers, the company said.",
      " source The Sentinel\nThe singer Mara Quinn lost 204,000 followers."],
     [(3, 204_000, 340_000, True)]),
    # two dated events five months apart: two changes, nothing flagged
    ([" date 2018-02-21\n source The Ledger\nMara Quinn lost 80,000 followers this week.",
      " date 2018-07-12\n source The Courier\nMara Quinn lost 900,000 followers this week."],
     [(1, 80_000, 80_000, False), (1, 900_000, 900_000, False)]),
    # undated, the qualifiers cover the gap: one change, not flagged
    ([" source The Ledger\nMara Quinn lost more than 200,000 followers.",
      " source The Courier\nMara Quinn lost 340,000 followers.",
      " source The Sentinel\nMara Quinn lost about 300,000 followers."],
     [(3, 200_000, 340_000, False)]),
    # undated, the sentences name different years: two changes
    ([" source The Ledger\nMara Quinn lost 340,000 followers in the 2014 purge.",
      " source The Courier\nMara Quinn lost 204,000 followers in 2018."],
     [(1, 340_000, 340_000, False), (1, 204_000, 204_000, False)]),
    # undated, spans far apart (a minute, a month): two changes
    ([" source The Ledger\nMara Quinn lost 3,000 followers in a single minute.",
      " source The Courier\nMara Quinn lost 90,000 followers over the past month."],
     [(1, 3_000, 3_000, False), (1, 90_000, 90_000, False)]),
]


@pytest.mark.parametrize(("texts", "expected"), OUTLETS)
def test_outlets_consolidate_on_hand_written_documents(analyzer, texts, expected):
    view = build(analyzer.pipe(texts))
    quinn = [c for c in view.changes if view.account(c.account).name == "Mara Quinn"]
    assert sorted((len(c.reports), c.low, c.high, c.disagreement) for c in quinn) == sorted(expected)
    assert view.summary.disagreements == sum(flag for *_, flag in expected)
    if any(d.published for d in view.documents):
        assert view.summary.undated_disagreements == 0
    else:
        assert all(c.undated for c in quinn) and view.summary.undated_disagreements == view.summary.disagreements
