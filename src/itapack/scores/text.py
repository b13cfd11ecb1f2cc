"""The comparison and the weak points as plain Thai lines, for the terminal and for pipes alike."""

from __future__ import annotations

import unicodedata
from typing import TextIO

from ..model import Results, WeakPointRule
from .analysis import comparison, grade_line, threshold, weak_points
from .catalogue import Catalogue


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _pad(text: str, width: int) -> str:
    """Pad to a width on screen: Thai vowels and tone marks above or below a letter take no column."""
    shown = sum(1 for char in text if unicodedata.category(char) not in ("Mn", "Me", "Cf"))
    return text + " " * max(width - shown, 0)


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
    out(f"ผลการประเมิน ITA {organisation}\n")
    if now is not None:
        out(f"ปีงบประมาณ {year}: {grade_line(catalogue, now)}\n")
    else:
        out(f"ปีงบประมาณ {year}: ยังไม่มีผล (นำเข้าด้วย itapack scores PACK --import ไฟล์ผล)\n")
    if before is not None:
        out(f"ปีงบประมาณ {previous_year}: {grade_line(catalogue, before)}\n")
    else:
        out("ปีก่อน: ไม่มีผลใน previous.results ของ pack.yaml\n")
    out("\n")
    label_width = 44
    out(f"{'':<{label_width}}  {year:>7}  {previous_year or 'ปีก่อน':>7}   เปลี่ยนแปลง\n")
    for line in comparison(catalogue, now, before):
        label = line.label if line.key in ("total", "iit", "eit", "oit") else f"  {line.label}"
        change = "" if line.change is None else f"{line.arrow} {line.change:+.2f}".replace("+0.00", "0.00")
        mark = "*" if line.computed else " "
        before_mark = "*" if line.before_computed else " "
        out(f"{_pad(label, label_width)}  {_score(line.now):>7}{mark} {_score(line.before):>7}{before_mark} {change}\n")
    if any(line.computed or line.before_computed for line in comparison(catalogue, now, before)):
        out("* ค่าเฉลี่ยของตัวชี้วัด คำนวณโดย itapack (ไม่ใช่ค่าที่ประกาศ)\n")

    basis, basis_year = (now, year) if now is not None else (before, previous_year)
    if basis is None:
        return
    points = weak_points(catalogue, basis, rule)
    limit = threshold(rule, basis)
    out("\n")
    if limit is None:
        out(f"จุดอ่อนของปี {basis_year}: ไม่มีคะแนนรวมให้เทียบ (ตั้ง weak_points.below ใน pack.yaml)\n")
        return
    reason = "คะแนนรวมของหน่วยงาน" if rule.below == "total" else "เกณฑ์ที่ตั้งไว้"
    out(f"จุดอ่อนของปี {basis_year} (ต่ำกว่า {limit:.2f} {reason}) เรียงจากคะแนนต่ำสุด\n")
    if not points:
        out("  ไม่มี\n")
    for rank, point in enumerate(points, 1):
        out(f"  {rank}. [{point.group}] {point.label} {point.score:.2f}\n")
        if point.question is not None:
            shares = point.question.answers
            if shares:
                names = catalogue.answers or ("1", "2", "3", "4")
                out("     " + "  ".join(f"{n} {s:.2f}%" for n, s in zip(names, shares, strict=True)) + "\n")
            for row in point.question.rows:
                shares_text = "  ".join(f"{s:.2f}%" for s in row.answers)
                out(f"     - {row.text or ''} {row.score:.2f}  {shares_text}\n")
