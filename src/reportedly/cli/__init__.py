"""The command line: a thin layer over the library.

Every module in this package adds its commands to :data:`app`; they are imported here.
"""

from __future__ import annotations

import importlib
import pkgutil

from reportedly.cli._app import app

for _mod in sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")):
    importlib.import_module(f"{__name__}.{_mod}")


def main() -> None:
    app()


__all__ = ["app", "main"]
