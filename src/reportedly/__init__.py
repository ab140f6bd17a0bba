"""reportedly: attributed casualty claims from news reports of violence.

    >>> import reportedly
    >>> result = reportedly.extract("Police said two people were killed.", published="2024-05-01")
    >>> [(c.kind, c.value) for c in result.claims]
"""

from __future__ import annotations

from reportedly.model import (
    Claim,
    Document,
    DocumentResult,
    Evidence,
    Location,
    Mention,
    Place,
    ProcessingError,
    Span,
    Statement,
    TimeRef,
)
from reportedly.options import Options
from reportedly.pipeline import extract, extract_documents

__version__ = "0.1.0"

__all__ = [
    "Claim", "Document", "DocumentResult", "Evidence", "Location", "Mention", "Options", "Place",
    "ProcessingError", "Span", "Statement", "TimeRef", "extract", "extract_documents", "__version__",
]
