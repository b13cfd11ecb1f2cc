"""Filing an inbox: realistic names, Thai digits, both SARA AM spellings, duplicates, a Thai
Windows zip, files that fit nothing or too much. Exactly the right files are filed, once."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from itapack.chase import intake
from itapack.cli import app
from itapack.pack.loader import load_pack

from ..conftest import AGENCIES, JPG, MEASURES, MEASURES_PACK, PDF, make_tree, run_check, write_pack

runner = CliRunner()
SPLIT_SARA_AM = "บางน\u0e49\u0e4d\u0e32ผึ้ง"  # น้ำ as text copied out of a PDF writes it


def cp874_zip(members: dict[str, bytes]) -> bytes:
    """A zip as Thai Windows makes it: cp874 names, no UTF-8 flag. zipfile always writes
    non-ASCII names as UTF-8, so write ASCII stand-ins of the same length and swap the bytes."""
    buffer = io.BytesIO()
    swaps = []
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, (name, data) in enumerate(members.items()):
            encoded = name.encode("cp874")
            stand_in = f"{index:0{len(encoded)}d}".encode()
            archive.writestr(stand_in.decode(), data)
            swaps.append((stand_in, encoded))
    raw = buffer.getvalue()
    for stand_in, encoded in swaps:
        assert raw.count(stand_in) == 2  # the local header and the central directory
        raw = raw.replace(stand_in, encoded)
    return raw


INBOX = {
    "LINE": {
        f"คำรับรอง อบต.{SPLIT_SARA_AM} 2567 (1).pdf": PDF + b"signed",  # a title and a unit, no id
        "IMG_2034.jpg": JPG,  # says nothing
        "Thumbs.db": b"junk",
    },
    "อีเมล": {
        "๑.๒ รายงานการประชุม 17 ม.ค. ๖๗.pdf": PDF + b"minutes",
        "๒.๑ ทต.บางบ่อ.pdf": PDF + b"agreement",
        "สำเนา": {"๒.๑ ทต.บางบ่อ.pdf": PDF + b"agreement"},  # the same file forwarded twice
        "2.1 ทต.บางบ่อ และ อบต.บางน้ำผึ้ง.pdf": PDF + b"both",  # two units: a person decides
        "๒.๑ ทต.บางบ่อ.jpg": JPG,  # 2.1 takes PDF only: the check would not count it
    },
    "1.1 บันทึกข้อความ.pdf": PDF,  # already in the evidence under another name
}
ZIPPED = {"อบต.บางน้ำผึ้ง/2.1 คำรับรองฉบับแก้ไข.pdf": PDF + b"zipped"}


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    pack = write_pack(tmp_path / "pack", evidence={"1.1 บันทึกข้อความ": {"มอบหมายภารกิจ.pdf": PDF}})
    inbox = tmp_path / "inbox"
    make_tree(inbox, INBOX)
    (inbox / "ส่งมาจากอำเภอ.zip").write_bytes(cp874_zip(ZIPPED))
    return pack, inbox


def planned(pack: Path, inbox: Path) -> dict[str, intake.Placement]:
    loaded = load_pack(pack)
    return {p.file: p for _, p in intake.plan(loaded, run_check(pack), inbox)}


def test_cp874_names_in_a_zip_are_read_as_thai(setup: tuple[Path, Path]) -> None:
    _, inbox = setup
    with zipfile.ZipFile(inbox / "ส่งมาจากอำเภอ.zip") as archive:
        [info] = archive.infolist()
        assert not info.flag_bits & intake.UTF8_FLAG
        assert info.filename != "อบต.บางน้ำผึ้ง/2.1 คำรับรองฉบับแก้ไข.pdf"  # what zipfile alone shows
        assert intake.zip_name(info) == "อบต.บางน้ำผึ้ง/2.1 คำรับรองฉบับแก้ไข.pdf"


def test_preview_says_where_each_goes_and_why(setup: tuple[Path, Path]) -> None:
    pack, inbox = setup
    plan = planned(pack, inbox)
    assert set(plan) == {
        f"LINE/คำรับรอง อบต.{SPLIT_SARA_AM} 2567 (1).pdf",
        "LINE/IMG_2034.jpg",
        "อีเมล/๑.๒ รายงานการประชุม 17 ม.ค. ๖๗.pdf",
        "อีเมล/๒.๑ ทต.บางบ่อ.pdf",
        "อีเมล/สำเนา/๒.๑ ทต.บางบ่อ.pdf",
        "อีเมล/2.1 ทต.บางบ่อ และ อบต.บางน้ำผึ้ง.pdf",
        "อีเมล/๒.๑ ทต.บางบ่อ.jpg",
        "1.1 บันทึกข้อความ.pdf",
        "ส่งมาจากอำเภอ.zip/อบต.บางน้ำผึ้ง/2.1 คำรับรองฉบับแก้ไข.pdf",
    }  # Thumbs.db is junk
    line = plan[f"LINE/คำรับรอง อบต.{SPLIT_SARA_AM} 2567 (1).pdf"]
    assert (line.action, line.document, line.unit, line.confidence) == ("file", "2.1", "sao-bang-nam-phueng", "medium")
    thai_digits = plan["อีเมล/๒.๑ ทต.บางบ่อ.pdf"]
    assert (thai_digits.document, thai_digits.unit, thai_digits.confidence) == ("2.1", "tt-bang-bo", "high")
    assert thai_digits.destination.startswith("evidence/") and thai_digits.destination.endswith("/๒.๑ ทต.บางบ่อ.pdf")
    assert plan["อีเมล/สำเนา/๒.๑ ทต.บางบ่อ.pdf"].action == "duplicate"
    assert plan["1.1 บันทึกข้อความ.pdf"].action == "duplicate"
    minutes = plan["อีเมล/๑.๒ รายงานการประชุม 17 ม.ค. ๖๗.pdf"]
    assert (minutes.document, minutes.unit) == ("1.2", "")
    zipped = plan["ส่งมาจากอำเภอ.zip/อบต.บางน้ำผึ้ง/2.1 คำรับรองฉบับแก้ไข.pdf"]
    assert (zipped.document, zipped.unit, zipped.confidence) == ("2.1", "sao-bang-nam-phueng", "high")
    both = plan["อีเมล/2.1 ทต.บางบ่อ และ อบต.บางน้ำผึ้ง.pdf"]
    assert both.action == "ambiguous" and not both.destination
    assert len(both.candidates) == 2 and all(c.startswith("ข้อ 2.1 ") for c in both.candidates)
    assert plan["LINE/IMG_2034.jpg"].action == "unmatched"
    photo = plan["อีเมล/๒.๑ ทต.บางบ่อ.jpg"]
    assert photo.action == "unmatched" and "ชนิดไฟล์ .jpg ไม่อยู่ในชนิดที่รับ (pdf)" in photo.reason


def test_apply_files_exactly_the_expected_files_and_a_second_run_files_nothing(setup: tuple[Path, Path]) -> None:
    pack, inbox = setup
    before = sorted(p.relative_to(pack) for p in (pack / "evidence").rglob("*") if p.is_file())
    first = runner.invoke(app, ["intake", str(pack), str(inbox), "--apply"])
    assert first.exit_code == 1, first.output  # two files are left for a person
    after = sorted(p.relative_to(pack) for p in (pack / "evidence").rglob("*") if p.is_file())
    new = {p.name for p in after} - {p.name for p in before}
    assert new == {
        f"คำรับรอง อบต.{SPLIT_SARA_AM} 2567 (1).pdf",
        "๑.๒ รายงานการประชุม 17 ม.ค. ๖๗.pdf",
        "๒.๑ ทต.บางบ่อ.pdf",
        "2.1 คำรับรองฉบับแก้ไข.pdf",
    }
    assert len(after) == len(before) + 4
    assert "หลักฐานครบทุกรายการ" in first.output  # the new verdict, from a fresh check
    assert run_check(pack).complete
    [log] = (pack / "intake").glob("*.json")
    entries = json.loads(log.read_text(encoding="utf-8"))["files"]
    assert sorted(e["action"] for e in entries) == [
        "ambiguous",
        *["filed"] * 4,
        *["skipped"] * 2,
        *["unmatched"] * 2,
    ]
    assert (pack / "intake" / log.with_suffix(".csv").name).read_bytes().startswith(b"\xef\xbb\xbf")
    assert all(p.exists() for p in inbox.rglob("*.pdf"))  # copied, not moved

    second = runner.invoke(app, ["intake", str(pack), str(inbox), "--apply"])
    assert second.exit_code == 1
    again = sorted(p.relative_to(pack) for p in (pack / "evidence").rglob("*") if p.is_file())
    assert again == after
    assert "จัดเก็บแล้ว" not in second.output.split("สรุป:")[1].split("\n")[0]


def test_a_different_file_of_the_same_name_gets_a_number(setup: tuple[Path, Path]) -> None:
    pack, inbox = setup
    loaded = load_pack(pack)
    intake.apply(loaded, intake.plan(loaded, run_check(pack), inbox))
    (inbox / "อีเมล" / "๒.๑ ทต.บางบ่อ.pdf").write_bytes(PDF + b"corrected")
    plan = intake.plan(loaded, run_check(pack), inbox)
    intake.apply(loaded, plan)
    [renamed] = [p for _, p in plan if p.action == "renamed"]
    assert renamed.destination.endswith("/๒.๑ ทต.บางบ่อ (2).pdf")
    assert (pack / renamed.destination).read_bytes() == PDF + b"corrected"
    original = renamed.destination.replace(" (2).pdf", ".pdf")
    assert (pack / original).read_bytes() == PDF + b"agreement"  # never overwritten


def test_preview_writes_nothing_and_move_moves(setup: tuple[Path, Path]) -> None:
    pack, inbox = setup
    before = sorted((pack / "evidence").rglob("*"))
    shown = runner.invoke(app, ["intake", str(pack), str(inbox)])
    assert shown.exit_code == 1
    assert "-> evidence/" in shown.output and "ใกล้เคียงที่สุด: ข้อ 2.1" in shown.output
    assert sorted((pack / "evidence").rglob("*")) == before and not (pack / "intake").exists()
    moved = runner.invoke(app, ["intake", str(pack), str(inbox), "--apply", "--move"])
    assert moved.exit_code == 1
    assert not (inbox / "อีเมล" / "๒.๑ ทต.บางบ่อ.pdf").exists()
    assert not (inbox / "อีเมล" / "สำเนา" / "๒.๑ ทต.บางบ่อ.pdf").exists()  # a duplicate, filed already
    assert (inbox / "LINE" / "IMG_2034.jpg").exists()  # unmatched files stay
    assert (inbox / "ส่งมาจากอำเภอ.zip").exists()  # a zip is left whole


@pytest.mark.usefixtures("english")  # the message read in English (--lang en)
def test_an_inbox_holding_or_held_by_the_evidence_is_refused(setup: tuple[Path, Path]) -> None:
    pack, _ = setup
    for inbox in (pack / "evidence" / "1.1 บันทึกข้อความ", pack):
        shown = runner.invoke(app, ["intake", str(pack), str(inbox)])
        assert shown.exit_code == 2 and "must not hold one another" in shown.output


def test_the_name_a_memo_asks_for_is_filed_without_asking(tmp_path: Path) -> None:
    from itapack.chase.letters import short_name

    pack = write_pack(tmp_path / "pack", evidence={"1.1 บันทึกข้อความ": {"มอบหมายภารกิจ.pdf": PDF}})
    inbox = tmp_path / "inbox"
    name = f"2.1 {short_name(load_pack(pack), 'sao-bang-nam-phueng')}.pdf"
    assert name == "2.1 อบต.บางน้ำผึ้ง.pdf"
    make_tree(inbox, {name: PDF + b"signed"})
    [placement] = planned(pack, inbox).values()
    assert (placement.action, placement.document, placement.unit, placement.confidence) == (
        "file",
        "2.1",
        "sao-bang-nam-phueng",
        "high",
    )


def test_a_checklist_body_files_by_item_id(tmp_path: Path) -> None:
    from ..conftest import write_oit

    pack = write_oit(tmp_path / "oit")
    inbox = tmp_path / "inbox"
    make_tree(inbox, {"O37 รายงานกำกับติดตาม 6 เดือน.pdf": PDF, "ประมวลจริยธรรม.pdf": PDF + b"code"})
    plan = planned(pack, inbox)
    report = plan["O37 รายงานกำกับติดตาม 6 เดือน.pdf"]
    assert (report.action, report.document, report.unit) == ("file", "o37", "")
    assert report.reason == "ชื่อขึ้นต้นด้วยเลขข้อ o37"  # o3 does not claim it too
    ethics = plan["ประมวลจริยธรรม.pdf"]
    assert (ethics.action, ethics.document, ethics.confidence) == ("file", "MOIT1", "medium")  # by its title


def test_filed_unit_first_a_file_goes_into_the_units_folder_named_with_its_id(tmp_path: Path) -> None:
    home = "รายงานแยกหน่วยงาน/สำนักงานแรงงานจังหวัดทดสอบ"
    evidence = {"รายงานแยกหน่วยงาน": {"สำนักงานแรงงานจังหวัดทดสอบ": {"m1 แผน.pdf": PDF}}, "m5 คำสั่ง.pdf": PDF}
    pack = write_pack(tmp_path / "pack", pack=MEASURES_PACK, levels=MEASURES, units=AGENCIES)
    make_tree(pack / "evidence", evidence)
    inbox = tmp_path / "inbox"
    make_tree(
        inbox,
        {
            "สำนักงานแรงงานจังหวัดทดสอบ": {
                "m2": {"หลักเกณฑ์ที่ลงนามแล้ว.pdf": PDF + b"signed"},  # the id only in a folder: put in front
                "m2 หลักเกณฑ์ฉบับเต็ม.pdf": PDF + b"full",  # leads with its id already: kept
                "m2 เพิ่มเติม": {"m5 คำสั่ง.pdf": PDF + b"order"},  # leads with another id: it would serve m5
            }
        },
    )
    plan = planned(pack, inbox)
    signed = plan["สำนักงานแรงงานจังหวัดทดสอบ/m2/หลักเกณฑ์ที่ลงนามแล้ว.pdf"]
    assert (signed.action, signed.destination) == ("file", f"evidence/{home}/m2 หลักเกณฑ์ที่ลงนามแล้ว.pdf")
    full = plan["สำนักงานแรงงานจังหวัดทดสอบ/m2 หลักเกณฑ์ฉบับเต็ม.pdf"]
    assert (full.action, full.destination) == ("file", f"evidence/{home}/m2 หลักเกณฑ์ฉบับเต็ม.pdf")
    order = plan["สำนักงานแรงงานจังหวัดทดสอบ/m2 เพิ่มเติม/m5 คำสั่ง.pdf"]
    assert order.action == "unmatched" and "ต้องเปลี่ยนชื่อก่อน" in order.reason
    intake.apply(load_pack(pack), list(intake.plan(load_pack(pack), run_check(pack), inbox)))
    result = run_check(pack)
    labour = {r.document: (str(r.status), len(r.files)) for r in result.requirements if r.unit == "labour"}
    assert labour == {"m1": ("ok", 1), "m2": ("ok", 2)}
    assert not result.strays


def test_a_file_that_names_only_its_unit_is_offered_what_the_unit_still_owes(tmp_path: Path) -> None:
    evidence = {"แยกหน่วยงาน": {"สำนักงานแรงงานจังหวัดทดสอบ": {"m1 แผน.pdf": PDF}}}
    pack = write_pack(tmp_path / "pack", pack=MEASURES_PACK, levels=MEASURES, units=AGENCIES, evidence=evidence)
    inbox = tmp_path / "inbox"
    make_tree(inbox, {"สำนักงานแรงงานจังหวัดทดสอบ": {"รายงาน.pdf": PDF + b"report"}})
    report = planned(pack, inbox)["สำนักงานแรงงานจังหวัดทดสอบ/รายงาน.pdf"]
    assert report.action == "unmatched"  # no id: a person says which
    assert report.reason.startswith("ชื่อไฟล์บอกหน่วยงาน (สำนักงานแรงงานจังหวัดทดสอบ) แต่ไม่บอกเลขข้อ")
    assert "ยังต้องส่งข้อ m2:" in report.reason  # not m1, which it has sent
    assert report.candidates == ["ข้อ m2 สำนักงานแรงงานจังหวัดทดสอบ"]


def test_today_judges_due_dates_as_check_does(tmp_path: Path) -> None:
    evidence = {"แยกหน่วยงาน": {"สำนักงานแรงงานจังหวัดทดสอบ": {"m1 แผน.pdf": PDF}}}
    pack = write_pack(tmp_path / "pack", pack=MEASURES_PACK, levels=MEASURES, units=AGENCIES, evidence=evidence)
    inbox = tmp_path / "inbox"
    make_tree(inbox, {"m2 สำนักงานแรงงานจังหวัดทดสอบ.pdf": PDF + b"rules"})
    verdicts = {}
    for day in ("2566-03-01", "2566-04-01"):  # m1 falls due on 31 มี.ค. 2566
        done = runner.invoke(app, ["intake", str(pack), str(inbox), "--apply", "--today", day])
        assert done.exit_code == 0, done.output
        verdicts[day] = done.output.strip().splitlines()[-1]
    assert "เกินกำหนด" not in verdicts["2566-03-01"] and "เกินกำหนด 2" in verdicts["2566-04-01"], verdicts
