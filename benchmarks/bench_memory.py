"""Streaming memory: resident memory while the corpus grows from 10,000 to 100,000 documents.

    python -m benchmarks memory
    python -c "from benchmarks.bench_memory import main; main(['--docs', '100000', '--engine', 'dask'])"

A synthetic corpus of short generated reports (invented places, figures and dates) is written
as gzipped JSONL shards, then ingested the way ``reportedly ingest`` does it: read as a stream
by ``reportedly.ingest.read_paths``, skipped by id against the ledger, run in batches on an
engine's workers, stored batch by batch in a SQLite ledger (documents, claims, places: one
transaction per batch). The NLP is replaced by a cheap stage (a regular expression that builds
the claim each generated sentence states, with its place and date already resolved) so that
100,000 documents take minutes; the real pipeline's memory per worker is measured by
``bench_scale``. Event re-clustering after each batch is off unless ``--cluster`` is given:
its cost is the store's and the clusterer's (``bench_ledger``), and it grows with the ledger.

The resident memory (RSS) of the client process and of each worker process is sampled every
``--every`` documents; the figure that matters is the growth between the first sample (10,000)
and the last (100,000): flat means nothing accumulates per document.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reportedly.model import Claim, Document, DocumentResult, Evidence, Location, Span, TimeRef
from reportedly.options import Options

# Invented places on a grid, each with a made-up country code (X*: user-assigned ISO codes).
PLACES = [(f"{a}{b}", 5.0 + i * 0.7, 10.0 + j * 0.9, f"X{chr(65 + (i * 7 + j) % 26)}")
          for i, a in enumerate(["Vel", "Ost", "Kar", "Dre", "Mar", "Tol", "Bre", "Sam", "Lun", "Qar"])
          for j, b in enumerate(["mora", "rand", "sk", "vna", "ket", "ina", "ford", "ara", "ovo", "abad"])]
SOURCES = ["the governor", "police", "a hospital official", "a monitoring group", "the army", "witnesses"]
KINDS = [("killed", "were killed"), ("injured", "were injured")]
CLAIM = re.compile(r"(?P<n>\d+) people (?P<verb>were killed|were injured) in (?P<place>[A-Z][a-z]+) "
                   r"on (?P<date>\d{4}-\d{2}-\d{2}), (?P<src>[^.]+) said\.")
FILLER = ["Residents said the roads out of the town were closed for most of the day.",
          "Officials promised an inquiry and asked for calm.",
          "Aid groups said they were sending medical supplies to the area."]
_PLACE = {p[0]: p for p in PLACES}


def synthetic_rows(n: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """``n`` short reports, each with one casualty figure; incidents repeat across outlets."""
    rnd = random.Random(seed)
    for i in range(n):
        place = PLACES[rnd.randrange(len(PLACES))]
        day = 730_000 + rnd.randrange(1500)  # proleptic ordinal: about four years of dates
        import datetime as dt

        date = dt.date.fromordinal(day).isoformat()
        kind = KINDS[rnd.randrange(2)]
        text = (f"{rnd.randrange(1, 60)} people {kind[1]} in {place[0]} on {date}, "
                f"{SOURCES[rnd.randrange(len(SOURCES))]} said. {FILLER[rnd.randrange(len(FILLER))]} "
                f"Report {i}.")
        yield {"id": f"syn-{i:07d}", "title": f"Report {i}", "published": date, "source": f"Outlet {i % 37}",
               "url": None, "text": text}


def write_corpus(folder: Path, n: int, shard: int = 10_000) -> list[Path]:
    """Write the corpus as gzipped JSONL shards, streaming (never all in memory)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    out = None
    for i, row in enumerate(synthetic_rows(n)):
        if i % shard == 0:
            if out is not None:
                out.close()
            paths.append(folder / f"shard-{len(paths):04d}.jsonl.gz")
            out = gzip.open(paths[-1], "wt", encoding="utf-8", compresslevel=1)
        assert out is not None
        out.write(json.dumps(row) + "\n")
    if out is not None:
        out.close()
    return paths


