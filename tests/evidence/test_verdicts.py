"""Verdicts a clerk can trust: the right unit, the right period, and the states between ok and missing.

Each test builds its tree inline and checks what the clerk would read: the status, and the words
every output prints for it.
"""

from __future__ import annotations

import io
import json
import os
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from itapack.check import check
from itapack.cli import app
from itapack.errors import PackError
from itapack.evidence.result import Status
from itapack.outputs import jsonout, junit, plain
from itapack.pack.loader import load_pack

from ..conftest import LEVELS_YAML, PACK_YAML, PDF, UNITS_YAML, run_check, status_of, typed, write_oit, write_pack

SUMMER = date(2024, 6, 1)  # 1 มิ.ย. 2567, inside FY 2567
LOCAL_FIRST = {"1.1 บันทึกข้อความ": {"a.pdf": PDF}, "1.2 รายงานการประชุม": {"r.pdf": PDF}}


def rejected_of(result, document: str, unit: str | None = None):  # type: ignore[no-untyped-def]
    doc = next(d for d in result.documents if d.id == document)
    return next(r.rejected for r in doc.requirements if r.unit == unit)


def plain_text(result) -> str:  # type: ignore[no-untyped-def]
    stream = io.StringIO()
    plain.render(result, stream)
    return stream.getvalue()


# --- the right unit ---------------------------------------------------------------------------


def test_a_file_naming_another_unit_is_not_credited_and_says_where_it_belongs(tmp_path: Path) -> None:
    evidence = {
        **LOCAL_FIRST,
        "2.1 คำรับรอง": {
            "อบต.บางน้ำผึ้ง": {"คำรับรอง ทต.บางบ่อ.pdf": PDF},  # sent to the wrong folder
            "ทต.บางบ่อ": {},
        },
    }
    result = run_check(write_pack(tmp_path / "p", evidence=evidence), SUMMER)
    assert status_of(result, "2.1", "sao-bang-nam-phueng") == "problem"
    (item,) = rejected_of(result, "2.1", "sao-bang-nam-phueng")
    assert (item.reason, item.detail) == ("other-unit", "เทศบาลตำบลบางบ่อ")
    assert item.destination == "evidence/2.1 คำรับรอง/ทต.บางบ่อ/"
    assert status_of(result, "2.1", "tt-bang-bo") == "missing"  # not credited there either: it must be moved
    text = plain_text(result)
    assert "ไฟล์นี้เป็นของ เทศบาลตำบลบางบ่อ — ย้ายไปที่ evidence/2.1 คำรับรอง/ทต.บางบ่อ/" in text
    shape = json.loads(jsonout.dumps(result))
    requirement = next(
        r
        for d in shape["documents"]
        if d["id"] == "2.1"
        for r in d["requirements"]
        if r["unit"] == "sao-bang-nam-phueng"
    )
    assert requirement["rejected"][0]["reason"] == "other-unit"
    assert requirement["rejected"][0]["destination"] == "evidence/2.1 คำรับรอง/ทต.บางบ่อ/"


def test_a_file_naming_its_own_unit_too_counts(tmp_path: Path) -> None:
    evidence = {**LOCAL_FIRST, "2.1 คำรับรอง": {"อบต.บางน้ำผึ้ง": {"MOU อบต.บางน้ำผึ้ง กับ ทต.บางบ่อ.pdf": PDF}}}
    result = run_check(write_pack(tmp_path / "p", evidence=evidence), SUMMER)
    assert status_of(result, "2.1", "sao-bang-nam-phueng") == "ok"


def test_a_name_inside_the_units_own_name_is_not_another_unit(tmp_path: Path) -> None:
    """Every provincial office's name holds the province's: "คำสั่งจังหวัดทดสอบ" in an office's folder is its own."""
    units = UNITS_YAML.replace(
        "  - {id: pv-office,", "  - {id: province, name: จังหวัดทดสอบ, kind: regional_agency}\n  - {id: pv-office,"
    )
    levels = LEVELS_YAML.replace("per_unit: [local]", "per_unit: [regional_agency]")
    evidence = {**LOCAL_FIRST, "2.1 คำรับรอง": {"สำนักงานจังหวัดทดสอบ": {"คำสั่งจังหวัดทดสอบ.pdf": PDF}}}
    result = run_check(write_pack(tmp_path / "p", levels=levels, units=units, evidence=evidence), SUMMER)
    assert status_of(result, "2.1", "pv-office") == "ok"


