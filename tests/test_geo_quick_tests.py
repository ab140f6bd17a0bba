"""Quick tests that spare the resolve stage's context patterns most places must give the same
answers as the patterns alone: they only skip a pattern where it cannot match."""

from __future__ import annotations

import itertools

import pytest

from reportedly import resolve as R
from reportedly.model import Claim, Evidence, Place, Span

# hand-written words before a place (all invented), and words after it
BEFORE = [
    "Gunmen positioned in ", "Rockets were fired from ", "Rockets were fired from the ", "They fled to the village of ",
    "fighters holed up in the neighbourhood of ", "fighters HOLED UP IN THE NEIGHBORHOOD OF ",
    "The defence ministry in ", "The ministry based in ", "Officials in ", "The court in the city of ",
    "A bomb went off outside the court in ", "Diplomats in\n", "the embassy in  the  ", "The embassy, in ",
    "Le ministère in ", "troops stationed in the área of ", "Residents of the town of ", "Shelling hit ",
    "A correspondent based in the district of ", "from their positions in ", "positioned_in ", "ministry-in ",
    "An unusually long opening clause that says nothing at all about any place, then the talks in ",
    "coming from\t", "stationed in the the ", "", "in ",
]
AFTER = [" said on Monday.", " met on Friday.", " killed 4 people.", " Police Command said.", " Station was hit.",
         ", where talks were held."]


def _roles(monkeypatch: pytest.MonkeyPatch | None) -> list[str]:
    if monkeypatch is not None:
        monkeypatch.setattr(R, "_tails", lambda before: None)
        monkeypatch.setattr(R, "_twin", lambda kind: None)
    R._role_at.cache_clear()
    out = []
    for b, a in itertools.product(BEFORE, AFTER):
        text = f"{b}Qarya{a}"
        out.append(R._role_at(text, len(b), len(b) + 5))
    R._role_at.cache_clear()
    return out


