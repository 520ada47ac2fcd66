"""Which library multiplies the parser's matrices.

spaCy's CPU models run their matrix products through thinc's `NumpyOps`,
which by default calls `blis`. claimkit can give the loaded pipeline's model
nodes a `NumpyOps(use_blis=False)` instead, so the products go to numpy's
BLAS (OpenBLAS in numpy's wheels): the same model, the same weights, the
same arithmetic up to the order of float additions. `tests/test_matmul.py`
checks that every tag, head, dependency and entity is the one blis gives, on
the team corpora. How much faster it is depends on the CPU: measure it with
`python eval/bench_batch.py` (its `bare nlp.pipe, numpy matmul` row).

numpy's BLAS is held to one thread (`threadpoolctl`): the parser's matrices
are small, so a second thread only takes the core a second `claimkit batch`
worker would use. This limit is process-wide; it leaves torch's own threads
alone. `blis` (env `CLAIMKIT_MATMUL=blis`) keeps spaCy's default and touches
no thread setting.

Example:
    >>> MATMUL_BACKENDS
    ('numpy', 'blis')
"""

from __future__ import annotations

MATMUL_BACKENDS = ("numpy", "blis")
DEFAULT_MATMUL = "numpy"


def use_numpy_matmul(nlp) -> int:
    """Give every CPU model node of `nlp` numpy's BLAS for its products; the nodes changed.

    Nodes on another device (a GPU's `CupyOps`) or already off blis are left
    as they are.
    """
    from thinc.api import NumpyOps

    ops = None
    changed = 0
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps and getattr(node.ops, "use_blis", False):
                ops = ops or NumpyOps(use_blis=False)
                node.ops = ops
                changed += 1
    if changed:
        one_blas_thread()
    return changed


def one_blas_thread() -> None:
    """Hold numpy's BLAS to one thread (no-op without `threadpoolctl`)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a dependency; absent only in a hand-made install
        return
    threadpool_limits(limits=1, user_api="blas")
