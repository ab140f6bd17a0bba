"""The claims evaluation's matching and scoring, on hand-built gold and predictions (no model)."""

from __future__ import annotations

import json
from pathlib import Path

from reportedly.evaluate import claims as ev
from reportedly.options import DEFAULT


def test_claimant_containment_either_way() -> None:
    assert ev.claimant_match("the Syrian Observatory for Human Rights",
                             "The Britain-based Syrian Observatory for Human Rights")
    assert ev.claimant_match("Rami Abdel Rahman", "Rami Abdel Rahman")
    assert ev.claimant_match(None, None)
    assert not ev.claimant_match("police", None)
    assert not ev.claimant_match("activists", "the army")


def test_date_overlap() -> None:
    assert ev.date_overlap("2011-06-06", {"date_start": "2011-06-06"}) is True
    assert ev.date_overlap("2011-06-04/2011-06-06", {"date_start": "2011-06-05"}) is True
    assert ev.date_overlap("1980", {"date_start": "1980-03-01", "date_end": "1980-03-31"}) is True
    assert ev.date_overlap("2016-07", {"date_start": "2016-08-01"}) is False
    assert ev.date_overlap("2016-07", None) is None


def test_matching_prefers_best_fields() -> None:
    gold = [{"kind": "killed", "value": 12, "qualifier": "vague", "group": "civilians", "claimant": None,
             "claimant_type": "none", "stance": "asserted", "aggregate": False, "event_type": None}]
    preds = [
        {"kind": "killed", "value": 12, "qualifier": "at_least", "group": "unknown",
         "claimant": {"text": "the army"}, "claimant_type": "military"},
        {"kind": "killed", "value": 12, "qualifier": "vague", "group": "civilians", "claimant": None,
         "claimant_type": "none", "stance": "asserted", "aggregate": False, "event_type": None},
        {"kind": "injured", "value": 12},
    ]
    assert ev.match_document(gold, preds) == [(0, 1)]


def test_evaluate_from_predictions_file(tmp_path: Path) -> None:
    gold_dir = tmp_path / "claims"
    gold_dir.mkdir()
    gold = {"doc_id": "d1", "claims": [
        {"kind": "killed", "value": 5, "qualifier": "exact", "group": "unknown", "claimant": "police",
         "claimant_type": "police", "stance": "asserted", "aggregate": False, "event_type": "battles",
         "location": "Varnok", "date": "2020-01-02"},
        {"kind": "injured", "value": 9, "qualifier": "exact", "group": "unknown", "claimant": None,
         "claimant_type": "none", "stance": "asserted", "aggregate": False, "event_type": "battles"},
    ]}
    (gold_dir / "gold.jsonl").write_text(json.dumps(gold) + "\n")
    pred = {"document": {"id": "d1"}, "claims": [
        {"kind": "killed", "value": 5, "qualifier": "exact", "group": "unknown",
         "claimant": {"text": "local police", "start": 0, "end": 12}, "claimant_type": "police",
         "stance": "hedged", "aggregate": False, "event_type": "battles",
         "location": {"name": "Varnok"}, "time": {"text": "Jan 2", "date_start": "2020-01-02"}},
        {"kind": "killed", "value": 7},
        # a record of an accident's casualties is no figure claim: neither a hit nor a false one
        {"kind": "injured", "value": 9, "event_type": "accident"},
    ]}
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text(json.dumps(pred) + "\n")
    report = ev.evaluate(gold_dir, pred_file, DEFAULT)
    assert report["claims"]["tp"] == 1 and report["claims"]["fp"] == 1 and report["claims"]["fn"] == 1
    assert report["fields"]["claimant"] == 1.0
    assert report["fields"]["stance"] == 0.0
    assert report["places"]["location"] == 1.0 and report["places"]["date"] == 1.0
    assert "figure claims" in ev.format_report(report)
