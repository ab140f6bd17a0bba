"""Issue 2: bad input never crashes a run; each bad file is named, the others are processed.

Inputs: an empty file, a binary file, a Latin-1 file (which must work), an HTML page with no
article, a 20 MB text (refused by its size, unread) and articles in Spanish and German.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportedly.cli import app
from reportedly.ingest import read_paths
from reportedly.model import DocumentResult
from reportedly.options import Options
from reportedly.pipeline import check_documents

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

LATIN1 = ("Protesters gathered outside the café on the Plaza Mayor on Friday, and police said two "
          "officers were injured when the crowd pushed against a barrier. The mayor, José Muñoz, "
          "appealed for calm and said the square would reopen on Saturday.\n")


def make_bad_inputs(folder: Path) -> dict[str, str]:
    """Write the bad inputs into ``folder``; return file name -> the error code expected."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\t\n")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes(("Crowd injures two officers\n\n" + LATIN1).encode("latin-1"))
    with (folder / "huge.txt").open("w") as fh:  # 20 MB of text
        line = "The same sentence about nothing in particular, written again and again. " * 10 + "\n"
        for _ in range(20 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    shutil.copy(FIXTURES / "no_article.html", folder / "no_article.html")
    shutil.copy(FIXTURES / "noticia_es.txt", folder / "noticia_es.txt")
    shutil.copy(FIXTURES / "bericht_de.txt", folder / "bericht_de.txt")
    return {"empty.txt": "empty", "blank.txt": "empty", "image.txt": "binary", "huge.txt": "too_large",
            "no_article.html": "no_article", "noticia_es.txt": "not_english", "bericht_de.txt": "not_english",
            "latin1.txt": ""}


def test_each_bad_input_gets_its_error_before_any_nlp(tmp_path: Path) -> None:
    expected = make_bad_inputs(tmp_path)
    docs = check_documents(read_paths([str(tmp_path)], Options()), Options())
    by_name = {Path(d.path).name: d for d in docs}
    assert set(by_name) == set(expected)
    for name, code in expected.items():
        doc = by_name[name]
        fatal = [e for e in doc.errors if not DocumentResult(document=doc, errors=[e]).ok]
        if code:
            assert [e.code for e in fatal] == [code], name
            assert str(tmp_path / name) in fatal[0].message, name
        else:
            assert fatal == [], name
    assert by_name["huge.txt"].text == ""  # refused by its size, never read into memory
    assert "bytes" in by_name["huge.txt"].errors[0].message
    assert [e.code for e in by_name["latin1.txt"].errors] == ["decoded_cp1252"]
    assert by_name["latin1.txt"].text.startswith("Crowd injures two officers\n\nProtesters gathered outside the café")


def test_cli_exits_non_zero_when_every_document_failed(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--quiet"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert sorted(d["errors"][0]["code"] for d in lines) == ["binary", "empty"]
    assert all(str(tmp_path) in d["errors"][0]["message"] for d in lines)


def test_cli_names_missing_and_unsupported_files(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# notes")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "absent.txt"), str(tmp_path / "notes.md")])
    assert result.exit_code == 1
    assert "absent.txt" in result.stderr and "no such file" in result.stderr
    assert "notes.md" in result.stderr and "unsupported file type" in result.stderr


@pytest.mark.slow
def test_cli_goes_on_past_bad_inputs_and_exits_zero(tmp_path: Path) -> None:
    expected = make_bad_inputs(tmp_path)
    shutil.copy(FIXTURES / "storm_report.txt", tmp_path / "storm_report.txt")
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    out = {Path(d["errors"][0]["message"].split(":")[0]).name if d["errors"] and d["errors"][0]["code"] != "decoded_cp1252"
           else d["document"]["title"]: d for d in map(json.loads, result.stdout.splitlines())}
    for name, code in expected.items():
        if code:
            assert out[name]["errors"][0]["code"] == code
            assert name in result.stderr
    assert out["Storm brings down power lines across the valley"]["errors"] == []
    latin = out["Crowd injures two officers"]
    assert [e["code"] for e in latin["errors"]] == ["decoded_cp1252"]
    assert latin["claims"], "the Latin-1 text went through the extraction"
