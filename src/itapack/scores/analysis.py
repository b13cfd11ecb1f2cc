"""This year's results against last year's, and the weak points a body writes its measures on.

Weak points follow the pack's `weak_points` rule (model.WeakPointRule), kept simple:
- an indicator or question is weak when its score is below `below`: the body's own total (the
  default) or a set score;
- `most: N` keeps only the N lowest indicators of each instrument (seed 001 names two each);
- a weak point is *urgent* ("ประเด็นที่จะต้องแก้ไขโดยเร่งด่วน") when its instrument is listed in
  `urgent`, or its score is below `urgent_below` (default 85, the usual pass mark); every other one
  is to *improve* ("ประเด็นที่จะต้องพัฒนาให้ดีขึ้น").
Seed 001 is `{below: total, most: 2, urgent: [iit]}`: indicators 4 and 2 urgent, 7 and 8 and 9 to improve.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..i18n import N_, _
from ..pack.model import QuestionResult, Results, WeakPointRule
from .catalogue import INSTRUMENTS, Catalogue, InstrumentId

# The o42 draft's headings, Thai in the draft; the terminal translates them (scores/text.py).
URGENT = N_("ประเด็นที่จะต้องแก้ไขโดยเร่งด่วน")
IMPROVE = N_("ประเด็นที่จะต้องพัฒนาให้ดีขึ้น")
TOTAL = N_("คะแนนรวม")
INDICATOR = N_("ตัวชี้วัดที่ {number} {name}")
UP, DOWN, SAME = "▲", "▼", "="


@dataclass(frozen=True)
class Line:
    """One row of the comparison: the total, an instrument or an indicator."""

    key: str  # total, iit, eit, oit, or the indicator's number
    label: str
    instrument: InstrumentId | None
    now: float | None
    before: float | None
    computed: bool = False  # now is worked out from the indicators, not announced
    before_computed: bool = False

    @property
    def change(self) -> float | None:
        return None if self.now is None or self.before is None else round(self.now - self.before, 2)

    @property
    def arrow(self) -> str:
        change = self.change
        if change is None:
            return ""
        return UP if change > 0 else DOWN if change < 0 else SAME


@dataclass(frozen=True)
class WeakPoint:
    kind: Literal["indicator", "question"]
    key: str  # indicator number or question code
    label: str
    instrument: InstrumentId | None
    indicator: str | None  # the indicator a question belongs to, when the catalogue knows
    score: float
    urgent: bool
    question: QuestionResult | None = None

    @property
    def group(self) -> str:
        return URGENT if self.urgent else IMPROVE


def instrument_of(catalogue: Catalogue, code: str) -> InstrumentId | None:
    info = catalogue.question.get(code)
    if info is not None:
        return catalogue.indicator[str(info.indicator)].instrument
    return {"I": "iit", "E": "eit", "O": "oit"}.get(code[:1])  # type: ignore[return-value]


def instrument_score(catalogue: Catalogue, results: Results, instrument: InstrumentId) -> tuple[float | None, bool]:
    """The announced score, or one derived from its indicators (their mean), marked as derived."""
    given = getattr(results, instrument)
    if given is not None:
        return given, False
    derived = catalogue.tool_score(instrument, results.indicators)
    return (None, False) if derived is None else (round(derived, 2), True)


def rating(catalogue: Catalogue, results: Results) -> tuple[str | None, bool]:
    """The announced rating, or the one the catalogue's rules give the scores, marked as derived;
    None when there is no total or the rules need a tool's score that is not known."""
    if results.grade is not None:
        return results.grade, False
    if results.total is None:
        return None, False
    scores: dict[str, float | None] = {"total": results.total}
    for instrument in INSTRUMENTS:
        scores[instrument] = instrument_score(catalogue, results, instrument)[0]
    found, _needs = catalogue.rate(scores)
    return found, found is not None


def comparison(catalogue: Catalogue, now: Results | None, before: Results | None) -> list[Line]:
    lines = [Line("total", TOTAL, None, now.total if now else None, before.total if before else None)]
    for instrument in INSTRUMENTS:
        current, computed = instrument_score(catalogue, now, instrument) if now else (None, False)
        previous, previous_computed = instrument_score(catalogue, before, instrument) if before else (None, False)
        lines.append(Line(instrument, instrument.upper(), instrument, current, previous, computed, previous_computed))
        for indicator in catalogue.indicators_of(instrument):
            number = str(indicator.number)
            lines.append(
                Line(
                    number,
                    INDICATOR.format(number=number, name=indicator.name),
                    instrument,
                    now.indicators.get(number) if now else None,
                    before.indicators.get(number) if before else None,
                )
            )
    return lines


def threshold(rule: WeakPointRule, results: Results) -> float | None:
    return results.total if rule.below == "total" else float(rule.below)


def weak_points(catalogue: Catalogue, results: Results, rule: WeakPointRule) -> list[WeakPoint]:
    """Indicators, then questions, under the threshold, lowest first."""
    limit = threshold(rule, results)
    if limit is None:
        return []

    def urgent(instrument: InstrumentId | None, score: float) -> bool:
        return instrument in rule.urgent or (rule.urgent_below is not None and score < rule.urgent_below)

    found: list[WeakPoint] = []
    for instrument in INSTRUMENTS:
        under = sorted(
            (
                (results.indicators[str(i.number)], i)
                for i in catalogue.indicators_of(instrument)
                if str(i.number) in results.indicators and results.indicators[str(i.number)] < limit
            ),
            key=lambda pair: (pair[0], pair[1].number),
        )
        for score, indicator in under[: rule.most]:
            number = str(indicator.number)
            found.append(
                WeakPoint(
                    "indicator",
                    number,
                    INDICATOR.format(number=number, name=indicator.name),
                    instrument,
                    number,
                    score,
                    urgent(instrument, score),
                )
            )
    found.sort(key=lambda w: (not w.urgent, w.score, int(w.key)))
    questions = []
    for code, question in results.questions.items():
        if question.score >= limit:
            continue
        info = catalogue.question.get(code)
        instrument = instrument_of(catalogue, code)
        questions.append(
            WeakPoint(
                "question",
                code,
                f"{code} {info.text}" if info else code,
                instrument,
                str(info.indicator) if info else None,
                question.score,
                urgent(instrument, question.score),
                question,
            )
        )
    questions.sort(key=lambda w: (not w.urgent, w.score, w.key))
    return found + questions


def grade_line(catalogue: Catalogue, results: Results) -> str:
    """The total and its rating, for the terminal (the person's language)."""
    if results.total is None:
        return _("ยังไม่มีคะแนนรวม")
    found, derived = rating(catalogue, results)
    if found is None:
        shown = _("– (เกณฑ์ของปีต้องใช้คะแนน IIT EIT OIT)")
    elif derived:
        shown = _("{grade} (คำนวณตามเกณฑ์ของแคตตาล็อก ไม่ใช่ค่าที่ประกาศ)").format(grade=found)
    else:
        shown = found
    return _("{total} คะแนน ระดับ {grade}").format(total=f"{results.total:.2f}", grade=shown)
