"""Plain-text articles (``.txt``).

The document text is the whole file, decoded (a byte-order mark is dropped), so every offset
points into the file's own characters. The first non-blank line is also taken as the title
(it stays in the text); a first line longer than :data:`MAX_TITLE_CHARS` is a paragraph, not
a headline, and gives no title. The publication date is ``options.published``.
"""

from __future__ import annotations

from reportedly.ingest.common import failed_document
from reportedly.ingest.decode import decode, looks_binary
from reportedly.model import Document
from reportedly.options import Options

MAX_TITLE_CHARS = 300


def first_line_title(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= MAX_TITLE_CHARS else None
    return None


def text_document(data: bytes, name: str, options: Options) -> Document:
    """A document from the bytes of a text file."""
    if looks_binary(data):
        return failed_document(name, "binary", f"{name}: binary data (NUL or control bytes), not text", options)
    text, warnings = decode(data, name)
    return Document(text=text, title=first_line_title(text), published=options.published,
                    path=name, errors=warnings)
