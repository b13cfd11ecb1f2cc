"""scores --import of files that are partial, damaged or written to mislead: a Thai problem with
its place, or exactly the rows the file holds changed, and pack.yaml otherwise untouched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from itapack.pack.loader import load_pack

from .. import hostile_inputs as hostile
from .conftest import RESULTS_CSV
from .test_import import scores


def pack_text(pack: Path) -> str:
    return (pack / "pack.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (hostile.xlsx_without_sheets, "ไม่มีแผ่นงาน (sheet) ใดเลย"),
        (hostile.truncated_xlsx, "ไม่ใช่ Excel (.xlsx) ที่เปิดได้"),
        (hostile.zip_bomb, "zip bomb"),
    ],
)
def test_a_broken_workbook_is_a_located_thai_problem(measures_pack: Path, tmp_path: Path, make, says: str) -> None:
    made = make(tmp_path)
    book = made.rename(made.with_suffix(".xlsx"))
    before = pack_text(measures_pack)
    code, _out, err = scores(measures_pack, "--import", book)
    assert code == 2, err
    assert f"{book}: " in err and says in err
    assert pack_text(measures_pack) == before


@pytest.mark.parametrize("score", ["9_5.43", "E999", "1e2", "inf", "nan", "95.43.1", "0x5F", "٩٥"])
def test_a_score_float_would_take_is_refused(measures_pack: Path, tmp_path: Path, score: str) -> None:
    csv = tmp_path / "results.csv"
    csv.write_text(f"ตัวชี้วัด,คะแนน\n1,{score}\n", encoding="utf-8")
    before = pack_text(measures_pack)
    code, out, err = scores(measures_pack, "--import", csv)
    assert code == 2, out
    assert f"results.csv:2: ตัวชี้วัดที่ 1: '{score}' ไม่ใช่ตัวเลข" in err.replace(f"{tmp_path}/", "")
    assert pack_text(measures_pack) == before


@pytest.mark.parametrize("score", ["95.43", "๙๕.๔๓", "95.43%", " 95.43 ", ".5", "100"])
def test_a_score_as_announced_still_reads(measures_pack: Path, tmp_path: Path, score: str) -> None:
    csv = tmp_path / "results.csv"
    csv.write_text(f"ตัวชี้วัด,คะแนน\n1,{score}\n", encoding="utf-8")
    code, _out, err = scores(measures_pack, "--import", csv)
    assert code == 0, err
    assert load_pack(measures_pack).info.results.indicators["1"] == round(
        float(score.strip(" %").replace("๙๕.๔๓", "95.43")), 2
    )


def test_a_partial_file_changes_only_its_rows_and_says_which(measures_pack: Path, tmp_path: Path) -> None:
    full = tmp_path / "results.csv"
    full.write_text(RESULTS_CSV, encoding="utf-8")
    assert scores(measures_pack, "--import", full)[0] == 0
    stored = load_pack(measures_pack).info.results
    partial = tmp_path / "แก้ตัวชี้วัด 9.csv"
    partial.write_text("ตัวชี้วัด,คะแนน\n9,88.75\n10,100.00\n", encoding="utf-8")  # 10 is as it was
    code, out, err = scores(measures_pack, "--import", partial)
    assert code == 0, err
    assert "รายการที่เปลี่ยน: ตัวชี้วัดที่ 9; รายการอื่นคงเดิม" in out
    after = load_pack(measures_pack).info.results
    assert after.indicators["9"] == 88.75
    assert after.model_copy(update={"indicators": {**after.indicators, "9": 87.50}}) == stored
    code, out, err = scores(measures_pack, "--import", partial)
    assert "รายการที่เปลี่ยน: ไม่มี (ตรงกับที่บันทึกไว้แล้ว)" in out


def test_a_first_import_says_nothing_of_changes(measures_pack: Path, tmp_path: Path) -> None:
    full = tmp_path / "results.csv"
    full.write_text(RESULTS_CSV, encoding="utf-8")
    code, out, err = scores(measures_pack, "--import", full)
    assert code == 0, err
    assert "รายการที่เปลี่ยน" not in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_named_like_a_results_file_is_refused_not_waited_on(measures_pack: Path, tmp_path: Path) -> None:
    fifo = hostile.fifo(tmp_path, "ผลคะแนน.csv")
    code, _out, err = scores(measures_pack, "--import", fifo)
    assert code == 2, err
    assert f"{fifo}: ไม่ใช่ไฟล์ธรรมดา" in err
