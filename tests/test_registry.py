"""Registries: built-in parts, the fake backend of conftest, `--code` files, and a plugin
package registered through entry points, used from the `claimkit` command."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import catalogue
import pytest
from typer.testing import CliRunner

from claimkit import registry
from claimkit.cli import app
from claimkit.config import Config
from claimkit.errors import ConfigError
from claimkit.render import format_names, render
from claimkit.stance import backend_names, load_backend

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = Path(__file__).resolve().parent / "plugin_pkg"
TEXT = (
    "Maya Chen said she lost 4,000 followers overnight.\n\n"
    '"These were spam accounts," a Twitter spokesperson said. Is it a glitch?\n'
)


@pytest.fixture(autouse=True)
def restore_registries():
    """Parts a test registers at run time are gone after it."""
    saved = dict(catalogue.REGISTRY)
    yield
    catalogue.REGISTRY.clear()
    catalogue.REGISTRY.update(saved)


@pytest.fixture()
def article(tmp_path) -> Path:
    path = tmp_path / "maya.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (backend_names, {"rules", "learned", "nli", "fake"}),
        (format_names, {"table", "json", "jsonl", "markdown"}),
    ],
)
def test_built_in_parts_are_registered(names, expected):
    assert expected <= set(names())


def claimkit_imports(module: str) -> set[str]:
    """The claimkit modules a module imports (any level: module-level and in functions)."""
    tree = ast.parse((ROOT / "claimkit" / module).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("claimkit"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("claimkit")}
    return found


@pytest.mark.parametrize(
    ("module", "allowed"),
    [
        ("registry.py", set()),
        ("matmul.py", set()),
        ("config.py", {"claimkit", "claimkit.errors", "claimkit.matmul"}),
    ],
)
def test_registry_and_matmul_import_nothing_from_claimkit_and_config_not_the_stance_package(module, allowed):
    assert claimkit_imports(module) <= allowed


def test_config_checks_backend_names_through_the_registry():
    with pytest.raises(ConfigError, match="unknown stance backend 'oracle'; expected one of: .*fake.*rules"):
        Config(stance_backend="oracle")
    assert Config(stance_backend="fake").stance_backend == "fake"


def test_the_fake_backend_is_wired_through_the_pipeline(fake_analyzer):
    result = fake_analyzer.analyze(TEXT, platform="Twitter")
    records = [r for e in result.explanations for r in e.stances]
    assert records and {r.backend for r in records} == {"fake"}
    bots = result.explanation("bot_spam_purge")
    assert bots.official_position == "endorsed"
    # The fake backend got the taxonomy's description as the target.
    target = fake_analyzer.taxonomy.description("bot_spam_purge")
    assert any(item.target == target for item in fake_analyzer.stance.seen)
    assert fake_analyzer.stance.taxonomy is fake_analyzer.taxonomy


def test_a_factory_without_the_taxonomy_keyword_still_loads():
    registry.stance_backends.register("two-args", func=lambda config, nlp: "built")
    assert load_backend(Config(stance_backend="two-args"), None, taxonomy=object()) == "built"


def test_render_dispatch_by_name(analyzer):
    result = analyzer.analyze(TEXT, doc_id="maya", platform="Twitter")
    assert render(result, "markdown").startswith("## maya")
    assert json.loads(render(result, "json"))["id"] == "maya"
    assert render([result, result], "jsonl").count("\n") == 2
    with pytest.raises(ConfigError, match="unknown output format 'xml'; expected one of: csv, json, jsonl, markdown, table"):
        render(result, "xml")


def test_cli_uses_a_backend_registered_at_run_time(article):
    result = run("extract", article, "-b", "fake", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {s["backend"] for e in data["explanations"] for s in e["stances"]} == {"fake"}


CODE = '''
from claimkit import registry

@registry.renderers.register("ids-only")
def render(analyses, **options):
    return "".join(a.id + "\\n" for a in analyses)
'''


@pytest.mark.parametrize(
    ("code", "exit_code", "output"),
    [
        (CODE, 0, "maya\n"),
        ("raise RuntimeError('no registrations today')", 2,
         "importing it failed (RuntimeError: no registrations today)"),
        (None, 2, "[E300] {path}: no such file (--code)"),
    ],
)
def test_code_option_imports_a_file_of_registrations(tmp_path, article, code, exit_code, output):
    path = tmp_path / "my_parts.py"
    if code is not None:
        path.write_text(code, encoding="utf-8")
    result = run("extract", article, "--code", path, "-f", "ids-only")
    assert result.exit_code == exit_code
    if exit_code == 0:
        assert result.stdout == output
    else:
        (line,) = [l for l in result.stderr.splitlines() if l.strip()]
        assert line.startswith("claimkit: error: ") and output.format(path=path) in line


# --------------------------------------------------------------------------- a plugin package


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory) -> Path:
    """A site folder holding the test plugin and its dist-info (as `pip install` would leave it)."""
    site = tmp_path_factory.mktemp("site")
    shutil.copytree(PLUGIN / "claimkit_test_plugin", site / "claimkit_test_plugin")
    info = site / "claimkit_test_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: claimkit-test-plugin\nVersion: 0.1\n", encoding="utf-8")
    shutil.copy(PLUGIN / "entry_points.txt", info / "entry_points.txt")
    (info / "RECORD").write_text("", encoding="utf-8")
    return site


def claimkit_command(plugin_path: Path, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(plugin_path), str(ROOT)]), "HF_HUB_OFFLINE": "1"}
    env.pop("CLAIMKIT_STANCE_BACKEND", None)
    return subprocess.run(
        [sys.executable, "-c", "from claimkit.cli import main; main()", *map(str, args)],
        capture_output=True, text=True, env=env, timeout=300,
    )


def test_plugin_backend_and_renderer_work_from_the_cli(plugin_path, article):
    result = claimkit_command(plugin_path, "extract", article, "-b", "fake-plugin", "-f", "json")
    assert result.returncode == 0, result.stderr
    stances = [s for e in json.loads(result.stdout)["explanations"] for s in e["stances"]]
    assert stances and {(s["stance"], s["confidence"], s["backend"]) for s in stances} == {("query", 0.42, "fake-plugin")}

    result = claimkit_command(plugin_path, "extract", article, "--format", "plugin-format")
    assert result.returncode == 0, result.stderr
    doc_id, claims, causes = result.stdout.strip().split("\t")
    assert doc_id == "maya" and int(claims) >= 1 and "bot_spam_purge" in causes.split(",")


def test_unknown_names_list_the_plugin_ones_too(plugin_path, article):
    result = claimkit_command(plugin_path, "extract", article, "-f", "xml")
    assert result.returncode == 2
    assert "unknown output format 'xml'; expected one of: csv, json, jsonl, markdown, plugin-format, table" in result.stderr
