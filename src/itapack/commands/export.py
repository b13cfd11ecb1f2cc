"""`itapack export`: the tracking workbook."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import _
from .options import PackArgument, TodayOption, be_date
from .running import handles_errors, progress_line

if TYPE_CHECKING:
    pass

HELP = _(
    "เขียนสมุดงานติดตาม: สรุป หน่วยงาน × เอกสาร รายการที่ต้องติดตาม และไฟล์หลักฐานทุกไฟล์\n\nจบด้วย 0 "
    "เมื่อเขียนเสร็จ ไม่ว่าหลักฐานจะครบหรือไม่ (check เป็นผู้ตัดสิน)"
)


@handles_errors
def export(
    pack: PackArgument = Path("."),
    xlsx: Annotated[
        Path | None,
        typer.Option(
            "--xlsx",
            metavar="FILE",
            help=_("ไฟล์สมุดงานติดตามที่จะเขียน (Excel, .xlsx) ค่าเริ่มต้น: PACK/reports/สมุดงานติดตาม ITA <ปี>.xlsx"),
        ),
    ] = None,
    today: TodayOption = None,
    force: Annotated[bool, typer.Option("--force", help=_("เขียนทับสมุดงานที่ itapack ไม่ได้เขียนไว้"))] = False,
) -> None:
    """Write the tracking workbook: summary, units x documents, what to chase, every evidence file.

    Exits 0 when it is written, whatever the evidence says; check decides that.
    """
    from ..chase.workbook import default_name, write_workbook
    from ..check import check as run_check
    from ..pack.loader import load_pack

    day = be_date("--today", today)
    loaded = load_pack(pack)
    with progress_line() as progress:
        result = run_check(loaded, progress, today=day)
    if xlsx is None:  # beside the reports render writes, named as a clerk would name it
        xlsx = loaded.root / "reports" / default_name(loaded.fiscal_year)
    write_workbook(result, xlsx, pack_root=loaded.root, force=force)
    print(_("เขียนแล้ว {path}").format(path=xlsx))


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(export)
