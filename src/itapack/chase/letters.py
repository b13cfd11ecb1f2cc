"""Follow-up memos (บันทึกข้อความ, ระเบียบงานสารบรรณ) to every unit that still owes evidence.

One memo per unit lists exactly what is missing or wrong, where it goes and by when. The memos
are written to DOCX only: nothing is sent. python-docx is imported only here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..check import unit_id as find_unit
from ..errors import InputError
from ..evidence.result import CheckResult, UnitResult
from ..i18n import _, in_thai
from ..pack import thai
from ..pack.folder import Pack
from ..pack.model import LetterSettings, ReportSettings
from ..render import refuse_evidence_folder, write_all
from .owed import Owed, by_unit

BODY_PT = 16
LABEL_PT = 20  # ส่วนราชการ, ที่, วันที่, เรื่อง: the memo's printed labels
TITLE_PT = 29  # "บันทึกข้อความ"
INDENT_CM = 2.5  # a paragraph's first line, as official letters indent it
MEMO_TOP_CM = 1.5
SIGNATURE_INDENT_CM = 4.5  # the block centres on the right of the page, a long position on one line
_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True)
class Memo:
    unit: UnitResult
    items: tuple[Owed, ...]


def memos(
    result: CheckResult,
    pack: Pack,
    units: Sequence[str] = (),
    kinds: Sequence[str] = (),
    districts: Sequence[str] = (),
) -> list[Memo]:
    """One memo per unit that owes something, narrowed by unit, kind and district (id or Thai name)."""
    wanted_units = {find_unit(pack, text) for text in units}
    kind_names = {k.id: (k.name, *([k.short] if k.short else [])) for k in pack.roster.kinds}
    wanted_kinds = {_pick(text, kind_names, "--kind") for text in kinds}
    district_names = {
        d.id: (d.name, d.name.removeprefix("อำเภอ"), "อ." + d.name.removeprefix("อำเภอ")) for d in pack.roster.districts
    }
    wanted_districts = {_pick(text, district_names, "--district") for text in districts}
    by_id = {unit.id: unit for unit in result.units}
    found = []
    for unit_id, items in by_unit(result).items():
        unit = by_id[unit_id]
        if wanted_units and unit.id not in wanted_units:
            continue
        if wanted_kinds and unit.kind not in wanted_kinds:
            continue
        if wanted_districts and unit.district not in wanted_districts:
            continue
        found.append(Memo(unit, tuple(items)))
    return found


def _pick(text: str, names: dict[str, tuple[str, ...]], option: str) -> str:
    """An id, or any of its Thai names, compared Thai-folded."""
    key = thai.name_key(text)
    for ident, spellings in names.items():
        if key in {thai.name_key(ident), *(thai.name_key(name) for name in spellings)}:
            return ident
    choices = ", ".join(names) or "units.yaml"
    raise InputError(
        _("{option} {text}: ไม่มีในชุดเอกสารนี้ (เลือกจาก {choices})").format(option=option, text=text, choices=choices)
    )


def short_name(pack: Pack, unit_id: str) -> str:
    """The unit as clerks write it: "อบต.บางยอ" for องค์การบริหารส่วนตำบลบางยอ."""
    unit = pack.unit_by_id[unit_id]
    kind = next((k for k in pack.roster.kinds if k.id == unit.kind), None)
    if kind is not None and kind.short and unit.name.startswith(kind.name):
        return kind.short + unit.name[len(kind.name) :]
    return unit.name


def file_name(text: str) -> str:
    """A Thai file name that Windows accepts: no reserved characters, no trailing dots or spaces."""
    return _NOT_IN_FILE_NAMES.sub(" ", text).strip(" .")[:150]


def write_letters(
    pack: Pack,
    result: CheckResult,
    found: list[Memo],
    *,
    out: Path,
    today: date,
    due: date,
    split: bool = False,
    force: bool = False,
    scope: str = "",
) -> list[Path]:
    """scope: the --unit/--kind/--district a run was limited to; it goes into the combined memo's
    name, so a run for one district never replaces the memo of the full run, nor another's."""
    refuse_evidence_folder(pack.evidence_root, out)
    if due < today:
        raise InputError(
            _("--due {due} อยู่ก่อนวันที่ของบันทึก {today}").format(
                due=thai.format_be_iso(due), today=thai.format_be_iso(today)
            )
        )
    contents: dict[Path, bytes] = {}
    if split:
        for memo in found:
            stem = file_name(f"บันทึกติดตาม ITA {pack.fiscal_year} {memo.unit.name}")
            path = out / f"{stem}.docx"
            for number in range(2, len(found) + 2):  # two units of one name (in two districts): two files
                if path not in contents:
                    break
                path = out / f"{stem} ({number}).docx"
            contents[path] = render([memo], pack, result, today=today, due=due)
    elif found:
        name = file_name(f"บันทึกติดตาม ITA {pack.fiscal_year} {scope}".rstrip()) + ".docx"
        contents[out / name] = render(found, pack, result, today=today, due=due)
    return write_all(contents, force=force)


