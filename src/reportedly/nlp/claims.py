"""Figure claims: who says how many people were killed or injured (GUIDELINES.md).

``extract_claims(doc)`` works on an already parsed spaCy ``Doc``. Only sentences that hold a
figure-like token and a casualty word get the detailed treatment, so the cost over a bare
``nlp.pipe`` stays small. The vocabulary lives in ``lexicons/claims_lexicon.json``; the
attribution logic (claimant, relays, pronouns, implicit sources) in
:mod:`reportedly.nlp.attribution`.

Steps for one sentence:

1. find figures: digits, number words, vague words ("dozens"), single victims ("a man");
2. link each figure to a casualty word to its right ("... were killed", "N dead") or left
   ("killing N", "the death toll rose to N"), reject mixed totals ("dead and wounded");
3. fill the fields: qualifier, group, claimant, stance, aggregate, event type, place, time,
   perpetrator, evidence;
4. across the document: merge headline restatements and repeated figures.

The casualties of an unintentional shooting are no figure claims; they come out as records
with ``event_type`` ``accident`` (``model.ACCIDENT``), which the ledger keeps apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from reportedly.geo.toponyms import numbered_district
from reportedly.model import ACCIDENT, Claim, Evidence, Location, Mention, Statement, TimeRef
from reportedly.model import Span as MSpan
from reportedly.nlp.attribution import Attributor, Source, claimant_type_of
from reportedly.nlp.claims_lexicon import LEX
from reportedly.nlp.numbers import TENS, UNITS, VAGUE, parse_number

_AUX_SKIP = LEX.sets["aux_skip"]
_NP_SKIP_POS = {"ADJ", "NOUN", "PROPN", "DET", "NUM", "PUNCT", "ADV", "CCONJ", "PART", "X", "SYM"}
_LEFT_SKIP = LEX.sets["left_skip"]
_SUBGROUP_MARKERS = LEX.sets["subgroup_markers"]
_RANGE_JOINERS = LEX.sets["range_joiners"]
_INSERT_STARTS = LEX.sets["insert_starts"]
_DEMOGRAPHIC = LEX.sets["demographic"]
_STREET_WORDS = LEX.sets["street_words"]
_ACCIDENT_WORDS = LEX.sets["accident_words"]
_ACCIDENT_SHOOTING = LEX.sets["accident_shooting_words"]
_WEAPON_WORDS = LEX.sets["weapon_words"]
_CHILD_WORDS = LEX.sets["child_words"]
_DATE_WORDS = LEX.sets["date_words"]


@dataclass
class _Figure:
    start: int  # token index of the first token of the number
    end: int  # exclusive
    value: int
    vague: bool = False
    qualifier: str = "exact"
    qual_start: int | None = None
    single: bool = False  # "a man", "one civilian"
    range_role: str | None = None  # "low" / "high"
    partner: _Figure | None = None
    named: bool = False  # a named victim ("Jane Doe, 31, was shot and killed")
    link_from: int | None = None  # where the words after the figure start (after an apposition)
    definite: bool = False  # "the two victims": counts only as the subject of a passive casualty verb
    pronoun: bool = False  # "he died at the hospital": a killed victim referred to by a pronoun
    headline: bool = False  # "Teen killed in ...": a headline's victim without an article
    pair_pending: bool = False  # "the man and ...": one victim only if no second one joins it


@dataclass
class _Found:
    fig: _Figure
    kind: str
    trigger: int  # token index of the casualty word
    np_tokens: list[int] = field(default_factory=list)
    subgroup_of: _Found | None = None
    condition: bool = False  # "two remain in critical condition", "suffered gunshot wounds": no casualty verb
    listed: bool = False  # single victims of several clauses counted together: no "shot" total
    plus_one: bool = False  # "four were shot and a fifth was hurt": the count grown by one told apart
    own_accident: bool = False  # "a boy accidentally shot himself": the victim of his own accident


# ---------------------------------------------------------------- figures


def _is_age_or_year(doc: Doc, i: int, j: int) -> bool:
    t = doc[i]
    text = t.text
    # "17-year-old", "a 2-year-old child", "aged 27"
    if j < len(doc) and doc[j].text in ("-", "–") and j + 1 < len(doc) and doc[j + 1].lower_.startswith("year"):
        return True
    if j < len(doc) and doc[j].lower_ in ("year", "years") and j + 1 < len(doc) and doc[j + 1].lower_ in ("old", "-"):
        return True
    if i > 0 and doc[i - 1].lower_ in ("aged", "age", "ages", "turned", "turn", "turns", "turning"):
        return True
    # "three men, aged 21, 22 and 24", "ages 19 through 43": the later ages of a list
    k = i - 1
    while k > 0 and k > i - 8 and (doc[k].like_num or doc[k].text in (",", "-", "–") or doc[k].lower_ in (
            "and", "or", "to", "of", "between", "through", "thru")):
        k -= 1
    if k < i - 1 and doc[k].lower_ in ("aged", "ages"):
        return True
    # "in her early 20's": a decade of age
    if j < len(doc) and doc[j].text in ("'s", "’s", "s") and not doc[i].whitespace_ and text.isdigit() and \
            int(text) % 10 == 0:
        return True
    # "7 Action News", "5 Eyewitness News": a station's name
    for k in range(j, min(j + 3, len(doc))):
        if not doc[k].is_title and not doc[k].is_upper:
            break
        if doc[k].lower_ in _MEDIA_WORDS:
            return True
    # "WAVE 3 News", "Club 21": a number inside a name
    if t.ent_type_ in ("ORG", "FAC", "PRODUCT", "WORK_OF_ART") and (t.ent_iob_ == "I" or (
            j < len(doc) and doc[j].ent_iob_ == "I" and doc[j].is_title and doc[j].lower_ not in LEX.person_nouns)):
        return True
    # "News 5", "Channel 4": a number naming what comes before it
    if i > 0 and doc[i - 1].pos_ == "PROPN" and t.head.i == i - 1 and doc[i - 1].is_title and \
            doc[i - 1].ent_type_ in ("ORG", "") and not (j < len(doc) and (
                doc[j].pos_ == "ADP" or _kind_of_word(doc[j].lower_) or doc[j].lower_ in LEX.person_nouns)):
        return True
    # "a 50", "on 1-20": a label, a road
    if i > 0 and doc[i - 1].lower_ in ("a", "an") and text.isdigit():
        return True
    if i > 0 and doc[i - 1].lower_ in ("a", "an") and doc[i - 1].is_lower and t.is_title and t.is_alpha and \
            j < len(doc) and doc[j].is_title:
        return True  # "the murder of an Eight Trey Crip": a number word inside a name
    if i > 2 and doc[i - 1].text in ("-", "–") and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_ and \
            doc[i - 2].like_num and doc[i - 3].lower_ in ("on", "off", "onto", "along", "near", "via"):
        return True
    # "866-435-9355": a phone number; "8 yo girl": an age
    if j + 3 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_ and doc[j + 1].text.isdigit() and \
            doc[j + 2].text == "-" and doc[j + 3].text[:1].isdigit():
        return True
    if j < len(doc) and doc[j].lower_ in ("yo", "y/o", "y.o."):
        return True
    if j + 2 < len(doc) and doc[j].lower_ == "y" and doc[j + 1].text == "/" and doc[j + 2].lower_ == "o":
        return True  # "a 43 y/o man" split in three tokens
    if j + 1 < len(doc) and doc[j].lower_ in ("yr", "yrs", "yr.", "yrs.", "yo.") and doc[j + 1].lower_ == "old":
        return True  # "3 yr old injured": an age
    if j + 1 < len(doc) and doc[j].text in ("-", "–") and doc[j + 1].lower_ in ("yr", "yrs", "yo"):
        return True  # "a 5-yr-old"
    # "a six-shot revolver", "a two-car crash": a number joined to a word it modifies
    if j + 1 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_ and \
            doc[j + 1].is_alpha and doc[j + 1].lower_ not in LEX.person_nouns and _kind_of_word(doc[j + 1].lower_) is None \
            and not doc[j + 1].lower_.startswith("year"):
        return True
    # "Image 2 of 8", "1 of 15": counters
    if i > 1 and doc[i - 1].lower_ == "of" and doc[i - 2].like_num:
        return True
    # "about 1 this morning"
    if j + 1 < len(doc) and doc[j].lower_ in ("this", "last", "on") and doc[j + 1].lower_ in (
            "morning", "afternoon", "evening", "night"):
        return True
    # "one 29 years old, two others 37 —": an age straight after the people it describes
    if i > 0 and doc[i - 1].lower_ in LEX.person_nouns and j < len(doc) and doc[j].text in (
            ",", "—", "–", ")", ";") and text.isdigit():
        return True
    # "a boy younger than 12", "children under the age of 5": an age
    if i > 1 and doc[i - 1].lower_ == "than" and doc[i - 2].lower_ in ("younger", "older"):
        return True
    # "two men, 19 and 20, were shot": a pair of ages after the people
    if i > 1 and doc[i - 1].text == "," and doc[i - 2].lower_ in LEX.person_nouns and text.isdigit() and \
            j + 2 < len(doc) and doc[j].lower_ in ("and", "or") and doc[j + 1].text.isdigit() and doc[j + 2].text in (
                ",", ")", ".", ";", "—", "–"):
        return True
    # "two men, 19 and 20, were shot": the second age of a pair
    if i > 2 and doc[i - 1].lower_ in ("and", "or") and doc[i - 2].like_num and text.isdigit() and \
            _is_age_or_year(doc, i - 2, i - 1) and j < len(doc) and doc[j].text in (",", ")", ".", ";", "—", "–"):
        return True
    # "two women - both 19 - were shot": a shared age
    if i > 0 and doc[i - 1].lower_ == "both" and text.isdigit() and j < len(doc) and doc[j].text in (
            ",", "—", "–", "-", ")", ";", "."):
        return True
    # ", 27," after a name
    if i > 1 and doc[i - 1].text == "," and (doc[i - 2].pos_ == "PROPN" or doc[i - 2].lower_ in LEX.person_nouns) and \
            j < len(doc) and doc[j].text in (
            ",", ")", ".", "-", "–", "—", ";"):
        return True
    # "Ann Roe, 66 and Bo Roe, 64 were found dead": an age closing a name without its comma
    if i > 1 and doc[i - 1].text == "," and doc[i - 2].ent_type_ == "PERSON" and text.isdigit() and \
            int(text) <= 110 and j < len(doc) and doc[j].lower_ in ("and", "were", "was", "are", "is", "of", "from",
                                                                    "all", "both", "each", "died", "had", "have"):
        return True
    if re.fullmatch(r"(1[89]|20)\d\d", text):
        nxt = doc[j].lower_ if j < len(doc) else ""
        if nxt not in LEX.killed_words and nxt not in LEX.injured_words and nxt not in LEX.person_nouns:
            return True
    if i > 0 and doc[i - 1].lower_.rstrip(".") in _DATE_WORDS:
        return True
    if i > 0 and (doc[i - 1].lower_ in _STREET_WORDS or doc[i - 1].lower_ in ("no.", "number", "#", "route", "interstate",
                                                                               "channel", "page", "image", "photo")):
        return True
    if j < len(doc) and doc[j].lower_ in _DATE_WORDS:
        return True
    if t.ent_type_ in ("MONEY", "PERCENT", "ORDINAL"):
        return True
    if t.ent_type_ == "QUANTITY" and j < len(doc) and doc[j].lower_ in LEX.non_person_units:
        return True
    if t.ent_type_ == "TIME":
        near = {doc[k].lower_ for k in range(max(i - 2, 0), min(j + 2, len(doc)))}
        if near & {"a.m.", "p.m.", "am", "pm", "gmt", "hours", "hrs", "o'clock", "minutes", ":", "local", "time"}:
            return True
    parsed = parse_number(text)
    age_noun_next = j + 2 < len(doc) and doc[j].like_num and doc[j + 1].text in ("-", "–") and doc[j + 2].lower_ in (
        "year", "month")  # "two 17-year-olds"
    if t.ent_type_ == "DATE" and (parsed[0] if parsed else 0) <= 31 and not age_noun_next and not (
            j < len(doc) and (doc[j].lower_ in LEX.person_nouns or doc[j].lower_ in LEX.killed_words)):
        if any(w.lower_ in _DATE_WORDS or re.fullmatch(r"(1[89]|20)\d\d", w.text) or w.lower_ in (
                "year", "years", "days", "months", "weeks", "hours", "day", "month", "week")
               for w in t.sent if w.ent_iob_ != "O" and w.ent_type_ == "DATE" and abs(w.i - i) < 4):
            return True
    return False


def _number_run(doc: Doc, i: int, stop: int) -> int:
    """End (exclusive) of the number words/digits starting at ``i``."""
    j = i
    while j < stop:
        w = doc[j].lower_
        parts = w.split("-")
        if j > i and (doc[j].like_num and doc[j - 1].like_num) and (
                any(c.isdigit() for c in doc[j].text) or any(c.isdigit() for c in doc[j - 1].text)) and \
                doc[j].lower_ not in ("hundred", "thousand", "million"):
            break
        if w in ("-", "–") and j > i and doc[j - 1].lower_ in TENS and j + 1 < stop and doc[j + 1].lower_ in UNITS:
            j += 1
            continue
        if (doc[j].like_num and not any(c in w for c in "/:.")) or w in UNITS or w in TENS or w in (
                "hundred", "thousand", "million", "dozen") or (
                len(parts) > 1 and all(p and (p in UNITS or p in TENS) for p in parts)):
            j += 1
            continue
        if w == "and" and j > i and j + 1 < stop and doc[j + 1].lower_ in UNITS and doc[j - 1].lower_ in (
                "hundred", "thousand"):
            j += 1
            continue
        break
    return j


def _qualifier_before(doc: Doc, i: int, lo: int) -> tuple[str | None, int]:
    best: tuple[str | None, int] = (None, i)
    for n in (4, 3, 2, 1):
        s = i - n
        if s < lo:
            continue
        phrase = " ".join(t.lower_ for t in doc[s:i])
        q = LEX.qualifiers.get(phrase)
        if q is not None:
            return q, s
    return best


def _find_figures(sent: Span) -> list[_Figure]:
    doc = sent.doc
    out: list[_Figure] = []
    i = sent.start
    stop = sent.end
    while i < stop:
        t = doc[i]
        w = t.lower_
        fig: _Figure | None = None
        if w in VAGUE:
            nxt = doc[i + 1].lower_ if i + 1 < stop else ""
            if w in ("several", "multiple") and (nxt in ("dozen", "dozens")):
                fig = _Figure(i, i + 2, 12, vague=True)
            elif w in ("several", "multiple", "few"):
                if w == "few" and not (i > sent.start and doc[i - 1].lower_ == "a"):
                    i += 1
                    continue
                # only before a person noun or a casualty word
                if _person_ahead(doc, i + 1, stop):
                    fig = _Figure(i - 1 if w == "few" else i, i + 1, 3, vague=True)
            else:
                fig = _Figure(i, i + 1, VAGUE[w], vague=True)
        elif w == "dozen" and i > sent.start and doc[i - 1].lower_ in ("a", "one"):
            half = i - 2 >= sent.start and doc[i - 2].lower_ == "half"
            fig = _Figure(i - 2 if half else i - 1, i + 1, 6 if half else 12)  # "half a dozen"
        elif w == "dozen" and i - 1 > sent.start and doc[i - 1].text in ("-", "–") and doc[i - 2].lower_ == "half":
            fig = _Figure(i - 2, i + 1, 6)  # "a half-dozen people"
        elif w in ("a", "an", "another", "one") and not t.like_num or w == "one":
            j = _single_victim_noun(doc, i + 1, stop)
            if j is not None and w in ("a", "an") and (bare := _bare_list(doc, j + 1, stop)) is not None:
                # "a man, woman and child were taken to a hospital": listed victims
                fig = _Figure(i, bare[0], 1 + bare[1], single=True)
            elif j is not None:
                fig = _Figure(i, j, 1, single=True)
            elif w == "one":
                fig = _Figure(i, i + 1, 1)
            elif w == "another" and out and i + 1 < stop and (
                    doc[i + 1].lower_ in _AUX_SKIP or _kind_of_word(doc[i + 1].lower_)) and not doc[i + 1].like_num and not (
                    i + 2 < stop and doc[i + 2].pos_ in ("NOUN", "PROPN")):
                # "one man dead and another wounded"
                fig = _Figure(i, i + 1, 1, single=True)
        elif i == sent.start and w not in ("a", "an", "the", "one", "another") and (
                not t.like_num or _age_at(doc, i, stop)) and (j := _headline_victim(doc, i, stop)) is not None:
            # a headline drops the article: "Teen killed in overnight shooting", "Man shot, suspect held"
            fig = _Figure(i, j, 1, single=True, headline=True)
        elif w in ("his", "her", "their") and i > sent.start and (
                doc[i - 1].lower_ in LEX.left_triggers or doc[i - 1].lower_ in LEX.shot_words or
                doc[i - 1].lower_ == "shooting") and (rl := _relative_list(doc, i, stop)) is not None and (
                rl[2] >= 2 or rl[1] >= 2):
            # "killing his wife and their four children", "shot his mother, stepfather and grandmother"
            fig = _Figure(i, rl[0] + 1, rl[1], single=rl[1] == 1)
        elif w in ("his", "her", "their") and i > sent.start and (rl := _relative_list(doc, i, stop)) is not None and \
                rl[2] >= 2 and doc[rl[3]].dep_ in ("nsubj", "nsubjpass"):
            # "his mother and younger brother were dead": listed victims, counted when no total is given
            fig = _Figure(i, rl[0] + 1, rl[1], single=rl[1] == 1, named=True)
        elif w in ("his", "her", "their") and i > sent.start and (
                doc[i - 1].lower_ in LEX.left_triggers or doc[i - 1].lower_ in LEX.shot_words or
                doc[i - 1].lower_ == "shooting") and (
                j := _relative_after(doc, i - 1, stop, joined=False)) is not None:
            # "shot and killed his wife", "fatally shot her estranged husband"
            fig = _Figure(i, j, 1, single=True)
        elif w in ("his", "her", "their") and i > 0 and (
                j := _relative_after(doc, i - 1, stop, joined=False)) is not None and doc[j].dep_ in ("nsubj", "nsubjpass"):
            # "after his friend was shot": a described victim, like "the friend"
            fig = _Figure(i, j, 1, single=True, named=True)
        elif w in ("'s", "’s") and i > sent.start and doc[i - 1].pos_ == "PROPN" and (
                j := _possessed_relative(doc, i, stop)) is not None:
            # "Jada's father, 32-year-old James Page, was also shot": a described victim, like "her father"
            fig = _Figure(i - 1, j, 1, single=True, named=True)
        elif w == "both" and i + 1 < stop and _both_people(doc, i + 1, stop):
            # "both boys were dead", "both victims were taken to a hospital": refers back, counts two
            fig = _Figure(i, i + 1, 2, definite=True)
        elif w in _PRONOUN_VICTIMS and t.dep_ in ("nsubj", "nsubjpass"):
            # "... where he died", "she was pronounced dead": refers back like a name
            fig = _Figure(i, i + 1, 1, single=True, named=True, definite=True, pronoun=True)
        elif w == "the" and i + 1 < stop and (not doc[i + 1].like_num or i + 3 < stop and doc[i + 2].text in (
                "-", "–") and doc[i + 3].lower_ in ("year", "month")):
            # a described victim: "the driver died of his wounds", "the girl was shot in the leg"
            j = _single_victim_noun(doc, i + 1, stop)
            if j is not None and (bare := _bare_list(doc, j + 1, stop)) is not None:
                fig = _Figure(i, bare[0], 1 + bare[1], single=True, named=True)  # "the man and woman"
            elif j is not None:
                # refers back like a name: counts only when the account gives no count of its kind
                fig = _Figure(i, j, 1, single=True, named=True, pair_pending=_plural_ahead(doc, j + 1, stop))
        else:
            j = _number_run(doc, i, stop)
            if j > i:
                parsed = parse_number(" ".join(doc[k].text for k in range(i, j)))
                if parsed is not None and not _is_age_or_year(doc, i, j):
                    fig = _Figure(i, j, parsed[0], vague=parsed[1])
                i = max(i, j - 1)
        if fig is not None and fig.start > sent.start and not fig.single:
            prev_w = doc[fig.start - 1].lower_
            partitive = prev_w == "the" and fig.start - 3 >= sent.start and doc[fig.start - 2].lower_ == "of" and (
                doc[fig.start - 3].lower_ in ("one", "two", "three", "four", "each", "among") or doc[
                    fig.start - 3].like_num)
            if partitive and fig.end + 1 < stop and doc[fig.end].lower_ in LEX.person_nouns and (
                    doc[fig.end + 1].tag_ == "VBN" or doc[fig.end + 1].lower_ in LEX.shot_words) and (
                    any(doc[x].lower_ in _DEATH_WORDS for x in range(fig.end + 1, min(stop, fig.end + 4))) or
                    not any(doc[x].lower_ in _DEATH_WORDS for x in range(fig.end, stop))):
                pass  # "one of the five people shot and killed": the total the one belongs to
            elif partitive:
                fig = None  # "one of the four was pronounced dead": the verb is the one's, not the four's
            elif prev_w in ("the", "these", "those"):
                fig.definite = True  # "the two victims were hospitalized"
            elif prev_w in ("by", "their", "his", "her"):
                fig = None
        if fig is not None and fig.start > sent.start and doc[fig.start - 1].lower_ in ("no", "not", "none", "nobody"):
            fig = None  # "no one was killed" is not a figure
        if fig is not None and fig.start > sent.start and doc[fig.start].lower_ == "one" and (doc[
                fig.start - 1].lower_ in ("this", "every", "each", "any", "anytime", "whenever", "if") or doc[
                fig.start - 1].lower_ == "time" and fig.start - 1 > sent.start and doc[fig.start - 2].lower_ in (
                "any", "every")):
            fig = None  # "this one hurt", "any time one of our students is hurt": no count of victims
        if fig is not None and fig.single and fig.end > i + 1:
            i = fig.end - 1
        if fig is not None and fig.value > 0:
            q, qs = _qualifier_before(doc, fig.start, sent.start)
            if fig.vague:
                fig.qualifier = "vague"
            elif q is not None:
                fig.qualifier = q
                fig.qual_start = qs
            out.append(fig)
        i += 1
    out = _join_singles(doc, out, stop)
    _mark_ranges(doc, out)
    out.extend(_named_victims(sent, out))
    out.sort(key=lambda f: f.start)
    return out


_NAMED_TRIGGERS = LEX.sets["named_triggers"]
_PRONOUN_VICTIMS = LEX.sets["pronoun_victims"]
_RELATION_NOUNS_ = LEX.sets["relation_nouns"]


def _join_singles(doc: Doc, figs: list[_Figure], stop: int) -> list[_Figure]:
    """'a man and a woman', 'the man, the woman and the boy', 'a woman and her son': listed victims.

    Described victims joined by 'and' (and commas before it) count together as one figure. A
    definite victim followed by 'and' that joins nothing ('the man and his dog') is dropped.
    """
    out: list[_Figure] = []
    i = 0
    while i < len(figs):
        # a chain of described victims joined by commas, closed by 'and'
        k = i
        closed = i
        while k + 1 < len(figs) and figs[k].single and figs[k + 1].single and figs[k + 1].value == 1 and \
                figs[k].value == 1 and figs[k + 1].start > figs[k].end and not any(
                    doc[x].lower_ in _INNER_KIND or doc[x].lower_ in _OTHER_VICTIM
                    for x in range(figs[k].start, figs[k + 1].end)):
            gap = [t.lower_ for t in doc[figs[k].end + 1:figs[k + 1].start]]
            if gap in (["and"], [",", "and"]):
                closed = k + 1
                break
            if gap not in ([","], []):
                break
            k += 1
        if closed > i:
            a, b = figs[i], figs[closed]
            out.append(_Figure(a.start, b.end, closed - i + 1, single=True,
                               named=all(f.named for f in figs[i:closed + 1]), pair_pending=b.pair_pending))
            i = closed + 1
            continue
        out.append(figs[i])
        i += 1
    res: list[_Figure] = []
    for f in out:
        rel = _relative_after(doc, f.end + 1, stop) if f.single and not f.pronoun else None
        if rel is not None and (f.pair_pending or f.value == 1 and not f.named):
            # "a woman and her son", "the man and his adult daughter": a relative joined to a victim
            res.append(_Figure(f.start, rel, f.value + 1, single=True, named=f.named))
            continue
        if rel is None and f.single and not f.pronoun and f.value == 1 and not f.named and f.end + 2 < stop and \
                doc[f.end + 1].lower_ == "and" and (rl := _relative_list(doc, f.end + 2, stop)) is not None and rl[1] >= 2:
            # "a woman and her two daughters", "a man and his wife and son": relatives joined to a victim
            res.append(_Figure(f.start, rl[0], 1 + rl[1], single=True))
            continue
        if f.single and f.pair_pending:
            continue
        res.append(f)
    return res


def _relative_after(doc: Doc, k: int, stop: int, joined: bool = True) -> int | None:
    """'and her (adopted) son' starting at ``k``: the index of the relation noun, else None.

    With ``joined=False`` the word at ``k`` may be anything ('killed her son')."""
    if not (k + 2 < stop and (doc[k].lower_ == "and" or not joined) and doc[k + 1].lower_ in ("his", "her", "their")):
        return None
    m = k + 2

    def is_rel(x: int) -> bool:
        return doc[x].lower_ in _RELATION_NOUNS_ or doc[x].lower_ in LEX.single_victim_nouns

    # "her adopted son", "his teenage grandson"
    while not is_rel(m) and m + 1 < stop and m < k + 4 and doc[m].pos_ in ("ADJ", "NOUN", "VERB") and doc[m].dep_ in (
            "amod", "compound", "nmod"):
        m += 1
    if not is_rel(m) and m + 5 < stop and doc[m].like_num and doc[m + 1].text in ("-", "–") and doc[m + 2].lower_ in (
            "year", "month", "week") and doc[m + 4].lower_ == "old":
        m += 5  # "her 8-year-old daughter"
    if not is_rel(m):
        return None
    if m + 1 < stop and (doc[m + 1].lower_ in ("'s", "’s") or doc[m + 1].lower_ == "and" and not (
            m + 2 < stop and doc[m + 2].pos_ in ("VERB", "AUX", "ADV")) or doc[m + 1].text == "," and not (
            m + 2 < stop and (doc[m + 2].ent_type_ == "PERSON" or _named_apposition(doc, m + 1, stop) > m + 1))):
        return None  # "a woman and her son, and ...": a longer list ("... his wife and then himself" is none)
    return m


_RELATION_PLURALS = LEX.sets["relation_plurals"]


def _possessed_relative(doc: Doc, k: int, stop: int) -> int | None:
    """"'s (young) father" after a name at ``k`` (the "'s"), as the subject: the relation noun's index."""
    m = k + 1
    while m < stop and m < k + 3 and doc[m].pos_ == "ADJ" and doc[m].dep_ == "amod":
        m += 1
    if m < stop and doc[m].lower_ in _RELATION_NOUNS_ and doc[m].dep_ in ("nsubj", "nsubjpass") and not (
            m + 1 < stop and doc[m + 1].lower_ in ("and", "'s", "’s")):
        return m
    return None