@pytest.mark.parametrize(
    "name", ["2.1 อบต.บางน้ำผึ้ง.pdf", "อบต.บางน้ำผึ้ง 2.1.pdf", "คำรับรอง องค์การบริหารส่วนตำบลบางน้ำผึ้ง.pdf"]
)
def test_a_file_named_by_its_unit_in_the_documents_folder_counts_for_that_unit(tmp_path: Path, name: str) -> None:
    evidence = {**LOCAL_FIRST, "2.1 คำรับรอง": {name: PDF}}
    result = run_check(write_pack(tmp_path / "p", evidence=evidence), SUMMER)
    assert status_of(result, "2.1", "sao-bang-nam-phueng") == "ok"
    assert result.strays == ()


def test_intake_reads_unit_names_with_the_checks_reader(tmp_path: Path) -> None:
    from itapack.chase.intake import Matcher

    pack = load_pack(write_pack(tmp_path / "p", evidence=LOCAL_FIRST))
    matcher = Matcher(pack, check(pack, today=SUMMER))
    for name in ("2.1 อบต.บางน้ำผึ้ง", "อบต.บางน้ำผึ้ง 2.1", "ทต.บางบ่อ", "อบต.บางน้ำผึ้ง และ ทต.บางบ่อ"):
        assert matcher.units_in(name) == list(pack.unit_names.units_in(name))
    assert matcher.units_in("อบต.บางน้ำผึ้ง 2.1") == ["sao-bang-nam-phueng"]


def test_the_closest_unit_name_is_said_in_the_text_too(tmp_path: Path) -> None:
    evidence = {**LOCAL_FIRST, "2.1 คำรับรอง": {"อบต.บางน้ำผึง": {"a.pdf": PDF}}}  # one letter off
    result = run_check(write_pack(tmp_path / "p", evidence=evidence), SUMMER)
    assert "หมายถึง องค์การบริหารส่วนตำบลบางน้ำผึ้ง หรือเปล่า?" in plain_text(result)


# --- the right period -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["แผน พ.ศ. 2565-2568.pdf", "แผน 2565–2568.pdf", "แผน ปี ๒๕๖๕ - ๒๕๖๘.pdf", "plan 2022-2025.pdf", "แผน 2565-68.pdf"],
)
def test_a_span_of_years_is_of_every_year_it_spans(tmp_path: Path, name: str) -> None:
    root = write_oit(tmp_path / "oit", {"o36 แผน": {name: PDF}})  # o36: window fiscal_year 2566
    assert status_of(run_check(root, date(2023, 3, 1)), "o36") == "ok"


def test_a_span_of_other_years_is_outside_the_window(tmp_path: Path) -> None:
    root = write_oit(tmp_path / "oit", {"o36 แผน": {"แผน พ.ศ. 2557-2560.pdf": PDF}})
    (item,) = rejected_of(run_check(root, date(2023, 3, 1)), "o36")
    assert (item.reason, item.detail) == ("window", "พ.ศ. 2557-2560")


@pytest.mark.parametrize("window", ["window: any", "window: ~"])
def test_window_any_or_none_wins_over_the_packs_window(tmp_path: Path, window: str) -> None:
    pack = PACK_YAML + "window: fiscal_year\n"
    levels = LEVELS_YAML.replace(
        "        title: บันทึกข้อความ (มอบหมายภารกิจ)\n", f"        title: บันทึกข้อความ\n        {window}\n"
    )
    evidence = {"1.1 บันทึกข้อความ": {"ระเบียบ พ.ศ. 2550.pdf": PDF}, "1.2 รายงาน": {"รายงาน พ.ศ. 2550.pdf": PDF}}
    result = run_check(write_pack(tmp_path / "p", pack=pack, levels=levels, evidence=evidence), SUMMER)
    assert status_of(result, "1.1") == "ok"  # of no particular period
    assert status_of(result, "1.2") == "problem"  # the pack's window still holds elsewhere


@pytest.mark.parametrize("name", ["ประชุม 24 พ.ย. 67.pdf", "ประชุม ๒๔ พฤศจิกายน ๒๕๖๗.pdf", "ประชุม 2024-11-24.pdf"])
def test_a_file_dated_after_today_is_a_problem_never_evidence(tmp_path: Path, name: str) -> None:
    evidence = {**LOCAL_FIRST, "1.2 รายงานการประชุม": {name: PDF}}
    root = write_pack(tmp_path / "p", evidence=evidence)
    early = run_check(root, SUMMER)
    assert status_of(early, "1.2") == "problem"
    (item,) = rejected_of(early, "1.2")
    assert item.reason == "future"
    assert "ลงวันที่ในอนาคต" in plain_text(early)
    assert status_of(run_check(root, date(2024, 11, 24)), "1.2") == "ok"  # on the day itself: evidence


