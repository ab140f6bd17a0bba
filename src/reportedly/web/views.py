"""What the pages show: the store's records turned into template-ready values.

Everything here returns plain data or :class:`markupsafe.Markup` built by
:func:`reportedly.web.highlight.highlight` (which escapes every piece of article text).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from markupsafe import Markup

from reportedly.store import schema as S
from reportedly.web.highlight import Mark, highlight, snippet_bounds
from reportedly.web.queries import audit_dict

QUALIFIER_WORDS = {"exact": "", "at_least": "at least ", "more_than": "more than ", "at_most": "at most ",
                   "approx": "about ", "vague": "about "}


def _span_ok(span: dict[str, Any] | None, n: int) -> tuple[int, int] | None:
    if not span:
        return None
    s, e = span.get("start"), span.get("end")
    if not isinstance(s, int) or not isinstance(e, int) or s < 0 or e <= s or e > n:
        return None
    return s, e


def _text(span: dict[str, Any] | None, key: str = "text") -> str | None:
    if not span:
        return None
    v = span.get(key)
    return v if isinstance(v, str) and v else None


def flat_claim(d: dict[str, Any]) -> dict[str, Any]:
    """A claim dict of the store (spans as objects) with its names flattened for templates."""
    loc = d.get("location") or None
    t = d.get("time") or None
    date = None
    if t:
        ds, de = t.get("date_start"), t.get("date_end")
        date = (f"{ds}/{de}" if de and de != ds else ds) if ds else t.get("text")
    return {
        "id": d["id"], "doc_id": d.get("doc_id"), "event_id": d.get("event_id"),
        "kind": d["kind"], "value": d["value"], "qualifier": d.get("qualifier", "exact"),
        "group": d.get("group", "unknown"), "claimant": _text(d.get("claimant")),
        "claimant_type": d.get("claimant_type", "none"), "stance": d.get("stance", "asserted"),
        "aggregate": bool(d.get("aggregate")), "event_type": d.get("event_type"),
        "sub_event_type": d.get("sub_event_type"), "perpetrator": _text(d.get("perpetrator")),
        "location": _text(loc, "name") if loc else None, "date": date,
        "date_start": t.get("date_start") if t else None, "date_end": t.get("date_end") if t else None,
        "corrected": bool(d.get("corrected")),
    }


def _in_title(d: dict[str, Any]) -> bool:
    """Whether a claim was read from the document's title (its evidence ``part``)."""
    return ((d.get("evidence") or {}).get("part") or "text") == "title"


def claim_marks(d: dict[str, Any], n: int, anchor: bool = True) -> list[Mark]:
    """Highlights of one claim: its evidence, and inside it figure, claimant, perpetrator."""
    out: list[Mark] = []
    if _in_title(d):
        return out  # a headline claim: its offsets index the title, not this text
    cid = str(d["id"])
    ev = _span_ok(d.get("evidence"), n)
    label = f"claim: {QUALIFIER_WORDS.get(d.get('qualifier', ''), '')}{d['value']} {d['kind']}"
    if ev:
        out.append(Mark(ev[0], ev[1], ("claim",), label, f"claim-{cid}" if anchor else None,
                        (("claim", cid),)))
    for key, cls, title in (("figure", "fig", "figure"), ("claimant", "claimant", "claimant"),
                            ("perpetrator", "perp", "perpetrator")):
        sp = _span_ok(d.get(key), n)
        if sp:
            out.append(Mark(sp[0], sp[1], (cls,), title))
    return out


def statement_marks(i: int, s: dict[str, Any], n: int) -> list[Mark]:
    out: list[Mark] = []
    content = _span_ok(s.get("content"), n)
    cue = _span_ok(s.get("cue"), n)
    speaker = _span_ok(s.get("speaker"), n)
    first = min((x[0] for x in (content, cue, speaker) if x), default=None)
    who = _text(s.get("speaker")) or "no source"
    if content:
        out.append(Mark(content[0], content[1], ("content",), f"statement by {who}",
                        f"statement-{i}" if first == content[0] else None))
    if cue:
        out.append(Mark(cue[0], cue[1], ("cue",), "cue", f"statement-{i}" if first == cue[0] and
                        not (content and content[0] == first) else None))
    if speaker:
        out.append(Mark(speaker[0], speaker[1], ("speaker",), "speaker",
                        f"statement-{i}" if first == speaker[0] and not any(
                            x and x[0] == first for x in (content, cue)) else None))
    sw = _span_ok(s.get("speaker_as_written"), n)
    if sw and sw != speaker:
        out.append(Mark(sw[0], sw[1], ("speaker",), f"refers to {who}"))
    return out


