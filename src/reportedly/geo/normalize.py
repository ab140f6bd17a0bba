"""Normalised keys for place names.

Two keys are used. :func:`name_key` folds what never distinguishes two places: case,
diacritics, punctuation, hyphens, apostrophes, and the Arabic article in its spellings
(al-, el-, ash-, ad-, as-, an-, ar-, at-, az-...). :func:`fold_key` goes further for
transliterations: ou/oo -> u, gh -> g, kh -> k, q -> k, doubled letters -> one, vowels
dropped after a word's first letter; so "Jisr al-Shughour", "Jisr ash-Shughur" and "Jisr Shagour" share one fold key, as
do "Daraa", "Deraa" and "Dar'a", and "Kfar Batna" and "Kafr Batna". These are generic spelling rules, never per-name fixes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ARTICLES = frozenset({"al", "el", "as", "ash", "ad", "adh", "an", "ar", "at", "ath", "az", "ud", "ul",
                       "es", "esh", "ed", "en", "er", "et", "ez", "il"})
_ABBREV_WORDS = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}
_APOSTROPHES = "'’‘`´ʼʻʿʾ"
_SPLIT = re.compile(r"[\s\-‐‑‒–—_/.,()]+")
_SKIP = str.maketrans("", "", _APOSTROPHES + "\"“”")


def fold_diacritics(text: str) -> str:
    """Strip accents and other combining marks; map a few letters NFKD keeps whole."""
    text = text.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L")
    text = text.replace("đ", "d").replace("Đ", "D").replace("ı", "i").replace("æ", "ae").replace("œ", "oe")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Lower-case words of a name, diacritics folded, apostrophes dropped."""
    folded = fold_diacritics(text).translate(_SKIP).lower()
    return [w for w in _SPLIT.split(folded) if w]


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """The key a name is looked up by: ``"Jisr ash-Shughūr"`` -> ``"jisr al shughur"``."""
    ws = words(text)
    out = []
    for i, w in enumerate(ws):
        if w in _ARTICLES and i + 1 < len(ws) and len(ws) > 1:
            out.append("al")
        else:
            out.append(_ABBREV_WORDS.get(w, w))
    return " ".join(out)


_FOLD_RULES = [
    (re.compile(r"ou|oo|uu"), "u"),
    (re.compile(r"ee|ii"), "i"),
    (re.compile(r"gh"), "g"),
    (re.compile(r"kh"), "k"),
    (re.compile(r"q"), "k"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"dh"), "d"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"sch"), "sh"),
    (re.compile(r"w(?=[^aeiou]|$)"), "u"),
    (re.compile(r"(?<=[aeiou])h(?=[^aeiou]|$)"), ""),
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"[aeiou]+"), "a"),
    (re.compile(r"(?<=.)a"), ""),  # vowels inside a word move and vanish: Kfar/Kafr, Shughur/Shagour
]


@lru_cache(maxsize=200_000)
def fold_key(text: str) -> str:
    """A looser key for transliteration variants (see the module docstring)."""
    key = name_key(text)
    parts = []
    for w in key.split():
        if w == "al":
            continue  # the article is often dropped ("Jisr Shagour")
        for pattern, repl in _FOLD_RULES:
            w = pattern.sub(repl, w)
        parts.append(w)
    return " ".join(parts)
