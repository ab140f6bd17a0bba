"""The ledger store on hand-built results: schema, ingest, idempotency, queries, review.

A small fake clusterer (claims of one country and day are one event) keeps these tests
independent of the real clusterer; ``test_ledger_events.py`` runs the real one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pytest

from reportedly.model import (
    Claim,
    Document,
    DocumentResult,
    Event,
    EventClaim,
    Evidence,
    FatalityRange,
    Location,
    Mention,
    Place,
    ProcessingError,
    Span,
    Statement,
    TimeRef,
)
from reportedly.options import Options
from reportedly.store import CorrectionError, EventFilter, Ledger, LedgerError, NotFound
from reportedly.store import ledger_url as to_url
from tests import pg

# ---------------------------------------------------------------------------
# Fixtures: the ledger URL (SQLite, and PostgreSQL when a server answers)
# ---------------------------------------------------------------------------

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@contextmanager
def fresh_pg_database() -> Iterator[str]:
    """An empty PostgreSQL database for one test, dropped afterwards.

    Like ``tests.pg.fresh_database``, but the drop waits for an autovacuum worker that may
    still be busy with the new database (the test role may not terminate it).
    """
    import time
    import uuid

    import psycopg
    from sqlalchemy.engine import make_url

    server = pg.require_server()
    name = f"reportedly_ts_{uuid.uuid4().hex[:12]}"
    admin = psycopg.connect(pg._libpq(server), autocommit=True, connect_timeout=5)
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield make_url(server).set(database=name).render_as_string(hide_password=False)
        finally:
            for attempt in range(60):
                try:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
                    break
                except psycopg.errors.ObjectInUse:
                    if attempt == 59:
                        raise
                    time.sleep(0.25)
    finally:
        admin.close()


@pytest.fixture(params=BACKENDS)
def ledger_url(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[str]:
    """A fresh ledger's URL: a SQLite file, or an empty PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ledger.db'}"
    else:
        with fresh_pg_database() as url:
            yield url


# ---------------------------------------------------------------------------
# Hand-written documents
# ---------------------------------------------------------------------------

PLACES = {
    "Harbourtown": (10.5, 20.25, "XA"),
    "Millbrook": (10.6, 20.35, "XA"),
    "Stonefield": (-5.0, 100.0, "XB"),
}


def make_claim(text: str, figure: str, kind: str = "killed", *, value: int | None = None,
               qualifier: str = "exact", group: str = "unknown", claimant: str | None = None,
               claimant_type: str = "none", place: str | None = None, date: str | None = None,
               aggregate: bool = False, event_type: str | None = None,
               perpetrator: str | None = None) -> Claim:
    """A claim whose figure, claimant and place point into ``text``; evidence is the sentence."""
    f = text.index(figure)
    s = text.rfind(". ", 0, f)
    s = 0 if s < 0 else s + 2
    e = text.find(".", f)
    e = len(text) if e < 0 else e + 1
    loc = None
    if place:
        p = text.index(place)
        lat, lon, cc = PLACES[place]
        loc = Location(name=place, start=p, end=p + len(place), lat=lat, lon=lon, country=cc, precision=1,
                       feature="city")
    cl = None
    if claimant:
        c = text.index(claimant)
        cl = Span(claimant, c, c + len(claimant))
    perp = None
    if perpetrator:
        q = text.index(perpetrator)
        perp = Span(perpetrator, q, q + len(perpetrator))
    digits = "".join(ch for ch in figure if ch.isdigit())
    return Claim(kind=kind, value=value if value is not None else int(digits), qualifier=qualifier, group=group,
                 claimant=cl, claimant_type=claimant_type, stance="asserted", aggregate=aggregate,
                 event_type=event_type, perpetrator=perp, location=loc,
                 time=TimeRef(text="on Monday", date_start=date, date_end=date, precision="day") if date else None,
                 evidence=Evidence(s, e, text[s:e]), figure=Span(figure, f, f + len(figure)))


