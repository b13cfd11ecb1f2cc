"""`itapack rollover`: next fiscal year's pack from this one."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import _
from ..outputs import formats
from .options import PackArgument
from .running import handles_errors

if TYPE_CHECKING:
    pass

RolloverFormat = formats.choice("rollover")

HELP = _(
    "เริ่มชุดเอกสารของปีงบประมาณถัดไปจากชุดนี้: เลื่อนปี ล้างวันที่ ไม่มีหลักฐาน\n\n"
    "ชุดเดิมถูกอ่านอย่างเดียว จบด้วย 0 เมื่อเขียนแล้ว (คำเตือนให้คนตรวจดู) 2 เมื่อชุดเดิมไม่ถูกต้อง "
    "3 เมื่อโฟลเดอร์ปลายทางมีอยู่และไม่ว่าง (เว้นแต่ใช้ --force)"
)


@handles_errors
def rollover(
    pack: PackArgument,
    to: Annotated[int, typer.Option("--to", metavar="YEAR", help=_("ปีงบประมาณใหม่ (พ.ศ. เช่น 2568)"))],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="DIR", help=_("โฟลเดอร์ของชุดเอกสารใหม่ ค่าเริ่มต้น: ข้าง PACK เปลี่ยนปีในชื่อ")),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=_("บอกว่าจะเขียนและเปลี่ยนอะไร โดยไม่เขียนจริง"))] = False,
    force: Annotated[bool, typer.Option("--force", help=_("เขียนลงโฟลเดอร์ที่ไม่ว่าง (ไฟล์อื่นในนั้นคงไว้)"))] = False,
    format: Annotated[RolloverFormat, typer.Option("--format", "-f", help=_("text หรือ json"))] = RolloverFormat["text"],
) -> None:
    """Start next fiscal year's pack from this one: years moved on, dates cleared, no evidence.

    The source pack is only read. Exits 0 when written (warnings are for a person to review),
    2 when the source is invalid, 3 when the target exists and is not empty (without --force).
    """
    from ..pack.loader import load_pack
    from ..year.rollover import rollover as roll

    plan = roll(load_pack(pack), to, out, dry_run=dry_run, force=force)
    sys.stdout.write(formats.one("rollover", format).write()(plan, dry_run=dry_run))


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(rollover)
