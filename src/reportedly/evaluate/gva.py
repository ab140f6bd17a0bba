"""Evaluation on ``dev/gva``: events across US local news articles (Gun Violence Archive).

The pipeline runs on every document (or predictions are read from a file); the claims of all
documents are clustered in memory with :func:`reportedly.cluster.build_events`. Each document
then counts in the event that holds most of its claims (ties: the event with the smallest id);
a document with no claim counts alone.

Clustering is scored over documents against the gold ``incident``:

* B-cubed precision / recall / F1. Nine documents belong to two incidents; such a document
  counts as correct beside the documents of either incident (precision: cluster-mates sharing
  any of its incidents; recall: the better of its incidents).
* Pairwise precision / recall / F1 over pairs of documents.

Per gold incident, the system's event is the one most of the incident's documents count in
(ties: smallest id). ``killed.accuracy`` is the share of incidents whose event's killed
``best`` equals the gold count (an event without a killed claim says 0; an incident none of
whose documents has a claim has no event and counts as wrong), likewise ``injured``; ``mae``
is the mean absolute error over incidents that have an event. ``date.accuracy`` is the share
whose event date is within a day of the gold date; ``city.accuracy`` the share whose event
town (a site's town: :func:`reportedly.geo.town_of`) is the gold city, ``state.accuracy`` the share whose resolved admin1 is the gold
state (both over all incidents).

``with_gold_clusters`` tells clustering errors from extraction errors: the same figures for a
perfect clusterer given the same claims (see :func:`ceilings`).

GVA counts unintentional shootings, which GUIDELINES.md does not call violent incidents; the
pipeline keeps their casualties as records of type ``accident`` (``model.ACCIDENT``), and they
count here. ``without_accidents`` gives the main figures with those records left out of the
same predictions.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from reportedly.evaluate import predict, prf, read_documents, read_gold
from reportedly.geo import town_of
from reportedly.model import DocumentResult, Event
from reportedly.options import Options


def _norm(s: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", "", (s or "").lower())


def doc_clusters(events: list[Event], doc_ids: list[str],
                 order: Mapping[str, int] | None = None) -> dict[str, str]:
    """Each document's cluster: the event holding most of its claims, else the document alone.

    ``order`` (claim id -> the claim's place in its document) breaks a tie: the event holding
    the document's first claim wins, as a report tells its own incident first (other
    incidents come later, as background)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    first: dict[tuple[str, str], int] = {}
    for ev in events:
        for c in ev.claims:
            # an aggregate pseudo-event holds a document only when it has no incident claim
            counts[c.doc_id][ev.id] += 1 if ev.aggregate else 1000
            at = (order or {}).get(c.claim_id, 0)
            key = (c.doc_id, ev.id)
            first[key] = min(first.get(key, at), at)
    out = {}
    for d in doc_ids:
        if counts.get(d):
            out[d] = sorted(counts[d].items(), key=lambda kv: (-kv[1], first[(d, kv[0])], kv[0]))[0][0]
        else:
            out[d] = f"doc:{d}"
    return out


def _members(system: dict[str, str], gold: dict[str, set[str]]) -> tuple[dict[str, list[str]], dict[str, set[str]]]:
    """The documents of each system cluster and of each gold incident."""
    by_sys: dict[str, list[str]] = defaultdict(list)
    for d, c in system.items():
        by_sys[c].append(d)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for d, incs in gold.items():
        for i in incs:
            by_gold[i].add(d)
    return by_sys, by_gold


def bcubed(system: dict[str, str], gold: dict[str, set[str]]) -> dict[str, float]:
    """B-cubed over documents; a multi-incident document is right if any of its incidents is."""
    by_sys, by_gold = _members(system, gold)
    p_sum = r_sum = 0.0
    docs = sorted(gold)
    for d in docs:
        cluster = by_sys[system[d]]
        correct = sum(1 for e in cluster if gold[e] & gold[d])
        p_sum += correct / len(cluster)
        r_sum += max(sum(1 for e in by_gold[i] if system[e] == system[d]) / len(by_gold[i])
                     for i in gold[d])
    p = p_sum / len(docs) if docs else 0.0
    r = r_sum / len(docs) if docs else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def pairwise(system: dict[str, str], gold: dict[str, set[str]]) -> dict[str, float]:
    by_sys, by_gold = _members(system, gold)
    gold_pairs: set[tuple[str, str]] = set()
    for members in by_gold.values():
        ms = sorted(members)
        gold_pairs.update((a, b) for i, a in enumerate(ms) for b in ms[i + 1:])
    sys_pairs: set[tuple[str, str]] = set()
    for sys_members in by_sys.values():
        ms = sorted(sys_members)
        sys_pairs.update((a, b) for i, a in enumerate(ms) for b in ms[i + 1:])
    tp = len(gold_pairs & sys_pairs)
    return prf(tp, len(sys_pairs - gold_pairs), len(gold_pairs - sys_pairs))


