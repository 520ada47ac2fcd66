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

Everything the filter knows comes from `relevance_terms(taxonomy)`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.attrs import LOWER

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


def _values(value) -> frozenset[str] | None:
    """The strings a token spec's value allows (`"x"` or `{"IN": [...]}`), or None."""
    if isinstance(value, str):
        return frozenset({value.lower()})
    if isinstance(value, dict) and set(value) == {"IN"}:
        return frozenset(str(v).lower() for v in value["IN"])
    return None


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
            words = _values(spec.get(key))
            if words is not None:
                yield Element(words=words, lemmas=frozenset())
                break
        else:
            lemmas = _values(spec.get("LEMMA"))
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
        self._claim_forms = self._expand(terms.claim_words, terms.claim_words, lemma_forms)
        # Each cue: its elements' surface forms (None: any token may carry it),
        # indexed by the forms of one element so a document checks only the
        # cues one of its tokens can start.
        self._cues: list[tuple[list[frozenset[int] | None], CueTerms]] = []
        self._index: dict[int, list[int]] = {}
        self._always: list[int] = []
        self._not_before: list[frozenset[int]] = []
        for cue in terms.cues:
            forms = [self._expand(e.words, e.lemmas, lemma_forms) for e in cue.elements]
            position = len(self._cues)
            self._cues.append((forms, cue))
            self._not_before.append(frozenset(self._hash(w) for w in cue.not_before))
            known = [f for f in forms if f is not None]
            if not known:
                self._always.append(position)
                continue
            for form in min(known, key=len):
                self._index.setdefault(form, []).append(position)

    @classmethod
    def for_analyzer(cls, analyzer) -> RelevanceFilter:
        """The filter for an `Analyzer`: its pipeline's tokenizer and its taxonomy."""
        nlp = analyzer.nlp
        terms = relevance_terms(analyzer.taxonomy, lambda phrase: [t.text for t in nlp.make_doc(phrase)])
        return cls(nlp, terms)

    def _expand(self, words: Iterable[str], lemmas: Iterable[str], lemma_forms: LemmaForms) -> frozenset[int] | None:
        """LOWER hashes of the word forms and of every surface form of the lemmas; None: "always present"."""
        forms = {w.lower() for w in words}
        for lemma in lemmas:
            found = lemma_forms.forms(lemma)
            if found is None:
                return None
            forms |= found
        return frozenset(self._hash(form) for form in forms)

    def __call__(self, text: str, body_start: int = 0) -> bool:
        """True when the text (its body from `body_start`) could hold a claim or a cause."""
        masked = " " * body_start + text[body_start:] if body_start else text
        words = self.tokenizer(masked).to_array(LOWER).tolist()
        tokens = set(words)
        return self.raises_cause(masked, words, tokens) or self.states_claim(masked, body_start, tokens)

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
        context = vocabulary or bool(self._claim_context.search(text, body_start))
        if not context and "(" not in text:
            return False
        amounts = [a for a in self._find_amounts(text) if a.start >= body_start]
        if not amounts:
            return False
        if context:
            return True
        return any(text[max(0, a.start - PAREN_WINDOW) : a.start].strip().endswith("(") for a in amounts)
