"""Toponym recognition: a gazetteer matcher over normalised text, combined with spaCy's NER.

Every run of capitalised words (with the connectors of place names: "of", "de", "al-"...) is
looked up in the gazetteer by its normalised key, and by its transliteration fold when the
exact key is unknown. A match becomes a toponym when the evidence is strong enough:

- spaCy calls it a place (GPE, LOC, FAC) or a nationality (NORP), or
- it names a country, province, continent or region, or is a demonym ("French"), or
- it is a city large enough to be meant (population >= 15,000 for its own name, 100,000
  for an alternate name), or a place preposition or "the town of" introduces it.

A common English word ("Police", "Hope", "Of") needs spaCy or a place preposition; a match
inside a person's name is dropped; a match that spaCy calls a PERSON on its own ("Jisr
al-Shughour" often is) still counts when its name has several words or a place preposition
introduces it. NER places the gazetteer does not know are kept, unresolved.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from reportedly.geo.gazetteer import (
    ABBREV,
    ABBREV_QUALIFIER,
    ALTERNATE,
    DEMONYM,
    PRIMARY,
    Entry,
    Gazetteer,
    common_words,
)
from reportedly.geo.normalize import fold_key, name_key

Ent = tuple[int, int, str]  # start, end, label

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][a-z]{1,3}\.(?=\s*[,)]|\s*$)|[^\W\d_]+(?:['’‘](?![sS]\b)[^\W\d_]+)*|\d+|\S")
CONNECTORS = frozenset({
    "of", "and", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les", "el",
    "al", "ash", "as", "ad", "an", "ar", "at", "az", "ez", "es", "en", "upon", "on", "y", "und", "am", "im",
    "sur", "bin", "ibn", "bani", "bou", "ben", "abu", "umm", "the", "st", "st.",
})
PLACE_PREPOSITIONS = frozenset({
    "in", "at", "near", "outside", "from", "to", "into", "across", "around", "towards", "toward",
    "through", "throughout", "nearby", "inside", "within", "of", "between", "hit", "struck", "shelled",
    "besieged", "bombed", "stormed", "entered", "captured", "seized", "reached", "visited", "left",
})
PLACE_NOUNS = frozenset({
    "town", "city", "village", "province", "governorate", "district", "region", "county", "state",
    "capital", "suburb", "neighbourhood", "neighborhood", "area", "outskirts", "camp", "port",
    "countryside", "hamlet", "municipality", "border",
})
STRONG = frozenset({"in", "near", "outside", "inside", "into", "across", "around", "shelled", "bombed",
                    "besieged", "stormed", "captured", "seized"})
OF_PLACE = frozenset({"shelling", "bombing", "bombardment", "siege", "capture", "fall", "liberation",
                      "residents", "streets", "centre", "center", "heart", "north", "south", "east", "west",
                      "northeast", "northwest", "southeast", "southwest", "mayor", "governor", "people"})
NEAR_WORDS = frozenset({"near", "outside", "nearby", "around", "outskirts"})
ADMIN_HINTS = frozenset({"province", "governorate", "state", "region", "district", "oblast", "county",
                         "prefecture"})
DIRECTIONS = re.compile(
    r"^(?:the\s+)?(?:(?:north-?east|north-?west|south-?east|south-?west|north|south|east|west|central)"
    r"(?:ern)?|upper|lower|greater|rural|coastal|mainland)[\s-]+", re.I)
MAX_TOKENS = 7
SMALL_TOWN = 15_000  # people: a town this small is seldom meant by another name of it
DOTTED_PREFIXES = frozenset({"St", "Ste", "Ft", "Mt", "Pt"})  # abbreviations that begin place names
_UNKNOWN_PLACE_CONTEXT = re.compile(
    r"\b(?:in|near|outside|at|into|across|(?:town|village|city|district|province|region|area|suburb|"
    r"neighbou?rhood)\s+of)\s+(?:the\s+)?$", re.I)


class Tokens:
    """The tokens of a text, as lists: ``text``, ``start``, ``end``; ``word`` when a token begins
    with a letter, ``cap`` when with a capital, ``capword`` both (the start of a possible name)."""

    __slots__ = ("cap", "capword", "end", "start", "text", "word")

    def __init__(self, text: str) -> None:
        found = list(_TOKEN.finditer(text))
        self.text = [m.group() for m in found]
        self.start = [m.start() for m in found]
        self.end = [m.end() for m in found]
        firsts = [t[0] for t in self.text]  # no token is empty
        self.cap = [c.isupper() for c in firsts]
        self.word = [c.isalpha() for c in firsts]
        self.capword = [c and w for c, w in zip(self.cap, self.word, strict=True)]

    def __len__(self) -> int:
        return len(self.text)


@dataclass
class Toponym:
    """A place name found in the text, with its gazetteer candidates."""

    text: str
    start: int
    end: int
    candidates: list[tuple[Entry, int]] = field(default_factory=list)
    source: str = "gazetteer"  # gazetteer, ner, fold
    label: str | None = None  # spaCy's label of an overlapping entity
    near: bool = False  # "near X", "outside X"
    hint: str | None = None  # "admin" when "X province" follows, "city" for "the town of X"
    qualifier: int | None = None  # index of the toponym qualifying this one ("Paris, Texas")
    qualifies: bool = False  # this one qualifies the one before it
    entry: Entry | None = None
    score_margin: float = 0.0

    @property
    def demonym(self) -> bool:
        return bool(self.candidates) and all(k == DEMONYM for _, k in self.candidates)


def tokenize(text: str) -> Tokens:
    return Tokens(text)


def _joinable(text: str, a_end: int, b_start: int) -> bool:
    """Tokens ending at a_end and starting at b_start sit in one name: only spaces or a hyphen
    between them, no line break."""
    gap = text[a_end:b_start]
    return gap in (" ", "") or (gap.strip() == "" and "\n" not in gap and len(gap) <= 2)


_ARTICLES = frozenset({"al", "el", "ash", "ad", "as", "an", "ar", "at", "az"})


def _spans(text: str, toks: Tokens) -> list[tuple[int, int]]:
    """Token index ranges [i, j) that could be place names."""
    out = []
    texts, starts, ends, cap, word, capword = toks.text, toks.start, toks.end, toks.cap, toks.word, toks.capword
    n = len(texts)
    for i in range(n):
        starts_article = not capword[i] and i + 2 < n and texts[i + 1] == "-" and cap[i + 2] and \
            texts[i].lower() in _ARTICLES
        if not capword[i] and not starts_article:
            continue
        j = i
        while j < n and j - i < MAX_TOKENS:
            if j > i and not _joinable(text, ends[j - 1], starts[j]):
                break
            if capword[j]:
                out.append((i, j + 1))
            elif texts[j] == "-" or texts[j].lower() in CONNECTORS or (word[j] and j == i and starts_article):
                pass
            elif texts[j] == "." and j > i and texts[j - 1].capitalize() in DOTTED_PREFIXES and starts[j] == ends[j - 1]:
                pass  # "St. Louis", "Ft. Worth", "Mt. Vernon": the abbreviation's dot is inside the name
            else:
                break
            j += 1
    return out


def _within_one(a: str, b: str) -> bool:
    """Whether two strings differ by at most one edit."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _prev_word(toks: Tokens, i: int, k: int = 1) -> str:
    j = i - k
    return toks.text[j].lower() if j >= 0 else ""