def result(text: str, claims: Sequence[Claim] = (), *, published: str = "2024-03-05", source: str = "Daily Lamp",
           title: str | None = None) -> DocumentResult:
    doc = Document(text=text, title=title or text.split(".")[0][:40], published=published, source=source)
    places = []
    for name, (lat, lon, cc) in PLACES.items():
        if name in text:
            i = text.index(name)
            places.append(Place(name=name, start=i, end=i + len(name), lat=lat, lon=lon, country=cc, feature="city"))
    statements = []
    if " said" in text:
        i = text.index(" said")
        statements.append(Statement(speaker=Span(text[:i].split(". ")[-1], text[:i].rfind(text[:i].split(". ")[-1]), i),
                                    cue=Span("said", i + 1, i + 5), content=Span(text[i + 6:i + 20], i + 6, i + 20)))
    mentions = []
    if "attack" in text:
        i = text.index("attack")
        mentions.append(Mention(event_type="violence_against_civilians", sub_event_type="attack",
                                trigger=Span("attack", i, i + 6), evidence=Evidence(0, len(text), text)))
    return DocumentResult(document=doc, claims=list(claims), statements=statements, mentions=mentions,
                          places=places)


def corpus() -> list[DocumentResult]:
    """Five short reports: two about one Harbourtown attack (figures differ), one about a
    Millbrook clash the next day, one from Stonefield, one with a cumulative toll."""
    t1 = "Police said 12 people were killed in an attack in Harbourtown on Monday. Eight were hurt."
    t2 = "Residents of Harbourtown counted 15 dead after the attack on Monday, a medic said."
    t3 = "Four soldiers died in a clash near Millbrook on Tuesday, the army said."
    t4 = "Three farmers were killed in Stonefield on Sunday, villagers said."
    t5 = "More than 300 people have been killed in the province since January, a monitor said."
    return [
        result(t1, [make_claim(t1, "12 people", claimant="Police", claimant_type="police", place="Harbourtown",
                               date="2024-03-04", event_type="violence_against_civilians"),
                    make_claim(t1, "Eight", "injured", value=8, place="Harbourtown", date="2024-03-04")]),
        result(t2, [make_claim(t2, "15 dead", claimant="a medic", claimant_type="medical", place="Harbourtown",
                               date="2024-03-04")], source="Evening Wire"),
        result(t3, [make_claim(t3, "Four soldiers", value=4, group="security_forces", claimant="the army",
                               claimant_type="military", place="Millbrook", date="2024-03-05",
                               event_type="battles")]),
        result(t4, [make_claim(t4, "Three farmers", value=3, group="civilians", claimant="villagers",
                               claimant_type="witnesses", place="Stonefield", date="2024-03-03")],
               source="Evening Wire"),
        result(t5, [make_claim(t5, "300 people", qualifier="more_than", claimant="a monitor",
                               claimant_type="ngo", aggregate=True)]),
    ]


# ---------------------------------------------------------------------------
# A fake clusterer: one event per (country, day) block; aggregates alone
# ---------------------------------------------------------------------------

class FakeRef:
    def __init__(self, claim: Claim, claim_id: str, features: dict[str, Any]) -> None:
        self.claim, self.claim_id, self.f = claim, claim_id, features
        self.doc_id = features["doc_id"]


