"""Converting between the shared dataclasses and the ledger's flat rows."""

from __future__ import annotations

import datetime as _dt
import math
from typing import Any

from reportedly.model import (
    CLAIMANT_TYPES,
    GROUPS,
    KINDS,
    QUALIFIERS,
    RECORD_TYPES,
    STANCES,
    SUB_EVENT_TYPES,
    Claim,
    Evidence,
    Location,
    Mention,
    Place,
    Span,
    Statement,
    TimeRef,
    content_hash,
)


class CorrectionError(ValueError):
    """A correction names an unknown field or gives a value the field cannot take."""


def clean_text(s: str | None) -> str | None:
    """Text safe for every backend: NUL (refused by PostgreSQL) becomes U+FFFD, one for one."""
    if s is None:
        return None
    return s.replace("\x00", "\ufffd")


def _span_cols(prefix: str, span: Span | None) -> dict[str, Any]:
    if span is None:
        return {prefix: None, f"{prefix}_start": None, f"{prefix}_end": None}
    return {prefix: clean_text(span.text), f"{prefix}_start": span.start, f"{prefix}_end": span.end}


def claim_id(doc_id: str, claim: Claim) -> str:
    """Content hash of the document id, the evidence offsets, the kind and the value.

    The figure's offset and the victim group are added so that two claims of one sentence
    ("12 killed, including 5 children") keep distinct ids.
    """
    fig = claim.figure.start if claim.figure else ""
    part = "" if claim.evidence.part == "text" else f"|{claim.evidence.part}"  # a headline claim's offsets
    return content_hash(f"{doc_id}|{claim.evidence.start}|{claim.evidence.end}|{claim.kind}|"
                        f"{claim.value}|{claim.group}|{fig}{part}")


def claim_row(doc_id: str, idx: int, cid: str, c: Claim) -> dict[str, Any]:
    loc = c.location
    t = c.time
    row: dict[str, Any] = {
        "id": cid, "doc_id": doc_id, "idx": idx,
        "kind": c.kind, "value": int(c.value), "qualifier": c.qualifier, "victim_group": c.group,
        "claimant_type": c.claimant_type, "stance": c.stance, "aggregate": bool(c.aggregate),
        "event_type": c.event_type, "sub_event_type": c.sub_event_type,
        "evidence_start": c.evidence.start, "evidence_end": c.evidence.end,
        "evidence": clean_text(c.evidence.text) or "",
        "evidence_part": None if c.evidence.part == "text" else c.evidence.part,
        "event_id": None,
    }
    row.update(_span_cols("claimant", c.claimant))
    row.update(_span_cols("perpetrator", c.perpetrator))
    row.update(_span_cols("figure", c.figure))
    row.update({
        "location": clean_text(loc.name) if loc else None,
        "location_start": loc.start if loc else None,
        "location_end": loc.end if loc else None,
        "geonames_id": loc.geonames_id if loc else None,
        "lat": _finite(loc.lat) if loc else None,
        "lon": _finite(loc.lon) if loc else None,
        "country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None,
        "admin2": loc.admin2 if loc else None,
        "geo_precision": loc.precision if loc else None,
        "feature": loc.feature if loc else None,
        "time_text": clean_text(t.text) if t else None,
        "time_start": t.start if t else None,
        "time_end": t.end if t else None,
        "date_start": t.date_start if t else None,
        "date_end": t.date_end if t else None,
        "date_precision": t.precision if t else None,
    })
    return row


def _finite(x: float | None) -> float | None:
    if x is None or not math.isfinite(x):
        return None
    return float(x)


def _span(row: dict[str, Any], prefix: str) -> Span | None:
    text = row.get(prefix)
    if text is None:
        return None
    start, end = row.get(f"{prefix}_start"), row.get(f"{prefix}_end")
    return Span(text=text, start=-1 if start is None else start, end=-1 if end is None else end)


