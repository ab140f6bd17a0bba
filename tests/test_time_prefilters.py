"""The quick tests that spare the time patterns most sentences must give the same answers as
running every pattern: they only skip a pattern where it cannot match."""

from __future__ import annotations

import datetime as dt

import pytest

from reportedly import time as T

PUB = dt.date(2019, 3, 13)

# hand-written fragments, combined below: dates in their many spellings, and words that look
# like one ("market", "Mayor", "decade", "Septembers") without being one
OPENINGS = [
    "Gunmen opened fire on a bus",
    "The mayor of the port said a bridge collapsed",
    "A convoy was ambushed near the market",
    "Rescuers pulled 6 people from the rubble",
    "Protesters gathered outside the court",
    "Officials met in Café Rouge",
    "The story was updated",
    "COPYRIGHT:",
]
TIMES = [
    "on Monday", "on Sept. 12", "on 12 Dec. 2019", "in midMarch", "in mid-March", "in early April 2014",
    "in lateMay", "since 2011", "since Saturday", "since the 3rd of June", "last week", "this month",
    "the past three days", "over the past 48 hours", "in 1999", "on 2019-03-04", "two weeks ago",
    "yesterday", "last night", "this morning", "overnight", "over the weekend", "in June", "on Dec.x",
    "by Nov 3", "during the year 2003", "early this morning", "last Tuesday night", "in the 1990s",
    "on March 3rd, 2018", "in 1889", "in May 1850", "in Marchés", "on Jan. 5 2017", "on Friday's", "in Septembers past", "",
    "the previous \t  Monday", "until\tSunday", "from Monday to Friday", "late on Good Friday", "PREVIOUS SATURDAY",
    "by Thursday's", "this Sunday morning", "last Mondays",
    "on Christmas Eve", "last Aug.", "this past June", "on Mother’s Day", "before Thanksgiving", "Easter 2016",
]
ENDINGS = [
    ", police said.", " as talks stalled.", ", killing 4 people in the decade-old camp.",
    " (updated 14 June 2019).", ", the 40-year-old witness told reporters on Wednesday.", " in São Paulo.",
]


def _key(xs: list[T.TimeExpr]) -> list[tuple[object, ...]]:
    return [(x.text, x.start, x.end, x.date_start, x.date_end, x.precision) for x in xs]


