"""Events across articles: group figure claims about one incident, within and across documents.

The stage is a set of pure functions over claims, so the ledger store can call it on the
candidates it finds through database indexes:

* :func:`claim_refs` turns a :class:`~reportedly.model.DocumentResult` into :class:`ClaimRef`
  rows: each claim with its id, its document's metadata (outlet, publication date, title), a
  small bag of the document's content words and proper names, the place and date the claim
  falls back on, and the responsibility claims ("X blamed Y") that belong to it.
* :func:`block_keys` gives the keys under which a claim is indexed. Two claims that could be
  one event always meet through a key: a day bucket of the claim's time window (± the
  tolerance of its precision) crossed with its country; month, year and late-report buckets
  crossed with narrow place keys (the place's name, grid cells for a town), where claims
  with a coarse window or no date of their own (active) find the day claims of their place
  (passive, see ``PASSIVE``); and the document's own key, so claims of one document always
  meet. No key spans a whole country over months, so a ledger finds candidates through its
  index in time that does not grow with its size.
* :func:`build_events` groups claims into :class:`~reportedly.model.Event` records. It is
  deterministic and independent of the order of its input: claims are sorted by id first.
  Aggregate claims never join an incident: each becomes its own event with ``aggregate``
  true and status ``aggregate``.
* :func:`event_record` is the JSON record of an event.

Two claims may be one incident only when nothing rules it out: their event types agree (a
missing type agrees with any), their time windows overlap (± a day for day precision), their
places are within a distance that grows with the places' imprecision (within one article,
places resolved far apart only weaken the evidence), and their documents are not the same
document saying they are different incidents (a different date). A later report with no
date of its own can follow up an earlier incident in the same place when the text evidence
is strong; strong evidence also overrules towns resolved far apart (less is needed within one
province) and dates up to DATE_OVERRULE_DAYS apart in the same area.
Among compatible claims the evidence is scored: same document, text similarity of the two
articles, shared proper names, the same place name, the same date and the same figures.
Claims merge greedily, strongest evidence first, and a merge is refused when any pair across
the two groups is incompatible (other than by an undated claim's guessed window) or
human-split (a cannot-link constraint). Must-link
constraints are applied first and always hold.

Figures (UCDP's low / best / high) are computed per kind and per victim group over the
event's *sources*: claims are normalised to independent sources (an outlet relaying state TV
counts as state TV; a claim in an article's own voice is the outlet's), a source's later
claim replaces its earlier one (an update is not a contradiction), and each source's figure
is its value (``more than 10`` counts as 11). ``low`` is the smallest source figure, ``high``
the largest and ``best`` follows ``options.best_rule``: ``median`` (the median of the source
figures, the higher middle one for an even count; the default), ``lowest`` (ACLED's
conservative choice, equal to ``low``), ``most_sources`` (the figure the most sources give;
ties go to the median of the tied figures) or ``latest`` (the latest source's figure). Denied figures are kept as claims but
do not count. The overall figure of a source is its total for "people" when it gives one,
or else the sum over the victim groups it gives, whichever is larger.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportedly.model import (
    EVENT_TYPES,
    KINDS,
    Claim,
    Contradiction,
    DocumentResult,
    Event,
    EventClaim,
    FatalityRange,
    Location,
    Perpetrator,
    ResponsibilityClaim,
    TimeRef,
    content_hash,
)
from reportedly.options import DEFAULT, Options
from reportedly.time import MONTHS

if TYPE_CHECKING:
    from reportedly.geo.gazetteer import Entry

DATA = Path(__file__).with_name("cluster_data")

# How many content words / proper names of a document a ClaimRef carries (the 40 most
# frequent words describe the incident; more bring in an outlet's boilerplate).
N_WORDS = 40
N_NAMES = 60
# Days of tolerance either side of a claim's window, by precision.
TOLERANCE_DAYS = {"day": 1, "week": 2, "month": 0, "year": 0}
# Window assumed for a claim with no resolved date: the days before publication.
PUBLISHED_WINDOW_DAYS = 3
# A report published this long after an incident, whose own date is unknown, can still be
# about it when the two articles' text evidence reaches LATE_THRESHOLD and they agree on the
# place (follow-ups, arrests, trials).
LATE_REPORT_DAYS = 90
LATE_THRESHOLD = 0.55
# Up to LATE_FAR_DAYS after, the later article must tell a later step of the story (a trial,
# a sentencing, an anniversary: see is_followup) and the two must share LATE_FAR_NAMES strong
# names (people, addresses: see name_is_strong): a town's next shooting shares its words,
# not its victims' names.
LATE_FAR_DAYS = 730
LATE_FAR_NAMES = 2
# Second pass (see _join_alike): two groups the first pass left apart are joined through one
# pair of claims of two alike articles, whatever the other members say, when both places are
# precise and not far apart and the articles' text evidence reaches JOIN_DAY_THRESHOLD (both
# claims dated to the same day by dates of their own), JOIN_GUESSED_THRESHOLD (overlapping
# windows, one of them guessed or coarse) or JOIN_LATE_THRESHOLD (a late report, see
# LATE_FAR_DAYS). Places far apart join only when the articles share JOIN_FAR_NAMES strong
# names and their own main places are not far apart (one claim's place is a namesake).
JOIN_DAY_THRESHOLD = 0.4
JOIN_GUESSED_THRESHOLD = 0.6
JOIN_LATE_THRESHOLD = 0.8
JOIN_FAR_NAMES = 3
# ... and (but for a late report) only while the joined group's days, those of its claims' own
# dates or else of its reports, span no more than JOIN_MAX_SPAN_DAYS or the longer group's
# span: alike bulletins of consecutive days do not chain into one event.
JOIN_MAX_SPAN_DAYS = 4
# Two articles that name JOIN_PEOPLE of the same people (strong names that can be persons'
# or addresses: see _is_person_name) tell one story: the second pass joins them through their
# claims closest in time, up to PEOPLE_DAYS apart and wherever their places resolved in one
# country, when their text evidence reaches JOIN_LATE_THRESHOLD (a trial months on, a
# follow-up dated from the wrong sentence, a victim's town resolved to a namesake); but not
# when the days the two groups' claims are dated to (by a day or a week of their own) would
# then span more than PEOPLE_SPAN_DAYS. Block keys pair up to PEOPLE_KEY_NAMES of a
# document's people (see block_keys).
JOIN_PEOPLE = 3
PEOPLE_KEY_NAMES = 12
PEOPLE_DAYS = 365
PEOPLE_SPAN_DAYS = 90
# Across documents, resolved places too far apart (a town resolved to a namesake in another
# state) are overruled when the two articles' text evidence reaches OVERRULE_THRESHOLD.
# Countries never are.
OVERRULE_THRESHOLD = 0.55
# ... or PROVINCE_OVERRULE_THRESHOLD when both places are in one province (admin1).
PROVINCE_OVERRULE_THRESHOLD = 0.25
# Across documents in the same area, windows up to DATE_OVERRULE_DAYS apart are overruled
# when the text evidence reaches DATE_OVERRULE_THRESHOLD and the block keys bring the claims
# together (an undated early report and a later one dated from the wrong sentence).
DATE_OVERRULE_DAYS = 30
DATE_OVERRULE_THRESHOLD = 0.65
# Within one article, claims of the same days whose places resolved far apart are not held
# apart by the places alone (one of them is often a misresolved name, a victim's home town):
# the pair only loses evidence, as for two different place names.
SAME_DOC_FAR_SOFT = True
# When two groups merge, a cross pair of claims from different articles that only a guessed
# window keeps apart (an undated claim's days before publication) does not block the merge.
SOFT_GUESSED = True
# Share of a document's place mentions (claims count twice) a country must have to be the
# document's country, and a province to be its province (see ClaimRef.doc_country); it must
# also lead alone. A local story names its own state most, while a namesake or a victim's
# home town elsewhere comes up once or twice.
COUNTRY_MAJORITY = 0.3
ADMIN1_MAJORITY = 0.3
# A claim whose place has no country (an unresolved name) is indexed under its document's
# country (ClaimRef.doc_country), so that it meets the claims of its days there.
UNPLACED_DOC_COUNTRY = True
# ... and one of an article with no country at all meets every claim of its days (rare: each
# located claim holds its days' ``??`` keys passive).
UNPLACED_MEET_ALL = True
# Longest window expanded into day keys; longer windows use month keys up to
# MAX_MONTH_WINDOW_DAYS, and year keys beyond.
MAX_DAY_KEYS = 12
MAX_MONTH_WINDOW_DAYS = 62
# Distance within which two places can be one incident's, by the coarser precision (km).
DISTANCE_KM = {1: 30.0, 2: 80.0}
# Grid cell size (degrees) of the narrow place keys of late reports.
CELL_DEGREES = 1.0
# Score a pair needs to merge (see _pair_score), and the mean score across two groups.
MERGE_THRESHOLD = 0.25
AVERAGE_THRESHOLD = 0.1
# Evidence weights across documents: text similarity, shared person names/addresses, shared
# institution/district names (each counted up to MAX_NAMES).
W_SIM = 1.0
W_NAMES = 0.5
W_STRONG_NAME = 0.2
# Two articles giving the same figure; a later undated report that gives the same toll of
# several as the incident it may follow up needs W_SAME_TOLL less evidence to join it.
W_SAME_FIGURE = 0.05
W_SAME_TOLL = 0.15
MAX_NAMES = 3
# Pseudo-documents added to the batch when weighting words by rarity, so that a small batch
# weighs every word about equally: weight = log((N + IDF_PRIOR) / (df + 1)).
IDF_PRIOR = 100


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------


@dataclass
class ClaimRef:
    """A claim with what clustering needs to know about its document."""

    claim: Claim
    doc_id: str
    claim_id: str
    source: str | None = None  # the outlet
    published: str | None = None
    title: str | None = None
    # Content words and proper names of the document (lower-cased, sorted, deduplicated).
    words: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    # The place the document is mostly about, used when the claim names none.
    doc_location: Location | None = None
    # The country most of the document's places are in, and the province (admin1) nearly all
    # are in (None without a clear majority): a claim placed in another country or province is
    # taken to be at the document's place (a namesake, a victim's home town).
    doc_country: str | None = None
    doc_admin1: str | None = None
    # Position of the claim in its document (claims of a document in order).
    index: int = 0
    # Responsibility claims of the document that concern this claim's incident.
    responsibility: list[ResponsibilityClaim] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim.to_dict(),
            "doc_id": self.doc_id,
            "claim_id": self.claim_id,
            "source": self.source,
            "published": self.published,
            "title": self.title,
            "words": list(self.words),
            "names": list(self.names),
            "doc_location": self.doc_location.to_dict() if self.doc_location else None,
            "doc_country": self.doc_country,
            "doc_admin1": self.doc_admin1,
            "index": self.index,
            "responsibility": [r.to_dict() for r in self.responsibility],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ClaimRef:
        return cls(
            claim=Claim.from_dict(d["claim"]),
            doc_id=d["doc_id"],
            claim_id=d["claim_id"],
            source=d.get("source"),
            published=d.get("published"),
            title=d.get("title"),
            words=tuple(d.get("words") or ()),
            names=tuple(d.get("names") or ()),
            doc_location=Location.from_dict(d.get("doc_location")),
            doc_country=d.get("doc_country"),
            doc_admin1=d.get("doc_admin1"),
            index=int(d.get("index", 0)),
            responsibility=[ResponsibilityClaim.from_dict(r) for r in d.get("responsibility") or []],
        )


@dataclass(frozen=True)
class Constraints:
    """Human decisions: claim-id pairs that must be one event, or must not."""

    must_link: frozenset[tuple[str, str]] = frozenset()
    cannot_link: frozenset[tuple[str, str]] = frozenset()

    @classmethod
    def of(cls, must_link: Iterable[tuple[str, str]] = (),
           cannot_link: Iterable[tuple[str, str]] = ()) -> Constraints:
        def norm(pairs: Iterable[tuple[str, str]]) -> frozenset[tuple[str, str]]:
            return frozenset((a, b) if a <= b else (b, a) for a, b in pairs if a != b)

        return cls(must_link=norm(must_link), cannot_link=norm(cannot_link))

    def cannot(self, a: str, b: str) -> bool:
        return ((a, b) if a <= b else (b, a)) in self.cannot_link


NO_CONSTRAINTS = Constraints()


def claim_id(doc_id: str, claim: Claim) -> str:
    """A stable id for a claim of a document (the same claim extracted again gets the same id)."""
    who = claim.claimant.text if claim.claimant else ""
    key = (f"{doc_id}|{claim.kind}|{claim.value}|{claim.qualifier}|{claim.group}|{who}|"
           f"{claim.evidence.start}|{claim.evidence.end}")
    if claim.evidence.part != "text":
        key += f"|{claim.evidence.part}"
    return content_hash(key)


# ---------------------------------------------------------------------------
# Lexicons
# ---------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _word_set(filename: str) -> frozenset[str]:
    """A word list of ``cluster_data`` (one entry a line, ``#`` comments)."""
    lines = (DATA / filename).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _stopwords() -> frozenset[str]:
    return _word_set("stopwords.txt")


def _name_words() -> frozenset[str]:
    return _word_set("name_words.txt")


def is_followup(ref: ClaimRef) -> bool:
    """The claim's article tells a later step of a story (its frequent words include a trial,
    a sentencing, an anniversary: ``cluster_data/followup_words.txt``)."""
    return not _word_set("followup_words.txt").isdisjoint(ref.words)


_YEARISH = re.compile(r"^(1[89]|20)\d\d\b")


def name_is_strong(name: str) -> bool | None:
    """True for a person-like name or an address, False for a single word, an institution or a
    district, None for noise (a year)."""
    if _YEARISH.match(name):
        return None
    parts = name.split()
    words = _name_words()
    if name[:1].isdigit():
        return not any(w in words for w in parts[1:])  # "3200 rood", not "11 news"
    return len(parts) > 1 and not any(w in words for w in parts)


@lru_cache(maxsize=1)
def _sources_lexicon() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "sources.json").read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def _perpetrators_lexicon() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "perpetrators.json").read_text(encoding="utf-8"))
    return data


