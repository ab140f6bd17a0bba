"""Headlines read as sentences.

A headline drops its articles ("Authorities identify Alton boy killed while playing
basketball", "Teen charged after shooting death of Jessamine girl"); the claims reader reads
news sentences, where a victim comes with one ("an Alton boy", "the shooting death of a
Jessamine girl"). :func:`with_articles` puts the articles back, and :func:`back_span` maps
offsets in the result to the headline as written, so that every span of a claim read there
still quotes the headline.

The words come from ``lexicons/claims_lexicon.json``: the single victim nouns, the
``headline_victim_modifiers`` that may stand before one ("unarmed", "off-duty"), the
``headline_determiners`` that already make a noun phrase ("his", "the", "one"), and the
``headline_nominals`` of a casualty told as a noun ("shooting death of") with their
``headline_nominal_modifiers`` ("fatal", "apparently accidental").
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from reportedly.nlp.claims_lexicon import LEX

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.-]*|[^\sA-Za-z0-9]")
_AGE = re.compile(r"^(?:\d+|[a-z]+(?:-[a-z]+)?)-(?:year|month|week)-old$", re.I)


def _is_age(word: str) -> bool:
    """'7-year-old', 'Sixteen-year-old'."""
    return bool(_AGE.match(word))


def with_articles(title: str, pos: Mapping[int, str] | None = None) -> tuple[str, list[int]]:
    """The headline with the articles its noun phrases lack, and for each character of the
    result the offset of the headline's character it stands for (an inserted article stands
    for the character it is put before). A headline that lacks none comes back as it is.

    ``pos`` gives the part of speech (spaCy's coarse tags) of the word starting at an offset,
    where a parse knows it: an adjective or a noun before a victim belongs to its phrase ("best
    friend", "township man"); a determiner, a pronoun or a number makes the phrase already."""
    tags = pos or {}
    words = [(m.group(0), m.start()) for m in _TOKEN.finditer(title)]
    lows = [w.lower() for w, _ in words]
    victims = LEX.single_victim_nouns
    modifiers = LEX.sets["headline_victim_modifiers"]
    determiners = LEX.sets["headline_determiners"]
    nominals = LEX.sets["headline_nominals"]
    nominal_modifiers = LEX.sets["headline_nominal_modifiers"]
    perpetrators = LEX.sets["headline_perpetrator_nouns"]
    casualty_verbs = LEX.sets["headline_casualty_verbs"]
    numbers = LEX.sets["headline_number_words"]
    after_count = LEX.sets["headline_small_words"] | LEX.sets["headline_time_openers"]
    inserts: dict[int, str] = {}  # offset in the title -> the article put before it
    lowered: set[int] = set()  # offsets of a common word that now follows an article ("a man")

    def determined(s: int) -> bool:
        """The word before word ``s`` already makes a noun phrase of what follows it."""
        if s == 0:
            return False
        prev = lows[s - 1]
        if _is_age(prev):
            return False  # "9-year-old girl": the age is part of the phrase
        return prev in determiners or prev in victims or prev.endswith(("'s", "’s")) or prev[:1].isdigit() \
            or tags.get(words[s - 1][1]) in ("DET", "PRON", "NUM")

    def common(s: int) -> bool:
        return lows[s] in victims or lows[s] in modifiers or _is_age(lows[s])

    def modifies(s: int) -> bool:
        """Word ``s`` can stand inside a victim's noun phrase, before its noun."""
        tag = tags.get(words[s][1])
        return common(s) or words[s][0][:1].isupper() or tag in ("ADJ", "NOUN", "PROPN") or (
            s == 0 and tag == "VERB" and lows[s].endswith("ed"))  # "Wounded teen found ..."

    for k, low in enumerate(lows):
        nxt = words[k + 1][0] if k + 1 < len(words) else ""
        if low in perpetrators:
            continue  # "Police search for shooter who wounded ...": the victim is elsewhere
        if low in casualty_verbs and (nxt.isdigit() or nxt.lower() in numbers) and (
                k + 2 >= len(words) or lows[k + 2] in after_count or tags.get(words[k + 2][1]) not in ("NOUN", "PROPN")
                and lows[k + 2] not in victims and not words[k + 2][0][:1].isupper()
                and not (tags.get(words[k + 2][1]) == "ADJ" and k + 3 < len(words)
                         and tags.get(words[k + 3][1]) in ("NOUN", "PROPN"))):
            # "Gunman kills three", "shooting that injured four last year": a bare count of people
            at = words[k + 2][1] if k + 2 < len(words) else len(title)
            inserts[at] = "people"
            continue
        if low in victims or _is_age(low):
            if nxt[:1].isupper() or nxt == "," or nxt.lower() in victims or _is_age(nxt):
                continue  # "Officer John Roe", "Girl, 10, shot", "teen girl": the last noun decides
            if k > 0 and lows[k - 1] in nominals:
                continue  # "shooting victim identified": a victim, dead or alive
            s = k
            while s > 0 and not determined(s) and modifies(s - 1) and lows[s - 1] not in nominals:
                s -= 1  # "Alton boy", "College basketball player", "7-year-old Dallas girl"
            if determined(s):
                continue
            article = "an" if lows[s][:1] in "aeiou" else "a"
            inserts[words[s][1]] = article
            if common(s):
                lowered.add(words[s][1])  # "Police: a man shot", not "a Man"
        elif low in nominals and nxt.lower() in ("of", "death", "deaths") and not (k > 0 and lows[k - 1] in nominals):
            s = k
            while s > 0 and lows[s - 1] in nominal_modifiers:
                s -= 1  # "fatal shooting of", "apparently accidental shooting death of"
            if nxt.lower() == "of" and low in LEX.sets["headline_open_nominals"] and not any(
                    lows[x] in LEX.sets["headline_fatal_modifiers"] for x in range(s, k)):
                continue  # "avoids jail for shooting of friend": shot, dead or alive
            if not determined(s):
                inserts[words[s][1]] = "the"
                lowered.add(words[s][1])
    # "Tucson police: Boy, 3, wounded ...": what a short source prefix says opens a sentence of its own
    colon = _PREFIX.match(title)
    if not inserts and colon is None:
        return title, list(range(len(title)))
    out: list[str] = []
    back: list[int] = []
    for i, ch in enumerate(title):
        if colon is not None and i == colon.start(1):
            ch = "."
        if i in inserts:
            art = inserts[i] + " "
            out.append(art.capitalize() if i == 0 or (colon is not None and i == colon.end()) else art)
            back.extend([i] * len(art))
            if i in lowered:
                ch = ch.lower()
        out.append(ch)
        back.append(i)
    if len(title) in inserts:
        tail = " " + inserts[len(title)]
        out.append(tail)
        back.extend([len(title) - 1] * len(tail))
    return "".join(out), back


_PREFIX = re.compile(r"^[A-Z][\w.'’-]*(?: [\w.'’-]+){0,2}(:) (?=[A-Z0-9])")


def back_span(back: list[int], start: int, end: int, length: int) -> tuple[int, int]:
    """Offsets ``[start, end)`` of :func:`with_articles`' text (``back`` its map) in the headline
    of ``length`` characters; offsets past the text (in what follows it) move back by the
    articles' length."""
    grown = len(back) - length
    if start >= len(back):
        return start - grown, end - grown
    s = back[start]
    e = back[min(end, len(back)) - 1] + 1 if end > start else s
    if end > len(back):
        e = end - grown
    return s, max(s, e)
