"""The claims lexicon (``lexicons/claims_lexicon.json``) loaded once into sets and patterns."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PATH = Path(__file__).parent / "lexicons" / "claims_lexicon.json"


@dataclass(frozen=True)
class Lexicon:
    killed_verbs: frozenset[str]
    killed_words: frozenset[str]
    injured_words: frozenset[str]
    shot_words: frozenset[str]
    destroy_words: frozenset[str]
    mixed_words: frozenset[str]
    person_nouns: frozenset[str]
    single_victim_nouns: frozenset[str]
    non_person_units: frozenset[str]
    qualifiers: dict[str, str]
    groups: dict[str, frozenset[str]]
    hedges: frozenset[str]
    verify_phrases: tuple[str, ...]
    figure_words: frozenset[str]
    not_hedge_after_believed: tuple[str, ...]
    cue_lemmas: frozenset[str]
    deny_lemmas: frozenset[str]
    aggregate_patterns: tuple[str, ...]
    event_cues: dict[str, dict[str, tuple[str, ...]]]
    # Phrases in which a cue word names no such event ("gas station", "murder-suicide").
    event_cue_vetoes: tuple[str, ...]
    claimant_types: tuple[tuple[str, re.Pattern[str]], ...]
    claimant_type_precedence: tuple[tuple[str, re.Pattern[str]], ...]
    subject_heads_not_claimants: frozenset[str]
    coreference_heads: frozenset[str]
    trigger_words: frozenset[str]
    left_triggers: frozenset[str]
    killed_nouns_of: frozenset[str]
    sets: dict[str, frozenset[str]]
    country_common_names: frozenset[str]


def load(path: Path = PATH) -> Lexicon:
    raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))

    def fs(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in raw[key])

    prec: list[tuple[str, re.Pattern[str]]] = []
    for entry in raw["claimant_type_precedence"]:
        for pat in entry[1:]:
            prec.append((entry[0], re.compile(pat, re.I)))
    killed = fs("killed_words")
    injured = fs("injured_words")
    return Lexicon(
        killed_verbs=fs("killed_verbs"),
        killed_words=killed,
        injured_words=injured,
        shot_words=fs("shot_words"),
        destroy_words=fs("destroy_words"),
        mixed_words=fs("mixed_words"),
        person_nouns=fs("person_nouns"),
        single_victim_nouns=fs("single_victim_nouns"),
        non_person_units=fs("non_person_units"),
        qualifiers={k.lower(): v for k, v in raw["qualifiers"].items()},
        groups={g: frozenset(w.lower() for w in ws) for g, ws in raw["groups"].items()},
        hedges=fs("hedges"),
        verify_phrases=tuple(raw["verify_phrases"]),
        figure_words=fs("figure_words"),
        not_hedge_after_believed=tuple(raw["not_hedge_after_believed"]),
        cue_lemmas=fs("cue_lemmas"),
        deny_lemmas=fs("deny_lemmas"),
        aggregate_patterns=tuple(raw["aggregate_patterns"]),
        event_cues={et: {sub: tuple(ws) for sub, ws in subs.items()} for et, subs in raw["event_cues"].items()},
        event_cue_vetoes=tuple(w.lower() for w in raw["event_cue_vetoes"]),
        claimant_types=tuple((t, re.compile(p, re.I)) for t, p in raw["claimant_types"]),
        claimant_type_precedence=tuple(prec),
        subject_heads_not_claimants=fs("subject_heads_not_claimants"),
        coreference_heads=fs("coreference_heads"),
        trigger_words=killed | injured | fs("quick_extra"),
        left_triggers=fs("left_triggers"),
        killed_nouns_of=fs("killed_nouns_of"),
        sets={k: frozenset(v) for k, v in raw["word_sets"].items()},
        country_common_names=fs("country_common_names"),
    )


LEX = load()
