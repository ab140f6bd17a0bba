"""The reporting-cue lexicon (``lexicons/statements_lexicon.json``), loaded once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class StatementLexicon:
    verbs: frozenset[str]
    speech_only_verbs: frozenset[str]
    object_content_verbs: frozenset[str]
    quote_only_verbs: frozenset[str]
    topic_verbs: frozenset[str]
    that_nouns: frozenset[str]
    sourceless_adverbs: frozenset[str]
    topic_preps: frozenset[str]
    person_nouns: frozenset[str]
    noun_cues: frozenset[str]
    according: tuple[tuple[str, ...], ...]
    relay_verbs: frozenset[str]
    passive_no_source: frozenset[str]
    speaker_pronouns: dict[str, tuple[str, ...]]
    quote_open: frozenset[str]
    quote_close: frozenset[str]


@lru_cache(maxsize=1)
def statement_lexicon() -> StatementLexicon:
    path = resources.files("reportedly.nlp").joinpath("lexicons", "statements_lexicon.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return StatementLexicon(
        verbs=frozenset(v.lower() for v in data["verbs"]),
        speech_only_verbs=frozenset(v.lower() for v in data["speech_only_verbs"]),
        sourceless_adverbs=frozenset(v.lower() for v in data.get("sourceless_adverbs", [])),
        that_nouns=frozenset(v.lower() for v in data.get("that_nouns", [])),
        topic_verbs=frozenset(v.lower() for v in data.get("topic_verbs", [])),
        topic_preps=frozenset(v.lower() for v in data.get("topic_preps", [])),
        person_nouns=frozenset(v.lower() for v in data.get("person_nouns", [])),
        quote_only_verbs=frozenset(v.lower() for v in data.get("quote_only_verbs", [])),
        object_content_verbs=frozenset(v.lower() for v in data["object_content_verbs"]),
        noun_cues=frozenset(v.lower() for v in data["noun_cues"]),
        according=tuple(tuple(w.lower() for w in seq) for seq in data["according"]),
        relay_verbs=frozenset(v.lower() for v in data["relay_verbs"]),
        passive_no_source=frozenset(v.lower() for v in data["passive_no_source"]),
        speaker_pronouns={k.lower(): tuple(v) for k, v in data["speaker_pronouns"].items()},
        quote_open=frozenset(data["quote_open"]),
        quote_close=frozenset(data["quote_close"]),
    )