def _bare_list(doc: Doc, k: int, stop: int) -> tuple[int, int] | None:
    """', woman and child' or ' and daughter' after a described victim ('a man, woman and
    child', 'a mother and daughter'): (index of the last noun, number of further people)."""
    extra = 0
    last = -1
    while k + 1 < stop:
        sep = doc[k].text
        if sep not in (",", "and"):
            break
        m = k + 1
        if sep == "," and doc[m].lower_ == "and":
            m += 1
        if m < stop and doc[m].lower_ in ("a", "an"):
            m += 1  # "a man, a woman and a child"
        many = 0
        if m + 1 < stop and doc[m].like_num and doc[m + 1].text not in ("-", "–"):
            parsed = parse_number(doc[m].text)  # "a man, a woman and two children"
            if parsed is None or not 1 < parsed[0] < 20:
                break
            many = parsed[0]
            m += 1
        e = m
        while e < stop and e < m + 6 and doc[e].lower_ not in LEX.single_victim_nouns and (
                doc[e].pos_ == "ADJ" or doc[e].like_num or doc[e].text in ("-", "–") or doc[e].lower_ in (
                    "year", "month", "week", "old")) and not (many and doc[e].lower_ in LEX.person_nouns):
            e += 1  # "a 13-month-old boy and 20-year-old man"
        if many:
            if e >= stop or doc[e].lower_ not in LEX.person_nouns or doc[e].tag_ not in ("NNS", "NNPS") or doc[
                    e].lower_ in _OTHER_VICTIM or (
                    e + 1 < stop and (doc[e + 1].pos_ == "NOUN" or doc[e + 1].lower_ == "of")):
                break
            extra += many
            last = e
            k = e + 1
            if doc[m - 2].lower_ == "and":
                return last, extra
            continue
        if e >= stop or doc[e].lower_ not in LEX.single_victim_nouns or doc[e].tag_ not in ("NN", "NNP") or (
                e + 1 < stop and (doc[e + 1].pos_ == "NOUN" or doc[e + 1].lower_ == "of")):
            break
        extra += 1
        last = e
        k = e + 1
        if doc[m - 1].lower_ == "and" or doc[m - 1].lower_ in ("a", "an") and doc[m - 2].lower_ == "and":
            return last, extra
    return None


def _relative_list(doc: Doc, i: int, stop: int) -> tuple[int, int, int, int] | None:
    """Relatives listed from a possessive at ``i``: 'his wife and their four children', 'her
    mother, stepfather, and grandmother', 'his fiancee, Ann Roe, 34, and their son'.

    Returns (index of the last noun, number of people, number of items, index of the first
    noun), or None when an item is a plural without a number ('his wife and children')."""
    k = i
    count = items = 0
    last = first = -1
    while k < stop:
        if doc[k].lower_ in ("his", "her", "their"):
            k += 1
        elif items and k + 1 < stop and doc[k].pos_ == "PROPN" and doc[k + 1].text in ("'s", "’s"):
            k += 2  # "...; and Hale's mother"
        n, explicit = 1, False
        if k < stop and doc[k].like_num and not (k + 2 < stop and doc[k + 1].text in ("-", "–") and
                                                 doc[k + 2].lower_.startswith(("year", "month", "week"))):
            parsed = parse_number(doc[k].text)
            if parsed is None:
                break
            n, explicit = parsed[0], True
            k += 1
        m = k
        while m < stop and m < k + 7 and doc[m].lower_ not in _RELATION_NOUNS_ and \
                doc[m].lower_ not in _RELATION_PLURALS and (
                doc[m].pos_ in ("ADJ", "NUM") or doc[m].text in ("-", "–") or doc[m].lower_ in (
                    "year", "years", "month", "months", "old", "adult", "teenage", "young", "younger", "older")):
            m += 1
        if m >= stop:
            break
        w = doc[m].lower_
        if w in _RELATION_NOUNS_ and not (explicit and n != 1):
            count += 1
        elif w in _RELATION_PLURALS:
            if not explicit:
                return None
            count += n
        else:
            break
        items += 1
        last = m
        if first < 0:
            first = m
        k = m + 1
        # an apposition naming the relative: ", Jaime Roe, 34,"
        if k + 1 < stop and doc[k].text == "," and (doc[k + 1].ent_type_ == "PERSON" or doc[k + 1].pos_ == "PROPN"):
            e = k + 1
            while e < stop and e < k + 6 and (doc[e].ent_type_ == "PERSON" or doc[e].pos_ == "PROPN"):
                e += 1
            if e + 1 < stop and doc[e].text == "," and doc[e + 1].like_num:
                e += 2
            k = e
        if k < stop and doc[k].text in (",", ";"):
            k += 1
        if k < stop and doc[k].lower_ == "and":
            k += 1
        elif k > last + 1 and doc[k - 1].text in (",", ";"):
            continue
        else:
            break
    if items == 0:
        return None
    return last, count, items, first


def _after_name(doc: Doc, j: int, end: int) -> int:
    """Index after what follows a name: 'of Quincy', ', 31,', ', a nurse,'."""
    for _ in range(3):
        if j + 3 < end and doc[j].text == "," and doc[j + 1].text.isdigit() and (doc[j + 2].lower_ in (
                "were", "was", "are", "is") or doc[j + 2].lower_ == "and" and doc[j + 3].pos_ == "PROPN"):
            j += 2  # "Ann Roe, 66 and Bo Roe, 64 were found dead": an age without its closing comma
            continue
        if j + 1 < end and doc[j].lower_ in ("of", "from") and doc[j + 1].pos_ == "PROPN":
            j += 1
            while j < end and doc[j].pos_ == "PROPN":
                j += 1
            if j + 1 < end and doc[j].text == "," and doc[j + 1].pos_ in ("VERB", "AUX") and (
                    doc[j + 1].lower_ in _NAMED_TRIGGERS or doc[j + 1].lower_ in _NAMED_SKIP):
                j += 1  # "Bo Roe, 16, of Dover, died Wednesday": the comma closing the home town
            continue
        if j + 1 < end and doc[j].text == "," and doc[j + 1].lower_ not in ("who", "and") and \
                doc[j + 1].ent_type_ != "PERSON":
            k = j + 1
            while k < min(end, j + 14) and doc[k].text != ",":
                k += 1
            if k >= min(end, j + 14) or any(doc[x].ent_type_ == "PERSON" for x in range(j + 1, k)):
                return j
            j = k + 1
            continue
        break
    return j


_NAMED_SKIP = LEX.sets["named_skip"]


def _named_apposition(doc: Doc, j: int, stop: int) -> int:
    """', 17-year-old Bo Roe,' naming the relative before ``j``: the index after it, else ``j``."""
    if not (j + 1 < stop and doc[j].text == ","):
        return j
    k = j + 1
    while k < stop and k < j + 7 and (doc[k].like_num or doc[k].text in ("-", "–") or doc[k].lower_ in (
            "year", "years", "old")):
        k += 1
    e = k
    while e < stop and e < k + 4 and (doc[e].ent_type_ == "PERSON" or doc[e].pos_ == "PROPN"):
        e += 1
    if e == k or e >= stop:
        return j
    if doc[e].text == ",":
        return e + 1
    return e if doc[e].lower_ in ("was", "were", "are", "is") else j


def _with_wound(doc: Doc, k: int, stop: int) -> bool:
    """'... to Mercy Hospital with a gunshot wound to her leg': the wound the victim was taken in with."""
    for m in range(k, min(stop, k + 6)):
        if doc[m].lower_ == "with":
            return any(doc[x].lower_ in _WOUND_NOUNS for x in range(m + 1, min(stop, m + 6)))
        if doc[m].pos_ not in ("PROPN", "NOUN", "DET", "ADJ", "PUNCT"):
            return False
    return False


