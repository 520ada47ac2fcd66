"""A faster attribute ruler that sets exactly what spaCy's sets.

spaCy's `AttributeRuler` (the pipeline's `attribute_ruler`: POS and morphology
from tags, lemma exceptions) runs a general `Matcher` over every token with
all of its patterns; on claimkit's posts that is about a sixth of the parse.
Every pattern the English pipelines ship is a fixed run of tokens tested on
`TAG`, `LOWER`, `ORTH`, `DEP` or `IS_SPACE` for equality or membership, so a
table lookup per token finds the same matches.

`FastAttributeRuler` is an `AttributeRuler` (same patterns, same `add`, same
serialisation) whose `__call__`:

1. reads those columns once with `Doc.to_array`;
2. looks each token's first-token candidates up by value and checks the rest
   of each candidate pattern;
3. applies the matches in the order spaCy does (by rule, then position), the
   later rule winning, through spaCy's own `set_token_attrs`.

`IN`, `NOT_IN` and `REGEX` tests are run too. A pattern outside that shape
(an operator such as `+`, another attribute or predicate) sends the whole
component back to spaCy's `Matcher`: the fast path is never a guess. `tests/test_attribute_rules.py` checks that every token attribute is
the same as with spaCy's ruler on the team corpora.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import IDS
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

#: Attributes the table reads, in `Doc.to_array` column order.
COLUMNS = ("TAG", "LOWER", "ORTH", "DEP", "IS_SPACE")
_IDS = tuple(IDS[column] for column in COLUMNS)
#: Entries a cache keeps before it starts again (memory stays flat on endless streams).
CACHE_LIMIT = 200_000


@dataclass(frozen=True)
class TokenTest:
    """One token of a pattern: for each tested column, the values it accepts."""

    tests: tuple[tuple[int, frozenset[int] | NotIn | Matching], ...]

    def accepts(self, row: tuple[int, ...]) -> bool:
        return all(row[column] in values for column, values in self.tests)


@dataclass(frozen=True)
class Rule:
    """One pattern of one attribute rule."""

    rule_id: int
    tokens: tuple[TokenTest, ...]
    index: int


class RuleTable:
    """The ruler's patterns indexed by a first-token value."""

    def __init__(self, rules: list[Rule]) -> None:
        self.by_column: dict[int, dict[int, list[Rule]]] = {}
        #: Rules whose first token has no value set to index (only NOT_IN or REGEX tests).
        self.anywhere: list[Rule] = []
        for rule in rules:
            column, values = rule.tokens[0].tests[0]
            if not isinstance(values, frozenset):
                self.anywhere.append(rule)
                continue
            for value in values:
                self.by_column.setdefault(column, {}).setdefault(value, []).append(rule)
        self.seen: dict[tuple[int, ...], tuple[Rule, ...]] = {}

    def first(self, row: tuple[int, ...]) -> tuple[Rule, ...]:
        """The rules whose first token accepts a token with these column values (cached)."""
        hit = self.seen.get(row)
        if hit is None:
            candidates = [rule for column, index in self.by_column.items() for rule in index.get(row[column], ())]
            hit = tuple(rule for rule in candidates + self.anywhere if rule.tokens[0].accepts(row))
            if len(self.seen) >= CACHE_LIMIT:
                self.seen.clear()
            self.seen[row] = hit
        return hit

    def matches(self, rows: list[tuple[int, ...]]) -> list[tuple[int, int, int]]:
        """`(rule_id, start, end)` of every match, sorted as spaCy applies them."""
        found = []
        n = len(rows)
        for start, row in enumerate(rows):
            for rule in self.first(row):
                end = start + len(rule.tokens)
                if end == start + 1 or (
                    end <= n and all(test.accepts(rows[start + k]) for k, test in enumerate(rule.tokens[1:], 1))
                ):
                    found.append((rule.rule_id, start, end))
        found.sort()
        return found


class NotIn:
    """The values a `NOT_IN` test accepts."""

    def __init__(self, excluded: frozenset[int]) -> None:
        self.excluded = excluded

    def __contains__(self, value: int) -> bool:
        return value not in self.excluded


class Matching:
    """The values a `REGEX` test accepts: string ids whose text the pattern finds (cached)."""

    def __init__(self, pattern: str, strings) -> None:
        self.pattern = re.compile(pattern)
        self.strings = strings
        self.seen: dict[int, bool] = {}

    def __contains__(self, value: int) -> bool:
        known = self.seen.get(value)
        if known is None:
            if len(self.seen) >= CACHE_LIMIT:
                self.seen.clear()
            known = self.seen[value] = bool(self.pattern.search(self.strings[value]))
        return known


def _values(key: str, value: object, strings):
    """What a token's `key` column may hold for the test `value`, or None when it is not one the table runs."""
    if isinstance(value, dict):
        if len(value) != 1:
            return None
        (op, operand), = value.items()
        if op == "REGEX" and isinstance(operand, str) and key != "IS_SPACE":
            return Matching(operand, strings)
        if op not in ("IN", "NOT_IN") or not isinstance(operand, list):
            return None
        values = _values_in(key, operand, strings)
        if values is None:
            return None
        return values if op == "IN" else NotIn(values)
    return _values_in(key, [value], strings)


