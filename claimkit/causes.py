"""Cause detection and per-statement stance.

`detect_causes` matches the cue phrases of `claimkit.lexicon.causes.CUES`
(compiled once into a spaCy `Matcher` per vocabulary) inside each statement,
checks the few cues that need context, and keeps the evidence span;
`stance_inputs` turns each mention into a `StanceInput` (its sentence, the
cue offsets inside it, the cause and its description); `classify` asks a
stance backend and keeps, per statement and cause, the strongest prediction.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from spacy.matcher import Matcher

from claimkit.lexicon.causes import (
    BOT_CONTEXT_WORDS,
    COUNT_CONTEXT_WORDS,
    CUES,
    DESCRIPTIONS,
    LEAVER_DEPS,
    LEAVER_VERB_DEPS,
    PLATFORM_CONTEXT_WORDS,
    Cue,
)
from claimkit.stance.base import StanceBackend, StanceInput
from claimkit.types import CauseMention, Span, StanceRecord, Statement

PERSON_TITLE_NOUNS = frozenset({
    "commentator", "commentators", "pundit", "pundits", "activist", "activists", "host",
    "hosts", "strategist", "personality", "personalities", "figure", "figures", "writer",
    "author", "influencer", "influencers", "politician", "politicians", "leader", "leaders",
    "journalist", "journalists", "organizer", "organiser", "columnist", "group", "groups",
    "outlet", "outlets", "site", "magazine", "lawmaker", "lawmakers", "senator", "party",
    "candidate", "mp", "mps", "spokesperson", "voter", "voters", "podcaster", "youtuber",
})
TARGETING_WORDS_RE = re.compile(
    r"purg|target|only|happening|affect|los[te]|losing|follower|delet|remov|lock|single[d]? out|"
    r"attack|war\b|bias|unfair|\bhit\b|silenc|censor|suppress|shadow|ban|punish|hit hardest|hardest hit|"
    r"disproportionat|singled|victim|persecut|discriminat|crackdown|disappear|vanish|drop",
    re.IGNORECASE,
)
APP_WORDS_RE = re.compile(
    r"\b(?:app|apps|site|platform|counter|count|counts|feature|twitter|instagram|youtube|facebook|tiktok|"
    r"x|system|website|numbers?|tally)\b",
    re.IGNORECASE,
)
POLITICS_WORDS_RE = re.compile(r"politic|viewpoint|bias|conservative|liberal|partisan|ideolog|left|right", re.IGNORECASE)
PLATFORM_CONTEXT_RE = re.compile("|".join(PLATFORM_CONTEXT_WORDS), re.IGNORECASE)
BOT_CONTEXT_RE = re.compile("|".join(BOT_CONTEXT_WORDS), re.IGNORECASE)
COUNT_CONTEXT_RE = re.compile("|".join(COUNT_CONTEXT_WORDS), re.IGNORECASE)
ACCOUNT_WORDS_RE = re.compile(
    r"\b(?:accounts?|profiles?|users?|out|phone|password|followers?|handles?|owners?|people|members?|"
    r"you|they|i|we|him|her|them|me|us)\b",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------- compiling cues


def _token_specs(element: str) -> list[dict]:
    """Matcher token specs for one pattern element (several when it mixes lemmas and words)."""
    optional = element.endswith("?") and element != "?"
    if optional:
        element = element[:-1]
    if element == "*":
        spec: list[dict] = [{}]
    else:
        alternatives = element.split("|")
        lemmas = [a[1:] for a in alternatives if a.startswith("~")]
        words = [a for a in alternatives if not a.startswith("~")]
        spec = []
        if words:
            spec.append({"LOWER": {"IN": words}})
        if lemmas:
            spec.append({"LEMMA": {"IN": lemmas}})
    if optional:
        spec = [dict(s, OP="?") for s in spec]
    return spec


def compile_cue(pattern: str) -> list[list[dict]]:
    """Matcher patterns for one cue phrase (see the pattern language in the lexicon)."""
    elements = pattern.split()
    choices = [_token_specs(e) for e in elements]
    return [list(combo) for combo in itertools.product(*choices)]


def cue_key(cause: str, index: int) -> str:
    """The Matcher key of a cue: `cause:index`."""
    return f"{cause}:{index}"


@lru_cache(maxsize=8)
def _matcher_for(vocab) -> Matcher:
    matcher = Matcher(vocab)
    for cause, cues in CUES.items():
        for index, cue in enumerate(cues):
            matcher.add(cue_key(cause, index), compile_cue(cue.pattern))
    return matcher


def cue_of(key: str) -> tuple[str, Cue]:
    """The (cause, Cue) a Matcher key names."""
    cause, index = key.rsplit(":", 1)
    return cause, CUES[cause][int(index)]


# --------------------------------------------------------------------------- context checks


def _lock_context(span) -> bool:
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.lower_ in {"in", "horns", "down", "step"}:
        return False
    return bool(ACCOUNT_WORDS_RE.search(span.sent.text))


def _group_context(span) -> bool:
    last = span[-1]
    head = last.head
    if last.dep_ in {"amod", "compound", "nmod"} and (
        head.lower_ in PERSON_TITLE_NOUNS or head.ent_type_ == "PERSON"
    ):
        return False  # "conservative commentators", "Republican Gov. Ron Hale": a label
    if last.ent_iob_ in {"B", "I"} and last.ent_type_ == "PERSON":
        return False
    current = last
    while current.dep_ in {"compound", "amod"} and current.head.pos_ == "PROPN" and current.head.i != current.i:
        current = current.head  # "Republican Florida Gov. Ron DeSantis": a title before a name
        if current.ent_type_ == "PERSON":
            return False
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if nxt is not None and nxt.lower_ in PERSON_TITLE_NOUNS:
        return False
    return bool(TARGETING_WORDS_RE.search(span.sent.text))


def _leaver_subject(span) -> bool:
    """In "fans ... leaving", the fans are the ones who leave: the verb's subject, or
    the noun it modifies. Not "lost 2 million followers, leaving her with ..." or
    "the star with 30 million followers doesn't quit"."""
    people, verb = span[0], span[-1]
    verbs = [verb]
    while verbs[-1].dep_ == "xcomp" and verbs[-1].head.i != verbs[-1].i:
        verbs.append(verbs[-1].head)  # "people choosing to unfollow"
    for verb in verbs:
        if people.head.i == verb.i and people.dep_ in LEAVER_DEPS:
            return True
        if verb.head.i == people.i and verb.dep_ in LEAVER_VERB_DEPS:
            return True
        # "fans and advertisers are leaving": a conjunct of the subject
        if any(c.i == people.i for s in verb.children if s.dep_ in LEAVER_DEPS for c in s.conjuncts):
            return True
    return False


CONTEXT_CHECKS: dict[str, Callable] = {
    "followers_context": lambda span: bool(re.search(r"follow|fans|accounts|people|users|subscribers", span.sent.text, re.I)),
    "boost_context": lambda span: bool(re.search(r"boost|grow|inflat|fake|likes|follow", span.sent.text, re.I)),
    "lock_context": _lock_context,
    "politics_context": lambda span: bool(POLITICS_WORDS_RE.search(span.sent.text)),
    "group_context": _group_context,
    "app_context": lambda span: bool(APP_WORDS_RE.search(span.sent.text)),
    "targeting_context": lambda span: bool(TARGETING_WORDS_RE.search(span.sent.text)),
    "platform_context": lambda span: bool(PLATFORM_CONTEXT_RE.search(span.sent.text)),
    "count_context": lambda span: bool(COUNT_CONTEXT_RE.search(span.sent.text)),
    "leaver_subject": _leaver_subject,
    "no_bot_context": lambda span: not BOT_CONTEXT_RE.search(span.sent.text),
    # a clause, not a menu line ("film / tv / politics / social media")
    "clause_context": lambda span: any(t.pos_ in {"VERB", "AUX"} for t in span.sent),
}


# --------------------------------------------------------------------------- detection


def _in_hashtag_or_handle(doc, span) -> bool:
    first = span[0]
    if first.text.startswith(("#", "@")):
        return True
    return first.i > 0 and doc[first.i - 1].text in {"#", "@"} and not doc[first.i - 1].whitespace_


def find_cues(doc, start: int, end: int) -> list[tuple[str, Cue, object]]:
    """(cause, cue, span) for every cue match inside [start, end), longest per place."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    matcher = _matcher_for(doc.vocab)
    found = []
    for key, s, e in matcher(doc[span.start : span.end]):
        cause, cue = cue_of(doc.vocab.strings[key])
        match = doc[span.start + s : span.start + e]
        if _in_hashtag_or_handle(doc, match):
            continue
        if cue.needs and not CONTEXT_CHECKS[cue.needs](match):
            continue
        if cue.not_before and match.end < len(doc) and doc[match.end].lower_ in cue.not_before:
            continue
        found.append((cause, cue, match))
    # Keep the longest match where matches of one cause overlap.
    found.sort(key=lambda item: (item[2].start, -(item[2].end - item[2].start)))
    kept: list[tuple[str, Cue, object]] = []
    for cause, cue, match in found:
        if any(c == cause and m.start <= match.start < m.end for c, _, m in kept):
            continue
        kept.append((cause, cue, match))
    return kept


