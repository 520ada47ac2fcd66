"""Attribution: split a document into statements, each with its speaker, role and cue.

Four kinds of statement, found in this order so that each character belongs
to at most one of them:

1. embedded posts: `TEXT — Display Name (@handle) Month D, YYYY` (cue `embed`);
2. direct quotes with a speech verb before or after them ("X said, "..."",
   ""...," X wrote", "It stated: "..."");
3. reported speech: a sentence whose speech verb has a named or nominal
   subject ("A spokesperson reportedly said that ...", "X assured users that
   ...", "according to X");
4. the reporter's own voice (or the document's `author`) for the rest, one
   statement per paragraph run.

Speakers are resolved to their fullest name in the document ("Kher", "the
actor" → "Anupam Kher"; "It" → the last named non-person speaker) and given
a role: `platform` from the platform lexicon, `third_party` otherwise; the
`affected` role is set later, once claims are known (`claimkit.roles`).
"""

from __future__ import annotations

from claimkit.attribute.common import clean_name
from claimkit.attribute.embeds import find_embeds
from claimkit.attribute.speakers import speakers_of
from claimkit.attribute.quotes import attribute_quote, attribute_quotes, find_quotes
from claimkit.attribute.reported import nested_platform_statements, reported_speakers
from claimkit.attribute.resolve import canonical_names
from claimkit.attribute.statements import attribute

__all__ = [
    "attribute",
    "attribute_quote",
    "attribute_quotes",
    "canonical_names",
    "clean_name",
    "find_embeds",
    "find_quotes",
    "nested_platform_statements",
    "reported_speakers",
    "speakers_of",
]
