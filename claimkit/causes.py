"""Cause detection and per-statement stance.

`CueMatcher` compiles the cue patterns of a `Taxonomy` (claimkit/data/
taxonomy.json, extended by the user's file) into one spaCy `Matcher`, once
per `Analyzer`; `detect_causes` matches them inside each statement, checks
the few cues that need context (`CONTEXT_CHECKS`, with the word lists of
`claimkit.lexicon.causes`), and keeps the evidence span; `stance_inputs`
turns each mention into a `StanceInput` (its sentence, the cue offsets
inside it, the cause and its description); `classify` asks a stance backend
and keeps, per statement and cause, the strongest prediction.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from spacy.attrs import LEMMA, LOWER
from spacy.matcher import Matcher

from claimkit.errors import TaxonomyError
from claimkit.lexicon import causes as words
from claimkit.spans import char_span, doc_text
from claimkit.stance.base import StanceBackend, StanceInput, StancePrediction
from claimkit.taxonomy import Cue, Taxonomy, builtin_taxonomy, phrase_patterns, spec_values
from claimkit.types import CauseMention, Span, StanceRecord, Statement

# --------------------------------------------------------------------------- context checks


class ContextChecks:
    """The context checks a cue can need (`Cue.needs`), their word lists compiled once.

    Each check looks at the match and its sentence; plain data and methods,
    so a cue matcher pickles (for a stage run in another process).
    """

    #: check name -> the word list of `claimkit.lexicon.causes` it searches the sentence for.
    SEARCHES = {
        "followers_context": "FOLLOWERS_WORDS",
        "boost_context": "BOOST_WORDS",
        "politics_context": "POLITICS_WORDS",
        "app_context": "APP_WORDS",
        "targeting_context": "TARGETING_WORDS",
        "platform_context": "PLATFORM_CONTEXT_WORDS",
        "count_context": "COUNT_CONTEXT_WORDS",
    }
    #: check name -> the method that reads the parse around the match.
    METHODS = {
        "lock_context": "_lock_context",
        "group_context": "_group_context",
        "no_bot_context": "_no_bot_context",
        "leaver_subject": "_leaver_subject",
        "rollback_object": "_rollback_object",
        "clause_context": "_clause_context",
    }

    def __init__(self) -> None:
        self._words = {name: re.compile(getattr(words, entry), re.IGNORECASE) for name, entry in self.SEARCHES.items()}
        self._targeting = re.compile(words.TARGETING_WORDS, re.IGNORECASE)
        self._accounts = re.compile(words.ACCOUNT_WORDS, re.IGNORECASE)
        self._bots = re.compile(words.BOT_CONTEXT_WORDS, re.IGNORECASE)
        self._rollback = re.compile(words.ROLLBACK_OBJECT_WORDS, re.IGNORECASE)
        self.names: tuple[str, ...] = (
            "followers_context", "boost_context", "lock_context", "politics_context", "group_context", "app_context",
            "targeting_context", "platform_context", "count_context", "no_bot_context", "leaver_subject",
            "rollback_object", "clause_context",
        )

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __call__(self, name: str, span) -> bool:
        """Whether the match `span` passes the check `name`."""
        if name in self.METHODS:
            return getattr(self, self.METHODS[name])(span)
        return bool(self._words[name].search(span.sent.text))

    def _lock_context(self, span) -> bool:
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if after is not None and after.lower_ in words.NOT_ACCOUNT_LOCK_AFTER:
            return False
        return bool(self._accounts.search(span.sent.text))

    def _group_context(self, span) -> bool:
        last = span[-1]
        head = last.head
        if last.dep_ in {"amod", "compound", "nmod"} and (
            head.lower_ in words.PERSON_TITLE_NOUNS or head.ent_type_ == "PERSON"
        ):
            return False  # "conservative commentators", "Republican Gov. Ron Hale": a label
        if last.ent_iob_ in {"B", "I"} and last.ent_type_ == "PERSON":
            return False
        current = last
        while current.dep_ in {"compound", "amod"} and current.head.pos_ == "PROPN" and current.head.i != current.i:
            current = current.head  # "Republican Florida Gov. Ron DeSantis": a title before a name
            if current.ent_type_ == "PERSON":
                return False
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        if nxt is not None and nxt.lower_ in words.PERSON_TITLE_NOUNS:
            return False
        return bool(self._targeting.search(span.sent.text))

    def _no_bot_context(self, span) -> bool:
        """"deliberately removing" is political only where no bots, spam or fakes are named."""
        return not self._bots.search(span.sent.text)

    @staticmethod
    def _clause_context(span) -> bool:
        """A clause, not a menu line ("film / tv / politics / social media")."""
        return any(t.pos_ in {"VERB", "AUX"} for t in span.sent)

    def _rollback_object(self, span) -> bool:
        """The thing rolled back (object, or passive subject) speaks of a count or a change to it."""
        verb = next((t for t in span if t.lemma_.lower() in {"roll", "rollback"}), span[0])
        phrases = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "nsubj"}]
        if verb.pos_ == "NOUN":
            phrases.append(verb)  # "a rollback of the change"
        return bool(self._rollback.search(" ".join(t.text for p in phrases for t in p.subtree)))

    @staticmethod
    def _leaver_subject(span) -> bool:
        """In "fans ... leaving", the fans are the ones who leave: the verb's subject, or
        the noun it modifies. Not "lost 2 million followers, leaving her with ..." or
        "the star with 30 million followers doesn't quit"."""
        people, verb = span[0], span[-1]
        verbs = [verb]
        while verbs[-1].dep_ == "xcomp" and verbs[-1].head.i != verbs[-1].i:
            verbs.append(verbs[-1].head)  # "people choosing to unfollow"
        for verb in verbs:
            if people.head.i == verb.i and people.dep_ in words.LEAVER_DEPS:
                return True
            if verb.head.i == people.i and verb.dep_ in words.LEAVER_VERB_DEPS:
                return True
            # "fans and advertisers are leaving": a conjunct of the subject
            if any(c.i == people.i for s in verb.children if s.dep_ in words.LEAVER_DEPS for c in s.conjuncts):
                return True
        return False


#: The names a cue's `needs` may use.
CONTEXT_CHECKS: tuple[str, ...] = ContextChecks().names


# --------------------------------------------------------------------------- compiling cues


def cue_key(cause: str, index: int) -> str:
    """The Matcher key of a cue: `cause:index`."""
    return f"{cause}:{index}"


class StartIndex:
    """Where cue matches can lie: each pattern indexed by the words of one required token.

    Built by `of` when every pattern has a bounded length and a required
    token (not optional) with a plain `LOWER` or `LEMMA` test (a string or
    an `IN` list); each pattern is indexed under its most telling such token
    ("bots", not "the"). A match of a pattern holds its indexed token, at
    most `before` tokens after the match's start and `after` tokens before
    its end, where `before` and `after` are the most any pattern indexed
    under that word needs. `windows` gives the stretches of a doc the
    `Matcher` needs to see: a post with no cue word costs one array lookup
    instead of a `Matcher` run over every token, and a frequent word such as
    "accounts" opens only as wide a window as its own patterns need.

    Attributes:
        lowers: Per indexed `LOWER` value (string id), its `(before, after)`.
        lemmas: Per indexed `LEMMA` value (string id), its `(before, after)`.
        patterns: Per `("LOWER" | "LEMMA", string id)`, the positions (in the
            list `of` was given) of the patterns indexed under it.
    """

    def __init__(
        self,
        lowers: dict[int, tuple[int, int]],
        lemmas: dict[int, tuple[int, int]],
        patterns: dict[tuple[str, int], frozenset[int]],
    ) -> None:
        self.lowers = lowers
        self.lemmas = lemmas
        self.patterns = patterns

    @classmethod
    def of(cls, patterns: list[list[dict]], strings) -> StartIndex | None:
        """The index for token `patterns` (hashed with `strings`), or None when one cannot be built."""
        lowers: dict[int, tuple[int, int]] = {}
        lemmas: dict[int, tuple[int, int]] = {}
        indexed: dict[tuple[str, int], set[int]] = {}
        for number, pattern in enumerate(patterns):
            if not pattern or any(spec.get("OP", "1") not in {"1", "?", "!"} for spec in pattern):
                return None  # unbounded ("*", "+", "{n,m}") or empty
            keys = []
            for position, spec in enumerate(pattern):
                if spec.get("OP", "1") != "1":
                    continue
                words = {attr: spec_values(spec[attr], lower=False) for attr in ("LOWER", "LEMMA") if attr in spec}
                if words and all(found is not None for found in words.values()):
                    shortest = min(len(w) for found in words.values() for w in found) if any(words.values()) else 0
                    keys.append(((shortest, -sum(map(len, words.values()))), position, words))
            if not keys:
                return None
            _, position, words = max(keys, key=lambda key: key[0])
            extent = (position, len(pattern) - position)
            for table, attr in ((lowers, "LOWER"), (lemmas, "LEMMA")):
                for word in words.get(attr, ()):
                    key = strings.add(word)
                    known = table.get(key, (0, 0))
                    table[key] = (max(known[0], extent[0]), max(known[1], extent[1]))
                    indexed.setdefault((attr, key), set()).add(number)
        return cls(lowers, lemmas, {word: frozenset(numbers) for word, numbers in indexed.items()})

    def windows(self, doc) -> list[tuple[int, int]]:
        """Disjoint ascending (start, end) token windows holding every possible match."""
        return [(start, end) for start, end, _ in self.windows_with_patterns(doc)]

    def windows_with_patterns(self, doc) -> list[tuple[int, int, frozenset[int]]]:
        """`windows`, each with the patterns that can match in it (those indexed under its words)."""
        found: list[tuple[int, int, tuple[str, int]]] = []
        lowers, lemmas, length = self.lowers, self.lemmas, len(doc)
        for i, (lower, lemma) in enumerate(doc.to_array([LOWER, LEMMA]).tolist()):
            for table, attr, value in ((lowers, "LOWER", lower), (lemmas, "LEMMA", lemma)):
                reach = table.get(value)
                if reach:
                    found.append((max(0, i - reach[0]), min(length, i + reach[1]), (attr, value)))
        found.sort()
        windows: list[list] = []  # [start, end, words]
        for start, end, word in found:
            if windows and start <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], end)
                windows[-1][2].add(word)
            else:
                windows.append([start, end, {word}])
        return [(start, end, frozenset().union(*(self.patterns[w] for w in words))) for start, end, words in windows]


#: Per-window `Matcher`s a `CueMatcher` keeps (one per set of patterns) before it starts again.
SUBSET_CACHE = 2048


class CueMatcher:
    """A taxonomy's cue patterns compiled into one spaCy `Matcher` (built once per `Analyzer`).

    Args:
        taxonomy: The causes and their cues.
        vocab: The spaCy vocabulary of the documents.
        tokenize: Splits a phrase pattern into token texts (default: on
            spaces; the `Analyzer` passes its spaCy tokenizer).

    Raises:
        TaxonomyError: a cue needs a context check that does not exist.
    """

    def __init__(self, taxonomy: Taxonomy, vocab, tokenize: Callable[[str], list[str]] | None = None) -> None:
        tokenize = tokenize or str.split
        self.taxonomy = taxonomy
        self.checks = ContextChecks()
        self.matcher = Matcher(vocab)
        self.cues: dict[str, tuple[str, Cue]] = {}
        self._last: tuple[object, list[tuple[int, int, int]]] | None = None
        #: (key, token pattern) in the order the `Matcher` was given them.
        self._keyed: list[tuple[str, list[dict]]] = []
        self._subsets: dict[frozenset[int], Matcher] = {}
        for cause in taxonomy.causes:
            for index, cue in enumerate(cause.cues):
                if cue.needs is not None and cue.needs not in self.checks:
                    raise TaxonomyError(
                        f"cause {cause.label!r}: unknown context check {cue.needs!r} in \"needs\"; "
                        f"expected one of: {', '.join(CONTEXT_CHECKS)}",
                        taxonomy.source,
                    )
                key = cue_key(cause.label, index)
                self.cues[key] = (cause.label, cue)
                patterns = [phrase_patterns(p, tokenize) for p in cue.patterns]
                self.matcher.add(key, patterns)
                self._keyed.extend((key, pattern) for pattern in patterns)
        self.starts = StartIndex.of([pattern for _, pattern in self._keyed], vocab.strings)

    def __call__(self, span) -> list[tuple[str, Cue, object]]:
        """(cause, cue, match span) for every raw match inside `span`.

        The `Matcher` runs once per document (`doc_matches`); each span
        takes the matches that lie inside it, which are the matches the
        `Matcher` finds on the span itself.
        """
        doc = span.doc
        return [
            (*self.cues[doc.vocab.strings[key]], doc[s:e])
            for key, s, e in self.doc_matches(doc)
            if span.start <= s and e <= span.end
        ]

    def doc_matches(self, doc) -> list[tuple[int, int, int]]:
        """The `Matcher`'s (key, start, end) matches over the whole `doc`, computed once per document."""
        if self._last is None or self._last[0] is not doc:
            self._last = (doc, self._match(doc))
        return self._last[1]

    def _match(self, doc) -> list[tuple[int, int, int]]:
        """The `Matcher` over the windows where a match can start (`StartIndex`), or the whole doc.

        Matches found window by window, in window order, are the matches of
        the whole doc in the same order: every match lies inside the extent
        of its pattern's indexed word (`StartIndex`), and the windows are
        disjoint and ascending. Each window runs a `Matcher` holding only the
        patterns indexed under its words, added in the full `Matcher`'s
        order: the other patterns cannot match there, and the `Matcher`
        reports the matches of a subset of its patterns in the same order.
        """
        if self.starts is None:
            return self.matcher(doc)
        matches: list[tuple[int, int, int]] = []
        for start, end, patterns in self.starts.windows_with_patterns(doc):
            found = self._subset(patterns)(doc[start:end])
            matches.extend((key, start + s, start + e) for key, s, e in found)
        return matches

    def _subset(self, patterns: frozenset[int]) -> Matcher:
        """A `Matcher` with only these patterns (positions in `_keyed`), in the full one's order (cached)."""
        matcher = self._subsets.get(patterns)
        if matcher is None:
            matcher = Matcher(self.matcher.vocab)
            by_key: dict[str, list[list[dict]]] = {}
            for number in sorted(patterns):
                key, pattern = self._keyed[number]
                by_key.setdefault(key, []).append(pattern)
            for key, chosen in by_key.items():
                matcher.add(key, chosen)
            if len(self._subsets) >= SUBSET_CACHE:
                self._subsets.clear()
            self._subsets[patterns] = matcher
        return matcher

    def __getstate__(self) -> dict[str, object]:
        # The last document's matches and the per-window matchers do not travel.
        return {**self.__dict__, "_last": None, "_subsets": {}}


