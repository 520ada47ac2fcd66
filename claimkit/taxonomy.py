"""The cause taxonomy as data: labels, descriptions, cue patterns and flags.

The shipped taxonomy (SPEC section 3) is `claimkit/data/taxonomy.json`; a
user file extends or replaces it (`claimkit extract --taxonomy FILE`, env
`CLAIMKIT_TAXONOMY`, `Analyzer(taxonomy=...)`). The format:

    {"extend": true,
     "nli_templates": {"support": "...{target}...", "deny": "...", "query": "..."},
     "causes": [
       {"label": "ai_moderation",
        "description": "an automated moderation model removed or hid accounts",
        "patterns": ["ai moderation", [{"LOWER": "moderation"}, {"LOWER": "algorithm"}]],
        "cues": [{"patterns": [...], "weak": true, "needs": "app_context", "not_before": ["news"]}],
        "nli_templates": {...}}]}

A pattern is a phrase (matched token by token, case-insensitively) or a spaCy
`Matcher` token pattern. `patterns` gives cues without flags, one per
pattern; `cues` gives cues with the flags the detector reads:
`own_negation` (the cue holds its own negation, "not real people"), `deny`
(the cue rejects the cause, "apolitical"), `weak` (counts only when no other
cause has a strong cue in the sentence), `needs` (a context check of
`claimkit.causes.CONTEXT_CHECKS`) and `not_before` (words that, right after
the match, undo it). With `"extend": true` (the default) the causes are
added to the shipped ones (a known label gets the new cues, and the new
description if one is given); with `"extend": false` they replace them.

`load_taxonomy` reads and checks a taxonomy once; the `Analyzer` holds it and
hands it to the stages (cause detection, stance inputs, the nli backend).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from claimkit import registry
from claimkit.datafiles import read_json_file
from claimkit.errors import TaxonomyError

BUILTIN_PATH = Path(__file__).resolve().parent / "data" / "taxonomy.json"
BUILTIN_NAME = "claimkit.causes.v1"
STANCE_TEMPLATE_KEYS = ("support", "deny", "query")
#: Reserved: the gold corpora's bucket for explanations outside the taxonomy.
RESERVED_LABELS = frozenset({"other"})
LABEL_RE = re.compile(r"^[a-z][a-z0-9_]*$")
CUE_KEYS = frozenset({"patterns", "own_negation", "deny", "weak", "needs", "not_before"})
CAUSE_KEYS = frozenset({"label", "description", "patterns", "cues", "nli_templates"})
TOP_KEYS = frozenset({"extend", "causes", "nli_templates", "name", "about"})

#: A cue pattern: a phrase, or a spaCy Matcher token pattern (list of token specs).
Pattern = str | list[dict[str, Any]]


@dataclass(frozen=True)
class Cue:
    """One cue of a cause: patterns that raise it, and how the detector reads a match.

    Attributes:
        patterns: Phrases and/or Matcher token patterns; any one matching raises the cue.
        own_negation: The cue holds its own negation ("not real people").
        deny: The cue itself rejects the cause ("apolitical").
        weak: Counts only when no other cause has a strong cue in the sentence.
        needs: Name of a context check (`claimkit.causes.CONTEXT_CHECKS`), or None.
        not_before: Words that, right after the match, undo it ("fake news").
    """

    patterns: tuple[Pattern, ...]
    own_negation: bool = False
    deny: bool = False
    weak: bool = False
    needs: str | None = None
    not_before: tuple[str, ...] = ()

    @property
    def flag(self) -> str:
        """The flag a mention carries: "own_negation", "deny", "weak" or ""."""
        return "own_negation" if self.own_negation else "deny" if self.deny else "weak" if self.weak else ""


@dataclass(frozen=True)
class CauseType:
    """One cause of the taxonomy.

    Attributes:
        label: The label in results and gold (lower-case, `a-z0-9_`).
        description: The explanation in words: the stance target of the
            learned and nli backends.
        cues: Its cues, in order.
        nli_templates: Per-stance hypotheses overriding the taxonomy's, if any.
    """

    label: str
    description: str
    cues: tuple[Cue, ...] = ()
    nli_templates: Mapping[str, str] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Taxonomy:
    """The causes claimkit detects, in order, with the nli backend's templates.

    Example:
        >>> taxonomy = load_taxonomy({"causes": [{"label": "ai_moderation",
        ...     "description": "an automated moderation model removed accounts",
        ...     "patterns": ["ai moderation"]}]})
        >>> taxonomy.labels[-1], taxonomy.description("ai_moderation")
        ('ai_moderation', 'an automated moderation model removed accounts')
    """

    causes: tuple[CauseType, ...]
    nli_templates: Mapping[str, str] = field(compare=False, default_factory=dict)
    source: str = BUILTIN_NAME

    @property
    def labels(self) -> tuple[str, ...]:
        """The cause labels, in taxonomy order."""
        return tuple(c.label for c in self.causes)

    def __contains__(self, label: object) -> bool:
        return any(c.label == label for c in self.causes)

    def cause(self, label: str) -> CauseType:
        """The cause with this label.

        Raises:
            KeyError: the taxonomy has no such cause.
        """
        for cause in self.causes:
            if cause.label == label:
                return cause
        raise KeyError(label)

    def description(self, label: str) -> str:
        """The description (stance target) of a cause."""
        return self.cause(label).description

    def templates(self, label: str | None = None) -> Mapping[str, str]:
        """The per-stance NLI hypotheses (`{target}` = the description) for a cause."""
        if label is not None and label in self:
            own = self.cause(label).nli_templates
            if own:
                return {**self.nli_templates, **own}
        return self.nli_templates


# --------------------------------------------------------------------------- reading


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
            type(None): "null"}.get(type(value), type(value).__name__)


class _Reader:
    """Checks taxonomy data, each error naming the source and the JSON path."""

    def __init__(self, source: str, validate: bool = True) -> None:
        self.source = source
        self.validate = validate

    def fail(self, where: str, message: str) -> TaxonomyError:
        return TaxonomyError(f"{where}: {message}" if where else message, self.source)

    def keys(self, data: Mapping[str, Any], allowed: frozenset[str], where: str) -> None:
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise self.fail(where, f"unknown key(s) {', '.join(map(repr, unknown))}; "
                                   f"expected some of: {', '.join(sorted(allowed))}")

    def templates(self, value: Any, where: str) -> dict[str, str]:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected an object (stance -> template), found {_type_name(value)}")
        self.keys(value, frozenset(STANCE_TEMPLATE_KEYS), where)
        for stance, template in value.items():
            if not isinstance(template, str) or "{target}" not in template:
                raise self.fail(f"{where}.{stance}", "expected a string holding {target}")
        return dict(value)

    def pattern(self, value: Any, where: str) -> Pattern:
        if isinstance(value, str):
            if not value.split():
                raise self.fail(where, "empty phrase")
            return value
        if not isinstance(value, list) or not value:
            raise self.fail(where, "expected a phrase string or a non-empty list of token objects, "
                                   f"found {_type_name(value)}")
        for i, token in enumerate(value):
            if not isinstance(token, dict):
                raise self.fail(f"{where}[{i}]", f"expected a token object such as "
                                                 f'{{"LOWER": "moderation"}}, found {_type_name(token)}')
        if self.validate:
            _check_matcher_pattern(value, lambda message: self.fail(where, message))
        return value

    def patterns(self, value: Any, where: str) -> tuple[Pattern, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail(where, f"expected a non-empty array of patterns, found {_type_name(value)}")
        return tuple(self.pattern(p, f"{where}[{i}]") for i, p in enumerate(value))

    def flag(self, data: Mapping[str, Any], key: str, where: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(f"{where}.{key}", f"expected true or false, found {_type_name(value)}")
        return value

    def cue(self, data: Any, where: str) -> Cue:
        if not isinstance(data, dict):
            raise self.fail(where, f"expected an object with \"patterns\", found {_type_name(data)}")
        self.keys(data, CUE_KEYS, where)
        if "patterns" not in data:
            raise self.fail(where, 'missing "patterns"')
        needs = data.get("needs")
        if needs is not None and (not isinstance(needs, str) or not needs):
            raise self.fail(f"{where}.needs", f"expected the name of a context check, found {_type_name(needs)}")
        not_before = data.get("not_before", [])
        if not isinstance(not_before, list) or not all(isinstance(w, str) for w in not_before):
            raise self.fail(f"{where}.not_before", "expected an array of words")
        return Cue(
            patterns=self.patterns(data["patterns"], f"{where}.patterns"),
            own_negation=self.flag(data, "own_negation", where),
            deny=self.flag(data, "deny", where),
            weak=self.flag(data, "weak", where),
            needs=needs,
            not_before=tuple(w.lower() for w in not_before),
        )

    def cause(self, data: Any, where: str, known: Mapping[str, CauseType]) -> CauseType:
        if not isinstance(data, dict):
            raise self.fail(where, f"expected an object with \"label\", found {_type_name(data)}")
        self.keys(data, CAUSE_KEYS, where)
        label = data.get("label")
        if not isinstance(label, str) or not LABEL_RE.match(label):
            raise self.fail(f"{where}.label", f"expected a lower-case label such as \"ai_moderation\" "
                                              f"(letters, digits, _), found {label!r}")
        if label in RESERVED_LABELS:
            raise self.fail(f"{where}.label", f"{label!r} is reserved (gold's label for causes outside the taxonomy)")
        description = data.get("description")
        if description is not None and (not isinstance(description, str) or not description.strip()):
            raise self.fail(f"{where}.description", "expected a non-empty string")
        if description is None and label not in known:
            raise self.fail(where, f"new cause {label!r} needs a \"description\" (the stance target)")
        cues = [Cue(patterns=(p,)) for p in self.patterns(data["patterns"], f"{where}.patterns")] \
            if "patterns" in data else []
        if "cues" in data:
            if not isinstance(data["cues"], list):
                raise self.fail(f"{where}.cues", f"expected an array of cues, found {_type_name(data['cues'])}")
            cues += [self.cue(c, f"{where}.cues[{i}]") for i, c in enumerate(data["cues"])]
        if not cues and label not in known:
            raise self.fail(where, f"new cause {label!r} needs \"patterns\" or \"cues\"")
        templates = self.templates(data["nli_templates"], f"{where}.nli_templates") \
            if "nli_templates" in data else None
        base = known.get(label)
        if base is None:
            return CauseType(label, description.strip(), tuple(cues), templates)
        return replace(
            base,
            description=description.strip() if description else base.description,
            cues=base.cues + tuple(cues),
            nli_templates=templates or base.nli_templates,
        )

    def taxonomy(self, data: Any, base: Taxonomy | None) -> Taxonomy:
        if not isinstance(data, dict):
            raise self.fail("", f"expected a JSON object with \"causes\", found {_type_name(data)}")
        self.keys(data, TOP_KEYS, "")
        extend = data.get("extend", True)
        if not isinstance(extend, bool):
            raise self.fail("extend", f"expected true or false, found {_type_name(extend)}")
        causes = data.get("causes")
        if not isinstance(causes, list) or (not causes and not extend):
            raise self.fail("causes", f"expected a non-empty array of causes, found {_type_name(causes)}")
        start = base if extend and base is not None else Taxonomy((), {})
        known = {c.label: c for c in start.causes}
        order = list(known)
        for i, item in enumerate(causes):
            cause = self.cause(item, f"causes[{i}]", known)
            if cause.label not in known:
                order.append(cause.label)
            known[cause.label] = cause
        templates = dict(base.nli_templates if base is not None else {})
        if "nli_templates" in data:
            templates.update(self.templates(data["nli_templates"], "nli_templates"))
        missing = [k for k in STANCE_TEMPLATE_KEYS if k not in templates]
        if missing:
            raise self.fail("nli_templates", f"missing template(s) for {', '.join(missing)}")
        return Taxonomy(tuple(known[label] for label in order), templates, self.source)


def _check_matcher_pattern(pattern: list[dict[str, Any]], fail) -> None:
    """Refuse a token pattern spaCy's Matcher would refuse (unknown attribute, bad operator...)."""
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    try:
        Matcher(_blank_vocab(Vocab), validate=True).add("check", [pattern])
    except (ValueError, TypeError, KeyError) as err:
        detail = " ".join(str(err).split())
        detail = re.sub(r"^\[E\d+\]\s*", "", detail)
        raise fail(f"not a valid spaCy Matcher token pattern ({detail[:200]})") from None


