"""Time bounds: a per-document deadline, so no document can hang a batch or an eval run.

A document of N characters gets `Deadline.seconds_for(N)` =
`max(base, per_1000_chars * N / 1000)` seconds of analysis: by default
`max(10 s, 1 s per 1,000 characters)`, i.e. 10 s for anything up to 10,000
characters, 100 s for 100,000 and 1,000 s for the 1,000,000-character
maximum. That is 4 times what the dev corpus needs on a shared, loaded
2-core machine (about 250 ms per 1,000 characters, parse included; 40 or
more times the need of a 1,000-character article, which takes about 0.25 s),
so only a pathological input reaches it; the pipeline is linear in the
text's length, so no honest document should. A document over its deadline raises
`DeadlineError` (E901); `Analyzer.pipe(..., deadline=..., on_error=...)`
reports it and goes on with the next document.

How the deadline is enforced (`time_limit`):

- in the main thread, `signal.setitimer(ITIMER_REAL)` raises `DeadlineError`
  at the deadline, also in the middle of a stage (Python checks signals
  between bytecodes, so a long C call such as one spaCy component finishes
  first); the previous handler and timer are restored afterwards;
- in any other thread (signals only reach the main thread), the check is
  cooperative: `check()` between pipeline stages raises once the deadline has
  passed.

Example:
    >>> from claimkit import Analyzer                                      # doctest: +SKIP
    >>> from claimkit.limits import Deadline
    >>> Deadline().seconds_for(1_000_000), Deadline().seconds_for(900)
    (1000.0, 10.0)
    >>> analyzer.analyze(text, deadline=Deadline())                        # doctest: +SKIP

For `claimkit batch` (or any runner): pass the same `Deadline` to
`Analyzer.pipe(documents, deadline=Deadline(), on_error=report)`; `report`
receives the document and the `DeadlineError` (an `AnalysisError`, code
E901, located at the document's file:line) and the run goes on.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from claimkit.errors import ConfigError, DeadlineError

_state = threading.local()


@dataclass(frozen=True)
class Deadline:
    """How long one document may take: `max(base, per_1000_chars * chars / 1000)` seconds.

    Attributes:
        base: Seconds any document may take, however short.
        per_1000_chars: Seconds per 1,000 characters for long documents.
    """

    base: float = 10.0
    per_1000_chars: float = 1.0

    def __post_init__(self) -> None:
        if not (self.base > 0 and self.per_1000_chars >= 0):
            raise ConfigError(
                f"deadline base must be > 0 and per_1000_chars >= 0, found {self.base} and {self.per_1000_chars}"
            )

    def seconds_for(self, chars: int) -> float:
        """The deadline in seconds for a document of `chars` characters."""
        return max(self.base, self.per_1000_chars * chars / 1000)


def _deadline_message(seconds: float, chars: int) -> str:
    return (
        f"analysis took over {seconds:g} s, the deadline for a document of {chars:,} characters; "
        "the document was skipped (split it, or raise the deadline with claimkit.limits.Deadline)"
    )


def check() -> None:
    """Raise `DeadlineError` if the current thread's deadline has passed (no-op without one)."""
    limit = getattr(_state, "limit", None)
    if limit is not None and time.monotonic() > limit[0]:
        raise DeadlineError(_deadline_message(limit[1], limit[2]), limit[3])


@contextmanager
def time_limit(seconds: float | None, chars: int = 0, location: str | None = None) -> Iterator[None]:
    """Run the block under a deadline of `seconds` (None: no limit).

    Raises:
        DeadlineError: the block ran past the deadline (named after `location`).
    """
    if seconds is None:
        yield
        return
    previous_limit = getattr(_state, "limit", None)
    _state.limit = (time.monotonic() + seconds, seconds, chars, location)
    use_signal = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if not use_signal:
        try:
            yield
        finally:
            _state.limit = previous_limit
        return

    active = [True]

    def _alarm(signum, frame) -> None:  # noqa: ANN001 - signal handler signature
        if active[0]:  # a signal handled after the block ended is harmless
            raise DeadlineError(_deadline_message(seconds, chars), location)

    old_handler = signal.getsignal(signal.SIGALRM)
    old_delay = 0.0
    started = time.monotonic()
    try:  # armed inside the try: an alarm that fires at once still gets cleaned up
        signal.signal(signal.SIGALRM, _alarm)
        old_delay, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
        yield
    finally:
        # Clean up even if the alarm lands in the middle of it (before `active` is cleared):
        # the block's own outcome stands, and the handler and timer are always restored.
        while True:
            try:
                active[0] = False
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, old_handler)
                if old_delay:  # an outer timer keeps running, minus the time spent here
                    signal.setitimer(signal.ITIMER_REAL, max(old_delay - (time.monotonic() - started), 1e-3))
                _state.limit = previous_limit
                break
            except DeadlineError:
                continue
