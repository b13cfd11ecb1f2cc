"""The province's list of units from Excel (CSV as Excel saves it, cp874, XLSX) to units.yaml and back."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from itapack.cli import app
from itapack.pack.loader import load_pack
from itapack.pack.romanise import romanise

from ..conftest import COMPLETE, PDF, write_pack

HEADER = "ชื่อหน่วยงาน,ประเภท,อำเภอ,ชื่อย่อ,เว็บไซต์"
ROWS = [
    "เทศบาลตำบลบางบ่อ,ทต.,บางบ่อ,,www.bangbo.go.th",
    "อบต.บางน้ำผึ้ง,,อำเภอบางบ่อ,,",
    "องค์การบริหารส่วนตำบลคลองด่าน,องค์การบริหารส่วนตำบล,อ.บางบ่อ,อบต.คลองด่าน,",
    "สำนักงานสาธารณสุขจังหวัดทดสอบ,ส่วนราชการ,,สสจ.ทดสอบ,https://ssj.example.go.th",
]


def run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def csv_file(path: Path, lines: list[str], encoding: str = "utf-8-sig") -> Path:
    path.write_bytes("\r\n".join(lines).encode(encoding) + b"\r\n")
    return path


def units_of(path: Path) -> dict[str, dict]:
    return {unit["name"]: unit for unit in yaml.safe_load(path.read_text(encoding="utf-8"))["units"]}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp874"])
def test_a_csv_as_excel_saves_it_becomes_units_yaml(tmp_path: Path, encoding: str) -> None:
    sheet = csv_file(tmp_path / "รายชื่อ.csv", [HEADER, *ROWS], encoding)
    code, out = run("units", "import", sheet, "-o", tmp_path / "units.yaml")
    assert code == 0, out
    assert "หน่วยงาน 4 แห่ง อำเภอ 1 อำเภอ" in out
    units = units_of(tmp_path / "units.yaml")
    assert units["เทศบาลตำบลบางบ่อ"] == {
        "id": "tt-bangbo",
        "name": "เทศบาลตำบลบางบ่อ",
        "kind": "subdistrict_municipality",
        "district": "bangbo",
        "website": "https://www.bangbo.go.th",
    }
    # the short form in the name is written out; the kind comes from it
    assert units["องค์การบริหารส่วนตำบลบางน้ำผึ้ง"]["id"] == "sao-bangnamphueng"
    assert units["องค์การบริหารส่วนตำบลบางน้ำผึ้ง"]["kind"] == "sao"
    # a short name that is only the kind's short form is not kept as an alias; a real one is
    assert "aliases" not in units["องค์การบริหารส่วนตำบลคลองด่าน"]
    assert units["สำนักงานสาธารณสุขจังหวัดทดสอบ"]["aliases"] == ["สสจ.ทดสอบ"]
    assert units["สำนักงานสาธารณสุขจังหวัดทดสอบ"]["kind"] == "regional_agency"


def test_an_xlsx_reads_the_same_and_english_headers_do_too(tmp_path: Path) -> None:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["รายชื่อหน่วยงานจังหวัดทดสอบ"])  # a title above the header
    sheet.write_row(1, 0, ["Name", "Kind", "District", "Short", "Website"])
    for r, row in enumerate(ROWS, 2):
        sheet.write_row(r, 0, row.split(","))
    book.close()
    (tmp_path / "list.xlsx").write_bytes(buffer.getvalue())
    csv_file(tmp_path / "list.csv", [HEADER, *ROWS])
    assert run("units", "import", tmp_path / "list.xlsx", "-o", tmp_path / "a.yaml")[0] == 0
    assert run("units", "import", tmp_path / "list.csv", "-o", tmp_path / "b.yaml")[0] == 0
    assert units_of(tmp_path / "a.yaml") == units_of(tmp_path / "b.yaml")


def test_every_bad_row_is_reported_by_its_number_and_nothing_is_written(tmp_path: Path) -> None:
    lines = [
        HEADER,
        ROWS[0],
        ",อบต.,บางบ่อ,,",  # row 3: no name
        "บางอย่าง,สหกรณ์,,,",  # row 4: a kind that is none of them
        "สำนักงานที่ดินจังหวัดทดสอบ,,,,",  # row 5: no kind, and the name does not say
        ",,,,",  # an empty row holds nothing
        "ทต.บางบ่อ,,,,",  # row 7: the same unit as row 2
        "อบต.บางปลา,,,,ไม่ใช่เว็บ",  # row 8: not an address
    ]
    sheet = csv_file(tmp_path / "list.csv", lines)
    code, out = run("units", "import", sheet, "-o", tmp_path / "units.yaml")
    assert code == 2
    for row in (3, 4, 5, 7, 8):
        assert f"แถว {row}:" in out
    assert "แถว 2:" not in out and "แถว 6:" not in out
    assert "ซ้ำกับแถว 2" in out and "'สหกรณ์'" in out
    assert not (tmp_path / "units.yaml").exists()


def test_not_a_sheet_gets_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / "list.xlsx").write_bytes(b"not a zip")
    code, out = run("units", "import", tmp_path / "list.xlsx", "-o", tmp_path / "units.yaml")
    assert code == 2 and "ไม่ใช่ Excel" in out
    csv_file(tmp_path / "list.csv", ["a,b", "1,2"])
    code, out = run("units", "import", tmp_path / "list.csv", "-o", tmp_path / "units.yaml")
    assert code == 2 and "หัวตาราง" in out


def test_the_result_validates_and_check_uses_it(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", evidence=COMPLETE)
    lines = [HEADER, "เทศบาลตำบลบางบ่อ,ทต.,บางบ่อ,,", "อบต.บางน้ำผึ้ง,,บางบ่อ,,", "อบต.บางปลา,,บางบ่อ,,"]
    sheet = csv_file(tmp_path / "list.csv", lines)
    code, out = run("units", "import", sheet, "-o", pack / "units.yaml")
    assert code == 3 and "--force" in out  # the pack's own units.yaml is not replaced unasked
    code, out = run("units", "import", sheet, "-o", pack / "units.yaml", "--force")
    assert code == 0, out
    assert run("validate", pack)[0] == 0
    code, out = run("check", pack)
    assert code == 1
    assert "องค์การบริหารส่วนตำบลบางปลา" in out  # the new unit owes 2.1
    (pack / "evidence" / "2.1 คำรับรอง" / "อบต.บางปลา").mkdir()
    (pack / "evidence" / "2.1 คำรับรอง" / "อบต.บางปลา" / "คำรับรอง.pdf").write_bytes(PDF)
    assert run("check", pack)[0] == 0


def test_replacing_keeps_ids_and_what_was_added_by_hand(tmp_path: Path) -> None:
    units = tmp_path / "units.yaml"
    sheet = csv_file(tmp_path / "list.csv", [HEADER, *ROWS])
    assert run("units", "import", sheet, "-o", units)[0] == 0
    text = units.read_text(encoding="utf-8").replace("id: tt-bangbo,", "id: tt-bang-bo, note: ยุบรวม,")
    units.write_text(text.replace("district: bangbo}", "district: bangbo, not_applicable: {'2.1': ไม่มี}}", 1))
    csv_file(sheet, [HEADER, *ROWS[:3]])  # the agency left the list
    code, out = run("units", "import", sheet, "-o", units, "--force")
    assert code == 0, out
    assert "ไม่อยู่ในตาราง" in out and "สำนักงานสาธารณสุขจังหวัดทดสอบ" in out  # said, not dropped silently
    again = units_of(units)
    assert again["เทศบาลตำบลบางบ่อ"]["id"] == "tt-bang-bo" and again["เทศบาลตำบลบางบ่อ"]["note"] == "ยุบรวม"
    assert "สำนักงานสาธารณสุขจังหวัดทดสอบ" not in again


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_writes_the_same_columns_and_import_reads_them_back(tmp_path: Path, suffix: str) -> None:
    pack = write_pack(tmp_path / "pack", evidence=COMPLETE)
    sheet = tmp_path / f"หน่วยงาน{suffix}"
    code, out = run("units", "export", pack, "-o", sheet)
    assert code == 0, out
    assert run("units", "import", sheet, "-o", tmp_path / "units.yaml")[0] == 0
    loaded = load_pack(pack)
    before = {(u.id, u.name, u.kind, loaded.district_names.get(u.district or "")) for u in loaded.roster.units}
    written = yaml.safe_load((tmp_path / "units.yaml").read_text(encoding="utf-8"))
    districts = {d["id"]: d["name"] for d in written["districts"]}
    after = {(u["id"], u["name"], u["kind"], districts.get(u.get("district", ""))) for u in written["units"]}
    assert after == before
    # into the pack's own units.yaml, the district ids it had are kept too
    assert run("units", "import", sheet, "-o", pack / "units.yaml", "--force")[0] == 0
    assert {(u.id, u.district) for u in load_pack(pack).roster.units} == {
        (u.id, u.district) for u in loaded.roster.units
    }


def test_export_by_default_goes_beside_the_pack(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack")
    assert run("units", "export", pack)[0] == 0
    from openpyxl import load_workbook

    rows = list(load_workbook(pack / "รายชื่อหน่วยงาน.xlsx", read_only=True).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("รหัส", "ชื่อหน่วยงาน", "ประเภท", "อำเภอ", "ชื่อย่อ", "เว็บไซต์")
    assert ("tt-bang-bo", "เทศบาลตำบลบางบ่อ", "ทต.", "อำเภอบางบ่อ", None, None) in rows


@pytest.mark.parametrize(
    ("thai", "latin"),
    [
        ("บางบ่อ", "bangbo"),
        ("บางน้ำผึ้ง", "bangnamphueng"),
        ("สมุทรปราการ", "samutprakan"),
        ("คลองด่าน", "khlongdan"),
        ("เมือง", "mueang"),
        ("แพรกษา", "phraeksa"),
        ("พระประแดง", "phrapradaeng"),
        ("เจดีย์", "chedi"),
        ("บางเสาธง", "bangsaothong"),
        ("หนองจอก", "nongchok"),
        ("ไทย", "thai"),
        ("นาเกลือ", "nakluea"),
        ("ตำบล ๑๒", "tambon-12"),
    ],
)
def test_thai_names_romanise_to_readable_ascii(thai: str, latin: str) -> None:
    assert romanise(thai) == latin


def test_a_sheet_over_the_row_limit_is_refused_before_anything_is_read_into_units(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from itapack.pack import unitsheet

    monkeypatch.setattr(unitsheet, "MAX_ROWS", 3)
    sheet = csv_file(tmp_path / "list.csv", [HEADER, *ROWS])
    code, out = run("units", "import", sheet, "-o", tmp_path / "units.yaml")
    assert code == 2 and "เกิน 3 แถว" in out
    assert not (tmp_path / "units.yaml").exists()


def test_in_english_the_rows_are_rows(tmp_path: Path) -> None:
    sheet = csv_file(tmp_path / "list.csv", [HEADER, ",อบต.,,,"])
    code, out = run("--lang", "en", "units", "import", sheet, "-o", tmp_path / "units.yaml")
    assert code == 2
    assert "row 2: no unit name" in out and "แถว" not in out
