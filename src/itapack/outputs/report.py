"""What the DOCX and the HTML report say, worked out once from a CheckResult.

Two audiences, two parts. The summary is for the person who signs: the outcome, one line per
level or section, what blocks the next level, how far behind each kind of unit is, and the
signatures; it stays within two pages whatever the pack's size, so it names counts, not units.
The annexes are for the clerk: every document with its files, the unit matrix, and what each
unit still owes with the folder it goes in.

Both renderers lay out this model and nothing else, so the two files always agree. Every text a
reader sees passes through d(), which switches numbers and dates to ๐–๙ when asked; file
names and links stay as they are on disk.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import quote

from ..compare.diff import Comparison
from ..compare.section import CompareSection, compare_section
from ..errors import InputError
from ..evidence import layout
from ..evidence.result import (
    OWED,
    CheckResult,
    CriterionText,
    DocumentResult,
    LinkStatus,
    Requirement,
    Status,
    UnitResult,
)
from ..pack import thai
from ..timeline.build import Timeline
from ..timeline.table import TimelineTable, timeline_table
from . import figures, wording

MARKER = "itapack report"  # DOCX/XLSX category and HTML generator: how a later run knows a file is its own
# A province reports how it drove ITA across its units; any other body, its own assessment.
PROVINCE_HEADING = "รายงานผลการตรวจสอบหลักฐานการขับเคลื่อนการประเมินคุณธรรมและความโปร่งใส (ITA)"
BODY_HEADING = "รายงานผลการตรวจสอบหลักฐานการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)"
NOT_REQUIRED = "—"
WIDE_MATRIX = 4  # more per-unit documents than this: the unit matrix gets a landscape page
# Paper holds the unit matrix up to this size; beyond, it is the HTML's screen and the workbook's.
# 11 documents: 1.5 cm each on a landscape page (24.7 cm of text) beside a name 5 cm wide.
PAPER_MATRIX_UNITS = 120
PAPER_MATRIX_DOCUMENTS = 11
COMPACT_FOLLOWUPS = 60  # more units than this owe: on paper one line each, in two columns
MAX_BLOCKERS = 8  # lines in the summary's "what is still missing": it must stay within two pages
MAX_NAMES_IN_ROW = 10  # units named in one annex row; the unit matrix has every one
ANNEX_LETTERS = "กขคงจฉชซ"
count = wording.count


CORE_LIMIT = 1 << 20  # bytes of docProps/core.xml: a few hundred in any real file


def is_own_office_file(path: Path) -> bool:
    """A DOCX or XLSX that itapack wrote and nobody has saved since: its core properties carry
    MARKER as their category, and its seal (seal.py) still matches its members."""
    from .. import bounded
    from .seal import is_sealed

    try:
        with bounded.open_zip(path, str(path), bounded.PEEK) as archive:
            if not is_sealed(archive):  # saved again in Word or Excel: a person's file now
                return False
            info = bounded.member_named(archive, "docProps/core.xml")
            core = bounded.read_member(archive, info, str(path), CORE_LIMIT) if info is not None else b""
    except InputError:  # not a zip, a bomb, a FIFO, encrypted: not ours either way
        return False
    return MARKER in core.decode("utf-8", "replace")


@dataclass(frozen=True)
class Link:
    name: str
    href: str  # relative to the report file
    size: str


@dataclass(frozen=True)
class CriterionLine:
    number: str
    text: str
    depth: int


@dataclass(frozen=True)
class DocumentRow:
    id: str
    title: str
    status: Status
    status_text: str
    files: tuple[Link, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class SectionBlock:
    heading: str
    state: str
    complete: bool
    counts: str
    criteria: tuple[CriterionLine, ...]
    rows: tuple[DocumentRow, ...]


@dataclass(frozen=True)
class MatrixColumn:
    id: str
    title: str


@dataclass(frozen=True)
class MatrixCell:
    status: Status | None  # None: this unit does not need this document
    text: str


@dataclass(frozen=True)
class MatrixRow:
    number: str
    name: str
    cells: tuple[MatrixCell, ...]
    done: str
    complete: bool


@dataclass(frozen=True)
class MatrixGroup:
    heading: str
    rows: tuple[MatrixRow, ...]


@dataclass(frozen=True)
class FollowUp:
    unit: str
    items: tuple[str, ...]
    brief: str = ""  # the items in one line, ids after each status symbol: "✗ 2.1 2.4  ! 2.3"
    short: str = ""  # the unit as clerks abbreviate it: อบต.บางยอ


@dataclass(frozen=True)
class KindLine:
    name: str
    units: str
    complete: str  # units with everything in
    behind: str  # units still owing something
    percent: str  # of the kind's requirements


@dataclass(frozen=True)
class SummaryLine:
    """One level or section in the summary table."""

    label: str
    state: str
    complete: bool
    done: str
    percent: str


@dataclass(frozen=True)
class SignatureBlock:
    role: str
    name: str
    position: str


@dataclass(frozen=True)
class Report:
    heading: str
    title: str
    fiscal_year: str
    window: str
    office: str
    date: str
    outcome: str
    target_met: bool
    counts: str
    previous: str | None
    results: tuple[str, ...]  # this year's or last year's announced results, when only one is known
    comparison: tuple[tuple[str, ...], ...]  # both years side by side: a header row, then (what, before, now, change)
    summary_heading: str  # ผลรายระดับ / ผลรายหมวด
    summary_columns: tuple[str, ...]  # the summary table's headings: its last says which figure it shows
    summary_lines: tuple[SummaryLine, ...]
    blockers_heading: str
    blockers: tuple[str, ...]
    kinds: tuple[KindLine, ...]
    signatures: tuple[SignatureBlock, ...]
    date_line: str
    details_heading: str  # the first annex: every level or section in full
    sections: tuple[SectionBlock, ...]
    matrix_columns: tuple[MatrixColumn, ...]
    matrix_groups: tuple[MatrixGroup, ...]
    matrix_wide: bool
    matrix_on_paper: bool  # printed (DOCX, HTML on paper), or on screen only
    followups: tuple[FollowUp, ...]
    followup_note: str | None  # what "…/m3 *" asks, when a follow-up says it
    followups_compact: bool  # on paper one line a unit (FollowUp.brief); the HTML keeps the full list on screen
    legend: tuple[str, ...]
    thai_digits: bool
    created: datetime  # the DOCX's creation time, UTC: now, or a fixed moment for a reproducible bundle
    timeline: TimelineTable | None = None  # the year's dated items by month (itapack timeline), an annex
    compare: CompareSection | None = None  # against last year's pack (previous.pack), the last annex
    matrix_heading: str = ""  # every annex's heading carries its letter, given in the order printed
    followups_heading: str = ""
    timeline_heading: str = ""
    compare_heading: str = ""
    sources: tuple[str, ...] = ()  # where the scores' yardstick comes from (catalogue provenance), last

    def number(self, count: int) -> str:
        """A count as the report writes every number: thousands separated, in the report's digits."""
        text = wording.count(count)
        return thai.to_thai_digits(text) if self.thai_digits else text


