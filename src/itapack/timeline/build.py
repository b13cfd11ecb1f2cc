"""The year's dated items (documents' due dates, meetings, plan steps), each with its state today.

The states are the check's, carried to a day: done, problem, overdue, due soon, not started,
not applicable; an item with no due date that is missing stays missing. timeline_state is the
one place that decides, from the check's status string, so it follows the check's statuses as
they grow.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..errors import Problem
from ..evidence.decide import missing_status
from ..evidence.result import CheckResult, DocumentResult
from ..pack import thai
from ..pack.model import PackInfo
from .plan import DrivePlan, Step, document_key

DUE_SOON_DAYS = PackInfo.model_fields["due_soon_days"].default  # the pack's default, when no pack says
# The states, worst first: the order a month's items are listed in, and the counts' order.
STATES = ("overdue", "problem", "due_soon", "missing", "not_started", "done", "not_applicable")


def timeline_state(status: str, due: date | None, today: date, soon_days: int = DUE_SOON_DAYS) -> str:
    """A dated item's state on today, from the check's status ("ok", "missing", "problem",
    "overdue", and "due_soon", "not_started", "not_applicable" where the check gives them)."""
    if status == "ok":
        return "done"
    if status in ("problem", "overdue", "not_applicable"):
        return status
    return str(missing_status(due, today, soon_days))  # the check's own rule, on the timeline's day


@dataclass(frozen=True)
class Item:
    """One line of the timeline: a document's due date or meeting, or a plan step."""

    kind: str  # "document" (a due date), "meeting" (a dated document) or "step" (of the drive plan)
    key: str  # stable: the document's id, or the step's number
    title: str
    start: date | None  # a step's first day; a document's day is its `on`
    on: date  # the day it is listed under: a due date, a meeting's date, a step's last day
    state: str
    owner: str | None
    where: str | None  # where the evidence goes, relative to the pack
    done: int = 0  # of a document owed per unit: units done, of needed
    needed: int = 0
    document: str | None = None  # a step's document, as "p1 its title"

    @property
    def month(self) -> tuple[int, int]:
        return self.on.year, self.on.month


@dataclass(frozen=True)
class Timeline:
    fiscal_year: int
    organisation: str
    today: date
    soon_days: int
    plan_title: str | None
    items: tuple[Item, ...]
    warnings: tuple[Problem, ...] = ()  # the plan's, for a person to review

    def months(self) -> list[tuple[tuple[int, int], list[Item]]]:
        """Months in order, each with its items in day order, worst first on a day."""
        grouped: dict[tuple[int, int], list[Item]] = {}
        for item in sorted(self.items, key=lambda i: (i.on, STATES.index(i.state), thai.natural_key(i.key))):
            grouped.setdefault(item.month, []).append(item)
        return sorted(grouped.items())

    def count(self, state: str) -> int:
        return sum(1 for item in self.items if item.state == state)

    @property
    def overdue(self) -> bool:
        return self.count("overdue") > 0


def build_timeline(
    result: CheckResult, plan: DrivePlan | None, today: date, soon_days: int = DUE_SOON_DAYS
) -> Timeline:
    documents = {document_key(doc.id): doc for doc in result.documents}
    # A document a plan step names is shown once, as that step, with the document's evidence.
    shown_by_step = {document_key(step.document) for step in plan.steps if step.document} if plan else set()
    unlinked = [doc for doc in result.documents if document_key(doc.id) not in shown_by_step]
    items = [*_document_items(unlinked, today, soon_days)]
    if plan is not None:
        items += [_step_item(step, documents, today, soon_days) for step in plan.steps]
    return Timeline(
        result.pack.fiscal_year,
        result.pack.organisation.name,
        today,
        soon_days,
        plan.title if plan else None,
        tuple(items),
        plan.warnings if plan else (),
    )


def _document_items(documents: Iterable[DocumentResult], today: date, soon_days: int) -> Iterable[Item]:
    for doc in documents:
        day = doc.due or doc.date
        if day is None:
            continue
        state = timeline_state(str(doc.status), doc.due, today, soon_days)
        kind = "document" if doc.due else "meeting"
        yield Item(kind, doc.id, doc.title, None, day, state, doc.owner, *_evidence(doc))


def _step_item(step: Step, documents: dict[str, DocumentResult], today: date, soon_days: int) -> Item:
    doc = documents.get(document_key(step.document)) if step.document else None
    marked_done = step.done is not None and step.done <= today
    # without a document: marked done by hand, or missing (overdue once its period has ended)
    status = str(doc.status) if doc is not None else "ok" if marked_done else "missing"
    state = timeline_state(status, step.end, today, soon_days)
    named = f"{doc.id} {doc.title}" if doc is not None else None
    return Item("step", step.key, step.step, step.start, step.end, state, step.responsible, *_evidence(doc), named)


def _evidence(doc: DocumentResult | None) -> tuple[str | None, int, int]:
    """Where its evidence goes (one folder, or none to name when units each have their own), and
    for a document owed per unit, how many units are done of how many."""
    if doc is None:
        return None, 0, 0
    expected = {r.expected for r in doc.requirements}
    where = next(iter(expected)) if len(expected) == 1 else None
    return (where, doc.satisfied, doc.required) if doc.per_unit else (where, 0, 0)
