"""Attributed statements (speaker / cue / content). Owned by the statements work."""

from __future__ import annotations

from spacy.tokens import Doc

from reportedly.model import Statement


def extract_statements(doc: Doc) -> list[Statement]:
    return []
