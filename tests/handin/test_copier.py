"""The forked copier: what it writes is what one process writes; a refusal or a failure on its
side ends the parent's loop with the copier's message or an error, never a hang or a half zip."""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from pathlib import Path

import pytest

from itapack.errors import InputError
from itapack.handin import copier, zipstream

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the copier is forked")
FIXED = (1980, 1, 1, 0, 0, 0)
FILES = [(f"evidence/{n}/แผน.pdf", f"%PDF-1.4 {n}".encode() * (n + 1)) for n in range(50)]
# Two past zipstream.SMALL, streamed into a member whose header is completed after: deflated and stored
FILES[20:20] = [(f"evidence/ใหญ่/{n}.bin", bytes(range(256)) * (zipstream.SMALL // 256 + n + 1)) for n in (0, 1)]


def _archive(path: Path, forked: bool, fail_at: int | None = None, refuse_at: int | None = None) -> list[tuple]:
    def copy(position: int) -> tuple[int, str]:
        if position == fail_at:
            raise ValueError("a fault of the copier's own")
        if position == refuse_at:
            raise InputError("แผน.pdf เปลี่ยนไปหลังการตรวจ")
        name, data = FILES[position]
        stored = path.with_name(f"{position}.bin")  # a file, not a pipe: a big one would not fit in a pipe's buffer
        stored.write_bytes(data)
        read = os.open(stored, os.O_RDONLY)
        try:
            sha256, size = archive.add_file(name, read, len(data), compress=position % 2 == 0)
        finally:
            os.close(read)
        return size, sha256

    with path.open("wb") as target, zipstream.ZipStream(target, date_time=FIXED, mode=0o100644) as archive:

        def named(position: int) -> tuple[str, bool]:
            return FILES[position][0], position % 2 == 0

        copied = copier.copies(archive, len(FILES), copy, named) if forked else map(copy, range(len(FILES)))
        given = list(copied)
        archive.add("manifest.json", io.BytesIO(b"{}"), 2, compress=True)  # behind the last member
    return given


def test_forked_or_not_the_same_bytes_and_hashes(tmp_path: Path) -> None:
    one = _archive(tmp_path / "one.zip", forked=False)
    two = _archive(tmp_path / "two.zip", forked=True)
    assert one == two == [(len(data), hashlib.sha256(data).hexdigest()) for _name, data in FILES]
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "two.zip") as archive:
        assert archive.testzip() is None
        assert archive.namelist() == [name for name, _data in FILES] + ["manifest.json"]


def test_a_refusal_in_the_copier_is_raised_in_the_parent_with_its_message(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"แผน\.pdf เปลี่ยนไปหลังการตรวจ"):
        _archive(tmp_path / "a.zip", forked=True, refuse_at=30)


def test_a_copier_that_fails_ends_the_loop_with_an_error(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="copier"):
        _archive(tmp_path / "a.zip", forked=True, fail_at=7)
