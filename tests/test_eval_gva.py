"""Scoring on dev/gva, on hand-made documents (no model, no ../shared)."""

from __future__ import annotations

from reportedly.cluster import claim_refs
from reportedly.evaluate.gva import _without_accidents, bcubed, ceilings, pairwise
from reportedly.model import Claim, Document, DocumentResult, Evidence, Location, TimeRef
from reportedly.options import Options


def _result(doc_id: str, killed: list[int], event_type: str | None = None) -> DocumentResult:
    text = "A shooting in Dunmore on Friday left people dead, police said."
    claims = [Claim(kind="killed", value=v, location=Location(name="Dunmore"), event_type=event_type,
                    time=TimeRef(text="Friday", date_start="2031-05-09", date_end="2031-05-09", precision="day"),
                    evidence=Evidence(start=0, end=10, text=text[:10])) for v in killed]
    return DocumentResult(document=Document(text=text, id=doc_id, published="2031-05-10", source=doc_id),
                          claims=claims)


def test_bcubed_and_pairwise() -> None:
    gold = {"a": {"1"}, "b": {"1"}, "c": {"2"}}
    assert bcubed({"a": "x", "b": "x", "c": "y"}, gold)["f1"] == 1.0
    alone = {"a": "x", "b": "y", "c": "z"}
    assert pairwise(alone, gold)["f1"] == 0.0
    assert 0.0 < bcubed(alone, gold)["f1"] < 1.0


def test_ceilings_put_each_document_with_a_claim_in_its_incident() -> None:
    gold_lines = [
        {"doc_id": "a", "incident": "1", "killed": 2, "injured": 0},
        {"doc_id": "b", "incident": "1", "killed": 2, "injured": 0},
        {"doc_id": "c", "incident": "1", "killed": 2, "injured": 0},  # no claim: alone
        {"doc_id": "d", "incident": "2", "killed": 5, "injured": 0},
    ]
    refs = {"a": claim_refs(_result("a", [2])), "b": claim_refs(_result("b", [2])),
            "c": [], "d": claim_refs(_result("d", [4]))}
    c = ceilings(gold_lines, refs, Options())
    # incident 1 is right with its two claiming documents together; incident 2 says 4, not 5;
    # nobody is said to be injured, as the gold says
    assert c["killed_accuracy"] == 0.5 and c["injured_accuracy"] == 1.0
    # pairs a-b found, a-c and b-c lost to the document without a claim
    assert round(c["pairwise_f1"], 2) == 0.5
    assert c["bcubed_f1"] < 1.0


def test_figures_without_the_records_of_accidents() -> None:
    gold_lines = [{"doc_id": "a", "incident": "1", "killed": 1, "injured": 0},
                  {"doc_id": "b", "incident": "1", "killed": 1, "injured": 0}]
    refs = claim_refs(_result("a", [1])) + claim_refs(_result("b", [1], "accident"))
    a = _without_accidents(refs, ["a", "b"], gold_lines, Options())
    # without the accident record, document b has no claim and stands alone
    assert a["accident_claims"] == 1 and a["pairwise_f1"] == 0.0 and a["killed_accuracy"] == 1.0
    assert _without_accidents(claim_refs(_result("a", [1])) + claim_refs(_result("b", [1])), ["a", "b"],
                              gold_lines, Options())["pairwise_f1"] == 1.0


def test_a_tie_goes_to_the_event_of_the_documents_first_claim() -> None:
    from reportedly.evaluate.gva import doc_clusters
    from reportedly.model import Event, EventClaim

    def event(eid: str, *claims: tuple[str, str]) -> Event:
        return Event(id=eid, claims=[EventClaim(doc_id=d, claim_id=c, kind="killed", value=1) for d, c in claims])

    # "d" tells its own shooting first (claim c1), then recalls another one (c2) in the background
    events = [event("ev-a", ("d", "c2"), ("e", "c3")), event("ev-b", ("d", "c1"))]
    assert doc_clusters(events, ["d", "e", "f"], {"c1": 0, "c2": 1, "c3": 0}) == {
        "d": "ev-b", "e": "ev-a", "f": "doc:f"}
    # more claims still win over the first one
    events.append(event("ev-a2", ("d", "c4"), ("d", "c5")))
    assert doc_clusters(events, ["d"], {"c1": 0, "c2": 1, "c4": 2, "c5": 3})["d"] == "ev-a2"