def build(
    result: CheckResult,
    *,
    report_dir_to_pack: str,
    today: date,
    thai_digits: bool,
    created: datetime | None = None,
    timeline: Timeline | None = None,
    last_year: Comparison | None = None,
) -> Report:
    """report_dir_to_pack: the pack folder as seen from the report's folder ("..", "../pack")."""
    d: Callable[[str], str] = thai.to_thai_digits if thai_digits else (lambda text: text)
    return Report(
        **_front(result, today, d),
        **_results(result, d),
        **_summary(result, d),
        **_annexes(result, d, report_dir_to_pack, timeline, last_year),
        thai_digits=thai_digits,
        created=created or datetime.now(UTC).replace(microsecond=0, tzinfo=None),
    )


def _front(result: CheckResult, today: date, d: Callable[[str], str]) -> dict[str, object]:
    """The title block and the outcome, the report's first lines."""
    pack = result.pack
    if pack.ladder:
        outcome = f"ผลการดำเนินงาน: ผ่านระดับ {result.level_reached} จาก {pack.sections} (เป้าหมายระดับ {pack.target_level})"
    else:
        outcome = (
            f"ผลการดำเนินงาน: ครบ {count(result.satisfied)} จาก {count(result.required)} รายการ"
            f" คะแนน {wording.score(result.score)} จาก 100 (เป้าหมาย {wording.score(pack.target_score)})"
        )
    return {
        "heading": pack.report.heading or (PROVINCE_HEADING if pack.organisation.kind == "province" else BODY_HEADING),
        "title": d(pack.title),
        "fiscal_year": d(f"ประจำปีงบประมาณ พ.ศ. {pack.fiscal_year}"),
        "window": d(f"({wording.window(result)})"),
        "office": pack.office,
        "date": d(f"ข้อมูล ณ วันที่ {thai.format_date(today, 'long')}"),
        "outcome": d(outcome),
        "target_met": result.target_met,
        "counts": d(
            f"หลักฐานครบ {count(result.satisfied)} จาก {count(result.required)} รายการ"
            + "".join(f" {wording.STATUS[status]} {count(n)} รายการ" for status, n in wording.counts(result))
        ),
    }


