"""A results file's rows checked against the year's catalogue, one rule per kind of item.

Each row's item (grade, a tool or the total, an indicator number, a question code, a question's
row) is taken by the first rule in ITEM_RULES that recognises it; a new kind of item is one more
entry. Then the checks across rows: a tool that is not the mean of its indicators, a total that is
not the weighted sum of the tools (as strict as the catalogue says), a rating that does not follow
from the scores. Every problem is located; nothing here writes (store.py does).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Location, Problem
from ..i18n import _
from ..pack import thai
from ..pack.model import Results
from .catalogue import BASIS_WORDS, INSTRUMENTS, QUESTION_CODE, Catalogue
from .importing import ResultsFileError, Row, TotalCheckMode, Value, lookup, read_rows

# What an item may be called besides an indicator number or a question code: Thai, or English.
ITEMS = {
    "total": ("total", "คะแนนรวม", "รวม", "ita"),
    "grade": ("grade", "ระดับ", "ระดับผลการประเมิน"),
    "iit": ("iit",),
    "eit": ("eit",),
    "oit": ("oit",),
}
DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?|\.[0-9]+", re.ASCII)
SUB_ROW = re.compile(r"([IEO][0-9]{1,3})\.([0-9]{1,2})", re.ASCII)


@dataclass
class Imported:
    results: Results
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class Gathered:
    """What the rows said so far, and the problems found on the way."""

    catalogue: Catalogue
    problems: list[Problem] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)  # total, grade, iit, eit, oit
    indicators: dict[str, float] = field(default_factory=dict)
    questions: dict[str, dict[str, Any]] = field(default_factory=dict)
    first: dict[str, Location] = field(default_factory=dict)
    where_of: dict[str, Location] = field(default_factory=dict)

    def once(self, name: str, value: Value) -> bool:
        if name in self.first:
            twice = _("'{text}' ซ้ำ (มีแล้วที่ {where})").format(text=value.text, where=self.first[name])
            self.problems.append(Problem(value.where, twice))
            return False
        self.first[name] = value.where
        return True

    def number(self, value: Value, what: str) -> float | None:
        return _number(value, self.problems, what)


@dataclass(frozen=True)
class ItemRule:
    """A kind of item: how it is recognised (from its text, Arabic digits), whether its row needs a
    score, and how it is taken."""

    kind: str
    recognises: Callable[[str], bool]
    needs_score: bool
    take: Callable[[Gathered, Row, str], None]


def import_results(path: Path, shown: str, catalogue: Catalogue, total_check: TotalCheckMode | None = None) -> Imported:
    """The results in the file, checked; every problem in one ResultsFileError."""
    return check_rows(read_rows(path, shown), shown, catalogue, total_check)


def _number(value: Value, problems: list[Problem], what: str) -> float | None:
    text = thai.to_arabic_digits(value.text).strip().removesuffix("%").strip().replace(",", "")
    # Digits and one decimal point only: float() would also take "9_5.43" (95.43), "1e2", "inf"
    # and "nan", none of which a score announcement holds.
    if not DECIMAL.fullmatch(text):
        problems.append(Problem(value.where, _("{what}: '{text}' ไม่ใช่ตัวเลข").format(what=what, text=value.text)))
        return None
    number = float(text)
    if not 0 <= number <= 100:
        problems.append(Problem(value.where, _("{what}: {text} อยู่นอกช่วง 0–100").format(what=what, text=value.text)))
        return None
    return round(number, 2)


# --- the rules, one per kind of item --------------------------------------------------------------


def _take_grade(seen: Gathered, row: Row, item: str) -> None:
    if not seen.once("grade", row.item):
        return
    given = row.score.text.strip() if row.score else ""
    ratings = {rating.upper(): rating for rating in seen.catalogue.ratings}
    if given.upper() not in ratings:
        at = row.score.where if row.score else row.item.where
        known = ", ".join(seen.catalogue.ratings)
        message = _("ระดับผล '{grade}' ไม่มีในแคตตาล็อกปี {year}: ใช้ {ratings}")
        seen.problems.append(Problem(at, message.format(grade=given, year=seen.catalogue.fiscal_year, ratings=known)))
        return
    seen.fields["grade"] = ratings[given.upper()]
    seen.where_of["grade"] = (row.score or row.item).where


def _take_named(seen: Gathered, row: Row, item: str) -> None:
    named = lookup(ITEMS, item)
    score = seen.number(row.score, _("คะแนน"))  # type: ignore[arg-type]
    if named is not None and score is not None and seen.once(named, row.item):
        seen.fields[named] = score
        seen.where_of[named] = row.score.where  # type: ignore[union-attr]


def _take_indicator(seen: Gathered, row: Row, item: str) -> None:
    catalogue = seen.catalogue
    number = str(int(item))
    if number not in catalogue.indicator:
        year = catalogue.fiscal_year
        if catalogue.indicators:
            known = f"{catalogue.indicators[0].number}–{catalogue.indicators[-1].number}"
            unknown = _("ไม่มีตัวชี้วัดที่ {number} ในกรอบการประเมินปี {year} (มีตัวชี้วัดที่ {known})")
            message = unknown.format(number=number, year=year, known=known)
        else:
            message = _(
                "ตัวชี้วัดที่ {number}: แคตตาล็อกปี {year} ไม่มีรายการตัวชี้วัด (แหล่งที่มายังไม่ระบุ) "
                "นำเข้าได้เฉพาะคะแนนรวม ระดับผล IIT EIT OIT หรือเขียนแคตตาล็อกของปีเองที่มีตัวชี้วัด: "
                "itapack scores PACK --catalogue-template {year}"
            ).format(number=number, year=year)
        seen.problems.append(Problem(row.item.where, message))
        return
    score = seen.number(row.score, _("ตัวชี้วัดที่ {number}").format(number=number))  # type: ignore[arg-type]
    if score is not None and seen.once(f"indicator {number}", row.item):
        seen.indicators[number] = score


def _take_question(seen: Gathered, row: Row, item: str) -> None:
    code = item.upper()
    score = seen.number(row.score, code)  # type: ignore[arg-type]
    answers = _answers(row, seen.problems)
    if score is not None and seen.once(code, row.item):
        seen.questions.setdefault(code, {"rows": []}).update(score=score, answers=answers)
        seen.where_of[code] = row.item.where


def _take_sub_row(seen: Gathered, row: Row, item: str) -> None:
    code = item.upper()
    parent, index = SUB_ROW.fullmatch(code).groups()  # type: ignore[union-attr]
    score = seen.number(row.score, code)  # type: ignore[arg-type]
    answers = _answers(row, seen.problems)
    if score is None or not seen.once(code, row.item):
        return
    sub: dict[str, Any] = {"score": score, "answers": answers}
    known_rows = seen.catalogue.question[parent].rows if parent in seen.catalogue.question else ()
    if row.text is not None:
        sub["text"] = row.text.text
    elif int(index) - 1 < len(known_rows):
        sub["text"] = known_rows[int(index) - 1]
    seen.questions.setdefault(parent, {"rows": []})["rows"].append(sub)
    seen.where_of.setdefault(parent, row.item.where)


ITEM_RULES: tuple[ItemRule, ...] = (
    ItemRule("grade", lambda item: lookup(ITEMS, item) == "grade", False, _take_grade),
    ItemRule("total or tool", lambda item: lookup(ITEMS, item) is not None, True, _take_named),
    ItemRule("indicator", str.isdigit, True, _take_indicator),
    ItemRule("question", lambda item: QUESTION_CODE.fullmatch(item.upper()) is not None, True, _take_question),
    ItemRule("question row", lambda item: SUB_ROW.fullmatch(item.upper()) is not None, True, _take_sub_row),
)


def _rule_for(item: str) -> ItemRule | None:
    return next((rule for rule in ITEM_RULES if rule.recognises(item)), None)


def check_rows(
    rows: list[Row], shown: str, catalogue: Catalogue, total_check: TotalCheckMode | None = None
) -> Imported:
    seen = Gathered(catalogue)
    for row in rows:
        item = thai.to_arabic_digits(row.item.text).strip()
        rule = _rule_for(item)
        if (rule is None or rule.needs_score) and row.score is None:
            seen.problems.append(Problem(row.item.where, _("'{text}' ไม่มีคะแนน").format(text=row.item.text)))
        elif rule is None:
            seen.problems.append(Problem(row.item.where, _unknown_item(catalogue, row.item.text)))
        else:
            rule.take(seen, row, item)
    for code, question in seen.questions.items():
        if "score" not in question:
            message = _("{code} มีแถวย่อยแต่ไม่มีแถวคะแนนของข้อ {code} เอง").format(code=code)
            seen.problems.append(Problem(seen.where_of[code], message))
    if not seen.indicators and not seen.fields and not seen.questions:
        seen.problems.append(Problem(Location(shown), _("ไม่พบคะแนนใดในไฟล์")))
    if seen.problems:
        raise ResultsFileError(seen.problems)

    warnings: list[Problem] = []
    tools = _tool_scores(seen)
    _check_total(seen, tools, total_check or catalogue.total_check.on_mismatch, warnings)
    _check_rating(seen, tools)
    if seen.problems:
        raise ResultsFileError(seen.problems)
    # Only what the file says is stored: a grade or a tool's score worked out here would lean on
    # the catalogue's [likely] rules and weights. The comparison shows them, marked as derived.
    results = Results(
        **seen.fields,
        indicators={n: seen.indicators[n] for n in sorted(seen.indicators, key=int)},
        questions={code: {k: v for k, v in q.items() if v or k == "score"} for code, q in seen.questions.items()},
    )
    return Imported(results, warnings)


def _unknown_item(catalogue: Catalogue, text: str) -> str:
    last = catalogue.indicators[-1].number if catalogue.indicators else "–"
    return _(
        "ไม่รู้จักรายการ '{text}': ใช้เลขตัวชี้วัด (1–{last}), "
        "รหัสข้อคำถาม (I19, E1, E1.1) หรือ คะแนนรวม/total, ระดับ/grade, iit, eit, oit"
    ).format(text=text, last=last)


# --- the checks across rows -----------------------------------------------------------------------


def _tool_scores(seen: Gathered) -> dict[str, float]:
    """Each tool's score: the file's, checked against its indicators' mean; else that mean."""
    catalogue, tolerance = seen.catalogue, seen.catalogue.total_check.tolerance
    scores: dict[str, float] = {}
    for instrument in INSTRUMENTS:
        mean = catalogue.tool_score(instrument, seen.indicators)
        given = seen.fields.get(instrument)
        if given is not None and mean is not None and abs(given - mean) > tolerance + 0.005:
            # Each indicator is announced rounded to 0.01, so their mean may differ by half that.
            members = ", ".join(str(i.number) for i in catalogue.indicators_of(instrument))
            message = _("คะแนน {instrument} {given} ไม่ตรงกับค่าเฉลี่ยของตัวชี้วัด {indicators} ซึ่งได้ {mean}").format(
                instrument=instrument.upper(), given=f"{given:.2f}", indicators=members, mean=f"{mean:.2f}"
            )
            seen.problems.append(Problem(seen.where_of[instrument], message))
        if given is not None:
            scores[instrument] = given
        elif mean is not None:
            scores[instrument] = round(mean, 2)
    return scores


