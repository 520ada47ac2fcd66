"""`claimkit.batch.run` and the `claimkit batch` command: counts, summaries, bad input, workers."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from claimkit.batch import read_output, run
from claimkit.cli import app
from claimkit.errors import BatchError

GOOD = {"id": "p", "text": "Katy Perry lost 3 million followers after Twitter removed locked accounts, the company said."}
PLAIN = {"id": "q", "text": "Lovely weather in Leeds today."}


def write_lines(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def corpus(path, good: int, bad: int, every: int):
    """`good` documents (every other one relevant) with a bad line after every `every` good ones."""
    lines, written_bad = [], 0
    for i in range(good):
        base = GOOD if i % 2 == 0 else PLAIN
        lines.append(json.dumps({**base, "id": f"d{i}"}))
        if written_bad < bad and (i + 1) % every == 0:
            lines.append("{broken")
            written_bad += 1
    return write_lines(path, lines)


def test_summary_counts_and_json_file(tmp_path):
    source = corpus(tmp_path / "in.jsonl", good=6, bad=1, every=3)
    summary = run([source], tmp_path / "out.jsonl", workers=1, progress=False, max_error_rate=0.5,
                  summary_path=tmp_path / "summary.json", on_error=lambda line: None)
    assert (summary.documents, summary.relevant, summary.errors) == (6, 3, 1)
    assert summary.claims == 3
    saved = json.loads((tmp_path / "summary.json").read_text())
    assert {k: saved[k] for k in ("documents", "relevant", "claims", "errors", "resumed")} == {
        "documents": 6, "relevant": 3, "claims": 3, "errors": 1, "resumed": 0,
    }
    assert saved["seconds"] > 0 and saved["engine"] == "local"
    line = summary.one_line()
    assert "6 documents" in line and "3 relevant" in line and "3 claims" in line and "1 errors" in line


def test_bad_lines_are_reported_with_file_and_line(tmp_path):
    source = corpus(tmp_path / "in.jsonl", good=4, bad=2, every=2)
    seen = []
    summary = run([source], tmp_path / "out.jsonl", workers=1, progress=False, max_error_rate=1.0, on_error=seen.append)
    assert summary.errors == 2
    assert seen == [
        f"[E107] {source}:3: malformed JSON (Expecting property name enclosed in double quotes at column 2); "
        "expected one JSON object per line",
        f"[E107] {source}:6: malformed JSON (Expecting property name enclosed in double quotes at column 2); "
        "expected one JSON object per line",
    ]


def test_max_error_rate_stops_a_garbage_run_after_min_lines(tmp_path):
    source = corpus(tmp_path / "in.jsonl", good=40, bad=20, every=2)
    with pytest.raises(BatchError, match=r"stopped: 10 of the first 30 input lines are bad \(33.3%"):
        run([source], tmp_path / "out.jsonl", workers=1, progress=False, min_lines=30,
            summary_path=tmp_path / "s.json", on_error=lambda line: None)
    assert json.loads((tmp_path / "s.json").read_text())["stopped"].startswith("[E400]")
    # Under the minimum number of lines, or within the rate, the run goes on.
    ok = run([source], tmp_path / "out2.jsonl", workers=1, progress=False, max_error_rate=0.4, min_lines=30,
             on_error=lambda line: None)
    assert (ok.documents, ok.errors) == (40, 20)


def test_two_workers_give_the_local_output(tmp_path, monkeypatch):
    source = corpus(tmp_path / "in.jsonl", good=10, bad=0, every=100)
    one = run([source], tmp_path / "one.jsonl", workers=1, chunk_size=2, progress=False)
    two = run([source], tmp_path / "two.jsonl", workers=2, chunk_size=2, progress=False)
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    assert (one.documents, one.relevant, one.claims) == (two.documents, two.relevant, two.claims)
    # A chunk sent to the workers in parts (3 + 3 + 3 + 1 documents) is written whole, in order.
    from claimkit.batch import engines

    monkeypatch.setattr(engines, "DEFAULT_PART_SIZE", 3)
    run([source], tmp_path / "parts.jsonl", workers=2, chunk_size=10, progress=False)
    assert (tmp_path / "parts.jsonl").read_bytes() == (tmp_path / "one.jsonl").read_bytes()


def _freeze_counts_while_writing(tmp_path, monkeypatch):
    """Run one worker in-process; the frozen-object count each chunk was written with, and after."""
    import gc

    from claimkit.batch import sinks

    seen = []
    real = sinks.JsonlSink.write

    def write(self, records):
        seen.append(gc.get_freeze_count())
        real(self, records)

    monkeypatch.setattr(sinks.JsonlSink, "write", write)
    source = corpus(tmp_path / "in.jsonl", good=4, bad=0, every=100)
    run([source], tmp_path / "out.jsonl", workers=1, chunk_size=2, progress=False)
    return seen, gc.get_freeze_count()


def test_one_worker_freezes_the_loaded_heap_for_the_run_and_unfreezes_after(tmp_path, monkeypatch):
    import gc

    assert gc.get_freeze_count() == 0
    seen, after = _freeze_counts_while_writing(tmp_path, monkeypatch)
    assert len(seen) == 2 and all(count > 0 for count in seen)
    assert after == 0


def test_a_heap_the_caller_froze_stays_frozen(tmp_path, monkeypatch):
    import gc

    unfrozen = []
    real_unfreeze = gc.unfreeze
    gc.freeze()
    try:
        monkeypatch.setattr(gc, "unfreeze", lambda: unfrozen.append(True))
        seen, after = _freeze_counts_while_writing(tmp_path, monkeypatch)
        assert seen and after > 0 and unfrozen == []
    finally:
        real_unfreeze()


def test_no_filter_output_is_extract_jsonl(tmp_path):
    source = corpus(tmp_path / "in.jsonl", good=4, bad=0, every=100)
    runner = CliRunner()
    batch = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "b.jsonl"), "-w", "1", "--no-filter"])
    assert batch.exit_code == 0, batch.output
    extract = runner.invoke(app, ["extract", str(source), "-f", "jsonl", "-o", str(tmp_path / "e.jsonl")])
    assert extract.exit_code == 0
    assert (tmp_path / "b.jsonl").read_bytes() == (tmp_path / "e.jsonl").read_bytes()
    filtered = [d for d in read_output(_batch(runner, source, tmp_path / "f.jsonl")) if d.get("relevant") is False]
    assert [d["id"] for d in filtered] == ["d1", "d3"]
    assert all(not (d["statements"] or d["claims"] or d["explanations"]) for d in filtered)


def _batch(runner, source, out):
    result = runner.invoke(app, ["batch", str(source), "-o", str(out), "-w", "1"])
    assert result.exit_code == 0, result.output
    return out


def test_cli_summary_line_errors_and_exit_codes(tmp_path):
    runner = CliRunner()
    source = corpus(tmp_path / "in.jsonl", good=4, bad=1, every=2)
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "o.sqlite"), "-w", "1",
                                 "--max-error-rate", "0.5", "--summary", str(tmp_path / "s.json")])
    assert result.exit_code == 1
    assert f"claimkit: skipped: [E107] {source}:3: malformed JSON" in result.output
    assert "claimkit batch: 4 documents, 2 relevant, 2 claims, 1 errors" in result.output
    assert json.loads((tmp_path / "s.json").read_text())["documents"] == 4
    garbage = write_lines(tmp_path / "junk.jsonl", ["{x"] * 150)
    stopped = runner.invoke(app, ["batch", str(garbage), "-o", str(tmp_path / "j.jsonl"), "-w", "1"])
    assert stopped.exit_code == 1
    assert "claimkit: error: [E400]" in stopped.output and "--max-error-rate" in stopped.output
    usage = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "o.xlsx")])
    assert usage.exit_code == 2 and "[E110]" in usage.output
    nothing = runner.invoke(app, ["batch", "-o", str(tmp_path / "o.jsonl")])
    assert nothing.exit_code == 2


def test_a_document_past_the_deadline_is_skipped_with_e901_and_retried_on_resume(tmp_path):
    source = corpus(tmp_path / "in.jsonl", good=4, bad=0, every=99)
    out, seen = tmp_path / "out.jsonl", []
    summary = run([source], out, workers=1, progress=False, max_error_rate=1.0, deadline=1e-9, on_error=seen.append)
    # the two relevant documents run past the limit; the two others never reach the pipeline
    assert (summary.documents, summary.relevant, summary.errors) == (2, 0, 2)
    assert all(line.startswith("[E901] ") and "deadline" in line for line in seen), seen
    assert {r["id"] for r in read_output(out)} == {"d1", "d3"}
    again = run([source], out, workers=1, progress=False, resume=True, on_error=seen.append)
    assert (again.resumed, again.documents, again.errors) == (2, 2, 0)
    assert sorted(r["id"] for r in read_output(out)) == ["d0", "d1", "d2", "d3"]


def test_cli_deadline_option(tmp_path):
    source = corpus(tmp_path / "in.jsonl", good=2, bad=0, every=99)
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.jsonl"), "-w", "1",
                                      "--no-progress", "--deadline", "0.000000001", "--max-error-rate", "1"])
    assert result.exit_code == 1 and "[E901]" in result.stderr
    ok = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "ok.jsonl"), "-w", "1",
                                  "--no-progress", "--deadline", "0"])
    assert ok.exit_code == 0, ok.stderr
