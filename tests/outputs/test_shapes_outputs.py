"""What a checklist pack says reaches every output: sections by title, the score, each item's
page, content points, owner, due date and note, overdue items, and the announced results."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from itapack.outputs import jsonout, junit, plain, terminal

from ..conftest import PDF, render, run_check, typed, write_oit
from .test_html_report import render_html
from .test_jsonout import schema

RESULTS = """\
results: {total: 91.5, grade: A, iit: 90.1, eit: 92.2, oit: 92.0}
previous:
  fiscal_year: 2565
  results:
    total: 95.03
    grade: AA
    indicators: {"9": 87.5, "10": 100}
"""
LATE = date(2023, 6, 1)  # after o37's due date, 2566-04-30
NOTE = "จัดทำโดยองค์กรกลางบริหารงานบุคคล"


@pytest.fixture
def oit(tmp_path: Path) -> Path:
    root = write_oit(tmp_path / "oit", {"o36 แผน": {"แผน 2566.pdf": PDF}, "เอกสารอื่น.pdf": PDF})
    (root / "pack.yaml").write_text((root / "pack.yaml").read_text(encoding="utf-8") + RESULTS, encoding="utf-8")
    return root


def test_plain_text(oit: Path) -> None:
    buffer = io.StringIO()
    plain.render(run_check(oit, LATE), buffer)
    text = buffer.getvalue()
    for expected in (
        "องค์การบริหารส่วนตำบลทดสอบ · ปีงบประมาณ พ.ศ. 2566",
        "ผลการประเมิน ITA  ปี 2565 -> ปี 2566",
        "\nแผนป้องกันการทุจริต  ✗ ยังไม่ครบ  1/3",
        "หน้าเว็บ: https://sao.example/ita/o36",
        "☐ (1) โครงการ/กิจกรรม",
        "ผู้รับผิดชอบ: สำนักปลัด",
        "กำหนดส่ง: 30 เม.ย. 2566",
        "หลักฐานต้องอยู่ในช่วง 1 ต.ค. 2565 – 31 มี.ค. 2566",
        f"หมายเหตุ: {NOTE}",
        "  ‼ เกินกำหนด o37",
    ):
        assert expected in text, expected
    rows = [line.split() for line in text.splitlines()]
    assert ["คะแนนรวม", "95.03", "91.50", "▼", "3.53"] in rows and ["ระดับผลการประเมิน", "AA", "A"] in rows
    assert ["ตัวชี้วัดที่", "9", "87.50", "–"] in rows  # announced last year, not this year
    assert text.rstrip().endswith("ครบ 1 จาก 5 รายการ คะแนน 20 จาก 100 (เป้าหมาย 100) — ขาด 3 รายการ เกินกำหนด 1 รายการ")


def test_terminal(oit: Path) -> None:
    buffer = io.StringIO()
    terminal.render(run_check(oit, LATE), buffer, width=160)
    text = buffer.getvalue()
    for expected in ("แผนป้องกันการทุจริต", "‼ เกินกำหนด", NOTE, "☐ (2) งบประมาณ", "https://sao.example/ita/o36"):
        assert expected in text, expected


def test_json_is_version_2_and_documents_every_key(oit: Path) -> None:
    data = json.loads(jsonout.dumps(run_check(oit, LATE)))
    jsonschema.validate(data, schema(strict=True), format_checker=jsonschema.FormatChecker())
    assert (data["version"], data["pack"]["scoring"], data["summary"]["score"]) == (2, "checklist", 20.0)
    assert data["pack"]["organisation"] == {"kind": "local", "name": "องค์การบริหารส่วนตำบลทดสอบ", "parent": "อำเภอทดสอบ"}
    assert data["pack"]["previous"]["results"]["total"] == 95.03
    o37 = next(d for d in data["documents"] if d["id"] == "o37")
    assert (o37["status"], o37["status_text"], o37["due"], o37["owner"]) == (
        "overdue",
        "เกินกำหนด",
        "2023-04-30",
        "สำนักปลัด",
    )
    assert o37["window"] == {"start": "2022-10-01", "end": "2023-03-31", "text": "1 ต.ค. 2565 – 31 มี.ค. 2566"}
    assert next(d for d in data["documents"] if d["id"] == "MOIT1")["note"] == NOTE
    assert [s["label"] for s in data["sections"]] == ["แผนป้องกันการทุจริต", "มาตรการเสริมสร้างมาตรฐานทางจริยธรรม"]
    assert data["summary"]["overdue"] == 1


def test_junit_carries_the_note_and_marks_overdue(oit: Path) -> None:
    root = ET.fromstring(junit.dumps(run_check(oit, LATE)))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["แผนป้องกันการทุจริต", "มาตรการเสริมสร้างมาตรฐานทางจริยธรรม"]
    cases = {case.get("name").split()[0]: case for case in root.iter("testcase")}
    assert cases["o37"].find("failure").get("type") == "overdue"
    assert NOTE in cases["MOIT1"].find("system-out").text
    assert "☐ (1) โครงการ/กิจกรรม" in cases["o36"].find("system-out").text


def test_html_report(oit: Path, tmp_path: Path) -> None:
    _, _, page = render_html(oit, tmp_path / "out")
    text = page.all_text
    for expected in (
        "รายงานผลการตรวจสอบหลักฐานการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)",
        "ผลการดำเนินงาน: ครบ 1 จาก 5 รายการ คะแนน 20 จาก 100 (เป้าหมาย 100)",
        "ผลการประเมิน ITA รายการ ปี พ.ศ. 2565 ปี พ.ศ. 2566 เปลี่ยนแปลง คะแนนรวม 95.03 91.50 ▼ 3.53",
        "แผนป้องกันการทุจริต",
        NOTE,
        "☐ (1) โครงการ/กิจกรรม",
        "‼ เกินกำหนด",
        "กำหนดส่ง 30 เม.ย. 2566",
    ):
        assert expected in text, expected


def test_docx_report(oit: Path, tmp_path: Path) -> None:
    (path,) = render(oit, tmp_path / "out", ("docx",))
    with zipfile.ZipFile(path) as archive:
        body = ET.fromstring(typed(archive.read("word/document.xml")))
    text = "".join(body.itertext())
    for expected in (
        NOTE,
        "☐ (2) งบประมาณ",
        "หน้าเว็บ: https://sao.example/ita/o36",
        "คะแนนรวม95.0391.50▼ 3.53",
        "เกินกำหนด",
    ):
        assert expected in text, expected


def test_a_report_on_a_pack_filed_unit_first_says_what_a_star_asks(tmp_path: Path) -> None:
    from ..conftest import AGENCIES, MEASURES, MEASURES_PACK, write_pack

    unit_first = {"แยกหน่วยงาน": {"สำนักงานแรงงานจังหวัดทดสอบ": {"m1 แผน.pdf": PDF}}}
    root = write_pack(tmp_path / "m", pack=MEASURES_PACK, levels=MEASURES, units=AGENCIES, evidence=unit_first)
    note = "ปลายทางที่ลงท้ายด้วย * คือไฟล์ในโฟลเดอร์ของหน่วยงานนั้น ชื่อขึ้นต้นด้วยเลขข้อ เว้นวรรค แล้วตามด้วยชื่อใดก็ได้ เช่น m2 รายงานผล.pdf"
    _, _, page = render_html(root, tmp_path / "html")
    assert note in page.all_text
    assert "ข้อ m2 หลักเกณฑ์การใช้ทรัพย์สินของราชการ: ขาด → evidence/แยกหน่วยงาน/สำนักงานแรงงานจังหวัดทดสอบ/m2 *" in (
        page.all_text
    )
    (path,) = render(root, tmp_path / "docx", ("docx",))
    with zipfile.ZipFile(path) as archive:
        paragraphs = ["".join(p.itertext()) for p in ET.fromstring(typed(archive.read("word/document.xml"))).iter(W_P)]
    heading = paragraphs.index("ภาคผนวก ค รายการที่ต้องติดตาม")
    assert paragraphs[heading + 1] == note  # under the heading, before the first unit
    _, _, document_first = render_html(write_pack(tmp_path / "p", evidence={}), tmp_path / "plain")
    assert "ปลายทางที่ลงท้ายด้วย *" not in document_first.all_text


W_P = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
