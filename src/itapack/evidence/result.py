"""The result of a check: what every output (terminal, JSON, JUnit, DOCX, HTML) reads.

Outputs never scan or decide; everything they show is here. Paths are relative to the pack
folder and "/"-separated on every OS.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple

from ..pack.model import Organisation, Previous, ReportSettings, Results


class Status(StrEnum):
    OK = "ok"  # enough valid evidence
    MISSING = "missing"  # nothing there, and no due date says when it is wanted
    PROBLEM = "problem"  # something there, but not acceptable or not enough
    OVERDUE = "overdue"  # missing, and its due date has passed
    DUE_SOON = "due_soon"  # missing, and due within the next days (due_soon_days)
    NOT_STARTED = "not_started"  # missing, and its due date is further away than that
    NOT_APPLICABLE = "not_applicable"  # excused, with a reason: it leaves the count

    @property
    def settled(self) -> bool:
        """Nothing more is asked of it: done, or excused. Everything else is owed."""
        return self is Status.OK or self is Status.NOT_APPLICABLE


# A document's status is the first of these its requirements have; not applicable only when all are.
WORST_FIRST = (
    Status.OVERDUE,
    Status.PROBLEM,
    Status.DUE_SOON,
    Status.MISSING,
    Status.NOT_STARTED,
    Status.OK,
    Status.NOT_APPLICABLE,
)
# Owed, in the order a clerk acts on them: what is late, what is wrong, what is due in days.
OWED = (Status.OVERDUE, Status.PROBLEM, Status.DUE_SOON, Status.MISSING, Status.NOT_STARTED)


def percent(satisfied: float, required: float) -> float:
    return 100.0 if required == 0 else round(100.0 * satisfied / required, 1)


def weighted_score(documents: Iterable[DocumentResult]) -> float:
    """Percent of the weights done; a per-unit document counts by the share of its units. A
    document not applicable to anyone leaves the weights."""
    documents = [doc for doc in documents if doc.applicable]
    weights = sum(doc.weight for doc in documents)
    return round(100.0 * sum(doc.weight * doc.done for doc in documents) / weights, 2) if weights else 100.0


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
    reason: str  # empty | type | content | broken | window | future | other-unit | unreadable | too-long | bad-name
    # | unreadable-folder
    detail: str = ""  # window, future: the date as the name wrote it; other-unit: that unit's name
    destination: str = ""  # other-unit: where the file belongs (that unit's expected place), if it owes it


class Requirement(NamedTuple):
    """One thing to hand in: a document, or a document for one unit."""

    document: str
    unit: str | None
    status: Status
    expected: str  # where the evidence goes
    needed: int
    files: tuple[Evidence, ...] = ()
    rejected: tuple[Rejected, ...] = ()
    url: str | None = None  # the unit's own page for this document, if it has one
    reason: str | None = None  # not applicable: why, as units.yaml or the document says


class LinkStatus(NamedTuple):
    """What `itapack links` last found at a requirement's page: check --links reads it from its cache."""

    url: str
    verdict: str  # ok | problem | broken | unchecked (never checked, or not since the cache was cleared)
    codes: tuple[str, ...]  # the problems' stable codes
    message: str  # Thai
    checked_at: float | None = None  # seconds since the epoch


@dataclass(slots=True)
class CriterionText:
    """A criterion of a level as the pack words it, with its sub-items."""

    number: str | None
    text: str
    items: tuple[CriterionText, ...] = ()


