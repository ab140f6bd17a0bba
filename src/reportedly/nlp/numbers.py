"""Reading numbers as news text writes them: digits, words, and ACLED's vague words.

Pure functions over strings (no spaCy) so they are cheap to test.
"""

from __future__ import annotations

import re

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

# Vague words (ACLED's convention) -> value. Plural scale words are vague; "a dozen" is exact.
VAGUE: dict[str, int] = {
    "several": 3, "few": 3, "multiple": 3, "tens": 10, "dozens": 12, "scores": 20,
    "hundreds": 100, "thousands": 1000,
}

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_DECIMAL = re.compile(r"^\d+\.\d+$")


def is_number_word(word: str) -> bool:
    w = word.lower()
    return w in UNITS or w in TENS or w in SCALES or w == "dozen" or all(
        p in UNITS or p in TENS for p in w.split("-")) and "-" in w


def parse_digits(text: str) -> int | None:
    """'1,300' -> 1300, '1300' -> 1300; None for anything else (decimals, mixed)."""
    t = text.strip()
    if _DIGITS.match(t):
        return int(t.replace(",", ""))
    return None


def parse_words(words: list[str]) -> int | None:
    """['twenty-five'] -> 25, ['a', 'dozen'] -> 12, ['two', 'hundred'] -> 200, ['1.5', 'million'].

    Returns None when the words are not a number.
    """
    parts: list[str] = []
    for w in words:
        for p in w.lower().replace(",", "").split("-"):
            if p:
                parts.append(p)
    parts = [p for p in parts if p != "and"]
    if not parts:
        return None
    if parts[0] in ("a", "an"):
        parts = ["one"] + parts[1:]
        if len(parts) == 1:
            return None
    total: float = 0
    current: float = 0
    seen = False
    for p in parts:
        if p in UNITS:
            current += UNITS[p]
        elif p in TENS:
            current += TENS[p]
        elif p == "dozen":
            current = (current or 1) * 12
        elif p in SCALES:
            scale = SCALES[p]
            current = (current or 1) * scale
            if scale >= 1000:
                total += current
                current = 0
        elif _DIGITS.match(p):
            current += int(p.replace(",", ""))
        elif _DECIMAL.match(p):
            # "1.5 million": only meaningful with a following scale word
            current += float(p)
        else:
            return None
        seen = True
    if not seen:
        return None
    value = float(total + current)
    if not value.is_integer():
        return None
    return int(value)


def parse_number(text: str) -> tuple[int, bool] | None:
    """Parse a figure as written. Returns (value, vague) or None.

    >>> parse_number("1,300"), parse_number("twenty-five"), parse_number("dozens")
    ((1300, False), (25, False), (12, True))
    """
    t = text.strip().lower()
    if not t:
        return None
    d = parse_digits(t)
    if d is not None:
        return d, False
    words = t.split()
    if len(words) == 1 and words[0] in VAGUE:
        return VAGUE[words[0]], True
    if words[:1] == ["a"] and len(words) == 2 and words[1] in ("few",):
        return 3, True
    if words[-1] in VAGUE and words[0] == "several" and len(words) == 2:
        # "several dozen" -> dozens
        return VAGUE[words[-1]], True
    if len(words) == 2 and words[0] == "several" and words[1] in ("dozen", "hundred", "thousand"):
        return {"dozen": 12, "hundred": 100, "thousand": 1000}[words[1]], True
    v = parse_words(words)
    if v is None:
        return None
    return v, False
