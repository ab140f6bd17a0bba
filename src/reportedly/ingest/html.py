"""News pages in HTML: the article text, headline, date, outlet and URL.

The body comes from trafilatura (boilerplate such as navigation, footers and "most read"
lists is dropped). The metadata comes from the page itself, in this order of trust:

* headline: a title the publisher declares (the article's JSON-LD ``headline``, ``og:title``,
  else ``twitter:title``); when those disagree, the one the page's single ``<h1>`` and its
  ``<title>`` (half a vote) side with. Each loses its trailing " | Outlet" (see
  :func:`choose_title`). The h1 and ``<title>`` decide alone only on pages that declare none;
* publication date: JSON-LD ``datePublished``, the ``article:published_time``-style meta tags,
  then htmldate's search for the original date. A crawl date is never used;
* outlet: ``og:site_name``, JSON-LD ``publisher.name``, else the host name;
* URL: the canonical link, ``og:url``, else the address the page was fetched from.

The document text is the headline, a blank line, then the body paragraphs separated by blank
lines, so a headline figure is seen by the extraction and offsets point into that text (a
first body paragraph that repeats the headline is dropped). A page whose body has too little
prose (a sign-in form, an index of links) gives a ``no_article`` error (:func:`has_article`).
"""

from __future__ import annotations

import codecs
import html as _html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from reportedly.ingest.common import failed_document
from reportedly.ingest.decode import declared_charset, decode, looks_binary
from reportedly.ingest.records import iso_date
from reportedly.model import Document, ProcessingError
from reportedly.options import Options

_RULES: dict[str, Any] = json.loads(
    resources.files("reportedly.ingest").joinpath("data/html.json").read_text("utf-8"))
# JSON-LD types that describe the article itself (not the site, a breadcrumb or a video).
ARTICLE_TYPES = frozenset(_RULES["article_types"])
TITLE_META = tuple(_RULES["title_meta"])
# Title sources and their votes, in the order that breaks ties.
TITLE_SOURCES: dict[str, float] = dict(_RULES["title_votes"])
# Sources the publisher writes about the article; the others (h1, <title>) only vote for them.
DECLARED_SOURCES = frozenset(_RULES["declared_title_sources"])
# Among agreeing sources, whose spelling to keep (og:title keeps straight quotes most often).
OUTPUT_ORDER = tuple(_RULES["title_spelling_order"])
MAX_TAIL_WORDS = int(_RULES["max_tail_words"])
# A body is an article when its paragraphs of MIN_PARAGRAPH_WORDS words or more hold
# MIN_ARTICLE_WORDS words in all.
MIN_PARAGRAPH_WORDS = 6
MIN_ARTICLE_WORDS = 25
DATE_META = tuple(_RULES["date_meta"])
SITE_META = tuple(_RULES["site_meta"])
_SEPARATORS = re.compile(r"\s+(?:" + "|".join(re.escape(s) for s in _RULES["title_separators"]) + r")\s+")
_WS = re.compile(r"\s+")


@dataclass
class Page:
    """What the HTML reader found in a page."""

    body: str = ""
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    candidates: dict[str, list[str]] = field(default_factory=dict)


def clean(text: str | None) -> str:
    """Unescape entities (some pages escape twice) and normalise white space."""
    if not text:
        return ""
    for _ in range(2):
        if "&" not in text:
            break
        text = _html.unescape(text)
    return _WS.sub(" ", text).strip()


def _jsonld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    for node in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        raw = node.text_content() or ""
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        stack: list[Any] = [data]
        while stack:
            obj = stack.pop(0)
            if isinstance(obj, list):
                stack.extend(obj)
            elif isinstance(obj, dict):
                yield obj
                for key in ("@graph", "mainEntity", "itemListElement"):
                    if key in obj:
                        stack.append(obj[key])


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    names = t if isinstance(t, list) else [t]
    return {str(n).lower() for n in names if n}


