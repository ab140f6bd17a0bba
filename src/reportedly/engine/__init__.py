"""Engines: run the pipeline over many documents, on this machine or on a Dask cluster.

    run_ingest(paths, "sqlite:///reportedly.db", Options(), engine="dask", workers=2)

reads the inputs as a stream (``reportedly.ingest.read_paths``), cuts it into batches, drops
the documents the ledger already holds BEFORE any NLP (``ledger.has_documents``: a run that was
killed goes on where it stopped), runs :func:`reportedly.pipeline.extract_batch` on the batches
in parallel (``engine="local"``: a process pool over every core; ``engine="dask"``: a Dask
LocalCluster, or any cluster given its scheduler address) and stores each batch's results in
the ledger as the batch completes (``ledger.ingest_results``: one transaction per batch).
Nothing holds the corpus in memory: a bounded number of batches is in flight at any time.

The engine and the number of workers change only the order in which batches reach the ledger,
and the ledger does not depend on that order (events are re-clustered deterministically).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from reportedly.engine.work import RETRYABLE, EngineError
from reportedly.model import Document, DocumentResult
from reportedly.options import Options

ENGINES = ("local", "dask")


@dataclass
class Progress:
    """Counts so far, passed to the progress callback after every batch."""

    engine: str
    workers: int
    read: int = 0  # documents read from the inputs
    resumed: int = 0  # skipped before NLP: the ledger already had them
    processed: int = 0  # through the pipeline
    added: int = 0  # newly stored in the ledger
    duplicates: int = 0  # processed, but the ledger already had them (same text twice in the input)
    failed: int = 0  # processed with a fatal error (empty, binary, too large, ...; or ours: retried next run)
    batches: int = 0
    seconds: float = 0.0

    @property
    def done(self) -> int:
        """Documents finished one way or another: the progress bar's position."""
        return self.resumed + self.processed

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "done": self.done}

    def snapshot(self) -> Progress:
        """The counts alone, frozen (the callback's argument changes as the run goes on)."""
        return Progress(**{f: getattr(self, f) for f in Progress.__dataclass_fields__})


ProgressCallback = Callable[[Progress], None]


class LedgerLike(Protocol):
    def has_documents(self, ids: Iterable[str]) -> set[str]: ...

    def ingest_results(self, results: list[DocumentResult], options: Options | None = None) -> Any: ...


Stage = Callable[[list[Document], Options], list[DocumentResult]]


class Engine(Protocol):
    name: str
    workers: int

    def map(self, batches: Iterable[list[Document]]) -> Iterator[list[DocumentResult]]: ...

    def worker_memory(self) -> dict[str, dict[str, float]]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Engine: ...

    def __exit__(self, *exc: object) -> None: ...


def open_engine(engine: str, options: Options, *, scheduler: str | None = None, workers: int | None = None,
                max_in_flight: int | None = None, processes: bool = True, work: Stage | None = None) -> Engine:
    """A started engine (use it as a context manager so that its workers stop).

    ``work`` replaces the stage run on each batch (default: ``work.process_batch``, the
    pipeline); it must be importable by the workers (a module-level function).
    """
    from reportedly.engine.work import process_batch

    stage = work or process_batch
    if engine == "local":
        if scheduler:
            raise ValueError("a scheduler address needs engine='dask'")
        from reportedly.engine.local import LocalEngine

        return LocalEngine(options, workers=workers, max_in_flight=max_in_flight, work=stage)
    if engine == "dask":
        from reportedly.engine.dask import DaskEngine

        return DaskEngine(options, scheduler=scheduler, workers=workers, max_in_flight=max_in_flight,
                          processes=processes, work=stage)
    raise ValueError(f"unknown engine {engine!r}: expected one of {', '.join(ENGINES)}")


