"""Toponym recognition and resolution over the offline gazetteer (no spaCy model needed).

The first run builds the gazetteer into the user cache (a minute or two, no network).
"""

from __future__ import annotations

import pytest

from reportedly.geo import Gazetteer, find_places, load, resolve_name, resolve_text


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load()


def names(text: str, gaz: Gazetteer, ents: list[tuple[int, int, str]] | None = None) -> dict[str, tuple]:
    return {p.name: (p.country, p.feature, p.geonames_id) for p in find_places(text, ents, gaz)}


def test_gazetteer_loads_fast_and_knows_the_basics(gaz: Gazetteer) -> None:
    found = gaz.lookup(["damascus", "syria", "french"])
    assert {e.country for e, _ in found["damascus"]} >= {"SY"}
    assert any(e.feature == "country" and e.country == "FR" for e, _ in found["french"])


def test_homs_by_context(gaz: Gazetteer) -> None:
    syria = names("Government forces shelled Homs and Hama, Syrian activists said.", gaz)
    assert syria["Homs"][0] == "SY"
    libya = names("Militias clashed in Misrata and Homs, on the Libyan coast east of Tripoli.", gaz)
    assert libya["Homs"][0] == "LY"


def test_paris_texas_and_springfield(gaz: Gazetteer) -> None:
    us = find_places("A man was arrested in Paris, Texas, after the shooting.", None, gaz)
    paris = next(p for p in us if p.name == "Paris")
    assert paris.country == "US" and paris.admin1 == "Texas"
    ill = next(p for p in find_places("The rally in Springfield, Ill., drew a crowd.", None, gaz)
               if p.name == "Springfield")
    assert ill.admin1 == "Illinois"
    mass = next(p for p in find_places(
        "Police in Boston and Worcester joined officers in Springfield, Massachusetts, on Friday.", None, gaz)
        if p.name == "Springfield")
    assert mass.admin1 == "Massachusetts"
    france = next(p for p in find_places("Protesters marched through Paris and Lyon.", None, gaz)
                  if p.name == "Paris")
    assert france.country == "FR" and france.geonames_id == 2988507


def test_common_words_are_not_places(gaz: Gazetteer) -> None:
    text = "Police said there was Hope that the Of course statement would calm the crowd."
    assert names(text, gaz) == {}


def test_transliteration_variants(gaz: Gazetteer) -> None:
    for spelling in ("Jisr al-Shughour", "Jisr Shagour", "Jisr ash-Shughur"):
        places = names(f"Troops entered {spelling} at dawn.", gaz)
        assert places.get(spelling, (None, None, None))[2] == 169023, spelling
    assert names("Clashes were reported in Deraa.", gaz)["Deraa"][0] == "SY"


def test_person_label_does_not_cost_a_multiword_place(gaz: Gazetteer) -> None:
    text = "Residents fled Jisr al-Shughour as tanks approached."
    start = text.index("Jisr")
    places = names(text, gaz, [(start, start + len("Jisr al-Shughour"), "PERSON")])
    assert places["Jisr al-Shughour"][2] == 169023


def test_surname_of_a_person_is_not_a_place(gaz: Gazetteer) -> None:
    text = "President Jacob Zuma spoke in Durban. Zuma said the talks would continue."
    ents = [(10, 21, "PERSON"), (30, 36, "GPE"), (38, 42, "PERSON")]
    places = find_places(text, ents, gaz)
    assert [p.name for p in places] == ["Durban"]


def test_demonyms_countries_regions_and_abbreviations(gaz: Gazetteer) -> None:
    text = "A French engineer and U.S. officials met in the Middle East, near Eastern Ghouta."
    got = names(text, gaz)
    assert got["French"][:2] == ("FR", "country")
    assert got["U.S."][:2] == ("US", "country")
    assert got["Middle East"][1] == "region"
    assert got["Eastern Ghouta"][:2] == ("SY", "area")


def test_washington_dc_is_one_place(gaz: Gazetteer) -> None:
    places = find_places("The bill passed in Washington, D.C., on Friday.", None, gaz)
    assert [(p.name, p.country) for p in places] == [("Washington, D.C.", "US")]


def test_province_named_after_its_capital(gaz: Gazetteer) -> None:
    city = names("Rockets hit Idlib on Sunday.", gaz)["Idlib"]
    assert city[1] == "city"
    prov = [t for t in resolve_text("Rockets hit Idlib province on Sunday.", None, gaz) if t.text == "Idlib"]
    assert prov and prov[0].entry is not None and prov[0].entry.feature == "admin1"


def test_resolve_name_with_near_and_direction(gaz: Gazetteer) -> None:
    top = resolve_name("near Aleppo", gazetteer=gaz)
    assert top is not None and top.near and top.entry is not None and top.entry.country == "SY"
    north = resolve_name("north-western Syria", gazetteer=gaz)
    assert north is not None and north.entry is not None and north.entry.feature == "country"
    assert resolve_name("Nowhereville Qqq", gazetteer=gaz) is None


def test_offsets_point_into_text(gaz: Gazetteer) -> None:
    text = "Fighting in Aleppo’s eastern districts and in Raqqa, Syria’s north, killed dozens."
    for p in find_places(text, None, gaz):
        assert text[p.start:p.end] == p.name


def test_resolve_name_for_searches(gaz: Gazetteer) -> None:
    hesston = resolve_name("Hesston", gazetteer=gaz)
    assert hesston is not None and hesston.entry is not None and hesston.entry.admin1 == "Kansas"
    for query, admin1 in (("Springfield, Ill.", "Illinois"), ("Springfield, Massachusetts", "Massachusetts"),
                          ("Paris, Texas", "Texas")):
        top = resolve_name(query, gazetteer=gaz)
        assert top is not None and top.entry is not None and top.entry.admin1 == admin1, query
    assert resolve_name("Ill.", gazetteer=gaz) is None  # a state abbreviation only after a comma
