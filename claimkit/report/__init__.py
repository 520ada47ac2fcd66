"""The newsroom report: one self-contained HTML file over a corpus.

`render_report(view)` fills the Jinja2 template in `templates/` (package data)
from a `claimkit.newsroom.CorpusView`: corpus summary, the explanation matrix
with the platforms' positions, one card per account (inline SVG timeline,
consolidated figures, disagreements flagged), and every document with its
claims, statements and stance evidence highlighted in place. CSS and script
are inline; nothing is fetched, so the file works offline and as an email
attachment. Every text goes through Jinja2's autoescaping.

Example:
    >>> from claimkit.newsroom import build
    >>> from claimkit.report import render_report
    >>> html = render_report(build(analyses))        # doctest: +SKIP
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timezone
from typing import Any

from claimkit.errors import ConfigError
from claimkit.newsroom.consolidate import UNDATED_TOLERANCE
from claimkit.newsroom.model import ClaimRef, CorpusView, DocumentInfo, StanceRef, TimelinePoint
from claimkit.render.views import KIND_LABELS, claim_sentence, format_amount, format_span
from claimkit.report.highlight import pieces
from claimkit.report.svg import timeline_svg

TEMPLATE = "report.html.j2"


def _environment():
    try:
        import jinja2
    except ImportError:  # pragma: no cover - jinja2 is a core dependency
        raise ConfigError(
            "the HTML report needs Jinja2; install it with `pip install jinja2`"
        ) from None
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("claimkit.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.policies["json.dumps_kwargs"] = {"sort_keys": False, "ensure_ascii": True}
    return environment


def claim_id(ref: ClaimRef) -> str:
    """The id of a claim's mentions in the report (`d{doc}-c{n}`)."""
    return f"d{ref.document}-c{ref.claim_index}"


def stance_id(ref: StanceRef) -> str:
    """The id of a stance's evidence in the report (`d{doc}-x{e}-{n}`)."""
    return f"d{ref.document}-x{ref.explanation}-{ref.index}"


def figure_label(ref: ClaimRef, view: CorpusView) -> str:
    """`340,000 (exact) · outlet · date · said by NAME (role)` for a figure."""
    claim = ref.claim
    bits = [f"{format_amount(claim)} ({claim.qualifier})", KIND_LABELS.get(claim.kind, claim.kind)]
    doc = view.documents[ref.document]
    bits.append(ref.outlet or doc.id)
    if ref.date:
        bits.append(ref.date)
    bits.append(f"said by {claim.source_speaker} ({claim.source_role})")
    return " · ".join(bits)


def _document_causes(info: DocumentInfo) -> list[str]:
    return [e.cause for e in info.analysis.explanations]


def _details(view: CorpusView) -> dict[str, dict[str, Any]]:
    """What a click on a mark shows, by mark id."""
    details: dict[str, dict[str, Any]] = {}
    for info in view.documents:
        analysis = info.analysis
        for n, s in enumerate(analysis.statements):
            details[f"d{info.index}-s{n}"] = {
                "what": f"Statement {n}", "document": info.id, "speaker": s.speaker, "role": s.role, "cue": s.cue,
                "date": s.date or "", "handle": s.handle or "",
            }
        for n, c in enumerate(analysis.claims):
            details[f"d{info.index}-c{n}"] = {
                "what": f"Claim {n}", "document": info.id, "kind": c.kind, "subject": c.subject, "amount": format_amount(c),
                "qualifier": c.qualifier, "span": format_span(c), "platform": c.platform or "",
                "speaker": c.source_speaker, "role": c.source_role,
                "statement": "" if c.statement is None else str(c.statement),
            }
        for e, explanation in enumerate(analysis.explanations):
            for n, r in enumerate(explanation.stances):
                details[f"d{info.index}-x{e}-{n}"] = {
                    "what": "Stance evidence", "document": info.id, "cause": explanation.cause, "stance": r.stance,
                    "confidence": f"{r.confidence:.2f}", "speaker": r.speaker, "voice": r.voice or "",
                    "role": r.role, "statement": str(r.statement),
                    "official position": explanation.official_position,
                }
    return details


