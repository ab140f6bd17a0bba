"""Engines: batching, resume, fault isolation, and local/Dask runs agreeing with a plain run."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import pytest

from reportedly.engine import Progress, batches_of, run_pipeline
from reportedly.engine import work as work_mod
from reportedly.model import Document, DocumentResult, ProcessingError
from reportedly.options import Options

# Hand-written reports about invented places.
TEXTS = [
    "Gunmen attacked a market in the town of Velmora on Tuesday, killing at least 12 civilians, "
    "the regional governor said. Another 20 people were wounded, according to the local hospital.",
    "Police said three officers died when a roadside bomb hit their patrol near Ostrand late on Sunday.",
    "A spokesman for the rebel group denied that its fighters had killed anyone in the raid.",
    "Heavy rain closed schools across the province for a second day, officials said.",
    "Medics reported that 7 protesters were shot dead and dozens injured as security forces "
    "dispersed a rally in the capital on Friday.",
    "Two children were among five people killed by shelling on the village of Karsk, "
    "a monitoring group said on Monday.",
]


def documents(n: int | None = None, prefix: str = "t") -> list[Document]:
    texts = TEXTS if n is None else [TEXTS[i % len(TEXTS)] + f" Report number {i}." for i in range(n)]
    return [Document(text=t, id=f"{prefix}{i:03d}", published="2024-03-04", source="Test Wire")
            for i, t in enumerate(texts)]


def canonical(results: Iterable[DocumentResult]) -> dict[str, str]:
    return {r.document.id: json.dumps(r.to_dict(), sort_keys=True) for r in results}


class FakeLedger:
    """Stands in for the ledger in these unit tests: a dict of stored results."""

    def __init__(self, ids: Iterable[str] = ()) -> None:
        self.stored: dict[str, DocumentResult | None] = {i: None for i in ids}
        self.asked: list[list[str]] = []
        self.batches: list[list[str]] = []

    def has_documents(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        self.asked.append(ids)
        return {i for i in ids if i in self.stored}

    def ingest_results(self, results: list[DocumentResult], options: Options | None = None) -> dict[str, int]:
        self.batches.append([r.document.id for r in results])
        added = skipped = failed = 0
        for r in results:
            if r.document.id in self.stored:
                skipped += 1
            elif not r.ok:  # kept with its errors, as the ledger does, so a rerun skips it
                self.stored[r.document.id] = r
                failed += 1
            else:
                self.stored[r.document.id] = r
                added += 1
        return {"added": added, "skipped": skipped, "failed": failed}


def fake_stage(docs: list[Document], options: Options) -> list[DocumentResult]:
    """A cheap stand-in for extract_batch: no model; a text containing BOOM makes it raise."""
    if any("BOOM" in d.text for d in docs):
        raise RuntimeError("stage failed")
    return [DocumentResult(document=d) for d in docs]


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """process_batch in this process without loading spaCy: extract_batch is the fake stage."""
    import reportedly.pipeline

    monkeypatch.setattr(work_mod, "warm", lambda model: os.getpid())
    monkeypatch.setattr(reportedly.pipeline, "extract_batch", fake_stage)


def test_batches_of_is_lazy_and_keeps_order() -> None:
    def gen() -> Iterable[int]:
        yield from range(5)
        raise AssertionError("read past what was asked")

    it = batches_of(gen(), 2)  # type: ignore[arg-type]
    assert next(it) == [0, 1]
    assert next(it) == [2, 3]
    assert [list(b) for b in batches_of(iter(range(5)), 2)] == [[0, 1], [2, 3], [4]]
    assert list(batches_of(iter([]), 3)) == []


def test_process_batch_isolates_the_failing_document(no_model: None) -> None:
    docs = documents()
    docs[2] = Document(text="This one goes BOOM.", id="bad")
    out = work_mod.process_batch(docs, Options())
    assert [r.document.id for r in out] == [d.id for d in docs]
    bad = out[2]
    assert not bad.ok
    assert bad.errors[0].code == "fatal_error"
    assert "bad" in bad.errors[0].message and "RuntimeError" in bad.errors[0].message
    assert all(r.ok for i, r in enumerate(out) if i != 2)


def test_resume_skips_stored_documents_before_nlp(no_model: None) -> None:
    docs = documents(10)
    ledger = FakeLedger(ids=[d.id for d in docs[:4]] + [docs[7].id])
    seen: list[Progress] = []
    report = run_pipeline(iter(docs), Options(), engine="local", workers=1, batch_size=3,
                          ledger=ledger, progress=lambda p: seen.append(p.snapshot()))
    processed = [i for b in ledger.batches for i in b]
    assert sorted(processed) == sorted(d.id for i, d in enumerate(docs) if i >= 4 and i != 7)
    # the new documents are packed into full batches
    assert [len(b) for b in ledger.batches] == [3, 2]
    assert (report.read, report.resumed, report.processed, report.added) == (10, 5, 5, 5)
    assert report.done == 10 and report.batches == 2
    assert seen and seen[-1].done == 10
    assert [p.done for p in seen] == sorted(p.done for p in seen)


def test_every_document_reaches_the_ledger_once(no_model: None) -> None:
    docs = documents(7)
    docs.insert(1, Document(text=docs[0].text, id=docs[0].id))  # the same document twice in a batch
    docs.append(Document(text="", id="empty"))
    ledger = FakeLedger()
    report = run_pipeline(iter(docs), Options(), engine="local", workers=1, batch_size=4, ledger=ledger)
    assert report.read == 9 and report.processed == 9
    assert report.added == 8 and report.duplicates == 1
    assert set(ledger.stored) == {d.id for d in docs}


def test_documents_that_failed_through_our_fault_are_tried_again_next_run(
        no_model: None, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = documents(5)
    docs[1] = Document(text="The stage goes BOOM on this one.", id="bad")
    docs[3] = Document(text="   ", id="blank")  # bad input: stored as failed, never retried
    import reportedly.pipeline

    def stage(batch: list[Document], options: Options) -> list[DocumentResult]:
        out = fake_stage(batch, options)
        for r in out:
            if not r.document.text.strip():
                r.errors.append(ProcessingError("empty", f"{r.document.name}: no text"))
        return out

    monkeypatch.setattr(reportedly.pipeline, "extract_batch", stage)
    ledger = FakeLedger()
    first = run_pipeline(iter(docs), Options(), engine="local", workers=1, batch_size=5, ledger=ledger)
    assert "bad" not in ledger.stored and "blank" in ledger.stored
    assert (first.processed, first.added, first.failed) == (5, 3, 2)
    assert [(n, c) for n, c, _ in first.errors] == [("bad", "fatal_error"), ("blank", "empty")]
    fixed = [Document(text="The stage is fixed now.", id="bad") if d.id == "bad" else d for d in docs]
    again = run_pipeline(iter(fixed), Options(), engine="local", workers=1, batch_size=5, ledger=ledger)
    assert (again.resumed, again.processed, again.added, again.failed) == (4, 1, 1, 0)
    assert set(ledger.stored) == {d.id for d in docs}


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown engine"):
        run_pipeline(iter([]), Options(), engine="spark")
    with pytest.raises(ValueError, match="needs engine='dask'"):
        run_pipeline(iter([]), Options(), engine="local", scheduler="tcp://127.0.0.1:8786")


def dies_once(docs: list[Document], options: Options) -> list[DocumentResult]:
    """Kills its worker process the first time it sees a text with DIE (a marker file remembers)."""
    marker = Path(options.extra["marker"])
    if any("DIE" in d.text for d in docs) and not marker.exists():
        marker.write_text("died")
        os._exit(3)
    return fake_stage(docs, options)


def always_dies(docs: list[Document], options: Options) -> list[DocumentResult]:
    if any("DIE" in d.text for d in docs):
        os._exit(3)
    return fake_stage(docs, options)


def test_local_pool_survives_a_dying_worker(tmp_path: Path) -> None:
    from reportedly.engine.local import LocalEngine

    options = Options(extra={"marker": str(tmp_path / "died")})
    docs = documents(6)
    docs[3] = Document(text="This batch will DIE.", id="die")
    with LocalEngine(options, workers=2, work=dies_once) as eng:
        out = [r for b in eng.map(batches_of(iter(docs), 2)) for r in b]
    assert (tmp_path / "died").exists()
    assert sorted(r.document.id for r in out) == sorted(d.id for d in docs)
    assert all(r.ok for r in out)
    with LocalEngine(options, workers=2, work=always_dies, retries=1) as eng:
        out = [r for b in eng.map(batches_of(iter(docs), 2)) for r in b]
    assert sorted(r.document.id for r in out) == sorted(d.id for d in docs)
    failed = {r.document.id for r in out if not r.ok}
    assert failed == {"t002", "die"}  # the batch that kills its worker, and no other
    assert all("worker" in r.errors[-1].message for r in out if not r.ok)


def test_dask_engine_on_a_running_cluster_by_address() -> None:
    """engine='dask' with a scheduler address uses that cluster (here one started in the test)."""
    from distributed import LocalCluster

    from reportedly.engine import run_pipeline

    docs = documents(9)
    ledger = FakeLedger(ids=[docs[0].id])
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        report = run_pipeline(iter(docs), Options(), engine="dask", scheduler=cluster.scheduler_address,
                              batch_size=2, ledger=ledger, work=fake_stage)
        assert len(cluster.scheduler.workers) == 2  # still running: the engine only closed its client
    assert (report.engine, report.workers) == ("dask", 2)
    assert (report.resumed, report.processed, report.added) == (1, 8, 8)
    assert set(ledger.stored) == {d.id for d in docs}


def test_unreachable_scheduler_is_a_clear_error() -> None:
    import socket

    from reportedly.engine import EngineError
    from reportedly.engine.dask import DaskEngine

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(EngineError, match=f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}"):
        DaskEngine(Options(), scheduler=f"tcp://127.0.0.1:{port}", timeout="2s")


@pytest.mark.slow
def test_local_and_dask_engines_agree_with_a_plain_run() -> None:
    from reportedly.engine import extract_parallel
    from reportedly.engine.dask import DaskEngine, extract_bag
    from reportedly.pipeline import extract_batch

    options = Options(batch_size=4)
    docs = documents(12)
    expected = canonical(extract_batch(documents(12), options))
    # the comparison is not between empty results
    assert any(any(json.loads(v)[k] for k in ("claims", "statements", "mentions")) for v in expected.values())
    local = canonical(extract_parallel(iter(documents(12)), options, engine="local", workers=2, batch_size=3))
    assert local == expected
    with DaskEngine(options, workers=2, processes=True) as eng:
        got = canonical(r for b in eng.map(batches_of(iter(documents(12)), 3)) for r in b)
        assert got == expected
        # the model was loaded once in each worker process, however many batches it ran
        loads = eng.model_loads()
        assert len(loads) == 2 and len({v["pid"] for v in loads.values()}) == 2
        assert all(v["misses"] == 1 for v in loads.values()), loads
        import dask.bag as db

        bag = db.from_sequence(docs, npartitions=3)
        assert canonical(extract_bag(bag, options).compute()) == expected
