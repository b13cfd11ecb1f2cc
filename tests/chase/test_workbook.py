"""The tracking workbook, read back cell by cell, and opened by LibreOffice Calc."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from itapack.chase.workbook import BE_DATE, SHEETS, write_workbook
from itapack.cli import app
from itapack.errors import OutputError

from ..conftest import PDF, run_check
from .conftest import TODAY

runner = CliRunner()


@pytest.fixture
def book(chase_pack: Path, tmp_path: Path) -> Path:
    path = tmp_path / "out" / "ติดตาม.xlsx"
    write_workbook(run_check(chase_pack, today=TODAY), path, pack_root=chase_pack)
    return path


def rows(sheet: object) -> list[tuple]:
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]  # type: ignore[attr-defined]


def test_sheets_in_order_with_print_setup(book: Path) -> None:
    workbook = load_workbook(book)
    assert workbook.sheetnames == list(SHEETS)
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.paperSize == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth in (None, 1)  # 1 is the default, left out of the file
        assert sheet.page_setup.fitToHeight == 0
        assert "การประเมิน" in sheet.oddHeader.center.text
        assert "&P" in sheet.oddFooter.right.text and "&N" in sheet.oddFooter.right.text
        assert sheet.print_title_rows is not None
    assert workbook.properties.category == "itapack report"


def test_units_sheet_marks_frozen_filtered(book: Path) -> None:
    sheet = load_workbook(book)["หน่วยงาน"]
    assert sheet.freeze_panes == "C3"
    assert sheet.auto_filter.ref.startswith("A2:")
    header = [cell.value for cell in sheet[2]]
    assert header[:5] == ["ลำดับ", "หน่วยงาน", "รหัส", "อำเภอ", "ประเภท"]
    assert header[5].startswith("2.1 ")
    by_name = {row[1]: row for row in rows(sheet)[2:]}
    assert by_name["เทศบาลตำบลบางบ่อ"][3:6] == ("อำเภอบางบ่อ", "เทศบาลตำบล", "✓")
    assert by_name["องค์การบริหารส่วนตำบลบางน้ำผึ้ง"][5] == "!"  # a wrong file, past due: still a problem
    assert by_name["เทศบาลตำบลบางบ่อ"][6:] == (1, 1, 100)  # numbers, not text
    fills = {row[5].value: row[5].fill.fgColor.rgb for row in sheet.iter_rows(min_row=3)}
    assert fills["✓"].endswith("C6EFCE") and fills["!"].endswith("FFEB9C")
    assert sheet["B3"].font.name == "TH Sarabun New"


def test_chase_sheet_one_row_per_item_with_due_date(book: Path) -> None:
    sheet = load_workbook(book)["ติดตาม"]
    body = rows(sheet)[2:]
    by_what = {(row[0], row[2]): row for row in body}
    assert set(by_what) == {("สำนักงานจังหวัดทดสอบ", "1.2"), ("องค์การบริหารส่วนตำบลบางน้ำผึ้ง", "2.1")}
    overdue = by_what[("องค์การบริหารส่วนตำบลบางน้ำผึ้ง", "2.1")]
    assert overdue[4] == "มีปัญหา"  # its file is wrong: the memo still says it is late
    assert "เลยกำหนดส่ง 31 ม.ค. 2567" in overdue[5] and "หน้าเว็บ HTML" in overdue[5]
    assert overdue[6].startswith("evidence/2.1 คำรับรอง/")
    assert overdue[7] == "สำนักงานจังหวัดทดสอบ"
    assert overdue[8] == datetime(2024, 1, 31)  # a real date
    row = next(r for r in sheet.iter_rows(min_row=3) if r[2].value == "2.1")
    assert row[8].number_format == BE_DATE
    assert sheet.sheet_format.defaultRowHeight == 21  # room for Thai marks at 14 pt
    assert sheet.row_dimensions[row[0].row].height > 21  # the long reason wraps; its row grows
    missing = by_what[("สำนักงานจังหวัดทดสอบ", "1.2")]
    assert missing[4] == "ขาด" and missing[5] == "ยังไม่ได้ส่ง"


def test_files_sheet_links_every_file_counted_or_not(book: Path) -> None:
    sheet = load_workbook(book)["ไฟล์"]
    body = rows(sheet)[2:]
    formulas = [row[0] for row in body]
    assert all(f.startswith('=HYPERLINK("../pack/evidence/') for f in formulas)
    counted = {row[2]: row for row in body if row[4] == "นับ"}
    assert counted["1.1"][1] == len(PDF)
    not_counted = [row for row in body if row[4] == "ไม่นับ"]
    assert {row[2] for row in not_counted} == {"2.1", ""}
    assert any("บันทึกอื่น.pdf" in row[0] for row in not_counted)
    # the link resolves, relative to the workbook
    target = formulas[0].split('"')[1]
    assert (book.parent / target).is_file()


def test_refuses_a_file_it_did_not_write(chase_pack: Path, tmp_path: Path) -> None:
    path = tmp_path / "mine.xlsx"
    path.write_bytes(b"someone's sheet")
    result = run_check(chase_pack, today=TODAY)
    with pytest.raises(OutputError):
        write_workbook(result, path, pack_root=chase_pack)
    assert path.read_bytes() == b"someone's sheet"
    with pytest.raises(OutputError):
        write_workbook(result, chase_pack / "evidence" / "x.xlsx", pack_root=chase_pack)
    write_workbook(result, path, pack_root=chase_pack, force=True)
    write_workbook(result, path, pack_root=chase_pack)  # its own: replaced without --force


@pytest.mark.parametrize("name", ["pack.yaml", "levels.yaml", "units.yaml"])
def test_never_over_the_packs_own_files_even_with_force(chase_pack: Path, name: str) -> None:
    before = (chase_pack / name).read_bytes()
    done = runner.invoke(app, ["export", str(chase_pack), "--xlsx", str(chase_pack / name), "--force"])
    assert done.exit_code == 3, done.output
    assert (chase_pack / name).read_bytes() == before
    assert run_check(chase_pack, today=TODAY).required > 0  # the pack still loads


def test_export_and_check_format_xlsx_are_the_same(chase_pack: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    done = runner.invoke(app, ["export", str(chase_pack), "--xlsx", str(first), "--today", "2567-02-01"])
    assert done.exit_code == 0, done.output
    checked = runner.invoke(
        app, ["check", str(chase_pack), "--format", "xlsx", "-o", str(second), "--today", "2567-02-01"]
    )
    assert checked.exit_code == 1  # the check's own verdict: evidence missing
    assert [rows(s) for s in load_workbook(first)] == [rows(s) for s in load_workbook(second)]
    no_file = runner.invoke(app, ["check", str(chase_pack), "--format", "xlsx"])
    assert no_file.exit_code == 2


def test_opens_in_libreoffice_calc(book: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    required = os.environ.get("ITAPACK_REQUIRE_RENDER_TOOLS")
    if soffice is None or shutil.which("pdftotext") is None:
        if required:
            pytest.fail("soffice and pdftotext must be installed")
        pytest.skip("LibreOffice or poppler is not installed")
    profile = (tmp_path / "profile").as_uri()
    completed = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", tmp_path, book],
        capture_output=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / (book.stem + ".pdf")
    if not pdf.exists():
        if b"could not be loaded" in completed.stderr and not required:
            pytest.skip("LibreOffice Calc is not installed (libreoffice-calc-nogui)")
        pytest.fail(completed.stderr.decode("utf-8", "replace"))
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, check=True).stdout.decode()
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, check=True).stdout.decode()
    assert "A4" in info
    assert "31 ม.ค. 2567" in text  # the due date, shown in the Buddhist era
    assert "sao-bang-nam-phueng" in text and "มอบหมายภารกิจ.pdf" in text
    assert "หน้า 1 จาก" in text


def test_check_and_help_do_not_import_the_spreadsheet_library() -> None:
    import sys

    from ..conftest import EXAMPLE

    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from itapack.cli import app\n"
        "for args in (['--help'], ['check', sys.argv[1], '--format', 'json']):\n"
        "    CliRunner().invoke(app, args)\n"
        "print(sorted(m for m in ('xlsxwriter', 'openpyxl') if m in sys.modules))\n"
    )
    shown = subprocess.run([sys.executable, "-c", code, str(EXAMPLE)], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]"


def test_a_checklist_without_units(tmp_path: Path) -> None:
    from ..conftest import write_oit

    pack = write_oit(tmp_path / "oit", evidence={"o36 แผน": {"แผน.pdf": PDF}})
    path = tmp_path / "oit.xlsx"
    write_workbook(run_check(pack, today=TODAY), path, pack_root=pack)
    workbook = load_workbook(path)
    assert rows(workbook["หน่วยงาน"])[2:] == []
    chase = rows(workbook["ติดตาม"])[2:]
    assert {row[2] for row in chase} == {"o37", "o38", "o3", "MOIT1"}
    assert next(row for row in chase if row[2] == "o37")[7] == "สำนักปลัด"
    summary = [row for row in rows(workbook["สรุป"]) if row[0]]
    assert any(str(row[0]).startswith("แผนป้องกันการทุจริต") for row in summary)  # its sections by title


def test_a_pack_filed_unit_first_explains_the_star_on_the_destination_heading(book: Path, tmp_path: Path) -> None:
    from itapack.outputs.wording import UNIT_FOLDER_NOTE

    from ..conftest import AGENCIES, MEASURES, MEASURES_PACK, PDF, write_pack

    unit_first = {"แยกหน่วยงาน": {"สำนักงานแรงงานจังหวัดทดสอบ": {"m1 แผน.pdf": PDF}}}
    root = write_pack(tmp_path / "m", pack=MEASURES_PACK, levels=MEASURES, units=AGENCIES, evidence=unit_first)
    path = tmp_path / "m.xlsx"
    write_workbook(run_check(root, today=TODAY), path, pack_root=root)
    sheet = load_workbook(path)["ติดตาม"]
    assert sheet.cell(2, 7).value == "ที่ต้องวาง" and sheet.cell(2, 7).comment.text == UNIT_FOLDER_NOTE
    destinations = [row[6] for row in rows(sheet)[2:] if row[0] == "สำนักงานแรงงานจังหวัดทดสอบ"]
    assert destinations == ["evidence/แยกหน่วยงาน/สำนักงานแรงงานจังหวัดทดสอบ/m2 *"]
    assert load_workbook(book)["ติดตาม"].cell(2, 7).comment is None  # filed document first: nothing to explain


def test_the_data_sheet_is_read_by_scripts_as_written(book: Path) -> None:
    """Header in row 1, one row per requirement, ids text that stays text: "2.1" is never 2.1."""
    from itapack.chase.workbook import DATA_COLUMNS

    sheet = load_workbook(book)["data"]
    header, *body = rows(sheet)
    assert header == DATA_COLUMNS
    assert sheet.freeze_panes == "A2"
    assert {row[0] for row in body} >= {"1.2", "2.1"}
    assert all(isinstance(row[0], str) and isinstance(row[2], str) for row in body)
    by_key = {(row[0], row[3]): dict(zip(header, row, strict=True)) for row in body}
    late = by_key[("2.1", "sao-bang-nam-phueng")]
    assert late["unit_name"] == "องค์การบริหารส่วนตำบลบางน้ำผึ้ง"
    assert (late["status"], late["status_text"]) == ("problem", "มีปัญหา")
    cell = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "2.1")[0]
    assert cell.number_format == "@" and cell.data_type == "s"


def test_the_summary_shows_the_reports_figures_labelled(chase_pack: Path, tmp_path: Path) -> None:
    """One set of figures: the kinds' units and requirements as the report has them, each
    labelled with what it counts; the fiscal year a number."""
    from itapack.outputs import figures, report

    result = run_check(chase_pack, today=TODAY)
    path = tmp_path / "ติดตาม.xlsx"
    write_workbook(result, path, pack_root=chase_pack)
    sheet = load_workbook(path)["สรุป"]
    summary = rows(sheet)
    year = next(row for row in sheet.iter_rows() if row[0].value == "ปีงบประมาณ")[1]
    assert year.value == 2567 and year.number_format == "0"
    start = next(i for i, row in enumerate(summary) if row[0] == "ประเภทหน่วยงาน")
    assert summary[start][1:4] == ("จำนวนหน่วยงาน", "หน่วยงานที่ครบทุกข้อ", "หน่วยงานที่ยังไม่ครบ")
    assert summary[start][4:7] == ("รายการที่ครบ", "รายการที่ต้องส่ง", "ร้อยละของรายการ")
    shown = report.build(result, report_dir_to_pack="..", today=TODAY, thai_digits=False)
    in_report = [(k.name, int(k.units), int(k.complete), int(k.behind), float(k.percent)) for k in shown.kinds]
    kinds = figures.kinds(result)
    in_book = [(r[0], r[1], r[2], r[3], r[6]) for r in summary[start + 1 : start + 1 + len(kinds)]]
    assert in_book == in_report and in_report


def test_export_without_a_name_writes_a_thai_named_workbook_beside_the_report(
    chase_pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from itapack.cli import app

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = CliRunner().invoke(app, ["export", str(chase_pack)])
    assert result.exit_code == 0, result.output
    assert (chase_pack / "reports" / "สมุดงานติดตาม ITA 2567.xlsx").is_file()
    assert not any(elsewhere.iterdir())  # nothing in the folder it was run from


def test_a_heading_that_wraps_gets_a_row_tall_enough_for_its_lines(chase_pack: Path, tmp_path: Path) -> None:
    """The heading "หน่วยงานที่ครบทุกข้อ" wraps to two lines in a 14-wide column in any Thai font at 14 pt;
    counted by letters it was taken for one, and its first line printed cut off above the row."""
    from itapack.chase.workbook import ROW_PT

    path = tmp_path / "ติดตาม.xlsx"
    write_workbook(run_check(chase_pack, today=TODAY), path, pack_root=chase_pack)
    sheet = load_workbook(path)["สรุป"]
    header = next(row[0].row for row in sheet.iter_rows() if row[0].value == "ประเภทหน่วยงาน")
    assert sheet.cell(header, 3).value == "หน่วยงานที่ครบทุกข้อ" and sheet.column_dimensions["C"].width <= 15
    assert sheet.row_dimensions[header].height >= 2 * ROW_PT