@lru_cache(maxsize=8)
def default_matcher(vocab) -> CueMatcher:
    """The shipped taxonomy's matcher for a vocabulary (when no `Analyzer` passes one)."""
    return CueMatcher(builtin_taxonomy(), vocab)


# --------------------------------------------------------------------------- detection


def _in_hashtag_or_handle(doc, span) -> bool:
    first = span[0]
    if first.text.startswith(("#", "@")):
        return True
    return first.i > 0 and doc[first.i - 1].text in {"#", "@"} and not doc[first.i - 1].whitespace_


def find_cues(doc, start: int, end: int, matcher: CueMatcher | None = None) -> list[tuple[str, Cue, object]]:
    """(cause, cue, span) for every cue match inside [start, end), longest per place."""
    span = char_span(doc, start, end)
    if span is None:
        return []
    matcher = matcher or default_matcher(doc.vocab)
    found = []
    for cause, cue, match in matcher(doc[span.start : span.end]):
        if _in_hashtag_or_handle(doc, match):
            continue
        if cue.needs and not matcher.checks(cue.needs, match):
            continue
        if cue.not_before and match.end < len(doc) and doc[match.end].lower_ in cue.not_before:
            continue
        found.append((cause, cue, match))
    # Keep the longest match where matches of one cause overlap.
    found.sort(key=lambda item: (item[2].start, -(item[2].end - item[2].start)))
    kept: list[tuple[str, Cue, object]] = []
    for cause, cue, match in found:
        if any(c == cause and m.start <= match.start < m.end for c, _, m in kept):
            continue
        kept.append((cause, cue, match))
    return kept


