"""Event mentions (ACLED event types).

Every sentence that reports an incident of ACLED's taxonomy yields a :class:`Mention`. The
decision is lexicon-driven: ``lexicons/events_rules.json`` lists, per sub-event type, trigger
phrases, context phrases the sentence must contain (``requires``) and phrases that veto the
rule (``excludes``). When several rules fire, the one of highest priority wins, which encodes
ACLED's precedence (remote violence > demonstrations turned violent > battles > violence
against civilians > peaceful protests > strategic developments).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from reportedly.model import Evidence, Mention
from reportedly.model import Span as TextSpan
from reportedly.nlp.mentions_lexicon import EventRule, Pattern, atoms, context_excludes, event_rules

DATE_WORD = ("#date", "#date")


def _words(sent: SpacySpan) -> list[tuple[str, str]]:
    # Words inside dates match nothing: "March 21" is no march, "Sunday" no trigger.
    return [DATE_WORD if t.ent_type_ in ("DATE", "TIME") and not t.like_num else (t.lower_, t.lemma_.lower())
            for t in sent]


def _any(patterns: Sequence[Pattern], words: Sequence[tuple[str, str]],
         offered: frozenset[tuple[bool, str]]) -> bool:
    return any(p.match(words, offered=offered) is not None for p in patterns)


def _near(rule: EventRule, words: Sequence[tuple[str, str]], offered: frozenset[tuple[bool, str]],
          trig: tuple[int, int]) -> bool:
    """Whether one of the rule's ``near`` phrases lies close enough to the trigger."""
    lo, hi = max(0, trig[0] - rule.window_before), min(len(words), trig[1] + rule.window_after)
    for p in rule.near:
        m = p.match(words, lo, offered=offered)
        while m is not None and m[0] < hi:
            if m[1] <= hi:
                return True
            m = p.match(words, m[0] + 1, offered=offered)
    return False


def _first_trigger(rule: EventRule, words: Sequence[tuple[str, str]],
                   offered: frozenset[tuple[bool, str]]) -> tuple[int, int] | None:
    # Triggers are listed most specific first: the first listed one that matches names the event.
    for p in rule.triggers:
        m = p.match(words, offered=offered)
        while m is not None:
            if not rule.near or _near(rule, words, offered, m):
                return m
            m = p.match(words, m[0] + 1, offered=offered)
    return None


def classify_words(words: Sequence[tuple[str, str]]) -> tuple[EventRule, tuple[int, int]] | None:
    """The winning rule and its trigger's token range for a sentence given as (lower, lemma) pairs."""
    offered = atoms(words)
    vetoes, lifts = context_excludes()
    if _any(vetoes, words, offered) and not _any(lifts, words, offered):
        return None
    for rule in event_rules():
        trig = _first_trigger(rule, words, offered)
        if trig is None:
            continue
        if rule.requires and not _any(rule.requires, words, offered):
            continue
        if rule.excludes and _any(rule.excludes, words, offered):
            continue
        return rule, trig
    return None


def classify_sentence(sent: SpacySpan) -> tuple[str, str | None, SpacySpan | None] | None:
    """(event_type, sub_event_type, trigger span) for a sentence reporting an ACLED incident, else None.

    Works on any span (a sentence, a clause, a headline); the trigger is a span of the same doc.
    """
    words = _words(sent)
    found = classify_words(words)
    if found is None:
        return None
    rule, (i, j) = found
    trigger = sent[i:j] if j > i else None
    return rule.event_type, rule.sub_event_type, trigger


def extract_mentions(doc: Doc) -> list[Mention]:
    """One mention per sentence that reports an incident, in text order."""
    out: list[Mention] = []
    for sent in doc.sents:
        if not any(t.is_alpha for t in sent):
            continue
        found = classify_sentence(sent)
        if found is None:
            continue
        etype, sub, trig = found
        if trig is None:
            continue
        out.append(Mention(
            event_type=etype,
            sub_event_type=sub,
            trigger=TextSpan(text=trig.text, start=trig.start_char, end=trig.end_char),
            evidence=Evidence(start=sent.start_char, end=sent.start_char + len(sent.text.rstrip()),
                              text=sent.text.rstrip()),
        ))
    return out