def _strong_causes_by_sentence(found) -> dict[int, set[str]]:
    strong: dict[int, set[str]] = {}
    for cause, cue, match in found:
        if not cue.weak:
            strong.setdefault(match.sent.start, set()).add(cause)
    return strong


def detect_causes(doc, statements: Sequence[Statement]) -> list[CauseMention]:
    """Every place a statement raises a cause, with its evidence span.

    A weak cue ("clean-up") counts only where no other cause has a strong
    cue in the same sentence.
    """
    mentions: list[CauseMention] = []
    for index, statement in enumerate(statements):
        found = find_cues(doc, statement.start, statement.end)
        strong = _strong_causes_by_sentence(found)
        for cause, cue, match in found:
            others = strong.get(match.sent.start, set()) - {cause}
            if cue.weak and others:
                continue
            mentions.append(
                CauseMention(
                    cause=cause,
                    statement=index,
                    start=match.start_char,
                    end=match.end_char,
                    text=match.text,
                    cue=("own_negation" if cue.own_negation else "deny" if cue.deny else "weak" if cue.weak else ""),
                )
            )
    return mentions


# --------------------------------------------------------------------------- stance


def mention_sentence(doc, mention: CauseMention):
    """The spaCy sentence that holds a cause mention."""
    return doc.char_span(mention.start, mention.end, alignment_mode="expand")[0].sent


