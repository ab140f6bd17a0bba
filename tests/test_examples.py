"""Golden tests on the bundled examples (illustrative reports about invented incidents).

They check the facts a reader of these reports would code by hand: the figures with their
sources, the denial, the aggregate, and the events a ledger builds from all twelve reports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, Any]]:
    from reportedly.ingest import read_paths
    from reportedly.options import Options
    from reportedly.pipeline import extract_documents

    out = {}
    for res in extract_documents(read_paths([str(EXAMPLES)], Options())):
        key = Path(res.document.path or res.document.id).stem
        out[key] = res.to_dict()
    return out


def claims_of(results: dict[str, dict[str, Any]], key: str) -> list[tuple[Any, ...]]:
    return [(c["kind"], c["value"], c["qualifier"], c["group"], c["claimant_type"], c["stance"])
            for c in results[key]["claims"]]


def test_every_example_is_read(results: dict[str, dict[str, Any]]) -> None:
    assert len(results) == 12
    assert all(not r["errors"] for r in results.values())
    page = results["d02-baidoa-followup"]["document"]
    assert page["title"] == "Baidoa mourns market bombing victims" and page["published"] == "2024-03-14"


def test_police_figures_in_the_first_report(results: dict[str, dict[str, Any]]) -> None:
    claims = results["a01-baidoa-coastline"]["claims"]
    killed = [c for c in claims if c["kind"] == "killed"]
    assert [(c["value"], c["group"]) for c in killed] == [(12, "civilians")]
    assert "Abdi Warsame" in killed[0]["claimant"]["text"]
    assert killed[0]["location"]["name"] == "Baidoa" and killed[0]["location"]["country"] == "SO"
    assert killed[0]["time"]["date_start"] == "2024-03-12"
    assert ("injured", 31) in [(c["kind"], c["value"]) for c in claims]


def test_hospital_update_and_earlier_police_figure(results: dict[str, dict[str, Any]]) -> None:
    got = claims_of(results, "a02-baidoa-hornledger")
    assert ("killed", 15, "exact", "unknown", "medical", "asserted") in got
    assert ("killed", 12, "exact", "unknown", "police", "asserted") in got
    late = results["d02-baidoa-followup"]["claims"]
    assert [(c["value"], c["claimant_type"], c["time"]["date_start"]) for c in late if c["kind"] == "killed"] == [
        (16, "medical", "2024-03-12")]


def test_army_figures_by_group(results: dict[str, dict[str, Any]]) -> None:
    got = [(k, v, g, t) for k, v, _, g, t, _ in claims_of(results, "b01-kidal-sahel")]
    assert ("killed", 8, "security_forces", "military") in got
    assert ("killed", 20, "combatants", "military") in got
    assert ("injured", 11, "security_forces", "military") in got
    rebels = [c for c in results["b02-kidal-desert"]["claims"] if c["value"] == 30]
    assert rebels and rebels[0]["group"] == "security_forces" and rebels[0]["event_type"] == "battles"


def test_police_denial(results: dict[str, dict[str, Any]]) -> None:
    denied = [c for c in results["c02-kano-police"]["claims"] if c["stance"] == "denied"]
    assert [(c["kind"], c["value"], c["claimant_type"]) for c in denied] == [("killed", 2, "police")]


def test_aggregate_and_an_older_incident(results: dict[str, dict[str, Any]]) -> None:
    claims = results["d01-sahel-background"]["claims"]
    agg = [c for c in claims if c["aggregate"]]
    assert [(c["value"], c["qualifier"]) for c in agg] == [(300, "more_than")]
    old = [c for c in claims if not c["aggregate"]]
    assert old and old[0]["time"]["date_start"].startswith("2012")


def test_the_demo_ledger(tmp_path: Path) -> None:
    from reportedly.ingest import read_paths
    from reportedly.options import Options
    from reportedly.pipeline import extract_documents
    from reportedly.store import Ledger

    ledger = Ledger.open(f"sqlite:///{tmp_path / 'demo.db'}")
    try:
        ledger.ingest_results(list(extract_documents(read_paths([str(EXAMPLES)], Options()))))
        again = ledger.ingest_results(list(extract_documents(read_paths([str(EXAMPLES)], Options()))))
        events = [e if isinstance(e, dict) else e.to_dict() for e in ledger.list_events(limit=100)]
    finally:
        ledger.close()
    assert again.added == 0
    records = [e.get("record", e) for e in events]
    baidoa = [r for r in records if (r.get("location") or {}).get("name") == "Baidoa"]
    assert len(baidoa) == 1, "the four Baidoa reports and the follow-up page are one incident"
    assert baidoa[0]["status"] == "contested"  # police 12 against the hospital's 15 and 16
    assert baidoa[0]["fatalities"]["killed"]["low"] == 12 and baidoa[0]["fatalities"]["killed"]["high"] == 16
    assert len({c["doc_id"] for c in baidoa[0]["claims"]}) >= 4
    kidal = [r for r in records if (r.get("location") or {}).get("name") == "Kidal" and r["status"] == "contested"]
    assert kidal and any(c["value"] == 30 for c in kidal[0]["claims"])
    assert any(r["status"] == "aggregate" for r in records)
    kano = [r for r in records if r["status"] == "contested" and (r.get("location") or {}).get("name") == "Kano"]
    assert kano and any(c["stance"] == "denied" for c in kano[0]["claims"])