def _results(result: CheckResult, d: Callable[[str], str]) -> dict[str, object]:
    """Last year's level or score, and the announced ITA results: one year's line, or both side by side."""
    pack = result.pack
    previous = None
    if pack.previous is not None and pack.previous.level_reached is not None and pack.ladder:
        previous = d(f"ปีงบประมาณ พ.ศ. {pack.previous.fiscal_year} ผ่านระดับ {pack.previous.level_reached}")
    elif pack.previous is not None and pack.previous.score is not None:
        previous = d(f"ปีงบประมาณ พ.ศ. {pack.previous.fiscal_year} คะแนน {wording.score(pack.previous.score)}")
    results: tuple[str, ...] = ()
    comparison: tuple[tuple[str, ...], ...] = ()
    shown = wording.results_shown(pack)
    if shown is not None and shown.line is None:  # both years: side by side
        comparison = (
            ("", *(d(f"ปี พ.ศ. {year}") for year in shown.years), "เปลี่ยนแปลง"),
            *(tuple(d(cell) for cell in row) for row in shown.rows),
        )
    elif shown is not None:
        results = (d(f"ผลการประเมิน ITA ปีงบประมาณ พ.ศ. {shown.years[0]}: {shown.line}"),)
    return {"previous": previous, "results": results, "comparison": comparison}


def _summary(result: CheckResult, d: Callable[[str], str]) -> dict[str, object]:
    """The part a director signs: a line per level or section, what blocks the next, each kind's progress."""
    return {
        "summary_heading": "ผลรายระดับ" if result.pack.ladder else "ผลรายหมวด",
        "summary_columns": _summary_columns(result),
        "summary_lines": tuple(_summary_line(result, section.number, d) for section in result.sections),
        "blockers_heading": _blockers_heading(result, d),
        "blockers": _blockers(result, d),
        "kinds": tuple(_kind_line(kind, d) for kind in figures.kinds(result)),
        "signatures": _signatures(result),
        "date_line": "วันที่ ......../......../........",
    }


