"""The evaluation gate, as trafilatura has one: pinned dev figures may not drop.

Each ``tests/pinned/<name>.json`` holds::

    {"set": "dev/claims", "metrics": {"claims.f1": 0.91, "fields.claimant": 0.85}}

``set`` is a folder under ``../shared/eval``; each metric is a dotted path into the report
that ``reportedly.evaluate.evaluate`` returns for it. The test fails when a figure drops
by more than ``TOLERANCE`` below its pinned value.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import need_shared

TOLERANCE = 0.02
PINNED = sorted((Path(__file__).parent / "pinned").glob("*.json"))


def lookup(report: dict[str, Any], dotted: str) -> float:
    node: Any = report
    for part in dotted.split("."):
        node = node[part]
    return float(node)


@pytest.mark.slow
@pytest.mark.xdist_group("gate")
@pytest.mark.parametrize("pinned_file", PINNED, ids=[p.stem for p in PINNED])
def test_eval_gate(pinned_file: Path) -> None:
    from reportedly.evaluate import evaluate

    pinned = json.loads(pinned_file.read_text())
    gold_dir = need_shared(*pinned["set"].split("/"))
    report = evaluate(gold_dir)
    drops = []
    for metric, floor in pinned["metrics"].items():
        got = lookup(report, metric)
        if got < floor - TOLERANCE:
            drops.append(f"{metric}: {got:.4f} < pinned {floor:.4f} - {TOLERANCE}")
    assert not drops, f"{pinned['set']} dropped: " + "; ".join(drops)
