"""Security of the web app: inert article markup, sessions and CSRF, hostile filter values,
and audit entries nobody can rewrite."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote

from tests.test_web_fixtures import WebLedger, any_ledger, fast_argon2, make_client, sign_in, web_ledger

__all__ = ["any_ledger", "fast_argon2", "web_ledger"]

class Elements(HTMLParser):
    """Every element a browser would build from a page, with its attributes and script text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.script_text.append(data)


def scripts_of(html: str) -> list[str]:
    """The src of every <script> element of a page."""
    p = Elements()
    p.feed(html)
    return [str(a.get("src")) for t, a in p.tags if t == "script"]


def assert_inert(html: str) -> None:
    """No element of the page comes from article text: every script is one of our files with
    no inline code, no element carries an event handler or a javascript: URL, and none of the
    article's tags (img, iframe, b, svg with handlers) became an element."""
    p = Elements()
    p.feed(html)
    assert p.script_text == [], "an inline script reached the page"
    for tag, attrs in p.tags:
        assert tag not in ("iframe", "object", "embed", "img", "b"), f"<{tag}> reached the page"
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/"), attrs
        for name, value in attrs.items():
            assert not name.startswith("on"), f"<{tag} {name}=...> reached the page"
            if name in ("href", "src", "action", "formaction"):
                assert not (value or "").strip().lower().startswith("javascript:"), (tag, name, value)


def test_hostile_article_is_inert_on_every_page(web_ledger: WebLedger) -> None:
    c = make_client(web_ledger)
    sign_in(c)  # the signed-in pages carry the review forms too
    tess = web_ledger.event_of(3)
    doc = web_ledger.doc_id(3)
    pages = ["/", f"/events/{tess}", f"/documents/{doc}", "/places", "/audit", "/?q=<script>alert(1)</script>",
             "/places?q=<img src=x onerror=alert(1)>"]
    for path in pages:
        r = c.get(path)
        assert r.status_code == 200, (path, r.status_code)
        html = r.text
        assert "<script>alert" not in html, path
        assert "<img src=x onerror" not in html, path
        assert "<b onmouseover" not in html, path
        assert "<iframe" not in html, path
        assert "<svg onload" not in html, path
        assert 'href="javascript:' not in html.lower(), path
        assert_inert(html)
    doc_html = c.get(f"/documents/{doc}").text
    # the hostile text is shown, escaped, with its highlights around it
    assert "&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;" in doc_html
    assert "&lt;img src=x onerror=alert(&#39;claimant&#39;)&gt;" in doc_html
    assert "javascript:alert(&#39;url&#39;)" in doc_html  # the URL as text, not as a link
    event_html = c.get(f"/events/{tess}").text
    assert re.search(r'<span class="hl claim claimant"[^>]*>Officials of the &lt;img src=x onerror=', event_html)


def test_api_returns_hostile_text_as_json_data(web_ledger: WebLedger) -> None:
    c = make_client(web_ledger)
    r = c.get(f"/api/documents/{web_ledger.doc_id(3)}")
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "<script>" in r.json()["text"]  # data stays data; it is the pages' job to escape


def test_pages_send_a_strict_content_security_policy(web_ledger: WebLedger) -> None:
    c = make_client(web_ledger)
    r = c.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp and "frame-ancestors 'none'" in csp
    assert r.headers["x-frame-options"] == "DENY"
    assert scripts_of(r.text) == ["/static/vendor/leaflet.js", "/static/map.js"]


def test_session_cookie_is_httponly_and_samesite_lax(web_ledger: WebLedger) -> None:
    c = make_client(web_ledger)
    r = c.get("/api/session")
    cookie = r.headers["set-cookie"].lower()
    assert "reportedly_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    assert "secure" not in cookie
    c2 = make_client(web_ledger, https_only=True)
    assert "secure" in c2.get("/api/session").headers["set-cookie"].lower()


