"""The workbook's whole-row writer writes what XlsxWriter writes, cell by cell, byte for byte."""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from openpyxl import load_workbook

from itapack.chase import fastsheet, workbook
from itapack.chase.fastsheet import FastSheet
from itapack.chase.workbook import SHEETS, write_workbook

from ..conftest import HTML, PDF, UNITS_YAML, run_check, write_pack
from .conftest import CHASE_LEVELS, TODAY

DAY = date(2024, 1, 17)
# (kind, value) per column; None for an empty cell
ROWS: list[list[tuple[str, Any] | None]] = [
    [("link", ("../หลักฐาน/1.1 คำสั่ง.pdf", "1.1 คำสั่ง.pdf")), ("number", 335), ("text", "1.1"), ("text", "")],
    [("text", "อบต.บางยอ"), None, ("text", "4.4"), ("date", DAY)],
    [("text", "R&D <ร่าง>"), ("number", 1), ("text", "x"), ("text", "y")],  # escaped: XlsxWriter's way
    [("text", " ช่องว่างหน้า"), ("number", 2), ("text", "ท้าย "), ("text", "z")],  # xml:space="preserve"
    [("text", "ควบคุม\x07"), ("number", 3), ("text", "_x0041_"), ("text", "z")],  # XlsxWriter's _xHHHH_
    [("link", ('a "quoted" name.pdf', 'a "quoted" name.pdf')), ("number", 4), ("text", "a | b"), ("text", "z")],
    [("text", "สองบรรทัด\nขึ้นบรรทัดใหม่"), None, ("text", "1"), ("date", DAY)],
]


def _write(path: Path, fast: bool, rows: int, tall: set[int], usual: set[int]) -> bytes:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    styles = [book.add_format({"bold": n % 2 == 0, "num_format": "0" if n == 1 else "@"}) for n in range(4)]
    sheet = book.add_worksheet("ไฟล์", worksheet_class=FastSheet if fast else None)  # theirs: XlsxWriter's own
    sheet.set_default_row(21)
    sheet.write_string(0, 0, "หัวตาราง", styles[0])
    for row in range(1, rows + 1):
        cells = ROWS[row % len(ROWS)]
        if row in tall:
            sheet.set_row(row, 42)
        if fast and row not in usual:
            shape = tuple(None if cell is None else (_kind(cell[0]), styles[n]) for n, cell in enumerate(cells))
            values = [value for cell in cells if cell is not None for value in _values(sheet, *cell)]
            if sheet.fast_row(row, shape, values):
                continue
        for column, cell in enumerate(cells):
            if cell is None:
                continue
            kind, value = cell
            if kind == "text":
                sheet.write_string(row, column, value, styles[column])
            elif kind == "number":
                sheet.write_number(row, column, value, styles[column])
            elif kind == "date":
                sheet.write_datetime(row, column, value, styles[column])
            else:
                target, shown = value
                quoted = target.replace('"', '""'), shown.replace('"', '""')
                sheet.write_formula(row, column, '=HYPERLINK("{}","{}")'.format(*quoted), styles[column], shown)
    book.close()
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


def _kind(kind: str) -> str:
    return "number" if kind == "date" else kind


def _values(sheet: FastSheet, kind: str, value: Any) -> list[str]:
    if kind == "link":
        target, shown = value
        return [target.replace('"', '""'), shown.replace('"', '""'), shown]
    if kind == "date":
        return [sheet.excel_date(value)]
    return [fastsheet.shown(value) if kind == "number" else value]


