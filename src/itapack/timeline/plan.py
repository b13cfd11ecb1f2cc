"""The pack's drive plan (plan.yaml beside pack.yaml): the year's steps, each with its period.

The columns of a province's plan (ที่ | ช่วงเวลา | ขั้นตอน | การดำเนินงาน | หน่วยงานรับผิดชอบ) are
number, period, step, work and responsible; a step may name the pack document whose evidence
shows it done (document), or the day it was done (done). The periods stay as the province wrote
them, Thai digits and month names included, and are read by period.parse_period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, Field

from ..errors import PackError, Problem
from ..i18n import _
from ..pack import thai
from ..pack.folder import Pack
from ..pack.loader import validate_model
from ..pack.model import BEDate, DocumentId, Strict, Text
from ..pack.yamlfile import read_yaml
from .period import parse_period

PLAN_FILE = "plan.yaml"


def _readable_period(text: str) -> str:
    parse_period(text)  # PeriodError is a ValueError: pydantic reports it at the period's line
    return text


class PlanStep(Strict):
    number: str | None = Field(default=None, description="ที่: as the plan numbers it, ๑ or 1")
    period: Annotated[str, AfterValidator(_readable_period)] = Field(description="ช่วงเวลา")
    step: Text = Field(description="ขั้นตอน")
    work: str | None = Field(default=None, description="การดำเนินงาน")
    responsible: str | None = Field(default=None, description="หน่วยงานรับผิดชอบ")
    document: DocumentId | None = Field(default=None, description="the pack document whose evidence shows it done")
    done: BEDate | None = Field(default=None, description="the day it was done, when no document shows it")


class PlanFile(Strict):
    title: str | None = None
    source: str | None = Field(default=None, description="the document the plan was typed from")
    steps: tuple[PlanStep, ...] = Field(min_length=1)


@dataclass(frozen=True)
class Step:
    """A plan step with its period read: what the timeline shows."""

    key: str  # stable across runs and edits of its wording: its number, else its position
    number: str | None
    start: date
    end: date
    step: str
    work: str | None
    responsible: str | None
    document: str | None
    done: date | None


@dataclass(frozen=True)
class DrivePlan:
    title: str | None
    steps: tuple[Step, ...]
    warnings: tuple[Problem, ...] = ()  # steps outside the pack's fiscal year: another year's plan?


def document_key(document_id: str) -> str:
    """Ids compare as the pack compares them: Thai digits read as Arabic, case ignored."""
    return thai.to_arabic_digits(document_id).casefold()


def load_plan(pack: Pack) -> DrivePlan | None:
    """The pack's plan.yaml, validated (each problem located, as the pack's own files are), or None."""
    path = pack.root / PLAN_FILE
    if not path.exists():
        return None
    source = read_yaml(path, str(path))
    problems: list[Problem] = []
    plan = validate_model(PlanFile, source, problems)
    if plan is None:
        raise PackError(problems)
    documents = {document_key(d.id) for s in pack.sections for d in s.documents}
    first, last = pack.window
    steps, warnings = [], []
    for index, step in enumerate(plan.steps):
        if step.document is not None and document_key(step.document) not in documents:
            where = source.location(("steps", index, "document"))
            problems.append(Problem(where, _("ไม่มีเอกสารข้อ {id} ในชุดเอกสารนี้").format(id=step.document)))
        start, end = parse_period(step.period)
        if end < first or start > last:
            warnings.append(
                Problem(
                    source.location(("steps", index, "period")),
                    _("'{period}' อยู่นอกปีงบประมาณ {year} ของชุดเอกสาร: แผนของปีอื่นหรือเปล่า?").format(
                        period=step.period, year=pack.fiscal_year
                    ),
                )
            )
        number = thai.to_arabic_digits(step.number) if step.number else None
        steps.append(
            Step(
                number or str(index + 1),
                number,
                start,
                end,
                step.step,
                step.work,
                step.responsible,
                step.document,
                step.done,
            )
        )
    if problems:
        raise PackError(problems)
    return DrivePlan(plan.title, tuple(steps), tuple(warnings))
