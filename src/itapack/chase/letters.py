"""Follow-up letters (ระเบียบงานสารบรรณ) to every unit that still owes evidence.

A body outside the sending office gets a หนังสือภายนอก, a unit of the office itself (units.yaml kind
`inside: true`) a บันทึกข้อความ. Each lists exactly what is missing or wrong, where it goes and by
when. They are written to DOCX only: nothing is sent. python-docx is imported only here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .. import safety
from ..check import unit_id as find_unit
from ..errors import InputError
from ..evidence.result import CheckResult, UnitResult
from ..i18n import _, in_thai
from ..outputs.wording import count
from ..outputs.written import is_own_report, refuse_evidence_folder
from ..pack import thai
from ..pack.folder import Pack
from ..pack.model import LetterSettings, ReportSettings
from .letterpages import CM_PT, Frame, Pager, continued
from .owed import Owed, by_unit

BODY_PT = 16
LABEL_PT = 20  # ส่วนราชการ, ที่, วันที่, เรื่อง: the memo's printed labels
TITLE_PT = 29  # "บันทึกข้อความ"
INDENT_CM = 2.5  # a paragraph's first line, as official letters indent it
MEMO_TOP_CM = 1.5
SIGNATURE_INDENT_CM = 4.5  # the block centres on the right of the page, a long position on one line
EXTERNAL_EMBLEM_CM = 3.0  # หนังสือภายนอก: the Garuda 3 cm high, centred at the top
MEMO_EMBLEM_CM = 1.5  # บันทึกข้อความ: 1.5 cm, at the left of the heading line
ADDRESS_AT_CM = 9.0  # the sender's address starts right of the middle of the text
DATE_AT_CM = 7.5  # the date starts near the middle of the line
TEXT_CENTRE_CM = 8.0  # the middle of 16 cm of text between 3 cm and 2 cm margins
LINE_PT = 20  # TH Sarabun New's line at 16 pt
SPACE_PT = 6  # between the parts of a letter: half a line, so a short letter stays on one page
# Past this many letters the combined run writes a file per district: 8,303 letters in one DOCX
# took 605 MB to write, and a file that size is more than Word opens comfortably. A file of 500
# letters took 220 MB beside the national check's 300 MB; 250 leave room under 600 MB.
LETTERS_PER_FILE = 250
FOOTER_CM = 1.0  # the "/ต่อหน้า" line sits this far above the paper's edge, inside the bottom margin
ITEM_HANG_CM = 0.75  # a listed item's number hangs left of its text
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
    wanted_kinds = {_pick(text, _kind_names(pack), "--kind") for text in kinds}
    wanted_districts = {_pick(text, _district_names(pack), "--district") for text in districts}
    by_id = {unit.id: unit for unit in result.units}
    found = []
    for unit_id, items in by_unit(result).items():
        unit = by_id[unit_id]
        if is_sender(unit.name, pack):
            continue  # the province owes its own ITAS entry too, but writes no letter to itself
        if wanted_units and unit.id not in wanted_units:
            continue
        if wanted_kinds and unit.kind not in wanted_kinds:
            continue
        if wanted_districts and unit.district not in wanted_districts:
            continue
        found.append(Memo(unit, tuple(items)))
    return found


def is_sender(name: str, pack: Pack) -> bool:
    """Is this unit the body that signs the letters (the province as a unit of its own pack)?"""
    return thai.name_key(name) == thai.name_key(pack.organisation.name)


def senders_owing(result: CheckResult, pack: Pack) -> list[str]:
    """The sender's own name when, as a unit, it still owes evidence: said, not written to."""
    owing = set(by_unit(result))
    return [unit.name for unit in result.units if unit.id in owing and is_sender(unit.name, pack)]


def _kind_names(pack: Pack) -> dict[str, tuple[str, ...]]:
    """Kind id -> its name first, then what else a clerk may type for it."""
    return {k.id: (k.name, *([k.short] if k.short else [])) for k in pack.roster.kinds}


