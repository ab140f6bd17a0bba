"""Figure-claim evaluation (``dev/claims`` and ``seed``): P/R/F1 and field accuracy.

A predicted claim matches a gold claim when document, kind and value agree. Matching is
greedy and one-to-one per document; when several predictions share kind and value, the
one agreeing on most fields is taken. Over matched pairs, each field is scored:

- ``qualifier``, ``group``, ``claimant_type``, ``stance``, ``aggregate``, ``event_type``: equality;
- ``claimant``: normalised text containment either way (lower case, punctuation and
  articles stripped); null matches null only;
- ``places.location``: among matched claims whose gold has a location, normalised
  containment of the gold name in the predicted name or the reverse;
- ``places.date``: among matched claims whose gold has a date, overlap between the gold
  ISO date/range and the predicted ``time.date_start``/``date_end`` (an unresolved time
  counts as a miss; ``places.date_coverage`` tells how many were resolved at all).

Records of an accident's casualties (``event_type: accident``, see ``model.ACCIDENT``) are
no figure claims (GUIDELINES.md): they are left out of the predictions before matching.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from reportedly.evaluate import predict, prf, read_gold
from reportedly.model import ACCIDENT
from reportedly.options import Options

FIELDS = ("qualifier", "group", "claimant", "claimant_type", "stance", "aggregate", "event_type")


def norm(text: str | None) -> str:
    if not text:
        return ""
    t = re.sub(r"[^\w\s]", " ", text.lower().replace("’", "'").replace("'s ", " "))
    return " ".join(w for w in t.split() if w not in ("the", "a", "an"))


def claimant_match(gold: str | None, pred: str | None) -> bool:
    g, p = norm(gold), norm(pred)
    if not g or not p:
        return not g and not p
    return g in p or p in g


def _pred_text(d: dict[str, Any] | None) -> str | None:
    if d is None:
        return None
    if isinstance(d, dict):
        return d.get("text") or d.get("name")
    return str(d)


def field_value(pred: dict[str, Any], name: str) -> Any:
    if name == "claimant":
        return _pred_text(pred.get("claimant"))
    return pred.get(name)


def field_ok(gold: dict[str, Any], pred: dict[str, Any], name: str) -> bool:
    if name == "claimant":
        return claimant_match(gold.get("claimant"), _pred_text(pred.get("claimant")))
    g = gold.get(name)
    p = pred.get(name)
    if name == "aggregate":
        return bool(g) == bool(p)
    return g == p


def _date_range(iso: str) -> tuple[str, str] | None:
    parts = iso.split("/")
    start = parts[0]
    end = parts[-1]

    def lo(x: str) -> str:
        return (x + "-01-01")[:10] if len(x) == 4 else (x + "-01")[:10] if len(x) == 7 else x[:10]

    def hi(x: str) -> str:
        if len(x) == 4:
            return x + "-12-31"
        if len(x) == 7:
            return x + "-31"
        return x[:10]

    if not start:
        return None
    return lo(start), hi(end)


def date_overlap(gold: str, pred_time: dict[str, Any] | None) -> bool | None:
    """True/False when the prediction has a resolved date, None when it has none."""
    if not pred_time or not pred_time.get("date_start"):
        return None
    g = _date_range(gold)
    ps = pred_time["date_start"]
    pe = pred_time.get("date_end") or ps
    p = _date_range(f"{ps}/{pe}")
    if g is None or p is None:
        return None
    return not (p[1] < g[0] or g[1] < p[0])


def match_document(gold: list[dict[str, Any]], preds: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Greedy one-to-one matches (gold index, prediction index) on kind and value."""
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for gi, g in enumerate(gold):
        best = None
        best_score = -1
        for pi, p in enumerate(preds):
            if pi in used or p.get("kind") != g.get("kind") or int(p.get("value", -1)) != int(g.get("value", -2)):
                continue
            score = sum(field_ok(g, p, f) for f in FIELDS)
            if score > best_score:
                best, best_score = pi, score
        if best is not None:
            used.add(best)
            pairs.append((gi, best))
    return pairs


def evaluate(gold_dir: Path, predictions: Path | None, options: Options) -> dict[str, Any]:
    gold_lines = read_gold(gold_dir)
    preds = predict(gold_dir, predictions, options)
    tp = fp = fn = 0
    field_hits = {f: 0 for f in FIELDS}
    loc_n = loc_hit = date_n = date_hit = date_resolved = 0
    documents: dict[str, Any] = {}
    for line in gold_lines:
        doc_id = line["doc_id"]
        gold = line.get("claims", [])
        pred_doc = preds.get(doc_id, {})
        pc = [c for c in pred_doc.get("claims", []) if c.get("event_type") != ACCIDENT]
        pairs = match_document(gold, pc)
        tp += len(pairs)
        fp += len(pc) - len(pairs)
        fn += len(gold) - len(pairs)
        matched_g = {g for g, _ in pairs}
        matched_p = {p for _, p in pairs}
        field_errors = []
        for gi, pi in pairs:
            g, p = gold[gi], pc[pi]
            for f in FIELDS:
                if field_ok(g, p, f):
                    field_hits[f] += 1
                else:
                    field_errors.append({"kind": g["kind"], "value": g["value"], "field": f,
                                         "gold": g.get(f), "pred": field_value(p, f)})
            if g.get("location"):
                loc_n += 1
                pl = _pred_text(p.get("location"))
                if pl and (norm(g["location"]) in norm(pl) or norm(pl) in norm(g["location"])) and norm(pl):
                    loc_hit += 1
            if g.get("date"):
                date_n += 1
                ov = date_overlap(g["date"], p.get("time"))
                if ov is not None:
                    date_resolved += 1
                if ov:
                    date_hit += 1
        documents[doc_id] = {
            "tp": len(pairs), "fp": len(pc) - len(pairs), "fn": len(gold) - len(pairs),
            "missed": [{"kind": g["kind"], "value": g["value"], "evidence": g.get("evidence", "")[:160]}
                       for i, g in enumerate(gold) if i not in matched_g],
            "spurious": [{"kind": p["kind"], "value": p["value"],
                          "evidence": (p.get("evidence") or {}).get("text", "")[:160]}
                         for i, p in enumerate(pc) if i not in matched_p],
            "field_errors": field_errors,
        }
    n = tp
    return {
        "claims": prf(tp, fp, fn),
        "fields": {f: round(field_hits[f] / n, 4) if n else 0.0 for f in FIELDS},
        "places": {
            "location": round(loc_hit / loc_n, 4) if loc_n else 0.0,
            "date": round(date_hit / date_n, 4) if date_n else 0.0,
            "date_coverage": round(date_resolved / date_n, 4) if date_n else 0.0,
            "location_n": loc_n, "date_n": date_n,
        },
        "documents": documents,
    }


def format_report(report: dict[str, Any]) -> str:
    c = report["claims"]
    lines = [
        f"figure claims  P {c['precision']:.3f}  R {c['recall']:.3f}  F1 {c['f1']:.3f}  "
        f"(tp {c['tp']}, fp {c['fp']}, fn {c['fn']})",
        "fields over matched claims:",
    ]
    for f, v in report["fields"].items():
        lines.append(f"  {f:<14} {v:.3f}")
    pl = report["places"]
    lines.append(f"places: location {pl['location']:.3f} (n={pl['location_n']}), date {pl['date']:.3f} "
                 f"(n={pl['date_n']}, resolved {pl['date_coverage']:.3f})")
    return "\n".join(lines)
