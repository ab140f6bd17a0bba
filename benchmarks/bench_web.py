"""Web app latency over a large ledger: a filtered events page and the map data.

Rows are synthesised straight into the ledger's tables (documents, claims, events), so that
100,000 claims take seconds, not hours of NLP. Requests go through the whole app in process
(FastAPI's TestClient: routing, session middleware, SQL, templates, JSON), not over a socket.
Each figure is the median of repeated requests; the same requests on a small ledger (1,000
claims, same shape) are the baseline of the run, and ``ratio`` is large / small.

    python -m benchmarks web
    python -c "from benchmarks.bench_web import main; main(['--claims', '20000'])"
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

PLACES = [  # (name, country, admin1, lat, lon): real towns, invented incidents
    ("Maiduguri", "NG", "Borno", 11.85, 13.16), ("Kano", "NG", "Kano", 12.00, 8.52),
    ("Baidoa", "SO", "Bay", 3.11, 43.65), ("Mogadishu", "SO", "Banaadir", 2.04, 45.34),
    ("Kidal", "ML", "Kidal", 18.44, 1.41), ("Gao", "ML", "Gao", 16.27, -0.04),
    ("Aleppo", "SY", "Aleppo", 36.20, 37.16), ("Idlib", "SY", "Idlib", 35.93, 36.63),
    ("Mosul", "IQ", "Nineveh", 36.34, 43.13), ("Kandahar", "AF", "Kandahar", 31.61, 65.71),
    ("Taiz", "YE", "Taiz", 13.58, 44.02), ("Goma", "CD", "North Kivu", -1.68, 29.22),
    ("Kharkiv", "UA", "Kharkiv", 49.99, 36.23), ("Chicago", "US", "Illinois", 41.88, -87.63),
    ("Houston", "US", "Texas", 29.76, -95.37), ("Medellin", "CO", "Antioquia", 6.24, -75.58),
]
TYPES = ["battles", "violence_against_civilians", "explosions_remote_violence", "protests", "riots",
         "strategic_developments"]
STATUSES = ["single_source"] * 12 + ["corroborated"] * 5 + ["contested"] * 2 + ["aggregate"]
CLAIMANTS = [("police", "police"), ("the army", "military"), ("local residents", "witnesses"),
             ("a hospital official", "medical"), ("state television", "state_media"),
             ("a monitoring group", "ngo"), ("the governor", "government"), (None, "none")]


def synthesise(url: str, n_claims: int, seed: int = 7) -> dict[str, int]:
    """Fill the ledger at ``url`` with ``n_claims`` claims in ~n/2.5 events and n/4 documents."""
    import sqlalchemy as sa

    from reportedly.model import Event
    from reportedly.store import schema as S
    from reportedly.store.ledger import Ledger

    rng = random.Random(seed)
    led = Ledger.open(url)
    now = _dt.datetime.now(_dt.UTC)
    n_docs = max(1, n_claims // 4)
    text = ("Officials said {n} people were killed and {m} wounded in {p} on Tuesday, "
            "while residents gave a higher toll. ") * 3
    docs, claims, events = [], [], []
    for d in range(n_docs):
        name, cc, adm, lat, lon = rng.choice(PLACES)
        t = f"Report {d}. " + text.format(n=rng.randint(1, 40), m=rng.randint(0, 60), p=name)
        docs.append({"id": f"d{d:09d}", "title": f"Report {d} from {name}", "published": None, "source": "Bench Wire",
                     "url": None, "path": None, "text": t, "ok": True, "errors": [], "ingested_at": now})
    day0 = _dt.date(2000, 1, 1)
    c = 0
    e = 0
    while c < n_claims:
        size = min(n_claims - c, rng.choice((1, 1, 2, 3, 4, 5, 2)))
        name, cc, adm, lat, lon = rng.choice(PLACES)
        lat, lon = lat + rng.uniform(-0.3, 0.3), lon + rng.uniform(-0.3, 0.3)
        start = day0 + _dt.timedelta(days=rng.randrange(0, 25 * 365))
        end = start + _dt.timedelta(days=rng.choice((0, 0, 0, 1, 2)))
        status = rng.choice(STATUSES)
        etype = None if status == "aggregate" else rng.choice(TYPES)
        values = [rng.randint(1, 60) for _ in range(size)]
        eid = f"ev-{e:012x}"
        for k in range(size):
            who, ctype = rng.choice(CLAIMANTS)
            doc = f"d{rng.randrange(n_docs):09d}"
            claims.append({
                "id": f"c{c:011d}", "doc_id": doc, "idx": k, "kind": "killed", "value": values[k],
                "qualifier": "exact", "victim_group": "unknown", "claimant": who, "claimant_start": None,
                "claimant_end": None, "claimant_type": ctype, "stance": "asserted", "aggregate": status == "aggregate",
                "event_type": etype, "sub_event_type": None, "perpetrator": None, "perpetrator_start": None,
                "perpetrator_end": None, "location": name, "location_start": None, "location_end": None,
                "geonames_id": None, "lat": lat, "lon": lon, "country": cc, "admin1": adm, "admin2": None,
                "geo_precision": 1, "feature": "city", "time_text": None, "time_start": None, "time_end": None,
                "date_start": start.isoformat(), "date_end": end.isoformat(), "date_precision": "day",
                "evidence_start": 0, "evidence_end": 20, "evidence": "Officials said people", "figure": None,
                "figure_start": None, "figure_end": None, "event_id": eid,
            })
            c += 1
        record = Event(id=eid, event_type=etype, date_start=start.isoformat(), date_end=end.isoformat(),
                       status=status, aggregate=status == "aggregate").to_dict()
        events.append({
            "id": eid, "event_type": etype, "sub_event_type": None, "place": name, "geonames_id": None,
            "country": cc, "admin1": adm, "admin2": None, "lat": lat, "lon": lon, "geo_precision": 1,
            "cell": f"{int(lat // 1)}:{int(lon // 1)}", "date_start": start.isoformat(), "date_end": end.isoformat(),
            "date_precision": "day", "status": status, "aggregate": status == "aggregate",
            "killed_low": min(values), "killed_best": int(statistics.median(values)), "killed_high": max(values),
            "injured_low": None, "injured_best": None, "injured_high": None, "number_of_sources": size,
            "n_claims": size, "n_documents": size, "record": record,
        })
        e += 1
    with led.engine.begin() as conn:
        for table, rows in ((S.documents, docs), (S.claims, claims), (S.events, events)):
            for i in range(0, len(rows), 5000):
                conn.execute(sa.insert(table), rows[i:i + 5000])
    counts = {"documents": len(docs), "claims": len(claims), "events": len(events)}
    led.close()
    return counts


REQUESTS = {
    # the filtered events page: five years, one type, one status, as a reviewer would filter
    "events_page_html": ("/", {"since": "2015-01-01", "until": "2019-12-31", "type": "battles",
                               "status": "single_source,contested"}),
    "events_api": ("/api/events", {"since": "2015-01-01", "until": "2019-12-31", "type": "battles",
                                   "status": "single_source,contested"}),
    "events_api_near": ("/api/events", {"near": "11.85,13.16", "km": "100"}),
    "events_api_text": ("/api/events", {"q": "hospital"}),
    "events_page_unfiltered": ("/", {}),
    "map_filtered": ("/api/map", {"since": "2015-01-01", "until": "2019-12-31"}),
    "map_all": ("/api/map", {}),
}


def measure(url: str, repeats: int) -> dict[str, dict[str, float]]:
    from fastapi.testclient import TestClient

    from reportedly.web import WebSettings, create_app

    app = create_app(url, WebSettings(secret_key="bench-" + "z" * 32))
    out: dict[str, dict[str, float]] = {}
    with TestClient(app) as client:
        for name, (path, params) in REQUESTS.items():
            n = max(3, repeats // 3) if name.startswith("map") else repeats
            times = []
            size = 0
            for _ in range(n):
                t0 = time.perf_counter()
                r = client.get(path, params=params)
                times.append(time.perf_counter() - t0)
                if r.status_code != 200:
                    raise RuntimeError(f"{path} {params}: {r.status_code} {r.text[:200]}")
            body = r.json() if path.startswith("/api") else None
            if body is not None:
                size = int(body["count"]) if "points" in body else int(body["total"])
            out[name] = {"median_ms": round(statistics.median(times) * 1000, 1),
                         "p90_ms": round(sorted(times)[int(0.9 * (len(times) - 1))] * 1000, 1),
                         "results": size, "bytes": len(r.content)}
    return out


def main(argv: list[str]) -> dict[str, Any]:
    ap = argparse.ArgumentParser(prog="bench_web")
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--baseline-claims", type=int, default=1_000)
    ap.add_argument("--repeats", type=int, default=21)
    ap.add_argument("--db", default=None, help="ledger URL for the large ledger (default: a temporary SQLite file)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        small_url = f"sqlite:///{Path(tmp) / 'small.db'}"
        large_url = args.db or f"sqlite:///{Path(tmp) / 'large.db'}"
        t0 = time.perf_counter()
        small_counts = synthesise(small_url, args.baseline_claims)
        large_counts = synthesise(large_url, args.claims)
        build_s = time.perf_counter() - t0
        small = measure(small_url, args.repeats)
        large = measure(large_url, args.repeats)
    result: dict[str, Any] = {
        "load_average": [round(x, 2) for x in os.getloadavg()],  # the machine is shared: read figures with it
        "ledger": large_counts, "baseline_ledger": small_counts, "synthesis_s": round(build_s, 1),
        "targets": {"events_page_html_median_ms": 100, "map_all_median_ms": 1000},
        "large": large, "baseline": small,
        "ratio": {k: round(large[k]["median_ms"] / max(small[k]["median_ms"], 0.1), 2) for k in large},
    }
    print(f"ledger: {large_counts['claims']:,} claims, {large_counts['events']:,} events "
          f"(baseline {small_counts['claims']:,} claims); load average {result['load_average']}")
    for k, v in large.items():
        print(f"  {k:24s} median {v['median_ms']:8.1f} ms  p90 {v['p90_ms']:8.1f} ms  results {v['results']:6d}  "
              f"x{result['ratio'][k]} vs baseline")
    return result


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(main(sys.argv[1:]), indent=1))
