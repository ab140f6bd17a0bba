"""GVDB evaluation: killed and injured per article (exact-match accuracy and MAE).

Each GVDB article describes one shooting; its gold ``killed``/``injured`` count the
victims the crowd worker marked. The system's count for a kind is derived from the
article's non-aggregate claims of that kind:

- ``max`` (the headline reading): the largest figure, since articles restate and update one
  incident's toll ("one man dead" ... "two killed in total");
- ``sum``: the sum of the distinct figures, the better reading when an article lists its
  victims one by one ("a man was killed ... a woman was wounded ... a teen was hurt").

Both are reported; ``gvdb.killed_accuracy``/``gvdb.injured_accuracy`` and the MAEs use ``max``.
Informational only: GVDB's counts include victims the text never counts explicitly.
GVDB counts the victims of unintentional shootings too, so the records of an accident's
casualties (``model.ACCIDENT``) count here, unlike in the figure-claim evaluation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportedly.evaluate import predict, read_gold
from reportedly.options import Options


def counts(claims: list[dict[str, Any]], kind: str) -> tuple[int, int]:
    """(max, sum of distinct values) over the non-aggregate claims of ``kind``."""
    values = [int(c["value"]) for c in claims if c.get("kind") == kind and not c.get("aggregate")]
    if not values:
        return 0, 0
    return max(values), sum(set(values))


def evaluate(gold_dir: Path, predictions: Path | None, options: Options) -> dict[str, Any]:
    gold = read_gold(gold_dir)
    preds = predict(gold_dir, predictions, options)
    n = 0
    acc = {"killed": 0, "injured": 0, "killed_sum": 0, "injured_sum": 0, "both": 0}
    err = {"killed": 0, "injured": 0, "killed_sum": 0, "injured_sum": 0}
    documents: dict[str, Any] = {}
    for g in gold:
        claims = preds.get(g["doc_id"], {}).get("claims", [])
        n += 1
        row: dict[str, Any] = {}
        both = True
        for kind in ("killed", "injured"):
            mx, sm = counts(claims, kind)
            gv = int(g.get(kind) or 0)
            acc[kind] += mx == gv
            acc[f"{kind}_sum"] += sm == gv
            err[kind] += abs(mx - gv)
            err[f"{kind}_sum"] += abs(sm - gv)
            both = both and mx == gv
            row[kind] = {"gold": gv, "max": mx, "sum": sm}
        acc["both"] += both
        documents[g["doc_id"]] = row
    def r(x: float) -> float:
        return round(x / n, 4) if n else 0.0

    return {
        "gvdb": {
            "killed_accuracy": r(acc["killed"]), "injured_accuracy": r(acc["injured"]),
            "killed_mae": r(err["killed"]), "injured_mae": r(err["injured"]),
            "both_accuracy": r(acc["both"]),
            "killed_accuracy_sum": r(acc["killed_sum"]), "injured_accuracy_sum": r(acc["injured_sum"]),
            "killed_mae_sum": r(err["killed_sum"]), "injured_mae_sum": r(err["injured_sum"]),
            "articles": n,
        },
        "documents": documents,
    }


def format_report(report: dict[str, Any]) -> str:
    g = report["gvdb"]
    return (f"GVDB per-article counts over {g['articles']} articles (largest figure):\n"
            f"  killed  accuracy {g['killed_accuracy']:.3f}  MAE {g['killed_mae']:.3f}\n"
            f"  injured accuracy {g['injured_accuracy']:.3f}  MAE {g['injured_mae']:.3f}\n"
            f"  both right {g['both_accuracy']:.3f}\n"
            f"  (sum of distinct figures: killed {g['killed_accuracy_sum']:.3f} / MAE {g['killed_mae_sum']:.3f}, "
            f"injured {g['injured_accuracy_sum']:.3f} / MAE {g['injured_mae_sum']:.3f})")
