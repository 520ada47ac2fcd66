"""Per-document deadlines (claimkit.limits) and their use by the Analyzer and eval.

No test measures speed: each checks what happens once a deadline has passed.
"""

from __future__ import annotations

import signal
import threading

import pytest

from claimkit.errors import AnalysisError, ConfigError, DeadlineError
from claimkit.limits import Deadline, check, time_limit


@pytest.mark.parametrize(
    ("deadline", "chars", "seconds"),
    [
        (Deadline(), 0, 10.0),
        (Deadline(), 10_000, 10.0),
        (Deadline(), 100_000, 100.0),
        (Deadline(), 1_000_000, 1000.0),
        (Deadline(base=2.0, per_1000_chars=0.005), 1_000_000, 5.0),
    ],
)
def test_deadline_is_a_multiple_of_the_length(deadline, chars, seconds):
    assert deadline.seconds_for(chars) == seconds


@pytest.mark.parametrize(("base", "per"), [(0, 1.0), (-1, 1.0), (1.0, -0.5)])
def test_bad_deadline_is_a_config_error(base, per):
    with pytest.raises(ConfigError):
        Deadline(base=base, per_1000_chars=per)


def test_deadline_error_is_an_analysis_error_with_its_code():
    assert issubclass(DeadlineError, AnalysisError) and DeadlineError.code == "E901"


def test_main_thread_timer_interrupts_a_loop_and_restores_the_handler():
    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(DeadlineError) as caught, time_limit(0.05, chars=123, location="f.jsonl:4"):
        while True:
            pass
    assert caught.value.location == "f.jsonl:4" and "123 characters" in caught.value.message
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_other_threads_check_cooperatively():
    outcome = []

    def work():
        try:
            with time_limit(0.05, location="x"):
                while True:
                    check()
        except DeadlineError as err:
            outcome.append(err)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert len(outcome) == 1 and outcome[0].code == "E901"


def test_no_limit_and_check_without_a_limit_do_nothing():
    with time_limit(None):
        check()


def test_pipe_reports_documents_over_the_deadline_and_goes_on(analyzer):
    texts = ["Jo Reed lost 500 followers on Tuesday.", "Twitter said the accounts were bots."]
    skipped = []
    results = list(analyzer.pipe(texts, deadline=1e-9, on_error=lambda d, e: skipped.append(e)))
    assert results == [] and len(skipped) == 2 and all(isinstance(e, DeadlineError) for e in skipped)
    check()  # an alarm that fired at once left no deadline behind
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert len(list(analyzer.pipe(texts, deadline=Deadline()))) == 2


def test_analyze_raises_the_deadline_error(analyzer):
    with pytest.raises(DeadlineError):
        analyzer.analyze("Jo Reed lost 500 followers on Tuesday.", deadline=1e-9)
    assert analyzer.analyze("Jo Reed lost 500 followers on Tuesday.", deadline=Deadline()).claims


def test_eval_skips_a_document_over_the_deadline_and_scores_it_as_empty(analyzer):
    from pathlib import Path

    from claimkit.evaluate import evaluate

    corpus = Path(__file__).resolve().parents[1] / "corpora" / "dev.jsonl"
    skipped = []
    report = evaluate([corpus], analyzer=analyzer, deadline=1e-9, on_skip=skipped.append)
    assert len(skipped) == report.documents > 0
    assert all(e.code == "E901" and e.location for e in skipped)
    assert report.claims.tp == 0


@pytest.mark.parametrize("piece", ["-", "—", "x", "!"])
def test_a_long_run_after_a_claim_verb_finishes_inside_the_deadline(analyzer, piece):
    """A run of dashes after "Twitter lost" once made the embed search quadratic (minutes for 20,000)."""
    text = f"Twitter lost {piece * 20_000} followers today."
    from claimkit.testing.invariants import violations

    result = analyzer.analyze(text, deadline=Deadline())  # raises DeadlineError (E901) if it runs too long
    assert violations(result, result.text) == []
