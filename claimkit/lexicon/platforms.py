"""Platforms, their official voices and executives (data for attribution).

Extend these tables to teach claimkit a new platform or official account.
Names are matched case-insensitively on whole words; handles without `@`.
"""

from __future__ import annotations

import re

#: Canonical platform name -> names and words that refer to it.
PLATFORM_NAMES: dict[str, tuple[str, ...]] = {
    "Twitter": ("twitter",),
    "X": ("x", "x corp", "x.com"),
    "Instagram": ("instagram", "insta", "ig"),
    "YouTube": ("youtube",),
    "Facebook": ("facebook", "meta", "fb"),
    "TikTok": ("tiktok", "tik tok"),
    "Threads": ("threads",),
    "Bluesky": ("bluesky",),
    "LinkedIn": ("linkedin",),
}

#: Official accounts (display names or handles) -> platform.
OFFICIAL_ACCOUNTS: dict[str, str] = {
    "twittersupport": "Twitter",
    "twitter support": "Twitter",
    "twittersafety": "Twitter",
    "twitter safety": "Twitter",
    "twittercomms": "Twitter",
    "twitter comms": "Twitter",
    "twitterindia": "Twitter",
    "twitter india": "Twitter",
    "twitterpolicy": "Twitter",
    "twitter public policy": "Twitter",
    "policy": "Twitter",
    "safety": "X",
    "x safety": "X",
    "xsafety": "X",
    "x support": "X",
    "support": "X",
    "xdata": "X",
    "x engineering": "X",
    "xeng": "X",
    "x news": "X",
    "instagram comms": "Instagram",
    "instagramcomms": "Instagram",
    "instagram help": "Instagram",
    "instagram": "Instagram",
    "creators": "Instagram",
    "teamyoutube": "YouTube",
    "team youtube": "YouTube",
    "youtubecreators": "YouTube",
    "youtube creators": "YouTube",
    "youtubeinsider": "YouTube",
    "youtube liaison": "YouTube",
    "youtube": "YouTube",
    "meta newsroom": "Facebook",
    "facebook newsroom": "Facebook",
    "fbnewsroom": "Facebook",
    "metanewsroom": "Facebook",
    "tiktok safety": "TikTok",
    "tiktoksafety": "TikTok",
    "tiktok comms": "TikTok",
    "tiktokcomms": "TikTok",
    "tiktok newsroom": "TikTok",
}

#: Executives and staff who speak for a platform (lower-case full names) -> platform.
#: Elon Musk speaks for Twitter before the July 2023 rename and for X after it;
#: `platform_voice` maps him to the document's platform when that is Twitter or X.
EXECUTIVES: dict[str, str] = {
    "jack dorsey": "Twitter",
    "vijaya gadde": "Twitter",
    "del harvey": "Twitter",
    "parag agrawal": "Twitter",
    "yoel roth": "Twitter",
    "ella irwin": "Twitter",
    "elon musk": "X",
    "linda yaccarino": "X",
    "nikita bier": "X",
    "kevin systrom": "Instagram",
    "adam mosseri": "Instagram",
    "susan wojcicki": "YouTube",
    "neal mohan": "YouTube",
    "rene ritchie": "YouTube",
    "mark zuckerberg": "Facebook",
    "guy rosen": "Facebook",
    "alex schultz": "Facebook",
    "nick clegg": "Facebook",
    "shou zi chew": "TikTok",
}

#: Words that make "<platform> <word>" or "a <word> for <platform>" a platform voice.
PLATFORM_VOICE_WORDS: tuple[str, ...] = (
    "spokesperson", "spokeswoman", "spokesman", "spokespeople", "representative",
    "rep", "official", "officials", "executive", "executives", "support", "safety",
    "team", "blog", "statement", "help center", "help centre", "comms", "communications",
    "engineer", "engineers", "ceo", "head", "founder", "owner", "staff", "employee",
    "newsroom", "policy", "trust", "company", "source", "sources",
)

