"""Substring screens: skip a case-insensitive regular expression that cannot match.

A Python `re.IGNORECASE` search tries every position of the text and is slow
on an alternation; a `str` substring test is fast. When every match of an
expression must contain one of a few ASCII literals, a text that contains
none of them (after `fold`) cannot match, and the expression need not run.

- `fold(text)`: the text lowered so that a character `re.IGNORECASE` matches
  to an ASCII letter becomes that letter (`str.lower` alone leaves the
  dotless i, the long s and the dotted capital I otherwise).
- `required_literals(pattern)`: lower-case ASCII literals one of which every
  match of the pattern contains, read off the parsed pattern; None when some
  way of matching needs no literal.

Example:
    >>> required_literals(r"follow|\\bfans?\\b|(?:fake|spam)\\s+accounts")
    ('accounts', 'fan', 'follow')
    >>> screen_passes(('accounts', 'fan', 'follow'), "Lost 3 FANS")
    True
"""

from __future__ import annotations

from collections.abc import Iterable

try:  # the parser `re` compiles with (Python 3.11+: re._parser; before: sre_parse)
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

#: The characters `re.IGNORECASE` matches to an ASCII letter that `str.lower`
#: does not lower to it (dotted and dotless I, long s): folded first, so an
#: ASCII literal that matches a text somewhere is a substring of `fold(text)`.
_FOLD_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})

_LITERAL = _sre_parse.LITERAL
_BRANCH = _sre_parse.BRANCH
_SUBPATTERN = _sre_parse.SUBPATTERN
_REPEATS = (_sre_parse.MAX_REPEAT, _sre_parse.MIN_REPEAT, getattr(_sre_parse, "POSSESSIVE_REPEAT", None))


def fold(text: str) -> str:
    """The text lowered as `re.IGNORECASE` compares it with ASCII (see `_FOLD_TO_ASCII`)."""
    return text.lower() if text.isascii() else text.translate(_FOLD_TO_ASCII).lower()


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Lower-case ASCII literals one of which every match of `pattern` holds, or None.

    Read case-insensitively: the pattern is meant to be searched with
    `re.IGNORECASE` and screened in `fold(text)`. None when the pattern does
    not parse or some match needs no ASCII literal (a character class, a
    pattern of optional parts).

    Example:
        >>> required_literals(r"\\bbots?\\b|purge")
        ('bot', 'purge')
        >>> required_literals(r"\\d+|bots") is None
        True
    """
    try:
        parsed = _sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001 - an unreadable pattern gets no screen
        return None
    found = _sequence(list(parsed))
    if found is None or not found or not all(x and x.isascii() for x in found):
        return None
    return tuple(sorted(set(found)))


def screen_passes(literals: Iterable[str] | None, text: str, folded: str | None = None) -> bool:
    """Whether the text holds one of the literals (always, without literals to look for)."""
    if literals is None:
        return True
    folded = fold(text) if folded is None else folded
    return any(literal in folded for literal in literals)


def _sequence(items: list) -> list[str] | None:
    """Literals one of which a match of this sequence of parsed items holds (the most telling choice)."""
    options: list[list[str]] = []
    run: list[str] = []
    for op, arg in items:
        if op is _LITERAL:
            run.append(chr(arg).lower())
            continue
        if run:
            options.append(["".join(run)])
            run = []
        found = _item(op, arg)
        if found is not None:
            options.append(found)
    if run:
        options.append(["".join(run)])
    if not options:
        return None
    # The alternatives whose shortest literal is longest screen best.
    return max(options, key=lambda found: (min(map(len, found)), -len(found)))


def _item(op, arg) -> list[str] | None:
    if op is _BRANCH:
        branches = [_sequence(list(branch)) for branch in arg[1]]
        if any(b is None for b in branches):
            return None
        return [literal for branch in branches for literal in branch]
    if op is _SUBPATTERN:
        return _sequence(list(arg[-1]))
    if op in _REPEATS and op is not None:
        low, _high, body = arg
        return _sequence(list(body)) if low >= 1 else None
    return None  # a class, an anchor, a look-around, a back-reference: no literal for sure


__all__ = ["fold", "required_literals", "screen_passes"]
