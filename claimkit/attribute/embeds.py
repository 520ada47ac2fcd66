"""Embedded posts: `TEXT — Display Name (@handle) Month D, YYYY` (cue `embed`)."""

from __future__ import annotations

import re

from claimkit.attribute.common import _Found, _iso, _paragraphs, clean_name
from claimkit.lexicon.speech import FIRST_SECOND_PERSON_PATTERN, MONTHS_PATTERN, SPEECH_WORD_PATTERN

#: The signature that ends an embedded post: ` — Name (@handle) Month D, YYYY`.
# It starts where a run of blanks starts (the lookbehind), so a failed try inside
# a long run costs O(1): linear however long the run (capped tokens leave long runs).
EMBED_RE = re.compile(
    r"(?<![ \t])[ \t]*(?:—|–|--|-)[ \t]*+(?P<name>[^\n—–()]{1,80}?)[ \t]*\(@(?P<handle>[A-Za-z0-9_][A-Za-z0-9_.]{0,29})\)"
    rf"(?:[ \t]*(?P<date>(?:{MONTHS_PATTERN})\.?[ \t]+\d{{1,2}},?[ \t]+\d{{4}}))?"
)
WIDE_GAP_RE = re.compile(r"\n[ \t]*\n[ \t]*\n")
FIRST_SECOND_PERSON_RE = re.compile(FIRST_SECOND_PERSON_PATTERN, re.IGNORECASE)
SPEECH_WORD_RE = re.compile(SPEECH_WORD_PATTERN, re.IGNORECASE)
POST_MARKS_RE = re.compile(
    r"[#@]\w|https?://|pic\.twitter\.com|[!?]|\b[A-Z]{3,}\b|\*\w[^*]*\*|[\U0001F000-\U0001FAFF\u2600-\u27BF]"
)


def _is_narrative(paragraph: str) -> bool:
    """Reporter prose that introduces or reports posts, or a headline."""
    stripped = paragraph.strip()
    if stripped.endswith(":"):
        return True
    outside_quotes = re.sub(r"[“\"][^”\"]*[”\"]", " ", stripped)
    if SPEECH_WORD_RE.search(outside_quotes) and not FIRST_SECOND_PERSON_RE.search(outside_quotes):
        return True
    words = stripped.split()
    capitalised = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 4 and capitalised / len(words) > 0.7 and not stripped.endswith((".", "!", "?"))


def _is_post_like(text: str, para: tuple[int, int], next_start: int) -> bool:
    """A paragraph that reads as part of the post that follows it.

    Post text speaks in the first or second person, or carries the marks of
    a post (hashtags, handles, links, emoji, "!", "?", ALL-CAPS words,
    *emphasis*), or is set off by a wide gap; narrative prose is none of these.
    """
    body = text[para[0] : para[1]]
    if _is_narrative(body):
        return False
    own_words = re.sub(r"[“\"][^”\"]*[”\"]", " ", body)
    first_person = FIRST_SECOND_PERSON_RE.search(own_words)
    if len(own_words.split()) > 40 and not first_person:
        return False
    gap = text[para[1] : next_start]
    return bool(first_person or POST_MARKS_RE.search(own_words) or WIDE_GAP_RE.search(gap))


def find_embeds(text: str, start: int = 0) -> list[_Found]:
    """Embedded posts: the signature line and the post text before it.

    The post runs back from its signature over the paragraphs that read as
    post text (first or second person, short, or set off by a wide gap), and
    never past the previous post or narrative that reports speech.
    """
    found: list[_Found] = []
    boundary = start
    for match in EMBED_RE.finditer(text, start):
        sig_start = match.start()
        paragraphs = _paragraphs(text, boundary, sig_start)
        if not paragraphs:
            boundary = match.end()
            continue
        post_start = paragraphs[-1][0]
        for index in range(len(paragraphs) - 2, -1, -1):
            if not _is_post_like(text, paragraphs[index], paragraphs[index + 1][0]):
                break
            post_start = paragraphs[index][0]
        name = clean_name(match.group("name")) or match.group("handle")
        found.append(
            _Found(
                start=post_start,
                end=match.end(),
                speaker=name,
                cue="embed",
                handle=match.group("handle"),
                date=_iso(match.group("date")),
                speaker_start=match.start("name"),
            )
        )
        boundary = match.end()
    return found
