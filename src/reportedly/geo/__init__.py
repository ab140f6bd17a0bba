"""Places: the offline GeoNames gazetteer, toponym recognition and resolution.

    from reportedly.geo import find_places
    places = find_places(text)                # gazetteer matcher only
    places = find_places(text, ents=ents)     # combined with spaCy's entities (start, end, label)
"""

from __future__ import annotations

from collections.abc import Sequence

from reportedly.geo.gazetteer import Entry, Gazetteer, haversine_km, load
from reportedly.geo.toponyms import Ent, Toponym, find_toponyms
from reportedly.model import Place

PLACE_LABELS = ("GPE", "LOC", "FAC", "NORP", "PERSON", "ORG")


def resolve_text(text: str, ents: Sequence[Ent] | None = None, gazetteer: Gazetteer | None = None) -> list[Toponym]:
    """Toponyms of a text, recognised and resolved (``entry`` set where the gazetteer knows them)."""
    from reportedly.geo.disambiguate import resolve_toponyms

    gaz = gazetteer or load()
    tops = find_toponyms(text, gaz, ents)
    resolve_toponyms(tops, text, gaz)
    # "Washington, D.C.": a qualifier naming the same place is part of the name
    out: list[Toponym] = []
    for t in tops:
        prev = out[-1] if out else None
        if prev is not None and t.qualifies and prev.entry is not None and t.entry is not None \
                and prev.entry.id == t.entry.id:
            prev.end = t.end
            prev.text = text[prev.start:prev.end]
            continue
        out.append(t)
    return out


def to_place(t: Toponym) -> Place:
    e = t.entry
    if e is None:
        return Place(name=t.text, start=t.start, end=t.end)
    return Place(name=t.text, start=t.start, end=t.end, geonames_id=e.geonames_id, lat=round(e.lat, 5),
                 lon=round(e.lon, 5), country=e.country, admin1=e.admin1 if e.feature != "country" else None,
                 feature=e.feature)


def find_places(text: str, ents: Sequence[Ent] | None = None, gazetteer: Gazetteer | None = None) -> list[Place]:
    """Every toponym of a text as :class:`reportedly.model.Place`, in text order."""
    return [to_place(t) for t in resolve_text(text, ents, gazetteer)]


def resolve_name(name: str, context: Sequence[Entry] = (), gazetteer: Gazetteer | None = None, *,
                 qualifier: bool = False) -> Toponym | None:
    """Resolve a place name as written (a claim's location, a search), helped by the article's other places.

    "Paris, Texas" is narrowed by its qualifier (``qualifier=True`` lets "Ill." name a state). Leading "the", directions ("north-western Syria") and a trailing "province" are tried
    off when the whole name is unknown; ``near`` is set for "near X", "outside X".
    """
    from reportedly.geo.disambiguate import resolve_toponyms
    from reportedly.geo.gazetteer import ABBREV_QUALIFIER, ALTERNATE, common_words
    from reportedly.geo.normalize import fold_key, name_key
    from reportedly.geo.toponyms import ADMIN_HINTS, DIRECTIONS, NEAR_WORDS, is_city_part

    gaz = gazetteer or load()
    text = " ".join(name.split())
    if "," in text:
        # "Paris, Texas": the part after the comma narrows the part before it
        head, _, qual = text.partition(",")
        q = resolve_name(qual, context, gaz, qualifier=True) if qual.strip() else None
        top = resolve_name(head, context, gaz)
        if q is not None and q.entry is not None and top is not None:
            qe = q.entry
            inside = [(e, k) for e, k in top.candidates if e.country == qe.country and
                      (qe.feature not in ("admin1", "admin2") or e.admin1 == qe.admin1)]
            if inside:
                top.candidates = inside
                resolve_toponyms([top], name, gaz, [*context, qe])
        return top
    near = False
    hint = None
    for _ in range(3):
        first, _, rest = text.partition(" ")
        low = first.lower()
        if rest and (low in NEAR_WORDS or low in ("the", "town", "city", "village", "of", "in", "at")):
            near = near or low in NEAR_WORDS
            text = rest
    if is_city_part(text):
        return None  # "Downtown", "the West Side": a part of the story's own city
    m = DIRECTIONS.match(text)
    if m and m.end() < len(text):
        text = text[m.end():]
    elif DIRECTIONS.match(text + " "):
        return None  # "East", "the Northwest": a part of some place, not a place of its own
    words = text.split()
    if len(words) > 1 and words[-1].lower() in ADMIN_HINTS | {"city"}:
        hint = "admin" if words[-1].lower() in ADMIN_HINTS else "city"
    tries = [text] + ([" ".join(words[:-1])] if hint else [])
    for t in tries:
        key = name_key(t)
        found = gaz.lookup([key]).get(key, [])
        cands = [(e, k) for e, k in found if k != ABBREV_QUALIFIER or qualifier]
        if not cands:
            fk = fold_key(t)
            cands = [(e, ALTERNATE) for e in gaz.lookup_fold([fk]).get(fk, [])]
        if cands:
            best: dict[int, tuple[Entry, int]] = {}
            for e, k in cands:
                if e.id not in best or k < best[e.id][1]:
                    best[e.id] = (e, k)
            top = Toponym(name, 0, len(name), list(best.values()), "name", None, near, hint)
            resolve_toponyms([top], name, gaz, context)
            if context and top.entry is not None and t.lower() in common_words() \
                    and top.entry.country not in {c.country for c in context}:
                return None  # "Metro" in a story from Tennessee: a word, not the town in Indonesia
            return top
    return None


def town_of(name: str | None, feature: str | None, geonames_id: int | None,
            gazetteer: Gazetteer | None = None) -> str | None:
    """The town a location lies in, for columns that want one (ACLED's ``location``, UCDP's
    ``where_coordinates``): a site the gazetteer does not know ("Days Inn Motel", "Franklin
    Avenue") is placed at its town, whose GeoNames id it carries; any other place is its own."""
    if feature == "site" and geonames_id is not None:
        entry = (gazetteer or load()).get(geonames_id)
        if entry is not None:
            return entry.name
    return name


def ents_of(doc: object) -> list[Ent]:
    """The entities of a spaCy ``Doc`` that matter to place recognition."""
    return [(e.start_char, e.end_char, e.label_) for e in getattr(doc, "ents", ()) if e.label_ in PLACE_LABELS]


__all__ = ["Entry", "Gazetteer", "Place", "Toponym", "ents_of", "find_places", "haversine_km", "load",
           "resolve_name", "resolve_text", "to_place"]
