"""Read-side queries of the web app over the ledger's tables (SQLAlchemy Core).

The ledger store owns the tables (:mod:`reportedly.store.schema`) and the review operations;
this module only reads: filtered and paginated event lists, map points, the fatalities
timeline, places and the audit log. Every filter value is a bound parameter, and ``LIKE``
patterns are escaped, so user input never becomes SQL.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from reportedly.model import EVENT_STATUSES, RECORD_TYPES
from reportedly.store import schema as S

EARTH_KM = 6371.0088
SORTS = ("date_desc", "date_asc", "killed_desc", "sources_desc")
# Statuses one can filter on: the clusterer's, plus the human "verified" mark.
FILTER_STATUSES: tuple[str, ...] = (*EVENT_STATUSES, "verified", "unverified")


class FilterError(ValueError):
    """A filter value that cannot be understood (answered with 422)."""


@dataclass(frozen=True)
class EventFilters:
    since: str | None = None  # ISO date: events ending on or after it
    until: str | None = None  # ISO date: events starting on or before it
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    near: tuple[float, float] | None = None  # lat, lon
    km: float = 50.0
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    q: str | None = None
    country: str | None = None
    aggregates: bool = True
    sort: str = "date_desc"

    def to_params(self) -> dict[str, str]:
        """The query-string form of these filters (for links between pages)."""
        p: dict[str, str] = {}
        if self.since:
            p["since"] = self.since
        if self.until:
            p["until"] = self.until
        if self.bbox:
            p["bbox"] = ",".join(_num(x) for x in self.bbox)
        if self.near:
            p["near"] = f"{_num(self.near[0])},{_num(self.near[1])}"
            p["km"] = _num(self.km)
        if self.types:
            p["type"] = ",".join(self.types)
        if self.statuses:
            p["status"] = ",".join(self.statuses)
        if self.q:
            p["q"] = self.q
        if self.country:
            p["country"] = self.country
        if not self.aggregates:
            p["aggregates"] = "false"
        if self.sort != "date_desc":
            p["sort"] = self.sort
        return p


def _num(x: float) -> str:
    return f"{x:.6f}".rstrip("0").rstrip(".")


def parse_date(value: str | None, name: str) -> str | None:
    if value is None or not value.strip():
        return None
    v = value.strip()
    try:
        if len(v) == 4 and v.isdigit():
            return dt.date(int(v), 1, 1).isoformat()
        if len(v) == 7:
            return dt.date.fromisoformat(v + "-01").isoformat()
        return dt.date.fromisoformat(v).isoformat()
    except ValueError as exc:
        raise FilterError(f"{name}: expected a date YYYY-MM-DD, got {value!r}") from exc


def _end_of(value: str | None, raw: str | None) -> str | None:
    """``until=2011`` means the end of 2011; ``until=2011-06`` the end of June."""
    if value is None or raw is None:
        return value
    r = raw.strip()
    d = dt.date.fromisoformat(value)
    if len(r) == 4:
        return dt.date(d.year, 12, 31).isoformat()
    if len(r) == 7:
        nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return (nxt - dt.timedelta(days=1)).isoformat()
    return value


def _floats(value: str, n: int, name: str) -> list[float]:
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != n:
        raise FilterError(f"{name}: expected {n} comma-separated numbers")
    try:
        nums = [float(p) for p in parts]
    except ValueError as exc:
        raise FilterError(f"{name}: expected {n} comma-separated numbers") from exc
    if not all(math.isfinite(x) for x in nums):
        raise FilterError(f"{name}: numbers must be finite")
    return nums


def _csv(value: str | None, allowed: tuple[str, ...], name: str) -> tuple[str, ...]:
    if not value:
        return ()
    out = []
    for part in value.split(","):
        p = part.strip()
        if not p:
            continue
        if p not in allowed:
            raise FilterError(f"{name}: {p!r} is not one of {', '.join(allowed)}")
        if p not in out:
            out.append(p)
    return tuple(out)


def parse_filters(
    *, since: str | None = None, until: str | None = None, bbox: str | None = None,
    near: str | None = None, km: float | None = None, type: str | None = None,
    status: str | None = None, q: str | None = None, country: str | None = None,
    aggregates: bool = True, sort: str | None = None, place_lookup: Any = None,
) -> EventFilters:
    """Filters from query-string values; :class:`FilterError` for anything malformed.

    ``near`` is ``lat,lon`` or a place name, looked up with ``place_lookup(name)``.
    """
    s = parse_date(since, "since")
    u = _end_of(parse_date(until, "until"), until)
    if s and u and s > u:
        raise FilterError("since is after until")
    box = None
    if bbox and bbox.strip():
        w, so, e, n = _floats(bbox, 4, "bbox")
        if not (-90 <= so <= 90 and -90 <= n <= 90 and so <= n):
            raise FilterError("bbox: expected west,south,east,north with -90 <= south <= north <= 90")
        if not (-180 <= w <= 180 and -180 <= e <= 180):
            raise FilterError("bbox: longitudes must lie in [-180, 180]")
        box = (w, so, e, n)
    point = None
    if near and near.strip():
        try:
            lat, lon = _floats(near, 2, "near")
        except FilterError:
            found = place_lookup(near.strip()) if place_lookup else None
            if found is None:
                raise FilterError(f"near: no known place is called {near.strip()!r}") from None
            lat, lon = found
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise FilterError("near: latitude must lie in [-90, 90] and longitude in [-180, 180]")
        point = (lat, lon)
    radius = 50.0 if km is None else float(km)
    if not math.isfinite(radius) or radius <= 0 or radius > 20_000:
        raise FilterError("km: expected a distance in (0, 20000]")
    srt = (sort or "date_desc").strip()
    if srt not in SORTS:
        raise FilterError(f"sort: {srt!r} is not one of {', '.join(SORTS)}")
    text = q.strip() if q else None
    if text and len(text) > 200:
        raise FilterError("q: at most 200 characters")
    cc = country.strip().upper() if country and country.strip() else None
    if cc and not (len(cc) == 2 and cc.isalpha()):
        raise FilterError("country: expected an ISO 3166-1 alpha-2 code")
    return EventFilters(
        since=s, until=u, bbox=box, near=point, km=radius,
        types=_csv(type, RECORD_TYPES, "type"), statuses=_csv(status, FILTER_STATUSES, "status"),
        q=text or None, country=cc, aggregates=aggregates, sort=srt,
    )


def like_pattern(text: str) -> str:
    """A ``LIKE`` pattern matching ``text`` anywhere, with ``%``, ``_`` and ``\\`` escaped."""
    esc = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{esc}%"


def _bbox_of_radius(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    dlat = math.degrees(km / EARTH_KM)
    coslat = math.cos(math.radians(lat))
    dlon = 180.0 if coslat < 1e-6 else min(180.0, math.degrees(km / (EARTH_KM * coslat)))
    south, north = max(-90.0, lat - dlat), min(90.0, lat + dlat)
    if dlon >= 180.0 or north >= 90.0 or south <= -90.0:
        return (-180.0, south, 180.0, north)
    west, east = lon - dlon, lon + dlon
    if west < -180:
        west += 360
    if east > 180:
        east -= 360
    return (west, south, east, north)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _box_clause(box: tuple[float, float, float, float]) -> sa.ColumnElement[bool]:
    e = S.events.c
    w, so, ea, n = box
    lat_ok = sa.and_(e.lat >= so, e.lat <= n)
    if w <= ea:
        return sa.and_(lat_ok, e.lon >= w, e.lon <= ea)
    return sa.and_(lat_ok, sa.or_(e.lon >= w, e.lon <= ea))  # across the antimeridian


def verified_ids() -> sa.Select[Any]:
    r = S.event_reviews.c
    return sa.select(r.event_id).where(r.active.is_(True))


def _where(f: EventFilters) -> list[sa.ColumnElement[bool]]:
    e = S.events.c
    conds: list[sa.ColumnElement[bool]] = []
    if f.since:  # written so that the date indexes serve it
        conds.append(sa.or_(e.date_end >= f.since, sa.and_(e.date_end.is_(None), e.date_start >= f.since)))
    if f.until:
        conds.append(e.date_start <= f.until)
    if f.bbox:
        conds.append(_box_clause(f.bbox))
    if f.near:
        conds.append(_box_clause(_bbox_of_radius(f.near[0], f.near[1], f.km)))
    if f.types:
        conds.append(e.event_type.in_(f.types))
    plain = [s for s in f.statuses if s in EVENT_STATUSES]
    status_conds: list[sa.ColumnElement[bool]] = []
    if plain:
        status_conds.append(e.status.in_(plain))
    if "verified" in f.statuses:
        status_conds.append(e.id.in_(verified_ids()))
    if "unverified" in f.statuses:
        status_conds.append(e.id.not_in(verified_ids()))
    if status_conds:
        conds.append(sa.or_(*status_conds))
    if f.country:
        conds.append(e.country == f.country)
    if not f.aggregates:
        conds.append(e.aggregate.is_(False))
    if f.q:
        pat = like_pattern(f.q)
        c = S.claims.c
        in_claims = sa.select(c.event_id).where(
            c.event_id.is_not(None),
            sa.or_(
                sa.func.lower(c.claimant).like(pat, escape="\\"),
                sa.func.lower(c.perpetrator).like(pat, escape="\\"),
                sa.func.lower(c.location).like(pat, escape="\\"),
            ),
        )
        conds.append(sa.or_(
            sa.func.lower(e.place).like(pat, escape="\\"),
            sa.func.lower(e.admin1).like(pat, escape="\\"),
            e.id == f.q,
            e.id.in_(in_claims),
        ))
    return conds


def _order(f: EventFilters) -> list[Any]:
    """Undated events last in every order (NULLS LAST: SQLite's natural order for DESC, so its
    date index still serves the default order)."""
    e = S.events.c
    if f.sort == "date_asc":
        return [e.date_start.asc().nulls_last(), e.id]
    if f.sort == "killed_desc":
        return [e.killed_best.desc().nulls_last(), e.date_start.desc().nulls_last(), e.id]
    if f.sort == "sources_desc":
        return [e.number_of_sources.desc(), e.date_start.desc().nulls_last(), e.id]
    return [e.date_start.desc().nulls_last(), e.id.desc()]


LIST_COLUMNS = (
    "id", "event_type", "sub_event_type", "place", "country", "admin1", "lat", "lon",
    "geo_precision", "date_start", "date_end", "date_precision", "status", "aggregate",
    "killed_low", "killed_best", "killed_high", "injured_low", "injured_best", "injured_high",
    "number_of_sources", "n_claims", "n_documents",
)


def _row_dict(row: Any) -> dict[str, Any]:
    return {k: getattr(row, k) for k in LIST_COLUMNS}


@dataclass
class Page:
    items: list[dict[str, Any]]
    total: int
    page: int
    per_page: int
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page)) if self.per_page else 1


def _near_filter(conn: Connection, f: EventFilters, base: sa.Select[Any]) -> list[str]:
    """Ids of events within ``f.km`` of ``f.near``, in list order (exact distance, in Python)."""
    assert f.near is not None
    e = S.events.c
    rows = conn.execute(base.with_only_columns(e.id, e.lat, e.lon)).all()
    lat0, lon0 = f.near
    return [r.id for r in rows if r.lat is not None and r.lon is not None
            and haversine_km(lat0, lon0, r.lat, r.lon) <= f.km]


def _near_ids(conn: Connection, f: EventFilters) -> list[str]:
    """Ids of the events within ``f.km`` of ``f.near`` matching ``f``, in list order."""
    e = S.events.c
    return _near_filter(conn, f, sa.select(e.id).where(*_where(f)).order_by(*_order(f)))


def count_events(conn: Connection, f: EventFilters) -> int:
    if f.near:
        return len(_near_ids(conn, f))
    return int(conn.execute(sa.select(sa.func.count()).select_from(S.events).where(*_where(f))).scalar_one())


def list_events(conn: Connection, f: EventFilters, page: int = 1, per_page: int = 50,
                total: int | None = None) -> Page:
    """One page of events matching ``f``, with the total count and who verified each.

    The page is read with LIMIT/OFFSET in the list order (which the date index serves); a
    radius filter is exact, so its candidates (from a bounding box) are checked in Python.
    ``total``: the count when the caller has it already (see :func:`summary`).
    """
    e = S.events.c
    cols = [getattr(e, k) for k in LIST_COLUMNS]
    offset = (page - 1) * per_page
    if f.near:
        ids = _near_ids(conn, f)
        total = len(ids)
        chosen = ids[offset: offset + per_page]
        got = conn.execute(sa.select(*cols).where(e.id.in_(chosen))).all() if chosen else []
        by_id = {r.id: r for r in got}
        items = [_row_dict(by_id[i]) for i in chosen if i in by_id]
    else:
        if total is None:
            total = count_events(conn, f)
        q = sa.select(*cols).where(*_where(f)).order_by(*_order(f)).limit(per_page).offset(offset)
        items = [_row_dict(r) for r in conn.execute(q)]
    attach_verified(conn, items)
    return Page(items=items, total=int(total), page=page, per_page=per_page)


def attach_verified(conn: Connection, items: list[dict[str, Any]]) -> None:
    ids = [it["id"] for it in items]
    if not ids:
        return
    r = S.event_reviews.c
    rows = conn.execute(
        sa.select(r.event_id, r.verified_by, r.verified_at)
        .where(r.event_id.in_(ids), r.active.is_(True)).order_by(r.id)
    ).all()
    ver = {row.event_id: {"by": row.verified_by, "at": _iso(row.verified_at)} for row in rows}
    for it in items:
        it["verified"] = ver.get(it["id"])


def _iso(t: Any) -> str | None:
    if t is None:
        return None
    if isinstance(t, dt.datetime):
        if t.tzinfo is None:
            t = t.replace(tzinfo=dt.UTC)
        return t.isoformat(timespec="seconds")
    return str(t)


MAP_FIELDS = ("id", "lat", "lon", "place", "date", "date_end", "status", "event_type", "killed", "injured",
              "aggregate")


def map_points(conn: Connection, f: EventFilters, limit: int = 20_000) -> dict[str, Any]:
    """The matching events that have coordinates, newest first, as compact rows:
    ``{"fields": [...], "points": [[...], ...], "count": n, "truncated": bool}``."""
    e = S.events.c
    cols = [e.id, e.lat, e.lon, e.place, e.date_start, e.date_end, e.status, e.event_type,
            e.killed_best, e.injured_best, e.aggregate]
    q = sa.select(*cols).where(*_where(f), e.lat.is_not(None), e.lon.is_not(None)).order_by(*_order(f))
    if f.near:
        keep = set(_near_filter(conn, f, q))
        rows = [r for r in conn.execute(q).all() if r[0] in keep][:limit + 1]
    else:
        rows = list(conn.execute(q.limit(limit + 1)).all())
    truncated = len(rows) > limit
    points = [[r[0], round(r[1], 4), round(r[2], 4), r[3], r[4], r[5], r[6], r[7], r[8], r[9], bool(r[10])]
              for r in rows[:limit]]
    return {"fields": list(MAP_FIELDS), "points": points, "count": len(points), "truncated": truncated}


def map_features(conn: Connection, f: EventFilters, limit: int = 20_000) -> dict[str, Any]:
    """The same points as a GeoJSON FeatureCollection."""
    data = map_points(conn, f, limit)
    feats = []
    for p in data["points"]:
        props = dict(zip(MAP_FIELDS, p, strict=True))
        feats.append({"type": "Feature", "id": p[0], "geometry": {"type": "Point", "coordinates": [p[2], p[1]]},
                      "properties": {k: v for k, v in props.items() if k not in ("lat", "lon")}})
    return {"type": "FeatureCollection", "features": feats, "truncated": data["truncated"]}


def summary(conn: Connection, f: EventFilters) -> tuple[int, dict[str, Any]]:
    """The number of matching events and their :func:`timeline`, from ONE grouped query (the
    database adds up per date; only the dates come back)."""
    e = S.events.c
    q = (sa.select(e.date_start, e.aggregate, sa.func.sum(e.killed_best), sa.func.sum(e.injured_best),
                   sa.func.count())
         .where(*_where(f)).group_by(e.date_start, e.aggregate))
    if f.near:
        q = q.where(e.id.in_(_near_ids(conn, f)))
    total = 0
    per_day: dict[str, list[int]] = {}
    for d, agg, k, i, n in conn.execute(q):
        total += int(n)
        if d is None or agg:
            continue
        acc = per_day.setdefault(str(d)[:10], [0, 0, 0])
        acc[0] += int(k or 0)
        acc[1] += int(i or 0)
        acc[2] += int(n)
    return total, _timeline(per_day)


def timeline(conn: Connection, f: EventFilters) -> dict[str, Any]:
    """Killed (best) and injured per bucket of time over the matching incidents.

    The bucket (day, month or year) is chosen so that the span fits in about 120 bars.
    Aggregates (cumulative tolls) are left out: they would count incidents twice.
    """
    return summary(conn, f)[1]


def _timeline(per_day: dict[str, list[int]]) -> dict[str, Any]:
    days: list[tuple[dt.date, int, int, int]] = []
    for iso, (k, i, n) in per_day.items():
        try:
            days.append((dt.date.fromisoformat(iso), k, i, n))
        except ValueError:
            continue
    if not days:
        return {"unit": "day", "buckets": [], "max_killed": 0, "total_killed": 0, "total_injured": 0}
    days.sort()
    span = (days[-1][0] - days[0][0]).days
    unit = "day" if span <= 120 else "month" if span <= 120 * 30 else "year"

    def key(d: dt.date) -> str:
        return d.isoformat() if unit == "day" else f"{d.year:04d}-{d.month:02d}" if unit == "month" else f"{d.year:04d}"

    killed: Counter[str] = Counter()
    injured: Counter[str] = Counter()
    events: Counter[str] = Counter()
    for d, k, i, n in days:
        killed[key(d)] += k
        injured[key(d)] += i
        events[key(d)] += n
    keys = _fill(days[0][0], days[-1][0], unit)
    buckets: list[dict[str, Any]] = [{"key": k, "killed": killed[k], "injured": injured[k], "events": events[k]}
                                     for k in keys]
    return {
        "unit": unit, "buckets": buckets, "max_killed": max(killed.values(), default=0),
        "total_killed": sum(killed.values()), "total_injured": sum(injured.values()),
    }


def _fill(first: dt.date, last: dt.date, unit: str) -> list[str]:
    out: list[str] = []
    if unit == "day":
        d = first
        while d <= last:
            out.append(d.isoformat())
            d += dt.timedelta(days=1)
    elif unit == "month":
        y, m = first.year, first.month
        while (y, m) <= (last.year, last.month):
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        out = [f"{y:04d}" for y in range(first.year, last.year + 1)]
    return out


def list_places(conn: Connection, q: str | None = None, country: str | None = None,
                page: int = 1, per_page: int = 100) -> Page:
    """Places named in the ledger's documents, grouped by name and coordinates, most named first."""
    p = S.places.c
    conds: list[sa.ColumnElement[bool]] = []
    if q:
        conds.append(sa.func.lower(p.name).like(like_pattern(q), escape="\\"))
    if country:
        conds.append(p.country == country)
    n = sa.func.count().label("mentions")
    nd = sa.func.count(sa.distinct(p.doc_id)).label("documents")
    groups = (p.name, p.geonames_id, p.lat, p.lon, p.country, p.admin1)
    q0 = sa.select(*groups, n, nd).where(*conds).group_by(*groups)
    total = conn.execute(sa.select(sa.func.count()).select_from(q0.subquery())).scalar_one()
    rows = conn.execute(q0.order_by(n.desc(), p.name).limit(per_page).offset((page - 1) * per_page)).all()
    items = [{"name": r.name, "geonames_id": r.geonames_id, "lat": r.lat, "lon": r.lon,
              "country": r.country, "admin1": r.admin1, "mentions": int(r.mentions),
              "documents": int(r.documents)} for r in rows]
    return Page(items=items, total=int(total), page=page, per_page=per_page)


