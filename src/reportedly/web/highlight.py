"""Highlight stretches of an article without ever emitting its text unescaped.

The text is cut at every span boundary; each segment is escaped on its own and, when any
span covers it, wrapped in one ``<span>`` whose classes name every covering span. Overlapping
and nested spans therefore need no nesting of tags, and no offset can split an HTML entity.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Mark:
    """A span to highlight: ``[start, end)`` into the text, with CSS classes and a tooltip."""

    start: int
    end: int
    classes: tuple[str, ...]
    title: str = ""
    anchor: str | None = None  # an element id placed where the span begins
    data: tuple[tuple[str, str], ...] = field(default=())


def _clip(marks: Iterable[Mark], n: int) -> list[Mark]:
    out = []
    for m in marks:
        s, e = max(0, min(m.start, n)), max(0, min(m.end, n))
        if e > s:
            out.append(Mark(s, e, m.classes, m.title, m.anchor, m.data))
    return out


def highlight(text: str, marks: Iterable[Mark], start: int = 0, end: int | None = None) -> Markup:
    """HTML for ``text[start:end]`` with every mark wrapped in spans; everything escaped.

    Marks with offsets outside the text (or the window) are clipped or dropped, never trusted.
    """
    n = len(text)
    lo = max(0, min(start, n))
    hi = n if end is None else max(lo, min(end, n))
    ms = [m for m in _clip(marks, n) if m.end > lo and m.start < hi]
    cuts = {lo, hi}
    for m in ms:
        cuts.add(max(m.start, lo))
        cuts.add(min(m.end, hi))
    points = sorted(cuts)
    out: list[str] = []
    for a, b in zip(points, points[1:], strict=False):
        seg = escape(text[a:b])
        cover = [m for m in ms if m.start <= a and m.end >= b]
        if not cover:
            out.append(str(seg))
            continue
        classes: list[str] = ["hl"]
        titles: list[str] = []
        anchors: list[str] = []
        data: dict[str, str] = {}
        for m in cover:
            for c in m.classes:
                if c not in classes:
                    classes.append(c)
            if m.title and m.title not in titles:
                titles.append(m.title)
            if m.anchor and m.start == a and m.anchor not in anchors:
                anchors.append(m.anchor)
            for k, v in m.data:
                data.setdefault(k, v)
        attrs = [f' class="{escape(" ".join(classes))}"']
        if titles:
            attrs.append(f' title="{escape("; ".join(titles))}"')
        for k, v in sorted(data.items()):
            attrs.append(f' data-{escape(k)}="{escape(v)}"')
        pre = "".join(f'<a class="anchor" id="{escape(x)}"></a>' for x in anchors)
        out.append(f'{pre}<span{"".join(attrs)}>{seg}</span>')
    return Markup("".join(out))


def snippet_bounds(text: str, start: int, end: int, context: int = 160) -> tuple[int, int]:
    """A window around ``[start, end)`` widened by ``context`` characters, cut at word breaks."""
    n = len(text)
    a = max(0, min(start, n) - context)
    b = min(n, max(end, 0) + context)
    if a > 0 and not text[a - 1].isspace():  # mid-word: start at the next word
        sp = text.find(" ", a, start) if start > a else -1
        a = sp + 1 if sp >= 0 else a
    if b < n and not text[b].isspace():  # mid-word: end at the previous word
        sp = text.rfind(" ", end, b) if b > end else -1
        b = sp if sp >= 0 else b
    return a, b

