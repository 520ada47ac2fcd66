"""`claimkit batch`: large inputs on every core or a Ray cluster, filtered, resumable.

Modules, in the order a document goes through them:

| module | what it does |
| --- | --- |
| `sources` | JSONL (also `.gz`, `.zst`), text folders and globs, Parquet, Hugging Face datasets → `Document`s |
| `filter` | the relevance pre-filter: which documents can hold a claim or a cause |
| `engines` | `local`: one `Analyzer` per process, chunks in input order |
| `ray_engine` | `ray`: one Ray Data dataset, read tasks → `RayAnalyzer` actors → the driver |
| `records` | a document's record and its flat tables |
| `sinks` | JSONL, Parquet, SQLite outputs, atomic per chunk, resumable |
| `run` | `run(inputs, output, ...)`, the API the CLI wraps |

Example:
    >>> from claimkit.batch import run
    >>> summary = run(["posts.jsonl.gz"], "posts.sqlite", workers=2, resume=True)   # doctest: +SKIP
    >>> summary.documents, summary.relevant, summary.claims                        # doctest: +SKIP
"""

from claimkit.batch.run import BatchSummary, default_workers, run
from claimkit.batch.sinks import SINKS, open_sink, read_output, register_sink
from claimkit.batch.sources import Columns, HFSource, read_sources

__all__ = [
    "SINKS",
    "BatchSummary",
    "Columns",
    "HFSource",
    "default_workers",
    "open_sink",
    "read_output",
    "read_sources",
    "register_sink",
    "run",
]
