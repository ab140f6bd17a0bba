"""Evaluation against the gold sets described in ``../shared/eval/FORMAT.md``.

Each set has its own module exposing::

    evaluate(gold_dir: Path, predictions: Path | None, options: Options) -> dict[str, Any]
    format_report(report: dict[str, Any]) -> str

``evaluate`` runs the pipeline on the set's documents unless a predictions file
(JSONL in the document output schema) is given.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reportedly.model import Document
from reportedly.options import DEFAULT, Options

# set name -> module under reportedly.evaluate
SETS: dict[str, str] = {
    "claims": "claims",
    "seed": "claims",
    "fakes": "fakes",
    "attribution": "attribution",
    "event-types": "event_types",
    "places-gwn": "places",
    "gva": "gva",
    "gvdb": "gvdb",
    "html": "html",
}


class UnknownSet(ValueError):
    pass


def detect_set(gold_dir: Path) -> str:
    """The set a gold folder holds, by its name, else by the shape of its gold."""
    name = gold_dir.resolve().name
    if name in SETS:
        return name
    gold = gold_dir / "gold.jsonl"
    if gold.exists():
        with gold.open(encoding="utf-8") as fh:
            first = json.loads(fh.readline() or "{}")
        keys = set(first)
        if "claims" in keys:
            return "claims"
        if "attributions" in keys:
            return "attribution"
        if "acled_event_type" in keys:
            return "event-types"
        if "toponyms" in keys:
            return "places-gwn"
        if "credible" in keys:
            return "fakes"
        if "victims" in keys:
            return "gvdb"
        if "incident" in keys and "killed" in keys:
            return "gva"
        if "body" in keys and "file" in keys:
            return "html"
    raise UnknownSet(f"{gold_dir}: not a known evaluation set (expected one of {', '.join(sorted(SETS))})")


def evaluate(gold_dir: Path | str, predictions: Path | str | None = None,
             options: Options = DEFAULT, set_name: str | None = None) -> dict[str, Any]:
    gold_dir = Path(gold_dir)
    name = set_name or detect_set(gold_dir)
    mod = importlib.import_module(f"reportedly.evaluate.{SETS[name]}")
    report: dict[str, Any] = mod.evaluate(gold_dir, Path(predictions) if predictions else None, options)
    report.setdefault("set", name)
    return report


def format_report(report: dict[str, Any]) -> str:
    mod = importlib.import_module(f"reportedly.evaluate.{SETS[report['set']]}")
    text: str = mod.format_report(report)
    return text


def read_documents(gold_dir: Path) -> Iterator[Document]:
    """The documents of an evaluation set (``documents.jsonl``)."""
    with (gold_dir / "documents.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            d = json.loads(line)
            yield Document(text=d["text"], id=d["id"], title=d.get("title"),
                           published=d.get("published"), source=d.get("source"), url=d.get("url"))


def read_gold(gold_dir: Path) -> list[dict[str, Any]]:
    path = gold_dir / "gold.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_predictions(path: Path) -> dict[str, dict[str, Any]]:
    """Predictions in the document output schema, keyed by document id."""
    out: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                out[d["document"]["id"]] = d
    return out


def predict(gold_dir: Path, predictions: Path | None, options: Options) -> dict[str, dict[str, Any]]:
    """Predictions for a set's documents: read from a file, or computed now."""
    if predictions is not None:
        return read_predictions(predictions)
    from reportedly.pipeline import extract_documents

    return {r.document.id: r.to_dict() for r in extract_documents(read_documents(gold_dir), options)}


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}
