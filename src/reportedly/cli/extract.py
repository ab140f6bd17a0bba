"""`reportedly extract` and `reportedly evaluate`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from reportedly.cli._app import app, progress, warn, warn_error
from reportedly.options import Options


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files (.txt, .html, .json, .jsonl, .warc[.gz]) or directories."),
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl, json or table."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of standard output."),
    published: str | None = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) for documents without one."),
    n_process: int = typer.Option(1, "--n-process", help="Processes for the NLP pass."),
    batch_size: int = typer.Option(32, "--batch-size", help="Documents per NLP batch."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, no warnings."),
) -> None:
    """Extract attributed casualty claims, statements and event mentions."""
    from reportedly.ingest import read_paths
    from reportedly.pipeline import extract_documents
    from reportedly.tables import claims_table

    if format not in ("jsonl", "json", "table"):
        raise typer.BadParameter("format must be jsonl, json or table", param_hint="--format")
    if published:
        from datetime import date

        try:
            date.fromisoformat(published)
        except ValueError as exc:
            raise typer.BadParameter("expected YYYY-MM-DD", param_hint="--published") from exc
    options = Options(published=published, n_process=n_process, batch_size=batch_size)
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    ok = failed = 0
    collected = []
    try:
        docs = read_paths(paths, options)
        for res in progress(extract_documents(docs, options), quiet=quiet):
            if res.ok:
                ok += 1
            else:
                failed += 1
            if res.errors and not quiet:
                for e in res.errors:
                    warn_error(res.document.name, e.code, e.message)
            if format == "jsonl":
                out.write(json.dumps(res.to_dict(), ensure_ascii=False) + "\n")
            else:
                collected.append(res)
        if format == "json":
            json.dump([r.to_dict() for r in collected], out, ensure_ascii=False, indent=1)
            out.write("\n")
        elif format == "table":
            out.write(claims_table(collected) + "\n")
    finally:
        if output:
            out.close()
    if ok == 0 and failed > 0:
        warn(f"all {failed} documents failed")
        raise typer.Exit(1)
    if ok == 0 and failed == 0:
        warn("no documents found")
        raise typer.Exit(1)


@app.command()
def evaluate(
    gold_dir: Path = typer.Argument(..., exists=True, file_okay=False, help="An evaluation set folder."),
    predictions: Path | None = typer.Option(None, "--predictions", help="JSONL predictions to score instead of running the pipeline."),
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
    n_process: int = typer.Option(1, "--n-process", help="Processes for the NLP pass."),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
) -> None:
    """Score the pipeline against a gold set (seed, claims, fakes, attribution, event-types, places-gwn, gva, gvdb, html)."""
    from reportedly.evaluate import UnknownSet, format_report
    from reportedly.evaluate import evaluate as run

    try:
        report = run(gold_dir, predictions, Options(n_process=n_process))
    except UnknownSet as exc:
        warn(str(exc))
        raise typer.Exit(2) from exc
    if format == "json":
        typer.echo(json.dumps(report, indent=1))
    else:
        typer.echo(format_report(report))
