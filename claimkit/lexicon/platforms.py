"""Platform lookups over the shipped platform data (claimkit/data/platforms.json).

The data and its compiled lookups live in `claimkit.platforms.Platforms`,
built once per `Analyzer` (with the user's `--platforms` file, if any).
These functions answer from the shipped data alone, built on first use;
stages that an `Analyzer` drives use its `Platforms` instead.
"""

from __future__ import annotations

from claimkit.platforms import builtin_platforms


def platform_of_name(name: str) -> str | None:
    """The platform a speaker name or handle belongs to, or None.

    Example:
        >>> platform_of_name("@TwitterSupport"), platform_of_name("A Twitter spokesperson")
        ('Twitter', 'Twitter')
    """
    return builtin_platforms().of_name(name)


def is_chatbot(name: str) -> bool:
    """True for AI chatbots such as Grok (always third parties)."""
    return builtin_platforms().is_chatbot(name)


def is_platform_anaphor(name: str) -> bool:
    """True for nominals like "the company" or "a spokesperson" that stand for the document's platform."""
    return builtin_platforms().is_anaphor(name)


def titled_platform(before: str, after: str, document_platform: str | None = None) -> str | None:
    """The platform a person speaks for, from the title around their name (see `Platforms.titled`)."""
    return builtin_platforms().titled(before, after, document_platform)


def platform_mentions(text: str) -> list[tuple[str, int, int]]:
    """Every mention of a platform name: (canonical, start, end), in text order."""
    return builtin_platforms().mentions(text)


def detect_platform(text: str) -> str | None:
    """The platform a text is mostly about: the most mentioned, the first on a tie."""
    return builtin_platforms().detect(text)


def platform_in(text: str) -> str | None:
    """The first platform named in a short text (e.g. "Twitter followers"), or None."""
    return builtin_platforms().first_in(text)


def platform_voice(speaker: str, document_platform: str | None) -> str:
    """The platform a platform-role speaker speaks for, as the matrix names it.

    Example:
        >>> platform_voice("Twitter Support", None)
        'Twitter'
    """
    return builtin_platforms().voice(speaker, document_platform)