@in_thai  # a memo to a Thai office
def render(found: list[Memo], pack: Pack, result: CheckResult, *, today: date, due: date) -> bytes:
    from docx import Document

    settings = pack.info.letters
    page = pack.info.report
    document = Document()
    _page_and_styles(document, page)
    d: Callable[[str], str] = thai.to_thai_digits if page.thai_digits else (lambda text: text)
    emblem = _emblem(pack, settings)
    for index, memo in enumerate(found):
        _memo(document, memo, pack, result, settings, today, due, d, emblem, new_page=index > 0)
    from ..outputs.docx_report import saved

    return saved(
        document, title=f"บันทึกติดตามหลักฐาน ITA ปีงบประมาณ {pack.fiscal_year}", author=settings.office or pack.office
    )


def _emblem(pack: Pack, settings: LetterSettings) -> Path | None:
    if settings.emblem is None:
        return None
    path = pack.root / settings.emblem
    if not path.is_file():
        raise InputError(_("pack.yaml letters.emblem: ไม่พบไฟล์ {emblem} ข้าง pack.yaml").format(emblem=settings.emblem))
    return path


def _page_and_styles(document: object, page: ReportSettings) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Cm

    from ..outputs import ooxml

    section = document.sections[0]  # type: ignore[attr-defined]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # the default template is US Letter
    # A memo starts high on the page, where the Garuda sits; the sides follow the report's settings.
    section.top_margin, section.bottom_margin = Cm(MEMO_TOP_CM), Cm(page.margin_bottom_cm)
    section.left_margin, section.right_margin = Cm(page.margin_left_cm), Cm(page.margin_right_cm)
    styles = document.styles  # type: ignore[attr-defined]
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    ooxml.thai_run_properties(defaults, BODY_PT)  # replaces the theme fonts Thai would fall back to
    normal = styles["Normal"]
    ooxml.thai_run_properties(normal.element.get_or_add_rPr(), BODY_PT, bold=False)
    normal.paragraph_format.space_after = Cm(0)
    normal.paragraph_format.space_before = Cm(0)
    normal.paragraph_format.line_spacing = 1.0


def _run(paragraph: object, text: str, size: float = BODY_PT, bold: bool = False) -> object:
    from ..outputs import ooxml

    run = paragraph.add_run(text)  # type: ignore[attr-defined]
    ooxml.thai_run_properties(run._r.get_or_add_rPr(), size, bold=bold)
    return run


