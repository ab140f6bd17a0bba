"""Resolve the places and times of extracted results (the stage after the spaCy components).

For each document:

- ``result.places``: every toponym of the text, resolved to GeoNames. The ``reportedly_places``
  component fills it from the text and spaCy's entities; results that arrive without it
  (built by hand, or from a pipeline without the component) get the gazetteer matcher alone.
- each claim's ``location``: the most specific place of the incident as written. The name the
  claims extractor gave, resolved (a name the gazetteer does not know, "Tokhar", stays as
  written at the coordinates of its town); or the place chosen from the claim's sentence (then
  the sentences before it in its paragraph, nearest first, then the article's lead) when the
  extractor gave none, or one outside the sentence, or a broader one. The choice prefers the
  place written right after the figure ("100 in Kfar Batna"), then the most specific place
  introduced by "in", "at", "near", "the town of". A venue or site ("the Cameo nightclub",
  "Excel Industries in Hesston", "Fort Hood's Soldier Readiness Center", "the club" for one
  named before) is named as the article first writes it, with the town that follows it, and
  placed at that town. Never a place inside the claimant ("Syrian state TV") or a demonym, where
  perpetrators fired from ("positioned in X"), where a speaker sits ("the ministry in Moscow
  said"), an office ("Harvey County Sheriff"), a city abroad when the sentence names no place
  and the city's sentence tells of no incident, or one of several sites the figure covers
  together (then their town). Word lists are ``geo/data/site_nouns.txt`` and
  ``geo/data/incident_places.json``. ``precision`` follows ACLED: 1 the place itself (a site
  too), 2 near it or a district/region, 3 a province or larger.
- each claim's ``time``: the expression the extractor gave, resolved against the publication
  date; or the expression in the claim's sentence closest to its figure (same clause first);
  or the first dated expression of the article's lead. The time is the incident's, not the
  statement's: an expression attached to a reporting verb ("said on Wednesday", "police on
  Saturday denied") yields to one attached to the violence in the same sentence ("killed ... on
  Tuesday", "Tuesday's bombing"), else in the sentences before it in its paragraph, else in the
  lead (never one later than the statement); the lead's fallback prefers an incident's time too.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, TypeVar

from reportedly.model import Claim, DocumentResult, Location, Place, ProcessingError, TimeRef
from reportedly.options import Options
from reportedly.time import TimeExpr, lowered

T = TypeVar("T")

_SENT_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘']?[A-Z0-9])|\n\s*\n|\n")
_CLAUSE = re.compile(r"[;:]|,\s|\s(?:and|but|while|whereas)\s")
_NEAR = re.compile(r"\b(?:near|outside|nearby|around|close\s+to|outskirts\s+of|on\s+the\s+outskirts\s+of|"
                   r"(?:km|kilometres|kilometers|miles)\s+(?:north|south|east|west|\w+)\s+of)\s+(?:the\s+)?"
                   r"(?:(?:town|city|village)\s+of\s+)?$", re.I)
_INCIDENT_PREP = re.compile(
    r"\b(?:in|at|near|outside|across|around|inside|into|on|hit|struck|shelled|bombed|attacked|stormed|"
    r"(?:towns?|city|cities|villages?|province|governorate|districts?|region|areas?|suburbs?|neighbou?rhoods?|"
    r"camps?|outskirts|countryside)\s+of)\s+(?:the\s+|an?\s+)?(?:(?:town|city|village)\s+of\s+)?$", re.I)
# The last word each of these two patterns can match before the white space that ends its text
# (a preposition, "of", "to", "the", "a"): elsewhere they are not searched (see ``_ends_with``).
_NEAR_LAST = frozenset({"near", "outside", "nearby", "around", "to", "of", "the"})
_INCIDENT_PREP_LAST = frozenset({"in", "at", "near", "outside", "across", "around", "inside", "into", "on", "hit",
                                 "struck", "shelled", "bombed", "attacked", "stormed", "of", "the", "a", "an"})
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
_ABBREV_DOT = re.compile(r"\.[A-Z]")
_BASED = re.compile(r"\s?-\s?based\b")
_WHOSE = re.compile(r"-(?:held|controlled|run|led|backed|based)$", re.I)
_SPECIFICITY = {"site": 3.5, "city": 3.0, "admin2": 2.5, "area": 2.5, "admin1": 2.0, "region": 1.0, "country": 1.0,
                "water": 0.5, "continent": 0.0}
_PRECISION = {"site": 1, "city": 1, "admin2": 2, "area": 2, "region": 3, "admin1": 3, "country": 3, "continent": 3,
              "water": 3}


def resolve_batch(results: list[DocumentResult], options: Options) -> list[DocumentResult]:
    """Fill ``places`` and each claim's resolved location and time, in place; returns the results."""
    for res in results:
        try:
            resolve_result(res, options)
        except Exception as exc:  # bad input must not stop a run
            res.errors.append(ProcessingError("resolve_failed",
                                              f"{res.document.name}: places and times not resolved: {exc}"))
    return results


# A period that ends an abbreviation inside a sentence: a title before a name ("Lt. Ann Roe", "St.
# Louis"), an initial ("Dashawn E. Smith", "916 W. Wildy St."), a month before its day ("Aug. 29"),
# "U.S." before a body of it ("U.S. Marshals"), "a.m."/"p.m." before the day or the time zone
# ("8:50 p.m. Wednesday", "7:30 p.m. ET").
_NO_END = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Lt|Sgt|Gov|Sen|Rep|Capt|Col|Gen|Det|Cpl|Supt|Insp|Rev|Ft|Mt|St)\.\s+(?=[A-Z])"
    r"|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No)\.\s+(?=\d)"
    r"|\bU\.S\.\s+(?=(?:Army|Navy|Air|Marines?|Marshals?|Attorneys?|Department|District|Rep|Sen|Senator|Highway|Route|"
    r"Coast|Border|Customs|Immigration|Secret|Postal|Park|Forest|Capitol|Embassy|Military|Naval|Bureau|Court|"
    r"Supreme|Justice|Senate|House|Congress|Census|Representative)\b)"
    r"|(?<![\w.])[A-Z]\.\s+(?=[A-Z][a-z])"
    r"|\b[ap]\.m\.\s+(?=(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|[ECMP][SD]?T\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d))")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a text, by punctuation and line breaks."""
    out = []
    pos = 0
    for m in _SENT_END.finditer(text):
        if text[m.start() - 1:m.start()] == "." and _abbreviation_before(text, m.start(), m.end()):
            continue
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _abbreviation_before(text: str, start: int, end: int) -> bool:
    """The break text[start:end] follows an abbreviation of ``_NO_END``, not a sentence's end."""
    return any(a.end() == end for a in _NO_END.finditer(text, max(0, start - 6), min(len(text), end + 40)))


def _paragraph_start(text: str, pos: int) -> int:
    i = text.rfind("\n\n", 0, pos)
    return 0 if i < 0 else i + 2


def _publication(res: DocumentResult, options: Options) -> dt.date | None:
    pub = res.document.published_date
    if pub is None and options.published:
        try:
            pub = dt.date.fromisoformat(options.published[:10])
        except ValueError:
            pub = None
    return pub