def batches_of(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive batches of ``size`` documents (the last may be shorter), lazily."""
    size = max(size, 1)
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _new_documents(docs: Iterable[Document], ledger: LedgerLike | None, size: int,
                   counts: Progress, tick: Callable[[], None]) -> Iterator[list[Document]]:
    """Full batches of the documents the ledger does not have yet."""
    buffer: list[Document] = []
    for chunk in batches_of(docs, size):
        counts.read += len(chunk)
        known = ledger.has_documents([d.id for d in chunk]) if ledger is not None else set()
        fresh = [d for d in chunk if d.id not in known]
        if len(fresh) < len(chunk):
            counts.resumed += len(chunk) - len(fresh)
            tick()
        buffer.extend(fresh)
        while len(buffer) >= size:
            yield buffer[:size]
            buffer = buffer[size:]
    if buffer:
        yield buffer


def _count(report: Any, *names: str) -> int:
    for name in names:
        value = report.get(name) if isinstance(report, dict) else getattr(report, name, None)
        if isinstance(value, int):
            return value
        if isinstance(value, list | set | tuple):
            return len(value)
    return 0


MAX_ERRORS = 1000


@dataclass
class RunReport(Progress):
    """What a run did: the final :class:`Progress`, and the errors met (the first 1,000)."""

    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (document, code, message)
    more_errors: int = 0  # errors beyond MAX_ERRORS, counted only

    def note(self, name: str, code: str, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append((name, code, message))
        else:
            self.more_errors += 1


def is_retryable(result: DocumentResult) -> bool:
    """The document failed through no fault of its own (an exception, a dead worker)."""
    return any(e.code == RETRYABLE for e in result.errors)


def run_pipeline(docs: Iterable[Document], options: Options, *, engine: str = "local",
                 scheduler: str | None = None, workers: int | None = None,
                 batch_size: int | None = None, max_in_flight: int | None = None,
                 ledger: LedgerLike | None = None, progress: ProgressCallback | None = None,
                 sink: Callable[[list[DocumentResult]], Any] | None = None, work: Stage | None = None,
                 processes: bool = True) -> RunReport:
    """Run documents through the pipeline on an engine, handing each finished batch to ``sink``.

    With a ``ledger`` the documents it already has are skipped before NLP and every batch
    is stored through ``ledger.ingest_results`` (the sink, if any, is called after that).
    """
    size = batch_size or options.batch_size
    started = time.perf_counter()
    with open_engine(engine, options, scheduler=scheduler, workers=workers,
                     max_in_flight=max_in_flight, work=work, processes=processes) as eng:
        report = RunReport(engine=eng.name, workers=eng.workers)

        def tick() -> None:
            report.seconds = time.perf_counter() - started
            if progress is not None:
                progress(report)

        for results in eng.map(_new_documents(docs, ledger, size, report, tick)):
            report.processed += len(results)
            report.batches += 1
            for r in results:
                for e in r.errors:
                    report.note(r.document.name, e.code, e.message)
            if ledger is not None:
                # A document the pipeline raised on, or whose worker died, is not stored:
                # the fault is ours, not the input's, so the next run tries it again.
                keep = [r for r in results if not is_retryable(r)]
                report.failed += len(results) - len(keep)
                stored = ledger.ingest_results(keep, options) if keep else None
                report.added += _count(stored, "added", "n_added")
                report.failed += _count(stored, "failed", "n_failed")
                report.duplicates += _count(stored, "skipped", "n_skipped")
            else:
                report.failed += sum(1 for r in results if not r.ok)
            if sink is not None:
                sink(results)
            tick()
    report.seconds = time.perf_counter() - started
    return report


def run_ingest(paths: Sequence[str], ledger_url: str | None, options: Options, engine: str = "local",
               scheduler: str | None = None, workers: int | None = None,
               progress: ProgressCallback | None = None, *, batch_size: int | None = None,
               max_in_flight: int | None = None) -> RunReport:
    """Read ``paths``, extract on ``engine`` and store everything in the ledger at ``ledger_url``.

    ``ledger_url`` is a SQLAlchemy URL (``sqlite:///x.db``, ``postgresql+psycopg://...``) or a
    plain path (a SQLite file); None is the default ledger. Documents already in the ledger
    are skipped before NLP, so a run started again after being killed loses nothing and
    repeats no work that was stored.
    """
    from reportedly.ingest import read_paths
    from reportedly.store import Ledger

    ledger = Ledger.open(ledger_url, options=options)
    try:
        return run_pipeline(read_paths(list(paths), options), options, engine=engine, scheduler=scheduler,
                            workers=workers, batch_size=batch_size, max_in_flight=max_in_flight,
                            ledger=ledger, progress=progress)
    finally:
        close = getattr(ledger, "close", None)
        if callable(close):
            close()


def extract_parallel(docs: Iterable[Document], options: Options, *, engine: str = "local",
                     scheduler: str | None = None, workers: int | None = None,
                     batch_size: int | None = None, max_in_flight: int | None = None,
                     processes: bool = True) -> Iterator[DocumentResult]:
    """Results for ``docs`` computed on an engine, as batches complete (not in input order)."""
    size = batch_size or options.batch_size
    with open_engine(engine, options, scheduler=scheduler, workers=workers,
                     max_in_flight=max_in_flight, processes=processes) as eng:
        for results in eng.map(batches_of(docs, size)):
            yield from results


__all__ = ["ENGINES", "Engine", "EngineError", "LedgerLike", "Progress", "ProgressCallback", "RunReport", "Stage", "batches_of",
           "extract_parallel", "open_engine", "run_ingest", "run_pipeline"]
