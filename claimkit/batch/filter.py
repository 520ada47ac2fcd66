"""The relevance pre-filter: which documents need the full pipeline.

A document can only yield a claim or an explanation when some of claimkit's
own vocabulary occurs in it. The filter checks, before any parse:

- **explanations**: every cause cue of the Analyzer's taxonomy
  (`claimkit/data/taxonomy.json`, plus a user's `--taxonomy` file) is a
  spaCy Matcher pattern; a cue can only match when each of its required
  token specs (not optional) has a token among its words or lemmas. A document none of whose cues can match raises no cause, so it
  has no explanation.
- **claims**: every claim starts from an amount (`claimkit.numbers.find_amounts`)
  that a follower context (`FOLLOWER_CONTEXT_PATTERN`), a follower or account
  noun (`FOLLOWER_NOUNS`, `ACCOUNT_NOUNS`, by word or lemma) or an opening
  parenthesis ("Justin Bieber (20M loss)") makes a claim.

Tokens come from the analysing pipeline's own tokenizer, so they are the
tokens the cue `Matcher` sees. Lemmas are not known before tagging, so each
lemma is expanded into every surface form the pipeline's rule lemmatizer and
attribute ruler could map to it (read from their tables). The test: a word
list is a superset, never a guess, and `tests/test_batch_filter.py` checks on
every gold corpus that `batch` with the filter finds exactly what `extract`
finds.

A first screen skips the tokenizer for most posts: one regular expression (a
trie of the words the cue index and the claim check look for, at letter
boundaries, plus the tokenizer's special cases such as "can't") must match,
or the follower context, whose case-insensitive expression runs only when
one of its literals occurs in the folded text (`claimkit.screens`).

Everything the filter knows comes from `relevance_terms(taxonomy)`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.attrs import LOWER

from claimkit.screens import fold, required_literals
from claimkit.taxonomy import spec_values

#: Parenthesised amounts ("(20M loss)") can be claims without follower words.
PAREN_WINDOW = 2


@dataclass(frozen=True)
class Element:
    """One required element of a cue: any of `words` (lower case) or `lemmas`."""

    words: frozenset[str]
    lemmas: frozenset[str]


@dataclass(frozen=True)
class CueTerms:
    """A cue phrase as the filter sees it.

    Attributes:
        elements: Its required elements.
        context: A regular expression the cue's sentence must match (its
            `needs` check), or None when the check cannot be read as one.
        not_before: For a one-token cue: next words that undo the match.
    """

    elements: tuple[Element, ...]
    context: re.Pattern[str] | None = None
    not_before: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RelevanceTerms:
    """Everything the filter looks for, as data.

    Attributes:
        cues: Per cue phrase, its required elements; a cue can match only
            when each element has a token.
        claim_words: Nouns (word forms or lemmas) that make an amount a claim.
        claim_context: A regular expression whose match anywhere in the body
            makes any amount a candidate claim.
        find_amounts: The amount finder claims start from (`text -> [match]`,
            each with `.start`).
    """

    cues: tuple[CueTerms, ...]
    claim_words: frozenset[str]
    claim_context: str
    find_amounts: Callable[[str], list]


def relevance_terms(taxonomy=None, tokenize=None) -> RelevanceTerms:
    """Derive the filter's vocabulary from the taxonomy and the claims lexicon.

    Args:
        taxonomy: The `Taxonomy` the analysing pipeline detects (default: the
            shipped one); a user's causes are looked for like the built-in ones.
        tokenize: Splits a phrase pattern into words (default: on whitespace).

    Example:
        >>> terms = relevance_terms()
        >>> "followers" in terms.claim_words
        True
    """
    from claimkit.lexicon import causes as cause_words
    from claimkit.lexicon.claims import ACCOUNT_NOUNS, FOLLOWER_CONTEXT_PATTERN, FOLLOWER_NOUNS, LEMMA_FIXES
    from claimkit.numbers import find_amounts
    from claimkit.taxonomy import builtin_taxonomy, phrase_patterns

    taxonomy = taxonomy or builtin_taxonomy()
    tokenize = tokenize or str.split
    # The cause detector's context checks that need one regular expression to
    # match in the cue's sentence; any other check is treated as passing.
    contexts = {
        "followers_context": cause_words.FOLLOWERS_WORDS,
        "boost_context": cause_words.BOOST_WORDS,
        "politics_context": cause_words.POLITICS_WORDS,
        "app_context": cause_words.APP_WORDS,
        "lock_context": cause_words.ACCOUNT_WORDS,
        "group_context": cause_words.TARGETING_WORDS,
    }
    cues = []
    for cause in taxonomy.causes:
        for cue in cause.cues:
            for pattern in cue.patterns:
                specs = phrase_patterns(pattern, tokenize)
                context = contexts.get(cue.needs) if cue.needs else None
                cues.append(CueTerms(
                    elements=tuple(_required_elements(specs)),
                    context=re.compile(context, re.IGNORECASE) if context else None,
                    not_before=frozenset(cue.not_before) if len(specs) == 1 else frozenset(),
                ))
    claim_words = frozenset(FOLLOWER_NOUNS | ACCOUNT_NOUNS)
    # Tokens whose lemma claimkit repairs ("unfollowed" -> "unfollow") count by that lemma.
    fixed = frozenset(form for form, lemma in LEMMA_FIXES.items() if lemma in claim_words)
    return RelevanceTerms(
        cues=tuple(cues),
        claim_words=claim_words | fixed,
        claim_context=FOLLOWER_CONTEXT_PATTERN,
        find_amounts=find_amounts,
    )


_WORD_KEYS = ("LOWER", "ORTH", "TEXT", "NORM")


def _required_elements(specs: list[dict]) -> Iterable[Element]:
    """The token specs of a Matcher pattern that every match must fill, as word/lemma sets.

    Optional or negated specs, and specs constrained by anything but words or
    lemmas (a part of speech, a regular expression), require nothing the
    filter can see, so they are left out: the result only over-approximates.
    """
    for spec in specs:
        if spec.get("OP") in {"?", "*", "!"}:
            continue
        for key in _WORD_KEYS:
            words = spec_values(spec.get(key))
            if words is not None:
                yield Element(words=words, lemmas=frozenset())
                break
        else:
            lemmas = spec_values(spec.get("LEMMA"))
            if lemmas is not None:
                yield Element(words=frozenset(), lemmas=lemmas)


class LemmaForms:
    """Every lower-case surface form a spaCy pipeline could give a lemma.

    Read from the pipeline's rule lemmatizer (its suffix rules, exceptions)
    and attribute ruler (token patterns that set LEMMA). A lemma the attribute
    ruler can give a token it does not name literally is `unconstrained`.
    """

    def __init__(self, nlp) -> None:
        self.rules: list[tuple[str, str]] = []
        self.exceptions: dict[str, set[str]] = {}
        self.ruled: dict[str, set[str]] = {}
        self.unconstrained: set[str] = set()
        self.lookup: dict[str, set[str]] = {}
        if "lemmatizer" in nlp.pipe_names:
            lookups = nlp.get_pipe("lemmatizer").lookups
            if lookups.has_table("lemma_rules"):
                for rules in lookups.get_table("lemma_rules").values():
                    self.rules.extend((old, new) for old, new in rules)
            if lookups.has_table("lemma_exc"):
                for table in lookups.get_table("lemma_exc").values():
                    for form, lemmas in table.items():
                        for lemma in lemmas:
                            self.exceptions.setdefault(lemma.lower(), set()).add(form.lower())
            if lookups.has_table("lemma_lookup"):
                for form, lemma in lookups.get_table("lemma_lookup").items():
                    self.lookup.setdefault(lemma.lower(), set()).add(form.lower())
        if "attribute_ruler" in nlp.pipe_names:
            for entry in nlp.get_pipe("attribute_ruler").patterns:
                lemma = entry.get("attrs", {}).get("LEMMA")
                if not lemma:
                    continue
                for tokens in entry["patterns"]:
                    for spec in tokens if isinstance(tokens, list) else [tokens]:
                        literal = spec.get("LOWER", spec.get("ORTH")) if isinstance(spec, dict) else None
                        if isinstance(literal, str):
                            self.ruled.setdefault(lemma.lower(), set()).add(literal.lower())
                        else:
                            self.unconstrained.add(lemma.lower())

    def forms(self, lemma: str) -> frozenset[str] | None:
        """The surface forms of `lemma`, or None when any token could carry it."""
        lemma = lemma.lower()
        if lemma in self.unconstrained:
            return None
        forms = {lemma}
        for old, new in self.rules:
            if lemma.endswith(new):
                forms.add(lemma[: len(lemma) - len(new)] + old)
        forms |= self.exceptions.get(lemma, set())
        forms |= self.ruled.get(lemma, set())
        forms |= self.lookup.get(lemma, set())
        return frozenset(forms)


class RelevanceFilter:
    """Decides, from tokens and regular expressions only, whether a document needs the full pipeline.

    Args:
        nlp: The spaCy pipeline the `Analyzer` parses with (its tokenizer and
            lemmatizer tables are read; nothing is parsed).
        terms: The vocabulary (default `relevance_terms()`).

    Example:
        >>> from claimkit import Analyzer
        >>> relevant = RelevanceFilter(Analyzer().nlp)        # doctest: +SKIP
        >>> relevant("Twitter purged 70 million bots.")        # doctest: +SKIP
        True
    """

    def __init__(self, nlp, terms: RelevanceTerms | None = None) -> None:
        terms = terms or relevance_terms()
        self.tokenizer = nlp.tokenizer
        # Forms are compared as the hashes of spaCy's LOWER attribute: no Token objects.
        self._hash = nlp.vocab.strings.add
        lemma_forms = LemmaForms(nlp)
        self._find_amounts = terms.find_amounts
        self._claim_context = re.compile(terms.claim_context, re.IGNORECASE)
        # Literals one of which every follower-context match holds (None: no screen).
        self._context_literals = required_literals(terms.claim_context)
        claim_words = self._words(terms.claim_words, terms.claim_words, lemma_forms)
        self._claim_forms = None if claim_words is None else frozenset(self._hash(x) for x in claim_words)
        # Each cue: its elements' surface forms (None: any token may carry it),
        # indexed by the forms of one element so a document checks only the
        # cues one of its tokens can start.
        self._cues: list[tuple[list[frozenset[int] | None], CueTerms]] = []
        self._index: dict[int, list[int]] = {}
        self._always: list[int] = []
        self._not_before: list[frozenset[int]] = []
        self._screen: re.Pattern[str] | None = None
        screen_words: set[str] = set()
        for cue in terms.cues:
            words = [self._words(e.words, e.lemmas, lemma_forms) for e in cue.elements]
            forms = [None if w is None else frozenset(self._hash(x) for x in w) for w in words]
            position = len(self._cues)
            self._cues.append((forms, cue))
            self._not_before.append(frozenset(self._hash(w) for w in cue.not_before))
            known = [(f, w) for f, w in zip(forms, words) if f is not None]
            if not known:
                self._always.append(position)
                continue
            # Index the cue under its most telling element (longest shortest form: "bug|glitch", not "a|the").
            key_hashes, key_words = max(known, key=lambda item: (min(map(len, item[1])), -len(item[1])))
            for form in key_hashes:
                self._index.setdefault(form, []).append(position)
            screen_words |= key_words
        if claim_words is not None and not self._always:
            screened = screen_words | claim_words
            glued = _special_cases_holding(nlp.tokenizer, screened)
            self._screen = re.compile(
                rf"(?<![a-z])(?:{trie_pattern(screened)})(?![a-z])"
                + (f"|{trie_pattern(glued)}" if glued else "")
            )

    @classmethod
    def for_analyzer(cls, analyzer) -> RelevanceFilter:
        """The filter for an `Analyzer`: its pipeline's tokenizer and its taxonomy."""
        nlp = analyzer.nlp
        terms = relevance_terms(analyzer.taxonomy, lambda phrase: [t.text for t in nlp.make_doc(phrase)])
        return cls(nlp, terms)

    @staticmethod
    def _words(words: Iterable[str], lemmas: Iterable[str], lemma_forms: LemmaForms) -> frozenset[str] | None:
        """The word forms plus every surface form of the lemmas; None means "always present"."""
        forms = {w.lower() for w in words}
        for lemma in lemmas:
            found = lemma_forms.forms(lemma)
            if found is None:
                return None
            forms |= found
        return frozenset(forms)

    def __call__(self, text: str, body_start: int = 0) -> bool:
        """True when the text (its body from `body_start`) could hold a claim or a cause."""
        masked = " " * body_start + text[body_start:] if body_start else text
        if not self._screened_in(masked, body_start):
            return False
        words = self.tokenizer(masked).to_array(LOWER).tolist()
        tokens = set(words)
        return self.raises_cause(masked, words, tokens) or self.states_claim(masked, body_start, tokens)

    def _screened_in(self, text: str, body_start: int) -> bool:
        """A first screen without tokenizing: some word the filter looks for occurs in the text.

        Every token is a piece of the text between non-letters, or a piece of
        a tokenizer special case ("can't" -> "ca" "n't"), so a text holding
        none of the indexed cue forms, claim nouns (as such pieces), the
        follower context or a "(" cannot pass the token checks either.
        """
        lowered = text.lower()
        if self._screen is None or self._screen.search(lowered):
            return True
        if self._has_claim_context(text, body_start, lowered if text.isascii() else None):
            return True
        return "(" in text

    def _has_claim_context(self, text: str, body_start: int, folded: str | None = None) -> bool:
        """The follower context occurs in the body; its regular expression runs only when
        one of its literals occurs in the folded text (`claimkit.screens`)."""
        if self._context_literals is not None:
            folded = fold(text) if folded is None else folded
            if not any(literal in folded for literal in self._context_literals):
                return False
        return bool(self._claim_context.search(text, body_start))

    def raises_cause(self, text: str, words: list[int], tokens: set[int]) -> bool:
        """Some cue has a token for each of its required elements (and its context, if any)."""
        candidates = set(self._always)
        for token in tokens:
            found = self._index.get(token)
            if found:
                candidates.update(found)
        for position in candidates:
            forms, cue = self._cues[position]
            if not all(f is None or not tokens.isdisjoint(f) for f in forms):
                continue
            if cue.context is not None and not cue.context.search(text):
                continue
            not_before = self._not_before[position]
            if not_before and not self._free_occurrence(words, forms[0], not_before):
                continue
            return True
        return False

    @staticmethod
    def _free_occurrence(words: list[int], forms: frozenset[int] | None, not_before: frozenset[int]) -> bool:
        """A one-token cue occurs somewhere not followed by a word that undoes it ("fake news")."""
        if forms is None:
            return True
        last = len(words) - 1
        return any(w in forms and (i == last or words[i + 1] not in not_before) for i, w in enumerate(words))

    def states_claim(self, text: str, body_start: int, tokens: set[int]) -> bool:
        """Some amount could be a follower or account claim."""
        vocabulary = self._claim_forms is None or not tokens.isdisjoint(self._claim_forms)
        context = vocabulary or self._has_claim_context(text, body_start)
        if not context and "(" not in text:
            return False
        amounts = [a for a in self._find_amounts(text) if a.start >= body_start]
        if not amounts:
            return False
        if context:
            return True
        return any(text[max(0, a.start - PAREN_WINDOW) : a.start].strip().endswith("(") for a in amounts)


def _special_cases_holding(tokenizer, words: set[str]) -> set[str]:
    """Tokenizer special cases that split a word out of a run of letters ("cannot" -> "can" "not").

    Such a token is not at a letter boundary of the text, so the screen also
    looks for the whole special case.
    """
    found = set()
    for string, pieces in (getattr(tokenizer, "rules", None) or {}).items():
        lowered = [str(piece.get(65, piece.get("ORTH", ""))).lower() for piece in pieces]
        if len(lowered) > 1 and any(piece in words for piece in lowered):
            found.add(string.lower())
    return found


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of `words` as a substring, shaped as a trie (fast to search).

    Example:
        >>> trie_pattern(["bot", "bots", "bug"])
        '(?:b(?:o(?:ts?)|ug))'
        >>> bool(re.fullmatch(trie_pattern(["bot", "bots", "purge"]), "bots"))
        True
    """
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 and len(branches[0]) == 1 else "(?:" + "|".join(branches) + ")"
        return group + "?" if "" in node else group  # a word may end here, or go on

    return build(trie)
