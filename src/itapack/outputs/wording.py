"""The Thai words every output uses for statuses and reasons, kept in one place."""

from __future__ import annotations

from datetime import date

from .. import thai
from ..model import Results
from ..result import CheckResult, DocumentResult, LinkStatus, Rejected, SectionResult, Status, Stray

STATUS = {Status.OK: "ครบ", Status.MISSING: "ขาด", Status.PROBLEM: "มีปัญหา", Status.OVERDUE: "เกินกำหนด"}
SYMBOL = {Status.OK: "✓", Status.MISSING: "✗", Status.PROBLEM: "!", Status.OVERDUE: "‼"}

_REJECTED = {
    "empty": "ไฟล์ว่าง (0 ไบต์)",
    "type": "ชนิดไฟล์ .{detail} ไม่อยู่ในชนิดที่รับ",
    "content": "เนื้อไฟล์ไม่ตรงกับนามสกุล (ที่จริงเป็น {detail})",
    "unreadable": "เปิดอ่านไฟล์ไม่ได้ (ตรวจสิทธิ์การเข้าถึง)",
    "unreadable-folder": "เปิดโฟลเดอร์ไม่ได้ (ตรวจสิทธิ์การเข้าถึง)",
    "bad-name": "ชื่อไฟล์มีอักขระที่อ่านไม่ได้ กรุณาเปลี่ยนชื่อไฟล์",
    "window": "ชื่อไฟล์ระบุ {detail} ซึ่งอยู่นอกช่วงเวลาของเอกสารนี้",
    "too-long": "ชื่อเส้นทางยาวเกินกว่าที่ระบบเปิดได้ ย่อชื่อโฟลเดอร์ให้สั้นลง",
}
_STRAY = {
    "no-document": "ไม่อยู่ในโฟลเดอร์ของเอกสารข้อใด: ตั้งชื่อโฟลเดอร์หรือไฟล์ให้ขึ้นต้นด้วยเลขข้อ (เช่น {hint}) หรือชื่อหน่วยงาน",
    "no-document-in-unit": "อยู่ในโฟลเดอร์ของ{hint} แต่ชื่อไม่ขึ้นต้นด้วยเลขข้อของเอกสาร",
    "unknown-unit": "ชื่อไม่ตรงกับหน่วยงานใดที่ต้องส่งข้อ {document}",
    "unit-not-needed": "{hint} ไม่ต้องส่งข้อ {document}",
    "needs-unit": "ข้อ {document} ต้องส่งแยกตามหน่วยงาน: วางในโฟลเดอร์ของหน่วยงาน หรือตั้งชื่อไฟล์ตามหน่วยงาน",
    "no-pattern": "ชื่อไฟล์ไม่ตรงกับรูปแบบที่เอกสารกำหนด",
    "link-outside": "ลิงก์ชี้ออกนอกโฟลเดอร์ชุดเอกสาร จึงไม่นับ",
    "link-folder": "โฟลเดอร์ลิงก์ ไม่ได้ตามเข้าไป (ไฟล์นับที่ตำแหน่งจริง)",
    "invisible-character": "ชื่อมีอักขระที่มองไม่เห็น (นับตามชื่อที่เห็นแล้ว) ควรพิมพ์ชื่อใหม่",
    "link-inside": "ลิงก์ไปยังไฟล์ในโฟลเดอร์หลักฐานเอง ไม่นับซ้ำ (ไฟล์นับที่ตำแหน่งจริง)",
    "link-duplicate": "ลิงก์ไปยังไฟล์เดียวกับลิงก์อื่น ไม่นับซ้ำ",
    "link-broken": "ลิงก์เสีย (ปลายทางไม่มีอยู่ หรือวนกลับมาที่เดิม)",
    "bad-name": "ชื่อโฟลเดอร์มีอักขระที่อ่านไม่ได้ (ไฟล์ข้างในยังนับ) กรุณาเปลี่ยนชื่อ",
    "too-long": "ชื่อเส้นทางยาวเกินกว่าที่ระบบเปิดได้ ย่อชื่อโฟลเดอร์ให้สั้นลง",
    "unreadable-folder": "เปิดโฟลเดอร์ไม่ได้ (ตรวจสิทธิ์การเข้าถึง)",
    "vanished": "ไฟล์ถูกลบหรือย้ายระหว่างการตรวจ",
    "fifo": "เป็นไปป์ (FIFO) ไม่ใช่ไฟล์ จึงไม่ได้เปิดอ่าน ลบออก แล้ววางไฟล์หลักฐานจริงแทน",
    "socket": "เป็นซ็อกเก็ต ไม่ใช่ไฟล์ จึงไม่ได้เปิดอ่าน ลบออก แล้ววางไฟล์หลักฐานจริงแทน",
    "device": "เป็นไฟล์อุปกรณ์ ไม่ใช่ไฟล์ธรรมดา จึงไม่ได้เปิดอ่าน ลบออก แล้ววางไฟล์หลักฐานจริงแทน",
}
_CONTENT = {"html": "หน้าเว็บ HTML", "exe": "โปรแกรม (.exe)", "program": "โปรแกรม", "text": "ข้อความธรรมดา"}


