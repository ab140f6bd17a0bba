"""FA-KES evaluation: is the gold killed count among the killed figures we extracted?

For every gold line (an article may have several), two readings of FORMAT.md's
"the gold killed count (civilians, and non-civilians when > 0)" are scored:

- ``fakes.hit_rate`` (the headline figure): the *total*, ``killed_civilians +
  killed_noncivilians``, is among the article's extracted ``killed`` values. This is the
  number an article most often states ("29 rebels killed", "48 people dead").
- ``fakes.hit_rate_parts``: civilians, and non-civilians when > 0, are *each* among the
  extracted values (both must be found when both are > 0).

``fakes.hit_rate_any`` counts a line when either reading hits. Lines whose total is 0 are
counted as hits when nothing killed was extracted. Location (governorate) accuracy is
reported as informational: the gold governorate name appears in an extracted claim's
location name. Records of an accident's casualties (``model.ACCIDENT``) are no figure claims
and are left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportedly.evaluate import predict, read_gold
from reportedly.model import ACCIDENT
from reportedly.options import Options


def evaluate(gold_dir: Path, predictions: Path | None, options: Options) -> dict[str, Any]:
    gold = read_gold(gold_dir)
    preds = predict(gold_dir, predictions, options)
    n = hit_total = hit_parts = hit_any = 0
    loc_n = loc_hit = 0
    documents: dict[str, Any] = {}
    for g in gold:
        doc_id = g["doc_id"]
        claims = [c for c in preds.get(doc_id, {}).get("claims", []) if c.get("event_type") != ACCIDENT]
        killed = {int(c["value"]) for c in claims if c.get("kind") == "killed"}
        civ = int(g.get("killed_civilians") or 0)
        non = int(g.get("killed_noncivilians") or 0)
        total = civ + non
        n += 1
        if total == 0:
            ok_total = ok_parts = not killed
        else:
            ok_total = total in killed
            parts = [x for x in (civ, non) if x > 0]
            ok_parts = all(x in killed for x in parts)
        hit_total += ok_total
        hit_parts += ok_parts
        hit_any += ok_total or ok_parts
        if g.get("location"):
            loc_n += 1
            names = " ".join((c.get("location") or {}).get("name", "") for c in claims).lower()
            if g["location"].lower() in names:
                loc_hit += 1
        documents.setdefault(doc_id, []).append({
            "total": total, "civilians": civ, "noncivilians": non, "extracted": sorted(killed),
            "hit": ok_total, "hit_parts": ok_parts,
        })
    return {
        "fakes": {
            "hit_rate": round(hit_total / n, 4) if n else 0.0,
            "hit_rate_parts": round(hit_parts / n, 4) if n else 0.0,
            "hit_rate_any": round(hit_any / n, 4) if n else 0.0,
            "lines": n,
            "location": round(loc_hit / loc_n, 4) if loc_n else 0.0,
        },
        "documents": documents,
    }


def format_report(report: dict[str, Any]) -> str:
    f = report["fakes"]
    return (f"FA-KES killed-count hit rate (total among extracted killed figures): {f['hit_rate']:.3f} "
            f"over {f['lines']} lines\n"
            f"  civilians and non-civilians each: {f['hit_rate_parts']:.3f}; either reading: {f['hit_rate_any']:.3f}\n"
            f"  governorate named in a claim location: {f['location']:.3f}")
