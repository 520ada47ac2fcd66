"""The pipeline: ingest → attribute → extract claims → causes → stance → align.

`Analyzer` loads the models once (spaCy pipeline, stance backend) and then
analyses any number of documents; each analysis is a pure function of the
document and the configuration, so batch and distributed runs can reuse it
unchanged (one `Analyzer` per worker process).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import islice
from os import PathLike
from typing import Any

from claimkit import align, attribute, causes, claims, roles
from claimkit.config import Config
from claimkit.errors import ConfigError
from claimkit.ingest import make_document
from claimkit.normalize import is_normalized
from claimkit.nlp import load_spacy
from claimkit.platforms import Platforms, load_platforms
from claimkit.stance import StanceBackend, load_backend
from claimkit.taxonomy import Taxonomy, load_taxonomy
from claimkit.types import Analysis, Document

TextOrDocument = str | Document


class Analyzer:
    """Analyses documents with models loaded once.

    Args:
        config: A `Config`; keyword options override its fields
            (`spacy_model`, `stance_backend`, `nli_model`, ...).
        taxonomy: The cause taxonomy: a JSON file path, a dict in the same
            form, a `Taxonomy`, or a registered taxonomy name; it extends
            or replaces the shipped one (default: `config.taxonomy`, env
            `CLAIMKIT_TAXONOMY`).
        platforms: Platform data that extends the shipped one: a JSON file
            path, a dict or a `Platforms` (default: `config.platforms`, env
            `CLAIMKIT_PLATFORMS`).

    Attributes:
        taxonomy: The `Taxonomy` in use, loaded once.
        platforms: The `Platforms` in use, compiled once.

    Example:
        >>> from claimkit import Analyzer
        >>> analyzer = Analyzer(stance_backend="rules")
        >>> result = analyzer.analyze("Twitter said the accounts were bots.", published="2018-02-21")
        >>> [e.cause for e in result.explanations]
        ['bot_spam_purge']
    """

    def __init__(
        self, config: Config | None = None, *, taxonomy: Any = None, platforms: Any = None, **options: Any
    ) -> None:
        if isinstance(taxonomy, str | PathLike):
            options["taxonomy"], taxonomy = str(taxonomy), None
        if isinstance(platforms, str | PathLike):
            options["platforms"], platforms = str(platforms), None
        base = config or Config.from_options(**options)
        self.config = base.with_options(**options) if config and options else base
        self.taxonomy: Taxonomy = load_taxonomy(taxonomy if taxonomy is not None else self.config.taxonomy)
        self.platforms: Platforms = load_platforms(platforms if platforms is not None else self.config.platforms)
        self.nlp = load_spacy(self.config.spacy_model)
        self.cue_matcher = causes.CueMatcher(
            self.taxonomy, self.nlp.vocab, lambda phrase: [t.text for t in self.nlp.make_doc(phrase)]
        )
        self._stance: StanceBackend | None = None

    @property
    def stance(self) -> StanceBackend:
        """The stance backend, loaded on first use."""
        if self._stance is None:
            self._stance = load_backend(self.config, self.nlp, taxonomy=self.taxonomy)
        return self._stance

    def document(
        self,
        text: TextOrDocument,
        published: date | str | None = None,
        doc_id: str | None = None,
        platform: str | None = None,
    ) -> Document:
        """Wrap raw text as a `Document` (a `Document` passes through, `published` overriding).

        A `Document` built by hand rather than by `make_document` is
        normalised here too (`claimkit.normalize`), so its results' offsets
        index into the normalised text that `Analysis.text` holds.
        """
        if isinstance(text, Document):
            if published is None and platform is None and is_normalized(text.text):
                return text
            return make_document(
                text.text,
                text.id,
                published=published or text.published,
                platform=platform or text.platform,
                source=text.source,
                author=text.author,
                location=text.location,
                meta=text.meta,
                warnings=text.warnings,
            )
        return make_document(text, doc_id or "text", published=published, platform=platform)

    def analyze(
        self,
        text: TextOrDocument,
        published: date | str | None = None,
        doc_id: str | None = None,
        platform: str | None = None,
    ) -> Analysis:
        """Analyse one text or `Document`.

        Args:
            text: Article, post or thread text (a ` date YYYY-MM-DD` header is read), or a `Document`.
            published: Publication date; overrides the header.
            doc_id: Id for the result (default "text").
            platform: Platform the text is about, when it does not say.

        Returns:
            An `Analysis` with statements, claims and explanations.
        """
        document = self.document(text, published, doc_id, platform)
        return self._analyze(document, self.nlp(masked_text(document)))

    def pipe(
        self,
        texts: Iterable[TextOrDocument],
        batch_size: int = 16,
        on_error: Callable[[Document, Exception], None] | None = None,
    ) -> Iterator[Analysis]:
        """Analyse many texts or `Document`s lazily, parsing them in batches.

        Args:
            texts: Texts or `Document`s.
            batch_size: Documents parsed together by spaCy.
            on_error: Called with the document and the exception when analysing
                one document fails unexpectedly; that document is skipped and
                the batch goes on. Without it the exception propagates.
                Configuration errors (a missing model or backend) always
                propagate: no document could be analysed.

        Example:
            >>> analyses = list(Analyzer().pipe(["I lost 500 followers today."]))
        """
        iterator = iter(texts)
        while batch := [self.document(t) for t in islice(iterator, batch_size)]:
            parsed = self.nlp.pipe((masked_text(d) for d in batch), batch_size=batch_size)
            for document, doc in zip(batch, parsed, strict=True):
                if on_error is None:
                    yield self._analyze(document, doc)
                    continue
                try:
                    result = self._analyze(document, doc)
                except ConfigError:
                    raise
                except Exception as err:  # noqa: BLE001 - reported through on_error
                    on_error(document, err)
                    continue
                yield result

    def _analyze(self, document: Document, doc) -> Analysis:
        platform = document.platform or self.platforms.detect(doc.text) or self.config.platform
        statements = attribute.attribute(doc, document, platform, self.platforms)
        claim_mentions, ignored = claims.drop_out_of_bounds(
            claims.find_mentions(doc, statements, document, platform, self.platforms), document.text
        )
        statements = roles.mark_affected(statements, claim_mentions)
        found = claims.with_mention_text(
            claims.merge_mentions(claim_mentions, statements, document.published), doc.text
        )
        mentions = causes.detect_causes(doc, statements, self.cue_matcher)
        stances = causes.classify(mentions, statements, doc, self.stance, self.taxonomy)
        explanations = align.align(mentions, stances, statements, platform, self.platforms)
        return Analysis(
            id=document.id,
            published=document.published.isoformat() if document.published else None,
            platform=platform,
            statements=statements,
            claims=found,
            explanations=explanations,
            text=document.text,
            ignored=ignored,
            meta=dict(document.meta),
        )


def masked_text(document: Document) -> str:
    """The text with its ` date` header blanked out, offsets unchanged."""
    return " " * document.body_start + document.text[document.body_start :]


def analyze(text: TextOrDocument, published: date | str | None = None, **config: Any) -> Analysis:
    """Analyse one text with a cached `Analyzer` for the given configuration.

    Args:
        text: Article, post or thread text, or a `Document`.
        published: Publication date (YYYY-MM-DD or `date`), to resolve relative time.
        **config: `Config` options, e.g. `stance_backend="rules"`.

    Example:
        >>> import claimkit
        >>> claimkit.analyze("I just lost 3000 followers in one minute.").claims[0].duration_seconds
        60
    """
    return get_analyzer(**config).analyze(text, published=published)


_ANALYZERS: dict[Config, Analyzer] = {}


def get_analyzer(**config: Any) -> Analyzer:
    """The process-wide `Analyzer` for a configuration (models load once)."""
    key = Config.from_options(**config)
    if key not in _ANALYZERS:
        _ANALYZERS[key] = Analyzer(key)
    return _ANALYZERS[key]
