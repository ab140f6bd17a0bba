"""Hand-built ledgers for the web tests (no spaCy model needed), and checks of the builder.

The articles are written for these tests: invented reports of invented incidents in real
towns (so that coordinates mean something). Claims are built by hand from substrings of
each text, as the pipeline would have produced them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from reportedly.model import (
    Claim,
    Document,
    DocumentResult,
    Evidence,
    Location,
    Mention,
    Place,
    Span,
    Statement,
    TimeRef,
)
from reportedly.store.ledger import Ledger

PASSWORD = "a long enough test password"

XSS_TEXT = (
    "Council <script>alert('text')</script> reports clash\n\n"
    "Officials of the <img src=x onerror=alert('claimant')> council said 3 people were killed on Friday "
    "in Tessalit when <b onmouseover=alert('perp')>raiders</b> opened fire on a convoy. "
    "\"We saw <iframe src=javascript:alert('quote')></iframe> smoke,\" a driver said.\n"
)


def span(text: str, piece: str, after: int = 0) -> Span:
    i = text.index(piece, after)
    return Span(text=piece, start=i, end=i + len(piece))


def ev(text: str, sentence: str) -> Evidence:
    i = text.index(sentence)
    return Evidence(start=i, end=i + len(sentence), text=sentence)


def claim(text: str, sentence: str, figure: str, value: int, *, kind: str = "killed", qualifier: str = "exact",
          group: str = "unknown", claimant: str | None = None, claimant_type: str = "none",
          perpetrator: str | None = None, place: tuple[str, float, float, str] | None = None,
          date: str | None = None, event_type: str | None = None, stance: str = "asserted",
          aggregate: bool = False) -> Claim:
    e = ev(text, sentence)
    loc = None
    if place:
        name, lat, lon, cc = place
        sp = span(text, name)
        loc = Location(name=name, start=sp.start, end=sp.end, lat=lat, lon=lon, country=cc, precision=1,
                       feature="city")
    return Claim(
        kind=kind, value=value, qualifier=qualifier, group=group,
        claimant=span(text, claimant, e.start) if claimant else None, claimant_type=claimant_type,
        stance=stance, aggregate=aggregate, event_type=event_type,
        perpetrator=span(text, perpetrator, e.start) if perpetrator else None, location=loc,
        time=TimeRef(text=date, date_start=date, date_end=date, precision="day") if date else None,
        evidence=e, figure=span(text, figure, e.start),
    )


MAIDUGURI = ("Maiduguri", 11.8469, 13.1571, "NG")
KHARKIV = ("Kharkiv", 49.9808, 36.2527, "UA")
TESSALIT = ("Tessalit", 20.1986, 1.0114, "ML")


def hand_results() -> list[DocumentResult]:
    """Four invented reports: one contested attack near Maiduguri told by two outlets, a
    shelling in Kharkiv, and a report whose text and fields carry HTML and script."""
    out = []

    t1 = ("Gunmen kill villagers outside Maiduguri\n\n"
          "Police said seven villagers were killed on Tuesday when gunmen stormed a farming settlement "
          "outside Maiduguri. Residents told reporters that at least 15 people died in the attack.\n")
    d1 = Document(text=t1, title="Gunmen kill villagers outside Maiduguri", published="2023-05-03",
                  source="Lake Chad Courier")
    s1 = "Police said seven villagers were killed on Tuesday when gunmen stormed a farming settlement outside Maiduguri."
    s2 = "Residents told reporters that at least 15 people died in the attack."
    out.append(DocumentResult(
        document=d1,
        claims=[
            claim(t1, s1, "seven", 7, group="civilians", claimant="Police", claimant_type="police",
                  perpetrator="gunmen", place=MAIDUGURI, date="2023-05-02", event_type="violence_against_civilians"),
            claim(t1, s2, "at least 15", 15, qualifier="at_least", claimant="Residents", claimant_type="witnesses",
                  place=MAIDUGURI, date="2023-05-02", event_type="violence_against_civilians"),
        ],
        statements=[Statement(speaker=span(t1, "Police"), cue=span(t1, "said"),
                              content=span(t1, "seven villagers were killed on Tuesday"))],
        mentions=[Mention(event_type="violence_against_civilians", sub_event_type="attack",
                          trigger=span(t1, "stormed"), evidence=ev(t1, s1))],
        places=[Place(name="Maiduguri", start=t1.index("Maiduguri", 40), end=t1.index("Maiduguri", 40) + 9,
                      lat=MAIDUGURI[1], lon=MAIDUGURI[2], country="NG", admin1="Borno")],
    ))

    t2 = ("Borno attack toll disputed\n\n"
          "A hospital official in Maiduguri said seven bodies were brought in after Tuesday's raid.\n")
    d2 = Document(text=t2, title="Borno attack toll disputed", published="2023-05-04", source="Sahel Standard")
    s3 = "A hospital official in Maiduguri said seven bodies were brought in after Tuesday's raid."
    out.append(DocumentResult(
        document=d2,
        claims=[claim(t2, s3, "seven", 7, claimant="A hospital official", claimant_type="medical",
                      place=MAIDUGURI, date="2023-05-02", event_type="violence_against_civilians")],
        places=[Place(name="Maiduguri", start=t2.index("Maiduguri"), end=t2.index("Maiduguri") + 9,
                      lat=MAIDUGURI[1], lon=MAIDUGURI[2], country="NG", admin1="Borno")],
    ))

    t3 = ("Shells strike Kharkiv market\n\n"
          "The regional governor said four people were killed and 12 wounded when shells hit a market "
          "in Kharkiv on Saturday morning.\n")
    d3 = Document(text=t3, title="Shells strike Kharkiv market", published="2022-09-11", source="Eastern Wire")
    s4 = ("The regional governor said four people were killed and 12 wounded when shells hit a market "
          "in Kharkiv on Saturday morning.")
    out.append(DocumentResult(
        document=d3,
        claims=[
            claim(t3, s4, "four", 4, claimant="The regional governor", claimant_type="government",
                  place=KHARKIV, date="2022-09-10", event_type="explosions_remote_violence"),
            claim(t3, s4, "12", 12, kind="injured", claimant="The regional governor", claimant_type="government",
                  place=KHARKIV, date="2022-09-10", event_type="explosions_remote_violence"),
        ],
        places=[Place(name="Kharkiv", start=t3.index("Kharkiv"), end=t3.index("Kharkiv") + 7,
                      lat=KHARKIV[1], lon=KHARKIV[2], country="UA", admin1="Kharkiv")],
    ))

    t4 = XSS_TEXT
    d4 = Document(text=t4, title="<script>alert('title')</script>Tessalit", published="2021-02-06",
                  source="<b onmouseover=alert('source')>Desert</b> Post", url="javascript:alert('url')")
    s5 = ("Officials of the <img src=x onerror=alert('claimant')> council said 3 people were killed on Friday "
          "in Tessalit when <b onmouseover=alert('perp')>raiders</b> opened fire on a convoy.")
    out.append(DocumentResult(
        document=d4,
        claims=[claim(t4, s5, "3", 3, claimant="Officials of the <img src=x onerror=alert('claimant')> council",
                      claimant_type="official_unnamed", perpetrator="<b onmouseover=alert('perp')>raiders</b>",
                      place=TESSALIT, date="2021-02-05", event_type="battles")],
        statements=[Statement(speaker=span(t4, "a driver"), cue=span(t4, "said", t4.index("a driver") - 10),
                              content=span(t4, "We saw <iframe src=javascript:alert('quote')></iframe> smoke,"))],
        places=[Place(name="Tessalit", start=t4.index("Tessalit"), end=t4.index("Tessalit") + 8,
                      lat=TESSALIT[1], lon=TESSALIT[2], country="ML", admin1="<svg onload=alert('admin1')>")],
    ))
    return out


@dataclass
class WebLedger:
    url: str
    ledger: Ledger
    results: list[DocumentResult]

    def doc_id(self, i: int) -> str:
        return self.results[i].document.id

    def event_of(self, doc: int, claim_index: int = 0) -> str:
        import sqlalchemy as sa

        from reportedly.store import schema as S

        with self.ledger.engine.connect() as conn:
            return str(conn.scalar(sa.select(S.claims.c.event_id).where(
                S.claims.c.doc_id == self.doc_id(doc), S.claims.c.idx == claim_index)))


def build_ledger(path: Path | str, results: list[DocumentResult] | None = None) -> WebLedger:
    """A ledger of ``results`` (default: :func:`hand_results`) at a SQLite path or a URL, with
    reviewers alice and bob and an admin root."""
    from reportedly.web.accounts import add_user

    url = path if isinstance(path, str) and "://" in path else f"sqlite:///{path}"
    led = Ledger.open(url)
    res = results if results is not None else hand_results()
    led.ingest_results(res)
    add_user(led.engine, "alice", PASSWORD)
    add_user(led.engine, "bob", PASSWORD)
    add_user(led.engine, "root", PASSWORD, role="admin")
    return WebLedger(url=url, ledger=led, results=res)


def make_client(wl: WebLedger, **settings: Any) -> Any:
    from fastapi.testclient import TestClient

    from reportedly.web import WebSettings, create_app

    app = create_app(settings=WebSettings(secret_key="test-secret-" + "x" * 32, **settings), ledger=wl.ledger)
    return TestClient(app)


def sign_in(client: Any, name: str = "alice", password: str = PASSWORD) -> str:
    """Sign the client in through the API; returns the CSRF token for writes."""
    tok = client.get("/api/session").json()["csrf_token"]
    r = client.post("/api/session", json={"username": name, "password": password}, headers={"X-CSRF-Token": tok})
    assert r.status_code == 200, r.text
    return str(r.json()["csrf_token"])


@pytest.fixture
def fast_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id with small costs, so that tests that sign in often stay quick (the real
    parameters are exercised by the `user add` command test)."""
    from argon2 import PasswordHasher

    from reportedly.web import passwords

    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(passwords, "hasher", lambda: cheap)