def _named_victims(sent: Span, figs: list[_Figure]) -> list[_Figure]:
    """'Jane Roe, a 31-year-old nurse, was shot and killed': a named victim.

    Names listed together ('Ann Roe, 35, Bo Lee, 27, and Cy Poe were killed', 'killed Ann Roe
    and her son') count together.
    """
    doc = sent.doc
    taken = {k for f in figs for k in range(f.start, f.end)}
    ents = [e for e in sent.ents if e.label_ == "PERSON" and e.start not in taken and len(e) <= 5]
    starts = {e.start for e in ents} | {k for e in ents for k in range(e.start, e.end)}
    for tok in sent:
        # "16-year-old Ann Roe was pronounced dead": a name after an age, whatever the tagger calls it
        if tok.i > sent.start and doc[tok.i - 1].lower_ == "old" and tok.pos_ == "PROPN" and tok.is_title and \
                tok.i not in starts and tok.i not in taken:
            e = tok.i + 1
            while e < sent.end and e < tok.i + 4 and doc[e].pos_ == "PROPN" and doc[e].is_title:
                e += 1
            if e - tok.i >= 2:
                ents.append(doc[tok.i:e])
        # "Lackey was pronounced dead at 11:26 p.m.": a victim referred back to by the surname alone
        elif tok.pos_ == "PROPN" and tok.is_title and tok.dep_ in ("nsubj", "nsubjpass") and tok.ent_type_ in (
                "PERSON", "") and tok.i not in starts and tok.i not in taken and len(tok.text) > 2 and not (
                tok.i > sent.start and doc[tok.i - 1].pos_ in ("PROPN", "DET", "ADJ", "NUM")) and not (
                tok.i + 1 < sent.end and doc[tok.i + 1].pos_ == "PROPN"):
            ents.append(doc[tok.i:tok.i + 1])
    ents.sort(key=lambda e: e.start)
    by_start = {e.start: e for e in ents}
    out = []
    i = 0
    while i < len(ents):
        chain = [ents[i]]
        j = _after_name(doc, ents[i].end, sent.end)
        closed = False
        while True:
            k = j
            if k < sent.end and doc[k].text == ",":
                k += 1
            with_and = k < sent.end and doc[k].lower_ == "and"
            if with_and:
                k += 1
            sep = k > j or doc[j - 1].text == ","
            # "... and Court Officer Ron Kienzle": a title before the next name
            t = k
            while t < min(sent.end, k + 3) and t not in by_start and doc[t].pos_ in ("PROPN", "NOUN") and doc[t].is_title:
                t += 1
            while t < min(sent.end, k + 6) and t not in by_start and (doc[t].like_num or doc[t].text in ("-", "–") or
                                                                      doc[t].lower_ in ("year", "month", "old")):
                t += 1  # "..., 11-year-old Bo Lee and 12-year-old Cy Poe"
            nxt = by_start.get(t)
            if not sep or nxt is None:
                break
            chain.append(nxt)
            closed = closed or with_and
            j = _after_name(doc, nxt.end, sent.end)
            if with_and:
                break
        i += len(chain)
        if not closed:
            # "Coroner Ann Roe, Bo Lee was pronounced dead": names joined by no "and" are no list
            chain = chain[-1:]
        value = len(chain)
        rel = _relative_after(doc, chain[-1].end if j == chain[-1].end else j, sent.end)
        if rel is not None:
            value += 1
            j = _after_name(doc, _named_apposition(doc, rel + 1, sent.end), sent.end)
            while i < len(ents) and ents[i].start < j:
                i += 1  # the relative's own name is no further victim
        first, last = chain[0].start, chain[-1].end if rel is None else rel + 1
        if j + 1 < sent.end and doc[j].text == "," and doc[j + 1].lower_ == "who":
            j += 2  # "Jane Roe, who died Friday after ..."
        n = 0
        while j < sent.end and n < 4 and doc[j].lower_ in _NAMED_SKIP:
            j += 1
            n += 1
        before = first - 1
        while before > sent.start and (doc[before].like_num or doc[before].text in ("-", "–") or doc[before].lower_ in (
                "year", "old")):
            before -= 1  # "found 20-year-old Bo Roe shot to death"
        if before - 1 > sent.start and doc[before].lower_ in _RELATION_NOUNS_ and doc[before - 1].lower_ in (
                "his", "her", "their"):
            before -= 2  # "left his brother Bo Roe, 22, dead"
        found_dead = j < sent.end and (doc[j].lower_ == "dead" or doc[j].lower_ in LEX.shot_words and doc[
            before].lower_ == "found") and n == 0 and before >= sent.start and \
            doc[before].lower_ in ("found", "left", "leaving", "leaves", "leave")
        if j < sent.end and doc[j].lower_ in _NAMED_TRIGGERS and (
                n > 0 or doc[j].lower_ in ("died", "dies", "succumbed") or found_dead):
            out.append(_Figure(first, last, value, single=value == 1, named=True, link_from=j))
            continue
        if (died := _conj_died(doc, _Figure(first, last - 1, value), j, sent.end)) is not None:
            # "Tom Reyes, 17, was in the back seat and died after being shot"
            out.append(_Figure(first, last, value, single=value == 1, named=True, link_from=died))
            continue
        if j < sent.end and (doc[j].lower_ in ("remains", "remained", "is", "was", "were", "are") or
                             doc[j].lower_ in _RECOVER_VERBS or doc[j].lower_ in _TRANSPORT_VERBS or
                             doc[j].pos_ == "ADV" and j + 1 < sent.end and
                             doc[j + 1].lower_ in _RECOVER_VERBS) and \
                (weak := _weak_injury(doc, j, sent.end)) is not None and weak[0] == "injured" and (
                doc[weak[1]].lower_ in _CONDITION_WORDS or any(doc[x].lower_ in _RECOVER_VERBS for x in range(j, weak[1] + 1))
                or _with_wound(doc, weak[1] + 1, sent.end)):
            # ("Eli Moss is now recovering from bullet wounds")
            # "Ann Roe remains in serious but stable condition": a named victim who survived
            out.append(_Figure(first, last, value, single=value == 1, named=True, link_from=j))
            continue
        # "killed 21-year-old Jane Roe": the object of a casualty verb
        k = first - 1
        while k > sent.start and (doc[k].like_num or doc[k].text in ("-", "–") or doc[k].lower_ in (
                "year", "old", "a", "an", "the", "teenager", "man", "woman")):
            k -= 1
        if k >= sent.start and doc[k].lower_ in LEX.left_triggers:
            out.append(_Figure(first, last, value, single=value == 1, named=True, qual_start=k + 1))
    return out


_DEATHS_OF = LEX.sets["deaths_of_plural"]
_MEDIA_WORDS = LEX.sets["media_words"]
_DEATH_OF = LEX.sets["death_of_single"]
_LEGAL_DEATH_WORDS = LEX.sets["legal_death_words"]
_RELATION_NOUNS = LEX.sets["relation_nouns"]


def _deaths_of_victims(sent: Span) -> list[_Found]:
    """'the shooting deaths of Ann Roe, 19, and Bo Lee, 24' (killed 2); 'the fatal shooting of his friend' (1).

    Listed victims are counted when the sentence gives no total; they are marked as named
    figures, so a count of the same kind elsewhere in the article takes precedence.
    """
    doc = sent.doc
    out: list[_Found] = []
    for t in sent:
        if t.i + 2 >= sent.end or doc[t.i + 1].lower_ != "of":
            continue
        w = t.lower_
        prev = doc[t.i - 1].lower_ if t.i > sent.start else ""
        plural = w in _DEATHS_OF or (w == "shootings" and prev == "fatal")
        single = w in _DEATH_OF or (w == "shooting" and prev == "fatal") or (w == "death" and prev == "shooting") or (
            # "charged with murder in the death of Ann Roe": a death the justice system treats as a killing
            w == "death" and any(x.lower_ in _LEGAL_DEATH_WORDS for x in sent)) or (
            w == "life" and prev == "the" and t.i - 2 >= sent.start and doc[t.i - 2].lemma_.lower() in ("claim", "take"))
        if not (plural or single):
            continue
        k = t.i + 2
        names: list[tuple[int, int]] = []
        limit = min(sent.end, t.i + 45)
        while k < limit:
            tok = doc[k]
            if tok.ent_type_ == "PERSON" and tok.ent_iob_ == "B":
                e = k + 1
                while e < sent.end and doc[e].ent_iob_ == "I":
                    e += 1
                names.append((k, e))
                k = e
                continue
            if tok.pos_ == "PROPN" and tok.is_title and k > sent.start and doc[k - 1].lower_ == "old":
                # "20-year-old Tyrell Hall": a name after an age, whatever the tagger calls it
                e = k + 1
                while e < sent.end and e < k + 4 and doc[e].pos_ == "PROPN" and doc[e].is_title:
                    e += 1
                names.append((k, e))
                k = e
                continue
            if tok.text in (",", "-", "–") or tok.lower_ in ("and", "year", "old", "years", "aged", "month", "months",
                                                             "week", "weeks") or tok.like_num:
                k += 1
                continue
            if tok.lower_ in ("of", "from") and names and k + 1 < limit and doc[k + 1].pos_ == "PROPN":
                k += 1
                while k < limit and doc[k].pos_ == "PROPN" and doc[k].ent_type_ != "PERSON":
                    k += 1
                continue
            break
        if len(names) >= 2 and (plural or single and any(
                doc[x].lower_ == "and" for x in range(names[0][1], names[-1][0]))):
            # "the deaths of Ann Roe and Bo Lee", "the killing of 8-month-old Ann Roe and 20-year-old Bo Lee"
            fig = _Figure(names[0][0], names[-1][1], len(names), named=True)
            out.append(_Found(fig, "killed", t.i))
        elif single and len(names) == 1 and names[0][0] <= t.i + 9:
            out.append(_Found(_Figure(names[0][0], names[0][1], 1, single=True, named=True), "killed", t.i))
        elif single and not names and t.i + 2 < sent.end and doc[t.i + 2].like_num and (
                v := _single_victim_noun(doc, t.i + 2, sent.end)) is not None and v > t.i + 3:
            # "the fatal shooting of 15-year-old girl"
            out.append(_Found(_Figure(t.i + 2, v, 1, single=True, named=True), "killed", t.i))
        elif plural and not names and t.i + 3 < sent.end and doc[t.i + 2].lower_ in ("a", "an", "his", "her", "their") \
                and (v := _single_victim_noun(doc, t.i + 3, sent.end)) is not None:
            # "the shooting deaths of a mother and her daughter", "the deaths of a man, woman and child"
            rel = _relative_after(doc, v + 1, sent.end)
            bare = _bare_list(doc, v + 1, sent.end)
            if rel is not None:
                out.append(_Found(_Figure(t.i + 2, rel + 1, 2, named=True), "killed", t.i))
            elif bare is not None:
                out.append(_Found(_Figure(t.i + 2, bare[0] + 1, 1 + bare[1], named=True), "killed", t.i))
        elif single and not names:
            j = t.i + 2
            if j < sent.end and doc[j].lower_ in ("his", "her", "their", "a", "an") and (
                    _single_victim_noun(doc, j + 1, sent.end) is not None or w == "life" or (
                    j + 1 < sent.end and doc[j + 1].lower_ in _RELATION_NOUNS and not (
                        j + 2 < sent.end and doc[j + 2].lower_ in ("and", "or", "&")))):
                end = j + 2
                out.append(_Found(_Figure(j, end, 1, single=True, named=True), "killed", t.i))
    return out


_INVERTED_KINDS = {"killed": "killed", "slain": "killed", "wounded": "injured", "injured": "injured", "hurt": "injured"}


def _inverted_victims(sent: Span) -> list[_Found]:
    """'Wounded in the gunfire were a 5-year-old boy and his aunt': the casualty word opens the
    sentence and the victims follow the verb 'be'. Listed victims count together (a named figure:
    a count of the same kind elsewhere in the article takes precedence)."""
    doc = sent.doc
    i = sent.start
    if i < sent.end and doc[i].lower_ == "also":
        i += 1
    if i >= sent.end or doc[i].lower_ not in _INVERTED_KINDS:
        return []
    kind = _INVERTED_KINDS[doc[i].lower_]
    cop = None
    for k in range(i + 1, min(sent.end, i + 12)):
        t = doc[k]
        if t.lower_ in ("was", "were", "is", "are"):
            cop = k
            break
        if t.pos_ not in ("ADP", "DET", "NOUN", "PROPN", "ADJ", "NUM", "PART") and t.text not in ("'s", "’s", "-"):
            return []
    if cop is None or not (i > sent.start and cop == i + 1 or doc[i + 1].pos_ == "ADP"):
        return []  # "Wounded officers were ...": an adjective, not an inversion
    total = 0
    first: int | None = None
    last = cop + 1
    k = cop + 1
    seg: list[int] = []

    def close(seg: list[int]) -> int:
        if not seg:
            return 0
        for x in seg:
            if doc[x].like_num or doc[x].lower_ in VAGUE:
                run = _number_run(doc, x, seg[-1] + 1)
                parsed = parse_number(" ".join(doc[y].text for y in range(x, max(run, x + 1))))
                if parsed is not None and not _is_age_or_year(doc, x, max(run, x + 1)) and any(
                        doc[y].lower_ in LEX.person_nouns or doc[y].tag_ == "NNS" for y in seg if y > x):
                    # ("also wounded were four patrons"): any plural noun after the count names the victims
                    return parsed[0]
        if any(doc[x].ent_type_ == "PERSON" or doc[x].lower_ in LEX.person_nouns
               or doc[x].lower_ in LEX.single_victim_nouns for x in seg):
            return 1
        if len(seg) >= 3 and doc[seg[-1]].lower_ == "old" and doc[seg[0]].lower_ in ("a", "an"):
            return 1  # "a 20-year-old"
        return 0

    def add(seg: list[int], total: int, first: int | None, last: int) -> tuple[int, int | None, int]:
        """The running total, first and end token after one listed victim (``seg``)."""
        n = close(seg)
        if not n:
            return total, first, last
        return total + n, seg[0] if first is None else first, seg[-1] + 1

    while k < sent.end:
        t = doc[k]
        w = t.lower_
        if t.pos_ in ("VERB", "AUX") or w in ("who", "whom", "which", "that", "according", ";", ".", "while", "but"):
            if seg and t.pos_ in ("VERB", "AUX") and doc[seg[0] - 1].text == ",":
                seg = []  # "..., deputies said": the source, not a victim
            break
        if w in (",", "and") or w == "as" and k + 2 < sent.end and doc[k + 1].lower_ == "well":
            total, first, last = add(seg, total, first, last)
            seg = []
            k += 3 if w == "as" else 1
            continue
        seg.append(k)
        k += 1
    total, first, last = add(seg, total, first, last)
    if not total or first is None:
        return []
    return [_Found(_Figure(first, last, total, single=total == 1, named=True), kind, i)]


