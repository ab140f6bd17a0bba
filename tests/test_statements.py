"""Attributed statements: hand-made sentences for each pattern, and the attribution scorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportedly.evaluate import attribution
from reportedly.model import Span, Statement
from reportedly.nlp.statements import original_source, quote_regions
from reportedly.options import DEFAULT


def _only(statements: list[Statement], cue: str) -> Statement:
    found = [s for s in statements if s.cue.text == cue]
    assert len(found) == 1, [(s.cue.text, s.content.text) for s in statements]
    return found[0]


def _check_offsets(text: str, statements: list[Statement]) -> None:
    for st in statements:
        for span in (st.speaker, st.cue, st.content, st.speaker_as_written):
            if span is not None:
                assert text[span.start:span.end] == span.text


# ----------------------------------------------------------------------------- model-free


def test_quote_regions_pair_curly_and_straight_marks() -> None:
    text = 'He said “no way” and then "fine".\n\n“Still open at the end\n\nClosed'
    regions = quote_regions(text)
    got = [text[a:b] for a, b in regions]
    assert got == ["“no way”", '"fine"', "“Still open at the end"]


def test_original_source_prefers_innermost_and_relay_cue() -> None:
    def sp(a: int, b: int) -> Span:
        return Span(text="x" * (b - a), start=a, end=b)

    outer = Statement(speaker=sp(0, 7), cue=Span("said", 8, 12), content=sp(13, 80))
    inner = Statement(speaker=sp(13, 20), cue=Span("reported", 21, 29), content=sp(30, 80))
    relay = Statement(speaker=sp(90, 99), cue=Span("citing", 82, 88), content=sp(30, 80))
    assert original_source([outer, inner], 40, 50) is inner
    assert original_source([outer, inner, relay], 40, 50) is relay
    assert original_source([outer, inner], 100, 110) is None


def test_span_matching_is_one_to_one() -> None:
    gold = [(0, 10), (20, 30)]
    assert attribution.match_spans(gold, [(5, 25)]) == 1
    assert attribution.match_spans(gold, [(5, 8), (22, 24)]) == 2
    assert attribution.match_spans(gold, [(40, 50)]) == 0
    assert attribution.match_spans(gold, [(0, 10), (21, 30)], strict=True) == 1


def test_attribution_evaluate_from_predictions(tmp_path: Path) -> None:
    text = "The mayor said the bridge was closed. It was reported that two shops burned."
    gold_dir = tmp_path / "attribution"
    gold_dir.mkdir()
    (gold_dir / "documents.jsonl").write_text(json.dumps({"id": "d1", "text": text}) + "\n")
    gold = {"doc_id": "d1", "attributions": [
        {"source": [0, 9], "cue": [10, 14], "content": [15, 36]},
        {"source": None, "cue": [41, 49], "content": [55, 75]},
    ]}
    (gold_dir / "gold.jsonl").write_text(json.dumps(gold) + "\n")
    pred = {"document": {"id": "d1"}, "statements": [
        {"speaker": {"text": "Mayor", "start": 4, "end": 9}, "cue": {"text": "said", "start": 10, "end": 14},
         "content": {"text": "", "start": 15, "end": 36}},
        {"speaker": {"text": "", "start": 38, "end": 40}, "cue": {"text": "", "start": 0, "end": 3},
         "content": {"text": "", "start": 60, "end": 75}},
    ]}
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text(json.dumps(pred) + "\n")
    report = attribution.evaluate(gold_dir, pred_path, DEFAULT)
    assert report["source"]["tp"] == 1 and report["source"]["fp"] == 1 and report["source"]["fn"] == 0
    assert report["strict"]["source"]["tp"] == 0
    assert report["cue"]["tp"] == 1 and report["cue"]["fn"] == 1
    assert report["content"]["f1"] == 1.0
    assert report["triples"]["tp"] == 1
    assert "triples" in attribution.format_report(report)


# ----------------------------------------------------------------------------- with the model


@pytest.mark.slow
def test_said_that_and_fronted_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The provincial governor said on Tuesday that nine farmers were shot near the river. "
            "\"Nobody has come to help us,\" a shopkeeper in the market said.")
    doc = nlp(text)
    _check_offsets(text, doc._.statements)
    first = doc._.statements[0]
    assert first.cue.text == "said"
    assert first.speaker is not None and first.speaker.text == "The provincial governor"
    assert first.content.text == "that nine farmers were shot near the river"
    second = [s for s in doc._.statements if s.cue.start > first.cue.start][0]
    assert second.speaker is not None and second.speaker.text == "a shopkeeper in the market"
    assert "Nobody has come to help us" in second.content.text


@pytest.mark.slow
def test_inverted_said_and_according_to(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("\"The road is mined,\" said Amal Nasser, a local engineer. "
            "According to the regional health office, fourteen patients were admitted overnight.")
    doc = nlp(text)
    _check_offsets(text, doc._.statements)
    said = doc._.statements[0]
    assert said.cue.text == "said"
    assert said.speaker is not None and said.speaker.text.startswith("Amal Nasser")
    assert "The road is mined" in said.content.text
    acc = _only(doc._.statements, "According to")
    assert acc.speaker is not None and acc.speaker.text == "the regional health office"
    assert acc.content.text == "fourteen patients were admitted overnight"


@pytest.mark.slow
def test_pronoun_speaker_resolves_to_antecedent(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Karim Haddad reached the village before dawn. "
            "He said the houses near the well had been burned.")
    doc = nlp(text)
    st = _only(doc._.statements, "said")
    assert st.speaker_as_written is not None and st.speaker_as_written.text == "He"
    assert st.speaker is not None and st.speaker.text == "Karim Haddad"
    assert st.to_dict()["speaker_as_written"]["text"] == "He"


@pytest.mark.slow
def test_relay_citing_and_nested_reporting(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The news agency said, citing a hospital director, that six guards were wounded. "
            "The radio station reported that the convoy had turned back, the agency said.")
    doc = nlp(text)
    _check_offsets(text, doc._.statements)
    said = doc._.statements[0]
    assert said.cue.text == "said"
    assert said.speaker is not None and said.speaker.text == "a hospital director"
    assert said.speaker_as_written is not None and said.speaker_as_written.text == "The news agency"
    citing = _only(doc._.statements, "citing")
    assert citing.speaker is not None and citing.speaker.text == "a hospital director"
    assert citing.content.text == "six guards were wounded"
    start = text.index("six guards")
    orig = original_source(doc._.statements, start, start + 10)
    assert orig is citing
    start = text.index("the convoy")
    orig = original_source(doc._.statements, start, start + 10)
    assert orig is not None and orig.speaker is not None and orig.speaker.text == "The radio station"


@pytest.mark.slow
def test_impersonal_passive_has_no_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "It was reported that the checkpoint had been abandoned during the night."
    doc = nlp(text)
    st = _only(doc._.statements, "was reported")
    assert st.speaker is None
    assert st.content.text == "that the checkpoint had been abandoned during the night"


@pytest.mark.slow
def test_denied_and_accused(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The interior ministry denied that its officers had opened fire. "
            "Opposition leaders accused the governor of hiding the toll.")
    doc = nlp(text)
    denied = _only(doc._.statements, "denied")
    assert denied.speaker is not None and denied.speaker.text == "The interior ministry"
    assert denied.content.text == "that its officers had opened fire"
    accused = _only(doc._.statements, "accused")
    assert accused.speaker is not None and accused.speaker.text == "Opposition leaders"
    assert "hiding the toll" in accused.content.text


@pytest.mark.slow
def test_quote_inside_quote_is_not_a_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "\"I think the bridge will hold,\" the mayor told reporters."
    doc = nlp(text)
    cues = [s.cue.text for s in doc._.statements]
    assert "think" not in cues
    told = _only(doc._.statements, "told")
    assert told.speaker is not None and told.speaker.text == "the mayor"


@pytest.mark.slow
def test_quotation_continued_over_paragraphs(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The nurse said: \"We ran out of bandages on the first day.\n\n"
            "\"By the second day we were using bed sheets.\"\n\nThe town is quiet now.")
    doc = nlp(text)
    st = _only(doc._.statements, "said")
    assert "bed sheets" in st.content.text
    assert "quiet" not in st.content.text


@pytest.mark.slow
def test_labelled_quotes_and_continued(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Residents described the night.\n"
            "“The walls shook for an hour.” ― Layla Mansour\n"
            "Omar Farouk: “We slept in the basement.”\n"
            "The fighters continued their advance toward the river.")
    doc = nlp(text)
    _check_offsets(text, doc._.statements)
    by_cue = {(s.cue.text, s.speaker.text if s.speaker else None): s for s in doc._.statements}
    assert ("―", "Layla Mansour") in by_cue
    assert by_cue[("―", "Layla Mansour")].content.text == "“The walls shook for an hour.”"
    assert (":", "Omar Farouk") in by_cue
    assert not any(s.cue.text == "continued" for s in doc._.statements)


@pytest.mark.slow
def test_definite_description_names_the_earlier_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("A source in the provincial police told the radio that a mortar round hit the bus station. "
            "The source added that seven travellers were hurt.")
    doc = nlp(text)
    added = _only(doc._.statements, "added")
    assert added.speaker_as_written is not None and added.speaker_as_written.text == "The source"
    assert added.speaker is not None and added.speaker.text == "A source in the provincial police"


@pytest.mark.slow
def test_reporting_noun_with_that_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The governor dismissed the militia's claim that thirty guards had deserted."
    doc = nlp(text)
    claim = _only(doc._.statements, "claim")
    assert claim.speaker is not None and claim.speaker.text == "the militia"
    assert claim.content.text == "that thirty guards had deserted"


@pytest.mark.slow
def test_reportedly_has_no_source_but_said_wins(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Two farms were reportedly burned overnight, villagers said."
    doc = nlp(text)
    adv = _only(doc._.statements, "reportedly")
    assert adv.speaker is None
    start = text.index("Two farms")
    orig = original_source(doc._.statements, start, start + 9)
    assert orig is not None and orig.speaker is not None and orig.speaker.text == "villagers"


@pytest.mark.slow
def test_core_speaker_drops_appositions_and_clauses(nlp) -> None:  # type: ignore[no-untyped-def]
    from reportedly.nlp.statements import core_speaker

    text = ("Omar Hassan, the district governor, said the road was cut. "
            "The monitoring group for civil rights, which relies on volunteers, said ten people died. "
            "A source at the provincial police command said two guards were hurt.")
    doc = nlp(text)
    cores = [core_speaker(doc, s.speaker).text for s in doc._.statements if s.speaker is not None]
    assert cores == ["Omar Hassan", "The monitoring group for civil rights",
                     "A source at the provincial police command"]


@pytest.mark.slow
def test_relay_inside_the_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The state news agency citing the health ministry said four nurses were wounded in the raid."
    doc = nlp(text)
    said = _only(doc._.statements, "said")
    assert said.speaker is not None and said.speaker.text == "the health ministry"
    assert said.speaker_as_written is not None and said.speaker_as_written.text == "The state news agency"


@pytest.mark.slow
def test_statement_saying_and_quoted_as_saying(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The army issued a statement saying nine rebels were captured. "
            "The agency quoted a hospital guard as saying that the ward was full.")
    doc = nlp(text)
    sayings = [s for s in doc._.statements if s.cue.text == "saying"]
    assert [s.speaker.text if s.speaker else None for s in sayings] == ["The army", "a hospital guard"]
    assert "nine rebels were captured" in sayings[0].content.text


@pytest.mark.slow
def test_trailing_speaker_with_apposition(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "At least nine fishermen drowned after the attack, the coast guard, a federal agency, said."
    doc = nlp(text)
    said = _only(doc._.statements, "said")
    assert said.speaker is not None and said.speaker.text.startswith("the coast guard")
    assert said.content.text.startswith("At least nine fishermen drowned")
    assert "coast guard" not in said.content.text


@pytest.mark.slow
def test_quotation_paragraphs_continue_the_previous_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("\"The shelling started at dawn,\" said Rana Aziz, a teacher.\n\n"
            "\"Our school lost its roof.\"\n\n"
            "\"Six pupils were hurt.\"\n\n"
            "Officials gave no figures.")
    doc = nlp(text)
    rana = [s for s in doc._.statements if s.speaker is not None and s.speaker.text.startswith("Rana Aziz")]
    contents = [s.content.text for s in rana]
    assert "“Our school lost its roof.”" not in contents  # straight quotes in this text
    assert "\"Our school lost its roof.\"" in contents
    assert "\"Six pupils were hurt.\"" in contents
    assert not any("Officials" in c for c in contents)
