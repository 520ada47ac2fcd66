"""NLI stance backend: zero-shot stance through any Hugging Face NLI model.

The statement is the premise; the hypotheses come from templates per stance
(the taxonomy's `nli_templates`, claimkit/data/taxonomy.json, with `{target}` = the cause's
description for a pipeline input, `FREE_TEXT_TEMPLATES` with `{target}` = the
target text for a free-text target such as a benchmark rumour or topic).
Each (premise, hypothesis) pair gets entailment / neutral / contradiction
probabilities; the entailment and contradiction indices are read from the
model's `config.label2id` / `id2label` (case-insensitive), so any MNLI-style
model works (`MoritzLaurer/DeBERTa-v3-base-mnli-fever-anli`,
`facebook/bart-large-mnli`, `cross-encoder/nli-deberta-v3-base`, or a local
folder).

Decision rule, with E(h) / C(h) the entailment / contradiction probability of
hypothesis h:

    support = E(support)
    deny    = max(C(support), E(deny))
    query   = E(query), raised to at least QUESTION_FLOOR (0.5) when the
              premise is question-shaped (holds a "?")
    comment = 1 - max(support, deny, query)

The label is the highest of the four (ties: support, deny, query, comment)
and its score is the confidence, in [0, 1]. So a question is a query unless
support or deny evidence passes 0.5, and a statement that neither entails nor
contradicts the target is a comment.

Needs torch and transformers (the `nli` extra). Nothing is downloaded when
`HF_HUB_OFFLINE=1`: pass a local folder (or a model already in the Hugging
Face cache) with `--nli-model` / `CLAIMKIT_NLI_MODEL`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import torch

from claimkit.errors import ModelNotFoundError
from claimkit.stance.base import StanceInput, StancePrediction
from claimkit.taxonomy import Taxonomy, builtin_taxonomy

#: Hypotheses for a free-text target (a rumour, a topic); `{target}` is the target text.
FREE_TEXT_TEMPLATES: dict[str, str] = {
    "support": "The author agrees with this: {target}",
    "deny": "The author disagrees with this: {target}",
    "query": "The author asks whether this is true: {target}",
}
#: Lowest query score of a question-shaped premise.
QUESTION_FLOOR = 0.5
BATCH_SIZE = 32
MAX_LENGTH = 512
HYPOTHESES = ("support", "deny", "query")


def nli_label_indices(config) -> dict[str, int]:
    """The entailment / contradiction (and neutral, if any) output indices of an NLI model.

    Read from `config.label2id`, else `config.id2label`, case-insensitively
    ("ENTAILMENT", "entailment" and "Entailment" all work).

    Raises:
        ModelNotFoundError: the labels do not name entailment and contradiction.
    """
    names: dict[str, int] = {}
    for label, index in (getattr(config, "label2id", None) or {}).items():
        names[str(label).strip().lower()] = int(index)
    if not names:
        for index, label in (getattr(config, "id2label", None) or {}).items():
            names[str(label).strip().lower()] = int(index)
    found = {}
    for key in ("entailment", "neutral", "contradiction"):
        match = [index for name, index in names.items() if name == key or name.startswith(key[:7])]
        if match:
            found[key] = match[0]
    if "entailment" not in found or "contradiction" not in found:
        raise ModelNotFoundError(
            f"the model's labels are {sorted(names) or 'missing'}; the nli stance backend needs an "
            "NLI model whose config.id2label names 'entailment' and 'contradiction' (e.g. "
            "MoritzLaurer/DeBERTa-v3-base-mnli-fever-anli or facebook/bart-large-mnli); "
            "choose one with --nli-model / CLAIMKIT_NLI_MODEL"
        )
    return found


def is_question(text: str) -> bool:
    """Whether a premise is question-shaped (holds a "?")."""
    return "?" in text


def hypotheses(item: StanceInput, taxonomy: Taxonomy | None = None) -> dict[str, str]:
    """The support / deny / query hypotheses for one input.

    A cause's templates come from `taxonomy` (default: the shipped one).
    """
    templates = (taxonomy or builtin_taxonomy()).templates(item.cause) if item.cause else FREE_TEXT_TEMPLATES
    target = item.target.strip().rstrip(".") if item.cause else item.target.strip()
    return {stance: templates[stance].format(target=target) for stance in HYPOTHESES}


def decide(entail: dict[str, float], contradict: dict[str, float], question: bool) -> StancePrediction:
    """The decision rule of the module docstring, for one input."""
    support = entail["support"]
    deny = max(contradict["support"], entail["deny"])
    query = max(entail["query"], QUESTION_FLOOR) if question else entail["query"]
    comment = 1.0 - max(support, deny, query)
    scores = {"support": support, "deny": deny, "query": query, "comment": comment}
    label = max(scores, key=lambda name: scores[name])  # first of equal scores wins
    return StancePrediction(label, float(min(1.0, max(0.0, scores[label]))))


class NliStance:
    """The `nli` backend: an NLI model loaded once.

    Args:
        name_or_path: A Hugging Face model id (in the local cache when offline) or a folder.
        batch_size: (premise, hypothesis) pairs per forward pass.
        taxonomy: Where a cause's hypothesis templates come from (default: the shipped taxonomy).

    Raises:
        ModelNotFoundError: the model cannot be loaded or is not an NLI model.

    Example:
        >>> backend = NliStance("MoritzLaurer/DeBERTa-v3-base-mnli-fever-anli")  # doctest: +SKIP
        >>> backend.predict([StanceInput("Twitter said the accounts were bots.",
        ...                              "the platform removed bots", cause="bot_spam_purge")])  # doctest: +SKIP
    """

    name = "nli"

    def __init__(self, name_or_path: str, batch_size: int = BATCH_SIZE, taxonomy: Taxonomy | None = None) -> None:
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        from claimkit.stance.encoder import load_pretrained

        self.model_name = name_or_path
        self.batch_size = batch_size
        self.taxonomy = taxonomy
        try:
            self.tokenizer = load_pretrained(AutoTokenizer.from_pretrained, name_or_path)
            self.model = load_pretrained(AutoModelForSequenceClassification.from_pretrained, name_or_path)
        except (OSError, ValueError) as err:
            where = (
                "the folder holds no loadable tokenizer and model"
                if Path(name_or_path).exists()
                else "it is not a local folder and not in the local Hugging Face cache "
                "and the hub cannot be reached from here"
            )
            raise ModelNotFoundError(
                f"cannot load NLI model {name_or_path!r}: {where}; pass a local folder with "
                "--nli-model / CLAIMKIT_NLI_MODEL, or download the model once while online "
                f"(HF_HUB_OFFLINE unset). Cause: {' '.join(str(err).split())[:200]}"
            ) from None
        self.model.eval()
        self.labels = nli_label_indices(self.model.config)

    def pair_probabilities(self, premises: Sequence[str], hypotheses_: Sequence[str]) -> torch.Tensor:
        """(n, k) NLI probabilities for (premise, hypothesis) pairs, in the model's label order."""
        rows = []
        with torch.inference_mode():
            for start in range(0, len(premises), self.batch_size):
                batch = self.tokenizer(
                    list(premises[start : start + self.batch_size]),
                    list(hypotheses_[start : start + self.batch_size]),
                    padding=True,
                    truncation="only_first",
                    max_length=min(MAX_LENGTH, getattr(self.tokenizer, "model_max_length", MAX_LENGTH)),
                    return_tensors="pt",
                )
                rows.append(torch.softmax(self.model(**batch).logits.float(), dim=-1))
        return torch.cat(rows) if rows else torch.zeros((0, len(self.labels)))

    def predict(self, items: Sequence[StanceInput]) -> list[StancePrediction]:
        """One prediction per input, in order (see the decision rule in the module docstring)."""
        if not items:
            return []
        premises, hyps = [], []
        for item in items:
            for hypothesis in hypotheses(item, self.taxonomy).values():
                premises.append(item.text)
                hyps.append(hypothesis)
        probabilities = self.pair_probabilities(premises, hyps).tolist()
        ent, con = self.labels["entailment"], self.labels["contradiction"]
        out = []
        for number, item in enumerate(items):
            rows = probabilities[number * len(HYPOTHESES) : (number + 1) * len(HYPOTHESES)]
            entail = {stance: row[ent] for stance, row in zip(HYPOTHESES, rows, strict=True)}
            contradict = {stance: row[con] for stance, row in zip(HYPOTHESES, rows, strict=True)}
            out.append(decide(entail, contradict, is_question(item.text)))
        return out


def build(config, nlp=None, taxonomy: Taxonomy | None = None) -> NliStance:
    """The registry's factory: the model named by `config.nli_model`, templates from `taxonomy`.

    Raises:
        ModelNotFoundError: the model cannot be loaded or is not an NLI model.
    """
    return NliStance(config.nli_model, taxonomy=taxonomy)
