"""The shared data model: ids, serialisation round trips, schema v1 keys."""

from __future__ import annotations

from reportedly.model import (
    SCHEMA,
    Claim,
    Document,
    DocumentResult,
    Evidence,
    Location,
    Mention,
    Place,
    ProcessingError,
    Span,
    Statement,
    TimeRef,
    content_hash,
)


def _result() -> DocumentResult:
    text = "Officials said four people were killed in Lowtown on Monday."
    doc = Document(text=text, title="Four dead", published="2024-05-07", source="Example Wire")
    claim = Claim(
        kind="killed", value=4, qualifier="exact", group="unknown",
        claimant=Span("Officials", 0, 9), claimant_type="official_unnamed",
        location=Location("Lowtown", 44, 51, geonames_id=1, lat=1.0, lon=2.0, country="XX", precision=1),
        time=TimeRef("on Monday", 52, 61, date_start="2024-05-06", date_end="2024-05-06", precision="day"),
        evidence=Evidence(0, len(text), text), event_type="violence_against_civilians", sub_event_type="attack",
    )
    st = Statement(speaker=Span("Officials", 0, 9), cue=Span("said", 10, 14), content=Span(text[15:], 15, len(text)))
    mention = Mention("violence_against_civilians", "attack", Span("killed", 33, 39), Evidence(0, len(text)))
    place = Place("Lowtown", 44, 51, geonames_id=1, lat=1.0, lon=2.0, country="XX")
    return DocumentResult(document=doc, claims=[claim], statements=[st], mentions=[mention], places=[place],
                          errors=[ProcessingError("decoded_latin1", "note")])


def test_document_id_is_content_hash() -> None:
    doc = Document(text="same words")
    assert doc.id == content_hash("same words") == Document(text="same words").id
    assert Document(text="same words", id="given").id == "given"


def test_schema_v1_keys() -> None:
    d = _result().to_dict()
    assert d["schema"] == SCHEMA
    assert set(d) >= {"schema", "document", "claims", "statements", "mentions", "errors"}
    assert set(d["document"]) == {"id", "title", "published", "source", "url"}
    claim = d["claims"][0]
    assert set(claim) >= {"kind", "value", "qualifier", "group", "claimant", "claimant_type", "stance",
                          "aggregate", "event_type", "sub_event_type", "perpetrator", "location", "time",
                          "evidence"}
    assert set(claim["claimant"]) == {"text", "start", "end"}
    assert {"start", "end"} <= set(claim["evidence"])
    assert set(d["statements"][0]) >= {"speaker", "cue", "content"}
    assert set(d["mentions"][0]) >= {"event_type", "sub_event_type", "trigger", "evidence"}


def test_round_trip() -> None:
    res = _result()
    back = DocumentResult.from_dict(res.to_dict(), text=res.document.text)
    assert back.to_dict() == res.to_dict()


def test_time_iso() -> None:
    assert TimeRef("since Saturday", date_start="2011-06-04", date_end="2011-06-06").iso == "2011-06-04/2011-06-06"
    assert TimeRef("on Monday", date_start="2011-06-06", date_end="2011-06-06").iso == "2011-06-06"
    assert TimeRef("on Monday").iso is None


def test_fatal_errors_mark_result_failed() -> None:
    res = _result()
    assert res.ok
    res.errors.append(ProcessingError("empty", "x: the document has no text"))
    assert not res.ok