@pytest.mark.parametrize(
    ("rows", "tall", "usual"),
    [
        (len(ROWS) * 3, set(), set()),
        (len(ROWS) * 3, {2, 9, 10}, {5, 6, 12}),  # set heights, and rows written the usual way between
        (2_600, {1, 999, 1000, 2_600}, {1_000, 1_001, 2_599}),  # past a batch; the last row tall
        (2_600, set(), {2_600}),  # the last row XlsxWriter's
    ],
)
def test_rows_are_the_bytes_xlsxwriter_writes(tmp_path: Path, rows: int, tall: set[int], usual: set[int]) -> None:
    theirs = _write(tmp_path / "theirs.xlsx", False, rows, tall, usual)
    ours = _write(tmp_path / "ours.xlsx", True, rows, tall, usual)
    assert ours == theirs
    assert b'<dimension ref="A1:D' + str(rows + 1).encode() + b'"/>' in ours


def test_a_row_it_cannot_carry_is_left_to_the_caller(tmp_path: Path) -> None:
    book = xlsxwriter.Workbook(str(tmp_path / "book.xlsx"), {"constant_memory": True})
    sheet = book.add_worksheet(worksheet_class=FastSheet)
    text = (("text", book.add_format()),)
    assert sheet.fast_row(1, text, ["ครบ"])
    assert not sheet.fast_row(1, text, ["again"]), "a row at or before the last one written"
    for awkward in ("R&D", "<b>", " lead", "trail ", "bell\x07", "_x0041_", "tab\there"):
        assert not sheet.fast_row(2, text, [awkward]), awkward
    assert sheet.fast_row(2, text, ["ขาด"])
    book.close()


def test_a_sheet_of_fast_rows_alone_has_their_dimensions(tmp_path: Path) -> None:
    book = xlsxwriter.Workbook(str(tmp_path / "book.xlsx"), {"constant_memory": True})
    sheet = book.add_worksheet(worksheet_class=FastSheet)
    style = book.add_format()
    shape = (None, ("text", style), ("number", style))
    for row in range(3, 1_503):
        assert sheet.fast_row(row, shape, ["ครบ", str(row)])
    book.close()
    with zipfile.ZipFile(tmp_path / "book.xlsx") as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    assert b'<dimension ref="B4:C1503"/>' in xml
    assert xml.count(b"<row ") == 1_500


AWKWARD = {  # names that must go XlsxWriter's way beside names that need not
    "1.1 บันทึกข้อความ": {"มอบหมาย R&D.pdf": PDF, "มอบหมาย_x0041_.pdf": PDF, "มอบหมายภารกิจ.pdf": PDF},
    "2.1 คำรับรอง": {"เทศบาลตำบลบางบ่อ": {"คำรับรอง <ฉบับจริง>.pdf": PDF}, "อบต.บางน้ำผึ้ง": {"คำรับรอง.pdf": HTML}},
    "บันทึก & อื่น.pdf": PDF,  # the last row of the files sheet, written XlsxWriter's way
}


