"""Figure-claim rules (GUIDELINES.md), one hand-written sentence each, through the real model.

Places, people and organisations are fictional.
"""

from __future__ import annotations

from typing import Any

import pytest

from reportedly.model import Claim

pytestmark = pytest.mark.slow


def claims_of(nlp: Any, text: str) -> list[Claim]:
    return list(nlp(text)._.claims)


def one(nlp: Any, text: str, kind: str | None = None) -> Claim:
    found = [c for c in claims_of(nlp, text) if kind is None or c.kind == kind]
    assert len(found) == 1, [(c.kind, c.value) for c in found]
    return found[0]


def figures(nlp: Any, text: str) -> set[tuple[str, int]]:
    """The figure claims: the records of an accident's casualties are none."""
    return {(c.kind, c.value) for c in claims_of(nlp, text) if not c.accident}


def accident_records(nlp: Any, text: str) -> set[tuple[str, int]]:
    return {(c.kind, c.value) for c in claims_of(nlp, text) if c.accident}


# ------------------------------------------------------------------ figures and kinds

def test_digits_with_comma_and_qualifier(nlp: Any) -> None:
    c = one(nlp, "At least 1,250 people were killed in the shelling of Varnok, the ministry said.")
    assert (c.kind, c.value, c.qualifier) == ("killed", 1250, "at_least")


def test_lost_commas_in_digits(nlp: Any) -> None:
    c = one(nlp, "More than 2300 people have been killed in Tellmar province since January the group said.")
    assert (c.value, c.qualifier) == (2300, "more_than")


def test_number_words_and_a_dozen(nlp: Any) -> None:
    assert figures(nlp, "Twenty-five villagers died in the raid on Oskarby.") == {("killed", 25)}
    c = one(nlp, "A dozen shoppers were wounded when a grenade went off in the Brenn market.")
    assert (c.kind, c.value, c.qualifier, c.group) == ("injured", 12, "exact", "civilians")


@pytest.mark.parametrize(("text", "value"), [
    ("Dozens of people were killed in the air raids on Kessra.", 12),
    ("Scores of bodies lay in the streets of Kessra.", 20),
    ("Hundreds of civilians have been killed in the siege of Kessra.", 100),
    ("Several soldiers were wounded in the ambush near Kessra.", 3),
    ("Tens of others were injured in the blast.", 10),
])
def test_vague_words(nlp: Any, text: str, value: int) -> None:
    c = one(nlp, text)
    assert (c.value, c.qualifier) == (value, "vague")


def test_killed_and_injured_in_one_sentence(nlp: Any) -> None:
    found = figures(nlp, "The bombing killed 14 people and wounded 31 others in Dallow, police said.")
    assert found == {("killed", 14), ("injured", 31)}


def test_killing_gerund_and_death_toll(nlp: Any) -> None:
    assert figures(nlp, "A car bomb exploded outside the court in Pelmora, killing nine people.") == {("killed", 9)}
    assert figures(nlp, "The death toll from the attack on Pelmora rose to 17, a hospital official said.") == {
        ("killed", 17)}


def test_single_victims(nlp: Any) -> None:
    assert figures(nlp, "A police officer was killed in the attack on the checkpoint at Ravel.") == {("killed", 1)}
    assert figures(nlp, "One civilian was wounded when a mortar shell hit the Ravel bakery.") == {("injured", 1)}


def test_range_gives_two_claims(nlp: Any) -> None:
    found = claims_of(nlp, "Rescuers said between 300 and 450 people were killed in the earthquake-proof "
                           "shelters of Amsar when the rockets struck.")
    quals = {(c.value, c.qualifier) for c in found if c.kind == "killed"}
    assert quals == {(300, "at_least"), (450, "at_most")}


def test_subgroup_with_number(nlp: Any) -> None:
    found = {(c.value, c.group) for c in claims_of(
        nlp, "The air strike on Dorvel killed 22 people, including seven children, the monitor said.")}
    assert found == {(22, "unknown"), (7, "civilians")}


def test_groups(nlp: Any) -> None:
    assert one(nlp, "Eleven soldiers were killed when rebels attacked the base at Hurst.").group == "security_forces"
    assert one(nlp, "At least 30 militants were killed in the fighting for Hurst.").group == "combatants"
    assert one(nlp, "Four protesters were shot dead outside the parliament in Hurst.").group == "protesters"


def test_shot_alone_is_injured(nlp: Any) -> None:
    c = one(nlp, "Three teenagers were shot outside a community centre in Glenmoor on Friday night.")
    assert (c.kind, c.value) == ("injured", 3)


# ------------------------------------------------------------------ not claims

@pytest.mark.parametrize("text", [
    "Police arrested 45 people after the riot in Marvell.",
    "About 12,000 people were displaced by the fighting around Marvell.",
    "A 17-year-old was questioned by detectives in Marvell.",
    "The clashes in 1998 left the town of Marvell in ruins.",
    "The council approved $3 million for the Marvell hospital.",
    "Dozens of people were killed or wounded in the Marvell blasts.",
    "Hundreds of casualties were reported in Marvell.",
    "Two people died when their car hit a tree near Marvell in an accident.",
    "No injuries were reported after the shooting in Marvell.",
    "At least 16 rockets hit the outskirts of Marvell.",
])
def test_not_figure_claims(nlp: Any, text: str) -> None:
    assert claims_of(nlp, text) == []


# ------------------------------------------------------------------ attribution

def test_claimant_verb_and_type(nlp: Any) -> None:
    c = one(nlp, "The Interior Ministry said 12 policemen were killed in an ambush near Torvik.")
    assert c.claimant is not None and "Interior Ministry" in c.claimant.text
    assert c.claimant_type == "government"


def test_claimant_according_to(nlp: Any) -> None:
    c = one(nlp, "Eight civilians were killed in the shelling of Torvik, according to the Torvik Civil Defence.")
    assert c.claimant is not None and "Civil Defence" in c.claimant.text
    assert c.claimant_type == "ngo"


def test_claimant_after_clause_without_comma(nlp: Any) -> None:
    c = one(nlp, "At least 19 fighters were killed in clashes near Torvik overnight a security source said.")
    assert c.claimant is not None and c.claimant.text.lower().endswith("security source")
    assert c.claimant_type == "official_unnamed"


def test_relay_names_original_source(nlp: Any) -> None:
    c = one(nlp, "A local doctor told reporters that medics said 27 bodies had arrived at the Torvik clinic.")
    assert c.claimant is not None and c.claimant.text.lower() == "medics"
    assert c.claimant_type == "medical"


def test_pronoun_takes_antecedent(nlp: Any) -> None:
    text = ("Maren Olsby, a spokeswoman for the regional health ministry, described the scene. "
            "She said 15 people were wounded in the blast at Torvik station.")
    c = one(nlp, text)
    assert c.claimant is not None and "Olsby" in c.claimant.text


def test_own_voice_has_no_claimant(nlp: Any) -> None:
    c = one(nlp, "Five people were killed in a bombing in central Torvik on Monday.")
    assert c.claimant is None and c.claimant_type == "none"


# ------------------------------------------------------------------ stance, aggregate, event

def test_hedged_and_asserted(nlp: Any) -> None:
    assert one(nlp, "As many as 60 people were reportedly killed in the raid on Brask.").stance == "hedged"
    assert one(nlp, "Some 900 people are believed to have died in the siege of Brask.").stance == "hedged"
    c = one(nlp, "Activists said 14 civilians were killed in strikes believed to be carried out by jets over Brask.")
    assert c.stance == "asserted"


def test_aggregate(nlp: Any) -> None:
    assert one(nlp, "More than 5,000 people have been killed since the uprising began, the monitor said.").aggregate
    assert not one(nlp, "At least 42 civilians have been killed since Saturday in Brask, activists said.").aggregate


def test_event_types(nlp: Any) -> None:
    assert one(nlp, "An air strike on the Brask market killed 21 people.").event_type == "explosions_remote_violence"
    assert one(nlp, "Nine soldiers were killed in clashes with rebels near Brask.").event_type == "battles"
    assert one(nlp, "A gunman opened fire in a Brask cafe, killing four people.").event_type == (
        "violence_against_civilians")


@pytest.mark.parametrize("text", [
    "Two people were found dead in a Brask home in an apparent murder-suicide, police said.",
    "Two small children were hurt in a shooting at a gas station in Brask on Tuesday night.",
    "A man was found dead in the street in Brask, which was littered with shell casings.",
    "Two women were injured by shotgun blasts fired by a neighbour in Brask.",
])
def test_words_of_other_weapons_inside_common_phrases_are_no_cue(nlp: Any, text: str) -> None:
    # "suicide", "gas", "shell" and "blast" name no bombing or chemical attack here
    assert one(nlp, text).event_type == "violence_against_civilians"


