"""Responsibility claims: who says who did it ("police blamed a rival gang", "the attack was
carried out by X", "X ambushed soldiers, according to state media", "X denied any role").

Works on a :class:`~reportedly.model.DocumentResult` (its text and statements) with the
patterns of ``lexicons/responsibility.json``, sentence by sentence, with no model: it runs in
the cluster stage over stored documents. The claimant of a responsibility claim is the
speaker of the statement that contains it, else the source the sentence names ("according to
X", "X said"), else nobody (the outlet's own voice).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportedly.model import Claim, DocumentResult, Evidence, ResponsibilityClaim, Span
from reportedly.options import DEFAULT, Options

LEXICON = Path(__file__).with_name("lexicons") / "responsibility.json"


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LEXICON.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def _compiled() -> dict[str, list[re.Pattern[str]]]:
    lex = _lexicon()
    verbs = sorted(lex["subject_verbs"], key=len, reverse=True)
    subject = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(v) for v in verbs) + r")(?![\w-])")
    return {
        "object": [re.compile(p) for p in lex["object_patterns"]],
        "subject": [subject],
        "denial": [re.compile(p) for p in lex["denial_patterns"]],
        "claimant": [re.compile(p) for p in lex["claimant_patterns"]],
    }


_SENT_END = re.compile(r"(?<=[.!?”\"’])\s+(?=[A-Z“\"‘'])|\n+")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Rough sentence spans (start, end) of a text: enough for pattern matching."""
    start = 0
    for m in _SENT_END.finditer(text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def _mask_quotes(s: str) -> str:
    """The sentence with quoted passages blanked (same length), so commas inside them don't count."""
    return _QUOTED.sub(lambda m: m.group(0)[0] + " " * (len(m.group(0)) - 2) + m.group(0)[-1], s)


def _clean_np(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim a perpetrator phrase at ``text[start:end]`` to its noun phrase, or None if it is not one."""
    lex = _lexicon()
    seg = text[start:end]
    cut = len(seg)
    low = " " + seg.lower() + " "
    for marker in lex["cut_after"]:
        i = low.find(marker, 1)
        if 0 < i <= cut:
            cut = i - 1
    seg = seg[:cut]
    # leading conjunctions and adverbs
    lead = re.match(r"^(?:\s|and\b|but\b|then\b|however\b|later\b|also\b)+", seg, re.I)
    offset = lead.end() if lead else 0
    seg = seg[offset:].rstrip(" .,'’\"")
    trail = re.search(r"(?:\s+(?:reportedly|allegedly|apparently|also|then|later|had|have|has|"
                      r"were|was|is|are|first|once|again))+$", seg, re.I)
    if trail:
        seg = seg[:trail.start()]
    words = seg.split()
    if not words or len(words) > int(lex["max_words"]):
        return None
    if not any(ch.isalpha() for ch in seg):
        return None
    low_words = [w.lower().strip(".,'’\"") for w in words]
    bad = set(lex["not_perpetrators"])
    if low_words[0] in bad or low_words[-1] in bad or seg.lower() in bad:
        return None
    if low_words[0] in ("to", "for", "as", "if", "when", "while", "because", "said", "says"):
        return None
    s = start + offset
    return s, s + len(seg)


def _subject_before(text: str, sent_start: int, verb_start: int) -> tuple[int, int] | None:
    """The subject of a verb: the clause before it, after any "According to X," or comma."""
    masked = _mask_quotes(text[sent_start:verb_start])
    begin = 0
    acc = re.match(r"^\s*(?i:according to)\s+[^,]{2,80},(?:\s*however,)?", masked)
    if acc:
        begin = acc.end()
    # the last clause boundary before the verb, outside quotes
    tail = masked[begin:]
    cut = max(tail.rfind(", "), tail.rfind("; "), tail.rfind(": "))
    # an "armed with ..." tail is part of the subject, keep the head before it
    head_only = re.search(r"\s(?:armed with|wearing|carrying|who)\s", tail)
    if head_only and cut > head_only.start():
        cut = -1
    if cut >= 0:
        begin += cut + 2
    # "when", "after" subordinate clauses: start after the conjunction
    sub = re.search(r"\b(?:when|after|before|as|while|because|that)\s+(?=[^,]*$)", masked[begin:], re.I)
    if sub:
        begin += sub.end()
    return _clean_np(text, sent_start + begin, verb_start)


def _claimant_in(text: str, start: int, end: int, result: DocumentResult,
                 at: int) -> tuple[Span | None, str]:
    """Who a sentence attributes what it says to."""
    for st in result.statements:
        if st.speaker is not None and st.content.start <= at < st.content.end:
            head = _head_of(st.speaker)
            return head, _claimant_type(head.text, text[start:end], result.claims)
    sent = text[start:end]
    for pat in _compiled()["claimant"]:
        m = pat.search(sent)
        if m:
            s, e = start + m.start("who"), start + m.end("who")
            who = text[s:e].strip()
            lead = len(text[s:e]) - len(text[s:e].lstrip())
            s += lead
            e = s + len(who)
            if who and who.lower() not in ("he", "she", "they", "it", "we", "i"):
                return Span(text=who, start=s, end=e), _claimant_type(who, sent, result.claims)
    return None, "none"


def _head_of(speaker: Span) -> Span:
    """A speaker without its appositive: "Jane Roe, head of the X group" -> "Jane Roe"."""
    head, sep, _ = speaker.text.partition(", ")
    if sep and head and all(w[:1].isupper() for w in head.split()) and len(head.split()) <= 5:
        return Span(text=head, start=speaker.start, end=speaker.start + len(head))
    return speaker


def _claimant_type(who: str, sentence: str, claims: Sequence[Claim]) -> str:
    for c in claims:
        if c.claimant is not None and c.claimant.text.lower() == who.lower() and c.claimant_type != "none":
            return c.claimant_type
    low = f" {who.lower()} "
    # an appositive right after the name says what the person is ("X, director of the NGO Y,")
    i = sentence.find(who)
    if i >= 0:
        app = re.match(r",\s*([^,]{3,140}),", sentence[i + len(who):])
        if app:
            low += " " + app.group(1).lower() + " "
    for ctype, words in _lexicon()["claimant_types"].items():
        if any(w in low for w in words):
            return str(ctype)
    return "none"


def extract_responsibility(result: DocumentResult, options: Options = DEFAULT) -> list[ResponsibilityClaim]:
    """Responsibility claims of a document, in text order."""
    text = result.document.text
    pats = _compiled()
    out: list[ResponsibilityClaim] = []
    seen: set[tuple[int, int, str]] = set()

    def add(ps: int, pe: int, s: int, e: int, at: int, stance: str,
            who: Span | None = None, wtype: str = "none") -> None:
        key = (ps, pe, stance)
        if key in seen:
            return
        seen.add(key)
        if who is None and stance == "asserted":
            who, wtype = _claimant_in(text, s, e, result, at)
        out.append(ResponsibilityClaim(
            perpetrator=Span(text=text[ps:pe], start=ps, end=pe), claimant=who, claimant_type=wtype,
            stance=stance, evidence=Evidence(start=s, end=e, text=text[s:e])))

    for s, e in sentences(text):
        sent = text[s:e]
        if len(sent) > 600:
            continue
        masked = _mask_quotes(sent)
        for pat in pats["object"]:
            for m in pat.finditer(sent):
                np = _clean_np(text, s + m.start("perp"), s + m.end("perp"))
                if np:
                    add(np[0], np[1], s, e, s + m.start(), "asserted")
        for pat in pats["subject"]:
            for m in pat.finditer(masked):
                np = _subject_before(text, s, s + m.start())
                if np:
                    add(np[0], np[1], s, e, s + m.start(), "asserted")
        for pat in pats["denial"]:
            for m in pat.finditer(sent):
                np = _clean_np(text, s + m.start("who"), s + m.end("who"))
                if np:
                    who = Span(text=text[np[0]:np[1]], start=np[0], end=np[1])
                    add(np[0], np[1], s, e, s + m.start(), "denied", who,
                        _claimant_type(who.text, sent, result.claims))
    out.sort(key=lambda r: (r.evidence.start, r.perpetrator.start))
    return out


def _victim_groups(sentence: str, perp: Span, sent_start: int) -> set[str]:
    """Victim groups a sentence names outside the perpetrator phrase."""
    a, b = perp.start - sent_start, perp.end - sent_start
    rest = (sentence[:max(a, 0)] + " " + sentence[max(b, 0):]).lower()
    words = set(re.findall(r"[a-z]+", rest))
    return {g for g, ws in _lexicon()["group_words"].items() if words & set(ws)}


def attach_responsibility(claims: Sequence[Claim],
                          found: Sequence[ResponsibilityClaim]) -> list[tuple[int, ResponsibilityClaim]]:
    """Which claim of the document each responsibility claim is about: (claim index, claim).

    Among the document's incident (non-aggregate) claims, prefer one whose evidence overlaps
    sentence names (outside the perpetrator), then one whose place it names, then one without
    a perpetrator of its own, then the nearest claim before it, then the nearest after.
    """
    cands = [i for i, c in enumerate(claims) if not c.aggregate]
    if not cands:
        return []
    out = []
    for rc in found:
        sent = rc.evidence.text
        groups = _victim_groups(sent, rc.perpetrator, rc.evidence.start)
        low = sent.lower()

        def rank(i: int, rc: ResponsibilityClaim = rc, groups: set[str] = groups, low: str = low) -> tuple[
                int, int, int]:
            c = claims[i]
            score = 0
            if c.group in groups:
                score += 2
            if c.location is not None and c.location.name and c.location.name.lower() in low:
                score += 1
            if c.perpetrator is not None:
                score -= 1
            if c.evidence.start < rc.evidence.end and rc.evidence.start < c.evidence.end:
                score += 4  # the claim's own sentence
            dist = rc.evidence.start - c.evidence.start
            return (-score, 0 if dist >= 0 else 1, abs(dist))

        out.append((sorted(cands, key=rank)[0], rc))
    return out
