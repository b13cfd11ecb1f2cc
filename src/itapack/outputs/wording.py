"""The words every output uses for statuses and reasons, kept in one place: Thai as written, English
from the catalogue with --lang en. The tables are marked with N_() and read through i18n.Words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..evidence import layout
from ..evidence.result import (
    CheckResult,
    DocumentResult,
    LinkStatus,
    PackSummary,
    Rejected,
    SectionResult,
    Status,
    Stray,
)
from ..i18n import N_, Words, _, _n, language
from ..pack import thai
from ..pack.model import Results

STATUS = Words(
    {
        Status.OK: N_("ครบ"),
        Status.MISSING: N_("ขาด"),
        Status.PROBLEM: N_("มีปัญหา"),
        Status.OVERDUE: N_("เกินกำหนด"),
        Status.DUE_SOON: N_("ใกล้กำหนด"),
        Status.NOT_STARTED: N_("ยังไม่ถึงกำหนด"),
        Status.NOT_APPLICABLE: N_("ไม่เกี่ยวข้อง"),
    }
)
SYMBOL = {
    Status.OK: "✓",
    Status.MISSING: "✗",
    Status.PROBLEM: "!",
    Status.OVERDUE: "‼",
    Status.DUE_SOON: "◐",
    Status.NOT_STARTED: "○",
    Status.NOT_APPLICABLE: "⊘",
}
# The counts a summary names, in this order; not applicable last, as a fact rather than a debt.
COUNTED = (
    Status.DUE_SOON,
    Status.MISSING,
    Status.PROBLEM,
    Status.OVERDUE,
    Status.NOT_STARTED,
    Status.NOT_APPLICABLE,
)

_REJECTED = Words(
    {
        "empty": N_("ไฟล์ว่าง (0 ไบต์)"),
        "type": N_("ชนิดไฟล์ .{detail} ไม่อยู่ในชนิดที่รับ"),
        "content": N_("เนื้อไฟล์ไม่ตรงกับนามสกุล (ที่จริงเป็น {detail})"),
        "broken": N_("ไฟล์เสียหรือไม่ครบ เปิดไม่ได้ — ขอไฟล์ใหม่จากหน่วยงาน"),
        "unreadable": N_("เปิดอ่านไฟล์ไม่ได้ (ตรวจสิทธิ์การเข้าถึง)"),
        "unreadable-folder": N_("เปิดโฟลเดอร์ไม่ได้ (ตรวจสิทธิ์การเข้าถึง)"),
        "bad-name": N_("ชื่อไฟล์มีอักขระที่อ่านไม่ได้ กรุณาเปลี่ยนชื่อไฟล์"),
        "window": N_("ชื่อไฟล์ระบุ {detail} ซึ่งอยู่นอกช่วงเวลาของเอกสารนี้"),
        "future": N_("ลงวันที่ในอนาคต: ชื่อไฟล์ระบุ {detail} ซึ่งยังมาไม่ถึง ตรวจวันที่ในชื่อไฟล์"),
        "other-unit": N_("ไฟล์นี้เป็นของ {detail} ไม่ใช่ของหน่วยงานนี้"),
        "too-long": N_("ชื่อเส้นทางยาวเกินกว่าที่ระบบเปิดได้ ย่อชื่อโฟลเดอร์ให้สั้นลง"),
    }
)
_STRAY = Words(
    {
        "no-document": N_("ไม่อยู่ในโฟลเดอร์ของเอกสารข้อใด: ตั้งชื่อโฟลเดอร์หรือไฟล์ให้ขึ้นต้นด้วยเลขข้อ (เช่น {hint}) หรือชื่อหน่วยงาน"),
        "no-document-in-unit": N_("อยู่ในโฟลเดอร์ของ{hint} แต่ชื่อไม่ขึ้นต้นด้วยเลขข้อของเอกสาร"),
        "unknown-unit": N_("ชื่อไม่ตรงกับหน่วยงานใดที่ต้องส่งข้อ {document}"),
        "unit-not-needed": N_("{hint} ไม่ต้องส่งข้อ {document}"),
        "needs-unit": N_("ข้อ {document} ต้องส่งแยกตามหน่วยงาน: วางในโฟลเดอร์ของหน่วยงาน หรือตั้งชื่อไฟล์ตามหน่วยงาน"),
        "no-pattern": N_("ชื่อไฟล์ไม่ตรงกับรูปแบบที่เอกสารกำหนด"),
        "link-outside": N_("ลิงก์ชี้ออกนอกโฟลเดอร์ชุดเอกสาร จึงไม่นับ"),
        "link-folder": N_("โฟลเดอร์ลิงก์ ไม่ได้ตามเข้าไป (ไฟล์นับที่ตำแหน่งจริง)"),
        "invisible-character": N_("ชื่อมีอักขระที่มองไม่เห็น (นับตามชื่อที่เห็นแล้ว) ควรพิมพ์ชื่อใหม่"),
        "link-inside": N_("ลิงก์ไปยังไฟล์ในโฟลเดอร์หลักฐานเอง ไม่นับซ้ำ (ไฟล์นับที่ตำแหน่งจริง)"),
        "link-duplicate": N_("ลิงก์ไปยังไฟล์เดียวกับลิงก์อื่น ไม่นับซ้ำ"),
        "link-broken": N_("ลิงก์เสีย (ปลายทางไม่มีอยู่ หรือวนกลับมาที่เดิม)"),
        "bad-name": N_("ชื่อโฟลเดอร์มีอักขระที่อ่านไม่ได้ (ไฟล์ข้างในยังนับ) กรุณาเปลี่ยนชื่อ"),
        "too-long": N_("ชื่อเส้นทางยาวเกินกว่าที่ระบบเปิดได้ ย่อชื่อโฟลเดอร์ให้สั้นลง"),
        "unreadable-folder": N_("เปิดโฟลเดอร์ไม่ได้ (ตรวจสิทธิ์การเข้าถึง)"),
        "vanished": N_("ไฟล์ถูกลบหรือย้ายระหว่างการตรวจ"),
        "fifo": N_("เป็นไปป์ (FIFO) ไม่ใช่ไฟล์ จึงไม่ได้เปิดอ่าน ลบออก แล้ววางไฟล์หลักฐานจริงแทน"),
        "socket": N_("เป็นซ็อกเก็ต ไม่ใช่ไฟล์ จึงไม่ได้เปิดอ่าน ลบออก แล้ววางไฟล์หลักฐานจริงแทน"),
        "device": N_("เป็นไฟล์อุปกรณ์ ไม่ใช่ไฟล์ธรรมดา จึงไม่ได้เปิดอ่าน ลบออก แล้ววางไฟล์หลักฐานจริงแทน"),
    }
)
_CONTENT = Words(
    {"html": N_("หน้าเว็บ HTML"), "exe": N_("โปรแกรม (.exe)"), "program": N_("โปรแกรม"), "text": N_("ข้อความธรรมดา")}
)


_BAD_NAME = Words(
    {
        "bidi": N_("ชื่อไฟล์มีอักขระกลับทิศทางข้อความ (แสดงเป็น <U+…>) ทำให้ชื่อที่เห็นต่างจากชื่อจริง เช่น .pdf ดูเป็น .jpg กรุณาเปลี่ยนชื่อไฟล์"),
    }
)


def rejected(item: Rejected, window: tuple[date, date] | None = None) -> str:
    if item.reason == "bad-name" and item.detail in _BAD_NAME:
        return _BAD_NAME[item.detail]
    detail = _CONTENT.get(item.detail, item.detail) if item.reason == "content" else item.detail
    text = _REJECTED.get(item.reason, item.reason).format(detail=detail)
    if item.reason == "window" and window is not None:
        text += f" ({period(window)})"
    if item.reason == "other-unit" and item.destination:
        text = _("ไฟล์นี้เป็นของ {unit} — ย้ายไปที่ {destination}").format(
            unit=item.detail, destination=destination(item.destination)[0]
        )
    return text


def excused(reason: str | None) -> str:
    """ "ไม่เกี่ยวข้อง: ยุบรวมเป็นเทศบาลระหว่างปี": a not-applicable requirement, with its reason."""
    return _("ไม่เกี่ยวข้อง: {reason}").format(reason=reason or "")


def due_in(due: date, today: date) -> str:
    """ "กำหนดส่ง 15 มิ.ย. 2567 (อีก 14 วัน)": how near a due date is."""
    days = (due - today).days
    when = _("วันนี้") if days == 0 else _n("อีก {days} วัน", days).format(days=days)
    return _("กำหนดส่ง {date} ({when})").format(date=date_text(due), when=when)


def due_soon(result: CheckResult, units: dict[str, str]) -> list[str]:
    """One line per document due soon: "2.3 แผน… — กำหนดส่ง 15 มิ.ย. 2567 (อีก 14 วัน): อบต.ก, อบต.ข"."""
    lines = []
    for doc in result.documents:
        waiting = [r for r in doc.requirements if r.status is Status.DUE_SOON]
        if not waiting or doc.due is None:
            continue
        line = f"{doc.id} {doc.title} — {due_in(doc.due, result.pack.today)}"
        names = [units.get(r.unit, r.unit) for r in waiting if r.unit]
        if names:
            more = " " + _("และอีก {count} หน่วย").format(count=count(len(names) - 5)) if len(names) > 5 else ""
            line += f": {', '.join(names[:5])}{more}"
        lines.append(line)
    return lines


def counts(result: CheckResult) -> list[tuple[Status, int]]:
    """What is left and what is excused, each status with its count, in COUNTED order; none at 0."""
    return [(status, n) for status in COUNTED if (n := result.count(status))]


def stray(item: Stray) -> str:
    if item.reason == "no-document" and item.document:
        return _("ชื่อขึ้นต้นด้วย {hint} ซึ่งไม่ใช่เลขข้อ หมายถึงข้อ {document} หรือเปล่า? ถ้าใช่ ให้เปลี่ยนเป็น {document}").format(
            hint=item.hint, document=item.document
        )
    text = _STRAY.get(item.reason, item.reason)
    if item.reason == "unknown-unit" and item.hint:  # did you mean: the closest unit that owes it
        return text.format(document=item.document) + " " + _("หมายถึง {unit} หรือเปล่า?").format(unit=item.hint)
    if "{" in text:
        return text.format(hint=item.hint, document=item.document)
    return _("{text} (ใกล้เคียง: {hint})").format(text=text, hint=item.hint) if item.hint else text


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_text(value: date, style: str = "short") -> str:
    """24 พ.ย. 2566 in Thai; in English the Gregorian year an English reader expects: 24 Nov 2023."""
    if language() == "en":
        return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"
    return thai.format_date(value, style)


def period(span: tuple[date, date]) -> str:
    return f"{date_text(span[0])} – {date_text(span[1])}"


def window(result: CheckResult) -> str:
    return period(result.pack.window)


def section_label(section: SectionResult, ladder: bool) -> str:
    """ "ระดับ 2" on a ladder; a checklist section by its title ("หมวด 2" when it has none)."""
    if ladder:
        return _("ระดับ {number}").format(number=section.number) + (f" {section.title}" if section.title else "")
    label = " ".join(part for part in (section.id, section.title) if part)
    return label or _("หมวด {number}").format(number=section.number)


def section_state(section: SectionResult) -> str:
    return _("ครบ") if section.complete else _("ยังไม่ครบ")


def have_files(have: int, needed: int) -> str:
    return _n("มี {have} จาก {needed} ไฟล์", needed).format(have=count(have), needed=count(needed))


# The documents (report, workbook) are Thai whatever --lang says
UNIT_FOLDER_NOTE = "ปลายทางที่ลงท้ายด้วย * คือไฟล์ในโฟลเดอร์ของหน่วยงานนั้น ชื่อขึ้นต้นด้วยเลขข้อ เว้นวรรค แล้วตามด้วยชื่อใดก็ได้"


def destination(expected: str) -> tuple[str, str | None]:
    """For a person: the path to copy, a folder ("…/อบต.บางปลา/" for "…/อบต.บางปลา/3.1 *"), and
    what the name must be there, if anything: no one can put "*" in a name."""
    found = layout.named_in_folder(expected)
    if found is None:
        return expected, None
    folder, lead = found
    return folder, _("ในโฟลเดอร์ของหน่วยงาน ชื่อไฟล์ขึ้นต้นด้วย {id} เว้นวรรค แล้วตามด้วยชื่อใดก็ได้").format(id=lead)


def score(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def done_of(satisfied: int, required: int) -> str:
    """ "1,584/1,600": what is there of what is owed."""
    return f"{satisfied:,}/{required:,}"


def percent(value: float) -> str:
    """A share as every table writes it: one decimal always, so a column of them lines up (99.0
    beside 98.9, as the workbook's 0.0 format shows it)."""
    return f"{value:.1f}"


def count(value: int) -> str:
    """A count as every paper and message writes it: thousands separated from 1,000."""
    return f"{value:,}"


# The verdict's first part, a ladder's or a checklist's; check -o also knows its own text file by it.
LADDER_VERDICT = N_("ผ่านระดับ {reached} จาก {levels} (เป้าหมายระดับ {target})")
CHECKLIST_VERDICT = N_("ครบ {satisfied} จาก {required} รายการ คะแนน {score} จาก 100 (เป้าหมาย {target})")


def verdict(result: CheckResult, target_level: int | None = None, target_score: float | None = None) -> str:
    """One line: the level reached or the score, against the target, and what is left."""
    pack = result.pack
    if pack.ladder:
        target = target_level or pack.target_level
        reached = _(LADDER_VERDICT).format(reached=result.level_reached, levels=pack.sections, target=target)
    else:
        target_text = score(pack.target_score if target_score is None else target_score)
        reached = _(CHECKLIST_VERDICT).format(
            satisfied=count(result.satisfied),
            required=count(result.required),
            score=score(result.score),
            target=target_text,
        )
    shown = counts(result)
    left = " ".join(_("{status} {count} รายการ").format(status=STATUS[status], count=count(n)) for status, n in shown)
    if all(status is Status.NOT_APPLICABLE for status, _count in shown):
        left = " ".join([_("หลักฐานครบทุกรายการ"), left]).strip()
    return f"{reached} — {left}{_scope(result)}"


def document_facts(doc: DocumentResult) -> list[str]:
    """What the pack says of a document besides its evidence, one short line each."""
    lines = []
    if doc.owner:
        lines.append(_("ผู้รับผิดชอบ: {owner}").format(owner=doc.owner))
    if doc.due:
        lines.append(_("กำหนดส่ง: {date}").format(date=date_text(doc.due)))
    if doc.window:
        lines.append(_("หลักฐานต้องอยู่ในช่วง {period}").format(period=period(doc.window)))
    if doc.url:
        lines.append(_("หน้าเว็บ: {url}").format(url=doc.url))
    if doc.note:
        lines.append(_("หมายเหตุ: {note}").format(note=doc.note))
    return lines


def results_line(results: Results) -> str:
    """ "คะแนนรวม 95.03 (AA) · IIT 93.15 · EIT 91.94": what was announced, in one line."""
    parts = []
    if results.total is not None:
        parts.append(
            _("คะแนนรวม {total}").format(total=f"{results.total:.2f}")
            + (f" ({results.grade})" if results.grade else "")
        )
    elif results.grade:
        parts.append(_("ระดับผลการประเมิน {grade}").format(grade=results.grade))
    parts += [
        f"{name.upper()} {value:.2f}"
        for name, value in (("iit", results.iit), ("eit", results.eit), ("oit", results.oit))
        if value is not None
    ]
    if results.indicators:
        parts.append(_("ตัวชี้วัด") + " " + " ".join(f"{k}: {v:.2f}" for k, v in results.indicators.items()))
    return " · ".join(parts) or _("ยังไม่มีผลคะแนน")


@dataclass(frozen=True, slots=True)
class ResultsShown:
    """The announced results as every output shows them: both years side by side once both
    exist (years, rows), else the one year's results in a line (years has that year only)."""

    years: tuple[int, ...]
    rows: list[tuple[str, str, str, str]]
    line: str | None = None


def results_shown(pack: PackSummary) -> ResultsShown | None:
    before = pack.previous_results
    before_year = pack.previous.fiscal_year if pack.previous is not None else pack.fiscal_year - 1
    if pack.results is not None and before is not None:
        return ResultsShown((before_year, pack.fiscal_year), results_rows(pack.results, before))
    if pack.results is not None:
        return ResultsShown((pack.fiscal_year,), [], results_line(pack.results))
    if before is not None:
        return ResultsShown((before_year,), [], results_line(before))
    return None


def results_rows(now: Results, before: Results) -> list[tuple[str, str, str, str]]:
    """Last year's and this year's results side by side: (what, before, now, change ▲/▼)."""

    def score(value: float | None) -> str:
        return "–" if value is None else f"{value:.2f}"

    def change(old: float | None, new: float | None) -> str:
        if old is None or new is None or round(new - old, 2) == 0:
            return ""
        return f"{'▲' if new > old else '▼'} {abs(new - old):.2f}"

    rows = [(_("คะแนนรวม"), score(before.total), score(now.total), change(before.total, now.total))]
    if before.grade or now.grade:
        rows.append((_("ระดับผลการประเมิน"), before.grade or "–", now.grade or "–", ""))
    for name in ("iit", "eit", "oit"):
        old, new = getattr(before, name), getattr(now, name)
        if old is not None or new is not None:
            rows.append((name.upper(), score(old), score(new), change(old, new)))
    numbers = sorted({*before.indicators, *now.indicators}, key=thai.natural_key)
    for number in numbers:
        old, new = before.indicators.get(number), now.indicators.get(number)
        rows.append((_("ตัวชี้วัดที่ {number}").format(number=number), score(old), score(new), change(old, new)))
    return rows


def _scope(result: CheckResult) -> str:
    selection = result.selection
    parts = []
    if selection.sections is not None:
        if result.pack.ladder:
            parts.append(_("ระดับ {numbers}").format(numbers=", ".join(str(n) for n in sorted(selection.sections))))
        else:
            parts.append(", ".join(section_label(s, False) for s in result.sections))
    if selection.units is not None:
        names = {u.id: u.name for u in result.units}
        parts.append(", ".join(names.get(u, u) for u in sorted(selection.units)))
    return " " + _("(เฉพาะ {what})").format(what="; ".join(parts)) if parts else ""


LINK = Words({"ok": N_("ใช้ได้"), "problem": N_("มีปัญหา"), "broken": N_("เปิดไม่ได้"), "unchecked": N_("ยังไม่ได้ตรวจ")})
LINK_SYMBOL = {"ok": "✓", "problem": "!", "broken": "✗", "unchecked": "?"}


def link(status: LinkStatus) -> str:
    """check --links: "ลิงก์ ✗ เปิดไม่ได้: ไม่พบหน้านี้ (HTTP 404) · ตรวจ 23 พ.ย. 2569" """
    text = _("ลิงก์ {symbol} {verdict}").format(
        symbol=LINK_SYMBOL.get(status.verdict, "?"), verdict=LINK.get(status.verdict, status.verdict)
    )
    if status.verdict not in ("ok", "unchecked"):
        text += f": {status.message}"
    if status.checked_at is not None:
        from datetime import datetime

        text += " · " + _("ตรวจ {date}").format(date=date_text(datetime.fromtimestamp(status.checked_at).date()))
    elif status.verdict == "unchecked":
        text += " " + _("(รัน itapack links ก่อน)")
    return text