#: Nominals that stand for the document's platform ("the company said", "a spokesperson said").
PLATFORM_ANAPHORS: frozenset[str] = frozenset({
    "company", "platform", "firm", "social network", "social media giant", "microblogging site",
    "micro-blogging site", "site", "service", "social media platform", "tech giant",
    "video platform", "video site", "official response", "official statement",
    "spokesperson", "spokeswoman", "spokesman", "company spokesperson", "company spokeswoman",
    "company spokesman", "representative", "company representative", "company official",
    "company officials", "team", "safety team", "trust and safety team", "engineering team",
    "support team", "company's spokesperson", "company's statement", "company's blog",
    "company blog", "company statement", "company's response", "official blog",
})
#: Titles that make a named person a platform voice ("Facebook's head of cybersecurity
#: policy Nathaniel Gleicher", "Instagram co-founder Kevin Systrom").
PLATFORM_TITLES = (
    "spokesperson", "spokeswoman", "spokesman", "head", "chief", "ceo", "cto", "coo", "cfo",
    "founder", "co-founder", "cofounder", "executive", "vp", "vice president", "president",
    "director", "manager", "engineer", "lead", "official", "representative", "product",
    "policy", "safety", "trust", "communications", "comms", "owner", "chairman", "boss",
    "general counsel", "counsel", "employee", "staffer",
)

#: AI chatbots: always third parties (SPEC section 2).
CHATBOTS: tuple[str, ...] = ("grok", "chatgpt", "gemini", "claude", "meta ai", "copilot", "perplexity")

_WORD = r"(?<![\w@#.]){}(?![\w]|\.\w)"


def _compile(names: dict[str, tuple[str, ...]]) -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for canonical, aliases in names.items():
        strong = [a for a in aliases if len(a) > 2 or a in {"ig", "fb"}]
        pattern = "|".join(re.escape(a) for a in sorted(strong, key=len, reverse=True))
        out.append((canonical, re.compile(_WORD.format(f"(?:{pattern})"), re.IGNORECASE)))
    return out


_PLATFORM_RES = _compile(PLATFORM_NAMES)
# "X" is matched case-sensitively: a capital X standing alone as a word.
_X_RE = re.compile(r"(?<![\w@#.'’-])X(?![\w'’-])(?!\.\w)")


def platform_of_name(name: str) -> str | None:
    """The platform a speaker name or handle belongs to, or None.

    Example:
        >>> platform_of_name("@TwitterSupport"), platform_of_name("A Twitter spokesperson")
        ('Twitter', 'Twitter')
    """
    key = " ".join(name.lower().lstrip("@").replace("’", "'").split())
    key = re.sub(r"^(?:an?|the)\s+", "", key)
    if key in OFFICIAL_ACCOUNTS:
        return OFFICIAL_ACCOUNTS[key]
    if key in EXECUTIVES:
        return EXECUTIVES[key]
    for canonical, aliases in PLATFORM_NAMES.items():
        for alias in aliases:
            if key == alias or key == f"{alias}'s" or key == f"{alias}s":
                return canonical
            if key.startswith(f"{alias} ") or key.startswith(f"{alias}'s "):
                rest = key.split(" ", 1)[1]
                if any(rest == w or rest.startswith(w + " ") or rest.endswith(" " + w)
                       for w in PLATFORM_VOICE_WORDS):
                    return canonical
    match = re.search(r"\b(?:for|at|of|from)\s+(\w[\w.]*)$", key)
    if match and any(key.startswith(w) or f" {w} " in f" {key} " for w in PLATFORM_VOICE_WORDS):
        return platform_of_name(match.group(1))
    return None


def is_chatbot(name: str) -> bool:
    """True for AI chatbots such as Grok (always third parties)."""
    key = name.lower().lstrip("@").strip()
    return any(key == bot or key.startswith(bot + " ") for bot in CHATBOTS)


def is_platform_anaphor(name: str) -> bool:
    """True for nominals like "the company" or "a spokesperson" that stand for the document's platform."""
    key = " ".join(name.lower().replace("’", "'").split())
    key = re.sub(r"^(?:the|an?|its|their)\s+", "", key)
    return key in PLATFORM_ANAPHORS


