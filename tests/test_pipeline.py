"""The pipeline: components on any nlp, Docs that cross processes, n_process, batching."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.tokens import Doc

from reportedly.model import Claim, Document, Span, Statement
from reportedly.options import Options
from reportedly.pipeline import extract, extract_documents

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _example_documents() -> list[Document]:
    docs = []
    for path in sorted(EXAMPLES.glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        docs.append(Document(text=d["text"], id=d["id"], title=d["title"], published=d["published"],
                             source=d["source"]))
    return docs


def test_results_survive_doc_serialisation() -> None:
    """Docs carrying reportedly's results round-trip through spaCy's msgpack (n_process, Dask)."""
    import spacy

    import reportedly.nlp.components  # noqa: F401

    nlp = spacy.blank("en")
    doc = nlp("Police said two men were killed.")
    claim = Claim(kind="killed", value=2, claimant=Span("Police", 0, 6), claimant_type="police")
    doc._.claims = [claim]
    doc._.statements = [Statement(speaker=Span("Police", 0, 6), cue=Span("said", 7, 11),
                                  content=Span("two men were killed", 12, 31))]
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert back._.claims == [claim]
    assert back._.statements == doc._.statements


@pytest.mark.slow
def test_n_process_gives_the_same_results() -> None:
    one = [r.to_dict() for r in extract_documents(_example_documents(), Options(n_process=1))]
    two = [r.to_dict() for r in extract_documents(_example_documents(), Options(n_process=2, batch_size=4))]
    assert one == two
    assert sum(len(r["claims"]) for r in one) > 10


@pytest.mark.slow
def test_components_on_a_users_own_pipeline(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Two soldiers were killed in an ambush on Tuesday, the army said.")
    assert [(c.kind, c.value, c.group) for c in doc._.claims] == [("killed", 2, "security_forces")]
    assert doc._.statements and doc._.mentions is not None


@pytest.mark.slow
def test_bad_documents_do_not_stop_a_batch() -> None:
    docs = [Document(text="", id="empty"), Document(text="Gunmen killed three villagers, police said.", id="ok")]
    results = list(extract_documents(docs))
    assert [r.document.id for r in results] == ["empty", "ok"]
    assert not results[0].ok and results[0].errors[0].code == "empty"
    assert results[1].ok and results[1].claims[0].value == 3


@pytest.mark.slow
def test_extract_api() -> None:
    res = extract("At least 42 civilians have been killed since Saturday, activists say.", published="2011-06-07")
    claim = res.claims[0]
    assert (claim.value, claim.qualifier, claim.group, claim.claimant_type) == (42, "at_least", "civilians", "activists")
    assert claim.time is not None and claim.time.date_start == "2011-06-04"


def test_a_headline_tells_the_figure_a_stub_body_does_not() -> None:
    stub = "Police said the victims were taken to a hospital. The investigation continues in Ossining, New York."
    title = "One dead, four wounded in drive-by shooting in Ossining"
    res = extract(stub, title=title, published="2031-05-02")
    assert sorted((c.kind, c.value) for c in res.claims) == [("injured", 4), ("killed", 1)]
    for c in res.claims:
        assert c.evidence.part == "title" and title[c.evidence.start:c.evidence.end] == c.evidence.text
        assert c.location is not None and c.location.name == "Ossining" and c.location.country == "US"
        assert c.to_dict()["evidence"]["part"] == "title"
    # a body that tells a figure of its own, or begins with the headline, is read alone
    told = extract("A man was shot and killed in Ossining on Friday.", title=title, published="2031-05-02")
    assert [(c.kind, c.value, c.evidence.part) for c in told.claims] == [("killed", 1, "text")]
    begins = extract(f"{title}. {stub}", title=title, published="2031-05-02")
    assert all(c.evidence.part == "text" for c in begins.claims) and len(begins.claims) == 2
    off = extract(stub, title=title, published="2031-05-02", options=Options(headline_claims=False))
    assert off.claims == []


def test_a_title_case_headline_is_read_in_sentence_case() -> None:
    from reportedly.pipeline import _sentence_case

    title = "Teen Injured In Hunting Accident In Tioga County"
    assert _sentence_case(title) == "Teen injured in hunting accident in Tioga County"
    assert _sentence_case("Teen injured in Dover") == "Teen injured in Dover"  # not Title Case: as is
    # a wound's place is no place: "Shot In Hand In Lancaster" is shot in the hand, in Lancaster
    assert _sentence_case("Toddler Shoots Self In Hand In Lancaster") == "Toddler shoots self in hand in Lancaster"
    res = extract("Or, use your account to comment.", title=title, published="2031-05-02")
    assert [(c.kind, c.value, c.event_type) for c in res.claims] == [("injured", 1, "accident")]
    (c,) = res.claims
    assert c.evidence.text == title[c.evidence.start:c.evidence.end] and c.evidence.text.startswith("Teen Injured")


def test_a_headline_without_articles_is_read_with_them() -> None:
    stub = "Sign up for our newsletters to read more stories like this one."
    title = "Authorities identify Alton boy killed while playing basketball"
    res = extract(stub, title=title, published="2031-05-02")
    (c,) = res.claims
    assert (c.kind, c.value, c.evidence.part) == ("killed", 1, "title")
    # every span quotes the headline as written, not the sentence it was read as
    assert c.evidence.text == title[c.evidence.start:c.evidence.end] == title
    assert c.figure is not None and title[c.figure.start:c.figure.end] == c.figure.text
    told = extract(stub, title="Teen charged after shooting death of Jessamine girl", published="2031-05-02")
    assert [(c.kind, c.value) for c in told.claims] == [("killed", 1)]
    # a victim whose fate the headline leaves open gives no figure
    assert extract(stub, title="Shooting victim identified by coroner", published="2031-05-02").claims == []


def test_places_are_not_guessed_again_without_the_named_entities() -> None:
    # the recognizer found no place: "Stafford" is the deputy, not the town in England
    text = ("Prosecutors told jurors that Derrick Stafford fired at the car. Stafford and another deputy "
            "were charged after the shooting killed a 6-year-old boy.")
    res = extract(text, published="2031-05-02")
    assert res.places_found and all(p.name != "Stafford" for p in res.places)
    assert all(c.location is None or c.location.name != "Stafford" for c in res.claims)
