"""The comparison as a section of the Thai report: counts, then per kind of change one table of
documents with the units concerned, then what was added, dropped or renumbered.

A layout model only, in Thai (the report is an official Thai document), drawn by the DOCX and
HTML reports; texts pass through d() like the rest of the report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .diff import DONE, LOST, STILL_DONE, STILL_MISSING, Change, Comparison
from .text import HEADING, SYMBOL, status_word

MAX_NAMES = 10  # units named in one row; compare --format json has every one


@dataclass(frozen=True)
class CompareRow:
    document: str
    change: str  # ครบ → ขาด
    units: str  # "" for the body's own document


@dataclass(frozen=True)
class CompareGroup:
    heading: str
    rows: tuple[CompareRow, ...]


@dataclass(frozen=True)
class CompareSection:
    heading: str
    counts: str
    groups: tuple[CompareGroup, ...]
    lists: tuple[tuple[str, tuple[str, ...]], ...]  # (heading, lines): documents and units added or gone


def compare_section(comparison: Comparison, d: Callable[[str], str] = lambda text: text) -> CompareSection:
    counts = {kind: len(comparison.of_kind(kind)) for kind in (LOST, DONE, STILL_MISSING, STILL_DONE)}
    groups = tuple(
        CompareGroup(d(f"{SYMBOL[kind]} {HEADING[kind]} ({counts[kind]} รายการ)"), _rows(comparison.of_kind(kind), d))
        for kind in (LOST, DONE, STILL_MISSING)
        if counts[kind]
    )
    lists = (
        ("เอกสารที่เพิ่มในปีนี้", tuple(d(f"ข้อ {doc.id} {doc.title}") for doc in comparison.added)),
        ("เอกสารที่ไม่มีแล้ว", tuple(d(f"ข้อ {doc.id} {doc.title}") for doc in comparison.dropped)),
        ("เอกสารที่เปลี่ยนเลขข้อ", tuple(d(f"ข้อ {m.before} → {m.after} {m.title}") for m in comparison.moved)),
        ("หน่วยงานที่เพิ่มในปีนี้", tuple(unit.name for unit in comparison.units_added)),
        ("หน่วยงานที่ไม่มีแล้ว (ยุบรวมหรือนำออก)", tuple(unit.name for unit in comparison.units_removed)),
    )
    return CompareSection(
        heading=d(f"เทียบกับปีงบประมาณ พ.ศ. {comparison.old_year}"),
        counts=d(
            f"เคยครบแต่ปีนี้ยังไม่ครบ {counts[LOST]} รายการ ปีนี้ทำแล้ว {counts[DONE]} รายการ"
            f" ยังไม่ครบทั้งสองปี {counts[STILL_MISSING]} รายการ ครบทั้งสองปี {counts[STILL_DONE]} รายการ"
        ),
        groups=groups,
        lists=tuple((heading, lines) for heading, lines in lists if lines),
    )


def _rows(changes: list[Change], d: Callable[[str], str]) -> tuple[CompareRow, ...]:
    grouped: dict[tuple[str, str, str], list[Change]] = {}
    for change in changes:
        grouped.setdefault((change.document, change.before, change.after), []).append(change)
    rows = []
    for (document, before, after), group in grouped.items():
        names = [str(c.unit_name or c.unit) for c in group if c.unit]
        units = ""
        if names:
            more = len(names) - MAX_NAMES
            shown = ", ".join(names[:MAX_NAMES]) + (d(f" และอีก {more} หน่วยงาน") if more > 0 else "")
            units = d(f"{len(names)} หน่วยงาน: ") + shown
        rows.append(
            CompareRow(d(f"ข้อ {document} {group[0].title}"), f"{status_word(before)} → {status_word(after)}", units)
        )
    return tuple(rows)
