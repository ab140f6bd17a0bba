"""Time expressions resolved against a publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from reportedly.time import find_times, resolve_time

TUESDAY = dt.date(2011, 6, 7)


@pytest.mark.parametrize(("text", "start", "end", "precision"), [
    ("on Monday", "2011-06-06", "2011-06-06", "day"),
    ("Monday night", "2011-06-06", "2011-06-06", "day"),
    ("on Tuesday", "2011-06-07", "2011-06-07", "day"),
    ("on Wednesday", "2011-06-01", "2011-06-01", "day"),
    ("last Tuesday", "2011-05-31", "2011-05-31", "day"),
    ("yesterday", "2011-06-06", "2011-06-06", "day"),
    ("last night", "2011-06-06", "2011-06-06", "day"),
    ("today", "2011-06-07", "2011-06-07", "day"),
    ("since Saturday", "2011-06-04", "2011-06-07", "day"),
    ("last week", "2011-05-31", "2011-06-07", "week"),
    ("three days ago", "2011-06-04", "2011-06-04", "day"),
    ("the past 48 hours", "2011-06-05", "2011-06-07", "day"),
    ("June 3, 2011", "2011-06-03", "2011-06-03", "day"),
    ("3 June", "2011-06-03", "2011-06-03", "day"),
    ("on December 30", "2010-12-30", "2010-12-30", "day"),
    ("in March", "2011-03-01", "2011-03-31", "month"),
    ("since March 15", "2011-03-15", "2011-06-07", "day"),
    ("in 1980", "1980-01-01", "1980-12-31", "year"),
    ("last month", "2011-05-01", "2011-05-31", "month"),
    ("last year", "2010-01-01", "2010-12-31", "year"),
    ("2011-05-20", "2011-05-20", "2011-05-20", "day"),
])
def test_resolve(text: str, start: str, end: str, precision: str) -> None:
    t = resolve_time(text, TUESDAY)
    assert (t.date_start, t.date_end, t.precision) == (start, end, precision)
    assert t.text == text


def test_relative_without_publication_date_stays_unresolved() -> None:
    t = resolve_time("on Monday", None)
    assert t.text == "on Monday" and t.date_start is None and t.date_end is None


def test_absolute_without_publication_date_resolves() -> None:
    assert resolve_time("in 1980", None).date_start == "1980-01-01"
    assert resolve_time("May 2, 2014", None).date_start == "2014-05-02"


def test_no_date_from_boilerplate() -> None:
    text = ("Troops entered the town on Monday.\n\nCopyright 2017 Example Media Ltd. All rights reserved.\n"
            "Updated on 12 March 2019 at 10:00")
    found = find_times(text, TUESDAY)
    assert [t.text for t in found] == ["on Monday"]


def test_find_times_offsets_point_into_text() -> None:
    text = "Shelling since Saturday has killed 30, and a market was hit yesterday."
    for t in find_times(text, TUESDAY):
        assert text[t.start:t.end] == t.text
    assert [t.text for t in find_times(text, TUESDAY)] == ["since Saturday", "yesterday"]


def test_holiday_names_are_not_weekdays() -> None:
    assert find_times("Shops opened early on Black Friday in the capital.", TUESDAY) == []


def test_weekend_and_overnight() -> None:
    monday = dt.date(2016, 12, 19)
    t = resolve_time("over the weekend", monday)
    assert (t.date_start, t.date_end) == ("2016-12-17", "2016-12-18")
    t = resolve_time("overnight", monday)
    assert (t.date_start, t.date_end) == ("2016-12-18", "2016-12-19")


def test_page_stamps_give_no_date() -> None:
    text = ("Posted on July 20 2016 by the desk. " + "Rescuers worked through the rubble for hours. " * 10
            + "The strike came on July 19 2016, witnesses said.")
    assert [t.text for t in find_times(text, dt.date(2016, 7, 20))] == ["July 19 2016"]


@pytest.mark.parametrize(("text", "expr", "start"), [
    ("The ferry was attacked on Saturday, March 2, near the harbour.", "on Saturday, March 2", "2019-03-02"),
    ("Officers fired at the car Friday, Feb. 8, 2019, witnesses said.", "Friday, Feb. 8, 2019", "2019-02-08"),
    ("The raid came on Sunday, 3 March, before dawn.", "on Sunday, 3 March", "2019-03-03"),
])
def test_a_day_named_with_its_date_is_that_date(text: str, expr: str, start: str) -> None:
    # a follow-up published weeks later: the date written after the day's name wins
    found = find_times(text, dt.date(2019, 4, 16))
    assert [(t.text, t.date_start, t.precision) for t in found] == [(expr, start, "day")]
    assert text[found[0].start:found[0].end] == expr


def test_a_day_and_a_date_apart_stay_two_expressions() -> None:
    found = find_times("Two men were shot on Monday. March 4 was quiet.", dt.date(2019, 4, 16))
    assert [t.text for t in found] == ["on Monday", "March 4"]


@pytest.mark.parametrize(("text", "published", "expected"), [
    # the latest such day on or before publication
    ("Two cousins were shot on Christmas Eve.", "2019-01-03", ("2018-12-24", "2018-12-24", "day")),
    ("A fight broke out at a Fourth of July party.", "2019-07-06", ("2019-07-04", "2019-07-04", "day")),
    ("Gunfire erupted on Thanksgiving night.", "2019-12-02", ("2019-11-28", "2019-11-28", "day")),
    ("The parade on Martin Luther King Jr. Day ended in a shooting.", "2019-02-01",
     ("2019-01-21", "2019-01-21", "day")),
    ("Three were hurt on Memorial Day.", "2019-06-10", ("2019-05-27", "2019-05-27", "day")),
    ("A church was attacked on Easter Sunday.", "2019-04-30", ("2019-04-21", "2019-04-21", "day")),
    ("The New Year’s Eve shooting left one dead.", "2019-01-02", ("2018-12-31", "2018-12-31", "day")),
    # a year written after it wins
    ("He was killed on Christmas Day 2016.", "2019-01-03", ("2016-12-25", "2016-12-25", "day")),
    # the latest such month before the publication's
    ("The clerk was killed last August.", "2019-07-20", ("2018-08-01", "2018-08-31", "month")),
    ("The clerk was killed last March.", "2019-07-20", ("2019-03-01", "2019-03-31", "month")),
    ("A guard was shot this past June.", "2019-06-20", ("2018-06-01", "2018-06-30", "month")),
])
def test_named_days_and_last_months(text: str, published: str, expected: tuple[str, str, str]) -> None:
    found = find_times(text, dt.date.fromisoformat(published))
    assert [(t.date_start, t.date_end, t.precision) for t in found] == [expected]


@pytest.mark.parametrize("text", [
    "Two days before Christmas, the store closed.",  # not the day itself
    "The last Mayor of the town spoke.",
    "Shops were busy after Thanksgiving.",
])
def test_no_named_day_where_it_is_not_the_day(text: str) -> None:
    assert find_times(text, dt.date(2019, 12, 30)) == []


def test_named_days_need_a_publication_date() -> None:
    found = find_times("Two cousins were shot on Christmas Eve.", None)
    assert [(t.text, t.date_start) for t in found] == [("Christmas Eve", None)]
