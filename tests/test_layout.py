"""The package layout: no module-level import cycle inside claimkit/, no module over the size limit,
no word list outside claimkit/lexicon/.

The import graph is read from the source with `ast` (nothing is imported):
an edge A -> B for every `import B` / `from B import x` at module level
(including inside `if`/`try` blocks, but not inside functions, classes or
`if TYPE_CHECKING:`). `from P import name` imports the submodule `P.name`
when that is a module, else `P` itself. Python runs a package's `__init__`
before any of its submodules; that is not counted as an edge.

Word lists are found the same way, in the source with `ast`: a set, tuple or
list literal of three or more lower-case words, or a string with a regex
alternation of three or more ("run|owned|led"), is vocabulary, and belongs in
the stage's module under claimkit/lexicon/. Literals whose strings are all
dependency labels, field names, label names or option names are not.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "claimkit"
MAX_LINES = 520
#: Modules still over the limit, with the reason; each entry should go away.
SIZE_ALLOWLIST: dict[str, str] = {
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _top_level_imports(tree: ast.Module):
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If) and not _is_type_checking(node):
            stack.extend(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            stack.extend(node.body + node.orelse + node.finalbody + [n for h in node.handlers for n in h.body])


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
    return f"{base}.{node.module}" if node.module else base


def import_graph() -> dict[str, set[str]]:
    """module -> the claimkit modules it imports at module level."""
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        edges: set[str] = set()
        for node in _top_level_imports(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                target = _resolve(module, node)
                submodules = [f"{target}.{alias.name}" for alias in node.names if f"{target}.{alias.name}" in MODULES]
                # `from claimkit import claims` needs the submodule; `from claimkit.x import name` needs x.
                targets = submodules if len(submodules) == len(node.names) else [target, *submodules]
            edges |= {t for t in targets if t in MODULES and t != module}
        graph[module] = edges
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path [a, b, ..., a], or None."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return path[path.index(target) :] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_graph_sees_the_pipeline_imports():
    graph = import_graph()
    assert "claimkit.attribute" in graph["claimkit.pipeline"]
    assert "claimkit.claims.records" in graph["claimkit.claims.mentions"]


def test_no_module_level_import_cycle():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_size(module):
    path = MODULES[module]
    shown = str(path.relative_to(PACKAGE.parent))
    lines = len(path.read_text("utf-8").splitlines())
    if shown in SIZE_ALLOWLIST:
        pytest.skip(f"{shown}: {lines} lines, allowed for now: {SIZE_ALLOWLIST[shown]}")
    assert lines <= MAX_LINES, f"{shown} has {lines} lines (limit {MAX_LINES}): split it by responsibility"


# --------------------------------------------------------------------------- word lists live in claimkit/lexicon/

#: Folders under claimkit/ that may hold vocabulary: the lexicon, and the test-data generators.
VOCABULARY_HOMES = frozenset({"lexicon", "testing"})
#: spaCy's dependency labels (English models, and the UD labels of others).
DEP_LABELS = frozenset({
    "acl", "acomp", "advcl", "advmod", "agent", "amod", "appos", "attr", "aux", "auxpass", "case",
    "cc", "ccomp", "clf", "compound", "conj", "cop", "csubj", "csubjpass", "dative", "dep", "det",
    "discourse", "dislocated", "dobj", "expl", "fixed", "flat", "goeswith", "iobj", "intj", "list",
    "mark", "meta", "neg", "nmod", "npadvmod", "nsubj", "nsubjpass", "nummod", "obj", "obl", "oprd",
    "orphan", "parataxis", "pcomp", "pobj", "poss", "preconj", "predet", "prep", "prt", "punct",
    "quantmod", "relcl", "reparandum", "vocative", "xcomp",
})
#: Strings that look like words and are none, by kind: a literal (or an alternation)
#: whose strings all belong to one kind is no word list.
NON_VOCABULARY: dict[str, frozenset[str]] = {
    "dependency labels": DEP_LABELS,
    # input and output fields, JSONL keys, CSV columns, header lines, score counters
    "field names": frozenset({
        "id", "text", "published", "platform", "author", "source", "url", "location", "claims",
        "stances", "official", "extra", "statements", "explanations", "relevant", "mentions",
        "document", "task", "kind", "gold", "predicted", "evidence", "sentence", "note",
        "accuracy", "correct", "n", "tp", "fp", "fn", "aligned", "supporters", "deniers",
        "queriers", "commenters",
    }),
    # column headings of the terminal and Markdown tables
    "column headings": frozenset({"explanation", "official position", "supporters", "deniers", "queries"}),
    # stance labels, and the labels of an NLI model's classes
    "label names": frozenset({"support", "deny", "query", "comment", "entailment", "neutral", "contradiction"}),
    # output formats, class weightings, the report's mark kinds
    "option names": frozenset({"table", "json", "jsonl", "markdown", "csv", "none", "balanced", "sqrt", "e", "c", "t", "s"}),
}
#: Word lists still in code, as (module, first word), with the reason; each entry should go away.
WORD_LIST_ALLOWLIST: dict[tuple[str, str], str] = {}

_WORD = re.compile(r"[a-z]+(?:[-'’ ][a-z]+)*")
#: One branch of a regex alternation: a word or phrase ("co-founded", "last\s+night",
#: "about\s+"), its last letter maybe optional ("an?").
_BRANCH = r"[a-z]+(?:(?:[-'’ ]|\\s[+*]?)[a-z]+)*(?:\\s[+*]?)?\??"
_ALTERNATION = re.compile(rf"(?<![\\\w])(?:{_BRANCH})(?:\|(?:\\b)?(?:{_BRANCH})){{2,}}")


def _non_vocabulary(words) -> bool:
    return any(set(words) <= strings for strings in NON_VOCABULARY.values())


def word_lists(source: str) -> list[tuple[int, tuple[str, ...]]]:
    """(line, words) for every word list in a module's source: literals and regex alternations.

    `Literal[...]` type arguments are labels, not vocabulary, and are skipped.
    """
    tree = ast.parse(source)
    labels = {
        id(node.slice)
        for node in ast.walk(tree)
        if isinstance(node, ast.Subscript)
        and (getattr(node.value, "id", None) == "Literal" or getattr(node.value, "attr", None) == "Literal")
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Set, ast.Tuple, ast.List)) and id(node) not in labels:
            words = tuple(e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str))
            if (len(words) >= 3 and len(words) == len(node.elts) and all(_WORD.fullmatch(w) for w in words)
                    and not _non_vocabulary(words)):
                found.append((node.lineno, words))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            for match in _ALTERNATION.finditer(node.value):
                words = tuple(match.group(0).replace("\\b", "").split("|"))
                if not _non_vocabulary(words):
                    found.append((node.lineno, words))
    return sorted(found)


def test_the_word_list_finder_finds_word_lists():
    snippet = (
        "import re\n"
        "FILLERS = {'so', 'and', 'but'}\n"
        "def f(token):\n"
        "    return token.lower_ in ('the', 'a', 'an') or token.dep_ in {'nsubj', 'dobj', 'pobj'}\n"
        "RUN_BY_RE = re.compile(r'-(?:run|owned|led)\\b')\n"
        "SPAN_RE = re.compile(r'\\b(?:in|over|within)\\s+(?:last\\s+night|this\\s+week|today)')\n"
        "KEYS = ('id', 'text', 'published')\n"
        "Kind = Literal['loss', 'gain', 'total']\n"
        "SHORT = ('x', 'y')\n"
    )
    found = word_lists(snippet)
    assert found == [
        (2, ("so", "and", "but")),
        (4, ("the", "a", "an")),
        (5, ("run", "owned", "led")),
        (6, ("in", "over", "within")),
        (6, ("last\\s+night", "this\\s+week", "today")),
    ]


def test_no_word_list_outside_the_lexicon():
    found = []
    for path in MODULES.values():
        if path.relative_to(PACKAGE).parts[0] in VOCABULARY_HOMES:
            continue
        shown = str(path.relative_to(PACKAGE.parent))
        for line, words in word_lists(path.read_text("utf-8")):
            if (shown, words[0]) not in WORD_LIST_ALLOWLIST:
                found.append(f"{shown}:{line}: {'|'.join(words)}")
    assert not found, (
        "word lists in code (move each to the stage's module under claimkit/lexicon/):\n" + "\n".join(found)
    )
