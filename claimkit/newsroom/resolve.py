"""Subject resolution across documents: one `Account` per person, organisation or platform.

The documents name the same account in many ways: "Donald Trump", "Trump",
"President Trump", "@realDonaldTrump". Within a document the pipeline has
already resolved short names and nominals to the fullest name ("Kher" and
"the actor" → "Anupam Kher"); across documents this module ties the forms
together:

1. forms equal after `claimkit.names.normalize_name` (and without a title
   such as "President") are one account;
2. a handle is its owner's: a statement `Jo Reed (@joreed)` ties `@joreed`
   to "Jo Reed" in every document, and a handle that spells a name
   (`@CandaceOwens`) is that name;
3. a short name whose words are all in exactly one longer person's name
   ("Trump" → "Donald Trump") is that person; when two people share the words
   ("Trump": "Donald Trump", "Eric Trump") the short name stays apart.

Platforms and their official voices ("Twitter", "Twitter India", "Twitter
Support") are only ever tied by rules 1 and 2, so a platform is never merged
with its regional account or its owner.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from claimkit.lexicon.newsroom import ACCOUNT_TITLES
from claimkit.names import handle_key, normalize_name
from claimkit.newsroom.model import Account, AccountKind, DocumentInfo
from claimkit.platforms import Platforms, builtin_platforms
from claimkit.types import REPORTER

def name_key(form: str) -> str:
    """The form as accounts are compared: normalised, titles dropped (unless nothing else is left).

    Example:
        >>> name_key("President Donald J. Trump")
        'donald j trump'
    """
    tokens = normalize_name(form).split()
    kept = [t for t in tokens if t not in ACCOUNT_TITLES]  # "President Trump" ~ "Trump"
    return " ".join(kept or tokens)


def account_kind(form: str, platforms: Platforms | None = None) -> AccountKind:
    """"platform" for platforms and their official voices, "group" for lower-case plurals, else "person".

    An executive who speaks for a platform (its owner) is a person.
    """
    platforms = platforms or builtin_platforms()
    if " ".join(form.lower().split()) not in platforms.executives and platforms.of_name(form):
        return "platform"
    if not form.startswith("@") and not any(c.isupper() for c in form):
        return "group"
    return "person"


class _Forms:
    """Union-find over name keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, key: str) -> None:
        self.parent.setdefault(key, key)

    def find(self, key: str) -> str:
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class Resolver:
    """Maps every surface form of a corpus to its `Account`.

    Example:
        >>> resolver = Resolver([("Donald Trump", None, 0), ("Trump", None, 1), ("@realDonaldTrump", None, 1),
        ...                      ("Donald Trump", "realDonaldTrump", 2)])
        >>> {resolver.key_of(f) for f in ("Trump", "@realDonaldTrump", "Donald Trump")}
        {'donald-trump'}
    """

    def __init__(self, mentions: Iterable[tuple[str, str | None, int]], platforms: Platforms | None = None) -> None:
        """Resolve `(form, handle, document)` mentions (handle without `@`, or None).

        `platforms` tells platform names from people (default: the shipped platform data).
        """
        platforms = platforms or builtin_platforms()
        forms = _Forms()
        seen: dict[str, Counter[str]] = defaultdict(Counter)
        documents: dict[str, set[int]] = defaultdict(set)
        handles: dict[str, set[str]] = defaultdict(set)
        kinds: dict[str, AccountKind] = {}
        ties: list[tuple[str, str]] = []
        for form, handle, document in mentions:
            key = name_key(form)
            if not key:
                continue
            forms.add(key)
            seen[key][form] += 1
            documents[key].add(document)
            kinds.setdefault(key, account_kind(form, platforms))
            if form.startswith("@"):
                handles[key].add(form[1:])
            if handle:
                handle_form = "@" + handle.lstrip("@")
                hkey = name_key(handle_form)
                if hkey:
                    forms.add(hkey)
                    seen[hkey][handle_form] += 0
                    handles[key].add(handle.lstrip("@"))
                    ties.append((key, hkey))
        for a, b in ties:
            forms.union(a, b)
        # A handle that spells a known name (`@CandaceOwens`) is that name.
        by_spelling = {key.replace(" ", ""): key for key in forms.parent if " " in key}
        for key in list(forms.parent):
            spelled = by_spelling.get(handle_key(key))
            if spelled and spelled != key and kinds.get(key) == kinds.get(spelled, kinds.get(key)):
                forms.union(key, spelled)
        self._merge_short_names(forms, kinds)
        self._build(forms, seen, documents, handles, kinds)

    @staticmethod
    def _merge_short_names(forms: _Forms, kinds: dict[str, AccountKind]) -> None:
        people = [k for k in forms.parent if kinds.get(k) == "person"]
        tokens = {k: frozenset(k.split()) for k in people}
        having: dict[str, set[str]] = defaultdict(set)  # token -> the names that have it
        for key in people:
            for token in tokens[key]:
                having[token].add(key)
        for short in sorted(people, key=lambda k: len(tokens[k])):
            supersets = set.intersection(*(having[t] for t in tokens[short])) if tokens[short] else set()
            longer = {forms.find(k) for k in supersets if tokens[short] < tokens[k]}
            if len(longer) == 1:
                forms.union(short, longer.pop())

    def _build(self, forms, seen, documents, handles, kinds) -> None:
        groups: dict[str, list[str]] = defaultdict(list)
        for key in forms.parent:
            groups[forms.find(key)].append(key)
        self._key_of: dict[str, str] = {}
        accounts = []
        used: Counter[str] = Counter()
        for members in sorted(groups.values(), key=lambda m: min(m)):
            surface: Counter[str] = Counter()
            for key in members:
                surface.update(seen[key])
            name = _display_name(surface)
            slug = _slug(name) or "account"
            used[slug] += 1
            slug = slug if used[slug] == 1 else f"{slug}-{used[slug]}"
            kind = next((kinds[k] for k in members if kinds.get(k) == "platform"), None)
            kind = kind or kinds.get(name_key(name), "person")
            accounts.append(
                Account(
                    key=slug,
                    name=name,
                    kind=kind,
                    forms=tuple(sorted(surface)),
                    handles=tuple(sorted({h for k in members for h in handles[k]}, key=str.lower)),
                    documents=tuple(sorted({d for k in members for d in documents[k]})),
                )
            )
            for key in members:
                self._key_of[key] = slug
        self.accounts: tuple[Account, ...] = tuple(sorted(accounts, key=lambda a: a.name.lower()))

    def key_of(self, form: str) -> str:
        """The account key of a surface form (one never seen gets a key of its own, its slug)."""
        return self._key_of.get(name_key(form)) or _slug(form) or "unknown"