def _district_names(pack: Pack) -> dict[str, tuple[str, ...]]:
    return {
        d.id: (d.name, d.name.removeprefix("อำเภอ"), "อ." + d.name.removeprefix("อำเภอ")) for d in pack.roster.districts
    }


def _pick(text: str, names: dict[str, tuple[str, ...]], option: str) -> str:
    """An id, or any of its Thai names, compared Thai-folded."""
    key = thai.name_key(text)
    for ident, spellings in names.items():
        if key in {thai.name_key(ident), *(thai.name_key(name) for name in spellings)}:
            return ident
    choices = ", ".join(spellings[0] for spellings in names.values()) or "units.yaml"  # names, not ids
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


def selection_name(
    pack: Pack, units: Sequence[str] = (), kinds: Sequence[str] = (), districts: Sequence[str] = ()
) -> str:
    """What a narrowed run was narrowed to, for its file name: a --district run never takes the
    name of the full run's file, so it can never replace it."""
    parts = [short_name(pack, find_unit(pack, text)) for text in units]
    for texts, names, option in (
        (kinds, _kind_names(pack), "--kind"),
        (districts, _district_names(pack), "--district"),
    ):
        parts += [names[_pick(text, names, option)][0] for text in texts]
    return " ".join(parts)


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
    narrowed: str = "",
) -> list[Path]:
    """narrowed: what --unit/--kind/--district limited the run to (selection_name()); it goes into
    the combined memo's name, so a run for one district never replaces the full run's memo, nor
    another's."""
    refuse_evidence_folder(pack.evidence_root, out)
    if due < today:
        raise InputError(
            _("--due {due} อยู่ก่อนวันที่ของบันทึก {today}").format(
                due=thai.format_be_iso(due), today=thai.format_be_iso(today)
            )
        )
    files: dict[Path, list[Memo]] = {}
    if split:
        for memo in found:
            _add(files, out, file_name(f"บันทึกติดตาม ITA {pack.fiscal_year} {memo.unit.name}"), [memo])
    else:
        for stem, memos in _combined(found, pack, narrowed):
            _add(files, out, stem, memos)
    for path in files:  # one refusal stops the lot, before any letter is made
        safety.check_target(path, force=force, ours=is_own_report)
    # Each file written as soon as it is made: a province's letters never all wait in memory.
    from ..outputs.seal import sealed_bytes  # how a later run knows the file was not edited since

    for path, memos in files.items():
        data = sealed_bytes(render(memos, pack, result, today=today, due=due))
        safety.write_bytes(path, data, force=force, ours=is_own_report)
    return list(files)


def _add(files: dict[Path, list[Memo]], out: Path, stem: str, memos: list[Memo]) -> None:
    """stem.docx, or "stem (2).docx" when two units or districts of one name take the same."""
    path = out / f"{stem}.docx"
    number = 2
    while path in files:
        path = out / f"{stem} ({number}).docx"
        number += 1
    files[path] = memos


def _combined(found: list[Memo], pack: Pack, narrowed: str) -> list[tuple[str, list[Memo]]]:
    """The combined run's files: one, or, past LETTERS_PER_FILE letters, one per district (as a
    province sends its letters out), each cut into numbered sets of at most LETTERS_PER_FILE."""
    stem = f"บันทึกติดตาม ITA {pack.fiscal_year} {narrowed}".rstrip()
    if len(found) <= LETTERS_PER_FILE:
        return [(file_name(stem), found)] if found else []
    districts: dict[str, list[Memo]] = {}
    for memo in found:
        districts.setdefault(memo.unit.district_name or "", []).append(memo)
    files = []
    for district, memos in districts.items():
        named = f"{stem} {district}".rstrip()
        sets = [memos[start : start + LETTERS_PER_FILE] for start in range(0, len(memos), LETTERS_PER_FILE)]
        for number, letters in enumerate(sets, 1):
            files.append((file_name(f"{named} ชุดที่ {number}" if len(sets) > 1 else named), letters))
    return files


