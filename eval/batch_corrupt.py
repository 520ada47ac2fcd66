"""A large `claimkit batch` run over JSONL with corrupt lines of every kind (issue 11).

Builds the benchmark's mixed post stream (`eval/bench_batch.py`: one post in
ten from the team corpora, the rest RumourEval tweets; fixed seed), puts a
bad line after about every hundredth good one, cycling through the kinds
below, runs `claimkit.batch.run` on it, then checks the bookkeeping:

- every good line is in the output exactly once (by id);
- every bad line is reported once, with its file and line number and the
  error code its kind should get;
- a line whose id was already used is reported (E110) and kept apart under
  `id#2`, so it is in the output too.

Usage:
    python eval/batch_corrupt.py                       # 100,000 good lines, 1 % bad
    python eval/batch_corrupt.py --size 5000 --workers 1 --json out.json
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from bench_batch import build_stream  # noqa: E402

from claimkit.batch import read_output, run  # noqa: E402

SEED = 11
#: kind -> (bytes of the bad line, given the id it may reuse; the code it must be reported with)
BAD_KINDS = {
    "malformed_json": (lambda used: b'{"id": "x", "text": "unterminated', "E107"),
    "not_an_object": (lambda used: b'["an", "array"]', "E107"),
    "missing_text": (lambda used: b'{"id": "no-text"}', "E107"),
    "text_not_a_string": (lambda used: b'{"id": "num", "text": 42}', "E107"),
    "nul_bytes": (lambda used: b'{"id": "nul", "text": "a\x00b"}', "E103"),
    "bad_utf8": (lambda used: b'{"id": "latin", "text": "caf\xe9 lost 5 followers"}', "E104"),
    "empty_text": (lambda used: b'{"id": "blank", "text": "   "}', "E105"),
    "duplicate_id": (lambda used: json.dumps({"id": used, "text": "Jo Reed lost 5 followers."}).encode(), "E111"),
}
DUPLICATE_RE = re.compile(r"#\d+$")
LOCATION_RE = re.compile(r"^\[(E\d{3})\] (.+):(\d+): ")


def corrupt(clean: Path, dirty: Path, every: int, rng: random.Random) -> tuple[list[str], dict[int, str]]:
    """Write `dirty`: `clean`'s lines with a bad line after about every `every`-th; (good ids, bad line -> kind)."""
    kinds = list(BAD_KINDS)
    good_ids: list[str] = []
    bad: dict[int, str] = {}
    number = 0
    with clean.open("rb") as lines, dirty.open("wb") as out:
        for raw in lines:
            number += 1
            out.write(raw)
            good_ids.append(json.loads(raw)["id"])
            if rng.random() < 1 / every:
                kind = kinds[len(bad) % len(kinds)]
                number += 1
                out.write(BAD_KINDS[kind][0](rng.choice(good_ids)) + b"\n")
                bad[number] = kind
    return good_ids, bad


def check(good_ids: list[str], bad: dict[int, str], source: Path, output: Path, errors: list[str]) -> dict:
    """The bookkeeping: what is missing, doubled, unreported or misreported."""
    ids = [d["id"] for d in read_output(output)]
    good = set(good_ids)
    counts: dict[str, int] = {}
    for doc_id in ids:
        counts[doc_id] = counts.get(doc_id, 0) + 1
    reported: dict[int, str] = {}
    unparsed = []
    for line in errors:
        match = LOCATION_RE.match(line)
        if match is None or match.group(2) != str(source):
            unparsed.append(line)
            continue
        reported[int(match.group(3))] = match.group(1)
    duplicates = [n for n, kind in bad.items() if kind == "duplicate_id"]
    return {
        "good_lines": len(good_ids),
        "bad_lines": len(bad),
        "bad_by_kind": {k: sum(1 for v in bad.values() if v == k) for k in BAD_KINDS},
        "output_documents": len(ids),
        "good_missing": sum(1 for i in good_ids if counts.get(i, 0) == 0),
        "good_doubled": sum(1 for i in good_ids if counts.get(i, 0) > 1),
        "bad_unreported": sum(1 for n in bad if n not in reported),
        "bad_wrong_code": sum(1 for n, kind in bad.items() if n in reported and reported[n] != BAD_KINDS[kind][1]),
        "reported_not_bad": sum(1 for n in reported if n not in bad),
        "duplicates_kept_apart": sum(1 for i in ids if i not in good and DUPLICATE_RE.search(i)),
        "duplicate_lines": len(duplicates),
        "unparsed_error_lines": len(unparsed),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="good lines")
    parser.add_argument("--every", type=int, default=100, help="about one bad line per this many good ones")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--json", type=Path, default=None, help="also write the result as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        clean, dirty, output = Path(tmp) / "clean.jsonl", Path(tmp) / "posts.jsonl", Path(tmp) / "out.jsonl"
        build_stream(args.size, clean)
        good_ids, bad = corrupt(clean, dirty, args.every, random.Random(SEED))
        errors: list[str] = []
        started = time.perf_counter()
        summary = run([dirty], output, workers=args.workers, progress=False, max_error_rate=max(0.05, 3 / args.every),
                      on_error=errors.append)
        seconds = time.perf_counter() - started
        result = check(good_ids, bad, dirty, output, errors)
    result.update(summary={k: v for k, v in summary.to_dict().items() if k != "error_lines"}, seconds=round(seconds, 1))
    ok = not any(result[k] for k in ("good_missing", "good_doubled", "bad_unreported", "bad_wrong_code",
                                      "reported_not_bad", "unparsed_error_lines"))
    ok = ok and result["duplicates_kept_apart"] == result["duplicate_lines"]
    result["ok"] = ok
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
