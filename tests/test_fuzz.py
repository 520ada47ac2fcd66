"""Property-based fuzzing: no input crashes the pipeline or breaks an invariant.

Inputs come from hypothesis (random Unicode with lone surrogates and
controls) and from the seeded generator `claimkit.testing.fuzzgen` (mutated
sentences of corpora/dev.jsonl, odd number forms, malformed embeds and
quotes, long tokens, bad headers); hypothesis draws the generator's seed, so
no test depends on one seed. The invariants are `claimkit.testing.invariants`.
Profiles (tests/conftest.py): 20 examples a property by default
(CLAIMKIT_FUZZ_EXAMPLES=N for more); no example database, derandomized.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="the fuzz suite needs hypothesis (pip install claimkit[dev])")
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from claimkit.ingest import make_document, read_inputs  # noqa: E402
from claimkit.testing.fuzzgen import generate, load_seeds  # noqa: E402
from claimkit.testing.invariants import violations  # noqa: E402
from claimkit.types import Analysis  # noqa: E402

SEEDS = load_seeds(Path(__file__).resolve().parents[1] / "corpora" / "dev.jsonl")
PUBLISHED = "2021-06-15"
MAX_LONG = 5_000  # long tokens up to 5,000 characters here; eval/fuzz.py tries 148,000
UNICODE = st.text(alphabet=st.characters(exclude_categories=()), max_size=400)  # surrogates included


def fuzz_input(seed: int) -> str:
    return next(generate(1, seed=seed, seeds=SEEDS, max_long=MAX_LONG)).text


def assert_sound(analyzer, text: str) -> Analysis:
    analysis = analyzer.analyze(text, published=PUBLISHED)
    assert violations(analysis) == []
    assert Analysis.from_dict(json.loads(analysis.to_json())) == analysis
    analysis.to_json().encode("utf-8")  # always encodable
    return analysis


@given(seed=st.integers(min_value=0, max_value=2**63))
def test_generated_inputs_keep_every_invariant(analyzer, seed):
    assert_sound(analyzer, fuzz_input(seed))


@given(text=UNICODE)
def test_random_unicode_keeps_every_invariant(analyzer, text):
    assert_sound(analyzer, text)


@given(seeds=st.lists(st.integers(min_value=0, max_value=2**63), min_size=1, max_size=4))
def test_analyze_and_pipe_agree_and_are_deterministic(analyzer, seeds):
    texts = [fuzz_input(s) for s in seeds]
    one_by_one = [analyzer.analyze(t, doc_id=f"d{i}") for i, t in enumerate(texts)]
    docs = [make_document(t, f"d{i}") for i, t in enumerate(texts)]
    piped = list(analyzer.pipe(docs, batch_size=3))
    assert [a.to_dict() for a in piped] == [a.to_dict() for a in one_by_one]
    assert [analyzer.analyze(t, doc_id=f"d{i}").to_dict() for i, t in enumerate(texts)] == [
        a.to_dict() for a in one_by_one
    ]


def test_sharing_an_analyzer_between_threads_gives_the_same_results(analyzer):
    texts = [f.text for f in generate(12, seed=3, seeds=SEEDS, max_long=2_000)]
    expected = [analyzer.analyze(t).to_dict() for t in texts]
    results: dict[int, dict] = {}

    def work(indexes):
        for i in indexes:
            results[i] = analyzer.analyze(texts[i]).to_dict()

    threads = [threading.Thread(target=work, args=(range(k, len(texts), 4),)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [results[i] for i in range(len(texts))] == expected


# --------------------------------------------------------------------------- the real crashes, as plain tests


def test_lone_surrogate_from_a_jsonl_escape_is_replaced_not_a_crash(analyzer, tmp_path):
    # Was: UnicodeEncodeError inside the tokenizer.
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "s", "text": "Jo Reed said she lost 500 followers overnight. \\ud800 Odd."}\n', encoding="utf-8")
    (document,) = read_inputs([str(path)])
    analysis = assert_sound(analyzer, document)
    assert "\ufffd" in analysis.text and analysis.claims


@pytest.mark.parametrize(
    "text",
    [
        "Jo Reed lost " + "1" * 400 + " followers.",
        "Jo Reed lost 500 followers in the last " + "9" * 400 + " hours.",
        "Jo Reed lost 500 followers in 100000000000000000000 weeks.",
    ],
)
def test_hundreds_of_digits_are_ignored_figures_not_an_overflow(analyzer, text):
    # Was: OverflowError in numbers.parse_amount / _span_seconds / resolve_period.
    analysis = assert_sound(analyzer, text)
    assert analysis.claims == [] and len(analysis.ignored) == 1


def test_a_number_inside_the_previous_mention_is_not_an_e035_crash(analyzer):
    # Was: IndexError [E035] Error creating span with start 7 and end 5, in claims._gapped.
    assert_sound(analyzer, "Mayor Ortiz lost 2, 84,746 followers.")