def test_origin_and_seat_quick_tests_skip_only_what_cannot_match(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _roles(None)
    slow = _roles(monkeypatch)
    assert fast == slow
    assert {"origin", "seat", "organisation", "site_name", ""} <= set(fast)


def test_tails_take_off_the_town_words() -> None:
    assert R._tails("fired from the town of ") == [["fired", "from", "the", "town", "of"], ["fired", "from", "the"],
                                                   ["fired", "from"]]
    assert R._tails("in the ") == [["in", "the"], ["in"]]
    assert R._tails("à la ville de ") is None  # not ASCII: the pattern decides


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_possessive_sites_still_found(apostrophe: str) -> None:
    text = f"A gunman killed 13 people at Fort Hood{apostrophe}s Soldier Readiness Center in Texas."
    claim = Claim(kind="killed", value=13, evidence=Evidence(0, len(text), text), figure=Span("13", 16, 18))
    town = Place("Texas", text.index("Texas"), len(text) - 1, 1, 31.0, -99.0, "US", "Texas", "admin1")
    names = [s.name for s in R._sites(claim, text, 0, len(text), [town])]
    assert "Soldier Readiness Center in Texas" in names  # the possessive's pattern
    plain = text.replace(f"Hood{apostrophe}s", "Hood")
    town = Place("Texas", plain.index("Texas"), len(plain) - 1, 1, 31.0, -99.0, "US", "Texas", "admin1")
    names = [s.name for s in R._sites(claim, plain, 0, len(plain), [town])]
    assert "Soldier Readiness Center in Texas" not in names


def test_a_name_written_again_with_other_clues_is_scored_again() -> None:
    from reportedly.geo import load, resolve_text

    gaz = load()
    # the same name, first with "province" after it, then alone: one score each
    text = "Rockets hit Idlib province on Sunday. Later, rockets hit Idlib again, and Idlib province."
    idlib = [t for t in resolve_text(text, None, gaz) if t.text == "Idlib"]
    assert [t.entry.feature if t.entry else None for t in idlib] == ["admin1", "city", "admin1"]
    # a qualifier narrows its own name, not the same name written without it
    text = "A man was arrested in Paris, Texas, on Monday. In Paris and Lyon, crowds marched; Paris, Texas, was calm."
    paris = [t for t in resolve_text(text, None, gaz) if t.text == "Paris"]
    assert [t.entry.country if t.entry else None for t in paris] == ["US", "FR", "US"]
    # the same name with the same clues: the same answer and margin each time
    text = "Shelling hit Homs and Hama. In Homs, residents fled. Homs was quiet later, and Hama too."
    homs = [t for t in resolve_text(text, None, gaz) if t.text == "Homs"]
    assert len(homs) == 3 and len({(t.entry, t.score_margin) for t in homs}) == 1


def test_two_documents_in_a_row_resolve_by_their_own_context() -> None:
    from reportedly.geo import find_places, load

    gaz = load()
    first = find_places("Government forces shelled Homs and Hama, Syrian activists said.", None, gaz)
    second = find_places("Militias clashed in Misrata and Homs, on the Libyan coast east of Tripoli.", None, gaz)
    again = find_places("Government forces shelled Homs and Hama, Syrian activists said.", None, gaz)
    assert next(p.country for p in first if p.name == "Homs") == "SY"
    assert next(p.country for p in second if p.name == "Homs") == "LY"
    assert again == first


@pytest.mark.parametrize("before", [
    "killed 4 people in ", "IN THE ", "fighting near the village of ", "shot dead outside a ",
    "clashes on the outskirts of ", "15 km north of the town of ", "a blast close to ", "residents of\n",
    "an attack in São Paulo, in ", "the strike hit ", "they were in", "in the town of\t", "(in ", "in, ", "",
    "the governorate of ", "into an ", "a 30-year-old man in the neighbourhoods of ", "attacked  ",
])
def test_near_and_incident_prep_quick_tests_as_the_patterns(before: str) -> None:
    for pattern, last in ((R._NEAR, R._NEAR_LAST), (R._INCIDENT_PREP, R._INCIDENT_PREP_LAST)):
        if pattern.search(before):
            assert R._ends_with(before, last)
    assert R._incident_prep(before) == bool(R._INCIDENT_PREP.search(before))
    assert R._is_near(before + "X", len(before)) == bool(R._NEAR.search(before[-40:]))


def test_get_gives_the_entry_a_lookup_read_and_reads_others() -> None:
    from reportedly.geo.gazetteer import Gazetteer, default_path, load

    gaz = load()
    damascus = next(e for e, _ in gaz.lookup(["damascus"])["damascus"] if e.country == "SY")
    aleppo = next(e for e, _ in gaz.lookup(["aleppo"])["aleppo"] if e.country == "SY")
    assert gaz.get(damascus.id) is damascus and gaz.get(aleppo.id) is aleppo
    fresh = Gazetteer(default_path())  # nothing read yet: from the index
    assert fresh.get(damascus.id) == damascus and fresh.get(aleppo.id) == aleppo
    assert fresh.get(-987654321) is None


def test_a_name_written_again_is_judged_in_each_context() -> None:
    from reportedly.geo import find_places

    # "Hope" is a common word: a place only where a place preposition introduces it
    places = find_places("Hope was all they had. Then the storm hit Hope on Monday, and Hope was lost.")
    assert [(p.name, p.start) for p in places] == [("Hope", 42)]
    # the same name after a comma and a capitalised word is a qualified one
    places = find_places("They met in Paris. PARIS was calm, and Paris, Texas, too.")
    assert [(p.name, p.country) for p in places] == [("Paris", "FR"), ("PARIS", "FR"), ("Paris", "US"),
                                                    ("Texas", "US")]


@pytest.mark.parametrize("sentence", [
    "Shells hit the Salah Eddin and Saif al-Dawleh neighbourhoods on Monday.",
    "Clashes in the al-Sheikh Maqsoud neighbourhood and Handarat town killed 5.",
    "Rockets hit districts of the city, and Bab Amr Districts too.", "Gunmen stormed towns in the north.",
    "Raids hit the Old Quarter and New Harbour district.", "A bomb hit a market in the old town.",
    "Two NEIGHBOURHOODS AND villages were hit.", "",
])
def test_several_sites_quick_test_as_the_patterns(sentence: str) -> None:
    text = "Officials said. " + sentence + " Later, more."
    lo, hi = 16, 16 + len(sentence)
    R._several.cache_clear()
    want = bool(R._SEVERAL.search(text, lo, hi)) or bool(R._several_sites().search(text, lo, hi))
    assert R._several(text, lo, hi) == want
