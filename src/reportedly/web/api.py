"""The JSON API under ``/api`` (its OpenAPI document is ``/api/openapi.json``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from reportedly.store.ledger import CorrectionError, LedgerError, NotFound
from reportedly.web import queries as Q
from reportedly.web import views
from reportedly.web.accounts import User, authenticate
from reportedly.web.security import (
    CSRF_HEADER,
    api_reader,
    api_writer,
    csrf_ok,
    csrf_token,
    current_user,
    login_keys,
    sign_in,
    sign_out,
)

router = APIRouter(prefix="/api")
T = TypeVar("T")

Reader = Annotated[User | None, Depends(api_reader)]
Writer = Annotated[User, Depends(api_writer)]
EventId = Annotated[str, Path(min_length=1, max_length=200, description="an event id")]
ClaimId = Annotated[str, Path(min_length=1, max_length=200, description="a claim id")]


def ledger_call(fn: Callable[..., T], *args: Any) -> T:
    """Run a store operation, turning its errors into HTTP answers."""
    try:
        return fn(*args)
    except NotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    except CorrectionError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    except LedgerError as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc


def event_filters(
    request: Request,
    since: Annotated[str | None, Query(max_length=32, description="events ending on or after (YYYY[-MM[-DD]])")] = None,
    until: Annotated[str | None, Query(max_length=32, description="events starting on or before")] = None,
    bbox: Annotated[str | None, Query(max_length=120, description="west,south,east,north in degrees")] = None,
    near: Annotated[str | None, Query(max_length=200, description="lat,lon or a place name")] = None,
    km: Annotated[float | None, Query(gt=0, le=20000, description="radius around near, km (default 50)")] = None,
    type: Annotated[str | None, Query(max_length=300, description="ACLED event type(s), comma-separated")] = None,
    status: Annotated[str | None, Query(max_length=200, description="status(es): " + ", ".join(Q.FILTER_STATUSES))] = None,
    q: Annotated[str | None, Query(max_length=200, description="text in place, claimant, perpetrator")] = None,
    country: Annotated[str | None, Query(max_length=2, description="ISO 3166-1 alpha-2")] = None,
    aggregates: Annotated[bool, Query(description="include cumulative tolls")] = True,
    sort: Annotated[str | None, Query(max_length=20, description="one of " + ", ".join(Q.SORTS))] = None,
) -> Q.EventFilters:
    engine = request.app.state.engine

    def lookup(name: str) -> tuple[float, float] | None:
        with engine.connect() as conn:
            return Q.lookup_place(conn, name)

    try:
        return Q.parse_filters(since=since, until=until, bbox=bbox, near=near, km=km, type=type,
                               status=status, q=q, country=country, aggregates=aggregates, sort=sort,
                               place_lookup=lookup)
    except Q.FilterError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc


Filters = Annotated[Q.EventFilters, Depends(event_filters)]


def _page_links(request: Request, page: Q.Page) -> dict[str, str | None]:
    params = dict(request.query_params)

    def link(n: int) -> str:
        return request.url.path + "?" + urlencode({**params, "page": n})

    return {"next": link(page.page + 1) if page.page < page.pages else None,
            "prev": link(page.page - 1) if page.page > 1 else None}


# ---- reading ---------------------------------------------------------------------------------

@router.get("/events", summary="Events, filtered and paginated", tags=["events"])
def list_events(request: Request, _user: Reader, f: Filters,
                page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
                per_page: Annotated[int | None, Query(ge=1, le=500)] = None) -> dict[str, Any]:
    size = min(per_page or request.app.state.settings.page_size, request.app.state.settings.max_page_size)
    with request.app.state.engine.connect() as conn:
        pg = Q.list_events(conn, f, page=page, per_page=size)
    return {"items": pg.items, "total": pg.total, "page": pg.page, "per_page": pg.per_page,
            "pages": pg.pages, "filters": f.to_params(), "links": _page_links(request, pg)}


@router.get("/events/{event_id}", summary="An event with its claims and audit log", tags=["events"])
def get_event(request: Request, _user: Reader, event_id: EventId) -> dict[str, Any]:
    rec = request.app.state.ledger.get_event(event_id)
    if rec is None:
        raise HTTPException(status_code=404, detail=f"no event {event_id}")
    ids = [d["id"] for d in rec.get("claim_details", [])]
    with request.app.state.engine.connect() as conn:
        rec["audit"] = views.event_audit(conn, event_id, ids)
    return rec  # type: ignore[no-any-return]


@router.get("/map", summary="Matching events as map points (compact rows, or GeoJSON)", tags=["events"],
            response_class=JSONResponse)
def map_data(request: Request, _user: Reader, f: Filters,
             format: Annotated[str, Query(pattern="^(points|geojson)$",
                                          description="points: {fields, points: [[...]]}; geojson")] = "points",
             ) -> Response:
    limit = request.app.state.settings.map_limit
    with request.app.state.engine.connect() as conn:
        data = Q.map_features(conn, f, limit) if format == "geojson" else Q.map_points(conn, f, limit)
    # tens of thousands of points: serialised directly, without FastAPI's generic encoder
    return Response(json.dumps(data, separators=(",", ":"), ensure_ascii=False), media_type="application/json")


@router.get("/timeline", summary="Killed and injured per day, month or year", tags=["events"])
def timeline(request: Request, _user: Reader, f: Filters) -> dict[str, Any]:
    with request.app.state.engine.connect() as conn:
        return Q.timeline(conn, f)


@router.get("/documents/{doc_id}", summary="A document with its text, claims, statements and places",
            tags=["documents"])
def get_document(request: Request, _user: Reader,
                 doc_id: Annotated[str, Path(min_length=1, max_length=200)]) -> dict[str, Any]:
    doc = request.app.state.ledger.get_document(doc_id)
    if doc is None:
        raise HTTPException(status_code=404, detail=f"no document {doc_id}")
    return doc  # type: ignore[no-any-return]


@router.get("/places", summary="Places named in the documents", tags=["places"])
def list_places(request: Request, _user: Reader,
                q: Annotated[str | None, Query(max_length=200)] = None,
                country: Annotated[str | None, Query(max_length=2)] = None,
                page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
                per_page: Annotated[int, Query(ge=1, le=500)] = 100) -> dict[str, Any]:
    with request.app.state.engine.connect() as conn:
        pg = Q.list_places(conn, q=q.strip() if q else None,
                           country=country.upper() if country else None, page=page, per_page=per_page)
    return {"items": pg.items, "total": pg.total, "page": pg.page, "per_page": pg.per_page,
            "pages": pg.pages, "links": _page_links(request, pg)}


@router.get("/claims/{claim_id}", summary="A claim (corrected values) and its audit log", tags=["claims"])
def get_claim(request: Request, _user: Reader, claim_id: ClaimId) -> dict[str, Any]:
    c = request.app.state.ledger.get_claim(claim_id)
    if c is None:
        raise HTTPException(status_code=404, detail=f"no claim {claim_id}")
    return c  # type: ignore[no-any-return]


@router.get("/audit", summary="The audit log, newest first", tags=["review"])
def audit(request: Request, _user: Reader,
          user: Annotated[str | None, Query(max_length=200)] = None,
          target_type: Annotated[str | None, Query(max_length=32)] = None,
          target_id: Annotated[str | None, Query(max_length=200)] = None,
          page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
          per_page: Annotated[int, Query(ge=1, le=500)] = 100) -> dict[str, Any]:
    with request.app.state.engine.connect() as conn:
        rows = Q.audit_entries(conn, target_type=target_type, target_ids=[target_id] if target_id else None,
                               user=user, limit=per_page, offset=(page - 1) * per_page)
        views.mark_undone(conn, rows)
    return {"items": rows, "page": page, "per_page": per_page}


# ---- review (writes) ------------------------------------------------------------------------

PRINTABLE = r"^[^\x00-\x1f\x7f]+$"


class MergeIn(BaseModel):
    event_ids: list[Annotated[str, Field(min_length=1, max_length=200, pattern=PRINTABLE)]] = Field(
        min_length=2, max_length=100)


class SplitIn(BaseModel):
    claim_id: str = Field(min_length=1, max_length=200, pattern=PRINTABLE)


def _event_of(request: Request, claim_id: str) -> str | None:
    with request.app.state.engine.connect() as conn:
        return Q.event_ids_of_claims(conn, [claim_id]).get(claim_id)


@router.post("/events/merge", summary="Merge events that are one incident", tags=["review"])
def merge(request: Request, user: Writer, body: MergeIn) -> dict[str, Any]:
    ids = list(dict.fromkeys(body.event_ids))
    if len(ids) < 2:
        raise HTTPException(status_code=422, detail="merging needs two or more different events")
    aid = ledger_call(request.app.state.ledger.merge_events, ids, user.name)
    with request.app.state.engine.connect() as conn:
        entry = Q.audit_entries(conn, audit_id=aid, limit=1)
    claims = ((entry[0].get("after") or {}).get("claim_ids") or []) if entry else []
    return {"audit_id": aid, "event_id": _event_of(request, claims[0]) if claims else None}


@router.post("/events/{event_id}/split", summary="Take a claim out of an event", tags=["review"])
def split(request: Request, user: Writer, event_id: EventId, body: SplitIn) -> dict[str, Any]:
    aid = ledger_call(request.app.state.ledger.split_claim, event_id, body.claim_id, user.name)
    return {"audit_id": aid, "event_id": _event_of(request, body.claim_id)}


@router.post("/events/{event_id}/verify", summary="Mark an event verified", tags=["review"])
def verify(request: Request, user: Writer, event_id: EventId) -> dict[str, Any]:
    return {"audit_id": ledger_call(request.app.state.ledger.verify_event, event_id, user.name)}


@router.patch("/claims/{claim_id}", summary="Correct fields of a claim", tags=["review"])
def correct(request: Request, user: Writer, claim_id: ClaimId,
            changes: Annotated[dict[str, Any], Body(examples=[{"value": 12, "claimant": "police"}])]) -> dict[str, Any]:
    if not changes:
        raise HTTPException(status_code=422, detail="no changes given")
    aid = ledger_call(request.app.state.ledger.correct_claim, claim_id, changes, user.name)
    return {"audit_id": aid, "claim": request.app.state.ledger.get_claim(claim_id)}


def check_undo_allowed(request: Request, user: User, audit_id: int) -> dict[str, Any]:
    """A reviewer undoes only their own actions; an admin anyone's."""
    with request.app.state.engine.connect() as conn:
        rows = Q.audit_entries(conn, audit_id=audit_id, limit=1)
    if not rows:
        raise HTTPException(status_code=404, detail=f"no audit entry {audit_id}")
    entry = rows[0]
    if entry["user"] != user.name and not user.is_admin:
        raise HTTPException(status_code=403, detail=f"audit entry {audit_id} is {entry['user']}'s: "
                            "only they or an admin can undo it")
    return entry