def stance_inputs(
    mentions: Sequence[CauseMention], doc, statements: Sequence[Statement] | None = None
) -> list[StanceInput]:
    """One `StanceInput` per mention: its sentence, with cue offsets relative to it."""
    inputs = []
    for mention in mentions:
        sent = mention_sentence(doc, mention)
        base = sent.start_char
        role = statements[mention.statement].role if statements is not None else None
        inputs.append(
            StanceInput(
                text=sent.text,
                target=DESCRIPTIONS[mention.cause],
                cause=mention.cause,
                cue_start=mention.start - base,
                cue_end=mention.end - base,
                span=sent,
                speaker_role=role,
                cue_flags=mention.cue,
            )
        )
    return inputs


def classify(
    mentions: Sequence[CauseMention],
    statements: Sequence[Statement],
    doc,
    backend: StanceBackend,
) -> dict[str, list[StanceRecord]]:
    """Stance per (statement, cause): cause -> records, the strongest mention per statement."""
    if not mentions:
        return {}
    predictions = backend.predict(stance_inputs(mentions, doc, statements))
    best: dict[tuple[str, int], StanceRecord] = {}
    for mention, prediction in zip(mentions, predictions, strict=True):
        statement = statements[mention.statement]
        record = StanceRecord(
            statement=mention.statement,
            speaker=statement.speaker,
            role=statement.role,
            stance=prediction.stance,  # type: ignore[arg-type]
            confidence=round(prediction.confidence, 4),
            evidence=Span(mention.start, mention.end, doc.text[mention.start : mention.end]),
            voice=statement.speaker,
            backend=backend.name,
        )
        key = (mention.cause, mention.statement)
        if key not in best or record.confidence > best[key].confidence:
            best[key] = record
    out: dict[str, list[StanceRecord]] = {}
    for (cause, _), record in sorted(best.items(), key=lambda item: item[0][1]):
        out.setdefault(cause, []).append(record)
    return out
