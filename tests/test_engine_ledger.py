"""A CC-NEWS-shaped WARC ingested through the local and Dask engines into ledgers.

The ledger must not depend on the engine, the number of workers or the backend, and a Dask
ingest killed with SIGKILL then started again must end with the same ledger as a run that
was never interrupted.
"""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reportedly.engine import Progress, run_ingest
from reportedly.options import Options
from tests import pg

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("engine_ledger")]

NAV = """<header><div class="brand">{outlet}</div>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/region">Region</a> |
<a href="/opinion">Opinion</a> | <a href="/subscribe">Subscribe</a> | <a href="/login">Sign in</a></nav></header>"""
FOOTER = """<aside><h3>Most read</h3><ul><li><a href="/a">Council approves new bus lanes</a></li>
<li><a href="/b">Local team wins the regional cup</a></li></ul></aside>
<footer><p>&copy; {outlet}. All rights reserved.</p><p><a href="/privacy">Privacy</a> |
<a href="/terms">Terms of use</a> | <a href="/contact">Contact us</a></p></footer>"""

# Hand-written reports of invented incidents, several outlets covering the same ones.
ARTICLES: list[dict[str, Any]] = [
    {"outlet": "Northern Ledger", "date": "2029-04-03", "title": "Gunmen kill 12 at Velmora market",
     "paras": ["Gunmen attacked the main market in the town of Velmora on Tuesday, killing at least 12 "
               "civilians, the provincial governor said on Wednesday.",
               "Another 20 people were wounded and taken to the district hospital, where doctors said "
               "several were in a critical condition.",
               "No group has said it carried out the attack. Traders said the gunmen arrived on motorcycles "
               "shortly after the market opened and fled towards the hills."]},
    {"outlet": "Coastal Herald", "date": "2029-04-03", "title": "Death toll in Velmora market attack rises",
     "paras": ["The number of people killed in Tuesday's attack on the Velmora market has risen to 15, "
               "a hospital official told reporters.",
               "A local rights group said 17 civilians died, including three children, and accused an armed "
               "group active in the hills of the killings.",
               "The armed group denied any role in a statement posted online on Wednesday."]},
    {"outlet": "Valley Times", "date": "2029-05-11", "title": "Roadside bomb kills three police officers near Ostrand",
     "paras": ["Three police officers were killed when a roadside bomb struck their patrol near Ostrand late on "
               "Sunday, the interior ministry said.",
               "Two other officers were injured in the blast, which happened on the road to the border crossing.",
               "The ministry said an investigation had been opened and that the area had been sealed off."]},
    {"outlet": "Northern Ledger", "date": "2029-05-11", "title": "Police patrol hit by bomb outside Ostrand",
     "paras": ["A bomb hidden beside the road outside Ostrand killed three officers on Sunday evening, police said.",
               "Residents said they heard a loud explosion shortly before nine and saw smoke rising from "
               "the highway.",
               "Officials said two wounded officers were in a stable condition."]},
    {"outlet": "Capital Daily", "date": "2029-06-20", "title": "Seven protesters shot dead in the capital",
     "paras": ["Security forces shot dead seven protesters and wounded dozens as they broke up a rally in the "
               "capital on Friday, medics at the scene said.",
               "The government said its forces had acted in self-defence and that 11 officers had been hurt "
               "by stones.",
               "Opposition leaders called for a general strike on Monday to mourn the dead."]},
    {"outlet": "Valley Times", "date": "2029-07-02", "title": "Shelling kills five in Karsk",
     "paras": ["Two children were among five people killed when shells hit the village of Karsk on Monday, "
               "a monitoring group said.",
               "The group said the shelling came from army positions to the east of the village, a claim "
               "the army rejected.",
               "Aid workers said dozens of families had fled towards the river since the weekend."]},
    {"outlet": "Coastal Herald", "date": "2029-08-14", "title": "Harbour cleanup begins after storm",
     "paras": ["Volunteers began clearing debris from the harbour on Thursday after a storm damaged dozens of "
               "fishing boats, the port authority said.",
               "No injuries were reported, and the authority said the harbour would reopen to traffic within a week.",
               "Fishermen said repairs would cost more than they could afford without help from the government."]},
    {"outlet": "Capital Daily", "date": "2029-09-09", "title": "Clashes near Drevna leave nine fighters dead",
     "paras": ["Nine fighters were killed in clashes between two armed groups near the town of Drevna on "
               "Saturday, according to a spokesman for one of the groups.",
               "The other group said it had lost four men and that 14 of its rivals had died.",
               "Residents said the fighting lasted several hours and damaged a school."]},
]


