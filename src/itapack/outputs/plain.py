"""The check when piped, in a file (-o) or in CI logs: the terminal's words, ✓/✗ and verdict, as lines.

  ✗ ขาด 4.4  แผนการขับเคลื่อนการประเมิน ITA จ.สป.67
      → วางไฟล์ที่
        evidence/4.4 …/

A destination path stands alone on its line, so no narrow window cuts it and it copies whole.
"""

from __future__ import annotations

import io
from typing import TextIO

from ..evidence.result import CheckResult, DocumentResult, Status
from ..i18n import _
from . import wording


def render(
    result: CheckResult,
    stream: TextIO,
    target_level: int | None = None,
    target_score: float | None = None,
    width: int | None = None,
) -> None:
    """width: wrap lines at spaces to fit a narrow terminal; a path is never wrapped."""
    if width is not None:
        buffer = io.StringIO()
        render(result, buffer, target_level, target_score)
        stream.write(wrap(buffer.getvalue(), width, _paths(result)))
        return
    pack = result.pack
    write = stream.write
    heading = _("{organisation} · ปีงบประมาณ พ.ศ. {year} ({window})").format(
        organisation=pack.organisation.name, year=pack.fiscal_year, window=wording.window(result)
    )
    write(f"{pack.title}\n{heading}\n")
    shown = wording.results_shown(pack)
    if shown is not None and shown.line is None:  # both years: side by side
        before, now = shown.years
        write(_("ผลการประเมิน ITA  ปี {before} -> ปี {now}").format(before=before, now=now) + "\n")
        for what, old, new, change in shown.rows:
            write(f"  {what:<20} {old:>8} {new:>8}  {change}\n")
    elif shown is not None:
        write(_("ผลการประเมิน ITA ปี {year}: {results}").format(year=shown.years[0], results=shown.line) + "\n")
    if not pack.evidence_found:
        write(_("ยังไม่มีโฟลเดอร์ {evidence}/ (สร้างด้วย itapack scaffold)").format(evidence=pack.evidence) + "\n")
    units = {u.id: u.name for u in result.units}
    soon = wording.due_soon(result, units)
    if soon:  # what falls due within days first: it is what the clerk chases this week
        write("\n" + _("ใกล้กำหนดส่ง {count} รายการ").format(count=len(soon)) + "\n")
        write("".join(f"  {wording.SYMBOL[Status.DUE_SOON]} {line}\n" for line in soon))
    for section in result.sections:
        docs = [d for d in result.documents if d.section == section.number]
        if not docs:
            continue
        status = Status.OK if section.complete else Status.MISSING
        state = f"{wording.SYMBOL[status]} {wording.section_state(section)}"
        label = wording.section_label(section, pack.ladder)
        shares = f"{wording.done_of(section.satisfied, section.required)} ({wording.percent(section.percent)}%)"
        write(f"\n{label}  {state}  {shares}\n")
        for doc in docs:
            _document(write, doc, units, result.links)
    if result.strays:
        write("\n" + _("ไฟล์/โฟลเดอร์ที่ไม่ได้นับ {count} รายการ").format(count=len(result.strays)) + "\n")
        for stray in result.strays:
            write(f"  {stray.path}\n      {wording.stray(stray)}\n")
    if result.notices:
        write("\n" + _("ข้อสังเกต {count} รายการ").format(count=len(result.notices)) + "\n")
        for notice in result.notices:
            write(f"  {notice.path}\n      {wording.stray(notice)}\n")
    passed = result.passed(target_level, target_score)
    write(f"\n{'✓' if passed else '✗'} {wording.verdict(result, target_level, target_score)}\n")


def _label(status: Status) -> str:
    """ "✗ ขาด": the terminal's symbol and word, so a piped report reads (and greps) the same."""
    return f"{wording.SYMBOL[status]} {wording.STATUS[status]}"


def _document(write, doc: DocumentResult, units: dict[str, str], links: dict) -> None:  # type: ignore[no-untyped-def]
    """The document's first line, then what the pack says of it, then its units or its files."""
    facts = "".join(f"      {fact}\n" for fact in wording.document_facts(doc) + [f"☐ {item}" for item in doc.items])
    if doc.per_unit:
        units_done = _("(ครบ {satisfied}/{required} หน่วย)").format(
            satisfied=f"{doc.satisfied:,}", required=f"{doc.required:,}"
        )
        write(f"  {_label(doc.status)} {doc.id}  {doc.title}  {units_done}\n")
        write(facts)
    for requirement in doc.requirements:
        link = links.get((doc.id, requirement.unit))
        if doc.per_unit and requirement.status is Status.OK and (link is None or link.verdict == "ok"):
            continue  # a unit's evidence and page both fine: nothing to do
        indent = "    " if doc.per_unit else "  "
        # not applicable: the mark alone, the word comes with its reason ("ไม่เกี่ยวข้อง: …")
        excused = requirement.status is Status.NOT_APPLICABLE
        label = wording.SYMBOL[requirement.status] if excused else _label(requirement.status)
        if doc.per_unit:
            line = f"{indent}{label} {units.get(requirement.unit or '', requirement.unit)}"
        else:
            line = f"{indent}{label} {doc.id}  {doc.title}"
        if requirement.status is Status.OK:
            line += "  " + _("({count} ไฟล์)").format(count=len(requirement.files))
        if excused:
            line += f"  {wording.excused(requirement.reason)}"
        write(line + "\n")
        if not doc.per_unit:
            write(facts)
        if link is not None:
            write(f"{indent}    {wording.link(link)}\n")  # its word in Thai; the code is for JSON
        for item in requirement.rejected:
            write(f"{indent}    {item.path}\n{indent}      {wording.rejected(item, doc.window)}\n")
        if requirement.files and not requirement.status.settled:
            write(f"{indent}    {wording.have_files(len(requirement.files), requirement.needed)}\n")
        if not requirement.status.settled:
            # The path alone on its line, never wrapped or cut: it can be copied as it is.
            path, name = wording.destination(requirement.expected)
            write(f"{indent}    → {_('วางไฟล์ที่')}\n{indent}      {path}\n")
            if name is not None:
                write(f"{indent}      ({name})\n")
        if requirement.url:
            write(f"{indent}    {requirement.url}\n")


def _paths(result: CheckResult) -> set[str]:
    paths = {stray.path for stray in result.strays}
    for doc in result.documents:
        for requirement in doc.requirements:
            paths.add(wording.destination(requirement.expected)[0])
            paths.update(item.path for item in requirement.rejected)
    return paths


def wrap(text: str, width: int, whole: set[str]) -> str:
    """Lines longer than width broken at spaces only, continued two columns in. Thai has no spaces
    inside a phrase, so a phrase is never cut (a line may then stay long); lines in whole (paths)
    are left as they are, to be copied in one piece."""
    from rich.cells import cell_len

    out = []
    for line in text.split("\n"):
        if cell_len(line) <= width or line.strip() in whole:
            out.append(line)
            continue
        indent = " " * (len(line) - len(line.lstrip()))
        current = ""
        for word in line.strip().split(" "):
            candidate = f"{current} {word}" if current else f"{indent}{word}"
            if current and cell_len(candidate) > width:
                out.append(current)
                current = f"{indent}  {word}"
            else:
                candidate = candidate if current else f"{indent}{word}"
                current = candidate
        out.append(current)
    return "\n".join(out)
