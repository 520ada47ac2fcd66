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

#: Nominals that stand for the document's platform ("the company said").
PLATFORM_ANAPHORS: tuple[str, ...] = (
    "the company", "the platform", "the firm", "the social network", "the social media giant",
    "the microblogging site", "the micro-blogging site", "the site", "the service", "the app",
    "the social media platform", "the tech giant", "the video platform", "the video site",
    "an official response", "the official response", "the official statement",
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
    """True for nominals like "the company" that stand for the document's platform."""
    key = " ".join(name.lower().replace("’", "'").split())
    return key in PLATFORM_ANAPHORS or key.replace("an ", "the ", 1) in PLATFORM_ANAPHORS


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
