"""`itapack bundle`: the hand-in archive and binder, or --verify of an archive."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import ExitCode
from ..i18n import _, _n
from .options import PackArgument, be_date
from .running import handles_errors, say, working

if TYPE_CHECKING:
    pass

HELP = _(
    "นำส่งหลักฐาน: ไฟล์ zip ของหลักฐานที่นับ พร้อมรายการไฟล์และรายงาน และแฟ้มรวม PDF มีปก สารบัญภาษาไทย "
    "และบุ๊กมาร์ก\n\nชุดเอกสารเดิมและ --date เดิมให้ไฟล์ zip เหมือนเดิมทุกไบต์ จบด้วย 0 เมื่อเขียนเสร็จ; กับ "
    "--verify จบด้วย 0 เมื่อไฟล์ตรงกับรายการ และ 1 เมื่อไม่ตรง"
)


@handles_errors
def bundle(
    pack: PackArgument = Path("."),
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="DIR", help=_("โฟลเดอร์สำหรับไฟล์ zip และแฟ้มรวม PDF ค่าเริ่มต้น: PACK/handin")),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", metavar="LIST", help=_("zip (ไฟล์รวมหลักฐาน), pdf (แฟ้มรวม) หรือทั้งสอง"))
    ] = "zip,pdf",
    per_document: Annotated[
        bool, typer.Option("--per-document", help=_("แยกแฟ้มรวมต่อเลขข้อ ตามที่ระบบนำส่ง บางระบบกำหนด"))
    ] = False,
    max_mb: Annotated[
        float | None,
        typer.Option("--max-mb", metavar="N", min=0.1, help=_("ขนาดไฟล์แฟ้มรวมสูงสุด (MB): ลดขนาดภาพก่อน แล้วจึงแบ่งไฟล์")),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help=_("วันที่ของแฟ้มรวม และรายงาน (ปีพุทธศักราช) ค่าเริ่มต้น: วันนี้")),
    ] = None,
    reports: Annotated[
        bool, typer.Option("--reports/--no-reports", help=_("ใส่รายงาน DOCX และ HTML ไว้ในไฟล์ zip ด้วย"))
    ] = True,
    verify: Annotated[
        Path | None,
        typer.Option("--verify", metavar="ZIP", help=_("ตรวจไฟล์ zip เทียบกับรายการไฟล์ (manifest) จบด้วย 1 ถ้าไม่ตรงกัน")),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=_("เขียนทับไฟล์ที่ itapack ไม่ได้เขียนไว้"))] = False,
) -> None:
    """Hand the evidence in: a zip of the counted evidence with a manifest and the reports, and a
    binder PDF with a cover, a Thai table of contents and bookmarks.

    The same pack and --date give a byte-identical zip. Exits 0 when written; with --verify, 0 when
    the archive matches its manifest and 1 when it does not.
    """
    if verify is not None:
        from ..handin.archive import verify as verify_archive
        from ..safety import check_input

        check_input(verify, "--verify")  # a pipe or a device would be waited on for ever

        checked = verify_archive(verify)
        for line in checked.differences:
            print(line)
        if checked.differences:
            say(
                "itapack: "
                + _("{zip} ไม่ตรงกับบัญชีรายการ {count} จุด จาก {files} ไฟล์").format(
                    zip=verify, count=len(checked.differences), files=f"{checked.checked:,}"
                )
            )
            raise typer.Exit(ExitCode.EVIDENCE_MISSING)
        matches = _n("{zip}: ตรงกับบัญชีรายการทุกไฟล์ ({files} ไฟล์)", checked.checked)
        print(matches.format(zip=verify, files=f"{checked.checked:,}"))
        return
    from ..check import check as run_check
    from ..handin.bundle import make_bundle, parse_formats
    from ..pack.loader import load_pack

    formats = parse_formats(format)
    today = be_date("--date", date) or datetime.date.today()
    loaded = load_pack(pack)
    with working(_("กำลังทำไฟล์นำส่ง")):  # a binder PDF takes 20 s and more: show it is moving
        written = make_bundle(
            loaded,
            run_check(loaded, today=today),
            out=out if out is not None else loaded.root / "handin",
            formats=formats,
            today=today,
            per_document=per_document,
            max_mb=max_mb,
            reports=reports,
            force=force,
        )
    for item in written:
        print(_("เขียน {path}: {what}").format(path=item.path, what=item.what))


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(bundle)