def resolve_result(res: DocumentResult, options: Options) -> DocumentResult:
    text = res.document.text
    if not text:
        return res
    sents = sentences(text)
    demonyms: set[int] = set()
    if options.resolve_places:
        from reportedly.geo import find_places

        if not res.places and not res.places_found:
            res.places = find_places(text)  # recognised from the text alone: no named entities came with it
        res.places.sort(key=lambda p: (p.start, p.end))
        demonyms = _demonyms(res.places)
    pub = _publication(res, options)
    lead_end = _lead_end(text, sents)
    main = _main_place(text, res.places, demonyms, lead_end) if res.claims and options.resolve_places else None
    for claim in res.claims:
        span = _claim_sentence(claim, sents, len(text))
        if options.resolve_places:
            _locate(claim, res.places, demonyms, text, sents, span, main)
        if options.resolve_times:
            _date(claim, text, pub, sents, span)
    return res


def _demonyms(places: Sequence[Place]) -> set[int]:
    """Indices of places written as a demonym or adjective ("Syrian", "French")."""
    from reportedly.geo import load
    from reportedly.geo.gazetteer import DEMONYM
    from reportedly.geo.normalize import name_key

    keys = {name_key(p.name) for p in places}
    found = load().lookup(keys)
    out = set()
    for i, p in enumerate(places):
        kinds = {k for _, k in found.get(name_key(p.name), [])}
        if kinds and kinds <= {DEMONYM}:
            out.add(i)
    return out


# Lists derived from a document's places or sentences, which every claim of the document asks
# for: the last answer per kind is kept with the list it came from (the same list object, of the
# same length, gives the same answer), so a document's claims do not each recompute them.
_DERIVED: dict[str, tuple[Sequence[Any], int, Any]] = {}


def _derived(kind: str, seq: Sequence[Any], fn: Callable[[Sequence[Any]], T]) -> T:
    hit = _DERIVED.get(kind)
    if hit is not None and hit[0] is seq and hit[1] == len(seq):
        value: T = hit[2]
        return value
    value = fn(seq)
    _DERIVED[kind] = (seq, len(seq), value)
    return value


def _starts_of(seq: Sequence[Any]) -> list[int]:
    return [x.start for x in seq] if seq and not isinstance(seq[0], tuple) else [x[0] for x in seq]


def _claim_sentence(claim: Claim, sents: list[tuple[int, int]], n: int) -> tuple[int, int]:
    ev = claim.evidence
    s, e = ev.start, max(ev.end, ev.start)
    if e <= s:
        return 0, 0
    starts = _derived("sent_starts", sents, _starts_of)
    i = bisect.bisect_right(starts, s) - 1
    first = sents[i][0] if i >= 0 and sents[i][0] <= s < sents[i][1] else s
    k = bisect.bisect_left(starts, e) - 1
    last = sents[k][1] if k >= 0 and sents[k][0] < e <= sents[k][1] else e
    return max(0, first), min(n, last)


def _anchor(claim: Claim) -> int:
    if claim.figure is not None:
        return claim.figure.start
    return claim.evidence.start


def _entry_of(p: Place):  # type: ignore[no-untyped-def]
    from reportedly.geo.gazetteer import Entry

    return Entry(p.geonames_id or 0, p.name, float(p.lat or 0.0), float(p.lon or 0.0), p.country, p.admin1,
                 None, p.feature or "city", 0)


def _precision(feature: str | None, near: bool) -> int:
    if near and feature in ("city", "admin2", "area", None):
        return 2
    return _PRECISION.get(feature or "city", 1)


def _fill(loc: Location, p: Place, near: bool) -> Location:
    loc.geonames_id, loc.lat, loc.lon = p.geonames_id, p.lat, p.lon
    loc.country, loc.admin1, loc.feature = p.country, p.admin1, p.feature
    loc.precision = _precision(p.feature, near)
    if p.geonames_id and p.feature == "city":
        loc.admin2 = _admin2_of(p.geonames_id)
    return loc


@lru_cache(maxsize=4096)
def _admin2_of(geonames_id: int) -> str | None:
    """A town's district, from the gazetteer (kept: a story names its towns again and again)."""
    from reportedly.geo import load

    entry = load().get(geonames_id)
    return entry.admin2 if entry is not None else None


def _ends_with(before: str, last: frozenset[str]) -> bool:
    r"""Whether ``before`` may end with one of the words ``last`` and white space, as a pattern
    ending ``word\s+$`` needs: in ASCII text its last run of word characters (lower case) must be
    one of them; text that is not ASCII may (the pattern decides)."""
    if not before.isascii():
        return True
    body = before.rstrip()
    if len(body) == len(before):
        return False  # no white space at the end
    tail = body[-12:].lower()
    i = len(tail)
    while i > 0 and tail[i - 1] in _WORD_CHARS:
        i -= 1
    return tail[i:] in last


def _search(pattern: re.Pattern[str], twin: re.Pattern[str] | None, part: str) -> bool:
    """``pattern.search(part)``, by its case-sensitive twin (``reportedly.time.lowered``) over
    ``part`` in lower case where ``part`` is ASCII."""
    if twin is not None and part.isascii():
        return twin.search(part.lower()) is not None
    return pattern.search(part) is not None


_NEAR_TWIN = lowered(_NEAR)
_INCIDENT_PREP_TWIN = lowered(_INCIDENT_PREP)


def _is_near(text: str, start: int) -> bool:
    before = text[max(0, start - 40):start]
    return _ends_with(before, _NEAR_LAST) and _search(_NEAR, _NEAR_TWIN, before)


def _incident_prep(before: str) -> bool:
    """``_INCIDENT_PREP`` searched in ``before``."""
    return _ends_with(before, _INCIDENT_PREP_LAST) and _search(_INCIDENT_PREP, _INCIDENT_PREP_TWIN, before)


_BROAD = ("country", "admin1", "region", "continent", "water")


def _locate(claim: Claim, places: list[Place], demonyms: set[int], text: str,
            sents: list[tuple[int, int]], span: tuple[int, int], main: Place | None = None) -> None:
    loc = claim.location
    if loc is not None and loc.lat is not None:
        return
    chosen = _choose_place(claim, places, demonyms, text, sents, span, main)
    if loc is not None and loc.name:
        given = _resolve_given(claim, loc, places, text, span, main)
        if given is None and chosen is None:
            # nothing better: the extractor's place, even when it names an office or a seat
            given = _resolve_given(claim, loc, places, text, span, main, strict=False)
        # the extractor's place stands unless the claim's own sentence names a place at least as
        # specific nearer the figure (or right after it: "100 in Kfar Batna"), or a place when the
        # given one is outside the sentence, or it is broad and a town or site of it is the
        # incident's, or a site of the given town is named ("at Excel Industries in Hesston")
        if given is not None:
            if chosen is None or (given.start is not None and given.end is not None
                                  and given.start <= chosen.start and chosen.end <= given.end):
                return
            local = span[0] <= chosen.start < span[1]
            given_local = given.start is not None and span[0] <= given.start < span[1]
            g_spec = _SPECIFICITY.get(given.feature or "city", 1.0)
            c_spec = _SPECIFICITY.get(chosen.feature or "city", 1.0)
            g_broad = given.feature in _BROAD or (given.end is not None and given.feature in ("city", "admin2")
                                                  and bool(_PROVINCE.match(text, given.end, given.end + 14)))
            if not ((local and c_spec >= g_spec) or (local and _attached(claim, text, chosen))
                    or (local and not given_local)
                    or (not given_local and given.start is not None and chosen.start > given.start
                        and c_spec >= g_spec)
                    or (g_broad and chosen.feature not in _BROAD and chosen.country == given.country)
                    or (chosen.feature == "site" and given.geonames_id is not None
                        and chosen.geonames_id == given.geonames_id)):
                return
    if chosen is not None:
        name, start, end = chosen.name, chosen.start, chosen.end
        if chosen.feature == "site" and _site_noun_of(name) is not None:
            # a site is named as the article first writes it ("Cameo nightclub", later "Cameo night club")
            first = _first_mention(text, name, start)
            if first is not None:
                start, end = first
                name = text[start:end]
        claim.location = _fill(Location(name=name, start=start, end=end), chosen, _is_near(text, chosen.start))