def lookup_place(conn: Connection, name: str) -> tuple[float, float] | None:
    """Coordinates of a place by name: the ledger's most often resolved reading of it."""
    p = S.places.c
    row = conn.execute(
        sa.select(p.lat, p.lon, sa.func.count().label("n"))
        .where(sa.func.lower(p.name) == name.lower(), p.lat.is_not(None), p.lon.is_not(None))
        .group_by(p.lat, p.lon).order_by(sa.desc("n")).limit(1)
    ).first()
    if row is not None:
        return float(row.lat), float(row.lon)
    e = S.events.c
    row = conn.execute(
        sa.select(e.lat, e.lon).where(sa.func.lower(e.place) == name.lower(), e.lat.is_not(None))
        .limit(1)
    ).first()
    return (float(row.lat), float(row.lon)) if row is not None else None


def audit_entries(conn: Connection, *, target_type: str | None = None, target_ids: list[str] | None = None,
                  user: str | None = None, audit_id: int | None = None, limit: int = 200,
                  offset: int = 0) -> list[dict[str, Any]]:
    a = S.audit_log.c
    conds: list[sa.ColumnElement[bool]] = []
    if audit_id is not None:
        conds.append(a.id == audit_id)
    if target_type:
        conds.append(a.target_type == target_type)
    if target_ids is not None:
        if not target_ids:
            return []
        conds.append(a.target_id.in_(target_ids))
    if user:
        conds.append(a.user == user)
    rows = conn.execute(sa.select(S.audit_log).where(*conds).order_by(a.id.desc()).limit(limit).offset(offset)).all()
    return [audit_dict(r) for r in rows]


def audit_dict(r: Any) -> dict[str, Any]:
    return {"id": r.id, "user": r.user, "at": _iso(r.at), "action": r.action,
            "target_type": r.target_type, "target_id": r.target_id, "before": r.before, "after": r.after}


def event_ids_of_claims(conn: Connection, claim_ids: list[str]) -> dict[str, str | None]:
    c = S.claims.c
    if not claim_ids:
        return {}
    rows = conn.execute(sa.select(c.id, c.event_id).where(c.id.in_(claim_ids))).all()
    return {r.id: r.event_id for r in rows}


def counts(conn: Connection) -> dict[str, int]:
    out = {}
    for name, t in (("documents", S.documents), ("claims", S.claims), ("events", S.events)):
        out[name] = int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one())
    return out
