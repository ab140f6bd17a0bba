"""The HTML pages and the review forms, in process (no browser)."""

from __future__ import annotations

import re
from typing import Any

from tests.test_web_fixtures import PASSWORD, WebLedger, fast_argon2, make_client, web_ledger

__all__ = ["fast_argon2", "web_ledger"]


def form_token(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "no CSRF field on the page"
    return m.group(1)


def login(c: Any, name: str = "alice") -> str:
    page = c.get("/login?next=/")
    r = c.post("/login", data={"username": name, "password": PASSWORD, "csrf_token": form_token(page.text),
                               "next": "/"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/", r.text
    return form_token(c.get("/").text)


def test_pages_render_for_visitors(web_ledger: WebLedger) -> None:
    c = make_client(web_ledger)
    maid = web_ledger.event_of(0)
    index = c.get("/")
    assert index.status_code == 200
    assert index.text.count('class="event-row"') == 3
    assert 'name="event_ids"' not in index.text  # no review tools for visitors
    assert "<svg" in index.text and 'class="bar"' in index.text  # the timeline
    assert 'data-events="/api/map?' in index.text and 'data-world="/static/world.geojson"' in index.text
    ev = c.get(f"/events/{maid}").text
    assert ev.count('data-claim-id=') == 3
    assert re.search(r"7 killed according to [^;]*(Police|A hospital official)[^;]*; at least 15 killed according to Residents", ev)
    assert "These figures cannot all be true." in ev
    assert 'action="/events/' not in ev  # no review forms for visitors
    doc = c.get(f"/documents/{web_ledger.doc_id(0)}").text
    for cls in ("hl claim", "fig", "claimant", "speaker", "cue", "content", "place", "trigger"):
        assert f"{cls}" in doc, cls
    assert 'id="claim-' in doc and 'id="statement-0"' in doc and 'id="place-0"' in doc
    assert c.get("/places").text.count("events nearby") == 3
    assert c.get("/audit").status_code == 200
    assert "/api/events/merge" in c.get("/api").text
    assert c.get("/events/nope").status_code == 404
    assert c.get("/?since=garbage").status_code == 422
    assert c.get("/static/world.geojson").json()["type"] == "FeatureCollection"
    assert c.get("/favicon.ico").headers["content-type"].startswith("image/svg")


def test_filters_on_the_events_page(web_ledger: WebLedger) -> None:
    c = make_client(web_ledger)
    assert c.get("/", params={"status": "contested"}).text.count('class="event-row"') == 1
    assert c.get("/", params={"near": "Kharkiv", "km": "20"}).text.count('class="event-row"') == 1
    assert c.get("/", params={"q": "raiders"}).text.count('class="event-row"') == 1
    page = c.get("/", params={"type": "battles", "sort": "killed_desc"}).text
    assert page.count('class="event-row"') == 1 and 'data-events="/api/map?type=battles&amp;sort=killed_desc"' in page


def test_review_through_the_forms(web_ledger: WebLedger) -> None:
    c = make_client(web_ledger)
    tok = login(c)
    index = c.get("/").text
    assert 'name="event_ids"' in index and "Merge selected events" in index
    khar, tess, maid = web_ledger.event_of(2), web_ledger.event_of(3), web_ledger.event_of(0)

    # merge from the list, land on the merged event, undo from its audit log
    r = c.post("/events/merge", data={"csrf_token": tok, "event_ids": [khar, tess]}, follow_redirects=False)
    assert r.status_code == 303
    merged_url = r.headers["location"]
    page = c.get(merged_url).text
    assert "Merged 2 events" in page and page.count('data-claim-id=') == 3
    aid = int(re.search(r'action="/audit/(\d+)/undo"', page).group(1))  # type: ignore[union-attr]
    r = c.post(f"/audit/{aid}/undo", data={"csrf_token": tok, "next": merged_url}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/events/")
    back = c.get(r.headers["location"]).text
    assert "Undid merge" in back
    assert "audit-undo" in back and "audit-merge" in back
    assert c.get("/api/events").json()["total"] == 3

    # correct a claim: only the changed fields are recorded
    ev = c.get(f"/api/events/{maid}").json()
    police = next(d for d in ev["claim_details"] if d["claimant"]["text"] == "Police")
    form = {"csrf_token": tok, "next": f"/events/{maid}", "kind": "killed", "value": "8", "qualifier": "exact",
            "group": "civilians", "claimant": "Police", "claimant_type": "police", "stance": "asserted",
            "perpetrator": "gunmen", "event_type": "violence_against_civilians"}
    r = c.post(f"/claims/{police['id']}", data=form, follow_redirects=False)
    assert r.status_code == 303
    entry = web_ledger.ledger.audit_log(target_type="claim", target_id=police["id"])[0]
    assert entry["after"] == {"value": 8} and entry["before"] == {"value": 7}
    r = c.post(f"/claims/{police['id']}", data={**form, "value": "8"}, follow_redirects=True)
    assert "Nothing changed." in r.text
    r = c.post(f"/claims/{police['id']}", data={**form, "date_start": "2023-05-01", "date_end": "2023-05-02",
                                               "location": "Maiduguri"}, follow_redirects=False)
    assert r.status_code == 303
    entry = web_ledger.ledger.audit_log(target_type="claim", target_id=police["id"])[0]
    assert entry["after"] == {"date_start": "2023-05-01"}  # the unchanged end and place are not recorded
    r = c.post(f"/claims/{police['id']}", data={**form, "value": "lots"}, follow_redirects=False)
    assert r.status_code == 422

    # split the hospital's claim off, then verify an event
    hospital = next(d for d in ev["claim_details"] if d["claimant"]["text"] == "A hospital official")
    r = c.post(f"/events/{maid}/split", data={"csrf_token": tok, "claim_id": hospital["id"]}, follow_redirects=True)
    assert "Split the claim off" in r.text and r.text.count('data-claim-id=') == 1
    r = c.post(f"/events/{khar}/verify", data={"csrf_token": tok}, follow_redirects=True)
    assert "Marked verified" in r.text and "badge verified" in r.text
    assert [e["action"] for e in web_ledger.ledger.audit_log()] == ["verify", "split", "correct", "correct", "undo",
                                                                    "merge"]

    # sign out: the forms are gone and writes are refused
    assert c.post("/logout", data={"csrf_token": tok}, follow_redirects=False).status_code == 303
    assert c.post(f"/events/{khar}/verify", data={"csrf_token": tok}).status_code == 401


def test_wrong_password_on_the_form(web_ledger: WebLedger) -> None:
    c = make_client(web_ledger)
    page = c.get("/login")
    r = c.post("/login", data={"username": "alice", "password": "not it at all", "csrf_token": form_token(page.text)})
    assert r.status_code == 401 and "Wrong user name or password." in r.text


def test_a_failed_document_shows_its_errors(web_ledger: WebLedger) -> None:
    from reportedly.model import Document, DocumentResult, ProcessingError

    bad = Document(text="\x00\x01\x02 not an article <script>alert(1)</script>", title="Unreadable upload")
    web_ledger.ledger.ingest_results([DocumentResult(
        document=bad, errors=[ProcessingError("binary", "looks like binary data <b>here</b>")])])
    page = make_client(web_ledger).get(f"/documents/{bad.id}")
    assert page.status_code == 200
    assert "<code>binary</code> looks like binary data &lt;b&gt;here&lt;/b&gt;" in page.text
    assert "could not be processed" in page.text and "<script>alert" not in page.text
