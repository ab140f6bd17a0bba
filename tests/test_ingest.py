"""read_paths: formats, expansion of paths, encodings, streaming, and failures as documents."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from reportedly.ingest import byte_limit, read_paths
from reportedly.ingest.decode import declared_charset, decode, looks_binary
from reportedly.ingest.paths import kind_of
from reportedly.ingest.records import iso_date
from reportedly.ingest.validate import validate
from reportedly.model import DocumentResult
from reportedly.options import Options

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
OPTS = Options()

STORY = ("Flooding closes the coast road\n\n"
         "Heavy rain flooded the coast road on Thursday and the police closed it to traffic for most of the day, "
         "a spokesman said. Two drivers had to be helped from their cars by the fire service.\n")


def read(*paths: str | Path, options: Options = OPTS) -> list:  # type: ignore[type-arg]
    return list(read_paths([str(p) for p in paths], options))


def codes(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.code for e in doc.errors]


def test_txt_text_is_the_whole_file_and_the_first_line_the_title(tmp_path: Path) -> None:
    f = tmp_path / "flood.txt"
    f.write_text(STORY, encoding="utf-8")
    [doc] = read(f, options=OPTS.replace(published="2024-02-01"))
    assert doc.text == STORY
    assert doc.title == "Flooding closes the coast road"
    assert doc.published == "2024-02-01"
    assert doc.path == str(f)
    assert doc.errors == []
    assert len(doc.id) == 16  # content hash


def test_txt_offsets_point_into_the_file_even_with_crlf_and_bom(tmp_path: Path) -> None:
    f = tmp_path / "crlf.txt"
    f.write_bytes(b"\xef\xbb\xbf" + STORY.replace("\n", "\r\n").encode("utf-8"))
    [doc] = read(f)
    assert doc.text == STORY.replace("\n", "\r\n")  # BOM dropped, nothing else changed
    assert doc.title == "Flooding closes the coast road"


def test_a_long_first_paragraph_is_not_a_title(tmp_path: Path) -> None:
    f = tmp_path / "no_title.txt"
    f.write_text("word " * 200, encoding="utf-8")
    [doc] = read(f)
    assert doc.title is None


def test_latin1_file_is_read_with_a_warning_not_refused(tmp_path: Path) -> None:
    text = ("Café owners in the old town said the protest passed peacefully, and the mayor's office "
            "thanked the organisers. Señor Peña, who runs a bakery, said he had closed early. ") * 3
    f = tmp_path / "latin1.txt"
    f.write_bytes(text.encode("latin-1"))
    [doc] = read(f)
    assert doc.text == text
    assert codes(doc) == ["decoded_cp1252"]
    assert "latin1.txt" in doc.errors[0].message
    assert validate(doc, OPTS) == []
    assert DocumentResult(document=doc, errors=doc.errors).ok  # a warning is not fatal


def test_decode_order() -> None:
    assert decode("déjà vu".encode(), "x") == ("déjà vu", [])
    text, warn = decode(b"\x93quoted\x94", "x")
    assert text == "\u201cquoted\u201d" and warn[0].code == "decoded_cp1252"
    text, warn = decode(b"caf\xe9 \x81", "x")  # 0x81 is undefined in cp1252
    assert text == "caf\xe9 \x81" and warn[0].code == "decoded_latin1"
    assert decode("Grüße".encode("utf-16"), "x") == ("Grüße", [])
    assert decode("Привет".encode("koi8_r"), "x", declared="koi8_r") == ("Привет", [])
    assert declared_charset(b'<html><head><meta charset="ISO-8859-1">') == "iso8859-1"
    assert declared_charset(b"<html><head>") is None


def test_binary_detection() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert looks_binary(bytes(range(1, 9)) * 100)
    assert not looks_binary(STORY.encode())
    assert not looks_binary("text".encode("utf-16"))


def test_json_single_object_and_list(tmp_path: Path) -> None:
    one = {"id": "n1", "title": "T", "published": "2024-03-12T08:30:00Z", "source": "Wire", "url": "https://x.example/1",
           "text": STORY}
    (tmp_path / "one.json").write_text(json.dumps(one), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([one, {**one, "id": 7, "published": None}]), encoding="utf-8")
    docs = read(tmp_path / "one.json", tmp_path / "many.json")
    assert [d.id for d in docs] == ["n1", "n1", "7"]
    assert docs[0].published == "2024-03-12" and docs[0].source == "Wire" and docs[0].url == "https://x.example/1"
    assert docs[0].text == STORY
    assert [d.path for d in docs] == [str(tmp_path / "one.json"), f"{tmp_path / 'many.json'}:1",
                                      f"{tmp_path / 'many.json'}:2"]
    assert docs[2].published is None


def test_json_field_aliases_and_options_published(tmp_path: Path) -> None:
    rec = {"maintext": STORY, "headline": "H", "date_publish": "2021-07-04 10:00:00", "source_domain": "x.example"}
    (tmp_path / "np.json").write_text(json.dumps(rec), encoding="utf-8")
    [doc] = read(tmp_path / "np.json", options=OPTS.replace(published="2000-01-01"))
    assert (doc.text, doc.title, doc.published, doc.source) == (STORY, "H", "2021-07-04", "x.example")
    (tmp_path / "nodate.json").write_text(json.dumps({"text": STORY}), encoding="utf-8")
    [doc] = read(tmp_path / "nodate.json", options=OPTS.replace(published="2000-01-01"))
    assert doc.published == "2000-01-01"
    assert doc.id and doc.id != "n1"


def test_jsonl_bad_lines_do_not_stop_the_file(tmp_path: Path) -> None:
    f = tmp_path / "docs.jsonl"
    lines = [json.dumps({"id": "a", "text": STORY}), "", "{not json", json.dumps({"id": "c", "title": "no text"}),
             json.dumps([1, 2]), json.dumps({"id": "e", "text": 5}),
             json.dumps({"id": "f", "text": STORY, "published": "last Tuesday"}), json.dumps({"id": "g", "text": STORY})]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = read(f)
    assert [codes(d) for d in docs] == [[], ["parse_error"], ["parse_error"], ["parse_error"], ["parse_error"],
                                        ["bad_date"], []]
    assert docs[1].path == f"{f}:3" and f"{f}:3" in docs[1].errors[0].message
    assert docs[-1].id == "g" and docs[-1].text == STORY
    assert len({d.id for d in docs}) == len(docs)  # failed documents keep distinct ids


def test_jsonl_overlong_line_is_refused_unread(tmp_path: Path) -> None:
    opts = OPTS.replace(max_chars=1000)
    f = tmp_path / "big.jsonl"
    f.write_text(json.dumps({"id": "big", "text": "x" * 10_000}) + "\n" + json.dumps({"id": "ok", "text": STORY}) + "\n")
    big, ok = read(f, options=opts)
    assert codes(big) == ["too_large"] and "bytes" in big.errors[0].message
    assert ok.id == "ok" and ok.errors == []


def test_gzipped_inputs(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(STORY.encode()))
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress((json.dumps({"id": "b", "text": STORY}) + "\n").encode()))
    (tmp_path / "c.html.gz").write_bytes(gzip.compress((FIXTURES / "harbour_fire.html").read_bytes()))
    (tmp_path / "d.txt.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    a, b, c, d = read(tmp_path)
    assert a.text == STORY and b.id == "b" and c.title == "Fire at harbour warehouse injures four dockworkers"
    assert codes(d) == ["unreadable"] and "d.txt.gz" in d.errors[0].message


def test_directories_recurse_skip_unknown_and_hidden_and_sort(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for p in ("b.txt", "sub/a.txt", "sub/deeper/c.txt", ".hidden/x.txt", "sub/.y.txt"):
        (tmp_path / p).write_text(STORY)
    (tmp_path / "notes.md").write_text("# not an input")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    docs = read(tmp_path)
    assert [Path(d.path).relative_to(tmp_path).as_posix() for d in docs] == ["b.txt", "sub/a.txt", "sub/deeper/c.txt"]


def test_globs_and_explicit_failures(tmp_path: Path) -> None:
    for p in ("one.txt", "two.txt", "three.json"):
        (tmp_path / p).write_text(STORY if p.endswith(".txt") else json.dumps({"text": STORY}))
    (tmp_path / "notes.md").write_text("# notes")
    docs = read(tmp_path / "*.txt")
    assert [Path(d.path).name for d in docs] == ["one.txt", "two.txt"]
    [missing] = read(tmp_path / "absent.txt")
    assert codes(missing) == ["unreadable"] and "no such file" in missing.errors[0].message
    [nomatch] = read(tmp_path / "*.html")
    assert codes(nomatch) == ["unreadable"] and "no file matches" in nomatch.errors[0].message
    [unknown] = read(tmp_path / "notes.md")
    assert codes(unknown) == ["unreadable"] and "unsupported file type" in unknown.errors[0].message
    assert str(tmp_path / "notes.md") in unknown.errors[0].message


def test_explicit_file_without_extension_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "page").write_bytes((FIXTURES / "harbour_fire.html").read_bytes())
    (tmp_path / "dump").write_text(json.dumps({"id": "a", "text": STORY}) + "\n" + json.dumps({"id": "b", "text": STORY}))
    page, a, b = read(tmp_path / "page", tmp_path / "dump")
    assert page.source == "The Lakeside Courier" and [a.id, b.id] == ["a", "b"]


def test_read_paths_is_lazy(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"Story {i}\n\n{STORY}")
    stream = read_paths([str(tmp_path)], OPTS)
    first = next(stream)
    assert first.title == "Story 0"
    (tmp_path / "1.txt").unlink()  # not opened yet, so its loss shows as an error, in order
    rest = list(stream)
    assert codes(rest[0]) == ["unreadable"] and rest[1].title == "Story 2"


def test_size_is_refused_before_reading(tmp_path: Path) -> None:
    opts = OPTS.replace(max_chars=100)
    f = tmp_path / "long.txt"
    f.write_text("a" * (byte_limit("text", opts) + 1))
    [doc] = read(f, options=opts)
    assert codes(doc) == ["too_large"] and doc.text == ""
    assert "over the limit" in doc.errors[0].message and str(f) in doc.errors[0].message
    # Under the byte limit but over max_chars: validate refuses it, with both figures.
    g = tmp_path / "medium.txt"
    g.write_text("a" * 150)
    [doc] = read(g, options=opts)
    [err] = validate(doc, opts)
    assert err.code == "too_large" and "150" in err.message and "100" in err.message


def test_fsspec_memory_filesystem() -> None:
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    fs.pipe("/reportedly-test/in/a.txt", STORY.encode())
    fs.pipe("/reportedly-test/in/sub/b.jsonl", (json.dumps({"id": "b", "text": STORY}) + "\n").encode())
    fs.pipe("/reportedly-test/in/skip.bin", b"\x00\x01")
    try:
        docs = read("memory://reportedly-test/in")
        assert [d.path.rsplit("in/", 1)[1] for d in docs] == ["a.txt", "sub/b.jsonl:1"]
        assert all(d.path.startswith("memory://") for d in docs)
        assert docs[0].text == STORY and docs[1].id == "b"
        [one] = read("memory://reportedly-test/in/a.txt")
        assert one.path == "memory://reportedly-test/in/a.txt"
        [missing] = read("memory://reportedly-test/nothing.txt")
        assert codes(missing) == ["unreadable"]
    finally:
        fs.rm("/reportedly-test", recursive=True)


def test_remote_protocol_without_its_package_is_a_clear_error() -> None:
    [doc] = read("nosuchproto://bucket/key.jsonl")
    assert codes(doc) == ["unreadable"] and "nosuchproto://bucket/key.jsonl" in doc.errors[0].message


def test_helpers() -> None:
    assert kind_of("a/b/C.HTML.gz") == ("html", True)
    assert kind_of("x.warc.gz") == ("warc", True)
    assert kind_of("https://h/x.jsonl?sig=1") == ("jsonl", False)
    assert kind_of("README") == (None, False)
    assert iso_date("2024-02-30") is None and iso_date("2024-02-03T01:02") == "2024-02-03" and iso_date(5) is None


def test_validate_language_and_script() -> None:
    from reportedly.model import Document, ProcessingError

    russian = Document(text="Власти сообщили, что в результате обстрела рынка погибли двенадцать человек. " * 10,
                       path="ru.txt")
    [err] = validate(russian, OPTS)
    assert err.code == "not_english" and "ru.txt" in err.message
    short = Document(text="Doce muertos en un ataque contra un mercado.", path="es.txt")
    assert validate(short, OPTS) == []  # too short to judge: it passes
    spanish = Document(text=(FIXTURES / "noticia_es.txt").read_text(encoding="utf-8"), path="es.txt")
    assert [e.code for e in validate(spanish, OPTS)] == ["not_english"]
    assert validate(spanish, OPTS.replace(check_language=False)) == []
    english = Document(text=(FIXTURES / "storm_report.txt").read_text(encoding="utf-8"), path="en.txt")
    assert validate(english, OPTS) == []
    nul = Document(text="text\x00with a NUL", path="nul.txt")
    assert [e.code for e in validate(nul, OPTS)] == ["binary"]
    already = Document(text="", path="x.txt", errors=[])
    already.errors.append(ProcessingError("unreadable", "x"))
    assert validate(already, OPTS) == []  # one fatal error per document is enough


def test_http_urls_are_fetched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import functools
    import http.server
    import threading

    for var in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)  # the local server must be reached directly
    (tmp_path / "article").write_bytes((FIXTURES / "harbour_fire.html").read_bytes())  # no extension: sniffed
    (tmp_path / "docs.jsonl").write_text(json.dumps({"id": "j1", "text": STORY}) + "\n", encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        page, line, missing = read(f"{base}/article", f"{base}/docs.jsonl", f"{base}/absent.txt")
    finally:
        server.shutdown()
        server.server_close()
    assert page.errors == [] and page.title == "Fire at harbour warehouse injures four dockworkers"
    assert page.path == f"{base}/article"
    assert line.id == "j1" and line.text == STORY
    assert [e.code for e in missing.errors] == ["unreadable"] and "absent.txt" in missing.errors[0].message


def test_utf16_without_bom_is_text(tmp_path: Path) -> None:
    f = tmp_path / "utf16.txt"
    f.write_bytes(STORY.encode("utf-16-le"))
    [doc] = read(f)
    assert doc.text == STORY and [e.code for e in doc.errors] == ["decoded_utf16"]
    assert validate(doc, OPTS) == []


def test_json_record_holding_a_web_page(tmp_path: Path) -> None:
    page = (FIXTURES / "harbour_fire.html").read_text(encoding="utf-8")
    rec = {"id": "w1", "url": "https://mirror.example/fire", "html": page}
    (tmp_path / "pages.jsonl").write_text(json.dumps(rec) + "\n", encoding="utf-8")
    [doc] = read(tmp_path / "pages.jsonl")
    assert doc.id == "w1" and doc.errors == []
    assert doc.url == "https://mirror.example/fire"  # the record's own field wins
    assert doc.published == "2023-05-09" and doc.source == "The Lakeside Courier"
    assert "Four dockworkers were taken to hospital" in doc.text and "Most read" not in doc.text


def test_jsonl_that_is_not_json_lines(tmp_path: Path) -> None:
    (tmp_path / "bin.jsonl").write_bytes(b"\x00\x01\x02\x03" * 500)
    [doc] = read(tmp_path / "bin.jsonl")
    assert [e.code for e in doc.errors] == ["binary"]
    (tmp_path / "table.jsonl").write_text("".join(f"{i},a,b,c\n" for i in range(500)))
    docs = read(tmp_path / "table.jsonl")
    assert len(docs) == 21 and all(e.code == "parse_error" for d in docs for e in d.errors)
    assert "the rest of the file is skipped" in docs[-1].errors[0].message
