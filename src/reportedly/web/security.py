"""Sessions, CSRF tokens and access rules.

- The session is a cookie signed with the app's secret (Starlette's ``SessionMiddleware``:
  HttpOnly, SameSite=Lax, ``Secure`` when configured). It holds the user id and name and a
  CSRF token; nothing secret.
- Every write needs a signed-in user (else 401) and the session's CSRF token (else 403):
  in the ``X-CSRF-Token`` header for the JSON API, in a ``csrf_token`` hidden field for forms.
  Signing in needs the token too (so a foreign site cannot sign a visitor into its account).
- Reading needs a signed-in user unless the app allows anonymous reading.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from typing import Any

from fastapi import HTTPException, Request

from reportedly.web.accounts import User, get_user

SESSION_USER = "uid"
SESSION_NAME = "user"
SESSION_CSRF = "csrf"
SESSION_STAMP = "stamp"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"


class LoginRequired(Exception):
    """Raised by page dependencies: the visitor must sign in first (redirect to /login)."""

    def __init__(self, next_url: str = "/") -> None:
        super().__init__(next_url)
        self.next_url = next_url


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    tok = request.session.get(SESSION_CSRF)
    if not isinstance(tok, str) or len(tok) < 32:
        tok = secrets.token_urlsafe(32)
        request.session[SESSION_CSRF] = tok
    return tok


def csrf_ok(request: Request, supplied: str | None) -> bool:
    expected = request.session.get(SESSION_CSRF)
    if not isinstance(expected, str) or not expected or not supplied:
        return False
    return hmac.compare_digest(expected.encode(), supplied.encode())


def current_user(request: Request) -> User | None:
    """The signed-in user, checked against the ledger on every request (deleted users are out)."""
    if hasattr(request.state, "user"):
        cached: User | None = request.state.user
        return cached
    user = None
    uid = request.session.get(SESSION_USER)
    if isinstance(uid, int):
        found = get_user(request.app.state.engine, uid)
        if (found is not None and found.name == request.session.get(SESSION_NAME)
                and found.stamp == request.session.get(SESSION_STAMP)):
            user = found
    request.state.user = user
    return user


def sign_in(request: Request, user: User) -> None:
    request.session.clear()
    request.session[SESSION_USER] = user.id
    request.session[SESSION_NAME] = user.name
    request.session[SESSION_STAMP] = user.stamp
    request.session[SESSION_CSRF] = secrets.token_urlsafe(32)  # a fresh token per session
    request.state.user = user


def sign_out(request: Request) -> None:
    request.session.clear()
    request.state.user = None


# ---- dependencies -------------------------------------------------------------------------

def api_reader(request: Request) -> User | None:
    user = current_user(request)
    if user is None and not request.app.state.settings.anonymous_read:
        raise HTTPException(status_code=401, detail="sign in to read this ledger",
                            headers={"WWW-Authenticate": "Session"})
    return user


def api_writer(request: Request) -> User:
    user = current_user(request)
    if user is None:
        raise HTTPException(status_code=401, detail="sign in to make changes",
                            headers={"WWW-Authenticate": "Session"})
    if not csrf_ok(request, request.headers.get(CSRF_HEADER)):
        raise HTTPException(status_code=403, detail=f"missing or wrong {CSRF_HEADER} header")
    return user


def page_reader(request: Request) -> User | None:
    user = current_user(request)
    if user is None and not request.app.state.settings.anonymous_read:
        raise LoginRequired(_here(request))
    return user


async def form_writer(request: Request) -> tuple[User, Any]:
    """For HTML form posts: the user and the parsed form, after the CSRF check."""
    form = await request.form()
    user = current_user(request)
    if user is None:
        raise HTTPException(status_code=401, detail="sign in to make changes")
    supplied = form.get(CSRF_FIELD)
    if not csrf_ok(request, supplied if isinstance(supplied, str) else None):
        raise HTTPException(status_code=403, detail="the form's CSRF token is missing or wrong; reload the page")
    return user, form


def _here(request: Request) -> str:
    path = request.url.path
    return path + ("?" + request.url.query if request.url.query else "")


def safe_next(url: str | None) -> str:
    """A local path to go back to after signing in (never another site)."""
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return "/"
    return url


class LoginThrottle:
    """Slows password guessing: after ``limit`` failed sign-ins for one user name (or four
    times as many from one client address) within ``window`` seconds, further attempts are
    refused until the window has passed. In memory, per process."""

    def __init__(self, limit: int = 5, window: float = 300.0) -> None:
        self.limit = limit
        self.window = window
        self._fails: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> list[float]:
        times = [t for t in self._fails.get(key, []) if now - t < self.window]
        if times:
            self._fails[key] = times
        else:
            self._fails.pop(key, None)
        return times

    def blocked(self, *keys: str) -> bool:
        now = time.monotonic()
        with self._lock:
            return any(len(self._recent(k, now)) >= self.limit * (4 if k.startswith("addr:") else 1)
                       for k in keys)

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for k in keys:
                self._fails.setdefault(k, []).append(now)
            if len(self._fails) > 10_000:  # forget the oldest keys rather than grow without bound
                for k in sorted(self._fails, key=lambda x: self._fails[x][-1])[:5_000]:
                    del self._fails[k]

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for k in keys:
                self._fails.pop(k, None)


def login_keys(request: Request, name: str) -> tuple[str, str]:
    host = request.client.host if request.client else "?"
    return f"user:{name.lower()}", f"addr:{host}"


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def content_security_policy(tiles_url: str | None) -> str:
    """No inline script anywhere; images from here (and the tile server when one is set)."""
    img = "'self' data:"
    if tiles_url:
        from urllib.parse import urlsplit

        parts = urlsplit(tiles_url.replace("{s}", "a"))
        if parts.scheme in ("http", "https") and parts.netloc:
            host = parts.netloc
            if "{s}" in tiles_url:
                host = "*." + host.split(".", 1)[1] if "." in host else host
            img += f" {parts.scheme}://{host}"
    return ("default-src 'self'; script-src 'self'; style-src 'self'; "
            f"img-src {img}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'")
