"""Hostile evidence trees, made of real things: symlinks, permission bits, invalid bytes in names.

Whatever arrives by USB stick, share or email, the check finishes, counts what is real, and says
what it could not use.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from itapack.evidence import reading
from itapack.evidence import scan as scan_module
from itapack.evidence.result import Status

from ..conftest import COMPLETE, HTML, PDF, run_check, status_of, write_pack

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file system semantics")


def strays(result) -> dict[str, str]:
    return {s.path: s.reason for s in result.strays}


@posix_only
def test_links_out_of_the_pack_are_not_followed_and_are_reported(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.pdf").write_bytes(PDF)
    root = write_pack(tmp_path / "pack", evidence=dict(COMPLETE, **{"1.1 บันทึกข้อความ": {}}))
    os.symlink(outside / "secret.pdf", root / "evidence" / "1.1 บันทึกข้อความ" / "ลิงก์.pdf")
    os.symlink(outside, root / "evidence" / "ทางลัด")
    result = run_check(root)
    assert status_of(result, "1.1") == "missing"
    assert strays(result) == {
        "evidence/1.1 บันทึกข้อความ/ลิงก์.pdf": "link-outside",
        "evidence/ทางลัด": "link-outside",
    }


@posix_only
def test_links_inside_count_once_and_loops_do_not_hang(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", evidence=COMPLETE)
    evidence = root / "evidence"
    os.symlink(evidence / "1.1 บันทึกข้อความ" / "มอบหมายภารกิจ.pdf", evidence / "1.2 รายงานการประชุม" / "ลิงก์.pdf")
    os.symlink(evidence, evidence / "2.1 คำรับรอง" / "วน")  # a loop back to the top
    os.symlink("b", evidence / "a")
    os.symlink("a", evidence / "b")  # a two-link loop
    os.symlink("ไม่มี.pdf", evidence / "เสีย.pdf")  # dangling
    result = run_check(root)
    report = next(d for d in result.documents if d.id == "1.2").requirements[0]
    # the link leads to 1.1's file, which counts for 1.1 where it really is, and only there
    assert sorted(f.path for f in report.files) == ["evidence/1.2 รายงานการประชุม/รายงาน.pdf"]
    assert strays(result) == {
        "evidence/1.2 รายงานการประชุม/ลิงก์.pdf": "link-inside",
        "evidence/2.1 คำรับรอง/วน": "link-folder",
        "evidence/a": "link-broken",
        "evidence/b": "link-broken",
        "evidence/เสีย.pdf": "link-broken",
    }
    assert result.level_reached == 2


@posix_only
def test_unreadable_files_and_folders_are_problems_and_the_rest_goes_on(tmp_path: Path) -> None:
    result = check_unreadable(COMPLETE, "1.1 บันทึกข้อความ/มอบหมายภารกิจ.pdf", "2.1 คำรับรอง/อบต.บางน้ำผึ้ง")
    memo = next(d for d in result["documents"] if d["id"] == "1.1")["requirements"][0]
    assert (memo["status"], [r["reason"] for r in memo["rejected"]]) == ("problem", ["unreadable"])
    units = {r["unit"]: r for r in next(d for d in result["documents"] if d["id"] == "2.1")["requirements"]}
    assert units["sao-bang-nam-phueng"]["status"] == "problem"
    assert units["tt-bang-bo"]["status"] == "ok"  # the rest of the run goes on
    assert {s["reason"] for s in result["files"]["strays"]} == {"unreadable-folder"}


def check_unreadable(evidence: dict, *unreadable: str) -> dict:
    """The JSON result of a pack whose evidence paths named (under evidence/) cannot be read."""
    base = Path(tempfile.mkdtemp(prefix="itapack-perm-"))  # reachable by an unprivileged user
    try:
        base.chmod(0o755)
        root = write_pack(base / "pack", evidence=evidence)
        for path in root.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        for name in unreadable:
            (root / "evidence" / name).chmod(0o000)
        return _check_unprivileged(root)
    finally:
        for path in base.rglob("*"):
            path.chmod(0o755)
        shutil.rmtree(base)


def _check_unprivileged(root: Path) -> dict:
    """Permission bits do not bind root: as root, check in a forked child that drops to nobody
    (after everything is imported, since nobody cannot read the interpreter's own files here)."""
    import json

    from itapack.outputs import jsonout

    run_check(root)  # loads every lazy import before privileges are dropped
    if os.geteuid() != 0:
        return json.loads(jsonout.dumps(run_check(root)))
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        status = 1
        try:
            os.close(reader)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            with os.fdopen(writer, "w", encoding="utf-8") as stream:
                stream.write(jsonout.dumps(run_check(root)))
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    with os.fdopen(reader, encoding="utf-8") as stream:
        text = stream.read()
    _, status = os.waitpid(pid, 0)
    assert status == 0 and text, "the unprivileged check failed"
    return json.loads(text)


@posix_only
def test_names_that_are_not_utf8_or_hold_control_characters(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", evidence=COMPLETE)
    folder = os.fsencode(root / "evidence" / "1.1 บันทึกข้อความ")
    cp874 = "บันทึก.pdf".encode("cp874")  # from a zip made on Thai Windows
    with open(os.path.join(folder, cp874), "wb") as stream:
        stream.write(PDF)
    with open(os.path.join(folder, b"\xff\xfe.pdf"), "wb") as stream:
        stream.write(PDF)
    (root / "evidence" / "1.2 รายงานการประชุม" / "รายงาน\x07\n.pdf").write_bytes(PDF)
    os.mkdir(os.path.join(os.fsencode(root / "evidence"), "อื่น".encode("cp874")))
    result = run_check(root)
    memo = next(d for d in result.documents if d.id == "1.1").requirements[0]
    assert memo.status is Status.OK  # the good file still counts
    assert sorted((r.path.rsplit("/")[-1], r.reason, r.detail) for r in memo.rejected) == [
        ("บันทึก.pdf", "bad-name", "cp874"),
        ("\ufffd\ufffd.pdf", "bad-name", "undecodable"),
    ]
    report = next(d for d in result.documents if d.id == "1.2").requirements[0]
    assert [(r.path.rsplit("/")[-1], r.reason) for r in report.rejected] == [("รายงาน??.pdf", "bad-name")]
    assert strays(result) == {"evidence/อื่น": "bad-name"}
    from itapack.outputs import jsonout, junit

    jsonout.dumps(result).encode("utf-8")  # every name is text that JSON and XML can hold
    junit.dumps(result).encode("utf-8")


@posix_only
def test_very_long_names_and_deep_paths(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", evidence=COMPLETE)
    long_name = "ก" * 80 + ".pdf"  # 80 Thai letters: 244 bytes, near the 255-byte limit
    (root / "evidence" / "1.1 บันทึกข้อความ" / long_name).write_bytes(PDF)
    folder = os.open(root / "evidence" / "1.2 รายงานการประชุม", os.O_RDONLY)
    try:
        for _ in range(25):  # 25 x 181 bytes: beyond PATH_MAX, so made step by step from a handle
            os.mkdir("ข" * 60, dir_fd=folder)
            inner = os.open("ข" * 60, os.O_RDONLY, dir_fd=folder)
            os.close(folder)
            folder = inner
    finally:
        os.close(folder)
    result = run_check(root)
    assert result.level_reached == 2
    assert "too-long" in {s.reason for s in result.strays}
    memo = next(d for d in result.documents if d.id == "1.1").requirements[0]
    assert any(f.path.endswith(long_name) for f in memo.files)


def test_one_document_spelt_two_ways_still_counts_once_each(tmp_path: Path) -> None:
    evidence = dict(COMPLETE)
    evidence["๑.๑ บันทึก (สำเนา)"] = {"บันทึก 2.PDF": PDF}
    evidence["2.1 คำรับรอง"] = {
        "องค์การบริหารส่วนตำบลบางน้ำผึ้ง".replace("ำ", "\u0e4d\u0e32"): {"ก.pdf": PDF},
        "อบต.บางน้ำผึ้ง": {"ข.Pdf": PDF},
        "ทต.บางบ่อ": {"ค.pdf": PDF},
    }
    result = run_check(write_pack(tmp_path / "pack", evidence=evidence))
    memo = next(d for d in result.documents if d.id == "1.1").requirements[0]
    assert len(memo.files) == 2
    units = {r.unit: len(r.files) for r in next(d for d in result.documents if d.id == "2.1").requirements}
    assert units == {"tt-bang-bo": 1, "sao-bang-nam-phueng": 2}
    assert result.strays == ()


def test_a_file_removed_or_emptied_while_the_scan_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    evidence = dict(COMPLETE, **{"1.1 บันทึกข้อความ": {"a.pdf": PDF, "b.pdf": PDF, "c.pdf": HTML}})
    root = write_pack(tmp_path / "pack", evidence=evidence)
    real = reading.read_file

    def racing(name: str, shown: str, folder_handle: int | None, os_path: str):
        if shown == "a.pdf":
            os.remove(os_path)  # gone between listing and reading
        if shown == "b.pdf":
            Path(os_path).write_bytes(b"")  # emptied after it was listed
        return real(name, shown, folder_handle, os_path)

    monkeypatch.setattr(reading, "read_file", racing)
    result = run_check(root)
    memo = next(d for d in result.documents if d.id == "1.1").requirements[0]
    assert memo.status is Status.PROBLEM
    assert sorted((r.path.rsplit("/")[-1], r.reason) for r in memo.rejected) == [
        ("b.pdf", "empty"),
        ("c.pdf", "content"),
    ]
    assert strays(result) == {"evidence/1.1 บันทึกข้อความ/a.pdf": "vanished"}


def test_a_folder_removed_while_the_scan_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_pack(tmp_path / "pack", evidence=COMPLETE)
    real = os.open
    removed = []

    def racing(path, *args, **kwargs):
        if isinstance(path, str) and path.endswith("1.2 รายงานการประชุม") and not removed:
            removed.append(path)
            shutil.rmtree(path)  # gone between its parent's listing and its own
        return real(path, *args, **kwargs)

    monkeypatch.setattr(scan_module.os, "open", racing)
    result = run_check(root)
    assert status_of(result, "1.2") == "missing"
    assert strays(result) == {"evidence/1.2 รายงานการประชุม": "vanished"}


@posix_only
def test_a_file_reached_through_links_counts_once_where_it_really_is(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", evidence=COMPLETE)
    real = root / "evidence" / "1.1 บันทึกข้อความ" / "มอบหมายภารกิจ.pdf"
    os.symlink(real, root / "evidence" / "1.2 รายงานการประชุม" / "ลิงก์.pdf")  # inside the evidence
    (root / "แนบ").mkdir()
    (root / "แนบ" / "รายงาน.pdf").write_bytes(PDF)
    for name in ("ลิงก์ 1.pdf", "ลิงก์ 2.pdf"):  # two links to one file outside the evidence
        os.symlink(root / "แนบ" / "รายงาน.pdf", root / "evidence" / "1.2 รายงานการประชุม" / name)
    result = run_check(root)
    one_two = next(d for d in result.documents if d.id == "1.2").requirements[0]
    counted = [f.name for f in one_two.files if f.name.startswith("ลิงก์ ")]
    (duplicate,) = {"ลิงก์ 1.pdf", "ลิงก์ 2.pdf"} - set(counted)  # whichever the file system lists first counts
    assert len(counted) == 1 and "รายงาน.pdf" in [f.name for f in one_two.files]
    assert strays(result) == {
        "evidence/1.2 รายงานการประชุม/ลิงก์.pdf": "link-inside",
        f"evidence/1.2 รายงานการประชุม/{duplicate}": "link-duplicate",
    }


def test_a_file_whose_path_is_too_long_to_open_is_reported_as_such(tmp_path: Path, monkeypatch) -> None:
    """Windows without long-path support refuses paths past 260 characters: say that, not 'no permission'."""
    import errno

    real_open = reading._open

    def open_refusing_long_names(name: str, flags: int, folder_handle: int | None, os_path: str) -> int:
        if name.startswith("ยาว"):
            raise OSError(errno.ENAMETOOLONG, "File name too long")
        return real_open(name, flags, folder_handle, os_path)

    monkeypatch.setattr(reading, "_open", open_refusing_long_names)
    root = write_pack(tmp_path / "pack", evidence=dict(COMPLETE, **{"1.1 บันทึกข้อความ": {"ยาว.pdf": PDF}}))
    requirement = next(d for d in run_check(root).documents if d.id == "1.1").requirements[0]
    assert (requirement.status, [r.reason for r in requirement.rejected]) == ("problem", ["too-long"])
