"""Shared fixtures. Tests that read ../shared skip without it, except in CI where they fail."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("REPORTEDLY_SHARED", ROOT.parent / "shared"))
EVAL = SHARED / "eval"


def need_shared(*parts: str) -> Path:
    """The path of an evaluation file, or skip (fail in CI) when ../shared is absent."""
    path = EVAL.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must run with ../shared beside the checkout")
        pytest.skip(f"{path} is absent: the evaluation data lives in ../shared, beside a development checkout")
    return path


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from reportedly.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    return need_shared("seed")
