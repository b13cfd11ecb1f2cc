"""The archive's own zip writer: what it writes, zipfile and unzip read back, ZIP64 included."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from itapack.handin import zipstream
from itapack.handin.treeopen import TreeFiles, openat2
from itapack.safety import Changed

FIXED = (1980, 1, 1, 0, 0, 0)


def _write(path: Path, members: dict[str, tuple[bytes, bool]]) -> dict[str, tuple[str, int]]:
    hashed = {}
    with path.open("wb") as target, zipstream.ZipStream(target, date_time=FIXED, mode=0o100644) as archive:
        for name, (data, compress) in members.items():
            hashed[name] = archive.add(name, io.BytesIO(data), len(data), compress=compress)
        member = archive.open("บัญชี.json", compress=True, size=14_000)  # about: ZIP64 past the limit
        member.write(b'{"files": []}\n' * 1000)
        member.close()
    return hashed


def _members() -> dict[str, tuple[bytes, bool]]:
    return {
        "evidence/1.1 แผน/อบต.บางยอ/แผน.pdf": (b"%PDF-1.4 " + bytes(500), False),
        "evidence/1.1 แผน/อบต.บางยอ/บันทึก.txt": ("บันทึก ".encode() * 300, True),
        "ascii/empty.txt": (b"", True),
        "ascii/big.bin": (os.urandom(zipstream.SMALL + 12345), False),  # streamed, header completed after
        "ascii/big-deflated.bin": (bytes(zipstream.SMALL * 2 + 7), True),
    }


def test_what_it_writes_reads_back_whole_with_the_right_hashes(tmp_path: Path) -> None:
    path = tmp_path / "ชุด.zip"
    members = _members()
    hashed = _write(path, members)
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None  # every CRC matches
        assert archive.namelist() == [*members, "บัญชี.json"]
        for name, (data, compress) in members.items():
            assert archive.read(name) == data
            assert hashed[name] == (hashlib.sha256(data).hexdigest(), len(data))
            info = archive.getinfo(name)
            assert info.compress_type == (zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED)
            assert info.date_time == FIXED
            assert info.external_attr >> 16 == 0o100644
            assert info.flag_bits & 0x800 == (0 if name.isascii() else 0x800)  # UTF-8 names flagged
        assert archive.read("บัญชี.json") == b'{"files": []}\n' * 1000
    if shutil.which("unzip"):
        tested = subprocess.run(["unzip", "-tq", str(path)], capture_output=True, text=True)
        assert tested.returncode == 0, tested.stdout + tested.stderr


def test_the_same_members_give_the_same_bytes(tmp_path: Path) -> None:
    members = _members()
    _write(tmp_path / "a.zip", members)
    _write(tmp_path / "b.zip", members)
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


def test_past_the_limits_it_writes_zip64_records_that_readers_follow(tmp_path: Path, monkeypatch) -> None:
    """The limits made tiny: counts, sizes and offsets past them go into ZIP64 records, as a
    national archive's 394,412 members and a 3 GB scan do."""
    monkeypatch.setattr(zipstream, "SIZE_LIMIT", 1000)
    monkeypatch.setattr(zipstream, "COUNT_LIMIT", 5)
    members = _members()
    path = tmp_path / "ใหญ่.zip"
    _write(path, members)
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        assert len(archive.infolist()) == len(members) + 1
        for name, (data, _compress) in members.items():
            assert archive.read(name) == data
    assert b"PK\x06\x06" in path.read_bytes()[-200:]  # the ZIP64 end record
    if shutil.which("unzip"):
        assert subprocess.run(["unzip", "-tq", str(path)], capture_output=True).returncode == 0


@pytest.mark.parametrize("limit", [(1 << 31) - 1, 1000], ids=["small", "past the limit"])
def test_a_member_deflated_aside_is_written_as_one_written_in_place(tmp_path: Path, monkeypatch, limit: int) -> None:
    """Spooled (the manifests, deflated while the copier works) then put(): the bytes open() writes,
    in the same order, and read back whole; past the size limit (made tiny) a ZIP64 member,
    where open() without a size would refuse."""
    monkeypatch.setattr(zipstream, "SIZE_LIMIT", limit)
    monkeypatch.setattr(zipstream, "SPOOL_MEMORY", 4096)  # past it, the spool goes to a temporary file
    pieces = ["ไฟล์,ขนาด\r\n".encode(), os.urandom(20_000), b"row\r\n" * 5000]

    def written(spooled: bool) -> bytes:
        target = io.BytesIO()
        with zipstream.ZipStream(target, date_time=FIXED, mode=0o100644) as archive:
            archive.add("ก่อน.txt", io.BytesIO(b"before"), 6, compress=True)
            if spooled:
                member = zipstream.Spooled("บัญชี.csv")
                for piece in pieces:
                    member.write(piece)
                archive.put(member)
                member.close()
            else:
                opened = archive.open("บัญชี.csv", compress=True)
                for piece in pieces:
                    opened.write(piece)
                opened.close()
            archive.add("หลัง.txt", io.BytesIO(b"after"), 5, compress=False)
        return target.getvalue()

    aside = written(spooled=True)
    with zipfile.ZipFile(io.BytesIO(aside)) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == ["ก่อน.txt", "บัญชี.csv", "หลัง.txt"]
        assert archive.read("บัญชี.csv") == b"".join(pieces)
    if limit > 20_000:
        assert aside == written(spooled=False)
    else:
        info = archive.getinfo("บัญชี.csv")
        assert aside[info.header_offset + 18 : info.header_offset + 26] == b"\xff" * 8  # sizes in ZIP64 fields
        with pytest.raises(OverflowError):
            written(spooled=False)