_BAD_NAME = {
    "bidi": "ชื่อไฟล์มีอักขระกลับทิศทางข้อความ (แสดงเป็น <U+…>) ทำให้ชื่อที่เห็นต่างจากชื่อจริง เช่น .pdf ดูเป็น .jpg กรุณาเปลี่ยนชื่อไฟล์",
}


def rejected(item: Rejected, window: tuple[date, date] | None = None) -> str:
    if item.reason == "bad-name" and item.detail in _BAD_NAME:
        return _BAD_NAME[item.detail]
    detail = _CONTENT.get(item.detail, item.detail) if item.reason == "content" else item.detail
    text = _REJECTED.get(item.reason, item.reason).format(detail=detail)
    if item.reason == "window" and window is not None:
        text += f" ({period(window)})"
    return text


def stray(item: Stray) -> str:
    if item.reason == "no-document" and item.document:
        return f"ชื่อขึ้นต้นด้วย {item.hint} ซึ่งไม่ใช่เลขข้อ หมายถึงข้อ {item.document} หรือเปล่า? ถ้าใช่ ให้เปลี่ยนเป็น {item.document}"
    text = _STRAY.get(item.reason, item.reason)
    if "{" in text:
        return text.format(hint=item.hint, document=item.document)
    return f"{text} (ใกล้เคียง: {item.hint})" if item.hint else text


def date_th(value: date, style: str = "short") -> str:
    return thai.format_date(value, style)


def period(span: tuple[date, date]) -> str:
    return f"{date_th(span[0])} – {date_th(span[1])}"


def window(result: CheckResult) -> str:
    return period(result.pack.window)


def section_label(section: SectionResult, ladder: bool) -> str:
    """ "ระดับ 2" on a ladder; a checklist section by its title ("หมวด 2" when it has none)."""
    if ladder:
        return f"ระดับ {section.number}" + (f" {section.title}" if section.title else "")
    label = " ".join(part for part in (section.id, section.title) if part)
    return label or f"หมวด {section.number}"


