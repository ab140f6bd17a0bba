"""The resolve stage on hand-built results: claim locations, times and document places."""

from __future__ import annotations

from reportedly.model import Claim, Document, DocumentResult, Evidence, Location, Span, TimeRef
from reportedly.options import Options
from reportedly.resolve import resolve_batch, sentences

TEXT = (
    "Clashes near Aleppo\n\n"
    "BEIRUT (Reuters) - Fighting raged in northern Syria on Tuesday, monitors said.\n\n"
    "State television said 15 soldiers were killed in an ambush outside the town of Maarat al-Numan. "
    "Activists said at least 9 civilians have died in shelling of Saraqeb since Sunday.\n\n"
    "The town was also shelled in 2012, when 30 people died.\n\n"
    "Copyright 2019 Example News Agency. All rights reserved."
)


def claim(evidence: str, figure: str, text: str = TEXT, claimant: str | None = None,
          location: Location | None = None, time: TimeRef | None = None) -> Claim:
    s = text.index(evidence)
    f = text.index(figure, s)
    c = Claim(kind="killed", value=int("".join(ch for ch in figure if ch.isdigit()) or 1),
              evidence=Evidence(s, s + len(evidence), evidence), figure=Span(figure, f, f + len(figure)),
              location=location, time=time)
    if claimant:
        cs = text.index(claimant, s)
        c.claimant = Span(claimant, cs, cs + len(claimant))
    return c


def run(claims: list[Claim], published: str | None = "2019-03-13", text: str = TEXT) -> DocumentResult:
    res = DocumentResult(document=Document(text=text, published=published), claims=claims)
    return resolve_batch([res], Options())[0]


def test_location_from_the_sentence_not_the_claimant() -> None:
    c = claim("State television said 15 soldiers were killed in an ambush outside the town of Maarat al-Numan.",
              "15 soldiers", claimant="State television")
    run([c])
    assert c.location is not None
    assert c.location.name == "Maarat al-Numan"
    assert c.location.country == "SY" and c.location.lat is not None
    assert c.location.precision == 2  # "outside the town of"


def test_time_nearest_the_figure_and_ranges() -> None:
    c = claim("Activists said at least 9 civilians have died in shelling of Saraqeb since Sunday.", "at least 9")
    run([c])
    assert c.time is not None and c.time.text == "since Sunday"
    assert (c.time.date_start, c.time.date_end) == ("2019-03-10", "2019-03-13")
    assert c.location is not None and c.location.name == "Saraqeb" and c.location.precision == 1


def test_time_falls_back_to_the_lead() -> None:
    c = claim("State television said 15 soldiers were killed in an ambush outside the town of Maarat al-Numan.",
              "15 soldiers")
    run([c])
    assert c.time is not None and c.time.date_start == "2019-03-12" and c.time.precision == "day"


def test_year_in_the_sentence_wins_and_copyright_never_counts() -> None:
    c = claim("when 30 people died", "30 people")
    run([c])
    assert c.time is not None and c.time.date_start == "2012-01-01" and c.time.precision == "year"
    d = claim("The town was also shelled in 2012", "2012")
    run([d])
    assert d.time is not None and "2019" not in (d.time.date_start or "")


def test_given_location_and_time_are_resolved() -> None:
    ev = "Activists said at least 9 civilians have died in shelling of Saraqeb since Sunday."
    s = TEXT.index("Saraqeb")
    c = claim(ev, "at least 9", location=Location(name="Saraqeb", start=s, end=s + len("Saraqeb")),
              time=TimeRef(text="since Sunday", start=TEXT.index("since Sunday"), end=TEXT.index("since Sunday") + 12))
    run([c])
    assert c.location is not None and c.location.name == "Saraqeb" and c.location.country == "SY"
    assert c.location.precision == 1 and c.location.lat is not None
    assert c.time is not None and c.time.date_start == "2019-03-10" and c.time.start == TEXT.index("since Sunday")


def test_broad_given_location_gives_way_to_the_town_of_the_story() -> None:
    s = TEXT.index("northern Syria")
    c = claim("Fighting raged in northern Syria on Tuesday", "Fighting",
              location=Location(name="northern Syria", start=s, end=s + len("northern Syria")))
    run([c])
    assert c.location is not None and c.location.name == "Aleppo" and c.location.country == "SY"


def test_aggregate_keeps_the_country() -> None:
    s = TEXT.index("northern Syria")
    c = claim("Fighting raged in northern Syria on Tuesday", "Fighting",
              location=Location(name="northern Syria", start=s, end=s + len("northern Syria")))
    c.aggregate = True
    run([c])
    assert c.location is not None and c.location.feature == "country" and c.location.precision == 3


def test_without_publication_date_relative_times_stay_unresolved() -> None:
    c = claim("Activists said at least 9 civilians have died in shelling of Saraqeb since Sunday.", "at least 9",
              time=TimeRef(text="since Sunday"))
    run([c], published=None)
    assert c.time is not None and c.time.text == "since Sunday" and c.time.date_start is None


