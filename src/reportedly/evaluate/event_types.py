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
# CASE 2021 Task 2 labels as ACLED sub-event types (the labels outside ACLED are absent).
CASE_SUB_EVENTS: dict[str, str] = {
    "ARMED_CLASH": "armed_clash", "GOV_REGAINS_TERIT": "government_regains_territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "non_state_actor_overtakes_territory",
    "ATTACK": "attack", "ABDUCT_DISSAP": "abduction_forced_disappearance", "SEX_VIOL": "sexual_violence",
    "AIR_STRIKE": "air_drone_strike", "ART_MISS_ATTACK": "shelling_artillery_missile_attack",
    "CHEM_WEAP": "chemical_weapon", "GRENADE": "grenade", "REM_EXPLOS": "remote_explosive_landmine_ied",
    "SUIC_BOMB": "suicide_bomb", "PEACE_PROTEST": "peaceful_protest",
    "PROTEST_WITH_INTER": "protest_with_intervention",
    "FORCE_AGAINST_PROTEST": "excessive_force_against_protesters",
    "VIOL_DEMONSTR": "violent_demonstration", "MOB_VIOL": "mob_violence", "AGREEMENT": "agreement",
    "ARREST": "arrests", "CHANGE_TO_GROUP_ACT": "change_to_group_activity",
    "DISR_WEAP": "disrupted_weapons_use", "HQ_ESTABLISHED": "headquarters_or_base_established",
    "NON_VIOL_TERRIT_TRANSFER": "non_violent_transfer_of_territory",
    "PROPERTY_DISTRUCT": "looting_property_destruction", "OTHER": "other",
}


def _first_mention(result: dict[str, Any] | None) -> dict[str, Any] | None:
    mentions = (result or {}).get("mentions") or []
    if not mentions:
        return None
    first: dict[str, Any] = min(mentions, key=lambda m: (m["evidence"]["start"], m["trigger"]["start"]))
    return first


def predicted_type(result: dict[str, Any] | None) -> str:
    """The type of a document's first mention (by position), or ``none``."""
    first = _first_mention(result)
    return str(first["event_type"]) if first else NONE


def predicted_sub_type(result: dict[str, Any] | None) -> str:
    """The sub-event type of a document's first mention, or ``none``."""
    first = _first_mention(result)
    return str(first.get("sub_event_type") or NONE) if first else NONE


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
    subs = [(CASE_SUB_EVENTS[g["label"]], predicted_sub_type(preds.get(g["doc_id"])))
            for g in gold if g.get("label") in CASE_SUB_EVENTS]
    report["sub_event"] = {
        "documents": len(subs),
        "accuracy": round(sum(1 for a, b in subs if a == b) / len(subs), 4) if subs else 0.0,
    }
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
    if "sub_event" in report:
        sub = report["sub_event"]
        lines.append(f"sub-event accuracy (first mention vs CASE label): {sub['accuracy']:.4f} "
                     f"over {sub['documents']} snippets")
    lines.append("")
    abbrev = {c: c[:6] for c in CLASSES}
    lines.append("confusion (rows gold, columns predicted)")
    lines.append(" " * 28 + "".join(f"{abbrev[c]:>8}" for c in CLASSES))
    for g in CLASSES:
        lines.append(f"{g:<28}" + "".join(f"{report['confusion'][g][p]:>8}" for p in CLASSES))
    return "\n".join(lines)
