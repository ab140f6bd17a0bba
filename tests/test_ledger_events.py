"""The ledger with the project's real clusterer (reportedly.cluster), on hand-built results:
events do not depend on ingest order or batch size, equal a full rebuild, and equal what the
clusterer builds from all claims at once."""

from __future__ import annotations

import random
from typing import Any

import pytest

from reportedly.model import Claim, DocumentResult, TimeRef
from reportedly.store import Ledger
from reportedly.store.events import ModuleClusterer, index_keys, lookup_keys
from tests.test_store import corpus, make_claim, result


def _with_time(c: Claim, start: str, end: str, precision: str) -> Claim:
    c.time = TimeRef(text="then", date_start=start, date_end=end, precision=precision)
    return c


def bigger_corpus() -> list[DocumentResult]:
    docs = corpus()
    t = "Relatives said 12 people died in the Harbourtown attack on Monday, the Daily Lamp reported."
    docs.append(result(t, [make_claim(t, "12 people", claimant="Relatives", claimant_type="witnesses",
                                      place="Harbourtown", date="2024-03-04")], source="Coast Radio"))
    t = "In March, 40 people were killed in Harbourtown, a rights group said in its monthly report."
    docs.append(result(t, [_with_time(make_claim(t, "40 people", claimant="a rights group", claimant_type="ngo",
                                                 place="Harbourtown"), "2024-03-01", "2024-03-31", "month")],
                       published="2024-04-02"))
    t = "In 1998 soldiers killed 70 people in Harbourtown, historians said."
    docs.append(result(t, [_with_time(make_claim(t, "70 people", claimant="historians", claimant_type="none",
                                                 place="Harbourtown"), "1998-01-01", "1998-12-31", "year")]))
    t = "Two guards were shot dead at a checkpoint on Monday, officials said."
    docs.append(result(t, [make_claim(t, "Two guards", value=2, group="security_forces", claimant="officials",
                                      claimant_type="official_unnamed", date="2024-03-04")]))
    t = "Soldiers killed five gunmen near Millbrook on Tuesday, the army said."
    docs.append(result(t, [make_claim(t, "five gunmen", value=5, group="combatants", claimant="the army",
                                      claimant_type="military", place="Millbrook", date="2024-03-05",
                                      event_type="battles")], source="Evening Wire"))
    return docs


def memberships(ledger: Ledger) -> list[list[tuple[str, int]]]:
    """Events as sorted lists of (document id, claim index)."""
    groups: dict[str, list[tuple[str, int]]] = {}
    for c in ledger.iter_claims():
        doc = ledger.get_document(c["doc_id"])
        assert doc is not None
        idx = [x["id"] for x in doc["claims"]].index(c["id"])
        groups.setdefault(c["event_id"], []).append((c["doc_id"], idx))
    return sorted(sorted(g) for g in groups.values())


def test_events_do_not_depend_on_order_or_batches(tmp_path: Any) -> None:
    docs = bigger_corpus()
    one = Ledger.open(tmp_path / "one.db")
    one.ingest_results(docs)
    reference = one.dump()
    assert reference["events"], "the clusterer built no events"
    rng = random.Random(7)
    for trial in range(3):
        order = list(range(len(docs)))
        rng.shuffle(order)
        other = Ledger.open(tmp_path / f"shuffled{trial}.db")
        i = 0
        while i < len(order):
            size = rng.randint(1, 4)
            other.ingest_results([bigger_corpus()[k] for k in order[i:i + size]])
            i += size
        assert other.dump() == reference, f"order {order} gave different events"
        other.close()
    one.recluster_all()
    assert one.dump() == reference
    one.close()


