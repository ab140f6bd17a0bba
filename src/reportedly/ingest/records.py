"""Documents given as JSON: ``.json`` (one document object, or a list of them) and ``.jsonl``.

The fields are those of the documents schema (``id``, ``title``, ``published``, ``source``,
``url``, ``text``); the common alternatives listed in ``data/fields.json`` (``maintext``,
``date_publish``, ``headline``...) are accepted too. An object with an ``html`` field and no
text is read as a web page (:mod:`reportedly.ingest.html`). ``text`` is used exactly as given. A
``published`` value must start with an ISO date (``2024-03-12`` or ``2024-03-12T08:30:00Z``);
otherwise it is dropped with a ``bad_date`` warning and ``options.published`` applies.

A ``.jsonl`` file is read line by line, so it may hold any number of documents. Each document
is named ``<file>:<line>`` (``<file>:<n>`` for the n-th object of a ``.json`` list) in messages.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import IO, Any

from reportedly.ingest.common import failed_document
from reportedly.ingest.decode import decode
from reportedly.model import Document, ProcessingError, content_hash
from reportedly.options import Options

# A .jsonl file with this many invalid lines in a row is not JSON lines: the rest is skipped.
MAX_BAD_LINES_IN_A_ROW = 20
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


@lru_cache(maxsize=1)
def field_names() -> dict[str, tuple[str, ...]]:
    raw = json.loads(resources.files("reportedly.ingest").joinpath("data/fields.json").read_text("utf-8"))
    return {k: tuple(v) for k, v in raw.items() if not k.startswith("_")}


def iso_date(value: Any) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or date-time string, else None."""
    if not isinstance(value, str):
        return None
    m = _ISO_DATE.match(value)
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def _field(obj: dict[str, Any], key: str) -> Any:
    for name in field_names()[key]:
        value = obj.get(name)
        if value is not None and value != "":
            return value
    return None


def _text_field(obj: dict[str, Any]) -> tuple[bool, Any]:
    for name in field_names()["text"]:
        if name in obj:
            return True, obj[name]
    return False, None


def record_document(obj: Any, name: str, options: Options) -> Document:
    """A document from one parsed JSON object."""
    if not isinstance(obj, dict):
        return failed_document(name, "parse_error", f"{name}: expected a JSON object with a 'text' field, "
                                                    f"got {type(obj).__name__}", options)
    errors: list[ProcessingError] = []
    found, text = _text_field(obj)
    if not found and isinstance(_field(obj, "html"), str):
        return _html_record(obj, name, options)
    if not found:
        errors.append(ProcessingError("parse_error", f"{name}: the object has no 'text' field"))
        text = ""
    elif text is None:
        text = ""
    elif not isinstance(text, str):
        errors.append(ProcessingError("parse_error", f"{name}: 'text' is a {type(text).__name__}, not a string"))
        text = ""
    published = options.published
    raw_date = _field(obj, "published")
    if raw_date is not None:
        date = iso_date(raw_date)
        if date is None:
            errors.append(ProcessingError(
                "bad_date", f"{name}: published {str(raw_date)[:40]!r} is not an ISO date; ignored"))
        else:
            published = date
    raw_id = _field(obj, "id")
    doc_id = str(raw_id) if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) else ""
    if not doc_id and not text:
        doc_id = content_hash(f"unread:{name}")  # keep ids of text-less documents distinct
    return Document(text=text, id=doc_id, title=_str(_field(obj, "title")), published=published,
                    source=_str(_field(obj, "source")), url=_str(_field(obj, "url")), path=name,
                    errors=errors)


def _html_record(obj: dict[str, Any], name: str, options: Options) -> Document:
    """A record holding a web page instead of a text: the page is read as an HTML file would be,
    and the record's own fields (id, title, date, outlet, URL) win over the page's."""
    from reportedly.ingest.html import html_document

    url = _str(_field(obj, "url"))
    doc = html_document(str(_field(obj, "html")).encode("utf-8"), name, options, url=url)
    published = iso_date(_field(obj, "published"))
    raw_id = _field(obj, "id")
    if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool):
        doc.id = str(raw_id)
    doc.title = _str(_field(obj, "title")) or doc.title
    doc.published = published or doc.published
    doc.source = _str(_field(obj, "source")) or doc.source
    doc.url = url or doc.url
    return doc


def _str(value: Any) -> str | None:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return None


def json_documents(text: str, name: str, options: Options) -> Iterator[Document]:
    """The documents of a ``.json`` file: one object, or a list of objects."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield failed_document(name, "parse_error", f"{name}: not valid JSON: {exc}", options)
        return
    if isinstance(data, list):
        for i, obj in enumerate(data, 1):
            yield record_document(obj, f"{name}:{i}", options)
    else:
        yield record_document(data, name, options)


def jsonl_documents(fh: IO[bytes], name: str, options: Options, max_line_bytes: int) -> Iterator[Document]:
    """The documents of a ``.jsonl`` stream, one per non-blank line, read lazily.

    A line longer than ``max_line_bytes`` is skipped unread (``too_large``); a line that is
    not JSON gives a ``parse_error`` document and the next lines are still read, unless
    :data:`MAX_BAD_LINES_IN_A_ROW` lines in a row were invalid. A line that is not UTF-8 is
    decoded as Windows-1252 with a warning, as a text file would be.
    """
    lineno = bad_in_a_row = 0
    while True:
        raw = fh.readline(max_line_bytes + 1)
        if not raw:
            return
        lineno += 1
        where = f"{name}:{lineno}"
        if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
            size = len(raw)
            while True:  # skip the rest of the line without keeping it
                chunk = fh.readline(1 << 20)
                size += len(chunk)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield failed_document(where, "too_large", f"{where}: a line of {size:,} bytes is over the limit of "
                                  f"{max_line_bytes:,} bytes (max_chars={options.max_chars:,})", options)
            continue
        if not raw.strip():
            continue
        line, warnings = decode(raw, where)
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            bad_in_a_row += 1
            if bad_in_a_row > MAX_BAD_LINES_IN_A_ROW:
                yield failed_document(where, "parse_error", f"{name}: {MAX_BAD_LINES_IN_A_ROW} invalid lines in a "
                                                            f"row; the rest of the file is skipped", options)
                return
            yield failed_document(where, "parse_error", f"{where}: not valid JSON: {exc}", options)
            continue
        bad_in_a_row = 0
        doc = record_document(obj, where, options)
        doc.errors[:0] = warnings
        yield doc
