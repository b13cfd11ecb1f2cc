"""itapack init: a new pack for a province and year, from the built-in FY 2567 structure.

The result validates and checks straight away, with everything missing, and has its evidence
skeleton; a person then lists the units and adapts the levels to the year's KPI.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import atomic, yamledit
from .errors import InputError, OutputError
from .i18n import _
from .loader import load_pack
from .pack import LEVELS_FILE, PACK_FILE, UNITS_FILE, Pack
from .resources import templates_dir


def current_fiscal_year(today: date) -> int:
    """Thai fiscal year N starts on 1 October of BE year N-1."""
    be_year = today.year + 543
    return be_year + 1 if today.month >= 10 else be_year


def init_pack(target: Path, *, province: str, fiscal_year: int, office: str | None = None) -> Pack:
    from .check import check
    from .scaffold import scaffold

    province = province.strip().removeprefix("จังหวัด").strip()
    if not province:
        raise InputError(_("--province: ระบุชื่อจังหวัดภาษาไทย เช่น สมุทรสาคร"))
    if not 2400 <= fiscal_year <= 2800:
        raise InputError(_("--fiscal-year {year}: ระบุปี พ.ศ. เช่น 2568").format(year=fiscal_year))
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise OutputError(_("{target} มีอยู่แล้วและไม่ใช่โฟลเดอร์ว่าง init เริ่มชุดเอกสารใหม่ในโฟลเดอร์ใหม่").format(target=target))
    values = {"province": province, "fiscal_year": fiscal_year, "office": office or f"สำนักงานจังหวัด{province}"}
    environment = Environment(
        loader=FileSystemLoader(templates_dir() / "pack"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # YAML, not HTML: values are quoted by the yaml filter instead
    )
    environment.filters["yaml"] = yamledit.scalar

    source = templates_dir() / "pack"

    def build(folder: Path) -> None:
        for name in (PACK_FILE, LEVELS_FILE, UNITS_FILE):
            if (source / f"{name}.j2").exists():
                text = environment.get_template(f"{name}.j2").render(values)
            else:  # no values to fill in: shipped as it is, its {fy} placeholders untouched
                text = (source / name).read_text(encoding="utf-8")
            atomic.write_text(folder / name, text)
        pack = load_pack(folder)
        pack.evidence_root.mkdir(exist_ok=True)
        scaffold(pack, check(pack))

    atomic.build_folder(target, build)
    return load_pack(target)
