"""Read a year's ITA results from CSV, XLSX or YAML as rows; checking.py checks them against the
year's catalogue.

All three become the same rows (item, score, four answer shares, text), each remembering where it
came from (file:line, file:sheet!cell, file:line:column), so every problem names its place.
Nothing here writes; store.py does.
"""

from __future__ import annotations

import csv
import io
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .. import bounded
from ..errors import InputError, Location, PackError, Problem
from ..i18n import _, _n
from ..pack import thai
from ..pack.model import Results
from ..pack.yamlfile import MAX_FILE_BYTES, YamlFile, decode_text, parse_yaml

TotalCheckMode = Literal["error", "warning", "off"]

# What a column header or an item may be called: the assessment system's Thai, or English.
_COLUMNS = {
    "item": ("item", "code", "รายการ", "ตัวชี้วัด", "ข้อ", "รหัส"),
    "score": ("score", "คะแนน", "คะแนนเฉลี่ย"),
    "text": ("text", "หัวข้อการประเมิน", "ข้อความ", "ประเด็น"),
    "a1": ("a1", "น้อยที่สุดหรือไม่มีเลย", "น้อยที่สุด"),
    "a2": ("a2", "น้อย"),
    "a3": ("a3", "มาก"),
    "a4": ("a4", "มากที่สุด"),
}


