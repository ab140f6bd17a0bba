"""Input throughput and memory: JSONL streaming and the HTML path.

* JSONL: ``read_paths`` + ``validate`` over a generated file of ``--docs`` documents, as a
  ratio of the throughput of a bare ``json.loads`` loop over the same lines; and the peak
  Python memory of the pass as a fraction of the file's size (streaming keeps it small).
* HTML: ``read_paths`` over the dev/html pages (the bundled fixtures when ../shared is absent),
  as a ratio of the throughput of a bare ``trafilatura.extract`` on the same pages.

    python -m benchmarks ingest
    python -c "from benchmarks.bench_ingest import main; main(['--docs', '5000'])"
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from reportedly.options import Options

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("REPORTEDLY_SHARED", ROOT.parent / "shared"))
SENTENCES = [
    "Heavy rain flooded the coast road on Thursday and police closed it for most of the day.",
    "Two drivers had to be helped from their cars by the fire service, a spokesman said.",
    "The council said repairs to the sea wall would begin once the water had gone down.",
    "Residents of the lower town were told to move their cars to higher ground overnight.",
]


def _jsonl(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = f"Report {i}\n\n" + " ".join(SENTENCES[(i + k) % 4] for k in range(20))
            fh.write(json.dumps({"id": f"d{i}", "title": f"Report {i}", "published": "2024-01-02",
                                 "text": text}) + "\n")


def bench_jsonl(n: int) -> dict[str, Any]:
    from reportedly.ingest import read_paths, validate

    options = Options()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        _jsonl(path, n)
        t0 = time.perf_counter()
        with path.open(encoding="utf-8") as fh:
            base = sum(1 for line in fh if json.loads(line))
        t_base = time.perf_counter() - t0
        t0 = time.perf_counter()
        count = bad = 0
        for doc in read_paths([str(path)], options):
            count += 1
            bad += bool(validate(doc, options))
        t_read = time.perf_counter() - t0
        tracemalloc.start()
        for _doc in read_paths([str(path)], options):
            pass
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        size = path.stat().st_size
    assert count == base
    return {"docs": count, "refused": bad, "docs_per_s": round(count / t_read),
            "ratio_to_bare_json": round(t_read / t_base, 2),
            "file_mb": round(size / 1e6, 1), "peak_mb": round(peak / 1e6, 2),
            "peak_fraction_of_file": round(peak / size, 4)}


def bench_html() -> dict[str, Any]:
    import trafilatura

    from reportedly.ingest import read_paths

    pages_dir = SHARED / "eval" / "dev" / "html" / "pages"
    files = sorted(pages_dir.glob("*.html.gz")) if pages_dir.exists() else \
        sorted((ROOT / "tests" / "fixtures" / "ingest").glob("*.html"))
    raw = [gzip.decompress(f.read_bytes()) if f.suffix == ".gz" else f.read_bytes() for f in files]
    t0 = time.perf_counter()
    for data in raw:
        trafilatura.extract(data)
    t_base = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = list(read_paths([str(f) for f in files], Options()))
    t_read = time.perf_counter() - t0
    return {"pages": len(docs), "pages_per_s": round(len(docs) / t_read, 1),
            "ratio_to_bare_trafilatura": round(t_read / t_base, 2),
            "failed": sum(1 for d in docs if d.errors and not d.text)}


def main(argv: list[str]) -> dict[str, Any]:
    ap = argparse.ArgumentParser(prog="bench_ingest")
    ap.add_argument("--docs", type=int, default=20000)
    args = ap.parse_args(argv)
    return {"jsonl": bench_jsonl(args.docs), "html": bench_html()}
