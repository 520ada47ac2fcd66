"""The stance interface every backend implements.

A backend classifies (text, target) pairs into the SPEC's SDQC labels
(support / deny / query / comment) with a confidence. The pipeline asks it
about (statement, cause) pairs; the eval script also asks it about the public
stance benchmarks, whose targets are free text, so a pair carries both the
SPEC cause (or None) and a natural-language target.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from claimkit.types import STANCES


@dataclass(frozen=True)
class StanceInput:
    """One (text, target) pair to classify.

    Attributes:
        text: The statement (or tweet) whose stance is wanted.
        target: The target in words: a cause's description, or a benchmark's
            rumour / topic text.
        cause: The SPEC cause label, or None for a free-text target.
        cue_start: Start of the cause's evidence inside `text` (or -1).
        cue_end: End of the evidence inside `text` (or -1).
        context: Text the statement answers (a benchmark reply's parent), if any.
        start: Where `text` starts in the document it was taken from (-1
            when it stands alone). A backend that reads the parse gets the
            `Doc` beside the inputs (`predict_parsed`) and finds the
            statement there; the input itself stays plain data that pickles.
        speaker_role: The role of the statement's speaker, when known (the
            reporter narrating what others claim only comments).
        cue_flags: How the cue reads by itself: "own_negation" (it holds its
            own negation, "not real people"), "deny" ("apolitical"), "weak" or "".
    """

    text: str
    target: str
    cause: str | None = None
    cue_start: int = -1
    cue_end: int = -1
    context: str | None = None
    start: int = -1
    speaker_role: str | None = None
    cue_flags: str = ""


@dataclass(frozen=True)
class StancePrediction:
    """A stance label with its confidence (0-1)."""

    stance: str
    confidence: float

    def __post_init__(self) -> None:
        if self.stance not in STANCES:
            raise ValueError(f"stance must be one of {STANCES}, got {self.stance!r}")


@runtime_checkable
class StanceBackend(Protocol):
    """What the pipeline needs from a stance backend."""

    name: str

    def predict(self, items: Sequence[StanceInput]) -> list[StancePrediction]:
        """One prediction per input, in order."""
        ...


@runtime_checkable
class ParsedStanceBackend(StanceBackend, Protocol):
    """A backend that can also read the document's spaCy parse (the `rules` backend).

    The pipeline calls `predict_parsed(items, doc)` with the parsed `Doc`
    the inputs come from (each input's `start` locates its text in it);
    `predict(items)` is still what a caller without a parse uses.
    """

    def predict_parsed(self, items: Sequence[StanceInput], doc: Any) -> list[StancePrediction]:
        """One prediction per input, in order, reading each statement's parse from `doc`."""
        ...
