"""The person chooses: where a file intake could not place goes, or that it stays.

Two ways, one rule: a script names its choices up front (`--choose "FILE=DOC/UNIT"`), and on a
terminal the person is asked for each such file, shown the two closest places and "ข้าม". Either
way the place is tried as intake would file it there (a type the document does not accept, or a
name that would serve another document, is refused with the reason), and what was chosen reaches
the log and the journal with confidence "chosen".
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import InputError
from ..i18n import _
from ..pack import thai
from .intake import Placement, action_text

SKIP = ("", "0", "ข้าม", "skip")
ATTEMPTS = 5  # answers a person may get wrong for one file before it is left for later


class Chosen:
    """Choices given up front, "FILE=DOC/UNIT": FILE is the file as intake shows it
    ("อีเมล/5.1 อบต.ทรงคะนอง.pdf") or just its name when only one file has that name."""

    def __init__(self, specs: list[str]) -> None:
        self.places: dict[str, str] = {}
        for spec in specs:
            file, equals, place = spec.partition("=")
            if not equals or not file.strip() or not place.strip():
                raise InputError(
                    _('--choose "{spec}": เขียนเป็น "ไฟล์=ข้อ/หน่วยงาน" เช่น "ภาพ.png=5.1/อบต.บางยอ"').format(spec=spec)
                )
            self.places[_key(file)] = place.strip()
        self.used: set[str] = set()

    def __call__(self, placement: Placement, attempt: Callable[[str], Placement]) -> Placement | None:
        name = placement.file.rpartition("/")[2]
        key = next((k for k in (_key(placement.file), _key(name)) if k in self.places), None)
        if key is None:
            return None
        if key in self.used and key == _key(name):
            raise InputError(
                _('--choose "{file}": มีหลายไฟล์ชื่อนี้ ให้เขียนทั้งโฟลเดอร์ เช่น "{shown}"').format(
                    file=name, shown=placement.file
                )
            )
        self.used.add(key)
        placed = attempt(self.places[key])
        if placed.action != "file":
            raise InputError(f'--choose "{placement.file}={self.places[key]}": {placed.reason}')
        return placed

    def check_all_used(self) -> None:
        """A choice that named no file intake left for a person is a mistake worth saying."""
        unused = [file for file in self.places if file not in self.used]
        if unused:
            raise InputError(
                _("--choose: ไม่มีไฟล์ที่ต้องเลือกเองชื่อ {files} (ดูชื่อไฟล์ตามที่ intake แสดง)").format(files=", ".join(unused))
            )


class Prompt:
    """Asks on a terminal. ask reads one answer (EOFError ends the asking); tell shows a line."""

    def __init__(self, ask: Callable[[str], str], tell: Callable[[str], None]) -> None:
        self.ask = ask
        self.tell = tell

    def __call__(self, placement: Placement, attempt: Callable[[str], Placement]) -> Placement | None:
        self.tell(placement.file)
        self.tell(f"  {action_text(placement.action)}: {placement.reason}")
        for number, (_place, shown) in enumerate(placement.options, start=1):
            self.tell(f"  {number}) {shown}")
        self.tell("  0) " + _("ข้าม (ไว้เลือกภายหลัง)"))
        question = _("เลือกหมายเลข หรือพิมพ์ ข้อ/หน่วยงาน เช่น 5.1/อบต.บางยอ [0]: ")
        for _attempt in range(ATTEMPTS):
            try:
                answer = thai.to_arabic_digits(self.ask(question).strip())
            except EOFError:
                return None
            if answer.casefold() in SKIP:
                return None
            if answer.isdigit() and 1 <= int(answer) <= len(placement.options):
                answer = placement.options[int(answer) - 1][0]
            try:
                placed = attempt(answer)
            except InputError as error:
                self.tell("  " + str(error))
                continue
            if placed.action == "file":
                return placed
            self.tell("  " + placed.reason)
        return None


def _key(file: str) -> str:
    """Files compared as intake shows them, whatever the shell did to slashes and Unicode form."""
    return thai.fold(file.strip().replace("\\", "/"))
