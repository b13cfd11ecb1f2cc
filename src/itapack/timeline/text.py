"""The timeline for a person (Thai text, by month) and for a program (JSON, stable English codes)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any, TextIO

from ..evidence.result import Status
from ..i18n import N_, Words, _
from ..outputs import wording
from ..outputs.wording import date_text
from ..pack import thai
from .build import STATES, Item, Timeline

STATE = Words(
    {
        "done": N_("เสร็จแล้ว"),
        "problem": N_("มีปัญหา"),
        "overdue": N_("เกินกำหนด"),
        "due_soon": N_("ใกล้กำหนด"),
        "not_started": N_("ยังไม่ถึงกำหนด"),
        "missing": N_("ยังไม่มีหลักฐาน"),
        "not_applicable": N_("ไม่เกี่ยวข้อง"),
    }
)
# The check's marks, so a state reads the same in the timeline as in every other output
SYMBOL = {state: wording.SYMBOL[Status(state)] for state in ("problem", "overdue", "due_soon", "not_started")} | {
    "done": wording.SYMBOL[Status.OK],
    "missing": wording.SYMBOL[Status.MISSING],
    "not_applicable": wording.SYMBOL[Status.NOT_APPLICABLE],
}


def month_name(year: int, month: int) -> str:
    return date_text(date(year, month, 1), "long").split(" ", 1)[1]  # "ตุลาคม 2566" / "Oct 2023"


def label(item: Item) -> str:
    """What the item is, as a person reads it: ข้อ 4.2 …, ขั้นที่ 3 …"""
    if item.kind == "step":
        return _("ขั้นที่ {number} {title}").format(number=item.key, title=item.title)
    return _("ข้อ {id} {title}").format(id=item.key, title=item.title)


def when(item: Item) -> str:
    if item.start is not None and item.start != item.on:
        return f"{date_text(item.start)} – {date_text(item.on)}"
    if item.kind == "meeting":
        return date_text(item.on)
    return _("กำหนด {date}").format(date=date_text(item.on))


def write_text(timeline: Timeline, stream: TextIO) -> None:
    stream.write(
        _("ปฏิทินงาน ITA ปีงบประมาณ {year} {organisation} (ณ {today})").format(
            year=timeline.fiscal_year, organisation=timeline.organisation, today=date_text(timeline.today)
        )
        + "\n"
    )
    if timeline.plan_title:
        stream.write(timeline.plan_title + "\n")
    if not timeline.items:
        stream.write(_("ยังไม่มีรายการที่มีกำหนดวัน: ใส่ due: ให้เอกสาร หรือเขียนแผนใน plan.yaml") + "\n")
        return
    for (year, month), items in timeline.months():
        stream.write(f"\n{month_name(year, month)}\n")
        for item in items:
            stream.write(f"  {SYMBOL[item.state]} {STATE[item.state]}  {when(item)}  {label(item)}\n")
            facts = []
            if item.document:
                facts.append(_("เอกสาร: {document}").format(document=item.document))
            if item.needed:
                facts.append(_("หน่วยงานส่งแล้ว {done} จาก {needed}").format(done=item.done, needed=item.needed))
            if item.owner:
                facts.append(_("ผู้รับผิดชอบ: {owner}").format(owner=item.owner))
            if item.where and item.state not in ("done", "not_applicable"):
                facts.append(_("วางหลักฐานที่ {where}").format(where=item.where))
            for fact in facts:
                stream.write(f"      {fact}\n")
    stream.write("\n" + summary(timeline) + "\n")


def summary(timeline: Timeline) -> str:
    counts = [(state, timeline.count(state)) for state in STATES]
    shown = "  ".join(f"{SYMBOL[state]} {STATE[state]} {n}" for state, n in counts if n)
    return _("รวม {count} รายการ: {counts}").format(count=len(timeline.items), counts=shown)


def to_data(timeline: Timeline) -> dict[str, Any]:
    return {
        "fiscal_year": timeline.fiscal_year,
        "organisation": timeline.organisation,
        "today": timeline.today.isoformat(),
        "due_soon_days": timeline.soon_days,
        "plan": timeline.plan_title,
        "counts": {state: timeline.count(state) for state in STATES},
        "overdue": timeline.overdue,
        "warnings": [str(warning) for warning in timeline.warnings],
        "months": [
            {
                "month": f"{year:04d}-{month:02d}",
                "month_text": month_name(year, month),
                "items": [_item(item) for item in items],
            }
            for (year, month), items in timeline.months()
        ],
    }


def _item(item: Item) -> dict[str, Any]:
    return {
        "kind": item.kind,
        "id": item.key,
        "title": item.title,
        "start": item.start.isoformat() if item.start else None,
        "date": item.on.isoformat(),
        "date_be": thai.format_be_iso(item.on),
        "state": item.state,
        "state_text": STATE[item.state],
        "owner": item.owner,
        "where": item.where,
        "document": item.document,
        "units_done": item.done if item.needed else None,
        "units_needed": item.needed or None,
    }


def write_json(timeline: Timeline, stream: TextIO) -> None:
    json.dump(to_data(timeline), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
