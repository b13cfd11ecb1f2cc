"""The Thai words every output uses for statuses and reasons, kept in one place."""

from __future__ import annotations

from datetime import date

from .. import thai
from ..result import CheckResult, Rejected, Status, Stray

STATUS = {Status.OK: "ครบ", Status.MISSING: "ขาด", Status.PROBLEM: "มีปัญหา"}
SYMBOL = {Status.OK: "✓", Status.MISSING: "✗", Status.PROBLEM: "!"}

_REJECTED = {
    "empty": "ไฟล์ว่าง (0 ไบต์)",
    "type": "ชนิดไฟล์ .{detail} ไม่อยู่ในชนิดที่รับ",
    "content": "เนื้อไฟล์ไม่ตรงกับนามสกุล (ที่จริงเป็น {detail})",
    "unreadable": "เปิดอ่านไฟล์ไม่ได้ (ตรวจสิทธิ์การเข้าถึง)",
    "unreadable-folder": "เปิดโฟลเดอร์ไม่ได้ (ตรวจสิทธิ์การเข้าถึง)",
    "bad-name": "ชื่อไฟล์มีอักขระที่อ่านไม่ได้ กรุณาเปลี่ยนชื่อไฟล์",
}
_STRAY = {
    "no-document": "ไม่อยู่ในโฟลเดอร์ของเอกสารข้อใด (ตั้งชื่อโฟลเดอร์ให้ขึ้นต้นด้วยเลขข้อ)",
    "unknown-unit": "ชื่อไม่ตรงกับหน่วยงานใด",
    "no-pattern": "ชื่อไฟล์ไม่ตรงกับรูปแบบที่เอกสารกำหนด",
    "link-outside": "ลิงก์ชี้ออกนอกโฟลเดอร์ชุดเอกสาร จึงไม่นับ",
    "link-folder": "โฟลเดอร์ลิงก์ ไม่ได้ตามเข้าไป (ไฟล์นับที่ตำแหน่งจริง)",
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


def rejected(item: Rejected) -> str:
    if item.reason == "bad-name" and item.detail in _BAD_NAME:
        return _BAD_NAME[item.detail]
    detail = _CONTENT.get(item.detail, item.detail) if item.reason == "content" else item.detail
    return _REJECTED.get(item.reason, item.reason).format(detail=detail)


def stray(item: Stray) -> str:
    text = _STRAY.get(item.reason, item.reason)
    return f"{text} (ใกล้เคียง: {item.hint})" if item.hint else text


def date_th(value: date, style: str = "short") -> str:
    return thai.format_date(value, style)


def window(result: CheckResult) -> str:
    start, end = result.pack.window
    return f"{date_th(start)} – {date_th(end)}"


def verdict(result: CheckResult, target: int | None = None) -> str:
    """One line: the level reached against the target, and what is left."""
    target = target or result.pack.target_level
    missing = sum(r.status is Status.MISSING for r in result.requirements)
    problems = sum(r.status is Status.PROBLEM for r in result.requirements)
    reached = f"ผ่านระดับ {result.level_reached} จาก {result.pack.levels} (เป้าหมายระดับ {target})"
    if not missing and not problems:
        left = "หลักฐานครบทุกรายการ"
    else:
        parts = [f"ขาด {missing} รายการ"] if missing else []
        parts += [f"มีปัญหา {problems} รายการ"] if problems else []
        left = " ".join(parts)
    scope = _scope(result)
    return f"{reached} — {left}{scope}"


def _scope(result: CheckResult) -> str:
    selection = result.selection
    parts = []
    if selection.levels is not None:
        parts.append("ระดับ " + ", ".join(str(n) for n in sorted(selection.levels)))
    if selection.units is not None:
        names = {u.id: u.name for u in result.units}
        parts.append(", ".join(names.get(u, u) for u in sorted(selection.units)))
    return f" (เฉพาะ {'; '.join(parts)})" if parts else ""
