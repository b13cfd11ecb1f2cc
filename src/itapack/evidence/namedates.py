"""Dates that evidence names carry: "24 พ.ย. 66", "มีนาคม 2566", "2566-11-24", "ปีงบประมาณ 2565".

A document with a date window (its fiscal year, the first half, last year) rejects a file whose
name says it is of another period: last year's plan uploaded again is the commonest OIT mistake.
Each date found becomes the span it names (a day, a month, a year, a span of years: a four-year
plan "2565-2568" is of each of its years); a span that does not touch the window is what the clerk
is told about, in the words the name used. A name dated after the day of judgement is never
evidence, whatever the window (future()).
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import NamedTuple

from ..pack import thai

_MONTH_WORDS = {name: number for number, name in enumerate(thai.MONTHS, 1)}
_MONTH_WORDS |= {short: number for number, short in enumerate(thai.MONTHS_SHORT, 1)}
_MONTH_WORDS |= {short.rstrip("."): number for number, short in enumerate(thai.MONTHS_SHORT, 1)}  # "ก.พ 66"
_MONTH = "|".join(re.escape(word) for word in sorted(_MONTH_WORDS, key=len, reverse=True))
_YEAR = r"(?:พ\.ศ\.\s*|ค\.ศ\.\s*)?(\d{4}|\d{2})"
_DASH = r"\s*[-–—]\s*"  # hyphen, en dash, em dash: "2565-2568", "2565–2568", "๒๕๖๕ - ๒๕๖๘"
_EDGE_BEFORE = r"(?<![0-9])"
_EDGE_AFTER = r"(?![0-9])"


@functools.cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """Compiled on first use (about 3 ms): only a pack with date windows reads dates in names."""
    return (
        # a span of years
        re.compile(rf"(?:พ\.ศ\.\s*|ค\.ศ\.\s*|ปี\s*)?{_EDGE_BEFORE}(\d{{4}}){_DASH}(\d{{4}}|\d{{2}}){_EDGE_AFTER}"),
        re.compile(rf"{_EDGE_BEFORE}(\d{{1,2}})\s*({_MONTH})\s*{_YEAR}{_EDGE_AFTER}"),  # day month year
        re.compile(rf"({_MONTH})\s*{_YEAR}{_EDGE_AFTER}"),  # month year
        re.compile(rf"{_EDGE_BEFORE}(\d{{4}})[-./](\d{{1,2}})[-./](\d{{1,2}}){_EDGE_AFTER}"),  # ISO
        re.compile(rf"{_EDGE_BEFORE}(\d{{1,2}})[./](\d{{1,2}})[./](\d{{4}}|\d{{2}}){_EDGE_AFTER}"),  # numeric d/m/y
        re.compile(rf"(?:ปีงบประมาณ|ปีงบ\.?|ปงม\.?)\s*{_YEAR}{_EDGE_AFTER}"),  # fiscal year
        re.compile(rf"(?:พ\.ศ\.|ปี)\s*(\d{{4}}|\d{{2}}){_EDGE_AFTER}"),  # year after a word
        re.compile(rf"{_EDGE_BEFORE}(25\d\d|20\d\d){_EDGE_AFTER}"),  # bare year
    )


class NamedDate(NamedTuple):
    text: str  # as the name wrote it
    start: date
    end: date
    bare: bool = False  # a lone four-digit number: a year, or a letter's running number ("ว 2589")


def _year(text: str) -> int | None:
    """A Buddhist-era year from "2566", "66" (25xx) or a Christian-era "2023"."""
    value = int(text)
    if len(text) == 2:
        return 2500 + value
    if 2400 <= value <= 2700:
        return value
    if 1900 <= value <= 2157:
        return value + thai.BE_OFFSET
    return None


def _day(year_be: int, month: int, day: int) -> date | None:
    try:
        return date(year_be - thai.BE_OFFSET, month, day)
    except ValueError:
        return None


def _month_span(year_be: int, month: int) -> tuple[date, date]:
    import calendar  # here: a check of a pack without date windows never needs it

    year = year_be - thai.BE_OFFSET
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def dates_in(name: str) -> list[NamedDate]:
    """Every date, month or year a file or folder name mentions, left to right."""
    text = thai.to_arabic_digits(name)
    if not any(ch.isdigit() for ch in text):
        return []
    year_span, day_month_year, month_year, iso, numeric_dmy, fiscal_year, year_after_word, bare_year = _patterns()
    found: list[tuple[int, NamedDate]] = []
    taken: list[tuple[int, int]] = []

    def free(match: re.Match[str]) -> bool:
        return all(match.end() <= a or match.start() >= b for a, b in taken)

    def add(match: re.Match[str], start: date, end: date, bare: bool = False) -> None:
        taken.append(match.span())
        found.append((match.start(), NamedDate(name[match.start() : match.end()].strip(), start, end, bare)))

    for match in year_span.finditer(text):
        first, last = _year(match.group(1)), _last_year(match.group(1), match.group(2))
        if first is not None and last is not None and 0 < last - first <= _LONGEST_SPAN:
            # of every year it spans, each read as a fiscal or a calendar year, as a bare year is
            add(match, thai.fiscal_year_window(first)[0], date(last - thai.BE_OFFSET, 12, 31))
    for match in day_month_year.finditer(text):
        year = _year(match.group(3))
        day = _day(year, _MONTH_WORDS[match.group(2)], int(match.group(1))) if year else None
        if day is not None and free(match):
            add(match, day, day)
    for match in iso.finditer(text):
        year = _year(match.group(1))
        day = _day(year, int(match.group(2)), int(match.group(3))) if year else None
        if day is not None and free(match):
            add(match, day, day)
    for match in numeric_dmy.finditer(text):
        year = _year(match.group(3))
        day = _day(year, int(match.group(2)), int(match.group(1))) if year else None
        if day is not None and free(match):  # Thai order: day/month/year
            add(match, day, day)
    for match in month_year.finditer(text):
        year = _year(match.group(2))
        if year is not None and free(match):
            add(match, *_month_span(year, _MONTH_WORDS[match.group(1)]))
    for match in fiscal_year.finditer(text):
        year = _year(match.group(1))
        if year is not None and free(match):
            add(match, *thai.fiscal_year_window(year))
    for pattern in (year_after_word, bare_year):
        for match in pattern.finditer(text):
            year = _year(match.group(1))
            if year is not None and free(match):
                # A bare year may be a calendar year or a fiscal year: either reading may match.
                fiscal_start, _ = thai.fiscal_year_window(year)
                add(match, fiscal_start, date(year - thai.BE_OFFSET, 12, 31), pattern is bare_year)
    return [named for _, named in sorted(found)]


_LONGEST_SPAN = 20  # years: "2565-2568" is a plan's span; "2500-2566" is not a span of years


def _last_year(first: str, last: str) -> int | None:
    """The end of a span: "2568", or "68" after "2565" (the same century)."""
    return _year(first[:2] + last if len(last) == 2 else last)


@functools.lru_cache(maxsize=1 << 16)  # names recur across units: "แผน 2567.pdf" in 8,000 folders
def latest_start(name: str) -> NamedDate | None:
    """The date the name states that starts last, if any. A bare number is not a statement: it
    may as well be a letter's running number."""
    found = [named for named in dates_in(name) if not named.bare]
    return max(found, key=lambda named: named.start) if found else None


def future(name: str, today: date) -> NamedDate | None:
    """The date in the name that is wholly after today, if any: a file cannot be dated later than
    the day it is judged on. Asked of every counted file: one cached look-up per name."""
    latest = latest_start(name)
    return latest if latest is not None and latest.start > today else None


def outside(name: str, window: tuple[date, date]) -> NamedDate | None:
    """The first date in the name that does not touch the window, if any."""
    start, end = window
    for named in dates_in(name):
        if named.end < start or named.start > end:
            return named
    return None