def inside(pack: Pack, unit: UnitResult) -> bool:
    """A unit of the sending office itself gets a บันทึกข้อความ; every other body a หนังสือภายนอก."""
    kind = next((k for k in pack.roster.kinds if k.id == unit.kind), None)
    return kind is not None and kind.inside


# The head of a body by the kind's name, as ระเบียบงานสารบรรณ addresses it: the title takes the
# place of the kind's name ("เทศบาลตำบล" -> "นายกเทศมนตรีตำบล"), or goes before the unit's name.
_HEADS = (
    ("องค์การบริหารส่วนตำบล", "นายกองค์การบริหารส่วนตำบล"),
    ("องค์การบริหารส่วนจังหวัด", "นายกองค์การบริหารส่วนจังหวัด"),
    ("เทศบาล", "นายกเทศมนตรี"),
    ("จังหวัด", "ผู้ว่าราชการจังหวัด"),
    ("สำนักงาน", "หัวหน้าสำนักงาน"),
)


def addressee(pack: Pack, unit: UnitResult) -> str:
    """เรียน: the pack's own wording, else the head of the body by its kind (units.yaml `head`)."""
    settings = pack.info.letters
    if settings.addressee:
        return settings.addressee.replace("{unit}", unit.name)
    kind = next((k for k in pack.roster.kinds if k.id == unit.kind), None)
    if kind is not None and kind.head:
        if "{unit}" in kind.head:
            return kind.head.replace("{unit}", unit.name)
        if unit.name.startswith(kind.name):
            return kind.head + unit.name[len(kind.name) :]
        return kind.head + unit.name
    for start, title in _HEADS:
        if unit.name.startswith(start):
            return title + unit.name[len(start) :]
    return "ผู้อำนวยการ" + unit.name


def signature_lines(pack: Pack) -> list[str]:
    """The name in brackets, the position, and for whom the signer acts. With no name in pack.yaml
    the position alone, never an empty pair of brackets to fill in by hand."""
    settings = pack.info.letters
    signer = settings.signer
    position = (signer.position if signer and signer.position else settings.position) or ""
    lines = [f"({signer.name})"] if signer else []
    lines += position.splitlines()
    if signer and signer.acting_for:
        acting = signer.acting_for
        lines.append(acting if acting.startswith("ปฏิบัติราชการแทน") else "ปฏิบัติราชการแทน" + acting)
    if not lines:
        lines = ["ผู้ว่าราชการจังหวัด" + pack.info.province if pack.info.province else "หัวหน้า" + _office(pack)]
    return lines


def _office(pack: Pack) -> str:
    """The office that owns the matter, named at the foot of a letter and in a memo's ส่วนราชการ."""
    return pack.info.letters.office or pack.office


def _sender(pack: Pack) -> str:
    """The body that writes, as the letter's text names it: the province, not its division."""
    info = pack.info
    if info.organisation is not None:
        return info.organisation.name
    return "จังหวัด" + info.province if info.province else pack.office


@in_thai  # a letter to a Thai office
def render(found: list[Memo], pack: Pack, result: CheckResult, *, today: date, due: date) -> bytes:
    from docx import Document
    from docx.enum.section import WD_SECTION

    settings = pack.info.letters
    page = pack.info.report
    document = Document()
    _styles(document)
    d: Callable[[str], str] = thai.to_thai_digits if page.thai_digits else (lambda text: text)
    emblem = _emblem(pack, settings)
    frame = _frame(page)
    footers = False  # once a letter has a "/ต่อหน้า" line, every later page says its own footer
    for index, memo in enumerate(found):
        section = document.sections[0] if index == 0 else document.add_section(WD_SECTION.NEW_PAGE)
        _page(section, page, first=index == 0)
        if footers:
            _no_footer(section)
        letter = Letter(document, memo, pack, d, emblem, Pager(frame), page)
        if inside(pack, memo.unit):
            letter.memo_head(today)
        else:
            letter.external_head(today)
        letter.body(result, due)
        letter.signature(closing=not inside(pack, memo.unit))
        footers = footers or letter.turned
    from ..outputs.docx_report import saved

    return saved(document, title=f"หนังสือติดตามหลักฐาน ITA ปีงบประมาณ {pack.fiscal_year}", author=_office(pack))