def _annexes(
    result: CheckResult,
    d: Callable[[str], str],
    to_pack: str,
    timeline: Timeline | None,
    comparison: Comparison | None,
) -> dict[str, object]:
    """The clerk's part. The annexes are lettered ก ข ค ... in the order they are printed, whichever
    are present: a pack with no per-unit documents has no unit matrix, and its next annex is ข."""
    letters = iter(ANNEX_LETTERS)
    units = {unit.id: unit for unit in result.units}
    columns = _per_unit_documents(result)
    details = f"ภาคผนวก {next(letters)} รายละเอียด{'รายระดับ' if result.pack.ladder else 'รายหมวด'}และหลักฐาน"
    matrix = f"ภาคผนวก {next(letters)} ตารางความครบถ้วนรายหน่วยงาน" if columns else ""
    see = f"ภาคผนวก {next(letters)}"  # where a row's list of units continues
    followups = f"{see} รายการที่ต้องติดตาม"
    fields: dict[str, object] = {
        "details_heading": details,
        "sections": tuple(_section(result, s.number, d, to_pack, units, see) for s in result.sections),
        "matrix_heading": matrix,
        "matrix_columns": tuple(MatrixColumn(d(doc.id), d(doc.title)) for doc in columns),
        "matrix_groups": _matrix(result, d),
        "matrix_wide": len(columns) > WIDE_MATRIX,
        "matrix_on_paper": len(result.units) <= PAPER_MATRIX_UNITS and len(columns) <= PAPER_MATRIX_DOCUMENTS,
        "followups_heading": followups,
        "followups": (owing := _followups(result, d)),
        "followups_compact": len(owing) > COMPACT_FOLLOWUPS,
        "followup_note": _followup_note(result, d),
        "legend": (*(status_text(s) for s in Status), f"{NOT_REQUIRED} ไม่ต้องส่ง"),
    }
    table = timeline_table(timeline, d) if timeline is not None else None
    if table is not None:
        fields |= {"timeline": table, "timeline_heading": f"ภาคผนวก {next(letters)} {table.heading}"}
    if comparison is not None:
        section = compare_section(comparison, d)
        fields |= {"compare": section, "compare_heading": f"ภาคผนวก {next(letters)} {section.heading}"}
    return fields


def _summary_line(result: CheckResult, number: int, d: Callable[[str], str]) -> SummaryLine:
    section = next(s for s in result.sections if s.number == number)
    state = status_text(Status.OK) if section.complete else f"{wording.SYMBOL[Status.MISSING]} ยังไม่ครบ"
    shown = (
        f"{section.score:.2f}"  # ITA scores in two decimals, "100.00" above "88.92"
        if figures.section_shows_score(section, result.pack.ladder)
        else wording.percent(section.percent)
    )
    return SummaryLine(
        label=d(wording.section_label(section, result.pack.ladder)),
        state=state,
        complete=section.complete,
        done=d(wording.done_of(section.satisfied, section.required)),
        percent=d(shown),
    )


def _summary_columns(result: CheckResult) -> tuple[str, ...]:
    """A level or a section, and the figure its line shows: the share of its requirements met, its
    weighted score, or each (a ladder level short of 100% to pass shows its score)."""
    scored = [figures.section_shows_score(section, result.pack.ladder) for section in result.sections]
    figure = "คะแนน" if all(scored) else "ร้อยละ / คะแนน" if any(scored) else "ร้อยละ"
    return ("ระดับ" if result.pack.ladder else "หมวด", "สถานะ", "ครบ/ต้องมี", figure)


def _blockers_heading(result: CheckResult, d: Callable[[str], str]) -> str:
    if result.pack.ladder and result.level_reached < result.pack.sections:
        return d(f"สิ่งที่ยังขาดเพื่อผ่านระดับ {result.level_reached + 1}")
    return "รายการที่ยังไม่ครบ"


def _blockers(result: CheckResult, d: Callable[[str], str]) -> tuple[str, ...]:
    """What stands between the pack and its next level (a ladder) or its target (a checklist),
    as counts: the summary never lists units by name."""
    if result.pack.ladder:
        next_level = result.level_reached + 1
        docs = [doc for doc in result.documents if doc.section == next_level]
    else:
        docs = list(result.documents)
    lines = []
    for doc in docs:
        if doc.status.settled or doc.same_as:
            continue
        if doc.per_unit:
            behind = doc.required - doc.satisfied
            what = f"ยังไม่ครบ {count(behind)} จาก {count(doc.required)} หน่วยงาน"
        else:
            what = wording.STATUS[doc.status]
        due = ""
        if doc.due and doc.status is Status.OVERDUE:
            due = f" (กำหนดส่ง {wording.date_text(doc.due)})"
        elif doc.due and doc.status is Status.DUE_SOON:
            due = f" ({wording.due_in(doc.due, result.pack.today)})"
        lines.append(d(f"ข้อ {doc.id} {doc.title}: {what}{due}"))
    if len(lines) > MAX_BLOCKERS:
        lines = [*lines[: MAX_BLOCKERS - 1], d(f"และอีก {count(len(lines) - MAX_BLOCKERS + 1)} ข้อ (ดูภาคผนวก)")]
    return tuple(lines) or ("ไม่มี หลักฐานครบทุกรายการ",)