def _writes(wl: WebLedger) -> list[tuple[str, str, dict[str, Any] | None]]:
    maid, khar = wl.event_of(0), wl.event_of(2)
    claim = wl.ledger.get_event(khar)["claim_details"][0]["id"]  # type: ignore[index]
    return [
        ("POST", "/api/events/merge", {"event_ids": [maid, khar]}),
        ("POST", f"/api/events/{maid}/split", {"claim_id": claim}),
        ("POST", f"/api/events/{khar}/verify", None),
        ("PATCH", f"/api/claims/{claim}", {"value": 99}),
        ("POST", "/api/audit/1/undo", None),
    ]


def test_writes_without_a_session_answer_401(web_ledger: WebLedger) -> None:
    c = make_client(web_ledger)
    tok = c.get("/api/session").json()["csrf_token"]  # a token, but nobody signed in
    for method, path, body in _writes(web_ledger):
        r = c.request(method, path, json=body, headers={"X-CSRF-Token": tok})
        assert r.status_code == 401, (method, path, r.status_code)
    forms = [f"/events/{web_ledger.event_of(2)}/verify", "/events/merge", "/audit/1/undo",
             f"/claims/{web_ledger.doc_id(0)}"]
    for path in forms:
        assert c.post(path, data={"csrf_token": tok}).status_code == 401, path
    assert web_ledger.ledger.audit_log() == []


def test_writes_without_csrf_answer_403(web_ledger: WebLedger) -> None:
    c = make_client(web_ledger)
    tok = sign_in(c)
    for method, path, body in _writes(web_ledger):
        assert c.request(method, path, json=body).status_code == 403, (method, path)
        assert c.request(method, path, json=body, headers={"X-CSRF-Token": tok[:-1] + "x"}).status_code == 403
        assert c.request(method, path, json=body, headers={"X-CSRF-Token": ""}).status_code == 403
    khar = web_ledger.event_of(2)
    assert c.post(f"/events/{khar}/verify", data={}).status_code == 403
    assert c.post(f"/events/{khar}/verify", data={"csrf_token": "forged"}).status_code == 403
    assert c.post("/logout", data={}).status_code == 403
    assert web_ledger.ledger.audit_log() == []
    # another visitor's token does not work in this session
    other = make_client(web_ledger)
    foreign = sign_in(other, "bob")
    assert c.post(f"/api/events/{khar}/verify", headers={"X-CSRF-Token": foreign}).status_code == 403
    # and the right token does
    assert c.post(f"/api/events/{khar}/verify", headers={"X-CSRF-Token": tok}).status_code == 200


def test_login_needs_the_csrf_token(web_ledger: WebLedger) -> None:
    from tests.test_web_fixtures import PASSWORD

    c = make_client(web_ledger)
    c.get("/api/session")
    assert c.post("/api/session", json={"username": "alice", "password": PASSWORD}).status_code == 403
    r = c.post("/login", data={"username": "alice", "password": PASSWORD}, follow_redirects=False)
    assert r.status_code == 403
    assert c.get("/api/session").json()["user"] is None


HOSTILE = ["' OR '1'='1", "1; DROP TABLE events; --", "%' --", "\\", "_%_",
           "' UNION SELECT password_hash FROM users --", "\x00", "𝕏 ' ) ) --", "a" * 250]
FILTERS = ["since", "until", "bbox", "near", "km", "type", "status", "q", "country", "sort", "aggregates",
           "page", "per_page"]


def test_sql_metacharacters_in_filters_answer_results_or_422(any_ledger: WebLedger) -> None:
    c = make_client(any_ledger)
    for name in FILTERS:
        for value in HOSTILE:
            for path in ("/api/events", "/api/map", "/"):
                r = c.get(path, params={name: value})
                assert r.status_code in (200, 422), (path, name, value, r.status_code)
                if r.status_code == 200 and path == "/api/events":
                    assert isinstance(r.json()["items"], list)
    tok = sign_in(c)
    for value in HOSTILE:
        for path in ("/api/places", "/places"):
            r = c.get(path, params={"q": value})
            assert r.status_code in (200, 422), (path, value, r.status_code)
        assert c.get("/api/timeline", params={"q": value, "type": value}).status_code in (200, 422)
        assert c.get(f"/api/events/{quote(value, safe='')}").status_code in (404, 422)
        assert c.get(f"/api/documents/{quote(value, safe='')}").status_code in (404, 422)
        assert c.get(f"/events/{quote(value, safe='')}").status_code in (404, 422)
        assert c.get("/api/audit", params={"user": value, "target_id": value}).status_code in (200, 422)
        r = c.post("/api/events/merge", json={"event_ids": [value, value + "x"]}, headers={"X-CSRF-Token": tok})
        assert r.status_code in (404, 422), r.status_code
        r = c.patch(f"/api/claims/{quote(value, safe='')}", json={"claimant": value}, headers={"X-CSRF-Token": tok})
        assert r.status_code in (404, 422), r.status_code
    assert c.get("/api/events").json()["total"] == 3  # nothing was dropped
    assert c.get("/api/events", params={"q": "' OR '1'='1"}).json()["total"] == 0


