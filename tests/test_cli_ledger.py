"""`reportedly ingest / events / show / export` end to end, with the real pipeline.

The articles are invented, written for these tests.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from reportedly.cli import app
from reportedly.store import Ledger

ROOT = Path(__file__).resolve().parent.parent

ARTICLES = {
    "lamp-market.txt": (
        "Bomb kills 14 at Harbourtown market\n"
        "HARBOURTOWN, March 4 (Daily Lamp) - A bomb hidden in a vegetable cart exploded at the central "
        "market in Harbourtown on Monday, killing 14 people and wounding 30 others, police said.\n"
        "Police spokesman Tomas Reyes said the device was detonated shortly before noon, when the market "
        "was at its busiest. No group has said it carried out the attack.\n"),
    "wire-market.txt": (
        "Death toll in Harbourtown market bombing rises to 19\n"
        "The number of people killed by a bomb at a market in Harbourtown rose to 19 on Tuesday, a "
        "hospital director said. Dr Amina Sall said 22 of the wounded were still being treated.\n"
        "Police had earlier said 14 people were killed.\n"),
    "radio-clash.txt": (
        "Soldiers and rebels clash near Millbrook\n"
        "At least six soldiers were killed when rebels attacked an army post outside Millbrook late on "
        "Sunday, the defence ministry said in a statement. The ministry said 11 rebels also died.\n"),
    "gazette-protest.txt": (
        "Two protesters shot dead in Stonefield\n"
        "Two protesters were shot dead in Stonefield on Saturday when police opened fire on a crowd "
        "demanding lower fuel prices, witnesses said. The police said officers had fired in the air.\n"),
    "post-history.txt": (
        "A town that remembers\n"
        "More than 2,000 people have been killed in the province since the insurgency began ten years "
        "ago, according to a local rights group. Residents say the violence has emptied whole villages.\n"),
}


def write_articles(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A ledger built once by `reportedly ingest` from the articles above."""
    base = tmp_path_factory.mktemp("cli")
    arts = write_articles(base / "articles")
    db = str(base / "ledger.db")
    res = CliRunner().invoke(app, ["ingest", str(arts), "--db", db, "--quiet", "--published", "2024-03-05"])
    assert res.exit_code == 0, res.output
    assert "5 documents added, 0 skipped" in res.output
    return arts, db


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


@pytest.mark.slow
def test_ingest_twice_adds_nothing(built: tuple[Path, str]) -> None:
    arts, db = built
    with Ledger.open(db) as led:
        before = led.dump()
    res = run("ingest", str(arts), "--db", db, "--quiet")
    assert res.exit_code == 0, res.output
    assert "0 documents added, 5 skipped" in res.output
    with Ledger.open(db) as led:
        assert led.dump() == before
        assert led.counts()["claims"] > 0 and led.counts()["events"] > 0


@pytest.mark.slow
def test_events_in_every_format(built: tuple[Path, str]) -> None:
    _, db = built
    table = run("events", "--db", db)
    assert table.exit_code == 0 and "status" in table.output and "ev-" in table.output
    lines = run("events", "--db", db, "--format", "jsonl").output.splitlines()
    recs = [json.loads(x) for x in lines]
    assert recs and all(r["id"].startswith("ev-") and "claims" in r for r in recs)
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", db, "--format", "csv").output)))
    assert len(rows) == len(recs) and "killed_best" in rows[0]
    agg = [json.loads(x) for x in run("events", "--db", db, "--format", "jsonl", "--status", "aggregate")
           .output.splitlines()]
    assert all(r["status"] == "aggregate" for r in agg)
    near = run("events", "--db", db, "--near", "0,0", "--km", "1")
    assert near.exit_code == 0
    assert run("events", "--db", db, "--since", "March 4").exit_code == 2
    assert run("events", "--db", db, "--status", "fine").exit_code == 2
    assert run("events", "--db", db, "--near", "91,0").exit_code == 2


