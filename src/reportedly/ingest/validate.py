"""Checks on a document's text before extraction. Owned by the ingest work."""

from __future__ import annotations

from reportedly.model import Document, ProcessingError
from reportedly.options import Options


def validate(doc: Document, options: Options) -> list[ProcessingError]:
    if not doc.text.strip():
        return [ProcessingError("empty", f"{doc.name}: the document has no text")]
    return []
