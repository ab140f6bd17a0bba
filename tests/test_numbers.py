"""Number parsing, without the spaCy model."""

from __future__ import annotations

import pytest

from reportedly.nlp.numbers import parse_digits, parse_number, parse_words


@pytest.mark.parametrize(("text", "expected"), [
    ("1,300", (1300, False)),
    ("1300", (1300, False)),
    ("42", (42, False)),
    ("six", (6, False)),
    ("Forty", (40, False)),
    ("twenty-five", (25, False)),
    ("a dozen", (12, False)),
    ("two hundred", (200, False)),
    ("three thousand", (3000, False)),
    ("1.5 million", (1_500_000, False)),
    ("several", (3, True)),
    ("a few", (3, True)),
    ("multiple", (3, True)),
    ("tens", (10, True)),
    ("dozens", (12, True)),
    ("several dozen", (12, True)),
    ("scores", (20, True)),
    ("hundreds", (100, True)),
    ("thousands", (1000, True)),
])
def test_parse_number(text: str, expected: tuple[int, bool]) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "many", "some", "abc", "2 1/2", "1.5", "one-third"])
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_digits_reject_mixed() -> None:
    assert parse_digits("12a") is None
    assert parse_digits("1,30") is None
    assert parse_digits("007") == 7


def test_words_with_and() -> None:
    assert parse_words(["two", "hundred", "and", "fifty"]) == 250
    assert parse_words(["a", "hundred"]) == 100
    assert parse_words(["a"]) is None
