"""The seed article: its places and the places and times of its gold claims (resolution only).

Claims are rebuilt from the seed gold's evidence and figure, without location or time, so
this checks the resolve stage whatever the claims extractor does.
"""

from __future__ import annotations

import json

import pytest

from reportedly.model import Claim, DocumentResult, Evidence, Span
from reportedly.options import Options
from tests.conftest import need_shared


@pytest.fixture(scope="module")
def seed_result() -> DocumentResult:
    from reportedly.evaluate import read_documents
    from reportedly.geo.component import extract_places
    from reportedly.resolve import resolve_batch

    seed = need_shared("seed")
    res = next(extract_places(read_documents(seed), Options()))
    gold = json.loads((seed / "gold.json").read_text(encoding="utf-8"))
    text = res.document.text
    for g in gold["claims"]:
        s = text.index(g["evidence"])
        ev = Evidence(s, s + len(g["evidence"]), g["evidence"])
        figure = f"{g['value']:,}" if g["value"] >= 1000 else str(g["value"])
        f = text.find(figure, s)
        if f < 0 and g["value"] == 1000:
            f = text.find("1,000", s)
            figure = "1,000"
        res.claims.append(Claim(kind=g["kind"], value=g["value"], evidence=ev, aggregate=g["aggregate"],
                                figure=Span(figure, f, f + len(figure)) if f >= 0 else None))
    resolve_batch([res], Options())
    return res


@pytest.mark.slow
def test_seed_places(seed_result: DocumentResult) -> None:
    by_name = {p.name: p for p in seed_result.places}
    jisr = by_name["Jisr al-Shughour"]
    assert (jisr.geonames_id, jisr.country, jisr.admin1) == (169023, "SY", "Idlib")
    assert by_name["Damascus"].country == "SY"
    assert by_name["Syria"].country == "SY"
    assert "Jisr al-Shagour" in by_name and by_name["Jisr al-Shagour"].geonames_id == 169023


@pytest.mark.slow
def test_seed_claim_locations(seed_result: DocumentResult) -> None:
    got = {c.value: c.location for c in seed_result.claims}
    for value in (120, 42, 70):
        loc = got[value]
        assert loc is not None and loc.geonames_id == 169023 and loc.precision == 1, value
    assert got[1000] is not None and got[1000].country == "SY" and got[1000].precision == 3


@pytest.mark.slow
def test_seed_claim_times(seed_result: DocumentResult) -> None:
    times = {c.value: c.time for c in seed_result.claims}
    assert times[120] is not None and times[120].iso == "2011-06-06"
    assert times[42] is not None and times[42].iso == "2011-06-04/2011-06-06"
    assert times[70] is not None and times[70].date_start == "1980-01-01" and times[70].precision == "year"
    for t in times.values():
        assert t is None or "2017" not in (t.iso or "")  # the copyright line