def test_ledger_events_equal_clustering_everything_at_once(tmp_path: Any) -> None:
    from reportedly import cluster

    ledger = Ledger.open(tmp_path / "l.db")
    for r in bigger_corpus():
        ledger.ingest_results([r])
    adapter = ModuleClusterer()
    import sqlalchemy as sa

    from reportedly.store import schema as S
    from reportedly.store.rows import claim_from_row

    with ledger.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(sa.select(S.claims)).mappings()]
    refs = [adapter.make_ref(claim_from_row(r), r["id"], r["cluster_ref"]) for r in rows]
    expected = sorted(sorted(c.claim_id for c in e.claims) for e in cluster.build_events(refs, cluster.Constraints()))
    got: dict[str, list[str]] = {}
    for r in rows:
        got.setdefault(r["event_id"], []).append(r["id"])
    assert sorted(sorted(v) for v in got.values()) == expected
    harbour = [e for e in ledger.list_events() if (e.get("location") or {}).get("name") == "Harbourtown"
               and e["date_start"] == "2024-03-04"]
    assert len(harbour) == 1 and harbour[0]["status"] == "contested"
    assert any(e["aggregate"] for e in ledger.list_events())


def test_index_keys_keep_every_meeting() -> None:
    """Any two claims meeting through clusterer keys find each other through ledger keys."""
    from reportedly import cluster

    refs = []
    for r in bigger_corpus():
        refs += cluster.claim_refs(r)
    raw = {r.claim_id: cluster.block_keys(r) for r in refs}
    idx = {r.claim_id: index_keys(cluster.block_keys(r)) for r in refs}
    met = 0
    for a in raw:
        for b in raw:
            if a < b and cluster.keys_meet(raw[a], raw[b]):
                met += 1
                assert set(lookup_keys(idx[a])) & set(idx[b]), (a, b)
                assert set(lookup_keys(idx[b])) & set(idx[a]), (a, b)
    assert met


def test_passive_keys_find_active_ones_only() -> None:
    keys = index_keys(["doc:x", "d2024-03-04|XA", "m2024-03|XA|n:harbourtown~", "x" * 300 + "~"])
    assert keys[:3] == ["doc:x", "d2024-03-04|XA", "m2024-03|XA|n:harbourtown~"]
    long_active = index_keys(["x" * 300])[0]
    assert keys[3].endswith("~") and len(keys[3]) <= 200 and keys[3] == long_active + "~"
    found = lookup_keys(keys[:3])
    assert "m2024-03|XA|n:harbourtown" in found and "m2024-03|XA|n:harbourtown~" not in found
    assert "d2024-03-04|XA" in found and "d2024-03-04|XA~" in found


def test_coarse_claim_finds_its_place_but_day_claims_do_not_meet_by_month(tmp_path: Any) -> None:
    """A claim dated only by its month finds that place's claims of the month; two claims of
    one place on days weeks apart are not candidates of each other."""
    from reportedly import cluster

    docs = bigger_corpus()
    refs = {r.claim_id: r for d in docs for r in cluster.claim_refs(d)}
    month = [r for r in refs.values() if r.claim.value == 40]
    assert month
    (m,) = month
    harbour_days = [r for r in refs.values() if r.claim.value in (12, 15) and r.claim.time is not None]
    assert harbour_days and all(cluster.keys_meet(cluster.block_keys(m), cluster.block_keys(r))
                                for r in harbour_days)
    later = harbour_days[0]
    moved = cluster.ClaimRef.from_dict(later.to_dict())
    assert moved.claim.time is not None
    moved.doc_id, moved.claim_id = "other", "other-claim"
    moved.claim.time.date_start = moved.claim.time.date_end = "2024-03-25"
    shared = cluster.keys_meet(cluster.block_keys(later), cluster.block_keys(moved))
    assert not shared, shared


