"""`reportedly ingest`, `reportedly events`, `reportedly show` and `reportedly export`."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from reportedly.cli._app import app, warn, warn_error
from reportedly.options import Options

if TYPE_CHECKING:
    from reportedly.model import Document
    from reportedly.store import EventFilter, IngestReport, Ledger

DB_HELP = "The ledger: a SQLAlchemy URL (sqlite:///x.db, postgresql+psycopg://...) or a SQLite file path."
DEFAULT_DB = "reportedly.db"


def _iso(value: str | None, param: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise typer.BadParameter("expected YYYY-MM-DD", param_hint=param) from exc


def _open(db: str, must_exist: bool = False) -> Ledger:
    from reportedly.store import Ledger, ledger_url

    url = ledger_url(db)
    if must_exist and url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.exists():
            warn(f"no ledger at {path}: run `reportedly ingest PATH... --db {db}` first")
            raise typer.Exit(1)
    try:
        return Ledger.open(url)
    except Exception as exc:  # noqa: BLE001 - a bad URL or an unreachable server is the user's to fix
        warn(f"cannot open the ledger {db}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
        raise typer.Exit(1) from exc


def _batches(docs: Iterator[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for d in docs:
        batch.append(d)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest_in_process(ledger: Ledger, paths: list[str], options: Options, batch_size: int,
                      quiet: bool, cluster_every: int = 500) -> tuple[IngestReport, int]:
    """Read, skip what the ledger has (before NLP), extract and store batch by batch;
    re-cluster every ``cluster_every`` stored documents and at the end.

    Returns the store's report and the number of documents skipped before NLP."""
    from reportedly.cli._app import progress
    from reportedly.ingest import read_paths
    from reportedly.pipeline import extract_documents
    from reportedly.store import IngestReport

    total = IngestReport()
    resumed = 0
    since_clustered = 0
    bar: Any = progress(iter(()), quiet=quiet, desc="documents")
    update = getattr(bar, "update", None)
    for batch in _batches(read_paths(paths, options), batch_size):
        known = ledger.has_documents(d.id for d in batch)
        fresh = [d for d in batch if d.id not in known]
        resumed += len(batch) - len(fresh)
        if fresh:
            results = list(extract_documents(fresh, options, batch_size=len(fresh)))
            stored = ledger.ingest_results(results, options, cluster=False)
            total.add(stored)
            since_clustered += stored.added
            if since_clustered >= cluster_every:
                total.events += ledger.recluster_pending(options)
                since_clustered = 0
        if update is not None:
            update(len(batch))
    total.events += ledger.recluster_pending(options)  # also what a killed run left unclustered
    close = getattr(bar, "close", None)
    if close is not None:
        close()
    total.skipped += resumed
    return total, resumed


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files (.txt, .html, .json, .jsonl, .warc[.gz]), directories or globs."),
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    published: str | None = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) for documents without one."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Documents per batch (one transaction each)."),
    engine: str | None = typer.Option(None, "--engine", help="local (every core) or dask; default: this process only."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="A Dask scheduler address (with --engine dask)."),
    workers: int | None = typer.Option(None, "--workers", min=1, help="Worker processes for --engine local|dask."),
    cluster_every: int = typer.Option(500, "--cluster-every", min=1, help="Re-cluster events after this many new documents (and at the end)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, no warnings."),
) -> None:
    """Extract documents and store them, their claims and events in the ledger.

    Documents already in the ledger (same text) are skipped before any NLP, so a run that was interrupted goes on where it stopped, and ingesting the same files twice adds nothing.
    """
    options = Options(published=_iso(published, "--published"), batch_size=batch_size)
    if scheduler and engine != "dask":
        raise typer.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    if engine is not None and engine not in ("local", "dask"):
        raise typer.BadParameter("expected local or dask", param_hint="--engine")
    if engine is not None:
        _ingest_on_engine(paths, db, options, engine, scheduler, workers, batch_size, quiet)
        return
    ledger = _open(db)
    try:
        report, resumed = ingest_in_process(ledger, paths, options, batch_size, quiet, cluster_every)
        counts = ledger.counts()
    finally:
        ledger.close()
    if not quiet:
        for name, code, message in report.errors:
            warn_error(name, code, message)
    typer.echo(f"{report.added} documents added, {report.skipped} skipped (already in the ledger), "
               f"{report.failed} failed; {report.claims} claims stored. "
               f"Ledger: {counts['documents']} documents, {counts['claims']} claims, {counts['events']} events.")
    if report.added == 0 and report.failed > 0:
        raise typer.Exit(1)
    if report.added == 0 and report.skipped == 0 and report.failed == 0:
        warn("no documents found")
        raise typer.Exit(1)


