"""The JSON API in process (FastAPI TestClient) over a small hand-built ledger.

Filters and review operations run on SQLite and, when a server answers, on PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.test_web_fixtures import (
    PASSWORD,
    WebLedger,
    any_ledger,
    fast_argon2,
    make_client,
    sign_in,
    web_ledger,
)

__all__ = ["any_ledger", "fast_argon2", "web_ledger"]  # fixtures, used by the tests below


def ids(resp: Any) -> set[str]:
    assert resp.status_code == 200, resp.text
    return {e["id"] for e in resp.json()["items"]}


def test_events_list_filters_and_paginates(any_ledger: WebLedger) -> None:
    c = make_client(any_ledger)
    maid, khar, tess = any_ledger.event_of(0), any_ledger.event_of(2), any_ledger.event_of(3)
    everything = c.get("/api/events").json()
    assert everything["total"] == 3 and len(everything["items"]) == 3
    assert [e["id"] for e in everything["items"]] == [maid, khar, tess]  # newest first
    first = everything["items"][0]
    assert first["status"] == "contested" and first["killed_low"] == 7 and first["killed_high"] == 15
    assert ids(c.get("/api/events", params={"status": "contested"})) == {maid}
    assert ids(c.get("/api/events", params={"status": "single_source,contested"})) == {maid, khar, tess}
    assert ids(c.get("/api/events", params={"since": "2022-01-01"})) == {maid, khar}
    assert ids(c.get("/api/events", params={"until": "2022"})) == {khar, tess}
    assert ids(c.get("/api/events", params={"since": "2022-09-10", "until": "2022-09-10"})) == {khar}
    assert ids(c.get("/api/events", params={"bbox": "30,45,40,55"})) == {khar}
    assert ids(c.get("/api/events", params={"near": "11.85,13.15", "km": 5})) == {maid}
    assert ids(c.get("/api/events", params={"near": "Kharkiv", "km": 30})) == {khar}
    assert ids(c.get("/api/events", params={"near": "11.5,13.15", "km": 5})) == set()  # ~40 km away
    assert ids(c.get("/api/events", params={"type": "battles"})) == {tess}
    assert ids(c.get("/api/events", params={"country": "ua"})) == {khar}
    assert ids(c.get("/api/events", params={"q": "gunmen"})) == {maid}  # a perpetrator
    assert ids(c.get("/api/events", params={"q": "GOVERNOR"})) == {khar}  # a claimant, any case
    assert ids(c.get("/api/events", params={"q": "%"})) == set()  # a wildcard is a character
    assert ids(c.get("/api/events", params={"q": "_"})) == set()
    by_killed = c.get("/api/events", params={"sort": "killed_desc"}).json()["items"]
    assert [e["id"] for e in by_killed] == [maid, khar, tess]
    p1 = c.get("/api/events", params={"per_page": 2}).json()
    assert p1["pages"] == 2 and len(p1["items"]) == 2 and p1["links"]["prev"] is None
    p2 = c.get(p1["links"]["next"]).json()
    assert p2["page"] == 2 and [e["id"] for e in p2["items"]] == [tess]
    assert c.get("/api/events", params={"page": 9}).json()["items"] == []
    assert c.get("/api/events", params={"since": "not a date"}).status_code == 422
    assert c.get("/api/events", params={"per_page": 100000}).status_code == 422


def test_event_detail_has_claims_contradictions_and_evidence(web_ledger: WebLedger) -> None:
    c = make_client(web_ledger)
    maid = web_ledger.event_of(0)
    ev = c.get(f"/api/events/{maid}").json()
    assert ev["status"] == "contested"
    assert ev["fatalities"]["killed"] == {"low": 7, "best": 7, "high": 15}
    assert {d["claimant"]["text"] for d in ev["claim_details"]} == {"Police", "Residents", "A hospital official"}
    assert all(d["evidence"]["text"] for d in ev["claim_details"])
    assert [x["field"] for x in ev["contradictions"]] == ["killed"]
    assert ev["audit"] == []
    assert c.get("/api/events/no-such-event").status_code == 404


def test_document_has_text_claims_statements_places(web_ledger: WebLedger) -> None:
    c = make_client(web_ledger)
    doc = c.get(f"/api/documents/{web_ledger.doc_id(0)}").json()
    assert doc["text"].startswith("Gunmen kill villagers")
    assert [cl["value"] for cl in doc["claims"]] == [7, 15]
    assert doc["statements"][0]["speaker"]["text"] == "Police"
    assert doc["places"][0]["name"] == "Maiduguri"
    assert c.get("/api/documents/nope").status_code == 404


def test_places_map_timeline_and_openapi(web_ledger: WebLedger) -> None:
    c = make_client(web_ledger)
    places = c.get("/api/places").json()
    top = places["items"][0]
    assert top["name"] == "Maiduguri" and top["documents"] == 2 and places["total"] == 3
    assert [p["name"] for p in c.get("/api/places", params={"q": "khar"}).json()["items"]] == ["Kharkiv"]
    geo = c.get("/api/map", params={"format": "geojson"}).json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 3 and not geo["truncated"]
    khar = next(f for f in geo["features"] if f["properties"]["place"] == "Kharkiv")
    assert khar["geometry"]["coordinates"] == [36.2527, 49.9808]
    assert khar["properties"]["killed"] == 4 and khar["properties"]["status"] == "single_source"
    pts = c.get("/api/map").json()
    assert pts["count"] == 3 and not pts["truncated"]
    row = dict(zip(pts["fields"], next(p for p in pts["points"] if p[0] == khar["id"]), strict=True))
    assert (row["lat"], row["lon"], row["killed"], row["place"]) == (49.9808, 36.2527, 4, "Kharkiv")
    assert c.get("/api/map", params={"status": "contested"}).json()["count"] == 1
    assert c.get("/api/map", params={"format": "kml"}).status_code == 422
    tl = c.get("/api/timeline").json()
    assert tl["unit"] == "month" and tl["buckets"][0]["key"] == "2021-02" and tl["buckets"][-1]["key"] == "2023-05"
    assert tl["total_killed"] == 7 + 4 + 3 and tl["total_injured"] == 12
    assert c.get("/api/timeline", params={"since": "2022-09-01", "until": "2022-09-30"}).json()["unit"] == "day"
    spec = c.get("/api/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/documents/{doc_id}", "/api/places",
                 "/api/events/merge", "/api/events/{event_id}/split", "/api/events/{event_id}/verify",
                 "/api/claims/{claim_id}"):
        assert path in spec["paths"], path
    assert "patch" in spec["paths"]["/api/claims/{claim_id}"]


def test_merge_then_undo_restores_both_events_and_logs_both(any_ledger: WebLedger) -> None:
    c = make_client(any_ledger)
    tok = sign_in(c)
    khar, tess = any_ledger.event_of(2), any_ledger.event_of(3)
    r = c.post("/api/events/merge", json={"event_ids": [khar, tess]}, headers={"X-CSRF-Token": tok})
    assert r.status_code == 200, r.text
    merged = r.json()["event_id"]
    ev = c.get(f"/api/events/{merged}").json()
    assert len(ev["claim_details"]) == 3
    assert c.get("/api/events").json()["total"] == 2
    actions = [(a["action"], a["user"]) for a in ev["audit"]]
    assert actions == [("merge", "alice")]
    r = c.post(f"/api/audit/{r.json()['audit_id']}/undo", headers={"X-CSRF-Token": tok})
    assert r.status_code == 200, r.text
    assert ids(c.get("/api/events")) >= {any_ledger.event_of(2), any_ledger.event_of(3)}
    assert c.get("/api/events").json()["total"] == 3
    back = c.get(f"/api/events/{any_ledger.event_of(2)}").json()
    assert [a["action"] for a in back["audit"]] == ["undo", "merge"]
    assert back["audit"][1]["undone_by"] == back["audit"][0]["id"]
    assert c.post(f"/api/audit/{back['audit'][1]['id']}/undo", headers={"X-CSRF-Token": tok}).status_code == 409
    log = c.get("/api/audit").json()["items"]
    assert [a["action"] for a in log] == ["undo", "merge"]


def test_split_verify_and_correct(any_ledger: WebLedger) -> None:
    c = make_client(any_ledger)
    tok = sign_in(c, "bob")
    h = {"X-CSRF-Token": tok}
    maid = any_ledger.event_of(0)
    hospital = next(d for d in c.get(f"/api/events/{maid}").json()["claim_details"]
                    if d["claimant"]["text"] == "A hospital official")
    r = c.post(f"/api/events/{maid}/split", json={"claim_id": hospital["id"]}, headers=h)
    assert r.status_code == 200, r.text
    assert r.json()["event_id"] != any_ledger.event_of(0)
    assert c.get("/api/events").json()["total"] == 4
    assert c.post(f"/api/events/{maid}/split", json={"claim_id": "nope"}, headers=h).status_code in (404, 409)

    khar = any_ledger.event_of(2)
    assert c.post(f"/api/events/{khar}/verify", headers=h).status_code == 200
    assert ids(c.get("/api/events", params={"status": "verified"})) == {khar}
    assert khar not in ids(c.get("/api/events", params={"status": "unverified"}))
    assert c.get(f"/api/events/{khar}").json()["verified"]["by"] == "bob"

    claim_id = c.get(f"/api/events/{khar}").json()["claim_details"][0]["id"]
    r = c.patch(f"/api/claims/{claim_id}", json={"value": 5, "claimant": "the governor's office"}, headers=h)
    assert r.status_code == 200, r.text
    assert r.json()["claim"]["value"] == 5
    detail = next(d for d in c.get(f"/api/events/{any_ledger.event_of(2)}").json()["claim_details"]
                  if d["id"] == claim_id)
    assert detail["corrected"] and detail["machine"]["value"] == 4 and detail["value"] == 5
    entry = c.get("/api/audit", params={"target_type": "claim", "target_id": claim_id}).json()["items"][0]
    assert entry["user"] == "bob" and entry["before"]["value"] == 4 and entry["after"]["value"] == 5
    assert c.patch(f"/api/claims/{claim_id}", json={"colour": "red"}, headers=h).status_code == 422
    assert c.patch(f"/api/claims/{claim_id}", json={"value": -3}, headers=h).status_code == 422
    assert c.patch(f"/api/claims/{claim_id}", json={"kind": "arrested"}, headers=h).status_code == 422
    assert c.patch(f"/api/claims/{claim_id}", json={}, headers=h).status_code == 422
    assert c.patch("/api/claims/nope", json={"value": 1}, headers=h).status_code == 404


def test_merge_needs_two_distinct_known_events(web_ledger: WebLedger) -> None:
    c = make_client(web_ledger)
    h = {"X-CSRF-Token": sign_in(c)}
    e = web_ledger.event_of(2)
    assert c.post("/api/events/merge", json={"event_ids": [e]}, headers=h).status_code == 422
    assert c.post("/api/events/merge", json={"event_ids": [e, e]}, headers=h).status_code == 422
    assert c.post("/api/events/merge", json={"event_ids": [e, "nope"]}, headers=h).status_code == 404
    assert c.post("/api/events/merge", json={"ids": [e]}, headers=h).status_code == 422


def test_sessions_sign_in_and_out(web_ledger: WebLedger) -> None:
    c = make_client(web_ledger)
    info = c.get("/api/session").json()
    assert info["user"] is None and len(info["csrf_token"]) >= 32
    bad = c.post("/api/session", json={"username": "alice", "password": "wrong password"},
                 headers={"X-CSRF-Token": info["csrf_token"]})
    assert bad.status_code == 401
    unknown = c.post("/api/session", json={"username": "mallory", "password": PASSWORD},
                     headers={"X-CSRF-Token": info["csrf_token"]})
    assert unknown.status_code == 401
    tok = sign_in(c)
    assert tok != info["csrf_token"]  # a fresh token for the signed-in session
    assert c.get("/api/session").json()["user"] == {"name": "alice", "role": "reviewer"}
    assert c.delete("/api/session", headers={"X-CSRF-Token": tok}).status_code == 204
    assert c.get("/api/session").json()["user"] is None
    assert c.post(f"/api/events/{web_ledger.event_of(2)}/verify", headers={"X-CSRF-Token": tok}).status_code == 401


def test_a_password_change_ends_earlier_sessions(web_ledger: WebLedger) -> None:
    from reportedly.web.accounts import set_password

    c = make_client(web_ledger)
    tok = sign_in(c, "bob")
    assert c.get("/api/session").json()["user"]["name"] == "bob"
    set_password(web_ledger.ledger.engine, "bob", "another long password")
    assert c.get("/api/session").json()["user"] is None
    assert c.post(f"/api/events/{web_ledger.event_of(2)}/verify", headers={"X-CSRF-Token": tok}).status_code == 401
    sign_in(c, "bob", "another long password")
    assert c.get("/api/session").json()["user"]["name"] == "bob"


def test_reading_can_require_a_session(web_ledger: WebLedger) -> None:
    c = make_client(web_ledger, anonymous_read=False)
    assert c.get("/api/events").status_code == 401
    assert c.get(f"/api/documents/{web_ledger.doc_id(0)}").status_code == 401
    page = c.get("/", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")
    assert c.get("/login").status_code == 200
    sign_in(c)
    assert c.get("/api/events").json()["total"] == 3
    assert c.get("/").status_code == 200


def test_user_add_command_hashes_and_refuses_duplicates(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from reportedly.cli import app
    from reportedly.store.ledger import Ledger
    from reportedly.web.accounts import authenticate

    db = tmp_path / "users.db"
    runner = CliRunner()
    r = runner.invoke(app, ["user", "add", "carol", "--db", str(db), "--password-stdin"], input=PASSWORD + "\n")
    assert r.exit_code == 0, r.output
    assert "added reviewer carol" in r.output
    r = runner.invoke(app, ["user", "add", "carol", "--db", str(db), "--password-stdin"], input=PASSWORD + "\n")
    assert r.exit_code == 1 and "already exists" in r.output
    r = runner.invoke(app, ["user", "add", "dave", "--db", str(db), "--password-stdin"], input="short\n")
    assert r.exit_code == 1 and "at least" in r.output
    r = runner.invoke(app, ["user", "add", "bad name!", "--db", str(db), "--password-stdin"], input=PASSWORD + "\n")
    assert r.exit_code != 0
    r = runner.invoke(app, ["user", "add", "erin", "--db", str(db), "--role", "admin"],
                      input=PASSWORD + "\n" + PASSWORD + "\n")
    assert r.exit_code == 0, r.output
    led = Ledger.open(str(db))
    try:
        stored = led.get_user("carol")
        assert stored is not None and stored["password_hash"].startswith("$argon2id$")
        assert PASSWORD not in stored["password_hash"]
        assert authenticate(led.engine, "carol", PASSWORD) is not None
        assert authenticate(led.engine, "carol", PASSWORD + "x") is None
        erin = authenticate(led.engine, "erin", PASSWORD)
        assert erin is not None and erin.role == "admin"
    finally:
        led.close()
    r = runner.invoke(app, ["user", "list", "--db", str(db)])
    assert r.output.split() == ["carol", "reviewer", "erin", "admin"]


def test_serve_command_builds_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from reportedly.cli import app

    got: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: got.update(app=application, **kw))
    db = tmp_path / "serve.db"
    r = CliRunner().invoke(app, ["serve", "--db", str(db), "--port", "8123", "--no-anonymous-read",
                                 "--tiles", "https://tiles.example.org/{z}/{x}/{y}.png"])
    assert r.exit_code == 0, r.output
    assert got["host"] == "127.0.0.1" and got["port"] == 8123
    settings = got["app"].state.settings  # type: ignore[attr-defined]
    assert settings.anonymous_read is False and settings.tiles_url.startswith("https://tiles.example.org/")
    assert db.exists()
    r = CliRunner().invoke(app, ["serve", "--db", str(db), "--tiles", "file:///etc/passwd"])
    assert r.exit_code != 0
