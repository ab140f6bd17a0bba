"""reportedly's spaCy pipeline components.

Add them to any English pipeline with a parser and NER::

    import spacy, reportedly.nlp.components
    nlp = spacy.load("en_core_web_sm")
    for name in ("reportedly_statements", "reportedly_mentions", "reportedly_claims"):
        nlp.add_pipe(name)
    doc = nlp(text)
    doc._.claims, doc._.statements, doc._.mentions
"""

from __future__ import annotations

import dataclasses
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from reportedly import model
from reportedly.model import Document, DocumentResult

for _ext in ("claims", "statements", "mentions"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)

# Docs cross process boundaries as msgpack (``nlp.pipe(n_process=2)``, Dask): teach srsly
# to carry the model's dataclasses held in ``doc._``.
_TAG = "__reportedly__"
_CLASSES: dict[str, type] = {
    name: cls for name, cls in vars(model).items()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__
}


def _encode(obj: Any, chain: Any = None) -> Any:
    name = type(obj).__name__
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type) and _CLASSES.get(name) is type(obj):
        return {_TAG: name, "fields": {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}}
    return obj if chain is None else chain(obj)


def _decode(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, dict) and _TAG in obj and obj[_TAG] in _CLASSES:
        return _CLASSES[obj[_TAG]](**obj["fields"])
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("reportedly", func=_encode)
srsly.msgpack_decoders.register("reportedly", func=_decode)

# Caches that components keep in ``doc.user_data`` under string keys with this prefix are
# dropped by the last component, so that a finished Doc holds only serialisable results.
CACHE_PREFIX = "reportedly."


class FinishComponent:
    def __call__(self, doc: Doc) -> Doc:
        for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith(CACHE_PREFIX)]:
            del doc.user_data[key]
        return doc


class StatementsComponent:
    def __call__(self, doc: Doc) -> Doc:
        from reportedly.nlp.statements import extract_statements

        doc._.statements = extract_statements(doc)
        return doc


class MentionsComponent:
    def __call__(self, doc: Doc) -> Doc:
        from reportedly.nlp.mentions import extract_mentions

        doc._.mentions = extract_mentions(doc)
        return doc


class ClaimsComponent:
    def __call__(self, doc: Doc) -> Doc:
        from reportedly.nlp.claims import extract_claims

        doc._.claims = extract_claims(doc)
        return doc


@Language.factory(
    "reportedly_statements",
    requires=["token.dep", "token.head", "token.tag"],
    assigns=["doc._.statements"],
)
def make_statements(nlp: Language, name: str) -> StatementsComponent:
    return StatementsComponent()


@Language.factory(
    "reportedly_mentions",
    requires=["token.lemma", "token.dep"],
    assigns=["doc._.mentions"],
)
def make_mentions(nlp: Language, name: str) -> MentionsComponent:
    return MentionsComponent()


@Language.factory(
    "reportedly_claims",
    requires=["token.dep", "token.lemma", "doc.ents", "doc._.statements", "doc._.mentions"],
    assigns=["doc._.claims"],
)
def make_claims(nlp: Language, name: str) -> ClaimsComponent:
    return ClaimsComponent()


class ParagraphsComponent:
    """A blank line ends a sentence: a headline or paragraph never runs into the next one."""

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc[:-1]:
            if tok.is_space and tok.text.count("\n") >= 2:
                doc[tok.i + 1].is_sent_start = True
        return doc


@Language.factory("reportedly_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphsComponent:
    return ParagraphsComponent()


@Language.factory("reportedly_finish", assigns=[])
def make_finish(nlp: Language, name: str) -> FinishComponent:
    return FinishComponent()


def result_from_doc(document: Document, doc: Doc) -> DocumentResult:
    """Collect what the components assigned into a :class:`DocumentResult`."""
    return DocumentResult(
        document=document,
        claims=list(doc._.claims or []),
        statements=list(doc._.statements or []),
        mentions=list(doc._.mentions or []),
    )
