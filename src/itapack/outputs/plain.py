"""The check when piped or in CI logs: one line per requirement, easy to grep.

missing  4.4  แผนการขับเคลื่อนการประเมิน ITA จ.สป.67  -> evidence/4.4 …/
"""

from __future__ import annotations

from typing import TextIO

from ..result import CheckResult, DocumentResult, Status
from . import wording


def render(
    result: CheckResult, stream: TextIO, target_level: int | None = None, target_score: float | None = None
) -> None:
    pack = result.pack
    write = stream.write
    write(f"{pack.title}\n{pack.organisation.name} · ปีงบประมาณ พ.ศ. {pack.fiscal_year} ({wording.window(result)})\n")
    before = _previous(result)
    if pack.results is not None and before is not None:  # both years: side by side
        write(f"ผลการประเมิน ITA  ปี {pack.fiscal_year - 1} -> ปี {pack.fiscal_year}\n")
        for what, old, new, change in wording.results_rows(pack.results, before):
            write(f"  {what:<20} {old:>8} {new:>8}  {change}\n")
    else:
        for label, results in (("ผลการประเมินปีนี้", pack.results), ("ผลการประเมินปีที่แล้ว", before)):
            if results is not None:
                write(f"{label}: {wording.results_line(results)}\n")
    if not pack.evidence_found:
        write(f"no evidence folder {pack.evidence}/ yet (itapack scaffold creates it)\n")
    units = {u.id: u.name for u in result.units}
    for section in result.sections:
        docs = [d for d in result.documents if d.section == section.number]
        if not docs:
            continue
        state = "complete" if section.complete else "incomplete"
        label = wording.section_label(section, pack.ladder)
        write(f"\n{label}  {state}  {section.satisfied}/{section.required} ({section.percent:g}%)\n")
        for doc in docs:
            _document(write, doc, units, result.links)
    if result.strays:
        write(f"\nnot counted: {len(result.strays)}\n")
        for stray in result.strays:
            write(f"  {stray.reason:<14} {stray.path}  ({wording.stray(stray)})\n")
    if result.notices:
        write(f"\nnotices: {len(result.notices)}\n")
        for notice in result.notices:
            write(f"  {notice.reason:<14} {notice.path}  ({wording.stray(notice)})\n")
    write(f"\n{wording.verdict(result, target_level, target_score)}\n")


def _document(write, doc: DocumentResult, units: dict[str, str], links: dict) -> None:  # type: ignore[no-untyped-def]
    """The document's first line, then what the pack says of it, then its units or its files."""
    facts = [f"  {'':<8} {'':<5} {fact}\n" for fact in wording.document_facts(doc) + [f"☐ {i}" for i in doc.items]]
    if doc.per_unit:
        write(f"  {doc.status:<8} {doc.id:<5} {doc.title}  ({doc.satisfied}/{doc.required} units)\n")
        write("".join(facts))
    for requirement in doc.requirements:
        link = links.get((doc.id, requirement.unit))
        if doc.per_unit and requirement.status is Status.OK and (link is None or link.verdict == "ok"):
            continue  # a unit's evidence and page both fine: nothing to do
        unit = f"  [{units.get(requirement.unit, requirement.unit)}]" if requirement.unit else ""
        indent = "    " if doc.per_unit else "  "
        line = f"{indent}{requirement.status:<8} {doc.id:<5} {doc.title}{unit}"
        if requirement.status is Status.OK:
            line += f"  ({len(requirement.files)} file{'s' if len(requirement.files) != 1 else ''})"
        else:
            line += f"  -> {requirement.expected}"
        if requirement.url:
            line += f"  <{requirement.url}>"
        write(line + "\n")
        if not doc.per_unit:
            write("".join(facts))
        if link is not None:
            write(f"{indent}         {link.verdict:<9} {wording.link(link)}\n")
        for item in requirement.rejected:
            write(f"{indent}         {item.path}: {item.reason} ({wording.rejected(item, doc.window)})\n")


def _previous(result: CheckResult):  # type: ignore[no-untyped-def]
    previous = result.pack.previous
    return previous.results if previous is not None else None
