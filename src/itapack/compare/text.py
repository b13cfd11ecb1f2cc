"""A comparison for a person (Thai text) and for a program (JSON, stable English codes)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..i18n import N_, Words, _
from ..outputs.wording import STATUS
from ..scores.text import _pad as pad  # Thai marks above and below take no column
from .diff import DONE, LOST, STILL_DONE, STILL_MISSING, Change, Comparison, ScoreChange

HEADING = Words(
    {
        LOST: N_("เคยครบ ปีนี้ยังไม่ครบ"),
        DONE: N_("ปีนี้ทำแล้ว (ปีก่อนยังไม่ครบ)"),
        STILL_MISSING: N_("ยังไม่ครบทั้งสองปี"),
    }
)
SYMBOL = {LOST: "▼", DONE: "▲", STILL_MISSING: "✗"}


def status_word(status: str) -> str:
    try:
        return STATUS[status]
    except KeyError:  # a status the check gained after this was written: its code, not a crash
        return status


def _change_lines(changes: list[Change]) -> str:
    """One line per document and change of status; the units it concerns after it, in one list."""
    groups: dict[tuple[str, str, str], list[Change]] = {}
    for change in changes:
        groups.setdefault((change.document, change.before, change.after), []).append(change)
    lines = ""
    for (_id, before, after), group in groups.items():
        first = group[0]
        what = _("ข้อ {id} {title}").format(id=first.document, title=first.title)
        if first.document_before != first.document:
            what += " " + _("(ปีก่อนข้อ {id})").format(id=first.document_before)
        lines += f"  {SYMBOL[first.kind]} {what}: {status_word(before)} → {status_word(after)}\n"
        units = [change.unit_name or change.unit for change in group if change.unit]
        if units:
            count = _("{count} หน่วยงาน").format(count=len(units))
            lines += f"      {count}: {', '.join(str(u) for u in units)}\n"
    return lines


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _score_label(row: ScoreChange) -> str:
    if row.item == "total":
        return _("คะแนนรวม")
    if row.item in ("iit", "eit", "oit"):
        return row.item.upper()
    return _("ตัวชี้วัดที่ {number}").format(number=row.item)


def arrow(row: ScoreChange) -> str:
    if not row.delta:
        return ""
    return f"{'▲' if row.delta > 0 else '▼'} {abs(row.delta):.2f}"


def write_text(comparison: Comparison, stream: TextIO) -> None:
    out = stream.write
    out(
        _("{organisation}: ปีงบประมาณ {old} เทียบกับ {new}").format(
            organisation=comparison.organisation, old=comparison.old_year, new=comparison.new_year
        )
        + "\n"
    )
    for kind in (LOST, DONE, STILL_MISSING):
        changes = comparison.of_kind(kind)
        if changes:
            out(f"\n{HEADING[kind]} ({len(changes)})\n")
            out(_change_lines(changes))
    out("\n" + _("ครบทั้งสองปี {count} รายการ").format(count=len(comparison.of_kind(STILL_DONE))) + "\n")
    lists = [
        (_("เอกสารที่เพิ่มในปีนี้"), [_("ข้อ {id} {title}").format(id=d.id, title=d.title) for d in comparison.added]),
        (_("เอกสารที่ไม่มีแล้ว"), [_("ข้อ {id} {title}").format(id=d.id, title=d.title) for d in comparison.dropped]),
        (
            _("เอกสารที่เปลี่ยนเลขข้อ"),
            [
                _("ข้อ {before} → {after} {title}").format(before=m.before, after=m.after, title=m.title)
                for m in comparison.moved
            ],
        ),
        (_("หน่วยงานที่เพิ่มในปีนี้"), [u.name for u in comparison.units_added]),
        (_("หน่วยงานที่ไม่มีแล้ว (ยุบรวมหรือนำออก)"), [u.name for u in comparison.units_removed]),
    ]
    for heading, names in lists:
        if names:
            out(f"\n{heading} ({len(names)})\n" + "".join(f"  {name}\n" for name in names))
    if comparison.scores:
        out("\n" + _("ผลคะแนน ITA") + "\n")
        labels = [_score_label(row) for row in comparison.scores]
        width = max(len(label) for label in labels)
        out(f"  {pad('', width)}  {comparison.old_year:>7}  {comparison.new_year:>7}\n")
        for label, row in zip(labels, comparison.scores, strict=True):
            before, after = _score(row.before), _score(row.after)
            out(f"  {pad(label, width)}  {before:>7}  {after:>7}  {arrow(row)}".rstrip() + "\n")
    if comparison.weak_both_years:
        out("\n" + _("จุดอ่อนที่ยังอยู่ (ต่ำกว่าคะแนนรวมทั้งสองปี)") + "\n")
        for row in comparison.weak_both_years:
            out(f"  {_score_label(row)}: {_score(row.before)} → {_score(row.after)} {arrow(row)}".rstrip() + "\n")


def to_data(comparison: Comparison) -> dict[str, Any]:
    return {
        "old_year": comparison.old_year,
        "new_year": comparison.new_year,
        "organisation": comparison.organisation,
        "counts": {kind: len(comparison.of_kind(kind)) for kind in (LOST, DONE, STILL_MISSING, STILL_DONE)},
        "changes": [
            {
                "document": c.document,
                "document_before": c.document_before,
                "title": c.title,
                "unit": c.unit,
                "unit_name": c.unit_name,
                "before": c.before,
                "after": c.after,
                "change": c.kind,
            }
            for c in comparison.changes
            if c.kind != STILL_DONE
        ],
        "documents_added": [{"id": d.id, "title": d.title} for d in comparison.added],
        "documents_dropped": [{"id": d.id, "title": d.title} for d in comparison.dropped],
        "documents_renumbered": [{"before": m.before, "after": m.after, "title": m.title} for m in comparison.moved],
        "units_added": [{"id": u.id, "name": u.name} for u in comparison.units_added],
        "units_removed": [{"id": u.id, "name": u.name} for u in comparison.units_removed],
        "scores": [_score_data(row) for row in comparison.scores],
        "weak_both_years": [_score_data(row) for row in comparison.weak_both_years],
    }


def _score_data(row: ScoreChange) -> dict[str, Any]:
    return {"item": row.item, "before": row.before, "after": row.after, "change": row.delta}


def write_json(comparison: Comparison, stream: TextIO) -> None:
    json.dump(to_data(comparison), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