def test_a_bare_number_is_not_a_date_in_the_future(tmp_path: Path) -> None:
    """ "ว 2589" is a letter's running number as much as a year."""
    evidence = {**LOCAL_FIRST, "1.2 รายงานการประชุม": {"หนังสือ ว 2589.pdf": PDF}}
    assert status_of(run_check(write_pack(tmp_path / "p", evidence=evidence), SUMMER), "1.2") == "ok"


# --- not applicable ---------------------------------------------------------------------------

EXCUSED = UNITS_YAML.replace(
    "district: bang-bo}\n  - {id: sao-bang-nam-phueng",
    'district: bang-bo,\n     not_applicable: {"2.1": "ยุบรวมเป็นเทศบาลระหว่างปี"}}\n  - {id: sao-bang-nam-phueng',
)


def test_a_unit_excused_from_a_document_leaves_the_count(tmp_path: Path) -> None:
    evidence = {**LOCAL_FIRST, "2.1 คำรับรอง": {"อบต.บางน้ำผึ้ง": {"a.pdf": PDF}}}
    result = run_check(write_pack(tmp_path / "p", units=EXCUSED, evidence=evidence), SUMMER)
    assert status_of(result, "2.1", "tt-bang-bo") == "not_applicable"
    doc = next(d for d in result.documents if d.id == "2.1")
    assert (doc.satisfied, doc.required, doc.status) == (1, 1, Status.OK)
    assert result.level_reached == 2 and result.passed()
    assert result.count(Status.NOT_APPLICABLE) == 1
    assert "ไม่เกี่ยวข้อง: ยุบรวมเป็นเทศบาลระหว่างปี" in plain_text(result)
    shape = json.loads(jsonout.dumps(result))
    requirement = next(
        r for d in shape["documents"] if d["id"] == "2.1" for r in d["requirements"] if r["unit"] == "tt-bang-bo"
    )
    assert (requirement["status"], requirement["reason"]) == ("not_applicable", "ยุบรวมเป็นเทศบาลระหว่างปี")
    assert shape["summary"]["not_applicable"] == 1
    cases = ET.fromstring(junit.dumps(result).split("\n", 1)[1]).iter("testcase")
    skipped = [case.find("skipped") for case in cases if case.find("skipped") is not None]
    assert [s.get("message") for s in skipped] == ["ไม่เกี่ยวข้อง: ยุบรวมเป็นเทศบาลระหว่างปี"]


def test_a_document_not_applicable_to_the_body_leaves_the_score(tmp_path: Path) -> None:
    root = write_oit(
        tmp_path / "oit",
        {"o36 แผน": {"แผน 2566.pdf": PDF}},
        replace={
            "        title: ประมวลจริยธรรม\n": "        title: ประมวลจริยธรรม\n        not_applicable: ใช้ประมวลของจังหวัด\n"
        },
    )
    result = run_check(root, date(2023, 3, 1))
    assert status_of(result, "MOIT1") == "not_applicable"
    moit = next(d for d in result.documents if d.id == "MOIT1")
    assert (moit.status, moit.applicable) == (Status.NOT_APPLICABLE, False)
    assert result.score == 25.0  # o36 of o36, o37, o38 and o3; with MOIT1 still counted it would be 1 of 5


@pytest.mark.parametrize(
    ("excuse", "said"),
    [
        ('{"2.1": ""}', "ต้องเขียนเหตุผล"),
        ('{"9.9": "ไม่มี"}', "9.9"),
        ('{"1.1": "ไม่ต้องส่ง"}', "ไม่ต้องส่งข้อ 1.1 อยู่แล้ว"),
    ],
)
def test_an_excuse_without_a_reason_or_for_nothing_owed_is_refused_at_its_line(
    tmp_path: Path, excuse: str, said: str
) -> None:
    units = UNITS_YAML.replace(
        "district: bang-bo}\n  - {id: sao", f"district: bang-bo,\n     not_applicable: {excuse}}}\n  - {{id: sao"
    )
    root = write_pack(tmp_path / "p", units=units)
    with pytest.raises(PackError) as caught:
        load_pack(root)
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"{root}{os.sep}units.yaml:") and said in str(problem)


# --- due soon and not started -----------------------------------------------------------------


def test_due_soon_and_not_started_are_counted_and_due_soon_comes_first(tmp_path: Path) -> None:
    root = write_oit(tmp_path / "oit", {})  # o37 due 30 เม.ย. 2566
    soon = run_check(root, date(2023, 4, 20))
    assert status_of(soon, "o37") == "due_soon"
    text = plain_text(soon)
    assert text.index("ใกล้กำหนดส่ง 1 รายการ") < text.index("แผนป้องกันการทุจริต")
    assert "กำหนดส่ง 30 เม.ย. 2566 (อีก 10 วัน)" in text
    assert "ใกล้กำหนด 1 รายการ" in soon_verdict(soon)
    shape = json.loads(jsonout.dumps(soon))
    assert (shape["summary"]["due_soon"], shape["summary"]["not_started"], shape["pack"]["due_soon_days"]) == (1, 0, 14)
    early = check(load_pack(root), today=date(2023, 4, 20), due_soon_days=5)
    assert status_of(early, "o37") == "not_started"


