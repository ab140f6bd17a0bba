"""Ledger throughput: ingest + re-clustering of 10,000 documents, and time per document as
the ledger grows (it must stay near flat: candidates are found through indexes).

NLP is bypassed: a few real extractions (dev texts when ../shared is present, else the bundled
examples) are copied with changed text (so new ids), shifted dates and moved places, so that
10,000 documents run in minutes. The copies arrive in publication order, ``--per-day`` a day,
as a news feed does. Figures are ratios against the early batches of the same run, in wall
time and in this process's CPU time (steadier when other jobs share the machine).

Candidates come from block keys of bounded reach (a country's days, a place's months and
years, the late-report look-back of LATE_FAR_DAYS), so time per document rises while those
windows fill, in the first two years of a feed, then stays flat however large the ledger
grows. ``steady_growth_ratio`` compares the last tenth of the run with the first tenth that
starts once the widest reach (LATE_FAR_DAYS and a month) is full: at 10 documents a day that
is after about 7,600 documents, so ``--docs 10000 --per-day 10`` shows it.

    python -m benchmarks ledger
    python -m benchmarks ledger --docs 10000 --per-day 10 --progress
    python -c "from benchmarks.bench_ledger import main; main(['--docs', '2000', '--db', 'sqlite:///x.db'])"
"""

from __future__ import annotations

import argparse
import copy
import datetime as _dt
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from reportedly.model import DocumentResult, TimeRef, content_hash
from reportedly.options import Options

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("REPORTEDLY_SHARED", ROOT.parent / "shared"))
START = _dt.date(2020, 1, 1)
COUNTRIES = [("SY", 35.0, 38.0), ("IQ", 33.0, 44.0), ("NG", 10.0, 8.0), ("ML", 17.0, -4.0),
             ("SO", 5.0, 46.0), ("US", 39.0, -98.0), ("AF", 34.0, 66.0), ("YE", 15.5, 48.0)]