@pytest.mark.parametrize("published", [PUB, None])
def test_word_tests_skip_only_patterns_that_cannot_match(published: dt.date | None,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    sentences = [f"{OPENINGS[(i + j) % len(OPENINGS)]} {t}{ENDINGS[(i + 2 * j) % len(ENDINGS)]}"
                 for i, t in enumerate(TIMES) for j in range(4)] + [f"{OPENINGS[0]} {t}." for t in TIMES]
    text = "\n\n".join(sentences)
    spans = []
    pos = 0
    for s in sentences:
        spans.append((pos, pos + len(s)))
        pos += len(s) + 2
    fast = [_key(T.find_times(text, published, a, b)) for a, b in spans]
    fast_alone = [_key(T.find_times(s, published)) for s in sentences]
    monkeypatch.setattr(T, "_WORD_TESTS", {})
    monkeypatch.setattr(T, "_HINT_SETS", {})
    monkeypatch.setattr(T, "_first_start", lambda kind, low: 0)
    monkeypatch.setattr(T, "_LOWERED", {kind: None for kind, _ in T.PATTERNS})
    T._boilerplate_lines.cache_clear()
    slow = [_key(T.find_times(text, published, a, b)) for a, b in spans]
    slow_alone = [_key(T.find_times(s, published)) for s in sentences]
    assert fast == slow
    assert fast_alone == slow_alone
    assert sum(map(len, fast)) > len(sentences) / 2  # the sentences do hold dates


@pytest.mark.parametrize("line", [
    "Copyright 2019 The Daily Example", "© 2019 Example Media", "(c) 2019 Example", "(C)2019",
    "Updated: 14 March 2019", "PUBLISHED 13 MARCH", "Last Modified on Monday", "Posted by a reader",
    "First published in the print edition", "All Rights Reserved.", "Mis à jour: updated at noon",
    "Publié le 13 mars — published", "POSTED ſoon", "Gunmen killed 4 people on Monday.", "",
])
def test_boilerplate_quick_test_never_misses_a_line(line: str) -> None:
    if T.BOILERPLATE.search(line):
        assert T._may_be_boilerplate(line)


def test_boilerplate_lines_as_searching_every_line() -> None:
    text = ("Gunmen killed 4 people on Monday.\nUpdated: 14 March 2019\n\nPolice said the attack began"
            " on Sunday.\n© 2019 Example Media\nThe mayor spoke on Tuesday.\r\nPosted on 12 March\n")
    want = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if T.BOILERPLATE.search(line) and len(line) < 400:
            want.append((pos, pos + len(line)))
        pos += len(line)
    T._boilerplate_lines.cache_clear()
    assert T._boilerplate_lines(text) == tuple(want)
    assert len(want) == 3
    assert T._boilerplate_lines("Gunmen killed 4 people on Monday.\nThe mayor spoke.") == ()


def _last_by_pattern(before: str) -> int | None:
    last = None
    for m in T._role_patterns()["incident"].finditer(before):
        last = m
    return None if last is None else last.end()


@pytest.mark.parametrize("before", [
    "Gunmen opened fire on a crowd and killed 4 people ",
    "Gunmen OPENED   FIRE on the crowd on ", "an air strike hit the town ", "two Air\nStrikes and an airstrike ",
    "the air  strikes ", "the opened-fire inquiry ", "the killed_2 file said ", "the killers were seen ",
    "after the shelling, the toll rose to 15 ", "protesters marched in March and were shot ", "",
    "No violence was reported ", "air strike", "opened", "a bombing; then a blast, police said ",
    "Le bombardement a tué 4 personnes, an attack ", "an attack in São Paulo ", "kill kills killed killing",
    "strike strikes air air strike strike ", "massacre\tmassacred\u000bmassacres ",
])
def test_last_incident_as_the_pattern(before: str) -> None:
    assert T._last_incident_end(before) == _last_by_pattern(before)


def test_last_incident_over_many_windows() -> None:
    text = ("Residents said an air strike killed 9 people at a market there yesterday, and that Opened Fire was "
            "the name of the unit. The ministry said 40 fighters were killed in clashes since Sunday; the toll "
            "rose to 45 on Monday after air\tstrikes hit the old town. Police said the shooting began late on "
            "Friday's march, and that the protest turned violent. The killed_2 file was kept.")
    for start in range(0, len(text), 7):
        for width in (20, 60, 160):
            window = text[start:start + width]
            assert T._last_incident_end(window) == _last_by_pattern(window), window


@pytest.mark.parametrize("before", [
    "The story was updated ", "Posted: ", "PUBLISHED ON ", "first published at ", "last modified - ",
    "Copyright ", "the updates ", "reposted on ", "Posted in São Paulo on ", "ÜPDATED ", "updated on ", "",
    "crowds gathered ", "modified\n",
])
def test_stamp_quick_test_as_the_pattern(before: str) -> None:
    assert T._stamped(before) == bool(T._STAMP.search(before))


def test_lowered_twins_only_for_patterns_written_in_lower_case() -> None:
    import re

    twin = T.lowered(re.compile(r"\b(?P<verb>said|told)\s+\S+", re.I))
    assert twin is not None and not twin.flags & re.IGNORECASE
    assert twin.search("police said monday").span() == (7, 18)
    assert T.lowered(re.compile(r"\b[A-Z]\w+", re.I)) is None  # a capital class
    assert T.lowered(re.compile(r"\bSaid\b", re.I)) is None
    assert T.lowered(re.compile(r"(?-i:x)y", re.I)) is None
    assert T.lowered(re.compile(r"said")) is None  # not case-insensitive: nothing to gain
    assert all(T._LOWERED.values())  # the time patterns are all written in lower case


ROLE_SENTENCES = [
    "Police said on Wednesday that gunmen KILLED 4 people on Tuesday.",
    "The ministry on Monday denied that the Air Strike on Sunday hit a school.",
    "On Thursday, the hospital said 9 people died.", "Tuesday's bombing killed 12, officials told reporters on Friday.",
    "The attack on Sunday was the worst; the toll rose to 15 on Monday.",
    "In a statement on Saturday, the army said troops had OPENED FIRE on Friday.",
    "Rescuers in São Paulo said on Monday the shooting began late on Sunday.",
    "The Friday march turned violent, and police on Saturday said 3 were shot.",
    "A blast hit the market this morning (police said).", "Médecins said the raid on Tuesday killed 4.",
    "Gunmen attacked the convoy and the TOLL ROSE to 9 on Monday.", "The BOMBING on Sunday, POLICE SAID on Monday.",
    "A driver was ARRESTED on Tuesday.", "Deputies on Friday Arrested two men.", "At the ARRAIGNMENT on Monday, São Tomé.",
]


def test_role_twins_answer_as_the_patterns(monkeypatch: pytest.MonkeyPatch) -> None:
    text = " ".join(ROLE_SENTENCES)
    exprs = T.find_times(text, PUB)
    fast = [T.time_role(text, x.start, x.end, max(0, x.start - 90)) for x in exprs]
    monkeypatch.setattr(T, "_twins", lambda part: None)
    slow = [T.time_role(text, x.start, x.end, max(0, x.start - 90)) for x in exprs]
    assert fast == slow
    assert {"statement", "incident", "followup"} <= set(fast)
