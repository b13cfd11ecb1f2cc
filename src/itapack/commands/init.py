"""`itapack init`: a new pack for a year, a province's or a body's own OIT disclosures."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import _
from . import running
from .running import handles_errors

if TYPE_CHECKING:
    from ..scores.catalogue import Catalogue

HELP = _(
    "เริ่มชุดเอกสารใหม่ของปี: ของจังหวัด (--province) จากโครงสร้างปีงบประมาณ 2567 ที่มีมากับโปรแกรม "
    "หรือ OIT ของหน่วยงาน (--organisation) จากรายการข้อ OIT ในแคตตาล็อกของปี (หรือปีล่าสุดที่มี เช่น o36–o43 ของ ITA 2566)\n\n"
    "ตรวจความถูกต้องและตรวจหลักฐานทันที (ขาดทุกรายการ) จากนั้นใส่รายชื่อหน่วยงานใน units.yaml "
    "หรือที่อยู่หน้าเว็บใน sections.yaml และปรับตามคู่มือของปี "
    "สั่งบนหน้าจอโดยไม่ระบุ --province หรือ --organisation จะถามทีละข้อเป็นภาษาไทย"
)


@handles_errors
def init(
    folder: Annotated[
        Path | None,
        typer.Argument(metavar="DIR", help=_("โฟลเดอร์ใหม่ (หรือว่าง) สำหรับชุดเอกสาร ค่าเริ่มต้น: <จังหวัดหรือหน่วยงาน>-<ปี>")),
    ] = None,
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
    catalogue: Annotated[
        Path | None,
        typer.Option(
            "--catalogue", metavar="FILE", help=_("แคตตาล็อกที่มีรายการข้อ OIT ของปี (--organisation) แทนของที่มากับโปรแกรม")
        ),
    ] = None,
    signer: Annotated[
        str | None, typer.Option("--signer", help=_("ผู้ลงนามในหนังสือติดตาม (--province) เช่น นายสมชาย ใจดี"))
    ] = None,
    signer_position: Annotated[
        str | None, typer.Option("--signer-position", help=_("ตำแหน่งผู้ลงนาม เช่น ผู้ว่าราชการจังหวัดสมุทรสาคร"))
    ] = None,
) -> None:
    """Start a new pack for a year: a province's (--province) from the built-in FY 2567 levels, or
    a body's own OIT disclosures (--organisation) from the OIT items of the year's catalogue (or
    of the latest year that has them: ITA 2566's o36-o43), and says which year's it used.

    It validates and checks straight away (everything missing). Then list the units in
    units.yaml, or the pages' addresses in sections.yaml, and adapt it to the year's manual.
    Run on a terminal without --province or --organisation, it asks for each in Thai.
    """

    from ..errors import InputError
    from ..year.asking import Answers
    from ..year.newpack import current_fiscal_year, init_pack, oit_catalogue

    today = datetime.date.today()
    year = fiscal_year if fiscal_year is not None else current_fiscal_year(today)
    answers = Answers(year, province, organisation, office, signer, signer_position)
    if province is None and organisation is None and running.on_terminal():
        from ..year.asking import ask_init

        answers = ask_init(input, print, today)
    name = answers.province or answers.organisation
    if folder is None and name:  # where it was run, named as a clerk would name it
        folder = Path(f"{name.strip().removeprefix('จังหวัด').strip()}-{answers.fiscal_year}")
    if folder is None:
        raise InputError(_("ระบุ --province หรือ --organisation (หรือสั่งบนหน้าจอเพื่อตอบคำถาม)"))
    year = answers.fiscal_year
    items = None
    if answers.organisation is not None:
        items = oit_catalogue(year, _given_catalogue(catalogue))
    elif catalogue is not None:
        raise InputError(_("--catalogue ใช้กับ --organisation (รายการข้อ OIT) เท่านั้น"))
    pack = init_pack(
        folder,
        fiscal_year=answers.fiscal_year,
        province=answers.province,
        organisation=answers.organisation,
        office=answers.office,
        signer=answers.signer,
        signer_position=answers.signer_position,
        kind=kind,
        parent=parent,
        items=items,
    )
    organisation = answers.organisation
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
    if items is not None:
        print(_items_used(items.fiscal_year, year))
    next_step = _("ขั้นต่อไป: ใส่ที่อยู่หน้าเว็บของแต่ละข้อ (url) ใน {sections} แล้วรัน: itapack check {folder}")
    print(next_step.format(sections=folder / "sections.yaml", folder=folder))


def _given_catalogue(path: Path | None) -> Catalogue | None:
    if path is None:
        return None
    from ..safety import check_input
    from ..scores.lookup import read_catalogue

    check_input(path, "--catalogue")
    return read_catalogue(path)


def _items_used(items_year: int, year: int) -> str:
    """Which year's OIT item list the new pack took, and what to do when it is not the pack's year's."""
    used = _("รายการข้อ OIT จากแคตตาล็อกปี {items}").format(items=items_year)
    if items_year == year:
        return used
    return used + _(
        " (ยังไม่มีรายการข้อของปี {year}: ปรับ sections.yaml ตามคู่มือของปี หรือเขียนแคตตาล็อกของปีด้วย "
        "itapack scores PACK --catalogue-template {year} แล้ว init ใหม่ด้วย --catalogue)"
    ).format(year=year)


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(init)
