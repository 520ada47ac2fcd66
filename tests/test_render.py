"""Renderers: terminal table, Markdown, JSON/JSONL and the row views they share.

Analyses are built by hand so these tests do not depend on the extractors.
"""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

from claimkit.render import markdown, render_json, render_jsonl_line, table, views
from claimkit.types import Analysis, Claim, Explanation, Span, StanceRecord, Statement

TEXT = (
    'Nia Brook wrote that she lost 6,500 followers in 24 hours. "It is a purge of conservatives," she said. '
    '"Our systems are apolitical and target spam," Twitter Support said. Is this a glitch? asked Tom | Vu.'
)

SPEC_DOCUMENT_KEYS = {"id", "published", "statements", "claims", "explanations"}
SPEC_STATEMENT_KEYS = {"speaker", "handle", "role", "cue", "text", "start", "end", "date"}
SPEC_CLAIM_KEYS = {"kind", "subject", "platform", "amount", "amount_text", "qualifier", "duration_seconds",
                   "period_text", "start_date", "end_date", "source_role", "source_speaker", "mentions"}
SPEC_EXPLANATION_KEYS = {"cause", "mentions", "stances", "official_position", "supporters", "deniers", "queriers"}
SPEC_STANCE_KEYS = {"statement", "speaker", "role", "stance", "confidence"}


def span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle), needle)


def statement(speaker, role, cue, sentence, handle=None) -> Statement:
    s = span(TEXT, sentence)
    return Statement(speaker=speaker, handle=handle, role=role, cue=cue, text=s.text, start=s.start, end=s.end,
                     date="2018-02-21")


def stance(index, speaker, role, label, confidence, cue, voice="") -> StanceRecord:
    return StanceRecord(statement=index, speaker=speaker, role=role, stance=label, confidence=confidence,
                        evidence=span(TEXT, cue), voice=voice or speaker, backend="rules")


@pytest.fixture
def analysis() -> Analysis:
    statements = [
        statement("Nia Brook", "affected", "wrote", "Nia Brook wrote that she lost 6,500 followers in 24 hours."),
        statement("Nia Brook", "affected", "said", '"It is a purge of conservatives," she said.'),
        statement("Twitter Support", "platform", "said",
                  '"Our systems are apolitical and target spam," Twitter Support said.', handle="TwitterSupport"),
        statement("Tom | Vu", "third_party", "said", "Is this a glitch? asked Tom | Vu."),
    ]
    claim = Claim(kind="follower_loss", subject="Nia Brook", platform="Twitter", amount=6500, amount_text="6,500",
                  qualifier="exact", duration_seconds=86400, period_text="in 24 hours", start_date="2018-02-20",
                  end_date="2018-02-21", source_role="affected", source_speaker="Nia Brook",
                  mentions=[span(TEXT, "lost 6,500 followers")], statement=0)
    bias = Explanation(
        cause="political_bias", mentions=[span(TEXT, "purge of conservatives"), span(TEXT, "apolitical")],
        stances=[stance(1, "Nia Brook", "affected", "support", 0.7, "purge of conservatives"),
                 stance(2, "Twitter", "platform", "deny", 0.9, "apolitical", voice="Twitter Support")],
        official_position="rejected", supporters=["Nia Brook"], deniers=["Twitter"], queriers=[])
    spam = Explanation(
        cause="bot_spam_purge", mentions=[span(TEXT, "spam")],
        stances=[stance(2, "Twitter", "platform", "support", 0.8, "spam", voice="Twitter Support")],
        official_position="endorsed", supporters=["Twitter"], deniers=[], queriers=[])
    glitch = Explanation(
        cause="technical_glitch", mentions=[span(TEXT, "glitch")],
        stances=[stance(3, "Tom | Vu", "third_party", "query", 0.9, "glitch")],
        official_position="not_addressed", supporters=[], deniers=[], queriers=["Tom | Vu"])
    return Analysis(id="nia-brook", published="2018-02-21", platform="Twitter", statements=statements,
                    claims=[claim], explanations=[bias, spam, glitch], text=TEXT)


