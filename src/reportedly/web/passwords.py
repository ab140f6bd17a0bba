"""Password hashing with Argon2id (argon2-cffi): the only place passwords are handled."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024


class PasswordError(ValueError):
    """A password that may not be set (too short, too long, or blank)."""


@lru_cache(maxsize=1)
def hasher() -> PasswordHasher:
    # argon2-cffi's defaults follow RFC 9106's second recommended profile (Argon2id, 64 MiB).
    return PasswordHasher()


def check_new_password(password: str) -> None:
    if not password or not password.strip():
        raise PasswordError("the password is empty")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise PasswordError(f"the password must have at most {MAX_PASSWORD_LENGTH} characters")


def hash_password(password: str) -> str:
    """An Argon2id hash string (salted; it embeds its own parameters)."""
    check_new_password(password)
    return hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches; False for any malformed hash or oversized input."""
    if not password_hash or not password or len(password) > MAX_PASSWORD_LENGTH:
        return False
    try:
        return hasher().verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    try:
        return hasher().check_needs_rehash(password_hash)
    except (InvalidHashError, ValueError):
        return True


# A fixed hash verified against when the user does not exist, so that a wrong name and a wrong
# password take the same time.
@lru_cache(maxsize=1)
def dummy_hash() -> str:
    return hasher().hash("reportedly-no-such-user")
