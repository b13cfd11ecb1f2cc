"""The ITA framework of one assessment year: indicators, weights, the rating rules, the OIT items.

A year is a YAML file: shipped in catalogues/ where its figures are known from a source, or
written by the user (catalogue-<year>.yaml in the pack, or --catalogue) for any other year; a new
framework is a new file, not new code. Every fact carries its basis (seed, src, likely, open) and
the file its provenance (the source documents, confirmed or not), which every report prints.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cached_property
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from ..errors import PackError, Problem
from ..i18n import N_, _
from ..pack.model import BEDate, DocumentId, Score, Strict, Text, Url, WindowName
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
CATALOGUE_FORMAT = 2


def _question_code(value: str) -> str:
    if not QUESTION_CODE.fullmatch(value):
        raise ValueError(f"'{value}' is not a question code; write I19, E1 or O3")
    return value


QuestionCode = Annotated[str, AfterValidator(_question_code)]


class Source(Strict):
    """Where figures come from. Confirmed: read from a document of the year that shows them (the
    NACC's manual or announcement, a body's own results page); not: the press, a summary, a slide."""

    source: Text = Field(description="the document, as its cover names it")
    date: BEDate | None = Field(default=None, description="its date (Buddhist era)")
    url: Url | None = None
    confirmed: bool = Field(description="read from a document of the year that shows the figures")
    covers: str | None = Field(default=None, description="which figures it is the source of")


class Instrument(Strict):
    id: InstrumentId
    name: Text
    weight: float | None = Field(default=None, gt=0, description="its share of the total; none: not known")
    basis: Basis


class Indicator(Strict):
    number: int = Field(ge=1)
    name: Text
    instrument: InstrumentId
    weight: float | None = Field(default=None, gt=0, description="its share of its tool; none on all: equal shares")
    basis: Basis


class TotalCheck(Strict):
    """What a total that is not the weighted sum of the instruments is: an error, a warning, or nothing."""

    on_mismatch: Literal["error", "warning", "off"] = "error"
    tolerance: float = Field(default=0.01, ge=0)
    basis: Basis


class Condition(Strict):
    """A score at least `min` and under `below` (either may be left out)."""

    min: Score | None = None
    below: Score | None = None

    def holds(self, score: float) -> bool:
        low = self.min is None or score >= self.min - 1e-9
        return low and (self.below is None or score < self.below - 1e-9)


class RatingRule(Strict):
    """One rating and what it takes: conditions on the total and on each tool, all of which must hold."""

    rating: Text
    total: Condition | None = None
    iit: Condition | None = None
    eit: Condition | None = None
    oit: Condition | None = None

    @property
    def conditions(self) -> dict[str, Condition]:
        named = {"total": self.total, "iit": self.iit, "eit": self.eit, "oit": self.oit}
        return {name: condition for name, condition in named.items() if condition is not None}


class Rating(Strict):
    basis: Basis
    pass_mark: Score | None = None
    rules: tuple[RatingRule, ...] = Field(min_length=1, description="in order: the first whose conditions hold")


class QuestionInfo(Strict):
    code: QuestionCode
    indicator: int = Field(ge=1)
    text: Text
    rows: tuple[Text, ...] = ()
    reverse: bool = Field(default=False, description="a 'less is better' question")
    basis: Basis


class OitItem(Strict):
    """One OIT item as the year's manual lists it: what a body's own website must show."""

    id: DocumentId
    title: Text
    show: tuple[Text, ...] = Field(default=(), description="what the page must show at least")
    note: str | None = None
    window: WindowName | None = None


class OitSection(Strict):
    title: Text
    items: tuple[OitItem, ...] = Field(min_length=1)


class OitItems(Strict):
    basis: Basis
    sections: tuple[OitSection, ...] = Field(min_length=1)


class National(Strict):
    """The year's national results as published: a reference beside the body's own score."""

    bodies: int | None = Field(default=None, ge=1, description="public bodies assessed")
    average: Score | None = None
    passing: Score | None = Field(default=None, description="per cent of bodies at or above the pass mark")
    source: Source


class Catalogue(Strict):
    catalogue: int
    fiscal_year: int = Field(ge=2400, le=2800)
    title: Text
    provenance: tuple[Source, ...] = Field(min_length=1)
    instruments: tuple[Instrument, ...] = Field(min_length=1)
    instrument_score: Literal["mean"] = "mean"
    instrument_score_basis: Basis
    indicators: tuple[Indicator, ...] = Field(default=(), description="empty: the year's indicators are not known")
    total_check: TotalCheck
    rating: Rating
    answers: tuple[Text, ...] = ()
    questions: tuple[QuestionInfo, ...] = ()
    oit_items: OitItems | None = None
    national: National | None = None
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

    @property
    def confirmed(self) -> bool:
        return all(source.confirmed for source in self.provenance)

    @property
    def ratings(self) -> tuple[str, ...]:
        return tuple(rule.rating for rule in self.rating.rules)

    def indicators_of(self, instrument: InstrumentId) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.instrument == instrument)

    def tool_score(self, instrument: InstrumentId, scores: Mapping[str, float]) -> float | None:
        """A tool's score from its indicators' (by number): their mean, weighted when every one has
        a weight; None unless all of them are scored."""
        members = self.indicators_of(instrument)
        if not members or any(str(i.number) not in scores for i in members):
            return None
        weights = [i.weight for i in members]
        if any(w is None for w in weights):
            weights = [1.0] * len(members)
        total = sum(weights)  # type: ignore[arg-type]
        return sum(scores[str(i.number)] * w for i, w in zip(members, weights, strict=True)) / total  # type: ignore[operator]

    def rate(self, scores: Mapping[str, float | None]) -> tuple[str | None, tuple[str, ...]]:
        """The rating of the first rule whose conditions hold, by "total", "iit", "eit", "oit".
        A rule that needs a score not given stops the reading there: (None, the scores it needs)."""
        for rule in self.rating.rules:
            unknown = tuple(name for name in rule.conditions if scores.get(name) is None)
            if not self._known_hold(rule, scores, unknown):
                continue
            return (None, unknown) if unknown else (rule.rating, ())
        return None, ()  # the last rule has no conditions (checked on loading): not reached

    def possible_ratings(self, scores: Mapping[str, float | None]) -> tuple[str, ...]:
        """Every rating the scores may have, whatever the scores not given turn out to be."""
        possible = []
        for rule in self.rating.rules:
            unknown = tuple(name for name in rule.conditions if scores.get(name) is None)
            if self._known_hold(rule, scores, unknown):
                possible.append(rule.rating)
                if not unknown:
                    break
        return tuple(possible)

    @staticmethod
    def _known_hold(rule: RatingRule, scores: Mapping[str, float | None], unknown: tuple[str, ...]) -> bool:
        return all(c.holds(scores[n]) for n, c in rule.conditions.items() if n not in unknown)  # type: ignore[arg-type]


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


Place = tuple[str | int, ...]


def _consistency(catalogue: Catalogue, source: YamlFile) -> list[Problem]:
    problems: list[Problem] = []

    def problem(path: Place, message: str) -> None:
        problems.append(Problem(source.location(path), message))

    if catalogue.catalogue != CATALOGUE_FORMAT:
        problem(
            ("catalogue",),
            _("รูปแบบแคตตาล็อก {found}: itapack นี้อ่านได้เฉพาะรูปแบบ {known}").format(
                found=catalogue.catalogue, known=CATALOGUE_FORMAT
            ),
        )
    tools = {i.id for i in catalogue.instruments}
    numbers = {i.number for i in catalogue.indicators}
    for path, key, message in _repeated(catalogue):
        problem(path, message.format(key=key))
    for index, indicator in enumerate(catalogue.indicators):
        if indicator.instrument not in tools:
            missing = _("ไม่มีเครื่องมือ {id} ใน instruments").format(id=indicator.instrument)
            problem(("indicators", index, "instrument"), missing)
    _rule_problems(catalogue.rating, tools, problem)
    for index, question in enumerate(catalogue.questions):
        if question.indicator not in numbers:
            missing = _("ไม่มีตัวชี้วัดที่ {number} ใน indicators").format(number=question.indicator)
            problem(("questions", index, "indicator"), missing)
    if catalogue.answers and len(catalogue.answers) != 4:
        problem(("answers",), _("ระดับคำตอบมี 4 ระดับ (น้อยที่สุด น้อย มาก มากที่สุด)"))
    return problems


def _repeated(catalogue: Catalogue) -> list[tuple[Place, object, str]]:
    """Every key given a second time: a tool, an indicator, a question, an OIT item, a rating."""
    lists: list[tuple[str, list[tuple[Place, object]]]] = [
        (_("เครื่องมือ {key} ซ้ำ"), [(("instruments", n, "id"), i.id) for n, i in enumerate(catalogue.instruments)]),
        (
            _("ตัวชี้วัดที่ {key} ซ้ำ"),
            [(("indicators", n, "number"), i.number) for n, i in enumerate(catalogue.indicators)],
        ),
        (_("ข้อคำถาม {key} ซ้ำ"), [(("questions", n, "code"), q.code) for n, q in enumerate(catalogue.questions)]),
        (
            _("ระดับผล '{key}' ซ้ำ"),
            [(("rating", "rules", n, "rating"), r.rating) for n, r in enumerate(catalogue.rating.rules)],
        ),
        (
            _("ข้อ {key} ซ้ำ"),
            [
                (("oit_items", "sections", s, "items", i, "id"), item.id)
                for s, section in enumerate(catalogue.oit_items.sections if catalogue.oit_items else ())
                for i, item in enumerate(section.items)
            ],
        ),
    ]
    found = []
    for message, keys in lists:
        seen: set[object] = set()
        for path, key in keys:
            if key in seen:
                found.append((path, key, message))
            seen.add(key)
    return found


def _rule_problems(rating: Rating, tools: set[str], problem: Callable[[Place, str], None]) -> None:
    """Rules speak of tools the catalogue has, and end in one for every score."""
    for index, rule in enumerate(rating.rules):
        at: Place = ("rating", "rules", index)
        for name, condition in rule.conditions.items():
            if name != "total" and name not in tools:
                problem((*at, name), _("ไม่มีเครื่องมือ {id} ใน instruments").format(id=name))
            if condition.min is None and condition.below is None:
                problem((*at, name), _("เงื่อนไขต้องมี min (อย่างน้อย) หรือ below (ต่ำกว่า)"))
            elif condition.min is not None and condition.below is not None and condition.min >= condition.below:
                problem((*at, name), _("min ต้องน้อยกว่า below"))
    if rating.rules[-1].conditions:
        last = ("rating", "rules", len(rating.rules) - 1)
        problem(last, _("กฎข้อสุดท้ายต้องไม่มีเงื่อนไข ทุกคะแนนจึงมีระดับผล (เช่น - rating: ต้องปรับปรุงโดยด่วน)"))
