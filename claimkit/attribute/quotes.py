"""Direct quotes: double-quoted spans and the speech verb before or after them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from claimkit.attribute.common import PARAGRAPH_BREAK_RE, _Found
from claimkit.attribute.reported import _described_text
from claimkit.attribute.speakers import _speech_cue, _subject_of, speakers_of
from claimkit.lexicon.speech import NOT_SPEAKERS, SPEECH_VERBS
from claimkit.spans import char_span, doc_text

OPEN_QUOTES = "“\""
CLOSE_QUOTES = "”\""


def find_quotes(text: str, regions: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Double-quoted spans (curly or straight) inside the given regions, one paragraph each."""
    spans = []
    for start, end in regions:
        pos = start
        while True:
            opener = _next_char(text, OPEN_QUOTES, pos, end)
            if opener < 0:
                break
            closer = _next_char(text, CLOSE_QUOTES, opener + 1, end)
            if closer < 0:
                break
            if "\n\n" in text[opener:closer]:
                pos = opener + 1
                continue
            spans.append((opener, closer + 1))
            pos = closer + 1
    return spans


def _next_char(text: str, chars: str, start: int, end: int) -> int:
    hits = [i for i in (text.find(c, start, end) for c in chars) if i >= 0]
    return min(hits) if hits else -1


def _speech_verb_in(tokens: Iterable) -> object | None:
    for tok in tokens:
        if _speech_cue(tok):
            return tok
    return None


def attribute_quote(doc, quote: tuple[int, int]) -> _Found | None:
    """The speaker of a direct quote, from a speech verb just after or before it.

    After: `"...," Kher wrote.` / `"...?" asked the actor` (the quote must
    not end a sentence with a full stop). Before: `Twitter Support said, "`
    / `It stated: "`. The statement covers the quote and its attribution.
    """
    text = doc_text(doc)
    q_start, q_end = quote
    inner = text[q_start + 1 : q_end - 1].rstrip()
    verb, start, end = None, q_start, q_end
    subject = None
    if not inner.endswith(".") and not inner.endswith("…"):
        after_end = _clause_end(text, q_end)
        after = [t for t in _tokens_between(doc, q_end, after_end) if not t.is_space]
        verb = _speech_verb_in(after[:5])
        if verb is None:
            verb, subject = _inverted_attribution(after)
        end = after_end if verb is not None else q_end
    if verb is None:
        before_start = _clause_start(text, q_start)
        before = _tokens_between(doc, before_start, q_start)
        verb = _speech_verb_in(reversed(before))
        if verb is None or len(text[verb.idx + len(verb.text) : q_start].split()) > 4:
            return None
        start = before_start
        end = _rest_of_sentence(text, q_end, inner)
    subject = subject or _subject_of(verb)
    if subject is None or subject.lower_ in NOT_SPEAKERS - {"it"} or _described_text(subject):
        return None
    speakers = speakers_of(subject)
    if not speakers:
        return None
    name, offset, anonymous = speakers[0]
    return _Found(start, end, name, SPEECH_VERBS[verb.lemma_.lower()], speaker_start=offset,
                  anonymous=anonymous)


def _inverted_attribution(after: Sequence) -> tuple[object | None, object | None]:
    """`"...," tweeted activist Dale Brooks.`: a speech verb right after the quote that the
    parser took for a modifier of the name after it; (verb, the name's head) or (None, None)."""
    words = [t for t in after if not t.is_punct]
    if not words:
        return None, None
    verb = words[0]
    if verb.lemma_.lower() not in SPEECH_VERBS or verb.tag_ not in {"VBD", "VBZ", "VBN"} or verb.dep_ != "amod":
        return None, None
    head = verb.head
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    return (verb, head) if head.pos_ in {"PROPN", "NOUN"} else (None, None)


def _rest_of_sentence(text: str, q_end: int, inner: str) -> int:
    """Where a statement introduced before its quote ends: the quote's end, or the end of
    its sentence when the sentence runs on past a quoted phrase (`announced that it would
    be "making likes meaningful" by removing inactive accounts.`)."""
    if inner.endswith((".", "!", "?", "…")):
        return q_end
    sentence_end = _clause_end(text, q_end)
    rest = text[q_end:sentence_end]
    if not rest.strip(" .!?") or any(c in rest for c in OPEN_QUOTES + CLOSE_QUOTES) or "\n" in rest:
        return q_end
    if len(rest.split()) > 25 or not rest.lstrip()[:1].islower():
        return q_end
    return sentence_end


def _tokens_between(doc, start: int, end: int) -> list:
    """Tokens that start in [start, end), without scanning the whole document."""
    span = char_span(doc, start, end)
    return [t for t in span if start <= t.idx < end] if span is not None else []


def _clause_end(text: str, start: int) -> int:
    match = re.compile(r"[.!?\n]").search(text, start + 1)
    return match.end() if match else len(text)


def _clause_start(text: str, end: int) -> int:
    cut = max(text.rfind(c, 0, end) for c in ".!?\n")
    return cut + 1 if cut >= 0 else 0


def attribute_quotes(doc, spans: Sequence[tuple[int, int]]) -> list[_Found]:
    """Attribute each quote; an unattributed quote that continues an attributed one inherits its speaker.

    A continuation is a quote in the same paragraph right after the previous
    quote's attribution (`"...," he said. "..."`), or a paragraph that is all
    quote right after a paragraph ending with an attributed quote.
    """
    text = doc_text(doc)
    out: list[_Found] = []
    previous: _Found | None = None
    for span in spans:
        found = attribute_quote(doc, span)
        if found is None and previous is not None and _continues(text, previous, span):
            found = replace(previous, start=span[0], end=span[1])
        if found is not None:
            out.append(found)
        previous = found
    return out


def _continues(text: str, previous: _Found, span: tuple[int, int]) -> bool:
    gap = text[previous.end : span[0]]
    if PARAGRAPH_BREAK_RE.search(gap):
        rest_of_paragraph = re.split(r"\n[ \t]*\n", text[span[1] :], maxsplit=1)[0]
        return not gap.strip() and not rest_of_paragraph.strip()
    return len(gap.split()) <= 12 and not re.search(r"[.!?]\s+[A-Z][^\"“”]*[.!?]", gap)
