"""Exports: native, UCDP GED and ACLED columns as CSV, JSONL, GeoJSON and Parquet."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from reportedly.export import COLUMNS, FORMATS, SCHEMAS, acled_row, ucdp_row, write_export
from reportedly.store import EventFilter, Ledger
from tests.test_store import FakeClusterer, corpus, make_claim, result


@pytest.fixture
def ledger(tmp_path: Any) -> Any:
    led = Ledger.open(tmp_path / "e.db", clusterer=FakeClusterer())
    led.ingest_results(corpus())
    yield led
    led.close()


def export(ledger: Ledger, fmt: str, schema: str, flt: EventFilter | None = None) -> bytes:
    buf = io.BytesIO()
    write_export(ledger, buf, format=fmt, schema=schema, filter=flt)
    return buf.getvalue()


def harbourtown(rows: list[dict[str, Any]], key: str) -> dict[str, Any]:
    return next(r for r in rows if r[key] == "Harbourtown")


@pytest.mark.parametrize("schema", SCHEMAS)
def test_csv_has_the_schema_columns(ledger: Ledger, schema: str) -> None:
    rows = list(csv.DictReader(io.StringIO(export(ledger, "csv", schema).decode())))
    assert len(rows) == 4
    assert list(rows[0]) == [c for c, _ in COLUMNS[schema]]


def test_ucdp_columns(ledger: Ledger) -> None:
    rows = list(csv.DictReader(io.StringIO(export(ledger, "csv", "ucdp").decode())))
    h = harbourtown(rows, "where_description")
    assert (h["low"], h["best"], h["high"]) == ("12", "12", "15")
    assert h["year"] == "2024" and h["date_start"] == "2024-03-04" and h["date_prec"] == "1"
    assert h["type_of_violence"] == "3" and h["side_b"] == "Civilians"
    assert h["where_prec"] == "1" and h["geom_wkt"] == "POINT (20.25 10.5)"
    assert "Police: 12 killed" in h["source_original"] and "a medic: 15 killed" in h["source_original"]
    assert set(h["source_office"].split("; ")) == {"Daily Lamp", "Evening Wire"}
    stone = next(r for r in rows if r["where_description"] == "Stonefield")
    assert stone["deaths_civilians"] == "3" and stone["best"] == "3"
    agg = next(r for r in rows if r["where_description"] == "")
    assert agg["event_clarity"] == "2"


def test_acled_columns(ledger: Ledger) -> None:
    rows = [json.loads(line) for line in export(ledger, "jsonl", "acled").decode().splitlines()]
    h = harbourtown(rows, "location")
    assert h["event_type"] == "Violence against civilians" and h["disorder_type"] == "Political violence"
    assert h["fatalities"] == 12  # ACLED codes the most conservative figure
    assert h["event_date"] == "2024-03-04" and h["year"] == 2024 and h["time_precision"] == 1
    assert h["civilian_targeting"] == "Civilian targeting"
    assert "Police: 12 killed" in h["notes"] and "a medic: 15 killed" in h["notes"]
    assert isinstance(h["timestamp"], int) and h["timestamp"] > 1_600_000_000
    mill = next(r for r in rows if r["location"] == "Millbrook")
    assert mill["event_type"] == "Battles" and mill["fatalities"] == 4


def test_notes_spell_out_a_contradiction() -> None:
    rec = {"id": "ev-1", "event_type": "battles", "date_start": "2011-06-06", "precision": "day",
           "location": {"name": "Jisr", "country": "SY", "lat": 35.8, "lon": 36.3, "precision": 1,
                        "feature": "city"},
           "fatalities": {"killed": {"low": 30, "best": 30, "high": 120}},
           "fatalities_by_group": {"security_forces": {"killed": {"low": 120, "best": 120, "high": 120}}},
           "perpetrators": [{"name": "armed gangs", "claimants": ["state TV"], "sources": ["state tv"]},
                            {"name": "defectors", "claimants": ["an NGO"], "sources": ["ngo"]}],
           "claims": [{"claimant": "state TV", "kind": "killed", "value": 120, "qualifier": "exact",
                       "group": "security_forces", "stance": "asserted"},
                      {"claimant": "residents", "kind": "killed", "value": 30, "qualifier": "exact",
                       "group": "unknown", "stance": "hedged"}],
           "contradictions": [{"field": "perpetrator", "about": "", "sides": [["a"], ["b"]],
                               "between": ["state TV", "an NGO"]}],
           "doc_ids": ["d1"], "number_of_sources": 3, "status": "contested"}
    docs = {"d1": {"source": "Wire", "published": "2011-06-07", "title": "Clashes", "ingested_at":
                   "2024-01-01T00:00:00+00:00"}}
    a = acled_row(rec, docs)
    assert a["notes"].startswith("On 2011-06-06 in Jisr.")
    assert "Sources disagree on who did it: state TV vs an NGO" in a["notes"]
    assert "120 security forces killed" in a["notes"] and "30 killed (hedged)" in a["notes"]
    assert a["event_id_cnty"].startswith("SYR") and a["country"] == "Syria" and a["iso"] == 760
    assert a["actor1"] == "armed gangs" and a["assoc_actor_1"] == "defectors"
    assert a["timestamp"] == 1704067200
    u = ucdp_row(rec, docs)
    assert u["type_of_violence"] == 1 and u["side_a"] == "armed gangs"
    assert (u["low"], u["best"], u["high"]) == (30, 30, 120)
    assert u["source_article"] == "Wire; 2011-06-07; Clashes"


def test_native_jsonl_is_the_full_record_and_geojson_is_valid(ledger: Ledger) -> None:
    recs = [json.loads(line) for line in export(ledger, "jsonl", "native").decode().splitlines()]
    assert len(recs) == 4 and all("claims" in r and "fatalities" in r for r in recs)
    gj = json.loads(export(ledger, "geojson", "native"))
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == 4
    pts = [f for f in gj["features"] if f["geometry"]]
    assert len(pts) == 3 and all(f["geometry"]["type"] == "Point" for f in pts)
    h = next(f for f in pts if f["properties"]["place"] == "Harbourtown")
    assert h["geometry"]["coordinates"] == [20.25, 10.5]
    empty = json.loads(export(ledger, "geojson", "ucdp", EventFilter(status="verified")))
    assert empty == {"type": "FeatureCollection", "features": []}


@pytest.mark.parametrize("schema", SCHEMAS)
def test_parquet_round_trip(ledger: Ledger, schema: str) -> None:
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(export(ledger, "parquet", schema)))
    assert table.num_rows == 4
    assert table.column_names == [c for c, _ in COLUMNS[schema]]
    empty = pq.read_table(io.BytesIO(export(ledger, "parquet", schema, EventFilter(status="verified"))))
    assert empty.num_rows == 0 and empty.column_names == table.column_names


def test_exports_use_corrected_values(ledger: Ledger) -> None:
    medic = next(c for c in ledger.iter_claims() if c["figure"] and c["figure"]["text"] == "15 dead")
    ledger.correct_claim(medic["id"], {"value": 20}, user="ana")
    rows = list(csv.DictReader(io.StringIO(export(ledger, "csv", "native").decode())))
    h = harbourtown(rows, "place")
    assert h["killed_high"] == "20" and "a medic: 20 killed" in h["claimants"]


def test_unknown_format_or_schema(ledger: Ledger) -> None:
    assert "xlsx" not in FORMATS
    with pytest.raises(ValueError):
        export(ledger, "xlsx", "native")
    with pytest.raises(ValueError):
        export(ledger, "csv", "gtd")


def test_a_site_is_exported_at_its_town() -> None:
    # a street the gazetteer does not know carries its town's GeoNames id (Pittsburgh)
    rec = {"id": "ev-2", "event_type": "violence_against_civilians", "date_start": "2031-03-09",
           "precision": "day",
           "location": {"name": "Franklin Avenue", "geonames_id": 5206379, "lat": 40.44, "lon": -80.0,
                        "country": "US", "admin1": "Pennsylvania", "precision": 1, "feature": "site"},
           "fatalities": {"killed": {"low": 2, "best": 2, "high": 2}}, "claims": [], "doc_ids": [],
           "number_of_sources": 1, "status": "single_source"}
    a = acled_row(rec, {})
    assert a["location"] == "Pittsburgh" and "in Franklin Avenue" in a["notes"]
    u = ucdp_row(rec, {})
    assert u["where_coordinates"].startswith("Pittsburgh; Pennsylvania")
    assert u["where_description"] == "Franklin Avenue"
    # a town is its own
    rec["location"] = {**rec["location"], "name": "Wilkinsburg", "feature": "city"}
    assert acled_row(rec, {})["location"] == "Wilkinsburg"


def test_accident_records_stay_out_of_the_ucdp_and_acled_exports(tmp_path: Any) -> None:
    text = "A man was accidentally shot in Stonefield on Friday, police said."
    accident = result(text, [make_claim(text, "A man", "injured", value=1, claimant="police", claimant_type="police",
                                        place="Stonefield", date="2024-03-08", event_type="accident")])
    led = Ledger.open(tmp_path / "a.db", clusterer=FakeClusterer())
    try:
        led.ingest_results([*corpus(), accident])
        native = [json.loads(line) for line in export(led, "jsonl", "native").decode().splitlines()]
        assert len(native) == 5 and sum(r["event_type"] == "accident" for r in native) == 1
        for schema in ("ucdp", "acled"):
            rows = list(csv.DictReader(io.StringIO(export(led, "csv", schema).decode())))
            assert len(rows) == 4, schema
    finally:
        led.close()
