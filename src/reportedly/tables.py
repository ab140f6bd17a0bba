"""Plain-text tables for the terminal."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reportedly.model import DocumentResult


def render_table(headers: Sequence[str], rows: Iterable[Sequence[object]], max_width: int = 40) -> str:
    """A fixed-width table; long cells are cut with an ellipsis."""

    def cell(v: object) -> str:
        s = "" if v is None else str(v)
        s = " ".join(s.split())
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    body = [[cell(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in body:
        for i, v in enumerate(row):
            widths[i] = max(widths[i], len(v))
    line = "  ".join(h.ljust(widths[i]) for i, h in enumerate(headers))
    sep = "  ".join("-" * w for w in widths)
    out = [line.rstrip(), sep]
    out += ["  ".join(v.ljust(widths[i]) for i, v in enumerate(row)).rstrip() for row in body]
    return "\n".join(out)


def _figure(c: object) -> str:
    q = {"exact": "", "at_least": "≥", "more_than": ">", "at_most": "≤", "approx": "~", "vague": "~"}
    return f"{q.get(getattr(c, 'qualifier', ''), '')}{getattr(c, 'value', '')}"


def claims_table(results: Iterable[DocumentResult]) -> str:
    """One row per claim: document, kind, figure, group, claimant, stance, place, date."""
    headers = ["document", "kind", "figure", "group", "claimant", "type", "stance", "event", "place", "date"]
    rows = []
    for r in results:
        name = r.document.title or r.document.name
        for c in r.claims:
            rows.append([
                name, c.kind, _figure(c), c.group,
                c.claimant.text if c.claimant else "—", c.claimant_type,
                c.stance + (" (aggregate)" if c.aggregate else ""),
                c.event_type or "", c.location.name if c.location else "",
                (c.time.iso or c.time.text) if c.time else "",
            ])
    return render_table(headers, rows, max_width=32)