@pytest.mark.parametrize("aside", [False, True], ids=["files sheet here", "files sheet by a second process"])
def test_a_workbook_is_the_same_written_row_by_row_or_cell_by_cell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, aside: bool
) -> None:
    units = (  # a district to escape, and a unit in another
        UNITS_YAML.replace("name: อำเภอบางบ่อ}", "name: อำเภอบางบ่อ & บางพลี}\n  - {id: bang-pla, name: อำเภอบางปลา}")
        + "  - {id: sao-bang-pla, name: องค์การบริหารส่วนตำบลบางปลา, kind: sao, district: bang-pla}\n"
    )
    pack = write_pack(tmp_path / "pack", levels=CHASE_LEVELS, units=units, evidence=AWKWARD)
    result = run_check(pack, today=TODAY)
    taken: dict[tuple[str, bool], int] = {}
    fast_row = FastSheet.fast_row

    def counted(sheet: FastSheet, *args: Any) -> bool:
        done = fast_row(sheet, *args)
        taken[sheet.name, done] = taken.get((sheet.name, done), 0) + 1
        return done

    monkeypatch.setattr(FastSheet, "fast_row", counted)
    if aside:
        monkeypatch.setenv("ITAPACK_JOBS", "2")
        monkeypatch.setattr(workbook, "ASIDE_ROWS", 0)
    write_workbook(result, tmp_path / "out" / "rows.xlsx", pack_root=pack)
    for sheet in SHEETS[1:]:  # every long sheet has rows written each way (the files sheet's unseen when aside)
        if not (aside and sheet == SHEETS[3]):
            assert taken.get((sheet, True)) and taken.get((sheet, False)), (sheet, taken)
    assert (SHEETS[3], True) not in taken if aside else (SHEETS[3], True) in taken
    monkeypatch.setattr(FastSheet, "fast_row", lambda *_: False)
    monkeypatch.setattr(workbook, "ASIDE_ROWS", 1 << 30)  # the reference: every cell here, XlsxWriter's way
    write_workbook(result, tmp_path / "out" / "cells.xlsx", pack_root=pack)
    _rows_in_order(tmp_path / "out" / "rows.xlsx")
    rows, cells = _sheets(tmp_path / "out" / "rows.xlsx"), _sheets(tmp_path / "out" / "cells.xlsx")
    assert len(rows) == 5
    assert rows == cells
    files = [cell for cell in rows[SHEETS[3]][:-1] if cell[0].startswith("A")]
    assert len(files) == 2 + 6  # title, headings, and every file: five in the evidence folder, one stray


def _rows_in_order(path: Path) -> None:
    """Each sheet's rows once each, in order: Excel repairs a file whose rows repeat or go back."""
    with zipfile.ZipFile(path) as book:
        for name in book.namelist():
            if name.startswith("xl/worksheets/sheet"):
                numbers = [int(n) for n in re.findall(rb'<row r="(\d+)"', book.read(name))]
                assert numbers == sorted(set(numbers)), name


def _sheets(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Each sheet's cells (value, formula, look) and row heights. Not the bytes: XlsxWriter
    numbers a format when it first writes it, and writes a sheet's last row only when the whole
    workbook closes, so the same formats may be numbered in another order."""
    book = load_workbook(path)
    return {
        sheet.title: [
            (
                cell.coordinate,
                cell.value,
                cell.number_format,
                cell.font.b,
                cell.font.sz,
                cell.font.color.rgb if cell.font.color else None,
                cell.fill.fgColor.rgb,
                cell.alignment.horizontal,
                cell.alignment.vertical,
                cell.alignment.wrap_text,
                cell.border.left.style,
                sheet.row_dimensions[cell.row].height,
            )
            for row in sheet.iter_rows()
            for cell in row
        ]
        + [sheet.dimensions]
        for sheet in book.worksheets
    }


def test_a_workbook_that_fails_leaves_no_second_process_and_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = write_pack(tmp_path / "pack", levels=CHASE_LEVELS, evidence=AWKWARD)
    result = run_check(pack, today=TODAY)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setenv("ITAPACK_JOBS", "2")
    monkeypatch.setattr(workbook, "ASIDE_ROWS", 0)
    asides: list[str] = []
    aside = FastSheet.aside

    def spied(sheet: FastSheet, *args: Any) -> Any:
        asides.append(sheet.name)
        return aside(sheet, *args)

    def broken(*_: Any) -> None:
        raise RuntimeError("the data sheet failed")

    monkeypatch.setattr(FastSheet, "aside", spied)
    monkeypatch.setattr(workbook._Builder, "_data", broken)
    with pytest.raises(RuntimeError, match="the data sheet failed"):
        write_workbook(result, tmp_path / "out" / "book.xlsx", pack_root=pack)
    assert asides == [SHEETS[3]]
    assert not [path.name for path in scratch.iterdir() if path.name.startswith("itapack-rows-")]
    with pytest.raises(ChildProcessError):  # the second process is reaped, not left a zombie
        os.waitpid(-1, os.WNOHANG)
    assert not (tmp_path / "out" / "book.xlsx").exists()
