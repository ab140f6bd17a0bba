"""The evidence ledger: documents, claims and events in SQLite or PostgreSQL.

    ledger = Ledger.open("reportedly.db")          # or a SQLAlchemy URL; runs migrations
    report = ledger.ingest_results(results)        # one transaction per batch
    ledger.list_events(status="contested")

Machine output is never overwritten by people: corrections, merges (must-link), splits
(cannot-link) and verifications are kept beside it, applied on read and passed to the
clusterer, and every human action appends to ``audit_log``.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import itertools
import json
import math
import time
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from reportedly.model import DocumentResult
from reportedly.options import DEFAULT, Options
from reportedly.store import schema as S
from reportedly.store.events import (
    Clusterer,
    DocMeta,
    chunks,
    default_clusterer,
    event_row,
    lookup_keys,
    member_ids,
)
from reportedly.store.rows import (
    CorrectionError,
    apply_changes,
    claim_from_row,
    claim_id,
    claim_row,
    clean_text,
    mention_from_row,
    mention_row,
    place_from_row,
    place_row,
    row_to_claim_dict,
    statement_from_row,
    statement_row,
    validate_changes,
)

DEFAULT_URL = "sqlite:///reportedly.db"
_UNSET: Any = object()


# The settings key holding the version of the clusterer's block keys stored in claim_blocks.
BLOCKS_SETTING = "cluster.blocks_version"


class LedgerError(Exception):
    """A review operation that cannot be done (unknown event, claim not in event, ...)."""


class NotFound(LedgerError):
    pass


def ledger_url(url: str | Path | None) -> str:
    """A SQLAlchemy URL from ``--db``: a URL as is, a plain path as a SQLite file."""
    if url is None:
        return DEFAULT_URL
    s = str(url)
    if "://" in s:
        return s
    return f"sqlite:///{Path(s).expanduser()}"


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC)


@dataclass
class IngestReport:
    """What one ``ingest_results`` call (or a whole run) did."""

    added: int = 0
    skipped: int = 0
    failed: int = 0
    claims: int = 0
    events: int = 0  # events written (created or rebuilt) by re-clustering
    added_ids: list[str] = field(default_factory=list)
    skipped_ids: list[str] = field(default_factory=list)
    failed_ids: list[str] = field(default_factory=list)
    # (document name, error code, message) of every error met, fatal or not
    errors: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, other: IngestReport) -> IngestReport:
        self.added += other.added
        self.skipped += other.skipped
        self.failed += other.failed
        self.claims += other.claims
        self.events += other.events
        self.added_ids += other.added_ids
        self.skipped_ids += other.skipped_ids
        self.failed_ids += other.failed_ids
        self.errors += other.errors
        return self

    def summary(self) -> str:
        return (f"{self.added} documents added, {self.skipped} skipped (already in the ledger), "
                f"{self.failed} failed; {self.claims} claims; {self.events} events updated")


@dataclass
class EventFilter:
    status: str | None = None  # single_source, corroborated, contested, aggregate, verified
    since: str | None = None  # ISO date: events ending on or after
    until: str | None = None  # ISO date: events starting on or before
    near: tuple[float, float] | None = None
    km: float = 50.0
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    event_type: str | None = None
    country: str | None = None
    text: str | None = None  # in the place name, claimants or perpetrators
    include_aggregates: bool = True


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


SQLITE_TIMEOUT = 30  # seconds a connection waits for another's write lock


def _sqlite_wal(url: str) -> None:
    """Put the SQLite file at ``url`` in WAL mode (readers then never block the writer).

    Two processes switching a new file at once can deadlock on its lock, and SQLite then
    fails one of them at once, without waiting: that one tries again (the other has switched
    the file by then, so the pragma has nothing left to do)."""
    engine = sa.create_engine(url, connect_args={"timeout": SQLITE_TIMEOUT})
    deadline = time.monotonic() + SQLITE_TIMEOUT
    try:
        for attempt in itertools.count():
            try:
                with engine.connect() as c:
                    c.exec_driver_sql("PRAGMA journal_mode=WAL")
                return
            except sa.exc.OperationalError as exc:
                if "locked" not in str(exc.orig) or time.monotonic() > deadline:
                    raise
                time.sleep(min(0.5, 0.02 * (attempt + 1)))
    finally:
        engine.dispose()


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # reportedly emits BEGIN itself (see _sqlite_begin): the driver must not begin on its own
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_begin(conn: sa.Connection) -> None:
    """Reads begin DEFERRED; writes (``Ledger._begin``) begin IMMEDIATE, taking SQLite's write
    lock at once so two writers (an ingest and a reviewer in the web app) queue instead of
    failing when one upgrades its read snapshot."""
    mode = conn.get_execution_options().get("reportedly_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


# Writers to one PostgreSQL ledger take this transaction-scoped advisory lock, so that two
# ingests (or an ingest and a review) never re-cluster the same blocks at the same time.
PG_WRITE_LOCK = 0x7265706F  # "repo"
REF_CACHE_SIZE = 200_000
MAX_INT = 2**31 - 1  # INTEGER columns are 32-bit on PostgreSQL


class Ledger:
    """An open ledger. Thread-safe for reads; writes are transactions."""

    def __init__(self, engine: sa.Engine, clusterer: Clusterer | None = _UNSET,
                 options: Options = DEFAULT) -> None:
        self.engine = engine
        self.clusterer: Clusterer | None = default_clusterer() if clusterer is _UNSET else clusterer
        self.options = options
        self._refs: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self._blocks_checked = False

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, url: str | Path | None = None, *, clusterer: Clusterer | None = _UNSET,
             options: Options = DEFAULT, migrate: bool = True) -> Ledger:
        """Open (creating when needed) the ledger at ``url`` and bring its schema up to date."""
        from reportedly.store.migrate import upgrade

        full = ledger_url(url)
        kwargs: dict[str, Any] = {}
        is_sqlite = full.startswith("sqlite")
        if is_sqlite:
            db = sa.engine.make_url(full).database
            if db and db != ":memory:":
                Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
                _sqlite_wal(full)
            kwargs["connect_args"] = {"timeout": SQLITE_TIMEOUT}
        else:
            kwargs["pool_pre_ping"] = True
        engine = sa.create_engine(full, **kwargs)
        if is_sqlite:
            sa.event.listen(engine, "connect", _sqlite_pragmas)
            sa.event.listen(engine, "begin", _sqlite_begin)
        if migrate:
            upgrade(engine)
        return cls(engine, clusterer=clusterer, options=options)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _begin(self) -> Iterator[sa.Connection]:
        """A write transaction; writers to one ledger go one at a time."""
        with self.engine.connect() as conn:
            conn.execution_options(reportedly_begin="IMMEDIATE")
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_WRITE_LOCK})
                yield conn

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ ingest
    def has_documents(self, ids: Iterable[str]) -> set[str]:
        """The ids among ``ids`` already stored (to skip them before NLP)."""
        found: set[str] = set()
        with self.engine.connect() as conn:
            for part in chunks(sorted(set(ids))):
                found.update(conn.scalars(sa.select(S.documents.c.id).where(S.documents.c.id.in_(part))))
        return found

    def ingest_results(self, results: Sequence[DocumentResult], options: Options | None = None, *,
                       cluster: bool = True) -> IngestReport:
        """Store a batch of results in ONE transaction, then re-cluster the blocks it touched.

        Documents already stored (same content hash) are skipped; failed documents are
        stored with their errors (so a resumed run skips them too) and counted as failed.
        With ``cluster=False`` the new claims wait, without an event, for the next
        :meth:`recluster_pending` (or the next clustered batch): re-clustering costs about
        the same for one batch as for many, so a long run clusters every few batches.
        """
        options = options or self.options
        report = IngestReport()
        now = _now()
        with self._begin() as conn:
            self._ensure_blocks(conn)
            existing = self._existing_ids(conn, [r.document.id for r in results])
            seen: set[str] = set()
            docs, cls, sts, mns, pls = [], [], [], [], []
            for res in results:
                d = res.document
                for e in res.errors:
                    report.errors.append((d.name, e.code, e.message))
                if d.id in existing or d.id in seen:
                    report.skipped += 1
                    report.skipped_ids.append(d.id)
                    continue
                seen.add(d.id)
                ok = res.ok
                text = clean_text(d.text) or ""
                docs.append({
                    "id": d.id, "title": clean_text(d.title), "published": d.published,
                    "source": clean_text(d.source), "url": clean_text(d.url), "path": clean_text(d.path),
                    "text": text if ok else "", "ok": ok,
                    "errors": [e.to_dict() for e in res.errors], "ingested_at": now,
                })
                if not ok:
                    report.failed += 1
                    report.failed_ids.append(d.id)
                    continue
                report.added += 1
                report.added_ids.append(d.id)
                meta = DocMeta(id=d.id, title=d.title, published=d.published or options.published,
                               source=d.source, url=d.url)
                used: set[str] = set()
                ids = []
                kept = [c for c in res.claims if 0 <= c.value <= MAX_INT]
                if len(kept) < len(res.claims):
                    report.errors.append((d.name, "claim_out_of_range",
                                          f"{len(res.claims) - len(kept)} claims with a figure above {MAX_INT} "
                                          "were not stored"))
                    res = dataclasses.replace(res, claims=kept)
                for c in res.claims:
                    cid = claim_id(d.id, c)
                    base, n = cid, 1
                    while cid in used:  # the same figure twice in one sentence
                        n += 1
                        cid = f"{base}-{n}"
                    used.add(cid)
                    ids.append(cid)
                features = self._claim_features(res, ids, meta, options, report)
                for i, (c, cid) in enumerate(zip(res.claims, ids, strict=True)):
                    row = claim_row(d.id, i, cid, c)
                    row["cluster_ref"] = features[i]
                    cls.append(row)
                sts += [statement_row(d.id, i, s) for i, s in enumerate(res.statements)]
                mns += [mention_row(d.id, i, m) for i, m in enumerate(res.mentions)]
                pls += [place_row(d.id, i, p) for i, p in enumerate(res.places)]
            for table, rows in ((S.documents, docs), (S.claims, cls), (S.statements, sts),
                                (S.mentions, mns), (S.places, pls)):
                fit = _fitter(table)
                for part in chunks(rows, 1000):
                    conn.execute(table.insert(), [fit(r) for r in part])
            report.claims = len(cls)
            if self.clusterer is not None and cls:
                self._write_blocks(conn, [r["id"] for r in cls], rows={r["id"]: r for r in cls})
            if self.clusterer is not None and cluster and (cls or report.added):
                seeds = {r["id"] for r in cls} | self._pending(conn)
                report.events = self._recluster(conn, seeds, options)
        return report

    def _pending(self, conn: sa.Connection) -> set[str]:
        """Claims stored without an event yet (ingested with ``cluster=False``, or by a run
        killed before it clustered)."""
        return set(conn.scalars(sa.select(S.claims.c.id).where(S.claims.c.event_id.is_(None))))

    def recluster_pending(self, options: Options | None = None) -> int:
        """Cluster the claims still without an event; returns the number of events written."""
        if self.clusterer is None:
            return 0
        with self._begin() as conn:
            self._ensure_blocks(conn)
            pending = self._pending(conn)
            return self._recluster(conn, pending, options or self.options) if pending else 0

    def _ensure_blocks(self, conn: sa.Connection) -> None:
        """Rewrite every stored block key when they were written by another version of the
        clusterer's keys (an upgrade): candidates are looked up by key, so old keys would hide
        the events new claims belong to. Events themselves are kept as they are
        (:meth:`recluster_all` rebuilds them too)."""
        if self.clusterer is None or self._blocks_checked:
            return
        have = conn.scalar(sa.select(S.settings.c.value).where(S.settings.c.key == BLOCKS_SETTING))
        if have != self._blocks_version():
            if have is not None or conn.scalar(sa.select(S.claim_blocks.c.claim_id).limit(1)) is not None:
                self._rewrite_blocks(conn)
            else:  # nothing stored yet
                self._mark_blocks(conn)
        self._blocks_checked = True

    def _blocks_version(self) -> str:
        return str(getattr(self.clusterer, "blocks_version", "1"))

    def _mark_blocks(self, conn: sa.Connection) -> None:
        conn.execute(sa.delete(S.settings).where(S.settings.c.key == BLOCKS_SETTING))
        conn.execute(S.settings.insert().values(key=BLOCKS_SETTING, value=self._blocks_version()))

    def _rewrite_blocks(self, conn: sa.Connection) -> list[str]:
        """Every claim's block keys, written anew by the current clusterer; the claim ids."""
        conn.execute(sa.delete(S.claim_blocks))
        all_ids = sorted(conn.scalars(sa.select(S.claims.c.id)))
        for part in chunks(all_ids, 2000):
            self._write_blocks(conn, part)
        self._mark_blocks(conn)
        return all_ids

    def _claim_features(self, res: DocumentResult, ids: list[str], meta: DocMeta, options: Options,
                        report: IngestReport) -> list[dict[str, Any]]:
        """The clusterer's features of each claim of a document (base: the document's metadata)."""
        base = [{**meta.features(), "claim_id": cid, "index": i} for i, cid in enumerate(ids)]
        if self.clusterer is None or not ids:
            return base
        try:
            extra = self.clusterer.claim_features(res, ids, options)
        except Exception as exc:  # noqa: BLE001 - a clusterer bug must not lose the document
            report.errors.append((res.document.name, "cluster_features", f"{type(exc).__name__}: {exc}"))
            return base
        return [{**b, **json_safe(x)} for b, x in zip(base, extra, strict=True)]

    def _existing_ids(self, conn: sa.Connection, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for part in chunks(sorted(set(ids))):
            found.update(conn.scalars(sa.select(S.documents.c.id).where(S.documents.c.id.in_(part))))
        return found

    # ------------------------------------------------------------------ clustering
    def _corrections(self, conn: sa.Connection, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """claim id -> the effective changes of its active corrections (applied in order)."""
        out: dict[str, dict[str, Any]] = {}
        for part in chunks(sorted(set(ids))):
            q = (sa.select(S.claim_corrections.c.claim_id, S.claim_corrections.c.changes)
                 .where(S.claim_corrections.c.claim_id.in_(part), S.claim_corrections.c.active)
                 .order_by(S.claim_corrections.c.id))
            for cid, changes in conn.execute(q):
                out.setdefault(cid, {}).update(changes)
        return out

    def _claim_rows(self, conn: sa.Connection, ids: Iterable[str],
                    corrected: bool = True) -> dict[str, dict[str, Any]]:
        rows: dict[str, dict[str, Any]] = {}
        for part in chunks(sorted(set(ids))):
            for r in conn.execute(sa.select(S.claims).where(S.claims.c.id.in_(part))).mappings():
                rows[r["id"]] = dict(r)
        if corrected:
            for cid, changes in self._corrections(conn, rows).items():
                rows[cid] = apply_changes(rows[cid], changes)
                rows[cid]["_corrections"] = changes
        return rows

    def _doc_meta(self, conn: sa.Connection, doc_ids: Iterable[str]) -> dict[str, DocMeta]:
        d = S.documents.c
        out = {}
        for part in chunks(sorted(set(doc_ids))):
            q = sa.select(d.id, d.title, d.published, d.source, d.url).where(d.id.in_(part))
            for r in conn.execute(q):
                out[r.id] = DocMeta(id=r.id, title=r.title, published=r.published, source=r.source, url=r.url)
        return out

    def _affected(self, conn: sa.Connection, seeds: Iterable[str]) -> set[str]:
        """The claims to re-cluster with ``seeds``: those sharing a block key with them, and
        every member of an event any of these belongs to, and their must-link partners."""
        b, c, k = S.claim_blocks.c, S.claims.c, S.constraints.c
        todo = set(seeds)
        keys: set[str] = set()
        for part in chunks(sorted(todo)):
            keys.update(conn.scalars(sa.select(b.block_key).where(b.claim_id.in_(part))))
        for part in chunks(lookup_keys(sorted(keys))):  # active keys meet both forms, passive the active
            todo.update(conn.scalars(sa.select(b.claim_id).where(b.block_key.in_(part))))
        done: set[str] = set()
        while todo - done:
            frontier = sorted(todo - done)
            done.update(frontier)
            for part in chunks(frontier):
                ev_ids = set(conn.scalars(sa.select(c.event_id).where(c.id.in_(part), c.event_id.is_not(None))))
                for ep in chunks(sorted(ev_ids)):
                    todo.update(conn.scalars(sa.select(c.id).where(c.event_id.in_(ep))))
                q = sa.select(k.claim_a, k.claim_b).where(
                    k.active, k.kind == "must_link", sa.or_(k.claim_a.in_(part), k.claim_b.in_(part)))
                for a, bb in conn.execute(q):
                    todo.update((a, bb))
        return done

    def _constraints(self, conn: sa.Connection, ids: set[str]) -> tuple[list[tuple[str, str]],
                                                                       list[tuple[str, str]]]:
        k = S.constraints.c
        must: set[tuple[str, str]] = set()
        cannot: set[tuple[str, str]] = set()
        for part in chunks(sorted(ids)):
            q = sa.select(k.kind, k.claim_a, k.claim_b).where(
                k.active, sa.or_(k.claim_a.in_(part), k.claim_b.in_(part)))
            for kind, a, b in conn.execute(q):
                if a in ids and b in ids:
                    (must if kind == "must_link" else cannot).add((min(a, b), max(a, b)))
        return sorted(must), sorted(cannot)

    def _recluster(self, conn: sa.Connection, seeds: Iterable[str], options: Options) -> int:
        """Rebuild the events of the blocks ``seeds`` touch; returns the number written."""
        if self.clusterer is None:
            return 0
        ids = self._affected(conn, seeds)
        if not ids:
            return 0
        rows = self._claim_rows(conn, ids)
        ids = set(rows)
        refs = [self._ref(rows[i]) for i in sorted(rows)]
        must, cannot = self._constraints(conn, ids)
        events = self.clusterer.build_events(refs, self.clusterer.make_constraints(must, cannot), options)
        c, e = S.claims.c, S.events.c
        old = {r["event_id"] for r in rows.values() if r["event_id"] is not None}
        new_rows = {r["id"]: r for r in (event_row(ev) for ev in events)}
        stored: dict[str, Any] = {}
        for part in chunks(sorted(old | set(new_rows))):
            stored.update((r.id, r.record) for r in conn.execute(sa.select(e.id, e.record).where(e.id.in_(part))))
        # write only what changed: unchanged events keep their rows
        changed = [r for i, r in new_rows.items() if stored.get(i, _UNSET) != json_safe(r["record"])]
        changed_ids = {r["id"] for r in changed}
        gone = sorted(i for i in stored if i not in new_rows or i in changed_ids)
        for part in chunks(gone):
            conn.execute(sa.delete(S.events).where(e.id.in_(part)))
        for part in chunks(changed, 500):
            conn.execute(S.events.insert(), part)
        target = {m: ev.id for ev in events for m in member_ids(ev) if m in ids}
        moves: dict[str | None, list[str]] = {}
        for cid in sorted(ids):
            if rows[cid]["event_id"] != target.get(cid):
                moves.setdefault(target.get(cid), []).append(cid)
        for eid, members in moves.items():
            for part in chunks(members):
                conn.execute(sa.update(S.claims).where(c.id.in_(part)).values(event_id=eid))
        return len(changed)

    def recluster_all(self, options: Options | None = None) -> int:
        """Rebuild every event from scratch (after a clusterer upgrade); block keys too."""
        options = options or self.options
        if self.clusterer is None:
            return 0
        with self._begin() as conn:
            conn.execute(sa.delete(S.events))
            conn.execute(sa.update(S.claims).values(event_id=None))
            all_ids = self._rewrite_blocks(conn)
            written = 0
            pending = set(all_ids)
            while pending:
                seed = min(pending)
                before = set(conn.scalars(sa.select(S.claims.c.id).where(S.claims.c.event_id.is_(None))))
                written += self._recluster(conn, [seed], options)
                after = set(conn.scalars(sa.select(S.claims.c.id).where(S.claims.c.event_id.is_(None))))
                pending -= (before - after) | {seed}
            return written

    def _ref(self, row: dict[str, Any]) -> Any:
        """The clusterer's input for a claim row. Claims never change once stored, except
        through corrections, so refs are cached by claim id and corrections."""
        assert self.clusterer is not None
        key = (row["id"], json.dumps(row.get("_corrections"), sort_keys=True, default=str))
        ref = self._refs.get(key)
        if ref is None:
            features = row.get("cluster_ref") or {"doc_id": row["doc_id"], "claim_id": row["id"], "index": row["idx"]}
            ref = self.clusterer.make_ref(claim_from_row(row), row["id"], features)
            self._refs[key] = ref
            if len(self._refs) > REF_CACHE_SIZE:
                self._refs.popitem(last=False)
        return ref

    def _write_blocks(self, conn: sa.Connection, ids: Sequence[str],
                      rows: dict[str, dict[str, Any]] | None = None) -> None:
        """(Re)write the block keys of claims (``rows``: fresh, uncorrected rows to use)."""
        assert self.clusterer is not None
        if rows is None:
            rows = self._claim_rows(conn, ids)
            for part in chunks(sorted(rows)):
                conn.execute(sa.delete(S.claim_blocks).where(S.claim_blocks.c.claim_id.in_(part)))
        blocks = []
        for cid in sorted(rows):
            keys = sorted({k[:200] for k in self.clusterer.block_keys(self._ref(rows[cid]))})
            blocks += [{"block_key": k, "claim_id": cid} for k in keys]
        for part in chunks(blocks, 1000):
            conn.execute(S.claim_blocks.insert(), part)

    # ------------------------------------------------------------------ queries
    def _verified(self, conn: sa.Connection, event_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        r = S.event_reviews.c
        out: dict[str, dict[str, Any]] = {}
        for part in chunks(sorted(set(event_ids))):
            q = (sa.select(r.event_id, r.verified_by, r.verified_at, r.audit_id)
                 .where(r.event_id.in_(part), r.active).order_by(r.id))
            for row in conn.execute(q):
                out[row.event_id] = {"by": row.verified_by, "at": _iso(row.verified_at),
                                     "audit_id": row.audit_id}
        return out

    def _event_query(self, f: EventFilter) -> sa.Select[Any]:
        e = S.events.c
        q = sa.select(S.events)
        if f.status == "verified":
            q = q.where(e.id.in_(sa.select(S.event_reviews.c.event_id).where(S.event_reviews.c.active)))
        elif f.status:
            q = q.where(e.status == f.status)
        if not f.include_aggregates and f.status != "aggregate":
            q = q.where(sa.not_(e.aggregate))
        if f.since:
            q = q.where(e.date_end >= f.since)
        if f.until:
            q = q.where(e.date_start <= f.until)
        if f.event_type:
            q = q.where(e.event_type == f.event_type)
        if f.country:
            q = q.where(e.country == f.country)
        if f.bbox:
            min_lon, min_lat, max_lon, max_lat = f.bbox
            q = q.where(e.lat.between(min_lat, max_lat), e.lon.between(min_lon, max_lon))
        if f.near:
            lat, lon = f.near
            dlat = f.km / 111.0
            dlon = f.km / max(1e-6, 111.0 * math.cos(math.radians(min(89.0, abs(lat)))))
            q = q.where(e.lat.between(lat - dlat, lat + dlat))
            if dlon < 180:
                lo, hi = lon - dlon, lon + dlon
                if lo < -180:
                    q = q.where(sa.or_(e.lon >= lo + 360, e.lon <= hi))
                elif hi > 180:
                    q = q.where(sa.or_(e.lon >= lo, e.lon <= hi - 360))
                else:
                    q = q.where(e.lon.between(lo, hi))
        if f.text:
            like = "%" + f.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            c = S.claims.c
            q = q.where(sa.or_(
                e.place.ilike(like, escape="\\"),
                e.id.in_(sa.select(c.event_id).where(sa.or_(c.claimant.ilike(like, escape="\\"),
                                                            c.perpetrator.ilike(like, escape="\\")))),
            ))
        return q

    def list_events(self, filter: EventFilter | None = None, *, limit: int | None = None, offset: int = 0,
                    **filters: Any) -> list[dict[str, Any]]:
        """Event records (with ``verified``), newest first; filters as :class:`EventFilter`."""
        f = filter or EventFilter(**filters)
        e = S.events.c
        q = self._event_query(f).order_by(e.date_start.desc().nulls_last(), e.id)
        exact_near = f.near is not None
        if not exact_near:
            if limit is not None:
                q = q.limit(limit)
            if offset:
                q = q.offset(offset)
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(q).mappings()]
            if exact_near:
                assert f.near is not None
                lat, lon = f.near
                rows = [r for r in rows if r["lat"] is not None
                        and haversine_km(lat, lon, r["lat"], r["lon"]) <= f.km]
                rows = rows[offset:None if limit is None else offset + limit]
            ver = self._verified(conn, [r["id"] for r in rows])
        return [self._record(r, ver.get(r["id"])) for r in rows]

    def count_events(self, filter: EventFilter | None = None, **filters: Any) -> int:
        f = filter or EventFilter(**filters)
        if f.near is not None:
            return len(self.list_events(f))
        with self.engine.connect() as conn:
            return int(conn.scalar(sa.select(sa.func.count()).select_from(self._event_query(f).subquery())) or 0)

    @staticmethod
    def _record(row: dict[str, Any], verified: dict[str, Any] | None) -> dict[str, Any]:
        rec = dict(row["record"])
        rec["id"] = row["id"]
        rec["lat"], rec["lon"] = row["lat"], row["lon"]
        rec["verified"] = verified
        return rec

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        """An event's record with its claims in full (corrected values, evidence, document
        title/outlet/date, corrections) and the audit entries about it and its claims."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(S.events).where(S.events.c.id == event_id)).mappings().first()
            if row is None:
                return None
            ver = self._verified(conn, [event_id])
            rec = self._record(dict(row), ver.get(event_id))
            ids = list(conn.scalars(sa.select(S.claims.c.id).where(S.claims.c.event_id == event_id)))
            rows = self._claim_rows(conn, ids)
            raw = self._claim_rows(conn, ids, corrected=False)
            metas = self._doc_meta(conn, {r["doc_id"] for r in rows.values()})
            details = []
            for cid in sorted(rows, key=lambda i: (metas[rows[i]["doc_id"]].published or "", rows[i]["doc_id"],
                                                    rows[i]["idx"])):
                d = row_to_claim_dict(rows[cid])
                m = metas[d["doc_id"]]
                d["document"] = {"id": m.id, "title": m.title, "published": m.published, "source": m.source,
                                 "url": m.url}
                d["corrected"] = rows[cid] != raw[cid]
                d["machine"] = row_to_claim_dict(raw[cid]) if d["corrected"] else None
                details.append(d)
            rec["claim_details"] = details
            rec["audit"] = self._audit_for(conn, [("event", event_id)] + [("claim", i) for i in ids])
        return rec

    def get_claim(self, claim_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            rows = self._claim_rows(conn, [claim_id])
            if claim_id not in rows:
                return None
            d = row_to_claim_dict(rows[claim_id])
            d["audit"] = self._audit_for(conn, [("claim", claim_id)])
            return d

    def get_document(self, doc_id: str) -> dict[str, Any] | None:
        """A document with its text, claims (corrected), statements, mentions and places."""
        with self.engine.connect() as conn:
            doc = conn.execute(sa.select(S.documents).where(S.documents.c.id == doc_id)).mappings().first()
            if doc is None:
                return None
            out = dict(doc)
            out["ingested_at"] = _iso(out["ingested_at"])
            ids = list(conn.scalars(sa.select(S.claims.c.id).where(S.claims.c.doc_id == doc_id)
                                    .order_by(S.claims.c.idx)))
            rows = self._claim_rows(conn, ids)
            out["claims"] = [row_to_claim_dict(rows[i]) for i in ids]
            for table, conv, key in ((S.statements, statement_from_row, "statements"),
                                     (S.mentions, mention_from_row, "mentions"),
                                     (S.places, place_from_row, "places")):
                q = sa.select(table).where(table.c.doc_id == doc_id).order_by(table.c.idx)
                out[key] = [conv(dict(r)).to_dict() for r in conn.execute(q).mappings()]  # type: ignore[operator]
        return out

    def documents_meta(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """doc id -> title, published, source, url and ingested_at (ISO) of those documents."""
        d = S.documents.c
        out: dict[str, dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for part in chunks(sorted(set(ids))):
                q = sa.select(d.id, d.title, d.published, d.source, d.url, d.ingested_at).where(d.id.in_(part))
                for r in conn.execute(q).mappings():
                    out[r["id"]] = {**dict(r), "ingested_at": _iso(r["ingested_at"])}
        return out

    def list_documents(self, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        d = S.documents.c
        q = (sa.select(d.id, d.title, d.published, d.source, d.url, d.ok, d.errors)
             .order_by(d.published.desc().nulls_last(), d.id).offset(offset))
        if limit is not None:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]

    def list_places(self) -> list[dict[str, Any]]:
        """Resolved places of the ledger's documents, each with how many documents name it."""
        p = S.places.c
        q = (sa.select(p.name, p.geonames_id, p.lat, p.lon, p.country, p.admin1, p.feature,
                       sa.func.count(sa.distinct(p.doc_id)).label("documents"))
             .where(p.lat.is_not(None))
             .group_by(p.name, p.geonames_id, p.lat, p.lon, p.country, p.admin1, p.feature)
             .order_by(sa.desc("documents"), p.name))
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]

    def iter_claims(self, *, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Every claim (corrected values), ordered by id, streamed in batches."""
        last = ""
        while True:
            with self.engine.connect() as conn:
                ids = list(conn.scalars(sa.select(S.claims.c.id).where(S.claims.c.id > last)
                                        .order_by(S.claims.c.id).limit(batch)))
                if not ids:
                    return
                rows = self._claim_rows(conn, ids)
            for i in ids:
                yield row_to_claim_dict(rows[i])
            last = ids[-1]

    def iter_events(self, filter: EventFilter | None = None, *, batch: int = 1000,
                    **filters: Any) -> Iterator[dict[str, Any]]:
        """Every event record matching the filters, streamed in id order."""
        f = filter or EventFilter(**filters)
        last = ""
        while True:
            q = self._event_query(f).where(S.events.c.id > last).order_by(S.events.c.id).limit(batch)
            with self.engine.connect() as conn:
                rows = [dict(r) for r in conn.execute(q).mappings()]
                ver = self._verified(conn, [r["id"] for r in rows])
            if not rows:
                return
            for r in rows:
                if f.near is None or (r["lat"] is not None
                                      and haversine_km(f.near[0], f.near[1], r["lat"], r["lon"]) <= f.km):
                    yield self._record(r, ver.get(r["id"]))
            last = rows[-1]["id"]

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {t.name: int(conn.scalar(sa.select(sa.func.count()).select_from(t)) or 0)
                    for t in (S.documents, S.claims, S.statements, S.mentions, S.places, S.events, S.audit_log)}

    # ------------------------------------------------------------------ audit
    def _audit(self, conn: sa.Connection, user: str, action: str, target_type: str, target_id: str,
               before: Any, after: Any) -> int:
        if not user or not str(user).strip():
            raise LedgerError("a review action needs a user name")
        res = conn.execute(S.audit_log.insert().values(
            user=str(user), at=_now(), action=action, target_type=target_type, target_id=target_id,
            before=before, after=after))
        pk = res.inserted_primary_key
        assert pk is not None
        return int(pk[0])

    def _audit_for(self, conn: sa.Connection, targets: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
        a = S.audit_log.c
        out: dict[int, dict[str, Any]] = {}
        by_type: dict[str, list[str]] = {}
        for t, i in targets:
            by_type.setdefault(t, []).append(i)
        for t, ids in by_type.items():
            for part in chunks(sorted(set(ids))):
                q = sa.select(S.audit_log).where(a.target_type == t, a.target_id.in_(part))
                for r in conn.execute(q).mappings():
                    out[r["id"]] = _audit_dict(r)
        undone = self._undone(conn, out)
        for aid, entry in out.items():
            entry["undone_by"] = undone.get(aid)
        return [out[aid] for aid in sorted(out)]

    def _undone(self, conn: sa.Connection, ids: Iterable[int]) -> dict[int, int]:
        """audit id -> id of the ``undo`` entry that reversed it."""
        a = S.audit_log.c
        want = set(ids)
        out: dict[int, int] = {}
        if not want:
            return out
        for r in conn.execute(sa.select(a.id, a.after).where(a.action == "undo", a.id > min(want))):
            target = (r.after or {}).get("undoes")
            if target in want:
                out[int(target)] = int(r.id)
        return out

    def audit_log(self, *, target_type: str | None = None, target_id: str | None = None,
                  user: str | None = None, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Audit entries, newest first."""
        a = S.audit_log.c
        q = sa.select(S.audit_log).order_by(a.id.desc()).offset(offset)
        if target_type:
            q = q.where(a.target_type == target_type)
        if target_id:
            q = q.where(a.target_id == target_id)
        if user:
            q = q.where(a.user == user)
        if limit is not None:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            rows = [_audit_dict(r) for r in conn.execute(q).mappings()]
            undone = self._undone(conn, [r["id"] for r in rows])
        for r in rows:
            r["undone_by"] = undone.get(r["id"])
        return rows

    # ------------------------------------------------------------------ review
    def correct_claim(self, claim_id: str, changes: dict[str, Any], user: str) -> int:
        """Correct fields of a claim; returns the audit id. The machine values stay stored."""
        checked = validate_changes(changes)
        with self._begin() as conn:
            rows = self._claim_rows(conn, [claim_id])
            if claim_id not in rows:
                raise NotFound(f"no claim {claim_id}")
            before_row = rows[claim_id]
            before = {k: _field_value(before_row, k) for k in checked}
            aid = self._audit(conn, user, "correct", "claim", claim_id, before, checked)
            conn.execute(S.claim_corrections.insert().values(claim_id=claim_id, changes=checked,
                                                             audit_id=aid, active=True))
            self._after_claim_change(conn, [claim_id])
        return aid

    def _after_claim_change(self, conn: sa.Connection, ids: Sequence[str]) -> None:
        """Block keys and events follow a claim's corrected fields."""
        if self.clusterer is None:
            return
        old_keys_members = self._affected(conn, ids)
        self._write_blocks(conn, ids)
        self._recluster(conn, sorted(old_keys_members | set(ids)), self.options)

    def _event_members(self, conn: sa.Connection, event_id: str) -> list[str]:
        ids = sorted(conn.scalars(sa.select(S.claims.c.id).where(S.claims.c.event_id == event_id)))
        if not ids:
            raise NotFound(f"no event {event_id}")
        return ids

    def merge_events(self, event_ids: Sequence[str], user: str) -> int:
        """Make events one (must-link constraints between all their claims); returns the audit id."""
        ids = sorted(set(event_ids))
        if len(ids) < 2:
            raise LedgerError("merging needs two or more events")
        with self._begin() as conn:
            members = {e: self._event_members(conn, e) for e in ids}
            claims = sorted({c for m in members.values() for c in m})
            anchor = claims[0]
            k = S.constraints.c
            conflicting = []
            for part in chunks(claims):
                q = sa.select(k.id, k.claim_a, k.claim_b).where(k.active, k.kind == "cannot_link",
                                                               k.claim_a.in_(part))
                conflicting += [r.id for r in conn.execute(q) if r.claim_b in set(claims)]
            aid = self._audit(conn, user, "merge", "event", ",".join(ids),
                              {"events": {e: m for e, m in members.items()}},
                              {"claim_ids": claims, "released_cannot_link": sorted(conflicting)})
            for part in chunks(sorted(conflicting)):
                conn.execute(sa.update(S.constraints).where(k.id.in_(part)).values(active=False))
            rows = [{"kind": "must_link", "claim_a": anchor, "claim_b": c, "audit_id": aid, "active": True}
                    for c in claims[1:]]
            for part in chunks(rows, 1000):
                conn.execute(S.constraints.insert(), part)
            self._recluster(conn, claims, self.options)
        return aid

    def split_claim(self, event_id: str, claim_id: str, user: str) -> int:
        """Take a claim out of an event (cannot-link to its other claims); returns the audit id."""
        with self._begin() as conn:
            members = self._event_members(conn, event_id)
            if claim_id not in members:
                raise LedgerError(f"claim {claim_id} is not in event {event_id}")
            others = [m for m in members if m != claim_id]
            if not others:
                raise LedgerError(f"claim {claim_id} is the only claim of event {event_id}")
            k = S.constraints.c
            q = sa.select(k.id, k.claim_a, k.claim_b).where(
                k.active, k.kind == "must_link", sa.or_(k.claim_a == claim_id, k.claim_b == claim_id))
            released = sorted(r.id for r in conn.execute(q) if {r.claim_a, r.claim_b} - {claim_id} <= set(others))
            aid = self._audit(conn, user, "split", "event", event_id, {"claim_ids": members},
                              {"claim_id": claim_id, "released_must_link": released})
            for part in chunks(released):
                conn.execute(sa.update(S.constraints).where(k.id.in_(part)).values(active=False))
            conn.execute(S.constraints.insert(), [
                {"kind": "cannot_link", "claim_a": min(claim_id, o), "claim_b": max(claim_id, o),
                 "audit_id": aid, "active": True} for o in others])
            self._recluster(conn, members, self.options)
        return aid

    def verify_event(self, event_id: str, user: str) -> int:
        """Mark an event verified by a reviewer; returns the audit id."""
        with self._begin() as conn:
            members = self._event_members(conn, event_id)
            aid = self._audit(conn, user, "verify", "event", event_id, None, {"claim_ids": members})
            conn.execute(S.event_reviews.insert().values(
                event_id=event_id, claim_ids=members, verified_by=str(user), verified_at=_now(),
                audit_id=aid, active=True))
        return aid

    def undo(self, audit_id: int, user: str) -> int:
        """Reverse a review action (correct, merge, split, verify); returns the new audit id."""
        a, k = S.audit_log.c, S.constraints.c
        with self._begin() as conn:
            entry = conn.execute(sa.select(S.audit_log).where(a.id == int(audit_id))).mappings().first()
            if entry is None:
                raise NotFound(f"no audit entry {audit_id}")
            if entry["action"] == "undo":
                raise LedgerError("an undo cannot be undone; repeat the action instead")
            if self._undone(conn, [int(audit_id)]):
                raise LedgerError(f"audit entry {audit_id} is already undone")
            action = entry["action"]
            after = entry["after"] or {}
            recluster: list[str] = []
            if action == "correct":
                conn.execute(sa.update(S.claim_corrections).where(S.claim_corrections.c.audit_id == audit_id)
                             .values(active=False))
                new_id = self._audit(conn, user, "undo", entry["target_type"], entry["target_id"],
                                     after, {"undoes": int(audit_id)})
                self._after_claim_change(conn, [entry["target_id"]])
                return new_id
            if action in ("merge", "split"):
                conn.execute(sa.update(S.constraints).where(k.audit_id == audit_id).values(active=False))
                released = after.get("released_cannot_link" if action == "merge" else "released_must_link") or []
                for part in chunks(released):
                    conn.execute(sa.update(S.constraints).where(k.id.in_(part)).values(active=True))
                before = entry["before"] or {}
                if action == "merge":
                    recluster = list(after.get("claim_ids") or [])
                else:
                    recluster = list(before.get("claim_ids") or [])
            elif action == "verify":
                conn.execute(sa.update(S.event_reviews).where(S.event_reviews.c.audit_id == audit_id)
                             .values(active=False))
            else:
                raise LedgerError(f"cannot undo a {action!r} entry")
            new_id = self._audit(conn, user, "undo", entry["target_type"], entry["target_id"],
                                 after, {"undoes": int(audit_id), "action": action})
            if recluster:
                self._recluster(conn, recluster, self.options)
        return new_id

    # ------------------------------------------------------------------ users and settings
    def add_user(self, name: str, password_hash: str, role: str = "reviewer") -> int:
        with self._begin() as conn:
            res = conn.execute(S.users.insert().values(name=name, password_hash=password_hash, role=role,
                                                       created_at=_now()))
            pk = res.inserted_primary_key
            assert pk is not None
            return int(pk[0])

    def get_user(self, name: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            r = conn.execute(sa.select(S.users).where(S.users.c.name == name)).mappings().first()
            return dict(r) if r else None

    def set_password(self, name: str, password_hash: str) -> None:
        with self._begin() as conn:
            res = conn.execute(sa.update(S.users).where(S.users.c.name == name)
                               .values(password_hash=password_hash))
            if res.rowcount == 0:
                raise NotFound(f"no user {name}")

    def list_users(self) -> list[dict[str, Any]]:
        u = S.users.c
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(sa.select(u.id, u.name, u.role, u.created_at).order_by(u.name))
                    .mappings()]

    def get_setting(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.scalar(sa.select(S.settings.c.value).where(S.settings.c.key == key))

    def set_setting(self, key: str, value: str) -> None:
        with self._begin() as conn:
            conn.execute(sa.delete(S.settings).where(S.settings.c.key == key))
            conn.execute(S.settings.insert().values(key=key, value=value))

    # ------------------------------------------------------------------ comparison
    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every table's rows, ordered, without timestamps or autoincrement ids: two ledgers
        with the same content dump equal whatever order or engine built them."""
        skip = {"ingested_at", "at", "verified_at", "created_at"}
        out: dict[str, list[tuple[Any, ...]]] = {}
        with self.engine.connect() as conn:
            for t in S.metadata.sorted_tables:
                cols = [c for c in t.columns if c.name not in skip
                        and not (c.name == "id" and isinstance(c.type, sa.Integer))]
                rows = conn.execute(sa.select(*cols)).all()
                out[t.name] = sorted((tuple(_plain(v) for v in r) for r in rows), key=repr)
        return out


def _fitter(table: sa.Table) -> Any:
    """A function cutting a row's strings to their columns' lengths (PostgreSQL refuses longer
    ones; a timestamp in an ISO date column keeps its date)."""
    limits = {c.name: c.type.length for c in table.columns
              if isinstance(c.type, sa.String) and not isinstance(c.type, sa.Text) and c.type.length}

    def fit(row: dict[str, Any]) -> dict[str, Any]:
        for name, n in limits.items():
            v = row.get(name)
            if isinstance(v, str) and len(v) > n:
                row[name] = v[:n]
        return row
    return fit


def _plain(v: Any) -> Any:
    if isinstance(v, dict | list):
        import json

        return json.dumps(v, sort_keys=True)
    return v


def json_safe(d: dict[str, Any]) -> dict[str, Any]:
    """``d`` as plain JSON (what a JSON column gives back), so fresh and re-read rows agree."""
    import json

    out: dict[str, Any] = json.loads(json.dumps(d, default=str))
    return out


def _iso(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, _dt.datetime):
        if v.tzinfo is None:
            v = v.replace(tzinfo=_dt.UTC)
        return v.isoformat()
    return str(v)


def _audit_dict(r: Any) -> dict[str, Any]:
    d = dict(r)
    d["at"] = _iso(d["at"])
    return d


def _field_value(row: dict[str, Any], name: str) -> Any:
    from reportedly.store.rows import CORRECTABLE

    return row.get(CORRECTABLE[name][0])


__all__ = ["Ledger", "IngestReport", "EventFilter", "LedgerError", "NotFound", "CorrectionError",
           "ledger_url", "DEFAULT_URL"]
