"""A claimkit plugin for the test suite: one stance backend, one output format."""

from __future__ import annotations

from claimkit.stance import StancePrediction


class QueryEverything:
    """Calls every stance a query, with confidence 0.42."""

    name = "fake-plugin"

    def predict(self, items):
        return [StancePrediction("query", 0.42) for _ in items]


def build_backend(config, nlp):
    """Entry point `claimkit_stance_backends: fake-plugin` (a factory without the taxonomy keyword)."""
    return QueryEverything()


def render(analyses, **options):
    """Entry point `claimkit_renderers: plugin-format`: one tab-separated line per document."""
    return "".join(
        f"{a.id}\t{len(a.claims)}\t{','.join(e.cause for e in a.explanations) or '-'}\n" for a in analyses
    )
