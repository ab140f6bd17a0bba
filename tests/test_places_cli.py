"""`reportedly places` on a hand-written article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

ARTICLE = """Shelling hits market in Homs

BEIRUT (Reuters) - Shelling killed at least 12 people in the Syrian city of Homs on Tuesday,
activists said, while fighting went on near Deraa. In Paris, Texas, police said a man was shot dead.
"""


@pytest.mark.slow
def test_places_table_and_geojson(tmp_path: Path) -> None:
    from reportedly.cli import app

    f = tmp_path / "report.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    table = runner.invoke(app, ["places", str(f), "--quiet"])
    assert table.exit_code == 0, table.output
    assert "Homs" in table.output and "SY" in table.output and "Texas" in table.output

    geo = runner.invoke(app, ["places", str(f), "--quiet", "--format", "geojson"])
    assert geo.exit_code == 0, geo.output
    data = json.loads(geo.output)
    assert data["type"] == "FeatureCollection"
    by_name = {ft["properties"]["name"]: ft for ft in data["features"]}
    lon, lat = by_name["Homs"]["geometry"]["coordinates"]
    assert 34 < lat < 35.5 and 36 < lon < 37.5
    assert by_name["Paris"]["properties"]["country"] == "US"


def test_places_rejects_unknown_format(tmp_path: Path) -> None:
    from reportedly.cli import app

    f = tmp_path / "report.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["places", str(f), "--format", "kml"])
    assert result.exit_code != 0


@pytest.mark.slow
def test_extract_places_reports_bad_documents_and_goes_on() -> None:
    from reportedly.geo.component import extract_places
    from reportedly.model import Document

    docs = [Document(text="", id="empty"), Document(text=ARTICLE, id="good")]
    results = {r.document.id: r for r in extract_places(docs)}
    assert not results["empty"].ok and results["empty"].places == []
    assert results["good"].ok and any(p.name == "Homs" for p in results["good"].places)


def test_gazetteer_command_resolves_names() -> None:
    from reportedly.cli import app

    result = CliRunner().invoke(app, ["gazetteer", "--lookup", "Jisr al-Shughour", "--lookup", "Qqqzzz Nowhere"])
    assert result.exit_code == 0, result.output
    assert "169023" in result.output and "Qqqzzz Nowhere: unknown" in result.output