def _introduced(toks: Tokens, i: int) -> tuple[bool, bool, str | None]:
    """Whether a place preposition or noun introduces the name at token i: (introduced, near, hint)."""
    p1, p2, p3 = _prev_word(toks, i), _prev_word(toks, i, 2), _prev_word(toks, i, 3)
    if p1 in ("al", "el", "-"):
        p1, p2, p3 = p2, p3, _prev_word(toks, i, 4)
    if p1 == "the":
        p1, p2, p3 = p2, p3, _prev_word(toks, i, 4)
    near = p1 in NEAR_WORDS or (p1 == "of" and p2 in NEAR_WORDS) or (p1 == "of" and p2 == "outskirts")
    if p1 == "of" and p2 in PLACE_NOUNS:
        return True, near, "admin" if p2 in ADMIN_HINTS else "city"
    if p1 == "of" and p2 in OF_PLACE:
        return True, near, "place"
    if p1 in PLACE_NOUNS and p2 in ("the", "of", "in"):
        return True, near, "admin" if p1 in ADMIN_HINTS else "city"
    return p1 in PLACE_PREPOSITIONS and p1 != "of", near, None


def find_toponyms(text: str, gazetteer: Gazetteer, ents: Sequence[Ent] | None = None) -> list[Toponym]:
    """Toponyms of a text, in order, each with its gazetteer candidates (not yet resolved)."""
    toks = tokenize(text)
    spans = _spans(text, toks)
    keys = {}
    for i, j in spans:
        keys[(i, j)] = name_key(text[toks.start[i]:toks.end[j - 1]])
    found = gazetteer.lookup(keys.values())
    missing = [(i, j) for (i, j), k in keys.items() if k not in found]
    folds = {s: fold_key(text[toks.start[s[0]]:toks.end[s[1] - 1]]) for s in missing}
    fold_found = gazetteer.lookup_fold(folds.values())
    ents = list(ents or [])
    commons = common_words()
    street_nouns = _street_nouns()
    lowered = {t for t, w in zip(toks.text, toks.word, strict=True) if w and t.islower()}
    # words of people's full names: "Zuma" after "Jacob Zuma" is the man, not a town
    person_words = {w for s, e, lab in ents if lab == "PERSON" for w in text[s:e].split()
                    if len(text[s:e].split()) > 1}

    ents.sort()
    ent_starts = [s for s, _, _ in ents]
    longest = max((e - s for s, e, _ in ents), default=0)

    def overlapping(start: int, end: int) -> list[Ent]:
        hi = bisect.bisect_left(ent_starts, end)
        lo = bisect.bisect_left(ent_starts, start - longest)
        return [x for x in ents[lo:hi] if x[1] > start]

    def ent_at(start: int, end: int) -> tuple[str | None, bool]:
        """Label of the entity overlapping [start, end), and whether it is strictly larger."""
        best: tuple[str | None, bool] = (None, False)
        for s, e, lab in overlapping(start, end):
            if _overlap(s, e, start, end):
                larger = (s < start or e > end) and not (text[s:start].strip().lower() in ("the", "")
                                                        and e <= end)
                if best[0] is None or lab in ("GPE", "LOC", "FAC"):
                    best = (lab, larger)
        return best

    # a name written again: its candidates, and the verdict on them in the same context, once
    kept_of: dict[tuple[str, str, bool], list[tuple[Entry, int]]] = {}
    verdict_of: dict[tuple[object, ...], bool] = {}
    cands: list[tuple[int, int, Toponym]] = []
    for (i, j), key in keys.items():
        start, end = toks.start[i], toks.end[j - 1]
        if _numbered_district(toks, i, j):
            continue  # "the 9th Ward": a part of the story's city, not Ward, Arkansas
        entries = found.get(key)
        source = "gazetteer"
        if entries:
            after_comma = i >= 2 and toks.text[i - 1] == "," and toks.capword[i - 2]
            surface = text[start:end]
            memo = (key, surface, after_comma)
            kept = kept_of.get(memo)
            if kept is None:
                best: dict[int, tuple[Entry, int]] = {}
                for e, kind in entries:
                    if e.id not in best or kind < best[e.id][1]:
                        best[e.id] = (e, kind)
                kept = kept_of[memo] = _keep_candidates(surface, list(best.values()), after_comma)
            if not kept:
                continue
            introduced, near, hint = _introduced(toks, i)
            nxt = toks.text[j].lower() if j < len(toks) else ""
            if nxt in ADMIN_HINTS:
                hint = "admin"
            label, inside_larger = ent_at(start, end)
            if j - i == 1 and surface in person_words and not any(e.rank >= 3 for e, _ in kept):
                continue
            sentence_start = i == 0 or toks.text[i - 1] in (".", "\n", "“", '"')
            strong = introduced and (near or hint is not None or _prev_word(toks, i) in STRONG)
            glued = j < len(toks) and toks.capword[j] and _joinable(text, end, toks.start[j])
            if glued and toks.text[j].lower() in street_nouns:
                continue  # "Orange Street", "Doubles Bar": a street or a venue
            context = (memo, label, inside_larger, introduced, j - i, sentence_start, strong, glued)
            verdict = verdict_of.get(context)
            if verdict is None:
                verdict = verdict_of[context] = _accept(surface, kept, source, label, inside_larger, introduced,
                                                        after_comma, j - i, commons, lowered, sentence_start,
                                                        bool(ents), strong, glued)
            if verdict:
                cands.append((i, j, Toponym(surface, start, end, list(kept), source, label, near, hint)))
            continue
        if not entries:
            fe = fold_found.get(folds.get((i, j), ""), [])
            if not fe:
                continue
            if toks.text[i] in ("An", "A", "The") and keys.get((i + 1, j)) in found:
                continue  # "An Altoona man": the English article and a known name, not a spelling of another
            if sum(1 for k in range(i, j) if toks.capword[k]) < 2:
                # one word folds onto too many others ("Olaopa" ~ "Aleppo"): allow one letter off
                surface_key = keys[(i, j)]
                fe = [e for e in fe if _within_one(surface_key, name_key(e.name))]
                if not fe:
                    continue
            entries = [(e, ALTERNATE) for e in fe]
            source = "fold"
        best_kind: dict[int, tuple[Entry, int]] = {}
        for e, kind in entries:
            if e.id not in best_kind or kind < best_kind[e.id][1]:
                best_kind[e.id] = (e, kind)
        candidates = list(best_kind.values())
        if j < len(toks) and toks.capword[j] and _joinable(text, end, toks.start[j]) \
                and toks.text[j].lower() in street_nouns:
            continue
        introduced, near, hint = _introduced(toks, i)
        after_comma = i >= 2 and toks.text[i - 1] == "," and toks.capword[i - 2]
        nxt = toks.text[j].lower() if j < len(toks) else ""
        if nxt in ADMIN_HINTS:
            hint = "admin"
        label, inside_larger = ent_at(start, end)
        candidates = _keep_candidates(text[start:end], candidates, after_comma)
        if not candidates:
            continue
        if j - i == 1 and text[start:end] in person_words and not any(e.rank >= 3 for e, _ in candidates):
            continue
        if not _accept(text[start:end], candidates, source, label, inside_larger, introduced, after_comma,
                       j - i, commons, lowered, i == 0 or toks.text[i - 1] in (".", "\n", "“", '"'),
                       bool(ents), introduced and (near or hint is not None or _prev_word(toks, i) in STRONG),
                       j < len(toks) and toks.capword[j] and _joinable(text, end, toks.start[j])):
            continue
        top = Toponym(text[start:end], start, end, candidates, source, label, near, hint)
        cands.append((i, j, top))

    # longest first, then leftmost; no overlaps. "Downtown", "the West Side": a part of the
    # story's own city, neither a town of that name nor "Side" somewhere
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[Toponym] = []
    used: set[int] = set()
    for (i, j) in keys:
        if is_city_part(text[toks.start[i]:toks.end[j - 1]]):
            used.update(range(i, j))
    for i, j, top in cands:
        if any(k in used for k in range(i, j)):
            continue
        used.update(range(i, j))
        taken.append(top)

    # NER places the gazetteer matcher missed
    covered = [False] * (len(text) + 1)
    for t in taken:
        covered[t.start:t.end] = [True] * (t.end - t.start)
    for es, ee, lab in list(ents):
        if lab not in ("GPE", "LOC") or any(covered[es:ee]):
            continue
        extra = _ner_only(text, es, ee, lab, gazetteer)
        if extra is not None and not (extra.text in person_words and all(
                e.feature == "city" and e.population < PERSON_TOWN_MAX_POPULATION for e, _ in extra.candidates)):
            taken.append(extra)  # not "Bucheit", a village, after "Chief Craig Bucheit"

    taken.sort(key=lambda t: t.start)
    # "Springfield, Illinois": the second qualifies the first
    for k in range(1, len(taken)):
        a, b = taken[k - 1], taken[k]
        if text[a.end:b.start].strip() == "," and "\n" not in text[a.end:b.start] and \
                (any(e.rank >= 2 for e, _ in b.candidates) or
                 {e.id for e, _ in a.candidates} & {e.id for e, _ in b.candidates}):
            a.qualifier = k
            b.qualifies = True
    return taken


