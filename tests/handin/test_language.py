"""bundle: what it wrote, what --verify found and why it refuses, in Thai by default and English
with --lang en. The binder and the manifest are documents for the assessors: Thai either way."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from ..conftest import COMPLETE, write_pack
from ..i18n.speaking import THAI, itapack, thai_lines, without
from .test_archive import tampered
from .test_binder import need_thai_font


def _said(output: str, path: Path) -> str:
    """What the bundle line says of path: the text after "<path>: "."""
    (line,) = [line for line in output.splitlines() if f"{path}: " in line]
    return line.split(f"{path}: ", 1)[1]


def test_the_archive_line_and_the_verify_findings_speak_the_chosen_language(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", evidence=COMPLETE)
    out = tmp_path / "out"
    archive = out / "ไฟล์นำส่ง ITA 2567.zip"
    code, printed, err = itapack("bundle", pack, "--out", out, "--format", "zip", "--date", "2567-09-30")
    assert code == 0, err
    assert _said(printed, archive).startswith("หลักฐาน 4 ไฟล์ ") and "พร้อมรายงานและบัญชีรายการ" in printed
    code, printed, err = itapack(
        "bundle", pack, "--out", out, "--format", "zip", "--date", "2567-09-30", "--no-reports", lang="en"
    )
    assert code == 0, err
    said = _said(printed, archive)
    assert said.startswith("4 evidence files, ") and said.endswith("bytes, with the manifest"), said
    with zipfile.ZipFile(archive) as opened:  # the manifest is for the assessors: Thai words stay
        rows = list(csv.DictReader(io.StringIO(opened.read("manifest.csv").decode("utf-8-sig"))))
    assert any(THAI.search(value) for row in rows for value in row.values())

    changed = tampered(archive, tmp_path)
    code, printed, _ = itapack("bundle", "--verify", changed)
    assert code == 1
    assert "evidence/เพิ่มเอง.pdf: มีในไฟล์ zip แต่ไม่มีในบัญชีรายการ" in printed
    code, printed, _ = itapack("bundle", "--verify", changed, lang="en")
    assert code == 1
    assert "evidence/เพิ่มเอง.pdf: in the zip file but not in the manifest" in printed
    missing = [line for line in printed.splitlines() if "เทศบาลตำบลบางบ่อ" in line]
    assert missing and missing[0].endswith(": in the manifest but not in the zip file"), printed
    findings = [line for line in printed.splitlines() if line.startswith("evidence/")]
    assert len(findings) == 2 and not thai_lines(without("\n".join(findings), "evidence/เพิ่มเอง.pdf", *missing[0:1]))


def test_bundle_refusals_speak_the_chosen_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = write_pack(tmp_path / "pack", evidence=COMPLETE)
    code, _, err = itapack("bundle", pack, "--format", "docx")
    assert code == 2 and "--format docx: เลือกได้จาก zip, pdf (คั่นด้วยจุลภาค)" in err, err
    code, _, err = itapack("bundle", pack, "--format", "docx", lang="en")
    assert code == 2 and "--format docx: choose from zip, pdf (separated by commas)" in err and not THAI.search(err)

    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as target:
        target.writestr("a.txt", "a")
    code, _, err = itapack("bundle", "--verify", other, lang="en")
    assert code == 2 and "has no manifest.json: it was not made by itapack bundle" in err, err

    font = tmp_path / "ไม่มี.ttf"
    monkeypatch.setenv("ITAPACK_THAI_FONT", str(font))
    code, _, err = itapack("bundle", pack, "--out", tmp_path / "out", "--format", "pdf")
    assert code == 2 and f"ITAPACK_THAI_FONT={font}: ไม่พบไฟล์ฟอนต์นี้" in err, err
    code, _, err = itapack("bundle", pack, "--out", tmp_path / "out", "--format", "pdf", lang="en")
    assert code == 2 and f"ITAPACK_THAI_FONT={font}: no such font file" in err, err


def test_the_binder_line_speaks_the_chosen_language(tmp_path: Path) -> None:
    need_thai_font()
    pack = write_pack(tmp_path / "pack", evidence=COMPLETE)
    out = tmp_path / "out"
    binder = out / "แฟ้มรวม ITA 2567.pdf"
    code, printed, err = itapack("bundle", pack, "--out", out, "--format", "pdf", "--date", "2567-09-30")
    assert code == 0, err
    # COMPLETE's one-page PDFs open, and are all bound: no line about files left out
    assert _said(printed, binder) == "แฟ้ม PDF 6 หน้า หลักฐาน 4 ไฟล์"
    code, printed, err = itapack("bundle", pack, "--out", out, "--format", "pdf", "--date", "2567-09-30", lang="en")
    assert code == 0, err
    assert _said(printed, binder) == "PDF binder of 6 pages, 4 evidence files"