def _ingest_on_engine(paths: list[str], db: str, options: Options, engine: str, scheduler: str | None,
                      workers: int | None, batch_size: int, quiet: bool) -> None:
    from reportedly.engine import run_ingest
    from reportedly.store import ledger_url

    bar: Any = None
    if not quiet:
        from tqdm import tqdm

        bar = tqdm(desc="documents", unit="doc", file=sys.stderr, disable=None)

    def show(p: Any) -> None:
        if bar is not None:
            bar.n = p.done
            bar.refresh()

    from reportedly.engine import EngineError

    try:
        rep = run_ingest(paths, ledger_url(db), options, engine=engine, scheduler=scheduler, workers=workers,
                         progress=show, batch_size=batch_size)
    except EngineError as exc:
        warn(str(exc))
        raise typer.Exit(1) from exc
    finally:
        if bar is not None:
            bar.close()
    if not quiet:
        for name, code, message in rep.errors:
            warn_error(name, code, message)
        if rep.more_errors:
            warn(f"... and {rep.more_errors} more errors")
    typer.echo(f"{rep.added} documents added, {rep.resumed + rep.duplicates} skipped (already in the ledger), "
               f"{rep.failed} failed ({engine} engine, {rep.workers} workers).")
    if rep.added == 0 and rep.failed > 0:
        raise typer.Exit(1)


def _near(place: str) -> tuple[float, float]:
    """"lat,lon" or a place name resolved through the gazetteer."""
    parts = place.split(",")
    if len(parts) == 2:
        try:
            lat, lon = float(parts[0]), float(parts[1])
        except ValueError:
            pass
        else:
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                return lat, lon
            raise typer.BadParameter("latitude must be within ±90 and longitude within ±180", param_hint="--near")
    try:
        from reportedly.geo import resolve_text
    except ImportError as exc:
        raise typer.BadParameter("give coordinates as LAT,LON (no gazetteer installed)", param_hint="--near") from exc
    for t in resolve_text(place):
        if t.entry is not None:
            return float(t.entry.lat), float(t.entry.lon)
    raise typer.BadParameter(f"unknown place {place!r}; give coordinates as LAT,LON", param_hint="--near")


def _filter(status: str | None, near: str | None, km: float, since: str | None, until: str | None,
            event_type: str | None = None) -> EventFilter:
    from reportedly.model import EVENT_STATUSES, RECORD_TYPES
    from reportedly.store import EventFilter

    statuses = (*EVENT_STATUSES, "verified")
    if status is not None and status not in statuses:
        raise typer.BadParameter(f"expected one of {', '.join(statuses)}", param_hint="--status")
    if event_type is not None and event_type not in RECORD_TYPES:
        raise typer.BadParameter(f"expected one of {', '.join(RECORD_TYPES)}", param_hint="--type")
    if km <= 0:
        raise typer.BadParameter("must be positive", param_hint="--km")
    return EventFilter(status=status, since=_iso(since, "--since"), until=_iso(until, "--until"),
                       near=_near(near) if near else None, km=km, event_type=event_type)


def _range(rec: dict[str, Any], kind: str) -> str:
    r = (rec.get("fatalities") or {}).get(kind)
    if not r:
        return ""
    lo, best, hi = r.get("low"), r.get("best"), r.get("high")
    return str(best) if lo == hi else f"{best} ({lo}–{hi})"


def _date(rec: dict[str, Any]) -> str:
    ds, de = rec.get("date_start"), rec.get("date_end")
    if not ds:
        return ""
    return ds if not de or de == ds else f"{ds}/{de}"


def _status(rec: dict[str, Any]) -> str:
    return str(rec.get("status") or "") + (" ✓" if rec.get("verified") else "")