@dataclass  # no slots: status_counts is cached in the instance's __dict__
class DocumentResult:
    """One document of the pack and what its requirements (one, or one per unit) found."""

    id: str
    section: int  # 1-based position of its section; its level, on a ladder
    title: str
    date: date | None
    date_pending: bool  # the title names a date that is not set yet (after rollover)
    per_unit: tuple[str, ...]  # unit kinds that each need it; empty: the pack's own organisation hands it in once
    same_as: str | None
    patterns: tuple[str, ...]
    types: tuple[str, ...]
    requirements: tuple[Requirement, ...]
    url: str | None = None
    items: tuple[str, ...] = ()  # content points a reviewer looks for
    owner: str | None = None  # who hands it in, as a person reads it (a unit's name or a role)
    due: date | None = None
    window: tuple[date, date] | None = None  # the period its evidence must be of
    weight: float = 1.0
    note: str | None = None

    @cached_property
    def status_counts(self) -> Counter[Status]:
        """How many of its requirements have each status: counted once (a national per-unit
        document has 8,300, and scores, sections and every output ask)."""
        return Counter(r.status for r in self.requirements)

    @property
    def satisfied(self) -> int:
        return self.status_counts[Status.OK]

    @property
    def required(self) -> int:
        """Its requirements that count: a unit excused from it (not applicable) leaves the count."""
        return len(self.requirements) - self.status_counts[Status.NOT_APPLICABLE]

    @property
    def owed(self) -> list[Requirement]:
        """Its requirements still asked for (neither done nor excused), the most urgent first."""
        owed = [r for r in self.requirements if not r.status.settled]
        return sorted(owed, key=lambda r: OWED.index(r.status)) if len(owed) > 1 else owed

    @property
    def applicable(self) -> bool:
        """False when every requirement is excused: the document leaves the score altogether."""
        return self.required > 0 or not self.requirements

    @property
    def done(self) -> float:
        """The share of it that is done: 1 or 0, or the share of its units."""
        return self.satisfied / self.required if self.required else 0.0

    @property
    def status(self) -> Status:
        """The worst of its requirements (see WORST_FIRST); not applicable only when all are."""
        statuses = self.status_counts
        if self.requirements and not self.required:
            return Status.NOT_APPLICABLE
        return next(status for status in WORST_FIRST if statuses[status] or status is Status.OK)


@dataclass(slots=True)
class SectionResult:
    """A level of a ladder, or a group of checklist items."""

    number: int  # 1-based position; the level's number on a ladder
    id: str | None
    title: str | None
    criteria: tuple[CriterionText, ...]
    documents: tuple[str, ...]
    satisfied: int
    required: int
    score: float  # percent of its (weighted) documents done
    pass_percent: float
    complete: bool  # ladder: enough of it is done (all, unless pass_percent says less); checklist: all of it
    reached: bool  # ladder: this level and every level below it are complete

    @property
    def percent(self) -> float:
        return percent(self.satisfied, self.required)


@dataclass(slots=True)
class UnitResult:
    """A unit and the status of each document it owes."""

    id: str
    name: str
    kind: str
    kind_name: str
    district: str | None
    district_name: str | None
    statuses: dict[str, Status]  # document id -> status, for every document this unit needs
    folder: str | None = None  # its own folder, where the pack is filed unit first ("evidence/…/อบต.บางปลา/")

    # Counted at C speed (list.count tries identity first): every output asks each of a national
    # check's 8,303 units several times, and a generator over its statuses was a tenth of the JSON.
    @property
    def satisfied(self) -> int:
        return list(self.statuses.values()).count(Status.OK)

    @property
    def required(self) -> int:
        return len(self.statuses) - list(self.statuses.values()).count(Status.NOT_APPLICABLE)

    @property
    def percent(self) -> float:
        return percent(self.satisfied, self.required)


@dataclass(slots=True)
class KindSummary:
    """Totals for one kind of unit: how many units, and their requirements met."""

    id: str
    name: str
    units: int
    satisfied: int
    required: int

    @property
    def percent(self) -> float:
        return percent(self.satisfied, self.required)


@dataclass(slots=True)
class Stray:
    """A file or folder in the evidence tree that serves no requirement, or could not be looked at."""

    path: str
    reason: str  # no-document | no-document-in-unit | unknown-unit | unit-not-needed | needs-unit | no-pattern
    # | link-outside | link-folder | link-broken | unreadable-folder | too-long | bad-name | vanished
    hint: str = ""  # the closest unit name, the unit whose folder it is, or example ids
    document: str = ""  # the document it was looked at for, if any


@dataclass(slots=True)
class PackSummary:
    """What the outputs need of the pack itself: who it is for, its year, targets and settings."""

    title: str
    organisation: Organisation
    province: str | None
    office: str
    fiscal_year: int
    window: tuple[date, date]
    scoring: str  # levels | checklist
    target_level: int  # levels
    target_score: float  # checklist
    sections: int
    evidence: str  # the evidence folder, relative to the pack
    evidence_found: bool
    results: Results | None
    previous: Previous | None
    report: ReportSettings
    today: date  # what "overdue" and "due soon" were judged against
    due_soon_days: int = 14  # a missing requirement due within this many days is due soon

    @property
    def ladder(self) -> bool:
        return self.scoring == "levels"

    @property
    def previous_results(self) -> Results | None:
        """Last year's announced results, when the pack records them."""
        return self.previous.results if self.previous is not None else None