def _kind_line(kind: figures.KindFigures, d: Callable[[str], str]) -> KindLine:
    return KindLine(
        name=kind.name,
        units=d(str(kind.units)),
        complete=d(str(kind.complete)),
        behind=d(str(kind.behind)),
        percent=d(wording.percent(kind.percent)),
    )


def _signatures(result: CheckResult) -> tuple[SignatureBlock, ...]:
    """Who signs the summary: as pack.yaml says, else the reporter, the reviewer and the head."""
    pack = result.pack
    configured = pack.report.signatures
    if configured is None:
        head = f"ผู้ว่าราชการจังหวัด{pack.province}" if pack.organisation.kind == "province" and pack.province else ""
        return (
            SignatureBlock("ผู้รายงาน", "", ""),
            SignatureBlock("ผู้ตรวจสอบ", "", ""),
            SignatureBlock("ผู้อนุมัติ", "", head or f"หัวหน้า{pack.organisation.name}"),
        )
    return tuple(SignatureBlock(s.role, s.name or "", s.position or "") for s in configured)


def status_text(status: Status) -> str:
    return f"{wording.SYMBOL[status]} {wording.STATUS[status]}"


def _section(
    result: CheckResult, number: int, d: Callable[[str], str], to_pack: str, units: dict[str, UnitResult], see: str
) -> SectionBlock:
    section = next(s for s in result.sections if s.number == number)
    docs = [doc for doc in result.documents if doc.section == number]
    counts = f"{wording.done_of(section.satisfied, section.required)} รายการ ({wording.percent(section.percent)}%)"
    if section.pass_percent < 100 or not result.pack.ladder:
        counts += f" คะแนน {wording.score(section.score)}"
    return SectionBlock(
        heading=d(wording.section_label(section, result.pack.ladder)),
        state=status_text(Status.OK) if section.complete else f"{wording.SYMBOL[Status.MISSING]} ยังไม่ครบ",
        complete=section.complete,
        counts=d(counts),
        criteria=tuple(_criteria(section.criteria, d)),
        rows=tuple(_row(doc, d, to_pack, units, see, result.links) for doc in docs),
    )


def _criteria(criteria: tuple[CriterionText, ...], d: Callable[[str], str], depth: int = 0) -> list[CriterionLine]:
    lines: list[CriterionLine] = []
    for criterion in criteria:
        lines.append(CriterionLine(d(criterion.number or ""), d(criterion.text), depth))
        lines += _criteria(criterion.items, d, depth + 1)
    return lines


def _row(
    doc: DocumentResult,
    d: Callable[[str], str],
    to_pack: str,
    units: dict[str, UnitResult],
    see: str,
    links: dict[tuple[str, str | None], LinkStatus] | None = None,
) -> DocumentRow:
    notes: list[str] = [d(fact) for fact in wording.document_facts(doc)]
    notes += [f"☐ {d(item)}" for item in doc.items]
    if doc.same_as:
        notes.append(d(f"ใช้หลักฐานเดียวกับข้อ {doc.same_as}"))
    if doc.date_pending:
        notes.append("ยังไม่กำหนดวันที่")
    files: list[Link] = []
    if doc.per_unit:
        notes.append(d(f"ครบ {count(doc.satisfied)} จาก {count(doc.required)} หน่วยงาน"))
        pending = [short_name(units[r.unit].name) for r in doc.owed if r.unit in units]
        if pending:  # the follow-up annex names them all; a row stays a row
            more = (
                f" และอีก {count(len(pending) - MAX_NAMES_IN_ROW)} หน่วยงาน (ดู{see})"
                if len(pending) > MAX_NAMES_IN_ROW
                else ""
            )
            notes.append(d(f"ยังไม่ครบ: {', '.join(pending[:MAX_NAMES_IN_ROW])}{more}"))
        notes += [
            d(f"{units[r.unit].name if r.unit in units else r.unit} {wording.excused(r.reason)}")
            for r in doc.requirements
            if r.status is Status.NOT_APPLICABLE
        ]
    else:
        requirement = doc.requirements[0]
        files = [_link(f.path, d(_size(f.size)), to_pack) for f in requirement.files]
        notes += _requirement_notes(requirement, d, doc)
    notes += _link_notes(doc, d, units, links or {})
    return DocumentRow(d(doc.id), d(doc.title), doc.status, status_text(doc.status), tuple(files), tuple(notes))


