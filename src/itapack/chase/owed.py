"""What is still owed after a check, item by item, in the words the workbook and the memos share."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ..evidence.result import CheckResult, DocumentResult, Requirement, Status, UnitResult
from ..outputs import wording


@dataclass(frozen=True)
class Owed:
    """One requirement that is not satisfied: a document, for a unit or for the office."""

    document: DocumentResult
    requirement: Requirement
    unit: UnitResult | None
    late: bool = False  # its due date has passed (missing, it is overdue; a wrong file is late too)
    today: date | None = None  # what "due soon" was judged against

    @property
    def status(self) -> Status:
        return self.requirement.status

    @property
    def who(self) -> str:
        return self.unit.name if self.unit is not None else (self.document.owner or "")

    @property
    def problem(self) -> str:
        """What is wrong, as a clerk would write it in a memo or a tracking sheet."""
        requirement, doc = self.requirement, self.document
        parts = [f"{posixpath.basename(r.path)}: {wording.rejected(r, doc.window)}" for r in requirement.rejected]
        if requirement.files:
            parts.append(f"ส่งแล้ว {len(requirement.files)} จาก {requirement.needed} ไฟล์")
        elif not requirement.rejected:
            parts.append("ยังไม่ได้ส่ง")
        if self.late and doc.due is not None:
            parts.insert(0, f"เลยกำหนดส่ง {wording.date_text(doc.due)}")
        elif self.status in (Status.DUE_SOON, Status.NOT_STARTED) and doc.due is not None and self.today is not None:
            parts.insert(0, wording.due_in(doc.due, self.today))  # not yet late: by when, and how soon
        return "; ".join(parts)


def owed(result: CheckResult) -> Iterator[Owed]:
    """Every unsatisfied requirement, document by document; a same_as document is owed once,
    under the document whose evidence it shares."""
    units = {unit.id: unit for unit in result.units}
    for doc in result.documents:
        if doc.same_as:
            continue
        late = doc.due is not None and result.pack.today > doc.due
        for requirement in doc.requirements:
            if not requirement.status.settled:  # done or excused: nothing to chase
                yield Owed(doc, requirement, units.get(requirement.unit or ""), late, result.pack.today)


def by_unit(result: CheckResult) -> dict[str, list[Owed]]:
    """Unit id -> what it owes, in the result's unit order; units that owe nothing are left out."""
    found: dict[str, list[Owed]] = {}
    for item in owed(result):
        if item.unit is not None:
            found.setdefault(item.unit.id, []).append(item)
    order = {unit.id: i for i, unit in enumerate(result.units)}
    return dict(sorted(found.items(), key=lambda entry: order[entry[0]]))
