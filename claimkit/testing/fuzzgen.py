"""A seeded generator of hostile inputs for fuzzing the pipeline (tests/test_fuzz.py, eval/fuzz.py).

`generate(n, seed, seeds)` yields `FuzzInput(kind, text)`s: random Unicode
(with lone surrogates, controls, combining marks), mutated seed sentences
(e.g. the texts of `corpora/dev.jsonl`), odd number forms, malformed embeds
and quotes, long tokens and bad ` date` headers. Same seed, same inputs.

Example:
    >>> [i.kind for i in generate(3, seed=1)]   # doctest: +SKIP
    ['numbers', 'quotes', 'unicode']
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

#: The team's own sentences, used when no corpus is given.
BUILTIN_SEEDS = (
    "Jo Reed said she lost 4,200 followers overnight.",
    "Twitter said the accounts it removed were bots and spam.",
    '"This is not a glitch," Omar Feld said. "It is a spam clean-up."',
    "I just lost 3000 followers in one minute. — Jo Reed (@joreed) February 21, 2018",
    "Mayor Ortiz, according to a tracking site, lost 2.1 million followers in the last 36 hours.",
    "The platform removed around 1.7 million fake accounts in three weeks, a spokesperson said.",
)
KINDS = ("unicode", "mutated", "numbers", "embeds", "quotes", "long", "headers")
QUOTES = "\"“”‘’'«»‹›„‟「」"
ODD_NUMBERS = (
    "1" * 300, "9" * 40, "100000000000000000000", "2, 84,746", "1,2,3,4", "1.2.3", "10^12", "1e309",
    "٣٠٠٠", "９９９", "½", "0.0000001k", "-500", "5 to 0k", "3-4 million", "1,000,000,000,000,000",
    "one hundred hundred hundred hundred thousand", "half a", "0", "00000", "12bn+", "∞",
)
ODD_SPANS = (
    "in the last " + "9" * 300 + " hours", "in 100000000000000000000 weeks", "in 0 seconds",
    "over 1.5.5 days", "within 10000 years", "than it was 999999999 days ago", "in the last week",
)
SPECIAL_CHARS = ("\ud800", "\udfff", "\x00", "\x1b", "\r", "\u0301", "\u200b", "\u202e", "\ufeff", "\uffff",
                 "\U0001F600", "\n\n", "\t", "\x85", "\u2028", "—", "(@", ")", "#", "@")


@dataclass(frozen=True)
class FuzzInput:
    """One generated input: the generator that made it and the text."""

    kind: str
    text: str


def load_seeds(path: str | Path | None) -> list[str]:
    """Texts of a JSONL corpus (`corpora/dev.jsonl`), or the built-in sentences when absent."""
    if path is not None and Path(path).is_file():
        texts = []
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and isinstance(record.get("text"), str):
                texts.append(record["text"])
        if texts:
            return texts
    return list(BUILTIN_SEEDS)


def _random_unicode(rng: random.Random, size: int) -> str:
    out = []
    for _ in range(size):
        roll = rng.random()
        if roll < 0.5:
            out.append(rng.choice("abc XYZ 123 .,;:!?'\"-—()@#\n"))
        elif roll < 0.7:
            out.append(rng.choice(SPECIAL_CHARS))
        else:
            out.append(chr(rng.randrange(0, 0x110000)))
    return "".join(out)


def _sentence(rng: random.Random, seeds: Sequence[str]) -> str:
    text = rng.choice(seeds)
    if len(text) > 1500:
        start = rng.randrange(0, len(text) - 1500)
        text = text[start : start + 1500]
    return text


def _mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 6)):
        pos = rng.randrange(0, len(text) + 1)
        op = rng.randrange(7)
        if op == 0:
            text = text[:pos] + rng.choice(SPECIAL_CHARS) + text[pos:]
        elif op == 1 and text:
            end = min(len(text), pos + rng.randint(1, 40))
            text = text[:pos] + text[end:]
        elif op == 2 and text:
            end = min(len(text), pos + rng.randint(1, 80))
            text = text[:pos] + text[pos:end] * rng.randint(2, 4) + text[end:]
        elif op == 3:
            text = text[:pos] + rng.choice(QUOTES) + text[pos:]
        elif op == 4:
            text = text[:pos] + " " + rng.choice(ODD_NUMBERS) + " " + text[pos:]
        elif op == 5:
            text = text[:pos] + " — " + rng.choice(["Jo Reed (@joreed)", "(@)", "X (@x_) May 40, 2020"]) + text[pos:]
        else:
            text = text[:pos]
    return text


def _numbers(rng: random.Random) -> str:
    subject = rng.choice(["Jo Reed", "I", "Twitter", "The senator", "Mayor Ortiz"])
    verb = rng.choice(["lost", "gained", "removed", "shed", "said it deleted", "is down"])
    noun = rng.choice(["followers", "accounts", "fake accounts", "subscribers", ""])
    span = rng.choice(ODD_SPANS + ("", "overnight"))
    return f"{subject} {verb} {rng.choice(ODD_NUMBERS)} {noun} {span}.".replace("  ", " ")


def _embeds(rng: random.Random) -> str:
    body = rng.choice(BUILTIN_SEEDS)
    signature = rng.choice([
        " — Jo Reed (@joreed) February 21, 2018", " — (@joreed)", " - Jo (@", " — Jo Reed (@" + "a" * 40 + ")",
        " — — Jo (@jo) (@jo) May 1, 2020", " -- Name (@h) February 30, 2018", " — " + "N" * 90 + " (@n)",
    ])
    return (body + signature) * rng.randint(1, 3)


def _quotes(rng: random.Random) -> str:
    opener, closer = rng.choice(QUOTES), rng.choice(QUOTES)
    inner = rng.choice(BUILTIN_SEEDS)
    speaker = rng.choice(["Omar Feld said", "she wrote", "Twitter stated", "said the company"])
    shapes = [
        f"{opener}{inner},{closer} {speaker}. {opener}More{closer}",
        f"{speaker}: {opener}{inner}",
        f"{opener}{opener}{inner}{closer}{closer} {speaker}, {opener}and again{closer} {speaker}.",
        f"{speaker}, {opener}{inner}{closer}, {opener}{inner}{closer} {speaker}.",
    ]
    return rng.choice(shapes)


def _long(rng: random.Random, max_long: int = 148_000) -> str:
    piece = rng.choice(["-", "x", "ab", "!", "1", "http://a.b/" + "c" * 10, "—", "\u0301"])
    size = min(rng.choice([1_500, 5_000, 20_000, 148_000]), max_long) // len(piece)
    return f"Twitter lost {piece * size} followers today."


def _headers(rng: random.Random) -> str:
    header = rng.choice([" date 2018-02-30", " date 9999-12-31", " date 0001-01-01", "date 2018-02-21",
                         " date 2018-02-21", " date  ", " date 2018-02-21T10:00"])
    return header + rng.choice(["", "\n", " ", "\r\n"]) + rng.choice(BUILTIN_SEEDS + ("yesterday I lost 5 followers",))


def generate(
    n: int, seed: int = 0, seeds: Sequence[str] | None = None, max_long: int = 148_000
) -> Iterator[FuzzInput]:
    """`n` inputs from a generator seeded with `seed`, cycling through the kinds at random.

    `max_long` caps the long-token inputs (148,000 characters at most by default).
    """
    rng = random.Random(seed)
    pool = list(seeds) if seeds else list(BUILTIN_SEEDS)
    for _ in range(n):
        kind = rng.choice(KINDS)
        if kind == "unicode":
            text = _random_unicode(rng, rng.randint(1, 400))
        elif kind == "mutated":
            text = _mutate(rng, _sentence(rng, pool))
        elif kind == "numbers":
            text = _numbers(rng)
        elif kind == "embeds":
            text = _embeds(rng)
        elif kind == "quotes":
            text = _quotes(rng)
        elif kind == "long":
            text = _long(rng, max_long)
        else:
            text = _headers(rng)
        yield FuzzInput(kind, text)
