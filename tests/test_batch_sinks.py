"""Sinks of `claimkit batch`: the same records in every format, atomic chunks, resumable after a kill."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimkit.batch import read_output, run
from claimkit.batch.records import Record, from_rows, to_rows
from claimkit.errors import OutputError

pytest.importorskip("pyarrow")

REPO = Path(__file__).resolve().parent.parent
SUFFIXES = [".jsonl", ".sqlite", ".parquet"]
POSTS = [
    "Twitter Support said the purge removed locked accounts from follower counts.",
    "Lovely weather in Leeds today.",
    "Katy Perry lost 3 million followers after Twitter removed locked accounts, the company said.",
    "Does anyone know a good plumber?",
    "Is this a glitch? My follower count dropped by 200 overnight. — Jo Reed (@joreed) July 12, 2018",
]


def write_posts(path: Path, texts) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i, text in enumerate(texts):
            out.write(json.dumps({"id": f"post-{i}", "text": text, "published": "2018-07-12"}) + "\n")
    return path


def test_rows_round_trip_to_the_json_object(analyzer):
    analysis = analyzer.analyze(
        "Twitter said it removed 70 million bots. Critics said it was political bias.", published="2018-07-12"
    )
    record = Record("k", True, analysis.to_dict())
    assert from_rows(to_rows(record, 0)) == [analysis.to_dict()]
    skipped = Record("k2", False, {"id": "x", "published": None, "platform": None, "statements": [],
                                    "claims": [], "explanations": [], "relevant": False})
    assert from_rows(to_rows(skipped, 3)) == [skipped.data]


def test_a_serialised_record_travels_as_its_line(analyzer):
    import pickle

    analysis = analyzer.analyze("Twitter said it removed 70 million bots. Critics said it was political bias.")
    full = Record("k", True, analysis.to_dict())
    sent = pickle.loads(pickle.dumps(Record.serialised("k", True, analysis.to_dict())))
    assert sent._data is None and sent.json_line() == full.json_line() == analysis.to_json()
    assert (sent.claims, sent.explanations) == (full.claims, full.explanations) == (1, 2)
    assert sent.data == full.data and sent == full
    with pytest.raises(ValueError):
        Record("k", True)


def test_every_sink_holds_the_same_records(tmp_path):
    source = write_posts(tmp_path / "posts.jsonl", POSTS)
    outputs = {}
    for suffix in SUFFIXES:
        summary = run([source], tmp_path / f"out{suffix}", workers=1, chunk_size=2, progress=False,
                      sink_options={"docs_per_part": 3})
        assert summary.documents == len(POSTS)
        outputs[suffix] = read_output(tmp_path / f"out{suffix}")
    assert outputs[".jsonl"] == outputs[".sqlite"] == outputs[".parquet"]
    ids = [d["id"] for d in outputs[".jsonl"]]
    assert ids == [f"post-{i}" for i in range(len(POSTS))]  # input order
    relevant = {d["id"]: d.get("relevant", True) for d in outputs[".jsonl"]}
    assert relevant == {"post-0": True, "post-1": False, "post-2": True, "post-3": False, "post-4": True}
    assert any(d["claims"] for d in outputs[".jsonl"]) and any(d["explanations"] for d in outputs[".jsonl"])


def test_sqlite_has_keys_foreign_keys_and_indexes(tmp_path):
    source = write_posts(tmp_path / "posts.jsonl", POSTS)
    run([source], tmp_path / "out.db", workers=1, progress=False)
    db = sqlite3.connect(tmp_path / "out.db")
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"documents", "statements", "claims", "mentions", "stances", "explanations"}
    for table in tables - {"documents"}:
        (fk,) = db.execute(f"PRAGMA foreign_key_list({table})").fetchall()
        assert (fk[2], fk[3], fk[4]) == ("documents", "doc_key", "key")
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"documents_id", "claims_kind", "explanations_cause", "claims_doc_key"} <= indexes
    orphans = db.execute("SELECT COUNT(*) FROM claims WHERE doc_key NOT IN (SELECT key FROM documents)").fetchone()
    assert orphans == (0,)
    assert db.execute("SELECT COUNT(*) FROM claims").fetchone()[0] >= 2


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_same_input_twice_gives_the_same_output_and_resume_adds_nothing(tmp_path, suffix):
    source = write_posts(tmp_path / "posts.jsonl", POSTS)
    first = read_output(run([source], tmp_path / f"a{suffix}", workers=1, progress=False).output)
    second = read_output(run([source], tmp_path / f"a{suffix}", workers=1, progress=False).output)
    assert first == second
    again = run([source], tmp_path / f"a{suffix}", workers=1, resume=True, progress=False)
    assert (again.documents, again.resumed) == (0, len(POSTS))
    assert read_output(tmp_path / f"a{suffix}") == first
    if suffix == ".jsonl":
        assert (tmp_path / "a.jsonl").read_bytes() == b"".join(
            (json.dumps(d, ensure_ascii=False) + "\n").encode() for d in first
        )


def test_resume_appends_only_new_documents(tmp_path):
    source = write_posts(tmp_path / "posts.jsonl", POSTS[:2])
    run([source], tmp_path / "out.jsonl", workers=1, progress=False)
    write_posts(source, POSTS)
    summary = run([source], tmp_path / "out.jsonl", workers=1, resume=True, progress=False)
    assert (summary.documents, summary.resumed) == (3, 2)
    assert [d["id"] for d in read_output(tmp_path / "out.jsonl")] == [f"post-{i}" for i in range(5)]


def test_jsonl_resume_cuts_an_unconfirmed_tail(tmp_path):
    source = write_posts(tmp_path / "posts.jsonl", POSTS)
    clean = read_output(run([source], tmp_path / "clean.jsonl", workers=1, chunk_size=2, progress=False).output)
    out = tmp_path / "out.jsonl"
    run([write_posts(tmp_path / "head.jsonl", POSTS[:2])], out, workers=1, chunk_size=2, progress=False)
    (tmp_path / "head.jsonl").unlink()
    with out.open("ab") as handle:  # a kill in the middle of the next chunk's write
        handle.write(b'{"id": "post-2", "published": "2018-07-12", "statem')
    os.rename(tmp_path / "posts.jsonl", tmp_path / "head.jsonl")
    run([tmp_path / "head.jsonl"], out, workers=1, chunk_size=2, resume=True, progress=False)
    assert read_output(out) == clean


def test_resume_refuses_a_jsonl_output_without_ledger(tmp_path):
    (tmp_path / "out.jsonl").write_text('{"id": "x"}\n')
    source = write_posts(tmp_path / "posts.jsonl", POSTS[:1])
    with pytest.raises(OutputError, match="no ledger"):
        run([source], tmp_path / "out.jsonl", workers=1, resume=True, progress=False)


def test_unknown_output_suffix_is_one_line_error(tmp_path):
    with pytest.raises(OutputError, match=r"unknown output format '\.xlsx'"):
        run([write_posts(tmp_path / "p.jsonl", POSTS[:1])], tmp_path / "out.xlsx", workers=1, progress=False)


KILLED_RUN = """
import sys
from claimkit.batch import run
run([sys.argv[1]], sys.argv[2], workers=1, chunk_size=4, progress=False, sink_options={"docs_per_part": 8})
"""


def _committed(path: Path) -> int:
    """Documents a sink has committed so far (read while the run goes on)."""
    try:
        if path.suffix == ".jsonl":
            ledger = path.with_name(path.name + ".ledger")
            return sum(len(json.loads(l)["keys"]) for l in ledger.read_text().splitlines() if l.endswith("]}"))
        if path.suffix == ".sqlite":
            db = sqlite3.connect(path, timeout=0.1)
            try:
                return db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            finally:
                db.close()
        return 8 * len(list((path / "documents").glob("part-*.parquet")))
    except (OSError, sqlite3.Error, ValueError, json.JSONDecodeError):
        return 0


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_resume_after_sigkill_holds_every_document_exactly_once(tmp_path, suffix):
    texts = [f"Account number {i} says it lost {100 + i} followers after the bot purge." for i in range(40)]
    source = write_posts(tmp_path / "posts.jsonl", texts)
    out = tmp_path / f"out{suffix}"
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    process = subprocess.Popen([sys.executable, "-c", KILLED_RUN, str(source), str(out)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while _committed(out) < 8 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, f"the run ended before it could be killed: {process.stderr.read()[-500:]!r}"
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stderr.close()
    killed = _committed(out)
    assert 8 <= killed < len(texts)
    summary = run([source], out, workers=1, chunk_size=4, resume=True, progress=False, sink_options={"docs_per_part": 8})
    assert summary.resumed >= 8 and summary.resumed + summary.documents == len(texts)
    ids = [d["id"] for d in read_output(out)]
    assert ids == [f"post-{i}" for i in range(len(texts))]