def test_document_places_without_ner() -> None:
    res = run([])
    got = [p.name for p in res.places]
    assert "BEIRUT" in got and "Syria" in got and "Saraqeb" in got
    for p in res.places:
        assert TEXT[p.start:p.end] == p.name


def test_bad_input_does_not_crash() -> None:
    c = Claim(kind="killed", value=3, evidence=Evidence(50_000, 50_010))
    res = run([c], text="Short text.")
    assert res.errors == [] or all(e.code == "resolve_failed" for e in res.errors)


def test_sentences() -> None:
    spans = sentences("One place. Two places!\nThree.")
    assert len(spans) == 3


def test_an_abbreviation_inside_a_sentence_does_not_end_it() -> None:
    text = ("Shots rang out at 8:50 p.m. Wednesday near the pier. It began at 2 a.m. Aug. 29, Lt. Ann Roe said. "
            "He was shot at 8 p.m. The next day he died. U.S. Marshals found his car in St. Louis. It was empty.")
    assert [text[a:b] for a, b in sentences(text)] == [
        "Shots rang out at 8:50 p.m. Wednesday near the pier.", "It began at 2 a.m. Aug. 29, Lt. Ann Roe said.",
        "He was shot at 8 p.m.", "The next day he died.", "U.S. Marshals found his car in St. Louis.", "It was empty."]
    text = "Dale E. Orrin was shot outside 916 W. Birch St. at 7:30 p.m. ET. He survived."
    assert len(sentences(text)) == 2


# --- where the incident happened: sites, attached places, places that are not scenes -----------

def one(text: str, evidence: str, figure: str, location: str | None = None) -> Location | None:
    loc = None
    if location is not None:
        s = text.index(location)
        loc = Location(name=location, start=s, end=s + len(location))
    c = claim(evidence, figure, text=text, location=loc)
    run([c], text=text)
    return c.location


def test_a_venue_is_named_as_written_with_its_town_and_placed_at_the_town() -> None:
    text = ("Shooting at a bar\n\nA gunman opened fire at the Blue Heron nightclub in Dayton early on Sunday, "
            "killing 2 people and wounding 9 others, police said.")
    loc = one(text, text[text.index("A gunman"):], "2 people")
    assert loc is not None and loc.name == "Blue Heron nightclub in Dayton"
    assert loc.feature == "site" and loc.precision == 1
    assert loc.country == "US" and loc.admin1 == "Ohio" and loc.lat is not None and loc.geonames_id is not None


def test_a_site_given_by_the_extractor_beats_its_own_town() -> None:
    text = ("Workers hurt\n\nA former employee shot 5 workers at Kessler Industries in Dayton on Thursday, "
            "the sheriff said. Dayton is a city in Ohio.")
    loc = one(text, text[text.index("A former"):text.index(" Dayton is")], "5 workers", location="Dayton")
    assert loc is not None and loc.name == "Kessler Industries in Dayton" and loc.precision == 1


def test_each_figure_of_a_list_takes_the_place_written_after_it() -> None:
    text = ("Bodies counted\n\nRescuers said 14 bodies were recovered in Fallujah, 9 in Ramadi and 3 in Tikrit "
            "after the strikes.")
    ev = text[text.index("Rescuers"):]
    for figure, place in (("14 bodies", "Fallujah"), ("9", "Ramadi"), ("3", "Tikrit")):
        c = claim(ev, figure, text=text)
        c.location = Location(name="Tikrit", start=text.index("Tikrit"), end=text.index("Tikrit") + 6)
        run([c], text=text)
        assert c.location is not None and c.location.name == place, figure


def test_the_place_perpetrators_fired_from_is_not_the_scene() -> None:
    text = ("Market shelled\n\nShells fired from Maarat al-Numan hit the market of Kafranbel on Friday, "
            "killing 4 people, activists said.")
    loc = one(text, text[text.index("Shells"):], "4 people", location="Maarat al-Numan")
    assert loc is not None and loc.name == "Kafranbel"


def test_a_city_abroad_where_a_council_sits_is_not_the_scene() -> None:
    text = ("Checkpoint attacked\n\nGunmen attacked an army checkpoint in Arish on Monday. "
            "The Security Council in New York held an emergency session. "
            "At least 12 soldiers were killed.")
    loc = one(text, "At least 12 soldiers were killed.", "At least 12")
    assert loc is not None and loc.name == "Arish" and loc.country == "EG"


def test_several_sites_of_one_figure_give_their_town() -> None:
    text = ("Mortars\n\nMortar shells fell on the Bab Sharqi and Qassaa neighbourhoods of Damascus on Monday, "
            "wounding 7 people.")
    loc = one(text, text[text.index("Mortar shells"):], "7 people", location="Qassaa")
    assert loc is not None and loc.name == "Damascus" and loc.feature == "city"


def test_the_club_names_the_club_named_before_as_first_written() -> None:
    text = ("Weekend violence\n\nPolice were called to the Silver Moon nightclub in Toledo, Ohio, shortly after midnight. "
            "Officers found the Silver Moon night club full of smoke.\n\n"
            "The shooting at the club left 3 people wounded.")
    loc = one(text, "The shooting at the club left 3 people wounded.", "3 people")
    assert loc is not None and loc.name.startswith("Silver Moon nightclub") and loc.admin1 == "Ohio"


