"""The ITA framework of one assessment year: indicators, weights, grade bands and question codes.

Each year is a YAML file in catalogues/ that ships with itapack, so a new framework is a new file,
not new code. Every fact carries its basis (seed, src, likely, open): what is not known for certain
is marked so in the file, and the checks that lean on it (the weighted total) can be relaxed there.
"""

from __future__ import annotations

import re
from functools import cached_property
from importlib import resources
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from ..errors import InputError, PackError, Problem
from ..i18n import N_, _
from ..pack.model import Grade, Score, Strict, Text
from ..pack.yamlfile import YamlFile, parse_yaml

Basis = Literal["seed", "src", "likely", "open"]
BASIS_WORDS = {
    "seed": N_("ยืนยันจากเอกสารจริง"),
    "src": N_("ยืนยันจากแหล่งอ้างอิง"),
    "likely": N_("น่าจะเป็น ยังไม่ได้ยืนยันกับคู่มือ"),
    "open": N_("ยังไม่ทราบแน่ชัด"),
}
InstrumentId = Literal["iit", "eit", "oit"]
INSTRUMENTS: tuple[InstrumentId, ...] = ("iit", "eit", "oit")
QUESTION_CODE = re.compile(r"[IEO][0-9]{1,3}", re.ASCII)
CATALOGUE_FORMAT = 1


def _question_code(value: str) -> str:
    if not QUESTION_CODE.fullmatch(value):
        raise ValueError(f"'{value}' is not a question code; write I19, E1 or O3")
    return value


QuestionCode = Annotated[str, AfterValidator(_question_code)]


class Instrument(Strict):
    id: InstrumentId
    name: Text
    weight: float | None = Field(default=None, ge=0, description="its share of the total; none: not known")
    basis: Basis


class Indicator(Strict):
    number: int = Field(ge=1)
    name: Text
    instrument: InstrumentId
    basis: Basis


class TotalCheck(Strict):
    """What a total that is not the weighted sum of the instruments is: an error, a warning, or nothing."""

    on_mismatch: Literal["error", "warning", "off"] = "error"
    tolerance: float = Field(default=0.01, ge=0)
    basis: Basis


class Band(Strict):
    grade: Grade
    min: Score


class Grades(Strict):
    basis: Basis
    pass_mark: Score | None = None
    bands: tuple[Band, ...] = Field(min_length=1)


class QuestionInfo(Strict):
    code: QuestionCode
    indicator: int = Field(ge=1)
    text: Text
    rows: tuple[Text, ...] = ()
    reverse: bool = Field(default=False, description="a 'less is better' question")
    basis: Basis


class Catalogue(Strict):
    catalogue: int
    fiscal_year: int = Field(ge=2400, le=2800)
    title: Text
    instruments: tuple[Instrument, ...] = Field(min_length=1)
    instrument_score: Literal["mean"] = "mean"
    instrument_score_basis: Basis
    indicators: tuple[Indicator, ...] = Field(min_length=1)
    total_check: TotalCheck
    grades: Grades
    answers: tuple[Text, ...] = ()
    questions: tuple[QuestionInfo, ...] = ()
    notes: tuple[str, ...] = ()

    @cached_property
    def indicator(self) -> dict[str, Indicator]:
        return {str(indicator.number): indicator for indicator in self.indicators}

    @cached_property
    def question(self) -> dict[str, QuestionInfo]:
        return {question.code: question for question in self.questions}

    @cached_property
    def weights(self) -> dict[InstrumentId, float]:
        return {i.id: i.weight for i in self.instruments if i.weight is not None}

    def indicators_of(self, instrument: InstrumentId) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.instrument == instrument)

    def grade_for(self, total: float) -> Grade:
        for band in self.grades.bands:
            if total >= band.min - 1e-9:
                return band.grade
        return self.grades.bands[-1].grade


def catalogue_file(year: int) -> str:
    return f"ita-{year}.yaml"