def _check_total(seen: Gathered, tools: dict[str, float], mode: TotalCheckMode, warnings: list[Problem]) -> None:
    catalogue = seen.catalogue
    weights = catalogue.weights
    total = seen.fields.get("total")
    if total is None or mode == "off" or not weights or any(i not in tools for i in weights):
        return
    computed = sum(tools[i] * w for i, w in weights.items()) / sum(weights.values())
    if abs(total - computed) <= catalogue.total_check.tolerance + 0.005:
        return
    shares = " + ".join(f"{w:g}% × {tools[i]:.2f} ({i.upper()})" for i, w in weights.items())
    basis = BASIS_WORDS[catalogue.total_check.basis]
    problem = Problem(
        seen.where_of["total"],
        _(
            "คะแนนรวม {total} ไม่ตรงกับผลรวมถ่วงน้ำหนัก {shares} = {computed} "
            "(น้ำหนักตามแคตตาล็อกปี {year} {basis}; ดูหมายเหตุในแคตตาล็อก)"
        ).format(
            total=f"{total:.2f}", shares=shares, computed=f"{computed:.2f}", year=catalogue.fiscal_year, basis=_(basis)
        ),
    )
    (seen.problems if mode == "error" else warnings).append(problem)


def _check_rating(seen: Gathered, tools: dict[str, float]) -> None:
    """A rating given beside the scores must be one the catalogue's rules can give them (a tool's
    score not given may be anything)."""
    given, total = seen.fields.get("grade"), seen.fields.get("total")
    if given is None or total is None:
        return
    possible = seen.catalogue.possible_ratings({"total": total, **tools})
    if given not in possible:
        message = _("ระดับ {grade} ไม่ตรงกับคะแนนรวม {total} ซึ่งอยู่ในระดับ {expected}")
        expected = _(" หรือ ").join(possible)
        seen.problems.append(
            Problem(seen.where_of["grade"], message.format(grade=given, total=f"{total:.2f}", expected=expected))
        )


def _answers(row: Row, problems: list[Problem]) -> tuple[float, ...]:
    if not row.answers:
        return ()
    if len(row.answers) != 4:
        problems.append(
            Problem(
                row.item.where,
                _("{item}: สัดส่วนคำตอบต้องมี 4 ค่า (น้อยที่สุด น้อย มาก มากที่สุด) พบ {count}").format(
                    item=row.item.text, count=len(row.answers)
                ),
            )
        )
        return ()
    what = _("{item} ร้อยละของคำตอบ").format(item=row.item.text)
    shares = [_number(value, problems, what) for value in row.answers]
    if any(share is None for share in shares):
        return ()
    if abs(sum(shares) - 100) > 0.5:  # type: ignore[arg-type]
        problems.append(
            Problem(
                row.answers[0].where,
                _("{item}: สัดส่วนคำตอบรวมกันได้ {total}% ไม่ใช่ 100%").format(
                    item=row.item.text,
                    total=f"{sum(shares):.2f}",  # type: ignore[arg-type]
                ),
            )
        )
        return ()
    return tuple(shares)  # type: ignore[arg-type]
