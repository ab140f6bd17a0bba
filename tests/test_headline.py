"""Headlines read as sentences: the articles a headline drops, put back (no spaCy model)."""

from __future__ import annotations

import pytest

from reportedly.nlp.headline import back_span, with_articles


@pytest.mark.parametrize(("title", "pos", "expected"), [
    ("Authorities identify Alton boy killed while playing basketball", {},
     "Authorities identify an Alton boy killed while playing basketball"),
    ("Teen charged after shooting death of Jessamine girl", {},
     "A teen charged after the shooting death of a Jessamine girl"),
    ("Police search for shooter who wounded 9-year-old girl", {},
     "Police search for shooter who wounded a 9-year-old girl"),  # the shooter is no victim
    ("Man charged in death of best friend", {24: "ADJ"}, "A man charged in the death of a best friend"),
    ("Gunman kills three at mall", {}, "Gunman kills three people at mall"),
    ("Gunman kills three", {}, "Gunman kills three people"),
    ("Tucson police: Boy, 3, wounded", {}, "Tucson police. Boy, 3, wounded"),
    ("Shooting victim identified", {}, "Shooting victim identified"),  # dead or alive: as is
    ("Teen avoids jail for shooting of friend", {}, "A teen avoids jail for shooting of a friend"),
    ("His son was shot in the leg", {}, "His son was shot in the leg"),  # nothing to add
])
def test_a_headline_gets_its_articles_back(title: str, pos: dict[int, str], expected: str) -> None:
    text, back = with_articles(title, pos)
    assert text == expected
    assert len(back) == len(text) and back == sorted(back)
    # every character of the headline stands where the map says
    for i, ch in enumerate(text):
        if back[i] < len(title) and (i + 1 == len(text) or back[i + 1] != back[i]):
            assert title[back[i]].lower() == ch.lower() or (ch == "." and title[back[i]] == ":")


def test_spans_go_back_onto_the_headline() -> None:
    title = "Authorities identify Alton boy killed"
    text, back = with_articles(title)
    start = text.index("an Alton boy")
    a, b = back_span(back, start, start + len("an Alton boy"), len(title))
    assert title[a:b] == "Alton boy"
    whole = back_span(back, 0, len(text), len(title))
    assert whole == (0, len(title))
    # an offset past the headline (in the body that follows it) moves back by the article's length
    assert back_span(back, len(text) + 2, len(text) + 9, len(title)) == (len(title) + 2, len(title) + 9)
