"""The check on a terminal: a rich table per level, Thai titles, and a one-line verdict."""

from __future__ import annotations

from datetime import date
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..evidence.result import CheckResult, DocumentResult, LinkStatus, Requirement, Status
from ..evidence.scan import _display_name
from ..i18n import _
from . import wording

STYLE = {
    Status.OK: "green",
    Status.MISSING: "red",
    Status.PROBLEM: "yellow",
    Status.OVERDUE: "bold red",
    Status.DUE_SOON: "bold magenta",
    Status.NOT_STARTED: "dim",
    Status.NOT_APPLICABLE: "dim",
}
MAX_UNITS_LISTED = 8
NARROW = 100  # columns: below this the four-column table folds Thai titles and paths mid-word


def shown_name(name: str) -> str:
    """A file name as a terminal may show it: control characters as "?", direction overrides and
    line separators as <U+202E>, exactly as the check shows the names it scans."""
    return _display_name(name)[0]


def render(
    result: CheckResult,
    stream: TextIO,
    target_level: int | None = None,
    target_score: float | None = None,
    width: int | None = None,
) -> None:
    console = Console(file=stream, highlight=False, soft_wrap=False, width=width)
    if console.width < NARROW:  # a table would cut Thai words and paths: lines wrapped at spaces instead
        from . import plain

        plain.render(result, stream, target_level, target_score, width=console.width)
        return
    pack = result.pack
    console.print(Text(pack.title, style="bold"))
    console.print(
        _("{organisation} · ปีงบประมาณ พ.ศ. {year} ({window}) · หลักฐานใน {evidence}/").format(
            organisation=pack.organisation.name,
            year=pack.fiscal_year,
            window=wording.window(result),
            evidence=pack.evidence,
        ),
        markup=False,
    )
    shown = wording.results_shown(pack)
    if shown is not None and shown.line is None:  # both years: side by side
        table = Table(title=_("ผลการประเมิน ITA"), title_justify="left", title_style="bold")
        table.add_column(_("รายการ"))
        for year in shown.years:
            table.add_column(_("ปี {year}").format(year=year), justify="right")
        table.add_column(_("เปลี่ยนแปลง"), justify="right")
        for row in shown.rows:
            table.add_row(*row)
        console.print(table)
    elif shown is not None:
        line = _("ผลการประเมิน ITA ปี {year}: {results}").format(year=shown.years[0], results=shown.line)
        console.print(line, markup=False)
    if not pack.evidence_found:
        console.print(
            Text(
                _("ยังไม่มีโฟลเดอร์ {evidence}/ (สร้างด้วย itapack scaffold)").format(evidence=pack.evidence), style="yellow"
            )
        )
    units = {u.id: u.name for u in result.units}
    _due_soon(console, result, units)
    for section in result.sections:
        docs = [d for d in result.documents if d.section == section.number]
        if not docs:
            continue
        status = Status.OK if section.complete else Status.MISSING
        counts = f"{wording.done_of(section.satisfied, section.required)} ({wording.percent(section.percent)}%)"
        if section.pass_percent < 100:
            counts += " " + _("คะแนน {score} (ผ่านที่ {pass_percent})").format(
                score=wording.score(section.score), pass_percent=wording.score(section.pass_percent)
            )
        table = Table(
            title=f"{wording.section_label(section, pack.ladder)}  {wording.SYMBOL[status]}"
            f" {wording.section_state(section)}  {counts}",
            title_justify="left",
            title_style=f"bold {STYLE[status]}",
            expand=False,
        )
        table.add_column(_("ข้อ"), no_wrap=True)
        table.add_column(_("เอกสาร"), ratio=3)
        table.add_column(_("สถานะ"), no_wrap=True)
        table.add_column(_("หลักฐาน / ที่ต้องวาง"), ratio=4, overflow="fold")
        for doc in docs:
            table.add_row(doc.id, _title(doc), _status(doc.status, doc), _evidence(doc, units, result.links))
        console.print(table)
        _destinations(console, docs, units)
    _kinds(console, result)
    if result.strays:
        console.print(
            Text(_("ไฟล์/โฟลเดอร์ที่ไม่ได้นับ {count} รายการ").format(count=len(result.strays)), style="bold yellow")
        )
        for stray in result.strays:
            console.print(f"  {stray.path}: {wording.stray(stray)}", markup=False)
    if result.notices:
        console.print(Text(_("ข้อสังเกต {count} รายการ").format(count=len(result.notices)), style="bold"))
        for notice in result.notices:
            console.print(f"  {notice.path}: {wording.stray(notice)}", markup=False)
    if result.ignored:
        console.print(
            _("ข้ามไฟล์ขยะของระบบ (Thumbs.db, ~$…, .DS_Store) {count} ไฟล์").format(count=result.ignored),
            style="dim",
            markup=False,
        )
    passed = result.passed(target_level, target_score)
    console.print(
        Text(
            ("✓ " if passed else "✗ ") + wording.verdict(result, target_level, target_score),
            style="bold " + ("green" if passed else "red"),
        )
    )