_CALENDAR = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                       "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
                       "friday", "saturday", "sunday", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                       "sept", "oct", "nov", "dec"})


def _keep_candidates(surface: str, candidates: list[tuple[Entry, int]], after_comma: bool) -> list[tuple[Entry, int]]:
    """Drop candidates a surface form cannot mean: an acronym is not a village called "Us"."""
    letters = [c for c in surface if c.isalpha()]
    out = []
    compass = bool(DIRECTIONS.fullmatch(surface + " "))  # "Northwest", "East": a part of some place
    for e, k in candidates:
        if compass and e.feature in ("city", "admin1", "admin2"):
            continue
        if k == ABBREV_QUALIFIER and not after_comma:
            continue
        if len(letters) <= 4 and surface.isupper() and k not in (ABBREV, ABBREV_QUALIFIER, DEMONYM) \
                and not (e.rank >= 2 and name_key(e.name) == name_key(surface)):
            continue
        if len(letters) <= 2 and k not in (ABBREV, ABBREV_QUALIFIER):
            continue
        out.append((e, k))
    return out


def _accept(surface: str, candidates: list[tuple[Entry, int]], source: str, label: str | None,
            inside_larger: bool, introduced: bool, after_comma: bool, n_tokens: int,
            commons: frozenset[str], lowered: set[str], sentence_start: bool, have_ents: bool,
            strong: bool = False, glued: bool = False) -> bool:
    """Whether a gazetteer match is a toponym, from its candidates and its context.

    ``glued``: capitalised words follow without a break ("University Medical Center"), so that a
    common word is the first word of a longer name rather than a place of its own."""
    kinds = {k for _, k in candidates}
    if kinds == {ABBREV_QUALIFIER}:
        return after_comma
    big = any(e.rank >= 2 for e, k in candidates)
    special = bool(kinds & {DEMONYM, ABBREV})
    cities = [(e, k) for e, k in candidates if e.feature == "city"]
    maxpop = max((e.population for e, _ in cities), default=0)
    maxpop_primary = max((e.population for e, k in cities if k == PRIMARY), default=0)
    low = surface.lower().strip(".")
    placey = label in ("GPE", "LOC", "FAC") or (label == "NORP" and special)
    if low in _CALENDAR:
        return label in ("GPE", "LOC")
    if surface.isupper() and len(surface) > 4 and not big and not special and not placey and maxpop < 100_000:
        return False  # shouted headline words
    titlecase = not surface.isupper()
    if n_tokens == 1 and titlecase and (low in commons or low in lowered) or \
            n_tokens == 1 and low in commons and not special:
        # a common word: needs spaCy's word or a place preposition
        return (label in ("GPE", "LOC") and not inside_larger) or (introduced and not glued
                                                                    and (big or maxpop >= 1000))
    if source == "fold":
        # one word spelled like a place ("Stadium" ~ "Stadum") inside a longer name is that name's word
        return (label in ("GPE", "LOC", "FAC") and not (n_tokens == 1 and (inside_larger or glued))) or strong
    if label == "PERSON":
        if inside_larger:
            return False
        return introduced or (n_tokens > 1 and (big or maxpop >= 1000)) or \
            any(e.rank >= 4 for e, k in candidates if k != DEMONYM) or maxpop_primary >= 100_000
    if label in ("ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW") and inside_larger:
        return big or special or maxpop_primary >= 15_000
    if label in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY", "PERCENT"):
        return False
    if source == "fold":
        return label in ("GPE", "LOC", "FAC") or strong
    if kinds == {ALTERNATE} and n_tokens == 1 and not big and not (placey or strong):
        return False  # a village's other name, unannounced
    if kinds == {ALTERNATE} and not big and not strong and maxpop < SMALL_TOWN and (glued or inside_larger):
        return False  # a small town's other name as a word of a longer name ("Fort Hood", "Bates Motel")
    if placey:
        return True
    if big or special:
        return True
    if introduced and maxpop >= 500 or strong:
        return True
    if have_ents and label is None:
        # spaCy saw no entity here: only a well-known city by its own name
        return n_tokens > 1 and maxpop_primary >= 15_000 or maxpop_primary >= 200_000
    if sentence_start and n_tokens == 1:
        return maxpop_primary >= 100_000
    return maxpop_primary >= 15_000 or maxpop >= 100_000


