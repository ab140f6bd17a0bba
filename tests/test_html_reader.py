"""The HTML reader on hand-written pages: boilerplate dropped, metadata from the page."""

from __future__ import annotations

import json
from pathlib import Path

from reportedly.evaluate.html import token_prf
from reportedly.ingest import read_paths
from reportedly.ingest.html import choose_title, collect, html_document, parse_page, shared_tails, strip_site
from reportedly.options import Options

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
OPTS = Options()


def doc_of(name: str, options: Options = OPTS):  # type: ignore[no-untyped-def]
    [doc] = list(read_paths([str(FIXTURES / name)], options))
    return doc


def test_article_page_metadata_and_text() -> None:
    doc = doc_of("harbour_fire.html", OPTS.replace(published="1999-01-01"))
    assert doc.errors == []
    assert doc.title == "Fire at harbour warehouse injures four dockworkers"
    assert doc.published == "2023-05-09"  # datePublished, not dateModified, not options.published
    assert doc.source == "The Lakeside Courier"
    assert doc.url == "https://lakeside-courier.example/news/2023/05/09/harbour-fire"  # the canonical link
    assert doc.text.startswith(doc.title + "\n\nFour dockworkers were taken to hospital")
    assert doc.text.endswith("as smoke drifted over the old town.")
    for boilerplate in ("Subscribe", "Sign in", "Most read", "cycle lanes", "Copyright", "Cookie", "Weather"):
        assert boilerplate not in doc.text


def test_body_paragraphs_are_separated_by_blank_lines() -> None:
    page, warnings = parse_page((FIXTURES / "harbour_fire.html").read_bytes())
    assert warnings == []
    paragraphs = page.body.split("\n\n")
    assert len(paragraphs) == 5 and all(p.strip() == p and p for p in paragraphs)


def test_broken_markup_is_read() -> None:
    doc = doc_of("broken_markup.html")
    assert doc.errors == []
    assert doc.title == "Bridge reopens after repairs"  # " - Valley Gazette" removed
    assert doc.source == "Valley Gazette"
    assert "stone bridge over the river reopened" in doc.text and "painted the hoardings" in doc.text
    assert doc.published is None  # the page gives no date: none is invented


def test_page_without_article_is_refused() -> None:
    doc = doc_of("no_article.html")
    assert [e.code for e in doc.errors] == ["no_article"]
    assert "no_article.html" in doc.errors[0].message
    assert doc.text == ""


def test_publication_date_falls_back_to_options_only_when_the_page_has_none() -> None:
    doc = doc_of("broken_markup.html", OPTS.replace(published="2022-12-01"))
    assert doc.published == "2022-12-01"


def test_declared_legacy_charset_and_entities() -> None:
    page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>"
            "<title>Caf\xe9 owners &amp; traders protest \u201cunfair\u201d rents</title></head><body><article>"
            + "<p>" + "Caf\xe9 owners and market traders marched to the town hall on Saturday to protest against rent rises. " * 3
            + "</p><p>" + "The council said it would meet their representatives next week to discuss the plans. " * 2
            + "</p></article></body></html>").encode("cp1252")
    doc = html_document(page, "legacy.html", OPTS)
    assert doc.errors == []  # the page declared its charset: nothing was guessed
    assert doc.title == "Caf\xe9 owners & traders protest \u201cunfair\u201d rents"
    assert "Caf\xe9 owners and market traders marched" in doc.text


def test_binary_html_is_refused() -> None:
    doc = html_document(b"\x00\x01\x02<html>", "bin.html", OPTS)
    assert [e.code for e in doc.errors] == ["binary"]


def test_title_agreement_and_site_suffixes() -> None:
    assert strip_site("Storm closes port | Harbour News", ["Harbour News"]) == "Storm closes port"
    assert strip_site("Storm closes port - harbour-news.example", ["harbour-news.example"]) == "Storm closes port"
    assert strip_site("Storm closes port | Harbour News | by A. Writer", ["Harbour News"]) == "Storm closes port"
    assert strip_site("Left - right talks resume", ["Harbour News"]) == "Left - right talks resume"


def _title_of(head: str, body: str = "") -> str | None:
    from lxml import html as lhtml

    return choose_title(collect(lhtml.fromstring(f"<html><head>{head}</head><body>{body}</body></html>")), None)


def _ld(headline: str) -> str:
    data = json.dumps({"@type": "NewsArticle", "headline": headline})
    return f'<script type="application/ld+json">{data}</script>'


def test_page_furniture_votes_between_declared_titles() -> None:
    # JSON-LD and og:title disagree: <title> (minus its section and site) and the one h1 side with JSON-LD.
    head = ("<title>Port shut as storm hits coast | Weather | Harbour News</title>"
            + _ld("Port shut as storm hits coast")
            + "<meta property='og:title' content='Storm shuts the port'>"
            "<meta property='og:site_name' content='Harbour News'>")
    assert _title_of(head, "<h1>Port shut as storm hits coast</h1>") == "Port shut as storm hits coast"
    # ... and here with og:title.
    head = ("<title>Port shut as storm hits coast | Harbour News</title>" + _ld("Port shut as storm hits coast")
            + "<meta property='og:title' content='Storm shuts the port'>")
    assert _title_of(head, "<h1>Storm shuts the port</h1>") == "Storm shuts the port"


