"""`reportedly places`: the toponyms of articles, resolved to GeoNames."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from reportedly.cli._app import app, progress, warn, warn_error
from reportedly.model import DocumentResult
from reportedly.options import Options


def places_geojson(results: list[DocumentResult]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection: one Point per resolved toponym."""
    features = []
    for res in results:
        for p in res.places:
            if p.lat is None or p.lon is None:
                continue
            features.append({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": {"document": res.document.name, "name": p.name, "start": p.start, "end": p.end,
                               "geonames_id": p.geonames_id, "country": p.country, "admin1": p.admin1,
                               "feature": p.feature},
            })
    return {"type": "FeatureCollection", "features": features}


def places_table(results: list[DocumentResult]) -> str:
    from reportedly.tables import render_table

    rows = []
    for res in results:
        for p in res.places:
            rows.append((res.document.name, p.name, f"{p.start}-{p.end}", p.feature or "-", p.country or "-",
                         p.admin1 or "-", "-" if p.lat is None else f"{p.lat:.4f}",
                         "-" if p.lon is None else f"{p.lon:.4f}", p.geonames_id or "-"))
    return render_table(("document", "name", "span", "feature", "country", "admin1", "lat", "lon", "geonames"),
                        rows)


@app.command()
def places(
    paths: list[str] = typer.Argument(..., help="Files (.txt, .html, .json, .jsonl, .warc[.gz]) or directories."),
    format: str = typer.Option("table", "--format", "-f", help="table, geojson or jsonl."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of standard output."),
    batch_size: int = typer.Option(32, "--batch-size", help="Documents per NLP batch."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, no warnings."),
) -> None:
    """List the places named in articles, resolved to GeoNames (offline gazetteer)."""
    from reportedly.geo.component import extract_places
    from reportedly.ingest import read_paths

    if format not in ("table", "geojson", "jsonl"):
        raise typer.BadParameter("format must be table, geojson or jsonl", param_hint="--format")
    options = Options(batch_size=batch_size)
    results: list[DocumentResult] = []
    ok = failed = 0
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for res in progress(extract_places(read_paths(paths, options), options), quiet=quiet):
            if res.ok:
                ok += 1
            else:
                failed += 1
            if res.errors and not quiet:
                for e in res.errors:
                    warn_error(res.document.name, e.code, e.message)
            if format == "jsonl":
                out.write(json.dumps({"document": res.document.meta_dict(),
                                      "places": [p.to_dict() for p in res.places]}, ensure_ascii=False) + "\n")
            else:
                results.append(res)
        if format == "geojson":
            json.dump(places_geojson(results), out, ensure_ascii=False, indent=1)
            out.write("\n")
        elif format == "table":
            out.write(places_table(results) + "\n")
    finally:
        if output:
            out.close()
    if ok == 0:
        warn(f"all {failed} documents failed" if failed else "no documents found")
        raise typer.Exit(1)


@app.command()
def gazetteer(
    rebuild: bool = typer.Option(False, "--rebuild", help="Build the index again even if it exists."),
    lookup: list[str] = typer.Option([], "--lookup", "-l", help="Resolve a place name (repeatable)."),
) -> None:
    """Build the offline GeoNames index (done on first use otherwise) and show where it is."""
    import time

    from reportedly.geo import resolve_name
    from reportedly.geo.gazetteer import build, default_path, load

    path = default_path()
    t0 = time.perf_counter()
    if rebuild or not path.exists():
        warn(f"building {path} (no network; about a minute)...")
        build(path)
    gaz = load(path)
    typer.echo(f"{path}  {path.stat().st_size / 1e6:.1f} MB  ready in {time.perf_counter() - t0:.1f} s")
    for name in lookup:
        top = resolve_name(name, gazetteer=gaz)
        e = top.entry if top is not None else None
        if e is None:
            typer.echo(f"{name}: unknown")
        else:
            typer.echo(f"{name}: {e.name} ({e.feature}) {e.country or '-'} / {e.admin1 or '-'}  "
                       f"{e.lat:.4f}, {e.lon:.4f}  geonames {e.geonames_id or '-'}")