def test_a_site_of_a_base_after_a_possessive() -> None:
    text = ("Base shooting\n\nA soldier opened fire at Fort Bragg's Troop Medical Center in 2012, "
            "killing 2 soldiers before he was arrested near Fayetteville.")
    loc = one(text, text[text.index("A soldier"):], "2 soldiers")
    assert loc is not None and loc.name == "Troop Medical Center" and loc.precision == 1


def test_a_county_that_names_an_office_is_not_the_scene() -> None:
    text = ("Plant shooting\n\nA gunman killed 3 people at a grain plant in Hesston on Thursday.\n\n"
            "Harvey County Sheriff's deputies said 6 others were taken to hospital.")
    loc = one(text, "Harvey County Sheriff's deputies said 6 others were taken to hospital.", "6 others",
              location="Harvey County Sheriff")
    assert loc is not None and loc.name == "Hesston"


def test_a_court_or_the_city_police_do_not_hide_the_scene() -> None:
    text = "Court bombing\n\nA bomb exploded outside the court in Cairo on Monday, killing 3 people."
    loc = one(text, text[text.index("A bomb"):], "3 people")
    assert loc is not None and loc.name == "Cairo" and loc.precision == 1  # in Cairo, outside its court
    text = "Shootings\n\nChicago police said 4 people were shot on Saturday night."
    loc = one(text, text[text.index("Chicago police"):], "4 people")
    assert loc is not None and loc.name == "Chicago" and loc.country == "US"


def test_the_town_of_a_newspaper_is_not_the_scene() -> None:
    text = ("Boy charged\n\nThe lawyer for a boy charged with killing 1 friend wants the case moved.\n\n"
            "The lawyer told the Denver Post that the boy is sorry.\n\nThe shooting happened in Boulder.")
    loc = one(text, "The lawyer for a boy charged with killing 1 friend wants the case moved.", "1 friend")
    assert loc is None or loc.name != "Denver"


def test_an_unknown_village_given_by_the_extractor_stays_as_written_at_its_town() -> None:
    text = ("Strikes\n\nJets struck the outskirts of the village of Umm Sarab near Manbij at dawn, "
            "killing 21 civilians, monitors said.")
    loc = one(text, text[text.index("Jets"):], "21 civilians", location="Umm Sarab")
    assert loc is not None and loc.name == "Umm Sarab" and loc.feature == "site"
    assert loc.country == "SY" and loc.lat is not None and loc.precision == 1


def test_a_country_possessive_is_not_part_of_a_site_name() -> None:
    text = "Raids\n\nWarplanes bombed Syrias Umm Sarab near Manbij on Friday, killing 6 people."
    loc = one(text, text[text.index("Warplanes"):], "6 people", location="Syrias Umm Sarab")
    assert loc is not None and loc.name == "Umm Sarab" and loc.country == "SY"
    text = "Raids\n\nWarplanes bombed Syria's Umm Sarab near Manbij on Friday, killing 6 people."
    loc = one(text, text[text.index("Warplanes"):], "6 people", location="Syria's Umm Sarab")
    assert loc is not None and loc.name == "Umm Sarab"


def test_a_street_block_is_the_site_placed_at_the_story_town() -> None:
    text = ("Boy shot\n\nA 12-year-old boy was wounded Friday night in the 3200 block of North Detroit Avenue, "
            "Toledo police reported.")
    loc = one(text, text[text.index("A 12-year-old"):], "A 12-year-old boy")
    assert loc is not None and loc.name == "North Detroit Avenue" and loc.feature == "site"
    assert loc.admin1 == "Ohio" and loc.precision == 1


def test_headline_words_and_held_adjectives_are_not_sites() -> None:
    text = ("3 Civilians Killed 9 Injured in Terrorist Attack in Homs\n\n"
            "Gunmen stormed an ISIL-held village near Homs on Monday, killing 3 civilians.")
    loc = one(text, text[:text.index("\n")], "3 Civilians", location="Terrorist Attack")
    assert loc is not None and loc.name == "Homs"
    loc = one(text, text[text.index("Gunmen"):], "3 civilians")
    assert loc is not None and loc.name == "Homs" and loc.precision == 2  # near Homs


def test_a_part_of_the_city_gives_way_to_a_place_the_sentence_names() -> None:
    # the extractor gave "Far South Side"; the sentence names the neighbourhood, which is the place
    text = ("Chicago police counted the weekend's shootings. Among them was an attack in Roseland on the "
            "Far South Side where four people were killed, police said.")
    ev = "Among them was an attack in Roseland on the Far South Side where four people were killed"
    s = text.index("Far South Side")
    c = claim(ev, "four", text=text, location=Location(name="Far South Side", start=s, end=s + 14))
    run([c], text=text)
    assert c.location is not None and c.location.name == "Roseland"
