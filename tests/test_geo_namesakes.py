"""Namesakes in local news: the article's own state, county and country decide (no spaCy model)."""

from __future__ import annotations

import pytest

from reportedly.geo import Gazetteer, find_places, load, resolve_name


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load()


def place(text: str, name: str, gaz: Gazetteer, ents: list[tuple[int, int, str]] | None = None):  # type: ignore[no-untyped-def]
    return next(p for p in find_places(text, ents, gaz) if p.name == name)


def test_abbreviated_saint_and_fort_are_one_name(gaz: Gazetteer) -> None:
    text = "Two teenagers were wounded in St. Louis on Sunday; a third was later found in Ft. Worth."
    louis = place(text, "St. Louis", gaz)
    assert (louis.country, louis.admin1) == ("US", "Missouri")
    assert place(text, "Ft. Worth", gaz).admin1 == "Texas"
    shouted = place("ST. LOUIS, Mo. (AP) — A man died after a shooting, police said.", "ST. LOUIS", gaz)
    assert shouted.admin1 == "Missouri"


def test_the_capital_district_is_its_own_state(gaz: Gazetteer) -> None:
    dc = place("Officers responded to a shooting in Washington, D.C., late on Friday.", "Washington, D.C.", gaz)
    assert dc.admin1 == "District of Columbia"


def test_another_name_of_a_capital_is_not_the_city_named_so(gaz: Gazetteer) -> None:
    # "Philadelphia" is an old name of Amman; the US city is meant
    p = place("A Philadelphia man was charged after his neighbour was shot.", "Philadelphia", gaz)
    assert p.country == "US"


def test_a_named_state_decides_between_namesakes(gaz: Gazetteer) -> None:
    text = ("Deputies in Butler County, Ohio, said a man was shot outside a home in Hamilton. "
            "A second man was taken to a hospital in Fairfield.")
    places = {p.name: p for p in find_places(text, None, gaz)}
    assert (places["Hamilton"].country, places["Hamilton"].admin1) == ("US", "Ohio")
    assert places["Fairfield"].admin1 == "Ohio"


def test_a_qualified_name_holds_for_its_later_mentions(gaz: Gazetteer) -> None:
    text = ("The shooting happened in Kingston, N.Y., shortly after midnight. Kingston police said "
            "the victim was a local man.")
    found = [p for p in find_places(text, None, gaz) if p.name == "Kingston"]
    assert len(found) == 2 and {p.admin1 for p in found} == {"New York"}


def test_a_common_word_opening_a_longer_name_is_not_a_town(gaz: Gazetteer) -> None:
    text = "The boy was taken to University Medical Center in Lubbock, Texas, where he died."
    names = {p.name for p in find_places(text, None, gaz)}
    assert "University" not in names
    assert "Lubbock" in names


def test_a_word_spelled_like_a_foreign_village_inside_a_venue_name(gaz: Gazetteer) -> None:
    text = "Shots were fired outside Memorial Stadium in Lincoln, Nebraska."
    ents = [(text.index("Memorial"), text.index(" in Lincoln"), "FAC")]
    names = {p.name for p in find_places(text, ents, gaz)}
    assert "Stadium" not in names


def test_a_lone_small_foreign_town_among_one_countrys_places(gaz: Gazetteer) -> None:
    # every other place is in the US: a one-off name is not a village in Europe
    text = ("Police in Dayton, Ohio, said the man drove from Columbus to Cincinnati before the "
            "shooting near Oliva Street in Springfield, Ohio.")
    found = [p for p in find_places(text, None, gaz) if p.country not in (None, "US")]
    assert found == []


def test_a_foreign_city_spacy_calls_a_place_stays(gaz: Gazetteer) -> None:
    text = "The victims, from Dayton, Ohio, Columbus and Cincinnati, had flown home from Oliva in Spain."
    ents = [(text.index("Oliva"), text.index("Oliva") + 5, "GPE"), (text.index("Spain"), text.index("Spain") + 5, "GPE")]
    assert place(text, "Oliva", gaz, ents).country == "ES"


def test_a_country_qualified_by_a_state_is_a_town(gaz: Gazetteer) -> None:
    text = "LEBANON, Pa. — A boy shot in Lebanon on Tuesday has left the hospital, police said."
    found = [p for p in find_places(text, None, gaz) if p.name.lower() == "lebanon"]
    assert len(found) == 2 and all((p.country, p.admin1) == ("US", "Pennsylvania") for p in found)


def test_a_bare_compass_word_is_no_place(gaz: Gazetteer) -> None:


    assert resolve_name("Northwest", gazetteer=gaz) is None
    assert resolve_name("the East", gazetteer=gaz) is None
    east = resolve_name("East Oakland", gazetteer=gaz)
    assert east is not None and east.entry is not None and east.entry.admin1 == "California"


