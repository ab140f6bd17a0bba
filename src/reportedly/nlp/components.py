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

from spacy.language import Language
from spacy.tokens import Doc

from reportedly.model import Document, DocumentResult

for _ext in ("claims", "statements", "mentions"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)


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


def result_from_doc(document: Document, doc: Doc) -> DocumentResult:
    """Collect what the components assigned into a :class:`DocumentResult`."""
    return DocumentResult(
        document=document,
        claims=list(doc._.claims or []),
        statements=list(doc._.statements or []),
        mentions=list(doc._.mentions or []),
    )