def test_spans_point_into_the_text(nlp: Any) -> None:
    text = "Rebels said 33 soldiers were killed in fighting at Kellan on Tuesday."
    c = one(nlp, text)
    assert c.figure is not None and text[c.figure.start:c.figure.end] == c.figure.text == "33"
    assert text[c.evidence.start:c.evidence.end] == c.evidence.text
    assert c.location is not None and c.location.name == "Kellan"
    assert c.time is not None and "Tuesday" in c.time.text


def test_an_age_is_not_a_time(nlp: Any) -> None:
    # the tagger often calls "6-year-old" a date
    for c in claims_of(nlp, "A grand jury indicted two guards over a shooting that left a 6-year-old dead."):
        assert c.time is None or "old" not in c.time.text


def test_a_persons_surname_is_no_scene(nlp: Any) -> None:
    text = ("Deputy Marshal Derrick Stafford was charged on Monday. A boy was killed at Stafford on Friday, "
            "prosecutors said.")
    c = one(nlp, text)
    assert c.location is None or c.location.name != "Stafford"
    # a place named like a person's surname, with its place noun, is still a place
    text = "Officer Ann Kellan testified. A boy was killed in Kellan County on Friday, prosecutors said."
    c = one(nlp, text)
    assert c.location is not None and c.location.name == "Kellan County"


# ------------------------------------------------------------------ merging

def test_headline_restatement_is_one_claim(nlp: Any) -> None:
    text = ("Blast kills 18 in Orrin market\n\n"
            "A bomb tore through a crowded market in Orrin on Sunday. The provincial governor said 18 people "
            "were killed and dozens were hurt. Rescue teams searched the rubble through the night.")
    killed = [c for c in claims_of(nlp, text) if c.kind == "killed"]
    assert len(killed) == 1
    assert killed[0].claimant is not None and "governor" in killed[0].claimant.text


def test_same_figure_two_claimants_is_two_claims(nlp: Any) -> None:
    text = ("The army said 40 insurgents were killed near Orrin. "
            "A spokesman for the insurgents said 40 of its fighters were killed near Orrin.")
    assert len([c for c in claims_of(nlp, text) if c.value == 40]) == 2


# ------------------------------------------------------------------ single named victims, noise

def test_named_victims(nlp: Any) -> None:
    assert figures(nlp, "Darnell Oakes, a 31-year-old nurse, was shot and killed on Friday in Tolmar.") == {
        ("killed", 1)}
    assert figures(nlp, "The attack killed 19-year-old Petra Lind and injured four other people.") == {
        ("killed", 1), ("injured", 4)}
    # a count of that kind is given: the named victim is inside it
    assert figures(nlp, "Two people were killed in Tolmar. Petra Lind was shot and killed near the bridge.") == {
        ("killed", 2)}


def test_fatally_shot_is_killed(nlp: Any) -> None:
    assert figures(nlp, "A teenager was fatally shot outside a store in Tolmar.") == {("killed", 1)}


def test_addresses_wounds_and_image_counters(nlp: Any) -> None:
    assert figures(nlp, "A shooting at 3120 Larch Avenue left a man dead.") == {("killed", 1)}
    assert figures(nlp, "Officers found a man lying in the hallway with multiple gunshot wounds.") == set()
    assert figures(nlp, "Image 4 of 9 Two shot at a party in Tolmar on Saturday.") == {("injured", 2)}


def test_homicide_statistics_are_aggregate(nlp: Any) -> None:
    c = one(nlp, "There have been 31 homicides so far in Tolmar.")
    assert c.aggregate


def test_listed_victims_without_a_total(nlp: Any) -> None:
    assert figures(nlp, "Three men and a woman were wounded in the gunfire on Larch Street.") == {("injured", 4)}
    assert figures(nlp, "Gunmen wounded a six-year-old in Tolmar.") == {("injured", 1)}


def test_disasters_and_mixed_gerunds(nlp: Any) -> None:
    assert claims_of(nlp, "An earthquake struck the coast near Pellam, killing at least 30 people.") == []
    assert claims_of(nlp, "Cholera has killed more than 2,000 people in Pellam this year.") == []
    assert claims_of(nlp, "Air strikes hit Pellam, killing and injuring several people.") == []


def test_odd_inputs_do_not_crash(nlp: Any) -> None:
    for text in ["", "5", "killed", "killed 5", "a man", "x" * 3000, "one one one killed killed", "12,000,000 dead"]:
        assert isinstance(claims_of(nlp, text), list)


def test_listed_single_victims_and_non_figures(nlp: Any) -> None:
    assert figures(nlp, "A 21-year-old man and a 30-year-old woman were killed in Pellam.") == {("killed", 2)}
    assert claims_of(nlp, "We are lucky that no one was killed that night, the owner said.") == []
    assert claims_of(nlp, "Jory, who would have turned 15 in a few weeks, was a keen footballer.") == []


def test_quotation_over_two_sentences(nlp: Any) -> None:
    text = "“Two of our men died in the ambush near Pellam. We will respond,” the district commander said."
    c = one(nlp, text)
    assert c.claimant is not None and "commander" in c.claimant.text and c.claimant_type == "military"


def test_rebels_are_an_armed_group(nlp: Any) -> None:
    c = one(nlp, "Rebels said 40 soldiers were killed in the attack on Pellam.")
    assert c.claimant_type == "armed_group" and c.group == "security_forces"


def test_verification_caveat_hedges_the_figures_before_it(nlp: Any) -> None:
    text = "Rebels said 40 soldiers were killed in Pellam. The figures could not be independently verified."
    assert one(nlp, text).stance == "hedged"


# ------------------------------------------------------------------ described single victims (US local news)

@pytest.mark.parametrize(("text", "expected"), [
    ("The clerk was shot in the arm during the robbery, police said.", {("injured", 1)}),
    ("The driver died of his wounds at Merrow General Hospital.", {("killed", 1)}),
    ("The teenager was shot to death in a parked car on Alder Lane.", {("killed", 1)}),
    ("The nurse was pronounced dead at the scene.", {("killed", 1)}),
    ("The juvenile died at the scene.", {("killed", 1)}),
])
def test_definite_single_victim(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


def test_definite_subject_who_fires_is_no_victim(nlp: Any) -> None:
    # the guard fired; nobody named as a victim
    assert figures(nlp, "The guard shot the intruder in the leg.") == set()


def test_long_described_single_victim(nlp: Any) -> None:
    c = one(nlp, "A 19-year-old Port Avel man was shot and killed outside a bar early Sunday.")
    assert (c.kind, c.value) == ("killed", 1)


def test_definite_shot_is_no_injury_when_someone_died(nlp: Any) -> None:
    text = ("Officers found a woman dead in the hallway of the Brookvale apartment. "
            "The boy was shot in the chest and taken to Merrow General Hospital.")
    assert figures(nlp, text) == {("killed", 1)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Detectives are investigating the shooting deaths of 17-year-old Mira Kolt, 22-year-old Dev Asher "
     "and 30-year-old Lou Brandt.", {("killed", 3)}),
    ("A Calder man was charged in the fatal shooting of his cousin.", {("killed", 1)}),
    ("Nobody has been arrested in the murder of Tom Reyes, 31, of Calder.", {("killed", 1)}),
])
def test_victims_listed_after_a_death_noun(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


def test_listed_names_give_way_to_a_stated_count(nlp: Any) -> None:
    text = ("Four people were killed in the Calder shooting, police said. "
            "Detectives are investigating the deaths of Mira Kolt and Dev Asher.")
    assert figures(nlp, text) == {("killed", 4)}


# ------------------------------------------------------------------ US local crime news (issue #4)

@pytest.mark.parametrize(("text", "expected"), [
    # apposition and relative clauses between the figure and its verb
    ("One victim, a 31-year-old cook, was pronounced dead at the scene on Lark Street.", {("killed", 1)}),
    ("Five people, including a 9-year-old, were shot outside the Dunmore rink on Friday.", {("injured", 5)}),
    ("Tomas Irvane, who died Sunday after the two men argued, was a barber in Pelton.", {("killed", 1)}),
    # described victims joined by "and" are counted together
    ("A cashier and a customer were shot inside the Penwick gas station.", {("injured", 2)}),
    ("The driver and the passenger were wounded on Route 9 near Ossel.", {("injured", 2)}),
    ("A grandmother and her teenage grandson were found dead in their Ossel home.", {("killed", 2)}),
    # "victims" with a verb that tells the kind
    ("The three victims were hospitalized after the gunfire at the Brackley party.", {("injured", 3)}),
    ("Two victims died at Harlow General after the shooting.", {("killed", 2)}),
    # injuries said without a casualty verb
    ("Four men suffered gunshot wounds in the Calder Park shooting, police said.", {("injured", 4)}),
    ("A teenager is in critical condition after a shooting near the Wexley library.", {("injured", 1)}),
    ("A man with a gunshot wound walked into the Fenmore clinic late Tuesday.", {("injured", 1)}),
    ("A woman was struck by a stray bullet while sitting on her porch in Dunmore.", {("injured", 1)}),
    ("Two men were taken to a hospital after the shooting on Kell Avenue.", {("injured", 2)}),
    # a victim who died later in the same clause is killed, not injured
    ("A man was shot in the chest on Vane Street and died at the scene.", {("killed", 1)}),
    ("A 40-year-old man suffered a gunshot wound to the head and died at Harlow General.", {("killed", 1)}),
    # "N shot, M fatally": the mixed total is no claim, its part is
    ("Several people were shot at the Ossel block party, two fatally.", {("killed", 2)}),
    ("Police found one man dead and another wounded in the Pelton apartment.", {("killed", 1), ("injured", 1)}),
    ("Five people were shot on Marl Street, and one of them was killed.", {("killed", 1)}),
    # a crowd-fire verb is no accident
    ("Three people were wounded when gunfire erupted outside a Brackley nightclub.", {("injured", 3)}),
])
def test_local_crime_news_shapes(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "The two gunmen shot at the house on Kell Avenue before driving off.",
    "The man and his dog ran from the Dunmore park when the shots rang out.",
    "The three most seriously injured patients had surgery overnight.",
    "Police said he shot at the officers before fleeing toward Ossel.",
    "An accidental discharge wounded a hunter near Pelton, the sheriff said.",
])
def test_local_crime_news_non_claims(nlp: Any, text: str) -> None:
    assert figures(nlp, text) == set()