def _frame(page: ReportSettings) -> Frame:
    """The letter's printed area. From page 2 the number on top ("- ๒ -", a line and a line clear of
    the text) sits lower than the first page's top margin, so later pages hold a little less."""
    height = 29.7 - page.margin_bottom_cm
    numbered_top = max(MEMO_TOP_CM, MEMO_TOP_CM / 2 + 2 * LINE_PT / CM_PT)
    return Frame(
        width_pt=(21.0 - page.margin_left_cm - page.margin_right_cm) * CM_PT,
        first_pt=(height - MEMO_TOP_CM) * CM_PT,
        next_pt=(height - numbered_top) * CM_PT,
        line_pt=LINE_PT,
    )


def _no_footer(section: object) -> None:
    """A footer of its own, empty, on both kinds of page: Word would show the one before it otherwise."""
    for footer in (section.footer, section.first_page_footer):  # type: ignore[attr-defined]
        footer.is_linked_to_previous = False


def _emblem(pack: Pack, settings: LetterSettings) -> Path | None:
    if settings.emblem is None:
        return None
    path = pack.root / settings.emblem
    if not path.is_file():
        raise InputError(_("pack.yaml letters.emblem: ไม่พบไฟล์ {emblem} ข้าง pack.yaml").format(emblem=settings.emblem))
    return path


def _styles(document: object) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    from ..outputs import ooxml

    styles = document.styles  # type: ignore[attr-defined]
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    ooxml.thai_run_properties(defaults, BODY_PT)  # replaces the theme fonts Thai would fall back to
    for name in ("Normal", "Header", "Footer"):
        style = styles[name]
        ooxml.thai_run_properties(style.element.get_or_add_rPr(), BODY_PT, bold=False)
        style.paragraph_format.space_after = Cm(0)
        style.paragraph_format.space_before = Cm(0)
        # Lines as tall as TH Sarabun New's own, whatever font stands in for it: its look-alikes
        # (Laksaman: 1.96 em) would otherwise push a one-page letter onto two pages.
        style.paragraph_format.line_spacing = Pt(LINE_PT)
        style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    # "- 2 -" a line clear of the text below it: the page's text moves down rather than touch it.
    styles["Header"].paragraph_format.space_after = Pt(LINE_PT)


def _page(section: object, page: ReportSettings, *, first: bool) -> None:
    """A4, the letter high on the page where the Garuda sits; the sides follow the report's settings.
    Each letter is a section of its own: its first page unnumbered, the next ones "- 2 -" on top."""
    from docx.shared import Cm

    from ..outputs import ooxml
    from ..outputs.docx_report import page_numbers

    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # type: ignore[attr-defined]
    section.top_margin, section.bottom_margin = Cm(MEMO_TOP_CM), Cm(page.margin_bottom_cm)  # type: ignore[attr-defined]
    section.left_margin, section.right_margin = Cm(page.margin_left_cm), Cm(page.margin_right_cm)  # type: ignore[attr-defined]
    section.header_distance = Cm(MEMO_TOP_CM / 2)  # type: ignore[attr-defined]
    section.footer_distance = Cm(FOOTER_CM)  # type: ignore[attr-defined]
    if first:
        page_numbers(section, page.thai_digits)  # type: ignore[arg-type]
    else:  # later letters share the first one's header, and count their pages from 1 again
        section.different_first_page_header_footer = True  # type: ignore[attr-defined]
    ooxml.page_number_format(section, "thaiNumbers" if page.thai_digits else "decimal", start=1)