def page(a: dict[str, Any]) -> bytes:
    body = "\n".join(f"<p>{p}</p>" for p in a["paras"])
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{a['title']} - {a['outlet']}</title>
<meta property="og:site_name" content="{a['outlet']}">
<meta property="article:published_time" content="{a['date']}T08:00:00Z">
</head><body>{NAV.format(outlet=a['outlet'])}
<main><article><h1>{a['title']}</h1><p class="byline">By staff reporters</p>
{body}</article></main>{FOOTER.format(outlet=a['outlet'])}</body></html>"""
    return html.encode("utf-8")


def write_ccnews_warc(path: Path, articles: list[dict[str, Any]]) -> None:
    """Response records wrapping the pages, as CC-NEWS publishes them, with a request and an image."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "reportedly engine tests"}))
        for i, a in enumerate(articles):
            url = f"https://{a['outlet'].lower().replace(' ', '-')}.example/news/{i}"
            req = StatusAndHeaders(f"GET /news/{i} HTTP/1.1", [("Host", url.split("/")[2])], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=req))
            body = page(a)
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                               ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http,
                warc_headers_dict={"WARC-Date": "2030-01-01T00:00:00Z"}))
            if i == 2:
                img = b"\x89PNG\r\n\x1a\n not really"
                http = StatusAndHeaders("200 OK", [("Content-Type", "image/png"),
                                                   ("Content-Length", str(len(img)))], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(url + ".png", "response", payload=io.BytesIO(img),
                                                              http_headers=http))


def dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    from reportedly.store import Ledger

    ledger = Ledger.open(url)
    try:
        return ledger.dump()
    finally:
        ledger.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("warcio")
    path = tmp_path_factory.mktemp("ccnews") / "CC-NEWS-20290101000000-00001.warc.gz"
    write_ccnews_warc(path, ARTICLES)
    return path


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[Any, ...]]]:
    """The ledger of a plain run: one process, no engine workers."""
    url = f"sqlite:///{tmp_path_factory.mktemp('ref') / 'ref.db'}"
    report = run_ingest([str(corpus)], url, Options(), engine="local", workers=1, batch_size=3)
    assert (report.read, report.added, report.failed) == (len(ARTICLES), len(ARTICLES), 0)
    out = dump(url)
    assert len(out["documents"]) == len(ARTICLES)
    assert out["claims"], "the pages give claims: the comparison is not between empty ledgers"
    return out


@pytest.fixture
def pg_or_skip() -> Iterator[str]:
    with pg.fresh_database(pg.require_server()) as url:
        yield url


def test_engines_and_backends_give_the_same_ledger(corpus: Path, reference: dict[str, Any],
                                                   tmp_path: Path) -> None:
    seen: list[Progress] = []
    local = f"sqlite:///{tmp_path / 'local.db'}"
    rep = run_ingest([str(corpus)], local, Options(), engine="local", workers=2, batch_size=2,
                     progress=seen.append)
    assert (rep.engine, rep.workers, rep.added, rep.batches) == ("local", 2, len(ARTICLES), 4)
    assert seen and seen[-1].done == len(ARTICLES)
    assert dump(local) == reference
    dask = f"sqlite:///{tmp_path / 'dask.db'}"
    rep = run_ingest([str(corpus)], dask, Options(), engine="dask", workers=2, batch_size=2)
    assert (rep.engine, rep.workers, rep.added) == ("dask", 2, len(ARTICLES))
    assert dump(dask) == reference
    # again: everything is skipped before NLP
    rep = run_ingest([str(corpus)], dask, Options(), engine="local", workers=1, batch_size=2)
    assert (rep.resumed, rep.processed, rep.added) == (len(ARTICLES), 0, 0)
    assert dump(dask) == reference


@pytest.mark.postgres
def test_dask_engine_into_postgresql(corpus: Path, reference: dict[str, Any], pg_or_skip: str) -> None:
    rep = run_ingest([str(corpus)], pg_or_skip, Options(), engine="dask", workers=2, batch_size=3)
    assert rep.added == len(ARTICLES)
    assert dump(pg_or_skip) == reference


def _count_documents(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:  # not created yet
        return 0


def _ingest_cmd(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-c", "from reportedly.cli import main; main()", "ingest", str(corpus), "--db", f"sqlite:///{db}",
            "--engine", "dask", "--workers", "2", "--batch-size", "1", "--quiet"]


def test_kill_9_during_dask_ingest_then_rerun(corpus: Path, reference: dict[str, Any], tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # its own session, so that SIGKILL reaches the client and the Dask worker processes at once
    proc = subprocess.Popen(_ingest_cmd(corpus, db), cwd=tmp_path, env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    stored = 0
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and proc.poll() is None:
            stored = _count_documents(db)
            if stored >= 2:
                break
            time.sleep(0.05)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        out = proc.communicate(timeout=60)[0].decode(errors="replace")
    assert proc.returncode == -signal.SIGKILL, f"the run ended before it was killed:\n{out}"
    stored = _count_documents(db)
    assert 2 <= stored < len(ARTICLES), "killed mid-run"
    done = subprocess.run(_ingest_cmd(corpus, db), cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(ARTICLES) - stored} documents added, {stored} skipped" in done.stdout
    assert dump(f"sqlite:///{db}") == reference
