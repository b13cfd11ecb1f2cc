"""`itapack render`: the Thai DOCX and HTML report, or with --measures the o42 draft."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import _
from .options import PackArgument, be_date
from .running import handles_errors, working

if TYPE_CHECKING:
    pass

HELP = _(
    "เขียนรายงานภาษาไทยเป็น DOCX และ HTML: สรุป ตารางหน่วยงาน และรายการที่ต้องติดตาม\n\n"
    "จบด้วย 0 เมื่อเขียนรายงานแล้ว ไม่ว่าหลักฐานจะครบหรือไม่ (คำสั่ง check เป็นผู้ตัดสิน)"
)


@handles_errors
def render(
    pack: PackArgument = Path("."),
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="DIR", help=_("โฟลเดอร์ของรายงาน ค่าเริ่มต้น: PACK/reports")),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", metavar="LIST", help=_("docx, html หรือทั้งสอง คั่นด้วยจุลภาค"))
    ] = "docx,html",
    thai_digits: Annotated[
        bool | None,
        typer.Option(
            "--thai-digits/--arabic-digits",
            help=_("ตัวเลขและวันที่เป็น ๐–๙ หรือ 0–9 ค่าเริ่มต้น: ตามที่ชุดเอกสารตั้งไว้"),
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help=_("วันที่ของรายงาน และใช้ตัดสินกำหนดส่ง (พ.ศ.) ค่าเริ่มต้น: วันนี้")),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=_("เขียนทับไฟล์รายงานที่ itapack ไม่ได้เขียนไว้"))] = False,
    measures: Annotated[
        bool,
        typer.Option("--measures", help=_("เขียนร่างเอกสาร o42 แทน: ผลการประเมินปีที่แล้ว จุดอ่อน และมาตรการ")),
    ] = False,
    links: Annotated[
        bool, typer.Option("--links", help=_("บันทึกสถานะลิงก์หน้าเว็บ ของแต่ละข้อ ตามที่ `itapack links` ตรวจไว้ครั้งล่าสุด"))
    ] = False,
) -> None:
    """Write the Thai DOCX and HTML checklist: summary, unit matrix and follow-up list.

    Exits 0 when the reports are written, whatever the evidence says; check decides that.
    """
    if measures:
        _render_measures(pack, out, format, thai_digits, date, force)
        return
    from ..check import check as run_check
    from ..pack.loader import load_pack
    from ..render import parse_formats, render_reports

    formats = parse_formats(format)
    today = be_date("--date", date) or datetime.date.today()
    loaded = load_pack(pack)
    checked = run_check(loaded, today=today)
    if links:  # from the cache only: render never fetches
        from ..i18n import speaking
        from ..links.join import with_links

        with speaking("th"):  # the pages' findings are read into a Thai report
            checked = with_links(loaded, checked)
    with working(_("กำลังทำรายงาน")):
        written = render_reports(
            loaded,
            checked,
            out=out if out is not None else loaded.root / "reports",
            formats=formats,
            thai_digits=thai_digits,
            today=today,
            force=force,
        )
    for path in written:
        print(_("เขียนแล้ว {path}").format(path=path))


def _render_measures(
    pack: Path, out: Path | None, format: str, thai_digits: bool | None, date: str | None, force: bool
) -> None:
    from ..pack.loader import load_pack
    from ..render import parse_formats
    from ..scores.o42 import render_measures

    loaded = load_pack(pack)
    written = render_measures(
        loaded,
        out=out if out is not None else loaded.root / "reports",
        formats=parse_formats(format),
        thai_digits=thai_digits,
        today=be_date("--date", date) or datetime.date.today(),
        force=force,
    )
    for path in written:
        print(_("เขียนแล้ว {path}").format(path=path))


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(render)
