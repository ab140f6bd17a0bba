"""The HTML set (``dev/html``): does the HTML reader find a page's title, date and body?

For each page of ``gold.jsonl`` (``pages/*.html.gz``, as crawled) the reader
(:func:`reportedly.ingest.html.parse_page`) is run on the raw bytes, without the URL, as
``reportedly extract page.html`` would. Scores, over pages:

* ``title.accuracy``: the title equals the gold title after white space is normalised;
* ``date.accuracy``: the publication date equals the gold date (both null also counts);
* ``body.f1`` (and ``body.precision``, ``body.recall``): token F1 of the extracted body
  against the gold body, tokens being lower-cased runs of word characters, counted as a
  multiset; the mean over pages.

No spaCy is needed. With ``predictions`` (JSONL, one object per page with ``file`` or ``id``
equal to the gold ``file``, and ``title``, ``published``, ``text``), another extractor's
output is scored instead.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from reportedly.evaluate import read_gold
from reportedly.options import Options

_TOKEN = re.compile(r"\w+")


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall((text or "").lower())


def token_prf(predicted: str | None, gold: str | None) -> tuple[float, float, float]:
    p, g = Counter(tokens(predicted)), Counter(tokens(gold))
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision = overlap / sum(p.values())
    recall = overlap / sum(g.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def normalise(text: str | None) -> str:
    return " ".join((text or "").split())


def _read_predictions(path: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                out[d.get("file") or d.get("id")] = d
    return out


def _extract(gold_dir: Path, file: str) -> dict[str, Any]:
    from reportedly.ingest.html import parse_page

    path = gold_dir / file
    raw = path.read_bytes()
    data = gzip.decompress(raw) if path.suffix == ".gz" else raw
    page, _ = parse_page(data, name=str(path))
    return {"title": page.title, "published": page.published, "text": page.body}


def evaluate(gold_dir: Path, predictions: Path | None, options: Options) -> dict[str, Any]:
    gold = read_gold(gold_dir)
    preds = _read_predictions(predictions) if predictions else None
    n = len(gold)
    title_ok = date_ok = 0
    ps: list[float] = []
    rs: list[float] = []
    fs: list[float] = []
    misses: list[dict[str, Any]] = []
    for g in gold:
        pred = preds.get(g["file"], {}) if preds is not None else _extract(gold_dir, g["file"])
        t = normalise(pred.get("title")) == normalise(g.get("title"))
        d = (pred.get("published") or None) == (g.get("published") or None)
        p, r, f = token_prf(pred.get("text"), g.get("body"))
        title_ok += t
        date_ok += d
        ps.append(p)
        rs.append(r)
        fs.append(f)
        if not t or not d or f < 0.9:
            misses.append({"file": g["file"], "body_f1": round(f, 4),
                           **({} if t else {"title": pred.get("title"), "gold_title": g.get("title")}),
                           **({} if d else {"published": pred.get("published"),
                                            "gold_published": g.get("published")})})

    def mean(xs: list[float]) -> float:
        return round(sum(xs) / len(xs), 4) if xs else 0.0

    return {
        "set": "html",
        "pages": n,
        "title": {"accuracy": round(title_ok / n, 4) if n else 0.0, "correct": title_ok},
        "date": {"accuracy": round(date_ok / n, 4) if n else 0.0, "correct": date_ok},
        "body": {"precision": mean(ps), "recall": mean(rs), "f1": mean(fs),
                 "pages_below_0.9": sum(1 for f in fs if f < 0.9)},
        "misses": misses,
    }


def format_report(report: dict[str, Any]) -> str:
    lines = [
        f"HTML pages: {report['pages']}",
        f"  title exact match  {report['title']['accuracy']:.4f}  ({report['title']['correct']}/{report['pages']})",
        f"  date match         {report['date']['accuracy']:.4f}  ({report['date']['correct']}/{report['pages']})",
        f"  body token P/R/F1  {report['body']['precision']:.4f} / {report['body']['recall']:.4f} / "
        f"{report['body']['f1']:.4f}  ({report['body']['pages_below_0.9']} pages below 0.9)",
    ]
    misses = report.get("misses") or []
    if misses:
        lines.append("  misses:")
        for m in misses:
            parts = [f"body F1 {m['body_f1']:.2f}"]
            if "gold_title" in m:
                parts.append(f"title {m['title']!r} vs gold {m['gold_title']!r}")
            if "gold_published" in m:
                parts.append(f"date {m['published']} vs gold {m['gold_published']}")
            lines.append(f"    {m['file']}: " + "; ".join(parts))
    return "\n".join(lines)
