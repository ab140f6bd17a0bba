"""Who a figure is attributed to: the claimant and its type.

Works sentence by sentence over a parsed ``Doc``:

- cues: reporting verbs ("said", "told", "reported", "claimed", "put the toll at"),
  "according to X", "citing X";
- the cue that governs a figure is the innermost one whose clause holds it, so a relay
  ("X told Reuters that Y said ...") names the original source Y;
- pronouns ("he said") take the last named source; definite descriptions ("the source
  added", "the observatory said") the last source that fits; "a monitor said" the source
  named in the next sentence;
- the statements component's output (``doc._.statements``) is a fallback when no cue of
  our own is found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from reportedly.model import Span as MSpan
from reportedly.model import Statement
from reportedly.nlp.claims_lexicon import LEX

PRONOUNS = {"he", "she", "they", "it", "who", "which", "that", "we", "i", "him", "her", "them"}
_INDEFINITE_HEADS = {"monitor", "group", "network", "organization", "organisation", "watchdog", "agency"}
_KEEP_RIGHT = {"prep", "compound", "flat", "nmod", "pobj", "amod", "conj", "cc", "npadvmod"}


@dataclass
class Source:
    span: MSpan
    type: str
    denies: bool = False
    pronoun: bool = False


@dataclass
class _Cue:
    token: Token
    subject: Token | None
    source: Source | None
    kind: str  # verb / according / citing
    chain_start: int | None = None


def claimant_type_of(text: str) -> str | None:
    """The claimant type a span's words suggest, or None."""
    low = " " + text.lower().replace("’", "'") + " "
    for ctype, pat in LEX.claimant_types:
        if pat.search(low):
            return ctype
    return None


def _cap(doc: Doc, s: int, e: int) -> tuple[int, int]:
    while e > s + 1 and (doc[e - 1].is_punct or doc[e - 1].lower_ in ("and", "or", "'s")):
        e -= 1
    while s < e - 1 and (doc[s].is_punct or doc[s].lower_ in ("and", "or")):
        s += 1
    return s, e


def _name_span(doc: Doc, head: Token, with_conj: bool = True) -> tuple[int, int]:
    """The shortest span naming a source: the head, its left modifiers and 'of/at/in' phrases."""
    keep = [head.i]
    for c in head.lefts:
        if c.dep_ in ("det", "amod", "compound", "nmod", "poss", "nummod", "quantmod", "punct", "case", "flat", "npadvmod", "advmod"):
            keep.extend(x.i for x in c.subtree)
    for c in head.rights:
        if c.dep_ in _KEEP_RIGHT and (with_conj or c.dep_ not in ("conj", "cc")):
            if c.dep_ == "prep" and c.lower_ not in ("of", "at", "in", "for", "from", "on"):
                continue
            sub = [x.i for x in c.subtree if x.dep_ not in ("relcl", "acl", "appos")]
            # stop a runaway phrase (no punctuation in some sources)
            sub = [i for i in sub if i - head.i <= 9]
            keep.extend(sub)
    s, e = min(keep), max(keep) + 1
    # contiguous only: cut at a relative clause or verb inside
    for k in range(head.i + 1, e):
        if (doc[k].pos_ in ("VERB", "AUX") and doc[k].ent_type_ not in ("PERSON", "ORG") and not (
                doc[k].is_title and doc[k - 1].pos_ == "PROPN")) or doc[k].lower_ in (
                "who", "which", "that", "said", "says"):
            e = k
            break
    return _cap(doc, s, e)


def _type_text(doc: Doc, head: Token) -> str:
    """Words that tell a source's type: the first conjunct with its appositions."""
    keep = [head.i]
    for c in head.children:
        if c.dep_ in ("conj", "cc"):
            continue
        keep.extend(x.i for x in c.subtree if abs(x.i - head.i) <= 14)
    s, e = min(keep), max(keep) + 1
    return doc[s:e].text


_CHAIN_POS = {"PROPN", "NOUN", "ADJ", "DET", "PUNCT", "NUM"}


