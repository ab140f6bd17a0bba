"""Exports of the ledger's events: CSV, JSON Lines, GeoJSON or Parquet, in reportedly's own
columns or in those of UCDP GED and ACLED.

Values are the ledger's current ones: events are rebuilt from reviewers' corrections, so an
export never shows a figure a reviewer corrected. Columns of the foreign schemas are filled
wherever reportedly has the value and left empty where it has none (UCDP's dyad and
conflict ids, ACLED's actor interaction codes for armed actors); ``notes`` (ACLED) and
``source_original`` (UCDP) spell out every claim, and any disagreement between claimants.

ACLED's ``fatalities`` is the event's ``low`` killed figure, after ACLED's rule of coding
the most conservative report; UCDP's ``low``/``best``/``high`` are the event's own.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from reportedly.model import ACCIDENT

if TYPE_CHECKING:
    from reportedly.store import EventFilter, Ledger

FORMATS = ("csv", "jsonl", "geojson", "parquet")
SCHEMAS = ("native", "ucdp", "acled")

# (column, type) per schema; types: str, int, float, bool
NATIVE_COLUMNS: list[tuple[str, str]] = [
    ("id", "str"), ("event_type", "str"), ("sub_event_type", "str"), ("place", "str"), ("country", "str"),
    ("admin1", "str"), ("admin2", "str"), ("latitude", "float"), ("longitude", "float"),
    ("geo_precision", "int"), ("date_start", "str"), ("date_end", "str"), ("date_precision", "str"),
    ("status", "str"), ("verified", "bool"), ("aggregate", "bool"),
    ("killed_low", "int"), ("killed_best", "int"), ("killed_high", "int"),
    ("injured_low", "int"), ("injured_best", "int"), ("injured_high", "int"),
    ("number_of_sources", "int"), ("n_claims", "int"), ("n_documents", "int"),
    ("claimants", "str"), ("perpetrators", "str"), ("contradictions", "str"), ("doc_ids", "str"),
]
UCDP_COLUMNS: list[tuple[str, str]] = [
    ("id", "str"), ("relid", "str"), ("year", "int"), ("type_of_violence", "int"),
    ("side_a", "str"), ("side_b", "str"), ("number_of_sources", "int"),
    ("source_article", "str"), ("source_office", "str"), ("source_date", "str"), ("source_headline", "str"),
    ("source_original", "str"), ("where_prec", "int"), ("where_coordinates", "str"),
    ("where_description", "str"), ("adm_1", "str"), ("adm_2", "str"), ("latitude", "float"),
    ("longitude", "float"), ("geom_wkt", "str"), ("country", "str"), ("event_clarity", "int"),
    ("date_prec", "int"), ("date_start", "str"), ("date_end", "str"), ("deaths_a", "int"),
    ("deaths_b", "int"), ("deaths_civilians", "int"), ("deaths_unknown", "int"),
    ("best", "int"), ("high", "int"), ("low", "int"),
]
ACLED_COLUMNS: list[tuple[str, str]] = [
    ("event_id_cnty", "str"), ("event_date", "str"), ("year", "int"), ("time_precision", "int"),
    ("disorder_type", "str"), ("event_type", "str"), ("sub_event_type", "str"), ("actor1", "str"),
    ("assoc_actor_1", "str"), ("inter1", "int"), ("actor2", "str"), ("civilian_targeting", "str"),
    ("iso", "int"), ("country", "str"), ("admin1", "str"), ("admin2", "str"), ("location", "str"),
    ("latitude", "float"), ("longitude", "float"), ("geo_precision", "int"), ("source", "str"),
    ("source_scale", "str"), ("notes", "str"), ("fatalities", "int"), ("timestamp", "int"),
]
COLUMNS = {"native": NATIVE_COLUMNS, "ucdp": UCDP_COLUMNS, "acled": ACLED_COLUMNS}


@lru_cache(maxsize=1)
def labels() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        Path(__file__).with_name("store").joinpath("data", "export_labels.json").read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=512)
def _country(alpha2: str | None) -> tuple[str | None, str | None, int | None]:
    """(name, ISO alpha-3, ISO numeric) of an ISO alpha-2 code."""
    if not alpha2:
        return None, None, None
    import pycountry

    c = pycountry.countries.get(alpha_2=alpha2.upper())
    if c is None:
        return alpha2, None, None
    return getattr(c, "common_name", None) or c.name, c.alpha_3, int(c.numeric)


def _fat(rec: dict[str, Any], kind: str, which: str) -> int | None:
    r = (rec.get("fatalities") or {}).get(kind)
    return int(r[which]) if r and r.get(which) is not None else None


def _group_best(rec: dict[str, Any], group: str, kind: str = "killed") -> int | None:
    r = ((rec.get("fatalities_by_group") or {}).get(group) or {}).get(kind)
    return int(r["best"]) if r and r.get("best") is not None else None


def _join(items: Iterable[Any]) -> str | None:
    seen: list[str] = []
    for x in items:
        s = "" if x is None else " ".join(str(x).split())
        if s and s not in seen:
            seen.append(s)
    return "; ".join(seen) or None


def _figure(c: dict[str, Any]) -> str:
    q = {"at_least": "at least ", "more_than": "more than ", "at_most": "up to ", "approx": "about ",
         "vague": "about "}.get(c.get("qualifier") or "", "")
    group = "" if c.get("group") in (None, "unknown") else f" {str(c['group']).replace('_', ' ')}"
    stance = {"hedged": " (hedged)", "denied": " (denied)"}.get(c.get("stance") or "", "")
    return f"{q}{c.get('value')}{group} {c.get('kind')}{stance}"


def claims_summary(rec: dict[str, Any]) -> str | None:
    """Every claim of an event in one line: "Police: 12 killed; a medic: 15 killed"."""
    parts = []
    for c in rec.get("claims") or []:
        who = c.get("claimant") or c.get("outlet") or "unattributed"
        parts.append(f"{who}: {_figure(c)}")
    return _join(parts)


def disagreement(rec: dict[str, Any]) -> str | None:
    """The contradictions of an event in words, or None."""
    out = []
    for k in rec.get("contradictions") or []:
        between = " vs ".join(str(b) for b in k.get("between") or [] if b)
        field = k.get("field", "")
        what = {"killed": "the number killed", "injured": "the number injured",
                "perpetrator": "who did it", "denial": "whether it happened as reported"}.get(field, field)
        out.append(f"Sources disagree on {what}" + (f": {between}" if between else ""))
    return _join(out)


def perpetrators(rec: dict[str, Any]) -> list[str]:
    ps = rec.get("perpetrators") or []
    ranked = sorted(ps, key=lambda p: (-len(p.get("sources") or p.get("claimants") or []), p.get("name", "")))
    names = [p.get("name") for p in ranked if p.get("name")]
    if not names:
        names = sorted({c["perpetrator"] for c in rec.get("claims") or [] if c.get("perpetrator")})
    return names


def _loc(rec: dict[str, Any]) -> dict[str, Any]:
    return rec.get("location") or {}


def _town(loc: dict[str, Any]) -> str | None:
    """The town of an event's place (a site's town: see :func:`reportedly.geo.town_of`)."""
    from reportedly.geo import town_of

    return town_of(loc.get("name"), loc.get("feature"), loc.get("geonames_id"))


def native_row(rec: dict[str, Any], docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    loc = _loc(rec)
    return {
        "id": rec.get("id"), "event_type": rec.get("event_type"), "sub_event_type": rec.get("sub_event_type"),
        "place": loc.get("name"), "country": loc.get("country"), "admin1": loc.get("admin1"),
        "admin2": loc.get("admin2"), "latitude": rec.get("lat", loc.get("lat")),
        "longitude": rec.get("lon", loc.get("lon")), "geo_precision": loc.get("precision"),
        "date_start": rec.get("date_start"), "date_end": rec.get("date_end"),
        "date_precision": rec.get("precision"), "status": rec.get("status"),
        "verified": rec.get("verified") is not None, "aggregate": bool(rec.get("aggregate")),
        "killed_low": _fat(rec, "killed", "low"), "killed_best": _fat(rec, "killed", "best"),
        "killed_high": _fat(rec, "killed", "high"), "injured_low": _fat(rec, "injured", "low"),
        "injured_best": _fat(rec, "injured", "best"), "injured_high": _fat(rec, "injured", "high"),
        "number_of_sources": rec.get("number_of_sources"), "n_claims": len(rec.get("claims") or []),
        "n_documents": len(rec.get("doc_ids") or []), "claimants": claims_summary(rec),
        "perpetrators": _join(perpetrators(rec)), "contradictions": disagreement(rec),
        "doc_ids": _join(rec.get("doc_ids") or []),
    }


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def _where_prec(loc: dict[str, Any]) -> int | None:
    if not loc:
        return None
    if loc.get("precision") == 2:
        return 2
    by_feature = labels()["ucdp_where_prec_by_feature"]
    if loc.get("feature") in by_feature:
        return int(by_feature[loc["feature"]])
    return {1: 1, 3: 4}.get(loc.get("precision") or 0)


def _date_prec(rec: dict[str, Any]) -> int | None:
    prec = rec.get("precision")
    ds, de = rec.get("date_start"), rec.get("date_end")
    if prec == "day" and ds and de and de != ds:
        try:
            days = (_dt.date.fromisoformat(de) - _dt.date.fromisoformat(ds)).days
        except ValueError:
            return None
        return 2 if days <= 6 else 3 if days <= 7 else 4
    value = labels()["ucdp_date_prec"].get(prec)
    return int(value) if value is not None else None


def _doc_list(rec: dict[str, Any], docs: dict[str, dict[str, Any]], key: str) -> list[Any]:
    return [docs.get(d, {}).get(key) for d in rec.get("doc_ids") or []]


def ucdp_row(rec: dict[str, Any], docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    loc = _loc(rec)
    lat, lon = rec.get("lat", loc.get("lat")), rec.get("lon", loc.get("lon"))
    name, _, _ = _country(loc.get("country"))
    etype = rec.get("event_type")
    tov = labels()["ucdp_type_of_violence_by_event_type"].get(etype)
    if tov is None and etype == "battles" and _group_best(rec, "security_forces") is not None:
        tov = 1  # state forces took part: state-based
    perps = perpetrators(rec)
    articles = [_join([d.get("source"), d.get("published"), d.get("title")]) for d in
                (docs.get(i, {}) for i in rec.get("doc_ids") or [])]
    return {
        "id": rec.get("id"), "relid": rec.get("id"), "year": _year(rec.get("date_start")),
        "type_of_violence": tov,
        "side_a": perps[0] if perps else None,
        "side_b": "Civilians" if etype == "violence_against_civilians" else None,
        "number_of_sources": rec.get("number_of_sources"),
        "source_article": _join(articles),
        "source_office": _join(_doc_list(rec, docs, "source")),
        "source_date": _join(_doc_list(rec, docs, "published")),
        "source_headline": _join(_doc_list(rec, docs, "title")),
        "source_original": _join([claims_summary(rec), disagreement(rec)]),
        "where_prec": _where_prec(loc),
        "where_coordinates": _join([_town(loc), loc.get("admin1"), name]) if loc else None,
        "where_description": loc.get("name"), "adm_1": loc.get("admin1"), "adm_2": loc.get("admin2"),
        "latitude": lat, "longitude": lon,
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else None,
        "country": name, "event_clarity": 2 if rec.get("aggregate") else 1,
        "date_prec": _date_prec(rec), "date_start": rec.get("date_start"), "date_end": rec.get("date_end"),
        "deaths_a": None, "deaths_b": None,
        "deaths_civilians": _group_best(rec, "civilians"), "deaths_unknown": _group_best(rec, "unknown"),
        "best": _fat(rec, "killed", "best"), "high": _fat(rec, "killed", "high"),
        "low": _fat(rec, "killed", "low"),
    }


def acled_row(rec: dict[str, Any], docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    loc = _loc(rec)
    L = labels()
    name, alpha3, numeric = _country(loc.get("country"))
    etype, sub = rec.get("event_type"), rec.get("sub_event_type")
    perps = perpetrators(rec)
    stamps = [str(d["ingested_at"]) for d in (docs.get(i, {}) for i in rec.get("doc_ids") or [])
              if d.get("ingested_at")]
    ts = None
    if stamps:  # when reportedly last changed what it knows of the event (ACLED's timestamp)
        latest = _dt.datetime.fromisoformat(max(stamps))
        ts = int((latest if latest.tzinfo else latest.replace(tzinfo=_dt.UTC)).timestamp())
    civ = (etype == "violence_against_civilians" or _group_best(rec, "civilians") is not None)
    notes = _join([
        f"On {rec.get('date_start')}" + (f" in {loc.get('name')}" if loc.get("name") else "") + "."
        if rec.get("date_start") else None,
        claims_summary(rec), disagreement(rec),
        "Cumulative toll over several incidents." if rec.get("aggregate") else None,
    ])
    killed_low = _fat(rec, "killed", "low")
    return {
        "event_id_cnty": f"{alpha3 or 'XXX'}{str(rec.get('id', '')).removeprefix('ev-')}",
        "event_date": rec.get("date_start"), "year": _year(rec.get("date_start")),
        "time_precision": L["acled_time_precision"].get(rec.get("precision")),
        "disorder_type": L["acled_disorder_type_by_sub_event"].get(sub) or L["acled_disorder_type"].get(etype),
        "event_type": L["acled_event_type"].get(etype), "sub_event_type": L["acled_sub_event_type"].get(sub),
        "actor1": perps[0] if perps else None, "assoc_actor_1": _join(perps[1:]),
        "inter1": L["acled_inter1_by_event_type"].get(etype),
        "actor2": "Civilians" if etype == "violence_against_civilians" else None,
        "civilian_targeting": "Civilian targeting" if civ else None,
        "iso": numeric, "country": name, "admin1": loc.get("admin1"), "admin2": loc.get("admin2"),
        "location": _town(loc), "latitude": rec.get("lat", loc.get("lat")),
        "longitude": rec.get("lon", loc.get("lon")), "geo_precision": loc.get("precision"),
        "source": _join(_doc_list(rec, docs, "source")), "source_scale": None, "notes": notes,
        "fatalities": killed_low if killed_low is not None else 0, "timestamp": ts,
    }


ROWS = {"native": native_row, "ucdp": ucdp_row, "acled": acled_row}


def export_rows(records: Iterable[dict[str, Any]], schema: str,
                docs: dict[str, dict[str, Any]] | None = None) -> Iterator[dict[str, Any]]:
    """Flat rows of event records in a schema's columns (``docs``: doc id -> metadata)."""
    if schema not in ROWS:
        raise ValueError(f"unknown schema {schema!r}: expected one of {', '.join(SCHEMAS)}")
    fn = ROWS[schema]
    for rec in records:
        yield fn(rec, docs or {})


