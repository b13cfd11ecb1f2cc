"""What a clerk reads when the system refuses a write: Thai reasons, and the usual cause named."""

from __future__ import annotations

import errno
from pathlib import Path

from itapack.safety import cannot


def test_a_file_that_cannot_be_replaced_is_probably_open_in_word_or_excel(tmp_path: Path) -> None:
    workbook = tmp_path / "สมุดงานติดตาม ITA 2567.xlsx"
    workbook.write_bytes(b"PK")
    said = cannot(workbook, PermissionError(errno.EACCES, "Permission denied"))
    assert "Word หรือ Excel" in said and "ปิดไฟล์แล้วสั่งใหม่" in said
    assert "Permission denied" not in said and "ไม่มีสิทธิ์" in said


def test_a_folder_without_permission_says_so_in_thai(tmp_path: Path) -> None:
    said = cannot(tmp_path / "ไม่มี" / "รายงาน.docx", PermissionError(errno.EPERM, "Operation not permitted"))
    assert "Excel" not in said and "ไม่ได้รับอนุญาต" in said and "Operation" not in said


def test_a_full_disk_is_named_and_an_unusual_error_keeps_the_systems_words(tmp_path: Path) -> None:
    assert "ดิสก์เต็ม" in cannot(tmp_path / "a.zip", OSError(errno.ENOSPC, "No space left on device"))
    assert "Stale file handle" in cannot(tmp_path / "a.zip", OSError(errno.ESTALE, "Stale file handle"))
