"""Safe span creation (claimkit.spans): never inverted, never out of bounds, same spans as spaCy."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from claimkit.spans import char_span, clamp, doc_text, tokens_span

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "dev.jsonl"


@pytest.mark.parametrize(
    ("start", "end", "length", "expected"),
    [(0, 4, 10, (0, 4)), (-3, 5, 4, (0, 4)), (6, 2, 10, (6, 6)), (12, 15, 10, (10, 10))],
)
def test_clamp(start, end, length, expected):
    assert clamp(start, end, length) == expected


@pytest.mark.parametrize(("start", "end"), [(20, 10), (7, 5), (5, 5), (-10, 0), (100, 200), (-5, 3)])
@pytest.mark.parametrize("mode", ["expand", "contract", "strict"])
def test_inverted_empty_or_outside_ranges_are_no_span_or_clamped(nlp, start, end, mode):
    doc = nlp("Mayor Ortiz lost 2, 84,746 followers.")
    span = char_span(doc, start, end, mode)
    if span is not None:
        assert 0 <= span.start < span.end <= len(doc)
    assert len(tokens_span(doc, 5, 2)) == 0 and len(tokens_span(doc, -4, 99)) == len(doc)


def test_same_spans_as_spacy_for_every_non_empty_range(nlp):
    texts = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()[:6]]
    texts += ["a  b\n\n c ", "  lead", 'x é — "q" (@h)  ']
    rng = random.Random(0)  # any seed: the property holds for every range
    for text in texts:
        doc = nlp(text)
        assert doc_text(doc) == doc.text
        for _ in range(200):
            a = rng.randrange(0, len(text))
            b = rng.randrange(a + 1, len(text) + 1)
            for mode in ("expand", "contract", "strict"):
                reference = doc.char_span(a, b, alignment_mode=mode)
                mine = char_span(doc, a, b, mode)
                if reference is None or not len(reference):
                    assert mine is None, (mode, a, b)
                else:
                    assert (mine.start, mine.end) == (reference.start, reference.end), (mode, a, b)