@app.command()
def events(
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    format: str = typer.Option("table", "--format", "-f", help="table, jsonl or csv."),
    status: str | None = typer.Option(None, "--status", help="single_source, corroborated, contested, aggregate or verified."),
    event_type: str | None = typer.Option(None, "--type", help="An ACLED event type (battles, protests, ...), or accident."),
    near: str | None = typer.Option(None, "--near", help="A place name or LAT,LON."),
    km: float = typer.Option(50.0, "--km", help="Radius around --near, in kilometres."),
    since: str | None = typer.Option(None, "--since", help="Events ending on or after YYYY-MM-DD."),
    until: str | None = typer.Option(None, "--until", help="Events starting on or before YYYY-MM-DD."),
    limit: int | None = typer.Option(None, "--limit", min=1, help="At most this many events (newest first)."),
) -> None:
    """List the ledger's events, newest first."""
    if format not in ("table", "jsonl", "csv"):
        raise typer.BadParameter("expected table, jsonl or csv", param_hint="--format")
    flt = _filter(status, near, km, since, until, event_type)
    ledger = _open(db, must_exist=True)
    try:
        recs = ledger.list_events(flt, limit=limit)
        docs = ledger.documents_meta({d for r in recs for d in r.get("doc_ids") or []}) if format == "csv" else {}
    finally:
        ledger.close()
    if format == "jsonl":
        for rec in recs:
            sys.stdout.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
        return
    if format == "csv":
        import csv

        from reportedly.export import COLUMNS, export_rows

        w = csv.DictWriter(sys.stdout, fieldnames=[c for c, _ in COLUMNS["native"]], lineterminator="\n")
        w.writeheader()
        for row in export_rows(recs, "native", docs):
            w.writerow({k: "" if v is None else v for k, v in row.items()})
        return
    from reportedly.tables import render_table

    rows = [[r["id"], _date(r), (r.get("location") or {}).get("name", ""), r.get("event_type") or "",
             _status(r), _range(r, "killed"), _range(r, "injured"), r.get("number_of_sources", 0),
             len(r.get("claims") or [])] for r in recs]
    typer.echo(render_table(["event", "date", "place", "type", "status", "killed", "injured", "sources", "claims"],
                            rows, max_width=32))
    if not recs:
        warn("no events match")


def _quote(text: str, width: int = 100) -> list[str]:
    import textwrap

    return textwrap.wrap(" ".join(text.split()), width=width, initial_indent="    “",
                         subsequent_indent="     ") or ["    “"]


def show_text(ev: dict[str, Any]) -> str:
    """An event for the terminal: what, where, when, figures, then every claim with its evidence."""
    from reportedly.export import disagreement
    from reportedly.tables import render_table

    loc = ev.get("location") or {}
    lines = [f"Event {ev['id']}: {ev.get('event_type') or 'incident'}"
             + (f", {ev.get('sub_event_type')}" if ev.get("sub_event_type") else ""),
             f"  where:   {loc.get('name') or 'unknown'}"
             + (f" ({loc.get('country')})" if loc.get("country") else "")
             + (f"  {ev['lat']:.4f}, {ev['lon']:.4f}" if ev.get("lat") is not None else ""),
             f"  when:    {_date(ev) or 'unknown'}" + (f" ({ev['precision']})" if ev.get("precision") else ""),
             f"  status:  {ev.get('status')}, {ev.get('number_of_sources', 0)} independent sources"]
    if ev.get("verified"):
        lines.append(f"  verified by {ev['verified']['by']} at {ev['verified']['at']}")
    for kind in ("killed", "injured"):
        r = (ev.get("fatalities") or {}).get(kind)
        if r:
            lines.append(f"  {kind}:  low {r['low']}, best {r['best']}, high {r['high']}")
    for p in ev.get("perpetrators") or []:
        lines.append(f"  perpetrator: {p.get('name')} (per {', '.join(p.get('claimants') or []) or 'unattributed'})"
                     + (f"; denied by {', '.join(p['denied_by'])}" if p.get("denied_by") else ""))
    if ev.get("contradictions"):
        lines.append(f"  contested: {disagreement(ev)}")
    details = ev.get("claim_details") or []
    lines.append("")
    lines.append(render_table(
        ["claimant", "type", "figure", "group", "stance", "outlet", "published"],
        [[(c.get("claimant") or {}).get("text") or "—", c.get("claimant_type"),
          f"{c.get('value')} {c.get('kind')}" + (f" ({c['qualifier']})" if c.get("qualifier") != "exact" else ""),
          c.get("group"), c.get("stance") + (" *corrected" if c.get("corrected") else ""),
          (c.get("document") or {}).get("source") or "", (c.get("document") or {}).get("published") or ""]
         for c in details], max_width=28))
    lines.append("")
    for i, c in enumerate(details, 1):
        doc = c.get("document") or {}
        lines.append(f"[{i}] {(c.get('claimant') or {}).get('text') or 'unattributed'} — "
                     f"{doc.get('title') or doc.get('id')} ({doc.get('source') or 'unknown outlet'}, "
                     f"{doc.get('published') or 'undated'})")
        lines.extend(_quote((c.get("evidence") or {}).get("text", "") + "”"))
    audit = ev.get("audit") or []
    if audit:
        lines.append("")
        lines.append("Review history:")
        for a in audit:
            lines.append(f"  #{a['id']} {a['at']} {a['user']}: {a['action']} {a['target_type']} {a['target_id']}"
                         + (f" (undone by #{a['undone_by']})" if a.get("undone_by") else ""))
    return "\n".join(lines)