# ---------------------------------------------------------------------------
# Document features
# ---------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]{2,}")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ \-][A-Z][a-z]+)+\b")
# A capitalised word inside a sentence (after a lower-case word or a comma): a proper name.
_SINGLE_NAME = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{2,})\b(?![ \-][A-Z])")
# Before a number, a station's call sign or a clock's colon: "KSLA 12 Shreveport", "6:30 Saturday".
_CALL_SIGN = re.compile(r"(?:\b[KW][A-Z]{2,3}(?:-TV)?|\b[Cc]hannel|\bNews)\s+$|[:\d]$")
_STREET_NUMBER = re.compile(r"\b(\d{2,5})\s+(?:block\s+of\s+)?(?:[NSEW]\.?\s+)?([A-Z][a-z]+)")
# Between a first and a last name, a nickname in quotes ('Cheron "C-Wiz" Shelton') or a middle
# initial ('Robert L. Thomas') is left out, so that every report's form of a name is one name.
_NAME_INSERT = re.compile(r"(\b[A-Z][a-z]+) +(?:[\"“‘'][^\"”’'\n]{1,25}[\"”’']|[A-Z]\.)(?= +[A-Z][a-z])")


# A person's name of three words also counts as its first and last ("James Robert Roe" meets
# "James Roe" in another report); only a name of a person, not "Salt Lake City" (name_is_strong).
NAME_WITHOUT_MIDDLE = True