def _link_notes(
    doc: DocumentResult,
    d: Callable[[str], str],
    units: dict[str, UnitResult],
    links: dict[tuple[str, str | None], LinkStatus],
) -> list[str]:
    """render --links: the page's last link check; for a per-unit document, the units whose page needs fixing."""
    if not doc.per_unit:
        link = links.get((doc.id, None))
        return [d(wording.link(link))] if link is not None else []
    bad = [
        (r.unit, link)
        for r in doc.requirements
        if (link := links.get((doc.id, r.unit))) is not None and link.verdict != "ok"
    ]
    if not bad:
        return []
    names = "; ".join(f"{units[u].name if u in units else u}: {wording.LINK[link.verdict]}" for u, link in bad)
    return [d(f"ลิงก์ที่ต้องแก้: {names}")]


def _requirement_notes(requirement: Requirement, d: Callable[[str], str], doc: DocumentResult) -> list[str]:
    notes = [f"{posixpath.basename(r.path)}: {d(wording.rejected(r, doc.window))}" for r in requirement.rejected]
    if requirement.status is Status.NOT_APPLICABLE:
        notes.append(d(wording.excused(requirement.reason)))
    elif requirement.status is not Status.OK:
        if requirement.files:
            notes.append(d(f"มี {count(len(requirement.files))} จาก {count(requirement.needed)} ไฟล์"))
        notes.append(f"ที่ต้องวาง: {requirement.expected}")
    return notes


def _link(path: str, size: str, to_pack: str) -> Link:
    if to_pack.startswith("file:"):  # the pack is on another drive than the report
        return Link(posixpath.basename(path), f"{to_pack}/{quote(path)}", size)
    return Link(posixpath.basename(path), quote(posixpath.join(to_pack, path)), size)


def _size(size: int) -> str:
    if size < 1024:
        return f"{count(size)} ไบต์"
    if size < 1024 * 1024:
        return f"{size / 1024:,.0f} กิโลไบต์"
    return f"{size / 1024 / 1024:,.1f} เมกะไบต์"


def _per_unit_documents(result: CheckResult) -> list[DocumentResult]:
    return [doc for doc in result.documents if doc.per_unit]


def _matrix(result: CheckResult, d: Callable[[str], str]) -> tuple[MatrixGroup, ...]:
    """Units without a district first, one group per kind; then one group per district."""
    columns = _per_unit_documents(result)
    kind_order = {kind.id: i for i, kind in enumerate(result.kinds)}
    groups: dict[str, list[UnitResult]] = {}
    for unit in result.units:
        if not unit.statuses:
            continue
        heading = unit.district_name or unit.kind_name
        groups.setdefault(heading, []).append(unit)
    ordered = sorted(groups.items(), key=lambda item: (item[1][0].district is not None, 0))
    counter = 0
    result_groups = []
    for heading, members in ordered:
        rows = []
        for unit in sorted(members, key=lambda u: kind_order.get(u.kind, 0)):
            counter += 1
            cells = tuple(
                MatrixCell(unit.statuses.get(doc.id), _cell_text(unit.statuses.get(doc.id))) for doc in columns
            )
            rows.append(
                MatrixRow(
                    d(count(counter)),
                    unit.name,
                    cells,
                    d(wording.done_of(unit.satisfied, unit.required)),
                    unit.satisfied == unit.required,
                )
            )
        result_groups.append(MatrixGroup(heading, tuple(rows)))
    return tuple(result_groups)


