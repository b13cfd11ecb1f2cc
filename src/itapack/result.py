"""The result of a check: what every output (terminal, JSON, JUnit, DOCX, HTML) reads.

Outputs never scan or decide; everything they show is here. Paths are relative to the pack
folder and "/"-separated on every OS.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from .model import Previous, ReportSettings


class Status(StrEnum):
    OK = "ok"  # enough valid evidence
    MISSING = "missing"  # nothing there
    PROBLEM = "problem"  # something there, but not acceptable or not enough


def percent(satisfied: int, required: int) -> float:
    return 100.0 if required == 0 else round(100.0 * satisfied / required, 1)


# The three value types a national result holds hundreds of thousands of are named tuples:
# immutable like the rest, and several times cheaper to make than frozen dataclasses.
class Evidence(NamedTuple):
    folder: str  # relative to the pack, ending in "/": one string shared by every file of the folder
    name: str
    size: int

    @property
    def path(self) -> str:
        return self.folder + self.name


class Rejected(NamedTuple):
    """A file where evidence belongs that does not count, and why."""

    path: str
    size: int
    reason: str  # empty | type | content | unreadable | bad-name | unreadable-folder
    detail: str = ""


class Requirement(NamedTuple):
    """One thing to hand in: a document, or a document for one unit."""

    document: str
    unit: str | None
    status: Status
    expected: str  # where the evidence goes
    needed: int
    files: tuple[Evidence, ...] = ()
    rejected: tuple[Rejected, ...] = ()


@dataclass(frozen=True)
class CriterionText:
    number: str | None
    text: str
    items: tuple[CriterionText, ...] = ()


@dataclass(frozen=True)
class DocumentResult:
    id: str
    level: int
    title: str
    date: date | None
    date_pending: bool  # the title names a date that is not set yet (after rollover)
    per_unit: tuple[str, ...]  # unit kinds that each need it; empty: the province hands it in once
    same_as: str | None
    patterns: tuple[str, ...]
    types: tuple[str, ...]
    requirements: tuple[Requirement, ...]

    @property
    def satisfied(self) -> int:
        return sum(r.status is Status.OK for r in self.requirements)

    @property
    def required(self) -> int:
        return len(self.requirements)

    @property
    def status(self) -> Status:
        """The worst of its requirements: a problem, else missing, else ok."""
        statuses = {r.status for r in self.requirements}
        for status in (Status.PROBLEM, Status.MISSING):
            if status in statuses:
                return status
        return Status.OK


@dataclass(frozen=True)
class LevelResult:
    number: int
    criteria: tuple[CriterionText, ...]
    documents: tuple[str, ...]
    satisfied: int
    required: int
    complete: bool  # every document of this level is satisfied
    reached: bool  # this level and every level below it are complete

    @property
    def percent(self) -> float:
        return percent(self.satisfied, self.required)


@dataclass(frozen=True)
class UnitResult:
    id: str
    name: str
    kind: str
    kind_name: str
    district: str | None
    district_name: str | None
    statuses: dict[str, Status]  # document id -> status, for every document this unit needs

    @property
    def satisfied(self) -> int:
        return sum(s is Status.OK for s in self.statuses.values())

    @property
    def required(self) -> int:
        return len(self.statuses)

    @property
    def percent(self) -> float:
        return percent(self.satisfied, self.required)


@dataclass(frozen=True)
class KindSummary:
    id: str
    name: str
    units: int
    satisfied: int
    required: int

    @property
    def percent(self) -> float:
        return percent(self.satisfied, self.required)


@dataclass(frozen=True)
class Stray:
    """A file or folder in the evidence tree that serves no requirement, or could not be looked at."""

    path: str
    reason: str  # no-document | unknown-unit | no-pattern | link-outside | link-folder | link-broken
    # | unreadable-folder | too-long | bad-name | vanished
    hint: str = ""


@dataclass(frozen=True)
class PackSummary:
    title: str
    province: str
    office: str
    fiscal_year: int
    window: tuple[date, date]
    target_level: int
    levels: int
    evidence: str  # the evidence folder, relative to the pack
    evidence_found: bool
    previous: Previous | None
    report: ReportSettings


@dataclass(frozen=True)
class CheckResult:
    pack: PackSummary
    levels: tuple[LevelResult, ...]
    documents: tuple[DocumentResult, ...]
    units: tuple[UnitResult, ...]
    kinds: tuple[KindSummary, ...]
    strays: tuple[Stray, ...]
    ignored: int  # junk files (Thumbs.db, ~$ lock files, ...) passed over
    files_seen: int
    level_reached: int
    selection: Selection = field(default_factory=lambda: Selection())

    @property
    def requirements(self) -> Iterable[Requirement]:
        for document in self.documents:
            yield from document.requirements

    @property
    def satisfied(self) -> int:
        return sum(r.status is Status.OK for r in self.requirements)

    @property
    def required(self) -> int:
        return sum(1 for _ in self.requirements)

    @property
    def target_met(self) -> bool:
        return self.level_reached >= self.pack.target_level

    @property
    def complete(self) -> bool:
        """Every requirement shown is satisfied."""
        return all(r.status is Status.OK for r in self.requirements)

    def passed(self, target: int | None = None) -> bool:
        """The check's answer. With a target level: is it reached. With --level or --unit: is every
        requirement shown satisfied. Otherwise: is the pack's own target level reached."""
        if target is not None:
            return self.level_reached >= target
        if self.selection.narrowed:
            return self.complete
        return self.target_met

    def select(self, levels: frozenset[int] | None = None, units: frozenset[str] | None = None) -> CheckResult:
        """The same result narrowed to some levels or units, for --level and --unit."""
        documents = tuple(
            _narrow(doc, units)
            for doc in self.documents
            if (levels is None or doc.level in levels) and (units is None or doc.per_unit)
        )
        documents = tuple(doc for doc in documents if doc.requirements)
        return replace(
            self,
            levels=tuple(lv for lv in self.levels if levels is None or lv.number in levels),
            documents=documents,
            units=tuple(u for u in self.units if units is None or u.id in units),
            strays=self.strays if units is None else (),  # strays belong to no unit
            selection=Selection(levels, units),
        )


@dataclass(frozen=True)
class Selection:
    levels: frozenset[int] | None = None
    units: frozenset[str] | None = None

    @property
    def narrowed(self) -> bool:
        return self.levels is not None or self.units is not None


def _narrow(document: DocumentResult, units: frozenset[str] | None) -> DocumentResult:
    if units is None:
        return document
    return replace(document, requirements=tuple(r for r in document.requirements if r.unit in units))
