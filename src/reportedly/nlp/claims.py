"""Figure claims. Owned by the claims work."""

from __future__ import annotations

from spacy.tokens import Doc

from reportedly.model import Claim


def extract_claims(doc: Doc) -> list[Claim]:
    return []
