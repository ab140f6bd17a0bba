"""Server-rendered pages, and the HTML forms reviewers post to."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from reportedly.model import CLAIMANT_TYPES, GROUPS, KINDS, QUALIFIERS, RECORD_TYPES, STANCES
from reportedly.web import queries as Q
from reportedly.web import views
from reportedly.web.accounts import User, authenticate
from reportedly.web.api import check_undo_allowed, ledger_call
from reportedly.web.app import flash, render
from reportedly.web.charts import timeline_svg
from reportedly.web.security import (
    CSRF_FIELD,
    csrf_ok,
    form_writer,
    login_keys,
    page_reader,
    safe_next,
    sign_in,
    sign_out,
)

router = APIRouter(include_in_schema=False)
PageReader = Annotated[User | None, Depends(page_reader)]
FormWriter = Annotated[tuple[User, Any], Depends(form_writer)]
FILTER_KEYS = ("since", "until", "bbox", "near", "km", "type", "status", "q", "country", "aggregates", "sort")
CHOICES = {"kinds": KINDS, "qualifiers": QUALIFIERS, "groups": GROUPS, "claimant_types": CLAIMANT_TYPES,
           "stances": STANCES, "event_types": RECORD_TYPES}


def _redirect(url: str) -> RedirectResponse:
    return RedirectResponse(safe_next(url), status_code=303)


@router.get("/")
def index(request: Request, user: PageReader, page: Annotated[int, Query(ge=1, le=1_000_000)] = 1) -> Response:
    raw = {k: request.query_params.get(k) for k in FILTER_KEYS}
    if any(v is not None and len(v) > 300 for v in raw.values()):
        raise HTTPException(status_code=422, detail="a filter value is too long")
    settings = request.app.state.settings
    error = None
    engine = request.app.state.engine

    def lookup(name: str) -> tuple[float, float] | None:
        with engine.connect() as conn:
            return Q.lookup_place(conn, name)

    km = raw.get("km")
    try:
        km_val = float(km) if km not in (None, "") else None
    except (TypeError, ValueError):
        km_val = -1.0  # reported by parse_filters
    try:
        f = Q.parse_filters(since=raw["since"], until=raw["until"], bbox=raw["bbox"], near=raw["near"],
                            km=km_val, type=raw["type"], status=raw["status"], q=raw["q"],
                            country=raw["country"], aggregates=raw.get("aggregates") != "false",
                            sort=raw["sort"], place_lookup=lookup)
    except Q.FilterError as exc:
        error = str(exc)
        f = Q.EventFilters()
    with engine.connect() as conn:
        total, tl = Q.summary(conn, f)
        pg = Q.list_events(conn, f, page=page, per_page=settings.page_size, total=total)
        counts = Q.counts(conn)
    return render(request, "index.html", {
        "page": pg, "filters": f, "params": f.to_params(), "raw": raw, "error": error, "tl": tl,
        "timeline_svg": timeline_svg(tl), "counts": counts, "event_types": RECORD_TYPES,
        "statuses": Q.FILTER_STATUSES, "sorts": Q.SORTS,
    }, status_code=422 if error else 200)


@router.get("/events/{event_id}")
def event_page(request: Request, user: PageReader,
               event_id: Annotated[str, Path(min_length=1, max_length=200)]) -> Response:
    rec = request.app.state.ledger.get_event(event_id)
    if rec is None:
        raise HTTPException(status_code=404, detail=f"There is no event {event_id}; it may have been merged or split. "
                            "Find it again from the list.")
    details = rec.get("claim_details", [])
    with request.app.state.engine.connect() as conn:
        doc_ids = {d["doc_id"] for d in details}
        for p in rec.get("perpetrators") or []:
            doc_ids.update(p.get("doc_ids") or [])
        texts = views.document_texts(conn, sorted(doc_ids))
        audit = views.event_audit(conn, event_id, [d["id"] for d in details])
    claims = views.event_claims(rec, texts)
    ev = dict(rec)
    loc = rec.get("location") or {}
    ev["place"] = loc.get("name")
    ev["country"] = loc.get("country")
    ev["admin1"] = loc.get("admin1")
    ev["fatalities"] = {k: v for k, v in (rec.get("fatalities") or {}).items() if v}
    ev["fatalities_by_group"] = rec.get("fatalities_by_group") or {}
    ev["doc_ids"] = rec.get("doc_ids") or sorted(texts)
    return render(request, "event.html", {
        "ev": ev, "claims": claims, "contradictions": views.spell_contradictions(rec, claims),
        "audit": audit, "choices": CHOICES, "perpetrators": views.perpetrator_cards(rec, texts),
    })


@router.get("/documents/{doc_id}")
def document_page(request: Request, user: PageReader,
                  doc_id: Annotated[str, Path(min_length=1, max_length=200)]) -> Response:
    doc = request.app.state.ledger.get_document(doc_id)
    if doc is None:
        raise HTTPException(status_code=404, detail=f"There is no document {doc_id}.")
    doc["safe_url"] = views.safe_url(doc.get("url"))
    claims = []
    for d in doc.get("claims", []):
        c = views.flat_claim(d)
        claims.append(c)
    statements = [{"speaker": (s.get("speaker") or {}).get("text"), "cue": s["cue"]["text"],
                   "content": s["content"]["text"]} for s in doc.get("statements", [])]
    with request.app.state.engine.connect() as conn:
        records = views.event_records(conn, doc_id)
    return render(request, "document.html", {
        "doc": doc, "body": views.document_body(doc, records), "claims": claims, "statements": statements,
        "places": doc.get("places", []),
    })


@router.get("/places")
def places_page(request: Request, user: PageReader,
                q: Annotated[str | None, Query(max_length=200)] = None,
                page: Annotated[int, Query(ge=1, le=1_000_000)] = 1) -> Response:
    with request.app.state.engine.connect() as conn:
        pg = Q.list_places(conn, q=q.strip() if q else None, page=page, per_page=100)
    return render(request, "places.html", {"page": pg, "q": q, "params": {"q": q} if q else {}})


@router.get("/audit")
def audit_page(request: Request, user: PageReader, page: Annotated[int, Query(ge=1, le=1_000_000)] = 1) -> Response:
    per = 100
    with request.app.state.engine.connect() as conn:
        rows = Q.audit_entries(conn, limit=per + 1, offset=(page - 1) * per)
        views.mark_undone(conn, rows)
    return render(request, "audit.html", {"entries": rows[:per], "page": page, "more": len(rows) > per})


@router.get("/api")
def api_page(request: Request, user: PageReader) -> Response:
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [p.get("name") for p in op.get("parameters", []) if p.get("in") == "query"]
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "params": params, "write": method.upper() != "GET"})
    return render(request, "api.html", {"ops": ops})


FAVICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" '
           'fill="#14202e"/><path d="M4 12V4h4.5a2.5 2.5 0 0 1 0 5H6l4 3" fill="none" stroke="#fff" '
           'stroke-width="1.6"/></svg>')


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(FAVICON, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})


# ---- signing in -----------------------------------------------------------------------------

@router.get("/login")
def login_page(request: Request, next: Annotated[str | None, Query(max_length=500)] = None) -> Response:
    return render(request, "login.html", {"next_url": safe_next(next), "error": None})


@router.post("/login")
async def login_submit(request: Request) -> Response:
    form = await request.form()
    nxt = safe_next(str(form.get("next") or "/"))
    supplied = form.get(CSRF_FIELD)
    if not csrf_ok(request, supplied if isinstance(supplied, str) else None):
        return render(request, "login.html", {"next_url": nxt, "error": "The form expired; please sign in again."},
                      status_code=403)
    name, password = form.get("username"), form.get("password")
    name = name if isinstance(name, str) else ""
    throttle = request.app.state.login_throttle
    keys = login_keys(request, name)
    if throttle.blocked(*keys):
        return render(request, "login.html", {"next_url": nxt, "error": "Too many failed sign-ins; wait a few "
                                              "minutes."}, status_code=429)
    user = None
    if (isinstance(password, str) and 0 < len(name) <= 200
            and 0 < len(password) <= 1024 and name.isprintable()):
        user = authenticate(request.app.state.engine, name, password)
    if user is None:
        throttle.failed(*keys)
        return render(request, "login.html", {"next_url": nxt, "error": "Wrong user name or password."},
                      status_code=401)
    throttle.succeeded(keys[0])
    sign_in(request, user)
    flash(request, f"Signed in as {user.name}.")
    return _redirect(nxt)


@router.post("/logout")
async def logout_submit(request: Request) -> Response:
    form = await request.form()
    supplied = form.get(CSRF_FIELD)
    if not csrf_ok(request, supplied if isinstance(supplied, str) else None):
        raise HTTPException(status_code=403, detail="the form's CSRF token is missing or wrong; reload the page")
    sign_out(request)
    return _redirect("/")


# ---- review forms ---------------------------------------------------------------------------

def _new_event_of(request: Request, claim_id: str) -> str | None:
    with request.app.state.engine.connect() as conn:
        return Q.event_ids_of_claims(conn, [claim_id]).get(claim_id)


@router.post("/events/merge")
def merge_form(request: Request, w: FormWriter) -> Response:
    user, form = w
    ids = list(dict.fromkeys(str(x).strip() for x in form.getlist("event_ids")
                             if str(x).strip() and str(x).isprintable() and len(str(x)) <= 200))
    if len(ids) < 2:
        flash(request, "Select two or more events to merge.", "error")
        return _redirect("/events/" + ids[0] if ids else "/")
    aid = ledger_call(request.app.state.ledger.merge_events, ids, user.name)
    with request.app.state.engine.connect() as conn:
        entry = Q.audit_entries(conn, audit_id=aid, limit=1)
    claims = ((entry[0].get("after") or {}).get("claim_ids") or []) if entry else []
    new_id = _new_event_of(request, claims[0]) if claims else None
    flash(request, f"Merged {len(ids)} events (audit #{aid}). Undo it from the audit log below if it was a mistake.")
    return _redirect(f"/events/{new_id}" if new_id else "/")


@router.post("/events/{event_id}/split")
def split_form(request: Request, w: FormWriter, event_id: Annotated[str, Path(max_length=200)]) -> Response:
    user, form = w
    claim_id = str(form.get("claim_id") or "")
    aid = ledger_call(request.app.state.ledger.split_claim, event_id, claim_id, user.name)
    new_id = _new_event_of(request, claim_id)
    flash(request, f"Split the claim off into its own event (audit #{aid}).")
    return _redirect(f"/events/{new_id}" if new_id else "/")


@router.post("/events/{event_id}/verify")
def verify_form(request: Request, w: FormWriter, event_id: Annotated[str, Path(max_length=200)]) -> Response:
    user, _form = w
    aid = ledger_call(request.app.state.ledger.verify_event, event_id, user.name)
    flash(request, f"Marked verified (audit #{aid}).")
    return _redirect(f"/events/{event_id}")


FORM_FIELDS = ("kind", "value", "qualifier", "group", "claimant", "claimant_type", "stance", "perpetrator",
               "event_type", "location", "date_start", "date_end")
OPTIONAL_FIELDS = ("claimant", "perpetrator", "event_type", "location", "date_start", "date_end")


@router.post("/claims/{claim_id}")
def correct_form(request: Request, w: FormWriter, claim_id: Annotated[str, Path(max_length=200)]) -> Response:
    user, form = w
    current = request.app.state.ledger.get_claim(claim_id)
    if current is None:
        raise HTTPException(status_code=404, detail=f"no claim {claim_id}")
    now = views.flat_claim(current)
    changes: dict[str, Any] = {}
    for name in FORM_FIELDS:
        if name not in form:
            continue
        value: Any = str(form.get(name) or "").strip()
        if name in OPTIONAL_FIELDS and value == "":
            value = None
        if name == "value":
            value = value if value else None
        old = now.get(name)
        if (str(old) if old is not None else None) != (str(value) if value is not None else None):
            changes[name] = value
    agg = form.get("aggregate") == "true"
    if agg != bool(now.get("aggregate")):
        changes["aggregate"] = agg
    nxt = safe_next(str(form.get("next") or (f"/events/{now['event_id']}" if now.get("event_id") else "/")))
    if not changes:
        flash(request, "Nothing changed.", "error")
        return _redirect(nxt)
    aid = ledger_call(request.app.state.ledger.correct_claim, claim_id, changes, user.name)
    flash(request, f"Corrected {', '.join(sorted(changes))} (audit #{aid}).")
    moved = _new_event_of(request, claim_id)
    if moved and nxt.startswith("/events/") and nxt != f"/events/{moved}":
        # the correction moved the claim (or renamed its event): follow it
        return _redirect(f"/events/{moved}")
    return _redirect(nxt)


@router.post("/audit/{audit_id}/undo")
def undo_form(request: Request, w: FormWriter, audit_id: Annotated[int, Path(ge=1, le=2**62)]) -> Response:
    user, form = w
    entry = check_undo_allowed(request, user, audit_id)
    aid = ledger_call(request.app.state.ledger.undo, audit_id, user.name)
    flash(request, f"Undid {entry['action']} #{audit_id} (audit #{aid}).")
    nxt = safe_next(str(form.get("next") or "/audit"))
    if nxt.startswith("/events/"):
        nxt = _follow(request, nxt, entry)
    return _redirect(nxt)


def _follow(request: Request, url: str, entry: dict[str, Any]) -> str:
    """``url`` if its event still exists, else the event that now holds the entry's first claim."""
    event_id = url.split("/", 2)[2]
    if request.app.state.ledger.get_event(event_id) is not None:
        return url
    before, after = entry.get("before") or {}, entry.get("after") or {}
    if entry["action"] == "merge":
        first = (entry.get("target_id") or "").split(",")[0]
        claims = list((before.get("events") or {}).get(first) or after.get("claim_ids") or [])
    elif entry["action"] == "split":
        claims = list(before.get("claim_ids") or [])
    elif entry["action"] == "correct":
        claims = [entry["target_id"]]
    else:
        claims = list(after.get("claim_ids") or [])
    if claims:
        ev = _new_event_of(request, claims[0])
        if ev:
            return f"/events/{ev}"
    return "/audit"