def test_pronoun_victim_who_died(nlp: Any) -> None:
    text = ("Deputies found a man shot in a car on Lark Street on Friday night. "
            "He was taken to Harlow General, where he died early Saturday.")
    assert figures(nlp, text) == {("killed", 1)}


def test_condition_reports_give_way_to_a_stated_total(nlp: Any) -> None:
    text = ("Six people were wounded in a shooting at the Brackley skate park on Sunday. "
            "Two of them remain in critical condition, and the others are in stable condition.")
    assert figures(nlp, text) == {("injured", 6)}


def test_single_shot_victim_who_died_is_no_injury(nlp: Any) -> None:
    text = ("A 22-year-old man was shot outside a Pelton bar late Saturday, police said. "
            "The victim died at Harlow General on Sunday morning.")
    assert figures(nlp, text) == {("killed", 1)}


@pytest.mark.parametrize(("text", "value"), [
    ("Officer Ann Miller and Deputy Mark Evans were shot and killed inside the Pelton courthouse.", 2),
    ("Robert Hayes, 35, Linda Carter, 27, and James Porter, 25, were killed in the Ossel apartment.", 3),
    ("Investigators believe Rusk shot and killed Dana Fenwick and her son, Milo Fenwick.", 2),
    ("When deputies entered the barn, they found Greta Holm dead.", 1),
    ("Tavi Monro, 21, of Dunmore was declared dead at Harlow General.", 1),
])
def test_listed_named_victims(nlp: Any, text: str, value: int) -> None:
    assert figures(nlp, text) == {("killed", value)}


def test_ages_listed_after_aged_are_no_figures(nlp: Any) -> None:
    text = "Officers found three men, aged 19, 22 and 24, and a woman, 30, who had been shot."
    assert all(v not in (22, 24, 30) for _, v in figures(nlp, text))


