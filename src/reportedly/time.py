"""Time expressions: find them in text and resolve them against the publication date.

``resolve_time("on Monday", date(2011, 6, 7))`` gives 2011-06-06 (the latest Monday on or
before publication). Handled: weekdays ("on Monday", "Monday night", "last Monday",
"Monday's"), yesterday, today, tonight, last night, overnight, this morning; "last week",
"this week", "over the weekend", "last month", "this month", "last year", "this year"; "N days/weeks ago";
"since Saturday", "since March", "since 2011" (a range up to publication); explicit dates
("June 6, 2011", "6 June 2011", "June 6", "2011-06-06"); months ("in June", "June 2011",
"early June"); years ("in 1980"). A relative expression without a publication date stays
unresolved (dates None, text kept). Lines of boilerplate (copyright, "updated at",
"published on") give no dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "a": 1, "an": 1, "a couple of": 2, "several": 3, "a few": 3}

_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTH_WORDS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov",
                "dec")
_MON = rf"(?:{'|'.join(_MONTH_WORDS)})\.?"
_PART = r"(?:\s+(?:night|morning|afternoon|evening))?"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a few|several|a|an)"

def _holidays() -> dict[str, tuple[str, tuple[int, ...]]]:
    """Named days of ``time_data/holidays.json`` by name: (rule, numbers)."""
    import json
    from importlib import resources

    data = json.loads(resources.files("reportedly").joinpath("time_data/holidays.json").read_text(encoding="utf-8"))
    out: dict[str, tuple[str, tuple[int, ...]]] = {}
    for rule in ("fixed", "nth_weekday"):
        out.update({name: (rule, tuple(v)) for name, v in data[rule].items()})
    out.update({name: ("easter", ()) for name in data["easter"]})
    return out


HOLIDAYS = _holidays()


def _holiday_alternation() -> str:
    names = sorted(HOLIDAYS, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w).replace("'", "['’]") for w in n.split()) for n in names)


def _holiday_key(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    if n < 0:
        last = _month_end(year, month)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _holiday_in(name: str, year: int) -> dt.date:
    rule, v = HOLIDAYS[name]
    if rule == "fixed":
        return dt.date(year, v[0], v[1])
    if rule == "nth_weekday":
        return _nth_weekday(year, v[0], v[1], v[2])
    return _easter(year)


def _latest_holiday(name: str, pub: dt.date) -> dt.date:
    d = _holiday_in(name, pub.year)
    return d if d <= pub else _holiday_in(name, pub.year - 1)


PATTERNS: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(p, re.I)) for name, p in [
    # "on Christmas Eve", "a Fourth of July party" (not "before Christmas")
    ("holiday", rf"(?<!before )(?<!after )(?<!until )(?<!since )\b({_holiday_alternation()})(?![\w'’])(?:,?\s+({_YEAR})\b)?"),
    ("iso", rf"\b({_YEAR})-(\d\d)-(\d\d)\b"),
    ("since_date", rf"\bsince\s+(?:the\s+)?(?:({_MON})\s+({_DAYNUM})(?:,?\s+({_YEAR}))?|({_DAYNUM})\s+({_MON})(?:,?\s+({_YEAR}))?)\b"),
    ("since_weekday", rf"\bsince\s+(?:last\s+)?({_WD}){_PART}\b"),
    ("since_month", rf"\bsince\s+(?:early\s+|mid-?|late\s+)?({_MON})(?:\s+({_YEAR}))?\b"),
    ("since_year", rf"\bsince\s+({_YEAR})\b"),
    ("mdy", rf"\b({_MON})\s+({_DAYNUM})(?:,?\s+({_YEAR}))?\b"),
    ("dmy", rf"\b({_DAYNUM})\s+(?:of\s+)?({_MON})(?:,?\s+({_YEAR}))?\b"),
    ("month_year", rf"\b(?:(early|mid-?|late)\s*)?({_MON})\s+({_YEAR})\b"),
    ("ago", rf"\b({_NUM})\s+(day|week|month|year)s?\s+ago\b"),
    ("last_weekday", rf"\b(last|this|past|previous)\s+({_WD}){_PART}\b"),
    ("weekday", rf"\b(?:(?:on|late|early|by|from|until)\s+)?({_WD})(?:['’]s)?{_PART}\b"),
    ("overnight", r"\b(?:overnight|early\s+(?:this|today's)\s+morning)\b"),
    ("yesterday", r"\b(?:yesterday|last\s+night|the\s+previous\s+day|the\s+day\s+before)\b"),
    ("weekend", r"\b(?:over|during|at|on|this|last|past)\s+(?:the\s+)?weekend\b"),
    ("today", r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b"),
    ("rel_period", r"\b(?:(last|this|past|previous|earlier\s+this|later\s+this)\s+(week|weekend|month|year))\b"),
    ("past_n", rf"\b(?:the\s+)?(?:past|last|previous)\s+({_NUM})\s+(hour|day|week|month|year)s?\b"),
    ("in_month", rf"\b(?:in|during|since|by|until|of)\s+(?:(early|mid-?|late)\s*)?({_MON})(?!\s*\d)\b"),
    # "last August", "this past June": the latest such month before the publication's
    ("last_month", rf"\b(?:last|this\s+past)\s+({_MON})(?![a-z])(?![\w.]*\s*\d)"),
    ("year", rf"\b(?:in|during|of|since|by|until|around)\s+(?:the\s+year\s+)?({_YEAR})\b(?!\s*(?:-|–)\s*\d)"),
]]


def lowered(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The case-sensitive twin of a case-insensitive pattern written in lower case: over ASCII text
    in lower case it matches where the pattern matches the text (same offsets; groups in lower case),
    and faster. None for a pattern it would not hold for (capitals outside escapes and group names,
    or flags turned off inside)."""
    if not pattern.flags & re.IGNORECASE or "(?-" in pattern.pattern:
        return None
    bare = re.sub(r"\\.|\(\?P<\w+>|\(\?P=\w+\)", "", pattern.pattern)
    if any(c.isupper() for c in bare):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


