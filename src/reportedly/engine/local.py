"""The local engine: batches of documents over a pool of worker processes on this machine.

Each worker process loads the model once (``work.warm`` is the pool's initializer) and runs
:func:`reportedly.engine.work.process_batch` on the batches it is given. At most
``max_in_flight`` batches are out at any time and results come back as each batch completes,
so memory stays flat however long the input. With one worker the batches run in this process.
A worker that dies (killed, out of memory) breaks the pool: the pool is started again and its
batches are retried one at a time, so that only a batch that kills a worker by itself is
retried (up to ``retries`` times) and then reported as failed; the other batches are unharmed.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from reportedly.engine import work as _work
from reportedly.engine.work import crashed_batch, process_batch, process_memory
from reportedly.model import Document, DocumentResult
from reportedly.options import Options


def available_cores() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # pragma: no cover - not Linux
        return max(os.cpu_count() or 1, 1)


class LocalEngine:
    """Run batches on ``workers`` processes (default: every core available to this process)."""

    name = "local"

    def __init__(self, options: Options, workers: int | None = None, max_in_flight: int | None = None,
                 retries: int = 2, work: Callable[[list[Document], Options], list[DocumentResult]] = process_batch,
                 ) -> None:
        self.options = options
        self.work = work
        self.workers = max(workers if workers is not None else available_cores(), 1)
        self.max_in_flight = max(max_in_flight or 2 * self.workers, 1)
        self.retries = retries
        self._pool: ProcessPoolExecutor | None = None
        self._generation = 0

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._generation += 1
            # The stage loads the model on first use; warm it as each worker starts.
            warmup = functools.partial(_work.warm, self.options.model) if self.work is process_batch else None
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=warmup)
        return self._pool

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def worker_memory(self) -> dict[str, dict[str, float]]:
        """Per worker process: resident memory now and at its peak, in MB."""
        if self.workers == 1 or self._pool is None:
            return {"local": process_memory()}
        procs = getattr(self._pool, "_processes", None) or {}
        return {f"pid-{pid}": process_memory(pid) for pid in list(procs)}

    def map(self, batches: Iterable[list[Document]]) -> Iterator[list[DocumentResult]]:
        """Results of each batch, in the order the batches complete."""
        if self.workers == 1:
            for batch in batches:
                yield self.work(batch, self.options)
            return
        # future -> (batch, tries, pool generation, ran alone)
        pending: dict[Future[list[DocumentResult]], tuple[list[Document], int, int, bool]] = {}
        # Batches that were in flight when a worker died: each is tried again alone, so that
        # only the batch that kills a worker by itself is charged a try.
        suspects: deque[tuple[list[Document], int]] = deque()

        def submit(batch: list[Document], tries: int, alone: bool) -> None:
            pool = self._start()
            fut = pool.submit(self.work, batch, self.options)
            pending[fut] = (batch, tries, self._generation, alone)

        source: Iterator[list[Document] | None] = iter(batches)
        exhausted = False
        try:
            while True:
                if suspects:
                    if not pending:
                        submit(*suspects.popleft(), alone=True)
                else:
                    while not exhausted and len(pending) < self.max_in_flight:
                        nxt = next(source, None)
                        if nxt is None:
                            exhausted = True
                        elif nxt:
                            submit(nxt, 0, alone=False)
                if not pending:
                    return
                done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
                for fut in done:
                    batch, tries, generation, alone = pending.pop(fut)
                    try:
                        results = fut.result()
                    except BrokenProcessPool as exc:
                        if generation == self._generation:
                            self._restart()
                        if not alone:
                            suspects.append((batch, tries))
                        elif tries + 1 > self.retries:
                            yield crashed_batch(batch, str(exc) or "process pool broken")
                        else:
                            suspects.append((batch, tries + 1))
                        continue
                    yield results
        finally:
            for fut in pending:
                fut.cancel()
