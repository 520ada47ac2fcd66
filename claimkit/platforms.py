"""Platforms as data: names, official accounts, executives and the words for a platform voice.

The shipped data is `claimkit/data/platforms.json`; a user file extends it
(`claimkit extract --platforms FILE`, env `CLAIMKIT_PLATFORMS`,
`Analyzer(platforms=...)`). The format:

    {"platforms": [
       {"name": "Mastodon",
        "aliases": ["mastodon", "mastodon.social"],
        "accounts": ["mastodonengineering", "mastodon support"],
        "executives": [{"name": "Eugen Rochko", "title": "founder"}]}],
     "nominals": ["the fediverse network"],
     "voice_words": [], "titles": [], "chatbots": []}

`name` is the platform as results name it; `aliases` are the lower-case
names and words that refer to it (aliases of one or two letters count in
running text only when listed in `short_aliases_in_text`; `case_sensitive`
names, such as X, count in running text only as written); `accounts` are
official accounts (display names or handles, lower case, without `@`);
`executives` are people who speak for it; `renamed_from` names the platform
it used to be (its executives then speak for whichever of the two the
document is about). The top-level lists: `voice_words` make
"<platform> <word>" a platform voice ("Twitter spokesperson"); `nominals`
stand for the document's platform ("the company", "the micro-blogging
site"); `titles` make a named person a platform voice ("Instagram
co-founder Kevin Systrom"); `chatbots` are always third parties. A
platform already known gets the new aliases, accounts and executives.

`Platforms` compiles its regular expressions once, when an `Analyzer` builds
it, never at import.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from claimkit.datafiles import read_json_file
from claimkit.errors import PlatformsError
from claimkit.lexicon.speech import (
    APPOSITION_DETERMINERS_PATTERN,
    NOMINAL_DETERMINERS_PATTERN,
    RUNNING_VERBS_PATTERN,
    TITLE_PREPOSITIONS_PATTERN,
    VOICE_PREPOSITIONS_PATTERN,
)
from claimkit.screens import fold

BUILTIN_PATH = Path(__file__).resolve().parent / "data" / "platforms.json"
LIST_KEYS = ("voice_words", "nominals", "titles", "chatbots")
PLATFORM_KEYS = frozenset({
    "name", "aliases", "short_aliases_in_text", "case_sensitive", "renamed_from", "accounts", "executives",
})
TOP_KEYS = frozenset({"name", "about", "platforms", *LIST_KEYS})

_WORD = r"(?<![\w@#.]){}(?![\w]|\.\w)"
#: A case-sensitive name ("X") standing alone as a word.
_EXACT = r"(?<![\w@#.'’-]){}(?![\w'’-])(?!\.\w)"
@dataclass(frozen=True)
class PlatformEntry:
    """One platform of the data (see the module docstring for each field)."""

    name: str
    aliases: tuple[str, ...] = ()
    short_aliases_in_text: tuple[str, ...] = ()
    case_sensitive: tuple[str, ...] = ()
    renamed_from: str | None = None
    accounts: tuple[str, ...] = ()
    executives: tuple[tuple[str, str], ...] = ()


def _key(name: str) -> str:
    return " ".join(name.lower().lstrip("@").replace("’", "'").split())


class Platforms:
    """The platforms claimkit knows, with the lookups attribution needs.

    Build it with `load_platforms`; the `Analyzer` builds one and passes it
    to the stages (attribution, claims, alignment, platform detection).

    Example:
        >>> platforms = load_platforms({"platforms": [{"name": "Mastodon", "aliases": ["mastodon"]}]})
        >>> platforms.of_name("@TwitterSupport"), platforms.of_name("Mastodon")
        ('Twitter', 'Mastodon')
    """

    def __init__(self, entries: tuple[PlatformEntry, ...], lists: Mapping[str, tuple[str, ...]], source: str) -> None:
        self.entries = entries
        self.source = source
        self.voice_words = lists["voice_words"]
        self.nominals = frozenset(lists["nominals"])
        self.titles = lists["titles"]
        self.chatbots = lists["chatbots"]
        self.names = tuple(e.name for e in entries)
        self.accounts = {_key(a): e.name for e in entries for a in e.accounts}
        self.executives = {_key(n): e.name for e in entries for n, _ in e.executives}
        self._aliases = [(e.name, e.aliases) for e in entries]
        self._renames = {e.name: e.renamed_from for e in entries if e.renamed_from}
        # Each expression comes with a screen: an expression for the
        # substrings one of which any match holds, searched in `fold(text)`
        # (None: no screen, for an alias that is not ASCII). A text runs only
        # the expressions its screens pass.
        self._text_res: list[tuple[str, re.Pattern[str] | None, re.Pattern[str]]] = []
        for entry in entries:
            strong = [a for a in entry.aliases if len(a) > 2 or a in entry.short_aliases_in_text]
            if strong:
                pattern = "|".join(re.escape(a) for a in sorted(strong, key=len, reverse=True))
                screen = None
                if all(a.isascii() for a in strong):
                    screen = re.compile("|".join(re.escape(a.lower()) for a in strong))
                self._text_res.append(
                    (entry.name, screen, re.compile(_WORD.format(f"(?:{pattern})"), re.IGNORECASE))
                )
        self._exact_res = [
            (e.name, name, re.compile(_EXACT.format(re.escape(name)))) for e in entries for name in e.case_sensitive
        ]
        names = "|".join(
            [re.escape(a) for e in entries for a in e.aliases if len(a) > 2]
            + [re.escape(n) for e in entries for n in e.case_sensitive]
        )
        titles = "|".join(re.escape(t) for t in self.titles)
        #: ", Facebook's head of ...", ", a spokesperson for Twitter", ", who owns the company".
        self._title_after = re.compile(
            rf"^\s*,\s*(?:(?:{APPOSITION_DETERMINERS_PATTERN})\s+)?(?:[\w-]+\s+){{0,3}}?(?:(?P<p1>{names})(?:'s|’s)?\s+(?:[\w-]+\s+){{0,2}}?(?:{titles})\b"
            rf"|(?:{titles})\s+(?:[\w-]+\s+){{0,3}}?(?:{TITLE_PREPOSITIONS_PATTERN})\s+(?P<p2>{names})\b"
            rf"|who\s+(?:{RUNNING_VERBS_PATTERN})\s+(?:the\s+company|(?P<p3>{names}))\b)",
            re.IGNORECASE,
        )
        #: "Instagram co-founder Kevin Systrom", "Twitter's head of safety Del Harvey".
        self._title_before = re.compile(
            rf"(?P<p>{names}|the company)(?:'s|’s)?\s+(?:[\w-]+\s+){{0,3}}?(?:{titles})(?:\s+of\s+[\w\s-]{{0,40}}?)?\s*,?\s*$",
            re.IGNORECASE,
        )

    def of_name(self, name: str) -> str | None:
        """The platform a speaker name or handle belongs to, or None.

        Example:
            >>> builtin_platforms().of_name("A Twitter spokesperson")
            'Twitter'
        """
        key = _key(name)
        key = re.sub(r"^(?:an?|the)\s+", "", key)
        if key in self.accounts:
            return self.accounts[key]
        if key in self.executives:
            return self.executives[key]
        for canonical, aliases in self._aliases:
            for alias in aliases:
                if key == alias or key == f"{alias}'s" or key == f"{alias}s":
                    return canonical
                if key.startswith(f"{alias} ") or key.startswith(f"{alias}'s "):
                    rest = key.split(" ", 1)[1]
                    if any(rest == w or rest.startswith(w + " ") or rest.endswith(" " + w)
                           for w in self.voice_words):
                        return canonical
        match = re.search(rf"\b(?:{VOICE_PREPOSITIONS_PATTERN})\s+(\w[\w.]*)$", key)
        if match and any(key.startswith(w) or f" {w} " in f" {key} " for w in self.voice_words):
            return self.of_name(match.group(1))
        return None

    def is_executive(self, name: str) -> bool:
        """True for a person listed as one of a platform's executives."""
        return name.lower() in self.executives

    def is_chatbot(self, name: str) -> bool:
        """True for AI chatbots such as Grok (always third parties)."""
        key = name.lower().lstrip("@").strip()
        return any(key == bot or key.startswith(bot + " ") for bot in self.chatbots)

    def is_anaphor(self, name: str) -> bool:
        """True for nominals like "the company" that stand for the document's platform."""
        key = " ".join(name.lower().replace("’", "'").split())
        key = re.sub(rf"^(?:{NOMINAL_DETERMINERS_PATTERN})\s+", "", key)
        return key in self.nominals

    def titled(self, before: str, after: str, document_platform: str | None = None) -> str | None:
        """The platform a person speaks for, from the title around their name.

        Args:
            before: Text just before the name ("Instagram co-founder ").
            after: Text just after it (", Facebook's head of cybersecurity policy, wrote").
            document_platform: Stands for "the company" in "who owns the company".
        """
        match = self._title_after.match(after)
        if match:
            name = match.group("p1") or match.group("p2") or match.group("p3")
            return self.of_name(name) if name else document_platform
        match = self._title_before.search(before[-80:])
        if match:
            return self.of_name(match.group("p")) or document_platform
        return None

    def mentions(self, text: str) -> list[tuple[str, int, int]]:
        """Every mention of a platform name: (platform, start, end), in text order."""
        folded = fold(text)
        found = [
            (c, m.start(), m.end())
            for c, screen, rx in self._text_res
            if screen is None or screen.search(folded)
            for m in rx.finditer(text)
        ]
        found += [(c, m.start(), m.end()) for c, name, rx in self._exact_res if name in text for m in rx.finditer(text)]
        return sorted(found, key=lambda item: item[1])

    def detect(self, text: str) -> str | None:
        """The platform a text is mostly about: the most mentioned, the first on a tie."""
        mentions = self.mentions(text)
        if not mentions:
            return None
        counts: dict[str, int] = {}
        for canonical, _, _ in mentions:
            counts[canonical] = counts.get(canonical, 0) + 1
        best = max(counts.values())
        return next(c for c, _, _ in mentions if counts[c] == best)

    def first_in(self, text: str) -> str | None:
        """The first platform named in a short text (e.g. "Twitter followers"), or None."""
        mentions = self.mentions(text)
        return mentions[0][0] if mentions else None

    def voice(self, speaker: str, document_platform: str | None) -> str:
        """The platform a platform-role speaker speaks for, as the matrix names it.

        A platform and the one it was renamed from (X and Twitter) are one
        voice: the document's platform names it.

        Example:
            >>> builtin_platforms().voice("Twitter Support", None)
            'Twitter'
        """
        own = self.of_name(speaker)
        if own is not None and document_platform is not None and self._same_company(own, document_platform):
            return document_platform
        return own or document_platform or speaker

    def _same_company(self, one: str, other: str) -> bool:
        def family(name: str) -> set[str]:
            names = {name}
            if name in self._renames:
                names.add(self._renames[name])
            names |= {new for new, old in self._renames.items() if old == name}
            return names

        return bool(family(one) & family(other)) and len(family(one)) > 1