@lru_cache(maxsize=4)
def _word_list(filename: str) -> frozenset[str]:
    """The lines of a word list in ``geo/data`` (``#`` starts a comment line)."""
    from importlib import resources

    lines = resources.files("reportedly.geo").joinpath("data", filename).read_text(encoding="utf-8")
    return frozenset(w.strip() for w in lines.splitlines() if w.strip() and not w.startswith("#"))


def _street_nouns() -> frozenset[str]:
    return _word_list("street_nouns.txt")


# A name the tagger alone calls a place, which is also a word of a person's full name in the
# article, is the person when it names no more than towns this small (a city, a province or
# a country of the name is the place: "Idlib" beside a man the tagger named "Idlib ...").
PERSON_TOWN_MAX_POPULATION = 50_000

_ORDINAL = re.compile(r"^(?:\d+(?:st|nd|rd|th)?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                      r"eleventh|twelfth|lower|upper)$", re.I)


def numbered_district(before: str, word: str, after: str) -> bool:
    """``word`` is a district noun next to its number ("9th Ward", "Ward 2": see
    data/district_nouns.txt), given the words ``before`` and ``after`` it."""
    return word.lower() in _word_list("district_nouns.txt") and (bool(_ORDINAL.match(before)) or after.isdigit())


def _numbered_district(toks: Tokens, i: int, j: int) -> bool:
    """Tokens [i, j) are one district noun next to its number (see :func:`numbered_district`)."""
    return j - i == 1 and numbered_district(toks.text[i - 1] if i > 0 else "", toks.text[i],
                                             toks.text[j] if j < len(toks) else "")