def _cell_text(status: Status | None) -> str:
    return NOT_REQUIRED if status is None else wording.SYMBOL[status]


def _followup_note(result: CheckResult, d: Callable[[str], str]) -> str | None:
    """A pack filed unit first sends a unit's file to its own folder as "…/m3 *": say once what
    that asks, since no one can put "*" in a name."""
    for doc in result.documents:
        for requirement in () if doc.same_as else doc.requirements:
            named = layout.named_in_folder(requirement.expected) if not requirement.status.settled else None
            if named is not None:
                return d(f"{wording.UNIT_FOLDER_NOTE} เช่น {named[1]} รายงานผล.pdf")
    return None


def _followups(result: CheckResult, d: Callable[[str], str]) -> tuple[FollowUp, ...]:
    """What is still to come, grouped by who owes it: each unit, and the office for the rest."""
    owed: dict[str, list[str]] = {}
    ids: dict[str, dict[Status, list[str]]] = {}
    names = {unit.id: unit.name for unit in result.units}
    owes: Counter[str] = Counter()  # every requirement of each, settled or not: "all of them" is said so
    for doc in result.documents:
        if doc.same_as:
            continue  # owed once, under the document whose evidence it shares
        owes.update(
            names.get(r.unit or "", doc.owner or result.pack.office)
            for r in doc.requirements
            if r.status is not Status.NOT_APPLICABLE
        )
        for requirement in doc.owed:
            who = names.get(requirement.unit or "", doc.owner or result.pack.office)
            reasons = _counted([wording.rejected(r, doc.window) for r in requirement.rejected])
            what = wording.STATUS[requirement.status] + (f" ({'; '.join(reasons)})" if reasons else "")
            due = f" กำหนดส่ง {wording.date_text(doc.due)}" if doc.due else ""
            placed = requirement.expected.endswith("/") or layout.named_in_folder(requirement.expected)
            where = f" → {requirement.expected}" if placed else ""  # not "units.yaml"
            owed.setdefault(who, []).append(d(f"ข้อ {doc.id} {doc.title}: {what}{due}") + where)
            ids.setdefault(who, {}).setdefault(requirement.status, []).append(d(doc.id))
    office_first = sorted(owed.items(), key=lambda item: item[0] != result.pack.office)
    return tuple(
        FollowUp(unit, tuple(items), _brief(ids[unit], owes[unit], d), short_name(unit)) for unit, items in office_first
    )


def _counted(reasons: list[str]) -> list[str]:
    """Each reason once, with how many files it is about: "ไฟล์เสีย… (2 ไฟล์)", not the same words twice."""
    times = Counter(reasons)
    return [reason if times[reason] == 1 else f"{reason} ({times[reason]} ไฟล์)" for reason in times]


# How clerks write the local bodies' names, where a long list has to fit on paper.
_SHORT_KINDS = (
    ("องค์การบริหารส่วนตำบล", "อบต."),
    ("องค์การบริหารส่วนจังหวัด", "อบจ."),
    ("เทศบาลตำบล", "ทต."),
    ("เทศบาลเมือง", "ทม."),
    ("เทศบาลนคร", "ทน."),
)


def short_name(name: str) -> str:
    """ "อบต.บางยอ" for องค์การบริหารส่วนตำบลบางยอ; any other name as it is."""
    for long, short in _SHORT_KINDS:
        if name.startswith(long) and len(name) > len(long):
            return short + name[len(long) :]
    return name


def _brief(by_status: dict[Status, list[str]], owes: int, d: Callable[[str], str]) -> str:
    """What a unit owes in one line, worst first: a large pack's paper list (the HTML has it all). A
    unit that has sent nothing yet, the usual case early in the year, is one short line, not 40 ids."""
    if len(by_status) == 1 and owes > 1:
        (status, owed_ids), *_ = by_status.items()
        if len(owed_ids) == owes:
            return d(f"{wording.SYMBOL[status]} ทุกข้อ ({owes:,} รายการ)")
    return "  ".join(
        f"{wording.SYMBOL[status]} {' '.join(by_status[status])}" for status in OWED if status in by_status
    )
