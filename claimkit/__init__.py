"""claimkit: make sense of follower-drop stories.

Reads articles and posts, extracts every quantitative follower claim, who made
it, which explanations (bot purge, locked accounts, political bias, glitch...)
each statement raises and its stance toward each, and lines the explanations
up against what the platform officially said.

Example:
    >>> import claimkit
    >>> result = claimkit.analyze(open("article.txt").read())   # doctest: +SKIP
    >>> for claim in result.claims:                             # doctest: +SKIP
    ...     print(claim.subject, claim.amount, claim.source_role)
"""

from claimkit.config import Config
from claimkit.errors import ClaimkitError, InputError
from claimkit.ingest import make_document, read_inputs
from claimkit.pipeline import Analyzer, analyze
from claimkit.types import (
    Analysis,
    CauseMention,
    Claim,
    Document,
    Explanation,
    Span,
    StanceRecord,
    Statement,
)



def to_frames(results):  # noqa: ANN001, ANN201 - see claimkit.render.csv.to_frames
    """The claims, stances, statements and explanations tables as pandas DataFrames.

    Example:
        >>> frames = claimkit.to_frames(claimkit.Analyzer().pipe(["I lost 500 followers."]))  # doctest: +SKIP
        >>> frames["claims"][["subject", "amount", "sentence"]]                               # doctest: +SKIP
    """
    from claimkit.render.csv import to_frames as frames

    return frames(results)


try:
    from importlib.metadata import PackageNotFoundError, version

    __version__ = version("claimkit")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Analyzer",
    "CauseMention",
    "Claim",
    "ClaimkitError",
    "InputError",
    "Config",
    "Document",
    "Explanation",
    "Span",
    "StanceRecord",
    "Statement",
    "__version__",
    "analyze",
    "make_document",
    "read_inputs",
    "to_frames",
]
