"""Event-type evaluation on CASE 2021 Task 2 snippets (``dev/event-types``).

A snippet's predicted type is the type of its first mention (``none`` when it has no
mention). Scores: macro-F1 over the six ACLED event types plus ``none``, per-class
precision/recall/F1, accuracy and the confusion matrix (gold -> predicted -> count).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportedly.evaluate import predict, prf, read_gold
from reportedly.model import EVENT_TYPES
from reportedly.options import Options

NONE = "none"
CLASSES: tuple[str, ...] = (*EVENT_TYPES, NONE)


def predicted_type(result: dict[str, Any] | None) -> str:
    """The type of a document's first mention (by position), or ``none``."""
    if not result:
        return NONE
    mentions = result.get("mentions") or []
    if not mentions:
        return NONE
    first = min(mentions, key=lambda m: (m["evidence"]["start"], m["trigger"]["start"]))
    return str(first["event_type"])


def score(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Scores for (gold, predicted) class pairs."""
    per_class: dict[str, dict[str, float]] = {}
    for c in CLASSES:
        tp = sum(1 for g, p in pairs if g == c and p == c)
        fp = sum(1 for g, p in pairs if g != c and p == c)
        fn = sum(1 for g, p in pairs if g == c and p != c)
        per_class[c] = prf(tp, fp, fn)
    confusion: dict[str, dict[str, int]] = {g: {p: 0 for p in CLASSES} for g in CLASSES}
    for g, p in pairs:
        confusion[g][p] += 1
    n = len(pairs)
    macro = sum(per_class[c]["f1"] for c in CLASSES) / len(CLASSES)
    macro6 = sum(per_class[c]["f1"] for c in EVENT_TYPES) / len(EVENT_TYPES)
    return {
        "documents": n,
        "macro_f1": round(macro, 4),
        "macro_f1_acled": round(macro6, 4),
        "accuracy": round(sum(1 for g, p in pairs if g == p) / n, 4) if n else 0.0,
        "per_class": per_class,
        "confusion": confusion,
    }


def evaluate(gold_dir: Path, predictions: Path | None, options: Options) -> dict[str, Any]:
    gold = read_gold(gold_dir)
    preds = predict(gold_dir, predictions, options)
    pairs = [(g.get("acled_event_type") or NONE, predicted_type(preds.get(g["doc_id"]))) for g in gold]
    report = score(pairs)
    report["set"] = "event-types"
    return report


def format_report(report: dict[str, Any]) -> str:
    lines = [
        f"event-types: {report['documents']} snippets",
        f"macro-F1 (7 classes incl. none): {report['macro_f1']:.4f}   "
        f"macro-F1 (6 ACLED types): {report['macro_f1_acled']:.4f}   accuracy: {report['accuracy']:.4f}",
        "",
        f"{'class':<28}{'P':>8}{'R':>8}{'F1':>8}{'n':>6}",
    ]
    for c in CLASSES:
        s = report["per_class"][c]
        lines.append(f"{c:<28}{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}{s['tp'] + s['fn']:>6}")
    lines.append("")
    abbrev = {c: c[:6] for c in CLASSES}
    lines.append("confusion (rows gold, columns predicted)")
    lines.append(" " * 28 + "".join(f"{abbrev[c]:>8}" for c in CLASSES))
    for g in CLASSES:
        lines.append(f"{g:<28}" + "".join(f"{report['confusion'][g][p]:>8}" for p in CLASSES))
    return "\n".join(lines)
