"""Event mentions: the phrase matcher, the rules on hand-made sentences, and the event-type scorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportedly.evaluate import event_types
from reportedly.model import SUB_EVENT_TYPES
from reportedly.nlp.mentions import classify_words
from reportedly.nlp.mentions_lexicon import compile_phrase, event_rules, prefix_match
from reportedly.options import DEFAULT


def words(text: str) -> list[tuple[str, str]]:
    """(lower, lemma) pairs with the word itself as lemma: enough for model-free checks."""
    return [(w.lower(), w.lower()) for w in text.replace(",", " ,").replace(".", " .").split()]


# ----------------------------------------------------------------------------- model-free


def test_prefix_needs_a_real_suffix() -> None:
    assert prefix_match("shelling", "shell")
    assert prefix_match("shelled", "shell")
    assert not prefix_match("shelter", "shell")
    assert prefix_match("kidnapped", "kidnap")
    assert not prefix_match("army", "arms")


def test_phrase_with_gap_and_hyphen() -> None:
    pat = compile_phrase("blew ... up")
    assert pat.match(words("two men blew themselves up at the gate")) == (2, 5)
    assert pat.match(words("the blew wind rose and fell far up")) is None
    hyph = compile_phrase("air-strike*")
    assert hyph.match([("an", "an"), ("air", "air"), ("-", "-"), ("strikes", "strike")]) == (1, 4)


def test_rules_use_known_types() -> None:
    for rule in event_rules():
        assert rule.sub_event_type in SUB_EVENT_TYPES[rule.event_type]
        assert rule.triggers


@pytest.mark.parametrize(("sentence", "etype", "sub"), [
    ("a suicide bomber blew himself up outside the mosque", "explosions_remote_violence", "suicide_bomb"),
    ("warplanes hit the market district overnight", "explosions_remote_violence", "air_drone_strike"),
    ("protesters threw stones at police in the square", "riots", "violent_demonstration"),
    ("hundreds of nurses held a protest outside parliament", "protests", "peaceful_protest"),
    ("police fired tear gas to disperse the protest", "protests", "protest_with_intervention"),
    ("the army said it had retaken the hill town from rebels", "battles", "government_regains_territory"),
    ("gunmen abducted a teacher on the road", "violence_against_civilians", "abduction_forced_disappearance"),
    ("officers arrested the suspect at his home", "strategic_developments", "arrests"),
    ("soldiers defused a bomb found near the bridge", "strategic_developments", "disrupted_weapons_use"),
])
def test_rules_on_plain_words(sentence: str, etype: str, sub: str) -> None:
    found = classify_words(words(sentence))
    assert found is not None
    rule, _ = found
    assert (rule.event_type, rule.sub_event_type) == (etype, sub)


def test_disaster_context_vetoes_a_mention() -> None:
    assert classify_words(words("the earthquake killed eight people and damaged homes")) is None
    assert classify_words(words("the weather was mild and the market opened late")) is None


def test_event_type_scoring(tmp_path: Path) -> None:
    report = event_types.score([("battles", "battles"), ("riots", "protests"), ("none", "none"),
                                ("protests", "protests")])
    assert report["accuracy"] == 0.75
    assert report["per_class"]["battles"]["f1"] == 1.0
    assert report["per_class"]["riots"]["f1"] == 0.0
    assert report["confusion"]["riots"]["protests"] == 1
    gold_dir = tmp_path / "event-types"
    gold_dir.mkdir()
    (gold_dir / "gold.jsonl").write_text(
        json.dumps({"doc_id": "a", "label": "ARREST", "acled_event_type": "strategic_developments"}) + "\n"
        + json.dumps({"doc_id": "b", "label": "DIPLO", "acled_event_type": None}) + "\n")
    preds = [
        {"document": {"id": "a"}, "mentions": [
            {"event_type": "battles", "sub_event_type": None, "trigger": {"text": "", "start": 30, "end": 31},
             "evidence": {"start": 20, "end": 40, "text": ""}},
            {"event_type": "strategic_developments", "sub_event_type": "arrests",
             "trigger": {"text": "", "start": 2, "end": 3}, "evidence": {"start": 0, "end": 10, "text": ""}}]},
        {"document": {"id": "b"}, "mentions": []},
    ]
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("".join(json.dumps(p) + "\n" for p in preds))
    report = event_types.evaluate(gold_dir, pred_path, DEFAULT)
    assert report["accuracy"] == 1.0
    assert "macro-F1" in event_types.format_report(report)


# ----------------------------------------------------------------------------- with the model


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "etype", "sub"), [
    ("Rebel fighters and government troops clashed for hours near the airport.", "battles", "armed_clash"),
    ("Militants overran the district headquarters and seized control of the town.",
     "battles", "non_state_actor_overtakes_territory"),
    ("A roadside bomb struck a minibus carrying farm workers.", "explosions_remote_violence",
     "remote_explosive_landmine_ied"),
    ("Artillery shells landed on the northern suburbs throughout the night.", "explosions_remote_violence",
     "shelling_artillery_missile_attack"),
    ("Someone threw a hand grenade into the crowded cafe.", "explosions_remote_violence", "grenade"),
    ("Gunmen stormed the village and killed eleven residents.", "violence_against_civilians", "attack"),
    ("Two girls were raped by armed men near the camp.", "violence_against_civilians", "sexual_violence"),
    ("Security forces shot dead four demonstrators during the march.",
     "protests", "excessive_force_against_protesters"),
    ("An angry mob lynched a man accused of theft.", "riots", "mob_violence"),
    ("Rioters looted shops and set cars ablaze after the verdict.", "riots", "violent_demonstration"),
    ("Both sides signed a ceasefire agreement on Friday.", "strategic_developments", "agreement"),
    ("The army said three gunmen were killed in a shootout at the depot.", "battles", "armed_clash"),
    ("Police arrested twenty demonstrators and fired tear gas at the rally.",
     "protests", "protest_with_intervention"),
    ("Troops withdrew from the border town without a fight.",
     "strategic_developments", "non_violent_transfer_of_territory"),
])
def test_classify_sentence(nlp, sentence: str, etype: str, sub: str) -> None:  # type: ignore[no-untyped-def]
    from reportedly.nlp.mentions import classify_sentence

    doc = nlp.make_doc(sentence)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    sent = next(iter(doc.sents))
    found = classify_sentence(sent)
    assert found is not None, sentence
    got_type, got_sub, trigger = found
    assert (got_type, got_sub) == (etype, sub)
    assert trigger is not None and trigger.doc is doc


@pytest.mark.slow
def test_extract_mentions_one_per_reporting_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The council met on Monday to discuss the budget. "
            "Later that night an air strike destroyed two houses in the old quarter. "
            "Police arrested three men at a checkpoint.")
    doc = nlp(text)
    mentions = doc._.mentions
    assert [m.event_type for m in mentions] == ["explosions_remote_violence", "strategic_developments"]
    for m in mentions:
        assert text[m.trigger.start:m.trigger.end] == m.trigger.text
        assert text[m.evidence.start:m.evidence.end] == m.evidence.text
        assert m.evidence.start <= m.trigger.start < m.trigger.end <= m.evidence.end
