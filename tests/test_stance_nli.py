"""The `nli` stance backend: plumbing, not accuracy.

No NLI model is available offline here, so these tests build a tiny, randomly
initialised BERT classifier with NLI labels in a temporary folder (its own
WordPiece vocabulary, saved with `save_pretrained`) and check that the backend
loads a model from a path, reads the entailment / contradiction indices from
the model's config, returns one valid prediction per input, refuses a model
without NLI labels, and is selectable through `Config`. Its predictions are
random; nothing here says how well the backend classifies stance.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from conftest import assert_valid_predictions

pytest.importorskip("torch")
pytest.importorskip("transformers")

from claimkit.config import Config  # noqa: E402
from claimkit.errors import ModelNotFoundError  # noqa: E402
from claimkit.stance import StanceInput, load_backend  # noqa: E402
from claimkit.types import STANCES  # noqa: E402

pytestmark = pytest.mark.torch

NLI_LABELS = {0: "entailment", 1: "neutral", 2: "contradiction"}
WORDS = (
    "the a is it not that this true author asks whether agrees disagrees with follower drop "
    "happened because platform removed bots spam fake or automated accounts were locked twitter "
    "said glitch bug in app people chose to unfollow ? . , :"
).split()


def tiny_model(folder, id2label):
    """Save a tiny BERT sequence classifier with the given labels and a WordPiece vocab."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    vocab = folder / "vocab.txt"
    vocab.write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]) + "\n", "utf-8")
    tokenizer = BertTokenizer(str(vocab))
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=5 + len(WORDS), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=32, max_position_embeddings=128,
        id2label=id2label, label2id={label: index for index, label in id2label.items()},
    )
    BertForSequenceClassification(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return str(folder)


@pytest.fixture(scope="module")
def nli_path(tmp_path_factory):
    return tiny_model(tmp_path_factory.mktemp("tiny-nli"), NLI_LABELS)


@pytest.fixture(scope="module")
def backend(nli_path):
    return load_backend(Config(stance_backend="nli", nli_model=nli_path))


INPUTS = [
    StanceInput("Twitter said the accounts were bots.", "the platform removed bots, spam, fake or automated accounts", cause="bot_spam_purge"),
    StanceInput("Is it a glitch in the app?", "a bug or technical glitch in the app or in the counting", cause="technical_glitch"),
    StanceInput("It is not people who chose to unfollow.", "real people chose to unfollow or leave", cause="genuine_unfollows"),
    StanceInput("This is fake.", "The platform removed 10 accounts said Twitter"),  # free-text target
    StanceInput("", "Atheism"),
]


def test_loads_from_a_path_and_reads_label_indices(backend):
    assert backend.name == "nli"
    assert backend.labels == {"entailment": 0, "neutral": 1, "contradiction": 2}


def test_one_valid_prediction_per_input(backend):
    assert_valid_predictions(backend, INPUTS)


def test_question_premise_is_a_query_unless_evidence_is_strong(backend):
    # A random tiny model gives ~1/3 per class: the question floor decides.
    assert backend.predict([INPUTS[1]])[0].stance == "query"


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ({"label2id": {"ENTAILMENT": 2, "NEUTRAL": 1, "CONTRADICTION": 0}}, {"entailment": 2, "neutral": 1, "contradiction": 0}),
        ({"label2id": {}, "id2label": {0: "Contradiction", 1: "Entailment"}}, {"entailment": 1, "contradiction": 0}),
    ],
)
def test_label_indices_are_read_case_insensitively(labels, expected):
    from claimkit.stance.nli import nli_label_indices

    assert nli_label_indices(SimpleNamespace(**labels)) == expected


def test_a_model_without_nli_labels_is_refused(tmp_path):
    path = tiny_model(tmp_path / "sentiment", {0: "negative", 1: "positive"})
    with pytest.raises(ModelNotFoundError, match="entailment' and 'contradiction'"):
        load_backend(Config(stance_backend="nli", nli_model=path))


def test_a_missing_model_says_how_to_fix_it(tmp_path):
    with pytest.raises(ModelNotFoundError, match="--nli-model"):
        load_backend(Config(stance_backend="nli", nli_model=str(tmp_path / "no-such-model")))


@pytest.mark.parametrize(
    ("entail", "contradict", "question", "stance"),
    [
        ({"support": 0.9, "deny": 0.1, "query": 0.2}, {"support": 0.05, "deny": 0.5, "query": 0.1}, False, "support"),
        ({"support": 0.1, "deny": 0.3, "query": 0.1}, {"support": 0.8, "deny": 0.1, "query": 0.1}, False, "deny"),
        ({"support": 0.1, "deny": 0.7, "query": 0.1}, {"support": 0.2, "deny": 0.1, "query": 0.1}, False, "deny"),
        ({"support": 0.3, "deny": 0.2, "query": 0.1}, {"support": 0.2, "deny": 0.1, "query": 0.1}, True, "query"),
        ({"support": 0.7, "deny": 0.2, "query": 0.1}, {"support": 0.1, "deny": 0.1, "query": 0.1}, True, "support"),
        ({"support": 0.2, "deny": 0.1, "query": 0.1}, {"support": 0.3, "deny": 0.1, "query": 0.1}, False, "comment"),
    ],
)
def test_decision_rule(entail, contradict, question, stance):
    from claimkit.stance.nli import decide

    prediction = decide(entail, contradict, question)
    assert prediction.stance == stance
    assert 0.0 <= prediction.confidence <= 1.0


def test_selectable_through_the_analyzer(nli_path):
    from claimkit import Analyzer

    analyzer = Analyzer(stance_backend="nli", nli_model=nli_path)
    result = analyzer.analyze("Twitter said the accounts it removed were bots.", published="2018-02-21")
    assert analyzer.stance.name == "nli"
    for explanation in result.explanations:
        for record in explanation.stances:
            assert record.backend == "nli"
            assert record.stance in STANCES


@pytest.mark.parametrize(
    ("cause", "expected"),
    [
        ("bot_spam_purge", "The follower drop happened because the platform removed bots, spam, fake or automated accounts."),
        ("ai_moderation", "An automated model decided: an automated moderation model removed or hid accounts."),
        (None, "The author agrees with this: the platform removed bots."),
    ],
)
def test_hypotheses_come_from_the_taxonomy(cause, expected):
    from claimkit.stance.nli import hypotheses
    from claimkit.taxonomy import load_taxonomy

    taxonomy = load_taxonomy({"causes": [{
        "label": "ai_moderation", "description": "an automated moderation model removed or hid accounts",
        "patterns": ["ai moderation"], "nli_templates": {"support": "An automated model decided: {target}."},
    }]})
    target = taxonomy.description(cause) if cause else "the platform removed bots."
    item = StanceInput("Our AI moderation model removed them.", target, cause=cause)
    made = hypotheses(item, taxonomy)
    assert made["support"] == expected
    assert set(made) == {"support", "deny", "query"}


def test_the_analyzer_hands_its_taxonomy_to_the_backend(nli_path):
    from claimkit import Analyzer

    analyzer = Analyzer(stance_backend="nli", nli_model=nli_path, taxonomy={"causes": [
        {"label": "ai_moderation", "description": "an automated model hid accounts", "patterns": ["ai moderation"]}]})
    assert analyzer.stance.taxonomy is analyzer.taxonomy
    result = analyzer.analyze("Twitter said our AI moderation hid the accounts.", published="2024-02-21")
    assert "ai_moderation" in {e.cause for e in result.explanations}
