"""The local engine: batches of documents over a pool of worker processes on this machine.

Each worker process loads the model once (``work.warm`` is the pool's initializer) and runs
:func:`reportedly.engine.work.process_batch` on the batches it is given. At most
``max_in_flight`` batches are out at any time and results come back as each batch completes,
so memory stays flat however long the input. With one worker the batches run in this process.
A worker that dies (killed, out of memory) breaks the pool: the pool is started again and its
batches are retried, up to ``retries`` times, after which they are reported as failed.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from reportedly.engine.work import crashed_batch, process_batch, warm
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
                 retries: int = 2) -> None:
        self.options = options
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
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=warm, initargs=(self.options.model,))
        return self._pool

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def map(self, batches: Iterable[list[Document]]) -> Iterator[list[DocumentResult]]:
        """Results of each batch, in the order the batches complete."""
        if self.workers == 1:
            warm(self.options.model)
            for batch in batches:
                yield process_batch(batch, self.options)
            return
        pending: dict[Future[list[DocumentResult]], tuple[list[Document], int, int]] = {}

        def submit(batch: list[Document], tries: int) -> None:
            pool = self._start()
            pending[pool.submit(process_batch, batch, self.options)] = (batch, tries, self._generation)

        source: Iterator[list[Document] | None] = iter(batches)
        exhausted = False
        try:
            while True:
                while not exhausted and len(pending) < self.max_in_flight:
                    nxt = next(source, None)
                    if nxt is None:
                        exhausted = True
                    elif nxt:
                        submit(nxt, 0)
                if not pending:
                    return
                done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
                for fut in done:
                    batch, tries, generation = pending.pop(fut)
                    try:
                        results = fut.result()
                    except BrokenProcessPool as exc:
                        if generation == self._generation:
                            self._restart()
                        if tries + 1 > self.retries:
                            yield crashed_batch(batch, str(exc) or "process pool broken")
                        else:
                            submit(batch, tries + 1)
                        continue
                    yield results
        finally:
            for fut in pending:
                fut.cancel()