def _strong_causes_by_sentence(found) -> dict[int, set[str]]:
    strong: dict[int, set[str]] = {}
    for cause, cue, match in found:
        if not cue.weak:
            strong.setdefault(match.sent.start, set()).add(cause)
    return strong


def detect_causes(doc, statements: Sequence[Statement], matcher: CueMatcher | None = None) -> list[CauseMention]:
    """Every place a statement raises a cause, with its evidence span.

    A weak cue ("clean-up") counts only where no other cause has a strong
    cue in the same sentence.

    Args:
        matcher: The `Analyzer`'s cue matcher (default: the shipped taxonomy's).
    """
    mentions: list[CauseMention] = []
    for index, statement in enumerate(statements):
        found = find_cues(doc, statement.start, statement.end, matcher)
        strong = _strong_causes_by_sentence(found)
        for cause, cue, match in found:
            others = strong.get(match.sent.start, set()) - {cause}
            if cue.weak and others:
                continue
            mentions.append(
                CauseMention(
                    cause=cause,
                    statement=index,
                    start=match.start_char,
                    end=match.end_char,
                    text=match.text,
                    cue=cue.flag,
                )
            )
    return mentions


# --------------------------------------------------------------------------- stance


def mention_sentence(doc, mention: CauseMention):
    """The spaCy sentence that holds a cause mention."""
    span = char_span(doc, mention.start, mention.end) or char_span(doc, mention.start, len(doc_text(doc)))
    return (span if span is not None else doc[-1:])[0].sent