_ORDINALS = {w: n + 2 for n, w in enumerate(("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                                             "ninth", "tenth"))}


def _ordinal_deaths(sent: Span) -> list[_Found]:
    """'A third person has died', 'the fifth person killed in the shooting', 'Second victim dies':
    the ordinal of a death counts the dead so far."""
    doc = sent.doc
    out: list[_Found] = []
    for t in sent:
        n = _ORDINALS.get(t.lower_)
        if n is None:
            continue
        start = t.i
        if t.i > sent.start and doc[t.i - 1].lower_ in ("a", "the"):
            start = t.i - 1
        elif t.i != sent.start:
            continue
        k = t.i + 1
        while k < sent.end and k < t.i + 3 and doc[k].pos_ == "ADJ" and doc[k].lower_ not in LEX.person_nouns:
            k += 1
        if k >= sent.end or not (doc[k].lower_ in LEX.single_victim_nouns or doc[k].lower_ in ("person", "victim")):
            continue
        m = k + 1
        if m < sent.end and doc[m].lower_ in ("has", "had", "to", "later"):
            m += 1
        if m >= sent.end:
            continue
        w = doc[m].lower_
        if w in ("died", "dies", "succumbed", "die") or w == "killed" and doc[start].lower_ == "the" and any(
                x.lower_ in ("shooting", "attack", "massacre", "rampage", "ambush")
                for x in doc[m + 1:min(sent.end, m + 8)]):
            out.append(_Found(_Figure(start, k + 1, n), "killed", m))
    return out


def _partition_of(doc: Doc, fig: _Figure, lo: int, stop: int) -> _Found | None:
    """'Of the four people shot, two are in critical condition': a clause opening with a part of
    the victims tells their number."""
    if fig.start - 2 < lo or doc[fig.start - 1].lower_ != "the" or doc[fig.start - 2].lower_ != "of" or not (
            fig.start - 2 == lo or doc[fig.start - 3].pos_ == "VERB" or doc[fig.start - 3].text in (",", ":", "—", "that")):
        return None
    toks, j = _np_after(doc, fig, stop)
    if not toks or not _np_ok(doc, toks, allow_victims=True) or j + 1 >= stop or doc[j + 1].text != "," or not (
            doc[j].tag_ == "VBN" or doc[j].lower_ in LEX.shot_words):
        return None
    w = doc[j].lower_
    kind = "injured" if w in LEX.shot_words else _kind_of_word(w)
    return _Found(fig, kind, j, toks) if kind is not None else None


def _ordinal_one_more(doc: Doc, founds: list[_Found], sent: Span) -> list[_Found]:
    """'Four people were shot and a fifth was hurt by flying glass': an ordinal one past a count,
    later in the same sentence, adds one more victim of the same kind to it ('three were killed
    and a fourth died at the hospital'; a fourth who died is no wounded one)."""
    out: list[_Found] = []
    for f in founds:
        nxt = next((g.fig.start for g in founds if g.fig.start > f.trigger), sent.end)
        if f.fig.single or f.fig.vague or f.fig.definite or f.subgroup_of is not None or f.kind not in (
                "killed", "injured"):
            out.append(f)
            continue
        for k in range(max(f.trigger, f.fig.end) + 1, min(nxt, sent.end) - 1):
            if doc[k].lower_ not in ("a", "an") or _ORDINALS.get(doc[k + 1].lower_) != f.fig.value + 1:
                continue
            died = any(doc[x].lower_ in _DEATH_WORDS or doc[x].lower_ in ("killed", "fatally", "dies", "died")
                       for x in range(k + 2, sent.end))
            if died == (f.kind == "killed"):
                f = replace(f, fig=replace(f.fig, value=f.fig.value + 1), plus_one=True)
            break
        out.append(f)
    return out


def _person_ahead(doc: Doc, i: int, stop: int) -> bool:
    for k in range(i, min(i + 4, stop)):
        w = doc[k].lower_
        if w in LEX.person_nouns or w in LEX.killed_words or w in LEX.injured_words:
            return True
        if doc[k].pos_ not in ("ADJ", "NOUN", "PROPN", "ADP", "DET"):
            return False
    return False


def _both_people(doc: Doc, k: int, stop: int) -> bool:
    """'both (teenage) boys', 'both victims', 'both of them'."""
    if k + 1 < stop and doc[k].lower_ == "of" and doc[k + 1].lower_ in ("them", "the", "those"):
        return True
    while k < stop and doc[k].pos_ == "ADJ":
        k += 1
    return k < stop and doc[k].lower_ in LEX.person_nouns and doc[k].tag_ in ("NNS", "NNPS") and not _kind_of_word(
        doc[k].lower_)


def _a_child(doc: Doc, fig: _Figure, toks: list[int]) -> bool:
    """A victim named as a child ("toddler", "boy", "a 4-year-old girl"): too young to mean to shoot."""
    words = [doc[x].lower_ for x in list(range(fig.start, fig.end + 1)) + toks if x < len(doc)]
    if any(w in _CHILD_WORDS for w in words):
        return True
    ages = [int(doc[x].text) for x in range(fig.start, min(fig.end + 1, len(doc))) if doc[x].text.isdigit()]
    return bool(ages) and max(ages) <= 12 and any(w in ("year", "yr", "month") for w in words)


def _age_at(doc: Doc, i: int, stop: int) -> bool:
    """'16-year-old' (five tokens) at ``i``."""
    return i + 4 < stop and doc[i].like_num and doc[i + 1].text in ("-", "–") and doc[i + 2].lower_ in (
        "year", "yr", "month") and doc[i + 3].text in ("-", "–") and doc[i + 4].lower_ == "old"


def _headline_victim(doc: Doc, i: int, stop: int) -> int | None:
    """'Teen', 'Young woman', 'Houston man', 'Police officer' opening a sentence without an article,
    followed by a casualty word: the index of the victim noun. An age may lead ('3-year-old Dover
    girl shot', '16-year-old killed') or follow ('Girl, 10, shot in face')."""

    def casualty(x: int) -> bool:
        while x + 1 < stop and doc[x].lower_.endswith("ly") and doc[x].pos_ in ("ADV", "PROPN"):
            x += 1  # "Man fatally shot", "Girl accidentally shoots herself"
        if x + 1 < stop and doc[x].lower_ == "shoots" and doc[x + 1].lower_ in ("himself", "herself", "self"):
            return True
        return x < stop and (_kind_of_word(doc[x].lower_) is not None or doc[x].lower_ in LEX.shot_words) and \
            doc[x].pos_ != "NOUN"

    first = i
    if _age_at(doc, i, stop):
        if casualty(i + 5):
            return i + 4  # "16-year-old killed in hunting accident"
        first = i + 5
    for k in range(first, min(first + (4 if first > i else 3), stop - 1)):
        w = doc[k].lower_
        if w in LEX.single_victim_nouns:
            nxt = k + 1
            if nxt + 2 < stop and doc[nxt].text == "," and doc[nxt + 1].like_num and doc[nxt + 2].text == ",":
                nxt += 3  # "Girl, 10, shot in face"
            return k if casualty(nxt) else None
        if not (doc[k].pos_ in ("ADJ", "PROPN") or w in ("police", "security")) or doc[k].ent_type_ == "PERSON":
            return None
    return None


def _plural_ahead(doc: Doc, k: int, stop: int) -> bool:
    """'the man and the woman were shot': a pair, not one victim."""
    return k < stop and doc[k].lower_ in ("and", "or", "&")


def _single_victim_noun(doc: Doc, i: int, stop: int) -> int | None:
    for k in range(i, min(i + 9, stop)):
        w = doc[k].lower_
        if w in LEX.single_victim_nouns:
            # the noun must end the phrase ("a police officer", not "a police station")
            if k + 1 < stop and doc[k + 1].pos_ in ("NOUN",) and doc[k + 1].lower_ not in LEX.person_nouns:
                return None
            return k
        # "a six-year-old" used as a noun
        if w == "old" and k > i and (doc[k - 1].text in ("-", "–") or doc[k - 1].lower_ in ("year", "yr", "yrs")) and (
                k + 1 >= stop or doc[k + 1].pos_ not in ("NOUN", "PROPN", "ADJ")
                or doc[k + 1].lower_ in LEX.shot_words or _kind_of_word(doc[k + 1].lower_) or doc[k + 1].tag_ == "VBG"
                or doc[k + 1].lower_ in ("suffering", "sustaining")):
            return k
        if doc[k].pos_ in ("ADJ", "NUM", "PUNCT", "PROPN") or w in ("year", "yr", "yrs", "month", "week", "day", "old", "-", "police", "security",
                                                                     "army", "local", "civilian", "other"):
            continue
        if doc[k].pos_ == "NOUN" and k + 1 < stop and doc[k + 1].lower_ in LEX.single_victim_nouns:
            continue
        if doc[k].pos_ == "NOUN" and k + 2 < stop and doc[k + 1].pos_ == "NOUN" and \
                doc[k + 2].lower_ in LEX.single_victim_nouns:
            continue  # "a bank robbery suspect"
        return None
    return None


def _mark_ranges(doc: Doc, figs: list[_Figure]) -> None:
    for a, b in zip(figs, figs[1:], strict=False):
        if a.single or b.single or a.range_role or b.range_role:
            continue
        lo = a.qual_start if a.qual_start is not None else a.start
        before = doc[lo - 1].lower_ if lo > 0 else ""
        before2 = " ".join(t.lower_ for t in doc[max(lo - 2, 0):lo])
        gap = doc[a.end:b.qual_start if b.qual_start is not None else b.start]
        gap_words = [t.lower_ for t in gap]
        if not gap_words or len(gap_words) > 7:
            continue
        if gap_words[0] not in _RANGE_JOINERS:
            continue
        if before == "between" and gap_words[0] == "and" or before in ("from",) or before2 == "ranging from" or (
                gap_words[0] in ("to", "-", "–") and len(gap_words) == 1 and a.value < b.value):
            if a.value >= b.value:
                continue
            a.range_role, b.range_role = "low", "high"
            a.partner, b.partner = b, a
            a.qualifier, b.qualifier = "at_least", "at_most"


# ---------------------------------------------------------------- linking


def _kind_of_word(w: str) -> str | None:
    if w in LEX.killed_words:
        return "killed"
    if w in LEX.injured_words:
        return "injured"
    return None


def _says_killed(t: Token) -> bool:
    """A killed word that speaks of a death ('she lives nearby' does not)."""
    if _kind_of_word(t.lower_) != "killed":
        return False
    if t.lower_ == "lives":
        return t.i > 0 and t.doc[t.i - 1].lower_ in ("their", "his", "her", "the", "of")
    return True


def _mixed_after(doc: Doc, k: int, kind: str, stop: int) -> bool:
    """'dead and wounded', 'killed or injured', 'Killed Injured': a mixed total."""
    j = k + 1
    while j < stop and doc[j].lower_ in ("and", "or", ",", "/", "&"):
        j += 1
    if j == k + 1 and j < stop and doc[j].pos_ not in ("ADJ", "VERB", "NOUN", "PROPN"):
        return False
    if j < stop:
        other = _kind_of_word(doc[j].lower_)
        if other is not None and other != kind and doc[j].lower_ not in ("injuries", "wounds", "killing", "wounding", "injuring", "lives"):
            return True
        if doc[j].lower_ in ("shot",) and kind == "killed":
            return False
    return False


def _np_after(doc: Doc, fig: _Figure, stop: int) -> tuple[list[int], int]:
    """Tokens of the noun phrase after a figure, and the index where it ends."""
    toks: list[int] = []
    j = fig.end if fig.link_from is None else fig.link_from
    stop = min(stop, len(doc))
    n = 0
    while j < stop and n < 9:
        t = doc[j]
        w = t.lower_
        if w in _AUX_SKIP or _kind_of_word(w) or w in LEX.shot_words or w in LEX.destroy_words:
            break
        if w in _SUBGROUP_MARKERS or (toks and w in _INSERT_STARTS) or w in ("suffering", "sustaining"):
            break
        if t.like_num and j + 2 < stop and doc[j + 1].text in ("-", "–") and doc[j + 2].lower_ in ("year", "month"):
            # "two 16-year-olds", "two 25-year-old men": an age inside the phrase counted
            e = j + 3
            while e < stop and e < j + 6 and (doc[e].text in ("-", "–") or doc[e].lower_.startswith("old")):
                e += 1
            if doc[e - 1].lower_ == "olds" and not toks or doc[e - 1].lower_ == "old" and e < stop and \
                    doc[e].pos_ in ("NOUN", "PROPN", "ADJ"):
                toks.extend(range(j, e))
                n += e - j
                j = e
                continue
        if t.like_num or w in VAGUE:
            break
        if w == "would" and j + 2 < stop and doc[j + 1].text == "-" and doc[j + 2].lower_ == "be":
            toks.extend((j, j + 1, j + 2))  # "three would-be robbers"
            j += 3
            n += 1
            continue
        if t.pos_ in ("VERB", "AUX") and w not in ("of",):
            break
        if t.pos_ == "ADP" and w not in ("of",):
            break
        if t.pos_ == "CCONJ" and j + 2 < stop and doc[j + 1].pos_ in ("ADJ", "PROPN", "NOUN") and not doc[j + 1].like_num \
                and doc[j + 2].pos_ in ("NOUN", "PROPN") and doc[j + 1].lower_ not in LEX.trigger_words \
                and doc[j + 2].lower_ not in LEX.trigger_words and toks and doc[toks[-1]].lower_ not in LEX.person_nouns:
            toks.append(j)
            j += 1
            n += 1
            continue
        if t.pos_ == "CCONJ" or w in (",", ";", ".") or toks and w in ("–", "—", "("):
            break
        if t.pos_ not in _NP_SKIP_POS and w not in ("of", "[", "]", "(", ")", "its", "their", "his", "her", "our"):
            break
        toks.append(j)
        j += 1
        n += 1
    return toks, j


def _np_ok(doc: Doc, toks: list[int], allow_victims: bool = False) -> bool:
    """A figure's noun phrase must count people, not rockets or years."""
    if not toks:
        return True
    words = [doc[k].lower_ for k in toks]
    head = words[0]
    # the first noun decides ("members of ..." -> members)
    for k in toks:
        if k + 1 < len(doc) and doc[k + 1].text in ("-", "–"):
            continue  # "17-year-olds": the compound's last word is its head
        if doc[k].pos_ in ("NOUN", "PROPN") or doc[k].lower_ in LEX.person_nouns:
            head = doc[k].lower_
            if doc[k].lower_ == "of":
                continue
            break
    if head in LEX.non_person_units or head in LEX.mixed_words and not (allow_victims and head in ("victims", "victim")):
        return False
    if any(w in _STREET_WORDS for w in words):
        return False
    if any(w in _ANIMALS for w in words):
        return False
    for k in toks:
        if k + 1 < len(doc) and doc[k + 1].text in ("-", "–"):
            continue  # "17-year-olds": part of a compound
        if doc[k].pos_ == "NOUN" and doc[k].lower_ in LEX.non_person_units:
            return False  # "three more times", "one of the family dogs"
        if doc[k].pos_ == "NOUN" and doc[k].lower_ in LEX.person_nouns:
            break
    return True


def _skip_inserts(doc: Doc, j: int, stop: int) -> int:
    """Skip 'including nine natives of X' and 'from the former Soviet Union and Egypt' before the verb."""
    for _ in range(2):
        if j >= stop:
            return j
        w = doc[j].lower_
        if w in _INSERT_STARTS or (doc[j].pos_ == "ADP" and w in ("from", "in", "inside", "near", "at", "on")):
            k = j + 1
            limit = min(stop, j + 12)
            while k < limit:
                t = doc[k]
                if t.lower_ in _AUX_SKIP or _kind_of_word(t.lower_) or t.lower_ in LEX.shot_words or t.lower_ in LEX.destroy_words:
                    break
                if t.pos_ in ("VERB", "AUX") or t.text in (".", ";"):
                    return j
                if t.lower_ == "and" and w not in _INSERT_STARTS and k + 1 < limit and (
                        doc[k + 1].like_num or doc[k + 1].lower_ in VAGUE):
                    return j  # "200 teens at the party and four of them were shot": another figure's verb
                k += 1
            if k >= limit or k == j + 1:
                return j
            j = k
    return j


_WOUND_NOUNS = LEX.sets["wound_nouns"]
_ANIMALS = LEX.sets["animal_nouns"]
_SURVIVAL_WORDS = LEX.sets["survival_words"]
_CONDITION_WORDS = LEX.sets["condition_words"]
_CONDITION_ADJS = LEX.sets["condition_adjs"]
_CONDITION_VERBS = LEX.sets["condition_verbs"]
_SUFFER_VERBS = LEX.sets["suffer_verbs"]
_FATAL_ADJS = LEX.sets["fatal_adjs"]
_PROJECTILES = LEX.sets["projectile_nouns"]
_STRUCK_VERBS = LEX.sets["struck_verbs"]
_APPOS_OPENERS = LEX.sets["apposition_openers"]
_CLAUSE_KILLED = LEX.sets["clause_killed"]
_TRANSPORT_VERBS = LEX.sets["transport_verbs"]
_SEND_VERBS = LEX.sets["send_verbs"]
_INNER_KIND = LEX.sets["inner_kind_words"]
_OTHER_VICTIM = LEX.sets["other_victim_words"]
_VIOLENCE_WORDS = LEX.sets["violence_words"]
_STRIKING_VERBS = LEX.sets["striking_verbs"]
_RECOVER_VERBS = LEX.sets["recover_verbs"]
_HOSPITAL_WORDS = LEX.sets["hospital_words"]
_DEATH_WORDS = LEX.sets["death_words"]
_SURVIVE_VERBS = LEX.sets["survive_verbs"]
_TAKE_LIVES = LEX.sets["take_lives_verbs"]
_LIMBS = LEX.sets["limbs"]
_FIRING_WORDS = LEX.sets["firing_words"]
_BODY_PARTS = LEX.sets["body_parts"]
_SHOOTING_NOUNS = LEX.sets["shooting_nouns"]
_ARRIVE_VERBS = LEX.sets["arrive_verbs"]
_SHOT_KILLED_PARTICIPLES = LEX.sets["shot_killed_participles"]
_SINGLE_INCIDENTS = LEX.sets["single_incident_nouns"]
_SEPARATE = LEX.sets["separate_incident_words"]
_STRUGGLE_VERBS = LEX.sets["struggle_verbs"]
_UNCOUNTED = LEX.sets["uncounted_victim_words"]
_PLURAL_INCIDENTS = LEX.sets["plural_incident_nouns"]


def _skip_apposition(doc: Doc, j: int, stop: int) -> int:
    """Skip an apposition or a relative 'who' between a figure and its verb.

    'One victim, a 25-year-old man, was pronounced dead'; 'Four people, including a boy, were
    shot'; 'Two men (ages 19 and 20) were wounded'; 'A woman, who was shot in the leg, ...'.
    """
    if j + 1 >= stop or doc[j].text not in (",", "(", "—", "–"):
        return j
    if doc[j].text == "," and doc[j + 1].lower_ == "who":
        return j + 2
    close = ")" if doc[j].text == "(" else doc[j].text
    first = doc[j + 1]
    if not (first.lower_ in _APPOS_OPENERS or first.like_num or first.ent_type_ == "PERSON"
            or first.pos_ in ("ADJ", "NUM", "PROPN") or first.pos_ == "ADV" and j + 2 < stop and doc[j + 2].lower_ in (
                "identified", "named") or first.lower_ == "also" and j + 2 < stop and doc[j + 2].like_num):
        return j
    for k in range(j + 1, min(stop, j + 24)):
        t = doc[k]
        if t.text == close or (close in ("—", "–") and t.text in ("—", "–")):
            if k == j + 1:
                return j
            e = k + 1
            while close == "," and e + 1 < stop:
                if doc[e].like_num and doc[e + 1].text == ",":
                    e += 2  # "One person, later identified as Ann Roe, 25, of Tyler, was ..."
                    continue
                if first.lower_ in ("ages", "aged"):
                    m = e  # "Three men, ages 25, 26(,) and 33, were ...": the rest of the ages
                    while m < stop and (doc[m].like_num or doc[m].lower_ == "and" or doc[m].text == ","):
                        m += 1
                    if m > e and doc[m - 1].text == ",":
                        e = m
                if doc[e].lower_ in ("of", "from") and doc[e + 1].pos_ == "PROPN":
                    m = e + 1
                    while m < stop and doc[m].pos_ == "PROPN":
                        m += 1
                    if m < stop and doc[m].text == ",":
                        e = m + 1
                        continue
                break
            return e
        if t.text in (";", ".", "(", ")") or _kind_of_word(t.lower_) or t.lower_ in LEX.shot_words:
            return j
        if t.pos_ in ("VERB", "AUX") and t.lower_ not in ("including", "aged", "ages", "identified", "believed",
                                                          "described", "named"):
            return j
    return j


def _killed_later(doc: Doc, k: int, stop: int) -> int | None:
    """'... suffered a gunshot wound and died', '... in critical condition and later died': the
    casualty word that ends the same clause, if it says the victim died."""
    for m in range(k, min(stop, k + 16)):
        t = doc[m]
        w = t.lower_
        if w == "but" and m + 1 < stop and doc[m + 1].lower_ in ("died", "later", "succumbed"):
            continue  # "was taken to a hospital but died"
        if w in (";", "while", "but", "whereas") or t.like_num or w in ("another", "others", "other"):
            return None
        if m > k and w in ("a", "an", "one") and _single_victim_noun(doc, m + 1, stop) is not None:
            return None
        if m > k and t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN") and t.lower_ not in _VIOLENCE_WORDS:
            return None  # "a man and a woman were shot, and the man died": another subject's death
        if w in _CLAUSE_KILLED and not (m > 0 and doc[m - 1].lower_ in ("not", "never", "nearly", "almost")):
            return m
    return None


def _weak_injury(doc: Doc, j: int, stop: int) -> tuple[str, int] | None:
    """Injuries said without a casualty verb: '(is) in critical condition', 'suffered gunshot
    wounds', 'was found with a gunshot wound'. Returns (kind, trigger index)."""
    k = j
    n = 0
    while k < stop and n < 3 and doc[k].lower_ in _CONDITION_VERBS and doc[k].lower_ != "in":
        k += 1
        n += 1
    if k >= stop:
        return None
    w = doc[k].lower_
    if k > 0 and doc[k - 1].lower_ == "treated" and w == "and" and k + 1 < stop and doc[k + 1].lower_ in (
            "released", "discharged"):
        # "was treated and released" (not "two were treated at A, one at B": a breakdown by hospital)
        return "injured", k - 1
    if w == "in":
        m = k + 1
        while m < stop and m - k <= 9 and doc[m].lower_ in _CONDITION_ADJS:
            m += 1
        if m < stop and m > k + 1 and doc[m].lower_ in _CONDITION_WORDS:
            return "injured", m
    if w in ("at", "in") and k > 0 and doc[k - 1].lower_ in ("is", "are", "was", "were", "remains", "remain", "remained",
                                                          "still"):
        # "the two other men are at the hospital (in serious condition)", "two remain in the hospital"
        for x in range(k + 1, min(stop, k + 6)):
            if doc[x].lower_ in _HOSPITAL_WORDS:
                return "injured", x
            if doc[x].pos_ not in ("DET", "ADJ", "PROPN", "NOUN", "PUNCT"):
                break
        return None
    if w in _STRUGGLE_VERBS and k + 2 < stop and doc[k + 1].lower_ in ("for", "to"):
        # "another is fighting for her life", "a boy was clinging to life"
        m = k + 2 + (doc[k + 2].lower_ in ("his", "her", "their", "its", "dear"))
        if m < stop and doc[m].lower_ in ("life", "lives"):
            return "injured", m
        return None
    if (w in _RECOVER_VERBS or w in _SURVIVE_VERBS) and k + 1 < stop and doc[k + 1].lower_ in ("after", "being"):
        # "four people are recovering after a shooting", "a girl survived being shot"
        for x in range(k + 2, min(stop, k + 6)):
            if doc[x].lower_ in _VIOLENCE_WORDS and doc[x].lower_ not in _DEATH_WORDS:
                return "injured", x
            if doc[x].pos_ not in ("DET", "ADJ", "AUX", "ADV", "NOUN", "PROPN", "PUNCT") and doc[x].lower_ != "being" and not (
                    doc[x].lower_ in _STRUCK_VERBS or doc[x].lower_ == "by"):
                break  # ("recovers after being hit by gunfire")
        return None
    if w in _ARRIVE_VERBS and k > 0 and doc[k - 1].lower_ not in ("police", "officers", "deputies"):
        # "three other victims showed up at the hospital with gunshot wounds", "walked into a hospital"
        for x in range(k + 1, min(stop, k + 10)):
            if doc[x].lower_ in _HOSPITAL_WORDS:
                return "injured", x
            if doc[x].lower_ == "with":
                found = _weak_injury(doc, x, stop)
                return found if found is not None and found[0] == "injured" else None
            if doc[x].text in (".", ";", ",") or doc[x].lower_ in ("and", "but", "when", "after", "before"):
                return None
        return None
    if w in _RECOVER_VERBS and k + 1 < stop and doc[k + 1].lower_ in ("from", "at", "in"):
        # "four people are recovering at area hospitals", "is recovering from a gunshot wound"
        if doc[k + 1].lower_ == "from":
            return _weak_injury(doc, k + 1, stop) if doc[k + 1].lower_ in _SUFFER_VERBS else None
        for x in range(k + 2, min(stop, k + 7)):
            if doc[x].lower_ in _HOSPITAL_WORDS:
                return "injured", x
        return None
    if w in _TRANSPORT_VERBS and k > 0 and doc[k - 1].lower_ in _AUX_SKIP:
        # "was taken to a hospital", "were rushed to an area hospital"
        m = k + 1
        if m < stop and doc[m].lower_ in ("to", "into", "at"):
            # ("were taken to Lake-Jones County General Hospital": a long, hyphenated name)
            for x in range(m + 1, min(stop, m + 10)):
                if doc[x].lower_ in _HOSPITAL_WORDS:
                    return "injured", x
                if doc[x].lower_ == "with":
                    # "were taken to San Francisco General with injuries"
                    return _weak_injury(doc, x, stop)
                if doc[x].lower_ == "after" and x + 2 < stop and doc[x + 1].lower_ == "being" and (
                        doc[x + 2].lower_ in LEX.shot_words or doc[x + 2].lower_ in LEX.injured_words):
                    return "injured", x + 2  # "were taken to ECMC after being shot"
                if doc[x].pos_ not in ("DET", "ADJ", "PROPN", "NOUN", "PUNCT"):
                    break
        return None
    if w in _SUFFER_VERBS or doc[k].lemma_.lower() in ("suffer", "sustain"):
        fatal = False
        for m in range(k + 1, min(stop, k + 9)):
            t = doc[m]
            mw = t.lower_
            if mw in _FATAL_ADJS:
                fatal = True
            if mw in _WOUND_NOUNS and mw not in ("gunshot", "gunshots") or (
                    mw in ("gunshot", "gunshots") and (m + 1 >= stop or doc[m + 1].pos_ not in ("NOUN",))):
                return ("killed" if fatal else "injured"), m
            if not (t.pos_ in ("DET", "ADJ", "NUM", "NOUN", "ADV", "CCONJ") or mw in ("-", "from", "non", "to", ",")
                    or t.pos_ == "VERB" and (doc[m - 1].text == "-" or mw.endswith("threatening"))):
                return None
    return None


def _limb_wound(doc: Doc, trigger: int, stop: int) -> bool:
    """'shot in the leg', 'struck in his left arm': a wound to a limb, which its victim survives."""
    k = trigger + 1
    if k >= stop or doc[k].lower_ not in ("in", "on"):
        return False
    for m in range(k + 1, min(stop, k + 5)):
        w = doc[m].lower_
        if w in _LIMBS:
            return not any(doc[x].lower_ in _DEATH_WORDS for x in range(m + 1, min(stop, m + 8)))
        if doc[m].pos_ not in ("DET", "ADJ", "PRON") and w not in ("left", "right", "upper", "lower"):
            return False
    return False


def _struck_by_bullet(doc: Doc, j: int, stop: int) -> bool:
    """'struck by gunfire', 'hit by a stray bullet', 'grazed by a bullet': shot."""
    if doc[j].lower_ not in _STRUCK_VERBS or j + 1 >= stop:
        return False
    k = j + 1
    if doc[k].lower_ == "by":
        for m in range(k + 1, min(stop, k + 5)):
            if doc[m].lower_ in _PROJECTILES:
                return True
            if doc[m].pos_ not in ("DET", "ADJ", "NUM", "NOUN", "PUNCT"):
                return False
    if doc[k].lower_ in ("in", "during", "by"):
        # "was hit in the leg", "was also struck during the shooting", "grazed in the crossfire"
        for m in range(k + 1, min(stop, k + 5)):
            if doc[m].lower_ in _LIMBS or doc[m].lower_ in _BODY_PARTS or doc[m].lower_ in _SHOOTING_NOUNS:
                return True
            if doc[m].pos_ not in ("DET", "ADJ", "PRON", "NOUN"):
                return False
    return False


def _has_object(doc: Doc, k: int, stop: int) -> bool:
    """Whether the words at ``k`` are the object of an active verb ('killed his wife', 'shot three')."""
    if k >= stop:
        return False
    t = doc[k]
    if t.ent_type_ in ("DATE", "TIME"):
        return False
    if t.like_num or t.lower_ in ("two", "three", "several"):
        # "killed three people" is an object; "10 civilians killed 15 injured" lost its comma
        m = k + 1
        while m < stop and doc[m].pos_ == "ADJ" and not _kind_of_word(doc[m].lower_):
            m += 1
        return m < stop and doc[m].lower_ in LEX.person_nouns and not _kind_of_word(doc[m].lower_) and not (
            m + 1 < stop and (_kind_of_word(doc[m + 1].lower_) or doc[m + 1].lower_ in LEX.shot_words) and not (
                m + 2 < stop and doc[m + 2].like_num))
    if t.lower_ in ("the", "a", "an", "his", "her", "their", "him", "them", "its", "my", "our", "your", "this", "that",
                    "another", "both", "himself", "herself", "themselves"):
        return True
    return t.pos_ == "PROPN" and t.ent_type_ == "PERSON"


def _link_right(doc: Doc, fig: _Figure, stop: int, sent_has_killed: bool) -> _Found | None:
    found = _link_right_verb(doc, fig, stop, sent_has_killed)
    if found is None and fig.single and doc[fig.start].lower_ in ("a", "an", "one"):
        # "one deceased male and a second male ...": the casualty word inside the victim's phrase
        for k in range(fig.start + 1, fig.end):
            if doc[k].lower_ in _INNER_KIND and doc[k].pos_ in ("ADJ", "VERB"):
                return _Found(fig, _kind_of_word(doc[k].lower_) or "killed", k, [fig.end])
    return found


def _link_right_verb(doc: Doc, fig: _Figure, stop: int, sent_has_killed: bool) -> _Found | None:
    toks, j = _np_after(doc, fig, stop)
    if not _np_ok(doc, toks, allow_victims=True):
        return None
    # a noun that is itself the casualty word: "N bodies", "N fatalities", "N homicides"
    for k in toks:
        w = doc[k].lower_
        if w in ("bodies", "corpses", "fatalities", "homicides", "martyrs", "deaths", "dead"):
            return _Found(fig, "killed", k, toks)
        if w == "casualties" and not toks.index(k) > 2:
            return None
    # "one of them was killed"
    if len(toks) >= 2 and doc[toks[-2]].lower_ == "of" and doc[toks[-1]].lower_ == "the" and j < stop and \
            doc[j].like_num:
        toks = toks[:-1]  # "one of the four (men) was pronounced dead": the verb is the one's
        j += 1
        while j < stop and doc[j].pos_ in ("NOUN", "ADJ") and not _kind_of_word(doc[j].lower_):
            toks.append(j)
            j += 1
        if j < stop and (doc[j].tag_ == "VBN" or doc[j].lower_ in LEX.shot_words):
            return None  # "one of the five people shot and killed ... was a nurse": the five carry the figure
    elif toks and doc[toks[-1]].lower_ == "of" and j < stop and doc[j].lower_ in ("them", "those", "whom", "these"):
        j += 1
        while j < stop and doc[j].pos_ in ("NOUN", "ADJ") and not _kind_of_word(doc[j].lower_):
            toks.append(j)  # "two of those men"
            j += 1
    if toks and doc[toks[-1]].lower_ == "of" and j < stop and doc[j].like_num and doc[fig.start].dep_ in (
            "nsubj", "nsubjpass"):
        # "One of four women wounded in the shooting has died": the one's own verb, far on
        h = doc[fig.start].head
        if j < h.i < stop and (h.lower_ in ("died", "dies", "succumbed") or h.lower_ == "pronounced" and h.i + 1 < stop
                               and doc[h.i + 1].lower_ in ("dead", "deceased")):
            return _Found(fig, "killed", h.i, toks)
    # "Multiple people were shot, two fatally."
    if not toks and j + 1 < stop and doc[j].lower_ in ("fatally", "mortally") and (
            doc[j + 1].text in (".", ",", ";", ")") or doc[j + 1].lower_ == "and"):
        return _Found(fig, "killed", j, toks)
    j = _skip_apposition(doc, j, stop)
    j0 = j
    j = _skip_inserts(doc, j, stop)
    victims_head = any(doc[x].lower_ in ("victims", "victim") for x in toks)
    if victims_head and j != j0:
        return None  # "four victims from the shooting that killed two": only "N victims (, who) <verb>"
    n = 0
    while j < stop and n < 6 and (doc[j].lower_ in _AUX_SKIP or doc[j].pos_ == "ADV" and _kind_of_word(doc[j].lower_) is None):
        j += 1
        n += 1
    if j >= stop:
        return None
    t = doc[j]
    w = t.lower_
    if w in ("shot", "shoots") and j + 1 < stop and doc[j + 1].lower_ in ("himself", "herself", "self") and (
            any(doc[x].lower_ in _ACCIDENT_SHOOTING and doc[x - 1].lower_ not in ("no", "not", "n't", "never")
                for x in range(max(fig.end, 1), min(j + 8, stop)))
            or _a_child(doc, fig, toks)):
        # "a boy accidentally shot himself", "Toddler shoots self in hand": the victim of his own accident
        own_death = doc[j - 1].lower_ in ("fatally", "mortally") or _killed_later(doc, j + 2, stop) is not None
        return _Found(fig, "killed" if own_death else "injured", j, toks, own_accident=True)
    if t.pos_ == "VERB" and _kind_of_word(w) is None and w not in LEX.shot_words and w not in LEX.destroy_words:
        k2 = j + 1
        if k2 < stop and doc[k2].pos_ in ("ADP", "PART") and doc[k2].lower_ not in ("to", "in", "by"):
            k2 += 1
        if w == "lost" and k2 + 1 < stop and doc[k2].lower_ in ("their", "his", "her") and doc[k2 + 1].lower_ in ("lives", "life"):
            if _mixed_after(doc, k2 + 1, "killed", stop):
                return None
            return _Found(fig, "killed", j, toks)
        if k2 + 1 < stop and doc[k2].lower_ == "and" and _kind_of_word(doc[k2 + 1].lower_):
            j = k2 + 1
            t = doc[j]
            w = t.lower_
    kind = _kind_of_word(w)
    if kind is None and w not in LEX.shot_words and fig.definite and n > 0 and w in _TRANSPORT_VERBS and (
            weak := _weak_injury(doc, j, stop)) is not None and weak[0] == "injured" and (
            later := _killed_later(doc, weak[1] + 1, stop)) is not None:
        return _Found(fig, "killed", later, toks)  # "both men were taken to a hospital, where they died"
    if kind is None and w not in LEX.shot_words and (not fig.definite or any(
            doc[x].lower_ in ("other", "others") for x in toks)):
        weak = _weak_injury(doc, j - 1 if doc[j - 1].lower_ == "for" and n > 1 else j, stop)
        if weak is not None:
            later = _killed_later(doc, weak[1] + 1, stop) if weak[0] == "injured" else None
            if later is None and weak[0] == "injured":
                later = _died_later(doc, fig, toks, weak[1], stop)
            if later is not None:
                return _Found(fig, "killed", later, toks)
            if weak[0] == "injured" and sent_has_killed and fig.single and not any(
                    doc[x].lower_ in _SURVIVAL_WORDS or doc[x].lower_ in _OTHER_VICTIM
                    for x in range(fig.start, weak[1] + 1)) and not _death_only_before(doc, fig.start, weak[1], stop):
                return None  # "a man with a gunshot wound was pronounced dead ..."
            return _Found(fig, weak[0], weak[1], toks, condition=True)
    if w in ("death", "lives", "killing", "wounding", "injuring", "kills", "injuries", "deaths") or w.endswith("ing") and w != "dying":
        kind = None
    if kind is not None and w in ("wounds", "injuries", "wound", "injury") and n == 0:
        return None  # "multiple gunshot wounds" counts wounds
    if kind is None and t.lemma_.lower() in LEX.killed_verbs and t.pos_ == "VERB" and t.lemma_.lower() not in (
            "shoot", "gun") and not w.endswith("ing"):
        kind = "killed"
    if kind is None and w in LEX.destroy_words and any(doc[k].lower_ in LEX.person_nouns for k in toks):
        kind = "killed"
    if kind is not None and j > 0 and doc[j - 1].lower_ in ("fatally", "mortally"):
        kind = "killed"
    if kind is None and w == "gunned" and j + 1 < stop and doc[j + 1].lower_ == "down" and n > 0:
        kind = "killed"  # "were gunned down"
    if kind is None and (w in LEX.shot_words or n > 0 and _struck_by_bullet(doc, j, stop)):
        if n == 0 and (fig.single and doc[fig.start].lower_ == "the" or fig.definite) and not (
                fig.single and doc[j + 1: j + 4].text.lower() in _SHOT_KILLED_PARTICIPLES):
            return None  # "the officer shot the suspect": the subject fired
        nxt = doc[j + 1].lower_ if j + 1 < stop else ""
        nxt2 = doc[j + 2].lower_ if j + 2 < stop else ""
        nxt3 = doc[j + 3].lower_ if j + 3 < stop else ""
        if nxt in _WOUND_NOUNS:
            return None  # "multiple gun shot wounds" counts wounds
        if n == 0 and not toks and (nxt in ("was", "were", "rang", "fired", "that", "which") or (
                fig.start > 0 and doc[fig.start - 1].lower_ in _FIRING_WORDS)):
            return None  # "only one shot was fired", "he fired one shot at the car": shots, not people
        if nxt == "at" and (nxt2 in (",", ".", ";", "and", "but", "by", "from", "while", "as", "when") or j + 2 >= stop):
            return None  # "he was shot at, but the bullets missed": fired on, not hit
        if nxt in ("dead", "and") and (nxt == "dead" or nxt2 in ("killed",)) or doc[j - 1].lower_ in ("fatally", "mortally") \
                or (nxt, nxt2) == ("to", "death") or (nxt, nxt2, nxt3) == ("and", "later", "died"):
            kind = "killed"
        elif nxt == "and" and nxt2 in LEX.injured_words:
            j, kind = j + 2, "injured"  # "shot and wounded": an injury, not a bare "shot"
        elif not sent_has_killed or any(doc[x].lower_ in _OTHER_VICTIM for x in toks) or any(
                doc[x].lower_ == "also" for x in range(j - n, j)):
            kind = "injured"  # "two died and seven others were shot", "her mother was also shot": they survived
        else:
            later = _killed_later(doc, j + 1, stop)
            if later is None:
                return None
            # "was shot in the chest and died at the scene"
            return _Found(fig, "killed", later, toks)
    if kind is None:
        if fig.single and not fig.definite:
            # "Tom Reyes, 17, was in the back seat and died after ...", "a teen who was caught in the
            # crossfire has died": the victim's own death later in the clause
            died = _died_later(doc, fig, toks, j - 1, stop) or _conj_died(doc, fig, j, stop)
            if died is not None:
                return _Found(fig, "killed", died, toks)
        return None
    if victims_head and any(doc[x].lower_ in ("that", "which") for x in range(j - n, j)):
        return None
    if fig.definite and j > 0 and doc[j - n if n else j].lower_ in ("who", "that", "which"):
        return None  # "the two men who were shot": refers back to victims counted elsewhere
    if fig.pronoun and kind != "killed" and (kind != "injured" or n == 0):
        return None  # "he shot ...": the subject acted
    # ("the man fatally shot his wife": an adverb alone leaves the verb active)
    active = n == 0 or t.tag_ == "VBD" and all(doc[x].pos_ == "ADV" for x in range(j - n, j))
    if active and (toks or fig.single) and t.pos_ == "VERB" and w not in ("dead", "died", "dies") and \
            _has_object(doc, j + 1, stop):
        return None  # "two gunmen killed three people", "a man shot his neighbor": the subject acted
    if fig.definite and (n == 0 and w not in ("died", "dies", "succumbed") or any(
            doc[x].pos_ == "ADV" or doc[x].lower_ in ("most", "least") for x in toks) or doc[j - n].lower_ == "among"):
        return None  # "the two gunmen killed ...": the subject acted; "the three most seriously injured"
    if _mixed_after(doc, j, kind, stop):
        return None
    if kind == "injured":
        died = _died_later(doc, fig, toks, j, stop)
        if died is not None:
            return _Found(fig, "killed", died, toks)
    return _Found(fig, kind, j, toks)


def _list_item_before(doc: Doc, figs: list[_Figure], start: int, lo: int, busy: set[int]) -> _Figure | None:
    """The figure of a list item that ends with a comma just before ``start``: "a girl, [two women and a man]"."""
    if start - 1 <= lo or doc[start - 1].text != ",":
        return None
    for p in figs:
        if p.end >= start or p.vague or p.definite or p.pronoun or p.named or p.qual_start is not None:
            continue
        if any(k in busy for k in range(p.start, p.end)):
            continue
        toks, j = _np_after(doc, p, start)
        if j != start - 1 or not toks or not _np_ok(doc, toks):
            continue
        nouns = [k for k in toks if doc[k].pos_ in ("NOUN", "PROPN")]
        if nouns and doc[nouns[-1]].lower_ in _DEMOGRAPHIC:
            return p
    return None


def _object_list(doc: Doc, figs: list[_Figure], founds: list[_Found], stop: int) -> list[_Found]:
    """ "shot four teenagers and two adults": a second count of people joined by "and" to the object of a
    casualty verb before them is one more part of the listed victims."""
    for a, b in zip(figs, figs[1:], strict=False):
        fa = next((f for f in founds if f.fig is a), None)
        if fa is None or fa.trigger > a.start or any(f.fig is b for f in founds) or b.vague or b.definite or \
                b.pronoun or b.qual_start is not None or a.vague or a.definite:
            continue
        toks, j = _np_after(doc, a, stop)
        if not (j + 1 == b.start and j < stop and doc[j].lower_ == "and" and toks and _np_ok(doc, toks)):
            continue
        btoks, _ = _np_after(doc, b, stop)
        heads = [doc[x].lower_ for x in toks + btoks if doc[x].pos_ in ("NOUN", "PROPN")]
        if not btoks or not heads or not all(h in _DEMOGRAPHIC and h not in _OTHER_VICTIM for h in heads) or any(
                doc[x].lower_ in _UNCOUNTED for x in range(b.start, b.end + len(btoks))):
            continue  # ("killed five adults and an unborn child": casualty counts leave out the unborn)
        both = _Found(_Figure(a.start, b.end, a.value + b.value, qualifier=a.qualifier), fa.kind, fa.trigger,
                      toks + btoks, fa.subgroup_of, fa.condition)
        founds = [both if f is fa else f for f in founds]
    return founds


def _negated(sent: Span, words: frozenset[str]) -> bool:
    """ "the shooting was not accidental", "no accident": a word of ``words`` under a negation."""
    toks = list(sent)
    for k, t in enumerate(toks):
        if t.lower_ in words and any(x.lower_ in ("not", "n't", "no", "never", "nothing") for x in toks[max(k - 4, 0):k]):
            return True
    return False


def _comma_list(doc: Doc, figs: list[_Figure], founds: list[_Found], lo: int, hi: int) -> list[_Found]:
    """ "a 15-year-old girl, two women and a man were shot": every item of a comma list before its last
    "X and Y" pair is one more victim (the pair alone was linked to the verb)."""
    out = []
    for f in founds:
        start = f.fig.qual_start if f.fig.qual_start is not None else f.fig.start
        if not any(doc[k].lower_ == "and" for k in range(start, f.fig.end)):
            out.append(f)
            continue
        busy = {k for g in founds for k in range(g.fig.start, g.fig.end)} | {k for g in founds for k in g.np_tokens}
        fig = f.fig
        while True:
            p = _list_item_before(doc, figs, start, lo, busy)
            if p is None:
                break
            fig = _Figure(p.start, fig.end, p.value + fig.value, link_from=fig.link_from)
            busy.update(range(p.start, start))
            start = p.start
        out.append(f if fig is f.fig else _Found(fig, f.kind, f.trigger, f.np_tokens, f.subgroup_of, f.condition))
    return out


def _join_coordinated(doc: Doc, founds: list[_Found], stop: int) -> list[_Found]:
    """'Two children and an adult male were found dead': victims joined by 'and' before one casualty
    word are listed victims, counted together when no total is given (GUIDELINES.md)."""
    out: list[_Found] = []
    for f in founds:
        p = out[-1] if out else None
        fs = f.fig.qual_start if f.fig.qual_start is not None else f.fig.start
        if p is not None and p.kind == f.kind and p.trigger == f.trigger and p.subgroup_of is None and \
                f.subgroup_of is None and (p.fig.single or f.fig.single) and not (p.fig.definite or f.fig.definite or p.fig.vague or f.fig.vague) and \
                p.fig.end <= fs and f.fig.end <= f.trigger and not any(
                    doc[x].lower_ in _OTHER_VICTIM for x in range(fs, f.trigger)):
            _, j = _np_after(doc, p.fig, stop)
            if j + 1 == fs and doc[j].lower_ == "and":
                fig = _Figure(p.fig.start, f.fig.end, p.fig.value + f.fig.value, named=p.fig.named and f.fig.named)
                out[-1] = _Found(fig, f.kind, f.trigger, p.np_tokens + f.np_tokens)
                continue
        out.append(f)
    return out


def _sum_clauses(doc: Doc, founds: list[_Found], sent: Span) -> list[_Found]:
    """ "A 41-year-old man was shot in the elbow, and a 42-year-old man was shot in the hand": single
    victims of one kind told in the clauses of one sentence, each with its own casualty word, are listed
    victims, counted together (GUIDELINES.md); not in a sentence about separate incidents."""
    if len(founds) < 2 or any(t.lower_ in _SEPARATE for t in sent):
        return founds
    def addend(f: _Found) -> bool:
        fig = f.fig
        return fig.single and fig.value == 1 and f.subgroup_of is None and not (
            fig.definite or fig.pronoun or fig.named or fig.vague or fig.headline) and \
            doc[fig.start].lower_ in ("a", "an", "another", "one")
    out: list[_Found] = []
    for kind in ("injured",):  # (deaths in one sentence are often of other incidents: "... is related to a
        # girl who was killed by a stray bullet")
        group = [f for f in founds if f.kind == kind and addend(f)]
        if len(group) < 2 or len({f.trigger for f in group}) < len(group):
            continue
        first = group[0]
        fig = _Figure(first.fig.start, first.fig.end, len(group), single=False)
        out.append(_Found(fig, kind, first.trigger, first.np_tokens, None, all(f.condition for f in group), True))
        founds = [f for f in founds if f not in group]
    return sorted(founds + out, key=lambda f: f.fig.start)


def _with_self_killing(doc: Doc, f: _Found, sent: Span) -> _Found:
    """'killed his two sons before turning the gun on himself': the killer is one more dead of the
    incident, listed with the victims (GUIDELINES: listed victims count together when no total is given)."""
    t = doc[f.trigger]
    low = sent.text.lower()
    # "shot his wife and then himself in a murder-suicide": the shot victims were killed
    murder_suicide = t.lower_ in LEX.shot_words and f.trigger < f.fig.start and f.subgroup_of is None and not (
        f.fig.definite or f.fig.pronoun) and any(p in low for p in _MURDER_SUICIDE) and "attempted" not in low
    if not murder_suicide and f.kind != "killed" or f.subgroup_of is not None or f.fig.definite or f.fig.pronoun or not (
            murder_suicide or
            f.trigger < f.fig.start and t.pos_ == "VERB" and t.lemma_.lower() in LEX.killed_verbs) or (
            not murder_suicide and t.lemma_.lower() == "shoot" and not (f.trigger > 0 and doc[f.trigger - 1].lower_ in ("fatally", "mortally"))):
        return f  # ("shot four strangers before killing himself": the four may have lived)
    global _SELF_RE
    if _SELF_RE is None:
        _SELF_RE = re.compile(r"^[^.;:]{0,40}?\b(" + "|".join(LEX.sets["self_killing_phrases"]) + r")\b", re.I)
    rest = doc[f.fig.end:sent.end].text
    if not _SELF_RE.search(rest):
        return f
    fig = f.fig
    grown = _Figure(fig.start, fig.end, fig.value + 1, vague=fig.vague, qualifier=fig.qualifier, qual_start=fig.qual_start,
                    named=fig.named)
    return _Found(grown, "killed", f.trigger, f.np_tokens, condition=f.condition)


_SELF_RE: re.Pattern[str] | None = None
_MURDER_SUICIDE = LEX.sets["murder_suicide_phrases"]


def _died_later(doc: Doc, fig: _Figure, toks: list[int], j: int, stop: int) -> int | None:
    """'A woman who was wounded in the shooting has died': the victim's own later death."""
    span = set(range(fig.start, fig.end)) | set(toks)
    for m in range(j + 1, min(stop, j + 30)):
        t = doc[m]
        if t.lower_ in ("died", "dies", "succumbed") and t.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "nsubj" and (c.i in span or c.lower_ in _VIOLENCE_WORDS and c.i > max(span))
                for c in t.children):
            # (a parse that makes "the shooting" the subject of "died" still means the victim)
            return m
    return None


def _death_only_before(doc: Doc, start: int, end: int, stop: int) -> bool:
    """'A girl has died and her father is in critical condition': the sentence's death is told
    before the victim at ``start`` and none after its injury at ``end``, so it is someone else's."""
    def death(x: int) -> bool:
        return _says_killed(doc[x]) or doc[x].lemma_.lower() in ("kill", "die")

    lo = doc[start].sent.start
    return any(death(x) for x in range(lo, start)) and not any(death(x) for x in range(end + 1, stop))


def _conj_died(doc: Doc, fig: _Figure, j: int, stop: int) -> int | None:
    """'X, 17, was in the car and died ...', '..., was taken to a hospital and was later pronounced dead':
    a death coordinated with the clause whose subject is the victim."""
    span = set(range(fig.start, fig.end + 1))
    for m in range(j, min(stop, j + 16)):
        t = doc[m]
        if t.text in (";", ".") or t.like_num and not _is_age_or_year(doc, m, m + 1):
            return None
        pronounced = t.lower_ == "pronounced" and m + 1 < stop and doc[m + 1].lower_ in ("dead", "deceased")
        if not (t.lower_ in ("died", "dies") or pronounced) or t.dep_ != "conj" or doc[m - 1].lower_ not in (
                "and", "later", "then", "was"):
            continue
        head = t.head
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.i in span for c in head.children):
            return m
    return None


def _toll_before(doc: Doc, fig: _Figure, lo: int) -> _Found | None:
    start = fig.qual_start if fig.qual_start is not None else fig.start
    prev = [doc[k].lower_ for k in range(max(lo, start - 3), start)]
    if not prev:
        return None
    tail1 = prev[-1]
    tail2 = " ".join(prev[-2:])
    if tail1 not in ("to", "at", "of", "reached", "hit", "between", "from", "is", "was", "reaching", "reaches",
                     "as", "now", "stood", "topped", "passed", "exceeded", "surpassed", "reach", "exceed", "top",
                     "toll", "tolls", "tally", "rises", "rose") and tail2 not in (
            "ranging from",):
        return None
    # look back for the toll word, with no other figure or sentence break between
    for k in range(start - 1, max(lo, start - 32) - 1, -1):
        w = doc[k].lower_
        if doc[k].like_num and k < start - 1 and not (k + 1 < len(doc) and doc[k + 1].lower_ in LEX.non_person_units) \
                and doc[k].ent_type_ not in ("DATE", "TIME"):
            return None
        if w in ("toll", "tolls") and k + 2 < len(doc) and doc[k + 1].text == "-" and doc[k + 2].lower_ == "free":
            return None  # "a toll-free number"
        if w in ("toll", "tolls", "tally") or (w == "victims" and k > lo and doc[k - 1].lower_ == "of"):
            prevw = doc[k - 1].lower_ if k > lo else ""
            if prevw in ("injury", "injuries", "wounded", "casualty", "casualties"):
                return None
            return _Found(fig, "killed", k)
        if w in ("deaths", "fatalities", "homicides", "dead") and k > lo and doc[k - 1].lower_ in ("of", "the"):
            return _Found(fig, "killed", k)
        if w in ("injured", "wounded", "injuries") and k > lo and doc[k - 1].lower_ in ("of", "the"):
            return _Found(fig, "injured", k)
    return None


def _left_is_verb(doc: Doc, fig: _Figure, lo: int) -> bool:
    start = fig.qual_start if fig.qual_start is not None else fig.start
    k = start - 1
    if not fig.single:
        toks, e = _np_after(doc, fig, min(len(doc), fig.end + 6))
        if e < len(doc) and _kind_of_word(doc[e].lower_) and doc[e].lower_ not in (
                "wounds", "injuries", "lives", "deaths", "killing") and all(doc[x].lower_ in LEX.person_nouns for x in toks) \
                and not (e + 1 < len(doc) and doc[e + 1].like_num):
            return False  # "10 civilians killed 15 injured", "killed six others injured": the word after decides
    if k > lo and doc[k].lower_ == "of" and doc[k - 1].lower_ in ("body", "bodies", "remains"):
        return True  # "the body of a man with a gunshot wound"
    return k >= lo and doc[k].lower_ in LEX.left_triggers and not (
        k > lo and doc[k - 1].lower_ in ("were", "was", "been", "be", "is", "are", "being"))


def _link_left(doc: Doc, fig: _Figure, lo: int, sent_has_killed: bool = False) -> _Found | None:
    start = fig.qual_start if fig.qual_start is not None else fig.start
    k = start - 1
    while k >= lo and doc[k].lower_ in _LEFT_SKIP:
        k -= 1
    if k < lo:
        return None
    t = doc[k]
    w = t.lower_
    toks, e_np = _np_after(doc, fig, fig.end + 9)
    verbish = w in LEX.left_triggers or (t.lemma_.lower() in LEX.killed_verbs and t.pos_ == "VERB") or w in _TAKE_LIVES
    if verbish or w in ("claimed", "claiming", "leaving", "left", "shot", "shooting", "shoots"):
        if not _np_ok(doc, toks):
            return None
        if w in _TAKE_LIVES and (any(doc[x].lower_ in ("lives", "life") for x in toks) or (
                e_np < len(doc) and doc[e_np].lower_ in ("lives", "life"))):
            return _Found(fig, "killed", k, toks)  # "a shooting takes two lives"
        if w in _TAKE_LIVES:
            return None  # "took two people to a hospital"
        if w in ("claimed", "claiming"):
            # "claiming the lives of N" is handled below; "claimed N lives"
            if any(doc[x].lower_ == "lives" for x in toks) or (
                    toks and all(doc[x].lower_ in LEX.person_nouns or doc[x].pos_ in ("ADJ", "PROPN") for x in toks)
                    and any(doc[x].lower_ in LEX.groups["civilians"] for x in toks)):
                return _Found(fig, "killed", k, toks)
            return None
        if w in ("leaving", "left"):
            return None  # "leaving N dead": the right side decides
        if w in ("shot", "shooting", "shoots", "shoot"):
            # "shoots a boy in the leg": shot, and nothing says the boy died
            if not toks and (fig.value >= 20 or k > lo and doc[k - 1].lower_ in ("single", "one", "a")):
                return None  # "a single shot 223", "a shot 40": a calibre, not people
            if k > lo and doc[k - 1].lower_ in ("fatally", "mortally"):
                return _Found(fig, "killed", k, toks)  # "accused of fatally shooting three people"
            others = any(doc[x].lower_ in _OTHER_VICTIM for x in toks)
            if k > lo and doc[k - 1].lower_ in ("was", "were", "been", "be", "is", "are") or (
                    sent_has_killed and not others):
                return None
            return _Found(fig, "injured", k, toks)
        kind = "injured" if w in LEX.injured_words or w.startswith(("wound", "injur", "hurt", "maim")) else "killed"
        if kind == "injured" and k > lo and doc[k - 1].lower_ in ("fatally", "mortally"):
            kind = "killed"  # "shot and fatally wounded four friends"
        if k - 2 >= lo and doc[k - 1].lower_ in ("and", "or") and _kind_of_word(doc[k - 2].lower_) not in (None, kind):
            return None  # "killing and injuring several people": a mixed total
        if k > lo and doc[k - 1].lower_ in ("were", "was", "been", "be", "is", "are", "being") and w.endswith("ed"):
            return None  # passive: "were killed 3 ..." is rare; avoid "were killed by 3 gunmen"
        return _Found(fig, kind, k, toks)
    if w == "of" and k - 1 >= lo and (doc[k - 1].lower_ in LEX.killed_nouns_of or doc[k - 1].lower_ == "body" and fig.single):
        if not _np_ok(doc, toks, allow_victims=True):
            return None  # "the deaths of four victims": the noun gives the kind
        if doc[k - 1].lower_ == "lives" and any(doc[x].lemma_.lower() in ("save", "spare") for x in range(max(lo, k - 4), k - 1)):
            return None  # "saved the lives of two children"
        return _Found(fig, "killed", k - 1, toks)
    if w == "of" and k - 1 >= lo and doc[k - 1].lower_ in ("wounding", "injuring", "injury"):
        return _Found(fig, "injured", k - 1, toks)
    if w == "of" and k - 1 >= lo and doc[k - 1].lower_ in ("shooting", "shootings") and not sent_has_killed and (
            any(doc[x].lower_ in LEX.person_nouns for x in toks)):
        fatal = k - 2 >= lo and doc[k - 2].lower_ in _FATAL_ADJS
        return _Found(fig, "killed" if fatal else "injured", k - 1, toks)  # "the shooting of three people"
    if w in _SEND_VERBS:
        # "a shooting that sent three people to the hospital"
        _, e = _np_after(doc, fig, min(len(doc), fig.end + 12))
        if e < len(doc) and doc[e].lower_ == "to" and _np_ok(doc, toks) and any(
                doc[x].lower_ in _HOSPITAL_WORDS for x in range(e + 1, min(len(doc), e + 5))):
            return _Found(fig, "injured", k, toks, condition=True)
    if w in _STRIKING_VERBS and toks and any(doc[x].lower_ in LEX.person_nouns for x in toks) and not sent_has_killed:
        # "fired into the car, hitting four people"
        return _Found(fig, "injured", k, toks)
    if w in ("received", "treated", "admitted", "treating", "receiving") and "hospital" in doc[lo:fig.start].text.lower():
        if _np_ok(doc, [x for x in toks if doc[x].lower_ not in ("victims", "casualties")]):
            return _Found(fig, "injured", k, toks)
    if w in ("destroyed", "eliminated", "neutralized", "neutralised", "liquidated") and any(
            doc[x].lower_ in LEX.person_nouns for x in toks):
        return _Found(fig, "killed", k, toks)
    found = _toll_before(doc, fig, lo)
    if found is not None:
        if not _np_ok(doc, toks):
            return None
        found.np_tokens = toks
    return found


# ---------------------------------------------------------------- fields


def _group(doc: Doc, toks: list[int]) -> str:
    for k in toks:
        w = doc[k].lower_
        for g in ("security_forces", "combatants", "protesters", "civilians"):
            if w in LEX.groups[g]:
                if w in ("forces", "force", "military", "regime", "security") and not any(
                        doc[x].lower_ in ("members", "personnel", "forces", "force", "officers", "services", "troops",
                                          "soldiers", "service") for x in toks if x != k) and w != "forces":
                    continue
                return g
    return "unknown"


def _event_cues(sent: Span) -> list[tuple[int, str, str]]:
    text = " " + " ".join(t.lower_ for t in sent) + " "
    for veto in LEX.event_cue_vetoes:
        # a vetoed phrase is blanked out (same length, so positions stay)
        text = text.replace(" " + veto + " ", " " + "_" * len(veto) + " ")
    found: list[tuple[int, str, str]] = []
    for et, subs in LEX.event_cues.items():
        for sub, words in subs.items():
            for w in words:
                pos = text.find(" " + w + " ")
                if pos >= 0:
                    found.append((pos, et, sub))
    return found


_EVENT_PRIORITY = ["explosions_remote_violence", "battles", "protests", "riots", "violence_against_civilians"]
_SUB_PRIORITY = ["chemical_weapon", "suicide_bomb", "air_drone_strike", "shelling_artillery_missile_attack", "grenade",
                 "remote_explosive_landmine_ied"]


def _choose_event(cues: list[tuple[int, str, str]]) -> tuple[str, str] | None:
    if not cues:
        return None
    ets = {et for _, et, _ in cues}
    for et in _EVENT_PRIORITY:
        if et in ets:
            subs = [s for _, e, s in cues if e == et]
            if et == "explosions_remote_violence":
                for s in _SUB_PRIORITY:
                    if s in subs:
                        return et, s
            return et, subs[0]
    return None


def _hedged(doc: Doc, sent: Span, found: _Found) -> bool:
    fig = found.fig
    anchor = doc[fig.start]
    trig = doc[found.trigger]
    ancestors = {a.i for a in anchor.ancestors} | {anchor.i} | {a.i for a in trig.ancestors} | {trig.i}
    for t in sent:
        w = t.lower_
        if w in LEX.hedges:
            if w == "believed" or w == "thought":
                after = " ".join(x.lower_ for x in doc[t.i + 1:min(t.i + 6, sent.end)])
                if any(after.startswith(p) or p in after.split(" killed")[0] for p in LEX.not_hedge_after_believed):
                    continue
            target = t.head if t.pos_ in ("ADV",) else t
            if target.i in ancestors or t.i in ancestors:
                return True
            if w in ("reportedly", "allegedly", "purportedly") and t.i < fig.start:
                return True
            if w in ("estimated", "believed", "unconfirmed") and abs(t.i - fig.start) <= 4:
                return True
        if w in ("reports", "report") and t.i < fig.start and t.i + 1 < sent.end and doc[t.i + 1].lower_ in ("of", "that"):
            if t.i in ancestors or fig.start - t.i < 8:
                return True
    text = sent.text.lower()
    for p in ("what it said was", "what appeared to be", "said to have been"):
        if p in text:
            return True
    return False


_AGG_RE: re.Pattern[str] | None = None


def _aggregate(sent: Span) -> bool:
    global _AGG_RE
    if _AGG_RE is None:
        _AGG_RE = re.compile(r"\b(" + "|".join(LEX.aggregate_patterns) + r")", re.I)
    found = [m.group(0).lower() for m in _AGG_RE.finditer(sent.text)]
    if found and all(m in ("this year", "last year") for m in found):
        # "a gunfight left a bystander dead last year": one incident dated by the year, no yearly toll
        words = [t.lower_ for t in sent]
        single = any(w in _SINGLE_INCIDENTS and any(words[j] in ("a", "an", "the", "that", "same")
                                                    for j in range(max(0, k - 3), k))
                     for k, w in enumerate(words))  # "the (accidental, fatal) shooting"
        if single and not any(w in _PLURAL_INCIDENTS or w.endswith("'s") for w in words) and "'s" not in words:
            return False
    return bool(found)


_PLACE_NOUNS = LEX.sets["place_nouns"]
_PLACE_PREPS = LEX.sets["place_preps"]


def _person_words(doc: Doc) -> frozenset[str]:
    """Words of the people's full names in the article: "Stafford" after "Derrick Stafford" is
    the man, not the town (kept in ``doc.user_data`` for the article's other sentences)."""
    key = "reportedly.person_words"
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = frozenset(
            t.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent if t.is_title)
    return found  # type: ignore[no-any-return]


def _place_candidates(doc: Doc, sent: Span) -> list[tuple[float, int, int]]:
    """Place names in a sentence with a specificity score (higher: more specific, more likely the scene)."""
    cands: dict[tuple[int, int], float] = {}
    people = _person_words(doc)

    def add(s: int, e: int, base: float) -> None:
        while s < e and doc[s].lower_ in ("the",):
            s += 1
        while e > s and (doc[e - 1].is_punct or doc[e - 1].lower_ in ("'s", "’s")):
            e -= 1
        if e <= s or doc[s].lower_ in _DATE_WORDS or doc[s].ent_type_ in ("DATE", "TIME", "CARDINAL"):
            return
        words = doc[s:e].text.lower()
        score = base
        prev = doc[s - 1].lower_ if s > sent.start else ""
        prev2 = doc[s - 2].lower_ if s - 1 > sent.start else ""
        nxt = doc[e].lower_ if e < sent.end else ""
        if nxt in _PLACE_NOUNS or (prev == "of" and prev2 in _PLACE_NOUNS):
            score += 2
        if prev in _PLACE_PREPS or (prev == "the" and prev2 in _PLACE_PREPS):
            score += 1
        if prev in ("from",):
            score -= 3
        if _is_country(words):
            score -= 2
        if doc[s:e].root.ent_type_ in ("NORP",) or words in LEX.groups["combatants"]:
            return
        if e - s == 1 and doc[s].text in people and nxt not in _PLACE_NOUNS:
            return  # a person's surname written alone ("Stafford"), not "Stafford County"
        if e - s == 1 and numbered_district(doc[s - 1].text if s > 0 else "", doc[s].text,
                                            doc[e].text if e < len(doc) else ""):
            return  # "Ward 2", "the 9th Ward": a part of the city, not Ward, Arkansas
        cands[(s, e)] = max(score, cands.get((s, e), -99))

    for ent in sent.ents:
        if ent.label_ in ("GPE", "LOC", "FAC"):
            add(ent.start, ent.end, 2)
        elif ent.label_ in ("PERSON", "ORG") and ent.start > sent.start and (
                doc[ent.start - 1].lower_ in _PLACE_PREPS or (ent.end < sent.end and doc[ent.end].lower_ in _PLACE_NOUNS)
                or doc[ent.start - 1].lower_ == "of" and ent.start - 2 >= sent.start and doc[ent.start - 2].lower_ in _PLACE_NOUNS):
            if claimant_type_of(ent.text) is None:
                add(ent.start, ent.end, 1)
    for t in sent:
        if t.lower_ in _PLACE_PREPS or (t.lower_ == "of" and t.i > sent.start and doc[t.i - 1].lower_ in _PLACE_NOUNS):
            j = t.i + 1
            if j < sent.end and doc[j].lower_ in ("the", "a", "an"):
                j += 1
            k = j
            while k < sent.end and k - j < 5 and (doc[k].is_title or (doc[k].lower_.startswith("al-") and k > j) or (
                    doc[k].text.startswith("al-"))) and doc[k].pos_ in ("PROPN", "NOUN", "ADJ") and not doc[k].like_num:
                k += 1
            if k > j:
                add(j, k, 1)
    return [(sc, s_, e_) for (s_, e_), sc in cands.items()]


_COUNTRIES: set[str] | None = None


def _is_country(name: str) -> bool:
    global _COUNTRIES
    if _COUNTRIES is None:
        try:
            import pycountry

            _COUNTRIES = {c.name.lower() for c in pycountry.countries} | {
                getattr(c, "common_name", c.name).lower() for c in pycountry.countries}
        except ImportError:  # pragma: no cover - pycountry is a dependency
            _COUNTRIES = set()
        _COUNTRIES |= LEX.country_common_names
    return name.lower().strip() in _COUNTRIES


def _location(doc: Doc, sent: Span, found: _Found, previous: list[tuple[float, int, int]] | None = None,
              source: MSpan | None = None) -> Location | None:
    cands = _place_candidates(doc, sent)
    if source is not None:
        # "the defence ministry in Moscow", "Harvey County Sheriff": a source's seat is not the scene
        cands = [c for c in cands if not (source.start <= doc[c[1]].idx < source.end)]
    if not cands and previous:
        cands = previous
    if not cands:
        return None
    pivot = min(found.trigger, found.fig.start)

    def key(c: tuple[float, int, int]) -> tuple[float, float]:
        sc, s_, _ = c
        return (sc + (0.5 if s_ > pivot else 0.0), -abs(s_ - pivot) / 100.0)

    _, s_, e_ = max(cands, key=key)
    span = doc[s_:e_]
    return Location(name=span.text, start=span.start_char, end=span.end_char)


def _previous_places(doc: Doc, sents: list[Span], si: int) -> list[tuple[float, int, int]]:
    for k in range(si - 1, max(si - 3, -1), -1):
        cands = [c for c in _place_candidates(doc, sents[k]) if c[0] >= 1]
        if cands:
            return cands
    return []


_AGE_ENT = re.compile(r"\b\d+[- ](?:years?|months?|weeks?|days?)[- ]olds?\b|^(?:aged?|age)\b", re.I)


def _time(doc: Doc, sent: Span, found: _Found) -> TimeRef | None:
    best = None
    for ent in sent.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if any(t.i >= found.fig.start and t.i < found.fig.end for t in ent):
            continue
        if _AGE_ENT.search(ent.text):
            continue  # "a 6-year-old boy": the tagger's DATE is an age
        s = ent.start
        if s > sent.start and doc[s - 1].lower_ in ("on", "since", "in", "last", "early", "late", "at", "during", "overnight"):
            s -= 1
        dist = abs(ent.start - found.trigger)
        if best is None or dist < best[0]:
            best = (dist, s, ent.end)
    if best is None:
        return None
    span = doc[best[1]:best[2]]
    return TimeRef(text=span.text, start=span.start_char, end=span.end_char)


def _perpetrator(doc: Doc, found: _Found) -> MSpan | None:
    trig = doc[found.trigger]
    for c in trig.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return _trimmed_span(doc, p)
    verb = trig if trig.pos_ == "VERB" else None
    if verb is not None and verb.lower_ in ("killing", "wounding", "injuring") and verb.dep_ in ("advcl", "xcomp", "conj"):
        verb = verb.head
    if verb is not None and not any(c.dep_ == "auxpass" for c in verb.children):
        for c in verb.children:
            if c.dep_ == "nsubj" and c.lower_ not in ("it", "which", "that", "who", "they", "he", "she"):
                if c.i >= found.fig.start and c.i < found.fig.end:
                    return None
                if c.lower_ in LEX.person_nouns and any(x.like_num for x in c.children):
                    return None
                return _trimmed_span(doc, c)
    return None


def _trimmed_span(doc: Doc, head: Token) -> MSpan:
    keep = [head.i]
    for c in head.lefts:
        keep.extend(x.i for x in c.subtree)
    for c in head.rights:
        if c.dep_ in ("prep", "compound", "amod", "nmod", "flat", "conj", "cc") and c.i - head.i < 8:
            keep.extend(x.i for x in c.subtree if x.i - head.i < 10)
    s, e = min(keep), max(keep) + 1
    while e > s + 1 and doc[e - 1].is_punct:
        e -= 1
    while s < e - 1 and doc[s].is_punct:
        s += 1
    span = doc[s:e]
    return MSpan(text=span.text, start=span.start_char, end=span.end_char)


def _evidence(doc: Doc, sent: Span) -> Evidence:
    s = sent.start_char
    text = sent.text.rstrip()
    return Evidence(start=s, end=s + len(text), text=text)


# ---------------------------------------------------------------- document


def _mention_types(doc: Doc) -> list[Mention]:
    try:
        return list(doc._.mentions or [])
    except AttributeError:
        return []


def _statements(doc: Doc) -> list[Statement]:
    try:
        return list(doc._.statements or [])
    except AttributeError:
        return []


def _norm(text: str | None) -> str:
    if not text:
        return ""
    t = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(w for w in t.split() if w not in ("the", "a", "an"))


def _quick(sent: Span) -> bool:
    has_num = False
    has_trig = False
    for t in sent:
        w = t.lower_
        if not has_num and (t.like_num or w in VAGUE or w in ("a", "an", "one", "another", "dozen", "he", "she", "both")
                            or t.ent_type_ == "PERSON" or t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass")
                            or w in LEX.single_victim_nouns or w in _DEATHS_OF or w in _DEATH_OF or w == "fatal"):
            has_num = True
        if not has_trig and (w in LEX.trigger_words or w in LEX.shot_words or w in LEX.destroy_words
                             or w in LEX.left_triggers
                             or w in _DEATHS_OF or w in _DEATH_OF or w in ("shooting", "shootings", "death", "shoots")):
            has_trig = True
        if has_num and has_trig:
            return True
    return False


@dataclass
class _Raw:
    claim: Claim
    sent_index: int
    attributed: bool
    headline: bool
    named: bool = False
    condition: bool = False  # an injury said only by a condition ("two remain in critical condition")
    definite_shot: bool = False  # "the girl was shot": injured only if nobody is reported dead
    shot_total: bool = False  # "the shooting of nine people": a mixed total when anyone died
    definite: bool = False  # "the three victims", "all three": refers back to people counted elsewhere
    by_shot: bool = False  # an injury said only by "shot", "struck by gunfire", "hitting": a mixed total beside a death
    pronoun: bool = False  # "he was shot": a victim named only by a pronoun
    limb: bool = False  # "shot in the leg": a wound its victim survives
    separate: bool = False  # told in a sentence about a separate incident ("in a separate case, ...")
    listed: bool = False  # single victims of several clauses counted together
    others: bool = False  # "three other people were wounded": victims beside those told before
    plus_one: bool = False  # "four were shot and a fifth was hurt": the count grown by one told apart
    accident: bool = False  # a casualty of an unintentional shooting: a record, not a figure claim


_LEAD = 5  # sentences that tell an article's main incident (headline and lead)


def extract_claims(doc: Doc) -> list[Claim]:
    """All figure claims of a parsed document, in text order (GUIDELINES.md), with the records
    of an unintentional shooting's casualties (``Claim.accident``).

    Never raises on odd input: an internal indexing error on a malformed parse yields no
    claims for that document rather than failing the whole batch.
    """
    try:
        return _extract_claims(doc)
    except (IndexError, ValueError, KeyError, AttributeError):
        return []


def _extract_claims(doc: Doc) -> list[Claim]:
    sents = list(doc.sents)
    if not sents:
        return []
    attributor = Attributor(doc, sents, _statements(doc))
    mentions = _mention_types(doc)
    raws: list[_Raw] = []
    doc_events: dict[str, int] = {}
    sent_events: list[tuple[str, str] | None] = []
    for sent in sents:
        ev = _choose_event(_event_cues(sent)) if _quick(sent) or len(sents) < 200 else None
        sent_events.append(ev)
        if ev:
            doc_events[ev[0]] = doc_events.get(ev[0], 0) + 1
    verify_hedge: list[int] = []
    accident_kinds: set[str] = set()  # kinds of the victims of an accident the article tells of
    shooting_accident = False  # the article's lead tells of an unintentional shooting
    violent_doc = any(t.lower_ in _VIOLENCE_WORDS for t in doc)
    for si, sent in enumerate(sents):
        attributor.observe(si)
        low = sent.text.lower()
        if any(p in low for p in LEX.verify_phrases) and any(w in low.split() for w in LEX.figure_words):
            verify_hedge.append(si)
        if not _quick(sent):
            continue
        figs = _find_figures(sent)
        listed = _deaths_of_victims(sent)
        ordinal = _ordinal_deaths(sent) + _inverted_victims(sent)
        if ordinal:
            taken = {k for f in ordinal for k in range(min(f.fig.start, f.trigger), max(f.fig.end, f.trigger + 1))}
            figs = [f for f in figs if not any(k in taken for k in range(f.start, f.end))]
            listed = ordinal + [f for f in listed if not any(k in taken for k in range(f.fig.start, f.fig.end))]
        if not figs and not listed:
            continue
        nxt_sent = sents[si + 1] if si + 1 < len(sents) else sent
        sent_has_killed = any(
            (_says_killed(t) or t.lemma_.lower() in ("kill", "die")) for t in sent) or (
            "shot" in low and any(_says_killed(t) for t in nxt_sent))
        founds: list[_Found] = []
        for fig in figs:
            if fig.definite:
                # "the two victims were hospitalized": only as the subject of a casualty verb
                f = _link_right(doc, fig, sent.end, sent_has_killed) or _partition_of(doc, fig, sent.start, sent.end)
                if f is None and fig.start - 3 >= sent.start and doc[fig.start - 2].lower_ == "of" \
                        and doc[fig.start - 3].lower_ in LEX.killed_nouns_of and doc[fig.start - 3].lower_ != "lives":
                    # "responsible for the deaths of the six victims": the noun gives the kind
                    f = _link_left(doc, fig, sent.start, sent_has_killed)
                if f is not None:
                    founds.append(f)
                continue
            if fig.single and founds and fig.start > sent.start and doc[fig.start - 1].lower_ in ("including", "among"):
                continue  # "four people, including a boy, were shot": the boy is one of the four
            f = _link_left(doc, fig, sent.start, sent_has_killed) if _left_is_verb(doc, fig, sent.start) else None
            f = f or _link_right(doc, fig, sent.end, sent_has_killed) or _link_left(doc, fig, sent.start, sent_has_killed)
            if f is None and fig.single:
                continue
            if f is None:
                # subgroup: "including 11 children", "five of them policemen"
                start = fig.qual_start if fig.qual_start is not None else fig.start
                prevw = doc[start - 1].lower_ if start > sent.start else ""
                if prevw in _SUBGROUP_MARKERS and founds:
                    toks, _ = _np_after(doc, fig, sent.end)
                    if _np_ok(doc, toks) and toks:
                        f = _Found(fig, founds[-1].kind, founds[-1].trigger, toks, subgroup_of=founds[-1])
                # an elliptical list: "150 bodies in A, 100 in B, 67 in C"
                if f is None and founds and fig.end < sent.end and doc[fig.end].lower_ in ("in", "at") and (
                        founds[-1].fig.end < fig.start) and fig.end + 1 < sent.end and doc[fig.end + 1].is_title:
                    f = _Found(fig, founds[-1].kind, founds[-1].trigger, [])
            if f is None and fig.range_role == "low" and fig.partner is not None:
                f2 = _link_right(doc, fig.partner, sent.end, sent_has_killed)
                if f2 is not None:
                    f = _Found(fig, f2.kind, f2.trigger, f2.np_tokens)
            if f is None and fig.range_role == "high" and founds and founds[-1].fig is fig.partner:
                f = _Found(fig, founds[-1].kind, founds[-1].trigger, founds[-1].np_tokens)
            if f is None:
                continue
            founds.append(f)
        # "120 extremists and 60 mercenaries were killed": the first shares the second's verb
        linked = {id(f.fig) for f in founds}
        for a, b in zip(figs, figs[1:], strict=False):
            if id(a) in linked or id(b) not in linked or (a.single and not b.single and (b.vague or a.pronoun)):
                continue
            toks, j = _np_after(doc, a, sent.end)
            bstart = b.qual_start if b.qual_start is not None else b.start
            if not (j < sent.end and doc[j].lower_ == "and" and j + 1 == bstart and _np_ok(doc, toks)):
                continue
            fb = next(f for f in founds if f.fig is b)
            if any(x.claim.value == a.value + b.value for x in raws):
                # a partition restating a total given before ("two men and two women")
                founds = [f for f in founds if f.fig is not b]
                continue
            heads = [doc[x].lower_ for x in toks] + [doc[x].lower_ for x in fb.np_tokens]
            if a.single and not b.single or heads and all(h in _DEMOGRAPHIC for h in heads):
                # ("a woman and two other men were also shot": one listed victim and a count)
                # "three men and a woman were wounded": listed victims, no total given
                founds = [f for f in founds if f.fig is not b]
                founds.append(_Found(_Figure(a.start, b.end, a.value + b.value), fb.kind, fb.trigger, fb.np_tokens))
                continue
            if a.single:
                continue
            founds.append(_Found(a, fb.kind, fb.trigger, toks))
        # "sent four women and one man to the hospital", "found three adults and a 17-year-old suffering
        # from gunshot wounds": listed victims whose casualty words only the whole list reaches
        linked = {id(f.fig) for f in founds}
        for a, b in zip(figs, figs[1:], strict=False):
            if id(a) in linked or id(b) in linked or a.vague or b.vague or a.definite or b.definite or a.pronoun \
                    or b.pronoun or b.qual_start is not None:
                continue
            toks, j = _np_after(doc, a, sent.end)
            if not (j + 1 == b.start and doc[j].lower_ == "and" and _np_ok(doc, toks)):
                continue
            both = _Figure(a.start, b.end, a.value + b.value, qualifier=a.qualifier, qual_start=a.qual_start,
                           link_from=b.end if b.single else None)
            f = _link_left(doc, both, sent.start, sent_has_killed) if _left_is_verb(doc, both, sent.start) else None
            f = f or _link_right(doc, both, sent.end, sent_has_killed) or _link_left(doc, both, sent.start, sent_has_killed)
            if f is not None:
                founds.append(f)
                linked.update((id(a), id(b)))
        founds = _object_list(doc, figs, founds, sent.end)
        founds = _comma_list(doc, figs, founds, sent.start, sent.end)
        busy = {k for f in founds for k in range(f.fig.start, f.fig.end)}
        founds.extend(f for f in listed if not any(k in busy for k in range(f.fig.start, f.fig.end)))
        founds.sort(key=lambda f: f.fig.start)
        founds = _join_coordinated(doc, founds, sent.end)
        founds = _sum_clauses(doc, founds, sent)
        founds = _ordinal_one_more(doc, founds, sent)
        for prev_f, f in zip(founds, founds[1:], strict=False):
            fs = f.fig.qual_start if f.fig.qual_start is not None else f.fig.start
            if f.subgroup_of is None and fs > sent.start and doc[fs - 1].lower_ in ("including", "among"):
                f.subgroup_of = prev_f
        # "shot four others, including one who died": the shot total holds the dead, a mixed total
        mixed_parents = {id(f.subgroup_of) for f in founds if f.subgroup_of is not None and f.kind == "killed"
                         and f.subgroup_of.kind == "injured" and doc[f.subgroup_of.trigger].lower_ in LEX.shot_words}
        founds = [f for f in founds if id(f) not in mixed_parents]
        founds = [_with_self_killing(doc, f, sent) for f in founds]
        agg = _aggregate(sent)
        low_words = {t.lower_ for t in sent}
        accident_here = (low_words & _ACCIDENT_WORDS and sent_events[si] is None or low_words & _ACCIDENT_WORDS and (
                sent_events[si] or ("", ""))[0] == "violence_against_civilians") and not _negated(sent, _ACCIDENT_WORDS)
        if accident_here:
            shooting = bool(low_words & _ACCIDENT_SHOOTING) and bool(low_words & _WEAPON_WORDS or shooting_accident)
            if si <= 3 and low_words & _ACCIDENT_SHOOTING:
                accident_kinds.update(f.kind for f in founds)  # the article's lead tells of an accident
                shooting_accident = shooting_accident or shooting
            if not shooting:
                continue  # a crash, a disaster, a disease: no casualty of violence, no record
        for f in founds:
            if agg and f.kind == "injured" and doc[f.trigger].lower_ in LEX.shot_words:
                continue  # "40 people were shot over the weekend": a toll of dead and wounded
            if (f.condition or f.fig.headline) and not violent_doc and not (f.own_accident or accident_here):
                continue  # "sent two people to the hospital": an injury only in an account of violence
            raws.append(_make(doc, sent, si, f, attributor, agg, sent_events, mentions, doc_events, len(sents),
                              _previous_places(doc, sents, si)))
            raws[-1].condition = f.condition
            raws[-1].accident = bool(accident_here) or f.own_accident
            raws[-1].pronoun = f.fig.pronoun
            raws[-1].definite = (f.fig.definite or doc[f.fig.start].lower_ in ("the", "both", "all") or (
                f.fig.start > sent.start and doc[f.fig.start - 1].lower_ in ("the", "both", "all"))) and not any(
                doc[x].lower_ in _OTHER_VICTIM for x in list(range(f.fig.start, f.trigger)) + f.np_tokens)
            raws[-1].definite_shot = f.kind == "injured" and not any(
                doc[x].lower_ in _OTHER_VICTIM
                for x in f.np_tokens + list(range(f.fig.start, max(f.fig.end, min(f.trigger, f.fig.start + 12))))
            ) and (
                doc[f.trigger].lower_ in LEX.shot_words or doc[f.trigger].lower_ in _STRUCK_VERBS or
                doc[f.trigger].lower_ in _STRIKING_VERBS or doc[f.trigger].lower_ in ("shooting", "shootings") or (
                    f.condition and f.fig.single and f.fig.value == 1)) and not any(
                doc[x].lower_ in _SURVIVAL_WORDS for x in range(f.fig.end, f.trigger + 1))
            if raws[-1].definite_shot and any(g.kind == "killed" and g.fig.end < f.fig.start and g.subgroup_of is None
                                              for g in founds):
                raws[-1].definite_shot = False  # "a girl died and her father is in critical condition": two people
            if raws[-1].definite_shot and f.fig.end < f.trigger and doc[f.fig.end].lower_ in _RELATION_NOUNS and any(
                    doc[x].lower_ == "also" for x in range(f.fig.end, f.trigger)):
                raws[-1].definite_shot = False  # "his brother was also shot": one more victim
            if raws[-1].definite_shot and _limb_wound(doc, f.trigger, sent.end):
                raws[-1].definite_shot = False  # "the boy's father was shot in the leg": a survivor
                raws[-1].limb = True
            raws[-1].by_shot = f.kind == "injured" and (
                doc[f.trigger].lower_ in LEX.shot_words or doc[f.trigger].lower_ in _STRUCK_VERBS or
                doc[f.trigger].lower_ in _STRIKING_VERBS or doc[f.trigger].lower_ in ("shooting", "shootings")) and not any(
                doc[x].lower_ in _OTHER_VICTIM for x in f.np_tokens)
            raws[-1].separate = bool(low_words & _SEPARATE)
            raws[-1].listed = f.listed
            raws[-1].plus_one = f.plus_one
            raws[-1].others = f.kind == "injured" and any(
                doc[x].lower_ in ("other", "others", "additional", "more")
                for x in f.np_tokens + list(range(f.fig.start, min(f.fig.end + 1, sent.end))))
            if f.listed:
                raws[-1].by_shot = raws[-1].definite_shot = False
            raws[-1].shot_total = f.kind == "injured" and doc[f.trigger].lower_ in ("shooting", "shootings") and not any(
                doc[x].lower_ in _OTHER_VICTIM for x in f.np_tokens)
    for si in verify_hedge:
        for r in raws:
            if si - 12 <= r.sent_index <= si:
                r.claim.stance = "hedged" if r.claim.stance == "asserted" else r.claim.stance
    # "the boy was shot", "all four were shot", "a man was found with a gunshot wound" is an
    # injury only when nobody shot is reported dead (GUIDELINES.md): US local news says "shot"
    # first and "died" later. A larger number shot than died is another incident's or a mixed total.
    most_killed = max((r.claim.value for r in raws if r.claim.kind == "killed" and not r.claim.aggregate), default=0)
    # ("four were shot and a fifth was hurt" beside "four were killed": the four shot are the dead)
    raws = [r for r in raws if not (r.definite_shot and r.claim.value - r.plus_one <= most_killed
                                    or r.shot_total and most_killed)]
    # "all three of the victims were taken to hospitals" after "three killed": the same victims
    raws = [r for r in raws if not (r.condition and r.definite and r.claim.value <= most_killed)]
    # "five people were shot" beside "one died and four were wounded": the shot total mixes both
    killed_vals = {r.claim.value for r in raws if r.claim.kind == "killed" and not r.claim.aggregate}
    injured_vals = {r.claim.value for r in raws if r.claim.kind == "injured" and not r.by_shot and not r.condition
                    and not r.claim.aggregate and not r.listed}
    mixed = {k + i for k in killed_vals for i in injured_vals}
    raws = [r for r in raws if not (r.by_shot and r.claim.qualifier == "exact" and r.claim.value - r.plus_one in mixed)]
    # "four people were shot ... the man was pronounced dead": a shot total beside a death in the same
    # sentence or in the same lead is a mixed total (GUIDELINES.md), not the injured figure; a death told
    # further away may be another incident's ("the most recent, when six people were shot")
    dead = [r for r in raws if r.claim.kind == "killed" and not r.claim.aggregate]
    raws = [r for r in raws if not (r.by_shot and not r.claim.aggregate and not r.separate and any(
        k.claim.value < r.claim.value and (k.sent_index == r.sent_index or max(k.sent_index, r.sent_index) < _LEAD)
        for k in dead))]
    # "he was shot" is a victim of its own only in an account that tells of no death and no other
    # injured person: beside a death the pronoun is mostly the dead victim shot before dying (decided first: a
    # pronoun dropped here does not make "a girl is recovering from a gunshot wound" a part of it)
    if any(r.pronoun and r.claim.kind == "injured" for r in raws) and (
            any(r.claim.kind == "killed" for r in raws) or any(t.lower_ in _DEATH_WORDS for t in doc)):
        raws = [r for r in raws if not (r.pronoun and r.claim.kind == "injured" and not r.limb)]
    # "two remain in critical condition" is a part of the injured total when one is given
    # (with nobody dead, a larger count said by a condition is the total: "a girl was grazed in the
    # leg ..." beside "all three victims were taken to the hospital")
    most_injured = max((r.claim.value for r in raws if r.claim.kind == "injured" and not r.condition
                        and not r.claim.aggregate), default=0)
    if most_injured:
        raws = [r for r in raws if not r.condition or most_killed == 0 and r.claim.value > most_injured and not r.named]
    # "A woman was shot when a man accidentally dropped his gun ... the woman suffered a wound": a victim
    # referred back to after an accident is the accident's (a record when it was a shooting's)
    raws = [r for r in raws if not (r.named and r.claim.kind in accident_kinds and not shooting_accident)]
    for r in raws:
        if r.named and r.claim.kind in accident_kinds:
            r.accident = True
    # "a boy died after he accidentally shot himself ... the boy was shot in the head": in an account whose
    # lead tells of a death by an accidental shooting, a single victim shot is that accident's dead victim
    if "killed" in accident_kinds:
        raws = [r for r in raws if not (r.claim.kind == "injured" and r.claim.value == 1 and not r.claim.aggregate
                                        and not r.separate)]
    # "a man was seriously hurt ... three other people with gunshot wounds walked into a hospital": in an
    # account of no death, the others and one injured victim told before them are listed victims
    if not any(r.claim.kind == "killed" and not r.claim.aggregate for r in raws):
        added = []
        for r in raws:
            if not (r.others and not r.claim.aggregate and not r.separate):
                continue
            if any(s.claim.kind == "injured" and s.claim.value == 1 and not s.others and not s.claim.aggregate
                   and not s.separate and s.sent_index <= r.sent_index and s is not r for s in raws):
                added.append(replace(r, claim=replace(r.claim, value=r.claim.value + 1)))
        raws.extend(added)
    # a named victim counts only when the account gives no count of that kind
    counted = {r.claim.kind for r in raws if not r.named and not r.claim.aggregate}
    raws = [r for r in raws if not (r.named and r.claim.kind in counted)]
    raws = [replace(r, claim=replace(r.claim, event_type=ACCIDENT, sub_event_type=None)) if r.accident else r
            for r in raws]
    return _merge(raws)


def _make(doc: Doc, sent: Span, si: int, f: _Found, attributor: Attributor, agg: bool,
          sent_events: list[tuple[str, str] | None], mentions: list[Mention], doc_events: dict[str, int],
          n_sents: int, prev_places: list[tuple[float, int, int]] | None = None) -> _Raw:
    fig = f.fig
    group = _group(doc, f.np_tokens)
    if f.subgroup_of is not None and group == "unknown":
        group = _group(doc, f.subgroup_of.np_tokens)
    if fig.single and group == "unknown":
        # the words of the victim up to its casualty word ("one victim was deceased when officers arrived":
        # not the officers)
        end = min(fig.start + 6, sent.end, f.trigger if f.trigger > fig.start else sent.end)
        group = _group(doc, list(range(fig.start, end)))
    src: Source | None = attributor.claimant_for(si, fig.start, f.trigger)
    claimant = src.span if src else None
    ctype = src.type if src else "none"
    stance = "asserted"
    if src is not None and src.denies:
        stance = "denied"
    elif _hedged(doc, sent, f):
        stance = "hedged"
    ev = sent_events[si]
    if ev is not None and ev[0] == "protests" and group != "protesters":
        ev = None
    if agg and ev is not None and ev[0] != "explosions_remote_violence":
        ev = None
    if ev is None and not agg:
        near = [sent_events[k] for k in (si - 1, si + 1) if 0 <= k < len(sent_events)]
        near_ev = next((e for e in near if e and e[0] != "protests"), None)
        mention_ev = None
        for m in mentions:
            if m.evidence.start <= doc[f.trigger].idx < max(m.evidence.end, m.evidence.start + 1):
                mention_ev = (m.event_type, m.sub_event_type or "")
                break
        top = max(doc_events.items(), key=lambda kv: kv[1]) if doc_events else None
        if group == "protesters":
            ev = ("protests", "excessive_force_against_protesters")
        elif near_ev:
            ev = near_ev
        elif group == "civilians":
            ev = ("violence_against_civilians", "attack")
        elif top is not None and top[0] == "explosions_remote_violence" and top[1] >= 2:
            # an article about strikes or bombings: figures without a cue of their own belong to it
            ev = (top[0], "")
        elif group in ("security_forces", "combatants"):
            ev = ("battles", "armed_clash")
        elif mention_ev and mention_ev[0] != "protests":
            ev = mention_ev
        elif top is not None:
            ev = (top[0], "")
        else:
            ev = ("violence_against_civilians", "attack")
    event_type = ev[0] if ev else None
    sub = ev[1] if ev and ev[1] else None
    if event_type == "violence_against_civilians" and group in ("combatants",) and sent_events[si] is None:
        event_type, sub = "battles", "armed_clash"
    qual_lo = fig.qual_start if fig.qual_start is not None else fig.start
    fend = fig.end
    if fig.single and fend < len(doc) and (doc[fend].lower_ in LEX.single_victim_nouns or doc[fend].lower_ in (
            "old", "victim") or doc[fend].lower_ in _RELATION_NOUNS_):
        fend += 1  # "a man", "the 17-year-old", "a woman and her son": the noun ends the figure
    fspan = doc[qual_lo:fend]
    claim = Claim(
        kind=f.kind,
        value=fig.value,
        qualifier=fig.qualifier,
        group=group,
        claimant=claimant,
        claimant_type=ctype,
        stance=stance,
        aggregate=agg or doc[f.trigger].lower_ in ("homicides", "murders"),
        event_type=event_type,
        sub_event_type=sub if sub in _all_subs(event_type) else None,
        perpetrator=_perpetrator(doc, f),
        location=_location(doc, sent, f, prev_places, claimant),
        time=_time(doc, sent, f),
        evidence=_evidence(doc, sent),
        figure=MSpan(text=fspan.text, start=fspan.start_char, end=fspan.end_char),
    )
    headline = si == 0 and len(doc) > 80 and n_sents > 3
    return _Raw(claim, si, claimant is not None, headline, fig.named)


def _all_subs(event_type: str | None) -> tuple[str, ...]:
    from reportedly.model import SUB_EVENT_TYPES

    return SUB_EVENT_TYPES.get(event_type or "", ())


def _same_source(a: Claim, b: Claim) -> bool:
    na = _norm(a.claimant.text if a.claimant else None)
    nb = _norm(b.claimant.text if b.claimant else None)
    if not na or not nb:
        return not na and not nb
    return na in nb or nb in na


def _groups_fit(a: Claim, b: Claim) -> bool:
    return a.group == b.group or "unknown" in (a.group, b.group)


def _same_place(a: Claim, b: Claim) -> bool:
    """Could two figures be one incident? Different only when both place and time differ."""
    la = _norm(a.location.name if a.location else None)
    lb = _norm(b.location.name if b.location else None)
    if not la or not lb or la in lb or lb in la:
        return True
    ta = _norm(a.time.text if a.time else None)
    tb = _norm(b.time.text if b.time else None)
    return not ta or not tb or ta in tb or tb in ta


def _merge(raws: list[_Raw]) -> list[Claim]:
    """Merge restatements (headline, lead, captions) and repeats of one claimant's figure."""
    keep: list[_Raw] = []
    dropped: set[int] = set()
    # a lead that a later sentence of the same source restates: the later wording wins
    for i, r in enumerate(raws):
        if r.sent_index > 1 or not r.attributed:
            continue
        for o in raws[i + 1:]:
            if o.sent_index <= 1 or o.claim.kind != r.claim.kind or o.claim.value != r.claim.value:
                continue
            if _same_source(o.claim, r.claim):
                dropped.add(i)
                break
            if not o.attributed and _groups_fit(o.claim, r.claim) and (
                    o.claim.qualifier == "vague") == (r.claim.qualifier == "vague"):
                o.claim.claimant, o.claim.claimant_type = r.claim.claimant, r.claim.claimant_type
                o.attributed = True
                dropped.add(i)
                break
    for i, r in enumerate(raws):
        c = r.claim
        for j, o in enumerate(raws):
            if j == i or j in dropped:
                continue
            oc = o.claim
            if oc.kind != c.kind or oc.value != c.value:
                continue
            # an unattributed restatement of an attributed figure (headline, lead, subheading)
            if c.qualifier == "vague" and oc.qualifier != "vague" or oc.qualifier == "vague" and c.qualifier != "vague":
                continue
            if c.group != oc.group and "unknown" not in (c.group, oc.group):
                continue
            if not r.attributed and o.attributed and (
                    r.headline or abs(o.sent_index - r.sent_index) <= 3 or r.sent_index <= 2 or (
                    c.group == oc.group and not c.aggregate)):
                if c.stance == "hedged" and oc.stance == "asserted" and not r.headline and r.sent_index < o.sent_index:
                    oc.stance = "hedged"
                dropped.add(i)
                break
            if r.headline and not o.headline and (not r.attributed or o.attributed):
                dropped.add(i)
                break
            if j < i and _same_source(c, oc) and (r.attributed or c.group == oc.group and _same_place(c, oc)):
                dropped.add(i)
                break
        if i not in dropped:
            keep.append(r)
    return [r.claim for r in keep]
