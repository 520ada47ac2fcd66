"""`claimkit extract` and `claimkit explain`: formats, exit codes, one-line errors, stdin, globs, -o.

Most tests run the command in-process with typer's `CliRunner` (the spaCy
model loads once per session); a few run the installed console script for
real exit codes, pipes and a closed reader.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import claimkit
from claimkit.cli import app
from claimkit.config import ENV_SPACY_MODEL, ENV_STANCE_BACKEND
from claimkit.errors import BackendUnavailableError
from claimkit.pipeline import Analyzer

SPEC_KEYS = {"id", "published", "statements", "claims", "explanations"}

POST = (
    " date 2019-11-04\n"
    "Lena Park says she lost 12,000 followers overnight.\n\n"
    "I just lost 12,000 followers in one day. This is censorship of conservatives! "
    "— Lena Park (@lenapark) November 4, 2019\n\n"
    "Twitter said the accounts it removed were spam and fake accounts. "
    '"Our enforcement is apolitical," a Twitter spokesperson said.\n'
)
DOCS = [
    {"id": "omar-1", "text": "I lost 800 followers today. Is it a glitch? — Omar Hale (@omarhale) May 3, 2021",
     "published": "2021-05-03", "platform": "Twitter"},
    {"id": "purge-2", "text": "Instagram said it removed 2 million fake accounts last week."},
]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in (ENV_SPACY_MODEL, ENV_STANCE_BACKEND, "CLAIMKIT_DEBUG", "CLAIMKIT_TAXONOMY", "CLAIMKIT_PLATFORMS"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "lena.txt").write_text(POST, encoding="utf-8")
    (folder / "docs.jsonl").write_text("\n".join(json.dumps(d) for d in DOCS) + "\n", encoding="utf-8")
    (folder / "mixed.jsonl").write_text(
        json.dumps(DOCS[0]) + "\n{not json\n" + json.dumps({"id": "no-text"}) + "\n" + json.dumps(DOCS[1]) + "\n",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def run(*args, input: str | bytes | None = None):
    result = CliRunner().invoke(app, [str(a) for a in args], input=input)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def jsonl_objects(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture(autouse=True, scope="module")
def warm(analyzer):
    """Load the spaCy model once for the module (the CLI's analyzers share it)."""
    return analyzer


# --------------------------------------------------------------------------- formats


def test_default_table_shows_claims_then_the_matrix(files):
    result = run("extract", files / "lena.txt")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "lena · 2019-11-04" in out
    assert "Lena Park" in out and "12,000" in out
    assert out.index("Claims") < out.index("Explanations")
    for header in ("explanation", "official position", "supporters", "deniers", "queries"):
        assert header in out
    assert "political_bias" in out and "bot_spam_purge" in out


def test_statements_option_lists_statements(files):
    out = run("extract", files / "lena.txt", "--statements").stdout
    assert out.index("Statements") < out.index("Claims")
    assert "embed" in out


def test_jsonl_one_object_per_document_with_spec_keys(files):
    result = run("extract", files / "lena.txt", files / "docs.jsonl", "--format", "jsonl")
    assert result.exit_code == 0
    objects = jsonl_objects(result.stdout)
    assert [o["id"] for o in objects] == ["lena", "omar-1", "purge-2"]
    for obj in objects:
        assert SPEC_KEYS <= set(obj)
    lena = objects[0]
    assert lena["published"] == "2019-11-04"
    claim = next(c for c in lena["claims"] if c["amount"] == 12000)
    assert claim["kind"] == "follower_loss" and claim["subject"] == "Lena Park"
    assert objects[1]["published"] == "2021-05-03"


def test_json_is_one_object_for_one_document(files):
    result = run("extract", files / "lena.txt", "-f", "json")
    data = json.loads(result.stdout)
    assert isinstance(data, dict) and data["id"] == "lena"


def test_json_is_an_array_for_several_documents(files):
    result = run("extract", files / "docs.jsonl", "-f", "json")
    data = json.loads(result.stdout)
    assert isinstance(data, list) and [d["id"] for d in data] == ["omar-1", "purge-2"]
    assert all(SPEC_KEYS <= set(d) for d in data)


def test_markdown_has_claims_and_matrix_tables(files):
    out = run("extract", files / "docs.jsonl", "-f", "markdown").stdout
    assert "## omar-1" in out and "## purge-2" in out
    assert "| explanation | official position | supporters | deniers | queries |" in out
    assert "| technical_glitch | not_addressed | — | — | Omar Hale |" in out
    assert "2,000,000" in out


def test_explain_shows_only_the_matrix_with_evidence(files):
    result = run("explain", files / "lena.txt")
    assert result.exit_code == 0
    out = result.stdout
    assert "Explanations" in out and "Claims" not in out
    assert "political_bias — official: rejected" in out
    assert '"apolitical"' in out and "Our enforcement is apolitical" in out  # the quote behind the stance


def test_explain_markdown(files):
    out = run("explain", files / "docs.jsonl", "--markdown").stdout
    assert out.startswith("## omar-1")
    assert "**technical_glitch** (official: not_addressed)" in out
    assert "Omar Hale (affected) query" in out


# --------------------------------------------------------------------------- publication date and platform options


def test_published_option_overrides_header_and_field(files):
    objects = jsonl_objects(
        run("extract", files / "lena.txt", files / "docs.jsonl", "-f", "jsonl", "--published", "2020-01-02").stdout
    )
    assert {o["published"] for o in objects} == {"2020-01-02"}


def test_platform_option_applies_when_a_document_names_none(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("I lost 400 followers this morning.", encoding="utf-8")
    (obj,) = jsonl_objects(run("extract", path, "-f", "jsonl", "--platform", "Mastodon").stdout)
    assert obj["platform"] == "Mastodon"


# --------------------------------------------------------------------------- inputs: stdin, glob, several


def test_stdin_text(files):
    result = run("extract", "-", "-f", "jsonl", input=POST)
    (obj,) = jsonl_objects(result.stdout)
    assert obj["id"] == "stdin" and obj["published"] == "2019-11-04"


def test_stdin_jsonl(files):
    result = run("extract", "-", "-f", "jsonl", input=(files / "docs.jsonl").read_bytes())
    assert [o["id"] for o in jsonl_objects(result.stdout)] == ["omar-1", "purge-2"]


def test_glob_pattern_is_expanded(files):
    result = run("extract", files / "*.jsonl", "-f", "jsonl")
    ids = [o["id"] for o in jsonl_objects(result.stdout)]
    # docs.jsonl then mixed.jsonl, whose ids repeat docs.jsonl's: kept apart and reported
    assert ids == ["omar-1", "purge-2", "omar-1#2", "purge-2#2"]
    assert result.exit_code == 1  # mixed.jsonl has two bad lines and two duplicate ids
    assert result.stderr.count("duplicate id") == 2


def test_glob_never_reads_the_output_it_writes(tmp_path):
    for name, doc in zip(("a.jsonl", "b.jsonl"), DOCS, strict=True):
        (tmp_path / name).write_text(json.dumps(doc) + "\n", encoding="utf-8")
    result = run("extract", tmp_path / "*.jsonl", "-f", "jsonl", "-o", tmp_path / "all.jsonl")
    assert result.exit_code == 0, result.stderr
    assert [o["id"] for o in jsonl_objects((tmp_path / "all.jsonl").read_text())] == ["omar-1", "purge-2"]


def test_glob_matching_nothing_is_reported_and_the_rest_processed(files, tmp_path):
    result = run("extract", tmp_path / "*.none", files / "lena.txt", "-f", "jsonl")
    assert result.exit_code == 1
    assert [o["id"] for o in jsonl_objects(result.stdout)] == ["lena"]
    assert f"[E101] {tmp_path / '*.none'}: no file matches this pattern" in result.stderr


# --------------------------------------------------------------------------- bad input: exit 1, others still printed


def test_bad_jsonl_lines_are_reported_with_file_and_line_and_the_rest_printed(files):
    result = run("extract", files / "mixed.jsonl", "-f", "jsonl")
    assert result.exit_code == 1
    assert [o["id"] for o in jsonl_objects(result.stdout)] == ["omar-1", "purge-2"]
    lines = error_lines(result)
    assert lines[0].startswith(f"claimkit: skipped: [E107] {files / 'mixed.jsonl'}:2: malformed JSON")
    assert lines[1].startswith(f"claimkit: skipped: [E107] {files / 'mixed.jsonl'}:3: field \"text\" is missing")
    assert lines[-1] == "claimkit: 2 document(s) analysed, 2 input(s) skipped"


@pytest.mark.parametrize(
    ("name", "code", "words"),
    [("missing.txt", "E101", "no such file"), ("empty.txt", "E105", "empty document"), (".", "E102", "directory")],
)
def test_bad_file_among_good_ones(files, name, code, words):
    bad = files / name
    result = run("extract", files / "lena.txt", bad, files / "docs.jsonl", "-f", "jsonl")
    assert result.exit_code == 1
    assert [o["id"] for o in jsonl_objects(result.stdout)] == ["lena", "omar-1", "purge-2"]
    (skipped, summary) = error_lines(result)
    assert skipped.startswith(f"claimkit: skipped: [{code}] {bad}: ") and words in skipped
    assert summary == "claimkit: 3 document(s) analysed, 1 input(s) skipped"


def test_only_bad_inputs_exit_1_with_nothing_on_stdout(files, tmp_path):
    result = run("extract", tmp_path / "none.txt", "-f", "json")
    assert result.exit_code == 1
    assert result.stdout == ""


def test_binary_and_non_utf8_files(tmp_path, files):
    (tmp_path / "pic.txt").write_bytes(b"\x00\x01\x02\x03")
    (tmp_path / "old.txt").write_bytes("first\ncaf\xe9".encode("latin-1"))
    result = run("extract", tmp_path / "pic.txt", tmp_path / "old.txt", files / "lena.txt", "-f", "jsonl")
    assert result.exit_code == 1
    assert [o["id"] for o in jsonl_objects(result.stdout)] == ["lena"]
    assert "[E103]" in result.stderr and "[E104]" in result.stderr and "line 2" in result.stderr


def test_max_chars_refuses_long_documents(files):
    result = run("extract", files / "lena.txt", files / "docs.jsonl", "--max-chars", "100", "-f", "jsonl")
    assert result.exit_code == 1
    assert [o["id"] for o in jsonl_objects(result.stdout)] == ["omar-1", "purge-2"]
    assert "[E106]" in result.stderr and "--max-chars" in result.stderr


def test_analysis_crash_on_one_document_skips_only_that_document(files, monkeypatch):
    from claimkit import cli_support

    def failing_on(doc_id):  # a stage wrapper (`Analyzer.wrap_stage`): the claims stage fails on one document
        def wrapper(stage):
            def claims(doc, statements, document, platform):
                if document.id == doc_id:
                    raise ValueError("boom")
                return stage(doc, statements, document, platform)
            return claims
        return wrapper

    def load_analyzer(config):
        analyzer = Analyzer(config)
        analyzer.wrap_stage("claims", failing_on("omar-1"))
        return analyzer

    monkeypatch.setattr(cli_support, "load_analyzer", load_analyzer)
    result = run("extract", files / "docs.jsonl", files / "lena.txt", "-f", "jsonl")
    assert result.exit_code == 1
    assert [o["id"] for o in jsonl_objects(result.stdout)] == ["purge-2", "lena"]
    assert f"[E900] {files / 'docs.jsonl'}:1: analysis failed (ValueError: boom)" in result.stderr


# --------------------------------------------------------------------------- usage errors: one line, exit 2


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--published", "2019-02-30"], "[E108] --published: value '2019-02-30' is not a date"),
        (["--published", "last week"], "expected YYYY-MM-DD"),
        (["--bogus"], "No such option: --bogus"),
        (["--format", "xml"], "[E300] unknown output format 'xml'; expected one of: csv, json, jsonl, markdown, table"),
        (["--max-chars", "0"], "--max-chars"),
        (["--stance-backend", "oracle"], "[E300] unknown stance backend 'oracle'; expected one of: "),
        (["--spacy-model", ""], "[E300] spacy_model must name an installed spaCy pipeline"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(files, args, words):
    result = run("extract", files / "lena.txt", *args)
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert line.startswith("claimkit: error: ") and words in line
    assert result.stdout == ""


def test_missing_inputs_is_a_usage_error():
    result = run("extract")
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert "Missing argument" in line


def test_unknown_command_is_one_line():
    result = run("extrakt", "x.txt")
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert "No such command 'extrakt'" in line


def test_missing_spacy_model_says_how_to_install_it(files):
    result = run("extract", files / "lena.txt", "--spacy-model", "xx_claimkit_missing_model")
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert line.startswith("claimkit: error: [E301] spaCy pipeline 'xx_claimkit_missing_model' is not installed")
    assert "python -m spacy download xx_claimkit_missing_model" in line


def test_spacy_model_from_the_environment(files, monkeypatch):
    monkeypatch.setenv(ENV_SPACY_MODEL, "xx_claimkit_env_model")
    result = run("extract", files / "lena.txt")
    assert result.exit_code == 2
    assert "'xx_claimkit_env_model' is not installed" in result.stderr


def test_unknown_backend_from_the_environment(files, monkeypatch):
    monkeypatch.setenv(ENV_STANCE_BACKEND, "oracle")
    result = run("extract", files / "lena.txt")
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert line.startswith("claimkit: error: [E300] unknown stance backend 'oracle'; expected one of: ")
    assert {"learned", "nli", "rules"} <= set(line.split(": ")[-1].split(", "))


def test_unavailable_backend_is_one_line(files, monkeypatch):
    def missing(config, nlp=None, taxonomy=None):
        raise BackendUnavailableError('the \'nli\' stance backend needs torch; install it with: pip install "claimkit[nli]"')

    monkeypatch.setattr("claimkit.pipeline.load_backend", missing)
    result = run("extract", files / "lena.txt", "-b", "nli", "-o", files / "never.json")
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert line.startswith("claimkit: error: [E302]") and "pip install" in line
    assert not (files / "never.json").exists()  # nothing was opened before the backend loaded


# --------------------------------------------------------------------------- output file


def test_output_file(files, tmp_path):
    target = tmp_path / "out.jsonl"
    result = run("extract", files / "docs.jsonl", "-f", "jsonl", "-o", target)
    assert result.exit_code == 0 and result.stdout == ""
    assert [o["id"] for o in jsonl_objects(target.read_text(encoding="utf-8"))] == ["omar-1", "purge-2"]


def test_output_file_table_is_plain_text(files, tmp_path):
    target = tmp_path / "out.txt"
    run("explain", files / "lena.txt", "-o", target)
    text = target.read_text(encoding="utf-8")
    assert "political_bias" in text and "\x1b[" not in text


def test_output_dash_is_stdout(files):
    result = run("extract", files / "lena.txt", "-f", "json", "-o", "-")
    assert json.loads(result.stdout)["id"] == "lena"


def test_output_in_a_missing_directory(files, tmp_path):
    target = tmp_path / "no" / "such" / "dir" / "out.json"
    result = run("extract", files / "lena.txt", "-o", target)
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert line.startswith(f"claimkit: error: [E110] {target}: cannot write") and "does not exist" in line


def test_output_that_is_an_input_is_refused(files, tmp_path):
    source = tmp_path / "keep.txt"
    source.write_text(POST, encoding="utf-8")
    result = run("extract", source, "-o", source)
    assert result.exit_code == 2
    assert source.read_text(encoding="utf-8") == POST


# --------------------------------------------------------------------------- version and help


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"claimkit {claimkit.__version__}"


def test_help_lists_the_commands():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("extract", "explain", "eval"):
        assert command in result.stdout


# --------------------------------------------------------------------------- the real console script


def script() -> list[str]:
    found = shutil.which("claimkit", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-c", "from claimkit.cli import main; main()"]


@pytest.fixture(scope="module", autouse=True)
def real_runs(files, tmp_path_factory):
    """Run the console script twice (stdin + a bad file; piped into head).

    Both start with the module, so their model loading overlaps the
    in-process tests; `finish()` waits for them.
    """
    many = tmp_path_factory.mktemp("many") / "many.jsonl"
    many.write_text((files / "docs.jsonl").read_text(encoding="utf-8") * 60, encoding="utf-8")
    command = " ".join(f"'{part}'" for part in script())
    with (files / "lena.txt").open("rb") as stdin:
        started = {
            "stdin": subprocess.Popen([*script(), "extract", "-", str(files / "missing.txt"), "-f", "jsonl"],
                                      stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE),
            "head": subprocess.Popen(["bash", "-c", f"set -o pipefail; {command} extract '{many}' | head -n 1; "
                                      'echo "status=$?" >&2'], stdout=subprocess.PIPE, stderr=subprocess.PIPE),
        }
    results: dict[str, subprocess.CompletedProcess] = {}

    def finish(name: str) -> subprocess.CompletedProcess:
        if name not in results:
            proc = started[name]
            out, err = proc.communicate(timeout=120)
            results[name] = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
        return results[name]

    yield finish
    for proc in started.values():
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def test_script_stdin_and_bad_file_exit_1(real_runs, files):
    proc = real_runs("stdin")
    assert proc.returncode == 1
    assert [o["id"] for o in jsonl_objects(proc.stdout.decode())] == ["stdin"]
    assert b"Traceback" not in proc.stderr
    assert f"[E101] {files / 'missing.txt'}: no such file".encode() in proc.stderr


def test_script_piped_into_head_prints_no_traceback(real_runs):
    proc = real_runs("head")
    assert b"Traceback" not in proc.stderr and b"BrokenPipe" not in proc.stderr, proc.stderr
    assert proc.stdout.decode().startswith("omar-1")
    assert b"status=141" in proc.stderr
