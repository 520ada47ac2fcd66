"""Show one gold document beside what the pipeline makes of it (a tuning aid).

    python eval/inspect_doc.py corpora/dev.jsonl DOC_ID [--backend rules] [--no-text]

Prints the statements (speaker, role, cue, text), then gold and predicted
claims and stance tuples side by side. Only for the dev split: the test
split is never used to tune rules.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimkit import Analyzer  # noqa: E402
from claimkit.ingest import make_document  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("ids", nargs="*", help="document ids (default: all)")
    parser.add_argument("--backend", default="rules")
    parser.add_argument("--no-text", action="store_true")
    args = parser.parse_args()
    docs = [json.loads(line) for line in Path(args.corpus).read_text(encoding="utf-8").splitlines() if line.strip()]
    analyzer = Analyzer(stance_backend=args.backend)
    for gold in docs:
        if args.ids and gold["id"] not in args.ids:
            continue
        doc = make_document(gold["text"], gold["id"], published=gold.get("published"),
                            platform=gold.get("platform"), author=gold.get("author"))
        result = analyzer.analyze(doc)
        print("=" * 100)
        print(gold["id"], gold.get("shape"), gold.get("platform"), gold.get("published"))
        if not args.no_text:
            print(gold["text"])
            print("-" * 100)
        for i, s in enumerate(result.statements):
            text = " ".join(s.text.split())
            print(f"  S{i:<2} {s.speaker[:26]:26} {s.role:11} {s.cue:7} {'anon ' if s.anonymous else ''}| {text[:150]}")
        print("  CLAIMS gold:")
        for c in gold["claims"]:
            print(f"    {c['kind']:16} {c['subject'][:24]:24} {c['amount']!s:>12} {'/'.join(c['qualifier']):12} {c['duration_seconds']!s:>9} {c['source_role']}")
        print("  CLAIMS predicted:")
        for c in result.claims:
            print(f"    {c.kind:16} {c.subject[:24]:24} {c.amount!s:>12} {c.qualifier:12} {c.duration_seconds!s:>9} {c.source_role:11} | {' / '.join(m.text for m in c.mentions)[:80]}")
        print("  STANCES gold:")
        for s in gold["stances"]:
            print(f"    {s['speaker'][:26]:26} {s['role']:11} {s['cause']:18} {s['stance']}")
        print("  STANCES predicted:")
        for e in result.explanations:
            for s in e.stances:
                print(f"    {s.speaker[:26]:26} {s.role:11} {e.cause:18} {s.stance:8} {s.confidence:.2f} | {s.evidence.text[:60]!r}")
        print(f"  OFFICIAL gold {gold.get('official')}  predicted { {e.cause: e.official_position for e in result.explanations} }")


if __name__ == "__main__":
    main()
