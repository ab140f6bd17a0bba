"""Attribution evaluation on PolNeAR (``dev/attribution``).

Per role (source, cue, content): span precision/recall/F1 where a predicted span matches a
gold span of that role when they overlap (one-to-one, largest overlap first); ``strict``
requires the exact span. Triples match when cue and content both overlap those of one gold
attribution. The predicted source is ``speaker_as_written`` when present (PolNeAR's source
for "he said" is the pronoun), else ``speaker``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportedly.evaluate import predict, prf, read_gold
from reportedly.options import Options

ROLES = ("source", "cue", "content")
Pair = tuple[int, int]


def _overlap(a: Pair, b: Pair) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(gold: list[Pair], pred: list[Pair], strict: bool = False) -> int:
    """How many one-to-one matches there are between two sets of spans."""
    gold = sorted(set(gold))
    pred = sorted(set(pred))
    if strict:
        return len(set(gold) & set(pred))
    cands = [(_overlap(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
             if _overlap(g, p) > 0]
    return _greedy_one_to_one(cands)


def match_triples(gold: list[dict[str, Any]], pred: list[dict[str, Pair]]) -> int:
    cands = []
    for gi, g in enumerate(gold):
        if not g.get("cue") or not g.get("content"):
            continue
        for pi, p in enumerate(pred):
            oc = _overlap(tuple(g["cue"]), p["cue"])  # type: ignore[arg-type]
            ot = _overlap(tuple(g["content"]), p["content"])  # type: ignore[arg-type]
            if oc > 0 and ot > 0:
                cands.append((oc + ot, gi, pi))
    return _greedy_one_to_one(cands)


def _greedy_one_to_one(cands: list[tuple[int, int, int]]) -> int:
    """Match (score, gold index, predicted index) candidates best first, each side once."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in sorted(cands, reverse=True):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
    return len(used_g)


def _pair(d: dict[str, Any] | None) -> Pair | None:
    if not d:
        return None
    return int(d["start"]), int(d["end"])


def predicted_roles(result: dict[str, Any] | None) -> list[dict[str, Pair]]:
    out: list[dict[str, Pair]] = []
    for st in (result or {}).get("statements", []):
        row: dict[str, Pair] = {}
        src = _pair(st.get("speaker_as_written")) or _pair(st.get("speaker"))
        if src is not None:
            row["source"] = src
        cue, content = _pair(st.get("cue")), _pair(st.get("content"))
        if cue is None or content is None:
            continue
        row["cue"], row["content"] = cue, content
        out.append(row)
    return out


def evaluate(gold_dir: Path, predictions: Path | None, options: Options) -> dict[str, Any]:
    gold = read_gold(gold_dir)
    preds = predict(gold_dir, predictions, options)
    counts = {(role, strict): [0, 0, 0] for role in ROLES for strict in (False, True)}
    triples = [0, 0, 0]
    for g in gold:
        pred = predicted_roles(preds.get(g["doc_id"]))
        for role in ROLES:
            gs = sorted({(int(a[role][0]), int(a[role][1])) for a in g["attributions"] if a.get(role)})
            ps = sorted({p[role] for p in pred if role in p})
            for strict in (False, True):
                tp = match_spans(gs, ps, strict)
                c = counts[(role, strict)]
                c[0] += tp
                c[1] += len(ps) - tp
                c[2] += len(gs) - tp
        tp = match_triples(g["attributions"], pred)
        triples[0] += tp
        triples[1] += len(pred) - tp
        triples[2] += len(g["attributions"]) - tp
    report: dict[str, Any] = {"set": "attribution", "documents": len(gold)}
    for role in ROLES:
        report[role] = prf(*counts[(role, False)])
    report["strict"] = {role: prf(*counts[(role, True)]) for role in ROLES}
    report["triples"] = prf(*triples)
    return report


def format_report(report: dict[str, Any]) -> str:
    lines = [f"attribution: {report['documents']} documents (PolNeAR)",
             f"{'role':<12}{'P':>8}{'R':>8}{'F1':>8}   strict P/R/F1"]
    for role in ROLES:
        s, x = report[role], report["strict"][role]
        lines.append(f"{role:<12}{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}   "
                     f"{x['precision']:.3f} / {x['recall']:.3f} / {x['f1']:.3f}")
    t = report["triples"]
    lines.append(f"{'triples':<12}{t['precision']:>8.3f}{t['recall']:>8.3f}{t['f1']:>8.3f}   (cue and content overlap)")
    return "\n".join(lines)
