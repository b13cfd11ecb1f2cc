"""The order of the evidence handed in: sections (levels) -> documents -> units -> files, from the result.

The archive and the binder both follow it. It only reads the CheckResult: nothing is scanned again
and no status is decided again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..evidence.result import CheckResult, Evidence, Status
from ..pack import thai


@dataclass(frozen=True)
class Written:
    """A file bundle wrote (the archive, a binder): the binder and the archive both report them."""

    path: Path
    what: str  # a line saying what it holds, for the person who ran the command


class Part(NamedTuple):
    """The evidence of one requirement: a document, or a document for one unit. A named tuple: a
    national bundle makes 328,697 of them, and a frozen dataclass's __init__ cost 0.46 s of that."""

    section: int
    section_label: str
    document: str
    document_title: str
    unit: str | None  # unit id; None for the pack's own document
    unit_name: str | None
    status: Status
    files: tuple[Evidence, ...]


def parts(result: CheckResult, *, files_in_order: bool = True) -> list[Part]:
    """Every requirement that has counted evidence, in the order of the pack: sections as written,
    documents as written, units in the order of units.yaml. files_in_order=False leaves each
    requirement's files in the result's order, for a caller that sorts every file itself (the
    archive, by name): the natural sort of 394,412 paths is then spent for nothing."""
    from ..outputs.wording import section_label

    labels = {s.number: section_label(s, result.pack.ladder) for s in result.sections}
    names = {u.id: u.name for u in result.units}
    found: list[Part] = []
    make = tuple.__new__  # a Part made without its keyword-taking __new__: 328,697 nationally
    for document in result.documents:
        section, document_id, title = document.section, document.id, document.title
        label = labels.get(section, str(section))
        # A document's requirements are in units.yaml's order already: decide makes them so
        # (Pack.units_for), and so the result's units are listed. Sorting them again was 0.3 s
        # of a national bundle.
        for requirement in document.requirements:
            files = requirement.files
            if not files:
                continue
            unit = requirement.unit
            if files_in_order and len(files) > 1:  # one file needs no sorting (most requirements)
                files = tuple(sorted(files, key=_natural))
            unit_name = names.get(unit, unit) if unit else None
            found.append(make(Part, (section, label, document_id, title, unit, unit_name, requirement.status, files)))
    return found


def _natural(evidence: Evidence) -> tuple[tuple[int, int | str], ...]:
    """ "ภาพ 2" before "ภาพ 10"; thai.sort_key without its cache, which would keep 65,536 keys alive."""
    return thai.sort_key.__wrapped__(evidence.path)
