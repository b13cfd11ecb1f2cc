"""`itapack timeline`: the year ahead by month, and a calendar file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import ExitCode
from ..i18n import _
from ..outputs import formats
from .options import DueSoonOption, PackArgument, TodayOption, be_date
from .running import handles_errors, say

if TYPE_CHECKING:
    pass

TimelineFormat = formats.choice("timeline")

HELP = _(
    "ปฏิทินงานของปี: กำหนดส่งของเอกสาร การประชุม และขั้นตอนในแผนขับเคลื่อน (plan.yaml) แยกตามเดือน "
    "พร้อมสถานะ เสร็จ ใกล้กำหนด เกินกำหนด และผู้รับผิดชอบ; --ics เขียนไฟล์ปฏิทินสำหรับ Outlook หรือ Google Calendar"
    "\n\nจบด้วย 0 และ 1 เมื่อมีรายการเกินกำหนด"
)


@handles_errors
def timeline(
    pack: PackArgument = Path("."),
    format: Annotated[TimelineFormat, typer.Option("--format", "-f", help=_("text หรือ json"))] = TimelineFormat["text"],
    today: TodayOption = None,
    due_soon_days: DueSoonOption = None,
    ics: Annotated[
        Path | None,
        typer.Option("--ics", metavar="FILE", help=_("เขียนไฟล์ปฏิทิน (.ics) หนึ่งนัดต่อหนึ่งรายการ นำเข้าซ้ำได้โดยไม่ซ้ำนัด")),
    ] = None,
    alarm_days: Annotated[
        int,
        typer.Option("--alarm-days", metavar="N", min=0, help=_("ในไฟล์ปฏิทิน: เตือนก่อนกำหนด N วัน (0: ไม่เตือน)")),
    ] = 7,
    force: Annotated[bool, typer.Option("--force", help=_("เขียนทับไฟล์ --ics ที่ itapack ไม่ได้เขียนไว้"))] = False,
) -> None:
    """The year ahead, by month: documents' due dates, meetings and the drive plan's steps, each
    done, due soon, overdue or not yet due, with who is responsible; --ics writes a calendar file.

    Exits 0, or 1 when something is overdue.
    """
    from ..timeline.command import run

    day = be_date("--today", today)
    if ics is not None:
        from ..timeline.ics import check_ics

        check_ics(ics, force=force)  # before the scan: a refusal costs nothing
    year = run(pack, day, due_soon_days)
    for warning in year.warnings:
        say(_("คำเตือน: {warning}").format(warning=warning))
    if ics is not None:
        from ..timeline.ics import write_ics

        write_ics(year, ics, alarm_days, force=force)
        say(_("เขียนแล้ว {path}").format(path=ics))
    formats.one("timeline", format).write()(year, sys.stdout)
    raise typer.Exit(ExitCode.EVIDENCE_MISSING if year.overdue else ExitCode.OK)


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(timeline)
