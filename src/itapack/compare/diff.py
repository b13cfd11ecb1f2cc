"""Two checked packs compared: per document and per unit, what changed between the years.

Documents are matched by id, then (ids move between years' YAML) by title with its numbers left
out, so "รายงานการประชุม 17 ม.ค. 2567" and "รายงานการประชุม 20 ม.ค. 2568" are one document. Units
are matched by id, then by name, as the check finds them. Scores are compared where both packs
hold results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..evidence.result import CheckResult, DocumentResult, UnitResult
from ..pack import thai
from ..pack.model import Results

_NUMBERS = re.compile(r"\d+", re.ASCII)
# Kinds of change, in the order a person reads them: what was lost first.
LOST, DONE, STILL_MISSING, STILL_DONE = "lost", "newly_done", "still_missing", "still_done"
SCORE_KEYS = ("total", "iit", "eit", "oit")
NOT_OWED = "not_applicable"  # the check's status for a requirement that does not apply


@dataclass(frozen=True)
class Change:
    document: str  # the new year's id
    document_before: str  # last year's id (the same unless it moved)
    title: str
    unit: str | None  # unit id, None for the body's own document
    unit_name: str | None
    before: str  # the check's status string
    after: str
    kind: str  # LOST, DONE, STILL_MISSING or STILL_DONE


@dataclass(frozen=True)
class Moved:
    before: str
    after: str
    title: str


@dataclass(frozen=True)
class ScoreChange:
    item: str  # total, iit, eit, oit, or an indicator number
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        return None if self.before is None or self.after is None else round(self.after - self.before, 2)


@dataclass
class Comparison:
    old_year: int
    new_year: int
    organisation: str
    changes: list[Change] = field(default_factory=list)
    added: list[DocumentResult] = field(default_factory=list)
    dropped: list[DocumentResult] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)
    units_added: list[UnitResult] = field(default_factory=list)
    units_removed: list[UnitResult] = field(default_factory=list)
    scores: list[ScoreChange] = field(default_factory=list)
    weak_both_years: list[ScoreChange] = field(default_factory=list)  # under the total both years

    def of_kind(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]


def title_key(title: str) -> str:
    """A title without its numbers (years, dates, counts): the same document in another year."""
    return " ".join(_NUMBERS.sub(" ", thai.fold(title)).split())


def compare(old: CheckResult, new: CheckResult, old_results: Results | None, new_results: Results | None) -> Comparison:
    result = Comparison(old.pack.fiscal_year, new.pack.fiscal_year, new.pack.organisation.name)
    pairs = _match_documents(old.documents, new.documents, result)
    units = _match_units(old.units, new.units, result)
    names = {unit.id: unit.name for unit in new.units}
    for before, after in pairs:
        old_status = {r.unit: str(r.status) for r in before.requirements}
        for requirement in after.requirements:
            old_unit = units.get(requirement.unit) if requirement.unit is not None else None
            if requirement.unit is not None and old_unit is None:
                continue  # a unit new this year: listed among the units added
            was = old_status.get(old_unit)
            if was is None or NOT_OWED in (was, str(requirement.status)):
                continue  # not owed one of the years (a document that became per unit, a kind added)
            result.changes.append(
                Change(
                    after.id,
                    before.id,
                    after.title,
                    requirement.unit,
                    names.get(requirement.unit) if requirement.unit else None,
                    was,
                    str(requirement.status),
                    _kind(was, str(requirement.status)),
                )
            )
    if old_results is not None and new_results is not None:
        result.scores = _scores(old_results, new_results)
        result.weak_both_years = _weak_both_years(old_results, new_results)
    return result


def _kind(before: str, after: str) -> str:
    if before == "ok":
        return STILL_DONE if after == "ok" else LOST
    return DONE if after == "ok" else STILL_MISSING


def _match_documents(
    old: tuple[DocumentResult, ...], new: tuple[DocumentResult, ...], result: Comparison
) -> list[tuple[DocumentResult, DocumentResult]]:
    by_id = {thai.fold(doc.id): doc for doc in old}
    pairs = [(by_id.pop(thai.fold(doc.id)), doc) for doc in new if thai.fold(doc.id) in by_id]
    paired = {id(after) for _, after in pairs}
    by_title: dict[str, DocumentResult] = {}
    for doc in by_id.values():
        by_title.setdefault(title_key(doc.title), doc)
    for doc in new:
        if id(doc) in paired:
            continue
        before = by_title.pop(title_key(doc.title), None)
        if before is None:
            result.added.append(doc)
            continue
        by_id.pop(thai.fold(before.id))
        pairs.append((before, doc))
        result.moved.append(Moved(before.id, doc.id, doc.title))
    result.dropped = list(by_id.values())
    order = {id(doc): n for n, doc in enumerate(new)}
    return sorted(pairs, key=lambda pair: order[id(pair[1])])


def _match_units(old: tuple[UnitResult, ...], new: tuple[UnitResult, ...], result: Comparison) -> dict[str, str]:
    """New unit id -> last year's id, by id, else by name (a unit renumbered in units.yaml)."""
    by_id = {unit.id: unit for unit in old}
    by_name = {thai.name_key(unit.name): unit for unit in old}
    matched: dict[str, str] = {}
    taken: set[str] = set()
    for unit in new:
        before = by_id.get(unit.id) or by_name.get(thai.name_key(unit.name))
        if before is None or before.id in taken:
            result.units_added.append(unit)
        else:
            matched[unit.id] = before.id
            taken.add(before.id)
    result.units_removed = [unit for unit in old if unit.id not in taken]
    return matched


def _scores(before: Results, after: Results) -> list[ScoreChange]:
    rows = [ScoreChange(key, getattr(before, key), getattr(after, key)) for key in SCORE_KEYS]
    rows = [row for row in rows if row.before is not None or row.after is not None]
    numbers = sorted({*before.indicators, *after.indicators}, key=thai.natural_key)
    return rows + [ScoreChange(n, before.indicators.get(n), after.indicators.get(n)) for n in numbers]


def _weak_both_years(before: Results, after: Results) -> list[ScoreChange]:
    """Indicators under the body's own total in both years (the weak-point rule's default)."""
    if before.total is None or after.total is None:
        return []
    weak = [
        ScoreChange(n, before.indicators[n], after.indicators[n])
        for n in before.indicators
        if n in after.indicators and before.indicators[n] < before.total and after.indicators[n] < after.total
    ]
    return sorted(weak, key=lambda row: row.after or 0)
