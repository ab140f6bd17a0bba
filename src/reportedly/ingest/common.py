"""Helpers shared by the readers."""

from __future__ import annotations

from typing import Any

from reportedly.model import Document, ProcessingError, content_hash
from reportedly.options import Options


def failed_document(name: str, code: str, message: str, options: Options, **fields: Any) -> Document:
    """A document that could not be read: no text, a fatal error, and an id derived from its name.

    (The id of a document is the hash of its text; every failed document has the same empty
    text, so its name is hashed instead, keeping ids distinct.)
    """
    fields.setdefault("published", options.published)
    prior: list[ProcessingError] = fields.pop("errors", [])
    return Document(text="", id=content_hash(f"unread:{name}"), path=name,
                    errors=[*prior, ProcessingError(code, message)], **fields)
