"""The pack as its YAML files describe it: pack.yaml, the structure file and units.yaml.

Each file has a pydantic model that forbids unknown keys. Checks that need more than one file
(a per-unit document naming a unit kind, duplicate ids, an owner naming a unit) live in
loader.py, which also turns validation errors into located messages.

Format 2 only adds keys to format 1, so both load through the same models; the version number
tells an older itapack that a file uses keys it does not know.

Annotations here are evaluated as the classes are made (no `from __future__ import annotations`):
pydantic would otherwise compile and evaluate each one from its text, about 3 ms of every check's
start. Only a class naming itself needs quotes.
"""

import re
from datetime import date
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from ..i18n import _
from . import thai

DEFAULT_TYPES = ("pdf", "jpg", "jpeg", "png", "docx", "doc", "xlsx", "xls", "pptx", "ppt")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


# Letters, digits and dots, nothing else: exactly what the scan recognises at the start of a
# folder or file name (match.lead_ids), so an id that validates is an id that can be found.
DOCUMENT_ID = re.compile(r"[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*", re.ASCII)


def _document_id(value: str) -> str:
    value = thai.to_arabic_digits(value)
    if not DOCUMENT_ID.fullmatch(value):
        raise ValueError(
            _("'{value}' ไม่ใช่รหัสเอกสาร ใช้ตัวอักษร ตัวเลข และจุด เช่น 2.7, 1.3.1, o36 หรือ MOIT1").format(value=value)
        )
    return value


