"""Toponym recognition and resolution on GeoWebNews (``dev/places-gwn``).

Recognition: a predicted place matches a gold toponym when their spans overlap (one to one,
exact spans first); P/R/F1 over those matches, and the strict variant on exact spans.
Resolution: over the matched gold toponyms, the share resolved within 161 km (100 miles) of
the gold point, and the mean and median error in km. A matched place left unresolved counts
as wrong, with an error of 20,038 km (half the Earth's circumference).
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

from reportedly.evaluate import prf, read_documents, read_gold, read_predictions
from reportedly.geo.gazetteer import haversine_km
from reportedly.options import Options

UNRESOLVED_KM = 20038.0


def _match(gold: list[dict[str, Any]], pred: list[dict[str, Any]], exact: bool) -> list[tuple[int, int]]:
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if exact:
                if g["start"] == p["start"] and g["end"] == p["end"]:
                    pairs.append((0, gi, pi))
            elif g["start"] < p["end"] and p["start"] < g["end"]:
                same = g["start"] == p["start"] and g["end"] == p["end"]
                ov = min(g["end"], p["end"]) - max(g["start"], p["start"])
                pairs.append((0 if same else 1 + 1 / (1 + ov), gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def predict_places(gold_dir: Path, predictions: Path | None, options: Options) -> dict[str, list[dict[str, Any]]]:
    if predictions is not None:
        return {k: v.get("places", []) for k, v in read_predictions(predictions).items()}
    from reportedly.geo.component import extract_places

    return {r.document.id: [p.to_dict() for p in r.places] for r in extract_places(read_documents(gold_dir), options)}


def evaluate(gold_dir: Path, predictions: Path | None, options: Options) -> dict[str, Any]:
    preds = predict_places(gold_dir, predictions, options)
    tp = fp = fn = 0
    etp = efp = efn = 0
    errors: list[float] = []
    resolved_errors: list[float] = []
    missed: list[dict[str, Any]] = []
    wrong: list[dict[str, Any]] = []
    spurious: list[dict[str, Any]] = []
    for g in read_gold(gold_dir):
        gold = g["toponyms"]
        pred = preds.get(g["doc_id"], [])
        pairs = _match(gold, pred, exact=False)
        tp += len(pairs)
        fp += len(pred) - len(pairs)
        fn += len(gold) - len(pairs)
        exact = _match(gold, pred, exact=True)
        etp += len(exact)
        efp += len(pred) - len(exact)
        efn += len(gold) - len(exact)
        got_g = {gi for gi, _ in pairs}
        got_p = {pi for _, pi in pairs}
        missed += [{"doc_id": g["doc_id"], "name": t["name"]} for gi, t in enumerate(gold) if gi not in got_g]
        spurious += [{"doc_id": g["doc_id"], "name": p["name"]} for pi, p in enumerate(pred) if pi not in got_p]
        for gi, pi in pairs:
            gt, pt = gold[gi], pred[pi]
            if pt.get("lat") is None or pt.get("lon") is None:
                km = UNRESOLVED_KM
            else:
                km = haversine_km(gt["lat"], gt["lon"], pt["lat"], pt["lon"])
                resolved_errors.append(km)
            errors.append(km)
            if km >= 161:
                wrong.append({"doc_id": g["doc_id"], "name": gt["name"], "km": round(km),
                              "got": pt.get("country"), "admin1": pt.get("admin1")})
    n = len(errors)
    return {
        "set": "places-gwn",
        "recognition": prf(tp, fp, fn),
        "recognition_exact": prf(etp, efp, efn),
        "resolution": {
            "n": n,
            "acc161": round(sum(1 for e in errors if e < 161) / n, 4) if n else 0.0,
            "mean_km": round(statistics.fmean(errors), 1) if n else 0.0,
            "median_km": round(statistics.median(errors), 1) if n else 0.0,
            "unresolved": sum(1 for e in errors if e == UNRESOLVED_KM),
            "mean_km_resolved": round(statistics.fmean(resolved_errors), 1) if resolved_errors else 0.0,
        },
        "errors": {"missed": missed, "spurious": spurious, "wrong": wrong},
    }


def format_report(report: dict[str, Any]) -> str:
    r, x, s = report["recognition"], report["recognition_exact"], report["resolution"]
    lines = [
        f"places-gwn: {r['tp'] + r['fn']} gold toponyms",
        f"recognition (overlap)  P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}"
        f"  (tp {r['tp']}, fp {r['fp']}, fn {r['fn']})",
        f"recognition (exact)    P {x['precision']:.3f}  R {x['recall']:.3f}  F1 {x['f1']:.3f}",
        f"resolution over {s['n']} recognised: acc@161km {s['acc161']:.3f}  mean {s['mean_km']:.0f} km"
        f"  median {s['median_km']:.1f} km  ({s['unresolved']} unresolved; mean of resolved "
        f"{s['mean_km_resolved']:.0f} km)",
    ]
    return "\n".join(lines)