def base_results(n: int, options: Options) -> list[DocumentResult]:
    """Real extractions of ``n`` documents (half FA-KES, half GVA when ../shared exists)."""
    from reportedly.ingest import read_paths
    from reportedly.pipeline import extract_batch

    sources = [SHARED / "eval" / "dev" / s / "documents.jsonl" for s in ("fakes", "gva")]
    docs = []
    if all(p.exists() for p in sources):
        for p in sources:
            docs += list(itertools.islice(read_paths([str(p)], options), n // 2))
    else:
        docs = list(itertools.islice(read_paths([str(ROOT / "examples")], options), n))
    return [r for r in extract_batch(docs, options) if r.ok and r.claims]


def _shift(iso: str | None, days: int) -> str | None:
    if not iso:
        return iso
    try:
        return (_dt.date.fromisoformat(iso[:10]) + _dt.timedelta(days=days)).isoformat()
    except ValueError:
        return iso


def synthesise(base: DocumentResult, i: int, day: int, dated: bool = False) -> DocumentResult:
    """Copy ``i`` of a result, as a news feed would bring it: new text (so a new id),
    published ``day`` days after 2020-01-01 with its incident dates kept as far before
    publication as in the original, and its places moved to one of a few countries."""
    r = copy.deepcopy(base)
    d = r.document
    d.text = f"{d.text}\n\n(copy {i})"
    d.id = content_hash(d.text)
    origin = _dt.date.fromisoformat((base.document.published or "2017-01-01")[:10])
    published = START + _dt.timedelta(days=day)
    shift = (published - origin).days
    d.published = published.isoformat()
    cc, lat0, lon0 = COUNTRIES[i % len(COUNTRIES)]
    dlat, dlon = (i % 13) * 0.3, (i % 11) * 0.3
    for c in r.claims:
        if dated and (c.time is None or not c.time.date_start):  # as if the resolver had dated it
            c.time = TimeRef(text="", date_start=d.published, date_end=d.published, precision="day")
        if c.time is not None:
            c.time.date_start = _shift(c.time.date_start, shift)
            c.time.date_end = _shift(c.time.date_end, shift)
        if c.location is not None:
            c.location.country = cc
            c.location.lat, c.location.lon = lat0 + dlat, lon0 + dlon
    for p in r.places:
        p.country, p.lat, p.lon = cc, lat0 + dlat, lon0 + dlon
    return r


def main(argv: list[str]) -> dict[str, Any]:
    ap = argparse.ArgumentParser(prog="bench_ledger")
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--base", type=int, default=40, help="real extractions to copy")
    ap.add_argument("--batch", type=int, default=200, help="documents per ingest_results call")
    ap.add_argument("--per-day", type=int, default=20, help="documents per calendar day")
    ap.add_argument("--dated", action="store_true",
                    help="give undated claims their publication day (undated claims reach back months)")
    ap.add_argument("--cluster-every", type=int, default=0,
                    help="store batches unclustered and re-cluster every N documents (0: every batch)")
    ap.add_argument("--no-cluster", action="store_true", help="store only: no re-clustering (the store's own cost)")
    ap.add_argument("--progress", action="store_true", help="print each batch's time on standard error")
    ap.add_argument("--db", default=None, help="ledger URL (default: a temporary SQLite file)")
    args = ap.parse_args(argv)

    from reportedly.store import Ledger

    options = Options()
    t0 = time.perf_counter()
    bases = base_results(args.base, options)
    extract_s = time.perf_counter() - t0
    tmp = tempfile.TemporaryDirectory()
    url = args.db or f"sqlite:///{Path(tmp.name) / 'bench.db'}"
    ledger = Ledger.open(url, clusterer=None) if args.no_cluster else Ledger.open(url)
    per_batch: list[tuple[int, float]] = []
    cpu_batch: list[tuple[int, float]] = []  # this process's CPU time: steadier on a shared machine
    started = time.perf_counter()
    done = 0
    while done < args.docs:
        n = min(args.batch, args.docs - done)
        batch = [synthesise(bases[(done + k) % len(bases)], done + k, (done + k) // args.per_day, args.dated)
                 for k in range(n)]
        t = time.perf_counter()
        c = time.process_time()
        every = args.cluster_every
        ledger.ingest_results(batch, options, cluster=not every)
        if every and ((done + n) // every > done // every or done + n >= args.docs):
            ledger.recluster_pending(options)
        per_batch.append((n, time.perf_counter() - t))
        cpu_batch.append((n, time.process_time() - c))
        done += n
        if args.progress:
            print(f"{done} documents, {1000 * per_batch[-1][1] / n:.1f} ms/doc "
                  f"({1000 * cpu_batch[-1][1] / n:.1f} ms CPU)", file=sys.stderr, flush=True)
    total = time.perf_counter() - started
    counts = ledger.counts()
    sizes = [int(e.get("n_claims") or len(e.get("claims") or [])) for e in ledger.iter_events()]
    ledger.close()
    tmp.cleanup()

    def ms_per_doc(items: list[tuple[int, float]]) -> float:
        return 1000.0 * sum(s for _, s in items) / max(1, sum(n for n, _ in items))

    def tenths(items: list[tuple[int, float]]) -> list[float]:
        k = len(items)
        return [ms_per_doc(items[i * k // 10:(i + 1) * k // 10]) for i in range(10) if (i + 1) * k // 10 > i * k // 10]

    def growth(values: list[float]) -> float | None:
        # the first tenth fills empty blocks (fewer candidates); steady state starts after it
        first = values[1] if len(values) > 2 else values[0]
        return round(values[-1] / first, 2) if first else None

    deciles, cpu_deciles = tenths(per_batch), tenths(cpu_batch)
    from reportedly.cluster import LATE_FAR_DAYS, LATE_REPORT_DAYS

    # documents before every window is full: a year's keys plus the late-report look-back, or
    # the far look-back of an undated report (its months, rounded up)
    full_after = args.per_day * max(366 + LATE_REPORT_DAYS, LATE_FAR_DAYS + 31)

    def steady(values: list[float]) -> float | None:
        k = len(values)
        first = next((i for i in range(k) if i * args.docs // k >= full_after), None)
        if first is None or first >= k - 1 or not values[first]:
            return None
        return round(values[-1] / values[first], 2)

    result = {
        "documents": args.docs, "base_extractions": len(bases), "claims": counts["claims"],
        "events": counts["events"], "extract_seconds": round(extract_s, 1),
        "ingest_seconds": round(total, 1), "docs_per_second": round(args.docs / total, 1),
        "ms_per_doc_by_tenth": [round(x, 1) for x in deciles],
        "growth_ratio_last_vs_second_tenth": growth(deciles),
        "cpu_ms_per_doc_by_tenth": [round(x, 1) for x in cpu_deciles],
        "cpu_growth_ratio_last_vs_second_tenth": growth(cpu_deciles),
        "windows_full_after_documents": full_after,
        "steady_growth_ratio": steady(deciles),
        "cpu_steady_growth_ratio": steady(cpu_deciles),
        "largest_event_claims": max(sizes, default=0),
        "ms_per_doc_median_batch": round(statistics.median(1000 * s / n for n, s in per_batch), 2),
        "backend": url.split(":", 1)[0], "clustering": not args.no_cluster, "batch": args.batch,
        "dated": args.dated, "cluster_every": args.cluster_every or args.batch,
    }
    print(result)
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