def cheap_stage(docs: list[Document], options: Options) -> list[DocumentResult]:
    """Stands in for extract_batch: the claim a generated sentence states, resolved."""
    out = []
    for d in docs:
        res = DocumentResult(document=d)
        m = CLAIM.search(d.text)
        if m:
            name, lat, lon, country = _PLACE[m["place"]]
            kind = "killed" if m["verb"] == "were killed" else "injured"
            res.claims.append(Claim(
                kind=kind, value=int(m["n"]), claimant=Span(m["src"], m.start("src"), m.end("src")),
                claimant_type="official_unnamed", event_type="violence_against_civilians",
                location=Location(name=name, start=m.start("place"), end=m.end("place"), lat=lat, lon=lon,
                                  country=country, precision=1, feature="city"),
                time=TimeRef(text=m["date"], start=m.start("date"), end=m.end("date"),
                             date_start=m["date"], date_end=m["date"], precision="day"),
                evidence=Evidence(m.start(), m.end(), m.group(0)),
                figure=Span(m["n"], m.start("n"), m.end("n"))))
        out.append(res)
    return out


def _memory() -> dict[str, float]:
    """RSS in MB: this process, and the largest and total of its descendant processes."""
    import os

    import psutil

    from reportedly.engine.work import process_memory

    me = process_memory()["rss_mb"]
    kids = [process_memory(c.pid)["rss_mb"] for c in psutil.Process(os.getpid()).children(recursive=True)]
    kids = [k for k in kids if k > 0]
    return {"client_mb": round(me, 1), "max_worker_mb": round(max(kids, default=0.0), 1),
            "workers_total_mb": round(sum(kids), 1), "processes": len(kids)}


def main(argv: list[str]) -> dict[str, Any]:
    from reportedly.engine import Progress, run_pipeline
    from reportedly.ingest import read_paths
    from reportedly.store import Ledger

    ap = argparse.ArgumentParser(prog="bench_memory")
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--every", type=int, default=10_000)
    ap.add_argument("--engine", default="local")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=200)
    ap.add_argument("--no-ledger", action="store_true", help="measure the engine alone")
    ap.add_argument("--cluster", action="store_true",
                    help="re-cluster events after each batch too (slow: its cost grows with the ledger)")
    ap.add_argument("--dir", default=None, help="where to write the corpus and ledger (default: a temp dir)")
    args = ap.parse_args(argv)
    tmp = tempfile.TemporaryDirectory(prefix="bench_memory_") if args.dir is None else None
    root = Path(args.dir or (tmp.name if tmp else "."))
    t0 = time.perf_counter()
    shards = write_corpus(root / "corpus", args.docs)
    written = time.perf_counter() - t0
    options = Options(batch_size=args.batch_size, check_language=False)
    kw: dict[str, Any] = {} if args.cluster else {"clusterer": None}
    ledger = None if args.no_ledger else Ledger.open(f"sqlite:///{root / 'ledger.db'}", options=options, **kw)
    samples: list[dict[str, Any]] = []
    started = time.perf_counter()
    next_mark = [args.every]

    def progress(p: Progress) -> None:
        while p.done >= next_mark[0]:
            samples.append({"documents": next_mark[0], "seconds": round(time.perf_counter() - started, 1),
                            **_memory()})
            next_mark[0] += args.every

    try:
        report = run_pipeline(read_paths([str(s) for s in shards], options), options, engine=args.engine,
                              workers=args.workers, batch_size=args.batch_size, ledger=ledger,
                              progress=progress, work=cheap_stage)
    finally:
        if ledger is not None:
            ledger.close()
        if tmp is not None:
            tmp.cleanup()
    first, last = samples[0], samples[-1]
    summary = {
        "documents": report.processed, "added": report.added, "seconds": round(report.seconds, 1),
        "docs_per_sec": round(report.processed / report.seconds, 1) if report.seconds else None,
        "client_growth_mb": round(last["client_mb"] - first["client_mb"], 1),
        "worker_growth_mb": round(last["max_worker_mb"] - first["max_worker_mb"], 1),
        "from_to": [first["documents"], last["documents"]],
        "corpus_written_seconds": round(written, 1),
    }
    return {"summary": summary, "samples": samples, "engine": args.engine, "workers": args.workers,
            "batch_size": args.batch_size, "ledger": not args.no_ledger, "clustering": args.cluster}


if __name__ == "__main__":
    import sys

    print(json.dumps(main(sys.argv[1:]), indent=1))
