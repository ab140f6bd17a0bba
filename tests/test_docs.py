"""The README documents every command and option, and its quick start stays true."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from reportedly.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, list[str]]:
    group = typer.main.get_command(app)
    out: dict[str, list[str]] = {}

    def walk(cmd, prefix: str) -> None:  # type: ignore[no-untyped-def]
        sub = getattr(cmd, "commands", None)
        if sub:
            for name, c in sub.items():
                walk(c, f"{prefix} {name}".strip())
        else:
            opts = [o for p in cmd.params for o in p.opts if o.startswith("--")]
            out[prefix] = opts

    walk(group, "")
    return out


def test_quick_start_is_two_commands() -> None:
    m = re.search(r"## Quick start\s+```(?:sh|bash|console)?\n(.*?)```", README, re.S)
    assert m, "README has no Quick start code block"
    lines = [ln.strip() for ln in m.group(1).splitlines() if ln.strip()]
    assert lines == ["make demo", "make test"]


def test_every_command_is_documented() -> None:
    missing = [name for name in _commands() if f"reportedly {name}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_option_is_documented() -> None:
    missing = []
    for name, opts in _commands().items():
        for opt in opts:
            if opt == "--help":
                continue
            if opt not in README:
                missing.append(f"reportedly {name} {opt}")
    assert not missing, f"options missing from README.md: {missing}"