def _name(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return clean(value) if isinstance(value, str) else ""


def collect(tree: Any) -> dict[str, list[str]]:
    """Every metadata candidate the page offers, by where it came from."""
    c: dict[str, list[str]] = {}

    def add(key: str, value: Any) -> None:
        if isinstance(value, str):
            v = clean(value)
            if v and v not in c.setdefault(key, []):
                c[key].append(v)

    for obj in _jsonld_objects(tree):
        types = _types(obj)
        prefix = "ld" if types & ARTICLE_TYPES else "ld_other"
        add(f"{prefix}:headline", obj.get("headline"))
        add(f"{prefix}:datePublished", obj.get("datePublished"))
        add(f"{prefix}:publisher", _name(obj.get("publisher")))
        if prefix == "ld":
            add("ld:url", obj.get("url"))
        if types & {"website", "organization", "newsmediaorganization"}:
            add("ld:site", obj.get("name"))
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key:
            add(f"meta:{key}", meta.get("content"))
    for node in tree.iter("title"):
        add("title", node.text_content())
        break
    for node in tree.iter("h1"):
        add("h1", node.text_content())
    for link in tree.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical":
            add("canonical", link.get("href"))
    html_el = tree if tree.tag == "html" else tree.getroottree().getroot()
    add("lang", html_el.get("lang") if html_el is not None else None)
    return c


def _first(c: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        for v in c.get(key, ()):
            if v:
                return v
    return None


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def site_names(c: dict[str, list[str]], url: str | None) -> list[str]:
    keys = (*(f"meta:{k}" for k in SITE_META), "ld:publisher", "ld_other:publisher", "ld:site")
    names = [v for k in keys for v in c.get(k, ())]
    host = urlsplit(url).hostname if url else None
    if host:
        names.append(host.removeprefix("www."))
        names.append(host.removeprefix("www.").split(".")[0])
    names.extend(shared_tails(c))
    return [n.lstrip("@") for n in names if n]


def shared_tails(c: dict[str, list[str]]) -> list[str]:
    """Trailing segments that ``<title>`` and a different declared title both end with.

    "Storm shuts port | City Herald" and "Port closed as storm hits | City Herald": whatever
    the page calls itself, a short tail two different headlines share is the outlet's.
    """
    page_title = _first(c, "title")
    if not page_title:
        return []
    parts = _SEPARATORS.split(page_title)
    tail = parts[-1]
    if len(parts) < 2 or len(tail.split()) > MAX_TAIL_WORDS:
        return []
    out: list[str] = []
    for key in ("ld:headline", *(f"meta:{k}" for k in TITLE_META)):
        for v in c.get(key, ()):
            other = _SEPARATORS.split(v)
            if len(other) > 1 and other[-1] == tail and _fold(other[0]) != _fold(parts[0]) and tail not in out:
                out.append(tail)
    return out


def strip_site(title: str, sites: list[str]) -> str:
    """Drop trailing (or leading) " | Outlet" segments and " | by Author" bylines."""
    keys = {_key(s) for s in sites if len(_key(s)) >= 3}
    parts = _SEPARATORS.split(title)
    seps = _SEPARATORS.findall(title)

    def is_site(seg: str) -> bool:
        k = _key(seg)
        if not k:
            return True
        if seg.strip().lower().startswith("by "):
            return True
        return any(k == s or (len(s) >= 4 and (s in k or k in s)) for s in keys)

    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
        seps.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
        seps.pop(0)
    out = parts[0]
    for sep, part in zip(seps, parts[1:], strict=True):
        out += sep + part
    return out.strip()


def _fold(text: str) -> str:
    return _key(text.replace("’", "'").replace("‘", "'"))


def _reduce(cands: dict[str, str]) -> dict[str, str]:
    """Where one candidate is another plus a short " | Section" tail, keep the shorter."""
    out = dict(cands)
    for k, x in cands.items():
        for y in cands.values():
            if len(y) >= len(out[k]) or not _fold(x).startswith(_fold(y)):
                continue
            m = _SEPARATORS.search(x, max(len(y) - 5, 0))
            if m and _fold(x[: m.start()]) == _fold(y) and len(x[m.end():].split()) <= MAX_TAIL_WORDS:
                out[k] = x[: m.start()].strip()  # keep this source's own spelling
    return out


def choose_title(c: dict[str, list[str]], url: str | None) -> str | None:
    """The headline most of the page's title sources agree on.

    The sources are the article's JSON-LD ``headline``, ``og:title`` (else ``twitter:title``),
    the page's only ``<h1>``, and ``<title>`` (which counts half: it is often rewritten for
    search engines). Each loses a trailing " | Outlet"; a title that is another plus a short
    " - Section" tail counts as that other. The first two are declared by the publisher; the
    h1 and ``<title>`` are page furniture that vote for a declared title, and win on their own
    only when the page declares none. Ties go to the order just given.
    """
    sites = site_names(c, url)
    h1s = c.get("h1", [])
    raw = {
        "ld": _first(c, "ld:headline"),
        "og": _first(c, *(f"meta:{k}" for k in TITLE_META)),
        "h1": h1s[0] if len(h1s) == 1 else None,
        "title": _first(c, "title"),
    }
    # A "title" that only names the outlet (og:title "City Herald" on a bare page) is no headline.
    outlet = {_key(s) for s in sites}
    cands = {k: t for k, v in raw.items() if v and (t := strip_site(v, sites)) and _key(t) not in outlet}
    if not cands:
        return None
    cands = _reduce(cands)
    groups: dict[str, list[str]] = {}
    for k, v in cands.items():
        groups.setdefault(_fold(v), []).append(k)
    order = list(TITLE_SOURCES)

    def score(keys: list[str]) -> tuple[float, int]:
        return sum(TITLE_SOURCES[k] for k in keys), -min(order.index(k) for k in keys)

    # A title only the page furniture (h1, <title>) carries cannot beat one the publisher declared.
    declared = [g for g in groups.values() if DECLARED_SOURCES.intersection(g)]
    best = max(declared or list(groups.values()), key=score)
    return cands[min(best, key=lambda k: OUTPUT_ORDER.index(k))]


def choose_date(c: dict[str, list[str]]) -> str | None:
    for key in ("ld:datePublished", *(f"meta:{k}" for k in DATE_META)):
        for v in c.get(key, ()):
            d = iso_date(v)
            if d:
                return d
    return None


def parse_page(data: bytes | str, url: str | None = None, *, name: str = "page",
               with_dates: bool = True, charset: str | None = None) -> tuple[Page, list[ProcessingError]]:
    """Read one HTML page: body text and metadata, plus decoding warnings.

    ``charset`` is the one the server announced, used when the page declares none.
    """
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    warnings: list[ProcessingError] = []
    if isinstance(data, bytes):
        text, warnings = decode(data, name, declared_charset(data) or _known_charset(charset))
    else:
        text = data
    tree = load_html(text)
    if tree is None:
        return Page(url=url), warnings
    c = collect(tree)
    page_url = _first(c, "canonical", "meta:og:url", "ld:url") or url
    if page_url and not page_url.startswith(("http://", "https://")):
        page_url = url
    page = Page(url=page_url, candidates=c, language=_first(c, "lang"))
    page.title = choose_title(c, page_url)
    page.published = choose_date(c)
    date_params = {"original_date": True, "extensive_search": True}
    result: Any = bare_extraction(tree, url=page_url, with_metadata=True, include_comments=False,
                             include_tables=True, date_extraction_params=date_params)
    if result is not None:
        paragraphs = [p.strip() for p in (result.text or "").split("\n") if p.strip()]
        headlines = {_fold(t) for t in [page.title or "", *c.get("h1", [])[:1]] if t}
        if paragraphs and _fold(paragraphs[0]) in headlines:
            paragraphs = paragraphs[1:]  # the headline is the title, not the body
        page.body = "\n\n".join(paragraphs)
        if page.published is None and with_dates:
            page.published = iso_date(result.date)
        page.title = page.title or clean(result.title) or None
        page.source = clean(result.sitename) or None
    host = urlsplit(page_url).hostname if page_url else None
    page.source = (_first(c, "meta:og:site_name", "ld:publisher", "ld_other:publisher")
                   or page.source or (host.removeprefix("www.") if host else None))
    return page, warnings


def has_article(body: str) -> bool:
    """Whether an extracted body is an article: enough words in sentence-sized paragraphs.

    When a page has no article (a sign-in form, an index of links), trafilatura's fallbacks
    still return its menu labels; these are short lines, not prose.
    """
    words = sum(n for p in body.split("\n") if (n := len(p.split())) >= MIN_PARAGRAPH_WORDS)
    return words >= MIN_ARTICLE_WORDS


def _known_charset(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def html_document(data: bytes, name: str, options: Options, url: str | None = None,
                  charset: str | None = None) -> Document:
    """A document from the bytes of an HTML page (``url``: where it was fetched from;
    ``charset``: the one its server announced)."""
    if looks_binary(data):
        return failed_document(name, "binary", f"{name}: binary data (NUL or control bytes), not HTML",
                               options, url=url)
    try:
        page, warnings = parse_page(data, url, name=name, charset=charset)
    except Exception as exc:  # noqa: BLE001 - a broken page must not stop the run
        return failed_document(name, "parse_error", f"{name}: the HTML could not be parsed "
                                                    f"({type(exc).__name__}: {exc})", options, url=url)
    if not has_article(page.body):
        return failed_document(name, "no_article", f"{name}: no article text found in the HTML page", options,
                               title=page.title, url=page.url, source=page.source, errors=warnings,
                               published=page.published or options.published)
    text = f"{page.title}\n\n{page.body}" if page.title else page.body
    return Document(text=text, title=page.title, published=page.published or options.published,
                    source=page.source, url=page.url, path=name, errors=warnings)