def _left_chain(doc: Doc, cue: Token, lo: int) -> tuple[Token, int] | None:
    """'... killed on Sunday a monitor said': the noun phrase right before a subjectless cue."""
    k = cue.i - 1
    first = None
    head = None
    n = 0
    while k >= lo and n < 12:
        t = doc[k]
        w = t.lower_
        if t.pos_ in ("PROPN", "NOUN") and not t.like_num and w not in LEX.trigger_words and w not in LEX.person_nouns - {
                "officials", "official", "activists", "residents", "police", "sources", "source"} | {"officials"}:
            head = head or t
            first = k
        elif t.pos_ in ("PROPN", "NOUN") and w in ("officials", "official", "activists", "residents", "police",
                                                   "sources", "source", "witness", "witnesses", "doctors", "medics"):
            head = head or t
            first = k
        elif t.pos_ in ("ADJ", "DET") or (t.pos_ == "PUNCT" and t.text in ("-", ".", "–")) or (
                w in ("of", "at", "in", "for", "and") and head is not None and k > lo and doc[k - 1].pos_ in (
                "PROPN", "NOUN", "ADJ")):
            if t.pos_ == "DET":
                first = k
                break
        else:
            break
        k -= 1
        n += 1
    if head is None or first is None:
        return None
    if head.lower_ in LEX.subject_heads_not_claimants or head.ent_type_ in ("DATE", "TIME", "GPE") and head.i == cue.i - 1:
        return None
    # an object of a preceding verb is not a subject ("corroborated that account saying")
    if head.dep_ == "dobj" and head.head.i < first and head.head.lower_ not in LEX.trigger_words:
        return None
    return head, first


def _right_chain_head(doc: Doc, cue: Token, hi: int) -> Token | None:
    """'... said the statement': a subject after the cue."""
    k = cue.i + 1
    while k < hi and doc[k].pos_ in ("DET", "ADJ", "PROPN", "NOUN"):
        if doc[k].pos_ in ("PROPN", "NOUN") and (k + 1 >= hi or doc[k + 1].pos_ not in ("PROPN", "NOUN")):
            if doc[k].lower_ in LEX.subject_heads_not_claimants and doc[k].lower_ not in ("statement",):
                return None
            return doc[k]
        k += 1
    return None


_CUE_FORMS = {f for lemma in LEX.cue_lemmas for f in (lemma, lemma + "s", lemma + "ed", lemma + "d", lemma + "ing")} | {
    "said", "told", "according", "quoted", "wrote", "put", "citing", "quoting"}