def _title(doc: DocumentResult) -> Text:
    """The title, then what the pack says of it: owner, due date, window, page, note, content points."""
    text = Text(doc.title)
    for fact in wording.document_facts(doc):
        text.append(f"\n{fact}", style="dim")
    for item in doc.items:
        text.append(f"\n☐ {item}", style="dim")
    return text


def _status(status: Status, doc: DocumentResult) -> Text:
    label = f"{wording.SYMBOL[status]} {wording.STATUS[status]}"
    if doc.per_unit:
        label += f" {wording.done_of(doc.satisfied, doc.required)}"
    return Text(label, style=STYLE[status])


def _evidence(doc: DocumentResult, units: dict[str, str], links: dict | None = None) -> Text:
    text = Text()
    if doc.same_as:
        text.append(_("ใช้หลักฐานเดียวกับข้อ {document}").format(document=doc.same_as) + "\n", style="dim")
    if doc.date_pending:
        text.append(_("ยังไม่กำหนดวันที่") + "\n", style="yellow")
    if not doc.per_unit:
        _requirement_lines(text, doc.requirements[0], window=doc.window)
        _link_line(text, (links or {}).get((doc.id, None)))
        return _trim(text)
    pending = doc.owed
    if not pending:
        text.append(_("ครบทั้ง {count} หน่วย").format(count=doc.required) + "\n")
    for requirement in pending[:MAX_UNITS_LISTED]:
        name = units.get(requirement.unit or "", requirement.unit or "")
        text.append(f"{wording.SYMBOL[requirement.status]} {name}\n", style=STYLE[requirement.status])
        if len(pending) <= 3:
            _requirement_lines(text, requirement, indent="  ", window=doc.window)
        if requirement.url:
            text.append(f"  {requirement.url}\n", style="dim")
        _link_line(text, (links or {}).get((doc.id, requirement.unit)), indent="  ")
        for item in requirement.rejected:
            text.append(f"  {wording.rejected(item, doc.window)}\n", style="yellow")
    if len(pending) > MAX_UNITS_LISTED:
        more = len(pending) - MAX_UNITS_LISTED
        text.append(_("… และอีก {count} หน่วย (ดูทั้งหมด: --format json หรือ --unit)").format(count=more) + "\n", style="dim")
    excused = [r for r in doc.requirements if r.status is Status.NOT_APPLICABLE]
    for requirement in excused[:MAX_UNITS_LISTED]:
        name = units.get(requirement.unit or "", requirement.unit or "")
        line = f"{wording.SYMBOL[Status.NOT_APPLICABLE]} {name}  {wording.excused(requirement.reason)}\n"
        text.append(line, style=STYLE[Status.NOT_APPLICABLE])
    # check --links: units whose evidence is complete but whose page needs fixing
    bad = [
        (r, link)
        for r in doc.requirements
        if r.status is Status.OK and (link := (links or {}).get((doc.id, r.unit))) is not None and link.verdict != "ok"
    ]
    for requirement, link in bad[:MAX_UNITS_LISTED]:
        name = units.get(requirement.unit or "", requirement.unit or "")
        text.append(f"{wording.SYMBOL[Status.OK]} {name}\n", style=STYLE[Status.OK])
        _link_line(text, link, indent="  ")
    return _trim(text)


