"""Training examples of the `learned` head: the public datasets' rows, and the team corpus
read through the pipeline (the `StanceInput`s it sends the stance stage, with gold labels)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimkit.scoring import VOICE_ROLES, names_match
from claimkit.stance.datasets import FROM_SEMEVAL, clean_semeval, read_jsonl


@dataclass(frozen=True)
class Example:
    """One training pair. `group` keeps related rows on one side of the held-out split."""

    text: str
    target: str
    label: str
    source: str
    group: str
    context: str | None = None
    speaker_role: str | None = None
    cue_flags: str = ""


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def rumoureval_examples(path: Path) -> list[Example]:
    """RumourEval rows as examples; the thread (source tweet) is the group."""
    return [
        Example(row["text"], row["source_text"], row["label"], "rumoureval2019",
                row["source_text"], row.get("reply_to_text"))
        for row in read_jsonl(path)
    ]


def semeval_examples(path: Path) -> list[Example]:
    """SemEval-2016 rows as examples (favor/against/none -> support/deny/comment)."""
    return [
        Example(clean_semeval(row["text"]), row["target"], FROM_SEMEVAL[row["label"]],
                "semeval2016", row["id"])
        for row in read_jsonl(path)
    ]


def gold_stance(gold: Sequence[dict], cause: str, speaker: str, handle: str | None, role: str) -> str | None:
    """The gold stance of the first (speaker, cause) tuple a prediction matches, or None.

    Speakers match as the scorer matches them (`claimkit.scoring`): same
    `platform` / `reporter` role, or `names_match` with the statement's handle.
    """
    for tuple_ in gold:
        if tuple_.get("cause") != cause:
            continue
        if tuple_.get("role") in VOICE_ROLES and role == tuple_["role"]:
            return tuple_["stance"]
        if names_match(speaker, tuple_.get("speaker"), handle_a=handle):
            return tuple_["stance"]
    return None


class _Recorder:
    """A stance backend that answers like the wrapped one and keeps every input it is asked about."""

    def __init__(self, backend) -> None:
        self.backend, self.name, self.inputs = backend, backend.name, []

    def predict(self, items):
        self.inputs.extend(items)
        return self.backend.predict(items)


def _statement_at(statements, position: int):
    """The innermost statement whose span holds `position`, or None."""
    holding = [s for s in statements if s.start <= position < s.end]
    return min(holding, key=lambda s: s.end - s.start) if holding else None


def team_examples(corpus: Path, spacy_model: str | None, root: Path | None = None) -> tuple[list[Example], dict[str, Any]]:
    """Examples from the team's gold corpus, through the pipeline (see the module docstring).

    The pipeline runs unchanged (rules backend) and every `StanceInput` it
    sends to the backend is kept: exactly the pairs a backend sees at run
    time, one per cause mention. Each is labelled with the gold stance of
    its statement's (speaker, cause) tuple, or skipped when there is none.
    """
    if not corpus.is_file():
        return [], {"status": f"absent ({_shown(corpus, root)}): trained on public data only"}
    from claimkit import Analyzer
    from claimkit.config import Config
    from claimkit.ingest import make_document
    from claimkit.stance import load_backend

    class RecordingAnalyzer(Analyzer):
        @property
        def stance(self):
            if self._stance is None:
                self._stance = _Recorder(load_backend(self.config, self.nlp))
            return self._stance

    config = Config.from_options(stance_backend="rules", spacy_model=spacy_model)
    analyzer = RecordingAnalyzer(config)
    rows = read_jsonl(corpus)
    examples: list[Example] = []
    mentions = unlabelled = 0
    for number, row in enumerate(rows, start=1):
        document = make_document(
            row["text"], row["id"], published=row.get("published"), platform=row.get("platform"),
            author=row.get("author"), location=f"{corpus.name}:{number}",
        )
        analysis = analyzer.analyze(document)
        recorder = analyzer.stance
        asked, recorder.inputs = recorder.inputs, []
        for item in asked:
            mentions += 1
            start = (item.span.start_char if item.span is not None else 0) + max(item.cue_start, 0)
            statement = _statement_at(analysis.statements, start)
            label = None
            if statement is not None and not statement.anonymous:
                label = gold_stance(row.get("stances", []), item.cause, statement.speaker,
                                    statement.handle, statement.role)
            if label is None:
                unlabelled += 1
                continue
            examples.append(Example(item.text, item.target, label, "team", row["id"],
                                    speaker_role=item.speaker_role or statement.role,
                                    cue_flags=item.cue_flags))
        if number % 10 == 0 or number == len(rows):
            say(f"team corpus: {number}/{len(rows)} documents, {len(examples)} examples")
    summary = {
        "status": "used",
        "file": _shown(corpus, root),
        "documents": len(rows),
        "gold_stance_tuples": sum(len(row.get("stances", [])) for row in rows),
        "cause_mentions": mentions,
        "skipped_no_gold": unlabelled,
        "examples": len(examples),
        "name_matching": "claimkit.scoring (names_match, platform/reporter role rule)",
    }
    return examples, summary


def _shown(path: Path, root: Path | None) -> str:
    """A path relative to `root` (the repository) when it is inside it."""
    path = path.resolve()
    root = root.resolve() if root is not None else None
    return str(path.relative_to(root)) if root is not None and path.is_relative_to(root) else str(path)