@lru_cache(maxsize=1)
def _blank_vocab(vocab_class):
    return vocab_class()


def _read_json(path: Path) -> Any:
    return read_json_file(path, TaxonomyError, "taxonomy")


def builtin_data() -> dict[str, Any]:
    """The shipped taxonomy as JSON data (registered as `claimkit.causes.v1`)."""
    return json.loads(BUILTIN_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def builtin_taxonomy() -> Taxonomy:
    """The shipped taxonomy (SPEC section 3), read once."""
    return _Reader(str(BUILTIN_PATH), validate=False).taxonomy(builtin_data(), None)


def load_taxonomy(source: Any = None) -> Taxonomy:
    """The taxonomy to use: the shipped one, extended or replaced by `source`.

    Args:
        source: None (the shipped taxonomy); a `Taxonomy`; a dict in the JSON
            form; a path to a JSON file; or a name registered in
            `claimkit.registry.taxonomies` (its function returns the JSON
            data, a path, or a `Taxonomy`).

    Raises:
        TaxonomyError: the file is missing or malformed (one line naming the
            file and the JSON path of what is wrong).
    """
    if source is None or source == BUILTIN_NAME:
        return builtin_taxonomy()
    if isinstance(source, Taxonomy):
        return source
    if isinstance(source, Mapping):
        return _Reader("taxonomy").taxonomy(dict(source), builtin_taxonomy())
    if isinstance(source, str) and source in registry.taxonomies:
        made = registry.lookup(registry.taxonomies, source, "taxonomy")()
        if isinstance(made, Taxonomy):
            return made
        if isinstance(made, str | Path):
            return load_taxonomy(Path(made))
        return _Reader(source).taxonomy(made, builtin_taxonomy())
    if isinstance(source, str | Path):
        path = Path(source)
        return _Reader(str(path)).taxonomy(_read_json(path), builtin_taxonomy())
    raise TaxonomyError(f"expected a taxonomy file path, a dict or a Taxonomy, got {type(source).__name__}")


def spec_values(value, lower: bool = True) -> frozenset[str] | None:
    """The strings a token spec's value allows (`"x"` or `{"IN": [...]}`), or None for any other test.

    Lower-cased by default (what a word test can meet); `lower=False` keeps
    them exact, as the `Matcher` compares them (a `LEMMA` may be capitalised).
    """
    if isinstance(value, str):
        values: Iterable[Any] = [value]
    elif isinstance(value, dict) and set(value) == {"IN"}:
        values = value["IN"]
    else:
        return None
    return frozenset(str(v).lower() if lower else str(v) for v in values)


def phrase_patterns(pattern: Pattern, tokenize) -> list[dict[str, Any]]:
    """A Matcher token pattern for a pattern: a phrase becomes one `LOWER` spec per token."""
    if isinstance(pattern, str):
        return [{"LOWER": token.lower()} for token in tokenize(pattern)]
    return pattern


__all__ = ["CauseType", "Cue", "Taxonomy", "builtin_taxonomy", "load_taxonomy", "phrase_patterns", "spec_values"]
