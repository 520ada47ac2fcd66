"""CLI behaviour added with the newsroom view: metadata options, warnings, summaries, whole quotes, help."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimkit.cli import app, estimate_documents

ROOT = Path(__file__).resolve().parents[1]


def run(*args, input=None):
    result = CliRunner().invoke(app, [str(a) for a in args], input=input)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_a_first_person_post_from_stdin_with_author_yields_its_claim():
    result = run("extract", "-", "--author", "Jo Reed", "--source", "Jo's feed", "--published", "2018-07-12",
                 "-f", "jsonl", input="I just lost 4,000 followers overnight. Where did they go?")
    assert result.exit_code == 0, result.stderr
    (analysis,) = [json.loads(line) for line in result.stdout.splitlines()]
    (claim,) = analysis["claims"]
    assert (claim["subject"], claim["amount"], claim["source_speaker"]) == ("Jo Reed", 4000, "Jo Reed")
    assert analysis["meta"] == {"author": "Jo Reed", "source": "Jo's feed"}


def test_text_header_lines_reach_the_output_meta(tmp_path):
    post = tmp_path / "post.txt"
    post.write_text(" date 2018-07-12\n author Jo Reed\n url https://feed.example/jo/1\n"
                    "I just lost 4,000 followers overnight.", encoding="utf-8")
    (analysis,) = [json.loads(line) for line in run("extract", post, "-f", "jsonl").stdout.splitlines()]
    assert analysis["published"] == "2018-07-12"
    assert analysis["meta"] == {"author": "Jo Reed", "url": "https://feed.example/jo/1"}
    assert analysis["claims"][0]["subject"] == "Jo Reed"


def test_a_bad_published_value_warns_and_keeps_the_document(tmp_path):
    docs = tmp_path / "d.jsonl"
    docs.write_text(json.dumps({"id": "a", "text": "Mara Quinn lost 340,000 followers.", "published": "13/07/2018"}),
                    encoding="utf-8")
    result = run("extract", docs, "-f", "jsonl")
    assert result.exit_code == 0
    assert [json.loads(line)["published"] for line in result.stdout.splitlines()] == [None]
    warning, summary = [line for line in result.stderr.splitlines() if line.strip()]
    assert warning.startswith(f"claimkit: warning: [E108] {docs}:1: ") and "left undated" in warning
    assert summary == "claimkit: 1 document(s) analysed, 1 claim(s) found"


def test_explain_to_a_file_is_not_hard_wrapped(tmp_path):
    long_quote = ("Twitter said the accounts it removed were bots and spam accounts created in bulk by scripts, "
                  "which it finds every week with machine learning and takes down before they can follow anyone, "
                  "and which have nothing to do with anyone's politics.")
    article = tmp_path / "a.txt"
    article.write_text(long_quote, encoding="utf-8")
    out = tmp_path / "m.txt"
    assert run("explain", article, "-o", out).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    evidence = [line for line in lines if "bots" in line and "support" in line]
    assert evidence and any(long_quote in line for line in evidence)


def test_markdown_quotes_are_whole(tmp_path):
    sentence = ("Twitter said the accounts it removed were bots and spam accounts created in bulk by scripts, "
                "which it finds every week with machine learning and takes down before they can follow anyone.")
    article = tmp_path / "a.txt"
    article.write_text(sentence, encoding="utf-8")
    out = run("extract", article, "-f", "markdown").stdout
    assert sentence in out and "…" not in out


def test_eval_help_lists_the_pipeline_options():
    out = run("eval", "--help").stdout
    for option in ("--spacy-model", "--stance-backend", "--nli-model", "--encoder-model", "--stance-head",
                   "--platform", "--max-chars"):
        assert option in out


def test_statement_and_claim_numbers_agree():
    result = run("extract", "-", "--statements", "--author", "Jo Reed", input="I just lost 4,000 followers overnight.")
    table = result.stdout
    statement_row = re.search(r"^\s*0\s+Jo Reed\s+affected", table, re.M)
    claim_row = re.search(r"^\s*0\s+loss\s+Jo Reed", table, re.M)
    assert statement_row and claim_row, table


@pytest.mark.parametrize(
    ("files", "expected"),
    [({"a.txt": "x"}, 1), ({"a.txt": "x", "b.jsonl": '{"text": "a"}\n{"text": "b"}\n'}, 3)],
)
def test_the_progress_bar_counts_documents_ahead(tmp_path, files, expected):
    for name, content in files.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    assert estimate_documents([str(tmp_path / n) for n in files] + ["-"]) == expected


def test_readme_analyzer_example_runs_as_written():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```python\n(.*?)```", readme, re.S) if "Analyzer(" in b)
    result = subprocess.run([sys.executable, "-c", block], cwd=ROOT, capture_output=True, text=True, timeout=600,
                            env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert "\nlocked-accounts-2018 " in result.stdout and "subject" in result.stdout
