"""Event mentions (ACLED event types). Owned by the mentions work."""

from __future__ import annotations

from spacy.tokens import Doc

from reportedly.model import Mention


def extract_mentions(doc: Doc) -> list[Mention]:
    return []