def responsibility_marks(text: str, doc_id: str, records: list[dict[str, Any]]) -> list[Mark]:
    """Where the events' records say this document names a perpetrator: the sentence, and the
    perpetrator inside it."""
    marks: list[Mark] = []
    for rec in records:
        for p in rec.get("perpetrators") or []:
            if doc_id not in (p.get("doc_ids") or []):
                continue
            name = p.get("name") or ""
            who = ", ".join(p.get("claimants") or []) or "unattributed"
            for ev_text in p.get("evidence") or []:
                i = _find(text, ev_text)
                if i < 0:
                    continue
                j = i + len(ev_text)
                marks.append(Mark(i, j, ("resp",), f"responsibility: {name}, according to {who}"))
                k = _find(text, name, i, j)
                if k >= 0:
                    marks.append(Mark(k, k + len(name), ("perp",), "perpetrator"))
    return marks


def event_records(conn: sa.Connection, doc_id: str) -> list[dict[str, Any]]:
    """The records of the events this document's claims belong to."""
    c, e = S.claims.c, S.events.c
    ids = sa.select(c.event_id).where(c.doc_id == doc_id, c.event_id.is_not(None))
    return [dict(r.record or {}) for r in conn.execute(sa.select(e.record).where(e.id.in_(ids)))]


def document_body(doc: dict[str, Any], records: list[dict[str, Any]] | None = None) -> Markup:
    """The article with every claim, statement, place, incident word and (from the events'
    records) every responsibility sentence highlighted."""
    text = doc.get("text") or ""
    n = len(text)
    marks: list[Mark] = responsibility_marks(text, str(doc.get("id")), records or [])
    for c in doc.get("claims", []):
        marks += claim_marks(c, n)
    for i, s in enumerate(doc.get("statements", [])):
        marks += statement_marks(i, s, n)
    for i, p in enumerate(doc.get("places", [])):
        sp = _span_ok(p, n)
        if sp:
            where = p.get("name") or ""
            if p.get("lat") is not None:
                where += f" ({p['lat']:.3f}, {p['lon']:.3f})"
            marks.append(Mark(sp[0], sp[1], ("place",), f"place: {where}", f"place-{i}"))
    for m in doc.get("mentions", []):
        sp = _span_ok(m.get("trigger"), n)
        if sp:
            marks.append(Mark(sp[0], sp[1], ("trigger",), f"incident: {m.get('event_type')}"))
    return highlight(text, marks)


def safe_url(url: str | None) -> str | None:
    """The URL if it is plain http(s), else None (never a ``javascript:`` link)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None


def document_texts(conn: sa.Connection, doc_ids: list[str]) -> dict[str, str]:
    d = S.documents.c
    if not doc_ids:
        return {}
    return {r.id: r.text for r in conn.execute(sa.select(d.id, d.text).where(d.id.in_(doc_ids)))}


def event_claims(rec: dict[str, Any], texts: dict[str, str]) -> list[dict[str, Any]]:
    """The event's claims for the side-by-side view, each with its evidence in context."""
    out = []
    for d in rec.get("claim_details", []):
        c = flat_claim(d)
        doc = d.get("document") or {}
        c["doc_title"] = doc.get("title")
        c["outlet"] = doc.get("source")
        c["published"] = doc.get("published")
        text = texts.get(d.get("doc_id") or "", "")
        ev = None if _in_title(d) else _span_ok(d.get("evidence"), len(text))
        if ev:
            a, b = snippet_bounds(text, ev[0], ev[1], context=120)
            c["snippet"] = highlight(text, claim_marks(d, len(text), anchor=False), a, b)
        else:
            c["snippet"] = Markup.escape(("headline: " if _in_title(d) else "")
                                         + ((d.get("evidence") or {}).get("text") or ""))
        machine = d.get("machine")
        if machine:
            flat_m = flat_claim({**machine, "id": d["id"]})
            c["corrected_fields"] = [k for k in ("kind", "value", "qualifier", "group", "claimant",
                                                 "claimant_type", "stance", "aggregate", "event_type",
                                                 "perpetrator", "location", "date") if flat_m.get(k) != c.get(k)]
        else:
            c["corrected_fields"] = []
        out.append(c)
    return out


def _find(text: str, needle: str, start: int = 0, end: int | None = None) -> int:
    if not needle:
        return -1
    i = text.find(needle, start, end)
    if i < 0:
        i = text.lower().find(needle.lower(), start, end)
    return i


def perpetrator_cards(rec: dict[str, Any], texts: dict[str, str]) -> list[dict[str, Any]]:
    """Who is said to have done it, each with the sentences that say so highlighted in context."""
    out = []
    for p in rec.get("perpetrators") or []:
        name = p.get("name") or ""
        claimants = list(p.get("claimants") or [])
        doc_ids = list(p.get("doc_ids") or [])
        quotes = []
        for ev_text in p.get("evidence") or []:
            for doc_id in doc_ids:
                text = texts.get(doc_id, "")
                i = _find(text, ev_text)
                if i < 0:
                    continue
                j = i + len(ev_text)
                marks = [Mark(i, j, ("resp",), f"responsibility: {name}")]
                k = _find(text, name, i, j)
                if k >= 0:
                    marks.append(Mark(k, k + len(name), ("perp",), "perpetrator"))
                for who in claimants:
                    w = _find(text, who, i, j)
                    if w >= 0:
                        marks.append(Mark(w, w + len(who), ("claimant",), "claimant"))
                a, b = snippet_bounds(text, i, j, context=60)
                quotes.append({"doc_id": doc_id, "html": highlight(text, marks, a, b)})
                break
            else:
                quotes.append({"doc_id": doc_ids[0] if doc_ids else None, "html": Markup.escape(ev_text)})
        out.append({"name": name, "claimants": claimants, "denied_by": list(p.get("denied_by") or []),
                    "quotes": quotes})
    return out