class FakeClusterer:
    """Claims sharing a (country, day) key are one event (single link), within the
    constraints; the result never depends on input order."""

    def claim_features(self, res: DocumentResult, claim_ids: Sequence[str], options: Options) -> list[dict[str, Any]]:
        return [{"n_words": len(res.document.text.split())} for _ in claim_ids]

    def make_ref(self, claim: Claim, claim_id: str, features: dict[str, Any]) -> FakeRef:
        return FakeRef(claim, claim_id, features)

    def make_constraints(self, must: Sequence[tuple[str, str]], cannot: Sequence[tuple[str, str]]) -> Any:
        return set(must), set(cannot)

    def block_keys(self, ref: FakeRef) -> list[str]:
        keys = [f"doc:{ref.doc_id}"]
        c = ref.claim
        if not c.aggregate and c.time and c.time.date_start and c.location and c.location.country:
            keys.append(f"{c.location.country}|{c.time.date_start}")
        return keys

    def build_events(self, refs: list[FakeRef], constraints: Any, options: Options) -> list[Event]:
        must, cannot = constraints
        refs = sorted(refs, key=lambda r: r.claim_id)
        parent = {r.claim_id: r.claim_id for r in refs}
        members = {r.claim_id: {r.claim_id} for r in refs}

        def find(x: str) -> str:
            while parent[x] != x:
                x = parent[x]
            return x

        def union(a: str, b: str, force: bool = False) -> None:
            ra, rb = find(a), find(b)
            if ra == rb:
                return
            if not force and any((min(x, y), max(x, y)) in cannot for x in members[ra] for y in members[rb]):
                return
            lo, hi = min(ra, rb), max(ra, rb)
            parent[hi] = lo
            members[lo] |= members.pop(hi)

        for a, b in sorted(must):
            if a in parent and b in parent:
                union(a, b, force=True)
        keyed: dict[str, list[str]] = {}
        for r in refs:
            if r.claim.aggregate:
                continue
            for k in self.block_keys(r)[1:]:
                keyed.setdefault(k, []).append(r.claim_id)
        for _, ids in sorted(keyed.items()):
            for i, x in enumerate(ids):
                for y in ids[i + 1:]:
                    union(x, y)
        by_id = {r.claim_id: r for r in refs}
        events = []
        for root in sorted(members):
            group = [by_id[i] for i in sorted(members[root])]
            events.append(self._event(group))
        return events

    @staticmethod
    def _event(group: list[FakeRef]) -> Event:
        from reportedly.model import content_hash

        claims = [EventClaim(doc_id=r.doc_id, claim_id=r.claim_id, kind=r.claim.kind, value=r.claim.value,
                             qualifier=r.claim.qualifier, group=r.claim.group,
                             claimant=r.claim.claimant.text if r.claim.claimant else None,
                             claimant_type=r.claim.claimant_type,
                             source=(r.claim.claimant.text if r.claim.claimant else r.f.get("source") or ""),
                             evidence=r.claim.evidence.text, outlet=r.f.get("source"),
                             published=r.f.get("published")) for r in group]
        fat = {}
        for kind in ("killed", "injured"):
            vals = sorted(c.value for c in claims if c.kind == kind)
            if vals:
                fat[kind] = FatalityRange(vals[0], vals[(len(vals) - 1) // 2], vals[-1])
        by_group: dict[str, dict[str, FatalityRange]] = {}
        for c in claims:
            vals = sorted(x.value for x in claims if x.kind == c.kind and x.group == c.group)
            by_group.setdefault(c.group, {})[c.kind] = FatalityRange(vals[0], vals[(len(vals) - 1) // 2], vals[-1])
        first = group[0].claim
        sources = {c.source for c in claims}
        killed = {c.value for c in claims if c.kind == "killed" and c.qualifier == "exact"}
        aggregate = any(r.claim.aggregate for r in group)
        status = ("aggregate" if aggregate else "contested" if len(killed) > 1
                  else "corroborated" if len(sources) > 1 else "single_source")
        return Event(id="ev-" + content_hash(group[0].claim_id), claims=claims, aggregate=aggregate,
                     event_type=next((r.claim.event_type for r in group if r.claim.event_type), None),
                     location=first.location, date_start=first.time.date_start if first.time else None,
                     date_end=first.time.date_end if first.time else None,
                     precision="day" if first.time else None, fatalities=fat, fatalities_by_group=by_group,
                     number_of_sources=len(sources),
                     status=status, doc_ids=sorted({r.doc_id for r in group}))


def open_ledger(url: str) -> Ledger:
    return Ledger.open(url, clusterer=FakeClusterer())


def events_by_place(ledger: Ledger) -> dict[str | None, list[dict[str, Any]]]:
    out: dict[str | None, list[dict[str, Any]]] = {}
    for e in ledger.list_events():
        out.setdefault((e.get("location") or {}).get("name"), []).append(e)
    return out


# ---------------------------------------------------------------------------
# Schema and migrations
# ---------------------------------------------------------------------------

def test_migrations_create_exactly_the_schema(ledger_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from reportedly.store.migrate import current_revision, head_revision
    from reportedly.store.schema import metadata

    ledger = Ledger.open(ledger_url, clusterer=None)
    assert current_revision(ledger.engine) == head_revision()
    with ledger.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    assert diff == []
    Ledger.open(ledger_url, clusterer=None).close()  # opening again is a no-op
    ledger.close()


def test_migration_downgrade_and_upgrade(tmp_path: Any) -> None:
    import sqlalchemy as sa

    from reportedly.store.migrate import downgrade, upgrade

    ledger = Ledger.open(tmp_path / "x.db", clusterer=None)
    downgrade(ledger.engine, "base")
    assert "documents" not in sa.inspect(ledger.engine).get_table_names()
    upgrade(ledger.engine)
    assert "documents" in sa.inspect(ledger.engine).get_table_names()


def test_ledger_url_forms(tmp_path: Any) -> None:
    assert to_url(None) == "sqlite:///reportedly.db"
    assert to_url("x/y.db") == "sqlite:///x/y.db"
    assert to_url("postgresql+psycopg://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    path = tmp_path / "sub" / "plain.db"
    Ledger.open(str(path), clusterer=None).close()
    assert path.exists()


# ---------------------------------------------------------------------------
# Ingest
# ---------------------------------------------------------------------------

def test_ingest_stores_everything_and_reads_it_back(ledger_url: str) -> None:
    ledger = open_ledger(ledger_url)
    docs = corpus()
    report = ledger.ingest_results(docs)
    assert (report.added, report.skipped, report.failed) == (5, 0, 0)
    assert report.claims == 6
    counts = ledger.counts()
    assert counts["documents"] == 5 and counts["claims"] == 6
    got = ledger.get_document(docs[0].document.id)
    assert got is not None
    assert got["text"] == docs[0].document.text
    assert [{k: v for k, v in c.items() if k not in ("id", "doc_id", "event_id")} for c in got["claims"]] == \
        [c.to_dict() for c in docs[0].claims]
    assert got["statements"] == [s.to_dict() for s in docs[0].statements]
    assert got["mentions"] == [m.to_dict() for m in docs[0].mentions]
    assert got["places"] == [p.to_dict() for p in docs[0].places]
    assert all(c["event_id"] for c in got["claims"])
    assert ledger.get_document("nope") is None
    claims = list(ledger.iter_claims(batch=2))
    assert len(claims) == 6 and [c["id"] for c in claims] == sorted(c["id"] for c in claims)
    places = ledger.list_places()
    assert {p["name"] for p in places} == {"Harbourtown", "Millbrook", "Stonefield"}
    assert next(p for p in places if p["name"] == "Harbourtown")["documents"] == 2
    ledger.close()


def test_a_headline_claim_keeps_its_part(ledger_url: str) -> None:
    from dataclasses import replace

    text = "Police said the victims were taken to a hospital in Stonefield."
    title = "Two farmers shot dead in Stonefield"
    claim = make_claim(title, "Two farmers", value=2, group="civilians", place="Stonefield", date="2024-03-03")
    claim.evidence = replace(claim.evidence, part="title")
    twin = make_claim(title, "Two farmers", value=2, group="civilians", place="Stonefield", date="2024-03-03")
    res = result(text, [claim, twin], title=title)
    ledger = open_ledger(ledger_url)
    ledger.ingest_results([res])
    got = ledger.get_document(res.document.id)
    assert got is not None
    parts = sorted((c["evidence"].get("part") or "text") for c in got["claims"])
    assert parts == ["text", "title"] and len({c["id"] for c in got["claims"]}) == 2
    ledger.close()


def test_reingest_adds_nothing_and_says_so(ledger_url: str) -> None:
    ledger = open_ledger(ledger_url)
    ledger.ingest_results(corpus())
    before = ledger.dump()
    again = ledger.ingest_results(corpus())
    assert (again.added, again.skipped, again.claims) == (0, 5, 0)
    assert ledger.dump() == before
    assert ledger.has_documents([d.document.id for d in corpus()] + ["missing"]) == \
        {d.document.id for d in corpus()}
    ledger.close()


def test_duplicate_documents_in_one_batch_are_stored_once(tmp_path: Any) -> None:
    ledger = open_ledger(str(tmp_path / "d.db"))
    docs = corpus()
    report = ledger.ingest_results([docs[0], corpus()[0], docs[1]])
    assert (report.added, report.skipped) == (2, 1)


def test_result_does_not_depend_on_ingest_order_or_batches(tmp_path: Any) -> None:
    a = open_ledger(str(tmp_path / "a.db"))
    a.ingest_results(corpus())
    b = open_ledger(str(tmp_path / "b.db"))
    docs = corpus()
    for order in ([4], [2, 1], [3], [0]):
        b.ingest_results([docs[i] for i in order])
    assert a.dump() == b.dump()
    byplace = events_by_place(a)
    assert len(byplace["Harbourtown"]) == 1
    assert byplace["Harbourtown"][0]["status"] == "contested"
    assert len(byplace["Millbrook"]) == 1 and len(byplace["Stonefield"]) == 1
    assert [e["status"] for e in a.list_events(status="aggregate")] == ["aggregate"]


def test_failed_documents_are_counted_kept_and_skipped_next_time(ledger_url: str) -> None:
    ledger = open_ledger(ledger_url)
    bad = DocumentResult(document=Document(text="\x00\x01binary\x00junk"),
                         errors=[ProcessingError("binary", "not text")])
    report = ledger.ingest_results([bad, corpus()[0]])
    assert (report.added, report.failed) == (1, 1)
    assert report.errors and report.errors[0][1] == "binary"
    assert ledger.has_documents([bad.document.id]) == {bad.document.id}
    stored = ledger.get_document(bad.document.id)
    assert stored is not None and stored["ok"] is False and stored["errors"][0]["code"] == "binary"
    assert ledger.ingest_results([bad]).skipped == 1
    ledger.close()


def test_text_with_nul_characters_is_stored_on_every_backend(ledger_url: str) -> None:
    ledger = open_ledger(ledger_url)
    text = "A bomb killed 7 people in Harbourtown\x00 on Monday."
    r = result(text, [make_claim(text, "7 people", place="Harbourtown", date="2024-03-04")])
    assert ledger.ingest_results([r]).added == 1
    got = ledger.get_document(r.document.id)
    assert got is not None and len(got["text"]) == len(text) and "\x00" not in got["text"]
    ledger.close()


def test_a_failing_batch_leaves_nothing_behind(tmp_path: Any) -> None:
    class Broken(FakeClusterer):
        def build_events(self, refs: list[FakeRef], constraints: Any, options: Options) -> list[Event]:
            raise RuntimeError("boom")

    ledger = Ledger.open(tmp_path / "t.db", clusterer=Broken())
    with pytest.raises(RuntimeError):
        ledger.ingest_results(corpus())
    assert ledger.counts()["documents"] == 0 and ledger.counts()["claims"] == 0


# ---------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------

def test_event_filters(ledger_url: str) -> None:
    ledger = open_ledger(ledger_url)
    ledger.ingest_results(corpus())
    assert len(ledger.list_events()) == 4
    assert ledger.count_events() == 4
    assert [e["status"] for e in ledger.list_events(status="contested")] == ["contested"]
    assert {e["location"]["name"] for e in ledger.list_events(since="2024-03-04")} == {"Harbourtown", "Millbrook"}
    assert [e["location"]["name"] for e in ledger.list_events(until="2024-03-03")] == ["Stonefield"]
    near = ledger.list_events(near=(10.5, 20.25), km=5)
    assert [e["location"]["name"] for e in near] == ["Harbourtown"]
    near = ledger.list_events(near=(10.5, 20.25), km=50)
    assert {e["location"]["name"] for e in near} == {"Harbourtown", "Millbrook"}
    assert ledger.count_events(near=(10.5, 20.25), km=50) == 2
    box = ledger.list_events(bbox=(90.0, -10.0, 110.0, 0.0))
    assert [e["location"]["name"] for e in box] == ["Stonefield"]
    assert [e["location"]["name"] for e in ledger.list_events(text="army")] == ["Millbrook"]
    assert [e["location"]["name"] for e in ledger.list_events(text="harbour")] == ["Harbourtown"]
    assert ledger.list_events(text="%'; DROP TABLE events; --") == []
    assert ledger.list_events(text="_") == []
    assert len(ledger.list_events(limit=2)) == 2
    assert len(ledger.list_events(limit=2, offset=3)) == 1
    assert ledger.list_events(event_type="battles")[0]["location"]["name"] == "Millbrook"
    assert all(not e["aggregate"] for e in ledger.list_events(include_aggregates=False))
    streamed = list(ledger.iter_events(EventFilter(), batch=2))
    assert sorted(e["id"] for e in streamed) == sorted(e["id"] for e in ledger.list_events())
    ledger.close()


def test_get_event_shows_claims_side_by_side(ledger_url: str) -> None:
    ledger = open_ledger(ledger_url)
    ledger.ingest_results(corpus())
    ev = events_by_place(ledger)["Harbourtown"][0]
    full = ledger.get_event(ev["id"])
    assert full is not None
    assert {c["claimant"]["text"] if c["claimant"] else None for c in full["claim_details"]} == \
        {"Police", "a medic", None}
    assert all(c["document"]["source"] in ("Daily Lamp", "Evening Wire") for c in full["claim_details"])
    assert any("15 dead" in c["evidence"]["text"] for c in full["claim_details"])
    assert ledger.get_event("ev-none") is None
    ledger.close()


# ---------------------------------------------------------------------------
# Review: corrections, merges, splits, verification, undo, audit log
# ---------------------------------------------------------------------------

def _claim_by_figure(ledger: Ledger, figure: str) -> dict[str, Any]:
    return next(c for c in ledger.iter_claims() if c["figure"] and c["figure"]["text"] == figure)


def test_correction_is_kept_beside_machine_output_and_undone(ledger_url: str) -> None:
    import sqlalchemy as sa

    from reportedly.store import schema as S

    ledger = open_ledger(ledger_url)
    ledger.ingest_results(corpus())
    c = _claim_by_figure(ledger, "15 dead")
    aid = ledger.correct_claim(c["id"], {"value": 14, "qualifier": "at_least"}, user="ana")
    got = ledger.get_claim(c["id"])
    assert got is not None and (got["value"], got["qualifier"]) == (14, "at_least")
    with ledger.engine.connect() as conn:
        raw = conn.execute(sa.select(S.claims.c.value).where(S.claims.c.id == c["id"])).scalar()
    assert raw == 15  # machine output untouched
    entry = ledger.audit_log(target_type="claim", target_id=c["id"])[0]
    assert (entry["id"], entry["user"], entry["action"]) == (aid, "ana", "correct")
    assert entry["before"] == {"value": 15, "qualifier": "exact"}
    assert entry["after"] == {"value": 14, "qualifier": "at_least"}
    full = ledger.get_event(got["event_id"])
    assert full is not None
    detail = next(d for d in full["claim_details"] if d["id"] == c["id"])
    assert detail["corrected"] and detail["machine"]["value"] == 15 and detail["value"] == 14
    assert any(a["action"] == "correct" for a in full["audit"])
    undo_id = ledger.undo(aid, user="ben")
    again = ledger.get_claim(c["id"])
    assert again is not None and again["value"] == 15
    log = ledger.audit_log()
    assert [a["action"] for a in log] == ["undo", "correct"]
    assert log[1]["undone_by"] == undo_id
    with pytest.raises(LedgerError):
        ledger.undo(aid, user="ben")
    with pytest.raises(LedgerError):
        ledger.undo(undo_id, user="ben")
    ledger.close()


def test_corrections_are_validated(tmp_path: Any) -> None:
    ledger = open_ledger(str(tmp_path / "v.db"))
    ledger.ingest_results(corpus())
    cid = _claim_by_figure(ledger, "15 dead")["id"]
    for bad in ({"value": -1}, {"value": "many"}, {"kind": "arrested"}, {"text": "x"}, {},
                {"date_start": "yesterday"}, {"lat": 123.0}, {"value": True}):
        with pytest.raises(CorrectionError):
            ledger.correct_claim(cid, bad, user="ana")
    with pytest.raises(NotFound):
        ledger.correct_claim("nope", {"value": 1}, user="ana")
    with pytest.raises(LedgerError):
        ledger.correct_claim(cid, {"value": 1}, user=" ")
    assert ledger.audit_log() == []


def test_correcting_a_date_moves_the_claim_to_another_event(tmp_path: Any) -> None:
    ledger = open_ledger(str(tmp_path / "m.db"))
    ledger.ingest_results(corpus())
    c = _claim_by_figure(ledger, "15 dead")
    harbour = events_by_place(ledger)["Harbourtown"]
    assert len(harbour) == 1
    ledger.correct_claim(c["id"], {"date_start": "2024-03-01"}, user="ana")
    harbour = events_by_place(ledger)["Harbourtown"]
    assert len(harbour) == 2
    assert {e["date_start"] for e in harbour} == {"2024-03-01", "2024-03-04"}
    assert all(e["status"] != "contested" for e in harbour)


def test_merge_and_undo(ledger_url: str) -> None:
    ledger = open_ledger(ledger_url)
    ledger.ingest_results(corpus())
    byplace = events_by_place(ledger)
    a, b = byplace["Harbourtown"][0]["id"], byplace["Millbrook"][0]["id"]
    aid = ledger.merge_events([a, b], user="ana")
    merged = events_by_place(ledger)
    assert "Millbrook" not in merged or "Harbourtown" not in merged
    assert len(ledger.list_events()) == 3
    claims_in = {c["event_id"] for c in ledger.iter_claims() if not c["aggregate"] and c["location"]
                 and c["location"]["name"] in ("Harbourtown", "Millbrook")}
    assert len(claims_in) == 1
    # human decisions survive more ingest and a full rebuild
    t6 = "Two more bodies were found in Harbourtown on Monday, police said."
    ledger.ingest_results([result(t6, [make_claim(t6, "Two more bodies", value=2, place="Harbourtown",
                                                  date="2024-03-04")])])
    ledger.recluster_all()
    assert len(ledger.list_events()) == 3
    ledger.undo(aid, user="ben")
    assert len(ledger.list_events()) == 4
    assert [a["action"] for a in ledger.audit_log()] == ["undo", "merge"]
    with pytest.raises(LedgerError):
        ledger.merge_events([a], user="ana")
    with pytest.raises(NotFound):
        ledger.merge_events([a, "ev-none"], user="ana")
    ledger.close()


def test_split_keeps_claim_apart_across_reingest_and_rebuild(ledger_url: str) -> None:
    ledger = open_ledger(ledger_url)
    ledger.ingest_results(corpus()[:2])
    ev = events_by_place(ledger)["Harbourtown"][0]
    medic = _claim_by_figure(ledger, "15 dead")
    aid = ledger.split_claim(ev["id"], medic["id"], user="ana")
    after = events_by_place(ledger)["Harbourtown"]
    assert len(after) == 2
    assert all(e["status"] != "contested" for e in after)
    ledger.ingest_results(corpus())
    ledger.recluster_all()
    assert len(events_by_place(ledger)["Harbourtown"]) == 2
    with pytest.raises(LedgerError):
        ledger.split_claim(ev["id"], "not-a-member", user="ana")
    ledger.undo(aid, user="ana")
    assert len(events_by_place(ledger)["Harbourtown"]) == 1
    ledger.close()


def test_verify_and_undo(ledger_url: str) -> None:
    ledger = open_ledger(ledger_url)
    ledger.ingest_results(corpus())
    ev = events_by_place(ledger)["Stonefield"][0]
    aid = ledger.verify_event(ev["id"], user="ana")
    assert [e["id"] for e in ledger.list_events(status="verified")] == [ev["id"]]
    got = ledger.get_event(ev["id"])
    assert got is not None and got["verified"]["by"] == "ana"
    ledger.ingest_results([corpus()[0]])  # nothing new: the mark stays
    assert ledger.get_event(ev["id"])["verified"] is not None  # type: ignore[index]
    ledger.undo(aid, user="ana")
    assert ledger.list_events(status="verified") == []
    with pytest.raises(NotFound):
        ledger.verify_event("ev-none", user="ana")
    ledger.close()


def test_users_and_settings(ledger_url: str) -> None:
    import sqlalchemy as sa

    ledger = open_ledger(ledger_url)
    uid = ledger.add_user("ana", "$argon2id$fake-hash-for-test", role="reviewer")
    assert ledger.get_user("ana")["id"] == uid  # type: ignore[index]
    with pytest.raises(sa.exc.IntegrityError):
        ledger.add_user("ana", "x")
    ledger.set_password("ana", "$argon2id$other")
    assert ledger.get_user("ana")["password_hash"] == "$argon2id$other"  # type: ignore[index]
    assert [u["name"] for u in ledger.list_users()] == ["ana"]
    assert ledger.get_setting("secret") is None
    ledger.set_setting("secret", "abc")
    ledger.set_setting("secret", "def")
    assert ledger.get_setting("secret") == "def"
    ledger.close()


def test_unclustered_ledger_still_stores_claims(tmp_path: Any) -> None:
    ledger = Ledger.open(tmp_path / "n.db", clusterer=None)
    report = ledger.ingest_results(corpus())
    assert report.claims == 6 and report.events == 0
    assert ledger.list_events() == []


@pytest.mark.postgres
def test_sqlite_and_postgres_ledgers_are_identical(tmp_path: Any) -> None:
    with fresh_pg_database() as url:
        p = open_ledger(url)
        s = open_ledger(str(tmp_path / "s.db"))
        for led in (p, s):
            led.ingest_results(corpus())
        assert p.dump() == s.dump()
        p.close()


def test_concurrent_writers_queue_instead_of_failing(ledger_url: str) -> None:
    """An ingest and a reviewer writing to one ledger at the same time both succeed."""
    import threading

    from tests.test_ledger_kill import synthetic_corpus

    first = open_ledger(ledger_url)
    first.ingest_results(corpus())
    cid = _claim_by_figure(first, "15 dead")["id"]
    errors: list[BaseException] = []

    def ingest() -> None:
        try:
            led = open_ledger(ledger_url)
            for r in synthetic_corpus(24):
                led.ingest_results([r])
            led.close()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    def review() -> None:
        try:
            led = open_ledger(ledger_url)
            for v in range(12):
                led.correct_claim(cid, {"value": 20 + v}, user="ana")
            led.close()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=ingest), threading.Thread(target=review)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors
    assert first.counts()["documents"] == 5 + 24
    assert first.get_claim(cid)["value"] == 31  # type: ignore[index]
    assert len(first.audit_log()) == 12
    first.close()


def race(target: Callable[[], object], n: int) -> list[BaseException]:
    """Run ``target`` in ``n`` threads at once; the exceptions they raised."""
    import threading

    errors: list[BaseException] = []

    def run() -> None:
        try:
            target()
        except BaseException as exc:  # noqa: BLE001 - reported by the caller
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return errors


def test_processes_opening_a_new_ledger_together_migrate_it_once(ledger_url: str) -> None:
    errors = race(lambda: Ledger.open(ledger_url, clusterer=None).close(), 4)
    assert not errors, errors
    with open_ledger(ledger_url) as led:
        assert led.counts()["documents"] == 0


def test_a_figure_too_large_for_the_database_is_reported_not_fatal(ledger_url: str) -> None:
    text = "Officials said 5000000000 people were killed in Harbourtown on Monday, and 3 more were hurt."
    bad = make_claim(text, "5000000000 people", place="Harbourtown", date="2024-03-04")
    good = make_claim(text, "3 more", "injured", place="Harbourtown", date="2024-03-04")
    with open_ledger(ledger_url) as ledger:
        report = ledger.ingest_results([result(text, [bad, good])])
        assert (report.added, report.claims) == (1, 1)
        assert [e[1] for e in report.errors] == ["claim_out_of_range"]


def test_overlong_values_fit_their_columns(ledger_url: str) -> None:
    text = "A blast killed 4 people in Harbourtown on Monday, police said."
    c = make_claim(text, "4 people", place="Harbourtown", date="2024-03-04")
    assert c.time is not None
    c.time.date_start = "2024-03-04T08:00:00+00:00"
    r = result(text, [c])
    r.document.published = "2024-03-05T09:30:00Z"
    with open_ledger(ledger_url) as ledger:
        assert ledger.ingest_results([r]).added == 1
        doc = ledger.get_document(r.document.id)
        assert doc is not None and doc["published"] == "2024-03-05"
        assert doc["claims"][0]["time"]["date_start"] == "2024-03-04"


def test_deferred_clustering_gives_the_same_ledger(tmp_path: Any) -> None:
    now = open_ledger(str(tmp_path / "now.db"))
    now.ingest_results(corpus())
    later = open_ledger(str(tmp_path / "later.db"))
    docs = corpus()
    later.ingest_results(docs[:2], cluster=False)
    later.ingest_results(docs[2:4], cluster=False)
    assert later.list_events() == [] and all(c["event_id"] is None for c in later.iter_claims())
    later.ingest_results(docs[4:])  # a clustered batch also takes the pending claims
    assert later.dump() == now.dump()
    again = open_ledger(str(tmp_path / "again.db"))
    again.ingest_results(corpus(), cluster=False)
    assert again.recluster_pending() > 0 and again.recluster_pending() == 0
    assert again.dump() == now.dump()


def test_openers_racing_to_switch_a_new_sqlite_file_to_wal_all_succeed(tmp_path: Any) -> None:
    """SQLite fails one of two connections that deadlock switching a new file to WAL at once,
    without waiting for the other: that one must try again rather than fail the open."""
    import functools
    import sqlite3

    from reportedly.store.ledger import _sqlite_wal

    errors: list[BaseException] = []
    for round_ in range(25):
        path = tmp_path / f"race{round_}.db"
        errors += race(functools.partial(_sqlite_wal, f"sqlite:///{path}"), 6)
        con = sqlite3.connect(path)
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        con.close()
    assert not errors, errors