def _resolve_given(claim: Claim, loc: Location, places: list[Place], text: str, span: tuple[int, int],
                   main: Place | None, strict: bool = True) -> Location | None:
    """Resolve the location the claims extractor gave (in place); None when it does not resolve,
    or (``strict``) when it is where perpetrators or a speaker sit, an office or inside the claimant."""
    from reportedly.geo.toponyms import is_city_part

    if loc.end is not None and _BASED.match(text[loc.end:loc.end + 8]):
        return None  # "the Britain-based monitor": where a source sits, not where people died
    if strict and is_city_part(loc.name):
        return None  # "the Far South Side": only when the sentence names no place of its own
    cut = _owner_length(loc.name)
    if cut and loc.start is not None:
        loc.name, loc.start = loc.name[cut:], loc.start + cut
    if loc.start is not None and loc.end is not None:
        here = Place(loc.name, loc.start, loc.end)
        if strict and (_role_of(text, here) in ("origin", "seat", "organisation", "outlet") or _excluded(claim, here)):
            return None  # where perpetrators or a speaker sit, or a word of the claimant's name
    p = None
    if loc.start is not None and loc.end is not None:
        p = next((q for q in places if q.lat is not None and q.start < loc.end and loc.start < q.end), None)
    near = _is_near(text, loc.start) if loc.start is not None else False
    if strict and p is not None and _role_of(text, p) in ("origin", "seat", "organisation", "outlet"):
        return None  # "Harvey County Sheriff": an office, not a scene
    if p is not None and _role_of(text, p) == "site_name" and loc.end is not None and loc.end > p.end:
        return _given_site(claim, loc, places, text, span, main)  # "Baghdad Station" is not Baghdad
    if p is not None:
        if _dateline(text, p):
            return None  # where the report was filed
        if loc.start is not None and loc.end is not None and (p.start > loc.start or p.end < loc.end):
            rest = text[loc.start:p.start] + " " + text[p.end:loc.end]
            prefixes = _lexicon()["name_prefixes"]
            if p.end == loc.end and all(w.lower() in prefixes for w in text[loc.start:p.start].split()):
                rest = ""  # "Fort Hood": the whole name, though the gazetteer knows "Hood"
            glued = [w for w in rest.split() if w[:1].isupper()]
            if glued and p.feature not in ("country", "continent", "admin1", "region") and _unknown_name(glued) \
                    and not any(
                    q is not p and q.lat is not None and loc.start < q.end and q.start < loc.end for q in places):
                # "Umm Sarab", "Wadi Barada": a name the gazetteer knows only one word of
                site = _given_site(claim, loc, [q for q in places if q is not p], text, span, main)
                if site is not None:
                    return site
            if glued:
                # "Aleppo Claim", "Qamishli Hasaka": keep the place, not the words glued to it
                loc.name, loc.start, loc.end = p.name, p.start, p.end
        return _fill(loc, p, near or loc.name.lower().startswith(("near ", "outside ")))
    from reportedly.geo import resolve_name

    top = resolve_name(loc.name, [_entry_of(q) for q in places if q.lat is not None])
    if top is None or top.entry is None:
        return _given_site(claim, loc, places, text, span, main)
    e = top.entry
    _fill(loc, Place(loc.name, loc.start or 0, loc.end or 0, e.geonames_id, round(e.lat, 5),
                     round(e.lon, 5), e.country, e.admin1 if e.feature != "country" else None, e.feature),
          near or top.near)
    loc.admin2 = e.admin2
    return loc


def _unknown_name(words: Sequence[str]) -> bool:
    """Whether capitalised words glued to a known place go on its name rather than the sentence:
    not common words ("Claim", "Killed") nor a place of their own."""
    from reportedly.geo import load
    from reportedly.geo.gazetteer import common_words
    from reportedly.geo.normalize import name_key

    commons = common_words()
    keys = [name_key(w) for w in words]
    known = load().lookup(keys)
    return all(w.lower() not in commons and not known.get(k) for w, k in zip(words, keys, strict=True))


def _given_site(claim: Claim, loc: Location, places: list[Place], text: str, span: tuple[int, int],
                main: Place | None) -> Location | None:
    """A name the gazetteer does not know ("Tokhar", "the Euphrates Valley"), kept as written when it
    is a proper name introduced as a place in the claim's sentence or the sentences just before it;
    its coordinates are those of the town after it, else the story's town. Not one of several
    sites the sentence names together, unless written right after the figure."""
    from reportedly.geo.gazetteer import common_words
    from reportedly.time import MONTHS, WEEKDAYS

    if loc.start is None or loc.end is None or text[loc.start:loc.end] != loc.name:
        return None
    words = loc.name.split()
    commons = common_words()
    if len(words) > 6 or re.search(r"\s[-–—|:]\s|[|:]", loc.name) or _title_case(text, loc.start) \
            or any(w.lower() in WEEKDAYS or w.lower() in MONTHS for w in words[1:]):
        return None  # a headline, a byline or a caption, not a name
    if not words or not words[0][:1].isupper() or all(w.lower() in commons for w in words) or loc.name.isupper():
        return None
    if _context_patterns()["organisation"].search(" " + loc.name) or _context_patterns()["outlet"].search(" " + loc.name):
        return None  # "Harvey County Sheriff", "Aleppo Police Command", "Elm City Gazette": an office, an outlet
    lo, hi = span
    if not (lo <= loc.start < hi) and not (max(_paragraph_start(text, lo), lo - 600) <= loc.start < lo
                                             and _incident_prep(text[max(0, loc.start - 40):loc.start])):
        return None
    title = re.search(r"\b([A-Z][a-z]+)\s+$", text[max(0, loc.start - 20):loc.start])
    if title and not _incident_prep(text[max(0, loc.start - 40):loc.start]) \
            and not _owner_length(title.group(1) + " " + loc.name):
        return None  # a headline in title case, unless the word before is a country's possessive
    if lo <= loc.start < hi and _several(text, lo, hi) and not _attached(claim, text, Place(loc.name, loc.start,
                                                                                          loc.end)):
        return None  # one of several sites of the sentence: the figure is theirs together
    container = next((p for p in places if p.lat is not None and loc.end <= p.start < loc.end + 80
                      and p.feature in ("city", "admin2", "area") and not _role_of(text, p)), None) or main
    if container is None or container.lat is None:
        return None
    site = Place(loc.name, loc.start, loc.end, container.geonames_id, container.lat, container.lon,
                 container.country, container.admin1, "site")
    return _fill(loc, site, _is_near(text, loc.start))