def _display_name(surface: Counter[str]) -> str:
    """The fullest non-handle form (most words, then most used), else the most used handle."""
    names = [f for f in surface if not f.startswith("@")] or list(surface)
    return max(names, key=lambda f: (len(name_key(f).split()), surface[f], f))


def _slug(name: str) -> str:
    return re.sub(r"[^\w]+", "-", normalize_name(name)).strip("-_")


def document_mentions(documents: Sequence[DocumentInfo]) -> list[tuple[str, str | None, int]]:
    """Every `(form, handle, document)` the analyses name: claim subjects, speakers, stance speakers."""
    found: list[tuple[str, str | None, int]] = []
    for info in documents:
        analysis = info.analysis
        for statement in analysis.statements:
            if statement.anonymous or statement.speaker == REPORTER:
                continue
            found.append((statement.speaker, statement.handle, info.index))
            if statement.speaker_text and statement.speaker_text[:1].isupper():
                found.append((statement.speaker_text, None, info.index))
        for claim in analysis.claims:
            found.append((claim.subject, None, info.index))
            if claim.source_speaker != REPORTER:
                found.append((claim.source_speaker, None, info.index))
        for explanation in analysis.explanations:
            for record in explanation.stances:
                if record.speaker != REPORTER:
                    found.append((record.speaker, None, info.index))
    return found