@pytest.fixture
def web_ledger(tmp_path: Path, fast_argon2: None) -> Iterator[WebLedger]:
    wl = build_ledger(tmp_path / "web.db")
    yield wl
    wl.ledger.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_ledger(request: pytest.FixtureRequest, tmp_path: Path, fast_argon2: None) -> Iterator[WebLedger]:
    """The hand-built ledger on SQLite and (when a server answers; always in CI) PostgreSQL."""
    if request.param == "sqlite":
        wl = build_ledger(tmp_path / "web.db")
        yield wl
        wl.ledger.close()
    else:
        from tests import pg

        with pg.fresh_database(pg.require_server()) as url:
            wl = build_ledger(url)
            yield wl
            wl.ledger.close()


def test_hand_results_point_into_their_texts() -> None:
    for res in hand_results():
        text = res.document.text
        for c in res.claims:
            assert text[c.evidence.start:c.evidence.end] == c.evidence.text
            for sp in (c.figure, c.claimant, c.perpetrator):
                if sp is not None:
                    assert text[sp.start:sp.end] == sp.text
        for p in res.places:
            assert text[p.start:p.end] == p.name


def test_build_ledger_clusters_the_maiduguri_reports_apart_from_the_others(web_ledger: WebLedger) -> None:
    maid = web_ledger.event_of(0)
    assert maid and maid != "None"
    assert web_ledger.event_of(1) == maid  # the hospital's seven joins the police's seven
    assert web_ledger.event_of(2) not in (maid, None)
    assert web_ledger.event_of(3) not in (maid, web_ledger.event_of(2))