def _excluded(claim: Claim, p: Place) -> bool:
    for s in (claim.claimant, claim.perpetrator):
        if s is not None and p.start < s.end and s.start < p.end:
            return True
    return False


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[str, ...]]:
    """Word lists of ``geo/data/incident_places.json`` (origin, seat, organisation, area words)."""
    import json
    from importlib import resources

    data = json.loads(resources.files("reportedly.geo").joinpath("data", "incident_places.json")
                      .read_text(encoding="utf-8"))
    return {k: tuple(v) for k, v in data.items() if not k.startswith("_")}


def _alternation(words: Sequence[str]) -> str:
    return "(?:" + "|".join(sorted((r"\s+".join(map(re.escape, w.split())) for w in words), key=len,
                                   reverse=True)) + ")"


@lru_cache(maxsize=1)
def _site_nouns() -> frozenset[str]:
    from importlib import resources

    return frozenset(w.strip() for w in resources.files("reportedly.geo").joinpath("data", "site_nouns.txt")
                     .read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def _context_patterns() -> dict[str, re.Pattern[str]]:
    """Patterns over the words before (``origin``, ``seat``) or after (``organisation``) a place."""
    lex = _lexicon()
    town = r"(?:\s+(?:the\s+)?(?:(?:town|city|village|area|neighbou?rhood|district)\s+of\s+)?)"
    return {
        "origin": re.compile(rf"\b{_alternation(lex['origin'])}{town}$", re.I),
        "seat": re.compile(rf"\b{_alternation(lex['seat'])}\s+(?:based\s+)?in{town}$", re.I),
        "seat_verb": re.compile(rf"[^.;:]{{0,50}}?\b{_alternation(lex['seat_verbs'])}\b"),
        "organisation": re.compile(r"(?:\s+County)?\s+" + _alternation([w.title() for w in lex["organisation"]])
                                   + r"\b(?!\s+(?:of|in)\b)"),
        "outlet": re.compile(r"(?:\s+(?:Daily|Morning|Evening|Sunday|Weekly))?\s+"
                             + _alternation([w.title() for w in lex["outlet"]]) + r"\b(?!\s+(?:of|in)\b)"),
        "site_name": re.compile(r"(?:\s+[A-Z][\w'’\-]*){0,2}?\s+(?:"
                                + "|".join(sorted((w.title().replace(" ", r"\s+") for w in _site_nouns()), key=len,
                                                  reverse=True)) + r")\b"),
        "anaphor": re.compile(rf"\b(?:at|in|inside|outside|near|into|on)\s+the\s+(?:[a-z]+\s+)?(?P<noun>"
                              rf"{_alternation(sorted(_site_nouns()))})\b(?!\s+(?:of|in)\s)", re.I),
    }


@lru_cache(maxsize=1)
def _site_patterns() -> tuple[re.Pattern[str], ...]:
    nouns = f"(?i:{_alternation(sorted(_site_nouns()))}s?)"
    word = r"(?:[A-Z][\w'’\-]*|(?:al|el|ad|as|ash|ar|an|at|az)-[A-Z][\w'’\-]*)"
    later = rf"(?:{word}|\d{{1,4}}(?:st|nd|rd|th))"  # "East 44th Street"
    name = rf"(?:(?:al|el)\s+)?{word}(?:\s+(?:(?:al|el|of|de|bin|abu)\s+)?{later}){{0,4}}"
    prep = (r"(?:in|at|on|near|outside|inside|into|hit|struck|targeted|targeting|shelled|bombed|attacked|"
            r"raided|stormed)")
    block = r"(?:\d{1,5}|unit)(?:\s*(?:and|-|to)\s*\d{1,5})?\s+blocks?"  # "the 400 block of Colorado Avenue"
    area = rf"(?:(?:{_alternation(_lexicon()['area'])}|{block})\s+of\s+(?:the\s+)?)?"
    kind = r"(?:(?:town|village|city|neighbou?rhoods?|districts?|suburbs?|areas?|camps?)\s+of\s+)?"
    intro = rf"\b(?P<prep>{prep})\s+(?:the\s+|an?\s+)?(?P<adj>(?:besieged|embattled|restive|nearby|rebel-held|"
    intro += r"government-held|opposition-held|densely\s+populated|crowded|busy|main|central|old)\s+)?"
    intro += rf"{area}(?P<kind>{kind})"
    after = rf"(?P<name>{name})(?:\s+(?P<noun>{nouns})\b)?"
    return (re.compile(intro + after),
            re.compile(rf"\bthe\s+(?P<name>{name})\s+(?P<noun>{nouns})\s+(?:of|in)\s"),
            re.compile(rf"\b(?:at|in|inside|outside|near|on)\s+[\w\s]{{0,30}}?['’]s\s+(?P<name>{name})"))


_DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                         "northern", "southern", "eastern", "western", "central", "upper", "lower", "downtown"})
_CONTAINER_GAP = re.compile(r"(?:\s+in|,)\s+(?:the\s+)?(?:(?:[A-Z][\w'’\-]*\s+){1,3}in\s+(?:the\s+)?)?"
                            r"(?:(?:city|town|village)\s+of\s+)?")


_SMALL_WORDS = frozenset({"in", "of", "at", "on", "the", "a", "an", "and", "by", "for", "to", "after", "as", "from",
                          "with", "near", "over"})


def _title_case(text: str, start: int) -> bool:
    """Whether the two words before ``start`` (a preposition aside) are capitalised words, as in a
    headline ("35 Dead Dozens Wounded in", "Civilians Killed in"): capitals there do not mark names.
    A number just before it breaks it ("67 in Saqba 61 in Douma" is a list, not a headline)."""
    line = text[max(0, text.rfind("\n", 0, start) + 1, start - 60):start]
    words = re.findall(r"[\w'’\-]+", line)
    while words and words[-1].lower() in _SMALL_WORDS:
        words.pop()
    return len(words) >= 2 and words[-1][:1].isupper() and (words[-2][:1].isupper() or words[-2][:1].isdigit())


def _owner_length(name: str) -> int:
    """Length of a country's possessive that begins a site name: "Syria's Ghouta" (or, its
    apostrophe lost, "Syrias Ghouta") is Ghouta."""
    owner = re.match(r"([A-Z][\w\-]+?)(?:['’]s|s)\s+(?=[A-Z])", name)
    return owner.end() if owner and _is_country(owner.group(1)) else 0


@lru_cache(maxsize=256)
def _is_country(word: str) -> bool:
    from reportedly.geo import load
    from reportedly.geo.normalize import name_key

    key = name_key(word)
    return any(e.feature == "country" for e, _ in load().lookup([key]).get(key, []))


def _site_noun_of(name: str) -> str | None:
    """The head noun of a site name ending in one ("Soldier Readiness Center" -> "center")."""
    words = name.split()
    nouns = _site_nouns()
    for k in (2, 1):
        if len(words) > k and " ".join(words[-k:]).lower() in nouns:
            return " ".join(words[-k:]).lower()
    return None


def _squash(text: str) -> str:
    return re.sub(r"[^\w]", "", text.lower())