@pytest.mark.slow
def test_recluster_rebuilds_the_same_events(built: tuple[Path, str], tmp_path: Path) -> None:
    import shutil

    _, db = built
    copy = str(tmp_path / "copy.db")
    shutil.copy(db, copy)
    before = run("events", "--db", copy, "--format", "jsonl").output
    res = run("recluster", "--db", copy)
    assert res.exit_code == 0, res.output
    assert f"{len(before.splitlines())} events rebuilt" in res.output
    assert run("events", "--db", copy, "--format", "jsonl").output == before
    assert run("recluster", "--db", str(tmp_path / "none.db")).exit_code == 1


@pytest.mark.slow
def test_show_puts_claims_beside_their_evidence(built: tuple[Path, str]) -> None:
    _, db = built
    recs = [json.loads(x) for x in run("events", "--db", db, "--format", "jsonl").output.splitlines()]
    ev = max(recs, key=lambda r: len(r["claims"]))
    out = run("show", ev["id"], "--db", db)
    assert out.exit_code == 0, out.output
    for c in ev["claims"]:
        assert " ".join(c["evidence"].split())[:40] in " ".join(out.output.split())
    as_json = json.loads(run("show", ev["id"], "--db", db, "--format", "json").output)
    assert as_json["id"] == ev["id"] and as_json["claim_details"]
    missing = run("show", "ev-0000", "--db", db)
    assert missing.exit_code == 1


@pytest.mark.slow
def test_export_files(built: tuple[Path, str], tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    _, db = built
    for schema, first in (("ucdp", "id"), ("acled", "event_id_cnty"), ("native", "id")):
        out = tmp_path / f"{schema}.csv"
        res = run("export", "--db", db, "--schema", schema, "--format", "csv", "-o", str(out))
        assert res.exit_code == 0, res.output
        assert out.read_text().split(",", 1)[0] == first
    pq_out = tmp_path / "e.parquet"
    assert run("export", "--db", db, "--format", "parquet", "--schema", "acled", "-o", str(pq_out)).exit_code == 0
    assert pq.read_table(pq_out).num_rows > 0
    gj = run("export", "--db", db, "--format", "geojson")
    assert json.loads(gj.output)["type"] == "FeatureCollection"
    assert run("export", "--db", db, "--format", "xlsx").exit_code == 2


def test_missing_ledger_is_an_error_not_a_new_file(tmp_path: Path) -> None:
    db = tmp_path / "absent.db"
    res = run("events", "--db", str(db))
    assert res.exit_code == 1 and not db.exists()


@pytest.mark.slow
def test_cli_ingest_killed_with_sigkill_resumes_to_the_same_ledger(tmp_path: Path) -> None:
    arts = write_articles(tmp_path / "articles")
    for i in range(6):  # more documents so that the kill lands mid-run
        (arts / f"extra-{i}.txt").write_text(
            f"Attack in Harbourtown\nGunmen killed {i + 2} villagers near Harbourtown on Sunday, "
            f"a local official told reporters in bulletin number {i}.\n", encoding="utf-8")
    code = "from reportedly.cli import main; main()"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def ingest(db: Path) -> subprocess.Popen[bytes]:
        return subprocess.Popen([sys.executable, "-c", code, "ingest", str(arts), "--db", str(db), "--quiet",
                                 "--batch-size", "1", "--published", "2024-03-05"],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    whole = tmp_path / "whole.db"
    assert ingest(whole).wait(timeout=900) == 0
    killed = tmp_path / "killed.db"
    p = ingest(killed)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and p.poll() is None:
        if killed.exists():
            try:
                with Ledger.open(killed, migrate=False) as led:
                    if led.counts()["documents"] >= 1:
                        break
            except Exception:  # noqa: BLE001 - the schema may not be there yet
                pass
        time.sleep(0.05)
    os.kill(p.pid, signal.SIGKILL)
    p.wait(timeout=60)
    with Ledger.open(killed) as led:
        stored = led.counts()["documents"]
    assert 0 < stored < len(list(arts.iterdir())), "the kill did not land mid-run"
    resumed = ingest(killed)
    out, _ = resumed.communicate(timeout=900)
    assert resumed.returncode == 0
    assert f"{stored} skipped" in out.decode()
    with Ledger.open(whole) as a, Ledger.open(killed) as b:
        assert a.dump() == b.dump()
