"""Bytes to text: UTF-8 first, then the legacy encodings news sites still use.

A file that is not UTF-8 is not refused: it is decoded as Windows-1252 (a superset of
Latin-1 for printable text) or, failing that, as Latin-1, which decodes any byte. The
document then carries a non-fatal warning (``decoded_cp1252`` or ``decoded_latin1``) so
the user knows the text was guessed.
"""

from __future__ import annotations

import codecs
import re

from reportedly.model import ProcessingError

# How much of the start of a file is inspected for NUL and control bytes.
SNIFF_BYTES = 8192
# Control bytes other than tab, newline, form feed and carriage return.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_CONTROL_RE = re.compile(b"[" + re.escape(_CONTROL) + b"]")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: NUL bytes, or mostly control bytes, near the start.

    UTF-16 text (with a byte-order mark) is text, although it is full of NUL bytes.
    """
    head = data[:SNIFF_BYTES]
    if not head or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_without_bom(head):
        return False
    if b"\x00" in head:
        return True
    return len(_CONTROL_RE.findall(head)) > 0.1 * len(head)


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` for mostly-ASCII UTF-16 text without a byte-order mark.

    Such text has a NUL in every other byte, and printable ASCII in the others.
    """
    head = data[:SNIFF_BYTES]
    if len(head) < 16:
        return None
    even, odd = head[0::2], head[1::2]
    for zeros, chars, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) > 0.9 * len(zeros) and chars.count(0) == 0 and not _CONTROL_RE.search(chars):
            return name
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` near its start, if Python knows it."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, name: str, declared: str | None = None) -> tuple[str, list[ProcessingError]]:
    """Decode ``data``; return the text and any warnings (named after ``name``).

    Order: a byte-order mark; UTF-16 without a mark; UTF-8; the ``declared`` charset (an HTML page's own); then
    Windows-1252; then Latin-1.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _with_replacement(data[len(codecs.BOM_UTF8):], "utf-8", name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _with_replacement(data, "utf-16", name)
    utf16 = utf16_without_bom(data)
    if utf16:
        text, warnings = _with_replacement(data, utf16, name)
        return text, [*warnings, ProcessingError("decoded_utf16", f"{name}: no byte-order mark; decoded as {utf16}")]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    if declared and declared not in ("utf-8", "ascii"):
        try:
            return data.decode(declared), []
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        text = data.decode("cp1252")
        return text, [ProcessingError("decoded_cp1252", f"{name}: not valid UTF-8; decoded as Windows-1252 (Latin-1)")]
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        return text, [ProcessingError("decoded_latin1", f"{name}: not valid UTF-8; decoded as Latin-1")]


def _with_replacement(data: bytes, encoding: str, name: str) -> tuple[str, list[ProcessingError]]:
    try:
        return data.decode(encoding), []
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        return text, [ProcessingError("decoded_with_errors",
                                      f"{name}: some bytes are not valid {encoding}; replaced by U+FFFD")]
