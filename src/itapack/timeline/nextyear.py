"""The drive plan carried into next year's pack by rollover: every period a year on, the years in
its texts with it, and `done:` cleared, so the new year starts with its plan and nothing done.

Comments stay as written: each value is edited where it stands (pack.yamledit; a folded text may
become one line) and the result is read back and must hold exactly what was meant, as rollover
does for the pack's files.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date

from ..errors import Problem
from ..i18n import _
from ..pack import thai, yamledit
from ..pack.folder import Pack
from ..pack.yamlfile import PathKey, format_path, parse_yaml, read_yaml
from .period import parse_period
from .plan import PLAN_FILE, load_plan

_BE_YEAR = re.compile(r"(?<![0-9๐-๙])([2๒][4-6๔-๖][0-9๐-๙]{2})(?![0-9๐-๙])")
_CE_YEAR = re.compile(r"(?<![0-9๐-๙])([1๑][9๙]|[2๒][0๐])([0-9๐-๙]{2})(?![0-9๐-๙])")
_MONTH = "|".join(re.escape(m) for m in sorted((*thai.MONTHS, *thai.MONTHS_SHORT), key=len, reverse=True))
_TWO_DIGIT_YEAR = re.compile(rf"({_MONTH})(\s*)([0-9๐-๙]{{2}})(?![0-9๐-๙])")
_TEXTS = ("step", "work", "responsible")


@dataclass
class NextYearsPlan:
    text: str
    changes: list[tuple[int, str, str, str]] = field(default_factory=list)  # line, path, old, new ("~": removed)
    warnings: list[Problem] = field(default_factory=list)


def next_years_plan(pack: Pack, to_year: int) -> NextYearsPlan | None:
    """plan.yaml for the pack of to_year, or None when the pack has no plan."""
    if load_plan(pack) is None:  # validated first: a wrong plan stops the rollover, located
        return None
    source = read_yaml(pack.root / PLAN_FILE, str(pack.root / PLAN_FILE))  # named as the pack's other files
    shift = to_year - pack.fiscal_year
    edits: list[yamledit.Edit] = []
    intended = copy.deepcopy(source.data)
    warnings: list[Problem] = []
    changes: list[tuple[int, str, str, str]] = []

    def move(path: PathKey, value: str, period: bool) -> None:
        new = _moved(value, shift, period=period)
        if new != value:
            edits.append(yamledit.substitute(source, path, new))
            changes.append((source.location(path).line or 0, format_path(path), value, new))
            (intended if len(path) == 1 else intended["steps"][path[1]])[path[-1]] = new

    if isinstance(source.data.get("title"), str):
        move(("title",), source.data["title"], period=False)
    for index, step in enumerate(source.data["steps"]):
        move(("steps", index, "period"), step["period"], period=True)
        before, after = parse_period(step["period"]), parse_period(intended["steps"][index]["period"])
        if after != tuple(_year_on(day, shift) for day in before):
            where = source.location(("steps", index, "period"))
            warnings.append(
                Problem(
                    where,
                    _("ช่วงเวลา '{period}' เลื่อนปีไม่ได้ทั้งหมด ตรวจดูสำหรับปี {year}").format(
                        period=step["period"], year=to_year
                    ),
                )
            )
        for key in _TEXTS:
            if isinstance(step.get(key), str):
                move(("steps", index, key), step[key], period=False)
        if step.get("done") is not None:
            removal = yamledit.remove_entry(source, ("steps", index, "done"))
            if removal is None:  # a step written in braces: no line can go; said instead
                warnings.append(
                    Problem(
                        source.location(("steps", index, "done")),
                        _("ลบ done: ของขั้นตอนนี้เองสำหรับปี {year}").format(year=to_year),
                    )
                )
                continue
            edits.append(removal)
            changes.append(
                (source.location(("steps", index, "done")).line or 0, f"steps[{index}].done", step["done"], "~")
            )
            del intended["steps"][index]["done"]
    text = yamledit.apply(source.text, edits)
    if parse_yaml(text, PLAN_FILE).data != intended:
        raise RuntimeError("rollover would change plan.yaml in an unintended way")
    return NextYearsPlan(text, changes, warnings)


def _moved(text: str, shift: int, *, period: bool) -> str:
    """Buddhist-era years moved on, in the digits they were written in; in a period also
    Christian-era years and two-digit years after a month."""
    text = _BE_YEAR.sub(lambda m: _digits_like(m.group(1), int(thai.to_arabic_digits(m.group(1))) + shift), text)
    if period:
        text = _CE_YEAR.sub(lambda m: _digits_like(m.group(0), int(thai.to_arabic_digits(m.group(0))) + shift), text)
        text = _TWO_DIGIT_YEAR.sub(
            lambda m: (
                m.group(1)
                + m.group(2)
                + _digits_like(m.group(3), (int(thai.to_arabic_digits(m.group(3))) + shift) % 100, 2)
            ),
            text,
        )
    return text


def _digits_like(original: str, value: int, width: int = 4) -> str:
    written = f"{value:0{width}d}"
    return thai.to_thai_digits(written) if any(c in thai.THAI_DIGITS for c in original) else written


def _year_on(day: date, shift: int) -> date:
    try:
        return day.replace(year=day.year + shift)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + shift, day=28)