def available_years() -> tuple[int, ...]:
    folder = resources.files("itapack.scores") / "catalogues"
    years = []
    for entry in folder.iterdir():
        match = re.fullmatch(r"ita-(\d{4})\.yaml", entry.name)
        if match:
            years.append(int(match.group(1)))
    return tuple(sorted(years))


def load_catalogue(year: int) -> Catalogue:
    """The shipped catalogue of a fiscal year (Buddhist era)."""
    entry = resources.files("itapack.scores") / "catalogues" / catalogue_file(year)
    if not entry.is_file():
        years = ", ".join(str(y) for y in available_years())
        raise InputError(
            _(
                "ยังไม่มีกรอบการประเมิน (แคตตาล็อก) ของปีงบประมาณ {year}: itapack มีของปี {years}; "
                "เพิ่มไฟล์ catalogues/{file} ตามแบบของปีที่มี"
            ).format(year=year, years=years, file=catalogue_file(year))
        )
    return parse_catalogue(entry.read_text(encoding="utf-8"), f"catalogues/{catalogue_file(year)}")


def parse_catalogue(text: str, name: str) -> Catalogue:
    """A catalogue from its YAML text; every problem located by file, line and column."""
    from ..pack.loader import validate_model  # one place turns pydantic errors into located messages

    source = parse_yaml(text, name)
    problems: list[Problem] = []
    catalogue = validate_model(Catalogue, source, problems)
    if catalogue is not None:
        problems += _consistency(catalogue, source)
    if problems or catalogue is None:
        raise PackError(problems)
    return catalogue


def _consistency(catalogue: Catalogue, source: YamlFile) -> list[Problem]:
    problems: list[Problem] = []

    def problem(path: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(source.location(path), message))

    if catalogue.catalogue != CATALOGUE_FORMAT:
        problem(
            ("catalogue",),
            _("รูปแบบแคตตาล็อก {found}: itapack นี้อ่านได้เฉพาะรูปแบบ {known}").format(
                found=catalogue.catalogue, known=CATALOGUE_FORMAT
            ),
        )
    seen: set[str] = set()
    for index, instrument in enumerate(catalogue.instruments):
        if instrument.id in seen:
            problem(("instruments", index, "id"), _("เครื่องมือ {id} ซ้ำ").format(id=instrument.id))
        seen.add(instrument.id)
    numbers: set[int] = set()
    for index, indicator in enumerate(catalogue.indicators):
        if indicator.number in numbers:
            problem(("indicators", index, "number"), _("ตัวชี้วัดที่ {number} ซ้ำ").format(number=indicator.number))
        numbers.add(indicator.number)
        if indicator.instrument not in seen:
            missing = _("ไม่มีเครื่องมือ {id} ใน instruments").format(id=indicator.instrument)
            problem(("indicators", index, "instrument"), missing)
    minimums = [band.min for band in catalogue.grades.bands]
    if minimums != sorted(minimums, reverse=True) or len(set(minimums)) != len(minimums):
        problem(("grades", "bands"), _("เรียงช่วงระดับผลจากสูงไปต่ำ คะแนนขั้นต่ำไม่ซ้ำกัน"))
    if minimums[-1] != 0:
        problem(("grades", "bands"), _("ช่วงสุดท้ายต้องเริ่มที่ 0 ทุกคะแนนจึงมีระดับ"))
    codes: set[str] = set()
    for index, question in enumerate(catalogue.questions):
        if question.code in codes:
            problem(("questions", index, "code"), _("ข้อคำถาม {code} ซ้ำ").format(code=question.code))
        codes.add(question.code)
        if question.indicator not in numbers:
            missing = _("ไม่มีตัวชี้วัดที่ {number} ใน indicators").format(number=question.indicator)
            problem(("questions", index, "indicator"), missing)
    if catalogue.answers and len(catalogue.answers) != 4:
        problem(("answers",), _("ระดับคำตอบมี 4 ระดับ (น้อยที่สุด น้อย มาก มากที่สุด)"))
    return problems