def score(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def verdict(result: CheckResult, target_level: int | None = None, target_score: float | None = None) -> str:
    """One line: the level reached or the score, against the target, and what is left."""
    pack = result.pack
    if pack.ladder:
        target = target_level or pack.target_level
        reached = f"ผ่านระดับ {result.level_reached} จาก {pack.sections} (เป้าหมายระดับ {target})"
    else:
        target_text = score(pack.target_score if target_score is None else target_score)
        reached = (
            f"ครบ {result.satisfied} จาก {result.required} รายการ"
            f" คะแนน {score(result.score)} จาก 100 (เป้าหมาย {target_text})"
        )
    counts = [(result.count(status), status) for status in (Status.MISSING, Status.PROBLEM, Status.OVERDUE)]
    left = " ".join(f"{STATUS[status]} {n} รายการ" for n, status in counts if n) or "หลักฐานครบทุกรายการ"
    return f"{reached} — {left}{_scope(result)}"


def document_facts(doc: DocumentResult) -> list[str]:
    """What the pack says of a document besides its evidence, one short line each."""
    lines = []
    if doc.owner:
        lines.append(f"ผู้รับผิดชอบ: {doc.owner}")
    if doc.due:
        lines.append(f"กำหนดส่ง: {date_th(doc.due)}")
    if doc.window:
        lines.append(f"หลักฐานต้องอยู่ในช่วง {period(doc.window)}")
    if doc.url:
        lines.append(f"หน้าเว็บ: {doc.url}")
    if doc.note:
        lines.append(f"หมายเหตุ: {doc.note}")
    return lines


def results_line(results: Results) -> str:
    """ "คะแนนรวม 95.03 (AA) · IIT 93.15 · EIT 91.94": what was announced, in one line."""
    parts = []
    if results.total is not None:
        parts.append(f"คะแนนรวม {results.total:.2f}" + (f" ({results.grade})" if results.grade else ""))
    elif results.grade:
        parts.append(f"ระดับผลการประเมิน {results.grade}")
    parts += [
        f"{name.upper()} {value:.2f}"
        for name, value in (("iit", results.iit), ("eit", results.eit), ("oit", results.oit))
        if value is not None
    ]
    if results.indicators:
        parts.append("ตัวชี้วัด " + " ".join(f"{k}: {v:.2f}" for k, v in results.indicators.items()))
    return " · ".join(parts) or "ยังไม่มีผลคะแนน"


def results_rows(now: Results, before: Results) -> list[tuple[str, str, str, str]]:
    """Last year's and this year's results side by side: (what, before, now, change ▲/▼)."""

    def score(value: float | None) -> str:
        return "–" if value is None else f"{value:.2f}"

    def change(old: float | None, new: float | None) -> str:
        if old is None or new is None or round(new - old, 2) == 0:
            return ""
        return f"{'▲' if new > old else '▼'} {abs(new - old):.2f}"

    rows = [("คะแนนรวม", score(before.total), score(now.total), change(before.total, now.total))]
    if before.grade or now.grade:
        rows.append(("ระดับผลการประเมิน", before.grade or "–", now.grade or "–", ""))
    for name in ("iit", "eit", "oit"):
        old, new = getattr(before, name), getattr(now, name)
        if old is not None or new is not None:
            rows.append((name.upper(), score(old), score(new), change(old, new)))
    numbers = sorted({*before.indicators, *now.indicators}, key=thai.natural_key)
    for number in numbers:
        old, new = before.indicators.get(number), now.indicators.get(number)
        rows.append((f"ตัวชี้วัดที่ {number}", score(old), score(new), change(old, new)))
    return rows


def _scope(result: CheckResult) -> str:
    selection = result.selection
    parts = []
    if selection.sections is not None:
        if result.pack.ladder:
            parts.append("ระดับ " + ", ".join(str(n) for n in sorted(selection.sections)))
        else:
            parts.append(", ".join(section_label(s, False) for s in result.sections))
    if selection.units is not None:
        names = {u.id: u.name for u in result.units}
        parts.append(", ".join(names.get(u, u) for u in sorted(selection.units)))
    return f" (เฉพาะ {'; '.join(parts)})" if parts else ""


LINK = {"ok": "ใช้ได้", "problem": "มีปัญหา", "broken": "เปิดไม่ได้", "unchecked": "ยังไม่ได้ตรวจ"}
LINK_SYMBOL = {"ok": "✓", "problem": "!", "broken": "✗", "unchecked": "?"}


def link(status: LinkStatus) -> str:
    """check --links: "ลิงก์ ✗ เปิดไม่ได้: ไม่พบหน้านี้ (HTTP 404) · ตรวจ 23 พ.ย. 2569" """
    text = f"ลิงก์ {LINK_SYMBOL.get(status.verdict, '?')} {LINK.get(status.verdict, status.verdict)}"
    if status.verdict not in ("ok", "unchecked"):
        text += f": {status.message}"
    if status.checked_at is not None:
        from datetime import datetime

        text += f" · ตรวจ {thai.format_date(datetime.fromtimestamp(status.checked_at).date())}"
    elif status.verdict == "unchecked":
        text += " (รัน itapack links ก่อน)"
    return text
