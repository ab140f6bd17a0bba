"""Settings of the web app: what `reportedly serve` passes to :func:`create_app`."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Any

SECRET_ENV = "REPORTEDLY_SECRET_KEY"


@dataclass(frozen=True)
class WebSettings:
    """How the web app behaves.

    - ``anonymous_read``: visitors who are not signed in may read pages and the API
      (writes always need a signed-in reviewer).
    - ``tiles_url``: an online tile layer (``https://…/{z}/{x}/{y}.png``) drawn over the packaged
      world outline; ``None`` keeps the map fully offline.
    - ``secret_key``: signs session cookies. ``None`` takes env ``REPORTEDLY_SECRET_KEY``, else a
      random key generated once and kept in the ledger (so sessions survive a restart).
    - ``https_only``: mark the session cookie ``Secure`` (set it when served behind HTTPS).
    """

    anonymous_read: bool = True
    tiles_url: str | None = None
    tiles_attribution: str = ""
    secret_key: str | None = None
    https_only: bool = False
    session_max_age: int = 14 * 24 * 3600
    page_size: int = 50
    max_page_size: int = 500
    map_limit: int = 20_000
    title: str = "reportedly"

    def replace(self, **changes: Any) -> WebSettings:
        return replace(self, **changes)

    def env_secret(self) -> str | None:
        return self.secret_key or os.environ.get(SECRET_ENV) or None