def _values_in(key: str, values: list, strings) -> frozenset[int] | None:
    if key == "IS_SPACE":
        return frozenset(int(v) for v in values) if all(isinstance(v, bool) for v in values) else None
    if all(isinstance(v, str) for v in values):
        return frozenset(strings[v] for v in values)
    return None


#: The column a pattern is indexed on, most selective first.
_INDEX_ORDER = {COLUMNS.index(c): rank for rank, c in enumerate(("LOWER", "ORTH", "TAG", "DEP", "IS_SPACE"))}


def _token_test(spec: object, strings) -> TokenTest | None:
    """A pattern token as column tests, or None when it is not one the table runs."""
    if not isinstance(spec, dict) or not spec:
        return None
    tests = []
    for key, value in spec.items():
        values = _values(key, value, strings) if key in COLUMNS else None
        if values is None:
            return None
        tests.append((COLUMNS.index(key), values))
    # A value set first (it can be indexed), then the most selective column.
    tests.sort(key=lambda test: (not isinstance(test[1], frozenset), _INDEX_ORDER[test[0]]))
    return TokenTest(tuple(tests))


def compile_rules(patterns: list[dict], strings) -> RuleTable | None:
    """The table for an `AttributeRuler`'s `patterns`, or None when one is outside its shape.

    Example:
        >>> from spacy.vocab import Vocab
        >>> table = compile_rules([{"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}, "index": 0}], Vocab().strings)
        >>> table is not None
        True
        >>> compile_rules([{"patterns": [[{"TAG": "NN", "OP": "+"}]], "attrs": {}, "index": 0}], Vocab().strings) is None
        True
    """
    rules = []
    for rule_id, entry in enumerate(patterns):
        for pattern in entry["patterns"]:
            if not isinstance(pattern, list) or not pattern:
                return None
            tokens = [_token_test(spec, strings) for spec in pattern]
            if any(token is None for token in tokens):
                return None
            rules.append(Rule(rule_id, tuple(tokens), entry.get("index", 0)))
    return RuleTable(rules)


class FastAttributeRuler(AttributeRuler):
    """spaCy's `AttributeRuler` with a table lookup in place of its `Matcher`."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._table: RuleTable | None | bool = False  # False: not compiled yet

    def add(self, patterns, attrs, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._table = False

    def clear(self) -> None:
        super().clear()
        self._table = False

    def table(self) -> RuleTable | None:
        """The compiled patterns, or None when spaCy's `Matcher` must run them."""
        if self._table is False:
            self._table = compile_rules(self.patterns, self.vocab.strings)
        return self._table

    def __call__(self, doc: Doc) -> Doc:
        table = self.table()
        if table is None:
            return super().__call__(doc)
        try:
            rows = [tuple(row) for row in doc.to_array(list(_IDS)).tolist()] if len(doc) else []
            self.apply(doc, table.matches(rows))
            return doc
        except Exception as err:  # noqa: BLE001 - spaCy's own error handler decides
            return self.get_error_handler()(self.name, self, [doc], err)

    def apply(self, doc: Doc, matches: list[tuple[int, int, int]]) -> None:
        """Set each matched token's attributes; a later rule overrides an earlier one."""
        settings: dict[int, dict] = {}
        for rule_id, start, end in matches:
            index = self.indices[rule_id]
            position = start + index if index >= 0 else end + index
            if not start <= position < end:
                raise ValueError(
                    f"attribute rule {rule_id} sets token {index} of a {end - start}-token match"
                )
            settings.setdefault(position, {}).update(self.attrs[rule_id])
        for position in sorted(settings):
            set_token_attrs(doc[position], settings[position])


def speed_up(nlp) -> bool:
    """Swap the pipeline's `attribute_ruler` for a `FastAttributeRuler` with its patterns.

    Returns whether it was swapped: only a plain spaCy `AttributeRuler` whose
    patterns all fit the table is.
    """
    name = "attribute_ruler"
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if type(ruler) is not AttributeRuler or compile_rules(ruler.patterns, nlp.vocab.strings) is None:
        return False
    index = nlp.pipe_names.index(name)
    nlp.remove_pipe(name)
    nlp.add_pipe(FAST_RULER_COMPONENT, name=name, before=index if index < len(nlp.pipe_names) else None)
    nlp.get_pipe(name).add_patterns(ruler.patterns)
    return True


FAST_RULER_COMPONENT = "claimkit_attribute_ruler"


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(FAST_RULER_COMPONENT):
        @Language.factory(FAST_RULER_COMPONENT, default_config={"validate": False})
        def make_fast_attribute_ruler(nlp, name: str, validate: bool) -> FastAttributeRuler:
            return FastAttributeRuler(nlp.vocab, name, validate=validate)


_register()