def soon_verdict(result) -> str:  # type: ignore[no-untyped-def]
    from itapack.outputs import wording

    return wording.verdict(result)


def test_due_soon_days_from_the_pack_and_from_the_command_line(tmp_path: Path) -> None:
    root = write_oit(tmp_path / "oit", {})
    pack_yaml = root / "pack.yaml"
    pack_yaml.write_text(pack_yaml.read_text(encoding="utf-8") + "due_soon_days: 30\n", encoding="utf-8")
    assert status_of(run_check(root, date(2023, 4, 1)), "o37") == "due_soon"
    runner = CliRunner()
    shown = runner.invoke(app, ["check", str(root), "--today", "2566-04-01", "--due-soon-days", "7", "-f", "json"])
    assert shown.exit_code == 1
    o37 = next(d for d in json.loads(shown.stdout)["documents"] if d["id"] == "o37")
    assert o37["status"] == "not_started"


# --- every output, from the one result --------------------------------------------------------


def _docx_text(path: Path) -> str:
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        xml = typed(archive.read("word/document.xml").decode("utf-8"))
    return "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))


def _html_text(path: Path) -> str:
    from html.parser import HTMLParser

    parts: list[str] = []
    parser = HTMLParser()
    parser.handle_data = parts.append  # type: ignore[method-assign]
    parser.feed(typed(path.read_text(encoding="utf-8")))
    return "".join(parts)


def test_excused_and_due_soon_read_the_same_in_every_output(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    levels = LEVELS_YAML.replace("        per_unit: [local]\n", "        per_unit: [local]\n        due: 2567-06-10\n")
    root = write_pack(tmp_path / "p", levels=levels, units=EXCUSED, evidence=LOCAL_FIRST)
    runner = CliRunner()
    out = tmp_path / "out"
    for args in (
        ["render", str(root), "--out", str(out), "--date", "2567-06-01"],
        ["export", str(root), "--xlsx", str(out / "ติดตาม.xlsx"), "--today", "2567-06-01"],
        ["letters", str(root), "--out", str(out / "letters"), "--date", "2567-06-01"],
    ):
        done = runner.invoke(app, args)
        assert done.exit_code == 0, done.output
    reason = "ไม่เกี่ยวข้อง: ยุบรวมเป็นเทศบาลระหว่างปี"
    soon = "กำหนดส่ง 10 มิ.ย. 2567 (อีก 9 วัน)"
    docx, html = _docx_text(out / "รายงาน ITA 2567.docx"), _html_text(out / "รายงาน ITA 2567.html")
    for text in (docx, html):
        assert reason in text and "ใกล้กำหนด 1 รายการ" in text and "ไม่เกี่ยวข้อง 1 รายการ" in text
        assert soon in text
    book = load_workbook(out / "ติดตาม.xlsx")
    summary = {row[0]: row[1] for row in book["สรุป"].iter_rows(values_only=True) if row[0]}
    assert (summary["รายการที่ใกล้กำหนด"], summary["รายการที่ไม่เกี่ยวข้อง"]) == (1, 1)
    chased = [row for row in book["ติดตาม"].iter_rows(min_row=3, values_only=True) if row[0]]
    assert [(row[0], row[2], row[4]) for row in chased] == [("องค์การบริหารส่วนตำบลบางน้ำผึ้ง", "2.1", "ใกล้กำหนด")]
    assert soon in chased[0][5]
    (memo,) = (out / "letters").glob("*.docx")
    memo_text = _docx_text(memo)
    assert "บางน้ำผึ้ง" in memo_text and "เทศบาลตำบลบางบ่อ" not in memo_text  # the excused unit owes nothing


def test_a_broken_file_of_a_type_not_accepted_says_its_type(tmp_path: Path) -> None:
    """2.1 takes PDF only: a broken JPEG there is first of all the wrong type."""
    evidence = {**LOCAL_FIRST, "2.1 คำรับรอง": {"อบต.บางน้ำผึ้ง": {"รูป.jpg": b"\xff\xd8\xff\xe0"}}}
    (item,) = rejected_of(
        run_check(write_pack(tmp_path / "p", evidence=evidence), SUMMER), "2.1", "sao-bang-nam-phueng"
    )
    assert (item.reason, item.detail) == ("type", "jpg")