@pytest.mark.parametrize(("text", "expected"), [
    ("The drive-by shooting on Kell Avenue sent three people to the hospital.", {("injured", 3)}),
    ("Two teenagers are recovering at Harlow General Hospital after the shooting at the Ossel mall.", {("injured", 2)}),
    ("A gunman fired into the parked car on Vane Street, hitting two women.", {("injured", 2)}),
    ("A kitchen fire in Pelton sent two people to the hospital on Monday.", set()),
])
def test_hospital_and_hitting_in_accounts_of_violence(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


def test_state_word_inside_a_victim_phrase(nlp: Any) -> None:
    text = "Officers found one deceased male and a second male with a graze wound in the Ossel garage."
    assert ("killed", 1) in figures(nlp, text)
    assert ("killed", 2) not in figures(nlp, text)


def test_shot_and_wounded_stays_an_injury_beside_another_toll(nlp: Any) -> None:
    text = ("Seven people were shot and wounded outside a Pelton bar on Monday evening. "
            "Elsewhere in the county, nine people have died in shootings this year.")
    assert ("injured", 7) in figures(nlp, text)


def test_victims_need_their_own_verb(nlp: Any) -> None:
    text = "Police named the four victims of the Ossel party shooting that killed two and wounded two others."
    assert ("killed", 4) not in figures(nlp, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Teen killed in overnight shooting on the Ossel east side", {("killed", 1)}),
    ("Young woman wounded by stray bullet in Pelton", {("injured", 1)}),
    ("Two gunmen killed three shoppers at the Brackley market.", {("killed", 3)}),
    ("A man shot his neighbor during an argument on Kell Avenue.", {("injured", 1)}),
    ("A teen shoots a 5-year-old boy in the leg on Kell Avenue.", {("injured", 1)}),  # shot, not killed
    ("A man fatally shoots a clerk at a Pelton gas station.", {("killed", 1)}),
    ("He was taken to Harlow General, where he later succumbed to his injuries.", {("killed", 1)}),
])
def test_headlines_and_active_subjects(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


def test_single_victim_figure_span_holds_the_noun(nlp: Any) -> None:
    c = one(nlp, "A woman was wounded on Lark Street in Ossel.")
    assert c.figure is not None and c.figure.text == "A woman"


@pytest.mark.parametrize(("text", "expected"), [
    ("Deputies say the man killed his wife in their Ossel home on Sunday.", {("killed", 1)}),
    ("Police say he fired a rifle into the air before driving off.", set()),
])
def test_relative_as_object_of_a_casualty_verb(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Police are investigating the fatal shooting of two men on Vane Street.", {("killed", 2)}),
    ("Detectives are looking into the shooting of three people outside the Ossel arena.", {("injured", 3)}),
    ("Four men were shot in a Pelton house on Monday. Two of those men, both in their twenties, died "
     "after the shooting. The two other men are at the hospital in serious condition.",
     {("killed", 2), ("injured", 2)}),
])
def test_shooting_of_and_parts_of_a_total(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("12 civilians killed 20 injured in rocket attacks on Kessra", {("killed", 12), ("injured", 20)}),
    ("A car bomb killed 30 people injured 90 on Monday in Kessra.", {("killed", 30), ("injured", 90)}),
    ("Five people including a child killed seven others injured in shelling on Kessra",
     {("killed", 5), ("injured", 7)}),
])
def test_lost_punctuation_between_tolls(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Police said about 150 guests were at the Pelton party and three of them were shot.", {("injured", 3)}),
    ("A teenager sustained life-threatening injuries when she was shot inside an Ossel apartment.", {("injured", 1)}),
    ("Six people were taken to Harlow General with injuries after the shooting on Marl Street.", {("injured", 6)}),
    ("Officers arrested a 19-year-old after his cousin was shot on Vane Street.", {("injured", 1)}),
])
def test_more_local_news_shapes(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


def test_shooting_of_n_is_a_mixed_total_when_someone_died(nlp: Any) -> None:
    text = ("Police arrested a man in the shooting of six people at an Ossel party. "
            "The shooting killed a 20-year-old woman and injured five other people.")
    assert figures(nlp, text) == {("killed", 1), ("injured", 5)}


def test_headline_victim_needs_an_account_of_violence(nlp: Any) -> None:
    assert figures(nlp, "Woman dies crossing the river near Pelton") == set()


def test_names_without_and_are_no_list(nlp: Any) -> None:
    text = "According to Coroner Steve Miller, Robert Hayes was pronounced dead at Harlow General."
    assert figures(nlp, text) == {("killed", 1)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Both boys were dead when deputies reached the car near Ossel.", {("killed", 2)}),
    ("Both sides were blamed for the dispute in Pelton.", set()),
])
def test_both_counts_two_people(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


def test_infant_age_in_months(nlp: Any) -> None:
    assert figures(nlp, "A 9-month-old was wounded in a shooting in Pelton on Wednesday night.") == {("injured", 1)}


# ------------------------------------------------------------------ US local news, round 2

@pytest.mark.parametrize(("text", "expected"), [
    # a verb "lives" in the next sentence is no death
    ("Deputies said about 150 guests were at the hall and three of them were shot. Ann Marsh lives next door.",
     {("injured", 3)}),
    # the others survived: "shot" beside a death in the same sentence
    ("Two men were pronounced dead, while five others were shot with minor injuries.", {("killed", 2), ("injured", 5)}),
    ("Rolf Denner is accused of killing one man and shooting three others outside the bar.",
     {("killed", 1), ("injured", 3)}),
    ("She was charged with fatally shooting two people at the motel.", {("killed", 2)}),
])
def test_others_shot_beside_a_death(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


def test_shot_total_that_adds_the_dead_and_the_wounded(nlp: Any) -> None:
    text = ("Six people were shot outside the Orbit Club on Sunday. "
            "The gunfire left two people dead and four others wounded, police said.")
    assert figures(nlp, text) == {("killed", 2), ("injured", 4)}


def test_shot_total_kept_when_it_is_not_the_sum(nlp: Any) -> None:
    text = ("A man was killed on Ruston Avenue on Friday. Nobody has been arrested. "
            "In a separate case, five people were shot and two were badly hurt on Pell Street, police said.")
    assert ("injured", 5) in figures(nlp, text)


@pytest.mark.parametrize("text", [
    "A woman who was wounded in Friday's shooting on Dale Road has died.",
    "A teenager who had been hospitalized since the shooting at the park has died, the coroner said.",
])
def test_wounded_victim_who_later_died(nlp: Any, text: str) -> None:
    assert figures(nlp, text) == {("killed", 1)}


@pytest.mark.parametrize("text", [
    "A witness told Radio 7 the man was shot in the parking lot.",
    "Investigators found the six-shot revolver under the seat, but no one was hurt.",
    "The stray round hit the kitchen, injuring one of the family dogs.",
    "He had what appeared to be multiple gun shot wounds, police said.",
])
def test_labels_compounds_animals_and_wounds_are_no_counts(nlp: Any, text: str) -> None:
    assert all(v == 1 for _, v in figures(nlp, text)), figures(nlp, text)
    assert ("injured", 3) not in figures(nlp, text) and ("injured", 7) not in figures(nlp, text)


def test_ages_range_is_not_a_count(nlp: Any) -> None:
    assert figures(nlp, "Four teens – ages 14 to 17 – were shot on Sunday night.") == {("injured", 4)}


def test_police_firing_more_times_is_not_a_count(nlp: Any) -> None:
    text = "Officers then fired three more times, killing the gunman, and a deputy was wounded."
    assert ("injured", 3) not in figures(nlp, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Troopers are searching for a man suspected of killing his wife and their three sons.", {("killed", 4)}),
    ("The sheriff said Orrin Vale shot and killed his father, stepmother, and uncle on Friday night.",
     {("killed", 3)}),
    # the killer who dies by her own hand is one more of the dead (ACLED counts every death of the event)
    ("Police say she shot and killed her two nephews before killing herself.", {("killed", 3)}),
    ("A man accused of fatally shooting his older sister appeared in court on Monday.", {("killed", 1)}),
    ("Police say he fatally shot his girlfriend, Mara Lund, 29, and their 4-year-old daughter at the house.",
     {("killed", 2)}),
    ("A boy is accused of shooting his father and 6-year-old sister as they slept.", {("injured", 2)}),
    ("Deputies say he killed his wife and children.", set()),
])
def test_listed_relatives_after_a_casualty_verb(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("A woman and child were found dead in a motel room near the river.", {("killed", 2)}),
    ("The man and woman were found dead inside the trailer on Hoke Road.", {("killed", 2)}),
    ("Police found his mother and younger brother dead, and his mother and younger brother were dead when "
     "medics came.", {("killed", 2)}),
    ("A reward is offered in the killing of a 15-year-old girl, and daughter of a local pastor, on Monday.",
     {("killed", 1)}),
])
def test_bare_lists_of_victims(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Police arrested a man in the fatal shooting of 19-year-old Tomas Brell on Linden Street.", {("killed", 1)}),
    ("Detectives made an arrest in the fatal shooting of 16-year-old girl in Ossel last month.", {("killed", 1)}),
    ("Police think the shooting that claimed the life of 17-year-old Mara Quill was revenge.", {("killed", 1)}),
    ("He faces two counts of murder for the killing of 9-month-old Eli Varn and 22-year-old Dana Varn.",
     {("killed", 2)}),
    ("Deputies arrested a 20-year-old for murdering a man in Pelton.", {("killed", 1)}),
    ("Three would-be robbers were shot and killed when a homeowner opened fire.", {("killed", 3)}),
    ("Two men were gunned down while sitting in a parked car in Ossel.", {("killed", 2)}),
    ("The rifle went off, hurting a 10-year-old boy.", {("injured", 1)}),
])
def test_victims_named_after_ages_and_other_killing_verbs(nlp: Any, text: str,
                                                          expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


def test_place_names_before_numbers_in_a_list_stay_figures(nlp: Any) -> None:
    text = "The council said 90 bodies were counted in Arvel 40 in Kesh Dun and 12 in Morro."
    assert {("killed", 90), ("killed", 40), ("killed", 12)} <= figures(nlp, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("A third man has died after the shooting outside the Kettle Bar on Friday.", {("killed", 3)}),
    ("Police named a Pelton woman as the fourth person killed in Saturday's shooting at the fair.",
     {("killed", 4)}),
    ("Second victim dies after drive-by shooting in Ossel", {("killed", 2)}),
    ("Lena Fisk was the third teenager killed in 2019.", set()),
    ("A man was shot dead and a second man was wounded on Vane Street.", {("killed", 1), ("injured", 1)}),
])
def test_ordinal_deaths_count_the_dead_so_far(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("A reward is offered in the shooting deaths of a mother and her 5-year-old son in Pelton.", {("killed", 2)}),
    ("A 14-month-old girl and 19-year-old man were both shot in Ossel overnight.", {("injured", 2)}),
    ("Two 17-year-olds were wounded in the shooting near Ossel High.", {("injured", 2)}),
    ("A 15-year-old bank robbery suspect was shot by police as he ran.", {("injured", 1)}),
    ("The caller told KXLT 4 News the man died at the hospital.", {("killed", 1)}),
    ("Deputies found about half a dozen firearms in the trailer where the two men and a woman were found dead.",
     {("killed", 3)}),
    # the noun gives the kind, even to 'victims' and to a figure that refers back
    ("Detectives are investigating the deaths of four victims found in a barn.", {("killed", 4)}),
    ("It is unclear who is responsible for the deaths of the six shooting victims.", {("killed", 6)}),
    ("Volunteers saved the lives of the two children.", set()),
    ("Volunteers saved the lives of two children.", set()),
    ("The shooting claimed the lives of two children.", {("killed", 2)}),
])
def test_more_victim_phrases(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("A man is dead and a 7-year-old girl suffered minor injuries after both were shot on Kell Street.",
     {("killed", 1), ("injured", 1)}),
    ("She was one of four teens between the ages of 14 and 17 hospitalized after the shooting.", set()),
    ("A man in his early 30's was shot in the arm on Dove Street.", {("injured", 1)}),
    ("A half-dozen people were shot overnight inside a club in Pelton.", {("injured", 6)}),
    ("Three people were killed in Ossel. All three of the victims were taken to different hospitals.",
     {("killed", 3)}),
    ("Two people died in the shooting. The two other men are at the hospital in serious condition.",
     {("killed", 2), ("injured", 2)}),
])
def test_survivors_ages_and_restated_victims(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Two 15-year-olds were taken to Mercy after being shot near the park.", {("injured", 2)}),
    ("Police are looking for a man who shot three others, including one who died, in a Pelton apartment.",
     {("killed", 1)}),
    ("The drive-by shooting left two 22-year-old Ossel men dead.", {("killed", 2)}),
    ("19-year-old Corin Vale of Pelton was pronounced dead at the scene.", {("killed", 1)}),
    ("Deputies told 9 Action News the man died at the hospital.", {("killed", 1)}),
    ("The deaths came weeks after 3-year-old Ada Moss, 10-year-old Ben Tull and 13-year-old Cal Rye were killed.",
     {("killed", 3)}),
])
def test_ages_names_and_station_names(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "agg"), [
    ("Three people were killed and five others were hurt in four separate shootings across Pelton on Sunday.", True),
    ("Police said six people were wounded in shootings citywide over the holiday weekend.", True),
    ("Two men were shot in a shooting on Elm Street in Pelton.", False),
])
def test_round_ups_of_several_shootings_are_aggregates(nlp: Any, text: str, agg: bool) -> None:
    claims = claims_of(nlp, text)
    assert claims and all(c.aggregate is agg for c in claims)


