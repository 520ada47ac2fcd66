"""`claimkit report`: the self-contained HTML newsroom report, checked as text and in headless Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
from itertools import islice
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimkit.cli import app
from claimkit.ingest import read_inputs
from claimkit.newsroom import build
from claimkit.report import render_report
from claimkit.report.inputs import is_saved_file, sniff_saved
from claimkit.types import Analysis, Claim, Explanation, Span, StanceRecord, Statement

ROOT = Path(__file__).resolve().parents[1]
TEST_CORPUS = ROOT / "corpora" / "test.jsonl"
REALNEWS = ROOT.parent / "shared" / "realnews" / "gold.jsonl"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
CLAIM_ROW = re.compile(r'<tr class="claim-row" data-claim="d\d+-c\d+">')


@pytest.fixture(scope="module")
def corpus_analyses(analyzer) -> list[Analysis]:
    """The first 14 documents of the team's test corpus, analysed."""
    documents = [d for d in islice(read_inputs([TEST_CORPUS]), 14) if not isinstance(d, Exception)]
    return list(analyzer.pipe(documents))


def hostile() -> Analysis:
    text = 'Zed <b>Null</b> wrote: "I lost 900 followers" & more. </script><script>alert(1)</script>'
    speaker = "<img src=x onerror=alert(1)>"
    start = text.index("lost 900 followers")
    claim = Claim("follower_loss", speaker, "Twitter", 900, "900", "exact", None, None, None, None, "affected",
                  speaker, [Span(start, start + 18, "lost 900 followers")], statement=0)
    statement = Statement(speaker, None, "affected", "wrote", text, 0, len(text))
    bias = Explanation("political_bias", [], [StanceRecord(0, speaker, "affected", "support", 0.7,
                                                           Span(0, 3, "Zed"))], "not_addressed", [speaker], [], [])
    return Analysis("<doc>", "2018-02-21", "Twitter", [statement], [claim], [bias], text=text,
                    meta={"source": "<i>Outlet</i>"})


