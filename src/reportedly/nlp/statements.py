"""Attributed statements: who (speaker) said (cue) what (content).

Found from the dependency parse and a lexicon of reporting cues
(``lexicons/statements_lexicon.json``):

* a reporting verb with a clausal complement: "X said (that) ...", "X told reporters ...",
  "... , X said.", "said X" inversions, "X denied/accused/claimed ...";
* a reporting verb attached as a parenthetical to the clause it reports ("Y, he said, Z");
* prepositional cues: "according to X, ...", "as reported by X";
* relays: "Y said, citing X, that ..." gives two statements with one content: "citing" with
  speaker X, and "said" whose speaker becomes X with Y kept in ``speaker_as_written``;
  nested reports ("Y said X reported that ...") stay as written, and
  :func:`original_source` finds the innermost source of any stretch of text;
* labelled quotations: 'Name: "..."' and '"..." ― Name' paragraphs;
* impersonal passives ("it was reported that ...") have no speaker;
* a quotation that stays open at the end of a paragraph and reopens at the start of the
  next continues the statement; a paragraph that is only a quotation continues the quoted
  speaker of the paragraph before;
* reporting nouns ("the militia's claim that ..."), "issued a statement saying ...",
  "quoted Y as saying ..." (Y is the speaker), "reportedly"/"allegedly" (no speaker),
  raising passives ("the toll is expected to rise", no speaker).

Pronoun speakers ("he said") are resolved to the nearest fitting antecedent (a person for
he/she: a PERSON entity, an earlier speaker or subject headed by a person noun; an earlier
organisation subject or speaker for it/they); "the source added" names the earlier speaker
described by the same noun. The span as written is kept in ``speaker_as_written``.
Cues inside quotations are skipped: what a quoted speaker says others said is part of the quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from reportedly.model import Span as TextSpan
from reportedly.model import Statement
from reportedly.nlp.statements_lexicon import StatementLexicon, statement_lexicon

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CONTENT_DEPS = frozenset({"ccomp", "parataxis"})
# Children of a reporting verb that are never part of what was said.
NON_CONTENT_DEPS = frozenset({
    "nsubj", "nsubjpass", "csubj", "aux", "auxpass", "neg", "punct", "cc", "conj", "mark",
    "advmod", "npadvmod", "prt", "agent", "expl", "dep", "intj", "preconj", "discourse",
})
TEMPORAL_ENTS = frozenset({"DATE", "TIME"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
QUOTE_CHARS = frozenset({'"', "“", "”", "«", "»", "„", "''", "``", "‘‘", "’’"})
PRONOUN_WINDOW_CHARS = 1500


_SENT_KEY = "reportedly.statements.sent_index"


def _sent(tok: Token) -> SpacySpan:
    """``tok.sent`` without its cost: spaCy walks the document on every call."""
    index = tok.doc.user_data.get(_SENT_KEY)
    if index is None:
        index = []
        for span in tok.doc.sents:
            index.extend([span] * len(span))
        tok.doc.user_data[_SENT_KEY] = index
    found: SpacySpan = index[tok.i]
    return found


_TEXT_KEY = "reportedly.statements.text"


def _text(doc: Doc) -> str:
    """``doc.text`` without its cost: spaCy joins the tokens again on every call."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return str(text)


def _span(doc: Doc, start: int, end: int) -> TextSpan:
    """A model span for the character range [start, end) of ``doc``."""
    return TextSpan(text=_text(doc)[start:end], start=start, end=end)


def _tok_span(doc: Doc, first: int, last: int) -> TextSpan | None:
    """The model span from token ``first`` to token ``last`` inclusive, trimmed of punctuation."""
    while first <= last and _trimmable(doc[first], leading=True):
        first += 1
    while last >= first and _trimmable(doc[last], leading=False):
        last -= 1
    if last < first:
        return None
    return _span(doc, doc[first].idx, doc[last].idx + len(doc[last].text))


def _content_span(doc: Doc, first: int, last: int) -> TextSpan | None:
    """Content as PolNeAR marks it: a complementizer "that" kept, a quotation with its marks."""
    while first <= last and (doc[first].is_space or doc[first].is_punct and doc[first].text not in QUOTE_CHARS):
        first += 1
    while last >= first and _trimmable(doc[last], leading=False):
        last -= 1
    if last < first:
        return None
    if first > 0 and doc[first - 1].text in QUOTE_CHARS and doc[first].text not in QUOTE_CHARS:
        k = last + 1
        while k < len(doc) and k <= last + 2 and doc[k].is_punct and doc[k].text not in QUOTE_CHARS:
            k += 1
        if k < len(doc) and doc[k].text in QUOTE_CHARS:
            first, last = first - 1, k
    return _span(doc, doc[first].idx, doc[last].idx + len(doc[last].text))


def _trimmable(tok: Token, leading: bool) -> bool:
    if tok.is_space:
        return True
    if tok.is_punct and tok.text not in QUOTE_CHARS:
        return True
    if leading and tok.lower_ in ("that", "whether", "if") and tok.dep_ == "mark":
        return True
    return False


