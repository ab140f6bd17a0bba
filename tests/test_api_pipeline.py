"""The API over a ledger that the real pipeline built from hand-written articles (slow: loads
the spaCy model once for the module)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reportedly.model import Document
from tests.test_web_fixtures import WebLedger, build_ledger, fast_argon2, hand_results, make_client

__all__ = ["fast_argon2"]

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("pipeline_web")]


@pytest.fixture(scope="module")
def piped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebLedger]:
    from reportedly.options import Options
    from reportedly.pipeline import extract_documents

    docs = [Document(text=r.document.text, title=r.document.title, published=r.document.published,
                     source=r.document.source, url=r.document.url) for r in hand_results()]
    results = list(extract_documents(docs, Options()))
    wl = build_ledger(tmp_path_factory.mktemp("piped") / "piped.db", results)
    yield wl
    wl.ledger.close()


def test_the_pipelines_ledger_through_the_api(piped: WebLedger) -> None:
    c = make_client(piped)
    events = c.get("/api/events", params={"per_page": 100}).json()
    assert events["total"] >= 3
    seen: dict[str, set[tuple[str, int]]] = {}
    for i, res in enumerate(piped.results):
        doc = c.get(f"/api/documents/{piped.doc_id(i)}").json()
        assert doc["text"] == res.document.text
        seen[res.document.title or ""] = {(cl["kind"], cl["value"]) for cl in doc["claims"]}
        for cl in doc["claims"]:
            ev = c.get(f"/api/events/{cl['event_id']}").json()
            assert cl["id"] in {d["id"] for d in ev["claim_details"]}
        page = c.get(f"/documents/{piped.doc_id(i)}")
        assert page.status_code == 200 and 'class="hl claim' in page.text
    assert {("killed", 7), ("killed", 15)} <= seen["Gunmen kill villagers outside Maiduguri"]
    assert {("killed", 4), ("injured", 12)} <= seen["Shells strike Kharkiv market"]
    for e in events["items"]:
        assert c.get(f"/events/{e['id']}").status_code == 200
