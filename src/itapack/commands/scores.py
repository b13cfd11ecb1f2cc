"""`itapack scores`: this year's ITA results against last year's; --import stores a results file."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import _
from .options import PackArgument
from .running import handles_errors, say

if TYPE_CHECKING:
    pass


class TotalCheck(StrEnum):
    error = "error"
    warning = "warning"
    off = "off"


HELP = _(
    "แสดงผลการประเมิน ITA ปีนี้เทียบปีที่แล้ว และจุดอ่อน; --import บันทึกไฟล์ผลคะแนนลงใน results ของ pack.yaml "
    "(แก้เฉพาะคีย์นั้น)\n\nจบด้วย 0 หรือ 2 เมื่อไฟล์หรือชุดเอกสารมีปัญหา (ระบุ file:line หรือ sheet!cell)"
)


@handles_errors
def scores(
    pack: PackArgument = Path("."),
    import_file: Annotated[
        Path | None,
        typer.Option(
            "--import", "-i", metavar="FILE", help=_("ไฟล์ผลคะแนนที่จะบันทึก: .csv หรือ .xlsx ตามที่ส่งออกจากระบบ หรือ .yaml")
        ),
    ] = None,
    total_check: Annotated[
        TotalCheck | None,
        typer.Option(
            "--total-check",
            help=_(
                "คะแนนรวมที่ไม่ตรงกับผลรวมถ่วงน้ำหนัก: error เป็นข้อผิดพลาด warning เป็นคำเตือน off ไม่ตรวจ ค่าเริ่มต้น: ตามแคตตาล็อก"
            ),
        ),
    ] = None,
) -> None:
    """Show this year's ITA results against last year's, and the weak points; --import stores a results file
    in pack.yaml's results (only that key is rewritten).

    Exits 0, or 2 when the file or the pack has problems (each with file:line or sheet!cell).
    """
    from ..scores import text
    from ..scores.command import run

    if import_file is not None:
        from ..safety import check_input

        check_input(import_file, "--import")
    outcome = run(pack, import_file, total_check.value if total_check else None)
    for warning in outcome.warnings:
        say(_("คำเตือน: {warning}").format(warning=warning))
    if outcome.stored is not None:
        print(_("บันทึกผลลงใน {path} (results:)").format(path=outcome.stored))
    if outcome.changed is not None:
        changed = ", ".join(outcome.changed) or _("ไม่มี (ตรงกับที่บันทึกไว้แล้ว)")
        print(_("รายการที่เปลี่ยน: {items}; รายการอื่นคงเดิม").format(items=changed))
    text.write(
        sys.stdout,
        outcome.catalogue,
        organisation=outcome.pack.organisation.name,
        year=outcome.pack.fiscal_year,
        now=outcome.now,
        previous_year=outcome.previous_year,
        before=outcome.before,
        rule=outcome.pack.info.weak_points,
    )


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(scores)