@router.post("/audit/{audit_id}/undo", summary="Undo a review action", tags=["review"])
def undo(request: Request, user: Writer, audit_id: Annotated[int, Path(ge=1, le=2**62)]) -> dict[str, Any]:
    check_undo_allowed(request, user, audit_id)
    return {"audit_id": ledger_call(request.app.state.ledger.undo, audit_id, user.name)}


# ---- session --------------------------------------------------------------------------------

class LoginIn(BaseModel):
    username: str = Field(min_length=1, max_length=200, pattern=PRINTABLE)
    password: str = Field(min_length=1, max_length=1024)


def _session_body(request: Request) -> dict[str, Any]:
    u = current_user(request)
    return {"user": {"name": u.name, "role": u.role} if u else None, "csrf_token": csrf_token(request),
            "csrf_header": CSRF_HEADER}


@router.get("/session", summary="Who is signed in, and the CSRF token for writes", tags=["session"])
def session_info(request: Request) -> dict[str, Any]:
    return _session_body(request)


@router.post("/session", summary="Sign in (needs the CSRF token from GET /api/session)", tags=["session"])
def login(request: Request, body: LoginIn) -> dict[str, Any]:
    if not csrf_ok(request, request.headers.get(CSRF_HEADER)):
        raise HTTPException(status_code=403, detail=f"missing or wrong {CSRF_HEADER} header")
    throttle = request.app.state.login_throttle
    keys = login_keys(request, body.username)
    if throttle.blocked(*keys):
        raise HTTPException(status_code=429, detail="too many failed sign-ins; wait a few minutes",
                            headers={"Retry-After": str(int(throttle.window))})
    user = authenticate(request.app.state.engine, body.username, body.password)
    if user is None:
        throttle.failed(*keys)
        raise HTTPException(status_code=401, detail="wrong user name or password")
    throttle.succeeded(keys[0])
    sign_in(request, user)
    return _session_body(request)


@router.delete("/session", status_code=204, summary="Sign out", tags=["session"])
def logout(request: Request) -> Response:
    if not csrf_ok(request, request.headers.get(CSRF_HEADER)):
        raise HTTPException(status_code=403, detail=f"missing or wrong {CSRF_HEADER} header")
    sign_out(request)
    return Response(status_code=204)