class ResultsFileError(PackError):
    """The results file has problems; each is located."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.args = (_n("ไฟล์ผลการประเมินมีปัญหา {count} รายการ", len(problems)).format(count=len(problems)),)


@dataclass(frozen=True)
class Value:
    text: str
    where: Location


@dataclass
class Row:
    item: Value
    score: Value | None = None
    answers: tuple[Value, ...] = ()
    text: Value | None = None


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", thai.to_arabic_digits(text)).strip().lower()


def lookup(names: dict[str, tuple[str, ...]], text: str) -> str | None:
    key = _key(text)
    return next((name for name, spellings in names.items() if key in spellings), None)


# --- reading ------------------------------------------------------------------------------------


def read_rows(path: Path, shown: str) -> list[Row]:
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".yaml", ".yml"):
        raise ResultsFileError(
            [Problem(Location(shown), _("อ่านได้เฉพาะไฟล์ .csv, .xlsx หรือ .yaml (ไฟล์ .xls แบบเก่า: บันทึกเป็น .xlsx ก่อน)"))]
        )
    try:
        status = path.stat()
        size = status.st_size
        if size > MAX_FILE_BYTES:
            too_big = _("ไฟล์ใหญ่ {size} ไบต์ เกิน {limit}").format(size=f"{size:,}", limit=f"{MAX_FILE_BYTES:,}")
            raise ResultsFileError([Problem(Location(shown), too_big)])
        if not stat.S_ISREG(status.st_mode) and not stat.S_ISDIR(status.st_mode):  # a FIFO would block for ever
            raise ResultsFileError([Problem(Location(shown), _("ไม่ใช่ไฟล์ธรรมดา (เป็นไปป์หรืออุปกรณ์) จึงไม่ได้เปิดอ่าน"))])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ResultsFileError([Problem(Location(shown), _("ไม่พบไฟล์"))]) from None
    except IsADirectoryError:
        raise ResultsFileError([Problem(Location(shown), _("นี่คือโฟลเดอร์ ไม่ใช่ไฟล์ผลการประเมิน"))]) from None
    except OSError as error:
        unreadable = _("อ่านไฟล์ไม่ได้: {reason}").format(reason=error.strerror)
        raise ResultsFileError([Problem(Location(shown), unreadable)]) from None
    if suffix == ".xlsx":
        return _xlsx_rows(raw, shown)
    try:
        text = decode_text(raw, shown)
    except PackError as error:
        raise ResultsFileError(error.problems) from None
    if suffix == ".csv":
        return _table_rows(_csv_lines(text), shown, lambda row, col: Location(shown, row))
    return _yaml_rows(parse_yaml(text, shown))


def _csv_lines(text: str) -> list[list[str]]:
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","  # Excel in some locales writes ;
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _xlsx_rows(raw: bytes, shown: str) -> list[Row]:
    import zipfile
    import zlib

    from openpyxl import load_workbook  # only this command needs it (about 0.35 s to import)
    from openpyxl.utils import get_column_letter

    not_xlsx = _("ไฟล์นี้ไม่ใช่ Excel (.xlsx) ที่เปิดได้: บันทึกใหม่จาก Excel เป็น .xlsx")
    try:
        # The listing is checked before openpyxl unpacks anything: a bomb stops here.
        with bounded.office_zip(raw, shown) as archive:
            faults = [bounded.member_fault(info) for info in archive.infolist()]
    except bounded.ReadLimitError:
        raise  # it names the file and the member already
    except InputError:
        raise ResultsFileError([Problem(Location(shown), not_xlsx)]) from None
    if any(faults):
        raise ResultsFileError([Problem(Location(shown), _("ไฟล์ Excel นี้ถูกเข้ารหัส: เปิดใน Excel แล้วบันทึกโดยไม่ใส่รหัสผ่าน"))])
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        if not book.worksheets:
            raise ResultsFileError([Problem(Location(shown), _("ไฟล์ Excel นี้ไม่มีแผ่นงาน (sheet) ใดเลย"))])
        sheet = book.worksheets[0]
        lines = [["" if v is None else _cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        title = sheet.title
        book.close()
    except ResultsFileError:
        raise
    # A file cut short or damaged inside shows only once its sheet is read, as any of these.
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, TypeError, IndexError, OSError):
        raise ResultsFileError([Problem(Location(shown), not_xlsx)]) from None
    return _table_rows(lines, shown, lambda row, col: Location(f"{shown}:{title}!{get_column_letter(col)}{row}"))


def _cell_text(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)


def _table_rows(lines: list[list[str]], shown: str, where: Any) -> list[Row]:
    """Rows of a CSV or a sheet: the first row with an item column and a score column is the header."""
    header_at = None
    columns: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        found = {lookup(_COLUMNS, cell): index for index, cell in enumerate(line) if lookup(_COLUMNS, cell)}
        if "item" in found and "score" in found:
            header_at, columns = number, found
            break
    if header_at is None:
        raise ResultsFileError(
            [
                Problem(
                    Location(shown),
                    _("ไม่พบแถวหัวตาราง: ต้องมีคอลัมน์ 'ตัวชี้วัด' (หรือ item) และ 'คะแนน' (หรือ score)"),
                )
            ]
        )
    rows = []
    for number, line in enumerate(lines[header_at:], header_at + 1):

        def cell(name: str, line: list[str] = line, number: int = number) -> Value | None:
            index = columns.get(name)
            if index is None or index >= len(line) or not line[index].strip():
                return None
            return Value(line[index].strip(), where(number, index + 1))

        item = cell("item")
        if item is None:
            if any(c.strip() for c in line):
                at = next(i for i, c in enumerate(line) if c.strip())
                no_item = _("แถวนี้ไม่มีรหัสตัวชี้วัดหรือข้อคำถาม ('{text}')").format(text=line[at])
                raise ResultsFileError([Problem(where(number, columns["item"] + 1), no_item)])
            continue
        answers = tuple(a for a in (cell(f"a{n}") for n in range(1, 5)) if a is not None)
        rows.append(Row(item, cell("score"), answers, cell("text")))
    return rows


def _yaml_rows(source: YamlFile) -> list[Row]:
    """The same rows from YAML shaped like pack.yaml's results: (total, grade, iit, indicators, questions)."""
    data = source.data
    if isinstance(data, dict) and set(data) == {"results"}:
        data, base = data["results"], ("results",)
    else:
        base = ()
    problems: list[Problem] = []

    def value(path: tuple[str | int, ...], raw: Any) -> Value:
        if not isinstance(raw, str):
            problems.append(Problem(source.location(path), _("ต้องเป็นค่าเดียว (ตัวเลขหรือข้อความ)")))
            return Value("", source.location(path))
        return Value(raw, source.location(path))

    def key(path: tuple[str | int, ...], name: str) -> Value:
        return Value(name, source.location(path, at_key=True))

    rows: list[Row] = []
    if not isinstance(data, dict):
        raise ResultsFileError([Problem(source.location(base), _("ต้องเป็นบรรทัด 'key: value' เช่น total: 95.03"))])
    for name, raw in data.items():
        path = (*base, name)
        if name == "note":
            continue
        if name == "indicators" and isinstance(raw, dict):
            for number, score in raw.items():
                rows.append(Row(key((*path, number), number), value((*path, number), score)))
        elif name == "questions" and isinstance(raw, dict):
            for code, question in raw.items():
                rows += _yaml_question(source, (*path, code), code, question, problems)
        else:
            rows.append(Row(key(path, name), value(path, raw)))
    if problems:
        raise ResultsFileError(problems)
    return rows


