"""The cause taxonomy as data: the shipped file, a user's extension through every stage, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimkit import Analyzer
from claimkit.causes import CueMatcher, detect_causes
from claimkit.cli import app
from claimkit.config import ENV_TAXONOMY
from claimkit.errors import TaxonomyError
from claimkit.render import render
from claimkit.taxonomy import builtin_taxonomy, load_taxonomy
from claimkit.types import CAUSES, Statement

AI_MODERATION = {
    "extend": True,
    "causes": [{
        "label": "ai_moderation",
        "description": "an automated moderation model removed or hid accounts",
        "patterns": ["ai moderation", [{"LOWER": "moderation"}, {"LOWER": "algorithm"}]],
    }],
}
DROP = (
    "Thousands of creators saw their follower counts fall on Tuesday.\n\n"
    '"The drop was caused by our new AI moderation model," a Twitter spokesperson said.\n'
)


@pytest.fixture(scope="module")
def causes_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("taxonomy") / "my-causes.json"
    path.write_text(json.dumps(AI_MODERATION), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def drop_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("docs") / "drop.txt"
    path.write_text(DROP, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in (ENV_TAXONOMY, "CLAIMKIT_STANCE_BACKEND", "CLAIMKIT_PLATFORMS"):
        monkeypatch.delenv(name, raising=False)


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_the_shipped_taxonomy_is_the_specs():
    taxonomy = builtin_taxonomy()
    assert taxonomy.labels == CAUSES
    assert all(c.description and c.cues for c in taxonomy.causes)
    assert set(taxonomy.nli_templates) == {"support", "deny", "query"}
    flags = {cue.flag for c in taxonomy.causes for cue in c.cues}
    assert flags == {"", "own_negation", "deny", "weak"}


@pytest.mark.parametrize("source", ["path", "dict"])
def test_an_added_cause_flows_to_the_matrix_through_the_api(analyzer, causes_file, source):
    extended = Analyzer(stance_backend="rules", taxonomy=causes_file if source == "path" else AI_MODERATION)
    result = extended.analyze(DROP, doc_id="drop")
    ai = result.explanation("ai_moderation")
    assert ai is not None and ai.official_position == "endorsed" and ai.supporters == ["Twitter"]
    assert [r.role for r in ai.stances] == ["platform"]
    assert "ai_moderation" in render(result, "markdown")
    # The shipped analyzer does not know it.
    assert analyzer.analyze(DROP).explanation("ai_moderation") is None


def test_an_added_cause_flows_to_the_matrix_and_json_from_the_cli(causes_file, drop_file):
    table = run("extract", drop_file, "--taxonomy", causes_file)
    assert table.exit_code == 0, table.stderr
    row = next(line for line in table.stdout.splitlines() if "ai_moderation" in line)
    assert "endorsed" in row and "Twitter" in row
    data = json.loads(run("extract", drop_file, "--taxonomy", causes_file, "-f", "json").stdout)
    ai = next(e for e in data["explanations"] if e["cause"] == "ai_moderation")
    assert ai["official_position"] == "endorsed"
    assert [(s["speaker"], s["role"], s["stance"]) for s in ai["stances"]] == [("Twitter", "platform", "support")]


def test_the_environment_variable_names_the_taxonomy(monkeypatch, causes_file, drop_file):
    monkeypatch.setenv(ENV_TAXONOMY, str(causes_file))
    data = json.loads(run("extract", drop_file, "-f", "json").stdout)
    assert "ai_moderation" in {e["cause"] for e in data["explanations"]}


def test_an_added_cause_is_scored_by_eval(tmp_path, causes_file):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "id": "drop", "text": DROP, "published": None, "platform": "Twitter", "claims": [],
        "stances": [{"speaker": "Twitter", "role": "platform", "cause": "ai_moderation", "stance": "support"}],
        "official": {"ai_moderation": "endorsed"},
    }) + "\n", encoding="utf-8")
    scores = {}
    for name, extra in (("with", ["--taxonomy", causes_file]), ("without", [])):
        result = run("eval", gold, "--json", *extra)
        assert result.exit_code == 0, result.stderr
        scores[name] = json.loads(result.stdout)
    assert scores["with"]["official"]["correct"] == 1 and scores["without"]["official"]["correct"] == 0
    assert scores["with"]["stances"]["tp"] == 1 and scores["without"]["stances"]["fn"] == 1


def test_extend_false_replaces_the_shipped_causes(nlp):
    taxonomy = load_taxonomy({**AI_MODERATION, "extend": False})
    assert taxonomy.labels == ("ai_moderation",)
    doc = nlp("Our AI moderation removed bots and spam.")
    statement = Statement("Twitter", None, "platform", "said", doc.text, 0, len(doc.text), None)
    found = detect_causes(doc, [statement], CueMatcher(taxonomy, nlp.vocab))
    assert [m.cause for m in found] == ["ai_moderation"]


def test_a_known_label_gets_the_new_cues_and_keeps_its_own():
    taxonomy = load_taxonomy({"causes": [{"label": "technical_glitch", "patterns": ["server hiccup"]}]})
    glitch = taxonomy.cause("technical_glitch")
    shipped = builtin_taxonomy().cause("technical_glitch")
    assert glitch.description == shipped.description
    assert glitch.cues[: len(shipped.cues)] == shipped.cues and glitch.cues[-1].patterns == ("server hiccup",)


def test_cue_flags_and_context_checks_apply_to_user_cues(nlp):
    taxonomy = load_taxonomy({"causes": [{
        "label": "regional_ban", "description": "a government banned the platform in a region",
        "cues": [{"patterns": ["regional ban"]}, {"patterns": ["not a ban"], "deny": True},
                 {"patterns": ["ban"], "weak": True, "not_before": ["hammer"]}],
    }]})
    matcher = CueMatcher(taxonomy, nlp.vocab, lambda text: [t.text for t in nlp.make_doc(text)])
    doc = nlp("It was a regional ban. It was not a ban. The ban hammer fell.")
    statement = Statement("reporter", None, "reporter", "none", doc.text, 0, len(doc.text), None)
    found = [(m.text, m.cue) for m in detect_causes(doc, [statement], matcher)]
    # "ban" inside a longer cue gives way to it; "ban hammer" is undone by not_before.
    assert found == [("regional ban", ""), ("not a ban", "deny")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)"),
        ('["a"]', 'expected a JSON object with "causes", found an array'),
        ('{"causes": [{"label": "AI", "description": "d", "patterns": ["x"]}]}',
         'causes[0].label: expected a lower-case label such as "ai_moderation"'),
        ('{"causes": [{"label": "ai", "patterns": ["x"]}]}', 'causes[0]: new cause \'ai\' needs a "description"'),
        ('{"causes": [{"label": "ai", "description": "d"}]}', "causes[0]: new cause 'ai' needs \"patterns\" or \"cues\""),
        ('{"causes": [{"label": "ai", "description": "d", "patterns": [3]}]}',
         "causes[0].patterns[0]: expected a phrase string or a non-empty list of token objects, found int"),
        ('{"causes": [{"label": "ai", "description": "d", "patterns": [[{"LOWR": "ai"}]]}]}',
         "causes[0].patterns[0]: not a valid spaCy Matcher token pattern"),
        ('{"causes": [{"label": "ai", "description": "d", "cues": [{"patterns": ["x"], "weak": "yes"}]}]}',
         "causes[0].cues[0].weak: expected true or false, found a string"),
        ('{"causes": [{"label": "other", "description": "d", "patterns": ["x"]}]}', "causes[0].label: 'other' is reserved"),
        ('{"causes": [], "colour": 1}', "unknown key(s) 'colour'"),
        ('{"causes": [{"label": "ai", "description": "d", "cues": [{"patterns": ["x"], "needs": "moon_context"}]}]}',
         "cause 'ai': unknown context check 'moon_context' in \"needs\"; expected one of: followers_context"),
    ],
)
def test_a_malformed_file_is_one_line_naming_it(tmp_path, drop_file, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = run("extract", drop_file, "--taxonomy", path)
    assert result.exit_code == 2 and result.stdout == ""
    (line,) = [l for l in result.stderr.splitlines() if l.strip()]
    assert line.startswith(f"claimkit: error: [E303] {path}: ") and message in line


def test_a_missing_file_and_a_bad_source_raise_taxonomy_errors(tmp_path):
    with pytest.raises(TaxonomyError, match="no such taxonomy file"):
        load_taxonomy(tmp_path / "nope.json")
    with pytest.raises(TaxonomyError, match="expected a taxonomy file path, a dict or a Taxonomy"):
        load_taxonomy(42)


def test_the_learned_backend_takes_an_added_cause_by_its_description():
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    learned = Analyzer(stance_backend="learned", taxonomy=AI_MODERATION)
    ai = learned.analyze(DROP).explanation("ai_moderation")
    assert ai is not None and {r.backend for r in ai.stances} == {"learned"}
    assert ai.official_position in {"endorsed", "rejected", "not_addressed"}


def test_the_cue_matcher_pickles_for_another_process(nlp):
    import pickle

    matcher = CueMatcher(load_taxonomy(AI_MODERATION), nlp.vocab)
    copy = pickle.loads(pickle.dumps(matcher))
    doc = nlp("The moderation algorithm hid the accounts, not bots.")
    statement = Statement("reporter", None, "reporter", "none", doc.text, 0, len(doc.text), None)
    assert detect_causes(doc, [statement], copy) == detect_causes(doc, [statement], matcher)
    assert {m.cause for m in detect_causes(doc, [statement], copy)} == {"ai_moderation", "bot_spam_purge"}
