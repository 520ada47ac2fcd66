"""Speed of the pipeline, as ratios against spaCy's parse alone, measured in one run.

    python eval/bench_speed.py [--corpus corpora/dev.jsonl] [--repeat 3] [--backend rules --backend learned]

The baseline is the spaCy pipeline parsing the same documents (no claimkit
stage); each configuration is the full `Analyzer.pipe` on them. Reported:
documents per second and the ratio of each configuration's time to the
baseline's (best of `--repeat` runs each, models loaded beforehand).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claimkit import Analyzer  # noqa: E402
from claimkit.ingest import make_document  # noqa: E402
from claimkit.pipeline import masked_text  # noqa: E402


def best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(REPO / "corpora" / "dev.jsonl"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--backend", action="append", help="stance backends (default: rules, learned)")
    args = parser.parse_args()
    records = [json.loads(line) for line in Path(args.corpus).read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [make_document(r["text"], r["id"], published=r.get("published"), platform=r.get("platform")) for r in records]
    backends = args.backend or ["rules", "learned"]
    analyzers = {}
    for name in backends:
        analyzer = Analyzer(stance_backend=name)
        analyzer.stance  # load now
        list(analyzer.pipe(docs[:2]))  # warm up
        analyzers[name] = analyzer
    nlp = next(iter(analyzers.values())).nlp
    baseline = best_of(args.repeat, lambda: list(nlp.pipe(masked_text(d) for d in docs)))
    rows = [("spaCy parse only (baseline)", baseline)]
    for name, analyzer in analyzers.items():
        rows.append((f"claimkit pipeline, {name} backend", best_of(args.repeat, lambda a=analyzer: list(a.pipe(docs)))))
    chars = sum(len(d.text) for d in docs)
    print(f"{len(docs)} documents, {chars:,} characters, best of {args.repeat} runs")
    print(f"{'configuration':<40} {'seconds':>8} {'docs/s':>8} {'x baseline':>11}")
    for label, seconds in rows:
        print(f"{label:<40} {seconds:>8.2f} {len(docs) / seconds:>8.1f} {seconds / baseline:>11.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
