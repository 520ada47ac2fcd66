"""The pipeline's stages: plain data between them, a documented hook to replace or wrap one,
and one spaCy `pipe` call for a whole stream."""

from __future__ import annotations

import pickle

import pytest

from claimkit import Analyzer
from claimkit.claims import ClaimMention
from claimkit.errors import ConfigError
from claimkit.pipeline import STAGES
from claimkit.stance.base import StanceInput, StancePrediction
from claimkit.types import Statement

TEXT = (
    "Twitter said the accounts it removed were bots. "
    "Priya Shah wrote that she lost 3,000 followers overnight, but it was not political bias."
)


@pytest.fixture()
def fresh(analyzer):
    """An `Analyzer` sharing the session's spaCy pipeline, with its own stage table."""
    made = Analyzer.__new__(Analyzer)
    made.__dict__.update(analyzer.__dict__)
    made.stages = dict(STAGES)
    return made


def _recording(seen: dict[str, list]):
    def wrap(name):
        def wrapper(fn):
            def run(*args):
                result = fn(*args)
                seen.setdefault(name, []).append(result)
                return result

            return run

        return wrapper

    return wrap


def test_stage_names_are_listed_in_order():
    assert list(STAGES) == ["attribute", "claims", "roles", "merge", "causes", "stance_inputs", "stance", "align"]


def test_records_between_stages_pickle(fresh):
    seen: dict[str, list] = {}
    wrap = _recording(seen)
    for name in ("attribute", "claims", "stance_inputs", "stance"):
        fresh.wrap_stage(name, wrap(name))
    fresh.analyze(TEXT, published="2021-06-15")
    statements, mentions = seen["attribute"][0], seen["claims"][0]
    inputs, predictions = seen["stance_inputs"][0], seen["stance"][0]
    assert statements and mentions and inputs and len(predictions) == len(inputs)
    for records, kind in ((statements, Statement), (mentions, ClaimMention), (inputs, StanceInput),
                          (predictions, StancePrediction)):
        assert all(isinstance(r, kind) for r in records)
        assert pickle.loads(pickle.dumps(records)) == records


def test_stance_inputs_locate_their_text_in_the_document(fresh):
    seen: dict[str, list] = {}
    fresh.wrap_stage("stance_inputs", _recording(seen)("stance_inputs"))
    result = fresh.analyze(TEXT)
    for item in seen["stance_inputs"][0]:
        assert item.start >= 0
        assert result.text[item.start : item.start + len(item.text)] == item.text


def test_replaced_stage_runs_instead_of_the_default(fresh):
    fresh.replace_stage("claims", lambda doc, statements, document, platform, platforms: [])
    assert fresh.analyze(TEXT).claims == []


def test_stages_option_replaces_stages(analyzer):
    always_query = lambda inputs, doc, backend: [StancePrediction("query", 0.5) for _ in inputs]  # noqa: E731
    custom = Analyzer(analyzer.config, stages={"stance": always_query})
    records = [r for e in custom.analyze(TEXT).explanations for r in e.stances]
    assert records and {r.stance for r in records} == {"query"}


def test_replacing_the_stance_stage_keeps_the_other_stages(fresh, analyzer):
    fresh.wrap_stage("stance", lambda fn: fn)
    assert fresh.analyze(TEXT).to_dict() == analyzer.analyze(TEXT).to_dict()


@pytest.mark.parametrize("method", ["replace_stage", "wrap_stage"])
def test_unknown_stage_is_refused(fresh, method):
    with pytest.raises(ConfigError, match="unknown pipeline stage 'parse'; expected one of: attribute, claims"):
        getattr(fresh, method)("parse", lambda fn: fn)


class _CountingNLP:
    """Wraps a spaCy pipeline and counts its `pipe` calls."""

    def __init__(self, nlp) -> None:
        self.nlp, self.pipe_calls, self.kwargs = nlp, 0, {}

    def pipe(self, texts, **kwargs):
        self.pipe_calls += 1
        self.kwargs = kwargs
        return self.nlp.pipe(texts, **kwargs)

    def __call__(self, text):
        return self.nlp(text)


def test_pipe_parses_the_whole_stream_in_one_call(fresh, analyzer):
    counting = _CountingNLP(fresh.nlp)
    fresh.nlp = counting
    texts = [f"Priya Shah lost {n} followers today." for n in range(100, 140)]
    results = list(fresh.pipe(texts, batch_size=4))
    assert counting.pipe_calls == 1
    assert counting.kwargs == {"as_tuples": True, "batch_size": 4, "n_process": 1}
    assert [r.claims[0].amount for r in results] == list(range(100, 140))
    assert [r.to_dict() for r in results[:3]] == [analyzer.analyze(t).to_dict() for t in texts[:3]]


def test_pipe_is_lazy(fresh):
    def texts():
        yield "Priya Shah lost 500 followers today."
        raise AssertionError("read past the first document")

    first = next(iter(fresh.pipe(texts(), batch_size=1)))
    assert first.claims[0].amount == 500


def test_pipe_reports_a_failing_document_and_goes_on(fresh):
    def claims_stage(doc, statements, document, platform, platforms):
        if "boom" in doc.text:
            raise ValueError("boom")
        return STAGES["claims"](doc, statements, document, platform, platforms)

    fresh.replace_stage("claims", claims_stage)
    failed = []
    results = list(fresh.pipe(["Priya Shah lost 500 followers.", "boom", "Priya Shah gained 20 followers."],
                              on_error=lambda document, err: failed.append((document.text, str(err)))))
    assert [r.claims[0].amount for r in results] == [500, 20]
    assert failed == [("boom", "boom")]
