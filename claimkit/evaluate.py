"""`claimkit eval`: run the pipeline on gold corpora and score it (stub, being built)."""

from __future__ import annotations


def run_cli(corpus, config, as_json=False, show_errors=False, report=None) -> int:
    raise NotImplementedError("claimkit eval is not built yet")
