"""Engine scaling: documents per second with 1 and 2 workers, local and Dask, on dev texts.

    python -m benchmarks scale
    python -c "from benchmarks.bench_scale import main; main(['--sets', 'fakes', '--limit', '200'])"

For each evaluation set (FA-KES and GVA dev texts), engine and worker count, the engine is
started and warmed (every worker has loaded the model), then the documents are timed through
it. Scaling efficiency = docs/s with N workers / (N x docs/s with 1 worker); on a busy
machine it is bounded by the cores left over, so ``cpu_efficiency`` (documents per worker
CPU-second with N workers against 1) is given too: the parallel overhead alone. The local engine
with one worker runs in the calling process; Dask always uses worker processes. Peak memory
is each worker process's high-water resident set. The machine's load average is recorded
before each run: other work on the machine lowers the figures, efficiency most of all.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reportedly.engine import batches_of, open_engine
from reportedly.model import Document
from reportedly.options import Options

EVAL = Path(os.environ.get("REPORTEDLY_SHARED", Path(__file__).resolve().parents[1].parent / "shared")) / "eval"


def read_set(name: str, limit: int) -> list[dict[str, Any]]:
    rows = []
    with (EVAL / "dev" / name / "documents.jsonl").open(encoding="utf-8") as f:
        for line in f:
            rows.append(json.loads(line))
            if len(rows) >= limit:
                break
    return rows


def documents(rows: list[dict[str, Any]]) -> Iterator[Document]:
    """Fresh Documents each time (the pipeline records input checks on them)."""
    for r in rows:
        yield Document(text=r["text"], id=r["id"], title=r.get("title"), published=r.get("published"),
                       source=r.get("source"), url=r.get("url"))


def loadavg() -> float:
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except OSError:  # pragma: no cover
        return -1.0


def time_run(engine: str, workers: int, rows: list[dict[str, Any]], options: Options) -> dict[str, Any]:
    size = options.batch_size
    with open_engine(engine, options, workers=workers) as eng:
        # warm up: every worker loads the model and runs a batch
        for _ in eng.map(batches_of(documents(rows[: size * workers]), size)):
            pass
        load = loadavg()
        before = eng.worker_memory()
        t0 = time.perf_counter()
        cpu0 = os.times()
        n = 0
        for results in eng.map(batches_of(documents(rows), size)):
            n += len(results)
        wall = time.perf_counter() - t0
        cpu1 = os.times()
        mem = eng.worker_memory()
    worker_cpu = sum(m["cpu_s"] for m in mem.values()) - sum(m["cpu_s"] for m in before.values())
    if engine == "local" and workers == 1:  # the batches ran in this process, beside the client
        worker_cpu = (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system)
    return {
        "engine": engine, "workers": workers, "documents": n, "seconds": round(wall, 2),
        "docs_per_sec": round(n / wall, 2), "load_before": load, "load_after": loadavg(),
        "client_cpu_seconds": round((cpu1.user - cpu0.user) + (cpu1.system - cpu0.system), 2),
        "worker_cpu_seconds": round(worker_cpu, 2),
        # documents per CPU-second of the workers: what the work costs, whatever else runs
        "docs_per_worker_cpu_sec": round(n / worker_cpu, 2) if worker_cpu > 0 else None,
        "peak_worker_mb": round(max((m["peak_mb"] for m in mem.values()), default=0.0), 1),
    }


def main(argv: list[str]) -> dict[str, Any]:
    ap = argparse.ArgumentParser(prog="bench_scale")
    ap.add_argument("--sets", default="fakes,gva")
    ap.add_argument("--engines", default="local,dask")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--limit", type=int, default=80, help="documents per set")
    # small batches: with few batches per worker the last round leaves a worker idle
    ap.add_argument("--batch-size", type=int, default=4)
    args = ap.parse_args(argv)
    options = Options(batch_size=args.batch_size)
    counts = [int(w) for w in args.workers.split(",")]
    runs: list[dict[str, Any]] = []
    summary: dict[str, Any] = {}
    for name in args.sets.split(","):
        rows = read_set(name, args.limit)
        for engine in args.engines.split(","):
            by_workers = {}
            per_cpu = {}
            for w in counts:
                run = {"set": name, **time_run(engine, w, rows, options)}
                runs.append(run)
                by_workers[w] = run["docs_per_sec"]
                per_cpu[w] = run["docs_per_worker_cpu_sec"]
            base = by_workers.get(1)
            for w, dps in by_workers.items():
                if base and w > 1:
                    summary[f"{name}.{engine}.efficiency_{w}"] = round(dps / (w * base), 3)
                if per_cpu.get(1) and per_cpu.get(w) and w > 1:
                    # CPU cost per document with w workers against 1: parallel overhead alone
                    summary[f"{name}.{engine}.cpu_efficiency_{w}"] = round(per_cpu[w] / per_cpu[1], 3)
            for w, dps in by_workers.items():
                summary[f"{name}.{engine}.docs_per_sec_{w}"] = dps
    summary["peak_worker_mb"] = max((r["peak_worker_mb"] for r in runs), default=0.0)
    summary["cores"] = len(os.sched_getaffinity(0))
    out = {"summary": summary, "runs": runs, "batch_size": args.batch_size, "limit": args.limit}
    return out


if __name__ == "__main__":
    import sys

    print(json.dumps(main(sys.argv[1:]), indent=1))
