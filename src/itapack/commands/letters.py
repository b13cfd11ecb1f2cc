"""`itapack letters`: follow-up letters to the units that still owe evidence."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import _, _n
from .options import PackArgument, be_date
from .running import handles_errors, working

if TYPE_CHECKING:
    pass

HELP = _(
    "เขียนหนังสือติดตามถึงทุกหน่วยงานที่ยังค้างส่งหลักฐาน (หนังสือภายนอก หรือบันทึกข้อความถึงหน่วยงานภายใน): "
    "ขาดหรือผิดอะไร ส่งอย่างไร และวันที่ขอให้ตอบ itapack ไม่ส่งอะไรออกไปเอง"
)


@handles_errors
def letters(
    pack: PackArgument = Path("."),
    out: Annotated[
        Path | None, typer.Option("--out", "-o", metavar="DIR", help=_("โฟลเดอร์สำหรับหนังสือติดตาม ค่าเริ่มต้น: PACK/letters"))
    ] = None,
    due: Annotated[
        str | None,
        typer.Option("--due", metavar="YYYY-MM-DD", help=_("ขอให้ตอบภายในวันนี้ (ปีพุทธศักราช) ค่าเริ่มต้น: อีก 15 วัน")),
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", metavar="YYYY-MM-DD", help=_("วันที่ของบันทึกข้อความ (ปีพุทธศักราช) ค่าเริ่มต้น: วันนี้"))
    ] = None,
    unit: Annotated[
        list[str] | None, typer.Option("--unit", "-u", metavar="UNIT", help=_("เฉพาะหน่วยงานนี้ (ใส่ซ้ำได้)"))
    ] = None,
    kind: Annotated[
        list[str] | None, typer.Option("--kind", metavar="KIND", help=_("เฉพาะหน่วยงานประเภทนี้ (ใส่ซ้ำได้)"))
    ] = None,
    district: Annotated[
        list[str] | None, typer.Option("--district", metavar="DISTRICT", help=_("เฉพาะอำเภอนี้ (ใส่ซ้ำได้)"))
    ] = None,
    split: Annotated[bool, typer.Option("--split", help=_("แยกไฟล์ DOCX ต่อหน่วยงาน แทนไฟล์เดียวรวมทุกหน่วย"))] = False,
    force: Annotated[bool, typer.Option("--force", help=_("เขียนทับไฟล์ DOCX ที่ itapack ไม่ได้เขียนไว้"))] = False,
) -> None:
    """Write a follow-up letter to every unit that still owes evidence (หนังสือภายนอก, or บันทึกข้อความ
    to a unit of the office itself): what is missing or wrong, where it goes, and the reply-by date.
    Nothing is sent.
    """
    from ..chase.letters import memos, selection_name, write_letters
    from ..check import check as run_check
    from ..pack.loader import load_pack

    day = be_date("--date", date) or datetime.date.today()
    reply_by = be_date("--due", due) or day + datetime.timedelta(days=15)
    loaded = load_pack(pack)
    result = run_check(loaded, today=day)
    found = memos(result, loaded, unit or (), kind or (), district or ())
    with working(_("กำลังเขียนบันทึกติดตาม")):
        written = write_letters(
            loaded,
            result,
            found,
            out=out or loaded.root / "letters",
            today=day,
            due=reply_by,
            split=split,
            force=force,
            narrowed=selection_name(loaded, unit or (), kind or (), district or ()),
        )
    for path in written:
        print(_("เขียนแล้ว {path}").format(path=path))
    if found:
        print(_n("บันทึกติดตาม {count} หน่วยงาน", len(found)).format(count=len(found)))
    else:
        print(_("ไม่มีหน่วยงานที่ค้างส่งหลักฐาน: ไม่ได้เขียนบันทึก"))


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(letters)
