"""WARC input shaped like CC-NEWS: HTML responses are read, everything else is skipped."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from reportedly.ingest import read_paths
from reportedly.options import Options

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

SECOND_PAGE = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Ferry service suspended as gales sweep the islands - Island Post</title>
<meta property="og:site_name" content="Island Post"></head><body>
<nav><a href="/">Home</a> <a href="/ferries">Ferries</a></nav>
<article><h1>Ferry service suspended as gales sweep the islands</h1>
<p>All ferry crossings to the outer islands were cancelled on Wednesday as gales of up to 110 km/h swept the coast, the operator said.</p>
<p>The operator said it expected to resume sailings on Thursday afternoon if the wind eased, and advised passengers to check its website before travelling.</p>
<p>Schools on two of the islands closed early so that pupils who live on the mainland could travel home before the last crossing was cancelled.</p>
</article><footer>Island Post, all rights reserved</footer></body></html>"""


def write_warc(path: Path, gzipped: bool) -> None:
    warcio = pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    assert warcio
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "reportedly tests"}))

        def response(url: str, body: bytes, ctype: str, status: str = "200 OK", encoding: str | None = None):  # type: ignore[no-untyped-def]
            headers = [("Content-Type", ctype)]
            if encoding == "gzip":
                body = gzip.compress(body)
                headers.append(("Content-Encoding", "gzip"))
            headers.append(("Content-Length", str(len(body))))
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                             warc_headers_dict={"WARC-Date": "2030-01-01T00:00:00Z"})

        request = writer.create_warc_record(
            "https://lakeside-courier.example/news/harbour-fire", "request", payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders("GET /news/harbour-fire HTTP/1.1", [("Host", "lakeside-courier.example")],
                                          is_http_request=True))
        writer.write_record(request)
        writer.write_record(response("https://lakeside-courier.example/news/harbour-fire",
                                     (FIXTURES / "harbour_fire.html").read_bytes(), "text/html; charset=utf-8"))
        writer.write_record(response("https://island-post.example/img/ferry.jpg", b"\xff\xd8\xff\xe0 jpeg", "image/jpeg"))
        writer.write_record(response("https://island-post.example/old", b"", "text/html", status="301 Moved Permanently"))
        writer.write_record(response("https://island-post.example/feed.json", b'{"items": []}', "application/json"))
        writer.write_record(response("https://island-post.example/news/ferries", SECOND_PAGE, "text/html",
                                     encoding="gzip"))
        writer.write_record(response("https://island-post.example/login",
                                     (FIXTURES / "no_article.html").read_bytes(), "text/html"))


@pytest.mark.parametrize("gzipped", [True, False], ids=["warc.gz", "warc"])
def test_warc_html_responses_become_documents(tmp_path: Path, gzipped: bool) -> None:
    path = tmp_path / ("news.warc.gz" if gzipped else "news.warc")
    write_warc(path, gzipped)
    docs = list(read_paths([str(tmp_path)], Options(published="2031-05-05")))
    assert len(docs) == 3  # warcinfo, request, image, redirect and JSON records skipped
    fire, ferry, login = docs
    assert fire.errors == [] and fire.title == "Fire at harbour warehouse injures four dockworkers"
    assert fire.published == "2023-05-09"  # from the page, never the crawl's WARC-Date
    assert fire.url == "https://lakeside-courier.example/news/2023/05/09/harbour-fire"  # canonical link
    assert ferry.errors == [] and ferry.title == "Ferry service suspended as gales sweep the islands"
    assert ferry.url == "https://island-post.example/news/ferries"  # WARC-Target-URI, no canonical link
    assert ferry.source == "Island Post"
    assert ferry.published == "2031-05-05"  # no date in the page: the user's, not the crawl date
    assert "gales of up to 110 km/h" in ferry.text and "all rights reserved" not in ferry.text
    assert [e.code for e in login.errors] == ["no_article"]
    assert all(d.path and d.path.startswith(str(path) + "#") for d in docs)
    assert len({d.id for d in docs}) == 3


def test_truncated_warc_gives_an_error_document(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    write_warc(path, True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 9 // 10])  # cut inside the last record
    docs = list(read_paths([str(path)], Options()))
    assert [d.title for d in docs[:2]] == ["Fire at harbour warehouse injures four dockworkers",
                                           "Ferry service suspended as gales sweep the islands"]
    assert [e.code for e in docs[-1].errors] == ["unreadable"]
    assert str(path) in docs[-1].errors[-1].message and "after 2 documents" in docs[-1].errors[-1].message


def test_record_cut_short_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "short.warc"
    write_warc(path, False)
    data = path.read_bytes()
    cut = data.index(b"Two of the injured men")  # inside the first page's payload
    path.write_bytes(data[:cut])
    [doc] = list(read_paths([str(path)], Options()))
    assert [e.code for e in doc.errors] == ["unreadable"] and "cut short" in doc.errors[0].message
