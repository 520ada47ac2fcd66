"""The options the `claimkit` commands share (typer declarations, one place).

Every model, data file and registry choice is an option here; the commands
in `claimkit.cli` take them as keyword arguments.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

InputsArg = Annotated[
    list[str],
    typer.Argument(
        help="Text or JSONL files, globs (quoted, e.g. 'news/*.txt'), or - for standard input.",
        show_default=False,
        metavar="FILE",
    ),
]
PublishedOpt = Annotated[
    Optional[str],
    typer.Option("--published", help="Publication date YYYY-MM-DD (overrides headers and JSONL fields)."),
]
PlatformOpt = Annotated[
    Optional[str], typer.Option("--platform", help="Platform to assume when a document does not name one.")
]
SpacyOpt = Annotated[
    Optional[str],
    typer.Option("--spacy-model", help="spaCy pipeline (env CLAIMKIT_SPACY_MODEL).", show_default=False),
]
BackendOpt = Annotated[
    Optional[str],
    typer.Option(
        "--stance-backend", "-b", show_default=False, metavar="NAME",
        help="Stance backend: rules, learned, nli, or one a plugin or --code registers (env CLAIMKIT_STANCE_BACKEND).",
    ),
]
FormatOpt = Annotated[
    str,
    typer.Option(
        "--format", "-f", metavar="NAME",
        help="Output format: table, json, jsonl, markdown, csv, or one a plugin or --code registers.",
    ),
]
CodeOpt = Annotated[
    Optional[list[Path]],
    typer.Option(
        "--code", metavar="FILE", show_default=False,
        help="Python file to import first, e.g. one that registers a stance backend or output format (repeatable).",
    ),
]
TaxonomyOpt = Annotated[
    Optional[str],
    typer.Option(
        "--taxonomy", metavar="FILE", show_default=False,
        help="Cause taxonomy JSON that extends or replaces the shipped one (env CLAIMKIT_TAXONOMY).",
    ),
]
PlatformsOpt = Annotated[
    Optional[str],
    typer.Option(
        "--platforms", metavar="FILE", show_default=False,
        help="Platforms JSON that extends the shipped platform data (env CLAIMKIT_PLATFORMS).",
    ),
]
NliOpt = Annotated[
    Optional[str], typer.Option("--nli-model", help="NLI model id or path for the nli backend (env CLAIMKIT_NLI_MODEL).")
]
EncoderOpt = Annotated[
    Optional[str],
    typer.Option("--encoder-model", help="Encoder id or path for the learned backend (env CLAIMKIT_ENCODER_MODEL)."),
]
StanceHeadOpt = Annotated[
    Optional[str],
    typer.Option("--stance-head", help="Classifier head for the learned backend (env CLAIMKIT_STANCE_HEAD).",
                 show_default=False),
]
MaxCharsOpt = Annotated[
    Optional[int], typer.Option("--max-chars", help="Longest document accepted, in characters.", min=1)
]
OutputOpt = Annotated[
    Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of standard output (- for stdout).")
]


class TableName(str, Enum):
    """Tables of `claimkit extract --format csv`."""
    claims = "claims"
    stances = "stances"
    statements = "statements"
    explanations = "explanations"


AuthorOpt = Annotated[
    Optional[str],
    typer.Option("--author", help="Author of the text read from standard input (its unattributed voice)."),
]
SourceOpt = Annotated[
    Optional[str], typer.Option("--source", help="Source (outlet) of the text read from standard input.")
]