def city_parts() -> frozenset[str]:
    """Names of a part of a city ("downtown", "west side"; data/city_parts.txt), lower case."""
    return _word_list("city_parts.txt")


def is_city_part(name: str) -> bool:
    """Whether a name, as written, names a part of a city ("Downtown", "the Far South Side")."""
    return " ".join(name.lower().split()).removeprefix("the ") in city_parts()


def _ner_only(text: str, s: int, e: int, label: str, gazetteer: Gazetteer) -> Toponym | None:
    """An NER place unknown to the matcher: try without "the", directions and admin words."""
    surface = text[s:e]
    if surface.split()[-1].lower().strip(".") in _street_nouns():
        return None  # "East Street", "Oliva Street": a street
    if is_city_part(surface):
        return None  # "Downtown", "the West Side": a part of the story's city
    m = DIRECTIONS.match(surface)
    core_start = s + (m.end() if m else 0)
    if surface.lower().startswith("the ") and not m:
        core_start = s + 4
    core = text[core_start:e]
    core_end = e
    for suffix in ADMIN_HINTS | {"city"}:
        if core.lower().endswith(" " + suffix):
            core_end = e - len(suffix) - 1
            core = text[core_start:core_end]
            break
    if not core.strip() or core.strip().islower() or DIRECTIONS.fullmatch(core.strip() + " "):
        return None  # nothing left, or a bare compass word ("the West")
    key = name_key(core)
    entries = gazetteer.lookup([key]).get(key, [])
    if entries:
        return Toponym(text[s:e], s, e, [(en, k) for en, k in entries if k != ABBREV_QUALIFIER], "ner", label,
                       near=bool(m), hint="admin" if core_end != e else None)
    fe = gazetteer.lookup_fold([fold_key(core)]).get(fold_key(core), [])
    if len(core.split()) < 2:
        fe = [en for en in fe if _within_one(name_key(core), name_key(en.name))]
    if not fe and not _UNKNOWN_PLACE_CONTEXT.search(text[max(0, s - 25):s]):
        return None  # unknown to the gazetteer and not introduced as a place: most are not places
    return Toponym(text[s:e], s, e, [(en, ALTERNATE) for en in fe], "ner", label, near=bool(m))
