"""The check when piped or in CI logs: one line per requirement, easy to grep.

missing  4.4  แผนการขับเคลื่อนการประเมิน ITA จ.สป.67  -> evidence/4.4 …/
"""

from __future__ import annotations

from typing import TextIO

from ..result import CheckResult, Status
from . import wording


def render(result: CheckResult, stream: TextIO, target: int | None = None) -> None:
    pack = result.pack
    write = stream.write
    write(f"{pack.title}\nปีงบประมาณ พ.ศ. {pack.fiscal_year} ({wording.window(result)})\n")
    if not pack.evidence_found:
        write(f"no evidence folder {pack.evidence}/ yet (itapack scaffold creates it)\n")
    units = {u.id: u.name for u in result.units}
    for level in result.levels:
        docs = [d for d in result.documents if d.level == level.number]
        if not docs:
            continue
        state = "complete" if level.complete else "incomplete"
        write(f"\nlevel {level.number}  {state}  {level.satisfied}/{level.required} ({level.percent:g}%)\n")
        for doc in docs:
            if doc.per_unit:
                write(f"  {doc.status:<8} {doc.id:<5} {doc.title}  ({doc.satisfied}/{doc.required} units)\n")
            for requirement in doc.requirements:
                if doc.per_unit and requirement.status is Status.OK:
                    continue
                unit = f"  [{units.get(requirement.unit, requirement.unit)}]" if requirement.unit else ""
                indent = "    " if doc.per_unit else "  "
                line = f"{indent}{requirement.status:<8} {doc.id:<5} {doc.title}{unit}"
                if requirement.status is Status.OK:
                    line += f"  ({len(requirement.files)} file{'s' if len(requirement.files) != 1 else ''})"
                else:
                    line += f"  -> {requirement.expected}"
                write(line + "\n")
                for item in requirement.rejected:
                    write(f"{indent}         {item.path}: {item.reason} ({wording.rejected(item)})\n")
    if result.strays:
        write(f"\nnot counted: {len(result.strays)}\n")
        for stray in result.strays:
            write(f"  {stray.reason:<14} {stray.path}{f'  (closest: {stray.hint})' if stray.hint else ''}\n")
    write(f"\n{wording.verdict(result, target)}\n")
