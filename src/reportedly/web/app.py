"""The web app: :func:`create_app` builds a FastAPI application over one ledger."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import sqlalchemy as sa
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from reportedly.store.ledger import Ledger
from reportedly.web.accounts import session_secret
from reportedly.web.security import (
    SECURITY_HEADERS,
    LoginRequired,
    LoginThrottle,
    content_security_policy,
    csrf_token,
    current_user,
)
from reportedly.web.settings import WebSettings

HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "reportedly_session"
ERROR_TITLES = {400: "Bad request", 401: "Sign in needed", 403: "Forbidden", 404: "Not found",
                405: "Method not allowed", 409: "Conflict", 422: "Cannot understand the request"}


def _merge_params(params: dict[str, Any], **changes: Any) -> str:
    p = {k: v for k, v in params.items() if v not in (None, "")}
    p.update({k: v for k, v in changes.items() if v is not None})
    return urlencode(p)


def _without(params: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in params.items() if k not in keys}


def _tojson_compact(value: Any) -> str:
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.autoescape = True  # every template, whatever its name
    env.filters["urlencode_params"] = lambda p: urlencode({k: v for k, v in p.items() if v not in (None, "")})
    env.filters["merge_params"] = _merge_params
    env.filters["without"] = _without
    env.filters["tojson_compact"] = _tojson_compact
    return templates


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> Response:
    """A page: the template with the user, the CSRF token and pending messages."""
    app = request.app
    ctx = {
        "request": request, "settings": app.state.settings, "user": current_user(request),
        "csrf": csrf_token(request), "messages": request.session.pop("flash", []) or [],
    }
    ctx.update(context)
    return app.state.templates.TemplateResponse(request, name, ctx, status_code=status_code)  # type: ignore[no-any-return]


def flash(request: Request, text: str, kind: str = "ok") -> None:
    msgs = list(request.session.get("flash") or [])
    msgs.append({"kind": kind, "text": text})
    request.session["flash"] = msgs[-5:]


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _sqlite_read_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA cache_size=-65536")  # 64 MiB of page cache per connection
    cur.execute("PRAGMA mmap_size=268435456")  # read the file through memory mapping
    cur.close()


def tune_sqlite(engine: sa.Engine) -> None:
    """For a SQLite ledger: a larger page cache and memory-mapped reads on the app's
    connections, and planner statistics (ANALYZE) when the ledger has none yet, so that the
    date indexes serve the event lists. PostgreSQL keeps its own statistics."""
    if engine.dialect.name != "sqlite":
        return
    sa.event.listen(engine, "connect", _sqlite_read_pragmas)
    engine.dispose()  # connections opened before now do not have the pragmas
    try:
        with engine.begin() as conn:
            has_stats = conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'").first()
            if not has_stats:
                conn.exec_driver_sql("ANALYZE")
    except sa.exc.OperationalError:  # a read-only ledger file: serve it without statistics
        pass


def create_app(ledger_url: str | None = None, settings: WebSettings | None = None, *,
               ledger: Ledger | None = None) -> FastAPI:
    """The web app over the ledger at ``ledger_url`` (opened and migrated here) or ``ledger``."""
    from reportedly.web import api, pages

    settings = settings or WebSettings()
    led = ledger or Ledger.open(ledger_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if ledger is None:  # we opened it, we close it
            led.close()

    app = FastAPI(
        lifespan=lifespan,
        title="reportedly",
        summary="An evidence ledger of attributed casualty claims.",
        description=("Read events, claims, documents and places; reviewers correct claims, merge and "
                     "split events, verify them and undo their actions. Writes need a signed-in session "
                     "(POST /api/session) and the session's CSRF token in the X-CSRF-Token header."),
        version="1",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    tune_sqlite(led.engine)
    app.state.ledger = led
    app.state.engine = led.engine
    app.state.settings = settings
    app.state.templates = make_templates()
    app.state.login_throttle = LoginThrottle()

    secret = settings.env_secret() or session_secret(led.engine)
    app.add_middleware(SessionMiddleware, secret_key=secret, session_cookie=SESSION_COOKIE,
                       max_age=settings.session_max_age, same_site="lax", https_only=settings.https_only)
    csp = content_security_policy(settings.tiles_url)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        raw = (request.scope.get("raw_path") or b"") + b"?" + (request.scope.get("query_string") or b"")
        if b"%00" in raw or b"\x00" in raw:  # NUL is never meaningful, and PostgreSQL refuses it
            response: Response = JSONResponse({"detail": "the request contains a NUL character"}, status_code=422)
        else:
            response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        response.headers.setdefault("Content-Security-Policy", csp)
        if request.url.path.startswith("/api/") or request.method != "GET":
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse("/login?" + urlencode({"next": exc.next_url}), status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        return render(request, "error.html", {
            "status_code": exc.status_code, "title": ERROR_TITLES.get(exc.status_code, "Error"),
            "detail": exc.detail if isinstance(exc.detail, str) else "",
        }, status_code=exc.status_code)

    @app.exception_handler(DataError)
    async def data_error(request: Request, exc: DataError) -> Response:
        # a value the database cannot store or compare (e.g. NUL on PostgreSQL): the request's fault
        detail = "a value in the request cannot be used"
        if _wants_json(request):
            return JSONResponse({"detail": detail}, status_code=422)
        return render(request, "error.html", {"status_code": 422, "title": ERROR_TITLES[422], "detail": detail},
                      status_code=422)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                  for e in exc.errors()]
        if _wants_json(request):
            return JSONResponse({"detail": errors}, status_code=422)
        text = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:]) or 'request'}: {e['msg']}" for e in errors)
        return render(request, "error.html", {"status_code": 422, "title": ERROR_TITLES[422],
                                              "detail": text}, status_code=422)

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    return app


def not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what}")
