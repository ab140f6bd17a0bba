"""Clustering speed: ``build_events`` time against the size of one block, and over 10,000
synthetic documents spread over a year and several countries.

Documents are synthetic (invented words and names; no NLP): each incident is reported by one
to five outlets whose articles share the incident's names and some of its words. Figures are
ratios against a baseline measured in the same run: seconds per claim for a block of 50
claims, and for the first 1,000 documents.

    python -m benchmarks cluster
    python -c "from benchmarks.bench_cluster import main; main(['--docs', '2000'])"
"""

from __future__ import annotations

import argparse
import datetime as _dt
import random
import time
from typing import Any

from reportedly.cluster import build_events, candidate_pairs, claim_refs
from reportedly.model import Claim, Document, DocumentResult, Evidence, Location, TimeRef

START = _dt.date(2030, 1, 1)
COUNTRIES = [("AA", 10.0, 10.0), ("BB", 20.0, 30.0), ("CC", -5.0, 40.0), ("DD", 35.0, -80.0),
             ("EE", 50.0, 5.0), ("FF", 15.0, 100.0), ("GG", -20.0, -50.0), ("HH", 40.0, 60.0)]
SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "de", "ba", "go", "ha", "pe", "qu", "zi", "ar"]


def _word(rng: random.Random, n: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


def _name(rng: random.Random) -> str:
    return f"{_word(rng, 2).title()} {_word(rng, 3).title()}"


def _incident_docs(rng: random.Random, inc: int, day: _dt.date, country: tuple[str, float, float],
                   vocab: list[str], n_docs: int, doc_start: int) -> list[DocumentResult]:
    code, lat, lon = country
    lat += rng.uniform(-3, 3)
    lon += rng.uniform(-3, 3)
    town = _word(rng, 3).title()
    names = [_name(rng) for _ in range(3)]
    words = rng.sample(vocab, 25)
    killed = rng.randint(1, 40)
    out = []
    for k in range(n_docs):
        body_words = rng.sample(words, 15) + rng.sample(vocab, 15)
        said = rng.choice(["police", "officials", "a hospital doctor", names[0], "the regional governor"])
        lead = (f"{rng.choice(names)} said {killed + rng.choice([0, 0, 0, 2])} people were killed in {town}, "
                f"according to {said}.")
        text = lead + " " + " ".join(body_words) + f" The victims included {names[1]} and {names[2]}."
        i = text.index("people were killed")
        pub = day + _dt.timedelta(days=rng.choice([0, 0, 1, 1, 2, 5]))
        claim = Claim(kind="killed", value=killed, claimant=None,
                      location=Location(name=town, lat=lat, lon=lon, country=code, precision=1),
                      time=TimeRef(text="", date_start=day.isoformat(), date_end=day.isoformat(),
                                   precision="day") if rng.random() < 0.8 else None,
                      evidence=Evidence(start=i, end=i + 18, text=text[i:i + 18]))
        doc = Document(text=text, id=f"doc{doc_start + k:06d}", published=pub.isoformat(),
                       source=f"outlet{rng.randint(1, 40)}.test", title=f"{killed} killed in {town}")
        out.append(DocumentResult(document=doc, claims=[claim]))
    return out


def synthetic(n_docs: int, seed: int = 1, days: int = 365, countries: int = len(COUNTRIES)) -> list[DocumentResult]:
    rng = random.Random(seed)
    vocab = [_word(rng) for _ in range(3000)]
    out: list[DocumentResult] = []
    inc = 0
    while len(out) < n_docs:
        day = START + _dt.timedelta(days=rng.randrange(days))
        n = min(rng.choice([1, 1, 2, 2, 3, 5]), n_docs - len(out))
        out += _incident_docs(rng, inc, day, COUNTRIES[rng.randrange(countries)], vocab, n, len(out))
        inc += 1
    return out


def _time_events(results: list[DocumentResult]) -> tuple[float, int, int, int]:
    refs = [r for res in results for r in claim_refs(res)]
    t0 = time.perf_counter()
    events = build_events(refs)
    dt = time.perf_counter() - t0
    return dt, len(refs), len(events), len(candidate_pairs(refs))


def main(argv: list[str]) -> dict[str, Any]:
    ap = argparse.ArgumentParser(prog="bench_cluster")
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--blocks", default="50,100,200,400")
    args = ap.parse_args(argv)

    # 1. one block: every claim on the same day in the same country
    block: dict[str, Any] = {}
    base = None
    for n in [int(x) for x in args.blocks.split(",")]:
        res = synthetic(n, seed=2, days=1, countries=1)
        secs, claims, events, pairs = _time_events(res)
        per = secs / max(claims, 1)
        base = base or per
        block[str(n)] = {"claims": claims, "events": events, "candidate_pairs": pairs,
                         "seconds": round(secs, 3), "per_claim_vs_50": round(per / base, 2)}

    # 2. many documents over a year and eight countries
    first = min(1000, args.docs)
    s1, c1, e1, p1 = _time_events(synthetic(first, seed=3))
    s2, c2, e2, p2 = _time_events(synthetic(args.docs, seed=3))
    result = {
        "block": block,
        "docs": {
            "baseline": {"docs": first, "claims": c1, "events": e1, "candidate_pairs": p1, "seconds": round(s1, 3)},
            "full": {"docs": args.docs, "claims": c2, "events": e2, "candidate_pairs": p2, "seconds": round(s2, 3),
                     "claims_per_second": round(c2 / s2, 1) if s2 else None},
            "per_claim_vs_baseline": round((s2 / c2) / (s1 / c1), 2) if s1 and c1 and c2 else None,
        },
    }
    return result
