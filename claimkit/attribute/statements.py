"""`attribute`: split a parsed document into attributed statements."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from claimkit.attribute.common import _Found, _free_regions, _paragraph_regions, clean_name
from claimkit.attribute.embeds import find_embeds
from claimkit.attribute.narrative import _narrative_statements
from claimkit.attribute.quotes import attribute_quotes, find_quotes
from claimkit.attribute.reported import _sentences, nested_platform_statements
from claimkit.attribute.resolve import (
    _Resolver,
    _consistent_roles,
    _role_for,
    _statement,
    _titled_as_platform,
    canonical_names,
)
from claimkit.lexicon.speech import PLATFORM_WE_PATTERN, SINGULAR_FIRST_PERSON_PATTERN
from claimkit.platforms import Platforms, builtin_platforms
from claimkit.spans import doc_text
from claimkit.types import REPORTER, Document, Statement

PLATFORM_WE_RE = re.compile(PLATFORM_WE_PATTERN, re.IGNORECASE)
SINGULAR_FIRST_PERSON_RE = re.compile(SINGULAR_FIRST_PERSON_PATTERN)
#: How far (characters) a platform's unquoted text may run on from its last statement.
PLATFORM_TEXT_REACH = 1500


def attribute(doc, document: Document, platform: str | None, platforms: Platforms | None = None) -> list[Statement]:
    """Split a parsed document into attributed statements, in text order.

    Args:
        doc: The spaCy `Doc` of the document text (header masked).
        document: The `Document` (for `body_start`, `author` and dates).
        platform: The document's platform, to resolve "the company said".
        platforms: The `Analyzer`'s platform data (default: the shipped data).
    """
    platforms = platforms or builtin_platforms()
    text = doc_text(doc)
    embeds = find_embeds(text, document.body_start)
    taken = [(f.start, f.end) for f in embeds]
    free = _free_regions(document.body_start, len(text), taken)
    quotes = attribute_quotes(doc, find_quotes(text, _paragraph_regions(text, free)))
    taken += [(q.start, q.end) for q in quotes]
    reported, narrative = _sentences(doc, document.body_start, taken, platforms)
    nested = nested_platform_statements(doc, embeds + quotes, platforms)
    found = sorted(embeds + quotes + reported + nested, key=lambda f: (f.start, f.speaker_start))
    resolver = _Resolver(doc, platform, platforms)
    resolved: list[_Found] = []
    for item in found:
        name, role = resolver.resolve(item.speaker, item.speaker_start, resolved)
        name = clean_name(name) or item.speaker
        role = role or _role_for(name, item.handle, platforms) or None
        if role != "platform" and not platforms.is_chatbot(name) and _titled_as_platform(text, item, platform, platforms):
            role = "platform"
        resolved.append(replace(item, speaker=name, role=role))
    mapping = canonical_names(resolved, platforms)
    resolved = _consistent_roles(resolved, mapping)
    statements = [_statement(text, f, mapping) for f in resolved]
    statements += _narrative_statements(text, narrative, document, platforms)
    ordered = platform_text_runs(sorted(statements, key=lambda s: (s.start, s.speaker)))
    return without_partial_overlaps(ordered, text)


def without_partial_overlaps(statements: list[Statement], text: str) -> list[Statement]:
    """The final guard: no two statements partly overlap (nesting is kept).

    A quote whose attribution clause runs into the next quote ("A," X said,
    "B," Y wrote) or into an embed can make two statements share a stretch
    without one holding the other. The later statement then starts where
    the earlier one ends (its text re-sliced), or is dropped if nothing is
    left; a statement wholly inside another (the platform's voice reported
    inside a post) stays.
    """
    kept: list[Statement] = []
    for statement in sorted(statements, key=lambda s: (s.start, -s.end)):
        start, moved = statement.start, True
        while moved:  # kept statements start no later than this one: only their ends can cut into it
            moved = False
            for other in kept:
                if other.start < start < other.end < statement.end:
                    start, moved = other.end, True
            while start < statement.end and text[start].isspace():
                start += 1
        if start >= statement.end:
            continue
        if start != statement.start:
            statement = replace(statement, start=start, text=text[start : statement.end])
        kept.append(statement)
    return sorted(kept, key=lambda s: (s.start, s.speaker))


def platform_text_runs(statements: Sequence[Statement]) -> list[Statement]:
    """Narrative paragraphs that go on in a platform's own first-person plural voice
    after one of its statements ("Vijaya Gadde posted a blog ...", then "Over the years,
    we've locked accounts ... our systems") are that platform voice's, not the reporter's:
    scraped pages drop the quotation marks of block quotes.

    A paragraph in the first person singular is the writer's own and stops the run;
    so does any statement by someone else.
    """
    out: list[Statement] = []
    voice: Statement | None = None
    for statement in statements:
        if statement.role == "platform" and not statement.anonymous:
            voice = statement
        elif statement.speaker == REPORTER and voice is not None:
            own = PLATFORM_WE_RE.search(statement.text) and not SINGULAR_FIRST_PERSON_RE.search(statement.text)
            if own and statement.start - voice.end <= PLATFORM_TEXT_REACH:
                statement = replace(statement, speaker=voice.speaker, role="platform", cue=voice.cue,
                                    handle=voice.handle, speaker_text=voice.speaker_text)
                voice = statement
            elif SINGULAR_FIRST_PERSON_RE.search(statement.text):
                voice = None
        elif statement.speaker != REPORTER:
            voice = None
        out.append(statement)
    return out