def _run(paragraph: object, text: str, size: float = BODY_PT, bold: bool = False) -> object:
    from ..outputs import ooxml

    run = paragraph.add_run(text)  # type: ignore[attr-defined]
    ooxml.thai_run_properties(run._r.get_or_add_rPr(), size, bold=bold)
    return run


class Letter:
    """One letter, paragraph by paragraph, in the order ระเบียบงานสารบรรณ sets its parts."""

    def __init__(
        self,
        document: object,
        memo: Memo,
        pack: Pack,
        d: Callable[[str], str],
        emblem: Path | None,
        pager: Pager,
        page: ReportSettings,
    ) -> None:
        self.document, self.memo, self.pack, self.d, self.emblem = document, memo, pack, d, emblem
        self.pager, self.page = pager, page
        self.settings = pack.info.letters
        self.office = _office(pack)
        self.subject = d(f"ขอให้ส่งหลักฐานการประเมิน ITA ปี พ.ศ. {pack.fiscal_year} เพิ่มเติม")
        self.turned = False  # the letter runs onto a page it started itself

    def height(self, text: str, *, before_pt: float = 0, left_cm: float = 0, first_cm: float = 0) -> float:
        """How tall the paragraph prints: every line exactly LINE_PT (see _styles)."""
        return before_pt + LINE_PT * self.pager.frame.lines(text, size=BODY_PT, left_cm=left_cm, first_cm=first_cm)

    def add(
        self,
        text: str = "",
        *,
        before_pt: float = 0,
        size: float = BODY_PT,
        bold: bool = False,
        left_cm: float = 0,
        first_cm: float = 0,
        tall_pt: float | None = None,
    ) -> object:
        """A paragraph, counted on the page; tall_pt for one whose height is a picture's."""
        from docx.shared import Cm, Pt

        paragraph = self.document.add_paragraph()  # type: ignore[attr-defined]
        paragraph.paragraph_format.space_before = Pt(before_pt)
        if left_cm:
            paragraph.paragraph_format.left_indent = Cm(left_cm)
        if first_cm:
            paragraph.paragraph_format.first_line_indent = Cm(first_cm)
        if text:
            _run(paragraph, text, size, bold)
        self.pager.add(
            before_pt + tall_pt
            if tall_pt is not None
            else self.height(text, before_pt=before_pt, left_cm=left_cm, first_cm=first_cm)
        )
        return paragraph

    def make_room(self, height: float, first_words: str) -> None:
        """Start a new page before a part that would not fit on this one, and say at this page's
        foot what the next one starts with (ระเบียบงานสารบรรณ)."""
        if self.pager.fits(height):
            return
        from docx.enum.section import WD_SECTION
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        from ..outputs import ooxml

        section = self.document.sections[-1]  # type: ignore[attr-defined]
        footer = section.first_page_footer if not self.turned else section.footer
        footer.is_linked_to_previous = False
        foot = footer.paragraphs[0]
        foot.style = "Footer"
        foot.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(foot, continued(first_words))
        following = self.document.add_section(WD_SECTION.NEW_PAGE)  # type: ignore[attr-defined]
        following.different_first_page_header_footer = False  # numbered on top, "- ๒ -"
        _no_footer(following)
        ooxml.page_number_format(following, "thaiNumbers" if self.page.thai_digits else "decimal")
        self.pager.turn()
        self.turned = True

    def number(self) -> str:
        return self.d((self.settings.number_prefix or "") + (self.settings.number or ""))

    def external_head(self, today: date) -> None:
        """หนังสือภายนอก: the Garuda 3 cm centred, ที่ on the left and the address on the right,
        the date from the middle, เรื่อง and เรียน."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
        from docx.shared import Cm

        if self.emblem is not None:
            garuda = self.add(tall_pt=EXTERNAL_EMBLEM_CM * CM_PT + SPACE_PT)
            garuda.paragraph_format.line_spacing = 1.0  # as tall as the picture
            garuda.alignment = WD_ALIGN_PARAGRAPH.CENTER
            garuda.add_run().add_picture(str(self.emblem), height=Cm(EXTERNAL_EMBLEM_CM))
        province = self.pack.info.province
        address = self.settings.address or (f"ศาลากลางจังหวัด{province}" if province else self.office)
        for index, line in enumerate(address.splitlines() or [""]):
            # The address is a column of its own: a long line wraps under itself, not under ที่.
            before = 0 if self.emblem is not None or index else 12
            tall = self.height(self.d(line), before_pt=before, left_cm=ADDRESS_AT_CM)
            paragraph = self.add(before_pt=before, left_cm=ADDRESS_AT_CM, tall_pt=tall - before)
            if index == 0:
                paragraph.paragraph_format.first_line_indent = Cm(-ADDRESS_AT_CM)
                paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(ADDRESS_AT_CM), WD_TAB_ALIGNMENT.LEFT)
                _run(paragraph, f"ที่ {self.number()}\t")
            _run(paragraph, self.d(line))
        self.add(self.d(thai.format_date(today, "long")), before_pt=SPACE_PT, left_cm=DATE_AT_CM)
        self.add(f"เรื่อง  {self.subject}", before_pt=SPACE_PT)
        self.add(f"เรียน  {addressee(self.pack, self.memo.unit)}", before_pt=SPACE_PT)

    def memo_head(self, today: date) -> None:
        """บันทึกข้อความ: the Garuda 1.5 cm at the left of the heading line, the title centred."""
        from docx.enum.text import WD_TAB_ALIGNMENT
        from docx.shared import Cm

        head = self.add(tall_pt=max(MEMO_EMBLEM_CM * CM_PT, TITLE_PT * 1.3))
        head.paragraph_format.line_spacing = 1.0  # as tall as the picture and the 29 pt title
        head.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_CENTRE_CM), WD_TAB_ALIGNMENT.CENTER)
        if self.emblem is not None:
            head.add_run().add_picture(str(self.emblem), height=Cm(MEMO_EMBLEM_CM))  # type: ignore[attr-defined]
        _run(head, "\t")
        _run(head, "บันทึกข้อความ", TITLE_PT, bold=True)

        office = "  " + self.office + (f"  โทร. {self.d(self.settings.phone)}" if self.settings.phone else "")
        line = self.add(tall_pt=self.height("ส่วนราชการ " + office))  # the 20 pt label: a space wider
        _run(line, "ส่วนราชการ", LABEL_PT, bold=True)
        _run(line, office)
        line = self.add(tall_pt=LINE_PT)
        line.paragraph_format.tab_stops.add_tab_stop(Cm(8), WD_TAB_ALIGNMENT.LEFT)
        _run(line, "ที่", LABEL_PT, bold=True)
        _run(line, "  " + self.number() + "\t")
        _run(line, "วันที่", LABEL_PT, bold=True)
        _run(line, "  " + self.d(thai.format_date(today, "long")))
        line = self.add(tall_pt=self.height("เรื่อง   " + self.subject))
        _run(line, "เรื่อง", LABEL_PT, bold=True)
        _run(line, "  " + self.subject)
        self.add(f"เรียน  {addressee(self.pack, self.memo.unit)}", before_pt=SPACE_PT)

    def paragraph(self, text: str) -> object:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        paragraph = self.add(self.d(text), before_pt=SPACE_PT, first_cm=INDENT_CM)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.THAI_JUSTIFY  # what Thai offices use: no stretched gaps
        return paragraph

    def body(self, result: CheckResult, due: date) -> None:

        unit, items, pack = self.memo.unit, self.memo.items, self.pack
        self.paragraph(
            f"ตามที่{_sender(pack)}ขอให้หน่วยงานส่งหลักฐานประกอบการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
            f"ของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {pack.fiscal_year} นั้น"
        )
        self.paragraph(
            f"จากการตรวจสอบหลักฐาน ณ วันที่ {thai.format_date(result.pack.today, 'long')} "
            f"พบว่า{unit.name}ยังมีหลักฐานที่ต้องส่งเพิ่มเติมหรือแก้ไข จำนวน {count(len(items))} รายการ ดังนี้"
        )
        left, hang = INDENT_CM + ITEM_HANG_CM, -ITEM_HANG_CM
        for number, item in enumerate(items, 1):
            text = self.d(f"{number}. ข้อ {item.document.id} {item.document.title}: {item.problem}")
            self.make_room(self.height(text, left_cm=left, first_cm=hang), self.d(f"{number}. ข้อ {item.document.id}"))
            paragraph = self.add(text, left_cm=left, first_cm=hang)
            paragraph.paragraph_format.keep_together = True
        # Where a file goes in the evidence tree is the clerk's business; how to name it is the unit's,
        # and a name that starts with the item and the unit is one intake files without asking.
        example = f"{items[0].document.id} {short_name(pack, unit.id)}.pdf"
        how = f" ทาง{self.settings.send_to}" if self.settings.send_to else f" มายัง{self.office}"
        text = (
            f"จึงเรียนมาเพื่อโปรดพิจารณาดำเนินการจัดส่งหลักฐานดังกล่าว{how} "
            f"ภายในวันที่ {thai.format_date(due, 'long')} โดยตั้งชื่อไฟล์ขึ้นต้นด้วยเลขข้อและชื่อหน่วยงาน "
            f"เช่น “{example}” จะขอบคุณยิ่ง"
        )
        # The closing paragraph goes to the next page with the signature rather than leave it alone there.
        self.make_room(self.height(self.d(text), before_pt=SPACE_PT, first_cm=INDENT_CM) + self.close_pt(), "จึงเรียนมา")
        closing = self.paragraph(text)
        closing.paragraph_format.keep_together = True
        closing.paragraph_format.keep_with_next = True

    def signature_block(self, *, closing: bool) -> list[str]:
        return (["ขอแสดงความนับถือ", "", "", ""] if closing else ["", "", ""]) + signature_lines(self.pack)

    def contact(self) -> list[str]:
        """At the foot of a หนังสือภายนอก: the office that owns the matter and how to reach it."""
        lines = [self.office]
        lines += [f"โทร. {self.d(self.settings.phone)}"] if self.settings.phone else []
        lines += [f"ไปรษณีย์อิเล็กทรอนิกส์ {self.settings.email}"] if self.settings.email else []
        return lines

    def close_pt(self) -> float:
        """How tall the signature and the contact lines print, which go with the closing paragraph."""
        closing = not inside(self.pack, self.memo.unit)
        block = [(self.d(t), SIGNATURE_INDENT_CM) for t in self.signature_block(closing=closing)]
        height = SPACE_PT + sum(self.height(text, left_cm=left) for text, left in block)
        if closing:
            height += SPACE_PT + sum(self.height(text) for text in self.contact())
        return height

    def signature(self, *, closing: bool) -> None:
        """ขอแสดงความนับถือ (letters, not memos), room to sign, the name, the position; then, at the
        foot of a letter, the office that owns the matter and how to reach it."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        block = self.signature_block(closing=closing)
        for index, text in enumerate(block):
            paragraph = self.add(self.d(text), before_pt=SPACE_PT if index == 0 else 0, left_cm=SIGNATURE_INDENT_CM)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            # One block on one page, and the office at the foot of a letter goes with it.
            paragraph.paragraph_format.keep_with_next = closing or index < len(block) - 1
        if not closing:
            return
        contact = self.contact()
        for index, text in enumerate(contact):
            self.add(text, before_pt=SPACE_PT if index == 0 else 0).paragraph_format.keep_with_next = (
                index < len(contact) - 1
            )
