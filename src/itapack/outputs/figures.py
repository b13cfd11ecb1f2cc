"""The figures the report and the workbook both show, made once from the result by one rule.

Two counts live side by side and are easy to confuse: requirements (รายการ: a document, or a
document for one unit) and units (หน่วยงาน). A unit is complete when every requirement it owes
is met. Every figure here says which it counts, so that the workbook's "ครบ" and the report's
never mean two things.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..evidence.result import CheckResult, SectionResult, percent


@dataclass(frozen=True)
class KindFigures:
    """One kind of unit: its units that owe anything, how many of them are complete, and their
    requirements met."""

    id: str
    name: str
    units: int
    complete: int  # units with every requirement met
    satisfied: int  # requirements met
    required: int  # requirements owed

    @property
    def behind(self) -> int:
        return self.units - self.complete

    @property
    def percent(self) -> float:
        """Of the requirements, not of the units."""
        return percent(self.satisfied, self.required)


def kinds(result: CheckResult) -> list[KindFigures]:
    """Every kind that owes anything, in the order of units.yaml; one pass over the units."""
    totals = {kind.id: [0, 0, 0, 0] for kind in result.kinds}
    for unit in result.units:
        required = unit.required
        if not required or unit.kind not in totals:
            continue
        satisfied = unit.satisfied
        counts = totals[unit.kind]
        counts[0] += 1
        counts[1] += satisfied == required
        counts[2] += satisfied
        counts[3] += required
    return [
        KindFigures(kind.id, kind.name, *totals[kind.id])  # type: ignore[arg-type]
        for kind in result.kinds
        if totals[kind.id][3]
    ]


def section_shows_score(section: SectionResult, ladder: bool) -> bool:
    """A section's one figure in the report: its (weighted) score, or, on a ladder level that
    needs everything done, the percent of its requirements met."""
    return not ladder or section.pass_percent < 100