# the patterns' twins for ASCII text (see ``lowered``)
_LOWERED: dict[str, re.Pattern[str] | None] = {name: lowered(p) for name, p in PATTERNS}

_MONTH_HINTS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAY_HINTS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# a pattern runs only on text holding one of its words (most sentences hold none)
HINTS: dict[str, tuple[str, ...]] = {
    "iso": ("-",), "since_date": ("since",), "since_weekday": ("since",), "since_month": ("since",),
    "since_year": ("since",), "mdy": _MONTH_HINTS, "dmy": _MONTH_HINTS, "month_year": _MONTH_HINTS,
    "ago": ("ago",), "last_weekday": _DAY_HINTS, "weekday": _DAY_HINTS, "overnight": ("overnight", "morning"),
    "yesterday": ("yesterday", "night", "previous day", "day before"), "weekend": ("weekend",),
    "today": ("today", "tonight", "this "), "rel_period": ("week", "month", "year"),
    "past_n": ("past", "last", "previous"), "in_month": _MONTH_HINTS, "year": ("1", "2"),
    "last_month": ("last", "past"), "holiday": tuple(sorted({n.split("'")[0] if "'" in n else n.split()[0] for n in HOLIDAYS})),
}

_ALL_HINTS = tuple(sorted({h for hs in HINTS.values() for h in hs}))
_HINT_SETS = {kind: frozenset(hs) for kind, hs in HINTS.items()}

# In ASCII text (where case folding is ASCII's) a pattern can match only where the text holds
# certain whole words (runs of [a-z0-9_], as ``\w`` is in ASCII): a month's name for a date, a
# four-digit year for a year... Each pattern below names the words it needs; a region of ASCII
# text without them is not searched. Each need is a search over the lower-cased region.
def _whole(alternatives: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9_])(?:{alternatives})(?![a-z0-9_])")


