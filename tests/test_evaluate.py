"""`evaluate` and `claimkit eval`: pipeline wiring, saved predictions, rendering, exit codes."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from claimkit.cli import app
from claimkit.corpus import load_gold
from claimkit.evaluate import evaluate, read_predictions, render_markdown
from claimkit.scoring import score_corpus
from claimkit.types import Analysis, Claim, Explanation, Span, StanceRecord

SPEC_KEYS = {"documents", "claims", "stances", "official", "seconds"}

GOLD = [
    {
        "id": "holt-01",
        "published": "2018-02-21",
        "platform": "Twitter",
        "author": "Twitter Safety",
        "event": "lockout",
        "text": "Mira Holt wrote that she lost 5,000 followers in one day. Twitter said the "
                "accounts removed were bots, not conservatives.",
        "claims": [{"kind": "follower_loss", "subject": "Mira Holt", "amount": 5000, "qualifier": ["exact"],
                    "duration_seconds": 86400, "source_role": "affected"}],
        "stances": [{"speaker": "Twitter", "role": "platform", "cause": "bot_spam_purge", "stance": "support"},
                    {"speaker": "Mira Holt", "role": "affected", "cause": "political_bias", "stance": "support"}],
        "official": {"bot_spam_purge": "endorsed", "political_bias": "rejected"},
    },
    {
        "id": "garden-02",
        "published": None,
        "text": "The village garden show opens on Saturday with a record number of pumpkins.",
        "claims": [],
        "stances": [],
        "official": {},
    },
]


def analysis(doc_id, claims=(), explanations=()) -> Analysis:
    return Analysis(id=doc_id, published=None, platform="Twitter", statements=[], claims=list(claims),
                    explanations=list(explanations))


def claim(subject, amount, mention) -> Claim:
    return Claim(kind="follower_loss", subject=subject, platform="Twitter", amount=amount, amount_text=str(amount),
                 qualifier="exact", duration_seconds=86400, period_text="in one day", start_date=None,
                 end_date=None, source_role="affected", source_speaker=subject,
                 mentions=[Span(0, len(mention), mention)])


def explanation(cause, speaker, role, stance, official, evidence) -> Explanation:
    record = StanceRecord(statement=0, speaker=speaker, role=role, stance=stance, confidence=0.8,
                          evidence=Span(0, len(evidence), evidence))
    return Explanation(cause=cause, mentions=[], stances=[record], official_position=official,
                       supporters=[], deniers=[], queriers=[])


CANNED = {
    "holt-01": analysis(
        "holt-01",
        claims=[claim("Holt", 5000, "lost 5,000 followers"), claim("Mira Holt", 12, "12 pumpkins")],
        explanations=[explanation("bot_spam_purge", "Twitter", "platform", "support", "endorsed", "were bots"),
                      explanation("political_bias", "Mira Holt", "affected", "deny", "not_addressed", "not conservatives")],
    ),
    "garden-02": analysis("garden-02"),
}


class FakeAnalyzer:
    """Returns canned analyses and records the documents it was given."""

    def __init__(self, outputs):
        self.outputs = outputs
        self.seen = []

    def pipe(self, documents, on_error=None, deadline=None):
        for document in documents:
            self.seen.append(document)
            output = self.outputs[document.id]
            if isinstance(output, Exception):
                if on_error is None:
                    raise output
                on_error(document, output)
                continue
            yield output


@pytest.fixture
def gold_path(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in GOLD) + "\n", encoding="utf-8")
    return path


def numbers(data: dict) -> dict:
    """The report without the wall time, for comparing two runs."""
    return {key: value for key, value in data.items() if key != "seconds"}


def run(args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


# --------------------------------------------------------------------------- evaluate()


def test_evaluate_passes_gold_fields_to_the_pipeline(gold_path):
    fake = FakeAnalyzer(CANNED)
    evaluate(gold_path, analyzer=fake)
    first, second = fake.seen
    assert (first.id, first.platform, first.author, first.published) == (
        "holt-01", "Twitter", "Twitter Safety", date(2018, 2, 21))
    assert first.text == GOLD[0]["text"]
    assert (second.id, second.platform, second.published) == ("garden-02", None, None)


def test_evaluate_scores_the_spec_json_of_each_analysis(gold_path):
    report = evaluate(gold_path, analyzer=FakeAnalyzer(CANNED))
    expected = score_corpus(load_gold(gold_path), [a.to_dict() for a in CANNED.values()])
    assert numbers(report.to_dict()) == numbers(expected.to_dict())
    assert (report.claims.tp, report.claims.fp, report.claims.fn) == (1, 1, 0)
    assert (report.stances.tp, report.stances.fp, report.stances.fn) == (1, 1, 1)
    assert (report.official.correct, report.official.n) == (1, 2)
    assert report.seconds > 0.0


def test_evaluate_with_prediction_dicts_does_not_run_a_pipeline(gold_path):
    predictions = [a.to_dict() for a in CANNED.values()]
    report = evaluate(gold_path, predictions=predictions)
    assert report.seconds == 0.0
    assert report.claims.tp == 1


def test_evaluate_with_the_real_pipeline_matches_scoring_its_output(gold_path, analyzer):
    report = evaluate(gold_path, analyzer=analyzer)
    gold = load_gold(gold_path)
    outputs = [analyzer.analyze(doc.to_document()).to_dict() for doc in gold]
    assert numbers(report.to_dict()) == numbers(score_corpus(gold, outputs).to_dict())


# --------------------------------------------------------------------------- claimkit eval


def test_cli_eval_json_end_to_end(gold_path, analyzer):
    code, out, err = run(["eval", gold_path, "--json"])
    assert code == 0, err
    data = json.loads(out)
    assert SPEC_KEYS <= set(data)
    assert data["documents"] == 2
    assert {"precision", "recall", "f1", "tp", "fp", "fn", "qualifier_accuracy", "duration_accuracy",
            "source_role_accuracy"} <= set(data["claims"])
    assert {"precision", "recall", "f1", "macro_f1"} <= set(data["stances"])
    assert {"accuracy", "n"} <= set(data["official"])
    assert data["official"]["n"] == 2
    assert data["claims"]["tp"] + data["claims"]["fn"] == 1
    assert "errors" not in data


def test_cli_predictions_equal_live_eval_and_direct_scoring(gold_path, tmp_path, analyzer):
    preds = tmp_path / "preds.jsonl"
    code, _, err = run(["extract", gold_path, "--format", "jsonl", "--output", preds])
    assert code == 0, err
    code, saved, err = run(["eval", gold_path, "--predictions", preds, "--json"])
    assert code == 0, err
    code, live, err = run(["eval", gold_path, "--json"])
    assert code == 0, err
    direct = score_corpus(load_gold(gold_path), read_predictions(preds)).to_dict(errors=False)
    assert numbers(json.loads(saved)) == numbers(json.loads(live)) == numbers(direct)
    assert json.loads(saved)["seconds"] == 0.0


def test_cli_scores_hand_made_predictions_json_array(gold_path, tmp_path):
    preds = tmp_path / "preds.json"
    preds.write_text(json.dumps([a.to_dict() for a in CANNED.values()], indent=2), encoding="utf-8")
    code, out, err = run(["eval", gold_path, "--predictions", preds, "--json"])
    assert code == 0, err
    expected = score_corpus(load_gold(gold_path), [a.to_dict() for a in CANNED.values()])
    assert numbers(json.loads(out)) == numbers(expected.to_dict(errors=False))


def test_cli_table_errors_and_markdown_report(gold_path, tmp_path):
    preds = tmp_path / "preds.jsonl"
    preds.write_text("\n".join(a.to_json() for a in CANNED.values()) + "\n", encoding="utf-8")
    report = tmp_path / "eval.md"
    code, out, err = run(["eval", gold_path, "--predictions", preds, "--errors", "--report", report])
    assert code == 0, err
    for text in ("Claims", "Stance labels", "Stance confusion", "Official positions", "macro-F1"):
        assert text in out
    # every miss and false positive, with document id and evidence text
    assert "holt-01" in out
    assert "12 pumpkins" in out          # false-positive claim: its mention
    assert "not conservatives" in out    # wrong-stance false positive: its evidence
    markdown = report.read_text(encoding="utf-8")
    assert markdown.startswith("# claimkit eval")
    assert "## Claims" in markdown and "## Errors (" in markdown and "12 pumpkins" in markdown
    assert err == ""


def test_cli_json_with_errors_lists_them(gold_path, tmp_path):
    preds = tmp_path / "preds.jsonl"
    preds.write_text("\n".join(a.to_json() for a in CANNED.values()) + "\n", encoding="utf-8")
    code, out, _ = run(["eval", gold_path, "--predictions", preds, "--json", "--errors"])
    assert code == 0
    errors = json.loads(out)["errors"]
    kinds = {(e["document"], e["task"], e["kind"]) for e in errors}
    assert ("holt-01", "claim", "false_positive") in kinds
    assert ("holt-01", "stance", "miss") in kinds
    assert ("holt-01", "official", "wrong_position") in kinds


def test_markdown_report_without_errors_has_no_error_section(gold_path):
    report = evaluate(gold_path, predictions=[a.to_dict() for a in CANNED.values()])
    assert "## Errors" not in render_markdown(report)
    assert "## Errors (" in render_markdown(report, show_errors=True)


def test_cli_bad_gold_line_is_one_line_and_exit_1(tmp_path):
    path = tmp_path / "dev.jsonl"
    broken = dict(GOLD[0], id="broken", claims=[dict(GOLD[0]["claims"][0], qualifier=["aprox"])])
    path.write_text(json.dumps(GOLD[1]) + "\n" + json.dumps(broken) + "\n", encoding="utf-8")
    code, out, err = run(["eval", path, "--json"])
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert f"{path}:2: claims[0].qualifier[0]: \"aprox\" is not one of exact/approx/over/under" in lines[0]
    assert "cannot be scored honestly" in lines[0]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"id": "holt-01"}\n{"id": \n', "preds.jsonl:2: malformed JSON"),
        ('{"id": "holt-01"}\n{"claims": []}\n', 'preds.jsonl:2: field "id" is missing'),
        ('{"id": "holt-01"}\n{"id": "holt-01"}\n', "preds.jsonl:2: id 'holt-01' repeats"),
    ],
)
def test_cli_bad_predictions_file(gold_path, tmp_path, content, expected):
    preds = tmp_path / "preds.jsonl"
    preds.write_text(content, encoding="utf-8")
    code, _, err = run(["eval", gold_path, "--predictions", preds])
    assert code == 1
    assert expected in err


def test_cli_missing_corpus_exit_1(tmp_path):
    code, _, err = run(["eval", tmp_path / "nope.jsonl", "--predictions", tmp_path / "p.jsonl"])
    assert code == 1
    assert "no such gold corpus file" in err


# --------------------------------------------------------------------------- failures and evidence


def test_evaluate_goes_on_when_one_analysis_fails(gold_path):
    outputs = dict(CANNED, **{"holt-01": IndexError("span out of range")})
    report = evaluate(gold_path, analyzer=FakeAnalyzer(outputs))
    assert [doc_id for doc_id, _ in report.failed] == ["holt-01"]
    assert "IndexError: span out of range" in report.failed[0][1]
    # the failed document predicts nothing: its gold claim is a miss, the other document is scored
    assert (report.claims.tp, report.claims.fn) == (0, 1)
    assert [d.predicted for d in report.per_document] == [False, True]
    assert report.to_dict()["failed_documents"][0]["id"] == "holt-01"


def test_cli_eval_lists_a_failed_document_and_exits_1(gold_path, monkeypatch):
    import claimkit.pipeline

    outputs = dict(CANNED, **{"holt-01": IndexError("span out of range")})
    monkeypatch.setattr(claimkit.pipeline, "Analyzer", lambda config=None: FakeAnalyzer(outputs))
    code, out, err = run(["eval", gold_path, "--json"])
    assert code == 1
    data = json.loads(out)
    assert data["documents"] == 2 and data["claims"]["fn"] == 1
    assert "holt-01" in err and "IndexError" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("false_positive", "Ada Vos said 12 pumpkins were lost."),   # around the predicted mention
        ("miss", "Mira Holt wrote that she lost 5,000 followers in one day."),  # the sentence stating the gold amount
    ],
)
def test_errors_carry_the_evidence_sentence(tmp_path, kind, expected):
    line = dict(GOLD[0], text=GOLD[0]["text"] + " Ada Vos said 12 pumpkins were lost.")
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    text = line["text"]
    start = text.index("12 pumpkins")
    prediction = {"id": "holt-01", "claims": [{"kind": "follower_loss", "subject": "Ada Vos", "amount": 12,
                  "qualifier": "exact", "mentions": [{"start": start, "end": start + 11, "text": "12 pumpkins"}]}],
                  "explanations": []}
    report = evaluate(path, predictions=[prediction])
    error = next(e for e in report.errors if e.task == "claim" and e.kind == kind)
    assert error.sentence == expected


def test_stance_and_official_errors_point_at_the_sentence_raising_the_cause(gold_path):
    report = evaluate(gold_path, predictions=[{"id": "holt-01", "claims": [], "explanations": []}])
    stance = next(e for e in report.errors if e.task == "stance" and e.gold["speaker"] == "Twitter")
    official = next(e for e in report.errors if e.task == "official")
    sentence = "Twitter said the accounts removed were bots, not conservatives."
    assert stance.sentence == official.sentence == sentence


def test_cli_errors_show_the_sentence(gold_path, tmp_path):
    preds = tmp_path / "preds.jsonl"
    preds.write_text("\n".join(a.to_json() for a in CANNED.values()) + "\n", encoding="utf-8")
    code, out, _ = run(["eval", gold_path, "--predictions", preds, "--errors"])
    assert code == 0
    assert "sentence: Twitter said the accounts removed were bots, not conservatives." in out
