"""Token-phrase patterns for the event lexicons (``lexicons/events_*.json``).

A phrase is a space-separated sequence of pattern tokens. A pattern token matches a word
when it equals the word's lower-cased text or its lemma; a token ending in ``*`` matches by
prefix; the token ``...`` lets up to :data:`GAP` words come in between. Hyphenated pattern
tokens are split the way spaCy splits infix hyphens ("air-strike" -> "air", "-", "strike").
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

GAP = 3
# What a prefix pattern ("kill*") may leave over: inflections and common derivations, so that
# "shell*" matches "shelling" but not "shelter", and "attack" (a lemma) covers "attacked".
SUFFIXES = frozenset({
    "", "s", "es", "e", "ed", "d", "ing", "ings", "er", "ers", "or", "ors", "ion", "ions", "ation",
    "ations", "sion", "sions", "ment", "ments", "ist", "ists", "ism", "ive", "ives", "sive", "sives",
    "de", "ded", "des", "ding", "y", "ies", "ied", "al", "ally", "ly", "ity", "ities", "ise", "ised",
    "ize", "ized", "ises", "izes", "ising", "izing", "ance", "ances", "ence", "ences", "ant", "ants",
    "ee", "ees", "ery", "eries", "ure", "ures", "ured", "uring", "ate", "ated", "ates", "ating",
    "ator", "ators", "ous", "ic", "ical", "en", "n", "t", "ful", "ness",
})


def prefix_match(word: str, stem: str) -> bool:
    """Whether ``word`` is ``stem`` plus an allowed suffix (a doubled final consonant is allowed)."""
    if not word.startswith(stem):
        return False
    rest = word[len(stem):]
    if rest in SUFFIXES:
        return True
    return bool(stem) and rest[:1] == stem[-1] and rest[1:] in SUFFIXES


def _stems(word: str) -> set[str]:
    """Every stem that a prefix pattern may have to match ``word``."""
    out = set()
    for k in range(len(word) + 1):
        stem, rest = word[:k], word[k:]
        if not stem:
            continue
        if rest in SUFFIXES:
            out.add(stem)
        elif rest[:1] == stem[-1] and rest[1:] in SUFFIXES:
            out.add(stem)
    return out


def atoms(words: Sequence[tuple[str, str]]) -> frozenset[tuple[bool, str]]:
    """What a sentence offers to patterns: (False, word or lemma) and (True, prefix stem)."""
    out: set[tuple[bool, str]] = set()
    for lower, lemma in words:
        for w in {lower, lemma}:
            out.add((False, w))
            out.update((True, stem) for stem in _stems(w))
    return frozenset(out)


@dataclass(frozen=True)
class Pattern:
    """One compiled phrase."""

    source: str
    # Each element: (text, is_prefix) or None for a gap.
    elements: tuple[tuple[str, bool] | None, ...]
    # The atoms a sentence must offer for this pattern to have a chance.
    needs: frozenset[tuple[bool, str]] = frozenset()

    def match(self, words: Sequence[tuple[str, str]], start: int = 0,
              offered: frozenset[tuple[bool, str]] | None = None) -> tuple[int, int] | None:
        """The first (start, end) token range in ``words`` at or after ``start`` where this matches.

        ``offered`` (from :func:`atoms`) lets a caller rule out most patterns at once.
        """
        if offered is not None and not self.needs <= offered:
            return None
        n = len(words)
        for i in range(start, n):
            end = self._match_at(words, i, 0)
            if end is not None:
                return i, end
        return None

    def _match_at(self, words: Sequence[tuple[str, str]], i: int, k: int) -> int | None:
        elements = self.elements
        if k == len(elements):
            return i
        el = elements[k]
        if el is None:
            for skip in range(GAP + 1):
                end = self._match_at(words, i + skip, k + 1)
                if end is not None:
                    return end
            return None
        if i >= len(words):
            return None
        text, prefix = el
        lower, lemma = words[i]
        if prefix:
            ok = prefix_match(lower, text) or prefix_match(lemma, text)
        else:
            ok = lower == text or lemma == text
        if not ok:
            return None
        return self._match_at(words, i + 1, k + 1)


def compile_phrase(phrase: str) -> Pattern:
    elements: list[tuple[str, bool] | None] = []
    for raw in phrase.lower().split():
        if raw == "...":
            elements.append(None)
            continue
        prefix = raw.endswith("*")
        core = raw.rstrip("*")
        parts = [p for p in core.replace("-", " - ").split() if p]
        for j, part in enumerate(parts):
            elements.append((part, prefix and j == len(parts) - 1))
    # A leading or trailing gap is meaningless.
    while elements and elements[0] is None:
        elements.pop(0)
    while elements and elements[-1] is None:
        elements.pop()
    needs = frozenset((el[1], el[0]) for el in elements if el is not None)
    return Pattern(source=phrase, elements=tuple(elements), needs=needs)


@dataclass(frozen=True)
class EventRule:
    event_type: str
    sub_event_type: str | None
    priority: int
    triggers: tuple[Pattern, ...]
    requires: tuple[Pattern, ...] = field(default_factory=tuple)
    excludes: tuple[Pattern, ...] = field(default_factory=tuple)
    # Phrases of which one must lie close to the trigger (an attack's target): within
    # ``window_before`` words before it ("troops were ambushed") or ``window_after`` after it.
    near: tuple[Pattern, ...] = field(default_factory=tuple)
    window_before: int = 5
    window_after: int = 5


def _read_json(name: str) -> Any:
    path = resources.files("reportedly.nlp").joinpath("lexicons", name)
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def context_excludes() -> tuple[tuple[Pattern, ...], tuple[Pattern, ...]]:
    """Phrases that veto every rule, and the phrases that lift that veto."""
    data = _read_json("events_rules.json").get("context_excludes") or {}
    return (tuple(compile_phrase(p) for p in data.get("phrases", [])),
            tuple(compile_phrase(p) for p in data.get("unless", [])))


@lru_cache(maxsize=1)
def event_rules() -> tuple[EventRule, ...]:
    """The event rules of ``lexicons/events_rules.json``, highest priority first."""
    from reportedly.model import SUB_EVENT_TYPES

    data = _read_json("events_rules.json")
    rules = []
    for r in data["rules"]:
        etype, sub = r["type"], r.get("sub")
        if etype not in SUB_EVENT_TYPES or (sub is not None and sub not in SUB_EVENT_TYPES[etype]):
            raise ValueError(f"events_rules.json: unknown event type {etype}/{sub}")
        rules.append(EventRule(
            event_type=etype, sub_event_type=sub, priority=int(r["priority"]),
            triggers=tuple(compile_phrase(p) for p in r["triggers"]),
            requires=tuple(compile_phrase(p) for p in r.get("requires", [])),
            excludes=tuple(compile_phrase(p) for p in r.get("excludes", [])),
            near=tuple(compile_phrase(p) for p in r.get("near", [])),
            window_before=int(r.get("window_before", r.get("window", 5))),
            window_after=int(r.get("window_after", r.get("window", 5))),
        ))
    rules.sort(key=lambda rule: -rule.priority)
    return tuple(rules)
