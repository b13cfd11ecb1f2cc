"""The content cache: a second check of a big tree reads no file it already knows, and reads again
every file that changed in any way; whatever happens to the cache, the verdicts stay the same."""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import pytest

from itapack.check import check
from itapack.evidence import contentcache, parallel, reading, sniff
from itapack.outputs import jsonout
from itapack.pack.loader import load_pack

from ..conftest import COMPLETE, HTML, JPG, PDF, write_pack
from .test_parallel import hostile_pack

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the cache is used on Linux and macOS only")

TODAY = date(2024, 2, 1)

TREE = {
    **COMPLETE,
    # the failed download as long as a real PDF: saved again properly, its size stays the same
    "1.1 บันทึกข้อความ": {"มอบหมายภารกิจ.pdf": PDF, "ภาพ.jpg": JPG, "ว่าง.pdf": b"", "หน้าเว็บ.pdf": HTML.ljust(len(PDF))},
    "1.2 รายงานการประชุม": {"ครึ่ง.pdf": PDF[:100], "รายงาน.pdf": PDF},  # one broken, one whole
}


# One head of each kind sniff.looks_like() tells apart
SAMPLES = (HTML, b"MZ\x90", b"#!/bin/sh", JPG, b"\x89PNG\r\n\x1a\n", b"GIF89a", b"II*\x00", b"PK\x03\x04")
SAMPLES += (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"junk %PDF-1.4", b"\xff\xfe\x00", "ข้อความ".encode())