def test_a_reviewer_cannot_change_another_reviewers_audit_entries(web_ledger: WebLedger) -> None:
    alice = make_client(web_ledger)
    a_tok = sign_in(alice, "alice")
    khar, tess = web_ledger.event_of(2), web_ledger.event_of(3)
    merged = alice.post("/api/events/merge", json={"event_ids": [khar, tess]}, headers={"X-CSRF-Token": a_tok})
    aid = merged.json()["audit_id"]
    before = web_ledger.ledger.audit_log()

    bob = make_client(web_ledger)
    b_tok = sign_in(bob, "bob")
    h = {"X-CSRF-Token": b_tok}
    assert bob.post(f"/api/audit/{aid}/undo", headers=h).status_code == 403
    assert bob.post(f"/audit/{aid}/undo", data={"csrf_token": b_tok}).status_code == 403
    for method in ("PATCH", "PUT", "DELETE"):
        assert bob.request(method, f"/api/audit/{aid}", json={"user": "bob"}, headers=h).status_code in (404, 405)
    assert bob.request("DELETE", "/api/audit", headers=h).status_code == 405
    assert web_ledger.ledger.audit_log() == before
    # the undo button is not offered to bob, and is to alice
    merged_page = f"/events/{merged.json()['event_id']}"
    assert f'action="/audit/{aid}/undo"' not in bob.get(merged_page).text
    assert f'action="/audit/{aid}/undo"' in alice.get(merged_page).text
    # an admin may undo anyone's action; the log keeps both entries
    root = make_client(web_ledger)
    r_tok = sign_in(root, "root")
    assert root.post(f"/api/audit/{aid}/undo", headers={"X-CSRF-Token": r_tok}).status_code == 200
    log = web_ledger.ledger.audit_log()
    assert [(e["action"], e["user"]) for e in log] == [("undo", "root"), ("merge", "alice")]
    assert log[1] == {**before[0], "undone_by": log[0]["id"]}


def test_open_redirects_are_refused(web_ledger: WebLedger) -> None:
    from tests.test_web_fixtures import PASSWORD

    c = make_client(web_ledger)
    page = c.get("/login?next=//evil.example/")
    tok = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    assert 'value="//evil.example/"' not in page.text
    r = c.post("/login", data={"username": "alice", "password": PASSWORD, "csrf_token": tok,
                               "next": "https://evil.example/"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"


def test_password_guessing_is_throttled(web_ledger: WebLedger) -> None:
    from tests.test_web_fixtures import PASSWORD

    c = make_client(web_ledger)
    tok = c.get("/api/session").json()["csrf_token"]
    h = {"X-CSRF-Token": tok}
    for _ in range(5):
        assert c.post("/api/session", json={"username": "alice", "password": "guess " * 3}, headers=h).status_code == 401
    r = c.post("/api/session", json={"username": "alice", "password": PASSWORD}, headers=h)
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
    page = c.get("/login")
    r = c.post("/login", data={"username": "alice", "password": PASSWORD, "csrf_token": form_token(page.text)})
    assert r.status_code == 429 and "Too many failed sign-ins" in r.text
    # another client (another address in real life; here a fresh app) is not blocked
    other = make_client(web_ledger)
    assert sign_in(other, "alice")


def form_token(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m
    return m.group(1)
