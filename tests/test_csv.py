"""Flat tables: CSV (RFC 4180, optional BOM) and pandas DataFrames, one row per record."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

import claimkit
from claimkit.cli import app
from claimkit.render.csv import BOM, CLAIM_COLUMNS, TABLES, render_csv, write_csv
from claimkit.types import Analysis, Claim, Explanation, Span, StanceRecord, Statement

TEXT = ('Ana "Ace" Lima, a chef in Porto, wrote: I lost 12,400 followers overnight, which is a lot, '
        'and nobody, not even the help desk, can tell me why. Is it a purge of bots?')


def mention(needle: str) -> Span:
    start = TEXT.index(needle)
    return Span(start, start + len(needle), needle)


def sample() -> Analysis:
    statement = Statement('Ana "Ace" Lima', None, "affected", "wrote", TEXT, 0, len(TEXT))
    claim = Claim("follower_loss", 'Ana "Ace" Lima', "Instagram", 12_400, "12,400", "exact", None, "overnight",
                  "2019-02-13", "2019-02-14", "affected", 'Ana "Ace" Lima', [mention("lost 12,400 followers")],
                  statement=0)
    bots = Explanation("bot_spam_purge", [mention("bots")],
                       [StanceRecord(0, 'Ana "Ace" Lima', "affected", "query", 0.8, mention("bots"))],
                       "not_addressed", [], [], ['Ana "Ace" Lima'])
    return Analysis("ana", "2019-02-14", "Instagram", [statement], [claim], [bots], text=TEXT,
                    meta={"source": "Porto, Daily", "author": "Rui Sá", "url": "https://porto.example/a"})


def read_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix(BOM), newline="")))


def test_one_row_per_claim_with_document_metadata_and_the_whole_sentence():
    (row,) = read_rows(render_csv([sample()]))
    assert row["document"] == "ana" and row["source"] == "Porto, Daily" and row["author"] == "Rui Sá"
    assert row["url"] == "https://porto.example/a"
    assert (row["subject"], row["kind"], row["amount"], row["qualifier"]) == ('Ana "Ace" Lima', "follower_loss",
                                                                              "12400", "exact")
    assert (row["period_text"], row["start_date"], row["end_date"]) == ("overnight", "2019-02-13", "2019-02-14")
    assert (row["source_speaker"], row["source_role"]) == ('Ana "Ace" Lima', "affected")
    assert row["sentence"] == ("Ana \"Ace\" Lima, a chef in Porto, wrote: I lost 12,400 followers overnight, which "
                               "is a lot, and nobody, not even the help desk, can tell me why.")


def test_rfc4180_quoting_and_crlf_line_ends():
    text = render_csv([sample()])
    assert text.startswith(",".join(CLAIM_COLUMNS) + "\r\n")
    assert '"Ana ""Ace"" Lima"' in text and '"Porto, Daily"' in text
    assert text.endswith("\r\n") and text.count("\r\n") == 2


def test_bom_is_optional():
    assert not render_csv([sample()]).startswith(BOM)
    assert render_csv([sample()], bom=True).startswith(BOM)


@pytest.mark.parametrize(("table", "rows"), [("claims", 1), ("stances", 1), ("statements", 1), ("explanations", 1)])
def test_every_table_has_its_header_and_rows(table, rows):
    found = read_rows(render_csv([sample(), Analysis("empty", None, None, [], [], [])], table))
    assert len(found) == rows
    assert list(found[0]) == list(TABLES[table][0])


def test_stance_row_has_the_evidence_sentence():
    (row,) = read_rows(render_csv([sample()], "stances"))
    assert (row["cause"], row["stance"], row["evidence"], row["sentence"]) == (
        "bot_spam_purge", "query", "bots", "Is it a purge of bots?")


def test_header_only_without_claims():
    out = io.StringIO()
    assert write_csv([Analysis("empty", None, None, [], [], [])], out) == 0
    assert out.getvalue() == ",".join(CLAIM_COLUMNS) + "\r\n"


def test_to_frames_gives_the_same_tables():
    frames = claimkit.to_frames([sample()])
    assert set(frames) == set(TABLES)
    claims = frames["claims"]
    assert list(claims.columns) == list(CLAIM_COLUMNS)
    assert claims.loc[0, "amount"] == 12_400 and claims.loc[0, "source"] == "Porto, Daily"
    assert len(frames["stances"]) == 1 and len(frames["statements"]) == 1


def test_cli_csv_has_one_row_per_claim_of_the_json_output(tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text("\n".join(json.dumps(d) for d in [
        {"id": "a", "text": "Mara Quinn lost 340,000 followers this week, the Ledger found.", "source": "The Ledger"},
        {"id": "b", "text": "I lost 3,000 followers in one minute and 200 more the next day.", "author": "Jo Reed"},
        {"id": "c", "text": "Nothing about numbers here."},
    ]), encoding="utf-8")
    runner = CliRunner()
    as_json = runner.invoke(app, ["extract", str(docs), "-f", "jsonl"])
    as_csv = runner.invoke(app, ["extract", str(docs), "-f", "csv", "--bom"])
    assert as_json.exit_code == 0 and as_csv.exit_code == 0, as_csv.stderr
    claims = [(o["id"], c["amount"]) for line in as_json.stdout.splitlines() for o in [json.loads(line)]
              for c in o["claims"]]
    rows = read_rows(as_csv.stdout)
    assert as_csv.stdout.startswith(BOM)
    assert [(r["document"], int(r["amount"])) for r in rows] == claims
    assert len(rows) >= 2
    assert {r["document"]: r["source"] for r in rows}.get("a") == "The Ledger"