def empty(doc_id="garden") -> Analysis:
    return Analysis(id=doc_id, published=None, platform=None, statements=[], claims=[], explanations=[])


def terminal(render, *args, **kwargs) -> str:
    out = io.StringIO()
    render(Console(file=out, width=200), *args, **kwargs)
    return out.getvalue()


# --------------------------------------------------------------------------- JSON and JSONL


def test_json_keys_are_the_specs(analysis):
    data = json.loads(render_jsonl_line(analysis))
    assert SPEC_DOCUMENT_KEYS <= set(data)
    assert SPEC_STATEMENT_KEYS <= set(data["statements"][0])
    assert SPEC_CLAIM_KEYS <= set(data["claims"][0])
    assert SPEC_EXPLANATION_KEYS <= set(data["explanations"][0])
    assert SPEC_STANCE_KEYS <= set(data["explanations"][0]["stances"][0])
    assert set(data["claims"][0]["mentions"][0]) == {"start", "end", "text"}
    assert "text" not in data  # the input text is not echoed back


def test_json_values_follow_the_spec(analysis):
    data = json.loads(render_jsonl_line(analysis))
    claim = data["claims"][0]
    assert (claim["amount"], claim["qualifier"], claim["duration_seconds"]) == (6500, "exact", 86400)
    mention = claim["mentions"][0]
    assert TEXT[mention["start"]:mention["end"]] == mention["text"]
    bias = data["explanations"][0]
    assert (bias["official_position"], bias["supporters"], bias["deniers"]) == ("rejected", ["Nia Brook"], ["Twitter"])
    assert 0 <= bias["stances"][0]["confidence"] <= 1


def test_jsonl_line_is_one_line_and_keeps_unicode():
    line = render_jsonl_line(Analysis(id="zoë\nline", published=None, platform=None, statements=[], claims=[],
                                      explanations=[]))
    assert "\n" not in line and "zoë" in line


def test_render_json_object_for_one_array_for_several(analysis):
    assert isinstance(json.loads(render_json([analysis])), dict)
    several = json.loads(render_json([analysis, empty()]))
    assert isinstance(several, list) and [d["id"] for d in several] == ["nia-brook", "garden"]


# --------------------------------------------------------------------------- terminal table


def test_table_shows_heading_claims_then_matrix(analysis):
    out = terminal(table.print_analysis, analysis)
    assert out.startswith("nia-brook · 2018-02-21 · Twitter")
    assert out.index("Claims") < out.index("Explanations")
    for cell in ("Nia Brook", "6,500", "in 24 hours; 86,400 s", "Nia Brook (affected)", "loss"):
        assert cell in out
    rows = [line.split() for line in out.splitlines()]
    assert ["political_bias", "rejected", "Nia", "Brook", "Twitter", "—"] in rows
    assert ["technical_glitch", "not_addressed", "—", "—", "Tom", "|", "Vu"] in rows
    assert "Statements" not in out


def test_table_statements_option(analysis):
    out = terminal(table.print_analysis, analysis, statements=True)
    assert out.index("Statements") < out.index("Claims")
    assert "Twitter Support" in out and "platform" in out


def test_table_for_a_document_without_findings():
    out = terminal(table.print_analysis, empty())
    assert "garden · date unknown · platform unknown" in out
    assert "No follower claims found." in out and "No explanations raised." in out


def test_table_prints_brackets_literally_not_as_markup(analysis):
    analysis.id = "post[1]"
    analysis.claims[0].subject = "[deleted]"
    analysis.explanations[0].supporters = ["[bold]Nia[/bold]"]
    out = terminal(table.print_analysis, analysis)
    assert "post[1]" in out and "[deleted]" in out and "[bold]Nia[/bold]" in out


def test_matrix_with_evidence_quotes_the_sentence_behind_each_stance(analysis):
    out = terminal(table.print_matrix, analysis, evidence=True)
    assert "political_bias — official: rejected" in out
    assert ('Twitter (platform, Twitter Support) deny (0.90) on "apolitical": '
            '"Our systems are apolitical and target spam," Twitter Support said.') in out
    assert 'Tom | Vu (third_party) query (0.90) on "glitch": Is this a glitch?' in out