_MONTHS_ALT = "|".join(_MONTH_WORDS)
_NEEDS: dict[str, re.Pattern[str]] = {
    "month": _whole(_MONTHS_ALT),
    # "midMarch": ``(early|mid-?|late)\s*`` may glue a word to the month
    "month_glued": _whole(rf"(?:early|mid|late)?(?:{_MONTHS_ALT})"),
    "year": _whole(r"(?:18|19|20)[0-9][0-9]"),
    "week_unit": _whole("week|weekend|month|year"),
    "past": _whole("last|this|past|previous"),
    "n_unit": _whole("(?:hour|day|week|month|year)s?"),
}
_WORD_TESTS: dict[str, tuple[str, ...]] = {
    "iso": ("year",),
    "mdy": ("month",),
    "dmy": ("month",),
    "month_year": ("month_glued", "year"),
    "in_month": ("month_glued",),
    "year": ("year",),
    "rel_period": ("week_unit", "past"),
    "past_n": ("n_unit", "past"),
}

BOILERPLATE = re.compile(
    r"copyright|©|\(c\)\s*\d{4}|all rights reserved|\bupdated\b|\bpublished\b|\blast modified\b|\bposted\b|"
    r"\bfirst published\b|\bprint edition\b", re.I)
# a date right after "Posted on", "Updated:", "Published" is the page's, not the event's
_STAMP = re.compile(r"\b(?:posted|updated|published|modified|copyright)\b\W*(?:on|at|:)?\W*$", re.I)
_STAMP_WORDS = ("posted", "updated", "published", "modified", "copyright")


def _stamped(before: str) -> bool:
    """``_STAMP`` searched only where one of its words is (or where the text is not ASCII)."""
    if before.isascii():
        low = before.lower()
        if not any(w in low for w in _STAMP_WORDS):
            return False
    return bool(_STAMP.search(before))


_TODAY_WORDS = ("today", "tonight", "this morning", "this afternoon", "this evening")


@dataclass
class TimeExpr:
    text: str
    start: int
    end: int
    date_start: str | None = None
    date_end: str | None = None
    precision: str | None = None  # day, week, month, year

    @property
    def resolved(self) -> bool:
        return self.date_start is not None