def text_features(text: str, title: str | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The content-word bag and proper-name bag of an article.

    Words: the ``N_WORDS`` most frequent non-stopwords (ties alphabetical). Names: multi-word
    capitalised sequences and street addresses ("3200 Rood"), the ``N_NAMES`` most frequent. A
    name is read without a nickname or a middle initial, and a three-word name also counts as
    its first and last (see NAME_WITHOUT_MIDDLE).
    """
    full = f"{title}\n{text}" if title else text
    full = _NAME_INSERT.sub(r"\1", full)
    stop = _stopwords()
    counts: Counter[str] = Counter()
    for m in _WORD.finditer(full):
        w = m.group(0).lower().strip("'-")
        if len(w) > 2 and w not in stop:
            if w.endswith("'s"):
                w = w[:-2]
            counts[w] += 1
    words = sorted(w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:N_WORDS])
    ncounts: Counter[str] = Counter()
    for m in _NAME.finditer(full):
        parts = [p for p in re.split(r"[ \-]", m.group(0).lower()) if p not in stop]
        if len(parts) >= 2:
            ncounts[" ".join(parts)] += 1
        if len(parts) == 3 and NAME_WITHOUT_MIDDLE and name_is_strong(" ".join(parts)):
            ncounts[_person_key(" ".join(parts))] += 1  # "James Robert Roe" is also "James Roe"
    for m in _SINGLE_NAME.finditer(full):
        w = m.group(1).lower()
        if w not in stop:
            ncounts[w] += 1
    for m in _STREET_NUMBER.finditer(full):
        if _CALL_SIGN.search(full, max(0, m.start() - 12), m.start()):
            continue  # "KSLA 12 Shreveport", "6:30 Saturday": a station or a time, not an address
        ncounts[f"{m.group(1)} {m.group(2).lower()}"] += 1
    names = sorted(n for n, _ in sorted(ncounts.items(), key=lambda kv: (-kv[1], kv[0]))[:N_NAMES])
    return tuple(words), tuple(names)


def _majority(result: DocumentResult, field: str, share: float, within: str | None = None) -> str | None:
    """The value of ``field`` (country, admin1) shared by more than ``share`` of the document's
    resolved places and claimed locations (claims count twice; ``within`` a country), when at
    least two point to it."""
    counts: Counter[str] = Counter()
    for c in result.claims:
        loc = c.location
        if loc is not None and not c.aggregate and (v := getattr(loc, field)) and (
                within is None or loc.country == within):
            counts[v] += 2
    for p in result.places:
        if (v := getattr(p, field)) and (within is None or p.country == within):
            counts[v] += 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    top, n = ranked[0]
    if len(ranked) > 1 and ranked[1][1] == n:
        return None  # no single leader
    return top if n >= 2 and n > share * sum(counts.values()) else None


def _main_location(result: DocumentResult, country: str | None = None) -> Location | None:
    """The place the document is mostly about: the most claimed location, else the most named
    place (in ``country`` when given)."""
    named: Counter[str] = Counter()
    best: dict[str, Location] = {}
    for c in result.claims:
        if country and c.location is not None and c.location.country and c.location.country != country:
            continue
        if c.location is not None and c.location.name and not c.aggregate:
            named[c.location.name] += 2
            cur = best.get(c.location.name)
            if cur is None or (cur.lat is None and c.location.lat is not None):
                best[c.location.name] = c.location
    for p in result.places:
        if country and p.country and p.country != country:
            continue
        named[p.name] += 1
        if p.name not in best:
            best[p.name] = Location(name=p.name, geonames_id=p.geonames_id, lat=p.lat, lon=p.lon,
                                    country=p.country, admin1=p.admin1, feature=p.feature)
    if not named:
        return None
    name = sorted(named.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    loc = best[name]
    return Location(name=loc.name, geonames_id=loc.geonames_id, lat=loc.lat, lon=loc.lon,
                    country=loc.country, admin1=loc.admin1, admin2=loc.admin2,
                    precision=loc.precision, feature=loc.feature)


def claim_refs(result: DocumentResult, options: Options = DEFAULT) -> list[ClaimRef]:
    """The claims of one document as :class:`ClaimRef` rows, ready for :func:`build_events`."""
    from reportedly.nlp.responsibility import attach_responsibility, extract_responsibility

    doc = result.document
    published = doc.published or options.published
    words, names = text_features(doc.text, doc.title)
    country = _majority(result, "country", COUNTRY_MAJORITY)
    admin1 = _majority(result, "admin1", ADMIN1_MAJORITY, country) if country else None
    main = _main_location(result, country)
    refs = []
    for i, c in enumerate(result.claims):
        refs.append(ClaimRef(claim=c, doc_id=doc.id, claim_id=claim_id(doc.id, c), source=doc.source,
                             published=published, title=doc.title, words=words, names=names,
                             doc_location=main, doc_country=country,
                             doc_admin1=admin1, index=i))
    if refs and doc.text:
        resp = extract_responsibility(result, options)
        for ref_index, rc in attach_responsibility(result.claims, resp):
            refs[ref_index].responsibility.append(rc)
    return refs


# ---------------------------------------------------------------------------
# Time and place of a claim
# ---------------------------------------------------------------------------


def _parse_date(s: str | None, end: bool = False) -> _dt.date | None:
    """A date from ISO ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (the first or last day of it)."""
    if not s:
        return None
    s = s.strip()
    try:
        if len(s) >= 10:
            return _dt.date.fromisoformat(s[:10])
        if len(s) == 7:
            y, m = int(s[:4]), int(s[5:7])
            if not end:
                return _dt.date(y, m, 1)
            nxt = _dt.date(y + (m == 12), m % 12 + 1, 1)
            return nxt - _dt.timedelta(days=1)
        if len(s) == 4:
            y = int(s)
            return _dt.date(y, 12, 31) if end else _dt.date(y, 1, 1)
    except ValueError:
        return None
    return None


def _precision_of(time: TimeRef) -> str:
    if time.precision:
        return time.precision
    s = time.date_start or ""
    return "year" if len(s) == 4 else "month" if len(s) == 7 else "day"


@dataclass(frozen=True)
class Window:
    start: _dt.date
    end: _dt.date
    precision: str  # day, week, month, year, or "published" (a guess from the publication date)

    @property
    def resolved(self) -> bool:
        return self.precision != "published"


def claim_window(ref: ClaimRef) -> Window | None:
    """When the claim's incident happened, as a window of days (``None`` when unknown)."""
    t = ref.claim.time
    if t is not None and t.date_start:
        start = _parse_date(t.date_start)
        end = _parse_date(t.date_end or t.date_start, end=True)
        if start is not None and end is not None and end >= start:
            return Window(start, end, _precision_of(t))
    pub = _parse_date(ref.published)
    if pub is not None:
        return Window(pub - _dt.timedelta(days=PUBLISHED_WINDOW_DAYS), pub, "published")
    return None


def claim_location(ref: ClaimRef) -> Location | None:
    """The claim's place; the document's place when the claim names none, or when the claim's
    place resolved to another country than most of the document's places (a namesake)."""
    loc = ref.claim.location
    main = ref.doc_location
    if loc is not None and (loc.name or loc.lat is not None):
        if (ref.doc_country and loc.country and loc.country != ref.doc_country
                and main is not None and main.country == ref.doc_country):
            return main
        if (ref.doc_admin1 and loc.admin1 and loc.admin1 != ref.doc_admin1 and main is not None
                and main.admin1 == ref.doc_admin1 and loc.country == main.country):
            return main
        return loc
    return main


@lru_cache(maxsize=65536)
@lru_cache(maxsize=1)
def _place_abbreviations() -> tuple[dict[str, str], dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads((DATA / "place_abbreviations.json").read_text(encoding="utf-8"))
    return data["first"], data["last"]


def _norm_place(name: str) -> str:
    """A place name as a key: lower case, no article or punctuation, abbreviations written out
    ("Bourbon St." is "Bourbon Street", "Mt. Pleasant" is "Mount Pleasant")."""
    s = name.lower()
    s = re.sub(r"^(the|a|an)\s+", "", s)
    s = re.sub(r"[^a-z0-9 ]+", " ", s)
    s = re.sub(r"\bal\b|\bel\b", "", s)
    words = s.split()
    if len(words) > 1:
        first, last = _place_abbreviations()
        words[0] = first.get(words[0], words[0])
        words[-1] = last.get(words[-1], words[-1])
    return "".join(words)


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


def _coarseness(loc: Location) -> int:
    if loc.precision:
        return int(loc.precision)
    if loc.feature in ("country", "admin1", "region"):
        return 3
    if loc.feature == "admin2":
        return 2
    return 1


def _place_key(loc: Location | None) -> tuple[Any, ...] | None:
    """What :func:`place_relation` reads of a place."""
    if loc is None:
        return None
    return (loc.name, loc.lat, loc.lon, loc.country, loc.admin1, loc.precision, loc.feature)


def place_relation(a: Location | None, b: Location | None) -> str:
    """``same``, ``near`` (compatible), ``unknown``, ``different`` (a soft mismatch) or ``far`` (incompatible)."""
    if a is None or b is None:
        return "unknown"
    if a.country and b.country and a.country != b.country:
        return "far"
    same_name = bool(a.name and b.name and _norm_place(a.name) == _norm_place(b.name))
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        coarse = max(_coarseness(a), _coarseness(b))
        if coarse >= 3:
            if a.admin1 and b.admin1 and a.admin1 != b.admin1 and min(_coarseness(a), _coarseness(b)) < 4:
                # a province and a town in another province
                if (a.feature != "country" and b.feature != "country"):
                    return "far"
            return "same" if same_name else "near"
        d = _haversine(a.lat, a.lon, b.lat, b.lon)
        if d > DISTANCE_KM.get(coarse, 80.0):
            # one name resolved to two namesakes: the resolution, not the place, differs
            return "same" if same_name else "far"
        return "same" if same_name or d < 2.0 else "near"
    if same_name:
        return "same"
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return "far"
    if a.name and b.name:
        return "different"
    return "unknown"


# ---------------------------------------------------------------------------
# Blocking
# ---------------------------------------------------------------------------


def _days(start: _dt.date, end: _dt.date) -> Iterable[_dt.date]:
    d = start
    while d <= end:
        yield d
        d += _dt.timedelta(days=1)


def _is_coarse(w: Window) -> bool:
    tol = TOLERANCE_DAYS.get(w.precision, 1)
    return (w.end - w.start).days + 1 + 2 * tol > MAX_DAY_KEYS


# A key ending in PASSIVE is a passive key: its claim waits there to be found by the claims
# holding the same key without the mark (the active ones), but passive claims do not pair
# with each other. Day claims are passive in month, year and late-report buckets, so that a
# coarse or late claim finds them there without every day claim of a place meeting the
# others of its month.
PASSIVE = "~"


def _window_keys(w: Window, country: str, places: list[str]) -> list[str]:
    """Time keys of a claim, by the length of its window (widened by its tolerance):

    * a short window: ``d<day>|<country>`` for each day, and passive month keys crossed with
      the narrow place keys (``m2011-06|SY|c:35:36~``);
    * a window of up to MAX_MONTH_WINDOW_DAYS (a month): those month keys, active, so it finds
      its place's claims of those months;
    * a longer window ("this year", "in 2011"): active year keys of its place, so it meets
      other long-window claims of its place, but not every claim of a place's year.
    """
    tol = TOLERANCE_DAYS.get(w.precision, 1)
    start = w.start - _dt.timedelta(days=tol)
    end = w.end + _dt.timedelta(days=tol)
    span = (end - start).days + 1
    keys: list[str] = []
    if span <= MAX_MONTH_WINDOW_DAYS:
        months = sorted({d.isoformat()[:7] for d in _days(start, end)})
        mark = PASSIVE if span <= MAX_DAY_KEYS else ""
        if not mark:
            keys.extend(f"m{m}|{country}|{p}" for m in months for p in places)
        else:
            keys.extend(f"d{d.isoformat()}|{country}" for d in _days(start, end))
            keys.extend(f"m{m}|{country}|{p}{mark}" for m in months for p in places)
    else:
        keys.extend(f"y{y}|{country}|{p}" for y in range(start.year, end.year + 1) for p in places)
    return keys


def _as_ref(row: ClaimRef | Mapping[str, Any]) -> ClaimRef:
    return row if isinstance(row, ClaimRef) else ClaimRef.from_dict(row)


# The version of :func:`block_keys`. Bump it whenever the keys change: a ledger stores each
# claim's keys, and rewrites them all the next time it is written to by a newer version.
BLOCKS_VERSION = 12

# A place of a name and a located place of the same name are one area ("Bourbon St." and
# "Bourbon Street"); two located namesakes far apart are not.
SAME_NAME_AREA = True


def block_keys(claim_row: ClaimRef | Mapping[str, Any]) -> list[str]:
    """Index keys of a claim: any two claims that could be one event share at least one (an
    active key, or an active and a passive one: see PASSIVE).

    * ``doc:<doc_id>`` for every claim (claims of one document always meet);
    * for a non-aggregate claim with a short time window: ``d<day>|<country>`` for each day
      of the window widened by its tolerance (``d2011-06-06|SY``). ``<country>`` is the
      document's (ClaimRef.doc_country) when the claim's place has no resolved country (an
      unresolved name: "the Metro station", a misspelt village), else ``??``: such a claim
      meets every claim of those days (each holds ``d<day>|??`` passive), and everything of
      its own document;
    * month keys ``m2011-06|SY|<place>`` over the narrow place keys of
      :func:`late_place_keys` (grid cells for a located town, else the place's name): a claim
      dated to a month holds them active and meets the claims of its place inside it, which
      hold them passive; a claim with a longer window only meets other such claims of its
      place, through year keys ``y2011|SY|<place>`` (see :func:`_window_keys`);
    * late-report keys ``r<month>|<country>|<place>``: a claim with no date of its own (dated
      by its publication) holds them active for the months LATE_REPORT_DAYS back from its
      publication, a claim with a short window passive for the months of its window, so a
      later undated report meets the incident it follows up in the same area, not every
      report of a country;
    * far late-report keys ``s<year>|<country>|<place>|<name>``, one per strong name of the
      document (people, addresses: :func:`name_is_strong`): held active by an undated claim
      for the years LATE_FAR_DAYS back, passive by a claim with a short window for its
      years, so a trial a year on meets the incident whose people it names, not every
      incident of its place over two years;
    * people keys ``p<year>|<name>|<name>``, one per two of the document's people
      (:func:`_people`, the first PEOPLE_KEY_NAMES of them) when it names JOIN_PEOPLE: active
      for a claim with no date of its own or in a later step of the story
      (:func:`is_followup`), for the years from PEOPLE_DAYS before its window to its end;
      passive for the others, for the years of their window. A trial or an undated report
      meets the incident whose people it names wherever their places resolved, or none did
      (see :func:`_people_pairs`), while two dated reports do not meet through names alone
      (a story told for months does not pile up in one block);
    * aggregate claims and claims with neither a date nor a publication date only get the
      document key: they never join another document's incident on their own, nor do claims
      with a coarse window and no place.
    """
    ref = _as_ref(claim_row)
    keys = [f"doc:{ref.doc_id}"]
    if ref.claim.aggregate:
        return keys
    w = claim_window(ref)
    if w is None:
        return keys
    loc = claim_location(ref)
    country = (loc.country if loc is not None and loc.country
               else ref.doc_country if UNPLACED_DOC_COUNTRY and ref.doc_country else "??").upper()
    places = late_place_keys(loc) if loc is not None else []
    window_keys = _window_keys(w, country, places)
    keys.extend(window_keys)
    if UNPLACED_MEET_ALL and country != "??":
        keys.extend(f"{k.split('|')[0]}|??{PASSIVE}" for k in window_keys if k.startswith("d"))
    if places:
        far = LATE_FAR_DAYS > LATE_REPORT_DAYS
        if anchored(w):
            keys.extend(f"r{m}|{country}|{p}" for m in _months_back(w.end, LATE_REPORT_DAYS) for p in places)
            if far and is_followup(ref):
                first = (w.end - _dt.timedelta(days=LATE_FAR_DAYS)).year
                names = _strong_names(ref)
                keys.extend(f"s{y}|{country}|{p}|{n}" for y in range(first, w.end.year + 1)
                            for p in places for n in names)
        elif not _is_coarse(w):
            months = sorted({d.isoformat()[:7] for d in _days(w.start, w.end)})
            keys.extend(f"r{m}|{country}|{p}{PASSIVE}" for m in months for p in places)
            if far:
                names = _strong_names(ref)
                keys.extend(f"s{y}|{country}|{p}|{n}{PASSIVE}" for y in range(w.start.year, w.end.year + 1)
                            for p in places for n in names)
    if JOIN_PEOPLE:
        people = _people(ref)[:PEOPLE_KEY_NAMES]
        if len(people) >= max(2, JOIN_PEOPLE):
            late = anchored(w) or is_followup(ref)
            first = (w.end - _dt.timedelta(days=PEOPLE_DAYS)).year if late else w.start.year
            mark = "" if late else PASSIVE
            keys.extend(f"p{year}|{one}|{other}{mark}" for year in range(first, w.end.year + 1)
                        for n, one in enumerate(people) for other in people[n + 1:])
    return keys


def _person_key(name: str) -> str:
    """One key per person: a name of three words by its first and last ("james robert roe" and
    "james roe" are one person, counted once)."""
    parts = name.split()
    return f"{parts[0]} {parts[2]}" if NAME_WITHOUT_MIDDLE and len(parts) == 3 and not parts[0][:1].isdigit() else name


def _strong_names(ref: ClaimRef) -> list[str]:
    """The document's strong names (people, addresses: :func:`name_is_strong`), one per person,
    sorted."""
    return sorted({_person_key(n) for n in ref.names if name_is_strong(n)})


@lru_cache(maxsize=65536)
def _gazetteer_entries(name: str) -> tuple[tuple[Entry, int], ...]:
    """The gazetteer's places of a name, each with the kind of name it matched (see
    :meth:`reportedly.geo.Gazetteer.lookup`)."""
    from reportedly.geo import load
    from reportedly.geo.normalize import name_key

    key = name_key(name)
    return tuple(load().lookup([key]).get(key, []))


def _is_place_name(name: str) -> bool:
    """The gazetteer knows the name as a town of 1,000 people or more, or as a province, a
    district or a country ("baton rouge", "miami dade"): a place the articles name, not a person."""
    return any(e.population >= 1000 or e.feature != "city" for e, _ in _gazetteer_entries(name))


@lru_cache(maxsize=1)
def _party_words() -> frozenset[str]:
    """Words of organisations, armed parties and classes of sources (``sources.json``,
    ``perpetrators.json``): a name holding one is no person's ("Nusra Front", "Free Army")."""
    src, perp = _sources_lexicon(), _perpetrators_lexicon()
    return frozenset(src["org_words"]) | frozenset(src["generic"]) | frozenset(perp["same"]) \
        | frozenset(perp["generic"])


def _is_area_word(word: str) -> bool:
    """A country, a province or a region, or its people ("syrian", "kurdish", "texas")."""
    from reportedly.geo.gazetteer import DEMONYM

    return any(kind == DEMONYM or e.feature in ("country", "admin1", "region", "continent")
               for e, kind in _gazetteer_entries(word))


# A name opening with an article ("al Qaeda", "el Chapo", "the Bronx") is an organisation's, a
# place's or a nickname, not a person's full name.
_ARTICLES = frozenset(("al", "el", "the"))


def _is_person_name(name: str) -> bool:
    """A strong name that can be a person's (or an address): two or three words, none of them
    an organisation's or a party's, an area's or its people's, not a place's name, not a date."""
    parts = name.split()
    if len(parts) > 3 or parts[0] in _ARTICLES or any(w in _party_words() for w in parts):
        return False  # page furniture, "al Qaeda", "Nusra Front", "Free Army"
    if parts[0][:1].isdigit():
        if any(w in MONTHS for w in parts[1:]):
            return False  # "21 jul": a date, not an address
    elif any(_is_area_word(w) for w in parts):
        return False  # "Syrian Kurdish", "Ohio Valley"
    return not _is_place_name(name)


def _people(ref: ClaimRef) -> list[str]:
    """The document's strong names that can be persons' or addresses (see
    :func:`_is_person_name`), sorted: the people (and places of the scene) its story is about."""
    return [n for n in _strong_names(ref) if _is_person_name(n)]


def _precise(loc: Location) -> bool:
    """A located town or district (not a province or country): distances decide."""
    return loc.lat is not None and loc.lon is not None and _coarseness(loc) < 3


def same_area(a: Location, b: Location) -> bool:
    """Two precise places within the distance of the coarser one, or two imprecise places of
    the same name: the places :func:`late_place_keys` lets meet."""
    pa, pb = _precise(a), _precise(b)
    if SAME_NAME_AREA and not (pa and pb) and a.name and b.name and _norm_place(a.name) == _norm_place(b.name):
        return True  # "Bourbon St." and a located "Bourbon Street" (two located namesakes stay apart)
    if pa and pb:
        assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
        reach = DISTANCE_KM.get(max(_coarseness(a), _coarseness(b)), 80.0)
        return _haversine(a.lat, a.lon, b.lat, b.lon) <= reach
    return not pa and not pb and bool(a.name and b.name and _norm_place(a.name) == _norm_place(b.name))


def late_place_keys(loc: Location) -> list[str]:
    """Narrow place keys (late reports, coarse dates): for a precise located place
    ``c:<lat>:<lon>`` for each grid cell (CELL_DEGREES) that its distance (DISTANCE_KM by
    precision) reaches, else ``n:<name>`` for the normalised name. Two precise places within
    the distance of the coarser one share a cell: the coarser one's reach covers the other's
    own cell (see :func:`same_area`).
    """
    keys = []
    if (SAME_NAME_AREA or not _precise(loc)) and loc.name and (n := _norm_place(loc.name)):
        keys.append(f"n:{n}")
    if _precise(loc):
        assert loc.lat is not None and loc.lon is not None
        reach = DISTANCE_KM.get(_coarseness(loc), 80.0)
        dlat = reach / 111.0
        lat_hi = min(89.9, abs(loc.lat) + dlat)
        dlon = min(180.0, reach / (111.0 * math.cos(math.radians(lat_hi))))
        for i in range(math.floor((loc.lat - dlat) / CELL_DEGREES), math.floor((loc.lat + dlat) / CELL_DEGREES) + 1):
            for j in range(math.floor((loc.lon - dlon) / CELL_DEGREES),
                           math.floor((loc.lon + dlon) / CELL_DEGREES) + 1):
                jj = (j + round(180 / CELL_DEGREES)) % round(360 / CELL_DEGREES) - round(180 / CELL_DEGREES)
                keys.append(f"c:{i}:{jj}")
    return keys


def keys_meet(a: Iterable[str], b: Iterable[str]) -> set[str]:
    """The keys (unmarked) through which claims holding keys ``a`` and ``b`` meet: held by
    both, active in at least one (see PASSIVE)."""
    def split(keys: Iterable[str]) -> tuple[set[str], set[str]]:
        act: set[str] = set()
        pas: set[str] = set()
        for k in keys:
            (pas.add(k[:-len(PASSIVE)]) if k.endswith(PASSIVE) else act.add(k))
        return act, pas

    aa, ap = split(a)
    ba, bp = split(b)
    return (aa & ba) | (aa & bp) | (ap & ba)


def _months_back(d: _dt.date, days: int) -> list[str]:
    out = []
    y, m = d.year, d.month
    first = d - _dt.timedelta(days=days)
    while (y, m) >= (first.year, first.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out


def anchored(w: Window | None) -> bool:
    """The claim has no date of its own: its window is guessed from its publication."""
    return w is not None and not w.resolved


# ---------------------------------------------------------------------------
# Pairwise compatibility and evidence
# ---------------------------------------------------------------------------


def _windows_overlap(a: Window | None, b: Window | None) -> bool | None:
    """True/False when both are known, None when either is unknown."""
    if a is None or b is None:
        return None
    tol = max(TOLERANCE_DAYS.get(a.precision, 1), TOLERANCE_DAYS.get(b.precision, 1))
    slack = _dt.timedelta(days=tol)
    return a.start - slack <= b.end and b.start - slack <= a.end


def _cosine(a: dict[str, float], b: dict[str, float], norm_a: float, norm_b: float) -> float:
    if not norm_a or not norm_b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b) / (norm_a * norm_b)


def rarity_weights(refs: Iterable[ClaimRef]) -> dict[str, float]:
    """Inverse document frequency of words and names over the documents of a batch of claims."""
    seen: dict[str, ClaimRef] = {}
    for r in refs:
        seen.setdefault(r.doc_id, r)
    df: Counter[str] = Counter()
    for r in seen.values():
        df.update(set(r.words))
        df.update(set(r.names))
    n = len(seen) + IDF_PRIOR
    return {t: math.log(n / (c + 1)) for t, c in df.items()}


@dataclass
class _Node:
    """A claim prepared for clustering."""

    ref: ClaimRef
    window: Window | None
    location: Location | None
    words: dict[str, float]  # content word -> rarity weight
    words_norm: float
    names: dict[str, float]  # proper name -> rarity weight
    names_norm: float
    strong: frozenset[str]  # person-like names and addresses
    people: frozenset[str] = frozenset()  # the strong names of persons and addresses (see _people)
    claimant_key: str = ""
    anchored: bool = False  # no date of its own (dated by its publication): may be a late report


_DocVectors = tuple[dict[str, float], float, dict[str, float], float, frozenset[str], frozenset[str]]


def _doc_vectors(ref: ClaimRef, weights: Mapping[str, float] | None = None) -> _DocVectors:
    """The weighted word and name vectors of a claim's document (with their norms) and its
    strong names: the same for every claim of a document."""
    w = weights or {}
    default = math.log(1 + IDF_PRIOR)
    words = {t: w.get(t, default) for t in ref.words}
    names = {t: w.get(t, default) for t in ref.names if name_is_strong(t) is not None}
    strong = frozenset(_strong_names(ref))
    return (words, math.sqrt(sum(x * x for x in words.values())),
            names, math.sqrt(sum(x * x for x in names.values())), strong, frozenset(_people(ref)))


def _prepare(ref: ClaimRef, weights: Mapping[str, float] | None = None,
             vectors: _DocVectors | None = None) -> _Node:
    words, words_norm, names, names_norm, strong, people = vectors or _doc_vectors(ref, weights)
    window = claim_window(ref)
    return _Node(ref=ref, window=window, location=claim_location(ref), anchored=anchored(window),
                 words=words, words_norm=words_norm, names=names, names_norm=names_norm, strong=strong,
                 people=people, claimant_key=_claimant_key(ref.claim))


# Whether event types can differ within one event (see cluster_data/event_types.json).
TYPE_FAMILY = True


@lru_cache(maxsize=1)
def _type_families() -> tuple[frozenset[str], ...]:
    data: dict[str, Any] = json.loads((DATA / "event_types.json").read_text(encoding="utf-8"))
    return tuple(frozenset(f) for f in data["families"])


def types_compatible(a: str | None, b: str | None, loose: bool = True) -> bool:
    """Two claims' event types can be one incident's: equal, either unknown, or, when ``loose``,
    one family's: an armed clash in one report is an attack on civilians in another. One
    article that tells of a clash with soldiers and of civilians attacked tells two incidents
    (see :func:`_compatible`)."""
    if not a or not b or a == b:
        return True
    return loose and TYPE_FAMILY and any(a in f and b in f for f in _type_families())


def _late_report(a: _Node, b: _Node, rel: str | None = None, days: int | None = None) -> bool:
    """Windows apart, but one claim is only dated by its publication, up to ``days`` after the
    other's window, and both are in the same area (:func:`same_area`): a late report must
    agree on the place, so that it is found through narrow place keys."""
    if a.ref.doc_id == b.ref.doc_id or a.window is None or b.window is None:
        return False
    if a.location is None or b.location is None:
        return False
    if days is None:
        days = LATE_REPORT_DAYS  # read at each call (a default argument would be fixed at import)
    if rel is None:
        rel = place_relation(a.location, b.location)
    if rel not in ("same", "near") or not same_area(a.location, b.location):
        return False
    for x, y in ((a, b), (b, a)):
        wx, wy = x.window, y.window
        assert wx is not None and wy is not None
        if x.anchored and wx.end >= wy.start and (wx.end - wy.end).days <= days:
            return True
    return False


def _far_late_report(a: _Node, b: _Node, rel: str | None = None) -> bool:
    """A late report up to LATE_FAR_DAYS after, whose article shares LATE_FAR_NAMES strong
    names with the other's and tells a later step of the story (see :func:`is_followup`)."""
    if len(a.strong & b.strong) < LATE_FAR_NAMES or not _late_report(a, b, rel, LATE_FAR_DAYS):
        return False
    if _late_report(a, b, rel):
        return True
    later = a if a.window is not None and b.window is not None and a.window.end > b.window.end else b
    return is_followup(later.ref)


# Within one article, a figure with no date of its own can be the incident the article dates
# elsewhere, up to LATE_REPORT_DAYS before its publication (see _undated_restates).
SAME_DOC_UNDATED = True


def _undated_restates(a: _Node, b: _Node) -> bool:
    """Within one article, a claim with no date of its own (dated by the publication) and one
    dated by a date of its own to a day or a week up to LATE_REPORT_DAYS before: the article's
    undated figures are the dated incident's, told again without its date (not those of a
    year recalled in the background)."""
    for x, y in ((a, b), (b, a)):
        wx, wy = x.window, y.window
        if x.anchored and wx is not None and wy is not None and wy.resolved and wy.precision in ("day", "week") \
                and wy.end <= wx.end and (wx.end - wy.end).days <= LATE_REPORT_DAYS:
            return True
    return False


# Within one article, a clash and an attack on civilians dated to the same single day may be
# one incident (officers killed and a bystander wounded in one shooting); told over different
# spans ("on Monday" against "since Saturday") they are two.
SAME_DAY_FAMILY = True


def _same_day(a: Window | None, b: Window | None) -> bool:
    """Both claims are dated, each by a date of its own, to the one same day."""
    return (SAME_DAY_FAMILY and a is not None and b is not None and a.resolved and b.resolved
            and a.start == a.end == b.start == b.end)


def _gap_days(a: Window, b: Window) -> int:
    """Days between two windows (0 or less when they overlap)."""
    return (max(a.start, b.start) - min(a.end, b.end)).days


def _compatible(a: _Node, b: _Node, score: float | None = None, rel: str | None = None,
                score_of: Callable[[], float] | None = None) -> bool:
    """Nothing rules out that the two claims are about one incident.

    ``score`` (the pair's evidence, or ``score_of`` to compute it when needed) lets a late
    report through (see :func:`_late_report`).
    """
    ca, cb = a.ref.claim, b.ref.claim
    if ca.aggregate or cb.aggregate:
        return False
    cross = a.ref.doc_id != b.ref.doc_id
    if not types_compatible(ca.event_type, cb.event_type, cross or ca.group == cb.group
                            or "unknown" in (ca.group, cb.group) or _same_day(a.window, b.window)):
        return False
    if rel is None:
        rel = place_relation(a.location, b.location)
    if _windows_overlap(a.window, b.window) is False:
        if score is None:
            score = score_of() if score_of is not None else _pair_score(a, b, rel)
        same_toll = ca.kind == cb.kind and ca.value == cb.value and ca.value >= 2
        bonus = W_SAME_TOLL if same_toll else 0.0
        if not (score + bonus >= LATE_THRESHOLD and (_late_report(a, b, rel) or _far_late_report(a, b, rel))):
            assert a.window is not None and b.window is not None
            if not (cross and rel in ("same", "near") and score >= DATE_OVERRULE_THRESHOLD
                    and _gap_days(a.window, b.window) <= DATE_OVERRULE_DAYS) and not (
                    SAME_DOC_UNDATED and not cross and rel in ("same", "near", "unknown")
                    and _undated_restates(a, b)):
                return False
    if rel == "far":
        la, lb = a.location, b.location
        if not cross:
            return SAME_DOC_FAR_SOFT and _windows_overlap(a.window, b.window) is not False
        if la is not None and lb is not None and la.country and lb.country and la.country != lb.country:
            return False
        if score is None:
            score = score_of() if score_of is not None else _pair_score(a, b, rel)
        if la is not None and lb is not None and la.admin1 and la.admin1 == lb.admin1:
            return score >= PROVINCE_OVERRULE_THRESHOLD
        return score >= OVERRULE_THRESHOLD
    return True


_TextEvidence = tuple[float, float, int]


def _text_evidence(a: _Node, b: _Node) -> _TextEvidence:
    """How alike two claims' documents are: word and name cosines, shared strong names."""
    return (_cosine(a.words, b.words, a.words_norm, b.words_norm),
            _cosine(a.names, b.names, a.names_norm, b.names_norm), len(a.strong & b.strong))


def _text_score(evidence: _TextEvidence) -> float:
    """The weighted sum of two articles' text evidence (see :func:`_text_evidence`)."""
    sim, names, strong = evidence
    return W_SIM * sim + W_NAMES * names + W_STRONG_NAME * min(strong, MAX_NAMES)


def _pair_score(a: _Node, b: _Node, rel: str | None = None, text: _TextEvidence | None = None) -> float:
    """How strongly the evidence says two compatible claims are one incident (``text``: the
    documents' :func:`_text_evidence`, when already known)."""
    ca, cb = a.ref.claim, b.ref.claim
    score = 0.0
    same_doc = a.ref.doc_id == b.ref.doc_id
    if rel is None:
        rel = place_relation(a.location, b.location)
    both_resolved = bool(a.window and b.window and a.window.resolved and b.window.resolved)
    if same_doc:
        score += 0.6
        # one article telling two incidents apart: different dates, places or victims
        if both_resolved and a.window is not None and b.window is not None and (
                a.window.start != b.window.start or a.window.end != b.window.end):
            score -= 0.3
        if rel in ("different", "far"):
            score -= 0.3
        if (ca.group != cb.group and "unknown" not in (ca.group, cb.group)
                and a.claimant_key != b.claimant_key):
            score -= 0.2
    else:
        score += _text_score(text if text is not None else _text_evidence(a, b))
        if rel == "different":
            score -= 0.2
        if ca.kind == cb.kind and ca.value == cb.value:
            score += W_SAME_FIGURE
    if rel == "same":
        score += 0.2
    if both_resolved and a.window is not None and b.window is not None and a.window.start == b.window.start:
        score += 0.1
    return score


# ---------------------------------------------------------------------------
# Sources and perpetrators
# ---------------------------------------------------------------------------

_ARTICLE = re.compile(r"^(the|a|an)\s+", re.I)


def _claimant_key(c: Claim) -> str:
    return source_key(c.claimant.text if c.claimant else None, c.claimant_type, None)


def source_key(claimant: str | None, claimant_type: str = "none", outlet: str | None = None) -> str:
    """The independent source behind a claimant, as a key.

    A claim in an article's own voice is the outlet's (``outlet:<outlet>``). A class of sources
    ("police", "activists", "officials") is keyed by its claimant type, so the same class in two
    outlets is one source. Aliases ("state TV", "the state news agency") share a key. An
    organisation is keyed by its initials ("Syrian Observatory for Human Rights" = "SOHR"), a
    person by the surname ("Mr Tarif" = "Wissam Tarif").
    """
    if not claimant or not claimant.strip():
        return f"outlet:{(outlet or 'unknown').lower()}"
    lex = _sources_lexicon()
    generic: dict[str, str] = lex["generic"]
    text = re.sub(r"[’']s\b", "", claimant.strip())
    low = _ARTICLE.sub("", text.lower())
    low = re.sub(r"\s+", " ", re.sub(r"[^a-z0-9 \-]+", " ", low)).strip()
    for alias, key in lex["aliases"].items():
        if alias in low:
            return str(key)
    tokens = low.split()
    caps = [t for t in re.findall(r"[A-Za-z][\w\-]*", text) if t[0].isupper()]
    joiners = set(lex["joiners"])
    titles = set(lex["titles"])
    org_words = set(lex["org_words"])
    if not caps or (len(caps) == 1 and text.split()[0] == caps[0] and caps[0].lower() in generic):
        # no proper name: a class of sources, keyed by its last class word ("a local doctor")
        classes = [generic[t] for t in tokens if t in generic]
        if classes:
            return f"type:{classes[-1]}"
        if claimant_type not in ("none", ""):
            return f"type:{claimant_type}"
        return f"name:{' '.join(tokens)}"
    if len(caps) == 1 and caps[0].isupper() and len(caps[0]) >= 2:
        return f"org:{caps[0].lower()}"
    if any(t in org_words for t in tokens):
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w\-]*", text)
                           if w[0].isupper() and w.lower() not in joiners)
        return f"org:{initials.lower()}"
    names = [t for t in caps if t.lower() not in titles]
    if names:
        return f"person:{names[-1].lower()}"
    return f"name:{' '.join(tokens)}"