@pytest.fixture
def big(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Every tree counts as big, files are remembered however new, and the cache is this test's own."""
    monkeypatch.setattr(parallel, "SMALL_TREE", 0)
    monkeypatch.setattr(contentcache, "SETTLE_NS", -(10**12))
    cache = tmp_path / "แคช ของผู้ใช้"
    monkeypatch.setenv("ITAPACK_CACHE_DIR", str(cache))
    monkeypatch.delenv("ITAPACK_NO_CACHE", raising=False)
    return cache


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files whose content was read, in this process."""
    opened: list[str] = []
    real = reading.read_file

    def counted(name: str, shown: str, *args: object) -> reading.ScannedFile:
        opened.append(shown)
        return real(name, shown, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(reading, "read_file", counted)
    return opened


def as_json(pack: Path, jobs: int = 1) -> str:
    return jsonout.dumps(check(load_pack(pack), today=TODAY, jobs=jobs))


def uncached(pack: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patch:
        patch.setenv("ITAPACK_NO_CACHE", "1")
        return as_json(pack)


def rewrite(path: Path, data: bytes) -> None:
    """New content under the old size and modification time: only the change time tells."""
    before = path.stat()
    while True:
        path.write_bytes(data)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        if path.stat().st_ctime_ns != before.st_ctime_ns:  # the clock ticked: the change shows
            return
        time.sleep(0.01)


def test_a_second_check_reads_no_file_it_knows_and_says_the_same(
    tmp_path: Path, big: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = write_pack(tmp_path / "pack", evidence=TREE)
    first = as_json(pack)
    assert "หน้าเว็บ.pdf" in reads and "ภาพ.jpg" in reads
    assert len(list((big / "content").iterdir())) == 1
    reads.clear()
    assert as_json(pack) == first
    assert reads == []
    assert uncached(pack, monkeypatch) == first


def test_a_file_changed_in_any_way_is_read_again(tmp_path: Path, big: Path, reads: list[str]) -> None:
    pack = write_pack(tmp_path / "pack", evidence=TREE)
    memo = pack / "evidence" / "1.1 บันทึกข้อความ"
    as_json(pack)
    rewrite(memo / "หน้าเว็บ.pdf", PDF)  # the failed download saved again, properly, same size
    rewrite(memo / "มอบหมายภารกิจ.pdf", HTML[: len(PDF)].ljust(len(PDF)))  # and a good one spoiled
    (memo / "ภาพ.jpg").unlink()
    (memo / "ภาพ.jpg").write_bytes(PDF)  # a new file, perhaps in the old one's inode
    report = pack / "evidence" / "1.2 รายงานการประชุม"
    rewrite(report / "ครึ่ง.pdf", PDF[:50] + PDF[-50:])  # still broken, otherwise
    rewrite(report / "รายงาน.pdf", PDF[:-40] + b" " * 40)  # its end cut off: broken now
    reads.clear()
    result = check(load_pack(pack), today=TODAY, jobs=1)
    assert sorted(reads) == ["ครึ่ง.pdf", "ภาพ.jpg", "มอบหมายภารกิจ.pdf", "รายงาน.pdf", "หน้าเว็บ.pdf"]
    rejected = [r for d in result.documents for q in d.requirements for r in q.rejected]
    reasons = {r.path.rsplit("/", 1)[-1]: r.reason for r in rejected}
    assert reasons == {
        "มอบหมายภารกิจ.pdf": "content",
        "ภาพ.jpg": "content",
        "ว่าง.pdf": "empty",
        "ครึ่ง.pdf": "broken",
        "รายงาน.pdf": "broken",
    }


def test_a_file_changed_moments_ago_is_not_remembered(tmp_path: Path, big: Path, reads: list[str], monkeypatch) -> None:
    monkeypatch.setattr(contentcache, "SETTLE_NS", 3600 * 10**9)  # everything here is younger than an hour
    pack = write_pack(tmp_path / "pack", evidence=TREE)
    as_json(pack)
    reads.clear()
    as_json(pack)
    assert "หน้าเว็บ.pdf" in reads


def test_workers_remember_and_read_the_cache_too(tmp_path: Path, big: Path, monkeypatch) -> None:
    pack = hostile_pack(tmp_path / "pack", cross_links=False)
    try:
        alone = uncached(pack, monkeypatch)
        assert as_json(pack, jobs=1) == alone  # remembered by one process
        assert as_json(pack, jobs=2) == alone  # by the workers
        (cached,) = (big / "content").iterdir()
        before = cached.read_bytes()
        assert as_json(pack, jobs=2) == alone  # read from it by the workers
        assert as_json(pack, jobs=1) == alone  # and by one process
        assert cached.read_bytes() == before
    finally:
        (pack / "evidence" / "2.1 คำรับรอง ชุดสอง" / "องค์การบริหารส่วนตำบลบางน้ำผึ้ง").chmod(0o755)


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:40] + bytes(len(data) - 40),  # zeroed after the header
        lambda data: data[:-30] + b"\xff" * 30,  # the footer garbled
        lambda data: data.replace(b'"rules": "', b'"rules": "x'),  # another itapack's rules
        lambda data: b"",
    ],
)
def test_a_spoiled_cache_is_as_if_there_were_none(tmp_path: Path, big: Path, reads: list[str], spoil) -> None:
    pack = write_pack(tmp_path / "pack", evidence=TREE)
    first = as_json(pack)
    (cached,) = (big / "content").iterdir()
    cached.write_bytes(spoil(cached.read_bytes()))
    reads.clear()
    assert as_json(pack) == first
    assert "หน้าเว็บ.pdf" in reads
    reads.clear()
    as_json(pack)  # and it was written anew
    assert reads == []


def test_a_cache_folder_that_cannot_be_written_costs_nothing_but_time(
    tmp_path: Path, big: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = write_pack(tmp_path / "pack", evidence=TREE)
    expected = uncached(pack, monkeypatch)
    (tmp_path / "a file").write_text("not a folder")
    monkeypatch.setenv("ITAPACK_CACHE_DIR", str(tmp_path / "a file"))
    assert as_json(pack) == expected
    assert as_json(pack, jobs=2) == expected


def test_turned_off_or_unsure_of_its_rules_it_writes_nothing(
    tmp_path: Path, big: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = write_pack(tmp_path / "pack", evidence=TREE)
    uncached(pack, monkeypatch)
    with monkeypatch.context() as patch:
        patch.setattr(contentcache, "rules", lambda: None)  # no source to tell a changed rule by
        as_json(pack)
    assert not (big / contentcache.FOLDER).exists()  # the pack itself may be remembered beside (pack/packcache.py)


def test_a_small_tree_is_remembered_too(
    tmp_path: Path, big: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not big enough for workers, yet its second check opens no file it knows (a start-up's share)."""
    monkeypatch.setattr(parallel, "SMALL_TREE", 1000)
    pack = write_pack(tmp_path / "pack", evidence=TREE)
    first = as_json(pack, jobs=2)
    assert "หน้าเว็บ.pdf" in reads
    reads.clear()
    assert as_json(pack, jobs=2) == first
    assert reads == []
    assert uncached(pack, monkeypatch) == first


def test_every_content_kind_sniff_names_can_be_remembered() -> None:
    named = {sniff.looks_like(head) for head in SAMPLES}
    assert named <= set(contentcache.CONTENT)
    assert len(named) == len(SAMPLES)


def test_workers_do_not_place_a_subtree_again_that_is_as_it_was(tmp_path: Path, big: Path, monkeypatch) -> None:
    pack = write_pack(tmp_path / "pack", evidence=TREE)
    expected = uncached(pack, monkeypatch)
    assert as_json(pack, jobs=2) == expected
    used: list[bool] = []
    real = parallel._in_workers
    monkeypatch.setattr(parallel, "_in_workers", lambda *args: used.append(real(*args)) or used[-1])
    monkeypatch.setattr(parallel, "_place", lambda *args: os._exit(3))  # a worker that places fails
    assert as_json(pack, jobs=2) == expected
    assert used == [True]  # no worker placed anything, and none failed


def _add_file(evidence: Path) -> None:
    (evidence / "2.1 คำรับรอง" / "เทศบาลตำบลบางบ่อ" / "คำรับรอง เพิ่ม.pdf").write_bytes(PDF)


def _remove_file(evidence: Path) -> None:
    next((evidence / "2.1 คำรับรอง").rglob("*.pdf")).unlink()


def _rename_file(evidence: Path) -> None:
    found = next((evidence / "1.1 บันทึกข้อความ").glob("มอบหมาย*.pdf"))
    found.rename(found.with_name("ไม่มีเลขข้อ.pdf"))


def _spoil_content(evidence: Path) -> None:
    rewrite(evidence / "1.1 บันทึกข้อความ" / "มอบหมายภารกิจ.pdf", HTML[: len(PDF)].ljust(len(PDF)))


def _empty_folder(evidence: Path) -> None:
    (evidence / "2.1 คำรับรอง" / "องค์การบริหารส่วนตำบลใหม่").mkdir()


def _change_the_pack(evidence: Path) -> None:
    levels = evidence.parent / "levels.yaml"
    levels.write_text(levels.read_text(encoding="utf-8").replace("types: [pdf]", "types: [docx]"), encoding="utf-8")


@pytest.mark.parametrize(
    "change", [_add_file, _remove_file, _rename_file, _spoil_content, _empty_folder, _change_the_pack]
)
def test_a_subtree_that_changed_in_any_way_is_placed_again(tmp_path: Path, big: Path, monkeypatch, change) -> None:
    pack = write_pack(tmp_path / "pack", evidence=TREE)
    before = as_json(pack, jobs=2)
    as_json(pack, jobs=2)  # placed from the cache
    change(pack / "evidence")
    after = uncached(pack, monkeypatch)
    assert after != before
    assert as_json(pack, jobs=2) == after


def test_one_process_does_not_place_a_subtree_again_that_is_as_it_was(
    tmp_path: Path, big: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = write_pack(tmp_path / "pack", evidence=TREE)
    expected = uncached(pack, monkeypatch)
    placed: list[str] = []
    real = parallel._place
    monkeypatch.setattr(parallel, "_place", lambda *args: placed.append(args[2][1]) or real(*args))
    assert as_json(pack) == expected
    assert "1.1 บันทึกข้อความ" in placed
    placed.clear()
    assert as_json(pack) == expected
    assert placed == []
    _add_file(pack / "evidence")
    assert as_json(pack) == uncached(pack, monkeypatch)
    assert placed == ["2.1 คำรับรอง"]


def _deep(root: Path, levels: int) -> Path:
    """A chain of folders levels deep below root, a file in the deepest; that folder."""
    folder = root.joinpath(*(f"ชั้น {n}" for n in range(levels)))
    folder.mkdir(parents=True)
    (folder / "หลักฐาน.pdf").write_bytes(PDF)
    return folder


def test_a_walk_sees_every_change_however_deep(tmp_path: Path) -> None:
    deepest = _deep(tmp_path / "1.1 บันทึกข้อความ", 5)
    first = contentcache.walk(str(tmp_path / "1.1 บันทึกข้อความ"))
    assert first is not None and (first.folders, first.files) == (6, 1)
    assert contentcache.walk(str(tmp_path / "1.1 บันทึกข้อความ")) == first
    rewrite(deepest / "หลักฐาน.pdf", HTML[: len(PDF)].ljust(len(PDF)))  # same size and mtime: ctime tells
    touched = contentcache.walk(str(tmp_path / "1.1 บันทึกข้อความ"))
    assert touched is not None and touched.digest != first.digest
    deepest.rename(deepest.with_name("ชั้นใหม่"))
    renamed = contentcache.walk(str(tmp_path / "1.1 บันทึกข้อความ"))
    assert renamed is not None and renamed.digest not in (first.digest, touched.digest)


def test_a_walk_gives_up_on_a_link_or_a_tree_deeper_than_any_evidence(tmp_path: Path, monkeypatch) -> None:
    deepest = _deep(tmp_path / "linked", 3)
    (deepest / "ทางลัด").symlink_to(tmp_path)
    assert contentcache.walk(str(tmp_path / "linked")) is None  # placed afresh, never followed
    _deep(tmp_path / "deep", 4)
    monkeypatch.setattr(contentcache, "DEEPEST", 3)
    assert contentcache.walk(str(tmp_path / "deep")) is None
    monkeypatch.setattr(contentcache, "DEEPEST", 4)
    assert contentcache.walk(str(tmp_path / "deep")) is not None