_NAME_ALTERNATION = "|".join(
    re.escape(alias) for aliases in PLATFORM_NAMES.values() for alias in aliases if len(alias) > 2
) + "|X"
_TITLE_ALTERNATION = "|".join(re.escape(t) for t in PLATFORM_TITLES)
#: ", Facebook's head of ...", ", a spokesperson for Twitter", ", who owns the company".
_TITLE_AFTER_RE = re.compile(
    rf"^\s*,\s*(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){{0,3}}?(?:(?P<p1>{_NAME_ALTERNATION})(?:'s|’s)?\s+(?:[\w-]+\s+){{0,2}}?(?:{_TITLE_ALTERNATION})\b"
    rf"|(?:{_TITLE_ALTERNATION})\s+(?:[\w-]+\s+){{0,3}}?(?:at|of|for|with)\s+(?P<p2>{_NAME_ALTERNATION})\b"
    rf"|who\s+(?:owns|runs|leads|heads|co-founded|founded)\s+(?:the\s+company|(?P<p3>{_NAME_ALTERNATION}))\b)",
    re.IGNORECASE,
)
#: "Instagram co-founder Kevin Systrom", "Twitter's head of safety Del Harvey".
_TITLE_BEFORE_RE = re.compile(
    rf"(?P<p>{_NAME_ALTERNATION}|the company)(?:'s|’s)?\s+(?:[\w-]+\s+){{0,3}}?(?:{_TITLE_ALTERNATION})(?:\s+of\s+[\w\s-]{{0,40}}?)?\s*,?\s*$",
    re.IGNORECASE,
)


def titled_platform(before: str, after: str, document_platform: str | None = None) -> str | None:
    """The platform a person speaks for, from the title around their name.

    Args:
        before: Text just before the name ("Instagram co-founder ").
        after: Text just after it (", Facebook's head of cybersecurity policy, wrote").
        document_platform: Stands for "the company" in "who owns the company".
    """
    match = _TITLE_AFTER_RE.match(after)
    if match:
        name = match.group("p1") or match.group("p2") or match.group("p3")
        return platform_of_name(name) if name else document_platform
    match = _TITLE_BEFORE_RE.search(before[-80:])
    if match:
        return platform_of_name(match.group("p")) or document_platform
    return None


def platform_mentions(text: str) -> list[tuple[str, int, int]]:
    """Every mention of a platform name: (canonical, start, end), in text order."""
    found = [(c, m.start(), m.end()) for c, rx in _PLATFORM_RES for m in rx.finditer(text)]
    found += [("X", m.start(), m.end()) for m in _X_RE.finditer(text)]
    return sorted(found, key=lambda item: item[1])


def detect_platform(text: str) -> str | None:
    """The platform a text is mostly about: the most mentioned, the first on a tie."""
    mentions = platform_mentions(text)
    if not mentions:
        return None
    counts: dict[str, int] = {}
    for canonical, _, _ in mentions:
        counts[canonical] = counts.get(canonical, 0) + 1
    best = max(counts.values())
    return next(c for c, _, _ in mentions if counts[c] == best)


def platform_in(text: str) -> str | None:
    """The first platform named in a short text (e.g. "Twitter followers"), or None."""
    mentions = platform_mentions(text)
    return mentions[0][0] if mentions else None


def platform_voice(speaker: str, document_platform: str | None) -> str:
    """The platform a platform-role speaker speaks for, as the matrix names it.

    Example:
        >>> platform_voice("Twitter Support", None)
        'Twitter'
    """
    own = platform_of_name(speaker)
    if own in {"X", "Twitter"} and document_platform in {"X", "Twitter"}:
        return document_platform
    return own or document_platform or speaker

#: Head nouns of a definite description that stands for the document's platform
#: ("the Facebook-owned site", "the social media company", "this company", "the app").
PLATFORM_NOMINAL_HEADS: frozenset[str] = frozenset({
    "company", "site", "platform", "app", "service", "network", "firm", "giant", "website",
    "powerhouse", "microblogging", "micro-blogging", "business",
})
#: Modifiers that make such a description someone else ("the analytics firm", "a PR company").
THIRD_PARTY_NOMINAL_MODIFIERS: frozenset[str] = frozenset({
    "analytics", "analysis", "research", "marketing", "consulting", "consultancy", "security",
    "cybersecurity", "data", "tracking", "pr", "law", "advocacy", "news", "media-monitoring",
    "monitoring", "fact-checking", "ad", "advertising", "agency", "rival", "parent", "other",
    "another", "third-party", "polling", "software", "startup",
})
#: Determiners of a definite description.
DEFINITE_DETERMINERS: frozenset[str] = frozenset({"the", "this", "that"})
