"""A drive plan's ช่วงเวลา as a span of days.

Plans are typed by hand from the province's own document, so a period comes in the forms that
document uses: "ตุลาคม - ธันวาคม ๒๕๖๔", "๑ มกราคม - ๒๘ กุมภาพันธ์ ๒๕๖๕", "๑-๓๑ พฤษภาคม ๒๕๖๕",
a single month or day, short month names (ต.ค. – ธ.ค. 64), Thai or Arabic digits, a Buddhist-era
year (with or without พ.ศ.) or a Christian-era one (ค.ศ., or any four-digit year below 2400), and
ISO dates (2564-10-01 – 2564-12-31, BE like the pack files, or CE).
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from ..i18n import _
from ..pack import thai

_MONTH_NAMES = {name: n for n, name in enumerate(thai.MONTHS, 1)} | {
    name: n for n, name in enumerate(thai.MONTHS_SHORT, 1)
}
# Longest first: "มี.ค." must not be read as "มีนาคม"'s prefix, nor "ม.ค." inside "มี.ค.".
_MONTH = "|".join(re.escape(name) for name in sorted(_MONTH_NAMES, key=len, reverse=True))
_ERA = r"(?:(?P<{0}era>พ\.ศ\.|ค\.ศ\.)\s*)?"
# One end of a range: [day] [month [year]]; the parts a range leaves out come from its other end.
_END = r"(?:(?P<{0}day>\d{{1,2}})\s*)?(?:(?P<{0}month>" + _MONTH + r")\s*" + _ERA + r"(?P<{0}year>\d{{4}}|\d{{2}})?)?"
_DASH = r"\s*(?:-|–|—|ถึง)\s*"
_RANGE = re.compile(_END.format("a_") + r"(?:" + _DASH + _END.format("b_") + r")?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_ISO_RANGE = re.compile(_ISO.pattern + r"(?:\s*(?:/|-|–|—|ถึง)\s*" + _ISO.pattern + r")?", re.ASCII)


class PeriodError(ValueError):
    """A period that cannot be read; the message says, in Thai, how to write one."""


def parse_period(text: str) -> tuple[date, date]:
    """The first and last day of a period written as a drive plan writes it."""
    cleaned = " ".join(thai.to_arabic_digits(text).split())
    if not cleaned:
        raise PeriodError(_("ช่วงเวลาว่าง ให้เขียนเช่น ตุลาคม - ธันวาคม 2564 หรือ 2564-10-01 - 2564-12-31"))
    iso = _ISO_RANGE.fullmatch(cleaned)
    if iso:
        start = _iso_day(iso.group(1, 2, 3), text)
        end = _iso_day(iso.group(4, 5, 6), text) if iso.group(4) else start
        return _ordered(start, end, text)
    match = _RANGE.fullmatch(cleaned)
    if not match or not (match["a_month"] or match["b_month"]):
        raise PeriodError(
            _(
                "'{text}' ไม่ใช่ช่วงเวลาที่อ่านได้ ให้เขียนเช่น ตุลาคม - ธันวาคม 2564, 1-15 มิถุนายน 2565 หรือ 2564-10-01 - 2564-12-31"
            ).format(text=text)
        )
    return _months(match, text)


def _months(match: re.Match[str], text: str) -> tuple[date, date]:
    ranged = match["b_day"] is not None or match["b_month"] is not None
    # The end carries what the start leaves out: "1-31 พฤษภาคม 2565", "ตุลาคม - ธันวาคม 2564".
    end_month = _MONTH_NAMES[match["b_month"] or match["a_month"]] if ranged else _MONTH_NAMES[match["a_month"]]
    start_month = _MONTH_NAMES[match["a_month"]] if match["a_month"] else end_month
    end_year_text = (match["b_year"] or match["a_year"]) if ranged else match["a_year"]
    if end_year_text is None:
        raise PeriodError(_("'{text}': ไม่มีปี ให้ใส่ปี พ.ศ. เช่น ตุลาคม - ธันวาคม 2564").format(text=text))
    end_year = _ce_year(end_year_text, match["b_era"] or match["a_era"], text)
    if match["a_year"] and ranged:
        start_year = _ce_year(match["a_year"], match["a_era"] or match["b_era"], text)
    else:  # "ตุลาคม - มีนาคม 2565": the months wrap into the year before
        start_year = end_year - 1 if start_month > end_month else end_year
    last_of_start = calendar.monthrange(start_year, start_month)[1]
    start_day = int(match["a_day"]) if match["a_day"] else 1
    if ranged:
        end_day = int(match["b_day"]) if match["b_day"] else calendar.monthrange(end_year, end_month)[1]
    else:
        end_day = start_day if match["a_day"] else last_of_start
    try:
        start = date(start_year, start_month, start_day)
        end = date(end_year, end_month, end_day)
    except ValueError:
        raise PeriodError(_("'{text}': มีวันที่ที่ไม่มีจริง").format(text=text)) from None
    return _ordered(start, end, text)


def _ce_year(digits: str, era: str | None, text: str) -> int:
    year = int(digits)
    if len(digits) == 2:  # "ต.ค. 64": a two-digit year is Buddhist era, as Thai offices write it
        return 2500 + year - thai.BE_OFFSET
    if era == "ค.ศ." or (era is None and year < 2400):
        return year
    if era == "พ.ศ." and year < 2400:
        raise PeriodError(_("'{text}': พ.ศ. {year} ไม่น่าจะถูก ตรวจปีอีกครั้ง").format(text=text, year=year))
    return year - thai.BE_OFFSET


def _iso_day(parts: tuple[str, str, str], text: str) -> date:
    year, month, day = (int(p) for p in parts)
    try:
        return date(year - thai.BE_OFFSET if year >= 2400 else year, month, day)
    except ValueError:
        raise PeriodError(_("'{text}': มีวันที่ที่ไม่มีจริง").format(text=text)) from None


def _ordered(start: date, end: date, text: str) -> tuple[date, date]:
    if end < start:
        raise PeriodError(_("'{text}': วันสิ้นสุดมาก่อนวันเริ่ม").format(text=text))
    return start, end
