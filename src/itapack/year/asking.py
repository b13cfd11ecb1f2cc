"""itapack init on a terminal without options: the questions a clerk answers, in Thai.

What a pack needs to start, asked one at a time with a default in brackets where there is one
(Enter takes it): a province's pack or a body's own OIT pack, the province or the body, the fiscal
year, the office responsible and who signs the letters. An answer that will not do is said at
once and asked again, so the pack is made from answers that load; nothing is written here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from ..errors import InputError
from ..i18n import _
from ..pack import thai
from .newpack import current_fiscal_year

T = TypeVar("T")
ATTEMPTS = 5  # wrong answers to one question before init gives up (a script feeding nonsense)


@dataclass
class Answers:
    """init_pack's keyword arguments, as a person gave them."""

    fiscal_year: int
    province: str | None = None
    organisation: str | None = None
    office: str | None = None
    signer: str | None = None
    signer_position: str | None = None


def ask_init(ask: Callable[[str], str], tell: Callable[[str], None], today: date) -> Answers:
    """The answers, asked with ask (one line; EOFError stops) and explained with tell."""
    tell(_("เริ่มชุดเอกสารใหม่ ตอบทีละข้อ กด Enter เพื่อใช้ค่าในวงเล็บ"))
    which = _asked(ask, tell, _("1 ชุดเอกสารของจังหวัด หรือ 2 OIT ของหน่วยงาน [1]: "), _which)
    year_default = current_fiscal_year(today)
    year_question = _("ปีงบประมาณ พ.ศ. [{year}]: ").format(year=year_default)
    if which == "province":
        province = _asked(ask, tell, _("ชื่อจังหวัด เช่น สมุทรสาคร: "), _province)
        year = _asked(ask, tell, year_question, _year(year_default))
        office_default = f"สำนักงานจังหวัด{province}"
        office = _asked(ask, tell, _("หน่วยงานที่รับผิดชอบ [{office}]: ").format(office=office_default), _or(office_default))
        signer = _asked(ask, tell, _("ผู้ลงนามในหนังสือติดตาม ชื่อและนามสกุล (เว้นว่างได้): "), _or(""))
        position = ""
        if signer:
            position_default = f"ผู้ว่าราชการจังหวัด{province}"
            question = _("ตำแหน่งผู้ลงนาม [{position}]: ").format(position=position_default)
            position = _asked(ask, tell, question, _or(position_default))
        return Answers(year, province=province, office=office, signer=signer or None, signer_position=position or None)
    organisation = _asked(ask, tell, _("ชื่อหน่วยงาน เช่น องค์การบริหารส่วนตำบลบางปลา: "), _organisation)
    year = _asked(ask, tell, year_question, _year(year_default))
    return Answers(year, organisation=organisation)


def _asked(ask: Callable[[str], str], tell: Callable[[str], None], question: str, read: Callable[[str], T]) -> T:
    for _attempt in range(ATTEMPTS):
        try:
            answer = ask(question)
        except EOFError:  # input closed: nothing more will come
            break
        try:
            return read(answer.strip())
        except InputError as error:
            tell("  " + str(error))
    raise InputError(_("ยังไม่ได้คำตอบที่ใช้ได้ จึงยังไม่เริ่มชุดเอกสาร สั่ง itapack init อีกครั้ง"))


def _which(answer: str) -> str:
    if answer in ("", "1"):
        return "province"
    if answer == "2":
        return "organisation"
    raise InputError(_("ตอบ 1 หรือ 2"))


def _province(answer: str) -> str:
    name = answer.removeprefix("จังหวัด").strip()
    if not name:
        raise InputError(_("ระบุชื่อจังหวัดภาษาไทย เช่น สมุทรสาคร"))
    return name


def _organisation(answer: str) -> str:
    if not answer:
        raise InputError(_("ระบุชื่อหน่วยงานภาษาไทย เช่น องค์การบริหารส่วนตำบลบางปลา"))
    return answer


def _year(default: int) -> Callable[[str], int]:
    def read(answer: str) -> int:
        text = thai.to_arabic_digits(answer)
        if not text:
            return default
        if not (text.isascii() and text.isdigit() and 2400 <= int(text) <= 2800):
            raise InputError(_("ระบุปี พ.ศ. สี่หลัก เช่น {year}").format(year=default))
        return int(text)

    return read


def _or(default: str) -> Callable[[str], str]:
    return lambda answer: answer or default
