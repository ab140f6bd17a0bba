"""The web app and JSON API over the ledger: ``create_app(ledger_url, settings)``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportedly.web.settings import WebSettings

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(ledger_url: str | None = None, settings: WebSettings | None = None, **kwargs: Any) -> FastAPI:
    """The FastAPI app over the ledger at ``ledger_url``; see :mod:`reportedly.web.app`."""
    from reportedly.web.app import create_app as _create

    return _create(ledger_url, settings, **kwargs)


__all__ = ["create_app", "WebSettings"]
