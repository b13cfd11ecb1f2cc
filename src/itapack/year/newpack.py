"""itapack init: a new pack for a year, a province's (the built-in FY 2567 levels) or a body's own
OIT disclosures (the OIT items of the year's catalogue, or of the latest year whose items are known).

The result validates and checks straight away, with everything missing, and has its evidence
skeleton; a person then lists the units (a province) or adds the pages' addresses (OIT) and
adapts the structure to the year's manual.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import get_args

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .. import atomic
from ..errors import InputError, OutputError
from ..i18n import _
from ..pack import yamledit
from ..pack.folder import PACK_FILES, Pack
from ..pack.loader import check_output_folder, load_pack
from ..pack.model import OrganisationKind
from ..resources import templates_dir
from ..scores.catalogue import Catalogue

ORGANISATION_KINDS: tuple[str, ...] = get_args(OrganisationKind)


def current_fiscal_year(today: date) -> int:
    """Thai fiscal year N starts on 1 October of BE year N-1."""
    be_year = today.year + 543
    return be_year + 1 if today.month >= 10 else be_year


def init_pack(
    target: Path,
    *,
    fiscal_year: int,
    province: str | None = None,
    office: str | None = None,
    organisation: str | None = None,
    kind: str = "local",
    parent: str | None = None,
    items: Catalogue | None = None,
    signer: str | None = None,
    signer_position: str | None = None,
) -> Pack:
    """A province's ITA-drive pack (province), or a body's own OIT pack (organisation): the
    built-in FY 2567 levels, or the OIT items of a catalogue (items; default oit_catalogue(year)).
    signer (with signer_position) signs a province's follow-up letters."""
    if (province is None) == (organisation is None):
        raise InputError(_("ระบุอย่างใดอย่างหนึ่ง: --province (ชุดเอกสารของจังหวัด) หรือ --organisation (OIT ของหน่วยงาน)"))
    if not 2400 <= fiscal_year <= 2800:
        raise InputError(_("--fiscal-year {year}: ระบุปี พ.ศ. เช่น 2568").format(year=fiscal_year))
    if province is not None:
        province = province.strip().removeprefix("จังหวัด").strip()
        if not province:
            raise InputError(_("--province: ระบุชื่อจังหวัดภาษาไทย เช่น สมุทรสาคร"))
        values = {
            "province": province,
            "fiscal_year": fiscal_year,
            "office": office or f"สำนักงานจังหวัด{province}",
            "signer": (signer or "").strip(),
            "signer_position": (signer_position or "").strip(),
        }
        return _make(target, "pack", values)
    organisation = (organisation or "").strip()
    if not organisation:
        raise InputError(_("--organisation: ระบุชื่อหน่วยงานภาษาไทย เช่น องค์การบริหารส่วนตำบลบางปลา"))
    if kind not in ORGANISATION_KINDS:
        raise InputError(_("--kind {kind}: เลือกจาก {kinds}").format(kind=kind, kinds=", ".join(ORGANISATION_KINDS)))
    items = oit_catalogue(fiscal_year, items)
    values = {
        "organisation": organisation,
        "fiscal_year": fiscal_year,
        "kind": kind,
        "parent": parent,
        "sections": items.oit_items.sections if items.oit_items else (),
        "items_year": items.fiscal_year,
    }
    return _make(target, "pack-oit", values)


def oit_catalogue(year: int, given: Catalogue | None = None) -> Catalogue:
    """The catalogue whose OIT items a body's new pack of year starts from: the given one (--catalogue)
    when it has items, else the year's own, else the latest earlier year's (init says which)."""
    from ..scores.lookup import available_years, builtin

    if given is not None:
        if given.oit_items is None:
            raise InputError(
                _("--catalogue: แคตตาล็อกปี {year} ไม่มีรายการข้อ OIT (oit_items) ให้เพิ่มตามคู่มือของปี").format(
                    year=given.fiscal_year
                )
            )
        return given
    with_items = [c for c in (builtin(y) for y in available_years()) if c is not None and c.oit_items is not None]
    earlier = [c for c in with_items if c.fiscal_year <= year]
    # The nearest year whose items are known: the latest before, or for a year before them all the first.
    return earlier[-1] if earlier else with_items[0]


def _make(target: Path, template: str, values: dict[str, object]) -> Pack:
    """The pack written from templates/<template>/ into a new folder, checked and scaffolded; a
    failure leaves no half-made folder behind."""
    from ..check import check
    from .scaffold import scaffold

    check_output_folder(target)  # a file, pipe or device of that name, a name too long, another pack's evidence
    if target.is_dir() and any(target.iterdir()):
        raise OutputError(_("{target} มีอยู่แล้วและไม่ใช่โฟลเดอร์ว่าง init เริ่มชุดเอกสารใหม่ในโฟลเดอร์ใหม่").format(target=target))
    source = templates_dir() / template
    environment = Environment(
        loader=FileSystemLoader(source),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # YAML, not HTML: values are quoted by the yaml filter instead
    )
    environment.filters["yaml"] = yamledit.scalar

    def build(folder: Path) -> None:
        for name in PACK_FILES:
            if (source / f"{name}.j2").exists():
                text = environment.get_template(f"{name}.j2").render(values)
            elif (source / name).exists():  # no values to fill in: shipped as it is, its {fy} placeholders untouched
                text = (source / name).read_text(encoding="utf-8")
            else:
                continue
            atomic.write_text(folder / name, text)
        pack = load_pack(folder)
        pack.evidence_root.mkdir(exist_ok=True)
        scaffold(pack, check(pack))

    atomic.build_folder(target, build)
    return load_pack(target)