@pytest.mark.parametrize(("text", "expected"), [
    ("Officials set up a toll-free number for families at 800-555-0199.", set()),
    ("Two men were shot near the store; call 555-010-4567 with tips.", {("injured", 2)}),
    ("Between 10-15 people were killed in the attack on Kessra.", {("killed", 10), ("killed", 15)}),
    ("A 9 yo boy was shot in the leg on Vane Street.", {("injured", 1)}),
])
def test_phone_numbers_toll_free_and_short_ages(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


def test_yearly_totals_are_aggregates(nlp: Any) -> None:
    claims = claims_of(nlp, "Drunk drivers kill hundreds of people every year in the state.")
    assert claims and all(c.aggregate for c in claims)


@pytest.mark.parametrize(("text", "expected"), [
    ("Gunmen fired into the car. Ann Corby remains in serious but stable condition at Mercy.", {("injured", 1)}),
    ("One man is dead and another man was taken to an area hospital after the shooting on Vane Street.",
     {("killed", 1), ("injured", 1)}),
    ("A 15-year-old boy was killed in the shooting, while his aunt was also shot.",
     {("killed", 1), ("injured", 1)}),
    ("A teen was killed on Dove Street. The 16-year-old was hospitalized in stable condition.",
     {("killed", 1), ("injured", 1)}),
])
def test_survivors_named_or_described_beside_a_death(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


def test_victim_referred_back_after_an_accident_stays_excluded(nlp: Any) -> None:
    text = ("A woman was shot at a diner in Pelton when a man accidentally dropped his pistol, police said. "
            "When the pistol went off and the 48-year-old woman was shot, the man ran away. "
            "The woman suffered a wound that is not life-threatening.")
    assert figures(nlp, text) == set()
    assert accident_records(nlp, text) == {("injured", 1)}


@pytest.mark.parametrize(("text", "expected"), [
    ("A man was accidentally shot near Pelton on Sunday, the sheriff said.", {("injured", 1)}),
    ("A 12-year-old boy was injured when a rifle accidentally discharged at a home in Pelton.", {("injured", 1)}),
    ("A man died after his shotgun went off by accident in the woods near Ossel.", {("killed", 1)}),
    ("Teenager killed in hunting accident near Ossel", {("killed", 1)}),
    # who accidentally shot himself is the victim of his own accident; who shot himself is no record
    ("A 4-year-old boy accidentally shot himself in the hand overnight in Ossel.", {("injured", 1)}),
    ("A man shot himself in Ossel on Friday, police said.", set()),
    # headlines: a child who shoots himself did not mean to; a man who shoots himself is no record
    ("Toddler shoots self in hand in Ossel", {("injured", 1)}),
    ("4-year-old boy fatally shoots himself with gun found in Ossel home", {("killed", 1)}),
    ("Man accidentally shoots himself in Ossel parking lot", {("injured", 1)}),
    ("Man shoots himself after standoff with Ossel police", set()),
    ("A man shot himself in what was not accidental, Ossel police said.", set()),
    # an accident that is no shooting leaves no record
    ("Two people died when their car hit a tree near Marvell in an accident.", set()),
    ("Three workers were injured in an accidental explosion at the Dunmore plant.", set()),
    # a shooting said not to be an accident is violence
    ("A man was killed in a shooting that was no accident, police said.", set()),
])
def test_unintentional_shootings_are_kept_as_accident_records(nlp: Any, text: str,
                                                              expected: set[tuple[str, int]]) -> None:
    found = [c for c in claims_of(nlp, text) if c.accident]
    assert {(c.kind, c.value) for c in found} == expected
    assert all(c.event_type == "accident" and c.sub_event_type is None for c in found)
    assert not figures(nlp, text) & expected


def test_a_crash_in_the_lead_does_not_hide_a_shooting_victim(nlp: Any) -> None:
    text = ("A gunman opened fire on a car after a crash on Route 9 in Ossel, police said. "
            "The 8-year-old girl was shot and killed in the back seat.")
    assert figures(nlp, text) == {("killed", 1)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Three people are recovering after a shooting outside a bar on Lark Avenue.", {("injured", 3)}),
    ("An 11-year-old boy survived being shot by a stray bullet in Dunmore.", {("injured", 1)}),
    ("A weekend shooting in Marlow takes two lives.", {("killed", 2)}),
    ("Deputies took two men to the county jail after the fight.", set()),
    ("The man is recovering after knee surgery.", set()),
])
def test_recovering_surviving_and_lives_taken(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a victim told of only by a pronoun counts when the account tells of no death
    ("Gunfire broke out on Pine Street late Friday. Police said she was shot in the arm.", {("injured", 1)}),
    # beside a death the pronoun is mostly the dead victim, shot before he died
    ("Gunfire broke out on Pine Street late Friday. Police said he was shot in the chest. The coroner "
     "said the victim died at the scene.", {("killed", 1)}),
    ("Witnesses said he shot at the car twice.", set()),
    ("A driver said two men were shot at, but neither was hit.", set()),
])
def test_pronoun_victims_of_a_shooting(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a wound to a limb beside a death is a survivor's, not the dead victim shot before dying
    ("A woman was killed in the shooting on Brook Lane. The boy's father, 31-year-old Lev Adler, was shot "
     "in the leg.", {("killed", 1), ("injured", 1)}),
    ("A woman was killed in the shooting on Brook Lane. The woman was shot in the chest.", {("killed", 1)}),
])
def test_a_wound_to_a_limb_beside_a_death_is_a_survivor(nlp: Any, text: str,
                                                        expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "agg"), [
    ("A gunfight left a bouncer dead and two people hurt on Rue Street last year.", False),
    ("At least 30 people were killed in shootings across Delmont last year.", True),
    ("A boy accused in the fatal shooting of his friend earlier this year was in court on Friday.", False),
])
def test_one_shooting_dated_last_year_is_no_aggregate(nlp: Any, text: str, agg: bool) -> None:
    claims = claims_of(nlp, text)
    assert claims and all(c.aggregate is agg for c in claims)