@pytest.mark.parametrize("batch", [1, 3])
def test_human_decisions_survive_reingest_with_real_clusterer(tmp_path: Any, batch: int) -> None:
    docs = bigger_corpus()
    ledger = Ledger.open(tmp_path / "h.db")
    ledger.ingest_results(docs[:2])
    ev = next(e for e in ledger.list_events() if e["status"] == "contested")
    medic = next(c for c in ev["claims"] if c["claimant"] == "a medic")
    ledger.split_claim(ev["id"], medic["claim_id"], user="ana")
    for i in range(2, len(docs), batch):
        ledger.ingest_results(docs[i:i + batch])
    ids = {c["claim_id"] for e in ledger.list_events() for c in e["claims"] if c["claimant"] == "a medic"}
    assert ids == {medic["claim_id"]}
    holder = next(e for e in ledger.list_events() if any(c["claim_id"] == medic["claim_id"] for c in e["claims"]))
    assert len(holder["claims"]) == 1


def test_late_reports_meet_their_area_not_the_whole_country(tmp_path: Any) -> None:
    """An undated report reaches back months for the incident it may follow up, through keys
    on its place: re-clustering it touches the reports of its own area, not the country's."""
    from reportedly.model import Document, Evidence, Location

    def undated(i: int, lat: float, published: str) -> DocumentResult:
        text = f"A man was shot dead in Town{i} last week, police said (report {i})."
        claim = Claim(kind="killed", value=1, evidence=Evidence(0, len(text), text),
                      location=Location(name=f"Town{i}", lat=lat, lon=20.0, country="XK", precision=1))
        return DocumentResult(document=Document(text=text, published=published, source=f"outlet{i}"),
                              claims=[claim])

    ledger = Ledger.open(f"sqlite:///{tmp_path / 'l.db'}")
    # thirty towns two degrees apart, reported over two months
    ledger.ingest_results([undated(i, 2.0 * i, f"2024-03-{1 + i % 28:02d}") for i in range(30)])
    new = undated(99, 2.0 * 7 + 0.1, "2024-05-20")  # 11 km from Town7
    ledger.ingest_results([new])
    seed = [c["id"] for c in ledger.iter_claims() if c["doc_id"] == new.document.id]
    with ledger._begin() as conn:
        touched = ledger._affected(conn, seed)
    docs = {c["doc_id"] for c in ledger.iter_claims() if c["id"] in touched}
    town7 = {c["doc_id"] for c in ledger.iter_claims() if "Town7 " in (ledger.get_document(c["doc_id"]) or {})["text"]}
    assert docs == {new.document.id} | town7
    ledger.close()


def test_block_keys_of_an_older_clusterer_are_rewritten(tmp_path: Any) -> None:
    """A ledger written by another version of the block keys gets them all rewritten on its
    next write (an upgrade), so new claims still find the events they belong to."""
    import sqlalchemy as sa

    from reportedly.store import schema as S
    from reportedly.store.ledger import BLOCKS_SETTING

    docs = bigger_corpus()
    path = tmp_path / "l.db"
    ledger = Ledger.open(path)
    ledger.ingest_results(docs[:-2])
    assert ledger.get_setting(BLOCKS_SETTING) == ModuleClusterer().blocks_version
    current = ledger.dump()["claim_blocks"]
    # What an older release left: other keys, and no version recorded.
    with ledger.engine.begin() as conn:
        conn.execute(sa.update(S.claim_blocks).values(block_key=S.claim_blocks.c.block_key + "|old"))
        conn.execute(sa.delete(S.settings).where(S.settings.c.key == BLOCKS_SETTING))
    ledger.close()
    upgraded = Ledger.open(path)
    upgraded.ingest_results(docs[-2:])
    assert upgraded.get_setting(BLOCKS_SETTING) == ModuleClusterer().blocks_version
    blocks = upgraded.dump()["claim_blocks"]
    assert not [b for b in blocks if any("|old" in str(v) for v in b)]
    assert set(current) <= set(blocks)
    # ... and the events are those of a ledger that always had the current keys
    fresh = Ledger.open(tmp_path / "fresh.db")
    fresh.ingest_results(docs[:-2])
    fresh.ingest_results(docs[-2:])
    assert memberships(upgraded) == memberships(fresh)