class Attributor:
    def __init__(self, doc: Doc, sents: list[Span], statements: list[Statement]) -> None:
        self.doc = doc
        self.sents = sents
        self.statements = statements
        self.cues: dict[int, list[_Cue]] = {}
        self.memory: list[Source] = []
        self.types_by_name: dict[str, str] = {}

    # -------------------------------------------------------------- cues of a sentence
    def _cues(self, si: int) -> list[_Cue]:
        if si in self.cues:
            return self.cues[si]
        doc = self.doc
        sent = self.sents[si]
        out: list[_Cue] = []
        for t in sent:
            w = t.lower_
            if w == "according" and t.i + 1 < sent.end and doc[t.i + 1].lower_ == "to":
                to = doc[t.i + 1]
                obj = next((c for c in to.children if c.dep_ == "pobj"), None)
                if obj is None and t.i + 2 < sent.end:
                    obj = doc[t.i + 2]
                    while obj.i + 1 < sent.end and obj.dep_ in ("det", "compound", "amod") and obj.head.i > obj.i:
                        obj = obj.head
                if obj is not None:
                    out.append(_Cue(t, obj, None, "according"))
                continue
            if w in ("citing", "quoting") and t.i + 1 < sent.end:
                obj = next((c for c in t.children if c.dep_ in ("dobj", "pobj")), None)
                if obj is not None and obj.lower_ not in LEX.subject_heads_not_claimants and obj.lower_ not in (
                        "figures", "sources", "data", "reports", "statistics", "numbers"):
                    out.append(_Cue(t, obj, None, "citing"))
                continue
            lemma = t.lemma_.lower()
            if lemma not in LEX.cue_lemmas or t.pos_ not in ("VERB", "AUX"):
                continue
            if w in ("reports", "report") and t.i > sent.start and doc[t.i - 1].lower_ in ("of", "with", "the", "by", "to"):
                continue
            subj = next((c for c in t.children if c.dep_ in ("nsubj",)), None)
            chain_start = None
            if subj is None and t.tag_ != "VBG":
                chain = _left_chain(doc, t, sent.start)
                if chain is not None:
                    subj, chain_start = chain
            if subj is None and t.dep_ in ("conj", "xcomp") and t.head.pos_ in ("VERB", "AUX"):
                subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
            if subj is None or (subj.lower_ in LEX.subject_heads_not_claimants and subj.lower_ not in PRONOUNS):
                subj = _right_chain_head(doc, t, sent.end) or subj
            if subj is not None and subj.lower_ in ("who", "which", "that") and t.dep_ == "relcl":
                subj = t.head
            if subj is None:
                continue
            if subj.lower_ in LEX.subject_heads_not_claimants and subj.lower_ not in PRONOUNS:
                continue
            if subj.lower_ in ("it", "which", "that") and lemma in ("show", "cause"):
                continue
            if subj.lower_ == "who" and subj.i > sent.start and doc[subj.i - 1].pos_ in ("NOUN", "PROPN"):
                subj = doc[subj.i - 1]
            out.append(_Cue(t, subj, None, "verb", chain_start if subj is not None and chain_start is not None else None))
        for cue in out:
            cue.source = self._resolve(si, cue)
        self.cues[si] = [c for c in out if c.source is not None]
        return self.cues[si]

    def _source_from(self, head: Token, denies: bool = False, chain_start: int | None = None) -> Source:
        doc = self.doc
        s, e = _name_span(doc, head)
        if chain_start is not None:
            s, e = chain_start, head.i + 1
            while e < len(doc) and doc[e].pos_ == "PROPN" and doc[e].lemma_.lower() not in LEX.cue_lemmas:
                e += 1
            s, e = _cap(doc, s, e)
        while s < head.i and (doc[s].lower_ in LEX.trigger_words or doc[s].like_num):
            s += 1
        # a name runs on ("Rami Abdel Rahman")
        while e < len(doc) and e < s + 16 and doc[e].is_title and doc[e - 1].pos_ == "PROPN" and doc[e].pos_ in (
                "PROPN", "VERB", "NOUN") and doc[e].lemma_.lower() not in LEX.cue_lemmas:
            e += 1
        span = doc[s:e]
        full = _type_text(doc, head) if chain_start is None else doc[s:e].text
        # joint attribution: the type of the first named source
        if " and " in span.text:
            first = claimant_type_of(span.text.split(" and ")[0])
            full = span.text.split(" and ")[0] if first else full
        core_lo = min([c.i for c in head.lefts if c.dep_ in ("det", "amod", "compound", "nmod", "poss")] + [head.i])
        core = claimant_type_of(doc[max(core_lo, s):head.i + 1].text) if chain_start is None else None
        ctype = claimant_type_of(full)
        if core is not None and ctype not in ("armed_group", "witnesses"):
            ctype = core
        if ctype is None:
            ctype = claimant_type_of(span.text)
        if ctype is None:
            for tok in span:
                if tok.lower_ in self.types_by_name:
                    ctype = self.types_by_name[tok.lower_]
                    break
        if ctype is None:
            ctype = "official_unnamed" if any(t.ent_type_ == "PERSON" for t in span) else "media"
        for tok in span:
            if tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN" and ctype != "media":
                self.types_by_name.setdefault(tok.lower_, ctype)
        return Source(MSpan(span.text, span.start_char, span.end_char), ctype, denies)

    def _resolve(self, si: int, cue: _Cue) -> Source | None:
        subj = cue.subject
        if subj is None:
            return None
        denies = cue.token.lemma_.lower() in LEX.deny_lemmas
        w = subj.lower_
        if w in PRONOUNS:
            ante = self._antecedent(person=w in ("he", "she", "him", "her", "who"))
            if ante is None:
                return None
            return Source(ante.span, ante.type, denies, pronoun=True)
        src = self._source_from(subj, denies, cue.chain_start)
        words = [x.lower() for x in re.findall(r"[\w'-]+", src.span.text)]
        # "the source added", "the observatory said": the last source that fits
        if words and words[0] == "the" and len(words) <= 3 and subj.lower_ in LEX.coreference_heads:
            head = subj.lower_.rstrip("s") if subj.lower_ not in ("sources", "activists") else subj.lower_
            for old in reversed(self.memory):
                old_low = old.span.text.lower()
                if head in ("source", "sources", "statement") or head in old_low:
                    if old_low != src.span.text.lower():
                        return Source(old.span, old.type, denies)
        # "a monitor said": the source named in the next sentence
        if words and words[0] in ("a", "an") and subj.lower_ in _INDEFINITE_HEADS and not any(
                t.pos_ == "PROPN" for t in subj.subtree) and si + 1 < len(self.sents):
            for nxt in self._peek_subjects(si + 1):
                if subj.lower_ in nxt.span.text.lower() or subj.lower_ in ("monitor",):
                    return Source(nxt.span, nxt.type, denies)
            for ent in self.sents[si + 1].ents:
                etype = claimant_type_of(ent.text)
                if ent.label_ == "ORG" and etype in ("ngo", "activists", "opposition", "media"):
                    return Source(MSpan(ent.text, ent.start_char, ent.end_char), etype or "ngo", denies)
        return src

    def _peek_subjects(self, si: int) -> list[Source]:
        out = []
        sent = self.sents[si]
        for t in sent:
            if t.lemma_.lower() in LEX.cue_lemmas and t.pos_ == "VERB":
                subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.lower_ not in PRONOUNS and any(x.pos_ == "PROPN" for x in subj.subtree):
                    out.append(self._source_from(subj))
        return out

    def _antecedent(self, person: bool) -> Source | None:
        for old in reversed(self.memory):
            if not old.pronoun:
                return old
        return None

    # -------------------------------------------------------------- public
    def observe(self, si: int) -> None:
        """Read sentence ``si``'s sources into the memory used for implicit attribution."""
        for cue in self._cues(si):
            if cue.source is not None and cue.kind != "citing":
                self.memory.append(cue.source)

    def claimant_for(self, si: int, fig_tok: int, trig_tok: int) -> Source | None:
        """The source a figure at token ``fig_tok`` is attributed to, or None (own voice)."""
        doc = self.doc
        cues = self._cues(si)
        if not cues:
            return self._quote_continues(si) or self._from_statements(fig_tok)
        anc = {a.i for a in doc[fig_tok].ancestors} | {a.i for a in doc[trig_tok].ancestors}
        best: tuple[float, int] | None = None
        chosen: _Cue | None = None
        for c in cues:
            if c.kind == "citing":
                continue
            if c.subject is not None and c.kind == "verb":
                sub = {x.i for x in c.subject.subtree}
                if fig_tok in sub and c.token.i not in sub:
                    continue
            if c.kind == "according" and not (c.token.head.i in anc or c.token.head.dep_ == "ROOT"
                                               or c.token.head.i in (fig_tok, trig_tok)):
                continue  # the figure is inside the subject ("one of two men charged in the shooting that wounded 16 denied ...")
            contains = c.token.i in anc
            dist = abs(c.token.i - fig_tok)
            if c.kind == "according":
                score = dist * 0.8
            elif contains:
                score = dist
            elif c.token.i > fig_tok:
                score = dist + 2
            else:
                score = dist + 40
            key = (score, c.token.i)
            if best is None or key < best:
                best, chosen = key, c
        if chosen is None:
            return self._from_statements(fig_tok)
        citing = [c for c in cues if c.kind == "citing"]
        if citing and chosen.source is not None and chosen.source.type in ("media", "state_media"):
            return citing[0].source
        return chosen.source

    def _quote_continues(self, si: int) -> Source | None:
        """A quotation opened in this sentence and closed later with '..., the governor said'."""
        text = self.sents[si].text
        opened = text.count("“") > text.count("”") or (text.count('"') % 2 == 1 and text.lstrip().startswith('"'))
        if not opened:
            return None
        for k in range(si + 1, min(si + 4, len(self.sents))):
            sent = self.sents[k]
            close = next((t.i for t in sent if t.text in ("”", '"')), None)
            if close is None:
                continue
            after = [c for c in self._cues(k) if c.kind == "verb" and c.token.i > close and c.source is not None]
            if after:
                return min(after, key=lambda c: c.token.i).source
            return None
        return None

    def _from_statements(self, fig_tok: int) -> Source | None:
        char = self.doc[fig_tok].idx
        for st in self.statements:
            if st.speaker is not None and st.content.start <= char < st.content.end:
                cue_words = set(re.findall(r"[a-z]+", st.cue.text.lower()))
                if not cue_words & _CUE_FORMS:
                    continue
                words = set(re.findall(r"[a-z]+", st.speaker.text.lower()))
                if words & {"video", "videos", "footage", "images", "image", "photos", "photographs", "pictures", "report", "reports"}:
                    continue
                ctype = claimant_type_of(st.speaker.text) or "media"
                return Source(st.speaker, ctype)
        return None