def _first_mention(text: str, name: str, before: int) -> tuple[int, int] | None:
    """The article's first writing of a site name (case and spacing aside: "Cameo night club" is
    first written "Cameo nightclub"), when it comes before ``before`` in mixed case."""
    key = _squash(name)
    if len(key) < 4:
        return None
    pat = re.compile(r"\b" + r"[\s\-]?".join(map(re.escape, key)) + r"\b", re.I)
    for m in pat.finditer(text, 0, before):
        if not m.group(0).isupper() and m.group(0)[:1].isupper():
            return m.start(), m.end()
    return None


def _sites(claim: Claim, text: str, lo: int, hi: int, places: list[Place],
           fallback: Place | None = None) -> list[Place]:
    """Named sites of the sentence [lo, hi) the gazetteer does not know: "in Hammouriya",
    "the al Midan district of Damascus", "at the Dabbit hospital in Aleppo", "at Fort Hood's Soldier
    Readiness Center". Each is named as written with its head noun ("Dabbit hospital"), and with
    the town that follows it ("Excel Industries in Hesston"); it takes its coordinates from the
    place that contains it (the next resolved place of the sentence, else ``fallback``). A site
    written with a plural noun ("the Salah Eddin and Saif al-Dawleh neighbourhoods") is several
    sites: none of them is the place of one figure."""
    from reportedly.geo.gazetteer import common_words
    from reportedly.time import MONTHS, WEEKDAYS

    commons = common_words()
    nouns = _site_nouns()
    resolved = _derived("resolved", places, lambda ps: [p for p in ps if p.lat is not None])
    resolved_ends = _derived("resolved_ends", places, lambda ps: [p.end for p in ps if p.lat is not None])
    resolved_starts = _derived("resolved_starts", places, lambda ps: [p.start for p in ps if p.lat is not None])
    out = []
    seen: set[tuple[int, int]] = set()
    for k, pat in enumerate(_site_patterns()):
        possessive = k == 2
        if (k == 1 and text.find("the", lo, hi) < 0) or \
                (possessive and text.find("'s", lo, hi) < 0 and text.find("’s", lo, hi) < 0):
            continue  # the words these patterns need are not there ("the X hospital in", "X's")
        for m in pat.finditer(text, lo, hi):
            s, e = m.span("name")
            name = m.group("name")
            first = name.split()[0].lower()
            groups = m.groupdict()
            noun = groups.get("noun")
            if (s, e) in seen or first in WEEKDAYS or first in MONTHS or name.lower() in commons \
                    or len(name) < 3 or _ABBREV_DOT.match(text, e, e + 2):
                continue  # not "U" of "U.N."
            own_noun = _site_noun_of(name)
            if noun is None and own_noun is None and possessive:
                continue  # after a possessive, only a name with a site noun ("Fort Hood's Soldier Readiness Center")
            if groups.get("adj") and noun is None and own_noun is None:
                continue  # "the besieged al-Fouaa town", not "the besieged Aleppo"
            plural = (noun is not None and noun.lower() not in nouns) or bool(
                groups.get("kind") and groups["kind"].split()[0].lower().endswith("s"))
            if plural:
                continue
            k = bisect.bisect_left(resolved_ends, s + 1)  # the first place ending after s
            if any(p.start < e and s < p.end and _role_of(text, p) != "site_name"
                   for p in resolved[max(0, k - 8):k + 8]):
                continue  # a known place: scored as such (unless it begins a site's name: "Baghdad Station")
            if any(sp is not None and sp.start < e and s < sp.end for sp in (claim.claimant, claim.perpetrator)):
                continue
            if _WHOSE.search(name.split()[-1]):
                continue  # "an ISIL-held village": whose, not which
            if all(w.lower() in commons or w.lower() in nouns or w.lower() in _DIRECTIONS for w in name.split()):
                continue  # "West", "Motel", "Central Station" say what, not which
            if any(w.lower() in WEEKDAYS or w.lower() in MONTHS for w in name.split()[1:]) \
                    or _title_case(text, m.start()):
                continue  # a headline or a byline ("... Terrorist Shelling in Aleppo Residential Neighborhood")
            if noun is None and own_noun is None:
                if not re.match(r"\s*(?:[,.;]|$|\s(?:and|in|on|at|near|where|after|when|killing|wounding|"
                                r"leaving|north|south|east|west)\b|\s\d)", text[e:e + 12]):
                    continue
                if m.start() > lo and re.search(r"\b[A-Z][a-z]+\s+$", text[max(lo, m.start() - 20):m.start()]):
                    continue  # a headline in title case ("Dozens Killed in International Coalition Airstrikes")
                if all(w.lower() in commons for w in name.split()):
                    continue
            seen.add((s, e))
            cut = _owner_length(name)
            s, name = s + cut, name[cut:]
            end = m.end("noun") if noun else e
            number = re.match(r"\s+\d{1,4}[A-Z]?\b", text[end:end + 8])
            if number and ((noun or own_noun or name.split()[-1]).lower() in _lexicon()["numbered"]):
                end += number.end()  # "Highway 81", "Route 9"
            j = bisect.bisect_left(resolved_starts, end)
            container = resolved[j] if j < len(resolved) and resolved[j].start < min(hi, end + 80) else None
            gap = _CONTAINER_GAP.fullmatch(text, end, container.start) if container is not None else None
            if gap is not None and container is not None and "," in gap.group(0) \
                    and not re.match(r"\s*(?:[,.;)]|$)", text[container.end:container.end + 3]):
                gap = None  # "..., Toledo police reported": the police's town, not the site's name
            container = container or fallback
            if container is None:
                continue
            full_end = container.end if gap is not None and container.end <= hi else end
            written = text[s:full_end]
            out.append(Place(name=written, start=s, end=s + len(written), geonames_id=container.geonames_id,
                             lat=container.lat, lon=container.lon, country=container.country,
                             admin1=container.admin1, feature="site"))
    return out


def _anaphoric_site(claim: Claim, text: str, lo: int, hi: int, places: list[Place],
                    fallback: Place | None) -> Place | None:
    """ "The shooting at the club ...": the last site named before with that head noun."""
    m = _context_patterns()["anaphor"].search(text, lo, hi)
    if m is None:
        return None
    noun = _squash(m.group("noun"))
    earlier = [p for p in _sites(claim, text, max(0, lo - 1500), lo, places, fallback)
               if _squash(p.name).endswith(noun) or noun in _squash(p.name)]
    if not earlier:
        return None
    return earlier[-1]


_ATTACHED = re.compile(r"\s+(?:[a-z]+\s+){0,4}?(?:in|at)\s+(?:the\s+)?"
                       r"(?:(?:town|city|village|neighbou?rhood|district|area|camp)\s+of\s+)?")
_SEVERAL = re.compile(r"\b(?:neighbou?rhoods|districts|suburbs|villages|towns|quarters)\s+(?:of|in)\b|"
                      r"\b(?:and|,)\s+(?:[A-Z][\w'’\-]*\s+){1,3}(?:neighbou?rhoods|districts|suburbs|villages)\b")

_SEVERAL_WORDS = ("neighbourhoods", "neighborhoods", "districts", "suburbs", "villages", "towns", "quarters")