def _slug(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", value):
        raise ValueError(
            _("'{value}' ไม่ใช่รหัส ใช้อักษรอังกฤษตัวเล็ก ตัวเลข '-' และ '_' (เช่น sao-bang-pla)").format(value=value)
        )
    return value


def _be_date(value: object) -> object:
    return thai.parse_be_date(value) if isinstance(value, str) else value


FORMAT_VERSIONS = (1, 2)


def _format_version(value: int) -> int:
    if value not in FORMAT_VERSIONS:
        newest = FORMAT_VERSIONS[-1]
        raise ValueError(
            _("ชุดเอกสารนี้เขียนในรูปแบบ {version}; itapack รุ่นนี้อ่านรูปแบบ 1 ถึง {newest}").format(version=value, newest=newest)
            + (_("; ต้องใช้ itapack รุ่นใหม่กว่า") if value > newest else "")
        )
    return value


def _file_type(value: str) -> str:
    return value.lower().lstrip(".")


def _url(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s/]+\S*", value):
        raise ValueError(_("'{value}' ไม่ใช่ที่อยู่เว็บ เขียนให้เต็ม ขึ้นต้นด้วย https:// หรือ http://").format(value=value))
    if not openable(value):
        raise ValueError(_("'{value}' เปิดไม่ได้: ชื่อเว็บไซต์หรือหมายเลขพอร์ต (1–65535) ผิด").format(value=value))
    return value


def openable(url: str) -> bool:
    """Has url a host and a port a connection can use? urlsplit takes "host:99999" and "[::1"
    without a word; the socket would not."""
    try:
        parts = urlsplit(url)
        return bool(parts.hostname) and (parts.port is None or parts.port > 0)
    except ValueError:  # a port past 65535 or not a number, an unclosed [ of an IPv6 address
        return False


DocumentId = Annotated[str, AfterValidator(_document_id)]
Slug = Annotated[str, AfterValidator(_slug)]
BEDate = Annotated[date, BeforeValidator(_be_date)]
Text = Annotated[str, Field(min_length=1)]
FileType = Annotated[str, AfterValidator(_file_type)]
Url = Annotated[str, AfterValidator(_url)]
Score = Annotated[float, Field(ge=0, le=100)]
Percent = Annotated[float, Field(ge=0, le=100)]

Scoring = Literal["levels", "checklist"]
OrganisationKind = Literal["province", "local", "regional", "central", "ministry", "other"]
WindowName = Literal["fiscal_year", "first_half", "second_half", "previous_fiscal_year", "any"]


# --- pack.yaml -------------------------------------------------------------------------------


class Organisation(Strict):
    """Who the pack is for: a province, a local body, an agency, a ministry."""

    kind: OrganisationKind
    name: Text
    parent: str | None = None


def _four_answers(value: tuple[float, ...]) -> tuple[float, ...]:
    if value and len(value) != 4:
        raise ValueError(_("ต้องมี 4 ค่า (น้อยที่สุด, น้อย, มาก, มากที่สุด) แต่มี {count} ค่า").format(count=len(value)))
    return value


Answers = Annotated[tuple[Percent, ...], AfterValidator(_four_answers)]


class AnswerRow(Strict):
    """One row of a question asked about several things (E1: by the steps set, on time)."""

    text: str | None = None
    score: Score
    answers: Answers = ()


class QuestionResult(Strict):
    """An IIT or EIT question's score (I19, E1) and the share of each answer, in per cent."""

    score: Score
    answers: Answers = ()
    rows: tuple[AnswerRow, ...] = ()


class Results(Strict):
    """A year's ITA results as announced: total, grade, the three instruments, indicators."""

    total: Score | None = None
    grade: Text | None = Field(default=None, description="AA–F up to 2566; from 2567 the rating (ผ่านดีเยี่ยม …)")
    iit: Score | None = None
    eit: Score | None = None
    oit: Score | None = None
    indicators: dict[str, Score] = Field(default_factory=dict, description="indicator number -> score")
    questions: dict[str, QuestionResult] = Field(default_factory=dict, description="question code -> result")
    note: str | None = None


class Previous(Strict):
    """The previous fiscal year: what its pack reached (rollover writes it) and its results."""

    fiscal_year: int
    level_reached: int | None = Field(default=None, ge=0)
    score: Percent | None = None
    pack: str | None = None
    results: Results | None = None


def _window(value: object) -> object:
    return {"name": value} if isinstance(value, str) else value


class Window(Strict):
    """The period evidence must be of: a named part of the fiscal year, or explicit dates; `any`
    (or `~` on a document) for evidence of no particular period."""

    name: WindowName | None = None
    start: BEDate | None = None
    end: BEDate | None = None


DateWindow = Annotated[Window, BeforeValidator(_window)]


class WeakPointRule(Strict):
    """Which results count as weak points, and which of them are urgent (itapack scores, o42)."""

    below: float | Literal["total"] = Field(default="total", description="a score, or the body's own total")
    most: int | None = Field(default=None, ge=1, description="at most this many indicators per instrument")
    urgent: tuple[Literal["iit", "eit", "oit"], ...] = Field(default=(), description="instruments whose are urgent")
    urgent_below: Score | None = Field(default=85, description="any weak point under this score is urgent")


class Signature(Strict):
    """One signature block under the report's summary: who signs, in which role."""

    role: Text = Field(description="ผู้รายงาน, ผู้ตรวจสอบ, ผู้อนุมัติ …")
    name: str | None = Field(default=None, description="left as a dotted line to fill in by hand")
    position: str | None = None


class ReportSettings(Strict):
    thai_digits: bool = False
    heading: str | None = None
    signatures: tuple[Signature, ...] | None = Field(default=None, description="default: reporter, reviewer, approver")
    margin_top_cm: float = Field(default=2.5, ge=0.5, le=6)
    margin_bottom_cm: float = Field(default=2.0, ge=0.5, le=6)
    margin_left_cm: float = Field(default=3.0, ge=0.5, le=6)
    margin_right_cm: float = Field(default=2.0, ge=0.5, le=6)


def _signer(value: object) -> object:
    return {"name": value} if isinstance(value, str) else value  # format 1: the name alone


class Signer(Strict):
    """Who signs the letters: the name in brackets, the position under it, and for whom."""

    name: Text = Field(description="without brackets, e.g. นายสมชาย ใจดี")
    position: str | None = Field(default=None, description="one or more lines under the name")
    acting_for: str | None = Field(
        default=None, description="ปฏิบัติราชการแทน…: the office holder the signer acts for, e.g. ผู้ว่าราชการจังหวัดสมุทรปราการ"
    )


class LetterSettings(Strict):
    """The follow-up letters (itapack letters): who sends them and how a unit answers."""

    office: str | None = Field(default=None, description="the office that owns the matter; default the pack's office")
    phone: str | None = Field(default=None, description="the office's telephone")
    email: str | None = Field(default=None, description="the office's e-mail, at the foot of a letter")
    address: str | None = Field(default=None, description="the sender's address, one or more lines (หนังสือภายนอก)")
    number_prefix: str | None = Field(default=None, description="ที่: the office's code, e.g. สป 0017.1/ว")
    number: str | None = Field(default=None, description="ที่: the running number after the code, if known")
    signer: Annotated[Signer | None, BeforeValidator(_signer)] = None
    position: str | None = Field(default=None, description="the signer's position (format 1; signer.position wins)")
    addressee: str | None = Field(
        default=None, description="เรียน for every unit, {unit} its name; default the head by kind"
    )
    send_to: str | None = Field(default=None, description="how to send the evidence: an e-mail, a system")
    emblem: str | None = Field(default=None, description="an image (the Garuda), relative to pack.yaml")


class PackInfo(Strict):
    itapack: Annotated[int, AfterValidator(_format_version)] = Field(description="format version of these files")
    fiscal_year: int = Field(ge=2400, le=2800, description="Buddhist-era fiscal year, e.g. 2567")
    organisation: Organisation | None = None
    province: str | None = None
    office: str | None = None
    title: str | None = None
    scoring: Scoring = "levels"
    target_level: int | None = Field(default=None, ge=1, description="levels: default the highest level")
    target_score: Percent | None = Field(default=None, description="checklist: default 100")
    window: DateWindow | None = None
    due_soon_days: int = Field(default=14, ge=0, le=366, description="missing, and due within this many days: due soon")
    evidence: Text = "evidence"
    accepted_types: tuple[FileType, ...] = Field(default=DEFAULT_TYPES, min_length=1)  # none would accept nothing
    results: Results | None = None
    previous: Previous | None = None
    # Defaults made without validation (nothing to validate: every value is the class's own
    # default), so importing the models builds no validator; a remembered pack needs none.
    weak_points: WeakPointRule = WeakPointRule.model_construct()
    report: ReportSettings = ReportSettings.model_construct()
    letters: LetterSettings = LetterSettings.model_construct()


# --- the structure file: levels.yaml or sections.yaml ----------------------------------------


class Criterion(Strict):
    number: str | None = None
    text: Text
    items: tuple["Criterion", ...] = ()


class Document(Strict):
    id: DocumentId
    title: Text
    date: BEDate | None = None
    folder: str | None = Field(default=None, description="where the evidence lives, relative to the evidence folder")
    patterns: tuple[Text, ...] = ()
    min_files: int = Field(default=1, ge=1)
    types: tuple[FileType, ...] | None = Field(default=None, min_length=1)  # [] would accept nothing: refused
    per_unit: tuple[Slug, ...] = Field(default=(), description="unit kinds or groups that each need this document")
    same_as: DocumentId | None = Field(default=None, description="another document whose evidence also serves this one")
    url: Url | None = Field(default=None, description="the public page that shows it")
    items: tuple[Text, ...] = Field(default=(), description="content points a reviewer looks for")
    owner: str | None = Field(default=None, description="a unit id, or a role in words")
    due: BEDate | None = None
    window: DateWindow | None = Field(default=None, description="`any` or `~`: of no particular period")
    weight: float = Field(default=1, gt=0, description="its share of a checklist's score")
    note: str | None = None
    not_applicable: Text | None = Field(default=None, description="why it does not apply: it leaves the score")


class Section(Strict):
    """A level of a cumulative ladder, or a group of items that each stand alone."""

    number: int | None = Field(default=None, ge=1)
    id: str | None = None
    title: str | None = None
    pass_percent: Percent = Field(default=100, description="levels: share of the section's items needed")
    criteria: tuple[Criterion, ...] = ()
    documents: tuple[Document, ...] = Field(min_length=1)


class StructureFile(Strict):
    levels: tuple[Section, ...] | None = Field(default=None, min_length=1)
    sections: tuple[Section, ...] | None = Field(default=None, min_length=1)

    @property
    def entries(self) -> tuple[Section, ...]:
        return self.levels or self.sections or ()

    @property
    def key(self) -> str:
        return "levels" if self.levels is not None else "sections"


# --- units.yaml ------------------------------------------------------------------------------


class UnitKind(Strict):
    id: Slug
    name: Text
    short: str | None = Field(default=None, description="abbreviation clerks write, e.g. อบต.")
    head: str | None = Field(
        default=None,
        description="the head's title in place of the kind's name (นายกองค์การบริหารส่วนตำบล), "
        "or with {unit} for the unit's name; default by the kind's name",
    )
    inside: bool = Field(
        default=False, description="units of the sending office itself: a บันทึกข้อความ, not a หนังสือภายนอก"
    )


class UnitGroup(Strict):
    id: Slug
    name: Text
    kinds: tuple[Slug, ...] = Field(min_length=1)


class District(Strict):
    id: Slug
    name: Text


class Unit(Strict):
    id: Slug
    name: Text
    kind: Slug
    district: Slug | None = None
    aliases: tuple[Text, ...] = ()
    website: Url | None = Field(default=None, description="the unit's own website (itapack units import/export)")
    urls: dict[DocumentId, Url] = Field(default_factory=dict, description="its own page for a per-unit document")
    not_applicable: dict[DocumentId, str] = Field(
        default_factory=dict, description="document id -> why this unit is excused from it (Thai)"
    )
    note: str | None = None


class UnitsFile(Strict):
    kinds: tuple[UnitKind, ...] = ()
    groups: tuple[UnitGroup, ...] = ()
    districts: tuple[District, ...] = ()
    units: tuple[Unit, ...] = ()