@dataclass  # no slots: status_counts is cached in the instance's __dict__
class CheckResult:
    """Everything a check found, per section, document and unit: what every output reads."""

    pack: PackSummary
    sections: tuple[SectionResult, ...]
    documents: tuple[DocumentResult, ...]
    units: tuple[UnitResult, ...]
    kinds: tuple[KindSummary, ...]
    strays: tuple[Stray, ...]
    notices: tuple[Stray, ...]  # counted, but worth a look: a name with an invisible character
    ignored: int  # junk files (Thumbs.db, ~$ lock files, ...) passed over
    files_seen: int
    level_reached: int  # ladder: the highest level reached; checklist: 0
    score: float  # percent of the (weighted) documents done, whatever the scoring
    selection: Selection = field(default_factory=lambda: Selection())
    # check --links only: (document, unit) -> its page's last link check; empty when not asked
    links: dict[tuple[str, str | None], LinkStatus] = field(default_factory=dict)

    def link(self, document: str, requirement: Requirement) -> LinkStatus | None:
        return self.links.get((document, requirement.unit))

    @property
    def requirements(self) -> Iterable[Requirement]:
        for document in self.documents:
            yield from document.requirements

    @cached_property
    def _statuses(self) -> Counter[Status]:
        """Counted once from the documents' own counts: the summary asks five times."""
        total: Counter[Status] = Counter()
        for document in self.documents:
            total.update(document.status_counts)
        return total

    @property
    def satisfied(self) -> int:
        return self._statuses[Status.OK]

    @property
    def required(self) -> int:
        return sum(document.required for document in self.documents)

    def count(self, status: Status) -> int:
        return self._statuses[status]

    @property
    def target_met(self) -> bool:
        if self.pack.ladder:
            return self.level_reached >= self.pack.target_level
        return self.score >= self.pack.target_score

    @property
    def complete(self) -> bool:
        """Every requirement shown is satisfied."""
        return self.satisfied == self.required

    def passed(self, target_level: int | None = None, target_score: float | None = None) -> bool:
        """The check's answer. With a target: is it reached. With --level or --unit: is every
        requirement shown satisfied. Otherwise: is the pack's own target reached."""
        if target_level is not None:
            return self.level_reached >= target_level
        if target_score is not None:
            return self.score >= target_score
        if self.selection.narrowed:
            return self.complete
        return self.target_met

    def select(self, sections: frozenset[int] | None = None, units: frozenset[str] | None = None) -> CheckResult:
        """The same result narrowed to some sections (levels) or units, for --level and --unit."""
        documents = tuple(
            _narrow(doc, units)
            for doc in self.documents
            if (sections is None or doc.section in sections) and (units is None or doc.per_unit)
        )
        documents = tuple(doc for doc in documents if doc.requirements)
        return replace(
            self,
            sections=tuple(
                _recount(s, [d for d in documents if d.section == s.number]) if units is not None else s
                for s in self.sections
                if sections is None or s.number in sections
            ),
            documents=documents,
            units=tuple(u for u in self.units if units is None or u.id in units),
            strays=self.strays if units is None else (),  # strays belong to no unit
            notices=self.notices if units is None else (),
            score=weighted_score(documents),
            selection=Selection(sections, units),
        )


@dataclass(slots=True)
class Selection:
    """What --level and --unit narrowed the result to; None is everything."""

    sections: frozenset[int] | None = None
    units: frozenset[str] | None = None

    @property
    def narrowed(self) -> bool:
        return self.sections is not None or self.units is not None


def _recount(section: SectionResult, documents: list[DocumentResult]) -> SectionResult:
    """A section's counts over what --unit left of it: those units' requirements only."""
    satisfied = sum(doc.satisfied for doc in documents)
    required = sum(doc.required for doc in documents)
    return replace(
        section,
        documents=tuple(doc.id for doc in documents),
        satisfied=satisfied,
        required=required,
        score=weighted_score(documents),
        complete=satisfied == required,
    )


def _narrow(document: DocumentResult, units: frozenset[str] | None) -> DocumentResult:
    if units is None:
        return document
    return replace(document, requirements=tuple(r for r in document.requirements if r.unit in units))
