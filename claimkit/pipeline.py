"""The pipeline: ingest → attribute → extract claims → causes → stance → align.

`Analyzer` loads the models once (spaCy pipeline, stance backend) and then
analyses any number of documents; each analysis is a pure function of the
document and the configuration, so batch and distributed runs can reuse it
unchanged (one `Analyzer` per worker process).

After the parse, the analysis runs these stages, in order (`STAGES`); each
is a plain function, and every record passed between them (`Statement`,
`ClaimMention`, `CauseMention`, `StanceInput`, `StancePrediction`) is plain
data that pickles (character offsets, never spaCy objects), so a runner can
run the parse and, say, the stance stage in different processes:

| stage | called as | returns |
| --- | --- | --- |
| `attribute` | `fn(doc, document, platform)` | `list[Statement]` |
| `claims` | `fn(doc, statements, document, platform)` | `list[ClaimMention]` |
| `roles` | `fn(statements, claim_mentions)` | `list[Statement]` (with `affected`) |
| `merge` | `fn(claim_mentions, statements, published)` | `list[Claim]` |
| `causes` | `fn(doc, statements)` | `list[CauseMention]` |
| `stance_inputs` | `fn(cause_mentions, doc, statements)` | `list[StanceInput]` |
| `stance` | `fn(inputs, doc, backend)` | `list[StancePrediction]`, one per input |
| `align` | `fn(cause_mentions, stances, statements, platform)` | `list[Explanation]` |

Replace a stage with `Analyzer(stages={"claims": my_claims})` or
`analyzer.replace_stage("claims", my_claims)`; wrap one (to record or
adjust what it sees) with `analyzer.wrap_stage("stance", wrapper)`, where
`wrapper(fn)` returns the new function.

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
from os import PathLike
from typing import Any

from claimkit import align, attribute, causes, claims, limits, roles
from claimkit.config import Config
from claimkit.errors import ConfigError
from claimkit.ingest import make_document
from claimkit.limits import Deadline
from claimkit.normalize import REPLACEMENT, is_normalized
from claimkit.nlp import load_spacy
from claimkit.platforms import Platforms, load_platforms
from claimkit.spans import doc_text
from claimkit.stance import StanceBackend, load_backend
from claimkit.stance.base import StanceInput, StancePrediction
from claimkit.taxonomy import Taxonomy, load_taxonomy
from claimkit.types import Analysis, Document

TextOrDocument = str | Document
Stage = Callable[..., Any]

#: The stages after the parse, in order (signatures: the module docstring).
STAGES: tuple[str, ...] = ("attribute", "claims", "roles", "merge", "causes", "stance_inputs", "stance", "align")


def predict_stances(inputs: list[StanceInput], doc, backend: StanceBackend) -> list[StancePrediction]:
    """The default `stance` stage: the backend's predictions, from the document's parse when it reads one.

    A backend with a `predict_parsed(items, doc)` method (the `rules`
    backend) gets the parsed `Doc` beside the inputs, whose `start` offsets
    locate each statement in it; any other backend gets `predict(items)`.
    """
    if not inputs:
        return []
    predict_parsed = getattr(backend, "predict_parsed", None)
    if predict_parsed is not None and doc is not None:
        return predict_parsed(inputs, doc)
    return backend.predict(inputs)


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
        stages: Stage name -> function, replacing those default stages
            (names: `STAGES`; signatures: the module docstring).

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
        self,
        config: Config | None = None,
        *,
        taxonomy: Any = None,
        platforms: Any = None,
        stages: dict[str, Stage] | None = None,
        **options: Any,
    ) -> None:
        if isinstance(taxonomy, str | PathLike):
            options["taxonomy"], taxonomy = str(taxonomy), None
        if isinstance(platforms, str | PathLike):
            options["platforms"], platforms = str(platforms), None
        base = config or Config.from_options(**options)
        self.config = base.with_options(**options) if config and options else base
        self.taxonomy: Taxonomy = load_taxonomy(taxonomy if taxonomy is not None else self.config.taxonomy)
        self.platforms: Platforms = load_platforms(platforms if platforms is not None else self.config.platforms)
        self.nlp = load_spacy(self.config.spacy_model, self.config.matmul)
        self.cue_matcher = causes.CueMatcher(
            self.taxonomy, self.nlp.vocab, lambda phrase: [t.text for t in self.nlp.make_doc(phrase)]
        )
        self._stance: StanceBackend | None = None
        self.stages: dict[str, Stage] = self.default_stages()
        for name, fn in (stages or {}).items():
            self.replace_stage(name, fn)

    def default_stages(self) -> dict[str, Stage]:
        """The default function of every stage, bound to this analyzer's taxonomy and platforms."""
        return {
            "attribute": lambda doc, document, platform: attribute.attribute(doc, document, platform, self.platforms),
            "claims": lambda doc, statements, document, platform: claims.find_mentions(
                doc, statements, document, platform, self.platforms
            ),
            "roles": roles.mark_affected,
            "merge": claims.merge_mentions,
            "causes": lambda doc, statements: causes.detect_causes(doc, statements, self.cue_matcher),
            "stance_inputs": lambda mentions, doc, statements: causes.stance_inputs(
                mentions, doc, statements, self.taxonomy
            ),
            "stance": predict_stances,
            "align": lambda mentions, stances, statements, platform: align.align(
                mentions, stances, statements, platform, self.platforms
            ),
        }
    def replace_stage(self, name: str, fn: Stage) -> None:
        """Run `fn` instead of the stage `name` (called with that stage's arguments).

        Raises:
            ConfigError: `name` is not a stage.

        Example:
            >>> analyzer = Analyzer()                                          # doctest: +SKIP
            >>> analyzer.replace_stage("claims", lambda doc, statements, document, platform: [])  # doctest: +SKIP
        """
        if name not in STAGES:
            raise ConfigError(f"unknown pipeline stage {name!r}; expected one of: {', '.join(STAGES)}")
        self.stages[name] = fn

    def wrap_stage(self, name: str, wrapper: Callable[[Stage], Stage]) -> None:
        """Replace the stage `name` by `wrapper(current function)`.

        Example:
            >>> seen = []
            >>> def recording(stance):
            ...     def run(inputs, doc, backend):
            ...         seen.extend(inputs)
            ...         return stance(inputs, doc, backend)
            ...     return run
            >>> analyzer = Analyzer()                                          # doctest: +SKIP
            >>> analyzer.wrap_stage("stance", recording)                       # doctest: +SKIP
        """
        if name not in STAGES:
            raise ConfigError(f"unknown pipeline stage {name!r}; expected one of: {', '.join(STAGES)}")
        self.stages[name] = wrapper(self.stages[name])

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
        n_process: int = 1,
        deadline: Deadline | float | None = None,
    ) -> Iterator[Analysis]:
        """Analyse many texts or `Document`s lazily, parsing them in batches.

        The whole stream goes through one `nlp.pipe(..., as_tuples=True)`
        call, so spaCy's batching (and its worker processes with
        `n_process > 1`) runs once for all of it.

        Args:
            texts: Texts or `Document`s.
            batch_size: Documents parsed together by spaCy.
            on_error: Called with the document and the exception when analysing
                one document fails unexpectedly or runs past its deadline
                (`DeadlineError`, E901); that document is skipped and the
                batch goes on. Without it the exception propagates.
                Configuration errors (a missing model or backend) always
                propagate: no document could be analysed.
            n_process: spaCy parse processes (`nlp.pipe`'s `n_process`).
            deadline: Per-document time limit (`claimkit.limits.Deadline` or
                seconds); None sets none. It bounds each document's stages
                after the batched parse; the parse itself is bounded by the
                caps `normalize_text` puts on long tokens and punctuation runs
                (`analyze` parses inside the limit).

        Example:
            >>> analyses = list(Analyzer().pipe(["I lost 500 followers today."]))
        """
        self.stance  # noqa: B018 - load the backend outside any time limit
        documents = (self.document(t) for t in texts)
        lock = _lock_for(self.nlp)
        pairs = ((masked_text(d), d) for d in documents)
        stream = self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process)
        while True:
            with lock:  # held while parsing and analysing, never across a yield
                try:
                    doc, document = next(stream)
                except StopIteration:
                    return
                result = self._guarded(document, doc, on_error, deadline)
            if result is not None:
                yield result

    def _guarded(
        self,
        document: Document,
        doc,
        on_error: Callable[[Document, Exception], None] | None,
        deadline: Deadline | float | None,
    ) -> Analysis | None:
        """One document's analysis (parsed here when `doc` is None), its failure sent to `on_error`."""
        try:
            with limits.time_limit(_seconds(deadline, document), len(document.text), document.location):
                return self._analyze(document, doc if doc is not None else self.nlp(masked_text(document)))
        except ConfigError:
            raise
        except Exception as err:  # noqa: BLE001 - reported through on_error
            if on_error is None:
                raise
            on_error(document, err)
            return None

    def _analyze(self, document: Document, doc) -> Analysis:
        stage = self.stages
        platform = document.platform or self.platforms.detect(doc_text(doc)) or self.config.platform
        limits.check()
        statements = stage["attribute"](doc, document, platform)
        limits.check()
        claim_mentions, ignored = claims.drop_out_of_bounds(
            stage["claims"](doc, statements, document, platform), document.text
        )
        statements = stage["roles"](statements, claim_mentions)
        found = claims.with_mention_text(stage["merge"](claim_mentions, statements, document.published), doc_text(doc))
        limits.check()
        mentions = stage["causes"](doc, statements)
        backend = self.stance
        stances = {}
        if mentions:
            predictions = stage["stance"](stage["stance_inputs"](mentions, doc, statements), doc, backend)
            stances = causes.classify(mentions, statements, doc, backend, self.taxonomy, predictions=predictions)
        limits.check()
        explanations = stage["align"](mentions, stances, statements, platform)
        analysis = Analysis(
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
        return with_source_text(analysis) if REPLACEMENT in document.text else analysis


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
    """The text the parser sees: the header lines blanked out, offsets unchanged.

    U+FFFD (what `normalize_text` puts for an unencodable character, or
    what an upstream decoder left) is blanked too: it carries nothing the
    model knows, and the parser takes it for a proper noun ("lost 5,000
    followers\ufffd" would lose its object). Results still slice the text.
    """
    body = document.text[document.body_start :].replace(REPLACEMENT, " ")
    return " " * document.body_start + body


def with_source_text(analysis: Analysis) -> Analysis:
    """Every recorded text (statements, mentions, evidence) sliced again from `analysis.text`.

    The parser saw `masked_text`, which differs from the text only by
    blanked characters; the results record the text itself.
    """
    for record in _located(analysis):
        record.text = analysis.text[record.start : record.end]
    return analysis


def _located(analysis: Analysis) -> Iterator[Any]:
    yield from analysis.statements
    yield from analysis.ignored
    for claim in analysis.claims:
        yield from claim.mentions
    for explanation in analysis.explanations:
        yield from explanation.mentions
        yield from (stance.evidence for stance in [*explanation.stances, *explanation.anonymous_stances])


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