def _event_of_incident(doc_ids: list[str], system: dict[str, str]) -> str | None:
    clusters = Counter(system[d] for d in doc_ids if d in system and not system[d].startswith("doc:"))
    if not clusters:
        return None
    return sorted(clusters.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _within_a_day(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    try:
        return abs((_dt.date.fromisoformat(a[:10]) - _dt.date.fromisoformat(b[:10])).days) <= 1
    except ValueError:
        return False


def incident_scores(gold_lines: list[dict[str, Any]], system: dict[str, str],
                    events: dict[str, Event]) -> dict[str, Any]:
    incidents: dict[str, dict[str, Any]] = {}
    for g in gold_lines:
        inc = incidents.setdefault(g["incident"], {**g, "doc_ids": []})
        inc["doc_ids"].append(g["doc_id"])
    n = len(incidents)
    hits: Counter[str] = Counter()
    err: dict[str, list[int]] = {"killed": [], "injured": []}
    with_event = 0
    for _, inc in sorted(incidents.items()):
        eid = _event_of_incident(inc["doc_ids"], system)
        ev = events.get(eid) if eid else None
        if ev is None:
            continue
        with_event += 1
        for kind in ("killed", "injured"):
            rng = ev.fatalities.get(kind)
            best = rng.best if rng is not None else 0
            err[kind].append(abs(best - int(inc[kind])))
            if best == int(inc[kind]):
                hits[kind] += 1
        if _within_a_day(ev.date_start, inc.get("date")):
            hits["date"] += 1
        if ev.location is not None:
            loc = ev.location
            if inc.get("city") and _norm(town_of(loc.name, loc.feature, loc.geonames_id)) == _norm(inc["city"]):
                hits["city"] += 1
            if inc.get("state") and _norm(ev.location.admin1) == _norm(inc["state"]):
                hits["state"] += 1

    def share(k: str) -> float:
        return round(hits[k] / n, 4) if n else 0.0

    return {
        "incidents": n,
        "with_event": with_event,
        "killed": {"accuracy": share("killed"),
                   "mae": round(sum(err["killed"]) / len(err["killed"]), 4) if err["killed"] else 0.0},
        "injured": {"accuracy": share("injured"),
                    "mae": round(sum(err["injured"]) / len(err["injured"]), 4) if err["injured"] else 0.0},
        "date": {"accuracy": share("date")},
        "city": {"accuracy": share("city")},
        "state": {"accuracy": share("state")},
    }


def doc_incidents(gold_lines: list[dict[str, Any]]) -> dict[str, set[str]]:
    """Each gold document's incidents (a few documents belong to two)."""
    gold: dict[str, set[str]] = defaultdict(set)
    for g in gold_lines:
        gold[g["doc_id"]].add(g["incident"])
    return gold


def ceilings(gold_lines: list[dict[str, Any]], refs_by_doc: dict[str, list[Any]],
             options: Options) -> dict[str, Any]:
    """What a perfect clusterer would score with these claims, to tell clustering errors from
    extraction errors: each incident's event made of all its documents' incident claims
    (killed/injured ``best`` = gold, as in :func:`incident_scores`), and B-cubed / pairwise F1
    when every document with a claim sits with its incident and the others alone."""
    from reportedly.cluster import make_event

    incidents: dict[str, list[str]] = defaultdict(list)
    gold_of: dict[str, dict[str, Any]] = {}
    for g in gold_lines:
        incidents[g["incident"]].append(g["doc_id"])
        gold_of[g["incident"]] = g
    hits: Counter[str] = Counter()
    for inc, doc_ids in sorted(incidents.items()):
        refs = [r for d in doc_ids for r in refs_by_doc.get(d, ()) if not r.claim.aggregate]
        if not refs:
            continue
        ev = make_event(refs, options)
        for kind in ("killed", "injured"):
            rng = ev.fatalities.get(kind)
            if (rng.best if rng is not None else 0) == int(gold_of[inc][kind]):
                hits[kind] += 1
    n = len(incidents)
    gold = doc_incidents(gold_lines)
    with_claims = {d for d, rs in refs_by_doc.items() if any(not r.claim.aggregate for r in rs)}
    system = {d: (f"inc:{sorted(incs)[0]}" if d in with_claims else f"doc:{d}") for d, incs in gold.items()}
    return {
        "killed_accuracy": round(hits["killed"] / n, 4) if n else 0.0,
        "injured_accuracy": round(hits["injured"] / n, 4) if n else 0.0,
        "bcubed_f1": bcubed(system, dict(gold))["f1"],
        "pairwise_f1": pairwise(system, dict(gold))["f1"],
    }


def evaluate(gold_dir: Path, predictions: Path | None, options: Options) -> dict[str, Any]:
    from reportedly.cluster import claim_refs

    docs = {d.id: d for d in read_documents(gold_dir)}
    gold_lines = read_gold(gold_dir)
    preds = predict(gold_dir, predictions, options)
    refs = []
    refs_by_doc: dict[str, list[Any]] = {}
    n_claims = 0
    for doc_id in sorted(docs):
        p = preds.get(doc_id)
        if p is None:
            continue
        res = DocumentResult.from_dict(p, text=docs[doc_id].text)
        res.document = docs[doc_id]
        if not res.ok:
            continue
        n_claims += len(res.claims)
        refs_by_doc[doc_id] = claim_refs(res, options)
        refs.extend(refs_by_doc[doc_id])
    events, system, scores = _cluster_and_score(refs, sorted(docs), gold_lines, options)
    gold = doc_incidents(gold_lines)
    report: dict[str, Any] = {
        "set": "gva",
        "documents": len(gold),
        "documents_with_claims": sum(1 for d in gold if not system[d].startswith("doc:")),
        "claims": n_claims,
        "events": len([e for e in events if not e.aggregate]),
        "clusters": len(set(system.values())),
        **scores,
    }
    report["with_gold_clusters"] = ceilings(gold_lines, refs_by_doc, options)
    report["without_accidents"] = _without_accidents(refs, sorted(docs), gold_lines, options)
    return report


def _cluster_and_score(refs: list[Any], doc_ids: list[str], gold_lines: list[dict[str, Any]],
                       options: Options) -> tuple[list[Event], dict[str, str], dict[str, Any]]:
    """Cluster the claims, then score the documents' clusters (B-cubed, pairwise) and the
    incidents' events: the events, each gold document's cluster, and the scores."""
    from reportedly.cluster import build_events

    events = build_events(refs, options=options)
    gold = doc_incidents(gold_lines)
    clusters = doc_clusters(events, doc_ids, {r.claim_id: r.index for r in refs})
    system = {d: clusters[d] for d in gold}
    scores: dict[str, Any] = {"bcubed": bcubed(system, dict(gold)), "pairwise": pairwise(system, dict(gold))}
    scores.update(incident_scores(gold_lines, system, {e.id: e for e in events}))
    return events, system, scores


def _without_accidents(refs: list[Any], doc_ids: list[str], gold_lines: list[dict[str, Any]],
                       options: Options) -> dict[str, Any]:
    """B-cubed, pairwise, killed and injured with the records of accidents left out."""
    kept = [r for r in refs if not r.claim.accident]
    _, _, scores = _cluster_and_score(kept, doc_ids, gold_lines, options)
    return {"accident_claims": len(refs) - len(kept),
            "bcubed_f1": scores["bcubed"]["f1"], "pairwise_f1": scores["pairwise"]["f1"],
            "killed_accuracy": scores["killed"]["accuracy"], "injured_accuracy": scores["injured"]["accuracy"]}


def format_report(report: dict[str, Any]) -> str:
    b, p = report["bcubed"], report["pairwise"]
    lines = [
        f"gva: {report['documents']} documents ({report['documents_with_claims']} with claims), "
        f"{report['claims']} claims, {report['events']} events, {report['clusters']} document clusters",
        f"  B-cubed   P {b['precision']:.4f}  R {b['recall']:.4f}  F1 {b['f1']:.4f}",
        f"  pairwise  P {p['precision']:.4f}  R {p['recall']:.4f}  F1 {p['f1']:.4f}",
        f"  incidents {report['incidents']} ({report['with_event']} with an event)",
        f"  killed    accuracy {report['killed']['accuracy']:.4f}  MAE {report['killed']['mae']:.3f}",
        f"  injured   accuracy {report['injured']['accuracy']:.4f}  MAE {report['injured']['mae']:.3f}",
        f"  date ±1d  {report['date']['accuracy']:.4f}   city {report['city']['accuracy']:.4f}"
        f"   state {report['state']['accuracy']:.4f}",
    ]
    c = report.get("with_gold_clusters")
    if c:
        lines.append(f"  with gold clusters (a perfect clusterer, these claims): B-cubed {c['bcubed_f1']:.4f}"
                     f"  pairwise {c['pairwise_f1']:.4f}  killed {c['killed_accuracy']:.4f}"
                     f"  injured {c['injured_accuracy']:.4f}")
    a = report.get("without_accidents")
    if a:
        lines.append(f"  without the {a['accident_claims']} records of accidents: B-cubed {a['bcubed_f1']:.4f}"
                     f"  pairwise {a['pairwise_f1']:.4f}  killed {a['killed_accuracy']:.4f}"
                     f"  injured {a['injured_accuracy']:.4f}")
    return "\n".join(lines)