def _month(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def _day(s: str) -> int:
    return int(re.sub(r"\D", "", s))


def _num(s: str) -> int:
    s = s.lower()
    return int(s) if s.isdigit() else NUMBERS.get(s, 1)


def _latest_weekday(pub: dt.date, wd: int, strictly_before: bool = False) -> dt.date:
    delta = (pub.weekday() - wd) % 7
    if strictly_before and delta == 0:
        delta = 7
    return pub - dt.timedelta(days=delta)


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _infer_year(m: int, d: int, pub: dt.date | None) -> int | None:
    """The year of a day-month without a year: the latest on or before publication."""
    if pub is None:
        return None
    y = pub.year
    try:
        if dt.date(y, m, d) > pub + dt.timedelta(days=7):
            y -= 1
    except ValueError:
        return None
    return y


def _span(a: dt.date, b: dt.date, precision: str) -> tuple[str, str, str]:
    return a.isoformat(), b.isoformat(), precision


def _resolve(kind: str, m: re.Match[str], pub: dt.date | None) -> tuple[str, str, str] | None:
    g = m.groups()
    try:
        if kind == "iso":
            d = dt.date(int(g[0]), int(g[1]), int(g[2]))
            return _span(d, d, "day")
        if kind in ("mdy", "dmy"):
            mon, day, year = (g[0], g[1], g[2]) if kind == "mdy" else (g[1], g[0], g[2])
            y = int(year) if year else _infer_year(_month(mon), _day(day), pub)
            if y is None:
                return None
            d = dt.date(y, _month(mon), _day(day))
            return _span(d, d, "day")
        if kind == "month_year":
            y, mo = int(g[2]), _month(g[1])
            return _span(dt.date(y, mo, 1), _month_end(y, mo), "month")
        if kind == "year":
            y = int(g[0])
            if pub is not None and y > pub.year:
                return None
            return _span(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
        if kind == "since_year":
            if pub is None:
                return None
            return _span(dt.date(int(g[0]), 1, 1), pub, "year")
        if pub is None:
            return None
        if kind == "since_date":
            mon, day, year = (g[0], g[1], g[2]) if g[0] else (g[4], g[3], g[5])
            y = int(year) if year else _infer_year(_month(mon), _day(day), pub)
            if y is None:
                return None
            return _span(dt.date(y, _month(mon), _day(day)), pub, "day")
        if kind == "since_weekday":
            return _span(_latest_weekday(pub, WEEKDAYS[g[0].lower()]), pub, "day")
        if kind == "since_month":
            mo = _month(g[0])
            y = int(g[1]) if g[1] else (pub.year if mo <= pub.month else pub.year - 1)
            return _span(dt.date(y, mo, 1), pub, "month")
        if kind == "last_month":
            if pub is None:
                return None
            mo = _month(g[0])
            y = pub.year if mo < pub.month else pub.year - 1
            return _span(dt.date(y, mo, 1), _month_end(y, mo), "month")
        if kind == "holiday":
            if g[1]:
                d = _holiday_in(_holiday_key(g[0]), int(g[1]))
            elif pub is None:
                return None
            else:
                d = _latest_holiday(_holiday_key(g[0]), pub)
            return _span(d, d, "day")
        if kind == "in_month":
            mo = _month(g[1])
            y = pub.year if mo <= pub.month else pub.year - 1
            return _span(dt.date(y, mo, 1), _month_end(y, mo), "month")
        if kind == "weekday":
            d = _latest_weekday(pub, WEEKDAYS[g[0].lower()])
            return _span(d, d, "day")
        if kind == "last_weekday":
            d = _latest_weekday(pub, WEEKDAYS[g[1].lower()], strictly_before=g[0].lower() != "this")
            return _span(d, d, "day")
        if kind == "yesterday":
            d = pub - dt.timedelta(days=1)
            return _span(d, d, "day")
        if kind == "today":
            return _span(pub, pub, "day")
        if kind == "overnight":
            return _span(pub - dt.timedelta(days=1), pub, "day")
        if kind == "weekend":
            sat = _latest_weekday(pub, 5)
            return _span(sat, min(pub, sat + dt.timedelta(days=1)), "day")
        if kind == "ago":
            n, unit = _num(g[0]), g[1].lower()
            days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit]
            d = pub - dt.timedelta(days=n * days)
            return _span(d, d, "day" if unit == "day" else unit)
        if kind == "past_n":
            n, unit = _num(g[0]), g[1].lower()
            if unit == "hour":
                return _span(pub - dt.timedelta(days=max(1, -(-n // 24))), pub, "day")
            days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit]
            return _span(pub - dt.timedelta(days=n * days), pub, "day" if unit == "day" else unit)
        if kind == "rel_period":
            which, unit = " ".join(g[0].lower().split()), g[1].lower()
            this = which in ("this", "earlier this", "later this")
            if unit in ("week", "weekend"):
                if this:
                    return _span(pub - dt.timedelta(days=pub.weekday()), pub, "week")
                return _span(pub - dt.timedelta(days=7), pub, "week")
            if unit == "month":
                if this:
                    return _span(pub.replace(day=1), pub, "month")
                first = (pub.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
                return _span(first, _month_end(first.year, first.month), "month")
            if this:
                return _span(dt.date(pub.year, 1, 1), pub, "year")
            return _span(dt.date(pub.year - 1, 1, 1), dt.date(pub.year - 1, 12, 31), "year")
    except (ValueError, KeyError, OverflowError):
        return None
    return None


# Every match of BOILERPLATE holds one of these, in ASCII lower case ("first published" holds
# "published"): a line of ASCII text without any of them cannot match, and is not searched.
_BOILERPLATE_WORDS = ("copyright", "(c)", "all rights reserved", "updated", "published", "last modified", "posted",
                      "print edition")


def _may_be_boilerplate(line: str) -> bool:
    """A quick test that ``BOILERPLATE`` may match ``line``: it holds one of its words, or it is not
    ASCII (where case folding is Unicode's, and "©" is)."""
    if not line.isascii():
        return True
    low = line.lower()
    return any(w in low for w in _BOILERPLATE_WORDS)


@lru_cache(maxsize=8)
def _boilerplate_lines(text: str) -> tuple[tuple[int, int], ...]:
    out = []
    pos = 0
    if not _may_be_boilerplate(text):
        return ()
    for line in text.splitlines(keepends=True):
        if len(line) < 400 and _may_be_boilerplate(line) and BOILERPLATE.search(line):
            out.append((pos, pos + len(line)))
        pos += len(line)
    return tuple(out)


def find_times(text: str, published: dt.date | None, start: int = 0, end: int | None = None,
               skip_boilerplate: bool = True) -> list[TimeExpr]:
    """Time expressions in ``text[start:end]`` (offsets into ``text``), longest first where they overlap."""
    end = len(text) if end is None else end
    region = text[start:end]
    bad = _boilerplate_lines(text) if skip_boilerplate else ()
    found: list[TimeExpr] = []
    taken: list[tuple[int, int]] = []
    named: set[int] = set()  # starts of the expressions naming a day of the week
    low = region.lower()
    present = {h for h in _ALL_HINTS if h in low}
    has: dict[str, bool] = {}  # the needs of ``_WORD_TESTS`` looked at so far
    ascii_text = region.isascii()
    for kind, pat in PATTERNS:
        hints = _HINT_SETS.get(kind)
        if hints is not None and hints.isdisjoint(present):
            continue
        needs = _WORD_TESTS.get(kind) if ascii_text else None
        if needs is not None and not all(_has(has, need, low) for need in needs):
            continue
        fast = _LOWERED[kind] if ascii_text else None
        found_here = fast.finditer(low, _first_start(kind, low)) if fast is not None else pat.finditer(region)
        for m in found_here:
            s, e = start + m.start(), start + m.end()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if any(bs <= s < be for bs, be in bad) or _stamped(text[max(0, s - 30):s]):
                continue
            if kind == "weekday" and not _weekday_is_time(region, m):
                continue
            res = _resolve(kind, m, published)
            if res is None and kind in ("year", "mdy", "dmy", "month_year", "iso") and published is not None:
                continue
            t = TimeExpr(text[s:e], s, e)
            if res:
                t.date_start, t.date_end, t.precision = res
            found.append(t)
            taken.append((s, e))
            if kind in _DAY_NAMED:
                named.add(s)
    found.sort(key=lambda t: t.start)
    return _with_dates_given(text, found, named) if named else found


_DATE_AFTER_DAY = re.compile(r"\s*,?\s*(?:the\s+)?")


def _with_dates_given(text: str, found: list[TimeExpr], named: set[int]) -> list[TimeExpr]:
    """A day's name followed by its date ("Monday, July 25", "on Saturday, Feb. 9, 2013") is
    that date, however long before the publication: the two become one expression."""
    out: list[TimeExpr] = []
    i = 0
    while i < len(found):
        t = found[i]
        if t.start in named and i + 1 < len(found):
            d = found[i + 1]
            if (d.start not in named and d.precision == "day" and d.text[:1].isalnum()
                    and _DATE_AFTER_DAY.fullmatch(text, t.end, d.start)):
                out.append(TimeExpr(text[t.start:d.end], t.start, d.end, d.date_start, d.date_end, d.precision))
                i += 2
                continue
        out.append(t)
        i += 1
    return out


# The weekday patterns match a day's name with at most a word of 8 letters ("previous", "until")
# and white space before it: no match begins before that, and the search begins there.
_DAY_NAMED = ("weekday", "last_weekday")
_DAY_LEAD = 8


def _first_start(kind: str, low: str) -> int:
    """Where a match of the pattern ``kind`` may begin at the earliest in the (ASCII, lower-case)
    region ``low``: 0 but for the weekday patterns."""
    if kind not in _DAY_NAMED:
        return 0
    found = [i for i in (low.find(d) for d in _DAY_HINTS) if i >= 0]
    if not found:
        return len(low)
    i = min(found)
    while i > 0 and low[i - 1].isspace():
        i -= 1
    return max(0, i - _DAY_LEAD)


def _has(has: dict[str, bool], need: str, low: str) -> bool:
    found = has.get(need)
    if found is None:
        found = has[need] = _NEEDS[need].search(low) is not None
    return found


def _weekday_is_time(region: str, m: re.Match[str]) -> bool:
    """'Monday' is a day, but not in 'Cyber Monday' or 'Good Friday Agreement'."""
    before = region[max(0, m.start() - 12):m.start()].lower()
    return not _NOT_A_DAY.search(before)


def resolve_time(text: str, published: dt.date | None) -> TimeExpr:
    """Resolve one expression as written (a claim's ``time.text``); unresolved when unknown."""
    hits = find_times(text, published, skip_boilerplate=False)
    out = TimeExpr(text, 0, len(text))
    resolved = [h for h in hits if h.resolved]
    if resolved:
        best = max(resolved, key=lambda h: h.end - h.start)
        out.date_start, out.date_end, out.precision = best.date_start, best.date_end, best.precision
    return out


# --- the time of the incident, not of the statement -------------------------------------------

@lru_cache(maxsize=1)
def _incident_time_words() -> dict[str, list[str]]:
    """The word lists of ``time_data/incident_time.json``."""
    import json
    from importlib import resources

    data: dict[str, list[str]] = json.loads(resources.files("reportedly").joinpath("time_data/incident_time.json")
                                            .read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def _role_patterns() -> dict[str, re.Pattern[str]]:
    data = _incident_time_words()

    def alt(words: list[str]) -> str:
        return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))

    rep, noun, inc, block = (alt(data[k]) for k in ("reporting", "reporting_nouns", "incident", "blocking"))
    fu, fu_noun, fu_place = (alt(data[k]) for k in ("followup", "followup_nouns", "followup_places"))
    died, wounded = alt(data["later_death"]), alt(data["wounded"])
    return {
        # "said on Wednesday", "told reporters on Thursday", "said in a statement on Monday"
        "stmt_before": re.compile(
            rf"(?:\b(?:{rep})|\btold\s+(?:reporters|journalists|the\s+\w+|a\s+\w+(?:\s+\w+)?|[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)"
            rf"|\b(?:{rep})\s+(?:in|at|during)\s+(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){{0,2}}?(?:{noun})"
            rf"|\b(?:{noun}))\s*,?\s*$", re.I),
        # "police on Saturday denied", "the ministry on Monday said"
        "stmt_after": re.compile(rf"^\s+(?:\w+\s+)?(?:{rep})\b", re.I),
        # "On Thursday, the hospital said" (an expression opening its sentence)
        "stmt_opening": re.compile(rf"^\s*,\s*(?:[\w'’.-]+\s+){{1,6}}?(?:{rep})\b", re.I),
        # "Tuesday's bombing", "Sunday's deadly attack", "the Friday march"
        "inc_after": re.compile(rf"^(?:['’]s)?\s+(?:[\w-]+\s+){{0,2}}?(?:{inc})\b", re.I),
        "incident": re.compile(rf"\b(?:{inc})\b", re.I),
        "cut": re.compile(rf"\b(?:{rep}|{block}|{fu})\b|[;:()]|,\s", re.I),
        # "was arrested Monday", "pleaded not guilty on Friday", "at his arraignment Tuesday"
        "fu_word": re.compile(rf"\b(?:{fu}|{fu_noun})\b", re.I),
        # "police on Sunday arrested", "Tuesday's arraignment", "said Monday they arrested"
        "fu_after": re.compile(rf"^(?:['’]s)?\s+(?:\w+\s+)?(?:{fu}|{fu_noun})\b", re.I),
        # "said Monday that they had arrested"
        "fu_stated": re.compile(rf"^\s+(?:\w+\s+){{0,3}}(?:{fu}|{fu_noun})\b", re.I),
        # "appeared Tuesday afternoon in federal court"
        "fu_place": re.compile(rf"^\s+(?:[\w.'’-]+\s+)?in\s+(?:[\w.'’-]+\s+){{0,4}}?(?:{fu_place})\b", re.I),
        # a later death: "died Saturday, a week after she was wounded", "died Wednesday after
        # being shot in the head Monday"
        "died_before": re.compile(rf"\b(?:{died})\s+(?:\w+\s+){{0,2}}$", re.I),
        "after_wound": re.compile(rf"^\s*,?\s+(?:(?:a|one|two|three|four|five|six|several|\d+)\s+"
                                  rf"(?:days?|weeks?|months?)\s+)?after\s+(?:(?:being|he|she|they|was|were|had|been)"
                                  rf"\s+){{0,3}}(?:\w+ly\s+)?(?:{wounded})\b", re.I),
    }


@lru_cache(maxsize=1)
def _statement_last_words() -> frozenset[str]:
    """The words a ``stmt_before`` match can end with: the last word of each reporting verb or noun."""
    data = _incident_time_words()
    return frozenset(w.split()[-1].lower() for k in ("reporting", "reporting_nouns") for w in data[k])


def _may_end_statement(before: str) -> bool:
    """A quick test that ``stmt_before`` can match at the end of ``before``: its last word is a
    reporting verb or noun, or "told" is among its last words ("told a local radio station")."""
    words = _WORDS.findall(before[-120:].lower())[-8:]
    return bool(words) and (words[-1] in _statement_last_words() or "told" in words)


# How far back a later step's word still dates an expression ("was arrested by task force
# officers Monday morning"): words between them, and characters of text searched.
FOLLOWUP_WORDS = 6
FOLLOWUP_CHARS = 120
_GAP_CUT = re.compile(r"[;:()]")
_WORDS = re.compile(r"\w+")
_NOT_A_DAY = re.compile(r"(cyber|black|good|holy|ash|super|bloody)\s+$")
_POSSESSIVE_END = re.compile(r"['’]s$")
_POSSESSIVE_AFTER = re.compile(r"['’]s\b")
_PREPOSED = re.compile(r"(?:on|since|in|by|from|until|during|late|early)\s", re.I)
_DETERMINED = re.compile(r"\b(?:the|last|this)\s+$", re.I)


def names_incident(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` names an incident (an attack, a bombing, a killing...)."""
    return bool(_role_patterns()["incident"].search(text, start, len(text) if end is None else end))


def time_role(text: str, start: int, end: int, lo: int = 0) -> str:
    """Whether the time expression ``text[start:end]`` dates a statement or an incident.

    ``lo`` is the start of its sentence. Returns ``"statement"`` for an expression attached to a
    reporting verb ("said on Wednesday", "told reporters on Thursday", "police on Saturday
    denied", "in a statement on Monday"), ``"incident"`` for one attached to a word of violence
    ("Tuesday's bombing", "killed ... on Tuesday", "the attack on Sunday" with no reporting verb
    between), else ``""``.
    """
    pats = _role_patterns()
    expr = text[start:end]
    after = text[end:end + 80]
    before = text[max(lo, start - 160):start]
    fast_before = _twins(before)  # the patterns' case-sensitive twins where the text is ASCII
    fast_after = _twins(after)
    after_low = after.lower() if fast_after is not None else after
    before_low = before.lower() if fast_before is not None else before
    possessive = bool(_POSSESSIVE_END.search(expr)) or bool(_POSSESSIVE_AFTER.match(after))
    bare = not _PREPOSED.match(expr)
    if (possessive or (bare and _DETERMINED.search(before))) \
            and (fast_after or pats)["inc_after"].match(after_low):
        return "incident"
    if (fast_after or pats)["fu_after"].match(after_low):
        return "followup"  # "police on Sunday arrested", "announced Monday the arrest"
    stated = _may_end_statement(before) and bool(pats["stmt_before"].search(before))
    if stated and (fast_after or pats)["fu_stated"].match(after_low):
        return "followup"  # "police said Monday that they had arrested"
    if stated:
        return "statement"
    if _follows_up(before, before_low, after_low, fast_before, fast_after):
        return "followup"  # "a judge on Monday denied bail": the court's day, not a statement's
    if (fast_after or pats)["stmt_after"].match(after_low):
        return "statement"
    if not before.strip() and (fast_after or pats)["stmt_opening"].match(after_low):
        return "statement"
    if (fast_after or pats)["after_wound"].match(after_low) and (fast_before or pats)["died_before"].search(
            before_low[-60:] if fast_before is not None else before[-60:]):
        return "followup"  # the day of a later death
    last_end = _last_incident_end(before)
    if last_end is not None and not (fast_before or pats)["cut"].search(before_low, last_end):
        return "incident"
    return ""


def _follows_up(before: str, before_low: str, after_low: str, fast_before: dict[str, re.Pattern[str]] | None,
                fast_after: dict[str, re.Pattern[str]] | None) -> bool:
    """The expression dates a later step (an arrest, a plea, a hearing, a vigil): a word of one
    shortly before it with no word of violence between, or, with no word of violence shortly
    before it, a court right after it. (A verb of one right after it is tested first: see
    :func:`time_role`.)"""
    pats = _role_patterns()
    tail = before_low[-FOLLOWUP_CHARS:] if fast_before is not None else before[-FOLLOWUP_CHARS:]
    if (fast_after or pats)["fu_place"].match(after_low) and not (fast_before or pats)["incident"].search(tail):
        return True
    last = None
    for m in (fast_before or pats)["fu_word"].finditer(tail):
        last = m
    if last is None:
        return False
    gap = tail[last.end():]
    return (len(gap.split()) <= FOLLOWUP_WORDS and not _GAP_CUT.search(gap)
            and not (fast_before or pats)["incident"].search(gap))


def _last_incident_end(before: str) -> int | None:
    """Where the last match of the ``incident`` pattern in ``before`` ends (None without one)."""
    fast = _twins(before)
    last = None
    for m in (fast or _role_patterns())["incident"].finditer(before.lower() if fast is not None else before):
        last = m
    return None if last is None else last.end()


@lru_cache(maxsize=1)
def _role_twins() -> dict[str, re.Pattern[str]] | None:
    """The case-sensitive twins (``lowered``) of the role patterns that need no capitals; None
    when one of them has none."""
    keys = ("stmt_after", "stmt_opening", "inc_after", "incident", "cut", "fu_word", "fu_after", "fu_stated", "fu_place",
            "died_before", "after_wound")
    twins = {k: lowered(_role_patterns()[k]) for k in keys}
    if any(t is None for t in twins.values()):
        return None
    return {k: t for k, t in twins.items() if t is not None}


def _twins(part: str) -> dict[str, re.Pattern[str]] | None:
    """The role patterns' twins to search ``part`` in lower case with, when it is ASCII."""
    return _role_twins() if part.isascii() else None