def claim_from_row(row: dict[str, Any]) -> Claim:
    """The claim a (possibly corrected) row describes."""
    loc = None
    if row.get("location") is not None or row.get("lat") is not None:
        loc = Location(name=row.get("location") or "", start=row.get("location_start"),
                       end=row.get("location_end"), geonames_id=row.get("geonames_id"),
                       lat=row.get("lat"), lon=row.get("lon"), country=row.get("country"),
                       admin1=row.get("admin1"), admin2=row.get("admin2"),
                       precision=row.get("geo_precision"), feature=row.get("feature"))
    t = None
    if row.get("time_text") is not None or row.get("date_start") is not None:
        t = TimeRef(text=row.get("time_text") or "", start=row.get("time_start"), end=row.get("time_end"),
                    date_start=row.get("date_start"), date_end=row.get("date_end"),
                    precision=row.get("date_precision"))
    return Claim(
        kind=row["kind"], value=int(row["value"]), qualifier=row["qualifier"], group=row["victim_group"],
        claimant=_span(row, "claimant"), claimant_type=row["claimant_type"], stance=row["stance"],
        aggregate=bool(row["aggregate"]), event_type=row.get("event_type"),
        sub_event_type=row.get("sub_event_type"), perpetrator=_span(row, "perpetrator"),
        location=loc, time=t,
        evidence=Evidence(start=row["evidence_start"], end=row["evidence_end"], text=row["evidence"],
                          part=row.get("evidence_part") or "text"),
        figure=_span(row, "figure"),
    )


def statement_row(doc_id: str, idx: int, s: Statement) -> dict[str, Any]:
    row: dict[str, Any] = {"doc_id": doc_id, "idx": idx}
    row.update(_span_cols("speaker", s.speaker))
    row.update(_span_cols("speaker_as_written", s.speaker_as_written))
    row.update(_span_cols("cue", s.cue))
    row.update(_span_cols("content", s.content))
    return row


def statement_from_row(row: dict[str, Any]) -> Statement:
    cue, content = _span(row, "cue"), _span(row, "content")
    assert cue is not None and content is not None
    return Statement(speaker=_span(row, "speaker"), cue=cue, content=content,
                     speaker_as_written=_span(row, "speaker_as_written"))


def mention_row(doc_id: str, idx: int, m: Mention) -> dict[str, Any]:
    return {"doc_id": doc_id, "idx": idx, "event_type": m.event_type, "sub_event_type": m.sub_event_type,
            "trigger": clean_text(m.trigger.text) or "", "trigger_start": m.trigger.start,
            "trigger_end": m.trigger.end, "evidence": clean_text(m.evidence.text) or "",
            "evidence_start": m.evidence.start, "evidence_end": m.evidence.end}


def mention_from_row(row: dict[str, Any]) -> Mention:
    return Mention(event_type=row["event_type"], sub_event_type=row.get("sub_event_type"),
                   trigger=Span(row["trigger"], row["trigger_start"], row["trigger_end"]),
                   evidence=Evidence(row["evidence_start"], row["evidence_end"], row["evidence"]))


def place_row(doc_id: str, idx: int, p: Place) -> dict[str, Any]:
    return {"doc_id": doc_id, "idx": idx, "name": clean_text(p.name) or "", "start": p.start, "end": p.end,
            "geonames_id": p.geonames_id, "lat": _finite(p.lat), "lon": _finite(p.lon),
            "country": p.country, "admin1": p.admin1, "feature": p.feature}


def place_from_row(row: dict[str, Any]) -> Place:
    return Place(name=row["name"], start=row["start"], end=row["end"], geonames_id=row.get("geonames_id"),
                 lat=row.get("lat"), lon=row.get("lon"), country=row.get("country"),
                 admin1=row.get("admin1"), feature=row.get("feature"))


# ---------------------------------------------------------------------------
# Corrections: which claim fields a reviewer may change, and how they map to columns.
# ---------------------------------------------------------------------------

def _choice(allowed: tuple[str, ...], nullable: bool = False):  # type: ignore[no-untyped-def]
    def check(v: Any) -> Any:
        if v is None and nullable:
            return None
        if v not in allowed:
            raise CorrectionError(f"{v!r} is not one of {', '.join(allowed)}")
        return v
    return check


def _int(lo: int, hi: int, nullable: bool = False):  # type: ignore[no-untyped-def]
    def check(v: Any) -> Any:
        if v is None and nullable:
            return None
        if isinstance(v, bool) or not isinstance(v, int | str):
            raise CorrectionError(f"{v!r} is not a whole number")
        try:
            n = int(v)
        except ValueError as exc:
            raise CorrectionError(f"{v!r} is not a whole number") from exc
        if not lo <= n <= hi:
            raise CorrectionError(f"{n} is outside {lo}..{hi}")
        return n
    return check


