"""The fatalities timeline as inline SVG (server-side: no script, works without JavaScript)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

WIDTH, HEIGHT = 600, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 8, 10, 28


def _nice_max(v: int) -> int:
    if v <= 5:
        return 5
    mag = 10 ** (len(str(v)) - 1)
    for m in (1, 2, 2.5, 5, 10):
        if v <= m * mag:
            return int(m * mag)
    return v


def timeline_svg(tl: dict[str, Any]) -> Markup:
    """Bars of killed (and, stacked above, injured) per bucket, with axis labels and tooltips."""
    buckets = tl.get("buckets") or []
    if not buckets:
        return Markup('<p class="muted">No dated incident matches these filters.</p>')
    top = _nice_max(max(max(b["killed"] + b["injured"] for b in buckets), 1))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = len(buckets)
    step = plot_w / n
    bar_w = max(1.0, step * 0.8)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-label="fatalities per {escape(tl.get("unit", "day"))}">']
    for frac in (0, 0.5, 1):
        y = TOP + plot_h * (1 - frac)
        parts.append(f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'stroke-opacity="{0.9 if frac == 0 else 0.25}"/>')
        parts.append(f'<text x="{LEFT - 4}" y="{y + 3:.1f}" text-anchor="end">{int(top * frac)}</text>')
    for i, b in enumerate(buckets):
        x = LEFT + i * step + (step - bar_w) / 2
        hk = plot_h * b["killed"] / top
        hi = plot_h * b["injured"] / top
        label = escape(f'{b["key"]}: {b["killed"]} killed, {b["injured"]} injured in {b["events"]} incident(s)')
        parts.append(f'<g class="bucket" data-key="{escape(b["key"])}"><title>{label}</title>')
        if hk > 0:
            parts.append(f'<rect class="bar" x="{x:.2f}" y="{TOP + plot_h - hk:.2f}" width="{bar_w:.2f}" '
                         f'height="{hk:.2f}"/>')
        if hi > 0:
            parts.append(f'<rect class="bar-injured" x="{x:.2f}" y="{TOP + plot_h - hk - hi:.2f}" '
                         f'width="{bar_w:.2f}" height="{hi:.2f}"/>')
        # an invisible full-height target so that small bars still show their tooltip
        parts.append(f'<rect x="{LEFT + i * step:.2f}" y="{TOP}" width="{step:.2f}" height="{plot_h}" '
                     'fill="transparent"/></g>')
    ticks: list[int] = []
    min_gap = 70 / step  # labels at least 70 units apart; the last bucket always labelled
    for i in sorted({0, n - 1, *range(0, n, max(1, n // 5))}):
        if i >= n:
            continue
        while ticks and i - ticks[-1] < min_gap:
            if i != n - 1:
                break
            ticks.pop()
        else:
            ticks.append(i)
    for i in ticks:
        x = LEFT + i * step + step / 2
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - 10}" text-anchor="middle">{escape(buckets[i]["key"])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
