"""The relevance pre-filter: cheap, and it loses nothing `extract` finds."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from claimkit.batch import read_output, run
from claimkit.batch.filter import LemmaForms, RelevanceFilter, relevance_terms
from claimkit.batch.sources import read_sources

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="module")
def relevant(nlp):
    return RelevanceFilter(nlp)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Twitter purged 70 million bots last week.", True),
        ("I lost 3,000 followers overnight.", True),
        ("Kher's count fell (900k) after the clean-up.", True),  # an amount in parentheses
        ("The platform said the accounts were locked until owners confirmed a phone number.", True),
        ("Was it a glitch?", True),
        ("Critics called it censorship.", True),
        ("My followers are leaving in droves.", True),
        ("Real people left the site.", True),  # a lemma cue: "~leave" as "left"
        ("Lovely weather in Leeds today.", False),
        ("Police confirm two suspects are still inside the building.", False),
        ("That is fake news.", False),  # "fake" undone by "news"
        ("So many fakes out there.", True),
        ("We had 300 people at the rally.", False),  # an amount, but nothing to count it as followers
    ],
)
def test_filter_table(relevant, text, expected):
    assert relevant(text) is expected


def test_header_is_not_read(relevant):
    text = " date 2018-02-21 Lovely weather."
    assert relevant(text, body_start=16) is False


def test_terms_come_from_the_taxonomy():
    from claimkit.taxonomy import builtin_taxonomy

    taxonomy = builtin_taxonomy()
    terms = relevance_terms(taxonomy)
    assert len(terms.cues) == sum(len(cue.patterns) for cause in taxonomy.causes for cue in cause.cues)
    assert {"followers", "accounts", "bots"} <= terms.claim_words


def test_a_users_cause_makes_a_document_relevant(nlp):
    from claimkit.taxonomy import load_taxonomy

    taxonomy = load_taxonomy({"extend": True, "causes": [{
        "label": "ai_moderation", "description": "an automated moderation model removed accounts",
        "patterns": ["moderation model", [{"LOWER": "classifier"}, {"LOWER": "sweep"}]]}]})
    text = "The company blamed its new moderation model."
    assert RelevanceFilter(nlp)(text) is False
    extended = RelevanceFilter(nlp, relevance_terms(taxonomy))
    assert extended(text) is True
    assert extended("A classifier sweep hit the site.") is True


def test_lemma_forms_cover_inflections_and_exceptions(nlp):
    forms = LemmaForms(nlp)
    assert {"leave", "leaves", "leaving", "left"} <= forms.forms("leave")
    assert {"confirm", "confirmed", "confirms", "confirming"} <= forms.forms("confirm")
    assert forms.forms("be") is None  # the attribute ruler gives "be" to tokens it does not list


def _paragraph_units(paths):
    """The documents of a corpus, then each of their paragraphs as a post-length unit."""
    documents = [d for d in read_sources(paths) if not isinstance(d, Exception)]
    units = [{"id": d.id, "text": d.text, "published": d.published and d.published.isoformat()} for d in documents]
    for d in documents:
        for i, paragraph in enumerate(p for p in d.text[d.body_start :].split("\n\n") if p.strip()):
            units.append({"id": f"{d.id}#p{i}", "text": paragraph,
                          "published": d.published and d.published.isoformat()})
    return units


def _found(output):
    return {d["id"]: (d["claims"], d["explanations"]) for d in read_output(output)}


def _compare(tmp_path, units):
    source = tmp_path / "units.jsonl"
    source.write_text("".join(json.dumps(u) + "\n" for u in units), encoding="utf-8")
    errors = {"filter": [], "full": []}
    filtered = run([source], tmp_path / "filter.jsonl", workers=1, progress=False, max_error_rate=1.0,
                   on_error=errors["filter"].append)
    full = run([source], tmp_path / "full.jsonl", workers=1, progress=False, relevance_filter=False,
               max_error_rate=1.0, on_error=errors["full"].append)
    assert errors["filter"] == errors["full"]
    with_filter, without = _found(tmp_path / "filter.jsonl"), _found(tmp_path / "full.jsonl")
    assert with_filter == without
    assert filtered.claims == full.claims and filtered.explanations == full.explanations
    return filtered, full


GOLD = [
    pytest.param([REPO / "corpora" / "dev.jsonl"], id="dev"),
    pytest.param([REPO / "corpora" / "test.jsonl"], id="test"),
    pytest.param([SHARED / "seeds" / "gold.jsonl"], id="seeds"),
    pytest.param([SHARED / "realnews" / "gold.jsonl"], id="realnews"),
]


@pytest.mark.parametrize("paths", GOLD)
def test_batch_with_filter_finds_what_extract_finds_on_gold(tmp_path, paths):
    """Documents and their paragraphs: the same claims and explanations with and without the filter.

    Without the filter `batch` writes `extract --format jsonl`'s lines (tests/test_batch_run.py).
    """
    missing = [p for p in paths if not p.exists()]
    if missing:
        pytest.skip(f"{missing[0]} is absent (../shared is not on this machine)")
    filtered, full = _compare(tmp_path, _paragraph_units(paths))
    assert full.relevant == full.documents
    assert filtered.claims > 0


def test_filter_drops_ordinary_posts_and_loses_nothing_on_them(tmp_path):
    """RumourEval posts (news rumours, not follower counts): most are dropped, none with a finding."""
    source = SHARED / "datasets" / "rumoureval2017" / "dev.jsonl"
    if not source.exists():
        pytest.skip(f"{source} is absent (../shared is not on this machine)")
    rows = [json.loads(line) for line in source.open(encoding="utf-8")]
    sample = random.Random(9).sample(rows, 150)
    filtered, full = _compare(tmp_path, [{"id": r["id"], "text": r["text"]} for r in sample])
    assert filtered.relevant < 0.2 * filtered.documents