def _records_with_docs(ledger: Ledger, flt: EventFilter | None, schema: str = "native",
                       batch: int = 500) -> Iterator[tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]]:
    buf: list[dict[str, Any]] = []
    for rec in ledger.iter_events(flt):
        if schema != "native" and rec.get("event_type") == ACCIDENT:
            continue  # UCDP and ACLED code violence: an accident is none (GUIDELINES.md)
        buf.append(rec)
        if len(buf) >= batch:
            yield buf, ledger.documents_meta({d for r in buf for d in r.get("doc_ids") or []})
            buf = []
    if buf:
        yield buf, ledger.documents_meta({d for r in buf for d in r.get("doc_ids") or []})


def _geometry(row: dict[str, Any]) -> dict[str, Any] | None:
    lat, lon = row.get("latitude"), row.get("longitude")
    if lat is None or lon is None:
        return None
    return {"type": "Point", "coordinates": [lon, lat]}


def _arrow_schema(schema: str) -> Any:
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    return pa.schema([(name, types[t]) for name, t in COLUMNS[schema]])


def write_export(ledger: Ledger, out: IO[bytes], *, format: str = "csv", schema: str = "native",
                 filter: EventFilter | None = None) -> int:
    """Write the ledger's events to a binary stream; returns the number of events written.

    ``native`` JSON Lines holds the full event records (claims, perpetrators,
    contradictions); every other combination writes the schema's flat columns. The ``ucdp``
    and ``acled`` schemas leave out the records of accidents (``model.ACCIDENT``).
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}: expected one of {', '.join(FORMATS)}")
    if schema not in SCHEMAS:
        raise ValueError(f"unknown schema {schema!r}: expected one of {', '.join(SCHEMAS)}")
    names = [c for c, _ in COLUMNS[schema]]
    n = 0
    if format == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        arrow_schema = _arrow_schema(schema)
        writer = pq.ParquetWriter(out, arrow_schema)
        try:
            for recs, docs in _records_with_docs(ledger, filter, schema):
                rows = list(export_rows(recs, schema, docs))
                writer.write_table(pa.Table.from_pylist(rows, schema=arrow_schema))
                n += len(rows)
            if n == 0:
                writer.write_table(pa.Table.from_pylist([], schema=arrow_schema))
        finally:
            writer.close()
        return n
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        if format == "csv":
            w = csv.DictWriter(text, fieldnames=names, extrasaction="ignore", lineterminator="\n")
            w.writeheader()
        elif format == "geojson":
            text.write('{"type": "FeatureCollection", "features": [\n')
        for recs, docs in _records_with_docs(ledger, filter, schema):
            rows = list(export_rows(recs, schema, docs))
            for rec, row in zip(recs, rows, strict=True):
                if format == "csv":
                    w.writerow({k: ("" if v is None else v) for k, v in row.items()})
                elif format == "jsonl":
                    text.write(json.dumps(rec if schema == "native" else row, ensure_ascii=False,
                                          sort_keys=schema == "native") + "\n")
                else:
                    feature = {"type": "Feature", "id": rec.get("id"), "geometry": _geometry(row),
                               "properties": row}
                    text.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
                n += 1
        if format == "geojson":
            text.write("\n]}\n")
        text.flush()
    finally:
        text.detach()
    return n


__all__ = ["COLUMNS", "FORMATS", "SCHEMAS", "acled_row", "claims_summary", "disagreement", "export_rows",
           "native_row", "ucdp_row", "write_export"]
