"""The unit of work every engine runs on a worker: one batch of documents through the pipeline.

``process_batch`` is :func:`reportedly.pipeline.extract_batch` made safe to run unattended: if
the batch raises (a bug tripped by one document), each document is run again alone so that
only the document at fault fails, with a fatal ``ProcessingError`` naming it. The model is
loaded once per process (``load_nlp`` is cached); :func:`warm` loads it ahead of the first batch.
"""

from __future__ import annotations

import os
import threading

from reportedly.model import Document, DocumentResult, ProcessingError
from reportedly.options import Options


class EngineError(RuntimeError):
    """An engine could not start (an unreachable Dask scheduler, for one)."""


# The error code of a document that failed through our fault (the pipeline raised on it, or its
# worker died): such documents are not stored, so that the next run tries them again.
RETRYABLE = "fatal_error"

_lock = threading.Lock()
_loads: list[str] = []


def warm(model: str) -> int:
    """Load the model in this process (once, even with several threads); the process id."""
    from reportedly.pipeline import load_nlp

    with _lock:
        if model not in _loads:
            load_nlp(model)
            _loads.append(model)
    return os.getpid()


def model_loads() -> dict[str, int]:
    """How many times this process has actually loaded a model (``load_nlp`` cache misses)."""
    from reportedly.pipeline import load_nlp

    info = load_nlp.cache_info()
    return {"pid": os.getpid(), "misses": info.misses, "hits": info.hits}


def process_memory(pid: int | None = None) -> dict[str, float]:
    """Resident memory of a process (this one by default), now and at its peak, in MB, and the
    CPU seconds it has used (Linux ``/proc``; zeros elsewhere)."""
    out = {"pid": float(pid or os.getpid()), "rss_mb": 0.0, "peak_mb": 0.0, "cpu_s": 0.0}
    try:
        with open(f"/proc/{pid or 'self'}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        out["cpu_s"] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        pass
    try:
        with open(f"/proc/{pid or 'self'}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    key = "rss_mb" if line.startswith("VmRSS") else "peak_mb"
                    out[key] = int(line.split()[1]) / 1024
    except OSError:
        pass
    return out


def _failed(doc: Document, exc: BaseException) -> DocumentResult:
    message = f"{doc.name}: processing failed: {type(exc).__name__}: {exc}"
    return DocumentResult(document=doc, errors=[*doc.errors, ProcessingError(RETRYABLE, message)])


def process_batch(docs: list[Document], options: Options) -> list[DocumentResult]:
    """Extract a batch; a document that makes the pipeline raise fails alone."""
    from reportedly.pipeline import extract_batch

    warm(options.model)
    before = [list(d.errors) for d in docs]  # extract_batch appends input checks to doc.errors
    try:
        return extract_batch(list(docs), options)
    except Exception:  # noqa: BLE001 - isolate the document at fault below
        pass
    out: list[DocumentResult] = []
    for doc, errors in zip(docs, before, strict=True):
        doc.errors = list(errors)
        try:
            out.extend(extract_batch([doc], options))
        except Exception as exc:  # noqa: BLE001 - the run goes on, the error names the document
            out.append(_failed(doc, exc))
    return out


def crashed_batch(docs: list[Document], why: str) -> list[DocumentResult]:
    """Results for a batch whose worker died each time it was tried."""
    return [DocumentResult(document=d, errors=[*d.errors, ProcessingError(
        RETRYABLE, f"{d.name}: the worker processing it died ({why})")]) for d in docs]