def _subtree_bounds(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    return None


def _inherited_subject(verb: Token) -> Token | None:
    """The subject of a coordinated, controlled or participial verb.

    "X arrived and said", "X wants to say", "X defended it, saying ...".
    """
    node = verb
    lex = statement_lexicon()
    if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.tag_ == "VBG":
        # "by saying", "after saying": the subject of the clause the phrase modifies
        node = node.head.head
        if node.lemma_.lower() in lex.relay_verbs:
            # "X quoted Y as saying": Y said it
            quoted = next((c for c in node.children if c.dep_ == "dobj"), None)
            if quoted is not None:
                return quoted
        subj = _subject(node)
        if subj is not None:
            return subj
    if node.dep_ == "acl" and node.tag_ == "VBG" and node.head.lemma_.lower() in lex.noun_cues \
            and node.head.dep_ == "dobj":
        # "the army issued a statement saying ...": the statement's author said it
        subj = _subject(node.head.head)
        if subj is not None:
            return subj
    for _ in range(3):
        if (node.dep_ in ("conj", "xcomp") or node.dep_ == "advcl" and node.tag_ == "VBG") \
                and node.head is not node:
            node = node.head
            subj = _subject(node)
            if subj is not None:
                return subj
        else:
            break
    return None


def _orphan_subject(doc: Doc, verb: Token) -> Token | None:
    """'Y, the coast guard, a federal agency, said.' when the parser hung the speaker on Y.

    The speaker is the noun phrase between the last comma and the sentence-final cue.
    """
    sent = _sent(verb)
    if any(not (t.is_punct or t.is_space) for t in doc[verb.i + 1:sent.end]):
        return None
    end = verb.i - 1
    while end > sent.start and doc[end].is_punct:
        end -= 1
    best: Token | None = None
    for tok in doc[sent.start:end + 1]:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in ("npadvmod", "appos", "nsubj", "dobj", "attr",
                                                                 "conj", "dep", "pobj"):
            continue
        first, last = _subtree_bounds(tok)
        if last >= end - 1 and first > sent.start and doc[first - 1].text in (",", "—", "–")                 and (best is None or first < best.left_edge.i):
            best = tok
    return best


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def _cue_span(doc: Doc, verb: Token) -> TextSpan:
    first = verb.i
    for child in verb.lefts:
        if child.dep_ in ("aux", "auxpass", "neg") and verb.i - child.i <= 3:
            first = min(first, child.i)
    last = verb.i
    for child in verb.rights:
        if child.dep_ == "prt" and child.i - last <= 2:
            last = child.i
    return _span(doc, doc[first].idx, doc[last].idx + len(doc[last].text))


def _speaker_span(doc: Doc, subj: Token, verb: Token) -> TextSpan | None:
    first, last = _subtree_bounds(subj)
    # "the news agency, citing the ministry, said": the relay is not part of the speaker
    relays = statement_lexicon().relay_verbs
    for tok in doc[subj.i + 1:last + 1]:
        if tok.lemma_.lower() in relays and tok.dep_ in ("acl", "advcl", "relcl"):
            last = tok.left_edge.i - 1
            break
    # A subject never starts in an earlier paragraph or line (tags, captions, bylines).
    for k in range(subj.i - 1, first - 1, -1):
        if "\n" in doc[k].text or "\n" in doc[k].whitespace_ or doc[k].text in ("|", "•", "»", "›"):
            first = k + 1
            break
    # A heading the parser glued to the subject ("9:40 a.m.\n\nThe mayor says"):
    # the speaker is what follows the last line break before the verb.
    if subj.i < verb.i:
        for k in range(min(last, verb.i - 1), subj.i - 1, -1):
            if "\n" in doc[k].whitespace_ or "\n" in doc[k].text:
                if k + 1 < verb.i and any(t.is_alpha for t in doc[k + 1:verb.i]):
                    first, last = k + 1, verb.i - 1
                break
    # Hyphenated names the parser split ("Abu" "-" "Bakr") stay whole.
    while last + 2 < len(doc) and last + 2 != verb.i and not doc[last].whitespace_ \
            and doc[last + 1].text == "-" and not doc[last + 1].whitespace_ and doc[last + 2].is_alpha:
        last += 2
    # A subject never reaches over its verb.
    if first < verb.i < last:
        if subj.i < verb.i:
            last = verb.i - 1
        else:
            first = verb.i + 1
    return _tok_span(doc, first, last)


def _is_temporal(tok: Token) -> bool:
    if tok.ent_type_ in TEMPORAL_ENTS:
        return True
    if tok.dep_ == "prep" and any(c.ent_type_ in TEMPORAL_ENTS for c in tok.children):
        return True
    return False


def _content_from_children(doc: Doc, verb: Token, lex: StatementLexicon) -> tuple[int, int] | None:
    """Token bounds of what a reporting verb introduces through its own complements."""
    clausal = [c for c in verb.children if c.dep_ in CONTENT_DEPS]
    if clausal:
        bounds = [_subtree_bounds(c) for c in clausal]
        return min(b[0] for b in bounds), max(b[1] for b in bounds)
    lemma = verb.lemma_.lower()
    # "urged supporters to vote", "called the holiday a celebration", "denied the claims".
    parts = [c for c in verb.rights
             if c.dep_ not in NON_CONTENT_DEPS and not _is_temporal(c)
             and c.dep_ in ("dobj", "xcomp", "oprd", "attr", "dative", "prep", "acomp", "advcl")]
    if lemma in lex.topic_verbs:
        parts = [c for c in parts if c.dep_ == "prep" and c.lower_ in lex.topic_preps
                 and not any(g.lower_ in ("condition", "behalf") for g in c.children)]
    if lemma in ("tell", "inform", "assure", "notify", "brief", "remind", "warn", "ask", "urge"):
        # the listener alone is not what was said
        if all(c.dep_ in ("dobj", "dative") for c in parts):
            parts = []
    if not parts:
        return None
    bounds = [_subtree_bounds(c) for c in parts]
    return min(b[0] for b in bounds), max(b[1] for b in bounds)


def _parenthetical_content(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """For "Y, he said." / "Y, he said, Z": the clause the reporting verb interrupts."""
    head = verb.head
    if verb.dep_ not in ("parataxis", "ccomp", "advcl", "conj", "dep") or head is verb:
        return None
    sent = _sent(verb)
    v_first, v_last = _subtree_bounds(verb)
    h_first, h_last = _subtree_bounds(head)
    h_first, h_last = max(h_first, sent.start), min(h_last, sent.end - 1)
    if v_first > h_first and v_last >= h_last - 1:
        return h_first, v_first - 1  # content before the cue clause
    if v_first <= h_first + 1 and v_last < h_last:
        return v_last + 1, h_last
    return h_first, h_last  # interrupted: the hull, as PolNeAR does


def _quote_content(doc: Doc, verb: Token, quotes: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """A quotation right next to the cue clause: '"...," said X.' / '"..." X said.' / 'X said: "..."'.

    The quotation may span several sentences; it is found among the text's quote regions.
    """
    first, last = _clause_bounds(verb)
    left = doc[first].idx
    right = doc[last].idx + len(doc[last].text)
    text = _text(doc)
    for qa, qb in reversed(quotes):
        if qb <= left and not text[qb:left].strip(" \t,;:.\u2014\u2013-"):
            return _char_bounds(doc, qa, qb)
    for qa, qb in quotes:
        if qa >= right and not text[right:qa].strip(" \t,;:\u2014\u2013-"):
            return _char_bounds(doc, qa, qb)
    return None


def _char_bounds(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.start, span.end - 1


def _clause_bounds(verb: Token) -> tuple[int, int]:
    """The cue clause: the verb with its subject, auxiliaries and adverbials (not its complements)."""
    first = last = verb.i
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "npadvmod", "prep", "agent",
                      "dative", "dobj", "prt"):
            lo, hi = _subtree_bounds(c)
            if c.dep_ in ("dobj", "dative", "prep") and c.i < verb.i:
                continue
            first, last = min(first, lo), max(last, hi)
    return first, last


def _fronted_content(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """'Y, experts say.' / 'Y, said X.': content before a sentence-final cue clause after a comma."""
    sent = _sent(verb)
    first, last = _clause_bounds(verb)
    tail = [t for t in doc[last + 1:sent.end] if not (t.is_punct or t.is_space)]
    if tail or first <= sent.start + 1:
        return None
    prev = doc[first - 1]
    if prev.text not in (",", "—", "–", "--") and prev.text not in QUOTE_CHARS:
        return None
    return sent.start, first - 1


def _verb_statement(doc: Doc, verb: Token, lex: StatementLexicon,
                    quotes: Sequence[tuple[int, int]]) -> Statement | None:
    lemma = verb.lemma_.lower()
    if verb.dep_ in ("amod", "compound") or verb.tag_ == "VBN" and verb.dep_ == "acl":
        return None
    if any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children) and verb.dep_ != "xcomp":
        return None  # "to respond": an infinitive reports nothing
    subj = _subject(verb)
    speaker: TextSpan | None = None
    if subj is not None and subj.dep_ == "nsubjpass":
        agent = _agent(verb)
        if agent is not None:
            speaker = _speaker_span(doc, agent, verb)
        elif lemma in lex.passive_no_source and subj.lower_ in ("it", "this"):
            speaker = None
        elif lemma in lex.passive_no_source and any(c.dep_ == "xcomp" for c in verb.children):
            # "the toll is expected to rise", "he is believed to have fled": no one's words
            xcomp = next(c for c in verb.children if c.dep_ == "xcomp")
            first = subj.left_edge.i
            last = _subtree_bounds(xcomp)[1]
            content = _content_span(doc, first, last)
            if content is None:
                return None
            return Statement(speaker=None, cue=_cue_span(doc, verb), content=content)
        else:
            return None
    elif subj is not None and subj.dep_ == "csubj":
        return None
    else:
        if subj is not None and verb.tag_ == "VBG" and verb.dep_ == "advcl" and subj.pos_ == "NOUN" \
                and not subj.ent_type_ and subj.lemma_.lower() not in lex.person_nouns:
            # "a farmer confirmed the story saying ...": a thing is no speaker; the clause's subject is
            subj = _inherited_subject(verb) or subj
        if subj is None:
            subj = _inherited_subject(verb)
        if subj is None and lemma in lex.speech_only_verbs:
            subj = _orphan_subject(doc, verb)
        if subj is None:
            return None
        if subj.lower_ in ("there",):
            return None
        if _inside(quotes, subj.idx) and not _inside(quotes, verb.idx):
            # '"... it is over," said the captain': a subject inside the quote is the parser's error
            after = next((c for c in verb.rights if c.pos_ in ("PROPN", "NOUN")
                          and c.dep_ in ("dobj", "npadvmod", "attr", "dep", "appos", "oprd")), None)
            if after is None:
                return None
            subj = after
        speaker = _speaker_span(doc, subj, verb)
        if speaker is None:
            return None
        if subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
            # "the witness who said ...": the speaker is the noun the clause hangs on
            head = verb.head
            antecedent = _tok_span(doc, head.left_edge.i, head.i)
            if antecedent is not None:
                as_written = speaker
                st = _finish_verb_statement(doc, verb, lex, quotes, antecedent)
                if st is not None:
                    st.speaker_as_written = as_written
                return st
    return _finish_verb_statement(doc, verb, lex, quotes, speaker)


def _finish_verb_statement(doc: Doc, verb: Token, lex: StatementLexicon,
                           quotes: Sequence[tuple[int, int]], speaker: TextSpan | None) -> Statement | None:
    """Find the content of a reporting verb whose speaker is known, and build the statement."""
    lemma = verb.lemma_.lower()
    bounds = _content_from_children(doc, verb, lex)
    if bounds is not None and lemma in lex.quote_only_verbs \
            and not any(c.dep_ in CONTENT_DEPS for c in verb.children):
        bounds = None  # "continued their attacks" reports nothing; '"...," he continued' does
    if bounds is None and lemma in lex.topic_verbs:
        return None
    if bounds is None:
        bounds = _parenthetical_content(doc, verb)
    if bounds is None and lemma in lex.speech_only_verbs:
        bounds = _quote_content(doc, verb, quotes)
    if bounds is None and lemma in lex.speech_only_verbs:
        bounds = _fronted_content(doc, verb)
    if bounds is None:
        return None
    if lemma not in lex.speech_only_verbs and not any(c.dep_ in CONTENT_DEPS for c in verb.children) \
            and verb.dep_ not in ("parataxis",):
        # Attitude verbs ("believe", "want") only with a clause: "X believes (that) Y".
        if lemma not in lex.object_content_verbs:
            return None
    bounds = _trim_relay(doc, bounds, lex)
    if bounds is None:
        return None
    bounds = _continued_quote(doc, verb, bounds, quotes)
    if speaker is not None:
        # A speaker the parser hung inside the content closes it: "Y, the monitor, said."
        sp = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
        if sp is not None and bounds[0] < sp.start <= bounds[1] <= sp.end + 1:
            bounds = (bounds[0], sp.start - 1)
    content = _content_span(doc, bounds[0], bounds[1])
    if content is None:
        return None
    return Statement(speaker=speaker, cue=_cue_span(doc, verb), content=content)


def _trim_relay(doc: Doc, bounds: tuple[int, int], lex: StatementLexicon) -> tuple[int, int] | None:
    """Drop a leading relay phrase from content: 'said, citing X, that Y' -> 'Y'."""
    first, last = bounds
    for _ in range(3):
        while first <= last and (doc[first].is_punct or doc[first].is_space):
            first += 1
        if first > last:
            return None
        tok = doc[first]
        if tok.lemma_.lower() in lex.relay_verbs and tok.pos_ == "VERB" and tok.right_edge.i < last:
            first = tok.right_edge.i + 1
            continue
        seq = next((q for q in lex.according if _match_sequence(_sent(tok), first, q)), None)
        if seq is not None:
            prep = doc[first + len(seq) - 1]
            end = max([c.right_edge.i for c in prep.children] + [prep.i])
            if end < last:
                first = end + 1
                continue
        break
    if first != bounds[0]:
        while first <= last and (doc[first].is_punct and doc[first].text not in QUOTE_CHARS
                                 or doc[first].lower_ == "that" and doc[first].dep_ == "mark"):
            first += 1
    return (first, last) if first <= last else None


def _continued_quote(doc: Doc, verb: Token, bounds: tuple[int, int],
                     quotes: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """'"A," said X. "B."': a quotation resuming right after the cue clause belongs to the statement."""
    c_first, c_last = _clause_bounds(verb)
    if bounds[1] >= c_first:
        return bounds
    right = doc[c_last].idx + len(doc[c_last].text)
    text = _text(doc)
    for qa, qb in quotes:
        if qa >= right:
            gap = text[right:qa]
            if "\n" not in gap and not gap.strip(" \t,;:.\u2014\u2013-"):
                span = _char_bounds(doc, qa, qb)
                if span is not None:
                    return bounds[0], span[1]
            break
    return bounds


def _noun_statement(doc: Doc, noun: Token) -> Statement | None:
    """'the ministry's claim that Y', 'reports that Y': a reporting noun with a that-clause.

    The possessor is the speaker; without one the statement has no speaker.
    """
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp")
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None or clause.i < noun.i:
        return None
    speaker: TextSpan | None = None
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        if poss.pos_ == "PRON" and poss.lower_ in ("its", "their", "his", "her"):
            speaker = _span(doc, poss.idx, poss.idx + len(poss.text))
        else:
            first, last = _subtree_bounds(poss)
            while last >= first and doc[last].dep_ == "case":
                last -= 1
            speaker = _tok_span(doc, first, last)
    first = noun.i
    for c in noun.lefts:
        if c.dep_ == "amod" and noun.i - c.i <= 2:
            first = min(first, c.i)
    cue = _span(doc, doc[first].idx, noun.idx + len(noun.text))
    c_first, c_last = _subtree_bounds(clause)
    content = _content_span(doc, c_first, c_last)
    if content is None:
        return None
    return Statement(speaker=speaker, cue=cue, content=content)


def _match_sequence(sent: SpacySpan, i: int, seq: Sequence[str]) -> bool:
    if i + len(seq) > sent.end:
        return False
    return all(sent.doc[i + k].lower_ == w for k, w in enumerate(seq))


def _according_statement(doc: Doc, sent: SpacySpan, i: int, seq: Sequence[str]) -> Statement | None:
    """'according to X, Y' / 'Y, according to X': X is the speaker, Y the content."""
    last_cue = i + len(seq) - 1
    prep = doc[last_cue]
    objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if objs:
        src_first, src_last = _subtree_bounds(objs[0])
    else:
        # Parse without a pobj: take the noun phrase right after the cue.
        src_first = last_cue + 1
        src_last = src_first
        while src_last + 1 < sent.end and not doc[src_last + 1].is_punct \
                and doc[src_last + 1].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "ADP", "NUM", "PART"):
            src_last += 1
        if src_first >= sent.end:
            return None
    speaker = _tok_span(doc, src_first, src_last)
    if speaker is None:
        return None
    phrase_first, phrase_last = i, max(src_last, last_cue)
    s_first, s_last = sent.start, sent.end - 1
    before = (s_first, phrase_first - 1) if phrase_first > s_first else None
    after = (phrase_last + 1, s_last) if phrase_last < s_last else None

    def _wordy(b: tuple[int, int] | None) -> bool:
        return b is not None and sum(1 for t in doc[b[0]:b[1] + 1] if t.is_alpha) >= 2

    if _wordy(before) and _wordy(after):
        bounds = (s_first, s_last)
    elif _wordy(after):
        assert after is not None
        bounds = after
    elif _wordy(before):
        assert before is not None
        bounds = before
    else:
        return None
    content = _content_span(doc, bounds[0], bounds[1])
    if content is None:
        return None
    cue = _span(doc, doc[i].idx, prep.idx + len(prep.text))
    return Statement(speaker=speaker, cue=cue, content=content)


def _relay_statement(doc: Doc, verb: Token, found: dict[int, Statement]) -> Statement | None:
    """'..., citing X' / 'quoting X': X is the source of the head's statement."""
    objs = [c for c in verb.children if c.dep_ in ("dobj", "pobj")]
    if not objs or _subject(verb) is not None:
        return None
    speaker = _speaker_span(doc, objs[0], verb)
    if speaker is None:
        return None
    head = verb.head
    content: TextSpan | None = None
    if head.i in found:
        content = found[head.i].content
    elif head.dep_ in SUBJECT_DEPS and head.head.i in found:
        content = found[head.head.i].content  # "the agency, citing X, said ..."
    else:
        bounds = _parenthetical_content(doc, verb)
        if bounds is not None:
            content = _content_span(doc, bounds[0], bounds[1])
    if content is None:
        return None
    cue = _span(doc, verb.idx, verb.idx + len(verb.text))
    return Statement(speaker=speaker, cue=cue, content=content)


# ----------------------------------------------------------------------------------------
# Quotations continued over paragraphs


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    out = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            out.append((start, end))
        start = end + 1
    return out


def _extend_open_quotes(doc: Doc, statements: list[Statement], lex: StatementLexicon) -> None:
    """Extend a statement whose quoted content stays open at its paragraph's end.

    Journalistic convention: a quotation running over paragraphs leaves the closing mark off
    each paragraph but the last, and opens every following paragraph with a quote mark.
    """
    text = _text(doc)
    paras = _paragraph_bounds(text)
    opens = ('"', "“", "«", "„")
    closes = ('"', "”", "»")

    def unbalanced(a: int, b: int) -> bool:
        seg = text[a:b]
        straight = seg.count('"')
        curly_open = seg.count("“") + seg.count("«") + seg.count("„")
        curly_close = seg.count("”") + seg.count("»")
        return straight % 2 == 1 or curly_open > curly_close

    for st in statements:
        idx = next((k for k, (a, b) in enumerate(paras) if a <= st.content.start < b), None)
        if idx is None:
            continue
        a, b = paras[idx]
        if not unbalanced(a, b) or st.content.end < b - 3:
            continue
        end = st.content.end
        k = idx + 1
        while k < len(paras):
            pa, pb = paras[k]
            if not text[pa:pb].lstrip().startswith(opens):
                break
            end = pb
            if not unbalanced(pa, pb):
                break
            k += 1
        if end > st.content.end:
            while end > st.content.end and text[end - 1] in " \t" + "".join(closes):
                if text[end - 1] in closes:
                    break
                end -= 1
            st.content = _span(doc, st.content.start, end)


# ----------------------------------------------------------------------------------------
# Pronoun speakers


def _antecedent(doc: Doc, pron: TextSpan, labels: Iterable[str],
                speakers: Sequence[TextSpan], person_nouns: frozenset[str] = frozenset()) -> TextSpan | None:
    """The nearest fitting antecedent of a pronoun speaker.

    Candidates are named entities of a fitting label before the pronoun and earlier
    speakers ("the doctor ... He added"); subjects and speakers are preferred to other
    mentions, then the nearest wins.
    """
    labels = set(labels)
    person = "PERSON" in labels
    best: TextSpan | None = None
    best_score: tuple[int, int] | None = None

    def consider(span: TextSpan, role: int) -> None:
        nonlocal best, best_score
        score = (role, span.start)
        if best_score is None or score > best_score:
            best, best_score = span, score

    for ent in doc.ents:
        if ent.end_char > pron.start:
            break
        if pron.start - ent.end_char > PRONOUN_WINDOW_CHARS or ent.label_ not in labels:
            continue
        role = 1 if ent.root.dep_ in SUBJECT_DEPS or any(
            s.start <= ent.start_char and ent.end_char <= s.end for s in speakers) else 0
        if not person and role == 0:
            continue  # "it"/"they" stand for an organisation that was a subject or a speaker
        first = ent.start
        # The small model sometimes cuts a name ("Karim" | "Haddad"): take in the name's compounds.
        while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].dep_ == "compound" \
                and doc[first - 1].head.i in range(ent.start, ent.end):
            first -= 1
        consider(_span(doc, doc[first].idx, ent.end_char), role)
    if person:
        # People named by a common noun as subjects: "A resident of the town confirmed it ..."
        pron_tok = doc.char_span(pron.start, pron.end, alignment_mode="expand")
        k = pron_tok.start - 1 if pron_tok is not None else -1
        while k >= 0 and pron.start - doc[k].idx <= PRONOUN_WINDOW_CHARS:
            tok = doc[k]
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.lemma_.lower() in person_nouns \
                    and tok.tag_ not in ("NNS", "NNPS") and tok.pos_ != "PRON":
                first, last = tok.left_edge.i, tok.right_edge.i
                if last >= tok.head.i > tok.i:
                    last = tok.head.i - 1
                cand = _tok_span(doc, first, last)
                if cand is not None:
                    consider(cand, 1)
                break
            k -= 1
    for sp in speakers:
        if sp.end > pron.start or pron.start - sp.end > PRONOUN_WINDOW_CHARS:
            continue
        cspan = doc.char_span(sp.start, sp.end, alignment_mode="expand")
        if cspan is None or len(cspan) == 0:
            continue
        root = cspan.root
        if root.pos_ == "PRON":
            continue
        # The speaker's own kind: the entity its head word belongs to, not a place named in it.
        ent_labels = {root.ent_type_} if root.ent_type_ else set()
        plural = root.tag_ in ("NNS", "NNPS")
        if person:
            if plural or (ent_labels and "PERSON" not in ent_labels):
                continue
            if "PERSON" not in ent_labels and root.lemma_.lower() not in person_nouns:
                continue  # "a video ... He said": only people speak as he or she
        elif "PERSON_PLURAL" in labels:
            if not plural and not (ent_labels & labels):
                continue
        elif not (ent_labels & labels):
            continue
        consider(sp, 1)
    return best


def _resolve_pronouns(doc: Doc, statements: list[Statement], lex: StatementLexicon) -> None:
    speakers: list[TextSpan] = []
    for st in sorted(statements, key=lambda s: s.cue.start):
        sp = st.speaker
        if sp is not None and sp.text.lower() in lex.speaker_pronouns:
            ante = _antecedent(doc, sp, lex.speaker_pronouns[sp.text.lower()], speakers, lex.person_nouns)
            if ante is not None:
                st.speaker_as_written = sp
                st.speaker = ante
        elif sp is not None:
            ante = _earlier_description(doc, sp, speakers)
            if ante is not None:
                st.speaker_as_written = sp
                st.speaker = ante
        if st.speaker is not None:
            speakers.append(st.speaker)


def _earlier_description(doc: Doc, sp: TextSpan, speakers: Sequence[TextSpan]) -> TextSpan | None:
    """'the source added' names the last speaker described by the same noun ('a source at the ministry')."""
    words = sp.text.split()
    if len(words) != 2 or words[0].lower() != "the":
        return None
    noun = words[1].lower()
    for earlier in reversed(speakers):
        if earlier.start >= sp.start or sp.start - earlier.end > PRONOUN_WINDOW_CHARS:
            continue
        cspan = doc.char_span(earlier.start, earlier.end, alignment_mode="expand")
        if cspan is None or len(cspan) == 0:
            continue
        if cspan.root.lower_ == noun and len(cspan) > 2:
            return earlier
    return None


# ----------------------------------------------------------------------------------------


_LABEL_QUOTE = re.compile(
    r"^(?P<name>[A-Z][\w.'’-]*(?:[ ,][\w.'’-]+){0,7}?)\s*(?P<cue>[―—–:])\s*(?P<quote>[“\"”«].+)$", re.S)
_QUOTE_LABEL = re.compile(
    r"^(?P<quote>[“\"”«].+[”\"»])\s*(?P<cue>[―—–])\s*(?P<name>[A-Z][\w.'’-]*(?:[ ,][\w.'’-]+){0,7}?)\s*$", re.S)


def _labelled_quotes(doc: Doc, taken: Sequence[Statement]) -> list[Statement]:
    """Paragraphs of the form 'Name ― "quote"' or 'Name: "quote"' (vox pops, transcripts)."""
    out: list[Statement] = []
    text = _text(doc)
    for a, b in _paragraph_bounds(text):
        m = _LABEL_QUOTE.match(text[a:b]) or _QUOTE_LABEL.match(text[a:b])
        if m is None:
            continue
        name_a, name_b = a + m.start("name"), a + m.end("name")
        if any(st.cue.start < b and a < st.cue.end for st in taken):
            continue
        span = doc.char_span(name_a, name_b, alignment_mode="expand")
        if span is None or not any(e.label_ in ("PERSON", "ORG", "NORP") for e in span.ents) \
                and not all(t.is_title or not t.is_alpha for t in span):
            continue
        cue_a, cue_b = a + m.start("cue"), a + m.end("cue")
        q_a, q_b = a + m.start("quote"), a + m.end("quote")
        q_b = a + len(text[a:q_b].rstrip())
        out.append(Statement(speaker=_span(doc, name_a, name_b), cue=_span(doc, cue_a, cue_b),
                             content=_span(doc, q_a, q_b)))
    return out


def _following_quotes(doc: Doc, statements: Sequence[Statement],
                      quotes: Sequence[tuple[int, int]]) -> list[Statement]:
    """A paragraph that is only a quotation continues the quoted speaker of the paragraph before.

    '"We found eleven bodies," said the rescuer.' then '"Most were children."': the second
    quotation is the rescuer's too (same speaker and cue).
    """
    text = _text(doc)
    paras = _paragraph_bounds(text)
    out: list[Statement] = []
    for k in range(1, len(paras)):
        a, b = paras[k]
        para = text[a:b].strip()
        if not para or para[0] not in ('"', "“", "«", "„"):
            continue
        region = next(((qa, qb) for qa, qb in quotes if a <= qa < b), None)
        if region is None or text[region[1]:b].strip(" \t.,;"):
            continue  # something else follows the quotation: it carries its own attribution
        if any(st.cue.start < b and a < st.cue.end or st.content.start <= region[0] < st.content.end
               for st in statements):
            continue
        pa, pb = paras[k - 1]
        before = [st for st in statements if pa <= st.cue.start < pb and st.speaker is not None
                  and text[st.content.start:st.content.start + 1] in ('"', "“", "«", "„")]
        before += [st for st in out if pa <= st.content.start < pb]
        if not before:
            continue
        prev = before[-1]
        out.append(Statement(speaker=prev.speaker, cue=prev.cue, content=_span(doc, region[0], region[1]),
                             speaker_as_written=prev.speaker_as_written))
    return out


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of the quotations in ``text`` (marks included), paragraph by paragraph.

    Curly and guillemet marks pair by direction; straight double quotes and doubled
    apostrophes ('' as some outlets write them) toggle. A quotation still open at the end of
    a paragraph runs to that paragraph's end.
    """
    out: list[tuple[int, int]] = []
    for a, b in _paragraph_bounds(text):
        open_at: int | None = None
        i = a
        while i < b:
            ch = text[i]
            two = text[i:i + 2]
            if two in ("''", "``") or ch in ('"', "“", "”", "«", "»", "„"):
                width = 2 if two in ("''", "``") else 1
                opening = ch in ("“", "«", "„") or two == "``"
                closing = ch in ("”", "»")
                if open_at is None and not closing:
                    open_at = i
                elif open_at is not None and not opening:
                    out.append((open_at, i + width))
                    open_at = None
                elif open_at is not None and opening:
                    open_at = i
                i += width
                continue
            i += 1
        if open_at is not None:
            out.append((open_at, b))
    return out


def _inside(regions: Sequence[tuple[int, int]], pos: int) -> bool:
    return any(a < pos < b for a, b in regions)


def extract_statements(doc: Doc) -> list[Statement]:
    """Every attributed statement of a parsed document, in text order."""
    lex = statement_lexicon()
    quotes = quote_regions(_text(doc))
    found: dict[int, Statement] = {}
    relays: list[Token] = []
    for sent in doc.sents:
        skip_until = -1
        for tok in sent:
            if tok.i <= skip_until:
                continue
            if _inside(quotes, tok.idx):
                continue  # what a quoted speaker says others said is part of the quote
            seq = next((s for s in lex.according if _match_sequence(sent, tok.i, s)), None)
            if seq is not None:
                st = _according_statement(doc, sent, tok.i, seq)
                if st is not None:
                    found[tok.i] = st
                skip_until = tok.i + len(seq) - 1
                continue
            if tok.lower_ in lex.sourceless_adverbs and tok.head is not tok:
                # "the town was reportedly shelled": the clause, attributed to no one
                h_first, h_last = _subtree_bounds(tok.head)
                content = _content_span(doc, max(h_first, sent.start), min(h_last, sent.end - 1))
                if content is not None:
                    found[tok.i] = Statement(speaker=None, cue=_span(doc, tok.idx, tok.idx + len(tok.text)),
                                             content=content)
                continue
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in lex.that_nouns:
                st = _noun_statement(doc, tok)
                if st is not None:
                    found[tok.i] = st
                continue
            if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBN", "VBG", "VB"):
                continue
            lemma = tok.lemma_.lower()
            if lemma in lex.relay_verbs and _subject(tok) is None:
                relays.append(tok)
                continue
            if lemma not in lex.verbs:
                continue
            st = _verb_statement(doc, tok, lex, quotes)
            if st is not None:
                found[tok.i] = st
    for tok in relays:
        st = _relay_statement(doc, tok, found)
        if st is None:
            continue
        # The relayed statement and the relaying one share their content.
        sent = _sent(tok)
        for i, other in found.items():
            if sent.start <= i < sent.end and other.content.start < st.content.end \
                    and st.content.start < other.content.end:
                st.content = other.content
                if other.speaker is not None and other.speaker_as_written is None:
                    # "X said, citing Y, that ...": Y is the source; X is who wrote it down
                    other.speaker_as_written = other.speaker
                    other.speaker = st.speaker
                break
        found[tok.i] = st
    statements = [found[i] for i in sorted(found)]
    statements.extend(_labelled_quotes(doc, statements))
    statements.extend(_following_quotes(doc, statements, quotes))
    statements.sort(key=lambda st: st.cue.start)
    doc.user_data.pop(_SENT_KEY, None)
    _extend_open_quotes(doc, statements, lex)
    _resolve_pronouns(doc, statements, lex)
    doc.user_data.pop(_TEXT_KEY, None)
    return statements


def original_source(statements: Sequence[Statement], start: int, end: int) -> Statement | None:
    """The statement that is the original source of the text [start, end).

    For a relay ("the agency said state TV reported that ...", "X said, citing Y, that ...")
    several statements contain the text; the original is the innermost one (smallest
    content), and among statements with the same content the one introduced by a relay cue
    ("citing", "quoting", "according to"), then one with a speaker ("reportedly ..., residents
    said" is the residents'), then the later cue.
    """
    lex = statement_lexicon()
    holders = [s for s in statements if s.content.start <= start and end <= s.content.end]
    if not holders:
        return None

    def relay_rank(s: Statement) -> int:
        cue = s.cue.text.lower()
        if any(cue.startswith(v[:4]) for v in lex.relay_verbs) or any(cue.startswith(seq[0]) for seq in lex.according):
            return 0
        return 1

    return min(holders, key=lambda s: (s.content.end - s.content.start, relay_rank(s), s.speaker is None,
                                       -s.cue.start))


CORE_RIGHT_DEPS = frozenset({"prep", "pobj", "pcomp", "compound", "amod", "det", "poss", "case", "nummod", "cc",
                             "conj"})


def core_speaker(doc: Doc, span: TextSpan) -> TextSpan:
    """The shortest part of a speaker span that names it fully.

    Drops appositions, relative and participial clauses and anything after a comma:
    "Omar Hassan, the district governor" -> "Omar Hassan"; "the monitoring group for civil
    rights, which relies on volunteers" -> "the monitoring group for civil rights". Joint
    speakers ("SOHR and the coalition") are kept whole.
    """
    cspan = doc.char_span(span.start, span.end, alignment_mode="expand")
    if cspan is None or len(cspan) == 0:
        return span
    root = cspan.root
    first = cspan.start
    last = root.i

    def extend(tok: Token) -> None:
        nonlocal last
        for c in tok.rights:
            if c.i >= cspan.end or c.dep_ not in CORE_RIGHT_DEPS or c.is_punct:
                break
            if c.dep_ == "conj" and c.pos_ not in ("PROPN", "NOUN"):
                break
            if any(t.is_punct and t.text in (",", ";", "(", "—", "–") for t in doc[last + 1:c.i]):
                break
            last = max(last, c.i)
            extend(c)
            if c.dep_ in ("pobj", "pcomp", "compound"):
                last = max(last, min(c.right_edge.i, cspan.end - 1))

    extend(root)
    core = _tok_span(doc, first, last)
    return core if core is not None else span