def _yaml_question(
    source: YamlFile, path: tuple[str | int, ...], code: str, data: Any, problems: list[Problem]
) -> list[Row]:
    at_key = source.location(path, at_key=True)
    if isinstance(data, str):
        return [Row(Value(code, at_key), Value(data, source.location(path)))]
    if not isinstance(data, dict):
        # Braces doubled: the message goes through .format() like every other.
        problems.append(
            Problem(source.location(path), _("ข้อคำถามต้องเป็น {{score: …, answers: […]}} หรือคะแนนอย่างเดียว").format())
        )
        return []
    unknown = set(data) - {"score", "answers", "rows"}
    for name in sorted(unknown):
        problems.append(
            Problem(
                source.location((*path, name), at_key=True),
                _("ไม่รู้จักคีย์ '{name}' (มี score, answers, rows)").format(name=name),
            )
        )

    def answers(at: tuple[str | int, ...], raw: Any) -> tuple[Value, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list) or not all(isinstance(a, str) for a in raw):
            problems.append(
                Problem(source.location(at), _("answers ต้องเป็นรายการร้อยละ 4 ค่า เช่น [96.40, 3.15, 0.45, 0.00]"))
            )
            return ()
        return tuple(Value(a, source.location((*at, i))) for i, a in enumerate(raw))

    def score(at: tuple[str | int, ...], raw: Any) -> Value | None:
        return Value(raw, source.location(at)) if isinstance(raw, str) else None

    rows = [
        Row(
            Value(code, at_key),
            score((*path, "score"), data.get("score")),
            answers((*path, "answers"), data.get("answers")),
        )
    ]
    for index, row in enumerate(data.get("rows") or []):
        at = (*path, "rows", index)
        if not isinstance(row, dict):
            problems.append(
                Problem(source.location(at), _("แต่ละแถวต้องเป็น {{text: …, score: …, answers: […]}}").format())
            )
            continue
        text = row.get("text")
        rows.append(
            Row(
                Value(f"{code}.{index + 1}", source.location(at)),
                score((*at, "score"), row.get("score")),
                answers((*at, "answers"), row.get("answers")),
                Value(text, source.location((*at, "text"))) if isinstance(text, str) else None,
            )
        )
    return rows


# --- checking -----------------------------------------------------------------------------------


def merged(stored: Results | None, imported: Results) -> tuple[Results, list[str] | None]:
    """The stored results with the file's rows put over them: a file that holds a few rows changes
    those and keeps every other. Also the names of the rows it changed; None when nothing was stored."""
    if stored is None:
        return imported, None
    changed: list[str] = []
    update: dict[str, Any] = {}
    for key in ("total", "grade", "iit", "eit", "oit"):
        value = getattr(imported, key)
        if value is not None:
            update[key] = value
            if value != getattr(stored, key):
                changed.append(key)
    indicators = {**stored.indicators, **imported.indicators}
    update["indicators"] = {number: indicators[number] for number in sorted(indicators, key=int)}
    changed += [
        _("ตัวชี้วัดที่ {number}").format(number=number)
        for number, score in imported.indicators.items()
        if stored.indicators.get(number) != score
    ]
    update["questions"] = {**stored.questions, **imported.questions}
    changed += [code for code, question in imported.questions.items() if stored.questions.get(code) != question]
    return stored.model_copy(update=update), changed