def test_a_whole_file_from_a_descriptor_gives_the_bytes_of_a_stream(tmp_path: Path) -> None:
    """add_file (one read loop on a descriptor) writes what add (a stream) writes, byte for byte."""
    members = _members()
    for name, (data, _compress) in members.items():
        (tmp_path / hashlib.sha256(name.encode()).hexdigest()).write_bytes(data)
    hashed = {}
    with (tmp_path / "b.zip").open("wb") as target, zipstream.ZipStream(target, date_time=FIXED, mode=0o100644) as out:
        for name, (data, compress) in members.items():
            fd = os.open(tmp_path / hashlib.sha256(name.encode()).hexdigest(), os.O_RDONLY)
            try:
                hashed[name] = out.add_file(name, fd, len(data), compress=compress)
            finally:
                os.close(fd)
        member = out.open("บัญชี.json", compress=True, size=14_000)
        member.write(b'{"files": []}\n' * 1000)
        member.close()
    assert hashed == _write(tmp_path / "a.zip", members)
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


@pytest.mark.parametrize("size", [10, zipstream.SMALL + 10])
def test_a_file_grown_since_it_was_measured_reads_more_than_its_size(tmp_path: Path, size: int) -> None:
    """The caller compares the bytes read with the size measured at opening: a file written to
    meanwhile is caught, small (read in one piece) or large (read in chunks)."""
    (tmp_path / "grown.pdf").write_bytes(bytes(size + 5))
    with (tmp_path / "a.zip").open("wb") as target, zipstream.ZipStream(target, date_time=FIXED, mode=0o644) as out:
        fd = os.open(tmp_path / "grown.pdf", os.O_RDONLY)
        try:
            _sha, copied = out.add_file("grown.pdf", fd, size, compress=False)
        finally:
            os.close(fd)
    assert copied > size


class _ShortReads(io.BytesIO):
    """A file system that hands out three bytes a read, however many are asked for."""

    def read(self, size: int | None = -1) -> bytes:
        return super().read(3 if size is None or size < 0 else min(size, 3))


@pytest.mark.parametrize(("measured", "actual"), [(10, 10), (10, 14), (10, 7)], ids=["same", "grown", "shrunk"])
def test_short_reads_are_read_to_the_end(tmp_path: Path, measured: int, actual: int) -> None:
    data = bytes(range(actual))
    with (tmp_path / "a.zip").open("wb") as target, zipstream.ZipStream(target, date_time=FIXED, mode=0o644) as out:
        sha, copied = out.add("ย่อย.pdf", _ShortReads(data), measured, compress=False)
    if actual > measured:
        assert copied > measured  # the caller sees it grew
    else:
        assert (copied, sha) == (actual, hashlib.sha256(data).hexdigest())
        with zipfile.ZipFile(tmp_path / "a.zip") as archive:
            assert archive.read("ย่อย.pdf") == data


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
@pytest.mark.parametrize("kernel_resolves", [True, False], ids=["openat2", "walk"])
def test_tree_files_opens_through_held_folders_and_refuses_a_folder_swapped_for_a_link(
    tmp_path: Path, kernel_resolves: bool
) -> None:
    root = tmp_path / "ชุด"
    (root / "evidence" / "1.1" / "อบต.ก").mkdir(parents=True)
    (root / "evidence" / "1.1" / "อบต.ข").mkdir(parents=True)
    (root / "evidence" / "1.1" / "อบต.ก" / "แผน.pdf").write_bytes(b"first")
    (root / "evidence" / "1.1" / "อบต.ข" / "แผน.pdf").write_bytes(b"second")
    outside = tmp_path / "นอก"
    outside.mkdir()
    (outside / "แผน.pdf").write_bytes(b"salaries")
    with TreeFiles(root, kernel_resolves=kernel_resolves) as tree:
        assert (tree.openat2 is not None) == (kernel_resolves and openat2() is not None)
        with tree.open("evidence/1.1/อบต.ก/แผน.pdf") as stream:
            assert stream.read() == b"first"
        shutil.rmtree(root / "evidence" / "1.1" / "อบต.ข")
        (root / "evidence" / "1.1" / "อบต.ข").symlink_to(outside)  # after the plan, before the copy
        with pytest.raises(Changed), tree.open("evidence/1.1/อบต.ข/แผน.pdf"):
            pass
        (root / "ต้นฉบับ").mkdir()
        (root / "ต้นฉบับ" / "แผน.pdf").write_bytes(b"kept inside")
        (root / "evidence" / "1.1" / "อบต.ก" / "สำเนา.pdf").symlink_to(root / "ต้นฉบับ" / "แผน.pdf")
        with tree.open("evidence/1.1/อบต.ก/สำเนา.pdf") as stream:  # a link inside the pack is followed
            assert stream.read() == b"kept inside"
        os.mkfifo(root / "evidence" / "1.1" / "อบต.ก" / "ท่อ.pdf")  # a FIFO in a file's place is never waited on
        with pytest.raises(Changed), tree.open("evidence/1.1/อบต.ก/ท่อ.pdf"):
            pass


@pytest.mark.skipif(os.name != "posix", reason="folder handles")
def test_a_kernel_that_refuses_openat2_when_called_is_walked_instead(tmp_path: Path) -> None:
    """A sandbox may let the first openat2 through and refuse later ones: the tree walks from then on."""
    (tmp_path / "ชุด" / "1.1").mkdir(parents=True)
    (tmp_path / "ชุด" / "1.1" / "แผน.pdf").write_bytes(b"plan")
    with TreeFiles(tmp_path / "ชุด") as tree:
        tree.openat2 = lambda folder, relative: -errno.ENOSYS  # type: ignore[assignment]
        with tree.open("1.1/แผน.pdf") as stream:
            assert stream.read() == b"plan"
        assert tree.openat2 is None
