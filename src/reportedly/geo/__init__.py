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


def ents_of(doc: object) -> list[Ent]:
    """The entities of a spaCy ``Doc`` that matter to place recognition."""
    return [(e.start_char, e.end_char, e.label_) for e in getattr(doc, "ents", ()) if e.label_ in PLACE_LABELS]


__all__ = ["Entry", "Gazetteer", "Place", "Toponym", "ents_of", "find_places", "haversine_km", "load",
           "resolve_text", "to_place"]
