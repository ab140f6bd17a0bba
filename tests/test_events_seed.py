"""The seed article through the whole pipeline and the cluster stage (needs the spaCy model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportedly.cluster import build_events, claim_refs, event_record


@pytest.mark.slow
def test_seed_events(seed_dir: Path) -> None:
    from reportedly.pipeline import extract

    meta = json.loads((seed_dir / "documents.jsonl").read_text(encoding="utf-8").splitlines()[0])
    res = extract(meta["text"], published=meta.get("published"), source=meta.get("source"),
                  title=meta.get("title"), id=meta["id"])
    events = [event_record(e) for e in build_events(claim_refs(res))]
    by_value = {}
    for e in events:
        for c in e["claims"]:
            by_value.setdefault(c["value"], e)
    clash = by_value[120]
    assert clash["date_start"] == "2011-06-06" and clash["location"]["name"] == "Jisr al-Shughour"
    assert clash["status"] == "contested"
    (perp,) = [c for c in clash["contradictions"] if c["field"] == "perpetrator"]
    assert set(perp["between"]) == {"Wissam Tarif", "the state news agency"}
    assert "trained gangs" in {p["name"] for p in clash["perpetrators"]}
    # the 42 civilians, the 1980 shelling and the cumulative toll are events of their own
    assert len({by_value[v]["id"] for v in (120, 42, 70, 1000)}) == 4
    assert by_value[1000]["aggregate"] and by_value[1000]["status"] == "aggregate"
    assert by_value[70]["date_start"].startswith("1980")