@lru_cache(maxsize=1024)
def _several(text: str, lo: int, hi: int) -> bool:
    """Whether the sentence [lo, hi) names several sites ("the Salah Eddin and Saif al-Dawleh
    neighbourhoods", "al-Sheikh Maqsoud neighbourhood and Handarat town")."""
    # each pattern needs one of its words (as written: they are case-sensitive there)
    if any(text.find(w, lo, hi) >= 0 for w in _SEVERAL_WORDS) and _SEVERAL.search(text, lo, hi):
        return True
    return text.find("and", lo, hi) >= 0 and bool(_several_sites().search(text, lo, hi))


@lru_cache(maxsize=1)
def _several_sites() -> re.Pattern[str]:
    """Two sites joined by "and" ("the X neighbourhood and Y town")."""
    nouns = _alternation(sorted(_site_nouns()))
    return re.compile(rf"(?i:\b{nouns})\b[^.;]{{0,24}}?\band\s+(?:the\s+)?(?:[A-Z][\w'’\-]*\s+|"
                      rf"(?:al|el)-[A-Z][\w'’\-]*\s+){{1,3}}(?i:{nouns})\b")


_POSSESSOR = re.compile(r"(?:the\s+)?(?:[A-Z][\w\-]*\s+){0,3}[\w\-]+['’]s\s+$")
_PROVINCE = re.compile(r"\s+(?:province|governorate|region|state)\b", re.I)


def _role_of(text: str, p: Place) -> str:
    """``origin`` ("gunmen positioned in X"), ``seat`` ("the ministry in X said"), ``organisation``
    ("X Police Command"), ``outlet`` ("the X Tribune-Review"), ``site_name`` (the first word of a
    site's name: "Baghdad Station") or "" for a place that may be a scene."""
    return _role_at(text, p.start, p.end)


def clear_text_caches() -> None:
    """Forget the answers kept per document text and place (benchmarks time a fresh document
    this way)."""
    from reportedly.time import _boilerplate_lines

    _role_at.cache_clear()
    _several.cache_clear()
    _time_role.cache_clear()
    _times.cache_clear()
    _admin2_of.cache_clear()
    _boilerplate_lines.cache_clear()


# Each claim of a document asks about the same places: the answers are kept for a while (the
# cache holds a few documents' texts at most).
@lru_cache(maxsize=1024)
def _role_at(text: str, start: int, end: int) -> str:
    pats = _context_patterns()
    before = text[max(0, start - 60):start]
    tails = _tails(before)
    if (tails is None or _may_be_origin(tails)) and _search(pats["origin"], _twin("origin"), before):
        return "origin"
    if (tails is None or _may_be_seat(tails)) and _search(pats["seat"], _twin("seat"), before) \
            and pats["seat_verb"].match(text, end, min(len(text), end + 60)):
        return "seat"
    if pats["outlet"].match(text, end, min(len(text), end + 40)):
        return "outlet"
    if pats["organisation"].match(text, end, min(len(text), end + 40)):
        return "organisation"
    if pats["site_name"].match(text, end, min(len(text), end + 40)):
        return "site_name"
    return ""


# The ``origin`` and ``seat`` patterns end with a place's words: "positioned in", "the ministry
# in", then ``town`` of ``_context_patterns`` (" the", " town of", " the village of"...) and the
# end of the text before the place. In ASCII text they can match only where the last words (runs
# of [a-z0-9_]) are those: the tests below look at them first, and the pattern runs only where
# they may match (or where the text is not ASCII).
_TOWN_NOUNS = frozenset({"town", "city", "village", "area", "neighbourhood", "neighborhood", "district"})
_ASCII_WORD = re.compile(r"[a-z0-9_]+")


def _tails(before: str) -> list[list[str]] | None:
    """The last words of ``before`` with each ending ``town`` may take off ("the", "X of", "the X
    of"); None when ``before`` is not ASCII."""
    if not before.isascii() or _role_phrases() is None:
        return None
    words = _ASCII_WORD.findall(before.lower())
    out = [words]
    if len(words) >= 2 and words[-1] == "of" and words[-2] in _TOWN_NOUNS:
        out.append(words[:-2])
    for w in list(out):
        if w and w[-1] == "the":
            out.append(w[:-1])
    return out


@lru_cache(maxsize=1)
def _role_phrases() -> tuple[dict[str, list[list[str]]], frozenset[str]] | None:
    """The ``origin`` phrases as words, by their last word; the ``seat`` words. None when a phrase
    is not plain lower-case words (then the quick tests would not hold)."""
    lex = _lexicon()
    plain = re.compile(r"[a-z]+(?: [a-z]+)*")
    if not all(plain.fullmatch(w) for w in (*lex["origin"], *lex["seat"])):
        return None
    origin: dict[str, list[list[str]]] = {}
    for phrase in lex["origin"]:
        words = phrase.split()
        origin.setdefault(words[-1], []).append(words)
    return origin, frozenset(lex["seat"])


def _may_be_origin(tails: list[list[str]]) -> bool:
    phrases = _role_phrases()
    assert phrases is not None  # _tails gives None otherwise
    origin = phrases[0]
    return any(words[-len(p):] == p for words in tails if words for p in origin.get(words[-1], ()))


def _may_be_seat(tails: list[list[str]]) -> bool:
    phrases = _role_phrases()
    assert phrases is not None
    seats = phrases[1]
    for w in tails:
        if len(w) >= 2 and w[-1] == "in" and (w[-2] in seats or (w[-2] == "based" and len(w) >= 3 and w[-3] in seats)):
            return True
    return False


@lru_cache(maxsize=8)
def _twin(kind: str) -> re.Pattern[str] | None:
    """The case-sensitive twin of a pattern of ``_context_patterns``."""
    return lowered(_context_patterns()[kind])


def _broad(text: str, p: Place) -> bool:
    """A province or larger, or a town's name written as its province ("Hasaka province")."""
    return p.feature in _BROAD or bool(p.feature in ("city", "admin2") and _PROVINCE.match(text, p.end, p.end + 14))


def _attached(claim: Claim, text: str, p: Place) -> bool:
    """A place written right after the figure: "100 in Kfar Batna", "four more people were shot in Lawndale"."""
    f = claim.figure
    if f is None or f.end > p.start or p.start - f.end > 60:
        return False
    return bool(_ATTACHED.fullmatch(text, f.end, p.start))