@pytest.mark.parametrize(("text", "expected"), [
    ("One of the three people shot and killed at the Elm Street mall was a nurse.", {("killed", 3)}),
    ("One of the four people shot on Sunday remains in critical condition.", {("injured", 4)}),
    # the wounded total holds the one who died: a mixed total, no figure
    ("One of the five people wounded in the attack has died.", set()),
])
def test_one_of_the_n_people_shot_gives_the_total(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Neighbors on Cole Street said only one shot was fired.", set()),
    ("The clerk fired one shot into the ceiling of the store.", set()),
    ("One shot in Marlow overnight, police say.", {("injured", 1)}),
    ("The victims, all men ages 19 through 43, were hurt in the shooting.", set()),
])
def test_shots_fired_and_age_ranges_are_no_victims(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


def test_a_victim_referred_back_to_by_the_surname_alone(nlp: Any) -> None:
    text = ("Officers found Tom Lackard, 25, on the porch of a home on Vine Street with gunshot wounds. "
            "Lackard was pronounced dead at 11:26 p.m.")
    assert figures(nlp, text) == {("killed", 1)}


@pytest.mark.parametrize(("text", "agg"), [
    ("Six people, two of them teenagers, were wounded in Westfield shootings on Sunday.", True),
    ("Police are looking into a series of shootings that left three men dead in Ardmore.", True),
    ("Three students were killed in the shootings at the college on Thursday.", False),
])
def test_tolls_of_several_shootings_are_aggregates(nlp: Any, text: str, agg: bool) -> None:
    claims = claims_of(nlp, text)
    assert claims and all(c.aggregate is agg for c in claims)


@pytest.mark.parametrize(("text", "expected"), [
    ("Eli Moss, 15, was killed in the shooting, while Moss's mother, 40-year-old June Watts, was also shot.",
     {("killed", 1), ("injured", 1)}),
    ("A teen died on Friday. A 19-year-old woman was also hit during the shooting but is expected to recover.",
     {("killed", 1), ("injured", 1)}),
    ("One man died. Three other victims showed up at the hospital with gunshot wounds.",
     {("killed", 1), ("injured", 3)}),
    ("A parked car was hit in the crossfire on Dean Street.", set()),
    ("Two men walked into the store with handguns.", set()),
])
def test_survivors_hit_also_shot_or_arriving_at_a_hospital(nlp: Any, text: str,
                                                           expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


def test_a_larger_count_at_the_hospital_is_the_total_when_nobody_died(nlp: Any) -> None:
    text = ("A girl, 8, was shot in the left leg on Rowe Street. "
            "All three victims were taken to the hospital and are in stable condition.")
    assert ("injured", 3) in figures(nlp, text)


def test_an_age_straight_after_the_people_it_describes(nlp: Any) -> None:
    text = "Four men were wounded — one 29, another 52, two others 37 — in the shooting."
    assert figures(nlp, text) == {("injured", 4)}


def test_a_recovering_victim_beside_a_death_survived(nlp: Any) -> None:
    text = ("A 22-year-old man was shot and killed at the Oak Plaza on Jan. 31, and a 47-year-old man is "
            "recovering after being shot on Friday.")
    assert figures(nlp, text) == {("killed", 1), ("injured", 1)}


@pytest.mark.parametrize(("text", "expected"), [
    ("A boy was one of the people hit by bullets; an adult is dead.", {("killed", 1)}),
    ("The 15-year-old girl shot and killed in Fairview on Tuesday night has been identified.", {("killed", 1)}),
    ("Tom Marsh is now recovering from bullet wounds to his leg.", {("injured", 1)}),
])
def test_adults_described_victims_shot_and_killed_and_recovering_names(nlp: Any, text: str,
                                                                       expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("One of the four was pronounced dead at the scene on Bell Road.", {("killed", 1)}),
    ("Two of the five victims died at Mercy Hospital.", {("killed", 2)}),
])
def test_one_of_the_n_takes_the_verb(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the killer who dies by his own hand is listed with his victims
    ("A Dunmore man killed his two sons on Friday morning before fatally shooting himself.", {("killed", 3)}),
    ("Police say a woman killed her daughter and two grandchildren before turning the gun on herself.",
     {("killed", 4)}),
    # shot victims may have lived: no total of the dead
    ("A gunman shot four strangers on the bridge before killing himself.", set()),
])
def test_a_killer_who_kills_himself_is_listed_with_the_dead(nlp: Any, text: str,
                                                            expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the victim's death told in a clause coordinated with, or after a relative clause on, its subject
    ("Deputies said Ned Farrow, 16, was in the back seat and died after being shot twice.", {("killed", 1)}),
    ("A Millbrook teen who was caught in the crossfire outside a diner has died, police said.", {("killed", 1)}),
    ("Police said Ron Blake, 53, of Fairview, suffered a gunshot wound to the head, was taken to a hospital and "
     "was later pronounced deceased.", {("killed", 1)}),
    # an age used as a noun before the casualty words
    ("Relatives of a 19-year-old shot and killed by a deputy have hired a lawyer.", {("killed", 1)}),
    # the subject is only a witness of another death
    ("A woman was at the counter when a customer died.", {("killed", 1)}),
])
def test_a_single_victims_later_death_in_the_same_sentence(nlp: Any, text: str,
                                                           expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the casualty word opens the sentence; the victims listed after "was"/"were" count together
    ("Injured in the gunfire were a 9-year-old girl and a 40-year-old woman, deputies said.", {("injured", 2)}),
    ("Killed in Saturday's attack on the farm were two teenagers and their uncle.", {("killed", 3)}),
    ("Also wounded was a 20-year-old.", {("injured", 1)}),
    # an adjective, not an inversion: no victims listed
    ("Wounded officers were taken to the hospital in Corley.", set()),
])
def test_victims_listed_after_an_opening_casualty_word(nlp: Any, text: str,
                                                       expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # victims joined by "and" before one casualty word are listed victims, counted together
    ("Two boys and an adult male were found dead in the apartment on Vine Street.", {("killed", 3)}),
    ("Deputies said a woman and her two daughters were shot and killed.", {("killed", 3)}),
    ("A Halden man and his two young sons found dead last week in a truck were all shot, officials say.",
     {("killed", 3)}),
    # two counted groups keep their own figures (GUIDELINES: subgroups with a number)
    ("Four soldiers and two civilians were killed in the ambush near Kessra.", {("killed", 4), ("killed", 2)}),
])
def test_coordinated_victims_of_one_verb_count_together(nlp: Any, text: str,
                                                        expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an adverb before the verb leaves it active: the subject fired, the object died
    ("Police said the man fatally shot his wife and then killed himself.", {("killed", 2)}),
    ("Officers said a Dalby man fatally shot his neighbor on Sunday.", {("killed", 1)}),
    # a murder-suicide: the shot victim and the killer are dead
    ("A Corley man shot a 9-year-old boy and then himself in a murder-suicide on Tuesday.", {("killed", 2)}),
    # without it, the victim shot may have lived and the shooter's fate is not told
    ("Deputies say a Corley student shot his girlfriend and then himself.", {("injured", 1)}),
])
def test_killer_and_victims_of_a_murder_suicide(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a death told first, then another person's condition: two victims
    ("A 6-year-old girl has died and her father is listed in critical condition after they were shot outside "
     "a house on Lark Street.", {("killed", 1), ("injured", 1)}),
    # the wound and the death of one victim
    ("A man with a gunshot wound was pronounced dead at the scene on Lark Street.", {("killed", 1)}),
])
def test_a_survivors_condition_after_another_victims_death(nlp: Any, text: str,
                                                          expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "yr old" is an age, not a count of victims
    ("Police say a 3 yr old was injured by a stray bullet on Birch Street.", {("injured", 1)}),
    ("A 5-yr-old boy was shot on Birch Street.", {("injured", 1)}),
])
def test_abbreviated_ages(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # one described victim and a count joined before one verb: listed victims, no total given
    ("A woman and two other men were also wounded; they were taken to Mercy Hospital.", {("injured", 3)}),
    # a pronoun is no listed victim, a vague count is no exact total
    ("A man and several others were wounded on Birch Street.", {("injured", 3)}),
])
def test_a_victim_and_a_count_listed_together(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # relatives, members, agents and owners are described victims like "a man"
    ("A teenage family member died of a gunshot wound, deputies said.", {("killed", 1)}),
    ("A Dalby man was charged in a shooting that injured a special agent on Monday.", {("injured", 1)}),
    ("The store owner was shot and killed during a robbery on Birch Street.", {("killed", 1)}),
    # no casualty word for the family member
    ("A family member said the victim loved football.", set()),
])
def test_more_described_victims(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a list of victims that only reaches its casualty words as a whole
    ("A drive-by shooting outside a corner store sent four women and one man to the hospital.", {("injured", 5)}),
    ("Officers found three adults and a 17-year-old suffering from apparent gunshot wounds.", {("injured", 4)}),
    # no casualty words for the list
    ("Police arrested two men and a woman after the shooting on Birch Street.", set()),
])
def test_a_listed_group_reaching_its_casualty_words(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a named victim taken to a hospital with a wound survived so far
    ("Maria Delgado, 35, was transported to Mercy Hospital with a gunshot wound to her leg.", {("injured", 1)}),
    # taken to a hospital, no wound told: no figure
    ("Maria Delgado, 35, was transported to Mercy Hospital.", set()),
])
def test_a_named_victim_taken_to_hospital_with_a_wound(nlp: Any, text: str,
                                                      expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an age after a name without its closing comma is no count
    ("Deputies said that Jessica Moore, 66 and Daniel Moore, 64 were found dead inside a home on Birch Court.",
     {("killed", 2)}),
])
def test_ages_after_names_without_closing_commas(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a relative named in an apposition is the second listed victim, not a third
    ("Police said 43-year-old Jessica Moore and her son, 17-year-old Daniel Moore, were found dead in their home.",
     {("killed", 2)}),
    ("Police said Jessica Moore and her son, Daniel Moore, were found dead in their home.", {("killed", 2)}),
])
def test_a_named_victim_and_a_relative_named_in_apposition(nlp: Any, text: str,
                                                           expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "agg"), [
    # "drive-by" is no "by ... shootings" toll; "in drive-by shootings" still is
    ("The mayor spoke of the problem of drive-by shootings after a boy was killed in Dover on Sunday.", False),
    ("Three people were killed in drive-by shootings across Dover this weekend.", True),
])
def test_drive_by_is_no_toll_of_shootings(nlp: Any, text: str, agg: bool) -> None:
    c = one(nlp, text, "killed")
    assert c.aggregate is agg


