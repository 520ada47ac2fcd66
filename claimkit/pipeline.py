"""The pipeline: ingest → attribute → extract claims → causes → stance → align.

`Analyzer` loads the models once (spaCy pipeline, stance backend) and then
analyses any number of documents; each analysis is a pure function of the
document and the configuration, so batch and distributed runs can reuse it
unchanged (one `Analyzer` per worker process).

An `Analyzer` may be shared between threads: analyses of one loaded spaCy
pipeline are serialised by a lock (`_lock_for`), so results are the same as
in one thread. A per-document time limit (`deadline=`, see
`claimkit.limits`) turns a document that would take too long into a
`DeadlineError` (E901), which `pipe` reports through `on_error`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import islice
from typing import Any

from claimkit import align, attribute, causes, claims, limits, roles
from claimkit.config import Config
from claimkit.errors import ConfigError
from claimkit.ingest import make_document
from claimkit.lexicon.platforms import detect_platform
from claimkit.limits import Deadline
from claimkit.normalize import is_normalized
from claimkit.nlp import load_spacy
from claimkit.stance import StanceBackend, load_backend
from claimkit.types import Analysis, Document

TextOrDocument = str | Document


class Analyzer:
    """Analyses documents with models loaded once.

    Args:
        config: A `Config`; keyword options override its fields
            (`spacy_model`, `stance_backend`, `nli_model`, ...).

    Example:
        >>> from claimkit import Analyzer
        >>> analyzer = Analyzer(stance_backend="rules")
        >>> result = analyzer.analyze("Twitter said the accounts were bots.", published="2018-02-21")
        >>> [e.cause for e in result.explanations]
        ['bot_spam_purge']
    """

    def __init__(self, config: Config | None = None, **options: Any) -> None:
        base = config or Config.from_options(**options)
        self.config = base.with_options(**options) if config and options else base
        self.nlp = load_spacy(self.config.spacy_model)
        self._stance: StanceBackend | None = None

    @property
    def stance(self) -> StanceBackend:
        """The stance backend, loaded on first use."""
        if self._stance is None:
            self._stance = load_backend(self.config, self.nlp)
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
            )
        return make_document(text, doc_id or "text", published=published, platform=platform)

    def analyze(
        self,
        text: TextOrDocument,
        published: date | str | None = None,
        doc_id: str | None = None,
        platform: str | None = None,
        deadline: Deadline | float | None = None,
    ) -> Analysis:
        """Analyse one text or `Document`.

        Args:
            text: Article, post or thread text (a ` date YYYY-MM-DD` header is read), or a `Document`.
            published: Publication date; overrides the header.
            doc_id: Id for the result (default "text").
            platform: Platform the text is about, when it does not say.
            deadline: A `claimkit.limits.Deadline` (a budget by length) or a
                number of seconds; None (the default) sets no limit.

        Returns:
            An `Analysis` with statements, claims and explanations.

        Raises:
            DeadlineError: (E901) the analysis took longer than `deadline`.
        """
        document = self.document(text, published, doc_id, platform)
        self.stance  # noqa: B018 - load the backend outside the time limit
        with _lock_for(self.nlp), limits.time_limit(_seconds(deadline, document), len(document.text),
                                                     document.location):
            return self._analyze(document, self.nlp(masked_text(document)))

    def pipe(
        self,
        texts: Iterable[TextOrDocument],
        batch_size: int = 16,
        on_error: Callable[[Document, Exception], None] | None = None,
        deadline: Deadline | float | None = None,
    ) -> Iterator[Analysis]:
        """Analyse many texts or `Document`s lazily, parsing them in batches.

        Args:
            texts: Texts or `Document`s.
            batch_size: Documents parsed together by spaCy.
            on_error: Called with the document and the exception when analysing
                one document fails unexpectedly or runs past its deadline
                (`DeadlineError`, E901); that document is skipped and the
                batch goes on. Without it the exception propagates.
                Configuration errors (a missing model or backend) always
                propagate: no document could be analysed.
            deadline: Per-document time limit (`claimkit.limits.Deadline` or
                seconds); None sets none. With a deadline each document is
                parsed on its own, inside its time limit.

        Example:
            >>> analyses = list(Analyzer().pipe(["I lost 500 followers today."]))
        """
        iterator = iter(texts)
        while batch := [self.document(t) for t in islice(iterator, batch_size)]:
            self.stance  # noqa: B018 - load the backend outside any time limit
            with _lock_for(self.nlp):
                results = list(self._pipe_batch(batch, batch_size, on_error, deadline))
            yield from results

    def _pipe_batch(
        self,
        batch: list[Document],
        batch_size: int,
        on_error: Callable[[Document, Exception], None] | None,
        deadline: Deadline | float | None,
    ) -> Iterator[Analysis]:
        parsed = None
        if deadline is None:
            try:
                parsed = list(self.nlp.pipe((masked_text(d) for d in batch), batch_size=batch_size))
            except ConfigError:
                raise
            except Exception:  # noqa: BLE001 - parse one by one, so the error is the bad document's
                parsed = None
        for index, document in enumerate(batch):
            try:
                with limits.time_limit(_seconds(deadline, document), len(document.text), document.location):
                    doc = parsed[index] if parsed is not None else self.nlp(masked_text(document))
                    result = self._analyze(document, doc)
            except ConfigError:
                raise
            except Exception as err:  # noqa: BLE001 - reported through on_error
                if on_error is None:
                    raise
                on_error(document, err)
                continue
            yield result

    def _analyze(self, document: Document, doc) -> Analysis:
        platform = document.platform or detect_platform(doc.text) or self.config.platform
        limits.check()
        statements = attribute.attribute(doc, document, platform)
        limits.check()
        claim_mentions, ignored = claims.drop_out_of_bounds(
            claims.find_mentions(doc, statements, document, platform), document.text
        )
        statements = roles.mark_affected(statements, claim_mentions)
        found = claims.with_mention_text(
            claims.merge_mentions(claim_mentions, statements, document.published), doc.text
        )
        limits.check()
        mentions = causes.detect_causes(doc, statements)
        stances = causes.classify(mentions, statements, doc, self.stance)
        limits.check()
        explanations = align.align(mentions, stances, statements, platform)
        return Analysis(
            id=document.id,
            published=document.published.isoformat() if document.published else None,
            platform=platform,
            statements=statements,
            claims=found,
            explanations=explanations,
            text=document.text,
            ignored=ignored,
        )


_LOCKS: dict[int, threading.RLock] = {}
_LOCKS_GUARD = threading.Lock()


def _lock_for(nlp) -> threading.RLock:
    """The lock of one loaded spaCy pipeline (shared by every `Analyzer` that loaded it).

    spaCy does not promise that one `Language` may parse in several threads
    at once, and `load_spacy` shares one pipeline between Analyzers; so an
    `Analyzer` may be shared between threads, but its analyses run one at a
    time. For parallel speed use processes (one `Analyzer` each).
    """
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(id(nlp), threading.RLock())


def _seconds(deadline: Deadline | float | None, document: Document) -> float | None:
    if deadline is None:
        return None
    if isinstance(deadline, Deadline):
        return deadline.seconds_for(len(document.text))
    return float(deadline)


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
