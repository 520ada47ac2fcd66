"""Small hand-written SVG charts for the report (no script, no fonts, no external files).

Every text and attribute value is escaped; each point is a link to the
sentence its figure comes from.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date

from markupsafe import Markup, escape

from claimkit.newsroom.model import TimelinePoint

WIDTH, HEIGHT = 420, 150
LEFT, RIGHT, TOP, BOTTOM = 52, 14, 12, 26
LOSS, GAIN = "#c0392b", "#1e8449"


def _days(value: str) -> int:
    return date.fromisoformat(value).toordinal()


def short_number(value: float) -> str:
    """1200 → "1.2k", 3400000 → "3.4M"."""
    value = abs(value)
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if value >= limit:
            text = f"{value / limit:.1f}".rstrip("0").rstrip(".")
            return text + suffix
    return f"{value:.0f}"


def timeline_svg(
    points: Sequence[TimelinePoint],
    href: Callable[[TimelinePoint], str],
    label: Callable[[TimelinePoint], str],
    title: str = "",
) -> Markup:
    """A dated gains-and-losses chart: time across, figure up (log scale), a dot per claim.

    Losses are red dots below a loss axis label, gains green; each dot links to
    `href(point)` and shows `label(point)` on hover. Points without a date or a
    figure are left out (the card lists them). Returns "" when nothing is dated.
    """
    drawn = [p for p in points if p.date and p.change]
    if not drawn:
        return Markup("")
    days = [_days(p.date) for p in drawn]
    sizes = [abs(p.change) for p in drawn]
    lo_day, hi_day = min(days), max(days)
    if lo_day == hi_day:
        lo_day, hi_day = lo_day - 1, hi_day + 1
    lo_exp = math.floor(math.log10(min(sizes)))
    hi_exp = max(math.ceil(math.log10(max(sizes))), lo_exp + 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: int) -> float:
        return LEFT + (day - lo_day) / (hi_day - lo_day) * plot_w

    def y(size: float) -> float:
        return TOP + plot_h - (math.log10(size) - lo_exp) / (hi_exp - lo_exp) * plot_h

    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="#fafafa" stroke="#ccc"/>',
    ]
    step = max(1, (hi_exp - lo_exp + 3) // 4)
    for exp in range(lo_exp, hi_exp + 1, step):
        yy = y(10**exp)
        parts.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="#e3e3e3"/>')
        parts.append(
            f'<text x="{LEFT - 4}" y="{yy + 4:.1f}" text-anchor="end" font-size="10">{short_number(10**exp)}</text>'
        )
    first, last = date.fromordinal(min(days)).isoformat(), date.fromordinal(max(days)).isoformat()
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 8}" font-size="10">{first}</text>')
    if last != first:
        parts.append(f'<text x="{LEFT + plot_w}" y="{HEIGHT - 8}" font-size="10" text-anchor="end">{last}</text>')
    for point, day, size in sorted(zip(drawn, days, sizes, strict=True), key=lambda t: t[1]):
        colour = GAIN if point.change > 0 else LOSS
        shape = (
            f'<circle cx="{x(day):.1f}" cy="{y(size):.1f}" r="5" fill="{colour}" fill-opacity="0.8"/>'
            if point.change < 0
            else f'<rect x="{x(day) - 4:.1f}" y="{y(size) - 4:.1f}" width="8" height="8" fill="{colour}"/>'
        )
        parts.append(
            f'<a href="{escape(href(point))}" class="point" data-target="{escape(href(point).lstrip("#"))}">'
            f"<title>{escape(label(point))}</title>{shape}</a>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
