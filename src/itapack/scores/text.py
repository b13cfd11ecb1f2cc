"""The comparison and the weak points as plain lines, for the terminal and for pipes alike.

Thai unless --lang en. The labels come from analysis in the o42 draft's Thai; here they are said
again in the person's language. Indicator names and question texts are the catalogue's data and
stay as written."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, TextIO

from ..i18n import _
from ..pack.model import Results, WeakPointRule
from .analysis import IMPROVE, INDICATOR, TOTAL, URGENT, comparison, grade_line, threshold, weak_points
from .catalogue import Catalogue
from .provenance import national_line, provenance_lines

if TYPE_CHECKING:
    from .command import ScoresRun


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _pad(text: str, width: int) -> str:
    """Pad to a width on screen: Thai vowels and tone marks above or below a letter take no column."""
    shown = sum(1 for char in text if unicodedata.category(char) not in ("Mn", "Me", "Cf"))
    return text + " " * max(width - shown, 0)


def _label(catalogue: Catalogue, key: str, label: str) -> str:
    """A row's label in the person's language: the total, or an indicator by its number and name."""
    if key == "total":
        return _(TOTAL)
    indicator = catalogue.indicator.get(key)
    if indicator is None:
        return label
    return _(INDICATOR).format(number=key, name=indicator.name)


def write_run(stream: TextIO, outcome: ScoresRun) -> None:
    """What `itapack scores` shows of a run: the comparison, the weak points, then where the
    catalogue's figures come from."""
    write(
        stream,
        outcome.catalogue,
        organisation=outcome.pack.organisation.name,
        year=outcome.pack.fiscal_year,
        now=outcome.now,
        previous_year=outcome.previous_year,
        before=outcome.before,
        rule=outcome.pack.info.weak_points,
    )
    stream.write("\n" + "\n".join(provenance_lines(outcome.catalogue)) + "\n")


def write(
    stream: TextIO,
    catalogue: Catalogue,
    *,
    organisation: str,
    year: int,
    now: Results | None,
    previous_year: int | None,
    before: Results | None,
    rule: WeakPointRule,
) -> None:
    out = stream.write
    out(_("ผลการประเมิน ITA {organisation}").format(organisation=organisation) + "\n")
    year_line = _("ปีงบประมาณ {year}: {grade}")
    if now is not None:
        out(year_line.format(year=year, grade=grade_line(catalogue, now)) + "\n")
    else:
        out(_("ปีงบประมาณ {year}: ยังไม่มีผล (นำเข้าด้วย itapack scores PACK --import ไฟล์ผล)").format(year=year) + "\n")
    if before is not None:
        out(year_line.format(year=previous_year, grade=grade_line(catalogue, before)) + "\n")
    else:
        out(_("ปีก่อน: ไม่มีผลใน previous.results ของ pack.yaml") + "\n")
    out("\n")
    label_width = 44
    out(f"{'':<{label_width}}  {year:>7}  {previous_year or _('ปีก่อน'):>7}   {_('เปลี่ยนแปลง')}\n")
    for line in comparison(catalogue, now, before):
        shown = _label(catalogue, line.key, line.label)
        label = shown if line.key in ("total", "iit", "eit", "oit") else f"  {shown}"
        change = "" if line.change is None else f"{line.arrow} {line.change:+.2f}".replace("+0.00", "0.00")
        mark = "*" if line.computed else " "
        before_mark = "*" if line.before_computed else " "
        out(f"{_pad(label, label_width)}  {_score(line.now):>7}{mark} {_score(line.before):>7}{before_mark} {change}\n")
    if any(line.computed or line.before_computed for line in comparison(catalogue, now, before)):
        out(_("* ค่าเฉลี่ยของตัวชี้วัด คำนวณโดย itapack (ไม่ใช่ค่าที่ประกาศ)") + "\n")
    # The national results of the catalogue's year, beside the body's score of that year.
    of_year = {year: now, previous_year: before}.get(catalogue.fiscal_year)
    national = national_line(catalogue, of_year.total if of_year is not None else None)
    if national is not None:
        out(national + "\n")

    basis, basis_year = (now, year) if now is not None else (before, previous_year)
    if basis is None:
        return
    points = weak_points(catalogue, basis, rule)
    limit = threshold(rule, basis)
    out("\n")
    if limit is None:
        out(_("จุดอ่อนของปี {year}: ไม่มีคะแนนรวมให้เทียบ (ตั้ง weak_points.below ใน pack.yaml)").format(year=basis_year))
        out("\n")
        return
    weak = (
        _("จุดอ่อนของปี {year} (ต่ำกว่า {limit} คะแนนรวมของหน่วยงาน) เรียงจากคะแนนต่ำสุด")
        if rule.below == "total"
        else _("จุดอ่อนของปี {year} (ต่ำกว่า {limit} เกณฑ์ที่ตั้งไว้) เรียงจากคะแนนต่ำสุด")
    )
    out(weak.format(year=basis_year, limit=f"{limit:.2f}") + "\n")
    if not points:
        out("  " + _("ไม่มี") + "\n")
    for rank, point in enumerate(points, 1):
        group = _(URGENT) if point.urgent else _(IMPROVE)
        label = _label(catalogue, point.key, point.label) if point.kind == "indicator" else point.label
        out(f"  {rank}. [{group}] {label} {point.score:.2f}\n")
        if point.question is not None:
            shares = point.question.answers
            if shares:
                names = catalogue.answers or ("1", "2", "3", "4")
                out("     " + "  ".join(f"{n} {s:.2f}%" for n, s in zip(names, shares, strict=True)) + "\n")
            for row in point.question.rows:
                shares_text = "  ".join(f"{s:.2f}%" for s in row.answers)
                out(f"     - {row.text or ''} {row.score:.2f}  {shares_text}\n")