def _requirement_lines(
    text: Text, requirement: Requirement, indent: str = "", window: tuple[date, date] | None = None
) -> None:
    if requirement.status is Status.NOT_APPLICABLE:
        text.append(f"{indent}{wording.excused(requirement.reason)}\n", style=STYLE[Status.NOT_APPLICABLE])
        return
    if requirement.status is Status.OK:
        first = requirement.files[0].path.rsplit("/", 1)[-1]
        more = (
            " " + _("และอีก {count} ไฟล์").format(count=len(requirement.files) - 1) if len(requirement.files) > 1 else ""
        )
        text.append(f"{indent}{first}{more}\n")
        return
    if requirement.files:
        have = wording.have_files(len(requirement.files), requirement.needed)
        text.append(f"{indent}{have}\n", style="yellow")
    for item in requirement.rejected:
        text.append(f"{indent}{item.path.rsplit('/', 1)[-1]}: {wording.rejected(item, window)}\n", style="yellow")
    text.append(f"{indent}→ " + _("วางไฟล์ที่ใต้ตาราง") + "\n")  # the path, whole, is printed below the table


def _destinations(console: Console, docs: list[DocumentResult], units: dict[str, str]) -> None:
    """Where each missing piece goes, under the table: a path folded inside a cell cannot be copied,
    so each stands whole on its own line, never wrapped (soft_wrap)."""
    lines = []
    for doc in docs:
        for requirement in doc.owed[:MAX_UNITS_LISTED]:
            unit = f" {units.get(requirement.unit, requirement.unit)}" if requirement.unit else ""
            lines.append((f"  {wording.SYMBOL[requirement.status]} {doc.id}{unit}", requirement))
    if not lines:
        return
    console.print("→ " + _("วางไฟล์ที่"), style="bold")
    for label, requirement in lines:
        console.print(label, style=STYLE[requirement.status], markup=False)
        path, name = wording.destination(requirement.expected)
        console.print(f"    {path}", soft_wrap=True, markup=False, highlight=False)
        if name is not None:
            console.print(f"    ({name})", markup=False, highlight=False)


def _due_soon(console: Console, result: CheckResult, units: dict[str, str]) -> None:
    """What falls due within days comes first: it is what the clerk chases this week."""
    soon = wording.due_soon(result, units)
    if not soon:
        return
    console.print(Text(_("ใกล้กำหนดส่ง {count} รายการ").format(count=len(soon)), style=STYLE[Status.DUE_SOON]))
    for line in soon:
        console.print(f"  {wording.SYMBOL[Status.DUE_SOON]} {line}", markup=False)


LINK_STYLE = {"ok": "green", "problem": "yellow", "broken": "red", "unchecked": "dim"}


def _link_line(text: Text, link: LinkStatus | None, indent: str = "") -> None:
    """check --links: the page's last link check, under the file evidence."""
    if link is not None:
        text.append(f"{indent}{wording.link(link)}\n", style=LINK_STYLE.get(link.verdict, ""))


def _trim(text: Text) -> Text:
    text.rstrip()
    return text


def _kinds(console: Console, result: CheckResult) -> None:
    kinds = [k for k in result.kinds if k.required]
    if not kinds or result.selection.units is not None:
        return
    table = Table(title=_("ความครบถ้วนตามประเภทหน่วยงาน"), title_justify="left", title_style="bold")
    table.add_column(_("ประเภท"))
    table.add_column(_("หน่วย"), justify="right")
    table.add_column(_("ครบ/ต้องมี"), justify="right")
    table.add_column(_("ร้อยละ"), justify="right")
    for kind in kinds:
        table.add_row(
            kind.name,
            wording.count(kind.units),
            wording.done_of(kind.satisfied, kind.required),
            wording.percent(kind.percent),
        )
    console.print(table)