def _float(lo: float, hi: float):  # type: ignore[no-untyped-def]
    def check(v: Any) -> Any:
        if v is None:
            return None
        try:
            x = float(v)
        except (TypeError, ValueError) as exc:
            raise CorrectionError(f"{v!r} is not a number") from exc
        if not (math.isfinite(x) and lo <= x <= hi):
            raise CorrectionError(f"{v!r} is outside {lo}..{hi}")
        return x
    return check


def _text(max_len: int = 500):  # type: ignore[no-untyped-def]
    def check(v: Any) -> Any:
        if v is None:
            return None
        if not isinstance(v, str):
            raise CorrectionError(f"{v!r} is not text")
        v = clean_text(" ".join(v.split()))
        assert v is not None
        if len(v) > max_len:
            raise CorrectionError(f"text longer than {max_len} characters")
        return v or None
    return check


def _bool(v: Any) -> Any:
    if isinstance(v, bool):
        return v
    if v in ("true", "false"):
        return v == "true"
    raise CorrectionError(f"{v!r} is not true or false")


def _iso_date(v: Any) -> Any:
    if v is None:
        return None
    if not isinstance(v, str):
        raise CorrectionError(f"{v!r} is not a date")
    try:
        return _dt.date.fromisoformat(v).isoformat()
    except ValueError as exc:
        raise CorrectionError(f"{v!r} is not a YYYY-MM-DD date") from exc


ALL_SUB_EVENT_TYPES = tuple(s for subs in SUB_EVENT_TYPES.values() for s in subs)

# claim field (as in Claim.to_dict / the API) -> (column, validator)
CORRECTABLE: dict[str, tuple[str, Any]] = {
    "kind": ("kind", _choice(KINDS)),
    "value": ("value", _int(0, 10_000_000)),
    "qualifier": ("qualifier", _choice(QUALIFIERS)),
    "group": ("victim_group", _choice(GROUPS)),
    "claimant": ("claimant", _text()),
    "claimant_type": ("claimant_type", _choice(CLAIMANT_TYPES)),
    "stance": ("stance", _choice(STANCES)),
    "aggregate": ("aggregate", _bool),
    "event_type": ("event_type", _choice(RECORD_TYPES, nullable=True)),
    "sub_event_type": ("sub_event_type", _choice(ALL_SUB_EVENT_TYPES, nullable=True)),
    "perpetrator": ("perpetrator", _text()),
    "location": ("location", _text()),
    "geonames_id": ("geonames_id", _int(-(2**31), 2**31 - 1, nullable=True)),
    "lat": ("lat", _float(-90.0, 90.0)),
    "lon": ("lon", _float(-180.0, 180.0)),
    "country": ("country", _text(8)),
    "admin1": ("admin1", _text(200)),
    "admin2": ("admin2", _text(200)),
    "geo_precision": ("geo_precision", _int(1, 3, nullable=True)),
    "date_start": ("date_start", _iso_date),
    "date_end": ("date_end", _iso_date),
    "date_precision": ("date_precision", _choice(("day", "week", "month", "year"), nullable=True)),
}


def validate_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """Checked and normalised correction values, keyed by claim field name."""
    if not changes:
        raise CorrectionError("no changes given")
    out: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in CORRECTABLE:
            raise CorrectionError(f"{name!r} cannot be corrected (fields: {', '.join(CORRECTABLE)})")
        out[name] = CORRECTABLE[name][1](value)
    ds, de = out.get("date_start"), out.get("date_end")
    if ds and de and de < ds:
        raise CorrectionError("date_end is before date_start")
    return out


def apply_changes(row: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """A copy of a claim row with corrections (field name -> value) applied."""
    out = dict(row)
    for name, value in changes.items():
        col = CORRECTABLE[name][0]
        out[col] = value
        if col in ("claimant", "perpetrator", "location"):  # a corrected name no longer points into the text
            out[f"{col}_start"] = out[f"{col}_end"] = None
    if "date_start" in changes and "date_end" not in changes and changes["date_start"] is not None:
        if not out.get("date_end") or out["date_end"] < changes["date_start"]:
            out["date_end"] = changes["date_start"]
    return out


def row_to_claim_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A claim row as the API shows it: the claim's fields plus id, doc_id and event_id."""
    d = claim_from_row(row).to_dict()
    d["id"] = row["id"]
    d["doc_id"] = row["doc_id"]
    d["event_id"] = row.get("event_id")
    return d