def _perp_class(name: str) -> tuple[str, ...]:
    """Normalised content words of a perpetrator, each mapped to its party class."""
    lex = _perpetrators_lexicon()
    low = " " + name.lower() + " "
    for cut in lex["cut_after"]:
        i = low.find(cut, 1)
        if i > 0:
            low = low[:i]
    low = re.sub(r"[^a-z\- ]+", " ", low)
    stop = _stopwords()
    words = [w for w in low.split() if w not in stop and w not in ("trained", "armed", "unidentified",
                                                                    "unknown", "low", "level", "alleged")]
    return tuple(sorted({lex["same"].get(w, w) for w in words}))


def _perp_generic(name: str) -> bool:
    lex = _perpetrators_lexicon()
    words = [w for w in re.sub(r"[^a-z\- ]+", " ", name.lower()).split()]
    return not words or words[-1] in lex["generic"] or all(w in lex["generic"] or w in ("a", "an", "the")
                                                            for w in words)


def _perp_same(a: str, b: str) -> bool:
    ca, cb = set(_perp_class(a)), set(_perp_class(b))
    if not ca or not cb:
        return True
    return bool(ca & cb)


# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------


def _interval(c: EventClaim) -> tuple[float, float]:
    """The values a claim allows."""
    v = c.value
    q = c.qualifier
    if q == "exact":
        return (v, v)
    if q == "at_least":
        return (v, math.inf)
    if q == "more_than":
        return (v + 1, math.inf)
    if q == "at_most":
        return (0, v)
    if q == "approx":
        return (math.floor(v * 0.8), math.ceil(v * 1.25))
    # vague: "dozens" (12) allows anything from half of it up
    return (max(1, v // 2), math.inf)


def _point(c: EventClaim) -> int:
    return c.value + 1 if c.qualifier == "more_than" else c.value


def _median(values: list[int]) -> int:
    """The median; of an even number of figures the higher middle one (a source that names one
    victim is often not giving the whole toll)."""
    s = sorted(values)
    return s[len(s) // 2]


def _claim_order(c: EventClaim) -> tuple[str, str, str]:
    return (c.published or "", c.doc_id, c.claim_id)


def _latest_per_source(claims: list[EventClaim]) -> dict[str, EventClaim]:
    """Each source's latest claim (by publication date; within one document the largest figure)."""
    out: dict[str, EventClaim] = {}
    for c in sorted(claims, key=lambda c: (c.published or "", c.doc_id, c.value, c.claim_id)):
        out[c.source] = c
    return out


def _range(points: dict[str, int], latest_source: str | None, rule: str) -> FatalityRange | None:
    if not points:
        return None
    vals = sorted(points.values())
    low, high = vals[0], vals[-1]
    if rule == "lowest":
        best = low
    elif rule == "most_sources":
        counts = Counter(vals)
        top = max(counts.values())
        best = _median([v for v in vals if counts[v] == top])
    elif rule == "latest" and latest_source is not None and latest_source in points:
        best = points[latest_source]
    else:
        best = _median(vals)
    return FatalityRange(low=low, best=best, high=high)


def _fatalities(claims: list[EventClaim], rule: str) -> tuple[dict[str, FatalityRange],
                                                                dict[str, dict[str, FatalityRange]]]:
    overall: dict[str, FatalityRange] = {}
    by_group: dict[str, dict[str, FatalityRange]] = defaultdict(dict)
    for kind in KINDS:
        kc = [c for c in claims if c.kind == kind and c.stance != "denied"]
        if not kc:
            continue
        latest_source = sorted(kc, key=_claim_order)[-1].source
        per_group: dict[str, dict[str, int]] = defaultdict(dict)  # group -> source -> point
        for group in sorted({c.group for c in kc}):
            latest = _latest_per_source([c for c in kc if c.group == group])
            for src, c in latest.items():
                per_group[group][src] = _point(c)
            rng = _range(per_group[group], latest_source, rule)
            if rng is not None:
                by_group[group][kind] = rng
        totals: dict[str, int] = {}
        for src in sorted({c.source for c in kc}):
            people = per_group.get("unknown", {}).get(src, 0)
            parts = sum(v.get(src, 0) for g, v in per_group.items() if g != "unknown")
            totals[src] = max(people, parts)
        rng = _range(totals, latest_source, rule)
        if rng is not None:
            overall[kind] = rng
    return overall, dict(by_group)


# ---------------------------------------------------------------------------
# Contradictions
# ---------------------------------------------------------------------------


def _compatible_intervals(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _figure_contradictions(claims: list[EventClaim], about: str) -> list[Contradiction]:
    out = []
    for kind in KINDS:
        for group in sorted({c.group for c in claims if c.kind == kind}):
            latest = _latest_per_source([c for c in claims if c.kind == kind and c.group == group
                                         and c.stance != "denied"])
            items = sorted(latest.values(), key=lambda c: (_point(c), c.source))
            clash = any(not _compatible_intervals(_interval(x), _interval(y))
                        for i, x in enumerate(items) for y in items[i + 1:])
            if not clash:
                continue
            sides: list[list[EventClaim]] = []
            for c in items:
                for side in sides:
                    if all(_compatible_intervals(_interval(c), _interval(o)) for o in side):
                        side.append(c)
                        break
                else:
                    sides.append([c])
            what = f"people {kind}" if group == "unknown" else f"{group.replace('_', ' ')} {kind}"
            out.append(Contradiction(
                field=kind,
                about=f"{what} {about}".strip(),
                sides=[[c.claim_id for c in side] for side in sides],
                between=[" + ".join(sorted({_who(c) for c in side})) for side in sides],
            ))
    return out


def _who(c: EventClaim) -> str:
    return c.claimant or (c.outlet or c.doc_id)


def _denial_contradictions(claims: list[EventClaim], perps: list[Perpetrator],
                           about: str) -> list[Contradiction]:
    out = []
    asserted = [c for c in claims if c.stance != "denied"]
    for kind in KINDS:
        denied = [c for c in claims if c.kind == kind and c.stance == "denied"]
        if not denied:
            continue
        deniers = {c.source for c in denied}
        others = [c for c in asserted if c.kind == kind and c.source not in deniers]
        if others:
            out.append(Contradiction(
                field="denial", about=f"{kind} {about}".strip(),
                sides=[sorted(c.claim_id for c in others), sorted(c.claim_id for c in denied)],
                between=[" + ".join(sorted({_who(c) for c in others})),
                         " + ".join(sorted({_who(c) for c in denied}))]))
    blamers = [q for q in perps if q.claimants]
    for p in perps:
        if not p.denied_by:
            continue
        # those who blame this party, else anyone who blames someone for it
        accusers = [p] if p.claimants else [q for q in blamers if not _perp_generic(q.name)]
        if not accusers:
            continue
        sources = sorted({s for q in accusers for s in q.sources})
        claimants = list(dict.fromkeys(c for q in accusers for c in q.claimants))
        out.append(Contradiction(
            field="denial", about=f"responsibility of {p.name} {about}".strip(),
            sides=[sources, sorted({f'denial:{d}' for d in p.denied_by})],
            between=[" + ".join(claimants), " + ".join(sorted(set(p.denied_by)))]))
    return out


def _perpetrator_contradictions(perps: list[Perpetrator], about: str) -> list[Contradiction]:
    named = [p for p in perps if p.sources and not _perp_generic(p.name)]
    if len(named) < 2:
        return []
    # parties that name different perpetrators, from different sources
    clashing = [p for p in named
                if any(not _perp_same(p.name, q.name) and set(p.sources) != set(q.sources)
                       for q in named if q is not p)]
    if len(clashing) < 2:
        return []
    return [Contradiction(
        field="perpetrator", about=f"who caused the casualties {about}".strip(),
        sides=[sorted(set(p.sources)) for p in clashing],
        between=[" + ".join(dict.fromkeys(p.claimants)) for p in clashing])]


# ---------------------------------------------------------------------------
# Building events
# ---------------------------------------------------------------------------


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members: list[list[int]] = [[i] for i in range(n)]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if ra > rb:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].extend(self.members[rb])
        self.members[rb] = []
        return ra


def candidate_pairs(refs: list[ClaimRef]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of claims sharing a block key: both active there, or one active
    and one passive (see PASSIVE)."""
    active: dict[str, list[int]] = defaultdict(list)
    passive: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(refs):
        for k in dict.fromkeys(block_keys(r)):
            if k.endswith(PASSIVE):
                passive[k[:-len(PASSIVE)]].append(i)
            else:
                active[k].append(i)
    pairs: set[tuple[int, int]] = set()
    for k in sorted(active):
        members = active[k]
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.add((members[x], members[y]))
        for x in members:
            for y in passive.get(k, ()):
                if x != y:
                    pairs.add((x, y) if x < y else (y, x))
    return sorted(pairs)


def cluster_claims(claims: list[ClaimRef], constraints: Constraints = NO_CONSTRAINTS,
                   options: Options = DEFAULT) -> list[list[ClaimRef]]:
    """Group claims into incidents (each group sorted by claim id; groups by their first id)."""
    refs = sorted({r.claim_id: r for r in claims}.values(), key=lambda r: r.claim_id)
    index = {r.claim_id: i for i, r in enumerate(refs)}
    weights = rarity_weights(refs)
    vectors: dict[str, _DocVectors] = {}
    for r in refs:
        if r.doc_id not in vectors:
            vectors[r.doc_id] = _doc_vectors(r, weights)
    nodes = [_prepare(r, vectors=vectors[r.doc_id]) for r in refs]
    doc_index = {d: i for i, d in enumerate(vectors)}
    doc_of = [doc_index[r.doc_id] for r in refs]
    uf = _UnionFind(len(refs))
    threshold = float(options.extra.get("cluster_threshold", MERGE_THRESHOLD))

    average = float(options.extra.get("cluster_average_threshold", AVERAGE_THRESHOLD))
    cache: dict[tuple[int, int], float] = {}

    # place relations depend on the two places only: computed once per pair of distinct places
    place_ids: dict[tuple[Any, ...] | None, int] = {}
    place_of = [place_ids.setdefault(_place_key(n.location), len(place_ids)) for n in nodes]
    rels: dict[tuple[int, int], str] = {}

    def rel(x: int, y: int) -> str:
        px, py = place_of[x], place_of[y]
        key = (px, py) if px < py else (py, px)
        found = rels.get(key)
        if found is None:
            found = rels[key] = place_relation(nodes[x].location, nodes[y].location)
        return found

    texts: dict[tuple[int, int], _TextEvidence] = {}

    def text(x: int, y: int) -> _TextEvidence:
        """Text evidence of two claims' documents, computed once per pair of documents."""
        dx, dy = doc_of[x], doc_of[y]
        key = (dx, dy) if dx < dy else (dy, dx)
        found = texts.get(key)
        if found is None:
            found = texts[key] = _text_evidence(nodes[x], nodes[y])
        return found

    def score(x: int, y: int) -> float:
        key = (x, y) if x < y else (y, x)
        if key not in cache:
            a, b = nodes[key[0]], nodes[key[1]]
            cache[key] = _pair_score(a, b, rel(x, y), None if a.ref.doc_id == b.ref.doc_id else text(x, y))
        return cache[key]

    compat: dict[tuple[int, int], bool] = {}

    def compatible(x: int, y: int) -> bool:
        key = (x, y) if x < y else (y, x)
        if key not in compat:
            a, b = nodes[key[0]], nodes[key[1]]
            if a.ref.claim.aggregate or b.ref.claim.aggregate:
                compat[key] = False
            else:
                compat[key] = _compatible(a, b, rel=rel(x, y), score_of=lambda: score(x, y))
        return compat[key]

    def loose(x: int, y: int) -> bool:
        """Only a guessed window (an undated claim's) keeps the two claims apart, and by no more
        than LATE_REPORT_DAYS (so undated reports do not chain into one event for ever)."""
        a, b = nodes[x], nodes[y]
        if a.ref.doc_id == b.ref.doc_id or not (a.anchored or b.anchored):
            return False
        if a.window is None or b.window is None or (
                max(a.window.start, b.window.start) - min(a.window.end, b.window.end)).days > LATE_REPORT_DAYS:
            return False
        ca, cb = a.ref.claim, b.ref.claim
        if ca.aggregate or cb.aggregate or not types_compatible(ca.event_type, cb.event_type):
            return False
        return rel(x, y) != "far"

    def blocked(ra: int, rb: int) -> bool:
        """A cross pair is incompatible or split by hand, or the groups agree too little on average."""
        total = 0.0
        n = 0
        for x in uf.members[ra]:
            for y in uf.members[rb]:
                if constraints.cannot(refs[x].claim_id, refs[y].claim_id):
                    return True
                if not compatible(x, y) and not (SOFT_GUESSED and loose(x, y)):
                    return True
                if refs[x].doc_id != refs[y].doc_id:
                    total += score(x, y)
                    n += 1
        return n > 0 and total / n < average

    for a, b in sorted(constraints.must_link):
        if a in index and b in index:
            uf.union(index[a], index[b])

    scored = []
    cands = candidate_pairs(refs)
    for i, j in cands:
        if not compatible(i, j):
            continue
        s = score(i, j)
        if s >= threshold:
            scored.append((-s, refs[i].claim_id, refs[j].claim_id, i, j))
    scored.sort()
    # a group's version changes when it grows: a verdict on two unchanged groups stands
    version = [0] * len(refs)
    verdicts: dict[tuple[int, int, int, int], bool] = {}
    for _, _, _, i, j in scored:
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj:
            continue
        if ri > rj:
            ri, rj = rj, ri
        key = (ri, version[ri], rj, version[rj])
        verdict = verdicts.get(key)
        if verdict is None:
            verdict = verdicts[key] = blocked(ri, rj)
        if verdict:
            continue
        root = uf.union(ri, rj)
        version[root] += 1

    _join_alike(nodes, refs, cands, uf, text, constraints)

    groups = [sorted((refs[m] for m in members), key=lambda r: r.claim_id)
              for members in uf.members if members]
    groups.sort(key=lambda g: g[0].claim_id)
    return groups


def _doc_pair(a: _Node, b: _Node) -> tuple[str, str]:
    return (a.ref.doc_id, b.ref.doc_id) if a.ref.doc_id < b.ref.doc_id else (b.ref.doc_id, a.ref.doc_id)


def _people_pairs(nodes: list[_Node], cands: list[tuple[int, int]]) -> dict[tuple[str, str], tuple[int, int, int]]:
    """For each two articles naming JOIN_PEOPLE of the same people, the candidate pair of their
    claims closest in time (days apart, then indexes) that may join them: not aggregates, of
    compatible types, not placed in two countries, up to PEOPLE_DAYS apart. Only the closest
    pair: a claim an article tells in the background (another shooting months before) must not
    carry its people into that other incident."""
    closest: dict[tuple[str, str], tuple[int, int, int]] = {}
    if not JOIN_PEOPLE:
        return closest
    for i, j in cands:
        a, b = nodes[i], nodes[j]
        if a.ref.doc_id == b.ref.doc_id or a.window is None or b.window is None \
                or len(a.people & b.people) < JOIN_PEOPLE:
            continue
        ca, cb = a.ref.claim, b.ref.claim
        if ca.aggregate or cb.aggregate or not types_compatible(ca.event_type, cb.event_type):
            continue
        la, lb = a.location, b.location
        if la is not None and lb is not None and la.country and lb.country and la.country != lb.country:
            continue
        gap = max(0, _gap_days(a.window, b.window))
        key = _doc_pair(a, b)
        if gap <= PEOPLE_DAYS and (key not in closest or (gap, i, j) < closest[key]):
            closest[key] = (gap, i, j)
    return closest


def _join_alike(nodes: list[_Node], refs: list[ClaimRef], cands: list[tuple[int, int]],
                uf: _UnionFind, text: Callable[[int, int], _TextEvidence],
                constraints: Constraints) -> None:
    """Second pass of :func:`cluster_claims`: the first pass merges two groups only when every
    pair across them is compatible, so one claim dated or placed from the wrong sentence keeps
    a follow-up apart from its incident. Here two groups are joined through a single candidate
    pair of claims of two articles that are alike enough (see JOIN_DAY_THRESHOLD), or of two
    articles naming the same people (their closest claims only: see :func:`_people_pairs`),
    strongest pairs first, unless a human split them."""
    closest = _people_pairs(nodes, cands)
    links: list[tuple[float, str, str, int, int, bool, bool]] = []
    for _, i, j in closest.values():
        if uf.find(i) != uf.find(j) and (t := _text_score(text(i, j))) >= JOIN_LATE_THRESHOLD:
            links.append((-t, refs[i].claim_id, refs[j].claim_id, i, j, True, True))
    for i, j in cands:
        a, b = nodes[i], nodes[j]
        if a.ref.doc_id == b.ref.doc_id or uf.find(i) == uf.find(j) or a.window is None or b.window is None:
            continue
        if _doc_pair(a, b) in closest:
            continue  # one story: only its closest claims may join it (above)
        ca, cb = a.ref.claim, b.ref.claim
        if ca.aggregate or cb.aggregate or not types_compatible(ca.event_type, cb.event_type):
            continue
        if not (a.location is not None and b.location is not None and _precise(a.location)
                and _precise(b.location)):
            continue
        if place_relation(a.location, b.location) == "far" and not (
                JOIN_FAR_NAMES and len(a.strong & b.strong) >= JOIN_FAR_NAMES
                and place_relation(a.ref.doc_location, b.ref.doc_location) != "far"):
            continue
        late = False
        if _windows_overlap(a.window, b.window):
            day = (a.window.resolved and b.window.resolved
                   and a.window.precision == b.window.precision == "day")
            need = JOIN_DAY_THRESHOLD if day else JOIN_GUESSED_THRESHOLD
        elif _far_late_report(a, b):
            need, late = JOIN_LATE_THRESHOLD, True
        else:
            continue
        t = _text_score(text(i, j))
        if t >= need:
            links.append((-t, refs[i].claim_id, refs[j].claim_id, i, j, late, False))
    links.sort()

    # the days each group's claims give: their own dates, or their reports' days
    spans: dict[int, tuple[_dt.date, _dt.date]] = {}
    # ... and the days its claims dated to a day or a week give
    dated: dict[int, tuple[_dt.date, _dt.date]] = {}
    for root, members in enumerate(uf.members):
        days = [(w.start, w.end) if w.resolved else (w.end, w.end)
                for m in members if (w := nodes[m].window) is not None]
        if days:
            spans[root] = (min(d[0] for d in days), max(d[1] for d in days))
        own = [(w.start, w.end) for m in members
               if (w := nodes[m].window) is not None and w.resolved and w.precision in ("day", "week")]
        if own:
            dated[root] = (min(d[0] for d in own), max(d[1] for d in own))
    for _, _, _, i, j, late, people in links:
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj or (constraints.cannot_link and any(
                constraints.cannot(refs[x].claim_id, refs[y].claim_id)
                for x in uf.members[ri] for y in uf.members[rj])):
            continue
        (sa, ea), (sb, eb) = spans[ri], spans[rj]
        joined = (min(sa, sb), max(ea, eb))
        # a join must not stretch the longer group's days beyond JOIN_MAX_SPAN_DAYS: alike
        # reports of consecutive days (a daily bulletin) do not chain into one event
        if not late and (joined[1] - joined[0]).days > max((ea - sa).days, (eb - sb).days, JOIN_MAX_SPAN_DAYS):
            continue
        da, db = dated.get(ri), dated.get(rj)
        if people and da is not None and db is not None \
                and (max(da[1], db[1]) - min(da[0], db[0])).days > PEOPLE_SPAN_DAYS:
            continue  # two incidents of their own days naming the same people (a feud, a gang)
        root = uf.union(ri, rj)
        spans[root] = joined
        if da is not None or db is not None:
            dated[root] = (min(d[0] for d in (da, db) if d is not None), max(d[1] for d in (da, db) if d is not None))


def _event_claim(ref: ClaimRef) -> EventClaim:
    c = ref.claim
    who = c.claimant.text if c.claimant else None
    return EventClaim(
        doc_id=ref.doc_id, claim_id=ref.claim_id, kind=c.kind, value=c.value, qualifier=c.qualifier,
        group=c.group, claimant=who, claimant_type=c.claimant_type,
        source=source_key(who, c.claimant_type, ref.source or ref.doc_id), stance=c.stance,
        evidence=c.evidence.text, outlet=ref.source, published=ref.published,
        perpetrator=c.perpetrator.text if c.perpetrator else None,
    )


def _pick_type(refs: list[ClaimRef]) -> tuple[str | None, str | None]:
    counts = Counter(r.claim.event_type for r in refs if r.claim.event_type)
    if not counts:
        return None, None
    top = max(counts.values())
    etype = next(t for t in EVENT_TYPES if counts.get(t) == top) if any(
        counts.get(t) == top for t in EVENT_TYPES) else sorted(t for t, n in counts.items() if n == top)[0]
    subs = Counter(r.claim.sub_event_type for r in refs
                   if r.claim.event_type == etype and r.claim.sub_event_type)
    sub = sorted(subs.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if subs else None
    return etype, sub


def _pick_location(refs: list[ClaimRef]) -> Location | None:
    cands = [loc for r in refs if (loc := claim_location(r)) is not None]
    if not cands:
        return None
    names = Counter(_norm_place(loc.name) for loc in cands if loc.name)

    def rank(loc: Location) -> tuple[int, int, int, str]:
        return (0 if loc.lat is not None else 1, _coarseness(loc), -names.get(_norm_place(loc.name), 0),
                loc.name)

    return sorted(cands, key=rank)[0]


_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
# Date an event none of whose claims is dated by its first report (see _pick_dates).
REPORTED_DATE = True


def _pick_dates(refs: list[ClaimRef]) -> tuple[str | None, str | None, str | None]:
    """The event's dates: the most precise, narrowest, most often given window of its claims;
    when none of its claims carries a date of its own, the day of its first report at week
    precision (as ACLED codes an undated report: the incident happened within the week before),
    unless it is a cumulative toll."""
    resolved = [(w, r) for r in refs if (w := claim_window(r)) is not None and w.resolved]
    if not resolved:
        pubs = sorted(d for r in refs if (d := _parse_date(r.published)) is not None)
        if REPORTED_DATE and pubs and not any(r.claim.aggregate for r in refs):
            return pubs[0].isoformat(), pubs[0].isoformat(), "week"
        return None, None, None
    counts = Counter((w.start, w.end, w.precision) for w, _ in resolved)

    def rank(item: tuple[tuple[_dt.date, _dt.date, str], int]) -> tuple[int, int, int, str]:
        (s, e, p), n = item
        return (_PRECISION_RANK.get(p, 4), (e - s).days, -n, s.isoformat())

    (s, e, p), _ = sorted(counts.items(), key=rank)[0]
    return s.isoformat(), e.isoformat(), p


def _perpetrators(refs: list[ClaimRef], eclaims: dict[str, EventClaim]) -> list[Perpetrator]:
    found: dict[tuple[str, ...], Perpetrator] = {}
    order: list[tuple[str, ...]] = []

    def add(name: str, who: str, src: str, doc_id: str, evidence: str, denied: bool) -> None:
        key = _perp_class(name) or (name.lower(),)
        match = next((k for k in order if set(k) & set(key) or k == key), None)
        if match is None:
            found[key] = Perpetrator(name=name)
            order.append(key)
            match = key
        p = found[match]
        if denied:
            if who not in p.denied_by:
                p.denied_by.append(who)
            return
        if who not in p.claimants:
            p.claimants.append(who)
        if src not in p.sources:
            p.sources.append(src)
        if doc_id not in p.doc_ids:
            p.doc_ids.append(doc_id)
        if evidence and evidence not in p.evidence:
            p.evidence.append(evidence)

    for r in sorted(refs, key=lambda r: (r.published or "", r.doc_id, r.index)):
        ec = eclaims[r.claim_id]
        if r.claim.perpetrator is not None and r.claim.perpetrator.text.strip():
            add(r.claim.perpetrator.text.strip(), _who(ec), ec.source, r.doc_id, ec.evidence, False)
        for rc in r.responsibility:
            who = rc.claimant.text if rc.claimant else (r.source or r.doc_id)
            src = source_key(rc.claimant.text if rc.claimant else None, rc.claimant_type, r.source or r.doc_id)
            add(rc.perpetrator.text.strip(), who, src, r.doc_id, rc.evidence.text, rc.stance == "denied")
    return [found[k] for k in order]


def _about(event: Event) -> str:
    bits = []
    if event.location is not None and event.location.name:
        bits.append(f"in {event.location.name}")
    if event.date_start:
        bits.append(f"on {event.date_start}" if event.date_start == event.date_end
                    else f"on {event.date_start}/{event.date_end}")
    return " ".join(bits)


def event_id(member_claim_ids: Iterable[str]) -> str:
    """A stable event id: a hash of the smallest member claim id."""
    return "ev-" + content_hash(min(member_claim_ids))


def make_event(refs: list[ClaimRef], options: Options = DEFAULT) -> Event:
    """The event record for one group of claims (as grouped by :func:`cluster_claims`)."""
    refs = sorted(refs, key=lambda r: r.claim_id)
    eclaims = {r.claim_id: _event_claim(r) for r in refs}
    ordered = sorted(refs, key=lambda r: (r.published or "", r.doc_id, r.index, r.claim_id))
    claims = [eclaims[r.claim_id] for r in ordered]
    etype, sub = _pick_type(refs)
    ds, de, prec = _pick_dates(refs)
    ev = Event(id=event_id(r.claim_id for r in refs), claims=claims,
               aggregate=any(r.claim.aggregate for r in refs), event_type=etype, sub_event_type=sub,
               location=_pick_location(refs), date_start=ds, date_end=de, precision=prec,
               doc_ids=sorted({r.doc_id for r in refs}))
    ev.fatalities, ev.fatalities_by_group = _fatalities(claims, options.best_rule)
    ev.perpetrators = _perpetrators(refs, eclaims)
    sources = {c.source for c in claims} | {s for p in ev.perpetrators for s in p.sources}
    ev.number_of_sources = len(sources)
    if ev.aggregate:
        ev.status = "aggregate"
        return ev
    about = _about(ev)
    ev.contradictions = (_figure_contradictions(claims, about)
                         + _perpetrator_contradictions(ev.perpetrators, about)
                         + _denial_contradictions(claims, ev.perpetrators, about))
    if ev.contradictions:
        ev.status = "contested"
    elif len({c.source for c in claims if c.stance != "denied"}) >= 2:
        ev.status = "corroborated"
    else:
        ev.status = "single_source"
    return ev


def build_events(claims: list[ClaimRef], constraints: Constraints = NO_CONSTRAINTS,
                 options: Options = DEFAULT) -> list[Event]:
    """Group claims into events: incidents, plus one ``aggregate`` event per aggregate claim.

    Deterministic and independent of input order. Events come sorted by id.
    """
    events = [make_event(g, options) for g in cluster_claims(claims, constraints, options)]
    events.sort(key=lambda e: e.id)
    return events


def event_record(event: Event) -> dict[str, Any]:
    """The JSON record of an event (what the ledger keeps and ``reportedly events`` prints)."""
    d = event.to_dict()
    d["schema"] = "reportedly/event/v1"
    return d


def events_from_results(results: Iterable[DocumentResult], constraints: Constraints = NO_CONSTRAINTS,
                        options: Options = DEFAULT) -> list[Event]:
    """Cluster the claims of extracted documents held in memory."""
    refs: list[ClaimRef] = []
    for r in results:
        if r.ok:
            refs.extend(claim_refs(r, options))
    return build_events(refs, constraints, options)


__all__ = [
    "ClaimRef", "Constraints", "NO_CONSTRAINTS", "Window", "block_keys", "build_events", "candidate_pairs",
    "claim_id", "claim_location", "claim_refs", "claim_window", "cluster_claims", "event_id",
    "event_record", "events_from_results", "keys_meet", "late_place_keys", "make_event", "place_relation",
    "source_key",
    "text_features",
]