# --------------------------------------------------------------------------- Markdown


def test_markdown_has_claims_and_matrix(analysis):
    out = markdown.render([analysis])
    assert out.startswith("## nia-brook\n")
    assert "| # | kind | subject | amount | qualifier | span | platform | said by |" in out
    assert "| 0 | loss | Nia Brook | 6,500 | exact | in 24 hours; 86,400 s; 2018-02-20 → 2018-02-21 | Twitter | Nia Brook (affected) |" in out
    assert "| explanation | official position | supporters | deniers | queries |" in out
    assert "| political_bias | rejected | Nia Brook | Twitter | — |" in out
    assert "**bot_spam_purge** (official: endorsed)" in out


def test_markdown_escapes_pipes_in_cells(analysis):
    out = markdown.render([analysis])
    assert "| technical_glitch | not_addressed | — | — | Tom \\| Vu |" in out


def test_markdown_statements_and_empty_document(analysis):
    out = markdown.render([analysis, empty()], statements=True)
    assert "### Statements" in out and "## garden" in out
    assert "No follower claims found." in out and "No explanations raised." in out


def test_markdown_matrix_without_evidence(analysis):
    out = markdown.render_matrix(analysis, evidence=False)
    assert "| bot_spam_purge | endorsed | Twitter | — | — |" in out
    assert "**" not in out


# --------------------------------------------------------------------------- row views


def _claim(**changes) -> Claim:
    base = dict(kind="follower_loss", subject="X", platform=None, amount=None, amount_text="", qualifier="exact",
                duration_seconds=None, period_text=None, start_date=None, end_date=None, source_role="affected",
                source_speaker="X")
    base.update(changes)
    return Claim(**base)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"amount": 80000, "amount_text": "80,000"}, "80,000"),
        ({"amount": 900000, "amount_text": "900000"}, "900,000 (900000)"),
        ({"amount": 1700000, "amount_text": "1.7 million"}, "1,700,000 (1.7 million)"),
        ({"amount_text": "8 to 10 million", "amount_low": 8000000, "amount_high": 10000000}, "8,000,000–10,000,000"),
        ({"amount_text": "thousands"}, "thousands"),
    ],
)
def test_format_amount(changes, expected):
    assert views.format_amount(_claim(**changes)) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, "—"),
        ({"period_text": "overnight"}, "overnight"),
        ({"period_text": "in one minute", "duration_seconds": 60}, "in one minute; 60 s"),
        ({"start_date": "2018-02-20", "end_date": None}, "2018-02-20 → ?"),
    ],
)
def test_format_span(changes, expected):
    assert views.format_span(_claim(**changes)) == expected


def test_evidence_lines_strongest_first_then_anonymous(analysis):
    bias = analysis.explanations[0]
    bias.anonymous_stances = [stance(1, "one user", "third_party", "comment", 0.99, "purge")]
    lines = views.evidence_lines(bias)
    assert lines[0].startswith("Twitter (platform, Twitter Support) deny (0.90)")
    assert lines[1].startswith("Nia Brook (affected) support (0.70)")
    assert lines[2].startswith("one user (third_party) comment (0.99)")
    assert lines[0].endswith(': "apolitical"')  # without the analysis, the evidence span alone


def test_evidence_sentence_falls_back_when_offsets_do_not_match(analysis):
    record = stance(0, "Nia Brook", "affected", "support", 0.5, "glitch")  # evidence outside statement 0
    assert views.evidence_sentence(record, analysis) is None
    record.statement = 99
    assert views.evidence_sentence(record, analysis) is None


def test_statement_rows_shorten_long_text(analysis):
    rows = views.statement_rows(analysis, width=20)
    assert rows[0][:4] == ("0", "Nia Brook", "affected", "wrote")
    assert len(rows[0][4]) == 20 and rows[0][4].endswith("…")
