"""The timeline as a one-page table for the committee: one row per item, one column per month of
the fiscal year (ต.ค. … ก.ย.), the item's months marked and its state in the month it is due.

A layout model only, in Thai (the report is an official Thai document); the DOCX and HTML
reports draw it. Texts pass through d() like the rest of the report (Thai digits when asked).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ..pack import thai
from .build import Timeline
from .text import STATE, SYMBOL, label

SPAN, DUE = "span", "due"  # a month the item runs through; the month it is due


@dataclass(frozen=True)
class TimelineRow:
    label: str
    owner: str
    cells: tuple[str, ...]  # per month: "", SPAN or DUE
    due_text: str  # the state's symbol, in the due month's cell
    state: str  # a stable code: done, overdue, due_soon, …
    state_text: str


@dataclass(frozen=True)
class TimelineTable:
    heading: str
    months: tuple[str, ...]  # ต.ค.\n66 … ก.ย.\n67: the month over its year's two digits
    rows: tuple[TimelineRow, ...]
    legend: tuple[str, ...]


def fiscal_months(fiscal_year: int) -> list[tuple[int, int]]:
    start, _end = thai.fiscal_year_window(fiscal_year)
    return [(start.year + (start.month + i - 1) // 12, (start.month + i - 1) % 12 + 1) for i in range(12)]


def timeline_table(timeline: Timeline, d: Callable[[str], str] = lambda text: text) -> TimelineTable | None:
    if not timeline.items:
        return None
    months = fiscal_months(timeline.fiscal_year)
    rows = []
    for _month, items in timeline.months():
        for item in items:
            first = _month_of(item.start or item.on)
            due = _month_of(item.on)
            cells = tuple(DUE if month == due else SPAN if first <= month < due else "" for month in months)
            rows.append(
                TimelineRow(
                    label=d(label(item)),
                    owner=item.owner or "",
                    cells=cells,
                    due_text=SYMBOL[item.state],
                    state=item.state,
                    state_text=STATE[item.state],  # its date is the marked month's
                )
            )
    used = {item.state for item in timeline.items}
    return TimelineTable(
        heading=d(
            f"ปฏิทินงาน ITA ปีงบประมาณ พ.ศ. {timeline.fiscal_year} (ณ วันที่ {thai.format_date(timeline.today, 'long')})"
        ),
        months=tuple(
            d(f"{thai.MONTHS_SHORT[month - 1]}\n{(year + thai.BE_OFFSET) % 100:02d}") for year, month in months
        ),
        rows=tuple(rows),
        legend=tuple(f"{SYMBOL[state]} {STATE[state]}" for state in SYMBOL if state in used),
    )


def _month_of(day: date) -> tuple[int, int]:
    return day.year, day.month
