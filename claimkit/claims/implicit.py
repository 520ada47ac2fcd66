"""Implicit and list claims: numbers whose claim is read from the claim before them."""

from __future__ import annotations

import re
from dataclasses import replace

from claimkit.claims.amounts import _before, _is_excluded, _nearest_span, qualifier_of
from claimkit.claims.reading import _Reader, _quantified_noun
from claimkit.claims.records import ClaimMention
from claimkit.claims.subjects import _clean_entity
from claimkit.claims.tokens import _anchor, _is_verb, _tokens
from claimkit.lexicon.claims import (
    ACCOUNT_NOUNS,
    COMPARISON_PHRASES,
    FOLLOWER_NOUNS,
    GAP_FOLLOWERS_PATTERN,
    GAP_SEPARATORS,
    GAP_STOPS,
    QUALIFIER_PATTERN,
    QUALIFIER_PHRASES,
)
from claimkit.numbers import AmountMatch
from claimkit.spans import char_span


def _gapped(reader: _Reader, amount: AmountMatch, previous: ClaimMention, statement_index: int) -> ClaimMention | None:
    """"Shakira gave up 6,855,640, Katy Perry 5,632,634": a name and a number after a claim.

    The words between the previous mention's number and this one must be a
    list separator, a proper name and at most a qualifier.
    """
    doc, text = reader.doc, reader.text
    span = _tokens(doc, amount.start, amount.end)
    if span is None or _is_excluded(text, amount):
        return None
    sent = span.sent
    if not (sent.start_char <= previous.start < sent.end_char):
        return None
    if amount.start < previous.end:
        return None  # the number lies inside the previous mention ("lost 2, 84,746 followers")
    between = char_span(doc, previous.end, amount.start)
    if between is None:
        return None
    words = [t for t in between if not t.is_space]
    # Drop the rest of the previous mention ("followers") and the separator.
    while words and (words[0].lower_ in FOLLOWER_NOUNS or words[0].idx < previous.end):
        words.pop(0)
    if not words or words[0].lower_ not in GAP_SEPARATORS - {"with"}:
        return None
    while words and (words[0].is_punct or words[0].lower_ in GAP_SEPARATORS):
        words.pop(0)
    qualifier_text = " ".join(t.lower_ for t in words)
    for phrase in sorted(QUALIFIER_PHRASES, key=len, reverse=True):
        if qualifier_text.endswith(" " + phrase):
            words = words[: len(words) - len(phrase.split())]
            break
    if words and words[-1].lower_ in GAP_STOPS:
        return None
    if not words or len(words) > 6 or not words[0].text[:1].isupper() and words[0].lower_ != "the":
        return None
    if any(_is_verb(t) and t.pos_ != "PROPN" or t.like_num for t in words):
        return None
    if not any(t.pos_ == "PROPN" or t.ent_type_ in {"PERSON", "ORG"} for t in words):
        return None
    after = text[amount.end : amount.end + 20]
    if re.match(r"\s*[A-Za-z]", after) and not re.match(rf"\s*{GAP_FOLLOWERS_PATTERN}\b", after, re.IGNORECASE):
        return None
    name = _clean_entity(words) if words[0].lower_ != "the" else _clean_entity(words[1:])
    if not name:
        return None
    subject = reader.subjects.canonical(name)
    duration, period, relative = _nearest_span(reader.spans, amount, sent, None, reader.blockers)
    start = words[0].idx
    return ClaimMention(
        kind=previous.kind,
        subject=subject,
        amount=amount.value,
        amount_text=amount.text,
        qualifier=qualifier_of(text, amount.start, amount.end, amount.plus),
        start=start,
        end=amount.end,
        statement=statement_index,
        platform=previous.platform,
        duration_seconds=duration if duration is not None else previous.duration_seconds,
        period_text=period or previous.period_text,
        period_relative=relative if period else previous.period_relative,
    )


def _compared(reader: _Reader, amount: AmountMatch, previous: ClaimMention, statement_index: int) -> ClaimMention | None:
    """"That compares with 1.2 billion in the fourth quarter": the same claim for another period."""
    text = reader.text
    before = _before(text, amount, 30)
    if not any(re.search(rf"\b{re.escape(phrase)}\s+{QUALIFIER_PATTERN}?\s*$", before) for phrase in COMPARISON_PHRASES):
        return None
    if _is_excluded(text, amount) or amount.start - previous.end > 300:
        return None
    span = _tokens(reader.doc, amount.start, amount.end)
    if span is None:
        return None
    noun = _quantified_noun(reader.doc, span, _anchor(span))
    if noun is not None and noun.i == span.end and noun.lower_ not in ACCOUNT_NOUNS | FOLLOWER_NOUNS:
        return None
    duration, period, relative = _nearest_span(reader.spans, amount, span.sent, None, reader.blockers)
    return replace(
        previous,
        amount=amount.value,
        amount_text=amount.text,
        qualifier=qualifier_of(text, amount.start, amount.end, amount.plus),
        start=amount.start,
        end=amount.end,
        statement=statement_index,
        duration_seconds=duration,
        period_text=period,
        period_relative=relative,
        total=None,
        first_person=previous.first_person and reader.statements[statement_index].speaker == reader.statements[previous.statement].speaker,
    )
