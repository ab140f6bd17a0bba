"""kill -9 in the middle of an ingest leaves a consistent ledger, and the next run goes on
where it stopped and ends with the same ledger as an uninterrupted run.

The child process stores hand-built results (no NLP) with the real clusterer, a batch per
transaction, skipping what the ledger already has, as `reportedly ingest` does.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from reportedly.model import DocumentResult
from reportedly.store import Ledger
from reportedly.store import schema as S
from tests.test_store import make_claim, result

ROOT = Path(__file__).resolve().parent.parent
N_DOCS = 120
BATCH = 3


def synthetic_corpus(n: int = N_DOCS) -> list[DocumentResult]:
    """``n`` short reports of incidents in three towns on nine days (three days apart), several
    reports per incident."""
    towns = ["Harbourtown", "Millbrook", "Stonefield"]
    who = [("Police", "police"), ("A doctor", "medical"), ("Witnesses", "witnesses"), ("The governor", "government")]
    out = []
    for i in range(n):
        town = towns[i % 3]
        day = 1 + 3 * ((i // 6) % 9)
        claimant, ctype = who[i % 4]
        value = 3 + (i % 5) + (i // 60)
        text = (f"{claimant} said {value} people were killed in {town} on March {day}. "
                f"The report numbered {i} in this series was filed the next morning.")
        c = make_claim(text, f"{value} people", claimant=claimant, claimant_type=ctype, place=town,
                       date=f"2024-03-{day:02d}")
        out.append(result(text, [c], published=f"2024-03-{min(day + 1, 28):02d}",
                          source=["Daily Lamp", "Evening Wire", "Coast Radio"][i % 3]))
    return out


def child(url: str) -> None:
    """What the subprocess runs: resume-aware batched ingest of the synthetic corpus."""
    ledger = Ledger.open(url)
    docs = synthetic_corpus()
    for i in range(0, len(docs), BATCH):
        batch = docs[i:i + BATCH]
        known = ledger.has_documents(r.document.id for r in batch)
        ledger.ingest_results([r for r in batch if r.document.id not in known])
    ledger.close()


def spawn(url: str) -> subprocess.Popen[bytes]:
    code = "import sys; from tests.test_ledger_kill import child; child(sys.argv[1])"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", code, url], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def n_documents(url: str) -> int:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.scalar(sa.select(sa.func.count()).select_from(S.documents)) or 0)
    except sa.exc.OperationalError:  # not created yet
        return 0
    finally:
        engine.dispose()


def assert_consistent(ledger: Ledger) -> None:
    """Every batch is all there or not at all; claims, blocks and events agree."""
    with ledger.engine.connect() as conn:
        docs = set(conn.scalars(sa.select(S.documents.c.id)))
        claims = [dict(r) for r in conn.execute(sa.select(S.claims.c.id, S.claims.c.doc_id, S.claims.c.event_id))
                  .mappings()]
        events = {r.id: r.record for r in conn.execute(sa.select(S.events.c.id, S.events.c.record))}
        blocks = set(conn.scalars(sa.select(S.claim_blocks.c.claim_id)))
    assert len(docs) % BATCH == 0, f"{len(docs)} documents: a batch was half stored"
    assert {c["doc_id"] for c in claims} == docs
    assert blocks == {c["id"] for c in claims}
    members: dict[str, set[str]] = {}
    for c in claims:
        assert c["event_id"] in events, f"claim {c['id']} points at a missing event"
        members.setdefault(c["event_id"], set()).add(c["id"])
    for eid, rec in events.items():
        assert {x["claim_id"] for x in rec["claims"]} == members.get(eid, set())


def test_kill_9_mid_ingest_then_resume(tmp_path: Any) -> None:
    whole = f"sqlite:///{tmp_path / 'whole.db'}"
    p = spawn(whole)
    assert p.wait(timeout=600) == 0, p.stderr.read() if p.stderr else ""
    killed = f"sqlite:///{tmp_path / 'killed.db'}"
    p = spawn(killed)
    deadline = time.monotonic() + 300
    while n_documents(killed) < 4 * BATCH and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(p.pid, signal.SIGKILL)
    p.wait(timeout=60)
    assert p.returncode == -signal.SIGKILL
    stored = n_documents(killed)
    assert 0 < stored < N_DOCS, f"{stored} documents: the kill did not land mid-run"
    interrupted = Ledger.open(killed)
    assert_consistent(interrupted)
    interrupted.close()
    p = spawn(killed)
    assert p.wait(timeout=600) == 0, p.stderr.read() if p.stderr else ""
    a, b = Ledger.open(whole), Ledger.open(killed)
    assert_consistent(b)
    assert a.dump() == b.dump()
    assert a.counts()["documents"] == N_DOCS
    a.close()
    b.close()