def test_metro_police_is_not_a_town(gaz: Gazetteer) -> None:
    text = "Metro police said a man was shot near a market in Nashville."
    ents = [(0, 5, "FAC"), (text.index("Nashville"), len(text) - 1, "GPE")]
    assert [p.name for p in find_places(text, ents, gaz)] == ["Nashville"]


def test_a_named_county_decides_between_namesakes(gaz: Gazetteer) -> None:
    text = "A Wood County deputy was wounded at a house in Grand Rapids on Saturday, the sheriff said."
    ents = [(text.index("Wood"), text.index(" deputy"), "GPE"), (text.index("Grand"), text.index(" on Sat"), "GPE")]
    assert place(text, "Grand Rapids", gaz, ents).admin1 == "Ohio"
    # without the county, the big city of the name
    text = "A deputy was wounded at a house in Grand Rapids on Saturday, the sheriff said."
    ents = [(text.index("Grand"), text.index(" on Sat"), "GPE")]
    assert place(text, "Grand Rapids", gaz, ents).admin1 == "Michigan"


def test_a_street_or_a_bar_named_after_a_place_is_not_that_place(gaz: Gazetteer) -> None:
    text = ("Two men were shot at Doubles Bar on Orange Street in Hamilton, Ohio, and a third on "
            "East Street, police said.")
    ents = [(text.index("East"), text.index(", police"), "GPE")]
    names = [p.name for p in find_places(text, ents, gaz)]
    assert "Doubles" not in names and "Orange" not in names and "East Street" not in names
    assert place(text, "Hamilton", gaz, ents).admin1 == "Ohio"


def test_a_small_far_namesake_in_a_state_named_nowhere_else(gaz: Gazetteer) -> None:
    text = ("Pittsburgh police said the shooting happened in Homewood. Officers from Wilkinsburg and "
            "Penn Hills helped, and the victim was taken to a hospital in Pittsburgh, Pennsylvania.")
    ents = [(text.index("Homewood"), text.index("Homewood") + 8, "GPE")]
    found = [p for p in find_places(text, ents, gaz) if p.name == "Homewood"]
    assert found and all(p.admin1 in (None, "Pennsylvania") for p in found)


def test_a_short_story_two_places_of_one_state_and_a_far_namesake(gaz: Gazetteer) -> None:
    # a short local story names its city and county once each; "Broadway" is a street here,
    # not the small town of that name in another state far away
    text = ("Four people were wounded outside a bar on Broadway in Seattle early Sunday, "
            "King County deputies said.")
    ents = [(text.index("Broadway"), text.index("Broadway") + 8, "GPE"),
            (text.index("Seattle"), text.index("Seattle") + 7, "GPE"),
            (text.index("King"), text.index(" deputies"), "GPE")]
    found = [p for p in find_places(text, ents, gaz) if p.name == "Broadway"]
    assert all(p.admin1 in (None, "Washington") for p in found), found


def test_a_dateline_names_the_biggest_town_not_a_province_spelled_alike(gaz: Gazetteer) -> None:
    text = "ST. LOUIS (KMOX) - A man was shot and killed on Tuesday night in St. Louis."
    assert {p.country for p in find_places(text, None, gaz)} == {"US"}


def test_a_small_towns_other_name_inside_a_longer_name(gaz: Gazetteer) -> None:
    # "Hood" is another name of a few small towns; "Fort Hood" is the base
    text = "A soldier was shot at Fort Hood, near Killeen, Texas, on Thursday."
    ents = [(text.index("Fort"), text.index(", near"), "FAC"), (text.index("Killeen"), text.index(", Texas"), "GPE")]
    assert all(p.admin1 in (None, "Texas") for p in find_places(text, ents, gaz))


def test_a_bare_compass_word_in_the_text_is_no_town(gaz: Gazetteer) -> None:
    text = "A man was shot in Northwest Miami on Friday; another in the Northeast part of the city."
    names = [p.name for p in find_places(text, None, gaz)]
    assert names == ["Miami"]


def test_an_english_article_before_a_known_town(gaz: Gazetteer) -> None:
    text = "An Altoona man was charged on Monday after the shooting."
    assert [(p.name, p.admin1) for p in find_places(text, None, gaz)] == [("Altoona", "Pennsylvania")]


def test_a_common_word_given_as_a_location_stays_in_the_storys_countries(gaz: Gazetteer) -> None:


    nashville = resolve_name("Nashville, Tennessee", gazetteer=gaz)
    assert nashville is not None and nashville.entry is not None
    assert resolve_name("Metro", [nashville.entry], gaz) is None
    alone = resolve_name("Metro", gazetteer=gaz)
    assert alone is not None and alone.entry is not None  # with no story around it, the town of the name