def _choose_place(claim: Claim, places: list[Place], demonyms: set[int], text: str,
                  sents: list[tuple[int, int]], span: tuple[int, int], main: Place | None = None) -> Place | None:
    anchor = _anchor(claim)
    starts = _derived("place_starts", places, _starts_of)  # places come in text order
    sent_starts = _derived("sent_starts", sents, _starts_of)
    def score(p: Place, near: int) -> float:
        s = _SPECIFICITY.get(p.feature or "city", 1.0)
        if p.feature != "site" and _broad(text, p):
            s = min(s, _SPECIFICITY["admin1"])
        before = text[max(0, p.start - 60):p.start]
        if p.feature == "site":
            before = _POSSESSOR.sub("", before)  # "at Fort Hood's Soldier Readiness Center"
        if _incident_prep(before[-40:]):
            s += 2.0
        if near == anchor and _attached(claim, text, p):
            s += 3.0
        dist = p.start - near
        s -= (abs(dist) * (1.5 if dist < 0 else 1.0)) / (100 if near == anchor else 1000)
        if _BASED.match(text[p.end:p.end + 8]):
            s -= 10.0  # "the Britain-based Observatory"
        if _role_of(text, p) == "organisation":
            s -= 3.0  # "the Bowling Green Police Department": its town, when nothing says better
        return s

    def usable(p: Place, local: bool) -> bool:
        if _role_of(text, p) in ("origin", "seat", "site_name", "outlet"):
            return False
        # a city abroad (where a council meets, where a minister speaks) is not the scene of a
        # claim whose sentence names no place, unless its own sentence tells of an incident
        if local or main is None or not main.country or p.country == main.country:
            return True
        from reportedly.time import names_incident

        k = bisect.bisect_right(sent_starts, p.start) - 1
        return k >= 0 and names_incident(text, sents[k][0], sents[k][1])

    def pick(lo: int, hi: int, sites: bool = False) -> Place | None:
        local = lo <= anchor < hi
        pool = [places[i] for i in range(bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi))
                if places[i].lat is not None and i not in demonyms and not _excluded(claim, places[i])
                and not _dateline(text, places[i])]
        near = anchor if local else lo
        if sites:
            found = _sites(claim, text, lo, hi, places, main)
            if found and _several(text, lo, hi):
                # a figure over several sites: only one written right after the figure is its own
                found = [p for p in found if local and _attached(claim, text, p)]
            pool += found
        scored = [(score(p, near), i, p) for i, p in enumerate(pool)]
        scored = [x for x in scored if x[0] > -5.0 and usable(x[2], local)]
        # the best score; on a tie the first in the pool, as max() would
        return max(scored, key=lambda x: (x[0], -x[1]))[2] if scored else None

    def specific(lo: int, hi: int, country: str | None) -> Place | None:
        pool = [places[i] for i in range(bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi))
                if places[i].lat is not None and i not in demonyms and places[i].feature in ("city", "admin2", "area")
                and not _broad(text, places[i]) and not _role_of(text, places[i])
                and (country is None or places[i].country == country)]
        return pool[0] if pool else None

    lo, hi = span
    lead_end = _lead_end(text, sents)
    got = pick(lo, hi, sites=True) if hi > lo else None
    if got is None and hi > lo:
        got = _anaphoric_site(claim, text, lo, hi, places, main)
    if got is None and hi > lo:
        # the sentences before it in its paragraph, nearest first
        floor = max(_paragraph_start(text, lo), lo - 600)
        k = bisect.bisect_right(sent_starts, lo) - 1
        while got is None and k > 0 and sents[k - 1][1] > floor:
            k -= 1
            got = pick(max(floor, sents[k][0]), min(sents[k][1], lo), sites=True)
    if got is None:
        got = pick(0, lead_end, sites=True)
    if got is not None and claim.aggregate and got.feature not in _BROAD and not (lo <= got.start < hi):
        # a toll over many incidents, with no place of its own: the story's country
        country = next((p for p in places if p.feature == "country" and p.country == got.country
                        and p.lat is not None), None)
        if country is not None:
            return country
    if got is not None and got.feature != "site" and _broad(text, got) and got.feature not in ("continent", "water") \
            and not claim.aggregate:
        # a country or province in the sentence, a town of it in the story: the town is where
        para = _paragraph_start(text, lo) if hi > lo else 0
        better = specific(max(para, lo - 600), lo, got.country) or specific(0, lead_end, got.country)
        if better is None:
            counts: dict[str, int] = {}
            for p in places:
                if p.lat is not None and p.feature == "city" and p.country == got.country:
                    counts[p.name] = counts.get(p.name, 0) + 1
            top = max(counts.items(), key=lambda kv: kv[1], default=None)
            if top is not None and top[1] >= 2:
                better = next(p for p in places if p.name == top[0])
        if better is not None:
            got = better
    return got


def _main_place(text: str, places: list[Place], demonyms: set[int], lead_end: int) -> Place | None:
    """The story's town: the first town of the lead, else the town the article names most, else
    the dateline's."""
    def town(i: int, p: Place) -> bool:
        return p.lat is not None and i not in demonyms and p.feature in ("city", "admin2", "area") \
            and not _dateline(text, p) and not _role_of(text, p)

    # places come in text order: when the first town is in the lead, it is the answer
    first = next((p for i, p in enumerate(places) if town(i, p)), None)
    if first is not None and first.start < lead_end:
        return first
    towns = [p for i, p in enumerate(places) if town(i, p)]
    if not towns:
        towns = [p for i, p in enumerate(places) if p.lat is not None and i not in demonyms
                 and p.feature in ("city", "admin2", "area") and _role_of(text, p) not in ("origin", "site_name")]
    lead = [p for p in towns if p.start < lead_end]
    if lead:
        return lead[0]
    counts: dict[str, int] = {}
    for p in towns:
        counts[p.name] = counts.get(p.name, 0) + 1
    top = max(counts.items(), key=lambda kv: kv[1], default=None)
    return next(p for p in towns if p.name == top[0]) if top else None


def _dateline(text: str, p: Place) -> bool:
    """A dateline ("MOSCOW -", "BEIRUT (Reuters) -") names where the report was filed, not the incident."""
    if not p.name.isupper() or len(p.name) < 3:
        return False
    after = text[p.end:p.end + 30]
    return bool(re.match(r"\s*(?:,[^\n]{0,25})?(?:\([^)]{1,25}\))?\s*[-–—:]", after)) or \
        bool(re.match(r"\s+[A-Z][a-z]", after) and (p.start == 0 or text[p.start - 1] in "\n "))


def _lead_end(text: str, sents: list[tuple[int, int]]) -> int:
    """The end of the lead: the first two sentences after any title line, at most 700 characters."""
    return _derived("lead_end", sents, lambda ss: _lead_end_of(text, sents))


def _lead_end_of(text: str, sents: list[tuple[int, int]]) -> int:
    body = [s for s in sents if s[1] - s[0] > 60]
    if not body:
        return min(len(text), 700)
    idx = sents.index(body[0])
    end = sents[min(idx + 1, len(sents) - 1)][1]
    return min(end, 700)


def _date(claim: Claim, text: str, pub: dt.date | None, sents: list[tuple[int, int]],
          span: tuple[int, int]) -> None:
    from reportedly.time import resolve_time

    t = claim.time
    if t is not None and t.date_start:
        return
    lo, hi = span
    given: TimeExpr | None = None
    if t is not None and t.text:
        r = resolve_time(t.text, pub)
        if r.resolved or pub is None:
            given = TimeExpr(t.text, -1 if t.start is None else t.start, -1 if t.end is None else t.end,
                             r.date_start, r.date_end, r.precision)
    anchor = _anchor(claim)
    best = given
    if hi > lo:
        exprs = [x for x in _times(text, pub, lo, hi) if x.resolved or pub is None]
        if best is None and exprs:
            clause = _clause(text, lo, hi, anchor)
            same = [x for x in exprs if clause[0] <= x.start < clause[1]]
            pool = same or exprs
            best = min(pool, key=lambda x: (x.start < anchor) * 40 + abs(x.start - anchor))
        role = _role(text, best, lo) if best is not None and pub is not None else ""
        if best is not None and pub is not None and role in ("statement", "followup"):
            incident = _incident_time(text, pub, sents, exprs, lo, anchor)
            if incident is None and ARTICLE_INCIDENT_TIME:
                incident = _article_incident_time(text, pub, sents)
            # an incident reported in a statement, or followed up, cannot begin after it
            if incident is not None and (incident.date_start or "") <= (best.date_end or best.date_start or ""):
                best = incident
            elif role == "followup":
                best = None  # the day of an arrest or a hearing is not the incident's
    if best is not None and hi > lo:
        best = _refined(best, text, pub, lo, hi, anchor)
    if best is None:
        lead, stated = _lead_time(text, pub, sents)
        best = lead
        if best is None and ARTICLE_INCIDENT_TIME:
            best = _article_incident_time(text, pub, sents)
        if best is None:
            best = stated
    if best is None:
        return
    if best is given and t is not None and best.text == t.text:
        t.date_start, t.date_end, t.precision = best.date_start, best.date_end, best.precision
        return
    claim.time = TimeRef(text=best.text, start=best.start, end=best.end, date_start=best.date_start,
                         date_end=best.date_end, precision=best.precision)