def test_every_text_is_escaped():
    html = render_report(build([hostile()]))
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<b>Null</b>" not in html and "&lt;b&gt;Null&lt;/b&gt;" in html
    assert "<i>Outlet</i>" not in html
    # the one data island cannot be closed by the text it carries
    island = html.split('<script type="application/json" id="report-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in island


def test_the_report_is_self_contained(corpus_analyses):
    html = render_report(build(corpus_analyses))
    assert not re.search(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', html)
    assert "@import" not in html and "url(http" not in html
    assert html.count("<script") == 2  # the data island and the inline script


def test_every_claim_of_the_json_output_is_in_the_report(corpus_analyses):
    html = render_report(build(corpus_analyses))
    assert len(CLAIM_ROW.findall(html)) == sum(len(a.claims) for a in corpus_analyses) > 0
    for n, analysis in enumerate(corpus_analyses):
        for i, claim in enumerate(analysis.claims):
            if claim.mentions:
                assert f'id="d{n}-c{i}"' in html, (analysis.id, i)  # the figure's link target is in the text


def test_each_document_section_has_an_anchor_and_each_figure_links_into_its_document(corpus_analyses):
    html = render_report(build(corpus_analyses))
    head, *sections = html.split('<article class="doc')
    assert len(sections) == len(corpus_analyses)
    for n, section in enumerate(sections):
        assert f'id="doc-{n}"' in section and f'href="#doc-{n}"' in head  # the document index links to it
    linked = set(re.findall(r'class="fig[^"]*" href="#(d(\d+)-c\d+)"', head.split('id="accounts"', 1)[1]))
    assert linked
    for target, document in linked:  # a card's figure lands on the claim's mention in its own document
        assert f'id="{target}"' in sections[int(document)], target


def test_undated_reports_of_one_account_are_flagged_with_their_window_unknown():
    texts = ["Mara Quinn lost 340,000 followers.", "Quinn lost about 300,000 followers.",
             "Mara Quinn lost 204,000 followers."]
    analyses = []
    for n, text in enumerate(texts):
        start = text.index("lost")
        c = Claim("follower_loss", text.split(" lost")[0], "Twitter", int(text.split()[-2].replace(",", "")),
                  text.split()[-2], "approx" if "about" in text else "exact", None, None, None, None, "reporter",
                  "reporter", [Span(start, len(text) - 1, text[start:-1])])
        analyses.append(Analysis(f"doc-{n}", None, "Twitter", [], [c], [], text=text, meta={"source": f"Outlet {n}"}))
    html = render_report(build(analyses))
    assert html.count('class="change disagree undated" data-window="undated"') == 1
    assert "event window unknown" in html and "1 undated: event window unknown" in html


@pytest.mark.parametrize(
    ("head", "saved"),
    [
        (b'{"id": "a", "published": null, "statements": [], "claims": [], "explanations": []}\n', True),
        (b'[\n  {"id": "a", "statements": [], "claims": [], "explanations": []}]', True),
        (b'{"id": "a", "text": "I lost 5 followers.", "claims": [], "stances": []}\n', False),  # a gold line
        (b'{"id": "a", "text": "I lost 5 followers."}\n', False),
        (b"I lost 5 followers.", False),
    ],
)
def test_saved_output_is_detected_by_its_keys(head, saved):
    assert sniff_saved(head) is saved


def test_report_reads_saved_output_and_documents_together(tmp_path, corpus_analyses):
    saved = tmp_path / "saved.jsonl"
    saved.write_text("\n".join(a.to_json() for a in corpus_analyses[:4]) + "\n", encoding="utf-8")
    post = tmp_path / "post.txt"
    post.write_text(" date 2018-07-12\n author Jo Reed\nI just lost 4,000 followers overnight.", encoding="utf-8")
    assert is_saved_file(str(saved)) and not is_saved_file(str(post))
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(saved), str(post), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    expected = sum(len(a.claims) for a in corpus_analyses[:4]) + 1
    assert len(CLAIM_ROW.findall(html)) == expected
    assert "Jo Reed" in html
    assert f"5 document(s), {expected} claim(s)" in result.stderr


def test_report_skips_a_bad_saved_line_naming_it(tmp_path):
    saved = tmp_path / "saved.jsonl"
    good = Analysis("ok", None, None, [], [], []).to_json()
    saved.write_text(good + '\n{"id": "x", "statements": [], "explanations": [], "claims": [{"kind": 1}]}\n',
                     encoding="utf-8")
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", str(saved), "-o", str(out)])
    assert result.exit_code == 1
    assert f"[E107] {saved}:2: " in result.stderr and out.exists()


def test_report_needs_an_output_file(tmp_path):
    result = CliRunner().invoke(app, ["report", str(TEST_CORPUS)])
    assert result.exit_code == 2 and "--output" in result.stderr


@pytest.mark.slow
def test_realnews_report_shows_every_claim(tmp_path, request):
    if not (request.config.getoption("--runslow", default=False) or os.environ.get("CLAIMKIT_RUNSLOW") == "1"):
        pytest.skip("analyses 30 real articles: runs with --runslow")
    if not REALNEWS.exists():
        pytest.skip("../shared/realnews is absent (it is not shipped with the project)")
    out, saved = tmp_path / "real.html", tmp_path / "real.jsonl"
    runner = CliRunner()
    extracted = runner.invoke(app, ["extract", str(REALNEWS), "-f", "jsonl", "-o", str(saved)])
    assert extracted.exit_code in (0, 1)
    result = runner.invoke(app, ["report", str(saved), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    claims = sum(len(json.loads(line)["claims"]) for line in saved.read_text(encoding="utf-8").splitlines())
    html = out.read_text(encoding="utf-8")
    assert len(CLAIM_ROW.findall(html)) == claims
    view = build(Analysis.from_json(line) for line in saved.read_text(encoding="utf-8").splitlines())
    assert view.summary.shared_accounts >= 2


# --------------------------------------------------------------------------- in a real browser


def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install playwright; it is in the dev extra)")
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run installs it)")
    return sync_playwright


def test_report_in_headless_chromium(tmp_path, corpus_analyses):
    sync_playwright = browser()
    report = tmp_path / "report.html"
    report.write_text(render_report(build(corpus_analyses)), encoding="utf-8")
    errors: list[str] = []
    outside: list[str] = []
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
                                     headless=True, args=CHROMIUM_ARGS)
        try:
            page = chromium.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))

            def route(r):
                if r.request.url.startswith(("file:", "data:")):
                    r.continue_()
                else:
                    outside.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.goto(report.as_uri())
            page.wait_for_load_state("load")
            assert page.locator("table.matrix").is_visible()
            card = page.locator(".card").first
            assert card.is_visible()
            figure = card.locator("a.fig").first
            target = figure.get_attribute("data-target")
            figure.click()
            sentence = page.locator(f'.text span[data-t~="{target}"]')
            assert sentence.count() > 0
            assert all("hl" in (sentence.nth(i).get_attribute("class") or "") for i in range(sentence.count()))
            assert page.locator("#details").is_visible()
            assert page.locator(f'tr.claim-row[data-claim="{target}"].hl').count() == 1
            # a filter hides the cards of other accounts
            key = card.get_attribute("data-account")
            page.select_option("#f-account", key)
            assert page.locator(".card:not(.hidden)").count() == 1
            page.screenshot(path=str(tmp_path / "report.png"))
        finally:
            chromium.close()
    assert errors == []
    assert outside == []
    assert (tmp_path / "report.png").stat().st_size > 0
