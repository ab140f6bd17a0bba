"""The pages in a real browser: Playwright driving Debian's chromium (never a downloaded one).

The server is uvicorn in a thread on a free port of 127.0.0.1. The ledger holds the seed
article (through the real pipeline) and the hand-written reports of ``test_web_fixtures``.
Screenshots of the three pages go to ``tests/screenshots/`` (ignored by git).
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import need_shared
from tests.test_web_fixtures import PASSWORD, WebLedger, build_ledger, hand_results

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]

CHROMIUM = Path(os.environ.get("REPORTEDLY_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def need_chromium() -> Path:
    if not CHROMIUM.exists():
        msg = (f"{CHROMIUM} is missing: install Debian's chromium (`apt-get install -y chromium`, "
               "which .ci/services.sh does as root)")
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    return CHROMIUM


@dataclass
class Site:
    base: str
    wl: WebLedger
    seed_doc: str


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    import uvicorn

    from reportedly.ingest import read_paths
    from reportedly.options import Options
    from reportedly.pipeline import extract_documents
    from reportedly.web import WebSettings, create_app

    need_chromium()
    seed = need_shared("seed", "documents.jsonl")
    opts = Options()
    seed_results = list(extract_documents(read_paths([str(seed)], opts), opts))
    wl = build_ledger(tmp_path_factory.mktemp("browser") / "browser.db", seed_results + hand_results())
    app = create_app(settings=WebSettings(secret_key="browser-test-" + "y" * 32), ledger=wl.ledger)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield Site(base=f"http://127.0.0.1:{port}", wl=wl, seed_doc=seed_results[0].document.id)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        wl.ledger.close()


@pytest.fixture(scope="module")
def browser(site: Site) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(need_chromium()), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.problems = problems
    try:
        yield pg
    finally:
        ctx.close()


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def seed_event(site: Site) -> str:
    """The event of state TV's 120 dead security personnel."""
    doc = site.wl.ledger.get_document(site.seed_doc)
    assert doc is not None
    hits = [c for c in doc["claims"] if c["value"] == 120 and c["kind"] == "killed"]
    assert hits, "the pipeline found no claim of 120 killed in the seed"
    return str(hits[0]["event_id"])


def test_events_page_lists_maps_and_charts(site: Site, page: Any) -> None:
    page.goto(site.base + "/")
    page.wait_for_selector("#map[data-loaded]")
    loaded = page.get_attribute("#map", "data-loaded")
    assert loaded is not None and loaded != "error" and int(loaded) >= 3  # the hand events have coordinates
    assert int(page.get_attribute("#map", "data-world-loaded") or 0) > 100  # the outline, offline
    assert page.locator("#map canvas").count() >= 1  # outline and markers drawn
    assert page.locator("figure.timeline svg rect.bar").count() >= 3
    assert page.locator("table.events tr.event-row").count() >= 4
    shot(page, "events.png")
    assert page.problems == []


def test_seed_contested_event_shows_both_perpetrator_claims_highlighted(site: Site, page: Any) -> None:
    event_id = seed_event(site)
    page.goto(f"{site.base}/events/{event_id}")
    assert page.locator(".meta .badge.status-contested").count() == 1
    cards = page.locator(".perpetrators .claim-card")
    assert cards.count() >= 2
    blamed = " | ".join(cards.all_inner_texts())
    assert re.search(r"trained gangs", blamed, re.I)
    assert re.search(r"defections of low level soldiers", blamed, re.I)
    perps = page.locator(".perpetrators blockquote.evidence .hl.perp").all_inner_texts()
    assert any("trained gangs" in t for t in perps), perps
    assert any("defections" in t for t in perps), perps
    assert page.locator(".contradictions li.field-perpetrator").count() == 1
    claim = page.locator(".claims .claim-card").filter(has_text="120").first
    assert claim.locator("blockquote.evidence .hl.claim").count() >= 1
    assert "120" in claim.locator(".hl.fig").first.inner_text()
    shot(page, "event.png")
    assert page.problems == []


def test_document_page_highlights_claims_statements_and_places(site: Site, page: Any) -> None:
    page.goto(f"{site.base}/documents/{site.seed_doc}")
    body = page.locator(".article-text")
    assert body.locator(".hl.claim").count() >= 3
    assert body.locator(".hl.fig").count() >= 3
    assert body.locator(".hl.cue").count() >= 3
    assert "120" in " ".join(body.locator(".hl.fig").all_inner_texts())
    perps = " | ".join(body.locator(".hl.perp").all_inner_texts())
    assert "trained gangs" in perps and "defections" in perps, perps
    claim_link = page.locator("table.claims-table a").first
    claim_link.click()
    assert re.search(r"#claim-", page.url)
    shot(page, "document.png")
    assert page.problems == []


def test_merge_two_events_undo_and_see_both_in_the_audit_log(site: Site, page: Any) -> None:
    khar, tess = site.wl.event_of(2 + 1), site.wl.event_of(3 + 1)  # after the seed document
    page.goto(site.base + "/login?next=/")
    page.fill("input[name=username]", "alice")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(site.base + "/")
    assert "alice" in page.locator("header .user").inner_text()
    page.check(f"input[name=event_ids][value='{khar}']")
    page.check(f"input[name=event_ids][value='{tess}']")
    page.click("#merge-button")
    page.wait_for_url(re.compile(r"/events/"))
    assert "Merged 2 events" in page.locator(".flash").inner_text()
    assert page.locator(".claims .claim-card").count() == 3
    row = page.locator("table.audit tr.audit-merge")
    assert row.count() == 1 and "alice" in row.inner_text()
    row.locator("button", has_text="Undo").click()
    page.wait_for_url(re.compile(r"/events/"))
    assert "Undid merge" in page.locator(".flash").inner_text()
    actions = page.locator("table.audit tbody tr").all_inner_texts()
    assert any("undo" in a for a in actions) and any("merge" in a for a in actions), actions
    assert page.locator("table.audit tr.audit-merge button").count() == 0  # undone: no second undo
    assert page.locator(".claims .claim-card").count() in (1, 2)  # one of the two events again
    page.goto(site.base + "/audit")
    log = page.locator("table.audit tbody tr").all_inner_texts()
    assert len(log) == 2 and "undo" in log[0] and "merge" in log[1]
    assert site.wl.ledger.get_event(khar) is not None and site.wl.ledger.get_event(tess) is not None
    assert page.problems == []
