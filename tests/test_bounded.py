"""bounded: every limit breach and every damaged member is a Thai InputError, never a hang,
a MemoryError or a traceback; what is within bounds reads exactly as it is."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from itapack import bounded
from itapack.errors import ExitCode, InputError, exit_code_for

from . import hostile_inputs as hostile
from .conftest import PDF


def only_member(path: Path) -> tuple[zipfile.ZipFile, zipfile.ZipInfo]:
    archive = bounded.open_zip(path, path.name)
    return archive, archive.infolist()[0]


def test_a_file_within_bounds_reads_whole_and_in_pieces(tmp_path: Path) -> None:
    scan = tmp_path / "สแกน.pdf"
    scan.write_bytes(PDF + bytes(3 * bounded.CHUNK))
    assert bounded.read_file(scan, 4 * bounded.CHUNK) == scan.read_bytes()
    assert [len(c) for c in bounded.file_chunks(scan, 4 * bounded.CHUNK)][:3] == [bounded.CHUNK] * 3


def test_a_file_past_its_ceiling_is_refused_by_size_before_reading(tmp_path: Path) -> None:
    scan = tmp_path / "สแกน 3GB.pdf"
    scan.write_bytes(PDF + bytes(2000))
    with pytest.raises(bounded.ReadLimitError, match="เกินที่อ่านได้") as caught:
        bounded.read_file(scan, 1000, "ส่งมา/สแกน 3GB.pdf")
    assert "ส่งมา/สแกน 3GB.pdf" in str(caught.value)
    assert exit_code_for(caught.value) is ExitCode.INVALID_INPUT


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_a_folder_and_a_missing_file_are_refused_without_blocking(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="ไม่ใช่ไฟล์ธรรมดา"):
        bounded.read_file(hostile.fifo(tmp_path, "รายงาน.zip"), 100)
    with pytest.raises(InputError, match="ไม่ใช่ไฟล์ธรรมดา"):
        bounded.open_zip(tmp_path / "รายงาน.zip", "รายงาน.zip")
    with pytest.raises(InputError, match="เป็นโฟลเดอร์"):
        bounded.read_file(tmp_path, 100)
    with pytest.raises(InputError, match="ไม่พบไฟล์"):
        bounded.read_file(tmp_path / "ไม่มี.pdf", 100)


def test_a_zip_bomb_is_refused_from_its_listing(tmp_path: Path) -> None:
    bomb = hostile.zip_bomb(tmp_path)
    with pytest.raises(bounded.ReadLimitError, match="zip bomb") as caught:
        bounded.open_zip(bomb, bomb.name)
    assert hostile.MEMBER in str(caught.value)


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        (bounded.ZipLimits(members=2), "มีไฟล์ข้างใน 3 ไฟล์"),
        (bounded.ZipLimits(member=100), "แตกออกมาได้ 200 ไบต์"),
        (bounded.ZipLimits(total=500), "แตกออกมาได้ 600 ไบต์"),
        (bounded.ZipLimits(depth=2), "ซ้อนกันลึกเกิน 2 ชั้น"),
    ],
)
def test_each_listing_limit_is_its_own_thai_message(tmp_path: Path, limits: bounded.ZipLimits, message: str) -> None:
    path = tmp_path / "ส่งมา.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name in ("ก.pdf", "ข/ค.pdf", "ง/จ/ฉ/ช.pdf"):
            archive.writestr(name, bytes(200))
    with pytest.raises(bounded.ReadLimitError, match=message):
        bounded.open_zip(path, path.name, limits)
    bounded.open_zip(path, path.name).close()  # the defaults take it


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (hostile.zip_with_bad_crc, "CRC"),
        (hostile.zip_with_encrypted_member, "ถูกเข้ารหัส \\(ต้องใช้รหัสผ่าน\\)"),
        (hostile.zip_with_aes_member, "AES"),
    ],
)
def test_a_damaged_or_locked_member_is_a_member_error(tmp_path: Path, make, message: str) -> None:
    archive, info = only_member(make(tmp_path))
    with archive, pytest.raises(bounded.MemberError, match=message) as caught:
        bounded.read_member(archive, info, "ส่งมา.zip", 1 << 20)
    assert f"ส่งมา.zip/{hostile.MEMBER}" in str(caught.value)


def test_a_member_past_its_ceiling_is_refused_before_unpacking(tmp_path: Path) -> None:
    path = tmp_path / "ส่งมา.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(hostile.MEMBER, PDF * 10)
    archive, info = only_member(path)
    with archive, pytest.raises(bounded.ReadLimitError):
        bounded.read_member(archive, info, path.name, 10)


def test_a_truncated_or_fake_zip_is_a_thai_message(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="ไม่ใช่ไฟล์ zip ที่เปิดได้"):
        bounded.open_zip(hostile.truncated_zip(tmp_path), "ส่งมา-ขาด.zip")
    with pytest.raises(InputError, match="ไม่ใช่ไฟล์ zip ที่เปิดได้"):
        bounded.open_zip(io.BytesIO(b"<html>404</html>"), "ผล.xlsx")


def test_json_within_bounds_and_beyond() -> None:
    assert bounded.load_json('{"ชื่อ": [1, {"a": null}]}'.encode(), "x.json") == {"ชื่อ": [1, {"a": None}]}
    with pytest.raises(bounded.ReadLimitError, match="ซ้อนกันลึกเกิน"):
        bounded.load_json(b"[" * 100_000 + b"]" * 100_000, "x.json")  # json.loads: RecursionError
    with pytest.raises(bounded.ReadLimitError, match="ซ้อนกันลึกเกิน 64 ชั้น"):
        bounded.load_json(b"[" * 65 + b"]" * 65, "x.json")  # shallow enough for json, too deep for us
    bounded.load_json(b"[" * 64 + b"]" * 64, "x.json")
    with pytest.raises(bounded.ReadLimitError, match="เกินที่อ่านได้"):
        bounded.load_json(b'"' + b"a" * 100 + b'"', "x.json", limit=50)
    with pytest.raises(InputError, match="อ่าน JSON ไม่ได้"):
        bounded.load_json(b"{", "x.json")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_file_swapped_for_a_fifo_after_the_first_look_is_still_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    swapped = hostile.fifo(tmp_path, "สแกน.pdf")
    monkeypatch.setattr(bounded, "regular_file", lambda path, shown=None: None)  # it looked regular a moment ago
    with pytest.raises(InputError, match="ไม่ใช่ไฟล์ธรรมดา"):
        bounded.read_file(swapped, 100)