# How far a day may lie outside a coarse expression's window and still be its day ("nearly
# six months ago, on March 1": "six months ago" is about a month wide).
REFINE_SLACK_DAYS = {"week": 3, "month": 15}
REFINE_GAP_CHARS = 6  # the day follows the coarse time as its apposition: "..., on March 1"


def _refined(best: TimeExpr, text: str, pub: dt.date | None, lo: int, hi: int, anchor: int) -> TimeExpr:
    """A coarse time ("nearly six months ago", "last week") made precise by the day that follows
    it as its apposition and falls inside it ("..., on March 1"); else the coarse time."""
    if not best.date_start or not best.date_end or best.precision not in REFINE_SLACK_DAYS:
        return best
    slack = dt.timedelta(days=REFINE_SLACK_DAYS.get(best.precision or "", 0))
    first = dt.date.fromisoformat(best.date_start) - slack
    last = dt.date.fromisoformat(best.date_end) + slack
    days = [x for x in _times(text, pub, lo, hi) if x.precision == "day" and x.date_start
            and 0 <= x.start - best.end <= REFINE_GAP_CHARS and first <= dt.date.fromisoformat(x.date_start) <= last]
    return min(days, key=lambda x: abs(x.start - anchor)) if days else best


# Days before a statement that what it reports may have happened on, when nothing else dates it.
STATEMENT_WINDOW_DAYS = 3


def _lead_time(text: str, pub: dt.date | None,
               sents: list[tuple[int, int]]) -> tuple[TimeExpr | None, TimeExpr | None]:
    """The lead's day: its first expression of an incident's time, else its first that is not a
    statement's (never a later step's: an arrest's, a hearing's); and, apart, the days up to its
    first statement's (see :func:`_on_or_before`), for when nothing dates the incident."""
    lead_end = _lead_end(text, sents)
    roles: list[tuple[str, TimeExpr]] = []
    for a, b in sents:
        if a >= lead_end:
            break
        roles += [(_role(text, x, a) if pub is not None else "", x)
                  for x in _times(text, pub, a, min(b, lead_end)) if x.resolved and x.precision == "day"]
    for keep in (lambda r: r == "incident", lambda r: r not in ("statement", "followup")):
        for r, x in roles:
            if keep(r):
                return x, None
    for r, x in roles:
        if r == "statement":
            return None, _on_or_before(x)
    return None, None


# A claim that neither its sentence nor the lead dates takes the day the article gives its
# incident elsewhere ("charged in the March 9 ambush"): follow-ups name the incident by its day.
ARTICLE_INCIDENT_TIME = True


def _article_incident_time(text: str, pub: dt.date | None, sents: list[tuple[int, int]]) -> TimeExpr | None:
    """The article's first day attached to an incident ("the March 9 ambush", "killed on
    March 9"), not after its publication."""
    if pub is None:
        return None
    day = pub.isoformat()

    def first(ss: Sequence[tuple[int, int]]) -> TimeExpr | None:
        for a, b in ss:
            for x in _times(text, pub, a, b):
                if x.resolved and x.precision == "day" and x.date_end and x.date_end <= day \
                        and _role(text, x, a) == "incident":
                    return x
        return None

    return _derived("article_incident_time", sents, first)  # the document's claims share it


def _on_or_before(x: TimeExpr) -> TimeExpr:
    """A statement's day as the time of what it reports: the days up to it, at week precision
    (an incident told in a statement cannot begin after it, and seldom long before)."""
    if not x.date_start:
        return x
    day = dt.date.fromisoformat(x.date_start)
    start = day - dt.timedelta(days=STATEMENT_WINDOW_DAYS)
    return TimeExpr(x.text, x.start, x.end, start.isoformat(), day.isoformat(), "week")


def _role(text: str, x: TimeExpr, lo: int) -> str:
    if not 0 <= x.start < x.end <= len(text) or text[x.start:x.end] != x.text:
        return ""  # an expression given without its place in the text
    return _time_role(text, x.start, x.end, lo)


@lru_cache(maxsize=1024)
def _time_role(text: str, start: int, end: int, lo: int) -> str:
    """``time_role``, kept for the document's other claims (they look at the same lead)."""
    from reportedly.time import time_role

    return time_role(text, start, end, lo)


def _incident_time(text: str, pub: dt.date, sents: list[tuple[int, int]], exprs: list[TimeExpr],
                   lo: int, anchor: int) -> TimeExpr | None:
    """For a claim whose time is its statement's: the incident's time, from the claim's sentence,
    then the sentences before it in its paragraph, then the lead's sentences."""
    own = [x for x in exprs if x.resolved and _role(text, x, lo) == "incident"]
    if own:
        return min(own, key=lambda x: abs(x.start - anchor))
    starts = [a for a, _ in sents]
    i = bisect.bisect_right(starts, lo) - 1
    para = _paragraph_start(text, lo)
    for k in range(i - 1, -1, -1):
        a, b = sents[k]
        if b <= para:
            break
        found = _incident_times(text, pub, a, b)
        if found:
            return found[-1]
    lead_end = _lead_end(text, sents)
    for a, b in sents:
        if a >= min(lead_end, lo):
            break
        found = [x for x in _incident_times(text, pub, a, b) if x.precision == "day"]
        if found:
            return found[0]
    return None


def _incident_times(text: str, pub: dt.date, a: int, b: int) -> list[TimeExpr]:
    """The times of the incident in sentence [a, b): those attached to it, else, when the sentence
    names an incident, those that are not a statement's."""
    from reportedly.time import names_incident

    exprs = [(x, _role(text, x, a)) for x in _times(text, pub, a, b) if x.resolved]
    attached = [x for x, r in exprs if r == "incident"]
    if attached or not names_incident(text, a, b):
        return attached
    return [x for x, r in exprs if r not in ("statement", "followup")]


@lru_cache(maxsize=16)
def _times(text: str, pub: dt.date | None, lo: int, hi: int) -> tuple[TimeExpr, ...]:
    """Time expressions of text[lo:hi], cached: claims of one sentence share them."""
    from reportedly.time import find_times

    return tuple(find_times(text, pub, lo, hi))


def _clause(text: str, lo: int, hi: int, anchor: int) -> tuple[int, int]:
    """The clause of the sentence [lo, hi) that holds ``anchor``."""
    start, end = lo, hi
    for m in _CLAUSE.finditer(text, lo, hi):
        if m.end() <= anchor:
            start = m.end()
        elif m.start() >= anchor:
            end = m.start()
            break
    return start, end