def build_context(view: CorpusView, title: str = "claimkit newsroom report") -> dict[str, Any]:
    """Everything the template shows, as plain values (the template only loops and escapes)."""
    names = {a.key: a.name for a in view.accounts}
    claims_by_account: dict[str, list[ClaimRef]] = defaultdict(list)
    for ref in view.claims:
        claims_by_account[ref.account].append(ref)
    cards = []
    for account in view.accounts:
        refs = claims_by_account.get(account.key)
        if not refs:
            continue
        timeline = view.timeline(account.key)
        points: tuple[TimelinePoint, ...] = timeline.points if timeline else ()
        docs = sorted({r.document for r in refs})
        dates = sorted(r.date for r in refs if r.date)
        cards.append({
            "account": account,
            "refs": refs,
            "documents": docs,
            "outlets": sorted({r.outlet for r in refs if r.outlet}),
            "changes": view.changes_of(account.key),
            "chart": timeline_svg(
                points, lambda p: "#" + claim_id(p.ref), lambda p: figure_label(p.ref, view),
                title=f"Claims about {account.name} over time",
            ),
            "undated": [p for p in points if not p.date or p.change is None],
            "platforms": sorted({r.claim.platform for r in refs if r.claim.platform}),
            "causes": sorted({c for d in docs for c in _document_causes(view.documents[d])}),
            "first": dates[0] if dates else "",
            "last": dates[-1] if dates else "",
            "disagreements": sum(1 for c in view.changes_of(account.key) if c.disagreement),
        })
    cards.sort(key=lambda c: (-len(c["documents"]), -c["disagreements"], -len(c["refs"]), c["account"].name.lower()))
    claims_by_document: dict[int, list[ClaimRef]] = defaultdict(list)
    for ref in view.claims:
        claims_by_document[ref.document].append(ref)
    documents = []
    for info in view.documents:
        cut, full = pieces(info.index, info.analysis)
        accounts = sorted({r.account for r in claims_by_document[info.index]})
        documents.append({
            "info": info,
            "pieces": cut,
            "full_text": full,
            "claims": claims_by_document[info.index],
            "rows": [
                {"id": f"d{info.index}-c{n}", "number": n, "claim": claim,
                 "sentence": claim_sentence(info.analysis, claim)}
                for n, claim in enumerate(info.analysis.claims)
            ],
            "accounts": accounts,
            "causes": _document_causes(info),
            "platforms": [info.platform] if info.platform else [],
        })
    matrix = []
    for row in view.matrix:
        docs = [view.documents[d] for d in row.documents]
        speakers = {s.account for group in (row.supporters, row.deniers, row.queriers) for s in group}
        matrix.append({
            "row": row,
            "platforms": sorted({d.platform for d in docs if d.platform}),
            "accounts": sorted(speakers),
            "first": min((d.published for d in docs if d.published), default=""),
            "last": max((d.published for d in docs if d.published), default=""),
        })
    return {
        "title": title,
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "view": view,
        "summary": view.summary,
        "cards": cards,
        "documents": documents,
        "matrix": matrix,
        "names": names,
        "details": _details(view),
        "causes": [r.cause for r in view.matrix],
        "filter_accounts": [c["account"] for c in cards],
        "claim_id": claim_id,
        "stance_id": stance_id,
        "figure_label": lambda ref: figure_label(ref, view),
        "format_amount": format_amount,
        "format_span": format_span,
        "kind_label": lambda kind: KIND_LABELS.get(kind, kind),
        "undated_tolerance": f"{UNDATED_TOLERANCE:g}",
    }


def render_report(view: CorpusView, title: str = "claimkit newsroom report") -> str:
    """The report as one HTML string.

    Raises:
        ConfigError: Jinja2 is not installed.
    """
    template = _environment().get_template(TEMPLATE)
    return template.render(**build_context(view, title))


__all__ = ["build_context", "claim_id", "figure_label", "render_report", "stance_id"]