def test_declared_title_beats_page_furniture() -> None:
    # The page declares one headline (og:title); the h1 and <title> only vote, they cannot outvote it.
    head = ("<title>Port shut as storm hits coast | Harbour News</title>"
            "<meta property='og:title' content='Storm shuts the port'>")
    assert _title_of(head, "<h1>Port shut as storm hits coast</h1>") == "Storm shuts the port"
    # Without declared metadata the h1 and <title> decide.
    assert _title_of("<title>Port shut as storm hits coast | Harbour News</title>",
                     "<h1>Port shut as storm hits coast</h1>") == "Port shut as storm hits coast"
    # An og:title that only names the outlet is not a headline.
    head = ("<title>Port shut as storm hits coast | Harbour News</title>"
            "<meta property='og:title' content='Harbour News'><meta property='og:site_name' content='Harbour News'>")
    assert _title_of(head, "<h1>Port shut as storm hits coast</h1>") == "Port shut as storm hits coast"
    # A declared title with a section tail still agrees with the h1 it extends.
    head = ("<title>Ferry sinks off the cape - Region | Harbour News</title>"
            "<meta property='og:title' content='Ferry sinks off the cape - Region'>"
            "<meta property='og:site_name' content='Harbour News'>")
    assert _title_of(head, "<h1>Ferry sinks off the cape</h1>") == "Ferry sinks off the cape"


def test_tail_shared_by_different_titles_is_the_outlets() -> None:
    # No site name anywhere, but <title> and og:title are different headlines ending in the same tail.
    head = ("<title>Ferry sinks off the cape | Coast Daily Online</title>"
            + _ld("Ferry sinks off the cape")
            + "<meta property='og:title' content='Ten rescued as ferry goes down | Coast Daily Online'>")
    assert _title_of(head, "<h1>Ferry sinks off the cape</h1>") == "Ferry sinks off the cape"
    from lxml import html as lhtml

    c = collect(lhtml.fromstring(f"<html><head>{head}</head><body></body></html>"))
    assert shared_tails(c) == ["Coast Daily Online"]
    # The same title twice proves nothing: its last segment may be part of the headline.
    same = ("<title>Talks resume - unions hopeful</title>"
            "<meta property='og:title' content='Talks resume - unions hopeful'>")
    assert shared_tails(collect(lhtml.fromstring(f"<html><head>{same}</head></html>"))) == []
    assert _title_of(same) == "Talks resume - unions hopeful"


def test_token_prf() -> None:
    assert token_prf("a b c", "a b c") == (1.0, 1.0, 1.0)
    p, r, f = token_prf("a b", "a b c d")
    assert (p, r) == (1.0, 0.5) and round(f, 4) == 0.6667
    assert token_prf("", "a") == (0.0, 0.0, 0.0)


def test_server_charset_is_used_when_the_page_declares_none() -> None:
    body = "<p>" + "Caf\xe9 owners and market traders marched to the town hall on Saturday to protest. " * 3 + "</p>"
    page = f"<html><head><title>March on the town hall</title></head><body><article>{body}</article></body></html>"
    data = page.encode("iso-8859-15")
    doc = html_document(data, "p.html", OPTS, charset="ISO-8859-15")
    assert doc.errors == [] and "Caf\xe9 owners" in doc.text
    guessed = html_document(data, "p.html", OPTS)
    assert [e.code for e in guessed.errors] == ["decoded_cp1252"] and "Caf\xe9 owners" in guessed.text


def test_html_evaluation_on_a_tiny_set(tmp_path: Path) -> None:
    import gzip

    from reportedly.evaluate import evaluate, format_report

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "fire.html.gz").write_bytes(gzip.compress((FIXTURES / "harbour_fire.html").read_bytes()))
    (tmp_path / "pages" / "bridge.html.gz").write_bytes(gzip.compress((FIXTURES / "broken_markup.html").read_bytes()))
    fire_body = parse_page((FIXTURES / "harbour_fire.html").read_bytes())[0].body
    gold = [
        {"file": "pages/bridge.html.gz", "title": "Bridge reopens after repairs", "published": "2021-06-04",
         "body": "The old stone bridge over the river reopened to traffic on Friday."},
        {"file": "pages/fire.html.gz", "title": "Fire at harbour  warehouse injures four dockworkers",
         "published": "2023-05-09", "body": fire_body},
    ]
    (tmp_path / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    report = evaluate(tmp_path, set_name="html")
    assert report["title"]["accuracy"] == 1.0  # white space is normalised
    assert report["date"]["accuracy"] == 0.5  # the bridge page has no date
    assert report["body"]["recall"] == 1.0 and 0.5 < report["body"]["f1"] < 1.0
    assert [m["file"] for m in report["misses"]] == ["pages/bridge.html.gz"]
    assert "title exact match  1.0000" in format_report(report)
    preds = tmp_path / "preds.jsonl"
    preds.write_text(json.dumps({"file": "pages/fire.html.gz", "title": "x", "published": "2023-05-09",
                                 "text": fire_body}) + "\n", encoding="utf-8")
    scored = evaluate(tmp_path, preds, set_name="html")
    assert scored["title"]["accuracy"] == 0.0 and scored["date"]["accuracy"] == 0.5
