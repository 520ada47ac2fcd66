"""Speaker resolution: pronouns, role nouns and platform nominals to earlier speakers, roles,
and the fullest form of each name."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from claimkit.attribute.common import _Found, _trim, clean_name
from claimkit.lexicon.speech import (
    DEFINITE_DETERMINERS,
    DESCRIPTION_TITLES,
    PERSON_PRONOUNS,
    PERSON_TITLES,
    PLATFORM_NOMINAL_HEADS,
    RUN_BY_PATTERN,
    THING_PRONOUNS,
    THIRD_PARTY_NOMINAL_MODIFIERS,
)
from claimkit.platforms import Platforms, builtin_platforms
from claimkit.spans import doc_text
from claimkit.types import Statement

#: "Elon Musk-run social media platform", "the Musk-owned site": the name heads a platform.
RUN_BY_RE = re.compile(rf"^[-‑–]\s?(?:{RUN_BY_PATTERN})\b", re.IGNORECASE)
RUN_BY_SUFFIX_RE = re.compile(rf"[-‑–](?:{RUN_BY_PATTERN})$", re.IGNORECASE)


class _Resolver:
    """Resolves pronouns, role nouns and platform nominals to earlier speakers."""

    def __init__(self, doc, platform: str | None, platforms: Platforms) -> None:
        self.doc = doc
        self.platform = platform
        self.platforms = platforms
        self.people = [(e.start_char, clean_name(e.text)) for e in doc.ents if e.label_ == "PERSON"]
        self.things = [
            (e.start_char, clean_name(e.text))
            for e in doc.ents
            if e.label_ in {"ORG", "PRODUCT", "PERSON", "GPE", "NORP"} and (platforms.is_chatbot(e.text) or platforms.of_name(e.text))
        ]

    def resolve(self, name: str, offset: int, known: Sequence[_Found]) -> tuple[str, str | None]:
        """(resolved name, role hint) for a speaker phrase at `offset`."""
        key = name.lower().strip()
        if self.platforms.is_anaphor(name) or self._platform_description(name, offset):
            # "the company said": the document's platform, or the nominal itself when none is known.
            return (self.platform or clean_name(name) or name), "platform"
        if key in THING_PRONOUNS:
            # "It stated:": the last chatbot or platform named, in the text or as a speaker.
            thing = self._last(self.things, offset)
            if thing is not None:
                return thing, None
            named = [f.speaker for f in known if f.start < offset and not f.anonymous
                     and (self.platforms.is_chatbot(f.speaker) or self.platforms.of_name(f.speaker))]
            return (named[-1] if named else self.platform or name), None
        if key == "they":
            # "They issued a statement saying ...": the platform just named, if one was.
            thing = self._last(self.things, offset)
            near = [start for start, _ in self.things if offset - 300 < start < offset]
            if thing is not None and near and self.platforms.of_name(thing):
                return thing, None
            return name, None
        if key in PERSON_PRONOUNS or self._is_title(key) or self._titled_description(name, offset):
            person = self._last(self.people, offset)
            if person is not None:
                person = RUN_BY_SUFFIX_RE.sub("", person)  # "the Dana Okafor-run platform"
                executive = self._executive(person)
                return (executive or person), ("platform" if executive else None)
            return name, None
        executive = self._executive(name)
        if executive is not None:
            return executive, "platform"
        owner = self._platform_of_last_word(name)
        if owner is not None:
            return owner, "platform"
        return name, None

    def _platform_description(self, name: str, offset: int) -> bool:
        """"the Facebook-owned site", "the social media company", "This company": a
        definite description whose head names a kind of platform."""
        words = name.lower().replace("’", "'").split()
        if not words or words[-1] not in PLATFORM_NOMINAL_HEADS:
            return False
        if any(re.sub(r"'s$", "", w) in THIRD_PARTY_NOMINAL_MODIFIERS for w in words[:-1]):
            return False
        if words[0] in DEFINITE_DETERMINERS:
            return True
        head = self._token_at(words[-1], offset)
        if head is None:
            return False
        modifiers = [c for c in head.children if c.i < head.i]
        if any(c.lower_ in THIRD_PARTY_NOMINAL_MODIFIERS for c in head.subtree if c.i < head.i):
            return False
        if any(c.pos_ == "PROPN" and not self.platforms.of_name(c.text) for c in modifiers if c.dep_ in {"compound", "poss"}):
            return False  # "Variety's site", "the CrowdTangle platform"
        return any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in modifiers)

    def _titled_description(self, name: str, offset: int) -> bool:
        """"the tech billionaire", "the Tesla and SpaceX CEO": a definite description by
        a person title, however modified."""
        words = name.lower().split()
        if not words or words[-1] not in PERSON_TITLES | DESCRIPTION_TITLES:
            return False
        if words[0] in DEFINITE_DETERMINERS and len(words) <= 6:
            return True
        head = self._token_at(words[-1], offset)
        return head is not None and any(
            c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in head.children
        )

    def _token_at(self, word: str, offset: int):
        """The first token spelled `word` at or after `offset` (within a short phrase)."""
        if offset < 0:
            return None
        span = self.doc.char_span(offset, min(len(doc_text(self.doc)), offset + 80), alignment_mode="expand")
        if span is None:
            return None
        return next((t for t in span if t.lower_ == word), None)

    def _executive(self, name: str) -> str | None:
        """A platform executive, also named by surname ("Musk", "Bier") where the text ties
        the full name to the platform ("Elon Musk-run", "Nikita Bier, X's Head of Product")."""
        key = " ".join(name.lower().split())
        if self.platforms.is_executive(key):
            return name
        if len(key.split()) != 1:
            return None
        text = doc_text(self.doc).lower()
        for full in self.platforms.executives:
            if full.split()[-1] != key:
                continue
            for match in re.finditer(re.escape(full), text):
                before = doc_text(self.doc)[max(0, match.start() - 100) : match.start()]
                after = doc_text(self.doc)[match.end() : match.end() + 160]
                if RUN_BY_RE.match(after) or self.platforms.titled(before, after, self.platform):
                    return doc_text(self.doc)[match.start() : match.end()]
        return None

    def _platform_of_last_word(self, name: str) -> str | None:
        """"Instagram parent Facebook", "Instagram-owner Meta": a description ending in a platform's
        name (and no voice of its own, like "Twitter Support")."""
        words = name.split()
        if len(words) < 2 or self.platforms.of_name(name) is not None:
            return None
        last = words[-1]
        named = any(start == 0 and end == len(last) for _, start, end in self.platforms.mentions(last))
        return last if named and last[:1].isupper() else None

    def _is_title(self, key: str) -> bool:
        """"the (senior) actor": a definite description by a person noun."""
        words = key.split()
        return len(words) >= 2 and words[0] == "the" and words[-1] in PERSON_TITLES and len(words) <= 4

    @staticmethod
    def _last(entries: Sequence[tuple[int, str]], offset: int) -> str | None:
        before = [name for start, name in entries if start < offset]
        return before[-1] if before else None


def _role_for(speaker: str, handle: str | None, platforms: Platforms) -> str:
    if platforms.is_chatbot(speaker):
        return "third_party"
    if platforms.of_name(speaker) or (handle and platforms.of_name(handle)) or platforms.is_anaphor(speaker):
        return "platform"
    return "third_party"


def canonical_names(found: Sequence[_Found], platforms: Platforms | None = None) -> dict[str, str]:
    """Map each person speaker name to the fullest name in the document that contains it.

    Platform names keep their own ("Twitter" and "Twitter Support" stay
    apart); people merge by token subset ("Kher" → "Anupam Kher", "Musk" →
    "Elon Musk").
    """
    platforms = platforms or builtin_platforms()
    names = {f.speaker for f in found if f.speaker and not f.anonymous}
    tokens = {n: set(clean_name(n).lower().split()) for n in names}
    mapping = {}
    for name in names:
        if platforms.of_name(name) and not platforms.is_executive(name):
            mapping[name] = name  # "Twitter" and "Twitter Support" stay apart
            continue
        supersets = [m for m in names if tokens[name] and tokens[name] <= tokens[m]]
        mapping[name] = max(supersets, key=lambda m: (len(tokens[m]), len(m)), default=name)
    handles = {f.handle.lower(): f.speaker for f in found if f.handle}
    for name in names:
        key = name.lower().lstrip("@")
        if key in handles:
            mapping[name] = mapping.get(handles[key], handles[key])
    return mapping


def _titled_as_platform(text: str, item: _Found, platform: str | None, platforms: Platforms) -> bool:
    """The speaker's title around their name says they speak for a platform."""
    if item.speaker_start < 0 or item.cue == "embed":
        return False
    end = text.find(item.speaker, item.speaker_start)
    end = end + len(item.speaker) if end >= 0 else item.speaker_start + len(item.speaker)
    before = text[max(0, item.speaker_start - 100) : item.speaker_start]
    return platforms.titled(before, text[end : end + 160], platform) is not None


def _consistent_roles(found: Sequence[_Found], mapping: dict[str, str]) -> list[_Found]:
    """A speaker shown anywhere to speak for the platform speaks for it everywhere."""
    platform_voices = {mapping.get(f.speaker, f.speaker) for f in found if f.role == "platform" and not f.anonymous}
    return [
        replace(f, role="platform") if mapping.get(f.speaker, f.speaker) in platform_voices and not f.anonymous else f
        for f in found
    ]


def _statement(text: str, found: _Found, mapping: dict[str, str]) -> Statement:
    speaker = mapping.get(found.speaker, found.speaker)
    start, end = _trim(text, found.start, found.end)
    return Statement(
        speaker=speaker,
        handle=found.handle,
        role=found.role or "third_party",  # type: ignore[arg-type]
        cue=found.cue,  # type: ignore[arg-type]
        text=text[start:end],
        start=start,
        end=end,
        date=found.date,
        speaker_text=found.speaker if found.speaker != speaker else None,
        anonymous=found.anonymous,
    )