def _memo(
    document: object,
    memo: Memo,
    pack: Pack,
    result: CheckResult,
    settings: LetterSettings,
    today: date,
    due: date,
    d: Callable[[str], str],
    emblem: Path | None,
    *,
    new_page: bool,
) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt

    add = document.add_paragraph  # type: ignore[attr-defined]
    office = settings.office or pack.office
    unit = memo.unit

    head = add()
    head.paragraph_format.page_break_before = new_page
    if emblem is not None:
        head.alignment = WD_ALIGN_PARAGRAPH.LEFT
        head.add_run().add_picture(str(emblem), height=Cm(1.5))
        head = add()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(head, "บันทึกข้อความ", TITLE_PT, bold=True)
    head.paragraph_format.space_after = Pt(0)

    line = add()
    _run(line, "ส่วนราชการ", LABEL_PT, bold=True)
    _run(line, "  " + office + (f"  โทร. {d(settings.phone)}" if settings.phone else ""))

    line = add()
    line.paragraph_format.tab_stops.add_tab_stop(Cm(8), WD_TAB_ALIGNMENT.LEFT)
    _run(line, "ที่", LABEL_PT, bold=True)
    _run(line, "  " + d(settings.number_prefix or "") + "\t")
    _run(line, "วันที่", LABEL_PT, bold=True)
    _run(line, "  " + d(thai.format_date(today, "long")))

    line = add()
    _run(line, "เรื่อง", LABEL_PT, bold=True)
    _run(line, "  " + d(f"ขอให้ส่งหลักฐานการประเมิน ITA ปี พ.ศ. {pack.fiscal_year} เพิ่มเติม"))
    line.paragraph_format.space_after = Pt(3)

    line = add()
    _run(line, "เรียน", BODY_PT, bold=False)
    _run(line, "  " + settings.addressee.replace("{unit}", unit.name))
    line.paragraph_format.space_after = Pt(3)

    def body(text: str) -> object:
        paragraph = add()
        paragraph.paragraph_format.first_line_indent = Cm(INDENT_CM)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.THAI_JUSTIFY  # what Thai offices use: no stretched gaps
        _run(paragraph, d(text))
        return paragraph

    body(
        f"ตามที่{office}ขอให้หน่วยงานส่งหลักฐานประกอบการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
        f"ของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {pack.fiscal_year} นั้น"
    )
    body(
        f"จากการตรวจสอบหลักฐาน ณ วันที่ {thai.format_date(result.pack.today, 'long')} "
        f"พบว่า{unit.name}ยังมีหลักฐานที่ต้องส่งเพิ่มเติมหรือแก้ไข จำนวน {len(memo.items)} รายการ ดังนี้"
    )
    for number, item in enumerate(memo.items, 1):
        paragraph = add()
        paragraph.paragraph_format.left_indent = Cm(INDENT_CM + 0.75)
        paragraph.paragraph_format.first_line_indent = Cm(-0.75)
        doc = item.document
        _run(paragraph, d(f"{number}. ข้อ {doc.id} {doc.title}: {item.problem}"))
    # Where a file goes in the evidence tree is the clerk's business; how to name it is the unit's,
    # and a name that starts with the item and the unit is one intake files without asking.
    example = f"{memo.items[0].document.id} {short_name(pack, unit.id)}.pdf"
    how = f" ทาง{settings.send_to}" if settings.send_to else f" มายัง{office}"
    body(
        f"จึงเรียนมาเพื่อโปรดพิจารณาดำเนินการจัดส่งหลักฐานดังกล่าว{how} "
        f"ภายในวันที่ {thai.format_date(due, 'long')} โดยตั้งชื่อไฟล์ขึ้นต้นด้วยเลขข้อและชื่อหน่วยงาน "
        f"เช่น “{example}” จะขอบคุณยิ่ง"
    ).paragraph_format.space_before = Pt(0)

    for _blank in range(2):
        add()
    signer = settings.signer
    lines = [f"({signer})" if signer else "(" + " " * 40 + ")", *(settings.position or "").splitlines()]
    for text in lines:
        paragraph = add()
        paragraph.paragraph_format.left_indent = Cm(SIGNATURE_INDENT_CM)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, d(text))