@pytest.mark.parametrize(("text", "expected"), [
    # victims referred back to, taken to a hospital where they died
    ("Both men were transported to Mercy General Hospital, where they were later pronounced dead.", {("killed", 2)}),
    # taken to a hospital, nothing more: no figure for victims counted elsewhere
    ("The two victims were taken to Mercy Hospital.", set()),
])
def test_definite_victims_who_died_at_the_hospital(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "fatally wounded" before its victims is a death, like "fatally shot"
    ("Police said the teen shot and fatally wounded four classmates in the cafeteria.", {("killed", 4)}),
    ("He shot and mortally wounded a deputy on Route 9.", {("killed", 1)}),
])
def test_fatally_wounded_before_the_victims(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a later death with its own subject is not the whole group's
    ("A man and a woman were shot on Elm Street, and the man died.", {("killed", 1)}),
    ("Two men were shot on Elm Street and later died.", {("killed", 2)}),
])
def test_a_later_death_with_its_own_subject(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a relative named after "left his": the victim left dead
    ("A man was arrested in the shooting that left his brother Daniel Moore, 22, dead and seven others wounded.",
     {("killed", 1), ("injured", 7)}),
    # "took the life of a ..." names a person whatever the noun
    ("The drive-by shooting took the life of a 15-year-old basketball star and left three others wounded.",
     {("killed", 1), ("injured", 3)}),
])
def test_relatives_left_dead_and_lives_taken(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "taken to a hospital but died"
    ("Police said he was shot on Elm Street. He was taken to an area hospital but died from his injuries.",
     {("killed", 1)}),
    # an apposition that names the victim, then gives an age and a home town
    ("One person, later identified as Jessica Moore, 25, of Tyler, was pronounced dead at the scene; three others "
     "were injured.", {("killed", 1), ("injured", 3)}),
    # a named victim found shot
    ("When officers arrived, they found 20-year-old Daniel Moore of Flagstaff shot to death.", {("killed", 1)}),
    ("Officers found Daniel Moore shot in the leg behind a store on Elm Street.", {("injured", 1)}),
])
def test_victims_found_shot_and_dying_later(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "one of N ..." whose own verb comes after a long participle phrase
    ("One of four women wounded in a late night shooting in Dover has died.", {("killed", 1)}),
    ("One of four men arrested after the shooting in Dover has been released.", set()),
])
def test_one_of_n_with_a_far_verb(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a relative opening a sentence, "also shot" beside a death: one more victim
    ("A man was killed in a shooting on Elm Street. His brother was also shot and is expected to survive.",
     {("killed", 1), ("injured", 1)}),
    # an apposition "also 15 years old"
    ("A teenager is dead after a shooting in Dover on Friday. A second teen, also 15 years old, was shot in the "
     "foot and was treated at an area hospital.", {("killed", 1), ("injured", 1)}),
])
def test_another_victim_beside_a_death(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected



def test_shot_total_beside_a_death_in_the_lead(nlp: Any) -> None:
    # a shot total beside a death in the same lead is a mixed total: only its death is a claim
    assert figures(nlp, "Police are investigating after four people were shot at a party in Dover on Saturday. "
                        "Officers found two men who had been shot. One man was taken to Dover General Hospital, "
                        "where he was pronounced dead.") == {("killed", 1)}
    # nobody shot is reported dead: "shot" alone is injured
    assert figures(nlp, "Police are investigating after four people were shot at a party in Dover on Saturday. "
                        "All of them are expected to survive.") == {("injured", 4)}
    # a death told far from the shot total of an older incident leaves that total alone
    assert figures(nlp, "A man died after a shooting at a bar in Dover early Sunday, police said. Officers closed "
                        "the street for several hours. Detectives spoke with witnesses. No arrests were made. The "
                        "bar had been closed for a week last spring. The city's last mass shooting was in March, "
                        "when five people were shot at a birthday party.") == {("killed", 1), ("injured", 5)}


def test_comma_list_of_victims_is_summed(nlp: Any) -> None:
    assert figures(nlp, "Police said a 16-year-old girl, two women and a man were shot near the park.") == {
        ("injured", 4)}
    assert figures(nlp, "A teenage boy, a woman and two men were wounded in the shooting in Dover.") == {
        ("injured", 4)}
    assert figures(nlp, "Two men, a woman and a boy were shot on Elm Street on Sunday night.") == {("injured", 4)}
    # an apposition that restates a total is not added to it
    assert figures(nlp, "Three victims, two women and a man, were shot near the park in Dover.") == {("injured", 3)}


def test_shared_age_after_both_is_no_figure(nlp: Any) -> None:
    assert figures(nlp, "Two women - both 19 - were also shot in the attack on Elm Street.") == {("injured", 2)}


def test_tolls_of_other_incidents_are_aggregates(nlp: Any) -> None:
    for text in ("Four other overnight incidents left eight people wounded, police said.",
                 "Six other people were wounded in attacks from Monday to early Tuesday in Dover, police said."):
        cs = claims_of(nlp, text)
        assert cs and all(c.aggregate for c in cs), text


def test_fighting_for_life_beside_the_dead_is_injured(nlp: Any) -> None:
    assert figures(nlp, "Four people are dead and another is fighting for her life at a hospital after an "
                        "overnight shooting in Dover.") == {("killed", 4), ("injured", 1)}
    assert figures(nlp, "A boy was clinging to life after the shooting on Elm Street.") == {("injured", 1)}
    assert figures(nlp, "The family of the victim is fighting for justice after the shooting.") == set()


def test_age_written_y_slash_o_is_no_figure(nlp: Any) -> None:
    assert ("killed", 43) not in figures(nlp, "Police said a 25 y/o man, a 29 y/o man and 43 y/o man were killed.")


def test_tolls_over_a_span_of_days_are_aggregates(nlp: Any) -> None:
    cs = claims_of(nlp, "Seventeen people were shot and killed in Dover from Friday evening to Monday morning.")
    assert [(c.kind, c.value, c.aggregate) for c in cs] == [("killed", 17, True)]
    cs = claims_of(nlp, "At least 30 other people were shot in Dover between 4 p.m. Friday and 2 a.m. Monday.")
    assert all(c.aggregate for c in cs)
    assert figures(nlp, "A man was shot on Friday and died of his wounds on Monday.") == {("killed", 1)}


def test_single_victim_shot_in_an_account_of_a_deadly_accident(nlp: Any) -> None:
    # the lead tells of a death by an accidental shooting: the boy shot is that accident's dead victim
    assert figures(nlp, "A three-year-old boy has died after he accidentally shot himself in the head at his "
                        "family's home in Dover, deputies said. The boy was shot in the head in an upstairs "
                        "bedroom.") == set()
    assert accident_records(nlp, "A three-year-old boy has died after he accidentally shot himself in the head at "
                                 "his family's home in Dover, deputies said. The boy was shot in the head in an "
                                 "upstairs bedroom.") == {("killed", 1)}
    # a shooting said not to be accidental is no accident: its dead and its survivor are claims
    assert figures(nlp, "A woman died in a shooting in Dover on Friday that police said was not accidental. Her "
                        "husband was shot in the arm and is expected to survive.") == {("killed", 1), ("injured", 1)}
    assert figures(nlp, "A man was killed in a shooting that was no accident, police said.") == {("killed", 1)}


def test_single_injured_victims_of_several_clauses_are_summed(nlp: Any) -> None:
    assert figures(nlp, "A 41-year-old man was shot in the elbow, and a 42-year-old man was shot in the hand, "
                        "police said.") == {("injured", 2)}
    assert figures(nlp, "A 37-year-old woman was shot in the back; a 39-year-old woman was shot in the leg; and "
                        "a 15-year-old girl was shot in the arm, police said.") == {("injured", 3)}
    # one victim referred back to is no second victim
    assert figures(nlp, "A man was shot in the leg on Elm Street, and the man was taken to a hospital.") == {
        ("injured", 1)}
    # victims of separate incidents are not added up
    assert ("injured", 2) not in figures(
        nlp, "In separate shootings, a man was wounded on Elm Street and a woman was wounded on Oak Street.")


def test_others_beside_one_injured_victim_are_counted_together(nlp: Any) -> None:
    assert ("injured", 4) in figures(nlp, "A man was seriously hurt after he was shot in the back on Thursday "
                                          "night. Three other people with gunshot wounds walked into Dover "
                                          "General Hospital.")
    # beside a death, the others are the injured besides the dead
    assert figures(nlp, "A man was killed on Elm Street. Two other people were wounded.") == {
        ("killed", 1), ("injured", 2)}


def test_bodies_of_a_list_with_determiners_and_a_count(nlp: Any) -> None:
    assert figures(nlp, "Deputies discovered the bodies of a man, a woman and two children in a house in Dover.") == {
        ("killed", 4)}
    # "others" is no listed victim of its own
    assert ("killed", 4) not in figures(nlp, "Police are trying to find who fatally shot a man and three others at "
                                             "a bar in Dover early Sunday.")


def test_relatives_listed_with_semicolons_and_a_named_possessor(nlp: Any) -> None:
    assert figures(nlp, "The 34-year-old guard had killed his 7-year-old daughter, Kayla Roe; his 31-year-old "
                        "girlfriend, Ann Hale; and Hale's mother, Vera Wade, 62.") == {("killed", 3)}


def test_group_of_a_single_victim_stops_at_its_casualty_word(nlp: Any) -> None:
    assert [c.group for c in claims_of(nlp, "One victim was deceased when officers arrived at the house.")] == [
        "unknown"]
    assert [c.group for c in claims_of(nlp, "A police officer was killed in the shooting in Dover.")] == [
        "security_forces"]


def test_counts_joined_to_the_object_of_a_casualty_verb(nlp: Any) -> None:
    assert figures(nlp, "The man fired into a crowd on Elm Street, hitting four teenagers and two adults, "
                        "prosecutors say.") == {("injured", 6)}
    assert figures(nlp, "The gunman shot four teenagers and a man outside the store in Dover.") == {("injured", 5)}
    # the unborn are left out of casualty counts
    assert figures(nlp, "The gunman killed five adults and an unborn child at a cookout in Dover.") == {
        ("killed", 5)}


def test_age_closing_a_name_before_all_died_is_no_figure(nlp: Any) -> None:
    assert ("killed", 31) not in figures(nlp, "Ivo Marks, 30; Dan Burr, 21; and Jerry Cole, 31 all died of gunshot "
                                              "wounds, the coroner said.")


def test_a_running_total_of_a_county_or_a_week_is_an_aggregate(nlp: Any) -> None:
    cs = claims_of(nlp, "The deaths were ruled homicides, a number that pushed the county's total to 34 in 2016.")
    assert cs and all(c.aggregate for c in cs)
    cs = claims_of(nlp, "Sunday's attacks brought to at least 74 the number of people shot since Wednesday in "
                        "Dover, with 12 of those victims killed.")
    assert cs and all(c.aggregate for c in cs)
    # one incident's toll brought up by a later death stays the incident's
    assert [(c.value, c.aggregate) for c in claims_of(nlp, "The shooting brought the death toll to three.")] == [
        (3, False)]


def test_number_word_inside_a_name_and_crime_statistics(nlp: Any) -> None:
    assert figures(nlp, "The attack was in retaliation for a previous murder of an Eight Trey Crip by a rival "
                        "gunman.") == set()
    assert figures(nlp, "A Dozen Killed In Shooting") == {("killed", 12)}
    cs = claims_of(nlp, "Crime stats for 2015 in the city of Dover show 165 people were murdered.")
    assert cs and all(c.aggregate for c in cs)


def test_ages_after_younger_than_and_in_pairs(nlp: Any) -> None:
    assert ("injured", 12) not in figures(nlp, "Around 7 p.m., a boy younger than 12 was shot off Elm Drive.")
    assert figures(nlp, "Another attack wounded two men, 19 and 20, who were shot on West 15th Street.") == {
        ("injured", 2)}


def test_tolls_from_one_day_to_another_and_over_days_are_aggregates(nlp: Any) -> None:
    for text in ("In a little more than 48 hours, from 3:50 p.m. Friday to 5:29 p.m. Sunday, at least 18 people "
                 "were wounded in Dover.",
                 "Ten people were wounded in Dover over seven days."):
        cs = claims_of(nlp, text)
        assert cs and all(c.aggregate for c in cs), text


def test_search_warrants_and_nationwide_tolls(nlp: Any) -> None:
    assert figures(nlp, "Smith said investigators had executed 44 search warrants in Tyler and Longview.") == set()
    cs = claims_of(nlp, "Figures showed that 19 officers had been slain nationwide in July.")
    assert cs and all(c.aggregate for c in cs)
    # a hospital's name is no nationwide toll
    cs = claims_of(nlp, "A 12-year-old girl died of a gunshot wound at Nationwide Children's Hospital.")
    assert [(c.value, c.aggregate) for c in cs] == [(1, False)]


def test_one_as_a_pronoun_is_no_victim_count(nlp: Any) -> None:
    assert figures(nlp, "\"This one hurt, a lot,\" the chief said of the shooting.") == set()
    assert figures(nlp, "\"Any time one of our students is hurt it has a huge impact on the school,\" she said.") \
        == set()
    assert figures(nlp, "The coroner confirmed that one person has died in the shooting.") == {("killed", 1)}


def test_named_victim_with_age_and_home_town_before_the_verb(nlp: Any) -> None:
    assert figures(nlp, "According to deputies, Dan Sochor, 16, of Milltown, died Wednesday after being shot in the "
                        "head Monday.") == {("killed", 1)}
    assert figures(nlp, "Ann Roe, 34, of Dover, said she heard the shots from her kitchen.") == set()


def test_a_toll_of_those_shootings_is_an_aggregate(nlp: Any) -> None:
    cs = claims_of(nlp, "More than 3,290 people have been injured in those shootings, the report said.")
    assert cs and all(c.aggregate for c in cs)


def test_a_death_in_a_criminal_charge_is_a_killing(nlp: Any) -> None:
    assert figures(nlp, "Two brothers were charged Monday with murder in the June 3 death of Lena Ortiz.") \
        == {("killed", 1)}
    assert figures(nlp, "Detectives said they had no other suspects in the death of Omar Haddad.") == {("killed", 1)}
    # a death told without a charge or a killing is no figure claim
    assert figures(nlp, "The town mourned the death of Omar Haddad, its longtime mayor.") == set()


def test_taken_to_a_long_hyphenated_hospital_name_where_they_died(nlp: Any) -> None:
    assert figures(nlp, "Both men were rushed to Marlow-Finch County Memorial Medical Center, where they were later "
                        "pronounced dead.") == {("killed", 2)}


def test_an_inverted_count_of_any_plural_noun(nlp: Any) -> None:
    assert figures(nlp, "Also wounded were three patrons, deputies said.") == {("injured", 3)}
    assert figures(nlp, "Also wounded were three diners: a Dover man, 50; a Salem woman, 45; and a boy, 9.") \
        == {("injured", 3)}


def test_an_ordinal_one_past_a_count_adds_one_victim(nlp: Any) -> None:
    assert figures(nlp, "Three men were wounded by gunfire and a fourth was cut by flying glass, officers said.") \
        == {("injured", 4)}
    assert figures(nlp, "Two teenagers were killed outside the arcade and a third died later at Mercy Hospital.") \
        == {("killed", 3)}
    # a fourth who died is no wounded one
    assert ("injured", 4) not in figures(nlp, "Three men were wounded and a fourth was found dead in the truck.")


def test_an_ordinal_one_past_a_shot_count_beside_as_many_dead(nlp: Any) -> None:
    text = ("A gunman killed four people at a council meeting in Rendale on Tuesday. Four people were shot in the "
            "meeting room and a fifth was shot trying to flee, police said.")
    assert ("injured", 5) not in figures(nlp, text)


def test_treated_and_released_is_an_injury_in_an_account_of_violence(nlp: Any) -> None:
    assert figures(nlp, "Shots rang out near the depot. A 19-year-old man was treated and released from Dover "
                        "General Hospital.") == {("injured", 1)}
    assert figures(nlp, "Shots rang out near the depot. Two other men were treated and released from a hospital.") \
        == {("injured", 2)}


def test_a_dropped_pronoun_victim_leaves_a_recovering_victim(nlp: Any) -> None:
    # ("she had been shot" beside a death word is dropped; it must not count as the injured total
    # that makes the recovering girl a part of it)
    text = ("A 9-year-old girl is recovering from a gunshot wound. Her uncle said the child didn't realize she "
            "had been shot. A funeral for an unrelated victim is planned for Friday.")
    assert figures(nlp, text) == {("injured", 1)}


def test_a_partition_of_the_victims_tells_their_number(nlp: Any) -> None:
    assert figures(nlp, "Of the six people shot, two had serious wounds.") == {("injured", 6)}
    assert figures(nlp, "Deputies said that of the three men killed, two were cousins.") == {("killed", 3)}


def test_a_list_of_ages_between_a_count_and_its_verb(nlp: Any) -> None:
    assert figures(nlp, "Four women, ages 31, 40, and 52, were wounded.") == {("injured", 4)}
    assert figures(nlp, "Three men, ages 19, 23 and 30, were hurt.") == {("injured", 3)}


@pytest.mark.parametrize(("text", "expected"), [
    # a headline drops the article; an age may lead or follow the victim
    ("Girl, 10, shot in face during argument in Dunmore", {("injured", 1)}),
    ("3-year-old Ossel girl shot in abdomen", {("injured", 1)}),
    ("16-year-old killed in Dover shooting", {("killed", 1)}),
    ("Girl, 10, was among the guests at the Dunmore fair.", set()),
    ("3-year-old Dover girl wins spelling bee", set()),
])
def test_headline_victims_with_ages(nlp: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert figures(nlp, text) == expected
