"""Reviewer accounts in the ledger's ``users`` table, and the session secret in ``settings``."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from reportedly.store import schema as S
from reportedly.web.passwords import dummy_hash, hash_password, needs_rehash, verify_password

ROLES: tuple[str, ...] = ("reviewer", "admin")
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
SECRET_KEY_SETTING = "web.session_secret"


class AccountError(ValueError):
    """An account that cannot be created or changed (bad name, taken name, bad role)."""


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    # changes whenever the password does: a session signed in before a password change ends
    stamp: str = ""

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def check_name(name: str) -> str:
    if not NAME_RE.match(name or ""):
        raise AccountError("a user name is 1-64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit")
    return name


def add_user(engine: sa.Engine, name: str, password: str, role: str = "reviewer") -> User:
    """Create an account; :class:`AccountError` if the name is taken or invalid."""
    check_name(name)
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    pw_hash = hash_password(password)
    u = S.users.c
    try:
        with engine.begin() as conn:
            res = conn.execute(sa.insert(S.users).values(
                name=name, password_hash=pw_hash, role=role, created_at=dt.datetime.now(dt.UTC)))
            uid = res.inserted_primary_key[0] if res.inserted_primary_key else None
            if uid is None:
                uid = conn.execute(sa.select(u.id).where(u.name == name)).scalar_one()
    except IntegrityError as exc:
        raise AccountError(f"a user called {name!r} already exists") from exc
    return User(id=int(uid), name=name, role=role)


def set_password(engine: sa.Engine, name: str, password: str) -> None:
    pw_hash = hash_password(password)
    with engine.begin() as conn:
        n = conn.execute(sa.update(S.users).where(S.users.c.name == name).values(password_hash=pw_hash)).rowcount
    if not n:
        raise AccountError(f"no user called {name!r}")


def password_stamp(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def get_user(engine: sa.Engine, user_id: int) -> User | None:
    u = S.users.c
    with engine.connect() as conn:
        row = conn.execute(sa.select(u.id, u.name, u.role, u.password_hash).where(u.id == user_id)).first()
    if row is None:
        return None
    return User(id=int(row.id), name=row.name, role=row.role, stamp=password_stamp(row.password_hash))


def list_users(engine: sa.Engine) -> list[User]:
    u = S.users.c
    with engine.connect() as conn:
        rows = conn.execute(sa.select(u.id, u.name, u.role).order_by(u.name)).all()
    return [User(id=int(r.id), name=r.name, role=r.role) for r in rows]


def authenticate(engine: sa.Engine, name: str, password: str) -> User | None:
    """The user if ``password`` is theirs, else None (same work whether or not the name exists)."""
    u = S.users.c
    with engine.connect() as conn:
        row = conn.execute(sa.select(u.id, u.name, u.role, u.password_hash).where(u.name == name)).first()
    if row is None:
        verify_password(dummy_hash(), password)
        return None
    if not verify_password(row.password_hash, password):
        return None
    stored = row.password_hash
    if needs_rehash(stored):
        stored = hash_password(password)
        with engine.begin() as conn:
            conn.execute(sa.update(S.users).where(u.id == row.id).values(password_hash=stored))
    return User(id=int(row.id), name=row.name, role=row.role, stamp=password_stamp(stored))


def session_secret(engine: sa.Engine) -> str:
    """The ledger's session-signing key, generated on first use and kept in ``settings``."""
    s = S.settings.c
    with engine.connect() as conn:
        found = conn.execute(sa.select(s.value).where(s.key == SECRET_KEY_SETTING)).scalar()
    if found:
        return str(found)
    try:
        with engine.begin() as conn:
            conn.execute(sa.insert(S.settings).values(key=SECRET_KEY_SETTING, value=secrets.token_urlsafe(48)))
    except IntegrityError:
        pass  # another process made it first
    with engine.connect() as conn:
        return str(conn.execute(sa.select(s.value).where(s.key == SECRET_KEY_SETTING)).scalar_one())
