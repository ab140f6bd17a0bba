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
