"""Resolve places and times of extracted results. Owned by the places-and-times work."""

from __future__ import annotations

from reportedly.model import DocumentResult
from reportedly.options import Options


def resolve_batch(results: list[DocumentResult], options: Options) -> list[DocumentResult]:
    return results