def test_a_location_the_recognizer_left_is_no_small_town_abroad(gaz: Gazetteer) -> None:


    chicago = resolve_name("Chicago, Illinois", gazetteer=gaz)
    assert chicago is not None and chicago.entry is not None
    oliva = resolve_name("Oliva", [chicago.entry], gaz)
    assert oliva is None or oliva.entry is None  # a surname or a street, not the Spanish town
    evanston = resolve_name("Evanston", [chicago.entry], gaz)
    assert evanston is not None and evanston.entry is not None and evanston.entry.admin1 == "Illinois"
    aleppo = resolve_name("Aleppo", [chicago.entry], gaz)
    assert aleppo is not None and aleppo.entry is not None and aleppo.entry.country == "SY"  # a big city stays


def test_a_bare_compass_word_spacy_calls_a_place(gaz: Gazetteer) -> None:
    text = "Gunfire was heard in the West on Friday, and later in Chicago."
    ents = [(text.index("West"), text.index("West") + 4, "LOC"), (text.index("Chicago"), text.index("Chicago") + 7, "GPE")]
    assert [p.name for p in find_places(text, ents, gaz)] == ["Chicago"]


def test_a_part_of_the_city_is_no_town_elsewhere(gaz: Gazetteer) -> None:
    # "Downtown", "the West Side", "the East End": parts of the story's own city, whatever
    # small towns of those names the gazetteer knows; and "Side" alone is no town either
    text = ("Two men were shot on the West Side of Chicago on Friday and a third was wounded in the "
            "East End, Chicago police said.")
    ents = [(text.index("West"), text.index(" of Chicago"), "LOC"), (text.index("East"), text.index(", Chicago"), "LOC")]
    names = [p.name for p in find_places(text, ents, gaz)]
    assert names == ["Chicago", "Chicago"], names
    assert resolve_name("Downtown", gazetteer=gaz) is None
    assert resolve_name("the West Side", gazetteer=gaz) is None


@pytest.mark.parametrize(("text", "country"), [
    ("The County Sheriff\u2019s Office said deputies found him in the 2500 block of East Lane.", "US"),
    ("He faces a felony charge, the district attorney said.", "US"),
    ("He will appear at the Crown Court, the Crown Prosecution Service said.", "GB"),
    ("The RCMP said the man was arrested.", "CA"),
    ("Police said a man was arrested.", None),
    ("The RCMP said he faces a felony charge.", None),  # one cue each: no country leads
])
def test_an_articles_own_words_tell_its_country(text: str, country: str | None) -> None:
    from reportedly.geo.disambiguate import locale_country

    assert locale_country(text) == country


def test_namesakes_lean_to_the_country_the_article_is_written_in(gaz: Gazetteer) -> None:
    plain = "Police in Chelsea found the man on Washington Avenue."
    assert place(plain, "Chelsea", gaz, [(10, 17, "GPE")]).country == "GB"  # the biggest namesake
    local = "Police in Chelsea found the man in the 100 block of Washington Avenue."
    assert place(local, "Chelsea", gaz, [(10, 17, "GPE")]).admin1 == "Massachusetts"
    assert place("A man was shot in Birmingham, the Sheriff's Office said.", "Birmingham", gaz,
                 [(18, 28, "GPE")]).admin1 == "Alabama"


def test_a_numbered_ward_is_a_part_of_the_city(gaz: Gazetteer) -> None:
    assert not [p for p in find_places("A man was shot in the Lower 9th Ward on Sunday.", None, gaz)
                if p.name == "Ward"]
    assert not [p for p in find_places("City marshals from Ward 2 fired at the car.", None, gaz) if p.name == "Ward"]
    assert place("He moved to Ward, Arkansas, in May.", "Ward", gaz).admin1 == "Arkansas"


def test_a_persons_surname_called_a_place_by_the_tagger_is_the_person(gaz: Gazetteer) -> None:
    text = "Police Chief Ann Kelheim spoke on Monday. Kelheim said two men were arrested."
    person = (text.index("Ann Kelheim"), text.index("Ann Kelheim") + len("Ann Kelheim"), "PERSON")
    tagged = (text.index("Kelheim said"), text.index("Kelheim said") + len("Kelheim"), "GPE")
    assert find_places(text, [person, tagged], gaz) == []
    # the same town, where no one is so named, is a place
    alone = "Two men were arrested in Kelheim."
    assert [p.country for p in find_places(alone, [(25, 32, "GPE")], gaz)] == ["DE"]
