"""Reading documents from files, directories, globs and remote URLs.

:func:`read_paths` is the entry point: it streams :class:`~reportedly.model.Document`
objects, one file (or one JSON line, or one WARC record) at a time, so a corpus is never held
in memory. Formats, by file name (any of them may be gzipped, ``.gz``):

* ``.txt``: the whole file is the text, its first line the title (:mod:`.text`);
* ``.html``/``.htm``: the article body and metadata of a news page (:mod:`.html`);
* ``.json``/``.jsonl``: documents in the evaluation-set schema (:mod:`.records`);
* ``.warc``/``.warc.gz``: the HTML responses of a web archive (:mod:`.warc`).

A file that cannot be read still gives a document, with its ``path`` and a fatal
:class:`~reportedly.model.ProcessingError` naming it, so a run goes on; its text is empty.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator, Sequence
from typing import IO, Any, cast

from reportedly.ingest.common import failed_document
from reportedly.ingest.decode import decode, looks_binary
from reportedly.ingest.html import html_document
from reportedly.ingest.paths import KINDS, Source, expand, kind_of
from reportedly.ingest.records import json_documents, jsonl_documents
from reportedly.ingest.text import text_document
from reportedly.ingest.validate import validate
from reportedly.ingest.warc import warc_documents
from reportedly.model import Document
from reportedly.options import Options

__all__ = ["read_paths", "read_source", "validate", "byte_limit", "KINDS"]

# Raw HTML is far bigger than its text: pages up to this size are always read.
MIN_HTML_BYTES = 32 * 1024 * 1024
# A .json file is parsed whole (a list may hold many documents): files up to this size are read.
# Use .jsonl for bigger corpora: it is streamed line by line.
MAX_JSON_BYTES = 512 * 1024 * 1024


def byte_limit(kind: str, options: Options) -> int:
    """The most bytes read for one document of ``kind`` before it is refused as too large.

    A character takes at most 4 bytes in UTF-8, so a text over ``4 * max_chars`` bytes is
    surely over ``max_chars`` characters and is refused unread; HTML and WARC pages get room
    for their markup, and a ``.json`` file for a list of documents (each is then checked
    against ``max_chars`` by :func:`validate`).
    """
    limit = 4 * options.max_chars + 4
    if kind in ("html", "warc"):
        return max(limit, MIN_HTML_BYTES)
    if kind == "json":
        return max(limit, MAX_JSON_BYTES)
    return limit


def read_paths(paths: Sequence[str], options: Options) -> Iterator[Document]:
    """Stream the documents in ``paths`` (files, directories, globs, fsspec URLs), lazily."""
    for path in paths:
        for source in expand(path):
            yield from read_source(source, options)


_failed = failed_document


def _sniff(head: bytes) -> str | None:
    """The kind of an explicitly named file without a known extension, from its first bytes."""
    h = head.lstrip()[:512].lower()
    if h.startswith(b"warc/"):
        return "warc"
    if h.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in h or b"<head" in h:
        return "html"
    if h.startswith(b"{"):
        return "jsonl" if b"\n{" in head[:65536].strip() else "json"
    if h.startswith(b"["):
        return "json"
    return None


class _Raw(io.RawIOBase):
    """A raw stream over any binary file object, so that it can be buffered (and peeked)."""

    def __init__(self, fh: IO[bytes]) -> None:
        self._fh = fh

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._fh.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def read_source(source: Source, options: Options) -> Iterator[Document]:
    """The documents of one input file; failures become documents carrying the error."""
    name = source.name
    if source.error:
        yield _failed(name, "unreadable", source.error, options)
        return
    kind, gz = kind_of(name)
    if kind is None and not source.explicit:
        return
    limit = byte_limit(kind or "html", options)
    if source.size is not None and not gz and kind not in ("jsonl", "warc") and source.size > limit:
        yield _failed(name, "too_large", f"{name}: {source.size:,} bytes is over the limit of {limit:,} "
                                         f"bytes (max_chars={options.max_chars:,})", options)
        return
    emitted = 0
    try:
        with source.open() as raw:
            fh: IO[bytes] = raw
            if gz and kind != "warc":
                fh = cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb"))
            if kind is None:
                if not hasattr(fh, "peek"):
                    fh = io.BufferedReader(_Raw(fh))
                kind = _sniff(fh.peek(4096))  # type: ignore[attr-defined]
                if kind is None:
                    yield _failed(name, "unreadable", f"{name}: unsupported file type (expected "
                                  f"{', '.join(sorted(KINDS))}, optionally .gz)", options)
                    return
                limit = byte_limit(kind, options)
            if kind == "warc":
                for doc in warc_documents(fh, name, options, byte_limit("warc", options)):
                    emitted += 1
                    yield doc
                return
            if kind == "jsonl":
                if not hasattr(fh, "peek"):
                    fh = io.BufferedReader(_Raw(fh))
                if looks_binary(fh.peek(8192)[:8192]):  # type: ignore[attr-defined]
                    yield _failed(name, "binary", f"{name}: binary data (NUL or control bytes), not JSON lines",
                                  options)
                    return
                for doc in jsonl_documents(fh, name, options, limit):
                    emitted += 1
                    yield doc
                return
            data = fh.read(limit + 1)
            if len(data) > limit:
                yield _failed(name, "too_large", f"{name}: over the limit of {limit:,} bytes "
                                                 f"(max_chars={options.max_chars:,})", options)
                return
            if kind == "text":
                yield text_document(data, name, options)
            elif kind == "html":
                yield html_document(data, name, options, url=name if "://" in name else None)
            elif looks_binary(data):
                yield _failed(name, "binary", f"{name}: binary data (NUL or control bytes), not JSON", options)
            else:
                text, warnings = decode(data, name)
                for doc in json_documents(text, name, options):
                    doc.errors[:0] = warnings
                    yield doc
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        where = name if emitted == 0 else f"{name} (after {emitted} documents)"
        yield _failed(name, "unreadable", f"{where}: cannot be read: {exc}", options)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a run
        where = name if emitted == 0 else f"{name} (after {emitted} documents)"
        yield _failed(name, "unreadable", f"{where}: {type(exc).__name__}: {exc}", options)
