"""Checks on a document's text before extraction: cheap, and run before any NLP.

Each check gives a fatal :class:`~reportedly.model.ProcessingError` naming the document:

* ``empty``: no text, or only white space (fewer than ``options.min_chars`` characters);
* ``too_large``: more than ``options.max_chars`` characters (the message gives both);
* ``binary``: NUL characters, or mostly control characters, near the start;
* ``not_english``: in a text of at least :data:`MIN_WORDS_FOR_LANGUAGE` words, fewer than
  :data:`MIN_STOPWORD_RATIO` of the first :data:`LANGUAGE_SAMPLE_CHARS` characters' words are
  common English function words (``data/english.json``). Short texts pass. Switch the check
  off with ``Options(check_language=False)``. A text of at least :data:`MIN_LETTERS_FOR_SCRIPT`
  letters, most of them outside the Latin alphabet (Arabic, Cyrillic, Chinese...), fails too.

A document that already carries a fatal error (from reading it) is not checked again.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from reportedly.model import FATAL_CODES, Document, ProcessingError
from reportedly.options import Options

LANGUAGE_SAMPLE_CHARS = 3000
MIN_WORDS_FOR_LANGUAGE = 40
MIN_STOPWORD_RATIO = 0.10
MIN_LETTERS_FOR_SCRIPT = 200
MIN_LATIN_RATIO = 0.5
BINARY_SAMPLE_CHARS = 8192
MAX_CONTROL_RATIO = 0.1

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_NON_LATIN = re.compile(r"[^\W\d_\u0000-\u024f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@lru_cache(maxsize=1)
def english_stopwords() -> frozenset[str]:
    raw = json.loads(resources.files("reportedly.ingest").joinpath("data/english.json").read_text("utf-8"))
    return frozenset(w.lower() for w in raw["stopwords"])


def english_ratio(text: str) -> tuple[float, int]:
    """The share of common English function words among the words of ``text``, and the word count."""
    return _ratio(_WORD.findall(text.lower()))


def _ratio(words: list[str]) -> tuple[float, int]:
    if not words:
        return 0.0, 0
    stop = english_stopwords()
    return sum(1 for w in words if w in stop) / len(words), len(words)


def is_fatal(error: ProcessingError) -> bool:
    return error.code in FATAL_CODES or error.code.startswith("fatal")


def validate(doc: Document, options: Options) -> list[ProcessingError]:
    """The fatal problems of ``doc``'s text, if any (an empty list when it can be processed)."""
    if any(is_fatal(e) for e in doc.errors):
        return []
    name = doc.name
    text = doc.text
    if len(text.strip()) < max(options.min_chars, 1):
        return [ProcessingError("empty", f"{name}: the document has no text")]
    if len(text) > options.max_chars:
        return [ProcessingError("too_large", f"{name}: {len(text):,} characters is over the limit of "
                                             f"{options.max_chars:,} (max_chars)")]
    head = text[:BINARY_SAMPLE_CHARS]
    if "\x00" in head or len(_CONTROL.findall(head)) > MAX_CONTROL_RATIO * len(head):
        return [ProcessingError("binary", f"{name}: the text holds binary data (NUL or control characters)")]
    if options.check_language:
        sample = text[:LANGUAGE_SAMPLE_CHARS]
        words = _WORD.findall(sample.lower())
        letters = sum(map(len, words))
        other = len(_NON_LATIN.findall(sample))
        if letters >= MIN_LETTERS_FOR_SCRIPT and letters - other < MIN_LATIN_RATIO * letters:
            return [ProcessingError("not_english", f"{name}: the text is not in the Latin alphabet "
                                                   f"({1 - other / letters:.0%} Latin letters), so not English")]
        ratio, n = _ratio(words)
        if n >= MIN_WORDS_FOR_LANGUAGE and ratio < MIN_STOPWORD_RATIO:
            return [ProcessingError("not_english", f"{name}: the text does not look like English "
                                                   f"({ratio:.0%} common English words in the first {n} words)")]
    return []
