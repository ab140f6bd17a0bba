"""The Dask engine: the same batches and the same stage function, on a Dask cluster.

With no scheduler address a :class:`distributed.LocalCluster` is started on this machine
(``workers`` processes, one thread each: spaCy work holds the GIL); with an address
(``tcp://host:8786``) any running Dask cluster is used, whose workers must have reportedly
and its model installed. A worker plugin loads the model once per worker process before its
first batch. The client streams: at most ``max_in_flight`` batches are submitted at a time and
results are gathered with :class:`distributed.as_completed` as each batch finishes, so memory
on the client and on the workers stays flat however long the input. Dask retries a batch whose
worker died on another worker; a batch that kills workers repeatedly is reported as failed.

:func:`extract_bag` maps the same stage function over the partitions of a ``dask.bag`` of
documents, for callers who build their own bag.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from reportedly.engine.local import available_cores
from reportedly.engine.work import (
    EngineError,
    crashed_batch,
    model_loads,
    process_batch,
    process_memory,
)
from reportedly.model import Document, DocumentResult
from reportedly.options import Options

if TYPE_CHECKING:
    import dask.bag
    from distributed import Client, LocalCluster

try:
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPluginBase
except ImportError:  # pragma: no cover - distributed is a dependency
    _WorkerPluginBase = object  # type: ignore[assignment,misc]


# Events kept per topic by a LocalCluster's scheduler (Dask's default is 1,000).
LOG_LENGTH = 100


class ModelPlugin(_WorkerPluginBase):  # type: ignore[misc,valid-type]
    """Load the spaCy model once in each worker process, when the worker starts."""

    name = "reportedly-model"

    def __init__(self, model: str) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        from reportedly.engine import work

        work.warm(self.model)


def _partition(docs: Iterable[Document], options: Options) -> list[DocumentResult]:
    return process_batch(list(docs), options)


def extract_bag(bag: dask.bag.Bag, options: Options) -> dask.bag.Bag:
    """A bag of :class:`DocumentResult` from a bag of :class:`Document`, one batch per partition."""
    return bag.map_partitions(_partition, options)


class DaskEngine:
    """Run batches on a Dask cluster: a LocalCluster, or the scheduler at ``scheduler``."""

    name = "dask"

    def __init__(self, options: Options, scheduler: str | None = None, workers: int | None = None,
                 max_in_flight: int | None = None, processes: bool = True,
                 work: Callable[[list[Document], Options], list[DocumentResult]] = process_batch,
                 timeout: str = "20s") -> None:
        from distributed import Client, LocalCluster

        self.options = options
        self.work = work
        self.cluster: LocalCluster | None = None
        if scheduler:
            try:
                self.client: Client = Client(scheduler, timeout=timeout)
            except (OSError, TimeoutError) as exc:
                raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        else:
            import dask

            # The scheduler runs in this process and keeps a log of events per topic (one or
            # two per batch), up to this length: short logs keep the client's memory flat
            # from the first batches on instead of filling a few MB over the first thousand.
            with dask.config.set({"distributed.admin.low-level-log-length": LOG_LENGTH}):
                self.cluster = LocalCluster(
                    n_workers=max(workers or available_cores(), 1), threads_per_worker=1,
                    processes=processes, dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        if work is process_batch:  # the pipeline: each worker loads the model as it starts
            self.client.register_plugin(ModelPlugin(options.model), name=ModelPlugin.name)
        n = len(self.client.scheduler_info().get("workers", {}))
        self.workers = max(n, 1)
        self.max_in_flight = max(max_in_flight or 2 * self.workers, 1)

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()
                self.cluster = None

    def model_loads(self) -> dict[str, dict[str, int]]:
        """Per worker address: the process id and how often it loaded a model (should be 1)."""
        out: dict[str, dict[str, int]] = self.client.run(model_loads)
        return out

    def worker_memory(self) -> dict[str, dict[str, float]]:
        """Per worker: resident memory now and at its peak, in MB."""
        out: dict[str, dict[str, float]] = self.client.run(process_memory)
        return out

    def map(self, batches: Iterable[list[Document]]) -> Iterator[list[DocumentResult]]:
        """Results of each batch, in the order the batches complete."""
        from distributed import as_completed
        from distributed.client import FutureCancelledError
        from distributed.scheduler import KilledWorker

        source: Iterator[list[Document] | None] = iter(batches)
        pending: dict[Any, tuple[Any, list[Document], Any]] = {}
        flow = as_completed()

        def top_up() -> None:
            while len(pending) < self.max_in_flight:
                batch = next(source, None)
                if batch is None:
                    return
                if batch:
                    # The batch goes to a worker as data, not inside the task: the scheduler
                    # keeps what it unpickles of submitted tasks, which would grow per batch.
                    [data] = self.client.scatter([batch], hash=False)
                    fut = self.client.submit(self.work, data, self.options, pure=False)
                    pending[fut.key] = (fut, batch, data)
                    flow.add(fut)

        top_up()
        try:
            for fut in flow:
                _, batch, data = pending.pop(fut.key)
                try:
                    results = fut.result()
                except (KilledWorker, FutureCancelledError) as exc:
                    results = crashed_batch(batch, f"{type(exc).__name__}: {exc}")
                fut.release()
                data.release()
                top_up()
                yield results
        finally:
            if pending:
                self.client.cancel([f for f, _, _ in pending.values()])
