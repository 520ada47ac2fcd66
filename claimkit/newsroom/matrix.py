"""The explanation matrix over a corpus: per cause, who supports, denies, queries, and what the platform said.

Causes are the labels the analyses carry, in the order the corpus first
raises them: nothing here lists the taxonomy, so a cause added to it shows up
in the matrix unchanged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from claimkit.newsroom.model import CauseRow, DocumentInfo, OfficialStatement, SpeakerStance, StanceRef
from claimkit.render.views import evidence_sentence
from claimkit.types import REPORTER, StanceRecord

STANCE_LISTS = ("support", "deny", "query", "comment")


def stance_ref(info: DocumentInfo, record: StanceRecord, account: str, explanation: int = 0, index: int = 0) -> StanceRef:
    """A stance record with its document, date and the sentence of its evidence."""
    statements = info.analysis.statements
    statement = statements[record.statement] if 0 <= record.statement < len(statements) else None
    when = (statement.date if statement else None) or info.published
    sentence = evidence_sentence(record, info.analysis) or " ".join(record.evidence.text.split())
    return StanceRef(info.index, explanation, index, record, account, when, sentence)


def _speakers(refs: Sequence[StanceRef], names: dict[str, str]) -> tuple[SpeakerStance, ...]:
    by_speaker: dict[str, list[StanceRef]] = defaultdict(list)
    for ref in refs:
        by_speaker[ref.account].append(ref)
    rows = [
        SpeakerStance(
            account=account,
            name=names.get(account, items[0].record.speaker),
            roles=tuple(dict.fromkeys(r.record.role for r in items)),
            stance=items[0].record.stance,
            refs=tuple(items),
        )
        for account, items in by_speaker.items()
    ]
    return tuple(sorted(rows, key=lambda s: (-len(s.documents), s.name.lower())))


def _latest(official: Sequence[OfficialStatement]) -> dict[str, str]:
    positions: dict[str, str] = {}
    for item in sorted(official, key=lambda o: (o.date is not None, o.date or "", o.document)):
        positions[item.platform] = item.position
    return positions


def corpus_matrix(
    documents: Sequence[DocumentInfo],
    key_of: Callable[[str], str],
    names: dict[str, str],
) -> list[CauseRow]:
    """One `CauseRow` per cause the documents raise.

    Args:
        documents: The corpus.
        key_of: Maps a stance speaker to its account key.
        names: Account key → display name.
    """
    order: list[str] = []
    raised: dict[str, set[int]] = defaultdict(set)
    mentions: dict[str, int] = defaultdict(int)
    stances: dict[str, dict[str, list[StanceRef]]] = defaultdict(lambda: defaultdict(list))
    official: dict[str, list[OfficialStatement]] = defaultdict(list)
    for info in documents:
        for number, explanation in enumerate(info.analysis.explanations):
            cause = explanation.cause
            if cause not in order:
                order.append(cause)
            raised[cause].add(info.index)
            mentions[cause] += max(len(explanation.mentions), 1)
            platform_refs = []
            for index, record in enumerate(explanation.stances):
                account = REPORTER if record.speaker == REPORTER else key_of(record.speaker)
                ref = stance_ref(info, record, account, number, index)
                stances[cause][record.stance].append(ref)
                if record.role == "platform":
                    platform_refs.append(ref)
            if platform_refs:
                dates = sorted(r.date for r in platform_refs if r.date)
                official[cause].append(
                    OfficialStatement(
                        platform=platform_refs[0].record.speaker,
                        document=info.index,
                        date=dates[0] if dates else info.published,
                        position=explanation.official_position,
                        refs=tuple(platform_refs),
                    )
                )
    rows = []
    for cause in order:
        dated = sorted(official[cause], key=lambda o: (o.date is None, o.date or "", o.document))
        rows.append(
            CauseRow(
                cause=cause,
                documents=tuple(sorted(raised[cause])),
                mentions=mentions[cause],
                supporters=_speakers(stances[cause]["support"], names),
                deniers=_speakers(stances[cause]["deny"], names),
                queriers=_speakers(stances[cause]["query"], names),
                commenters=_speakers(stances[cause]["comment"], names),
                official=tuple(dated),
                positions=_latest(dated),
            )
        )
    return rows