def _figure_words(c: dict[str, Any]) -> str:
    return f"{QUALIFIER_WORDS.get(c['qualifier'], '')}{c['value']} {c['kind']}"


def spell_contradictions(rec: dict[str, Any], claims: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Each contradiction of the record as a sentence: who says what against whom."""
    by_id = {c["id"]: c for c in claims}
    perps = rec.get("perpetrators") or []
    out = []
    for con in rec.get("contradictions") or []:
        fld = con.get("field", "")
        about = con.get("about") or ""
        sides = con.get("sides") or []
        between = con.get("between") or []
        parts = []
        if fld in ("killed", "injured"):
            title = f"Figures for {about}" if about else f"{fld.capitalize()} figures"
            for i, side in enumerate(sides):
                who = between[i] if i < len(between) else "a source"
                figs = [_figure_words(by_id[x]) for x in side if x in by_id]
                parts.append(f"{', '.join(dict.fromkeys(figs)) or 'a different figure'} according to {who}")
            text = "; ".join(parts) + ". These figures cannot all be true."
        elif fld == "perpetrator":
            title = f"Who did it ({about})" if about else "Who did it"
            for i, side in enumerate(sides):
                who = between[i] if i < len(between) else "a source"
                names = [p.get("name") for p in perps if sorted(set(p.get("sources") or [])) == sorted(set(side))]
                parts.append(f"{' and '.join(n for n in names if n) or 'another party'} according to {who}")
            text = "; ".join(parts) + "."
        elif fld == "denial":
            title = f"Denial ({about})" if about else "Denial"
            asserts = between[0] if between else "a source"
            denies = between[1] if len(between) > 1 else "another source"
            text = f"{denies} denies what {asserts} asserts."
        else:
            title = fld.replace("_", " ").capitalize() or "Contradiction"
            text = " versus ".join(between) or about
        out.append({"field": fld, "title": title, "text": text})
    return out


def event_audit(conn: sa.Connection, event_id: str, claim_ids: list[str]) -> list[dict[str, Any]]:
    """Every human action about an event or its claims, including merges and splits that
    involved its claims (found through the constraints they left) and their undos."""
    a, k = S.audit_log.c, S.constraints.c
    ids: set[int] = set()
    conds: list[sa.ColumnElement[bool]] = [sa.and_(a.target_type == "event", a.target_id == event_id)]
    if claim_ids:
        conds.append(sa.and_(a.target_type == "claim", a.target_id.in_(claim_ids)))
    ids.update(int(x) for x in conn.scalars(sa.select(a.id).where(sa.or_(*conds))))
    if claim_ids:
        ids.update(int(x) for x in conn.scalars(
            sa.select(k.audit_id).where(sa.or_(k.claim_a.in_(claim_ids), k.claim_b.in_(claim_ids)))))
        r = S.event_reviews.c
        ids.update(int(x) for x in conn.scalars(sa.select(r.audit_id).where(r.event_id == event_id)))
    if not ids:
        return []
    rows = [audit_dict(r) for r in conn.execute(sa.select(S.audit_log).where(a.id.in_(sorted(ids))))]
    targets = {(r["target_type"], r["target_id"]) for r in rows}
    undo_rows = []
    for tt, tid in targets:
        undo_rows += [audit_dict(r) for r in conn.execute(
            sa.select(S.audit_log).where(a.action == "undo", a.target_type == tt, a.target_id == tid))]
    found = {r["id"] for r in rows}
    rows += [u for u in undo_rows if (u.get("after") or {}).get("undoes") in found and u["id"] not in found]
    return mark_undone(conn, sorted(rows, key=lambda r: -r["id"]))


def mark_undone(conn: sa.Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Set ``undone_by`` and ``undoable`` on audit entries."""
    a = S.audit_log.c
    want = {r["id"] for r in rows}
    undone: dict[int, int] = {}
    if want:
        for uid, after in conn.execute(sa.select(a.id, a.after).where(a.action == "undo")):
            target = (after or {}).get("undoes")
            if isinstance(target, int) and target in want:
                undone[target] = int(uid)
    for row in rows:
        row["undone_by"] = undone.get(row["id"])
        row["undoable"] = row["action"] in ("correct", "merge", "split", "verify") and row["undone_by"] is None
    return rows
