"""Web archives (``.warc``, ``.warc.gz``) as Common Crawl's CC-NEWS publishes them.

Only HTTP ``response`` records whose payload is HTML (by the HTTP ``Content-Type``, else by a
look at the payload) and whose status is 2xx are read; requests, metadata, redirects and
non-HTML responses are skipped. Each page goes through the HTML reader, with the record's
``WARC-Target-URI`` as the URL when the page has no canonical link. ``WARC-Date`` is the crawl
date, not the publication date, so it is not used as one. The charset of the HTTP
``Content-Type`` header is used when the page declares none. A record cut short by the end of
the file gives an ``unreadable`` document and ends the file. A document is named
``<file>#<n>`` (the n-th record of the file) in messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO

from reportedly.ingest.common import failed_document
from reportedly.ingest.html import html_document
from reportedly.model import Document
from reportedly.options import Options

HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)")


def _looks_html(head: bytes) -> bool:
    h = head[:1024].lstrip().lower()
    return h.startswith((b"<!doctype html", b"<html")) or b"<html" in h


def warc_documents(fh: IO[bytes], name: str, options: Options, max_bytes: int) -> Iterator[Document]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    class QuietIterator(ArchiveIterator):  # type: ignore[misc]
        INC_RECORD = ""  # warcio writes this warning straight to stderr; stages never print

    n = 0
    try:
        for record in QuietIterator(fh, arc2warc=True):
            n += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            status = record.http_headers.get_statuscode() or ""
            if not status.startswith("2"):
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            if ctype and not any(t in ctype for t in HTML_TYPES) and not ctype.startswith("text/plain"):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{name}#{n}"
            payload = record.content_stream().read(max_bytes + 1)
            if len(payload) > max_bytes:
                yield failed_document(where, "too_large", f"{where} ({url}): the page is over the limit of "
                                                          f"{max_bytes:,} bytes", options, url=url)
                continue
            if getattr(record.raw_stream, "limit", 0) > 0:  # the file ends inside this record
                yield failed_document(where, "unreadable", f"{where} ({url}): the record is cut short "
                                                           "(truncated file)", options, url=url)
                return
            if not any(t in ctype for t in HTML_TYPES) and not _looks_html(payload):
                continue
            charset = _CHARSET.search(ctype)
            yield html_document(payload, where, options, url=url, charset=charset.group(1) if charset else None)
    except ArchiveLoadFailed as exc:
        yield failed_document(f"{name}#{n + 1}", "parse_error",
                              f"{name}: not a readable WARC file after {n} records: {exc}", options)
