"""`itapack init`: a new pack for a year, a province's or a body's own OIT disclosures."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import _
from .running import handles_errors

if TYPE_CHECKING:
    pass

HELP = _(
    "เริ่มชุดเอกสารใหม่ของปี: ของจังหวัด (--province) จากโครงสร้างปีงบประมาณ 2567 ที่มีมากับโปรแกรม "
    "หรือ OIT ของหน่วยงาน (--organisation) จากข้อ o36–o43 ของ ITA 2566\n\n"
    "ตรวจความถูกต้องและตรวจหลักฐานทันที (ขาดทุกรายการ) จากนั้นใส่รายชื่อหน่วยงานใน units.yaml "
    "หรือที่อยู่หน้าเว็บใน sections.yaml และปรับตามคู่มือของปี"
)


@handles_errors
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help=_("โฟลเดอร์ใหม่ (หรือว่าง) สำหรับชุดเอกสาร"))],
    province: Annotated[str | None, typer.Option("--province", "-p", help=_("ชื่อจังหวัดภาษาไทย เช่น สมุทรสาคร"))] = None,
    organisation: Annotated[
        str | None,
        typer.Option("--organisation", help=_("ชุดเอกสาร OIT ของหน่วยงานนี้ เช่น องค์การบริหารส่วนตำบลบางปลา")),
    ] = None,
    kind: Annotated[
        str,
        typer.Option("--kind", help=_("ประเภทของหน่วยงาน (--organisation): local, regional, central, ministry, other")),
    ] = "local",
    parent: Annotated[
        str | None, typer.Option("--parent", help=_("หน่วยงานที่กำกับ (--organisation) เช่น อำเภอบางบ่อ"))
    ] = None,
    fiscal_year: Annotated[
        int | None,
        typer.Option("--fiscal-year", "-y", metavar="YEAR", help=_("ปี พ.ศ. ค่าเริ่มต้น: ปีงบประมาณปัจจุบัน")),
    ] = None,
    office: Annotated[
        str | None, typer.Option("--office", help=_("หน่วยงานที่รับผิดชอบ ค่าเริ่มต้น: สำนักงานจังหวัด<จังหวัด>"))
    ] = None,
) -> None:
    """Start a new pack for a year: a province's (--province) from the built-in FY 2567 levels, or
    a body's own OIT disclosures (--organisation) from ITA 2566 items o36-o43.

    It validates and checks straight away (everything missing). Then list the units in
    units.yaml, or the pages' addresses in sections.yaml, and adapt it to the year's manual.
    """

    from ..year.newpack import current_fiscal_year, init_pack

    year = fiscal_year if fiscal_year is not None else current_fiscal_year(datetime.date.today())
    pack = init_pack(
        folder, fiscal_year=year, province=province, office=office, organisation=organisation, kind=kind, parent=parent
    )
    if organisation is None:
        print(
            _("{folder}: ชุดเอกสารใหม่ของจังหวัด{province} ปีงบประมาณ {year}").format(
                folder=folder, province=pack.info.province, year=pack.fiscal_year
            )
        )
        next_step = _("ขั้นต่อไป: ใส่รายชื่อหน่วยงานใน {units} แล้วรัน: itapack check {folder}")
        print(next_step.format(units=folder / "units.yaml", folder=folder))
        return
    print(
        _("{folder}: ชุดเอกสาร OIT ใหม่ของ{organisation} ปีงบประมาณ {year}").format(
            folder=folder, organisation=pack.organisation.name, year=pack.fiscal_year
        )
    )
    next_step = _("ขั้นต่อไป: ใส่ที่อยู่หน้าเว็บของแต่ละข้อ (url) ใน {sections} แล้วรัน: itapack check {folder}")
    print(next_step.format(sections=folder / "sections.yaml", folder=folder))


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(init)
