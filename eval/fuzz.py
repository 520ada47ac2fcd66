"""Fuzz the pipeline: N generated inputs through the API and the CLI, with a report.

    python eval/fuzz.py -n 10000 --seed 0 --out eval/fuzz-report

Inputs come from `claimkit.testing.fuzzgen` (seeded: the same seed gives the
same inputs), mutating the texts of corpora/dev.jsonl. Every input is
analysed by one shared `Analyzer` (API) and checked against
`claimkit.testing.invariants`; then all inputs are written to one JSONL file
and run through `claimkit extract --format jsonl` (CLI), which must print
one result per input and no skipped line. The report (JSON + Markdown)
gives the inputs tried, exceptions by type and place, invariant violations,
CLI problems and the slowest inputs.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimkit import Analyzer  # noqa: E402
from claimkit.testing.fuzzgen import generate, load_seeds  # noqa: E402
from claimkit.testing.invariants import violations  # noqa: E402

PUBLISHED = "2021-06-15"


def run_api(inputs, analyzer) -> dict:
    exceptions: collections.Counter = collections.Counter()
    examples: dict[str, str] = {}
    broken: collections.Counter = collections.Counter()
    timings = []
    for index, item in enumerate(inputs):
        started = time.perf_counter()
        try:
            analysis = analyzer.analyze(item.text, published=PUBLISHED, doc_id=f"fuzz-{index}")
            for message in violations(analysis):
                key = f"{item.kind}: {message.split(' [')[0].split(' at ')[0]}"
                broken[key] += 1
                examples.setdefault(key, item.text[:300])
        except Exception as err:  # noqa: BLE001 - counted by type and place
            frame = traceback.extract_tb(err.__traceback__)[-1]
            key = f"{type(err).__name__} at {Path(frame.filename).name}:{frame.lineno} ({frame.name})"
            exceptions[key] += 1
            examples.setdefault(key, item.text[:300])
        timings.append((time.perf_counter() - started, index, item.kind, len(item.text)))
    slowest = sorted(timings, reverse=True)[:10]
    return {
        "exceptions": dict(exceptions),
        "violations": dict(broken),
        "examples": examples,
        "seconds": round(sum(t for t, *_ in timings), 2),
        "slowest": [{"seconds": round(t, 3), "input": i, "kind": k, "chars": n} for t, i, k, n in slowest],
    }


ERROR_LINE_RE = re.compile(r"^claimkit: (?:skipped: |error: )?\[E[19]\d\d\] .*?fuzz\.jsonl:(\d+): ")


def run_cli(inputs) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for index, item in enumerate(inputs):
                record = {"id": f"fuzz-{index}", "text": item.text, "published": PUBLISHED}
                handle.write(json.dumps(record, ensure_ascii=True) + "\n")  # surrogates as \\u escapes
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", "from claimkit.cli import main; main()", "extract", "--format", "jsonl",
             "--stance-backend", "rules", str(path)],
            capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        seconds = time.perf_counter() - started
    # JSONL is split on "\n" only: a JSON string may hold U+2028 or U+0085, which `splitlines` breaks on.
    lines = [line for line in done.stdout.split("\n") if line.strip()]
    ids = []
    bad_json = 0
    for line in lines:
        try:
            ids.append(json.loads(line)["id"])
        except (json.JSONDecodeError, KeyError, TypeError):
            bad_json += 1
    stderr = [line for line in done.stderr.split("\n") if line.strip()]
    expected = {f"fuzz-{i}" for i in range(len(inputs))}
    # an input not in the output must be reported on stderr by its line (an E1xx/E9xx error, not a warning)
    reported = {f"fuzz-{int(m.group(1)) - 1}" for m in (ERROR_LINE_RE.search(line) for line in stderr) if m}
    missing = expected - set(ids)
    return {
        "exit_code": done.returncode,
        "results": len(lines),
        "missing": len(missing),
        "missing_reported": len(missing & reported),
        "missing_unreported": len(missing - reported),
        "stderr_errors": [line for line in stderr if ERROR_LINE_RE.search(line)][:20],
        "duplicated": len(ids) - len(set(ids)),
        "bad_json_lines": bad_json,
        "stderr_lines": stderr[:20],
        "seconds": round(seconds, 2),
    }


def markdown(report: dict) -> str:
    api, cli = report["api"], report["cli"]
    out = [
        "# Fuzz report", "",
        f"`python eval/fuzz.py -n {report['n']} --seed {report['seed']} --max-long {report['max_long']}` — inputs by kind: "
        + ", ".join(f"{k} {v}" for k, v in sorted(report["kinds"].items())), "",
        "| | count |", "| --- | --- |",
        f"| inputs tried | {report['n']} |",
        f"| API exceptions | {sum(api['exceptions'].values())} |",
        f"| API invariant violations | {sum(api['violations'].values())} |",
        f"| CLI exit code | {cli.get('exit_code', 'not run')} |",
        f"| CLI results / duplicated / bad JSON lines | {cli.get('results', '-')} / {cli.get('duplicated', '-')} / "
        f"{cli.get('bad_json_lines', '-')} |",
        f"| CLI inputs not in the output: reported by line / unreported | {cli.get('missing_reported', '-')} / "
        f"{cli.get('missing_unreported', '-')} |",
        f"| API seconds (analysis only) | {api['seconds']} |", "",
    ]
    for title, table in (("Exceptions by type and place", api["exceptions"]), ("Invariant violations", api["violations"])):
        out += [f"## {title}", ""]
        out += [f"- {count} × {key}" for key, count in sorted(table.items(), key=lambda kv: -kv[1])] or ["none"]
        out.append("")
    out += ["## Slowest inputs", "", "| seconds | input | kind | chars |", "| --- | --- | --- | --- |"]
    out += [f"| {s['seconds']} | {s['input']} | {s['kind']} | {s['chars']:,} |" for s in api["slowest"]]
    if cli.get("stderr_errors"):
        out += ["", "## CLI errors (first lines)", ""] + [f"    {line}" for line in cli["stderr_errors"]]
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="inputs to generate")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default=str(ROOT / "eval" / "fuzz-report"), help="report path without suffix")
    parser.add_argument("--no-cli", action="store_true", help="only the API run")
    parser.add_argument("--max-long", type=int, default=148_000, help="longest long-token input, in characters")
    args = parser.parse_args()
    inputs = list(generate(args.n, seed=args.seed, seeds=load_seeds(ROOT / "corpora" / "dev.jsonl"),
                           max_long=args.max_long))
    report = {"n": args.n, "seed": args.seed, "max_long": args.max_long, "kinds": dict(collections.Counter(i.kind for i in inputs))}
    report["api"] = run_api(inputs, Analyzer(stance_backend="rules"))
    report["cli"] = {} if args.no_cli else run_cli(inputs)
    Path(args.out).with_suffix(".json").write_text(json.dumps(report, indent=2, ensure_ascii=True) + "\n")
    Path(args.out).with_suffix(".md").write_text(markdown(report), encoding="utf-8")
    cli = report["cli"]
    failures = sum(report["api"]["exceptions"].values()) + sum(report["api"]["violations"].values())
    failures += sum(cli.get(k, 0) for k in ("missing_unreported", "duplicated", "bad_json_lines"))
    print(f"{args.n} inputs: {sum(report['api']['exceptions'].values())} exceptions, "
          f"{sum(report['api']['violations'].values())} violations; CLI: exit {cli.get('exit_code', '-')}, "
          f"{cli.get('results', '-')} results, {cli.get('missing_reported', '-')} reported by line, "
          f"{cli.get('missing_unreported', '-')} unaccounted, {cli.get('bad_json_lines', '-')} bad JSON lines")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
