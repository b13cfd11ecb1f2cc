"""Placeholders in pack texts, so that a new fiscal year needs no rewording.

"ประจำปีงบประมาณ พ.ศ. {fy}" reads "ประจำปีงบประมาณ พ.ศ. 2567" in the FY 2567 pack and follows the
year on rollover. A document's own date fills {date}; "{{" and "}}" write literal braces.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from . import thai

PACK_PLACEHOLDERS = {
    "fy": "the fiscal year, 2567",
    "fy_prev": "the year before, 2566",
    "fy_next": "the year after, 2568",
    "fy_short": "the fiscal year in two digits, 67",
    "fy_prev_short": "the year before in two digits, 66",
    "province": "the province, สมุทรปราการ",
    "organisation": "who the pack is for, จังหวัดสมุทรปราการ or องค์การบริหารส่วนตำบลบางปลา",
    "office": "the responsible office",
}
DOCUMENT_PLACEHOLDERS = {
    "date": "the document's date, 24 พ.ย. 2566",
    "date_long": "the document's date, 24 พฤศจิกายน 2566",
    "date_short": "the document's date, 24 พ.ย. 66",
}
DATE_PENDING = "(รอกำหนดวัน)"

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def placeholders_in(template: str) -> list[str]:
    return [m.group(1) for m in _TOKEN.finditer(template) if m.group(1) is not None]


def render(template: str, values: Mapping[str, str]) -> str:
    """Fill placeholders. Unknown names are left as written: the loader has already reported them."""

    def replace(match: re.Match[str]) -> str:
        token, name = match.group(0), match.group(1)
        if name is None:
            return token[0]
        return values.get(name, token)

    return _TOKEN.sub(replace, template)


def pack_values(fiscal_year: int, *, province: str | None, office: str, organisation: str) -> dict[str, str]:
    values = {
        "fy": str(fiscal_year),
        "fy_prev": str(fiscal_year - 1),
        "fy_next": str(fiscal_year + 1),
        "fy_short": f"{fiscal_year % 100:02d}",
        "fy_prev_short": f"{(fiscal_year - 1) % 100:02d}",
        "office": office,
        "organisation": organisation,
    }
    if province is not None:  # a pack without one: {province} is refused when loading
        values["province"] = province
    return values


def document_values(pack: Mapping[str, str], when: date | None) -> dict[str, str]:
    if when is None:
        dated = dict.fromkeys(DOCUMENT_PLACEHOLDERS, DATE_PENDING)
    else:
        dated = {
            "date": thai.format_date(when, "short"),
            "date_long": thai.format_date(when, "long"),
            "date_short": thai.format_date(when, "year2"),
        }
    return {**pack, **dated}