@app.command()
def show(
    event_id: str = typer.Argument(..., help="An event id (see `reportedly events`)."),
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
) -> None:
    """Show an event: its figures, and every claim side by side with its evidence sentence."""
    if format not in ("text", "json"):
        raise typer.BadParameter("expected text or json", param_hint="--format")
    ledger = _open(db, must_exist=True)
    try:
        ev = ledger.get_event(event_id)
    finally:
        ledger.close()
    if ev is None:
        warn(f"no event {event_id} in {db}")
        raise typer.Exit(1)
    if format == "json":
        typer.echo(json.dumps(ev, ensure_ascii=False, indent=1, sort_keys=True, default=str))
    else:
        typer.echo(show_text(ev))


@app.command()
def export(
    format: str = typer.Option("csv", "--format", "-f", help="csv, jsonl, geojson or parquet."),
    schema: str = typer.Option("native", "--schema", help="native, ucdp (UCDP GED columns) or acled (ACLED columns)."),
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of standard output."),
    status: str | None = typer.Option(None, "--status", help="Only events with this status."),
    since: str | None = typer.Option(None, "--since", help="Events ending on or after YYYY-MM-DD."),
    until: str | None = typer.Option(None, "--until", help="Events starting on or before YYYY-MM-DD."),
) -> None:
    """Export the ledger's events (with reviewers' corrections applied)."""
    from reportedly.export import FORMATS, SCHEMAS, write_export

    if format not in FORMATS:
        raise typer.BadParameter(f"expected one of {', '.join(FORMATS)}", param_hint="--format")
    if schema not in SCHEMAS:
        raise typer.BadParameter(f"expected one of {', '.join(SCHEMAS)}", param_hint="--schema")
    if format == "parquet" and output is None and sys.stdout.isatty():
        raise typer.BadParameter("parquet is binary: give --output FILE", param_hint="--output")
    flt = _filter(status, None, 50.0, since, until)
    ledger = _open(db, must_exist=True)
    try:
        if output is not None:
            tmp = output.with_name(output.name + ".part")
            with tmp.open("wb") as fh:
                n = write_export(ledger, fh, format=format, schema=schema, filter=flt)
            tmp.replace(output)
        else:
            n = write_export(ledger, sys.stdout.buffer, format=format, schema=schema, filter=flt)
            sys.stdout.flush()
    finally:
        ledger.close()
    if output is not None:
        warn(f"{n} events written to {output}")


@app.command()
def recluster(
    db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary line."),
) -> None:
    """Rebuild every event of the ledger with this version's clustering (after an upgrade).

    Claims, corrections and constraints are kept; events are regrouped, so their ids can change."""
    ledger = _open(db, must_exist=True)
    try:
        ledger.recluster_all()
        n = ledger.count_events()
    finally:
        ledger.close()
    if not quiet:
        warn(f"{n} events rebuilt in {db}")
