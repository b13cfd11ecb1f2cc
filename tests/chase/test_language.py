"""export, letters and intake: their messages are Thai by default and English with --lang en;
the workbook and the memos they write are Thai documents whatever the language."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook

from itapack.chase import intake

from ..conftest import JPG, PDF, make_tree
from ..i18n.speaking import THAI, itapack, thai_lines, without
from .test_letters import texts

UNITS = ("เทศบาลตำบลบางบ่อ", "องค์การบริหารส่วนตำบลบางน้ำผึ้ง")
INBOX = {
    "๒.๑ ทต.บางบ่อ.pdf": PDF + b"agreement",  # an item and a unit: filed
    "2.1 ทต.บางบ่อ และ อบต.บางน้ำผึ้ง.pdf": PDF + b"both",  # two units: a person decides
    "IMG_2034.jpg": JPG,  # says nothing
}


def test_export_writes_a_thai_workbook_and_its_refusal_speaks_the_chosen_language(
    chase_pack: Path, tmp_path: Path
) -> None:
    book = tmp_path / "ติดตาม.xlsx"
    code, out, err = itapack("export", chase_pack, "--xlsx", book, "--today", "2567-02-01", lang="en")
    assert code == 0, err
    assert not thai_lines(without(out, book)), out
    assert load_workbook(book).sheetnames == ["สรุป", "หน่วยงาน", "ติดตาม", "ไฟล์"]  # for the Thai office

    code, _, err = itapack("check", chase_pack, "--format", "xlsx")
    assert code == 2 and "ระบุชื่อไฟล์ด้วย -o FILE.xlsx" in err, err
    code, _, err = itapack("check", chase_pack, "--format", "xlsx", lang="en")
    assert code == 2 and "--format xlsx writes an Excel file: name it with -o FILE.xlsx" in err, err
    assert not THAI.search(err)


def test_letters_refuse_in_the_chosen_language_and_the_memo_stays_thai(chase_pack: Path, tmp_path: Path) -> None:
    out = tmp_path / "letters"
    code, _, err = itapack("letters", chase_pack, "--out", out, "--date", "2567-02-01", "--due", "2567-01-15")
    assert code == 2 and "อยู่ก่อนวันที่ของบันทึก" in err, err
    code, _, err = itapack(
        "letters", chase_pack, "--out", out, "--date", "2567-02-01", "--due", "2567-01-15", lang="en"
    )
    assert code == 2 and "--due 2567-01-15 is before the memo's date 2567-02-01" in err and not THAI.search(err)
    code, _, err = itapack("letters", chase_pack, "--kind", "nowhere", lang="en")
    assert code == 2 and "--kind nowhere: not in this pack (choose from" in err, err

    code, printed, err = itapack("letters", chase_pack, "--out", out, "--date", "2567-02-01", lang="en")
    assert code == 0, err
    (memo,) = out.glob("*.docx")
    assert memo.name == "บันทึกติดตาม ITA 2567.docx"
    (wrote,) = [line for line in printed.splitlines() if str(memo) in line]
    assert wrote == f"wrote {memo}", printed
    paragraphs = texts(memo)
    assert paragraphs[0].startswith("ที่ ") and any(p.startswith("เรื่อง") for p in paragraphs)
    assert any("จึงเรียนมาเพื่อโปรดพิจารณา" in p for p in paragraphs)  # an official letter, in Thai


def test_intake_says_where_each_file_goes_in_thai_or_english(chase_pack: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "ส่งมา"
    make_tree(inbox, INBOX)

    code, out, _ = itapack("intake", chase_pack, inbox)
    assert code == 1
    assert "[จะจัดเก็บ] (เลขข้อ 2.1 และชื่อหน่วยงาน เทศบาลตำบลบางบ่อ, ความมั่นใจสูง)" in out
    assert "!! ไม่แน่ชัด: ต้องเลือกเอง: ตรงได้หลายรายการ:" in out
    assert "ใกล้เคียงที่สุด: ข้อ 2.1 " in out
    assert "!! จับคู่ไม่ได้: ต้องเลือกเอง: ชื่อไฟล์และโฟลเดอร์ไม่บอกทั้งเลขข้อและหน่วยงาน" in out

    code, out, _ = itapack("intake", chase_pack, inbox, lang="en")
    assert code == 1
    assert "[to file] (item number 2.1 and unit name เทศบาลตำบลบางบ่อ, high confidence)" in out
    assert "!! ambiguous: choose by hand: fits several: item number 2.1 and unit name" in out
    assert "closest: item 2.1 " in out
    assert "!! unmatched: choose by hand: the file and folder names give neither an item number nor a unit" in out
    # The table (the lines before the summary) says nothing in Thai but the files' and units' names.
    table = out.split("\nสรุป:")[0].split("\nSummary:")[0]
    destination = "evidence/2.1 คำรับรอง/เทศบาลตำบลบางบ่อ/"
    assert not thai_lines(without(table, destination, *INBOX, *UNITS)), table


def test_intake_log_keeps_its_thai_action_column_whatever_the_language(chase_pack: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "ส่งมา"
    make_tree(inbox, {"๒.๑ ทต.บางบ่อ.pdf": PDF + b"agreement"})
    code, _, err = itapack("intake", chase_pack, inbox, "--apply", "--log", tmp_path / "log", lang="en")
    assert code == 0, err
    (log,) = (tmp_path / "log").glob("intake-*.csv")  # beside journal.csv
    (row,) = csv.DictReader(log.read_text(encoding="utf-8-sig").splitlines())
    assert list(row) == list(intake.LOG_HEADERS_TH)  # a clerk opens it in Excel: Thai headers
    assert (row["รหัสผล"], row["ผล"], row["ความมั่นใจ"]) == ("filed", "จัดเก็บแล้ว", "สูง")  # codes in their own column
    assert row["เหตุผล"] == "item number 2.1 and unit name เทศบาลตำบลบางบ่อ"
