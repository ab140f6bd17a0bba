"""Name keys: what spelling differences a place name may have and still match."""

from __future__ import annotations

import pytest

from reportedly.geo.normalize import fold_diacritics, fold_key, name_key


@pytest.mark.parametrize(("a", "b"), [
    ("Jisr ash-Shughūr", "jisr al shughur"),
    ("Jisr el-Shughur", "jisr al shughur"),
    ("São Paulo", "sao paulo"),
    ("Saint-Étienne", "st etienne"),
    ("Dar'a", "dara"),
    ("Dar‘ā", "dara"),
])
def test_name_key_folds_case_accents_articles(a: str, b: str) -> None:
    assert name_key(a) == b


@pytest.mark.parametrize("variant", ["Jisr al-Shughour", "Jisr ash Shughur", "Jisr Shagour", "Jisr al-Shagour",
                                     "JISR ESH-SHUGHOUR"])
def test_fold_key_joins_transliterations(variant: str) -> None:
    assert fold_key(variant) == fold_key("Jisr ash-Shughūr")


def test_fold_key_daraa_spellings() -> None:
    assert fold_key("Daraa") == fold_key("Deraa") == fold_key("Dar'a")


def test_fold_key_keeps_different_places_apart() -> None:
    assert fold_key("Daraa") != fold_key("Daraya")
    assert fold_key("Homs") != fold_key("Hama")


def test_fold_diacritics() -> None:
    assert fold_diacritics("Łódź Ørsted Straße") == "Lodz Orsted Strasse"
