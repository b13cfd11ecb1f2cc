"""`itapack validate`: the pack's YAML only, every problem with its file, line and column."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..i18n import _
from .options import PackArgument
from .running import handles_errors, say

if TYPE_CHECKING:
    pass

HELP = _("ตรวจเฉพาะ YAML ของชุดเอกสาร: ทุกปัญหาพร้อมไฟล์ บรรทัด และคอลัมน์ จบด้วย 0 หรือ 2")


@handles_errors
def validate(pack: PackArgument = Path(".")) -> None:
    """Check the pack's YAML only: every problem with file, line and column. Exits 0 or 2."""
    from ..pack.loader import load_pack
    from ..timeline.plan import load_plan

    loaded = load_pack(pack)
    plan = load_plan(loaded)  # the drive plan (plan.yaml), when the pack has one, is the pack's YAML too
    for warning in (*loaded.warnings, *(plan.warnings if plan else ())):
        say(_("คำเตือน: {warning}").format(warning=warning))
    per_unit = sum(1 for doc in loaded.documents if doc.per_unit)
    units = len(loaded.roster.units)
    sections = (_("{count} ระดับ") if loaded.ladder else _("{count} หมวด (รายการตรวจ)")).format(
        count=len(loaded.sections)
    )
    print(
        _(
            "{pack}: ถูกต้อง: {organisation} ปีงบประมาณ {year} {sections} เอกสาร {documents} ข้อ "
            "(แยกตามหน่วยงาน {per_unit} ข้อ) หน่วยงาน {units} หน่วย"
        ).format(
            pack=pack,
            organisation=loaded.organisation.name,
            year=loaded.fiscal_year,
            sections=sections,
            documents=len(loaded.documents),
            per_unit=per_unit,
            units=units,
        )
    )


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(validate)
