"""`itapack units import|export`: the list of units to and from the province's spreadsheet."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import _
from ..i18n.commandline import Group
from .options import PackArgument
from .running import handles_errors

if TYPE_CHECKING:
    pass

units_app = typer.Typer(
    name="units",
    cls=Group,
    help=_(
        "รายชื่อหน่วยงานจากตาราง Excel ของจังหวัด: import อ่าน .csv หรือ .xlsx เป็น units.yaml "
        "export เขียน units.yaml ของชุดเอกสารกลับเป็นตาราง"
    ),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@units_app.command(
    "import",
    help=_(
        "อ่านรายชื่อหน่วยงาน (.csv หรือ .xlsx) เป็น units.yaml: คอลัมน์ ชื่อหน่วยงาน ประเภท อำเภอ ชื่อย่อ เว็บไซต์ "
        "(และ รหัส ถ้ามี)\n\nทุกแถวที่อ่านไม่ได้แจ้งพร้อมเลขแถว และไม่เขียนอะไรจนกว่าจะแก้ครบ จบด้วย 0 เมื่อเขียนแล้ว "
        "2 เมื่อมีแถวที่อ่านไม่ได้"
    ),
)
@handles_errors
def units_import(
    sheet: Annotated[Path, typer.Argument(metavar="FILE", help=_("ตารางรายชื่อหน่วยงาน .csv หรือ .xlsx"))],
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE", help=_("ไฟล์ units.yaml ที่จะเขียน เช่น ชุดเอกสาร/units.yaml"))
    ],
    force: Annotated[
        bool, typer.Option("--force", help=_("แทนที่ units.yaml ที่มีอยู่ (รหัสและข้อยกเว้นของหน่วยงานชื่อเดิมคงไว้)"))
    ] = False,
) -> None:
    """Read the province's list of units (CSV or XLSX) into units.yaml."""
    from ..pack import unitsheet

    existing = unitsheet.existing_text(output, force)
    imported = unitsheet.import_units(unitsheet.read_table(sheet), str(sheet), existing)
    unitsheet.write_units(output, imported, force=force)
    print(
        _("เขียนแล้ว {path}: หน่วยงาน {units} แห่ง อำเภอ {districts} อำเภอ").format(
            path=output, units=imported.units, districts=imported.districts
        )
    )
    for name in imported.removed:
        print(_("ไม่อยู่ในตาราง จึงไม่อยู่ใน units.yaml ใหม่: {name}").format(name=name))


@units_app.command(
    "export",
    help=_("เขียนรายชื่อหน่วยงานใน units.yaml ของชุดเอกสารเป็นตาราง .xlsx หรือ .csv ที่ import อ่านกลับได้"),
)
@handles_errors
def units_export(
    pack: PackArgument = Path("."),
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help=_("ไฟล์ .xlsx หรือ .csv ค่าเริ่มต้น: PACK/รายชื่อหน่วยงาน.xlsx")),
    ] = None,
) -> None:
    """Write the pack's units as a sheet that import reads back."""
    from ..outputs.unitlist import write_sheet
    from ..pack import unitsheet
    from ..pack.loader import load_pack

    loaded = load_pack(pack)
    target = output if output is not None else loaded.root / "รายชื่อหน่วยงาน.xlsx"
    rows = unitsheet.export_rows(loaded.roster)
    write_sheet(target, rows)
    print(_("เขียนแล้ว {path}: หน่วยงาน {units} แห่ง").format(path=target, units=len(rows) - 1))


def register(app: typer.Typer) -> None:
    app.add_typer(units_app)