# --------------------------------------------------------------------------- reading


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
            type(None): "null"}.get(type(value), type(value).__name__)


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> PlatformsError:
        return PlatformsError(f"{where}: {message}" if where else message, self.source)

    def strings(self, value: Any, where: str, lower: bool = True) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(where, f"expected an array of non-empty strings, found {_type_name(value)}")
        return tuple(_key(v) if lower else v.strip() for v in value)

    def executives(self, value: Any, where: str) -> tuple[tuple[str, str], ...]:
        if not isinstance(value, list):
            raise self.fail(where, f"expected an array of {{\"name\": ..., \"title\": ...}}, found {_type_name(value)}")
        out = []
        for i, item in enumerate(value):
            if isinstance(item, str):
                item = {"name": item}
            if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
                raise self.fail(f"{where}[{i}]", 'expected {"name": "...", "title": "..."}')
            title = item.get("title", "")
            if not isinstance(title, str):
                raise self.fail(f"{where}[{i}].title", f"expected a string, found {_type_name(title)}")
            out.append((" ".join(item["name"].split()), title))
        return tuple(out)

    def entry(self, data: Any, where: str, known: Mapping[str, PlatformEntry]) -> PlatformEntry:
        if not isinstance(data, dict):
            raise self.fail(where, f"expected an object with \"name\", found {_type_name(data)}")
        unknown = sorted(set(data) - PLATFORM_KEYS)
        if unknown:
            raise self.fail(where, f"unknown key(s) {', '.join(map(repr, unknown))}; "
                                   f"expected some of: {', '.join(sorted(PLATFORM_KEYS))}")
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            raise self.fail(f"{where}.name", f"expected the platform's name, found {name!r}")
        name = name.strip()
        renamed = data.get("renamed_from")
        if renamed is not None and not isinstance(renamed, str):
            raise self.fail(f"{where}.renamed_from", f"expected a platform name, found {_type_name(renamed)}")
        fields = {
            "aliases": self.strings(data.get("aliases", []), f"{where}.aliases"),
            "short_aliases_in_text": self.strings(data.get("short_aliases_in_text", []), f"{where}.short_aliases_in_text"),
            "case_sensitive": self.strings(data.get("case_sensitive", []), f"{where}.case_sensitive", lower=False),
            "accounts": self.strings(data.get("accounts", []), f"{where}.accounts"),
            "executives": self.executives(data.get("executives", []), f"{where}.executives"),
        }
        base = known.get(name)
        if base is None:
            if not fields["aliases"]:
                fields["aliases"] = (_key(name),)
            return PlatformEntry(name=name, renamed_from=renamed, **fields)
        merged = {k: getattr(base, k) + tuple(v for v in fields[k] if v not in getattr(base, k)) for k in fields}
        return PlatformEntry(name=name, renamed_from=renamed or base.renamed_from, **merged)

    def platforms(self, data: Any, base: Platforms | None) -> Platforms:
        if not isinstance(data, dict):
            raise self.fail("", f"expected a JSON object with \"platforms\", found {_type_name(data)}")
        unknown = sorted(set(data) - TOP_KEYS)
        if unknown:
            raise self.fail("", f"unknown key(s) {', '.join(map(repr, unknown))}; "
                                f"expected some of: {', '.join(sorted(TOP_KEYS))}")
        entries = {e.name: e for e in base.entries} if base else {}
        items = data.get("platforms", [])
        if not isinstance(items, list):
            raise self.fail("platforms", f"expected an array of platforms, found {_type_name(items)}")
        for i, item in enumerate(items):
            entry = self.entry(item, f"platforms[{i}]", entries)
            entries[entry.name] = entry
        lists = {}
        for key in LIST_KEYS:
            old = {"voice_words": base.voice_words, "nominals": tuple(sorted(base.nominals)),
                   "titles": base.titles, "chatbots": base.chatbots}[key] if base else ()
            new = self.strings(data.get(key, []), key)
            lists[key] = old + tuple(w for w in new if w not in old)
        lists["nominals"] = tuple(re.sub(rf"^(?:{NOMINAL_DETERMINERS_PATTERN})\s+", "", n) for n in lists["nominals"])
        return Platforms(tuple(entries.values()), lists, self.source)


def _read_json(path: Path) -> Any:
    return read_json_file(path, PlatformsError, "platforms")


@lru_cache(maxsize=1)
def builtin_platforms() -> Platforms:
    """The shipped platform data, compiled on first use."""
    return _Reader(str(BUILTIN_PATH)).platforms(_read_json(BUILTIN_PATH), None)


def load_platforms(source: Any = None) -> Platforms:
    """The platform data to use: the shipped data, extended by `source`.

    Args:
        source: None (the shipped data); a `Platforms`; a dict in the JSON
            form; or the path of a JSON file.

    Raises:
        PlatformsError: the file is missing or malformed (one line naming
            the file and the JSON path of what is wrong).
    """
    if source is None:
        return builtin_platforms()
    if isinstance(source, Platforms):
        return source
    if isinstance(source, Mapping):
        return _Reader("platforms").platforms(dict(source), builtin_platforms())
    if isinstance(source, str | Path):
        path = Path(source)
        return _Reader(str(path)).platforms(_read_json(path), builtin_platforms())
    raise PlatformsError(f"expected a platforms file path, a dict or a Platforms, got {type(source).__name__}")


__all__ = ["PlatformEntry", "Platforms", "builtin_platforms", "load_platforms"]