def stance_inputs(
    mentions: Sequence[CauseMention], doc, statements: Sequence[Statement] | None = None,
    taxonomy: Taxonomy | None = None,
) -> list[StanceInput]:
    """One `StanceInput` per mention: its sentence, with cue offsets relative to it.

    The target is the cause's description in `taxonomy` (default: the shipped one).
    """
    taxonomy = taxonomy or builtin_taxonomy()
    inputs = []
    for mention in mentions:
        sent = mention_sentence(doc, mention)
        base = sent.start_char
        role = statements[mention.statement].role if statements is not None else None
        inputs.append(
            StanceInput(
                text=sent.text,
                target=taxonomy.description(mention.cause),
                cause=mention.cause,
                cue_start=mention.start - base,
                cue_end=mention.end - base,
                start=base,
                speaker_role=role,
                cue_flags=mention.cue,
            )
        )
    return inputs


def classify(
    mentions: Sequence[CauseMention],
    statements: Sequence[Statement],
    doc,
    backend: StanceBackend,
    taxonomy: Taxonomy | None = None,
    predictions: Sequence[StancePrediction] | None = None,
) -> dict[str, list[StanceRecord]]:
    """Stance per (statement, cause): cause -> records, the strongest mention per statement.

    `predictions` (one per mention, from the pipeline's `stance` stage) are
    used when given; otherwise the backend is asked here.
    """
    if not mentions:
        return {}
    if predictions is None:
        predictions = backend.predict(stance_inputs(mentions, doc, statements, taxonomy))
    best: dict[tuple[str, int], StanceRecord] = {}
    for mention, prediction in zip(mentions, predictions, strict=True):
        statement = statements[mention.statement]
        record = StanceRecord(
            statement=mention.statement,
            speaker=statement.speaker,
            role=statement.role,
            stance=prediction.stance,  # type: ignore[arg-type]
            confidence=round(prediction.confidence, 4),
            evidence=Span(mention.start, mention.end, doc_text(doc)[mention.start : mention.end]),
            voice=statement.speaker,
            backend=backend.name,
        )
        key = (mention.cause, mention.statement)
        if key not in best or record.confidence > best[key].confidence:
            best[key] = record
    out: dict[str, list[StanceRecord]] = {}
    for (cause, _), record in sorted(best.items(), key=lambda item: item[0][1]):
        out.setdefault(cause, []).append(record)
    return out
