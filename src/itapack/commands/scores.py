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
                "คะแนนรวม ที่ไม่ตรงกับ ผลรวมถ่วงน้ำหนัก: error เป็นข้อผิดพลาด warning เป็นคำเตือน off ไม่ตรวจ ค่าเริ่มต้น: ตามแคตตาล็อก"
            ),
        ),
    ] = None,
    catalogue: Annotated[
        Path | None,
        typer.Option(
            "--catalogue",
            metavar="FILE",
            help=_("แคตตาล็อก (กรอบการประเมิน) ของปีนี้หรือปีก่อน ใช้แทน catalogue-<ปี>.yaml ในชุดเอกสาร และของที่มากับโปรแกรม"),
        ),
    ] = None,
    catalogue_template: Annotated[
        int | None,
        typer.Option(
            "--catalogue-template",
            metavar="YEAR",
            help=_("เขียนแคตตาล็อกเปล่าของปี พ.ศ. นี้ให้กรอกตามคู่มือ เป็น catalogue-<ปี>.yaml ในชุดเอกสาร (หรือ --out)"),
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="FILE", help=_("ที่เขียนแคตตาล็อกเปล่า (--catalogue-template)")),
    ] = None,
) -> None:
    """Show this year's ITA results against last year's, and the weak points; --import stores a results file
    in pack.yaml's results (only that key is rewritten). --catalogue-template YEAR writes a catalogue to fill in.

    Exits 0, or 2 when the file or the pack has problems (each with file:line or sheet!cell).
    """
    from ..safety import check_input
    from ..scores import text
    from ..scores.command import run

    if catalogue_template is not None:
        _write_template(pack, catalogue_template, out)
        return
    for given, option in ((import_file, "--import"), (catalogue, "--catalogue")):
        if given is not None:
            check_input(given, option)
    outcome = run(pack, import_file, total_check.value if total_check else None, catalogue)
    for warning in outcome.warnings:
        say(_("คำเตือน: {warning}").format(warning=warning))
    if outcome.stored is not None:
        print(_("บันทึกผลลงใน {path} (results:)").format(path=outcome.stored))
    if outcome.changed is not None:
        changed = ", ".join(outcome.changed) or _("ไม่มี (ตรงกับที่บันทึกไว้แล้ว)")
        print(_("รายการที่เปลี่ยน: {items}; รายการอื่นคงเดิม").format(items=changed))
    text.write_run(sys.stdout, outcome)


def _write_template(pack: Path, year: int, out: Path | None) -> None:
    from ..pack.loader import load_pack
    from ..scores.lookup import pack_catalogue_file
    from ..scores.template import write_template

    root = load_pack(pack).root  # fenced: the template never lands on the pack's YAML or in its evidence
    written = write_template(root, year, out)
    found = written == root / pack_catalogue_file(year)
    command = f"itapack scores {pack}" + ("" if found else f" --catalogue {written}")
    print(
        _("เขียน {path} แล้ว: กรอกบรรทัดที่มี FILL IN ตามคู่มือการประเมินของปี {year} แล้วรัน: {command}").format(
            path=written, year=year, command=command
        )
    )


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(scores)
